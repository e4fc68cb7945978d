"""The undo history panel: every step of the session, the current state marked; clicking goes there."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cxstudio.api import Session
from cxstudio.ui import labels

UNDONE_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryPanel(QWidget):
    """Row 0 is the state the project was opened in; row i is the state after step i."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        self._session: Session | None = None
        self._read_only = False
        self._go_to: Callable[[int], None] | None = None
        self.list = QListWidget()
        self.list.setObjectName("historyList")
        self.list.itemActivated.connect(self._go_to_item)
        self.list.itemClicked.connect(self._go_to_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)

    def set_session(
        self, session: Session | None, read_only: bool = False, go_to: Callable[[int], None] | None = None
    ) -> None:
        """Show `session`'s history (read only); `go_to(index)` performs a jump (`OpenProject.go_to`), None: no jumps."""
        self._session = session
        self._read_only = read_only
        self._go_to = go_to
        self.refresh()

    def current_row(self) -> int:
        return self._session.index if self._session is not None else 0

    def refresh(self) -> None:
        """Bring the list up to date, touching only rows whose step or state changed (long sessions stay fast)."""
        self.list.blockSignals(True)
        try:
            session = self._session
            if session is None:
                self.list.clear()
                return
            names = [self.tr("Opened")] + [labels.undo_step(name) for name in session.history]
            while self.list.count() > len(names):
                self.list.takeItem(self.list.count() - 1)
            for row, name in enumerate(names):
                item = self.list.item(row)
                if item is None:
                    item = QListWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, row)
                    self.list.addItem(item)
                self._show_row(item, name, row, session.index)
            self.list.setCurrentRow(session.index)
            self.list.scrollToItem(self.list.currentItem())
        finally:
            self.list.blockSignals(False)

    def _show_row(self, item: QListWidgetItem, name: str, row: int, index: int) -> None:
        current = row == index
        text = "▶ " + name if current else name
        if item.text() != text:
            item.setText(text)
        font = item.font()
        if font.bold() != current:
            font.setBold(current)
            item.setFont(font)
        undone = row > index
        if bool(item.data(UNDONE_ROLE)) != undone:
            item.setData(UNDONE_ROLE, undone)
            if undone:
                item.setForeground(self.palette().placeholderText())
            else:
                item.setData(Qt.ItemDataRole.ForegroundRole, None)

    def _go_to_item(self, item: QListWidgetItem) -> None:
        session = self._session
        if session is None or session.in_transaction or self._go_to is None:
            return
        row = int(item.data(Qt.ItemDataRole.UserRole))
        if row != session.index:
            self._go_to(row)
