"""Flows along "leads to" relations: where customers change channel, where a flow stops early, where it loops."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cxstudio.analysis.common import effective_channel, journeys_in_scope, name_of
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Relation, RelationKind

LEADS_TO = RelationKind.LEADS_TO.value


@dataclass(frozen=True, slots=True)
class ChannelSwitch:
    """A "leads to" relation whose cards use different channels: the customer changes channel here."""

    relation_id: str
    source_id: str
    target_id: str
    from_channel_id: str
    to_channel_id: str
    from_channel: str
    to_channel: str


@dataclass(frozen=True, slots=True)
class Flows:
    """`dead_end_ids`: cards a flow leads to that lead nowhere, before their journey's last stage.
    `cycles`: the card ids of each loop of "leads to" relations (one list per strongly connected group)."""

    channel_switches: tuple[ChannelSwitch, ...]
    dead_end_ids: tuple[str, ...]
    cycles: tuple[tuple[str, ...], ...]


def flows(document: Document, graph: object = None, journey_ids: Iterable[str] | None = None) -> Flows:
    """Channel switches, dead ends and cycles of the "leads to" relations between cards of the journeys in scope."""
    journeys = journeys_in_scope(document, journey_ids)
    in_scope = {j.id for j in journeys}
    last_stage = {}
    stage_rank: dict[str, int] = {}
    for journey in journeys:
        stages = document.stages(journey.id)
        if stages:
            last_stage[journey.id] = stages[-1].id
        stage_rank.update((s.id, i) for i, s in enumerate(stages))
    edges: list[tuple[Relation, Card, Card]] = []
    for relation in document.all(Relation):
        if relation.kind != LEADS_TO:
            continue
        source, target = document.find(relation.source_id), document.find(relation.target_id)
        if isinstance(source, Card) and isinstance(target, Card) and (
                source.journey_id in in_scope or target.journey_id in in_scope):
            edges.append((relation, source, target))
    switches = []
    outgoing: dict[str, int] = defaultdict(int)
    reached: dict[str, Card] = {}
    for relation, source, target in edges:
        outgoing[source.id] += 1
        reached[target.id] = target
        before, after = effective_channel(document, source), effective_channel(document, target)
        if before is not None and after is not None and before != after:
            switches.append(ChannelSwitch(relation.id, source.id, target.id, before, after, name_of(document, before),
                                          name_of(document, after)))
    switches.sort(key=lambda s: (stage_rank.get(document.get(s.source_id, Card).stage_id, 0), s.relation_id))
    dead_ends = sorted(
        (card for card_id, card in reached.items()
         if not outgoing.get(card_id) and card.journey_id in in_scope and card.stage_id != last_stage.get(card.journey_id)),
        key=lambda c: (c.journey_id, stage_rank.get(c.stage_id, 0), c.id))
    successors: dict[str, list[str]] = defaultdict(list)
    for _relation, source, target in edges:
        successors[source.id].append(target.id)
    cycles = [tuple(sorted(group)) for group in strongly_connected(successors) if len(group) > 1]
    return Flows(tuple(switches), tuple(c.id for c in dead_ends), tuple(sorted(cycles)))


def strongly_connected(successors: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected groups of a directed graph (Tarjan's algorithm without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in list(successors):
        if root in index:
            continue
        work = [(root, iter(successors.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups
