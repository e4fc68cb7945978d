"""Issue 14 walkthrough: cards of several lanes dragged as a block, deleting a stage with cards, relation handles."""

from __future__ import annotations

from canvas_gestures import centre, click, drag, press_key
from conftest import Sample
from PySide6.QtCore import Qt

from cxstudio.editing import operations as ops
from cxstudio.layout import ViewKind
from cxstudio.ui.canvas import JourneyCanvas


def _cell(sample: Sample, name: str) -> tuple[str, str]:
    card = sample.card(name)
    return card.stage_id, card.lane_id


def _select(canvas: JourneyCanvas, sample: Sample, *names: str) -> None:
    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[sample.cards[names[0]]].rect))
    for name in names[1:]:
        click(canvas, *centre(layout.cards[sample.cards[name]].rect), Qt.KeyboardModifier.ControlModifier)
    assert set(canvas.selected_ids()) == {sample.cards[n] for n in names}


def test_dragging_cards_of_two_lanes_one_stage_on_keeps_each_cards_lane(canvas: JourneyCanvas, sample: Sample) -> None:
    session = sample.project.session
    _select(canvas, sample, "open", "ticket")  # stage 1 / steps lane, stage 2 / backstage lane
    steps_before = session.index
    layout = canvas.journey_scene.layout
    drag(canvas, centre(layout.cards[sample.cards["open"]].rect), centre(layout.cells[(sample.stages[1], sample.lanes[0])]))

    assert _cell(sample, "open") == (sample.stages[1], sample.lanes[0])
    assert _cell(sample, "ticket") == (sample.stages[2], sample.lanes[2])  # its own lane, one stage on
    assert session.index == steps_before + 1
    assert session.undo_name == "Move 2 cards"
    for name in ("open", "ticket"):  # the picture follows: each item sits in its new cell
        box = canvas.journey_scene.layout.cards[sample.cards[name]]
        assert (box.stage_id, box.lane_key) == _cell(sample, name)
    sample.project.undo()
    assert _cell(sample, "open") == (sample.stages[0], sample.lanes[0])
    assert _cell(sample, "ticket") == (sample.stages[1], sample.lanes[2])


def test_dragging_cards_one_lane_down_moves_both_by_that_offset(canvas: JourneyCanvas, sample: Sample) -> None:
    _select(canvas, sample, "open", "hotline")  # stage 1 / steps, stage 2 / touchpoints
    layout = canvas.journey_scene.layout
    drag(canvas, centre(layout.cards[sample.cards["open"]].rect), centre(layout.cells[(sample.stages[1], sample.lanes[1])]))
    assert _cell(sample, "open") == (sample.stages[1], sample.lanes[1])
    assert _cell(sample, "hotline") == (sample.stages[2], sample.lanes[2])
    assert sample.project.session.undo_name == "Move 2 cards"


def test_in_a_swimlane_view_a_block_drag_moves_each_card_by_the_stage_offset(canvas: JourneyCanvas,
                                                                            sample: Sample) -> None:
    canvas.set_view(ViewKind.SWIMLANE_CHANNEL)
    _select(canvas, sample, "open", "hotline")
    layout = canvas.journey_scene.layout
    target = (sample.stages[1], layout.cards[sample.cards["open"]].lane_key)
    drag(canvas, centre(layout.cards[sample.cards["open"]].rect), centre(layout.cells[target]))
    assert _cell(sample, "open") == (sample.stages[1], sample.lanes[0])
    assert _cell(sample, "hotline") == (sample.stages[2], sample.lanes[1])


def test_deleting_a_stage_with_cards_asks_naming_the_count(canvas: JourneyCanvas, sample: Sample) -> None:
    from PySide6.QtWidgets import QMessageBox
    from ui_helpers import answer_next_modal

    from cxstudio.model.entities import Stage

    layout = canvas.journey_scene.layout
    header = next(h for h in layout.stage_headers if h.id == sample.stages[0])
    click(canvas, *centre(header.rect))
    assert canvas.selected_ids() == [sample.stages[0]]
    steps = sample.project.session.index
    seen = answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    press_key(canvas, Qt.Key.Key_Delete)
    assert seen == ["Delete the stage “Suchen” with 2 cards?"]
    assert isinstance(sample.project.document.find(sample.stages[0]), Stage)  # cancelled: nothing happened
    assert sample.project.session.index == steps

    seen = answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    press_key(canvas, Qt.Key.Key_Delete)
    assert seen == ["Delete the stage “Suchen” with 2 cards?"]
    assert sample.stages[0] not in sample.project.document
    assert sample.project.session.index == steps + 1  # one undo step
    sample.project.undo()
    assert sample.card("open").stage_id == sample.stages[0]

    # a stage without cards goes without a question; cards go without one too
    empty = sample.project.run(ops.add_stage, sample.journey_id, "Leer")
    canvas.select_ids([empty.id])
    press_key(canvas, Qt.Key.Key_Delete)
    assert empty.id not in sample.project.document
    canvas.select_ids([sample.cards["ticket"]])
    press_key(canvas, Qt.Key.Key_Delete)
    assert sample.cards["ticket"] not in sample.project.document


def test_the_relation_handle_sits_beside_the_card_and_covers_no_title(canvas: JourneyCanvas, sample: Sample) -> None:
    from canvas_gestures import render_area, viewport_point
    from PySide6.QtCore import QRectF
    from PySide6.QtTest import QTest

    long_title = "Kundin ruft wegen der unverständlichen Nachzahlung an und wartet sehr lange in der Warteschleife"
    sample.project.run(ops.edit_card, sample.cards["hotline"], title=long_title)
    scene = canvas.journey_scene
    card = scene.layout.cards[sample.cards["hotline"]].rect
    body = QRectF(card.x, card.y, card.width, card.height)
    quiet = render_area(canvas, body)
    QTest.mouseMove(canvas.viewport(), viewport_point(canvas, *centre(card)))  # hover: the handle shows
    item = scene.card_items[sample.cards["hotline"]]
    assert item.hovered
    assert render_area(canvas, body) == quiet  # nothing drawn over the card's title or text
    handle = item.handle_center()
    assert handle.x() > body.right() and body.top() < handle.y() < body.bottom()
    cell = scene.layout.cells[(sample.stages[1], sample.lanes[1])]
    assert handle.x() + 5 <= cell.right  # inside the cell's margin, not over the neighbouring column
    assert scene.handle_at(handle) == sample.cards["hotline"]  # where it is drawn, a press starts an arrow
