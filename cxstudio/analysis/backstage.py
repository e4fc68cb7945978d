"""Backstage impact: the customer-facing cards that depend on a process or a department, and the processes behind most moments of truth."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cxstudio.analysis.common import (
    BACKSTAGE_LANES,
    cards_in_scope,
    customer_facing,
    effective_department,
    journeys_in_scope,
    lanes_by_id,
    name_of,
)
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, CardKind, Department, Lane, Relation, RelationKind

# "A depends on B" and "A is supported by B": A is affected when B fails
DEPENDENCY_KINDS = frozenset({RelationKind.DEPENDS_ON.value, RelationKind.SUPPORTED_BY.value})


@dataclass(frozen=True, slots=True)
class Impact:
    """The customer-facing cards that depend (directly or transitively) on a process card or a department's cards."""

    id: str  # the process card's or the department's id
    name: str
    journey_id: str | None  # the process card's journey (None for a department)
    impacted_ids: tuple[str, ...]
    moments_of_truth: int
    pain_points: int


@dataclass(frozen=True, slots=True)
class BackstageImpact:
    processes: tuple[Impact, ...]  # most moments of truth first, then most impacted cards
    departments: tuple[Impact, ...]


def _dependents(document: Document) -> dict[str, list[str]]:
    """target id -> ids of the cards that depend on it or are supported by it."""
    found: dict[str, list[str]] = defaultdict(list)
    for relation in document.all(Relation):
        if relation.kind in DEPENDENCY_KINDS:
            found[relation.target_id].append(relation.source_id)
    return found


def _is_backstage(card: Card, lanes: dict[str, Lane]) -> bool:
    lane = lanes.get(card.lane_id)
    return card.kind == CardKind.PROCESS.value or (lane is not None and lane.kind in BACKSTAGE_LANES)


def backstage_impact(document: Document, graph: object = None,
                     journey_ids: Iterable[str] | None = None) -> BackstageImpact:
    """For each process card (kind process, or any card behind the line of visibility) of the journeys in scope and
    for each department: every customer-facing card, in any journey, that depends on it."""
    journeys = journeys_in_scope(document, journey_ids)
    dependents = _dependents(document)
    lanes = lanes_by_id(document, document.journeys())
    reach: dict[str, frozenset[str]] = {}

    def upstream(start: str) -> frozenset[str]:
        """Everything that depends on `start` (the acyclic relation kinds make this a finite walk)."""
        known = reach.get(start)
        if known is not None:
            return known
        seen: set[str] = set()
        stack = list(dependents.get(start, ()))
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            cached = reach.get(node)
            if cached is not None:
                seen |= cached
                continue
            stack.extend(dependents.get(node, ()))
        result = reach[start] = frozenset(seen)
        return result

    facing: dict[str, bool] = {}

    def impact_of(ids: set[str]) -> tuple[tuple[str, ...], int, int]:
        impacted = []
        moments = pains = 0
        for card_id in ids:
            card = document.find(card_id)
            if not isinstance(card, Card):
                continue
            is_facing = facing.get(card_id)
            if is_facing is None:
                is_facing = facing[card_id] = customer_facing(document, card, lanes)
            if is_facing:
                impacted.append(card_id)
                moments += card.moment_of_truth
                pains += card.pain_point
        return tuple(sorted(impacted)), moments, pains

    processes = []
    by_department: dict[str, set[str]] = defaultdict(set)
    for card in cards_in_scope(document, journeys):
        department = effective_department(document, card)
        backstage = _is_backstage(card, lanes)
        if not backstage and department is None:
            continue
        depending = upstream(card.id)
        if department is not None:
            by_department[department] |= depending
        if backstage:
            impacted, moments, pains = impact_of(set(depending))
            processes.append(Impact(card.id, card.title, card.journey_id, impacted, moments, pains))
    departments = []
    for department in document.all(Department):
        if department.id in by_department:
            impacted, moments, pains = impact_of(by_department[department.id])
            departments.append(Impact(department.id, name_of(document, department.id), None, impacted, moments, pains))

    def rank(items: list[Impact]) -> tuple[Impact, ...]:
        return tuple(sorted(items, key=lambda i: (-i.moments_of_truth, -len(i.impacted_ids), -i.pain_points, i.name,
                                                  i.id)))

    return BackstageImpact(rank(processes), rank(departments))
