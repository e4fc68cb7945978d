"""One table of the project workspace: a filter line, a sortable table with inline editing, add and delete; edits of several rows are one undo step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.editing.operations import add_element, delete_elements, edit_elements
from cxstudio.model.entities import Entity
from cxstudio.ui.commands import run_operation
from cxstudio.ui.workspace.columns import Column, header
from cxstudio.ui.workspace.delegates import CellDelegate
from cxstudio.ui.workspace.table_model import ID_ROLE, EntityFilterProxy, EntityTableModel

MAX_COLUMN_WIDTH = 320
DATE_COLUMN_WIDTH = 124


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


class EntityTable(QWidget):
    """The elements of one kind as a table; every change goes through `OpenProject.run` (one undo step per gesture).

    Editing a cell while several rows are selected sets that column in all of them, as one step.
    `elementsChosen(ids)` tells which elements the user selected (the window shows them in the inspector).
    """

    elementsChosen = Signal(list)
    message = Signal(str)

    def __init__(self, kind: type[Entity], new_element: Callable[[], Entity], proxy: EntityFilterProxy | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"table_{kind.KIND}")
        self._new_element = new_element
        self._project: OpenProject | None = None
        self._read_only = False
        self._restoring = False
        self._kept: list[str] = []
        self.model = EntityTableModel(kind, self)
        self.proxy = proxy or EntityFilterProxy(self)
        self.proxy.setParent(self)
        self.proxy.setSourceModel(self.model)
        self.filter_line = QLineEdit()
        self.filter_line.setObjectName(f"filter_{kind.KIND}")
        self.filter_line.setPlaceholderText(_tr("Filter…"))
        self.filter_line.setClearButtonEnabled(True)
        self.filter_line.setMinimumWidth(180)  # stays usable beside the action tracker's filters
        self.filter_line.textChanged.connect(self.proxy.set_filter_text)
        self.filter_line.textChanged.connect(lambda _text: self._update_hint())
        self.add_button = QPushButton(_tr("Add"))
        self.add_button.setObjectName(f"add_{kind.KIND}")
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(_tr("Delete"))
        self.delete_button.setObjectName(f"delete_{kind.KIND}")
        self.delete_button.clicked.connect(self.delete_selected)
        self.hint = QLabel()
        self.hint.setObjectName(f"hint_{kind.KIND}")
        self.view = QTableView()
        self.view.setObjectName(f"view_{kind.KIND}")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the elements' own order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setStretchLastSection(False)  # a narrow last column (a count) stays narrow
        self.view.horizontalHeader().setSectionsMovable(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.delegate = CellDelegate(self.model, self.apply, self.message.emit, self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelAboutToBeReset.connect(self._keep_selection)
        self.model.modelReset.connect(self._restore_selection)
        delete = QAction(self)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.view.addAction(delete)
        self.tools = QHBoxLayout()
        self.tools.addWidget(self.filter_line, 1)
        self.tools.addWidget(self.add_button)
        self.tools.addWidget(self.delete_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(self.tools)
        column.addWidget(self.view, 1)
        column.addWidget(self.hint)
        self._set_editable()

    # ------------------------------------------------------------------ the project
    def set_project(self, project: OpenProject | None, read_only: bool = False) -> None:
        self._project = project
        self._read_only = read_only
        self.model.set_document(project.document if project is not None else None)
        self._set_editable()
        self._fit_columns()

    def on_changed(self, change_set: ChangeSet) -> None:
        self.model.on_changed(change_set)
        self._update_hint()

    def _set_editable(self) -> None:
        editable = self._project is not None and not self._read_only
        triggers = QAbstractItemView.EditTrigger
        self.view.setEditTriggers(triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
                                  if editable else triggers.NoEditTriggers)
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and bool(self.selected_ids()))

    def _fit_columns(self) -> None:
        self.view.resizeColumnsToContents()
        heading = self.view.horizontalHeader()
        for section in range(self.model.columnCount()):
            width = max(heading.sectionSize(section), heading.sectionSizeHint(section) + 8)
            if self.model.columns[section].editor == "date":  # room for the date picker's arrow
                width = max(width, DATE_COLUMN_WIDTH)
            heading.resizeSection(section, min(width, MAX_COLUMN_WIDTH))

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[str]:
        rows = sorted(self.view.selectionModel().selectedRows(), key=lambda i: i.row())
        return [str(index.data(ID_ROLE)) for index in rows]

    def select_ids(self, ids: list[str]) -> None:
        """Select the rows of `ids` (those the filter shows), the first one current."""
        wanted = set(ids)
        selection = QItemSelection()
        first: QModelIndex | None = None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ID_ROLE) in wanted:
                selection.select(index, self.proxy.index(row, self.proxy.columnCount() - 1))
                first = first or index
        flags = QItemSelectionModel.SelectionFlag
        self.view.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
        if first is not None:
            self.view.selectionModel().setCurrentIndex(first, flags.NoUpdate)
            self.view.scrollTo(first)

    def _keep_selection(self) -> None:
        self._kept = self.selected_ids()
        self._restoring = True

    def _restore_selection(self) -> None:
        try:
            self.select_ids(self._kept)
        finally:
            self._restoring = False
        self._update_hint()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_hint()
        self.delete_button.setEnabled(self._project is not None and not self._read_only and bool(self.selected_ids()))
        if not self._restoring:
            self.elementsChosen.emit(self.selected_ids())

    def _update_hint(self) -> None:
        count = len(self.selected_ids())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        parts = [_tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total))] if shown != total else []
        if count > 1:
            parts.append(_tr("Rows selected: %1 — an edited cell sets its column in all of them").replace("%1", str(count)))
        self.hint.setText(" · ".join(parts))

    # ------------------------------------------------------------------ edits
    def apply(self, index: QModelIndex, column: Column, value: Any) -> None:
        """Set `column` to `value` in the edited row, or in every selected row when it is one of them (one step)."""
        if self._project is None or self._read_only:
            return
        edited = str(index.data(ID_ROLE))
        selected = self.selected_ids()
        ids = selected if edited in selected else [edited]
        run_operation(self._project, self.message.emit, None, edit_elements, ids, **{column.field: value})

    def add(self) -> None:
        """Add a new element (one undo step), select it and start editing its name."""
        if self._project is None or self._read_only:
            return
        self.filter_line.clear()  # the new row must be visible
        entity = run_operation(self._project, self.message.emit, None, add_element, self._new_element())
        if entity is None:
            return
        self.select_ids([entity.id])
        self.elementsChosen.emit([entity.id])
        current = self.view.currentIndex()
        if current.isValid():
            self.view.setFocus()
            self.view.edit(current.siblingAtColumn(0))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if self._project is None or self._read_only or not ids:
            return
        run_operation(self._project, self.message.emit, None, delete_elements, ids)

    def edit_column_of_selection(self, index: QModelIndex) -> None:
        """Open the editor of `index` (a cell of a selected row); the value goes to every selected row."""
        if not index.isValid():
            return
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.view.edit(index)

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu(self.view.indexAt(position))
        if menu is not None and not menu.isEmpty():
            menu.exec(self.view.viewport().mapToGlobal(position))
            menu.deleteLater()

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The menu for a cell: set its column in every selected row, delete the selected rows."""
        menu = QMenu(self)
        count = len(self.selected_ids())
        editable = self._project is not None and not self._read_only
        if index.isValid() and count and editable:
            column = self.model.columns[index.column()]
            if column.editable:
                text = _tr("Set “%1” in the selected rows (%2)…").replace("%2", str(count))
                act = menu.addAction(text.replace("%1", header(self.kind, column)))
                act.setObjectName("setColumnAction")
                target = QModelIndex(index)
                act.triggered.connect(lambda _=False: self.edit_column_of_selection(target))
            remove = menu.addAction(_tr("Delete the selected rows (%1)").replace("%1", str(count)))
            remove.setObjectName("deleteRowsAction")
            remove.triggered.connect(self.delete_selected)
        return menu
