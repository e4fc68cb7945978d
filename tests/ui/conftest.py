"""UI test setup: a fixture failing any test that leaks top-level windows, and helpers to build windows and files."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget


def _pointer(widget: QWidget) -> int:
    return int(shiboken6.getCppPointer(widget)[0])


def _live_top_level_widgets() -> dict[int, QWidget]:
    return {_pointer(w): w for w in QApplication.topLevelWidgets() if shiboken6.isValid(w)}


def _flush_deletions() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
        gc.collect()


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail the test if it leaves top-level widgets behind (windows, dialogs, message boxes)."""
    _flush_deletions()
    before = set(_live_top_level_widgets())
    yield
    _flush_deletions()
    leaked = {pointer: widget for pointer, widget in _live_top_level_widgets().items() if pointer not in before}
    if leaked:
        names = ", ".join(f"{type(w).__name__}({w.objectName()!r})" for w in leaked.values())
        for widget in leaked.values():
            widget.close()
            widget.deleteLater()
        _flush_deletions()
        pytest.fail(f"The test leaked top-level widgets: {names}.")


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """A saved German journey-map project with one card (a real .cxstudio file)."""
    from cxstudio import api
    from cxstudio.editing import operations

    path = tmp_path / "Kundenreise.cxstudio"
    project = api.create("journey-map", "de")
    journey = project.document.journeys()[0]
    stage = project.document.stages(journey.id)[0]
    lane = project.document.lanes(journey.id)[0]
    project.run(operations.add_card, stage.id, lane.id, "Anzeige gesehen")
    project.save_as(path)
    project.close()
    return path


def _forget_changes(window: QWidget) -> None:
    """Before qtbot closes a main window at teardown: drop unsaved changes so no question is asked."""
    opened = getattr(window, "opened", None)
    if opened is not None:
        opened.project.session.mark_clean()


@pytest.fixture
def german(qapp: QApplication):  # type: ignore[no-untyped-def]
    """The UI in German for one test (translations switched back to English afterwards)."""
    from cxstudio.ui.i18n import Translations

    translations = Translations(qapp)
    assert translations.switch("de")
    yield translations
    translations.switch("en")


@pytest.fixture
def main_window(qtbot):  # type: ignore[no-untyped-def]
    """An English main window without a project, closed (changes dropped) and deleted after the test."""
    return _main_window(qtbot, "en")


@pytest.fixture
def german_main_window(german, qtbot):  # type: ignore[no-untyped-def]
    """`main_window` in German: the UI's translations switched and the window's language German."""
    return _main_window(qtbot, "de")


def _main_window(qtbot, language: str):  # type: ignore[no-untyped-def]
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    window = MainWindow(EditorSettings(), language)
    # every keystroke is committed at once, however long a commit takes on a busy test machine
    # (the held-back typing of large projects has its own test)
    window.inspector.slow_commit_seconds = float("inf")
    qtbot.addWidget(window, before_close_func=_forget_changes)
    window.show()
    qtbot.waitExposed(window)
    return window
