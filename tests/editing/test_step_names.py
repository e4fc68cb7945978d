"""Undo steps are named by a message key with parameters, read as an English sentence naming the element."""

from __future__ import annotations

import copy
import pickle

import pytest

from cxstudio import api
from cxstudio.content.templates import build_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.editing.steps import NAME_LIMIT, STEP_PARAMS, STEP_TEXTS, StepName
from cxstudio.model.entities import Card, Persona, Relation


@pytest.fixture
def session() -> Session:
    return Session(build_document("complaint-example", "en"))


def _card(session: Session, title: str) -> Card:
    return next(c for c in session.document.all(Card) if c.title == title)


def test_a_step_name_is_its_english_sentence_with_key_and_parameters() -> None:
    step = StepName("rename_named", kind="card", name="Callback via hotline")
    assert step == "Rename card “Callback via hotline”" and isinstance(step, str)
    assert step.key == "rename_named" and dict(step.params) == {"kind": "card", "name": "Callback via hotline"}
    assert pickle.loads(pickle.dumps(step)).key == "rename_named" and copy.deepcopy(step).params == step.params
    with pytest.raises(ValueError, match="takes"):
        StepName("rename_named", kind="card")
    assert all(set(STEP_PARAMS[key]) <= {"kind", "name", "count", "fields", "relation"} for key in STEP_TEXTS)


def test_every_operation_names_its_step_and_the_element(session: Session) -> None:
    doc = session.document
    journey = doc.journeys()[0]
    stage, lane = doc.stages(journey.id)[0], doc.lanes(journey.id)[0]
    card = ops.add_card(session, stage.id, lane.id, "Callback via hotline")
    assert (session.undo_name, session.undo_name.key) == ("Add card “Callback via hotline”", "add_named")
    ops.edit_card(session, card.id, title="Callback via the hotline")
    assert session.undo_name == "Rename card “Callback via the hotline”"
    ops.edit_card(session, card.id, rating=3, pain_point=True)
    assert session.undo_name == "Edit card “Callback via the hotline”: pain point, rating"
    assert session.undo_name.params["fields"] == ("pain_point", "rating")
    ops.move_stage(session, stage.id, 2)
    assert session.undo_name == f"Move stage “{stage.name}”"
    ops.add_card(session, stage.id, lane.id)
    assert session.undo_name == "Add card"
    untitled = doc.cards_in_cell(stage.id, lane.id)[-1]
    ops.move_cards(session, [untitled.id, card.id], stage.id, lane.id, 0)
    assert session.undo_name == "Move 2 cards" and session.undo_name.params == {"count": 2}
    ops.duplicate_cards(session, [card.id])
    assert session.undo_name == "Duplicate card “Callback via the hotline”"
    ops.cut_cards(session, [untitled.id])
    assert session.undo_name == "Cut card"
    other = doc.cards(journey.id)[0]
    relation = ops.link(session, card.id, other.id, "depends_on")
    assert session.undo_name == "Link “Callback via the hotline” (depends on)"
    ops.unlink(session, relation.id)
    assert session.undo_name == "Remove relation"
    ops.delete_elements(session, [card.id])
    assert session.undo_name == "Delete card “Callback via the hotline”"
    persona = ops.add_element(session, Persona(name="Jörg"))
    ops.delete_elements(session, [persona.id, stage.id])
    assert session.undo_name == "Delete 2 elements"


def test_long_names_are_cut_and_kept_on_one_line(session: Session) -> None:
    card = _card(session, session.document.all(Card)[0].title)
    ops.edit_card(session, card.id, title="A very long title\nthat goes on " + "and on " * 20)
    name = session.undo_name.params["name"]
    assert len(name) == NAME_LIMIT and name.endswith("…") and "\n" not in name


def test_typing_a_title_is_one_step_named_by_the_title_it_ends_with(session: Session) -> None:
    card = ops.add_card(session, session.document.stages(session.document.journeys()[0].id)[0].id,
                        session.document.lanes(session.document.journeys()[0].id)[0].id)
    steps = session.index
    for typed in ("R", "Rü", "Rückruf"):
        ops.edit_card(session, card.id, title=typed)
    assert session.index == steps + 1 and session.undo_name == "Rename card “Rückruf”"


def test_a_relation_label_is_a_field_like_any_other(session: Session) -> None:
    relation = session.document.all(Relation)[0]
    ops.edit_element(session, relation.id, label="after two days")
    assert session.document.get(relation.id, Relation).label == "after two days"
    assert session.undo_name == "Edit relation: label"
    ops.edit_element(session, relation.id, step_name="Set the label", label="later")
    assert session.undo_name == "Set the label"


def test_the_api_names_its_own_steps() -> None:
    project = api.create("journey-map", "en", name="Renamed", with_working_copy=False)
    assert project.document.project.name == "Renamed" and project.session.history == []
    assert api.StepName is StepName
