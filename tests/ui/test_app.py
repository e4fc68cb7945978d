"""The composition root: no display gives one sentence; headless rendering paints the map the layout computes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

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


def _pixels(path: Path) -> bytes:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(image.constBits())


def test_render_headless_paints_every_card_in_its_colour_where_the_layout_puts_it(project_file: Path,
                                                                                  tmp_path: Path, qapp) -> None:
    from cxstudio import api
    from cxstudio.layout import ViewKind
    from cxstudio.ui.export.images import journey_scene, map_rect

    out = tmp_path / "map.png"
    project = api.create("complaint-example", "de", with_working_copy=False)
    example = tmp_path / "beispiel.cxstudio"
    project.save_as(example)
    try:
        assert render_headless(example, out) == 0
        image = QImage(str(out))
        journey = project.document.journeys()[0]
        with journey_scene(project, journey.id, ViewKind.MAP) as scene:
            source, cards = map_rect(scene), scene.layout.cards
            assert image.width() == round(source.width() * 2)  # the default scale: 2 pixels per point
            assert len(cards) > 20
            wrong = {}
            for card_id, box in cards.items():
                # inside the outline, left of the text: the card's fill
                x, y = (box.rect.x + 3 - source.x()) * 2, (box.rect.y + box.rect.height / 2 - source.y()) * 2
                colour = QColor(image.pixel(round(x), round(y))).name()
                if colour != box.colour.lower():
                    wrong[card_id] = (colour, box.colour)
            assert wrong == {}
            assert QColor(image.pixel(1, 1)).name() == "#ffffff"  # the margin around the map
    finally:
        project.close()


def test_render_headless_draws_the_chosen_view(project_file: Path, tmp_path: Path, capsys, qapp) -> None:
    as_map, again, as_swimlanes = tmp_path / "map.png", tmp_path / "again.png", tmp_path / "channels.png"
    assert render_headless(project_file, as_map) == 0
    assert render_headless(project_file, again) == 0
    assert render_headless(project_file, as_swimlanes, view="swimlane_channel") == 0
    assert _pixels(as_map) == _pixels(again), "the same map renders to the same pixels"
    assert _pixels(as_map) != _pixels(as_swimlanes)
    assert render_headless(project_file, tmp_path / "x.png", view="mindmap") == 1
    assert "mindmap" in capsys.readouterr().err
