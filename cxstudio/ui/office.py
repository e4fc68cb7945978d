"""File > Export to Excel / CSV / PowerPoint and File > Import…: office files in the editor, every change through `run_operation`.

Exports run in a worker thread on a copy of the document, with progress and Cancel (`office_export`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from cxstudio.ui.commands import run_operation, ui_language, window_action

if TYPE_CHECKING:
    from cxstudio.api import OpenProject
    from cxstudio.editing.import_plan import ImportPlan
    from cxstudio.ui.office_export import OfficeExportRunner, OfficeJob


def _tr(text: str) -> str:
    return QCoreApplication.translate("Office", text)


class OfficeCommands:
    """The office entries of the File menu for one main window (which has `project` and `show_message`)."""

    def __init__(self, window: QWidget, file_menu: QMenu, before: QAction | None = None) -> None:
        self.window = window
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()  # tests replace it
        self.act_export_excel = window_action(window, "actionExportExcel", _tr("Export to E&xcel…"), self.export_workbook)
        self.act_export_csv = window_action(window, "actionExportCsv", _tr("Export to CS&V…"), self.export_csv)
        self.act_export_pptx = window_action(window, "actionExportPowerPoint", _tr("Export to Po&werPoint…"), self.export_slides)
        self.act_import = window_action(window, "actionImport", _tr("&Import…"), lambda: self.import_file())
        self._exports: OfficeExportRunner | None = None
        self.csv_table = "cards"  # the table File > Export to CSV offers first: the one chosen last
        actions = [self.act_export_excel, self.act_export_csv, self.act_export_pptx, self.act_import]
        if before is not None:
            file_menu.insertActions(before, actions)
        else:
            file_menu.addActions(actions)
        file_menu.aboutToShow.connect(self.update_actions)
        self.update_actions()

    @property
    def exports(self) -> OfficeExportRunner:
        """One export at a time, in a worker thread (built, with the exporters' modules, on first use)."""
        if self._exports is None:
            from cxstudio.ui.office_export import OfficeExportRunner

            self._exports = OfficeExportRunner(self.window)
            self._exports.started.connect(self.update_actions)
            self._exports.finished.connect(self._export_finished)
            self._exports.failed.connect(self._tell)
        return self._exports

    @property
    def project(self) -> OpenProject | None:
        return getattr(self.window, "project", None)

    def update_actions(self) -> None:
        project = self.project
        for action in (self.act_export_excel, self.act_export_csv, self.act_export_pptx):
            action.setEnabled(project is not None and not self.exporting)
        self.act_import.setEnabled(project is not None and project.refusal() is None)

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("CX Studio"), text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("officeMessage")
        self.run_dialog(box)
        box.deleteLater()

    def _status(self, text: str) -> None:
        show = getattr(self.window, "show_message", None)
        if callable(show):
            show(text)

    # ------------------------------------------------------------------ export
    def _save_path(self, title: str, suffix: str, filter_text: str, name: str | None = None) -> Path | None:
        project = self.project
        if project is None:
            return None
        folder = project.path.parent if project.path is not None else Path.home()
        stem = name or (project.path.stem if project.path is not None else "export")
        chosen, _filter = QFileDialog.getSaveFileName(self.window, title, str(folder / f"{stem}{suffix}"), filter_text)
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _start(self, job: OfficeJob, path: Path, done_text: str) -> bool:
        project = self.project
        if project is None or self.exports.running:
            return False
        started = self.exports.start(job, project.document, path, ui_language(), done_text)
        self._status(_tr("Writing %1…").replace("%1", path.name))
        return started

    def _export_finished(self, _written: bool, message: str) -> None:
        self.update_actions()
        self._status(message)

    @property
    def exporting(self) -> bool:
        return self._exports is not None and self._exports.running

    def export_workbook(self, path: Path | None = None) -> bool:
        """Start writing the project's tables as an .xlsx (asks for the file when `path` is None); True if started."""
        from cxstudio.ui.office_export import WORKBOOK, OfficeJob

        if self.exporting:
            return False
        path = path or self._save_path(_tr("Export to Excel"), ".xlsx", _tr("Excel workbooks (*.xlsx)"))
        return path is not None and self._start(OfficeJob(WORKBOOK), path, _tr("%1 rows written to %2."))

    def export_csv(self, path: Path | None = None, table: str | None = None) -> bool:
        """Start writing one table as CSV; asks for the table when `table` is None and for the file when `path` is
        None (named after the table). True if started."""
        from cxstudio.editing.tables import TABLE_BY_KEY
        from cxstudio.ui.office_export import CSV, OfficeJob, TableChoiceDialog

        project = self.project
        if project is None or self.exporting:
            return False
        language = project.document.project.language
        if table is None:
            dialog = TableChoiceDialog(language, self.window, self.csv_table)
            accepted = self.run_dialog(dialog) == QDialog.DialogCode.Accepted
            table, title = dialog.table, dialog.table_title
            dialog.deleteLater()
            if not accepted:
                return False
        else:
            spec = TABLE_BY_KEY.get(table)  # an unknown table fails in the exporter, in one sentence
            title = spec.title(language) if spec is not None else table
        self.csv_table = table
        safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in title).strip() or table
        path = path or self._save_path(_tr("Export to CSV"), ".csv", _tr("CSV files (*.csv)"), safe)
        return path is not None and self._start(OfficeJob(CSV, table), path, _tr("%1 rows written to %2."))

    def export_slides(self, path: Path | None = None) -> bool:
        """Start writing the project as a PowerPoint deck (asks for the file when `path` is None); True if started."""
        from cxstudio.ui.office_export import SLIDES, OfficeJob

        if self.exporting:
            return False
        path = path or self._save_path(_tr("Export to PowerPoint"), ".pptx", _tr("PowerPoint presentations (*.pptx)"))
        return path is not None and self._start(OfficeJob(SLIDES), path, _tr("%1 slides written to %2."))

    # ------------------------------------------------------------------ import
    def import_file(self, path: Path | str | None = None) -> bool:
        """Read a spreadsheet, plan the import (mapping a foreign inventory first), show the summary and, if the
        user agrees, apply it as one undo step. Nothing changes on cancel or when any row is invalid."""
        from cxstudio.editing.importing import own_tables, plan_import
        from cxstudio.export.office.errors import SpreadsheetError
        from cxstudio.export.office.reading import read_spreadsheet
        from cxstudio.ui.office_dialogs import MappingDialog

        project = self.project
        if project is None:
            return False
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self.window, _tr("Import"), str(project.path.parent if project.path else Path.home()),
                _tr("Spreadsheets (*.xlsx *.csv);;All files (*)"))
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        language = ui_language()
        try:
            tables = read_spreadsheet(path)
        except SpreadsheetError as error:
            self._tell(error.message(language))
            return False
        if own_tables(tables):
            plan = plan_import(project.document, tables, path.name, language=language)
        else:
            mapping = MappingDialog(project.document, tables, path.name, language, self.window)
            accepted = self.run_dialog(mapping) == QDialog.DialogCode.Accepted
            chosen = mapping.current_plan
            mapping.deleteLater()
            if not accepted or chosen is None:
                return False
            plan = chosen
        return self.confirm_and_apply(plan)

    def confirm_and_apply(self, plan: ImportPlan) -> bool:
        from cxstudio.editing.importing import apply_import
        from cxstudio.ui.office_dialogs import ask_import

        project = self.project
        if project is None:
            return False
        accepted, delete_missing = ask_import(plan, ui_language(), self.window, self.run_dialog)
        if not accepted or not plan.ok:
            return False
        result = run_operation(project, self._tell, None, apply_import, plan, delete_missing)
        if result is None:
            return False
        self._status(plan.summary(ui_language()))
        return True
