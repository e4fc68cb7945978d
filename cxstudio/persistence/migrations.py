"""Schema migrations: ordered, hand-written SQL steps keyed by PRAGMA user_version, run on in-memory copies only."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping

from cxstudio.persistence import schema

MigrationStep = Callable[[sqlite3.Connection], None]

# MIGRATIONS[n] turns a file of schema version n-1 into version n. Schema version 1 is the first
# released format, so there is no step yet; when the schema changes, add MIGRATIONS[2], raise
# SCHEMA_VERSION to 2 and keep a file of version 1 under tests/fixtures/ (see tests/persistence).
MIGRATIONS: dict[int, MigrationStep] = {}


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
