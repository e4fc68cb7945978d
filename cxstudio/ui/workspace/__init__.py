"""The project workspace: the project data window (tables, cell editors, action tracker) and its place in the main window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from cxstudio.api import ChangeSet
from cxstudio.model.entities import Card
from cxstudio.ui.commands import window_action

if TYPE_CHECKING:
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.panels.project_data import ProjectDataWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


class WorkspaceController(QObject):
    """Keeps the project data window in step with the main window's project, selection and history."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        from cxstudio.ui.panels.project_data import ProjectDataWindow

        self.window = window
        self.data: ProjectDataWindow = ProjectDataWindow(window)
        window.files.changed.connect(self._on_changed)
        self.data.elementsChosen.connect(self._chosen)
        self.data.message.connect(window.show_message)
        self.data.tracker.showCards.connect(self.show_cards)  # type: ignore[attr-defined]
        self.act_project_data = self._action("actionProjectData", _tr("Project &Data…"), "Ctrl+Shift+D",
                                             lambda: self.data.show_kind("persona"))
        self.act_action_tracker = self._action("actionActionTracker", _tr("&Action Tracker…"), "Ctrl+Shift+A",
                                               lambda: self.data.show_kind("action"))
        window.projectChanged.connect(self._project_changed)
        self._project_changed()

    def _action(self, name: str, text: str, shortcut: str, slot: Callable[[], object]) -> QAction:
        """A window action (`window_action`) placed in the View menu, before its Panels submenu."""
        action = window_action(self.window, name, text, slot, shortcut)
        menus = [m for m in self.window.act_focus_inspector.associatedObjects() if isinstance(m, QMenu)]
        if menus:  # the View menu: before its last entry, the Panels submenu
            entries = menus[0].actions()
            menus[0].insertAction(entries[-1], action) if entries else menus[0].addAction(action)
        return action

    def _project_changed(self) -> None:
        window = self.window
        project = window.project
        locked = project is not None and project.refusal() is not None
        self.data.set_project(project, locked)
        for action in (self.act_project_data, self.act_action_tracker):
            action.setEnabled(project is not None)
        if project is None:
            self.data.hide()

    def _on_changed(self, change_set: ChangeSet, _origin: object = None) -> None:
        self.data.on_changed(change_set)

    def _chosen(self, ids: list[str]) -> None:
        """Rows chosen in a table are the editor's selection: the inspector shows them, the status bar names them."""
        self.window.selection.select(ids)

    def show_cards(self, card_ids: list[str]) -> None:
        """Select cards on the map (those of the first journey that has any) and bring the map forward."""
        window = self.window
        document = window.project.document if window.project is not None else None
        if document is None or not card_ids:
            return
        by_journey: dict[str, list[str]] = {}
        for card_id in card_ids:
            card = document.find(card_id)
            if isinstance(card, Card):
                by_journey.setdefault(card.journey_id, []).append(card_id)
        if not by_journey:
            return
        order = {j.id: j.order for j in document.journeys()}
        current = window.selection.journey_id
        journey_id = current if current in by_journey else min(by_journey, key=lambda j: order.get(j, 0))
        window.selection.select(by_journey[journey_id], journey_id)
        others = sum(len(ids) for j, ids in by_journey.items() if j != journey_id)
        if others:
            window.show_message(_tr("More cards in other journeys: %1").replace("%1", str(others)))
        window.raise_()
        window.activateWindow()
        if window.canvas is not None:
            window.canvas.setFocus()


def install_workspace(window: MainWindow) -> WorkspaceController:
    """Give `window` the project data window and its View menu entries (Project Data…, Action Tracker…)."""
    return WorkspaceController(window)
