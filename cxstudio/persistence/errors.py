"""Project-file errors: a code plus parameters, rendered as one sentence in English or German."""

from __future__ import annotations

from typing import Any

from cxstudio.model.messages import DETAILS, UserMessageError, error_detail

# code -> (English, German). Parameters are filled with str.format; every message is one sentence.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": (
        "The file {path} does not exist.",
        "Die Datei {path} existiert nicht.",
    ),
    "is_directory": (
        "{path} is a folder, not a CX Studio project file.",
        "{path} ist ein Ordner, keine CX-Studio-Projektdatei.",
    ),
    "unreadable": (
        "The file {path} cannot be read: you have no permission to open it.",
        "Die Datei {path} kann nicht gelesen werden: Ihnen fehlt die Berechtigung, sie zu öffnen.",
    ),
    "empty": (
        "The file {path} is empty (0 bytes), so it holds no project.",
        "Die Datei {path} ist leer (0 Byte) und enthält daher kein Projekt.",
    ),
    "not_sqlite": (
        "The file {path} is not a CX Studio project file (it is not an SQLite database; it looks like {looks_like}).",
        "Die Datei {path} ist keine CX-Studio-Projektdatei (sie ist keine SQLite-Datenbank, sondern offenbar {looks_like_de}).",
    ),
    "corrupt": (
        "The project file {path} is damaged or truncated and cannot be opened ({detail}).",
        "Die Projektdatei {path} ist beschädigt oder abgeschnitten und kann nicht geöffnet werden ({detail}).",
    ),
    "file_too_large": (
        "The file {path} is {size}, larger than the {limit} CX Studio opens, so it was not read.",
        "Die Datei {path} ist {size_de} groß, größer als die {limit_de}, die CX Studio öffnet, und wurde daher "
        "nicht gelesen.",
    ),
    "companion_file": (
        "The project file {path} cannot be opened safely because {companion} beside it holds changes another "
        "program has not finished writing; close that program (or remove {companion}) and try again.",
        "Die Projektdatei {path} kann nicht sicher geöffnet werden, weil {companion} daneben Änderungen eines "
        "anderen Programms enthält, die noch nicht fertig geschrieben sind; schließen Sie dieses Programm (oder "
        "entfernen Sie {companion}) und versuchen Sie es erneut.",
    ),
    "too_much_work": (
        "Reading the project file {path} was stopped after {seconds} seconds because it demands far more work "
        "than a CX Studio project of its size, so it was not opened.",
        "Das Lesen der Projektdatei {path} wurde nach {seconds} Sekunden abgebrochen, weil sie weit mehr Arbeit "
        "verlangt als ein CX-Studio-Projekt dieser Größe, und sie wurde daher nicht geöffnet.",
    ),
    "value_too_big": (
        "The project file {path} holds a value larger than CX Studio accepts (at most {limit} per picture), so "
        "it was not opened.",
        "Die Projektdatei {path} enthält einen Wert, der größer ist, als CX Studio annimmt (höchstens {limit_de} "
        "pro Bild), und wurde daher nicht geöffnet.",
    ),
    "foreign_database": (
        "The file {path} is an SQLite database of another application, not a CX Studio project.",
        "Die Datei {path} ist eine SQLite-Datenbank einer anderen Anwendung, kein CX-Studio-Projekt.",
    ),
    "newer_schema": (
        "The project {path} was saved by a newer CX Studio (file format {found}); this version reads formats "
        "up to {supported}, so please update CX Studio to open it.",
        "Das Projekt {path} wurde mit einem neueren CX Studio gespeichert (Dateiformat {found}); diese Version "
        "liest Formate bis {supported}, bitte aktualisieren Sie CX Studio, um es zu öffnen.",
    ),
    "unknown_schema": (
        "The project file {path} has no valid file format number ({found}), so it was not written completely "
        "by CX Studio.",
        "Die Projektdatei {path} hat keine gültige Dateiformat-Nummer ({found}) und wurde daher nicht "
        "vollständig von CX Studio geschrieben.",
    ),
    "invalid_content": (
        "The project file {path} contains {count} invalid entries and is not opened to protect it; the first: "
        "{first} (run 'cxstudio check' for the full list).",
        "Die Projektdatei {path} enthält {count} ungültige Einträge und wird zu ihrem Schutz nicht geöffnet; "
        "der erste: {first} ('cxstudio check' zeigt die ganze Liste).",
    ),
    "disk_full": (
        "Your last change could not be written to the recovery copy in {folder} because the disk is full; "
        "it is kept in memory, so free some space or save the project to another drive.",
        "Ihre letzte Änderung konnte nicht in die Wiederherstellungskopie in {folder} geschrieben werden, weil "
        "der Datenträger voll ist; sie bleibt im Speicher erhalten, geben Sie also Speicherplatz frei oder "
        "speichern Sie das Projekt auf einem anderen Laufwerk.",
    ),
    "write_failed": (
        "Your last change could not be written to the recovery copy in {folder} ({detail}); it is kept in "
        "memory, so save the project soon.",
        "Ihre letzte Änderung konnte nicht in die Wiederherstellungskopie in {folder} geschrieben werden "
        "({detail}); sie bleibt im Speicher erhalten, speichern Sie das Projekt also bald.",
    ),
    "working_copy_failed": (
        "CX Studio cannot create its recovery copy in {folder} ({detail}).",
        "CX Studio kann seine Wiederherstellungskopie in {folder} nicht anlegen ({detail}).",
    ),
    "changed_on_disk": (
        "{path} was changed by another program since it was opened or last saved here, so it was not "
        "overwritten; use Save As to keep both versions.",
        "{path} wurde seit dem Öffnen oder letzten Speichern von einem anderen Programm geändert und daher "
        "nicht überschrieben; speichern Sie mit „Speichern unter“, um beide Fassungen zu behalten.",
    ),
    "save_disk_full": (
        "The project could not be saved to {path} because the disk is full; the file there is unchanged.",
        "Das Projekt konnte nicht unter {path} gespeichert werden, weil der Datenträger voll ist; die Datei "
        "dort ist unverändert.",
    ),
    "save_failed": (
        "The project could not be saved to {path} ({detail}); the file there is unchanged.",
        "Das Projekt konnte nicht unter {path} gespeichert werden ({detail}); die Datei dort ist unverändert.",
    ),
    "save_target_in_use": (
        "The project could not be saved to {path} because the file there is write-protected or in use by "
        "another program; it is unchanged.",
        "Das Projekt konnte nicht unter {path} gespeichert werden, weil die Datei dort schreibgeschützt ist "
        "oder von einem anderen Programm benutzt wird; sie ist unverändert.",
    ),
    "save_folder_read_only": (
        "The project cannot be saved to {path} because you may not write in that folder; use Save As to "
        "choose another place.",
        "Das Projekt kann nicht unter {path} gespeichert werden, weil Sie in diesem Ordner nicht schreiben "
        "dürfen; wählen Sie mit „Speichern unter“ einen anderen Ort.",
    ),
    "read_only": (
        "This project is open read-only ({reason}); use Save As to save your changes under another name.",
        "Dieses Projekt ist schreibgeschützt geöffnet ({reason_de}); speichern Sie Ihre Änderungen mit "
        "„Speichern unter“ unter einem anderen Namen.",
    ),
    "no_path": (
        "This project has not been saved yet; use Save As to choose a file name.",
        "Dieses Projekt wurde noch nicht gespeichert; wählen Sie mit „Speichern unter“ einen Dateinamen.",
    ),
    "locked_target": (
        "{path} cannot be overwritten because {holder} has it open.",
        "{path} kann nicht überschrieben werden, weil {holder_de} die Datei geöffnet hat.",
    ),
    "target_exists": (
        "{path} already exists; use --force to overwrite it.",
        "{path} existiert bereits; mit --force wird die Datei überschrieben.",
    ),
    "target_is_directory": (
        "{path} is a folder; give a file name ending in .cxstudio.",
        "{path} ist ein Ordner; geben Sie einen Dateinamen mit der Endung .cxstudio an.",
    ),
    "closed": (
        "This project has been closed.",
        "Dieses Projekt wurde geschlossen.",
    ),
    "recovery_gone": (
        "The unsaved work of {name} can no longer be recovered: its recovery copy was removed or is in use.",
        "Die ungespeicherte Arbeit an {name} kann nicht mehr wiederhergestellt werden: ihre "
        "Wiederherstellungskopie wurde entfernt oder wird gerade benutzt.",
    ),
    "target_not_a_file": (
        "The project was not saved to {path} because that is not a regular file but a device, a pipe or a link "
        "to nothing.",
        "Das Projekt wurde nicht unter {path} gespeichert, weil dort keine gewöhnliche Datei liegt, sondern ein "
        "Gerät, eine Pipe oder eine Verknüpfung ins Leere.",
    ),
    "save_beside_journal": (
        "The project was not saved to {path} because the file {leftover} beside it holds an unfinished database "
        "change that SQLite would apply over the saved project; move that file away or save under another name.",
        "Das Projekt wurde nicht unter {path} gespeichert, weil die Datei {leftover} daneben eine unvollendete "
        "Datenbankänderung enthält, die SQLite über das gespeicherte Projekt spielen würde; verschieben Sie diese "
        "Datei oder speichern Sie unter einem anderen Namen.",
    ),
    "edit_read_only": (
        "This project is open read-only ({reason}), so it cannot be changed; use Save As to work on a copy.",
        "Dieses Projekt ist schreibgeschützt geöffnet ({reason_de}) und kann daher nicht geändert werden; "
        "arbeiten Sie mit „Speichern unter“ an einer Kopie weiter.",
    ),
    "edit_in_review": (
        "This project is open for review: you can add, answer and resolve comments, but not change the map.",
        "Dieses Projekt ist zur Durchsicht geöffnet: Sie können Kommentare schreiben, beantworten und "
        "erledigen, aber die Map nicht ändern.",
    ),
    "client_copy_onto_project": (
        "A client copy cannot replace the project itself ({path}); choose another file name.",
        "Eine Kundenkopie kann nicht das Projekt selbst ersetzen ({path}); wählen Sie einen anderen Dateinamen.",
    ),
    "no_common_ancestor": (
        "{path} and this project share no kept revision, so their common ancestor is unknown; give the file "
        "they both started from as the base.",
        "{path} und dieses Projekt haben keine gemeinsame aufbewahrte Fassung, daher ist ihr gemeinsamer "
        "Ursprung unbekannt; geben Sie die Datei an, von der beide ausgingen, als Basis an.",
    ),
    "merge_conflicts": (
        "Merging {path} found {count} conflicts (the first: {first}); choose ours or theirs for each.",
        "Beim Zusammenführen von {path} gab es {count} Konflikte (der erste: {first_de}); wählen Sie für jeden "
        "unsere oder ihre Fassung.",
    ),
    "merge_refused": (
        "Merging {path} was refused because the result would break a rule of the model ({reason}).",
        "Das Zusammenführen von {path} wurde abgelehnt, weil das Ergebnis eine Regel des Modells verletzen "
        "würde ({reason}).",
    ),
}

# Reasons a project opens read-only, as (English, German) with parameters.
READ_ONLY_REASONS: dict[str, tuple[str, str]] = {
    "requested": ("opened read-only on request", "auf Wunsch schreibgeschützt geöffnet"),
    "locked": (
        "{holder} has had it open since {since}",
        "{holder_de} hat es seit {since} geöffnet",
    ),
    "locked_unknown": (
        "its lock file {lock} cannot be read, so another program may have it open",
        "seine Sperrdatei {lock} ist nicht lesbar, also hat es vielleicht ein anderes Programm geöffnet",
    ),
    "file_read_only": ("the file is write-protected", "die Datei ist schreibgeschützt"),
    "folder_read_only": (
        "you may not write in its folder",
        "Sie dürfen in ihrem Ordner nicht schreiben",
    ),
}

# What a non-SQLite file looks like, for the not_sqlite message: key -> (English, German).
FILE_KINDS: dict[str, tuple[str, str]] = {
    "zip": ("a ZIP archive or an Office document", "ein ZIP-Archiv oder ein Office-Dokument"),
    "pdf": ("a PDF document", "ein PDF-Dokument"),
    "text": ("a text file", "eine Textdatei"),
    "binary": ("some other binary file", "eine andere Binärdatei"),
    "special": ("a device or a pipe rather than a file", "ein Gerät oder eine Pipe statt einer Datei"),
}


# What was found wrong inside a file, for the `{detail}` of the corrupt message: key -> (English, German).
FILE_DETAILS: dict[str, tuple[str, str]] = {
    "interrupted": ("reading it was stopped", "das Lesen wurde abgebrochen"),
    "not_utf8": ("its text is not valid UTF-8", "ihr Text ist kein gültiges UTF-8"),
    "header_truncated": ("it ends inside the database header", "sie endet mitten im Datenbankkopf"),
    "header_invalid": ("the database header is invalid", "der Datenbankkopf ist ungültig"),
    "partial_page": ("its size is not a whole number of database pages",
                     "ihre Größe ist keine ganze Zahl von Datenbankseiten"),
    "shorter_than_header": ("it is shorter than its header says", "sie ist kürzer, als ihr Kopf angibt"),
    "check_empty": ("the check returned nothing", "die Prüfung lieferte kein Ergebnis"),
}


class ProjectFileError(UserMessageError):
    """A project file could not be opened, written or saved; `message(language)` is one sentence."""

    MESSAGES = MESSAGES
    DETAILS = {**DETAILS, **FILE_DETAILS}


def read_only_reason(code: str, language: str = "en", **params: Any) -> str:
    """The reason a project is read-only as a short clause in `language`."""
    english, german = READ_ONLY_REASONS[code]
    return (german if language == "de" else english).format(**params)


def detail_of(exc: BaseException) -> str:
    """The `{detail}` of a message: a translatable key where one fits, else the error's own short text."""
    if isinstance(exc, UnicodeDecodeError):
        return "not_utf8"
    original = getattr(exc, "orig", None) or exc
    return error_detail(original)


def size_text(size: int, language: str = "en") -> str:
    """A byte count for a sentence: '1.5 GB' / '1,5 GB', '512 MB', '16 MB'."""
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= factor:
            value = f"{size / factor:.1f}".removesuffix(".0")
            return f"{value.replace('.', ',') if language == 'de' else value} {unit}"
    return f"{size} bytes" if language != "de" else f"{size} Byte"
