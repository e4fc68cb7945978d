"""The outline panel: a keyboard-usable tree of journeys, their stages with cards, and their lanes."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.editing.operations import edit_element
from cxstudio.model.entities import Card, Journey, Lane, Stage
from cxstudio.model.events import Changed
from cxstudio.ui import labels
from cxstudio.ui.commands import run_operation
from cxstudio.ui.line_edits import clear_button_when_typed

ID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
# Field changes the tree shows in place; any other change of these kinds rebuilds it.
LABEL_FIELDS = {"name", "title", "kind"}
OUTLINE_KINDS = {"journey", "stage", "lane", "card"}


class OutlinePanel(QWidget):
    """Journeys > stages > cards and journeys > lanes; selecting here selects on the canvas, F2 renames."""

    selectionChanged = Signal(list)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outline")
        self._project: OpenProject | None = None
        self._items: dict[str, QTreeWidgetItem] = {}
        self._filled: set[str] = set()  # journeys whose stages, cards and lanes are in the tree (filled lazily)
        self._syncing = False
        self._read_only = False
        self.tree = QTreeWidget()
        self.tree.setObjectName("outlineTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Element"), self.tr("Lane")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemExpanded.connect(self._item_expanded)
        self.tree.itemChanged.connect(self._item_edited)
        self.filter = QLineEdit()
        self.filter.setObjectName("outlineFilter")
        self.filter.setPlaceholderText(self.tr("Find in the outline…"))
        clear_button_when_typed(self.filter)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(200)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter.returnPressed.connect(self._focus_first_match)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)

    def set_project(self, project: OpenProject | None, read_only: bool = False) -> None:
        self._project = project
        self._read_only = read_only
        self._items.clear()  # a new project: its tree starts with the first journey open
        self.rebuild()

    def item_for(self, entity_id: str) -> QTreeWidgetItem | None:
        self._ensure_filled([entity_id])
        return self._items.get(entity_id)

    def _ensure_filled(self, ids: Iterable[str]) -> None:
        """Fill the journeys these elements belong to, if they are not in the tree yet."""
        project = self._project
        if project is None:
            return
        journeys = {project.document.journey_of(i) for i in ids if i not in self._items}
        journeys = {j for j in journeys if j is not None and j not in self._filled}
        if journeys:
            self._rebuild_journeys(journeys)

    def _item_expanded(self, item: QTreeWidgetItem) -> None:
        journey_id = item.data(0, ID_ROLE)
        if item.data(0, KIND_ROLE) == "journey" and journey_id not in self._filled:
            self._rebuild_journeys({journey_id})

    def selected_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self.tree.selectedItems() if item.data(0, ID_ROLE)]

    # ------------------------------------------------------------------ building
    def _card_text(self, card: Card) -> str:
        return card.title or f"({labels.card_kinds().get(card.kind, card.kind)})"

    def _make_item(self, parent: QTreeWidget | QTreeWidgetItem, entity_id: str, kind: str, text: str,
                   editable: bool = True) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text])
        item.setData(0, ID_ROLE, entity_id)
        item.setData(0, KIND_ROLE, kind)
        if editable and not self._read_only:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self._items[entity_id] = item
        return item

    def rebuild(self) -> None:
        """Rebuild the whole tree from the document, keeping expansion and selection."""
        expanded = {eid for eid, item in self._items.items() if item.isExpanded()}
        selected = set(self.selected_ids())
        first_build = not self._items
        self._syncing = True
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            self._items.clear()
            self._filled.clear()
            if self._project is None:
                return
            for journey in self._project.document.journeys():
                journey_item = self._make_item(self.tree, journey.id, "journey", journey.name)
                journey_item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                if (first_build and not self._filled) or journey.id in expanded:
                    self._fill_journey(journey_item, journey, expanded)
                    self._filled.add(journey.id)
                    journey_item.setExpanded(True)
            self._reselect(selected)
        finally:
            self.tree.blockSignals(False)
            self._syncing = False
        if self.filter.text().strip():
            self._filter_timer.start()

    def _rebuild_journeys(self, journey_ids: set[str]) -> None:
        """Refill only these journeys' subtrees (a change inside a journey leaves the others alone)."""
        selected = set(self.selected_ids())
        self._syncing = True
        self.tree.blockSignals(True)
        try:
            document = self._project.document if self._project is not None else None
            for journey_id in journey_ids:
                journey_item = self._items.get(journey_id)
                if document is None or journey_item is None or journey_id not in document:
                    continue
                expanded: set[str] = set()
                for child in self._descendants(journey_item):
                    key = child.data(0, ID_ROLE) or (journey_id + "/lanes" if child.data(0, KIND_ROLE) == "lanes"
                                                     else None)
                    if key is not None:
                        if child.isExpanded():
                            expanded.add(key)
                        self._items.pop(key, None)
                journey_item.takeChildren()
                journey = document.get(journey_id, Journey)
                journey_item.setText(0, journey.name)
                self._fill_journey(journey_item, journey, expanded)
                self._filled.add(journey_id)
            self._reselect(selected)
        finally:
            self.tree.blockSignals(False)
            self._syncing = False

    @staticmethod
    def _descendants(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [item.child(i) for i in range(item.childCount())]
        while stack:
            child = stack.pop()
            found.append(child)
            stack.extend(child.child(i) for i in range(child.childCount()))
        return found

    def _reselect(self, selected: set[str]) -> None:
        for entity_id in selected:
            if entity_id in self._items:
                self._items[entity_id].setSelected(True)

    def _fill_journey(self, journey_item: QTreeWidgetItem, journey: Journey, expanded: set[str]) -> None:
        document = self._project.document if self._project is not None else None
        if document is None:
            return
        lanes = document.lanes(journey.id)
        lane_names = {lane.id: lane.name for lane in lanes}
        lane_order = {lane.id: lane.order for lane in lanes}
        cards_by_stage: dict[str, list[Card]] = {}
        for card in document.cards(journey.id):
            cards_by_stage.setdefault(card.stage_id, []).append(card)
        for stage in document.stages(journey.id):
            stage_item = self._make_item(journey_item, stage.id, "stage", stage.name or self.tr("(stage)"))
            cards = cards_by_stage.get(stage.id, [])
            cards.sort(key=lambda c: (lane_order.get(c.lane_id, 0), c.order))
            for card in cards:
                card_item = self._make_item(stage_item, card.id, "card", self._card_text(card))
                card_item.setText(1, lane_names.get(card.lane_id, ""))
            stage_item.setExpanded(stage.id in expanded)
        lanes_item = QTreeWidgetItem(journey_item, [self.tr("Lanes")])
        lanes_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        lanes_item.setData(0, KIND_ROLE, "lanes")
        self._items[journey.id + "/lanes"] = lanes_item
        for lane in lanes:
            lane_item = self._make_item(lanes_item, lane.id, "lane", lane.name or self.tr("(lane)"))
            lane_item.setText(1, labels.lane_kinds().get(lane.kind, lane.kind))
        lanes_item.setExpanded(journey.id + "/lanes" in expanded)

    def on_changed(self, change_set: ChangeSet) -> None:
        """Update labels in place for renames; refill the journeys a structural change touched."""
        project = self._project
        if project is None:
            return
        document = project.document
        relevant = False
        structural: set[str] = set()
        for event in change_set.events:
            kind = event.kind if isinstance(event, Changed) else event.entity.KIND
            if kind not in OUTLINE_KINDS:
                continue
            relevant = True
            if isinstance(event, Changed) and event.field in LABEL_FIELDS:
                continue
            if kind == "journey":
                self.rebuild()  # journeys added, removed or reordered
                return
            if isinstance(event, Changed):
                journey_id = document.journey_of(event.id)
            else:
                journey_id = getattr(event.entity, "journey_id", None)
            if journey_id is None:
                self.rebuild()
                return
            structural.add(journey_id)
        if not relevant:
            return
        structural &= self._filled  # journeys not in the tree yet are filled when they are opened
        if structural:
            self._rebuild_journeys(structural)
            if self.filter.text().strip():
                self._filter_timer.start()
        self.tree.blockSignals(True)
        try:
            for entity_id in change_set.touched_ids():
                item = self._items.get(entity_id)
                entity = document.find(entity_id)
                if item is None or entity is None:
                    continue
                if isinstance(entity, Card):
                    item.setText(0, self._card_text(entity))
                elif isinstance(entity, (Journey, Stage, Lane)):
                    item.setText(0, entity.name)
                    if isinstance(entity, Lane):
                        item.setText(1, labels.lane_kinds().get(entity.kind, entity.kind))
        finally:
            self.tree.blockSignals(False)

    # ------------------------------------------------------------------ finding
    def apply_filter(self) -> int:
        """Show only elements whose name or lane contains the filter text (and their parents); returns matches."""
        self._filter_timer.stop()
        query = self.filter.text().strip().casefold()
        if query and self._project is not None:
            unfilled = {j.id for j in self._project.document.journeys()} - self._filled
            if unfilled:
                self._rebuild_journeys(unfilled)  # every journey must be in the tree to be searched
        matches = 0
        for index in range(self.tree.topLevelItemCount()):
            matches += self._filter_item(self.tree.topLevelItem(index), query)
        return matches

    def _filter_item(self, item: QTreeWidgetItem, query: str) -> int:
        own = bool(query) and (query in item.text(0).casefold() or query in item.text(1).casefold())
        below = sum(self._filter_item(item.child(i), query) for i in range(item.childCount()))
        item.setHidden(bool(query) and not own and not below)
        if query and below:
            item.setExpanded(True)
        return below + (1 if own else 0)

    def _focus_first_match(self) -> None:
        self.apply_filter()
        query = self.filter.text().strip().casefold()
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if not item.isHidden() and query and query in item.text(0).casefold():
                self.tree.setFocus()
                self.tree.setCurrentItem(item)  # selects it, and so selects it on the canvas
                return
            iterator[0:0] = [item.child(i) for i in range(item.childCount())]

    # ------------------------------------------------------------------ selection
    def select_ids(self, ids: Iterable[str]) -> None:
        """Mirror a selection made elsewhere (the canvas) without echoing it back."""
        ids = list(ids)
        self._ensure_filled(ids)
        wanted = [i for i in ids if i in self._items]
        self._syncing = True
        self.tree.blockSignals(True)
        try:
            self.tree.clearSelection()
            for entity_id in wanted:
                item = self._items[entity_id]
                item.setSelected(True)
                parent = item.parent()
                while parent is not None:
                    parent.setExpanded(True)
                    parent = parent.parent()
            if wanted:
                self.tree.setCurrentItem(self._items[wanted[0]], 0,
                                         self.tree.selectionModel().SelectionFlag.NoUpdate)
                self.tree.scrollToItem(self._items[wanted[0]])
        finally:
            self.tree.blockSignals(False)
            self._syncing = False

    def _selection_changed(self) -> None:
        if not self._syncing:
            self.selectionChanged.emit(self.selected_ids())

    def _item_edited(self, item: QTreeWidgetItem, column: int) -> None:
        project = self._project
        entity_id = item.data(0, ID_ROLE)
        if project is None or column != 0 or not entity_id or entity_id not in project.document:
            return
        entity = project.document.get(entity_id)
        text = item.text(0).strip()
        field = "title" if isinstance(entity, Card) else "name"
        if text == getattr(entity, field) or (isinstance(entity, Card) and text == self._card_text(entity)):
            return
        if run_operation(project, self.message.emit, None, edit_element, entity_id, **{field: text}) is None:
            self.rebuild()
