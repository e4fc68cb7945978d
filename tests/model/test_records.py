"""Entity records as values: construction, immutability, equality, copies and the bulk builders used when loading."""

from __future__ import annotations

import copy
import pickle

import pytest

from cxstudio.model.entities import (
    ENTITY_TYPES,
    MISSING,
    Card,
    Entity,
    Project,
    Relation,
    Stage,
    entities_from_rows,
    entity_builder,
)

ID_A = "00000000-0000-4000-8000-00000000000a"
ID_B = "00000000-0000-4000-8000-00000000000b"
ID_C = "00000000-0000-4000-8000-00000000000c"


def _card(**changes: object) -> Card:
    values: dict[str, object] = {"id": ID_A, "journey_id": ID_B, "stage_id": ID_C, "lane_id": ID_C, "title": "Anruf"}
    values.update(changes)
    return Card(**values)  # type: ignore[arg-type]


def test_fields_are_declared_in_order_with_id_first_and_defaults() -> None:
    for entity_type in ENTITY_TYPES:
        assert entity_type.FIELD_NAMES[0] == "id"
        assert entity_type.field_names() == tuple(spec.name for spec in entity_type.FIELDS)
        assert "KIND" not in entity_type.FIELD_NAMES and "REFS" not in entity_type.FIELD_NAMES
    assert Card.FIELD_NAMES[:4] == ("id", "journey_id", "stage_id", "lane_id")
    required = {spec.name for spec in Card.FIELDS if spec.required}
    assert required == {"journey_id", "stage_id", "lane_id"}
    title = Card.FIELDS[Card.FIELD_INDEX["title"]]
    assert (title.type, title.default) == ("str", "")
    assert Card.FIELDS[Card.FIELD_INDEX["rating"]].type == "int | None"
    assert Card.FIELDS[0].default is MISSING and Card.FIELDS[0].default_factory is not None


def test_construction_is_by_keyword_with_defaults_and_fresh_ids() -> None:
    card = _card()
    assert (card.title, card.order, card.kind, card.tags, card.rating, card.moment_of_truth) == ("Anruf", 0, "step", (), None, False)
    first, second = Project(), Project()
    assert first.id != second.id and len(first.id) == 36
    with pytest.raises(TypeError):
        Card(journey_id=ID_B, stage_id=ID_C)  # type: ignore[call-arg]  # lane_id is required
    with pytest.raises(TypeError):
        Card(ID_A, ID_B, ID_C, ID_C)  # type: ignore[misc]  # keyword-only
    with pytest.raises(TypeError):
        _card(colour_name="red")


def test_records_are_immutable() -> None:
    card = _card()
    with pytest.raises(AttributeError):
        card.title = "Brief"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        card.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        card[6] = "Brief"  # type: ignore[index]
    assert card.title == "Anruf"


def test_equality_and_hash_need_the_same_class_and_values() -> None:
    card = _card()
    assert card == _card() and hash(card) == hash(_card())
    assert card != _card(title="Brief")
    assert (card != _card()) is False
    stage = Stage(id=ID_A, journey_id=ID_B, name="x", description="", order=0)
    relation = Relation(id=ID_A, source_id=ID_B, target_id=ID_C)
    twin = Stage(id=ID_A, journey_id=ID_B, name="x", description="", order=0)
    assert stage == twin
    assert tuple(stage) == (ID_A, ID_B, "x", "", 0)
    assert stage != (ID_A, ID_B, "x", "", 0), "a record never equals a plain tuple of the same values"
    assert relation != stage
    assert len({card, _card(), stage, twin}) == 2
    with pytest.raises(TypeError):
        _ = card < _card(title="Brief")  # records have no order
    with pytest.raises(TypeError):
        _ = card + card  # type: ignore[operator]


def test_replace_values_and_repr() -> None:
    card = _card()
    moved = card.replace(stage_id=ID_B, order=3)
    assert type(moved) is Card and (moved.stage_id, moved.order, moved.title) == (ID_B, 3, "Anruf")
    assert card.stage_id == ID_C
    with pytest.raises(TypeError, match="no field size"):
        card.replace(size=2)
    assert card.values()["title"] == "Anruf" and list(card.values()) == list(Card.FIELD_NAMES)
    assert repr(card).startswith(f"Card(id='{ID_A}', journey_id='{ID_B}'")
    assert eval(repr(card)) == card  # the repr is the constructor call


def test_copies_and_pickles_are_equal_records() -> None:
    card = _card(tags=("a", "b"))
    assert copy.copy(card) is card and copy.deepcopy(card) is card
    restored = pickle.loads(pickle.dumps(card))
    assert restored == card and type(restored) is Card


def test_a_record_is_not_accepted_as_a_tuple_of_strings() -> None:
    card = _card(tags=Relation(id=ID_A, source_id=ID_B, target_id=ID_C))  # type: ignore[arg-type]
    with pytest.raises(Exception, match="tuple of strings"):
        card.validate()
    with pytest.raises(Exception, match="tuple of strings"):
        card.validate(only=("tags",))


def test_bulk_building_from_rows_equals_keyword_construction() -> None:
    relations = [Relation(source_id=ID_B, target_id=ID_C, kind="causes", label=str(n)) for n in range(20)]
    rows = [tuple(r) for r in relations]
    assert entities_from_rows(Relation, rows) == relations
    assert all(type(r) is Relation for r in entities_from_rows(Relation, rows))
    assert entities_from_rows(Relation, []) == []
    with pytest.raises(ValueError, match="5 fields"):
        entities_from_rows(Relation, [*rows, rows[0][:-1]])
    upper = entity_builder(Relation, {"label": str.upper})
    built = entities_from_rows(Relation, rows, upper)
    assert [r.label for r in built] == [str(n).upper() for n in range(20)] and built[0].id == relations[0].id


def test_every_entity_class_is_a_slotted_record() -> None:
    for entity_type in ENTITY_TYPES:
        assert issubclass(entity_type, Entity) and entity_type.__slots__ == ()
        record = entity_type(**{spec.name: ID_B for spec in entity_type.FIELDS if spec.required})
        assert not hasattr(record, "__dict__")
    with pytest.raises(TypeError, match="__slots__"):
        type("Loose", (Entity,), {"KIND": "loose"})
