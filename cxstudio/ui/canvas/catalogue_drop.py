"""Dropping a catalogue touchpoint onto the map: its drag payload and the canvas's handling of it (one undo step).

`CatalogueDrops(canvas)` watches the canvas's viewport for drags carrying `CATALOGUE_MIME_TYPE`
(the catalogue panel's) before the canvas's own palette handling sees them: the drop line shows
where the card goes, and the drop places a touchpoint card named after the catalogue entry and
linked to it (`touchpoint_id`), so it shows the entry's channel and department (a card's own
channel and department fall back to its touchpoint's). The new card is selected and the keyboard
focus moves to the map, so typing and keys act on it, not on the catalogue list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QPointF, Qt

from cxstudio.editing import operations as ops
from cxstudio.model.entities import Card, CardKind, Touchpoint

if TYPE_CHECKING:
    from cxstudio.ui.canvas.view import JourneyCanvas

CATALOGUE_MIME_TYPE = "application/x-cxstudio-touchpoint"
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CatalogueDrop", text)


def catalogue_mime_data(touchpoint_id: str) -> QMimeData:
    """The drag data of a catalogue touchpoint: its id under CATALOGUE_MIME_TYPE (and as plain text)."""
    mime = QMimeData()
    mime.setData(CATALOGUE_MIME_TYPE, touchpoint_id.encode("ascii"))
    return mime


def parse_catalogue_mime(mime: QMimeData | None) -> str | None:
    """The touchpoint id a drag carries, or None for any other or malformed payload."""
    if mime is None or not mime.hasFormat(CATALOGUE_MIME_TYPE):
        return None
    raw = bytes(mime.data(CATALOGUE_MIME_TYPE).data())
    if len(raw) > 64:
        return None
    try:
        text = raw.decode("ascii").strip()
    except UnicodeDecodeError:
        return None
    return text if _ID.match(text) else None


def place_catalogue_card(canvas: JourneyCanvas, touchpoint_id: str, scene_pos: QPointF) -> Card | None:
    """Place a card for the catalogue touchpoint in the cell at `scene_pos` (one undo step); select and focus it.

    In a swimlane view the card goes to the journey's home lane; a derived lane's channel or
    department is set on the card only where the catalogue entry has none of its own.
    """
    if canvas.edit_refused():
        return None
    document = canvas.project.document
    touchpoint = document.find(touchpoint_id)
    if not isinstance(touchpoint, Touchpoint):
        canvas.message.emit(_tr("This touchpoint is no longer in the catalogue."))
        return None
    scene = canvas.journey_scene
    target = scene.new_card_target(scene_pos, CardKind.TOUCHPOINT.value)
    if target is None:
        canvas.message.emit(_tr("Drop the touchpoint into a cell of the map (below a stage, beside a lane)."))
        return None
    place = target[0]
    fields = {name: value for name, value in place.fields.items() if getattr(touchpoint, name, None) is None}
    card = canvas.run(ops.add_card, place.stage_id, place.lane_id, touchpoint.name, CardKind.TOUCHPOINT.value,
                      place.index, touchpoint_id=touchpoint.id, **fields)
    if card is not None:
        canvas.select_ids([card.id])
        window = canvas.window()
        if window is not None:
            window.activateWindow()
        canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    return card


class CatalogueDrops(QObject):
    """Takes catalogue drags on a canvas's viewport; every other drag goes on to the canvas."""

    def __init__(self, canvas: JourneyCanvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        from PySide6.QtGui import QDragMoveEvent, QDropEvent  # PySide6 makes these types on first use

        assert isinstance(event, (QDragMoveEvent, QDropEvent))  # a DragEnter is a DragMove
        touchpoint_id = parse_catalogue_mime(event.mimeData())
        if touchpoint_id is None:
            return False
        canvas = self.canvas
        scene = canvas.journey_scene
        if scene.layout is None or canvas.project.refusal() is not None:
            event.ignore()
            return True
        pos = canvas.mapToScene(event.position().toPoint())
        if kind == QEvent.Type.Drop:
            scene.show_drop_line(None)
            event.acceptProposedAction()
            place_catalogue_card(canvas, touchpoint_id, pos)
            return True
        target = scene.card_drop_target(pos)
        scene.show_drop_line(scene.card_drop_line(target) if target is not None else None)
        event.acceptProposedAction()
        return True
