"""Where new and pasted cards go: the real cell, position, kind and fields of a card made in a map or a swimlane view.

A view's lane keys are lane ids where placement is editable (the journey map, the blueprint) and
derived keys ("channel:<id>", "channel:none", "department:<id>", "department:none") in the swimlane
views, whose lanes group the journey's touchpoint cards. A card made in a derived lane goes into the
journey's *home lane* and gets the lane's channel or department, so it shows up where it was made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cxstudio.model.document import Document
from cxstudio.model.entities import Card, CardKind, LaneKind

Regrouped = Callable[[Card], bool]  # which cards a swimlane view regroups (the layout's `is_touchpoint_card`)


@dataclass(frozen=True, slots=True)
class NewCardPlace:
    """Where a new card goes: its real cell, its position there (None: at the end), its kind and extra fields."""

    stage_id: str
    lane_id: str
    index: int | None
    kind: str
    fields: Mapping[str, str] = field(default_factory=dict)


def first_card_lane_id(doc: Document, journey_id: str) -> str | None:
    """The journey's first lane that holds cards (not an emotion curve), else its first lane."""
    lanes = doc.lanes(journey_id)
    return next((lane.id for lane in lanes if lane.kind != LaneKind.EMOTION_CURVE.value), lanes[0].id if lanes else None)


def home_lane_id(doc: Document, journey_id: str, regrouped: Regrouped) -> str | None:
    """The real lane that takes cards made in a swimlane view: the one with most regrouped cards.

    Ties go to a plain cards lane, then to the upper lane; emotion-curve lanes never take them.
    """
    lanes = [lane for lane in doc.lanes(journey_id) if lane.kind != LaneKind.EMOTION_CURVE.value]
    if not lanes:
        return None
    counts = {lane.id: 0 for lane in lanes}
    for card in doc.cards(journey_id):
        if card.lane_id in counts and regrouped(card):
            counts[card.lane_id] += 1
    return max(lanes, key=lambda lane: (counts[lane.id], lane.kind == LaneKind.CARDS.value, -lane.order)).id


def derived_lane_fields(lane_key: str) -> dict[str, str]:
    """The field a card needs to appear in a derived swimlane lane: {"channel_id": id}, {"department_id": id} or {}."""
    prefix, _, entity_id = lane_key.partition(":")
    if not entity_id or entity_id == "none" or prefix not in ("channel", "department"):
        return {}
    return {f"{prefix}_id": entity_id}


def new_card_place(
    doc: Document,
    journey_id: str,
    stage_id: str,
    lane_key: str,
    kind: str,
    index: int | None,
    editable_placement: bool,
    regrouped: Regrouped,
) -> NewCardPlace | None:
    """Where a card of `kind` made in the view's cell (stage, lane key) at position `index` goes; None if nowhere.

    With editable placement the lane key is the lane and the card goes to `index`. In a derived swimlane
    lane the card goes to the end of the home lane's cell with the lane's channel or department; a step
    (or, in a department lane, any card without a department but a touchpoint) becomes a touchpoint, since
    only touchpoint cards are shown in swimlane views.
    """
    if editable_placement:
        return NewCardPlace(stage_id, lane_key, index, kind)
    lane_id = home_lane_id(doc, journey_id, regrouped)
    if lane_id is None:
        return None
    fields = derived_lane_fields(lane_key)
    department_lane = lane_key.partition(":")[0] == "department"
    if kind == CardKind.STEP.value or (department_lane and "department_id" not in fields
                                       and kind != CardKind.TOUCHPOINT.value):
        kind = CardKind.TOUCHPOINT.value
    return NewCardPlace(stage_id, lane_id, None, kind, fields)


def paste_cell(
    doc: Document, journey_id: str, stage_id: str, lane_key: str, editable_placement: bool, regrouped: Regrouped
) -> tuple[str, str] | None:
    """The real (stage id, lane id) that pasted cards go to when pasted into the view's cell (stage, lane key)."""
    if editable_placement:
        return stage_id, lane_key
    lane_id = home_lane_id(doc, journey_id, regrouped)
    return (stage_id, lane_id) if lane_id is not None else None
