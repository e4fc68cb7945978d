"""The office exporters report progress (done, total) and a cancel, at any step and even while saving, leaves no file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cxstudio.export.errors import ExportCancelledError, ExportError
from cxstudio.export.office.slides import export_slides
from cxstudio.export.office.workbook import export_csv, export_workbook

EXPORTERS: dict[str, Callable[..., int]] = {
    "xlsx": export_workbook,
    "csv": lambda document, path, progress: export_csv(document, path, "cards", progress=progress),
    "pptx": export_slides,
}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("suffix", sorted(EXPORTERS))
def test_progress_rises_to_its_total_and_ends_after_saving(example, tmp_path: Path, suffix: str) -> None:
    calls: list[tuple[int, int]] = []
    path = tmp_path / f"out.{suffix}"
    EXPORTERS[suffix](example.document, path, progress=lambda done, total: calls.append((done, total)) is None)
    assert path.is_file() and _leftovers(tmp_path) == [path.name]
    assert len(calls) >= 3
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert calls[-1][0] == calls[-1][1]
    assert all(0 <= done <= total for done, total in calls)


@pytest.mark.parametrize("suffix", sorted(EXPORTERS))
@pytest.mark.parametrize("when", ["first", "middle", "last"])
def test_cancel_at_any_step_leaves_no_file_and_keeps_an_existing_one(example, tmp_path: Path, suffix: str,
                                                                      when: str) -> None:
    counted: list[int] = []
    EXPORTERS[suffix](example.document, tmp_path / f"count.{suffix}",
                      progress=lambda done, total: counted.append(done) is None)
    stop_at = {"first": 1, "middle": max(1, len(counted) // 2), "last": len(counted)}[when]
    calls = 0

    def progress(_done: int, _total: int) -> bool:
        nonlocal calls
        calls += 1
        return calls < stop_at

    fresh = tmp_path / "fresh" / f"out.{suffix}"
    fresh.parent.mkdir()
    with pytest.raises(ExportCancelledError):
        EXPORTERS[suffix](example.document, fresh, progress=progress)
    assert _leftovers(fresh.parent) == []  # "last" cancels after saving: the temporary file is removed too
    existing = tmp_path / "fresh" / f"old.{suffix}"
    existing.write_bytes(b"the previous export")
    calls = 0
    with pytest.raises(ExportCancelledError):
        EXPORTERS[suffix](example.document, existing, progress=progress)
    assert existing.read_bytes() == b"the previous export"
    assert _leftovers(fresh.parent) == [existing.name]


@pytest.mark.parametrize("suffix", sorted(EXPORTERS))
def test_an_unwritable_target_fails_before_any_work(example, tmp_path: Path, suffix: str) -> None:
    calls: list[int] = []
    with pytest.raises(ExportError) as raised:
        EXPORTERS[suffix](example.document, tmp_path / "missing" / f"out.{suffix}",
                          progress=lambda done, _total: calls.append(done) is None)
    assert raised.value.code == "unwritable_output" and calls == []
    assert "der Ordner existiert nicht" in raised.value.message("de")
