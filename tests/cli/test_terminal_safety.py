"""What the command line prints from a file cannot repaint, reorder or break lines of a terminal (issue 9)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxstudio import api, cli
from cxstudio.safetext import bounded, escape, escape_json, is_unsafe

# A name that is valid in the model (it refuses C0 controls other than tab and line breaks) but
# reverses the text after it (U+202E), returns the cursor (\r) and clears a terminal (C1 CSI + "2J").
SPOOF = "Evil\u202eName\rX\x9b2J"
SPOOF_SHOWN = "Evil\\u202eName\\rX\\x9b2J"
CLEAR_SCREEN = "\x1b[2J"


def run_cli(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def assert_terminal_safe(text: str) -> None:
    for line in text.split("\n"):
        assert not any(is_unsafe(char) for char in line), repr(line[:200])


def spoofing_project(folder: Path) -> Path:
    path = folder / "spoof.cxstudio"
    project = api.create(template="complaint-example", language="en", name=SPOOF)
    project.save_as(path)
    project.close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE journey SET name = ?", (f"Journey\u2067{SPOOF}\u2069",))
    connection.commit()
    connection.close()
    return path


def sql(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


# ---------------------------------------------------------------------- escaping and bounding as such
@pytest.mark.parametrize(("char", "shown"), [
    ("\x1b", "\\x1b"), ("\r", "\\r"), ("\b", "\\b"), ("\n", "\\n"), ("\t", "\\t"), ("\x00", "\\x00"),
    ("\x7f", "\\x7f"), ("\x9b", "\\x9b"), ("\x85", "\\x85"), ("\u202a", "\\u202a"), ("\u202e", "\\u202e"),
    ("\u2066", "\\u2066"), ("\u2069", "\\u2069"), ("\u200e", "\\u200e"), ("\u200f", "\\u200f"),
    ("\u061c", "\\u061c"), ("\u200b", "\\u200b"), ("\u2028", "\\u2028"), ("\ufeff", "\\ufeff"),
    ("\U000e0041", "\\U000e0041"), ("\ud800", "\\ud800"),
])
def test_unsafe_characters_become_visible_escapes(char: str, shown: str) -> None:
    assert escape(f"a{char}b") == f"a{shown}b"


def test_ordinary_text_is_left_alone_and_escaping_twice_changes_nothing() -> None:
    for text in ("Kundenservice Müller", "日本語のジャーニー", "family 👨\u200d👩\u200d👧", "a\\u202eb", "€ – „ok“"):
        assert escape(text) == text
    hostile = f"{CLEAR_SCREEN}{SPOOF}\n"
    assert escape(escape(hostile)) == escape(hostile)


@given(text=st.text(max_size=400), limit=st.integers(60, 400), keep=st.sampled_from(["start", "middle"]),
       language=st.sampled_from(["en", "de"]))
def test_bounded_text_is_safe_and_never_longer_than_its_limit(text: str, limit: int, keep: str, language: str) -> None:
    shown = bounded(text, limit, language, keep=keep)  # type: ignore[arg-type]
    assert len(shown) <= limit
    assert not any(is_unsafe(char) for char in shown)
    if len(escape(text)) <= limit:
        assert shown == escape(text)


def test_bounded_counts_what_it_left_out_in_the_users_language() -> None:
    text = "A" * 10_000_000
    assert bounded(text, 150).endswith("… (9,999,880 more characters)")
    assert bounded(text, 150, "de").endswith("… (9.999.880 weitere Zeichen)")
    middle = bounded("/home/" + "x" * 5_000 + "/karte.cxstudio", 100, "de", keep="middle")
    assert middle.startswith("/home/x") and middle.endswith("x/karte.cxstudio") and "Zeichen ausgelassen" in middle
    # an escape is never cut in half: 54 characters of room before the mark hold nine whole escapes
    assert bounded("\u202e" * 10_000, 80) == "\\u202e" * 9 + "… (9,991 more characters)"


def test_escaped_json_is_the_same_json_without_anything_a_terminal_acts_on() -> None:
    data = {"name": f"{SPOOF}{CLEAR_SCREEN}\u2028\U000e0041\ud800", "umlaut": "Größe", "n": [1, 2]}
    text = escape_json(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(text) == data
    assert_terminal_safe(text)
    assert "Größe" in text and "\\u202e" in text and "\\udb40\\udc41" in text


# ---------------------------------------------------------------------- the commands
def test_info_shows_spoofing_names_as_escapes_on_their_own_lines(tmp_path: Path) -> None:
    path = spoofing_project(tmp_path)
    journeys = api.check_file(path).document.journeys()  # type: ignore[union-attr]
    for language in ("en", "de"):
        code, out, err = run_cli("info", str(path), "--lang", language)
        assert code == 0 and err == ""
        assert_terminal_safe(out)
        lines = out.splitlines()
        assert len(lines) == 5 + len(journeys)
        assert lines[2] == f"{'Projekt' if language == 'de' else 'Project'}: {SPOOF_SHOWN}"
        assert all(line.startswith(f"  Journey\\u2067{SPOOF_SHOWN}\\u2069: ") for line in lines[5:])


def test_info_json_keeps_every_name_exactly_but_escapes_it_for_the_terminal(tmp_path: Path) -> None:
    path = spoofing_project(tmp_path)
    code, out, _ = run_cli("info", str(path), "--json")
    assert code == 0
    assert_terminal_safe(out)
    data = json.loads(out)
    assert data["project"] == SPOOF
    assert {journey["name"] for journey in data["journeys"]} == {f"Journey\u2067{SPOOF}\u2069"}


def test_check_and_info_escape_a_hostile_file_name_and_hostile_values(tmp_path: Path) -> None:
    path = spoofing_project(tmp_path)
    hostile = tmp_path / f"rechnung{CLEAR_SCREEN}\u202eFDP.cxstudio"
    shutil.copyfile(path, hostile)
    sql(hostile,
        f"UPDATE journey SET name = 'J' || char(27) || '[2J' || char(13) || '{chr(0x202E)}' || hex(randomblob(4))",
        "UPDATE card SET stage_id = char(27) || '[2J' || char(8238) WHERE rowid = 1",
        "UPDATE card SET id = 'b' || char(27) || '[2J' || char(13) WHERE rowid = 2")
    for command in ("check", "info"):
        for language in ("en", "de"):
            code, out, err = run_cli(command, str(hostile), "--lang", language)
            assert code == 1 and out == ""
            assert_terminal_safe(err)
            assert "rechnung\\x1b[2J\\u202eFDP.cxstudio" in err
    code, _, err = run_cli("check", str(hostile), "--all")
    assert code == 1 and len(err.splitlines()) == 1 + len(api.check_file(hostile).problems)
    assert_terminal_safe(err)
    assert "\\x1b[2J" in err


def test_a_failure_sentence_is_one_safe_bounded_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli._fail(f"Something {CLEAR_SCREEN}{SPOOF}\nsecond line " + "z" * 1_000_000 + " went wrong.") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cxstudio: Something \\x1b[2J" + SPOOF_SHOWN + "\\nsecond line")
    assert err.rstrip("\n").endswith(" went wrong.") and len(err) <= cli.SENTENCE_LIMIT + 20
    assert_terminal_safe(err)


def test_a_very_long_journey_name_is_cut_in_info(tmp_path: Path) -> None:
    path = spoofing_project(tmp_path)
    sql(path, "UPDATE journey SET name = 'Reise ' || replace(hex(zeroblob(997)), '00', 'ab')")  # 2,000 characters
    code, out, _ = run_cli("info", str(path), "--lang", "de")
    assert code == 0
    journey_lines = out.splitlines()[5:]
    assert journey_lines and all(len(line) < cli.VALUE_LIMIT + 60 for line in journey_lines)
    assert all("weitere Zeichen)" in line for line in journey_lines)
