"""The Export / Print and Export Image dialogs offer the persona band and the actions lane, start as the View menu
shows them, and the PDF and PNG follow the check boxes (clicked, not set)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pdfplumber
from PySide6.QtCore import Qt

from cxstudio.cli_export import png_size
from cxstudio.layout import DEFAULT_SETTINGS, ViewKind, layout_journey
from cxstudio.model.entities import Action
from cxstudio.ui.export.dialog import ExportDialog
from cxstudio.ui.export.image_dialog import ImageExportDialog

QUOTE_WORD = "Schnäppchen"  # from the quote of the example's persona, printed only in the persona band


def _first_action_line(window) -> str:  # type: ignore[no-untyped-def]
    """The first line of the first action in the current journey's actions lane (titles wrap in the lane)."""
    doc = window.project.document
    settings = dataclasses.replace(DEFAULT_SETTINGS, actions_lane=True)
    lane = layout_journey(doc, window.current_journey_id(), ViewKind.MAP, settings).actions_lane
    assert lane is not None and lane.notes
    assert doc.get(lane.notes[0].action_id, Action).title.startswith(lane.notes[0].title_lines[0].text)
    return lane.notes[0].title_lines[0].text


def _pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return " ".join(pdf.pages[0].extract_text().split())


def _click(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    before = box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked() != before


def _set_view_switches(window, band: bool, lane: bool) -> None:  # type: ignore[no-untyped-def]
    extras = window.map_extras
    for action, wanted in ((extras.act_persona_band, band), (extras.act_actions_lane, lane)):
        if action.isChecked() != wanted:
            action.trigger()  # as View > Persona Band / Actions Lane
        assert action.isChecked() == wanted


def test_the_export_dialog_starts_as_the_view_menu_and_the_pdf_follows_the_clicks(
        main_window, qtbot, example_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main_window.open_path(example_file)
    title = _first_action_line(main_window)
    _set_view_switches(main_window, band=False, lane=True)
    main_window.act_export.trigger()
    dialog = main_window.export_dialog
    assert isinstance(dialog, ExportDialog)
    qtbot.waitExposed(dialog)
    assert not dialog.persona_band_box.isChecked() and dialog.actions_lane_box.isChecked()
    assert dialog.plan is not None and dialog.plan.layout.persona_band is None
    assert dialog.plan.layout.actions_lane is not None  # the preview's plan follows the boxes too

    dialog.paper.setCurrentIndex(dialog.paper.findData("A1"))
    first = tmp_path / "lane.pdf"
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as finished:
        assert dialog.start_export(first)
    assert finished.args == [True], dialog.status.text()
    text = _pdf_text(first)
    assert title in text and "Maßnahmen" in text and QUOTE_WORD not in text

    _click(qtbot, dialog.persona_band_box)
    _click(qtbot, dialog.actions_lane_box)
    qtbot.waitUntil(lambda: not dialog._refresh_timer.isActive(), timeout=5000)
    assert dialog.plan is not None and dialog.plan.layout.persona_band is not None
    second = tmp_path / "band.pdf"
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as finished:
        assert dialog.start_export(second)
    assert finished.args == [True], dialog.status.text()
    text = _pdf_text(second)
    assert QUOTE_WORD in text and title not in text and "Maßnahmen" not in text

    dialog.kind.setCurrentIndex(dialog.kind.findData("report"))  # the report's maps are plain: no switches
    assert dialog.switches_row.isHidden()
    dialog.close()
    # the View menu is what the map shows; the dialog's clicks did not change it
    assert not main_window.map_extras.act_persona_band.isChecked()
    assert main_window.map_extras.act_actions_lane.isChecked()


def test_the_image_dialog_offers_the_switches_and_the_png_follows_them(
        main_window, qtbot, example_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert main_window.open_path(example_file)
    _set_view_switches(main_window, band=True, lane=False)
    main_window.act_export_image.trigger()
    dialog = main_window.export_dialog
    assert isinstance(dialog, ImageExportDialog)
    qtbot.waitExposed(dialog)
    assert dialog.persona_band_box.isChecked() and not dialog.actions_lane_box.isChecked()
    dialog.dpi.setValue(36)
    sizes = []
    for box in (None, dialog.persona_band_box, dialog.actions_lane_box):
        if box is not None:
            _click(qtbot, box)
        out = tmp_path / f"map{len(sizes)}.png"
        assert dialog.export_to(out), dialog.status.text()
        size = png_size(out)
        assert size is not None and f"{size[0]} × {size[1]} pixels" in dialog.size_label.text()
        sizes.append(size)
    with_band, plain, with_lane = (height for _width, height in sizes)
    assert plain < with_band and plain < with_lane  # the band above the map, the lane below it
    dialog.close()
