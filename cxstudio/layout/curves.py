"""Emotion curves: every rated card of the journey as a point of each curve lane's plot, with its 1-10 axis."""

from __future__ import annotations

from collections import defaultdict
from typing import cast

from cxstudio.layout.boxes import CurvePoint, EmotionCurve
from cxstudio.layout.fonts import TextMeasurer
from cxstudio.layout.geometry import Rect, TextLine
from cxstudio.layout.rows import Row, journey_order_key
from cxstudio.layout.settings import LayoutSettings
from cxstudio.model.entities import Card, Lane, Stage


def curves(
    s: LayoutSettings,
    m: TextMeasurer,
    stages: list[Stage],
    lanes: list[Lane],
    all_cards: list[Card],
    stage_columns_x: list[float],
    curve_rows: list[tuple[Row, float, float]],
    cells_left: float,
    grid_right: float,
) -> list[EmotionCurve]:
    """The curve of each curve lane (row, plot top, plot bottom): rated cards in journey order, spread per stage."""
    if not curve_rows:
        return []
    stage_order = {stage.id: position for position, stage in enumerate(stages)}
    lane_order = {lane.id: position for position, lane in enumerate(lanes)}
    rated = sorted((c for c in all_cards if c.rating is not None), key=journey_order_key(stage_order, lane_order))
    per_stage: dict[str, list[Card]] = defaultdict(list)
    for card in rated:
        per_stage[card.stage_id].append(card)
    inner = s.column_width - 2 * s.cell_padding
    curves = []
    for row, plot_top, plot_bottom in curve_rows:
        top_y = plot_top + s.curve_inset
        bottom_y = plot_bottom - s.curve_inset
        plot = Rect(cells_left, plot_top, grid_right - cells_left, plot_bottom - plot_top)
        points = []
        for stage, x0 in zip(stages, stage_columns_x):
            members = per_stage.get(stage.id, [])
            for position, card in enumerate(members):
                x = x0 + s.cell_padding + inner * (position + 0.5) / len(members)
                rating = cast(int, card.rating)
                y = bottom_y - (rating - 1) / 9 * (bottom_y - top_y)
                points.append(CurvePoint(card.id, stage.id, x, y, rating))
        neutral_y = bottom_y - (5.5 - 1) / 9 * (bottom_y - top_y)
        tick_lines = []
        right = cells_left - 4
        for value in _tick_values(bottom_y - top_y, m.line_height(s.curve_tick_size)):
            text = str(value)
            width = m.width(text, s.curve_tick_size)
            y = bottom_y - (value - 1) / 9 * (bottom_y - top_y)
            baseline = y + (m.ascent(s.curve_tick_size) - m.descent(s.curve_tick_size)) / 2
            tick_lines.append(TextLine(text, right - width, baseline, s.curve_tick_size, False, False, width))
        curves.append(
            EmotionCurve(row.key, plot, tuple(points), neutral_y, tuple(tick_lines), top_y=top_y, bottom_y=bottom_y)
        )
    return curves


def _tick_values(span: float, line_height: float) -> tuple[int, ...]:
    """The ratings labelled on the axis, 10 at the top: every one from 1 to 10 when their lines do not touch,
    else every third (10, 7, 4, 1), else only the ends."""
    for values in ((10, 9, 8, 7, 6, 5, 4, 3, 2, 1), (10, 7, 4, 1)):
        step = (values[0] - values[1]) * span / 9
        if step >= line_height:
            return values
    return (10, 1)

