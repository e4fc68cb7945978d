"""Metric values in the client report: numbers with their unit and sign, and bars drawn from zero in both directions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from cxstudio.export import fonts
from cxstudio.export.texts import format_number
from cxstudio.model.entities import Metric

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
CURRENT = colors.HexColor("#2f6690")
TARGET = colors.HexColor("#f2a541")
BEST = colors.HexColor("#3a7d44")
MINUS = "\u2212"
SHORT_UNIT = 7  # longer units (a scale's description) stay in the table columns, not beside the bars
BAR_PT = 7.0


def is_signed(metric: Metric) -> bool:
    """A metric whose values can fall below zero (NPS): its values are printed with a sign."""
    values = (metric.current, metric.target, metric.best_in_class)
    return metric.kind == "nps" or any(v is not None and v < 0 for v in values)


def format_signed(value: float | None, language: str, signed: bool = False) -> str:
    """A number with a true minus sign, and a plus sign on positive values of a signed metric."""
    if value is None:
        return ""
    text = format_number(abs(value), language)
    if value < 0 and text != "0":
        return MINUS + text
    return f"+{text}" if signed and value > 0 else text


def with_unit(number: str, unit: str, language: str) -> str:
    """`number` followed by its unit ('54 %' in German, '54%' in English); empty stays empty."""
    if not number or not unit:
        return number
    if unit == "%" and language != "de":
        return number + unit
    return f"{number} {unit}"


def metric_value(metric: Metric, value: float | None, language: str, unit: bool = True) -> str:
    """One of a metric's values as printed: signed where the metric is, with its unit."""
    text = format_signed(value, language, is_signed(metric))
    return with_unit(text, metric.unit, language) if unit else text


class SignedBars(Flowable):
    """Current, target and best-in-class of a metric as bars from a zero line: negative values to its left,
    positive ones to its right, all on one scale; each bar ends in its value."""

    ROW = 9.5

    def __init__(self, metric: Metric, width: float, labels: Sequence[str], language: str) -> None:
        super().__init__()
        self.metric, self.bar_width, self.labels, self.language = metric, width, list(labels), language

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.bar_width, self.ROW * 3 + 1

    def values(self) -> list[tuple[str, float | None, Any]]:
        m = self.metric
        return [(self.labels[0], m.current, CURRENT), (self.labels[1], m.target, TARGET),
                (self.labels[2], m.best_in_class, BEST)]

    def draw(self) -> None:
        if getattr(self.canv, "draft", False):
            return
        c, face = self.canv, fonts.face()
        values = self.values()
        short = self.metric.unit if len(self.metric.unit) <= SHORT_UNIT else ""
        texts = [with_unit(format_signed(v, self.language, is_signed(self.metric)), short, self.language)
                 for _n, v, _c in values]
        label_width = max(stringWidth(name, face, BAR_PT) for name, _v, _c in values) + 4
        right_room = max([stringWidth(t, face, BAR_PT) for t, (_n, v, _c) in zip(texts, values)
                          if v is not None and v >= 0] or [0]) + 3
        left_room = max([stringWidth(t, face, BAR_PT) for t, (_n, v, _c) in zip(texts, values)
                         if v is not None and v < 0] or [0])
        left_room = left_room + 3 if left_room else 0
        x0, x1 = label_width + left_room, self.bar_width - right_room
        numbers = [v for _n, v, _c in values if v is not None]
        low, high = min([0.0, *numbers]), max([0.0, *numbers])
        if high == low:
            high = low + 1.0

        def x(value: float) -> float:
            return x0 + (value - low) / (high - low) * (x1 - x0)

        zero = x(0.0)
        c.setFont(face, BAR_PT)
        for index, ((name, value, colour), text) in enumerate(zip(values, texts)):
            y = self.ROW * (2 - index) + 1
            c.setFillColor(MUTED)
            c.drawString(0, y + 1.6, name)
            if value is None:
                c.drawString(zero + 2, y + 1.6, "\u2013")
                continue
            end = x(value)
            left, right = min(zero, end), max(zero, end)
            if right - left < 0.6:  # a zero value still shows where it is
                left, right = (zero - 0.6, zero) if value < 0 else (zero, zero + 0.6)
            c.setFillColor(colour)
            c.rect(left, y, right - left, self.ROW - 2.5, stroke=0, fill=1)
            c.setFillColor(INK)
            if value < 0:
                c.drawRightString(left - 2, y + 1.6, text)
            else:
                c.drawString(right + 2, y + 1.6, text)
        c.setStrokeColor(INK)
        c.setLineWidth(0.6)
        c.line(zero, 0, zero, self.ROW * 3 + 1)
