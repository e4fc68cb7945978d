"""The bundled font registered with Qt and QFonts that draw exactly what the layout measured (no kerning, no hinting)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPainter

from cxstudio.layout.fonts import FONT_FAMILY, FONT_FILES

_registered_family: str | None = None


def register_bundled_fonts() -> str:
    """Register the bundled font files with Qt once (needs a QGuiApplication); returns the family name."""
    global _registered_family
    if _registered_family is None:
        family = FONT_FAMILY
        for path in FONT_FILES.values():
            if not path.is_file():
                continue
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                family = families[0]
        _registered_family = family
    return _registered_family


# Qt rounds a font's pixel size to whole pixels, which would make an 9.5 pt line about 5 % wider
# than the layout measured it. Text is therefore drawn with one large reference font per face,
# scaled down by the painter to exactly the line's size: the advances then match the measurer.
REFERENCE_PIXEL_SIZE = 100


@lru_cache(maxsize=8)
def reference_font(bold: bool = False, italic: bool = False) -> QFont:
    """The bundled face at the reference pixel size, kerning, hinting and (where a script allows) shaping off.

    The layout measures a line as the sum of its characters' advances, and the PDF export draws
    it glyph by glyph; shaping would put ligatures (fi, fl, ff) into the screen's text only.
    Without it, Qt also skips HarfBuzz for Latin text: a third of what a line of a card costs to draw.
    """
    font = QFont(register_bundled_fonts())
    font.setPixelSize(REFERENCE_PIXEL_SIZE)
    font.setBold(bold)
    font.setItalic(italic)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


def draw_text(painter: QPainter, x: float, baseline: float, text: str, size: float, bold: bool = False,
              italic: bool = False) -> None:
    """Draw one line of text with its left end at (x, baseline), one em being `size` scene units."""
    painter.save()
    painter.translate(x, baseline)
    scale = size / REFERENCE_PIXEL_SIZE
    painter.scale(scale, scale)
    painter.setFont(reference_font(bold, italic))
    painter.drawText(QPointF(0.0, 0.0), text)
    painter.restore()


def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Qt's advance width of `text` in scene units (equals the layout measurer's, see tests)."""
    return QFontMetricsF(reference_font(bold, italic)).horizontalAdvance(text) * size / REFERENCE_PIXEL_SIZE
