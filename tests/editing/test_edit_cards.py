"""Setting a field on several cards at once: one undo step, only cards, moves refused."""

from __future__ import annotations

import pytest

from cxstudio.content.templates import build_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.model.errors import InvariantError


def test_several_cards_get_a_rating_in_one_undo_step() -> None:
    document = build_document("complaint-example", "de")
    session = Session(document)
    journey = document.journeys()[0]
    cards = sorted(document.cards(journey.id), key=lambda c: c.id)[:4]
    before = {c.id: c for c in cards}
    stage = document.stages(journey.id)[0]
    changed = ops.edit_cards(session, [c.id for c in cards] + [stage.id, cards[0].id], rating=7, moment_of_truth=True)
    assert [c.id for c in changed] == [c.id for c in cards], "the stage and the repeated id are left out"
    assert all(document.get(c.id).rating == 7 and document.get(c.id).moment_of_truth for c in cards)
    assert session.undo_name == "Edit 4 cards: moment of truth, rating"
    session.undo()
    assert {c.id: document.get(c.id) for c in cards} == before
    with pytest.raises(InvariantError, match="outside 1-10"):
        ops.edit_cards(session, [c.id for c in cards], rating=11)
    assert {c.id: document.get(c.id) for c in cards} == before, "a refused value changes no card"
    with pytest.raises(InvariantError, match="move_cards"):
        ops.edit_cards(session, [cards[0].id], stage_id=stage.id)
