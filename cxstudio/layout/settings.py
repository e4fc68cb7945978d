"""What a layout is asked for: the views of a journey (`ViewKind`) and the sizes in points (`LayoutSettings`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from enum import StrEnum

from cxstudio.model.entities import LaneKind


class ViewKind(StrEnum):
    MAP = "map"
    BLUEPRINT = "blueprint"
    SWIMLANE_CHANNEL = "swimlane_channel"
    SWIMLANE_DEPARTMENT = "swimlane_department"

    @property
    def editable_placement(self) -> bool:
        """Whether cards may be placed by hand: not in the swimlane views, whose lanes are derived."""
        return self in (ViewKind.MAP, ViewKind.BLUEPRINT)


# The views' names on every command line (render, export) and in messages; older spellings are aliases.
VIEW_CHOICES: tuple[str, ...] = ("map", "blueprint", "swimlane", "swimlane-department")
VIEW_NAMES: dict[str, ViewKind] = {
    "map": ViewKind.MAP,
    "blueprint": ViewKind.BLUEPRINT,
    "swimlane": ViewKind.SWIMLANE_CHANNEL,
    "swimlane-department": ViewKind.SWIMLANE_DEPARTMENT,
    # aliases
    "journey": ViewKind.MAP,
    "swimlane-channel": ViewKind.SWIMLANE_CHANNEL,
    "swimlane_channel": ViewKind.SWIMLANE_CHANNEL,
    "swimlane_department": ViewKind.SWIMLANE_DEPARTMENT,
}


def view_from_name(name: str) -> ViewKind | None:
    """The view a command-line name (or alias, any case) stands for; None for an unknown name."""
    return VIEW_NAMES.get(str(name).strip().lower())


BLUEPRINT_LANE_KINDS: frozenset[str] = frozenset(
    {
        LaneKind.PHYSICAL_EVIDENCE.value,
        LaneKind.CUSTOMER_ACTIONS.value,
        LaneKind.FRONTSTAGE.value,
        LaneKind.BACKSTAGE.value,
        LaneKind.SUPPORT_PROCESSES.value,
    }
)


_SWITCHES = frozenset({"persona_band", "action_badges", "actions_lane"})


@dataclass(frozen=True, slots=True)
class LayoutSettings:
    """Sizes in points. Defaults: card titles 11 pt, readable on a projector at 100 % and at A0 fit."""

    margin: float = 24.0
    title_size: float = 20.0
    title_max_lines: int = 2
    subtitle_size: float = 11.0
    title_gap: float = 14.0  # between the title block and the grid
    header_padding: float = 8.0
    stage_header_size: float = 12.5
    stage_header_max_lines: int = 3
    stage_description_size: float = 9.0
    stage_description_max_lines: int = 3
    stage_header_min_height: float = 44.0
    lane_header_width: float = 180.0
    lane_header_size: float = 11.5
    lane_header_max_lines: int = 5
    lane_min_height: float = 84.0
    meta_size: float = 7.5  # kind label on a card, lane kind
    card_width: float = 180.0
    cell_columns: int = 1  # cards side by side per cell (row by row); more make wide maps for posters
    card_min_height: float = 60.0
    card_padding: float = 7.0
    card_block_gap: float = 4.0  # between the header row, title, text and badges of a card
    card_gap: float = 12.0  # between stacked cards of a cell
    cell_padding: float = 10.0
    card_title_size: float = 11.0
    card_title_max_lines: int = 4
    card_text_size: float = 9.5
    card_text_max_lines: int = 6
    badge_size: float = 7.5  # channel/department badges at a card's bottom
    badge_max_lines: int = 2
    badge_padding_x: float = 4.0
    badge_padding_y: float = 1.5
    badge_icon_gap: float = 2.5  # between a badge's icon and its name
    badge_gap: float = 3.0  # between badges, across and down
    chip_size: float = 9.0  # channel/department chips in derived lanes of a map
    chip_padding: float = 4.0
    chip_gap: float = 4.0
    marker_size: float = 14.0
    marker_gap: float = 3.0
    curve_plot_height: float = 130.0
    curve_inset: float = 12.0  # vertical room above 10 and below 1 inside the plot
    curve_tick_size: float = 8.0
    curve_tick_width: float = 22.0
    line_label_size: float = 8.0
    arrow_length: float = 8.0
    arrow_width: float = 6.0
    relation_label_size: float = 8.0
    relation_label_width: float = 140.0
    language: str | None = None  # None: the project's language
    # the map's switches; left out of repr, so that the defaults print as before (the layout snapshot test)
    persona_band: bool = field(default=False, repr=False)  # the journey's persona above the grid (layout/persona.py)
    action_badges: bool = field(default=True, repr=False)  # on each card that actions address (layout/actions.py)
    actions_lane: bool = field(default=False, repr=False)  # a row below the last lane: each stage's actions

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "language":
                continue
            if f.name in _SWITCHES:
                if not isinstance(value, bool):
                    raise ValueError(f"Layout setting {f.name} must be True or False, not {value!r}.")
                continue
            if f.name == "cell_columns":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ValueError(f"Layout setting cell_columns must be a whole number of 1 or more, not {value!r}.")
                continue
            if isinstance(value, int) and f.name.endswith("max_lines"):
                if value < 1:
                    raise ValueError(f"Layout setting {f.name} must be at least 1, not {value}.")
            elif not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
                raise ValueError(f"Layout setting {f.name} must be a number of points of 0 or more, not {value!r}.")
        for name in ("title_size", "subtitle_size", "stage_header_size", "stage_description_size",
                     "lane_header_size", "meta_size", "card_title_size", "card_text_size", "chip_size",
                     "badge_size",
                     "curve_tick_size", "line_label_size", "relation_label_size", "card_width", "lane_header_width"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Layout setting {name} must be more than 0.")
        if min(self.card_gap, self.cell_padding) < self.arrow_length:
            raise ValueError(
                f"card_gap and cell_padding must be at least arrow_length ({self.arrow_length:g} pt), "
                "so that every arrow head has room."
            )
        room = self.card_width - 2 * self.card_padding
        needed = 3 * self.marker_size + 2 * self.marker_gap
        if room < needed:
            raise ValueError(
                f"Cards of {self.card_width:g} pt are too narrow for their padding and three markers; "
                f"make them at least {needed + 2 * self.card_padding:g} pt wide."
            )

    @property
    def track_width(self) -> float:
        """Width of one card column inside a stage: the card and its padding on both sides."""
        return self.card_width + 2 * self.cell_padding

    @property
    def column_width(self) -> float:
        return self.cell_columns * self.track_width


DEFAULT_SETTINGS = LayoutSettings()
