"""`cxstudio render`: a journey drawn to a PNG without a display, and one sentence for bad input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cxstudio import api


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "cxstudio", *args], capture_output=True, text=True, timeout=120,
                          env=environment)


def test_render_writes_a_png_of_the_chosen_journey_and_view(tmp_path: Path) -> None:
    example = tmp_path / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(example)
    second_journey = project.document.journeys()[1].name
    project.close()
    before = example.read_bytes()
    out = tmp_path / "karte.png"
    result = run_cli("render", str(example), "-o", str(out), "--journey", second_journey, "--view", "blueprint",
                     "--scale", "1")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    assert example.read_bytes() == before


def test_render_bad_input_is_one_sentence(tmp_path: Path) -> None:
    for args in (
        ("render", str(tmp_path / "missing.cxstudio"), "-o", str(tmp_path / "x.png")),
        ("render", str(tmp_path / "missing.cxstudio"), "-o", str(tmp_path / "x.png"), "--scale", "0"),
    ):
        result = run_cli(*args)
        assert result.returncode in (1, 2)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert not (tmp_path / "x.png").exists()
