"""The command line's own behaviour: version, templates listing, and one sentence for every mistake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cxstudio import __version__


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxstudio", *args], capture_output=True, text=True, timeout=120)


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"cxstudio {__version__}"


def test_templates_lists_name_language_and_description() -> None:
    result = run_cli("templates")
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(row) == 3 and row[1] in ("de", "en") and row[2].strip() for row in rows)
    names = {(row[0], row[1]) for row in rows}
    for name in ("journey-map", "service-blueprint", "complaint-example"):
        assert {(name, "de"), (name, "en")} <= names
    german_only = run_cli("templates", "--lang", "de")
    assert {line.split("\t")[1] for line in german_only.stdout.splitlines()} == {"de"}


@pytest.mark.parametrize(
    "args",
    [
        ("--bogus",),
        ("expot", "file.cxstudio"),
        ("templates", "extra"),
        ("templates", "--lang", "fr"),
    ],
)
def test_mistakes_get_one_sentence_and_exit_2(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cxstudio: ")
    assert "Traceback" not in result.stderr


def test_a_refused_project_name_is_one_sentence(tmp_path: Path) -> None:
    target = tmp_path / "x.cxstudio"
    result = run_cli("new", str(target), "--name", "Beschwerde\x01")
    assert result.returncode == 1
    assert "control characters" in result.stderr and "\x01" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("argv", [[], ["Projekt.cxstudio"], ["edit"], ["edit", "Kunde/Reklamation.cxstudio"],
                                  ["edit", "--help"], ["Projekt.cxstudio", "-x"]])
def test_the_editors_start_gets_what_its_parser_would_give(argv: list[str], monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from cxstudio import cli

    seen: list[object] = []
    monkeypatch.setitem(cli._HANDLERS, "edit", lambda args: seen.append(args) or 0)
    code = cli.main(argv)
    arguments = argv if argv and argv[0] == "edit" else ["edit", *argv]
    try:
        expected = cli._build_parser("edit").parse_args(arguments)
    except SystemExit:  # --help prints and exits 0
        assert seen == [] and code == 0
        return
    except cli.UsageError:  # an unknown switch: one sentence, exit 2
        assert seen == [] and code == cli.EXIT_USAGE and "Unrecognized arguments: -x" in capsys.readouterr().err
        return
    assert seen == [expected] and code == 0
