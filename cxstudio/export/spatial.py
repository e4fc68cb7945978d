"""A grid index of rectangles: which of many shapes of a map meet a part of it, without testing every one.

A report prints a large map in hundreds of parts; looking up a part's arrows by testing all of the
map's arrows each time made the cost of a part grow with the map.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cxstudio.layout.geometry import Rect

CELL = 200.0  # layout points: about a card's width


class BoxIndex:
    """Rectangles bucketed on a square grid of `cell` layout points."""

    __slots__ = ("boxes", "cell", "buckets")

    def __init__(self, boxes: Sequence[Rect], cell: float = CELL) -> None:
        self.boxes = list(boxes)
        self.cell = cell
        self.buckets: dict[tuple[int, int], list[int]] = {}
        for i, box in enumerate(self.boxes):
            for cx in range(math.floor(box.x / cell), math.floor(box.right / cell) + 1):
                for cy in range(math.floor(box.y / cell), math.floor(box.bottom / cell) + 1):
                    self.buckets.setdefault((cx, cy), []).append(i)

    def query(self, left: float, top: float, right: float, bottom: float) -> list[int]:
        """The indices, ascending, of the rectangles meeting [left, right] x [top, bottom] (touching counts)."""
        cell = self.cell
        found: set[int] = set()
        for cx in range(math.floor(left / cell), math.floor(right / cell) + 1):
            for cy in range(math.floor(top / cell), math.floor(bottom / cell) + 1):
                bucket = self.buckets.get((cx, cy))
                if bucket:
                    found.update(bucket)
        boxes = self.boxes
        return sorted(i for i in found if boxes[i].x <= right and left <= boxes[i].x + boxes[i].width
                      and boxes[i].y <= bottom and top <= boxes[i].y + boxes[i].height)
