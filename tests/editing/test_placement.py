"""Where new cards go and how a swimlane drop moves cards: rules of `cxstudio.editing`, tested without Qt."""

from __future__ import annotations

import pytest

from cxstudio.content.templates import build_document
from cxstudio.editing import operations as ops
from cxstudio.editing import placement
from cxstudio.editing.session import Session
from cxstudio.layout import is_touchpoint_card
from cxstudio.model.entities import Card, CardKind, Channel, Department, LaneKind


@pytest.fixture
def session() -> Session:
    document = build_document("journey-map", "en")
    return Session(document)


def _journey(session: Session) -> str:
    return session.document.journeys()[0].id


def test_the_first_card_lane_skips_emotion_curves(session: Session) -> None:
    doc = session.document
    journey_id = _journey(session)
    lanes = doc.lanes(journey_id)
    curve = next(lane for lane in lanes if lane.kind == LaneKind.EMOTION_CURVE.value)
    ops.move_lane(session, curve.id, 0)
    assert placement.first_card_lane_id(doc, journey_id) == lanes[0].id


def test_the_home_lane_is_the_one_with_most_touchpoint_cards(session: Session) -> None:
    doc = session.document
    journey_id = _journey(session)
    stage = doc.stages(journey_id)[0]
    lanes = [lane for lane in doc.lanes(journey_id) if lane.kind == LaneKind.CARDS.value]
    # no touchpoint cards yet: the upper plain cards lane
    assert placement.home_lane_id(doc, journey_id, is_touchpoint_card) == lanes[0].id
    for title in ("Hotline", "Chat"):
        ops.add_card(session, stage.id, lanes[2].id, title, kind=CardKind.TOUCHPOINT.value)
    ops.add_card(session, stage.id, lanes[1].id, "Thought", kind=CardKind.THOUGHT.value)
    assert placement.home_lane_id(doc, journey_id, is_touchpoint_card) == lanes[2].id
    assert placement.home_lane_id(doc, journey_id, lambda card: card.kind == CardKind.THOUGHT.value) == lanes[1].id


def test_a_card_made_in_the_map_goes_where_it_was_made(session: Session) -> None:
    doc = session.document
    journey_id = _journey(session)
    stage, lane = doc.stages(journey_id)[1], doc.lanes(journey_id)[3]
    place = placement.new_card_place(doc, journey_id, stage.id, lane.id, CardKind.STEP.value, 2, True,
                                     is_touchpoint_card)
    assert place == placement.NewCardPlace(stage.id, lane.id, 2, CardKind.STEP.value, {})


def test_a_card_made_in_a_swimlane_gets_the_lanes_channel_or_department(session: Session) -> None:
    doc = session.document
    journey_id = _journey(session)
    stage = doc.stages(journey_id)[2]
    phone = next(c for c in doc.all(Channel))
    home = placement.home_lane_id(doc, journey_id, is_touchpoint_card)
    place = placement.new_card_place(doc, journey_id, stage.id, f"channel:{phone.id}", CardKind.STEP.value, 4, False,
                                     is_touchpoint_card)
    assert place == placement.NewCardPlace(stage.id, home, None, CardKind.TOUCHPOINT.value, {"channel_id": phone.id})
    thought = placement.new_card_place(doc, journey_id, stage.id, "channel:none", CardKind.THOUGHT.value, None, False,
                                       is_touchpoint_card)
    assert thought is not None and thought.kind == CardKind.THOUGHT.value and thought.fields == {}
    # a card without a department in the "no department" lane must be a touchpoint to be shown there
    no_department = placement.new_card_place(doc, journey_id, stage.id, "department:none", CardKind.NOTE.value, None,
                                             False, is_touchpoint_card)
    assert no_department is not None and no_department.kind == CardKind.TOUCHPOINT.value
    ops.add_element(session, Department(name="Service"))
    service = doc.all(Department)[-1]
    kept = placement.new_card_place(doc, journey_id, stage.id, f"department:{service.id}", CardKind.NOTE.value, None,
                                    False, is_touchpoint_card)
    assert kept is not None and kept.kind == CardKind.NOTE.value and kept.fields == {"department_id": service.id}


def test_a_swimlane_needs_a_lane_that_takes_cards(session: Session) -> None:
    doc = session.document
    journey_id = _journey(session)
    stage = doc.stages(journey_id)[0]
    ops.delete_elements(session, [lane.id for lane in doc.lanes(journey_id) if lane.kind != "emotion_curve"])
    assert placement.new_card_place(doc, journey_id, stage.id, "channel:none", "step", None, False,
                                    is_touchpoint_card) is None
    assert placement.paste_cell(doc, journey_id, stage.id, "channel:none", False, is_touchpoint_card) is None


def test_pasting_into_a_swimlane_goes_to_the_home_lane(session: Session) -> None:
    doc = session.document
    journey_id = _journey(session)
    stage = doc.stages(journey_id)[1]
    home = placement.home_lane_id(doc, journey_id, is_touchpoint_card)
    assert placement.paste_cell(doc, journey_id, stage.id, "channel:none", False, is_touchpoint_card) == (stage.id, home)
    lane = doc.lanes(journey_id)[4]
    assert placement.paste_cell(doc, journey_id, stage.id, lane.id, True, is_touchpoint_card) == (stage.id, lane.id)


def test_a_swimlane_drop_changes_only_the_stage_in_one_undo_step(session: Session) -> None:
    doc = session.document
    journey_id = _journey(session)
    first, second, third = doc.stages(journey_id)[:3]
    upper, lower = doc.lanes(journey_id)[0], doc.lanes(journey_id)[1]
    already = ops.add_card(session, third.id, upper.id, "Already there")
    a = ops.add_card(session, first.id, upper.id, "A", kind="touchpoint")
    b = ops.add_card(session, second.id, lower.id, "B", kind="touchpoint")
    c = ops.add_card(session, third.id, lower.id, "C", kind="touchpoint")
    steps = session.index
    ops.move_cards_to_stage(session, [b.id, a.id, c.id], third.id)
    assert session.index == steps + 1 and session.undo_name == "Move 2 cards"
    assert [card.title for card in doc.cards_in_cell(third.id, upper.id)] == ["Already there", "A"]
    assert [card.title for card in doc.cards_in_cell(third.id, lower.id)] == ["C", "B"]
    assert doc.get(already.id, Card).order == 0
    session.undo()
    assert (doc.get(a.id, Card).stage_id, doc.get(b.id, Card).stage_id) == (first.id, second.id)
    ops.move_cards_to_stage(session, [c.id], third.id)
    assert session.index == steps, "a card already in the stage is not moved: no undo step"
