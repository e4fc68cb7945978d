"""The Document: owns every entity of a project, is the only way to change them, and emits change events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, groupby
from operator import eq, itemgetter
from typing import Any, TypeVar, cast

from cxstudio.model.checks import _brief, validation_problem
from cxstudio.model.errors import InvariantError, NotFoundError, OutsideTransactionError
from cxstudio.model.events import Added, Changed, Event, Removed
from cxstudio.model.fields import OnDelete
from cxstudio.model.kinds import (
    ACYCLIC_RELATION_KINDS,
    ENTITY_BY_KIND,
    Card,
    Journey,
    Lane,
    Metric,
    Project,
    Relation,
    Stage,
)
from cxstudio.model.loading import records_sound
from cxstudio.model.record import Entity

T = TypeVar("T", bound=Entity)
Listener = Callable[[Event], None]

_KIND_LABEL = {
    "project": "project", "channel": "channel", "department": "department", "persona": "persona",
    "touchpoint": "touchpoint", "journey": "journey", "stage": "stage", "lane": "lane",
    "card": "card", "relation": "relation", "metric": "metric", "insight": "insight",
    "action": "action", "comment": "comment",
}


_CARD_CELL_FIELDS = frozenset({"journey_id", "stage_id", "lane_id"})
_RELATION_EDGE_FIELDS = frozenset({"kind", "source_id", "target_id"})


_ID_OF = itemgetter(0)  # a record's id (its first field)

# Every reference field as (referrer kind, field name), and for each target kind the fields that can point at it.
_REF_KEYS: tuple[tuple[str, str], ...] = tuple(
    (kind, field_name) for kind, entity_type in ENTITY_BY_KIND.items() for field_name in entity_type.REFS
)
_KEYS_TARGETING: dict[str, tuple[tuple[str, str], ...]] = {
    target: tuple(key for key in _REF_KEYS if target in ENTITY_BY_KIND[key[0]].REFS[key[1]].targets)
    for target in ENTITY_BY_KIND
}
_RELATION_SOURCES = ("relation", "source_id")
_RELATION_TARGETS = ("relation", "target_id")


def _ref_values(entity: Entity, field_name: str, many: bool) -> tuple[str, ...]:
    value = getattr(entity, field_name)
    if value is None:
        return ()
    return cast(tuple[str, ...], value) if many else (cast(str, value),)


def _well_typed_ref_values(value: object, many: bool) -> tuple[str, ...]:
    """The target ids in a reference value of the right type; a value of another type (reported by
    `validate()`) has none, so checking a damaged record never fails on it."""
    if many:
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else ()
    return (value,) if isinstance(value, str) else ()


class Document:
    """All entities of one project, indexed for the queries views need, guarded by invariants.

    Reading is free. Changing requires an open transaction (see `cxstudio.editing`): `add`,
    `update` and `remove` check every rule first, then change the document and emit one event
    per effect (cascades included) to the subscribed listeners.
    """

    def __init__(self, project: Project | None = None) -> None:
        self._entities: dict[str, Entity] = {}
        self._by_kind: dict[str, dict[str, Entity]] = {kind: {} for kind in ENTITY_BY_KIND}
        # (referrer kind, reference field) -> target id -> ids of the referrers (no empty sets)
        self._refs: dict[tuple[str, str], defaultdict[str, set[str]]] = {key: defaultdict(set) for key in _REF_KEYS}
        self._cells: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._listeners: list[Listener] = []
        self._transaction_depth = 0
        self._project_id: str | None = None
        if project is not None:
            self._transaction_depth += 1
            try:
                self._insert(project)
            finally:
                self._transaction_depth -= 1

    # ------------------------------------------------------------------ listeners and transactions
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def is_subscribed(self, listener: Listener) -> bool:
        return listener in self._listeners

    @property
    def in_transaction(self) -> bool:
        return self._transaction_depth > 0

    def _enter_transaction(self) -> None:
        """Called by cxstudio.editing only."""
        self._transaction_depth += 1

    def _exit_transaction(self) -> None:
        """Called by cxstudio.editing only."""
        if self._transaction_depth <= 0:
            raise OutsideTransactionError("No transaction is open.")
        self._transaction_depth -= 1

    def _require_transaction(self) -> None:
        if self._transaction_depth <= 0:
            raise OutsideTransactionError(
                "The document can only be changed inside a transaction (use an editing operation)."
            )

    def _emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            listener(event)

    # ------------------------------------------------------------------ reading
    @property
    def project(self) -> Project:
        if self._project_id is None:
            raise NotFoundError("The document has no project record.")
        return cast(Project, self._entities[self._project_id])

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def __len__(self) -> int:
        return len(self._entities)

    def find(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        return self._entities.get(entity_id)

    def get(self, entity_id: str, kind: type[T] = Entity) -> T:  # type: ignore[assignment]
        entity = self._entities.get(entity_id)
        if entity is None:
            raise NotFoundError(f"There is no element with id {entity_id}.")
        if kind is not Entity and not isinstance(entity, kind):
            raise NotFoundError(f"{entity_id} is a {entity.KIND}, not a {kind.KIND}.")
        return cast(T, entity)

    def all(self, kind: type[T]) -> list[T]:
        """Every entity of one kind, in display order where the kind has one."""
        items = cast(Iterable[T], self._by_kind[kind.KIND].values())
        if "order" in kind.field_names():
            return sorted(items, key=lambda e: (e.order, e.id))
        return list(items)

    def count(self, kind: type[Entity]) -> int:
        return len(self._by_kind[kind.KIND])

    def entities(self) -> Iterator[Entity]:
        return iter(self._entities.values())

    def snapshot(self) -> dict[str, Entity]:
        """The whole content as an id -> value mapping; two documents are equal when these are."""
        return dict(self._entities)

    def same_content(self, other: Document) -> bool:
        return self._entities == other._entities

    def referrer_ids(self, target_id: str, kind: str, field_name: str) -> set[str]:
        by_target = self._refs.get((kind, field_name))
        if by_target is None:
            return set()
        return set(by_target.get(target_id, ()))

    def _referrers_of(self, entity: Entity) -> Iterator[tuple[tuple[str, str], set[str]]]:
        """((referrer kind, field), referrer ids) of every reference field that points at the entity."""
        refs = self._refs
        for key in _KEYS_TARGETING[entity.KIND]:
            ids = refs[key].get(entity.id)
            if ids:
                yield key, ids

    def _children(self, parent_id: str, kind: type[T], field_name: str) -> list[T]:
        ids = self._refs[(kind.KIND, field_name)].get(parent_id, ())
        items = [cast(T, self._entities[i]) for i in ids]
        return sorted(items, key=lambda e: (e.order, e.id))

    def journeys(self) -> list[Journey]:
        return self.all(Journey)

    def stages(self, journey_id: str) -> list[Stage]:
        return self._children(journey_id, Stage, "journey_id")

    def lanes(self, journey_id: str) -> list[Lane]:
        return self._children(journey_id, Lane, "journey_id")

    def cards(self, journey_id: str) -> list[Card]:
        """Every card of a journey (unordered across cells; use cards_in_cell for cell order)."""
        ids = self._refs[("card", "journey_id")].get(journey_id, ())
        return [cast(Card, self._entities[i]) for i in ids]

    def cards_in_cell(self, stage_id: str, lane_id: str) -> list[Card]:
        items = [cast(Card, self._entities[i]) for i in self._cells.get((stage_id, lane_id), ())]
        return sorted(items, key=lambda c: (c.order, c.id))

    def relations_of(self, entity_id: str) -> list[Relation]:
        ids = self._refs[_RELATION_SOURCES].get(entity_id, set()) | self._refs[_RELATION_TARGETS].get(entity_id, set())
        return [cast(Relation, self._entities[i]) for i in sorted(ids)]

    def relation_edges(self, kinds: Iterable[str] | None = None) -> Iterator[tuple[str, str]]:
        """(source id, target id) of every relation of the given kinds (all kinds when None)."""
        wanted = set(kinds) if kinds is not None else None
        seen: set[tuple[str, str, str]] = set()
        for relation in cast(Iterable[Relation], self._by_kind["relation"].values()):
            if wanted is not None and relation.kind not in wanted:
                continue
            edge = (relation.kind, relation.source_id, relation.target_id)
            if edge not in seen:  # one edge per kind and pair, however many relations repeat it
                seen.add(edge)
                yield relation.source_id, relation.target_id

    def journey_of(self, entity_id: str) -> str | None:
        """The journey an element belongs to (journeys, stages, lanes, cards), else None."""
        entity = self._entities.get(entity_id)
        if entity is None:
            return None
        if isinstance(entity, Journey):
            return entity.id
        return cast(str | None, getattr(entity, "journey_id", None))

    # ------------------------------------------------------------------ changing
    def add(self, entity: T) -> T:
        """Add a new entity after checking its values and references."""
        self._require_transaction()
        self._insert(entity)
        return entity

    def update(self, entity_id: str, **changes: Any) -> Entity:
        """Change fields of an entity; emits one Changed event per field that really changes."""
        self._require_transaction()
        old = self.get(entity_id)
        unknown = set(changes) - set(old.field_names())
        if unknown:
            raise InvariantError(f"A {old.KIND} has no field {', '.join(sorted(unknown))}.")
        if "id" in changes and changes["id"] != old.id:
            raise InvariantError("The id of an element never changes.")
        real = {k: v for k, v in changes.items() if getattr(old, k) != v or type(getattr(old, k)) is not type(v)}
        if not real:
            return old
        new = old.replace(**real)
        self._check(new, previous=old, changed=real.keys())
        self._replace(old, new, changed=real.keys())
        for name, value in real.items():
            self._emit(Changed(old.KIND, old.id, name, getattr(old, name), value))
        return new

    def remove(self, entity_id: str) -> None:
        """Remove an entity and everything that cannot live without it (cascade)."""
        self._require_transaction()
        root = self.get(entity_id)
        if isinstance(root, Project):
            raise InvariantError("The project record itself cannot be deleted.")
        doomed_order: list[str] = []  # post-order: referrers before what they refer to
        doomed: set[str] = set()

        def visit(eid: str) -> None:
            if eid in doomed:
                return
            doomed.add(eid)
            for (kind, field_name), ref_ids in list(self._referrers_of(self._entities[eid])):
                ref_cls = ENTITY_BY_KIND[kind]
                if ref_cls.REFS[field_name].on_delete is OnDelete.CASCADE:
                    for rid in sorted(ref_ids):
                        visit(rid)
            doomed_order.append(eid)

        visit(entity_id)
        # Survivors that refer to doomed entities get their reference cleared first.
        survivor_changes: dict[str, dict[str, Any]] = {}
        for eid in doomed_order:
            for (kind, field_name), ref_ids in self._referrers_of(self._entities[eid]):
                ref = ENTITY_BY_KIND[kind].REFS[field_name]
                if ref.on_delete is OnDelete.CASCADE:
                    continue
                for rid in ref_ids:
                    if rid in doomed:
                        continue
                    survivor = self._entities[rid]
                    pending = survivor_changes.setdefault(rid, {})
                    if ref.on_delete is OnDelete.NULLIFY:
                        pending[field_name] = None
                    else:
                        current = pending.get(field_name, getattr(survivor, field_name))
                        pending[field_name] = tuple(v for v in current if v not in doomed)
        for rid in sorted(survivor_changes):
            survivor = self._entities[rid]
            new = survivor.replace(**survivor_changes[rid])
            self._replace(survivor, new, changed=survivor_changes[rid].keys())
            for name, value in survivor_changes[rid].items():
                self._emit(Changed(survivor.KIND, rid, name, getattr(survivor, name), value))
        for eid in doomed_order:
            entity = self._entities[eid]
            self._delete(entity)
            self._emit(Removed(entity))

    def apply(self, event: Event) -> None:
        """Replay one recorded event exactly (used by undo and redo); no cascades are computed."""
        self._require_transaction()
        if isinstance(event, Added):
            self._insert(event.entity)
        elif isinstance(event, Removed):
            current = self.get(event.entity.id)
            if current != event.entity:
                raise InvariantError(f"Cannot replay the removal of {current.KIND} {current.id}: it has changed.")
            if next(self._referrers_of(current), None) is not None:
                raise InvariantError(f"Cannot replay the removal of {current.KIND} {current.id}: it is still referred to.")
            self._delete(current)
            self._emit(event)
        else:
            current = self.get(event.id)
            if getattr(current, event.field) != event.old:
                raise InvariantError(
                    f"Cannot replay a change of {event.kind}.{event.field}: its value is no longer the recorded one."
                )
            new = current.replace(**{event.field: event.new})
            changed = (event.field,)
            self._check(new, previous=current, changed=changed)
            self._replace(current, new, changed=changed)
            self._emit(event)

    # ------------------------------------------------------------------ checks
    def _check(self, entity: Entity, previous: Entity | None = None, changed: Iterable[str] | None = None) -> None:
        """Check a new or changed record; with `changed`, only the rules those fields can break."""
        fields = None if changed is None else frozenset(changed)
        entity.validate(fields)
        for field_name, ref in entity.REFS.items():
            if fields is not None and field_name not in fields:
                continue
            if previous is not None and getattr(previous, field_name) == getattr(entity, field_name):
                continue
            for target_id in _ref_values(entity, field_name, ref.many):
                target = self._entities.get(target_id)
                if target is None:
                    raise InvariantError(
                        f"{_KIND_LABEL[entity.KIND].capitalize()} '{_brief(entity.label)}' refers to "
                        f"{field_name.removesuffix('_ids').removesuffix('_id')} {target_id}, which does not exist."
                    )
                if target.KIND not in ref.targets:
                    raise InvariantError(
                        f"{_KIND_LABEL[entity.KIND].capitalize()} '{_brief(entity.label)}': {field_name} must point "
                        f"to a {' or '.join(ref.targets)}, not to a {target.KIND}."
                    )
        if isinstance(entity, Card):
            if fields is None or not fields.isdisjoint(_CARD_CELL_FIELDS):
                self._check_card_cell(entity)
        elif isinstance(entity, (Stage, Lane)):
            if previous is not None and cast(Stage, previous).journey_id != entity.journey_id:
                raise InvariantError(f"A {entity.KIND} cannot be moved to another journey.")
        elif isinstance(entity, Relation):
            if fields is None or not fields.isdisjoint(_RELATION_EDGE_FIELDS):
                self._check_relation(entity, previous)
        elif isinstance(entity, Metric):
            if entity.scope_id is not None:
                scoped = self._entities[entity.scope_id]
                if entity.scope != scoped.KIND:
                    raise InvariantError(
                        f"Metric '{entity.name}' has scope {entity.scope} but points to a {scoped.KIND}."
                    )
        elif isinstance(entity, Project) and self._project_id not in (None, entity.id):
            raise InvariantError("A document has exactly one project record.")

    def _check_card_cell(self, card: Card) -> None:
        stage = cast(Stage, self._entities[card.stage_id])
        lane = cast(Lane, self._entities[card.lane_id])
        if stage.journey_id != card.journey_id:
            raise InvariantError(
                f"Card '{card.title[:40]}' cannot be placed in stage '{stage.name}', which belongs to another journey."
            )
        if lane.journey_id != card.journey_id:
            raise InvariantError(
                f"Card '{card.title[:40]}' cannot be placed in lane '{lane.name}', which belongs to another journey."
            )

    def _check_relation(self, relation: Relation, previous: Entity | None) -> None:
        if relation.kind not in ACYCLIC_RELATION_KINDS:
            return
        prev = cast(Relation | None, previous)
        if prev is not None and (prev.kind, prev.source_id, prev.target_id) == (
            relation.kind, relation.source_id, relation.target_id,
        ):
            return
        if self._reaches(relation.kind, relation.target_id, relation.source_id):
            source = self._entities[relation.source_id].label
            target = self._entities[relation.target_id].label
            raise InvariantError(
                f"'{source[:40]}' {relation.kind.replace('_', ' ')} '{target[:40]}' would close a cycle: "
                f"'{target[:40]}' already leads back to '{source[:40]}' through {relation.kind.replace('_', ' ')} relations."
            )

    def _successors(self, kind: str, node: str) -> Iterator[str]:
        """Targets of the relations of one kind that start at a node."""
        entities = self._entities
        for relation_id in self._refs[_RELATION_SOURCES].get(node, ()):
            relation = cast(Relation, entities[relation_id])
            if relation.kind == kind:
                yield relation.target_id

    def _reaches(self, kind: str, start: str, goal: str) -> bool:
        seen = {start}
        stack = [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            for nxt in self._successors(kind, node):
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return False

    def check_invariants(self, compare_indexes: bool = True) -> list[str]:
        """Every rule checked from scratch over the whole document; returns one sentence per problem.

        `compare_indexes` also rebuilds the indexes and compares them (pointless right after loading,
        when they were just built from the same values: without it, the reference checks take the ids
        referred to from the indexes instead of gathering them again from the records).
        """
        problems: list[str] = []
        projects = self._by_kind["project"]
        if len(projects) != 1:
            problems.append(f"The document must hold exactly one project record, not {len(projects)}.")
        indexed = not compare_indexes
        for kind, members in self._by_kind.items():
            records = list(members.values())
            if not self._kind_sound(ENTITY_BY_KIND[kind], records, indexed):  # then find and word each problem
                problems.extend(self._record_problems(records))
        for kind, cycle in self._cycles().items():
            problems.append(f"The {kind} relations form a cycle through {', '.join(cycle)}.")
        if not compare_indexes:
            return problems
        rebuilt = Document.from_entities(self._entities.values(), check=False)
        if rebuilt._refs != self._refs or rebuilt._cells != self._cells:
            problems.append("Internal indexes disagree with the content.")
        return problems

    def _kind_sound(self, entity_type: type[Entity], records: list[Entity], indexed: bool = False) -> bool:
        """Whether every record of one class passes every rule `_record_problems` checks, decided column by column.

        `indexed`: the indexes were built from exactly these records (all of the kind), so the target ids
        of each reference field are the keys of its index (the records' values are well typed by then).
        """
        if not records or not records_sound(entity_type, records):
            return not records
        by_kind = self._by_kind
        for field_name, ref in entity_type.REFS.items():
            targets: Any
            if indexed:
                targets = self._refs[(entity_type.KIND, field_name)].keys()
            else:
                column = map(itemgetter(entity_type.FIELD_INDEX[field_name]), records)
                targets = set(chain.from_iterable(column)) if ref.many else set(column) - {None}
            if len(ref.targets) == 1:
                if not targets <= by_kind[ref.targets[0]].keys():
                    return False
                continue
            left = set(targets)
            for kind in ref.targets:  # what is left after the ids of each allowed kind: a lookup per target id
                left = left.difference(by_kind[kind])
            if left:
                return False
        if issubclass(entity_type, Card):
            index = entity_type.FIELD_INDEX
            journeys = list(map(itemgetter(index["journey_id"]), records))
            for part_type, field_name in ((Stage, "stage_id"), (Lane, "lane_id")):
                journey_position = part_type.FIELD_INDEX["journey_id"]
                journey_of_part = {part_id: part[journey_position] for part_id, part in by_kind[part_type.KIND].items()}
                parts = map(itemgetter(index[field_name]), records)
                if not all(map(eq, map(journey_of_part.get, parts), journeys)):
                    return False
        return True

    def _record_problems(self, records: Iterable[Entity]) -> list[str]:
        """One sentence per broken rule of the given records (field values, references, card cells)."""
        problems: list[str] = []
        for entity in records:
            problem = validation_problem(entity)
            if problem is not None:
                problems.append(problem)
            for field_name, ref in entity.REFS.items():
                for target_id in _well_typed_ref_values(getattr(entity, field_name), ref.many):
                    target = self._entities.get(target_id)
                    if target is None:
                        problems.append(f"{entity.KIND} {entity.id}: {field_name} points to missing {target_id}.")
                    elif target.KIND not in ref.targets:
                        problems.append(f"{entity.KIND} {entity.id}: {field_name} points to a {target.KIND}.")
            if isinstance(entity, Card):
                stage = self._entities.get(entity.stage_id) if isinstance(entity.stage_id, str) else None
                lane = self._entities.get(entity.lane_id) if isinstance(entity.lane_id, str) else None
                for part in (stage, lane):
                    if part is not None and getattr(part, "journey_id", None) != entity.journey_id:
                        problems.append(f"Card {entity.id} sits in a {part.KIND} of another journey.")
        return problems

    def _cycles(self) -> dict[str, list[str]]:
        """For each acyclic relation kind that has a cycle, the ids along one of them."""
        by_kind: dict[str, dict[str, dict[str, None]]] = {kind: {} for kind in ACYCLIC_RELATION_KINDS}
        index = Relation.FIELD_INDEX
        relations = self._by_kind["relation"].values()
        for kind, source_id, target_id in map(itemgetter(index["kind"], index["source_id"], index["target_id"]), relations):
            successors = by_kind.get(kind)
            if successors is not None:
                targets = successors.get(source_id)
                if targets is None:
                    successors[source_id] = {target_id: None}
                else:
                    targets[target_id] = None
        cycles = {}
        for kind in ACYCLIC_RELATION_KINDS:
            cycle = _find_cycle(by_kind[kind])
            if cycle:
                cycles[kind] = cycle
        return cycles

    # ------------------------------------------------------------------ construction without events
    @classmethod
    def from_entities(cls, entities: Iterable[Entity], check: bool = True) -> Document:
        """Build a document from stored values (loading a file); checks every rule when `check` is set.

        The indexes are built in bulk, one pass per kind and reference field; they equal what adding
        the entities one by one builds (`check_invariants` compares the two).
        """
        doc = cls()
        items = list(entities)
        by_kind = doc._by_kind
        groups = [(entity_type.KIND, list(group)) for entity_type, group in groupby(items, key=type)]
        for kind, members in groups:
            by_kind[kind].update(zip(map(_ID_OF, members), members))
        by_id = doc._entities
        if len({kind for kind, _members in groups}) == len(groups):  # each kind in one run: merge whole dicts
            for kind, _members in groups:
                by_id.update(by_kind[kind])
        else:
            by_id.update(zip(map(_ID_OF, items), items))
        if len(by_id) != len(items):
            seen: set[str] = set()
            for entity in items:
                if entity.id in seen:
                    raise InvariantError(f"The id {entity.id} is used twice.")
                seen.add(entity.id)
        projects = [entity.id for entity in by_kind["project"].values() if isinstance(entity, Project)]
        if projects:
            doc._project_id = projects[-1]
        for kind, members in by_kind.items():
            if members:
                doc._index_in_bulk(ENTITY_BY_KIND[kind], members)
        if check:
            problems = doc.check_invariants(compare_indexes=False)
            if problems:
                raise InvariantError(problems[0] if len(problems) == 1 else f"{problems[0]} (and {len(problems) - 1} more problems)")
        return doc

    def _index_in_bulk(self, entity_type: type[Entity], members: dict[str, Entity]) -> None:
        """The index entries of every entity of one kind, added to empty indexes (what `_index` adds one by one)."""
        ids = list(members)
        records = members.values()
        from_cells: tuple[str, ...] = ()
        if issubclass(entity_type, Card):
            cells = self._cells
            index = entity_type.FIELD_INDEX
            for entity_id, cell in zip(ids, map(itemgetter(index["stage_id"], index["lane_id"]), records)):
                cells[cell].add(entity_id)
            # a card's stage and lane referrers are the unions of its cells: one set operation per cell
            stages, lanes = self._refs[("card", "stage_id")], self._refs[("card", "lane_id")]
            for (stage_id, lane_id), card_ids in cells.items():
                stages[stage_id] |= card_ids
                lanes[lane_id] |= card_ids
            stages.pop(None, None)  # type: ignore[call-overload]  # a missing cell part: refused by the checks
            lanes.pop(None, None)  # type: ignore[call-overload]
            from_cells = ("stage_id", "lane_id")
        for field_name, ref in entity_type.REFS.items():
            if field_name in from_cells:
                continue
            by_target = self._refs[(entity_type.KIND, field_name)]
            values = map(itemgetter(entity_type.FIELD_INDEX[field_name]), records)
            if ref.many:
                for entity_id, target_ids in zip(ids, values):
                    for target_id in target_ids:
                        by_target[target_id].add(entity_id)
            elif entity_type.FIELDS[entity_type.FIELD_INDEX[field_name]].optional:
                for entity_id, target_id in zip(ids, values):
                    if target_id is not None:
                        by_target[target_id].add(entity_id)
            else:  # a required reference: no test per value; a None (refused by the checks) is dropped after
                for entity_id, target_id in zip(ids, values):
                    by_target[target_id].add(entity_id)
                by_target.pop(None, None)  # type: ignore[call-overload]

    # ------------------------------------------------------------------ raw storage
    def _insert(self, entity: Entity) -> None:
        if entity.id in self._entities:
            raise InvariantError(f"An element with id {entity.id} already exists.")
        self._check(entity)
        self._store(entity)
        self._emit(Added(entity))

    def _store(self, entity: Entity) -> None:
        self._entities[entity.id] = entity
        self._by_kind[entity.KIND][entity.id] = entity
        if isinstance(entity, Project):
            self._project_id = entity.id
        self._index(entity, add=True)

    def _delete(self, entity: Entity) -> None:
        self._index(entity, add=False)
        del self._entities[entity.id]
        del self._by_kind[entity.KIND][entity.id]
        refs = self._refs
        for key in _KEYS_TARGETING[entity.KIND]:
            refs[key].pop(entity.id, None)

    def _replace(self, old: Entity, new: Entity, changed: Iterable[str] | None = None) -> None:
        fields = None if changed is None else frozenset(changed)
        self._index(old, add=False, fields=fields)
        self._entities[new.id] = new
        self._by_kind[new.KIND][new.id] = new
        self._index(new, add=True, fields=fields)

    def _index(self, entity: Entity, add: bool, fields: frozenset[str] | None = None) -> None:
        """Add or drop an entity's index entries; with `fields`, only those the named fields affect."""
        for field_name, ref in entity.REFS.items():
            if fields is not None and field_name not in fields:
                continue
            by_target = self._refs[(entity.KIND, field_name)]
            for target_id in _ref_values(entity, field_name, ref.many):
                if add:
                    by_target[target_id].add(entity.id)
                else:
                    ids = by_target.get(target_id)
                    if ids is not None:
                        ids.discard(entity.id)
                        if not ids:
                            del by_target[target_id]
        if isinstance(entity, Card):
            if fields is not None and fields.isdisjoint(_CARD_CELL_FIELDS):
                return
            cell = (entity.stage_id, entity.lane_id)
            if add:
                self._cells[cell].add(entity.id)
            else:
                members = self._cells.get(cell)
                if members is not None:
                    members.discard(entity.id)
                    if not members:
                        del self._cells[cell]


def _find_cycle(successors: dict[str, dict[str, None]]) -> list[str]:
    """The ids along a path from some node into a cycle of a directed graph (node -> successors); empty when acyclic."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished (no cycle through it)
    for root in successors:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        pending = [iter(successors[root])]
        while pending:
            for node in pending[-1]:
                seen = state.get(node)
                if seen is None:
                    following = successors.get(node)
                    if following is None:  # a node nothing leaves: finished at once
                        state[node] = 2
                        continue
                    state[node] = 1
                    path.append(node)
                    pending.append(iter(following))
                    break
                if seen == 1:
                    return [*path, node]
            else:
                state[path.pop()] = 2
                pending.pop()
    return []
