"""Writing the project's tables as an Excel workbook (openpyxl, write-only) or one table as CSV.

One sheet per table of `cxstudio.editing.tables.TABLES`, the id column first, headers in the project's
language, a frozen bold header row, an autofilter, column widths, and drop-down lists (data
validation) for the enumerations, ratings 1-10, channels, departments and the other names a column
refers to; the lists live on a hidden sheet. Text that starts with '=' is written as text, never as a
formula. Files are written atomically (`output.atomic_output`).
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cxstudio.editing.tables import TABLE_BY_KEY, TABLES, Column, Table, column_letter, enum_words, table_rows
from cxstudio.export.errors import ExportCancelledError, ExportError
from cxstudio.export.output import ProgressReporter, atomic_output, check_writable
from cxstudio.model.document import Document
from cxstudio.model.entities import Channel, Department, Journey, Touchpoint

Progress = Callable[[int, int], bool]
LISTS_SHEET = {"en": "Lists", "de": "Listen"}
_LAST_ROW = 1_048_576




def _choices(document: Document, column: Column, language: str) -> list[str] | None:
    """The words a column's drop-down offers, or None for free text."""
    if column.kind == "enum":
        return enum_words(column.choices or "", language)
    if column.kind == "priority":
        return enum_words("priority", language)
    if column.kind == "bool":
        return enum_words("bool", language)
    if column.kind == "ref":
        kinds = {"channel": Channel, "department": Department, "touchpoint": Touchpoint, "journey": Journey}
        kind = kinds.get(column.choices or "")
        if kind is None:
            return None  # stages and lanes depend on the row's journey
        return list(dict.fromkeys(getattr(e, "name", "") for e in document.all(kind) if getattr(e, "name", "")))
    return None


def export_workbook(document: Document, path: str | os.PathLike[str], language: str | None = None,
                    progress: Progress | None = None) -> int:
    """Write every table as a sheet of an .xlsx; returns the number of data rows written.

    `progress(done, total)` is called once per sheet and once more after the file is saved, just before
    it replaces the target; returning False cancels (ExportCancelledError) and nothing is written.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    language = language or document.project.language
    check_writable(path)  # an unwritable target fails at once, not after the work
    workbook = Workbook(write_only=True)
    lists_title = LISTS_SHEET["de" if language == "de" else "en"]
    lists: list[list[str]] = []  # one column per list
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="305496")
    wrap = Alignment(vertical="top")
    try:
        written = 0
        total = len(TABLES) + 1  # the sheets, then saving
        for position, table in enumerate(TABLES):
            _check(progress, position, total)
            sheet = workbook.create_sheet(table.title(language))
            sheet.freeze_panes = "B2"
            rows = table_rows(document, table, language)
            header = next(rows)
            data = list(rows)
            last = max(2, len(data) + 1)
            for index, column in enumerate(table.columns):
                sheet.column_dimensions[column_letter(index)].width = column.width
                words = _choices(document, column, language)
                target = f"{column_letter(index)}2:{column_letter(index)}{_LAST_ROW}"
                if column.kind == "int" and column.key == "rating":
                    validation = DataValidation(type="whole", operator="between", formula1="1", formula2="10",
                                                allow_blank=True, showErrorMessage=True)
                    validation.error = ("Eine Bewertung ist eine ganze Zahl von 1 bis 10." if language == "de"
                                        else "A rating is a whole number from 1 to 10.")
                elif column.kind == "int" and column.low is not None:
                    validation = DataValidation(type="whole", operator="between", formula1=str(column.low),
                                                formula2=str(column.high), allow_blank=True, showErrorMessage=True)
                elif words:
                    lists.append(words)
                    list_column = column_letter(len(lists) - 1)
                    validation = DataValidation(
                        type="list", formula1=f"'{lists_title}'!${list_column}$1:${list_column}${len(words)}",
                        allow_blank=True, showErrorMessage=column.kind != "ref",
                    )
                else:
                    continue
                validation.add(target)
                sheet.data_validations.append(validation)
            sheet.auto_filter.ref = f"A1:{column_letter(len(table.columns) - 1)}{last}"
            cells = []
            for text in header:
                cell = WriteOnlyCell(sheet, text)
                cell.font, cell.fill = bold, fill
                cells.append(cell)
            sheet.append(cells)
            for row in data:
                sheet.append([_safe_cell(sheet, value, wrap, WriteOnlyCell) for value in row])
            written += len(data)
        lists_sheet = workbook.create_sheet(lists_title)
        lists_sheet.sheet_state = "hidden"
        for index in range(max((len(words) for words in lists), default=0)):
            lists_sheet.append([words[index] if index < len(words) else None for words in lists])
        _check(progress, len(TABLES), total)
        with atomic_output(Path(path)) as temporary:
            workbook.save(temporary)
            _check(progress, total, total)  # a cancel during saving still leaves nothing behind
    except BaseException:  # cancelled or failed: openpyxl's temporary sheet files go too
        _discard(workbook)
        raise
    return written


def _discard(workbook: Any) -> None:
    """Close the write-only sheets of an unsaved workbook and remove their temporary files."""
    for sheet in getattr(workbook, "_sheets", ()):
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def _check(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ExportCancelledError()


def _safe_cell(sheet: Any, value: Any, alignment: Any, cell_type: Any) -> Any:
    """A value as a cell; text starting with '=' stays text (openpyxl would write it as a formula)."""
    if isinstance(value, str) and value.startswith("="):
        cell = cell_type(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def table_names() -> Sequence[str]:
    return [table.key for table in TABLES]


def export_csv(document: Document, path: str | os.PathLike[str], table: str = "cards",
               language: str | None = None, progress: Progress | None = None) -> int:
    """Write one table as a UTF-8 CSV (with BOM, so Excel reads the umlauts; a comma or, in German, a
    semicolon between cells, as Excel expects); returns the number of data rows.

    `progress(done, total)` is called as rows are written (about a hundred times at most) and once
    more before the file replaces the target; returning False cancels and nothing is written.
    """
    language = language or document.project.language
    spec: Table | None = TABLE_BY_KEY.get(table)
    if spec is None:
        raise ExportError("unknown_table", table=table, tables=", ".join(table_names()))
    check_writable(path)
    rows = list(table_rows(document, spec, language))
    reporter = ProgressReporter(progress, total=len(rows) + 1)
    with atomic_output(Path(path)) as temporary:
        with open(temporary, "w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file, delimiter=";" if language == "de" else ",", quoting=csv.QUOTE_MINIMAL)
            for row in rows:
                writer.writerow(["" if value is None else value for value in row])
                reporter.advance()
        reporter.finish()  # closed first: a cancel removes the temporary file, also on Windows
    return len(rows) - 1
