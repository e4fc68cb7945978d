"""Moving a group of cards as a block: each card shifts by the grabbed card's stage and lane offset (one undo step)."""

from __future__ import annotations

from collections.abc import Sequence

from cxstudio.editing import steps
from cxstudio.editing.operations import move_cards
from cxstudio.editing.session import Session
from cxstudio.model.entities import Card, LaneKind


def _shifted(order: list[str], current: str, shift: int) -> str:
    """The id `shift` places after `current` in `order`, kept inside it; ids outside `order` stay as they are."""
    if current not in order:
        return current
    return order[max(0, min(len(order) - 1, order.index(current) + shift))]


def block_targets(
    session: Session, card_ids: Sequence[str], grabbed_id: str, stage_id: str, lane_id: str | None
) -> dict[str, tuple[str, str]]:
    """Card id -> (stage id, lane id) when `grabbed_id` goes to (stage_id, lane_id) and the others follow as a block.

    Each card moves by as many stages (and card lanes, emotion curves skipped) as the grabbed card, kept
    inside the journey; `lane_id` None keeps every card in its own lane (the swimlane views' drop).
    """
    doc = session.document
    grabbed = doc.get(grabbed_id, Card)
    stages = [stage.id for stage in doc.stages(grabbed.journey_id)]
    lanes = [lane.id for lane in doc.lanes(grabbed.journey_id) if lane.kind != LaneKind.EMOTION_CURVE.value]
    stage_shift = stages.index(stage_id) - stages.index(grabbed.stage_id) if grabbed.stage_id in stages else 0
    lane_shift = 0
    if lane_id is not None and lane_id in lanes and grabbed.lane_id in lanes:
        lane_shift = lanes.index(lane_id) - lanes.index(grabbed.lane_id)
    targets: dict[str, tuple[str, str]] = {}
    for card_id in dict.fromkeys(card_ids):
        card = doc.get(card_id, Card)
        if card.journey_id != grabbed.journey_id:
            targets[card_id] = (stage_id, lane_id or card.lane_id)  # refused by move_cards with its sentence
            continue
        targets[card_id] = (_shifted(stages, card.stage_id, stage_shift), _shifted(lanes, card.lane_id, lane_shift))
    targets[grabbed_id] = (stage_id, lane_id if lane_id is not None else grabbed.lane_id)
    return targets


def move_cards_as_block(
    session: Session, card_ids: Sequence[str], grabbed_id: str, stage_id: str, lane_id: str | None = None,
    index: int | None = None,
) -> None:
    """Drop dragged cards: `grabbed_id` into (stage_id, lane_id) at `index`, the others shifted alike (`block_targets`).

    Cards from different lanes keep their lanes relative to each other, so a drag never piles them into one
    cell. One undo step, named like any card move; nothing is recorded when no card changes its place.
    """
    doc = session.document
    targets = block_targets(session, card_ids, grabbed_id, stage_id, lane_id)
    grabbed_cell = targets[grabbed_id]
    groups: dict[tuple[str, str], list[str]] = {grabbed_cell: []}
    for card_id, cell in targets.items():
        groups.setdefault(cell, []).append(card_id)
    moving = [doc.get(i, Card) for i, cell in targets.items()
              if cell != (doc.get(i, Card).stage_id, doc.get(i, Card).lane_id) or i == grabbed_id]
    with session.transaction(steps.move_cards(moving)):
        for cell, ids in groups.items():
            at = index if cell == grabbed_cell else None
            staying = all((doc.get(i, Card).stage_id, doc.get(i, Card).lane_id) == cell for i in ids)
            if at is not None or not staying:  # cards that keep their cell keep their place in it, unless placed
                move_cards(session, ids, cell[0], cell[1], at)
