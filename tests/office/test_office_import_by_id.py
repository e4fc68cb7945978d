"""Re-importing an edited export by id: exactly the edited fields change, as one undo step; invalid rows are
reported with sheet, row, column and reason and nothing is applied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cxstudio.editing.importing import apply_import, plan_import
from cxstudio.export.office.reading import read_spreadsheet
from cxstudio.model.entities import Action, Card, Touchpoint
from cxstudio.model.errors import InvariantError


def _edited(source: Path, target: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    shutil.copy(source, target)
    workbook = load_workbook(target)
    edit(workbook)
    workbook.save(target)
    return target


def _changed_fields(before: dict, after: dict) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    changed = set()
    for entity_id in before.keys() | after.keys():
        old, new = before.get(entity_id), after.get(entity_id)
        if old is None or new is None:
            changed.add((entity_id, "*"))
            continue
        changed |= {(entity_id, f) for f in old.field_names() if getattr(old, f) != getattr(new, f)}
    return changed


def test_bar_one_card_title_and_one_action_status_change_exactly_and_undo_restores(example, example_workbook, tmp_path):
    document = example.document

    def edit(workbook):  # type: ignore[no-untyped-def]
        workbook["Karten"]["F3"] = "Öffnet die Jahresabrechnung – und erschrickt"
        workbook["Maßnahmen"]["E2"] = "Erledigt"

    path = _edited(example_workbook, tmp_path / "bearbeitet.xlsx", edit)
    card_id = load_workbook(path)["Karten"]["A3"].value
    action_id = load_workbook(path)["Maßnahmen"]["A2"].value
    before = document.snapshot()
    plan = plan_import(document, read_spreadsheet(path), path.name, language="de")
    assert plan.ok and not plan.added and not plan.missing
    assert [(c.entity_id, [f.field for f in c.fields]) for c in plan.changed] == [
        (card_id, ["title"]), (action_id, ["status"])]
    assert plan.changed[1].fields[0].new == "Erledigt"
    example.run(apply_import, plan)
    assert _changed_fields(before, document.snapshot()) == {(card_id, "title"), (action_id, "status")}
    assert document.get(card_id).title == "Öffnet die Jahresabrechnung – und erschrickt"
    assert document.get(action_id, Action).status == "done"
    assert example.session.undo_name == "Import “bearbeitet.xlsx”"
    example.undo()
    assert document.snapshot() == before
    example.redo()
    assert document.get(action_id, Action).status == "done"


def test_every_invalid_row_is_reported_and_nothing_is_applied(example, example_workbook, tmp_path):
    def edit(workbook):  # type: ignore[no-untyped-def]
        cards = workbook["Karten"]
        cards["F2"] = "Geändert, aber nicht übernommen"
        cards["H3"] = 11
        cards["L4"] = "Brieftaube"
        cards["C5"] = "Gibt es nicht"
        cards["E6"] = "Irgendwas"
        workbook["Maßnahmen"]["G3"] = 45123  # a date as a number

    path = _edited(example_workbook, tmp_path / "falsch.xlsx", edit)
    before = example.document.snapshot()
    plan = plan_import(example.document, read_spreadsheet(path), path.name)
    lines = plan.problem_lines("en")
    assert lines == [
        "Sheet 'Karten', row 3, column 'Bewertung (1-10)': 11 is not a rating from 1 to 10 "
        "(10 = expectations clearly exceeded, 1 = clearly missed).",
        lines[1], lines[2], lines[3], lines[4],
    ]
    assert lines[1].startswith("Sheet 'Karten', row 4, column 'Kanal': there is no channel named 'Brieftaube'; known are:")
    assert lines[2].startswith("Sheet 'Karten', row 5, column 'Phase': the journey 'Reklamation der Jahresabrechnung "
                               "(Ist)' has no stage named 'Gibt es nicht'")
    assert lines[3].startswith("Sheet 'Karten', row 6, column 'Art': Irgendwas is not one of Step, Touchpoint")
    assert lines[4].startswith("Sheet 'Maßnahmen', row 3, column 'Fällig (JJJJ-MM-TT)': 45123 is a number, not a date")
    german = plan.problem_lines("de")
    assert german[0].startswith("Blatt „Karten“, Zeile 3, Spalte „Bewertung (1-10)“: 11 ist keine Bewertung von 1 bis 10")
    with pytest.raises(InvariantError):
        example.run(apply_import, plan)
    assert example.document.snapshot() == before
    assert not example.session.can_undo


def test_rows_without_id_are_added_missing_rows_are_reported_and_deleted_only_on_request(example, example_workbook,
                                                                                       tmp_path):
    document = example.document

    def edit(workbook):  # type: ignore[no-untyped-def]
        sheet = workbook["Touchpoint-Katalog"]
        sheet.append([None, "Kundenzeitschrift „Mustermann aktuell“", "Viermal im Jahr", "Brief", "Marketing & Kommunikation"])
        sheet.delete_rows(2)  # the first catalogue touchpoint is missing now
        cards = workbook["Karten"]
        journey, stage, lane = cards["B2"].value, cards["C2"].value, cards["D2"].value
        cards.append([None, journey, stage, lane, "Gedanke", "Neue Karte über Zählerstände", "", 4, "ja", "nein",
                      "hoch", None, None, "Kundenzeitschrift „Mustermann aktuell“"])

    path = _edited(example_workbook, tmp_path / "neu.xlsx", edit)
    first = document.all(Touchpoint)[0]
    plan = plan_import(document, read_spreadsheet(path), path.name)
    assert plan.ok, plan.problem_lines()
    assert [a.entity.KIND for a in plan.added] == ["touchpoint", "card"]
    assert [e.id for e in plan.missing] == [first.id]
    new_card = plan.added[1].entity
    assert new_card.touchpoint_id == plan.added[0].entity.id  # refers to the touchpoint added in the same import
    assert (new_card.rating, new_card.moment_of_truth, new_card.pain_point, new_card.priority) == (4, True, False, 3)
    example.run(apply_import, plan)
    assert first.id in document and new_card.id in document
    cell = document.cards_in_cell(new_card.stage_id, new_card.lane_id)
    assert cell[-1].id == new_card.id and [c.order for c in cell] == list(range(len(cell)))
    example.undo()
    plan = plan_import(document, read_spreadsheet(path), path.name)
    example.run(apply_import, plan, True)
    assert first.id not in document


def test_moving_a_card_to_another_stage_keeps_orders_contiguous(example, example_workbook, tmp_path):
    document = example.document
    workbook = load_workbook(example_workbook)
    row = next(r for r in workbook["Karten"].iter_rows(min_row=2) if r[2].value == "Hilfe suchen")
    card_id = row[0].value
    old = document.get(card_id, Card)

    def edit(wb):  # type: ignore[no-untyped-def]
        wb["Karten"][f"C{row[0].row}"] = "Klärung"

    path = _edited(example_workbook, tmp_path / "verschoben.xlsx", edit)
    plan = plan_import(document, read_spreadsheet(path), path.name, language="de")
    assert [(f.column, f.old, f.new) for c in plan.changed for f in c.fields] == [("Phase", "Hilfe suchen", "Klärung")]
    example.run(apply_import, plan)
    moved = document.get(card_id, Card)
    assert document.get(moved.stage_id).name == "Klärung"
    for stage_id in (old.stage_id, moved.stage_id):
        orders = [c.order for c in document.cards_in_cell(stage_id, old.lane_id)]
        assert orders == list(range(len(orders)))
    document.check_invariants()


def test_a_renamed_touchpoint_keeps_the_cards_referring_to_it_by_its_old_name(example, example_workbook, tmp_path):
    def edit(workbook):  # type: ignore[no-untyped-def]
        workbook["Touchpoint-Katalog"]["B2"] = "Jahresabrechnung (neu)"

    path = _edited(example_workbook, tmp_path / "umbenannt.xlsx", edit)
    plan = plan_import(example.document, read_spreadsheet(path), path.name)
    assert plan.ok and [f.field for c in plan.changed for f in c.fields] == ["name"]


def test_unknown_and_duplicate_ids_and_a_card_moved_to_another_journey_are_refused(example, example_workbook, tmp_path):
    def edit(workbook):  # type: ignore[no-untyped-def]
        cards = workbook["Karten"]
        cards["A3"] = cards["A2"].value
        cards["A4"] = "00000000-0000-4000-8000-000000000000"
        cards["B5"] = "Reklamation über App und Social Media (Ist)"

    path = _edited(example_workbook, tmp_path / "ids.xlsx", edit)
    plan = plan_import(example.document, read_spreadsheet(path), path.name)
    reasons = [problem.code for problem in plan.problems]
    assert reasons == ["duplicate_id", "unknown_id", "other_journey"]


def test_missing_columns_leave_their_fields_alone_and_unknown_columns_are_noted(example, tmp_path):
    from openpyxl import Workbook

    action = example.document.all(Action)[0]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    sheet.append(["id", "Status", "Notiz"])
    sheet.append([action.id, "done", "egal"])
    path = tmp_path / "teil.xlsx"
    workbook.save(path)
    plan = plan_import(example.document, read_spreadsheet(path), path.name)
    assert plan.ok and [(c.entity_id, c.values) for c in plan.changed] == [(action.id, (("status", "done"),))]
    assert any("Notiz" in english for english, _german in plan.notes)
