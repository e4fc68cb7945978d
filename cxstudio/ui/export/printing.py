"""Printing a poster or tiled print on a QPrinter: each page drawn with QPainter from the plan, the map in vector."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from cxstudio.export.poster import PosterPlan
from cxstudio.export.tiles import TilePlan
from cxstudio.ui.export.pages import MapDrawer, PageTexts, paint_assembly, paint_poster, paint_sheet

POINTS_PER_INCH = 72.0


def page_size_points(plan: PosterPlan | TilePlan) -> tuple[float, float]:
    if isinstance(plan, TilePlan):
        return plan.sheet_width, plan.sheet_height
    return plan.page_width, plan.page_height


def prepare_printer(printer: QPrinter, plan: PosterPlan | TilePlan, title: str) -> None:
    """Give `printer` the plan's page size (exactly, in points), no margins, the full page, and a document name."""
    width, height = page_size_points(plan)
    portrait = width <= height
    size = QPageSize(QSizeF(min(width, height), max(width, height)), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    printer.setFullPage(True)
    printer.setDocName(title)


def page_count(plan: PosterPlan | TilePlan) -> int:
    return plan.sheet_count if isinstance(plan, TilePlan) else 1


def print_plan(printer: QPrinter, plan: PosterPlan | TilePlan, draw_map: MapDrawer, texts: PageTexts,
               assembly_hint: str = "", progress: Callable[[int, int], bool] | None = None) -> bool:
    """Print every page of `plan` (tiles: the assembly page, then each non-empty sheet) on `printer`.

    Call `prepare_printer` first (or let the user change the paper in the print dialog: the pages
    are then scaled to fit it). Returns False when the printer could not start or `progress`
    returned False (printing stops after the current page).
    """
    painter = QPainter()
    if not painter.begin(printer):
        return False
    total = page_count(plan)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        width, height = page_size_points(plan)
        for index in range(total):
            if index > 0 and not printer.newPage():
                return False
            painter.save()
            paper = printer.pageLayout().fullRectPixels(printer.resolution())
            scale = min(paper.width() / width, paper.height() / height)
            painter.scale(scale, scale)
            if isinstance(plan, TilePlan):
                if index == 0:
                    paint_assembly(painter, plan, draw_map, texts, assembly_hint)
                else:
                    paint_sheet(painter, plan, plan.printed[index - 1], draw_map, texts)
            else:
                paint_poster(painter, plan, draw_map, texts)
            painter.restore()
            if progress is not None and not progress(index + 1, total):
                return False
        return True
    finally:
        painter.end()
