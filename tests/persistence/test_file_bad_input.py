"""Bad input: every failed opening check is one clear sentence (API and command line) and never touches the file."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from permission_helpers import as_unprivileged_user, shared_data_dir, shared_folder

from cxstudio import api, cli
from cxstudio.persistence.errors import ProjectFileError
from cxstudio.persistence.lock import lock_path_for
from cxstudio.persistence.schema import SCHEMA_VERSION


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def valid_project(path: Path) -> Path:
    project = api.create("journey-map", "de")
    project.save_as(path)
    project.close()
    return path


def _sql(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()


# ---------------------------------------------------------------------- the corpus, generated here
def make_missing(folder: Path) -> Path:
    return folder / "gibt-es-nicht.cxstudio"


def make_directory(folder: Path) -> Path:
    (folder / "ordner.cxstudio").mkdir()
    return folder / "ordner.cxstudio"


def make_empty(folder: Path) -> Path:
    (folder / "leer.cxstudio").write_bytes(b"")
    return folder / "leer.cxstudio"


def make_random_bytes(folder: Path) -> Path:
    (folder / "zufall.cxstudio").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(5000)))
    return folder / "zufall.cxstudio"


def make_text(folder: Path) -> Path:
    (folder / "text.cxstudio").write_text("Kunde;Phase;Bewertung\nMüller;Kauf;7\n", encoding="utf-8")
    return folder / "text.cxstudio"


def make_zip(folder: Path) -> Path:
    with zipfile.ZipFile(folder / "archiv.cxstudio", "w") as archive:
        archive.writestr("project.json", '{"name": "Projekt"}')
    return folder / "archiv.cxstudio"


def make_truncated(folder: Path) -> Path:
    data = valid_project(folder / "ganz.cxstudio").read_bytes()
    (folder / "ganz.cxstudio").unlink()
    (folder / "abgeschnitten.cxstudio").write_bytes(data[: len(data) // 2])
    return folder / "abgeschnitten.cxstudio"


def make_truncated_mid_page(folder: Path) -> Path:
    data = valid_project(folder / "ganz.cxstudio").read_bytes()
    (folder / "ganz.cxstudio").unlink()
    (folder / "halbe-seite.cxstudio").write_bytes(data[: len(data) - 1000])
    return folder / "halbe-seite.cxstudio"


def make_corrupt(folder: Path) -> Path:
    path = valid_project(folder / "kaputt.cxstudio")
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(1, len(data) // page_size):
        start = page * page_size
        data[start: start + 64] = b"\xff" * 64  # every b-tree page header destroyed
    path.write_bytes(bytes(data))
    return path


def make_foreign_database(folder: Path) -> Path:
    path = folder / "fremd.cxstudio"
    _sql(path, "CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO kunden VALUES (1, 'Müller')")
    return path


def make_newer(folder: Path) -> Path:
    path = valid_project(folder / "neuer.cxstudio")
    _sql(path, "PRAGMA user_version = 7")
    return path


def make_unknown_version(folder: Path) -> Path:
    path = valid_project(folder / "ohne-version.cxstudio")
    _sql(path, "PRAGMA user_version = 0")
    return path


def make_missing_table(folder: Path) -> Path:
    path = valid_project(folder / "ohne-tabelle.cxstudio")
    _sql(path, "DROP TABLE comment")
    return path


def make_dangling(folder: Path) -> Path:
    path = valid_project(folder / "verwaist.cxstudio")
    _sql(path, "DELETE FROM journey")  # its stages and lanes now point at nothing
    return path


def make_invalid_values(folder: Path) -> Path:
    path = valid_project(folder / "ungueltig.cxstudio")
    _sql(path, "UPDATE channel SET kind = 'telepathy' WHERE rowid = 1", "UPDATE stage SET name = 'a' || char(7)")
    return path


def make_wrong_types(folder: Path) -> Path:
    path = valid_project(folder / "typen.cxstudio")
    _sql(path, "UPDATE channel SET \"order\" = 'erste' WHERE rowid = 2", "UPDATE lane SET line_below = x'00ff'")
    return path


def make_duplicate_project(folder: Path) -> Path:
    path = valid_project(folder / "zwei-projekte.cxstudio")
    _sql(path, "INSERT INTO project (id, name, client, description, language, created) "
               "VALUES ('6b1f3c4e-8a52-4c6f-9a6c-3f7c1e2d4b5a', 'Zweites', '', '', 'de', '')")
    return path


def make_pipe(folder: Path) -> Path:
    os.mkfifo(folder / "pipe.cxstudio")
    return folder / "pipe.cxstudio"


CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (make_missing, "missing"),
    "directory": (make_directory, "is_directory"),
    "zero bytes": (make_empty, "empty"),
    "random bytes": (make_random_bytes, "not_sqlite"),
    "text file": (make_text, "not_sqlite"),
    "zip": (make_zip, "not_sqlite"),
    "a named pipe": (make_pipe, "not_sqlite"),
    "truncated": (make_truncated, "corrupt"),
    "truncated mid page": (make_truncated_mid_page, "corrupt"),
    "corrupt pages": (make_corrupt, "corrupt"),
    "another application's database": (make_foreign_database, "foreign_database"),
    "newer schema": (make_newer, "newer_schema"),
    "no schema version": (make_unknown_version, "unknown_schema"),
    "missing table": (make_missing_table, "invalid_content"),
    "dangling references": (make_dangling, "invalid_content"),
    "invalid values": (make_invalid_values, "invalid_content"),
    "wrong column types": (make_wrong_types, "invalid_content"),
    "two project records": (make_duplicate_project, "invalid_content"),
}


def run_cli(*arguments: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def assert_one_sentence(text: str) -> None:
    assert "\n" not in text.strip() and text.strip().endswith((".", ")")), text
    assert "Traceback" not in text and "Error:" not in text, text


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_input_gets_one_clear_sentence_and_stays_byte_identical(tmp_path: Path, case: str) -> None:
    make, code = CASES[case]
    path = make(tmp_path)
    before = sha256(path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ProjectFileError) as caught:
        api.open_project(path)
    error = caught.value
    assert error.code == code
    assert_one_sentence(str(error))
    assert_one_sentence(error.message("de"))
    assert error.message("de") != str(error)
    assert str(path) in str(error)
    if code == "newer_schema":
        assert "format 7" in str(error) and f"up to {SCHEMA_VERSION}" in str(error) and "Dateiformat 7" in error.message("de")

    for command in ("info", "check"):
        exit_code, out, err = run_cli(command, str(path), "--lang", "en")
        assert exit_code == 1 and out == "", (command, out)
        assert err.startswith("cxstudio: ") and "Traceback" not in err
        if command == "info" or code != "invalid_content":
            assert_one_sentence(err)
        else:  # check lists every problem below a one-line headline
            assert "problem(s) found" in err.splitlines()[0]
    exit_code, _, err = run_cli("check", str(path), "--lang", "de")
    assert exit_code == 1 and ("Problem(e) gefunden" in err or err.strip() == "cxstudio: " + error.message("de"))
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing, "nothing is created beside the input"
    assert api.find_recoverable() == [], "a refused file leaves no working copy behind"


def test_check_lists_every_problem_of_a_file_with_invalid_content(tmp_path: Path) -> None:
    path = make_dangling(tmp_path)
    inspection = api.check_file(path)
    assert inspection.document is None and len(inspection.problems) > 5
    code, _, err = run_cli("check", str(path), "--all")  # without --all, problems are grouped by cause
    assert code == 1 and len(err.splitlines()) == len(inspection.problems) + 1


def test_an_unreadable_file_is_reported_and_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    with shared_folder() as folder:
        monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(shared_data_dir(folder)))
        path = valid_project(folder / "geheim.cxstudio")
        path.chmod(0o000)
        with as_unprivileged_user():
            with pytest.raises(ProjectFileError) as caught:
                api.open_project(path)
            code, _, err = run_cli("check", str(path), "--lang", "de")
        assert caught.value.code == "unreadable"
        assert code == 1 and "kann nicht gelesen werden" in err
        assert_one_sentence(err)
        path.chmod(0o644)
        assert not lock_path_for(path).exists()


def test_the_real_command_prints_no_traceback_for_bad_input(tmp_path: Path) -> None:
    path = make_zip(tmp_path)
    for command in ("check", "info"):
        result = subprocess.run([sys.executable, "-m", "cxstudio", command, str(path)], capture_output=True,
                                text=True, env={**os.environ, "LANG": "de_DE.UTF-8", "LANGUAGE": ""}, timeout=60)
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr.strip() == (f"cxstudio: Die Datei {path} ist keine CX-Studio-Projektdatei (sie ist keine "
                                         "SQLite-Datenbank, sondern offenbar ein ZIP-Archiv oder ein Office-Dokument).")


@functools.cache
def valid_bytes() -> bytes:
    """The bytes of a valid project file (made once; not a fixture, so failures do not print them)."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.setenv("CXSTUDIO_DATA_DIR", str(Path(folder) / "data"))
        return valid_project(Path(folder) / "valid.cxstudio").read_bytes()


# Half of the positions fall on the first page (header and schema), where damage is most varied.
positions = st.one_of(st.integers(0, 4095), st.integers(0, 2**31))
mutations = st.lists(st.tuples(positions, st.integers(0, 255)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations, cut=st.one_of(st.none(), st.integers(1, 2**31)))
def test_byte_mutations_of_a_valid_file_open_or_fail_with_a_sentence(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(valid_bytes())
    for position, value in changes:
        data[position % len(data)] = value
    if cut is not None:
        data = data[: cut % len(data)]
    folder = tmp_path_factory.mktemp("mutant")
    path = folder / "mutant.cxstudio"
    path.write_bytes(bytes(data))
    before = sha256(path)
    try:
        project = api.open_project(path)
    except ProjectFileError as error:
        assert_one_sentence(str(error))
        assert_one_sentence(error.message("de"))
    else:
        assert project.document.check_invariants() == []
        project.close()
    for command in ("check", "info"):
        exit_code, out, err = run_cli(command, str(path))
        assert exit_code in (0, 1) and "Traceback" not in err
        assert (exit_code == 0) == (err == ""), err
    assert sha256(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["mutant.cxstudio"]


def test_an_unusable_data_folder_is_one_sentence_and_the_file_stays_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = valid_project(tmp_path / "gut.cxstudio")
    before = sha256(path)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(blocker))
    for attempt in (lambda: api.open_project(path), lambda: api.create(language="de")):
        with pytest.raises(ProjectFileError) as caught:
            attempt()
        assert caught.value.code == "working_copy_failed"
        assert_one_sentence(str(caught.value))
        assert "Wiederherstellungskopie" in caught.value.message("de")
    assert sha256(path) == before and not lock_path_for(path).exists()
    code, _, err = run_cli("check", str(path))  # checking needs no data folder
    assert code == 0, err
