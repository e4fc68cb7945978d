"""The client report PDF: cover, contents, personas, journey maps, touchpoints, pain points, insights, actions, metrics.

Internal notes of cards and internal comments are never read here, so they cannot reach a client.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from cxstudio.analysis import analyse
from cxstudio.export import fonts
from cxstudio.export.draw import map_region
from cxstudio.export.errors import ExportError
from cxstudio.export.options import DEFAULT_OPTIONS, ExportOptions
from cxstudio.export.output import Progress, ProgressReporter, atomic_output
from cxstudio.export.report_analysis import analysis_chapter
from cxstudio.export.report_canvas import (
    DraftCanvas,
    ReportCanvas,
    collect_young_garbage,
)
from cxstudio.export.report_maps import OVERVIEW_MIN_TEXT_PT, MapLayouts, MapPage, OverviewMap
from cxstudio.export.report_metrics import SignedBars, format_signed, metric_value
from cxstudio.export.report_names import Names as _Names
from cxstudio.export.report_overview import JourneyOverview, overview_orientation, smallest_text
from cxstudio.export.report_summary import action_rank, pain_rank, summary_section
from cxstudio.export.report_tables import PagedTable, Wrapper, hyphenator, make_table, title_and_text
from cxstudio.export.slices import DetailPage, detail_pages
from cxstudio.export.texts import format_date, word
from cxstudio.layout.journey import ViewKind
from cxstudio.memory import paused_collection
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    Action,
    Card,
    Comment,
    Insight,
    Journey,
    Metric,
    Persona,
)

MM = 72.0 / 25.4
MARGIN = 16 * MM
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#2f6690")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4ecf3")
MIN_MAP_TEXT_PT = 7.0  # the smallest text of a map's detail pages; the map is split into parts rather than shrunk
MAX_PERSONAS_IN_CONTENTS = 12  # more persona names would make the contents longer than they help
HEADING_ROOM = 44.0  # a journey's heading on its overview page, before its facts


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What was written: the path, the number of pages and how many map parts each journey got."""

    path: str
    pages: int
    map_parts: dict[str, int]


# ---------------------------------------------------------------------- styles
def _styles(language: str) -> dict[str, ParagraphStyle]:
    regular, bold = fonts.face(), fonts.face(bold=True)
    base = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK,
                          hyphenationLang=hyphenator(language))
    styles = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "muted": ParagraphStyle("muted", parent=base, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=9.8),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=bold, fontSize=7, leading=8.6),
        "label": ParagraphStyle("label", parent=base, fontName=bold, fontSize=8, leading=9.8),
        "h1": ParagraphStyle("h1", parent=base, fontName=bold, fontSize=18, leading=23, spaceBefore=4,
                             spaceAfter=10, textColor=ACCENT),
        "h2": ParagraphStyle("h2", parent=base, fontName=bold, fontSize=13, leading=17, spaceBefore=10,
                             spaceAfter=6),
        "h3": ParagraphStyle("h3", parent=base, fontName=bold, fontSize=10.5, leading=14, spaceBefore=6,
                             spaceAfter=3),
        "cover_title": ParagraphStyle("cover_title", parent=base, fontName=bold, fontSize=30, leading=37,
                                      textColor=ACCENT, alignment=TA_CENTER),
        "cover_sub": ParagraphStyle("cover_sub", parent=base, fontSize=15, leading=21, alignment=TA_CENTER),
        "cover_meta": ParagraphStyle("cover_meta", parent=base, fontSize=11, leading=16, alignment=TA_CENTER,
                                     textColor=MUTED),
        "toc1": ParagraphStyle("toc1", parent=base, fontName=bold, fontSize=10.5, leading=15, leftIndent=0),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9.5, leading=13, leftIndent=16),
    }
    for key in ("h1", "h2", "h3", "cover_title", "cover_sub", "cover_meta", "toc1", "toc2"):
        styles[key].hyphenationLang = ""  # titles and headings wrap at spaces only
    return styles


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain user text (escaped, line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


# ---------------------------------------------------------------------- document template
class _ReportTemplate(BaseDocTemplate):
    """Portrait pages for text, landscape pages for maps; headings feed the contents and the PDF outline."""

    def __init__(self, filename: str, page_size: tuple[float, float], footer: str, language: str) -> None:
        super().__init__(filename, pagesize=page_size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, title=footer, author="CX Studio", creator="CX Studio")
        self.footer_text = footer
        self.language = language
        portrait_size = page_size
        landscape_size = landscape(page_size)
        self.addPageTemplates([
            PageTemplate("portrait", [self._frame(portrait_size, "p")], onPage=self._decorate, pagesize=portrait_size),
            PageTemplate("landscape", [self._frame(landscape_size, "l")], onPage=self._decorate,
                         pagesize=landscape_size),
        ])
        self._heading_count = 0
        self._builds = 0
        self.draft = True
        self.on_flowable: Callable[[], None] | None = None  # progress: called after each flowable is placed

    def build(self, flowables: list[Flowable], filename: str | None = None, canvasmaker: Any = ReportCanvas) -> None:
        # multiBuild lays the story out at least twice and saves only a pass whose contents did not change
        # (never the first, whose contents are still empty): the first pass is a draft that only counts pages,
        # on a canvas that skips the costly drawing
        self._builds += 1
        self.draft = self._builds == 1
        if self.draft:  # detail pages after a journey's first are counted, not laid out (report_maps.py)
            flowables = [f for f in flowables if not getattr(f, "draft_skip", False)]
        else:  # the pass before left its pages and flowables in reference cycles
            self.canv = None
            collect_young_garbage()
        super().build(flowables, filename, DraftCanvas if self.draft else canvasmaker)

    @staticmethod
    def _frame(size: tuple[float, float], key: str) -> Frame:
        return Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - 4 * MM, id=key,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def _decorate(self, canvas: Any, doc: Any) -> None:
        if canvas.getPageNumber() == 1:
            return
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(fonts.face(), 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN * 0.5, self.footer_text)
        canvas.drawRightString(width - MARGIN, MARGIN * 0.5, word("page", self.language, page=canvas.getPageNumber()))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, MARGIN * 0.5 + 10, width - MARGIN, MARGIN * 0.5 + 10)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if self.on_flowable is not None:
            self.on_flowable()
        level = getattr(flowable, "toc_level", None)
        if level is None:
            return
        text = flowable.getPlainText()
        key = getattr(flowable, "toc_key", None)
        if key is None:
            self._heading_count += 1
            key = f"h{self._heading_count}"
            flowable.toc_key = key
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, escape(text), self.page, key))


def _quoted(text: str, language: str) -> str:
    """A quotation in the language's quotation marks, unless it already has some."""
    stripped = text.strip()
    if stripped[:1] in "\u201e\u201c\u201d\"'\u00bb\u00ab\u2018\u201a":
        return stripped
    return f"\u201e{stripped}\u201c" if language == "de" else f"\u201c{stripped}\u201d"


def _heading(text: str, style: ParagraphStyle, level: int) -> Paragraph:
    heading = _p(text, style)
    heading.toc_level = level  # type: ignore[attr-defined]
    return heading


# ---------------------------------------------------------------------- flowables
# ---------------------------------------------------------------------- content helpers
def _journey_order(doc: Document) -> dict[str, tuple[int, int, int, int]]:
    """Card id -> (journey order, stage order, lane order, card order) for stable listings."""
    order: dict[str, tuple[int, int, int, int]] = {}
    for journey in doc.journeys():
        stage_order = {s.id: s.order for s in doc.stages(journey.id)}
        lane_order = {lane.id: lane.order for lane in doc.lanes(journey.id)}
        for card in doc.cards(journey.id):
            order[card.id] = (journey.order, stage_order.get(card.stage_id, 0), lane_order.get(card.lane_id, 0),
                              card.order)
    return order


# ---------------------------------------------------------------------- the report
class _ReportBuilder:
    def __init__(self, doc: Document, language: str, page_size: tuple[float, float], date: _dt.date,
                 view: ViewKind, journey_ids: Sequence[str]) -> None:
        self.doc = doc
        self.language = language
        self.page_size = page_size
        self.date = date
        self.view = view
        self.journey_ids = list(journey_ids)
        self.family = fonts.register_fonts()
        self.styles = _styles(language)
        self.wrapper = Wrapper(language)
        self.toc: TableOfContents | None = None
        self.analysis = analyse(doc, journey_ids=self.journey_ids, language=language)
        self.names = _Names(doc)
        self.order = _journey_order(doc)
        self.map_parts: dict[str, int] = {}
        self.maps = MapLayouts(doc, view, language)
        self.portrait_width = page_size[0] - 2 * MARGIN
        landscape_size = landscape(page_size)
        self.landscape_frame = (landscape_size[0] - 2 * MARGIN, landscape_size[1] - 2 * MARGIN - 4 * MM)
        self.portrait_frame = (page_size[0] - 2 * MARGIN, page_size[1] - 2 * MARGIN - 4 * MM)

    def w(self, key: str, **params: object) -> str:
        return word(key, self.language, **params)

    def story(self, reporter: ProgressReporter) -> list[Flowable]:
        s = self.styles
        story: list[Flowable] = []
        story += self._cover()
        story.append(_p(self.w("contents"), s["h1"]))
        toc = TableOfContents()
        toc.levelStyles = [s["toc1"], s["toc2"]]
        toc.dotsMinLevel = 0
        self.toc = toc
        story.append(toc)
        story.append(PageBreak())
        story += summary_section(self, self.analysis, _heading)
        story += self._personas()
        reporter.advance()
        for journey_id in self.journey_ids:
            story += self._journey(journey_id)
            reporter.advance()
        story.append(NextPageTemplate("portrait"))
        story.append(PageBreak())
        story += self._touchpoints()
        story += self._pain_points()
        story += analysis_chapter(self, _heading)  # the Analysis chapter (report_analysis.py)
        story += self._insights()
        story += self._actions()
        story += self._metrics()
        story += self._comments()
        self.maps.release()  # laid out again, one journey at a time, when the maps are drawn
        reporter.advance()
        return story

    # -- sections
    def _cover(self) -> list[Flowable]:
        s = self.styles
        project = self.doc.project
        flow: list[Flowable] = [Spacer(1, self.page_size[1] * 0.22), _p(project.name, s["cover_title"]),
                                Spacer(1, 14), _p(self.w("report"), s["cover_sub"]), Spacer(1, 30)]
        if project.client:
            flow.append(_p(f"{self.w('client')}: {project.client}", s["cover_meta"]))
        flow.append(_p(format_date(self.date, self.language), s["cover_meta"]))
        if project.description:
            flow += [Spacer(1, 30), _p(project.description, s["muted"])]
        flow.append(PageBreak())
        return flow

    def _personas(self) -> list[Flowable]:
        s = self.styles
        personas = sorted(self.doc.all(Persona), key=lambda p: (p.order, p.name))
        flow: list[Flowable] = [_heading(self.w("personas"), s["h1"], 0)]
        if not personas:
            flow.append(_p(self.w("none_yet"), s["muted"]))
        for persona in personas:
            rows: list[list[Any]] = []
            fields = [
                ("role", persona.role), ("age", "" if persona.age is None else str(persona.age)),
                ("occupation", persona.occupation), ("location", persona.location), ("goals", persona.goals),
                ("needs", persona.needs), ("frustrations", persona.frustrations), ("behaviour", persona.behaviour),
                ("online_affinity", "" if persona.online_affinity is None else str(persona.online_affinity)),
                ("preferred_channels", ", ".join(self.names.channels.get(c, "") for c in persona.preferred_channel_ids)),
            ]
            for key, value in fields:
                if value:
                    rows.append([_p(self.w(key), s["label"]), _p(value, s["cell"])])
            # persona names go into the contents while they fit on its one page
            name = _heading(persona.name, s["h2"], 1) if len(personas) <= MAX_PERSONAS_IN_CONTENTS else _p(
                persona.name, s["h2"])
            block: list[Flowable] = [name]
            if persona.quote:
                block.append(_p(_quoted(persona.quote, self.language), s["muted"]))
                block.append(Spacer(1, 4))
            if rows:
                table = Table(rows, colWidths=[45 * MM, self.portrait_width - 45 * MM], hAlign="LEFT")
                table.setStyle(TableStyle([
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]))
                block.append(table)
            flow.append(KeepTogether(block))
        return flow

    def _journey(self, journey_id: str) -> list[Flowable]:
        """A journey's one-page overview (its whole map where legible, else stages x lanes with the emotion
        curve), then its map on detail pages at MIN_MAP_TEXT_PT, unless the overview already prints it so."""
        s = self.styles
        journey = self.doc.get(journey_id, Journey)
        layout = self.maps.layout(journey_id)  # the journey before is let go (report_maps.py)
        facts = []
        persona = self.names.personas.get(journey.persona_id or "")
        facts.append(f"<b>{escape(self.w('persona'))}:</b> {escape(persona.name if persona else self.w('no_persona'))}"
                     f" &nbsp; · &nbsp; <b>{escape(self.w('state'))}:</b> {escape(self.w(journey.state))}")
        for key in ("scenario", "expectations"):
            if getattr(journey, key):
                facts.append(f"<b>{escape(self.w(key))}:</b> {escape(getattr(journey, key))}")
        smallest = smallest_text(layout)
        region = map_region(layout)
        fits = {}
        for orientation, (frame_w, frame_h) in (("landscape", self.landscape_frame), ("portrait", self.portrait_frame)):
            room = frame_h - HEADING_ROOM - sum(self._lines_of(f, frame_w) for f in facts) * s["body"].leading - 8
            fits[orientation] = min(frame_w / region.width, room / region.height)
        orientation = max(fits, key=lambda o: fits[o])
        whole = fits[orientation] * smallest >= OVERVIEW_MIN_TEXT_PT
        if not whole:
            orientation = overview_orientation(layout)
        details = fits[orientation] * smallest < MIN_MAP_TEXT_PT - 1e-9
        flow: list[Flowable] = [NextPageTemplate(orientation), PageBreak(),
                                _heading(f"{self.w('journey')}: {journey.name}", s["h1"], 0)]
        flow += [Paragraph(fact, s["body"]) for fact in facts]
        flow.append(Spacer(1, 6))
        overview = JourneyOverview(self.doc, layout, self.language, self.wrapper, details_follow=details)
        flow.append(OverviewMap(self.maps, journey_id, region, smallest, overview))
        parts: list[DetailPage] = []
        if details:
            detail_orientation, parts = self.map_parts_of(layout)
            for index, part in enumerate(parts):
                # every part fills one page: the draft pass lays out the first and counts the others
                page = [NextPageTemplate(detail_orientation), PageBreak(),
                        _p(self.w("map_part", journey=journey.name, index=index + 1, count=len(parts)), s["h3"]),
                        MapPage(self.maps, journey_id, region, part, self.language,
                                draft_pages=0 if index else len(parts) - 1)]
                for flowable in page if index else ():
                    flowable.draft_skip = True  # type: ignore[attr-defined]
                flow += page
        self.map_parts[journey_id] = len(parts)
        return flow

    def _lines_of(self, markup: str, width: float) -> int:
        """About how many lines a paragraph of the journey's facts takes (markup counted as text: generous)."""
        return 1 + int(stringWidth(markup, fonts.face(), self.styles["body"].fontSize) // max(width, 1.0))

    def _table(self, rows: list[list[Any]], widths: Sequence[float], numeric_columns: Iterable[int] = ()) -> PagedTable:
        return make_table(rows, widths, self.wrapper, numeric_columns)

    def map_parts_of(self, layout: Any) -> tuple[str, list[DetailPage]]:
        """The page orientation and the detail pages a journey's map is printed on, every text at least
        MIN_MAP_TEXT_PT (slices.py: stage groups x bands split between cards): landscape pages unless portrait
        ones need fewer pages."""
        smallest = smallest_text(layout)
        body_pt = MIN_MAP_TEXT_PT * layout.settings.card_text_size / smallest
        choices = []
        for orientation, (frame_w, frame_h) in (("landscape", self.landscape_frame),
                                                 ("portrait", self.portrait_frame)):
            # each page holds a one-line part heading above its part
            choices.append((orientation, detail_pages(layout, frame_w, frame_h - 30, body_pt)))
        return min(choices, key=lambda choice: (choice[1][0].scale * smallest < MIN_MAP_TEXT_PT - 1e-6,
                                                len(choice[1]), -choice[1][0].scale))

    def _touchpoints(self) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [_heading(self.w("touchpoint_inventory"), s["h1"], 0)]
        cards = [
            c for j in self.journey_ids for c in self.doc.cards(j)
            if c.kind == "touchpoint" or c.touchpoint_id is not None or c.channel_id is not None
        ]
        cards.sort(key=lambda c: self.order.get(c.id, (0, 0, 0, 0)))
        if not cards:
            return flow + [_p(self.w("none_yet"), s["muted"])]
        header = [self.w(k) for k in ("touchpoint", "journey", "stage", "channel", "owner", "rating_short",
                                      "mot_short", "pain_short")]
        rows: list[list[Any]] = [header]
        yes = self.w("yes")
        for card in cards:
            rows.append([
                card.title, self.names.journeys[card.journey_id].name,
                self.names.stages[card.stage_id].name, self.names.channel_of(card),
                self.names.owner_of(card), "" if card.rating is None else str(card.rating),
                yes if card.moment_of_truth else "", yes if card.pain_point or card.kind == "pain_point" else "",
            ])
        width = self.portrait_width
        fixed = [19 * MM, 10 * MM, 10 * MM]
        rest = width - sum(fixed)
        widths = [rest * 0.25, rest * 0.19, rest * 0.18, rest * 0.14, rest * 0.24] + fixed
        if len(self.journey_ids) == 1:  # one journey: its column would repeat the same name in every row
            rows = [row[:1] + row[2:] for row in rows]
            widths = [rest * 0.31, rest * 0.22, rest * 0.17, rest * 0.30] + fixed
        flow.append(self._table(rows, widths, numeric_columns=(len(widths) - 3,)))
        return flow

    def _ranked(self, cards: list[Card], title_key: str) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [_heading(self.w(title_key), s["h2"], 1)]
        if not cards:
            return flow + [_p(self.w("none_yet"), s["muted"])]
        cards.sort(key=pain_rank(self.order))
        header = ["#", self.w("title"), self.w("journey"), self.w("stage"), self.w("rating_short"),
                  self.w("priority"), self.w("expectation")]
        rows: list[list[Any]] = [header]
        for rank, card in enumerate(cards, start=1):
            rows.append([
                str(rank), card.title, self.names.journeys[card.journey_id].name,
                self.names.stages[card.stage_id].name, "" if card.rating is None else str(card.rating),
                self.w(f"priority_{card.priority}"), card.expectation,
            ])
        width = self.portrait_width
        fixed = [8 * MM, 19 * MM, 17 * MM]
        rest = width - sum(fixed)
        widths = [fixed[0], rest * 0.31, rest * 0.21, rest * 0.2, fixed[1], fixed[2], rest * 0.28]
        if len(self.journey_ids) == 1:  # one journey: its column would repeat the same name in every row
            rows = [row[:2] + row[3:] for row in rows]
            widths = [fixed[0], rest * 0.4, rest * 0.25, fixed[1], fixed[2], rest * 0.35]
        flow.append(self._table(rows, widths, numeric_columns=(0, len(widths) - 3)))
        return flow

    def _pain_points(self) -> list[Flowable]:
        s = self.styles
        cards = [c for j in self.journey_ids for c in self.doc.cards(j)]
        flow: list[Flowable] = [CondPageBreak(60 * MM), _heading(self.w("pain_points_mot"), s["h1"], 0)]
        flow += self._ranked([c for c in cards if c.pain_point or c.kind == "pain_point"], "pain_points")
        flow += self._ranked([c for c in cards if c.moment_of_truth], "moments_of_truth")
        return flow

    def _insights(self) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [CondPageBreak(60 * MM), _heading(self.w("insights"), s["h1"], 0)]
        insights = sorted(self.doc.all(Insight), key=lambda i: i.title)
        if not insights:
            return flow + [_p(self.w("none_yet"), s["muted"])]
        for insight in insights:
            block: list[Flowable] = [_p(insight.title, s["h3"])]
            if insight.text:
                block.append(_p(insight.text, s["body"]))
            if insight.evidence:
                block.append(Paragraph(f"<b>{escape(self.w('evidence'))}:</b> {escape(insight.evidence)}", s["body"]))
            # the same card title in several journeys (as-is and to-be) is listed once
            linked = list(dict.fromkeys(x for x in map(self.names.label_of, insight.card_ids) if x))
            if linked:
                block.append(Paragraph(f"<b>{escape(self.w('linked_cards'))}:</b> "
                                       f"{escape('; '.join(linked))}", s["small"]))
            flow.append(KeepTogether(block))
        return flow

    def _actions(self) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [CondPageBreak(60 * MM), _heading(self.w("action_plan"), s["h1"], 0)]
        actions = sorted(self.doc.all(Action), key=action_rank)
        if not actions:
            return flow + [_p(self.w("none_yet"), s["muted"])]
        metrics = {m.id: m for m in self.doc.all(Metric)}
        header = [self.w(k) for k in ("action", "owner", "status", "priority", "due", "target", "best_in_class",
                                      "reference")]
        rows: list[list[Any]] = [header]
        width = self.portrait_width
        fixed = [17 * MM, 15 * MM, 19 * MM, 23 * MM]
        rest = width - sum(fixed)
        widths = [rest * 0.32, rest * 0.24, fixed[0], fixed[1], fixed[2], rest * 0.28, fixed[3], rest * 0.16]
        for action in actions:
            metric = metrics.get(action.metric_id or "")
            target = best = ""
            if metric is not None:
                value = action.target_value if action.target_value is not None else metric.target
                target = f"{metric.name}: {metric_value(metric, value, self.language)}" if value is not None else ""
                best = metric_value(metric, metric.best_in_class, self.language)
            elif action.target_value is not None:
                target = format_signed(action.target_value, self.language)
            rows.append([
                title_and_text(action.title, action.description, widths[0], self.wrapper), action.owner,
                self.w(f"status_{action.status}"), self.w(f"priority_{action.priority}"),
                format_date(action.due, self.language), target, best, action.external_ref,
            ])
        flow.append(self._table(rows, widths, numeric_columns=(6,)))
        return flow

    def _metrics(self) -> list[Flowable]:
        s = self.styles
        flow: list[Flowable] = [CondPageBreak(60 * MM), _heading(self.w("metrics"), s["h1"], 0)]
        metrics = sorted(self.doc.all(Metric), key=lambda m: (m.scope != "project", m.name))
        if not metrics:
            return flow + [_p(self.w("none_yet"), s["muted"])]
        bars_width = 52 * MM
        labels = [self.w("current"), self.w("target"), self.w("best_in_class")]
        header = [self.w(k) for k in ("metric", "scope", "current", "target", "best_in_class")] + [""]
        rows: list[list[Any]] = [header]
        for metric in metrics:
            scope = self.w(f"scope_{metric.scope}")
            if metric.scope_id:
                scope = f"{scope}: {self.names.label_of(metric.scope_id)}"
            name = metric.name + (f"\n{self.w('source')}: {metric.source}" if metric.source else "")
            rows.append([
                name, scope, *(metric_value(metric, v, self.language)
                               for v in (metric.current, metric.target, metric.best_in_class)),
                SignedBars(metric, bars_width, labels, self.language),
            ])
        width = self.portrait_width
        fixed = [23 * MM, 23 * MM, 23 * MM, bars_width + 6]
        rest = width - sum(fixed)
        flow.append(self._table(rows, [rest * 0.55, rest * 0.45] + fixed, numeric_columns=(2, 3, 4)))
        return flow

    def _comments(self) -> list[Flowable]:
        """Shared comments only: internal comments are for the team and never reach a client."""
        s = self.styles
        shared = [c for c in self.doc.all(Comment) if not c.internal]
        if not shared:
            return []
        shared.sort(key=lambda c: (c.created, c.author, c.text))
        flow: list[Flowable] = [CondPageBreak(60 * MM), _heading(self.w("comments"), s["h1"], 0)]
        rows: list[list[Any]] = [[self.w(k) for k in ("on", "author", "date", "text")]]
        for comment in shared:
            rows.append([self.names.label_of(comment.target_id), comment.author,
                         format_date(comment.created, self.language), comment.text])
        width = self.portrait_width
        flow.append(self._table(rows, [width * 0.25, width * 0.15, 22 * MM, width * 0.6 - 22 * MM]))
        return flow


_REPORT_PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": letter}


def export_report(
    doc: Document,
    out_path: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    *,
    progress: Progress | None = None,
) -> ReportResult:
    """Write the client report of `doc` (all journeys, or `options.journey_ids`) to `out_path` as one PDF.

    Reads the options' language, paper (A4 or letter; None: A4), view and date. `progress(done, total)`
    is called as sections are built and pages are laid out; returning False cancels
    (ExportCancelledError) and leaves no file behind.
    """
    language, paper, view, journey_ids, date = (
        options.language, options.paper or "A4", options.view, options.journey_ids, options.date,
    )
    language = language or doc.project.language
    page_size = _REPORT_PAPERS.get(paper.strip().lower())
    if page_size is None:
        raise ExportError("unknown_report_paper", paper=paper)
    view_kind = _view(view)
    ids = list(journey_ids) if journey_ids is not None else [j.id for j in doc.journeys()]
    with paused_collection():  # the build only adds live objects; what it leaves is collected after
        builder = _ReportBuilder(doc, language, page_size, date or _dt.date.today(), view_kind, ids)
        reporter = ProgressReporter(progress, total=len(ids) + 4)
        story = builder.story(reporter)
        # then two layout passes (a third, when the contents move pages, only fills the bar)
        reporter.grow(len(story) + sum(1 for f in story if not getattr(f, "draft_skip", False)))
        footer = f"{doc.project.name} · {word('report', language)} · {format_date(builder.date, language)}"
        with atomic_output(out_path) as temp:
            template = _ReportTemplate(str(temp), page_size, footer, language)
            template.on_flowable = reporter.advance
            if builder.toc is not None:  # the draft pass lays the contents out at their final length: two passes do
                builder.toc._entries = [(level, escape(text), 0, None) for level, text in _toc_headings(story)]
            template.multiBuild(story, maxPasses=4)
            pages = template.page
            reporter.finish()
    return ReportResult(str(out_path), pages, dict(builder.map_parts))


def _toc_headings(flowables: Iterable[Flowable]) -> Iterable[tuple[int, str]]:
    """The (level, text) of every heading that goes into the contents, in story order."""
    for flowable in flowables:
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            yield level, flowable.getPlainText()
        elif isinstance(flowable, KeepTogether):
            yield from _toc_headings(flowable._content)


def _view(view: ViewKind | str) -> ViewKind:
    from cxstudio.export.draw import parse_view

    return parse_view(view)
