"""`cxstudio export -o .xlsx|.csv|.pptx` and `cxstudio import`: sentences in English and German, exit codes, dry run."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from cxstudio import api
from cxstudio.model.entities import Card


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxstudio", *args], capture_output=True, text=True, timeout=120)


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    return path


def test_export_import_round_trip_on_the_command_line(tmp_path: Path) -> None:
    project_path = _project(tmp_path)
    workbook = tmp_path / "b.xlsx"
    result = _run("export", str(project_path), "-o", str(workbook), "--lang", "de")
    assert result.returncode == 0 and "Arbeitsmappe mit 180 Zeilen" in result.stdout
    assert _run("export", str(project_path), "-o", str(tmp_path / "b.pptx")).returncode == 0
    result = _run("export", str(project_path), "-o", str(tmp_path / "tp.csv"), "--table", "touchpoints")
    assert result.returncode == 0 and "table touchpoints of 18 rows" in result.stdout
    result = _run("export", str(project_path), "-o", str(tmp_path / "b.xlsx"), "--table", "cards")
    assert result.returncode == 2 and "--table is only for .csv" in result.stderr  # a wrong command line
    result = _run("export", str(project_path), "-o", str(tmp_path / "x.csv"), "--table", "nichts")
    assert result.returncode == 2 and "'nichts' is not a table" in result.stderr

    book = load_workbook(workbook)
    book["Karten"]["F2"] = "Geänderter Titel"
    book.save(workbook)
    digest = hashlib.sha256(project_path.read_bytes()).hexdigest()
    result = _run("import", str(project_path), str(workbook), "--dry-run")
    assert result.returncode == 0 and "Dry run: nothing saved." in result.stdout
    assert "Titel: " in result.stdout and "→ Geänderter Titel" in result.stdout
    assert hashlib.sha256(project_path.read_bytes()).hexdigest() == digest
    result = _run("import", str(project_path), str(workbook), "--lang", "de")
    assert result.returncode == 0 and "1 geändert (1 Felder)" in result.stdout and "gespeichert" in result.stdout
    project = api.open_project(project_path, read_only=True)
    assert "Geänderter Titel" in {c.title for c in project.document.all(Card)}
    project.close()


def test_an_invalid_row_fails_the_import_with_every_problem_and_changes_nothing(tmp_path: Path) -> None:
    project_path = _project(tmp_path)
    workbook = tmp_path / "b.xlsx"
    assert _run("export", str(project_path), "-o", str(workbook)).returncode == 0
    book = load_workbook(workbook)
    book["Karten"]["H2"] = 11
    book["Karten"]["H3"] = 0
    book["Karten"]["F4"] = "ok, aber nicht übernommen"
    book.save(workbook)
    digest = hashlib.sha256(project_path.read_bytes()).hexdigest()
    result = _run("import", str(project_path), str(workbook))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("cxstudio: Sheet 'Karten', row 2, column 'Bewertung (1-10)': 11 is not a rating")
    assert lines[1].startswith("cxstudio: Sheet 'Karten', row 3, column 'Bewertung (1-10)': 0 is not a rating")
    assert lines[-1].endswith("2 problem(s). Nothing was imported.")
    assert hashlib.sha256(project_path.read_bytes()).hexdigest() == digest
    result = _run("import", str(project_path), str(workbook), "--mapping", "Farbe=name")
    assert result.returncode == 2 and "no column 'Farbe'" in result.stderr
