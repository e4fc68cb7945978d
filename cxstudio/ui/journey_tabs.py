"""The journey tabs: one tab per journey of the project, showing the selection model's current journey, and the journey commands."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QSignalBlocker, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QTabBar, QWidget

from cxstudio.content.new_elements import new_journey
from cxstudio.editing import operations
from cxstudio.model.entities import Journey
from cxstudio.ui.project_controller import ProjectController
from cxstudio.ui.selection import SelectionModel


class JourneyTabs(QTabBar):
    """A tab per journey in the document's order; picking or dragging a tab shows or reorders a journey.

    The current journey is the selection model's: the tabs follow its `journeyChanged` and a click
    on a tab sets it. Each tab's data is its journey's id, so there is no second list of ids.
    """

    def __init__(self, selection: SelectionModel, files: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journeyTabs")
        self.selection = selection
        self.files = files
        self.menu_actions: Sequence[QAction] = ()
        self.setMovable(True)
        self.setExpanding(False)
        self.setDocumentMode(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.currentChanged.connect(self._tab_chosen)
        self.tabMoved.connect(self._tab_moved)
        self.tabBarDoubleClicked.connect(lambda _index: self.rename_journey())
        self.customContextMenuRequested.connect(self._context_menu)
        selection.journeyChanged.connect(self._show_current)

    # ------------------------------------------------------------------ showing
    def journey_ids(self) -> list[str]:
        return [str(self.tabData(index)) for index in range(self.count())]

    def rebuild(self) -> None:
        """One tab per journey of the open project, the current journey's tab current."""
        document = self.selection.document
        journeys = document.journeys() if document is not None else []
        project = self.files.project
        self.setMovable(project is not None and project.refusal() is None)  # read-only or review: tabs stay put
        with QSignalBlocker(self):
            while self.count():
                self.removeTab(0)
            for journey in journeys:
                index = self.addTab(journey.name)
                self.setTabData(index, journey.id)
                self.setTabToolTip(index, journey.scenario or journey.name)
        self._show_current()

    def _show_current(self) -> None:
        ids = self.journey_ids()
        journey_id = self.selection.journey_id
        if journey_id in ids:
            with QSignalBlocker(self):
                self.setCurrentIndex(ids.index(journey_id))

    def _tab_chosen(self, index: int) -> None:
        if index >= 0:
            self.selection.set_journey(str(self.tabData(index)))

    def _tab_moved(self, source: int, target: int) -> None:
        """A tab was dragged (Qt moved it with its data): the journey moves there, or the tabs go back."""
        journey_id = str(self.tabData(target))
        document = self.selection.document
        if document is None:
            return
        self.files.run(operations.move_journey, journey_id, target)
        if self.journey_ids() != [j.id for j in document.journeys()]:
            self.rebuild()

    def _context_menu(self, position: QPoint) -> None:
        index = self.tabAt(position)
        if index >= 0:
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions(list(self.menu_actions))
        menu.exec(self.mapToGlobal(position))
        menu.deleteLater()

    # ------------------------------------------------------------------ commands
    def select_journey(self, journey_id: str) -> None:
        if journey_id in self.journey_ids():
            self.selection.set_journey(journey_id)

    def step_journey(self, step: int) -> None:
        """Show the next (1) or previous (-1) journey, wrapping around."""
        count = self.count()
        if count:
            self.setCurrentIndex((self.currentIndex() + step) % count)

    def new_journey(self) -> str | None:
        if self.files.project is None:
            return None
        draft = new_journey(self.files.project.document)  # the blank journey map's, in the project's language
        journey = self.files.run(operations.add_journey, draft.name, draft.stages, draft.lanes)
        if journey is None:
            return None
        self.select_journey(journey.id)
        return journey.id

    def _current_journey(self) -> Journey | None:
        document, journey_id = self.selection.document, self.selection.journey_id
        if document is None or journey_id is None or not isinstance(document.find(journey_id), Journey):
            return None
        return document.get(journey_id, Journey)

    def rename_journey(self) -> None:
        journey = self._current_journey()
        if journey is None or self.files.edit_refused():
            return
        name, ok = QInputDialog.getText(self.window(), self.tr("Rename journey"), self.tr("Name:"), text=journey.name)
        if ok and name.strip() and name.strip() != journey.name:
            self.files.run(operations.rename, journey.id, name.strip())

    def delete_journey(self) -> None:
        journey = self._current_journey()
        if journey is None:
            return
        answer = QMessageBox.question(
            self.window(), self.tr("Delete journey"),
            self.tr("Delete the journey “%1” with all its stages, lanes and cards? You can undo this.")
            .replace("%1", journey.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.files.run(operations.delete_elements, [journey.id])

    def move_journey(self, step: int) -> None:
        """Move the current journey one place left (-1) or right (1)."""
        journey = self._current_journey()
        if journey is None:
            return
        ids = self.journey_ids()
        index = ids.index(journey.id) + step if journey.id in ids else -1
        if 0 <= index < len(ids):
            self.files.run(operations.move_journey, journey.id, index)
            self.select_journey(journey.id)
