"""Several cards selected on the map: the inspector edits their common fields as one undo step; status bar and inspector agree."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox

from cxstudio.editing.operations import add_card, add_element, edit_element
from cxstudio.model.entities import Card, Persona
from tests.ui.canvas.canvas_gestures import centre, click


def _two_cards(main_window):  # type: ignore[no-untyped-def]
    project = main_window.project
    document = project.document
    journey = document.journeys()[0]
    stages, lanes = document.stages(journey.id), document.lanes(journey.id)
    first = document.cards(journey.id)[0]
    second = project.run(add_card, stages[1].id, lanes[0].id, "Rückruf")
    project.run(edit_element, first.id, rating=3, pain_point=True)
    project.run(edit_element, second.id, rating=7)
    main_window.act_zoom_fit.trigger()
    QApplication.processEvents()
    return first.id, second.id


def _select_on_map(main_window, ids) -> None:  # type: ignore[no-untyped-def]
    canvas = main_window.canvas
    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[ids[0]].rect))
    for card_id in ids[1:]:
        click(canvas, *centre(layout.cards[card_id].rect), Qt.KeyboardModifier.ControlModifier)
    assert canvas.selected_ids() and set(main_window.selection.ids) == set(ids)


def test_common_fields_show_mixed_and_set_all_in_one_step(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    ids = _two_cards(main_window)
    _select_on_map(main_window, ids)
    inspector = main_window.inspector
    assert inspector.multi is not None
    rating = inspector.findChild(QComboBox, "multi_rating")
    pain = inspector.findChild(QCheckBox, "multi_pain_point")
    kind = inspector.findChild(QComboBox, "multi_kind")
    assert rating.currentText() == "(mixed)"
    assert pain.checkState() == Qt.CheckState.PartiallyChecked
    assert kind.currentText() == "Step"  # both are steps: the common value
    steps = main_window.project.session.index
    rating.setFocus()
    QTest.keyClick(rating, Qt.Key.Key_Home)  # "not set"? Home picks the first entry
    QApplication.processEvents()
    document = main_window.project.document
    assert {document.get(i, Card).rating for i in ids} == {None}
    for _ in range(8):  # down to 8
        QTest.keyClick(rating, Qt.Key.Key_Down)
    assert {document.get(i, Card).rating for i in ids} == {8}
    assert rating.currentText() == "8" and rating.findText("(mixed)") < 0
    QTest.mouseClick(pain, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, pain.height() // 2))
    assert {document.get(i, Card).pain_point for i in ids} == {True}
    assert pain.checkState() == Qt.CheckState.Checked
    assert main_window.project.session.index == steps + 10  # one step per choice, each for both cards
    main_window.undo()  # the marker, for both at once
    assert [document.get(i, Card).pain_point for i in ids] == [True, False]
    assert pain.checkState() == Qt.CheckState.PartiallyChecked
    assert "2" in main_window.selection_label.text()


def test_status_bar_names_what_the_inspector_shows(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    assert main_window.inspector.entity_id() == main_window.current_journey_id()
    assert main_window.selection_label.text() == main_window.inspector._heading.text()
    persona = main_window.project.run(add_element, Persona(name="Jörg"))
    main_window.workspace.act_project_data.trigger()
    table = main_window.workspace.data.show_kind("persona")
    from tests.ui.test_workspace import click_cell

    click_cell(table, 0, "name")
    assert main_window.inspector.entity_id() == persona.id
    assert "Jörg" in main_window.selection_label.text()
    main_window.show_project_properties()  # shown without selecting: the status follows the inspector
    assert main_window.selection_label.text() == main_window.inspector._heading.text()
    assert main_window.project.document.project.name in main_window.selection_label.text()
