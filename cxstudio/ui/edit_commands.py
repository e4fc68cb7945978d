"""The Edit and Insert menus' commands: undo, redo, delete, rename, and new cards, stages and lanes placed by the selection."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMenu

from cxstudio.content.new_elements import new_lane_name, new_stage_name
from cxstudio.editing import operations
from cxstudio.model.entities import Card, CardKind, Lane, LaneKind, Stage
from cxstudio.ui import files
from cxstudio.ui.panels.outline import OutlinePanel
from cxstudio.ui.project_controller import ProjectController
from cxstudio.ui.selection import SelectionModel

if TYPE_CHECKING:
    from cxstudio.ui.canvas import JourneyCanvas


def add_kinds_menu(menu: QMenu, title: str, kinds: dict[str, str], object_name: str,
                   insert: Callable[[str], object]) -> QMenu:
    """A submenu of `menu` with one action per kind (named `object_name`_kind) that inserts an element of that kind."""
    submenu = menu.addMenu(title)
    for kind, text in kinds.items():
        action = submenu.addAction(text)
        action.setObjectName(f"{object_name}_{kind}")
        action.triggered.connect(lambda _checked=False, k=kind: insert(k))
    return submenu


class EditCommands(QObject):
    """Commands that act on the open project, the current journey and the selection (the keyboard's focus decides
    whether Delete and F2 mean the outline's or the canvas's selection); every edit goes through `files.run`."""

    message = Signal(str)

    def __init__(self, selection: SelectionModel, files: ProjectController, outline: OutlinePanel,
                 canvas: Callable[[], JourneyCanvas | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.files = files
        self.outline = outline
        self._canvas = canvas

    def on_canvas(self, command: Callable[[JourneyCanvas], None]) -> Callable[[], None]:
        """A command of the canvas, for an action (nothing without a project)."""

        def run() -> None:
            canvas = self._canvas()
            if canvas is not None:
                command(canvas)

        return run

    # ------------------------------------------------------------------ history
    def undo(self) -> None:
        project = self.files.project
        if project is not None and project.session.can_undo:
            files.step_history(project, forward=False)

    def redo(self) -> None:
        project = self.files.project
        if project is not None and project.session.can_redo:
            files.step_history(project, forward=True)

    # ------------------------------------------------------------------ the selection
    def delete_selection(self) -> None:
        if self.files.project is None:
            return
        if self.outline.tree.hasFocus():
            ids = self.outline.selected_ids()
            project = self.files.project
            from cxstudio.ui.delete_question import confirm_delete

            if ids and (project.refusal() is not None or confirm_delete(self.outline, project.document, ids)):
                self.files.run(operations.delete_elements, ids)
            return
        self.on_canvas(lambda canvas: canvas.delete_selection())()

    def edit_title(self) -> None:
        if self.outline.tree.hasFocus():
            item = self.outline.tree.currentItem()
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                self.outline.tree.editItem(item, 0)
            return
        self.on_canvas(lambda canvas: canvas.edit_selected_title())()

    # ------------------------------------------------------------------ inserting
    def target_cell(self) -> tuple[str, str] | None:
        """Where an inserted card goes: the selected card's cell, else the first card lane's first stage."""
        document, journey_id = self.selection.document, self.selection.journey_id
        if self.files.project is None or document is None or journey_id is None:
            return None
        cards = [c for c in self.selection.selected(Card) if c.journey_id == journey_id]
        if cards:
            return cards[-1].stage_id, cards[-1].lane_id
        stages = document.stages(journey_id)
        lanes = document.lanes(journey_id)
        if not stages or not lanes:
            return None
        stage = next(iter(self.selection.selected(Stage)), stages[0])
        lane = next(iter(self.selection.selected(Lane)),
                    next((ln for ln in lanes if ln.kind == LaneKind.CARDS.value), lanes[0]))
        return stage.id, lane.id

    def insert_card(self, kind: str) -> str | None:
        """A new card after the selected one, else in the empty cell last clicked on the map, else in the first
        card lane; its title open for typing."""
        canvas = self._canvas()
        if canvas is not None and canvas.current_cell() is not None and not self.selection.selected(Card):
            return canvas.insert_card_in_current_cell(kind)  # refusals (read-only, review) are told by the canvas
        cell = self.target_cell()
        if cell is None:
            self.message.emit(self.tr("Add a stage and a lane to the journey first."))
            return None
        selected_cards = self.selection.selected(Card)
        index = selected_cards[-1].order + 1 if selected_cards else None
        card = self.files.run(operations.add_card, cell[0], cell[1], "", kind, index=index)
        if card is None:
            return None
        canvas = self._canvas()
        if canvas is not None:
            canvas.select_ids([card.id], ensure_visible=True)
            canvas.edit_selected_title()
        return card.id

    def insert_stage(self) -> str | None:
        """A new stage after the selected one (or at the end)."""
        journey_id = self.selection.journey_id
        if self.files.project is None or journey_id is None:
            return None
        selected = self.selection.selected(Stage)
        index = selected[0].order + 1 if selected else None
        name = new_stage_name(self.files.project.document.project.language)
        stage = self.files.run(operations.add_stage, journey_id, name, index=index)
        return stage.id if stage is not None else None

    def insert_lane(self, kind: str) -> str | None:
        """A new lane of `kind` after the selected one (or at the end)."""
        journey_id = self.selection.journey_id
        if self.files.project is None or journey_id is None:
            return None
        selected = self.selection.selected(Lane)
        index = selected[0].order + 1 if selected else None
        name = new_lane_name(kind, self.files.project.document.project.language)
        lane = self.files.run(operations.add_lane, journey_id, name, kind, index=index)
        return lane.id if lane is not None else None

    def insert_from_palette(self, payload: dict[str, str]) -> None:
        """Enter on a palette entry: insert what it names."""
        what = payload.get("what")
        if what == "card":
            self.insert_card(payload.get("kind", CardKind.STEP.value))
        elif what == "stage":
            self.insert_stage()
        elif what == "lane":
            self.insert_lane(payload.get("kind", LaneKind.CARDS.value))
