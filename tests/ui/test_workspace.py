"""The project data window: tables edited in place with real clicks and keys, one undo step per gesture, German dates and messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget

from cxstudio.editing.operations import add_element, edit_element
from cxstudio.model.entities import Action, Card, Department, Persona, new_id
from cxstudio.model.errors import InvariantError
from cxstudio.model.messages import MODEL_SENTENCES, model_sentence
from cxstudio.ui.workspace.dates import DateEdit, parse_date, show_date
from cxstudio.ui.workspace.table import EntityTable
from tests.ui.ui_helpers import type_text


@pytest.fixture
def german_locale() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def open_table(window, kind: str) -> EntityTable:  # type: ignore[no-untyped-def]
    window.workspace.act_project_data.trigger()
    table = window.workspace.data.show_kind(kind)
    QApplication.processEvents()
    return table


def cell_point(table: EntityTable, row: int, field: str) -> QPoint:
    column = [c.field for c in table.model.columns].index(field)
    return table.view.visualRect(table.proxy.index(row, column)).center()


def click_cell(table: EntityTable, row: int, field: str,
               modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, modifiers, cell_point(table, row, field))


def editor(table: EntityTable) -> QWidget:
    found = [w for w in table.view.viewport().findChildren(QWidget) if w.objectName().startswith("cellEditor_")
             and w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def press(widget: QWidget, key: Qt.Key) -> None:
    """A key press and release; events Qt posts in reply (a delegate commits Return queued) are delivered."""
    QTest.keyClick(widget, key)
    QApplication.processEvents()


def rows(table: EntityTable, field: str) -> list[str]:
    column = [c.field for c in table.model.columns].index(field)
    return [table.proxy.index(row, column).data() for row in range(table.proxy.rowCount())]


def test_add_a_persona_and_type_its_name_in_the_table(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    table = open_table(main_window, "persona")
    assert main_window.workspace.data.isVisible()
    QTest.mouseClick(table.add_button, Qt.MouseButton.LeftButton)
    personas = main_window.project.document.all(Persona)
    assert len(personas) == 1
    name = editor(table)  # the new row's name is open for typing
    assert isinstance(name, QLineEdit)
    name.selectAll()
    type_text(name, "Jörg, 54")
    press(name, Qt.Key.Key_Return)
    assert main_window.project.document.get(personas[0].id, Persona).name == "Jörg, 54"
    assert rows(table, "name") == ["Jörg, 54"]
    # the chosen row is the editor's selection: the inspector shows it and the status bar says so
    assert main_window.inspector.entity_id() == personas[0].id
    assert "Jörg, 54" in main_window.selection_label.text()
    main_window.undo()  # the rename, then the addition: two steps
    assert rows(table, "name") == ["New persona"]
    main_window.undo()
    assert rows(table, "name") == []


def test_several_rows_get_one_status_in_one_undo_step(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    project = main_window.project
    for title in ("Rückruf", "Hotline", "Brief"):
        project.run(add_element, Action(title=title))
    table = open_table(main_window, "action")
    steps = project.session.index
    click_cell(table, 0, "status")
    click_cell(table, 2, "status", Qt.KeyboardModifier.ShiftModifier)
    assert len(table.selected_ids()) == 3
    assert "3" in table.hint.text()
    press(table.view, Qt.Key.Key_F2)
    combo = editor(table)
    assert isinstance(combo, QComboBox)
    press(combo, Qt.Key.Key_Down)  # open -> in progress, chosen with the keyboard
    assert {a.status for a in project.document.all(Action)} == {"in_progress"}
    assert project.session.index == steps + 1
    assert rows(table, "status") == ["In progress"] * 3
    main_window.undo()
    assert {a.status for a in project.document.all(Action)} == {"open"}
    assert rows(table, "status") == ["Open"] * 3


def test_a_german_date_is_typed_and_shown_in_the_ui_format(main_window, project_file: Path, german_locale: None) -> None:
    main_window.open_path(project_file)
    action = main_window.project.run(add_element, Action(title="Rückruf"))
    table = open_table(main_window, "action")
    click_cell(table, 0, "due")
    press(table.view, Qt.Key.Key_F2)
    date = editor(table)
    assert isinstance(date, DateEdit) and date.calendarPopup()
    assert date.displayFormat() == "dd.MM.yyyy"
    date.lineEdit().selectAll()
    type_text(date, "31.03.2026")
    press(date, Qt.Key.Key_Return)
    assert main_window.project.document.get(action.id, Action).due == "2026-03-31"
    assert rows(table, "due") == ["31.03.2026"]
    press(table.view, Qt.Key.Key_F2)  # ISO is understood too
    date = editor(table)
    date.lineEdit().selectAll()
    type_text(date, "2026-04-30")
    press(date, Qt.Key.Key_Return)
    assert main_window.project.document.get(action.id, Action).due == "2026-04-30"
    press(table.view, Qt.Key.Key_F2)  # emptied: no due date
    date = editor(table)
    date.lineEdit().selectAll()
    press(date.lineEdit(), Qt.Key.Key_Delete)
    press(date, Qt.Key.Key_Return)
    assert main_window.project.document.get(action.id, Action).due == ""


def test_the_inspector_picks_due_dates_in_the_same_format(main_window, project_file: Path, german_locale: None) -> None:
    main_window.open_path(project_file)
    action = main_window.project.run(add_element, Action(title="Rückruf", due="2026-12-02"))
    main_window.selection.select([action.id])
    field = main_window.inspector.editor("due")
    assert isinstance(field, DateEdit) and field.text() == "02.12.2026"
    field.setFocus()
    field.lineEdit().selectAll()
    type_text(field, "31.03.2026")
    press(field, Qt.Key.Key_Return)
    assert main_window.project.document.get(action.id, Action).due == "2026-03-31"


def test_filter_sort_delete_and_live_updates_from_elsewhere(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    project = main_window.project
    ids = [project.run(add_element, Department(name=name)).id for name in ("Vertrieb", "Abrechnung", "Kundenservice")]
    table = open_table(main_window, "department")
    table.filter_line.setFocus()
    type_text(table.filter_line, "ab")
    assert rows(table, "name") == ["Abrechnung"]
    assert "1" in table.hint.text() and "3" in table.hint.text()
    table.filter_line.clear()
    header = table.view.horizontalHeader()
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(header.sectionViewportPosition(0) + 10, header.height() // 2))
    assert rows(table, "name") == ["Abrechnung", "Kundenservice", "Vertrieb"]
    project.run(edit_element, ids[0], name="Vertrieb Nord")  # an edit made elsewhere shows at once
    assert "Vertrieb Nord" in rows(table, "name")
    click_cell(table, 0, "name")
    table.view.setFocus()
    press(table.view, Qt.Key.Key_Delete)
    assert "Abrechnung" not in rows(table, "name") and ids[1] not in project.document
    main_window.undo()  # undo from the main window brings the row back
    assert "Abrechnung" in rows(table, "name")


def test_a_refused_value_is_told_in_german(main_window, project_file: Path, german_locale: None) -> None:
    main_window.open_path(project_file)
    main_window.project.run(add_element, Department(name="Vertrieb"))
    table = open_table(main_window, "department")
    click_cell(table, 0, "email")
    press(table.view, Qt.Key.Key_F2)
    mail = editor(table)
    type_text(mail, "kein mail")
    press(mail, Qt.Key.Key_Return)
    told = main_window.workspace.data.statusBar().currentMessage()
    assert "ist keine E-Mail-Adresse" in told and "Vertrieb" in told
    assert main_window.statusBar().currentMessage() == told
    assert main_window.project.document.all(Department)[0].email == ""


def test_read_only_tables_offer_no_edits(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    table = open_table(main_window, "persona")
    assert table.add_button.isEnabled()
    table.set_project(main_window.project, read_only=True)
    assert not table.add_button.isEnabled()
    assert table.view.editTriggers() == table.view.EditTrigger.NoEditTriggers


def test_dates_parse_the_ui_format_and_iso(german_locale: None) -> None:
    assert parse_date("31.03.2026") == "2026-03-31"
    assert parse_date("1.4.2026") == "2026-04-01"
    assert parse_date("2026-03-31") == "2026-03-31"
    assert parse_date("") == ""
    assert parse_date("31.13.2026") is None and parse_date("morgen") is None
    assert show_date("2026-03-31") == "31.03.2026"
    assert show_date("2026-12-02T14:05") == "02.12.2026 14:05"
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert show_date("2026-03-31") == "3/31/2026" and parse_date("3/31/2026") == "2026-03-31"


def _refusal(make) -> str:  # type: ignore[no-untyped-def]
    try:
        make().validate()
    except InvariantError as error:
        return str(error)
    raise AssertionError("the model accepted it")


def test_model_refusals_have_german_sentences() -> None:
    sentences = {
        _refusal(lambda: Action(title="Rückruf", due="31.03.2026")): "ist kein Datum",
        _refusal(lambda: Persona(name="Anna", age=200)): "liegt nicht zwischen 0 und 130",
        _refusal(lambda: Department(name="Vertrieb", email="x")): "ist keine E-Mail-Adresse",
        _refusal(lambda: Persona(name="")): "darf nicht leer sein",
        _refusal(lambda: Card(journey_id=new_id(), stage_id=new_id(), lane_id=new_id(), title="Hotline", rating=11)): "Bewertung 11",
        _refusal(lambda: Action(title="A", status="later")): "muss einer dieser Werte sein",
    }
    for english, german in sentences.items():
        translated = model_sentence(english, "de", {"due": "Fällig am"})
        assert german in translated, (english, translated)
        assert model_sentence(english, "en") == english
    assert "Fällig am" in model_sentence(_refusal(lambda: Action(title="A", due="morgen")), "de", {"due": "Fällig am"})
    assert len(MODEL_SENTENCES) > 25
    assert model_sentence("Something new.", "de") == "Something new."
