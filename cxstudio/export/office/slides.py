"""PowerPoint export (python-pptx): title, personas, each journey map as native editable shapes, pain points, action plan.

A map is drawn as shapes PowerPoint can edit, never as a picture: stage headers and lane headers as
rectangles forming a grid, cards as rounded rectangles holding their title (and rating) as text, the
emotion curve as a freeform line. When a map cannot stay legible on one 16:9 slide (cards at least
`MIN_FONT_PT`, columns at least `MIN_COLUMN_IN` wide) it is split: stages into column groups, lanes
into row groups, each slide titled with its part. Pain points (ranked) and the action plan are native
tables, continued over as many slides as they need.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxstudio.editing.tables import enum_word
from cxstudio.export.output import ProgressReporter, atomic_output, check_writable
from cxstudio.model.document import Document
from cxstudio.model.entities import Action, Card, CardKind, Journey, Lane, LaneKind, Persona, Stage

Progress = Callable[[int, int], bool]

SLIDE_W_IN = 13.333
SLIDE_H_IN = 7.5
MARGIN_IN = 0.35
TITLE_H_IN = 0.75
HEADER_H_IN = 0.45  # the stage header row
LANE_W_IN = 1.5  # the lane header column
CARD_H_IN = 0.42
CARD_GAP_IN = 0.06
CURVE_H_IN = 0.9
MIN_COLUMN_IN = 1.55
MIN_FONT_PT = 9
MAX_CARD_LINES = 6
TABLE_ROWS = 12  # data rows per table slide

_WORDS: dict[str, tuple[str, str]] = {
    "journeys": ("{count} journeys", "{count} Customer Journeys"),
    "persona": ("Persona: {name}", "Persona: {name}"),
    "role": ("Role / segment", "Rolle / Segment"), "age": ("Age", "Alter"), "occupation": ("Occupation", "Beruf"),
    "location": ("Location", "Wohnort"), "goals": ("Goals", "Ziele"),
    "needs": ("Needs and expectations", "Bedürfnisse und Erwartungen"), "frustrations": ("Frustrations", "Frustrationen"),
    "behaviour": ("Behaviour", "Verhalten"),
    "part": ("part {index} of {count}", "Teil {index} von {count}"),
    "pain_points": ("Pain points (ranked)", "Pain Points (nach Rang)"),
    "action_plan": ("Action plan", "Maßnahmenplan"),
    "title": ("Title", "Titel"), "journey": ("Journey", "Customer Journey"), "stage": ("Stage", "Phase"),
    "rating": ("Rating", "Bewertung"), "priority": ("Priority", "Priorität"), "owner": ("Owner", "Verantwortlich"),
    "status": ("Status", "Status"), "due": ("Due", "Fällig"), "none": ("none", "keine"),
    "emotion_curve": ("Emotion curve", "Emotionskurve"),
}


def _word(key: str, language: str, **params: Any) -> str:
    return _WORDS[key][1 if language == "de" else 0].format(**params)


@dataclass(frozen=True, slots=True)
class MapPart:
    """One slide of a journey map: its stages, and its lanes as (lane id, first card depth, last depth + 1,
    card height in inches)."""

    journey_id: str
    stage_ids: tuple[str, ...]
    lanes: tuple[tuple[str, int, int, float], ...]
    index: int
    count: int


def _depth(document: Document, lane: Lane, stages: Sequence[Stage]) -> int:
    return max((len(document.cards_in_cell(stage.id, lane.id)) for stage in stages), default=0)


def _height(lane: Lane, cards: int, card_h: float = CARD_H_IN) -> float:
    if lane.kind == LaneKind.EMOTION_CURVE.value:
        return CURVE_H_IN
    return max(1, cards) * (card_h + CARD_GAP_IN) + CARD_GAP_IN


def _card_label(card: Card, language: str) -> str:
    marks = []
    if card.rating is not None:
        marks.append(f"{card.rating}/10")
    if card.moment_of_truth:
        marks.append("★ MoT")
    if card.pain_point:
        marks.append("⚠")
    title = card.title or enum_word("card_kind", card.kind, language)
    return title + (f"  ({', '.join(marks)})" if marks else "")


def _card_height(document: Document, lane: Lane, stages: Sequence[Stage], column_w: float, language: str) -> float:
    """A card height that holds the longest label of the lane at MIN_FONT_PT (estimated, at most MAX_CARD_LINES)."""
    per_line = max(8, int((column_w - 2 * CARD_GAP_IN - 0.12) * 72 / (MIN_FONT_PT * 0.55)))
    lines = 1
    for stage in stages:
        for card in document.cards_in_cell(stage.id, lane.id):
            length, count = 0, 1
            for word in _card_label(card, language).split():
                if length and length + 1 + len(word) > per_line:
                    count, length = count + 1, 0
                length += len(word) + (1 if length else 0)
                count += (len(word) - 1) // per_line
            lines = max(lines, min(MAX_CARD_LINES, count))
    return max(CARD_H_IN, 0.1 + lines * MIN_FONT_PT * 1.25 / 72)


def plan_map(document: Document, journey: Journey, language: str = "en") -> list[MapPart]:
    """Split a journey over slides so every column is at least MIN_COLUMN_IN wide and every card is drawn full size:
    stages into groups of columns, lanes into groups of rows, and a lane deeper than a slide into windows of cards."""
    stages = document.stages(journey.id)
    lanes = [lane for lane in document.lanes(journey.id)
             if lane.kind not in (LaneKind.CHANNELS.value, LaneKind.DEPARTMENTS.value)]
    width = SLIDE_W_IN - 2 * MARGIN_IN - LANE_W_IN
    per_slide = max(1, int(width // MIN_COLUMN_IN))
    stage_groups = [stages[i:i + per_slide] for i in range(0, len(stages), per_slide)] or [[]]
    room = SLIDE_H_IN - 2 * MARGIN_IN - TITLE_H_IN - HEADER_H_IN
    raw: list[tuple[tuple[str, ...], tuple[tuple[str, int, int, float], ...]]] = []
    for group in stage_groups:
        ids = tuple(stage.id for stage in group)
        current: list[tuple[str, int, int, float]] = []
        used = 0.0
        column_w = width / max(1, len(group))
        for lane in lanes:
            depth = _depth(document, lane, group)
            card_h = _card_height(document, lane, group, column_w, language)
            capacity = max(1, int((room - CARD_GAP_IN) // (card_h + CARD_GAP_IN)))
            windows = [(start, min(depth, start + capacity)) for start in range(0, depth, capacity)] or [(0, 0)]
            if lane.kind == LaneKind.EMOTION_CURVE.value:
                windows = [(0, 0)]
            for start, stop in windows:
                need = _height(lane, stop - start, card_h)
                if current and used + need > room:
                    raw.append((ids, tuple(current)))
                    current, used = [], 0.0
                current.append((lane.id, start, stop, card_h))
                used += need
        raw.append((ids, tuple(current)))
    return [MapPart(journey.id, stage_ids, part_lanes, index, len(raw))
            for index, (stage_ids, part_lanes) in enumerate(raw, start=1)]


def export_slides(document: Document, path: str | os.PathLike[str], language: str | None = None,
                  progress: Progress | None = None) -> int:
    """Write the presentation; returns the number of slides.

    `progress(done, total)` is called after every slide (or every few, for very long decks) and once
    more after the file is saved, just before it replaces the target; returning False cancels
    (ExportCancelledError) and nothing is written.
    """
    from pptx import Presentation
    from pptx.util import Inches

    language = language or document.project.language
    check_writable(path)  # an unwritable target fails at once, not after the work
    presentation = Presentation()
    presentation.slide_width = Inches(SLIDE_W_IN)
    presentation.slide_height = Inches(SLIDE_H_IN)
    personas = document.all(Persona)
    maps = [(journey, plan_map(document, journey, language)) for journey in document.journeys()]
    writer = _Writer(presentation, document, language)
    table_slides = len(writer.pain_point_rows()) // TABLE_ROWS + len(document.all(Action)) // TABLE_ROWS + 2
    reporter = ProgressReporter(progress, 1 + len(personas) + sum(len(parts) for _j, parts in maps)
                                + table_slides + 1, steps=200)
    writer.step = reporter.advance
    writer.title_slide()
    reporter.advance()
    for persona in personas:
        writer.persona_slide(persona)
        reporter.advance()
    for journey, parts in maps:
        for part in parts:
            writer.map_slide(journey, part)
            reporter.advance()
    writer.pain_point_slides()
    writer.action_slides()
    with atomic_output(Path(path)) as temporary:
        presentation.save(str(temporary))
        reporter.finish()  # a cancel during saving still leaves nothing behind
    return len(presentation.slides)


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


_KIND_FILL = {
    "step": "DCE6F2", "touchpoint": "E2EFDA", "thought": "FFF2CC", "feeling": "FCE4D6", "pain_point": "F8CBAD",
    "opportunity": "D9EAD3", "process": "E7E6E6", "evidence": "EDEDED", "note": "FFFFFF",
}


class _Writer:
    """Adds slides to a python-pptx Presentation (blank layout, every shape placed explicitly)."""

    def __init__(self, presentation: Any, document: Document, language: str) -> None:
        self.presentation = presentation
        self.document = document
        self.language = language
        self.blank = presentation.slide_layouts[6]
        self.step: Callable[[], None] = lambda: None  # called after every table slide (progress, cancel)

    def _slide(self, title: str) -> Any:
        slide = self.presentation.slides.add_slide(self.blank)
        self._text(slide, title, MARGIN_IN, MARGIN_IN * 0.6, SLIDE_W_IN - 2 * MARGIN_IN, TITLE_H_IN * 0.8, 22, bold=True)
        return slide

    def _text(self, slide: Any, text: str, left: float, top: float, width: float, height: float, size: float,
              bold: bool = False, colour: str = "1F2937") -> Any:
        from pptx.util import Inches, Pt

        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = True
        paragraph = frame.paragraphs[0]
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb(colour)
        return box

    def _box(self, slide: Any, text: str, left: float, top: float, width: float, height: float, fill: str,
             size: float, rounded: bool = False, bold: bool = False, second: str | None = None) -> Any:
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.enum.text import MSO_ANCHOR
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE,
                                       Inches(left), Inches(top), Inches(width), Inches(height))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
        shape.line.color.rgb = _rgb("8C8C8C")
        shape.line.width = Pt(0.75)
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        for margin in ("margin_left", "margin_right"):
            setattr(frame, margin, Inches(0.05))
        frame.margin_top = frame.margin_bottom = Inches(0.02)
        run = frame.paragraphs[0].add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = _rgb("1F2937")
        if second:
            extra = frame.add_paragraph().add_run()
            extra.text = second
            extra.font.size = Pt(max(MIN_FONT_PT - 1, size - 2))
            extra.font.color.rgb = _rgb("4B5563")
        return shape

    # ------------------------------------------------------------------ slides
    def title_slide(self) -> None:
        project = self.document.project
        slide = self.presentation.slides.add_slide(self.blank)
        self._text(slide, project.name, 0.8, 2.4, SLIDE_W_IN - 1.6, 1.2, 36, bold=True)
        lines = [line for line in (project.client, _word("journeys", self.language,
                                                          count=len(self.document.journeys()))) if line]
        self._text(slide, " · ".join(lines), 0.8, 3.7, SLIDE_W_IN - 1.6, 0.6, 18, colour="4B5563")
        if project.description:
            self._text(slide, project.description, 0.8, 4.4, SLIDE_W_IN - 1.6, 1.6, 14, colour="4B5563")

    def persona_slide(self, persona: Persona) -> None:
        slide = self._slide(_word("persona", self.language, name=persona.name))
        top = MARGIN_IN + TITLE_H_IN
        facts = [(key, value) for key, value in (
            ("role", persona.role), ("age", "" if persona.age is None else str(persona.age)),
            ("occupation", persona.occupation), ("location", persona.location)) if value]
        if persona.quote:
            self._text(slide, f"„{persona.quote}“" if self.language == "de" else f"“{persona.quote}”",
                       MARGIN_IN, top, SLIDE_W_IN - 2 * MARGIN_IN, 0.6, 16, colour="4B5563")
            top += 0.7
        column_w = (SLIDE_W_IN - 2 * MARGIN_IN - 0.3) / 2
        self._text(slide, "\n".join(f"{_word(k, self.language)}: {v}" for k, v in facts), MARGIN_IN, top,
                   column_w, 1.2, 13)
        sections = [(k, getattr(persona, k)) for k in ("goals", "needs", "frustrations", "behaviour") if getattr(persona, k)]
        for index, (key, value) in enumerate(sections):
            left = MARGIN_IN + (index % 2) * (column_w + 0.3)
            row_top = top + 1.3 + (index // 2) * 2.2
            box = self._text(slide, _word(key, self.language), left, row_top, column_w, 2.0, 14, bold=True)
            from pptx.util import Pt

            paragraph = box.text_frame.add_paragraph()
            run = paragraph.add_run()
            run.text = value
            run.font.size = Pt(12)

    def map_slide(self, journey: Journey, part: MapPart) -> None:
        title = journey.name if part.count == 1 else f"{journey.name} ({_word('part', self.language, index=part.index, count=part.count)})"
        slide = self._slide(title)
        stages = [self.document.get(i, Stage) for i in part.stage_ids]
        left0 = MARGIN_IN + LANE_W_IN
        top0 = MARGIN_IN + TITLE_H_IN
        column_w = (SLIDE_W_IN - 2 * MARGIN_IN - LANE_W_IN) / max(1, len(stages))
        for index, stage in enumerate(stages):
            header = self._box(slide, stage.name, left0 + index * column_w, top0, column_w, HEADER_H_IN, "305496", 11,
                               bold=True)
            header.text_frame.paragraphs[0].runs[0].font.color.rgb = _rgb("FFFFFF")
        top = top0 + HEADER_H_IN
        for lane_id, start, stop, card_h in part.lanes:
            lane = self.document.get(lane_id, Lane)
            height = _height(lane, stop - start, card_h)
            self._box(slide, lane.name, MARGIN_IN, top, LANE_W_IN, height, "E7E6E6", 10, bold=True)
            for index in range(len(stages)):
                cell = self._box(slide, "", left0 + index * column_w, top, column_w, height, "FFFFFF", MIN_FONT_PT)
                cell.line.color.rgb = _rgb("D0D0D0")
            if lane.kind == LaneKind.EMOTION_CURVE.value:
                self._curve(slide, journey, stages, left0, top, column_w, height)
            else:
                for index, stage in enumerate(stages):
                    for depth, card in enumerate(self.document.cards_in_cell(stage.id, lane.id)[start:stop]):
                        self._card(slide, card, left0 + index * column_w + CARD_GAP_IN,
                                   top + CARD_GAP_IN + depth * (card_h + CARD_GAP_IN), column_w - 2 * CARD_GAP_IN,
                                   card_h)
            top += height

    def _card(self, slide: Any, card: Card, left: float, top: float, width: float, height: float) -> None:
        fill = "F8CBAD" if card.pain_point else _KIND_FILL.get(card.kind, "FFFFFF")
        shape = self._box(slide, _card_label(card, self.language), left, top, width, height, fill, MIN_FONT_PT,
                          rounded=True)
        shape.name = f"Card {card.id}"

    def _curve(self, slide: Any, journey: Journey, stages: Sequence[Stage], left0: float, top: float,
               column_w: float, height: float) -> None:
        from pptx.util import Inches, Pt

        points = []
        by_stage: dict[str, list[Card]] = {}
        for card in self.document.cards(journey.id):
            by_stage.setdefault(card.stage_id, []).append(card)
        for index, stage in enumerate(stages):
            ratings = [c.rating for c in by_stage.get(stage.id, ()) if c.rating is not None]
            if ratings:
                average = sum(ratings) / len(ratings)
                x = left0 + (index + 0.5) * column_w
                y = top + 0.1 + (10 - average) / 9 * (height - 0.2)
                points.append((x, y, average))
        if len(points) >= 2:
            builder = slide.shapes.build_freeform(Inches(points[0][0]), Inches(points[0][1]), scale=1.0)
            builder.add_line_segments([(Inches(x), Inches(y)) for x, y, _a in points[1:]], close=False)
            line = builder.convert_to_shape()
            line.name = _word("emotion_curve", self.language)
            line.fill.background()
            line.line.color.rgb = _rgb("C00000")
            line.line.width = Pt(2.25)
        for x, y, average in points:
            self._text(slide, f"{average:.1f}".replace(".", "," if self.language == "de" else "."),
                       x - 0.25, max(top, y - 0.3), 0.5, 0.25, MIN_FONT_PT, colour="C00000")

    def _table_slides(self, title: str, header: Sequence[str], rows: Sequence[Sequence[str]],
                      widths: Sequence[float]) -> None:
        from pptx.util import Inches, Pt

        chunks = [rows[i:i + TABLE_ROWS] for i in range(0, len(rows), TABLE_ROWS)] or [[]]
        for number, chunk in enumerate(chunks, start=1):
            shown = title if len(chunks) == 1 else f"{title} ({_word('part', self.language, index=number, count=len(chunks))})"
            slide = self._slide(shown)
            top = MARGIN_IN + TITLE_H_IN
            frame = slide.shapes.add_table(len(chunk) + 1, len(header), Inches(MARGIN_IN), Inches(top),
                                           Inches(SLIDE_W_IN - 2 * MARGIN_IN), Inches(0.4 * (len(chunk) + 1)))
            table = frame.table
            total = sum(widths)
            for index, width in enumerate(widths):
                table.columns[index].width = Inches((SLIDE_W_IN - 2 * MARGIN_IN) * width / total)
            for row_index, values in enumerate([list(header), *chunk]):
                for column_index, value in enumerate(values):
                    cell = table.cell(row_index, column_index)
                    cell.text = value
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            run.font.size = Pt(12 if row_index == 0 else 11)
            self.step()

    def pain_point_rows(self) -> list[Card]:
        cards = [c for c in self.document.all(Card) if c.pain_point or c.kind == CardKind.PAIN_POINT.value]
        cards.sort(key=lambda c: (-c.priority, c.rating if c.rating is not None else 11, c.title))
        return cards

    def pain_point_slides(self) -> None:
        language = self.language
        rows = []
        for card in self.pain_point_rows():
            journey = self.document.find(card.journey_id)
            stage = self.document.find(card.stage_id)
            rows.append([card.title, getattr(journey, "name", ""), getattr(stage, "name", ""),
                         "" if card.rating is None else str(card.rating), enum_word("priority", str(card.priority), language)])
        header = [_word(k, language) for k in ("title", "journey", "stage", "rating", "priority")]
        self._table_slides(_word("pain_points", language), header, rows, (5, 3.5, 2.5, 1, 1.3))

    def action_slides(self) -> None:
        language = self.language
        actions = sorted(self.document.all(Action), key=lambda a: (-a.priority, a.due or "9999", a.title))
        rows = [[a.title, a.owner, enum_word("action_status", a.status, language),
                 enum_word("priority", str(a.priority), language), a.due] for a in actions]
        header = [_word(k, language) for k in ("title", "owner", "status", "priority", "due")]
        self._table_slides(_word("action_plan", language), header, rows, (6, 2.5, 1.5, 1.3, 1.5))
