"""What makes a journey's first paint cheap keeps the picture whole: paused GC during a relayout, arrow heads
and badges made when first drawn."""

from __future__ import annotations

import gc

import pytest
from canvas_gestures import render_area
from conftest import Sample
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from cxstudio.editing import operations as ops
from cxstudio.editing.operations import link as ops_link
from cxstudio.layout import RELATION_COLOUR
from cxstudio.ui.canvas import JourneyCanvas
from cxstudio.ui.canvas import scene as scene_module


def test_a_relayout_runs_without_cyclic_gc_and_restores_it(canvas: JourneyCanvas, sample: Sample,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real_layout = scene_module.layout_journey

    def layout_noting_gc(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real_layout(*args, **kwargs)

    monkeypatch.setattr(scene_module, "layout_journey", layout_noting_gc)
    assert gc.isenabled()
    canvas.journey_scene.relayout()
    assert seen == [False] and gc.isenabled()
    gc.disable()  # a caller that paused the collector itself gets it back paused
    try:
        canvas.journey_scene.relayout()
        assert seen == [False, False] and not gc.isenabled()
    finally:
        gc.enable()

    def failing_layout(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("layout failed")

    monkeypatch.setattr(scene_module, "layout_journey", failing_layout)
    with pytest.raises(RuntimeError):
        canvas.journey_scene.relayout()
    assert gc.isenabled()


def test_arrow_heads_are_made_when_first_drawn_and_drawn_at_the_route_tip(canvas: JourneyCanvas,
                                                                          sample: Sample) -> None:
    sample.project.run(ops_link, sample.cards["hotline"], sample.cards["store"])
    scene = canvas.journey_scene
    route = scene.layout.relations[0]
    layer = scene.relation_layer
    assert [head.polygon for head in layer._heads] == [None]  # nothing painted since the relayout
    xs = [x for x, _y in route.arrow]
    ys = [y for _x, y in route.arrow]
    area = QRectF(min(xs) - 1, min(ys) - 1, max(xs) - min(xs) + 2, max(ys) - min(ys) + 2)
    image = render_area(canvas, area)
    head = layer._heads[0]
    assert head.polygon is not None
    assert [(p.x(), p.y()) for p in head.polygon] == list(route.arrow)
    # the head is filled in the arrows' colour around the centre of its triangle
    cx, cy = sum(xs) / 3, sum(ys) / 3
    pixel = image.pixelColor(int((cx - area.x()) * 4), int((cy - area.y()) * 4))
    expected = QColor(RELATION_COLOUR)
    assert abs(pixel.red() - expected.red()) + abs(pixel.green() - expected.green()) + abs(
        pixel.blue() - expected.blue()) < 30


def test_badge_drawings_are_made_on_the_first_paint_of_a_changed_card(canvas: JourneyCanvas, sample: Sample) -> None:
    scene = canvas.journey_scene
    card_id = next(cid for cid, box in scene.layout.cards.items() if box.badges)
    sample.project.run(ops.edit_card, card_id, title="Geänderter Titel mit Übergabe")
    item = scene.card_items[card_id]
    box = scene.layout.cards[card_id]
    assert item.box == box and item._badge_drawings is None  # a changed box: its drawings wait for a paint
    render_area(canvas, QRectF(box.rect.x, box.rect.y, box.rect.width, box.rect.height), 2.0)
    drawings = item._badge_drawings
    assert drawings is not None and len(drawings) == len(box.badges)
    assert item.badge_drawings is drawings  # made once, kept until the box changes
