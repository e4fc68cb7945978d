"""Office exports in the editor (Excel, CSV, PowerPoint): a worker thread on a copy of the document, progress and Cancel.

`OfficeExportRunner` runs one export at a time through the PDF export's `ExportWorker`: the exporter
writes atomically and checks `progress(done, total)` after every sheet, slide or batch of rows, so
Cancel stops it within a moment and leaves no file behind (an existing file keeps its content). The
window stays usable meanwhile; the progress dialog is not modal, as the export works on a snapshot.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxstudio.editing.tables import TABLES
from cxstudio.model.document import Document
from cxstudio.ui.export.worker import ExportWorker

WORKBOOK, CSV, SLIDES = "xlsx", "csv", "pptx"


@dataclass(frozen=True, slots=True)
class OfficeJob:
    """One office export for `ExportWorker`: the format and, for CSV, the table."""

    kind: str  # WORKBOOK, CSV or SLIDES
    table: str = "cards"

    def export(self, doc: Document, out_path: str | os.PathLike[str],
               progress: Callable[[int, int], bool] | None) -> int:
        """Write the file; returns the rows (workbook, CSV) or slides written."""
        if self.kind == SLIDES:
            from cxstudio.export.office.slides import export_slides

            return export_slides(doc, out_path, progress=progress)
        from cxstudio.export.office.workbook import export_csv, export_workbook

        if self.kind == CSV:
            return export_csv(doc, out_path, self.table, progress=progress)
        return export_workbook(doc, out_path, progress=progress)


class TableChoiceDialog(QDialog):
    """File > Export to CSV: which table the file holds (titles in the project's language)."""

    def __init__(self, language: str, parent: QWidget | None = None, table: str = "cards") -> None:
        super().__init__(parent)
        self.setObjectName("csvTableDialog")
        self.setWindowTitle(self.tr("Export to CSV"))
        self.tables = QComboBox()
        self.tables.setObjectName("csvTable")
        for spec in TABLES:
            self.tables.addItem(spec.title(language), spec.key)
        self.tables.setCurrentIndex(max(0, self.tables.findData(table)))
        form = QFormLayout()
        label = QLabel(self.tr("&Table:"))
        label.setBuddy(self.tables)
        form.addRow(label, self.tables)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def table(self) -> str:
        return str(self.tables.currentData())

    @property
    def table_title(self) -> str:
        return self.tables.currentText()

    def set_table(self, key: str) -> None:
        self.tables.setCurrentIndex(self.tables.findData(key))


class ExportProgressDialog(QDialog):
    """A running office export: which file, a progress bar and Cancel (closing the dialog cancels too)."""

    cancelRequested = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeExportProgress")
        self.setWindowTitle(self.tr("Exporting"))
        self.label = QLabel(self.tr("Writing %1…").replace("%1", name))
        self.bar = QProgressBar()
        self.bar.setObjectName("officeExportBar")
        self.bar.setRange(0, 0)  # busy until the exporter knows its total
        self.bar.setMinimumWidth(320)
        self.cancel_button = QPushButton(self.tr("&Cancel Export"))
        self.cancel_button.setObjectName("officeExportCancel")
        self.cancel_button.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addLayout(row)

    def set_progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(done, max(1, total)))

    def reject(self) -> None:
        """Cancel (the button, Escape or closing): ask the worker to stop; the dialog closes when it has."""
        if self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))
            self.cancelRequested.emit()


class OfficeExportRunner(QObject):
    """Runs one office export at a time in a worker thread; `finished(written, sentence)` when it is over.

    Closing the window cancels a running export and waits for the exporter to clean up.
    """

    started = Signal()
    finished = Signal(bool, str)  # whether the file was written, the sentence for the user
    failed = Signal(str)  # an error (not a cancel), the sentence for the user

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.show_after_ms = 300  # a quick export finishes without a dialog flashing up
        self.dialog: ExportProgressDialog | None = None
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self._done_text = ""
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_dialog)
        window.installEventFilter(self)
        app = QCoreApplication.instance()
        if isinstance(app, QApplication):
            app.aboutToQuit.connect(self.shut_down)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, job: OfficeJob, document: Document, path: Path, language: str, done_text: str) -> bool:
        """Write `path` from a copy of `document`; `done_text` is the status after success (%1 count, %2 name).
        False if an export is already running."""
        if self._thread is not None:
            return False
        copy = Document.from_entities(document.entities(), check=False)
        worker = ExportWorker(job, copy, path, language)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        thread.finished.connect(worker.deleteLater)
        worker.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        worker.succeeded.connect(self._succeeded, Qt.ConnectionType.QueuedConnection)
        worker.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        for over in (worker.succeeded, worker.failed):  # the thread ends with the export, so `wait` can join it
            over.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread, self._worker, self._done_text = thread, worker, done_text
        self.dialog = ExportProgressDialog(path.name, self.window)
        self.dialog.cancelRequested.connect(self.cancel)
        self._show_timer.start(max(0, self.show_after_ms))
        thread.start()
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the running export is over and its result handled (for closing, and for tests)."""
        thread = self._thread
        if thread is None:
            return True
        thread.wait(timeout_ms)  # the worker's result signals are queued for this thread: deliver them now
        QCoreApplication.sendPostedEvents(self)
        return self._thread is None

    def shut_down(self) -> None:
        if self._thread is not None:
            self.cancel()
            self.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self._thread is not None:
            self.shut_down()
        return False

    def _show_dialog(self) -> None:
        if self.dialog is not None and self._thread is not None:
            self.dialog.show()

    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.set_progress(done, total)

    def _succeeded(self, path: str, count: int) -> None:
        self._finish(True, self._done_text.replace("%1", str(count)).replace("%2", Path(path).name))

    def _failed(self, message: str, cancelled: bool) -> None:
        self._finish(False, message)
        if not cancelled:
            self.failed.emit(message)

    def _finish(self, written: bool, message: str) -> None:
        thread = self._thread
        if thread is None:
            return
        thread.quit()
        thread.wait()
        thread.deleteLater()
        self._thread, self._worker = None, None
        self._show_timer.stop()
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit(written, message)
