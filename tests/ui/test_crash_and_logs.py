"""An uncaught exception in a slot shows the crash dialog and lands in the log; opening and saving are logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
from ui_helpers import answer_next_modal

from cxstudio import logs
from cxstudio.editing import operations
from cxstudio.model.entities import Card
from cxstudio.ui.crash import CrashDialog, CrashHandler


@pytest.fixture
def log_file(isolated_data_dir: Path) -> Iterator[Path]:
    path = logs.setup_logging()
    assert path == isolated_data_dir / "logs" / "cxstudio.log"
    yield path
    logs.stop_logging()


def _flush() -> None:
    for handler in logs.logger().handlers:
        handler.flush()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_dialog_logs_the_traceback_and_keeps_the_work(
        main_window, qtbot, project_file: Path, log_file: Path) -> None:
    main_window.open_path(project_file)
    project = main_window.project
    journey_id = main_window.current_journey_id()
    stage, lane = project.document.stages(journey_id)[0], project.document.lanes(journey_id)[0]
    main_window.files.run(operations.add_card, stage.id, lane.id, "Vor dem Fehler")
    handler = CrashHandler(lambda: main_window)
    handler.install()
    shown: list[dict[str, str]] = []

    def look_and_close(dialog: CrashDialog) -> None:
        texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
        dialog.copy_button.click()
        shown.append({"title": dialog.windowTitle(), "texts": texts, "clipboard": QApplication.clipboard().text(),
                      "details": dialog.details})
        dialog.accept()

    def broken_slot() -> None:
        raise RuntimeError("injected failure for the crash dialog test")

    try:
        answer_next_modal(look_and_close)
        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        handler.uninstall()
    seen = shown[0]
    assert seen["title"] == "CX Studio ran into a problem"
    assert "Traceback" not in seen["texts"] and "injected failure" not in seen["texts"], "no traceback in the dialog"
    assert "working copy" in seen["texts"] and str(log_file) in seen["texts"]
    assert "injected failure for the crash dialog test" in seen["clipboard"] and "Traceback" in seen["clipboard"]
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert "Uncaught exception in the editor" in text and "Traceback (most recent call last)" in text
    assert "RuntimeError: injected failure for the crash dialog test" in text and "broken_slot" in text
    # the editor goes on with the work kept: the project is open, unsaved, in its working copy
    assert main_window.project is project and main_window.isWindowModified()
    assert any(card.title == "Vor dem Fehler" for card in project.document.all(Card))
    assert project.working_copy is not None and project.working_copy.exists()
    assert handler.dialogs_shown == 1


@pytest.mark.qt_no_exception_capture
def test_an_error_while_the_dialog_shows_is_only_logged(qtbot, log_file: Path) -> None:
    handler = CrashHandler()
    handler.showing = True
    handler(ValueError, ValueError("second error"), None)
    assert handler.dialogs_shown == 0
    _flush()
    assert "ValueError: second error" in log_file.read_text(encoding="utf-8")


def test_opening_and_saving_are_logged_and_a_refused_file_in_one_line(main_window, project_file: Path,
                                                                        tmp_path: Path, log_file: Path) -> None:
    main_window.open_path(project_file)
    main_window.save_as(tmp_path / "Kopie.cxstudio")
    empty = tmp_path / "leer.cxstudio"
    empty.write_bytes(b"")
    answer_next_modal(lambda box: box.accept())
    assert not main_window.open_path(empty)
    _flush()
    text = log_file.read_text(encoding="utf-8")
    assert f"Opened {project_file}" in text and f"Saved as {tmp_path / 'Kopie.cxstudio'}" in text
    assert f"Opening {empty} failed" in text and "Traceback" not in text


def test_the_log_follows_the_data_folder_and_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(tmp_path / "a"))
    try:
        assert logs.setup_logging() == tmp_path / "a" / "logs" / "cxstudio.log"
        monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(tmp_path / "b"))
        assert logs.setup_logging() == tmp_path / "b" / "logs" / "cxstudio.log"
        monkeypatch.setattr(logs, "MAX_BYTES", 2000)
        logs.stop_logging()
        logs.setup_logging()
        for number in range(200):
            logs.logger("test").info("line %d of a long log", number)
        files = sorted(path.name for path in (tmp_path / "b" / "logs").iterdir())
        assert files == ["cxstudio.log", "cxstudio.log.1", "cxstudio.log.2", "cxstudio.log.3"]
        assert not (tmp_path / "a" / "logs" / "cxstudio.log").read_text(encoding="utf-8")
    finally:
        logs.stop_logging()
    assert logging.getLogger("cxstudio").handlers == []


def test_an_unwritable_log_folder_leaves_the_editor_without_a_log(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(blocker))
    assert logs.setup_logging() is None and not logs.logging_to_file()
