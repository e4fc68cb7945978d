"""Opening the export, print and image dialogs from the main window for its project, current journey and view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from cxstudio.analysis.filters import EMPTY_FILTER

EXPORT = "export"
PRINT = "print"
IMAGE = "image"


def open_export(window: Any, what: str) -> QDialog | None:
    """Show the export/print dialog (`export`, `print`: Print is the default button) or the image dialog (`image`).

    The dialog is window-modal, deletes itself on close and is kept as `window.export_dialog`.
    Nothing opens without a project with a journey.
    """
    project = window.project
    canvas = window.canvas
    if project is None or canvas is None or not project.document.journeys():
        return None
    journey_id = canvas.journey_id() or project.document.journeys()[0].id
    view = str(canvas.view())
    analytics = getattr(window, "analytics", None)  # the map's filter: offered as a highlight of the export
    highlight = analytics.filter if analytics is not None else EMPTY_FILTER
    dialog: QDialog
    if what == IMAGE:
        from cxstudio.ui.export.image_dialog import ImageExportDialog

        dialog = ImageExportDialog(project, journey_id, view, window.language, window, highlight=highlight)
    else:
        from cxstudio.ui.export.dialog import ExportDialog

        export_dialog = ExportDialog(project, journey_id, view, window.language, window, highlight=highlight)
        if what == PRINT:
            export_dialog.prefer_printing()
        dialog = export_dialog
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    window.export_dialog = dialog
    dialog.show()
    return dialog
