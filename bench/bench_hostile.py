"""Benchmark of hostile project files: time, peak memory and message length of check, info and export per variant."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from common import Table, print_tables

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "persistence"))
from hostile_files import VARIANTS, make_variant, save_worked_example

SECONDS_BAR = 10.0  # a clean exit within 10 s (QUALITY.md, bars added on 2026-12-02)
RSS_BAR_MB = 500.0  # and 500 MB of resident memory
SENTENCE_BAR = 400  # one sentence under 400 characters
COMMANDS = ("check", "info", "export")


def high_water_mb(pid: int) -> float:
    """A process's own peak resident size so far (VmHWM), in MB; 0 where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def run(arguments: list[str], environment: dict[str, str]) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak RSS in MB, standard error) of one `cxstudio` run in a child process.

    The peak is the child's own high-water mark, read from /proc every 10 ms until it ends (wait4's
    ru_maxrss would include the peak of this process, which the child inherits on Linux).
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen([sys.executable, "-m", "cxstudio", *arguments], stdout=subprocess.DEVNULL,
                                 stderr=err, env=environment)
        peak = 0.0
        while True:
            peak = max(peak, high_water_mb(child.pid))
            pid, status = os.waitpid(child.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.01)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        error = err.read().decode("utf-8", "replace")
    return child.returncode, time.perf_counter() - started, peak, error


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="variants whose name contains this text")
    args = parser.parse_args(argv)
    table = Table("Hostile project files through the command line (child process each)")
    worst = {"seconds": 0.0, "rss": 0.0, "line": 0}
    with tempfile.TemporaryDirectory(prefix="cxstudio-hostile-") as folder:
        root = Path(folder)
        environment = {**os.environ, "CXSTUDIO_DATA_DIR": str(root / "data"), "LANG": "C.UTF-8"}
        os.environ["CXSTUDIO_DATA_DIR"] = environment["CXSTUDIO_DATA_DIR"]
        base = save_worked_example(root / "base" / "Beschwerde-Beispiel.cxstudio")
        for number, variant in enumerate(VARIANTS):
            if args.only and args.only not in variant.name:
                continue
            path = make_variant(variant, base, root / f"v{number}")
            for command in COMMANDS:
                arguments = [command, str(path)]
                if command == "export":
                    arguments += ["-o", str(root / f"v{number}" / "out.pdf")]
                code, seconds, rss, error = run(arguments, environment)
                lines = error.splitlines()
                longest = max((len(line) for line in lines), default=0)
                traceback = "Traceback" in error
                within = seconds <= SECONDS_BAR and rss <= RSS_BAR_MB and longest < SENTENCE_BAR and not traceback
                worst["seconds"] = max(worst["seconds"], seconds)
                worst["rss"] = max(worst["rss"], rss)
                worst["line"] = max(worst["line"], longest)
                table.add(f"{variant.name}: {command} (exit {code}, {len(lines)} line(s) of {longest} chars)",
                          f"{seconds:.2f} s, {rss:.0f} MB", f"<= {SECONDS_BAR:.0f} s, {RSS_BAR_MB:.0f} MB",
                          ("pass" if within else "FAIL") + (" (traceback)" if traceback else ""))
    table.notes.append(f"Worst: {worst['seconds']:.2f} s, {worst['rss']:.0f} MB peak RSS, longest stderr line "
                       f"{worst['line']} characters (bar: under {SENTENCE_BAR}). Each run is `python -m cxstudio` in a "
                       "fresh child process (interpreter start included); peak RSS is the child's own high-water mark (VmHWM).")
    table.notes.append("Variants are built from the German worked example by tests/persistence/hostile_files.py, the "
                       "corpus the tests use: triggers of every timing, extra tables/columns/index/view/virtual table, "
                       "the card table as a view (plain, endless recursive, 100 MB strings) or a virtual table, "
                       "generated columns, JSON nested 200,000 deep, a 10 MB id, a 5 MB title, a 40 MB picture, "
                       "files padded to 1.5 and 2 GB, a -wal or -journal beside the file.")
    return print_tables([table])


if __name__ == "__main__":
    sys.exit(main())
