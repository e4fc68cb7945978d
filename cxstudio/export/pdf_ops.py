"""Low-level PDF drawing for the painters: many shapes as literal path operators, many text lines as batches.

Text is written with ReportLab's own glyph encoding and font subsets (characters it has not numbered
yet go through its `splitString`), one `Tm`/`Tj` per measured line, so the PDF shows exactly the
lines the layout measured.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics

from cxstudio.export import fonts
from cxstudio.layout import INK
from cxstudio.layout.geometry import TextLine
from cxstudio.layout.style import rgb

KAPPA = 0.5522847498  # Bezier control distance of a quarter circle, per unit radius


# one format operation for the whole path of a rounded rectangle (the hottest shape of a poster)
_ROUNDED_RECT = (
    "%.2f %.2f m %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c "
    "%.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c %.2f %.2f l %.2f %.2f %.2f %.2f %.2f %.2f c h"
)


def polyline_op(points: Iterable[tuple[float, float]], close: bool = False) -> str:
    """The path operators of a polyline (closed when `close`)."""
    iterator = iter(points)
    x, y = next(iterator)
    parts = [f"{x:.2f} {y:.2f} m"]
    parts.extend(f"{px:.2f} {py:.2f} l" for px, py in iterator)
    if close:
        parts.append("h")
    return " ".join(parts)


class PathOps:
    """PDF path operators for many shapes at once, written as literal text (Canvas.addLiteral).

    Thousands of cards, badges and arrows make ReportLab's per-point path objects the slowest part of
    a poster; one literal string per colour group is several times faster and draws the same shapes.
    Numbers are written with 0.01 pt precision in layout units (3.5 µm; finer than any printer).
    """

    __slots__ = ("ops",)

    def __init__(self) -> None:
        self.ops: list[str] = []

    def __bool__(self) -> bool:
        return bool(self.ops)

    def rounded_rect(self, x: float, y: float, w: float, h: float, r: float) -> None:
        r = min(r, w / 2, h / 2)
        k = r * (1 - KAPPA)
        right, bottom = x + w, y + h
        xr, yr, rr, br = x + r, y + r, right - r, bottom - r
        xk, yk, rk, bk = x + k, y + k, right - k, bottom - k
        self.ops.append(_ROUNDED_RECT % (
            xr, y, rr, y, rk, y, right, yk, right, yr, right, br, right, bk, rk, bottom, rr, bottom,
            xr, bottom, xk, bottom, x, bk, x, br, x, yr, x, yk, xk, y, xr, y,
        ))

    def circle(self, cx: float, cy: float, r: float) -> None:
        k = r * KAPPA
        self.ops.append(
            f"{cx + r:.2f} {cy:.2f} m "
            f"{cx + r:.2f} {cy + k:.2f} {cx + k:.2f} {cy + r:.2f} {cx:.2f} {cy + r:.2f} c "
            f"{cx - k:.2f} {cy + r:.2f} {cx - r:.2f} {cy + k:.2f} {cx - r:.2f} {cy:.2f} c "
            f"{cx - r:.2f} {cy - k:.2f} {cx - k:.2f} {cy - r:.2f} {cx:.2f} {cy - r:.2f} c "
            f"{cx + k:.2f} {cy - r:.2f} {cx + r:.2f} {cy - k:.2f} {cx + r:.2f} {cy:.2f} c h"
        )

    def polyline(self, points: Iterable[tuple[float, float]], close: bool = False) -> None:
        self.ops.append(polyline_op(points, close))

    def add(self, op: str) -> None:
        """A shape written before (polyline_op): a shape drawn on many pages is formatted once."""
        self.ops.append(op)

    def emit(self, canvas: Any, stroke: bool, fill: bool) -> None:
        """Paint the collected shapes with the canvas's current colours, line width and dash."""
        if not self.ops:
            return
        operator = "B" if stroke and fill else ("S" if stroke else "f")
        canvas.addLiteral(" ".join(self.ops) + f" {operator}")
        self.ops = []


class _NewGlyphError(Exception):
    """A character without a code in the font's first subset yet (ReportLab assigns it)."""


class _Glyphs(dict[int, str]):
    """Code point -> character of the font's first subset, for str.translate; raises _NewGlyphError for any other."""

    __slots__ = ()

    def __missing__(self, key: int) -> str:
        raise _NewGlyphError


class _FaceWriter:
    """Writes strings of one embedded TrueType face as PDF string operands, the way ReportLab's text objects do.

    ReportLab embeds a TrueType font as subsets of 256 glyphs and numbers each character on first use
    (`TTFont.splitString`, per document). Characters already numbered in the first subset are encoded
    here with one `str.translate`; anything else goes through `splitString` itself, so the codes, the
    subsets and the embedded glyphs are exactly ReportLab's.
    """

    __slots__ = ("font", "doc", "glyphs", "assignments", "names", "escape", "cache")

    def __init__(self, face: str, doc: Any, escape: Callable[[bytes], str]) -> None:
        self.font = pdfmetrics.getFont(face)
        self.doc = doc
        self.escape = escape
        self.names: dict[int, str] = {}
        self.cache: dict[str, tuple[tuple[int, str], ...]] = {}
        state = self.font.state.get(doc)
        self.assignments: dict[int, int] = state.assignments if state is not None else {}
        self.glyphs = _Glyphs({code: chr(n) for code, n in self.assignments.items() if n < 256})

    def name(self, subset: int) -> str:
        """The PDF resource name of a subset (registers the font with the document on first use)."""
        found = self.names.get(subset)
        if found is None:
            found = self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
        return found

    def chunks(self, text: str) -> tuple[tuple[int, str], ...]:
        """(subset, escaped string) pieces of `text`; almost always one piece of subset 0."""
        found = self.cache.get(text)
        if found is not None:
            return found
        try:
            found = ((0, self.escape(text.translate(self.glyphs).encode("latin-1"))),)
        except _NewGlyphError:
            found = tuple((subset, self.escape(data)) for subset, data in self.font.splitString(text, self.doc))
            if not self.assignments:
                self.assignments = self.font.state[self.doc].assignments
            for code in set(map(ord, text)):
                n = self.assignments.get(32 if code == 0xA0 else code)
                if n is not None and n < 256:
                    self.glyphs[code] = chr(n)
        self.cache[text] = found
        return found


class TextBatch:
    """All text of a drawing in one PDF text object, grouped by colour and font so each is set once per group.

    Text never overlaps other text in a layout, so the drawing order among lines does not matter;
    within a group the lines keep their order (a card's title lines stay together for copy and search).
    Each line is placed by its own text matrix and shown with one Tj (what ReportLab's textLine writes,
    without the line advance no line uses), encoded by `_FaceWriter`.
    """

    def __init__(self, canvas: Any) -> None:
        self.canvas = canvas
        self._faces = {(bold, italic): fonts.face(bold, italic) for bold in (False, True) for italic in (False, True)}
        self._groups: dict[tuple[str, bool, bool, float, bool], list[TextLine]] = {}
        self._writers: dict[str, _FaceWriter] = {}

    def add(self, line: TextLine, colour: str = INK, flip: bool = True) -> None:
        if not line.text:
            return
        key = (colour, line.bold, line.italic, line.size, flip)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = []
        group.append(line)

    def add_all(self, lines: Iterable[TextLine], colour: str) -> None:
        """`add` for several (flipped) lines of one colour."""
        groups = self._groups
        for line in lines:
            if line.text:
                key = (colour, line.bold, line.italic, line.size, True)
                group = groups.get(key)
                if group is None:
                    group = groups[key] = []
                group.append(line)

    def _writer(self, face: str) -> _FaceWriter:
        writer = self._writers.get(face)
        if writer is None:
            writer = self._writers[face] = _FaceWriter(face, self.canvas._doc, self.canvas._escape)
        return writer

    def flush(self) -> None:
        if not self._groups:
            return
        text = self.canvas.beginText()
        code = text._code
        bottomup = self.canvas.bottomup
        for (colour, bold, italic, size, flip), lines in self._groups.items():
            writer = self._writer(self._faces[(bold, italic)])
            text.setFillColorRGB(*rgb(colour))
            tf = f" {fp_str(size)} Tf "
            chunks_of = writer.chunks
            # the text matrix: un-flipped per line in layout coordinates (y down), as setTextTransform would
            matrix = "1 0 0 -1 " if flip == bool(bottomup) else "1 0 0 1 "
            subset = -1
            for line in lines:
                chunks = chunks_of(line.text)
                if len(chunks) == 1 and chunks[0][0] == subset:
                    code.append(f"{matrix}{fp_str(line.x, line.baseline)} Tm ({chunks[0][1]}) Tj")
                    continue
                code.append(f"{matrix}{fp_str(line.x, line.baseline)} Tm")
                for part, escaped in chunks:
                    if part != subset:
                        code.append(writer.name(part) + tf)
                        subset = part
                    code.append(f"({escaped}) Tj")
        self.canvas.drawText(text)
        self._groups = {}
