"""The worked complaint example: its size, completeness and plausibility in German and English."""

from __future__ import annotations

import re
from collections import Counter
from statistics import mean

import pytest

from cxstudio.content.templates import build_document
from cxstudio.model import (
    Action,
    ActionStatus,
    BlueprintLine,
    Card,
    CardKind,
    Channel,
    Comment,
    Department,
    Document,
    Insight,
    Journey,
    JourneyState,
    LaneKind,
    Metric,
    MetricKind,
    Persona,
    Relation,
    RelationKind,
    Touchpoint,
)
from cxstudio.model.graph import RelationGraph

NAME = "complaint-example"
LANGUAGES = ("de", "en")


@pytest.fixture(params=LANGUAGES, scope="module")
def document(request: pytest.FixtureRequest) -> Document:
    return build_document(NAME, request.param)


def _all_cards(document: Document) -> list[Card]:
    return [card for journey in document.journeys() for card in document.cards(journey.id)]


def _card_texts(document: Document) -> str:
    return "\n".join(f"{c.title}\n{c.text}\n{c.expectation}" for c in _all_cards(document))


def test_the_example_is_the_size_the_docs_promise(document: Document) -> None:
    journeys = document.journeys()
    assert document.count(Persona) == 2
    assert [j.state for j in journeys] == [JourneyState.AS_IS, JourneyState.AS_IS, JourneyState.TO_BE]
    assert [len(document.stages(j.id)) for j in journeys] == [7, 6, 7]
    assert [len(document.lanes(j.id)) for j in journeys] == [12, 12, 12]
    assert [len(document.cards(j.id)) for j in journeys] == [86, 30, 20]
    assert document.count(Relation) == 81
    assert document.count(Touchpoint) == 18
    assert document.count(Department) == 9
    assert document.count(Insight) == 6
    assert document.count(Action) == 8
    assert document.count(Metric) == 10
    assert document.count(Comment) == 3
    assert document.check_invariants() == []


def test_personas_have_every_field(document: Document) -> None:
    for persona in document.all(Persona):
        for name in ("name", "role", "quote", "occupation", "location", "goals", "needs", "frustrations", "behaviour"):
            assert getattr(persona, name).strip(), f"{persona.name} lacks {name}"
        assert persona.age is not None and 18 <= persona.age <= 90
        assert persona.online_affinity is not None
        assert len(persona.preferred_channel_ids) >= 3
    affinities = sorted(p.online_affinity or 0 for p in document.all(Persona))
    assert affinities[0] <= 2 and affinities[-1] >= 4, "one offline-leaning and one digital persona"
    persona_ids = {p.id for p in document.all(Persona)}
    assert {j.persona_id for j in document.journeys()} == persona_ids, "each persona has its journey"


def test_cards_span_the_channels_and_the_kinds(document: Document) -> None:
    cards = _all_cards(document)
    channel_names = {document.get(c.channel_id, Channel).name for c in cards if c.channel_id}
    assert len(channel_names) >= 8
    kinds = Counter(c.kind for c in cards)
    for kind in (CardKind.STEP, CardKind.TOUCHPOINT, CardKind.THOUGHT, CardKind.FEELING, CardKind.PAIN_POINT,
                 CardKind.OPPORTUNITY, CardKind.PROCESS, CardKind.EVIDENCE):
        assert kinds[kind] >= 3, kind
    assert kinds[CardKind.TOUCHPOINT] >= 20 and kinds[CardKind.PROCESS] >= 20


def _touchpoint_cards(document: Document, journey: Journey) -> list[Card]:
    return [c for c in document.cards(journey.id) if c.kind == CardKind.TOUCHPOINT]


def _curve(document: Document, journey: Journey) -> list[float]:
    """The emotion curve: the mean touchpoint rating per stage, in stage order."""
    cards = _touchpoint_cards(document, journey)
    return [
        mean(c.rating for c in cards if c.stage_id == stage.id and c.rating is not None)
        for stage in document.stages(journey.id)
        if any(c.stage_id == stage.id for c in cards)
    ]


def test_touchpoint_cards_are_rated_and_form_an_emotion_curve_with_dips_at_pain_points(document: Document) -> None:
    for journey in document.journeys():
        lanes = {lane.id: lane for lane in document.lanes(journey.id)}
        touchpoint_cards = _touchpoint_cards(document, journey)
        assert len(touchpoint_cards) >= 6
        for card in touchpoint_cards:
            assert card.rating is not None, card.title
            assert card.touchpoint_id is not None and card.channel_id is not None and card.department_id is not None
            assert lanes[card.lane_id].kind == LaneKind.FRONTSTAGE
        if journey.state == JourneyState.TO_BE:
            assert not any(c.pain_point for c in touchpoint_cards)
            continue
        curve = _curve(document, journey)
        assert max(curve) - min(curve) >= 4, "the curve rises and falls"
        pain_ratings = [c.rating or 0 for c in touchpoint_cards if c.pain_point]
        other_ratings = [c.rating or 0 for c in touchpoint_cards if not c.pain_point]
        assert pain_ratings and max(pain_ratings) <= 3 < mean(other_ratings)
        lowest = min(c.rating or 0 for c in touchpoint_cards)
        assert all(c.pain_point for c in touchpoint_cards if c.rating == lowest)
    as_is, _digital, to_be = document.journeys()
    assert to_be.persona_id == as_is.persona_id
    assert [s.name for s in document.stages(to_be.id)] == [s.name for s in document.stages(as_is.id)]
    assert min(_curve(document, to_be)) >= 7 and mean(_curve(document, to_be)) >= mean(_curve(document, as_is)) + 3
    cards = _all_cards(document)
    assert sum(c.moment_of_truth for c in cards) >= 6
    assert all(c.priority > 0 for c in cards if c.pain_point or c.kind == CardKind.PAIN_POINT)
    assert {c.priority for c in cards if c.kind == CardKind.PAIN_POINT} == {1, 2, 3}


def test_journey_shows_as_map_and_as_blueprint(document: Document) -> None:
    for journey in document.journeys():
        lanes = document.lanes(journey.id)
        kinds = [lane.kind for lane in lanes]
        for kind in (LaneKind.PHYSICAL_EVIDENCE, LaneKind.CUSTOMER_ACTIONS, LaneKind.FRONTSTAGE, LaneKind.BACKSTAGE,
                     LaneKind.SUPPORT_PROCESSES, LaneKind.EMOTION_CURVE, LaneKind.CHANNELS, LaneKind.DEPARTMENTS):
            assert kinds.count(kind) == 1, kind
        assert kinds.count(LaneKind.CARDS) >= 4
        lines = [lane.line_below for lane in lanes if lane.line_below]
        assert lines == [BlueprintLine.INTERACTION, BlueprintLine.VISIBILITY, BlueprintLine.INTERNAL_INTERACTION]
        position = {lane.kind: index for index, lane in enumerate(lanes)}
        assert (position[LaneKind.PHYSICAL_EVIDENCE] < position[LaneKind.CUSTOMER_ACTIONS]
                < position[LaneKind.FRONTSTAGE] < position[LaneKind.BACKSTAGE] < position[LaneKind.SUPPORT_PROCESSES])
        line_lane = {lane.line_below: index for index, lane in enumerate(lanes) if lane.line_below}
        assert position[LaneKind.CUSTOMER_ACTIONS] <= line_lane[BlueprintLine.INTERACTION] < position[LaneKind.FRONTSTAGE]
        assert line_lane[BlueprintLine.VISIBILITY] == position[LaneKind.FRONTSTAGE]
        assert line_lane[BlueprintLine.INTERNAL_INTERACTION] == position[LaneKind.BACKSTAGE]
        by_lane = {lane.id: lane.kind for lane in lanes}
        for card in document.cards(journey.id):
            if by_lane[card.lane_id] in (LaneKind.BACKSTAGE, LaneKind.SUPPORT_PROCESSES):
                assert card.kind == CardKind.PROCESS and card.department_id is not None
        assert all(not document.cards_in_cell(s.id, lane.id)
                   for s in document.stages(journey.id) for lane in lanes
                   if lane.kind in (LaneKind.EMOTION_CURVE, LaneKind.CHANNELS, LaneKind.DEPARTMENTS))
        assert journey.scenario and journey.expectations


def test_relations_link_touchpoints_to_the_processes_behind_them(document: Document) -> None:
    relations = document.all(Relation)
    kinds = Counter(r.kind for r in relations)
    assert kinds[RelationKind.LEADS_TO] == 24
    assert kinds[RelationKind.SUPPORTED_BY] >= 18
    assert kinds[RelationKind.DEPENDS_ON] >= 10
    assert kinds[RelationKind.CAUSES] >= 10
    assert kinds[RelationKind.RELATES_TO] >= 5
    graph = RelationGraph(document, follow=False)
    assert graph.cycles([RelationKind.SUPPORTED_BY, RelationKind.DEPENDS_ON, RelationKind.CAUSES]) == []
    cards = _all_cards(document)
    for card in cards:
        if card.kind == CardKind.TOUCHPOINT and card.rating is not None and card.rating <= 3:
            assert graph.backstage_processes(card.id), f"no process behind '{card.title}'"
    for relation in relations:
        if relation.kind == RelationKind.LEADS_TO:
            source, target = document.get(relation.source_id, Card), document.get(relation.target_id, Card)
            assert source.kind == target.kind == CardKind.STEP and source.journey_id == target.journey_id
    chatbot = next(t for t in document.all(Touchpoint) if "Max" in t.name)
    assert len(graph.journeys_using(chatbot.id)) == 3, "one catalogue touchpoint, every journey"
    uncovered = graph.uncovered_pain_points()
    flagged = [c for c in cards if c.pain_point]
    assert 0 < len(uncovered) < len(flagged) / 2, "actions cover most pain points, not all"


def test_catalogue_departments_insights_actions_metrics_are_complete(document: Document) -> None:
    domain = "example.de" if document.project.language == "de" else "example.com"
    for department in document.all(Department):
        assert department.contact_person and department.email.endswith("@" + domain)
    used = {c.touchpoint_id for c in _all_cards(document)} | {
        r.source_id for r in document.all(Relation)} | {r.target_id for r in document.all(Relation)}
    for touchpoint in document.all(Touchpoint):
        assert touchpoint.channel_id and touchpoint.department_id and touchpoint.description
        assert touchpoint.id in used, touchpoint.name
    for insight in document.all(Insight):
        assert insight.text and insight.evidence and len(insight.card_ids) >= 3
    statuses = set()
    for action in document.all(Action):
        assert action.owner and action.description and action.external_ref
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", action.due)
        assert action.priority > 0 and action.metric_id and action.target_value is not None
        assert action.card_ids and action.touchpoint_ids
        statuses.add(action.status)
    assert {ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE} <= statuses
    assert sum(bool(a.insight_ids) for a in document.all(Action)) >= 6
    metric_kinds = {m.kind for m in document.all(Metric)}
    assert {MetricKind.NPS, MetricKind.CSAT, MetricKind.CES, MetricKind.RATING} <= metric_kinds
    assert {m.scope for m in document.all(Metric)} == {"project", "journey", "stage", "touchpoint"}
    for metric in document.all(Metric):
        assert None not in (metric.current, metric.target, metric.best_in_class)
        assert metric.unit and metric.source and metric.date
    comments = document.all(Comment)
    assert any(c.internal for c in comments) and any(not c.internal for c in comments)


def test_internal_notes_are_marked_as_internal(document: Document) -> None:
    marker = "INTERN –" if document.project.language == "de" else "INTERNAL –"
    notes = [c.internal_note for c in _all_cards(document) if c.internal_note]
    assert len(notes) >= 5
    assert all(note.startswith(marker) for note in notes)
    assert all(marker not in f"{c.title} {c.text}" for c in _all_cards(document))


def test_german_is_real_german_and_english_is_a_translation() -> None:
    german, english = build_document(NAME, "de"), build_document(NAME, "en")
    german_text, english_text = _card_texts(german), _card_texts(english)
    for letter in "äöüßÄÜ„“":
        assert letter in german_text, letter
    assert not re.search(r"[äöüß]", english_text), "English cards carry no German spelling"
    for word in (" und ", " der ", " nicht ", " mit "):
        assert word in german_text and word not in english_text
    for word in (" and ", " the ", " not ", " with "):
        assert word in english_text and word not in german_text
    assert german.project.client == english.project.client == "Max Mustermann Service AG"
    for sample in ("RK-2026-048213", "38", "1.248,60 €"):
        assert sample in german_text
    for sample in ("RK-2026-048213", "38", "€1,248.60"):
        assert sample in english_text
    # The same elements carry the same ids in both languages.
    assert {c.id for c in _all_cards(german)} == {c.id for c in _all_cards(english)}
    for card in _all_cards(german):
        twin = english.get(card.id, Card)
        assert (twin.rating, twin.pain_point, twin.moment_of_truth, twin.stage_id, twin.lane_id) == (
            card.rating, card.pain_point, card.moment_of_truth, card.stage_id, card.lane_id)
        assert twin.title != card.title, card.title
