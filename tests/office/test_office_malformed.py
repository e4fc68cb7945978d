"""Malformed and hostile spreadsheets: one clear sentence each, the project unchanged, nothing unpacked unbounded."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from cxstudio import api
from cxstudio.export.office import reading
from cxstudio.export.office.errors import SpreadsheetError
from cxstudio.export.office.reading import read_spreadsheet


def _workbook(path: Path, rows: list[list[object]], edit=None) -> Path:  # type: ignore[no-untyped-def]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Karten"
    for row in rows:
        sheet.append(row)
    if edit is not None:
        edit(sheet)
    workbook.save(path)
    return path


def _refused(path: Path) -> SpreadsheetError:
    with pytest.raises(SpreadsheetError) as raised:
        read_spreadsheet(path)
    error = raised.value
    for language in ("en", "de"):
        sentence = error.message(language)
        assert "\n" not in sentence and len(sentence) < 400 and sentence.endswith(".")
    return error


def test_merged_cells_in_the_table_are_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "m.xlsx", [["Touchpoint", "Kanal"], ["A", "Brief"], ["B", None]],
                     lambda sheet: sheet.merge_cells("B2:B3"))
    assert _refused(path).message("en") == ("The sheet 'Karten' has merged cells (B2:B3); unmerge them so every row "
                                            "has its own values.")


def test_a_merged_title_above_the_table_is_fine(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "t.xlsx", [["Inventar"], [], ["Touchpoint", "Kanal"], ["A", "Brief"]],
                     lambda sheet: sheet.merge_cells("A1:B1"))
    (table,) = read_spreadsheet(path)
    assert table.header == ("Touchpoint", "Kanal") and table.rows == ((4, ("A", "Brief")),)


def test_formulas_are_refused_with_their_cell(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", [["Touchpoint", "Bewertung"], ["A", 3], ["B", "=B2+1"]])
    assert _refused(path).message("de") == ("Das Blatt „Karten“ hat eine Formel in Zelle B3; CX Studio importiert nur "
                                            "Werte: kopieren Sie die Zellen und fügen Sie sie als Werte ein.")


def test_empty_rows_are_skipped_and_an_empty_workbook_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "e.xlsx", [["Touchpoint", "Kanal"], [], [None, "  "], ["A", "Brief"], []])
    (table,) = read_spreadsheet(path)
    assert table.rows == ((4, ("A", "Brief")),)
    assert "holds no rows" in _refused(_workbook(tmp_path / "leer.xlsx", [[], []])).message("en")


def test_100000_rows_are_refused_before_they_are_read(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Karten")
    sheet.append(["Touchpoint", "Kanal"])
    for number in range(100_000):
        sheet.append([f"T{number}", "Brief"])
    path = tmp_path / "gross.xlsx"
    workbook.save(path)
    assert _refused(path).message("en") == ("The sheet 'Karten' has more than 60,000 rows; CX Studio imports at most "
                                            "60,000 rows per sheet.")


def test_a_far_away_cell_does_not_make_the_reader_allocate_the_grid(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "weit.xlsx", [["Touchpoint", "Kanal"]], lambda s: s.cell(row=1_000_000, column=16_000,
                                                                                      value="x"))
    assert "rows" in _refused(path).message("en")


def test_a_huge_cell_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "h.xlsx", [["Touchpoint", "Text"], ["A", "ä" * (reading.MAX_CELL + 1)]])
    assert _refused(path).message("en") == ("The sheet 'Karten', row 2, column B holds 32,767 characters or more; a cell "
                                            "can hold fewer than 32,767 (Excel's limit), so it is not imported.")
    csv_path = tmp_path / "h.csv"
    csv_path.write_text("Touchpoint;Text\nA;" + "x" * 200_000 + "\n", encoding="utf-8")
    assert _refused(csv_path).code == "huge_cell"


def test_a_zip_that_is_not_a_workbook_and_other_non_workbooks(tmp_path: Path) -> None:
    archive = tmp_path / "archiv.xlsx"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "kein Excel")
    assert "is a zip archive but not an Excel workbook" in _refused(archive).message("en")
    garbage = tmp_path / "kaputt.xlsx"
    garbage.write_bytes(b"this is not a zip file at all")
    assert "not a valid .xlsx" in _refused(garbage).message("en")
    old = tmp_path / "alt.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "Excel 97-2003" in _refused(old).message("en")
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    assert _refused(empty).message("en").endswith("is empty.")
    binary = tmp_path / "bild.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "neither an Excel workbook" in _refused(binary).message("en")
    truncated = tmp_path / "halb.xlsx"
    whole = _workbook(tmp_path / "ganz.xlsx", [["Touchpoint", "Kanal"], ["A", "B"]]).read_bytes()
    truncated.write_bytes(whole[: len(whole) // 2])
    _refused(truncated)


def test_a_zip_bomb_is_refused_from_its_directory_without_unpacking(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:  # streamed: the test stays small
            block = bytes(1 << 20)
            for _ in range(reading.MAX_UNPACKED // len(block) + 1):
                part.write(block)
    assert path.stat().st_size < 1_000_000
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(name))
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    error = _refused(path)
    assert error.code == "zip_bomb" and opened == []
    assert "would unpack to 269 MB, more than the 268 MB CX Studio reads" in error.message("en")


def test_cli_import_of_a_malformed_file_says_one_sentence_and_leaves_the_project_unchanged(tmp_path: Path) -> None:
    project_path = tmp_path / "p.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(project_path)
    project.close()
    digest = hashlib.sha256(project_path.read_bytes()).hexdigest()
    path = _workbook(tmp_path / "f.xlsx", [["Touchpoint", "Kanal"], ["A", "=1+1"]])
    result = subprocess.run([sys.executable, "-m", "cxstudio", "import", str(project_path), str(path), "--lang", "de"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Formel in Zelle B2" in result.stderr and "nichts importiert" in result.stderr
    assert hashlib.sha256(project_path.read_bytes()).hexdigest() == digest
