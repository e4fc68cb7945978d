"""The inspector panel: a form with every field of the selected element, editing it through the editing core."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.editing.operations import edit_element
from cxstudio.model.entities import (
    Card,
    Channel,
    Department,
    Entity,
    Insight,
    Journey,
    Metric,
    MetricScope,
    Persona,
    Stage,
    Touchpoint,
)
from cxstudio.model.events import Added, Removed
from cxstudio.ui import labels
from cxstudio.ui.commands import run_operation
from cxstudio.ui.panels.comments import CommentsSection

if TYPE_CHECKING:
    from cxstudio.ui.panels.multi_inspector import MultiCardForm
    from cxstudio.ui.workspace.dates import DateEdit

# Fields the inspector never shows: identity, placement (changed by dragging) and binary data.
HIDDEN_FIELDS = frozenset({"id", "order", "journey_id", "stage_id", "lane_id", "picture"})
READ_ONLY_FIELDS = frozenset({"created", "source_id", "target_id"})  # comment targets, relation ends
DATE_FIELDS = frozenset({"due", "date"})  # picked in the calendar or typed in the UI's date format (or ISO)
MULTILINE_FIELDS = frozenset({
    "text", "description", "internal_note", "expectation", "expectations", "scenario", "goals", "needs",
    "frustrations", "behaviour", "evidence", "quote",
})
# Optional whole numbers: field -> (lowest, highest); the value below `lowest` shows as "not set".
OPTIONAL_NUMBERS: dict[str, tuple[int, int]] = {"rating": (1, 10), "age": (0, 130), "online_affinity": (1, 5)}
PRIORITY_FIELDS = frozenset({"priority"})
SLOW_COMMIT_SECONDS = 0.04
TYPING_PAUSE_MS = 250
REF_KINDS: dict[str, type[Entity]] = {
    "channel_id": Channel, "department_id": Department, "touchpoint_id": Touchpoint, "persona_id": Persona,
    "metric_id": Metric,
}
MANY_REF_KINDS: dict[str, type[Entity]] = {
    "preferred_channel_ids": Channel, "insight_ids": Insight, "touchpoint_ids": Touchpoint, "card_ids": Card,
}


class _UndoPassThrough(QObject):
    """Lets Undo/Redo shortcuts reach the window's actions instead of a text field's own undo.

    It also tells the inspector when a text field loses the focus, so typing held back on a
    large project is committed then.
    """

    def __init__(self, on_focus_out: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._on_focus_out()
            return False
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            combo = event.keyCombination().toCombined()
            for standard in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo):
                if any(seq.matches(QKeySequence(combo)) == QKeySequence.SequenceMatch.ExactMatch
                       for seq in QKeySequence.keyBindings(standard)):
                    return True
            if combo == QKeySequence("Ctrl+Y")[0].toCombined():
                return True
        return False


class InspectorPanel(QWidget):
    """Shows one element's fields; each change is one operation (typing in one field merges into one undo step)."""

    message = Signal(str)
    shownChanged = Signal()  # it shows another element, several, or nothing (the status bar names it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self._project: OpenProject | None = None
        self._entity_id: str | None = None
        self.multi: MultiCardForm | None = None  # the common fields of several selected cards
        self._selected_count = 0
        self._read_only = False
        self._setters: dict[str, Callable[[Any], None]] = {}
        self._editors: dict[str, QWidget] = {}
        self._undo_filter = _UndoPassThrough(self.flush, self)
        # Typing is committed at every keystroke while commits are quick; once one takes longer than
        # SLOW_COMMIT_SECONDS (a big map re-laid out per keystroke), keystrokes are held back and
        # committed after a pause, on leaving the field, or before any command (see flush).
        self.slow_commit_seconds = SLOW_COMMIT_SECONDS
        self._slow = False
        self._pending: dict[str, Any] = {}
        self._pending_entity: str | None = None
        self._pending_timer = QTimer(self)
        self._pending_timer.setSingleShot(True)
        self._pending_timer.setInterval(TYPING_PAUSE_MS)
        self._pending_timer.timeout.connect(self.flush)
        self._heading = QLabel()
        self._heading.setObjectName("inspectorHeading")
        self._heading.setWordWrap(True)
        font = self._heading.font()
        font.setBold(True)
        self._heading.setFont(font)
        self._form_host = QWidget()
        host_column = QVBoxLayout(self._form_host)
        host_column.setContentsMargins(0, 0, 0, 0)
        self._form = QFormLayout()
        host_column.addLayout(self._form)
        self.comments = CommentsSection()
        self.comments.message.connect(self.message)
        self.comments.hide()
        host_column.addWidget(self.comments)
        host_column.addStretch(1)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = self._scroll = QScrollArea()
        scroll.setWidgetResizable(False)  # sized by _fit_scroll_area: Qt's own fit squeezes long forms
        scroll.setWidget(self._form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().installEventFilter(self)
        self._form_host.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._heading)
        layout.addWidget(scroll, 1)
        self._show_nothing(0)

    # ------------------------------------------------------------------ public
    def set_project(self, project: OpenProject | None, read_only: bool = False) -> None:
        self.flush()
        self._slow = False
        self._project = project
        self._read_only = read_only
        self.show_element(None)

    def entity_id(self) -> str | None:
        return self._entity_id

    def editor(self, field_name: str) -> QWidget | None:
        """The editor widget of a field of the shown element (for keyboard focus and tests)."""
        return self._editors.get(field_name)

    def show_element(self, entity_id: str | None, selected_count: int = 1) -> None:
        """Show `entity_id`'s fields, or a hint when nothing or several elements are selected."""
        self.flush()
        project = self._project
        self._selected_count = selected_count
        if project is None or entity_id is None or entity_id not in project.document:
            self._entity_id = None
            self._show_nothing(selected_count if entity_id is None else 0)
            self.shownChanged.emit()
            return
        if entity_id == self._entity_id and self.multi is None:
            self.refresh()
        else:
            self._entity_id = entity_id
            self._build(project.document.get(entity_id))
        self.shownChanged.emit()

    def show_many(self, ids: list[str]) -> None:
        """Several elements selected: the fields cards share when all are cards, else how many there are."""
        self.flush()
        project = self._project
        cards = [i for i in ids if isinstance(project.document.find(i), Card)] if project is not None else []
        if project is None or len(cards) < 2 or len(cards) != len(ids):
            self.show_element(None, len(ids))
            return
        if self.multi is None or self.multi.card_ids() != cards:
            self._entity_id, self._selected_count = None, len(cards)
            self._show_nothing(len(cards))
            self._heading.setText(self.tr("%n cards selected", "", len(cards)))
            from cxstudio.ui.panels.multi_inspector import MultiCardForm  # with the first multi-selection

            self.multi = MultiCardForm(project, cards, self._read_only, self.message.emit)
            self._form.addRow(self.multi)
            self._fit_scroll_area()
        self.shownChanged.emit()

    def status_text(self) -> str:
        """What the inspector shows, for the status bar: an element's kind and name, or how many are selected."""
        if self._project is None:
            return ""
        if self._entity_id is not None or self.multi is not None:
            return self._heading.text()
        if self._selected_count > 1:
            return self.tr("%n elements selected", "", self._selected_count)
        return self.tr("Nothing selected")

    def on_changed(self, change_set: ChangeSet) -> None:
        """Refresh after a committed change set (edits, undo, redo) that touched the shown element."""
        if self.multi is not None:
            self.multi.refresh()
        if self._entity_id is None or self._project is None:
            return
        document = self._project.document
        if self._entity_id not in document:
            if any(isinstance(e, Removed) and e.entity.id == self._entity_id for e in change_set.events):
                self.show_element(None, 0)
            return
        entity = document.get(self._entity_id)
        self.comments.on_changed(change_set)
        if any(isinstance(e, (Added, Removed)) and e.entity.KIND in self._choice_kinds(entity)
               for e in change_set.events):
            self._build(entity)  # a list of choices (channels, personas, ...) changed
        else:
            self.refresh()

    @staticmethod
    def _choice_kinds(entity: Entity) -> set[str]:
        """The kinds of element that appear as choices in this element's form."""
        names = set(entity.field_names())
        kinds = {kind.KIND for name, kind in {**REF_KINDS, **MANY_REF_KINDS}.items() if name in names}
        if "scope_id" in names:
            kinds |= {"journey", "stage", "touchpoint"}
        return kinds

    def refresh(self) -> None:
        """Put the element's current values into the editors without disturbing the one being typed in."""
        if self._project is None or self._entity_id is None or self._entity_id not in self._project.document:
            return
        entity = self._project.document.get(self._entity_id)
        self._heading.setText(self._heading_text(entity))
        for name, setter in self._setters.items():
            if name not in self._pending:  # typing held back for this field: keep what the user sees
                setter(getattr(entity, name))

    # ------------------------------------------------------------------ building
    def _clear_form(self) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.multi = None
        self._setters.clear()
        self._editors.clear()

    def _show_nothing(self, selected_count: int) -> None:
        self._clear_form()
        self.comments.set_target(None, None)
        if selected_count > 1:
            self._heading.setText(self.tr("%n elements selected", "", selected_count))
        else:
            self._heading.setText(self.tr("Nothing selected"))
        self._fit_scroll_area()

    def _heading_text(self, entity: Entity) -> str:
        kind = labels.entity_kinds().get(entity.KIND, entity.KIND)
        label = entity.label if entity.label != entity.id else ""
        return f"{kind}: {label}" if label else kind

    def _build(self, entity: Entity) -> None:
        self._clear_form()
        self._heading.setText(self._heading_text(entity))
        names = labels.field_labels()
        for field in entity.FIELDS:
            if field.name in HIDDEN_FIELDS:
                continue
            editor = self._make_editor(entity, field.name, str(field.type))
            if editor is None:
                continue
            editor.setObjectName(f"field_{field.name}")
            editor.setEnabled(not self._read_only or field.name in READ_ONLY_FIELDS)
            self._editors[field.name] = editor
            self._form.addRow(names.get(field.name, field.name.replace("_", " ")), editor)
        self.comments.set_target(self._project, entity.id, self._read_only)
        self.refresh()
        self._fit_scroll_area()

    def _fit_scroll_area(self) -> None:
        """Give the form the viewport's width and at least its own minimum height (the scroll bar shows the rest)."""
        layout = self._form_host.layout()
        viewport = self._scroll.viewport()
        height = max(layout.minimumSize().height(), viewport.height())
        self._form_host.resize(viewport.width(), height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._scroll.viewport() and event.type() == QEvent.Type.Resize) or (
                watched is self._form_host and event.type() == QEvent.Type.LayoutRequest):
            self._fit_scroll_area()  # resized, a scroll bar came or went, or new rows became visible
        return False

    def _make_editor(self, entity: Entity, name: str, annotation: str) -> QWidget | None:
        if name in READ_ONLY_FIELDS:
            return self._read_only_label(name)
        enum_type = entity.ENUMS.get(name)
        if enum_type is not None:
            return self._enum_editor(entity, name, optional="None" in annotation)
        if name == "language" and entity.KIND == "project":
            language_editor = self._choice_editor(name, list(labels.languages().items()))
            language_editor.setToolTip(labels.map_language_hint())  # the map's words follow the project (issue 14)
            return language_editor
        if name in PRIORITY_FIELDS:
            return self._choice_editor(name, list(labels.priorities().items()))
        if name in REF_KINDS:
            return self._ref_editor(name, REF_KINDS[name])
        if name == "scope_id":
            return self._scope_editor()
        if name in MANY_REF_KINDS:
            return self._many_ref_editor(name, MANY_REF_KINDS[name])
        if annotation.startswith("bool"):
            return self._bool_editor(name)
        if name in OPTIONAL_NUMBERS:
            return self._number_editor(name, *OPTIONAL_NUMBERS[name])
        if name in DATE_FIELDS:
            return self._date_editor(name)
        if annotation.startswith("float"):
            return self._float_editor(name)
        if annotation.startswith("tuple"):
            return self._tags_editor(name)
        if name == "colour":
            return self._colour_editor(name)
        if annotation.startswith("str"):
            if name in MULTILINE_FIELDS:
                return self._multiline_editor(name)
            return self._line_editor(name, live=name != "email")
        return None

    # ------------------------------------------------------------------ committing
    def _commit(self, name: str, value: Any, **more: Any) -> None:
        project = self._project
        if project is None or self._entity_id is None or self._read_only:
            return
        current = project.document.find(self._entity_id)
        if current is None:
            return
        changes = {name: value, **more}
        if all(getattr(current, key) == val for key, val in changes.items()):
            return
        started = time.perf_counter()
        if run_operation(project, self.message.emit, None, edit_element, self._entity_id, **changes) is None:
            self.refresh()  # refused: show the values the element kept
        self._slow = time.perf_counter() - started > self.slow_commit_seconds

    def _commit_typing(self, name: str, value: str) -> None:
        """Commit a keystroke now, or hold it back briefly when commits have become slow."""
        if not self._slow:
            self._commit(name, value)
            return
        self._pending[name] = value
        self._pending_entity = self._entity_id
        self._pending_timer.start()

    def has_pending_typing(self) -> bool:
        return bool(self._pending)

    def flush(self) -> None:
        """Commit typing held back (call before any command, so undo, save and moves see it)."""
        self._pending_timer.stop()
        if not self._pending:
            return
        pending, entity_id = dict(self._pending), self._pending_entity
        self._pending.clear()
        if entity_id is None or entity_id != self._entity_id:
            return
        for name, value in pending.items():
            self._commit(name, value)

    def _required(self, name: str) -> bool:
        entity = self._project.document.find(self._entity_id) if self._project and self._entity_id else None
        return entity is not None and name in entity.NAME_FIELDS

    # ------------------------------------------------------------------ editors
    def _read_only_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        def show(value: Any) -> None:
            if name in ("source_id", "target_id") and self._project is not None:
                target = self._project.document.find(value)
                label.setText(target.label if target is not None else "")
            else:
                from cxstudio.ui.workspace.dates import show_date  # Qt's date widgets: after the first paint

                label.setText(show_date(value) if name == "created" else str(value or ""))

        self._setters[name] = show
        return label

    def _text_field(self, placeholder: str = "") -> QLineEdit:
        """A line edit whose undo and redo keys reach the project's history rather than the field's own."""
        editor = QLineEdit()
        editor.installEventFilter(self._undo_filter)
        editor.setPlaceholderText(placeholder)
        return editor

    def _line_editor(self, name: str, live: bool) -> QLineEdit:
        editor = self._text_field()
        if live:
            def typed(text: str) -> None:
                if not text.strip() and self._required(name):
                    return  # a required name is being retyped: wait for the first character
                self._commit_typing(name, text)

            editor.textEdited.connect(typed)
            editor.editingFinished.connect(lambda: self.refresh() if not editor.text().strip() else None)
        else:
            editor.editingFinished.connect(lambda: self._commit(name, editor.text().strip()))

        def show(value: Any) -> None:
            if editor.text() != (value or ""):
                editor.setText(value or "")
                if not editor.hasFocus():
                    editor.setCursorPosition(0)

        self._setters[name] = show
        return editor

    def _multiline_editor(self, name: str) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setUndoRedoEnabled(False)
        editor.installEventFilter(self._undo_filter)
        editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 5 + 12)
        updating = [False]

        def typed() -> None:
            if not updating[0]:
                self._commit_typing(name, editor.toPlainText())

        editor.textChanged.connect(typed)

        def show(value: Any) -> None:
            if editor.toPlainText() != (value or ""):
                updating[0] = True
                try:
                    editor.setPlainText(value or "")
                finally:
                    updating[0] = False

        self._setters[name] = show
        return editor

    @staticmethod
    def _narrow_combo() -> QComboBox:
        """A combo box that does not widen the panel to its longest entry."""
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _combo(self, name: str, items: list[tuple[Any, str]]) -> QComboBox:
        combo = self._narrow_combo()
        for value, text in items:
            combo.addItem(text, value)
        combo.activated.connect(lambda index: self._commit(name, combo.itemData(index)))

        def show(value: Any) -> None:
            index = combo.findData(value)
            if index < 0 and value is not None:
                combo.addItem(str(value), value)
                index = combo.count() - 1
            combo.blockSignals(True)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

        self._setters[name] = show
        return combo

    def _enum_editor(self, entity: Entity, name: str, optional: bool) -> QComboBox:
        enum_type = entity.ENUMS[name]
        names = labels.enum_labels(name, entity.KIND)
        items: list[tuple[Any, str]] = [(None, self.tr("(none)"))] if optional else []
        items += [(member.value, names.get(member.value, member.value)) for member in enum_type]
        if name == "scope":
            return self._scope_kind_editor(items)
        return self._combo(name, items)

    def _choice_editor(self, name: str, items: list[tuple[Any, str]]) -> QComboBox:
        return self._combo(name, items)

    def _ref_candidates(self, kind: type[Entity]) -> list[tuple[Any, str]]:
        if self._project is None:
            return []
        document = self._project.document
        entities = document.all(kind)
        if kind is Card:
            journeys = {j.id: j.name for j in document.journeys()}
            kinds = labels.card_kinds()
            return [(c.id, f"{c.title or kinds.get(c.kind, c.kind)} — {journeys.get(c.journey_id, '')}")
                    for c in entities]
        entities.sort(key=lambda e: (getattr(e, "order", 0), e.label))
        return [(e.id, e.label) for e in entities]

    def _ref_editor(self, name: str, kind: type[Entity]) -> QComboBox:
        return self._combo(name, [(None, self.tr("(none)")), *self._ref_candidates(kind)])

    def _scope_kind_editor(self, items: list[tuple[Any, str]]) -> QComboBox:
        """The metric's scope: changing it also picks a fitting scope element (or none for the project)."""
        combo = self._narrow_combo()
        for value, text in items:
            combo.addItem(text, value)

        def chosen(index: int) -> None:
            scope = combo.itemData(index)
            if scope == MetricScope.PROJECT.value:
                self._commit("scope", scope, scope_id=None)
                return
            kinds = {"journey": Journey, "stage": Stage, "touchpoint": Touchpoint}
            candidates = self._ref_candidates(kinds[scope])
            if not candidates:
                self.message.emit(self.tr("There is no element of that kind to measure yet."))
                self.refresh()
                return
            self._commit("scope", scope, scope_id=candidates[0][0])

        combo.activated.connect(chosen)

        def show(value: Any) -> None:
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)

        self._setters["scope"] = show
        return combo

    def _scope_editor(self) -> QComboBox:
        combo = self._narrow_combo()
        combo.activated.connect(lambda index: self._commit("scope_id", combo.itemData(index)))

        def show(value: Any) -> None:
            combo.blockSignals(True)
            combo.clear()
            metric = self._project.document.find(self._entity_id) if self._project and self._entity_id else None
            kinds = {"journey": Journey, "stage": Stage, "touchpoint": Touchpoint}
            if isinstance(metric, Metric) and metric.scope in kinds:
                for entity_id, text in self._ref_candidates(kinds[metric.scope]):
                    combo.addItem(text, entity_id)
            combo.setEnabled(combo.count() > 0 and not self._read_only)
            combo.setCurrentIndex(max(combo.findData(value), 0) if combo.count() else -1)
            combo.blockSignals(False)

        self._setters["scope_id"] = show
        return combo

    def _many_ref_editor(self, name: str, kind: type[Entity]) -> QListWidget:
        widget = QListWidget()
        widget.setFixedHeight(widget.fontMetrics().lineSpacing() * 6 + 12)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        entity = self._project.document.find(self._entity_id) if self._project and self._entity_id else None
        linked = set(getattr(entity, name, ()) or ())
        candidates = self._ref_candidates(kind)
        candidates.sort(key=lambda candidate: candidate[0] not in linked)  # the linked ones first
        for entity_id, text in candidates:
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, entity_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)

        def toggled(_item: QListWidgetItem) -> None:
            chosen = tuple(
                widget.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(widget.count())
                if widget.item(row).checkState() == Qt.CheckState.Checked
            )
            self._commit(name, chosen)

        widget.itemChanged.connect(toggled)

        def show(value: Any) -> None:
            chosen = set(value or ())
            widget.blockSignals(True)
            for row in range(widget.count()):
                item = widget.item(row)
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            widget.blockSignals(False)

        self._setters[name] = show
        return widget

    def _bool_editor(self, name: str) -> QCheckBox:
        box = QCheckBox()
        box.toggled.connect(lambda checked: self._commit(name, bool(checked)))

        def show(value: Any) -> None:
            box.blockSignals(True)
            box.setChecked(bool(value))
            box.blockSignals(False)

        self._setters[name] = show
        return box

    def _number_editor(self, name: str, lowest: int, highest: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(lowest - 1, highest)
        spin.setSpecialValueText(self.tr("not set"))
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(lambda value: self._commit(name, None if value < lowest else int(value)))

        def show(value: Any) -> None:
            spin.blockSignals(True)
            spin.setValue(lowest - 1 if value is None else int(value))
            spin.blockSignals(False)

        self._setters[name] = show
        return spin

    def _date_editor(self, name: str) -> DateEdit:
        from cxstudio.ui.workspace.dates import DateEdit

        editor = DateEdit(self.tr("not set"))
        editor.setKeyboardTracking(False)  # typed dates count when complete (Return, leaving the field)
        editor.dateChanged.connect(lambda _date: self._commit(name, editor.iso()))
        self._setters[name] = editor.show_quietly
        return editor

    def _float_editor(self, name: str) -> QLineEdit:
        editor = self._text_field(self.tr("not set"))

        def finished() -> None:
            text = editor.text().strip()
            if not text:
                self._commit(name, None)
                return
            value, ok = QLocale().toDouble(text)
            if not ok:
                try:
                    value, ok = float(text.replace(",", ".")), True
                except ValueError:
                    ok = False
            if not ok:
                self.message.emit(self.tr("“%1” is not a number.").replace("%1", text))
                self.refresh()
                return
            self._commit(name, value)

        editor.editingFinished.connect(finished)

        def show(value: Any) -> None:
            text = "" if value is None else QLocale().toString(float(value), "g", 12)
            if not editor.hasFocus() or editor.text() != text:
                editor.setText(text)

        self._setters[name] = show
        return editor

    def _tags_editor(self, name: str) -> QLineEdit:
        editor = self._text_field(self.tr("comma-separated"))

        def finished() -> None:
            tags = tuple(dict.fromkeys(t.strip() for t in editor.text().split(",") if t.strip()))
            self._commit(name, tags)

        editor.editingFinished.connect(finished)
        self._setters[name] = lambda value: editor.setText(", ".join(value or ()))
        return editor

    def _colour_editor(self, name: str) -> QWidget:
        host = QWidget()
        row = QHBoxLayout(host)
        row.setContentsMargins(0, 0, 0, 0)
        editor = self._text_field("#rrggbb")
        swatch = QPushButton(self.tr("Choose…"))
        row.addWidget(editor, 1)
        row.addWidget(swatch)
        editor.editingFinished.connect(lambda: self._commit(name, editor.text().strip()))

        def choose() -> None:
            start = QColor(editor.text()) if QColor.isValidColorName(editor.text()) else QColor("#ffffff")
            colour = QColorDialog.getColor(start, self, self.tr("Card colour"))
            if colour.isValid():
                self._commit(name, colour.name())

        swatch.clicked.connect(choose)

        def show(value: Any) -> None:
            editor.setText(value or "")
            if value and QColor.isValidColorName(value):
                swatch.setStyleSheet(f"background-color: {value};")
            else:
                swatch.setStyleSheet("")

        self._setters[name] = show
        host.setFocusProxy(editor)
        return host
