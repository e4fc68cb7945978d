"""Mouse modes of the canvas: small state machines for selecting, dragging cards and headers, linking, rubber band and panning."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from cxstudio.ui.canvas.items import CardItem, HeaderItem, RelationItem
from cxstudio.ui.canvas.scene import JourneyScene


class ModeCommands(Protocol):
    """The few calls mouse modes make on the canvas: its scene, mapping, mode switching, scrolling and the drops."""

    journey_scene: JourneyScene
    space_held: bool

    def scene_pos(self, event: QMouseEvent) -> QPointF: ...
    def set_mode(self, mode: MouseMode) -> None: ...
    def scroll_to(self, scene_rect: QRectF) -> None: ...
    def pan_by(self, dx: int, dy: int) -> None: ...
    def move_cards_to(self, card_ids: list[str], stage_id: str, lane_key: str, index: int | None,
                      grabbed_id: str | None = None) -> None: ...
    def move_header_to(self, element_id: str, is_stage: bool, boundary: int) -> None: ...
    def link_cards(self, source_id: str, target_id: str, global_pos: QPoint) -> None: ...
    def tell_derived_lanes(self) -> None: ...
    def remember_cell(self, scene_pos: QPointF | None) -> None: ...
    def edit_refused(self) -> bool: ...


class MouseMode:
    """One state of the canvas's mouse handling; the canvas forwards its mouse events to the current mode."""

    cursor: Qt.CursorShape = Qt.CursorShape.ArrowCursor

    def __init__(self, canvas: ModeCommands) -> None:
        self.canvas = canvas

    def press(self, event: QMouseEvent) -> None:
        """A button went down."""

    def move(self, event: QMouseEvent) -> None:
        """The mouse moved (with or without buttons)."""

    def release(self, event: QMouseEvent) -> None:
        """A button went up."""

    def cancel(self) -> None:
        """Esc or losing the mouse: undo any preview and return to idle."""
        self.canvas.set_mode(IdleMode(self.canvas))

    def enter(self) -> None:
        """Called when the mode becomes current."""


class IdleMode(MouseMode):
    """Nothing pressed: hover feedback; a press decides which mode follows."""

    def press(self, event: QMouseEvent) -> None:
        canvas = self.canvas
        scene = canvas.journey_scene
        pos = canvas.scene_pos(event)
        view_pos = event.position().toPoint()
        button = event.button()
        control = bool(event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier))
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and canvas.space_held):
            canvas.set_mode(PanMode(canvas, view_pos))
            return
        if button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            return
        handle_card = scene.handle_at(pos) if button == Qt.MouseButton.LeftButton else None
        if handle_card is not None:
            if not canvas.edit_refused():
                canvas.set_mode(LinkMode(canvas, handle_card, pos))
            return

        def select(element_id: str) -> None:
            if control:
                scene.toggle_selection(element_id)
            else:
                scene.set_selection([element_id], add=shift)

        curve_card = scene.curve_point_at(pos.x(), pos.y()) if scene.card_item_at(pos) is None else None
        if curve_card is not None:  # a point of the emotion curve selects its card (and does not drag it)
            select(curve_card)
            return
        item = scene.element_at(pos)
        if isinstance(item, CardItem):
            if control:
                scene.toggle_selection(item.element_id)
                return
            if not item.isSelected():
                scene.set_selection([item.element_id], add=shift)
            if button == Qt.MouseButton.LeftButton:
                canvas.set_mode(PressedCardMode(canvas, item, view_pos, pos))
            return
        if isinstance(item, HeaderItem):
            if item.selectable:
                if control:
                    scene.toggle_selection(item.element_id)
                    return
                scene.set_selection([item.element_id], add=shift)
            if button == Qt.MouseButton.LeftButton:
                canvas.set_mode(PressedHeaderMode(canvas, item, view_pos, pos))
            return
        if isinstance(item, RelationItem):
            select(item.element_id)
            return
        if button == Qt.MouseButton.LeftButton:
            canvas.set_mode(RubberBandMode(canvas, pos, add=control or shift))

    def move(self, event: QMouseEvent) -> None:
        scene = self.canvas.journey_scene
        pos = self.canvas.scene_pos(event)
        card = scene.card_item_at(pos)
        scene.set_hovered(card.element_id if card is not None else scene.handle_at(pos))


class _PressedMode(MouseMode):
    """A button is down on an element; moving beyond the drag distance starts a drag."""

    def __init__(self, canvas: ModeCommands, item: CardItem | HeaderItem, view_start: QPoint,
                 scene_start: QPointF) -> None:
        super().__init__(canvas)
        self.item = item
        self.view_start = view_start
        self.scene_start = scene_start

    def dragged_far_enough(self, event: QMouseEvent) -> bool:
        """The left button is held and the mouse has moved the drag distance since the press (and edits are allowed)."""
        far = bool(event.buttons() & Qt.MouseButton.LeftButton) and \
            (event.position().toPoint() - self.view_start).manhattanLength() >= QApplication.startDragDistance()
        if far and self.canvas.edit_refused():  # read-only or review: nothing moves, the refusal is told once
            self.canvas.set_mode(IdleMode(self.canvas))
            return False
        return far

    def hand_over(self, mode: MouseMode, event: QMouseEvent) -> None:
        """Make `mode` current and let it handle the move that started it."""
        self.canvas.set_mode(mode)
        mode.move(event)

    def release(self, event: QMouseEvent) -> None:
        self.canvas.set_mode(IdleMode(self.canvas))


class PressedCardMode(_PressedMode):
    """Pressed on a card: a click selects it alone, a drag moves every selected card."""

    item: CardItem

    def move(self, event: QMouseEvent) -> None:
        if self.dragged_far_enough(event):
            ids = self.canvas.journey_scene.selected_card_ids() or [self.item.element_id]
            self.hand_over(CardDragMode(self.canvas, ids, self.scene_start, self.item.element_id), event)

    def release(self, event: QMouseEvent) -> None:
        modifiers = event.modifiers()
        if not modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier):
            self.canvas.journey_scene.set_selection([self.item.element_id])
        super().release(event)


class CardDragMode(MouseMode):
    """Cards follow the mouse; a drop line shows where they land; the release makes one move operation."""

    cursor = Qt.CursorShape.ClosedHandCursor

    def __init__(self, canvas: ModeCommands, card_ids: list[str], scene_start: QPointF,
                 grabbed_id: str | None = None) -> None:
        super().__init__(canvas)
        self.card_ids = card_ids
        self.grabbed_id = grabbed_id if grabbed_id is not None else card_ids[0]  # the others keep their offset to it
        self.scene_start = scene_start
        self.target: tuple[str, str, int] | None = None

    def enter(self) -> None:
        self.canvas.journey_scene.begin_card_drag(self.card_ids)

    def move(self, event: QMouseEvent) -> None:
        scene = self.canvas.journey_scene
        pos = self.canvas.scene_pos(event)
        delta = pos - self.scene_start
        scene.drag_cards_by(self.card_ids, delta.x(), delta.y())
        self.target = scene.card_drop_target(pos)
        scene.show_drop_line(scene.card_drop_line(self.target) if self.target else None)
        self.canvas.scroll_to(QRectF(pos.x() - 10, pos.y() - 10, 20, 20))

    def release(self, event: QMouseEvent) -> None:
        scene = self.canvas.journey_scene
        target = self.target
        scene.end_card_drag(restore_relations=target is None)  # a drop's relayout redraws the arrows once
        self.canvas.set_mode(IdleMode(self.canvas))
        if target is not None:
            stage_id, lane_key, index = target
            try:
                self.canvas.move_cards_to(self.card_ids, stage_id, lane_key, index, self.grabbed_id)
            finally:
                scene.restore_relations()

    def cancel(self) -> None:
        self.canvas.journey_scene.end_card_drag()
        super().cancel()


class PressedHeaderMode(_PressedMode):
    """Pressed on a stage or lane header: a drag reorders it (lanes of swimlane views are derived and stay put)."""

    item: HeaderItem

    def move(self, event: QMouseEvent) -> None:
        if self.dragged_far_enough(event):
            if not self.item.selectable:
                self.canvas.tell_derived_lanes()
                self.canvas.set_mode(IdleMode(self.canvas))
                return
            self.hand_over(HeaderDragMode(self.canvas, self.item, self.scene_start), event)


class HeaderDragMode(MouseMode):
    """A stage (column) or lane (row) header follows the mouse along its axis; the release reorders it."""

    cursor = Qt.CursorShape.ClosedHandCursor

    def __init__(self, canvas: ModeCommands, item: HeaderItem, scene_start: QPointF) -> None:
        super().__init__(canvas)
        self.item = item
        self.scene_start = scene_start
        self.origin = item.pos()
        self.boundary: int | None = None

    def enter(self) -> None:
        self.item.setZValue(50)

    def move(self, event: QMouseEvent) -> None:
        scene = self.canvas.journey_scene
        pos = self.canvas.scene_pos(event)
        delta = pos - self.scene_start
        if self.item.is_stage:
            self.item.setPos(self.origin.x() + delta.x(), self.origin.y())
            self.boundary = scene.stage_boundary_at(pos.x())
            scene.show_drop_line(scene.stage_boundary_line(self.boundary))
        else:
            self.item.setPos(self.origin.x(), self.origin.y() + delta.y())
            self.boundary = scene.lane_boundary_at(pos.y())
            scene.show_drop_line(scene.lane_boundary_line(self.boundary))

    def _restore(self) -> None:
        self.item.setPos(self.origin)
        self.item.setZValue(self.item.base_z)
        self.canvas.journey_scene.show_drop_line(None)

    def release(self, event: QMouseEvent) -> None:
        self._restore()
        self.canvas.set_mode(IdleMode(self.canvas))
        if self.boundary is not None:
            self.canvas.move_header_to(self.item.element_id, self.item.is_stage, self.boundary)

    def cancel(self) -> None:
        self._restore()
        super().cancel()


class RubberBandMode(MouseMode):
    """Dragging on empty space spans a rectangle; the cards it touches become the selection."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: ModeCommands, scene_start: QPointF, add: bool) -> None:
        super().__init__(canvas)
        self.scene_start = scene_start
        self.add = add
        self.before = canvas.journey_scene.selected_ids() if add else []
        self.moved = False

    def move(self, event: QMouseEvent) -> None:
        pos = self.canvas.scene_pos(event)
        rect = QRectF(self.scene_start, pos).normalized()
        self.moved = self.moved or rect.width() + rect.height() > 2
        scene = self.canvas.journey_scene
        scene.show_rubber_band(rect)
        scene.set_selection(self.before + [i for i in scene.card_ids_in(rect) if i not in self.before])

    def release(self, event: QMouseEvent) -> None:
        scene = self.canvas.journey_scene
        scene.show_rubber_band(None)
        if not self.moved and not self.add:
            scene.set_selection([])
            self.canvas.remember_cell(self.scene_start)  # a click on an empty cell: the insertion point
        self.canvas.set_mode(IdleMode(self.canvas))

    def cancel(self) -> None:
        scene = self.canvas.journey_scene
        scene.show_rubber_band(None)
        scene.set_selection(self.before)
        super().cancel()


class LinkMode(MouseMode):
    """Dragging from a card's relation handle: a rubber line to the card under the mouse; the release links them."""

    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, canvas: ModeCommands, source_id: str, scene_start: QPointF) -> None:
        super().__init__(canvas)
        self.source_id = source_id
        self.scene_start = scene_start
        self.target_id: str | None = None

    def enter(self) -> None:
        self.canvas.journey_scene.show_link_line(QLineF(self.scene_start, self.scene_start))

    def move(self, event: QMouseEvent) -> None:
        scene = self.canvas.journey_scene
        pos = self.canvas.scene_pos(event)
        card = scene.card_item_at(pos)
        self.target_id = card.element_id if card is not None and card.element_id != self.source_id else None
        scene.set_hovered(self.target_id)
        scene.show_link_line(QLineF(self.scene_start, pos))

    def release(self, event: QMouseEvent) -> None:
        scene = self.canvas.journey_scene
        scene.show_link_line(None)
        scene.set_hovered(None)
        target = self.target_id
        self.canvas.set_mode(IdleMode(self.canvas))
        if target is not None:
            self.canvas.link_cards(self.source_id, target, event.globalPosition().toPoint())

    def cancel(self) -> None:
        self.canvas.journey_scene.show_link_line(None)
        super().cancel()


class PanMode(MouseMode):
    """Space-drag or middle-drag: the view scrolls with the mouse."""

    cursor = Qt.CursorShape.ClosedHandCursor

    def __init__(self, canvas: ModeCommands, view_start: QPoint) -> None:
        super().__init__(canvas)
        self.last = view_start

    def move(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        delta = point - self.last
        self.last = point
        self.canvas.pan_by(delta.x(), delta.y())

    def release(self, event: QMouseEvent) -> None:
        self.canvas.set_mode(IdleMode(self.canvas))
