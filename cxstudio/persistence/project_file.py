"""An open project file: checks, working copy with write-through, lock, Save / Save As / Save a copy, recovery."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from cxstudio.editing.session import ChangeSet, Origin, Session
from cxstudio.model.document import Document
from cxstudio.persistence import checks, schema, verified
from cxstudio.persistence.database import connect_raw, create_schema, working_copy_engine
from cxstudio.persistence.errors import ProjectFileError, detail_of, read_only_reason
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
from cxstudio.persistence.working_copy import (
    RecoverableProject,
    WorkingCopy,
    fsync_directory,
    load_working_copy,
    owner_gone,
    sync_file,
)


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
    ) -> None:
        self.working = working
        self.path = path
        self.lock = lock
        self.read_only_code = read_only_code
        self.read_only_params = read_only_params or {}
        self.taken_over = taken_over
        self.engine: Engine = working_copy_engine(working.database_path)
        self.session: Session | None = None
        self.pending: list[ChangeSet] = []
        self.write_error: ProjectFileError | None = None
        self._unreported_error: ProjectFileError | None = None
        self.write_error_listeners: list[Callable[[ProjectFileError], None]] = []
        self.closed = False
        self.fingerprint = file_fingerprint(path) if path is not None else None

    # ------------------------------------------------------------------ construction
    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> tuple[ProjectFile, Document]:
        """Check and open a project file: copy it to a working copy, migrate and load it there, lock the original."""
        source = Path(path).absolute()
        checks.check_path(source)  # fail before creating anything for a missing file
        fingerprint = file_fingerprint(source)  # before copying: a change after this is noticed at Save
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
        code, params, lock, taken_over = _decide_access(source, read_only)
        project_file = cls(working, source, lock, code, params, taken_over)
        project_file.fingerprint = fingerprint
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
            create_schema(project_file.engine)
            with project_file.engine.begin() as connection:
                write_document(connection, document)
        except (SQLAlchemyError, OSError) as exc:
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
        database = working.database_path
        connection = connect_raw(database)
        try:
            checks.check_database(connection, database)
            migrate(connection, int(connection.execute("PRAGMA user_version").fetchone()[0]))
        except (sqlite3.Error, UnicodeDecodeError):
            raise ProjectFileError("recovery_gone", name=item.project_name) from None
        finally:
            connection.close()
        try:
            working.take_over()
            working.set_unsaved(True)
        except OSError as exc:
            raise ProjectFileError("working_copy_failed", folder=working.folder, detail=detail_of(exc)) from None
        engine = working_copy_engine(database)
        try:
            with engine.connect() as sa_connection:
                entities = read_entities(sa_connection)
        except (SQLAlchemyError, sqlite3.Error, UnicodeDecodeError) as exc:
            raise ProjectFileError("corrupt", path=database, detail=detail_of(exc)) from None
        finally:
            engine.dispose()
        document, problems = build_document(entities)
        if document is None:
            raise refuse_invalid(Inspection(database, schema.SCHEMA_VERSION, problems=problems))
        original = item.original_path
        if original is None:
            return cls(working, None), document
        code, params, lock, taken_over = _decide_access(original, read_only=False)
        return cls(working, original, lock, code, params, taken_over), document

    # ------------------------------------------------------------------ state
    @property
    def read_only(self) -> bool:
        return self.read_only_code is not None

    def read_only_reason(self, language: str = "en") -> str | None:
        if self.read_only_code is None:
            return None
        return read_only_reason(self.read_only_code, language, **self.read_only_params)

    def lock_note(self, language: str = "en") -> str | None:
        """A sentence about a stale lock we took over on opening, else None."""
        return None if self.taken_over is None else takeover_note(self.taken_over, language)

    def lock_holder(self) -> LockInfo | None:
        """Who holds the lock when another editor has this file open (the reason it is read-only)."""
        if self.path is None or self.lock is not None:
            return None
        return read_lock(self.path)

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
        try:
            if unsaved:
                self.working.set_unsaved(True)  # durable before the data, so a crash never hides edits
            with self.engine.begin() as connection:
                for change_set in self.pending:
                    write_change_set(connection, change_set)
        except (SQLAlchemyError, OSError, OutOfStepError) as exc:
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
    def save(self, document: Document, overwrite: bool = False) -> None:
        """Write the project to its own file (atomic replace).

        If another program (a sync client, a colleague's copy) replaced the file since it was opened or
        saved here, Save refuses with `changed_on_disk` unless `overwrite` is set.
        """
        self._require_open()
        if self.path is None:
            raise ProjectFileError("no_path")
        if self.read_only_code is not None:
            reason_en = self.read_only_reason("en")
            raise ProjectFileError("read_only", reason=reason_en, reason_de=self.read_only_reason("de"))
        current = file_fingerprint(self.path)
        if not overwrite and None not in (current, self.fingerprint) and current != self.fingerprint:
            raise ProjectFileError("changed_on_disk", path=self.path)
        self._write_file(self.path, document)
        self._mark_saved()

    def save_as(self, path: str | os.PathLike[str], document: Document) -> None:
        """Write the project to a new file, which becomes the project's file (locked, writable)."""
        self._require_open()
        target = Path(path).absolute()
        if target == self.path and self.lock is not None:
            self.save(document)
            return
        outcome = acquire_lock(target)
        if outcome.lock is None:
            if outcome.holder is not None:
                raise ProjectFileError("locked_target", path=target, holder=outcome.holder.holder,
                                       holder_de=outcome.holder.holder_in("de"))
            raise ProjectFileError("save_folder_read_only", path=target)
        try:
            self._write_file(target, document)
        except BaseException:
            outcome.lock.release()
            raise
        if self.lock is not None:
            self.lock.release()
        self.lock = outcome.lock
        self.path = target
        self.fingerprint = file_fingerprint(target)
        self.read_only_code = None
        self.read_only_params = {}
        try:
            self.working.set_original(target)
        except OSError:
            pass  # the file is saved; only a crash before the next metadata write would name the old path
        self._mark_saved()

    def save_copy(self, path: str | os.PathLike[str], document: Document) -> None:
        """Write the project to another file (e.g. a client copy) without switching to it."""
        self._require_open()
        target = Path(path).absolute()
        if target != self.path:
            holder = read_lock(target)
            if holder is not None and not holder.is_stale():
                raise ProjectFileError("locked_target", path=target, holder=holder.holder,
                                       holder_de=holder.holder_in("de"))
        self._write_file(target, document)

    def _mark_saved(self) -> None:
        if self.session is not None:
            self.session.mark_clean()
        if not self.pending:
            self._set_unsaved_quietly(False)

    def _write_file(self, target: Path, document: Document) -> None:
        """Snapshot the project into a temporary file beside `target`, sync it, then atomically replace `target`."""
        if target.is_dir():
            raise ProjectFileError("target_is_directory", path=target)
        if not checks.folder_writable(target):
            raise ProjectFileError("save_folder_read_only", path=target)
        temporary = _temporary_name(target)
        try:
            if self.flush(report=False):
                self._vacuum_into(temporary)
            else:  # the working copy is behind (e.g. its disk is full): write the document from memory
                self._write_from_memory(temporary, document)
            with temporary.open("rb") as handle:
                sync_file(handle.fileno())
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            os.replace(temporary, target)
            fsync_directory(target.parent)
            if target == self.path or self.path is None:
                self.fingerprint = file_fingerprint(target)
            verified.remember_verified(digest)  # the document obeys every rule, so the file is sound
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            for leftover in (temporary, Path(f"{temporary}-journal")):
                try:
                    leftover.unlink()
                except OSError:
                    pass
            if isinstance(exc, PermissionError):
                if checks.folder_writable(target) and target.exists():  # e.g. Windows: another program has it open
                    raise ProjectFileError("save_target_in_use", path=target) from None
                raise ProjectFileError("save_folder_read_only", path=target) from None
            if _is_disk_full(exc):
                raise ProjectFileError("save_disk_full", path=target) from None
            raise ProjectFileError("save_failed", path=target, detail=detail_of(exc)) from None

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
            create_schema(engine)
            with engine.begin() as connection:
                write_document(connection, document)
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
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        self.working.remove()
        release_loaded_objects()


def file_fingerprint(path: Path) -> tuple[int, int, int, int] | None:
    """What identifies one version of a file without reading it: device, inode, size, modification time."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _folder_hint() -> Path:
    from cxstudio.persistence.working_copy import working_copies_dir

    return working_copies_dir()


def _temporary_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.saving"


def _remove_interrupted_saves(path: Path) -> None:
    """Delete temporary files a killed editor left beside `path` mid-save (only the lock holder saves there)."""
    for leftover in path.parent.glob(f".{glob_escape(path.name)}.*.saving*"):
        try:
            leftover.unlink()
        except OSError:
            pass


def glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


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
        _remove_interrupted_saves(path)
        return None, {}, outcome.lock, outcome.taken_over
    if outcome.holder is not None and outcome.holder.pid <= 0:
        return "locked_unknown", {"lock": lock_path_for(path).name}, None, None
    if outcome.holder is not None:
        holder = outcome.holder
        return "locked", {"holder": holder.holder, "holder_de": holder.holder_in("de"), "since": holder.since_text}, None, None
    return "folder_read_only", {}, None, None
