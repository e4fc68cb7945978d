"""Channel and department badges on cards: pills with icons, flowing into rows, inside the card, never overlapping."""

from __future__ import annotations

import pytest
from test_layout_journey import assert_sound, line_box

from cxstudio.api import empty_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.layout import (
    DEPARTMENT_ICON,
    ICONS,
    CardBox,
    LayoutSettings,
    Rect,
    default_measurer,
    layout_journey,
    place_icon,
)
from cxstudio.model.defaults import DEFAULT_CHANNELS
from cxstudio.model.entities import Channel, Department


def _journey_with_cards(
    specs: list[tuple[str, str | None, str | None]], channel_icon: str = "phone", channel_name: str = "Telefon",
    department_name: str = "Vertrieb", settings: LayoutSettings | None = None,
) -> dict[str, CardBox]:
    """Cards (title, channel name or None, department name or None) in one cell; their boxes by title."""
    doc = empty_document("Abzeichen", "de")
    session = Session(doc)
    channel = ops.add_element(session, Channel(name=channel_name, icon=channel_icon))
    department = ops.add_element(session, Department(name=department_name))
    journey = ops.add_journey(session, "Reise", ["Phase"], [ops.LaneSpec("Schritte")])
    stage, lane = doc.stages(journey.id)[0], doc.lanes(journey.id)[0]
    ids = {}
    for title, with_channel, with_department in specs:
        ids[title] = ops.add_card(
            session, stage.id, lane.id, title, "touchpoint",
            channel_id=channel.id if with_channel else None, department_id=department.id if with_department else None,
        ).id
    layout = layout_journey(doc, journey.id, settings=settings or LayoutSettings())
    assert_sound(layout)
    return {title: layout.cards[card_id] for title, card_id in ids.items()}


def test_channel_pill_carries_its_icon_and_department_pill_a_building() -> None:
    box = _journey_with_cards([("Anruf", "yes", "yes")])["Anruf"]
    channel, department = box.badges
    assert (channel.kind, channel.icon, [ln.text for ln in channel.lines]) == ("channel", "phone", ["Telefon"])
    assert (department.kind, department.icon, [ln.text for ln in department.lines]) == (
        "department", DEPARTMENT_ICON, ["Vertrieb"])
    assert channel.icon_rect is not None and channel.icon_rect.right <= channel.lines[0].x
    # side by side in one row at the card's bottom (a short card keeps its minimum height)
    assert channel.rect.y == department.rect.y and channel.rect.right < department.rect.x
    assert max(b.rect.bottom for b in box.badges) == pytest.approx(box.rect.bottom - 7.0)


@pytest.mark.parametrize("icon", ["", "rocket"])
def test_unknown_or_empty_icon_key_gives_the_pill_without_an_icon(icon: str) -> None:
    box = _journey_with_cards([("Anruf", "yes", None)], channel_icon=icon)["Anruf"]
    (channel,) = box.badges
    assert channel.icon == "" and channel.icon_rect is None
    assert [ln.text for ln in channel.lines] == ["Telefon"]
    # the name starts right after the padding, where the icon would have been
    assert channel.lines[0].x == pytest.approx(channel.rect.x + LayoutSettings().badge_padding_x)


def test_long_names_wrap_and_pills_flow_onto_a_second_row_and_the_card_grows() -> None:
    long_channel = "Außendienstbesuch beim Kunden zu Hause mit Vorführung und Vertragsunterlagen zum Mitnehmen"
    long_department = "Beschwerdemanagement Region Süd"
    boxes = _journey_with_cards(
        [("Mit", "yes", "yes"), ("Ohne", None, None)],
        channel_icon="person", channel_name=long_channel, department_name=long_department,
    )
    with_badges, without = boxes["Mit"], boxes["Ohne"]
    channel, department = with_badges.badges
    assert len(channel.lines) == 2 and channel.lines[-1].text.endswith("…")  # wrapped, then cut
    assert department.rect.y > channel.rect.bottom  # no room beside it: the next row
    assert department.rect.x == channel.rect.x
    assert with_badges.rect.height > without.rect.height
    assert without.badges == ()


def test_several_pills_share_a_row_when_they_fit() -> None:
    box = _journey_with_cards([("Kurz", "yes", "yes")], channel_name="Web", department_name="IT")["Kurz"]
    assert box.badges[0].rect.y == box.badges[1].rect.y


def test_badges_never_leave_narrow_cards() -> None:
    settings = LayoutSettings(card_width=70.0)
    box = _journey_with_cards(
        [("Schmal", "yes", "yes")], channel_name="Kundendienstzentrale", department_name="Rechnungsprüfung",
        settings=settings,
    )["Schmal"]
    inner = box.rect.inset(settings.card_padding - 1e-6)
    m = default_measurer()
    for badge in box.badges:
        assert inner.contains_rect(badge.rect)
        for line in badge.lines:
            assert badge.rect.contains_rect(line_box(line, m))


def test_every_default_channel_has_an_icon_and_icons_stay_in_their_box() -> None:
    assert {icon for _key, _kind, icon, _en, _de in DEFAULT_CHANNELS} <= set(ICONS)
    box = Rect(10.0, 20.0, 8.0, 8.0)
    for key in ICONS:
        placed = place_icon(key, box)
        assert placed is not None and (placed.polylines or placed.circles)
        for polyline in placed.polylines:
            assert len(polyline) >= 2
            for x, y in polyline:
                assert box.x - 1e-9 <= x <= box.right + 1e-9 and box.y - 1e-9 <= y <= box.bottom + 1e-9, key
        for cx, cy, r in placed.circles:
            assert box.x <= cx - r and cx + r <= box.right and box.y <= cy - r and cy + r <= box.bottom, key
        assert placed.stroke_width == pytest.approx(ICONS[key].stroke_width * 8.0)
    assert place_icon("", box) is None and place_icon("rocket", box) is None
