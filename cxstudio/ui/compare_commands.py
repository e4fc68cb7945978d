"""File > Compare With… and File > Merge Returned File…: another project file compared with the map, or merged into it.

Compare shows the Compare dock (`compare_view.CompareView`) and colours the map. Merge reads the
returned file, finds the common ancestor from the files' lineage (asking for a base file only when
there is none), shows `merge_dialog.MergeDialog` and merges through `OpenProject.merge`: one undo
step named "Merge “<file>”"; a merge that would break a rule of the model is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDockWidget, QFileDialog, QMenu, QMessageBox

from cxstudio.api import ProjectFileError, read_project
from cxstudio.ui.commands import ui_language, window_action

if TYPE_CHECKING:
    from cxstudio.api import OpenProject, ProjectData
    from cxstudio.editing.merge import MergePlan, Side
    from cxstudio.model.document import Document
    from cxstudio.ui.compare_view import CompareView
    from cxstudio.ui.main_window import MainWindow

PROJECT_FILTER = "CX Studio (*.cxstudio);;*"
COMPARE_WIDTH = 440  # pixels: the list of changes needs room for a title and a value


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompareCommands", text)


class CompareCommands:
    """The compare and merge entries of the File menu for one main window, and the Compare dock.

    The dock and the list of changes in it (`view`, with the comparison's modules) are built when first
    needed: after the window's first paint (`window.setup`), or at once when asked for; the window's
    saved state places the dock then (`restoreDockWidget`).
    """

    def __init__(self, window: MainWindow, file_menu: QMenu) -> None:
        self.window = window
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()  # tests replace it
        # which file to compare or merge, and the base when the lineage has none (None: cancelled); tests replace them
        self.choose_file: Callable[[str], Path | None] = self._choose_file
        self.choose_base: Callable[[], Path | None] = lambda: self._choose_file(_tr("Choose the File Both Started From"))
        file_menu.addSeparator()
        self.act_compare = window_action(window, "actionCompareWith", _tr("Compare &With…"), lambda: self.compare_with())
        self.act_merge = window_action(window, "actionMergeReturned", _tr("&Merge Returned File…"), lambda: self.merge_returned())
        file_menu.addActions([self.act_compare, self.act_merge])
        self._view: CompareView | None = None
        self._dock: QDockWidget | None = None
        file_menu.aboutToShow.connect(self.update_actions)
        window.projectChanged.connect(self.update_actions)
        self.update_actions()
        window.setup.later(lambda: self.view)  # the dock and its list: after the first paint (map_first), else now

    @property
    def dock(self) -> QDockWidget:
        """The Compare dock: hidden until a comparison, made on first use where the saved window state puts it."""
        if self._dock is None:
            window = self.window
            dock = self._dock = QDockWidget(_tr("Compare"), window)
            dock.setObjectName("compareDock")
            if not window.restoreDockWidget(dock):  # no saved place (the first start): a tab behind the outline
                window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
                window.tabifyDockWidget(window.outline_dock, dock)
                window.outline_dock.raise_()
                dock.hide()
        return self._dock

    @property
    def view(self) -> CompareView:
        """The list of changes in the Compare dock (with its F8 and Shift+F8 actions), built on first use."""
        if self._view is None:
            from cxstudio.ui.compare_view import CompareView

            self._view = CompareView(self.window)
            self.dock.setWidget(self._view)
            self._view.ended.connect(self.dock.hide)
        return self._view

    @property
    def project(self) -> OpenProject | None:
        return self.window.project

    def update_actions(self) -> None:
        project = self.project
        self.act_compare.setEnabled(project is not None)
        self.act_merge.setEnabled(project is not None and project.refusal() is None)

    # ------------------------------------------------------------------ helpers
    def _choose_file(self, title: str) -> Path | None:
        project = self.project
        folder = project.path.parent if project is not None and project.path is not None else Path.home()
        chosen, _filter = QFileDialog.getOpenFileName(self.window, title, str(folder), PROJECT_FILTER)
        return Path(chosen) if chosen else None

    def tell(self, text: str, title: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title or _tr("CX Studio"), text, QMessageBox.StandardButton.Ok,
                          self.window)
        box.setObjectName("compareMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.run_dialog(box)
        box.deleteLater()

    @contextmanager
    def busy(self, text: str) -> Iterator[None]:
        """A busy cursor and a status message while files are read, compared or merged."""
        self.window.show_message(text)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()

    def _read(self, path: Path) -> ProjectData | None:
        try:
            with self.busy(_tr("Reading %1…").replace("%1", path.name)):
                return read_project(path)
        except ProjectFileError as error:
            self.tell(error.message(ui_language()))
        except OSError as error:
            self.tell(_tr("%1 cannot be read: %2").replace("%1", path.name).replace("%2", error.strerror or str(error)))
        return None

    def _flush_typing(self) -> None:
        inspector = getattr(self.window, "inspector", None)
        if inspector is not None:
            inspector.flush()

    # ------------------------------------------------------------------ compare
    def compare_with(self, path: Path | str | None = None) -> bool:
        """Compare the map with another project file: the Compare dock lists the changes, the map shows them."""
        if self.project is None:
            return False
        self._flush_typing()
        chosen = Path(path) if path is not None else self.choose_file(_tr("Compare With"))
        if chosen is None:
            return False
        other = self._read(chosen)
        if other is None:
            return False
        with self.busy(_tr("Comparing with %1…").replace("%1", chosen.name)):
            self.view.start(other, chosen.name)
        self.dock.show()
        self.dock.raise_()
        self.window.resizeDocks([self.dock], [COMPARE_WIDTH], Qt.Orientation.Horizontal)
        comparison = self.view.comparison
        count = len(comparison.changes) if comparison is not None else 0
        self.window.show_message(_tr("%1 differences from %2.").replace("%1", str(count)).replace("%2", chosen.name)
                                 if count else _tr("No differences from %1.").replace("%1", chosen.name))
        return True

    def end_compare(self) -> None:
        self.view.end()

    # ------------------------------------------------------------------ merge
    def merge_returned(self, path: Path | str | None = None) -> bool:
        """Merge a returned file into the map after the user decided every conflict; True when merged."""
        project = self.project
        if project is None:
            return False
        self._flush_typing()
        refusal = project.refusal()
        if refusal is not None:
            self.tell(refusal.message(ui_language()))
            return False
        chosen = Path(path) if path is not None else self.choose_file(_tr("Merge Returned File"))
        if chosen is None:
            return False
        theirs = self._read(chosen)
        if theirs is None:
            return False
        found = self._base(project, theirs)
        if found is None:
            return False
        base, base_text = found

        def planner(resolutions: dict[str, Side]) -> MergePlan:
            return project.plan_merge(theirs, base, resolutions)

        done_before = project.session.index

        def apply(resolutions: dict[str, Side]) -> str | None:
            try:
                with self.busy(_tr("Merging %1…").replace("%1", chosen.name)):
                    project.merge(theirs, base, resolutions)
            except ProjectFileError as error:
                text = _tr("The merge was refused: %1").replace("%1", error.message(ui_language()))
                self.tell(text, _tr("Merge refused"))
                return text
            return None

        from cxstudio.ui.compare_view import quoted
        from cxstudio.ui.merge_dialog import MergeDialog

        with self.busy(_tr("Planning the merge of %1…").replace("%1", chosen.name)):
            dialog = MergeDialog(planner, apply, (base, project.document, theirs.document), chosen.name, base_text,
                                 self.window)
        try:
            merged = self.run_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.refusal is None
        finally:
            dialog.deleteLater()
        if merged:
            name = quoted(chosen.name, 60)
            self.window.show_message(_tr("Merged %1 (one undo step).").replace("%1", name)
                                     if project.session.index != done_before else
                                     _tr("Nothing to merge: this project already has every change of %1.")
                                     .replace("%1", name))
            self.update_actions()
        return merged

    def _base(self, project: OpenProject, theirs: ProjectData) -> tuple[Document, str] | None:
        """The common ancestor's content and how the dialog names it; asks for a base file when the lineage has none."""
        from cxstudio.editing.lineage import common_ancestor
        from cxstudio.ui.compare_view import quoted
        from cxstudio.ui.workspace.dates import show_date

        try:
            with self.busy(_tr("Finding the common ancestor…")):
                base = project.merge_base(theirs)
            ancestor = common_ancestor(project.lineage, theirs.lineage)
            revisions = [*project.lineage.revisions, *theirs.lineage.revisions]
            created = next((r.created for r in revisions if ancestor is not None and r.id == ancestor.revision_id), "")
            when = show_date(created)
            return base, (_tr("the copy handed out on %1").replace("%1", when) if when
                          else _tr("the version the returned file was made from"))
        except ProjectFileError as error:
            if error.code != "no_common_ancestor":
                self.tell(error.message(ui_language()))
                return None
        self.tell(_tr("%1 and this project share no recorded version. Choose the file both started from.")
                  .replace("%1", theirs.path.name), _tr("Merge Returned File"))
        path = self.choose_base()
        if path is None:
            return None
        data = self._read(path)
        return (data.document, quoted(path.name, 60)) if data is not None else None
