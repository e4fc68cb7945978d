"""The cell editors of the workspace's tables: text, several lines, choices, numbers and the date picker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from cxstudio.model.entities import Entity
from cxstudio.ui.workspace.columns import Column, choices
from cxstudio.ui.workspace.dates import DateEdit
from cxstudio.ui.workspace.table_model import EntityTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
NOT_A_VALUE = object()  # what an editor holds when its text is no value (a word in a number field)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


def parse_number(text: str) -> float | None | object:
    """A typed number in the UI locale (or with a point): the value, None for empty, NOT_A_VALUE otherwise."""
    text = text.strip()
    if not text:
        return None
    value, ok = QLocale().toDouble(text)
    if ok:
        return value
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return NOT_A_VALUE


class CellDelegate(QStyledItemDelegate):
    """Gives each column its editor and hands the edited value to `apply(row, column, value)` (which runs the operation).

    The model is never written through Qt's setData: the table decides which rows a value goes to
    (all selected rows) and runs one operation, whose change set then updates the model.
    """

    def __init__(self, model: EntityTableModel, apply: Callable[[QModelIndex, Column, Any], None],
                 tell: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._apply = apply
        self._tell = tell

    def _column(self, index: AnyIndex) -> Column:
        return self._model.columns[index.column()]

    def _kind(self) -> type[Entity]:
        return self._model.kind

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        column = self._column(index)
        editor: QWidget
        if column.editor in ("enum", "ref", "priority"):
            combo = QComboBox(parent)
            document = self._model.document
            for value, text in choices(document, self._kind(), column) if document is not None else []:
                combo.addItem(text, value)
            combo.activated.connect(lambda _i, c=combo: self._commit_and_close(c))
            editor = combo
        elif column.editor == "int":
            spin = QSpinBox(parent)
            spin.setRange(column.lowest - 1, column.highest)
            spin.setSpecialValueText(_tr("not set"))
            editor = spin
        elif column.editor == "date":
            editor = DateEdit(_tr("not set"), parent)
        elif column.editor == "multiline":
            text = QPlainTextEdit(parent)
            text.setTabChangesFocus(True)
            editor = text
        else:
            line = QLineEdit(parent)
            if column.editor == "float":
                line.setPlaceholderText(_tr("not set"))
            editor = line
        editor.setObjectName(f"cellEditor_{column.field}")
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, editor.fontMetrics().lineSpacing() * 4)
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(editor.minimum() if value is None else int(value))
        elif isinstance(editor, DateEdit):
            editor.set_iso(value or "")
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QLineEdit):
            if self._column(index).editor == "float":
                editor.setText("" if value is None else QLocale().toString(float(value), "g", 12))
            else:
                editor.setText(value or "")

    def editor_value(self, editor: QWidget, column: Column) -> Any:
        """The value an editor holds, as stored; NOT_A_VALUE when it holds none (told to the user)."""
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return None if editor.value() < column.lowest else editor.value()
        if isinstance(editor, DateEdit):
            editor.interpretText()
            return editor.iso()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        assert isinstance(editor, QLineEdit)
        if column.editor == "float":
            value = parse_number(editor.text())
            if value is NOT_A_VALUE:
                self._tell(_tr("“%1” is not a number.").replace("%1", editor.text().strip()))
            return value
        return editor.text()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        column = self._column(index)
        value = self.editor_value(editor, column)
        if value is NOT_A_VALUE:
            return
        if value == index.data(Qt.ItemDataRole.EditRole) and not self._several_selected(editor):
            return
        self._apply(QModelIndex(index), column, value)

    @staticmethod
    def _several_selected(editor: QWidget) -> bool:
        view = editor.parent().parent() if editor.parent() is not None else None
        return isinstance(view, QAbstractItemView) and len(view.selectionModel().selectedRows()) > 1
