"""Uncaught exceptions in the editor: the traceback goes to the log, the user sees a plain dialog in their language."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from cxstudio import logs

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def details_text(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    """What "Copy details" puts on the clipboard: version, system and the traceback (never shown in the dialog)."""
    import platform

    from cxstudio import __version__

    lines = [f"CX Studio {__version__}, Python {platform.python_version()}, {platform.platform(terse=True)}", ""]
    lines += traceback.format_exception(kind, error, trace)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class CrashDialog(QDialog):
    """Something went wrong inside the editor: what happened, that the work is safe, where the log is, copy details."""

    def __init__(self, details: str, log_path: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("CX Studio ran into a problem"))
        self.details = details
        what = QLabel(self.tr("An unexpected error occurred inside CX Studio, and the last action may not have "
                              "been completed."))
        safe = QLabel(self.tr("Your work is kept: every change is already in the working copy. If CX Studio "
                              "closes, it offers this work for recovery at the next start. Saving the project now "
                              "is a good idea."))
        where = QLabel(self.tr("The details are in the log file %1.").replace("%1", log_path) if log_path
                       else self.tr("The log file could not be written."))
        for label in (what, safe, where):
            label.setWordWrap(True)
        where.setObjectName("crashLogPath")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetailsButton")
        self.copy_button.setToolTip(self.tr("Copy the technical details for a bug report"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for label in (what, safe, where):
            layout.addWidget(label)
        layout.addWidget(buttons)
        self.resize(520, 220)

    def copy_details(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details)
        self.copy_button.setText(self.tr("Copied"))


class CrashHandler:
    """sys.excepthook for the editor (Qt slots and event handlers raise through it too): log, then tell once at a time.

    The handler never touches the project: every committed edit is already in the working copy, which
    stays recoverable whether the user saves, quits or the process dies afterwards.
    """

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None) -> None:
        self._parent = parent
        self._previous: ExceptHook | None = None
        self.showing = False
        self.dialogs_shown = 0

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self  # type: ignore[assignment]

    def uninstall(self) -> None:
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous  # type: ignore[assignment]

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        logs.logger("crash").error("Uncaught exception in the editor", exc_info=(kind, error, trace))
        if self.showing or QApplication.instance() is None:
            return  # one dialog at a time: an error while it shows (a repaint, say) is only logged
        self.showing = True
        try:
            dialog = CrashDialog(details_text(kind, error, trace), str(logs.log_file()) if logs.logging_to_file()
                                 else None, self._parent())
            self.dialogs_shown += 1
            dialog.exec()
            dialog.deleteLater()
        except Exception:  # the dialog itself failed: the log has the original error
            logs.logger("crash").exception("The crash dialog could not be shown")
        finally:
            self.showing = False
