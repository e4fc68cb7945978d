"""Pure geometry of journey views: stage columns, lane rows, card rectangles, curve points.

Modules: `settings` (views, sizes), `style` (the one look of screen and print), `rows` (lanes of a
view), `content` (card contents), `chips`, `curves`, `routing` (arrows, segment index), `boxes`
(result types), `result` (JourneyLayout and hit testing), `journey` (`layout_journey`'s phases).
"""

# Public names. Differences from notes/layout_contract.md (the contract's names all exist):
# - Rect, TextLine and CurvePoint are immutable named tuples (built ~4x faster than frozen
#   dataclasses); use attribute access. TextLine adds `italic` and `width` (measured advance).
# - FONT_FILES also has "bold_italic"; TextMeasurer adds `wrap_measured` (lines with widths),
#   `ascent`, `descent`; `default_measurer()` is the shared instance; FontFileError for bad fonts.
# - CardBox adds `lane_id`, `kind_line` (kind and priority), `badges` (CardBadge: channel and department
#   pills with their icon square and wrapped name; `BADGE_COLOURS`, icons.place_icon draw them),
#   `markers` (Marker: kind, rect, fill, centred label), `text_colour`.
# - BlueprintLineGeom has `label_line` (a TextLine; `.label` gives its text) and `lane_key`.
# - JourneyLayout adds `title_lines`/`title_rect`, `grid_rect`, `stage_ids`, `lane_keys`,
#   `stage_columns`, `lane_rows`, `cell_cards`, `chips` (ChipBox: channels/departments a stage
#   uses, shown in lanes of kind channels/departments;
#   `CHIP_COLOURS`/`CHIP_RADIUS` style them on screen and in print), `editable_placement`, `settings`, and
#   `cards_in_cell`, `cards_in_rect`, `drop_target_indicator`; `insertion_index` takes an optional `x`.
# - LayoutSettings.cell_columns (default 1) puts several cards side by side per cell, row by row:
#   wider, lower maps for posters. `track_width` is one card column, `column_width` a stage.
#   `best_cell_columns(doc, journey_id, aspect_ratio, ...)` picks the count that prints largest on a paper.
from cxstudio.layout.boxes import (
    BlueprintLineGeom,
    CardBadge,
    CardBox,
    ChipBox,
    CurvePoint,
    EmotionCurve,
    HeaderBox,
    Marker,
    RelationRoute,
    star_points,
)
from cxstudio.layout.fonts import (
    ELLIPSIS,
    FONT_DIR,
    FONT_FAMILY,
    FONT_FILES,
    FONT_LICENSE,
    FontFileError,
    FontMetrics,
    TextMeasurer,
    default_measurer,
    missing_glyphs,
)
from cxstudio.layout.geometry import Point, Rect, TextLine
from cxstudio.layout.icons import DEPARTMENT_ICON, ICONS, IconShape, has_icon, place_icon
from cxstudio.layout.journey import best_cell_columns, layout_journey
from cxstudio.layout.labels import label
from cxstudio.layout.result import CURVE_HIT, RELATION_HIT, JourneyLayout
from cxstudio.layout.routing import SegmentIndex, arrow_head, merged_segments
from cxstudio.layout.rows import effective_channel_and_department, is_touchpoint_card
from cxstudio.layout.settings import BLUEPRINT_LANE_KINDS, DEFAULT_SETTINGS, LayoutSettings, ViewKind
from cxstudio.layout.style import (
    BADGE_BORDER_WIDTH,
    BADGE_COLOURS,
    BLUEPRINT_LINE_COLOURS,
    BLUEPRINT_LINE_FALLBACK,
    CHIP_COLOURS,
    CHIP_RADIUS,
    CURVE_COLOUR,
    CURVE_FRAME,
    CURVE_ROW_FILL,
    GRID_LINE,
    INK,
    KIND_COLOURS,
    LANE_HEADER_FILL,
    MARKER_TEXT_COLOUR,
    MOMENT_OF_TRUTH_COLOUR,
    MUTED_INK,
    NEUTRAL_LINE,
    ODD_ROW_FILL,
    PAIN_POINT_COLOUR,
    RELATION_COLOUR,
    STAGE_HEADER_BAR,
    STAGE_HEADER_FILL,
    CardStyle,
    card_style,
    rating_colour,
    readable_text_colour,
)

__all__ = ["INK", "MUTED_INK", "GRID_LINE", "STAGE_HEADER_FILL", "STAGE_HEADER_BAR", "LANE_HEADER_FILL", "ODD_ROW_FILL", "CURVE_ROW_FILL", "RELATION_COLOUR", "CURVE_COLOUR", "CURVE_FRAME", "NEUTRAL_LINE", "BLUEPRINT_LINE_COLOURS", "BLUEPRINT_LINE_FALLBACK", "MOMENT_OF_TRUTH_COLOUR", "PAIN_POINT_COLOUR",
    "CURVE_HIT", "RELATION_HIT", "CardStyle", "SegmentIndex", "arrow_head", "card_style", "merged_segments",
    "star_points",
    "BADGE_BORDER_WIDTH",
    "BADGE_COLOURS",
    "BLUEPRINT_LANE_KINDS",
    "CHIP_COLOURS",
    "CHIP_RADIUS",
    "DEFAULT_SETTINGS",
    "DEPARTMENT_ICON",
    "ELLIPSIS",
    "FONT_DIR",
    "FONT_FAMILY",
    "FONT_FILES",
    "FONT_LICENSE",
    "ICONS",
    "KIND_COLOURS",
    "MARKER_TEXT_COLOUR",
    "BlueprintLineGeom",
    "CardBadge",
    "CardBox",
    "ChipBox",
    "CurvePoint",
    "EmotionCurve",
    "FontFileError",
    "FontMetrics",
    "HeaderBox",
    "IconShape",
    "JourneyLayout",
    "LayoutSettings",
    "Marker",
    "Point",
    "Rect",
    "RelationRoute",
    "TextLine",
    "TextMeasurer",
    "ViewKind",
    "best_cell_columns",
    "default_measurer",
    "effective_channel_and_department",
    "has_icon",
    "is_touchpoint_card",
    "label",
    "layout_journey",
    "missing_glyphs",
    "place_icon",
    "rating_colour",
    "readable_text_colour",
]
