"""Files whose exact bytes this installation saved or checked skip the repeated checks; any other byte does not."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cxstudio import api
from cxstudio.persistence import verified


def saved_project(path: Path) -> Path:
    project = api.create("journey-map", "en")
    project.save_as(path)
    project.close()
    return path


def test_a_file_saved_here_opens_without_repeating_the_checks(tmp_path: Path) -> None:
    path = saved_project(tmp_path / "own.cxstudio")
    fast = api.check_file(path, thorough=False)
    assert fast.verified_before and fast.sound
    full = api.check_file(path, thorough=True)  # `cxstudio check` always runs every check
    assert not full.verified_before and full.sound
    assert fast.document is not None and full.document is not None and fast.document.same_content(full.document)


def test_a_changed_byte_means_a_full_check_and_a_bad_file_is_never_remembered(tmp_path: Path) -> None:
    path = saved_project(tmp_path / "changed.cxstudio")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("DELETE FROM journey")
    connection.commit()
    connection.close()
    first = api.check_file(path, thorough=False)
    assert not first.verified_before and first.document is None and first.problems
    second = api.check_file(path, thorough=False)
    assert not second.verified_before and second.problems == first.problems


def test_a_file_from_elsewhere_is_checked_once_then_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_project(tmp_path / "client.cxstudio")
    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(tmp_path / "other-installation"))
    assert not api.check_file(path, thorough=False).verified_before
    assert api.check_file(path, thorough=False).verified_before


def test_another_program_version_checks_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_project(tmp_path / "version.cxstudio")
    monkeypatch.setattr(verified, "__version__", "99.0")
    assert not api.check_file(path, thorough=False).verified_before


def test_a_garbled_record_only_costs_a_full_check(tmp_path: Path, isolated_data_dir: Path) -> None:
    path = saved_project(tmp_path / "garbled.cxstudio")
    (isolated_data_dir / verified.RECORD_NAME).write_text("{not json")
    assert not api.check_file(path, thorough=False).verified_before
    assert api.check_file(path, thorough=False).verified_before
