"""Named user operations: each is one transaction, hence one undo step, and returns what it created."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from cxstudio.editing import steps
from cxstudio.editing.session import Session, field_merge_key
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    Card,
    CardKind,
    Entity,
    Journey,
    Lane,
    LaneKind,
    Relation,
    RelationKind,
    Stage,
    new_id,
)
from cxstudio.model.errors import InvariantError

T = TypeVar("T", bound=Entity)
Ordered = TypeVar("Ordered", Stage, Lane, Card)


# ---------------------------------------------------------------------- ordering helpers
def _renumber(doc: Document, items: Sequence[Entity]) -> None:
    """Give `items` the orders 0..n-1 in their sequence, touching only those whose order differs."""
    for position, item in enumerate(items):
        if item.order != position:
            doc.update(item.id, order=position)


def _clamp(index: int | None, size: int) -> int:
    if index is None or index > size:
        return size
    return max(0, index)


# ---------------------------------------------------------------------- generic elements
def add_element(session: Session, entity: T, label: str | None = None) -> T:
    """Add any entity (persona, channel, department, touchpoint, metric, insight, action, comment ...)."""
    with session.transaction(label or steps.add(entity)):
        if "order" in entity.field_names() and not isinstance(entity, (Stage, Lane, Card)):
            entity = cast(T, entity.replace(order=session.document.count(type(entity))))
        session.document.add(entity)
    return entity


def edit_element(session: Session, entity_id: str, *, step_name: str | None = None, **fields: Any) -> Entity:
    """Change fields of any element; consecutive edits of one text field merge into one undo step.

    Every field is a keyword, also a relation's `label`; `step_name` overrides the undo step's name.
    """
    doc = session.document
    current = doc.get(entity_id)
    merge_key = None
    if len(fields) == 1:
        (field_name, value), = fields.items()
        if isinstance(value, str) and isinstance(getattr(current, field_name, None), str) and field_name not in current.REFS:
            merge_key = field_merge_key(entity_id, field_name)
    step_name = step_name or steps.edit(current, fields)
    with session.transaction(step_name, merge_key=merge_key):
        return doc.update(entity_id, **fields)


def delete_elements(session: Session, entity_ids: Iterable[str], label: str | None = None) -> int:
    """Delete a selection of elements of any kind, with their cascades; returns how many were asked for."""
    doc = session.document
    ids = [i for i in dict.fromkeys(entity_ids) if i in doc]
    if not ids:
        return 0
    journeys: set[str] = set()
    cells: set[tuple[str, str]] = set()
    ordered_kinds: set[type[Entity]] = set()
    for entity_id in ids:
        entity = doc.get(entity_id)
        if isinstance(entity, (Stage, Lane)):
            journeys.add(entity.journey_id)
        elif isinstance(entity, Card):
            cells.add((entity.stage_id, entity.lane_id))
        elif "order" in entity.field_names():
            ordered_kinds.add(type(entity))  # journeys, personas, channels, departments, catalogue
    step_name = label or steps.delete([doc.get(i) for i in ids])
    with session.transaction(step_name):
        for entity_id in ids:
            if entity_id in doc:
                doc.remove(entity_id)
        for journey_id in journeys:
            if journey_id in doc:
                _renumber(doc, doc.stages(journey_id))
                _renumber(doc, doc.lanes(journey_id))
        for stage_id, lane_id in cells:
            if stage_id in doc and lane_id in doc:
                _renumber(doc, doc.cards_in_cell(stage_id, lane_id))
        for kind in ordered_kinds:
            _renumber(doc, doc.all(kind))
    return len(ids)


# ---------------------------------------------------------------------- journeys, stages, lanes
@dataclass(frozen=True, slots=True)
class LaneSpec:
    """What a new lane looks like: name, kind and the blueprint line drawn below it, if any."""

    name: str
    kind: str = LaneKind.CARDS.value
    line_below: str | None = None


def add_journey(
    session: Session,
    name: str,
    stages: Sequence[str] = (),
    lanes: Sequence[LaneSpec] = (),
    persona_id: str | None = None,
    **fields: Any,
) -> Journey:
    """A new journey with the given stages and lanes, as one undo step."""
    doc = session.document
    journey = Journey(name=name, persona_id=persona_id, order=doc.count(Journey), **fields)
    with session.transaction(steps.add(journey)):
        journey = doc.add(journey)
        for position, stage_name in enumerate(stages):
            doc.add(Stage(journey_id=journey.id, name=stage_name, order=position))
        for position, spec in enumerate(lanes):
            doc.add(Lane(journey_id=journey.id, name=spec.name, kind=spec.kind, line_below=spec.line_below, order=position))
    return journey


def add_stage(session: Session, journey_id: str, name: str, index: int | None = None, **fields: Any) -> Stage:
    doc = session.document
    siblings = doc.stages(journey_id)
    position = _clamp(index, len(siblings))
    stage = Stage(journey_id=journey_id, name=name, order=len(siblings), **fields)
    with session.transaction(steps.add(stage)):
        stage = doc.add(stage)
        _renumber(doc, siblings[:position] + [stage] + siblings[position:])
    return doc.get(stage.id, Stage)


def add_lane(
    session: Session, journey_id: str, name: str, kind: str = LaneKind.CARDS.value,
    index: int | None = None, line_below: str | None = None,
) -> Lane:
    doc = session.document
    siblings = doc.lanes(journey_id)
    position = _clamp(index, len(siblings))
    lane = Lane(journey_id=journey_id, name=name, kind=kind, line_below=line_below, order=len(siblings))
    with session.transaction(steps.add(lane)):
        lane = doc.add(lane)
        _renumber(doc, siblings[:position] + [lane] + siblings[position:])
    return doc.get(lane.id, Lane)


def rename(session: Session, entity_id: str, name: str) -> Entity:
    """Rename a journey, stage, lane, persona, channel, department or catalogue touchpoint."""
    return edit_element(session, entity_id, name=name)


def _move_in_siblings(session: Session, item_id: str, siblings: list[Ordered], index: int) -> None:
    current = [s for s in siblings if s.id != item_id]
    item = next(s for s in siblings if s.id == item_id)
    position = _clamp(index, len(current))
    reordered = current[:position] + [item] + current[position:]
    if [s.id for s in reordered] == [s.id for s in siblings]:
        return
    with session.transaction(steps.move(item)):
        _renumber(session.document, reordered)


def move_stage(session: Session, stage_id: str, index: int) -> None:
    """Put a stage at position `index` among its journey's stages (0 = first)."""
    stage = session.document.get(stage_id, Stage)
    _move_in_siblings(session, stage_id, session.document.stages(stage.journey_id), index)


def move_lane(session: Session, lane_id: str, index: int) -> None:
    lane = session.document.get(lane_id, Lane)
    _move_in_siblings(session, lane_id, session.document.lanes(lane.journey_id), index)


def move_journey(session: Session, journey_id: str, index: int) -> None:
    journey = session.document.get(journey_id, Journey)
    _move_in_siblings(session, journey.id, session.document.journeys(), index)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- cards
def add_card(
    session: Session,
    stage_id: str,
    lane_id: str,
    title: str = "",
    kind: str = CardKind.STEP.value,
    index: int | None = None,
    **fields: Any,
) -> Card:
    """Create a card in a cell at position `index` (default: at the end)."""
    doc = session.document
    stage = doc.get(stage_id, Stage)
    siblings = doc.cards_in_cell(stage_id, lane_id)
    position = _clamp(index, len(siblings))
    card = Card(journey_id=stage.journey_id, stage_id=stage_id, lane_id=lane_id, title=title, kind=kind,
                order=len(siblings), **fields)
    with session.transaction(steps.add(card)):
        card = doc.add(card)
        _renumber(doc, siblings[:position] + [card] + siblings[position:])
    return doc.get(card.id, Card)


def edit_card(session: Session, card_id: str, **fields: Any) -> Card:
    if any(f in fields for f in ("journey_id", "stage_id", "lane_id", "order")):
        raise InvariantError("Use move_cards to move a card to another cell or position.")
    return cast(Card, edit_element(session, card_id, **fields))


def edit_cards(session: Session, card_ids: Sequence[str], **fields: Any) -> list[Card]:
    """Set the same fields on several cards (a rating, a marker) as one undo step."""
    if any(f in fields for f in ("journey_id", "stage_id", "lane_id", "order")):
        raise InvariantError("Use move_cards to move a card to another cell or position.")
    doc = session.document
    ids = [i for i in dict.fromkeys(card_ids) if isinstance(doc.find(i), Card)]
    with session.transaction(steps.edit_many([doc.get(i) for i in ids], fields)):
        return [cast(Card, doc.update(card_id, **fields)) for card_id in ids]


def edit_elements(session: Session, entity_ids: Sequence[str], **fields: Any) -> list[Entity]:
    """Set the same fields on several elements of any kind (a status, an owner, a due date) as one undo step.

    One element is `edit_element` (typing in one field merges); cards keep their cell (see `edit_cards`).
    """
    if any(f in fields for f in ("id", "order", "journey_id", "stage_id", "lane_id")):
        raise InvariantError("Use the move operations to move an element.")
    doc = session.document
    ids = [i for i in dict.fromkeys(entity_ids) if i in doc]
    if not ids:
        return []
    if len(ids) == 1:
        return [edit_element(session, ids[0], **fields)]
    with session.transaction(steps.edit_many([doc.get(i) for i in ids], fields)):
        return [doc.update(entity_id, **fields) for entity_id in ids]


def _visual_order(doc: Document, cards: Iterable[Card]) -> list[Card]:
    def key(card: Card) -> tuple[int, int, int, str]:
        stage = doc.get(card.stage_id, Stage)
        lane = doc.get(card.lane_id, Lane)
        return (stage.order, lane.order, card.order, card.id)

    return sorted(cards, key=key)


def move_cards(session: Session, card_ids: Sequence[str], stage_id: str, lane_id: str, index: int | None = None) -> None:
    """Move cards (keeping their relative order) into a cell of their journey at position `index`."""
    doc = session.document
    moving = _visual_order(doc, (doc.get(i, Card) for i in dict.fromkeys(card_ids)))
    if not moving:
        return
    stage = doc.get(stage_id, Stage)
    lane = doc.get(lane_id, Lane)
    for card in moving:
        if card.journey_id != stage.journey_id or lane.journey_id != stage.journey_id:
            raise InvariantError(
                f"Card '{card.title[:40]}' belongs to another journey; copy and paste it instead of moving it."
            )
    moving_ids = {c.id for c in moving}
    target = doc.cards_in_cell(stage_id, lane_id)
    # the index counts positions in the target cell as the user saw it, moved cards included
    before = [c for c in target[: _clamp(index, len(target))] if c.id not in moving_ids]
    after = [c for c in target[_clamp(index, len(target)):] if c.id not in moving_ids]
    new_order = before + moving + after
    source_cells = {(c.stage_id, c.lane_id) for c in moving} - {(stage_id, lane_id)}
    if [c.id for c in new_order] == [c.id for c in target] and not source_cells:
        return
    with session.transaction(steps.move_cards(moving)):
        for position, card in enumerate(new_order):
            current = doc.get(card.id, Card)
            changes: dict[str, Any] = {}
            if current.stage_id != stage_id:
                changes["stage_id"] = stage_id
            if current.lane_id != lane_id:
                changes["lane_id"] = lane_id
            if current.order != position:
                changes["order"] = position
            if changes:
                doc.update(card.id, **changes)
        for cell_stage, cell_lane in sorted(source_cells):
            _renumber(doc, doc.cards_in_cell(cell_stage, cell_lane))


def move_cards_to_stage(session: Session, card_ids: Sequence[str], stage_id: str) -> None:
    """Move cards to another stage of their journey, each staying in its own lane, as one undo step.

    This is the drop of a swimlane view, whose lanes are derived from each card's channel or department:
    there only the stage can change. Cards already in the stage stay where they are; the moved ones go
    to the end of their cell, keeping their relative order.
    """
    doc = session.document
    moving = [card for card in (doc.get(i, Card) for i in dict.fromkeys(card_ids)) if card.stage_id != stage_id]
    if not moving:
        return
    by_lane: dict[str, list[str]] = {}
    for card in moving:
        by_lane.setdefault(card.lane_id, []).append(card.id)
    with session.transaction(steps.move_cards(moving)):
        for lane_id, ids in by_lane.items():
            move_cards(session, ids, stage_id, lane_id, None)


def duplicate_cards(session: Session, card_ids: Sequence[str]) -> list[str]:
    """Copies of the cards (new ids) right after each original; returns the new ids in the same order."""
    doc = session.document
    originals = _visual_order(doc, (doc.get(i, Card) for i in dict.fromkeys(card_ids)))
    new_ids: dict[str, str] = {}
    if not originals:
        return []
    with session.transaction(steps.duplicate(originals)):
        for original in originals:
            cell = doc.cards_in_cell(original.stage_id, original.lane_id)
            position = next(i for i, c in enumerate(cell) if c.id == original.id) + 1
            copy = doc.add(original.replace(id=new_id(), order=len(cell)))
            new_ids[original.id] = copy.id
            _renumber(doc, cell[:position] + [copy] + cell[position:])
    return [new_ids[i] for i in dict.fromkeys(card_ids) if i in new_ids]


def cut_cards(session: Session, card_ids: Sequence[str]) -> int:
    """Delete cards just copied to a clipboard (`copy_cards`) as one undo step named a cut; returns how many."""
    doc = session.document
    cards = [card for card in (doc.find(i) for i in dict.fromkeys(card_ids)) if isinstance(card, Card)]
    return delete_elements(session, [card.id for card in cards], label=steps.cut(cards)) if cards else 0


# ---------------------------------------------------------------------- relations
def link(
    session: Session, source_id: str, target_id: str, kind: str = RelationKind.LEADS_TO.value, label: str = ""
) -> Relation:
    """Draw a relation (arrow) from one card or catalogue touchpoint to another."""
    with session.transaction(steps.link(session.document.find(source_id), kind)):
        return session.document.add(Relation(source_id=source_id, target_id=target_id, kind=kind, label=label))


def unlink(session: Session, relation_id: str) -> None:
    session.document.get(relation_id, Relation)
    delete_elements(session, [relation_id], label=steps.unlink())


# ---------------------------------------------------------------------- clipboard
@dataclass(frozen=True, slots=True)
class ClipboardCard:
    card: Card
    stage_offset: int
    lane_offset: int
    lane_kind: str


@dataclass(frozen=True, slots=True)
class Clipboard:
    """Copied cards (values, not references) with their relative cells and the relations among them."""

    cards: tuple[ClipboardCard, ...] = ()
    relations: tuple[Relation, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.cards)


def copy_cards(doc: Document, card_ids: Iterable[str]) -> Clipboard:
    cards = _visual_order(doc, (doc.get(i, Card) for i in dict.fromkeys(card_ids) if i in doc))
    if not cards:
        return Clipboard()
    stage_index = {s.id: i for j in {c.journey_id for c in cards} for i, s in enumerate(doc.stages(j))}
    lane_index = {ln.id: i for j in {c.journey_id for c in cards} for i, ln in enumerate(doc.lanes(j))}
    min_stage = min(stage_index[c.stage_id] for c in cards)
    min_lane = min(lane_index[c.lane_id] for c in cards)
    ids = {c.id for c in cards}
    relations = tuple(
        r for c in cards for r in doc.relations_of(c.id) if r.source_id == c.id and r.target_id in ids
    )
    return Clipboard(
        tuple(
            ClipboardCard(c, stage_index[c.stage_id] - min_stage, lane_index[c.lane_id] - min_lane,
                          doc.get(c.lane_id, Lane).kind)
            for c in cards
        ),
        relations,
    )


def paste_cards(
    session: Session, clipboard: Clipboard, journey_id: str, stage_id: str | None = None, lane_id: str | None = None
) -> list[str]:
    """Paste copied cards into a journey with new ids; the top-left card lands in the given cell.

    Cards keep their relative stage/lane offsets (clamped to the target journey's size);
    relations among the copied cards come along; references to catalogue entries that the
    target project lacks are dropped. Returns the new card ids in clipboard order.
    """
    doc = session.document
    stages = doc.stages(journey_id)
    lanes = [ln for ln in doc.lanes(journey_id)]
    if not clipboard:
        return []
    if not stages or not lanes:
        raise InvariantError("The journey needs at least one stage and one lane before cards can be pasted.")
    base_stage = next((i for i, s in enumerate(stages) if s.id == stage_id), 0)
    base_lane = next((i for i, ln in enumerate(lanes) if ln.id == lane_id), 0)
    mapping: dict[str, str] = {}
    with session.transaction(steps.paste([item.card for item in clipboard.cards])):
        for item in clipboard.cards:
            stage = stages[min(base_stage + item.stage_offset, len(stages) - 1)]
            lane = lanes[min(base_lane + item.lane_offset, len(lanes) - 1)]
            fields = {
                name: (value if value is None or value in doc else None)
                for name, value in (
                    ("touchpoint_id", item.card.touchpoint_id),
                    ("channel_id", item.card.channel_id),
                    ("department_id", item.card.department_id),
                )
            }
            cell = doc.cards_in_cell(stage.id, lane.id)
            copy = doc.add(
                item.card.replace(
                    id=new_id(), journey_id=journey_id, stage_id=stage.id, lane_id=lane.id, order=len(cell), **fields
                )
            )
            mapping[item.card.id] = copy.id
        for relation in clipboard.relations:
            doc.add(relation.replace(id=new_id(), source_id=mapping[relation.source_id], target_id=mapping[relation.target_id]))
    return [mapping[item.card.id] for item in clipboard.cards]
