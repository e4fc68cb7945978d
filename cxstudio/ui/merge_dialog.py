"""The merge dialog: what merging a returned file takes without asking (counts by kind) and each conflict to decide.

Every conflict offers "keep mine" or "take theirs". Each answer plans the merge again (an answer can
raise new conflicts, e.g. keeping a card whose stage the other side deleted, or settle others), so the
list always shows what is left to decide. Merge is enabled once every conflict has an answer; it calls
`apply(resolutions)`, which merges as one undo step or returns the reason it was refused (the dialog
then stays open, the answers kept).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxstudio.model.entities import ENTITY_TYPES, Relation
from cxstudio.ui.compare_view import field_name, kind_name, quoted, value_label

if TYPE_CHECKING:
    from cxstudio.editing.merge import Conflict, MergePlan, Side
    from cxstudio.model.document import Document

SETTLE_ROUNDS = 50  # "keep all mine" / "take all theirs" answer the conflicts each plan reveals, at most this often


def _tr(text: str) -> str:
    return QCoreApplication.translate("MergeDialog", text)


def side_counts(base: Document, ours: Document, theirs: Document) -> dict[str, tuple[Counter[str], Counter[str]]]:
    """Per kind: what the returned file changed and what this map changed since the base (added/changed/removed)."""
    base_map, ours_map, theirs_map = base.snapshot(), ours.snapshot(), theirs.snapshot()
    counts: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for entity_id in base_map.keys() | ours_map.keys() | theirs_map.keys():
        b = base_map.get(entity_id)
        for column, side in enumerate((theirs_map.get(entity_id), ours_map.get(entity_id))):
            if side == b:
                continue
            change = "added" if b is None else "removed" if side is None else "changed"
            kind = (side or b).KIND  # type: ignore[union-attr]
            counts.setdefault(kind, (Counter(), Counter()))[column][change] += 1
    return counts


class MergeDialog(QDialog):
    """Merge a returned file: counts of the changes taken, the conflicts with a choice each, Merge and Cancel."""

    def __init__(
        self, planner: Callable[[dict[str, Side]], MergePlan], apply: Callable[[dict[str, Side]], str | None],
        documents: tuple[Document, Document, Document], file_name: str, base_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(_tr("Merge “%1”").replace("%1", file_name))
        self.resize(860, 640)
        self.planner, self.apply_merge = planner, apply
        self.base, self.ours, self.theirs = documents
        self.resolutions: dict[str, Side] = {}
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self._groups: list[QButtonGroup] = []
        self._names = {**{e.id: e.label for e in self.base.snapshot().values()},
                       **{e.id: e.label for e in self.theirs.snapshot().values()},
                       **{e.id: e.label for e in self.ours.snapshot().values()}}
        self.refusal: str | None = None

        intro = QLabel(_tr("Merging %1 into this project. The common ancestor is %2. Changes made on one side only "
                           "are taken; where both sides changed the same thing, choose which to keep.")
                       .replace("%1", quoted(file_name, 60)).replace("%2", base_text))
        intro.setWordWrap(True)
        self.counts = QTreeWidget()
        self.counts.setObjectName("mergeCounts")
        self.counts.setRootIsDecorated(False)
        self.counts.setHeaderLabels([_tr("Kind"), _tr("Changed in the returned file"), _tr("Changed in this project")])
        self.counts.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.counts.setMaximumHeight(170)
        self._fill_counts()
        self.conflict_heading = QLabel()
        self.conflict_heading.setObjectName("mergeConflictHeading")
        self.conflict_box = QWidget()
        self.conflict_box.setObjectName("mergeConflicts")
        self.conflict_layout = QVBoxLayout(self.conflict_box)
        self.conflict_layout.setContentsMargins(2, 2, 2, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.conflict_box)
        self.status = QLabel()
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(_tr("Merge"))
        self.merge_button.setObjectName("mergeApply")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Cancel"))
        self.all_mine = QPushButton(_tr("Keep All Mine"))
        self.all_mine.setObjectName("mergeAllMine")
        self.all_theirs = QPushButton(_tr("Take All Theirs"))
        self.all_theirs.setObjectName("mergeAllTheirs")
        self.buttons.addButton(self.all_mine, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.all_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        self.all_mine.clicked.connect(lambda: self.decide_all("ours"))
        self.all_theirs.clicked.connect(lambda: self.decide_all("theirs"))
        self.buttons.accepted.connect(self._merge)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.counts)
        layout.addWidget(self.conflict_heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.plan: MergePlan = self.planner({})
        self._show_plan()

    # ------------------------------------------------------------------ counts
    def _fill_counts(self) -> None:
        counts = side_counts(self.base, self.ours, self.theirs)

        def text(counter: Counter[str]) -> str:
            parts = [(_tr("%1 added"), "added"), (_tr("%1 changed"), "changed"), (_tr("%1 removed"), "removed")]
            return ", ".join(word.replace("%1", str(counter[key])) for word, key in parts if counter[key]) or "—"

        for entity_type in ENTITY_TYPES:
            pair = counts.get(entity_type.KIND)
            if pair is not None:
                self.counts.addTopLevelItem(QTreeWidgetItem([kind_name(entity_type.KIND), text(pair[0]), text(pair[1])]))
        if not counts:
            self.counts.addTopLevelItem(QTreeWidgetItem([_tr("No changes on either side."), "", ""]))

    # ------------------------------------------------------------------ conflicts
    @property
    def conflicts(self) -> list[Conflict]:
        """Every conflict of the current plan, decided or not, in a stable order."""
        return sorted([*self.plan.decided, *self.plan.conflicts], key=lambda c: c.key)

    def decide(self, key: str, side: Side) -> None:
        """Answer one conflict and plan again (the answer may raise or settle other conflicts)."""
        if self.resolutions.get(key) == side:
            return
        self.resolutions[key] = side
        self._replan()

    def decide_all(self, side: Side) -> None:
        """Answer every conflict for one side, including those the answers reveal."""
        for _round in range(SETTLE_ROUNDS):
            open_keys = [c.key for c in self.plan.conflicts]
            if not open_keys:
                break
            for key in open_keys:
                self.resolutions[key] = side
            self._replan(show=False)
        for conflict in self.conflicts:
            self.resolutions[conflict.key] = side
        self._replan()

    def _replan(self, show: bool = True) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan = self.planner(dict(self.resolutions))
        finally:
            QApplication.restoreOverrideCursor()
        asked = {c.key for c in self.conflicts}
        self.resolutions = {key: side for key, side in self.resolutions.items() if key in asked}
        if show:
            self._show_plan()

    def _show_plan(self) -> None:
        while self.conflict_layout.count():
            widget = self.conflict_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for group in self._groups:
            group.deleteLater()
        self._groups, self.choices = [], {}
        conflicts = self.conflicts
        self.conflict_heading.setText(_tr("Conflicts (%1)").replace("%1", str(len(conflicts))) if conflicts
                                      else _tr("No conflicts."))
        for number, conflict in enumerate(conflicts):
            self.conflict_layout.addWidget(self._conflict_row(number, conflict))
        self.conflict_layout.addStretch(1)
        self._show_status()

    def _conflict_row(self, number: int, conflict: Conflict) -> QFrame:
        frame = QFrame()
        frame.setObjectName(f"conflict_{number}")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(frame)
        text = QLabel(self.describe(conflict))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(text)
        mine_text, theirs_text = self.choice_texts(conflict)
        mine, theirs = QRadioButton(mine_text), QRadioButton(theirs_text)
        mine.setObjectName(f"keepMine_{number}")
        theirs.setObjectName(f"takeTheirs_{number}")
        group = QButtonGroup(self)
        group.addButton(mine)
        group.addButton(theirs)
        self._groups.append(group)
        answer = self.resolutions.get(conflict.key)
        mine.setChecked(answer == "ours")
        theirs.setChecked(answer == "theirs")
        mine.toggled.connect(lambda on, key=conflict.key: on and self.decide(key, "ours"))
        theirs.toggled.connect(lambda on, key=conflict.key: on and self.decide(key, "theirs"))
        column.addWidget(mine)
        column.addWidget(theirs)
        self.choices[conflict.key] = (mine, theirs)
        return frame

    def describe(self, conflict: Conflict) -> str:
        """The conflict in one sentence in the UI's language, naming the element and the field."""
        element = f"{kind_name(conflict.entity_kind)} {quoted(self._label(conflict), 60)}"
        if conflict.kind == "field":
            return _tr("%1: %2 was changed on both sides.").replace("%1", element).replace(
                "%2", field_name(conflict.field or ""))
        if conflict.kind == "edit_delete":
            if conflict.deleted_by == "theirs":
                return _tr("%1 was changed in this project and deleted in the returned file.").replace("%1", element)
            return _tr("%1 was deleted in this project and changed in the returned file.").replace("%1", element)
        target = self._target_text(conflict)
        if conflict.deleted_by == "ours":
            return _tr("%1: its %2 %3 was deleted in this project; the returned file still uses it.").replace(
                "%1", element).replace("%2", field_name(conflict.field or "")).replace("%3", target)
        return _tr("%1: its %2 %3 was deleted in the returned file; this project still uses it.").replace(
            "%1", element).replace("%2", field_name(conflict.field or "")).replace("%3", target)

    def _label(self, conflict: Conflict) -> str:
        """The element's name; an arrow without a label is named by its ends."""
        if conflict.label and conflict.label != conflict.entity_id:
            return conflict.label
        for document in (self.ours, self.theirs, self.base):
            entity = document.find(conflict.entity_id)
            if isinstance(entity, Relation):
                return f"{self._names.get(entity.source_id, '?')} → {self._names.get(entity.target_id, '?')}"
        return conflict.label

    def _target_text(self, conflict: Conflict) -> str:
        return quoted(self._names.get(conflict.target or "", conflict.target or "?"), 60)

    def choice_texts(self, conflict: Conflict) -> tuple[str, str]:
        """The labels of "keep mine" and "take theirs": what each answer does."""
        if conflict.kind == "field":
            return (_tr("Keep mine: %1").replace("%1", self._value(conflict, conflict.ours)),
                    _tr("Take theirs: %1").replace("%1", self._value(conflict, conflict.theirs)))
        if conflict.kind == "edit_delete":
            keep, delete = _tr("keep it, changed"), _tr("delete it")
            mine, theirs = (keep, delete) if conflict.deleted_by == "theirs" else (delete, keep)
            return _tr("Keep mine: %1").replace("%1", mine), _tr("Take theirs: %1").replace("%1", theirs)
        remove = _tr("remove this %1 too").replace("%1", kind_name(conflict.entity_kind))
        restore = _tr("keep %1").replace("%1", self._target_text(conflict))
        mine, theirs = (remove, restore) if conflict.deleted_by == "ours" else (restore, remove)
        return _tr("Keep mine: %1").replace("%1", mine), _tr("Take theirs: %1").replace("%1", theirs)

    def _value(self, conflict: Conflict, value: Any) -> str:
        return value_label(conflict.entity_kind, conflict.field or "", value, self._names)

    # ------------------------------------------------------------------ the result
    def _show_status(self) -> None:
        plan = self.plan
        if plan.conflicts:
            self.status.setText(_tr("%1 of %2 conflicts still to decide.").replace("%1", str(len(plan.conflicts)))
                                .replace("%2", str(len(self.conflicts))))
        elif plan.entities is not None:
            current = self.ours.snapshot()
            merged = plan.entities
            added = sum(1 for i in merged if i not in current)
            removed = sum(1 for i in current if i not in merged)
            changed = sum(1 for i, e in merged.items() if i in current and current[i] != e)
            self.status.setText(_tr("Merging adds %1, changes %2 and removes %3 elements of this project (one undo step).")
                                .replace("%1", str(added)).replace("%2", str(changed)).replace("%3", str(removed)))
        self.merge_button.setEnabled(plan.ok)
        self.all_mine.setEnabled(bool(self.conflicts))
        self.all_theirs.setEnabled(bool(self.conflicts))

    def _merge(self) -> None:
        if not self.plan.ok:
            return
        self.refusal = self.apply_merge(dict(self.resolutions))
        if self.refusal is None:
            self.accept()
