"""Bugs from the facilitator's walkthrough (issue 14): the keyboard after a palette drop, and Ctrl+wheel zoom's anchor."""

from __future__ import annotations

from pathlib import Path

from canvas_gestures import centre, click, drop_mime, press_key
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from cxstudio.model.entities import CardKind
from cxstudio.ui.canvas import JourneyCanvas


def _type_into_focus(text: str) -> None:
    """Type `text` wherever the keyboard focus is, with key events carrying the characters (as a keyboard does)."""
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            widget = QApplication.focusWidget()
            assert widget is not None
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character))


def _press_return_in_focus() -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        widget = QApplication.focusWidget()
        assert widget is not None
        QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r"))


def test_after_a_palette_drop_typing_names_the_new_card_and_return_commits(main_window, project_file: Path,
                                                                            qtbot) -> None:
    main_window.open_path(project_file)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: main_window.isActiveWindow())
    canvas = main_window.canvas
    document = main_window.project.document
    palette = main_window.palette
    process = next(item for item in palette.entries() if palette.payload(item) == {"what": "card", "kind": "process"})
    palette.tree.setFocus()
    palette.tree.setCurrentItem(process)
    qtbot.waitUntil(lambda: palette.tree.hasFocus())
    journey_id = main_window.current_journey_id()
    cards_before = {c.id for c in document.cards(journey_id)}
    layout = canvas.journey_scene.layout
    stages = document.stages(journey_id)
    lanes = document.lanes(journey_id)
    cell = layout.cells[(stages[2].id, lanes[0].id)]
    canvas.ensureVisible(cell.x, cell.y, cell.width, cell.height)

    entered, dropped = drop_mime(canvas, palette.tree.mimeData([process]), *cell.center)
    assert entered and dropped
    _type_into_focus("Preis")
    _press_return_in_focus()

    new = [c for c in document.cards(journey_id) if c.id not in cards_before]
    assert [(c.title, c.kind, c.stage_id) for c in new] == [("Preis", CardKind.PROCESS.value, stages[2].id)]
    assert palette.tree.currentItem() is process  # the palette's type-ahead did not see the typing
    assert canvas.selected_ids() == [new[0].id]
    assert canvas.inline_editor() is None


def _ctrl_wheel(canvas: JourneyCanvas, at: QPoint, notches: int) -> None:
    wheel = QWheelEvent(QPointF(at), QPointF(canvas.viewport().mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(canvas.viewport(), wheel)


def test_ctrl_wheel_zoom_keeps_the_point_under_the_mouse(canvas: JourneyCanvas, sample) -> None:  # type: ignore[no-untyped-def]
    canvas.resize(1300, 450)  # at "fit" the map fills the height and leaves room on the right, as on a wide screen
    canvas.zoom_to_fit()
    assert canvas.mapFromScene(canvas.journey_scene.sceneRect()).boundingRect().right() < 1000
    layout = canvas.journey_scene.layout
    card = layout.cards[sample.cards["store"]].rect  # the lower right card of the sample
    under_mouse = canvas.mapFromScene(QPointF(*card.center))
    before = canvas.mapToScene(under_mouse)
    fit = canvas.zoom_factor()
    for notches in (1, 2, 1, -1):
        _ctrl_wheel(canvas, under_mouse, notches)
        after = canvas.mapToScene(under_mouse)
        assert abs(after.x() - before.x()) <= 1 / canvas.zoom_factor(), (notches, before, after)
        assert abs(after.y() - before.y()) <= 1 / canvas.zoom_factor(), (notches, before, after)
    assert abs(canvas.zoom_factor() - fit * 1.25 ** 3) < 1e-6
    assert canvas.journey_scene.card_item_at(canvas.mapToScene(under_mouse)).element_id == sample.cards["store"]
    # keyboard zoom keeps the middle of the view
    middle = canvas.viewport().rect().center()
    centre_before = canvas.mapToScene(middle)
    canvas.zoom_in()
    centre_after = canvas.mapToScene(middle)
    assert abs(centre_after.x() - centre_before.x()) < 2 and abs(centre_after.y() - centre_before.y()) < 2


def test_insert_card_goes_to_the_empty_cell_just_clicked_which_is_highlighted(main_window, project_file: Path,
                                                                               qtbot) -> None:
    main_window.open_path(project_file)
    main_window.activateWindow()
    qtbot.waitUntil(lambda: main_window.isActiveWindow())
    canvas = main_window.canvas
    document = main_window.project.document
    journey_id = main_window.current_journey_id()
    stages, lanes = document.stages(journey_id), document.lanes(journey_id)
    cell_key = (stages[3].id, lanes[0].id)
    cell = canvas.journey_scene.layout.cells[cell_key]
    canvas.ensureVisible(cell.x, cell.y, cell.width, cell.height)
    first_card = document.cards(journey_id)[0]
    click(canvas, *centre(canvas.journey_scene.layout.cards[first_card.id].rect))
    assert canvas.selected_ids() == [first_card.id]
    assert canvas.cell_marker.rect() is None

    click(canvas, cell.x + 10, cell.bottom - 10)  # an empty cell: nothing selected, the cell remembered and shown
    assert canvas.selected_ids() == []
    assert canvas.current_cell() == cell_key
    marked = canvas.cell_marker.rect()
    assert marked is not None and marked.contains(QPointF(*cell.center)) and marked.width() > cell.width - 8
    assert canvas.cell_marker.item.isVisible()

    main_window.act_insert_card.trigger()
    _type_into_focus("Preis")
    _press_return_in_focus()
    new = [c for c in document.cards(journey_id) if c.id != first_card.id]
    assert [(c.title, c.stage_id, c.lane_id) for c in new] == [("Preis", *cell_key)]
    assert canvas.selected_ids() == [new[0].id]
    assert canvas.cell_marker.rect() is None  # the new card is selected: it decides where the next one goes

    click(canvas, cell.x + 10, canvas.journey_scene.layout.cells[cell_key].bottom - 5)
    press_key(canvas, Qt.Key.Key_Escape)
    assert canvas.current_cell() is None and canvas.cell_marker.rect() is None
