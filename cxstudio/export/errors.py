"""Export errors: each has a stable code and one sentence for the user in English or German."""

from __future__ import annotations

from cxstudio.model.messages import UserMessageError

# code -> (English, German) message templates; fields come from ExportError.params
MESSAGES: dict[str, tuple[str, str]] = {
    "unknown_journey": (
        "The project has no journey named '{name}'; its journeys are: {available}.",
        "Das Projekt hat keine Customer Journey namens '{name}'; vorhanden sind: {available}.",
    ),
    "no_journeys": (
        "The project has no journey to export.",
        "Das Projekt enthält keine Customer Journey, die exportiert werden könnte.",
    ),
    "unknown_view": (
        "'{view}' is not a view; use map, blueprint, swimlane (by channel) or swimlane-department.",
        "'{view}' ist keine Ansicht; möglich sind map, blueprint, swimlane (nach Kanal) oder swimlane-department.",
    ),
    "unknown_paper": (
        "'{paper}' is not a paper size; use A0-A4, letter, tabloid, roll610, roll914, roll1067 or a custom size such as 1200x800mm.",
        "'{paper}' ist kein Papierformat; möglich sind A0-A4, letter, tabloid, roll610, roll914, roll1067 oder ein eigenes Format wie 1200x800mm.",
    ),
    "unknown_report_paper": (
        "The report is printed on A4 or letter paper, not '{paper}'.",
        "Der Bericht wird auf A4- oder Letter-Papier gedruckt, nicht auf '{paper}'.",
    ),
    "unknown_tile_paper": (
        "'{paper}' cannot be used for tiles; tile onto A4, A3 or letter.",
        "'{paper}' ist für Kacheln nicht möglich; gekachelt wird auf A4, A3 oder letter.",
    ),
    "bad_orientation": (
        "'{orientation}' is not an orientation; use portrait or landscape.",
        "'{orientation}' ist keine Ausrichtung; möglich sind portrait (Hochformat) oder landscape (Querformat).",
    ),
    "bad_scale": (
        "'{scale}' is not a scale; use fit or a number greater than 0 such as 1.0 for 100 %.",
        "'{scale}' ist kein Maßstab; möglich sind fit oder eine Zahl größer 0, etwa 1.0 für 100 %.",
    ),
    "bad_text_size": (
        "The minimum text size must be between 1 and 200 pt, not {size}.",
        "Die Mindestschriftgröße muss zwischen 1 und 200 pt liegen, nicht {size}.",
    ),
    "bad_overlap": (
        "The overlap must be between 0 and {limit} mm, not {overlap} mm.",
        "Die Überlappung muss zwischen 0 und {limit} mm liegen, nicht {overlap} mm.",
    ),
    "page_too_large": (
        "The page would be {width_mm:.0f} x {height_mm:.0f} mm, beyond the PDF limit of 5,080 mm per side; "
        "tile it onto smaller sheets (--tile A4), or scale it down to at most {max_percent}% (--scale {max_scale:g}).",
        "Die Seite wäre {width_mm:.0f} x {height_mm:.0f} mm groß und damit über der PDF-Grenze von 5.080 mm je Seite; "
        "kacheln Sie sie auf kleinere Blätter (--tile A4) oder verkleinern Sie sie auf höchstens {max_percent} % (--scale {max_scale:g}).",
    ),
    "paper_too_large": (
        "A {width_mm:.0f} x {height_mm:.0f} mm page is beyond the PDF limit of 5,080 mm per side; "
        "choose a smaller paper or tile the map onto sheets (--tile A4).",
        "Eine Seite von {width_mm:.0f} x {height_mm:.0f} mm ist über der PDF-Grenze von 5.080 mm je Seite; "
        "wählen Sie ein kleineres Papier oder kacheln Sie die Karte auf Blätter (--tile A4).",
    ),
    "does_not_fit": (
        "At {scale:.0%} the map needs {need_w_mm:.0f} x {need_h_mm:.0f} mm but {paper} has room for only "
        "{room_w_mm:.0f} x {room_h_mm:.0f} mm; use --scale fit, larger paper, or tile it (--tile A4).",
        "Bei {scale:.0%} braucht die Karte {need_w_mm:.0f} x {need_h_mm:.0f} mm, {paper} bietet aber nur "
        "{room_w_mm:.0f} x {room_h_mm:.0f} mm; nutzen Sie --scale fit, ein größeres Papier oder Kacheln (--tile A4).",
    ),
    "unwritable_output": (
        "Cannot write '{path}': {reason}.",
        "'{path}' kann nicht geschrieben werden: {reason}.",
    ),
    "output_is_input": (
        "The output '{path}' is the project file itself; choose another file name for the export.",
        "Die Ausgabe '{path}' ist die Projektdatei selbst; wählen Sie einen anderen Dateinamen für den Export.",
    ),
    "unknown_format": (
        "'{suffix}' is not a format CX Studio exports; name the output file .pdf, .png, .svg, .xlsx, .csv or .pptx.",
        "'{suffix}' ist kein Format, in das CX Studio exportiert; geben Sie der Ausgabedatei die Endung .pdf, .png, "
        ".svg, .xlsx, .csv oder .pptx.",
    ),
    "unknown_table": (
        "'{table}' is not a table CX Studio exports; choose one of {tables}.",
        "'{table}' ist keine Tabelle, die CX Studio exportiert; möglich sind {tables}.",
    ),
    "cancelled": (
        "The export was cancelled; no file was written.",
        "Der Export wurde abgebrochen; es wurde keine Datei geschrieben.",
    ),
}

# reasons for unwritable_output, in both languages
REASONS: dict[str, tuple[str, str]] = {
    "no_folder": ("the folder does not exist", "der Ordner existiert nicht"),
    "is_folder": ("it is a folder", "es ist ein Ordner"),
    "permission": ("permission denied", "keine Berechtigung"),
    "read_only": ("the file is read-only", "die Datei ist schreibgeschützt"),
    "disk_full": ("the disk is full", "der Datenträger ist voll"),
    "os_error": ("the system refused it", "das System hat es abgelehnt"),
}


class ExportError(UserMessageError):
    """An export that cannot be done; `code` is stable, `message(language)` is the sentence for the user."""

    MESSAGES = MESSAGES
    REASONS = REASONS

    def __init__(self, code: str, **params: object) -> None:
        scale = params.get("max_scale")
        if isinstance(scale, (int, float)) and "max_percent" not in params:
            params["max_percent"] = f"{round(scale * 100, 6):g}"  # the offered scale is rounded down already
        super().__init__(code, **params)


class ExportCancelledError(ExportError):
    """The progress callback asked to stop; nothing was written."""

    def __init__(self) -> None:
        super().__init__("cancelled")
