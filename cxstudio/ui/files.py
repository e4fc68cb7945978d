"""The editor's side of project files: opening, creating, saving and recovering through the API, problems as text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from cxstudio import api, logs
from cxstudio.api import ProjectFileError
from cxstudio.model.errors import ModelError
from cxstudio.model.messages import detail_text, error_detail

if TYPE_CHECKING:
    from cxstudio.content.templates import TemplateInfo


class FileError(Exception):
    """A project file could not be opened, created, saved or recovered; `text` is one sentence for the user.

    `code` is the ProjectFileError's code when there was one (e.g. "changed_on_disk"), else "".
    """

    def __init__(self, text: str, code: str = "") -> None:
        super().__init__(text)
        self.text = text
        self.code = code


_log = logs.logger("ui.files")


def _logged(what: str, error: BaseException, path: Path | None = None) -> None:
    """A refused file in one line; anything unexpected with its traceback (the user sees one sentence)."""
    if isinstance(error, (ProjectFileError, ModelError)):
        _log.warning("%s %s failed: %s", what, path or "", error)
    else:
        _log.error("%s %s failed", what, path or "", exc_info=error)


def _problem(error: BaseException, language: str, path: Path | None = None) -> FileError:
    if isinstance(error, ProjectFileError):
        return FileError(error.message(language), error.code)
    if isinstance(error, ModelError):
        return FileError(str(error))
    detail = detail_text(error_detail(error), language)
    where = str(path) if path is not None else ""
    return FileError(
        QCoreApplication.translate("Files", "The file %1 could not be used (%2).").replace("%1", where)
        .replace("%2", detail)
    )


@dataclass
class OpenedFile:
    """A project open in the editor, with the language its file messages are shown in."""

    project: api.OpenProject
    language: str
    notice: str | None = None  # one sentence to show once (e.g. a stale lock was taken over)

    @property
    def path(self) -> Path | None:
        return self.project.path

    @property
    def read_only_reason(self) -> str | None:
        return self.project.read_only_reason_in(self.language) if self.project.read_only else None


def templates() -> list[TemplateInfo]:
    """The bundled templates and examples (name, language, description, kind)."""
    from cxstudio.content.templates import list_templates

    return list_templates()


def new_project(choice: tuple[str, str] | None, language: str) -> OpenedFile:
    """A new unsaved project (with its recovery copy): empty, or from (template name, language)."""
    try:
        if choice is None:
            project = api.create(None, language)
        else:
            project = api.create(choice[0], choice[1])
    except Exception as error:
        _logged("New project", error)
        raise _problem(error, language) from error
    _log.info("New project from %s", choice[0] if choice is not None else "nothing")
    return OpenedFile(project, language)


def open_file(path: Path, language: str) -> OpenedFile:
    """Open `path`; every problem with the file raises FileError with one sentence in `language`."""
    try:
        project = api.open_project(path)
    except Exception as error:
        _logged("Opening", error, path)
        raise _problem(error, language, path) from error
    _log.info("Opened %s%s", path, " read-only" if project.read_only else "")
    return OpenedFile(project, language, project.opening_note(language))


def save(opened: OpenedFile, language: str, overwrite: bool = False) -> None:
    """Save to the project's file; `overwrite` replaces a version another program put there (code changed_on_disk)."""
    try:
        opened.project.save(overwrite=overwrite)
    except Exception as error:
        _logged("Saving", error, opened.path)
        raise _problem(error, language, opened.path) from error
    _log.info("Saved %s%s", opened.path, " (overwriting another program's version)" if overwrite else "")


def save_as(opened: OpenedFile, path: Path, language: str) -> None:
    try:
        opened.project.save_as(path)
    except Exception as error:
        _logged("Saving as", error, path)
        raise _problem(error, language, path) from error
    _log.info("Saved as %s", path)


def step_history(project: api.OpenProject, forward: bool) -> None:
    """Undo (or redo) one step of the project.

    A working-copy write that fails on the way is not raised here: the window's write-error listener
    (`OpenProject.on_write_error`) has already told the user, once per episode. Going through the
    project (not its session) hands the error out here, so that it does not surface again with the
    user's next, unrelated edit.
    """
    try:
        if forward:
            project.redo()
        else:
            project.undo()
    except ProjectFileError:
        pass


def go_to_step(project: api.OpenProject, index: int) -> None:
    """Jump to a step of the history; a failed write-through was already shown once (see step_history)."""
    try:
        project.go_to(index)
    except ProjectFileError:
        pass


def close(opened: OpenedFile) -> None:
    """Release the file's lock and its recovery copy (the user has already been asked about changes)."""
    try:
        opened.project.close()
    except (OSError, ProjectFileError):
        pass  # a lock or copy that cannot be removed is cleaned up by the next start's recovery scan


def format_time(moment: dt.datetime | None) -> str:
    """A moment as the editor shows dates and times (now, when unknown): "31.03.2026 14:05" in German."""
    from cxstudio.ui.workspace.dates import show_date  # the editor's one date format

    when = moment if moment is not None else dt.datetime.now()
    return show_date(when.strftime("%Y-%m-%dT%H:%M"))


@dataclass(frozen=True)
class RecoveryEntry:
    """One piece of unsaved work the last session left behind, as the recovery dialog shows it."""

    key: Any  # what the file layer needs to recover or discard it
    project_name: str
    last_edit: str  # already formatted for the UI language
    original_path: str | None


def recoverable(language: str) -> list[RecoveryEntry]:
    try:
        found = api.find_recoverable()
    except Exception as error:
        raise _problem(error, language) from error
    return [
        RecoveryEntry(item, item.project_name, format_time(item.last_edit),
                      str(item.original_path) if item.original_path else None)
        for item in found
    ]


def recover(entry: RecoveryEntry, language: str) -> OpenedFile:
    try:
        project = api.recover(entry.key)
    except Exception as error:
        _logged("Recovering", error)
        raise _problem(error, language) from error
    _log.info("Recovered unsaved work of %s", entry.original_path or entry.project_name)
    return OpenedFile(project, language)


def discard(entry: RecoveryEntry) -> None:
    api.discard_recoverable(entry.key)
