"""A really full disk (a tiny tmpfs, mounted when the tests run as root): Save and write-through fail politely."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from persistence_samples import assert_same_documents, mounted_tiny_disk

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.persistence.errors import ProjectFileError


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 384 KiB file system; skipped where mounting is not allowed."""
    with mounted_tiny_disk(tmp_path, "384k") as mount_point:
        yield mount_point


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_big_cards(project: api.OpenProject, size: int) -> None:
    """Cards of 150,000 characters (about 200 KB of UTF-8 each) until `size` bytes are added."""
    journey = project.document.journeys()[0]
    stage, lane = project.document.stages(journey.id)[0], project.document.lanes(journey.id)[0]
    for _ in range(max(1, size // 200_000)):
        project.run(ops.add_card, stage.id, lane.id, "Viel Text", text="Größe " * 25_000)


def test_save_to_a_full_disk_leaves_the_file_and_its_folder_as_they_were(tiny_disk: Path) -> None:
    path = tiny_disk / "voll.cxstudio"
    project = api.create("journey-map", "de")
    project.save_as(path)
    digest = sha256(path)
    add_big_cards(project, 400_000)
    with pytest.raises(ProjectFileError) as caught:
        project.save()
    assert caught.value.code == "save_disk_full"
    assert caught.value.message("de").endswith("die Datei dort ist unverändert.")
    assert sha256(path) == digest
    assert sorted(p.name for p in tiny_disk.iterdir()) == [".~lock.voll.cxstudio#", "voll.cxstudio"]
    assert project.is_modified
    project.close()


def test_write_through_to_a_full_disk_is_reported_and_save_as_elsewhere_rescues_the_work(
    tiny_disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(tiny_disk / "data"))
    project = api.create("journey-map", "en")
    with pytest.raises(ProjectFileError) as caught:
        add_big_cards(project, 400_000)
    assert caught.value.code in ("disk_full", "write_failed")
    assert project.write_error is not None
    project.save_as(tmp_path / "rescued.cxstudio")
    with pytest.raises(ProjectFileError) as caught:  # opening needs a working copy on the full disk
        api.open_project(tmp_path / "rescued.cxstudio")
    assert caught.value.code == "working_copy_failed" and "no space left" in str(caught.value)
    rescued = api.check_file(tmp_path / "rescued.cxstudio")  # checking copies to the system's temporary folder
    assert rescued.document is not None
    assert_same_documents(project.document, rescued.document)
    project.close()
