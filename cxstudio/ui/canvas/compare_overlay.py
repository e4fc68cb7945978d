"""The compare layer: cards, headers and arrows a comparison found added, changed or removed, coloured on the map.

Elements on the map get a coloured outline, a light tint and a corner badge (+, ~, −); elements the map no
longer has (or does not have yet) are drawn as dashed *ghosts*: a card as a slim outline with its struck-out
title at the foot of the cell it was in (when that stage and lane are on the map), an arrow as a dashed line
between its cards (when both are). Removed stages, lanes and journeys and cards whose cell is gone have no
place on the map; the compare list names them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import JourneyLayout
from cxstudio.layout import style as palette
from cxstudio.ui.canvas.items import SELECTION_COLOUR, Z_CARD, qrect
from cxstudio.ui.canvas.text import REFERENCE_PIXEL_SIZE, reference_font

COLOURS: dict[str, QColor] = {
    "added": QColor("#16a34a"),  # green
    "changed": QColor("#d97706"),  # amber
    "removed": QColor("#dc2626"),  # red
}
BADGES = {"added": "+", "changed": "~", "removed": "−"}
Z_COMPARE = Z_CARD + 0.4  # above the cards, below the dimming veils and the arrows
GHOST_HEIGHT = 24.0
GHOST_TEXT = 8.5  # points
OUTLINE = 3.0


@dataclass(frozen=True, slots=True)
class Ghost:
    """An element the map does not show: a card (journey, stage, lane, title) or an arrow (its two cards).

    `change` is why it is missing: "removed" (the map no longer has it) or "added" (only the other file has it).
    """

    id: str
    change: str
    journey_id: str | None
    title: str = ""
    stage_id: str | None = None
    lane_id: str | None = None
    source_id: str | None = None
    target_id: str | None = None


@dataclass(slots=True)
class _Shape:
    id: str
    change: str
    rect: QRectF
    line: QPolygonF | None = None  # arrows: the route
    text: str = ""
    ghost: bool = False


class CompareOverlayItem(QGraphicsItem):
    """Draws the comparison over the scene's layout; knows nothing else about the scene (see `follow`)."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_COMPARE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._marks: dict[str, str] = {}
        self._ghosts: list[Ghost] = []
        self._shapes: list[_Shape] = []
        self._by_id: dict[str, _Shape] = {}
        self._current: str | None = None
        self._bounds = QRectF()
        self.hide()

    # ------------------------------------------------------------------ what to show
    @property
    def active(self) -> bool:
        return bool(self._marks or self._ghosts)

    def set_comparison(self, marks: Mapping[str, str], ghosts: Iterable[Ghost], layout: JourneyLayout | None) -> None:
        """Colour `marks` (element id -> "added"/"changed"/"removed") and draw `ghosts`, on `layout`."""
        self._marks = dict(marks)
        self._ghosts = list(ghosts)
        self.follow(layout)

    def clear(self) -> None:
        self._marks, self._ghosts, self._current = {}, [], None
        self.follow(None)

    def set_current(self, element_id: str | None) -> None:
        """The element the compare list stepped to: its shape is outlined in the selection colour."""
        if element_id != self._current:
            self._current = element_id
            self.update()

    def change_at(self, element_id: str) -> str | None:
        """How the shown element (or ghost) differs: "added", "changed", "removed"; None when it is not drawn."""
        shape = self._by_id.get(element_id)
        return shape.change if shape is not None else None

    def is_ghost(self, element_id: str) -> bool:
        shape = self._by_id.get(element_id)
        return shape is not None and shape.ghost

    def rect_of(self, element_id: str) -> QRectF | None:
        """Where the element's colouring or ghost is drawn (None: not on this map)."""
        shape = self._by_id.get(element_id)
        return QRectF(shape.rect) if shape is not None else None

    @property
    def shown_ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    # ------------------------------------------------------------------ geometry
    def follow(self, layout: JourneyLayout | None) -> None:
        """Put the colours and ghosts where the layout has their elements now (after every relayout)."""
        shapes: list[_Shape] = []
        if layout is not None and self.active:
            shapes = self._present(layout) + self._ghost_shapes(layout)
        self.prepareGeometryChange()
        self._shapes = shapes
        self._by_id = {shape.id: shape for shape in shapes}
        bounds = QRectF()
        for shape in shapes:
            bounds = bounds.united(shape.rect)
        self._bounds = bounds.adjusted(-OUTLINE * 3, -OUTLINE * 3, OUTLINE * 3, OUTLINE * 3)
        self.setVisible(bool(shapes))
        self.update()

    def _present(self, layout: JourneyLayout) -> list[_Shape]:
        shapes: list[_Shape] = []
        headers = {h.entity_id or h.id: h for h in (*layout.stage_headers, *layout.lane_headers)}
        routes = {r.id: r for r in layout.relations}
        for element_id, change in self._marks.items():
            box = layout.cards.get(element_id)
            if box is not None:
                shapes.append(_Shape(element_id, change, qrect(box.rect)))
                continue
            header = headers.get(element_id)
            if header is not None:
                shapes.append(_Shape(element_id, change, qrect(header.rect).adjusted(2, 2, -2, -2)))
                continue
            route = routes.get(element_id)
            if route is not None and len(route.points) >= 2:
                polyline = QPolygonF([QPointF(x, y) for x, y in route.points])
                shapes.append(_Shape(element_id, change, polyline.boundingRect(), polyline))
        return shapes

    def _ghost_shapes(self, layout: JourneyLayout) -> list[_Shape]:
        shapes: list[_Shape] = []
        stacked: dict[tuple[str, str], float] = {}  # cell -> where its next ghost goes
        padding = layout.settings.cell_padding
        gap = layout.settings.card_gap
        for ghost in self._ghosts:
            if ghost.journey_id != layout.journey_id:
                continue
            if ghost.source_id is not None and ghost.target_id is not None:
                source, target = layout.cards.get(ghost.source_id), layout.cards.get(ghost.target_id)
                if source is None or target is None:
                    continue
                a, b = qrect(source.rect), qrect(target.rect)
                polyline = QPolygonF([_edge_towards(a, b.center()), _edge_towards(b, a.center())])
                shapes.append(_Shape(ghost.id, ghost.change, polyline.boundingRect(), polyline, ghost=True))
                continue
            cell_key = (ghost.stage_id or "", ghost.lane_id or "")
            cell = layout.cells.get(cell_key)
            if cell is None:
                continue
            cell_rect = qrect(cell)
            top = stacked.get(cell_key)
            if top is None:
                shown = layout.cards_in_cell(*cell_key)
                top = (qrect(layout.cards[shown[-1]].rect).bottom() + gap / 2) if shown else cell_rect.top() + padding
            rect = QRectF(cell_rect.left() + padding, top, cell_rect.width() - 2 * padding, GHOST_HEIGHT)
            stacked[cell_key] = rect.bottom() + 4
            shapes.append(_Shape(ghost.id, ghost.change, rect, text=ghost.title, ghost=True))
        return shapes

    # ------------------------------------------------------------------ painting
    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        radius = palette.CARD_RADIUS
        for shape in self._shapes:
            colour = COLOURS.get(shape.change, COLOURS["changed"])
            current = shape.id == self._current
            if shape.line is not None:
                pen = QPen(colour, OUTLINE * (2 if current else 1.4),
                           Qt.PenStyle.DashLine if shape.ghost else Qt.PenStyle.SolidLine)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                colour_line = QColor(colour)
                colour_line.setAlpha(200 if shape.ghost else 150)
                pen.setColor(colour_line)
                painter.setPen(pen)
                painter.drawPolyline(shape.line)
                continue
            tint = QColor(colour)
            tint.setAlpha(40 if shape.ghost else 28)
            pen = QPen(colour, OUTLINE, Qt.PenStyle.DashLine if shape.ghost else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(tint)
            painter.drawRoundedRect(shape.rect.adjusted(-1.5, -1.5, 1.5, 1.5), radius, radius)
            if current:
                painter.setPen(QPen(SELECTION_COLOUR, 2.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(shape.rect.adjusted(-5, -5, 5, 5), radius + 3, radius + 3)
            if shape.ghost:
                self._paint_ghost_title(painter, shape, colour)
            else:
                self._paint_badge(painter, shape, colour)

    @staticmethod
    def _paint_badge(painter: QPainter, shape: _Shape, colour: QColor) -> None:
        size = 14.0
        centre = QPointF(shape.rect.left() + 2, shape.rect.top() + 2)
        painter.setPen(QPen(Qt.GlobalColor.white, 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(centre, size / 2, size / 2)
        _draw_centred(painter, centre, BADGES.get(shape.change, "~"), 11.0, Qt.GlobalColor.white)

    @staticmethod
    def _paint_ghost_title(painter: QPainter, shape: _Shape, colour: QColor) -> None:
        sign = BADGES.get(shape.change, "")
        font = QFont(reference_font(bold=False))  # a copy: the cached font stays as it is
        metrics = QFontMetricsF(font)
        scale = GHOST_TEXT / REFERENCE_PIXEL_SIZE
        room = (shape.rect.width() - 12) / scale
        text = metrics.elidedText(f"{sign} {shape.text}", Qt.TextElideMode.ElideRight, room)
        painter.save()
        painter.translate(shape.rect.left() + 6, shape.rect.center().y() + GHOST_TEXT * 0.35)
        painter.scale(scale, scale)
        font.setStrikeOut(shape.change == "removed")
        painter.setFont(font)
        painter.setPen(colour.darker(130))
        painter.drawText(QPointF(0, 0), text)
        painter.restore()


def _draw_centred(painter: QPainter, centre: QPointF, text: str, size: float, colour: Qt.GlobalColor) -> None:
    font = reference_font(bold=True)
    metrics = QFontMetricsF(font)
    scale = size / REFERENCE_PIXEL_SIZE
    painter.save()
    painter.translate(centre)
    painter.scale(scale, scale)
    painter.setFont(font)
    painter.setPen(QColor(colour))
    width = metrics.horizontalAdvance(text)
    painter.drawText(QPointF(-width / 2, metrics.capHeight() / 2), text)
    painter.restore()


def _edge_towards(rect: QRectF, point: QPointF) -> QPointF:
    """Where the line from `rect`'s centre towards `point` leaves `rect`."""
    centre = rect.center()
    line = QLineF(centre, point)
    for edge in (QLineF(rect.topLeft(), rect.topRight()), QLineF(rect.topRight(), rect.bottomRight()),
                 QLineF(rect.bottomRight(), rect.bottomLeft()), QLineF(rect.bottomLeft(), rect.topLeft())):
        kind, crossing = line.intersects(edge)
        if kind == QLineF.IntersectionType.BoundedIntersection:
            return crossing
    return centre
