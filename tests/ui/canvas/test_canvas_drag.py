"""Dragging on the canvas with real mouse events: cards to other cells, several cards, headers, rubber band, pan."""

from __future__ import annotations

from canvas_gestures import centre, click, drag
from conftest import Sample
from PySide6.QtCore import Qt

from cxstudio.ui.canvas import JourneyCanvas
from cxstudio.ui.canvas.modes import IdleMode


def test_drag_card_to_another_stage_and_lane_is_one_undo_step(canvas: JourneyCanvas, sample: Sample) -> None:
    session = sample.project.session
    layout = canvas.journey_scene.layout
    card_id = sample.cards["open"]
    steps_before = session.index
    target_cell = layout.cells[(sample.stages[2], sample.lanes[2])]
    drag(canvas, centre(layout.cards[card_id].rect), centre(target_cell))

    moved = sample.card("open")
    assert (moved.stage_id, moved.lane_id) == (sample.stages[2], sample.lanes[2])
    assert session.index == steps_before + 1
    assert session.undo_name == "Move card “Öffnet die Rechnung”"
    assert isinstance(canvas.mode(), IdleMode)
    # the item sits where the new layout puts the card, and it is still selected
    item = canvas.journey_scene.card_items[card_id]
    box = canvas.journey_scene.layout.cards[card_id]
    assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)
    assert box.stage_id == sample.stages[2] and box.lane_key == sample.lanes[2]
    assert canvas.selected_ids() == [card_id]

    sample.project.undo()
    back = sample.card("open")
    assert (back.stage_id, back.lane_id, back.order) == (sample.stages[0], sample.lanes[0], 0)
    item = canvas.journey_scene.card_items[card_id]
    box = canvas.journey_scene.layout.cards[card_id]
    assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)


def test_drag_within_cell_reorders_cards(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    below_second = layout.cards[sample.cards["read"]].rect
    drag(canvas, centre(layout.cards[sample.cards["open"]].rect), (below_second.center[0], below_second.bottom + 4))
    assert sample.card("read").order == 0
    assert sample.card("open").order == 1


def test_multi_card_drag_moves_all_selected_cards_in_one_step(canvas: JourneyCanvas, sample: Sample) -> None:
    session = sample.project.session
    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[sample.cards["open"]].rect))
    click(canvas, *centre(layout.cards[sample.cards["ticket"]].rect), Qt.KeyboardModifier.ControlModifier)
    assert set(canvas.selected_ids()) == {sample.cards["open"], sample.cards["ticket"]}
    steps_before = session.index
    target = layout.cells[(sample.stages[2], sample.lanes[0])]
    drag(canvas, centre(layout.cards[sample.cards["ticket"]].rect), centre(target))

    # the grabbed card goes to the target cell; the other follows as a block (one stage on; its lane, two
    # above the first, is kept inside the journey)
    assert (sample.card("ticket").stage_id, sample.card("ticket").lane_id) == (sample.stages[2], sample.lanes[0])
    assert (sample.card("open").stage_id, sample.card("open").lane_id) == (sample.stages[1], sample.lanes[0])
    assert session.index == steps_before + 1
    assert session.undo_name == "Move 2 cards"
    sample.project.undo()
    assert sample.card("ticket").lane_id == sample.lanes[2]
    assert sample.card("open").stage_id == sample.stages[0]


def test_dropping_outside_the_cells_changes_nothing(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    steps_before = sample.project.session.index
    title = layout.title_rect
    drag(canvas, centre(layout.cards[sample.cards["open"]].rect), (title.x + 5, title.y + 5))
    assert sample.project.session.index == steps_before
    item = canvas.journey_scene.card_items[sample.cards["open"]]
    assert (item.pos().x(), item.pos().y()) == (layout.cards[sample.cards["open"]].rect.x,
                                                layout.cards[sample.cards["open"]].rect.y)


def test_reorder_stage_by_dragging_its_header(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    first = layout.stage_headers[0].rect
    last = layout.stage_headers[2].rect
    drag(canvas, centre(first), (last.right - 10, last.center[1]))
    order = [s.id for s in sample.project.document.stages(sample.journey_id)]
    assert order == [sample.stages[1], sample.stages[2], sample.stages[0]]
    assert sample.project.session.undo_name.startswith("Move stage")
    # the columns follow: the moved stage's header is now the last one
    assert canvas.journey_scene.layout.stage_headers[-1].id == sample.stages[0]
    assert canvas.journey_scene.stage_items[sample.stages[0]].pos().x() == canvas.journey_scene.layout.stage_headers[-1].rect.x


def test_reorder_lane_by_dragging_its_header(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    headers = {h.id: h.rect for h in layout.lane_headers}
    drag(canvas, centre(headers[sample.lanes[2]]), (headers[sample.lanes[0]].center[0], headers[sample.lanes[0]].y + 3))
    order = [ln.id for ln in sample.project.document.lanes(sample.journey_id)]
    assert order == [sample.lanes[2], sample.lanes[0], sample.lanes[1], sample.lanes[3]]


def test_rubber_band_selects_the_cards_it_touches(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    seen: list[list[str]] = []
    canvas.selectionChanged.connect(seen.append)
    first_stage = layout.stage_columns[sample.stages[0]]
    start = (first_stage.x + 2, layout.lane_rows[sample.lanes[0]].y + 2)
    hotline = layout.cards[sample.cards["hotline"]].rect
    drag(canvas, start, (hotline.x + 10, hotline.y + 10))
    assert set(canvas.selected_ids()) == {sample.cards["open"], sample.cards["read"], sample.cards["hotline"]}
    assert set(seen[-1]) == set(canvas.selected_ids())
    assert not canvas.journey_scene._rubber_band.isVisible()
    # a click on empty space clears the selection
    click(canvas, *start)
    assert canvas.selected_ids() == []


def test_ctrl_click_toggles_and_click_selects_relations_and_headers(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[sample.cards["open"]].rect))
    click(canvas, *centre(layout.cards[sample.cards["read"]].rect), Qt.KeyboardModifier.ControlModifier)
    click(canvas, *centre(layout.cards[sample.cards["open"]].rect), Qt.KeyboardModifier.ControlModifier)
    assert canvas.selected_ids() == [sample.cards["read"]]
    click(canvas, *centre(layout.stage_headers[1].rect))
    assert canvas.selected_ids() == [sample.stages[1]]


def test_middle_drag_pans_the_view(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.set_zoom(3.0)
    canvas.horizontalScrollBar().setValue(400)
    canvas.verticalScrollBar().setValue(400)
    before = (canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value())
    start = canvas.mapToScene(canvas.viewport().rect().center())
    drag(canvas, (start.x(), start.y()), (start.x() - 40, start.y() - 30), button=Qt.MouseButton.MiddleButton)
    after = (canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value())
    assert after[0] > before[0] and after[1] > before[1]
    assert sample.project.session.index == 7  # panning is not an edit


def test_space_drag_pans_instead_of_selecting(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.set_zoom(3.0)
    canvas.horizontalScrollBar().setValue(300)
    before = canvas.horizontalScrollBar().value()
    from PySide6.QtTest import QTest

    QTest.keyPress(canvas, Qt.Key.Key_Space)
    start = canvas.mapToScene(canvas.viewport().rect().center())
    drag(canvas, (start.x(), start.y()), (start.x() + 30, start.y()))
    QTest.keyRelease(canvas, Qt.Key.Key_Space)
    assert canvas.horizontalScrollBar().value() < before
    assert canvas.selected_ids() == []


def test_drop_line_shows_during_a_drag_and_escape_cancels_it(canvas: JourneyCanvas, sample: Sample) -> None:
    from canvas_gestures import viewport_point
    from PySide6.QtTest import QTest

    layout = canvas.journey_scene.layout
    card_id = sample.cards["open"]
    start = viewport_point(canvas, *centre(layout.cards[card_id].rect))
    target = viewport_point(canvas, *centre(layout.cells[(sample.stages[1], sample.lanes[0])]))
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(canvas.viewport(), start + (target - start) / 2)
    QTest.mouseMove(canvas.viewport(), target)
    drop_line = canvas.journey_scene._drop_line
    assert drop_line.isVisible()
    cell = layout.cells[(sample.stages[1], sample.lanes[0])]
    assert cell.x <= drop_line.line().x1() and drop_line.line().x2() <= cell.right
    item = canvas.journey_scene.card_items[card_id]
    assert item.pos().x() != layout.cards[card_id].rect.x  # the card follows the mouse
    steps = sample.project.session.index
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert not drop_line.isVisible()
    assert sample.project.session.index == steps
    assert (item.pos().x(), item.pos().y()) == (layout.cards[card_id].rect.x, layout.cards[card_id].rect.y)
