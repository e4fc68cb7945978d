"""Hypothesis state machine: random editing operations, undo and redo keep the document consistent."""

from __future__ import annotations

import random
import uuid

import networkx as nx
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cxstudio.api import empty_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.model import (
    Action,
    Card,
    CardKind,
    Channel,
    Department,
    Entity,
    Insight,
    InvariantError,
    Journey,
    Lane,
    LaneKind,
    Metric,
    Persona,
    Relation,
    RelationKind,
    Stage,
    Touchpoint,
)
from cxstudio.model.graph import RelationGraph

TITLES = st.text(alphabet="abcÄÖÜäöüß€ -xyz\n", min_size=0, max_size=12)


def graph_signature(graph: nx.MultiDiGraph) -> tuple[frozenset, frozenset]:
    nodes = frozenset((n, tuple(sorted(a.items()))) for n, a in graph.nodes(data=True))
    edges = frozenset((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True))
    return nodes, edges


class EditingMachine(RuleBasedStateMachine):
    """Drives a Session with random user operations; refused ones must leave no trace."""

    def __init__(self) -> None:
        super().__init__()
        # Ids from a seeded source, so that a replayed example makes the same ids, sorts them the same way
        # (cascades, visual order) and so draws the same data; random UUIDs made replays differ.
        self._real_uuid4 = uuid.uuid4
        ids = random.Random(20261123)
        uuid.uuid4 = lambda: uuid.UUID(int=ids.getrandbits(128), version=4)
        self.document = empty_document("Zustandsautomat", "de")
        self.session = Session(self.document)
        ops.add_journey(
            self.session, "Reise", ["Phase 1", "Phase 2"], [ops.LaneSpec("Schritte"), ops.LaneSpec("Kurve", LaneKind.EMOTION_CURVE)]
        )
        self.session.clear_history()
        self.graph = RelationGraph(self.document)
        self.start = self.document.snapshot()
        self.clipboard = ops.Clipboard()

    # ------------------------------------------------------------------ helpers
    def ids(self, kind: type[Entity]) -> list[str]:
        """Ids in the document's insertion order: deterministic, unlike sorting random UUIDs."""
        return [e.id for e in self.document.entities() if type(e) is kind]

    def refused(self, action, *args, **kwargs) -> None:
        """Run an operation that may be refused; a refusal must change nothing at all."""
        before = self.document.snapshot()
        history = list(self.session.history)
        try:
            action(self.session, *args, **kwargs)
        except InvariantError:
            assert self.document.snapshot() == before
            assert self.session.history == history

    # ------------------------------------------------------------------ structure
    @rule(name=TITLES)
    def add_journey(self, name: str) -> None:
        self.refused(ops.add_journey, name or "J", ["A", "B"], [ops.LaneSpec("L")])

    @precondition(lambda self: self.document.count(Journey) > 0)
    @rule(data=st.data(), name=TITLES)
    def add_stage(self, data: st.DataObject, name: str) -> None:
        journey = data.draw(st.sampled_from(self.ids(Journey)))
        self.refused(ops.add_stage, journey, name, data.draw(st.integers(-1, 5)))

    @precondition(lambda self: self.document.count(Journey) > 0)
    @rule(data=st.data(), kind=st.sampled_from(list(LaneKind)))
    def add_lane(self, data: st.DataObject, kind: LaneKind) -> None:
        journey = data.draw(st.sampled_from(self.ids(Journey)))
        self.refused(ops.add_lane, journey, "Bahn", kind.value, data.draw(st.integers(0, 5)))

    @precondition(lambda self: self.document.count(Stage) > 0)
    @rule(data=st.data())
    def move_stage(self, data: st.DataObject) -> None:
        ops.move_stage(self.session, data.draw(st.sampled_from(self.ids(Stage))), data.draw(st.integers(0, 6)))

    @precondition(lambda self: self.document.count(Lane) > 0)
    @rule(data=st.data())
    def move_lane(self, data: st.DataObject) -> None:
        ops.move_lane(self.session, data.draw(st.sampled_from(self.ids(Lane))), data.draw(st.integers(0, 6)))

    # ------------------------------------------------------------------ cards
    def cells(self) -> list[tuple[str, str]]:
        return [
            (s.id, ln.id) for j in self.document.journeys() for s in self.document.stages(j.id)
            for ln in self.document.lanes(j.id)
        ]

    @precondition(lambda self: self.document.count(Stage) > 0 and self.document.count(Lane) > 0)
    @rule(data=st.data(), title=TITLES, rating=st.none() | st.integers(-1, 12), kind=st.sampled_from(list(CardKind)))
    def add_card(self, data: st.DataObject, title: str, rating: int | None, kind: CardKind) -> None:
        cells = self.cells()
        if not cells:
            return
        stage_id, lane_id = data.draw(st.sampled_from(cells))
        self.refused(ops.add_card, stage_id, lane_id, title, kind.value, data.draw(st.none() | st.integers(0, 4)),
                     rating=rating, moment_of_truth=data.draw(st.booleans()), pain_point=data.draw(st.booleans()))

    @precondition(lambda self: self.document.count(Card) > 0)
    @rule(data=st.data(), title=TITLES)
    def edit_card_title(self, data: st.DataObject, title: str) -> None:
        ops.edit_card(self.session, data.draw(st.sampled_from(self.ids(Card))), title=title)

    @precondition(lambda self: self.document.count(Card) > 0)
    @rule(data=st.data(), rating=st.none() | st.integers(-2, 13), tags=st.lists(st.sampled_from(["a", "ä", "b"]), max_size=3))
    def edit_card_fields(self, data: st.DataObject, rating: int | None, tags: list[str]) -> None:
        self.refused(ops.edit_card, data.draw(st.sampled_from(self.ids(Card))), rating=rating, tags=tuple(tags),
                     colour=data.draw(st.sampled_from(["", "#FFAA00", "red"])))

    @precondition(lambda self: self.document.count(Card) > 0)
    @rule(data=st.data())
    def move_cards(self, data: st.DataObject) -> None:
        journey = data.draw(st.sampled_from([j for j in self.ids(Journey) if self.document.cards(j)]))
        cards = [c for c in self.ids(Card) if self.document.get(c, Card).journey_id == journey]
        chosen = data.draw(st.lists(st.sampled_from(cards), min_size=1, max_size=4, unique=True))
        stage = data.draw(st.sampled_from(self.document.stages(journey)))
        lane = data.draw(st.sampled_from(self.document.lanes(journey)))
        ops.move_cards(self.session, chosen, stage.id, lane.id, data.draw(st.none() | st.integers(0, 5)))

    @precondition(lambda self: self.document.count(Card) > 0)
    @rule(data=st.data())
    def move_card_to_other_journey_is_refused(self, data: st.DataObject) -> None:
        card = self.document.get(data.draw(st.sampled_from(self.ids(Card))), Card)
        others = [j for j in self.document.journeys() if j.id != card.journey_id and self.document.stages(j.id)
                  and self.document.lanes(j.id)]
        if others:
            other = data.draw(st.sampled_from(others))
            before = self.document.snapshot()
            try:
                ops.move_cards(self.session, [card.id], self.document.stages(other.id)[0].id,
                               self.document.lanes(other.id)[0].id)
            except InvariantError:
                pass
            else:
                raise AssertionError("moving a card into another journey's cell was not refused")
            assert self.document.snapshot() == before

    @precondition(lambda self: self.document.count(Card) > 0)
    @rule(data=st.data())
    def duplicate(self, data: st.DataObject) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.ids(Card)), min_size=1, max_size=3, unique=True))
        new_ids = ops.duplicate_cards(self.session, chosen)
        assert len(new_ids) == len(chosen)

    @precondition(lambda self: self.document.count(Card) > 0)
    @rule(data=st.data())
    def copy(self, data: st.DataObject) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self.ids(Card)), min_size=1, max_size=4, unique=True))
        self.clipboard = ops.copy_cards(self.document, chosen)

    @precondition(lambda self: bool(self.clipboard) and self.document.count(Journey) > 0)
    @rule(data=st.data())
    def paste(self, data: st.DataObject) -> None:
        journey = data.draw(st.sampled_from(self.ids(Journey)))
        stages = self.document.stages(journey)
        lanes = self.document.lanes(journey)
        stage = data.draw(st.sampled_from(stages)).id if stages else None
        lane = data.draw(st.sampled_from(lanes)).id if lanes else None
        self.refused(ops.paste_cards, self.clipboard, journey, stage, lane)

    # ------------------------------------------------------------------ relations and catalogue
    @precondition(lambda self: self.document.count(Card) + self.document.count(Touchpoint) > 1)
    @rule(data=st.data(), kind=st.sampled_from(list(RelationKind)))
    def link(self, data: st.DataObject, kind: RelationKind) -> None:
        nodes = self.ids(Card) + self.ids(Touchpoint)
        source = data.draw(st.sampled_from(nodes))
        target = data.draw(st.sampled_from(nodes))
        self.refused(ops.link, source, target, kind.value)

    @rule(name=TITLES)
    def add_catalogue(self, name: str) -> None:
        department = ops.add_element(self.session, Department(name="Abteilung " + name))
        channel = self.ids(Channel)[0] if self.ids(Channel) else None
        ops.add_element(self.session, Touchpoint(name="Kontakt " + name, department_id=department.id, channel_id=channel))

    @precondition(lambda self: self.document.count(Card) > 0)
    @rule(data=st.data())
    def add_insight_and_action(self, data: st.DataObject) -> None:
        cards = tuple(data.draw(st.lists(st.sampled_from(self.ids(Card)), min_size=1, max_size=3, unique=True)))
        insight = ops.add_element(self.session, Insight(title="Erkenntnis", card_ids=cards))
        metric = ops.add_element(self.session, Metric(name="NPS", kind="nps", current=10.0, target=30.0, best_in_class=60.0))
        tps = tuple(self.ids(Touchpoint)[:1])
        ops.add_element(self.session, Action(title="Maßnahme", insight_ids=(insight.id,), card_ids=cards,
                                             touchpoint_ids=tps, metric_id=metric.id, target_value=30.0, due="2027-01-31"))

    @rule(name=TITLES, age=st.none() | st.integers(-5, 140))
    def add_persona(self, name: str, age: int | None) -> None:
        try:
            ops.add_element(self.session, Persona(name=name, age=age, preferred_channel_ids=tuple(self.ids(Channel)[:2])))
        except InvariantError:
            pass

    # ------------------------------------------------------------------ deleting
    @precondition(lambda self: len(self.document) > 1)
    @rule(data=st.data(), kind=st.sampled_from([Card, Stage, Lane, Journey, Relation, Touchpoint, Department, Insight,
                                                 Metric, Persona]))
    def delete(self, data: st.DataObject, kind: type[Entity]) -> None:
        ids = self.ids(kind)
        if ids:
            chosen = data.draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True))
            ops.delete_elements(self.session, chosen)
            assert not any(i in self.document for i in chosen)

    # ------------------------------------------------------------------ undo / redo
    @precondition(lambda self: self.session.can_undo)
    @rule()
    def undo(self) -> None:
        self.session.undo()

    @precondition(lambda self: self.session.can_redo)
    @rule()
    def redo(self) -> None:
        self.session.redo()

    # ------------------------------------------------------------------ invariants
    @invariant()
    def document_is_sound(self) -> None:
        assert self.document.check_invariants() == []
        assert not self.document.in_transaction

    @invariant()
    def graph_follows_document(self) -> None:
        assert graph_signature(self.graph.graph) == graph_signature(RelationGraph(self.document, follow=False).graph)

    @invariant()
    def orders_are_contiguous(self) -> None:
        for kind in (Journey, Persona, Channel, Department, Touchpoint):
            assert [e.order for e in self.document.all(kind)] == list(range(self.document.count(kind)))
        for journey in self.document.journeys():
            assert [s.order for s in self.document.stages(journey.id)] == list(range(len(self.document.stages(journey.id))))
            assert [ln.order for ln in self.document.lanes(journey.id)] == list(range(len(self.document.lanes(journey.id))))

    def teardown(self) -> None:
        try:
            self.session.redo_all()
            end = self.document.snapshot()
            self.session.undo_all()
            assert self.document.snapshot() == self.start, "undo-all did not restore the starting document"
            self.session.redo_all()
            assert self.document.snapshot() == end, "redo-all did not restore the end state"
            assert self.document.check_invariants() == []
        finally:
            uuid.uuid4 = self._real_uuid4


TestEditingMachine = EditingMachine.TestCase
TestEditingMachine.settings = settings(max_examples=settings.default.max_examples, stateful_step_count=40, deadline=None)
