"""Actions and the persona on the map: action badge items, the actions lane's items, and keeping them in step with the layout.

`sync_map_extras(scene, layout)` is called by the scene after every relayout (None: remove them). It
keeps one `ActionBadgeItem` per card that actions address (the count; its tooltip lists the actions),
one `ActionsLaneItem` with an `ActionNoteItem` per action when the actions lane is on, and the
`PersonaBandItem` when the persona band is on. They draw `JourneyLayout.action_badges`,
`.actions_lane` and `.persona_band` exactly as the PDF does (export/persona_band.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import JourneyLayout
from cxstudio.layout import style as palette
from cxstudio.layout.actions import (
    BADGE_FILL,
    BADGE_INK,
    LANE_FILL,
    NOTE_BORDER,
    NOTE_FILL,
    NOTE_RADIUS,
    NOTE_STRIPE,
    STATUS_COLOURS,
    ActionBadge,
    ActionLane,
    ActionNote,
    due_text,
)
from cxstudio.model.document import Document
from cxstudio.model.entities import Action, Persona
from cxstudio.ui.canvas.items.common import (
    GRID_LINE_COLOUR,
    HEADER_FILL,
    MUTED_TEXT_COLOUR,
    TEXT_COLOUR,
    Z_CARD,
    Z_HEADER,
    draw_lines,
    qcolour,
)
from cxstudio.ui.canvas.items.persona_band import PersonaBandItem

if TYPE_CHECKING:
    from collections.abc import Iterable

Z_BADGE = Z_CARD + 0.5  # above the cards whose corner they sit on, below the arrows


def _escape(text: str) -> str:
    """`html.escape(text)` without importing html (and its entity tables) at start-up: the badges' tooltips."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionBadges", text)


def status_word(status: str) -> str:
    from cxstudio.ui import labels

    return labels.action_statuses().get(status, status)


def action_summary(action: Action, language: str) -> str:
    """One line for a tooltip: the title, then owner, due date and status."""
    parts = [action.owner.strip() or _tr("no owner")]
    if action.due:
        parts.append(_tr("due %1").replace("%1", due_text(action.due, language)))
    parts.append(status_word(action.status))
    return f"{action.title or '?'} ({', '.join(parts)})"


def actions_tooltip(doc: Document, action_ids: Iterable[str], language: str) -> str:
    """The badge's tooltip: a heading and one line per action (rich text, the titles escaped)."""
    lines = [_escape(action_summary(a, language)) for i in action_ids
             if isinstance(a := doc.find(i), Action)]
    heading = _escape(_tr("Actions addressing this card:"))
    return f"<b>{heading}</b><br>" + "<br>".join(f"\u2022 {line}" for line in lines)


class ActionBadgeItem(QGraphicsItem):
    """The round count of actions on a card's top-left corner."""

    def __init__(self, badge: ActionBadge) -> None:
        super().__init__()
        self.badge = badge
        self.setZValue(Z_BADGE)
        self.setPos(badge.rect.x, badge.rect.y)

    def set_badge(self, badge: ActionBadge) -> None:
        if badge == self.badge:
            return
        if (badge.rect.width, badge.rect.height) != (self.badge.rect.width, self.badge.rect.height):
            self.prepareGeometryChange()
        self.badge = badge
        self.setPos(badge.rect.x, badge.rect.y)
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-1, -1, self.badge.rect.width + 2, self.badge.rect.height + 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = QRectF(0, 0, self.badge.rect.width, self.badge.rect.height)
        radius = rect.height() / 2
        painter.setPen(QPen(qcolour("#ffffff"), palette.MARKER_OUTLINE_WIDTH))
        painter.setBrush(qcolour(BADGE_FILL))
        painter.drawRoundedRect(rect, radius, radius)
        draw_lines(painter, (self.badge.label,), qcolour(BADGE_INK), self.badge.rect.x, self.badge.rect.y)


class ActionNoteItem(QGraphicsItem):
    """One action in the actions lane: status stripe, title, owner, due date and status."""

    def __init__(self, note: ActionNote) -> None:
        super().__init__()
        self.note = note
        self.element_id = note.action_id
        self.setZValue(Z_CARD)
        self.setPos(note.rect.x, note.rect.y)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.note.rect.width, self.note.rect.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        note = self.note
        rect = self.boundingRect()
        painter.setPen(QPen(qcolour(NOTE_BORDER), palette.GRID_LINE_WIDTH))
        painter.setBrush(qcolour(NOTE_FILL))
        painter.drawRoundedRect(rect, NOTE_RADIUS, NOTE_RADIUS)
        painter.fillRect(QRectF(0.5, 0.5, NOTE_STRIPE, rect.height() - 1),
                         qcolour(STATUS_COLOURS.get(note.status, palette.MUTED_INK)))
        draw_lines(painter, note.title_lines, TEXT_COLOUR, note.rect.x, note.rect.y)
        draw_lines(painter, note.meta_lines, MUTED_TEXT_COLOUR, note.rect.x, note.rect.y)


class ActionsLaneItem(QGraphicsItem):
    """The actions lane's row: its tinted background, header and column lines (the notes are their own items)."""

    def __init__(self, lane: ActionLane) -> None:
        super().__init__()
        self.lane = lane
        self.setZValue(Z_HEADER - 0.5)
        self.setPos(lane.rect.x, lane.rect.y)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.lane.rect.width, self.lane.rect.height + 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lane = self.lane
        x0, y0 = lane.rect.x, lane.rect.y
        painter.fillRect(QRectF(0, 0, lane.rect.width, lane.rect.height), qcolour(LANE_FILL))
        pen = QPen(GRID_LINE_COLOUR, palette.GRID_LINE_WIDTH)
        painter.setPen(pen)
        h = lane.header.rect
        painter.setBrush(HEADER_FILL)
        painter.drawRect(QRectF(h.x - x0, h.y - y0, h.width, h.height))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for _stage_id, cell in lane.cells:
            painter.drawLine(QRectF(cell.x - x0, 0, cell.width, cell.height).topRight(),
                             QRectF(cell.x - x0, 0, cell.width, cell.height).bottomRight())
        painter.drawLine(QRectF(0, 0, lane.rect.width, lane.rect.height).bottomLeft(),
                         QRectF(0, 0, lane.rect.width, lane.rect.height).bottomRight())
        draw_lines(painter, lane.header.lines, TEXT_COLOUR, x0, y0)


class MapExtras:
    """The scene's persona band, actions lane and action badge items, by what they show."""

    def __init__(self, scene: QGraphicsScene, document: Document) -> None:
        self.scene = scene
        self.document = document
        self.band: PersonaBandItem | None = None
        self.lane: ActionsLaneItem | None = None
        self.notes: list[ActionNoteItem] = []
        self.badges: dict[str, ActionBadgeItem] = {}

    def clear(self) -> None:
        self.sync(None)

    def sync(self, layout: JourneyLayout | None) -> None:
        scene = self.scene
        band = layout.persona_band if layout is not None else None
        if band is None:
            if self.band is not None:
                scene.removeItem(self.band)
                self.band = None
        else:
            persona = self.document.find(band.persona_id)
            picture = persona.picture if isinstance(persona, Persona) else None
            if self.band is None:
                self.band = PersonaBandItem(band, picture)
                scene.addItem(self.band)
            else:
                self.band.set_band(band, picture)
        lane = layout.actions_lane if layout is not None else None
        if self.lane is not None and (lane is None or lane != self.lane.lane):
            scene.removeItem(self.lane)
            for item in self.notes:
                scene.removeItem(item)
            self.lane, self.notes = None, []
        if lane is not None and self.lane is None:
            self.lane = ActionsLaneItem(lane)
            scene.addItem(self.lane)
            for note in lane.notes:
                item = ActionNoteItem(note)
                scene.addItem(item)
                self.notes.append(item)
        for item in self.notes:
            item.setToolTip(actions_tooltip_for_note(self.document, item.note.action_id, layout.language
                                                     if layout is not None else "en"))
        badges = layout.action_badges if layout is not None else {}
        for card_id in [k for k in self.badges if k not in badges]:
            scene.removeItem(self.badges.pop(card_id))
        language = layout.language if layout is not None else "en"
        for card_id, badge in badges.items():
            item = self.badges.get(card_id)
            if item is None:
                item = self.badges[card_id] = ActionBadgeItem(badge)
                scene.addItem(item)
            else:
                item.set_badge(badge)
            item.setToolTip(actions_tooltip(self.document, badge.action_ids, language))


def actions_tooltip_for_note(doc: Document, action_id: str, language: str) -> str:
    action = doc.find(action_id)
    if not isinstance(action, Action):
        return ""
    text = _escape(action_summary(action, language))
    description = _escape(action.description.strip()[:400])
    return f"<b>{text}</b>" + (f"<br>{description}" if description else "")


def sync_map_extras(scene: QGraphicsScene, layout: JourneyLayout | None) -> None:
    """Bring the scene's persona band, actions lane and action badges in line with `layout` (None: remove them)."""
    extras = getattr(scene, "map_extras", None)
    if extras is None:
        if layout is None:
            return
        extras = MapExtras(scene, scene.document)  # type: ignore[attr-defined]
        scene.map_extras = extras  # type: ignore[attr-defined]
    extras.sync(layout)
