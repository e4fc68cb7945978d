"""Office exports in the editor with real widgets: a worker thread, the progress dialog, Cancel, CSV from the menu."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from cxstudio import api
from cxstudio.editing import operations
from cxstudio.export.office import slides
from cxstudio.model.entities import Card, Touchpoint
from cxstudio.ui.office_export import TableChoiceDialog


def _open_example(main_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    assert main_window.open_path(path)
    return main_window.project


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Holds the PowerPoint exporter at its first persona slide (after the title slide's progress) until set."""
    release, reached = threading.Event(), threading.Event()
    persona_slide = slides._Writer.persona_slide

    def held(self, persona):  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(30)
        return persona_slide(self, persona)

    monkeypatch.setattr(slides._Writer, "persona_slide", held)
    yield release, reached
    release.set()


def test_powerpoint_export_shows_progress_and_cancel_leaves_no_file_and_the_window_responsive(
        main_window, tmp_path: Path, qtbot, gate) -> None:
    release, reached = gate
    project = _open_example(main_window, tmp_path)
    office = main_window.office
    office.exports.show_after_ms = 0
    out = tmp_path / "folien.pptx"
    assert office.export_slides(out)
    assert office.exporting and not office.export_slides(tmp_path / "second.pptx")  # one at a time
    office.update_actions()
    assert not office.act_export_pptx.isEnabled() and not office.act_export_csv.isEnabled()
    assert reached.wait(10)
    dialog = office.exports.dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.bar.value() >= 1)
    assert dialog.bar.maximum() > dialog.bar.value()  # a real fraction, not a busy bar
    assert not dialog.isModal()

    # the GUI thread is free while the exporter works: timers fire, and the document can be edited
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])
    card = project.document.all(Card)[0]
    project.run(operations.edit_element, card.id, title="Bearbeitet während des Exports")
    assert office.exporting

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isEnabled() and dialog.label.text() == "Cancelling…"
    release.set()
    qtbot.waitUntil(lambda: not office.exporting, timeout=20_000)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if ".pptx" in p.name) == []  # no .part either
    assert office.exports.dialog is None
    assert main_window.statusBar().currentMessage() == "The export was cancelled; no file was written."
    office.update_actions()
    assert office.act_export_pptx.isEnabled()


def test_excel_export_runs_on_a_copy_and_reports_rows(main_window, tmp_path: Path, qtbot) -> None:
    from openpyxl import load_workbook

    project = _open_example(main_window, tmp_path)
    office = main_window.office
    out = tmp_path / "karten.xlsx"
    progress: list[tuple[int, int]] = []
    office.exports.started.connect(lambda: office.exports._worker.progressed.connect(
        lambda done, total: progress.append((done, total))))
    assert office.export_workbook(out)
    card = project.document.all(Card)[0]
    original = card.title
    project.run(operations.edit_element, card.id, title="Nach dem Start geändert")  # the export has its copy
    qtbot.waitUntil(lambda: not office.exporting, timeout=20_000)
    titles = {row[5].value for row in load_workbook(out)["Karten"].iter_rows(min_row=2)}
    assert original in titles and "Nach dem Start geändert" not in titles
    assert progress and progress[-1][0] == progress[-1][1]
    assert main_window.statusBar().currentMessage().endswith("rows written to karten.xlsx.")


def test_csv_export_from_the_menu_is_read_back(main_window, tmp_path: Path, qtbot, monkeypatch) -> None:
    project = _open_example(main_window, tmp_path)
    office = main_window.office
    out = tmp_path / "export.csv"
    suggested: list[str] = []

    def save_name(_parent, _title, name, _filter):  # type: ignore[no-untyped-def]
        suggested.append(name)
        return str(out), ""

    monkeypatch.setattr("cxstudio.ui.office.QFileDialog.getSaveFileName", save_name)
    choices: list[list[str]] = []

    def choose(dialog: QDialog) -> int:
        assert isinstance(dialog, TableChoiceDialog) and dialog.table == "cards"
        choices.append([dialog.tables.itemText(i) for i in range(dialog.tables.count())])
        dialog.set_table("touchpoints")
        return QDialog.DialogCode.Accepted

    office.run_dialog = choose
    file_menu = main_window.menuBar().actions()[0].menu()
    assert office.act_export_csv in file_menu.actions()
    file_menu.aboutToShow.emit()
    assert office.act_export_csv.isEnabled()
    office.act_export_csv.trigger()
    qtbot.waitUntil(lambda: not office.exporting and out.exists(), timeout=20_000)
    assert choices[0][:2] == ["Touchpoint-Katalog", "Karten"]
    assert Path(suggested[0]) == tmp_path / "Touchpoint-Katalog.csv"
    assert office.csv_table == "touchpoints"  # offered first next time
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    names = {t.name for t in project.document.all(Touchpoint)}
    assert rows[0][0] == "ID" and len(rows) - 1 == len(names)
    assert {row[1] for row in rows[1:]} == names and "Zählerablesung vor Ort" in names
    assert main_window.statusBar().currentMessage() == f"{len(names)} rows written to export.csv."

    office.run_dialog = lambda dialog: QDialog.DialogCode.Rejected  # cancelling the table choice writes nothing
    out.unlink()
    assert not office.export_csv()
    assert not out.exists()


def test_a_failed_export_is_one_sentence_and_leaves_nothing(main_window, tmp_path: Path, qtbot) -> None:
    _open_example(main_window, tmp_path)
    office = main_window.office
    told: list[str] = []

    def tell(dialog: QDialog) -> int:
        assert isinstance(dialog, QMessageBox)
        told.append(dialog.text())
        return QMessageBox.StandardButton.Ok

    office.run_dialog = tell
    assert office.export_csv(tmp_path / "missing" / "karten.csv", "cards")
    qtbot.waitUntil(lambda: not office.exporting, timeout=20_000)
    assert told == [f"Cannot write '{tmp_path / 'missing' / 'karten.csv'}': the folder does not exist."]
    assert not (tmp_path / "missing").exists()


def test_closing_the_window_cancels_a_running_export(main_window, tmp_path: Path, qtbot, gate) -> None:
    release, reached = gate
    _open_example(main_window, tmp_path)
    office = main_window.office
    out = tmp_path / "folien.pptx"
    assert office.export_slides(out)
    assert reached.wait(10)
    threading.Timer(0.05, release.set).start()  # the GUI thread waits in close(); the exporter then sees the cancel
    main_window.close()  # nothing unsaved: the window closes
    assert not office.exporting and not out.exists()
