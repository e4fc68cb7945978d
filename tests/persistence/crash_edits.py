"""Deterministic numbered edits for the crash test: edit k depends only on k and the document it is applied to."""

from __future__ import annotations

import uuid

from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.model.entities import Card


def edit_id(step: int) -> str:
    return str(uuid.UUID(int=(step * 2654435761) % (1 << 122) | (1 << 100), version=4))


def apply_edit(session: Session, step: int) -> None:
    """Edit number `step`: add, retitle, move or delete a card, chosen and placed by `step` alone."""
    doc = session.document
    journey = doc.journeys()[0]
    stages, lanes = doc.stages(journey.id), doc.lanes(journey.id)
    cards = sorted(doc.cards(journey.id), key=lambda c: c.id)
    kind = step % 4
    if kind == 0 or len(cards) < 4:
        stage, lane = stages[step % len(stages)], lanes[(step // 3) % len(lanes)]
        order = len(doc.cards_in_cell(stage.id, lane.id))
        ops.add_element(session, Card(id=edit_id(step), journey_id=journey.id, stage_id=stage.id, lane_id=lane.id,
                                      order=order, title=f"Karte {step} – Größe", rating=step % 10 + 1))
    elif kind == 1:
        ops.edit_card(session, cards[step % len(cards)].id, title=f"Titel {step} äöü", text="x" * (step % 50))
    elif kind == 2:
        card = cards[step % len(cards)]
        ops.move_cards(session, [card.id], stages[(step + 1) % len(stages)].id, lanes[step % len(lanes)].id, 0)
    else:
        ops.delete_elements(session, [cards[step % len(cards)].id])
