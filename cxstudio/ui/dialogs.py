"""The editor's dialogs: template chooser, recovery prompt, unsaved-changes question, messages (preferences: preferences.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from cxstudio.ui.files import RecoveryEntry


def ask_unsaved_changes(parent: QWidget | None, project_name: str) -> str:
    """Ask what to do with unsaved changes: 'save', 'discard' or 'cancel'."""
    box = QMessageBox(parent)
    box.setObjectName("unsavedChangesQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Dialogs", "Unsaved changes"))
    box.setText(QCoreApplication.translate("Dialogs", "Do you want to save the changes to “%1”?").replace("%1", project_name))
    box.setInformativeText(QCoreApplication.translate("Dialogs", "Your changes will be lost if you don't save them."))
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def show_problem(parent: QWidget | None, title: str, text: str) -> None:
    """One clear sentence about something that went wrong, in a warning dialog."""
    box = QMessageBox(parent)
    box.setObjectName("problemMessage")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def _wrap_entries(listing: QListWidget) -> None:
    """Long entries wrap onto several lines instead of running off to the right."""
    listing.setWordWrap(True)
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    listing.setResizeMode(QListWidget.ResizeMode.Adjust)
    listing.setSpacing(3)


class TemplateChooser(QDialog):
    """Choose how a new project starts: empty, or from a bundled template or example in the UI language."""

    def __init__(self, templates: Sequence[Any], language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateChooser")
        self.setWindowTitle(self.tr("New project"))
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        empty = QListWidgetItem(self.tr("Empty project"))
        empty.setData(Qt.ItemDataRole.UserRole, None)
        empty.setToolTip(self.tr("Only the project and the standard channels; add journeys yourself."))
        self.list.addItem(empty)
        _wrap_entries(self.list)
        kinds = {"template": self.tr("Template"), "example": self.tr("Example")}
        shown = [t for t in templates if t.language == language] or list(templates)
        for info in shown:
            kind = kinds.get(info.kind, info.kind)
            text = info.description if info.description.startswith(kind) else f"{kind}: {info.description}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (info.name, info.language))
            item.setToolTip(info.name)
            self.list.addItem(item)
        self.list.setCurrentRow(1 if self.list.count() > 1 else 0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Start the new project from:")))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 340)

    def choice(self) -> tuple[str, str] | None:
        """(template name, language) or None for an empty project."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


class RecoveryDialog(QDialog):
    """After a crash: recover or discard each piece of unsaved work, or decide later."""

    def __init__(self, entries: Sequence[RecoveryEntry], recover: Callable[[RecoveryEntry], bool],
                 discard: Callable[[RecoveryEntry], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self._recover = recover
        self._discard = discard
        self.list = QListWidget()
        self.list.setObjectName("recoveryList")
        _wrap_entries(self.list)
        for entry in entries:
            where = entry.original_path or self.tr("never saved")
            item = QListWidgetItem(self.tr("%1 — last edited %2 (%3)")
                                   .replace("%1", entry.project_name).replace("%2", entry.last_edit)
                                   .replace("%3", where))
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.recover_button = QPushButton(self.tr("Recover"))
        self.recover_button.setObjectName("recoverButton")
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setObjectName("discardButton")
        later = QPushButton(self.tr("Decide later"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.recover_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(later, QDialogButtonBox.ButtonRole.RejectRole)
        self.recover_button.clicked.connect(self._recover_current)
        self.discard_button.clicked.connect(self._discard_current)
        later.clicked.connect(self.reject)
        intro = QLabel(self.tr("CX Studio was not closed properly. This unsaved work can be recovered:"))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 300)

    def _current(self) -> tuple[int, RecoveryEntry] | None:
        row = self.list.currentRow()
        if row < 0:
            return None
        return row, self.list.item(row).data(Qt.ItemDataRole.UserRole)

    def _recover_current(self) -> None:
        current = self._current()
        if current is not None and self._recover(current[1]):
            self.accept()  # one project is open in this window now

    def _discard_current(self) -> None:
        current = self._current()
        if current is None:
            return
        self._discard(current[1])
        self.list.takeItem(current[0])
        if self.list.count() == 0:
            self.accept()
