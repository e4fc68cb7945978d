"""Under Xvfb the real editor (`run_editor`) opens the German worked example in a window; a screenshot shows it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from cxstudio import api

SCRIPT = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from cxstudio.app import run_editor

    app = QApplication(sys.argv[:1])

    def shoot(attempt=0):
        windows = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"]
        window = windows[0] if windows else None
        if window is None or not window.isVisible() or not window.windowHandle().isExposed():
            if attempt < 100:
                QTimer.singleShot(100, lambda: shoot(attempt + 1))
            return
        QTimer.singleShot(700, lambda: grab(window))

    def grab(window):
        QApplication.primaryScreen().grabWindow(0).save(sys.argv[2])
        print(window.windowTitle())
        print(window.menuBar().actions()[0].text())
        window.close()

    QTimer.singleShot(500, shoot)
    sys.exit(run_editor(sys.argv[1]))
""")


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt-get install xvfb)")
def test_the_editor_shows_the_german_example_in_a_real_window(tmp_path: Path) -> None:
    example = tmp_path / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(example)
    project.close()
    shot = tmp_path / "editor.png"
    environment = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    environment["LANGUAGE"] = "de"
    environment["LANG"] = "de_DE.UTF-8"
    result = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, "-c", SCRIPT, str(example), str(shot)],
        capture_output=True, text=True, timeout=120, env=environment,
    )
    assert result.returncode == 0, result.stderr
    title, file_menu = result.stdout.split("\n")[:2]
    assert title.startswith("Beispiel.cxstudio") and file_menu == "&Datei"
    image = QImage(str(shot))
    assert image.width() == 1600 and image.height() == 1000
    colours = {image.pixel(x, y) for x in range(0, 1200, 23) for y in range(0, 800, 23)}
    assert len(colours) > 20  # a drawn window, not an empty screen
    keep = os.environ.get("CXSTUDIO_SCREENSHOT_DIR")
    if keep:
        shutil.copy(shot, Path(keep) / "editor-de.png")
