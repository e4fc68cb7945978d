"""The catalogue panel: the project's touchpoint catalogue with a filter, dragged onto the map, and where each entry is used.

The list shows every catalogue touchpoint (name, channel, department, how many cards use it);
the filter keeps the entries whose name, description, channel or department contain the typed
text. Dragging an entry onto a cell of the map places a card for it (`canvas/catalogue_drop.py`).
Below, "Used in" lists the cards of the chosen entry, journey by journey; activating one emits
`cardChosen(journey id, card id)` (the window shows that journey and selects the card).
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Channel, Department, Journey, Stage, Touchpoint
from cxstudio.model.events import Changed
from cxstudio.ui.canvas.catalogue_drop import CATALOGUE_MIME_TYPE, catalogue_mime_data
from cxstudio.ui.line_edits import clear_button_when_typed

ID_ROLE = Qt.ItemDataRole.UserRole
JOURNEY_ROLE = Qt.ItemDataRole.UserRole + 1
_WATCHED_KINDS = frozenset({Touchpoint.KIND, Channel.KIND, Department.KIND, Card.KIND, Journey.KIND, Stage.KIND})


def _name(doc: Document, entity_id: str | None) -> str:
    entity = doc.find(entity_id) if entity_id is not None else None
    return str(getattr(entity, "name", "") or "") if entity is not None else ""


def cards_using(doc: Document, touchpoint_id: str) -> list[Card]:
    """The cards that use a catalogue touchpoint, in journey, stage, lane and card order."""
    journeys = {j.id: j.order for j in doc.journeys()}
    cards = [doc.get(i, Card) for i in doc.referrer_ids(touchpoint_id, "card", "touchpoint_id")]

    def key(card: Card) -> tuple[int, int, int, int, str]:
        stage, lane = doc.find(card.stage_id), doc.find(card.lane_id)
        return (journeys.get(card.journey_id, 0), getattr(stage, "order", 0), getattr(lane, "order", 0), card.order,
                card.id)

    return sorted(cards, key=key)


class CatalogueTree(QTreeWidget):
    """The catalogue list; an entry dragged out carries its touchpoint id."""

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        touchpoint_id = items[0].data(0, ID_ROLE) if items else None
        return catalogue_mime_data(touchpoint_id) if touchpoint_id else QMimeData()

    def mimeTypes(self) -> list[str]:
        return [CATALOGUE_MIME_TYPE]

    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        items = self.selectedItems()
        if not items or not items[0].data(0, ID_ROLE):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        drag.exec(Qt.DropAction.CopyAction)


class CataloguePanel(QWidget):
    """The catalogue with a filter, and the cards that use the chosen entry."""

    cardChosen = Signal(str, str)  # journey id, card id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cataloguePanel")
        self._project: OpenProject | None = None
        self._locked = False
        self.filter = QLineEdit()
        self.filter.setObjectName("catalogueFilter")
        self.filter.setPlaceholderText(self.tr("Filter touchpoints"))
        clear_button_when_typed(self.filter)
        self.filter.textChanged.connect(lambda _text: self._apply_filter())
        self.tree = CatalogueTree()
        self.tree.setObjectName("catalogueTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Touchpoint"), self.tr("Channel"), self.tr("Department"),
                                   self.tr("Cards")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(lambda _current, _previous: self._fill_used_in())
        self.used_label = QLabel(self.tr("Used in"))
        self.used_in = QTreeWidget()
        self.used_in.setObjectName("catalogueUsedIn")
        self.used_in.setHeaderHidden(True)
        self.used_in.itemActivated.connect(self._chosen)
        self.used_in.itemClicked.connect(self._chosen)
        lower = QWidget()
        lower_column = QVBoxLayout(lower)
        lower_column.setContentsMargins(0, 4, 0, 0)
        lower_column.addWidget(self.used_label)
        lower_column.addWidget(self.used_in)
        upper = QWidget()
        upper_column = QVBoxLayout(upper)
        upper_column.setContentsMargins(0, 0, 0, 0)
        upper_column.addWidget(self.filter)
        upper_column.addWidget(self.tree)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(split)

    # ------------------------------------------------------------------ the project
    def set_project(self, project: OpenProject | None, locked: bool = False) -> None:
        self._project = project
        self._locked = locked
        self.tree.setDragEnabled(not locked)
        self.refresh()

    def apply_change_set(self, change_set: ChangeSet) -> None:
        """Refresh when the change set touches the catalogue or the cards, journeys and stages it names."""
        for event in change_set.events:
            kind = event.kind if isinstance(event, Changed) else event.entity.KIND
            if kind in _WATCHED_KINDS:
                self.refresh()
                return

    def refresh(self) -> None:
        current = self.current_touchpoint_id()
        tree = self.tree
        tree.setSortingEnabled(False)
        tree.clear()
        project = self._project
        if project is not None:
            doc = project.document
            for touchpoint in doc.all(Touchpoint):
                uses = len(doc.referrer_ids(touchpoint.id, "card", "touchpoint_id"))
                item = QTreeWidgetItem([touchpoint.name, _name(doc, touchpoint.channel_id),
                                        _name(doc, touchpoint.department_id), str(uses)])
                item.setData(0, ID_ROLE, touchpoint.id)
                item.setData(3, Qt.ItemDataRole.DisplayRole, uses)
                item.setToolTip(0, touchpoint.description or self.tr("Drag onto a cell of the map to place it"))
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not self._locked:
                    flags |= Qt.ItemFlag.ItemIsDragEnabled
                item.setFlags(flags)
                tree.addTopLevelItem(item)
        tree.setSortingEnabled(True)
        for column in range(3):
            tree.resizeColumnToContents(column)
        self._apply_filter()
        if current is not None:
            self.select_touchpoint(current)
        self._fill_used_in()

    # ------------------------------------------------------------------ filter and choice
    def entries(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def visible_names(self) -> list[str]:
        return [item.text(0) for item in self.entries() if not item.isHidden()]

    def _apply_filter(self) -> None:
        words = self.filter.text().casefold().split()
        doc = self._project.document if self._project is not None else None
        for item in self.entries():
            touchpoint = doc.find(item.data(0, ID_ROLE)) if doc is not None else None
            haystack = " ".join([item.text(0), item.text(1), item.text(2),
                                 getattr(touchpoint, "description", "")]).casefold()
            item.setHidden(not all(word in haystack for word in words))

    def current_touchpoint_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def select_touchpoint(self, touchpoint_id: str) -> bool:
        for item in self.entries():
            if item.data(0, ID_ROLE) == touchpoint_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def item_of(self, touchpoint_id: str) -> QTreeWidgetItem | None:
        return next((item for item in self.entries() if item.data(0, ID_ROLE) == touchpoint_id), None)

    # ------------------------------------------------------------------ used in
    def _fill_used_in(self) -> None:
        self.used_in.clear()
        touchpoint_id = self.current_touchpoint_id()
        project = self._project
        if project is None or touchpoint_id is None or not isinstance(project.document.find(touchpoint_id), Touchpoint):
            self.used_label.setText(self.tr("Used in"))
            return
        doc = project.document
        cards = cards_using(doc, touchpoint_id)
        name = doc.get(touchpoint_id, Touchpoint).name
        self.used_label.setText(self.tr("Used in (%n cards): %1", "", len(cards)).replace("%1", name)
                                if cards else self.tr("%1 is not on any map yet.").replace("%1", name))
        groups: dict[str, QTreeWidgetItem] = {}
        for card in cards:
            group = groups.get(card.journey_id)
            if group is None:
                group = groups[card.journey_id] = QTreeWidgetItem(self.used_in, [_name(doc, card.journey_id)])
                group.setData(0, JOURNEY_ROLE, card.journey_id)
                group.setExpanded(True)
            title = card.title or self.tr("(untitled)")
            item = QTreeWidgetItem(group, [f"{_name(doc, card.stage_id)}: {title}"])
            item.setData(0, ID_ROLE, card.id)
            item.setData(0, JOURNEY_ROLE, card.journey_id)
            item.setToolTip(0, self.tr("Show this card on its map"))

    def used_in_items(self) -> list[QTreeWidgetItem]:
        found = []
        for index in range(self.used_in.topLevelItemCount()):
            group = self.used_in.topLevelItem(index)
            found.extend(group.child(row) for row in range(group.childCount()))
        return found

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        card_id = item.data(0, ID_ROLE)
        journey_id = item.data(0, JOURNEY_ROLE)
        if card_id and journey_id:
            self.cardChosen.emit(journey_id, card_id)
