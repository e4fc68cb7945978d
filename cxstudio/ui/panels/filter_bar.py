"""The map's filter bar: card kind, pain points, moments of truth, rating range, channel, department, persona, tag, text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cxstudio.analysis.filters import EMPTY_FILTER, CardFilter
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Channel, Department, Persona
from cxstudio.ui import labels
from cxstudio.ui.line_edits import clear_button_when_typed

ACTIVE_STYLE = "QLabel { background: #fde68a; color: #78350f; border-radius: 3px; padding: 1px 6px; }"


class FilterBar(QWidget):
    """Controls that make a CardFilter; `filterChanged(filter)` after every change, `cleared()` on Clear.

    A highlight set from outside (a finding) is shown as its text instead of the controls' filter
    until the controls change or the filter is cleared.
    """

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        # a narrow window clips the bar rather than growing to fit it
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._filling = False
        rows = QVBoxLayout(self)  # two rows: what a card is, then where it belongs and what it says
        rows.setContentsMargins(6, 2, 6, 2)
        rows.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        second = QHBoxLayout()
        second.setSpacing(6)
        rows.addLayout(row)
        rows.addLayout(second)
        row.addWidget(QLabel(self.tr("Filter:")))
        self.state = QLabel()
        self.state.setObjectName("filterState")
        self.state.hide()  # styled (ACTIVE_STYLE) when first shown: a style sheet costs the start-up ~3 ms on X11
        row.addWidget(self.state)
        self.clear_button = QPushButton(self.tr("Clear filter"))
        self.clear_button.setObjectName("filterClear")
        self.clear_button.setToolTip(self.tr("Show every card undimmed again (Esc on the map)"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        self.kind = self._combo("filterKind", self.tr("Any kind"))
        for value, text in labels.card_kinds().items():
            self.kind.addItem(text, value)
        row.addWidget(self.kind)
        self.pain_point = QCheckBox(self.tr("Pain points"))
        self.pain_point.setObjectName("filterPainPoint")
        self.moment_of_truth = QCheckBox(self.tr("Moments of truth"))
        self.moment_of_truth.setObjectName("filterMomentOfTruth")
        for box in (self.pain_point, self.moment_of_truth):
            box.toggled.connect(self._changed)
            row.addWidget(box)
        row.addWidget(QLabel(self.tr("Rating")))
        self.rating_min = self._spin("filterRatingMin")
        self.rating_max = self._spin("filterRatingMax")
        row.addWidget(self.rating_min)
        row.addWidget(QLabel("–"))
        row.addWidget(self.rating_max)
        row.addStretch(1)
        self.channel = self._combo("filterChannel", self.tr("Any channel"))
        self.department = self._combo("filterDepartment", self.tr("Any department"))
        self.persona = self._combo("filterPersona", self.tr("Any persona"))
        self.tag = self._combo("filterTag", self.tr("Any tag"))
        for combo in (self.channel, self.department, self.persona, self.tag):
            second.addWidget(combo)
        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setPlaceholderText(self.tr("Find text…"))
        clear_button_when_typed(self.text)
        self.text.setMinimumWidth(90)
        self.text.textChanged.connect(self._changed)
        second.addWidget(self.text, 1)
        self._highlight: CardFilter | None = None
        self.show_state(EMPTY_FILTER)

    def _combo(self, name: str, any_text: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.setMaximumWidth(180)
        combo.addItem(any_text, None)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _spin(self, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, 10)
        spin.setSpecialValueText("–")
        spin.setToolTip(self.tr("Ratings 1-10; – for no limit"))
        spin.valueChanged.connect(self._changed)
        return spin

    def set_document(self, document: Document | None) -> None:
        """Offer the project's channels, departments, personas and tags (keeping the choices that still exist)."""
        self._filling = True
        try:
            entities: list[tuple[QComboBox, list[tuple[str, str]]]] = []
            if document is not None:
                tags = sorted({tag for card in document.all(Card) for tag in card.tags}, key=str.casefold)
                entities = [(self.channel, [(c.id, c.name) for c in document.all(Channel)]),
                            (self.department, [(d.id, d.name) for d in document.all(Department)]),
                            (self.persona, [(p.id, p.name) for p in document.all(Persona)]),
                            (self.tag, [(t, t) for t in tags])]
            else:
                entities = [(combo, []) for combo in (self.channel, self.department, self.persona, self.tag)]
            for combo, choices in entities:
                chosen = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for value, text in choices:
                    combo.addItem(text or "–", value)
                combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
        finally:
            self._filling = False

    def controls_filter(self) -> CardFilter:
        """The filter the controls describe."""
        low, high = self.rating_min.value() or None, self.rating_max.value() or None
        if low is not None and high is not None and low > high:
            low, high = high, low
        return CardFilter(
            kinds=frozenset({self.kind.currentData()}) if self.kind.currentData() else frozenset(),
            pain_point=self.pain_point.isChecked(), moment_of_truth=self.moment_of_truth.isChecked(),
            rating_min=low, rating_max=high,
            channel_ids=frozenset({self.channel.currentData()}) if self.channel.currentData() else frozenset(),
            department_ids=frozenset({self.department.currentData()}) if self.department.currentData() else frozenset(),
            persona_id=self.persona.currentData() or None,
            tags=frozenset({self.tag.currentData()}) if self.tag.currentData() else frozenset(),
            text=self.text.text().strip(),
        )

    def current_filter(self) -> CardFilter:
        return self._highlight if self._highlight is not None else self.controls_filter()

    def set_highlight(self, card_filter: CardFilter, text: str) -> None:
        """Show a filter made elsewhere (a finding's elements) under `text`; the controls are reset."""
        self._reset_controls()
        self._highlight = card_filter
        self.show_state(card_filter, text)
        self.filterChanged.emit(card_filter)

    def clear(self) -> None:
        """No filter: every card undimmed."""
        had = self.current_filter().active
        self._reset_controls()
        self._highlight = None
        self.show_state(EMPTY_FILTER)
        if had:
            self.filterChanged.emit(EMPTY_FILTER)

    def _reset_controls(self) -> None:
        self._filling = True
        try:
            for combo in (self.kind, self.channel, self.department, self.persona, self.tag):
                combo.setCurrentIndex(0)
            for box in (self.pain_point, self.moment_of_truth):
                box.setChecked(False)
            for spin in (self.rating_min, self.rating_max):
                spin.setValue(0)
            self.text.clear()
        finally:
            self._filling = False

    def show_state(self, card_filter: CardFilter, text: str = "") -> None:
        active = card_filter.active
        self.state.setText(self.tr("Highlight: %1").replace("%1", text) if text else self.tr("Filter active"))
        self.state.setToolTip(text)
        if active and not self.state.styleSheet():
            self.state.setStyleSheet(ACTIVE_STYLE)
        self.state.setVisible(active)
        self.clear_button.setEnabled(active)

    def _changed(self, *_args: object) -> None:
        if self._filling:
            return
        self._highlight = None
        card_filter = self.controls_filter()
        self.show_state(card_filter)
        self.filterChanged.emit(card_filter)

    def keyPressEvent(self, event: object) -> None:  # Esc in any control clears the filter
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
