"""Graphics items of the canvas, by family: each draws one box of the layout (card, header, arrow, curve, line) and nothing else.

`common` (shared colours, z-order, text drawing), `cards` (cards, chips, the overview layer),
`headers`, `arrows` (the batched arrow layer, one selectable item per relation), `background`
(grid, emotion curves, blueprint lines). Every style value comes from `cxstudio.layout.style`.
"""

from cxstudio.layout import merged_segments
from cxstudio.ui.canvas.items.arrows import RelationItem, RelationLayerItem
from cxstudio.ui.canvas.items.background import BlueprintLineItem, EmotionCurveItem, GridItem
from cxstudio.ui.canvas.items.cards import (
    BadgeDrawing,
    CardItem,
    CardOverviewItem,
    ChipItem,
    IconDrawing,
    _moved_only,
    badge_drawing,
    icon_drawing,
    paint_badge,
)
from cxstudio.ui.canvas.items.common import (
    HANDLE_RADIUS,
    SELECTION_COLOUR,
    SIMPLE_DETAIL,
    Z_CARD,
    Z_CURVE,
    Z_DRAGGED,
    Z_GRID,
    Z_HEADER,
    Z_LINE,
    Z_OVERLAY,
    Z_RELATION,
    ElementItem,
    draw_lines,
    level_of_detail,
    qrect,
)
from cxstudio.ui.canvas.items.headers import HeaderItem

__all__ = [
    "HANDLE_RADIUS", "SELECTION_COLOUR", "SIMPLE_DETAIL", "Z_CARD", "Z_CURVE", "Z_DRAGGED", "Z_GRID", "Z_HEADER",
    "Z_LINE", "Z_OVERLAY", "Z_RELATION", "BadgeDrawing", "BlueprintLineItem", "CardItem", "CardOverviewItem",
    "ChipItem", "ElementItem", "EmotionCurveItem", "GridItem", "HeaderItem", "IconDrawing", "RelationItem",
    "RelationLayerItem", "_moved_only", "badge_drawing", "draw_lines", "icon_drawing", "level_of_detail",
    "merged_segments", "paint_badge", "qrect",
]
