"""The insertion point of the canvas: the empty cell last clicked, remembered for Insert > Card and shown highlighted."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem

from cxstudio.ui.canvas.items import SELECTION_COLOUR, qrect
from cxstudio.ui.canvas.scene import JourneyScene

MARKER_FILL = QColor(37, 99, 235, 28)
MARKER_INSET = 2.0


class CellMarker:
    """Remembers one cell (stage id, lane key) of the shown view and draws it as a tinted, outlined rectangle.

    The rectangle is a child of the scene's grid, so it lies above the lane stripes and below headers and
    cards, and is no element of the map (never selected, never hit). It follows every relayout and
    forgets a cell that the view no longer shows (a deleted stage, another journey or view).
    """

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        self.cell: tuple[str, str] | None = None
        self.item = QGraphicsRectItem(scene.grid)
        pen = QPen(SELECTION_COLOUR, 1.5, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.item.setPen(pen)
        self.item.setBrush(MARKER_FILL)
        self.item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.item.hide()

    def remember_at(self, pos: QPointF) -> tuple[str, str] | None:
        """Remember the card cell under a scene point (none for the emotion curve or outside the cells)."""
        layout = self.scene.layout
        cell = layout.cell_at(pos.x(), pos.y()) if layout is not None else None
        if cell is not None and layout is not None and layout.is_curve_lane(cell[1]):
            cell = None
        self.cell = cell
        self.follow()
        return cell

    def forget(self) -> None:
        self.cell = None
        self.item.hide()

    def follow(self) -> None:
        """Put the highlight on the remembered cell of the current layout (or forget a cell that is gone)."""
        layout = self.scene.layout
        rect = layout.cells.get(self.cell) if layout is not None and self.cell is not None else None
        if rect is None:
            self.forget()
            return
        self.item.setRect(qrect(rect).adjusted(MARKER_INSET, MARKER_INSET, -MARKER_INSET, -MARKER_INSET))
        self.item.show()

    def rect(self) -> QRectF | None:
        """The highlighted rectangle in scene coordinates, None when hidden."""
        return self.item.rect() if self.item.isVisible() else None
