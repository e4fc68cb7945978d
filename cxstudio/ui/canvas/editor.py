"""The inline title editor: a line edit laid over a card (or a header) on the canvas; Enter commits, Esc cancels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit


class InlineTitleEditor(QLineEdit):
    """A one-line editor placed over `scene_rect` in `view`; calls `on_commit(text)` or `on_cancel()` exactly once."""

    def __init__(
        self,
        view: QGraphicsView,
        scene_rect: QRectF,
        text: str,
        on_commit: Callable[[str], None],
        on_cancel: Callable[[], None],
        point_size: float = 11.0,
    ) -> None:
        super().__init__(view.viewport())
        self._view = view
        self._scene_rect = scene_rect
        self._on_commit = on_commit
        self._on_cancel = on_cancel
        self._finished = False
        self._point_size = point_size
        self.setObjectName("canvasInlineTitleEditor")
        self.setText(text)
        self.selectAll()
        self.setFrame(True)
        self.setStyleSheet("QLineEdit { border: 2px solid #2a6fdb; background: #ffffff; color: #1b1b1b; }")
        self.reposition()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def reposition(self) -> None:
        """Follow the view's scroll and zoom: cover the scene rectangle's top part, at least one line high."""
        zoom = self._view.transform().m11()
        top_left = self._view.mapFromScene(self._scene_rect.topLeft())
        width = max(80, round(self._scene_rect.width() * zoom))
        font = self.font()
        font.setPointSizeF(max(7.0, min(28.0, self._point_size * zoom * 0.75)))
        self.setFont(font)
        height = max(self.sizeHint().height(), 22)
        self.setGeometry(top_left.x(), top_left.y(), width, height)

    @property
    def finished(self) -> bool:
        return self._finished

    def commit(self) -> None:
        if self._finished:
            return
        self._finished = True
        text = self.text()
        self.hide()
        self.deleteLater()
        self._on_commit(text)

    def cancel(self) -> None:
        if self._finished:
            return
        self._finished = True
        self.hide()
        self.deleteLater()
        self._on_cancel()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.commit()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # clicking elsewhere keeps what was typed, as on a sticky note; a popup (input method) does not
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.commit()
