"""The file commands of `cxstudio`: new, info, check, upgrade (exit codes, languages, JSON, refusing to overwrite)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cxstudio import api, cli
from cxstudio.model.messages import language_from_environment
from cxstudio.persistence.errors import MESSAGES, ProjectFileError


def run_cli(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def test_new_writes_an_empty_project_and_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "neu.cxstudio"
    code, out, err = run_cli("new", str(path), "--lang", "de")
    assert code == 0 and err == "" and "„Neues Projekt“" in out
    project = api.open_project(path, read_only=True)
    assert project.document.project.language == "de" and project.document.journeys() == []
    project.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    code, out, err = run_cli("new", str(path), "--lang", "en")
    assert code == 1 and out == "" and err.strip() == f"cxstudio: {path} already exists; use --force to overwrite it."
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    code, _, _ = run_cli("new", str(path), "--lang", "en", "--name", "Overwritten", "--force")
    assert code == 0
    assert api.check_file(path).document.project.name == "Overwritten"  # type: ignore[union-attr]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neu.cxstudio"]
    assert api.find_recoverable() == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_new_writes_every_template_and_example(tmp_path: Path, language: str) -> None:
    from cxstudio.content.templates import build_document, list_templates

    names = sorted({t.name for t in list_templates() if t.language == language})
    assert names
    for name in names:
        path = tmp_path / f"{name}-{language}.cxstudio"
        code, _, err = run_cli("new", str(path), "--template", name, "--lang", language)
        assert code == 0, err
        written = api.check_file(path)
        assert written.sound and written.document is not None
        expected = build_document(name, language)
        in_file, built = written.document.snapshot(), expected.snapshot()
        project_id = expected.project.id
        assert in_file.pop(project_id).replace(created="") == built.pop(project_id).replace(created="")
        assert in_file == built, "templates have stable ids, so the file holds exactly the template"


def test_new_with_an_unknown_template_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run_cli("new", str(tmp_path / "x.cxstudio"), "--template", "no-such-template")
    assert code == 2 and out == "" and "no-such-template" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.cxstudio").exists()


def test_new_into_a_folder_says_so(tmp_path: Path) -> None:
    code, _, err = run_cli("new", str(tmp_path), "--lang", "de")
    assert code == 1 and "ist ein Ordner" in err


def test_info_shows_version_counts_and_journeys_as_text_and_json(tmp_path: Path) -> None:
    path = tmp_path / "beispiel.cxstudio"
    assert run_cli("new", str(path), "--template", "complaint-example", "--lang", "de")[0] == 0
    document = api.check_file(path).document
    assert document is not None
    code, out, err = run_cli("info", str(path), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    from cxstudio.persistence.schema import SCHEMA_VERSION

    assert data["format_version"] == SCHEMA_VERSION and data["current_format_version"] == SCHEMA_VERSION
    assert data["counts"]["card"] == sum(len(document.cards(j.id)) for j in document.journeys()) > 0
    assert set(data["counts"]) == {"project", "channel", "department", "persona", "touchpoint", "journey", "stage",
                                   "lane", "card", "relation", "metric", "insight", "action", "comment"}
    assert [j["name"] for j in data["journeys"]] == [j.name for j in document.journeys()]
    first = document.journeys()[0]
    assert data["journeys"][0]["stages"] == len(document.stages(first.id))
    assert data["journeys"][0]["lanes"] == len(document.lanes(first.id))
    code, out, _ = run_cli("info", str(path), "--lang", "de")
    assert code == 0 and f"Dateiformat: {SCHEMA_VERSION}" in out and f"  {first.name}: {len(document.stages(first.id))} Phasen" in out


def test_check_exits_zero_only_for_a_sound_file(tmp_path: Path) -> None:
    path = tmp_path / "gut.cxstudio"
    run_cli("new", str(path), "--template", "service-blueprint", "--lang", "en")
    code, out, err = run_cli("check", str(path), "--lang", "en")
    assert code == 0 and err == "" and out.strip().endswith("elements).") and "sound" in out


def test_upgrade_of_a_current_file_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "aktuell.cxstudio"
    run_cli("new", str(path))
    before = path.read_bytes()
    code, out, _ = run_cli("upgrade", str(path), "--lang", "en")
    assert code == 0 and "nothing to do" in out and path.read_bytes() == before


def test_upgrade_in_place_of_a_file_another_editor_holds_is_refused(tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "gesperrt.cxstudio"
    shutil.copyfile(Path(__file__).resolve().parent.parent / "fixtures" / "schema-v1.cxstudio", path)
    holder = api.open_project(path)  # a file of format 1: upgrading it in place is a Save
    try:
        code, _, err = run_cli("upgrade", str(path), "--lang", "en")
    finally:
        holder.close()
    assert code == 1 and "read-only" in err and "Save As" in err


def test_version_is_fast_to_import_and_loads_no_database_library() -> None:
    script = ("import sys, contextlib, io\n"
              "from cxstudio.cli import main\n"
              "with contextlib.redirect_stdout(io.StringIO()): code = main(['--version'])\n"
              "print(code, any(m.startswith('sqlalchemy') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["0", "False"]


def test_the_message_language_follows_lang_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert language_from_environment() == "en"
    monkeypatch.setenv("LANG", "de_AT.UTF-8")
    assert language_from_environment() == "de"
    assert language_from_environment("en") == "en"
    monkeypatch.setenv("LC_ALL", "C")
    assert language_from_environment() == "de"  # C means "unset", the next variable decides
    monkeypatch.setenv("LANGUAGE", "en_GB:de")
    assert language_from_environment() == "en"


def test_every_message_has_english_and_german_with_the_same_parameters() -> None:
    import string

    for code, (english, german) in MESSAGES.items():
        names_en = {name for _, name, _, _ in string.Formatter().parse(english) if name}
        names_de = {name for _, name, _, _ in string.Formatter().parse(german) if name}
        params = {name: f"<{name}>" for name in names_en | names_de}
        error = ProjectFileError(code, **params)
        for text in (str(error), error.message("de")):
            assert text.endswith(".") and "\n" not in text and text.count(". ") == 0, (code, text)
        assert str(error) != error.message("de"), code
        assert {n.removesuffix("_de") for n in names_de} <= {n.removesuffix("_de") for n in names_en} | {"reason"}


def test_the_real_command_line_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cli.cxstudio"
    env = {**os.environ, "LANGUAGE": "", "LC_ALL": "", "LANG": "en_US.UTF-8"}
    for arguments, expected in ((["new", str(path), "--template", "journey-map"], 0), (["check", str(path)], 0),
                                (["info", str(path)], 0), (["new", str(path)], 1)):
        result = subprocess.run([sys.executable, "-m", "cxstudio", *arguments], capture_output=True, text=True,
                                env=env, timeout=60)
        assert result.returncode == expected, result.stderr
        assert "Traceback" not in result.stderr
