"""German for UI strings added while resources/translations/ was being edited elsewhere (issue 16); move them into the .ts.

Once `cxstudio_de.ts` carries these translations (and the .qm is compiled), empty PENDING.
"""

from __future__ import annotations

PENDING: dict[tuple[str, str], str] = {
    ("CrashDialog", "CX Studio ran into a problem"): "CX Studio hat ein Problem festgestellt",
    ("CrashDialog", "An unexpected error occurred inside CX Studio, and the last action may not have been completed."):
        "In CX Studio ist ein unerwarteter Fehler aufgetreten; die letzte Aktion wurde vielleicht nicht abgeschlossen.",
    ("CrashDialog", "Your work is kept: every change is already in the working copy. If CX Studio closes, it offers "
                    "this work for recovery at the next start. Saving the project now is a good idea."):
        "Ihre Arbeit bleibt erhalten: Jede Änderung steht bereits in der Arbeitskopie. Wird CX Studio beendet, bietet "
        "es diese Arbeit beim nächsten Start zur Wiederherstellung an. Speichern Sie das Projekt am besten jetzt.",
    ("CrashDialog", "The details are in the log file %1."): "Die Einzelheiten stehen in der Protokolldatei %1.",
    ("CrashDialog", "The log file could not be written."): "Die Protokolldatei konnte nicht geschrieben werden.",
    ("CrashDialog", "Copy details"): "Details kopieren",
    ("CrashDialog", "Copy the technical details for a bug report"):
        "Die technischen Details für eine Fehlermeldung kopieren",
    ("CrashDialog", "Copied"): "Kopiert",
    ("PreferencesDialog", "Your name on the comments you write"): "Ihr Name an den Kommentaren, die Sie schreiben",
    ("PreferencesDialog", "Roll {width} mm wide"): "Rolle {width} mm breit",
    ("PreferencesDialog", "Millimetres (mm)"): "Millimeter (mm)",
    ("PreferencesDialog", "Inches (in)"): "Zoll (in)",
    ("PreferencesDialog", "Off"): "Aus",
    ("PreferencesDialog", " min"): " min",
    ("PreferencesDialog", "Save the project's file every few minutes. Every change is kept in the working copy "
                          "anyway, so nothing is lost when this is off."):
        "Die Projektdatei alle paar Minuten speichern. Jede Änderung steht ohnehin in der Arbeitskopie; "
        "ausgeschaltet geht also nichts verloren.",
    ("PreferencesDialog", "&Author name"): "&Name als Autor",
    ("PreferencesDialog", "Default &paper"): "Standard-&Papier",
    ("PreferencesDialog", "Default &tile sheets"): "Standard-&Kachelblätter",
    ("PreferencesDialog", "&Units"): "&Einheiten",
    ("PreferencesDialog", "Auto&save the file every"): "Datei automatisch &speichern alle",
    ("ProjectController", "Autosave did not save the file: %1"):
        "Das automatische Speichern hat die Datei nicht gespeichert: %1",
}
