"""Loading records in bulk: rows to records without re-validation, and checking a whole kind column by column.

`entities_from_rows` / `entity_builder` make records from stored values in one C-level tuple
construction per row. `records_sound` decides for all records of one kind at once whether
`validate()` would pass (types, canonical ids, text limits and control characters, enums,
names, cross-field rules); it never passes what the record checks refuse, and may be cautious.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import partial
from itertools import chain, repeat
from operator import is_not
from typing import Any

from cxstudio.method_cache import run_generated
from cxstudio.model.checks import _CONTROL_CHARS, MAX_PICTURE_BYTES, _text_limit
from cxstudio.model.errors import InvariantError
from cxstudio.model.fields import FieldKind, FieldSpec
from cxstudio.model.record import Entity, _tuple_new

# ---------------------------------------------------------------------- fast construction for loading
EntityBuilder = Callable[[Sequence[Any]], Entity]


def entity_builder(
    entity_type: type[Entity], converters: Mapping[str, Callable[[Any], Any]] | None = None
) -> EntityBuilder:
    """A function that makes an entity from its field values in field order, without validation.

    For loading stored values that are checked as a whole afterwards (or were checked when saved):
    it makes exactly what `entity_type(**dict(zip(field_names, values)))` makes, with each named
    converter applied to its field's value first, in one C-level tuple construction. A value
    sequence of the wrong length raises ValueError.
    """
    names = entity_type.field_names()
    converters = dict(converters or {})
    unknown = converters.keys() - set(names)
    if unknown:
        raise TypeError(f"A {entity_type.KIND} has no field {', '.join(sorted(unknown))}.")
    namespace: dict[str, Any] = {"_new": _tuple_new, "_cls": entity_type, "_count": len(names), "_len": len}
    lines = [
        "def build(values):",
        "    if _len(values) != _count:",
        f"        raise ValueError(f'A {entity_type.KIND} has {{_count}} fields, not {{_len(values)}}.')",
    ]
    if converters:
        parts = []
        for position, name in enumerate(names):
            if name in converters:
                namespace[f"_convert_{name}"] = converters[name]
                parts.append(f"_convert_{name}(values[{position}])")
            else:
                parts.append(f"values[{position}]")
        lines.append(f"    return _new(_cls, ({', '.join(parts)},))")
    else:
        lines.append("    return _new(_cls, values)")
    run_generated("\n".join(lines), namespace)  # generated from the field names only (compiled once)
    build: EntityBuilder = namespace["build"]
    build.__qualname__ = build.__name__ = f"build_{entity_type.KIND}"
    build.__doc__ = f"A {entity_type.KIND} from its field values in field order, without validation."
    return build


def entities_from_rows(
    entity_type: type[Entity], rows: Sequence[Sequence[Any]], build: EntityBuilder | None = None
) -> list[Entity]:
    """Entities of one class from many value rows in field order (loading): `build` of each row.

    Without converters (`build` None) each row becomes its record in one C-level step. Rows of
    the wrong length raise ValueError, as `entity_builder`'s functions do.
    """
    if not rows:
        return []
    count = len(entity_type.FIELD_NAMES)
    if set(map(len, rows)) != {count}:
        raise ValueError(f"A {entity_type.KIND} has {count} fields; some rows have another number of values.")
    if build is None:
        return list(map(_tuple_new, repeat(entity_type), rows))
    return list(map(build, rows))


def entities_from_columns(entity_type: type[Entity], columns: Sequence[Sequence[Any]]) -> list[Entity]:
    """Entities of one class from their values given column by column (one column per field, in field order).

    What `entities_from_rows` makes of the rows these columns transpose, without holding those rows:
    each record is made in one C-level step from the values of its position in every column.
    """
    count = len(entity_type.FIELD_NAMES)
    if len(columns) != count or len(set(map(len, columns))) > 1:
        raise ValueError(f"A {entity_type.KIND} has {count} fields; the columns do not give each record one value of each.")
    return list(map(_tuple_new, repeat(entity_type), zip(*columns)))


def entities_from_complete_rows(entity_type: type[Entity], rows: Iterable[Sequence[Any]]) -> list[Entity]:
    """`entities_from_rows` for rows known to hold one value per field, such as a cursor of a SELECT of
    exactly the fields (whose width the caller checked): rows are consumed one by one, never held at once."""
    return list(map(_tuple_new, repeat(entity_type), rows))


# ---------------------------------------------------------------------- whole columns at once (checking a loaded file)
_is_not_none = partial(is_not, None)
_HEX_AND_DASH = b"0123456789abcdef-"


def all_canonical_uuids(values: Collection[str]) -> bool:
    """Whether every value (all of type str) is a canonical lower-case UUID, checked in a few C-level passes."""
    count = len(values)
    if not count:
        return True
    if set(map(len, values)) != {36}:
        return False
    joined = "".join(values)
    for dash in (8, 13, 18, 23):  # each 36-character block has its dashes here, and nowhere else
        if joined[dash::36].count("-") != count:
            return False
    if joined.count("-") != 4 * count:
        return False
    try:
        return not joined.encode("ascii").translate(None, _HEX_AND_DASH)
    except UnicodeEncodeError:
        return False


def _texts_sound(name: str, values: Sequence[str]) -> bool:
    """`_check_text` of many values (all of type str): none too long, no control characters."""
    return not values or (
        max(map(len, values)) <= _text_limit(name) and _CONTROL_CHARS.search("\n".join(values)) is None
    )


def _column_sound(entity_type: type[Entity], spec: FieldSpec, column: Sequence[Any]) -> bool:
    """True only when `validate()` finds nothing wrong with this field in any of the records."""
    name, kind = spec.name, spec.kind
    values: Sequence[Any] = list(filter(_is_not_none, column)) if spec.optional else column
    types = set(map(type, values))
    if kind is FieldKind.TUPLE:
        if not types <= {tuple}:
            return False
        # every rule below holds per tuple: a tuple shared by many records (a loaded file's equal tag lists
        # are one tuple) is looked at once
        values = list(dict(zip(map(id, values), values)).values())
        items = list(chain.from_iterable(values))
        if not set(map(type, items)) <= {str}:
            return False
        if sum(map(len, values)) != sum(map(len, map(set, values))):  # an entry listed twice somewhere
            return False
        return all_canonical_uuids(set(items)) if name in entity_type.REFS else _texts_sound(name, items)
    if kind is FieldKind.BOOL:
        return types <= {bool}
    if kind is FieldKind.INT:
        return types <= {int}
    if kind is FieldKind.FLOAT:
        return types <= {float} and all(map(math.isfinite, values))
    if kind is FieldKind.BYTES:
        return types <= {bytes} and (not values or max(map(len, values)) <= MAX_PICTURE_BYTES)
    if kind is not FieldKind.STR or not types <= {str}:
        return False
    if name == "id" or name in entity_type.REFS:
        return all_canonical_uuids(values if name == "id" else set(values))
    enum_type = entity_type.ENUMS.get(name)
    if enum_type is not None:  # few distinct values: each rule below holds per value, so each is looked at once
        distinct = set(values)
        if not distinct <= enum_type._value2member_map_.keys():
            return False
        values = list(distinct)
    if not _texts_sound(name, values):
        return False
    return name not in entity_type.NAME_FIELDS or all(map(str.strip, values))


def records_sound(entity_type: type[Entity], records: Sequence[Entity]) -> bool:
    """Whether `validate()` passes for every record of one class, decided column by column.

    For checking a whole loaded document fast: True means every record is valid; False means at
    least one may not be, and the caller validates record by record for the sentences.
    """
    if not records:
        return True
    columns = list(zip(*records))
    for spec, column in zip(entity_type.FIELDS, columns):
        if not _column_sound(entity_type, spec, column):
            return False
    more = entity_type._columns_more_sound(columns)
    if more is not None:
        return more
    try:
        for record in records:
            record._validate_more()
    except InvariantError:
        return False
    return True
