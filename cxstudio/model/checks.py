"""Field checks of records: per-value rules and their sentences, text limits, dates, colours, UUIDs, generated validators.

`CheckedRecord` gives every record (`record.Entity` inherits it) its `validate()`: the general
checks per value (`_check_value`, `_check_uuid`) for a few named fields, or a generated function
per class for all of them (exact-type quick tests, the general checks for anything unusual, so
the verdict and the sentence are the same). Values quoted in a sentence are cut (`_brief`,
`_brief_repr`): a value from a file may be megabytes long.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

from cxstudio.method_cache import run_generated
from cxstudio.model.errors import InvariantError
from cxstudio.model.fields import FieldKind, FieldSpec, Ref

MAX_NAME_LENGTH = 2_000
MAX_TEXT_LENGTH = 200_000
MAX_PICTURE_BYTES = 16 * 1024 * 1024  # a picture (a persona's photo) of at most 16 MiB
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
_UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

PRIORITY_RANGE = range(0, 4)  # 0 none, 1 low, 2 medium, 3 high
RATING_RANGE = range(1, 11)
_PRIORITIES = frozenset(PRIORITY_RANGE)
_RATINGS = frozenset(RATING_RANGE)

SHOWN_IN_MESSAGES = 60  # characters of a name or value quoted in an error sentence


def _brief(text: object) -> str:
    """`text` cut for quoting in an error sentence (a value from a file may be megabytes long, or not text)."""
    if not isinstance(text, str):  # e.g. a relation whose label field a damaged file left empty (None)
        return _brief_repr(text)
    return text if len(text) <= SHOWN_IN_MESSAGES else text[: SHOWN_IN_MESSAGES - 1] + "…"


def _brief_repr(value: object) -> str:
    """repr(value), cut for quoting in an error sentence; huge values are not rendered in full first."""
    if isinstance(value, (str, bytes, bytearray, tuple, list)) and len(value) > SHOWN_IN_MESSAGES:
        value = value[:SHOWN_IN_MESSAGES]
        return repr(value)[:SHOWN_IN_MESSAGES] + "…"
    return _brief(repr(value))


def _text_limit(name: str) -> int:
    return MAX_NAME_LENGTH if name in ("name", "title", "label") else MAX_TEXT_LENGTH


class CheckedRecord:
    """The checking half of every record (`record.Entity` inherits it): `validate()` and the cross-field hooks.

    Only `Entity` inherits it, so `isinstance(value, CheckedRecord)` tells a record from a plain tuple.
    """

    __slots__ = ()

    KIND: ClassVar[str]
    REFS: ClassVar[Mapping[str, Ref]]
    ENUMS: ClassVar[Mapping[str, type[StrEnum]]]
    NAME_FIELDS: ClassVar[tuple[str, ...]]
    FIELDS: ClassVar[tuple[FieldSpec, ...]]
    FIELD_INDEX: ClassVar[Mapping[str, int]]

    if TYPE_CHECKING:
        @property
        def label(self) -> str: ...

    def validate(self, only: Iterable[str] | None = None) -> None:
        """Raise InvariantError if a field value breaks its rule (references are checked by the Document).

        `only` limits the field checks to the named fields (a change of a few fields of a record
        that was valid before); the entity's cross-field rules are always checked.
        """
        if only is None:  # every field: the class's generated checks (same rules and messages, faster)
            validator = _ALL_FIELD_VALIDATORS.get(type(self))
            if validator is None:
                validator = _ALL_FIELD_VALIDATORS[type(self)] = _all_field_validator(type(self))
            validator(self)
            return
        specs, index = self.FIELDS, self.FIELD_INDEX
        for name in only:
            value = getattr(self, name)
            if name == "id":
                _check_uuid(self, "id", value)
                continue
            _check_value(self, specs[index[name]], value)
            enum_type = self.ENUMS.get(name)
            if enum_type is not None and value is not None and value not in enum_type._value2member_map_:
                _enum_error(self, name, value, enum_type)
            if name in self.NAME_FIELDS and not str(value).strip():
                _empty_name_error(self, name)
        self._validate_more()

    def _validate_more(self) -> None:
        """Entity-specific checks beyond field types."""

    @classmethod
    def _columns_more_sound(cls, columns: Sequence[Sequence[Any]]) -> bool | None:
        """`_validate_more` of every record at once, from the field columns (already type-checked).

        None: the class has no column form; its records are checked one by one. A class that
        overrides `_validate_more` for many records gives this form too (tests compare the two).
        """
        return None


# ---------------------------------------------------------------------- the general checks, one value at a time
def _enum_error(entity: CheckedRecord, name: str, value: object, enum_type: type[StrEnum]) -> NoReturn:
    allowed = ", ".join(m.value for m in enum_type)
    raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be one of {allowed}, not {_brief_repr(value)}.")


def _empty_name_error(entity: CheckedRecord, name: str) -> NoReturn:
    raise InvariantError(f"A {entity.KIND} needs a {name}; it cannot be empty.")


def _check_uuid(entity: CheckedRecord, name: str, value: object) -> None:
    if isinstance(value, str) and _UUID_TEXT.match(value):
        return
    if not isinstance(value, str):
        raise InvariantError(f"{entity.KIND}: {name} must be a UUID string, not {_brief_repr(value)}.")
    import uuid  # only to tell a malformed UUID from a non-canonical one

    try:
        uuid.UUID(value)
    except ValueError:
        raise InvariantError(f"{entity.KIND}: {name} {_brief_repr(value)} is not a valid UUID.") from None
    raise InvariantError(f"{entity.KIND}: {name} {_brief_repr(value)} is not a canonical lower-case UUID.")


def _check_text(entity: CheckedRecord, name: str, value: str) -> None:
    limit = _text_limit(name)
    if len(value) > limit:
        raise InvariantError(
            f"{entity.KIND} '{_brief(entity.label)}': {name} is {len(value):,} characters long; "
            f"the limit is {limit:,}."
        )
    if _CONTROL_CHARS.search(value):
        raise InvariantError(
            f"{entity.KIND} '{_brief(entity.label)}': {name} contains control characters "
            "(only tab and line breaks are allowed)."
        )


# The kinds as this module's own globals: `FieldKind.X` (a class attribute of an enum) is a slower
# lookup, and `_check_value` runs for every changed field of every edit.
_TUPLE, _BOOL, _INT, _FLOAT, _BYTES, _STR = (
    FieldKind.TUPLE, FieldKind.BOOL, FieldKind.INT, FieldKind.FLOAT, FieldKind.BYTES, FieldKind.STR
)


def _check_value(entity: CheckedRecord, spec: FieldSpec, value: object) -> None:
    """The rule of the field's kind (`spec.kind`); a field of no known kind accepts any value but a forbidden None."""
    name, kind = spec.name, spec.kind
    if value is None:
        if not spec.optional:
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must not be empty (None).")
        return
    if kind is _TUPLE:
        if not isinstance(value, tuple) or isinstance(value, CheckedRecord) or not all(isinstance(v, str) for v in value):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be a tuple of strings.")
        for item in value:
            _check_text(entity, name, item)
        if len(set(value)) != len(value):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} lists an entry twice.")
        return
    if kind is _BOOL:
        if not isinstance(value, bool):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be true or false.")
        return
    if kind is _INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be a whole number, not {_brief_repr(value)}.")
        return
    if kind is _FLOAT:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be a finite number, not {_brief_repr(value)}.")
        return
    if kind is _BYTES:
        if not isinstance(value, bytes):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be bytes.")
        if len(value) > MAX_PICTURE_BYTES:
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} is {len(value):,} bytes large; "
                                 f"the limit is {MAX_PICTURE_BYTES:,}.")
        return
    if kind is _STR:
        if not isinstance(value, str):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be text, not {_brief_repr(value)}.")
        if name in entity.REFS:
            _check_uuid(entity, name, value)
        else:
            _check_text(entity, name, value)
        return


def _check_date(entity: CheckedRecord, name: str, value: str | None, with_time: bool = False) -> None:
    if value is None or value == "":
        return
    pattern = _ISO_DATETIME if with_time else _ISO_DATE
    if not pattern.match(value):
        shape = "YYYY-MM-DDTHH:MM" if with_time else "YYYY-MM-DD"
        raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} {_brief_repr(value)} is not a date ({shape}).")


def _check_order(entity: CheckedRecord, order: int) -> None:
    if order < 0:
        raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': order must not be negative.")


# ---------------------------------------------------------------------- fast validation of every field
_ALL_FIELD_VALIDATORS: dict[type, Callable[[CheckedRecord], None]] = {}


def _all_field_validator(entity_type: type[CheckedRecord]) -> Callable[[CheckedRecord], None]:
    """`validate()` of every field of one class as one generated function, with the same rules and messages.

    Each field gets a quick test that only ever accepts values the general checks accept (exact types,
    e.g. `type(v) is str`); anything else goes to those general checks (`_check_uuid`, `_check_value`),
    which raise the usual sentence or accept the value. Enum, name and cross-field rules follow as in
    `CheckedRecord.validate`.
    """
    namespace: dict[str, Any] = {
        "_check_uuid": _check_uuid, "_check_value": _check_value, "_enum_error": _enum_error,
        "_empty_name_error": _empty_name_error, "_uuid": _UUID_TEXT.match, "_control": _CONTROL_CHARS.search,
        "_isfinite": math.isfinite, "_only_text": frozenset({str}).issuperset, "_join": "".join,
        "_len": len, "_max": max, "_set": set, "_map": map, "_type": type, "_str": str,
        "_tuple_t": tuple, "_str_t": str, "_int_t": int, "_float_t": float, "_bool_t": bool, "_bytes_t": bytes,
    }
    lines = ["def validate_all(self):"]
    for position, spec in enumerate(entity_type.FIELDS):
        name = spec.name
        lines.append(f"    v = self[{position}]")
        if name == "id":
            lines.append("    if not (_type(v) is _str_t and _uuid(v)):")
            lines.append("        _check_uuid(self, 'id', v)")
            continue
        namespace[f"_spec_{position}"] = spec
        quick = _quick_test(entity_type, spec)
        if quick is None:
            lines.append(f"    _check_value(self, _spec_{position}, v)")
        else:
            if spec.optional:
                quick = f"v is None or ({quick})"
            lines.append(f"    if not ({quick}):")
            lines.append(f"        _check_value(self, _spec_{position}, v)")
        enum_type = entity_type.ENUMS.get(name)
        if enum_type is not None:
            namespace[f"_enum_{name}"] = enum_type
            namespace[f"_members_{name}"] = enum_type._value2member_map_
            lines.append(f"    if v is not None and v not in _members_{name}:")
            lines.append(f"        _enum_error(self, {name!r}, v, _enum_{name})")
        if name in entity_type.NAME_FIELDS:
            lines.append("    if not _str(v).strip():")
            lines.append(f"        _empty_name_error(self, {name!r})")
    lines.append("    self._validate_more()")
    run_generated("\n".join(lines), namespace)  # from the field names and kinds only (compiled once)
    validate_all: Callable[[CheckedRecord], None] = namespace["validate_all"]
    validate_all.__qualname__ = validate_all.__name__ = f"validate_all_{entity_type.KIND}"
    return validate_all


def _quick_test(entity_type: type[CheckedRecord], spec: FieldSpec) -> str | None:
    """A Python condition on `v` that holds only for values `_check_value` accepts (None: always ask it)."""
    kind, name = spec.kind, spec.name
    if kind is FieldKind.TUPLE:
        limit = _text_limit(name)
        return (f"_type(v) is _tuple_t and (not v or (_only_text(_map(_type, v)) and _max(_map(_len, v)) <= {limit}"
                " and not _control(_join(v)) and _len(_set(v)) == _len(v)))")
    if kind is FieldKind.BOOL:
        return "_type(v) is _bool_t"
    if kind is FieldKind.INT:
        return "_type(v) is _int_t"
    if kind is FieldKind.FLOAT:
        return "_type(v) is _float_t and _isfinite(v)"
    if kind is FieldKind.BYTES:
        return f"_type(v) is _bytes_t and _len(v) <= {MAX_PICTURE_BYTES}"
    if kind is FieldKind.STR:
        if name in entity_type.REFS:
            return "_type(v) is _str_t and _uuid(v)"
        return f"_type(v) is _str_t and _len(v) <= {_text_limit(name)} and not _control(v)"
    return None


def validation_problem(entity: Any) -> str | None:
    """The sentence of the first rule an entity's own values break (`validate()`), or None."""
    try:
        entity.validate()
    except InvariantError as exc:
        return str(exc)
    return None
