"""Errors of reading a spreadsheet for import: each a stable code and one sentence in English or German."""

from __future__ import annotations

from cxstudio.model.messages import UserMessageError

MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("'{path}' does not exist.", "'{path}' existiert nicht."),
    "folder": ("'{path}' is a folder, not a spreadsheet.", "'{path}' ist ein Ordner, keine Tabelle."),
    "unreadable": ("'{path}' cannot be read: {detail}.", "'{path}' kann nicht gelesen werden: {detail}."),
    "empty_file": ("'{path}' is empty.", "'{path}' ist leer."),
    "too_large": ("'{path}' is {size_mb:,.0f} MB; CX Studio imports spreadsheets of at most {limit_mb:,.0f} MB.",
                  "'{path}' ist {size_mb:,.0f} MB groß; CX Studio importiert Tabellen bis {limit_mb:,.0f} MB."),
    "unknown_format": ("'{path}' is neither an Excel workbook (.xlsx) nor a CSV file.",
                       "'{path}' ist weder eine Excel-Arbeitsmappe (.xlsx) noch eine CSV-Datei."),
    "old_excel": ("'{path}' is an old Excel 97-2003 workbook (.xls); save it as .xlsx in Excel and import that.",
                  "'{path}' ist eine alte Excel-97-2003-Arbeitsmappe (.xls); speichern Sie sie in Excel als .xlsx "
                  "und importieren Sie diese."),
    "not_a_zip": ("'{path}' is not an Excel workbook: it is not a valid .xlsx (zip) file.",
                  "'{path}' ist keine Excel-Arbeitsmappe: es ist keine gültige .xlsx-Datei (zip)."),
    "not_a_workbook": ("'{path}' is a zip archive but not an Excel workbook (it has no workbook part).",
                       "'{path}' ist ein Zip-Archiv, aber keine Excel-Arbeitsmappe (ihr fehlt der Arbeitsmappen-Teil)."),
    "encrypted": ("'{path}' is password-protected; remove the password in Excel and import it again.",
                  "'{path}' ist kennwortgeschützt; entfernen Sie das Kennwort in Excel und importieren Sie sie erneut."),
    "zip_bomb": ("'{path}' would unpack to {size_mb:,.0f} MB, more than the {limit_mb:,.0f} MB CX Studio reads; "
                 "it is not imported.",
                 "'{path}' würde sich auf {size_mb:,.0f} MB entpacken, mehr als die {limit_mb:,.0f} MB, die CX Studio "
                 "liest; sie wird nicht importiert."),
    "too_many_parts": ("'{path}' holds {count:,} parts; a workbook has far fewer, so it is not imported.",
                       "'{path}' enthält {count:,} Teile; eine Arbeitsmappe hat weit weniger, sie wird nicht importiert."),
    "damaged": ("'{path}' is a damaged workbook: {detail}.", "'{path}' ist eine beschädigte Arbeitsmappe: {detail}."),
    "too_many_rows": ("The sheet '{sheet}' has more than {limit:,} rows; CX Studio imports at most {limit:,} rows "
                      "per sheet.",
                      "Das Blatt „{sheet}“ hat mehr als {limit:,} Zeilen; CX Studio importiert höchstens {limit:,} "
                      "Zeilen je Blatt."),
    "too_many_columns": ("The sheet '{sheet}' has {count:,} columns; CX Studio imports at most {limit:,}.",
                         "Das Blatt „{sheet}“ hat {count:,} Spalten; CX Studio importiert höchstens {limit:,}."),
    "huge_cell": ("The sheet '{sheet}', row {row}, column {column} holds {length:,} characters or more; a cell "
                  "can hold fewer than {limit:,} (Excel's limit), so it is not imported.",
                  "Das Blatt „{sheet}“, Zeile {row}, Spalte {column} enthält {length:,} Zeichen oder mehr; eine Zelle "
                  "fasst weniger als {limit:,} (die Grenze von Excel), daher wird sie nicht importiert."),
    "merged_cells": ("The sheet '{sheet}' has merged cells ({cells}); unmerge them so every row has its own values.",
                     "Das Blatt „{sheet}“ hat verbundene Zellen ({cells}); heben Sie die Verbindung auf, damit jede "
                     "Zeile ihre eigenen Werte hat."),
    "formula": ("The sheet '{sheet}' has a formula in cell {cell}; CX Studio imports values only: copy the cells and "
                "paste them as values.",
                "Das Blatt „{sheet}“ hat eine Formel in Zelle {cell}; CX Studio importiert nur Werte: kopieren Sie die "
                "Zellen und fügen Sie sie als Werte ein."),
    "no_rows": ("'{path}' holds no rows to import.", "'{path}' enthält keine Zeilen zum Importieren."),
    "encoding": ("'{path}' is not text in a known encoding (UTF-8, UTF-16 or Windows-1252).",
                 "'{path}' ist kein Text in einer bekannten Kodierung (UTF-8, UTF-16 oder Windows-1252)."),
    "csv_syntax": ("'{path}', line {line}: {detail}.", "'{path}', Zeile {line}: {detail}."),
    "no_sheet": ("The workbook has no sheet named '{sheet}'.", "Die Arbeitsmappe hat kein Blatt namens „{sheet}“."),
}


class SpreadsheetError(UserMessageError):
    """A spreadsheet that cannot be imported at all; `message(language)` is one sentence, nothing was changed."""

    MESSAGES = MESSAGES
