"""Reading spreadsheets for import, as untrusted input: xlsx (python-calamine) and CSV, bounded in size, rows, cells and time.

A workbook is a zip archive: before any part is unpacked, its directory is checked (at most
`MAX_UNPACKED` bytes in all, `MAX_PARTS` parts, no encryption, a workbook part present), so a zip
bomb is refused without expanding it. Each visible sheet's XML is then streamed once to find
formulas, merged cells and how far its cells reach (a sparse cell at XFD1048576 would make any
reader allocate the whole grid); only then does python-calamine read the values. CSV files are
decoded as UTF-8 (with or without BOM), UTF-16 or Windows-1252 and split on the delimiter of their
header line (comma, semicolon or tab), quoted newlines included. Every refusal is a
`SpreadsheetError` with one sentence; the file is only read.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from cxstudio.editing.import_plan import RawTable
from cxstudio.editing.tables import column_letter
from cxstudio.export.office.errors import SpreadsheetError
from cxstudio.model.messages import error_detail

MAX_FILE_BYTES = 64 * 1024 * 1024  # the spreadsheet file itself
MAX_UNPACKED = 256 * 1024 * 1024  # all parts of a workbook, unpacked, by the zip directory
MAX_PARTS = 2_000
MAX_ROWS = 60_000  # data rows per sheet (a 50,000-card project exports within it)
MAX_COLUMNS = 200
# characters in one cell: Excel's own limit. python-calamine cuts longer cells to it silently, so a cell of
# that length may have been cut and is refused rather than imported shortened.
MAX_CELL = 32_767
HEADER_SEARCH = 20  # rows searched for the header of a foreign sheet
_CHUNK = 1 << 20

_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)\"")
_REF = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")


def read_spreadsheet(path: str | os.PathLike[str]) -> list[RawTable]:
    """The visible sheets of an .xlsx, or the one table of a CSV file, as RawTables (empty rows left out)."""
    path = Path(path)
    size = _check_file(path)
    with path.open("rb") as file:
        head = file.read(8)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _read_workbook(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise SpreadsheetError("encrypted" if path.suffix.lower() in (".xlsx", ".xlsm") else "old_excel", path=path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise SpreadsheetError("not_a_zip", path=path)
    return [_read_csv(path, size)]


def _check_file(path: Path) -> int:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SpreadsheetError("missing", path=path) from None
    except OSError as error:
        raise SpreadsheetError("unreadable", path=path, detail=error_detail(error)) from None
    if path.is_dir():
        raise SpreadsheetError("folder", path=path)
    if info.st_size == 0:
        raise SpreadsheetError("empty_file", path=path)
    if info.st_size > MAX_FILE_BYTES:
        raise SpreadsheetError("too_large", path=path, size_mb=info.st_size / 1e6, limit_mb=MAX_FILE_BYTES / 1e6)
    if not os.access(path, os.R_OK):
        raise SpreadsheetError("unreadable", path=path, detail="EACCES")
    return info.st_size


# ---------------------------------------------------------------------- xlsx
def check_zip(path: Path) -> dict[str, str]:
    """Check a workbook's zip directory without unpacking anything; returns sheet name -> its XML part."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SpreadsheetError("not_a_zip", path=path) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise SpreadsheetError("too_many_parts", path=path, count=len(infos))
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED:
            raise SpreadsheetError("zip_bomb", path=path, size_mb=unpacked / 1e6, limit_mb=MAX_UNPACKED / 1e6)
        if any(info.flag_bits & 0x1 for info in infos):
            raise SpreadsheetError("encrypted", path=path)
        names = {info.filename for info in infos}
        if "xl/workbook.xml" not in names:
            raise SpreadsheetError("not_a_workbook", path=path)
        try:
            return _sheet_parts(archive, names)
        except (zipfile.BadZipFile, ElementTree.ParseError, OSError, EOFError, ValueError) as error:
            raise SpreadsheetError("damaged", path=path, detail=error_detail(error)) from None


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Sheet name -> the zip part of its XML, from the workbook and its relationships (small parts)."""
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels")):
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else "xl/" + target
            targets[rel.get("Id", "")] = os.path.normpath(target).replace(os.sep, "/")
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{main}sheet"):
        part = targets.get(sheet.get(f"{rel_ns}id", ""), "")
        if part in names:
            parts[sheet.get("name", "")] = part
    return parts


class _SheetScan:
    """What one streaming pass over a sheet's XML found: formula cells, merged ranges, the farthest cell."""

    def __init__(self) -> None:
        self.formulas: list[tuple[int, str]] = []  # (row, cell reference)
        self.merged: list[str] = []
        self.max_row = 0
        self.max_column = 0


def scan_sheet(archive: zipfile.ZipFile, part: str) -> _SheetScan:
    """Stream a sheet's XML once (bounded by the checked directory), without building it in memory."""
    scan = _SheetScan()
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            buffer = tail + chunk
            for match in _CELL_REF.finditer(buffer):
                scan.max_row = max(scan.max_row, int(match[2]))
                scan.max_column = max(scan.max_column, _column_number(match[1].decode()))
            if len(scan.formulas) < 100:
                for match in _FORMULA.finditer(buffer):
                    cells = list(_CELL_REF.finditer(buffer, 0, match.start()))
                    if cells:
                        ref = cells[-1][1] + cells[-1][2]
                        scan.formulas.append((int(cells[-1][2]), ref.decode()))
            if len(scan.merged) < 100:
                scan.merged.extend(m[1].decode() for m in _MERGE.finditer(buffer))
            cut = buffer.rfind(b"<", max(0, len(buffer) - 4096))
            tail = buffer[cut:] if cut >= 0 else b""
            if tail == buffer:
                tail = b""
    scan.merged = list(dict.fromkeys(scan.merged))
    scan.formulas = list(dict.fromkeys(scan.formulas))
    return scan


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _read_workbook(path: Path) -> list[RawTable]:
    parts = check_zip(path)
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        visible = {meta.name for meta in workbook.sheets_metadata if str(meta.visible).endswith("Visible")
                   and str(getattr(meta, "typ", "WorkSheet")).endswith("WorkSheet")}
        tables = []
        with zipfile.ZipFile(path) as archive:
            for name in workbook.sheet_names:
                if name not in visible:
                    continue
                scan = scan_sheet(archive, parts[name]) if name in parts else _SheetScan()
                if scan.max_row > MAX_ROWS + HEADER_SEARCH:
                    raise SpreadsheetError("too_many_rows", sheet=name, limit=MAX_ROWS)
                if scan.max_column > MAX_COLUMNS:
                    raise SpreadsheetError("too_many_columns", sheet=name, count=scan.max_column, limit=MAX_COLUMNS)
                sheet = workbook.get_sheet_by_name(name)
                rows = sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + HEADER_SEARCH + 1)
                table = _table(name, rows, start_row=1)
                if table is not None:
                    _refuse_formulas_and_merges(name, table, scan)
                    tables.append(table)
    except SpreadsheetError:
        raise
    except Exception as error:  # calamine's errors (CalamineError, XmlError, ...) say what is damaged
        raise SpreadsheetError("damaged", path=path, detail=error_detail(error)) from None
    if not tables:
        raise SpreadsheetError("no_rows", path=path)
    return tables


def _refuse_formulas_and_merges(name: str, table: RawTable, scan: _SheetScan) -> None:
    for row, ref in scan.formulas:
        if row >= table.header_row:
            raise SpreadsheetError("formula", sheet=name, cell=ref)
    merged = []
    for ref in scan.merged:
        last = ref.split(":")[-1]
        match = _REF.match(last)
        if match and int(match[2]) >= table.header_row:
            merged.append(ref)
    if merged:
        raise SpreadsheetError("merged_cells", sheet=name, cells=", ".join(merged[:3]) + (", …" if len(merged) > 3 else ""))


def _table(name: str, rows: list[list[Any]] | Iterator[list[Any]], start_row: int) -> RawTable | None:
    """Rows of cells -> a RawTable: blanks as None, the header found, empty rows left out, limits enforced.

    The header is the first row with at least two text cells among the first HEADER_SEARCH non-empty rows
    (a title above a foreign table is skipped), else the first non-empty row.
    """
    kept: list[tuple[int, tuple[Any, ...]]] = []
    pending: list[tuple[int, tuple[Any, ...]]] = []
    header: tuple[Any, ...] | None = None
    header_row = 0
    for number, row in enumerate(rows, start=start_row):
        cells = tuple(None if cell == "" or cell is None else cell for cell in row)
        if not any(cell is not None and not (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue
        if len(cells) > MAX_COLUMNS:
            raise SpreadsheetError("too_many_columns", sheet=name, count=len(cells), limit=MAX_COLUMNS)
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and len(cell) >= MAX_CELL:
                raise SpreadsheetError("huge_cell", sheet=name, row=number, column=column_letter(index), length=len(cell),
                                       limit=MAX_CELL)
        while cells and cells[-1] is None:
            cells = cells[:-1]
        if header is None:
            if sum(1 for cell in cells if isinstance(cell, str) and cell.strip()) >= 2:
                header, header_row = cells, number
            else:
                pending.append((number, cells))
                if len(pending) >= HEADER_SEARCH:
                    (header_row, header), kept = pending[0], pending[1:]
            continue
        kept.append((number, cells))
        if len(kept) > MAX_ROWS:
            raise SpreadsheetError("too_many_rows", sheet=name, limit=MAX_ROWS)
    if header is None:
        if not pending:
            return None
        (header_row, header), kept = pending[0], pending[1:]
    return RawTable(name, header, tuple(kept), header_row)




# ---------------------------------------------------------------------- CSV
def decode_text(data: bytes, path: Path) -> str:
    """CSV bytes as text: a BOM decides (UTF-8, UTF-16); else UTF-8 if it is valid, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict") if _valid(data[3:], "utf-8") \
            else _refuse_encoding(path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return _refuse_encoding(path)
    if b"\x00" in data:
        raise SpreadsheetError("unknown_format", path=path)
    for encoding in ("utf-8", "cp1252"):
        if _valid(data, encoding):
            return data.decode(encoding)
    return _refuse_encoding(path)


def _valid(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _refuse_encoding(path: Path) -> str:
    raise SpreadsheetError("encoding", path=path)


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of semicolon, comma and tab outside quotes (comma if none)."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_csv(path: Path, size: int) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SpreadsheetError("unreadable", path=path, detail=error_detail(error)) from None
    text = decode_text(data, path)
    if "\x00" in text:
        raise SpreadsheetError("unknown_format", path=path)
    delimiter = sniff_delimiter(text)
    if csv.field_size_limit() < MAX_CELL * 4:
        csv.field_size_limit(MAX_CELL * 4)  # longer fields are refused below with the same sentence as in a workbook
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True,
                        strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + HEADER_SEARCH + 1:
                raise SpreadsheetError("too_many_rows", sheet=path.name, limit=MAX_ROWS)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise SpreadsheetError("huge_cell", sheet=path.name, row=len(rows) + 1, column="?", length=MAX_CELL * 4,
                                   limit=MAX_CELL) from None
        raise SpreadsheetError("csv_syntax", path=path, line=reader.line_num, detail=str(error)) from None
    table = _table(path.name, rows, start_row=1)
    if table is None or not table.rows:
        raise SpreadsheetError("no_rows", path=path)
    return table
