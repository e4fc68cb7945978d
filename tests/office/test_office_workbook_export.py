"""The workbook export read back with openpyxl: sheets, id first, headers in the project's language, frozen header,
autofilter, widths, drop-down lists; the CSV export of one table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cxstudio import api
from cxstudio.editing import operations
from cxstudio.editing.tables import TABLES
from cxstudio.export.errors import ExportError
from cxstudio.export.office.workbook import export_csv, export_workbook
from cxstudio.model.entities import Action, Card, Touchpoint


def test_one_sheet_per_table_with_german_headers_and_the_id_first(example, example_workbook: Path) -> None:
    workbook = load_workbook(example_workbook)
    assert workbook.sheetnames[:6] == ["Touchpoint-Katalog", "Karten", "Personas", "Erkenntnisse", "Maßnahmen",
                                       "Kennzahlen"]
    assert workbook["Listen"].sheet_state == "hidden"
    cards = workbook["Karten"]
    header = [cell.value for cell in cards[1]]
    assert header == ["ID", "Customer Journey", "Phase", "Bahn", "Art", "Titel", "Text", "Bewertung (1-10)",
                      "Moment of Truth", "Pain Point", "Priorität", "Kanal", "Abteilung", "Katalog-Touchpoint"]
    document = example.document
    assert cards.max_row == document.count(Card) + 1
    ids = {row[0].value for row in cards.iter_rows(min_row=2)}
    assert ids == {card.id for card in document.all(Card)}
    touchpoints = workbook["Touchpoint-Katalog"]
    assert [c.value for c in touchpoints[1]] == ["ID", "Touchpoint", "Beschreibung", "Kanal", "Abteilung"]
    assert {row[1].value for row in touchpoints.iter_rows(min_row=2)} == {t.name for t in document.all(Touchpoint)}
    assert "Chatbot „Max“" in {row[1].value for row in touchpoints.iter_rows(min_row=2)}  # umlauts and quotes intact
    statuses = {row[4].value for row in workbook["Maßnahmen"].iter_rows(min_row=2)}
    assert statuses <= {"Offen", "In Arbeit", "Erledigt", "Abgebrochen"}
    assert len(statuses) >= 2 and document.count(Action) == workbook["Maßnahmen"].max_row - 1


def test_frozen_header_autofilter_widths_and_drop_downs(example_workbook: Path) -> None:
    workbook = load_workbook(example_workbook)
    for table in TABLES:
        sheet = workbook[table.de]
        assert sheet.freeze_panes == "B2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width == 38
    cards = workbook["Karten"]
    validations = {str(v.sqref).split(":")[0]: v for v in cards.data_validations.dataValidation}
    rating = validations["H2"]
    assert (rating.type, rating.formula1, rating.formula2) == ("whole", "1", "10")
    kind = validations["E2"]
    assert kind.type == "list" and kind.formula1.startswith("'Listen'!$")
    lists = workbook["Listen"]
    column = kind.formula1.split("!$")[1].split("$")[0]
    words = [cell.value for cell in lists[column] if cell.value]
    assert words == ["Schritt", "Touchpoint", "Gedanke", "Gefühl", "Pain Point", "Chance", "Prozess", "Beleg", "Notiz"]
    for letter in ("I", "J", "K", "L", "M", "N"):  # MoT, pain point, priority, channel, department, touchpoint
        assert letter + "2" in validations
    actions = workbook["Maßnahmen"]
    assert {str(v.sqref).split(":")[0] for v in actions.data_validations.dataValidation} >= {"E2", "F2"}


def test_english_project_gets_english_sheets_and_text_starting_with_equals_stays_text(tmp_path: Path) -> None:
    project = api.create("complaint-example", "en", with_working_copy=False)
    card = project.document.all(Card)[0]
    project.run(operations.edit_element, card.id, title="=SUM(A1:A9) is not a formula")
    path = tmp_path / "example.xlsx"
    export_workbook(project.document, path)
    workbook = load_workbook(path)
    assert workbook.sheetnames[:2] == ["Touchpoints", "Cards"]
    assert workbook["Cards"]["F1"].value == "Title"
    titles = {row[5].value: row[5].data_type for row in workbook["Cards"].iter_rows(min_row=2)}
    assert titles["=SUM(A1:A9) is not a formula"] == "s"
    project.close()


def test_csv_of_one_table_in_german_has_a_bom_and_semicolons(example, tmp_path: Path) -> None:
    path = tmp_path / "karten.csv"
    assert export_csv(example.document, path) == example.document.count(Card)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["ID", "Customer Journey", "Phase"]
    touchpoints = tmp_path / "tp.csv"
    export_csv(example.document, touchpoints, "touchpoints")
    assert "Zählerablesung vor Ort" in touchpoints.read_text(encoding="utf-8-sig")
    with pytest.raises(ExportError) as raised:
        export_csv(example.document, tmp_path / "x.csv", "nonsense")
    assert "touchpoints, cards" in raised.value.message("en")
