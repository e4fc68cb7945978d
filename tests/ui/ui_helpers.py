"""Helpers for UI tests: typing text with key events and answering modal dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget` with key events that carry the text (works for ä ö ü ß €)."""
    for character in text:
        for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(event_type, 0, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def answer_next_modal(callback: Callable[[QWidget], None], attempts: int = 200) -> list[str]:
    """Call `callback` on the next modal dialog as soon as it shows; returns a list that receives its text."""
    seen: list[str] = []

    def poll(remaining: int = attempts) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            if remaining > 0:
                QTimer.singleShot(10, lambda: poll(remaining - 1))
            return
        text = getattr(modal, "text", None)
        seen.append(text() if callable(text) else modal.windowTitle())
        callback(modal)

    QTimer.singleShot(0, poll)
    return seen
