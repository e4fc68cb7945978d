"""The persona band on the map (issue 14): picture imported from a file (capped), profile shown above the grid, switchable."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from cxstudio import api
from cxstudio.editing import operations
from cxstudio.model.entities import Journey, Persona
from cxstudio.ui.persona_picture import MAX_PICTURE_SIDE, PictureError, picture_from_file


def _example(tmp_path: Path) -> Path:
    path = tmp_path / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    return path


def _photo(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#c87850"))
    assert image.save(str(path))
    return path


def _persona(window) -> Persona:  # type: ignore[no-untyped-def]
    doc = window.project.document
    journey = doc.get(window.current_journey_id(), Journey)
    return doc.get(journey.persona_id, Persona)


def test_a_picture_is_scaled_into_the_project_and_shown_in_the_band_above_the_grid(main_window, tmp_path: Path) -> None:
    main_window.open_path(_example(tmp_path))
    scene = main_window.canvas.journey_scene
    band = scene.layout.persona_band
    assert band is not None and not band.has_picture
    persona = _persona(main_window)
    assert band.persona_id == persona.id
    texts = [line.text for line in band.all_lines()]
    assert persona.name in texts and any("Schnäppchen" in t for t in texts)
    assert "ZIELE" in texts and "FRUSTRATIONEN" in texts  # the project's language
    assert band.rect.bottom < scene.layout.grid_rect.y
    assert not scene.map_extras.band.shows_picture
    steps = main_window.project.session.index

    assert main_window.map_extras.import_picture(str(_photo(tmp_path / "foto.png", 2400, 1200)))

    stored = _persona(main_window).picture
    assert stored is not None
    image = QImage.fromData(stored)
    assert (image.width(), image.height()) == (MAX_PICTURE_SIDE, MAX_PICTURE_SIDE // 2)
    assert main_window.project.session.index == steps + 1
    assert scene.layout.persona_band.has_picture and scene.map_extras.band.shows_picture
    main_window.undo()
    assert _persona(main_window).picture is None and not scene.map_extras.band.shows_picture


def test_a_file_over_16_mib_or_not_a_picture_is_refused_with_a_sentence(main_window, tmp_path: Path) -> None:
    main_window.open_path(_example(tmp_path))
    huge = tmp_path / "riesig.jpg"
    with huge.open("wb") as file:
        file.truncate(16 * 1024 * 1024 + 1)
    text = tmp_path / "notiz.png"
    text.write_text("kein Bild", encoding="utf-8")
    for path, words in ((huge, "at most 16 MiB"), (text, "is not a picture")):
        try:
            picture_from_file(path)
        except PictureError as error:
            assert words in str(error) and "\n" not in str(error)
        else:
            raise AssertionError(f"{path.name} was accepted")
        steps = main_window.project.session.index
        assert not main_window.map_extras.import_picture(str(path))
        assert words in main_window.statusBar().currentMessage()
        assert main_window.project.session.index == steps and _persona(main_window).picture is None


def test_the_view_switch_hides_the_band_and_double_clicking_the_band_shows_the_persona(main_window,
                                                                                     tmp_path: Path) -> None:
    main_window.open_path(_example(tmp_path))
    scene = main_window.canvas.journey_scene
    extras = main_window.map_extras
    band = scene.layout.persona_band
    top_with_band = scene.layout.grid_rect.y
    canvas = main_window.canvas
    point = canvas.mapFromScene(QPointF(band.rect.right - 20, band.rect.y + 10))
    QTest.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert main_window.inspector._entity_id == band.persona_id  # the persona's quote, goals, frustrations to edit

    extras.act_persona_band.trigger()

    assert not extras.act_persona_band.isChecked()
    assert scene.layout.persona_band is None and scene.map_extras.band is None
    assert scene.layout.grid_rect.y < top_with_band
    extras.act_persona_band.trigger()
    assert scene.map_extras.band is not None and scene.layout.grid_rect.y == top_with_band


def _picture_bomb(width: int = 10_000, height: int = 15_000) -> bytes:
    """A valid 1-bit PNG of `width` x `height` white pixels: 150 million pixels in about 20 KB."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row * 500) for _ in range(height // 500)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_a_picture_claiming_150_million_pixels_is_never_decoded_on_screen_or_in_print(tmp_path: Path) -> None:
    """A stranger's project may hold a tiny PNG that decodes to gigabytes: the band shows the initials instead."""
    import subprocess
    import sys

    from cxstudio.export.persona_band import picture_reader
    from cxstudio.ui.canvas.items.persona_band import decode_picture

    bomb = _picture_bomb()
    assert len(bomb) < 100_000
    assert decode_picture(bomb) is None and picture_reader(bomb) is None
    path = _example(tmp_path)
    with api.open_project(path) as project:
        persona = project.document.all(Persona)[0]
        project.run(operations.edit_element, persona.id, picture=bomb)
        project.save()
    script = (
        "import sys\n"
        "from cxstudio import api\n"
        "from cxstudio.export.options import ExportOptions\n"
        "from cxstudio.export.poster import export_poster, plan_poster\n"
        "doc = api.read_project(sys.argv[1]).document\n"
        "journey = next(j for j in doc.journeys() if j.persona_id)\n"
        "options = ExportOptions(journey_id=journey.id, paper='A1', persona_band=True)\n"
        "export_poster(doc, plan_poster(doc, options), sys.argv[2])\n"
        "print(next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(path), str(tmp_path / "poster.pdf")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.split()[-1]) < 400 * 1024  # KiB: decoding it would take 450 MB and more
    assert (tmp_path / "poster.pdf").read_bytes().startswith(b"%PDF")

