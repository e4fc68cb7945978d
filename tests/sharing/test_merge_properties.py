"""Merge and compare as pure functions: random edit sequences on two sides from one base (Hypothesis)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "persistence"))

from persistence_samples import apply_random_edits

from cxstudio.api import empty_document
from cxstudio.editing import comments
from cxstudio.editing import operations as ops
from cxstudio.editing.compare import compare
from cxstudio.editing.merge import MergeRefusedError, merge_into, plan_merge
from cxstudio.editing.session import Session
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Entity, LaneKind

TEXTS = ["Anruf", "Rückruf äöü", "Hotline", "E-Mail", "Filiale", "Brief €"]


def base_document(seed: int, random_edits: int = 8) -> Document:
    document = empty_document("Basis", "de")
    session = Session(document)
    journey = ops.add_journey(session, "Reise", ["A", "B", "C"],
                              [ops.LaneSpec("Schritte"), ops.LaneSpec("Kurve", LaneKind.EMOTION_CURVE.value)])
    stage, lane = document.stages(journey.id)[0], document.lanes(journey.id)[0]
    for index in range(6):
        ops.add_card(session, stage.id, lane.id, f"Karte {index}")
    apply_random_edits(session, random.Random(seed), random_edits, TEXTS)
    session.detach()
    return document


def edited(base: Document, seed: int, count: int) -> Document:
    copy = Document.from_entities(base.entities())
    session = Session(copy)
    apply_random_edits(session, random.Random(seed), count, TEXTS)
    session.detach()
    return copy


def plain_values(entity: Entity) -> dict[str, object]:
    """The fields that are not references or positions (those follow the other side's deletions and inserts)."""
    return {name: value for name, value in entity.values().items() if name not in entity.REFS and name != "order"}


SEEDS = st.integers(min_value=0, max_value=10_000)


@settings(max_examples=40, deadline=None)
@given(SEEDS, SEEDS, st.integers(min_value=0, max_value=25))
def test_merging_one_sides_changes_gives_that_side(base_seed: int, seed: int, count: int) -> None:
    base = base_document(base_seed)
    x = edited(base, seed, count)
    assert plan_merge(base, x, base).entities == x.snapshot()  # merge(base, x, base) == x
    assert plan_merge(base, base, x).entities == x.snapshot()  # merge(base, base, y) == y
    assert not compare(x, x) and bool(compare(base, x)) == (base.snapshot() != x.snapshot())


@settings(max_examples=40, deadline=None)
@given(SEEDS, SEEDS, SEEDS, st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=20))
def test_a_merge_of_random_edits_on_both_sides_passes_every_check(base_seed: int, seed_x: int, seed_y: int,
                                                                   count_x: int, count_y: int) -> None:
    base = base_document(base_seed)
    x, y = edited(base, seed_x, count_x), edited(base, seed_y, count_y)
    for prefer in ("ours", "theirs"):
        plan = plan_merge(base, x, y, prefer=prefer)
        assert plan.ok and not plan.conflicts
        try:
            document = plan.document()
        except MergeRefusedError:
            continue  # refused with the model's reason (e.g. a cycle made of one relation from each side)
        assert document.check_invariants() == []
        merged = plan.entities or {}
        base_map, x_map, y_map = base.snapshot(), x.snapshot(), y.snapshot()
        for entity_id in merged.keys() & x_map.keys():  # what only one side changed arrives as that side made it
            if y_map.get(entity_id) == base_map.get(entity_id) and not plan.decided:
                assert plain_values(merged[entity_id]) == plain_values(x_map[entity_id])
        # applied to an open document as one undo step, the result is the same content
        target = Document.from_entities(x.entities())
        session = Session(target)
        merge_into(session, plan, "theirs.cxstudio")
        assert target.snapshot() == merged and len(session.history) <= 1
        assert target.check_invariants() == []
        session.undo()
        assert target.snapshot() == x_map


@settings(max_examples=25, deadline=None)
@given(SEEDS, st.data())
def test_disjoint_changes_of_both_sides_are_both_in_the_merge(base_seed: int, data: st.DataObject) -> None:
    base = base_document(base_seed, random_edits=0)
    cards = sorted((c for c in base.all(Card)), key=lambda c: c.id)
    half = len(cards) // 2
    x, y = Document.from_entities(base.entities()), Document.from_entities(base.entities())
    sx, sy = Session(x), Session(y)
    titles = data.draw(st.lists(st.text(alphabet="abcäöü ", min_size=1, max_size=8), min_size=len(cards),
                                max_size=len(cards)))
    for card, title in zip(cards[:half], titles):
        ops.edit_card(sx, card.id, title=f"x {title}", rating=3)
    for card, title in zip(cards[half:], titles[half:]):
        ops.edit_card(sy, card.id, title=f"y {title}")
    added_x = ops.add_card(sx, cards[0].stage_id, cards[0].lane_id, "neu von uns")
    added_y = ops.add_card(sy, cards[0].stage_id, cards[0].lane_id, "neu von ihnen")
    note = comments.add_comment(sy, cards[-1].id, "Bitte prüfen", author="Kundin")
    plan = plan_merge(base, x, y)
    assert plan.ok, plan.conflicts
    merged = plan.document()
    for card in cards[:half]:
        assert merged.get(card.id).title == x.get(card.id).title
    for card in cards[half:]:
        assert merged.get(card.id).title == y.get(card.id).title
    assert {added_x.id, added_y.id, note.id} <= set(merged.snapshot())
    cell = merged.cards_in_cell(cards[0].stage_id, cards[0].lane_id)
    assert sorted(c.order for c in cell) == list(range(len(cell)))  # both inserted at the end: renumbered
    assert merged.check_invariants() == []
