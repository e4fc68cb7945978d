"""The composition root: no display gives one sentence; headless rendering writes a PNG of the map."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from cxstudio.app import render_headless, run_editor


def test_without_a_display_the_editor_says_so_in_one_sentence(monkeypatch, capsys) -> None:
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert run_editor(None) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("cxstudio: No display is available") and err.count("\n") == 0


def test_render_headless_writes_a_png_of_the_first_journey(project_file: Path, tmp_path: Path, qapp) -> None:
    before = hashlib.sha256(project_file.read_bytes()).hexdigest()
    out = tmp_path / "map.png"
    assert render_headless(project_file, out) == 0
    image = QImage(str(out))
    assert image.width() > 800 and image.height() > 400
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)}
    assert len(colours) > 3  # not a blank page
    assert hashlib.sha256(project_file.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("content", [b"", b"kein Projekt"])
def test_render_headless_reports_a_bad_file_in_one_sentence(content: bytes, tmp_path: Path, capsys, qapp) -> None:
    path = tmp_path / "kaputt.cxstudio"
    path.write_bytes(content)
    assert render_headless(path, tmp_path / "out.png") == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("cxstudio: ") and err.count("\n") == 0 and "Traceback" not in err
    assert path.read_bytes() == content
    assert not (tmp_path / "out.png").exists()


def test_render_headless_names_a_missing_journey(project_file: Path, tmp_path: Path, capsys, qapp) -> None:
    assert render_headless(project_file, tmp_path / "out.png", journey="Gibt es nicht") == 1
    assert "Gibt es nicht" in capsys.readouterr().err


def test_render_headless_draws_the_chosen_view(project_file: Path, tmp_path: Path, capsys, qapp) -> None:
    as_map, as_swimlanes = tmp_path / "map.png", tmp_path / "channels.png"
    assert render_headless(project_file, as_map) == 0
    assert render_headless(project_file, as_swimlanes, view="swimlane_channel") == 0
    assert QImage(str(as_map)).size() != QImage(str(as_swimlanes)).size()
    assert render_headless(project_file, tmp_path / "x.png", view="mindmap") == 1
    assert "mindmap" in capsys.readouterr().err
