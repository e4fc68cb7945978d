"""Palette drops on the canvas: a card kind into a cell (its title then open for typing), a stage or lane at a boundary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt

from cxstudio.editing import operations as ops
from cxstudio.model.entities import CardKind, LaneKind
from cxstudio.ui.canvas.palette_mime import PaletteItem, parse_palette_mime
from cxstudio.ui.canvas.scene import JourneyScene

if TYPE_CHECKING:  # annotations only: PySide6 makes a type when it is first imported
    from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent


class DropHost(Protocol):
    """What palette drops use of the canvas (`JourneyCanvas`)."""

    journey_scene: JourneyScene
    message: Any  # Signal(str)

    def mapToScene(self, point: QPoint) -> QPointF: ...
    def activateWindow(self) -> None: ...
    def setFocus(self, reason: Qt.FocusReason) -> None: ...
    def edit_refused(self) -> bool: ...
    def derived_lane_message(self) -> str: ...
    def _document_journey(self) -> str | None: ...
    def run(self, operation: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...
    def select_ids(self, ids: list[str], ensure_visible: bool = True) -> None: ...
    def create_card_at(self, scene_pos: QPointF, kind: str = ..., edit_title: bool = ...) -> str | None: ...
    def edit_card_title(self, card_id: str) -> None: ...
    def drop_palette_item(self: DropHost, item: PaletteItem, scene_pos: QPointF) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("JourneyCanvas", text)


class PaletteDrops:
    """The canvas's part that takes drags from the palette (mixed into `JourneyCanvas`, seen as a `DropHost`)."""

    def dragEnterEvent(self: DropHost, event: QDragEnterEvent) -> None:
        if parse_palette_mime(event.mimeData()) is not None and self.journey_scene.layout is not None \
                and not self.edit_refused():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self: DropHost, event: QDragMoveEvent) -> None:
        item = parse_palette_mime(event.mimeData())
        if item is None or self.journey_scene.layout is None:
            event.ignore()
            return
        pos = self.mapToScene(event.position().toPoint())
        self.journey_scene.show_drop_line(self.journey_scene.palette_drop_line(item, pos))
        event.acceptProposedAction()

    def dragLeaveEvent(self: DropHost, event: QDragLeaveEvent) -> None:
        self.journey_scene.show_drop_line(None)
        event.accept()

    def dropEvent(self: DropHost, event: QDropEvent) -> None:
        item = parse_palette_mime(event.mimeData())
        self.journey_scene.show_drop_line(None)
        if item is None or self.journey_scene.layout is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.drop_palette_item(item, self.mapToScene(event.position().toPoint()))

    def drop_palette_item(self: DropHost, item: PaletteItem, scene_pos: QPointF) -> None:
        """Create what the palette item names at `scene_pos`: a card in the cell, a stage or lane at the boundary."""
        journey_id = self._document_journey()
        if journey_id is None or self.edit_refused():
            return
        scene = self.journey_scene
        if item.what == "card":
            card_id = self.create_card_at(scene_pos, item.kind or CardKind.STEP.value, edit_title=False)
            if card_id is not None:  # the keyboard follows the drop: typing names the new card, Enter commits
                self.activateWindow()
                self.setFocus(Qt.FocusReason.OtherFocusReason)
                self.edit_card_title(card_id)
        elif item.what == "stage":
            boundary = scene.stage_boundary_at(scene_pos.x())
            stage = self.run(ops.add_stage, journey_id, scene.default_stage_name(), boundary)
            if stage is not None:
                self.select_ids([stage.id])
        elif item.what == "lane":
            if not scene.editable_placement:
                self.message.emit(self.derived_lane_message())
                return
            kind = item.kind or LaneKind.CARDS.value
            boundary = scene.lane_boundary_at(scene_pos.y())
            lane = self.run(ops.add_lane, journey_id, scene.default_lane_name(kind), kind, boundary)
            if lane is not None and lane.id in scene.lane_items:
                self.select_ids([lane.id])
            elif lane is not None:
                self.message.emit(_tr("The new lane is not part of this view; the journey map shows every lane."))
