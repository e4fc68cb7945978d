"""Reading a whole Document from a project database and writing documents and change sets into one."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from cxstudio.editing.session import ChangeSet
from cxstudio.memory import paused_collection
from cxstudio.model.checks import validation_problem
from cxstudio.model.document import Document
from cxstudio.model.entities import ENTITY_TYPES, Entity
from cxstudio.model.errors import InvariantError
from cxstudio.model.events import Added, Changed, Removed
from cxstudio.persistence.schema import CODECS
from cxstudio.persistence.sql_text import SELECT_SQL
from cxstudio.persistence.untrusted import WorkLimitError, harden, inspect_schema
from cxstudio.persistence.untrusted import work_seconds as untrusted_work_seconds

if TYPE_CHECKING:  # the writers below take SQLAlchemy connections; reading never imports SQLAlchemy
    from sqlalchemy import Connection


# The SELECTs are SQLAlchemy Core statements compiled for SQLite, kept as text (sql_text.py, generated from
# tables.py and held equal to it by a test); their rows are fetched straight from the driver's cursor as
# plain tuples (no Row objects: this is the hot path of opening a project).
_SELECT_SQL: dict[str, str] = SELECT_SQL


def read_entities(connection: Connection) -> list[Entity]:
    """Every row of every entity table as entities, one bulk SELECT per table, without validation."""
    driver = connection.connection.driver_connection
    assert driver is not None
    return read_entities_from(driver)


def read_entities_from(driver: sqlite3.Connection, keep_going: Callable[[], bool] | None = None) -> list[Entity]:
    """`read_entities` on a plain sqlite3 connection (e.g. a database deserialized into memory).

    `keep_going` is asked before each table; when it answers False, reading stops and the entities read
    so far are returned (the caller no longer needs them).
    """
    entities: list[Entity] = []
    with paused_collection():
        for entity_type in ENTITY_TYPES:
            if keep_going is not None and not keep_going():
                break
            entities.extend(CODECS[entity_type.KIND].from_cursor(driver.execute(_SELECT_SQL[entity_type.KIND])))
    return entities


def readable_in_memory(data: bytes) -> bytes:
    """The bytes of a database file as SQLite reads them in memory: a write-ahead-log header says rollback journal.

    An in-memory database cannot use a write-ahead log, so SQLite refuses bytes whose header asks for one.
    Without a log beside the file (opening refuses a non-empty one) the file alone holds the whole
    database, and bytes 18-19 set to 1 are exactly what switching it to a rollback journal writes.
    """
    if data[18:20] == b"\x02\x02":
        return data[:18] + b"\x01\x01" + data[20:]
    return data


def connect_bytes(data: bytes, work_seconds: float) -> tuple[sqlite3.Connection, Callable[[], bool]]:
    """A hardened in-memory connection holding a copy of the database `data` (see untrusted.harden)."""
    connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        work_ran_out = harden(connection, work_seconds)
        connection.deserialize(readable_in_memory(data))
    except BaseException:
        connection.close()
        raise
    return connection, work_ran_out


def read_entities_from_bytes(data: bytes, work_seconds: float | None = None,
                             known_sound: Callable[[], bool] | None = None) -> list[Entity] | None:
    """Every entity of a database given as the bytes of its file (read in memory, the file's schema untrusted).

    Returns None when its entity tables cannot be read without running the file's own code (one is a
    view, a virtual table, computed, or missing: the opening checks describe that). Raises
    `WorkLimitError` when reading takes more SQLite work than `work_seconds` allow, and sqlite3's
    errors, UnicodeDecodeError or ValueError for content SQLite or the decoders cannot read.
    `known_sound()` answering True (bytes this installation wrote or fully checked) skips the schema
    inspection; the connection stays hardened all the same.
    """
    seconds = work_seconds if work_seconds is not None else untrusted_work_seconds(len(data))
    connection, work_ran_out = connect_bytes(data, seconds)
    try:
        if not (known_sound is not None and known_sound()) and not inspect_schema(connection).readable:
            return None
        connection.execute("PRAGMA query_only = ON")
        return read_entities_from(connection)
    except sqlite3.OperationalError:
        if work_ran_out():
            raise WorkLimitError(seconds) from None
        raise
    finally:
        connection.close()


def release_loaded_objects() -> None:
    """Hand objects kept out of collection by `paused_collection(freeze_on_success=True)` back to the collector."""
    gc.unfreeze()


def check_document(document: Document) -> list[str]:
    """Every rule of the model, from scratch: one sentence per problem (empty when sound).

    The indexes are not compared with a rebuild: the document was just built by the same bulk indexing.
    """
    return document.check_invariants(compare_indexes=False)


def build_document(entities: Iterable[Entity]) -> tuple[Document | None, list[str]]:
    """A Document from loaded entities and the problems that make it unusable (none: the document is sound)."""
    entities = list(entities)
    try:
        with paused_collection():
            document = Document.from_entities(entities, check=False)
    except InvariantError as exc:  # a duplicate id
        return None, [str(exc)]
    except (TypeError, ValueError, AttributeError):  # a value of a type no index can take (a number for a list of ids)
        return None, record_problems(entities)
    problems = check_document(document)
    return (None if problems else document), problems


def record_problems(entities: Iterable[Entity]) -> list[str]:
    """Every record's own problems (field values, types), one sentence each: for records too broken to index."""
    problems: list[str] = []
    for entity in entities:
        try:
            problem = validation_problem(entity)
        except Exception as exc:  # a damaged value must become a sentence, never a traceback
            problem = f"{entity.KIND} {entity.id!r:.60}: a value cannot be read ({type(exc).__name__})."
        if problem is not None:
            problems.append(problem)
    return problems or ["The file holds values of a type CX Studio cannot index."]


def write_document(connection: Connection, document: Document) -> None:
    """Insert every entity of a document into empty tables (inside the caller's transaction)."""
    from sqlalchemy import insert

    from cxstudio.persistence.tables import TABLES

    by_kind: dict[str, list[dict[str, Any]]] = {t.KIND: [] for t in ENTITY_TYPES}
    for entity in document.entities():
        by_kind[entity.KIND].append(CODECS[entity.KIND].to_row(entity))
    for entity_type in ENTITY_TYPES:
        rows = by_kind[entity_type.KIND]
        if rows:
            connection.execute(insert(TABLES[entity_type.KIND]), rows)


class OutOfStepError(Exception):
    """A change set names a row the database lacks: the database no longer mirrors the document."""


def write_change_set(connection: Connection, change_set: ChangeSet) -> None:
    """Apply one change set's events as INSERT/DELETE/UPDATE of exactly the rows they touched (caller's transaction).

    Every UPDATE and DELETE must hit exactly one row; otherwise OutOfStepError (the caller rolls back).
    """
    from sqlalchemy import delete, insert, update

    from cxstudio.persistence.tables import TABLES

    for event in change_set.events:
        if isinstance(event, Changed):
            codec = CODECS[event.kind]
            table = TABLES[event.kind]
            result = connection.execute(
                update(table).where(table.c.id == event.id),
                {event.field: codec.encode_field(event.field, event.new)},
            )
            if result.rowcount != 1:
                raise OutOfStepError(f"the {event.kind} {event.id} to change is missing from the recovery copy")
        elif isinstance(event, Added):
            codec = CODECS[event.entity.KIND]
            connection.execute(insert(TABLES[event.entity.KIND]), codec.to_row(event.entity))
        elif isinstance(event, Removed):
            table = TABLES[event.entity.KIND]
            result = connection.execute(delete(table).where(table.c.id == event.entity.id))
            if result.rowcount != 1:
                raise OutOfStepError(f"the {event.entity.KIND} {event.entity.id} to delete is missing")
