"""What every canvas item shares: colours and pens of the one style, z-order, level of detail, text drawing, `ElementItem`."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from cxstudio.layout import Rect, TextLine
from cxstudio.layout import style as palette
from cxstudio.ui.canvas.text import REFERENCE_PIXEL_SIZE, reference_font

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
RELATION_WIDTH = palette.RELATION_WIDTH  # device pixels (cosmetic): arrows stay visible at every zoom
# below this level of detail (about 35 % zoom) cards are drawn as plain coloured rectangles
SIMPLE_DETAIL = 0.35

# looked up once: PySide's enum attribute access costs a microsecond, and a relayout of L makes 1,200 items
SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache

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


def visible_part(painter: QPainter, exposed: QRectF) -> QRectF:
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


@lru_cache(maxsize=256)
def qcolour(value: str) -> QColor:
    """The QColor of '#rrggbb' (shared: never changed after this)."""
    return QColor(value)


class ElementItem(QGraphicsItem):
    """An item standing for one element of the document (card, stage, lane, relation) by its id."""

    base_z = 0.0

    def __init__(self, element_id: str) -> None:
        super().__init__()
        self.element_id = element_id
        self.setZValue(self.base_z)

