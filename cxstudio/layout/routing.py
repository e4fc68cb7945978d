"""Arrows between cards: orthogonal routes that pass no card, arrow heads, label placement, the arrows' segment index.

The segment index (`SegmentIndex`) finds the segment under a point or the segments in a
rectangle: hit testing in the layout, drawing in the canvas's arrow layer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from cxstudio.layout.boxes import CardBox, RelationRoute
from cxstudio.layout.geometry import Point, Rect, TextLine
from cxstudio.layout.settings import LayoutSettings
from cxstudio.model.document import Document
from cxstudio.model.entities import Relation

if TYPE_CHECKING:
    from cxstudio.layout.content import Builder

Segment = tuple[float, float, float, float]  # x0, y0, x1, y1
SEGMENT_GRID = 96.0  # points: width of the buckets of a SegmentIndex


def relation_routes(
    doc: Document,
    s: LayoutSettings,
    builder: Builder,
    cards: dict[str, CardBox],
    stage_columns_x: list[float],
    lane_rows: dict[str, Rect],
) -> list[RelationRoute]:
    """The arrows of the relations between cards that are both shown, in relation id order."""
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
        arrow = arrow_head(before, tip, arrow_length, arrow_width)
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


def arrow_head(before: Point, tip: Point, length: float, width: float) -> tuple[Point, Point, Point]:
    """The triangle of an arrow ending at `tip` coming from `before`: the tip, then the two base corners."""
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
        builder: Builder,
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


def _union(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping or touching intervals merged, in order."""
    spans.sort()
    merged: list[tuple[float, float]] = []
    for low, high in spans:
        if merged and low <= merged[-1][1]:
            if high > merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged


def merged_segments(routes: Iterable[RelationRoute]) -> list[Segment]:
    """The routes' segments with collinear overlaps merged: what the solid arrows cover, each point once.

    Parallel routes share gutter and channel tracks, so on L the 2,300 solid segments cover
    the same lines several times over; merged they are 740 segments with a sixth of the length,
    which is what a repaint pays for. Slanted segments (none today) are kept as they are.
    """
    vertical: defaultdict[float, list[tuple[float, float]]] = defaultdict(list)
    horizontal: defaultdict[float, list[tuple[float, float]]] = defaultdict(list)
    segments: list[Segment] = []
    for route in routes:
        points = route.points
        x0, y0 = points[0]
        for x1, y1 in points[1:]:
            if x0 == x1:
                vertical[x0].append((y0, y1) if y0 <= y1 else (y1, y0))
            elif y0 == y1:
                horizontal[y0].append((x0, x1) if x0 <= x1 else (x1, x0))
            else:
                segments.append((x0, y0, x1, y1))
            x0, y0 = x1, y1
    for x, spans in vertical.items():
        segments.extend([(x, low, x, high) for low, high in _union(spans)])
    for y, spans in horizontal.items():
        segments.extend([(low, y, high, y) for low, high in _union(spans)])
    return segments


def route_segments(routes: Iterable[RelationRoute]) -> tuple[list[Segment], list[int]]:
    """Every segment of the routes, and per segment the index of its route."""
    segments: list[Segment] = []
    owners: list[int] = []
    for index, route in enumerate(routes):
        points = route.points
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            segments.append((x0, y0, x1, y1))
            owners.append(index)
    return segments, owners


def distance_to_segment(x: float, y: float, x0: float, y0: float, x1: float, y1: float) -> float:
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    share = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
    px, py = x0 + share * dx, y0 + share * dy
    return float(((x - px) ** 2 + (y - py) ** 2) ** 0.5)


class SegmentIndex:
    """Line segments bucketed for two questions: which segment passes near a point, which meet a rectangle.

    Arrows are orthogonal: a vertical segment goes into the bucket of its x, a horizontal one into
    the bucket of its y (each into exactly one); slanted ones are always checked. Used by the
    layout's `relation_at` (route segments) and by the canvas's arrow layer (merged segments).
    """

    __slots__ = ("segments", "_columns", "_rows", "_other", "_bounds")

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments
        columns: dict[int, list[int]] = {}
        rows: dict[int, list[int]] = {}
        other: list[int] = []
        grid = SEGMENT_GRID
        left = top = float("inf")
        right = bottom = float("-inf")
        for index, (x0, y0, x1, y1) in enumerate(segments):
            if x0 == x1:
                columns.setdefault(int(x0 // grid), []).append(index)
            elif y0 == y1:
                rows.setdefault(int(y0 // grid), []).append(index)
            else:
                other.append(index)
            left, right = min(left, x0, x1), max(right, x0, x1)
            top, bottom = min(top, y0, y1), max(bottom, y0, y1)
        self._columns, self._rows, self._other = columns, rows, other
        self._bounds = (left, top, right, bottom)

    def __len__(self) -> int:
        return len(self.segments)

    def in_rect(self, left: float, top: float, right: float, bottom: float) -> list[int]:
        """Indices of the segments that meet the rectangle (borders included)."""
        segments = self.segments
        b_left, b_top, b_right, b_bottom = self._bounds
        if left <= b_left and top <= b_top and right >= b_right and bottom >= b_bottom:
            return list(range(len(segments)))
        grid = SEGMENT_GRID
        found: list[int] = []
        columns, rows = self._columns, self._rows
        for key in range(int(left // grid), int(right // grid) + 1):
            for index in columns.get(key, ()):
                x0, y0, _x1, y1 = segments[index]
                if left <= x0 <= right and (y0 if y0 <= y1 else y1) <= bottom and (y1 if y0 <= y1 else y0) >= top:
                    found.append(index)
        for key in range(int(top // grid), int(bottom // grid) + 1):
            for index in rows.get(key, ()):
                x0, y0, x1, _y1 = segments[index]
                if top <= y0 <= bottom and (x0 if x0 <= x1 else x1) <= right and (x1 if x0 <= x1 else x0) >= left:
                    found.append(index)
        for index in self._other:
            x0, y0, x1, y1 = segments[index]
            if min(x0, x1) <= right and max(x0, x1) >= left and min(y0, y1) <= bottom and max(y0, y1) >= top:
                found.append(index)
        return found

    def nearest(self, x: float, y: float, tolerance: float) -> int | None:
        """The index of the segment nearest to (x, y) within `tolerance`, or None."""
        grid = SEGMENT_GRID
        segments = self.segments
        vertical: list[int] = []
        for key in range(int((x - tolerance) // grid), int((x + tolerance) // grid) + 1):
            vertical.extend(self._columns.get(key, ()))
        horizontal: list[int] = []
        for key in range(int((y - tolerance) // grid), int((y + tolerance) // grid) + 1):
            horizontal.extend(self._rows.get(key, ()))
        # on equal distances: vertical segments first, then horizontal ones, each in the order given
        candidates = [*sorted(vertical), *sorted(horizontal), *self._other]
        best: tuple[float, int] | None = None
        for index in candidates:
            x0, y0, x1, y1 = segments[index]
            if not (min(x0, x1) - tolerance <= x <= max(x0, x1) + tolerance
                    and min(y0, y1) - tolerance <= y <= max(y0, y1) + tolerance):
                continue
            distance = distance_to_segment(x, y, x0, y0, x1, y1)
            if distance <= tolerance and (best is None or distance < best[0]):
                best = (distance, index)
        return best[1] if best is not None else None
