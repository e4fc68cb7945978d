"""The export dialog's choices: what to export on which paper at which scale, planned through the exporters, remembered in QSettings."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from cxstudio.analysis.filters import EMPTY_FILTER, CardFilter, dimmed_card_ids
from cxstudio.export import options as export_options
from cxstudio.export import poster, report, tiles
from cxstudio.export.options import AUTO_PAPER, DEFAULT_OVERLAP_MM
from cxstudio.export.output import Progress
from cxstudio.export.paper import ROLL_WIDTHS_MM, SHEETS_MM, TILE_SHEETS
from cxstudio.export.poster import PosterPlan
from cxstudio.export.tiles import TilePlan
from cxstudio.layout import LayoutSettings
from cxstudio.model.document import Document
from cxstudio.ui.settings import EditorSettings, settings_file

POSTER = "poster"
TILES = "tiles"
REPORT = "report"
KINDS = (POSTER, TILES, REPORT)

FIT = "fit"
PERCENT = "percent"
MIN_TEXT = "min_text"
SCALE_MODES = (FIT, PERCENT, MIN_TEXT)

CUSTOM_PAPER = "custom"
POSTER_PAPERS: tuple[str, ...] = (*SHEETS_MM.keys(), *(f"roll{width:g}" for width in ROLL_WIDTHS_MM), AUTO_PAPER,
                                  CUSTOM_PAPER)
REPORT_PAPERS = ("A4", "letter")
ORIENTATIONS = ("auto", "portrait", "landscape")
SETTINGS_GROUP = "export"
# chosen for this export only, never remembered; the map's switches start as the View menu shows them
UNSAVED = ("journey_id", "highlight", "persona_band", "actions_lane")


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """Everything the dialog lets the user choose; journey and view default to the editor's current ones."""

    kind: str = POSTER
    journey_id: str | None = None
    view: str = "map"
    paper: str = "A0"
    orientation: str = "auto"
    custom_width_mm: float = 1200.0
    custom_height_mm: float = 800.0
    scale_mode: str = FIT
    scale_percent: float = 100.0
    min_text_pt: float = 9.0
    tile_sheet: str = "A4"
    overlap_mm: float = DEFAULT_OVERLAP_MM
    report_paper: str = "A4"
    highlight: CardFilter = EMPTY_FILTER  # the canvas's filter: the cards it leaves out print faded
    persona_band: bool = True  # the journey's persona above the map (View > Persona Band)
    actions_lane: bool = False  # each stage's actions below the map (View > Actions Lane)

    def paper_spec(self) -> str:
        if self.paper == CUSTOM_PAPER:
            return f"{self.custom_width_mm:g}x{self.custom_height_mm:g}mm"
        return self.paper

    def scale_spec(self) -> str | float:
        return self.scale_percent / 100.0 if self.scale_mode == PERCENT else "fit"

    def min_text(self) -> float | None:
        return self.min_text_pt if self.scale_mode == MIN_TEXT else None

    def export_options(self, language: str | None = None) -> export_options.ExportOptions:
        """The exporters' options for these choices."""
        if self.kind == REPORT:
            return export_options.ExportOptions(view=self.view, paper=self.report_paper, language=language)
        return export_options.ExportOptions(
            journey_id=self.journey_id, view=self.view, paper=self.paper_spec(), orientation=self.orientation,
            scale=self.scale_spec(), min_text_pt=self.min_text(), sheet=self.tile_sheet, overlap_mm=self.overlap_mm,
            persona_band=self.persona_band, actions_lane=self.actions_lane,
        )

    def layout_settings(self) -> LayoutSettings:
        """The layout settings of the map these choices print (the preview's and the printer's scene use them)."""
        return self.export_options().layout_settings()

    def plan(self, doc: Document) -> PosterPlan | TilePlan | None:
        """The poster or tile plan (no drawing); None for a report. Raises ExportError for choices that do not work."""
        if self.kind == POSTER:
            plan = poster.plan_poster(doc, self.export_options())
            return replace(plan, dimmed=self.dimmed(doc, plan.journey_id))
        if self.kind == TILES:
            tile_plan = tiles.plan_tiles(doc, self.export_options())
            return replace(tile_plan, poster=replace(tile_plan.poster,
                                                     dimmed=self.dimmed(doc, tile_plan.poster.journey_id)))
        return None

    def dimmed(self, doc: Document, journey_id: str | None) -> frozenset[str]:
        """The journey's cards the highlight filter leaves out, as the canvas dims them (none without a filter)."""
        return dimmed_card_ids(doc, self.highlight, journey_id)

    def export(self, doc: Document, out_path: str | os.PathLike[str], progress: Progress | None,
               language: str | None = None) -> int:
        """Write the PDF; returns its page count. Raises ExportError (ExportCancelledError when cancelled)."""
        if self.kind == REPORT:
            result = report.export_report(doc, out_path, self.export_options(language), progress=progress)
            return int(result.pages)
        plan = self.plan(doc)
        if isinstance(plan, TilePlan):
            tiles.export_tiles(doc, plan, out_path, progress=progress)
            return plan.sheet_count
        assert isinstance(plan, PosterPlan)
        poster.export_poster(doc, plan, out_path, progress=progress)
        return 1


def _qsettings() -> QSettings:
    path = settings_file()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "CX Studio", "cxstudio")


def _coerce(value: Any, default: Any) -> Any:
    try:
        if isinstance(default, float):
            number = float(value)
            return number if number == number else default  # NaN -> default
        return str(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default


def load_options() -> ExportOptions:
    """The last choices (journey aside), or the defaults; values of the wrong kind fall back to the defaults."""
    store = _qsettings()
    preferences = EditorSettings()  # the preferred paper and sheet, until the user picks others here
    defaults = ExportOptions(paper=preferences.default_paper(), tile_sheet=preferences.default_tile_sheet())
    values: dict[str, Any] = {}
    for item in fields(ExportOptions):
        if item.name in UNSAVED:
            continue
        default = getattr(defaults, item.name)
        values[item.name] = _coerce(store.value(f"{SETTINGS_GROUP}/{item.name}", default), default)
    options = replace(defaults, **values)
    if options.kind not in KINDS:
        options = replace(options, kind=POSTER)
    if options.paper not in POSTER_PAPERS:
        options = replace(options, paper=defaults.paper)
    if options.scale_mode not in SCALE_MODES:
        options = replace(options, scale_mode=FIT)
    if options.tile_sheet not in TILE_SHEETS:
        options = replace(options, tile_sheet=defaults.tile_sheet)
    if options.report_paper not in REPORT_PAPERS:
        options = replace(options, report_paper=defaults.report_paper)
    if options.orientation not in ORIENTATIONS:
        options = replace(options, orientation=defaults.orientation)
    return options


def save_options(options: ExportOptions, last_folder: str | None = None) -> None:
    store = _qsettings()
    for name, value in asdict(options).items():
        if name not in UNSAVED:
            store.setValue(f"{SETTINGS_GROUP}/{name}", value)
    if last_folder:
        store.setValue(f"{SETTINGS_GROUP}/folder", last_folder)
    store.sync()


def last_folder() -> str:
    value = str(_qsettings().value(f"{SETTINGS_GROUP}/folder", "") or "")
    return value if value and Path(value).is_dir() else str(Path.home())


def shown_switches(window: object | None) -> tuple[bool, bool]:
    """(persona band, actions lane) as the View menu of `window` shows them; without one, as it last showed them."""
    extras = getattr(window, "map_extras", None)
    if extras is not None:
        return extras.act_persona_band.isChecked(), extras.act_actions_lane.isChecked()
    store = _qsettings()
    return (bool(store.value("map/persona_band", True, type=bool)),
            bool(store.value("map/actions_lane", False, type=bool)))


def image_dpi(default: int) -> int:
    try:
        return int(_qsettings().value(f"{SETTINGS_GROUP}/image_dpi", default))
    except (TypeError, ValueError):
        return default


def save_image_dpi(dpi: int) -> None:
    store = _qsettings()
    store.setValue(f"{SETTINGS_GROUP}/image_dpi", dpi)
    store.sync()
