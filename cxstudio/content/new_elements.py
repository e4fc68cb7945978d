"""Names of new journeys, stages and lanes in the project's language: the ones the bundled templates use.

A new journey gets the stages and lanes of the blank journey map (`cxstudio/resources/templates/journey-map.toml`);
a new lane of a special kind is named as the bundled templates name their lane of that kind. Names are
content, so they follow the project's language, not the editor's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cxstudio.editing.operations import LaneSpec
from cxstudio.layout.labels import label
from cxstudio.model.document import Document
from cxstudio.model.entities import LaneKind

JOURNEY_TEMPLATE = "journey-map"
LANE_TEMPLATES = ("journey-map", "service-blueprint")  # where a lane kind's name is looked up, in this order
NEW_STAGE = {"de": "Neue Phase", "en": "New stage"}
NEW_LANE = {"de": "Neue Bahn", "en": "New lane"}


@dataclass(frozen=True, slots=True)
class JourneyDraft:
    """What `operations.add_journey` needs for a new journey: its name, stage names and lanes."""

    name: str
    stages: tuple[str, ...]
    lanes: tuple[LaneSpec, ...]


def _language(language: str) -> str:
    return "de" if language == "de" else "en"


@lru_cache(maxsize=4)
def _template(name: str, language: str) -> Document:
    from cxstudio.content.templates import build_document  # tomllib and the templates: only when a name is asked

    return build_document(name, language)


def new_journey(doc: Document, language: str | None = None) -> JourneyDraft:
    """The blank journey map's journey in `language` (default: the project's), numbered if its name is taken."""
    language = _language(language or doc.project.language)
    template = _template(JOURNEY_TEMPLATE, language)
    journey = template.journeys()[0]
    taken = {j.name for j in doc.journeys()}
    name = journey.name
    number = 2
    while name in taken:
        name = f"{journey.name} {number}"
        number += 1
    stages = tuple(stage.name for stage in template.stages(journey.id))
    lanes = tuple(LaneSpec(lane.name, lane.kind, lane.line_below) for lane in template.lanes(journey.id))
    return JourneyDraft(name, stages, lanes)


def new_stage_name(language: str) -> str:
    """The name of a new stage: "Neue Phase" or "New stage"."""
    return NEW_STAGE[_language(language)]


def new_lane_name(kind: str, language: str) -> str:
    """The name of a new lane: "Neue Bahn" / "New lane" for cards, else the bundled templates' name for the kind."""
    language = _language(language)
    if kind == LaneKind.CARDS.value:
        return NEW_LANE[language]
    for template_name in LANE_TEMPLATES:
        template = _template(template_name, language)
        for journey in template.journeys():
            lane = next((lane for lane in template.lanes(journey.id) if lane.kind == kind), None)
            if lane is not None:
                return lane.name
    return label(f"lane.{kind}", language)
