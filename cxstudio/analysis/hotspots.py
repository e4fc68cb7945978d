"""Pain-point hotspots: pain points per stage, channel and department, counted and weighted by priority, as heatmaps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cxstudio.analysis.common import (
    cards_in_scope,
    effective_channel,
    effective_department,
    is_pain_point,
    journeys_in_scope,
    name_of,
    weight,
)
from cxstudio.model.document import Document
from cxstudio.model.entities import Channel, Department

NONE_KEY = ""  # the column or row of pain points without a channel or department


@dataclass(frozen=True, slots=True)
class Tally:
    """Pain points of one stage, channel or department: how many, their weight (sum of 1 + priority), which."""

    id: str  # stage, channel or department id; "" for pain points without a channel or department
    name: str
    journey_id: str | None  # the stage's journey (None for channels and departments)
    count: int
    weight: int
    card_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heatmap:
    """Weighted pain points per stage (rows, in journey and stage order) and channel or department (columns)."""

    rows: tuple[Tally, ...]  # the stages
    columns: tuple[Tally, ...]  # the channels or departments (and "" for none, if used)
    cells: tuple[tuple[int, ...], ...]  # weight, rows x columns

    @property
    def maximum(self) -> int:
        return max((value for row in self.cells for value in row), default=0)


@dataclass(frozen=True, slots=True)
class Hotspots:
    by_stage: tuple[Tally, ...]
    by_channel: tuple[Tally, ...]
    by_department: tuple[Tally, ...]
    stage_by_channel: Heatmap
    stage_by_department: Heatmap


def _tallies(groups: dict[str, list[tuple[str, int]]], names: dict[str, str],
             journeys: dict[str, str | None]) -> tuple[Tally, ...]:
    tallies = [Tally(key, names.get(key, ""), journeys.get(key), len(items), sum(w for _i, w in items),
                     tuple(i for i, _w in items)) for key, items in groups.items()]
    return tuple(sorted(tallies, key=lambda t: (-t.weight, -t.count, t.name, t.id)))


def _ordered(document: Document, kind: type[Channel] | type[Department], used: set[str]) -> list[str]:
    ordered = [entity.id for entity in document.all(kind) if entity.id in used]
    return ordered + ([NONE_KEY] if NONE_KEY in used else [])


def pain_point_hotspots(document: Document, graph: object = None,
                        journey_ids: Iterable[str] | None = None) -> Hotspots:
    """Where pain points gather: per stage (of each journey), per channel and per department, and the
    heatmaps stage x channel and stage x department. Only stages with a pain point are rows."""
    journeys = journeys_in_scope(document, journey_ids)
    by_stage: dict[str, list[tuple[str, int]]] = defaultdict(list)
    by_channel: dict[str, list[tuple[str, int]]] = defaultdict(list)
    by_department: dict[str, list[tuple[str, int]]] = defaultdict(list)
    cells_channel: dict[tuple[str, str], int] = defaultdict(int)
    cells_department: dict[tuple[str, str], int] = defaultdict(int)
    for card in cards_in_scope(document, journeys):
        if not is_pain_point(card):
            continue
        w = weight(card)
        channel = effective_channel(document, card) or NONE_KEY
        department = effective_department(document, card) or NONE_KEY
        by_stage[card.stage_id].append((card.id, w))
        by_channel[channel].append((card.id, w))
        by_department[department].append((card.id, w))
        cells_channel[card.stage_id, channel] += w
        cells_department[card.stage_id, department] += w
    stage_rows = [stage for journey in journeys for stage in document.stages(journey.id) if stage.id in by_stage]
    stage_names = {stage.id: stage.name for stage in stage_rows}
    stage_journeys: dict[str, str | None] = {stage.id: stage.journey_id for stage in stage_rows}
    names = {key: name_of(document, key) for key in set(by_channel) | set(by_department) if key}
    stages = _tallies(by_stage, stage_names, stage_journeys)
    channels = _tallies(by_channel, names, {})
    departments = _tallies(by_department, names, {})
    stage_tally = {t.id: t for t in stages}
    row_tallies = tuple(stage_tally[stage.id] for stage in stage_rows)

    def heatmap(tallies: tuple[Tally, ...], order: list[str], cells: dict[tuple[str, str], int]) -> Heatmap:
        by_id = {t.id: t for t in tallies}
        columns = tuple(by_id[key] for key in order)
        return Heatmap(row_tallies, columns,
                       tuple(tuple(cells.get((row.id, column.id), 0) for column in columns) for row in row_tallies))

    return Hotspots(stages, channels, departments,
                    heatmap(channels, _ordered(document, Channel, set(by_channel)), cells_channel),
                    heatmap(departments, _ordered(document, Department, set(by_department)), cells_department))
