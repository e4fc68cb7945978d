"""How a record declares its fields: `FieldSpec`, `field()`, `MISSING`, the value kind read once from an annotation, `Ref`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple


class FieldKind(StrEnum):
    """The kind of value a field holds, named after the head of its annotation (`int | None` -> INT)."""

    TUPLE = "tuple"  # tuple[str, ...]: texts or ids
    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    BYTES = "bytes"
    STR = "str"  # text, or a UUID where the field is a reference


def field_kind(annotation: str) -> tuple[FieldKind | None, bool]:
    """(kind, optional) of a field from its annotation text; kind None for an annotation of no known kind.

    The one reader of annotation texts: it runs once per field when a record class is made, and the
    record checks, the generated validators, the column checks and the file schema all take the
    field's kind from `FieldSpec.kind` / `FieldSpec.optional`.
    """
    optional = "None" in annotation
    for kind in FieldKind:  # in declaration order: "tuple[str, ...]" is a TUPLE, not a STR
        if annotation.startswith(kind.value):
            return kind, optional
    return None, optional


class _Missing:
    """The marker of a field without a default."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FieldSpec(NamedTuple):
    """One field of a record class: name, annotation text, default (MISSING: required), and its kind read once."""

    name: str
    type: str
    default: Any
    default_factory: Callable[[], Any] | None = None
    kind: FieldKind | None = None  # from `field_kind(type)`; None for an annotation of no known kind
    optional: bool = False  # None is an allowed value ("None" in the annotation)

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.default_factory is None


def field_spec(name: str, annotation: str, default: Any, default_factory: Callable[[], Any] | None = None) -> FieldSpec:
    """The FieldSpec of a declared field, its kind and optionality taken from the annotation text."""
    kind, optional = field_kind(annotation)
    return FieldSpec(name, annotation, default, default_factory, kind, optional)


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | None = None) -> Any:
    """A field's default given as a factory (for values made fresh per record, like ids)."""
    return FieldSpec("", "", default, default_factory)


class OnDelete(StrEnum):
    """What happens to a referring entity when the entity it refers to is deleted."""

    CASCADE = "cascade"  # the referrer is deleted too
    NULLIFY = "nullify"  # the reference becomes None
    DETACH = "detach"  # the id is removed from a tuple of ids


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference field: which entity kinds it may point at and what a delete does to it."""

    targets: tuple[str, ...]
    on_delete: OnDelete
    many: bool = False
