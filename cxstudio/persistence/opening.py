"""Reading a project file from anywhere: the opening checks, the clean working copy, the loaded Document.

A project file is untrusted input (see untrusted.py). Its bytes are read once and never executed: the
checks and the loading run on hardened in-memory copies, and the working copy an editor writes to is
a new database made from CX Studio's own schema and filled with the rows of the known columns of the
known tables, so nothing of the file's own schema (triggers, views, extra tables or columns) reaches
any file CX Studio writes. Only bytes this installation wrote or fully checked before (verified.py:
exactly CX Studio's schema) are copied as they are.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cxstudio.memory import keep_freed_memory, paused_collection
from cxstudio.model.document import Document
from cxstudio.model.entities import MAX_PICTURE_BYTES, Entity
from cxstudio.persistence import checks, schema, untrusted, verified
from cxstudio.persistence.errors import ProjectFileError, detail_of, size_text
from cxstudio.persistence.migrations import migrate
from cxstudio.persistence.schema import APPLICATION_ID
from cxstudio.persistence.sql_text import STORED_COLUMNS
from cxstudio.persistence.store import (
    build_document,
    connect_bytes,
    read_entities_from_bytes,
    readable_in_memory,
)
from cxstudio.persistence.untrusted import ForeignObject, WorkLimitError


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
    digest: str = ""  # the hex SHA-256 of exactly the bytes read
    foreign_objects: list[ForeignObject] = field(default_factory=list)  # ignored: never run, never copied
    copy_refused: str = ""  # why CX Studio's schema refused a row of the file (the model says it better)

    @property
    def sound(self) -> bool:
        """The document obeys every rule and the file holds nothing but a CX Studio project."""
        return self.document is not None and not self.problems and not self.foreign_objects

    @property
    def foreign(self) -> list[str]:
        """One English sentence per foreign object of the file's schema."""
        return self.foreign_in("en")

    def foreign_in(self, language: str) -> list[str]:
        return [item.describe(language) for item in self.foreign_objects]


def _reading_error(exc: BaseException, source: Path, seconds: float, work_ran_out: bool) -> ProjectFileError:
    """The sentence for a failure while SQLite read foreign bytes."""
    if work_ran_out or isinstance(exc, WorkLimitError):
        return ProjectFileError("too_much_work", path=source, seconds=f"{seconds:.0f}")
    if isinstance(exc, sqlite3.DataError) or "too big" in str(exc):  # SQLITE_TOOBIG: a value above the limit
        return ProjectFileError("value_too_big", path=source, limit=size_text(MAX_PICTURE_BYTES),
                                limit_de=size_text(MAX_PICTURE_BYTES, "de"))
    if isinstance(exc, ProjectFileError):
        return exc
    return ProjectFileError("corrupt", path=source, detail=detail_of(exc))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _fill_clean_copy(connection: sqlite3.Connection, stored_columns: dict[str, list[str]]) -> None:
    """Make `main` (a new, empty file) a CX Studio database holding the rows of `src`'s known columns.

    A table whose stored columns are exactly CX Studio's, in order, is copied with `SELECT *`, which
    lets SQLite move its records as they are (its transfer optimisation: a third of the time); any
    other table by naming the known columns, so extra columns stay behind. The file is being built,
    not edited, so it is written without a journal (`ProjectFile` syncs it before the first edit).
    """
    connection.execute("PRAGMA main.journal_mode = OFF")
    connection.execute("PRAGMA main.synchronous = OFF")
    connection.execute("BEGIN")
    for statement in untrusted.schema_statements():
        connection.execute(statement)
    for kind, stored in STORED_COLUMNS.items():  # the entity tables and the lineage (revision) tables
        known = list(stored)
        if stored_columns.get(kind) == known:
            connection.execute(f"INSERT INTO main.{_quoted(kind)} SELECT * FROM src.{_quoted(kind)}")
        else:
            columns = ", ".join(map(_quoted, known))
            connection.execute(f"INSERT INTO main.{_quoted(kind)} ({columns}) SELECT {columns} FROM src.{_quoted(kind)}")
    connection.execute(f"PRAGMA main.application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA main.user_version = {schema.SCHEMA_VERSION}")
    connection.execute("COMMIT")


def check_bytes(data: bytes, source: Path, copy: Path | None, thorough: bool, seconds: float) -> Inspection:
    """The database checks on foreign bytes of the current format, and (with `copy`) the clean working copy.

    In order: the header's application id and version, quick_check (integrity_check when `thorough`),
    the schema compared with CX Studio's (foreign objects are reported; an entity table that is not a
    table of stored rows, or lacks columns, means nothing is loaded). All on a hardened connection
    where the bytes are an attached in-memory database `src` and `main` is the new working copy (or
    a throwaway in-memory database).
    """
    target = str(copy) if copy is not None else ":memory:"
    connection = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    work_ran_out = untrusted.harden(connection, seconds)
    try:
        connection.execute("ATTACH ':memory:' AS src")
        connection.deserialize(readable_in_memory(data), name="src")
        version = checks.check_database(connection, source, thorough=thorough, schema_name="src")
        inspection = Inspection(source, version)
        report = untrusted.inspect_schema(connection, "src")
        inspection.foreign_objects = report.foreign
        if not report.readable:
            inspection.problems = report.damaged + report.missing
            inspection.problems_before_loading = True
            return inspection
        if copy is not None and report.exact:
            # CX Studio's schema to the letter (every object with CX Studio's own SQL, nothing else): the
            # bytes are such a database already; unused pages are dropped by the VACUUM INTO of Save
            connection.close()
            try:
                copy.unlink(missing_ok=True)
                copy.write_bytes(readable_in_memory(data))
            except OSError as exc:
                raise ProjectFileError("working_copy_failed", folder=copy.parent, detail=detail_of(exc)) from None
        elif copy is not None:
            untrusted.drop_executable_objects(connection, report, "src")  # in memory only: defence in depth
            try:
                _fill_clean_copy(connection, report.columns)
            except sqlite3.IntegrityError as exc:  # a value the model refuses too, with a better sentence
                connection.execute("ROLLBACK")
                inspection.copy_refused = detail_of(exc)
        return inspection
    except ProjectFileError as exc:
        raise _reading_error(exc, source, seconds, work_ran_out()) from None
    except (sqlite3.Error, UnicodeDecodeError, ValueError, OverflowError, MemoryError) as exc:
        if copy is not None and _is_write_failure(exc) and not work_ran_out():
            raise ProjectFileError("working_copy_failed", folder=copy.parent, detail=detail_of(exc)) from None
        raise _reading_error(exc, source, seconds, work_ran_out()) from None
    finally:
        connection.close()


def _is_write_failure(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (10, 13, 14)  # SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN


def _finish_copy(copy: Path) -> None:
    """Switch a freshly written working copy to the working copy's write-ahead log.

    Nothing is synced here: the copy holds nothing the original file lacks until the first edit, and
    `ProjectFile` syncs it in the background and waits for that before the first edit is written.
    """
    connection = sqlite3.connect(copy, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()


class _WorkingCopyWriter(threading.Thread):
    """Beside the loading: hash the bytes, decide whether they were verified before, check them, make the copy.

    Hashing and SQLite's own work release the GIL, so on a machine with two cores this costs the loading
    thread little. Bytes verified before are copied as they are (they hold exactly CX Studio's schema);
    any other bytes are checked on a hardened connection and the working copy is built from CX Studio's
    schema (`check_bytes`). Errors are handed to the opening thread by `result`.
    """

    def __init__(self, data: bytes, source: Path, copy: Path | None, thorough: bool, seconds: float) -> None:
        super().__init__(name="cxstudio-working-copy", daemon=True)
        self.data = data
        self.source = source
        self.copy = copy
        self.thorough = thorough
        self.seconds = seconds
        self.digest = ""
        self.verified_before = False
        self.checked: Inspection | None = None
        self.failure: BaseException | None = None
        self.verdict_known = threading.Event()  # set once `verified_before` is decided (or the thread failed)

    def run(self) -> None:
        try:
            self.digest = hashlib.sha256(self.data).hexdigest()
            self.verified_before = not self.thorough and verified.is_verified(self.digest)
            self.verdict_known.set()
            if self.verified_before:
                if self.copy is not None:
                    try:
                        with self.copy.open("wb") as handle:
                            handle.write(self.data)
                    except OSError as exc:
                        raise ProjectFileError("working_copy_failed", folder=self.copy.parent,
                                               detail=detail_of(exc)) from None
            else:
                self.checked = check_bytes(self.data, self.source, self.copy, self.thorough, self.seconds)
            if self.copy is not None and (self.checked is None or not self.checked.problems_before_loading):
                try:
                    _finish_copy(self.copy)
                except (OSError, sqlite3.Error) as exc:
                    raise ProjectFileError("working_copy_failed", folder=self.copy.parent,
                                           detail=detail_of(exc)) from None
        except BaseException as exc:  # handed on unchanged to the opening thread
            self.failure = exc
        finally:
            self.verdict_known.set()

    def known_sound(self) -> bool:
        """Whether the bytes were verified before (waits for that verdict, which comes first)."""
        self.verdict_known.wait()
        return self.verified_before

    def known_sound_now(self) -> bool:
        """Whether the bytes are known by now to have been verified before, without waiting for the hash.

        For skipping the schema inspection before loading: inspecting takes about a millisecond, the
        hash of a large file several, so while it is still being computed the loading inspects instead.
        """
        return self.verdict_known.is_set() and self.verified_before

    def result(self) -> None:
        """Wait for the thread; raise what it failed with."""
        self.join()
        self.data = b""
        if self.failure is not None:
            raise self.failure


def read_into_copy(source: Path, copy: Path | None, thorough: bool, for_editing: bool = False) -> Inspection:
    """Run every opening check on `source`, reading it only; with `copy`, also write the working copy there.

    The file is read once: a second thread hashes its bytes, checks them and builds the working copy,
    while this thread loads the entities from the same bytes in memory. Unless `thorough`, bytes this
    installation wrote (Save) or already found sound are used without repeating the checks: the same
    bytes give the same verdict (see verified.py). Files of an older format are migrated in memory
    first. The cyclic garbage collector pauses meanwhile; a project loaded `for_editing` is then kept
    out of its way until closed (see `memory.paused_collection`).
    """
    keep_freed_memory()  # the next project loaded reuses this one's pages (see cxstudio/memory.py)
    with paused_collection(freeze_on_success=for_editing):
        return _read_and_check(source, copy, thorough)


def _read_bytes(source: Path) -> bytes:
    try:
        with source.open("rb") as handle:  # the size it has now, at most the limit, whatever it claimed before
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, untrusted.MAX_FILE_SIZE + 1))  # read(n) reserves n bytes up front
    except PermissionError:
        raise ProjectFileError("unreadable", path=source) from None
    except OSError as exc:
        raise ProjectFileError("corrupt", path=source, detail=detail_of(exc)) from None
    if len(data) > untrusted.MAX_FILE_SIZE:
        raise ProjectFileError("file_too_large", path=source, size=size_text(len(data)),
                               size_de=size_text(len(data), "de"), limit=size_text(untrusted.MAX_FILE_SIZE),
                               limit_de=size_text(untrusted.MAX_FILE_SIZE, "de"))
    return data


def _read_and_check(source: Path, copy: Path | None, thorough: bool) -> Inspection:
    header = checks.check_path(source)
    data = _read_bytes(source)
    seconds = untrusted.work_seconds(len(data))
    digest = ""
    migrated_to: list[int] = []
    if 1 <= header.user_version < schema.SCHEMA_VERSION:
        digest = hashlib.sha256(data).hexdigest()
        data, migrated_to = _migrated(data, source, thorough, seconds)
    writer = _WorkingCopyWriter(data, source, copy, thorough and not migrated_to, seconds)
    del data
    writer.start()
    preloaded: list[Entity] | None = None
    load_error: BaseException | None = None
    built: tuple[Document | None, list[str]] | None = None
    try:
        if 1 <= header.user_version <= schema.SCHEMA_VERSION:
            try:
                preloaded = read_entities_from_bytes(writer.data, seconds, writer.known_sound_now)
            except (sqlite3.Error, UnicodeDecodeError, ValueError, OverflowError, MemoryError,
                    WorkLimitError) as exc:
                load_error = exc
        if preloaded is not None and not writer.known_sound():
            built = build_document(preloaded)  # while the other thread checks and copies: it is usually slower
    finally:
        writer.result()  # the file-level verdict (not a project, newer, damaged) comes first
    if writer.verified_before and not migrated_to:
        if load_error is not None or preloaded is None:  # the same bytes were sound before: only a limit changed
            raise _reading_error(load_error or ValueError("unreadable"), source, seconds, False)
        document = Document.from_entities(preloaded, check=False)
        return Inspection(source, header.user_version, document=document, verified_before=True,
                          digest=writer.digest)
    inspection = writer.checked
    assert inspection is not None
    inspection.version = header.user_version
    inspection.migrated_to = migrated_to
    inspection.digest = digest or writer.digest
    if not inspection.problems_before_loading:
        if load_error is not None:
            raise _reading_error(load_error, source, seconds, False)
        assert preloaded is not None
        document, problems = built if built is not None else build_document(preloaded)
        inspection.document = document
        inspection.problems = inspection.problems + problems
        if inspection.problems:
            inspection.document = None
        elif inspection.copy_refused:  # the model found nothing, yet the schema's constraints refused a row
            raise ProjectFileError("corrupt", path=source, detail=inspection.copy_refused)
    if inspection.sound and not migrated_to:
        verified.remember_verified(writer.digest)
    return inspection


def _migrated(data: bytes, source: Path, thorough: bool, seconds: float) -> tuple[bytes, list[int]]:
    """The bytes of an older format brought to the current one in memory (the file itself is never written).

    The file's triggers and views are dropped from the in-memory copy first, so a migration step's
    statements cannot set any of them off.
    """
    connection, work_ran_out = connect_bytes(data, seconds)
    try:
        version = checks.check_database(connection, source, thorough=thorough)
        untrusted.drop_executable_objects(connection, untrusted.inspect_schema(connection), "main")
        reached = migrate(connection, version)
        return connection.serialize(), reached
    except ProjectFileError as exc:
        raise _reading_error(exc, source, seconds, work_ran_out()) from None
    except (sqlite3.Error, UnicodeDecodeError, ValueError, OverflowError, MemoryError) as exc:
        raise _reading_error(exc, source, seconds, work_ran_out()) from None
    finally:
        connection.close()


def inspect_file(path: str | os.PathLike[str], thorough: bool = True) -> Inspection:
    """Check a project file without opening it for editing (for `cxstudio check` and `info`); never writes it.

    Raises ProjectFileError for files that are not readable projects at all; content problems
    (dangling references, invalid values) and foreign schema objects are listed in the result.
    """
    return read_into_copy(Path(path).absolute(), None, thorough)


def refuse_invalid(inspection: Inspection) -> ProjectFileError:
    first = inspection.problems[0] if inspection.problems else "unknown problem"
    return ProjectFileError("invalid_content", path=inspection.path, count=len(inspection.problems), first=first)

