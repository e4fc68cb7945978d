"""Actions on a map as geometry: the badge on each card that actions address, and the optional actions lane.

An action addresses a card directly (`Action.card_ids`), through an insight linked to the card
(`Action.insight_ids` -> `Insight.card_ids`) or through the card's catalogue touchpoint
(`Action.touchpoint_ids`). Each addressed card gets a round badge with the count, centred on its
top-left corner (clear of the card's text, of its markers and of the comment bubble at the top right). The actions lane, below the last lane when
`LayoutSettings.actions_lane` is on, lists per stage the actions that address a card of that stage
(an action addressing cards of two stages is listed in both): title, then owner, due date and status.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cxstudio.layout.boxes import CardBox, HeaderBox
from cxstudio.layout.fonts import TextMeasurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.layout.labels import label
from cxstudio.layout.settings import LayoutSettings
from cxstudio.model.document import Document
from cxstudio.model.entities import Action, ActionStatus, Card, Stage

ACTIONS_LANE_KEY = "actions"  # the header's id: not a lane of the journey, nothing can be dropped there
BADGE_DIAMETER = 14.0
BADGE_SIZE = 7.5  # the count's font size
BADGE_FILL = "#0f766e"
BADGE_INK = "#ffffff"
NOTE_TITLE_SIZE = 9.0
NOTE_META_SIZE = 7.5
NOTE_TITLE_MAX_LINES = 3
NOTE_PADDING = 5.0
NOTE_STRIPE = 4.0  # the status stripe at a note's left
NOTE_GAP = 6.0
NOTE_RADIUS = 3.0
NOTE_FILL = "#ffffff"
NOTE_BORDER = "#94a3b8"
LANE_FILL = "#f0fdfa"
STATUS_COLOURS = {
    ActionStatus.OPEN.value: "#f59e0b",
    ActionStatus.IN_PROGRESS.value: "#2563eb",
    ActionStatus.DONE.value: "#16a34a",
    ActionStatus.CANCELLED.value: "#9ca3af",
}
_STATUS_RANK = {ActionStatus.IN_PROGRESS.value: 0, ActionStatus.OPEN.value: 1, ActionStatus.DONE.value: 2,
                ActionStatus.CANCELLED.value: 3}


def action_word(key: str, language: str) -> str:
    """A word of the actions lane ('lane', a status, 'due', 'no_owner') from the map's labels (layout/labels.py)."""
    return label(f"action.{key}", language)


def due_text(due: str, language: str) -> str:
    """A due date (YYYY-MM-DD) as the language writes it: 31.03.2026 in German, 2026-03-31 in English."""
    if language == "de" and len(due) == 10 and due[4] == "-" and due[7] == "-":
        return f"{due[8:10]}.{due[5:7]}.{due[0:4]}"
    return due


@dataclass(frozen=True, slots=True)
class ActionBadge:
    """The count of actions addressing a card, in a round badge on its top-left corner."""

    card_id: str
    rect: Rect  # the circle's (or, for 10 and more, the pill's) bounding box
    label: TextLine
    action_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ActionNote:
    """One action in the actions lane: a small card with a status stripe, its title and owner, due and status."""

    action_id: str
    stage_id: str
    rect: Rect
    status: str
    title_lines: tuple[TextLine, ...]
    meta_lines: tuple[TextLine, ...]

    def all_lines(self) -> tuple[TextLine, ...]:
        return self.title_lines + self.meta_lines


@dataclass(frozen=True, slots=True)
class ActionLane:
    """The row below the last lane: its header, its cells per stage and the notes in them."""

    header: HeaderBox
    rect: Rect  # the whole row, header included
    cells: tuple[tuple[str, Rect], ...]  # (stage id, cell) in stage order
    notes: tuple[ActionNote, ...]

    def note_at(self, x: float, y: float) -> str | None:
        for note in self.notes:
            if note.rect.contains(x, y):
                return note.action_id
        return None


def actions_by_card(doc: Document, cards: list[Card]) -> dict[str, tuple[str, ...]]:
    """The ids of the actions addressing each of `cards` (directly, through an insight or its touchpoint), by title."""
    result: dict[str, tuple[str, ...]] = {}
    for card in cards:
        found = doc.referrer_ids(card.id, "action", "card_ids")
        for insight_id in doc.referrer_ids(card.id, "insight", "card_ids"):
            found |= doc.referrer_ids(insight_id, "action", "insight_ids")
        if card.touchpoint_id is not None:
            found |= doc.referrer_ids(card.touchpoint_id, "action", "touchpoint_ids")
        if found:
            result[card.id] = tuple(sorted(found, key=lambda i: (doc.get(i, Action).title.casefold(), i)))
    return result


def action_badges(
    addressed: dict[str, tuple[str, ...]], card_rects: dict[str, Rect], measurer: TextMeasurer
) -> dict[str, ActionBadge]:
    """A badge per shown card that actions address, centred on the card's top-left corner."""
    badges = {}
    ascent, descent = measurer.ascent(BADGE_SIZE), measurer.descent(BADGE_SIZE)
    for card_id, rect in card_rects.items():  # in the layout's order of cards (`addressed` may follow a set's)
        action_ids = addressed.get(card_id)
        if not action_ids:
            continue
        text = str(len(action_ids)) if len(action_ids) < 100 else "99+"
        text_width = measurer.width(text, BADGE_SIZE, bold=True)
        width = max(BADGE_DIAMETER, text_width + 6.0)
        box = Rect(rect.x - width / 2, rect.y - BADGE_DIAMETER / 2, width, BADGE_DIAMETER)
        baseline = box.y + BADGE_DIAMETER / 2 + (ascent - descent) / 2
        label = TextLine(text, box.x + (width - text_width) / 2, baseline, BADGE_SIZE, True, False, text_width)
        badges[card_id] = ActionBadge(card_id, box, label, action_ids)
    return badges


def _note(
    doc: Document, action: Action, stage_id: str, x: float, y: float, width: float, measurer: TextMeasurer,
    language: str,
) -> ActionNote:
    inner = width - NOTE_STRIPE - 2 * NOTE_PADDING
    left = x + NOTE_STRIPE + NOTE_PADDING
    texts = measurer.wrap_measured(action.title or "?", inner, NOTE_TITLE_SIZE, bold=True,
                                   max_lines=NOTE_TITLE_MAX_LINES)
    ascent, height = measurer.ascent(NOTE_TITLE_SIZE), measurer.line_height(NOTE_TITLE_SIZE)
    top = y + NOTE_PADDING
    title = tuple(TextLine(t, left, top + ascent + i * height, NOTE_TITLE_SIZE, True, False, w)
                  for i, (t, w) in enumerate(texts))
    top += len(texts) * height + 1
    parts = [action.owner.strip() or action_word("no_owner", language)]
    if action.due:
        parts.append(action_word("due", language).format(due_text(action.due, language)))
    parts.append(action_word(action.status, language))
    meta_texts = measurer.wrap_measured(" \u00b7 ".join(parts), inner, NOTE_META_SIZE, max_lines=3)
    meta_ascent, meta_height = measurer.ascent(NOTE_META_SIZE), measurer.line_height(NOTE_META_SIZE)
    meta = tuple(TextLine(t, left, top + meta_ascent + i * meta_height, NOTE_META_SIZE, False, False, w)
                 for i, (t, w) in enumerate(meta_texts))
    top += len(meta_texts) * meta_height
    return ActionNote(action.id, stage_id, Rect(x, y, width, top + NOTE_PADDING - y), action.status, title, meta)


def layout_actions_lane(
    doc: Document, addressed: dict[str, tuple[str, ...]], cards: list[Card], stage_ids: list[str],
    stage_columns_x: list[float], top: float, grid_right: float, s: LayoutSettings, measurer: TextMeasurer,
    language: str,
) -> ActionLane:
    """The actions lane at `top`: per stage, the actions addressing its cards (in progress, open, done, cancelled;
    then by due date and title), stacked like cards; as tall as its fullest cell, at least a lane's minimum height."""
    per_stage: dict[str, set[str]] = {stage_id: set() for stage_id in stage_ids}
    for card in cards:
        ids = addressed.get(card.id)
        if ids and card.stage_id in per_stage:
            per_stage[card.stage_id].update(ids)
    width = s.column_width - 2 * s.cell_padding
    notes: list[ActionNote] = []
    tallest = 0.0
    for stage_id, x in zip(stage_ids, stage_columns_x):
        actions = sorted((doc.get(i, Action) for i in per_stage[stage_id]),
                         key=lambda a: (_STATUS_RANK.get(a.status, 9), a.due or "9999", a.title.casefold(), a.id))
        y = top + s.cell_padding
        for action in actions:
            note = _note(doc, action, stage_id, x + s.cell_padding, y, width, measurer, language)
            notes.append(note)
            y = note.rect.bottom + NOTE_GAP
        if actions:
            tallest = max(tallest, y - NOTE_GAP + s.cell_padding - top)
    header_name = action_word("lane", language)
    inner = s.lane_header_width - 2 * s.header_padding
    name_texts = measurer.wrap_measured(header_name, inner, s.lane_header_size, bold=True, max_lines=1)
    ascent = measurer.ascent(s.lane_header_size)
    name_lines = tuple(TextLine(t, s.margin + s.header_padding, top + s.header_padding + ascent, s.lane_header_size,
                                True, False, w) for t, w in name_texts)
    height = max(s.lane_min_height, tallest, 2 * s.header_padding + measurer.line_height(s.lane_header_size))
    header = HeaderBox(ACTIONS_LANE_KEY, Rect(s.margin, top, s.lane_header_width, height), name_lines, "actions", None)
    cells = tuple((stage_id, Rect(x, top, s.column_width, height)) for stage_id, x in zip(stage_ids, stage_columns_x))
    return ActionLane(header, Rect(s.margin, top, grid_right - s.margin, height), cells, tuple(notes))


def lay_out_actions(
    doc: Document, s: LayoutSettings, measurer: TextMeasurer, language: str, cards: list[Card],
    placed: Mapping[str, CardBox], stages: list[Stage], stage_columns_x: list[float], body_bottom: float,
    grid_right: float,
) -> tuple[dict[str, ActionBadge], ActionLane | None]:
    """The badges of the placed cards (settings.action_badges) and the actions lane below the grid's body
    (settings.actions_lane), as `layout_journey` asks for them."""
    if not (s.action_badges or s.actions_lane) or not doc.count(Action):
        addressed: dict[str, tuple[str, ...]] = {}
    else:
        addressed = actions_by_card(doc, cards)
    badges = action_badges(addressed, {cid: box.rect for cid, box in placed.items()}, measurer) \
        if s.action_badges else {}
    lane = layout_actions_lane(doc, addressed, cards, [stage.id for stage in stages], stage_columns_x, body_bottom,
                               grid_right, s, measurer, language) if s.actions_lane and stages else None
    return badges, lane
