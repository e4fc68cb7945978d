"""The action tracker: the actions table with filters by owner, status and due date, overdue in red, and a jump to what an action addresses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMenu, QPushButton, QWidget

from cxstudio.analysis.coverage import FINISHED
from cxstudio.api import ChangeSet, OpenProject
from cxstudio.model.entities import Action, Entity
from cxstudio.ui import labels
from cxstudio.ui.workspace.columns import addressed_card_ids, is_overdue
from cxstudio.ui.workspace.table import EntityTable
from cxstudio.ui.workspace.table_model import EntityFilterProxy, EntityTableModel

ANY = "*"
NO_OWNER = "-"
UNFINISHED = "unfinished"
DUE_WINDOW_DAYS = 7


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


class TrackerProxy(EntityFilterProxy):
    """Keeps the actions of the chosen owner, status and due range (and the filter line's words)."""

    def __init__(self) -> None:
        super().__init__()
        self.owner = ANY
        self.status = ANY
        self.due = ANY
        self.today: dt.date | None = None  # None: the real today (tests fix a day)

    def set_conditions(self, owner: str, status: str, due: str) -> None:
        def change() -> None:
            self.owner, self.status, self.due = owner, status, due

        self.refilter(change)

    def accepts_entity(self, model: EntityTableModel, row: int) -> bool:
        action = model.entity(row)
        if not isinstance(action, Action):
            return False
        if self.owner == NO_OWNER and action.owner.strip():
            return False
        if self.owner not in (ANY, NO_OWNER) and action.owner.strip() != self.owner:
            return False
        if self.status == UNFINISHED and action.status in FINISHED:
            return False
        if self.status not in (ANY, UNFINISHED) and action.status != self.status:
            return False
        today = self.today or dt.date.today()
        if self.due == "overdue":
            return is_overdue(action, today)
        if self.due == "soon":
            limit = (today + dt.timedelta(days=DUE_WINDOW_DAYS)).isoformat()
            return bool(action.due) and action.status not in FINISHED and today.isoformat() <= action.due[:10] <= limit
        if self.due == "none":
            return not action.due
        return True


class ActionTracker(EntityTable):
    """The project's actions: filters above the table, overdue rows in red, "Show on map" for the addressed cards."""

    showCards = Signal(list)  # the card ids an action addresses, to select on the map

    def __init__(self, new_element: Callable[[], Entity], parent: QWidget | None = None) -> None:
        self.tracker_proxy = TrackerProxy()
        super().__init__(Action, new_element, self.tracker_proxy, parent)
        self.owner_choice = QComboBox()
        self.owner_choice.setObjectName("ownerFilter")
        self.status_choice = QComboBox()
        self.status_choice.setObjectName("statusFilter")
        self.status_choice.addItem(_tr("All statuses"), ANY)
        self.status_choice.addItem(_tr("Not finished"), UNFINISHED)
        for value, text in labels.action_statuses().items():
            self.status_choice.addItem(text, value)
        self.due_choice = QComboBox()
        self.due_choice.setObjectName("dueFilter")
        for value, text in ((ANY, _tr("Any due date")), ("overdue", _tr("Overdue")),
                            ("soon", _tr("Due within 7 days")), ("none", _tr("No due date"))):
            self.due_choice.addItem(text, value)
        for choice in (self.owner_choice, self.status_choice, self.due_choice):
            choice.activated.connect(lambda _i: self._filter_changed())
        self.show_button = QPushButton(_tr("Show on map"))
        self.show_button.setObjectName("showOnMap")
        self.show_button.setToolTip(_tr("Select the cards and pain points the selected actions address"))
        self.show_button.clicked.connect(self.show_addressed)
        self.overdue_label = QLabel()
        self.overdue_label.setObjectName("overdueCount")
        position = 1
        for widget in (QLabel(_tr("Owner:")), self.owner_choice, QLabel(_tr("Status:")), self.status_choice,
                       QLabel(_tr("Due:")), self.due_choice):
            self.tools.insertWidget(position, widget)
            position += 1
        self.tools.addWidget(self.show_button)
        self.tools.addWidget(self.overdue_label)
        self.view.doubleClicked.connect(self._double_clicked)
        self._fill_owners()

    def set_project(self, project: OpenProject | None, read_only: bool = False) -> None:
        super().set_project(project, read_only)
        self._fill_owners()

    def on_changed(self, change_set: ChangeSet) -> None:
        super().on_changed(change_set)
        self._fill_owners()
        self.tracker_proxy.refilter()  # an owner, status or due date changed
        self._update_hint()

    def set_filter(self, owner: str = ANY, status: str = ANY, due: str = ANY) -> None:
        """Choose the filters (as the combo boxes do)."""
        for choice, value in ((self.owner_choice, owner), (self.status_choice, status), (self.due_choice, due)):
            choice.setCurrentIndex(max(choice.findData(value), 0))
        self._filter_changed()

    def _filter_changed(self) -> None:
        self.tracker_proxy.set_conditions(self.owner_choice.currentData(), self.status_choice.currentData(),
                                          self.due_choice.currentData())
        self._update_hint()

    def _fill_owners(self) -> None:
        document = self.model.document
        owners = sorted({a.owner.strip() for a in document.all(Action)} - {""}, key=str.casefold) if document else []
        current = self.owner_choice.currentData() or ANY
        self.owner_choice.blockSignals(True)
        self.owner_choice.clear()
        self.owner_choice.addItem(_tr("All owners"), ANY)
        self.owner_choice.addItem(_tr("(no owner)"), NO_OWNER)
        for owner in owners:
            self.owner_choice.addItem(owner, owner)
        index = self.owner_choice.findData(current)
        self.owner_choice.setCurrentIndex(max(index, 0))
        self.owner_choice.blockSignals(False)
        if index < 0:
            self._filter_changed()  # the chosen owner has no actions any more
        overdue = sum(1 for a in document.all(Action) if is_overdue(a)) if document else 0
        self.overdue_label.setText(_tr("Overdue: %1").replace("%1", str(overdue)) if overdue else "")

    def addressed_cards(self) -> list[str]:
        """The cards the selected actions address (their own and their insights'), each once."""
        document = self.model.document
        if document is None:
            return []
        ids: list[str] = []
        for action_id in self.selected_ids():
            action = document.find(action_id)
            if isinstance(action, Action):
                ids += addressed_card_ids(document, action)
        return list(dict.fromkeys(ids))

    def show_addressed(self) -> None:
        cards = self.addressed_cards()
        if not cards:
            self.message.emit(_tr("The selected actions address no cards."))
            return
        self.showCards.emit(cards)

    def _double_clicked(self, index: QModelIndex) -> None:
        if not self.model.columns[index.column()].editable:
            self.show_addressed()  # the "Addresses" column is no field to edit: it leads to the cards

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        menu = super().context_menu(index)
        if menu is not None and self.selected_ids():
            menu.addSeparator()
            show = menu.addAction(_tr("Show on map"))
            show.setObjectName("showOnMapAction")
            show.triggered.connect(self.show_addressed)
        return menu
