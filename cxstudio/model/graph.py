"""The relation graph: a networkx view of a Document, kept in step with its change events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import cast

import networkx as nx

from cxstudio.model.document import Document
from cxstudio.model.entities import Card, CardKind, Entity, Relation
from cxstudio.model.events import Added, Changed, Event, Removed

# Kinds of entities that are nodes of the graph.
NODE_KINDS = frozenset({"journey", "card", "touchpoint", "department", "channel", "action", "insight"})

# Membership edges derived from reference fields: (entity kind, field) -> edge kind.
MEMBERSHIP_EDGES: dict[tuple[str, str], str] = {
    ("card", "journey_id"): "in_journey",
    ("card", "touchpoint_id"): "instance_of",
    ("card", "channel_id"): "via_channel",
    ("card", "department_id"): "owned_by",
    ("touchpoint", "channel_id"): "via_channel",
    ("touchpoint", "department_id"): "owned_by",
    ("action", "card_ids"): "addresses",
    ("action", "touchpoint_ids"): "addresses",
    ("action", "insight_ids"): "addresses",
    ("insight", "card_ids"): "based_on",
}
RELATION_EDGE = "relation"
# Fields whose values are node attributes of the graph.
NODE_ATTRIBUTE_FIELDS = frozenset({"title", "name", "kind", "pain_point", "moment_of_truth"})


def _memberships(entity: Entity) -> Iterator[tuple[str, str, str]]:
    """(field name, edge kind, target id) of every membership edge an entity has (see MEMBERSHIP_EDGES)."""
    for (kind, field_name), edge in MEMBERSHIP_EDGES.items():
        if kind != entity.KIND:
            continue
        value = getattr(entity, field_name)
        for target in value if isinstance(value, tuple) else ((value,) if value else ()):
            yield field_name, edge, target


class RelationGraph:
    """A MultiDiGraph of cards, catalogue touchpoints, processes, departments, channels, actions.

    Relations are edges with `edge="relation"` and their `kind`; memberships (card in journey,
    card instance of a catalogue touchpoint, owned by a department, action addresses ...) are
    edges with `edge` set to the membership name. Subscribe it to the document once and it
    follows every change, undo and redo included.
    """

    def __init__(self, document: Document, follow: bool = True) -> None:
        self.document = document
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        for entity in document.entities():
            self._add_entity(entity)
        if follow:
            document.subscribe(self._on_event)

    def close(self) -> None:
        self.document.unsubscribe(self._on_event)

    # ------------------------------------------------------------------ maintenance
    def _on_event(self, event: Event) -> None:
        if isinstance(event, Added):
            self._add_entity(event.entity)
        elif isinstance(event, Removed):
            self._remove_entity(event.entity)
        elif isinstance(event, Changed):
            self._on_change(event)

    def _on_change(self, event: Changed) -> None:
        """Follow one changed field; fields the graph does not show (order, texts ...) cost nothing."""
        if event.kind == "relation":
            if event.field in ("kind", "source_id", "target_id"):
                current = self.document.get(event.id)
                self._remove_entity(current.replace(**{event.field: event.old}))
                self._add_entity(current)
            return
        if event.kind not in NODE_KINDS:
            return
        edge = MEMBERSHIP_EDGES.get((event.kind, event.field))
        if edge is not None:
            old = event.old if isinstance(event.old, tuple) else ((event.old,) if event.old else ())
            new = event.new if isinstance(event.new, tuple) else ((event.new,) if event.new else ())
            for target in old:
                key = f"{event.field}:{target}"
                if self.graph.has_edge(event.id, target, key=key):
                    self.graph.remove_edge(event.id, target, key=key)
            for target in new:
                self._ensure_node(target)
                self.graph.add_edge(event.id, target, key=f"{event.field}:{target}", edge=edge)
        elif event.field in NODE_ATTRIBUTE_FIELDS:
            self.graph.nodes[event.id].update(self._node_attrs(self.document.get(event.id)))

    def _add_entity(self, entity: Entity) -> None:
        if isinstance(entity, Relation):
            self._ensure_node(entity.source_id)
            self._ensure_node(entity.target_id)
            self.graph.add_edge(entity.source_id, entity.target_id, key=entity.id, edge=RELATION_EDGE, kind=entity.kind)
            return
        if entity.KIND not in NODE_KINDS:
            return
        attrs = self._node_attrs(entity)
        if entity.id in self.graph:
            self.graph.nodes[entity.id].update(attrs)
        else:
            self.graph.add_node(entity.id, **attrs)
        for field_name, edge, target in _memberships(entity):
            self._ensure_node(target)
            self.graph.add_edge(entity.id, target, key=f"{field_name}:{target}", edge=edge)

    def _remove_entity(self, entity: Entity, keep_node: bool = False) -> None:
        if isinstance(entity, Relation):
            if self.graph.has_edge(entity.source_id, entity.target_id, key=entity.id):
                self.graph.remove_edge(entity.source_id, entity.target_id, key=entity.id)
            return
        if entity.KIND not in NODE_KINDS or entity.id not in self.graph:
            return
        if keep_node:
            for field_name, _edge, target in _memberships(entity):
                key = f"{field_name}:{target}"
                if self.graph.has_edge(entity.id, target, key=key):
                    self.graph.remove_edge(entity.id, target, key=key)
        else:
            self.graph.remove_node(entity.id)

    def _ensure_node(self, node_id: str) -> None:
        if node_id not in self.graph:
            entity = self.document.find(node_id)
            self.graph.add_node(node_id, **(self._node_attrs(entity) if entity else {}))

    @staticmethod
    def _node_attrs(entity: Entity) -> dict[str, object]:
        attrs: dict[str, object] = {"kind": entity.KIND, "label": entity.label}
        if isinstance(entity, Card):
            attrs["card_kind"] = entity.kind
            attrs["pain_point"] = entity.pain_point
            attrs["moment_of_truth"] = entity.moment_of_truth
        return attrs

    # ------------------------------------------------------------------ queries
    def relations_view(self, kinds: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """A read-only subgraph view with only relation edges (optionally of some kinds)."""
        wanted = set(kinds) if kinds is not None else None

        def keep(u: str, v: str, k: str) -> bool:
            data = self.graph.edges[u, v, k]
            return data["edge"] == RELATION_EDGE and (wanted is None or data["kind"] in wanted)

        return cast(nx.MultiDiGraph, nx.subgraph_view(self.graph, filter_edge=keep))

    def neighbours(self, node_id: str, relation_kinds: Iterable[str] | None = None) -> set[str]:
        """Elements connected to `node_id` by a relation in either direction."""
        view = self.relations_view(relation_kinds)
        if node_id not in view:
            return set()
        return set(view.successors(node_id)) | set(view.predecessors(node_id))

    def successors(self, node_id: str, relation_kinds: Iterable[str] | None = None) -> set[str]:
        view = self.relations_view(relation_kinds)
        return set(view.successors(node_id)) if node_id in view else set()

    def path(self, source_id: str, target_id: str, relation_kinds: Iterable[str] | None = None) -> list[str]:
        """A shortest directed path of relations from source to target, or [] if there is none."""
        view = self.relations_view(relation_kinds)
        try:
            return cast(list[str], nx.shortest_path(view, source_id, target_id))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return []

    def downstream(self, node_id: str, relation_kinds: Iterable[str] | None = None) -> set[str]:
        """Everything reachable from `node_id` along relations (e.g. the processes behind a touchpoint).

        Walks the adjacency directly: the cost follows what is reachable, not the project's size.
        """
        wanted = set(relation_kinds) if relation_kinds is not None else None
        successors = self.graph.succ
        if node_id not in successors:
            return set()
        seen: set[str] = set()
        stack = [node_id]
        while stack:
            node = stack.pop()
            for target, edges in successors[node].items():
                if target in seen:
                    continue
                if any(d["edge"] == RELATION_EDGE and (wanted is None or d["kind"] in wanted) for d in edges.values()):
                    seen.add(target)
                    stack.append(target)
        seen.discard(node_id)
        return seen

    def cycles(self, relation_kinds: Iterable[str] | None = None) -> list[list[str]]:
        """Every elementary cycle formed by relations (of the given kinds)."""
        graph = nx.DiGraph()
        graph.add_edges_from(self.document.relation_edges(relation_kinds))
        return [list(c) for c in nx.simple_cycles(graph)]

    def journeys_using(self, touchpoint_id: str) -> set[str]:
        """Ids of journeys with at least one card that is an instance of the catalogue touchpoint."""
        journeys: set[str] = set()
        if touchpoint_id not in self.graph:
            return journeys
        for card_id, _tp, data in self.graph.in_edges(touchpoint_id, data=True):
            if data["edge"] == "instance_of":
                for _c, journey_id, d2 in self.graph.out_edges(card_id, data=True):
                    if d2["edge"] == "in_journey":
                        journeys.add(journey_id)
        return journeys

    def backstage_processes(self, card_id: str) -> set[str]:
        """Process cards a card depends on or is supported by, directly or transitively."""
        reachable = self.downstream(card_id, ("supported_by", "depends_on"))
        return {n for n in reachable if self.graph.nodes[n].get("card_kind") == CardKind.PROCESS}

    def uncovered_pain_points(self) -> list[str]:
        """Pain-point cards that no action addresses."""
        result = []
        for node, attrs in self.graph.nodes(data=True):
            if attrs.get("kind") == "card" and attrs.get("pain_point"):
                covered = any(d["edge"] == "addresses" for _a, _n, d in self.graph.in_edges(node, data=True))
                if not covered:
                    result.append(node)
        return sorted(result)

    def actions_for(self, node_id: str) -> set[str]:
        if node_id not in self.graph:
            return set()
        return {a for a, _n, d in self.graph.in_edges(node_id, data=True) if d["edge"] == "addresses"}

