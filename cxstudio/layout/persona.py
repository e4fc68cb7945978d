"""The persona band above a map: the journey's persona (picture, name, role, quote, goals, frustrations) as geometry.

Drawn between the title block and the grid when `LayoutSettings.persona_band` is on and the journey has a
persona; the canvas and every exporter draw exactly these rectangles and lines (print = screen). The picture
is drawn by the renderers into `picture_rect` (scaled to fit, centred); without a picture, or one that cannot
be read, they draw the persona's initials (`initials`) on a tinted square.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxstudio.layout.fonts import TextMeasurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.layout.labels import label
from cxstudio.model.document import Document
from cxstudio.model.entities import Journey, Persona

BAND_PADDING = 10.0
PICTURE_SIZE = 92.0
# A picture from a file is decoded only up to this many pixels (the editor stores at most 512 x 512): a few
# kilobytes of a stranger's PNG can claim 90,000 x 90,000 pixels, gigabytes once decoded. Larger: initials.
MAX_PICTURE_PIXELS = 4096 * 4096
NAME_SIZE = 14.0
ROLE_SIZE = 9.5
QUOTE_SIZE = 10.5
HEADING_SIZE = 8.0
BODY_SIZE = 9.0
INITIALS_SIZE = 28.0
QUOTE_MAX_LINES = 4
BODY_MAX_LINES = 6
COLUMN_GAP = 16.0
IDENTITY_MAX_WIDTH = 340.0  # name, role and quote: short lines read well, and the goals stay in sight
COLUMN_MAX_WIDTH = 320.0  # goals, frustrations
MIN_BAND_WIDTH = 480.0

BAND_FILL = "#f8fafc"
BAND_BORDER = "#cbd5e1"
PICTURE_FILL = "#e0e7ff"
PICTURE_INK = "#3730a3"

def band_word(key: str, language: str) -> str:
    """"goals" or "frustrations" in the map's language (layout/labels.py, like every built-in word of the map)."""
    return label(f"persona.{key}", language)


@dataclass(frozen=True, slots=True)
class PersonaBand:
    """The band's rectangle, the picture's square and the text lines, each group in its own colour."""

    persona_id: str
    rect: Rect
    picture_rect: Rect
    has_picture: bool
    initials: TextLine  # centred in picture_rect; drawn when there is no (readable) picture
    name_lines: tuple[TextLine, ...]  # the name (bold), then the role
    quote_lines: tuple[TextLine, ...]  # italic, with quotation marks
    heading_lines: tuple[TextLine, ...]  # "Goals", "Frustrations" (bold, muted)
    body_lines: tuple[TextLine, ...]  # the goals and frustrations

    def all_lines(self) -> tuple[TextLine, ...]:
        return self.name_lines + self.quote_lines + self.heading_lines + self.body_lines


def initials_of(name: str) -> str:
    """Up to two initials of a name ("Max Mustermann" -> "MM"); "?" for an empty one."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    letters = "".join(w[0] for w in words[:2]).upper()
    return letters or "?"


_QUOTE_MARKS = "\"'\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb\u2039\u203a"


def quoted(text: str, language: str) -> str:
    """The quote in the language's quotation marks; marks the text already has are kept as they are."""
    text = text.strip()
    if text[:1] in _QUOTE_MARKS and text[-1:] in _QUOTE_MARKS:
        return text
    return f"\u201e{text}\u201c" if language == "de" else f"\u201c{text}\u201d"


def _lines(
    measurer: TextMeasurer, texts: list[tuple[str, float]], x: float, top: float, size: float, bold: bool = False,
    italic: bool = False,
) -> tuple[tuple[TextLine, ...], float]:
    ascent, height = measurer.ascent(size), measurer.line_height(size)
    lines = tuple(TextLine(text, x, top + ascent + i * height, size, bold, italic, width)
                  for i, (text, width) in enumerate(texts))
    return lines, top + len(texts) * height


def layout_persona_band(
    doc: Document, journey: Journey, measurer: TextMeasurer, language: str, left: float, top: float, width: float
) -> PersonaBand | None:
    """The band of `journey`'s persona at (left, top), `width` wide (at least MIN_BAND_WIDTH); None without persona.

    Left the picture square, beside it the name, role and quote, then two columns: goals and
    frustrations (each wrapped to at most BODY_MAX_LINES lines, ending in "…"). The band is as tall
    as its tallest part.
    """
    persona = doc.find(journey.persona_id) if journey.persona_id is not None else None
    if not isinstance(persona, Persona):
        return None
    width = max(width, MIN_BAND_WIDTH)
    pad = BAND_PADDING
    picture = Rect(left + pad, top + pad, PICTURE_SIZE, PICTURE_SIZE)
    initials_text = initials_of(persona.name)
    initials_width = measurer.width(initials_text, INITIALS_SIZE, bold=True)
    initials = TextLine(
        initials_text, picture.x + (picture.width - initials_width) / 2,
        picture.y + picture.height / 2 + (measurer.ascent(INITIALS_SIZE) - measurer.descent(INITIALS_SIZE)) / 2,
        INITIALS_SIZE, True, False, initials_width,
    )
    text_left = picture.right + pad
    room = left + width - pad - text_left
    has_goals, has_frustrations = bool(persona.goals.strip()), bool(persona.frustrations.strip())
    columns = has_goals + has_frustrations
    identity_width = min(room, IDENTITY_MAX_WIDTH) if not columns else min(max(room * 0.4, 150.0), IDENTITY_MAX_WIDTH)
    column_width = min((room - identity_width - COLUMN_GAP * columns) / columns, COLUMN_MAX_WIDTH) if columns else 0.0
    name_texts = measurer.wrap_measured(persona.name or "?", identity_width, NAME_SIZE, bold=True, max_lines=2)
    name_lines, y = _lines(measurer, name_texts, text_left, top + pad, NAME_SIZE, bold=True)
    if persona.role.strip():
        role_texts = measurer.wrap_measured(persona.role.strip(), identity_width, ROLE_SIZE, max_lines=2)
        role_lines, y = _lines(measurer, role_texts, text_left, y + 1, ROLE_SIZE)
        name_lines += role_lines
    quote_lines: tuple[TextLine, ...] = ()
    if persona.quote.strip():
        quote = quoted(persona.quote, language)
        quote_texts = measurer.wrap_measured(quote, identity_width, QUOTE_SIZE, italic=True, max_lines=QUOTE_MAX_LINES)
        quote_lines, y = _lines(measurer, quote_texts, text_left, y + 5, QUOTE_SIZE, italic=True)
    bottom = max(y, picture.bottom)
    headings: list[TextLine] = []
    body: list[TextLine] = []
    x = text_left + identity_width + COLUMN_GAP
    for key, value in (("goals", persona.goals), ("frustrations", persona.frustrations)):
        if not value.strip():
            continue
        heading = measurer.wrap_measured(band_word(key, language).upper(), column_width, HEADING_SIZE, bold=True,
                                         max_lines=1)
        heading_lines, y = _lines(measurer, heading, x, top + pad + 2, HEADING_SIZE, bold=True)
        texts = measurer.wrap_measured(value.strip(), column_width, BODY_SIZE, max_lines=BODY_MAX_LINES)
        body_lines, y = _lines(measurer, texts, x, y + 3, BODY_SIZE)
        headings.extend(heading_lines)
        body.extend(body_lines)
        bottom = max(bottom, y)
        x += column_width + COLUMN_GAP
    rect = Rect(left, top, width, bottom + pad - top)
    return PersonaBand(
        persona_id=persona.id, rect=rect, picture_rect=picture, has_picture=persona.picture is not None,
        initials=initials, name_lines=name_lines, quote_lines=quote_lines, heading_lines=tuple(headings),
        body_lines=tuple(body),
    )
