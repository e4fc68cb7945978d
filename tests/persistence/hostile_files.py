"""A corpus of hostile project files: the German worked example edited with sqlite3 into triggers, views, giants and companions."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cxstudio import api

# Every foreign object and every piece of hidden text carries this token (any case), so a saved file
# can be searched for leftovers byte by byte; the worked example itself never contains it.
TOKEN = "zzhidden"
HIDDEN_TEXT = "ZZHIDDEN geheime Notiz, die nie in einer gespeicherten Datei landen darf"
TAMPERED = "TAMPERED"
BLOB_BYTES = 1_000_000

FOREIGN = "foreign objects, data valid"  # opens; the foreign objects never act and never reach a saved file
REFUSED = "refused"  # api.open_project raises one short ProjectFileError sentence

FILE_NAME = "Beschwerde-Beispiel.cxstudio"


@dataclass(frozen=True)
class Variant:
    """One hostile file: how to make it from a copy of the worked example, and what CX Studio must do with it."""

    name: str
    build: Callable[[Path], None]  # edits the copy of the example at the given path (and may put files beside it)
    expected: str  # FOREIGN or REFUSED
    foreign_names: tuple[str, ...] = ()  # for FOREIGN: `cxstudio check` names at least one of these
    companion: str | None = None  # suffix of a file beside the project ("-wal"), which the refusal must name
    expensive: bool = False  # build once per module and copy, rather than build per test

    def companions(self, path: Path) -> list[Path]:
        return [path.with_name(path.name + self.companion)] if self.companion else []


def save_worked_example(path: Path) -> Path:
    """The German complaint example saved by CX Studio itself: the pristine base of every variant."""
    path.parent.mkdir(parents=True, exist_ok=True)
    project = api.create(template="complaint-example", language="de")
    try:
        project.save_as(path)
    finally:
        project.close()
    return path


def make_variant(variant: Variant, base: Path, folder: Path) -> Path:
    """A copy of the pristine `base` in `folder`, turned into `variant`; returns the project file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    shutil.copyfile(base, path)
    variant.build(path)
    return path


def copy_variant(variant: Variant, built: Path, folder: Path) -> Path:
    """A copy of an already built variant (the project file and its companions) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / built.name
    shutil.copyfile(built, path)
    for companion in variant.companions(built):
        shutil.copyfile(companion, folder / companion.name)
    return path


# ---------------------------------------------------------------------- sqlite3 helpers
def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("PRAGMA legacy_alter_table = ON")  # renaming a table rewrites nothing else
    return connection


def _sql(path: Path, *statements: str, parameters: tuple[object, ...] = ()) -> None:
    connection = _connect(path)
    try:
        connection.execute("BEGIN")
        for statement in statements:
            connection.execute(statement, parameters if "?" in statement else ())
        connection.execute("COMMIT")
    finally:
        connection.close()


def card_columns(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[1] for row in connection.execute('PRAGMA table_info("card")')]
    finally:
        connection.close()


def first_card_id(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("SELECT min(id) FROM card").fetchone()[0])
    finally:
        connection.close()


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


# ---------------------------------------------------------------------- triggers
TIMINGS = [(when, event, table) for table in ("card", "stage", "project") for when in ("BEFORE", "AFTER")
           for event in ("INSERT", "UPDATE", "DELETE")]
TIMING_TRIGGERS = [f"{TOKEN}_{when}_{event}_{table}".lower() for when, event, table in TIMINGS]


def triggers_of_every_timing(path: Path) -> None:
    """BEFORE and AFTER INSERT, UPDATE and DELETE on card, stage and project, each logging into a hidden table."""
    statements = [f"CREATE TABLE {TOKEN}_trigger_log (fired TEXT, row_id TEXT, at TEXT)"]
    for (when, event, table), name in zip(TIMINGS, TIMING_TRIGGERS, strict=True):
        row = "old.id" if event == "DELETE" else "new.id"
        statements.append(f"CREATE TRIGGER {name} {when} {event} ON {table} BEGIN "
                          f"INSERT INTO {TOKEN}_trigger_log VALUES ('{name}', {row}, datetime('now')); END")
    _sql(path, *statements)


def trigger_tampering_titles(path: Path) -> None:
    """The issue's example: one edit of a card renames every other card."""
    _sql(path, f"CREATE TRIGGER {TOKEN}_tamper AFTER UPDATE ON card BEGIN "
               f"UPDATE card SET title = '{TAMPERED}' WHERE id <> new.id; END")


def trigger_logging_into_hidden_table(path: Path) -> None:
    """Every card written is copied, with its internal note, into a hidden log table."""
    _sql(path,
         f"CREATE TABLE {TOKEN}_spy (card_id TEXT, title TEXT, internal_note TEXT)",
         f"CREATE TRIGGER {TOKEN}_spy_insert AFTER INSERT ON card BEGIN "
         f"INSERT INTO {TOKEN}_spy VALUES (new.id, new.title, new.internal_note); END",
         f"CREATE TRIGGER {TOKEN}_spy_update AFTER UPDATE ON card BEGIN "
         f"INSERT INTO {TOKEN}_spy VALUES (new.id, new.title, new.internal_note); END")


def trigger_growing_blobs(path: Path) -> None:
    """Every card or stage written adds a 1 MB blob to a hidden table: the file grows with each edit."""
    _sql(path,
         f"CREATE TABLE {TOKEN}_ballast (data BLOB)",
         f"CREATE TRIGGER {TOKEN}_ballast_card AFTER UPDATE ON card BEGIN "
         f"INSERT INTO {TOKEN}_ballast VALUES (randomblob({BLOB_BYTES})); END",
         f"CREATE TRIGGER {TOKEN}_ballast_new_card AFTER INSERT ON card BEGIN "
         f"INSERT INTO {TOKEN}_ballast VALUES (randomblob({BLOB_BYTES})); END",
         f"CREATE TRIGGER {TOKEN}_ballast_stage AFTER UPDATE ON stage BEGIN "
         f"INSERT INTO {TOKEN}_ballast VALUES (randomblob({BLOB_BYTES})); END")


def trigger_deleting_cards(path: Path) -> None:
    """Renaming a stage deletes its cards; adding a card deletes the others of its cell."""
    _sql(path,
         f"CREATE TRIGGER {TOKEN}_wipe_stage AFTER UPDATE ON stage BEGIN "
         f"DELETE FROM card WHERE stage_id = new.id; END",
         f"CREATE TRIGGER {TOKEN}_wipe_cell AFTER INSERT ON card BEGIN "
         f"DELETE FROM card WHERE stage_id = new.stage_id AND lane_id = new.lane_id AND id <> new.id; END")


def trigger_refusing_edits(path: Path) -> None:
    """Every update of a card is aborted by the file itself."""
    _sql(path, f"CREATE TRIGGER {TOKEN}_veto BEFORE UPDATE ON card BEGIN "
               f"SELECT RAISE(ABORT, '{TOKEN}: no edits allowed'); END")


# ---------------------------------------------------------------------- foreign objects beside intact tables
def extra_tables(path: Path) -> None:
    _sql(path,
         f"CREATE TABLE {TOKEN}_notes (id INTEGER PRIMARY KEY, secret TEXT NOT NULL)",
         f"INSERT INTO {TOKEN}_notes (secret) VALUES (?)",
         f"CREATE TABLE {TOKEN}_keys (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
         f"INSERT INTO {TOKEN}_keys VALUES ('note', ?)",
         parameters=(HIDDEN_TEXT,))


def extra_card_column(path: Path) -> None:
    _sql(path, f"ALTER TABLE card ADD COLUMN {TOKEN}_secret TEXT", f"UPDATE card SET {TOKEN}_secret = ?",
         parameters=(HIDDEN_TEXT,))


def extra_index(path: Path) -> None:
    _sql(path, f"CREATE INDEX {TOKEN}_index ON card (title, text) WHERE title <> '{HIDDEN_TEXT}'")


def extra_view(path: Path) -> None:
    _sql(path, f"CREATE VIEW {TOKEN}_view AS SELECT title, internal_note, '{HIDDEN_TEXT}' AS secret FROM card")


def extra_virtual_table(path: Path) -> None:
    _sql(path, f"CREATE VIRTUAL TABLE {TOKEN}_search USING fts5(body)",
         f"INSERT INTO {TOKEN}_search (body) VALUES (?)", parameters=(HIDDEN_TEXT,))


# ---------------------------------------------------------------------- entity tables that are not plain tables
def _card_table_renamed(path: Path) -> tuple[list[str], str]:
    columns = card_columns(path)
    data = f"{TOKEN}_card_data"
    _sql(path, f"ALTER TABLE card RENAME TO {data}")
    return columns, data


def card_as_view(path: Path) -> None:
    """The card table replaced by a plain view over the same (valid) rows."""
    columns, data = _card_table_renamed(path)
    _sql(path, f"CREATE VIEW card AS SELECT {_quoted(columns)} FROM {data}")


def card_as_endless_view(path: Path) -> None:
    """The card table replaced by a recursive CTE that never ends (and never yields a row, so memory stays flat)."""
    columns = card_columns(path)
    values = ", ".join(f"'x' AS \"{c}\"" for c in columns)
    _sql(path, "DROP TABLE card",
         f"CREATE VIEW card AS WITH RECURSIVE {TOKEN}_forever(n) AS "
         f"(SELECT 1 UNION ALL SELECT n + 1 FROM {TOKEN}_forever) "
         f"SELECT {values} FROM {TOKEN}_forever WHERE n < 0")


def card_as_huge_strings_view(path: Path) -> None:
    """The card table replaced by a view making a 100 MB title per row (13 GB for the example's cards)."""
    columns, data = _card_table_renamed(path)
    select = ", ".join("printf('%.*c', 100000000, 'x') AS \"title\"" if c == "title" else f'"{c}"'
                       for c in columns)
    _sql(path, f"CREATE VIEW card AS SELECT {select} FROM {data}")


def card_as_virtual_table(path: Path) -> None:
    """The card table replaced by an fts5 virtual table holding the same rows."""
    columns, data = _card_table_renamed(path)
    _sql(path, f"CREATE VIRTUAL TABLE card USING fts5({_quoted(columns)})",
         f"INSERT INTO card ({_quoted(columns)}) SELECT {_quoted(columns)} FROM {data}",
         f"DROP TABLE {data}")


def _rebuild_card(path: Path, column_sql: Callable[[str], str]) -> None:
    """Recreate the card table from its own CREATE statement with `column_sql` applied, keeping rows and indexes."""
    connection = sqlite3.connect(path)
    try:
        create = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'card'").fetchone()[0]
        indexes = [r[0] for r in connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'card' AND sql IS NOT NULL")]
    finally:
        connection.close()
    columns = card_columns(path)
    stored = [c if c != "title" else f"{TOKEN}_title" for c in columns]
    new_create = column_sql(create.replace("CREATE TABLE card (", f"CREATE TABLE {TOKEN}_card_new (", 1))
    _sql(path, new_create,
         f"INSERT INTO {TOKEN}_card_new ({_quoted(stored)}) SELECT {_quoted(columns)} FROM card",
         "DROP TABLE card", f"ALTER TABLE {TOKEN}_card_new RENAME TO card", *indexes)


def generated_title_column(path: Path) -> None:
    """card.title is a generated column computed from a hidden column."""
    _rebuild_card(path, lambda sql: sql.replace(
        "\ttitle TEXT NOT NULL, \n",
        f"\t{TOKEN}_title TEXT NOT NULL, \n\ttitle TEXT GENERATED ALWAYS AS ({TOKEN}_title) VIRTUAL, \n", 1))
    assert "title" not in [c for c in card_columns(path)], "PRAGMA table_info hides generated columns"


def extra_generated_column(path: Path) -> None:
    """An extra generated card column computing 1 MB per row whenever it is read."""
    _sql(path, f"ALTER TABLE card ADD COLUMN {TOKEN}_generated TEXT "
               f"GENERATED ALWAYS AS (printf('%.*c', 1000000, title)) VIRTUAL")


# ---------------------------------------------------------------------- giant values
def deep_json_tags(path: Path) -> None:
    """The tags of one card: a JSON array nested 200,000 levels deep."""
    _sql(path, "UPDATE card SET tags = ? WHERE id = ?", parameters=("[" * 200_000 + "]" * 200_000, first_card_id(path)))


def huge_card_id(path: Path) -> None:
    """One card's id is 10 MB long."""
    _sql(path, "UPDATE card SET id = printf('%.*c', 10000000, 'a') WHERE id = ?", parameters=(first_card_id(path),))


def huge_title(path: Path) -> None:
    """One card's title is 5 MB long."""
    _sql(path, "UPDATE card SET title = printf('%.*c', 5000000, 'T') WHERE id = ?", parameters=(first_card_id(path),))


def huge_picture(path: Path) -> None:
    """One persona's picture is a 40 MB blob."""
    _sql(path, "UPDATE persona SET picture = zeroblob(40000000) WHERE rowid = (SELECT min(rowid) FROM persona)")


def padded(size: int) -> Callable[[Path], None]:
    def pad(path: Path) -> None:
        """A valid project followed by zeros up to `size` bytes (a sparse file: costs no disk)."""
        with path.open("r+b") as handle:
            handle.truncate(size)

    pad.__name__ = f"padded_to_{size}"
    return pad


# ---------------------------------------------------------------------- companions beside the file
def wal_beside(path: Path) -> None:
    """A real write-ahead log beside the file: SQLite would replay its changed title over the file on opening."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / path.name
        shutil.copyfile(path, copy)
        connection = sqlite3.connect(copy, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA wal_autocheckpoint = 0")
            connection.execute("UPDATE card SET title = ? WHERE id = ?", (f"{HIDDEN_TEXT[:40]} (WAL)", first_card_id(copy)))
            shutil.copyfile(copy.with_name(copy.name + "-wal"), path.with_name(path.name + "-wal"))
        finally:
            connection.close()


def journal_beside(path: Path) -> None:
    """A hot rollback journal beside the file: SQLite would roll its page (with a changed title) into the file."""
    card_id = first_card_id(path)
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / path.name
        shutil.copyfile(path, copy)
        connection = sqlite3.connect(copy, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous = OFF")  # the journal header then says "replay to its end"
            connection.execute("UPDATE card SET title = ? WHERE id = ?", (f"{HIDDEN_TEXT[:40]} (journal)", card_id))
            connection.execute("BEGIN")
            connection.execute("UPDATE card SET title = 'x' WHERE id = ?", (card_id,))
            shutil.copyfile(copy.with_name(copy.name + "-journal"), path.with_name(path.name + "-journal"))
            connection.execute("ROLLBACK")
        finally:
            connection.close()


# ---------------------------------------------------------------------- the corpus
GIB = 1024**3

VARIANTS: list[Variant] = [
    Variant("triggers of every timing", triggers_of_every_timing, FOREIGN,
            (*TIMING_TRIGGERS, f"{TOKEN}_trigger_log")),
    Variant("trigger tampering titles", trigger_tampering_titles, FOREIGN, (f"{TOKEN}_tamper",)),
    Variant("trigger logging into a hidden table", trigger_logging_into_hidden_table, FOREIGN,
            (f"{TOKEN}_spy_insert", f"{TOKEN}_spy_update", f"{TOKEN}_spy")),
    Variant("trigger growing 1 MB blobs", trigger_growing_blobs, FOREIGN,
            (f"{TOKEN}_ballast_card", f"{TOKEN}_ballast_new_card", f"{TOKEN}_ballast_stage", f"{TOKEN}_ballast")),
    Variant("trigger deleting cards", trigger_deleting_cards, FOREIGN, (f"{TOKEN}_wipe_stage", f"{TOKEN}_wipe_cell")),
    Variant("trigger refusing edits", trigger_refusing_edits, FOREIGN, (f"{TOKEN}_veto",)),
    Variant("extra tables with hidden text", extra_tables, FOREIGN, (f"{TOKEN}_notes", f"{TOKEN}_keys")),
    Variant("extra card column with hidden text", extra_card_column, FOREIGN, (f"{TOKEN}_secret",)),
    Variant("extra index", extra_index, FOREIGN, (f"{TOKEN}_index",)),
    Variant("extra view", extra_view, FOREIGN, (f"{TOKEN}_view",)),
    Variant("extra fts5 virtual table", extra_virtual_table, FOREIGN, (f"{TOKEN}_search",)),
    # an extra column that happens to be generated is still beside intact columns: nothing reads it
    Variant("extra generated column", extra_generated_column, FOREIGN, (f"{TOKEN}_generated",)),
    Variant("card table as a view", card_as_view, REFUSED),
    Variant("card table as an endless recursive view", card_as_endless_view, REFUSED),
    Variant("card table as a view of 100 MB strings", card_as_huge_strings_view, REFUSED),
    Variant("card table as an fts5 virtual table", card_as_virtual_table, REFUSED),
    Variant("generated title column", generated_title_column, REFUSED),
    Variant("tags nested 200,000 deep", deep_json_tags, REFUSED, expensive=True),
    Variant("card id of 10 MB", huge_card_id, REFUSED, expensive=True),
    Variant("title of 5 MB", huge_title, REFUSED, expensive=True),
    Variant("persona picture of 40 MB", huge_picture, REFUSED, expensive=True),
    Variant("padded to 2 GB", padded(2 * GIB), REFUSED),
    Variant("padded to 1.5 GB", padded(3 * GIB // 2), REFUSED),
    Variant("a -wal file beside it", wal_beside, REFUSED, companion="-wal", expensive=True),
    Variant("a -journal file beside it", journal_beside, REFUSED, companion="-journal", expensive=True),
]

BY_NAME = {v.name: v for v in VARIANTS}
assert len(BY_NAME) == len(VARIANTS)
