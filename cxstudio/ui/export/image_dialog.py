"""File > Export Image: the current journey in the current view as PNG (chosen DPI) or SVG, drawn by the canvas's scene."""

from __future__ import annotations

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
from cxstudio.ui.export.options import image_dpi, last_folder, save_image_dpi

if TYPE_CHECKING:
    from cxstudio.api import OpenProject

PNG = "png"
SVG = "svg"


class ImageExportDialog(QDialog):
    """Format and resolution for an image of the whole map (not only the visible part), with its pixel size."""

    def __init__(self, project: OpenProject, journey_id: str, view: str, language: str = "en",
                 parent: QWidget | None = None, highlight: CardFilter = EMPTY_FILTER) -> None:
        super().__init__(parent)
        self.setObjectName("imageExportDialog")
        self.setWindowTitle(self.tr("Export Image"))
        self.project = project
        self.journey_id = journey_id
        self.view = view
        self.language = language
        self.canvas_filter = highlight  # the map's filter when the dialog opened: offered as a highlight
        self.journey_name = project.document.get(journey_id, Journey).name
        with journey_scene(project, journey_id, view) as scene:
            self.source: QRectF = map_rect(scene)
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
                        title=self.journey_name, dimmed=self.dimmed())
        except ImageExportError as error:
            self._say(error.message(self.language))
            return False
        save_image_dpi(self.dpi.value())
        self._say(self.tr("Saved {path}.").format(path=target))
        return True

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.adjustSize()
