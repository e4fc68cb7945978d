"""The File > Export / Print dialog: poster, tiled print or report; paper, scale, overlap; live preview; PDF with progress; printing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QRectF, QSize, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cxstudio.analysis.filters import EMPTY_FILTER, CardFilter
from cxstudio.export.errors import ExportError
from cxstudio.export.paper import MM
from cxstudio.export.poster import AUTO_PAPER, PosterPlan
from cxstudio.export.texts import format_date
from cxstudio.export.tiles import TilePlan
from cxstudio.layout import DEFAULT_SETTINGS, LayoutSettings
from cxstudio.model.document import Document
from cxstudio.model.entities import Journey
from cxstudio.ui import labels, units
from cxstudio.ui.export.images import journey_scene, map_rect, scene_image
from cxstudio.ui.export.options import (
    CUSTOM_PAPER,
    FIT,
    MIN_TEXT,
    ORIENTATIONS,
    PERCENT,
    POSTER,
    POSTER_PAPERS,
    REPORT,
    REPORT_PAPERS,
    TILES,
    ExportOptions,
    last_folder,
    load_options,
    save_options,
    shown_switches,
)
from cxstudio.ui.export.pages import (
    PageTexts,
    image_drawer,
    paint_grid_over_poster,
    paint_page_fitted,
    scene_drawer,
)
from cxstudio.ui.export.printing import prepare_printer, print_plan
from cxstudio.ui.export.worker import ExportWorker
from cxstudio.ui.settings import EditorSettings

if TYPE_CHECKING:
    from cxstudio.api import OpenProject

READABLE_TEXT_PT = 6.0
THUMBNAIL_PIXELS = 1600  # the longer side of the preview's picture of the map
LIMIT_CODES = ("page_too_large", "paper_too_large")


class PlanPreview(QWidget):
    """Paints the planned page (or the tile grid over the poster) with a thumbnail of the map."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPreview")
        self.setMinimumSize(360, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plan: PosterPlan | TilePlan | None = None
        self.thumbnail: QImage | None = None
        self.covers = QRectF()
        self.texts: PageTexts | None = None
        self.note = ""

    def sizeHint(self) -> QSize:
        return QSize(520, 420)

    def show_plan(self, plan: PosterPlan | TilePlan | None, thumbnail: QImage | None, covers: QRectF,
                  texts: PageTexts | None, note: str = "") -> None:
        self.plan, self.thumbnail, self.covers, self.texts, self.note = plan, thumbnail, covers, texts, note
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        area = QRectF(self.rect()).adjusted(12, 12, -12, -12)
        if self.plan is None or self.thumbnail is None or self.texts is None:
            painter.setPen(self.palette().text().color())
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.note)
            painter.end()
            return
        draw_map = image_drawer(self.thumbnail, self.covers)
        if isinstance(self.plan, TilePlan):
            paint_grid_over_poster(painter, self.plan, draw_map, self.texts, area)
        else:
            paint_page_fitted(painter, self.plan, draw_map, self.texts, area)
        painter.end()


class ExportDialog(QDialog):
    """Choose what to export and how; see the page or the sheets; save a PDF (in a thread) or print."""

    exportFinished = Signal(bool)  # True when a file was written

    def __init__(self, project: OpenProject, journey_id: str | None, view: str, language: str = "en",
                 parent: QWidget | None = None, highlight: CardFilter = EMPTY_FILTER,
                 switches: tuple[bool, bool] | None = None) -> None:
        """`switches`: (persona band, actions lane) to start with; None: as the View menu of `parent` shows them."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.canvas_filter = highlight  # the map's filter when the dialog opened: offered as a highlight
        self.setWindowTitle(self.tr("Export / Print"))
        self.project = project
        self.document: Document = project.document
        self.language = language
        self.plan: PosterPlan | TilePlan | None = None
        self.error: ExportError | None = None
        self._thumbnails: dict[tuple[str, str, frozenset[str], LayoutSettings], tuple[QImage, QRectF]] = {}
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(120)
        self._refresh_timer.timeout.connect(self.refresh)
        self.last_result = ""
        self.units = EditorSettings().units()  # custom sizes and overlap in mm or inches, as preferred
        self._build()
        options = load_options()
        journeys = [j.id for j in self.document.journeys()]
        chosen = journey_id if journey_id in journeys else (journeys[0] if journeys else None)
        band, lane = switches if switches is not None else shown_switches(parent)
        self.set_options(replace(options, journey_id=chosen, view=view, persona_band=band, actions_lane=lane))
        self.refresh()

    # ------------------------------------------------------------------ widgets
    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _spin(self, name: str, low: float, high: float, decimals: int, suffix: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setDecimals(decimals)
        spin.setSuffix(suffix)
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(self._changed)
        return spin

    def _paper_names(self) -> list[tuple[str, str]]:
        names = []
        for paper in POSTER_PAPERS:
            if paper == AUTO_PAPER:
                names.append((self.tr("Map size (page follows the map)"), paper))
            elif paper == CUSTOM_PAPER:
                names.append((self.tr("Custom size"), paper))
            elif paper.startswith("roll"):
                names.append((self.tr("Roll {width} mm wide").format(width=paper[4:]), paper))
            else:
                names.append((paper[0].upper() + paper[1:], paper))
        return names

    def _build(self) -> None:
        self.kind = self._combo("exportKind", [(self.tr("Poster (one page)"), POSTER),
                                               (self.tr("Tiled print (sheets to tape together)"), TILES),
                                               (self.tr("Client report"), REPORT)])
        self.journey = self._combo("exportJourney", [(j.name, j.id) for j in self.document.journeys()])
        self.view = self._combo("exportView", list((text, value) for value, text in labels.view_kinds().items()))
        self.paper = self._combo("exportPaper", self._paper_names())
        self.custom_width = self._spin("exportCustomWidth", 50, 5080, 0, " mm")
        self.custom_height = self._spin("exportCustomHeight", 50, 5080, 0, " mm")
        custom_row = QWidget()
        custom_layout = QHBoxLayout(custom_row)
        custom_layout.setContentsMargins(0, 0, 0, 0)
        custom_layout.addWidget(self.custom_width)
        custom_layout.addWidget(QLabel("×"))
        custom_layout.addWidget(self.custom_height)
        self.custom_row = custom_row
        self.orientation = self._combo("exportOrientation", [(self.tr("Automatic"), ORIENTATIONS[0]),
                                                             (self.tr("Portrait"), ORIENTATIONS[1]),
                                                             (self.tr("Landscape"), ORIENTATIONS[2])])
        self.scale_mode = self._combo("exportScaleMode", [(self.tr("Fit to the paper"), FIT),
                                                          (self.tr("Fixed scale"), PERCENT),
                                                          (self.tr("Minimum text size"), MIN_TEXT)])
        self.scale_percent = self._spin("exportScalePercent", 1, 2000, 0, " %")
        self.min_text = self._spin("exportMinText", 1, 200, 1, " pt")
        scale_row = QWidget()
        scale_layout = QHBoxLayout(scale_row)
        scale_layout.setContentsMargins(0, 0, 0, 0)
        scale_layout.addWidget(self.scale_mode, 1)
        scale_layout.addWidget(self.scale_percent)
        scale_layout.addWidget(self.min_text)
        self.scale_row = scale_row
        self.tile_sheet = self._combo("exportTileSheet", [("A4", "A4"), ("A3", "A3"), ("Letter", "letter")])
        self.overlap = self._spin("exportOverlap", 0, 50, 0, " mm")
        for spin in (self.custom_width, self.custom_height, self.overlap):
            units.show_in(spin, self.units)
        self.report_paper = self._combo("exportReportPaper",
                                        [(paper[0].upper() + paper[1:], paper) for paper in REPORT_PAPERS])
        self.highlight_box = QCheckBox(self.tr("Highlight the filtered cards (others faded)"))
        self.highlight_box.setObjectName("exportHighlight")
        self.highlight_box.setToolTip(self.tr("The cards the map's filter leaves out print faded, as on the map"))
        self.highlight_box.setChecked(self.canvas_filter.active)
        self.highlight_box.setEnabled(self.canvas_filter.active)
        self.highlight_box.toggled.connect(self._changed)
        self.persona_band_box = QCheckBox(self.tr("Persona band"))
        self.persona_band_box.setObjectName("exportPersonaBand")
        self.persona_band_box.setToolTip(self.tr("The journey's persona above the map: picture, quote, goals and "
                                                 "frustrations"))
        self.persona_band_box.toggled.connect(self._changed)
        self.actions_lane_box = QCheckBox(self.tr("Actions lane"))
        self.actions_lane_box.setObjectName("exportActionsLane")
        self.actions_lane_box.setToolTip(self.tr("A row below the map listing each stage's actions"))
        self.actions_lane_box.toggled.connect(self._changed)
        switches_row = QWidget()
        switches_layout = QHBoxLayout(switches_row)
        switches_layout.setContentsMargins(0, 0, 0, 0)
        switches_layout.addWidget(self.persona_band_box)
        switches_layout.addWidget(self.actions_lane_box)
        switches_layout.addStretch(1)
        self.switches_row = switches_row

        form = QFormLayout()
        form.addRow(self.tr("&Export:"), self.kind)
        form.addRow(self.tr("&Journey:"), self.journey)
        form.addRow(self.tr("&View:"), self.view)
        form.addRow("", self.highlight_box)
        form.addRow(self.tr("On the map:"), switches_row)
        form.addRow(self.tr("&Paper:"), self.paper)
        form.addRow(self.tr("Custom size:"), custom_row)
        form.addRow(self.tr("&Orientation:"), self.orientation)
        form.addRow(self.tr("&Scale:"), scale_row)
        form.addRow(self.tr("&Tile sheets:"), self.tile_sheet)
        form.addRow(self.tr("O&verlap:"), self.overlap)
        form.addRow(self.tr("Report &paper:"), self.report_paper)
        self.form = form

        self.preview = PlanPreview()
        self.summary = QLabel()
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.limit_box = QFrame()
        self.limit_box.setObjectName("exportLimit")
        self.limit_box.setFrameShape(QFrame.Shape.StyledPanel)
        limit_layout = QVBoxLayout(self.limit_box)
        self.limit_text = QLabel()
        self.limit_text.setObjectName("exportLimitText")
        self.limit_text.setWordWrap(True)
        self.limit_tile = QPushButton(self.tr("Tile onto A4 sheets"))
        self.limit_tile.setObjectName("exportLimitTile")
        self.limit_tile.clicked.connect(self.offer_tiling)
        self.limit_scale = QPushButton()
        self.limit_scale.setObjectName("exportLimitScale")
        self.limit_scale.clicked.connect(self.offer_smaller_scale)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.limit_tile)
        buttons_row.addWidget(self.limit_scale)
        buttons_row.addStretch(1)
        limit_layout.addWidget(self.limit_text)
        limit_layout.addLayout(buttons_row)
        self.limit_box.hide()

        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.summary)
        right.addWidget(self.limit_box)
        top = QHBoxLayout()
        left_widget = QWidget()
        left_widget.setLayout(form)
        left_widget.setMaximumWidth(420)
        top.addWidget(left_widget)
        top.addLayout(right, 1)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.print_button.setObjectName("exportPrint")
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setObjectName("exportSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_dialog)
        self.cancel_button = QPushButton(self.tr("&Cancel Export"))
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.clicked.connect(self.cancel_export)
        self.cancel_button.hide()
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("exportClose")
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.print_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)
        self.resize(1040, 640)

    # ------------------------------------------------------------------ options <-> widgets
    def set_options(self, options: ExportOptions) -> None:
        widgets = (self.kind, self.journey, self.view, self.paper, self.orientation, self.scale_mode, self.tile_sheet,
                   self.report_paper, self.custom_width, self.custom_height, self.scale_percent, self.min_text,
                   self.overlap, self.persona_band_box, self.actions_lane_box)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for combo, value in ((self.kind, options.kind), (self.journey, options.journey_id),
                                 (self.view, options.view), (self.paper, options.paper),
                                 (self.orientation, options.orientation), (self.scale_mode, options.scale_mode),
                                 (self.tile_sheet, options.tile_sheet), (self.report_paper, options.report_paper)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
            self.custom_width.setValue(units.from_mm(options.custom_width_mm, self.units))
            self.custom_height.setValue(units.from_mm(options.custom_height_mm, self.units))
            self.scale_percent.setValue(options.scale_percent)
            self.min_text.setValue(options.min_text_pt)
            self.overlap.setValue(units.from_mm(options.overlap_mm, self.units))
            self.persona_band_box.setChecked(options.persona_band)
            self.actions_lane_box.setChecked(options.actions_lane)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._update_enabled()

    def options(self) -> ExportOptions:
        return ExportOptions(
            kind=self.kind.currentData(), journey_id=self.journey.currentData(), view=self.view.currentData(),
            paper=self.paper.currentData(), orientation=self.orientation.currentData(),
            custom_width_mm=units.to_mm(self.custom_width.value(), self.units),
            custom_height_mm=units.to_mm(self.custom_height.value(), self.units),
            scale_mode=self.scale_mode.currentData(), scale_percent=self.scale_percent.value(),
            min_text_pt=self.min_text.value(), tile_sheet=self.tile_sheet.currentData(),
            overlap_mm=units.to_mm(self.overlap.value(), self.units), report_paper=self.report_paper.currentData(),
            highlight=self.canvas_filter if self.highlighting() else EMPTY_FILTER,
            persona_band=self.persona_band_box.isChecked(), actions_lane=self.actions_lane_box.isChecked(),
        )

    def highlighting(self) -> bool:
        """Whether the map's filter is active and chosen: the cards it leaves out are then drawn faded."""
        return self.canvas_filter.active and self.highlight_box.isChecked()

    def _update_enabled(self) -> None:
        kind = self.kind.currentData()
        is_report = kind == REPORT
        rows = {
            self.journey: not is_report, self.paper: not is_report, self.custom_row: not is_report and
            self.paper.currentData() == CUSTOM_PAPER, self.orientation: not is_report,
            self.scale_row: not is_report, self.tile_sheet: kind == TILES, self.overlap: kind == TILES,
            self.report_paper: is_report, self.highlight_box: not is_report and self.canvas_filter.active,
            self.switches_row: not is_report,  # the report draws its maps plain
        }
        for widget, visible in rows.items():
            self.form.setRowVisible(widget, visible)
        mode = self.scale_mode.currentData()
        self.scale_percent.setVisible(mode == PERCENT)
        self.min_text.setVisible(mode == MIN_TEXT)
        self.print_button.setEnabled(not is_report and self._thread is None)

    def _changed(self, *_args: object) -> None:
        self._update_enabled()
        self._refresh_timer.start()

    # ------------------------------------------------------------------ planning and the preview
    def page_texts(self, journey_id: str | None) -> PageTexts:
        name = ""
        if journey_id is not None and self.document.find(journey_id) is not None:
            name = self.document.get(journey_id, Journey).name
        date = self.plan.date if isinstance(self.plan, PosterPlan) else (
            self.plan.poster.date if isinstance(self.plan, TilePlan) else None)
        return PageTexts(journey=name, project=self.document.project.name,
                         date=format_date(date, self.language) if date is not None else "",
                         assembly=self.tr("Assembly plan"), empty=self.tr("empty"))

    def thumbnail(self, journey_id: str, view: str, dimmed: frozenset[str] = frozenset(),
                  settings: LayoutSettings = DEFAULT_SETTINGS) -> tuple[QImage, QRectF]:
        """A picture of the whole map (the cards in `dimmed` faded, with the band and lane `settings` asks for),
        drawn once per journey, view, highlight and switches."""
        key = (journey_id, view, dimmed, settings)
        if key not in self._thumbnails:
            with journey_scene(self.project, journey_id, view, dimmed, settings) as scene:
                source = map_rect(scene)
                image = scene_image(scene, source, THUMBNAIL_PIXELS / max(source.width(), source.height(), 1.0))
            self._thumbnails[key] = (image, source)
        return self._thumbnails[key]

    def refresh(self) -> None:
        """Plan again with the current choices and show the page or the sheets, the counts, or what is wrong."""
        self._refresh_timer.stop()
        options = self.options()
        self.plan, self.error = None, None
        self.limit_box.hide()
        if options.journey_id is None and options.kind != REPORT:
            self.preview.show_plan(None, None, QRectF(), None, self.tr("The project has no journey to export."))
            self.summary.setText("")
            self.save_button.setEnabled(False)
            self.print_button.setEnabled(False)
            return
        try:
            self.plan = options.plan(self.document)
        except ExportError as error:
            self.error = error
        busy = self._thread is not None
        self.save_button.setEnabled(self.error is None and not busy)
        self.print_button.setEnabled(self.plan is not None and not busy)
        if self.error is not None:
            self._show_error(self.error)
            return
        if self.plan is None:  # the report
            self.preview.show_plan(None, None, QRectF(), None, self.tr(
                "The client report: cover, contents, personas, every journey's map, touchpoints, pain points, "
                "insights, actions and metrics. Internal notes are never included."))
            self.summary.setText(self.tr("Every journey of the project on {paper} pages; the page count is known "
                                         "once the report is written.").format(paper=options.report_paper))
            return
        image, covers = self.thumbnail(self.plan_journey(), options.view, self.plan_dimmed(), options.layout_settings())
        self.preview.show_plan(self.plan, image, covers, self.page_texts(self.plan_journey()))
        self.summary.setText(self.summary_text(self.plan))

    def plan_journey(self) -> str:
        assert self.plan is not None
        return self.plan.poster.journey_id if isinstance(self.plan, TilePlan) else self.plan.journey_id

    def plan_dimmed(self) -> frozenset[str]:
        """The cards the plan draws faded (those the map's filter leaves out, when highlighting)."""
        if self.plan is None:
            return frozenset()
        return self.plan.poster.dimmed if isinstance(self.plan, TilePlan) else self.plan.dimmed

    def summary_text(self, plan: PosterPlan | TilePlan) -> str:
        poster = plan.poster if isinstance(plan, TilePlan) else plan
        size = self.tr("{width} × {height} mm").format(width=round(poster.page_width_mm),
                                                         height=round(poster.page_height_mm))
        text_pt = f"{poster.body_text_pt:.1f}".replace(".", "," if self.language == "de" else ".")
        if isinstance(plan, TilePlan):
            text = self.tr("{pages} pages: the assembly plan and {sheets} {sheet} sheets ({rows} rows × {cols} "
                           "columns, {empty} empty sheets skipped). Poster {size} at {scale} %; card text prints at "
                           "{text} pt.").format(pages=plan.sheet_count, sheets=len(plan.printed), sheet=plan.paper,
                                                rows=plan.rows, cols=plan.cols, empty=len(plan.empty_sheets),
                                                size=size, scale=round(poster.scale * 100), text=text_pt)
        else:
            text = self.tr("1 page, {size} ({orientation}) at {scale} %; card text prints at {text} pt.").format(
                size=size, orientation=self.orientation.itemText(ORIENTATIONS.index(poster.orientation))
                if poster.orientation in ORIENTATIONS else poster.orientation,
                scale=round(poster.scale * 100), text=text_pt)
        if poster.dimmed:
            text += " " + self.tr("{count} cards the map's filter leaves out print faded.").format(
                count=len(poster.dimmed))
        if poster.body_text_pt < READABLE_TEXT_PT:
            text += " " + self.tr("Text below {size} pt is hard to read: choose larger paper, a minimum text size "
                                  "or a tiled print.").format(size=f"{READABLE_TEXT_PT:g}")
        return text

    def _show_error(self, error: ExportError) -> None:
        if error.code not in LIMIT_CODES:
            sentence = self.does_not_fit_text(error) if error.code == "does_not_fit" else error.message(self.language)
            self.preview.show_plan(None, None, QRectF(), None, sentence)
            self.summary.setText(sentence)
            return
        self.preview.show_plan(None, None, QRectF(), None, self.tr("No preview: the page is too large for a PDF."))
        self.summary.setText("")
        width, height = error.params.get("width_mm", 0.0), error.params.get("height_mm", 0.0)
        text = self.tr("The page would be {width} × {height} mm, but a PDF page can be at most 5,080 mm (200 inches) "
                       "on a side, a limit of the PDF format that most viewers and printers enforce. Print it as "
                       "tiles on A4 sheets, or choose a smaller scale or paper.").format(
                           width=round(float(width)), height=round(float(height)))
        self.limit_text.setText(text)
        max_scale = error.params.get("max_scale")
        self.limit_scale.setVisible(isinstance(max_scale, float) and max_scale > 0)
        if isinstance(max_scale, float) and max_scale > 0:
            self.limit_scale.setText(self.tr("Scale to {percent} %").format(percent=self._max_percent(max_scale)))
        self.limit_box.show()

    def does_not_fit_text(self, error: ExportError) -> str:
        """The exporters' 'does not fit' in the dialog's words (it names the options, not command-line flags)."""
        p = error.params
        return self.tr("At {scale} % the map needs {need_w} × {need_h} mm, but {paper} has room for only {room_w} × "
                       "{room_h} mm; choose Fit to the paper, larger paper or a tiled print.").format(
                           scale=round(float(p.get("scale", 1.0)) * 100), need_w=round(float(p.get("need_w_mm", 0))),
                           need_h=round(float(p.get("need_h_mm", 0))), paper=p.get("paper", ""),
                           room_w=round(float(p.get("room_w_mm", 0))), room_h=round(float(p.get("room_h_mm", 0))))

    @staticmethod
    def _max_percent(max_scale: float) -> int:
        return max(1, int(max_scale * 100))

    def offer_tiling(self) -> None:
        """The limit's way out: the same poster cut onto A4 sheets."""
        self.set_options(replace(self.options(), kind=TILES, tile_sheet="A4"))
        self.refresh()

    def offer_smaller_scale(self) -> None:
        max_scale = self.error.params.get("max_scale") if self.error is not None else None
        if not isinstance(max_scale, float) or max_scale <= 0:
            return
        self.set_options(replace(self.options(), scale_mode=PERCENT, scale_percent=self._max_percent(max_scale)))
        self.refresh()

    # ------------------------------------------------------------------ saving (worker thread)
    def save_dialog(self) -> None:
        options = self.options()
        name = (self.journey.currentText() if options.kind != REPORT else self.document.project.name) or "export"
        safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip() or "export"
        suggested = str(Path(last_folder()) / f"{safe}.pdf")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), suggested, self.tr("PDF (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.start_export(path)

    def start_export(self, path: str | Path) -> bool:
        """Write the PDF in a worker thread on a copy of the document; False if one is already running or planning failed."""
        if self._thread is not None:
            return False
        options = self.options()
        if options.kind != REPORT:
            self.refresh()
            if self.error is not None:
                return False
        save_options(options, str(Path(path).parent))
        copy = Document.from_entities(self.document.entities(), check=False)
        worker = ExportWorker(options, copy, path, self.language)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        thread.finished.connect(worker.deleteLater)
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        self._thread, self._worker = thread, worker
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Writing {name}…").format(name=Path(path).name))
        self.save_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        thread.start()
        return True

    @property
    def exporting(self) -> bool:
        return self._thread is not None

    def cancel_export(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _succeeded(self, path: str, pages: int) -> None:
        self.last_result = path
        self._finish(self.tr("Saved {pages} pages to {path}.").format(pages=pages, path=path) if pages != 1
                     else self.tr("Saved 1 page to {path}.").format(path=path), True)

    def _failed(self, message: str, _cancelled: bool) -> None:
        self._finish(message, False)

    def _finish(self, message: str, written: bool) -> None:
        thread = self._thread
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        self._thread, self._worker = None, None
        self.progress.hide()
        self.cancel_button.hide()
        self.close_button.setEnabled(True)
        self.status.setText(message)
        self.refresh()
        self.exportFinished.emit(written)

    def reject(self) -> None:
        if self._thread is not None:  # closing while writing cancels first, and waits for the clean-up
            self.cancel_export()
            return
        save_options(self.options())
        super().reject()

    def closeEvent(self, event: object) -> None:
        if self._thread is not None:
            self.cancel_export()
            event.ignore()  # type: ignore[attr-defined]
            return
        super().closeEvent(event)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ printing
    def prefer_printing(self) -> None:
        """Opened as File > Print: Print is the default button."""
        self.setWindowTitle(self.tr("Print"))
        self.save_button.setDefault(False)
        self.print_button.setDefault(True)
        self.print_button.setFocus()

    def print_dialog(self) -> None:
        if self.plan is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.plan, self.page_texts(self.plan_journey()).journey)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer, prepared=True)
        dialog.deleteLater()

    def print_to(self, printer: QPrinter, prepared: bool = False) -> bool:
        """Print the planned poster or sheets on `printer` (the map in vector, drawn by the canvas's scene)."""
        self.refresh()
        plan = self.plan
        if plan is None:
            return False
        if not prepared:
            prepare_printer(printer, plan, self.page_texts(self.plan_journey()).journey)
        save_options(self.options())
        texts = self.page_texts(self.plan_journey())
        hint = ""
        if isinstance(plan, TilePlan):
            hint = self.tr("{sheets} sheets in {rows} rows and {cols} columns; trim at the crop marks and overlap "
                           "neighbours by {overlap} mm.").format(sheets=len(plan.printed), rows=plan.rows,
                                                                  cols=plan.cols, overlap=round(plan.overlap / MM))
        self.status.setText(self.tr("Printing…"))
        self.progress.setRange(0, 0)
        self.progress.show()

        def printed(done: int, total: int) -> bool:  # the bar moves while pages are drawn (no input meanwhile)
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            return True

        try:
            with journey_scene(self.project, self.plan_journey(), self.options().view, self.plan_dimmed(),
                               self.options().layout_settings()) as scene:
                done = print_plan(printer, plan, scene_drawer(scene), texts, hint, progress=printed)
        finally:
            self.progress.hide()
        self.status.setText(self.tr("Sent to the printer.") if done else self.tr("Printing did not start."))
        return done
