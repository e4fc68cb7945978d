"""Benchmark of the editor's start-up: launch to the painted example map against a bare PySide6 window, in fresh processes.

Each run starts a new Python process the way a user starts the editor (``python -m cxstudio FILE``
on the German worked example, with CXSTUDIO_EXIT_AT_FIRST_PAINT set so the editor prints the moment
its map's first paint finished and quits; see cxstudio/ui/first_paint.py), and the same way a bare
PySide6 QMainWindow (shown maximized, quitting after its first paint). The figure is the time from
just before the process is spawned to that moment. Runs alternate (bare, editor, bare, editor...)
so that load from other processes hits both alike; each run gets a fresh data folder (the first
start: no settings, no recent files, nothing to recover). One untimed launch of each comes first, so
the bytecode is compiled and the files are in the page cache, as after an installation, and the
editor's compiled dataclass methods are in the bench's cache folder (cxstudio/method_cache.py; a user's
first start writes them): after the series, as many launches with an empty cache folder are reported
beside the bar as the user's very first start. The editor's
probe filters the events of the canvas's viewport only, the bare window's those of the application
(it has one label); each series ends with the machine's load average before and after it.

The series runs headless (QT_QPA_PLATFORM=offscreen) and, when xvfb-run is installed, again under
one Xvfb server (the xcb platform plugin, a real X11 window). Bars: the median launch to painted map
at most 1.5 s and at most 2.0x the bare window's median (QUALITY.md; issue 14).

    python bench/bench_startup.py             # 5 runs each, offscreen and under Xvfb
    python bench/bench_startup.py --runs 9    # more runs
    python bench/bench_startup.py --no-xvfb   # offscreen only
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import FAIL, INFO, PASS, Table, at_most, print_tables

ROOT = Path(__file__).resolve().parents[1]
LAUNCH_BAR = 1.5
RATIO_BAR = 2.0
PREFIX = "cxstudio-first-paint"
TIMEOUT = 120

BARE_WINDOW = f"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Probe(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint and watched is label:
            self.seen = True
            QTimer.singleShot(0, report)
        return False

def report():
    print("{PREFIX} %.6f" % time.time(), flush=True)
    app.quit()

app = QApplication(sys.argv[:1])
probe = Probe()
app.installEventFilter(probe)
window = QMainWindow()
label = QLabel("A bare PySide6 window")
window.setCentralWidget(label)
window.showMaximized()
sys.exit(app.exec())
"""


def example_file(folder: Path) -> Path:
    """The German worked example written to a project file (as `./dev run` does)."""
    path = folder / "Beschwerde-Beispiel.cxstudio"
    subprocess.run([sys.executable, "-m", "cxstudio", "new", str(path), "--template", "complaint-example",
                    "--lang", "de"], cwd=ROOT, check=True, capture_output=True, env=child_environment(folder / "new"))
    return path


def child_environment(data_dir: Path, display: str | None = None, cache_dir: Path | None = None) -> dict[str, str]:
    environment = dict(os.environ)
    environment["CXSTUDIO_DATA_DIR"] = str(data_dir)
    # the user cache folder (the editor's compiled dataclass methods, cxstudio/method_cache.py): the bench's own,
    # kept across the runs like the bytecode, unless a run asks for a fresh one (the user's very first start)
    environment["XDG_CACHE_HOME"] = str(cache_dir if cache_dir is not None else data_dir.parent / "cache")
    environment["CXSTUDIO_EXIT_AT_FIRST_PAINT"] = "1"
    environment["LANG"] = environment["LC_ALL"] = "de_DE.UTF-8"
    environment.pop("LANGUAGE", None)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # an installation has its bytecode compiled
    if display is None:
        environment["QT_QPA_PLATFORM"] = "offscreen"
    else:
        environment.pop("QT_QPA_PLATFORM", None)
        environment.pop("WAYLAND_DISPLAY", None)
        environment["DISPLAY"] = display
    return environment


def launch(command: list[str], environment: dict[str, str]) -> float:
    """Seconds from spawning `command` to the first-paint line it prints."""
    started = time.time()
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=TIMEOUT)
    for line in result.stdout.splitlines():
        if line.startswith(PREFIX + " "):
            return float(line.split()[1]) - started
    raise SystemExit(f"{' '.join(command)} printed no first paint (exit {result.returncode}):\n"
                     f"{result.stdout}\n{result.stderr}")


def load_average() -> str:
    """The machine's load averages (1, 5, 15 minutes): the figures mean little on a busy machine."""
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def series(example: Path, runs: int, folder: Path, display: str | None) -> tuple[list[float], list[float], list[float]]:
    """Launch times of the bare window, the editor, and the editor on a user's very first start (no method cache)."""
    bare: list[float] = []
    editor: list[float] = []
    first: list[float] = []
    editor_command = [sys.executable, "-m", "cxstudio", str(example)]
    # one untimed launch each first: bytecode and the editor's compiled methods written, the files in the
    # page cache, as on the second start after an installation
    launch([sys.executable, "-c", BARE_WINDOW], child_environment(folder / "warm-bare", display))
    launch(editor_command, child_environment(folder / "warm-editor", display))
    for run in range(runs):
        bare.append(launch([sys.executable, "-c", BARE_WINDOW], child_environment(folder / f"bare{run}", display)))
        editor.append(launch(editor_command, child_environment(folder / f"editor{run}", display)))
    for run in range(runs):  # after the compared series, so that it runs exactly as before
        first.append(launch(editor_command, child_environment(folder / f"first{run}", display,
                                                              cache_dir=folder / f"first{run}-cache")))
    return bare, editor, first


def table(title: str, bare: list[float], editor: list[float], first: list[float], load_before: str) -> Table:
    result = Table(title)
    bare_median, editor_median = statistics.median(bare), statistics.median(editor)
    ratio = editor_median / bare_median
    result.add("bare PySide6 QMainWindow, launch to first paint (median)", f"{bare_median:.2f} s")
    result.add("CX Studio on the German example, launch to painted map (median)", f"{editor_median:.2f} s",
               f"≤ {LAUNCH_BAR} s", at_most(editor_median, LAUNCH_BAR))
    result.add("ratio editor / bare window (medians)", f"{ratio:.2f}x", f"≤ {RATIO_BAR}x",
               PASS if ratio <= RATIO_BAR else FAIL)
    result.add("every run, bare (s)", " ".join(f"{s:.2f}" for s in bare), verdict=INFO)
    result.add("every run, editor (s)", " ".join(f"{s:.2f}" for s in editor), verdict=INFO)
    first_median = statistics.median(first)
    result.add("the user's very first start (methods compiled, then cached), median",
               f"{first_median:.2f} s = {first_median / bare_median:.2f}x", verdict=INFO)
    result.notes.append(f"{len(bare)} fresh processes each, alternating; {sys.executable}")
    result.notes.append(f"load average before the series {load_before}, after it {load_average()} ({os.cpu_count()} cores)")
    return result


def run_under_xvfb(runs: int) -> int:
    """Run this script's Xvfb part inside one xvfb-run server and relay its output."""
    command = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, str(Path(__file__).resolve()),
               "--runs", str(runs), "--inside-xvfb"]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-xvfb", action="store_true", help="measure offscreen only")
    parser.add_argument("--inside-xvfb", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cxstudio-bench-startup-") as name:
        folder = Path(name)
        example = example_file(folder)
        if args.inside_xvfb:
            load = load_average()
            bare, editor, first = series(example, args.runs, folder, os.environ["DISPLAY"])
            return print_tables([table("Start-up under Xvfb (xcb)", bare, editor, first, load)])
        load = load_average()
        bare, editor, first = series(example, args.runs, folder, None)
        status = print_tables([table("Start-up offscreen", bare, editor, first, load)])
    if not args.no_xvfb:
        if shutil.which("xvfb-run"):
            print()
            status = max(status, run_under_xvfb(args.runs))
        else:
            print("\nxvfb-run is not installed: the Xvfb series was skipped.")
    return status


if __name__ == "__main__":
    sys.exit(main())
