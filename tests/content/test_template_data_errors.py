"""Mistakes in a template data file are refused with one sentence naming the file, never with a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cxstudio.content import templates
from cxstudio.content.templates import TemplateDataError, build_document, list_templates
from cxstudio.model import ModelError

_GOOD = """
[template]
languages = ["de", "en"]
description.de = "Kleine Vorlage"
description.en = "Small template"

[project]
name.de = "Projekt"
name.en = "Project"

[[departments]]
key = "service"
name.de = "Kundenservice"
name.en = "Customer Service"
email = "service@example.com"

[[touchpoints]]
key = "tp-hotline"
name = "Hotline"
channel = "phone"
department = "service"

[[journeys]]
key = "journey"
name = "Journey"
stages = [{ key = "one", name = "Eins" }, { key = "two", name = "Zwei" }]
lanes = [
    { key = "touchpoints", name = "Touchpoints", kind = "frontstage", line_below = "visibility" },
    { key = "backstage", name = "Backstage", kind = "backstage" },
    { key = "notes", name = "Notes", kind = "cards" },
]

[[journeys.cards]]
key = "call"
stage = "one"
lane = "touchpoints"
touchpoint = "tp-hotline"
title.de = "Anruf"
title.en = "Call"
rating = 3

[[journeys.cards]]
key = "ticket"
stage = "one"
lane = "backstage"
title.de = "Ticket anlegen"
title.en = "Open a ticket"

[[journeys.cards]]
key = "queue"
stage = "two"
lane = "backstage"
title = "Queue"

[[relations]]
from = "call"
to = "ticket"
kind = "supported_by"

[[relations]]
from = "ticket"
to = "queue"
kind = "depends_on"
"""


@pytest.fixture
def resources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty resources folder in place of the bundled one."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "examples").mkdir()
    monkeypatch.setattr(templates, "RESOURCES_DIR", tmp_path)
    templates._sources.cache_clear()
    yield tmp_path
    templates._sources.cache_clear()


def _write(resources: Path, text: str, name: str = "small") -> None:
    (resources / "templates" / f"{name}.toml").write_text(text, encoding="utf-8")


def _refusal(resources: Path, text: str) -> str:
    _write(resources, text)
    with pytest.raises(TemplateDataError) as caught:
        build_document("small", "en")
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert isinstance(caught.value, ModelError)
    return message


def test_a_small_data_file_builds_with_defaults_filled_in(resources: Path) -> None:
    _write(resources, _GOOD)
    assert [(i.name, i.language, i.kind) for i in list_templates()] == [
        ("small", "de", "template"), ("small", "en", "template")]
    document = build_document("small", "en")
    cards = {c.title: c for c in document.cards(document.journeys()[0].id)}
    assert cards["Call"].kind == "touchpoint" and cards["Open a ticket"].kind == "process"
    hotline = document.all(templates.Touchpoint)[0]
    assert cards["Call"].channel_id == hotline.channel_id and cards["Call"].department_id == hotline.department_id
    assert cards["Queue"].title == "Queue"
    assert build_document("small", "de").project.name == "Projekt"


def test_unreadable_toml_names_the_file(resources: Path) -> None:
    _write(resources, _GOOD + "\n[[journeys.cards]\n")
    with pytest.raises(TemplateDataError, match=r"small\.toml cannot be read"):
        list_templates()


def test_a_missing_header_or_language_list_is_refused(resources: Path) -> None:
    _write(resources, _GOOD.replace('languages = ["de", "en"]', 'languages = ["fr"]'))
    with pytest.raises(TemplateDataError, match="must list its languages"):
        list_templates()


def test_no_data_files_at_all_is_one_sentence(resources: Path) -> None:
    with pytest.raises(TemplateDataError, match="holds no template files"):
        list_templates()


def test_a_key_used_twice_is_refused(resources: Path) -> None:
    message = _refusal(resources, _GOOD.replace('key = "queue"', 'key = "ticket"'))
    assert message == "small.toml: the key 'ticket' is used twice."


def test_a_misspelt_field_is_refused(resources: Path) -> None:
    message = _refusal(resources, _GOOD.replace('title = "Queue"', 'titel = "Queue"'))
    assert "card 'queue' has unknown fields: titel" in message


def test_a_reference_to_nothing_is_refused(resources: Path) -> None:
    message = _refusal(resources, _GOOD.replace('touchpoint = "tp-hotline"', 'touchpoint = "tp-hotlin"'))
    assert "card 'call' refers to 'tp-hotlin', which is no touchpoint of this file." in message


def test_a_card_in_a_lane_its_journey_lacks_is_refused(resources: Path) -> None:
    message = _refusal(resources, _GOOD.replace('lane = "backstage"\ntitle = "Queue"', 'lane = "support"\ntitle = "Queue"'))
    assert "card 'queue' sits in lane 'support', which its journey does not have." in message


def test_a_text_missing_in_one_language_is_refused(resources: Path) -> None:
    message = _refusal(resources, _GOOD.replace('title.en = "Call"\n', ""))
    assert "card 'call' title has no 'en' text." in message


def test_a_card_in_a_lane_without_default_kind_needs_a_kind(resources: Path) -> None:
    text = _GOOD + '\n[[journeys.cards]]\nkey = "note"\nstage = "two"\nlane = "notes"\ntitle = "Note"\n'
    message = _refusal(resources, text)
    assert "card 'note' needs a kind" in message


def test_a_value_the_model_refuses_is_reported_with_the_template(resources: Path) -> None:
    message = _refusal(resources, _GOOD.replace("rating = 3", "rating = 11"))
    assert message.startswith("The bundled template 'small' (en) is inconsistent:")
    assert "rating 11 is outside 1-10" in message


def test_a_forbidden_cycle_is_refused(resources: Path) -> None:
    text = _GOOD + '\n[[relations]]\nfrom = "queue"\nto = "ticket"\nkind = "depends_on"\n'
    message = _refusal(resources, text)
    assert "depends_on relations form a cycle" in message


def test_a_journey_borrows_lanes_with_its_own_ids(resources: Path) -> None:
    text = _GOOD + '\n[[journeys]]\nkey = "second"\nname = "Second"\nlanes_from = "journey"\n'
    _write(resources, text)
    document = build_document("small", "de")
    first, second = document.journeys()
    assert [(lane.name, lane.kind, lane.line_below) for lane in document.lanes(second.id)] == [
        (lane.name, lane.kind, lane.line_below) for lane in document.lanes(first.id)]
    assert not {lane.id for lane in document.lanes(second.id)} & {lane.id for lane in document.lanes(first.id)}


def test_borrowing_from_a_journey_that_does_not_exist_is_refused(resources: Path) -> None:
    text = _GOOD + '\n[[journeys]]\nkey = "second"\nname = "Second"\nlanes_from = "jorney"\n'
    message = _refusal(resources, text)
    assert "journey 'second' takes its lanes from 'jorney', which is no other journey." in message


def test_a_template_and_an_example_with_one_name_are_refused(resources: Path) -> None:
    _write(resources, _GOOD)
    (resources / "examples" / "small.toml").write_text(_GOOD, encoding="utf-8")
    with pytest.raises(TemplateDataError, match=r"templates/small\.toml and examples/small\.toml share one name"):
        list_templates()
