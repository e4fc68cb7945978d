"""The SQLite schema of a `.cxstudio` file (one table per entity kind) and the row <-> entity mapping.

Plain Python, no SQLAlchemy: opening a project reads it with sqlite3 and the SQL text of sql_text.py.
The SQLAlchemy tables the write side uses live in tables.py (`schema.TABLES` and the like still
answer, importing it on first use).
"""

from __future__ import annotations

import json
import json.scanner
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cxstudio.model.entities import ENTITY_TYPES, Entity, EntityBuilder, entities_from_rows, entity_builder
from cxstudio.model.fields import FieldKind, field_kind
from cxstudio.model.loading import entities_from_columns, entities_from_complete_rows

APPLICATION_ID = 0x43585354  # 'CXST' in PRAGMA application_id: this file is a CX Studio project
SCHEMA_VERSION = 2  # PRAGMA user_version of files this version writes (2: comment threads, revisions)
FILE_SUFFIX = ".cxstudio"

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


# The SQLAlchemy side (tables.py), for the writers and for tests: imported on first use, never when reading.
_SQLALCHEMY_NAMES = frozenset({"metadata", "TABLES", "REVISION", "REVISION_SNAPSHOT", "LINEAGE_TABLES", "STORED_TABLES"})


def __getattr__(name: str) -> Any:
    if name in _SQLALCHEMY_NAMES:
        from cxstudio.persistence import tables

        return getattr(tables, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    return EntityCodec(entity_type, tuple(names), decoders, encoders, build)


CODECS: dict[str, EntityCodec] = {t.KIND: _codec(t) for t in ENTITY_TYPES}
