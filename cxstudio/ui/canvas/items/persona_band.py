"""The persona band item: the journey's persona above the map (picture or initials, name, role, quote, goals, frustrations).

Draws `JourneyLayout.persona_band` exactly as the PDF does (export/persona_band.py). The picture is
decoded once per picture value and drawn scaled into the band's picture square, centred; one that Qt
cannot read shows the initials, like a persona without picture.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import style as palette
from cxstudio.layout.persona import (
    BAND_BORDER,
    BAND_FILL,
    MAX_PICTURE_PIXELS,
    PICTURE_FILL,
    PICTURE_INK,
    PersonaBand,
)
from cxstudio.ui.canvas.items.common import MUTED_TEXT_COLOUR, TEXT_COLOUR, Z_HEADER, draw_lines, qcolour

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

Z_BAND = Z_HEADER


def decode_picture(picture: bytes | None) -> QImage | None:
    """The persona's picture as a QImage, or None when there is none or Qt cannot read it."""
    if not picture:
        return None
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # only for a picture: PySide6 makes the
    from PySide6.QtGui import QImageReader  # types on first use

    data = QByteArray(picture)
    source = QBuffer(data)
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(source)
    size = reader.size()  # from the header, before any pixel is decoded
    if not size.isValid() or size.width() * size.height() > MAX_PICTURE_PIXELS:
        return None
    image = reader.read()
    return None if image.isNull() else image


class PersonaBandItem(QGraphicsItem):
    """One band; `set_band` follows each relayout, `set_picture` the persona's picture."""

    def __init__(self, band: PersonaBand, picture: bytes | None) -> None:
        super().__init__()
        self.band = band
        self.element_id = band.persona_id
        self._picture: bytes | None = None
        self._image: QImage | None = None
        self.setZValue(Z_BAND)
        self.setPos(band.rect.x, band.rect.y)
        self.setAcceptHoverEvents(False)
        self.set_picture(picture)
        self.setToolTip(QCoreApplication.translate(
            "PersonaBand", "Double-click to edit the persona; double-click the picture to import another."))

    def set_band(self, band: PersonaBand, picture: bytes | None) -> None:
        if band != self.band:
            if (band.rect.width, band.rect.height) != (self.band.rect.width, self.band.rect.height):
                self.prepareGeometryChange()
            self.band = band
            self.element_id = band.persona_id
            self.setPos(band.rect.x, band.rect.y)
            self.update()
        self.set_picture(picture)

    def set_picture(self, picture: bytes | None) -> None:
        if picture is self._picture or picture == self._picture:
            return
        self._picture = picture
        self._image = decode_picture(picture)
        self.update()

    @property
    def shows_picture(self) -> bool:
        """Whether the picture (not the initials) is drawn."""
        return self._image is not None

    def picture_rect(self) -> QRectF:
        """The picture square in scene coordinates."""
        p = self.band.picture_rect
        return QRectF(p.x, p.y, p.width, p.height)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.band.rect.width, self.band.rect.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        band = self.band
        dx, dy = band.rect.x, band.rect.y
        painter.setPen(QPen(qcolour(BAND_BORDER), palette.GRID_LINE_WIDTH))
        painter.setBrush(qcolour(BAND_FILL))
        painter.drawRoundedRect(self.boundingRect(), 6.0, 6.0)
        p = band.picture_rect
        square = QRectF(p.x - dx, p.y - dy, p.width, p.height)
        image = self._image
        if image is not None:
            scale = min(square.width() / image.width(), square.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            target = QRectF(square.x() + (square.width() - w) / 2, square.y() + (square.height() - h) / 2, w, h)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, image)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(qcolour(PICTURE_FILL))
            painter.drawRoundedRect(square, 6.0, 6.0)
            draw_lines(painter, (band.initials,), qcolour(PICTURE_INK), dx, dy)
        draw_lines(painter, band.name_lines[:1], TEXT_COLOUR, dx, dy)
        draw_lines(painter, band.name_lines[1:], MUTED_TEXT_COLOUR, dx, dy)
        draw_lines(painter, band.quote_lines, TEXT_COLOUR, dx, dy)
        draw_lines(painter, band.heading_lines, MUTED_TEXT_COLOUR, dx, dy)
        draw_lines(painter, band.body_lines, TEXT_COLOUR, dx, dy)
