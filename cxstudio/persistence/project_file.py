"""An open project file: checks, working copy with write-through, lock, Save / Save As / Save a copy, recovery."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cxstudio.editing.lineage import Lineage, Revision, RevisionKind
from cxstudio.editing.session import ChangeSet, Origin, Session
from cxstudio.model.document import Document
from cxstudio.model.record import new_id
from cxstudio.persistence import checks, schema, verified
from cxstudio.persistence.errors import ProjectFileError, detail_of, read_only_reason
from cxstudio.persistence.file_version import FileVersion, changed_since, file_version, same_file, version_of
from cxstudio.persistence.lineage import (
    database_lineage,
    read_lineage,
    sqlalchemy_execute,
    store_snapshot,
    write_lineage,
)
from cxstudio.persistence.lock import (
    LockInfo,
    ProjectLock,
    acquire_lock,
    lock_path_for,
    read_lock,
    takeover_note,
)
from cxstudio.persistence.migrations import migrate
from cxstudio.persistence.opening import Inspection, read_into_copy, refuse_invalid
from cxstudio.persistence.store import (
    OutOfStepError,
    build_document,
    read_entities,
    release_loaded_objects,
    write_change_set,
    write_document,
)
from cxstudio.persistence.untrusted import ForeignObject, foreign_note
from cxstudio.persistence.working_copy import (
    RecoverableProject,
    WorkingCopy,
    forget_save,
    fsync_directory,
    load_working_copy,
    owner_gone,
    record_save,
    remove_interrupted_saves,
    sync_file,
)

if TYPE_CHECKING:  # SQLAlchemy is imported by the first write (an edit, Save), never by opening a file
    from sqlalchemy import Engine


def _sqlalchemy_error() -> type[Exception]:
    """SQLAlchemy's base exception, for the handlers of the write side (imported once something failed)."""
    from sqlalchemy.exc import SQLAlchemyError

    return SQLAlchemyError


def _create_schema(engine: Engine) -> None:
    from cxstudio.persistence.database import create_schema

    create_schema(engine)


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    original = getattr(exc, "orig", exc)
    return isinstance(original, sqlite3.Error) and (
        getattr(original, "sqlite_errorcode", None) == 13 or "full" in str(original)  # SQLITE_FULL
    )


class ProjectFile:
    """The file side of an open project: working copy (written through on every commit), lock and saving.

    Create it with `ProjectFile.open`, `ProjectFile.create_unsaved` or `ProjectFile.recover`, then
    `attach(session)`. A write-through failure (e.g. a full disk) keeps the change set pending and
    retried on every later commit and on Save; `take_write_error()` hands the error out once.
    """

    def __init__(
        self,
        working: WorkingCopy,
        path: Path | None,
        lock: ProjectLock | None = None,
        read_only_code: str | None = None,
        read_only_params: dict[str, str] | None = None,
        taken_over: LockInfo | None = None,
        known: FileVersion | None = None,
        engine: Engine | None = None,
    ) -> None:
        self.working = working
        self.path = path
        self.lock = lock
        self.read_only_code = read_only_code
        self.read_only_params = read_only_params or {}
        self.taken_over = taken_over
        self._engine: Engine | None = engine  # made by the first write (see `engine`)
        self.session: Session | None = None
        self.pending: list[ChangeSet] = []
        self.write_error: ProjectFileError | None = None
        self._unreported_error: ProjectFileError | None = None
        self.write_error_listeners: list[Callable[[ProjectFileError], None]] = []
        self.closed = False
        self.copy_sync: threading.Thread | None = None  # syncing a copy made on opening to the disk
        self.foreign_objects: list[ForeignObject] = []  # left out of the working copy when the file was opened
        # the content of the file as opened or last saved here; Save refuses to overwrite any other content
        self.known = known if known is not None or path is None else file_version(path)
        self._lineage: Lineage | None = None  # read from the working copy on first use
        self.merged_id: str | None = None  # the head of a file merged in since the last save (recorded by it)

    # ------------------------------------------------------------------ construction
    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> tuple[ProjectFile, Document]:
        """Check and open a project file: copy it to a working copy, migrate and load it there, lock the original."""
        source = Path(path).absolute()
        checks.check_path(source)  # fail before creating anything for a missing file
        try:
            size = source.stat().st_size  # a change during reading only makes Save ask, never overwrite
        except OSError:
            size = None
        try:
            working = WorkingCopy.new(source, unsaved=False)
        except OSError as exc:
            raise ProjectFileError("working_copy_failed", folder=_folder_hint(), detail=detail_of(exc)) from None
        try:
            inspection = read_into_copy(source, working.database_path, thorough=False, for_editing=True)
            if inspection.document is None:
                raise refuse_invalid(inspection)
        except BaseException:
            working.remove()
            raise
        known = FileVersion(size, inspection.digest) if inspection.digest else file_version(source)
        code, params, lock, taken_over = _decide_access(source, read_only)
        project_file = cls(working, source, lock, code, params, taken_over, known)
        project_file.copy_sync = working.sync_in_background()  # waited for before the first edit is written
        project_file.foreign_objects = inspection.foreign_objects
        project_file._lineage = database_lineage(working.database_path)  # without locking the copy
        return project_file, inspection.document

    @classmethod
    def create_unsaved(cls, document: Document) -> ProjectFile:
        """A working copy for a new project that has no file yet (a crash before the first save loses nothing)."""
        try:
            working = WorkingCopy.new(None, unsaved=True)
        except OSError as exc:
            raise ProjectFileError("working_copy_failed", folder=_folder_hint(), detail=detail_of(exc)) from None
        project_file = cls(working, None)
        try:
            _create_schema(project_file.engine)
            with project_file.engine.begin() as connection:
                write_document(connection, document)
        except (_sqlalchemy_error(), OSError) as exc:
            project_file.engine.dispose()
            working.remove()
            raise ProjectFileError("working_copy_failed", folder=working.folder, detail=detail_of(exc)) from None
        return project_file

    @classmethod
    def recover(cls, item: RecoverableProject) -> tuple[ProjectFile, Document]:
        """Take over a crashed editor's working copy; the project stays marked unsaved."""
        working = load_working_copy(item.folder)
        if working is None or not owner_gone(working.meta):  # removed, or another editor took it meanwhile
            raise ProjectFileError("recovery_gone", name=item.project_name)
        try:  # first the few bytes of metadata, while the space freed after a full disk is still there
            working.take_over()
            working.set_unsaved(True)
        except OSError as exc:
            raise ProjectFileError("working_copy_failed", folder=working.folder, detail=detail_of(exc)) from None
        database = working.database_path
        # One connection, kept for the project's life: checks and loading read the log as it is, and nothing
        # is checkpointed into the database (which would need space) before the project is closed.
        from cxstudio.persistence.database import working_copy_engine

        engine = working_copy_engine(database)
        try:
            raw = engine.raw_connection()
            try:
                connection = raw.driver_connection
                checks.check_database(connection, database)  # type: ignore[arg-type]
                migrate(connection, int(connection.execute("PRAGMA user_version").fetchone()[0]))  # type: ignore[union-attr]
            finally:
                raw.close()
            with engine.connect() as sa_connection:
                entities = read_entities(sa_connection)
        except ProjectFileError:
            engine.dispose()
            raise
        except (_sqlalchemy_error(), sqlite3.Error, UnicodeDecodeError):
            engine.dispose()
            raise ProjectFileError("recovery_gone", name=item.project_name) from None
        document, problems = build_document(entities)
        if document is None:
            engine.dispose()
            raise refuse_invalid(Inspection(database, schema.SCHEMA_VERSION, problems=problems))
        original = item.original_path
        if original is None:
            return cls(working, None, engine=engine), document
        code, params, lock, taken_over = _decide_access(original, read_only=False)
        return cls(working, original, lock, code, params, taken_over, engine=engine), document

    @property
    def engine(self) -> Engine:
        """The engine over the working copy, made on first use: the first write (an edit, Save), never opening.

        Opening writes the working copy with plain sqlite3 and syncs it in the background (`copy_sync`,
        joined before the first edit is written), so nothing waits for SQLAlchemy to load.
        """
        if self._engine is None:
            from cxstudio.persistence.database import working_copy_engine

            self._engine = working_copy_engine(self.working.database_path)
        return self._engine

    # ------------------------------------------------------------------ state
    @property
    def read_only(self) -> bool:
        return self.read_only_code is not None

    def read_only_reason(self, language: str = "en") -> str | None:
        if self.read_only_code is None:
            return None
        return read_only_reason(self.read_only_code, language, **self.read_only_params)

    def foreign_note(self, language: str = "en") -> str | None:
        """A sentence about the foreign schema objects the opened file held (never run, never saved), else None."""
        return foreign_note(self.foreign_objects, language)

    def lock_note(self, language: str = "en") -> str | None:
        """A sentence about a stale lock we took over on opening, else None."""
        return None if self.taken_over is None else takeover_note(self.taken_over, language)

    def lock_holder(self) -> LockInfo | None:
        """Who holds the lock when another editor has this file open (the reason it is read-only)."""
        if self.path is None or self.lock is not None:
            return None
        return read_lock(self.path)

    # ------------------------------------------------------------------ lineage (revisions, client copies)
    @property
    def lineage(self) -> Lineage:
        """The revisions of this project's content (see cxstudio.editing.lineage), as the working copy holds them."""
        if self._lineage is None:
            with self._working_transaction() as connection:
                self._lineage = read_lineage(sqlalchemy_execute(connection))
        return self._lineage

    def _working_transaction(self):  # type: ignore[no-untyped-def]
        """A transaction on the working copy (after the copy made on opening is on the disk)."""
        if self.copy_sync is not None:
            self.copy_sync.join()
            self.copy_sync = None
        return self.engine.begin()

    def _set_lineage(self, lineage: Lineage) -> None:
        with self._working_transaction() as connection:
            write_lineage(sqlalchemy_execute(connection), lineage)
        self._lineage = lineage

    def _next_revision(self, kind: str = RevisionKind.SAVE, lineage: Lineage | None = None) -> Revision:
        parent = (lineage if lineage is not None else self.lineage).head_id
        if self.merged_id is not None and kind == RevisionKind.SAVE:
            return Revision(new_id(), parent, RevisionKind.MERGE, _now(), self.merged_id)
        return Revision(new_id(), parent, kind, _now())

    def snapshot(self, revision_id: str) -> bytes | None:
        """The content this project keeps for a handed-out revision (a client copy's bytes), else None."""
        from cxstudio.persistence.lineage import read_snapshot

        with self._working_transaction() as connection:
            return read_snapshot(sqlalchemy_execute(connection), revision_id)

    def save_client_copy(self, path: str | os.PathLike[str], document: Document, clean: Document) -> Revision:
        """Write `clean` (the client's view of `document`) as a client copy and keep its content for merging.

        The copy is written like Save (a temporary file beside the target, synced, atomically replaced),
        from a new database holding only `clean` and one revision (`CLIENT_COPY`, parent: this file's
        head), so nothing deleted, internal, locked or undone travels. This project records the same
        revision as `HANDOUT` with the copy's bytes (its working copy; the project counts as modified
        until saved). Refused for a read-only project, and onto the project's own file.
        """
        self._require_open()
        self._refuse_read_only()
        target = Path(path).absolute()
        if self.path is not None and same_file(target, self.path):
            raise ProjectFileError("client_copy_onto_project", path=target)
        _refuse_if_held(target)
        lineage = self.lineage
        revision = self._next_revision(RevisionKind.CLIENT_COPY)

        def fill(temporary: Path) -> None:
            from cxstudio.persistence.database import plain_engine

            source = self.working.folder / f"client-copy-{os.urandom(4).hex()}.cxstudio"
            engine = plain_engine(source)
            try:
                _create_schema(engine)
                with engine.begin() as connection:
                    write_document(connection, clean)
                    write_lineage(sqlalchemy_execute(connection), Lineage((revision,)))
            finally:
                engine.dispose()
            try:
                raw = sqlite3.connect(source, isolation_level=None)
                try:
                    raw.execute("VACUUM INTO ?", (str(temporary),))
                finally:
                    raw.close()
            finally:
                for leftover in (source, Path(f"{source}-journal")):
                    leftover.unlink(missing_ok=True)

        version = self._write_file(target, clean, fill=fill)
        real = _save_target(target)
        content = real.read_bytes()
        if hashlib.sha256(content).hexdigest() != version.digest:  # replaced meanwhile: keep nothing wrong
            raise ProjectFileError("changed_on_disk", path=target)
        handout = Revision(revision.id, revision.parent_id, RevisionKind.HANDOUT, revision.created)
        with self._working_transaction() as connection:
            execute = sqlalchemy_execute(connection)
            store_snapshot(execute, handout.id, content)
            updated = lineage.with_revision(handout, snapshot=True)
            write_lineage(execute, updated)
        self._lineage = updated
        if self.session is not None:
            self.session.mark_dirty()
        return revision

    # ------------------------------------------------------------------ write-through
    def attach(self, session: Session) -> None:
        """Write every committed change set of `session` (do, undo and redo) through to the working copy."""
        self.session = session
        session.on_commit(self._on_commit)

    def _on_commit(self, change_set: ChangeSet, origin: Origin) -> None:
        if self.closed:
            return
        self.pending.append(change_set)
        self.flush()

    def flush(self, report: bool = True) -> bool:
        """Write pending change sets in one transaction; on failure keep them pending and record the error.

        `report` hands a failure to `take_write_error()` (for the edit that caused it); Save does not.
        """
        if not self.pending:
            return True
        unsaved = self.session is None or not self.session.is_clean
        if self.copy_sync is not None:  # the copy made on opening must be on the disk before edits build on it
            self.copy_sync.join()
            self.copy_sync = None
        try:
            if unsaved:
                self.working.set_unsaved(True)  # durable before the data, so a crash never hides edits
            with self.engine.begin() as connection:
                for change_set in self.pending:
                    write_change_set(connection, change_set)
        except (_sqlalchemy_error(), OSError, OutOfStepError) as exc:
            if _is_disk_full(exc):
                error = ProjectFileError("disk_full", folder=self.working.folder)
            else:
                error = ProjectFileError("write_failed", folder=self.working.folder, detail=detail_of(exc))
            starts_episode = self.write_error is None  # tell the user once per episode, not at every edit
            self.write_error = error
            if report and starts_episode:
                self._unreported_error = error
                for listener in list(self.write_error_listeners):
                    listener(error)
            return False
        self.pending.clear()
        self.write_error = None
        if not unsaved:
            self._set_unsaved_quietly(False)
        return True

    def _set_unsaved_quietly(self, unsaved: bool) -> None:
        try:
            self.working.set_unsaved(unsaved)
        except OSError:
            pass  # only costs a needless recovery offer after a crash

    def take_write_error(self) -> ProjectFileError | None:
        """The write-through error not yet reported to the user, once."""
        error, self._unreported_error = self._unreported_error, None
        return error

    # ------------------------------------------------------------------ saving
    def _refuse_read_only(self) -> None:
        if self.read_only_code is not None:
            reason_en = self.read_only_reason("en")
            raise ProjectFileError("read_only", reason=reason_en, reason_de=self.read_only_reason("de"))

    def save(self, document: Document, overwrite: bool = False) -> None:
        """Write the project to its own file (atomic replace).

        If another program (a sync client, a colleague's copy) replaced the file since it was opened or
        saved here, Save refuses with `changed_on_disk` unless `overwrite` is set.
        """
        self._require_open()
        if self.path is None:
            raise ProjectFileError("no_path")
        self._refuse_read_only()
        if not overwrite and changed_since(self.path, self.known):
            raise ProjectFileError("changed_on_disk", path=self.path)
        self.known = self._write_file(self.path, document)
        self._mark_saved()

    def save_as(self, path: str | os.PathLike[str], document: Document) -> None:
        """Write the project to a new file, which becomes the project's file (locked, writable)."""
        self._require_open()
        target = Path(path).absolute()
        own_file = self.path is not None and same_file(target, self.path)
        if own_file and (self.lock is not None or self.read_only_code != "requested"):
            self.save(document)  # its own file: a Save, refused the same way (e.g. another editor has it open)
            return
        outcome = acquire_lock(target)
        if outcome.lock is None:
            if outcome.holder is not None:
                raise _locked_target(target, outcome.holder)
            raise ProjectFileError("save_folder_read_only", path=target)
        try:
            _refuse_if_held(target, skip=target)  # a link's target file may be open under its own name
            if own_file and changed_since(target, self.known):
                raise ProjectFileError("changed_on_disk", path=target)
            version = self._write_file(target, document)
        except BaseException:
            outcome.lock.release()
            raise
        if self.lock is not None:
            self.lock.release()
        self.lock = outcome.lock
        self.path = target
        self.known = version
        self.read_only_code = None
        self.read_only_params = {}
        try:
            self.working.set_original(target)
        except OSError:
            pass  # the file is saved; only a crash before the next metadata write would name the old path
        self._mark_saved()

    def save_copy(self, path: str | os.PathLike[str], document: Document) -> None:
        """Write the project to another file (e.g. a client copy) without switching to it.

        A copy onto the project's own file is a Save (refused the same way when read-only or changed on disk);
        a file another live editor has open is never overwritten.
        """
        self._require_open()
        target = Path(path).absolute()
        if self.path is not None and same_file(target, self.path):
            self.save(document)
            return
        _refuse_if_held(target)
        self._write_file(target, document)

    def _mark_saved(self) -> None:
        if self.session is not None:
            self.session.mark_clean()
        if not self.pending:
            self._set_unsaved_quietly(False)

    def _write_file(self, target: Path, document: Document,
                    fill: Callable[[Path], None] | None = None) -> FileVersion:
        """Snapshot the project into a temporary file beside `target`, sync it, then atomically replace `target`.

        A symbolic link is kept: the file it names is replaced (its temporary file beside it). Each save is
        noted in the data folder while it runs, so a killed save's temporary file is removed at the next start.
        Returns the content written. Without `fill` (which writes a complete file at the path it is given)
        the project is written with a new revision (`lineage`); a failed write forgets it again.
        """
        real = _save_target(target)
        for name in dict.fromkeys((target, real)):
            for suffix in ("-wal", "-journal"):
                leftover = Path(f"{name}{suffix}")
                if os.path.lexists(leftover):  # SQLite would replay it over the file written here
                    raise ProjectFileError("save_beside_journal", path=target, leftover=leftover.name)
        if not checks.folder_writable(real):
            raise ProjectFileError("save_folder_read_only", path=target)
        temporary = _temporary_name(real)
        record = record_save(temporary)
        before: Lineage | None = None
        try:
            if fill is not None:
                fill(temporary)
            elif self.flush(report=False):
                before = self.lineage
                self._set_lineage(before.with_revision(self._next_revision()))
                self._vacuum_into(temporary)
            else:  # the working copy is behind (e.g. its disk is full): write the document from memory
                self._write_from_memory(temporary, document)
            with temporary.open("rb") as handle:
                sync_file(handle.fileno())
                version = version_of(handle.fileno())
            os.replace(temporary, real)
            fsync_directory(real.parent)
            verified.remember_verified(version.digest)  # the document obeys every rule, so the file is sound
        except (_sqlalchemy_error(), sqlite3.Error, OSError) as exc:
            if before is not None:
                try:
                    self._set_lineage(before)
                except (_sqlalchemy_error(), OSError):
                    self._lineage = None  # read again from the working copy when next needed
            for leftover in (temporary, Path(f"{temporary}-journal")):
                try:
                    leftover.unlink()
                except OSError:
                    pass
            if isinstance(exc, PermissionError):
                if checks.folder_writable(real) and real.exists():  # e.g. Windows: another program has it open
                    raise ProjectFileError("save_target_in_use", path=target) from None
                raise ProjectFileError("save_folder_read_only", path=target) from None
            if _is_disk_full(exc):
                raise ProjectFileError("save_disk_full", path=target) from None
            raise ProjectFileError("save_failed", path=target, detail=detail_of(exc)) from None
        finally:
            forget_save(record)
        if fill is None:
            self.merged_id = None
        return version

    def _vacuum_into(self, temporary: Path) -> None:
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("VACUUM INTO ?", (str(temporary),))  # type: ignore[union-attr]
        finally:
            raw.close()

    def _write_from_memory(self, temporary: Path, document: Document) -> None:
        from cxstudio.persistence.database import plain_engine

        engine = plain_engine(temporary)
        try:
            _create_schema(engine)
            lineage = self._lineage or Lineage()  # the working copy (and its snapshots) cannot be read now
            with engine.begin() as connection:
                write_document(connection, document)
                write_lineage(sqlalchemy_execute(connection), lineage.with_revision(self._next_revision(lineage=lineage)))
        finally:
            engine.dispose()

    # ------------------------------------------------------------------ closing
    def _require_open(self) -> None:
        if self.closed:
            raise ProjectFileError("closed")

    def close(self) -> None:
        """Forget the working copy and release the lock (the caller has already asked about unsaved changes)."""
        if self.closed:
            return
        self.closed = True
        if self.session is not None:
            try:
                self.session.remove_commit_listener(self._on_commit)
            except ValueError:
                pass
        if self._engine is not None:
            self._engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.working.remove()
        release_loaded_objects()


def _now() -> str:
    from datetime import datetime

    return datetime.now().replace(microsecond=0).isoformat()


def _save_target(target: Path) -> Path:
    """The file a save to `target` replaces: `target`, or the file its symbolic link names (the link is kept).

    Refused: a folder, and anything that is not a regular file (a device, a pipe, a link to nothing or a loop).
    """
    real = target
    if target.is_symlink():
        try:
            real = target.resolve(strict=True)
        except (OSError, RuntimeError):  # a link to nothing, or a loop of links
            raise ProjectFileError("target_not_a_file", path=target) from None
    try:
        info = os.stat(real)
    except FileNotFoundError:
        return real
    except OSError as exc:
        raise ProjectFileError("save_failed", path=target, detail=detail_of(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ProjectFileError("target_is_directory", path=target)
    if not stat.S_ISREG(info.st_mode):
        raise ProjectFileError("target_not_a_file", path=target)
    return real


def _locked_target(target: Path, holder: LockInfo) -> ProjectFileError:
    return ProjectFileError("locked_target", path=target, holder=holder.holder, holder_de=holder.holder_in("de"))


def _refuse_if_held(target: Path, skip: Path | None = None) -> None:
    """Refuse to write `target` while a live editor has it open, under its own name or (for a link) its file's."""
    names = dict.fromkeys((target, Path(os.path.realpath(target))))
    for name in names:
        if name == skip:
            continue
        holder = read_lock(name)
        if holder is not None and not holder.is_stale():
            raise _locked_target(target, holder)


def _folder_hint() -> Path:
    from cxstudio.persistence.working_copy import working_copies_dir

    return working_copies_dir()


def _temporary_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.urandom(4).hex()}.saving"


def _decide_access(
    path: Path, read_only: bool
) -> tuple[str | None, dict[str, str], ProjectLock | None, LockInfo | None]:
    """Whether a project opens writable: (read-only reason code, its parameters, our lock, a stale lock taken over)."""
    if read_only:
        return "requested", {}, None, None
    if path.exists() and not checks.may_write(path):  # a recovered project's file may be gone: Save recreates it
        return "file_read_only", {}, None, None
    if not checks.folder_writable(path):
        return "folder_read_only", {}, None, None
    outcome = acquire_lock(path)
    if outcome.lock is not None:
        remove_interrupted_saves()  # the temporary files of this user's saves that were killed midway
        return None, {}, outcome.lock, outcome.taken_over
    if outcome.holder is not None and outcome.holder.pid <= 0:
        return "locked_unknown", {"lock": lock_path_for(path).name}, None, None
    if outcome.holder is not None:
        holder = outcome.holder
        return "locked", {"holder": holder.holder, "holder_de": holder.holder_in("de"), "since": holder.since_text}, None, None
    return "folder_read_only", {}, None, None
