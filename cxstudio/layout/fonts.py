"""The bundled font files, a pure-Python TrueType metrics reader and THE text measurer used by every view."""

from __future__ import annotations

import struct
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from cxstudio.resources import RESOURCES_DIR

FONT_DIR: Path = RESOURCES_DIR / "fonts"
FONT_FAMILY = "DejaVu Sans"
FONT_FILES: dict[str, Path] = {
    "regular": FONT_DIR / "DejaVuSans.ttf",
    "bold": FONT_DIR / "DejaVuSans-Bold.ttf",
    "italic": FONT_DIR / "DejaVuSans-Oblique.ttf",
    "bold_italic": FONT_DIR / "DejaVuSans-BoldOblique.ttf",
}
FONT_LICENSE: Path = FONT_DIR / "LICENSE-DejaVu.txt"

ELLIPSIS = "\u2026"


class FontFileError(ValueError):
    """A font file is missing, truncated or lacks a table the measurer needs."""


class _UnitWidths(dict[str, int]):
    """Advance widths in font units per character, filled on first use of each character."""

    def __init__(self, metrics: FontMetrics) -> None:
        super().__init__()
        self._metrics = metrics

    def __missing__(self, char: str) -> int:
        advance = self._metrics.advance_units(char)
        self[char] = advance
        return advance


class _WordWidths(dict[str, int]):
    """Advance widths in font units per word (words repeat a lot in journey texts); bounded."""

    LIMIT = 50_000

    def __init__(self, units: _UnitWidths) -> None:
        super().__init__()
        self._units = units

    def __missing__(self, word: str) -> int:
        width = sum(map(self._units.__getitem__, word))
        if len(self) >= self.LIMIT:
            self.clear()
        self[word] = width
        return width


class FontMetrics:
    """Horizontal metrics of one TrueType file: advance widths per character, ascent, descent, line gap.

    Reads `head` (unitsPerEm), `hhea` (ascender, descender, lineGap, numberOfHMetrics), `maxp`
    (numGlyphs), `hmtx` (advances), `OS/2` (typographic and Windows ascent/descent) and `cmap`
    (formats 4 and 12). Characters the font has no glyph for measure as glyph 0 (.notdef).
    Tabs measure as a space; line breaks have no width (wrap handles them).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise FontFileError(f"The font file {self.path} cannot be read: {exc.strerror or exc}.") from None
        try:
            self._parse(data)
        except (struct.error, KeyError, IndexError) as exc:
            raise FontFileError(f"The font file {self.path} is not a usable TrueType font ({exc}).") from None
        self.units = _UnitWidths(self)
        # the narrowest printable Latin-1 advance: a text longer than limit / this cannot fit on one line
        self.narrowest_advance: int = min(self.advance_units(chr(code)) for code in range(0x21, 0x100) if code not in range(0x7F, 0xA1))
        self.word_units = _WordWidths(self.units)

    # ------------------------------------------------------------------ parsing
    def _parse(self, data: bytes) -> None:
        version, num_tables = struct.unpack_from(">IH", data, 0)
        if version not in (0x00010000, 0x74727565):  # TrueType outlines ('true' on old Apple fonts)
            raise FontFileError(f"The font file {self.path} is not a TrueType font.")
        tables: dict[bytes, tuple[int, int]] = {}
        for index in range(num_tables):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
            if offset + length > len(data):
                raise FontFileError(f"The font file {self.path} is truncated (table {tag.decode('latin-1')}).")
            tables[tag] = (offset, length)
        for required in (b"head", b"hhea", b"maxp", b"hmtx", b"cmap"):
            if required not in tables:
                raise FontFileError(f"The font file {self.path} has no '{required.decode()}' table.")

        head = tables[b"head"][0]
        self.units_per_em: int = struct.unpack_from(">H", data, head + 18)[0]
        hhea = tables[b"hhea"][0]
        ascender, descender, line_gap = struct.unpack_from(">hhh", data, hhea + 4)
        self.hhea_ascender: int = ascender
        self.hhea_descender: int = descender
        self.hhea_line_gap: int = line_gap
        number_of_hmetrics: int = struct.unpack_from(">H", data, hhea + 34)[0]
        self.num_glyphs: int = struct.unpack_from(">H", data, tables[b"maxp"][0] + 4)[0]

        hmtx = tables[b"hmtx"][0]
        # one unpack of the (advanceWidth, leftSideBearing) pairs, read as unsigned: the advances are every other
        advances = list(struct.unpack_from(f">{2 * number_of_hmetrics}H", data, hmtx)[0::2])
        # glyphs beyond numberOfHMetrics repeat the last advance
        self.glyph_advances: list[int] = advances + [advances[-1]] * max(0, self.num_glyphs - number_of_hmetrics)

        if b"OS/2" in tables:
            os2 = tables[b"OS/2"][0]
            typo_asc, typo_desc, typo_gap, win_asc, win_desc = struct.unpack_from(">hhhHH", data, os2 + 68)
            self.typo_ascender: int = typo_asc
            self.typo_descender: int = typo_desc
            self.typo_line_gap: int = typo_gap
            self.win_ascent: int = win_asc
            self.win_descent: int = win_desc
        else:
            self.typo_ascender, self.typo_descender, self.typo_line_gap = ascender, descender, line_gap
            self.win_ascent, self.win_descent = ascender, -descender

        self._char_map = self._parse_cmap(data, tables[b"cmap"][0])
        self._glyph_of = self._char_map.glyph
        self._cmap: dict[int, int] | None = None

    @property
    def cmap(self) -> dict[int, int]:
        """Every character code the font maps -> its glyph (built on first use; measuring looks glyphs up one by one)."""
        if self._cmap is None:
            self._cmap = self._char_map.mapping()
        return self._cmap

    def _parse_cmap(self, data: bytes, cmap: int) -> _CharMap:
        _version, count = struct.unpack_from(">HH", data, cmap)
        candidates: dict[tuple[int, int, int], int] = {}
        for index in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
            table = cmap + offset
            fmt = struct.unpack_from(">H", data, table)[0]
            candidates[(platform, encoding, fmt)] = table
        self.cmap_subtables: dict[tuple[int, int, int], int] = candidates  # (platform, encoding, format) -> offset
        # preference: full Unicode (format 12) over BMP (format 4)
        for (platform, encoding, fmt) in ((3, 10, 12), (0, 4, 12), (0, 6, 12), (3, 1, 4), (0, 3, 4), (0, 1, 4), (0, 0, 4)):
            table = candidates.get((platform, encoding, fmt))
            if table is not None:
                return _Format12(data, table) if fmt == 12 else _Format4(data, table)
        raise FontFileError(f"The font file {self.path} has no Unicode character map (cmap format 4 or 12).")

    # ------------------------------------------------------------------ measuring
    def glyph_id(self, char: str) -> int:
        """The glyph for a character, 0 (.notdef) when the font has none."""
        return self._glyph_of(ord(char))

    def has_glyph(self, char: str) -> bool:
        return self._glyph_of(ord(char)) != 0

    def advance_units(self, char: str) -> int:
        """Advance width of one character in font units (tab = space, line breaks = 0, missing = .notdef)."""
        if char in "\n\r":
            return 0
        if char == "\t":
            char = " "
        glyph = self._glyph_of(ord(char))
        return self.glyph_advances[glyph] if glyph < len(self.glyph_advances) else self.glyph_advances[0]

    def width_units(self, text: str) -> int:
        units = self.units
        return sum(map(units.__getitem__, text))

    def width(self, text: str, size: float) -> float:
        """Width of `text` set at `size` points without kerning, in points."""
        return self.width_units(text) * size / self.units_per_em

    def ascent(self, size: float) -> float:
        return self.hhea_ascender * size / self.units_per_em

    def descent(self, size: float) -> float:
        """Distance below the baseline, as a positive number of points."""
        return -self.hhea_descender * size / self.units_per_em

    def line_height(self, size: float) -> float:
        return (self.hhea_ascender - self.hhea_descender + self.hhea_line_gap) * size / self.units_per_em


class _CharMap:
    """A cmap subtable: one character's glyph looked up on demand (a bisection), or the whole mapping."""

    def glyph(self, code: int) -> int:
        raise NotImplementedError

    def mapping(self) -> dict[int, int]:
        raise NotImplementedError


class _Format12(_CharMap):
    """Format 12: groups of consecutive codes mapped to consecutive glyphs (full Unicode)."""

    def __init__(self, data: bytes, table: int) -> None:
        groups = struct.unpack_from(">I", data, table + 12)[0]
        fields = struct.unpack_from(f">{3 * groups}I", data, table + 16)  # (start, end, first glyph) per group
        self.starts, self.ends, self.firsts = fields[0::3], fields[1::3], fields[2::3]

    def glyph(self, code: int) -> int:
        group = bisect_right(self.starts, code) - 1
        if group < 0 or code > self.ends[group]:
            return 0
        return self.firsts[group] + code - self.starts[group]

    def mapping(self) -> dict[int, int]:
        mapping: dict[int, int] = {}
        for start, end, glyph in zip(self.starts, self.ends, self.firsts):
            mapping.update(zip(range(start, end + 1), range(glyph, glyph + end + 1 - start)))
        return mapping


class _Format4(_CharMap):
    """Format 4: segments of the Basic Multilingual Plane, by delta or through the glyph index array."""

    def __init__(self, data: bytes, table: int) -> None:
        length = struct.unpack_from(">H", data, table + 2)[0]
        data = self._data = data[table:table + length]  # the subtable alone is kept, not the whole font file
        seg_count = struct.unpack_from(">H", data, 6)[0] // 2
        ends_at = 14
        starts_at = ends_at + 2 * seg_count + 2  # skip reservedPad
        deltas_at = starts_at + 2 * seg_count
        self.range_offsets_at = deltas_at + 2 * seg_count
        self.ends = struct.unpack_from(f">{seg_count}H", data, ends_at)
        self.starts = struct.unpack_from(f">{seg_count}H", data, starts_at)
        self.deltas = struct.unpack_from(f">{seg_count}h", data, deltas_at)
        self.range_offsets = struct.unpack_from(f">{seg_count}H", data, self.range_offsets_at)

    def glyph(self, code: int) -> int:
        seg = bisect_left(self.ends, code)
        if seg >= len(self.ends) or code < self.starts[seg] or self.starts[seg] == 0xFFFF:
            return 0
        delta, range_offset = self.deltas[seg], self.range_offsets[seg]
        if range_offset == 0:
            return (code + delta) & 0xFFFF
        address = self.range_offsets_at + 2 * seg + range_offset + 2 * (code - self.starts[seg])
        if address + 2 > len(self._data):
            return 0  # an index past the subtable: no glyph, as a font renderer would decide
        found = struct.unpack_from(">H", self._data, address)[0]
        return (found + delta) & 0xFFFF if found else 0

    def mapping(self) -> dict[int, int]:
        return {code: glyph for start, end in zip(self.starts, self.ends) if start != 0xFFFF
                for code in range(start, end + 1) if (glyph := self.glyph(code))}


class TextMeasurer:
    """THE text measurer: widths, line heights and word wrap in the bundled font, shared by canvas and PDF.

    `wrap` breaks at spaces (no hyphenation); a word wider than the line is broken after its
    last hyphen or slash that fits, else between characters; a line break in the text always
    starts a new line; runs of spaces collapse into one. With `max_lines`, text that needs more lines is cut and its last line ends with an
    ellipsis ("…"). No returned line is wider than `width` unless a single character is.
    Results are cached, so laying out the same card again costs a dictionary look-up.
    """

    WRAP_CACHE_LIMIT = 20_000

    def __init__(
        self,
        regular: FontMetrics,
        bold: FontMetrics | None = None,
        italic: FontMetrics | None = None,
        bold_italic: FontMetrics | None = None,
    ) -> None:
        self.regular = regular
        self.bold = bold or regular
        self.italic = italic or regular
        self.bold_italic = bold_italic or self.bold
        self._wrap_cache: dict[tuple[str, float, float, bool, bool, int | None], tuple[tuple[str, float], ...]] = {}

    def metrics(self, bold: bool = False, italic: bool = False) -> FontMetrics:
        if bold:
            return self.bold_italic if italic else self.bold
        return self.italic if italic else self.regular

    def width(self, text: str, size: float, bold: bool = False, italic: bool = False) -> float:
        font = self.metrics(bold, italic)
        return font.width_units(text) * size / font.units_per_em

    def line_height(self, size: float) -> float:
        """Distance between baselines of consecutive lines (the regular face's hhea metrics)."""
        return self.regular.line_height(size)

    def ascent(self, size: float) -> float:
        """Distance from the top of a line box to its baseline."""
        return self.regular.ascent(size)

    def descent(self, size: float) -> float:
        return self.regular.descent(size)

    def wrap(
        self,
        text: str,
        width: float,
        size: float,
        bold: bool = False,
        max_lines: int | None = None,
        italic: bool = False,
    ) -> list[str]:
        """Lines of `text` that each fit into `width` points at `size` points."""
        return [line for line, _ in self.wrap_measured(text, width, size, bold, max_lines, italic)]

    def wrap_measured(
        self,
        text: str,
        width: float,
        size: float,
        bold: bool = False,
        max_lines: int | None = None,
        italic: bool = False,
    ) -> list[tuple[str, float]]:
        """Like `wrap`, with each line's width in points (the same number `width()` gives for the line)."""
        key = (text, width, size, bold, italic, max_lines)
        cached = self._wrap_cache.get(key)
        if cached is None:
            upm = self.metrics(bold, italic).units_per_em
            cached = tuple(
                (line, units * size / upm)
                for line, units in self._wrap(text, width, size, self.metrics(bold, italic), max_lines)
            )
            if len(self._wrap_cache) >= self.WRAP_CACHE_LIMIT:
                for stale in list(self._wrap_cache)[: self.WRAP_CACHE_LIMIT // 2]:
                    self._wrap_cache.pop(stale, None)  # pop: another thread may have evicted it
            self._wrap_cache[key] = cached
        return list(cached)

    # ------------------------------------------------------------------ wrapping internals
    def _wrap(
        self, text: str, width: float, size: float, font: FontMetrics, max_lines: int | None
    ) -> list[tuple[str, int]]:
        """(line, width in font units) pairs; see the class docstring for the rules."""
        if max_lines is not None and max_lines <= 0:
            return []
        limit = width * font.units_per_em / size if size > 0 else float("inf")
        units = font.units
        word_units = font.word_units
        space = units[" "]
        lines: list[tuple[str, int]] = []
        # one line more than allowed tells us the text was cut
        wanted = None if max_lines is None else max_lines + 1
        paragraphs = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while paragraphs and not paragraphs[-1].strip():
            paragraphs.pop()
        for paragraph in paragraphs:
            if wanted is not None and len(lines) >= wanted:
                break
            words = paragraph.split()
            if not words:
                lines.append(("", 0))
                continue
            if len(paragraph) * font.narrowest_advance <= limit:  # it may fit whole: one measurement
                joined = " ".join(words)
                whole = sum(map(units.__getitem__, joined))
                if whole <= limit:
                    lines.append((joined, whole))
                    continue
            current: list[str] = []
            current_units = -space  # the first word adds no space
            for word in words:
                this = word_units[word]
                extended = current_units + space + this
                if extended <= limit:
                    current.append(word)
                    current_units = extended
                    continue
                if current:
                    lines.append((" ".join(current), current_units))
                    current = []
                    if wanted is not None and len(lines) >= wanted:
                        break
                if this <= limit:
                    current, current_units = [word], this
                else:
                    room = None if wanted is None else wanted - len(lines)
                    pieces = _break_word(word, units, limit, room)
                    lines.extend(pieces[:-1])
                    current, current_units = [pieces[-1][0]], pieces[-1][1]
                if wanted is not None and len(lines) >= wanted:
                    break
            if current:
                lines.append((" ".join(current), current_units))
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = _with_ellipsis(lines[-1][0], units, limit)
        return lines


def _break_word(word: str, units: dict[str, int], limit: float, max_pieces: int | None) -> list[tuple[str, int]]:
    """Split a word wider than the line; every piece has at least one character.

    A piece ends after the last hyphen or slash that fits ("Kundenservice-" / "Hotline"), else
    between characters. No hyphen is ever added. With `max_pieces`, stops after that many
    pieces (the caller cuts the rest with an ellipsis).
    """
    pieces: list[tuple[str, int]] = []
    start = 0
    cumulative = list(accumulate(units[c] for c in word))
    consumed = 0
    while start < len(word) and (max_pieces is None or len(pieces) < max_pieces):
        end = bisect_right(cumulative, consumed + limit, lo=start)
        if end <= start:
            end = start + 1
        elif end < len(word):
            joint = max(word.rfind("-", start, end - 1), word.rfind("/", start, end - 1))
            if joint > start:  # a leading hyphen is no joint
                end = joint + 1
        pieces.append((word[start:end], cumulative[end - 1] - consumed))
        consumed = cumulative[end - 1]
        start = end
    return pieces


def _with_ellipsis(line: str, units: dict[str, int], limit: float) -> tuple[str, int]:
    """`line` shortened between characters so that line + "…" fits; with its width in font units."""
    ellipsis = units[ELLIPSIS]
    text = line.rstrip()
    total = sum(map(units.__getitem__, text))
    while text and total + ellipsis > limit:
        total -= units[text[-1]]
        text = text[:-1]
    stripped = text.rstrip()
    total -= sum(map(units.__getitem__, text[len(stripped):]))
    return stripped + ELLIPSIS, total + ellipsis


@lru_cache(maxsize=1)
def default_measurer() -> TextMeasurer:
    """The measurer over the bundled DejaVu Sans files (loaded once per process)."""
    return TextMeasurer(
        FontMetrics(FONT_FILES["regular"]),
        FontMetrics(FONT_FILES["bold"]),
        FontMetrics(FONT_FILES["italic"]),
        FontMetrics(FONT_FILES["bold_italic"]),
    )


def missing_glyphs(text: str, fonts: Iterable[FontMetrics] | None = None) -> set[str]:
    """Characters of `text` (other than line breaks and tabs) that a font renders as .notdef."""
    faces = list(fonts) if fonts is not None else [default_measurer().regular]
    return {c for c in set(text) if c not in "\n\r\t" and any(not f.has_glyph(c) for f in faces)}
