"""The client report's "Analysis" chapter: score vs target vs best-in-class charts, the hotspot heatmap, ranked moments of truth, uncovered pain points."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer
from reportlab.platypus.flowables import KeepTogether

from cxstudio.analysis import Analysis, analyse
from cxstudio.analysis.common import Benchmark, Score
from cxstudio.analysis.hotspots import Heatmap
from cxstudio.analysis.scores import JourneyScore
from cxstudio.export import fonts
from cxstudio.export.texts import format_number
from cxstudio.model.entities import Card

MM = 72 / 25.4
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#6b7280")
GRID = colors.HexColor("#d1d5db")
SCORE = colors.HexColor("#2f6690")
TARGET = colors.HexColor("#f2a541")
BEST = colors.HexColor("#3a7d44")
HEAT = (colors.HexColor("#fff7ed"), colors.HexColor("#c2410c"))  # no pain point .. the hottest cell
TOP_MOMENTS = 15

_WORDS = {
    "analysis": ("Analysis", "Analyse"),
    "scores": ("Scores against target and best-in-class", "Bewertungen im Vergleich zu Ziel und Best in Class"),
    "scores_note": ("Mean rating of each stage (bar, 1-10) with its range from lowest to highest rating; target and "
                    "best-in-class where a rating metric sets them.",
                    "Mittlere Bewertung je Phase (Balken, 1-10) mit der Spanne von der niedrigsten bis zur höchsten "
                    "Bewertung; Ziel und Best in Class, wo eine Bewertungskennzahl sie festlegt."),
    "journey_mean": ("Whole journey", "Gesamte Customer Journey"),
    "touchpoints": ("Touchpoints with a rating target", "Touchpoints mit Bewertungsziel"),
    "mean": ("mean", "Mittel"), "target": ("target", "Ziel"), "best": ("best in class", "Best in Class"),
    "hotspots": ("Pain-point hotspots", "Pain-Point-Schwerpunkte"),
    "hotspots_note": ("Pain points per stage and channel, weighted by priority (1 + priority: high counts 4).",
                      "Pain Points je Phase und Kanal, nach Priorität gewichtet (1 + Priorität: hoch zählt 4)."),
    "no_channel": ("no channel", "kein Kanal"),
    "moments": ("Moments of truth, most urgent first", "Moments of Truth, dringlichste zuerst"),
    "moments_note": ("Urgency = (11 - rating) x (1 + priority) x (1 + dependants: related cards and the same "
                     "touchpoint elsewhere).",
                     "Dringlichkeit = (11 - Bewertung) x (1 + Priorität) x (1 + Abhängige: verbundene Karten und "
                     "derselbe Touchpoint anderswo)."),
    "uncovered": ("Pain points no action addresses", "Pain Points ohne Maßnahme"),
    "none": ("None.", "Keine."),
    "rank": ("#", "#"), "title": ("Title", "Titel"), "journey": ("Journey", "Customer Journey"),
    "stage": ("Stage", "Phase"), "rating": ("Rating", "Bewertung"), "priority": ("Priority", "Priorität"),
    "dependants": ("Dependants", "Abhängige"), "urgency": ("Urgency", "Dringlichkeit"),
}


def _w(key: str, language: str) -> str:
    return _WORDS[key][language == "de"]


def _fit(text: str, face: str, size: float, width: float) -> str:
    """`text` cut with an ellipsis to fit `width` points."""
    if stringWidth(text, face, size) <= width:
        return text
    while text and stringWidth(text + "…", face, size) > width:
        text = text[:-1]
    return text + "…"


class ScoreChart(Flowable):
    """One journey's stages as horizontal bars on the 1-10 scale: mean, range, target and best-in-class marks."""

    ROW = 13.0

    def __init__(self, rows: list[tuple[str, Score, Benchmark | None]], width: float, language: str,
                 total_last: bool = True) -> None:
        super().__init__()
        self.rows, self.chart_width, self.language, self.total_last = rows, width, language, total_last

    @classmethod
    def of_journey(cls, journey: JourneyScore, width: float, language: str) -> ScoreChart:
        rows = [(stage.name, stage.score, stage.benchmark) for stage in journey.stages]
        rows.append((_w("journey_mean", language), journey.score, journey.benchmark))
        return cls(rows, width, language)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.chart_width, self.ROW * (len(self.rows) + 2)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """Charts of many rows (a project with hundreds of rated touchpoints) continue on the next page."""
        fits = int(available_height // self.ROW) - 2
        if fits < 1 or fits >= len(self.rows):
            return []
        return [ScoreChart(self.rows[:fits], self.chart_width, self.language, total_last=False),
                ScoreChart(self.rows[fits:], self.chart_width, self.language, total_last=self.total_last)]

    def draw(self) -> None:
        c, face, bold = self.canv, fonts.face(), fonts.face(bold=True)
        label = min(150.0, self.chart_width * 0.35)
        left, right = label + 6, self.chart_width - 30
        scale = (right - left) / 10.0
        top = self.ROW * (len(self.rows) + 1)

        def x(value: float) -> float:
            return left + scale * value

        c.setFont(face, 6.5)
        c.setStrokeColor(GRID)
        c.setLineWidth(0.4)
        for tick in range(0, 11):
            c.line(x(tick), self.ROW * 0.6, x(tick), top)
            c.setFillColor(MUTED)
            c.drawCentredString(x(tick), 0, str(tick))
        for index, (name, score, mark) in enumerate(self.rows):
            y = top - self.ROW * (index + 1)
            last = self.total_last and index == len(self.rows) - 1
            c.setFillColor(INK)
            c.setFont(bold if last else face, 7.5)
            c.drawString(0, y + 3, _fit(name, bold if last else face, 7.5, label))
            if score.mean is not None:
                c.setFillColor(SCORE)
                c.rect(left, y + 2, scale * score.mean, self.ROW - 5, stroke=0, fill=1)
                c.setStrokeColor(INK)
                c.setLineWidth(0.8)
                c.line(x(score.minimum), y + self.ROW / 2, x(score.maximum), y + self.ROW / 2)
                c.setFillColor(INK)
                c.setFont(face, 6.5)
                c.drawString(x(score.mean) + 3, y + 3.5, format_number(score.mean, self.language))
            for value, colour in ((mark.target if mark else None, TARGET), (mark.best_in_class if mark else None, BEST)):
                if value is not None:
                    c.setStrokeColor(colour)
                    c.setLineWidth(2.2)
                    c.line(x(value), y + 0.5, x(value), y + self.ROW - 1.5)
        legend_y = top + 2
        c.setFont(face, 6.5)
        position = left
        for key, colour in (("mean", SCORE), ("target", TARGET), ("best", BEST)):
            c.setFillColor(colour)
            c.rect(position, legend_y, 8, 5, stroke=0, fill=1)
            c.setFillColor(MUTED)
            c.drawString(position + 10, legend_y, _w(key, self.language))
            position += 14 + stringWidth(_w(key, self.language), face, 6.5) + 8


class HeatmapChart(Flowable):
    """The hotspot heatmap: stages down, channels across, each cell's weight as colour and number."""

    ROW = 12.0

    def __init__(self, heatmap: Heatmap, width: float, language: str, hottest: int | None = None) -> None:
        super().__init__()
        self.heatmap, self.chart_width, self.language = heatmap, width, language
        self.hottest = max(heatmap.maximum if hottest is None else hottest, 1)  # one colour scale across pages

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.chart_width, self.ROW * (len(self.heatmap.rows) + 3)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """A heatmap of many stages (a large project) continues on the next page, its header repeated."""
        fits = int(available_height // self.ROW) - 3
        rows, cells = self.heatmap.rows, self.heatmap.cells
        if fits < 1 or fits >= len(rows):
            return []
        return [HeatmapChart(replace(self.heatmap, rows=rows[:fits], cells=cells[:fits]), self.chart_width,
                             self.language, self.hottest),
                HeatmapChart(replace(self.heatmap, rows=rows[fits:], cells=cells[fits:]), self.chart_width,
                             self.language, self.hottest)]

    def draw(self) -> None:
        c, face = self.canv, fonts.face()
        rows, columns, cells = self.heatmap.rows, self.heatmap.columns, self.heatmap.cells
        label = min(170.0, self.chart_width * 0.38)
        cell_width = (self.chart_width - label) / max(len(columns), 1)
        top = self.ROW * (len(rows) + 2)
        hottest = self.hottest
        c.setFont(face, 6.5)
        for j, column in enumerate(columns):
            name = column.name or _w("no_channel", self.language)
            c.setFillColor(MUTED)
            c.drawCentredString(label + cell_width * (j + 0.5), top + 2, _fit(name, face, 6.5, cell_width - 2))
        for i, row in enumerate(rows):
            y = top - self.ROW * (i + 1)
            c.setFillColor(INK)
            c.setFont(face, 7)
            c.drawString(0, y + 3, _fit(row.name, face, 7, label - 4))
            for j, value in enumerate(cells[i]):
                share = value / hottest
                low, high = HEAT
                fill = colors.Color(low.red + (high.red - low.red) * share, low.green + (high.green - low.green) * share,
                                    low.blue + (high.blue - low.blue) * share)
                c.setFillColor(fill)
                c.setStrokeColor(colors.white)
                c.rect(label + cell_width * j, y, cell_width, self.ROW, stroke=1, fill=1)
                if value:
                    c.setFillColor(colors.white if share > 0.55 else INK)
                    c.setFont(face, 7)
                    c.drawCentredString(label + cell_width * (j + 0.5), y + 3.5, str(value))


def analysis_chapter(report: Any, heading: Callable[[str, Any, int], Paragraph]) -> list[Flowable]:
    """The chapter's flowables for the report's journeys; `report` is the report's builder (its document, journeys,
    language, styles, page width and `_table(rows, widths, numeric_columns)`), `heading(text, style, level)` the
    report's heading maker (entries of the contents)."""
    doc, journey_ids, language = report.doc, report.journey_ids, report.language
    styles, width = report.styles, report.portrait_width
    make_table: Callable[..., Flowable] = report._table
    analysis: Analysis = getattr(report, "analysis", None) or analyse(doc, journey_ids=journey_ids, language=language)
    flow: list[Flowable] = [CondPageBreak(80 * MM), heading(_w("analysis", language), styles["h1"], 0),
                            heading(_w("scores", language), styles["h2"], 1),
                            Paragraph(_w("scores_note", language), styles["muted"])]
    for journey in analysis.scores:
        chart = ScoreChart.of_journey(journey, width, language)
        flow.append(KeepTogether([Paragraph(f"<b>{_escape(journey.name)}</b>", styles["body"]), Spacer(1, 3), chart,
                                  Spacer(1, 8)]))
    marked = [(t.name, t.score, t.benchmark) for t in analysis.touchpoints if t.benchmark is not None and t.card_ids]
    if marked:
        flow.append(KeepTogether([Paragraph(f"<b>{_escape(_w('touchpoints', language))}</b>", styles["body"]),
                                  Spacer(1, 3), ScoreChart(marked, width, language, total_last=False), Spacer(1, 8)]))
    flow += [heading(_w("hotspots", language), styles["h2"], 1), Paragraph(_w("hotspots_note", language),
                                                                           styles["muted"])]
    heatmap = analysis.hotspots.stage_by_channel
    flow.append(HeatmapChart(heatmap, width, language) if heatmap.rows else Paragraph(_w("none", language),
                                                                                       styles["muted"]))
    names = {j.journey_id: j.name for j in analysis.scores}
    stages = {s.stage_id: s.name for j in analysis.scores for s in j.stages}
    flow += [heading(_w("moments", language), styles["h2"], 1), Paragraph(_w("moments_note", language),
                                                                          styles["muted"])]
    if analysis.moments:
        rows: list[list[Any]] = [[_w(k, language) for k in ("rank", "title", "journey", "rating", "priority",
                                                            "dependants", "urgency")]]
        for rank, moment in enumerate(analysis.moments[:TOP_MOMENTS], start=1):
            rows.append([str(rank), moment.title, names.get(moment.journey_id, ""),
                         "" if moment.rating is None else str(moment.rating), str(moment.priority),
                         str(moment.dependants), str(moment.score)])
        fixed = 19 * MM
        rest = width - 8 * MM - 4 * fixed
        flow.append(make_table(rows, [8 * MM, rest * 0.6, rest * 0.4, fixed, fixed, fixed, fixed],
                               numeric_columns=(0, 3, 4, 5, 6)))
    else:
        flow.append(Paragraph(_w("none", language), styles["muted"]))
    flow.append(heading(_w("uncovered", language), styles["h2"], 1))
    uncovered = [c for c in map(doc.find, analysis.coverage.uncovered_pain_point_ids) if isinstance(c, Card)]
    if uncovered:
        rows = [[_w(k, language) for k in ("title", "journey", "stage", "rating", "priority")]]
        rows += [[c.title, names.get(c.journey_id, ""), stages.get(c.stage_id, ""),
                  "" if c.rating is None else str(c.rating), str(c.priority)] for c in uncovered]
        rest = width - 2 * 19 * MM
        flow.append(make_table(rows, [rest * 0.45, rest * 0.3, rest * 0.25, 19 * MM, 19 * MM], numeric_columns=(3, 4)))
    else:
        flow.append(Paragraph(_w("none", language), styles["muted"]))
    return flow


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)
