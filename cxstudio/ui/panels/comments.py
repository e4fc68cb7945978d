"""The comments of one element, shown under the inspector's form: add, edit inline, resolve, delete (review: add, resolve).

Also the window's one shared/internal switch for new comments (`SharingChoice`), which this section
and the comments panel show: shared by default in review mode, internal otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.editing import comments as comment_ops
from cxstudio.editing.operations import delete_elements, edit_element
from cxstudio.model.entities import Comment
from cxstudio.model.events import event_kind
from cxstudio.ui.commands import run_operation

ID_ROLE = Qt.ItemDataRole.UserRole
COMMENTABLE_KINDS = frozenset(Comment.REFS["target_id"].targets)


def current_author() -> str:
    """The name new comments are signed with: the Preferences' author name (default: the OS user)."""
    from cxstudio.ui.settings import EditorSettings

    return EditorSettings().author()


class SharingChoice(QObject):
    """Whether new comments are shared with clients; follows each newly shown project (shared when open for review)."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shared = False
        self._project: OpenProject | None = None

    @property
    def shared(self) -> bool:
        return self._shared

    def set_shared(self, shared: bool) -> None:
        if shared != self._shared:
            self._shared = shared
            self.changed.emit(shared)

    def follow(self, project: OpenProject | None) -> None:
        """Another project is shown: its new comments are shared in review mode, internal otherwise."""
        if project is not self._project:
            self._project = project
            self.set_shared(project is not None and project.review)


def bind_shared_box(box: QCheckBox, choice: SharingChoice) -> None:
    """Keep a "Shared with client" check box and the window's choice in step, both ways."""
    box.setChecked(choice.shared)
    box.toggled.connect(choice.set_shared)
    choice.changed.connect(lambda shared: box.setChecked(shared) if box.isChecked() != shared else None)


def shared_box(parent: QWidget | None = None) -> QCheckBox:
    box = QCheckBox(QCoreApplication.translate("CommentsSection", "Shared with client"), parent)
    box.setToolTip(QCoreApplication.translate(
        "CommentsSection", "New comments are shared with the client (client copies and the client report keep "
        "them); untick for an internal remark."))
    return box


class CommentsSection(QWidget):
    """Comments on the element the inspector shows; the check box marks a comment resolved."""

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comments")
        self._project: OpenProject | None = None
        self._target_id: str | None = None
        self._read_only = False  # the comments' texts cannot be edited or deleted (read-only or review)
        self._can_comment = False  # comments can be added, resolved and reopened (also in review mode)
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
        self.add_button.clicked.connect(lambda _checked=False: self.add_comment())
        self.delete_button = QPushButton(self.tr("Delete comment"))
        self.delete_button.setObjectName("deleteComment")
        self.delete_button.clicked.connect(self.delete_current)
        self.sharing = SharingChoice(self)  # the window binds its own (see `bind_sharing`)
        self.shared_box = shared_box()
        self.shared_box.setObjectName("commentShared")
        bind_shared_box(self.shared_box, self.sharing)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.addWidget(title)
        column.addWidget(self.list)
        column.addLayout(buttons)
        column.addWidget(self.shared_box)

    def bind_sharing(self, choice: SharingChoice) -> None:
        """Use the window's shared/internal switch (the comments panel shows the same one)."""
        self.shared_box.toggled.disconnect()
        self.sharing = choice
        bind_shared_box(self.shared_box, choice)

    def set_target(self, project: OpenProject | None, target_id: str | None, read_only: bool = False) -> None:
        self.sharing.follow(project)
        self._project = project
        self._read_only = read_only or (project is not None and project.refusal() is not None)
        self._can_comment = project is not None and project.refusal(comment_ops.add_comment) is None
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
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if self._can_comment:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                if not self._read_only:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                item.setCheckState(Qt.CheckState.Checked if comment.resolved else Qt.CheckState.Unchecked)
                from cxstudio.ui.workspace.dates import show_date  # loaded after the first paint

                when = show_date(comment.created)
                item.setToolTip(self.tr("%1, %2 (ticked: resolved)").replace("%1", comment.author or "?")
                                .replace("%2", when))
                self.list.addItem(item)
        finally:
            self.list.blockSignals(False)
        editable = self._target_id is not None and not self._read_only
        self.add_button.setEnabled(self._target_id is not None and self._can_comment)
        self.shared_box.setEnabled(self._can_comment)
        self.delete_button.setEnabled(editable and self.list.count() > 0)

    def on_changed(self, change_set: ChangeSet) -> None:
        if self._applying:
            return
        if self._target_id is not None and any(event_kind(e) == "comment" for e in change_set.events):
            self.refresh()

    def add_comment(self, text: str | None = None) -> str | None:
        """Add a comment signed with the Preferences' author, shared or internal as the switch says (in review mode
        its text is asked first)."""
        project = self._project
        if project is None or self._target_id is None or not self._can_comment:
            return None
        if text is None and self._read_only:  # the text cannot be edited afterwards: ask for it now
            text, ok = QInputDialog.getMultiLineText(self, self.tr("Add comment"), self.tr("Comment:"))
            if not ok or not text.strip():
                return None
        comment = run_operation(project, self.message.emit, None, comment_ops.add_comment, self._target_id,
                                text if text is not None else self.tr("New comment"), author=current_author(),
                                internal=not self.sharing.shared)
        if comment is None:
            return None
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == comment.id:
                self.list.setCurrentItem(item)
                if text is None:
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
        resolved = item.checkState() == Qt.CheckState.Checked
        self._applying = True
        try:
            if item.text() != comment.text:
                done = run_operation(project, self.message.emit, None, edit_element, comment_id, text=item.text())
            elif resolved and not comment.resolved:
                done = run_operation(project, self.message.emit, None, comment_ops.resolve_comment, comment_id,
                                     current_author())
            elif comment.resolved and not resolved:
                done = run_operation(project, self.message.emit, None, comment_ops.reopen_comment, comment_id)
            else:
                return
            if done is None:
                QTimer.singleShot(0, self.refresh)
        finally:
            self._applying = False
