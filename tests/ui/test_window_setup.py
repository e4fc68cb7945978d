"""The launch's start-up order: the map is painted first, the hidden parts of the window are built right after it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from cxstudio.ui.main_window import MainWindow
from cxstudio.ui.settings import EditorSettings


class PaintWatch(QObject):
    """Records, at each paint of the watched widget, whether the window's hidden parts were built by then."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.built_at_paints: list[bool] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.built_at_paints.append("_workspace" in vars(self.window))
        return False


def _forget_changes(window: QWidget) -> None:
    opened = getattr(window, "opened", None)
    if opened is not None:
        opened.project.session.mark_clean()


def _map_first_window(qtbot, project_file: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(EditorSettings(), "de", map_first=True)
    qtbot.addWidget(window, before_close_func=_forget_changes)
    assert window.open_path(project_file)
    return window


def test_the_map_is_painted_before_the_project_data_window_is_built_and_it_follows_right_after(
    qtbot, project_file: Path,  # type: ignore[no-untyped-def]
) -> None:
    window = _map_first_window(qtbot, project_file)
    assert window.canvas is not None
    watch = PaintWatch(window)
    window.canvas.viewport().installEventFilter(watch)
    assert not window.setup.done and "_workspace" not in vars(window)
    assert window.findChild(QObject, "actionProjectData") is None  # its View menu entry comes with it
    window.show()
    qtbot.waitUntil(lambda: window.setup.done, timeout=5000)
    assert watch.built_at_paints and watch.built_at_paints[0] is False  # the first paint of the map came first
    assert window.findChild(QObject, "actionProjectData") is not None
    window.workspace.act_project_data.trigger()  # and it works as in a window built at once
    assert window.workspace.data.isVisible()
    window.workspace.data.close()


def test_asking_for_a_hidden_part_before_the_first_paint_builds_it_at_once(qtbot, project_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = _map_first_window(qtbot, project_file)
    assert not window.setup.done
    data = window.workspace.data  # never shown yet: built now, in order, with every other waiting part
    assert window.setup.done and data is not None
    assert window.findChild(QObject, "actionProjectData") is not None


def test_a_window_built_without_map_first_has_every_part_at_once(main_window: MainWindow) -> None:
    assert main_window.setup.done and "_workspace" in vars(main_window)
    assert main_window.findChild(QObject, "actionProjectData") is not None


def test_the_launch_cleans_up_after_the_first_paint_what_killed_editors_left(qtbot, project_file: Path,  # type: ignore[no-untyped-def]
                                                                             tmp_path: Path) -> None:
    import json

    from cxstudio import api
    from cxstudio.persistence.lock import boot_id, host_name
    from cxstudio.persistence.working_copy import working_copies_dir

    abandoned = working_copies_dir() / ("0" * 32)  # an ended editor's copy without unsaved work
    abandoned.mkdir(parents=True)
    (abandoned / "session.json").write_text(json.dumps({
        "format": 1, "original_path": None, "pid": 999_999_999, "host": host_name(), "boot": boot_id(),
        "opened": "", "unsaved": False}), encoding="utf-8")

    window = _map_first_window(qtbot, project_file)
    window.setup.later(api.clean_up_leftovers)  # as cxstudio.app does
    assert abandoned.exists()  # nothing deleted before the window is painted
    window.show()
    qtbot.waitUntil(lambda: window.setup.done, timeout=5000)
    assert not abandoned.exists()


def test_the_quicker_pyside_import_check_answers_as_pysides_own_for_every_module() -> None:
    import sys

    import pytest

    from cxstudio.app import _quicker_pyside_import_check

    feature = sys.modules.get("shibokensupport.feature")
    if getattr(feature, "_mod_uses_pyside", None) is None:
        pytest.skip("this PySide6 has no import hook to speed up")
    _quicker_pyside_import_check()
    quick = feature._mod_uses_pyside  # type: ignore[union-attr]
    assert quick.cxstudio_quick
    modules = [m for m in list(sys.modules.values()) if str(getattr(m, "__file__", "")).endswith(".py")]
    answers = [quick(m) for m in modules]
    assert answers == [quick.original(m) for m in modules]
    assert True in answers and False in answers  # both answers occur: cxstudio.ui uses PySide6, cxstudio.model not


def test_the_editor_launched_on_a_file_paints_its_map_and_quits_when_the_benchmark_asks(project_file: Path,
                                                                                        tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from cxstudio.logs import system_text

    def launch(data: Path) -> str:
        environment = {**os.environ, "CXSTUDIO_DATA_DIR": str(data), "CXSTUDIO_EXIT_AT_FIRST_PAINT": "1",
                       "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(tmp_path / "cache")}
        result = subprocess.run([sys.executable, "-m", "cxstudio", str(project_file)], capture_output=True,
                                text=True, timeout=120, env=environment)
        assert result.returncode == 0, result.stderr
        assert [line.split()[0] for line in result.stdout.splitlines()] == ["cxstudio-first-paint"]
        assert not list((data / "working-copies").iterdir())  # its working copy went with it
        return (data / "logs" / "cxstudio.log").read_text(encoding="utf-8")

    log = launch(tmp_path / "data")
    assert "editor started on" in log and system_text() in log
    assert "dataclass methods compiled for it" in log and "for it (the others" in log
    assert "first paint; 0 dataclass" not in log  # the first start compiles them, then keeps them
    assert (tmp_path / "cache" / "cxstudio" / "dataclass-methods.marshal").is_file()
    second = launch(tmp_path / "data-2")  # the next start takes every method it needs from the cache
    assert "first paint; 0 dataclass methods compiled for it" in second


def test_the_logs_system_text_is_what_platform_says_without_scanning_the_python_binary() -> None:
    import os
    import platform

    import pytest

    from cxstudio.logs import system_text

    try:
        glibc = platform.system() == "Linux" and bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (AttributeError, ValueError, OSError):
        glibc = False
    if not glibc:
        pytest.skip("platform.platform() names the C library this way on Linux with glibc")
    assert system_text() == platform.platform(terse=True)
    from cxstudio.logs import python_version

    assert python_version() == platform.python_version()


def test_the_log_started_without_rollover_gets_it_on_the_same_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import logging
    import logging.handlers

    from cxstudio import logs

    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(tmp_path))
    logs.stop_logging()
    try:
        path = logs.setup_logging(rotating=False)  # as the editor starts
        logs.logger("test").info("before the first paint")
        assert [type(h) for h in logs.logger().handlers] == [logging.FileHandler]
        assert logs.setup_logging(rotating=False) == path  # nothing changes
        assert logs.setup_logging() == path  # after it
        logs.logger("test").info("after the first paint")
        handlers = logs.logger().handlers
        assert len(handlers) == 1 and isinstance(handlers[0], logging.handlers.RotatingFileHandler)
        assert logs.setup_logging() == path and logs.logger().handlers == handlers
        assert path is not None
        text = path.read_text(encoding="utf-8")
        assert "before the first paint" in text and "after the first paint" in text
    finally:
        logs.stop_logging()


def test_run_editor_paints_the_map_then_completes_the_window_the_log_and_the_clean_up(
    project_file: Path, qapp,  # type: ignore[no-untyped-def]
) -> None:
    import gc
    import json
    from logging.handlers import RotatingFileHandler

    from PySide6.QtCore import QTimer

    from cxstudio import app as app_module
    from cxstudio import logs
    from cxstudio.persistence.lock import boot_id, host_name
    from cxstudio.persistence.working_copy import working_copies_dir

    abandoned = working_copies_dir() / ("1" * 32)  # an ended editor's copy without unsaved work
    abandoned.mkdir(parents=True)
    (abandoned / "session.json").write_text(json.dumps({
        "format": 1, "original_path": None, "pid": 999_999_999, "host": host_name(), "boot": boot_id(),
        "opened": "", "unsaved": False}), encoding="utf-8")
    seen: dict[str, object] = {}

    def look() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows or not windows[0].setup.done:
            if windows:  # the window is built and shown, its first frame not painted yet
                seen.setdefault("before", (gc.isenabled(), abandoned.exists()))
            QTimer.singleShot(20, look)
            return
        window = windows[0]
        seen["after"] = (window.opened is not None, gc.isenabled(), abandoned.exists(),
                         [type(h) for h in logs.logger().handlers] == [RotatingFileHandler],
                         window.findChild(QObject, "actionProjectData") is not None)
        window.close()
        window.deleteLater()

    QTimer.singleShot(0, look)
    try:
        assert app_module.run_editor(str(project_file)) == 0
    finally:
        gc.unfreeze()
        gc.enable()
        logs.stop_logging()
    assert seen["before"] == (False, True)  # no collector, no clean-up before the map is painted
    # then the project is open, the collector runs, the abandoned copy is gone, the log rolls over, the workspace is there
    assert seen["after"] == (True, True, False, True, True)
