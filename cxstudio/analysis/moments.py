"""Moments of truth ranked: a low rating, a high priority and many dependants put a moment of truth first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cxstudio.analysis.common import cards_in_scope, journeys_in_scope
from cxstudio.model.document import Document
from cxstudio.model.entities import Card

UNRATED = 5  # an unrated moment of truth ranks as if it were rated in the middle of the 1-10 scale


@dataclass(frozen=True, slots=True)
class RankedMoment:
    """A moment of truth and why it ranks where it does.

    `score` = (11 - rating) x (1 + priority) x (1 + dependants): a rating of 1 weighs 10, a 10 weighs 1;
    `dependants` counts the cards related to it (either direction) and the other cards, in any journey,
    that are instances of the same catalogue touchpoint; `journeys` the journeys those cards are in.
    """

    card_id: str
    journey_id: str
    stage_id: str
    title: str
    rating: int | None
    priority: int
    dependants: int
    journeys: int
    score: int


def ranked_moments_of_truth(document: Document, graph: object = None,
                            journey_ids: Iterable[str] | None = None) -> list[RankedMoment]:
    """The moments of truth of the journeys in scope, the most urgent first (ties: journey, stage, title)."""
    journeys = journeys_in_scope(document, journey_ids)
    journey_rank = {j.id: index for index, j in enumerate(journeys)}
    stage_rank = {s.id: index for j in journeys for index, s in enumerate(document.stages(j.id))}
    instances: dict[str, set[str]] = defaultdict(set)
    moments: list[Card] = []
    for card in cards_in_scope(document, journeys):
        if card.moment_of_truth:
            moments.append(card)
    for touchpoint_id in {c.touchpoint_id for c in moments if c.touchpoint_id is not None}:
        instances[touchpoint_id] = document.referrer_ids(touchpoint_id, "card", "touchpoint_id")
    ranked = []
    for card in moments:
        related = {r.target_id if r.source_id == card.id else r.source_id for r in document.relations_of(card.id)}
        twins = instances.get(card.touchpoint_id, set()) if card.touchpoint_id is not None else set()
        dependants = (related | twins) - {card.id}
        journey_ids_of = {card.journey_id}
        for other in dependants:
            journey_id = document.journey_of(other)
            if journey_id is not None:
                journey_ids_of.add(journey_id)
        rating = card.rating if card.rating is not None else UNRATED
        score = (11 - rating) * (1 + card.priority) * (1 + len(dependants))
        ranked.append(RankedMoment(card.id, card.journey_id, card.stage_id, card.title, card.rating, card.priority,
                                   len(dependants), len(journey_ids_of), score))
    ranked.sort(key=lambda m: (-m.score, journey_rank.get(m.journey_id, 0), stage_rank.get(m.stage_id, 0), m.title,
                               m.card_id))
    return ranked
