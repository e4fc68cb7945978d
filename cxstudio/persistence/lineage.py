"""The file's lineage on disk: the `revision` and `revision_snapshot` tables, read from untrusted files safely.

A revision row is checked before it is believed (a canonical UUID, a known kind, a date); rows that fail
are ignored, and Save rewrites the table from the checked lineage, so nothing odd travels on. Snapshot
content (a handed-out client copy's bytes, zlib-compressed, in parts below the value limit of untrusted
reading) is only ever read back as a project file of its own, through every opening check.
"""

from __future__ import annotations

import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cxstudio.editing.lineage import Lineage, Revision, RevisionKind
from cxstudio.model.checks import _ISO_DATETIME, _UUID_TEXT
from cxstudio.model.document import Document
from cxstudio.persistence import untrusted

MAX_REVISIONS = 10_000  # rows read; a file saved every minute for years has fewer
SNAPSHOT_PART = 4 << 20  # bytes per stored part of a snapshot
_KINDS = frozenset(k.value for k in RevisionKind)

Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


def _valid(row: tuple[Any, ...]) -> Revision | None:
    revision_id, parent_id, merged_id, kind, created = row
    if not (isinstance(revision_id, str) and _UUID_TEXT.match(revision_id)):
        return None
    for other in (parent_id, merged_id):
        if other is not None and not (isinstance(other, str) and _UUID_TEXT.match(other)):
            return None
    if kind not in _KINDS or not (isinstance(created, str) and _ISO_DATETIME.match(created)):
        return None
    return Revision(revision_id, parent_id, str(kind), created, merged_id)


def read_lineage(execute: Execute) -> Lineage:
    """The checked lineage of a database (through `execute`); rows that are not sound are left out."""
    rows = execute("SELECT id, parent_id, merged_id, kind, created FROM revision ORDER BY position, id LIMIT ?",
                   (MAX_REVISIONS,))
    revisions: dict[str, Revision] = {}
    for row in rows:
        revision = _valid(tuple(row))
        if revision is not None and revision.id not in revisions:
            revisions[revision.id] = revision
    snapshot_ids = {str(r[0]) for r in execute("SELECT DISTINCT revision_id FROM revision_snapshot LIMIT ?",
                                               (MAX_REVISIONS,))}
    return Lineage(tuple(revisions.values()), frozenset(snapshot_ids & revisions.keys()))


def write_lineage(execute: Execute, lineage: Lineage) -> None:
    """Replace the revision rows with `lineage` and drop snapshot parts of revisions it does not name (caller's transaction)."""
    execute("DELETE FROM revision", ())
    for position, revision in enumerate(lineage.revisions):
        execute("INSERT INTO revision (id, position, parent_id, merged_id, kind, created) VALUES (?, ?, ?, ?, ?, ?)",
                (revision.id, position, revision.parent_id, revision.merged_id, revision.kind, revision.created))
    execute("DELETE FROM revision_snapshot WHERE revision_id NOT IN (SELECT id FROM revision)", ())


def store_snapshot(execute: Execute, revision_id: str, content: bytes) -> None:
    """Keep `content` (a project file's bytes) as the snapshot of `revision_id` (caller's transaction)."""
    packed = zlib.compress(content, 6)
    execute("DELETE FROM revision_snapshot WHERE revision_id = ?", (revision_id,))
    for part, start in enumerate(range(0, max(len(packed), 1), SNAPSHOT_PART)):
        execute("INSERT INTO revision_snapshot (revision_id, part, data) VALUES (?, ?, ?)",
                (revision_id, part, packed[start:start + SNAPSHOT_PART]))


def read_snapshot(execute: Execute, revision_id: str) -> bytes | None:
    """The content kept for `revision_id`, at most a project file's size when unpacked; None when absent or unreadable."""
    rows = execute("SELECT data FROM revision_snapshot WHERE revision_id = ? ORDER BY part", (revision_id,))
    if not rows:
        return None
    unpacker = zlib.decompressobj()
    try:
        packed = b"".join(bytes(r[0]) for r in rows)
        limit = snapshot_limit(len(packed))
        content = unpacker.decompress(packed, limit + 1)
    except (zlib.error, TypeError):
        return None
    if len(content) > limit or not unpacker.eof:
        return None
    return content


def snapshot_limit(packed_size: int) -> int:
    """The most bytes a kept snapshot may unpack to: a file from elsewhere must not make a merge allocate a
    gigabyte from a few kilobytes (a vacuumed project packs 3-10x; 64 MiB or 50x leaves room)."""
    return min(untrusted.MAX_FILE_SIZE, max(64 << 20, 50 * packed_size))


def sqlite_execute(connection: sqlite3.Connection) -> Execute:
    """`Execute` over a plain sqlite3 connection."""
    return lambda sql, params: connection.execute(sql, tuple(params)).fetchall()


def sqlalchemy_execute(connection: Any) -> Execute:
    """`Execute` over a SQLAlchemy Connection (inside its transaction)."""

    def execute(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        result = connection.exec_driver_sql(sql, tuple(params))
        return [tuple(row) for row in result] if result.returns_rows else []

    return execute


def database_lineage(path: Path) -> Lineage:
    """The lineage of a database file nothing writes to at the moment (a working copy just made), read without locking it."""
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?immutable=1", uri=True)
    except sqlite3.Error:
        return Lineage()
    return _lineage_of(connection)


def _lineage_of(connection: sqlite3.Connection) -> Lineage:
    """The lineage a database holds (none for a file of format 1, or unreadable rows), then closes it."""
    try:
        if not _has_lineage(connection):
            return Lineage()
        return read_lineage(sqlite_execute(connection))
    except (sqlite3.Error, ValueError):
        return Lineage()
    finally:
        connection.close()


def _file_connection(path: Path) -> tuple[sqlite3.Connection, Callable[[], bool]]:
    from cxstudio.persistence.opening import _read_bytes
    from cxstudio.persistence.store import connect_bytes

    data = _read_bytes(path)
    connection, ran_out = connect_bytes(data, untrusted.work_seconds(len(data)))
    return connection, ran_out


def _has_lineage(connection: sqlite3.Connection) -> bool:
    names = {str(r[0]) for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('revision', 'revision_snapshot')")}
    return names == {"revision", "revision_snapshot"}


def file_lineage(path: str | Path) -> Lineage:
    """The lineage of a project file, read on a hardened in-memory copy (a file of format 1 has none)."""
    connection, _ran_out = _file_connection(Path(path))
    return _lineage_of(connection)


def file_snapshot(path: str | Path, revision_id: str) -> bytes | None:
    """The content a project file keeps for `revision_id`, else None."""
    connection, _ran_out = _file_connection(Path(path))
    try:
        if not _has_lineage(connection):
            return None
        return read_snapshot(sqlite_execute(connection), revision_id)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        connection.close()


def snapshot_document(content: bytes, name: str = "snapshot.cxstudio") -> Document:
    """The Document of a kept snapshot, through every check of opening a file (it is untrusted like the file)."""
    from cxstudio.persistence.opening import inspect_file, refuse_invalid

    with tempfile.TemporaryDirectory(prefix="cxstudio-snapshot-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        inspection = inspect_file(path, thorough=False)
        if inspection.document is None:
            raise refuse_invalid(inspection)
        return inspection.document
