"""A field's kind is read once from its annotation (`field_kind`) and kept on its FieldSpec; entities.py only re-exports."""

from __future__ import annotations

import inspect

import pytest

from cxstudio.model import entities
from cxstudio.model.entities import ENTITY_TYPES, Card, FieldKind, Persona, field_kind


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("str", (FieldKind.STR, False)),
        ("str | None", (FieldKind.STR, True)),
        ("int", (FieldKind.INT, False)),
        ("int | None", (FieldKind.INT, True)),
        ("float | None", (FieldKind.FLOAT, True)),
        ("bool", (FieldKind.BOOL, False)),
        ("bytes | None", (FieldKind.BYTES, True)),
        ("tuple[str, ...]", (FieldKind.TUPLE, False)),
        ("dict[str, int]", (None, False)),  # no known kind: the column checks refuse it, the schema has no column type
    ],
)
def test_the_kind_of_an_annotation(annotation: str, expected: tuple[FieldKind | None, bool]) -> None:
    assert field_kind(annotation) == expected


def test_every_field_of_every_entity_has_a_known_kind_kept_on_its_spec() -> None:
    for entity_type in ENTITY_TYPES:
        for spec in entity_type.FIELDS:
            assert spec.kind is not None, (entity_type.KIND, spec.name, spec.type)
            assert (spec.kind, spec.optional) == field_kind(spec.type), (entity_type.KIND, spec.name)
    rating, tags = Card.FIELDS[Card.FIELD_INDEX["rating"]], Card.FIELDS[Card.FIELD_INDEX["tags"]]
    assert (rating.kind, rating.optional, tags.kind, tags.optional) == (FieldKind.INT, True, FieldKind.TUPLE, False)
    picture = Persona.FIELDS[Persona.FIELD_INDEX["picture"]]
    assert (picture.kind, picture.optional) == (FieldKind.BYTES, True)


def test_entities_defines_nothing_and_re_exports_from_the_owning_modules() -> None:
    owners = {"fields", "record", "checks", "kinds", "loading"}
    for name in entities.__all__:
        value = getattr(entities, name)
        module = getattr(value, "__module__", None)
        if isinstance(value, type) or inspect.isfunction(value):
            assert module is not None and module.rsplit(".", 1)[-1] in owners, (name, module)
