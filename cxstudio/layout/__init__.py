"""Pure geometry of journey views: stage columns, lane rows, card rectangles, curve points."""

# Public names. Differences from notes/layout_contract.md: BlueprintLineGeom carries `label_line`
# (a TextLine) and `lane_key`; CardBox has `kind_line`, `footer_lines` (channel · department) and
# `markers` (Marker rects with fill and centred label); JourneyLayout adds `cell_cards`,
# `stage_columns`, `lane_rows`, `grid_rect`, `title_lines`/`title_rect`, `editable_placement`,
# `cards_in_cell`, `cards_in_rect`, `drop_target_indicator` and `chips` (ChipBox: the channels or departments
# a stage's cards use, shown in lanes of kind channels/departments); TextLine adds `italic` and `width`.
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
from cxstudio.layout.journey import (
    BLUEPRINT_LANE_KINDS,
    DEFAULT_SETTINGS,
    KIND_COLOURS,
    MARKER_TEXT_COLOUR,
    BlueprintLineGeom,
    CardBox,
    ChipBox,
    CurvePoint,
    EmotionCurve,
    HeaderBox,
    JourneyLayout,
    LayoutSettings,
    Marker,
    RelationRoute,
    ViewKind,
    is_touchpoint_card,
    layout_journey,
    rating_colour,
    readable_text_colour,
)
from cxstudio.layout.labels import label

__all__ = [
    "BLUEPRINT_LANE_KINDS",
    "DEFAULT_SETTINGS",
    "ELLIPSIS",
    "FONT_DIR",
    "FONT_FAMILY",
    "FONT_FILES",
    "FONT_LICENSE",
    "KIND_COLOURS",
    "MARKER_TEXT_COLOUR",
    "BlueprintLineGeom",
    "CardBox",
    "ChipBox",
    "CurvePoint",
    "EmotionCurve",
    "FontFileError",
    "FontMetrics",
    "HeaderBox",
    "JourneyLayout",
    "LayoutSettings",
    "Marker",
    "Point",
    "Rect",
    "RelationRoute",
    "TextLine",
    "TextMeasurer",
    "ViewKind",
    "default_measurer",
    "is_touchpoint_card",
    "label",
    "layout_journey",
    "missing_glyphs",
    "rating_colour",
    "readable_text_colour",
]
