"""Draws a JourneyLayout onto a ReportLab canvas: the same rectangles, wrapped lines, curves and arrows as the canvas.

The painter never measures or wraps text: every string is drawn as the layout placed it, in the
bundled font the layout measured, so print = screen. Coordinates stay in layout points (origin
top-left, y down); one transform maps them onto the page, and text is un-flipped per line.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from cxstudio.export import fonts
from cxstudio.export.errors import ExportError
from cxstudio.export.highlight import draw_veils
from cxstudio.export.pdf_ops import PathOps, TextBatch, polyline_op
from cxstudio.export.persona_band import draw_map_extras
from cxstudio.export.spatial import BoxIndex
from cxstudio.layout import (
    BADGE_BORDER_WIDTH,
    BADGE_COLOURS,
    BLUEPRINT_LINE_COLOURS,
    BLUEPRINT_LINE_FALLBACK,
    CHIP_COLOURS,
    CHIP_RADIUS,
    CURVE_COLOUR,
    CURVE_FRAME,
    CURVE_ROW_FILL,
    DEFAULT_SETTINGS,
    GRID_LINE,
    INK,
    LANE_HEADER_FILL,
    MARKER_TEXT_COLOUR,
    MUTED_INK,
    NEUTRAL_LINE,
    ODD_ROW_FILL,
    RELATION_COLOUR,
    STAGE_HEADER_BAR,
    STAGE_HEADER_FILL,
    CardBadge,
    CardBox,
    CardStyle,
    JourneyLayout,
    LayoutSettings,
    Marker,
    ViewKind,
    card_style,
    layout_journey,
    rating_colour,
)
from cxstudio.layout import style as palette
from cxstudio.layout.fonts import default_measurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.layout.icons import place_icon
from cxstudio.layout.settings import view_from_name
from cxstudio.layout.style import rgb
from cxstudio.model.document import Document

# Every colour, line width and corner radius comes from the layout's style (shared with the canvas): print = screen.
BLUEPRINT_LINE_DASHES = palette.BLUEPRINT_LINE_DASHES
BLUEPRINT_LINE_WIDTH = palette.BLUEPRINT_LINE_WIDTH
CARD_RADIUS = palette.CARD_RADIUS
CURVE_POINT_RADIUS = palette.CURVE_POINT_RADIUS
CURVE_LABEL_SIZE = palette.CURVE_LABEL_SIZE
MAP_PAD = 8.0  # layout points of white around the grid when only the map (not the layout's title) is drawn

def parse_view(view: ViewKind | str) -> ViewKind:
    """A ViewKind from its value or a command-line name (map, blueprint, swimlane, swimlane-department)."""
    if isinstance(view, ViewKind):
        return view
    found = view_from_name(str(view))
    if found is None:
        raise ExportError("unknown_view", view=view)
    return found


def layout_for_print(
    doc: Document, journey_id: str, view: ViewKind | str = ViewKind.MAP, settings: LayoutSettings = DEFAULT_SETTINGS
) -> JourneyLayout:
    """The layout every exporter draws: exactly `layout_journey` with the default measurer (the canvas's)."""
    return layout_journey(doc, journey_id, parse_view(view), settings)


def map_region(layout: JourneyLayout) -> Rect:
    """The part of the layout a print shows: the grid and whatever is drawn beyond it (relation labels beside
    the last column), with a little white around it; the layout's own title is left out (prints have theirs)."""
    left, top = layout.grid_rect.x, layout.grid_rect.y
    right, bottom = layout.grid_rect.right, layout.grid_rect.bottom
    if layout.persona_band is not None:  # the band above the grid is part of the map (export/persona_band.py)
        top, right = layout.persona_band.rect.y, max(right, layout.persona_band.rect.right)
    if layout.relations:
        xs = [x for route in layout.relations for x, _ in route.points]
        ys = [y for route in layout.relations for _, y in route.points]
        left, right, top, bottom = min(left, min(xs)), max(right, max(xs)), min(top, min(ys)), max(bottom, max(ys))
    for route in layout.relations:
        line = route.label_line
        if line is not None:
            left, right = min(left, line.x - 2), max(right, line.x + line.width + 2)
            top, bottom = min(top, line.baseline - line.size), max(bottom, line.baseline + 0.3 * line.size)
    return Rect(left - MAP_PAD, top - MAP_PAD, right - left + 2 * MAP_PAD, bottom - top + 2 * MAP_PAD)


def _visible(rect: Rect, region: Rect | None) -> bool:
    return region is None or rect.intersects(region) or region.contains_rect(rect)


def _route_meets(route: Any, left: float, top: float, right: float, bottom: float) -> bool:
    """Whether the bounds of a segment of an arrow, or of its label, meet the box (a long arrow's bounds may
    cover parts of a map it never reaches)."""
    line = route.label_line
    if line is not None and line.x <= right and left <= line.x + line.width and \
            line.baseline - line.size <= bottom and top <= line.baseline + 0.3 * line.size:
        return True
    points = route.points
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if min(x0, x1) <= right and left <= max(x0, x1) and min(y0, y1) <= bottom and top <= max(y0, y1):
            return True
    return False


def _points_bounds(points: Iterable[tuple[float, float]]) -> Rect:
    xs, ys = zip(*points)
    return Rect(min(xs), min(ys), max(xs) - min(xs) + 0.001, max(ys) - min(ys) + 0.001)


@dataclass(frozen=True, slots=True)
class MapSlice:
    """A part of a map printed on one report page: the cells in [x0, x1) x [y0, y1) of the layout, with the lane
    header column (`keep_x` wide) and the stage header row (`keep_y` tall) repeated along its edges."""

    x0: float
    x1: float
    y0: float
    y1: float
    keep_x: float
    keep_y: float
    scale: float

    @property
    def width(self) -> float:
        return (self.keep_x + self.x1 - self.x0) * self.scale

    @property
    def height(self) -> float:
        return (self.keep_y + self.y1 - self.y0) * self.scale


def _groups(edges: list[tuple[float, float]], room: float) -> list[tuple[float, float]]:
    """Consecutive spans split into the fewest groups no longer than `room`, as even as possible.

    A linear partition (dynamic programming over the few stages or lanes of a journey) that
    minimises the longest group; a single span longer than `room` stays alone in its group.
    """
    count = len(edges)
    total = edges[-1][1] - edges[0][0]
    for parts in range(max(1, math.ceil(total / room - 1e-9)), count + 1):
        # best[i][k]: the smallest possible longest group when the first i spans form k groups
        best = [[math.inf] * (parts + 1) for _ in range(count + 1)]
        cut = [[0] * (parts + 1) for _ in range(count + 1)]
        best[0][0] = 0.0
        for i in range(1, count + 1):
            for k in range(1, min(i, parts) + 1):
                for j in range(k - 1, i):
                    longest = max(best[j][k - 1], edges[i - 1][1] - edges[j][0])
                    if longest < best[i][k]:
                        best[i][k], cut[i][k] = longest, j
        if best[count][parts] <= room + 1e-6 or parts == count:
            groups: list[tuple[float, float]] = []
            i, k = count, parts
            while k > 0:
                j = cut[i][k]
                groups.append((edges[j][0], edges[i - 1][1]))
                i, k = j, k - 1
            return groups[::-1]
    return [(edges[0][0], edges[-1][1])]


def map_slices(layout: JourneyLayout, width: float, first_height: float, height: float,
               min_text_pt: float) -> list[MapSlice]:
    """Split a map into page-sized parts at stage and lane boundaries so its body text stays >= `min_text_pt`.

    The first part has `first_height` of room (a heading sits above it), the others `height`; all parts
    share one scale and repeat the lane headers on the left and the stage headers on top. Parts go stage
    group by stage group, each from the top lanes down.
    """
    region = map_region(layout)
    body = layout.settings.card_text_size
    fit = min(width / region.width, first_height / region.height)
    if fit * body >= min_text_pt - 1e-9 or not layout.stage_ids or not layout.lane_keys:
        return [MapSlice(region.x, region.right, region.y, region.bottom, 0.0, 0.0, fit)]
    room_h = min(first_height, height)
    keep_x = layout.grid_rect.x + layout.settings.lane_header_width - region.x
    rows = [layout.lane_rows[key] for key in layout.lane_keys]
    keep_y = rows[0].y - region.y
    columns = [layout.stage_columns[stage_id] for stage_id in layout.stage_ids]
    scale = max(fit, min_text_pt / body)
    # one stage column and the tallest lane must fit a page at the scale
    scale = min(scale, width / (keep_x + columns[0].width + MAP_PAD),
                min(room_h / (keep_y + row.height + MAP_PAD) for row in rows))
    x_groups = _groups([(c.x, c.right) for c in columns], width / scale - keep_x - MAP_PAD)
    y_groups = _groups([(r.y, r.bottom) for r in rows], room_h / scale - keep_y - MAP_PAD)
    if len(x_groups) == 1 and len(y_groups) == 1:
        return [MapSlice(region.x, region.right, region.y, region.bottom, 0.0, 0.0, fit)]
    x_groups[-1] = (x_groups[-1][0], region.right)
    y_groups[-1] = (y_groups[-1][0], region.bottom)
    # with the parts as even as they are, print them as large as the pages allow
    widest = max(x1 - x0 for x0, x1 in x_groups)
    tallest_part = max(y1 - y0 for y0, y1 in y_groups)
    scale = max(scale, min(width / (keep_x + widest), room_h / (keep_y + tallest_part)))
    return [MapSlice(x0, x1, y0, y1, keep_x, keep_y, scale) for x0, x1 in x_groups for y0, y1 in y_groups]


_ICON_FORMS: WeakKeyDictionary[Any, dict[str, str | None]] = WeakKeyDictionary()


def _icon_form(c: Any, key: str, ink: str, width: float, height: float) -> str | None:
    """The name of a PDF form (of canvas `c`) drawing icon `key` in a width x height box at the origin.

    Made on first use per canvas; None for an unknown or empty icon key.
    """
    forms = _ICON_FORMS.setdefault(c, {})
    name = f"cxIcon_{key}_{ink.lstrip('#')}_{width:.2f}_{height:.2f}".replace(".", "_")
    if name in forms:
        return forms[name]
    icon = place_icon(key, Rect(0.0, 0.0, width, height))
    if icon is None:
        forms[name] = None
        return None
    strokes = PathOps()
    for polyline in icon.polylines:
        strokes.polyline(polyline)
    for cx, cy, radius in icon.circles:
        strokes.circle(cx, cy, radius)
    # the bounding box leaves room for round caps and joins that reach past the icon square
    c.beginForm(name, lowerx=-width, lowery=-height, upperx=2 * width, uppery=2 * height)
    c.setStrokeColorRGB(*rgb(ink))
    c.setLineWidth(icon.stroke_width)
    c.setLineCap(1)
    c.setLineJoin(1)
    strokes.emit(c, stroke=True, fill=False)
    c.endForm()
    forms[name] = name
    return name


_BADGE_FORMS: WeakKeyDictionary[Any, dict[tuple[Any, ...], str]] = WeakKeyDictionary()


def _badge_form(c: Any, badge: CardBadge) -> str:
    """The name of a PDF form (of canvas `c`) drawing a badge's pill and icon with the pill's top-left at the origin.

    The pill's outline is inset by half its pen, as on the canvas; the icon is the placed icon form.
    Made on first use per canvas and badge look (kind, size, corner radius, icon and where it sits).
    """
    forms = _BADGE_FORMS.setdefault(c, {})
    r, box = badge.rect, badge.icon_rect
    icon = (badge.icon, round(box.x - r.x, 2), round(box.y - r.y, 2), round(box.width, 2), round(box.height, 2)) \
        if box is not None and badge.icon else None
    key = (badge.kind, round(r.width, 2), round(r.height, 2), round(badge.radius, 2), icon)
    name = forms.get(key)
    if name is not None:
        return name
    fill, border, ink = BADGE_COLOURS.get(badge.kind, BADGE_COLOURS["channel"])
    icon_form = _icon_form(c, badge.icon, ink, box.width, box.height) if icon is not None and box is not None else None
    name = forms[key] = f"cxBadge{len(forms)}"
    width, height = r.width, r.height
    inset = BADGE_BORDER_WIDTH / 2
    pill = PathOps()
    pill.rounded_rect(inset, inset, width - 2 * inset, height - 2 * inset, max(0.0, badge.radius - inset))
    c.beginForm(name, lowerx=-width, lowery=-height, upperx=2 * width, uppery=2 * height)
    c.setLineWidth(BADGE_BORDER_WIDTH)
    c.setStrokeColorRGB(*rgb(border))
    c.setFillColorRGB(*rgb(fill))
    pill.emit(c, stroke=True, fill=True)
    if icon_form is not None and box is not None:
        c.addLiteral(f"q 1 0 0 1 {box.x - r.x:.2f} {box.y - r.y:.2f} cm")
        c.doForm(icon_form)
        c.addLiteral("Q")
    c.endForm()
    return name


class LayoutPainter:
    """Draws one JourneyLayout (or a region of it) onto a ReportLab canvas."""

    def __init__(self, canvas: Any, doc: Document, layout: JourneyLayout, language: str | None = None,
                 dimmed: frozenset[str] = frozenset()) -> None:
        fonts.register_fonts()
        self.canvas = canvas
        self.dimmed = dimmed  # ids of cards drawn faded under a white veil (a highlight filter), see highlight.py
        self.doc = doc
        self.layout = layout
        self.language = language or layout.language
        self._relation_index: BoxIndex | None = None
        self._route_paths: dict[int, tuple[str, str]] = {}  # id of a route: its line's and head's path

    # ------------------------------------------------------------------ placement
    def draw_at(self, left: float, top: float, scale: float, page_height: float, region: Rect | None = None,
                clip: bool = True, tick: Callable[[int], None] | None = None, relations: bool = True) -> None:
        """Draw `region` of the layout (default: map_region) with its top-left at (left, top) page points from
        the page's top-left, magnified by `scale`; without its arrows when not `relations` (draw_relations_at)."""
        region = region or map_region(self.layout)
        c = self.canvas
        c.saveState()
        c.translate(left - region.x * scale, page_height - top + region.y * scale)
        c.scale(scale, -scale)
        if clip:
            path = c.beginPath()
            path.rect(region.x, region.y, region.width, region.height)
            c.clipPath(path, stroke=0, fill=0)
        self.draw(region if clip else None, tick, relations)
        c.restoreState()

    def draw_relations_at(self, left: float, top: float, scale: float, page_height: float,
                          regions: Sequence[Rect]) -> None:
        """Draw the arrows meeting any of `regions`, clipped to them, with the layout's origin at (left, top) page
        points from the page's top-left: once for parts of a map drawn side by side without their arrows."""
        c = self.canvas
        c.saveState()
        c.translate(left, page_height - top)
        c.scale(scale, -scale)
        path = c.beginPath()
        for region in regions:
            path.rect(region.x, region.y, region.width, region.height)
        c.clipPath(path, stroke=0, fill=0)
        text = TextBatch(c)
        self._relations(regions, text)
        text.flush()
        c.restoreState()

    def draw_part(self, left: float, top: float, scale: float, part: MapSlice) -> None:
        """Draw a report map part: header corner, stage header strip, lane header strip and its cells.

        Coordinates as in a platypus flowable: (left, top) from the flowable's bottom-left, y up.
        """
        region = map_region(self.layout)
        if part.keep_x <= 0 and part.keep_y <= 0:
            self.draw_at(left, -top, scale, 0.0, Rect(part.x0, part.y0, part.x1 - part.x0, part.y1 - part.y0))
            return
        kx, ky = part.keep_x * scale, part.keep_y * scale
        pieces = (
            (0.0, 0.0, Rect(region.x, region.y, part.keep_x, part.keep_y)),
            (kx, 0.0, Rect(part.x0, region.y, part.x1 - part.x0, part.keep_y)),
            (0.0, ky, Rect(region.x, part.y0, part.keep_x, part.y1 - part.y0)),
            (kx, ky, Rect(part.x0, part.y0, part.x1 - part.x0, part.y1 - part.y0)),
        )
        for dx, dy, piece in pieces:
            self.draw_at(left + dx, -top + dy, scale, 0.0, piece)

    # ------------------------------------------------------------------ drawing in layout coordinates
    def draw(self, region: Rect | None = None, tick: Callable[[int], None] | None = None,
             relations: bool = True) -> None:
        """Draw everything that intersects `region` (None: everything) in layout coordinates, in the canvas's
        stacking order: grid, blueprint lines, curves, headers, cards, relations.

        `tick(n)` is called after every few hundred cards (progress and cancel of long exports).
        """
        text = TextBatch(self.canvas)
        self._grid(region)
        self._lines(region, text)
        self._curves(region, text)
        self._headers(region, text)
        self._cards(region, text, tick)
        self._chips(region, text)
        draw_map_extras(self.canvas, self.doc, self.layout, region, text)  # persona band, actions lane and badges
        text.flush()
        if self.dimmed:
            draw_veils(self.canvas, self._boxes_in(region), self.dimmed)
        if relations:
            self._relations(region, text)
        text.flush()

    def _grid(self, region: Rect | None) -> None:
        c = self.canvas
        layout = self.layout
        curve_keys = {curve.lane_key for curve in layout.curves}
        for index, (key, row) in enumerate(layout.lane_rows.items()):
            if not _visible(row, region):
                continue
            if key in curve_keys:
                c.setFillColorRGB(*rgb(CURVE_ROW_FILL))
            elif index % 2:
                c.setFillColorRGB(*rgb(ODD_ROW_FILL))
            else:
                continue
            c.rect(row.x, row.y, row.width, row.height, stroke=0, fill=1)
        c.setLineWidth(palette.GRID_LINE_WIDTH)
        c.setStrokeColorRGB(*rgb(GRID_LINE))
        for row in layout.lane_rows.values():
            if _visible(row, region):
                c.line(row.x, row.bottom, row.right, row.bottom)
        for column in layout.stage_columns.values():
            if _visible(column, region):
                c.line(column.right, column.y, column.right, column.bottom)

    def _headers(self, region: Rect | None, text: TextBatch) -> None:
        c = self.canvas
        layout = self.layout
        c.setLineWidth(palette.GRID_LINE_WIDTH)
        c.setStrokeColorRGB(*rgb(GRID_LINE))
        for headers, fill in ((layout.stage_headers, STAGE_HEADER_FILL), (layout.lane_headers, LANE_HEADER_FILL)):
            c.setFillColorRGB(*rgb(fill))
            for header in headers:
                if _visible(header.rect, region):
                    r = header.rect
                    c.rect(r.x, r.y, r.width, r.height, stroke=1, fill=1)
        c.setFillColorRGB(*rgb(STAGE_HEADER_BAR))
        for header in layout.stage_headers:
            if _visible(header.rect, region):
                r = header.rect
                bar = palette.STAGE_HEADER_BAR_HEIGHT
                c.rect(r.x, r.bottom - bar, r.width, bar, stroke=0, fill=1)
        for headers in (layout.stage_headers, layout.lane_headers):
            for header in headers:
                if _visible(header.rect, region):
                    for line in header.lines:  # lines the region cuts away are not written (text search, copy)
                        if region is None or (line.baseline - line.size < region.bottom
                                              and line.baseline + 0.3 * line.size > region.y):
                            text.add(line, INK if line.bold else MUTED_INK)

    def _cards(self, region: Rect | None, text: TextBatch, tick: Callable[[int], None] | None) -> None:
        """Cards never overlap, so all outlines of one pen and fill go into one path, then the markers, then text."""
        c = self.canvas
        outlines: dict[tuple[str, float, str], PathOps] = {}
        markers: list[Marker] = []
        badges: list[CardBadge] = []
        drawn = 0
        boxes = self._boxes_in(region)
        styles: list[CardStyle] = []
        for box in boxes:
            r = box.rect
            style = card_style(box.colour, box.text_colour, box.pain_point, box.moment_of_truth)
            styles.append(style)
            pen = (style.outline, style.outline_width, style.fill)
            path = outlines.get(pen)
            if path is None:
                path = outlines[pen] = PathOps()
            path.rounded_rect(r.x, r.y, r.width, r.height, style.radius)
            markers.extend(box.markers)
            badges.extend(box.badges)
            drawn += 1
            if tick is not None and drawn % 200 == 0:
                tick(200)
        if tick is not None and drawn % 200:
            tick(drawn % 200)
        for (stroke, width, fill), path in outlines.items():
            c.setStrokeColorRGB(*rgb(stroke))
            c.setLineWidth(width)
            c.setFillColorRGB(*rgb(fill))
            path.emit(c, stroke=True, fill=True)
        self._markers(markers, text)
        self._badges(badges, text)
        for box, style in zip(boxes, styles):
            if box.kind_line is not None:
                text.add(box.kind_line, style.muted)
            text.add_all(box.title_lines, style.text)
            text.add_all(box.text_lines, style.text)

    def _badges(self, badges: list[CardBadge], text: TextBatch) -> None:
        """Channel and department badges of cards: each pill with its icon as a placed form, then their names.

        Every distinct badge (kind, size, icon) is drawn once as a PDF form and placed per badge, which
        draws the same pill and strokes as drawing them in place at a fraction of the cost on large maps.
        """
        if not badges:
            return
        c = self.canvas
        for badge in badges:
            ink = BADGE_COLOURS.get(badge.kind, BADGE_COLOURS["channel"])[2]
            for line in badge.lines:
                text.add(line, ink)
            r = badge.rect
            c.addLiteral(f"q 1 0 0 1 {r.x:.2f} {r.y:.2f} cm")
            c.doForm(_badge_form(c, badge))
            c.addLiteral("Q")

    def _chips(self, region: Rect | None, text: TextBatch) -> None:
        """The chips of Channels and Departments lanes: one path per chip kind, then their names."""
        c = self.canvas
        paths: dict[str, PathOps] = {}
        for chip in self.layout.chips:
            if not _visible(chip.rect, region):
                continue
            r = chip.rect
            path = paths.get(chip.kind)
            if path is None:
                path = paths[chip.kind] = PathOps()
            inset = palette.CHIP_BORDER_WIDTH / 2
            path.rounded_rect(r.x + inset, r.y + inset, r.width - 2 * inset, r.height - 2 * inset, CHIP_RADIUS)
            text.add(chip.line, CHIP_COLOURS.get(chip.kind, CHIP_COLOURS["channel"])[2])
        c.setLineWidth(palette.CHIP_BORDER_WIDTH)
        for kind, path in paths.items():
            fill, border, _text = CHIP_COLOURS.get(kind, CHIP_COLOURS["channel"])
            c.setStrokeColorRGB(*rgb(border))
            c.setFillColorRGB(*rgb(fill))
            path.emit(c, stroke=True, fill=True)

    def _boxes_in(self, region: Rect | None) -> list[CardBox]:
        """The cards to draw: all of them, or those of the cells that meet `region` that meet it themselves."""
        layout = self.layout
        if region is None:
            return list(layout.cards.values())
        boxes = []
        for cell_key, cell in layout.cells.items():
            if _visible(cell, region):
                for card_id in layout.cell_cards.get(cell_key, ()):
                    box = layout.cards[card_id]
                    if _visible(box.rect, region):
                        boxes.append(box)
        return boxes

    def _markers(self, markers: list[Marker], text: TextBatch) -> None:
        """Round badges grouped by colour (one path each), white stars for moments of truth, labels for the rest."""
        if not markers:
            return
        c = self.canvas
        by_fill: dict[str, PathOps] = {}
        stars = PathOps()
        for marker in markers:
            m = marker.rect
            cx, cy = m.x + m.width / 2, m.y + m.height / 2
            path = by_fill.get(marker.fill)
            if path is None:
                path = by_fill[marker.fill] = PathOps()
            path.circle(cx, cy, m.width / 2)
            if marker.kind == "moment_of_truth":
                stars.polyline(marker.star(), close=True)
            else:
                text.add(marker.label, MARKER_TEXT_COLOUR)
        c.setLineWidth(palette.MARKER_OUTLINE_WIDTH)
        for fill, path in by_fill.items():
            c.setStrokeColorRGB(*rgb(palette.marker_outline(fill)))
            c.setFillColorRGB(*rgb(fill))
            path.emit(c, stroke=True, fill=True)
        c.setFillColorRGB(1, 1, 1)
        stars.emit(c, stroke=False, fill=True)

    def _curves(self, region: Rect | None, text: TextBatch) -> None:
        c = self.canvas
        measurer = default_measurer()
        for curve in self.layout.curves:
            if not _visible(curve.rect, region):
                continue
            plot = curve.rect
            c.setLineWidth(palette.CURVE_GUIDE_WIDTH)
            c.setStrokeColorRGB(*rgb(NEUTRAL_LINE))
            c.setDash([3.2, 1.6], 0)
            c.line(plot.x, curve.neutral_y, plot.right, curve.neutral_y)
            c.setDash()
            c.setStrokeColorRGB(*rgb(CURVE_FRAME))
            c.line(plot.x, curve.top_y, plot.right, curve.top_y)
            c.line(plot.x, curve.bottom_y, plot.right, curve.bottom_y)
            for line in curve.tick_lines:
                text.add(line, MUTED_INK)
            if not curve.points:
                continue
            c.setLineWidth(palette.CURVE_WIDTH)
            c.setLineJoin(1)
            c.setStrokeColorRGB(*rgb(CURVE_COLOUR))
            path = c.beginPath()
            path.moveTo(curve.points[0].x, curve.points[0].y)
            for point in curve.points[1:]:
                path.lineTo(point.x, point.y)
            c.drawPath(path, stroke=1, fill=0)
            c.setLineJoin(0)
            c.setLineWidth(palette.CURVE_POINT_OUTLINE_WIDTH)
            c.setStrokeColorRGB(1, 1, 1)
            for point in curve.points:
                c.setFillColorRGB(*rgb(rating_colour(point.rating)))
                c.circle(point.x, point.y, CURVE_POINT_RADIUS, stroke=1, fill=1)
                label = str(point.rating)
                width = measurer.width(label, CURVE_LABEL_SIZE, bold=True)
                text.add(TextLine(label, point.x - width / 2, point.y + CURVE_LABEL_SIZE * 0.36, CURVE_LABEL_SIZE,
                                  True, False, width), "#ffffff")

    def _lines(self, region: Rect | None, text: TextBatch) -> None:
        c = self.canvas
        c.setLineWidth(BLUEPRINT_LINE_WIDTH)
        for geom in self.layout.lines:
            bounds = Rect(geom.x0, geom.label_line.baseline - geom.label_line.size, geom.x1 - geom.x0,
                          geom.y - geom.label_line.baseline + geom.label_line.size + 1)
            if not _visible(bounds, region):
                continue
            colour = BLUEPRINT_LINE_COLOURS.get(geom.kind, BLUEPRINT_LINE_FALLBACK)
            c.setStrokeColorRGB(*rgb(colour))
            dash = BLUEPRINT_LINE_DASHES.get(geom.kind, ())
            if dash:
                c.setDash([d * BLUEPRINT_LINE_WIDTH for d in dash], 0)
            c.line(geom.x0, geom.y, geom.x1, geom.y)
            c.setDash()
            text.add(geom.label_line, colour)

    def _route_ops(self, route: Any) -> tuple[str, str]:
        """The path operators of an arrow's line and head, formatted once (a report draws an arrow on many pages)."""
        found = self._route_paths.get(id(route))
        if found is None:
            found = self._route_paths[id(route)] = (polyline_op(route.points), polyline_op(route.arrow, close=True))
        return found

    def _relations(self, region: Rect | Sequence[Rect] | None, text: TextBatch) -> None:
        """All arrows in three paths (solid lines, dashed 'relates to' lines, heads), then the labels on white."""
        c = self.canvas
        if region is None:
            routes = self.layout.relations
        else:
            if self._relation_index is None:  # the arrows' bounds on a grid (export/spatial.py)
                self._relation_index = BoxIndex([_points_bounds(r.points) for r in self.layout.relations])
            relations = self.layout.relations
            found: set[int] = set()
            for g in (region,) if isinstance(region, Rect) else region:
                left, top, right, bottom = g.x, g.y, g.right, g.bottom
                found.update(i for i in self._relation_index.query(left, top, right, bottom) if i not in found
                             and _route_meets(relations[i], left - 8, top - 8, right + 8, bottom + 8))  # 8: heads
            routes = [relations[i] for i in sorted(found)]
        if not routes:
            return
        colour = rgb(RELATION_COLOUR)
        c.setStrokeColorRGB(*colour)
        c.setFillColorRGB(*colour)
        c.setLineCap(1)
        c.setLineJoin(1)
        c.setLineWidth(palette.RELATION_WIDTH)
        for dashed in (False, True):
            path = PathOps()
            for route in routes:
                if (route.kind == "relates_to") == dashed:
                    path.add(self._route_ops(route)[0])
            if path:
                if dashed:
                    c.setDash([d * palette.RELATION_WIDTH for d in palette.RELATION_DASH], 0)
                path.emit(c, stroke=True, fill=False)
                c.setDash()
        c.setLineWidth(palette.RELATION_HEAD_OUTLINE_WIDTH)
        heads = PathOps()
        for route in routes:
            heads.add(self._route_ops(route)[1])
        heads.emit(c, stroke=True, fill=True)
        labelled = [route.label_line for route in routes if route.label_line is not None]
        if labelled:
            # opaque white, as on the canvas (transparency does not survive PDF forms)
            c.setFillColorRGB(1, 1, 1)
            for line in labelled:
                c.rect(line.x - 2, line.baseline - line.size, line.width + 4, line.size * 1.3, stroke=0, fill=1)
            for line in labelled:
                text.add(line, RELATION_COLOUR)
        c.setLineCap(0)
        c.setLineJoin(0)
