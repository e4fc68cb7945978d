"""The compare view: the differences between the open map and another project file, listed to step through and coloured on the map.

`CompareView` (the widget of the Compare dock) lists every element added, removed or changed, field by
field with old → new values, a card's move between cells and a relation's new ends; Next/Previous (F8,
Shift+F8) select the element on the map, switching the journey when needed. The map shows the colours
through the scene's compare layer (`canvas.compare_overlay`). The comparison follows edits of the map.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxstudio.editing.compare import Comparison, EntityChange, compare, field_word
from cxstudio.model.entities import ENTITY_BY_KIND, Card, Comment, Relation
from cxstudio.ui import labels
from cxstudio.ui.canvas.compare_overlay import COLOURS, Ghost
from cxstudio.ui.commands import ui_language, window_action

if TYPE_CHECKING:
    from cxstudio.api import ChangeSet, ProjectData
    from cxstudio.model.document import Document
    from cxstudio.ui.main_window import MainWindow

REFRESH_DELAY_MS = 150  # the comparison follows edits of the map after this pause
VALUE_LIMIT = 80
ID_ROLE = Qt.ItemDataRole.UserRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompareView", text)


def change_words() -> dict[str, str]:
    return {"added": _tr("added"), "changed": _tr("changed"), "removed": _tr("removed")}


def kind_name(kind: str) -> str:
    return labels.entity_kinds().get(kind, kind)


def field_name(name: str) -> str:
    """A field as the inspector labels it (fields it has no label for: the compare text's word)."""
    return labels.field_labels().get(name) or field_word(name, ui_language())


def quoted(text: str, limit: int = VALUE_LIMIT) -> str:
    single = " ".join(text.split())
    if len(single) > limit:
        single = single[: limit - 1] + "…"
    return _tr("“%1”").replace("%1", single)


def value_label(kind: str, name: str, value: Any, names: dict[str, str]) -> str:
    """A field's value for the user: enumerations and priorities in words, references by name, yes/no, quoted text."""
    if value is None or value == "" or value == ():
        return _tr("(empty)")
    if isinstance(value, bool):
        return _tr("yes") if value else _tr("no")
    if name == "priority" and isinstance(value, int):
        return labels.priorities().get(value, str(value))
    enum = labels.enum_labels(name, kind)
    if isinstance(value, str) and value in enum:
        return enum[value]
    if isinstance(value, str) and name.endswith("_id"):
        return quoted(names.get(value, value))
    if isinstance(value, tuple):
        shown = [names.get(v, v) if isinstance(v, str) else str(v) for v in value[:10]]
        return ", ".join(quoted(v, 40) for v in shown) + (", …" if len(value) > 10 else "")
    if isinstance(value, bytes):
        return _tr("picture (%1 bytes)").replace("%1", str(len(value)))
    if isinstance(value, str):
        return quoted(value)
    return str(value)


def without_internal(changes: list[EntityChange]) -> list[EntityChange]:
    """The changes without those of fields the model marks internal and without internal comments added or removed."""
    kept: list[EntityChange] = []
    for change in changes:
        if change.kind == Comment.KIND and change.change != "changed" and change.values.get(Comment.INTERNAL_FLAG):
            continue
        if change.change == "changed":
            internal = getattr(ENTITY_BY_KIND.get(change.kind), "INTERNAL_FIELDS", frozenset())
            fields = tuple(f for f in change.fields if f.field not in internal)
            if not fields:
                continue
            if len(fields) != len(change.fields):
                change = replace(change, fields=fields)
        kept.append(change)
    return kept


class _WrappingRows(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the column's width (a tree's own word wrap keeps rows one line high)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.header().sectionResized.connect(lambda *_args: tree.doItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = max(self.tree.columnWidth(0) - self.tree.indentation() * depth - 28, 60)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text)
        return QSize(size.width(), max(size.height(), bounds.height() + 6))


def _dot(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)


class CompareView(QWidget):
    """The list of differences with Previous/Next/Swap/End; owns the comparison and the map's colours."""

    ended = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("compareView")
        self.window_ = window
        self.other: ProjectData | None = None
        self.other_name = ""
        self.towards_other = False  # False: from the other file to this map; True: from this map to the other file
        self.comparison: Comparison | None = None
        self.changes: list[EntityChange] = []
        self.index = -1
        self._names: dict[str, str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.heading = QLabel()
        self.heading.setObjectName("compareHeading")
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("compareTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setWordWrap(True)  # long titles and values wrap instead of being cut off
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(_WrappingRows(self.tree))
        self.hide_internal = QCheckBox(_tr("Hide internal notes and comments"))
        self.hide_internal.setObjectName("compareHideInternal")
        self.hide_internal.setToolTip(_tr("A client copy leaves them out: comparing it with the original "
                                          "would list every internal note and comment."))
        self.hide_internal.toggled.connect(lambda _on: self.refresh())
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.previous_button = QPushButton(_tr("◀ Previous"))
        self.previous_button.setObjectName("comparePrevious")
        self.previous_button.setToolTip(_tr("Previous change (Shift+F8)"))
        self.next_button = QPushButton(_tr("Next ▶"))
        self.next_button.setObjectName("compareNext")
        self.next_button.setToolTip(_tr("Next change (F8)"))
        self.swap_button = QPushButton(_tr("Swap"))
        self.swap_button.setObjectName("compareSwap")
        self.swap_button.setToolTip(_tr("Compare the other way round"))
        self.end_button = QPushButton(_tr("End compare"))
        self.end_button.setObjectName("compareEnd")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.swap_button.clicked.connect(self.swap)
        self.end_button.clicked.connect(self.end)
        legend = QLabel(" ".join(
            f'<span style="color:{COLOURS[c].name()}">■</span>&nbsp;{t}' for c, t in change_words().items()))
        legend.setObjectName("compareLegend")
        buttons = QGridLayout()  # two rows: the dock stays narrow enough to sit beside the outline
        buttons.addWidget(self.previous_button, 0, 0)
        buttons.addWidget(self.next_button, 0, 1)
        buttons.addWidget(self.swap_button, 1, 0)
        buttons.addWidget(self.end_button, 1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.heading)
        column.addWidget(self.summary)
        column.addWidget(legend)
        column.addWidget(self.hide_internal)
        column.addLayout(buttons)
        column.addWidget(self.tree, 1)

        self.act_next = window_action(window, "actionNextChange", _tr("Next Change"), lambda: self.step(1), "F8")
        self.act_previous = window_action(window, "actionPreviousChange", _tr("Previous Change"),
                                          lambda: self.step(-1), "Shift+F8")
        window.files.changed.connect(self._on_changed)
        window.projectChanged.connect(self._project_changed)
        self._update_buttons()

    # ------------------------------------------------------------------ the comparison
    @property
    def active(self) -> bool:
        return self.other is not None

    def start(self, other: ProjectData, name: str) -> None:
        """Compare the open map with `other` and show the result, from the older file to the newer one.

        Normally what this map changed since `other`; when this is the original and `other` a client's
        copy of it, what the client changed (as `cxstudio diff THIS OTHER` lists it: their new cards are
        added, drawn as green outlines where they sit). Swap turns it round.
        """
        project = self.window_.project
        returned = other.lineage.is_client_copy and project is not None and not project.lineage.is_client_copy
        self.other, self.other_name, self.towards_other = other, name, returned
        copies = other.lineage.is_client_copy or (project is not None and project.lineage.is_client_copy)
        self.hide_internal.blockSignals(True)
        self.hide_internal.setChecked(copies)  # what a client copy leaves out is no news
        self.hide_internal.blockSignals(False)
        self.refresh()
        self.index = -1

    def _on_changed(self, _change_set: ChangeSet, _origin: str) -> None:
        if self.active:
            self._timer.start()

    def swap(self) -> None:
        """Compare the other way round (what is added becomes removed)."""
        if self.active:
            self.towards_other = not self.towards_other
            self.index = -1
            self.refresh()

    def documents(self) -> tuple[Document, Document] | None:
        """(first, second) of the comparison: the other file's document and the map's, in the chosen order."""
        project = self.window_.project
        if project is None or self.other is None:
            return None
        if self.towards_other:
            return project.document, self.other.document
        return self.other.document, project.document

    def refresh(self) -> None:
        """Compare again (after an edit of the map) and show the list and the colours; keeps the current element."""
        self._timer.stop()
        pair = self.documents()
        if pair is None:
            return
        current = self.changes[self.index].id if 0 <= self.index < len(self.changes) else None
        first, second = pair
        self.comparison = compare(first, second)
        if self.hide_internal.isChecked():
            self.comparison.changes = without_internal(self.comparison.changes)
        self.changes = list(self.comparison.changes)
        self._names = {**{e.id: e.label for e in first.snapshot().values()},
                       **{e.id: e.label for e in second.snapshot().values()}}
        ids = [c.id for c in self.changes]
        self.index = ids.index(current) if current in ids else -1
        self._fill()
        self._paint_map()
        self._update_buttons()

    def end(self) -> None:
        """End compare: the colours go, the list empties, the dock closes."""
        self._timer.stop()
        self.other, self.comparison, self.changes, self.index = None, None, [], -1
        canvas = self.window_.canvas
        if canvas is not None:
            canvas.journey_scene.compare_layer.clear()
        self.tree.clear()
        self.heading.clear()
        self.summary.clear()
        self._update_buttons()
        self.ended.emit()

    def _project_changed(self) -> None:
        if self.active:
            self.end()

    # ------------------------------------------------------------------ the list
    def _fill(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        name = quoted(self.other_name, 60)
        self.heading.setText(_tr("Changes from this project to %1").replace("%1", name) if self.towards_other
                             else _tr("Changes from %1 to this project").replace("%1", name))
        if not comparison:
            self.summary.setText(_tr("No differences."))
        else:
            self.summary.setText(_tr("%1 added, %2 removed, %3 changed.").replace("%1", str(comparison.count("added")))
                                 .replace("%2", str(comparison.count("removed")))
                                 .replace("%3", str(comparison.count("changed"))))
        self.tree.clear()
        words = change_words()
        icons = {change: _dot(colour) for change, colour in COLOURS.items()}
        items = []
        for change in self.changes:
            item = QTreeWidgetItem([f"{kind_name(change.kind)} {quoted(change.label, 60)} — {words[change.change]}"])
            item.setData(0, ID_ROLE, change.id)
            item.setIcon(0, icons[change.change])
            item.setToolTip(0, change.label)
            for text in self.detail_lines(change):
                child = QTreeWidgetItem([text])
                child.setToolTip(0, text)
                item.addChild(child)
            items.append(item)
        self.tree.addTopLevelItems(items)
        if len(items) <= 200:
            self.tree.expandAll()
        if 0 <= self.index < len(items):
            self.tree.setCurrentItem(items[self.index])

    def detail_lines(self, change: EntityChange) -> list[str]:
        """The rows under an element: its move between cells, then each field with old → new."""
        lines: list[str] = []
        comparison = self.comparison
        if comparison is None or change.change != "changed":
            return lines
        names = self._names
        if change.move is not None:
            old = f"{names.get(change.move.old_stage, '?')} / {names.get(change.move.old_lane, '?')}"
            new = f"{names.get(change.move.new_stage, '?')} / {names.get(change.move.new_lane, '?')}"
            lines.append(_tr("Moved: %1 → %2").replace("%1", quoted(old)).replace("%2", quoted(new)))
        for field in comparison.shown_fields(change):
            old_text = value_label(change.kind, field.field, field.old, names)
            new_text = value_label(change.kind, field.field, field.new, names)
            lines.append(f"{field_name(field.field)}: {old_text} → {new_text}")
        return lines

    def row_texts(self) -> list[str]:
        """Every row of the list, elements and their details, top to bottom (for tests and screen readers)."""
        texts: list[str] = []
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            texts.append(item.text(0))
            texts.extend("  " + item.child(row).text(0) for row in range(item.childCount()))
        return texts

    def _update_buttons(self) -> None:
        has = bool(self.changes)
        for widget in (self.previous_button, self.next_button, self.act_next, self.act_previous):
            widget.setEnabled(self.active and has)
        self.swap_button.setEnabled(self.active)
        self.end_button.setEnabled(self.active)

    # ------------------------------------------------------------------ the map
    def _paint_map(self) -> None:
        canvas = self.window_.canvas
        pair = self.documents()
        if canvas is None or pair is None:
            return
        shown = self.window_.project.document if self.window_.project is not None else None
        if shown is None:
            return
        first, second = pair
        elsewhere = second if shown is first else first
        marks: dict[str, str] = {}
        ghosts: list[Ghost] = []
        for change in self.changes:
            if change.id in shown:
                marks[change.id] = change.change
                continue
            entity = elsewhere.find(change.id)
            if isinstance(entity, Card):
                ghosts.append(Ghost(entity.id, change.change, entity.journey_id, entity.title, entity.stage_id,
                                    entity.lane_id))
            elif isinstance(entity, Relation):
                journey = shown.journey_of(entity.source_id) or elsewhere.journey_of(entity.source_id)
                ghosts.append(Ghost(entity.id, change.change, journey, entity.label, source_id=entity.source_id,
                                    target_id=entity.target_id))
        scene = canvas.journey_scene
        scene.compare_layer.set_comparison(marks, ghosts, scene.layout)
        current = self.changes[self.index].id if 0 <= self.index < len(self.changes) else None
        scene.compare_layer.set_current(current)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        top = item.parent() or item
        self.go_to(self.tree.indexOfTopLevelItem(top))

    def step(self, delta: int) -> None:
        """Go to the next (1) or previous (-1) change, round the end of the list."""
        if not self.changes:
            return
        if self.index < 0:
            self.go_to(0 if delta > 0 else len(self.changes) - 1)
        else:
            self.go_to((self.index + delta) % len(self.changes))

    def go_to(self, index: int) -> None:
        """Make change `index` the current one: select its element on the map (its journey shown) and scroll to it."""
        if not 0 <= index < len(self.changes):
            return
        self.index = index
        change = self.changes[index]
        item = self.tree.topLevelItem(index)
        if item is not None and self.tree.currentItem() is not item:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
            self.tree.scrollToItem(item)
        window = self.window_
        project = window.project
        pair = self.documents()
        if project is None or pair is None:
            return
        shown = project.document
        elsewhere = pair[1] if pair[0] is shown else pair[0]
        target = change.id
        holder = shown if target in shown else elsewhere
        entity = holder.find(target)
        if isinstance(entity, Comment) and entity.target_id in shown:
            target, holder = entity.target_id, shown  # a comment is shown by its element
            entity = shown.find(target)
        journey = holder.journey_of(target)
        if isinstance(entity, Relation):
            journey = holder.journey_of(entity.source_id)
        if journey is not None and journey not in shown:
            journey = None
        if target in shown:
            if journey is not None:
                window.selection.select([target], journey)
            else:
                window.selection.select([target])
        elif journey is not None:
            window.selection.select([], journey)
        canvas = window.canvas
        if canvas is None:
            return
        layer = canvas.journey_scene.compare_layer
        layer.set_current(change.id)
        rect = layer.rect_of(change.id)
        if rect is not None:
            canvas.ensureVisible(rect, 60, 60)
        elif target not in canvas.journey_scene.items_by_id:
            window.show_message(_tr("%1 is not on the map; its changes are listed in the compare view.")
                                .replace("%1", f"{kind_name(change.kind)} {quoted(change.label, 60)}"))
