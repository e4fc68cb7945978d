"""The catalogue on the map (issue 14): drag a catalogue touchpoint onto a cell, filter the catalogue, "used in" jumps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.model.entities import Card, CardKind, Channel, Department, Touchpoint
from cxstudio.ui.canvas.catalogue_drop import catalogue_mime_data, parse_catalogue_mime

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def _drop(canvas, mime: QMimeData, x: float, y: float) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    """Drag enter, move and drop `mime` on the canvas's viewport at a scene point (real drag-and-drop events)."""
    viewport = canvas.viewport()
    point = canvas.mapFromScene(QPointF(x, y))
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point, actions, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False, False
    QApplication.sendEvent(viewport, QDragMoveEvent(point, actions, mime, Qt.MouseButton.LeftButton, NO_MODIFIER))
    drop = QDropEvent(QPointF(point), actions, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)
    QApplication.sendEvent(viewport, drop)
    return True, drop.isAccepted()


def _project_with_catalogue(tmp_path: Path) -> tuple[Path, str]:
    """A German journey-map project with a second journey and a catalogue entry "Hotline" (channel, department)."""
    path = tmp_path / "Katalog.cxstudio"
    project = api.create("journey-map", "de")
    doc = project.document
    channel = project.run(ops.add_element, Channel(name="Telefon", icon="phone"))
    department = project.run(ops.add_element, Department(name="Kundenservice"))
    project.run(ops.add_element, Touchpoint(name="Website", order=0))
    hotline = project.run(ops.add_element, Touchpoint(name="Hotline", description="Rückruf binnen 24 h",
                                                      channel_id=channel.id, department_id=department.id, order=1))
    project.run(ops.add_journey, "Zweite Reise", stages=["Suchen", "Anrufen"], lanes=[ops.LaneSpec("Schritte")])
    second = doc.journeys()[1]
    project.run(ops.add_card, doc.stages(second.id)[1].id, doc.lanes(second.id)[0].id, "Hotline anrufen",
                CardKind.TOUCHPOINT.value, touchpoint_id=hotline.id)
    project.save_as(path)
    project.close()
    return path, hotline.id


def test_dropping_a_catalogue_touchpoint_places_a_linked_card_in_one_step_and_focuses_it(
    main_window, tmp_path: Path, qtbot
) -> None:
    path, hotline_id = _project_with_catalogue(tmp_path)
    main_window.open_path(path)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: main_window.isActiveWindow())
    panel = main_window.map_extras.panel
    document = main_window.project.document
    journey_id = main_window.current_journey_id()
    stages, lanes = document.stages(journey_id), document.lanes(journey_id)
    canvas = main_window.canvas
    cell = canvas.journey_scene.layout.cells[(stages[2].id, lanes[1].id)]
    canvas.ensureVisible(cell.x, cell.y, cell.width, cell.height)
    item = panel.item_of(hotline_id)
    panel.tree.setFocus()
    panel.tree.setCurrentItem(item)
    qtbot.waitUntil(lambda: panel.tree.hasFocus())
    before = {c.id for c in document.cards(journey_id)}
    steps = main_window.project.session.index

    entered, dropped = _drop(canvas, panel.tree.mimeData([item]), *cell.center)

    assert entered and dropped
    new = [c for c in document.cards(journey_id) if c.id not in before]
    assert [(c.title, c.kind, c.touchpoint_id, c.stage_id, c.lane_id) for c in new] == [
        ("Hotline", CardKind.TOUCHPOINT.value, hotline_id, stages[2].id, lanes[1].id)]
    box = canvas.journey_scene.layout.cards[new[0].id]
    hotline = document.get(hotline_id, Touchpoint)
    assert (box.channel_id, box.department_id) == (hotline.channel_id, hotline.department_id)  # inherited
    assert [badge.kind for badge in box.badges] == ["channel", "department"]
    assert main_window.project.session.index == steps + 1
    assert canvas.selected_ids() == [new[0].id]
    assert QApplication.focusWidget() is canvas  # keys now act on the map, not on the catalogue list
    QTest.keyClick(canvas, Qt.Key.Key_Delete)  # ... as Delete shows
    assert new[0].id not in document
    main_window.undo()
    main_window.undo()
    assert {c.id for c in document.cards(journey_id)} == before  # the drop was one undo step


def test_a_catalogue_drop_outside_the_cells_or_with_a_foreign_payload_changes_nothing(
    main_window, tmp_path: Path
) -> None:
    path, hotline_id = _project_with_catalogue(tmp_path)
    main_window.open_path(path)
    document = main_window.project.document
    canvas = main_window.canvas
    grid = canvas.journey_scene.layout.grid_rect
    cards_before = len(document.all(Card))
    _drop(canvas, catalogue_mime_data(hotline_id), grid.x + 5, grid.y + 5)  # the corner left of the stage headers
    bad = QMimeData()
    bad.setData("application/x-cxstudio-touchpoint", b"'; DROP TABLE card; --")
    assert parse_catalogue_mime(bad) is None
    cell = next(iter(canvas.journey_scene.layout.cells.values()))
    assert _drop(canvas, bad, *cell.center) == (False, False)
    assert len(document.all(Card)) == cards_before
    assert main_window.statusBar().currentMessage() == (
        "Drop the touchpoint into a cell of the map (below a stage, beside a lane).")


def test_the_filter_keeps_matching_entries_and_used_in_jumps_to_the_card_in_its_journey(
    main_window, tmp_path: Path, qtbot
) -> None:
    path, hotline_id = _project_with_catalogue(tmp_path)
    main_window.open_path(path)
    panel = main_window.map_extras.panel
    assert sorted(panel.visible_names()) == ["Hotline", "Website"]
    panel.filter.setFocus()
    for char in "rückruf":  # the description counts too; typed as key events carrying the text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(panel.filter, QKeyEvent(kind, 0, NO_MODIFIER, char))
    assert panel.visible_names() == ["Hotline"]
    panel.filter.clear()
    panel.select_touchpoint(hotline_id)
    used = panel.used_in_items()
    assert [item.text(0) for item in used] == ["Anrufen: Hotline anrufen"]
    assert "1" in panel.used_label.text()
    second = main_window.project.document.journeys()[1].id
    assert main_window.current_journey_id() != second
    rect = panel.used_in.visualItemRect(used[0])
    QTest.mouseClick(panel.used_in.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, rect.center())
    assert main_window.current_journey_id() == second  # the journey switched
    card_id = used[0].data(0, Qt.ItemDataRole.UserRole)
    assert main_window.canvas.selected_ids() == [card_id]
    # the "used in" list follows edits: a dropped card of the first journey appears in it
    first = main_window.project.document.journeys()[0].id
    main_window.select_journey(first)
    cell = next(iter(main_window.canvas.journey_scene.layout.cells.values()))
    _drop(main_window.canvas, catalogue_mime_data(hotline_id), *cell.center)
    assert len(panel.used_in_items()) == 2
    assert panel.item_of(hotline_id).text(3) == "2"
