"""The actions lane writes its words (lane name, status, due, no owner) from the map's labels (layout/labels.py) in
the project's language, as it does the kind labels, and its statuses agree with the report's."""

from __future__ import annotations

import dataclasses

import pytest

from cxstudio.api import create
from cxstudio.editing import operations as ops
from cxstudio.export.texts import word
from cxstudio.layout import DEFAULT_SETTINGS, ViewKind, layout_journey
from cxstudio.layout.labels import LANGUAGES, label
from cxstudio.model.entities import Action, ActionStatus


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_has_a_map_label_that_agrees_with_the_report(language: str) -> None:
    for status in ActionStatus:
        text = label(f"action.{status.value}", language)
        assert text != f"action.{status.value}" and text == word(f"status_{status.value}", language)


@pytest.mark.parametrize(("language", "lane", "due", "status", "nobody"), [
    ("de", "Maßnahmen", "fällig 31.03.2026", "abgebrochen", "ohne Verantwortliche"),
    ("en", "Actions", "due 2026-03-31", "cancelled", "no owner"),
])
def test_the_lane_speaks_the_project_s_language(language: str, lane: str, due: str, status: str,
                                                nobody: str) -> None:
    project = create("complaint-example", language)
    try:
        doc = project.document
        journey = doc.journeys()[0]
        card = doc.cards(journey.id)[0]
        project.run(ops.add_element, Action(title="Zz", card_ids=(card.id,), due="2026-03-31",
                                            status=ActionStatus.CANCELLED.value))
        settings = dataclasses.replace(DEFAULT_SETTINGS, actions_lane=True)
        layout = layout_journey(doc, journey.id, ViewKind.MAP, settings)
        assert layout.actions_lane is not None
        assert layout.actions_lane.header.lines[0].text == lane == label("action.lane", language)
        note = next(n for n in layout.actions_lane.notes if n.title_lines[0].text == "Zz")
        meta = " ".join(line.text for line in note.meta_lines)
        assert meta == f"{nobody} \u00b7 {due} \u00b7 {status}"
    finally:
        project.close()
