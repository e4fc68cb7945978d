"""The map's filter in the editor's exports: poster, tiles, printing and images fade exactly the cards the canvas fades."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pypdf import PdfReader
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from cxstudio.export.highlight import VEIL_ALPHA
from cxstudio.export.poster import PosterPlan
from cxstudio.export.tiles import TilePlan
from cxstudio.ui.export.dialog import ExportDialog
from cxstudio.ui.export.image_dialog import ImageExportDialog
from cxstudio.ui.export.images import journey_scene, map_rect

SCREENSHOTS = Path("/tmp/cxstudio-export-screens")
WHITE = (1.0, 1.0, 1.0)
TOLERANCE = 0.6  # points


def filter_pain_points(window, qtbot, example_file: Path) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """Open the example, tick "Pain points" in the map's filter bar; the ids the canvas dims."""
    assert window.open_path(example_file)
    bar = window.analytics.filter_bar
    qtbot.mouseClick(bar.pain_point, Qt.MouseButton.LeftButton)
    dimmed = window.canvas.journey_scene.dim_layer.dimmed_ids
    document = window.project.document
    cards = document.cards(window.canvas.journey_id())
    assert dimmed and dimmed == {c.id for c in cards if not (c.pain_point or c.kind == "pain_point")}
    return dimmed


def open_export(window) -> ExportDialog:  # type: ignore[no-untyped-def]
    window.act_export.trigger()
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog)
    return dialog


def choose(combo, data: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def veiled_cards(path: Path, plan: PosterPlan) -> set[str]:
    """The cards with a white filled rounded rectangle one point larger than the card over them (highlight.py's veil)."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        whites = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.curves
                  if c["fill"] and tuple(round(v, 3) for v in c["non_stroking_color"] or ()) == WHITE]
    found = set()
    for card_id, box in plan.layout.cards.items():
        x, y = plan.to_page(box.rect.x - 1, box.rect.y - 1)
        veil = (x, y, x + (box.rect.width + 2) * plan.scale, y + (box.rect.height + 2) * plan.scale)
        if any(all(abs(a - b) <= TOLERANCE for a, b in zip(veil, rect, strict=True)) for rect in whites):
            found.add(card_id)
    return found


def fill_alphas(path: Path) -> set[float]:
    """The fill opacities (below 1) of the PDF's graphics states."""
    alphas = set()
    for page in PdfReader(str(path)).pages:
        states = page["/Resources"].get("/ExtGState", {})
        for state in states.values():
            alpha = float(state.get_object().get("/ca", 1))
            if alpha < 1:
                alphas.add(round(alpha, 2))
    return alphas


def test_the_export_fades_exactly_the_cards_the_canvas_fades(main_window, qtbot, example_file: Path,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    dimmed = filter_pain_points(main_window, qtbot, example_file)
    dialog = open_export(main_window)
    box = dialog.highlight_box
    assert box.isVisible() and box.isEnabled() and box.isChecked()
    assert box.text() == "Highlight the filtered cards (others faded)"
    choose(dialog.kind, "poster")
    choose(dialog.paper, "A3")
    choose(dialog.scale_mode, "fit")
    dialog.refresh()
    plan = dialog.plan
    assert isinstance(plan, PosterPlan) and plan.dimmed == dimmed, "print = screen"
    assert f"{len(dimmed)} cards the map's filter leaves out print faded." in dialog.summary.text()
    key = (plan.journey_id, "map", dimmed, dialog.options().layout_settings())
    assert key in dialog._thumbnails, "the preview shows the highlight"
    SCREENSHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SCREENSHOTS / "export-highlight.png"))

    out = tmp_path / "hervorgehoben.pdf"
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000) as finished:
        assert dialog.start_export(out)
    assert finished.args == [True], dialog.status.text()
    assert veiled_cards(out, plan) == dimmed & set(plan.layout.cards)
    assert round(VEIL_ALPHA, 2) in fill_alphas(out)

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not box.isChecked()
    dialog.refresh()
    plain_plan = dialog.plan
    assert isinstance(plain_plan, PosterPlan) and plain_plan.dimmed == frozenset()
    plain = tmp_path / "ohne.pdf"
    with qtbot.waitSignal(dialog.exportFinished, timeout=60_000):
        assert dialog.start_export(plain)
    assert veiled_cards(plain, plain_plan) == set() and not fill_alphas(plain)

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    choose(dialog.kind, "tiles")
    choose(dialog.tile_sheet, "A4")
    dialog.refresh()
    tiles = dialog.plan
    assert isinstance(tiles, TilePlan) and tiles.poster.dimmed == dimmed
    dialog.close()


def test_printing_fades_the_filtered_out_cards(main_window, qtbot, example_file: Path,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    dimmed = filter_pain_points(main_window, qtbot, example_file)
    dialog = open_export(main_window)
    choose(dialog.kind, "poster")
    choose(dialog.paper, "A3")
    choose(dialog.orientation, "landscape")
    choose(dialog.scale_mode, "fit")
    dialog.refresh()
    plan = dialog.plan
    assert isinstance(plan, PosterPlan) and plan.dimmed == dimmed
    out = tmp_path / "gedruckt.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer)
    assert fill_alphas(out), "the veils are translucent"
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        scale = float(page.width) / plan.page_width
        whites = [(c["x0"] / scale, c["top"] / scale, c["x1"] / scale, c["bottom"] / scale) for c in page.curves
                  if c["fill"] and tuple(round(v, 3) for v in c["non_stroking_color"] or ()) == WHITE]
    veiled = set()
    for card_id, box in plan.layout.cards.items():
        x, y = plan.to_page(box.rect.x - 1, box.rect.y - 1)
        veil = (x, y, x + (box.rect.width + 2) * plan.scale, y + (box.rect.height + 2) * plan.scale)
        if any(all(abs(a - b) <= TOLERANCE for a, b in zip(veil, rect, strict=True)) for rect in whites):
            veiled.add(card_id)
    assert veiled == dimmed & set(plan.layout.cards)
    dialog.close()


def _lightness(image: QImage, rect) -> float:  # type: ignore[no-untyped-def]
    """The mean lightness (0-255) of the pixels inside `rect` (pixels)."""
    total = count = 0
    for y in range(int(rect.top()) + 2, int(rect.bottom()) - 2, 2):
        for x in range(int(rect.left()) + 2, int(rect.right()) - 2, 2):
            total += image.pixelColor(x, y).lightness()
            count += 1
    return total / max(count, 1)


def test_the_image_fades_the_filtered_out_cards(main_window, qtbot, example_file: Path,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    dimmed = filter_pain_points(main_window, qtbot, example_file)
    main_window.act_export_image.trigger()
    dialog = main_window.export_dialog
    assert isinstance(dialog, ImageExportDialog)
    box = dialog.highlight_box
    assert box.isVisible() and box.isChecked() and dialog.dimmed() == dimmed
    dialog.format.setCurrentIndex(dialog.format.findData("png"))
    dialog.dpi.setValue(72)
    faded, plain = tmp_path / "hervorgehoben.png", tmp_path / "ohne.png"
    assert dialog.export_to(faded), dialog.status.text()
    box.setChecked(False)
    assert dialog.dimmed() == frozenset()
    assert dialog.export_to(plain), dialog.status.text()
    faded_image, plain_image = QImage(str(faded)), QImage(str(plain))
    assert faded_image.size() == plain_image.size()
    with journey_scene(main_window.project, dialog.journey_id, dialog.view, settings=dialog.layout_settings()) as scene:
        source = map_rect(scene)
        rects = {card_id: QRectF(box.rect.x - source.x(), box.rect.y - source.y(), box.rect.width, box.rect.height)
                 for card_id, box in scene.layout.cards.items()}  # 72 dpi: a pixel a point
    lit = set(rects) - dimmed
    assert lit
    for card_id, rect in rects.items():
        before, after = _lightness(plain_image, rect), _lightness(faded_image, rect)
        if card_id in dimmed:
            assert after > before + 5, f"dimmed card {card_id} is not lighter"
        else:
            assert abs(after - before) < 0.5, f"matching card {card_id} changed"
    dialog.close()


def test_without_a_filter_nothing_changes(main_window, qtbot, example_file: Path) -> None:  # type: ignore[no-untyped-def]
    assert main_window.open_path(example_file)
    dialog = open_export(main_window)
    assert not dialog.highlight_box.isVisible() and not dialog.highlight_box.isEnabled()
    assert not dialog.highlighting() and not dialog.options().highlight.active
    plan = dialog.plan
    assert isinstance(plan, PosterPlan) and plan.dimmed == frozenset()
    assert "faded" not in dialog.summary.text()
    dialog.close()
    main_window.act_export_image.trigger()
    image_dialog = main_window.export_dialog
    assert isinstance(image_dialog, ImageExportDialog)
    assert not image_dialog.highlight_box.isVisible() and image_dialog.dimmed() == frozenset()
    image_dialog.close()
