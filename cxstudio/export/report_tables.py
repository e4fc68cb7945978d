"""The client report's tables: cell text wrapped with hyphenation in the project's language, tables that page in linear time."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

import pyphen
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from cxstudio.export import fonts

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#2f6690")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4ecf3")
BODY_PT, BODY_LEADING = 8.0, 9.8
HEADER_PT, HEADER_LEADING = 7.5, 9.0
NOTE_PT, NOTE_LEADING = 7.5, 9.2
PAD_X, PAD_Y = 3.0, 2.5
MAX_CELL_LINES = 48  # a longer cell text ends in an ellipsis, so one row never outgrows a page
MEASURE_CHUNK = 60  # rows measured per throw-away table (ReportLab's row sizing is quadratic in a table's rows)
_BREAK_AFTER = "-/–"
PYPHEN_LANGUAGES = {"de": "de_DE", "en": "en_US"}


@lru_cache(maxsize=8)
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=PYPHEN_LANGUAGES.get(language, "en_US"))


def hyphenator(language: str) -> Callable[[str], Iterator[tuple[str, str]]]:
    """A paragraph style's hyphenator (ReportLab's `hyphenationLang`): the language's pyphen dictionary,
    loaded on the first word that needs it."""
    return lambda word: _dictionary(language).iterate(word)


class Wrapper:
    """Wraps cell text into lines of a width: at spaces, after hyphens and slashes, else at a hyphenation
    point of the language (pyphen) with a hyphen added; a word without any fitting point is cut with a hyphen."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._cache: dict[tuple[str, str, float, float], tuple[str, ...]] = {}

    def wrap(self, text: str, face: str, size: float, width: float, max_lines: int = MAX_CELL_LINES) -> tuple[str, ...]:
        key = (text, face, size, width)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._wrap(text, face, size, width, max_lines)
        return found

    def _wrap(self, text: str, face: str, size: float, width: float, max_lines: int) -> tuple[str, ...]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            if stringWidth(paragraph, face, size) <= width:
                lines.append(paragraph.strip())
                continue
            current = ""
            for word in paragraph.split():
                joined = f"{current} {word}" if current else word
                if stringWidth(joined, face, size) <= width:
                    current = joined
                    continue
                if current:
                    head, rest = self._split(word, face, size, width - stringWidth(current + " ", face, size))
                    if head:
                        lines.append(f"{current} {head}")
                        word = rest
                    else:
                        lines.append(current)
                    current = ""
                while stringWidth(word, face, size) > width:
                    head, rest = self._split(word, face, size, width)
                    if not head:  # no hyphenation point fits: cut, and say so with a hyphen
                        head, rest = self._cut(word, face, size, width)
                    lines.append(head)
                    word = rest
                current = word
            lines.append(current)
            if len(lines) > max_lines:
                break
        if len(lines) > max_lines:
            lines = lines[:max_lines]
            last = lines[-1].split(" ")
            if len(last) > 1 and last[-1].endswith("-"):  # end at a whole word, not a hyphenated head
                last = last[:-1]
            lines[-1] = " ".join(last).rstrip("-") + "…"
        return tuple(lines)

    def _split(self, word: str, face: str, size: float, room: float) -> tuple[str, str]:
        """The longest head of `word` that fits `room` (a hyphen added where the break is not after one)."""
        if room <= 0:
            return "", word
        best = ""
        for index in range(len(word) - 2, 0, -1):  # after a hyphen or slash already in the word
            if word[index] in _BREAK_AFTER and word[index - 1].isalnum():
                head = word[: index + 1]
                if stringWidth(head, face, size) <= room:
                    best = head
                    break
        for head, _tail in _dictionary(self.language).iterate(word):  # longest head first (loaded on first use)
            if len(head) <= len(best):
                break
            candidate = head if head.endswith("-") else head + "-"
            if stringWidth(candidate, face, size) <= room:
                return candidate, word[len(head):]
        return best, word[len(best):]

    @staticmethod
    def _cut(word: str, face: str, size: float, width: float) -> tuple[str, str]:
        count = max(1, len(word) - 1)
        while count > 1 and stringWidth(word[:count] + "-", face, size) > width:
            count -= 1
        return word[:count] + "-", word[count:]


class CellText(Flowable):
    """A table cell of pre-wrapped blocks of lines, each block in its own face, size and colour
    (an action's title in bold above its description)."""

    def __init__(self, blocks: Sequence[tuple[Sequence[str], str, float, float, Any]], gap: float = 1.5) -> None:
        super().__init__()
        self.blocks = [(tuple(lines), face, size, leading, colour) for lines, face, size, leading, colour in blocks
                       if lines]
        self.gap = gap
        self.height = sum(len(lines) * leading for lines, _f, _s, leading, _c in self.blocks) + gap * max(
            0, len(self.blocks) - 1)
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        if _is_draft(self.canv):
            return
        c = self.canv
        y = self.height
        for lines, face, size, leading, colour in self.blocks:
            c.setFont(face, size)
            c.setFillColor(colour)
            for line in lines:
                y -= leading
                c.drawString(0, y + (leading - size) * 0.5 + size * 0.22, line)
            y -= self.gap


def _is_draft(canvas: Any) -> bool:
    return getattr(canvas, "draft", False)


class _FastTable(Table):
    """A table that skips its drawing on the page-counting draft pass (only its size matters there)."""

    def draw(self) -> None:
        if _is_draft(self.canv):
            return
        super().draw()


class PagedTable(Flowable):
    """A long table that breaks across pages with its header row repeated, in time linear in its rows.

    Row heights are measured once, a few dozen rows at a time, and summed up front; a page takes
    the rows that fit (a binary search) as an ordinary small table. ReportLab's own split re-measures
    every remaining row on every page, which grows with the square of the rows.
    """

    def __init__(self, header: list[Any] | None, rows: list[list[Any]], widths: Sequence[float],
                 style: list[tuple[Any, ...]], start: int = 0, shared: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.header, self.rows, self.widths, self.style_commands = header, rows, list(widths), style
        self.start = start
        self.shared = shared if shared is not None else {}
        self.width = sum(self.widths)
        self.height = 0.0
        self.hAlign = "LEFT"

    def _table(self, rows: list[list[Any]]) -> Table:
        data = ([self.header] if self.header is not None else []) + rows
        table = _FastTable(data, colWidths=self.widths, repeatRows=1 if self.header is not None else 0,
                           hAlign="LEFT")
        table.setStyle(TableStyle(self.style_commands))
        return table

    def _measure(self) -> tuple[float, list[float]]:
        if "prefix" not in self.shared:
            header_height = 0.0
            prefix = [0.0]
            for begin in range(0, max(len(self.rows), 1), MEASURE_CHUNK):
                table = self._table(self.rows[begin:begin + MEASURE_CHUNK])
                table.wrap(self.width, 1e9)
                heights = list(table._rowHeights)
                if self.header is not None:
                    header_height = heights.pop(0)
                for height in heights:
                    prefix.append(prefix[-1] + height)
            self.shared["header"], self.shared["prefix"] = header_height, prefix
        return self.shared["header"], self.shared["prefix"]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        header, prefix = self._measure()
        self.height = header + prefix[-1] - prefix[self.start]
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        header, prefix = self._measure()
        room = available_height - header + prefix[self.start] + 1e-6
        end = bisect_right(prefix, room) - 1  # rows start..end-1 fit
        if end <= self.start:
            return []
        if end >= len(self.rows):
            return [self._table(self.rows[self.start:])]
        return [self._table(self.rows[self.start:end]),
                PagedTable(self.header, self.rows, self.widths, self.style_commands, end, self.shared)]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        table = self._table(self.rows[self.start:])
        table.wrapOn(canvas, self.width, self.height + 1)
        table.drawOn(canvas, x, y, _sW)

    def draw(self) -> None:  # drawn through drawOn
        pass


def table_style(numeric_columns: Iterable[int] = (), header: bool = True) -> list[tuple[Any, ...]]:
    regular, bold = fonts.face(), fonts.face(bold=True)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTSIZE", (0, 0), (-1, -1), BODY_PT),
        ("LEADING", (0, 0), (-1, -1), BODY_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LINEBELOW", (0, 1 if header else 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
    ]
    if header:
        style += [
            ("FONTNAME", (0, 0), (-1, 0), bold),
            ("FONTSIZE", (0, 0), (-1, 0), HEADER_PT),
            ("LEADING", (0, 0), (-1, 0), HEADER_LEADING),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ]
    for column in numeric_columns:
        style.append(("ALIGN", (column, 0), (column, -1), "RIGHT"))
    return style


def make_table(rows: list[list[Any]], widths: Sequence[float], wrapper: Wrapper,
               numeric_columns: Iterable[int] = (), header: bool = True) -> PagedTable:
    """A table of `rows` (the first the header, repeated on every page, unless `header` is False).

    Text cells are wrapped here with hyphenation into plain multi-line strings (which ReportLab lays
    out far faster than paragraphs); flowable cells pass through.
    """
    regular, bold = fonts.face(), fonts.face(bold=True)
    shaped: list[list[Any]] = []
    for index, row in enumerate(rows):
        is_header = header and index == 0
        face, size = (bold, HEADER_PT) if is_header else (regular, BODY_PT)
        shaped_row = []
        for value, width in zip(row, widths):
            if isinstance(value, str):
                value = "\n".join(wrapper.wrap(value, face, size, width - 2 * PAD_X - 0.5))
            shaped_row.append(value)
        shaped.append(shaped_row)
    head = shaped[0] if header and shaped else None
    body = shaped[1:] if header else shaped
    return PagedTable(head, body, widths, table_style(numeric_columns, header))


def title_and_text(title: str, text: str, width: float, wrapper: Wrapper, max_lines: int = MAX_CELL_LINES) -> CellText:
    """A cell with a bold title above a muted description (at most `max_lines`), each wrapped and hyphenated."""
    inner = width - 2 * PAD_X - 0.5
    bold, regular = fonts.face(bold=True), fonts.face()
    return CellText([
        (wrapper.wrap(title, bold, BODY_PT, inner), bold, BODY_PT, BODY_LEADING, INK),
        (wrapper.wrap(text, regular, NOTE_PT, inner, max_lines) if text.strip() else (), regular, NOTE_PT, NOTE_LEADING, MUTED),
    ])
