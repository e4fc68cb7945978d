"""The inspector's form for several selected cards: the fields they share (kind, rating, markers, channel, department, priority), edited for all as one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QWidget

from cxstudio.api import OpenProject
from cxstudio.editing.operations import edit_cards
from cxstudio.model.entities import Card, Channel, Department
from cxstudio.ui import labels
from cxstudio.ui.commands import run_operation

MIXED = object()  # the value of a field the selected cards do not share
COMMON_FIELDS = ("kind", "rating", "moment_of_truth", "pain_point", "channel_id", "department_id", "priority")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Inspector", text)


def common_value(cards: Sequence[Card], name: str) -> Any:
    """The value of `name` all `cards` share, or MIXED."""
    values = {getattr(card, name) for card in cards}
    return next(iter(values)) if len(values) == 1 else MIXED


class MultiCardForm(QWidget):
    """Shows each common field's shared value or "(mixed)"; a change sets it on every selected card (one step)."""

    def __init__(self, project: OpenProject, card_ids: Sequence[str], read_only: bool, tell: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("multiCardForm")
        self._project = project
        self._ids = list(card_ids)
        self._tell = tell
        self._setters: dict[str, Callable[[Any], None]] = {}
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = labels.field_labels()
        document = project.document
        none = [(None, _tr("(none)"))]
        choices: dict[str, list[tuple[Any, str]]] = {
            "kind": list(labels.card_kinds().items()),
            "rating": [(None, _tr("not set")), *((r, str(r)) for r in range(1, 11))],
            "channel_id": none + [(c.id, c.label) for c in sorted(document.all(Channel), key=lambda c: c.order)],
            "department_id": none + [(d.id, d.label) for d in sorted(document.all(Department), key=lambda d: d.order)],
            "priority": list(labels.priorities().items()),
        }
        for name in COMMON_FIELDS:
            editor = self._check(name) if name in ("moment_of_truth", "pain_point") else self._combo(name, choices[name])
            editor.setObjectName(f"multi_{name}")
            editor.setEnabled(not read_only)
            self.editors[name] = editor
            form.addRow(names.get(name, name), editor)
        self.refresh()

    def card_ids(self) -> list[str]:
        return list(self._ids)

    def cards(self) -> list[Card]:
        document = self._project.document
        return [c for c in map(document.find, self._ids) if isinstance(c, Card)]

    def refresh(self) -> None:
        cards = self.cards()
        if not cards:
            return
        for name, setter in self._setters.items():
            setter(common_value(cards, name))

    def _commit(self, name: str, value: Any) -> None:
        cards = self.cards()
        if not cards or all(getattr(card, name) == value for card in cards):
            return
        if run_operation(self._project, self._tell, None, edit_cards, [c.id for c in cards], **{name: value}) is None:
            self.refresh()

    def _combo(self, name: str, items: list[tuple[Any, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        for value, text in items:
            combo.addItem(text, value)

        def chosen(index: int) -> None:
            value = combo.itemData(index)
            if index == combo.count() - 1 and combo.itemText(index) == _tr("(mixed)"):
                return
            self._commit(name, value)

        combo.activated.connect(chosen)

        def show(value: Any) -> None:
            combo.blockSignals(True)
            mixed_at = combo.findText(_tr("(mixed)"))
            if value is MIXED:
                if mixed_at < 0:
                    combo.addItem(_tr("(mixed)"))
                    mixed_at = combo.count() - 1
                combo.setCurrentIndex(mixed_at)
            else:
                if mixed_at >= 0:
                    combo.removeItem(mixed_at)
                combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)

        self._setters[name] = show
        return combo

    def _check(self, name: str) -> QCheckBox:
        box = QCheckBox()
        box.setTristate(True)
        box.setToolTip(_tr("A half-filled box: some of the selected cards have it"))

        def clicked() -> None:
            common = common_value(self.cards(), name)
            self._commit(name, common is not True)  # mixed or unset: all get it; all set: none has it
            self.refresh()

        box.clicked.connect(lambda _checked=False: clicked())

        def show(value: Any) -> None:
            box.blockSignals(True)
            state = Qt.CheckState.PartiallyChecked if value is MIXED else (
                Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            box.setCheckState(state)
            box.blockSignals(False)

        self._setters[name] = show
        return box
