"""SQLAlchemy's description of a project file's tables: writing, creating the schema, and the source of sql_text.py.

Only the write side imports this module (and SQLAlchemy with it): an edit written through to the
working copy, Save, a new project's working copy. Opening and reading a file use plain sqlite3 and
the SQL text in sql_text.py, which is this module's compilation for SQLite kept as constants
(`python -m cxstudio.persistence.tables` rewrites it; tests/persistence/test_sql_constants.py holds
the two equal).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Select,
    Table,
    Text,
    select,
    type_coerce,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlalchemy.types import NullType

from cxstudio.model.entities import ENTITY_TYPES, Entity, FieldSpec
from cxstudio.persistence.schema import FieldType, field_type

metadata = MetaData()


def _column(entity_type: type[Entity], field: FieldSpec) -> Column[Any]:
    if field.name == "id":
        return Column("id", Text, primary_key=True)
    kind, nullable = field_type(field.type)
    ref = entity_type.REFS.get(field.name)
    if ref is not None and not ref.many and len(ref.targets) == 1:
        # Deferred: a change set is written in one transaction and only has to be consistent at its end.
        foreign_key = ForeignKey(f"{ref.targets[0]}.id", deferrable=True, initially="DEFERRED")
        return Column(field.name, Text, foreign_key, nullable=nullable)
    column_type: Any = {
        FieldType.TEXT: Text,
        FieldType.INTEGER: Integer,
        FieldType.FLOAT: Float,
        FieldType.BOOLEAN: Boolean(create_constraint=True, name=f"ck_{entity_type.KIND}_{field.name}"),
        FieldType.BLOB: LargeBinary,
        FieldType.TEXT_TUPLE: Text,
    }[kind]
    return Column(field.name, column_type, nullable=nullable)


def _table(entity_type: type[Entity]) -> Table:
    table = Table(entity_type.KIND, metadata, *(_column(entity_type, f) for f in entity_type.FIELDS))
    for name, ref in entity_type.REFS.items():
        if not ref.many:  # referrer lookups (cascades, foreign-key checks on delete) stay indexed
            Index(f"ix_{entity_type.KIND}_{name}", table.c[name])
    return table


TABLES: dict[str, Table] = {t.KIND: _table(t) for t in ENTITY_TYPES}

# The file's lineage (not entities; see persistence/lineage.py): one row per revision this file's content
# went through (Save, a client copy handed out, a merge), and the content of handed-out revisions (the
# client copy's bytes, zlib-compressed, in parts small enough for the value limit of untrusted reading).
REVISION = Table(
    "revision", metadata,
    Column("id", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("parent_id", Text, nullable=True),
    Column("merged_id", Text, nullable=True),
    Column("kind", Text, nullable=False),
    Column("created", Text, nullable=False),
)
REVISION_SNAPSHOT = Table(
    "revision_snapshot", metadata,
    Column("revision_id", Text, primary_key=True),
    Column("part", Integer, primary_key=True),
    Column("data", LargeBinary, nullable=False),
)
LINEAGE_TABLES: dict[str, Table] = {"revision": REVISION, "revision_snapshot": REVISION_SNAPSHOT}
# Every table of a project file: what the untrusted-file checks expect and the working copy is built from.
STORED_TABLES: dict[str, Table] = {**TABLES, **LINEAGE_TABLES}


# ---------------------------------------------------------------------- the SQL text of sql_text.py
def raw_select(kind: str) -> Select[Any]:
    """SELECT of every column without SQLAlchemy's result conversion: values are checked by the model."""
    table = TABLES[kind]
    return select(*(type_coerce(column, NullType()).label(column.name) for column in table.c))


def compiled_selects() -> dict[str, str]:
    """Each entity kind's SELECT of all its columns, compiled for SQLite (reading a project, store.py)."""
    dialect = sqlite.dialect()
    return {t.KIND: str(raw_select(t.KIND).compile(dialect=dialect)) for t in ENTITY_TYPES}


def compiled_schema() -> tuple[str, ...]:
    """CX Studio's own CREATE TABLE and CREATE INDEX statements for SQLite, in dependency order."""
    dialect = sqlite.dialect()
    statements: list[str] = []
    for table in metadata.sorted_tables:
        statements.append(str(CreateTable(table).compile(dialect=dialect)).strip())
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            statements.append(str(CreateIndex(index).compile(dialect=dialect)).strip())
    return tuple(statements)


def stored_columns() -> dict[str, tuple[str, ...]]:
    """Every stored table's column names, in order."""
    return {name: tuple(column.name for column in table.c) for name, table in STORED_TABLES.items()}


def sql_text_module() -> str:
    """The source of cxstudio/persistence/sql_text.py as this schema and SQLAlchemy compile it now."""

    def mapping(values: dict[str, Any]) -> str:
        return "{\n" + "".join(f"    {key!r}: {value!r},\n" for key, value in values.items()) + "}"

    return (
        '"""The SQL text of a project file\'s schema, as SQLAlchemy compiles tables.py for SQLite: reading needs no SQLAlchemy.\n'
        "\n"
        "Generated by `python -m cxstudio.persistence.tables`; do not edit. After a change of the model's\n"
        "fields or of tables.py, run it again (tests/persistence/test_sql_constants.py fails until then).\n"
        '"""\n'
        "\n"
        "# fmt: off\n"
        "\n"
        "# Every stored table (the entity tables, then the lineage tables) -> its column names, in order.\n"
        f"STORED_COLUMNS: dict[str, tuple[str, ...]] = {mapping(stored_columns())}\n"
        "\n"
        "# Each entity kind -> the SELECT of all its columns, in order (store.py reads a project with these).\n"
        f"SELECT_SQL: dict[str, str] = {mapping(compiled_selects())}\n"
        "\n"
        "# CX Studio's own CREATE TABLE and CREATE INDEX statements, in dependency order (untrusted.py, opening.py).\n"
        "SCHEMA_STATEMENTS: tuple[str, ...] = (\n"
        + "".join(f"    {statement!r},\n" for statement in compiled_schema())
        + ")\n"
        "\n"
        "# (type, name, table) of every object in the sqlite_master of a file CX Studio wrote -> its SQL with\n"
        "# runs of white space made one space ('' for automatic indexes): untrusted.py compares files with it.\n"
        f"SCHEMA_OBJECTS: dict[tuple[str, str, str], str] = {mapping(schema_objects())}\n"
    )


def schema_objects() -> dict[tuple[str, str, str], str]:
    """What SQLite's sqlite_master holds after the compiled schema: (type, name, table) -> its normalised SQL."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        for statement in compiled_schema():
            connection.execute(statement)
        rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    finally:
        connection.close()
    # normalised as untrusted.normalised_sql does (which cannot be imported here: it needs this module's output)
    return {(str(kind), str(name), str(table)): " ".join(str(sql).split()) if sql is not None else ""
            for kind, name, table, sql in rows}


SQL_TEXT_PATH = Path(__file__).with_name("sql_text.py")

if __name__ == "__main__":
    SQL_TEXT_PATH.write_text(sql_text_module(), encoding="utf-8")
    print(f"written: {SQL_TEXT_PATH}", file=sys.stderr)
