"""Reading a project file from anywhere: the opening checks, the working copy, the loaded Document."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from cxstudio.model.document import Document
from cxstudio.model.entities import Entity
from cxstudio.persistence import checks, schema, verified
from cxstudio.persistence.database import connect_raw, working_copy_engine
from cxstudio.persistence.errors import ProjectFileError, detail_of
from cxstudio.persistence.migrations import migrate
from cxstudio.persistence.store import (
    build_document,
    paused_garbage_collection,
    read_entities,
    read_entities_from_bytes,
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
            raise ProjectFileError("working_copy_failed", folder=self.copy.parent, detail=detail_of(self.copy_error))
        if self.failure is not None:
            raise self.failure


def read_into_copy(source: Path, copy: Path, thorough: bool, for_editing: bool = False) -> Inspection:
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
        raise ProjectFileError("working_copy_failed", folder=copy.parent, detail=detail_of(exc)) from None
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
        raise ProjectFileError("corrupt", path=source, detail=detail_of(exc)) from None
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
            raise ProjectFileError("corrupt", path=source, detail=detail_of(exc)) from None
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
        return read_into_copy(source, Path(folder) / "copy.cxstudio", thorough)


def refuse_invalid(inspection: Inspection) -> ProjectFileError:
    first = inspection.problems[0] if inspection.problems else "unknown problem"
    return ProjectFileError("invalid_content", path=inspection.path, count=len(inspection.problems), first=first)
