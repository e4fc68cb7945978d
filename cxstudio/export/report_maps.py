"""The journey maps of the client report: a journey's overview map and its detail pages, and their layouts' lifetime.

A journey's layout is by far the largest thing a report builds (about 7 KB per card). `MapLayouts` keeps
only the journey being worked on: its layout is made when the journey's flowables are made and again
when its maps are drawn (journeys are drawn in order), and let go when the next journey begins, so a
report's memory does not grow with the number of journeys laid out before.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from cxstudio.export.draw import LayoutPainter, MapSlice, layout_for_print
from cxstudio.export.report_canvas import DraftCanvas
from cxstudio.export.report_overview import JourneyOverview
from cxstudio.export.slices import DetailPage, draw_page
from cxstudio.layout.geometry import Rect
from cxstudio.layout.journey import ViewKind
from cxstudio.layout.result import JourneyLayout
from cxstudio.model.document import Document

OVERVIEW_MIN_TEXT_PT = 6.0  # a journey's map is printed whole on its overview page when its smallest text is this big


class MapLayouts:
    """The layout and painter of one journey at a time (the one asked for last)."""

    def __init__(self, doc: Document, view: ViewKind, language: str) -> None:
        self.doc, self.view, self.language = doc, view, language
        self._journey_id: str | None = None
        self._painter: LayoutPainter | None = None

    def painter(self, journey_id: str) -> LayoutPainter:
        if self._painter is None or self._journey_id != journey_id:
            self._painter = None  # the journey before is let go before the next is laid out
            layout = layout_for_print(self.doc, journey_id, self.view)
            self._painter = LayoutPainter(None, self.doc, layout, self.language)
            self._journey_id = journey_id
        return self._painter

    def layout(self, journey_id: str) -> JourneyLayout:
        return self.painter(journey_id).layout

    def release(self) -> None:
        self._painter = self._journey_id = None


class MapPage(Flowable):
    """One detail page of a journey map (panels of stages x rows, slices.py), drawn through the same painter
    as the poster, scaled into the frame."""

    def __init__(self, maps: MapLayouts, journey_id: str, region: Rect, part: DetailPage, language: str,
                 draft_pages: int = 0) -> None:
        super().__init__()
        self.maps, self.journey_id, self.region = maps, journey_id, region
        self.part = part
        self.language = language
        self.draft_pages = draft_pages  # detail pages after this one, left out of the draft pass and counted here
        self.drawn_scale = part.scale
        self.width = part.width
        self.height = part.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # shrink (never grow) to the room left under the journey's heading, so the map stays on its page
        shrink = min(1.0, available_width / self.part.width, max(available_height, 1.0) / self.part.height)
        self.drawn_scale = self.part.scale * shrink
        self.width = self.part.width * shrink
        self.height = self.part.height * shrink
        return (self.width, self.height)

    def draw(self) -> None:
        if isinstance(self.canv, DraftCanvas):
            # the first pass only counts pages for the contents; it is never saved
            if self.draft_pages:
                skip_draft_pages(self.canv, self.draft_pages)
            return
        painter = self.maps.painter(self.journey_id)
        painter.canvas = self.canv
        draw_page(painter, self.part, 0.0, self.height, self.drawn_scale, self.language, self.region)


def skip_draft_pages(canvas: Any, count: int) -> None:
    """Count `count` pages of the draft pass as done without laying them out: the page numbers go on as if
    they had been (their flowables are left out of that pass's story)."""
    doc = canvas._doctemplate
    doc.page += count
    canvas._pageNumber += count


class OverviewMap(Flowable):
    """A journey's overview in the room left on its first page: the whole map where its smallest text stays at
    least OVERVIEW_MIN_TEXT_PT, else the stages x lanes summary with the emotion curve."""

    def __init__(self, maps: MapLayouts, journey_id: str, region: Rect, smallest: float,
                 summary: JourneyOverview) -> None:
        super().__init__()
        self.maps, self.journey_id = maps, journey_id
        self.region, self.smallest, self.summary = region, smallest, summary
        self.scale = 0.0
        self.whole_map = False

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.scale = min(available_width / self.region.width, max(available_height, 1.0) / self.region.height)
        self.whole_map = self.scale * self.smallest >= OVERVIEW_MIN_TEXT_PT - 1e-9
        if self.whole_map:
            self.width, self.height = self.region.width * self.scale, self.region.height * self.scale
            return self.width, self.height
        self.width, self.height = self.summary.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self) -> None:
        if isinstance(self.canv, DraftCanvas):
            return
        if self.whole_map:
            painter = self.maps.painter(self.journey_id)
            painter.canvas = self.canv
            region = self.region
            painter.draw_part(0.0, self.height, self.scale,
                              MapSlice(region.x, region.right, region.y, region.bottom, 0.0, 0.0, self.scale))
            return
        self.summary.canv = self.canv
        self.summary.draw()
