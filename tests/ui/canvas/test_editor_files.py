"""The main window's glue around the canvas: write errors after undo/redo, Save over a replaced file, message language."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from ui_helpers import answer_next_modal

from cxstudio import api
from cxstudio.editing import operations
from cxstudio.model.entities import Card


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _first_cell(window) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    doc = window.project.document
    journey = doc.journeys()[0]
    return doc.stages(journey.id)[0].id, doc.lanes(journey.id)[0].id


def _set_query_only(window, on: bool) -> None:  # type: ignore[no-untyped-def]
    """Make the working copy refuse (or accept again) every write, as a failing disk would."""
    file = window.project._file
    raw = file.engine.raw_connection().driver_connection
    raw.execute(f"PRAGMA query_only = {'ON' if on else 'OFF'}")


def _accept(box: QWidget) -> None:
    box.accept()  # type: ignore[attr-defined]


def test_an_undo_whose_write_through_fails_is_reported_once(main_window, project_file: Path, qtbot) -> None:
    assert main_window.open_path(project_file)
    stage_id, lane_id = _first_cell(main_window)
    main_window.project.run(operations.add_card, stage_id, lane_id, "Rückruf vereinbart")
    canvas_messages: list[str] = []
    main_window.canvas.message.connect(canvas_messages.append)
    _set_query_only(main_window, True)
    seen = answer_next_modal(_accept)
    main_window.undo()  # no exception out of the window's command
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
    assert "recovery copy" in seen[0] and "Traceback" not in seen[0]
    assert main_window.project.write_error is not None
    assert "Rückruf vereinbart" not in [c.title for c in main_window.project.document.all(Card)]
    # the same episode: redo and a later edit on the canvas bring no second message
    more = answer_next_modal(_accept, attempts=40)
    main_window.redo()
    journey_id = main_window.project.document.journeys()[0].id
    assert main_window.canvas.run(operations.rename, journey_id, "Nach dem Fehler") is not None
    qtbot.wait(500)
    assert more == [] and canvas_messages == []
    # the disk works again: the next edit catches up and the error is gone
    _set_query_only(main_window, False)
    main_window.canvas.run(operations.rename, journey_id, "Wieder gesichert")
    assert main_window.project.write_error is None


def test_a_history_jump_whose_write_through_fails_is_reported_once(main_window, project_file: Path, qtbot) -> None:
    assert main_window.open_path(project_file)
    stage_id, lane_id = _first_cell(main_window)
    for title in ("Erster Anruf", "Zweiter Anruf"):
        main_window.project.run(operations.add_card, stage_id, lane_id, title)
    canvas_messages: list[str] = []
    main_window.canvas.message.connect(canvas_messages.append)
    _set_query_only(main_window, True)
    seen = answer_next_modal(_accept)
    history = main_window.history.list
    history.itemClicked.emit(history.item(0))  # jump back to the opened state
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
    assert main_window.project.session.index == 0
    titles = [c.title for c in main_window.project.document.all(Card)]
    assert "Erster Anruf" not in titles and "Zweiter Anruf" not in titles
    # the error was handed out by the jump: the next edit brings no second message
    journey_id = main_window.project.document.journeys()[0].id
    main_window.canvas.run(operations.rename, journey_id, "Nach dem Sprung")
    qtbot.wait(300)
    assert canvas_messages == []
    _set_query_only(main_window, False)
    main_window.canvas.run(operations.rename, journey_id, "Wieder gesichert")
    assert main_window.project.write_error is None


def _replace_on_disk(path: Path) -> str:
    """Another program (a sync client) puts a colleague's version where the project file is."""
    colleague = api.create("service-blueprint", "de")
    incoming = path.with_name("eingang.cxstudio")
    colleague.save_copy(incoming)
    colleague.close()
    os.replace(incoming, path)
    return _digest(path)


def _click(name: str):  # type: ignore[no-untyped-def]
    def click(box: QWidget) -> None:
        button = box.findChild(QPushButton, name) if name else box.button(QMessageBox.StandardButton.Cancel)  # type: ignore[attr-defined]
        assert button is not None
        button.click()
    return click


def _journey_names(path: Path) -> list[str]:
    project = api.open_project(path, read_only=True)
    try:
        return [j.name for j in project.document.journeys()]
    finally:
        project.close()


def test_save_over_a_file_another_program_replaced_offers_overwrite_or_save_as(
        main_window, project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main_window.open_path(project_file)
    journey_id = main_window.project.document.journeys()[0].id
    main_window.project.run(operations.rename, journey_id, "Meine Fassung")
    theirs = _replace_on_disk(project_file)

    seen = answer_next_modal(_click(""))  # Cancel: nothing is written
    assert not main_window.save()
    assert len(seen) == 1 and str(project_file) in seen[0] and "another program" in seen[0]
    assert _digest(project_file) == theirs and main_window.project.is_modified

    seen = answer_next_modal(_click("saveAsButton"))  # Save As: both versions are kept
    elsewhere = tmp_path / "Meine Fassung.cxstudio"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *args, **kwargs: (str(elsewhere), ""))
    assert main_window.save()
    assert len(seen) == 1 and _digest(project_file) == theirs
    assert _journey_names(elsewhere) == ["Meine Fassung"] and main_window.project.path == elsewhere

    theirs = _replace_on_disk(elsewhere)  # and once more, now answered with Overwrite
    main_window.project.run(operations.rename, journey_id, "Meine zweite Fassung")
    seen = answer_next_modal(_click("overwriteButton"))
    assert main_window.save()
    assert len(seen) == 1 and _digest(elsewhere) != theirs and not main_window.project.is_modified
    assert _journey_names(elsewhere) == ["Meine zweite Fassung"]
    assert not main_window.isWindowModified()


def test_canvas_messages_follow_the_ui_language_not_the_system_locale(main_window, project_file: Path) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert main_window.open_path(project_file)
        assert main_window.language == "en" and main_window.canvas.language == "en"
    finally:
        QLocale.setDefault(previous)
