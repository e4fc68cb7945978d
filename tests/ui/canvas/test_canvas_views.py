"""The canvas shows exactly the layout engine's boxes, in every view; one relayout per change set; platform traps."""

from __future__ import annotations

import sys

from canvas_gestures import centre, drag
from conftest import Sample
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QGraphicsRectItem

from cxstudio.editing import operations as ops
from cxstudio.layout import CHIP_COLOURS, ViewKind, default_measurer, layout_journey
from cxstudio.model.entities import Card, CardKind, Department, LaneKind
from cxstudio.ui.canvas import JourneyCanvas
from cxstudio.ui.canvas.items import CardItem
from cxstudio.ui.canvas.text import reference_font, text_width


def _assert_items_match_layout(canvas: JourneyCanvas, sample: Sample, view: ViewKind) -> None:
    expected = layout_journey(sample.project.document, canvas.journey_id(), view)
    scene = canvas.journey_scene
    assert set(scene.card_items) == set(expected.cards)
    for card_id, box in expected.cards.items():
        item = scene.card_items[card_id]
        assert item.box == box
        assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)
        assert item.shape().boundingRect().size().toTuple() == (box.rect.width, box.rect.height)
    assert [scene.stage_items[h.id].box for h in expected.stage_headers] == expected.stage_headers
    assert [scene.lane_items[h.id].box for h in expected.lane_headers] == expected.lane_headers
    assert len(scene.stage_items) == len(expected.stage_headers)
    assert len(scene.lane_items) == len(expected.lane_headers)
    assert {r.id: r for r in expected.relations} == {k: i.route for k, i in scene.relation_items.items()}
    assert scene.relation_layer.route_count() == len(expected.relations)
    assert [c for c in expected.curves] == [scene.curve_items[c.lane_key].curve for c in expected.curves]
    assert len(scene.curve_items) == len(expected.curves)
    assert sorted((g.kind, g.y) for g in expected.lines) == sorted((i.geom.kind, i.geom.y) for i in scene.line_items.values())
    assert sorted((c.lane_key, c.stage_id, c.entity_id, c.rect) for c in expected.chips) == sorted(
        (i.chip.lane_key, i.chip.stage_id, i.chip.entity_id, i.chip.rect) for i in scene.chip_items.values())
    for chip_item in scene.chip_items.values():
        assert (chip_item.pos().x(), chip_item.pos().y()) == (chip_item.chip.rect.x, chip_item.chip.rect.y)
        assert chip_item.chip in expected.chips
    assert scene.sceneRect().getRect() == (0.0, 0.0, expected.width, expected.height)
    fixed = {scene.grid, scene.relation_layer, scene.overview, scene.dim_layer, scene._drop_line, scene._link_line,
             scene._rubber_band, scene.compare_layer}  # the compare layer: one item, empty unless comparing
    element_items = [i for i in scene.items() if i not in fixed and i.parentItem() is None]
    assert len(element_items) == (len(expected.cards) + len(expected.stage_headers) + len(expected.lane_headers)
                                  + len(expected.relations) + len(expected.curves) + len(expected.lines)
                                  + len(expected.chips))


def test_item_count_and_rects_equal_the_layout_in_every_view(canvas: JourneyCanvas, sample: Sample) -> None:
    sample.project.run(ops.link, sample.cards["open"], sample.cards["hotline"])
    for view in ViewKind:
        canvas.set_view(view)
        assert canvas.view() is view
        _assert_items_match_layout(canvas, sample, view)


def test_channels_and_departments_lanes_show_the_layouts_chips(canvas: JourneyCanvas, sample: Sample) -> None:
    project = sample.project
    channels_lane = project.run(ops.add_lane, sample.journey_id, "Kanäle", LaneKind.CHANNELS.value).id
    project.run(ops.add_lane, sample.journey_id, "Zuständig", LaneKind.DEPARTMENTS.value)
    scene = canvas.journey_scene
    layout = scene.layout
    assert layout is not None
    # "Kaufen" uses the phone (hotline card), "Nutzen" the store: one chip each in the channels lane
    names = {(c.stage_id, c.line.text) for c in layout.chips if c.lane_key == channels_lane}
    phone, store = (project.document.get(sample.channels[i]).name for i in ("phone", "store"))  # type: ignore[attr-defined]
    assert names == {(sample.stages[1], phone), (sample.stages[2], store)}
    assert len(scene.chip_items) == len(layout.chips)
    _assert_items_match_layout(canvas, sample, ViewKind.MAP)
    image = QImage(int(layout.width), int(layout.height), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    chip = next(c for c in layout.chips if c.lane_key == channels_lane)
    inside = image.pixelColor(int(chip.rect.x + chip.rect.width - 3), int(chip.rect.y + chip.rect.height / 2))
    assert inside.name() == CHIP_COLOURS["channel"][0]
    # a card moved away from the stage takes its channel's chip with it; undo brings it back
    project.run(ops.move_cards, [sample.cards["hotline"]], sample.stages[2], sample.lanes[1])
    assert {(c.stage_id, c.line.text) for c in scene.layout.chips if c.lane_key == channels_lane} == {
        (sample.stages[2], phone), (sample.stages[2], store)}
    _assert_items_match_layout(canvas, sample, ViewKind.MAP)
    project.undo()
    _assert_items_match_layout(canvas, sample, ViewKind.MAP)
    assert len(scene.chip_items) == len(layout.chips)


def test_blueprint_view_draws_the_lines_with_labels(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.set_view(ViewKind.BLUEPRINT)
    kinds = sorted(item.geom.kind for item in canvas.journey_scene.line_items.values())
    assert kinds == ["interaction", "visibility"]
    labels = sorted(item.geom.label_line.text for item in canvas.journey_scene.line_items.values())
    assert labels == ["Interaktionslinie", "Sichtbarkeitslinie"]
    lanes = {h.id for h in canvas.journey_scene.layout.lane_headers}
    assert sample.lanes[0] not in lanes  # a plain card lane is not part of the blueprint
    assert {sample.lanes[1], sample.lanes[2]} <= lanes


def test_swimlane_views_regroup_touchpoints_by_channel_and_department(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.set_view(ViewKind.SWIMLANE_CHANNEL)
    scene = canvas.journey_scene
    keys = [h.id for h in scene.layout.lane_headers]
    assert keys[:2] == [f"channel:{sample.channels['phone']}", f"channel:{sample.channels['store']}"]
    assert set(scene.card_items) == set(sample.cards.values())  # every card (issue 14)
    assert {scene.layout.cards[sample.cards[n]].lane_key for n in ("open", "read", "ticket")} == {"channel:none"}
    assert scene.layout.cards[sample.cards["hotline"]].lane_key == f"channel:{sample.channels['phone']}"
    # derived lane headers are shown but are not elements one can select, drag or delete
    assert not scene.lane_items[keys[0]].selectable
    # a derived card is still selectable and editable
    canvas.select_ids([sample.cards["hotline"]])
    assert canvas.selected_ids() == [sample.cards["hotline"]]
    sample.project.run(ops.edit_card, sample.cards["hotline"], channel_id=sample.channels["store"])
    assert scene.layout.cards[sample.cards["hotline"]].lane_key == f"channel:{sample.channels['store']}"

    department = sample.project.run(ops.add_element, Department(name="Kundenservice"))
    sample.project.run(ops.edit_card, sample.cards["store"], department_id=department.id)
    canvas.set_view(ViewKind.SWIMLANE_DEPARTMENT)
    keys = [h.id for h in scene.layout.lane_headers]
    assert f"department:{department.id}" in keys and "department:none" in keys
    assert scene.layout.cards[sample.cards["store"]].lane_key == f"department:{department.id}"


def test_swimlane_drag_moves_between_stages_only(canvas: JourneyCanvas, sample: Sample) -> None:
    messages: list[str] = []
    canvas.message.connect(messages.append)
    canvas.set_view(ViewKind.SWIMLANE_CHANNEL)
    layout = canvas.journey_scene.layout
    store_lane = f"channel:{sample.channels['store']}"
    target = layout.cells[(sample.stages[0], store_lane)]
    drag(canvas, centre(layout.cards[sample.cards["hotline"]].rect), centre(target))
    hotline = sample.card("hotline")
    assert hotline.stage_id == sample.stages[0]
    assert hotline.lane_id == sample.lanes[1] and hotline.channel_id == sample.channels["phone"]
    assert messages and "swimlane" in messages[-1]
    assert sample.project.session.undo_name == "Move card “Hotline-Warteschleife”"


def test_new_card_in_a_swimlane_gets_that_channel(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.set_view(ViewKind.SWIMLANE_CHANNEL)
    layout = canvas.journey_scene.layout
    lane_key = f"channel:{sample.channels['store']}"
    canvas.create_card_at(QPointF(*centre(layout.cells[(sample.stages[0], lane_key)])), edit_title=False)
    created = [c for c in sample.project.document.cards(sample.journey_id) if c.stage_id == sample.stages[0]
               and c.channel_id == sample.channels["store"]]
    assert len(created) == 1 and created[0].kind == CardKind.TOUCHPOINT.value
    assert canvas.journey_scene.layout.cards[created[0].id].lane_key == lane_key


def test_one_relayout_per_committed_change_set(canvas: JourneyCanvas, sample: Sample) -> None:
    scene = canvas.journey_scene
    before = scene.relayout_count
    sample.project.run(ops.move_cards, [sample.cards["open"], sample.cards["read"], sample.cards["ticket"]],
                       sample.stages[2], sample.lanes[0])
    assert scene.relayout_count == before + 1
    sample.project.undo()
    assert scene.relayout_count == before + 2
    # a change in another journey does not touch this canvas
    other_stage = sample.project.document.stages(sample.other_journey_id)[0]
    sample.project.run(ops.rename, other_stage.id, "Anders")
    assert scene.relayout_count == before + 2
    items_before = dict(scene.card_items)
    sample.project.run(ops.edit_card, sample.cards["ticket"], rating=9)
    assert scene.card_items == items_before  # items are updated by id, not recreated


def test_deleting_the_shown_journey_empties_the_canvas(canvas: JourneyCanvas, sample: Sample) -> None:
    sample.project.run(ops.delete_elements, [sample.journey_id])
    assert canvas.journey_scene.card_items == {}
    assert canvas.journey_scene.layout is None
    sample.project.undo()  # the map comes back with the journey
    assert canvas.journey_id() == sample.journey_id
    assert len(canvas.journey_scene.card_items) == 5


def test_level_of_detail_simplifies_cards_when_zoomed_out(canvas: JourneyCanvas, sample: Sample) -> None:
    item = canvas.journey_scene.card_items[sample.cards["open"]]
    rect = item.shape().boundingRect()

    def render(scale: float) -> QImage:
        image = QImage(int(rect.width() * scale) + 2, int(rect.height() * scale) + 2, QImage.Format.Format_ARGB32)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        painter.scale(scale, scale)
        canvas.journey_scene.render(painter, rect.translated(0, 0).adjusted(0, 0, 0, 0), item.sceneBoundingRect().adjusted(4, 4, -12, -4))
        painter.end()
        return image

    def colours(image: QImage) -> int:
        return len({image.pixel(x, y) for x in range(image.width()) for y in range(image.height())})

    # full detail: text and border give many colours; simplified: a flat fill
    assert colours(render(1.0)) > 20
    assert colours(render(0.2)) <= 6


def test_canvas_text_widths_equal_the_layout_measurer() -> None:
    measurer = default_measurer()
    for text, size, bold in (("Größere Abschläge für Übergänge €", 9.5, False), ("Warteschleife mit Musik", 11.0, True),
                             ("Zählerstand 1.234,56", 7.5, False)):
        assert abs(text_width(text, size, bold) - measurer.width(text, size, bold)) <= 0.002 * measurer.width(text, size, bold)


def test_canvas_text_has_one_glyph_per_character_like_the_layout_and_the_pdf() -> None:
    # the layout measures a line as the sum of its characters' advances and the PDF draws them one by one:
    # the screen must not join fi, fl or ff into ligatures (a shaped line is narrower than measured)
    text = "Öffnet hoffentlich die Pflichtfelder, fließend – effizient"
    measurer = default_measurer()
    for bold in (False, True):
        layout = QTextLayout(text, reference_font(bold))
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        assert sum(len(run.glyphIndexes()) for run in layout.glyphRuns()) == len(text)
        assert abs(text_width(text, 9.5, bold) - measurer.width(text, 9.5, bold)) <= 5e-4 * measurer.width(text, 9.5, bold)


def test_set_pos_keeps_the_reference_count_of_none() -> None:
    """PySide6 6.12.0 on Python 3.11 decrements None on every void call (QUALITY.md); this catches it."""
    item = QGraphicsRectItem(0, 0, 10, 10)
    for _ in range(100):
        item.setPos(1.0, 2.0)
    before = sys.getrefcount(None)
    for index in range(10_000):
        item.setPos(float(index), 2.0)
    after = sys.getrefcount(None)
    assert abs(after - before) < 100


def test_card_items_carry_their_markers(canvas: JourneyCanvas, sample: Sample) -> None:
    hotline = canvas.journey_scene.card_items[sample.cards["hotline"]]
    store = canvas.journey_scene.card_items[sample.cards["store"]]
    assert isinstance(hotline, CardItem)
    assert [m.kind for m in hotline.box.markers] == ["pain_point", "rating"]
    assert [m.kind for m in store.box.markers] == ["moment_of_truth", "rating"]
    assert hotline.box.channel_name == "Callcenter"
    assert sample.project.document.get(sample.cards["hotline"], Card).rating == 3


def test_far_zoom_draws_cards_through_the_overview_layer(canvas: JourneyCanvas, sample: Sample) -> None:
    scene = canvas.journey_scene
    canvas.select_ids([sample.cards["store"]])
    canvas.set_zoom(0.2)
    assert scene.overview_active and scene.overview.isVisible()
    assert not any(item.is_painted() for item in scene.card_items.values())
    assert canvas.selected_ids() == [sample.cards["store"]]
    drawn = sum(len(rects) for colour, rects in scene.overview._by_colour if colour.name() in
                {box.colour for box in scene.layout.cards.values()})
    assert drawn == len(scene.layout.cards)
    assert len(scene.overview._selected) == 1
    # cards are still found and dragged at that zoom
    assert scene.card_at(*scene.layout.cards[sample.cards["open"]].rect.center) == sample.cards["open"]
    canvas.zoom_to_fit()
    canvas.set_zoom(1.0)
    assert not scene.overview.isVisible()
    assert all(item.is_painted() for item in scene.card_items.values())
    assert canvas.selected_ids() == [sample.cards["store"]]


def test_a_lane_dropped_into_the_blueprint_that_it_does_not_show_is_explained(canvas: JourneyCanvas, sample: Sample) -> None:
    from canvas_gestures import drop_mime

    from cxstudio.model.entities import LaneKind
    from cxstudio.ui.canvas import PaletteItem, palette_mime_data

    messages: list[str] = []
    canvas.message.connect(messages.append)
    canvas.set_view(ViewKind.BLUEPRINT)
    row = canvas.journey_scene.layout.lane_headers[0].rect
    drop_mime(canvas, palette_mime_data(PaletteItem("lane", LaneKind.CARDS.value)), row.center[0], row.y + 3)
    lanes = sample.project.document.lanes(sample.journey_id)
    assert len(lanes) == 5
    assert messages and "journey map" in messages[-1]
    drop_mime(canvas, palette_mime_data(PaletteItem("lane", LaneKind.BACKSTAGE.value)), row.center[0], row.y + 3)
    shown = [h.id for h in canvas.journey_scene.layout.lane_headers]
    new_lane = next(ln for ln in sample.project.document.lanes(sample.journey_id) if ln.kind == LaneKind.BACKSTAGE.value
                    and ln.id != sample.lanes[2])
    assert new_lane.id in shown and canvas.selected_ids() == [new_lane.id]


def test_arrow_layer_merges_shared_tracks_without_losing_any_point() -> None:
    from cxstudio.layout import RelationRoute
    from cxstudio.ui.canvas.items import merged_segments

    def route(points: tuple[tuple[float, float], ...]) -> RelationRoute:
        return RelationRoute("r", "a", "b", "leads_to", "", points, (points[-1], points[-1], points[-1]), None)

    routes = [
        route(((0.0, 10.0), (50.0, 10.0), (50.0, 200.0), (80.0, 200.0))),
        route(((20.0, 30.0), (50.0, 30.0), (50.0, 120.0), (90.0, 120.0))),  # shares the track x = 50
        route(((50.0, 250.0), (50.0, 300.0))),  # same track, apart from the others
        route(((0.0, 10.0), (30.0, 10.0))),  # inside the first route's first segment
    ]
    merged = merged_segments(routes)
    assert sorted(merged) == sorted([
        (0.0, 10.0, 50.0, 10.0), (20.0, 30.0, 50.0, 30.0), (50.0, 10.0, 50.0, 200.0), (50.0, 250.0, 50.0, 300.0),
        (50.0, 200.0, 80.0, 200.0), (50.0, 120.0, 90.0, 120.0),
    ])
