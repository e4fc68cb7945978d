"""The table model of one kind of element (rows = elements, columns = `columns.Column`) and its filter proxy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from cxstudio.api import ChangeSet
from cxstudio.model.document import Document
from cxstudio.model.entities import Action, Entity
from cxstudio.model.events import Added, Changed, Removed, event_kind
from cxstudio.ui.workspace.columns import Column, columns_for, header, is_overdue, shown

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_COLOUR = QColor("#b3261e")
AnyIndex = QModelIndex | QPersistentModelIndex


class EntityTableModel(QAbstractTableModel):
    """The elements of one kind, in their order; a committed change set updates only what it touched."""

    def __init__(self, kind: type[Entity], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns: list[Column] = columns_for(kind)
        self._document: Document | None = None
        self._ids: list[str] = []
        self._row_of: dict[str, int] = {}

    # ------------------------------------------------------------------ contents
    def set_document(self, document: Document | None) -> None:
        self.beginResetModel()
        self._document = document
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        entities = self._document.all(self.kind) if self._document is not None else []
        entities.sort(key=lambda e: (getattr(e, "order", 0), e.label.casefold(), e.id))
        self._ids = [e.id for e in entities]
        self._row_of = {entity_id: row for row, entity_id in enumerate(self._ids)}

    def on_changed(self, change_set: ChangeSet) -> None:
        """Follow a change set (an edit here or elsewhere, undo, redo): rows added or removed reset, edits repaint."""
        if self._document is None:
            return
        kinds = {event_kind(e) for e in change_set.events}
        mine = self.kind.KIND
        if any(isinstance(e, (Added, Removed)) and mine == e.entity.KIND for e in change_set.events) or any(
                isinstance(e, Changed) and e.kind == mine and e.field == "order" for e in change_set.events):
            self.set_document(self._document)
            return
        if kinds - {mine}:  # names of referenced elements, cards using a touchpoint ...: repaint everything
            self._repaint(range(len(self._ids)))
            return
        rows = {self._row_of[e.id] for e in change_set.events if isinstance(e, Changed) and e.id in self._row_of}
        self._repaint(rows)

    def _repaint(self, rows: Any) -> None:
        rows = sorted(rows)
        if rows:
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[-1], len(self.columns) - 1))

    def entity_id(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, entity_id: str) -> int | None:
        return self._row_of.get(entity_id)

    def entity(self, row: int) -> Entity | None:
        return self._document.find(self._ids[row]) if self._document is not None else None

    @property
    def document(self) -> Document | None:
        return self._document

    # ------------------------------------------------------------------ Qt's model interface
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header(self.kind, self.columns[section])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._document is None:
            return None
        entity = self._document.find(self._ids[index.row()])
        if entity is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = shown(self._document, self.kind, entity, column)[0]
            if role == Qt.ItemDataRole.ToolTipRole:
                full = getattr(entity, column.field, None) if column.editor == "multiline" else None
                return full if isinstance(full, str) and full else (text or None)
            return text
        if role == Qt.ItemDataRole.EditRole:
            return getattr(entity, column.field, None) if column.editable else None
        if role == SORT_ROLE:
            return shown(self._document, self.kind, entity, column)[1]
        if role == ID_ROLE:
            return entity.id
        overdue = isinstance(entity, Action) and is_overdue(entity)
        if role == OVERDUE_ROLE:
            return overdue
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.FontRole and overdue and column.field == "due":
            font = QFont()
            font.setBold(True)
            return font
        return None


class EntityFilterProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key and keeps the rows whose cells contain every word of the filter line."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []

    def set_filter_text(self, text: str) -> None:
        self.refilter(lambda: setattr(self, "_words", text.casefold().split()))

    def refilter(self, change: Callable[[], object] = lambda: None) -> None:
        """Apply `change` to the filter's conditions and filter the rows again."""
        self.beginFilterChange()
        change()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts_entity(self, model: EntityTableModel, row: int) -> bool:
        """More conditions of subclasses (the action tracker's owner, status and due filters)."""
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EntityTableModel)
        if not self.accepts_entity(model, source_row):
            return False
        if not self._words:
            return True
        texts = " ".join(str(model.index(source_row, c).data() or "") for c in range(model.columnCount()))
        haystack = texts.casefold()
        return all(word in haystack for word in self._words)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
