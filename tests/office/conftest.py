"""Fixtures of the office tests: the German worked example in memory, exported once as a workbook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cxstudio import api


@pytest.fixture
def example() -> Iterator[api.OpenProject]:
    """The German complaint example as an in-memory project (no working copy)."""
    project = api.create("complaint-example", "de", with_working_copy=False)
    yield project
    project.close()


@pytest.fixture(scope="session")
def example_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The German example exported as an .xlsx (read-only: copy it before editing)."""
    from cxstudio.export.office.workbook import export_workbook

    project = api.create("complaint-example", "de", with_working_copy=False)
    path = tmp_path_factory.mktemp("office") / "beispiel.xlsx"
    export_workbook(project.document, path)
    project.close()
    return path
