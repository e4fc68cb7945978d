"""Files the desktop asks the running editor to open (macOS sends a QFileOpenEvent when a project is double-clicked)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

from cxstudio import logs


class FileOpenFilter(QObject):
    """An application event filter that hands each QFileOpenEvent's file to `open_path`, outside the event."""

    def __init__(self, open_path: Callable[[str], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open_path = open_path

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                logs.logger("ui").info("The desktop asked to open %s", path)
                QTimer.singleShot(0, lambda: self._open_path(path))  # dialogs may follow: not inside the event
                return True
        return super().eventFilter(watched, event)
