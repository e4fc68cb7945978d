"""Layout of one journey in one view: stage columns, lane rows, card boxes, emotion curves, relations, lines.

Everything here is a deterministic function of (document, journey, view, settings, measurer);
the canvas and every exporter draw exactly these rectangles and lines of text.

View rules (decided here, documented for users in the views' help):

* MAP shows every lane of the journey in its order; blueprint lines are drawn below the lanes
  that have `line_below` set.
* BLUEPRINT shows the lanes of the five blueprint kinds (physical evidence, customer actions,
  frontstage, backstage, support processes) plus any lane that carries a blueprint line, in
  lane order, with the lines. If the journey has none of those lanes, it shows all lanes (the
  blueprint lanes are ordinary lanes the user adds; showing an empty map would hide the cards
  and give nowhere to drop new ones).
* SWIMLANE_CHANNEL / SWIMLANE_DEPARTMENT regroup the journey's *touchpoint cards* -- cards of
  kind touchpoint, cards linked to a catalogue touchpoint and cards with their own channel --
  into one derived lane per channel (department) they use, in the catalogue's order, plus a
  "no channel" ("no department") lane last when some card has none. The effective channel is
  `card.channel_id`, else the catalogue touchpoint's `channel_id`; the same for departments.
  Derived placement is read-only (`JourneyLayout.editable_placement` is False). The
  journey's emotion-curve lanes follow the derived lanes. Derived lane keys are
  "channel:<id>", "channel:none", "department:<id>", "department:none".
* Emotion curves always plot every rated card of the journey (the curve belongs to the
  journey, not to the view), in journey order: stage order, then lane order, then card
  order. Within a stage column the k rated cards are spread evenly across the column.
  Cards placed in an emotion-curve lane are stacked at the top of their cells and the plot
  sits below them.
* Lanes of kind `channels` / `departments` in MAP and BLUEPRINT list, per stage, the channels
  (departments) the stage's cards use -- every card of the journey, any lane, effective
  channel (department) -- as chips (`JourneyLayout.chips`), in catalogue order, below any
  cards placed in them.
* Relations are drawn between cards that are both in the view; others (including relations
  to catalogue touchpoints) are skipped. Routes are orthogonal and never cross a card; labels
  never cover a card (they may cover each other).
* Cards stack in their cell by `order`; with `cell_columns` > 1 they fill that many card
  columns row by row (each row as tall as its tallest card).
* A card's top row names its kind (and priority, if set) on the left and shows its markers
  on the right: moment of truth, pain point, rating.
* A card's channel and department are badges at its bottom (`CardBox.badges`): one rounded
  pill each, the channel's with its line icon (`Channel.icon`, geometry in icons.py; an unknown
  or empty key gives the pill without an icon), the department's with a building glyph. Pills
  flow left to right and wrap onto further rows; a name wraps inside its pill to at most
  `badge_max_lines` (2) lines. The card grows to fit them; nothing overlaps its text.
* Text never leaves its box: titles wrap to at most `card_title_max_lines` (4) lines, texts to
  `card_text_max_lines` (6), badge names to `badge_max_lines` (2); longer text ends in "…".
  Internal notes, tags and expectations are never laid out (the layout also feeds client
  PDFs).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from cxstudio.layout.actions import lay_out_actions
from cxstudio.layout.boxes import (
    BlueprintLineGeom,
    CardBox,
    ChipBox,
    HeaderBox,
    Marker,
    moved_line,
    moved_lines,
    new_card_box,
)
from cxstudio.layout.chips import ChipBlock, chip_blocks
from cxstudio.layout.content import BoxKey, Builder, CardContent, CardKey, prune
from cxstudio.layout.curves import curves as lay_out_curves
from cxstudio.layout.fonts import TextMeasurer, default_measurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.layout.labels import label
from cxstudio.layout.persona import layout_persona_band
from cxstudio.layout.result import JourneyLayout
from cxstudio.layout.routing import relation_routes
from cxstudio.layout.rows import Row, rows_for_view
from cxstudio.layout.settings import DEFAULT_SETTINGS, LayoutSettings, ViewKind
from cxstudio.model.document import Document
from cxstudio.model.entities import Journey, LaneKind, Persona, Stage


def layout_journey(
    doc: Document,
    journey_id: str,
    view: ViewKind | str = ViewKind.MAP,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    measurer: TextMeasurer | None = None,
) -> JourneyLayout:
    """Lay out one journey in one view.

    Raises NotFoundError if `journey_id` is no journey of the document and ValueError for an
    unknown view, each with one sentence for the user. The phases: rows of the view, title block,
    stage headers, card contents, chips, row heights, rows (lane headers, lines, cells, cards,
    chips), emotion curves, relations.
    """
    if view not in ViewKind._value2member_map_:
        choices = ", ".join(v.value for v in ViewKind)
        raise ValueError(f"'{view}' is not a view of a journey; use one of {choices}.")
    view = ViewKind(view)
    measurer = measurer or default_measurer()
    s = settings
    journey = doc.get(journey_id, Journey)
    language = s.language or doc.project.language
    builder = Builder(doc, s, measurer, language)
    stages = doc.stages(journey_id)
    lanes = doc.lanes(journey_id)
    all_cards = doc.cards(journey_id)
    rows = rows_for_view(doc, view, lanes, stages, all_cards, language)

    title_lines, title_rect, grid_top = _title_block(doc, journey, view, builder, len(stages))
    band = layout_persona_band(doc, journey, measurer, language, s.margin, grid_top, title_rect.width) \
        if s.persona_band else None
    grid_top = band.rect.bottom + s.title_gap if band is not None else grid_top
    grid_left = s.margin
    cells_left = grid_left + s.lane_header_width
    stage_headers, stage_columns_x, header_height = _stage_headers(builder, stages, cells_left, grid_top)
    contents, card_keys = _card_contents(builder, rows)
    blocks: dict[tuple[str, str], ChipBlock] = {}
    for kind in sorted({row.chips_of for row in rows if row.chips_of is not None}):
        blocks.update(chip_blocks(doc, s, measurer, kind, stages, all_cards))
    body_top = grid_top + header_height
    row_tops, row_heights, row_header_texts = _row_heights(builder, view, rows, contents, blocks, body_top)
    body_bottom = body_top + sum(row_heights)
    grid_right = cells_left + s.column_width * len(stages)
    placed = _Placed()
    for row, top, height, texts in zip(rows, row_tops, row_heights, row_header_texts):
        _place_row(builder, view, placed, row, top, height, texts, stages, stage_columns_x, contents, blocks,
                   grid_right)
    prune(builder.content_cache, builder.box_cache, card_keys, placed.box_keys)
    curves = lay_out_curves(s, measurer, stages, lanes, all_cards, stage_columns_x, placed.curve_rows, cells_left,
                            grid_right)
    relations = relation_routes(doc, s, builder, placed.cards, stage_columns_x, placed.lane_rows)
    badges, actions_lane = lay_out_actions(doc, s, measurer, language, all_cards, placed.cards, stages,
                                           stage_columns_x, body_bottom, grid_right)
    grid_bottom = actions_lane.rect.bottom if actions_lane is not None else body_bottom

    column_width = s.column_width
    stage_columns = {
        stage.id: Rect(x, body_top, column_width, body_bottom - body_top) for stage, x in zip(stages, stage_columns_x)
    }
    grid_rect = Rect(grid_left, grid_top, grid_right - grid_left, grid_bottom - grid_top)
    width = max(grid_right, title_rect.right) + s.margin
    height = grid_bottom + s.margin
    return JourneyLayout(
        journey_id=journey_id,
        view=view,
        language=language,
        width=width,
        height=height,
        editable_placement=view.editable_placement,
        title_lines=title_lines,
        title_rect=title_rect,
        grid_rect=grid_rect,
        stage_ids=tuple(stage.id for stage in stages),
        lane_keys=tuple(row.key for row in rows),
        stage_columns=stage_columns,
        lane_rows=placed.lane_rows,
        stage_headers=stage_headers,
        lane_headers=placed.lane_headers,
        cells=placed.cells,
        cards=placed.cards,
        cell_cards=placed.cell_cards,
        curves=curves,
        relations=relations,
        lines=placed.lines,
        chips=placed.chips,
        settings=s,
        persona_band=band,
        action_badges=badges,
        actions_lane=actions_lane,
        _column_edges=[*stage_columns_x, grid_right] if stages else [],
        _row_edges=[*row_tops, body_bottom] if rows else [],
    )


def _title_block(
    doc: Document, journey: Journey, view: ViewKind, builder: Builder, stage_count: int
) -> tuple[tuple[TextLine, ...], Rect, float]:
    """The journey's name and a subtitle (persona, state, view) above the grid; returns lines, rect and the grid's top."""
    s, measurer, language = builder.s, builder.m, builder.language
    grid_width = s.lane_header_width + s.column_width * stage_count
    title_width = max(grid_width, 480.0)
    title_texts = measurer.wrap_measured(journey.name, title_width, s.title_size, bold=True, max_lines=s.title_max_lines)
    title_lines, y = builder.lines(title_texts, s.margin, s.margin, s.title_size, bold=True)
    subtitle_parts = []
    if journey.persona_id is not None:
        persona = doc.find(journey.persona_id)
        if isinstance(persona, Persona):
            subtitle_parts.append(f"{label('persona', language)}: {persona.name}")
    subtitle_parts.append(label(f"state.{journey.state}", language))
    subtitle_parts.append(label(f"view.{view.value}", language))
    subtitle_texts = measurer.wrap_measured(" \u00b7 ".join(subtitle_parts), title_width, s.subtitle_size, max_lines=2)
    subtitle_lines, y = builder.lines(subtitle_texts, s.margin, y + 2, s.subtitle_size)
    title_rect = Rect(s.margin, s.margin, title_width, y - s.margin)
    return title_lines + subtitle_lines, title_rect, y + s.title_gap


def _stage_headers(
    builder: Builder, stages: list[Stage], cells_left: float, grid_top: float
) -> tuple[list[HeaderBox], list[float], float]:
    """One header per stage in one row, as tall as the tallest; returns them, the columns' left x and the height."""
    s, measurer = builder.s, builder.m
    line_height = measurer.line_height
    column_width = s.column_width
    stage_texts = []
    inner_column = column_width - 2 * s.header_padding
    for stage in stages:
        name = measurer.wrap_measured(stage.name, inner_column, s.stage_header_size, bold=True, max_lines=s.stage_header_max_lines)
        description = measurer.wrap_measured(
            stage.description, inner_column, s.stage_description_size, max_lines=s.stage_description_max_lines
        ) if stage.description.strip() else []
        stage_texts.append((name, description))
    header_height = s.stage_header_min_height
    for name, description in stage_texts:
        needed = 2 * s.header_padding + len(name) * line_height(s.stage_header_size)
        if description:
            needed += 2 + len(description) * line_height(s.stage_description_size)
        header_height = max(header_height, needed)
    stage_headers = []
    stage_columns_x = []
    for position, (stage, (name, description)) in enumerate(zip(stages, stage_texts)):
        x = cells_left + position * column_width
        stage_columns_x.append(x)
        lines, below = builder.lines(name, x + s.header_padding, grid_top + s.header_padding, s.stage_header_size, bold=True)
        if description:
            more, _ = builder.lines(description, x + s.header_padding, below + 2, s.stage_description_size)
            lines = lines + more
        stage_headers.append(HeaderBox(stage.id, Rect(x, grid_top, column_width, header_height), lines, "stage", stage.id))
    return stage_headers, stage_columns_x, header_height


def _card_contents(builder: Builder, rows: list[Row]) -> tuple[dict[str, CardContent], dict[str, CardKey]]:
    """Each shown card's content (and so the height it needs), from the cache where the card did not change."""
    contents: dict[str, CardContent] = {}
    card_keys: dict[str, CardKey] = {}
    for row in rows:
        for cell in row.cells.values():
            for card in cell:
                key = card_keys[card.id] = builder.card_key(card)
                contents[card.id] = builder.card_content(key)
    return contents, card_keys


def _cell_slots(heights: list[float], s: LayoutSettings) -> tuple[list[tuple[int, float]], float]:
    """Where the cards of one cell go: (card column, y offset) per card, and the stack's height.

    Cards fill `cell_columns` columns row by row; each row is as tall as its tallest card.
    """
    columns = s.cell_columns
    slots: list[tuple[int, float]] = []
    offset = 0.0
    for first in range(0, len(heights), columns):
        row = heights[first : first + columns]
        slots.extend((column, offset) for column in range(len(row)))
        offset += max(row) + s.card_gap
    return slots, (offset - s.card_gap if heights else 0.0)


def _row_heights(
    builder: Builder,
    view: ViewKind,
    rows: list[Row],
    contents: dict[str, CardContent],
    blocks: dict[tuple[str, str], ChipBlock],
    body_top: float,
) -> tuple[list[float], list[float], list[tuple[list[str], list[str]]]]:
    """Each row as tall as its tallest cell, its header text and, for curves, the plot; returns tops, heights and
    the header's wrapped name and kind lines."""
    s, measurer, language = builder.s, builder.m, builder.language
    line_height = measurer.line_height
    inner_header = s.lane_header_width - 2 * s.header_padding
    row_tops: list[float] = []
    row_heights: list[float] = []
    row_header_texts: list[tuple[list[str], list[str]]] = []
    line_label_height = line_height(s.line_label_size) + 4
    for row in rows:
        header_width = inner_header - (s.curve_tick_width if row.is_curve else 0)
        name = measurer.wrap_measured(row.name, header_width, s.lane_header_size, bold=True, max_lines=s.lane_header_max_lines)
        kind_text = "" if row.kind == LaneKind.CARDS.value else label(f"lane.{row.kind}", language)
        if kind_text.casefold() == row.name.strip().casefold():
            kind_text = ""  # the name already says it
        kind_lines = measurer.wrap_measured(kind_text, header_width, s.meta_size, max_lines=2) if kind_text else []
        row_header_texts.append((name, kind_lines))
        needed = 2 * s.header_padding + len(name) * line_height(s.lane_header_size)
        if kind_lines:
            needed += 2 + len(kind_lines) * line_height(s.meta_size)
        show_line = row.line_below is not None and view in (ViewKind.MAP, ViewKind.BLUEPRINT)
        if show_line:
            needed += line_label_height
        tallest = 0.0
        for stage_id, cell in row.cells.items():
            stack = _cell_slots([contents[c.id].height for c in cell], s)[1] if cell else 0.0
            block = blocks.get((stage_id, row.chips_of)) if row.chips_of else None
            if block is not None:
                stack += (s.card_gap if cell else 0.0) + block[1]
            tallest = max(tallest, stack)
        cells_needed = 2 * s.cell_padding + tallest if tallest else 0.0
        if row.is_curve:
            cells_needed = (cells_needed or s.cell_padding) + s.curve_plot_height + s.cell_padding
        row_tops.append(body_top + sum(row_heights))
        row_heights.append(max(s.lane_min_height, needed, cells_needed))
    return row_tops, row_heights, row_header_texts


@dataclass(slots=True)
class _Placed:
    """What placing the rows produces, row after row."""

    lane_headers: list[HeaderBox] = field(default_factory=list)
    cells: dict[tuple[str, str], Rect] = field(default_factory=dict)
    cards: dict[str, CardBox] = field(default_factory=dict)
    cell_cards: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    lane_rows: dict[str, Rect] = field(default_factory=dict)
    lines: list[BlueprintLineGeom] = field(default_factory=list)
    curve_rows: list[tuple[Row, float, float]] = field(default_factory=list)  # row, top of plot, bottom of plot
    chips: list[ChipBox] = field(default_factory=list)
    box_keys: list[BoxKey] = field(default_factory=list)


def _place_row(
    builder: Builder,
    view: ViewKind,
    placed: _Placed,
    row: Row,
    top: float,
    height: float,
    texts: tuple[list[str], list[str]],
    stages: list[Stage],
    stage_columns_x: list[float],
    contents: dict[str, CardContent],
    blocks: dict[tuple[str, str], ChipBlock],
    grid_right: float,
) -> None:
    """One row: its lane header, the blueprint line below it, its cells with their cards and chips, its curve's plot."""
    s, measurer, language = builder.s, builder.m, builder.language
    grid_left = s.margin
    inner_header = s.lane_header_width - 2 * s.header_padding
    name, kind_lines = texts
    placed.lane_rows[row.key] = Rect(grid_left, top, grid_right - grid_left, height)
    header_lines, below = builder.lines(name, grid_left + s.header_padding, top + s.header_padding, s.lane_header_size,
                                        bold=True)
    if kind_lines:
        more, _ = builder.lines(kind_lines, grid_left + s.header_padding, below + 2, s.meta_size)
        header_lines = header_lines + more
    placed.lane_headers.append(
        HeaderBox(row.key, Rect(grid_left, top, s.lane_header_width, height), header_lines, row.kind, row.entity_id)
    )
    if row.line_below is not None and view in (ViewKind.MAP, ViewKind.BLUEPRINT):
        line_y = top + height
        text = label(f"line.{row.line_below}", language)
        line_texts = measurer.wrap_measured(text, inner_header, s.line_label_size, italic=True, max_lines=1)
        label_line = TextLine(
            line_texts[0][0] if line_texts else "", grid_left + s.header_padding,
            line_y - 4 - measurer.descent(s.line_label_size), s.line_label_size, False, True,
            line_texts[0][1] if line_texts else 0.0,
        )
        placed.lines.append(BlueprintLineGeom(row.line_below, line_y, grid_left, grid_right, label_line, row.key))
    tallest_stack = 0.0
    for stage, x in zip(stages, stage_columns_x):
        stack = _place_cell(builder, placed, row, stage, x, top, height, contents, blocks)
        if stack is not None:
            tallest_stack = max(tallest_stack, stack)
    if row.is_curve:
        plot_top = top + (tallest_stack + s.cell_padding if tallest_stack else s.cell_padding)
        placed.curve_rows.append((row, plot_top, top + height - s.cell_padding))


def _place_cell(
    builder: Builder,
    placed: _Placed,
    row: Row,
    stage: Stage,
    x: float,
    top: float,
    height: float,
    contents: dict[str, CardContent],
    blocks: dict[tuple[str, str], ChipBlock],
) -> float | None:
    """One cell: its cards stacked by order (from the box cache where nothing changed), then its chips; returns the
    height the stack takes from the row's top, None for an empty cell."""
    s, measurer = builder.s, builder.m
    placed.cells[(stage.id, row.key)] = Rect(x, top, s.column_width, height)
    cell_list = row.cells.get(stage.id, [])
    slots, stack_height = _cell_slots([contents[c.id].height for c in cell_list], s)
    ids = []
    for index, card in enumerate(cell_list):
        content = contents[card.id]
        column, offset = slots[index]
        cx = x + s.cell_padding + column * s.track_width
        y = top + s.cell_padding + offset
        box_key = (content, cx, y, index, row.key, stage.id)
        placed.box_keys.append(box_key)
        box = builder.box_cache.get(box_key)
        if box is None:
            box = builder.box_cache[box_key] = _card_box(s, content, card.id, card.lane_id, card.kind, card.rating,
                                                          card.moment_of_truth, card.pain_point, card.priority,
                                                          cx, y, index, row.key, stage.id)
        placed.cards[card.id] = box
        ids.append(card.id)
    y = top + s.cell_padding + (stack_height + s.card_gap if ids else 0.0)
    chip_kind = row.chips_of
    block = blocks.get((stage.id, chip_kind)) if chip_kind is not None else None
    if chip_kind is not None and block is not None:
        for entity_id, count, rect, (text, text_width) in block[0]:
            chip_rect = rect.translated(x + s.cell_padding, y)
            baseline = chip_rect.y + s.chip_padding + measurer.ascent(s.chip_size)
            chip_line = TextLine(text, chip_rect.x + s.chip_padding, baseline, s.chip_size, False, False, text_width)
            placed.chips.append(ChipBox(row.key, stage.id, chip_kind, entity_id, chip_rect, chip_line, count))
        y += block[1] + s.card_gap
    placed.cell_cards[(stage.id, row.key)] = tuple(ids)
    if ids or block is not None:
        return y - s.card_gap - top
    return None


def _card_box(
    s: LayoutSettings, content: CardContent, card_id: str, lane_id: str, kind: str, rating: int | None,
    moment_of_truth: bool, pain_point: bool, priority: int, cx: float, y: float, index: int, lane_key: str,
    stage_id: str,
) -> CardBox:
    """A card's content placed with its top-left at (cx, y)."""
    return new_card_box(dict(
        id=card_id,
        rect=Rect(cx, y, s.card_width, content.height),
        stage_id=stage_id,
        lane_key=lane_key,
        lane_id=lane_id,
        index=index,
        kind=kind,
        colour=content.colour,
        text_colour=content.text_colour,
        kind_line=moved_line(content.kind_line, cx, y) if content.kind_line is not None else None,
        title_lines=moved_lines(content.title_lines, cx, y),
        text_lines=moved_lines(content.text_lines, cx, y),
        badges=tuple(badge.moved(cx, y) for badge in content.badges),
        markers=tuple(
            Marker(mk.kind, mk.rect.translated(cx, y), mk.fill, moved_line(mk.label, cx, y)) for mk in content.markers
        ),
        rating=rating,
        moment_of_truth=moment_of_truth,
        pain_point=pain_point,
        priority=priority,
        channel_id=content.channel_id,
        channel_name=content.channel_name,
        department_id=content.department_id,
        department_name=content.department_name,
    ))


def best_cell_columns(
    doc: Document,
    journey_id: str,
    aspect_ratio: float,
    view: ViewKind | str = ViewKind.MAP,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    measurer: TextMeasurer | None = None,
    max_columns: int = 6,
) -> int:
    """The `cell_columns` (1..max_columns) that prints largest on paper of `aspect_ratio` (width/height).

    For posters: a journey with many cards per cell is tall and narrow with one card column;
    more columns make it wider and lower. Scaled to fit a paper W x H, a layout w x h prints
    at min(W/w, H/h); this picks the count that maximises it. Ties go to fewer columns.
    """
    if not (isinstance(aspect_ratio, (int, float)) and math.isfinite(aspect_ratio) and aspect_ratio > 0):
        raise ValueError(f"The aspect ratio must be a positive number, not {aspect_ratio!r}.")
    best, best_scale = 1, 0.0
    for columns in range(1, max(1, max_columns) + 1):
        candidate = dataclasses.replace(settings, cell_columns=columns)
        layout = layout_journey(doc, journey_id, view, candidate, measurer)
        scale = min(aspect_ratio / layout.width, 1.0 / layout.height)  # paper of height 1
        if scale > best_scale * (1 + 1e-9):
            best, best_scale = columns, scale
    return best

