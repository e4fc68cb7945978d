"""Reading a project file from elsewhere safely: hardened SQLite connections and the inspection of a file's schema.

A project file is untrusted input: anyone may have written it. Its schema is data, never code: a file
is read only through connections made by `harden` (no function of the schema is trusted, every length
and depth is bounded, every statement is stopped after a bounded amount of work), and before any row
is read `inspect_schema` compares what `sqlite_master` declares with CX Studio's own objects. Triggers,
views, virtual tables and unknown tables, indexes or columns are reported as `ForeignObject`s; they are
never executed (only the known columns of the known tables are SELECTed) and never copied (working
copies and saved files are built from CX Studio's own schema, see opening.py).
"""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from cxstudio.model.entities import MAX_PICTURE_BYTES
from cxstudio.persistence.sql_text import SCHEMA_OBJECTS, SCHEMA_STATEMENTS, STORED_COLUMNS

# The largest project file CX Studio opens. A project of 50,000 cards takes about 70 MB; pictures add to
# that. Larger files are refused before a byte is read (documented in the README).
MAX_FILE_SIZE = 1 << 30

# The largest value (text or blob) a statement may produce: above the largest picture the model accepts
# (texts are far smaller), so a bigger value is refused by SQLite before Python holds it.
MAX_VALUE_BYTES = MAX_PICTURE_BYTES + (4 << 20)

# SQLite work allowed for reading one file: a fixed allowance plus time in proportion to its size, so a
# 50,000-card project reads with room to spare and a small hostile file is stopped within seconds.
BASE_WORK_SECONDS = 6.0
WORK_SECONDS_PER_100_MB = 1.5
PROGRESS_STEPS = 50_000  # SQLite virtual-machine steps between two looks at the clock (well under 1 ms)

MAX_SCHEMA_OBJECTS = 1_000  # a project has 44; more is not worth describing one by one
MAX_COMPARED_SQL = 4_000  # characters of an object's SQL read for comparison (CX Studio's longest is ~700)

_LIMITS: dict[int, int] = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 1_000_000,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 10,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 16,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1_000,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 1,
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 1_000,
    sqlite3.SQLITE_LIMIT_WORKER_THREADS: 0,
    sqlite3.SQLITE_LIMIT_ATTACHED: 1,  # the one attachment check_bytes makes
}


class WorkLimitError(Exception):
    """Reading a file took more SQLite work than a project of its size can need."""


def work_seconds(size: int) -> float:
    """The SQLite work (in seconds of one core) allowed for reading a file of `size` bytes."""
    return BASE_WORK_SECONDS + WORK_SECONDS_PER_100_MB * size / 100_000_000


def harden(connection: sqlite3.Connection, seconds: float) -> Callable[[], bool]:
    """Make `connection` safe for reading foreign bytes; returns a function telling whether its work ran out.

    - `trusted_schema = OFF`: functions with side effects, and virtual tables, are refused inside the
      schema (triggers, views, CHECK and DEFAULT expressions, generated columns, expression indexes);
    - defensive mode and no triggers or views at all, where the sqlite3 module can set them (3.12+);
    - limits on value length, SQL length, expression depth, compound selects, function arguments;
    - a progress handler that stops any statement once the connection has spent `seconds` in SQLite
      (the statement fails with "interrupted"; the returned function then answers True).
    """
    connection.execute("PRAGMA trusted_schema = OFF")
    setconfig = getattr(connection, "setconfig", None)
    if setconfig is not None:  # Python 3.12+
        for name, value in (("SQLITE_DBCONFIG_DEFENSIVE", True), ("SQLITE_DBCONFIG_ENABLE_TRIGGER", False),
                            ("SQLITE_DBCONFIG_ENABLE_VIEW", False), ("SQLITE_DBCONFIG_TRUSTED_SCHEMA", False)):
            option = getattr(sqlite3, name, None)
            if option is not None:
                setconfig(option, value)
    for category, limit in _LIMITS.items():
        connection.setlimit(category, limit)
    deadline = time.monotonic() + seconds
    exceeded = [False]

    def progress() -> int:
        if time.monotonic() > deadline:
            exceeded[0] = True
            return 1
        return 0

    connection.set_progress_handler(progress, PROGRESS_STEPS)
    return lambda: exceeded[0]


# ---------------------------------------------------------------------- what a project's schema holds
def schema_statements() -> tuple[str, ...]:
    """CX Studio's own CREATE TABLE and CREATE INDEX statements, in dependency order (SQLAlchemy's, see sql_text.py)."""
    return SCHEMA_STATEMENTS


@functools.cache
def expected_objects() -> frozenset[tuple[str, str, str]]:
    """(type, name, table) of every object in the `sqlite_master` of a file CX Studio wrote."""
    return frozenset(expected_definitions())


def expected_definitions() -> dict[tuple[str, str, str], str]:
    """(type, name, table) -> the object's SQL with runs of white space made one space ('' for automatic indexes).

    What SQLite's `sqlite_master` holds after SCHEMA_STATEMENTS, generated into sql_text.py (no
    database is made for it at every start; the generator and tests/persistence/test_sql_constants.py
    make one).
    """
    return SCHEMA_OBJECTS


def normalised_sql(sql: object) -> str:
    """`sql` with every run of white space made one space; '' for None (an automatic index has no SQL)."""
    return " ".join(str(sql).split()) if sql is not None else ""


# ForeignObject.kind -> (English, German nominative, German accusative) words for it
FOREIGN_KINDS: dict[str, tuple[str, str, str]] = {
    "trigger": ("a trigger", "ein Trigger", "einen Trigger"),
    "view": ("a view", "eine Sicht (View)", "eine Sicht (View)"),
    "virtual table": ("a virtual table", "eine virtuelle Tabelle", "eine virtuelle Tabelle"),
    "table": ("a table", "eine Tabelle", "eine Tabelle"),
    "index": ("an index", "ein Index", "einen Index"),
    "column": ("a column", "eine Spalte", "eine Spalte"),
    "other": ("an object", "ein Objekt", "ein Objekt"),
}

NAME_SHOWN = 60  # characters of a foreign object's name shown in a sentence


def _shown(name: str) -> str:
    return name if len(name) <= NAME_SHOWN else name[: NAME_SHOWN - 1] + "…"


@dataclass(frozen=True, slots=True)
class ForeignObject:
    """Something in a file's schema that is not part of a CX Studio project: reported, never run or copied."""

    kind: str  # a key of FOREIGN_KINDS
    name: str
    table: str = ""  # the table a trigger, index or column belongs to

    def describe(self, language: str = "en") -> str:
        """One sentence saying what was found and that it is ignored."""
        english, _nominative, accusative = FOREIGN_KINDS.get(self.kind, FOREIGN_KINDS["other"])
        name, table = _shown(self.name), _shown(self.table)
        if language == "de":
            where = f" zur Tabelle {table}" if self.table and self.table != self.name else ""
            return (f"Die Datei enthält {accusative} „{name}“{where}; so etwas gehört nicht zu einem "
                    "CX-Studio-Projekt und wird weder ausgeführt noch kopiert.")
        where = f" on the table {table}" if self.table and self.table != self.name else ""
        return (f"The file holds {english} '{name}'{where} that is not part of a CX Studio project; "
                "CX Studio neither runs nor copies it.")


@dataclass(slots=True)
class SchemaReport:
    """What a file's `sqlite_master` holds beside CX Studio's objects, and what makes its tables unreadable."""

    foreign: list[ForeignObject] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)  # English sentences: an entity table that is no table
    missing: list[str] = field(default_factory=list)  # English sentences: tables or columns the file lacks
    columns: dict[str, list[str]] = field(default_factory=dict)  # entity table -> its stored columns, in order
    exact: bool = False  # the schema is CX Studio's to the letter: every object, each with CX Studio's own SQL

    @property
    def readable(self) -> bool:
        """Whether every entity table can be read by SELECTing its known columns, without running foreign code."""
        return not self.damaged and not self.missing


def _kind_of(object_type: str, sql: str) -> str:
    if object_type == "table" and sql.lstrip()[:20].upper().replace(" ", "").startswith("CREATEVIRTUAL"):
        return "virtual table"
    return object_type if object_type in FOREIGN_KINDS else "other"


def inspect_schema(connection: sqlite3.Connection, schema_name: str = "main") -> SchemaReport:
    """Compare the schema of `schema_name` with CX Studio's objects, reading `sqlite_master` and table_xinfo only."""
    report = SchemaReport()
    rows = connection.execute(
        f"SELECT type, name, tbl_name, substr(sql, 1, {MAX_COMPARED_SQL}) FROM {schema_name}.sqlite_master LIMIT ?",
        (MAX_SCHEMA_OBJECTS + 1,),
    ).fetchall()
    if len(rows) > MAX_SCHEMA_OBJECTS:
        report.damaged.append(f"The file's schema holds more than {MAX_SCHEMA_OBJECTS:,} objects; a project has "
                              f"{len(expected_objects())}.")
        return report
    expected = expected_definitions()
    found_tables: dict[str, str] = {}
    identical = 0  # objects whose SQL is CX Studio's own
    for object_type, name, table, raw_sql in rows:
        object_type, name, table, sql = str(object_type), str(name), str(table), str(raw_sql or "")
        identical += expected.get((object_type, name, table)) == normalised_sql(raw_sql)
        kind = _kind_of(object_type, sql)
        if name in STORED_COLUMNS:
            found_tables[name] = kind
            if kind != "table":
                words = FOREIGN_KINDS[kind][0]
                report.damaged.append(f"The table {name} is {words} instead of a table of stored rows.")
            continue
        if (object_type, name, table) in expected:
            continue
        report.foreign.append(ForeignObject(kind, name, table))
    for name, known in STORED_COLUMNS.items():
        if name not in found_tables:
            report.missing.append(f"The table {name} is missing.")
            continue
        if found_tables[name] != "table":
            continue
        columns = {str(row[1]): int(row[6]) for row in
                   connection.execute(f'PRAGMA {schema_name}.table_xinfo("{name}")').fetchall()}
        report.columns[name] = list(columns)
        lacking = [c for c in known if c not in columns]
        if lacking:
            report.missing.append(f"The table {name} lacks the column(s) {', '.join(lacking)}.")
        computed = [c for c in known if columns.get(c, 0) != 0]
        if computed:
            report.damaged.append(f"The column(s) {', '.join(computed)} of the table {name} are computed by the "
                                  "file instead of stored.")
        report.foreign.extend(ForeignObject("column", c, name) for c in columns if c not in known)
    report.exact = identical == len(expected) == len(rows) and report.readable and not report.foreign
    return report


def drop_executable_objects(connection: sqlite3.Connection, report: SchemaReport, schema_name: str) -> None:
    """Remove the foreign triggers and views from a connection's in-memory copy of a file (never the file itself)."""
    for item in report.foreign:
        if item.kind in ("trigger", "view"):
            quoted = item.name.replace('"', '""')
            connection.execute(f'DROP {item.kind.upper()} IF EXISTS {schema_name}."{quoted}"')


def foreign_note(objects: list[ForeignObject], language: str = "en") -> str | None:
    """One sentence for the editor when a file held foreign objects: what they were and that they are gone."""
    if not objects:
        return None
    column = 1 if language == "de" else 0
    counts: dict[str, int] = {}
    for item in objects:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    plural = {"trigger": ("triggers", "Trigger"), "view": ("views", "Sichten"),
              "virtual table": ("virtual tables", "virtuelle Tabellen"), "table": ("tables", "Tabellen"),
              "index": ("indexes", "Indizes"), "column": ("columns", "Spalten"), "other": ("objects", "Objekte")}
    parts = [FOREIGN_KINDS.get(kind, FOREIGN_KINDS["other"])[column] if count == 1
             else f"{count} {plural.get(kind, plural['other'])[column]}" for kind, count in counts.items()]
    listed = ", ".join(parts)
    if language == "de":
        return f"Fremde Teile der Datei ({listed}) wurden nicht ausgeführt und werden nicht mitgespeichert."
    return f"Foreign parts of the file ({listed}) were not run and will not be saved."
