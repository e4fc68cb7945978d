"""Cuts a journey map into the report's detail pages: stage groups x vertical bands, split between cards.

A map too big for one page at the report's minimum text size is printed in panels. A panel is a range of
stages (a stage group) and a vertical band of its rows; the band may end inside a lane, between two cards
(each stage column ends at its own last whole card, so the edge is ragged and no card is ever cut), and
the next panel of the group goes on from there. Every panel repeats the stage headers on top and the lane
headers on the left; a lane continued from the previous panel shows its name again with "(continued)".
Narrow panels (a lone last stage) stand side by side on one page. The stage groups are chosen to need the
fewest pages; cuts fall on lane boundaries where that costs little room.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass

from cxstudio.export.draw import MAP_PAD, LayoutPainter, map_region
from cxstudio.export.pdf_ops import TextBatch
from cxstudio.layout import MUTED_INK, JourneyLayout
from cxstudio.layout.fonts import default_measurer
from cxstudio.layout.geometry import Rect, TextLine

EPS = 1e-6
CUT_MARGIN = 4.0  # layout points kept between a ragged cut and the next card
LANE_CUT_SLACKS = (0.3, 0.15, 0.0)  # a cut falls on a lane boundary when that leaves at most this share of the
# band empty: the largest share that needs no more bands than the smaller ones
PANEL_GAP = 14.0  # layout points between panels standing side by side
MAX_GROUP_STAGES = 40  # stage groups wider than this many stages are never tried (a page holds far fewer)
_CONTINUED = {"de": "(Fortsetzung)", "en": "(continued)"}


Piece = tuple[Rect, float]  # a part of the layout and how far below the panel's top it is drawn (layout points)


@dataclass(frozen=True, slots=True)
class Panel:
    """One stage group's band: cells [x0, x1) of the layout from `top` to `bottom`, drawn as `pieces` under the
    repeated stage headers and beside `lanes` (the lane header column's parts); blank lane ends are left out,
    so the band is `band` tall."""

    x0: float
    x1: float
    top: float
    bottom: float
    band: float
    pieces: tuple[Piece, ...]
    lanes: tuple[Piece, ...]
    keep_x: float  # the lane header column repeated on the left (0: the whole map, no repeats)
    keep_y: float  # the stage header row repeated on top
    continued: tuple[tuple[int, float], ...] = ()  # (lane header index, room) of lanes the panel before began

    @property
    def width(self) -> float:
        return self.keep_x + self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.keep_y + self.band


@dataclass(frozen=True, slots=True)
class DetailPage:
    """The panels printed on one detail page, left to right, at `scale` (page points per layout point)."""

    panels: tuple[Panel, ...]
    scale: float

    @property
    def width(self) -> float:
        return (sum(p.width for p in self.panels) + PANEL_GAP * (len(self.panels) - 1)) * self.scale

    @property
    def height(self) -> float:
        return max(p.height for p in self.panels) * self.scale


# ---------------------------------------------------------------------- what must not be cut
class _Columns:
    """The stage columns of a layout with, per column, the merged spans (top, bottom) no cut may cross."""

    def __init__(self, layout: JourneyLayout) -> None:
        self.rects = [layout.stage_columns[stage_id] for stage_id in layout.stage_ids]
        index = {stage_id: i for i, stage_id in enumerate(layout.stage_ids)}
        lefts = [r.x for r in self.rects]
        spans: list[list[tuple[float, float]]] = [[] for _ in self.rects]

        def add(rect: Rect) -> None:  # a drawn thing in whatever columns it overlaps
            first = max(0, bisect_right(lefts, rect.x) - 1)
            for i in range(first, len(self.rects)):
                column = self.rects[i]
                if column.x >= rect.right:
                    break
                if column.right > rect.x:
                    spans[i].append((rect.y, rect.bottom))

        for (stage_id, _lane), card_ids in layout.cell_cards.items():
            column = spans[index[stage_id]] if stage_id in index else None
            for card_id in card_ids:
                box = layout.cards[card_id]
                top, bottom = box.rect.y, box.rect.bottom
                for extra in (*(m.rect for m in box.markers), *(b.rect for b in box.badges)):
                    top, bottom = min(top, extra.y), max(bottom, extra.bottom)
                badge = layout.action_badges.get(card_id)
                if badge is not None:
                    top, bottom = min(top, badge.rect.y), max(bottom, badge.rect.bottom)
                if column is not None:
                    column.append((top - 1.0, bottom + 1.0))  # outlines and shadows reach past the rect
        for chip in layout.chips:
            add(chip.rect)
        for route in layout.relations:
            line = route.label_line
            if line is not None:
                add(Rect(line.x - 2, line.baseline - line.size, line.width + 4, line.size * 1.3))
        for geom in layout.lines:
            line = geom.label_line
            add(Rect(line.x, line.baseline - line.size, max(line.width, 1.0), line.size * 1.3))
        rows = {key: layout.lane_rows[key] for key in layout.lane_keys}
        for curve in layout.curves:  # an emotion curve runs across its whole row: never cut
            row = rows.get(curve.lane_key, curve.rect)
            for column_spans in spans:
                column_spans.append((row.y, row.bottom))
        lane = layout.actions_lane
        if lane is not None:
            for note in lane.notes:
                add(note.rect)
        self.spans = [_merged(s) for s in spans]
        self.tops = [[a for a, _b in s] for s in self.spans]
        self.tallest = max((b - a for s in self.spans for a, b in s), default=0.0)
        self.rows = list(rows.values())
        self.edges = sorted({r.y for r in self.rows} | {r.bottom for r in self.rows})
        # per row, the lowest thing drawn in it outside the stage columns: its header's text, line labels
        headers = {header.id: header for header in layout.lane_headers}
        self.header_index = {header.id: i for i, header in enumerate(layout.lane_headers)}
        self.row_keys = list(rows)
        self.floor = []  # the bottom of the lane header's text
        self.tail = []  # the top of what sits at the lane's foot: a blueprint line's label above the line
        for key, row in rows.items():
            lines = [line for line in headers[key].lines if line.text] if key in headers else []
            self.floor.append(max((line.baseline + 0.3 * line.size for line in lines), default=row.y))
            tail = row.bottom
            for geom in layout.lines:
                line = geom.label_line
                if row.y <= line.baseline < row.bottom + EPS:
                    tail = min(tail, line.baseline - line.size - 2.0)
            self.tail.append(tail)
        self.padding = layout.settings.cell_padding

    def cut(self, column: int, start: float, limit: float, bottom: float) -> float:
        """The lowest place in (start, limit] of `column` where a cut crosses nothing; `start` if there is none."""
        spans, tops = self.spans[column], self.tops[column]
        i = bisect_right(tops, limit) - 1  # the last span starting at or above the limit
        if i >= 0 and spans[i][1] > limit:  # the limit falls inside a span: cut above it
            gap_top = spans[i - 1][1] if i > 0 else -math.inf
            y = min(spans[i][0], max(gap_top, spans[i][0] - CUT_MARGIN))
        else:  # the limit falls into a gap: cut there, or just above the next span
            nxt = spans[i + 1][0] if i + 1 < len(spans) else bottom
            gap_top = spans[i][1] if i >= 0 else -math.inf
            y = min(limit, max(gap_top, nxt - CUT_MARGIN))
        # a lane boundary in the same gap is the better place
        k = bisect_right(self.edges, y + EPS) - 1
        if k >= 0 and self.edges[k] >= gap_top - EPS and self.edges[k] > start + EPS:
            y = self.edges[k]
        return y if y > start + EPS else start

    def valid(self, column: int, y: float) -> bool:
        spans, tops = self.spans[column], self.tops[column]
        i = bisect_right(tops, y - EPS) - 1
        return i < 0 or spans[i][1] <= y + EPS

    def forced(self, column: int, start: float, bottom: float) -> float:
        """Past the first span below `start` (when nothing fits a page: never at the chosen scale)."""
        spans, tops = self.spans[column], self.tops[column]
        i = bisect_right(tops, start + EPS)
        if i > 0 and spans[i - 1][1] > start + EPS:
            return min(bottom, spans[i - 1][1])
        return min(bottom, spans[i][1]) if i < len(spans) else bottom


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    spans.sort()
    merged: list[tuple[float, float]] = []
    for top, bottom in spans:
        if merged and top < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
        else:
            merged.append((top, bottom))
    return merged


# ---------------------------------------------------------------------- one stage group
class _Group:
    """Stage columns first..last: where their lanes end blank (left out of the print) and the height in print
    (`v`) of a layout height with those blank ends taken out."""

    def __init__(self, columns: _Columns, first: int, last: int) -> None:
        self.columns, self.first, self.last = columns, first, last
        holes: list[tuple[float, float]] = []
        for row, floor, tail in zip(columns.rows, columns.floor, columns.tail):
            low = floor
            for c in range(first, last + 1):
                spans, tops = columns.spans[c], columns.tops[c]
                i = bisect_right(tops, tail - EPS) - 1
                if i >= 0 and spans[i][1] > row.y:
                    low = max(low, spans[i][1])
            end = low + columns.padding
            if end < tail - 1.0:
                holes.append((end, tail))
        self.holes = holes
        self.hole_tops = [a for a, _b in holes]
        self.removed = [0.0]  # removed[k]: the length of the first k holes
        for a, b in holes:
            self.removed.append(self.removed[-1] + b - a)
        self.edges = sorted(set(columns.edges) | set(self.hole_tops))

    def v(self, y: float) -> float:
        k = bisect_right(self.hole_tops, y)  # holes starting at or above y
        if k and y < self.holes[k - 1][1]:  # inside a hole: at its top
            return self.holes[k - 1][0] - self.removed[k - 1]
        return y - self.removed[k]

    def u(self, height: float) -> float:
        """The lowest layout y printed at most `height` down (a hole's top rather than its bottom)."""
        lo, hi = 0, len(self.holes)
        while lo < hi:  # the first hole whose top prints below `height`
            mid = (lo + hi) // 2
            if self.holes[mid][0] - self.removed[mid] <= height + EPS:
                lo = mid + 1
            else:
                hi = mid
        y = height + self.removed[lo]
        if lo and y < self.holes[lo - 1][1]:
            y = self.holes[lo - 1][1] if height > self.holes[lo - 1][0] - self.removed[lo - 1] + EPS else y
        return y

    def split(self, rect: Rect, top: float) -> list[Piece]:
        """`rect` without the holes, each part with how far below `top` it prints."""
        parts: list[Piece] = []
        y = rect.y
        k = bisect_right(self.hole_tops, y)
        if k and y < self.holes[k - 1][1]:
            y = self.holes[k - 1][1]
        while y < rect.bottom - EPS:
            end = self.holes[k][0] if k < len(self.holes) else rect.bottom
            end = min(end, rect.bottom)
            if end > y + EPS:
                parts.append((Rect(rect.x, y, rect.width, end - y), self.v(y) - self.v(top)))
            if k >= len(self.holes):
                break
            y = self.holes[k][1]
            k += 1
        return parts

    def skip_blank(self, column: int, y: float, bottom: float) -> float:
        """The next lane boundary (or blank lane end) below `y` when nothing of `column` lies between, else `y`."""
        edges = self.edges
        k = bisect_right(edges, y + EPS)
        edge = edges[k] if k < len(edges) else bottom
        spans, tops = self.columns.spans[column], self.columns.tops[column]
        i = bisect_right(tops, y - EPS)
        if i < len(spans) and spans[i][0] < edge - EPS:
            return y
        if i > 0 and spans[i - 1][1] > y + EPS:  # inside a span (a forced cut)
            return y
        return min(edge, bottom)

    def bands(self, top: float, bottom: float, room: float) -> list[list[tuple[float, float]]]:
        """The fewest bands of the group, cutting at lane boundaries as often as that costs no extra band."""
        found: list[list[tuple[float, float]]] | None = None
        for slack in LANE_CUT_SLACKS:
            bands = self._bands(top, bottom, room, slack)
            if found is None or len(bands) < len(found):
                found = bands
        assert found is not None
        return found

    def _bands(self, top: float, bottom: float, room: float, slack: float) -> list[list[tuple[float, float]]]:
        """The bands of the group, each (start, end) per column, at most `room` tall in print."""
        columns, first = self.columns, self.first
        count = self.last - first + 1
        starts = [top] * count
        bands: list[list[tuple[float, float]]] = []
        end_v = self.v(bottom)
        while min(starts) < bottom - EPS:
            band_top = min(starts)
            room_end = self.v(band_top) + room
            limit = self.u(room_end)
            ends: list[float] = []
            if end_v <= room_end + EPS:
                ends = [bottom] * count
            else:
                # a lane boundary no column crosses, if it leaves little room empty
                k = bisect_right(self.edges, limit + EPS) - 1
                while k >= 0 and self.v(self.edges[k]) >= room_end - slack * room:
                    edge = self.edges[k]
                    if edge > band_top + EPS and all(s >= edge - EPS or columns.valid(first + i, edge)
                                                    for i, s in enumerate(starts)):
                        ends = [max(edge, s) for s in starts]
                        break
                    k -= 1
                if not ends:
                    ends = [columns.cut(first + i, s, limit, bottom) for i, s in enumerate(starts)]
                if all(e <= s + EPS for e, s in zip(ends, starts)):  # nothing fits: the highest column's next span
                    i = starts.index(band_top)
                    ends[i] = columns.forced(first + i, band_top, bottom)
            bands.append(list(zip(starts, ends)))
            # a column whose lane holds nothing more goes on at the next lane: its blank rest is not printed
            starts = [self.skip_blank(first + i, e, bottom) for i, e in enumerate(ends)]
        return bands

    def panel(self, layout: JourneyLayout, band: list[tuple[float, float]], keep_x: float, keep_y: float,
              region: Rect, final: bool) -> Panel:
        columns = self.columns
        x0 = columns.rects[self.first].x
        x1 = region.right if self.last == len(columns.rects) - 1 else columns.rects[self.last].right
        top = min(s for s, _e in band)
        end = max((e for s, e in band if e > s + EPS), default=top)  # columns already done print nothing
        bottom = region.bottom if final else end
        pieces: list[Piece] = []
        run = 0
        for i in range(1, len(band) + 1):
            if i == len(band) or band[i] != band[run]:
                start, stop = band[run]
                if final and stop >= end - EPS:  # the white (and relation labels) below the last row
                    stop = region.bottom
                if stop > start + EPS:
                    left = columns.rects[self.first + run].x
                    right = x1 if i == len(band) else columns.rects[self.first + i].x
                    pieces += self.split(Rect(left, start, right - left, stop - start), top)
                run = i
        lanes = self.split(Rect(region.x, top, keep_x, bottom - top), top)
        continued: list[tuple[int, float]] = []
        for key, row in zip(columns.row_keys, columns.rows):
            index = columns.header_index.get(key)
            if index is None or not row.y + 0.5 < top < row.bottom - EPS:
                continue
            lines = [line for line in layout.lane_headers[index].lines if line.text]
            if lines and min(line.baseline - line.size for line in lines) < top - 0.5:
                room = self.v(min(row.bottom, bottom)) - self.v(top)
                if room > EPS:
                    continued.append((index, room))
        band_height = self.v(bottom) - self.v(top)
        return Panel(x0, x1, top, bottom, band_height, tuple(pieces), tuple(lanes), keep_x, keep_y, tuple(continued))


def _per_page(panel_width: float, width: float) -> int:
    return max(1, int((width + PANEL_GAP + EPS) // (panel_width + PANEL_GAP)))


# ---------------------------------------------------------------------- the pages
def detail_pages(layout: JourneyLayout, width: float, height: float, min_body_pt: float) -> list[DetailPage]:
    """The detail pages of a map on pages with `width` x `height` points of room, its body text at least
    `min_body_pt` (other text in proportion): the whole map on one page where it fits so, else panels."""
    region = map_region(layout)
    body = layout.settings.card_text_size
    fit = min(width / region.width, height / region.height)
    if fit * body >= min_body_pt - 1e-9 or not layout.stage_ids or not layout.lane_keys:
        whole = Panel(region.x, region.right, region.y, region.bottom, region.height, ((region, 0.0),), (),
                      0.0, 0.0)
        return [DetailPage((whole,), fit)]
    rows = [layout.lane_rows[key] for key in layout.lane_keys]
    keep_x = layout.grid_rect.x + layout.settings.lane_header_width - region.x
    keep_y = rows[0].y - region.y
    columns = _Columns(layout)
    scale = max(fit, min_body_pt / body)
    # one stage column and the tallest thing that cannot be cut must fit a page at the scale
    scale = min(scale, width / (keep_x + columns.rects[0].width + MAP_PAD),
                height / (keep_y + columns.tallest + 2 * CUT_MARGIN + MAP_PAD))
    room_w = width / scale - keep_x - MAP_PAD
    room_h = height / scale - keep_y - MAP_PAD
    top = rows[0].y
    bottom = rows[-1].bottom
    if layout.actions_lane is not None:
        bottom = max(bottom, layout.actions_lane.rect.bottom)
    count = len(columns.rects)
    # the fewest pages over every split of the stages into consecutive groups (dynamic programming)
    best: list[tuple[int, int]] = [(0, 0)] + [(10**9, 0)] * count  # (pages, groups) of the first n stages
    choice: list[tuple[_Group | None, list[list[tuple[float, float]]], int]] = [(None, [], 1)] * (count + 1)
    for first in range(count):
        if best[first][0] >= 10**9:
            continue
        for last in range(first, min(count, first + MAX_GROUP_STAGES)):
            group_width = columns.rects[last].right - columns.rects[first].x
            if group_width > room_w + EPS and last > first:
                break
            group = _Group(columns, first, last)
            bands = group.bands(top, bottom, room_h)
            per_page = _per_page(keep_x + group_width + (MAP_PAD if last == count - 1 else 0.0), width / scale)
            per_page = min(per_page, len(bands))
            candidate = (best[first][0] + math.ceil(len(bands) / per_page), best[first][1] + 1)
            if candidate < best[last + 1]:
                best[last + 1] = candidate
                choice[last + 1] = (group, bands, per_page)
    chosen: list[tuple[_Group, list[list[tuple[float, float]]], int]] = []
    end = count
    while end > 0:
        group, bands, per_page = choice[end]
        assert group is not None
        chosen.append((group, bands, per_page))
        end = group.first
    pages: list[tuple[Panel, ...]] = []
    for group, bands, per_page in reversed(chosen):
        panels = [group.panel(layout, band, keep_x, keep_y, region, n == len(bands) - 1)
                  for n, band in enumerate(bands)]
        pages += [tuple(panels[i:i + per_page]) for i in range(0, len(panels), per_page)]
    # with the panels as they are, print them as large as the pages allow
    widest = max(sum(p.width for p in page) + PANEL_GAP * (len(page) - 1) for page in pages)
    tallest = max(p.height for page in pages for p in page)
    scale = max(scale, min(width / widest, height / tallest))
    return [DetailPage(page, scale) for page in pages]


# ---------------------------------------------------------------------- drawing
def draw_page(painter: LayoutPainter, page: DetailPage, left: float, top: float, scale: float,
              language: str, region: Rect | None = None) -> None:
    """Draw a detail page's panels with their top-left at (left, top) of a platypus flowable (y up);
    `region` is the layout's map_region, when known."""
    region = region or map_region(painter.layout)
    x = left
    for panel in page.panels:
        _draw_panel(painter, panel, region, x, top, scale, language)
        x += (panel.width + PANEL_GAP) * scale


def _draw_panel(painter: LayoutPainter, panel: Panel, region: Rect, left: float, top: float, scale: float,
                language: str) -> None:
    """The panel's parts (header corner, stage headers, lane headers, cells) without their arrows, then the
    arrows once for all parts placed alike (the same shift of the layout), clipped to them: an arrow across
    several stage columns is written once, and the arrows are looked up once per placement, not per part."""
    kx, ky = panel.keep_x * scale, panel.keep_y * scale
    placed: dict[tuple[float, float], tuple[float, float, list[Rect]]] = {}

    def part(x: float, y: float, rect: Rect) -> None:
        painter.draw_at(x, y, scale, 0.0, rect, relations=False)
        origin = (x - rect.x * scale, y - rect.y * scale)  # where the layout's (0, 0) lands
        key = (round(origin[0], 3), round(origin[1], 3))
        placed.setdefault(key, (*origin, []))[2].append(rect)

    if panel.keep_x > 0 or panel.keep_y > 0:
        part(left, -top, Rect(region.x, region.y, panel.keep_x, panel.keep_y))
        part(left + kx, -top, Rect(panel.x0, region.y, panel.x1 - panel.x0, panel.keep_y))
    for rect, dy in panel.lanes:
        part(left, -top + ky + dy * scale, rect)
    for rect, dy in panel.pieces:
        part(left + kx + (rect.x - panel.x0) * scale, -top + ky + dy * scale, rect)
    for x, y, rects in placed.values():
        painter.draw_relations_at(x, y, scale, 0.0, rects)
    if panel.continued:
        _continued_labels(painter, panel, region, left, top - ky, scale, language)


def _continued_labels(painter: LayoutPainter, panel: Panel, region: Rect, left: float, top: float, scale: float,
                      language: str) -> None:
    """The name of each lane continued from the panel before at the top of its part, with "(continued)"."""
    layout = painter.layout
    measurer = default_measurer()
    text = TextBatch(painter.canvas)
    c = painter.canvas
    c.saveState()
    c.translate(left - region.x * scale, top + panel.top * scale)
    c.scale(scale, -scale)
    note = _CONTINUED.get(language, _CONTINUED["en"])
    for index, room in panel.continued:
        header = layout.lane_headers[index]
        lines = [line for line in header.lines if line.text]
        shift = panel.top - header.rect.y
        first = lines[0]
        size = first.size
        note_line = TextLine(note, first.x, lines[-1].baseline + shift + size * 1.25, size, False, True,
                             measurer.width(note, size, italic=True))
        if note_line.baseline + size * 0.3 - panel.top <= room:
            text.add_all([line._replace(baseline=line.baseline + shift) for line in lines], MUTED_INK)
            text.add(note_line, MUTED_INK)
        elif first.baseline + shift + size * 0.3 - panel.top <= room:
            text.add(first._replace(baseline=first.baseline + shift), MUTED_INK)
    text.flush()
    c.restoreState()
