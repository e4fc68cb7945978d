"""The same card drawn on screen (Qt, offscreen) and in the PDF (ReportLab, read back with pdfplumber) looks the same.

Outline width, corner radius and colours come from one style (`cxstudio.layout.style`); the text
is drawn at the layout's positions on both sides. The screen is measured in the pixels of the card
item rendered to a QImage, the print in the PDF's vector objects and characters, and the two
rasters are compared where text is concerned.
"""

from __future__ import annotations

import math
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsScene
from reportlab.pdfgen.canvas import Canvas

from cxstudio.content.templates import build_document
from cxstudio.export.draw import LayoutPainter
from cxstudio.layout import CardBox, JourneyLayout, Rect, card_style, layout_journey
from cxstudio.model.document import Document
from cxstudio.ui.canvas.items import CardItem
from cxstudio.ui.canvas.text import register_bundled_fonts

SCALE = 8  # pixels per point on both rasters
MARGIN = 6.0  # points of white around the card


@pytest.fixture(scope="module")
def example() -> tuple[Document, JourneyLayout]:
    doc = build_document("complaint-example", "de")
    return doc, layout_journey(doc, doc.journeys()[0].id)


def _card(layout: JourneyLayout, marked: bool) -> CardBox:
    for box in layout.cards.values():
        if (box.pain_point or box.moment_of_truth) == marked and box.title_lines:
            return box
    raise AssertionError("the example has no such card")


def _screen(box: CardBox) -> QImage:
    """The card item rendered alone, MARGIN points of white around it, SCALE pixels per point."""
    register_bundled_fonts()
    scene = QGraphicsScene()
    item = CardItem(box)
    scene.addItem(item)
    r = box.rect
    source = QRectF(r.x - MARGIN, r.y - MARGIN, r.width + 2 * MARGIN, r.height + 2 * MARGIN)
    image = QImage(int(source.width() * SCALE), int(source.height() * SCALE), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    scene.render(painter, QRectF(0, 0, image.width(), image.height()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    scene.removeItem(item)
    return image


def _pdf(doc: Document, layout: JourneyLayout, box: CardBox, path: Path) -> None:
    """The card as the poster draws it, at 100 %: the page shows the card's rectangle with MARGIN around it."""
    r = box.rect
    region = Rect(r.x - MARGIN, r.y - MARGIN, r.width + 2 * MARGIN, r.height + 2 * MARGIN)
    canvas = Canvas(str(path), pagesize=(region.width, region.height))
    LayoutPainter(canvas, doc, layout).draw_at(0.0, 0.0, 1.0, region.height, region, clip=True)
    canvas.showPage()
    canvas.save()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _close(pixel: QColor, colour: str, tolerance: int = 40) -> bool:
    red, green, blue = _rgb(colour)
    return abs(pixel.red() - red) + abs(pixel.green() - green) + abs(pixel.blue() - blue) <= tolerance


def _screen_outline_width(image: QImage, colour: str, x: float) -> float:
    """The outline's width in points, counted down the pixel column at `x` (points from the image's left) over the
    top edge."""
    column = int(x * SCALE)
    top = int(MARGIN * SCALE)
    rows = [y for y in range(top - 4 * SCALE, top + 4 * SCALE) if _close(image.pixelColor(column, y), colour, 60)]
    return len(rows) / SCALE


def _screen_corner_radius(image: QImage, colour: str, width: float) -> float:
    """The corner radius in points: where the outline crosses the diagonal from the card's top-left corner."""
    corner = MARGIN * SCALE
    for step in range(0, 8 * SCALE):
        if _close(image.pixelColor(int(corner + step), int(corner + step)), colour, 60):
            first = step / SCALE
            break
    else:
        raise AssertionError("no outline on the diagonal")
    # the stroke's outer edge meets the diagonal half a width before its centre line does
    return (first + width / 2 / math.sqrt(2)) / (1 - 1 / math.sqrt(2))


def _ink_box(pixels: list[tuple[int, int]]) -> tuple[float, float, float, float]:
    xs = [x for x, _ in pixels]
    ys = [y for _, y in pixels]
    return min(xs) / SCALE, min(ys) / SCALE, (max(xs) + 1) / SCALE, (max(ys) + 1) / SCALE


def _title_ink(get_pixel, size: tuple[int, int], box: CardBox, ink: str) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    """The ink box (points from the image's top-left) of the card's first title line, in colour `ink`."""
    line = box.title_lines[0]
    left = int((line.x - box.rect.x + MARGIN) * SCALE)
    right = int((box.rect.right - box.rect.x + MARGIN - 1) * SCALE)
    top = int((line.baseline - line.size - box.rect.y + MARGIN) * SCALE)
    bottom = int((line.baseline + line.size * 0.3 - box.rect.y + MARGIN) * SCALE)
    left = max(0, left - 2 * SCALE)
    found = [(x, y) for y in range(top, min(bottom, size[1])) for x in range(left, min(right, size[0]))
             if _close(get_pixel(x, y), ink, 120)]
    assert found, "no title ink"
    return _ink_box(found)


@pytest.mark.parametrize("marked", [False, True], ids=["plain card", "pain point or moment of truth"])
def test_a_card_looks_the_same_on_screen_and_in_the_pdf(
    qapp, example: tuple[Document, JourneyLayout], tmp_path: Path, marked: bool  # type: ignore[no-untyped-def]
) -> None:
    doc, layout = example
    box = _card(layout, marked)
    style = card_style(box.colour, box.text_colour, box.pain_point, box.moment_of_truth)
    r = box.rect

    # ---- print: the vector objects and characters of the PDF
    pdf = tmp_path / "card.pdf"
    _pdf(doc, layout, box, pdf)
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        outlines = [c for c in page.curves
                    if abs(c["x0"] - MARGIN) < 0.05 and abs(c["top"] - MARGIN) < 0.05
                    and abs(c["x1"] - (MARGIN + r.width)) < 0.05 and abs(c["bottom"] - (MARGIN + r.height)) < 0.05]
        assert len(outlines) == 1, "the card's outline is one path around its rectangle"
        outline = outlines[0]
        print_width = float(outline["linewidth"])
        print_radius = outline["pts"][0][0] - MARGIN  # the path starts where the top edge leaves the corner arc
        print_stroke = "#{:02x}{:02x}{:02x}".format(*(round(v * 255) for v in outline["stroking_color"]))
        print_fill = "#{:02x}{:02x}{:02x}".format(*(round(v * 255) for v in outline["non_stroking_color"]))
        title = box.title_lines[0]
        chars = [c for c in page.chars if abs(c["matrix"][5] - (page.height - (title.baseline - r.y + MARGIN))) < 0.05]
        assert "".join(c["text"] for c in chars).startswith(title.text.strip()[:5])
        first = chars[0]
        print_text_x, print_text_baseline = first["matrix"][4], page.height - first["matrix"][5]
        raster = page.to_image(resolution=72 * SCALE).original.convert("RGB")

    # ---- screen: the card item's pixels
    image = _screen(box)
    screen_fill = image.pixelColor(int((MARGIN + 3) * SCALE), int((MARGIN + r.height / 2) * SCALE))
    screen_stroke = image.pixelColor(int((MARGIN + r.width / 2) * SCALE), int(MARGIN * SCALE))
    screen_width = _screen_outline_width(image, style.outline, MARGIN + r.width / 2)
    screen_radius = _screen_corner_radius(image, style.outline, style.outline_width)

    # one style: the print follows it exactly, the screen within a pixel or two of antialiasing
    assert (print_width, print_radius, print_stroke, print_fill) == pytest.approx(
        (style.outline_width, style.radius, style.outline, style.fill))
    assert style.radius == 4.0 and style.outline_width == (1.8 if marked else 1.0)
    assert _close(screen_fill, style.fill, 6)
    assert _close(screen_stroke, style.outline, 24)
    assert screen_width == pytest.approx(print_width, abs=1 / SCALE)
    assert screen_radius == pytest.approx(print_radius, abs=0.75)

    # text: the PDF's characters sit at the layout's positions; the screen's ink matches the printed ink
    assert (print_text_x, print_text_baseline) == pytest.approx((title.x - r.x + MARGIN, title.baseline - r.y + MARGIN),
                                                                abs=0.02)
    screen_ink = _title_ink(image.pixelColor, (image.width(), image.height()), box, style.text)

    def printed_pixel(x: int, y: int) -> QColor:
        return QColor(*raster.getpixel((x, y)))

    print_ink = _title_ink(printed_pixel, raster.size, box, style.text)
    assert screen_ink == pytest.approx(print_ink, abs=0.5)
