"""The Document's rules: refused changes, cascades, events, transactions, undo with the same ids."""

from __future__ import annotations

import pytest

from cxstudio.api import empty_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Origin, Session
from cxstudio.model import (
    Action,
    Added,
    Card,
    Changed,
    Comment,
    Department,
    Document,
    Insight,
    InvariantError,
    Journey,
    LaneKind,
    Metric,
    NotFoundError,
    OutsideTransactionError,
    Project,
    Relation,
    Removed,
    Stage,
    Touchpoint,
)
from cxstudio.model.graph import RelationGraph


@pytest.fixture()
def session() -> Session:
    return Session(empty_document("Testprojekt", "de"))


def make_journey(session: Session, name: str = "Reklamation") -> tuple[Journey, list[str], list[str]]:
    journey = ops.add_journey(
        session, name, ["Bewusstsein", "Kauf", "Nutzung"],
        [ops.LaneSpec("Schritte"), ops.LaneSpec("Touchpoints"), ops.LaneSpec("Emotionen", LaneKind.EMOTION_CURVE.value)],
    )
    doc = session.document
    return journey, [s.id for s in doc.stages(journey.id)], [ln.id for ln in doc.lanes(journey.id)]


def test_a_change_outside_a_transaction_raises(session: Session) -> None:
    journey, stages, lanes = make_journey(session)
    with pytest.raises(OutsideTransactionError):
        session.document.add(Card(journey_id=journey.id, stage_id=stages[0], lane_id=lanes[0], title="x"))
    with pytest.raises(OutsideTransactionError):
        session.document.update(journey.id, name="y")
    with pytest.raises(OutsideTransactionError):
        session.document.remove(journey.id)


@pytest.mark.parametrize("rating", [0, 11, -3, 100])
def test_a_rating_outside_one_to_ten_is_refused(session: Session, rating: int) -> None:
    _journey, stages, lanes = make_journey(session)
    before = session.document.snapshot()
    with pytest.raises(InvariantError, match="outside 1-10"):
        ops.add_card(session, stages[0], lanes[0], "Hotline", rating=rating)
    assert session.document.snapshot() == before
    card = ops.add_card(session, stages[0], lanes[0], "Hotline", rating=10)
    with pytest.raises(InvariantError, match="outside 1-10"):
        ops.edit_card(session, card.id, rating=rating)
    assert session.document.get(card.id, Card).rating == 10


def test_a_card_in_a_stage_of_another_journey_is_refused(session: Session) -> None:
    journey, stages, lanes = make_journey(session)
    _other, other_stages, other_lanes = make_journey(session, "Andere Reise")
    with session.transaction("bad"), pytest.raises(InvariantError, match="another journey"):
        session.document.add(Card(journey_id=journey.id, stage_id=other_stages[0], lane_id=lanes[0], title="x"))
    card = ops.add_card(session, stages[0], lanes[0], "x")
    with pytest.raises(InvariantError, match="another journey"):
        ops.move_cards(session, [card.id], other_stages[0], other_lanes[0])
    assert session.document.get(card.id, Card).stage_id == stages[0]


def test_a_relation_to_a_missing_element_is_refused(session: Session) -> None:
    _journey, stages, lanes = make_journey(session)
    card = ops.add_card(session, stages[0], lanes[0], "x")
    with pytest.raises(InvariantError, match="does not exist"):
        ops.link(session, card.id, "6f1c1d8e-3f5d-4a55-9d0b-3b7c7e1f0a11")
    with pytest.raises(InvariantError, match="itself"):
        ops.link(session, card.id, card.id)
    assert session.document.count(Relation) == 0


@pytest.mark.parametrize("kind", ["depends_on", "supported_by", "causes"])
def test_a_cycle_of_an_acyclic_relation_kind_is_refused(session: Session, kind: str) -> None:
    _journey, stages, lanes = make_journey(session)
    a, b, c = (ops.add_card(session, stages[i], lanes[1], f"Prozess {i}", kind="process") for i in range(3))
    ops.link(session, a.id, b.id, kind)
    ops.link(session, b.id, c.id, kind)
    with pytest.raises(InvariantError, match="cycle"):
        ops.link(session, c.id, a.id, kind)
    # other kinds may loop back (a journey can return to an earlier step)
    ops.link(session, c.id, a.id, "leads_to")
    assert session.document.check_invariants() == []


def test_changing_a_relation_kind_into_a_cycle_is_refused(session: Session) -> None:
    _journey, stages, lanes = make_journey(session)
    a = ops.add_card(session, stages[0], lanes[0], "A")
    b = ops.add_card(session, stages[1], lanes[0], "B")
    ops.link(session, a.id, b.id, "causes")
    back = ops.link(session, b.id, a.id, "leads_to")
    with pytest.raises(InvariantError, match="cycle"):
        ops.edit_element(session, back.id, kind="causes")
    assert session.document.get(back.id, Relation).kind == "leads_to"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "bad\x00title", "control characters"),
        ("title", "x" * 5000, "limit"),
        ("colour", "red", "#rrggbb"),
        ("priority", 7, "priority"),
        ("kind", "sticky", "must be one of"),
        ("moment_of_truth", "yes", "true or false"),
        ("tags", ("a", "a"), "twice"),
    ],
)
def test_bad_field_values_are_refused_with_a_sentence(session: Session, field: str, value: object, message: str) -> None:
    _journey, stages, lanes = make_journey(session)
    card = ops.add_card(session, stages[0], lanes[0], "Rückruf")
    with pytest.raises(InvariantError, match=message):
        ops.edit_element(session, card.id, **{field: value})
    assert session.document.get(card.id, Card) == card


def test_deleting_a_stage_cascades_and_undo_restores_the_same_ids(session: Session) -> None:
    doc = session.document
    journey, stages, lanes = make_journey(session)
    a = ops.add_card(session, stages[0], lanes[0], "Anruf")
    b = ops.add_card(session, stages[1], lanes[0], "Wartezeit")
    c = ops.add_card(session, stages[1], lanes[1], "Rückruf")
    rel_ab = ops.link(session, a.id, b.id)
    rel_ca = ops.link(session, c.id, a.id, "causes")
    insight = ops.add_element(session, Insight(title="Lange Wartezeit", card_ids=(a.id, b.id, c.id)))
    action = ops.add_element(session, Action(title="Rückrufgarantie", card_ids=(b.id,), insight_ids=(insight.id,)))
    comment = ops.add_element(session, Comment(target_id=b.id, text="intern", author="Max"))
    metric = ops.add_element(session, Metric(name="CSAT Phase", scope="stage", scope_id=stages[1], current=6.0))
    before = doc.snapshot()

    ops.delete_elements(session, [stages[1]])

    for gone in (stages[1], b.id, c.id, rel_ab.id, rel_ca.id, comment.id, metric.id):
        assert gone not in doc
    assert doc.get(insight.id, Insight).card_ids == (a.id,)
    assert doc.get(action.id, Action).card_ids == ()
    assert [s.order for s in doc.stages(journey.id)] == [0, 1]
    assert doc.check_invariants() == []

    session.undo()
    assert doc.snapshot() == before
    session.redo()
    assert b.id not in doc
    session.undo()
    assert doc.snapshot() == before


def test_deleting_a_catalogue_touchpoint_clears_references(session: Session) -> None:
    _journey, stages, lanes = make_journey(session)
    department = ops.add_element(session, Department(name="Kundenservice", contact_person="Erika Musterfrau"))
    touchpoint = ops.add_element(session, Touchpoint(name="Hotline", department_id=department.id))
    card = ops.add_card(session, stages[0], lanes[1], "Hotline anrufen", touchpoint_id=touchpoint.id)
    other = ops.add_card(session, stages[1], lanes[1], "Brief")
    ops.link(session, other.id, touchpoint.id, "depends_on")
    ops.delete_elements(session, [department.id])
    assert session.document.get(touchpoint.id, Touchpoint).department_id is None
    ops.delete_elements(session, [touchpoint.id])
    assert session.document.get(card.id, Card).touchpoint_id is None
    assert session.document.relations_of(other.id) == []
    session.undo()
    session.undo()
    assert session.document.get(card.id, Card).touchpoint_id == touchpoint.id
    assert session.document.get(touchpoint.id, Touchpoint).department_id == department.id


def test_every_change_emits_an_event_with_old_and_new_values(session: Session) -> None:
    events: list[object] = []
    session.document.subscribe(events.append)
    _journey, stages, lanes = make_journey(session)
    card = ops.add_card(session, stages[0], lanes[0], "Alt")
    events.clear()
    ops.edit_card(session, card.id, title="Neu", rating=3)
    assert set(events) == {
        Changed("card", card.id, "title", "Alt", "Neu"),
        Changed("card", card.id, "rating", None, 3),
    }
    events.clear()
    ops.delete_elements(session, [card.id])
    assert events == [Removed(session.document.find(card.id) or card.replace(title="Neu", rating=3))]
    events.clear()
    session.undo()
    assert isinstance(events[0], Added) and events[0].entity.id == card.id


def test_nested_transactions_commit_once_and_roll_back_on_error(session: Session) -> None:
    commits: list[tuple[str, Origin]] = []
    session.on_commit(lambda change_set, origin: commits.append((change_set.name, origin)))
    _journey, stages, lanes = make_journey(session)
    commits.clear()
    with session.transaction("Outer"):
        ops.add_card(session, stages[0], lanes[0], "eins")
        ops.add_card(session, stages[0], lanes[0], "zwei")
    assert commits == [("Outer", Origin.DO)]
    before = session.document.snapshot()
    with pytest.raises(InvariantError), session.transaction("Failing"):
        ops.add_card(session, stages[0], lanes[0], "drei")
        ops.add_card(session, stages[0], lanes[0], "vier", rating=99)
    assert session.document.snapshot() == before
    assert commits == [("Outer", Origin.DO)]
    session.undo()
    assert commits[-1] == ("Outer", Origin.UNDO)
    assert session.document.count(Card) == 0


def test_consecutive_edits_of_one_text_field_merge_into_one_undo_step(session: Session) -> None:
    _journey, stages, lanes = make_journey(session)
    card = ops.add_card(session, stages[0], lanes[0], "")
    steps = len(session.history)
    for text in ("R", "Rü", "Rüc", "Rück", "Rückruf"):
        ops.edit_card(session, card.id, title=text)
    assert len(session.history) == steps + 1
    ops.edit_card(session, card.id, text="Kunde wartet")  # another field: a new step
    assert len(session.history) == steps + 2
    session.undo()
    session.undo()
    assert session.document.get(card.id, Card).title == ""


def test_saved_state_stops_merging_and_tracks_clean(session: Session) -> None:
    _journey, stages, lanes = make_journey(session)
    card = ops.add_card(session, stages[0], lanes[0], "a")
    ops.edit_card(session, card.id, title="ab")
    session.mark_clean()
    ops.edit_card(session, card.id, title="abc")
    assert not session.is_clean
    session.undo()
    assert session.is_clean and session.document.get(card.id, Card).title == "ab"
    session.undo()
    assert not session.is_clean
    ops.edit_card(session, card.id, title="zzz")  # the saved state is now unreachable
    session.undo_all()
    session.redo_all()
    assert not session.is_clean


def test_move_cards_keeps_relative_order_and_renumbers(session: Session) -> None:
    doc = session.document
    _journey, stages, lanes = make_journey(session)
    cards = [ops.add_card(session, stages[0], lanes[0], f"Karte {i}") for i in range(4)]
    target = [ops.add_card(session, stages[1], lanes[1], f"Ziel {i}") for i in range(2)]
    ops.move_cards(session, [cards[3].id, cards[1].id], stages[1], lanes[1], 1)
    in_target = [c.title for c in doc.cards_in_cell(stages[1], lanes[1])]
    assert in_target == ["Ziel 0", "Karte 1", "Karte 3", "Ziel 1"]
    assert [c.title for c in doc.cards_in_cell(stages[0], lanes[0])] == ["Karte 0", "Karte 2"]
    assert [c.order for c in doc.cards_in_cell(stages[0], lanes[0])] == [0, 1]
    assert len(session.history) and session.undo_name == "Move 2 cards"
    session.undo()
    assert [c.title for c in doc.cards_in_cell(stages[0], lanes[0])] == [f"Karte {i}" for i in range(4)]
    assert [c.id for c in doc.cards_in_cell(stages[1], lanes[1])] == [t.id for t in target]


def test_paste_into_another_journey_gets_new_ids_and_keeps_inner_relations(session: Session) -> None:
    doc = session.document
    _journey, stages, lanes = make_journey(session)
    other, other_stages, other_lanes = make_journey(session, "Soll-Reise")
    a = ops.add_card(session, stages[0], lanes[0], "Anruf", rating=3, internal_note="nur intern")
    b = ops.add_card(session, stages[1], lanes[1], "Rückruf")
    ops.link(session, a.id, b.id, "leads_to")
    clipboard = ops.copy_cards(doc, [a.id, b.id])
    new_ids = ops.paste_cards(session, clipboard, other.id, other_stages[1], other_lanes[0])
    assert len(new_ids) == 2 and not {a.id, b.id} & set(new_ids)
    pasted = [doc.get(i, Card) for i in new_ids]
    assert [(c.stage_id, c.lane_id) for c in pasted] == [(other_stages[1], other_lanes[0]), (other_stages[2], other_lanes[1])]
    assert pasted[0].rating == 3 and pasted[0].title == "Anruf"
    assert [(r.source_id, r.target_id) for r in doc.relations_of(new_ids[0])] == [(new_ids[0], new_ids[1])]
    assert session.undo_name == "Paste 2 cards"


def test_stage_and_lane_reordering(session: Session) -> None:
    doc = session.document
    journey, stages, lanes = make_journey(session)
    ops.move_stage(session, stages[0], 2)
    assert [s.id for s in doc.stages(journey.id)] == [stages[1], stages[2], stages[0]]
    ops.move_lane(session, lanes[2], 0)
    assert [ln.id for ln in doc.lanes(journey.id)] == [lanes[2], lanes[0], lanes[1]]
    new_stage = ops.add_stage(session, journey.id, "Loyalität", 1)
    assert [s.id for s in doc.stages(journey.id)][1] == new_stage.id
    ops.edit_element(session, new_stage.id, name="Treue")
    assert doc.get(new_stage.id, Stage).name == "Treue"
    session.undo_all()
    assert doc.count(Stage) == 0


def test_lookup_errors_and_project_record(session: Session) -> None:
    doc = session.document
    with pytest.raises(NotFoundError, match="no element"):
        doc.get("6f1c1d8e-3f5d-4a55-9d0b-3b7c7e1f0a11")
    with pytest.raises(NotFoundError, match="is a project"):
        doc.get(doc.project.id, Card)
    with session.transaction("x"), pytest.raises(InvariantError, match="cannot be deleted"):
        doc.remove(doc.project.id)
    with session.transaction("y"), pytest.raises(InvariantError, match="exactly one project"):
        doc.add(Project(name="zweites"))


def test_from_entities_refuses_dangling_references() -> None:
    journey = Journey(name="J")
    stage = Stage(journey_id=journey.id, name="S")
    card = Card(journey_id=journey.id, stage_id=stage.id, lane_id="6f1c1d8e-3f5d-4a55-9d0b-3b7c7e1f0a11", title="x")
    with pytest.raises(InvariantError, match="missing"):
        Document.from_entities([Project(name="p"), journey, stage, card])


def test_graph_queries(session: Session) -> None:
    doc = session.document
    journey, stages, lanes = make_journey(session)
    second, second_stages, second_lanes = make_journey(session, "Zweite Reise")
    touchpoint = ops.add_element(session, Touchpoint(name="Hotline"))
    call = ops.add_card(session, stages[0], lanes[1], "Hotline", kind="touchpoint", touchpoint_id=touchpoint.id,
                        pain_point=True)
    ops.add_card(session, second_stages[0], second_lanes[1], "Hotline", kind="touchpoint", touchpoint_id=touchpoint.id)
    routing = ops.add_card(session, stages[0], lanes[2], "Ticket-Routing", kind="process")
    crm = ops.add_card(session, stages[1], lanes[2], "CRM-Pflege", kind="process")
    ops.link(session, call.id, routing.id, "supported_by")
    ops.link(session, routing.id, crm.id, "depends_on")
    graph = RelationGraph(doc)
    assert graph.journeys_using(touchpoint.id) == {journey.id, second.id}
    assert graph.backstage_processes(call.id) == {routing.id, crm.id}
    assert graph.path(call.id, crm.id) == [call.id, routing.id, crm.id]
    assert graph.neighbours(routing.id) == {call.id, crm.id}
    assert graph.uncovered_pain_points() == [call.id]
    ops.add_element(session, Action(title="Hotline ausbauen", card_ids=(call.id,)))
    assert graph.uncovered_pain_points() == []
    ops.link(session, crm.id, call.id, "leads_to")
    assert graph.cycles(["leads_to", "supported_by", "depends_on"]) != []
    assert graph.cycles(["depends_on"]) == []
    session.undo_all()
    assert graph.graph.number_of_edges() == RelationGraph(doc, follow=False).graph.number_of_edges()


def test_new_ids_are_canonical_random_version_4_uuids() -> None:
    import uuid

    from cxstudio.model.record import new_id

    ids = [new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122
