"""The import dialogs: the summary before applying (added, changed field by field, missing, problems) and the column mapping of a foreign inventory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cxstudio.editing.import_plan import ImportPlan, RawTable
from cxstudio.editing.importing import INVENTORY_TARGETS, guess_mapping, plan_inventory
from cxstudio.editing.tables import cell_text
from cxstudio.model.document import Document

PREVIEW_ROWS = 8
TREE_LIMIT = 2_000  # elements listed per branch of the summary tree (the counts are always complete)


def _short(value: Any, limit: int = 80) -> str:
    text = " ".join(cell_text(value).split()) if value is not None else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ImportSummaryDialog(QDialog):
    """What an import would do, before anything changes: OK applies it as one undo step, Cancel changes nothing."""

    def __init__(self, plan: ImportPlan, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importSummaryDialog")
        self.plan = plan
        self.setWindowTitle(self.tr("Import “%1”").replace("%1", plan.source))
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel(plan.summary(language))
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("importTree")
        self.tree.setHeaderLabels([self.tr("Element or field"), self.tr("Before"), self.tr("After")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.tree, 1)
        self._fill(language)
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(max(self.tree.columnWidth(0), 300), 460))
        self.tree.setColumnWidth(1, 230)
        self.delete_missing = QCheckBox(self.tr("Delete the %n element(s) missing from the sheets", "", len(plan.missing)))
        self.delete_missing.setObjectName("deleteMissing")
        self.delete_missing.setVisible(bool(plan.missing))
        layout.addWidget(self.delete_missing)
        for english, german in plan.notes[:5]:
            note = QLabel(german if language == "de" else english)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Import"))
        ok.setEnabled(plan.ok and (not plan.is_empty or bool(plan.missing)))
        self.delete_missing.toggled.connect(lambda on: ok.setEnabled(plan.ok and (not plan.is_empty or on)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _branch(self, title: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title.replace("%1", str(count))])
        item.setFirstColumnSpanned(True)
        item.setExpanded(count <= 50)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _fill(self, language: str) -> None:
        plan = self.plan
        if plan.problems:
            branch = self._branch(self.tr("Problems (%1): nothing can be imported"), plan.problem_count)
            branch.setExpanded(True)
            for line in plan.problem_lines(language, TREE_LIMIT):
                item = QTreeWidgetItem(branch, [line])
                item.setToolTip(0, line)
        added = self._branch(self.tr("Added (%1)"), len(plan.added))
        for addition in plan.added[:TREE_LIMIT]:
            entity = addition.entity
            name = getattr(entity, "title", None) or getattr(entity, "name", "")
            QTreeWidgetItem(added, [f"{addition.sheet} {addition.row}: {_short(name)}", "", ""])
        changed = self._branch(self.tr("Changed (%1)"), len(plan.changed))
        for change in plan.changed[:TREE_LIMIT]:
            element = QTreeWidgetItem(changed, [f"{change.sheet} {change.row}: {change.name}"])
            element.setExpanded(len(plan.changed) <= 20)
            for field in change.fields:
                item = QTreeWidgetItem(element, [field.column, _short(field.old), _short(field.new)])
                item.setToolTip(1, _short(field.old, 500))
                item.setToolTip(2, _short(field.new, 500))
        missing = self._branch(self.tr("Missing from the sheets, kept unless deleted (%1)"), len(plan.missing))
        for entity in plan.missing[:TREE_LIMIT]:
            QTreeWidgetItem(missing, [_short(getattr(entity, "title", None) or getattr(entity, "name", "") or entity.id)])


class MappingDialog(QDialog):
    """Which column of a foreign touchpoint list is which field: recognised headers preselected, a preview, the
    journey for stage columns, and the problems the current mapping would have (re-checked on every change)."""

    def __init__(self, document: Document, tables: Sequence[RawTable], source: str, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importMappingDialog")
        self.document = document
        self.tables = list(tables)
        self.source = source
        self.language = language
        self.current_plan: ImportPlan | None = None
        self.setWindowTitle(self.tr("Import touchpoints from “%1”").replace("%1", source))
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose which column holds which field. Catalogue touchpoints are matched by name; "
                               "with a stage column every row also becomes a touchpoint card in that stage."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.sheet = QComboBox()
        self.sheet.setObjectName("mappingSheet")
        for table in self.tables:
            self.sheet.addItem(table.sheet)
        self.sheet.setEnabled(len(self.tables) > 1)
        form.addRow(self.tr("Sheet:"), self.sheet)
        self.journey = QComboBox()
        self.journey.setObjectName("mappingJourney")
        for journey in document.journeys():
            self.journey.addItem(journey.name, journey.id)
        form.addRow(self.tr("Journey for stages:"), self.journey)
        layout.addLayout(form)
        self.columns = QTableWidget(0, 2)
        self.columns.setObjectName("mappingColumns")
        self.columns.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Imported as")])
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns.verticalHeader().setVisible(False)
        layout.addWidget(self.columns, 1)
        layout.addWidget(QLabel(self.tr("Preview:")))
        self.preview = QTableWidget(0, 0)
        self.preview.setObjectName("mappingPreview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.preview, 1)
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("mappingProblems")
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(110)
        layout.addWidget(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Next"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.sheet.currentIndexChanged.connect(lambda _i: self._load_sheet())
        self.journey.currentIndexChanged.connect(lambda _i: self.refresh())
        self._load_sheet()

    @property
    def table(self) -> RawTable:
        return self.tables[max(0, self.sheet.currentIndex())]

    def _target_words(self) -> list[tuple[str, str]]:
        return [(key, pair[1 if self.language == "de" else 0]) for key, pair in INVENTORY_TARGETS.items()]

    def _load_sheet(self) -> None:
        table = self.table
        guessed = guess_mapping(table.header)
        self.columns.blockSignals(True)
        self.columns.setRowCount(len(table.header))
        self.combos: list[QComboBox] = []
        for index, cell in enumerate(table.header):
            item = QTableWidgetItem(_short(cell) or f"({table.column_letter(index)})")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.columns.setItem(index, 0, item)
            combo = QComboBox()
            combo.setObjectName(f"mappingTarget{index}")
            for key, word in self._target_words():
                combo.addItem(word, key)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(index, "ignore"))))
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
            self.columns.setCellWidget(index, 1, combo)
            self.combos.append(combo)
        self.columns.blockSignals(False)
        self.refresh()

    def mapping(self) -> dict[int, str]:
        """Column index -> target of the current choices (ignored columns left out)."""
        return {index: combo.currentData() for index, combo in enumerate(self.combos) if combo.currentData() != "ignore"}

    def set_target(self, column: int, target: str) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(target))

    def refresh(self) -> None:
        """Re-plan with the current mapping: the preview and the problems follow every choice."""
        table = self.table
        mapping = self.mapping()
        shown = sorted(mapping)
        words = dict(self._target_words())
        self.preview.clear()
        self.preview.setColumnCount(len(shown))
        self.preview.setHorizontalHeaderLabels([f"{words[mapping[i]]} ← {_short(table.header[i], 30)}" for i in shown])
        rows = table.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        self.preview.setVerticalHeaderLabels([str(number) for number, _cells in rows])
        for row, (_number, cells) in enumerate(rows):
            for column, index in enumerate(shown):
                self.preview.setItem(row, column, QTableWidgetItem(_short(cells[index] if index < len(cells) else "")))
        self.preview.resizeColumnsToContents()
        journey_id = self.journey.currentData()
        self.current_plan = plan_inventory(self.document, table, mapping, self.source, journey_id, self.language)
        plan = self.current_plan
        lines = [plan.summary(self.language), *plan.problem_lines(self.language, 200)]
        self.problems.setPlainText("\n".join(lines))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(plan.ok and not plan.is_empty)


def ask_import(plan: ImportPlan, language: str, parent: QWidget | None,
               run_dialog: Callable[[QDialog], int] | None = None) -> tuple[bool, bool]:
    """Show the summary; (accepted, delete missing). `run_dialog` replaces `exec` in tests."""
    dialog = ImportSummaryDialog(plan, language, parent)
    accepted = (run_dialog or (lambda d: d.exec()))(dialog) == QDialog.DialogCode.Accepted
    delete_missing = dialog.delete_missing.isChecked()
    dialog.deleteLater()
    return accepted, delete_missing
