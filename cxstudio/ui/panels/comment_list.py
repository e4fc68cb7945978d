"""The Comments dock's list: every comment thread of the project, filtered, with jump to the element, reply, resolve and reopen.

`CommentListPanel` lists the threads (first comment, replies below) with filters for open/resolved,
author, journey and one element (a marker click on the canvas). `comments_dock.CommentsController`
puts it into the window (after the first paint at start-up). Every change goes through `run_operation`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.editing import comments as comment_ops
from cxstudio.model.document import Document
from cxstudio.model.entities import Comment, Journey, Relation
from cxstudio.model.events import Changed, event_kind
from cxstudio.ui import labels
from cxstudio.ui.commands import run_operation
from cxstudio.ui.panels.comments import SharingChoice, bind_shared_box, current_author, shared_box

ID_ROLE = Qt.ItemDataRole.UserRole
AUTHOR_ROLE = Qt.ItemDataRole.UserRole + 1
ALL = ""  # the filters' "all" entry
OPEN, RESOLVED = "open", "resolved"
NO_JOURNEY = "-"  # comments on elements outside the journeys (personas, metrics, …)
TEXT_SHOWN = 90  # characters of a comment shown in its row (all of it in the tooltip)
_NAME_FIELDS = ("title", "name", "text")
_RESOLVED_INK = QBrush(QColor("#6b7280"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("CommentList", text)


def _one_line(text: str, limit: int = TEXT_SHOWN) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def element_label(document: Document, element_id: str) -> str:
    """'Card: Öffnet die Rechnung': the kind of a commented element and its name, for the thread's row."""
    entity = document.find(element_id)
    if entity is None:
        return "?"
    kind = labels.entity_kinds().get(entity.KIND, entity.KIND)
    name = next((v for v in (getattr(entity, f, "") for f in _NAME_FIELDS) if isinstance(v, str) and v.strip()), "")
    return f"{kind}: {_one_line(name, 40)}" if name else kind


def journey_of(document: Document, element_id: str) -> str | None:
    """The journey a commented element belongs to (a relation: its source's), None outside the journeys."""
    entity = document.find(element_id)
    if isinstance(entity, Relation):
        return document.journey_of(entity.source_id) or document.journey_of(entity.target_id)
    return document.journey_of(element_id)


class CommentListPanel(QWidget):
    """All comment threads of the project; double-click or Enter on one asks to show its element (`elementChosen`)."""

    elementChosen = Signal(str)
    message = Signal(str)

    def __init__(self, sharing: SharingChoice, target_for_new: Callable[[], str | None] = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentListPanel")
        self.sharing = sharing
        self._target_for_new = target_for_new  # the element "Comment…" comments on (the window's selection)
        self._project: OpenProject | None = None
        self._target: str | None = None  # the one element whose threads are shown (a marker was clicked), else None
        self._status = self._combo("commentStatusFilter", [(_tr("All threads"), ALL), (_tr("Open"), OPEN),
                                                           (_tr("Resolved"), RESOLVED)])
        self._author = self._combo("commentAuthorFilter", [(_tr("Every author"), ALL)])
        self._journey = self._combo("commentJourneyFilter", [(_tr("Every journey"), ALL)])
        filters = QHBoxLayout()
        for widget in (self._status, self._author, self._journey):
            filters.addWidget(widget, 1)
        self.target_label = QLabel()
        self.target_label.setObjectName("commentTargetFilter")
        self.target_label.setWordWrap(True)
        self.show_all_button = QPushButton(_tr("Show all"))
        self.show_all_button.setObjectName("commentShowAll")
        self.show_all_button.clicked.connect(lambda _checked=False: self.show_target(None))
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label, 1)
        target_row.addWidget(self.show_all_button)
        self.target_row = QWidget()
        self.target_row.setLayout(target_row)
        target_row.setContentsMargins(0, 0, 0, 0)
        self.target_row.hide()
        self.tree = QTreeWidget()
        self.tree.setObjectName("commentThreads")
        self.tree.setColumnCount(1)  # two lines a row: the text, then author and element (fits a narrow dock)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.itemActivated.connect(lambda item, _column: self._activate(item))
        self.tree.currentItemChanged.connect(lambda _item, _previous: self._update_buttons())
        self.empty_label = QLabel()
        self.empty_label.setObjectName("commentListEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #6b7280;")
        self.new_button = self._button("commentNew", _tr("Comment…"), lambda: self.new_comment(),
                                       _tr("Comment on the element selected on the map (else the journey)."))
        self.reply_button = self._button("commentReply", _tr("Reply…"), lambda: self.reply())
        self.resolve_button = self._button("commentResolve", _tr("Resolve"), self.resolve)
        self.reopen_button = self._button("commentReopen", _tr("Reopen"), self.reopen)
        self.shared_box = shared_box()
        self.shared_box.setObjectName("commentListShared")
        bind_shared_box(self.shared_box, sharing)
        buttons = QGridLayout()  # two by two: the panel fits a narrow dock in German too
        for index, button in enumerate((self.new_button, self.reply_button, self.resolve_button, self.reopen_button)):
            buttons.addWidget(button, index // 2, index % 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addLayout(filters)
        column.addWidget(self.target_row)
        column.addWidget(self.tree, 1)
        column.addWidget(self.empty_label)
        column.addLayout(buttons)
        column.addWidget(self.shared_box)
        self.refresh()

    def _combo(self, name: str, entries: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(3)
        for text, value in entries:
            combo.addItem(text, value)
        combo.activated.connect(lambda _index: self.refresh())
        return combo

    def _button(self, name: str, text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # ------------------------------------------------------------------ the project
    def set_project(self, project: OpenProject | None) -> None:
        self._project = project
        self._target = None
        self.sharing.follow(project)
        self.refresh()

    @property
    def can_comment(self) -> bool:
        return self._project is not None and self._project.refusal(comment_ops.add_comment) is None

    def on_changed(self, change_set: ChangeSet) -> None:
        """Follow a committed change set: comments added, changed or removed, elements renamed or deleted."""
        for event in change_set.events:
            if event_kind(event) in (Comment.KIND, Journey.KIND) or not isinstance(event, Changed) \
                    or event.field in _NAME_FIELDS:
                self.refresh()
                return

    # ------------------------------------------------------------------ filters
    def set_status_filter(self, value: str) -> None:
        self._status.setCurrentIndex(max(self._status.findData(value), 0))
        self.refresh()

    def set_author_filter(self, author: str) -> None:
        self._author.setCurrentIndex(max(self._author.findData(author), 0))
        self.refresh()

    def set_journey_filter(self, journey_id: str) -> None:
        self._journey.setCurrentIndex(max(self._journey.findData(journey_id), 0))
        self.refresh()

    def show_target(self, target_id: str | None) -> None:
        """Show only the threads on `target_id` (None: every element's); resolved ones too if it has no open one."""
        self._target = target_id
        self.refresh()
        if target_id is not None and self.tree.topLevelItemCount() == 0:
            self.set_status_filter(ALL)
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _refill(self, combo: QComboBox, entries: list[tuple[str, str]]) -> None:
        """Replace a filter's entries after its first ("every …") one, keeping the chosen value if it is still there."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in entries:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            combo.blockSignals(False)

    def _shown_threads(self, document: Document) -> list[list[Comment]]:
        status, author, journey = self._status.currentData(), self._author.currentData(), self._journey.currentData()
        shown = []
        for thread in comment_ops.threads(document):
            root = thread[0]
            if self._target is not None and root.target_id != self._target:
                continue
            if (status == OPEN and root.resolved) or (status == RESOLVED and not root.resolved):
                continue
            if author and all(c.author != author for c in thread):
                continue
            if journey and (journey_of(document, root.target_id) or NO_JOURNEY) != journey:
                continue
            shown.append(thread)
        return shown

    # ------------------------------------------------------------------ the list
    def refresh(self) -> None:
        """Fill the list from the document (the current comment stays current)."""
        project = self._project
        current = self.current_comment_id()
        self.tree.clear()
        if project is None:
            self.target_row.hide()
            self.empty_label.setText(_tr("No project is open."))
            self.empty_label.show()
            self._update_buttons()
            return
        document = project.document
        all_comments = document.all(Comment)
        self._refill(self._author, [(a, a) for a in sorted({c.author for c in all_comments if c.author},
                                                           key=str.casefold)])
        journeys = [(j.name or _tr("(unnamed journey)"), j.id) for j in document.journeys()]
        self._refill(self._journey, [*journeys, (_tr("Outside the journeys"), NO_JOURNEY)])
        if self._target is not None and self._target not in document:
            self._target = None
        self.target_row.setVisible(self._target is not None)
        if self._target is not None:
            self.target_label.setText(_tr("Comments on %1").replace("%1", element_label(document, self._target)))
        selected: QTreeWidgetItem | None = None
        for thread in self._shown_threads(document):
            root_item = self._item(document, thread[0], thread[0])
            self.tree.addTopLevelItem(root_item)
            for reply in thread[1:]:
                root_item.addChild(self._item(document, reply, thread[0]))
            root_item.setExpanded(True)
            for item in (root_item, *(root_item.child(i) for i in range(root_item.childCount()))):
                if item.data(0, ID_ROLE) == current:
                    selected = item
        if selected is not None:
            self.tree.setCurrentItem(selected)
        count = self.tree.topLevelItemCount()
        self.empty_label.setVisible(count == 0)
        self.empty_label.setText(_tr("No comments match the filters.") if all_comments else
                                 _tr("No comments yet. Select an element on the map and choose Comment…."))
        self._update_buttons()

    def _item(self, document: Document, comment: Comment, root: Comment) -> QTreeWidgetItem:
        text = _one_line(comment.text) or _tr("(empty)")
        if comment.internal:
            text = _tr("[internal]") + " " + text
        if comment is root and root.resolved:
            text = "✓ " + text
        about = [comment.author or _tr("(no author)")]
        if comment is root and self._target is None:  # with one element shown, every thread is on it
            about.append(element_label(document, comment.target_id))
        from cxstudio.ui.workspace.dates import show_date  # Qt's date widgets load after the first paint

        item = QTreeWidgetItem([f"{text}\n{' · '.join(about)}"])
        item.setData(0, ID_ROLE, comment.id)
        item.setData(0, AUTHOR_ROLE, comment.author)
        tip = [comment.text, "", _tr("%1, %2").replace("%1", comment.author or "?")
               .replace("%2", show_date(comment.created))]
        tip.append(_tr("Internal: never in a client copy or report.") if comment.internal else
                   _tr("Shared with the client."))
        if comment is root and root.resolved:
            tip.append(_tr("Resolved by %1, %2").replace("%1", root.resolved_by or "?")
                       .replace("%2", root.resolved_at.replace("T", " ")))
        if comment is root:
            tip.append(element_label(document, comment.target_id))
        item.setToolTip(0, "\n".join(tip))
        if root.resolved:
            item.setForeground(0, _RESOLVED_INK)
        if comment.internal:
            font = QFont(item.font(0))
            font.setItalic(True)
            item.setFont(0, font)
        return item

    def visible_threads(self) -> list[str]:
        """The ids of the threads (their first comments) the list shows, in order."""
        return [self.tree.topLevelItem(i).data(0, ID_ROLE) for i in range(self.tree.topLevelItemCount())]

    def current_comment_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def current_thread(self) -> Comment | None:
        """The first comment of the thread the current row belongs to."""
        project, comment_id = self._project, self.current_comment_id()
        if project is None or comment_id is None or comment_id not in project.document:
            return None
        return comment_ops.thread_root(project.document, comment_id)

    def select_comment(self, comment_id: str) -> None:
        for item in self._all_items():
            if item.data(0, ID_ROLE) == comment_id:
                self.tree.setCurrentItem(item)
                return

    def _all_items(self) -> list[QTreeWidgetItem]:
        items = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            items.append(top)
            items.extend(top.child(j) for j in range(top.childCount()))
        return items

    def _update_buttons(self) -> None:
        root = self.current_thread()
        can = self.can_comment
        self.new_button.setEnabled(can)
        self.reply_button.setEnabled(can and root is not None)
        self.resolve_button.setEnabled(can and root is not None and not root.resolved)
        self.reopen_button.setEnabled(can and root is not None and root.resolved)
        self.shared_box.setEnabled(can)

    def _activate(self, item: QTreeWidgetItem) -> None:
        project = self._project
        comment_id = item.data(0, ID_ROLE)
        if project is not None and comment_id in project.document:
            self.elementChosen.emit(project.document.get(comment_id, Comment).target_id)

    # ------------------------------------------------------------------ commands
    def _ask(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, title, label)
        return text if ok and text.strip() else None

    def new_comment(self, text: str | None = None) -> str | None:
        """Comment on the window's selected element (else its journey), signed with the Preferences' author."""
        project = self._project
        target = self._target_for_new()
        if project is None or not self.can_comment:
            return None
        if target is None or target not in project.document:
            self.message.emit(_tr("Select an element on the map to comment on it."))
            return None
        if text is None:
            text = self._ask(_tr("New comment"), _tr("Comment on %1:").replace("%1", element_label(project.document,
                                                                                                   target)))
            if text is None:
                return None
        comment = run_operation(project, self.message.emit, None, comment_ops.add_comment, target, text,
                                author=current_author(), internal=not self.sharing.shared)
        if comment is None:
            return None
        self.refresh()
        self.select_comment(comment.id)
        return comment.id

    def reply(self, text: str | None = None) -> str | None:
        """Answer the current thread; internal when the thread is, else as the shared/internal switch says."""
        project, root = self._project, self.current_thread()
        if project is None or root is None or not self.can_comment:
            return None
        if text is None:
            text = self._ask(_tr("Reply"), _tr("Reply to %1:").replace("%1", root.author or _tr("the comment")))
            if text is None:
                return None
        reply = run_operation(project, self.message.emit, None, comment_ops.reply_to_comment, root.id, text,
                              author=current_author(), internal=root.internal or not self.sharing.shared)
        if reply is None:
            return None
        self.refresh()
        self.select_comment(reply.id)
        return reply.id

    def resolve(self) -> None:
        project, root = self._project, self.current_thread()
        if project is not None and root is not None and not root.resolved:
            run_operation(project, self.message.emit, None, comment_ops.resolve_comment, root.id, current_author())

    def reopen(self) -> None:
        project, root = self._project, self.current_thread()
        if project is not None and root is not None and root.resolved:
            run_operation(project, self.message.emit, None, comment_ops.reopen_comment, root.id)
