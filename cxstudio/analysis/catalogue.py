"""The touchpoint catalogue: where each touchpoint is used, how its ratings spread across journeys, what it lacks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cxstudio.analysis.common import Benchmark, Score, journeys_in_scope, rating_benchmarks, score_of
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Touchpoint

SPREAD_WORTH_A_LOOK = 3  # ratings of one touchpoint that differ this much across journeys are a finding


@dataclass(frozen=True, slots=True)
class TouchpointUse:
    """A catalogue touchpoint: the journeys (in scope) and cards using it, its ratings, and what it lacks
    (`missing` holds 'channel', 'department', 'rating' in this order where they are missing)."""

    touchpoint_id: str
    name: str
    journey_ids: tuple[str, ...]
    card_ids: tuple[str, ...]
    score: Score
    journey_means: tuple[tuple[str, float], ...]  # (journey id, mean rating) for each journey with a rated card
    benchmark: Benchmark | None
    missing: tuple[str, ...]

    @property
    def journey_spread(self) -> float | None:
        """How far the journeys' mean ratings of this touchpoint lie apart (None below two rated journeys)."""
        if len(self.journey_means) < 2:
            return None
        means = [mean for _journey, mean in self.journey_means]
        return round(max(means) - min(means), 2)


def touchpoint_catalogue(document: Document, graph: object = None,
                         journey_ids: Iterable[str] | None = None) -> list[TouchpointUse]:
    """Every catalogue touchpoint in catalogue order with its use in the journeys in scope."""
    journeys = journeys_in_scope(document, journey_ids)
    order = {journey.id: index for index, journey in enumerate(journeys)}
    benchmarks = rating_benchmarks(document)
    result = []
    for touchpoint in document.all(Touchpoint):
        cards = [c for c in map(document.find, document.referrer_ids(touchpoint.id, "card", "touchpoint_id"))
                 if isinstance(c, Card) and c.journey_id in order]
        cards.sort(key=lambda c: (order[c.journey_id], c.id))
        ratings = [c.rating for c in cards if c.rating is not None]
        per_journey: dict[str, list[int]] = {}
        for card in cards:
            if card.rating is not None:
                per_journey.setdefault(card.journey_id, []).append(card.rating)
        means = tuple((journey_id, round(sum(values) / len(values), 2)) for journey_id, values in per_journey.items())
        missing = tuple(name for name, lacking in (("channel", touchpoint.channel_id is None),
                                                   ("department", touchpoint.department_id is None),
                                                   ("rating", not ratings)) if lacking)
        result.append(TouchpointUse(touchpoint.id, touchpoint.name, tuple(dict.fromkeys(c.journey_id for c in cards)),
                                    tuple(c.id for c in cards), score_of(ratings), means,
                                    benchmarks.get(touchpoint.id), missing))
    return result
