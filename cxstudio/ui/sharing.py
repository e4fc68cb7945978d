"""File > Open for Review… and File > Save Client Copy…, and the Comments dock: sharing a map with clients in the editor.

`SharingCommands(window, file_menu)` adds both commands to the File menu, keeps them enabled as the
open project allows (no client copy of a read-only project or of a copy open for review) and
installs the comments panel (`cxstudio.ui.panels.comment_list`). Opening for review goes through the
window's `ProjectController` like Open; a client copy is written by `OpenProject.save_client_copy`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cxstudio import api, logs
from cxstudio.model.entities import Comment
from cxstudio.ui import files
from cxstudio.ui.commands import window_action
from cxstudio.ui.panels.comments_dock import install_comments
from cxstudio.ui.project_controller import PROJECT_SUFFIX

if TYPE_CHECKING:
    from cxstudio.ui.main_window import MainWindow

_log = logs.logger("ui.sharing")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Sharing", text)


def open_for_review(path: Path, language: str) -> files.OpenedFile:
    """Open any project file for review (only comments); every problem raises FileError with one sentence."""
    try:
        project = api.open_project(path, review=True)
    except Exception as error:
        files._logged("Opening for review", error, path)
        raise files._problem(error, language, path) from error
    _log.info("Opened %s for review%s", path, " (read-only)" if project.read_only else "")
    return files.OpenedFile(project, language, project.opening_note(language))


def with_suffix(path: str | Path) -> Path:
    path = Path(path)
    return path if path.suffix.lower() == PROJECT_SUFFIX else path.with_name(path.name + PROJECT_SUFFIX)


class ClientCopyDialog(QDialog):
    """Where to write a client copy and whether its shared comments go along."""

    def __init__(self, suggestion: Path, shared_comments: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientCopyDialog")
        self.setWindowTitle(_tr("Save Client Copy"))
        self._confirmed: Path | None = None  # a path the file dialog already asked to replace
        about = QLabel(_tr("A client copy leaves out internal notes, internal comments, the undo history and "
                           "everything deleted. It opens for review: your client can comment but not change the "
                           "map. Merge the returned file later with File > Merge Returned File…."))
        about.setWordWrap(True)
        self.path_edit = QLineEdit(str(suggestion))
        self.path_edit.setObjectName("clientCopyPath")
        self.path_edit.setMinimumWidth(380)
        choose = QPushButton(_tr("Choose…"))
        choose.setObjectName("clientCopyChoose")
        choose.clicked.connect(lambda _checked=False: self._choose())
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("File:")))
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        self.keep_comments = QCheckBox(_tr("Keep shared comments"))
        self.keep_comments.setObjectName("clientCopyKeepComments")
        self.keep_comments.setChecked(True)
        count = QLabel(QCoreApplication.translate(
            "Sharing", "%n shared comment(s) in this project; internal comments never go along.", "", shared_comments))
        count.setObjectName("clientCopyCommentCount")
        count.setStyleSheet("color: #6b7280;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(text.strip())))
        column = QVBoxLayout(self)
        column.addWidget(about)
        column.addLayout(row)
        column.addWidget(self.keep_comments)
        column.addWidget(count)
        column.addWidget(self.buttons)

    def _choose(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, _tr("Save Client Copy"), self.path_edit.text(),
                                                      _tr("CX Studio projects (*.cxstudio)"))
        if chosen:
            self._confirmed = with_suffix(chosen)
            self.path_edit.setText(str(self._confirmed))

    def path(self) -> Path:
        return with_suffix(self.path_edit.text().strip())

    def replacing_confirmed(self) -> bool:
        """Whether the file dialog already asked about replacing the chosen file."""
        return self._confirmed is not None and self._confirmed == self.path()


class SharingCommands:
    """The sharing entries of the File menu and the Comments dock for one main window."""

    def __init__(self, window: MainWindow, file_menu: QMenu) -> None:
        self.window = window
        self.run_dialog: Callable[[QDialog], int] = lambda dialog: dialog.exec()  # tests may replace it
        self.act_open_review = window_action(
            window, "actionOpenForReview", _tr("Open for &Review…"), lambda: self.open_review(),
            tip=_tr("Open a project so that it can only be commented, as a client does."))
        self.act_client_copy = window_action(
            window, "actionSaveClientCopy", _tr("Save &Client Copy…"), lambda: self.save_client_copy(),
            tip=_tr("Write a copy for a client: without internal notes and comments, opening for review."))
        actions = file_menu.actions()
        after_open = actions.index(window.recent_menu.menuAction()) + 1
        file_menu.insertAction(actions[after_open] if after_open < len(actions) else None, self.act_open_review)
        actions = file_menu.actions()
        after_save = actions.index(window.act_save_as) + 1
        file_menu.insertAction(actions[after_save] if after_save < len(actions) else None, self.act_client_copy)
        self.comments_dock = install_comments(window)
        file_menu.aboutToShow.connect(self.update_actions)
        window.projectChanged.connect(self.update_actions)
        self.update_actions()

    @property
    def language(self) -> str:
        return self.window.files.language

    def update_actions(self) -> None:
        project = self.window.project
        self.act_client_copy.setEnabled(project is not None and not project.read_only and not project.review)

    # ------------------------------------------------------------------ open for review
    def open_review(self, path: str | Path | None = None) -> bool:
        """Open a project file in review mode (asks for it when `path` is None); False when nothing was opened."""
        controller = self.window.files
        if path is None:
            opened = controller.opened
            start = str(opened.path.parent) if opened is not None and opened.path is not None else ""
            chosen, _filter = QFileDialog.getOpenFileName(self.window, _tr("Open for review"), start,
                                                          _tr("CX Studio projects (*.cxstudio);;All files (*)"))
            if not chosen:
                return False
            path = chosen
        target = Path(path)
        opened = controller.opened
        if opened is not None and opened.path is not None and target.exists() \
                and opened.path.resolve() == target.resolve():
            if opened.project.review:
                return True
            if not controller.close_project():  # the file is open for editing here: give it up first
                return False
        return controller._replace_current(lambda: open_for_review(target, self.language),
                                           _tr("Cannot open for review"))

    # ------------------------------------------------------------------ client copy
    def save_client_copy(self, path: str | Path | None = None, keep_comments: bool | None = None) -> bool:
        """Write a client copy of the open project (asks where, and about comments, when `path` is None); True if
        written. A refusal is one sentence in a dialog; the project and its file stay as they were."""
        window = self.window
        project = window.project
        if project is None:
            return False
        window.inspector.flush()
        if project.read_only or project.review:
            from cxstudio.ui import dialogs
            dialogs.show_problem(window, _tr("Cannot save client copy"),
                                 _tr("A client copy can only be made of a project open for editing."))
            return False
        if path is None:
            stem = project.path.stem if project.path is not None else project.document.project.name or "project"
            folder = project.path.parent if project.path is not None else Path.home()
            shared = sum(1 for c in project.document.all(Comment) if not c.internal)
            dialog = ClientCopyDialog(folder / f"{stem} ({_tr('client copy')}){PROJECT_SUFFIX}", shared, window)
            try:
                if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
                    return False
                target, confirmed = dialog.path(), dialog.replacing_confirmed()
                keep = dialog.keep_comments.isChecked() if keep_comments is None else keep_comments
            finally:
                dialog.deleteLater()
            if project.path is not None and target.exists() and target.resolve() == project.path.resolve():
                from cxstudio.ui import dialogs
                dialogs.show_problem(window, _tr("Cannot save client copy"),
                                     api.ProjectFileError("client_copy_onto_project", path=target).message(self.language))
                return False
            if target.exists() and not confirmed and not self._ask_replace(target):
                return False
        else:
            target, keep = with_suffix(path), bool(keep_comments)
        return self._write(project, target, keep)

    def _ask_replace(self, target: Path) -> bool:
        answer = QMessageBox.question(self.window, _tr("Save Client Copy"),
                                      _tr("%1 already exists. Replace it?").replace("%1", target.name))
        return answer == QMessageBox.StandardButton.Yes

    def _write(self, project: api.OpenProject, target: Path, keep: bool) -> bool:
        window = self.window
        window.show_message(_tr("Writing the client copy %1…").replace("%1", target.name))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QCoreApplication.processEvents()
        try:
            project.save_client_copy(target, keep)
        except Exception as error:
            QGuiApplication.restoreOverrideCursor()
            files._logged("Client copy", error, target)
            problem = files._problem(error, self.language, target)
            from cxstudio.ui import dialogs
            dialogs.show_problem(window, _tr("Cannot save client copy"), problem.text)
            window.show_message("")
            return False
        QGuiApplication.restoreOverrideCursor()
        _log.info("Client copy written to %s%s", target, " with the shared comments" if keep else "")
        bridge = window.files.bridge
        if bridge is not None:
            bridge.refresh_clean()  # the project keeps the copy's content for merging: save it to keep that
        window.files.update_title()
        window.history.refresh()
        text = _tr("Client copy saved as %1 with the shared comments; nothing internal went along. Save the project "
                   "to keep the copy's base for merging.") if keep else \
            _tr("Client copy saved as %1 without comments; nothing internal went along. Save the project to keep "
                "the copy's base for merging.")
        window.show_message(text.replace("%1", target.name))
        return True
