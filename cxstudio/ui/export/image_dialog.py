"""File > Export Image: the current journey in the current view as PNG (chosen DPI) or SVG, drawn by the canvas's scene."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cxstudio.analysis.filters import EMPTY_FILTER, CardFilter, dimmed_card_ids
from cxstudio.layout import DEFAULT_SETTINGS, LayoutSettings
from cxstudio.model.entities import Journey
from cxstudio.ui import labels
from cxstudio.ui.export.images import (
    DEFAULT_DPI,
    MAX_DPI,
    MIN_DPI,
    ImageExportError,
    journey_scene,
    map_rect,
    max_dpi_for,
    png_size,
    write_image,
)
from cxstudio.ui.export.options import image_dpi, last_folder, save_image_dpi, shown_switches

if TYPE_CHECKING:
    from cxstudio.api import OpenProject

PNG = "png"
SVG = "svg"


class ImageExportDialog(QDialog):
    """Format and resolution for an image of the whole map (not only the visible part), with its pixel size."""

    def __init__(self, project: OpenProject, journey_id: str, view: str, language: str = "en",
                 parent: QWidget | None = None, highlight: CardFilter = EMPTY_FILTER,
                 switches: tuple[bool, bool] | None = None) -> None:
        """`switches`: (persona band, actions lane) to start with; None: as the View menu of `parent` shows them."""
        super().__init__(parent)
        self.setObjectName("imageExportDialog")
        self.setWindowTitle(self.tr("Export Image"))
        self.project = project
        self.journey_id = journey_id
        self.view = view
        self.language = language
        self.canvas_filter = highlight  # the map's filter when the dialog opened: offered as a highlight
        self.journey_name = project.document.get(journey_id, Journey).name
        band, lane = switches if switches is not None else shown_switches(parent)
        self.persona_band_box = QCheckBox(self.tr("Persona band"))
        self.persona_band_box.setObjectName("imagePersonaBand")
        self.persona_band_box.setToolTip(self.tr("The journey's persona above the map: picture, quote, goals and "
                                                 "frustrations"))
        self.persona_band_box.setChecked(band)
        self.actions_lane_box = QCheckBox(self.tr("Actions lane"))
        self.actions_lane_box.setObjectName("imageActionsLane")
        self.actions_lane_box.setToolTip(self.tr("A row below the map listing each stage's actions"))
        self.actions_lane_box.setChecked(lane)
        self._sources: dict[LayoutSettings, QRectF] = {}
        self.source: QRectF = self._source()
        self.format = QComboBox()
        self.format.setObjectName("imageFormat")
        self.format.addItem(self.tr("PNG image (pixels)"), PNG)
        self.format.addItem(self.tr("SVG drawing (vector, text stays text)"), SVG)
        self.dpi = QSpinBox()
        self.dpi.setObjectName("imageDpi")
        self.dpi.setRange(MIN_DPI, min(MAX_DPI, max_dpi_for(self.source)))
        self.dpi.setSuffix(" dpi")
        self.dpi.setValue(min(self.dpi.maximum(), image_dpi(DEFAULT_DPI)))
        self.highlight_box = QCheckBox(self.tr("Highlight the filtered cards (others faded)"))
        self.highlight_box.setObjectName("imageHighlight")
        self.highlight_box.setToolTip(self.tr("The cards the map's filter leaves out are drawn faded, as on the map"))
        self.highlight_box.setChecked(highlight.active)
        self.highlight_box.setEnabled(highlight.active)
        self.highlight_box.setVisible(highlight.active)
        self.size_label = QLabel()
        self.size_label.setObjectName("imageSize")
        self.size_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("imageStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setMinimumWidth(480)
        form = QFormLayout()
        form.addRow(self.tr("Journey:"), QLabel(self.journey_name))
        form.addRow(self.tr("View:"), QLabel(labels.view_kinds().get(view, view)))
        form.addRow("", self.highlight_box)
        form.setRowVisible(self.highlight_box, highlight.active)
        switches_row = QHBoxLayout()
        switches_row.addWidget(self.persona_band_box)
        switches_row.addWidget(self.actions_lane_box)
        switches_row.addStretch(1)
        form.addRow(self.tr("On the map:"), switches_row)
        form.addRow(self.tr("&Format:"), self.format)
        form.addRow(self.tr("&Resolution:"), self.dpi)
        form.addRow("", self.size_label)
        self.save_button = QPushButton(self.tr("&Save…"))
        self.save_button.setObjectName("imageSave")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_dialog)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._update)
        self.dpi.valueChanged.connect(self._update)
        self.persona_band_box.toggled.connect(self._switched)
        self.actions_lane_box.toggled.connect(self._switched)
        self._update()

    def layout_settings(self) -> LayoutSettings:
        """The layout settings of the image: the defaults with the persona band and actions lane as chosen."""
        return replace(DEFAULT_SETTINGS, persona_band=self.persona_band_box.isChecked(),
                       actions_lane=self.actions_lane_box.isChecked())

    def _source(self) -> QRectF:
        """The whole map with the chosen switches, in points (measured once per choice)."""
        settings = self.layout_settings()
        if settings not in self._sources:
            with journey_scene(self.project, self.journey_id, self.view, settings=settings) as scene:
                self._sources[settings] = map_rect(scene)
        return self._sources[settings]

    def _switched(self) -> None:
        self.source = self._source()
        self.dpi.setMaximum(min(MAX_DPI, max_dpi_for(self.source)))
        self._update()

    def _update(self) -> None:
        is_png = self.format.currentData() == PNG
        self.dpi.setEnabled(is_png)
        if is_png:
            size = png_size(self.source, self.dpi.value())
            self.size_label.setText(self.tr("{width} × {height} pixels; 72 dpi is 100 %.").format(
                width=size.width(), height=size.height()))
        else:
            self.size_label.setText(self.tr("{width} × {height} points, scalable without loss.").format(
                width=round(self.source.width()), height=round(self.source.height())))

    def dimmed(self) -> frozenset[str]:
        """The cards drawn faded: those the map's filter leaves out while highlighting is chosen, else none."""
        if not self.highlight_box.isChecked():
            return frozenset()
        return dimmed_card_ids(self.project.document, self.canvas_filter, self.journey_id)

    def save_dialog(self) -> None:
        suffix = self.format.currentData()
        safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in self.journey_name).strip() or "journey"
        suggested = str(Path(last_folder()) / f"{safe}.{suffix}")
        filters = self.tr("PNG image (*.png)") if suffix == PNG else self.tr("SVG drawing (*.svg)")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export Image"), suggested, filters)
        if path:
            if not path.lower().endswith(f".{suffix}"):
                path += f".{suffix}"
            self.export_to(path)

    def export_to(self, path: str | Path) -> bool:
        """Write the image (format by the dialog's choice, the suffix must match); the outcome goes to the status line."""
        target = Path(path)
        try:
            write_image(self.project, self.journey_id, self.view, target, dpi=self.dpi.value(),
                        title=self.journey_name, dimmed=self.dimmed(), settings=self.layout_settings())
        except ImageExportError as error:
            self._say(error.message(self.language))
            return False
        save_image_dpi(self.dpi.value())
        self._say(self.tr("Saved {path}.").format(path=target))
        return True

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.adjustSize()
