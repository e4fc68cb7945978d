"""Geometric value types of the layout: rectangles, points and positioned lines of text (points, y downwards).

Rect and TextLine are immutable named tuples rather than frozen dataclasses: a large journey
creates tens of thousands of them per layout, and a named tuple is built about four times
faster. Use attribute access; `_replace` gives a changed copy.
"""

from __future__ import annotations

from typing import NamedTuple

Point = tuple[float, float]


class Rect(NamedTuple):
    """An axis-aligned rectangle in points; origin top-left, y grows downwards."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def contains(self, x: float, y: float) -> bool:
        """True if the point lies inside or on the border."""
        return self.x <= x <= self.x + self.width and self.y <= y <= self.y + self.height

    def contains_rect(self, other: Rect, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.x + other.width <= self.x + self.width + tolerance
            and other.y + other.height <= self.y + self.height + tolerance
        )

    def intersects(self, other: Rect) -> bool:
        """True if the interiors overlap (rectangles that only touch do not intersect)."""
        return (
            self.x < other.x + other.width
            and other.x < self.x + self.width
            and self.y < other.y + other.height
            and other.y < self.y + self.height
        )

    def on_border(self, x: float, y: float, tolerance: float = 1e-6) -> bool:
        """True if the point lies on the rectangle's outline."""
        right, bottom = self.x + self.width, self.y + self.height
        inside = self.x - tolerance <= x <= right + tolerance and self.y - tolerance <= y <= bottom + tolerance
        if not inside:
            return False
        return (
            abs(x - self.x) <= tolerance
            or abs(x - right) <= tolerance
            or abs(y - self.y) <= tolerance
            or abs(y - bottom) <= tolerance
        )

    def translated(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.width, self.height)

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(0.0, self.width - 2 * dx), max(0.0, self.height - 2 * dy))


class TextLine(NamedTuple):
    """One line of text to draw as it is (never re-wrapped): left x, baseline y, size in points, face."""

    text: str
    x: float
    baseline: float
    size: float
    bold: bool = False
    italic: bool = False
    width: float = 0.0  # measured advance width of `text` at `size` in this face

    def bounds(self, ascent: float, descent: float) -> Rect:
        """The line's box given the font's ascent and descent at this size."""
        return Rect(self.x, self.baseline - ascent, self.width, ascent + descent)
