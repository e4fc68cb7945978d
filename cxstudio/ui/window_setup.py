"""The main window's start-up order: the map is painted first, the parts its first paint does not show are built right after.

`MainWindow(..., map_first=True)` (the editor's launch, cxstudio.app) hands the parts nobody sees in
the first frame (the project data window; from `run_editor` the clean-up of leftovers, the log's
rollover, loading SQLAlchemy for the first edit, the garbage collector) to a `WindowSetup`, which
builds them in order right after the window's first paint: a zero timer posted from that paint
event runs once the frame is on the screen, and each part then gets its own turn of the event loop,
so input and repaints are handled between them. Something that needs a part earlier calls `finish`,
which builds every waiting part at once (`MainWindow.workspace` does). The window tells it when it is
shown (`window_shown`, from `MainWindow.showEvent`): only then does it watch the window's events for the
first paint, so building the window sends none of its events through Python. Without `map_first` (tests, a
window reopened in another language) every part is built in the constructor, exactly as before. A
window that is never painted gets its parts after `FALLBACK_MS` all the same.
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
        self._building = 0  # parts being built right now
        self._watching = False  # the event filter is on the window
        if deferred:
            # the filter that sees the first paint goes on when the window is shown (`window_shown`): on before,
            # every event of the window's construction (children, actions added: hundreds) would pass through Python
            QTimer.singleShot(FALLBACK_MS, self, self.finish)

    def window_shown(self) -> None:
        """The window is being shown (its showEvent): from now on watch for its first paint."""
        if self._waiting and not self._watching:
            self._watching = True
            self._window.installEventFilter(self)

    @property
    def done(self) -> bool:
        """Whether every part handed to `later` is built."""
        return not self._waiting and not self._pending and not self._building

    def later(self, build: Callable[[], object]) -> None:
        """Build a part (a call that installs it into the window): now, or after the first paint when deferred."""
        if self._waiting or self._pending:
            self._pending.append(build)  # after those handed over before it
        else:
            build()

    def finish(self) -> None:
        """Build every part still waiting, in the order handed over, now (something needs one of them)."""
        self._stop_waiting()
        while self._pending:
            self._build(self._pending.pop(0))

    def _build(self, build: Callable[[], object]) -> None:
        self._building += 1
        try:
            build()
        finally:
            self._building -= 1

    def _stop_waiting(self) -> None:
        if self._waiting:
            self._waiting = False
            if self._watching:
                self._watching = False
                self._window.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and self._waiting:
            self._watching = False
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._after_frame)  # runs once this frame (the map in it) is on the screen
        return False

    def _after_frame(self) -> None:
        # once more behind what the frame's own paint events queued (e.g. the start-up probe of first_paint.py)
        QTimer.singleShot(0, self, self._build_next)

    def _build_next(self) -> None:
        """One waiting part per turn of the event loop, the next one queued behind what arrived meanwhile."""
        self._stop_waiting()
        if self._pending:
            self._build(self._pending.pop(0))
        if self._pending:
            QTimer.singleShot(0, self, self._build_next)
