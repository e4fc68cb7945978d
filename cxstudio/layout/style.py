"""The map's one look, on screen and in print: palette, card, marker, badge, chip, curve and line styles, colour arithmetic.

The canvas (Qt) and the PDF (ReportLab) both read these values; neither defines a colour, a
line width or a corner radius of its own, so a card looks the same on the wall as on screen.
"""

from __future__ import annotations

import colorsys
from functools import lru_cache
from typing import NamedTuple

from cxstudio.model.entities import CardKind

KIND_COLOURS: dict[str, str] = {
    CardKind.STEP.value: "#dbeafe",
    CardKind.TOUCHPOINT.value: "#fef3c7",
    CardKind.THOUGHT.value: "#ede9fe",
    CardKind.FEELING.value: "#fce7f3",
    CardKind.PAIN_POINT.value: "#fee2e2",
    CardKind.OPPORTUNITY.value: "#dcfce7",
    CardKind.PROCESS.value: "#e5e7eb",
    CardKind.EVIDENCE.value: "#f5e6d3",
    CardKind.NOTE.value: "#fefce8",
}
CHIP_COLOURS: dict[str, tuple[str, str, str]] = {  # chip kind -> (fill, border, text), on screen and in print
    "channel": ("#e0f2fe", "#0284c7", "#0c4a6e"),
    "department": ("#f1f5f9", "#64748b", "#1e293b"),
}
CHIP_RADIUS = 4.0
BADGE_COLOURS: dict[str, tuple[str, str, str]] = {  # card badge kind -> (fill, border, text and icon)
    "channel": ("#e0f2fe", "#0284c7", "#0c4a6e"),
    "department": ("#f8fafc", "#64748b", "#1e293b"),
}
BADGE_BORDER_WIDTH = 0.8  # points; the outline is inset by half of it, on screen and in print
# The map's other colours, on screen and in print (cards, markers and ratings have theirs above and below).
INK = "#111827"
MUTED_INK = "#4b5563"
GRID_LINE = "#d1d5db"
STAGE_HEADER_FILL = "#e5e7eb"
STAGE_HEADER_BAR = "#9ca3af"
LANE_HEADER_FILL = "#f3f4f6"
ODD_ROW_FILL = "#f9fafb"
CURVE_ROW_FILL = "#faf5ff"
RELATION_COLOUR = "#475569"
CURVE_COLOUR = "#7c3aed"
CURVE_FRAME = "#e5e7eb"
NEUTRAL_LINE = "#9ca3af"
BLUEPRINT_LINE_COLOURS: dict[str, str] = {
    "interaction": "#0f766e",
    "visibility": "#b91c1c",
    "internal_interaction": "#6d28d9",
}
BLUEPRINT_LINE_FALLBACK = "#374151"
MOMENT_OF_TRUTH_COLOUR = "#b45309"
PAIN_POINT_COLOUR = "#dc2626"
MARKER_TEXT_COLOUR = "#ffffff"
MOMENT_OF_TRUTH_SYMBOL = "\u2605"  # black star
PAIN_POINT_SYMBOL = "!"


def rating_colour(rating: int) -> str:
    """Marker colour of a 1-10 rating: red (1) through amber to green (10)."""
    scale = (
        "#b91c1c", "#c2410c", "#d97706", "#ca8a04", "#a16207",
        "#4d7c0f", "#4d7c0f", "#15803d", "#15803d", "#166534",
    )
    return scale[max(1, min(10, rating)) - 1]


@lru_cache(maxsize=1024)
def readable_text_colour(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (#rrggbb)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "#111827" if luminance > 0.45 else "#ffffff"


# ---------------------------------------------------------------------- line widths and shapes (points)
CARD_RADIUS = 4.0  # corner radius of a card's outline
CARD_OUTLINE_WIDTH = 1.0  # a plain card: its fill darkened (CARD_OUTLINE_DARKER)
CARD_MARKED_OUTLINE_WIDTH = 1.8  # a pain point or moment of truth: outlined in the marker's colour
CARD_OUTLINE_DARKER = 135  # Qt's darker() factor of a plain card's outline
CARD_MUTED_ALPHA = 0.72  # the kind line: the text colour at this opacity over the card's fill
CARD_EDGE_WIDTH = 8.0  # zoomed far out, a marked card shows a stripe of its marker colour at the left
MARKER_OUTLINE_WIDTH = 0.8
MARKER_OUTLINE_DARKER = 125
MARKER_STAR_SHARE = 0.38  # the moment-of-truth star's outer radius, per marker width
CHIP_BORDER_WIDTH = 1.0  # the outline is inset by half of it
GRID_LINE_WIDTH = 1.0
STAGE_HEADER_BAR_HEIGHT = 3.0
RELATION_WIDTH = 1.3  # arrows: points in print, device pixels on screen (cosmetic: visible at every zoom)
RELATION_HEAD_OUTLINE_WIDTH = 1.0  # print strokes the heads with the arrow colour as well
RELATION_DASH: tuple[float, float] = (4.0, 2.0)  # "relates to": dash and gap in units of the line width
CURVE_WIDTH = 2.2
CURVE_GUIDE_WIDTH = 0.8  # the neutral line and the 1 and 10 lines of a plot
CURVE_POINT_RADIUS = 7.0
CURVE_POINT_OUTLINE_WIDTH = 1.2
CURVE_LABEL_SIZE = 7.5
BLUEPRINT_LINE_WIDTH = 2.0
# dash patterns in units of the pen width (Qt's DashLine 4-2, DashDotLine 4-2-1-2)
BLUEPRINT_LINE_DASHES: dict[str, tuple[float, ...]] = {
    "interaction": (),
    "visibility": (4.0, 2.0),
    "internal_interaction": (4.0, 2.0, 1.0, 2.0),
}


@lru_cache(maxsize=512)
def rgb(colour: str) -> tuple[float, float, float]:
    """(r, g, b) in 0-1 from '#rrggbb'."""
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


@lru_cache(maxsize=512)
def darker(colour: str, factor: int) -> str:
    """Qt's QColor.darker(factor): the HSV value divided by factor/100, hue and saturation kept."""
    red, green, blue = rgb(colour)
    hue, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    red, green, blue = colorsys.hsv_to_rgb(hue, saturation, value * 100 / factor)
    return "#{:02x}{:02x}{:02x}".format(*(round(channel * 255) for channel in (red, green, blue)))


@lru_cache(maxsize=1024)
def blend(colour: str, background: str, alpha: float) -> str:
    """`colour` drawn with `alpha` over `background`, as one opaque colour."""
    front, back = rgb(colour), rgb(background)
    mixed = (f * alpha + b * (1 - alpha) for f, b in zip(front, back))
    return "#{:02x}{:02x}{:02x}".format(*(round(channel * 255) for channel in mixed))


class CardStyle(NamedTuple):
    """How one card is drawn, on screen and in print (colours '#rrggbb', sizes in points)."""

    fill: str
    outline: str
    outline_width: float  # centred on the card's rectangle
    radius: float
    text: str  # title and text
    muted: str  # the kind line
    edge: str | None  # the pain-point or moment-of-truth stripe shown zoomed far out


@lru_cache(maxsize=256)
def card_style(colour: str, text_colour: str, pain_point: bool, moment_of_truth: bool) -> CardStyle:
    """The style of a card of fill `colour` (a few dozen looks on any map: cached)."""
    if pain_point:
        outline, width = PAIN_POINT_COLOUR, CARD_MARKED_OUTLINE_WIDTH
    elif moment_of_truth:
        outline, width = MOMENT_OF_TRUTH_COLOUR, CARD_MARKED_OUTLINE_WIDTH
    else:
        outline, width = darker(colour, CARD_OUTLINE_DARKER), CARD_OUTLINE_WIDTH
    edge = PAIN_POINT_COLOUR if pain_point else MOMENT_OF_TRUTH_COLOUR if moment_of_truth else None
    return CardStyle(colour, outline, width, CARD_RADIUS, text_colour, blend(text_colour, colour, CARD_MUTED_ALPHA), edge)


def marker_outline(fill: str) -> str:
    """The outline colour of a round marker of `fill` (width MARKER_OUTLINE_WIDTH)."""
    return darker(fill, MARKER_OUTLINE_DARKER)
