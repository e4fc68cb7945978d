"""Registers the bundled layout font files with ReportLab, so PDFs draw with exactly the font the layout measured."""

from __future__ import annotations

from functools import lru_cache

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import tables

from cxstudio.layout.fonts import FONT_FILES

# ReportLab face names of the bundled font files; embedded as subsets, so text stays extractable
REGULAR = "CXStudio-DejaVuSans"
BOLD = "CXStudio-DejaVuSans-Bold"
ITALIC = "CXStudio-DejaVuSans-Oblique"
BOLD_ITALIC = "CXStudio-DejaVuSans-BoldOblique"
FAMILY = "CXStudio-DejaVu"

_FACES: dict[str, str] = {"regular": REGULAR, "bold": BOLD, "italic": ITALIC, "bold_italic": BOLD_ITALIC}


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the four faces (once per process) and the family mapping for platypus; returns the family name.

    Also writes PDF streams compressed but binary (no ASCII85 layer): a quarter smaller and, without the
    optional C accelerator rl-accel, much faster to write; and makes the bundled regular face every
    canvas's initial font, so no PDF refers to ReportLab's default Helvetica, which is never embedded
    (print shops' preflight rejects a PDF that names a font it does not embed, used or not).
    """
    rl_config.useA85 = 0
    for style, face in _FACES.items():
        pdfmetrics.registerFont(TTFont(face, str(FONT_FILES[style])))
    rl_config.canvas_basefontname = REGULAR
    # platypus tables set their cells' font (default Helvetica, fixed when ReportLab was imported) even for
    # cells that hold paragraphs, which names Helvetica on every page with a table
    tables.CellStyle.fontname = REGULAR
    addMapping(FAMILY, 0, 0, REGULAR)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
    return FAMILY


def face(bold: bool = False, italic: bool = False) -> str:
    """The registered ReportLab face name for a style."""
    register_fonts()
    if bold and italic:
        return BOLD_ITALIC
    if bold:
        return BOLD
    if italic:
        return ITALIC
    return REGULAR
