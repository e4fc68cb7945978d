"""Layout of one journey in one view: stage columns, lane rows, card boxes, emotion curves, relations, lines.

Everything here is a deterministic function of (document, journey, view, settings, measurer);
the canvas and every exporter draw exactly these rectangles and lines of text.

View rules (decided here, documented for users in the views' help):

* MAP shows every lane of the journey in its order; blueprint lines are drawn below the lanes
  that have `line_below` set.
* BLUEPRINT shows the lanes of the five blueprint kinds (physical evidence, customer actions,
  frontstage, backstage, support processes) plus any lane that carries a blueprint line, in
  lane order, with the lines. If the journey has none of those lanes, it shows all lanes (the
  blueprint lanes are ordinary lanes the user adds; showing an empty map would hide the cards
  and give nowhere to drop new ones).
* SWIMLANE_CHANNEL / SWIMLANE_DEPARTMENT regroup the journey's *touchpoint cards* -- cards of
  kind touchpoint, cards linked to a catalogue touchpoint and cards with their own channel --
  into one derived lane per channel (department) they use, in the catalogue's order, plus a
  "no channel" ("no department") lane last when some card has none. The effective channel is
  `card.channel_id`, else the catalogue touchpoint's `channel_id`; the same for departments.
  Derived placement is read-only (`JourneyLayout.editable_placement` is False). The
  journey's emotion-curve lanes follow the derived lanes. Derived lane keys are
  "channel:<id>", "channel:none", "department:<id>", "department:none".
* Emotion curves always plot every rated card of the journey (the curve belongs to the
  journey, not to the view), in journey order: stage order, then lane order, then card
  order. Within a stage column the k rated cards are spread evenly across the column.
  Cards placed in an emotion-curve lane are stacked at the top of their cells and the plot
  sits below them.
* Lanes of kind `channels` / `departments` in MAP and BLUEPRINT list, per stage, the channels
  (departments) the stage's cards use -- every card of the journey, any lane, effective
  channel (department) -- as chips (`JourneyLayout.chips`), in catalogue order, below any
  cards placed in them.
* Relations are drawn between cards that are both in the view; others (including relations
  to catalogue touchpoints) are skipped. Routes are orthogonal and never cross a card; labels
  never cover a card (they may cover each other).
* Cards stack in their cell by `order`; with `cell_columns` > 1 they fill that many card
  columns row by row (each row as tall as its tallest card).
* A card's top row names its kind (and priority, if set) on the left and shows its markers
  on the right: moment of truth, pain point, rating.
* A card's channel and department are badges at its bottom (`CardBox.badges`): one rounded
  pill each, the channel's with its line icon (`Channel.icon`, geometry in icons.py; an unknown
  or empty key gives the pill without an icon), the department's with a building glyph. Pills
  flow left to right and wrap onto further rows; a name wraps inside its pill to at most
  `badge_max_lines` (2) lines. The card grows to fit them; nothing overlaps its text.
* Text never leaves its box: titles wrap to at most `card_title_max_lines` (4) lines, texts to
  `card_text_max_lines` (6), badge names to `badge_max_lines` (2); longer text ends in "…".
  Internal notes, tags and expectations are never laid out (the layout also feeds client
  PDFs).
"""

from __future__ import annotations

import dataclasses
import math
import weakref
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple, cast

from cxstudio.layout.fonts import TextMeasurer, default_measurer
from cxstudio.layout.geometry import Point, Rect, TextLine
from cxstudio.layout.icons import DEPARTMENT_ICON, has_icon
from cxstudio.layout.labels import label
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    Card,
    CardKind,
    Channel,
    Department,
    Journey,
    Lane,
    LaneKind,
    Persona,
    Relation,
    Stage,
    Touchpoint,
)


class ViewKind(StrEnum):
    MAP = "map"
    BLUEPRINT = "blueprint"
    SWIMLANE_CHANNEL = "swimlane_channel"
    SWIMLANE_DEPARTMENT = "swimlane_department"


BLUEPRINT_LANE_KINDS: frozenset[str] = frozenset(
    {
        LaneKind.PHYSICAL_EVIDENCE.value,
        LaneKind.CUSTOMER_ACTIONS.value,
        LaneKind.FRONTSTAGE.value,
        LaneKind.BACKSTAGE.value,
        LaneKind.SUPPORT_PROCESSES.value,
    }
)

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


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """Sizes in points. Defaults: card titles 11 pt, readable on a projector at 100 % and at A0 fit."""

    margin: float = 24.0
    title_size: float = 20.0
    title_max_lines: int = 2
    subtitle_size: float = 11.0
    title_gap: float = 14.0  # between the title block and the grid
    header_padding: float = 8.0
    stage_header_size: float = 12.5
    stage_header_max_lines: int = 3
    stage_description_size: float = 9.0
    stage_description_max_lines: int = 3
    stage_header_min_height: float = 44.0
    lane_header_width: float = 180.0
    lane_header_size: float = 11.5
    lane_header_max_lines: int = 5
    lane_min_height: float = 84.0
    meta_size: float = 7.5  # kind label on a card, lane kind
    card_width: float = 180.0
    cell_columns: int = 1  # cards side by side per cell (row by row); more make wide maps for posters
    card_min_height: float = 60.0
    card_padding: float = 7.0
    card_block_gap: float = 4.0  # between the header row, title, text and badges of a card
    card_gap: float = 12.0  # between stacked cards of a cell
    cell_padding: float = 10.0
    card_title_size: float = 11.0
    card_title_max_lines: int = 4
    card_text_size: float = 9.5
    card_text_max_lines: int = 6
    badge_size: float = 7.5  # channel/department badges at a card's bottom
    badge_max_lines: int = 2
    badge_padding_x: float = 4.0
    badge_padding_y: float = 1.5
    badge_icon_gap: float = 2.5  # between a badge's icon and its name
    badge_gap: float = 3.0  # between badges, across and down
    chip_size: float = 9.0  # channel/department chips in derived lanes of a map
    chip_padding: float = 4.0
    chip_gap: float = 4.0
    marker_size: float = 14.0
    marker_gap: float = 3.0
    curve_plot_height: float = 130.0
    curve_inset: float = 12.0  # vertical room above 10 and below 1 inside the plot
    curve_tick_size: float = 8.0
    curve_tick_width: float = 22.0
    line_label_size: float = 8.0
    arrow_length: float = 8.0
    arrow_width: float = 6.0
    relation_label_size: float = 8.0
    relation_label_width: float = 140.0
    language: str | None = None  # None: the project's language

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "language":
                continue
            if f.name == "cell_columns":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ValueError(f"Layout setting cell_columns must be a whole number of 1 or more, not {value!r}.")
                continue
            if isinstance(value, int) and f.name.endswith("max_lines"):
                if value < 1:
                    raise ValueError(f"Layout setting {f.name} must be at least 1, not {value}.")
            elif not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                raise ValueError(f"Layout setting {f.name} must be a number of points of 0 or more, not {value!r}.")
        for name in ("title_size", "subtitle_size", "stage_header_size", "stage_description_size",
                     "lane_header_size", "meta_size", "card_title_size", "card_text_size", "chip_size",
                     "badge_size",
                     "curve_tick_size", "line_label_size", "relation_label_size", "card_width", "lane_header_width"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Layout setting {name} must be more than 0.")
        if min(self.card_gap, self.cell_padding) < self.arrow_length:
            raise ValueError(
                f"card_gap and cell_padding must be at least arrow_length ({self.arrow_length:g} pt), "
                "so that every arrow head has room."
            )
        room = self.card_width - 2 * self.card_padding
        needed = 3 * self.marker_size + 2 * self.marker_gap
        if room < needed:
            raise ValueError(
                f"Cards of {self.card_width:g} pt are too narrow for their padding and three markers; "
                f"make them at least {needed + 2 * self.card_padding:g} pt wide."
            )

    @property
    def track_width(self) -> float:
        """Width of one card column inside a stage: the card and its padding on both sides."""
        return self.card_width + 2 * self.cell_padding

    @property
    def column_width(self) -> float:
        return self.cell_columns * self.track_width


DEFAULT_SETTINGS = LayoutSettings()


# ---------------------------------------------------------------------- result types
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
            _moved_lines(self.lines, dx, dy), self.radius,
        )


@dataclass(frozen=True)
class CardBox:
    """A card's rectangle, its text lines (already wrapped) and what its badges show.

    Immutable (boxes are cached and shared between layouts). Not slotted, so that the layout
    can build the thousands it needs with `_new_card_box` at a fraction of `__init__`'s cost.
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


def _new_card_box(values: dict[str, object]) -> CardBox:
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

    Immutable; not slotted so that the layout can build many quickly (see `_new_card_box`).
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


@dataclass(slots=True)
class JourneyLayout:
    """The geometry of one journey view. Units are points, origin top-left, y downwards."""

    journey_id: str
    view: ViewKind
    language: str
    width: float
    height: float
    editable_placement: bool
    title_lines: tuple[TextLine, ...]
    title_rect: Rect
    grid_rect: Rect  # lane headers + stage headers + cells
    stage_ids: tuple[str, ...]
    lane_keys: tuple[str, ...]
    stage_columns: dict[str, Rect]  # the cells' column (x range) per stage, full grid body height
    lane_rows: dict[str, Rect]  # the row per lane key, from the lane header to the grid's right end
    stage_headers: list[HeaderBox]
    lane_headers: list[HeaderBox]
    cells: dict[tuple[str, str], Rect]
    cards: dict[str, CardBox]
    cell_cards: dict[tuple[str, str], tuple[str, ...]]
    curves: list[EmotionCurve]
    relations: list[RelationRoute]
    lines: list[BlueprintLineGeom]
    chips: list[ChipBox] = field(default_factory=list)
    settings: LayoutSettings = DEFAULT_SETTINGS
    _column_edges: list[float] = field(default_factory=list, repr=False)
    _row_edges: list[float] = field(default_factory=list, repr=False)

    # ------------------------------------------------------------------ hit testing
    def cell_at(self, x: float, y: float) -> tuple[str, str] | None:
        """The (stage id, lane key) of the cell under a point, or None outside the cells."""
        if not self.stage_ids or not self.lane_keys:
            return None
        column = bisect_right(self._column_edges, x) - 1
        row = bisect_right(self._row_edges, y) - 1
        if x == self._column_edges[-1]:
            column = len(self.stage_ids) - 1
        if y == self._row_edges[-1]:
            row = len(self.lane_keys) - 1
        if not (0 <= column < len(self.stage_ids) and 0 <= row < len(self.lane_keys)):
            return None
        return (self.stage_ids[column], self.lane_keys[row])

    def card_at(self, x: float, y: float) -> str | None:
        """The id of the card under a point, or None."""
        cell = self.cell_at(x, y)
        if cell is None:
            return None
        for card_id in self.cell_cards.get(cell, ()):
            if self.cards[card_id].rect.contains(x, y):
                return card_id
        return None

    def cards_in_cell(self, stage_id: str, lane_key: str) -> tuple[str, ...]:
        return self.cell_cards.get((stage_id, lane_key), ())

    def insertion_index(
        self, stage_id: str, lane_key: str, y: float, exclude: frozenset[str] = frozenset(), x: float | None = None
    ) -> int:
        """Where a card dropped at (x, y) goes in a cell, as an index into the cell's cards.

        One card column per cell (the default): the number of cards whose middle is above `y`.
        With `cell_columns` > 1, cards fill the cell row by row: the drop goes into the row under
        `y`, before the first card of that row whose middle is right of `x` (`x` None: the
        row's start). The index counts the cards as they are shown, dragged ones included,
        which is the numbering `move_cards` expects (it takes the moved cards out itself).
        `exclude` is accepted for callers that pass the dragged cards; they need no special
        treatment.
        """
        ids = self.cell_cards.get((stage_id, lane_key), ())
        if self.settings.cell_columns == 1:
            index = 0
            for card_id in ids:
                box = self.cards[card_id].rect
                if box.y + box.height / 2 < y:
                    index += 1
                else:
                    break
            return index
        columns = self.settings.cell_columns
        for first in range(0, len(ids), columns):
            row = [self.cards[card_id].rect for card_id in ids[first : first + columns]]
            if y < max(r.bottom for r in row) + self.settings.card_gap / 2:
                if x is None:
                    return first
                return first + sum(1 for r in row if r.x + r.width / 2 < x)
        return len(ids)

    def cards_in_rect(self, area: Rect) -> list[str]:
        """Ids of the cards whose rectangles intersect `area` (rubber-band selection), in view order."""
        return [cid for cid, box in self.cards.items() if box.rect.intersects(area) or area.contains_rect(box.rect)]

    def drop_target_indicator(self, stage_id: str, lane_key: str, index: int) -> tuple[Point, Point]:
        """The short line that shows where a dropped card will go (its two ends).

        Horizontal above the card now at `index` (below the last card for the end); with
        several card columns per cell, vertical at the left of that card (right of the last).
        """
        cell = self.cells[(stage_id, lane_key)]
        cards = self.cell_cards.get((stage_id, lane_key), ())
        if self.settings.cell_columns > 1 and cards:
            if index < len(cards):
                box = self.cards[cards[index]].rect
                x = box.x - self.settings.cell_padding
            else:
                box = self.cards[cards[-1]].rect
                x = box.right + self.settings.cell_padding
            return ((x, box.y), (x, box.bottom))
        if not cards:
            y = cell.y + self._half_gap()
        elif index >= len(cards):
            y = self.cards[cards[-1]].rect.bottom + self._half_gap()
        else:
            y = self.cards[cards[index]].rect.y - self._half_gap()
        return ((cell.x + 4, y), (cell.right - 4, y))

    def _half_gap(self) -> float:
        return self.settings.card_gap / 2


# ---------------------------------------------------------------------- building
@dataclass(slots=True)
class _Row:
    key: str
    name: str
    kind: str  # lane kind, or "channel"/"department"
    entity_id: str | None
    line_below: str | None
    is_curve: bool
    cells: dict[str, list[Card]]  # stage id -> cards in view order
    chips_of: str | None = None  # "channel"/"department": the lane lists what the stage's cards use


@dataclass(slots=True, eq=False)
class _CardContent:
    """A card's text laid out relative to the card's top-left corner.

    Compared and hashed by identity: the content cache makes one object per card value, so
    the object stands for the card's whole value in the placed-box cache's keys.
    """

    height: float
    kind_line: TextLine | None
    title_lines: tuple[TextLine, ...]
    text_lines: tuple[TextLine, ...]
    badges: tuple[CardBadge, ...]
    markers: tuple[Marker, ...]
    colour: str
    text_colour: str
    channel_id: str | None
    channel_name: str
    department_id: str | None
    department_name: str


def _journey_order_key(
    stage_order: dict[str, int], lane_order: dict[str, int]
) -> Callable[[Card], tuple[int, int, int, str]]:
    """Sort key for journey order: stage order, then lane order, then the card's order in its cell."""

    def key(card: Card) -> tuple[int, int, int, str]:
        return (stage_order[card.stage_id], lane_order[card.lane_id], card.order, card.id)

    return key


def effective_channel_and_department(doc: Document, card: Card) -> tuple[str | None, str | None]:
    """The card's own channel and department, each falling back to its catalogue touchpoint's."""
    channel_id, department_id = card.channel_id, card.department_id
    if (channel_id is None or department_id is None) and card.touchpoint_id is not None:
        touchpoint = doc.find(card.touchpoint_id)
        if isinstance(touchpoint, Touchpoint):
            if channel_id is None:
                channel_id = touchpoint.channel_id
            if department_id is None:
                department_id = touchpoint.department_id
    return channel_id, department_id


def _effective(doc: Document, card: Card, attribute: str) -> str | None:
    """The effective channel_id or department_id of a card (see effective_channel_and_department)."""
    channel_id, department_id = effective_channel_and_department(doc, card)
    return channel_id if attribute == "channel_id" else department_id


_DERIVED_CHIPS = {LaneKind.CHANNELS.value: "channel", LaneKind.DEPARTMENTS.value: "department"}


def is_touchpoint_card(card: Card) -> bool:
    """The cards a swimlane view regroups: touchpoints, cards from the catalogue, cards with a channel."""
    return card.kind == CardKind.TOUCHPOINT.value or card.touchpoint_id is not None or card.channel_id is not None


def _rows_for_view(
    doc: Document, view: ViewKind, lanes: list[Lane], stages: list[Stage], cards: list[Card], language: str
) -> list[_Row]:
    lane_order = {lane.id: position for position, lane in enumerate(lanes)}
    stage_ids = {stage.id for stage in stages}
    if view in (ViewKind.MAP, ViewKind.BLUEPRINT):
        shown = lanes
        if view is ViewKind.BLUEPRINT:
            blueprint = [ln for ln in lanes if ln.kind in BLUEPRINT_LANE_KINDS or ln.line_below]
            shown = blueprint or lanes
        by_cell: dict[tuple[str, str], list[Card]] = defaultdict(list)
        for card in cards:
            by_cell[(card.stage_id, card.lane_id)].append(card)
        rows = []
        for lane in shown:
            cells = {}
            for stage in stages:
                cell = by_cell.get((stage.id, lane.id), [])
                cell.sort(key=lambda c: (c.order, c.id))
                cells[stage.id] = cell
            rows.append(
                _Row(lane.id, lane.name, lane.kind, lane.id, lane.line_below,
                     lane.kind == LaneKind.EMOTION_CURVE.value, cells, _DERIVED_CHIPS.get(lane.kind))
            )
        return rows

    entity_type: type[Channel] | type[Department]
    if view is ViewKind.SWIMLANE_CHANNEL:
        attribute, entity_type, prefix = "channel_id", Channel, "channel"
    else:
        attribute, entity_type, prefix = "department_id", Department, "department"

    stage_order = {stage.id: position for position, stage in enumerate(stages)}
    chosen = sorted(
        (c for c in cards if is_touchpoint_card(c) and c.stage_id in stage_ids),
        key=_journey_order_key(stage_order, lane_order),
    )
    groups: dict[str | None, dict[str, list[Card]]] = {}
    for card in chosen:
        group = _effective(doc, card, attribute)
        groups.setdefault(group, {stage.id: [] for stage in stages})[card.stage_id].append(card)
    named: list[Channel | Department] = [
        doc.get(group_id, entity_type) for group_id in groups if group_id is not None
    ]
    named.sort(key=lambda e: (e.order, e.name, e.id))
    rows = [
        _Row(f"{prefix}:{entity.id}", entity.name, prefix, entity.id, None, False, groups[entity.id])
        for entity in named
    ]
    if None in groups:
        rows.append(_Row(f"{prefix}:none", label(f"none.{prefix}", language), prefix, None, None, False, groups[None]))
    for lane in lanes:
        if lane.kind == LaneKind.EMOTION_CURVE.value:
            rows.append(_Row(lane.id, lane.name, lane.kind, lane.id, None, True, {stage.id: [] for stage in stages}))
    return rows


class _Builder:
    """Per-layout helpers: names of referenced entities, text lines, card contents (cached across layouts)."""

    def __init__(self, doc: Document, settings: LayoutSettings, measurer: TextMeasurer, language: str) -> None:
        self.doc = doc
        self.s = settings
        self.m = measurer
        self.language = language
        self.names: dict[str | None, str] = {None: ""}
        self.size_metrics: dict[float, tuple[float, float]] = {}
        self.header_cache: dict[tuple[bool, bool, int | None, str, int], tuple[TextLine | None, tuple[Marker, ...]]] = {}
        # card contents do not depend on cell_columns, and box keys hold positions: share the caches
        shared = settings if settings.cell_columns == 1 else dataclasses.replace(settings, cell_columns=1)
        self.content_cache, self.box_cache = _caches(measurer, shared, language)

    def name_of(self, entity_id: str | None) -> str:
        name = self.names.get(entity_id)
        if name is None:
            entity = self.doc.find(entity_id)
            name = getattr(entity, "name", "") if entity is not None else ""
            self.names[entity_id] = name
        return name

    def icon_of(self, channel_id: str | None) -> str:
        """The icon key of a channel ("" for none or an unknown id)."""
        entity = self.doc.find(channel_id) if channel_id is not None else None
        return entity.icon if isinstance(entity, Channel) else ""

    def lines(
        self, texts: list[tuple[str, float]], x: float, top: float, size: float, bold: bool = False,
        italic: bool = False,
    ) -> tuple[tuple[TextLine, ...], float]:
        """TextLines for wrapped (text, width) pairs starting at `top`; returns them and the y below them."""
        metrics = self.size_metrics.get(size)
        if metrics is None:
            metrics = self.size_metrics[size] = (self.m.ascent(size), self.m.line_height(size))
        ascent, line_height = metrics
        result = []
        y = top
        for text, width in texts:
            result.append(TextLine(text, x, y + ascent, size, bold, italic, width))
            y += line_height
        return tuple(result), y

    # ------------------------------------------------------------------ cards
    def card_key(self, card: Card) -> _CardKey:
        """Everything a card's content depends on besides settings, language and measurer."""
        channel_id, department_id = effective_channel_and_department(self.doc, card)
        touchpoint_name = self.name_of(card.touchpoint_id) if card.touchpoint_id is not None else ""
        return (card, touchpoint_name, channel_id, self.name_of(channel_id), self.icon_of(channel_id),
                department_id, self.name_of(department_id))

    def card_content(self, key: _CardKey) -> _CardContent:
        content = self.content_cache.get(key)
        if content is None:
            content = self._card_content(*key)
            self.content_cache[key] = content
        return content

    def _card_content(
        self, card: Card, touchpoint_name: str, channel_id: str | None, channel_name: str, channel_icon: str,
        department_id: str | None, department_name: str,
    ) -> _CardContent:
        s, m = self.s, self.m
        inner = s.card_width - 2 * s.card_padding
        colour = card.colour or KIND_COLOURS.get(card.kind, "#ffffff")
        text_colour = readable_text_colour(colour)

        header = self.card_header((card.moment_of_truth, card.pain_point, card.rating, card.kind, card.priority))
        kind_line, marker_boxes = header
        y = s.card_padding + max(s.marker_size, m.line_height(s.meta_size))

        title = card.title
        if not title.strip():
            title = touchpoint_name
        title_lines: tuple[TextLine, ...] = ()
        if title.strip():
            texts = m.wrap_measured(title, inner, s.card_title_size, bold=True, max_lines=s.card_title_max_lines)
            title_lines, y = self.lines(texts, s.card_padding, y + s.card_block_gap, s.card_title_size, bold=True)
        text_lines: tuple[TextLine, ...] = ()
        if card.text.strip():
            texts = m.wrap_measured(card.text, inner, s.card_text_size, max_lines=s.card_text_max_lines)
            text_lines, y = self.lines(texts, s.card_padding, y + s.card_block_gap, s.card_text_size)
        wanted = []
        if channel_id is not None and channel_name:
            wanted.append(("channel", channel_id, channel_name, channel_icon if has_icon(channel_icon) else ""))
        if department_id is not None and department_name:
            wanted.append(("department", department_id, department_name, DEPARTMENT_ICON))
        badges: tuple[CardBadge, ...] = ()
        if wanted:
            badges, bottom = self.card_badges(wanted, y + s.card_block_gap)
            y = bottom
        height = max(s.card_min_height, y + s.card_padding)
        if badges and height > y + s.card_padding + 1e-9:  # a short card: the badges sit at its bottom
            badges = tuple(badge.moved(0.0, height - s.card_padding - y) for badge in badges)
        return _CardContent(
            height, kind_line, title_lines, text_lines, badges,
            marker_boxes, colour, text_colour, channel_id, channel_name, department_id, department_name,
        )

    def card_badges(
        self, wanted: list[tuple[str, str, str, str]], top: float
    ) -> tuple[tuple[CardBadge, ...], float]:
        """Pills for (kind, entity id, name, icon key) flowing from `top` across the card's inner width.

        Returns them (relative to the card) and the y below the last row.
        """
        s, m = self.s, self.m
        left, right = s.card_padding, s.card_width - s.card_padding
        line_height = m.line_height(s.badge_size)
        icon_side = min(m.ascent(s.badge_size) + m.descent(s.badge_size), line_height)
        pills: list[tuple[str, str, str, float, float, list[tuple[str, float]]]] = []  # kind, id, icon, w, h, texts
        for kind, entity_id, name, icon in wanted:
            icon_room = icon_side + s.badge_icon_gap if icon else 0.0
            room = max(1.0, right - left - 2 * s.badge_padding_x - icon_room)
            texts = m.wrap_measured(name, room, s.badge_size, max_lines=s.badge_max_lines)
            text_width = max((width for _text, width in texts), default=0.0)
            width = 2 * s.badge_padding_x + icon_room + text_width
            height = 2 * s.badge_padding_y + line_height * max(1, len(texts))
            pills.append((kind, entity_id, icon, width, height, texts))
        badges: list[CardBadge] = []
        x, row_top, row_height = left, top, 0.0
        for kind, entity_id, icon, width, height, texts in pills:
            if x > left and x + width > right + 1e-9:
                x, row_top, row_height = left, row_top + row_height + s.badge_gap, 0.0
            rect = Rect(x, row_top, width, height)
            icon_rect = None
            text_left = x + s.badge_padding_x
            if icon:
                first_line_middle = row_top + s.badge_padding_y + line_height / 2
                icon_rect = Rect(text_left, first_line_middle - icon_side / 2, icon_side, icon_side)
                text_left += icon_side + s.badge_icon_gap
            lines, _ = self.lines(texts, text_left, row_top + s.badge_padding_y, s.badge_size)
            radius = s.badge_padding_y + line_height / 2
            badges.append(CardBadge(kind, entity_id, rect, icon, icon_rect, lines, radius))
            x += width + s.badge_gap
            row_height = max(row_height, height)
        return tuple(badges), row_top + row_height

    def card_header(
        self, flags: tuple[bool, bool, int | None, str, int]
    ) -> tuple[TextLine | None, tuple[Marker, ...]]:
        """The kind label and the markers of a card's top row (relative to the card), cached per combination."""
        header = self.header_cache.get(flags)
        if header is None:
            header = self.header_cache[flags] = self._card_header(*flags)
        return header

    def _card_header(
        self, moment_of_truth: bool, pain_point: bool, rating: int | None, kind: str, priority: int
    ) -> tuple[TextLine | None, tuple[Marker, ...]]:
        s, m = self.s, self.m
        inner = s.card_width - 2 * s.card_padding
        markers: list[tuple[str, str, str]] = []  # kind, fill, label
        if moment_of_truth:
            markers.append(("moment_of_truth", MOMENT_OF_TRUTH_COLOUR, MOMENT_OF_TRUTH_SYMBOL))
        if pain_point:
            markers.append(("pain_point", PAIN_POINT_COLOUR, PAIN_POINT_SYMBOL))
        if rating is not None:
            markers.append(("rating", rating_colour(rating), str(rating)))
        header_height = max(s.marker_size, m.line_height(s.meta_size))
        marker_boxes = []
        x = s.card_width - s.card_padding
        label_size = s.marker_size * 0.62
        for marker_kind, fill, text in reversed(markers):
            x -= s.marker_size
            rect = Rect(x, s.card_padding, s.marker_size, s.marker_size)
            text_width = m.width(text, label_size, bold=True)
            baseline = rect.y + rect.height / 2 + (m.ascent(label_size) - m.descent(label_size)) / 2
            marker_boxes.append(
                Marker(marker_kind, rect, fill,
                       TextLine(text, rect.x + (rect.width - text_width) / 2, baseline, label_size, True, False, text_width))
            )
            x -= s.marker_gap
        marker_boxes.reverse()
        kind_width = x - s.card_padding if markers else inner
        kind_text = label(f"card.{kind}", self.language)
        if priority:
            kind_text += " \u00b7 " + label(f"priority.{priority}", self.language)
        kind_texts = m.wrap_measured(kind_text, kind_width, s.meta_size, max_lines=1)
        kind_top = s.card_padding + (header_height - m.line_height(s.meta_size)) / 2
        kind_lines, _ = self.lines(kind_texts, s.card_padding, kind_top, s.meta_size)
        return (kind_lines[0] if kind_lines else None), tuple(marker_boxes)


def _cell_slots(heights: list[float], s: LayoutSettings) -> tuple[list[tuple[int, float]], float]:
    """Where the cards of one cell go: (card column, y offset) per card, and the stack's height.

    Cards fill `cell_columns` columns row by row; each row is as tall as its tallest card.
    """
    columns = s.cell_columns
    slots: list[tuple[int, float]] = []
    offset = 0.0
    for first in range(0, len(heights), columns):
        row = heights[first : first + columns]
        slots.extend((column, offset) for column in range(len(row)))
        offset += max(row) + s.card_gap
    return slots, (offset - s.card_gap if heights else 0.0)


# card, touchpoint name, channel id, name and icon, department id and name
_CardKey = tuple[Card, str, str | None, str, str, str | None, str]
_BoxKey = tuple[_CardContent, float, float, int, str, str]
_CACHE_SLACK = 2_000  # entries a cache may hold beyond three times the current layout's cards
_layout_caches: weakref.WeakKeyDictionary[
    TextMeasurer, dict[tuple[LayoutSettings, str], tuple[dict[_CardKey, _CardContent], dict[_BoxKey, CardBox]]]
] = weakref.WeakKeyDictionary()


def _caches(
    measurer: TextMeasurer, settings: LayoutSettings, language: str
) -> tuple[dict[_CardKey, _CardContent], dict[_BoxKey, CardBox]]:
    """Card contents and placed card boxes from earlier layouts with the same measurer, settings and language.

    Keys hold the card's full value and the names it shows, so a changed card or a renamed
    channel never hits a stale entry; re-laying out after one edit reuses every untouched card.
    Entries of cards that changed or moved stay behind; `_prune` drops them once a cache holds
    more than three times the cards of the layout just made (plus some slack), keeping that
    layout's own entries.
    """
    per_measurer = _layout_caches.setdefault(measurer, {})
    caches = per_measurer.get((settings, language))
    if caches is None:
        if len(per_measurer) >= 8:
            per_measurer.clear()
        caches = per_measurer[(settings, language)] = ({}, {})
    return caches


def _prune(
    content_cache: dict[_CardKey, _CardContent],
    box_cache: dict[_BoxKey, CardBox],
    card_keys: dict[str, _CardKey],
    box_keys: list[_BoxKey],
) -> None:
    """Keep the caches' memory proportional to the journeys being laid out, not to the edit history."""
    limit = 3 * len(card_keys) + _CACHE_SLACK
    # written to stay safe when an export thread and the canvas lay out at the same time
    if len(content_cache) > limit:
        kept_contents = {key: content_cache.get(key) for key in card_keys.values()}
        content_cache.clear()
        content_cache.update({key: value for key, value in kept_contents.items() if value is not None})
    if len(box_cache) > limit:
        kept_boxes = {key: box_cache.get(key) for key in box_keys}
        box_cache.clear()
        box_cache.update({key: value for key, value in kept_boxes.items() if value is not None})


def _moved(line: TextLine, dx: float, dy: float) -> TextLine:
    return TextLine(line.text, line.x + dx, line.baseline + dy, line.size, line.bold, line.italic, line.width)


def _moved_lines(lines: tuple[TextLine, ...], dx: float, dy: float) -> tuple[TextLine, ...]:
    return tuple([TextLine(ln.text, ln.x + dx, ln.baseline + dy, ln.size, ln.bold, ln.italic, ln.width) for ln in lines])


def layout_journey(
    doc: Document,
    journey_id: str,
    view: ViewKind | str = ViewKind.MAP,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    measurer: TextMeasurer | None = None,
) -> JourneyLayout:
    """Lay out one journey in one view.

    Raises NotFoundError if `journey_id` is no journey of the document and ValueError for an
    unknown view, each with one sentence for the user.
    """
    if view not in ViewKind._value2member_map_:
        choices = ", ".join(v.value for v in ViewKind)
        raise ValueError(f"'{view}' is not a view of a journey; use one of {choices}.")
    view = ViewKind(view)
    measurer = measurer or default_measurer()
    s = settings
    journey = doc.get(journey_id, Journey)
    language = s.language or doc.project.language
    builder = _Builder(doc, s, measurer, language)
    stages = doc.stages(journey_id)
    lanes = doc.lanes(journey_id)
    all_cards = doc.cards(journey_id)
    rows = _rows_for_view(doc, view, lanes, stages, all_cards, language)
    line_height = measurer.line_height
    column_width = s.column_width
    inner_header = s.lane_header_width - 2 * s.header_padding

    # ---- title block
    grid_width = s.lane_header_width + column_width * len(stages)
    title_width = max(grid_width, 480.0)
    title_texts = measurer.wrap_measured(journey.name, title_width, s.title_size, bold=True, max_lines=s.title_max_lines)
    title_lines, y = builder.lines(title_texts, s.margin, s.margin, s.title_size, bold=True)
    subtitle_parts = []
    if journey.persona_id is not None:
        persona = doc.find(journey.persona_id)
        if isinstance(persona, Persona):
            subtitle_parts.append(f"{label('persona', language)}: {persona.name}")
    subtitle_parts.append(label(f"state.{journey.state}", language))
    subtitle_parts.append(label(f"view.{view.value}", language))
    subtitle_texts = measurer.wrap_measured(" \u00b7 ".join(subtitle_parts), title_width, s.subtitle_size, max_lines=2)
    subtitle_lines, y = builder.lines(subtitle_texts, s.margin, y + 2, s.subtitle_size)
    title_rect = Rect(s.margin, s.margin, title_width, y - s.margin)
    grid_top = y + s.title_gap
    grid_left = s.margin
    cells_left = grid_left + s.lane_header_width

    # ---- stage headers (one row, as tall as the tallest)
    stage_texts = []
    inner_column = column_width - 2 * s.header_padding
    for stage in stages:
        name = measurer.wrap_measured(stage.name, inner_column, s.stage_header_size, bold=True, max_lines=s.stage_header_max_lines)
        description = measurer.wrap_measured(
            stage.description, inner_column, s.stage_description_size, max_lines=s.stage_description_max_lines
        ) if stage.description.strip() else []
        stage_texts.append((name, description))
    header_height = s.stage_header_min_height
    for name, description in stage_texts:
        needed = 2 * s.header_padding + len(name) * line_height(s.stage_header_size)
        if description:
            needed += 2 + len(description) * line_height(s.stage_description_size)
        header_height = max(header_height, needed)
    stage_headers = []
    stage_columns_x = []
    for position, (stage, (name, description)) in enumerate(zip(stages, stage_texts)):
        x = cells_left + position * column_width
        stage_columns_x.append(x)
        lines, below = builder.lines(name, x + s.header_padding, grid_top + s.header_padding, s.stage_header_size, bold=True)
        if description:
            more, _ = builder.lines(description, x + s.header_padding, below + 2, s.stage_description_size)
            lines = lines + more
        stage_headers.append(HeaderBox(stage.id, Rect(x, grid_top, column_width, header_height), lines, "stage", stage.id))

    # ---- card contents (height needed per card)
    contents: dict[str, _CardContent] = {}
    card_keys: dict[str, _CardKey] = {}
    for row in rows:
        for cell in row.cells.values():
            for card in cell:
                key = card_keys[card.id] = builder.card_key(card)
                contents[card.id] = builder.card_content(key)

    # ---- chips of Channels / Departments lanes: relative flow layout per (stage, kind)
    chip_blocks: dict[tuple[str, str], tuple[list[tuple[str, int, Rect, tuple[str, float]]], float]] = {}
    for kind in sorted({row.chips_of for row in rows if row.chips_of is not None}):
        chip_blocks.update(_chip_blocks(doc, s, measurer, kind, stages, all_cards))

    # ---- lane rows: as tall as the tallest cell, the header text and, for curves, the plot
    body_top = grid_top + header_height
    row_tops: list[float] = []
    row_heights: list[float] = []
    row_header_texts: list[tuple[list[str], list[str]]] = []
    line_label_height = line_height(s.line_label_size) + 4
    for row in rows:
        header_width = inner_header - (s.curve_tick_width if row.is_curve else 0)
        name = measurer.wrap_measured(row.name, header_width, s.lane_header_size, bold=True, max_lines=s.lane_header_max_lines)
        kind_text = "" if row.kind == LaneKind.CARDS.value else label(f"lane.{row.kind}", language)
        if kind_text.casefold() == row.name.strip().casefold():
            kind_text = ""  # the name already says it
        kind_lines = measurer.wrap_measured(kind_text, header_width, s.meta_size, max_lines=2) if kind_text else []
        row_header_texts.append((name, kind_lines))
        needed = 2 * s.header_padding + len(name) * line_height(s.lane_header_size)
        if kind_lines:
            needed += 2 + len(kind_lines) * line_height(s.meta_size)
        show_line = row.line_below is not None and view in (ViewKind.MAP, ViewKind.BLUEPRINT)
        if show_line:
            needed += line_label_height
        tallest = 0.0
        for stage_id, cell in row.cells.items():
            stack = _cell_slots([contents[c.id].height for c in cell], s)[1] if cell else 0.0
            block = chip_blocks.get((stage_id, row.chips_of)) if row.chips_of else None
            if block is not None:
                stack += (s.card_gap if cell else 0.0) + block[1]
            tallest = max(tallest, stack)
        cells_needed = 2 * s.cell_padding + tallest if tallest else 0.0
        if row.is_curve:
            cells_needed = (cells_needed or s.cell_padding) + s.curve_plot_height + s.cell_padding
        row_tops.append(body_top + sum(row_heights))
        row_heights.append(max(s.lane_min_height, needed, cells_needed))
    body_bottom = body_top + sum(row_heights)
    grid_right = cells_left + column_width * len(stages)

    # ---- lane headers, cells, cards
    lane_headers: list[HeaderBox] = []
    cells: dict[tuple[str, str], Rect] = {}
    cards: dict[str, CardBox] = {}
    cell_cards: dict[tuple[str, str], tuple[str, ...]] = {}
    lane_rows: dict[str, Rect] = {}
    lines_geom: list[BlueprintLineGeom] = []
    curve_rows: list[tuple[_Row, float, float]] = []  # row, top of plot, bottom of plot
    chips: list[ChipBox] = []
    box_keys: list[_BoxKey] = []
    for row, top, height, (name, kind_lines) in zip(rows, row_tops, row_heights, row_header_texts):
        lane_rows[row.key] = Rect(grid_left, top, grid_right - grid_left, height)
        header_lines, below = builder.lines(name, grid_left + s.header_padding, top + s.header_padding, s.lane_header_size,
                                            bold=True)
        if kind_lines:
            more, _ = builder.lines(kind_lines, grid_left + s.header_padding, below + 2, s.meta_size)
            header_lines = header_lines + more
        lane_headers.append(
            HeaderBox(row.key, Rect(grid_left, top, s.lane_header_width, height), header_lines, row.kind, row.entity_id)
        )
        if row.line_below is not None and view in (ViewKind.MAP, ViewKind.BLUEPRINT):
            line_y = top + height
            text = label(f"line.{row.line_below}", language)
            texts = measurer.wrap_measured(text, inner_header, s.line_label_size, italic=True, max_lines=1)
            label_line = TextLine(
                texts[0][0] if texts else "", grid_left + s.header_padding,
                line_y - 4 - measurer.descent(s.line_label_size), s.line_label_size, False, True,
                texts[0][1] if texts else 0.0,
            )
            lines_geom.append(BlueprintLineGeom(row.line_below, line_y, grid_left, grid_right, label_line, row.key))
        tallest_stack = 0.0
        for stage, x in zip(stages, stage_columns_x):
            cells[(stage.id, row.key)] = Rect(x, top, column_width, height)
            cell_list = row.cells.get(stage.id, [])
            slots, stack_height = _cell_slots([contents[c.id].height for c in cell_list], s)
            ids = []
            for index, card in enumerate(cell_list):
                content = contents[card.id]
                column, offset = slots[index]
                cx = x + s.cell_padding + column * s.track_width
                y = top + s.cell_padding + offset
                box_key = (content, cx, y, index, row.key, stage.id)
                box_keys.append(box_key)
                box = builder.box_cache.get(box_key)
                if box is None:
                    box = builder.box_cache[box_key] = _new_card_box(dict(
                        id=card.id,
                        rect=Rect(cx, y, s.card_width, content.height),
                        stage_id=stage.id,
                        lane_key=row.key,
                        lane_id=card.lane_id,
                        index=index,
                        kind=card.kind,
                        colour=content.colour,
                        text_colour=content.text_colour,
                        kind_line=_moved(content.kind_line, cx, y) if content.kind_line is not None else None,
                        title_lines=_moved_lines(content.title_lines, cx, y),
                        text_lines=_moved_lines(content.text_lines, cx, y),
                        badges=tuple(badge.moved(cx, y) for badge in content.badges),
                        markers=tuple(
                            Marker(mk.kind, mk.rect.translated(cx, y), mk.fill, _moved(mk.label, cx, y)) for mk in content.markers
                        ),
                        rating=card.rating,
                        moment_of_truth=card.moment_of_truth,
                        pain_point=card.pain_point,
                        priority=card.priority,
                        channel_id=content.channel_id,
                        channel_name=content.channel_name,
                        department_id=content.department_id,
                        department_name=content.department_name,
                    ))
                cards[card.id] = box
                ids.append(card.id)
            y = top + s.cell_padding + (stack_height + s.card_gap if ids else 0.0)
            chip_kind = row.chips_of
            block = chip_blocks.get((stage.id, chip_kind)) if chip_kind is not None else None
            if chip_kind is not None and block is not None:
                for entity_id, count, rect, (text, text_width) in block[0]:
                    placed = rect.translated(x + s.cell_padding, y)
                    baseline = placed.y + s.chip_padding + measurer.ascent(s.chip_size)
                    chip_line = TextLine(text, placed.x + s.chip_padding, baseline, s.chip_size, False, False, text_width)
                    chips.append(ChipBox(row.key, stage.id, chip_kind, entity_id, placed, chip_line, count))
                y += block[1] + s.card_gap
            if ids or block is not None:
                tallest_stack = max(tallest_stack, y - s.card_gap - top)
            cell_cards[(stage.id, row.key)] = tuple(ids)
        if row.is_curve:
            plot_top = top + (tallest_stack + s.cell_padding if tallest_stack else s.cell_padding)
            curve_rows.append((row, plot_top, top + height - s.cell_padding))

    _prune(builder.content_cache, builder.box_cache, card_keys, box_keys)

    # ---- emotion curves
    curves = _curves(doc, s, builder, stages, lanes, all_cards, stage_columns_x, curve_rows, cells_left, grid_right)

    # ---- relations
    relations = _relations(doc, s, builder, cards, stages, stage_columns_x, lane_rows)

    stage_columns = {
        stage.id: Rect(x, body_top, column_width, body_bottom - body_top) for stage, x in zip(stages, stage_columns_x)
    }
    grid_rect = Rect(grid_left, grid_top, grid_right - grid_left, body_bottom - grid_top)
    width = max(grid_right, title_rect.right) + s.margin
    height = body_bottom + s.margin
    return JourneyLayout(
        journey_id=journey_id,
        view=view,
        language=language,
        width=width,
        height=height,
        editable_placement=view in (ViewKind.MAP, ViewKind.BLUEPRINT),
        title_lines=title_lines + subtitle_lines,
        title_rect=title_rect,
        grid_rect=grid_rect,
        stage_ids=tuple(stage.id for stage in stages),
        lane_keys=tuple(row.key for row in rows),
        stage_columns=stage_columns,
        lane_rows=lane_rows,
        stage_headers=stage_headers,
        lane_headers=lane_headers,
        cells=cells,
        cards=cards,
        cell_cards=cell_cards,
        curves=curves,
        relations=relations,
        lines=lines_geom,
        chips=chips,
        settings=s,
        _column_edges=[*stage_columns_x, grid_right] if stages else [],
        _row_edges=[*row_tops, body_bottom] if rows else [],
    )


def _chip_blocks(
    doc: Document,
    s: LayoutSettings,
    measurer: TextMeasurer,
    kind: str,
    stages: list[Stage],
    all_cards: list[Card],
) -> dict[tuple[str, str], tuple[list[tuple[str, int, Rect, tuple[str, float]]], float]]:
    """Per stage, the channels (departments) its cards use, as chips flowed into the card width.

    Every card of the journey counts, in any lane, with its effective channel (department):
    its own, else its catalogue touchpoint's. Chips follow the catalogue order. Returns
    (stage id, kind) -> (chips relative to the block's top-left, block height).
    """
    attribute = "channel_id" if kind == "channel" else "department_id"
    entity_type: type[Channel] | type[Department] = Channel if kind == "channel" else Department
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for card in all_cards:
        entity_id = _effective(doc, card, attribute)
        if entity_id is not None:
            counts[card.stage_id][entity_id] += 1
    height = measurer.line_height(s.chip_size) + 2 * s.chip_padding
    text_room = s.card_width - 2 * s.chip_padding
    blocks = {}
    for stage in stages:
        used = counts.get(stage.id)
        if not used:
            continue
        entities = sorted((doc.get(i, entity_type) for i in used), key=lambda e: (e.order, e.name, e.id))
        chips = []
        x = y = 0.0
        for entity in entities:
            texts = measurer.wrap_measured(entity.name, text_room, s.chip_size, max_lines=1) or [("", 0.0)]
            width = texts[0][1] + 2 * s.chip_padding
            if x > 0 and x + width > s.card_width:
                x, y = 0.0, y + height + s.chip_gap
            chips.append((entity.id, used[entity.id], Rect(x, y, width, height), texts[0]))
            x += width + s.chip_gap
        blocks[(stage.id, kind)] = (chips, y + height)
    return blocks


def best_cell_columns(
    doc: Document,
    journey_id: str,
    aspect_ratio: float,
    view: ViewKind | str = ViewKind.MAP,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    measurer: TextMeasurer | None = None,
    max_columns: int = 6,
) -> int:
    """The `cell_columns` (1..max_columns) that prints largest on paper of `aspect_ratio` (width/height).

    For posters: a journey with many cards per cell is tall and narrow with one card column;
    more columns make it wider and lower. Scaled to fit a paper W x H, a layout w x h prints
    at min(W/w, H/h); this picks the count that maximises it. Ties go to fewer columns.
    """
    if not (isinstance(aspect_ratio, (int, float)) and math.isfinite(aspect_ratio) and aspect_ratio > 0):
        raise ValueError(f"The aspect ratio must be a positive number, not {aspect_ratio!r}.")
    best, best_scale = 1, 0.0
    for columns in range(1, max(1, max_columns) + 1):
        candidate = dataclasses.replace(settings, cell_columns=columns)
        layout = layout_journey(doc, journey_id, view, candidate, measurer)
        scale = min(aspect_ratio / layout.width, 1.0 / layout.height)  # paper of height 1
        if scale > best_scale * (1 + 1e-9):
            best, best_scale = columns, scale
    return best


def _curves(
    doc: Document,
    s: LayoutSettings,
    builder: _Builder,
    stages: list[Stage],
    lanes: list[Lane],
    all_cards: list[Card],
    stage_columns_x: list[float],
    curve_rows: list[tuple[_Row, float, float]],
    cells_left: float,
    grid_right: float,
) -> list[EmotionCurve]:
    if not curve_rows:
        return []
    m = builder.m
    stage_order = {stage.id: position for position, stage in enumerate(stages)}
    lane_order = {lane.id: position for position, lane in enumerate(lanes)}
    rated = sorted((c for c in all_cards if c.rating is not None), key=_journey_order_key(stage_order, lane_order))
    per_stage: dict[str, list[Card]] = defaultdict(list)
    for card in rated:
        per_stage[card.stage_id].append(card)
    inner = s.column_width - 2 * s.cell_padding
    curves = []
    for row, plot_top, plot_bottom in curve_rows:
        top_y = plot_top + s.curve_inset
        bottom_y = plot_bottom - s.curve_inset
        plot = Rect(cells_left, plot_top, grid_right - cells_left, plot_bottom - plot_top)
        points = []
        for stage, x0 in zip(stages, stage_columns_x):
            members = per_stage.get(stage.id, [])
            for position, card in enumerate(members):
                x = x0 + s.cell_padding + inner * (position + 0.5) / len(members)
                rating = cast(int, card.rating)
                y = bottom_y - (rating - 1) / 9 * (bottom_y - top_y)
                points.append(CurvePoint(card.id, stage.id, x, y, rating))
        neutral_y = bottom_y - (5.5 - 1) / 9 * (bottom_y - top_y)
        tick_lines = []
        right = cells_left - 4
        for value in (10, 1):
            text = str(value)
            width = m.width(text, s.curve_tick_size)
            y = top_y if value == 10 else bottom_y
            baseline = y + (m.ascent(s.curve_tick_size) - m.descent(s.curve_tick_size)) / 2
            tick_lines.append(TextLine(text, right - width, baseline, s.curve_tick_size, False, False, width))
        curves.append(
            EmotionCurve(row.key, plot, tuple(points), neutral_y, tuple(tick_lines), top_y=top_y, bottom_y=bottom_y)
        )
    return curves


def _relations(
    doc: Document,
    s: LayoutSettings,
    builder: _Builder,
    cards: dict[str, CardBox],
    stages: list[Stage],
    stage_columns_x: list[float],
    lane_rows: dict[str, Rect],
) -> list[RelationRoute]:
    found: dict[str, Relation] = {}
    for card_id in cards:
        for relation_id in doc.referrer_ids(card_id, "relation", "source_id"):
            relation = doc.get(relation_id, Relation)
            if relation.target_id in cards:
                found[relation_id] = relation
    if not found:
        return []
    # per stage column, the cards sorted by y (to see whether a straight vertical arrow is free)
    # the cards of each card column (a stage has cell_columns of them), keyed by their left x
    column_cards: dict[float, list[Rect]] = defaultdict(list)
    for box in cards.values():
        column_cards[box.rect.x].append(box.rect)
    cells_left = stage_columns_x[0] if stage_columns_x else 0.0
    column_index = {x: round((x - cells_left - s.cell_padding) / s.track_width) for x in column_cards}
    placer = _LabelPlacer(builder, s, column_cards, stage_columns_x, lane_rows)
    spreader = _Spreader(s.cell_padding, s.arrow_length)
    ends: dict[str, _CardEnds] = {}
    pad, arrow_length, arrow_width = s.cell_padding, s.arrow_length, s.arrow_width
    routes = []
    for relation_id in sorted(found):
        relation = found[relation_id]
        source = ends.get(relation.source_id)
        if source is None:
            source = ends[relation.source_id] = _card_ends(cards[relation.source_id], column_index)
        target = ends.get(relation.target_id)
        if target is None:
            target = ends[relation.target_id] = _card_ends(cards[relation.target_id], column_index)
        points = _route(pad, source, target, placer, lane_rows, spreader)
        tip, before = points[-1], points[-2]
        arrow = _arrow_head(before, tip, arrow_length, arrow_width)
        label_line = placer.place(relation.label, points) if relation.label.strip() else None
        route = object.__new__(RelationRoute)
        route.__dict__.update(
            id=relation.id, source_id=relation.source_id, target_id=relation.target_id, kind=relation.kind,
            label=relation.label, points=tuple(points), arrow=arrow, label_line=label_line,
        )
        routes.append(route)
    return routes


class _Spreader:
    """Gives parallel routes in one gutter or channel their own track, so arrows stay apart.

    Tracks stay inside the free strip (within `cell_padding` of the boundary) and never move an
    arrow's last segment closer than `cell_padding` to the card it enters.
    """

    INTO_RIGHT = (-0.1, -0.4, -0.7)  # the arrow enters a card to the right: tracks move left
    INTO_LEFT = (0.1, 0.4, 0.7)  # it enters a card to the left: tracks move right
    FREE = (0.25, -0.25, 0.55, -0.55)
    CHANNEL = (0.0, -0.25, 0.25)

    def __init__(self, pad: float, arrow_length: float) -> None:
        # same-column detours run in the column's right gutter, which may be the grid's edge:
        # their tracks move left, but keep the arrow's room
        spare = (pad - arrow_length) / pad if pad > 0 else 0.0
        same_column = (0.0, -spare / 2, -spare)
        self.offsets = {
            kind: tuple(share * pad for share in shares)
            for kind, shares in (
                ("into_right", self.INTO_RIGHT), ("into_left", self.INTO_LEFT), ("free", self.FREE),
                ("channel", self.CHANNEL), ("same_column", same_column),
            )
        }
        self.used: dict[tuple[str, float], int] = {}

    def track(self, kind: str, at: float) -> float:
        """The next track near `at` (a gutter's x or a channel's y) for routes of `kind`."""
        key = (kind, at)
        count = self.used.get(key, 0)
        self.used[key] = count + 1
        offsets = self.offsets[kind]
        return at + offsets[count % len(offsets)]


class _CardEnds(NamedTuple):
    """What routing needs of a card, computed once per card rather than once per arrow end."""

    x: float
    y: float
    right: float
    bottom: float
    center_x: float
    center_y: float
    column: int  # index of the card column (column_index)
    rect: Rect
    lane_key: str


def _card_ends(box: CardBox, column_index: dict[float, int]) -> _CardEnds:
    x, y, width, height = rect = box.rect
    # the same expressions as Rect.right, Rect.bottom and Rect.center: the same floats
    return _CardEnds(x, y, x + width, y + height, x + width / 2, y + height / 2, column_index[x], rect, box.lane_key)


def _route(
    pad: float,
    a: _CardEnds,
    b: _CardEnds,
    placer: _LabelPlacer,
    lane_rows: dict[str, Rect],
    spreader: _Spreader,
) -> list[Point]:
    """An orthogonal path from the source's border to the target's border that passes no other card.

    Cards keep `cell_padding` away from their cell's edges, so the strips along column
    boundaries (gutters) and along the top and bottom of every row (channels) are free:
    same card column -> straight down/up if no card is between them, else out right, along the
    gutter, back in from the right; neighbouring columns -> out the facing side, along the
    gutter between them, into the facing side; columns further apart -> out the facing side,
    along the source column's gutter to a channel of the source's row, across, down the
    target column's gutter and in. Parallel routes get separate tracks (see _Spreader).
    """
    acx, acy, bcx, bcy = a.center_x, a.center_y, b.center_x, b.center_y
    if a.x == b.x:  # one card column
        upper, lower = (a.rect, b.rect) if a.y < b.y else (b.rect, a.rect)
        if not placer.card_between(upper, lower):
            if b.y >= a.bottom:
                return [(acx, a.bottom), (bcx, b.y)]
            return [(acx, a.y), (bcx, b.bottom)]
        gutter = spreader.track("same_column", a.right + pad)
        return [(a.right, acy), (gutter, acy), (gutter, bcy), (b.right, bcy)]
    forward = b.x > a.x
    start_x, end_x = (a.right, b.x) if forward else (a.x, b.right)
    target_gutter = spreader.track("into_right", b.x - pad) if forward else spreader.track("into_left", b.right + pad)
    if abs(a.column - b.column) == 1:
        if abs(acy - bcy) < 1e-9:
            return [(start_x, acy), (end_x, bcy)]
        return [(start_x, acy), (target_gutter, acy), (target_gutter, bcy), (end_x, bcy)]
    source_gutter = spreader.track("free", a.right + pad if forward else a.x - pad)
    row = lane_rows[a.lane_key]
    channel = spreader.track("channel", row.y + pad / 2 if bcy < row.y else row.bottom - pad / 2)
    return [
        (start_x, acy), (source_gutter, acy), (source_gutter, channel), (target_gutter, channel),
        (target_gutter, bcy), (end_x, bcy),
    ]


def _arrow_head(before: Point, tip: Point, length: float, width: float) -> tuple[Point, Point, Point]:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / norm, dy / norm
    base_x, base_y = tip[0] - ux * length, tip[1] - uy * length
    half = width / 2
    return (tip, (base_x - uy * half, base_y + ux * half), (base_x + uy * half, base_y - ux * half))


class _LabelPlacer:
    """Puts relation labels where they cover no card: on the route's longest segment if that is free,
    else in the nearest free strip along the top or bottom edge of a row (cards keep
    `cell_padding` away from those edges, so the strips are empty across the whole grid).
    Labels may still overlap each other or a route.
    """

    def __init__(
        self,
        builder: _Builder,
        s: LayoutSettings,
        column_cards: dict[float, list[Rect]],
        stage_columns_x: list[float],
        lane_rows: dict[str, Rect],
    ) -> None:
        self.m = builder.m
        self.s = s
        # the label must fit into a strip of cell_padding height
        self.size = min(s.relation_label_size, s.cell_padding / self.m.line_height(1.0))
        self.line_height = self.m.line_height(self.size)
        self.ascent = self.m.ascent(self.size)
        self.cells_left = stage_columns_x[0] if stage_columns_x else 0.0
        self.cells_right = stage_columns_x[-1] + s.column_width if stage_columns_x else 0.0
        # per column, card rectangles sorted by y (they never overlap within a column)
        self.columns: list[list[Rect]] = [sorted(rects, key=lambda r: r.y) for rects in column_cards.values()]
        self.columns.sort(key=lambda rects: rects[0].x)
        self.column_x = [rects[0].x for rects in self.columns]
        self.column_tops = [[r.y for r in rects] for rects in self.columns]
        strips = []
        for row in lane_rows.values():
            strips.append(row.y + (s.cell_padding - self.line_height) / 2)
            strips.append(row.bottom - s.cell_padding + (s.cell_padding - self.line_height) / 2)
        self.strip_tops = sorted(strips)
        self.texts: dict[str, tuple[str, float]] = {}  # label -> its one line and width
        rows = list(lane_rows.values())
        self.body_top = min((row.y for row in rows), default=0.0)
        self.body_bottom = max((row.bottom for row in rows), default=0.0)

    def card_between(self, upper: Rect, lower: Rect) -> bool:
        """True if another card of the same column lies between two cards of that column."""
        column = bisect_right(self.column_x, upper.x) - 1
        tops = self.column_tops[column]
        return bisect_right(tops, lower.y - 1e-9) - bisect_right(tops, upper.y) > 0

    def covers_card(self, box: Rect) -> bool:
        x, y, width, height = box
        right, bottom = x + width, y + height
        column_x = self.column_x
        # column_x holds the left edge of each column's cards, which all share one width
        first = bisect_right(column_x, x - self.s.card_width)
        for column in range(first, len(column_x)):
            if column_x[column] >= right:
                break
            rects, tops = self.columns[column], self.column_tops[column]
            index = max(bisect_right(tops, y) - 1, 0)
            while index < len(rects) and rects[index].y < bottom:
                if rects[index].intersects(box):
                    return True
                index += 1
        return False

    def place(self, text: str, points: list[Point]) -> TextLine | None:
        measured = self.texts.get(text)
        if measured is None:
            texts = self.m.wrap_measured(text, self.s.relation_label_width, self.size, max_lines=1)
            measured = self.texts[text] = texts[0] if texts else ("", 0.0)
        text, width = measured
        if not text:
            return None
        longest, length = 0, -1.0
        for index in range(len(points) - 1):
            (ax, ay), (bx, by) = points[index], points[index + 1]
            this = abs(bx - ax) + abs(by - ay)
            if this > length:
                longest, length = index, this
        (x0, y0), (x1, y1) = points[longest], points[longest + 1]
        mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
        x = min(max(mid_x - width / 2, self.cells_left), max(self.cells_right - width, self.cells_left))
        top = min(max(mid_y - self.line_height / 2, self.body_top), self.body_bottom - self.line_height)
        if self.strip_tops and self.covers_card(Rect(x, top, width, self.line_height)):
            wanted = mid_y - self.line_height / 2
            index = bisect_right(self.strip_tops, wanted)
            nearby = self.strip_tops[max(index - 1, 0) : index + 1]
            top = min(nearby, key=lambda t: (abs(t - wanted), t))
        return TextLine(text, x, top + self.ascent, self.size, False, False, width)
