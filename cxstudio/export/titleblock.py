"""The poster's title block: journey, project, persona, date, scale and a legend of markers, kinds, arrows, channels.

Each marker is named once (the card kind "pain point" shares the pain-point marker's entry).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from cxstudio.export.draw import INK, MUTED_INK, rgb
from cxstudio.export.pdf_ops import TextBatch
from cxstudio.export.texts import format_date, word
from cxstudio.layout import JourneyLayout
from cxstudio.layout.fonts import TextMeasurer, default_measurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.layout.labels import label
from cxstudio.layout.style import (
    KIND_COLOURS,
    MARKER_TEXT_COLOUR,
    MOMENT_OF_TRUTH_COLOUR,
    MOMENT_OF_TRUTH_SYMBOL,
    PAIN_POINT_COLOUR,
    PAIN_POINT_SYMBOL,
    RELATION_COLOUR,
    RELATION_DASH,
    RELATION_WIDTH,
    rating_colour,
)
from cxstudio.model.document import Document
from cxstudio.model.entities import Journey, Persona

RULE = "#94a3b8"
# sizes at unit scale (an A4 page); the block grows with the paper (see unit_for_page)
TITLE_SIZE = 17.0
META_SIZE = 8.5
LEGEND_TITLE_SIZE = 7.5
LEGEND_SIZE = 7.0
MARKER = 9.0
GAP = 14.0
A4_SHORT_SIDE = 595.2756


def unit_for_page(short_side_pt: float) -> float:
    """How much larger the title block is drawn on a page with this short side than on A4 (A0: about 2.8x)."""
    return max(1.0, min(4.0, (short_side_pt / A4_SHORT_SIDE) ** 0.75))


@dataclass(frozen=True, slots=True)
class Swatch:
    """A filled shape of the legend: a circle (markers, ratings) or a rectangle (card kinds)."""

    rect: Rect
    fill: str
    circle: bool


@dataclass(frozen=True, slots=True)
class Arrow:
    """A sample arrow of the legend: a line (dashed or solid) from `start` to `tip` with a filled head."""

    start: tuple[float, float]
    tip: tuple[float, float]
    head: tuple[tuple[float, float], tuple[float, float], tuple[float, float]]
    width: float
    dashed: bool


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """Positioned content of the title block in its own coordinates (top-left origin, points at final size)."""

    width: float
    height: float
    lines: tuple[tuple[TextLine, str], ...]  # line and its colour
    swatches: tuple[Swatch, ...]
    arrows: tuple[Arrow, ...] = ()

    @property
    def smallest_text(self) -> float:
        """The size of the smallest glyph of the block, in points."""
        return min((line.size for line, _ in self.lines if line.text), default=0.0)

    def draw(self, canvas: Any, left: float, top: float, page_height: float) -> None:
        """Draw with the block's top-left at (left, top) page points from the page's top-left."""
        c = canvas
        c.saveState()
        c.translate(left, page_height - top)
        c.scale(1, -1)
        for swatch in self.swatches:
            r = swatch.rect
            c.setFillColorRGB(*rgb(swatch.fill))
            if swatch.circle:
                c.circle(r.x + r.width / 2, r.y + r.height / 2, r.width / 2, stroke=0, fill=1)
            else:
                c.setStrokeColorRGB(*rgb(RULE))
                c.setLineWidth(0.5)
                c.rect(r.x, r.y, r.width, r.height, stroke=1, fill=1)
        c.setStrokeColorRGB(*rgb(RELATION_COLOUR))
        c.setFillColorRGB(*rgb(RELATION_COLOUR))
        for arrow in self.arrows:
            c.setLineWidth(arrow.width)
            if arrow.dashed:
                c.setDash([d * arrow.width for d in RELATION_DASH], 0)
            c.line(*arrow.start, *arrow.tip)
            c.setDash()
            head = c.beginPath()
            head.moveTo(*arrow.head[0])
            for point in arrow.head[1:]:
                head.lineTo(*point)
            head.close()
            c.drawPath(head, stroke=0, fill=1)
        c.setStrokeColorRGB(*rgb(RULE))
        c.setLineWidth(0.8)
        c.line(0, self.height, self.width, self.height)
        text = TextBatch(c)
        for line, colour in self.lines:
            text.add(line, colour)
        text.flush()
        c.restoreState()


class _Writer:
    def __init__(self, measurer: TextMeasurer, unit: float) -> None:
        self.m = measurer
        self.u = unit
        self.lines: list[tuple[TextLine, str]] = []
        self.swatches: list[Swatch] = []
        self.arrows: list[Arrow] = []

    def text(self, text: str, x: float, top: float, size: float, bold: bool = False, colour: str = INK) -> float:
        """Place one line with its box top at `top`; returns its right end."""
        size *= self.u
        width = self.m.width(text, size, bold)
        self.lines.append((TextLine(text, x, top + self.m.ascent(size), size, bold, False, width), colour))
        return x + width

    def centred(self, text: str, box: Rect, size: float, colour: str) -> None:
        size *= self.u
        width = self.m.width(text, size, True)
        baseline = box.y + box.height / 2 + (self.m.ascent(size) - self.m.descent(size)) / 2
        self.lines.append((TextLine(text, box.x + (box.width - width) / 2, baseline, size, True, False, width), colour))

    def height(self, size: float) -> float:
        return self.m.line_height(size * self.u)


def build_title_block(
    doc: Document,
    layout: JourneyLayout,
    width: float,
    unit: float,
    date: _dt.date,
    scale: float | None,
    language: str,
    measurer: TextMeasurer | None = None,
    min_text: float | None = None,
) -> TitleBlock:
    """The title block for a page whose printable width is `width`; legend beside the title when it fits, else below.

    `min_text`: no glyph of the block is smaller than this many points (the block grows with it).
    """
    block = _title_block(doc, layout, width, unit, date, scale, language, measurer)
    smallest = block.smallest_text
    if min_text is not None and 0 < smallest < min_text - 1e-9:
        block = _title_block(doc, layout, width, unit * min_text / smallest * 1.0001, date, scale, language, measurer)
    return block


def _title_block(doc: Document, layout: JourneyLayout, width: float, unit: float, date: _dt.date,
                 scale: float | None, language: str, measurer: TextMeasurer | None) -> TitleBlock:
    m = measurer or default_measurer()
    u = unit
    journey = doc.get(layout.journey_id, Journey)
    persona = doc.find(journey.persona_id) if journey.persona_id else None
    persona_name = persona.name if isinstance(persona, Persona) else word("no_persona", language)

    # ---- legend, measured first: it keeps its natural width
    legend = _Writer(m, u)
    legend_width = _legend(legend, layout, language, 0.0, 0.0, width)
    legend_height = max((ln.baseline + m.descent(ln.size) for ln, _ in legend.lines), default=0.0)
    legend_height = max([legend_height] + [s.rect.bottom for s in legend.swatches])

    meta_texts = [
        f"{word('project', language)}: {doc.project.name}",
        f"{word('persona', language)}: {persona_name} \u00b7 {label(f'state.{journey.state}', language)} "
        f"\u00b7 {label(f'view.{layout.view.value}', language)}",
        f"{word('date', language)}: {format_date(date, language)}"
        + (f" \u00b7 {word('scale', language)} {scale * 100:.0f} %" if scale is not None else ""),
    ]
    natural = max([m.width(journey.name, TITLE_SIZE * u, True)] + [m.width(t, META_SIZE * u) for t in meta_texts])
    gap = GAP * u
    side_by_side = legend_width + gap + min(natural, 240 * u) <= width
    meta_width = width - legend_width - gap if side_by_side else width

    writer = _Writer(m, u)
    y = 0.0
    for text in m.wrap(journey.name, meta_width, TITLE_SIZE * u, bold=True, max_lines=2):
        writer.text(text, 0.0, y, TITLE_SIZE, bold=True)
        y += writer.height(TITLE_SIZE)
    y += 2 * u
    for meta in meta_texts:
        for text in m.wrap(meta, meta_width, META_SIZE * u, max_lines=2):
            writer.text(text, 0.0, y, META_SIZE, colour=MUTED_INK)
            y += writer.height(META_SIZE)
    if side_by_side:
        offset_x, offset_y = width - legend_width, 0.0
        height = max(y, legend_height)
    else:
        offset_x, offset_y = 0.0, y + 6 * u
        height = offset_y + legend_height
    for line, colour in legend.lines:
        writer.lines.append((TextLine(line.text, line.x + offset_x, line.baseline + offset_y, line.size, line.bold,
                                      line.italic, line.width), colour))
    for swatch in legend.swatches:
        writer.swatches.append(Swatch(swatch.rect.translated(offset_x, offset_y), swatch.fill, swatch.circle))
    for arrow in legend.arrows:
        def moved(point: tuple[float, float]) -> tuple[float, float]:
            return (point[0] + offset_x, point[1] + offset_y)

        writer.arrows.append(Arrow(moved(arrow.start), moved(arrow.tip),
                                   (moved(arrow.head[0]), moved(arrow.head[1]), moved(arrow.head[2])),
                                   arrow.width, arrow.dashed))
    return TitleBlock(width, height + 6 * u, tuple(writer.lines), tuple(writer.swatches), tuple(writer.arrows))


def _legend(w: _Writer, layout: JourneyLayout, language: str, x0: float, y0: float, max_width: float) -> float:
    """Write the legend at (x0, y0); returns its width.

    Rows: the markers (moment of truth, pain point, ratings), the card kinds, the arrow styles of the
    relations the map shows, the channels. Each thing is named once: the card kind "pain point" is
    shown as a swatch beside the pain-point marker, not again among the kinds.
    """
    u = w.u
    row = max(MARKER * u, w.height(LEGEND_SIZE))
    right = w.text(word("legend", language), x0, y0, LEGEND_TITLE_SIZE, bold=True)
    y = y0 + w.height(LEGEND_TITLE_SIZE) + 2 * u
    kinds = sorted({box.kind for box in layout.cards.values()}, key=lambda k: list(KIND_COLOURS).index(k)
                   if k in KIND_COLOURS else 99)

    def marker(x: float, fill: str, symbol: str) -> float:
        box = Rect(x, y + (row - MARKER * u) / 2, MARKER * u, MARKER * u)
        w.swatches.append(Swatch(box, fill, True))
        w.centred(symbol, box, MARKER * 0.62, MARKER_TEXT_COLOUR)
        return box.right + 3 * u

    def kind_swatch(x: float, kind: str) -> float:
        box = Rect(x, y + (row - 8 * u) / 2, 11 * u, 8 * u)
        w.swatches.append(Swatch(box, KIND_COLOURS.get(kind, "#ffffff"), False))
        return box.right + 3 * u

    def caption(x: float, text: str) -> float:
        return w.text(text, x, y + (row - w.height(LEGEND_SIZE)) / 2, LEGEND_SIZE, colour=INK) + 10 * u

    def arrow(x: float, dashed: bool) -> float:
        length, width = 24 * u, RELATION_WIDTH * u
        mid = y + row / 2
        tip = (x + length, mid)
        head_l, head_w = 6 * u, 4.5 * u
        head = (tip, (tip[0] - head_l, mid - head_w / 2), (tip[0] - head_l, mid + head_w / 2))
        w.arrows.append(Arrow((x, mid), (tip[0] - head_l * 0.6, mid), head, width, dashed))
        return tip[0] + 4 * u

    x = marker(x0, MOMENT_OF_TRUTH_COLOUR, MOMENT_OF_TRUTH_SYMBOL)
    x = caption(x, word("moment_of_truth", language))
    x = marker(x, PAIN_POINT_COLOUR, PAIN_POINT_SYMBOL)
    if "pain_point" in kinds:  # the kind and the marker share one entry
        x = kind_swatch(x, "pain_point")
    x = caption(x, word("pain_point", language))
    for rating in (1, 4, 7, 10):
        x = marker(x, rating_colour(rating), str(rating)) - 1 * u
    x = caption(x + 2 * u, word("rating", language))
    right = max(right, x - 10 * u)

    def wrap_row(x: float, needed: float) -> tuple[float, float]:
        """Start a new row when `needed` more points do not fit; returns (x, y)."""
        nonlocal y
        if x > x0 and x + needed > x0 + max(right - x0, 0.6 * max_width):
            y += row + 2 * u
            x = x0
        return x, y

    shown_kinds = [kind for kind in kinds if kind != "pain_point"]
    if shown_kinds:
        y += row + 3 * u
        x = x0
        for kind in shown_kinds:
            text = label(f"card.{kind}", language)
            x, y = wrap_row(x, 14 * u + w.m.width(text, LEGEND_SIZE * u) + 10 * u)
            x = caption(kind_swatch(x, kind), text)
            right = max(right, x - 10 * u)

    used = {route.kind for route in layout.relations}
    solid = [kind for kind in ("leads_to", "supported_by", "depends_on", "causes") if kind in used]
    solid += sorted(used - {"leads_to", "supported_by", "depends_on", "causes", "relates_to"})
    styles = [(False, solid)] if solid else []
    if "relates_to" in used:
        styles.append((True, ["relates_to"]))
    if styles:
        y += row + 3 * u
        x = x0
        for dashed, relation_kinds in styles:
            text = ", ".join(label(f"relation.{kind}", language) for kind in relation_kinds)
            x, y = wrap_row(x, 28 * u + w.m.width(text, LEGEND_SIZE * u) + 10 * u)
            x = caption(arrow(x, dashed), text)
            right = max(right, x - 10 * u)

    channels = sorted({(box.channel_name) for box in layout.cards.values() if box.channel_name})
    if channels:
        y += row + 3 * u
        text = f"{word('channels', language)}: " + ", ".join(channels)
        limit = max(right - x0, min(max_width * 0.45, 420 * u))
        for line in w.m.wrap(text, limit, LEGEND_SIZE * u, max_lines=3):
            end = w.text(line, x0, y, LEGEND_SIZE, colour=INK)
            right = max(right, end)
            y += w.height(LEGEND_SIZE)
    return right - x0
