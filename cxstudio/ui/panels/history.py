"""The undo history panel: every step of the session, the current state marked; clicking goes there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cxstudio.editing.session import Session
from cxstudio.ui import labels


class HistoryPanel(QWidget):
    """Row 0 is the state the project was opened in; row i is the state after step i."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        self._session: Session | None = None
        self._read_only = False
        self.list = QListWidget()
        self.list.setObjectName("historyList")
        self.list.itemActivated.connect(self._go_to_item)
        self.list.itemClicked.connect(self._go_to_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)

    def set_session(self, session: Session | None, read_only: bool = False) -> None:
        self._session = session
        self._read_only = read_only
        self.refresh()

    def current_row(self) -> int:
        return self._session.index if self._session is not None else 0

    def refresh(self) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            session = self._session
            if session is None:
                return
            names = [self.tr("Opened")] + [labels.undo_step(name) for name in session.history]
            for row, name in enumerate(names):
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, row)
                if row > session.index:
                    item.setForeground(self.palette().placeholderText())
                if row == session.index:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setText("▶ " + name)
                self.list.addItem(item)
            self.list.setCurrentRow(session.index)
            self.list.scrollToItem(self.list.currentItem())
        finally:
            self.list.blockSignals(False)

    def _go_to_item(self, item: QListWidgetItem) -> None:
        session = self._session
        if session is None or session.in_transaction:
            return
        row = int(item.data(Qt.ItemDataRole.UserRole))
        if row != session.index:
            session.go_to(row)
