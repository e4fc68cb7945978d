"""Tiled prints: a poster split onto A4/A3/letter sheets with overlap, marks, labels and an assembly page.

Each sheet has crop and alignment marks, a label and a PDF page label; sheets that would be empty
are skipped and marked as such on the first page, the assembly plan. The poster is drawn once into a PDF form; every sheet shows its window of that form, so a tiled
print costs about as much as the poster itself. `plan_tiles(...)` gives the grid and the sheet
count without drawing (for a live preview).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from cxstudio.export import fonts
from cxstudio.export.draw import INK, MUTED_INK, rgb
from cxstudio.export.errors import ExportError
from cxstudio.export.options import AUTO_PAPER, DEFAULT_OPTIONS, ExportOptions
from cxstudio.export.output import Progress, ProgressReporter, atomic_output
from cxstudio.export.paper import MM, Orientation, check_orientation, parse_tile_paper
from cxstudio.export.pdf_ops import TextBatch
from cxstudio.export.poster import PosterPlan, draw_poster_page, plan_poster, set_metadata
from cxstudio.export.texts import format_date, word
from cxstudio.layout.fonts import default_measurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.model.document import Document
from cxstudio.model.entities import Journey

SHEET_MARGIN = 12 * MM  # room for crop marks and the sheet label; office printers need about 5 mm
EDGE_CLEARANCE = 6 * MM  # nothing is printed closer than this to a sheet's edge (marks, labels)
MARK_GAP = 1.5 * MM
MARK_LENGTH = SHEET_MARGIN - MARK_GAP - EDGE_CLEARANCE - 0.5 * MM  # the marks end 6.5 mm from the edge
LABEL_PT = 7.0  # sheet labels; --min-text raises them (up to what the margin holds)
ASSEMBLY_LABEL_PT = 8.0  # the smallest label of the assembly page's grid
MIN_CELL_HEIGHT = 20.0  # points: a grid cell of the assembly page holds its key and number at 8 pt
MARK_COLOUR = "#000000"
GUIDE_COLOUR = "#e11d48"
EMPTY_COLOUR = "#9ca3af"
POSTER_FORM = "cxstudio-poster"


@dataclass(frozen=True, slots=True)
class SchematicBox:
    """One box of a poster's text-free schematic: a rectangle of the poster page (points, top-left origin)."""

    rect: Rect
    fill: str
    outline: str | None = None


def poster_schematic(plan: PosterPlan) -> list[SchematicBox]:
    """The poster as boxes without a glyph: title block, stage and lane bands, headers and cards.

    The assembly page shows the poster this way (PDF and printer alike): a thumbnail of the real poster
    would carry text far below any --min-text; boxes show where everything lies just as well.
    """
    from cxstudio.layout import LANE_HEADER_FILL, ODD_ROW_FILL, STAGE_HEADER_FILL, card_style

    layout, region, scale = plan.layout, plan.region, plan.scale
    left, top = plan.map_rect.x, plan.map_rect.y

    def page(rect: Rect) -> Rect:
        return Rect(left + (rect.x - region.x) * scale, top + (rect.y - region.y) * scale,
                    rect.width * scale, rect.height * scale)

    boxes = [SchematicBox(plan.title_rect, "#f3f4f6")]
    for index, row in enumerate(layout.lane_rows.values()):
        if index % 2:
            boxes.append(SchematicBox(page(row), ODD_ROW_FILL))
    for header in layout.stage_headers:
        boxes.append(SchematicBox(page(header.rect), STAGE_HEADER_FILL, "#cbd2d9"))
    for header in layout.lane_headers:
        boxes.append(SchematicBox(page(header.rect), LANE_HEADER_FILL, "#cbd2d9"))
    for box in layout.cards.values():
        style = card_style(box.colour, box.text_colour, box.pain_point, box.moment_of_truth)
        boxes.append(SchematicBox(page(box.rect), style.fill, style.outline))
    return boxes


@dataclass(frozen=True, slots=True)
class TileSheet:
    """One cell of the grid: its row and column (from 1), the poster area it shows and whether it is printed."""

    row: int
    col: int
    source: Rect  # the poster area (poster page points, top-left origin) shown in the sheet's content area
    empty: bool
    number: int | None  # position among the printed sheets (1-based), None when empty

    @property
    def key(self) -> str:
        return f"R{self.row}C{self.col}"


@dataclass(frozen=True, slots=True)
class TilePlan:
    """The sheets of a tiled print; `sheet_count` counts the printed pages (assembly page included)."""

    poster: PosterPlan = field(repr=False)
    paper: str
    orientation: str
    sheet_width: float
    sheet_height: float
    margin: float
    overlap: float  # points
    rows: int
    cols: int
    sheets: tuple[TileSheet, ...]
    min_text: float = 0.0  # --min-text: the pages' own labels are at least this large where the margin allows

    @property
    def printed(self) -> tuple[TileSheet, ...]:
        return tuple(s for s in self.sheets if not s.empty)

    @property
    def empty_sheets(self) -> tuple[TileSheet, ...]:
        return tuple(s for s in self.sheets if s.empty)

    @property
    def sheet_count(self) -> int:
        """Pages of the PDF: the assembly page plus every non-empty sheet."""
        return 1 + len(self.printed)

    @property
    def content_width(self) -> float:
        return self.sheet_width - 2 * self.margin

    @property
    def content_height(self) -> float:
        return self.sheet_height - 2 * self.margin

    @property
    def step_x(self) -> float:
        return self.content_width - self.overlap

    @property
    def step_y(self) -> float:
        return self.content_height - self.overlap


@dataclass(frozen=True, slots=True)
class TileResult:
    path: str
    plan: TilePlan


def _grid(length: float, content: float, overlap: float) -> tuple[int, float]:
    """How many sheets cover `length` with `content` per sheet and `overlap`; and the offset that centres them."""
    step = content - overlap
    count = max(1, math.ceil((length - overlap) / step - 1e-9))
    covered = count * step + overlap
    return count, (covered - length) / 2


def _layout_sheets(poster: PosterPlan, areas: list[Rect], content_w: float, content_h: float,
                   overlap: float) -> tuple[int, int, list[TileSheet]]:
    cols, offset_x = _grid(poster.page_width, content_w, overlap)
    rows, offset_y = _grid(poster.page_height, content_h, overlap)
    sheets: list[TileSheet] = []
    number = 0
    for row in range(rows):
        for col in range(cols):
            source = Rect(col * (content_w - overlap) - offset_x, row * (content_h - overlap) - offset_y,
                          content_w, content_h)
            empty = not any(source.intersects(area) for area in areas)
            if not empty:
                number += 1
            sheets.append(TileSheet(row + 1, col + 1, source, empty, None if empty else number))
    return rows, cols, sheets


def plan_tiles(
    doc: Document,
    options: ExportOptions = DEFAULT_OPTIONS,
    *,
    poster: PosterPlan | None = None,
) -> TilePlan:
    """Plan a tiled print without drawing: the poster (as `plan_poster` with the options' paper, orientation and
    scale; by default a page sized to the map at 100 %) cut into `options.sheet` pages with `options.overlap_mm`
    overlap.

    The poster itself may be larger than the PDF page limit; only the sheets are real pages.
    `options.sheet_orientation` auto picks the orientation that needs fewer sheets. `poster`: an
    existing plan of the poster to cut.
    """
    tile_paper = parse_tile_paper(options.sheet)
    sheet_orientation = check_orientation(options.sheet_orientation)
    overlap_mm = options.overlap_mm
    if poster is None:
        paper = options.paper or AUTO_PAPER
        scale = options.scale
        if scale is None and options.min_text_pt is None:
            scale = 1.0 if paper.strip().lower() == AUTO_PAPER else "fit"
        poster = plan_poster(doc, options.replace(paper=paper, scale=scale), allow_oversize=True)
    candidates = [sheet_orientation] if sheet_orientation != Orientation.AUTO else [Orientation.PORTRAIT,
                                                                                     Orientation.LANDSCAPE]
    areas = poster.drawn_areas()
    best: TilePlan | None = None
    for candidate in candidates:
        width, height = tile_paper.sheet_pt(candidate)
        content_w, content_h = width - 2 * SHEET_MARGIN, height - 2 * SHEET_MARGIN
        limit_mm = min(content_w, content_h) / 2 / MM
        if not (0 <= overlap_mm <= limit_mm) or not math.isfinite(overlap_mm):
            raise ExportError("bad_overlap", overlap=overlap_mm, limit=math.floor(limit_mm))
        overlap = overlap_mm * MM
        rows, cols, sheets = _layout_sheets(poster, areas, content_w, content_h, overlap)
        plan = TilePlan(poster, tile_paper.name, candidate, width, height, SHEET_MARGIN, overlap, rows, cols,
                        tuple(sheets), options.min_text_pt or 0.0)
        if best is None or (len(plan.printed), rows * cols) < (len(best.printed), best.rows * best.cols):
            best = plan
    assert best is not None
    return best


# ---------------------------------------------------------------------- drawing
def _text(batch: TextBatch, text: str, x: float, baseline: float, size: float, bold: bool = False,
          colour: str = INK, right: bool = False, centre: bool = False) -> float:
    width = default_measurer().width(text, size, bold)
    if right:
        x -= width
    elif centre:
        x -= width / 2
    batch.add(TextLine(text, x, baseline, size, bold, False, width), colour, flip=False)
    return width


def _largest_size(band: float) -> float:
    """The largest text size whose line (ascent to descent) fits a band `band` points tall."""
    m = default_measurer()
    return band / max(1e-6, (m.ascent(10.0) + m.descent(10.0)) / 10.0)


def _crop_marks(c: Any, content: Rect) -> None:
    """Short lines in the margin continuing the content area's edges (page coordinates, y up)."""
    c.setStrokeColorRGB(*rgb(MARK_COLOUR))
    c.setLineWidth(0.3)
    for x in (content.x, content.right):
        for y, direction in ((content.y, -1), (content.bottom, 1)):
            c.line(x, y + direction * MARK_GAP, x, y + direction * (MARK_GAP + MARK_LENGTH))
    for y in (content.y, content.bottom):
        for x, direction in ((content.x, -1), (content.right, 1)):
            c.line(x + direction * MARK_GAP, y, x + direction * (MARK_GAP + MARK_LENGTH), y)


def _registration_mark(c: Any, x: float, y: float) -> None:
    radius = 2.2 * MM
    c.setStrokeColorRGB(*rgb(MARK_COLOUR))
    c.setLineWidth(0.35)
    c.circle(x, y, radius, stroke=1, fill=0)
    c.line(x - radius * 1.6, y, x + radius * 1.6, y)
    c.line(x, y - radius * 1.6, x, y + radius * 1.6)


class _TileWriter:
    def __init__(self, canvas: Any, doc: Document, plan: TilePlan) -> None:
        self.c = canvas
        self.doc = doc
        self.plan = plan
        poster = plan.poster
        self.language = poster.language
        journey = doc.get(poster.journey_id, Journey)
        self.journey_name = journey.name
        self.date_text = format_date(poster.date, self.language)
        self.min_text = plan.min_text
        self.label_pt = max(ASSEMBLY_LABEL_PT, self.min_text or 0.0)  # the assembly grid's smallest label
        self.cell_height = MIN_CELL_HEIGHT * self.label_pt / ASSEMBLY_LABEL_PT

    def w(self, key: str, **params: object) -> str:
        return word(key, self.language, **params)

    def define_poster_form(self, tick: Any) -> None:
        poster = self.plan.poster
        c = self.c
        c.beginForm(POSTER_FORM, lowerx=0, lowery=0, upperx=poster.page_width, uppery=poster.page_height)
        draw_poster_page(c, self.doc, poster, tick=tick)
        c.endForm()

    def page_size(self) -> tuple[float, float]:
        return (self.plan.sheet_width, self.plan.sheet_height)

    # -- the assembly page
    def assembly_page(self) -> None:
        """The first page: heading, hint and the grid of sheets scaled to the page, every label >= 8 pt.

        When the poster drawn to scale leaves the cells too small for their labels (a long, narrow grid),
        the page shows a small thumbnail of the poster with the grid at the left and, filling the rest of
        the page, the grid as a table of equal cells (rows wrapped into bands side by side when many).
        """
        c, plan = self.c, self.plan
        width, height = self.page_size()
        margin = plan.margin
        m = default_measurer()
        batch = TextBatch(c)
        top = height - margin
        title_size, meta_size, hint_size = (max(size, self.min_text) for size in (14.0, 9.0, 8.5))
        baseline = top - m.ascent(title_size)
        for line in m.wrap(f"{self.w('assembly')}: {self.journey_name}", width - 2 * margin, title_size, bold=True,
                           max_lines=2):
            _text(batch, line, margin, baseline, title_size, bold=True)
            baseline -= m.line_height(title_size)
        baseline -= 2
        _text(batch, m.wrap(f"{self.doc.project.name} \u00b7 {self.date_text}", width - 2 * margin, meta_size,
                            max_lines=1)[0], margin, baseline, meta_size, colour=MUTED_INK)
        baseline -= m.line_height(meta_size) + 4
        hint = self.w("assembly_hint", count=len(plan.printed), rows=plan.rows, cols=plan.cols,
                      overlap=round(plan.overlap / MM, 1))
        for line in m.wrap(hint, width - 2 * margin, hint_size):
            _text(batch, line, margin, baseline, hint_size, colour=INK)
            baseline -= m.line_height(hint_size)
        batch.flush()
        area = Rect(margin, margin, width - 2 * margin, baseline - 6 - margin)  # y up
        labels = TextBatch(c)
        scale = min(area.width / self._grid_width(), area.height / self._grid_height())
        if plan.step_x * scale >= self._min_cell_width() and plan.step_y * scale >= self.cell_height:
            self._grid_to_scale(area, labels)
        else:
            thumb_w = min(area.width * 0.28, area.height * self._grid_width() / self._grid_height())
            self._grid_to_scale(Rect(area.x, area.y, thumb_w, area.height), labels, with_labels=False)
            gap = 6 * MM
            self._grid_table(Rect(area.x + thumb_w + gap, area.y, area.width - thumb_w - gap, area.height), labels)
        labels.flush()
        c.addPageLabel(c.getPageNumber() - 1, prefix=self.w("assembly"))
        c.showPage()

    def _grid_width(self) -> float:
        return self.plan.cols * self.plan.step_x + self.plan.overlap

    def _grid_height(self) -> float:
        return self.plan.rows * self.plan.step_y + self.plan.overlap

    def _min_cell_width(self) -> float:
        """A cell must hold its longest label (the key, or the key and 'empty') at the smallest label size."""
        m = default_measurer()
        key = f"R{self.plan.rows}C{self.plan.cols}"
        return max(m.width(key, self.label_pt, True), m.width(self.w("empty_sheet"), self.label_pt)) + 8

    def _grid_to_scale(self, area: Rect, labels: TextBatch, with_labels: bool = True) -> None:
        """The poster drawn to scale into `area` (page points, y up) with the grid of sheets over it."""
        c, plan, poster = self.c, self.plan, self.plan.poster
        grid_w, grid_h = self._grid_width(), self._grid_height()
        first = plan.sheets[0].source
        scale = min(area.width / grid_w, area.height / grid_h)
        origin_x = area.x + (area.width - grid_w * scale) / 2
        origin_top = area.y + area.height - (area.height - grid_h * scale) / 2  # y up: top of the grid

        def to_page(x: float, y: float) -> tuple[float, float]:
            return (origin_x + (x - first.x) * scale, origin_top - (y - first.y) * scale)

        px, py = to_page(0.0, 0.0)
        c.saveState()  # the poster as a schematic without text (poster_schematic): no glyph below --min-text
        c.translate(px, py)
        c.scale(scale, -scale)
        c.setLineWidth(0.5 / scale)
        for box in poster_schematic(poster):
            r = box.rect
            c.setFillColorRGB(*rgb(box.fill))
            if box.outline is not None:
                c.setStrokeColorRGB(*rgb(box.outline))
            c.rect(r.x, r.y, r.width, r.height, stroke=int(box.outline is not None), fill=1)
        c.restoreState()
        c.setStrokeColorRGB(*rgb(MUTED_INK))
        c.setLineWidth(0.5)
        c.rect(px, py - poster.page_height * scale, poster.page_width * scale, poster.page_height * scale)
        for sheet in plan.sheets:
            # each sheet's own share of the poster (overlaps split in the middle), so the cells tile the grid
            left, top_y = to_page(sheet.source.x + plan.overlap / 2 * (sheet.col > 1),
                                  sheet.source.y + plan.overlap / 2 * (sheet.row > 1))
            right, bottom = to_page(sheet.source.right - plan.overlap / 2 * (sheet.col < plan.cols),
                                    sheet.source.bottom - plan.overlap / 2 * (sheet.row < plan.rows))
            self._cell(sheet, Rect(left, bottom, right - left, top_y - bottom), labels, with_labels, 0.9)

    def _grid_table(self, area: Rect, labels: TextBatch) -> None:
        """The grid as equal cells filling `area` (y up), row by row; rows wrap into bands side by side."""
        plan = self.plan
        band_gap = 4 * MM
        rows_per_band = max(1, min(plan.rows, math.floor(area.height / self.cell_height)))
        bands = math.ceil(plan.rows / rows_per_band)
        rows_per_band = math.ceil(plan.rows / bands)
        cell_w = (area.width - (bands - 1) * band_gap) / (bands * plan.cols)
        cell_h = min(area.height / rows_per_band, max(self.cell_height, cell_w * plan.step_y / plan.step_x))
        for sheet in plan.sheets:
            band, row_in_band = divmod(sheet.row - 1, rows_per_band)
            x = area.x + band * (plan.cols * cell_w + band_gap) + (sheet.col - 1) * cell_w
            y = area.y + area.height - (row_in_band + 1) * cell_h
            self._cell(sheet, Rect(x, y, cell_w, cell_h), labels, True, 0.6)

    def _cell(self, sheet: TileSheet, cell: Rect, labels: TextBatch, with_label: bool, pen: float) -> None:
        """One sheet's cell (page points, y up): its outline, crossed when empty, and its key and number."""
        c = self.c
        m = default_measurer()
        c.setStrokeColorRGB(*rgb(GUIDE_COLOUR if not sheet.empty else EMPTY_COLOUR))
        c.setLineWidth(pen)
        c.rect(cell.x, cell.y, cell.width, cell.height)
        if sheet.empty:
            c.setLineWidth(pen * 0.6)
            c.line(cell.x, cell.y, cell.right, cell.bottom)
            c.line(cell.x, cell.bottom, cell.right, cell.y)
        if not with_label:
            return
        size = max(self.label_pt, min(16.0, cell.width / 5, cell.height / 2.6))
        small = max(self.label_pt, size * 0.6)
        second = self.w("empty_sheet") if sheet.empty else f"{sheet.number}"
        two_lines = cell.height >= m.line_height(size) + m.line_height(small)
        cx, cy = cell.x + cell.width / 2, cell.y + cell.height / 2
        colour = EMPTY_COLOUR if sheet.empty else GUIDE_COLOUR
        if two_lines:
            block = m.line_height(size) + m.line_height(small)
            key_base = cy + block / 2 - m.ascent(size)
            number_base = key_base - m.descent(size) - m.ascent(small) - 1
        else:
            key_base = cy - (m.ascent(size) - m.descent(size)) / 2
        if not sheet.empty:
            label_w = max(m.width(sheet.key, size, True), m.width(second, small)) + size * 0.8
            c.setFillColorRGB(1, 1, 1)
            c.setFillAlpha(0.8)
            c.rect(cx - label_w / 2, cy - min(cell.height, m.line_height(size) * 2.2) / 2, label_w,
                   min(cell.height, m.line_height(size) * 2.2), stroke=0, fill=1)
            c.setFillAlpha(1)
        _text(labels, sheet.key, cx, key_base, size, bold=True, colour=colour, centre=True)
        if two_lines:
            _text(labels, second, cx, number_base, small, colour=INK if not sheet.empty else EMPTY_COLOUR,
                  centre=True)

    # -- one sheet
    def sheet_page(self, sheet: TileSheet) -> None:
        c, plan, poster = self.c, self.plan, self.plan.poster
        width, height = self.page_size()
        margin = plan.margin
        content = Rect(margin, margin, plan.content_width, plan.content_height)  # y up: bottom-left at (margin, margin)
        source = sheet.source
        c.saveState()
        clip = c.beginPath()
        clip.rect(content.x, content.y, content.width, content.height)
        c.clipPath(clip, stroke=0, fill=0)
        # poster point (sx, sy from the poster's top-left) lands at content.x + sx - source.x, top - (sy - source.y)
        c.translate(content.x - source.x, content.bottom + source.y - poster.page_height)
        c.doForm(POSTER_FORM)
        c.restoreState()
        self._guides(sheet, content)
        _crop_marks(c, content)
        self._registration_marks(sheet, content)
        batch = TextBatch(c)
        m = default_measurer()
        position = self.w("row_col", row=sheet.row, col=sheet.col)
        count = len(plan.printed)
        label = (f"{position} \u00b7 {self.doc.project.name} \u00b7 {self.journey_name} \u00b7 {self.date_text} "
                 f"\u00b7 {self.w('sheet_of', index=sheet.number, count=count)}")
        inset = 2.5 * MM  # keep the labels clear of the vertical crop marks at the content's edges
        band = margin - EDGE_CLEARANCE - 1.0 * MM  # the labels sit between the clearance and the content
        size = min(max(LABEL_PT, self.min_text), _largest_size(band))
        key_size = max(size, min(9.0, _largest_size(band)))
        label = m.wrap(label, width - 2 * margin - 2 * inset, size, max_lines=1)[0]
        _text(batch, label, margin + inset, EDGE_CLEARANCE + m.descent(size) + 0.3 * MM, size, colour=INK)
        top_base = height - EDGE_CLEARANCE - 0.3 * MM
        key_w = _text(batch, sheet.key, width - margin - inset, top_base - m.ascent(key_size), key_size, bold=True,
                      colour=INK, right=True)
        position = m.wrap(position, max(10.0, width - 2 * margin - 3 * inset - key_w), size, max_lines=1)[0]
        _text(batch, position, margin + inset, top_base - m.ascent(size), size, colour=MUTED_INK)
        batch.flush()
        c.addPageLabel(c.getPageNumber() - 1, prefix=sheet.key)
        c.showPage()

    def _guides(self, sheet: TileSheet, content: Rect) -> None:
        """Dashed lines where the right and lower neighbours' edges go when the sheets are laid over each other."""
        plan = self.plan
        if plan.overlap <= 0:
            return
        c = self.c
        c.setStrokeColorRGB(*rgb(GUIDE_COLOUR))
        c.setLineWidth(0.4)
        c.setDash([2, 2], 0)
        if sheet.col < plan.cols:
            x = content.right - plan.overlap
            c.line(x, content.y, x, content.bottom)
        if sheet.row < plan.rows:
            y = content.y + plan.overlap
            c.line(content.x, y, content.right, y)
        c.setDash()

    def _registration_marks(self, sheet: TileSheet, content: Rect) -> None:
        """Marks in the middle of each overlap strip; the neighbour shows the same mark at the same poster spot."""
        plan = self.plan
        half = plan.overlap / 2
        if sheet.col < plan.cols:
            for share in (0.25, 0.75):
                _registration_mark(self.c, content.right - half, content.y + content.height * share)
        if sheet.col > 1:
            for share in (0.25, 0.75):
                _registration_mark(self.c, content.x + half, content.y + content.height * share)
        if sheet.row < plan.rows:
            for share in (0.25, 0.75):
                _registration_mark(self.c, content.x + content.width * share, content.y + half)
        if sheet.row > 1:
            for share in (0.25, 0.75):
                _registration_mark(self.c, content.x + content.width * share, content.bottom - half)


def export_tiles(
    doc: Document,
    plan: TilePlan,
    out_path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
) -> TileResult:
    """Write the tiled print `plan` (from `plan_tiles`) describes: the assembly page, then one page per non-empty
    sheet, row by row.

    Page labels read 'Assembly plan' (German 'Montageplan'), 'R1C1', 'R1C2', ... `progress(done, total)`
    returning False cancels and leaves no file behind.
    """
    fonts.register_fonts()
    printed = plan.printed
    reporter = ProgressReporter(progress, total=len(plan.poster.layout.cards) + len(printed) + 2)
    with atomic_output(out_path) as temp:
        canvas = Canvas(str(temp), pagesize=(plan.sheet_width, plan.sheet_height), pageCompression=1,
                        initialFontName=fonts.REGULAR)
        set_metadata(canvas, doc, plan.poster, f"{word('assembly', plan.poster.language)} "
                     f"{plan.rows} x {plan.cols} {plan.paper}")
        writer = _TileWriter(canvas, doc, plan)
        writer.define_poster_form(reporter.advance)
        writer.assembly_page()
        reporter.advance()
        for tile in printed:
            writer.sheet_page(tile)
            reporter.advance()
        canvas.save()
        reporter.finish()
    return TileResult(str(out_path), plan)
