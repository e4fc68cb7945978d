"""Card items: a card with its markers and badges, the chips of Channels/Departments lanes, the zoomed-out overview."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import (
    BADGE_BORDER_WIDTH,
    BADGE_COLOURS,
    CHIP_COLOURS,
    CHIP_RADIUS,
    CardBadge,
    CardBox,
    ChipBox,
    Marker,
    Rect,
    TextLine,
    card_style,
    place_icon,
)
from cxstudio.layout import style as palette
from cxstudio.ui.canvas.items.common import (
    DEVICE_CACHE,
    HOVER_COLOUR,
    SELECTABLE,
    SELECTED_WASH,
    SELECTION_COLOUR,
    SELECTION_PEN,
    SIMPLE_DETAIL,
    WHITE,
    Z_CARD,
    ElementItem,
    draw_lines,
    level_of_detail,
    qrect,
)


@lru_cache(maxsize=32)
def _marker_colours(fill: str) -> tuple[QPen, QColor]:
    """A marker's outline pen and fill (a few fills: moment of truth, pain point, ten ratings)."""
    return QPen(QColor(palette.marker_outline(fill)), palette.MARKER_OUTLINE_WIDTH), QColor(fill)


@dataclass(frozen=True, slots=True)
class IconDrawing:
    """An icon's strokes as the painter draws them, relative to the top-left of its box (shared by equal icons)."""

    polylines: tuple[QPolygonF, ...]
    circles: tuple[tuple[QPointF, float], ...]
    stroke: float


@lru_cache(maxsize=256)
def icon_drawing(key: str, width: float, height: float) -> IconDrawing | None:
    """icons.place_icon's strokes of `key` in a box of this size at (0, 0); None for an unknown or empty key.

    Cards share a handful of icons at one size; building the polygons once instead of per badge
    saves most of what a card's first paint spends on its badges.
    """
    icon = place_icon(key, Rect(0.0, 0.0, width, height))
    if icon is None:
        return None
    return IconDrawing(
        tuple(QPolygonF([QPointF(x, y) for x, y in line]) for line in icon.polylines),
        tuple((QPointF(cx, cy), r) for cx, cy, r in icon.circles),
        icon.stroke_width,
    )


@dataclass(frozen=True, slots=True)
class BadgeDrawing:
    """What a card item paints for one badge, in item coordinates: the pill's outline, icon strokes, name."""

    kind: str
    pill: QRectF  # the outline's path: the layout's rect inset by half the pen
    radius: float
    icon: IconDrawing | None
    icon_at: QPointF  # where the icon's box starts (item coordinates)
    lines: tuple[TextLine, ...]  # layout coordinates, drawn shifted by -origin
    origin: tuple[float, float]  # the card's layout position when the drawing was made


def badge_drawing(badge: CardBadge, dx: float, dy: float) -> BadgeDrawing:
    """The shapes of `badge` shifted by (-dx, -dy): exactly the layout's rect and icons.place_icon's strokes."""
    inset = BADGE_BORDER_WIDTH / 2
    box = badge.icon_rect
    icon = icon_drawing(badge.icon, box.width, box.height) if box is not None else None
    return BadgeDrawing(
        badge.kind,
        qrect(badge.rect, dx, dy).adjusted(inset, inset, -inset, -inset),
        max(0.0, badge.radius - inset),
        icon,
        QPointF(box.x - dx, box.y - dy) if box is not None else QPointF(),
        badge.lines,
        (dx, dy),
    )


@lru_cache(maxsize=16)
def _badge_pens(kind: str) -> tuple[QPen, QColor, QColor]:
    """Outline pen, fill and text colour of a card badge of `kind` (shared: never changed after this)."""
    fill, border, ink = BADGE_COLOURS.get(kind, BADGE_COLOURS["channel"])
    return QPen(QColor(border), BADGE_BORDER_WIDTH), QColor(fill), QColor(ink)


@lru_cache(maxsize=64)
def _icon_pen(kind: str, stroke: float) -> QPen:
    """The round-capped pen of a badge icon's strokes (shared: never changed after this)."""
    pen = QPen(QColor(BADGE_COLOURS.get(kind, BADGE_COLOURS["channel"])[2]), stroke)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def paint_badge(painter: QPainter, drawing: BadgeDrawing) -> None:
    """Paint one badge drawing in its card item's coordinates."""
    outline, fill, ink = _badge_pens(drawing.kind)
    painter.setPen(outline)
    painter.setBrush(fill)
    painter.drawRoundedRect(drawing.pill, drawing.radius, drawing.radius)
    icon = drawing.icon
    if icon is not None and (icon.polylines or icon.circles):
        painter.save()
        painter.translate(drawing.icon_at)
        painter.setPen(_icon_pen(drawing.kind, icon.stroke))
        for polyline in icon.polylines:  # a polyline is never filled: the brush does not matter
            painter.drawPolyline(polyline)
        if icon.circles:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for centre, radius in icon.circles:
                painter.drawEllipse(centre, radius, radius)
        painter.restore()
    draw_lines(painter, drawing.lines, ink, *drawing.origin)


class _CardStyle(NamedTuple):
    """The layout's card style as Qt colours and pens, shared by every card item that looks like it."""

    fill: QColor
    border: QPen
    radius: float
    edge: QColor | None  # the pain-point or moment-of-truth stripe shown zoomed far out
    text: QColor
    muted: QColor


@lru_cache(maxsize=256)
def _card_style(colour: str, text_colour: str, pain_point: bool, moment_of_truth: bool) -> _CardStyle:
    """One style per look: 500 cards of L use a dozen, and a QPen and four QColors per card add up."""
    style = card_style(colour, text_colour, pain_point, moment_of_truth)
    border = QPen(QColor(style.outline), style.outline_width)
    border.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    edge = QColor(style.edge) if style.edge is not None else None
    return _CardStyle(QColor(style.fill), border, style.radius, edge, QColor(style.text), QColor(style.muted))


HANDLE_DRAWN_RADIUS = 4.5  # the relation handle as drawn: small, just outside the right edge (hit area: HANDLE_RADIUS)


@lru_cache(maxsize=256)
def _card_rects(width: float, height: float) -> tuple[QRectF, QRectF]:
    """A card item's body and bounding rectangle in item coordinates (shared by cards of one size; never mutated)."""
    return QRectF(0, 0, width, height), QRectF(-4, -4, width + 2 * HANDLE_DRAWN_RADIUS + 6, height + 8)


class CardItem(ElementItem):
    """A card: kind colour, kind label, markers (moment of truth, pain point, rating), title, text, channel/department badges.

    Geometry, colours and pens are looked up when the box changes, not on every paint (a
    repaint of L shows dozens of cards and Qt asks each for its bounding rect many times);
    they are shared by all cards of one look and size. The badge drawings are made on the
    first paint after a change: a journey of L opens with 500 cards, of which 50 are in view.
    """

    base_z = Z_CARD

    def __init__(self, box: CardBox) -> None:
        QGraphicsItem.__init__(self)
        self.element_id = box.id
        self.hovered = False
        self.setZValue(Z_CARD)
        self.setFlags(SELECTABLE)  # a new item has no other flag set
        self.setCacheMode(DEVICE_CACHE)
        self._apply_box(box)
        self.setPos(box.rect.x, box.rect.y)

    def _apply_box(self, box: CardBox) -> None:
        self.box = box
        self._rect, self._bounds = _card_rects(box.rect.width, box.rect.height)
        self._style = _card_style(box.colour, box.text_colour, box.pain_point, box.moment_of_truth)
        self._badge_drawings: tuple[BadgeDrawing, ...] | None = None

    @property
    def badge_drawings(self) -> tuple[BadgeDrawing, ...]:
        """The badges as drawn, made on the first paint (or first request) after the box changed."""
        drawings = self._badge_drawings
        if drawings is None:
            box = self.box
            drawings = self._badge_drawings = tuple(badge_drawing(badge, box.rect.x, box.rect.y) for badge in box.badges)
        return drawings

    def set_box(self, box: CardBox) -> None:
        old = self.box
        if box is old or box == old:
            return
        if _moved_only(old, box):
            # a card that only moved keeps its pixmap cache: after a drop that reflows hundreds of
            # cards, the next paint blits them instead of drawing them again
            self.box = box
            self.setPos(box.rect.x, box.rect.y)
            return
        if (box.rect.width, box.rect.height) != (old.rect.width, old.rect.height):
            self.prepareGeometryChange()
        self._apply_box(box)
        if (self.pos().x(), self.pos().y()) != (box.rect.x, box.rect.y):
            self.setPos(box.rect.x, box.rect.y)
        self.update()

    def home_pos(self) -> QPointF:
        return QPointF(self.box.rect.x, self.box.rect.y)

    def title_size(self) -> float:
        return self.box.title_lines[0].size if self.box.title_lines else 11.0

    def set_painted(self, painted: bool) -> None:
        """Paint the card itself, or leave it to the overview layer (it stays selectable and in the index)."""
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not painted)

    def is_painted(self) -> bool:
        return not bool(self.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)

    def set_hovered(self, hovered: bool) -> None:
        if hovered != self.hovered:
            self.hovered = hovered
            self.update()

    def handle_center(self) -> QPointF:
        """The relation handle's centre in scene coordinates: beside the middle of the card's right edge, outside the
        card, so that it never covers a title (shown on hovered and selected cards only)."""
        return self.pos() + QPointF(self.box.rect.width + HANDLE_DRAWN_RADIUS + 0.5, self.box.rect.height / 2)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        box = self.box
        rect = self._rect
        style = self._style
        if QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) < SIMPLE_DETAIL:
            painter.fillRect(rect, style.fill)
            if style.edge is not None:
                painter.fillRect(QRectF(0, 0, palette.CARD_EDGE_WIDTH, rect.height()), style.edge)
            if self.isSelected():
                painter.fillRect(rect, SELECTED_WASH)
            return
        # the body as the layout's style draws it in print too: rounded, outline centred on the rectangle
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(style.border)
        painter.setBrush(style.fill)
        painter.drawRoundedRect(rect, style.radius, style.radius)
        dx, dy = box.rect.x, box.rect.y
        if box.kind_line is not None:
            draw_lines(painter, (box.kind_line,), style.muted, dx, dy)
        draw_lines(painter, box.title_lines, style.text, dx, dy)
        draw_lines(painter, box.text_lines, style.text, dx, dy)
        for drawing in self.badge_drawings:
            paint_badge(painter, drawing)
        for marker in box.markers:
            self._paint_marker(painter, marker, dx, dy)
        selected = self.isSelected()
        if selected:
            painter.setPen(SELECTION_PEN)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), style.radius + 2, style.radius + 2)
        if selected or self.hovered:
            # the handle sits outside the card (in the cell's margin): it never hides a long title
            center = QPointF(rect.width() + HANDLE_DRAWN_RADIUS + 0.5, rect.height() / 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(SELECTION_COLOUR if selected else HOVER_COLOUR.darker(130))
            painter.drawEllipse(center, HANDLE_DRAWN_RADIUS, HANDLE_DRAWN_RADIUS)
            painter.setPen(QPen(QColor("#ffffff"), 1.2))
            painter.drawLine(QPointF(center.x() - 2, center.y()), QPointF(center.x() + 2, center.y()))
            painter.drawLine(QPointF(center.x() + 0.5, center.y() - 1.5), QPointF(center.x() + 2, center.y()))
            painter.drawLine(QPointF(center.x() + 0.5, center.y() + 1.5), QPointF(center.x() + 2, center.y()))

    @staticmethod
    def _paint_marker(painter: QPainter, marker: Marker, dx: float, dy: float) -> None:
        rect = qrect(marker.rect, dx, dy)
        outline, fill = _marker_colours(marker.fill)
        painter.setPen(outline)
        painter.setBrush(fill)
        painter.drawEllipse(rect)
        if marker.kind == "moment_of_truth":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(WHITE)
            painter.drawPolygon(QPolygonF([QPointF(x - dx, y - dy) for x, y in marker.star()]))
            return
        draw_lines(painter, (marker.label,), WHITE, dx, dy)


def _lines_moved_only(old: tuple[TextLine, ...], new: tuple[TextLine, ...], dx: float, dy: float) -> bool:
    if len(old) != len(new):
        return False
    for a, b in zip(old, new):
        if (a.text != b.text or a.size != b.size or a.bold != b.bold or a.italic != b.italic
                or abs(b.x - a.x - dx) > 1e-6 or abs(b.baseline - a.baseline - dy) > 1e-6):
            return False
    return True


def _moved_only(old: CardBox, new: CardBox) -> bool:
    """Whether `new` draws exactly like `old`, only somewhere else (the item's paint is relative to its box)."""
    r, q = old.rect, new.rect
    if (r.width, r.height, old.colour, old.text_colour, old.pain_point, old.moment_of_truth) != (
            q.width, q.height, new.colour, new.text_colour, new.pain_point, new.moment_of_truth):
        return False
    dx, dy = q.x - r.x, q.y - r.y
    if (old.kind_line is None) != (new.kind_line is None) or len(old.markers) != len(new.markers):
        return False
    if old.kind_line is not None and new.kind_line is not None and not _lines_moved_only(
            (old.kind_line,), (new.kind_line,), dx, dy):
        return False
    for a, b in zip(old.markers, new.markers):
        if (a.kind != b.kind or a.fill != b.fill or abs(b.rect.x - a.rect.x - dx) > 1e-6
                or abs(b.rect.y - a.rect.y - dy) > 1e-6 or not _lines_moved_only((a.label,), (b.label,), dx, dy)):
            return False
    if len(old.badges) != len(new.badges):
        return False
    for a, b in zip(old.badges, new.badges):
        if ((a.kind, a.icon, a.radius, a.rect.width, a.rect.height) != (b.kind, b.icon, b.radius, b.rect.width, b.rect.height)
                or abs(b.rect.x - a.rect.x - dx) > 1e-6 or abs(b.rect.y - a.rect.y - dy) > 1e-6
                or (a.icon_rect is None) != (b.icon_rect is None)
                or not _lines_moved_only(a.lines, b.lines, dx, dy)):
            return False
    return (_lines_moved_only(old.title_lines, new.title_lines, dx, dy)
            and _lines_moved_only(old.text_lines, new.text_lines, dx, dy))



class ChipItem(QGraphicsItem):
    """One chip of a Channels or Departments lane: a channel (department) the stage's cards use; not an element."""

    def __init__(self, chip: ChipBox) -> None:
        super().__init__()
        self.setZValue(Z_CARD)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._apply(chip)

    def _apply(self, chip: ChipBox) -> None:
        self.chip = chip
        fill, border, text = CHIP_COLOURS.get(chip.kind, CHIP_COLOURS["channel"])
        self._fill, self._border, self._text = QColor(fill), QPen(QColor(border), palette.CHIP_BORDER_WIDTH), QColor(text)
        self._rect = QRectF(0, 0, chip.rect.width, chip.rect.height)
        self.setPos(chip.rect.x, chip.rect.y)

    def set_chip(self, chip: ChipBox) -> None:
        if chip == self.chip:
            return
        self.prepareGeometryChange()
        self._apply(chip)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(self._border)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(self._rect.adjusted(0.5, 0.5, -0.5, -0.5), CHIP_RADIUS, CHIP_RADIUS)
        if level_of_detail(option, painter) >= SIMPLE_DETAIL:
            draw_lines(painter, (self.chip.line,), self._text, self.chip.rect.x, self.chip.rect.y)



class CardOverviewItem(QGraphicsItem):
    """Zoomed far out, all cards as flat rectangles in a few batched calls (one per colour).

    The scene hides the card items below the simplified level of detail and shows this instead:
    500 separate paints cost more than the whole rest of a zoom-to-fit frame on L.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_CARD)
        self._bounds = QRectF()
        self._by_colour: list[tuple[QColor, list[QRectF]]] = []
        self._selected: list[QRectF] = []

    def set_cards(self, boxes: Iterable[CardBox], selected: set[str], bounds: QRectF) -> None:
        self.prepareGeometryChange()
        self._bounds = QRectF(bounds)
        groups: dict[str, list[QRectF]] = {}
        marked: dict[str, list[QRectF]] = {}
        chosen: list[QRectF] = []
        for box in boxes:
            r = box.rect
            rect = QRectF(r.x, r.y, r.width, r.height)
            groups.setdefault(box.colour, []).append(rect)
            if box.pain_point or box.moment_of_truth:
                edge = palette.PAIN_POINT_COLOUR if box.pain_point else palette.MOMENT_OF_TRUTH_COLOUR
                marked.setdefault(edge, []).append(QRectF(r.x, r.y, palette.CARD_EDGE_WIDTH, r.height))
            if box.id in selected:
                chosen.append(rect)
        self._by_colour = [(QColor(c), rects) for c, rects in (*groups.items(), *marked.items())]
        self._selected = chosen
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, rects in self._by_colour:
            painter.setBrush(colour)
            painter.drawRects(rects)
        if self._selected:
            painter.setBrush(SELECTED_WASH)
            painter.drawRects(self._selected)
            painter.setPen(QPen(SELECTION_COLOUR, 0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(self._selected)
