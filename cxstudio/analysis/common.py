"""What the analyses share: the cards in scope, a card's effective channel and department, pain points, ratings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cxstudio.model.document import Document
from cxstudio.model.entities import Card, CardKind, Journey, Lane, LaneKind, Metric, MetricKind, Touchpoint

# lanes behind the line of visibility: their cards are not what the customer meets
BACKSTAGE_LANES = frozenset({LaneKind.BACKSTAGE.value, LaneKind.SUPPORT_PROCESSES.value})
# card kinds that are not a customer's experience (the organisation's processes, the team's notes)
NOT_CUSTOMER_FACING = frozenset({CardKind.PROCESS.value, CardKind.NOTE.value})


def journeys_in_scope(document: Document, journey_ids: Iterable[str] | None = None) -> list[Journey]:
    """The journeys to analyse, in display order: all of them, or those of `journey_ids` that exist."""
    journeys = document.journeys()
    if journey_ids is None:
        return journeys
    wanted = set(journey_ids)
    return [j for j in journeys if j.id in wanted]


def cards_in_scope(document: Document, journeys: Sequence[Journey]) -> list[Card]:
    """Every card of the journeys, in journey order (within a journey unordered)."""
    cards: list[Card] = []
    for journey in journeys:
        cards.extend(document.cards(journey.id))
    return cards


def effective_channel(document: Document, card: Card) -> str | None:
    """The card's channel, else its catalogue touchpoint's (the rule the swimlane views use)."""
    if card.channel_id is not None or card.touchpoint_id is None:
        return card.channel_id
    touchpoint = document.find(card.touchpoint_id)
    return touchpoint.channel_id if isinstance(touchpoint, Touchpoint) else None


def effective_department(document: Document, card: Card) -> str | None:
    """The card's department, else its catalogue touchpoint's."""
    if card.department_id is not None or card.touchpoint_id is None:
        return card.department_id
    touchpoint = document.find(card.touchpoint_id)
    return touchpoint.department_id if isinstance(touchpoint, Touchpoint) else None


def is_pain_point(card: Card) -> bool:
    """A card marked as a pain point (the flag the map draws and the relation graph counts)."""
    return card.pain_point


def weight(card: Card) -> int:
    """A card's weight in hotspots and rankings: 1 without a priority, up to 4 for priority 3 (high)."""
    return 1 + card.priority


def customer_facing(document: Document, card: Card, lanes: dict[str, Lane] | None = None) -> bool:
    """A card the customer meets: not a process or note, and not in a backstage or support-process lane."""
    if card.kind in NOT_CUSTOMER_FACING:
        return False
    lane = lanes.get(card.lane_id) if lanes is not None else document.find(card.lane_id)
    return not (isinstance(lane, Lane) and lane.kind in BACKSTAGE_LANES)


def name_of(document: Document, entity_id: str | None) -> str:
    """An element's label (name or title), or '' when it does not exist."""
    entity = document.find(entity_id)
    return entity.label if entity is not None else ""


@dataclass(frozen=True, slots=True)
class Score:
    """Ratings summed up: how many, their mean, minimum, maximum and spread (maximum - minimum)."""

    count: int
    mean: float | None
    minimum: int | None
    maximum: int | None
    spread: int | None


def score_of(ratings: Sequence[int]) -> Score:
    if not ratings:
        return Score(0, None, None, None, None)
    from statistics import fmean  # with fractions and decimal: loaded by the first score, not by the map's filters

    low, high = min(ratings), max(ratings)
    return Score(len(ratings), fmean(ratings), low, high, high - low)


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A rating metric of an element: current, target and best-in-class values on the 1-10 scale."""

    metric_id: str
    name: str
    current: float | None
    target: float | None
    best_in_class: float | None


def rating_benchmarks(document: Document) -> dict[str, Benchmark]:
    """For each journey, stage or touchpoint with a rating metric: that metric (the first by name)."""
    found: dict[str, Benchmark] = {}
    for metric in sorted(document.all(Metric), key=lambda m: (m.name, m.id)):
        if metric.kind == MetricKind.RATING.value and metric.scope_id is not None and metric.scope_id not in found:
            found[metric.scope_id] = Benchmark(metric.id, metric.name, metric.current, metric.target,
                                               metric.best_in_class)
    return found


def lanes_by_id(document: Document, journeys: Sequence[Journey]) -> dict[str, Lane]:
    return {lane.id: lane for journey in journeys for lane in document.lanes(journey.id)}
