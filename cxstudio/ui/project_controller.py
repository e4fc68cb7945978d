"""The window's project file: new, open, save, save as, close, recovery, the modified marker and the read-only banner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMainWindow, QMenu, QMessageBox, QPushButton

from cxstudio import api
from cxstudio.ui import files
from cxstudio.ui.bridge import SessionBridge
from cxstudio.ui.commands import run_operation
from cxstudio.ui.settings import EditorSettings

if TYPE_CHECKING:
    from cxstudio.api import Session

P = ParamSpec("P")
R = TypeVar("R")

PROJECT_SUFFIX = ".cxstudio"


BANNER_STYLE = ("#readOnlyBanner { background: #fff3cd; border-bottom: 1px solid #e0c36a; }"
                "#readOnlyBanner QLabel { color: #5c4400; }")


class ReadOnlyBanner(QFrame):
    """The yellow strip above the map saying why the project is read-only (with a Save As button) or that it is a review copy."""

    def __init__(self, save_as: Callable[[], object]) -> None:
        super().__init__()
        self.setObjectName("readOnlyBanner")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setObjectName("readOnlyBannerText")
        self.label.setWordWrap(True)
        self.save_as_button = QPushButton(self.tr("Save As…"))
        self.save_as_button.clicked.connect(lambda _checked=False: save_as())
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setObjectName("readOnlyBannerDismiss")
        self.dismiss_button.clicked.connect(lambda _checked=False: self.hide())
        row.addWidget(self.label, 1)
        row.addWidget(self.save_as_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_reason(self, reason: str | None, review: bool = False, note: str | None = None) -> None:
        """Say why the project is read-only (`reason`), else that it is open for review, and what opening noticed
        (`note`: a stale lock taken over, parts of the file left out); hide when there is nothing to say."""
        texts = []
        if reason:
            texts.append(self.tr("Read-only: %1. Your changes can be saved with Save As.").replace("%1", reason))
        elif review:
            texts.append(self.tr("Review copy: you can comment; the map cannot be changed."))
        if note:
            texts.append(note)
        if texts and not self.styleSheet():  # styled when first shown: a style sheet costs the start-up ~3 ms on X11
            self.setStyleSheet(BANNER_STYLE)
        self.label.setText(" ".join(texts))
        self.save_as_button.setVisible(bool(reason))
        self.dismiss_button.setVisible(not reason and not review)  # a note alone may be put away
        self.setVisible(bool(texts))


def _now(call: Callable[[], object]) -> None:
    call()


class ProjectController(QObject):
    """The project open in one window and its file: every file command, the title's marker, the banner.

    `projectChanged` follows every change of the open project (new, opened, recovered, closed,
    handed over); `saved` follows a save; `message(text)` is for the status bar. Edits of the
    window go through `run`, the one path to `OpenProject.run` with refusals shown as messages.
    """

    projectChanged = Signal()
    changed = Signal(object, str)  # the open project's change sets (do, undo, redo), whichever project is open
    saved = Signal()
    message = Signal(str)

    def __init__(self, window: QMainWindow, settings: EditorSettings, language: str,
                 before_command: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.language = language
        self._before_command = before_command  # commits typing the inspector held back
        self.opened: files.OpenedFile | None = None
        self.bridge: SessionBridge | None = None
        self.banner = ReadOnlyBanner(self.save_as)
        self.recent_menu: QMenu | None = None

    # ------------------------------------------------------------------ the project
    @property
    def project(self) -> api.OpenProject | None:
        return self.opened.project if self.opened is not None else None

    def run(self, operation: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs) -> R | None:
        """Run one editing operation on the open project (one undo step); a refusal is a message, None the result."""
        project = self.project
        if project is None:
            return None
        return run_operation(project, self.message.emit, self.language, operation, *args, **kwargs)

    def display_name(self) -> str:
        opened = self.opened
        if opened is None:
            return ""
        return opened.path.name if opened.path is not None else opened.project.document.project.name

    def _set_opened(self, opened: files.OpenedFile | None) -> None:
        self.opened = opened
        if opened is not None and opened.path is not None:
            setup = getattr(self.window, "setup", None)  # the launch: the settings file is written after the first paint
            (setup.later if setup is not None else _now)(lambda path=opened.path: self._remember_recent(path))
        self._attach()

    def _remember_recent(self, path: Path) -> None:
        self.settings.add_recent_file(path)
        self.fill_recent_menu()

    def _attach(self) -> None:
        """Follow the open project's session (modified marker, write errors) and tell the window."""
        if self.bridge is not None:
            self.bridge.disconnect_session()
            self.bridge.deleteLater()
            self.bridge = None
        project = self.project
        if project is not None:
            self.bridge = SessionBridge(project.session, self)
            self.bridge.cleanChanged.connect(lambda _clean: self.update_title())
            self.bridge.changed.connect(self.changed)
            project.on_write_error(self._on_write_error)
        self.projectChanged.emit()
        self._show_banner()
        self.update_title()

    def _show_banner(self) -> None:
        opened = self.opened
        self.banner.show_reason(opened.read_only_reason if opened is not None else None,
                                opened is not None and opened.project.review, opened.notice if opened is not None else None)

    def edit_refused(self) -> bool:
        """Whether the open project refuses map edits (read-only or review); the refusal goes to the status bar."""
        project = self.project
        error = project.refusal() if project is not None else None
        if error is not None:
            self.message.emit(error.message(self.language))
        return error is not None

    def update_title(self) -> None:
        """The window title names the file, marks unsaved changes ([*]) and says when it is read-only."""
        opened = self.opened
        if opened is None:
            self.window.setWindowTitle("CX Studio")
            self.window.setWindowModified(False)
            return
        suffix = self.tr(" (read-only)") if opened.read_only_reason else \
            self.tr(" (review copy)") if opened.project.review else ""
        self.window.setWindowTitle(f"{self.display_name()}[*]{suffix} — CX Studio")
        self.window.setWindowModified(not opened.project.session.is_clean)

    def _on_write_error(self, error: api.ProjectFileError) -> None:
        """Tell the user once when edits stop reaching the recovery copy (e.g. the disk is full)."""
        if self.opened is None:
            return  # the project moved to another window (a language switch)
        text = error.message(self.language)
        from cxstudio.ui import dialogs
        QTimer.singleShot(0, lambda: dialogs.show_problem(self.window, self.tr("Changes not secured"), text))

    def _release_current(self) -> None:
        if self.opened is not None:
            files.close(self.opened)
            self.opened = None

    # ------------------------------------------------------------------ commands
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True if the window may go on (saved, discarded or nothing to save)."""
        self._before_command()
        opened = self.opened
        if opened is None or opened.project.session.is_clean:
            return True
        from cxstudio.ui import dialogs
        answer = dialogs.ask_unsaved_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def close_project(self) -> bool:
        if not self.maybe_save():
            return False
        self._release_current()
        self._set_opened(None)
        return True

    def release(self) -> None:
        """The window closes (the user was asked about changes): release the file without showing anything."""
        self._release_current()

    def new_project(self) -> bool:
        from cxstudio.ui import dialogs

        chooser = dialogs.TemplateChooser(files.templates(), self.language, self.window)
        try:
            if chooser.exec() != dialogs.TemplateChooser.DialogCode.Accepted:
                return False
            choice = chooser.choice()
        finally:
            chooser.deleteLater()
        return self.new_from_template(choice)

    def new_from_template(self, choice: tuple[str, str] | None) -> bool:
        return self._replace_current(lambda: files.new_project(choice, self.language), self.tr("New project"))

    def _replace_current(self, load: Callable[[], files.OpenedFile], problem_title: str,
                         on_problem: Callable[[], None] | None = None) -> bool:
        """Ask about unsaved changes, then show the project `load` opens in place of the current one.

        A FileError becomes a dialog titled `problem_title` (after `on_problem`); False when nothing was opened.
        """
        if not self.maybe_save():
            return False
        try:
            opened = load()
        except files.FileError as problem:
            if on_problem is not None:
                on_problem()
            from cxstudio.ui import dialogs
            dialogs.show_problem(self.window, problem_title, problem.text)
            return False
        self._release_current()
        self._set_opened(opened)
        return True

    def open_dialog(self) -> bool:
        start = str(self.opened.path.parent) if self.opened is not None and self.opened.path is not None else ""
        path, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Open project"), start, self.tr("CX Studio projects (*.cxstudio);;All files (*)"))
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path) -> bool:
        """Open a project file; any problem with it becomes one message in a dialog."""
        target = Path(path)
        if self.opened is not None and self.opened.path is not None and target.exists() \
                and self.opened.path.resolve() == target.resolve():
            self.window.raise_()
            return True

        def forget_if_gone() -> None:
            if not target.exists():
                self.settings.remove_recent_file(target.resolve())
                self.fill_recent_menu()

        return self._replace_current(lambda: files.open_file(target, self.language), self.tr("Cannot open project"),
                                     forget_if_gone)

    def save(self) -> bool:
        self._before_command()
        opened = self.opened
        if opened is None:
            return False
        if opened.path is None or opened.read_only_reason:
            return self.save_as()
        try:
            files.save(opened, self.language)
        except files.FileError as problem:
            if problem.code == "changed_on_disk":
                return self._save_over_changed_file(opened, problem.text)
            from cxstudio.ui import dialogs
            dialogs.show_problem(self.window, self.tr("Cannot save project"), problem.text)
            return False
        self._after_save()
        return True

    def autosave(self) -> bool:
        """Save through the normal Save path, quietly: only a project with a writable file and unsaved changes.

        Nothing is asked: a file another program changed is left alone and a failure is one line in the
        status bar (and the log); the working copy keeps the work either way.
        """
        opened = self.opened
        if opened is None or opened.path is None or opened.read_only_reason or opened.project.session.is_clean:
            return False
        self._before_command()
        try:
            files.save(opened, self.language)
        except files.FileError as problem:
            self.message.emit(self.tr("Autosave did not save the file: %1").replace("%1", problem.text))
            return False
        self._after_save()
        return True

    def _save_over_changed_file(self, opened: files.OpenedFile, text: str) -> bool:
        """Another program replaced the file since it was opened or saved here: overwrite it, Save As, or cancel."""
        box = QMessageBox(self.window)
        box.setObjectName("changedOnDiskQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("File changed by another program"))
        box.setText(text)
        overwrite = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        overwrite.setObjectName("overwriteButton")
        save_as = box.addButton(self.tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        save_as.setObjectName("saveAsButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save_as:
            return self.save_as()
        if clicked is not overwrite:
            return False
        try:
            files.save(opened, self.language, overwrite=True)
        except files.FileError as problem:
            from cxstudio.ui import dialogs
            dialogs.show_problem(self.window, self.tr("Cannot save project"), problem.text)
            return False
        self._after_save()
        return True

    def save_as(self, path: str | Path | None = None) -> bool:
        self._before_command()
        opened = self.opened
        if opened is None:
            return False
        if path is None:
            suggestion = str(opened.path) if opened.path is not None else \
                opened.project.document.project.name + PROJECT_SUFFIX
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window, self.tr("Save project as"), suggestion, self.tr("CX Studio projects (*.cxstudio)"))
            if not chosen:
                return False
            path = chosen if chosen.endswith(PROJECT_SUFFIX) else chosen + PROJECT_SUFFIX
        try:
            files.save_as(opened, Path(path), self.language)
        except files.FileError as problem:
            from cxstudio.ui import dialogs
            dialogs.show_problem(self.window, self.tr("Cannot save project"), problem.text)
            return False
        self.settings.add_recent_file(Path(path))
        self.fill_recent_menu()
        self._after_save()
        return True

    def _after_save(self) -> None:
        if self.bridge is not None:
            self.bridge.refresh_clean()
        if self.opened is not None:
            self.opened.notice = None  # what opening noticed no longer holds for the file just written
        self._show_banner()
        self.update_title()
        self.saved.emit()
        self.message.emit(self.tr("Saved %1").replace("%1", self.display_name()))

    # ------------------------------------------------------------------ recent files
    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if recent:
            menu.addSeparator()
            clear = menu.addAction(self.tr("Clear List"))
            clear.triggered.connect(self._clear_recent)
        else:
            empty = menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self.fill_recent_menu()

    # ------------------------------------------------------------------ recovery
    def offer_recovery(self) -> bool:
        """At start-up: offer unsaved work left by a crashed editor; True if a project was recovered."""
        try:
            entries = files.recoverable(self.language)
        except files.FileError as problem:
            self.message.emit(problem.text)
            return False
        if not entries:
            return False
        recovered = [False]

        def recover(entry: files.RecoveryEntry) -> bool:
            if not self._replace_current(lambda: files.recover(entry, self.language), self.tr("Cannot recover project")):
                return False
            recovered[0] = True
            return True

        def discard(entry: files.RecoveryEntry) -> None:
            try:
                files.discard(entry)
            except files.FileError as problem:
                self.message.emit(problem.text)

        from cxstudio.ui import dialogs
        dialog = dialogs.RecoveryDialog(entries, recover, discard, self.window)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        return recovered[0]

    # ------------------------------------------------------------------ language switch
    def hand_over(self) -> files.OpenedFile | None:
        """Give up the open project without closing it (for a window in another language); the window is empty then."""
        self._before_command()
        opened, self.opened = self.opened, None
        self._attach()
        return opened

    def take_over(self, opened: files.OpenedFile | None) -> None:
        """Show a project another window handed over, as it was (unsaved changes and undo history included)."""
        self.opened = opened
        if opened is not None:
            opened.language = self.language
        self._attach()
