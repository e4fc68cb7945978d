"""The test session never writes into the user's real folders: even session-scoped fixtures get a temporary data folder."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import pytest

from cxstudio import api
from cxstudio.persistence import working_copy


@dataclass(frozen=True)
class SessionFixtureFolders:
    data_dir: Path
    working_copy: Path
    environment: dict[str, str | None]


@pytest.fixture(scope="session")
def session_fixture_folders() -> SessionFixtureFolders:
    """What a session-scoped fixture (like tests/export's `sample`) sees: it runs before any per-test fixture."""
    project = api.create(template="journey-map", language="de")
    try:
        folder = project.working_copy
        assert folder is not None
        return SessionFixtureFolders(
            data_dir=working_copy.data_dir().resolve(),
            working_copy=folder.resolve(),
            environment={v: os.environ.get(v) for v in ("CXSTUDIO_DATA_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                                        "XDG_CACHE_HOME")},
        )
    finally:
        project.close()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def test_a_session_fixture_writes_its_working_copies_under_the_session_temp_root(
    session_fixture_folders: SessionFixtureFolders, session_temp_root: Path, real_user_data_dir: Path
) -> None:
    seen = session_fixture_folders
    assert _inside(seen.data_dir, session_temp_root), (
        f"a session-scoped fixture's data folder {seen.data_dir} lies outside the session's temporary root "
        f"{session_temp_root}: CXSTUDIO_DATA_DIR must be set when tests/conftest.py is imported")
    assert _inside(seen.working_copy, session_temp_root), (
        f"a session-scoped fixture's working copy {seen.working_copy} lies outside {session_temp_root}")
    assert not _inside(seen.working_copy, real_user_data_dir), (
        f"a session-scoped fixture's working copy {seen.working_copy} is in the user's real data folder "
        f"{real_user_data_dir}")
    for variable, value in seen.environment.items():
        assert value is not None and _inside(Path(value), session_temp_root), (
            f"{variable}={value!r} when session fixtures run; it must point into {session_temp_root}")


def test_the_platform_folders_point_into_the_session_temp_root(session_temp_root: Path,
                                                               real_user_data_dir: Path) -> None:
    """Code that bypasses CXSTUDIO_DATA_DIR (platformdirs, Qt's settings) still lands in temporary folders."""
    for where in (platformdirs.user_data_dir("cxstudio", appauthor=False),
                  platformdirs.user_config_dir("cxstudio", appauthor=False),
                  platformdirs.user_cache_dir("cxstudio", appauthor=False)):
        assert _inside(Path(where), session_temp_root), f"{where} is outside {session_temp_root}"
    assert not _inside(session_temp_root, real_user_data_dir)


def test_each_test_still_gets_a_fresh_data_folder_of_its_own(isolated_data_dir: Path,
                                                              session_temp_root: Path) -> None:
    assert working_copy.data_dir() == isolated_data_dir
    assert not _inside(isolated_data_dir, session_temp_root), "the per-test folder is a fresh one, not the session's"
    assert list(isolated_data_dir.iterdir()) == []
