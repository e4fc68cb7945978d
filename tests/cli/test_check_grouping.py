"""`cxstudio check` groups the problems of a damaged file by cause, lists every one with --all, and reports foreign objects."""

from __future__ import annotations

import contextlib
import io
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from cxstudio import api, cli
from cxstudio.content.templates import build_document
from cxstudio.model.entities import Card
from cxstudio.model.problems import EXAMPLES, KIND_WORDS, group_problems, shape

STAGE_A = "7ac5d7ff-ce58-59e8-aa10-b8ca42d7835e"
STAGE_B = "bebd2eec-7ecd-5589-9271-605991077aa9"
CARDS = [f"00000000-0000-4000-8000-00000000000{n}" for n in range(5)]


def run_cli(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def without_stages(folder: Path) -> tuple[Path, int, int]:
    """The German worked example with every stage row deleted; how many cards and stages they referred to."""
    path = folder / "ohne-phasen.cxstudio"
    project = api.create(template="complaint-example", language="de")
    cards = project.document.all(Card)
    stages = {card.stage_id for card in cards}
    project.save_as(path)
    project.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DELETE FROM stage")
    connection.commit()
    connection.close()
    return path, len(cards), len(stages)


# ---------------------------------------------------------------------- the pure grouping
def test_missing_references_become_one_line_naming_the_cause() -> None:
    sentences = [f"card {card}: stage_id points to missing {STAGE_A if n < 3 else STAGE_B}."
                 for n, card in enumerate(CARDS)]
    [group] = group_problems(sentences)
    assert group.count == 5 and group.examples == () and group.sentences == tuple(sentences)
    assert group.summary == f"5 cards refer to 2 stages that do not exist (stage_id: {STAGE_A}, {STAGE_B})."
    [german] = group_problems(sentences, "de")
    assert german.summary == f"5 Karten verweisen auf 2 Phasen, die es nicht gibt (stage_id: {STAGE_A}, {STAGE_B})."
    one_stage = [f"card {card}: stage_id points to missing {STAGE_A}." for card in CARDS[:2]]
    assert group_problems(one_stage)[0].summary.startswith("2 cards refer to 1 stage that does not exist")
    assert group_problems(one_stage, "de")[0].summary.startswith("2 Karten verweisen auf 1 Phase, die es nicht gibt")


def test_a_reference_that_may_point_to_several_kinds_speaks_of_elements_and_many_ids_are_counted() -> None:
    sentences = [f"metric {card}: scope_id points to missing {card.replace('-4000-', '-4111-')}." for card in CARDS]
    [group] = group_problems(sentences)
    assert group.summary.startswith("5 metrics refer to 5 elements that do not exist (scope_id: ")
    assert group.summary.endswith(" and 2 more).")
    assert group_problems(sentences, "de")[0].summary.endswith(" und 2 weitere).")


def test_wrong_kinds_and_cards_in_another_journey_are_grouped_too() -> None:
    wrong = [f"card {card}: lane_id points to a stage." for card in CARDS[:3]]
    other = [f"Card {card} sits in a lane of another journey." for card in CARDS]
    groups = group_problems(wrong + other)
    assert [group.count for group in groups] == [3, 5]
    assert groups[0].summary == "3 cards refer in lane_id to the wrong kind of element (a stage)."
    assert groups[1].summary.startswith("5 cards sit in a lane of another journey (")
    german = group_problems(wrong + other, "de")
    assert german[0].summary == "3 Karten verweisen in lane_id auf ein Element der falschen Art (Phase)."
    assert german[1].summary.startswith("5 Karten liegen in einer Bahn einer anderen Customer Journey (")


def test_other_sentences_of_one_shape_become_a_count_with_examples() -> None:
    ratings = [f"card 'Anruf {n}': rating {n + 11} is outside 1-10 (1 = worst, 10 = best)." for n in range(7)]
    single = "The document must hold exactly one project record, not 2."
    groups = group_problems([single, *ratings])
    assert [group.count for group in groups] == [1, 7]
    assert groups[0].summary == single and groups[0].examples == ()
    assert groups[1].summary == "7 problems of the same kind, for example:"
    assert groups[1].examples == tuple(ratings[:EXAMPLES])
    assert group_problems(ratings, "de")[0].summary == "7 gleichartige Probleme, zum Beispiel:"
    assert shape(ratings[0]) == shape(ratings[6]) != shape(single)
    few = ratings[:EXAMPLES]  # no header for what the sentences say themselves
    assert [group.summary for group in group_problems(few)] == few


def test_every_sentence_lands_in_exactly_one_group_in_order_of_first_appearance() -> None:
    document = build_document("complaint-example", "en")
    cards = document.all(Card)
    stage_ids = {card.stage_id for card in cards}
    sentences = [f"card {card.id}: stage_id points to missing {card.stage_id}." for card in cards]
    sentences.insert(1, "The document must hold exactly one project record, not 0.")
    groups = group_problems(sentences)
    assert sorted(s for group in groups for s in group.sentences) == sorted(sentences)
    assert groups[0].summary.startswith(f"{len(cards)} cards refer to {len(stage_ids)} stages")
    assert groups[1].summary.startswith("The document must hold")


def test_every_kind_of_the_model_has_words_in_both_languages() -> None:
    from cxstudio.model.entities import ENTITY_TYPES

    assert {entity_type.KIND for entity_type in ENTITY_TYPES} <= set(KIND_WORDS)


def test_the_report_keeps_to_its_line_budget_and_says_how_many_more_there_are() -> None:
    sentences = [f"Problem number {'x' * n} in its own words." for n in range(50)]  # 50 shapes
    lines = cli.check_report([("HEAD", sentences)], "en", file="my file.cxstudio")
    assert lines[0] == "HEAD" and len(lines) == 1 + cli.CHECK_LINES + 1
    assert lines[-1] == "  … 30 more problems not shown; 'cxstudio check 'my file.cxstudio' --all' lists every problem."
    german = cli.check_report([("KOPF", sentences)], "de", file="a.cxstudio")
    assert german[-1] == "  … 30 weitere Probleme nicht gezeigt; 'cxstudio check a.cxstudio --all' zeigt jedes Problem."
    every = cli.check_report([("HEAD", sentences)], "en", every=True)
    assert len(every) == 51 and every[1:] == [f"  - {sentence}" for sentence in sentences]
    # a group whose examples do not fit keeps its summary line
    ratings = [f"card 'A{n}': rating {n + 11} is outside 1-10." for n in range(9)]
    lines = cli.check_report([("HEAD", sentences[:19] + ratings)], "en")
    assert lines[-1] == "  - 9 problems of the same kind, for example:" and len(lines) == 21


# ---------------------------------------------------------------------- the command
def test_check_of_a_file_without_stages_prints_one_line_per_cause(tmp_path: Path) -> None:
    path, cards, stages = without_stages(tmp_path)
    problems = api.check_file(path).problems
    code, out, err = run_cli("check", str(path), "--lang", "de")
    lines = err.splitlines()
    assert code == 1 and out == ""
    assert lines[0] == f"cxstudio: {path}: {len(problems)} Problem(e) gefunden:"
    assert lines[1].startswith(f"  - {cards} Karten verweisen auf {stages} Phasen, die es nicht gibt (stage_id: ")
    assert lines[2].startswith("  - metric ") and "scope_id points to missing" in lines[2]  # a stage metric
    assert len(lines) == 3
    code, _, err = run_cli("check", str(path), "--lang", "en")
    assert err.splitlines()[1].startswith(f"  - {cards} cards refer to {stages} stages that do not exist (stage_id: ")


def test_check_all_lists_every_problem_on_its_own_bounded_line(tmp_path: Path) -> None:
    path, cards, _stages = without_stages(tmp_path)
    problems = api.check_file(path).problems
    code, _, err = run_cli("check", str(path), "--all", "--lang", "de")
    lines = err.splitlines()
    assert code == 1 and len(lines) == 1 + len(problems)
    assert lines[1:] == [f"  - {problem}" for problem in problems]
    assert sum("stage_id points to missing" in line for line in lines) == cards
    assert all(len(line) <= cli.LINE_LIMIT + 4 for line in lines[1:])


def test_check_bounds_each_line_of_a_huge_problem(tmp_path: Path) -> None:
    path, _cards, _stages = without_stages(tmp_path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE card SET stage_id = replace(hex(zeroblob(5000000)), '00', 'ab') WHERE rowid = 1")
    connection.commit()
    connection.close()
    for every in ((), ("--all",)):
        code, _, err = run_cli("check", str(path), *every)
        assert code == 1 and all(len(line) <= cli.LINE_LIMIT + 10 for line in err.splitlines()[1:])
        assert "more characters)" in err or "characters left out)…" in err
        assert "stage_id points to missing abab" in err or "cards refer to" in err


# ---------------------------------------------------------------------- foreign schema objects
TRIGGER = "The file holds a trigger 'wipe' on the table card that is not part of a CX Studio project."
VIEW = "The file holds a view 'spy' that is not part of a CX Studio project."


def fake_inspection(problems: list[str], foreign: list[str], german: bool = False) -> SimpleNamespace:
    document = build_document("journey-map", "en")
    inspection = SimpleNamespace(path=Path("/daten/fremd.cxstudio"), version=1, document=document, problems=problems)
    if german:  # the file layer may offer the sentences in the user's language
        inspection.foreign_in = lambda language: [f"{language}: {sentence}" for sentence in foreign]
    else:
        inspection.foreign = foreign
    return inspection


@pytest.mark.parametrize("language", ["en", "de"])
def test_check_lists_foreign_objects_and_fails_when_there_are_any(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setattr(api, "check_file", lambda path, thorough=True: fake_inspection([], [TRIGGER, VIEW]))
    code, out, err = run_cli("check", "fremd.cxstudio", "--lang", language)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == ("cxstudio: /daten/fremd.cxstudio: the project itself is sound, but CX Studio ignores 2 objects "
                        "that are not part of a CX Studio project:" if language == "en" else
                        "cxstudio: /daten/fremd.cxstudio: das Projekt selbst ist in Ordnung, aber CX Studio ignoriert "
                        "2 Objekte, die nicht zu einem CX-Studio-Projekt gehören:")
    assert lines[1:] == [f"  - {TRIGGER}", f"  - {VIEW}"]
    monkeypatch.setattr(api, "check_file", lambda path, thorough=True: fake_inspection([], []))
    assert run_cli("check", "fremd.cxstudio")[0] == 0


def test_check_lists_foreign_objects_after_the_problems_and_groups_them(monkeypatch: pytest.MonkeyPatch) -> None:
    triggers = [f"The file holds a trigger 't{n}' on the table card that is not part of a CX Studio project."
                for n in range(6)]
    monkeypatch.setattr(api, "check_file",
                        lambda path, thorough=True: fake_inspection(["Something is wrong."], triggers, german=True))
    code, _, err = run_cli("check", "fremd.cxstudio", "--lang", "de")
    lines = err.splitlines()
    assert code == 1 and lines[:2] == ["cxstudio: /daten/fremd.cxstudio: 1 Problem(e) gefunden:",
                                       "  - Something is wrong."]
    assert lines[2] == ("cxstudio: /daten/fremd.cxstudio: außerdem ignoriert CX Studio 6 Objekte, die nicht zu einem "
                        "CX-Studio-Projekt gehören:")
    assert lines[3] == "  - 6 gleichartige Probleme, zum Beispiel:" and lines[4] == f"      de: {triggers[0]}"
    assert len(lines) == 4 + EXAMPLES
    code, _, err = run_cli("check", "fremd.cxstudio", "--all", "--lang", "en")
    assert err.splitlines()[3:] == [f"  - en: {trigger}" for trigger in triggers]


def test_info_mentions_ignored_objects_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "check_file", lambda path, thorough=True: fake_inspection([], [TRIGGER, VIEW]))
    code, out, _ = run_cli("info", "fremd.cxstudio", "--lang", "en")
    assert code == 0 and out.splitlines()[-1] == ("Ignored: 2 objects that are not part of a CX Studio project "
                                                  "(see cxstudio check)")
    code, out, _ = run_cli("info", "fremd.cxstudio", "--lang", "de")
    assert out.splitlines()[-1] == ("Ignoriert: 2 Objekte, die nicht zu einem CX-Studio-Projekt gehören "
                                    "(siehe cxstudio check)")
    monkeypatch.setattr(api, "check_file", lambda path, thorough=True: fake_inspection([], [VIEW]))
    assert run_cli("info", "x", "--lang", "en")[1].splitlines()[-1].startswith("Ignored: 1 object that is not part")
    monkeypatch.setattr(api, "check_file", lambda path, thorough=True: fake_inspection([], []))
    assert "Ignor" not in run_cli("info", "x")[1]
