"""New journeys, stages and lanes are named as the bundled templates name them, in the project's language."""

from __future__ import annotations

from cxstudio.content.new_elements import new_journey, new_lane_name, new_stage_name
from cxstudio.content.templates import build_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session


def test_a_new_journey_has_the_blank_journey_maps_stages_and_lanes() -> None:
    template = build_document("journey-map", "de")
    journey = template.journeys()[0]
    draft = new_journey(template)
    assert draft.stages == tuple(s.name for s in template.stages(journey.id))
    assert "Erwägung" in draft.stages and "Abwägung" not in draft.stages
    assert [(lane.name, lane.kind) for lane in draft.lanes] == [(ln.name, ln.kind) for ln in template.lanes(journey.id)]
    assert draft.lanes[0].name == "Kundenschritte"
    assert draft.name == f"{journey.name} 2", "the template's journey name, numbered when it is taken"
    session = Session(template)
    ops.add_journey(session, draft.name, draft.stages, draft.lanes)
    assert new_journey(template).name == f"{journey.name} 3"
    english = new_journey(build_document("complaint-example", "en"))
    assert english.name == "Customer journey" and english.stages[1] == "Consideration"
    assert new_journey(template, "en").lanes[0].name == "Customer steps"


def test_new_stages_and_lanes_are_named_in_the_projects_language() -> None:
    assert (new_stage_name("de"), new_stage_name("en"), new_stage_name("fr")) == ("Neue Phase", "New stage", "New stage")
    assert (new_lane_name("cards", "de"), new_lane_name("cards", "en")) == ("Neue Bahn", "New lane")
    assert new_lane_name("emotion_curve", "de") == "Emotionskurve"
    assert new_lane_name("departments", "de") == "Verantwortliche"  # as the journey-map template names it
    assert new_lane_name("support_processes", "de") == "Unterstützungsprozesse"
    assert new_lane_name("frontstage", "en") == "Frontstage (visible actions)"  # as the service blueprint names it
