"""Header items: a stage header (column) or a lane header (row), selectable unless the lane is derived."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import HeaderBox
from cxstudio.layout import style as palette
from cxstudio.ui.canvas.items.common import (
    GRID_LINE_COLOUR,
    HEADER_FILL,
    MUTED_TEXT_COLOUR,
    SELECTION_COLOUR,
    SIMPLE_DETAIL,
    STAGE_HEADER_FILL,
    TEXT_COLOUR,
    Z_HEADER,
    ElementItem,
    draw_lines,
    level_of_detail,
    qcolour,
)


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
        painter.setPen(QPen(GRID_LINE_COLOUR, palette.GRID_LINE_WIDTH))
        painter.setBrush(STAGE_HEADER_FILL if self.is_stage else HEADER_FILL)
        painter.drawRect(rect)
        if self.is_stage:
            painter.fillRect(QRectF(0, rect.height() - palette.STAGE_HEADER_BAR_HEIGHT, rect.width(), palette.STAGE_HEADER_BAR_HEIGHT),
                             qcolour(palette.STAGE_HEADER_BAR))
        if level_of_detail(option, painter) >= SIMPLE_DETAIL / 2:
            bold = [ln for ln in self.box.lines if ln.bold]
            rest = [ln for ln in self.box.lines if not ln.bold]
            draw_lines(painter, tuple(bold), TEXT_COLOUR, self.box.rect.x, self.box.rect.y)
            draw_lines(painter, tuple(rest), MUTED_TEXT_COLOUR, self.box.rect.x, self.box.rect.y)
        if self.isSelected():
            painter.setPen(QPen(SELECTION_COLOUR, 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1.5, 1.5, -1.5, -1.5))

