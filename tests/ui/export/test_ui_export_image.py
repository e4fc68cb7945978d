"""File > Export Image: PNG whose pixel size follows the DPI, SVG with card titles as text, one sentence for bad targets."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtGui import QImage

from cxstudio.layout import ViewKind, layout_journey
from cxstudio.ui.export.image_dialog import ImageExportDialog
from cxstudio.ui.export.images import png_size

SVG = "{http://www.w3.org/2000/svg}"
SCREENSHOTS = Path("/tmp/cxstudio-export-screens")


def open_image_dialog(window, example_file: Path, view: str) -> ImageExportDialog:  # type: ignore[no-untyped-def]
    assert window.open_path(example_file)
    window.set_view(view)
    window.act_export_image.trigger()
    dialog = window.export_dialog
    assert isinstance(dialog, ImageExportDialog)
    return dialog


def test_png_from_the_editor_follows_the_dpi(main_window, example_file: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_image_dialog(main_window, example_file, "map")
    try:
        sizes = []
        for dpi in (72, 216):
            dialog.format.setCurrentIndex(dialog.format.findData("png"))
            dialog.dpi.setValue(dpi)
            out = tmp_path / f"karte-{dpi}.png"
            assert dialog.export_to(out), dialog.status.text()
            image = QImage(str(out))
            assert not image.isNull()
            assert (image.width(), image.height()) == (png_size(dialog.source, dpi).width(),
                                                       png_size(dialog.source, dpi).height())
            assert round(image.dotsPerMeterX() * 0.0254) == dpi
            assert f"{image.width()} × {image.height()} pixels" in dialog.size_label.text()
            sizes.append((image.width(), image.height()))
        assert abs(sizes[1][0] - 3 * sizes[0][0]) <= 2 and abs(sizes[1][1] - 3 * sizes[0][1]) <= 2
        # the whole map, not only the part the canvas shows: the image holds more than the viewport
        viewport = main_window.canvas.viewport().size()
        assert sizes[0][1] > viewport.height() / main_window.canvas.zoom_factor()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENSHOTS / "image-dialog.png"))
    finally:
        dialog.close()


def test_svg_from_the_editor_keeps_titles_with_umlauts_as_text(main_window, example_file: Path,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    dialog = open_image_dialog(main_window, example_file, "blueprint")
    try:
        dialog.format.setCurrentIndex(dialog.format.findData("svg"))
        assert not dialog.dpi.isEnabled()
        out = tmp_path / "blueprint.svg"
        assert dialog.export_to(out), dialog.status.text()
        root = ElementTree.parse(out).getroot()
        words = " ".join(" ".join("".join(e.itertext()) for e in root.iter(f"{SVG}text")).split())
        document = main_window.project.document
        journey_id = main_window.current_journey_id()
        shown = layout_journey(document, journey_id, ViewKind.BLUEPRINT).cards
        titles = [card.title for card in document.cards(journey_id) if card.id in shown]
        assert any(ch in " ".join(titles) for ch in "äöüß")
        for title in titles:
            for word in title.split():
                assert word in words, f"{word!r} of {title!r} is not text in the SVG"
        assert not list(root.iter(f"{SVG}image"))
    finally:
        dialog.close()


def test_an_unwritable_image_is_one_sentence_and_leaves_nothing(main_window, example_file: Path,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    dialog = open_image_dialog(main_window, example_file, "map")
    try:
        target = tmp_path / "fehlt" / "karte.png"
        assert not dialog.export_to(target)
        assert dialog.status.text() == f"The image could not be written to '{target}' (the folder does not exist)."
        dialog.format.setCurrentIndex(dialog.format.findData("svg"))
        folder = tmp_path / "ordner.svg"
        folder.mkdir()
        assert not dialog.export_to(folder)
        assert "it is a folder" in dialog.status.text()
        assert not [p.name for p in tmp_path.iterdir() if p.suffix in (".png", ".svg") and p != folder]
        assert list(folder.iterdir()) == []
    finally:
        dialog.close()
