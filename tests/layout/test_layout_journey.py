"""Journey layouts: grid, card boxes, views, emotion curves, relation routes, blueprint lines, hit testing."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from layout_samples import Sample

from cxstudio.editing import operations as ops
from cxstudio.layout import (
    ELLIPSIS,
    CardBox,
    JourneyLayout,
    LayoutSettings,
    Rect,
    TextLine,
    TextMeasurer,
    ViewKind,
    default_measurer,
    layout_journey,
)
from cxstudio.model.entities import BlueprintLine, CardKind, LaneKind, Touchpoint
from cxstudio.model.errors import NotFoundError


def line_box(line: TextLine, measurer: TextMeasurer) -> Rect:
    return line.bounds(measurer.ascent(line.size), measurer.descent(line.size))


def crosses(rect: Rect, start: tuple[float, float], end: tuple[float, float], eps: float = 1e-6) -> bool:
    """True if the axis-aligned segment runs through the rectangle's interior."""
    (x0, y0), (x1, y1) = start, end
    low_x, high_x, low_y, high_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return low_x < rect.right - eps and high_x > rect.x + eps and low_y < rect.bottom - eps and high_y > rect.y + eps


def assert_badges_sound(box: CardBox, inner: Rect, m: TextMeasurer) -> None:
    """A card's badges: inside its padding, below its header and text, apart from each other, their names inside."""
    expected = [kind for kind, entity in (("channel", box.channel_id), ("department", box.department_id))
                if entity is not None and (box.channel_name if kind == "channel" else box.department_name)]
    assert [badge.kind for badge in box.badges] == expected, box.id
    body = [line_box(line, m) for line in ((box.kind_line,) if box.kind_line else ()) + box.title_lines + box.text_lines]
    body += [marker.rect for marker in box.markers]
    for badge in box.badges:
        assert inner.contains_rect(badge.rect), (box.id, badge.kind)
        assert not any(badge.rect.intersects(other) for other in body), (box.id, badge.kind)
        assert badge.lines, (box.id, badge.kind)
        for line in badge.lines:
            assert badge.rect.contains_rect(line_box(line, m)), (box.id, line.text)
        if badge.icon_rect is not None:
            assert badge.icon and badge.rect.contains_rect(badge.icon_rect)
            assert not any(badge.icon_rect.intersects(line_box(line, m)) for line in badge.lines)
        else:
            assert badge.icon == ""
    for first, second in itertools.combinations(box.badges, 2):
        assert not first.rect.intersects(second.rect), box.id


def assert_sound(layout: JourneyLayout) -> None:
    """No overlaps, nothing clipped, everything inside the scene."""
    m = default_measurer()
    scene = Rect(0, 0, layout.width, layout.height)
    boxes = list(layout.cards.values())
    for a, b in itertools.combinations(boxes, 2):
        assert not a.rect.intersects(b.rect), (a.id, b.id)
    card_fields = {f.name for f in dataclasses.fields(CardBox)}
    for box in boxes:
        assert set(vars(box)) == card_fields
        cell = layout.cells[(box.stage_id, box.lane_key)]
        assert cell.contains_rect(box.rect)
        inner = box.rect.inset(layout.settings.card_padding - 1e-6)
        for line in box.all_lines():
            if line in (m.label for m in box.markers):
                continue
            assert inner.contains_rect(line_box(line, m)), (box.id, line.text)
            assert line.width == pytest.approx(m.width(line.text, line.size, line.bold, line.italic))
        for marker in box.markers:
            assert inner.contains_rect(marker.rect)
            if box.kind_line is not None:
                assert not line_box(box.kind_line, m).intersects(marker.rect)
        for first, second in zip(box.markers, box.markers[1:]):
            assert first.rect.right < second.rect.x
        header_bottom = max((mk.rect.bottom for mk in box.markers), default=box.rect.y)
        for line in box.title_lines + box.text_lines + tuple(ln for b in box.badges for ln in b.lines):
            assert line_box(line, m).y >= header_bottom - 1e-6
        body = box.title_lines + box.text_lines
        for first, second in zip(body, body[1:]):
            assert line_box(first, m).bottom <= line_box(second, m).y + 1e-6
        assert_badges_sound(box, inner, m)
    for header in layout.stage_headers + layout.lane_headers:
        assert scene.contains_rect(header.rect)
        for line in header.lines:
            assert header.rect.inset(layout.settings.header_padding - 1e-6).contains_rect(line_box(line, m))
    for a, b in itertools.combinations(layout.stage_headers + layout.lane_headers, 2):
        assert not a.rect.intersects(b.rect)
    # texts in the lane header column: names, kinds, curve scales, blueprint line labels
    headers = {h.id: h for h in layout.lane_headers}
    header_texts = [line for h in layout.lane_headers for line in h.lines]
    for curve in layout.curves:
        for tick in curve.tick_lines:
            assert headers[curve.lane_key].rect.contains_rect(line_box(tick, m))
        header_texts += curve.tick_lines
    for blueprint_line in layout.lines:
        assert headers[blueprint_line.lane_key].rect.contains_rect(line_box(blueprint_line.label_line, m))
        header_texts.append(blueprint_line.label_line)
    for a, b in itertools.combinations(header_texts, 2):
        assert not line_box(a, m).intersects(line_box(b, m)), (a.text, b.text)
    for a, b in itertools.combinations(layout.cells.values(), 2):
        assert not a.intersects(b)
    for line in layout.title_lines:
        assert layout.title_rect.contains_rect(line_box(line, m))
    for chip in layout.chips:
        assert layout.cells[(chip.stage_id, chip.lane_key)].inset(layout.settings.cell_padding - 1e-6).contains_rect(chip.rect)
        assert chip.rect.inset(layout.settings.chip_padding - 1e-6).contains_rect(line_box(chip.line, m))
        assert not any(chip.rect.intersects(box.rect) for box in boxes)
    for a, b in itertools.combinations(layout.chips, 2):
        assert not a.rect.intersects(b.rect)
    for route in layout.relations:  # arrows run around cards, never through them
        for start, end in zip(route.points, route.points[1:]):
            assert start[0] == pytest.approx(end[0]) or start[1] == pytest.approx(end[1])
            for box in boxes:
                assert not crosses(box.rect, start, end), (route.id, box.id)
            assert layout.grid_rect.contains(*start) and layout.grid_rect.contains(*end)
        if route.label_line is not None:
            label = line_box(route.label_line, m)
            assert layout.grid_rect.contains_rect(label)
            assert not any(label.intersects(box.rect) for box in boxes), route.label
    assert not layout.title_rect.intersects(layout.grid_rect)
    assert scene.contains_rect(layout.grid_rect)


@pytest.mark.parametrize("view", list(ViewKind))
def test_every_view_of_the_sample_is_sound(sample: Sample, view: ViewKind) -> None:
    assert_sound(layout_journey(sample.doc, sample.journey_id, view))


def test_map_shows_every_lane_and_card(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id)
    assert layout.lane_keys == tuple(ln.id for ln in sample.doc.lanes(sample.journey_id))
    assert layout.stage_ids == tuple(s.id for s in sample.doc.stages(sample.journey_id))
    assert set(layout.cards) == set(sample.cards.values())
    assert layout.editable_placement
    assert [h.id for h in layout.stage_headers] == list(layout.stage_ids)
    assert [h.lines[0].text for h in layout.stage_headers] == ["Aufmerksamkeit", "Überlegung", "Kauf", "Nutzung"]
    assert layout.title_lines[0].text == "Girokonto eröffnen"
    assert "Persona: Jana Schäfer" in layout.title_lines[1].text and "Ist-Zustand" in layout.title_lines[1].text


def test_grid_is_contiguous(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id)
    columns = [layout.stage_columns[s] for s in layout.stage_ids]
    for left, right in zip(columns, columns[1:]):
        assert left.right == pytest.approx(right.x)
    rows = [layout.lane_rows[k] for k in layout.lane_keys]
    for upper, lower in zip(rows, rows[1:]):
        assert upper.bottom == pytest.approx(lower.y)
    assert rows[0].y == pytest.approx(layout.stage_headers[0].rect.bottom)
    assert rows[-1].bottom == pytest.approx(layout.grid_rect.bottom)
    for (stage_id, lane_key), cell in layout.cells.items():
        assert cell.x == layout.stage_columns[stage_id].x and cell.y == layout.lane_rows[lane_key].y
        assert cell.height == layout.lane_rows[lane_key].height


def test_card_content_and_markers(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id)
    cd = sample.cards
    termin = layout.cards[cd["termin"]]
    assert [ln.text for ln in termin.title_lines] == ["Beratung in der Filiale"]  # catalogue name as title
    assert all(ln.bold for ln in termin.title_lines)
    assert termin.channel_name == "Filiale" and termin.department_name == "Vertrieb"  # via the catalogue
    assert [(b.kind, b.icon, [ln.text for ln in b.lines]) for b in termin.badges] == [
        ("channel", "store", ["Filiale"]), ("department", "building", ["Vertrieb"])]
    assert [m.kind for m in termin.markers] == ["moment_of_truth", "rating"]
    assert termin.markers[-1].label.text == "8"
    anruf = layout.cards[cd["anruf"]]
    assert [m.kind for m in anruf.markers] == ["pain_point", "rating"]
    assert anruf.kind_line is not None and anruf.kind_line.text == "Schritt"
    ops.edit_card(sample.session, cd["anruf"], priority=3)
    prioritised = layout_journey(sample.doc, sample.journey_id).cards[cd["anruf"]]
    assert prioritised.kind_line is not None and prioritised.kind_line.text == "Schritt · Priorität hoch"
    assert prioritised.kind_line.x + prioritised.kind_line.width < prioritised.markers[0].rect.x
    assert anruf.text_lines and not anruf.text_lines[0].bold
    gedanke = layout.cards[cd["gedanke"]]
    assert gedanke.colour == "#1e3a8a" and gedanke.text_colour == "#ffffff"
    assert layout.cards[cd["suche"]].text_colour != "#ffffff"
    # markers sit side by side at the top right
    first, second = termin.markers
    assert first.rect.right < second.rect.x
    assert second.rect.right == pytest.approx(termin.rect.right - layout.settings.card_padding)


def test_cards_stack_in_order_and_lanes_grow_with_their_tallest_cell(sample: Sample) -> None:
    before = layout_journey(sample.doc, sample.journey_id)
    touchpoints = sample.lanes["Touchpoints"]
    stage = sample.stages["Aufmerksamkeit"]
    for number in range(6):
        ops.add_card(sample.session, stage, touchpoints, f"Anzeige Nummer {number} mit längerem Titel über zwei Zeilen")
    after = layout_journey(sample.doc, sample.journey_id)
    ids = after.cards_in_cell(stage, touchpoints)
    assert [sample.doc.get(i).order for i in ids] == list(range(len(ids)))  # type: ignore[attr-defined]
    rects = [after.cards[i].rect for i in ids]
    s = after.settings
    for upper, lower in zip(rects, rects[1:]):
        assert lower.y == pytest.approx(upper.bottom + s.card_gap)
    row = after.lane_rows[touchpoints]
    assert row.height == pytest.approx(rects[-1].bottom + s.cell_padding - row.y)
    assert row.height > before.lane_rows[touchpoints].height
    # the other lanes keep their heights
    for key in after.lane_keys:
        if key != touchpoints:
            assert after.lane_rows[key].height == pytest.approx(before.lane_rows[key].height)


def test_long_titles_wrap_and_very_long_text_is_cut(sample: Sample) -> None:
    s = LayoutSettings()
    card = ops.add_card(
        sample.session, sample.stages["Kauf"], sample.lanes["Schritte"], "Überweisung " * 150, text="Lorem ipsum " * 5000
    )
    layout = layout_journey(sample.doc, sample.journey_id, settings=s)
    box = layout.cards[card.id]
    assert len(box.title_lines) == s.card_title_max_lines and box.title_lines[-1].text.endswith(ELLIPSIS)
    assert len(box.text_lines) == s.card_text_max_lines and box.text_lines[-1].text.endswith(ELLIPSIS)
    assert_sound(layout)


def test_blueprint_view_shows_blueprint_lanes_and_lines_between_them(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id, ViewKind.BLUEPRINT)
    names = [h.lines[0].text for h in layout.lane_headers]
    assert names == ["Kundenaktionen", "Frontstage", "Backstage", "Unterstützungsprozesse"]
    lines = {line.kind: line for line in layout.lines}
    assert set(lines) == {b.value for b in BlueprintLine}
    rows = [layout.lane_rows[k] for k in layout.lane_keys]
    expected = {"interaction": (0, 1), "visibility": (1, 2), "internal_interaction": (2, 3)}
    for kind, (above, below) in expected.items():
        line = lines[kind]
        assert line.y == pytest.approx(rows[above].bottom) and line.y == pytest.approx(rows[below].y)
        assert line.lane_key == layout.lane_keys[above]
        assert (line.x0, line.x1) == (layout.grid_rect.x, layout.grid_rect.right)
        header = layout.lane_headers[above]
        assert header.rect.contains_rect(line_box(line.label_line, default_measurer()))
        for text_line in header.lines:  # the label sits below the lane's name
            assert line_box(text_line, default_measurer()).bottom <= line_box(line.label_line, default_measurer()).y
    assert [ln.label_line.text for ln in layout.lines] == [
        "Interaktionslinie", "Sichtbarkeitslinie", "Linie der internen Interaktion",
    ]
    # cards of other lanes are not in the blueprint; relations to them are skipped
    assert sample.cards["suche"] not in layout.cards and sample.cards["ident"] in layout.cards
    assert all(r.source_id in layout.cards and r.target_id in layout.cards for r in layout.relations)
    assert {(r.source_id, r.target_id) for r in layout.relations} == {(sample.cards["ident"], sample.cards["kernbank"])}


def test_map_view_draws_lines_too_but_swimlanes_do_not(sample: Sample) -> None:
    assert len(layout_journey(sample.doc, sample.journey_id).lines) == 3
    assert layout_journey(sample.doc, sample.journey_id, ViewKind.SWIMLANE_CHANNEL).lines == []


def test_blueprint_of_a_journey_without_blueprint_lanes_shows_all_lanes(sample: Sample) -> None:
    journey = ops.add_journey(sample.session, "Ohne Blueprint", ["A", "B"], [ops.LaneSpec("Eins"), ops.LaneSpec("Zwei")])
    layout = layout_journey(sample.doc, journey.id, ViewKind.BLUEPRINT)
    assert layout.lane_keys == tuple(ln.id for ln in sample.doc.lanes(journey.id))
    assert layout.lines == []


def test_swimlanes_by_channel_regroup_touchpoint_cards(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id, ViewKind.SWIMLANE_CHANNEL)
    ch, cd = sample.channels, sample.cards
    # catalogue order of the default channels: Website, App, E-Mail, Chat, Social, Callcenter, Filiale, Brief, Werbung
    expected_lanes = [f"channel:{ch[n]}" for n in ("Mobile App", "Callcenter", "Filiale", "Brief", "Werbung")]
    curve_lane = sample.lanes["Emotionskurve"]
    assert layout.lane_keys == (*expected_lanes, "channel:none", curve_lane)
    assert [h.lines[0].text for h in layout.lane_headers][:6] == [
        "Mobile App", "Callcenter", "Filiale", "Brief", "Werbung", "Ohne Kanal"]
    placed = {cid: box.lane_key for cid, box in layout.cards.items()}
    with_channel = {
        cd["app"]: f"channel:{ch['Mobile App']}",
        cd["anruf"]: f"channel:{ch['Callcenter']}",  # through its catalogue touchpoint
        cd["termin"]: f"channel:{ch['Filiale']}",
        cd["karte"]: f"channel:{ch['Brief']}",
        cd["werbung"]: f"channel:{ch['Werbung']}",
    }
    # every card shows (issue 14): those without a channel in the lane for none
    assert placed == {card.id: with_channel.get(card.id, "channel:none") for card in sample.doc.cards(sample.journey_id)}
    assert not layout.editable_placement
    for cid, box in layout.cards.items():
        assert box.stage_id == sample.doc.get(cid).stage_id  # type: ignore[attr-defined]
        assert box.lane_id == sample.doc.get(cid).lane_id  # type: ignore[attr-defined]
    assert_sound(layout)


def test_swimlanes_by_department_and_the_no_department_lane(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id, ViewKind.SWIMLANE_DEPARTMENT)
    dep, cd = sample.departments, sample.cards
    # departments in catalogue order (Vertrieb was added first), then the lane for cards without one
    assert layout.lane_keys[:3] == (f"department:{dep['Vertrieb']}", f"department:{dep['Kundenservice']}", "department:none")
    assert layout.lane_headers[2].lines[0].text == "Ohne Abteilung"
    assert layout.cards[cd["app"]].lane_key == f"department:{dep['Vertrieb']}"  # own department
    assert layout.cards[cd["termin"]].lane_key == f"department:{dep['Vertrieb']}"  # the catalogue's
    assert layout.cards[cd["anruf"]].lane_key == f"department:{dep['Kundenservice']}"
    assert layout.cards[cd["werbung"]].lane_key == "department:none"
    assert layout.cards[cd["karte"]].lane_key == "department:none"
    assert layout.cards[cd["suche"]].lane_key == "department:none"  # a plain step shows too (issue 14)


def test_swimlane_cells_keep_journey_order(sample: Sample) -> None:
    stage, lane = sample.stages["Überlegung"], sample.lanes["Schritte"]
    one = ops.add_card(sample.session, stage, lane, "Website 1", kind=CardKind.TOUCHPOINT.value,
                       channel_id=sample.channels["Website"])
    two = ops.add_card(sample.session, stage, lane, "Website 0", kind=CardKind.TOUCHPOINT.value,
                       channel_id=sample.channels["Website"], index=0)
    layout = layout_journey(sample.doc, sample.journey_id, ViewKind.SWIMLANE_CHANNEL)
    assert layout.cards_in_cell(stage, f"channel:{sample.channels['Website']}") == (two.id, one.id)


def test_catalogue_channel_change_moves_the_card_between_swimlanes(sample: Sample) -> None:
    ops.edit_element(sample.session, sample.touchpoints["Hotline"], channel_id=sample.channels["E-Mail"])
    layout = layout_journey(sample.doc, sample.journey_id, ViewKind.SWIMLANE_CHANNEL)
    assert layout.cards[sample.cards["anruf"]].lane_key == f"channel:{sample.channels['E-Mail']}"
    assert f"channel:{sample.channels['Callcenter']}" not in layout.lane_keys
    assert layout.cards[sample.cards["anruf"]].channel_name == "E-Mail"


def test_emotion_curve_points_follow_journey_order_and_scale(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id)
    (curve,) = layout.curves
    assert curve.lane_key == sample.lanes["Emotionskurve"]
    cd = sample.cards
    expected = ["suche", "werbung", "vergleich", "termin", "anruf", "app", "ident", "gedanke", "karte"]
    assert [p.card_id for p in curve.points] == [cd[n] for n in expected]
    for point in curve.points:
        column = layout.stage_columns[point.stage_id]
        assert column.x < point.x < column.right
        assert point.y == pytest.approx(curve.y_for(point.rating))
        assert curve.rect.y < point.y < curve.rect.bottom
        assert point.rating == sample.doc.get(point.card_id).rating  # type: ignore[attr-defined]
    assert curve.y_for(10) == pytest.approx(curve.top_y) and curve.y_for(1) == pytest.approx(curve.bottom_y)
    assert curve.neutral_y == pytest.approx((curve.top_y + curve.bottom_y) / 2)
    by_rating = sorted(curve.points, key=lambda p: p.rating)
    assert all(a.y >= b.y for a, b in zip(by_rating, by_rating[1:]))  # higher rating, higher on the page
    # two rated cards in one stage are spread across the column, in order
    stage_points = [p for p in curve.points if p.stage_id == sample.stages["Überlegung"]]
    assert [p.x for p in stage_points] == sorted(p.x for p in stage_points)
    assert len({p.x for p in stage_points}) == 3
    # a card in the curve lane sits above the plot
    note = layout.cards[cd["kurve"]]
    assert note.rect.bottom <= curve.rect.y
    assert layout.lane_rows[curve.lane_key].contains_rect(curve.rect)
    assert [t.text for t in curve.tick_lines] == [str(n) for n in range(10, 0, -1)]  # the axis: every rating


def test_relation_routes_run_from_border_to_border(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id)
    cd = sample.cards
    # the relation to a catalogue touchpoint is not drawn
    assert len(layout.relations) == 6
    s = layout.settings
    for route in layout.relations:
        source = layout.cards[route.source_id].rect
        target = layout.cards[route.target_id].rect
        assert source.on_border(*route.points[0])
        assert target.on_border(*route.points[-1])
        assert route.arrow[0] == route.points[-1]
        (x0, y0), (x1, y1) = route.points[-2], route.points[-1]
        assert abs(x1 - x0) + abs(y1 - y0) >= s.arrow_length
        for (ax, ay), (bx, by) in zip(route.points, route.points[1:]):
            assert ax == pytest.approx(bx) or ay == pytest.approx(by)  # orthogonal segments
    by_pair = {(r.source_id, r.target_id): r for r in layout.relations}
    adjacent = by_pair[(cd["termin"], cd["anruf"])]
    assert len(adjacent.points) == 2  # straight down within the cell
    gutter = by_pair[(cd["ident"], cd["kernbank"])]
    assert len(gutter.points) == 4  # around the cards between them
    far = by_pair[(cd["anruf"], cd["pruefung"])]  # a neighbouring column, other lane
    assert len(far.points) == 4
    assert len(by_pair[(cd["karte"], cd["werbung"])].points) == 6  # three columns back, along a channel
    for other in ("berater", "pruefung"):
        box = layout.cards[cd[other]].rect
        assert all(not box.contains(x, y) for x, y in gutter.points)
    labelled = by_pair[(cd["suche"], cd["vergleich"])]
    assert labelled.label_line is not None and labelled.label_line.text == "führt zu"
    backwards = by_pair[(cd["karte"], cd["werbung"])]
    assert backwards.points[0][0] == pytest.approx(layout.cards[cd["karte"]].rect.x)
    assert backwards.points[-1][0] == pytest.approx(layout.cards[cd["werbung"]].rect.right)


def test_hit_testing(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id)
    cd, st, ln = sample.cards, sample.stages, sample.lanes
    for card_id, box in layout.cards.items():
        assert layout.card_at(*box.rect.center) == card_id
        assert layout.card_at(box.rect.x, box.rect.y) == card_id
        assert layout.cell_at(*box.rect.center) == (box.stage_id, box.lane_key)
    termin, anruf = layout.cards[cd["termin"]].rect, layout.cards[cd["anruf"]].rect
    gap_y = (termin.bottom + anruf.y) / 2
    assert layout.card_at(termin.center[0], gap_y) is None
    assert layout.cell_at(termin.center[0], gap_y) == (st["Überlegung"], ln["Touchpoints"])
    assert layout.cell_at(-5, -5) is None
    assert layout.cell_at(layout.width - 1, layout.height - 1) is None
    assert layout.cell_at(*layout.lane_headers[0].rect.center) is None
    assert layout.card_at(*layout.stage_headers[0].rect.center) is None
    cell = (st["Überlegung"], ln["Touchpoints"])
    assert layout.insertion_index(*cell, termin.y - 1) == 0
    assert layout.insertion_index(*cell, gap_y) == 1
    assert layout.insertion_index(*cell, anruf.bottom + 30) == 2
    assert layout.insertion_index(st["Kauf"], ln["Schritte"], 0) == 0
    left, right = layout.drop_target_indicator(*cell, 1)
    assert left[1] == right[1] == pytest.approx(gap_y)
    assert set(layout.cards_in_rect(Rect(termin.x, termin.y, 5, anruf.y - termin.y + 5))) == {cd["termin"], cd["anruf"]}


def test_layout_follows_a_move(sample: Sample) -> None:
    cd, st, ln = sample.cards, sample.stages, sample.lanes
    ops.move_cards(sample.session, [cd["anruf"]], st["Kauf"], ln["Schritte"], 0)
    layout = layout_journey(sample.doc, sample.journey_id)
    box = layout.cards[cd["anruf"]]
    assert (box.stage_id, box.lane_key, box.index) == (st["Kauf"], ln["Schritte"], 0)
    assert layout.cell_at(*box.rect.center) == (st["Kauf"], ln["Schritte"])
    sample.session.undo()
    again = layout_journey(sample.doc, sample.journey_id)
    assert again.cards[cd["anruf"]].stage_id == st["Überlegung"]


def test_layout_is_deterministic(sample: Sample) -> None:
    first = layout_journey(sample.doc, sample.journey_id, ViewKind.MAP)
    fresh = TextMeasurer(default_measurer().regular, default_measurer().bold, default_measurer().italic)
    second = layout_journey(sample.doc, sample.journey_id, ViewKind.MAP, measurer=fresh)
    assert first.cards == second.cards
    assert first.relations == second.relations and first.curves == second.curves and first.lines == second.lines
    assert (first.width, first.height) == (second.width, second.height)


def test_english_project_gets_english_words(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id, ViewKind.BLUEPRINT, LayoutSettings(language="en"))
    assert [ln.label_line.text for ln in layout.lines][0] == "Line of interaction"
    assert layout.lane_headers[0].lines[-1].text == "Customer actions"
    german = layout_journey(sample.doc, sample.journey_id, ViewKind.BLUEPRINT)
    assert [ln.text for ln in german.lane_headers[0].lines] == ["Kundenaktionen"]  # the kind is not said twice


def test_bigger_settings_scale_the_cards(sample: Sample) -> None:
    big = LayoutSettings(card_width=240, card_title_size=14)
    layout = layout_journey(sample.doc, sample.journey_id, settings=big)
    assert all(box.rect.width == 240 for box in layout.cards.values())
    assert all(line.size == 14 for box in layout.cards.values() for line in box.title_lines)
    assert_sound(layout)


def test_empty_journey_and_lanes_without_stages(sample: Sample) -> None:
    empty = ops.add_journey(sample.session, "Leer")
    layout = layout_journey(sample.doc, empty.id)
    assert layout.cards == {} and layout.cells == {} and layout.cell_at(10, 10) is None
    assert layout.width > 0 and layout.height > 0
    lanes_only = ops.add_journey(sample.session, "Nur Bahnen", [], [ops.LaneSpec("Eins", LaneKind.EMOTION_CURVE.value)])
    layout = layout_journey(sample.doc, lanes_only.id)
    assert len(layout.lane_headers) == 1 and layout.curves[0].points == ()
    assert_sound(layout)


def test_relations_to_catalogue_touchpoints_are_not_drawn(sample: Sample) -> None:
    layout = layout_journey(sample.doc, sample.journey_id)
    assert not any(r.target_id == sample.touchpoints["Filiale"] for r in layout.relations)
    assert isinstance(sample.doc.get(sample.touchpoints["Filiale"]), Touchpoint)


def test_channel_and_department_lanes_list_what_each_stage_uses(sample: Sample) -> None:
    channels_lane = ops.add_lane(sample.session, sample.journey_id, "Kanäle", LaneKind.CHANNELS.value).id
    departments_lane = ops.add_lane(sample.session, sample.journey_id, "Zuständig", LaneKind.DEPARTMENTS.value).id
    layout = layout_journey(sample.doc, sample.journey_id)
    st, ch, dep = sample.stages, sample.channels, sample.departments

    def chips(lane: str, stage: str) -> list[tuple[str, int]]:
        return [(c.line.text, c.count) for c in layout.chips if c.lane_key == lane and c.stage_id == st[stage]]

    assert chips(channels_lane, "Aufmerksamkeit") == [("Werbung", 1)]
    assert chips(channels_lane, "Überlegung") == [("Callcenter", 1), ("Filiale", 1)]  # catalogue order
    assert chips(channels_lane, "Kauf") == [("Mobile App", 1)]
    assert chips(channels_lane, "Nutzung") == [("Brief", 1)]
    assert chips(departments_lane, "Überlegung") == [("Vertrieb", 1), ("Kundenservice", 1)]
    assert chips(departments_lane, "Kauf") == [("Vertrieb", 1)]
    assert {c.entity_id for c in layout.chips if c.kind == "channel"} == {
        ch[n] for n in ("Werbung", "Callcenter", "Filiale", "Mobile App", "Brief")
    }
    assert {c.entity_id for c in layout.chips if c.kind == "department"} == set(dep.values())
    # more channels in one stage flow onto more lines and the lane grows
    low = LayoutSettings(lane_min_height=30)
    before = layout_journey(sample.doc, sample.journey_id, settings=low).lane_rows[channels_lane].height
    for name in ("Website", "E-Mail", "Chat / Chatbot", "Social Media", "Außendienstbesuch"):
        ops.add_card(sample.session, st["Überlegung"], sample.lanes["Schritte"], name, channel_id=ch[name])
    grown = layout_journey(sample.doc, sample.journey_id, settings=low)
    assert len({c.rect.y for c in grown.chips if c.lane_key == channels_lane and c.stage_id == st["Überlegung"]}) > 1
    assert grown.lane_rows[channels_lane].height > before
    assert_sound(grown)
    # swimlane views replace these lanes by their own derived lanes
    assert layout_journey(sample.doc, sample.journey_id, ViewKind.SWIMLANE_CHANNEL).chips == []


def test_insertion_index_drives_move_cards_to_the_drop_position(sample: Sample) -> None:
    st, ln = sample.stages, sample.lanes
    cell = (st["Kauf"], ln["Schritte"])
    ids = [ops.add_card(sample.session, *cell, f"Karte {n}").id for n in range(3)]
    layout = layout_journey(sample.doc, sample.journey_id)
    rects = [layout.cards[i].rect for i in ids]
    # drag the first card below the last one
    index = layout.insertion_index(*cell, rects[2].bottom + 3, exclude=frozenset({ids[0]}))
    assert index == 3
    ops.move_cards(sample.session, [ids[0]], *cell, index)
    assert list(layout_journey(sample.doc, sample.journey_id).cards_in_cell(*cell)) == [ids[1], ids[2], ids[0]]
    sample.session.undo()
    # drop it onto the lower half of the second card: it goes between the second and the third
    index = layout.insertion_index(*cell, rects[1].center[1] + 2)
    ops.move_cards(sample.session, [ids[0]], *cell, index)
    assert list(layout_journey(sample.doc, sample.journey_id).cards_in_cell(*cell)) == [ids[1], ids[0], ids[2]]
    # a drop just below its own middle leaves the order as it is
    sample.session.undo()
    index = layout.insertion_index(*cell, rects[0].center[1] + 1)
    ops.move_cards(sample.session, [ids[0]], *cell, index)
    assert list(layout_journey(sample.doc, sample.journey_id).cards_in_cell(*cell)) == ids


def test_unknown_journey_or_view_gets_one_sentence(sample: Sample) -> None:
    with pytest.raises(NotFoundError, match="There is no element with id"):
        layout_journey(sample.doc, "00000000-0000-4000-8000-000000000000")
    with pytest.raises(NotFoundError, match="is a stage, not a journey"):
        layout_journey(sample.doc, sample.stages["Kauf"])
    with pytest.raises(ValueError, match="'poster' is not a view of a journey; use one of map, blueprint"):
        layout_journey(sample.doc, sample.journey_id, "poster")
    assert layout_journey(sample.doc, sample.journey_id, "blueprint").view is ViewKind.BLUEPRINT


def test_relayout_reuses_untouched_cards_and_caches_stay_bounded(
    sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxstudio.layout import content

    monkeypatch.setattr(content, "_CACHE_SLACK", 5)
    measurer = TextMeasurer(default_measurer().regular, default_measurer().bold, default_measurer().italic)
    first = layout_journey(sample.doc, sample.journey_id, measurer=measurer)
    cd, st, ln = sample.cards, sample.stages, sample.lanes
    ops.edit_card(sample.session, cd["app"], title="Eröffnet das Konto online")
    second = layout_journey(sample.doc, sample.journey_id, measurer=measurer)
    assert second.cards[cd["app"]] != first.cards[cd["app"]]
    assert second.cards[cd["app"]].title_lines[0].text == "Eröffnet das Konto online"
    assert second.cards[cd["werbung"]] is first.cards[cd["werbung"]]  # untouched: the same object
    for step in range(40):  # every move leaves stale entries behind
        ops.move_cards(sample.session, [cd["anruf"]], st["Kauf" if step % 2 else "Nutzung"], ln["Schritte"], step % 2)
        ops.edit_card(sample.session, cd["suche"], title=f"Sucht online, Versuch {step}")  # a new value each time
        layout = layout_journey(sample.doc, sample.journey_id, measurer=measurer)
    contents, boxes = content._layout_caches[measurer][(layout.settings, "de")]
    assert len(contents) <= 3 * len(layout.cards) + 5 and len(boxes) <= 3 * len(layout.cards) + 5
    again = layout_journey(sample.doc, sample.journey_id, measurer=measurer)
    assert all(again.cards[i] is layout.cards[i] for i in layout.cards)  # pruning kept the current layout


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"card_width": 40.0}, "too narrow for their padding and three markers"),
        ({"card_title_size": 0.0}, "card_title_size must be more than 0"),
        ({"card_gap": -1.0}, "card_gap must be a number of points of 0 or more"),
        ({"margin": float("nan")}, "margin must be a number of points"),
        ({"card_text_max_lines": 0}, "card_text_max_lines must be at least 1"),
    ],
)
def test_unusable_settings_are_refused_in_one_sentence(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        LayoutSettings(**changes)


def test_every_bundled_template_lays_out_soundly_in_every_view() -> None:
    from cxstudio.content.templates import build_document, list_templates

    templates = list_templates()
    assert templates
    for template in templates:
        doc = build_document(template.name, template.language)
        for journey in doc.journeys():
            for view in ViewKind:
                layout = layout_journey(doc, journey.id, view)
                assert_sound(layout)
                if view is ViewKind.MAP:
                    assert set(layout.cards) == {c.id for c in doc.cards(journey.id)}


def test_parallel_routes_get_their_own_tracks(sample: Sample) -> None:
    cd = sample.cards
    ops.link(sample.session, cd["vergleich"], cd["berater"], "leads_to")  # into the same gutter as anruf -> pruefung
    layout = layout_journey(sample.doc, sample.journey_id)
    by_pair = {(r.source_id, r.target_id): r for r in layout.relations}
    first = by_pair[(cd["anruf"], cd["pruefung"])]
    second = by_pair[(cd["vergleich"], cd["berater"])]
    assert len(first.points) == len(second.points) == 4
    assert first.points[1][0] != pytest.approx(second.points[1][0])  # two vertical tracks, not one line
    for route in (first, second):
        assert layout.cards[route.target_id].rect.x - route.points[2][0] >= layout.settings.arrow_length
    assert_sound(layout)


def test_settings_keep_room_for_arrow_heads() -> None:
    with pytest.raises(ValueError, match="must be at least arrow_length"):
        LayoutSettings(cell_padding=5.0)


def test_several_card_columns_per_cell_fill_row_by_row(sample: Sample) -> None:
    st, ln = sample.stages, sample.lanes
    cell = (st["Kauf"], ln["Schritte"])
    ids = [ops.add_card(sample.session, *cell, f"Karte {n}", text="Text " * (n * 6)).id for n in range(5)]
    one = layout_journey(sample.doc, sample.journey_id)
    settings = LayoutSettings(cell_columns=2)
    layout = layout_journey(sample.doc, sample.journey_id, settings=settings)
    assert layout.cells[cell].width == 2 * one.cells[cell].width
    rects = [layout.cards[i].rect for i in ids]
    left = layout.cells[cell].x + settings.cell_padding
    assert [r.x for r in rects] == [left, left + settings.track_width] * 2 + [left]
    assert rects[0].y == rects[1].y and rects[2].y == rects[3].y  # rows share their top
    assert rects[2].y == pytest.approx(max(rects[0].bottom, rects[1].bottom) + settings.card_gap)
    assert rects[4].y == pytest.approx(max(rects[2].bottom, rects[3].bottom) + settings.card_gap)
    assert layout.lane_rows[ln["Schritte"]].height < one.lane_rows[ln["Schritte"]].height
    assert layout.width > one.width
    # dropping: the row under the pointer, before the first card whose middle is right of it
    assert layout.insertion_index(*cell, rects[2].center[1], x=rects[2].x + 1) == 2
    assert layout.insertion_index(*cell, rects[2].center[1], x=rects[3].center[0] + 1) == 4
    assert layout.insertion_index(*cell, rects[4].bottom + 50, x=rects[4].x) == 5
    (x0, y0), (x1, y1) = layout.drop_target_indicator(*cell, 3)
    assert x0 == x1 == pytest.approx(rects[3].x - settings.cell_padding) and (y0, y1) == (rects[3].y, rects[3].bottom)
    ops.link(sample.session, ids[0], ids[1], "leads_to")  # side by side in one cell
    ops.link(sample.session, ids[0], ids[4], "leads_to")  # same card column, a card between
    linked = layout_journey(sample.doc, sample.journey_id, settings=settings)
    assert_sound(linked)
    by_pair = {(r.source_id, r.target_id): r for r in linked.relations}
    assert len(by_pair[(ids[0], ids[1])].points) == 2  # straight across the gutter between the columns
    assert len(by_pair[(ids[0], ids[4])].points) == 4  # around the card between them
    with pytest.raises(ValueError, match="cell_columns must be a whole number of 1 or more"):
        LayoutSettings(cell_columns=0)


def test_best_cell_columns_fits_a_tall_journey_to_landscape_paper(sample: Sample) -> None:
    from cxstudio.layout import best_cell_columns

    st, ln = sample.stages, sample.lanes
    for n in range(24):  # one crowded cell makes the map tall and narrow
        ops.add_card(sample.session, st["Kauf"], ln["Schritte"], f"Karte {n}")
    landscape = 1189 / 841  # A0 landscape
    columns = best_cell_columns(sample.doc, sample.journey_id, landscape)
    assert columns > 1
    scales = {}
    for k in range(1, 7):
        lay = layout_journey(sample.doc, sample.journey_id, settings=LayoutSettings(cell_columns=k))
        scales[k] = min(1189 / lay.width, 841 / lay.height)  # A0 landscape, in mm per point
    assert scales[columns] == max(scales.values())
    assert best_cell_columns(sample.doc, sample.journey_id, 0.05) == 1  # a very tall paper: no extra columns
    with pytest.raises(ValueError, match="aspect ratio must be a positive number"):
        best_cell_columns(sample.doc, sample.journey_id, 0)
