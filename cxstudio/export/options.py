"""`ExportOptions`: one frozen set of choices for planning and writing posters, tiled prints and reports."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from dataclasses import dataclass

from cxstudio.export.paper import Orientation
from cxstudio.layout import DEFAULT_SETTINGS, LayoutSettings, ViewKind

AUTO_PAPER = "auto"  # a page sized to the map at the chosen scale
DEFAULT_OVERLAP_MM = 10.0


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What to print and how; every exporter reads the fields it needs and ignores the rest.

    `paper` None means each exporter's default: A0 for a poster, a page sized to the map for the
    poster behind a tiled print, A4 for a report. `scale`: 'fit', a number (1.0 = 100 %) or
    '50%'; None fits a poster to its paper and prints tiles at 100 % on a page sized to the map.
    `min_text_pt` asks for a scale at which every glyph of the page prints at least this large (it
    overrides `scale`). `sheet`, `sheet_orientation` and `overlap_mm` cut the poster into tiles;
    `journey_ids` chooses the report's journeys (None: all), `journey_id` the poster's (None: the
    first).
    """

    journey_id: str | None = None
    view: ViewKind | str = ViewKind.MAP
    paper: str | None = None
    orientation: str = Orientation.AUTO
    scale: str | float | None = None
    min_text_pt: float | None = None
    language: str | None = None
    date: _dt.date | None = None
    sheet: str = "A4"
    sheet_orientation: str = Orientation.AUTO
    overlap_mm: float = DEFAULT_OVERLAP_MM
    journey_ids: tuple[str, ...] | None = None
    persona_band: bool = False  # the journey's persona above the map (picture, quote, goals, frustrations)
    actions_lane: bool = False  # a row below the map listing each stage's actions

    def layout_settings(self) -> LayoutSettings:
        """The layout settings of a print with these choices (the map's switches on top of the defaults)."""
        return dataclasses.replace(DEFAULT_SETTINGS, persona_band=self.persona_band, actions_lane=self.actions_lane)

    def replace(self, **changes: object) -> ExportOptions:
        """A copy with some choices changed."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_OPTIONS = ExportOptions()
