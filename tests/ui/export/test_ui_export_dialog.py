"""The Export / Print dialog: opened from the menu, preview and counts follow the options, PDFs written in a thread, cancel, the PDF limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox

from cxstudio.export.options import ExportOptions
from cxstudio.export.paper import MM
from cxstudio.export.poster import PosterPlan
from cxstudio.export.tiles import TilePlan, plan_tiles
from cxstudio.ui.export.dialog import ExportDialog
from cxstudio.ui.export.image_dialog import ImageExportDialog
from cxstudio.ui.export.options import last_folder

SCREENSHOTS = Path("/tmp/cxstudio-export-screens")


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for what the dialog writes (the project file lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def choose(combo: QComboBox, data: str) -> None:
    """Pick an entry as the user does: the combo's current index changes and its signal fires."""
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def settle(qtbot, dialog: ExportDialog) -> None:  # type: ignore[no-untyped-def]
    """Wait for the preview's delayed re-planning to run."""
    qtbot.waitUntil(lambda: not dialog._refresh_timer.isActive(), timeout=5000)


def test_the_menu_opens_the_dialog_on_the_current_journey_and_view(main_window, qtbot, example_file: Path) -> None:
    assert main_window.open_path(example_file)
    document = main_window.project.document
    second = document.journeys()[1]
    main_window.select_journey(second.id)
    main_window.set_view("blueprint")
    file_menu = main_window.menuBar().actions()[0].menu()
    assert main_window.act_export in file_menu.actions() and main_window.act_print in file_menu.actions()
    assert main_window.act_export_image in file_menu.actions()
    assert main_window.act_export.shortcut() == QKeySequence("Ctrl+E")
    assert main_window.act_print.shortcut() == QKeySequence("Ctrl+P")
    main_window.activateWindow()
    qtbot.keyClick(main_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = main_window.export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.journey.currentData() == second.id and dialog.view.currentData() == "blueprint"
    assert isinstance(dialog.plan, PosterPlan) and dialog.plan.journey_id == second.id
    dialog.close()
    main_window.act_print.trigger()
    printing = main_window.export_dialog
    assert isinstance(printing, ExportDialog) and printing.print_button.isDefault()
    printing.close()


def test_preview_and_sheet_count_follow_the_options(export_dialog: ExportDialog, qtbot, example_project) -> None:  # type: ignore[no-untyped-def]
    dialog = export_dialog
    journey_id = example_project.document.journeys()[0].id
    choose(dialog.kind, "tiles")
    choose(dialog.paper, "auto")
    choose(dialog.scale_mode, "percent")
    dialog.scale_percent.setValue(100)
    choose(dialog.tile_sheet, "A4")
    settle(qtbot, dialog)
    expected = plan_tiles(example_project.document, ExportOptions(journey_id=journey_id, sheet="A4", paper="auto", scale=1.0,
                                                                  persona_band=True))  # as View > Persona Band
    plan = dialog.plan
    assert isinstance(plan, TilePlan) and dialog.preview.plan is plan
    assert plan.sheet_count == expected.sheet_count and (plan.rows, plan.cols) == (expected.rows, expected.cols)
    assert f"{expected.sheet_count} pages" in dialog.summary.text()
    assert f"{len(expected.empty_sheets)} empty sheets skipped" in dialog.summary.text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "export-dialog-tiles-a4.png"))

    choose(dialog.tile_sheet, "A3")
    dialog.overlap.setValue(20)
    settle(qtbot, dialog)
    larger = plan_tiles(example_project.document, ExportOptions(journey_id=journey_id, sheet="A3", paper="auto", scale=1.0, overlap_mm=20,
                                                               persona_band=True))
    assert isinstance(dialog.plan, TilePlan) and dialog.plan.sheet_count == larger.sheet_count
    assert larger.sheet_count < expected.sheet_count
    assert abs(dialog.plan.overlap - 20 * MM) < 1e-6

    choose(dialog.kind, "poster")
    choose(dialog.paper, "A1")
    choose(dialog.scale_mode, "fit")
    choose(dialog.orientation, "landscape")
    settle(qtbot, dialog)
    poster = dialog.plan
    assert isinstance(poster, PosterPlan) and dialog.preview.plan is poster
    assert (round(poster.page_width_mm), round(poster.page_height_mm)) == (841, 594)
    assert "841 × 594 mm" in dialog.summary.text() and f"{poster.body_text_pt:.1f} pt" in dialog.summary.text()
    assert not dialog.form.isRowVisible(dialog.tile_sheet)
    dialog.grab().save(str(SCREENSHOTS / "export-dialog-poster-a1.png"))


def test_saving_writes_the_requested_page_size_and_remembers_the_choices(export_dialog: ExportDialog, qtbot,  # type: ignore[no-untyped-def]
                                                                          out_dir: Path, example_project) -> None:
    dialog = export_dialog
    choose(dialog.kind, "poster")
    choose(dialog.paper, "custom")
    dialog.custom_width.setValue(1000)
    dialog.custom_height.setValue(700)
    choose(dialog.scale_mode, "fit")
    settle(qtbot, dialog)
    out = out_dir / "Poster.pdf"
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as finished:
        assert dialog.start_export(out)
        assert dialog.exporting and not dialog.save_button.isEnabled() and dialog.cancel_button.isVisible()
    assert finished.args == [True]
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / MM - 1000) < 0.1 and abs(float(box.height) / MM - 700) < 0.1
    titles = [c.title for c in example_project.document.cards(example_project.document.journeys()[0].id)]
    text = reader.pages[0].extract_text()
    assert any(title.split()[0] in text for title in titles if any(ch in title for ch in "äöüß"))
    assert seen and "Saved 1 page" in dialog.status.text()
    assert not dialog.exporting and dialog.save_button.isEnabled()
    assert [p.name for p in out_dir.iterdir()] == ["Poster.pdf"]

    again = ExportDialog(example_project, None, "map", "en")
    qtbot.addWidget(again)
    options = again.options()
    assert (options.kind, options.paper, options.custom_width_mm, options.custom_height_mm) == ("poster", "custom",
                                                                                                1000.0, 700.0)


def test_cancel_leaves_no_file(export_dialog: ExportDialog, qtbot, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = export_dialog
    choose(dialog.kind, "tiles")
    choose(dialog.paper, "A0")
    choose(dialog.scale_mode, "fit")
    choose(dialog.tile_sheet, "A4")
    settle(qtbot, dialog)
    out = out_dir / "Kacheln.pdf"
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as finished:
        assert dialog.start_export(out)
        dialog.cancel_export()
    assert finished.args == [False]
    assert "cancelled" in dialog.status.text() and "no file was written" in dialog.status.text()
    assert list(out_dir.iterdir()) == []
    assert dialog.close_button.isEnabled() and dialog.save_button.isEnabled()


class CancelOnProgress(QObject):
    """Cancels the dialog's export from the GUI thread while the worker waits inside its progress call."""

    def __init__(self, dialog: ExportDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.calls: list[tuple[int, int]] = []

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self.calls.append((done, total))
        self.dialog.cancel_export()


def test_cancel_in_the_middle_of_drawing_leaves_no_file(export_dialog: ExportDialog, qtbot, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = export_dialog
    choose(dialog.kind, "tiles")
    choose(dialog.paper, "A0")
    choose(dialog.scale_mode, "fit")
    settle(qtbot, dialog)
    canceller = CancelOnProgress(dialog)
    out = out_dir / "Kacheln.pdf"
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as finished:
        assert dialog.start_export(out)
        assert dialog._worker is not None
        # the worker blocks in its progress call until the GUI thread has cancelled: the next answer is False
        dialog._worker.progressed.connect(canceller.on_progress, Qt.ConnectionType.BlockingQueuedConnection)
    assert finished.args == [False]
    assert canceller.calls and canceller.calls[0][0] < canceller.calls[0][1]  # cancelled before the end
    assert "cancelled" in dialog.status.text()
    assert list(out_dir.iterdir()) == []


def test_an_existing_file_stays_when_the_export_is_cancelled(export_dialog: ExportDialog, qtbot,  # type: ignore[no-untyped-def]
                                                            out_dir: Path) -> None:
    dialog = export_dialog
    out = out_dir / "alt.pdf"
    out.write_bytes(b"%PDF-1.4 the old export")
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000):
        dialog.start_export(out)
        dialog.cancel_export()
    assert out.read_bytes() == b"%PDF-1.4 the old export"
    assert [p.name for p in out_dir.iterdir()] == ["alt.pdf"]


def test_an_impossible_poster_explains_the_limit_and_offers_tiling(export_dialog: ExportDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = export_dialog
    choose(dialog.kind, "poster")
    choose(dialog.paper, "auto")
    choose(dialog.scale_mode, "percent")
    dialog.scale_percent.setValue(1500)
    settle(qtbot, dialog)
    assert dialog.plan is None and dialog.error is not None and dialog.error.code == "page_too_large"
    assert dialog.limit_box.isVisible()
    assert "5,080 mm" in dialog.limit_text.text() and "tiles" in dialog.limit_text.text()
    assert not dialog.save_button.isEnabled()
    assert dialog.limit_scale.isVisible()
    dialog.grab().save(str(SCREENSHOTS / "export-dialog-limit.png"))
    qtbot.mouseClick(dialog.limit_tile, Qt.MouseButton.LeftButton)
    assert dialog.kind.currentData() == "tiles" and isinstance(dialog.plan, TilePlan)
    assert not dialog.limit_box.isVisible() and dialog.save_button.isEnabled()
    assert dialog.plan.poster.scale == pytest.approx(15.0)

    choose(dialog.kind, "poster")
    settle(qtbot, dialog)
    assert dialog.limit_box.isVisible()
    qtbot.mouseClick(dialog.limit_scale, Qt.MouseButton.LeftButton)
    assert isinstance(dialog.plan, PosterPlan) and not dialog.limit_box.isVisible()
    assert max(dialog.plan.page_width_mm, dialog.plan.page_height_mm) <= 5080.0



def test_the_dialog_and_its_refusals_are_in_the_ui_language(german, qtbot, example_project) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(example_project, None, "map", "de")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Exportieren / Drucken"
    assert dialog.save_button.text() == "Als PDF &speichern…"
    choose(dialog.kind, "poster")
    choose(dialog.paper, "A4")
    choose(dialog.scale_mode, "percent")
    dialog.scale_percent.setValue(400)
    dialog.refresh()
    assert dialog.error is not None and dialog.error.code == "does_not_fit"
    assert dialog.summary.text().startswith("Bei 400 % braucht die Karte")
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    choose(dialog.paper, "auto")
    dialog.scale_percent.setValue(1500)
    dialog.refresh()
    assert dialog.limit_box.isVisibleTo(dialog) and "5.080 mm" in dialog.limit_text.text()
    assert dialog.limit_tile.text() == "Auf A4-Blätter kacheln"


def test_a_report_is_written_through_the_dialog(export_dialog: ExportDialog, qtbot, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = export_dialog
    choose(dialog.kind, "report")
    choose(dialog.report_paper, "letter")
    settle(qtbot, dialog)
    assert dialog.plan is None and not dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    out = out_dir / "Bericht.pdf"
    with qtbot.waitSignal(dialog.exportFinished, timeout=120_000) as finished:
        dialog.start_export(out)
    assert finished.args == [True]
    reader = PdfReader(out)
    assert len(reader.pages) > 3
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 612) < 0.3 and abs(float(box.height) - 792) < 0.3


def test_the_image_dialog_opens_from_the_menu(main_window, qtbot, example_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert main_window.open_path(example_file)
    main_window.act_export_image.trigger()
    dialog = main_window.export_dialog
    assert isinstance(dialog, ImageExportDialog) and dialog.isVisible()
    assert dialog.journey_id == main_window.current_journey_id() and dialog.view == "map"
    dialog.close()


def test_the_save_button_asks_for_a_file_and_writes_it(export_dialog: ExportDialog, qtbot, out_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog
    from ui_helpers import answer_next_modal

    dialog = export_dialog
    choose(dialog.kind, "poster")
    choose(dialog.paper, "A3")
    choose(dialog.orientation, "landscape")
    settle(qtbot, dialog)
    target = out_dir / "Gewählt"  # the dialog adds .pdf

    def pick(modal) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(modal, QFileDialog)
        modal.selectFile(str(target))
        modal.accept()

    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000):
        answer_next_modal(pick)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = PdfReader(out_dir / "Gewählt.pdf").pages[0].mediabox
    assert abs(float(box.width) / MM - 420) < 0.1 and abs(float(box.height) / MM - 297) < 0.1
    assert last_folder() == str(out_dir)  # the next file dialog starts there
