"""The analytics panel: the findings of `cxstudio.analysis` grouped with counts; choosing one shows its elements on the map."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cxstudio.analysis import Analysis, Finding
from cxstudio.analysis.words import group_title
from cxstudio.model.document import Document

FINDING_ROLE = Qt.ItemDataRole.UserRole  # a finding's item: its index in the analysis; an element's: its id
ELEMENT_ROLE = Qt.ItemDataRole.UserRole + 1


class AnalyticsPanel(QWidget):
    """A tree: groups (with how many findings), findings (with how many elements), and each finding's elements.

    `findingChosen(finding)` when a finding is clicked or chosen with the keyboard, `elementChosen(id)`
    for one element under it.
    """

    findingChosen = Signal(object)
    elementChosen = Signal(str)

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analytics")
        self.language = language
        self._findings: list[Finding] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel()
        self.summary.setObjectName("analyticsSummary")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setObjectName("analyticsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)  # the text, and how many findings or elements
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.itemClicked.connect(self._chosen)
        self.tree.itemActivated.connect(self._chosen)
        column.addWidget(self.tree, 1)
        self.show_analysis(None, None)

    def show_analysis(self, analysis: Analysis | None, document: Document | None) -> None:
        """Fill the tree with `analysis` (None: no project), keeping which groups were expanded."""
        expanded = {self.tree.topLevelItem(i).data(0, FINDING_ROLE) for i in range(self.tree.topLevelItemCount())
                    if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        self._findings = []
        if analysis is None or document is None:
            self.summary.setText(self.tr("No project is open."))
            return
        total = len(analysis.findings)
        self.summary.setText(self.tr("%n finding(s)", "", total) if total else self.tr("Nothing stands out."))
        for group, findings in analysis.groups():
            top = QTreeWidgetItem([group_title(group, self.language), str(len(findings))])
            top.setData(0, FINDING_ROLE, group)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFont(1, font)
            self.tree.addTopLevelItem(top)
            for finding in findings:
                self._findings.append(finding)
                item = QTreeWidgetItem([finding.text(self.language), str(finding.count)])
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                item.setToolTip(0, finding.text(self.language))
                item.setData(0, FINDING_ROLE, len(self._findings) - 1)
                top.addChild(item)
                for element_id in finding.element_ids[:200]:
                    entity = document.find(element_id)
                    child = QTreeWidgetItem([entity.label if entity is not None and entity.label else element_id])
                    child.setData(0, ELEMENT_ROLE, element_id)
                    item.addChild(child)
            top.setExpanded(not expanded or group in expanded)

    def finding_items(self) -> list[QTreeWidgetItem]:
        """The items of the findings, in order (for tests and keyboard users)."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            found.extend(top.child(j) for j in range(top.childCount()))
        return found

    def finding_of(self, item: QTreeWidgetItem) -> Finding | None:
        index = item.data(0, FINDING_ROLE)
        return self._findings[index] if isinstance(index, int) and 0 <= index < len(self._findings) else None

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        element_id = item.data(0, ELEMENT_ROLE)
        if isinstance(element_id, str):
            self.elementChosen.emit(element_id)
            return
        finding = self.finding_of(item)
        if finding is not None:
            self.findingChosen.emit(finding)
