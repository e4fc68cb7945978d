"""Saving the project's file every few minutes when the user asked for it (off by default)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Autosave(QObject):
    """A timer that calls `save` every `minutes` minutes (0 = never); `save` decides whether there is anything to do."""

    def __init__(self, save: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.timer = QTimer(self)
        self.timer.setObjectName("autosaveTimer")
        self.timer.timeout.connect(self._save)
        self.minutes = 0

    def configure(self, minutes: int) -> None:
        """Save every `minutes` minutes from now on; 0 stops it."""
        self.minutes = max(0, int(minutes))
        if self.minutes:
            self.timer.start(self.minutes * 60_000)
        else:
            self.timer.stop()
