"""Poster PDFs of one journey: page planning (paper, orientation, scale, PDF page limit) and vector drawing.

Call `plan_poster(...)` for a live preview (page size, scale, body text size; nothing is drawn) and
`export_poster(...)` to write the PDF. A page that would exceed 5,080 mm (14,400 pt) on a side is
never produced: ExportError('page_too_large') names the largest scale that fits (rounded down, so it
works when passed back) and suggests tiling. On a plotter roll 'fit' fills the roll's width and runs
lengthwise up to that limit (`PosterPlan.roll_fit` says which of the two decided the scale).
`min_text_pt` holds for every glyph of the page: the map's smallest text and the title block's.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from cxstudio.export import fonts
from cxstudio.export.draw import LayoutPainter, layout_for_print, map_region, parse_view
from cxstudio.export.errors import ExportError
from cxstudio.export.options import AUTO_PAPER, DEFAULT_OPTIONS, ExportOptions
from cxstudio.export.output import Progress, ProgressReporter, atomic_output
from cxstudio.export.paper import (
    MAX_PAGE_PT,
    MM,
    Orientation,
    Paper,
    check_orientation,
    parse_paper,
)
from cxstudio.export.texts import word
from cxstudio.export.titleblock import TitleBlock, build_title_block, unit_for_page
from cxstudio.layout.geometry import Rect
from cxstudio.layout.journey import JourneyLayout, ViewKind
from cxstudio.layout.style import CURVE_LABEL_SIZE
from cxstudio.model.document import Document
from cxstudio.model.entities import Journey

MAX_FIT_SCALE = 6.0  # 'fit' never magnifies more than this: a tiny map stays a map, not a few giant boxes
MIN_TITLE_WIDTH = 420.0  # points: a page sized to a tiny map is at least this wide, so the title block fits


@dataclass(frozen=True, slots=True)
class PosterPlan:
    """Where everything of a poster goes, in page points from the page's top-left corner."""

    journey_id: str
    view: ViewKind
    paper: str  # the paper's name (A0, roll914, 1200x800mm, auto)
    orientation: str  # portrait or landscape (as resolved)
    page_width: float
    page_height: float
    scale: float  # layout points per page point: 1.0 prints the map at 100 %
    margin: float
    title_rect: Rect
    map_rect: Rect  # where the map region lands on the page
    region: Rect  # the part of the layout that is printed (the grid with a little white around it)
    language: str
    date: _dt.date
    layout: JourneyLayout = field(repr=False, compare=False)
    title: TitleBlock = field(repr=False, compare=False)
    dimmed: frozenset[str] = field(default=frozenset(), repr=False)  # cards drawn faded (a --highlight filter)
    roll_fit: str | None = None  # on a roll with 'fit': "width" (fills the roll's width) or "length" (the limit)

    @property
    def smallest_text_pt(self) -> float:
        """The printed size of the smallest glyph of the page: of the map at its scale or of the title block."""
        sizes = [smallest_text(self.layout) * self.scale, self.title.smallest_text]
        return min(size for size in sizes if size > 0) if any(size > 0 for size in sizes) else 0.0

    @property
    def page_width_mm(self) -> float:
        return self.page_width / MM

    @property
    def page_height_mm(self) -> float:
        return self.page_height / MM

    @property
    def body_text_pt(self) -> float:
        """The printed size of the cards' body text."""
        return self.layout.settings.card_text_size * self.scale

    @property
    def title_text_pt(self) -> float:
        """The printed size of the cards' titles."""
        return self.layout.settings.card_title_size * self.scale

    def to_page(self, x: float, y: float) -> tuple[float, float]:
        """A layout point -> page point (from the top-left, y down)."""
        return (self.map_rect.x + (x - self.region.x) * self.scale, self.map_rect.y + (y - self.region.y) * self.scale)

    def rect_to_page(self, rect: Rect) -> Rect:
        x, y = self.to_page(rect.x, rect.y)
        return Rect(x, y, rect.width * self.scale, rect.height * self.scale)

    def drawn_areas(self) -> list[Rect]:
        """Page rectangles that carry ink (title block, headers, cards, grid lines, curves, relations, lines)."""
        layout = self.layout
        areas = [self.title_rect]
        for header in (*layout.stage_headers, *layout.lane_headers):
            areas.append(self.rect_to_page(header.rect))
        for box in layout.cards.values():
            areas.append(self.rect_to_page(box.rect))
        for row in layout.lane_rows.values():
            areas.append(self.rect_to_page(Rect(row.x, row.bottom - 0.5, row.width, 1.0)))
        for column in layout.stage_columns.values():
            areas.append(self.rect_to_page(Rect(column.right - 0.5, column.y, 1.0, column.height)))
        for curve in layout.curves:
            areas.append(self.rect_to_page(curve.rect))
        for geom in layout.lines:
            areas.append(self.rect_to_page(Rect(geom.x0, geom.y - 12, geom.x1 - geom.x0, 13)))
        for route in layout.relations:
            xs = [p[0] for p in route.points]
            ys = [p[1] for p in route.points]
            areas.append(self.rect_to_page(Rect(min(xs) - 4, min(ys) - 4, max(xs) - min(xs) + 8, max(ys) - min(ys) + 8)))
        return areas


@dataclass(frozen=True, slots=True)
class PosterResult:
    path: str
    plan: PosterPlan


def smallest_text(layout: JourneyLayout) -> float:
    """The size in layout points of the smallest text the map draws (headers, cards with their kind labels, badges
    and markers, chips, curve axes and points, blueprint line labels, arrow labels)."""
    sizes: set[float] = set()
    for header in (*layout.stage_headers, *layout.lane_headers):
        sizes.update(line.size for line in header.lines if line.text)
    for box in layout.cards.values():
        if box.kind_line is not None and box.kind_line.text:
            sizes.add(box.kind_line.size)
        sizes.update(line.size for line in box.title_lines if line.text)
        sizes.update(line.size for line in box.text_lines if line.text)
        sizes.update(line.size for badge in box.badges for line in badge.lines if line.text)
        sizes.update(m.label.size for m in box.markers if m.kind != "moment_of_truth" and m.label.text)
    sizes.update(chip.line.size for chip in layout.chips if chip.line.text)
    for curve in layout.curves:
        sizes.update(line.size for line in curve.tick_lines if line.text)
        if curve.points:
            sizes.add(CURVE_LABEL_SIZE)
    sizes.update(geom.label_line.size for geom in layout.lines if geom.label_line.text)
    sizes.update(route.label_line.size for route in layout.relations if route.label_line is not None)
    band = getattr(layout, "persona_band", None)  # the optional rows above and below the grid
    if band is not None:
        sizes.update(line.size for line in (*band.all_lines(), band.initials) if line.text)
    sizes.update(badge.label.size for badge in getattr(layout, "action_badges", {}).values() if badge.label.text)
    lane = getattr(layout, "actions_lane", None)
    if lane is not None:
        sizes.update(line.size for line in lane.header.lines if line.text)
        sizes.update(line.size for note in lane.notes for line in note.all_lines() if line.text)
    return min(sizes, default=layout.settings.card_text_size)


def suggested_scale(limit: float) -> float:
    """A scale to offer for `limit`: rounded DOWN to hundredths, or to two significant digits below 0.1
    (0.8085 -> 0.8, 0.81 stays 0.81, 0.0567 -> 0.056), so a page at the offered scale never exceeds the limit."""
    if limit <= 0 or not math.isfinite(limit):
        return 0.0
    digits = max(2, 1 - math.floor(math.log10(limit)))
    factor = 10.0 ** digits
    value = math.floor(limit * factor * (1 + 1e-12)) / factor
    return value if value <= limit else (math.floor(limit * factor) - 1) / factor


def parse_scale(scale: str | float | None) -> float | None:
    """None for 'fit' (or None), else the scale as a number > 0 ('1.0', '0.5', '50%')."""
    if scale is None:
        return None
    if isinstance(scale, (int, float)) and not isinstance(scale, bool):
        value = float(scale)
    else:
        text = str(scale).strip().lower()
        if text == "fit":
            return None
        try:
            value = float(text[:-1]) / 100 if text.endswith("%") else float(text.replace(",", "."))
        except ValueError:
            raise ExportError("bad_scale", scale=scale) from None
    if not (value > 0 and value < 1000):
        raise ExportError("bad_scale", scale=scale)
    return value


def find_journey(doc: Document, journey: str | None) -> Journey:
    """A journey by id or by name (exact, then case-insensitive); the first journey when `journey` is None."""
    journeys = doc.journeys()
    if not journeys:
        raise ExportError("no_journeys")
    if journey is None:
        return journeys[0]
    for candidate in journeys:
        if candidate.id == journey or candidate.name == journey:
            return candidate
    folded = journey.strip().casefold()
    matches = [j for j in journeys if j.name.strip().casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    available = ", ".join(f"'{j.name}'" for j in journeys)
    raise ExportError("unknown_journey", name=journey, available=available)


def _margin(short_side: float) -> float:
    return max(10 * MM, short_side * 0.015)


@dataclass(slots=True)
class _Attempt:
    plan: PosterPlan | None = None
    error: ExportError | None = None


class _Planner:
    def __init__(self, doc: Document, layout: JourneyLayout, paper: Paper | None, scale: float | None,
                 language: str, date: _dt.date, allow_oversize: bool, min_text: float | None = None) -> None:
        self.doc = doc
        self.layout = layout
        self.paper = paper
        self.fixed_scale = scale
        self.language = language
        self.date = date
        self.allow_oversize = allow_oversize
        self.min_text = min_text
        self.region = map_region(layout)

    def title(self, width: float, unit: float, scale: float | None) -> TitleBlock:
        return build_title_block(self.doc, self.layout, width, unit, self.date, scale, self.language,
                                 min_text=self.min_text)

    def attempt(self, orientation: str) -> _Attempt:
        try:
            return _Attempt(plan=self._plan(orientation))
        except ExportError as error:
            return _Attempt(error=error)

    def _plan(self, orientation: str) -> PosterPlan:
        paper, region = self.paper, self.region
        rw, rh = region.width, region.height
        if paper is None:  # the page follows the map
            scale = self.fixed_scale or 1.0
            short = min(rw, rh) * scale
            margin, unit = _margin(short), unit_for_page(short)
            inner_w = max(rw * scale, MIN_TITLE_WIDTH * unit)
            title = self.title(inner_w, unit, scale)
            gap = margin / 2
            page_w = inner_w + 2 * margin
            page_h = 2 * margin + title.height + gap + rh * scale
            self._check_size(page_w, page_h, scale, fixed_w=2 * margin, fixed_h=2 * margin + title.height + gap)
            orientation = Orientation.LANDSCAPE if page_w >= page_h else Orientation.PORTRAIT
            return self._finish("auto", orientation, page_w, page_h, margin, title, scale)
        if paper.is_roll:
            return self._roll(paper, orientation)
        page_w, page_h = paper.sheet_pt(orientation)
        if paper.custom and orientation == Orientation.AUTO:
            orientation = Orientation.LANDSCAPE if page_w > page_h else Orientation.PORTRAIT
        short = min(page_w, page_h)
        margin, unit = _margin(short), unit_for_page(short)
        gap = margin / 2
        inner_w = page_w - 2 * margin
        title = self.title(inner_w, unit, self.fixed_scale)
        room_h = page_h - 2 * margin - title.height - gap
        fit = min(inner_w / rw, room_h / rh)
        scale = self._scale_for(fit, rw, rh, inner_w, room_h, paper.name)
        title = self.title(inner_w, unit, scale)
        self._check_size(page_w, page_h, scale, fixed_w=page_w, fixed_h=page_h)
        return self._finish(paper.name, orientation, page_w, page_h, margin, title, scale)

    def _roll(self, paper: Paper, orientation: str) -> PosterPlan:
        """A roll: its width is fixed, its length follows the map up to the PDF limit (5,080 mm).

        'fit' fills the roll's width unless the length would pass the limit; then the length decides.
        Portrait runs the map down the roll, landscape along it (the roll's width is the page height).
        """
        rw, rh = self.region.width, self.region.height
        cross = paper.width_mm * MM
        margin, unit = _margin(cross), unit_for_page(cross)
        gap = margin / 2
        longest = MAX_PAGE_PT
        if orientation == Orientation.LANDSCAPE:
            title = self.title(max(4 * cross, MIN_TITLE_WIDTH * unit), unit, self.fixed_scale or 1.0)
            scale, roll_fit = 1.0, None
            for _ in range(3):  # the title block's height depends on its width, which follows the scale
                room_h = cross - 2 * margin - title.height - gap
                if self.fixed_scale is None:
                    across = room_h / rh
                    along = (longest - 2 * margin) / rw
                    scale = self._scale_for(min(across, along), rw, rh, None, room_h, paper.name)
                    roll_fit = "length" if along < across and along < MAX_FIT_SCALE else "width"
                else:
                    scale = self._scale_for(room_h / rh, rw, rh, None, room_h, paper.name)
                title = self.title(max(rw * scale, MIN_TITLE_WIDTH * unit), unit, scale)
            room_h = cross - 2 * margin - title.height - gap
            if self.fixed_scale is None and rh * scale > room_h + 0.01:
                scale = max(room_h, 0.0) / rh
            inner_w = max(rw * scale, MIN_TITLE_WIDTH * unit)
            page_w, page_h = inner_w + 2 * margin, cross
            self._check_size(page_w, page_h, scale, fixed_w=2 * margin, fixed_h=0.0)
        else:
            inner_w = cross - 2 * margin
            title = self.title(inner_w, unit, self.fixed_scale)
            roll_fit = None
            for _ in range(2):  # the scale printed in the title block may change its height
                fixed_h = 2 * margin + title.height + gap
                if self.fixed_scale is None:
                    across = inner_w / rw
                    along = (longest - fixed_h) / rh
                    scale = self._scale_for(min(across, along), rw, rh, inner_w, None, paper.name)
                    roll_fit = "length" if along < across and along < MAX_FIT_SCALE else "width"
                else:
                    scale = self._scale_for(inner_w / rw, rw, rh, inner_w, None, paper.name)
                title = self.title(inner_w, unit, scale)
            fixed_h = 2 * margin + title.height + gap
            if self.fixed_scale is None and fixed_h + rh * scale > longest:
                scale = max(0.0, (longest - fixed_h) / rh)
            page_w = cross
            page_h = fixed_h + rh * scale
            self._check_size(page_w, page_h, scale, fixed_w=0.0, fixed_h=fixed_h)
        plan = self._finish(paper.name, orientation, page_w, page_h, margin, title, scale)
        return plan if roll_fit is None else _with(plan, roll_fit=roll_fit)

    def _scale_for(self, fit: float, rw: float, rh: float, room_w: float | None, room_h: float | None,
                   paper_name: str) -> float:
        """The fitted scale, or the fixed one if the map fits the room at it."""
        if self.fixed_scale is None:
            fit = min(fit, MAX_FIT_SCALE)
            if fit <= 0:
                raise ExportError("does_not_fit", scale=1.0, need_w_mm=rw / MM, need_h_mm=rh / MM, paper=paper_name,
                                  room_w_mm=max(0.0, room_w or 0.0) / MM, room_h_mm=max(0.0, room_h or 0.0) / MM)
            return fit
        scale = self.fixed_scale
        too_wide = room_w is not None and rw * scale > room_w + 0.01
        too_tall = room_h is not None and rh * scale > room_h + 0.01
        if too_wide or too_tall:
            raise ExportError(
                "does_not_fit", scale=scale, need_w_mm=rw * scale / MM, need_h_mm=rh * scale / MM, paper=paper_name,
                room_w_mm=(room_w if room_w is not None else rw * scale) / MM,
                room_h_mm=(room_h if room_h is not None else rh * scale) / MM,
            )
        return scale

    def _check_size(self, page_w: float, page_h: float, scale: float, fixed_w: float, fixed_h: float) -> None:
        """Refuse pages beyond the PDF limit; `fixed_*` is the part of each side that does not grow with the scale."""
        if self.allow_oversize or (page_w <= MAX_PAGE_PT + 0.01 and page_h <= MAX_PAGE_PT + 0.01):
            return
        limits = []
        for side, fixed, extent in ((page_w, fixed_w, self.region.width), (page_h, fixed_h, self.region.height)):
            if side > MAX_PAGE_PT and side > fixed:
                limits.append((MAX_PAGE_PT - fixed) / extent if extent else scale)
        max_scale = suggested_scale(max(0.0, min(limits) if limits else scale))
        raise ExportError("page_too_large", width_mm=page_w / MM, height_mm=page_h / MM, max_scale=max_scale)

    def _finish(self, paper: str, orientation: str, page_w: float, page_h: float, margin: float, title: TitleBlock,
                scale: float) -> PosterPlan:
        region = self.region
        title_rect = Rect(margin, margin, page_w - 2 * margin, title.height)
        top = margin + title.height + margin / 2
        room = Rect(margin, top, page_w - 2 * margin, page_h - margin - top)
        map_w, map_h = region.width * scale, region.height * scale
        map_rect = Rect(room.x + max(0.0, (room.width - map_w) / 2), room.y + max(0.0, (room.height - map_h) / 2),
                        map_w, map_h)
        return PosterPlan(
            journey_id=self.layout.journey_id, view=self.layout.view, paper=paper, orientation=orientation,
            page_width=page_w, page_height=page_h, scale=scale, margin=margin, title_rect=title_rect,
            map_rect=map_rect, region=region, language=self.language, date=self.date, layout=self.layout, title=title,
        )


def _with(plan: PosterPlan, **changes: object) -> PosterPlan:
    import dataclasses

    return dataclasses.replace(plan, **changes)  # type: ignore[arg-type]


def plan_poster(
    doc: Document,
    options: ExportOptions = DEFAULT_OPTIONS,
    *,
    allow_oversize: bool = False,
    layout: JourneyLayout | None = None,
) -> PosterPlan:
    """Plan a poster of `options.journey_id` without drawing it: page size, orientation, scale and where title and map go.

    `options.paper`: A0 (None), A1-A4, letter, tabloid, roll610/roll914/roll1067 (any rollNNN; width
    fixed, length fitted), a custom 'WxHmm', or 'auto' (the page follows the map). `options.scale`:
    'fit' (None) or a number (1.0 = 100 %). `options.min_text_pt` asks for a scale at which every
    glyph of the page (the map's smallest text and the title block) prints at least this large (it
    overrides the scale). `options.orientation`:
    auto picks the one that prints the map larger. `layout`: an existing layout of the journey.
    """
    journey_id, view, paper, orientation, scale, min_text_pt, language, date = (
        options.journey_id, options.view, options.paper or "A0", options.orientation, options.scale,
        options.min_text_pt, options.language, options.date,
    )
    journey = find_journey(doc, journey_id)
    view_kind = parse_view(view)
    orientation = check_orientation(orientation)
    fixed_scale = parse_scale(scale)
    layout = layout if layout is not None else layout_for_print(doc, journey.id, view_kind, options.layout_settings())
    if min_text_pt is not None:
        if not 1 <= min_text_pt <= 200:
            raise ExportError("bad_text_size", size=min_text_pt)
        fixed_scale = min_text_pt / smallest_text(layout) * (1 + 1e-9)
    paper_spec = None if paper.strip().lower() == AUTO_PAPER else parse_paper(paper)
    planner = _Planner(doc, layout, paper_spec, fixed_scale, language or doc.project.language,
                       date or _dt.date.today(), allow_oversize, min_text_pt)
    if orientation != Orientation.AUTO:
        candidates = [orientation]
    elif paper_spec is None or paper_spec.custom:
        candidates = [Orientation.AUTO]
    else:
        wide = planner.region.width >= planner.region.height
        candidates = [Orientation.LANDSCAPE, Orientation.PORTRAIT] if wide else [Orientation.PORTRAIT,
                                                                                   Orientation.LANDSCAPE]
    attempts = [planner.attempt(candidate) for candidate in candidates]
    plans = [a.plan for a in attempts if a.plan is not None]
    if plans:
        return max(plans, key=lambda p: p.scale)  # stable: the preferred orientation wins ties
    errors = [a.error for a in attempts if a.error is not None]
    raise errors[0]


def draw_poster_page(canvas: Any, doc: Document, plan: PosterPlan, tick: Any = None) -> None:
    """Draw title block and map of `plan` onto the current page (or form) of `canvas` in page coordinates."""
    plan.title.draw(canvas, plan.title_rect.x, plan.title_rect.y, plan.page_height)
    painter = LayoutPainter(canvas, doc, plan.layout, plan.language, dimmed=plan.dimmed)
    painter.draw_at(plan.map_rect.x, plan.map_rect.y, plan.scale, plan.page_height, plan.region, clip=False,
                    tick=tick)


def set_metadata(canvas: Any, doc: Document, plan: PosterPlan, subject: str) -> None:
    journey = doc.get(plan.journey_id, Journey)
    canvas.setTitle(f"{journey.name} \u2013 {doc.project.name}")
    canvas.setAuthor(doc.project.client or doc.project.name)
    canvas.setSubject(subject)
    canvas.setCreator("CX Studio")


def export_poster(
    doc: Document,
    plan: PosterPlan,
    out_path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
) -> PosterResult:
    """Write the one-page vector poster `plan` (from `plan_poster`) describes.

    `progress(done, total)` is called while cards are drawn; returning False cancels
    (ExportCancelledError) and leaves no file behind. Raises ExportError with a code and
    `message(language)` for paths that cannot be written.
    """
    fonts.register_fonts()
    reporter = ProgressReporter(progress, total=len(plan.layout.cards) + 1)
    with atomic_output(out_path) as temp:
        canvas = Canvas(str(temp), pagesize=(plan.page_width, plan.page_height), pageCompression=1,
                        initialFontName=fonts.REGULAR)
        set_metadata(canvas, doc, plan, word(f"view_{plan.view.value}", plan.language))
        draw_poster_page(canvas, doc, plan, tick=reporter.advance)
        canvas.showPage()
        canvas.save()
        reporter.finish()
    return PosterResult(str(out_path), plan)
