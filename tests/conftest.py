"""Shared test setup: headless Qt by default, isolated user data folders (per session and per test), Hypothesis profiles."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# ---------------------------------------------------------------------- the session's own data folders
# Set at import time, before any fixture runs (session-scoped fixtures included) and in every xdist
# worker (each imports this file), so nothing a test does can reach the user's real folders. The real
# data folder is computed first, from the environment as it was, for the test that proves the isolation.
ORIGINAL_ENVIRONMENT: dict[str, str] = dict(os.environ)
REAL_USER_DATA_DIR = Path(platformdirs.user_data_dir("cxstudio", appauthor=False))
SESSION_TEMP_ROOT = Path(tempfile.mkdtemp(prefix="cxstudio-test-session-")).resolve()
SESSION_DATA_DIR = SESSION_TEMP_ROOT / "cxstudio-data"
for _variable, _folder in (("CXSTUDIO_DATA_DIR", "cxstudio-data"), ("XDG_DATA_HOME", "xdg-data"),
                           ("XDG_CONFIG_HOME", "xdg-config"), ("XDG_CACHE_HOME", "xdg-cache")):
    (SESSION_TEMP_ROOT / _folder).mkdir()
    os.environ[_variable] = str(SESSION_TEMP_ROOT / _folder)
atexit.register(shutil.rmtree, SESSION_TEMP_ROOT, ignore_errors=True)

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def session_temp_root() -> Path:
    """The temporary folder holding this session's (this worker's) data, config and cache folders."""
    return SESSION_TEMP_ROOT


@pytest.fixture(scope="session")
def real_user_data_dir() -> Path:
    """The user's real CX Studio data folder, as platformdirs gave it before the tests changed the environment."""
    return REAL_USER_DATA_DIR


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Working copies, recovery data and settings of every test live in a fresh directory."""
    data_dir = tmp_path_factory.mktemp("cxstudio-data")
    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(data_dir))
    yield data_dir


@pytest.fixture(scope="session")
def german_example_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The German worked example saved as a project file, once per session: for tests that only read it."""
    from cxstudio import api

    path = tmp_path_factory.mktemp("german-example") / "beispiel.cxstudio"
    project = api.create("complaint-example", language="de", with_working_copy=False)
    try:
        project.save_as(path)
    finally:
        project.close()
    return path
