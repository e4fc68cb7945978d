"""Background items: the grid with the journey's title and row fills, the emotion curves, the blueprint lines."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import BlueprintLineGeom, EmotionCurve, TextLine, rating_colour
from cxstudio.layout import style as palette
from cxstudio.ui.canvas.items.common import (
    CURVE_COLOUR,
    GRID_LINE_COLOUR,
    LINE_COLOURS,
    MUTED_TEXT_COLOUR,
    SIMPLE_DETAIL,
    TEXT_COLOUR,
    WHITE,
    Z_CURVE,
    Z_GRID,
    Z_LINE,
    draw_lines,
    level_of_detail,
    qcolour,
    qrect,
)
from cxstudio.ui.canvas.text import REFERENCE_PIXEL_SIZE, draw_text, reference_font


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
        painter.setPen(QPen(qcolour(palette.NEUTRAL_LINE), palette.CURVE_GUIDE_WIDTH, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), curve.neutral_y), QPointF(plot.right(), curve.neutral_y))
        painter.setPen(QPen(qcolour(palette.CURVE_FRAME), palette.CURVE_GUIDE_WIDTH))
        painter.drawLine(QPointF(plot.left(), curve.top_y), QPointF(plot.right(), curve.top_y))
        painter.drawLine(QPointF(plot.left(), curve.bottom_y), QPointF(plot.right(), curve.bottom_y))
        draw_lines(painter, curve.tick_lines, MUTED_TEXT_COLOUR)
        if not curve.points:
            return
        path = QPainterPath(QPointF(curve.points[0].x, curve.points[0].y))
        for point in curve.points[1:]:
            path.lineTo(QPointF(point.x, point.y))
        pen = QPen(CURVE_COLOUR, palette.CURVE_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        detailed = level_of_detail(option, painter) >= SIMPLE_DETAIL
        radius = palette.CURVE_POINT_RADIUS if detailed else 4.0
        for point in curve.points:
            painter.setPen(QPen(WHITE, palette.CURVE_POINT_OUTLINE_WIDTH))
            painter.setBrush(qcolour(rating_colour(point.rating)))
            painter.drawEllipse(QPointF(point.x, point.y), radius, radius)
            if detailed:
                text = str(point.rating)
                size = palette.CURVE_LABEL_SIZE
                width = QFontMetricsF(reference_font(True)).horizontalAdvance(text) * size / REFERENCE_PIXEL_SIZE
                painter.setPen(WHITE)
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
        colour = LINE_COLOURS.get(geom.kind, qcolour(palette.BLUEPRINT_LINE_FALLBACK))
        pen = QPen(colour, palette.BLUEPRINT_LINE_WIDTH)
        dashes = palette.BLUEPRINT_LINE_DASHES.get(geom.kind, ())
        if dashes:
            pen.setDashPattern(list(dashes))
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
                painter.fillRect(row, qcolour(palette.CURVE_ROW_FILL))
            elif index % 2:
                painter.fillRect(row, qcolour(palette.ODD_ROW_FILL))
        painter.setPen(QPen(GRID_LINE_COLOUR, palette.GRID_LINE_WIDTH))
        for row in self._rows:
            painter.drawLine(row.bottomLeft(), row.bottomRight())
        for column in self._columns:
            painter.drawLine(column.topRight(), column.bottomRight())
        if self._title and level_of_detail(option, painter) >= SIMPLE_DETAIL / 3:
            draw_lines(painter, tuple(ln for ln in self._title if ln.bold), TEXT_COLOUR)
            draw_lines(painter, tuple(ln for ln in self._title if not ln.bold), MUTED_TEXT_COLOUR)
