"""`JourneyLayout`, the laid-out journey, and every question asked of it by position (hit testing).

The cell, card, header, curve point or arrow under a point, where a dropped card goes, which
cards a rectangle meets.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from cxstudio.layout.actions import ActionBadge, ActionLane
from cxstudio.layout.boxes import BlueprintLineGeom, CardBox, ChipBox, EmotionCurve, HeaderBox, RelationRoute
from cxstudio.layout.geometry import Point, Rect, TextLine
from cxstudio.layout.persona import PersonaBand
from cxstudio.layout.routing import SegmentIndex, route_segments
from cxstudio.layout.settings import DEFAULT_SETTINGS, LayoutSettings, ViewKind

RELATION_HIT = 4.0  # points: how close to an arrow a click selects it
CURVE_HIT = 8.0  # points: how close to a point of an emotion curve a click selects its card


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
    persona_band: PersonaBand | None = None  # above the grid (settings.persona_band), layout/persona.py
    action_badges: dict[str, ActionBadge] = field(default_factory=dict)  # per card id, layout/actions.py
    actions_lane: ActionLane | None = None  # below the last lane, inside grid_rect (settings.actions_lane)
    _column_edges: list[float] = field(default_factory=list, repr=False)
    _row_edges: list[float] = field(default_factory=list, repr=False)
    # the arrows' segments and the route of each, indexed when a click first asks (not part of the layout's value)
    _relation_index: tuple[SegmentIndex, list[int]] | None = field(default=None, repr=False, compare=False)

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

    def is_curve_lane(self, lane_key: str) -> bool:
        """Whether the lane of `lane_key` holds an emotion curve."""
        return any(curve.lane_key == lane_key for curve in self.curves)

    def curve_point_at(self, x: float, y: float, tolerance: float = CURVE_HIT) -> str | None:
        """The card whose point on an emotion curve is within `tolerance` of (x, y): clicking a point selects its card."""
        for curve in self.curves:
            if not curve.rect.inset(-tolerance, -tolerance).contains(x, y):
                continue
            for point in curve.points:
                if (point.x - x) ** 2 + (point.y - y) ** 2 <= tolerance ** 2:
                    return point.card_id
        return None

    def header_at(self, x: float, y: float) -> HeaderBox | None:
        """The stage header or lane header under a point, or None."""
        if not self.stage_headers or not self.lane_headers:
            return None
        top = self.stage_headers[0].rect
        if top.y <= y <= top.bottom:
            for header in self.stage_headers:
                if header.rect.contains(x, y):
                    return header
        left = self.lane_headers[0].rect
        if left.x <= x <= left.right:
            for header in self.lane_headers:
                if header.rect.contains(x, y):
                    return header
        return None

    def relation_at(self, x: float, y: float, tolerance: float = RELATION_HIT) -> str | None:
        """The relation whose arrow passes within `tolerance` of (x, y) (the nearest), or None."""
        index = self._relation_index
        if index is None:
            segments, owners = route_segments(self.relations)
            index = self._relation_index = (SegmentIndex(segments), owners)
        found = index[0].nearest(x, y, tolerance)
        return self.relations[index[1][found]].id if found is not None else None

    def drop_target(self, x: float, y: float) -> tuple[str, str, int] | None:
        """(stage id, lane key, index) where cards dropped at (x, y) go, or None outside the cells and in the curve
        lanes of a derived view (cards can be placed there only where lanes are the journey's own)."""
        cell = self.cell_at(x, y)
        if cell is None:
            return None
        stage_id, lane_key = cell
        if not self.editable_placement and self.is_curve_lane(lane_key):
            return None
        return stage_id, lane_key, self.insertion_index(stage_id, lane_key, y)

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

