"""Schema migrations: ordered, hand-written SQL steps keyed by PRAGMA user_version, run on in-memory copies only."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping

from cxstudio.persistence import schema

MigrationStep = Callable[[sqlite3.Connection], None]



def _to_version_2(connection: sqlite3.Connection) -> None:
    """Version 2: comment threads (`reply_to`, `resolved_by`, `resolved_at`) and the file's revisions.

    Hand-written and frozen: later schema changes get their own steps. The migrated copy is never the
    working copy itself: opening rebuilds that from CX Studio's current schema (opening.py).
    """
    for statement in (
        "ALTER TABLE comment ADD COLUMN reply_to TEXT REFERENCES comment (id) DEFERRABLE INITIALLY DEFERRED",
        "ALTER TABLE comment ADD COLUMN resolved_by TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE comment ADD COLUMN resolved_at TEXT NOT NULL DEFAULT ''",
        "CREATE INDEX ix_comment_reply_to ON comment (reply_to)",
        "CREATE TABLE revision (id TEXT NOT NULL, position INTEGER NOT NULL, parent_id TEXT, merged_id TEXT, "
        "kind TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (id))",
        "CREATE TABLE revision_snapshot (revision_id TEXT NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL, "
        "PRIMARY KEY (revision_id, part))",
    ):
        connection.execute(statement)


# MIGRATIONS[n] turns a file of schema version n-1 into version n. When the schema changes, add
# MIGRATIONS[n + 1], raise SCHEMA_VERSION and keep a file of version n under tests/fixtures/ (see
# tests/persistence/test_file_migrations.py and tests/fixtures/make_fixture.py).
MIGRATIONS: dict[int, MigrationStep] = {2: _to_version_2}


class MissingMigrationError(RuntimeError):
    """A version gap without a step: a programming error, caught by the fixture tests."""


def migrate(
    connection: sqlite3.Connection,
    found_version: int,
    steps: Mapping[int, MigrationStep] = MIGRATIONS,
    target_version: int | None = None,
) -> list[int]:
    """Bring a database from `found_version` to `target_version` (default: the current schema version).

    Returns the versions reached, one step per transaction.

    Each step runs with its user_version bump in one transaction, so an interrupted migration leaves the
    (in-memory) database at the last completed version. The caller never passes the user's original file.
    """
    if target_version is None:
        target_version = schema.SCHEMA_VERSION
    reached: list[int] = []
    for version in range(found_version + 1, target_version + 1):
        step = steps.get(version)
        if step is None:
            raise MissingMigrationError(f"No migration step leads to schema version {version}.")
        connection.execute("BEGIN IMMEDIATE")
        try:
            step(connection)
            connection.execute(f"PRAGMA user_version = {int(version)}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        reached.append(version)
    return reached
