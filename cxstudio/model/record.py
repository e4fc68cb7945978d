"""The record framework: `Entity`, an immutable tuple declared like a frozen dataclass, with generated constructor and accessors.

A subclass declares annotated fields with defaults; `Entity.__init_subclass__` keeps them in
`FIELDS` / `FIELD_NAMES` / `FIELD_INDEX` (see `fields.py`), sets C-level read-only accessors
(namedtuple's) and generates a keyword-only `__new__`. Checking the values is `checks.py`'s part
(`validate()` comes from `CheckedRecord`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import StrEnum
from operator import itemgetter
from typing import Any, ClassVar, cast, dataclass_transform

try:  # namedtuple's C-level field accessor
    from collections import _tuplegetter  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _tuplegetter = None

from cxstudio.method_cache import run_generated
from cxstudio.model.checks import _CONTROL_CHARS, CheckedRecord, _brief_repr
from cxstudio.model.fields import MISSING, FieldSpec, Ref, field, field_spec

# A global bound method: a method call on a name imported with `from ... import` compiles to a
# slower attribute load (Python 3.11), and `label` words every problem sentence.
_replace_control_chars = _CONTROL_CHARS.sub


def new_id() -> str:
    """A fresh random UUID (version 4) in its canonical text form: str(uuid.uuid4()), without importing uuid."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _field_getter(index: int, doc: str) -> Any:
    """A read-only attribute for one position of the record (C-level, as namedtuple's)."""
    if _tuplegetter is not None:
        return _tuplegetter(index, doc)
    return property(itemgetter(index), doc=doc)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Entity(tuple, CheckedRecord):  # type: ignore[type-arg]
    """Base of every record: a stable UUID; subclasses declare their kind, fields and references.

    A record is an immutable tuple of its field values in declaration order (`id` first), made
    with keyword arguments like a frozen dataclass (`Card(journey_id=..., title="...")`). Its
    fields are read-only attributes; two records are equal when they are of the same class with
    equal values. Being a tuple lets a stored row become a record in one C-level step when a
    project is loaded (`entity_builder`).
    """

    __slots__ = ()

    KIND: ClassVar[str] = ""
    REFS: ClassVar[dict[str, Ref]] = {}
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {}
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ()
    # What never reaches a client (client copies, the client report): fields whose values are internal,
    # and a boolean field that, when true, makes the whole record internal (e.g. `Comment.internal`).
    INTERNAL_FIELDS: ClassVar[frozenset[str]] = frozenset()
    INTERNAL_FLAG: ClassVar[str | None] = None
    FIELDS: ClassVar[tuple[FieldSpec, ...]] = ()
    FIELD_NAMES: ClassVar[tuple[str, ...]] = ()
    FIELD_INDEX: ClassVar[dict[str, int]] = {}

    id: str = field(default_factory=new_id)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare __slots__ = () (records are tuples).")
        specs = _declared_fields(cls)
        cls.FIELDS = specs
        cls.FIELD_NAMES = tuple(spec.name for spec in specs)
        cls.FIELD_INDEX = {spec.name: index for index, spec in enumerate(specs)}
        for index, spec in enumerate(specs):
            setattr(cls, spec.name, _field_getter(index, f"{cls.__name__}.{spec.name} ({spec.type})"))
        cls.__new__ = _generated_new(cls, specs)  # type: ignore[method-assign]

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and tuple.__eq__(self, other)  # type: ignore[arg-type]

    def __ne__(self, other: object) -> bool:
        return not (type(self) is type(other) and tuple.__eq__(self, other))  # type: ignore[arg-type]

    def __hash__(self) -> int:
        return hash((self.KIND, tuple.__hash__(self)))

    def __lt__(self, other: object) -> bool:
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__  # records have no order; sort them by a key

    def __add__(self, other: object) -> Any:
        return NotImplemented

    __mul__ = __rmul__ = __add__

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={_brief_repr(value)}" for name, value in zip(self.FIELD_NAMES, self))
        return f"{type(self).__name__}({values})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), tuple(self)))

    def __copy__(self) -> Entity:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Entity:
        return self

    # ------------------------------------------------------------------ fields
    def replace(self, **changes: Any) -> Entity:
        """A copy with some fields changed (like dataclasses.replace, without checks: the Document checks)."""
        cls = type(self)
        index = cls.FIELD_INDEX
        values = list(self)
        for name, value in changes.items():
            position = index.get(name)
            if position is None:
                raise TypeError(f"A {cls.KIND} has no field {', '.join(sorted(changes.keys() - index.keys()))}.")
            values[position] = value
        return _tuple_new(cls, values)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return cls.FIELD_NAMES

    def values(self) -> dict[str, Any]:
        return dict(zip(self.FIELD_NAMES, self))

    @property
    def is_internal(self) -> bool:
        """Whether the whole record is internal (its `INTERNAL_FLAG` field is true): it never reaches a client."""
        flag = self.INTERNAL_FLAG
        return flag is not None and bool(getattr(self, flag))

    @property
    def label(self) -> str:
        for name in ("title", "name"):
            value = getattr(self, name, None)
            if value:
                return _replace_control_chars("\ufffd", str(value))
        return self.id


_tuple_new = tuple.__new__


def _rebuild(cls: type[Entity], values: tuple[Any, ...]) -> Entity:
    """A record from its class and values (unpickling)."""
    return _tuple_new(cls, values)


def _declared_fields(cls: type) -> tuple[FieldSpec, ...]:
    """The fields of a record class: its bases' first, then its own annotations (ClassVars excluded)."""
    specs: dict[str, FieldSpec] = {}
    for klass in reversed(cls.__mro__):
        if klass is tuple or klass is object or not issubclass(klass, tuple):
            continue
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():
            text = str(annotation)
            if text.startswith(("ClassVar", "typing.ClassVar")):
                continue
            declared = klass.__dict__.get(name, MISSING)
            if isinstance(declared, FieldSpec):  # field(...) or a field of an already set-up base
                if declared.name:
                    spec = declared
                else:
                    spec = field_spec(name, text, declared.default, declared.default_factory)
            elif klass is not cls and name in specs:
                spec = specs[name]
            else:
                spec = field_spec(name, text, declared)
            specs[name] = spec
    for name, spec in list(specs.items()):
        specs[name] = spec._replace(name=name)
    return tuple(specs.values())


def _generated_new(cls: type[Entity], specs: tuple[FieldSpec, ...]) -> Callable[..., Entity]:
    """`cls(**fields)`: keyword-only, defaults applied, one C-level tuple construction."""
    namespace: dict[str, Any] = {"_tuple_new": _tuple_new, "MISSING": MISSING}
    parameters: list[str] = []
    values: list[str] = []
    for spec in specs:
        if spec.default_factory is not None:
            namespace[f"_factory_{spec.name}"] = spec.default_factory
            parameters.append(f"{spec.name}=MISSING")
            values.append(f"_factory_{spec.name}() if {spec.name} is MISSING else {spec.name}")
        elif spec.default is MISSING:
            parameters.append(spec.name)
            values.append(spec.name)
        else:
            namespace[f"_default_{spec.name}"] = spec.default
            parameters.append(f"{spec.name}=_default_{spec.name}")
            values.append(spec.name)
    source = (
        f"def __new__(cls, *, {', '.join(parameters)}):\n"
        f"    return _tuple_new(cls, ({', '.join(f'({v})' for v in values)},))"
    )
    run_generated(source, namespace)  # generated from the class's own field names only (exec, compiled once)
    new = namespace["__new__"]
    new.__qualname__ = f"{cls.__name__}.__new__"
    new.__doc__ = f"A {cls.KIND or cls.__name__} from its field values (keyword arguments)."
    return cast(Callable[..., Entity], new)
