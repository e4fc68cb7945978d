"""A journey on one report page when its map is not legible there: stages x lanes of card titles, and its emotion curve.

Card titles (or, in narrow columns, their counts) with pain points and moments of truth marked; the curve
of each stage's mean rating runs above on an axis 1-10.
"""

from __future__ import annotations

from statistics import fmean

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from cxstudio.export import fonts
from cxstudio.export.report_tables import Wrapper
from cxstudio.export.texts import format_number
from cxstudio.layout.result import JourneyLayout
from cxstudio.model.document import Document
from cxstudio.model.entities import Card

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#2f6690")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4ecf3")
ROW_FILL = colors.HexColor("#f5f7fa")
PAIN = colors.HexColor("#c0392b")
MOMENT = colors.HexColor("#7b3fa0")
TEXT_PT, LINE = 6.5, 8.0  # card titles; every glyph of the overview is at least 6 pt
HEAD_PT, HEAD_LINE = 7.0, 8.5
TICK_PT = 6.0
CURVE_BAND = 86.0
LEGEND = 12.0
TITLE_MIN_COLUMN = 44.0  # narrower stage columns show counts instead of titles
ROTATE_BELOW = 38.0  # narrower stage columns get their names turned upright

_WORDS = {
    "curve": ("Emotion curve", "Emotionskurve"),
    "curve_note": ("mean rating 1-10", "Ø Bewertung 1–10"),
    "more": ("+ {n} more", "+ {n} weitere"),
    "cards": ("{n} cards", "{n} Karten"),
    "legend_titles": ("Pain point", "Pain Point"),
    "legend_moment": ("Moment of truth", "Moment of Truth"),
    "legend_counts": ("Number of cards per cell; in red: of which pain points.",
                      "Zahl der Karten je Feld; rot: davon Pain Points."),
    "legend_more": ("The full map follows on the detail pages.", "Die vollständige Karte folgt auf den Detailseiten."),
}


def _w(key: str, language: str, **params: object) -> str:
    text = _WORDS[key][language == "de"]
    return text.format(**params) if params else text


def smallest_text(layout: JourneyLayout) -> float:
    """The smallest text size (layout points) a drawn map of `layout` carries."""
    s = layout.settings
    sizes = [s.card_text_size, s.meta_size, s.badge_size, s.curve_tick_size, s.line_label_size]
    if layout.relations:
        sizes.append(s.relation_label_size)
    if layout.chips:
        sizes.append(s.chip_size)
    for header in (*layout.stage_headers, *layout.lane_headers):
        sizes += [line.size for line in header.lines if line.text]
    sizes += [chip.line.size for chip in layout.chips if chip.line.text]
    seen: set[float] = set()
    for box in layout.cards.values():  # kind labels, badges and marker labels may be drawn smaller than set
        seen.update(line.size for line in box.all_lines() if line.text)
    return min(size for size in [*sizes, *seen] if size > 0)


def _fit(text: str, face: str, size: float, width: float) -> str:
    if stringWidth(text, face, size) <= width:
        return text
    while text and stringWidth(text + "…", face, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class JourneyOverview(Flowable):
    """The whole journey on the rest of the page: fills the room it is given."""

    def __init__(self, doc: Document, layout: JourneyLayout, language: str, wrapper: Wrapper,
                 details_follow: bool) -> None:
        super().__init__()
        self.language, self.wrapper, self.details_follow = language, wrapper, details_follow
        self.stages = [(sid, _name(doc, sid)) for sid in layout.stage_ids]
        headers = {h.id: h for h in layout.lane_headers}
        self.lanes = []
        for key in layout.lane_keys:
            header = headers.get(key)
            entity = doc.find(header.entity_id) if header is not None and header.entity_id else None
            name = entity.label if entity is not None else (
                " ".join(line.text for line in header.lines) if header is not None else "")
            if any(layout.cell_cards.get((sid, key)) for sid in layout.stage_ids):  # empty lanes say nothing here
                self.lanes.append((key, name))
        self.cells: dict[tuple[str, str], list[Card]] = {}
        ratings: dict[str, list[int]] = {sid: [] for sid, _ in self.stages}
        for (stage_id, lane_key), ids in layout.cell_cards.items():
            cards = [c for c in map(doc.find, ids) if isinstance(c, Card)]
            self.cells[(stage_id, lane_key)] = cards
            ratings.setdefault(stage_id, []).extend(c.rating for c in cards if c.rating is not None)
        self.means = [fmean(ratings[sid]) if ratings.get(sid) else None for sid, _ in self.stages]
        self.width = self.height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, max(available_height, 200.0)
        return self.width, self.height

    # ------------------------------------------------------------------ geometry
    def _columns(self) -> tuple[float, float]:
        lane_width = min(118.0, self.width * 0.17)
        return lane_width, (self.width - lane_width) / max(len(self.stages), 1)

    def _header_lines(self, column: float) -> tuple[list[tuple[str, ...]], float, bool]:
        bold = fonts.face(bold=True)
        if column < ROTATE_BELOW:
            return [(name,) for _sid, name in self.stages], 74.0, True
        lines = [self.wrapper.wrap(name, bold, HEAD_PT, column - 5, max_lines=3) for _sid, name in self.stages]
        return lines, max(len(x) for x in lines) * HEAD_LINE + 6 if lines else 14.0, False

    def _row_heights(self, room: float, titles: bool) -> tuple[list[float], list[int]]:
        """Each lane's height and how many text lines its cells get."""
        count = max(len(self.lanes), 1)
        pad = 4.0
        if not titles:
            height = max(room / count, 10.0)
            return [height] * len(self.lanes), [1] * len(self.lanes)
        _lane, column = self._columns()
        needs = [max([sum(len(self._title_lines(card, column)) for card in self.cells.get((sid, key), ()))
                      for sid, _ in self.stages] or [1]) or 1 for key, _ in self.lanes]
        capacity = int((room - pad * count) // LINE)
        if sum(needs) <= capacity:
            given = list(needs)
        else:  # share the lines out in proportion, at least one (two where a cell has more cards) per lane
            floor = [min(n, 2) for n in needs]
            spare = max(0, capacity - sum(floor))
            extra = [n - f for n, f in zip(needs, floor)]
            total = sum(extra) or 1
            given = [f + int(spare * e / total) for f, e in zip(floor, extra)]
        heights = [g * LINE + pad for g in given]
        stretch = (room - sum(heights)) / count if sum(heights) < room else 0.0
        return [h + stretch for h in heights], given

    # ------------------------------------------------------------------ drawing
    def draw(self) -> None:
        if getattr(self.canv, "draft", False):
            return
        c = self.canv
        lane_width, column = self._columns()
        titles = column >= TITLE_MIN_COLUMN
        header_lines, header_height, rotated = self._header_lines(column)
        top = self.height
        rows_room = top - header_height - CURVE_BAND - LEGEND - 4
        heights, lines = self._row_heights(rows_room, titles)
        face, bold = fonts.face(), fonts.face(bold=True)
        # stage headers
        c.setFillColor(HEADER_FILL)
        c.rect(lane_width, top - header_height, column * len(self.stages), header_height, stroke=0, fill=1)
        c.setFillColor(INK)
        c.setFont(bold, HEAD_PT)
        for index, lines_of in enumerate(header_lines):
            x = lane_width + column * index
            if rotated:
                c.saveState()
                c.translate(x + column / 2 + HEAD_PT * 0.35, top - header_height + 3)
                c.rotate(90)
                c.drawString(0, 0, _fit(lines_of[0], bold, HEAD_PT, header_height - 6))
                c.restoreState()
            else:
                for n, text in enumerate(lines_of):
                    c.drawString(x + 2.5, top - 4 - HEAD_LINE * (n + 1) + 2, text)
        # the emotion curve band
        band_top = top - header_height
        self._curve(lane_width, column, band_top)
        # lanes
        y = band_top - CURVE_BAND
        for index, ((key, name), height, given) in enumerate(zip(self.lanes, heights, lines)):
            if index % 2 == 0:
                c.setFillColor(ROW_FILL)
                c.rect(0, y - height, self.width, height, stroke=0, fill=1)
            c.setFillColor(INK)
            c.setFont(bold, HEAD_PT)
            name_lines = self.wrapper.wrap(name, bold, HEAD_PT, lane_width - 6,
                                           max_lines=max(1, int((height - 3) // HEAD_LINE)))
            for n, text in enumerate(name_lines):
                c.drawString(2.5, y - 2.5 - HEAD_LINE * (n + 1) + 2, text)
            for s_index, (stage_id, _stage) in enumerate(self.stages):
                cards = self.cells.get((stage_id, key), [])
                x = lane_width + column * s_index
                if titles:
                    self._titles(cards, x, y, column, given)
                elif cards:
                    self._count(cards, x, y, column, height)
            c.setStrokeColor(RULE)
            c.setLineWidth(0.4)
            c.line(0, y - height, self.width, y - height)
            y -= height
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        for index in range(len(self.stages) + 1):
            x = lane_width + column * index
            c.line(x, y, x, top)
        self._legend(titles, y - LEGEND + 2, face)

    @staticmethod
    def _indent(card: Card) -> float:
        indent = (5 if card.pain_point or card.kind == "pain_point" else 0) + (5 if card.moment_of_truth else 0)
        return indent + 1.5 if indent else 5.0  # a plain card starts with a small dot

    def _title_lines(self, card: Card, column: float) -> tuple[str, ...]:
        return self.wrapper.wrap(card.label, fonts.face(), TEXT_PT, column - 5 - self._indent(card), max_lines=3)

    def _titles(self, cards: list[Card], x: float, y: float, column: float, given: int) -> None:
        c, face = self.canv, fonts.face()
        shown = cards if len(cards) <= given else cards[: max(given - 1, 0)]
        wrapped = [self._title_lines(card, column) for card in shown]
        counts = [1] * len(shown)
        spare = given - len(shown) - (1 if len(shown) < len(cards) else 0)
        for index, lines in enumerate(wrapped):  # the first cards get their whole titles while lines are left
            more = min(len(lines) - 1, spare)
            counts[index] += more
            spare -= more
        c.setFont(face, TEXT_PT)
        row = 0
        for n, card in enumerate(shown):
            base = y - 2.5 - LINE * (row + 1) + 2
            left = x + 2.5
            pain = card.pain_point or card.kind == "pain_point"
            if pain:
                c.setFillColor(PAIN)
                c.circle(left + 2, base + 2.2, 1.9, stroke=0, fill=1)
            if card.moment_of_truth:
                mx = left + (5 if pain else 2)
                c.setFillColor(MOMENT)
                path = c.beginPath()
                path.moveTo(mx, base + 4.4)
                path.lineTo(mx + 2.1, base + 2.2)
                path.lineTo(mx, base)
                path.lineTo(mx - 2.1, base + 2.2)
                path.close()
                c.drawPath(path, stroke=0, fill=1)
            indent = self._indent(card)
            if not pain and not card.moment_of_truth:
                c.setFillColor(MUTED)
                c.circle(left + 1.8, base + 2.2, 0.9, stroke=0, fill=1)
            c.setFillColor(INK)
            lines = wrapped[n]
            for k in range(counts[n]):
                text = lines[k]
                if k == counts[n] - 1 and counts[n] < len(lines):
                    text = _fit(text.rstrip("-") + "…", face, TEXT_PT, column - 5 - indent)
                c.drawString(left + indent, base - LINE * k, text)
            row += counts[n]
        if len(shown) < len(cards):
            rest = len(cards) - len(shown)
            text = _w("more", self.language, n=rest) if shown else _w("cards", self.language, n=len(cards))
            c.setFillColor(MUTED)
            c.drawString(x + 2.5, y - 2.5 - LINE * (row + 1) + 2, _fit(text, face, TEXT_PT, column - 5))

    def _count(self, cards: list[Card], x: float, y: float, column: float, height: float) -> None:
        c, face = self.canv, fonts.face()
        pains = sum(1 for card in cards if card.pain_point or card.kind == "pain_point")
        total = str(len(cards))
        extra = f" {pains}" if pains else ""
        width = stringWidth(total + extra, face, TEXT_PT)
        left = x + (column - width) / 2
        base = y - height / 2 - TEXT_PT * 0.35
        c.setFont(face, TEXT_PT)
        c.setFillColor(INK)
        c.drawString(left, base, total)
        if pains:
            c.setFillColor(PAIN)
            c.drawString(left + stringWidth(total, face, TEXT_PT), base, extra)

    def _curve(self, lane_width: float, column: float, band_top: float) -> None:
        c, face, bold = self.canv, fonts.face(), fonts.face(bold=True)
        low, high = band_top - CURVE_BAND + 8, band_top - 9

        def level(value: float) -> float:
            return low + (value - 1) / 9 * (high - low)

        c.setFillColor(INK)
        c.setFont(bold, HEAD_PT)
        c.drawString(2.5, band_top - 2.5 - HEAD_LINE + 2, _w("curve", self.language))
        c.setFont(face, TICK_PT)
        c.setFillColor(MUTED)
        c.drawString(2.5, band_top - 2.5 - 2 * HEAD_LINE + 2, _w("curve_note", self.language))
        c.setLineWidth(0.3)
        for tick in range(1, 11):
            yy = level(tick)
            c.setStrokeColor(RULE)
            c.line(lane_width, yy, lane_width + column * len(self.stages), yy)
            c.setFillColor(MUTED)
            c.drawRightString(lane_width - 2.5, yy - TICK_PT * 0.35, str(tick))
        points = [(lane_width + column * (i + 0.5), level(m), m) for i, m in enumerate(self.means) if m is not None]
        if len(points) > 1:
            c.setStrokeColor(ACCENT)
            c.setLineWidth(1.3)
            path = c.beginPath()
            path.moveTo(points[0][0], points[0][1])
            for px, py, _m in points[1:]:
                path.lineTo(px, py)
            c.drawPath(path, stroke=1, fill=0)
        c.setFont(face, TICK_PT)
        for px, py, mean in points:
            c.setFillColor(ACCENT)
            c.circle(px, py, 2.2, stroke=0, fill=1)
            c.setFillColor(INK)
            label = format_number(round(mean, 1), self.language)
            c.drawString(px + 3.5, py + (2.5 if py < high - 8 else -7.5), label)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.line(0, band_top - CURVE_BAND, self.width, band_top - CURVE_BAND)

    def _legend(self, titles: bool, y: float, face: str) -> None:
        c = self.canv
        c.setFont(face, TICK_PT + 0.5)
        x = 0.0
        if titles:
            c.setFillColor(PAIN)
            c.circle(x + 2, y + 2.3, 1.9, stroke=0, fill=1)
            c.setFillColor(MUTED)
            text = _w("legend_titles", self.language)
            c.drawString(x + 6, y, text)
            x += 14 + stringWidth(text, face, TICK_PT + 0.5)
            c.setFillColor(MOMENT)
            path = c.beginPath()
            path.moveTo(x + 2, y + 4.5)
            path.lineTo(x + 4.1, y + 2.3)
            path.lineTo(x + 2, y + 0.1)
            path.lineTo(x - 0.1, y + 2.3)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
            c.setFillColor(MUTED)
            text = _w("legend_moment", self.language)
            c.drawString(x + 7, y, text)
            x += 15 + stringWidth(text, face, TICK_PT + 0.5)
        else:
            c.setFillColor(MUTED)
            text = _w("legend_counts", self.language)
            c.drawString(x, y, text)
            x += 10 + stringWidth(text, face, TICK_PT + 0.5)
        if self.details_follow:
            c.setFillColor(MUTED)
            c.drawString(x, y, _w("legend_more", self.language))


def _name(doc: Document, entity_id: str) -> str:
    entity = doc.find(entity_id)
    return entity.label if entity is not None else ""


def overview_orientation(layout: JourneyLayout) -> str:
    """Landscape unless the journey has clearly more lanes than stages."""
    return "portrait" if len(layout.lane_keys) > 1.6 * max(len(layout.stage_ids), 1) else "landscape"

