"""The project data panel: personas, channels, departments, catalogue touchpoints, metrics, insights, actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.editing.operations import add_element, delete_elements
from cxstudio.model.entities import Action, Channel, Department, Entity, Insight, Metric, Persona, Touchpoint
from cxstudio.model.events import event_kind
from cxstudio.ui.commands import run_operation

ID_ROLE = Qt.ItemDataRole.UserRole


class ProjectDataPanel(QWidget):
    """One list per kind with Add and Delete; choosing an entry shows it in the inspector (`elementChosen`)."""

    elementChosen = Signal(str)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectData")
        self._project: OpenProject | None = None
        self._read_only = False
        # kind, tab title, factory of a new element
        self._kinds: list[tuple[type[Entity], str, Callable[[], Entity]]] = [
            (Persona, self.tr("Personas"), lambda: Persona(name=self.tr("New persona"))),
            (Channel, self.tr("Channels"), lambda: Channel(name=self.tr("New channel"))),
            (Department, self.tr("Departments"), lambda: Department(name=self.tr("New department"))),
            (Touchpoint, self.tr("Touchpoints"), lambda: Touchpoint(name=self.tr("New touchpoint"))),
            (Metric, self.tr("Metrics"), lambda: Metric(name=self.tr("New metric"))),
            (Insight, self.tr("Insights"), lambda: Insight(title=self.tr("New insight"))),
            (Action, self.tr("Actions"), lambda: Action(title=self.tr("New action"))),
        ]
        self.tabs = QTabWidget()
        self.tabs.setObjectName("projectDataTabs")
        self.lists: dict[str, QListWidget] = {}
        self._buttons: list[QPushButton] = []
        for kind, title, factory in self._kinds:
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(2, 2, 2, 2)
            listing = QListWidget()
            listing.setObjectName(f"list_{kind.KIND}")
            listing.currentItemChanged.connect(self._chosen)
            listing.itemClicked.connect(lambda item: self._chosen(item, None))
            column.addWidget(listing, 1)
            row = QHBoxLayout()
            add = QPushButton(self.tr("Add"))
            add.setObjectName(f"add_{kind.KIND}")
            add.clicked.connect(lambda _=False, f=factory: self._add(f))
            remove = QPushButton(self.tr("Delete"))
            remove.setObjectName(f"delete_{kind.KIND}")
            remove.clicked.connect(lambda _=False, k=kind.KIND: self._delete(k))
            self._buttons += [add, remove]
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch(1)
            column.addLayout(row)
            self.lists[kind.KIND] = listing
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_project(self, project: OpenProject | None, read_only: bool = False) -> None:
        self._project = project
        self._read_only = read_only
        for button in self._buttons:
            button.setEnabled(project is not None and not read_only)
        self.refresh()

    def refresh(self, kinds: set[str] | None = None) -> None:
        for kind, _title, _factory in self._kinds:
            if kinds is not None and kind.KIND not in kinds:
                continue
            listing = self.lists[kind.KIND]
            current = listing.currentItem().data(ID_ROLE) if listing.currentItem() else None
            listing.blockSignals(True)
            listing.clear()
            if self._project is not None:
                entities = self._project.document.all(kind)
                entities.sort(key=lambda e: (getattr(e, "order", 0), e.label))
                for entity in entities:
                    item = QListWidgetItem(entity.label)
                    item.setData(ID_ROLE, entity.id)
                    listing.addItem(item)
                    if entity.id == current:
                        listing.setCurrentItem(item)
            listing.blockSignals(False)

    def on_changed(self, change_set: ChangeSet) -> None:
        kinds = {event_kind(e) for e in change_set.events} & set(self.lists)
        if kinds:
            self.refresh(kinds)

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None and item.data(ID_ROLE):
            self.elementChosen.emit(item.data(ID_ROLE))

    def _add(self, factory: Callable[[], Entity]) -> None:
        if self._project is None or self._read_only:
            return
        entity = run_operation(self._project, self.message.emit, None, add_element, factory())
        if entity is None:
            return
        listing = self.lists[entity.KIND]
        for row in range(listing.count()):
            if listing.item(row).data(ID_ROLE) == entity.id:
                listing.setCurrentRow(row)
                break

    def _delete(self, kind: str) -> None:
        listing = self.lists[kind]
        item = listing.currentItem()
        if self._project is None or self._read_only or item is None:
            return
        run_operation(self._project, self.message.emit, None, delete_elements, [item.data(ID_ROLE)])
