"""The SQLite schema of a `.cxstudio` file (one table per entity kind) and the row <-> entity mapping."""

from __future__ import annotations

import json
import json.scanner
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    Table,
    Text,
)

from cxstudio.model.entities import ENTITY_TYPES, Entity, EntityBuilder, FieldSpec, entities_from_rows, entity_builder
from cxstudio.model.fields import FieldKind, field_kind
from cxstudio.model.loading import entities_from_columns, entities_from_complete_rows

APPLICATION_ID = 0x43585354  # 'CXST' in PRAGMA application_id: this file is a CX Studio project
SCHEMA_VERSION = 2  # PRAGMA user_version of files this version writes (2: comment threads, revisions)
FILE_SUFFIX = ".cxstudio"

metadata = MetaData()


class FieldType:
    """How one entity field is stored: the annotation decides the column type and the converters."""

    TEXT = "text"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    BLOB = "blob"
    TEXT_TUPLE = "text_tuple"  # tuple[str, ...] stored as a JSON array


_STORED_AS: dict[FieldKind, str] = {
    FieldKind.TUPLE: FieldType.TEXT_TUPLE,
    FieldKind.BOOL: FieldType.BOOLEAN,
    FieldKind.INT: FieldType.INTEGER,
    FieldKind.FLOAT: FieldType.FLOAT,
    FieldKind.BYTES: FieldType.BLOB,
    FieldKind.STR: FieldType.TEXT,
}


def field_type(annotation: object) -> tuple[str, bool]:
    """(FieldType, nullable) of an entity field annotation (a string under postponed evaluation), by the model's `field_kind`."""
    text = str(annotation)
    kind, nullable = field_kind(text)
    if kind is None:
        raise TypeError(f"No column type for the annotation {text!r}.")
    return _STORED_AS[kind], nullable


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


# ---------------------------------------------------------------------- row <-> entity
def _encode_tuple(value: Any) -> Any:
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False, separators=(",", ":"))
    return value


_scan_json = json.scanner.make_scanner(json.JSONDecoder())


def _decode_tuple(value: Any) -> Any:
    """A JSON array of strings back to a tuple; anything else is passed on for validation to reject."""
    if not isinstance(value, str):
        return value
    if value == "[]":
        return ()
    if value[:2] == "[[":  # a list of strings never nests: refuse deep nesting before the parser recurses
        return value
    try:  # json.loads without its wrapper (a third of the time); anything unusual takes the full path
        decoded, end = _scan_json(value, 0)
        if end != len(value):
            decoded = json.loads(value)
    except (StopIteration, ValueError, RecursionError):
        try:
            decoded = json.loads(value)
        except (ValueError, RecursionError):
            return value
    if type(decoded) is list and _ONLY_TEXT(map(type, decoded)):  # JSON gives exact types, never subclasses
        return tuple(decoded)
    return value


_ONLY_TEXT = frozenset({str}).issuperset


# SQLite's 0 and 1 (as its CHECK (x IN (0, 1)) compares them: 1.0 is 1) become booleans; anything else stays
# as it is for validation to reject.
_BOOLEANS: dict[Any, bool] = {0: False, 1: True}


def _decode_boolean(value: Any) -> Any:
    try:
        return _BOOLEANS.get(value, value)
    except TypeError:  # unhashable: not a stored value at all
        return value


def _decode_boolean_column(column: Sequence[Any]) -> list[Any]:
    """`_decode_boolean` of every value of one column, in one C-level pass."""
    return list(map(_BOOLEANS.get, column, column))


def _decode_tuple_column(column: Sequence[Any]) -> list[Any]:
    """`_decode_tuple` of every value of one column, each distinct text decoded once (tags repeat a lot).

    Equal texts give one shared tuple, which is immutable like the records holding it.
    """
    decoded = {value: _decode_tuple(value) for value in dict.fromkeys(column)}  # keyed by each first occurrence
    return list(map(decoded.__getitem__, column))


@dataclass(frozen=True, slots=True)
class EntityCodec:
    """Converts one entity kind between its record and the values of its table row (column order)."""

    entity_type: type[Entity]
    table: Table
    names: tuple[str, ...]
    decoders: dict[str, Callable[[Any], Any]]  # only the fields whose stored form differs (booleans, tuples)
    encoders: dict[str, Callable[[Any], Any]]
    build: EntityBuilder  # a row's values (column order) -> the entity, decoders applied, not validated

    def to_row(self, entity: Entity) -> dict[str, Any]:
        row = {name: getattr(entity, name) for name in self.names}
        for name, encode in self.encoders.items():
            row[name] = encode(row[name])
        return row

    def encode_field(self, name: str, value: Any) -> Any:
        encode = self.encoders.get(name)
        return encode(value) if encode is not None else value

    def from_row(self, values: tuple[Any, ...] | Any) -> Entity:
        """Build the entity without validating it (the loader checks the whole document afterwards)."""
        return self.build(values)

    def from_rows(self, rows: list[Any]) -> list[Entity]:
        """`from_row` of many rows of one SELECT: decoded column by column, then one C-level step per row."""
        if not self.decoders or not rows:
            return entities_from_rows(self.entity_type, rows)
        if set(map(len, rows)) != {len(self.names)}:
            raise ValueError(f"A {self.entity_type.KIND} row must have {len(self.names)} values.")
        columns: list[Sequence[Any]] = list(zip(*rows))
        for name in self.decoders:
            position = self.entity_type.FIELD_INDEX[name]
            columns[position] = _COLUMN_DECODERS[self.decoders[name]](columns[position])
        return entities_from_columns(self.entity_type, columns)

    def from_cursor(self, cursor: sqlite3.Cursor) -> list[Entity]:
        """`from_rows` of every row of a SELECT of this kind's columns, in order (a cursor just executed).

        Kinds without decoded fields are made row by row as the cursor gives them, the width checked
        once on the SELECT's columns (each row has exactly those), without holding every row at once.
        """
        if self.decoders:
            return self.from_rows(cursor.fetchall())
        if len(cursor.description or ()) != len(self.names):
            raise ValueError(f"A {self.entity_type.KIND} row must have {len(self.names)} values.")
        return entities_from_complete_rows(self.entity_type, cursor)


_COLUMN_DECODERS: dict[Callable[[Any], Any], Callable[[Sequence[Any]], list[Any]]] = {
    _decode_boolean: _decode_boolean_column,
    _decode_tuple: _decode_tuple_column,
}


def _codec(entity_type: type[Entity]) -> EntityCodec:
    names: list[str] = []
    decoders: dict[str, Callable[[Any], Any]] = {}
    encoders: dict[str, Callable[[Any], Any]] = {}
    for field in entity_type.FIELDS:
        names.append(field.name)
        kind = FieldType.TEXT if field.name == "id" else field_type(field.type)[0]
        if kind == FieldType.TEXT_TUPLE:
            decoders[field.name] = _decode_tuple
            encoders[field.name] = _encode_tuple
        elif kind == FieldType.BOOLEAN:
            decoders[field.name] = _decode_boolean
    build = entity_builder(entity_type, decoders)
    return EntityCodec(entity_type, TABLES[entity_type.KIND], tuple(names), decoders, encoders, build)


CODECS: dict[str, EntityCodec] = {t.KIND: _codec(t) for t in ENTITY_TYPES}
