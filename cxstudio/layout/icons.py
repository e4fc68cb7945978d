"""Line icons of card badges as pure geometry (polylines and circles in a unit box), drawn alike by Qt and ReportLab.

Each icon is a handful of strokes in a 1 x 1 box (origin top-left, y down). A closed outline
repeats its first point at the end. `place_icon` scales an icon into a square of the layout;
the canvas and the PDF painter stroke the placed polylines and circles with `stroke_width`
and never add shapes of their own, so a badge looks the same on screen and in print.
Keys are `Channel.icon` values (see cxstudio/model/defaults.py) plus "building" for departments.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from cxstudio.layout.geometry import Point, Rect

ICON_STROKE = 0.09  # stroke width as a fraction of the icon's side
DEPARTMENT_ICON = "building"


@dataclass(frozen=True, slots=True)
class IconShape:
    """An icon's strokes: polylines (point sequences) and circles (centre x, centre y, radius)."""

    polylines: tuple[tuple[Point, ...], ...] = ()
    circles: tuple[tuple[float, float, float], ...] = ()
    stroke_width: float = ICON_STROKE


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, steps: int = 12) -> tuple[Point, ...]:
    """Points on an elliptical arc from `start` to `end` degrees (0 = right, 90 = down)."""
    return tuple(
        (cx + rx * math.cos(math.radians(start + (end - start) * i / steps)),
         cy + ry * math.sin(math.radians(start + (end - start) * i / steps)))
        for i in range(steps + 1)
    )


def _closed(*points: Point) -> tuple[Point, ...]:
    return (*points, points[0])


ICONS: dict[str, IconShape] = {
    "globe": IconShape(
        polylines=(
            ((0.08, 0.5), (0.92, 0.5)),
            _arc(0.5, 0.5, 0.18, 0.42, 0, 360, 20),
        ),
        circles=((0.5, 0.5, 0.42),),
    ),
    "smartphone": IconShape(
        polylines=(
            _closed((0.28, 0.06), (0.72, 0.06), (0.72, 0.94), (0.28, 0.94)),
            ((0.43, 0.8), (0.57, 0.8)),
        ),
    ),
    "mail": IconShape(
        polylines=(
            _closed((0.08, 0.2), (0.92, 0.2), (0.92, 0.8), (0.08, 0.8)),
            ((0.08, 0.2), (0.5, 0.55), (0.92, 0.2)),
        ),
    ),
    "chat": IconShape(
        polylines=(
            _closed((0.08, 0.14), (0.92, 0.14), (0.92, 0.68), (0.46, 0.68), (0.24, 0.88), (0.28, 0.68),
                    (0.08, 0.68)),
        ),
    ),
    "share": IconShape(
        polylines=(
            ((0.35, 0.45), (0.65, 0.27)),
            ((0.35, 0.55), (0.65, 0.73)),
        ),
        circles=((0.76, 0.2, 0.13), (0.24, 0.5, 0.13), (0.76, 0.8, 0.13)),
    ),
    "phone": IconShape(
        polylines=(
            _closed((0.22, 0.08), (0.38, 0.1), (0.46, 0.3), (0.36, 0.4), (0.6, 0.64), (0.7, 0.54), (0.9, 0.62),
                    (0.92, 0.8), (0.8, 0.92), (0.56, 0.86), (0.32, 0.68), (0.14, 0.44), (0.08, 0.2)),
        ),
    ),
    "store": IconShape(
        polylines=(
            _closed((0.08, 0.4), (0.18, 0.1), (0.82, 0.1), (0.92, 0.4)),
            ((0.16, 0.4), (0.16, 0.92), (0.84, 0.92), (0.84, 0.4)),
            ((0.42, 0.92), (0.42, 0.62), (0.58, 0.62), (0.58, 0.92)),
        ),
    ),
    "letter": IconShape(
        polylines=(
            _closed((0.2, 0.06), (0.62, 0.06), (0.8, 0.24), (0.8, 0.94), (0.2, 0.94)),
            ((0.62, 0.06), (0.62, 0.24), (0.8, 0.24)),
            ((0.32, 0.46), (0.68, 0.46)),
            ((0.32, 0.62), (0.68, 0.62)),
            ((0.32, 0.78), (0.56, 0.78)),
        ),
    ),
    "megaphone": IconShape(
        polylines=(
            _closed((0.08, 0.38), (0.3, 0.38), (0.76, 0.12), (0.76, 0.88), (0.3, 0.62), (0.08, 0.62)),
            ((0.22, 0.62), (0.3, 0.9), (0.42, 0.9), (0.38, 0.67)),
            ((0.9, 0.38), (0.9, 0.62)),
        ),
    ),
    "person": IconShape(
        polylines=(_arc(0.5, 0.96, 0.36, 0.4, 180, 360, 14),),
        circles=((0.5, 0.28, 0.19),),
    ),
    DEPARTMENT_ICON: IconShape(
        polylines=(
            _closed((0.2, 0.94), (0.2, 0.08), (0.8, 0.08), (0.8, 0.94)),
            ((0.36, 0.28), (0.44, 0.28)),
            ((0.56, 0.28), (0.64, 0.28)),
            ((0.36, 0.48), (0.44, 0.48)),
            ((0.56, 0.48), (0.64, 0.48)),
            ((0.44, 0.94), (0.44, 0.72), (0.56, 0.72), (0.56, 0.94)),
        ),
    ),
}


def has_icon(key: str) -> bool:
    """Whether `key` names a drawable icon (unknown and empty keys draw none)."""
    return key in ICONS


@lru_cache(maxsize=4096)
def place_icon(key: str, box: Rect) -> IconShape | None:
    """The icon `key` scaled into the square `box` (layout points), or None for an unknown or empty key."""
    shape = ICONS.get(key)
    if shape is None:
        return None
    side = min(box.width, box.height)
    left = box.x + (box.width - side) / 2
    top = box.y + (box.height - side) / 2
    return IconShape(
        polylines=tuple(tuple((left + x * side, top + y * side) for x, y in line) for line in shape.polylines),
        circles=tuple((left + x * side, top + y * side, r * side) for x, y, r in shape.circles),
        stroke_width=shape.stroke_width * side,
    )
