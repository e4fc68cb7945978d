"""Where a finding's elements are on the map: the cards, stages or journeys to select for each journey."""

from __future__ import annotations

from collections.abc import Iterable

from cxstudio.model.document import Document
from cxstudio.model.entities import Action, Card, Insight, Journey, Metric, Stage, Touchpoint


def _shown(document: Document, entity_id: str) -> list[str]:
    """The ids on a map that stand for an element: itself for cards and stages, else the cards it concerns."""
    entity = document.find(entity_id)
    if isinstance(entity, (Card, Stage, Journey)):
        return [entity.id]
    if isinstance(entity, Touchpoint):
        return sorted(document.referrer_ids(entity.id, "card", "touchpoint_id"))
    if isinstance(entity, Metric):
        return _shown(document, entity.scope_id) if entity.scope_id is not None else []
    if isinstance(entity, Insight):
        return list(entity.card_ids)
    if isinstance(entity, Action):
        shown = list(entity.card_ids)
        for insight_id in entity.insight_ids:
            shown.extend(_shown(document, insight_id))
        for touchpoint_id in entity.touchpoint_ids:
            shown.extend(_shown(document, touchpoint_id))
        return shown
    return []


def targets_by_journey(document: Document, ids: Iterable[str]) -> dict[str, list[str]]:
    """journey id -> the ids to select on that journey's map (a journey alone maps to an empty list), in
    journey order; cards and stages first come first."""
    found: dict[str, list[str]] = {}
    for entity_id in ids:
        for shown_id in _shown(document, entity_id):
            entity = document.find(shown_id)
            if isinstance(entity, Journey):
                found.setdefault(entity.id, [])
                continue
            journey_id = document.journey_of(shown_id)
            if journey_id is not None:
                found.setdefault(journey_id, []).append(shown_id)
    order = {journey.id: index for index, journey in enumerate(document.journeys())}
    return {journey_id: list(dict.fromkeys(found[journey_id])) for journey_id in sorted(found, key=order.__getitem__)}


def best_journey(document: Document, ids: Iterable[str], current: str | None) -> tuple[str | None, list[str]]:
    """The journey to show a finding in (the current one if it holds any of its elements, else the first that
    does) and the ids to select there."""
    targets = targets_by_journey(document, ids)
    if current in targets:
        return current, targets[current]
    for journey_id, shown in targets.items():
        return journey_id, shown
    return None, []
