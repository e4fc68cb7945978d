"""The bundled templates and examples: listing, building in both languages, errors, command line and API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cxstudio import api, cli
from cxstudio.content.templates import TemplateInfo, UnknownTemplateError, build_document, list_templates
from cxstudio.model import (
    BlueprintLine,
    Channel,
    Document,
    Journey,
    Lane,
    LaneKind,
    ModelError,
    Project,
    Stage,
)
from cxstudio.model.defaults import default_channels

TEMPLATE_NAMES = ("journey-map", "service-blueprint")
ALL = [(info.name, info.language) for info in list_templates()]

# Fields whose values are words in the document's language; everything else must be equal in both.
_LANGUAGE_FIELDS = {
    "name", "client", "description", "language", "created", "role", "quote", "occupation", "location", "goals",
    "needs", "frustrations", "behaviour", "scenario", "expectations", "title", "text", "expectation",
    "internal_note", "tags", "label", "unit", "source", "evidence", "owner", "external_ref", "author",
    "contact_person", "email",
}


def _structure(document: Document) -> dict[str, dict[str, object]]:
    """Every entity's language-independent values, by id."""
    return {
        entity.id: {k: v for k, v in entity.values().items() if k not in _LANGUAGE_FIELDS}
        for entity in document.entities()
    }


def _texts(document: Document) -> dict[tuple[str, str], str]:
    return {
        (entity.id, name): value
        for entity in document.entities()
        for name, value in entity.values().items()
        if name in _LANGUAGE_FIELDS and isinstance(value, str) and value and name not in ("language", "created")
    }


def test_list_names_every_template_once_per_language_templates_first() -> None:
    infos = list_templates()
    pairs = [(i.name, i.language) for i in infos]
    assert len(pairs) == len(set(pairs))
    for name in TEMPLATE_NAMES:
        assert (name, "de") in pairs and (name, "en") in pairs
    kinds = [i.kind for i in infos]
    assert set(kinds) == {"template", "example"}
    assert kinds == sorted(kinds, key=lambda k: k != "template"), "templates come before examples"
    for info in infos:
        assert isinstance(info, TemplateInfo)
        assert info.description and "\n" not in info.description and "\t" not in info.description
        assert info.language in ("de", "en")
    for name in {i.name for i in infos}:
        german = next(i.description for i in infos if i.name == name and i.language == "de")
        english = next(i.description for i in infos if i.name == name and i.language == "en")
        assert german != english


@pytest.mark.parametrize(("name", "language"), ALL)
def test_every_template_builds_and_passes_every_invariant(name: str, language: str) -> None:
    document = build_document(name, language)
    assert document.check_invariants() == []
    assert document.project.language == language
    assert document.journeys()
    for journey in document.journeys():
        assert document.stages(journey.id) and document.lanes(journey.id)


@pytest.mark.parametrize(("name", "language"), ALL)
def test_every_template_holds_the_default_channels_of_its_language(name: str, language: str) -> None:
    document = build_document(name, language)
    channels = [(c.name, c.kind, c.icon, c.order) for c in document.all(Channel)]
    defaults = [(c.name, c.kind, c.icon, c.order) for c in default_channels(language)]
    assert channels[: len(defaults)] == defaults


@pytest.mark.parametrize("name", sorted({info.name for info in list_templates()}))
def test_german_and_english_versions_have_the_same_structure(name: str) -> None:
    german, english = build_document(name, "de"), build_document(name, "en")
    assert _structure(german) == _structure(english)
    german_texts, english_texts = _texts(german), _texts(english)
    assert german_texts.keys() == english_texts.keys()
    translated = [key for key in german_texts if german_texts[key] != english_texts[key]]
    assert len(translated) >= 0.6 * len(german_texts), "most texts are translated, not copied"


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_blank_templates_have_no_cards_and_stable_ids(name: str) -> None:
    first, second = build_document(name, "en"), build_document(name, "en")
    assert sum(len(first.cards(j.id)) for j in first.journeys()) == 0
    assert {e.id for e in first.entities()} == {e.id for e in second.entities()}
    first_project = first.get(first.project.id, Project)
    assert first_project == second.project.replace(created=first_project.created)


def test_journey_map_has_the_six_stages_and_the_standard_lanes() -> None:
    for language, stages in (
        ("en", ["Awareness", "Consideration", "Purchase", "Use", "Service", "Loyalty"]),
        ("de", ["Aufmerksamkeit", "Erwägung", "Kauf", "Nutzung", "Service", "Loyalität"]),
    ):
        document = build_document("journey-map", language)
        (journey,) = document.journeys()
        assert [s.name for s in document.stages(journey.id)] == stages
        kinds = [lane.kind for lane in document.lanes(journey.id)]
        assert kinds.count(LaneKind.EMOTION_CURVE) == 1
        assert LaneKind.CHANNELS in kinds and LaneKind.DEPARTMENTS in kinds
        assert kinds.count(LaneKind.CARDS) >= 6
        assert all(lane.line_below is None for lane in document.lanes(journey.id))


def test_service_blueprint_has_five_layers_and_three_lines_in_order() -> None:
    for language in ("de", "en"):
        document = build_document("service-blueprint", language)
        (journey,) = document.journeys()
        lanes = document.lanes(journey.id)
        assert [(lane.kind, lane.line_below) for lane in lanes] == [
            (LaneKind.PHYSICAL_EVIDENCE, None),
            (LaneKind.CUSTOMER_ACTIONS, BlueprintLine.INTERACTION),
            (LaneKind.FRONTSTAGE, BlueprintLine.VISIBILITY),
            (LaneKind.BACKSTAGE, BlueprintLine.INTERNAL_INTERACTION),
            (LaneKind.SUPPORT_PROCESSES, None),
        ]
        assert len(document.stages(journey.id)) >= 4


def test_language_none_takes_the_first_language() -> None:
    document = build_document("journey-map")
    assert document.project.language == "de"


def test_unknown_name_is_one_sentence_naming_what_exists() -> None:
    with pytest.raises(UnknownTemplateError) as caught:
        build_document("customer-journey")
    message = str(caught.value)
    assert "'customer-journey'" in message
    for name in {info.name for info in list_templates()}:
        assert name in message
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    assert isinstance(caught.value, ModelError) and isinstance(caught.value, ValueError)


def test_unknown_language_is_one_sentence_naming_the_languages() -> None:
    with pytest.raises(UnknownTemplateError) as caught:
        build_document("service-blueprint", "fr")
    message = str(caught.value)
    assert "'fr'" in message and "de and en" in message and "service-blueprint" in message
    assert message.endswith(".") and "\n" not in message


def test_cli_templates_lists_every_name_and_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    expected = [f"{i.name}\t{i.language}\t{i.description}" for i in list_templates()]
    assert lines == expected
    assert cli.main(["templates", "--lang", "de"]) == 0
    german = capsys.readouterr().out.splitlines()
    assert german == [line for line in expected if line.split("\t")[1] == "de"]


def test_python_m_cxstudio_templates_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cxstudio", "templates"], capture_output=True, text=True, encoding="utf-8",
        timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(row) == 3 and all(row) for row in rows)
    assert {(row[0], row[1]) for row in rows} == set(ALL)
    assert "Loyalität" in result.stdout or "Sichtbarkeits" in result.stdout


@pytest.mark.parametrize(("name", "language"), ALL)
def test_api_create_from_every_template(name: str, language: str) -> None:
    project = api.create(template=name, language=language)
    document = project.document
    assert document.project.language == language
    assert document.check_invariants() == []
    assert not project.is_modified
    journey = document.journeys()[0]
    stage = document.stages(journey.id)[0]
    from cxstudio.editing import operations

    project.run(operations.edit_element, stage.id, description="Geändert")
    assert document.get(stage.id, Stage).description == "Geändert"
    assert project.is_modified
    project.undo()
    assert document.get(stage.id, Stage) == stage


def test_api_create_names_the_project_and_refuses_unknown_templates() -> None:
    project = api.create(template="service-blueprint", language="en", name="Onboarding blueprint")
    assert project.document.project.name == "Onboarding blueprint"
    assert len(project.document.all(Journey)) == 1
    assert all(isinstance(lane, Lane) for lane in project.document.all(Lane))
    with pytest.raises(UnknownTemplateError):
        api.create(template="no-such-template", language="en")


_PLAIN_TYPES = {"str": str, "int": int, "float": float, "bool": bool, "tuple": tuple, "bytes": bytes}


@pytest.mark.parametrize(("name", "language"), ALL)
def test_values_have_exactly_the_types_the_model_declares(name: str, language: str) -> None:
    """Plain str (not enum members) and float (not int) so that saving and editing see no type change."""
    document = build_document(name, language)
    for entity in document.entities():
        for field in entity.FIELDS:
            value = getattr(entity, field.name)
            if value is None:
                continue
            declared = {_PLAIN_TYPES[part.strip().split("[")[0]] for part in str(field.type).split("|")
                        if part.strip() != "None"}
            assert type(value) in declared, f"{entity.KIND}.{field.name} is a {type(value).__name__}"


@pytest.mark.parametrize(("name", "language"), ALL)
def test_saving_and_opening_returns_the_same_document(name: str, language: str, tmp_path: Path) -> None:
    from cxstudio.persistence.project_file import ProjectFile

    document = build_document(name, language)
    target = tmp_path / f"{name}-{language}.cxstudio"
    project_file = ProjectFile.create_unsaved(document)
    try:
        project_file.save_as(target, document)
    finally:
        project_file.close()
    reopened_file, reopened = ProjectFile.open(target)
    try:
        assert reopened.same_content(document)
        assert reopened.check_invariants() == []
    finally:
        reopened_file.close()
