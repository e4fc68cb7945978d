"""Checking a loaded document column by column: it passes exactly when record-by-record checking finds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from persistence_samples import rich_document

from cxstudio.content.templates import build_document
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    ENTITY_BY_KIND,
    ENTITY_TYPES,
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    Entity,
    all_canonical_uuids,
    records_sound,
)

DOCUMENT = rich_document()
UUID = "0f8fad5b-d9cb-469f-a165-70867728950e"

# Values that break some rule of some field (or of none): wrong types, malformed ids, ids of the wrong
# kind, control characters, over-long texts, unknown enum values, empty names, repeated tuple entries.
ODD_VALUES: list[Any] = [
    None, "", " ", "x", "\x07", "a\x00b", "Zeile\nzwei\tTab", "x" * (MAX_NAME_LENGTH + 1), "x" * (MAX_TEXT_LENGTH + 1),
    UUID, UUID.upper(), UUID[:-1], UUID + "0", UUID.replace("-", "_"), "0f8fad5bd9cb469fa16570867728950e",
    "0f8fad5b-d9cb-469f-a165-70867728950ü", -1, 0, 1, 3, 4, 10, 11, True, False, 1.5, float("nan"), float("inf"),
    b"bytes", (), ("a",), ("a", "a"), ("a", 1), (UUID,), (UUID, UUID), ["a"], "#12ab9F", "#12ab9", "12ab9f0",
    "step", "online", "leads_to", "causes", "journey", "project", "2026-01-31", "2026-1-31", "2026-01-31T10:00Z",
]


def _sample_ids() -> list[str]:
    """Ids of one entity of every kind (to point references at the wrong kind or at a stranger)."""
    return [next(iter(DOCUMENT._by_kind[kind])) for kind in ENTITY_BY_KIND if DOCUMENT._by_kind[kind]]


def _corrupted(entity_type: type[Entity], position: int, field_index: int, value: Any) -> list[Entity]:
    records = list(DOCUMENT._by_kind[entity_type.KIND].values())
    position %= len(records)
    values = list(records[position])
    values[field_index] = value
    records[position] = tuple.__new__(entity_type, values)  # what a loaded file may hold: no checks
    return records


def test_the_rich_document_is_sound_column_by_column_for_every_kind() -> None:
    for entity_type in ENTITY_TYPES:
        records = list(DOCUMENT._by_kind[entity_type.KIND].values())
        assert records, entity_type.KIND
        assert records_sound(entity_type, records), entity_type.KIND
        assert DOCUMENT._kind_sound(entity_type, records), entity_type.KIND
    assert DOCUMENT.check_invariants() == []


@given(
    kind=st.sampled_from([t.KIND for t in ENTITY_TYPES]),
    position=st.integers(min_value=0, max_value=50),
    field=st.integers(min_value=0, max_value=40),
    value=st.one_of(st.sampled_from(ODD_VALUES), st.sampled_from(_sample_ids()),
                    st.tuples(st.sampled_from(_sample_ids())), st.text(max_size=5)),
)
def test_column_checks_pass_only_when_no_record_has_a_problem(kind: str, position: int, field: int, value: Any) -> None:
    entity_type = ENTITY_BY_KIND[kind]
    records = _corrupted(entity_type, position, field % len(entity_type.FIELDS), value)
    problems = DOCUMENT._record_problems(records)
    if problems:
        assert not DOCUMENT._kind_sound(entity_type, records), problems
    if not DOCUMENT._kind_sound(entity_type, records) and not problems:
        # Allowed (the column check may be cautious), but only where a record-level rule is close:
        # the corrupted value must differ from the original.
        assert records != list(DOCUMENT._by_kind[kind].values())


@pytest.mark.parametrize(
    ("kind", "field", "value", "sentence"),
    [
        ("card", "rating", 11, "outside 1-10"),
        ("card", "rating", 0, "outside 1-10"),
        ("card", "priority", 4, "priority must be 0-3"),
        ("card", "order", -1, "order must not be negative"),
        ("card", "colour", "#12ab9", "is not of the form #rrggbb"),
        ("card", "tags", ("a", "a"), "lists an entry twice"),
        ("card", "title", "a\x07", "control characters"),
        ("card", "kind", "Schritt", "kind must be one of"),
        ("card", "stage_id", UUID, "points to missing"),
        ("relation", "target_id", "same", "cannot connect an element with itself"),
        ("relation", "target_id", "journey", "points to a journey"),
        ("stage", "name", "x" * (MAX_NAME_LENGTH + 1), "characters long"),
        ("action", "card_ids", (UUID,), "points to missing"),
        ("metric", "current", float("nan"), "finite number"),
        ("persona", "age", 200, "is not between 0 and 130"),
        ("comment", "created", "gestern", "is not a date"),
        ("project", "language", "fr", "must be 'de' or 'en'"),
    ],
)
def test_each_rule_is_caught_by_the_column_checks_and_worded_by_the_record_checks(
    kind: str, field: str, value: Any, sentence: str
) -> None:
    entity_type = ENTITY_BY_KIND[kind]
    records = list(DOCUMENT._by_kind[kind].values())
    original = records[0]
    if value == "same":
        value = original.source_id  # type: ignore[attr-defined]
    elif value == "journey":
        value = next(iter(DOCUMENT._by_kind["journey"]))
    records = _corrupted(entity_type, 0, entity_type.FIELD_INDEX[field], value)
    assert not DOCUMENT._kind_sound(entity_type, records)
    problems = DOCUMENT._record_problems(records)
    assert any(sentence in problem for problem in problems), problems


EXAMPLE = build_document("complaint-example", "de")  # three journeys, 136 cards


def test_a_card_in_another_journeys_stage_or_lane_is_caught() -> None:
    cards = list(EXAMPLE._by_kind["card"].values())
    assert EXAMPLE._kind_sound(ENTITY_BY_KIND["card"], cards)
    card = cards[0]
    for part in ("stage", "lane"):
        foreign = next(p for p in EXAMPLE._by_kind[part].values() if p.journey_id != card.journey_id)  # type: ignore[attr-defined]
        records = [card.replace(**{f"{part}_id": foreign.id}), *cards[1:]]
        assert not EXAMPLE._kind_sound(ENTITY_BY_KIND["card"], records), part
        assert any(f"sits in a {part} of another journey" in p for p in EXAMPLE._record_problems(records))


@pytest.mark.parametrize("kind", ["causes", "depends_on", "supported_by"])
def test_a_cycle_is_found_in_each_acyclic_kind(kind: str) -> None:
    document = Document.from_entities(EXAMPLE.entities(), check=False)
    cards = [c.id for c in document._by_kind["card"].values()][:3]
    assert document._cycles() == {}
    relations = [
        tuple.__new__(ENTITY_BY_KIND["relation"], (f"00000000-0000-4000-8000-00000000000{n}", a, b, kind, ""))
        for n, (a, b) in enumerate([(cards[0], cards[1]), (cards[1], cards[2]), (cards[2], cards[0])])
    ]
    looped = Document.from_entities([*EXAMPLE.entities(), *relations], check=False)
    cycles = looped._cycles()
    assert list(cycles) == [kind]
    assert set(cards) <= set(cycles[kind]) and cycles[kind][-1] in cards
    assert any(f"{kind} relations form a cycle" in p for p in looped.check_invariants())
    chain = Document.from_entities([*EXAMPLE.entities(), *relations[:2]], check=False)
    assert chain._cycles() == {}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([UUID, "00000000-0000-4000-8000-000000000000"], True),
        ([], True),
        ([UUID.upper()], False),
        ([UUID[:8] + "x" + UUID[9:]], False),
        ([UUID[:-2] + "-a"], False),
        ([UUID[:14] + "-" + UUID[15:]], False),
        (["0f8fad5b-d9cb-469f-a165-70867728950ü"], False),
        ([UUID, UUID + "0"], False),
    ],
)
def test_canonical_uuid_columns(values: list[str], expected: bool) -> None:
    assert all_canonical_uuids(values) is expected


@pytest.mark.parametrize("value", [-1, ["a"], {"a": 1}, 2.5, b"x", (1, 2), ("x", ["y"])])
def test_wrong_types_in_reference_fields_are_reported_not_crashed_on(value: Any) -> None:
    for kind, field in (("insight", "card_ids"), ("card", "stage_id"), ("relation", "source_id"), ("comment", "target_id")):
        entity_type = ENTITY_BY_KIND[kind]
        records = _corrupted(entity_type, 0, entity_type.FIELD_INDEX[field], value)
        assert not DOCUMENT._kind_sound(entity_type, records), (kind, field)
        assert DOCUMENT._record_problems(records), (kind, field)
