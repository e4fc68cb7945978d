"""A foreign touchpoint inventory: German and English headers recognised, CSV encodings and dialects, the CLI
mapping, umlauts intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from cxstudio import api
from cxstudio.editing.importing import apply_import, guess_mapping, parse_mapping, plan_inventory
from cxstudio.export.office.reading import read_spreadsheet
from cxstudio.model.entities import Card, Touchpoint

INVENTORY = [
    ["Touchpoint", "Kanal", "Verantwortlich", "Beschreibung", "Phase", "Bewertung (1-10)"],
    ["Zählerstand-Postkarte", "Brief", "Messstellenbetrieb", "Karte mit Rücksendeumschlag,\n„bitte bis Freitag“",
     "Rechnung erhalten", 4],
    ["Öffnungszeiten-Ansage", "Callcenter", "Kundenservice", "Bandansage außerhalb der Servicezeiten", "Hilfe suchen", 3],
    ["Service-Hotline", "Callcenter", "Kundenservice", "", "Reklamieren", 2],
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxstudio", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    path = tmp_path / "beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    return path


def _check_imported(path: Path) -> None:
    project = api.open_project(path, read_only=True)
    try:
        document = project.document
        names = {t.name: t for t in document.all(Touchpoint)}
        postcard = names["Zählerstand-Postkarte"]
        assert postcard.description == "Karte mit Rücksendeumschlag,\n„bitte bis Freitag“"
        assert document.get(postcard.channel_id).name == "Brief"
        assert document.get(postcard.department_id).name == "Messstellenbetrieb"
        assert "Öffnungszeiten-Ansage" in names
        cards = [c for c in document.all(Card) if c.touchpoint_id == postcard.id]
        assert [(document.get(c.stage_id).name, c.rating, c.kind) for c in cards] == [("Rechnung erhalten", 4, "touchpoint")]
        hotline = names["Service-Hotline"]  # already in the catalogue: matched by name, not added twice
        assert sum(1 for t in document.all(Touchpoint) if t.name == "Service-Hotline") == 1
        assert any(c.touchpoint_id == hotline.id and c.rating == 2 for c in document.all(Card))
        document.check_invariants()
    finally:
        project.close()


def test_bar_german_inventory_xlsx_imports_with_the_cli_mapping(project_path: Path, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Inventar"
    sheet.append(["Touchpoint-Inventar der Mustermann AG"])  # a title above the header
    sheet.append([])
    for row in INVENTORY:
        sheet.append(row)
    path = tmp_path / "Inventar.xlsx"
    workbook.save(path)
    mapping = ("Touchpoint=name,Kanal=channel,Verantwortlich=department,Beschreibung=description,Phase=stage,"
               "Bewertung (1-10)=rating")
    result = _run("import", str(project_path), str(path), "--mapping", mapping, "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert "gespeichert" in result.stdout and "Zählerstand-Postkarte" in result.stdout
    _check_imported(project_path)


def test_bar_semicolon_csv_in_windows_1252_imports_with_the_cli_mapping(project_path: Path, tmp_path: Path) -> None:
    lines = []
    for row in INVENTORY:
        cells = [str(cell).replace("„", '"').replace("“", '"') for cell in row]
        lines.append(";".join('"' + c.replace('"', '""') + '"' if any(x in c for x in ';\n"') else c for c in cells))
    path = tmp_path / "inventar.csv"
    text = "\r\n".join(lines) + "\r\n"
    path.write_bytes(text.encode("cp1252"))
    mapping = ("Touchpoint=name,Kanal=channel,Verantwortlich=department,Beschreibung=description,Phase=stage,"
               "Bewertung (1-10)=rating")
    result = _run("import", str(project_path), str(path), "--mapping", mapping)
    assert result.returncode == 0, result.stderr
    project = api.open_project(project_path, read_only=True)
    names = {t.name: t for t in project.document.all(Touchpoint)}
    assert names["Zählerstand-Postkarte"].description == 'Karte mit Rücksendeumschlag,\n"bitte bis Freitag"'
    assert "Öffnungszeiten-Ansage" in names
    project.close()


@pytest.mark.parametrize("encoding,delimiter", [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-16", "\t"),
                                                ("utf-8-sig", ",")])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "tp.csv"
    path.write_bytes(f'Name{delimiter}Channel{delimiter}Owner\r\n"Rückruf{delimiter} später"{delimiter}Telefon'
                     f'{delimiter}Kundenservice\r\n"zwei\nZeilen"{delimiter}{delimiter}\r\n'.encode(encoding))
    (table,) = read_spreadsheet(path)
    assert table.header == ("Name", "Channel", "Owner")
    assert table.rows == ((2, (f"Rückruf{delimiter} später", "Telefon", "Kundenservice")), (3, ("zwei\nZeilen",)))
    assert guess_mapping(table.header) == {0: "name", 1: "channel", 2: "department"}


def test_headers_are_recognised_in_german_and_english() -> None:
    assert guess_mapping(["Kontaktpunkt", "Kanal", "Abteilung", "Phase", "Bewertung", "Bemerkung"]) == {
        0: "name", 1: "channel", 2: "department", 3: "stage", 4: "rating", 5: "description"}
    assert guess_mapping(["Touchpoint", "Channel", "Responsible", "Stage", "Rating (1-10)", "Lane"]) == {
        0: "name", 1: "channel", 2: "department", 3: "stage", 4: "rating", 5: "lane"}
    assert guess_mapping(["Nr.", "Berührungspunkt", "Verantwortlichkeit"]) == {1: "name", 2: "department"}
    assert parse_mapping("Touchpoint=name, Kanal=Kanal", ["Touchpoint", "Kanal"]) == {0: "name", 1: "channel"}
    with pytest.raises(ValueError, match="no column 'Farbe'"):
        parse_mapping("Farbe=name", ["Touchpoint"])
    with pytest.raises(ValueError, match="COLUMN=FIELD"):
        parse_mapping("Touchpoint=colour", ["Touchpoint"])


def test_inventory_problems_name_row_column_and_reason(example, tmp_path: Path) -> None:
    path = tmp_path / "fehler.csv"
    path.write_text("Touchpoint;Kanal;Phase;Bewertung\nA;Brieftaube;Klärung;5\nB;Brief;Gibt es nicht;11\n;Brief;;\n",
                    encoding="utf-8")
    (table,) = read_spreadsheet(path)
    plan = plan_inventory(example.document, table, guess_mapping(table.header), path.name)
    assert [(p.row, p.column, p.code) for p in plan.problems] == [
        (2, "Kanal", "unknown_ref"), (3, "Phase", "not_in_journey"), (3, "Bewertung", "bad_rating"), (4, "Touchpoint", "no_name")]
    before = example.document.snapshot()
    with pytest.raises(Exception):  # noqa: B017 - refused as a whole
        example.run(apply_import, plan)
    assert example.document.snapshot() == before
