"""The boxes a layout is made of: headers, cards with their badges and markers, chips, curves, arrows, blueprint lines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from cxstudio.layout.geometry import Point, Rect, TextLine
from cxstudio.layout.style import MARKER_STAR_SHARE


@dataclass(frozen=True, slots=True)
class HeaderBox:
    """A stage header (column) or lane header (row): its rectangle and text lines."""

    id: str  # stage id, lane id, or a derived lane key such as "channel:<id>"
    rect: Rect
    lines: tuple[TextLine, ...]
    kind: str = ""  # lane kind, "channel"/"department" for derived lanes, "stage" for stages
    entity_id: str | None = None  # the stage, lane, channel or department behind the header


@dataclass(frozen=True, slots=True)
class Marker:
    """A round badge on a card: moment of truth, pain point or the rating; the label is drawn centred."""

    kind: str  # "moment_of_truth" | "pain_point" | "rating"
    rect: Rect
    fill: str
    label: TextLine

    def star(self) -> tuple[Point, ...]:
        """The white star drawn inside a moment-of-truth marker, on screen and in print."""
        x, y, width, height = self.rect
        return star_points(x + width / 2, y + height / 2, width * MARKER_STAR_SHARE)


@dataclass(frozen=True, slots=True)
class ChipBox:
    """A rounded label in a map's Channels or Departments lane: one channel (department) used in a stage."""

    lane_key: str
    stage_id: str
    kind: str  # "channel" | "department"
    entity_id: str
    rect: Rect
    line: TextLine  # the name, drawn inside the rect
    count: int  # how many of the stage's cards use it


@dataclass(frozen=True, slots=True)
class CardBadge:
    """A rounded pill at a card's bottom naming its channel or department; colours in BADGE_COLOURS."""

    kind: str  # "channel" | "department"
    entity_id: str
    rect: Rect  # the pill
    icon: str  # key into icons.ICONS; "" when the pill has no icon
    icon_rect: Rect | None  # the square the icon is drawn in (icons.place_icon), None without icon
    lines: tuple[TextLine, ...]  # the name, wrapped inside the pill
    radius: float  # corner radius: half a one-line pill's height (a two-line pill keeps the same corners)

    def moved(self, dx: float, dy: float) -> CardBadge:
        return CardBadge(
            self.kind, self.entity_id, self.rect.translated(dx, dy), self.icon,
            self.icon_rect.translated(dx, dy) if self.icon_rect is not None else None,
            moved_lines(self.lines, dx, dy), self.radius,
        )


@dataclass(frozen=True)
class CardBox:
    """A card's rectangle, its text lines (already wrapped) and what its badges show.

    Immutable (boxes are cached and shared between layouts). Not slotted, so that the layout
    can build the thousands it needs with `new_card_box` at a fraction of `__init__`'s cost.
    """

    id: str
    rect: Rect
    stage_id: str
    lane_key: str
    lane_id: str  # the card's real lane (differs from lane_key in swimlane views)
    index: int  # position within its cell in this view
    kind: str
    colour: str  # fill, #rrggbb (the card's colour or its kind's default)
    text_colour: str
    kind_line: TextLine | None
    title_lines: tuple[TextLine, ...]
    text_lines: tuple[TextLine, ...]
    badges: tuple[CardBadge, ...]  # channel, then department, at the card's bottom
    markers: tuple[Marker, ...]
    rating: int | None
    moment_of_truth: bool
    pain_point: bool
    priority: int
    channel_id: str | None
    channel_name: str
    department_id: str | None
    department_name: str

    def all_lines(self) -> tuple[TextLine, ...]:
        lines = (self.kind_line,) if self.kind_line is not None else ()
        badge_lines = tuple(line for badge in self.badges for line in badge.lines)
        return lines + self.title_lines + self.text_lines + badge_lines + tuple(m.label for m in self.markers)


def new_card_box(values: dict[str, object]) -> CardBox:
    """A CardBox from a complete field mapping, without the frozen dataclass's per-field __init__."""
    box = object.__new__(CardBox)
    box.__dict__.update(values)
    return box


class CurvePoint(NamedTuple):
    """One rated card on an emotion curve (a named tuple: curves of big journeys have thousands)."""

    card_id: str
    stage_id: str
    x: float
    y: float
    rating: int


@dataclass(frozen=True, slots=True)
class EmotionCurve:
    """One emotion-curve lane: the plot rectangle, its 1-10 scale, the points and the neutral line."""

    lane_key: str
    rect: Rect  # the plot area
    points: tuple[CurvePoint, ...]
    neutral_y: float
    tick_lines: tuple[TextLine, ...]  # "10", "1" at the left of the plot
    min_rating: int = 1
    max_rating: int = 10
    neutral_rating: float = 5.5
    top_y: float = 0.0  # y of rating 10
    bottom_y: float = 0.0  # y of rating 1

    def y_for(self, rating: float) -> float:
        share = (rating - self.min_rating) / (self.max_rating - self.min_rating)
        return self.bottom_y - share * (self.bottom_y - self.top_y)


@dataclass(frozen=True)
class RelationRoute:
    """An arrow between two cards: a polyline from the source's border to the target's border.

    Immutable; not slotted so that the layout can build many quickly (see `new_card_box`).
    """

    id: str
    source_id: str
    target_id: str
    kind: str
    label: str
    points: tuple[Point, ...]
    arrow: tuple[Point, Point, Point]  # tip (= last point), then the two base corners
    label_line: TextLine | None


@dataclass(frozen=True, slots=True)
class BlueprintLineGeom:
    """A blueprint line across the grid below a lane, with its name written just above it."""

    kind: str  # BlueprintLine value
    y: float
    x0: float
    x1: float
    label_line: TextLine
    lane_key: str  # the lane it is drawn below

    @property
    def label(self) -> str:
        return self.label_line.text



def moved_line(line: TextLine, dx: float, dy: float) -> TextLine:
    return TextLine(line.text, line.x + dx, line.baseline + dy, line.size, line.bold, line.italic, line.width)


def moved_lines(lines: tuple[TextLine, ...], dx: float, dy: float) -> tuple[TextLine, ...]:
    return tuple([TextLine(ln.text, ln.x + dx, ln.baseline + dy, ln.size, ln.bold, ln.italic, ln.width) for ln in lines])


def star_points(cx: float, cy: float, outer: float) -> tuple[Point, ...]:
    """A five-pointed star around (cx, cy), first point straight up (y downwards); inner radius 0.45 of `outer`."""
    inner = outer * 0.45
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = -math.pi / 2 + index * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return tuple(points)
