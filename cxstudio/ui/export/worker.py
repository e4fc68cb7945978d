"""Writing an export in a worker thread on a copy of the document, with progress signals and cancel."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot

from cxstudio.export.errors import ExportCancelledError, ExportError
from cxstudio.model.document import Document
from cxstudio.model.messages import detail_text, error_detail


class ExportJob(Protocol):
    """What the worker runs (ExportOptions for PDFs, OfficeJob for workbooks, CSV and slides): `export` writes
    `out_path` from `doc`, calls `progress(done, total)` (False cancels), returns pages, rows or slides."""

    def export(self, doc: Document, out_path: str | os.PathLike[str],
               progress: Callable[[int, int], bool] | None) -> int: ...


class ExportWorker(QObject):
    """Runs `options.export` (any ExportJob) on its own document copy; emits `progressed`, then `succeeded` or `failed`.

    `cancel()` (from any thread) makes the next progress call return False: the exporter stops and
    removes its temporary file, so nothing is left behind.
    """

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(str, int)  # path, pages
    failed = Signal(str, bool)  # the sentence for the user, whether it was a cancel

    def __init__(self, options: ExportJob, document: Document, out_path: str | Path, language: str) -> None:
        super().__init__()
        self.options = options
        self.document = document
        self.out_path = str(out_path)
        self.language = language
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            if self._cancel.is_set():
                raise ExportCancelledError()
            pages = self.options.export(self.document, self.out_path, self._progress)
        except ExportCancelledError as error:
            self.failed.emit(error.message(self.language), True)
        except ExportError as error:
            self.failed.emit(error.message(self.language), False)
        except Exception as error:  # a bug in an exporter still ends in one sentence, and the dialog stays usable
            detail = detail_text(error_detail(error), self.language)
            self.failed.emit(("Der Export ist fehlgeschlagen ({detail})." if self.language == "de"
                              else "The export failed ({detail}).").format(detail=detail), False)
        else:
            self.succeeded.emit(self.out_path, pages)
