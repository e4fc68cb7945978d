"""A persona's picture imported from a file: size-capped, scaled to at most 512 px, stored in the project (one undo step).

Files over 16 MiB are refused before a byte is decoded; anything Qt cannot read as a picture is
refused with one sentence; the picture is scaled down (never up) to fit 512 x 512 px and stored as
JPEG (PNG when it has transparency), so a project stays small however large the photo was.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from cxstudio.model.checks import MAX_PICTURE_BYTES

MAX_PICTURE_SIDE = 512  # pixels: the longer side of a stored picture
MAX_INPUT_BYTES = MAX_PICTURE_BYTES  # 16 MiB: larger files are refused unread
MAX_INPUT_PIXELS = 100_000_000  # a picture claiming more pixels is refused before it is decoded
JPEG_QUALITY = 88


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonaPicture", text)


class PictureError(Exception):
    """A picture that cannot be imported; `str()` is one sentence in the UI language."""


def picture_from_file(path: str | os.PathLike[str]) -> bytes:
    """The picture in `path`, scaled to fit MAX_PICTURE_SIDE, as JPEG or PNG bytes; PictureError if it cannot be."""
    file = Path(path)
    name = file.name
    try:
        size = file.stat().st_size
        is_file = file.is_file()
    except OSError:
        raise PictureError(_tr("The file “%1” cannot be read.").replace("%1", name)) from None
    if not is_file:
        raise PictureError(_tr("“%1” is not a file.").replace("%1", name))
    if size > MAX_INPUT_BYTES:
        megabytes = f"{size / (1024 * 1024):.1f}"
        raise PictureError(_tr("The picture “%1” has %2 MiB; pictures of at most 16 MiB can be imported.")
                           .replace("%1", name).replace("%2", megabytes))
    reader = QImageReader(str(file))
    reader.setAutoTransform(True)  # photos taken upright stay upright
    original = reader.size()
    if not reader.canRead() or not original.isValid() or original.isEmpty():
        raise PictureError(_tr("“%1” is not a picture CX Studio can read (PNG, JPEG, GIF or BMP).").replace("%1", name))
    if original.width() * original.height() > MAX_INPUT_PIXELS:
        raise PictureError(_tr("The picture “%1” has too many pixels; use one of at most 100 megapixels.")
                           .replace("%1", name))
    if max(original.width(), original.height()) > MAX_PICTURE_SIDE:
        reader.setScaledSize(original.scaled(QSize(MAX_PICTURE_SIDE, MAX_PICTURE_SIDE),
                                             Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise PictureError(_tr("“%1” is not a picture CX Studio can read (PNG, JPEG, GIF or BMP).").replace("%1", name))
    return encode_picture(image)


def encode_picture(image: QImage) -> bytes:
    """`image` scaled to fit MAX_PICTURE_SIDE (never enlarged) as PNG (with transparency) or JPEG bytes."""
    if max(image.width(), image.height()) > MAX_PICTURE_SIDE:
        image = image.scaled(MAX_PICTURE_SIDE, MAX_PICTURE_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if image.hasAlphaChannel():
        image.save(buffer, "PNG")
    else:
        image.convertToFormat(QImage.Format.Format_RGB32).save(buffer, "JPEG", JPEG_QUALITY)
    buffer.close()
    return bytes(data.data())
