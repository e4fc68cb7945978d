"""The project data window: personas, catalogue, channels, departments, metrics, insights and actions as full-size tables."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.model.entities import Action, Channel, Department, Entity, Insight, Metric, Persona, Touchpoint
from cxstudio.model.events import event_kind
from cxstudio.ui.workspace.table import EntityTable
from cxstudio.ui.workspace.tracker import ActionTracker

MESSAGE_MS = 8000


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


class ProjectDataWindow(QMainWindow):
    """One tab per kind of project data, each a sortable, filterable table edited in place (see `workspace.table`).

    A window of its own beside the map rather than a tab instead of it: the facilitator keeps the map in
    sight (on a second screen, too) while filling in the tables, and sees the map follow each edit.
    """

    elementsChosen = Signal(list)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectDataWindow")
        self.setWindowTitle(_tr("Project data"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("projectDataTabs")
        self.tabs.setDocumentMode(True)
        self.tables: dict[str, EntityTable] = {}
        kinds: list[tuple[type[Entity], str, Callable[[], Entity]]] = [
            (Persona, _tr("Personas"), lambda: Persona(name=_tr("New persona"))),
            (Touchpoint, _tr("Touchpoint catalogue"), lambda: Touchpoint(name=_tr("New touchpoint"))),
            (Channel, _tr("Channels"), lambda: Channel(name=_tr("New channel"))),
            (Department, _tr("Departments"), lambda: Department(name=_tr("New department"))),
            (Metric, _tr("Metrics"), lambda: Metric(name=_tr("New metric"))),
            (Insight, _tr("Insights"), lambda: Insight(title=_tr("New insight"))),
            (Action, _tr("Actions"), lambda: Action(title=_tr("New action"))),
        ]
        for kind, title, factory in kinds:
            table = ActionTracker(factory) if kind is Action else EntityTable(kind, factory)
            table.elementsChosen.connect(self.elementsChosen)
            table.message.connect(self._tell)
            self.tables[kind.KIND] = table
            self.tabs.addTab(table, title)
        self.tracker = self.tables["action"]
        assert isinstance(self.tracker, ActionTracker)
        self.setCentralWidget(self.tabs)
        self.statusBar().setObjectName("projectDataStatus")
        self.resize(1100, 560)

    def set_project(self, project: OpenProject | None, read_only: bool = False) -> None:
        for table in self.tables.values():
            table.set_project(project, read_only)
        name = project.document.project.name if project is not None else ""
        self.setWindowTitle(_tr("Project data — %1").replace("%1", name) if name else _tr("Project data"))

    def on_changed(self, change_set: ChangeSet) -> None:
        kinds = {event_kind(e) for e in change_set.events}
        for table in self.tables.values():
            table.on_changed(change_set)
        if "project" in kinds and self.tables:
            project = next(iter(self.tables.values()))._project
            if project is not None:
                self.setWindowTitle(_tr("Project data — %1").replace("%1", project.document.project.name))

    def show_kind(self, kind: str) -> EntityTable:
        """Bring `kind`'s table to the front (and the window)."""
        table = self.tables[kind]
        self.tabs.setCurrentWidget(table)
        self.show()
        self.raise_()
        self.activateWindow()
        return table

    def _tell(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)
        self.message.emit(text)
