"""Graphics items of the canvas: each draws one box of the layout (card, header, relation, curve, line) and nothing else."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

import cxstudio.layout.journey as palette
from cxstudio.layout import (
    BADGE_BORDER_WIDTH,
    BADGE_COLOURS,
    CHIP_COLOURS,
    CHIP_RADIUS,
    BlueprintLineGeom,
    CardBadge,
    CardBox,
    ChipBox,
    EmotionCurve,
    HeaderBox,
    Marker,
    Point,
    Rect,
    RelationRoute,
    TextLine,
    place_icon,
    rating_colour,
)
from cxstudio.ui.canvas.text import REFERENCE_PIXEL_SIZE, draw_text, reference_font

SELECTION_COLOUR = QColor("#2563eb")
WHITE = QColor("#ffffff")
HOVER_COLOUR = QColor("#93c5fd")
GRID_LINE_COLOUR = QColor(palette.GRID_LINE)
HEADER_FILL = QColor(palette.LANE_HEADER_FILL)
STAGE_HEADER_FILL = QColor(palette.STAGE_HEADER_FILL)
TEXT_COLOUR = QColor(palette.INK)
MUTED_TEXT_COLOUR = QColor(palette.MUTED_INK)
RELATION_COLOUR = QColor(palette.RELATION_COLOUR)
CURVE_COLOUR = QColor(palette.CURVE_COLOUR)
PAIN_POINT_OUTLINE = QColor(palette.PAIN_POINT_COLOUR)
MOMENT_OF_TRUTH_OUTLINE = QColor(palette.MOMENT_OF_TRUTH_COLOUR)
LINE_COLOURS = {kind: QColor(colour) for kind, colour in palette.BLUEPRINT_LINE_COLOURS.items()}

SELECTION_PEN = QPen(SELECTION_COLOUR, 2.5)
SELECTED_WASH = QColor(37, 99, 235, 110)
HANDLE_RADIUS = 6.0
LAYER_BAND = 512.0  # points: height of the bands the arrow layer indexes its segments by
RELATION_WIDTH = 1.3  # device pixels (cosmetic): arrows stay visible at every zoom
# below this level of detail (about 35 % zoom) cards are drawn as plain coloured rectangles
SIMPLE_DETAIL = 0.35

# looked up once: PySide's enum attribute access costs a microsecond, and a relayout of L makes 1,200 items
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache

Z_GRID = 0.0
Z_LINE = 2.6  # above the lane headers: the line and its name start in the header column
Z_CURVE = 2.5  # above the lane headers: the 1 and 10 ticks sit left of the plot
Z_HEADER = 2.0
Z_CARD = 3.0
Z_RELATION = 4.0
Z_DRAGGED = 20.0
Z_OVERLAY = 30.0


def qrect(rect: Rect, dx: float = 0.0, dy: float = 0.0) -> QRectF:
    return QRectF(rect.x - dx, rect.y - dy, rect.width, rect.height)


def draw_lines(painter: QPainter, lines: tuple[TextLine, ...], colour: QColor, dx: float = 0.0, dy: float = 0.0) -> None:
    """Draw each layout line as it is at its baseline (never re-wrapped), shifted by (-dx, -dy) into item coordinates."""
    painter.setPen(colour)
    face: tuple[float, bool, bool] | None = None
    scale = 1.0
    for line in lines:
        if not line.text:
            continue
        if (line.size, line.bold, line.italic) != face:
            # one scaled coordinate system per run of lines in the same face (see text.draw_text)
            if face is not None:
                painter.restore()
            face = (line.size, line.bold, line.italic)
            scale = line.size / REFERENCE_PIXEL_SIZE
            painter.save()
            painter.scale(scale, scale)
            painter.setFont(reference_font(line.bold, line.italic))
        painter.drawText(QPointF((line.x - dx) / scale, (line.baseline - dy) / scale), line.text)
    if face is not None:
        painter.restore()


def level_of_detail(option: QStyleOptionGraphicsItem, painter: QPainter) -> float:
    return QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())


def _visible_part(painter: QPainter, exposed: QRectF) -> QRectF:
    """The part of `exposed` (item coordinates) that lands on the painter's device.

    When Qt fills the device-coordinate cache of an item larger than the viewport, it passes
    the whole item as exposed but only keeps a viewport-sized pixmap; drawing what falls
    outside it is wasted.
    """
    device = painter.device()
    if device is None:
        return exposed
    inverse, invertible = painter.worldTransform().inverted()
    if not invertible:
        return exposed
    return exposed.intersected(inverse.mapRect(QRectF(0, 0, device.width(), device.height())))


@lru_cache(maxsize=32)
def _marker_colours(fill: str) -> tuple[QPen, QColor]:
    """A marker's outline pen and fill (a few fills: moment of truth, pain point, ten ratings)."""
    colour = QColor(fill)
    return QPen(colour.darker(125), 0.8), colour


def star_polygon(center: QPointF, outer: float) -> QPolygonF:
    inner = outer * 0.45
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = -math.pi / 2 + index * math.pi / 5
        points.append(QPointF(center.x() + radius * math.cos(angle), center.y() + radius * math.sin(angle)))
    return QPolygonF(points)


class ElementItem(QGraphicsItem):
    """An item standing for one element of the document (card, stage, lane, relation) by its id."""

    base_z = 0.0

    def __init__(self, element_id: str) -> None:
        super().__init__()
        self.element_id = element_id
        self.setZValue(self.base_z)


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
    """The colours and pens of one look of card, shared by every card item that looks like it."""

    fill: QColor
    border: QPen
    edge: QColor | None  # the pain-point or moment-of-truth stripe shown zoomed far out
    text: QColor
    muted: QColor


@lru_cache(maxsize=256)
def _card_style(colour: str, text_colour: str, pain_point: bool, moment_of_truth: bool) -> _CardStyle:
    """One style per look: 500 cards of L use a dozen, and a QPen and four QColors per card add up."""
    fill = QColor(colour)
    if pain_point:
        border = QPen(PAIN_POINT_OUTLINE, 2.0)
    elif moment_of_truth:
        border = QPen(MOMENT_OF_TRUTH_OUTLINE, 2.0)
    else:
        border = QPen(fill.darker(135), 1.0)
    border.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    edge = PAIN_POINT_OUTLINE if pain_point else MOMENT_OF_TRUTH_OUTLINE if moment_of_truth else None
    text = QColor(text_colour)
    muted = QColor(text)
    muted.setAlphaF(0.72)
    return _CardStyle(fill, border, edge, text, muted)


@lru_cache(maxsize=256)
def _card_rects(width: float, height: float) -> tuple[QRectF, QRectF]:
    """A card item's body and bounding rectangle in item coordinates (shared by cards of one size; never mutated)."""
    return QRectF(0, 0, width, height), QRectF(-4, -4, width + HANDLE_RADIUS + 6, height + 8)


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
        self.setFlags(_SELECTABLE)  # a new item has no other flag set
        self.setCacheMode(_DEVICE_CACHE)
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
        """The relation handle's centre in scene coordinates: the middle of the card's right edge."""
        return self.pos() + QPointF(self.box.rect.width, self.box.rect.height / 2)

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
                painter.fillRect(QRectF(0, 0, 8, rect.height()), style.edge)
            if self.isSelected():
                painter.fillRect(rect, SELECTED_WASH)
            return
        # the body as a plain rectangle without antialiasing: crisp, and a quarter of the cost of a rounded one
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(rect, style.fill)
        painter.setPen(style.border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
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
            painter.drawRect(rect.adjusted(-2, -2, 2, 2))
        if selected or self.hovered:
            center = QPointF(rect.width(), rect.height() / 2)
            painter.setPen(QPen(QColor("#ffffff"), 1.5))
            painter.setBrush(SELECTION_COLOUR if selected else HOVER_COLOUR.darker(130))
            painter.drawEllipse(center, HANDLE_RADIUS, HANDLE_RADIUS)
            painter.setPen(QPen(QColor("#ffffff"), 1.6))
            painter.drawLine(QPointF(center.x() - 3, center.y()), QPointF(center.x() + 3, center.y()))
            painter.drawLine(QPointF(center.x() + 1, center.y() - 2), QPointF(center.x() + 3, center.y()))
            painter.drawLine(QPointF(center.x() + 1, center.y() + 2), QPointF(center.x() + 3, center.y()))

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
            painter.drawPolygon(star_polygon(rect.center(), rect.width() * 0.38))
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


class HeaderItem(ElementItem):
    """A stage header (column) or a lane header (row); derived swimlane lanes are shown but not selectable."""

    base_z = Z_HEADER

    def __init__(self, box: HeaderBox, is_stage: bool, selectable: bool) -> None:
        super().__init__(box.id)
        self.box = box
        self.is_stage = is_stage
        self.selectable = selectable
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, selectable)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPos(box.rect.x, box.rect.y)

    def set_box(self, box: HeaderBox) -> None:
        if box == self.box:
            return
        if (box.rect.width, box.rect.height) != (self.box.rect.width, self.box.rect.height):
            self.prepareGeometryChange()
        self.box = box
        self.setPos(box.rect.x, box.rect.y)
        self.update()

    def title_size(self) -> float:
        return self.box.lines[0].size if self.box.lines else 12.0

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.box.rect.width, self.box.rect.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.boundingRect()
        painter.setPen(QPen(GRID_LINE_COLOUR, 1.0))
        painter.setBrush(STAGE_HEADER_FILL if self.is_stage else HEADER_FILL)
        painter.drawRect(rect)
        if self.is_stage:
            painter.fillRect(QRectF(0, rect.height() - 3, rect.width(), 3), QColor(palette.STAGE_HEADER_BAR))
        if level_of_detail(option, painter) >= SIMPLE_DETAIL / 2:
            bold = [ln for ln in self.box.lines if ln.bold]
            rest = [ln for ln in self.box.lines if not ln.bold]
            draw_lines(painter, tuple(bold), TEXT_COLOUR, self.box.rect.x, self.box.rect.y)
            draw_lines(painter, tuple(rest), MUTED_TEXT_COLOUR, self.box.rect.x, self.box.rect.y)
        if self.isSelected():
            painter.setPen(QPen(SELECTION_COLOUR, 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))


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
        self._fill, self._border, self._text = QColor(fill), QPen(QColor(border), 1.0), QColor(text)
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


def _relation_pen(kind: str, selected: bool) -> QPen:
    """Arrow pens: cosmetic with Qt's default caps for the layer (round caps cost a third of a frame on L)."""
    pen = QPen(SELECTION_COLOUR if selected else RELATION_COLOUR, 2.4 if selected else RELATION_WIDTH)
    pen.setCosmetic(not selected)
    if selected:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if kind == "relates_to":
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen


Segment = tuple[float, float, float, float]  # x0, y0, x1, y1


def _union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping or touching intervals merged, in order."""
    spans.sort()
    merged: list[tuple[float, float]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1]:
            if high > merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged


def merged_segments(routes: Iterable[RelationRoute]) -> list[Segment]:
    """The routes' segments with collinear overlaps merged: what the solid arrows cover, each point once.

    Parallel routes share gutter and channel tracks, so on L the 2,300 solid segments cover
    the same lines several times over; merged they are 740 segments with a sixth of the length,
    which is what a repaint pays for. Slanted segments (none today) are kept as they are.
    """
    vertical: defaultdict[float, list[tuple[float, float]]] = defaultdict(list)
    horizontal: defaultdict[float, list[tuple[float, float]]] = defaultdict(list)
    segments: list[Segment] = []
    for route in routes:
        points = route.points
        x0, y0 = points[0]
        for x1, y1 in points[1:]:
            if x0 == x1:
                vertical[x0].append((y0, y1) if y0 <= y1 else (y1, y0))
            elif y0 == y1:
                horizontal[y0].append((x0, x1) if x0 <= x1 else (x1, x0))
            else:
                segments.append((x0, y0, x1, y1))
            x0, y0 = x1, y1
    for x, spans in vertical.items():
        segments.extend([(x, low, x, high) for low, high in _union(spans)])
    for y, spans in horizontal.items():
        segments.extend([(low, y, high, y) for low, high in _union(spans)])
    return segments


class _ArrowHead:
    """One arrow head of the layer: its bounds, its three points and its polygon, made when first drawn."""

    __slots__ = ("left", "top", "right", "bottom", "points", "polygon")

    def __init__(self, points: tuple[Point, Point, Point]) -> None:
        (ax, ay), (bx, by), (cx, cy) = points
        self.left, self.top = min(ax, bx, cx), min(ay, by, cy)
        self.right, self.bottom = max(ax, bx, cx), max(ay, by, cy)
        self.points = points
        self.polygon: QPolygonF | None = None

    def drawn(self) -> QPolygonF:
        polygon = self.polygon
        if polygon is None:
            polygon = self.polygon = QPolygonF([QPointF(x, y) for x, y in self.points])
        return polygon


class _Bands:
    """Lines indexed by the horizontal bands of the scene they touch; each becomes a QLineF when first drawn."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        self.lines: list[QLineF | None] = [None] * len(segments)
        self.bands: dict[int, list[int]] = {}
        bands = self.bands
        for index, (_x0, y0, _x1, y1) in enumerate(segments):
            low, high = (y0, y1) if y0 <= y1 else (y1, y0)
            first, last = int(low // LAYER_BAND), int(high // LAYER_BAND)
            if first == last:
                bands.setdefault(first, []).append(index)
            else:
                for band in range(first, last + 1):
                    bands.setdefault(band, []).append(index)

    def lines_in(self, first: int, last: int) -> list[QLineF]:
        if last - first + 1 >= len(self.bands):
            chosen: Iterable[int] = range(len(self.segments))
        else:
            picked: set[int] = set()
            for band in range(first, last + 1):
                picked.update(self.bands.get(band, ()))
            chosen = sorted(picked)
        lines, segments = self.lines, self.segments
        drawn = []
        for index in chosen:
            line = lines[index]
            if line is None:
                line = lines[index] = QLineF(*segments[index])
            drawn.append(line)
        return drawn


class RelationLayerItem(QGraphicsItem):
    """Draws every arrow of the journey in one batch: lines, arrow heads and labels.

    A journey of L has hundreds of long arrows crossing any viewport; drawn as one item each,
    they cost most of a frame. Each relation still has its own RelationItem for selection,
    which shows only while the relation is selected or follows dragged cards.

    Solid arrows are drawn as their merged segments (see `merged_segments`), without
    antialiasing: the routes are orthogonal, so the lines stay crisp and cost a fraction.
    The layer keeps no pixmap cache: a viewport-sized cache costs more to fill, scroll and
    blend than drawing the merged lines again, and a first view of an area would pay for both.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_RELATION)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._bounds = QRectF()
        self._solid = _Bands([])
        self._dashed = _Bands([])
        # per arrow head: its bounds and its polygon, made when the head is first drawn (shared by equal heads)
        self._heads: list[_ArrowHead] = []
        self._head_cache: dict[tuple[Point, ...], _ArrowHead] = {}
        self._labels: list[TextLine] = []
        self._count = 0
        self._solid_pen = _relation_pen("leads_to", False)
        self._dashed_pen = _relation_pen("relates_to", False)

    def set_routes(self, routes: list[RelationRoute], bounds: QRectF, hidden: frozenset[str] = frozenset()) -> None:
        """Draw these routes (except `hidden` ones)."""
        self.prepareGeometryChange()
        self._bounds = QRectF(bounds)
        shown = [route for route in routes if route.id not in hidden] if hidden else routes
        solid = [route for route in shown if route.kind != "relates_to"]
        dashed: list[Segment] = []
        for route in shown:
            if route.kind == "relates_to":
                points = route.points
                dashed.extend((x0, y0, x1, y1) for (x0, y0), (x1, y1) in zip(points, points[1:]))
        self._solid = _Bands(merged_segments(solid))
        self._dashed = _Bands(dashed)
        heads: list[_ArrowHead] = []
        head_cache: dict[tuple[Point, ...], _ArrowHead] = {}
        previous = self._head_cache
        for route in shown:
            arrow = route.arrow
            head = previous.get(arrow) or head_cache.get(arrow)
            if head is None:
                head = _ArrowHead(arrow)
            head_cache[arrow] = head
            heads.append(head)
        self._heads, self._head_cache = heads, head_cache
        self._labels = [route.label_line for route in shown if route.label_line is not None]
        self._count = len(shown)
        self.update()

    def route_count(self) -> int:
        """How many arrows the layer draws."""
        return self._count

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        exposed = _visible_part(painter, option.exposedRect)
        left, top, right, bottom = exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
        first, last = int(top // LAYER_BAND), int(bottom // LAYER_BAND)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        solid = self._solid.lines_in(first, last)
        if solid:
            painter.setPen(self._solid_pen)
            painter.drawLines(solid)
        dashed = self._dashed.lines_in(first, last)
        if dashed:
            painter.setPen(self._dashed_pen)
            painter.drawLines(dashed)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(RELATION_COLOUR)
        for head in self._heads:  # one path of all heads would be filled scanline by scanline
            if head.right >= left and head.left <= right and head.bottom >= top and head.top <= bottom:
                painter.drawPolygon(head.drawn())
        if self._labels and level_of_detail(option, painter) >= SIMPLE_DETAIL:
            for line in self._labels:
                box = QRectF(line.x - 2, line.baseline - line.size, line.width + 4, line.size * 1.3)
                if exposed.intersects(box):
                    painter.fillRect(box, WHITE)  # opaque, as printed (PDF forms lose transparency)
                    draw_lines(painter, (line,), RELATION_COLOUR)


class RelationItem(QGraphicsPathItem):
    """One relation as a selectable element: its route with a highlighted pen, shown while selected or dragged.

    The arrow itself is drawn by the RelationLayerItem; this item is visible only when the
    relation is selected (thick blue) or follows cards being dragged (a straight arrow). Its
    path is built only when it shows, so a relayout of hundreds of arrows stays cheap.
    """

    def __init__(self, route: RelationRoute) -> None:
        super().__init__()
        self.element_id = route.id
        self.route = route
        self.selected = False
        self._following = False
        self._built = False
        self.arrow: QGraphicsPolygonItem | None = None
        self.setZValue(Z_RELATION + 0.5)
        self.setVisible(False)

    def _build(self) -> None:
        route = self.route
        path = QPainterPath()
        path.moveTo(*route.points[0])
        for x, y in route.points[1:]:
            path.lineTo(x, y)
        self.setPath(path)
        if self.arrow is None:
            self.arrow = QGraphicsPolygonItem(self)
            self.arrow.setPen(QPen(Qt.PenStyle.NoPen))
        self.arrow.setPolygon(QPolygonF([QPointF(x, y) for x, y in route.arrow]))
        pen = _relation_pen(route.kind, self.selected)
        self.setPen(pen)
        self.arrow.setBrush(pen.color())
        self._built = True

    def _refresh(self) -> None:
        shown = self.selected or self._following
        if shown and not self._following or shown and self.arrow is None:
            self._build()
        self.setVisible(shown)

    def set_route(self, route: RelationRoute) -> None:
        if route == self.route and not self._following:
            return
        self.route = route
        self._following = False
        self._built = False
        if self.selected:
            self._refresh()
        else:
            self.setVisible(False)

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self._refresh()

    def follow(self, start: QPointF, end: QPointF) -> None:
        """While cards are dragged, draw a straight arrow between the moving cards."""
        if not self._following:
            self._following = True
            self._refresh()
        assert self.arrow is not None
        path = QPainterPath(start)
        path.lineTo(end)
        self.setPath(path)
        line = QLineF(end, start)
        if line.length() > 0:
            line.setLength(10)
            normal = line.normalVector()
            normal.setLength(4)
            offset = normal.p2() - normal.p1()
            self.arrow.setPolygon(QPolygonF([end, line.p2() + offset, line.p2() - offset]))

    def reset(self) -> None:
        if self._following:
            self._following = False
            self._refresh()

    def segments(self) -> list[tuple[float, float, float, float]]:
        points = self.route.points
        return [(x0, y0, x1, y1) for (x0, y0), (x1, y1) in zip(points, points[1:])]


class EmotionCurveItem(QGraphicsItem):
    """The emotion curve of one curve lane: neutral line, 1 and 10 ticks, the rated cards' points joined."""

    def __init__(self, curve: EmotionCurve) -> None:
        super().__init__()
        self.curve = curve
        self.setZValue(Z_CURVE)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_curve(self, curve: EmotionCurve) -> None:
        if curve == self.curve:
            return
        self.prepareGeometryChange()
        self.curve = curve
        self.update()

    def boundingRect(self) -> QRectF:
        rect = qrect(self.curve.rect)
        for line in self.curve.tick_lines:
            rect = rect.united(QRectF(line.x - 2, line.baseline - line.size, line.width + 4, line.size * 1.4))
        return rect.adjusted(-8, -8, 8, 8)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        curve = self.curve
        plot = qrect(curve.rect)
        painter.setPen(QPen(QColor(palette.NEUTRAL_LINE), 0.8, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), curve.neutral_y), QPointF(plot.right(), curve.neutral_y))
        painter.setPen(QPen(QColor(palette.CURVE_FRAME), 0.8))
        painter.drawLine(QPointF(plot.left(), curve.top_y), QPointF(plot.right(), curve.top_y))
        painter.drawLine(QPointF(plot.left(), curve.bottom_y), QPointF(plot.right(), curve.bottom_y))
        draw_lines(painter, curve.tick_lines, MUTED_TEXT_COLOUR)
        if not curve.points:
            return
        path = QPainterPath(QPointF(curve.points[0].x, curve.points[0].y))
        for point in curve.points[1:]:
            path.lineTo(QPointF(point.x, point.y))
        pen = QPen(CURVE_COLOUR, 2.2)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        detailed = level_of_detail(option, painter) >= SIMPLE_DETAIL
        radius = 7.0 if detailed else 4.0
        for point in curve.points:
            painter.setPen(QPen(QColor("#ffffff"), 1.2))
            painter.setBrush(QColor(rating_colour(point.rating)))
            painter.drawEllipse(QPointF(point.x, point.y), radius, radius)
            if detailed:
                text = str(point.rating)
                size = 7.5
                width = QFontMetricsF(reference_font(True)).horizontalAdvance(text) * size / REFERENCE_PIXEL_SIZE
                painter.setPen(QColor("#ffffff"))
                draw_text(painter, point.x - width / 2, point.y + size * 0.36, text, size, True)


class BlueprintLineItem(QGraphicsItem):
    """A line of interaction, visibility or internal interaction across the grid, with its name above it."""

    def __init__(self, geom: BlueprintLineGeom) -> None:
        super().__init__()
        self.geom = geom
        self.setZValue(Z_LINE)

    def set_geom(self, geom: BlueprintLineGeom) -> None:
        if geom == self.geom:
            return
        self.prepareGeometryChange()
        self.geom = geom
        self.update()

    def boundingRect(self) -> QRectF:
        geom = self.geom
        label = geom.label_line
        top = min(geom.y, label.baseline - label.size * 1.2)
        return QRectF(geom.x0 - 2, top - 2, geom.x1 - geom.x0 + 4, geom.y - top + 6)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        geom = self.geom
        colour = LINE_COLOURS.get(geom.kind, QColor(palette.BLUEPRINT_LINE_FALLBACK))
        pen = QPen(colour, 2.0, Qt.PenStyle.DashLine if geom.kind == "visibility" else Qt.PenStyle.SolidLine)
        if geom.kind == "internal_interaction":
            pen.setStyle(Qt.PenStyle.DashDotLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(geom.x0, geom.y), QPointF(geom.x1, geom.y))
        draw_lines(painter, (geom.label_line,), colour)


class GridItem(QGraphicsItem):
    """The map's background: the journey title, alternating lane rows and the cell borders."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_GRID)
        self._rect = QRectF()
        self._rows: list[QRectF] = []
        self._columns: list[QRectF] = []
        self._title: tuple[TextLine, ...] = ()
        self._curve_rows: set[int] = set()

    def set_geometry(self, bounds: QRectF, rows: list[QRectF], columns: list[QRectF], title: tuple[TextLine, ...],
                     curve_rows: set[int]) -> None:
        self.prepareGeometryChange()
        self._rect = bounds
        self._rows = rows
        self._columns = columns
        self._title = title
        self._curve_rows = curve_rows
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        for index, row in enumerate(self._rows):
            if index in self._curve_rows:
                painter.fillRect(row, QColor(palette.CURVE_ROW_FILL))
            elif index % 2:
                painter.fillRect(row, QColor(palette.ODD_ROW_FILL))
        painter.setPen(QPen(GRID_LINE_COLOUR, 1.0))
        for row in self._rows:
            painter.drawLine(row.bottomLeft(), row.bottomRight())
        for column in self._columns:
            painter.drawLine(column.topRight(), column.bottomRight())
        if self._title and level_of_detail(option, painter) >= SIMPLE_DETAIL / 3:
            draw_lines(painter, tuple(ln for ln in self._title if ln.bold), TEXT_COLOUR)
            draw_lines(painter, tuple(ln for ln in self._title if not ln.bold), MUTED_TEXT_COLOUR)



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
                edge = PAIN_POINT_OUTLINE.name() if box.pain_point else MOMENT_OF_TRUTH_OUTLINE.name()
                marked.setdefault(edge, []).append(QRectF(r.x, r.y, 8, r.height))
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
