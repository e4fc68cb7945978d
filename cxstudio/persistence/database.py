"""SQLite connections for project files: pragmas, explicit transactions, SQLAlchemy engines, schema creation."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from cxstudio.persistence.schema import APPLICATION_ID, SCHEMA_VERSION, metadata


def connect_raw(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (transactions are opened explicitly)."""
    if read_only:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                     check_same_thread=False)
    else:
        connection = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _durable_engine(path: Path, *pragmas: str) -> Engine:
    """An engine over one long-lived connection to `path` set up by `pragmas`, whose commits are durable.

    Every connection gets synchronous=FULL (and fullfsync on macOS, where fsync alone does not reach
    the disk) after `pragmas`; every transaction begins IMMEDIATE.
    """

    def create_connection() -> sqlite3.Connection:
        connection = connect_raw(path)
        for pragma in (*pragmas, "synchronous = FULL"):
            connection.execute(f"PRAGMA {pragma}")
        if sys.platform == "darwin":
            connection.execute("PRAGMA fullfsync = ON")
        return connection

    engine = create_engine("sqlite://", creator=create_connection, poolclass=StaticPool)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def working_copy_engine(path: Path) -> Engine:
    """An engine over one long-lived, exclusive connection to a working copy, with durable commits.

    The working copy lives in the user's data directory and is never copied, synced or e-mailed, so it
    may use a write-ahead log: with synchronous=FULL each commit costs one fsync of the log instead of
    the three or four a rollback journal needs, and is durable when it returns. Exclusive locking is set
    first, so the log needs no shared-memory file. Files the user gets (Save, VACUUM INTO) are always
    plain rollback-journal databases; the WAL never leaves the working-copy folder.
    """
    return _durable_engine(path, "locking_mode = EXCLUSIVE", "journal_mode = WAL")


def plain_engine(path: Path) -> Engine:
    """An engine for writing a new, standalone project file (rollback journal deleted after each commit)."""
    return _durable_engine(path, "journal_mode = DELETE")


def create_schema(engine: Engine) -> None:
    """Create every table and stamp the file as a CX Studio project of the current schema version."""
    with engine.begin() as connection:
        metadata.create_all(connection)
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
