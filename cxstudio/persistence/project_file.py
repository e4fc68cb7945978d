"""An open project file: checks, working copy with write-through, lock, Save / Save As / Save a copy, recovery."""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import tempfile
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from cxstudio.editing.session import ChangeSet, Origin, Session
from cxstudio.model.document import Document
from cxstudio.model.entities import Entity
from cxstudio.model.messages import error_detail
from cxstudio.persistence import checks, schema, verified
from cxstudio.persistence.database import connect_raw, create_schema, working_copy_engine
from cxstudio.persistence.errors import ProjectFileError, read_only_reason
from cxstudio.persistence.lock import (
    LockInfo,
    ProjectLock,
    acquire_lock,
    lock_path_for,
    read_lock,
    takeover_note,
)
from cxstudio.persistence.migrations import migrate
from cxstudio.persistence.store import (
    OutOfStepError,
    build_document,
    paused_garbage_collection,
    read_entities,
    read_entities_from_bytes,
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


@dataclass(slots=True)
class Inspection:
    """What reading a project file found: its format version, the document (when sound) and every problem."""

    path: Path
    version: int  # the version stored in the file (before any migration)
    migrated_to: list[int] = field(default_factory=list)
    document: Document | None = None
    problems: list[str] = field(default_factory=list)
    verified_before: bool = False  # these exact bytes were written or checked before: checks were skipped
    problems_before_loading: bool = False  # the tables themselves are wrong: nothing was loaded

    @property
    def sound(self) -> bool:
        return self.document is not None and not self.problems


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    original = getattr(exc, "orig", exc)
    return isinstance(original, sqlite3.Error) and (
        getattr(original, "sqlite_errorcode", None) == 13 or "full" in str(original)  # SQLITE_FULL
    )


def _detail(exc: BaseException) -> str:
    """The `{detail}` of a message: a translatable key where one fits, else the error's own short text."""
    if isinstance(exc, UnicodeDecodeError):
        return "not_utf8"
    original = getattr(exc, "orig", None) or exc
    return error_detail(original)


class _WorkingCopyWriter(threading.Thread):
    """Beside the loading: hash the file's bytes, write them to the working copy, run the database checks there.

    Hashing, writing and SQLite's own work release the GIL, so on a machine with two cores this costs
    the loading thread little. For a file of the current schema version, the thread also decides
    whether its bytes were verified before (the checks are skipped) and otherwise runs the checks on
    the copy (quick_check or integrity_check, application id, version, tables, foreign keys) in the
    same order as `_check_copy` always does; errors are handed to the opening thread by `result`.
    With `prepare_wal` the copy is finally switched to write-ahead logging, which the working-copy
    engine would otherwise do (fsyncs included) on its first connection.
    """

    def __init__(self, data: bytes, source: Path, copy: Path, thorough: bool, current_version: bool,
                 prepare_wal: bool) -> None:
        super().__init__(name="cxstudio-working-copy", daemon=True)
        self.data = data
        self.source = source
        self.copy = copy
        self.thorough = thorough
        self.current_version = current_version
        self.prepare_wal = prepare_wal
        self.digest = ""
        self.verified_before = False
        self.checked: Inspection | None = None  # the database checks' findings, when this thread ran them
        self.copy_error: OSError | None = None
        self.failure: BaseException | None = None  # what the checks raised

    def run(self) -> None:
        self.digest = hashlib.sha256(self.data).hexdigest()
        try:
            with self.copy.open("wb") as handle:
                handle.write(self.data)
        except OSError as exc:
            self.copy_error = exc
            return
        if self.current_version:
            self.verified_before = not self.thorough and verified.is_verified(self.digest)
            if not self.verified_before:
                try:
                    self.checked = _check_copy(self.source, self.copy, self.thorough)
                except BaseException as exc:  # handed on unchanged to the opening thread
                    self.failure = exc
                    return
        if self.prepare_wal:
            try:
                connection = connect_raw(self.copy)
                try:
                    connection.execute("PRAGMA journal_mode = WAL")
                finally:
                    connection.close()
            except sqlite3.Error:
                pass  # the working-copy engine sets the mode again on connecting, and reports what fails

    def result(self) -> None:
        """Wait for the thread; raise the copy's failure (as a ProjectFileError) or the checks' error."""
        self.join()
        self.data = b""
        if self.copy_error is not None:
            raise ProjectFileError("working_copy_failed", folder=self.copy.parent, detail=_detail(self.copy_error))
        if self.failure is not None:
            raise self.failure


def _read_into_copy(source: Path, copy: Path, thorough: bool, for_editing: bool = False) -> Inspection:
    """Run every opening check on `source`, reading it only; migrations and loading happen on `copy`.

    The file is read once: a second thread hashes its bytes, writes them to `copy` and runs the database
    checks there, while this thread loads the entities from the same bytes in memory. Unless `thorough`,
    bytes this installation wrote (Save) or already found sound are used without repeating the checks:
    the same bytes give the same verdict (see verified.py). The entities loaded from the bytes are used
    unless a migration changed the copy (files of an older version are checked and migrated first).
    The cyclic garbage collector pauses meanwhile; a project loaded `for_editing` is then kept out of
    its way until closed (see `paused_garbage_collection`).
    """
    with paused_garbage_collection(keep_loaded=for_editing):
        return _read_and_check(source, copy, thorough, for_editing)


def _read_and_check(source: Path, copy: Path, thorough: bool, for_editing: bool) -> Inspection:
    header = checks.check_path(source)
    try:
        data = source.read_bytes()
    except PermissionError:
        raise ProjectFileError("unreadable", path=source) from None
    except OSError as exc:
        raise ProjectFileError("working_copy_failed", folder=copy.parent, detail=_detail(exc)) from None
    current_version = header.user_version == schema.SCHEMA_VERSION
    writer = _WorkingCopyWriter(data, source, copy, thorough, current_version,
                                prepare_wal=for_editing and current_version)
    del data
    writer.start()
    try:
        preloaded = read_entities_from_bytes(writer.data) if current_version else None
    finally:
        writer.result()
    if writer.verified_before:
        if preloaded is None:
            preloaded = _read_copy(source, copy)
        document = Document.from_entities(preloaded, check=False)
        return Inspection(source, header.user_version, document=document, verified_before=True)
    inspection = writer.checked if writer.checked is not None else _check_copy(source, copy, thorough)
    if not inspection.problems_before_loading:
        _load_checked(inspection, copy, None if inspection.migrated_to else preloaded)
    if inspection.sound and not inspection.migrated_to:
        verified.remember_verified(writer.digest)
    return inspection


def _read_copy(source: Path, copy: Path) -> list[Entity]:
    """Every entity of the working copy (after migrations), read through the working-copy engine."""
    engine = working_copy_engine(copy)
    try:
        with engine.connect() as sa_connection:
            return read_entities(sa_connection)
    except (SQLAlchemyError, sqlite3.Error, UnicodeDecodeError) as exc:
        raise ProjectFileError("corrupt", path=source, detail=_detail(exc)) from None
    finally:
        engine.dispose()


def _check_copy(source: Path, copy: Path, thorough: bool) -> Inspection:
    """The database checks on the copy, in order, and the migrations; raises for a file that is no project."""
    connection = connect_raw(copy)
    try:
        version = checks.check_database(connection, source, thorough=thorough)
        inspection = Inspection(source, version)
        try:
            inspection.migrated_to = migrate(connection, version)
            table_problems = checks.check_tables(connection)
            if table_problems:
                inspection.problems = table_problems
                inspection.problems_before_loading = True
                return inspection
            inspection.problems = checks.foreign_key_problems(connection)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            raise ProjectFileError("corrupt", path=source, detail=_detail(exc)) from None
    finally:
        connection.close()
    return inspection


def _load_checked(inspection: Inspection, copy: Path, preloaded: list[Entity] | None) -> None:
    """Load the checked copy (or use the entities read from the same bytes) and add the model's problems."""
    entities = preloaded if preloaded is not None else _read_copy(inspection.path, copy)
    document, problems = build_document(entities)
    inspection.document = document
    inspection.problems = inspection.problems + [p for p in problems if p not in inspection.problems]
    if inspection.problems:
        inspection.document = None


def inspect_file(path: str | os.PathLike[str], thorough: bool = True) -> Inspection:
    """Check a project file without opening it for editing (for `cxstudio check` and `info`); never writes it.

    Raises ProjectFileError for files that are not readable projects at all; content problems
    (dangling references, invalid values) are listed in the result.
    """
    source = Path(path).absolute()
    with tempfile.TemporaryDirectory(prefix="cxstudio-check-") as folder:
        return _read_into_copy(source, Path(folder) / "copy.cxstudio", thorough)


def _refuse_invalid(inspection: Inspection) -> ProjectFileError:
    first = inspection.problems[0] if inspection.problems else "unknown problem"
    return ProjectFileError("invalid_content", path=inspection.path, count=len(inspection.problems), first=first)


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
            raise ProjectFileError("working_copy_failed", folder=_folder_hint(), detail=_detail(exc)) from None
        try:
            inspection = _read_into_copy(source, working.database_path, thorough=False, for_editing=True)
            if inspection.document is None:
                raise _refuse_invalid(inspection)
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
            raise ProjectFileError("working_copy_failed", folder=_folder_hint(), detail=_detail(exc)) from None
        project_file = cls(working, None)
        try:
            create_schema(project_file.engine)
            with project_file.engine.begin() as connection:
                write_document(connection, document)
        except (SQLAlchemyError, OSError) as exc:
            project_file.engine.dispose()
            working.remove()
            raise ProjectFileError("working_copy_failed", folder=working.folder, detail=_detail(exc)) from None
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
            raise ProjectFileError("working_copy_failed", folder=working.folder, detail=_detail(exc)) from None
        engine = working_copy_engine(database)
        try:
            with engine.connect() as sa_connection:
                entities = read_entities(sa_connection)
        except (SQLAlchemyError, sqlite3.Error, UnicodeDecodeError) as exc:
            raise ProjectFileError("corrupt", path=database, detail=_detail(exc)) from None
        finally:
            engine.dispose()
        document, problems = build_document(entities)
        if document is None:
            raise _refuse_invalid(Inspection(database, schema.SCHEMA_VERSION, problems=problems))
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
                error = ProjectFileError("write_failed", folder=self.working.folder, detail=_detail(exc))
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
            raise ProjectFileError("save_failed", path=target, detail=_detail(exc)) from None

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
