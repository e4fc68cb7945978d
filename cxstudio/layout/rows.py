"""Which lanes a view shows and which cards sit in each cell (the journey's lanes, or derived ones per channel/department).

Also a card's effective channel and department, and journey order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from cxstudio.layout.labels import label
from cxstudio.layout.settings import BLUEPRINT_LANE_KINDS, ViewKind
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, CardKind, Channel, Department, Lane, LaneKind, Stage, Touchpoint


@dataclass(slots=True)
class Row:
    """One lane as a view shows it: a lane of the journey or a derived channel/department lane, with its cells' cards."""

    key: str
    name: str
    kind: str  # lane kind, or "channel"/"department"
    entity_id: str | None
    line_below: str | None
    is_curve: bool
    cells: dict[str, list[Card]]  # stage id -> cards in view order
    chips_of: str | None = None  # "channel"/"department": the lane lists what the stage's cards use


def journey_order_key(
    stage_order: dict[str, int], lane_order: dict[str, int]
) -> Callable[[Card], tuple[int, int, int, str]]:
    """Sort key for journey order: stage order, then lane order, then the card's order in its cell."""

    def key(card: Card) -> tuple[int, int, int, str]:
        return (stage_order[card.stage_id], lane_order[card.lane_id], card.order, card.id)

    return key


def effective_channel_and_department(doc: Document, card: Card) -> tuple[str | None, str | None]:
    """The card's own channel and department, each falling back to its catalogue touchpoint's."""
    channel_id, department_id = card.channel_id, card.department_id
    if (channel_id is None or department_id is None) and card.touchpoint_id is not None:
        touchpoint = doc.find(card.touchpoint_id)
        if isinstance(touchpoint, Touchpoint):
            if channel_id is None:
                channel_id = touchpoint.channel_id
            if department_id is None:
                department_id = touchpoint.department_id
    return channel_id, department_id


def effective(doc: Document, card: Card, attribute: str) -> str | None:
    """The effective channel_id or department_id of a card (see effective_channel_and_department)."""
    channel_id, department_id = effective_channel_and_department(doc, card)
    return channel_id if attribute == "channel_id" else department_id


_DERIVED_CHIPS = {LaneKind.CHANNELS.value: "channel", LaneKind.DEPARTMENTS.value: "department"}


def is_touchpoint_card(card: Card) -> bool:
    """Touchpoints, cards from the catalogue, cards with a channel: the lane that holds most of them takes new cards
    made in a swimlane view (which shows every card, those without a channel or department in the lane for none)."""
    return card.kind == CardKind.TOUCHPOINT.value or card.touchpoint_id is not None or card.channel_id is not None


def preferred_view(doc: Document, journey_id: str) -> ViewKind:
    """The view a journey opens in: the service blueprint when every lane (an emotion curve aside) is a blueprint
    layer, as in the bundled service-blueprint template; else the journey map."""
    lanes = [lane for lane in doc.lanes(journey_id) if lane.kind != LaneKind.EMOTION_CURVE.value]
    if lanes and all(lane.kind in BLUEPRINT_LANE_KINDS for lane in lanes):
        return ViewKind.BLUEPRINT
    return ViewKind.MAP


def rows_for_view(
    doc: Document, view: ViewKind, lanes: list[Lane], stages: list[Stage], cards: list[Card], language: str
) -> list[Row]:
    lane_order = {lane.id: position for position, lane in enumerate(lanes)}
    stage_ids = {stage.id for stage in stages}
    if view in (ViewKind.MAP, ViewKind.BLUEPRINT):
        shown = lanes
        if view is ViewKind.BLUEPRINT:
            blueprint = [ln for ln in lanes if ln.kind in BLUEPRINT_LANE_KINDS or ln.line_below]
            shown = blueprint or lanes
        by_cell: dict[tuple[str, str], list[Card]] = defaultdict(list)
        for card in cards:
            by_cell[(card.stage_id, card.lane_id)].append(card)
        rows = []
        for lane in shown:
            cells = {}
            for stage in stages:
                cell = by_cell.get((stage.id, lane.id), [])
                cell.sort(key=lambda c: (c.order, c.id))
                cells[stage.id] = cell
            rows.append(
                Row(lane.id, lane.name, lane.kind, lane.id, lane.line_below,
                     lane.kind == LaneKind.EMOTION_CURVE.value, cells, _DERIVED_CHIPS.get(lane.kind))
            )
        return rows

    entity_type: type[Channel] | type[Department]
    if view is ViewKind.SWIMLANE_CHANNEL:
        attribute, entity_type, prefix = "channel_id", Channel, "channel"
    else:
        attribute, entity_type, prefix = "department_id", Department, "department"

    stage_order = {stage.id: position for position, stage in enumerate(stages)}
    # every card of the journey shows: those without a channel (department) in the lane for none, so that
    # what the emotion curve plots is on the map too
    chosen = sorted((c for c in cards if c.stage_id in stage_ids), key=journey_order_key(stage_order, lane_order))
    groups: dict[str | None, dict[str, list[Card]]] = {}
    for card in chosen:
        group = effective(doc, card, attribute)
        groups.setdefault(group, {stage.id: [] for stage in stages})[card.stage_id].append(card)
    named: list[Channel | Department] = [
        doc.get(group_id, entity_type) for group_id in groups if group_id is not None
    ]
    named.sort(key=lambda e: (e.order, e.name, e.id))
    rows = [
        Row(f"{prefix}:{entity.id}", entity.name, prefix, entity.id, None, False, groups[entity.id])
        for entity in named
    ]
    if None in groups:
        rows.append(Row(f"{prefix}:none", label(f"none.{prefix}", language), prefix, None, None, False, groups[None]))
    for lane in lanes:
        if lane.kind == LaneKind.EMOTION_CURVE.value:
            rows.append(Row(lane.id, lane.name, lane.kind, lane.id, None, True, {stage.id: [] for stage in stages}))
    return rows

