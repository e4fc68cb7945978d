"""The Python API shared by the editor, the command line and users' scripts: projects, operations, undo."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from cxstudio.editing.session import ChangeSet, Origin, Session
from cxstudio.editing.steps import StepName
from cxstudio.model.defaults import default_channels
from cxstudio.model.document import Document
from cxstudio.model.entities import Project
from cxstudio.persistence.errors import ProjectFileError  # light: no SQLAlchemy; re-exported for callers

if TYPE_CHECKING:  # persistence (SQLAlchemy) is imported lazily, where a file is touched
    from cxstudio.editing.compare import Comparison
    from cxstudio.editing.lineage import Lineage
    from cxstudio.editing.merge import MergePlan, Side
    from cxstudio.persistence.lock import LockInfo
    from cxstudio.persistence.opening import Inspection
    from cxstudio.persistence.project_file import ProjectFile
    from cxstudio.persistence.working_copy import RecoverableProject

# Re-exported for the editor, which edits through this module and never imports the session machinery
# or persistence itself (an import-linter contract): change sets and origins it receives, step names it shows.
__all__ = [
    "ChangeSet", "OpenProject", "Origin", "ProjectData", "ProjectFileError", "Session", "StepName", "check_file",
    "clean_up_leftovers", "client_copy", "create", "diff_files", "discard_recoverable", "empty_document",
    "find_recoverable", "merge_files", "open_project", "prepare_writing", "read_project", "recover",
]

P = ParamSpec("P")
R = TypeVar("R")


class OpenProject:
    """A project in memory: its Document, the editing Session (undo/redo) and, lazily, its relation graph.

    Run any operation of `cxstudio.editing.operations` with `project.run(op, ...)`; each run is
    one undo step. A project opened from or created for a file also has a working copy: every
    committed change (do, undo, redo) is written through to it, so a crash loses nothing. If that
    write fails (e.g. the disk is full), `run`, `undo` and `redo` raise a ProjectFileError after the
    change has been applied in memory and shown; the change stays pending, is retried on the next
    commit and on Save, and `write_error` tells whether the working copy is behind.
    """

    def __init__(self, document: Document, file: ProjectFile | None = None, review: bool = False) -> None:
        self.document = document
        self.session = Session(document)
        self._graph: Any = None
        self._file = file
        self.review = review  # open for review: only the comment operations run (see `run`)
        if file is not None:
            file.attach(self.session)

    def run(self, operation: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one editing operation on this project (one undo step) and return its result.

        Refused with a ProjectFileError (one sentence, nothing changed) when the project is read-only
        (code `edit_read_only`), and in review mode for anything but adding, answering, resolving and
        reopening comments (code `edit_in_review`; see `editing.sharing.REVIEW_OPERATIONS`).
        """
        self.refusal(operation, raise_it=True)
        result = operation(self.session, *args, **kwargs)
        self._raise_write_error()
        return result

    def refusal(self, operation: Callable[..., Any] | None = None, raise_it: bool = False) -> ProjectFileError | None:
        """Why `run(operation)` would be refused (None: it would run); the editor disables such commands.

        With `operation` None: whether any edit of the map would be refused (comments may still be allowed).
        """
        error: ProjectFileError | None = None
        if self.read_only:
            error = ProjectFileError("edit_read_only", reason=self.read_only_reason_in("en") or "",
                                     reason_de=self.read_only_reason_in("de") or "")
        elif self.review:
            from cxstudio.editing.sharing import REVIEW_OPERATIONS

            if operation is None or operation not in REVIEW_OPERATIONS:
                error = ProjectFileError("edit_in_review")
        if error is not None and raise_it:
            raise error
        return error

    def undo(self) -> ChangeSet | None:
        change_set = self.session.undo()
        self._raise_write_error()
        return change_set

    def redo(self) -> ChangeSet | None:
        change_set = self.session.redo()
        self._raise_write_error()
        return change_set

    def go_to(self, index: int) -> None:
        """Undo or redo until `index` steps of the history are done (the history panel's jump)."""
        self.session.go_to(index)
        self._raise_write_error()

    def _raise_write_error(self) -> None:
        if self._file is not None:
            error = self._file.take_write_error()
            if error is not None:
                raise error

    @property
    def graph(self) -> Any:
        """The project's RelationGraph (networkx), built on first use and kept up to date."""
        if self._graph is None:
            from cxstudio.model.graph import RelationGraph

            self._graph = RelationGraph(self.document)
        return self._graph

    @property
    def is_modified(self) -> bool:
        return not self.session.is_clean

    # ------------------------------------------------------------------ the project file
    @property
    def path(self) -> Path | None:
        """The project's file, or None while it has never been saved."""
        return self._file.path if self._file is not None else None

    @property
    def read_only(self) -> bool:
        """True when Save is refused (locked by another editor, write-protected, or opened read-only)."""
        return self._file is not None and self._file.read_only

    @property
    def read_only_reason(self) -> str | None:
        """Why the project is read-only, as an English clause (None when writable); see read_only_reason_in."""
        return self._file.read_only_reason("en") if self._file is not None else None

    def read_only_reason_in(self, language: str) -> str | None:
        """Why the project is read-only in 'de' or 'en' (for the editor's banner)."""
        return self._file.read_only_reason(language) if self._file is not None else None

    @property
    def lock_holder(self) -> LockInfo | None:
        """Who has the file open when that is why it is read-only (user, host, pid, since)."""
        return self._file.lock_holder() if self._file is not None else None

    def lock_note(self, language: str = "en") -> str | None:
        """One sentence when opening took over a stale lock of a crashed editor, else None."""
        return self._file.lock_note(language) if self._file is not None else None

    def opening_note(self, language: str = "en") -> str | None:
        """What the user should hear once after opening, else None: a stale lock taken over, and parts of the
        file that are not a CX Studio project's (triggers, views, extra tables; never run, never saved)."""
        if self._file is None:
            return None
        notes = [note for note in (self._file.lock_note(language), self._file.foreign_note(language)) if note]
        return " ".join(notes) or None

    @property
    def write_error(self) -> ProjectFileError | None:
        """The last write-through failure while the working copy is behind the document, else None."""
        return self._file.write_error if self._file is not None else None

    def on_write_error(self, listener: Callable[[ProjectFileError], None]) -> None:
        """Call `listener(error)` once when the working copy starts falling behind (e.g. the disk is full).

        It runs inside the commit notification, before `run`/`undo`/`redo` raise the same error: show a
        banner there, but do not change the document. Edits made through `session` directly only reach
        this listener and `write_error`.
        """
        self._require_file().write_error_listeners.append(listener)

    @property
    def working_copy(self) -> Path | None:
        """The folder of the working copy (for diagnostics)."""
        return self._file.working.folder if self._file is not None else None

    def _require_file(self) -> ProjectFile:
        if self._file is None:
            from cxstudio.persistence.project_file import ProjectFile

            self._file = ProjectFile.create_unsaved(self.document)
            self._file.attach(self.session)
        return self._file

    def save(self, overwrite: bool = False) -> None:
        """Save to the project's file (atomic replace); ProjectFileError if it has none or is read-only.

        If another program changed the file since it was opened or saved here (e.g. a sync client brought
        a colleague's version), Save refuses with code `changed_on_disk`; `overwrite=True` replaces it anyway.
        """
        self._require_file().save(self.document, overwrite=overwrite)

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Save to `path` (replacing it atomically), which becomes the project's file, locked and writable."""
        self._require_file().save_as(path, self.document)

    def save_copy(self, path: str | os.PathLike[str]) -> None:
        """Write a copy to `path` (e.g. for a client) and keep working on the current file."""
        self._require_file().save_copy(path, self.document)

    # ------------------------------------------------------------------ sharing: client copies, lineage, merge
    @property
    def lineage(self) -> Lineage:
        """The revisions of this project's content (Saves, client copies handed out, merges); see editing.lineage."""
        from cxstudio.editing.lineage import Lineage

        return self._file.lineage if self._file is not None else Lineage()

    def save_client_copy(self, path: str | os.PathLike[str], keep_comments: bool = False) -> str:
        """Write a client copy to `path` and return its revision id.

        The copy holds nothing the model marks internal (internal notes and comments), no comments at all
        unless `keep_comments` (then the shared ones), no undo history, lock or working-copy traces and no
        deleted content; it records its base revision and opens in review mode. This project keeps the
        copy's content for merging it back (`merge`) and counts as modified until saved.
        """
        from cxstudio.editing.sharing import client_document

        clean = client_document(self.document, keep_comments)
        return self._require_file().save_client_copy(path, self.document, clean).id

    def merge_base(self, theirs: ProjectData) -> Document:
        """The common ancestor of this project and `theirs`, from the revision content either file keeps.

        ProjectFileError `no_common_ancestor` when neither keeps a revision both went through (give a base).
        """
        from cxstudio.editing.lineage import common_ancestor
        from cxstudio.persistence.lineage import file_snapshot, snapshot_document

        ancestor = common_ancestor(self.lineage, theirs.lineage)
        content = None
        if ancestor is not None:
            if ancestor.holder == "ours":
                content = self._require_file().snapshot(ancestor.revision_id)
            else:
                content = file_snapshot(theirs.path, ancestor.revision_id)
        if content is None:
            raise ProjectFileError("no_common_ancestor", path=theirs.path)
        return snapshot_document(content)

    def plan_merge(
        self, theirs: ProjectData, base: Document | None = None,
        resolutions: dict[str, Side] | None = None, prefer: Side | None = None,
    ) -> MergePlan:
        """What merging `theirs` would do, without changing anything: the conflicts to decide (for a dialog)."""
        from cxstudio.editing.merge import plan_merge

        return plan_merge(base if base is not None else self.merge_base(theirs), self.document, theirs.document,
                          resolutions, prefer)

    def merge(
        self, theirs: ProjectData, base: Document | None = None,
        resolutions: dict[str, Side] | None = None, prefer: Side | None = None,
    ) -> MergePlan:
        """Merge `theirs` into this project as ONE operation through `run` (one undo step).

        `resolutions` maps each conflict's key to "ours" or "theirs" (`prefer` decides the rest). With
        undecided conflicts nothing changes and ProjectFileError `merge_conflicts` is raised (the plan's
        conflicts are in `plan_merge`); a result that breaks a rule of the model is refused
        (`merge_refused`). The next Save records a merge revision naming `theirs`' head.
        """
        from cxstudio.editing.merge import MergeRefusedError, merge_into

        plan = self.plan_merge(theirs, base, resolutions, prefer)
        if not plan.ok:
            first = plan.conflicts[0]
            raise ProjectFileError("merge_conflicts", path=theirs.path, count=len(plan.conflicts),
                                   first=first.describe("en"), first_de=first.describe("de"))
        try:
            self.run(merge_into, plan, Path(theirs.path).name)
        except MergeRefusedError as exc:
            raise ProjectFileError("merge_refused", path=theirs.path, reason=str(exc).rstrip(".")) from None
        if self._file is not None:
            self._file.merged_id = theirs.lineage.head_id
        return plan

    def close(self) -> None:
        """Release the lock and delete the working copy; unsaved changes are gone (ask the user first).

        The session stops recording, which also breaks the reference cycle between it and the document,
        so a closed project's records are freed as soon as nothing else holds them.
        """
        if self._file is not None:
            self._file.close()
        self.session.detach()

    def __enter__(self) -> OpenProject:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def empty_document(name: str = "Untitled project", language: str = "en") -> Document:
    """A document with only the project record and the default channels in `language`."""
    document = Document(Project(name=name, language=language))
    session = Session(document)
    with session.transaction(StepName("new_project")):
        for channel in default_channels(language):
            document.add(channel)
    session.detach()
    return document


def create(
    template: str | None = None, language: str = "en", name: str | None = None, with_working_copy: bool = True
) -> OpenProject:
    """A new, unsaved project: empty (with default channels) or built from a bundled template or example.

    It gets a working copy at once, so a crash before the first save loses nothing (it is offered by
    `find_recoverable()`); `save_as(path)` gives it a file. `with_working_copy=False` keeps it in memory only.
    """
    if template is None:
        document = empty_document(name or ("Neues Projekt" if language == "de" else "Untitled project"), language)
    else:
        from cxstudio.content.templates import build_document

        document = build_document(template, language)
        if name:
            session = Session(document)
            with session.transaction(StepName("name_project")):
                document.update(document.project.id, name=name)
            session.detach()
    if not with_working_copy:
        return OpenProject(document)
    from cxstudio.persistence.project_file import ProjectFile

    return OpenProject(document, ProjectFile.create_unsaved(document))


def open_project(path: str | os.PathLike[str], read_only: bool = False, review: bool | None = None) -> OpenProject:
    """Open a `.cxstudio` file for editing: checks it, works on a recovery copy and locks the file.

    Raises ProjectFileError (one sentence, `.message("de")` in German) when the file is not a sound
    project; the file itself is never modified by opening. When another editor holds the lock, the
    file is write-protected or `read_only` is set, the project opens read-only (see `read_only_reason`)
    and `run` refuses every edit. `review=True` opens it for review (only comments; Save works); a client
    copy opens for review unless `review=False`.
    """
    from cxstudio.persistence.project_file import ProjectFile

    project_file, document = ProjectFile.open(path, read_only=read_only)
    if review is None:
        try:
            review = project_file.lineage.is_client_copy
        except BaseException:
            project_file.close()
            raise
    return OpenProject(document, project_file, review=review)


class ProjectData:
    """A project file read without opening it for editing (no lock, no working copy): document, lineage, path."""

    def __init__(self, path: Path, document: Document, lineage: Lineage) -> None:
        self.path = path
        self.document = document
        self.lineage = lineage


def read_project(path: str | os.PathLike[str]) -> ProjectData:
    """Read a project file for comparing or merging (every opening check; the file is only read)."""
    from cxstudio.persistence.lineage import file_lineage
    from cxstudio.persistence.opening import inspect_file, refuse_invalid

    inspection = inspect_file(path, thorough=False)
    if inspection.document is None:
        raise refuse_invalid(inspection)
    return ProjectData(inspection.path, inspection.document, file_lineage(inspection.path))


def diff_files(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> Comparison:
    """What changed from file `a` to file `b`: elements added, removed, changed (field by field), cards moved."""
    from cxstudio.editing.compare import compare

    return compare(read_project(a).document, read_project(b).document)


def client_copy(source: str | os.PathLike[str], output: str | os.PathLike[str], keep_comments: bool = False) -> str:
    """Write a client copy of the project file `source` to `output` and Save `source` with the copy's content kept.

    Returns the copy's revision id. `source` is saved (atomically) so a returned copy can be merged
    without naming its base; refused (ProjectFileError) when `source` is open in another editor.
    """
    project = open_project(source, review=False)
    try:
        if project.read_only:
            project.refusal(raise_it=True)
        revision = project.save_client_copy(output, keep_comments)
        project.save()
        return revision
    finally:
        project.close()


def merge_files(
    ours: str | os.PathLike[str], theirs: str | os.PathLike[str], output: str | os.PathLike[str],
    base: str | os.PathLike[str] | None = None, prefer: Side | None = None,
    resolutions: dict[str, Side] | None = None,
) -> MergePlan:
    """Three-way merge of two files into `output` (ours and theirs are only read).

    The common ancestor is found from the files' lineage unless `base` names its file. With undecided
    conflicts nothing is written: the returned plan lists them (`plan.ok` is False). A result that
    breaks a rule of the model raises ProjectFileError `merge_refused`.
    """
    from cxstudio.editing.merge import MergeRefusedError, merge_into

    their_data = read_project(theirs)
    project = open_project(ours, read_only=True, review=False)
    try:
        base_document = read_project(base).document if base is not None else project.merge_base(their_data)
        plan = project.plan_merge(their_data, base_document, resolutions, prefer)
        if not plan.ok:
            return plan
        try:
            merge_into(project.session, plan, Path(their_data.path).name)  # a read-only copy, written elsewhere
        except MergeRefusedError as exc:
            raise ProjectFileError("merge_refused", path=their_data.path, reason=str(exc).rstrip(".")) from None
        project._require_file().merged_id = their_data.lineage.head_id
        project.save_copy(output)
        return plan
    finally:
        project.close()


def check_file(path: str | os.PathLike[str], thorough: bool = True) -> Inspection:
    """Every opening check plus the model's invariants, without opening for editing (never writes the file).

    Raises ProjectFileError when the file is not a readable project at all; otherwise the result's
    `problems` lists every problem and `document` is the loaded document when it is sound.
    """
    from cxstudio.persistence.opening import inspect_file

    return inspect_file(path, thorough=thorough)


def read_document(path: str | os.PathLike[str], thorough: bool = False) -> Document:
    """The document of a sound project file, for reading commands (never writes the file).

    Raises ProjectFileError when the file is not a readable project or holds invalid content (the
    sentence names the number of problems and the first; `cxstudio check` lists them all).
    """
    from cxstudio.persistence.opening import refuse_invalid

    inspection = check_file(path, thorough=thorough)
    if inspection.document is None:
        raise refuse_invalid(inspection)
    return inspection.document


def find_recoverable() -> list[RecoverableProject]:
    """Unsaved work of editors that crashed or were killed (name, original path, last edit), newest first."""
    from cxstudio.persistence.working_copy import find_recoverable as find

    return find()


def prepare_writing() -> None:
    """Load what the first write to a working copy needs (SQLAlchemy, ~0.15 s), which opening a file does without.

    The editor calls it right after its first paint, so the first edit does not wait for it.
    """
    from cxstudio.persistence import database, store, tables  # noqa: F401


def clean_up_leftovers() -> None:
    """At start-up: delete what killed editors left behind that holds no work (never unsaved work).

    That is the temporary files of saves killed midway (`.NAME.<hex>.saving` beside the saved file,
    removed by the exact path each save noted) and working copies of ended editors without unsaved
    work. `find_recoverable()` only reads; call this before it.
    """
    from cxstudio.persistence.working_copy import remove_abandoned_copies, remove_interrupted_saves

    remove_interrupted_saves()
    remove_abandoned_copies()


def recover(item: RecoverableProject) -> OpenProject:
    """Reopen unsaved work from `find_recoverable()`; the project is marked unsaved (Save writes it back)."""
    from cxstudio.persistence.project_file import ProjectFile

    project_file, document = ProjectFile.recover(item)
    project = OpenProject(document, project_file)
    project.session.mark_dirty()
    return project


def discard_recoverable(item: RecoverableProject) -> None:
    """Throw away the unsaved work of `item` (its working copy)."""
    import shutil

    shutil.rmtree(item.folder, ignore_errors=True)
