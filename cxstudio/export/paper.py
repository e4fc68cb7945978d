"""Paper sizes for posters and tiles: ISO A0-A4, US letter/tabloid, plotter rolls, custom WxHmm, and the PDF page limit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cxstudio.export.errors import ExportError

MM = 72.0 / 25.4  # points per millimetre
MAX_PAGE_MM = 5080.0  # 200 in: PDF viewers other than Acrobat ignore UserUnit, so no page side may exceed this
MAX_PAGE_PT = 14_400.0

# name -> (short side, long side) in millimetres
SHEETS_MM: dict[str, tuple[float, float]] = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "tabloid": (279.4, 431.8),
}
ROLL_WIDTHS_MM: tuple[float, ...] = (610.0, 914.0, 1067.0)
TILE_SHEETS: tuple[str, ...] = ("A4", "A3", "letter")
MIN_SIDE_MM = 50.0

_CUSTOM = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[x×*]\s*(\d+(?:[.,]\d+)?)\s*(mm)?\s*$", re.IGNORECASE)
_ROLL = re.compile(r"^\s*roll\s*(\d+(?:[.,]\d+)?)\s*(mm)?\s*$", re.IGNORECASE)


class Orientation:
    """Orientation names accepted by the exporters ('auto' picks whichever holds the map larger)."""

    AUTO = "auto"
    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"
    ALL = (AUTO, PORTRAIT, LANDSCAPE)


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper: a fixed sheet (`width_mm` x `height_mm` as named, short side first for standard sheets) or a roll.

    For a roll, `width_mm` is the roll width and the length is fitted to the map (`is_roll`).
    `custom` papers keep their width and height as given unless an orientation asks otherwise.
    """

    name: str
    width_mm: float
    height_mm: float | None  # None for a roll: the length follows the map
    custom: bool = False

    @property
    def is_roll(self) -> bool:
        return self.height_mm is None

    def sheet_pt(self, orientation: str) -> tuple[float, float]:
        """(width, height) in points of a fixed sheet in `orientation` (portrait or landscape)."""
        if self.height_mm is None:
            raise ValueError("a roll has no fixed sheet size")
        w, h = self.width_mm * MM, self.height_mm * MM
        if orientation == Orientation.PORTRAIT:
            return (min(w, h), max(w, h))
        if orientation == Orientation.LANDSCAPE:
            return (max(w, h), min(w, h))
        return (w, h)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def parse_paper(spec: str) -> Paper:
    """A Paper from a name such as 'A0', 'a3', 'letter', 'roll914' or '1200x800mm'; ExportError('unknown_paper') otherwise."""
    text = spec.strip()
    for name, (short, long) in SHEETS_MM.items():
        if text.lower() == name.lower():
            return Paper(name, short, long)
    roll = _ROLL.match(text)
    if roll:
        width = _number(roll.group(1))
        if width > MAX_PAGE_MM:
            raise ExportError("paper_too_large", width_mm=width, height_mm=width)
        if width >= MIN_SIDE_MM:
            return Paper(f"roll{width:g}", width, None)
        raise ExportError("unknown_paper", paper=spec)
    custom = _CUSTOM.match(text)
    if custom:
        width, height = _number(custom.group(1)), _number(custom.group(2))
        if width > MAX_PAGE_MM or height > MAX_PAGE_MM:
            raise ExportError("paper_too_large", width_mm=width, height_mm=height)
        if width >= MIN_SIDE_MM and height >= MIN_SIDE_MM:
            return Paper(f"{width:g}x{height:g}mm", width, height, custom=True)
    raise ExportError("unknown_paper", paper=spec)


def parse_tile_paper(spec: str) -> Paper:
    """The sheet for a tiled print: A4, A3 or letter."""
    for name in TILE_SHEETS:
        if spec.strip().lower() == name.lower():
            return parse_paper(name)
    raise ExportError("unknown_tile_paper", paper=spec)


def check_orientation(orientation: str) -> str:
    value = orientation.strip().lower()
    if value not in Orientation.ALL:
        raise ExportError("bad_orientation", orientation=orientation)
    return value
