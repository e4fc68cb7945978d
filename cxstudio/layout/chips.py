"""Chips of a map's Channels and Departments lanes: per stage, the channels (departments) its cards use."""

from __future__ import annotations

from collections import defaultdict

from cxstudio.layout.fonts import TextMeasurer
from cxstudio.layout.geometry import Rect
from cxstudio.layout.rows import effective
from cxstudio.layout.settings import LayoutSettings
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Channel, Department, Stage

ChipBlock = tuple[list[tuple[str, int, Rect, tuple[str, float]]], float]  # chips relative to the block, its height


def chip_blocks(
    doc: Document,
    s: LayoutSettings,
    measurer: TextMeasurer,
    kind: str,
    stages: list[Stage],
    all_cards: list[Card],
) -> dict[tuple[str, str], ChipBlock]:
    """Per stage, the channels (departments) its cards use, as chips flowed into the card width.

    Every card of the journey counts, in any lane, with its effective channel (department):
    its own, else its catalogue touchpoint's. Chips follow the catalogue order. Returns
    (stage id, kind) -> (chips relative to the block's top-left, block height).
    """
    attribute = "channel_id" if kind == "channel" else "department_id"
    entity_type: type[Channel] | type[Department] = Channel if kind == "channel" else Department
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for card in all_cards:
        entity_id = effective(doc, card, attribute)
        if entity_id is not None:
            counts[card.stage_id][entity_id] += 1
    height = measurer.line_height(s.chip_size) + 2 * s.chip_padding
    text_room = s.card_width - 2 * s.chip_padding
    blocks = {}
    for stage in stages:
        used = counts.get(stage.id)
        if not used:
            continue
        entities = sorted((doc.get(i, entity_type) for i in used), key=lambda e: (e.order, e.name, e.id))
        chips = []
        x = y = 0.0
        for entity in entities:
            texts = measurer.wrap_measured(entity.name, text_room, s.chip_size, max_lines=1) or [("", 0.0)]
            width = texts[0][1] + 2 * s.chip_padding
            if x > 0 and x + width > s.card_width:
                x, y = 0.0, y + height + s.chip_gap
            chips.append((entity.id, used[entity.id], Rect(x, y, width, height), texts[0]))
            x += width + s.chip_gap
        blocks[(stage.id, kind)] = (chips, y + height)
    return blocks

