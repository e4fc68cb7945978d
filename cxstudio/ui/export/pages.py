"""Painting planned pages with QPainter in page points: a poster page, a tile sheet, the tile grid and the assembly page.

The same functions draw the dialog's live preview (the map as a thumbnail image) and the pages
sent to a printer (the map drawn in vector by the canvas's scene). Page geometry comes from the
exporters' plans (`plan_poster` / `plan_tiles`), so preview, print and PDF agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen

from cxstudio.export.poster import PosterPlan
from cxstudio.export.tiles import (
    ASSEMBLY_LABEL_PT,
    EDGE_CLEARANCE,
    MARK_GAP,
    MARK_LENGTH,
    TilePlan,
    TileSheet,
    poster_schematic,
)
from cxstudio.layout.geometry import Rect
from cxstudio.ui.canvas.scene import JourneyScene
from cxstudio.ui.canvas.text import draw_text, text_width

# draws the layout area `source` of the map into `target` (both in the painter's current coordinates / layout points)
MapDrawer = Callable[[QPainter, QRectF, QRectF], None]

INK = QColor("#111827")
MUTED = QColor("#4b5563")
TITLE_FILL = QColor("#f3f4f6")
GUIDE = QColor("#e11d48")
EMPTY_FILL = QColor(156, 163, 175, 90)


@dataclass(frozen=True, slots=True)
class PageTexts:
    """What the printed pages say besides the map: the journey's and project's names, the date, the words."""

    journey: str
    project: str
    date: str
    assembly: str  # "Assembly plan"
    empty: str  # "empty" (a skipped sheet)


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.width, rect.height)


def scene_drawer(scene: JourneyScene) -> MapDrawer:
    """The map in vector, as the canvas draws it."""

    def draw(painter: QPainter, target: QRectF, source: QRectF) -> None:
        scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)

    return draw


def image_drawer(image: QImage, covers: QRectF) -> MapDrawer:
    """The map from a thumbnail `image` that shows the layout area `covers`."""

    def draw(painter: QPainter, target: QRectF, source: QRectF) -> None:
        kx = image.width() / max(covers.width(), 1e-9)
        ky = image.height() / max(covers.height(), 1e-9)
        pixels = QRectF((source.x() - covers.x()) * kx, (source.y() - covers.y()) * ky,
                        source.width() * kx, source.height() * ky)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, image, pixels)

    return draw


def fitted_text(painter: QPainter, text: str, x: float, baseline: float, size: float, width: float,
                bold: bool = False, colour: QColor = INK) -> None:
    """One line of text, shortened with an ellipsis to `width`."""
    shown = text
    while shown and text_width(shown, size, bold) > width:
        shown = shown[:-2] + "…" if len(shown) > 2 else ""
    painter.setPen(colour)
    draw_text(painter, x, baseline, shown, size, bold)


def paint_poster(painter: QPainter, plan: PosterPlan, draw_map: MapDrawer, texts: PageTexts,
                 window: QRectF | None = None) -> None:
    """The poster page in page points: white paper, a title block (journey, project, date) and the map.

    `window` (page points) limits the map to the part that is seen (a tile sheet), so a sheet draws
    only the cards on it.
    """
    painter.fillRect(QRectF(0, 0, plan.page_width, plan.page_height), Qt.GlobalColor.white)
    title = qrect(plan.title_rect)
    painter.fillRect(title, TITLE_FILL)
    pad = title.height() * 0.15
    room = max(1.0, title.width() - 2 * pad)
    size = max(4.0, min(title.height() * 0.42, room / max(text_width(texts.journey, 1.0, True), 1.0)))
    fitted_text(painter, texts.journey, title.x() + pad, title.y() + pad + size, size, title.width() - 2 * pad,
                bold=True)
    small = size * 0.45
    fitted_text(painter, f"{texts.project} · {texts.date}", title.x() + pad, title.y() + pad + size + small * 1.6,
                small, title.width() - 2 * pad, colour=MUTED)
    target = qrect(plan.map_rect)
    if window is not None:
        target = target.intersected(window)
        if target.isEmpty():
            return
    region = plan.region
    source = QRectF(region.x + (target.x() - plan.map_rect.x) / plan.scale,
                    region.y + (target.y() - plan.map_rect.y) / plan.scale,
                    target.width() / plan.scale, target.height() / plan.scale)
    painter.save()
    painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
    draw_map(painter, target, source)
    painter.restore()


def paint_tile_grid(painter: QPainter, tiles: TilePlan, texts: PageTexts, line_width: float) -> None:
    """Over the poster (page points): each sheet's window; skipped sheets greyed and marked as empty."""
    label = max(6.0, min(tiles.content_width, tiles.content_height) * 0.12)
    for sheet in tiles.sheets:
        rect = qrect(sheet.source)
        if sheet.empty:
            painter.fillRect(rect, QBrush(EMPTY_FILL, Qt.BrushStyle.SolidPattern))
            painter.fillRect(rect, QBrush(QColor(107, 114, 128, 120), Qt.BrushStyle.BDiagPattern))
        painter.setPen(QPen(GUIDE, line_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        text = sheet.key if not sheet.empty else f"{sheet.key} – {texts.empty}"
        painter.setPen(GUIDE if not sheet.empty else MUTED)
        fitted_text(painter, text, rect.x() + label * 0.4, rect.y() + label * 1.2, label, rect.width() - label * 0.8,
                    bold=True, colour=GUIDE if not sheet.empty else MUTED)


def _crop_marks(painter: QPainter, content: QRectF) -> None:
    painter.setPen(QPen(Qt.GlobalColor.black, 0.3))
    for x, y, sx, sy in ((content.left(), content.top(), -1, -1), (content.right(), content.top(), 1, -1),
                         (content.left(), content.bottom(), -1, 1), (content.right(), content.bottom(), 1, 1)):
        painter.drawLine(QPointF(x + sx * MARK_GAP, y), QPointF(x + sx * (MARK_GAP + MARK_LENGTH), y))
        painter.drawLine(QPointF(x, y + sy * MARK_GAP), QPointF(x, y + sy * (MARK_GAP + MARK_LENGTH)))


def paint_sheet(painter: QPainter, tiles: TilePlan, sheet: TileSheet, draw_map: MapDrawer, texts: PageTexts) -> None:
    """One tile sheet in sheet points: its window of the poster, crop marks, overlap guides and a label."""
    painter.fillRect(QRectF(0, 0, tiles.sheet_width, tiles.sheet_height), Qt.GlobalColor.white)
    content = QRectF(tiles.margin, tiles.margin, tiles.content_width, tiles.content_height)
    painter.save()
    painter.setClipRect(content, Qt.ClipOperation.IntersectClip)
    painter.translate(tiles.margin - sheet.source.x, tiles.margin - sheet.source.y)
    paint_poster(painter, tiles.poster, draw_map, texts, window=qrect(sheet.source))
    painter.restore()
    painter.setPen(QPen(GUIDE, 0.3, Qt.PenStyle.DashLine))
    overlap = tiles.overlap
    if overlap > 0:
        if sheet.col > 1:
            painter.drawLine(QPointF(content.left() + overlap, content.top()),
                             QPointF(content.left() + overlap, content.bottom()))
        if sheet.row > 1:
            painter.drawLine(QPointF(content.left(), content.top() + overlap),
                             QPointF(content.right(), content.top() + overlap))
    _crop_marks(painter, content)
    label = f"{sheet.key} · {texts.journey} · {texts.project} · {texts.date}"
    # the label's descenders end 6 mm above the sheet's edge, outside what office printers cannot print
    fitted_text(painter, label, tiles.margin, tiles.sheet_height - EDGE_CLEARANCE - 0.25 * 7.0, 7.0,
                tiles.content_width, colour=MUTED)


def paint_assembly(painter: QPainter, tiles: TilePlan, draw_map: MapDrawer, texts: PageTexts,
                   hint: str = "") -> None:
    """The assembly page in sheet points: a heading and the grid of sheets over a text-free schematic of the
    poster (`draw_map` is not used: a thumbnail's text would print far below any minimum size)."""
    width, height, margin = tiles.sheet_width, tiles.sheet_height, tiles.margin
    painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
    title, meta, small = (max(size, tiles.min_text) for size in (14.0, 9.0, 8.5))  # --min-text holds here too
    fitted_text(painter, f"{texts.assembly}: {texts.journey}", margin, margin + title, title, width - 2 * margin,
                bold=True)
    fitted_text(painter, f"{texts.project} · {texts.date}", margin, margin + title + 2 + meta * 1.5, meta,
                width - 2 * margin, colour=MUTED)
    if hint:
        fitted_text(painter, hint, margin, margin + title + 2 + meta * 1.5 + small * 1.6, small, width - 2 * margin)
    area = QRectF(margin, margin + 54, width - 2 * margin, height - 2 * margin - 54)
    paint_grid_over_schematic(painter, tiles, texts, area)


def paint_grid_over_schematic(painter: QPainter, tiles: TilePlan, texts: PageTexts, area: QRectF) -> None:
    """The printed assembly page's grid: the poster as boxes without text (as in the PDF, export/tiles.py), the
    sheets' outlines, and each sheet's key at ASSEMBLY_LABEL_PT or --min-text, whichever is larger."""
    bounds = grid_bounds(tiles)
    scale = min(area.width() / bounds.width(), area.height() / bounds.height())
    ox = area.x() + (area.width() - bounds.width() * scale) / 2 - bounds.x() * scale
    oy = area.y() + (area.height() - bounds.height() * scale) / 2 - bounds.y() * scale
    poster = tiles.poster
    painter.save()
    painter.translate(ox, oy)
    painter.scale(scale, scale)
    painter.fillRect(QRectF(0, 0, poster.page_width, poster.page_height), Qt.GlobalColor.white)
    for box in poster_schematic(poster):
        painter.setBrush(QColor(box.fill))
        painter.setPen(QPen(QColor(box.outline), 0.5 / scale) if box.outline else Qt.PenStyle.NoPen)
        painter.drawRect(qrect(box.rect))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(MUTED, 0.8 / scale))
    painter.drawRect(QRectF(0, 0, poster.page_width, poster.page_height))
    for sheet in tiles.sheets:
        rect = qrect(sheet.source)
        if sheet.empty:
            painter.fillRect(rect, QBrush(EMPTY_FILL, Qt.BrushStyle.SolidPattern))
        painter.setPen(QPen(GUIDE, 1.2 / scale))
        painter.drawRect(rect)
    painter.restore()
    smallest = max(ASSEMBLY_LABEL_PT, tiles.min_text)
    for sheet in tiles.sheets:  # the keys in page points, never below the smallest label size
        cell = QRectF(ox + sheet.source.x * scale, oy + sheet.source.y * scale, sheet.source.width * scale,
                      sheet.source.height * scale)
        size = max(smallest, min(16.0, cell.width() / 5, cell.height() / 2.6))
        text = sheet.key if not sheet.empty else f"{sheet.key} – {texts.empty}"
        shown = text if text_width(text, size, True) <= cell.width() - 2 else sheet.key
        x = cell.center().x() - text_width(shown, size, True) / 2
        fitted_text(painter, shown, max(x, cell.x() + 1), cell.center().y() + size * 0.35, size,
                    max(cell.width() - 2, text_width(sheet.key, size, True)), bold=True,
                    colour=GUIDE if not sheet.empty else MUTED)


def grid_bounds(tiles: TilePlan) -> QRectF:
    """The poster page and every sheet's window, in poster points."""
    bounds = QRectF(0, 0, tiles.poster.page_width, tiles.poster.page_height)
    for sheet in tiles.sheets:
        bounds = bounds.united(qrect(sheet.source))
    return bounds


def paint_grid_over_poster(painter: QPainter, tiles: TilePlan, draw_map: MapDrawer, texts: PageTexts,
                           area: QRectF) -> None:
    """The poster scaled into `area` with the sheet grid over it (the preview and the assembly page)."""
    bounds = grid_bounds(tiles)
    scale = min(area.width() / bounds.width(), area.height() / bounds.height())
    painter.save()
    painter.translate(area.x() + (area.width() - bounds.width() * scale) / 2 - bounds.x() * scale,
                      area.y() + (area.height() - bounds.height() * scale) / 2 - bounds.y() * scale)
    painter.scale(scale, scale)
    paint_poster(painter, tiles.poster, draw_map, texts)
    painter.setPen(QPen(MUTED, 0.8 / scale))
    painter.drawRect(QRectF(0, 0, tiles.poster.page_width, tiles.poster.page_height))
    paint_tile_grid(painter, tiles, texts, 1.2 / scale)
    painter.restore()


def paint_page_fitted(painter: QPainter, plan: PosterPlan, draw_map: MapDrawer, texts: PageTexts,
                      area: QRectF) -> None:
    """A poster page scaled into `area` with its outline (the preview)."""
    scale = min(area.width() / plan.page_width, area.height() / plan.page_height)
    painter.save()
    painter.translate(area.x() + (area.width() - plan.page_width * scale) / 2,
                      area.y() + (area.height() - plan.page_height * scale) / 2)
    painter.scale(scale, scale)
    paint_poster(painter, plan, draw_map, texts)
    painter.setPen(QPen(MUTED, 1.0 / scale))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(0, 0, plan.page_width, plan.page_height))
    painter.restore()
