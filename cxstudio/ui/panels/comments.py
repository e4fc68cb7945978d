"""The comments of one element, shown under the inspector's form: add, edit inline, resolve, delete."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.editing.operations import add_element, delete_elements, edit_element
from cxstudio.model.entities import Comment
from cxstudio.model.events import event_kind
from cxstudio.ui.commands import run_operation

ID_ROLE = Qt.ItemDataRole.UserRole
COMMENTABLE_KINDS = frozenset(Comment.REFS["target_id"].targets)


def current_author() -> str:
    """The name new comments are signed with: the Preferences' author name (default: the OS user)."""
    from cxstudio.ui.settings import EditorSettings

    return EditorSettings().author()


class CommentsSection(QWidget):
    """Comments on the element the inspector shows; the check box marks a comment resolved."""

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comments")
        self._project: OpenProject | None = None
        self._target_id: str | None = None
        self._read_only = False
        self._applying = False  # an edit made in this list is being committed: the list already shows it
        title = QLabel(self.tr("Comments"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.list = QListWidget()
        self.list.setObjectName("commentList")
        self.list.setWordWrap(True)
        self.list.setFixedHeight(self.list.fontMetrics().lineSpacing() * 5 + 12)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.itemChanged.connect(self._item_changed)
        self.add_button = QPushButton(self.tr("Add comment"))
        self.add_button.setObjectName("addComment")
        self.add_button.clicked.connect(self.add_comment)
        self.delete_button = QPushButton(self.tr("Delete comment"))
        self.delete_button.setObjectName("deleteComment")
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(title)
        column.addWidget(self.list)
        column.addLayout(buttons)

    def set_target(self, project: OpenProject | None, target_id: str | None, read_only: bool = False) -> None:
        self._project = project
        self._read_only = read_only
        target = project.document.find(target_id) if project is not None and target_id else None
        self._target_id = target_id if target is not None and target.KIND in COMMENTABLE_KINDS else None
        self.setVisible(self._target_id is not None)
        self.refresh()

    def comments(self) -> list[Comment]:
        if self._project is None or self._target_id is None:
            return []
        document = self._project.document
        found = [document.get(i, Comment) for i in document.referrer_ids(self._target_id, "comment", "target_id")]
        return sorted(found, key=lambda c: (c.created, c.id))

    def refresh(self) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for comment in self.comments():
                item = QListWidgetItem(comment.text)
                item.setData(ID_ROLE, comment.id)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
                if not self._read_only:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if comment.resolved else Qt.CheckState.Unchecked)
                when = comment.created.replace("T", " ")
                item.setToolTip(self.tr("%1, %2 (ticked: resolved)").replace("%1", comment.author or "?")
                                .replace("%2", when))
                self.list.addItem(item)
        finally:
            self.list.blockSignals(False)
        editable = self._target_id is not None and not self._read_only
        self.add_button.setEnabled(editable)
        self.delete_button.setEnabled(editable and self.list.count() > 0)

    def on_changed(self, change_set: ChangeSet) -> None:
        if self._applying:
            return
        if self._target_id is not None and any(event_kind(e) == "comment" for e in change_set.events):
            self.refresh()

    def add_comment(self) -> str | None:
        if self._project is None or self._target_id is None or self._read_only:
            return None
        created = dt.datetime.now().isoformat(timespec="minutes")
        comment = Comment(target_id=self._target_id, author=current_author(), created=created,
                          text=self.tr("New comment"))
        if run_operation(self._project, self.message.emit, None, add_element, comment) is None:
            return None
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == comment.id:
                self.list.setCurrentItem(item)
                self.list.editItem(item)
        return comment.id

    def delete_current(self) -> None:
        item = self.list.currentItem()
        if self._project is None or item is None or self._read_only:
            return
        run_operation(self._project, self.message.emit, None, delete_elements, [item.data(ID_ROLE)])

    def _item_changed(self, item: QListWidgetItem) -> None:
        project = self._project
        comment_id = item.data(ID_ROLE)
        if project is None or comment_id not in project.document:
            return
        comment = project.document.get(comment_id, Comment)
        changes: dict[str, object] = {}
        if item.text() != comment.text:
            changes["text"] = item.text()
        resolved = item.checkState() == Qt.CheckState.Checked
        if resolved != comment.resolved:
            changes["resolved"] = resolved
        if not changes:
            return
        self._applying = True
        try:
            if run_operation(project, self.message.emit, None, edit_element, comment_id, **changes) is None:
                QTimer.singleShot(0, self.refresh)
        finally:
            self._applying = False
