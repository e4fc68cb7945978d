"""Fixtures of the export dialog tests: the German worked example as a file, and dialogs closed after each test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cxstudio import api


@pytest.fixture(scope="session")
def example_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("example") / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    return path.read_bytes()


@pytest.fixture
def example_file(tmp_path: Path, example_bytes: bytes) -> Path:
    """The German worked example (2 journeys, blueprint, umlauts) as a real .cxstudio file."""
    path = tmp_path / "Beispiel.cxstudio"
    path.write_bytes(example_bytes)
    return path


@pytest.fixture
def example_project(example_file: Path) -> Iterator[api.OpenProject]:
    project = api.open_project(example_file, read_only=True)
    yield project
    project.close()


@pytest.fixture
def export_dialog(qtbot, example_project):  # type: ignore[no-untyped-def]
    """An English export dialog on the example's first journey, map view; closed and deleted afterwards."""
    from cxstudio.ui.export.dialog import ExportDialog

    journey = example_project.document.journeys()[0]
    dialog = ExportDialog(example_project, journey.id, "map", "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    if dialog.exporting:
        dialog.cancel_export()
        qtbot.waitUntil(lambda: not dialog.exporting, timeout=30_000)
