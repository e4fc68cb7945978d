"""The start-up probe: with CXSTUDIO_EXIT_AT_FIRST_PAINT set, print when the map is first painted, then quit.

bench/bench_startup.py launches the editor in fresh processes with this variable set and reads the
line ``cxstudio-first-paint <seconds since the epoch>`` from stdout: the moment the journey
canvas's viewport finished its first paint. Without the variable nothing is installed. The probe
watches the canvas's viewport alone when the editor made it before showing the window (a file was
given), so the measurement adds no Python call to every other event of the start-up.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsView

VARIABLE = "CXSTUDIO_EXIT_AT_FIRST_PAINT"
PREFIX = "cxstudio-first-paint"


def requested() -> bool:
    return bool(os.environ.get(VARIABLE))


class FirstPaintProbe(QObject):
    """An event filter waiting for the first paint of the journey canvas's viewport (on it, or on the application)."""

    def __init__(self, app: QApplication, watched: QObject | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._watched: QObject = watched if watched is not None else app
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            view = watched.parent()
            if isinstance(view, QGraphicsView) and view.objectName() == "journeyCanvas":
                self._seen = True
                QTimer.singleShot(0, self._report)  # after this paint event has been handled
        return False

    def _report(self) -> None:
        print(f"{PREFIX} {time.time():.6f}", file=sys.stdout, flush=True)
        from cxstudio import logs, method_cache

        logs.logger().info("first paint; %d dataclass methods compiled for it (the others came from the cache)",
                           method_cache.compiled_now())
        self._watched.removeEventFilter(self)
        for window in self._app.topLevelWidgets():
            opened = getattr(window, "opened", None)
            if opened is not None:
                opened.project.session.mark_clean()  # nothing to ask on the way out
        self._app.closeAllWindows()
        self._app.quit()


def install(app: QApplication, viewport: QObject | None = None) -> FirstPaintProbe:
    """Report the canvas's first paint: watching `viewport` (the canvas's, when it exists already), else every event."""
    probe = FirstPaintProbe(app, viewport)
    probe._watched.installEventFilter(probe)
    return probe
