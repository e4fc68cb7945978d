"""Card content: a card's kind line, markers, wrapped title and text and badges, relative to the card, cached.

Contents are cached across layouts, keyed by the card's value and the names it shows.
"""

from __future__ import annotations

import dataclasses
import weakref
from dataclasses import dataclass

from cxstudio.layout.boxes import CardBadge, CardBox, Marker
from cxstudio.layout.fonts import TextMeasurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.layout.icons import DEPARTMENT_ICON, has_icon
from cxstudio.layout.labels import label
from cxstudio.layout.rows import effective_channel_and_department
from cxstudio.layout.settings import LayoutSettings
from cxstudio.layout.style import (
    KIND_COLOURS,
    MOMENT_OF_TRUTH_COLOUR,
    MOMENT_OF_TRUTH_SYMBOL,
    PAIN_POINT_COLOUR,
    PAIN_POINT_SYMBOL,
    rating_colour,
    readable_text_colour,
)
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Channel


@dataclass(slots=True, eq=False)
class CardContent:
    """A card's text laid out relative to the card's top-left corner.

    Compared and hashed by identity: the content cache makes one object per card value, so
    the object stands for the card's whole value in the placed-box cache's keys.
    """

    height: float
    kind_line: TextLine | None
    title_lines: tuple[TextLine, ...]
    text_lines: tuple[TextLine, ...]
    badges: tuple[CardBadge, ...]
    markers: tuple[Marker, ...]
    colour: str
    text_colour: str
    channel_id: str | None
    channel_name: str
    department_id: str | None
    department_name: str



class Builder:
    """Per-layout helpers: names of referenced entities, text lines, card contents (cached across layouts)."""

    def __init__(self, doc: Document, settings: LayoutSettings, measurer: TextMeasurer, language: str) -> None:
        self.doc = doc
        self.s = settings
        self.m = measurer
        self.language = language
        self.names: dict[str | None, str] = {None: ""}
        self.size_metrics: dict[float, tuple[float, float]] = {}
        self.header_cache: dict[tuple[bool, bool, int | None, str, int], tuple[TextLine | None, tuple[Marker, ...]]] = {}
        # card contents do not depend on cell_columns, and box keys hold positions: share the caches
        shared = settings if settings.cell_columns == 1 else dataclasses.replace(settings, cell_columns=1)
        self.content_cache, self.box_cache = _caches(measurer, shared, language)

    def name_of(self, entity_id: str | None) -> str:
        name = self.names.get(entity_id)
        if name is None:
            entity = self.doc.find(entity_id)
            name = getattr(entity, "name", "") if entity is not None else ""
            self.names[entity_id] = name
        return name

    def icon_of(self, channel_id: str | None) -> str:
        """The icon key of a channel ("" for none or an unknown id)."""
        entity = self.doc.find(channel_id) if channel_id is not None else None
        return entity.icon if isinstance(entity, Channel) else ""

    def lines(
        self, texts: list[tuple[str, float]], x: float, top: float, size: float, bold: bool = False,
        italic: bool = False,
    ) -> tuple[tuple[TextLine, ...], float]:
        """TextLines for wrapped (text, width) pairs starting at `top`; returns them and the y below them."""
        metrics = self.size_metrics.get(size)
        if metrics is None:
            metrics = self.size_metrics[size] = (self.m.ascent(size), self.m.line_height(size))
        ascent, line_height = metrics
        result = []
        y = top
        for text, width in texts:
            result.append(TextLine(text, x, y + ascent, size, bold, italic, width))
            y += line_height
        return tuple(result), y

    # ------------------------------------------------------------------ cards
    def card_key(self, card: Card) -> CardKey:
        """Everything a card's content depends on besides settings, language and measurer."""
        channel_id, department_id = effective_channel_and_department(self.doc, card)
        touchpoint_name = self.name_of(card.touchpoint_id) if card.touchpoint_id is not None else ""
        return (card, touchpoint_name, channel_id, self.name_of(channel_id), self.icon_of(channel_id),
                department_id, self.name_of(department_id))

    def card_content(self, key: CardKey) -> CardContent:
        content = self.content_cache.get(key)
        if content is None:
            content = self._card_content(*key)
            self.content_cache[key] = content
        return content

    def _card_content(
        self, card: Card, touchpoint_name: str, channel_id: str | None, channel_name: str, channel_icon: str,
        department_id: str | None, department_name: str,
    ) -> CardContent:
        s, m = self.s, self.m
        inner = s.card_width - 2 * s.card_padding
        colour = card.colour or KIND_COLOURS.get(card.kind, "#ffffff")
        text_colour = readable_text_colour(colour)

        header = self.card_header((card.moment_of_truth, card.pain_point, card.rating, card.kind, card.priority))
        kind_line, marker_boxes = header
        y = s.card_padding + max(s.marker_size, m.line_height(s.meta_size))

        title = card.title
        if not title.strip():
            title = touchpoint_name
        title_lines: tuple[TextLine, ...] = ()
        if title.strip():
            texts = m.wrap_measured(title, inner, s.card_title_size, bold=True, max_lines=s.card_title_max_lines)
            title_lines, y = self.lines(texts, s.card_padding, y + s.card_block_gap, s.card_title_size, bold=True)
        text_lines: tuple[TextLine, ...] = ()
        if card.text.strip():
            texts = m.wrap_measured(card.text, inner, s.card_text_size, max_lines=s.card_text_max_lines)
            text_lines, y = self.lines(texts, s.card_padding, y + s.card_block_gap, s.card_text_size)
        wanted = []
        if channel_id is not None and channel_name:
            wanted.append(("channel", channel_id, channel_name, channel_icon if has_icon(channel_icon) else ""))
        if department_id is not None and department_name:
            wanted.append(("department", department_id, department_name, DEPARTMENT_ICON))
        badges: tuple[CardBadge, ...] = ()
        if wanted:
            badges, bottom = self.card_badges(wanted, y + s.card_block_gap)
            y = bottom
        height = max(s.card_min_height, y + s.card_padding)
        if badges and height > y + s.card_padding + 1e-9:  # a short card: the badges sit at its bottom
            badges = tuple(badge.moved(0.0, height - s.card_padding - y) for badge in badges)
        return CardContent(
            height, kind_line, title_lines, text_lines, badges,
            marker_boxes, colour, text_colour, channel_id, channel_name, department_id, department_name,
        )

    def card_badges(
        self, wanted: list[tuple[str, str, str, str]], top: float
    ) -> tuple[tuple[CardBadge, ...], float]:
        """Pills for (kind, entity id, name, icon key) flowing from `top` across the card's inner width.

        Returns them (relative to the card) and the y below the last row.
        """
        s, m = self.s, self.m
        left, right = s.card_padding, s.card_width - s.card_padding
        line_height = m.line_height(s.badge_size)
        icon_side = min(m.ascent(s.badge_size) + m.descent(s.badge_size), line_height)
        pills: list[tuple[str, str, str, float, float, list[tuple[str, float]]]] = []  # kind, id, icon, w, h, texts
        for kind, entity_id, name, icon in wanted:
            icon_room = icon_side + s.badge_icon_gap if icon else 0.0
            room = max(1.0, right - left - 2 * s.badge_padding_x - icon_room)
            texts = m.wrap_measured(name, room, s.badge_size, max_lines=s.badge_max_lines)
            text_width = max((width for _text, width in texts), default=0.0)
            width = 2 * s.badge_padding_x + icon_room + text_width
            height = 2 * s.badge_padding_y + line_height * max(1, len(texts))
            pills.append((kind, entity_id, icon, width, height, texts))
        badges: list[CardBadge] = []
        x, row_top, row_height = left, top, 0.0
        for kind, entity_id, icon, width, height, texts in pills:
            if x > left and x + width > right + 1e-9:
                x, row_top, row_height = left, row_top + row_height + s.badge_gap, 0.0
            rect = Rect(x, row_top, width, height)
            icon_rect = None
            text_left = x + s.badge_padding_x
            if icon:
                first_line_middle = row_top + s.badge_padding_y + line_height / 2
                icon_rect = Rect(text_left, first_line_middle - icon_side / 2, icon_side, icon_side)
                text_left += icon_side + s.badge_icon_gap
            lines, _ = self.lines(texts, text_left, row_top + s.badge_padding_y, s.badge_size)
            radius = s.badge_padding_y + line_height / 2
            badges.append(CardBadge(kind, entity_id, rect, icon, icon_rect, lines, radius))
            x += width + s.badge_gap
            row_height = max(row_height, height)
        return tuple(badges), row_top + row_height

    def card_header(
        self, flags: tuple[bool, bool, int | None, str, int]
    ) -> tuple[TextLine | None, tuple[Marker, ...]]:
        """The kind label and the markers of a card's top row (relative to the card), cached per combination."""
        header = self.header_cache.get(flags)
        if header is None:
            header = self.header_cache[flags] = self._card_header(*flags)
        return header

    def _card_header(
        self, moment_of_truth: bool, pain_point: bool, rating: int | None, kind: str, priority: int
    ) -> tuple[TextLine | None, tuple[Marker, ...]]:
        s, m = self.s, self.m
        inner = s.card_width - 2 * s.card_padding
        markers: list[tuple[str, str, str]] = []  # kind, fill, label
        if moment_of_truth:
            markers.append(("moment_of_truth", MOMENT_OF_TRUTH_COLOUR, MOMENT_OF_TRUTH_SYMBOL))
        if pain_point:
            markers.append(("pain_point", PAIN_POINT_COLOUR, PAIN_POINT_SYMBOL))
        if rating is not None:
            markers.append(("rating", rating_colour(rating), str(rating)))
        header_height = max(s.marker_size, m.line_height(s.meta_size))
        marker_boxes = []
        x = s.card_width - s.card_padding
        label_size = s.marker_size * 0.62
        for marker_kind, fill, text in reversed(markers):
            x -= s.marker_size
            rect = Rect(x, s.card_padding, s.marker_size, s.marker_size)
            text_width = m.width(text, label_size, bold=True)
            baseline = rect.y + rect.height / 2 + (m.ascent(label_size) - m.descent(label_size)) / 2
            marker_boxes.append(
                Marker(marker_kind, rect, fill,
                       TextLine(text, rect.x + (rect.width - text_width) / 2, baseline, label_size, True, False, text_width))
            )
            x -= s.marker_gap
        marker_boxes.reverse()
        kind_width = x - s.card_padding if markers else inner
        kind_text = label(f"card.{kind}", self.language)
        if priority:
            kind_text += " \u00b7 " + label(f"priority.{priority}", self.language)
        kind_texts = m.wrap_measured(kind_text, kind_width, s.meta_size, max_lines=1)
        kind_top = s.card_padding + (header_height - m.line_height(s.meta_size)) / 2
        kind_lines, _ = self.lines(kind_texts, s.card_padding, kind_top, s.meta_size)
        return (kind_lines[0] if kind_lines else None), tuple(marker_boxes)



CardKey = tuple[Card, str, str | None, str, str, str | None, str]
BoxKey = tuple[CardContent, float, float, int, str, str]
_CACHE_SLACK = 2_000  # entries a cache may hold beyond three times the current layout's cards
_layout_caches: weakref.WeakKeyDictionary[
    TextMeasurer, dict[tuple[LayoutSettings, str], tuple[dict[CardKey, CardContent], dict[BoxKey, CardBox]]]
] = weakref.WeakKeyDictionary()


def _caches(
    measurer: TextMeasurer, settings: LayoutSettings, language: str
) -> tuple[dict[CardKey, CardContent], dict[BoxKey, CardBox]]:
    """Card contents and placed card boxes from earlier layouts with the same measurer, settings and language.

    Keys hold the card's full value and the names it shows, so a changed card or a renamed
    channel never hits a stale entry; re-laying out after one edit reuses every untouched card.
    Entries of cards that changed or moved stay behind; `_prune` drops them once a cache holds
    more than three times the cards of the layout just made (plus some slack), keeping that
    layout's own entries.
    """
    per_measurer = _layout_caches.setdefault(measurer, {})
    caches = per_measurer.get((settings, language))
    if caches is None:
        if len(per_measurer) >= 8:
            per_measurer.clear()
        caches = per_measurer[(settings, language)] = ({}, {})
    return caches


def prune(
    content_cache: dict[CardKey, CardContent],
    box_cache: dict[BoxKey, CardBox],
    card_keys: dict[str, CardKey],
    box_keys: list[BoxKey],
) -> None:
    """Keep the caches' memory proportional to the journeys being laid out, not to the edit history."""
    limit = 3 * len(card_keys) + _CACHE_SLACK
    # written to stay safe when an export thread and the canvas lay out at the same time
    if len(content_cache) > limit:
        kept_contents = {key: content_cache.get(key) for key in card_keys.values()}
        content_cache.clear()
        content_cache.update({key: value for key, value in kept_contents.items() if value is not None})
    if len(box_cache) > limit:
        kept_boxes = {key: box_cache.get(key) for key in box_keys}
        box_cache.clear()
        box_cache.update({key: value for key, value in kept_boxes.items() if value is not None})

