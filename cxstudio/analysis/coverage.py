"""Pain points and actions: pain points no action addresses, actions aimed at no pain point or insight, overdue, ownerless."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cxstudio.analysis.common import journeys_in_scope
from cxstudio.model.document import Document
from cxstudio.model.entities import Action, ActionStatus, Card

if TYPE_CHECKING:
    from cxstudio.model.graph import RelationGraph

FINISHED = frozenset({ActionStatus.DONE.value, ActionStatus.CANCELLED.value})


@dataclass(frozen=True, slots=True)
class Coverage:
    """Ids of the pain points no action addresses (`RelationGraph.uncovered_pain_points`, priority first), of the
    actions that address no pain point and no insight, of open actions past their due date (earliest first) and
    of open actions without an owner."""

    uncovered_pain_point_ids: tuple[str, ...]
    actions_without_target_ids: tuple[str, ...]
    overdue_action_ids: tuple[str, ...]
    actions_without_owner_ids: tuple[str, ...]


def _in_scope(document: Document, action: Action, journeys: set[str] | None) -> bool:
    """An action concerns the journeys in scope when one of its cards is in them, or it has no cards."""
    if journeys is None or not action.card_ids:
        return True
    return any(document.journey_of(card_id) in journeys for card_id in action.card_ids)


def uncovered_pain_points(document: Document, graph: RelationGraph | None = None) -> list[str]:
    """`RelationGraph.uncovered_pain_points()`: pain points no action names among its cards (sorted ids); without
    a graph the same answer from the document's reference index (the command line needs no networkx)."""
    if graph is not None:
        return list(graph.uncovered_pain_points())
    return sorted(card.id for card in document.all(Card)
                  if card.pain_point and not document.referrer_ids(card.id, "action", "card_ids"))


def coverage(document: Document, graph: RelationGraph | None, journey_ids: Iterable[str] | None = None,
             today: dt.date | None = None) -> Coverage:
    """Gaps between pain points and actions; `today` decides what is overdue (default: today's date)."""
    today_text = (today or dt.date.today()).isoformat()  # dates are YYYY-MM-DD: text order is date order
    journeys = None if journey_ids is None else {j.id for j in journeys_in_scope(document, journey_ids)}
    uncovered = []
    for card_id in uncovered_pain_points(document, graph):
        card = document.find(card_id)
        if isinstance(card, Card) and (journeys is None or card.journey_id in journeys):
            uncovered.append(card)
    uncovered.sort(key=lambda c: (-c.priority, c.id))
    without_target, overdue, ownerless = [], [], []
    for action in sorted(document.all(Action), key=lambda a: (a.title, a.id)):
        if not _in_scope(document, action, journeys):
            continue
        pain_points = [c for c in map(document.find, action.card_ids) if isinstance(c, Card) and c.pain_point]
        if not action.insight_ids and not pain_points:
            without_target.append(action)
        if action.status in FINISHED:
            continue
        if action.due and action.due[:10] < today_text:
            overdue.append(action)
        if not action.owner.strip():
            ownerless.append(action)
    overdue.sort(key=lambda a: (a.due, a.title, a.id))
    return Coverage(tuple(c.id for c in uncovered), tuple(a.id for a in without_target),
                    tuple(a.id for a in overdue), tuple(a.id for a in ownerless))
