"""The dimming layer: a white veil over every card a filter leaves out, so matching cards stand out (none is removed)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import JourneyLayout
from cxstudio.layout import style as palette
from cxstudio.ui.canvas.items import Z_CARD, Z_RELATION, qrect

VEIL = QColor(255, 255, 255, 175)  # over a card: about a third of its colours still show
Z_DIMMING = (Z_CARD + Z_RELATION) / 2  # above the cards, below the arrows


class DimLayerItem(QGraphicsItem):
    """Draws the veils over the dimmed cards of the scene's layout; knows nothing else about the scene."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_DIMMING)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._ids: frozenset[str] = frozenset()
        self._shown: frozenset[str] = frozenset()
        self._path = QPainterPath()
        self._bounds = QRectF()

    @property
    def dimmed_ids(self) -> frozenset[str]:
        """The cards veiled now (those of the wanted ids that the layout shows)."""
        return self._shown

    def set_dimmed(self, ids: Iterable[str], layout: JourneyLayout | None) -> None:
        self._ids = frozenset(ids)
        self.follow(layout)

    def follow(self, layout: JourneyLayout | None) -> None:
        """Put the veils where the layout has the dimmed cards now (after a relayout or a new filter)."""
        path = QPainterPath()
        shown: set[str] = set()
        if layout is not None and self._ids:
            radius = palette.CARD_RADIUS
            for card_id in self._ids:
                box = layout.cards.get(card_id)
                if box is not None:
                    path.addRoundedRect(qrect(box.rect).adjusted(-1, -1, 1, 1), radius, radius)
                    shown.add(card_id)
        self.prepareGeometryChange()
        self._path = path
        self._bounds = path.boundingRect()
        self._shown = frozenset(shown)
        self.setVisible(bool(shown))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(VEIL)
        painter.drawPath(self._path)
