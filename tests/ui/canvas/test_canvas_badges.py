"""The canvas draws each card's channel and department badges exactly where and as the layout puts them."""

from __future__ import annotations

import pytest
from canvas_gestures import render_area
from conftest import Sample
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor

from cxstudio.editing import operations as ops
from cxstudio.layout import BADGE_BORDER_WIDTH, BADGE_COLOURS, CardBadge, JourneyLayout, place_icon
from cxstudio.model.entities import Department
from cxstudio.ui.canvas import JourneyCanvas
from cxstudio.ui.canvas.items import BadgeDrawing, CardItem


def _assert_drawn_as_laid_out(item: CardItem, badges: tuple[CardBadge, ...]) -> None:
    position = item.pos()
    assert len(item.badge_drawings) == len(badges)
    inset = BADGE_BORDER_WIDTH / 2
    for drawing, badge in zip(item.badge_drawings, badges):
        assert isinstance(drawing, BadgeDrawing)
        pill = drawing.pill.translated(position)
        expected = QRectF(badge.rect.x, badge.rect.y, badge.rect.width, badge.rect.height).adjusted(
            inset, inset, -inset, -inset)
        for got, want in ((pill.x(), expected.x()), (pill.y(), expected.y()),
                          (pill.width(), expected.width()), (pill.height(), expected.height())):
            assert got == pytest.approx(want, abs=1e-6)
        assert drawing.kind == badge.kind
        assert drawing.radius == pytest.approx(badge.radius - inset)
        # the text lines are the layout's relative to the card (a card that only moved keeps its drawing)
        ox, oy = drawing.origin
        assert [(ln.text, ln.size, ln.x - ox, ln.baseline - oy) for ln in drawing.lines] == [
            (ln.text, ln.size, pytest.approx(ln.x - position.x()), pytest.approx(ln.baseline - position.y()))
            for ln in badge.lines]
        icon = place_icon(badge.icon, badge.icon_rect) if badge.icon_rect is not None else None
        if icon is None:
            assert drawing.icon is None
            continue
        assert drawing.icon is not None
        # the icon's strokes are shared by equal icons, relative to its box, which is drawn at `icon_at`
        at = drawing.icon_at + position
        drawn = [[(p.x() + at.x(), p.y() + at.y()) for p in polygon] for polygon in drawing.icon.polylines]
        assert len(drawn) == len(icon.polylines)
        for got_line, want_line in zip(drawn, icon.polylines):
            assert [v for point in got_line for v in point] == pytest.approx([v for point in want_line for v in point])
        circles = [v for c, r in drawing.icon.circles for v in (c.x() + at.x(), c.y() + at.y(), r)]
        assert circles == pytest.approx([v for circle in icon.circles for v in circle])
        assert drawing.icon.stroke == pytest.approx(icon.stroke_width)


def _assert_all_items_match(canvas: JourneyCanvas) -> JourneyLayout:
    scene = canvas.journey_scene
    layout = scene.layout
    assert layout is not None
    for card_id, box in layout.cards.items():
        item = scene.card_items[card_id]
        assert (item.pos().x(), item.pos().y()) == (box.rect.x, box.rect.y)
        _assert_drawn_as_laid_out(item, box.badges)
    return layout




def test_card_items_draw_the_layouts_badges_with_their_colours(canvas: JourneyCanvas, sample: Sample) -> None:
    project = sample.project
    department = project.run(ops.add_element, Department(name="Kundenservice"))
    project.run(ops.edit_card, sample.cards["hotline"], department_id=department.id)
    layout = _assert_all_items_match(canvas)
    hotline = layout.cards[sample.cards["hotline"]]
    assert [(b.kind, b.icon) for b in hotline.badges] == [("channel", "phone"), ("department", "building")]
    assert layout.cards[sample.cards["open"]].badges == ()

    card = hotline.rect
    scale = 4.0
    image = render_area(canvas, QRectF(card.x, card.y, card.width, card.height), scale)

    def pixel(x: float, y: float) -> QColor:
        return image.pixelColor(int((x - card.x) * scale), int((y - card.y) * scale))

    for badge in hotline.badges:
        # the right padding of the pill, clear of its icon and name
        assert pixel(badge.rect.right - 2.5, badge.rect.y + badge.rect.height / 2).name() == BADGE_COLOURS[
            badge.kind][0], badge.kind
        # the icon's strokes are drawn in the badge's ink, inside the icon square
        assert badge.icon_rect is not None
        r = badge.icon_rect
        inks = {pixel(r.x + r.width * i / 20, r.y + r.height * j / 20).name() for i in range(21) for j in range(21)}
        assert _nearest(inks, BADGE_COLOURS[badge.kind][2]) < 40, (badge.kind, inks)


def _nearest(colours: set[str], target: str) -> int:
    """The smallest channel-sum distance between any of `colours` and `target`."""
    t = QColor(target)
    return min(abs(c.red() - t.red()) + abs(c.green() - t.green()) + abs(c.blue() - t.blue())
               for c in map(QColor, colours))


def test_badges_follow_moves_and_undo(canvas: JourneyCanvas, sample: Sample) -> None:
    project = sample.project
    project.run(ops.move_cards, [sample.cards["hotline"]], sample.stages[2], sample.lanes[1])
    _assert_all_items_match(canvas)
    project.undo()
    layout = _assert_all_items_match(canvas)
    item = canvas.journey_scene.card_items[sample.cards["store"]]
    store = layout.cards[sample.cards["store"]]
    assert item.badge_drawings[0].pill.contains(QPointF(store.badges[0].rect.x + 2 - item.pos().x(),
                                                        store.badges[0].rect.y + 2 - item.pos().y()))
