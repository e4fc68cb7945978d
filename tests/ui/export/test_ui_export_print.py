"""Printing from the dialog into a QPrinter set to PDF output: one page per tile sheet (plus the assembly page), sizes as planned."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from cxstudio.export.paper import MM
from cxstudio.export.tiles import TilePlan
from cxstudio.ui.export.dialog import ExportDialog


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def page_text(page) -> str:  # type: ignore[no-untyped-def]
    """A page's text with every run of white space as one space (Qt's PDFs separate words with tabs)."""
    return " ".join(page.extract_text().split())


def choose(combo, data: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(data))


def test_printing_tiles_gives_one_page_per_sheet(export_dialog: ExportDialog, tmp_path: Path,
                                                 example_project) -> None:  # type: ignore[no-untyped-def]
    dialog = export_dialog
    choose(dialog.kind, "tiles")
    choose(dialog.paper, "auto")
    choose(dialog.scale_mode, "percent")
    dialog.scale_percent.setValue(60)
    choose(dialog.tile_sheet, "A4")
    dialog.refresh()
    plan = dialog.plan
    assert isinstance(plan, TilePlan) and plan.sheet_count > 2
    out = tmp_path / "gedruckt.pdf"
    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    assert dialog.print_to(pdf_printer(out))
    assert steps[-1] == plan.sheet_count and not dialog.progress.isVisible()
    assert dialog.status.text() == "Sent to the printer."
    reader = PdfReader(out)
    assert len(reader.pages) == plan.sheet_count
    for page in reader.pages:
        width, height = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
        expected = (plan.sheet_width / MM, plan.sheet_height / MM)
        assert abs(width - expected[0]) < 0.5 and abs(height - expected[1]) < 0.5
    assembly = page_text(reader.pages[0])
    assert "Assembly plan" in assembly
    sheet_texts = [page_text(page) for page in reader.pages[1:]]
    for sheet, text in zip(plan.printed, sheet_texts, strict=True):
        assert sheet.key in text  # each sheet carries its label
    card_words = {word for card in example_project.document.cards(plan.poster.journey_id)
                  for word in card.title.split() if len(word) > 5 and word.isalpha()}
    printed = " ".join(sheet_texts)
    assert sum(word in printed for word in card_words) > len(card_words) * 0.8  # the map is vector text


def test_printing_a_poster_gives_one_page_of_the_paper(export_dialog: ExportDialog, tmp_path: Path) -> None:
    dialog = export_dialog
    choose(dialog.kind, "poster")
    choose(dialog.paper, "A2")
    choose(dialog.orientation, "portrait")
    choose(dialog.scale_mode, "fit")
    out = tmp_path / "poster.pdf"
    assert dialog.print_to(pdf_printer(out))
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / MM - 420) < 0.5 and abs(float(box.height) / MM - 594) < 0.5
    assert "Reklamation der Jahresabrechnung" in page_text(reader.pages[0])
