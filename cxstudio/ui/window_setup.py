"""The main window's start-up order: the map is painted first, the parts its first paint does not show are built right after.

`MainWindow(..., map_first=True)` (the editor's launch, cxstudio.app) hands the parts nobody sees in
the first frame (the project data window, ...) to a `WindowSetup`, which builds them in order right
after the window's first paint (a zero timer posted from that paint event runs once the frame is
on the screen), or at once when something asks for one of them earlier (`finish`). Without
`map_first` (tests, a window reopened in another language) every part is built in the constructor,
exactly as before. A window that is never painted gets its parts after `FALLBACK_MS` all the same.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1500  # a window that is not painted by then (hidden, minimized) is completed anyway


class WindowSetup(QObject):
    """Builds a window's late parts: in the constructor, or right after its first paint when `deferred`."""

    def __init__(self, window: QWidget, deferred: bool) -> None:
        super().__init__(window)
        self.setObjectName("windowSetup")
        self._window = window
        self.deferred = deferred
        self._pending: list[Callable[[], object]] = []
        self._waiting = deferred  # parts handed over are kept until the first paint (or `finish`)
        self._running = False
        if deferred:
            window.installEventFilter(self)
            QTimer.singleShot(FALLBACK_MS, self, self.finish)

    @property
    def done(self) -> bool:
        """Whether every part handed to `later` is built."""
        return not self._waiting and not self._pending and not self._running

    def later(self, build: Callable[[], object]) -> None:
        """Build a part (a call that installs it into the window): now, or after the first paint when deferred."""
        if self._waiting:
            self._pending.append(build)
        else:
            build()

    def finish(self) -> None:
        """Build every part still waiting, in the order handed over (at once: something needs one of them now)."""
        if self._running:
            return
        if self._waiting:
            self._waiting = False
            self._window.removeEventFilter(self)
        self._running = True
        try:
            while self._pending:
                self._pending.pop(0)()
        finally:
            self._running = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and self._waiting:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._after_frame)  # runs once this frame (the map in it) is on the screen
        return False


    def _after_frame(self) -> None:
        # once more behind what the frame's own paint events queued (e.g. the start-up probe of first_paint.py)
        QTimer.singleShot(0, self, self.finish)


def setup_of(window: QWidget) -> WindowSetup | None:
    """The `WindowSetup` of a main window, if it has one."""
    return window.findChild(WindowSetup, "windowSetup")
