"""`cxstudio export FILE -o OUT.png|svg`: the canvas's picture of a journey, headless; bad input is one sentence."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from cxstudio import api
from cxstudio.layout import ViewKind, layout_journey


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "cxstudio", *args], capture_output=True, text=True, timeout=120,
                          env=environment)


def png_header(path: Path) -> tuple[int, int, int]:
    """(width, height, pixels per metre) read from the PNG's IHDR and pHYs chunks."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    position = data.find(b"pHYs")
    per_metre = struct.unpack(">I", data[position + 4:position + 8])[0] if position > 0 else 0
    return width, height, per_metre


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], str]:
    """The German worked example saved to a file; the titles of the cards its second journey's blueprint shows."""
    path = tmp_path_factory.mktemp("images") / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    journey = project.document.journeys()[1]
    shown = layout_journey(project.document, journey.id, ViewKind.BLUEPRINT).cards
    titles = [card.title for card in project.document.cards(journey.id) if card.id in shown]
    project.save_as(path)
    project.close()
    return path, titles, journey.name


def test_png_size_follows_the_dpi(example: tuple[Path, list[str], str], tmp_path: Path) -> None:
    path, _titles, name = example
    before = path.read_bytes()
    sizes = {}
    for dpi in (72, 144):
        out = tmp_path / f"karte-{dpi}.png"
        result = run_cli("export", str(path), "-o", str(out), "--journey", name, "--dpi", str(dpi))
        assert result.returncode == 0, result.stderr
        width, height, per_metre = png_header(out)
        assert per_metre == round(dpi / 0.0254)
        sizes[dpi] = (width, height)
    assert abs(sizes[144][0] - 2 * sizes[72][0]) <= 1 and abs(sizes[144][1] - 2 * sizes[72][1]) <= 1
    assert path.read_bytes() == before


def test_svg_keeps_card_titles_with_umlauts_as_text(example: tuple[Path, list[str], str], tmp_path: Path) -> None:
    path, titles, name = example
    out = tmp_path / "blueprint.svg"
    result = run_cli("export", str(path), "-o", str(out), "--journey", name, "--view", "blueprint")
    assert result.returncode == 0, result.stderr
    root = ElementTree.parse(out).getroot()
    texts = " ".join("".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text"))
    words = " ".join(texts.split())
    umlaut_titles = [t for t in titles if any(c in t for c in "äöüÄÖÜß")]
    assert umlaut_titles, "the example should have card titles with umlauts"
    for title in titles:  # titles may wrap onto several lines: every word is there as text
        for word in title.split():
            assert word in words, f"{word!r} of {title!r} is not text in the SVG"
    assert not list(root.iter("{http://www.w3.org/2000/svg}image")), "cards were pasted as bitmaps"


@pytest.mark.parametrize(
    ("arguments", "expected", "exit_code"),
    [
        (("--dpi", "0"), "The resolution must be between 10 and 1200 dpi, not 0.", 2),
        (("--journey", "Gibt es nicht"), "has no journey named 'Gibt es nicht'", 1),
        (("--view", "kanban"), "'kanban' is not a view", 2),
    ],
)
def test_bad_image_options_are_one_sentence(example: tuple[Path, list[str], str], tmp_path: Path,
                                            arguments: tuple[str, ...], expected: str, exit_code: int) -> None:
    path, _titles, _name = example
    before = path.read_bytes()
    out = tmp_path / "bild.png"
    result = run_cli("export", str(path), "-o", str(out), *arguments, "--lang", "en")
    assert result.returncode == exit_code
    assert expected in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert path.read_bytes() == before


def test_unwritable_image_and_dpi_for_a_pdf(example: tuple[Path, list[str], str], tmp_path: Path) -> None:
    path, _titles, _name = example
    result = run_cli("export", str(path), "-o", str(tmp_path / "no" / "folder" / "x.svg"), "--lang", "de")
    assert result.returncode == 1 and "der Ordner existiert nicht" in result.stderr
    assert result.stderr.count("\n") == 1
    result = run_cli("export", str(path), "-o", str(tmp_path / "x.pdf"), "--dpi", "300", "--lang", "en")
    assert result.returncode == 2 and "--dpi is only for images" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_version_stays_light() -> None:
    code = "import sys; from cxstudio.cli import main; main(['--version']); print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'reportlab'))))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("[]"), result.stdout
