"""Benchmark of the project file on the reference projects: open, one edit durable in the working copy, Save."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench_model import single_moves
from common import Sample, Table, at_most, fmt_seconds, measure, print_tables, ratio_verdict
from generate import generate

from cxstudio import api
from cxstudio.editing.operations import move_cards
from cxstudio.model.entities import ENTITY_TYPES
from cxstudio.persistence import verified
from cxstudio.persistence.project_file import ProjectFile, inspect_file

EDIT_BAR = 0.005  # one edit durable in the working copy, median on L (QUALITY.md)
EDIT_RATIO_BAR = 1.5  # L/S ratio of the same edit
SAVE_BAR = 0.300  # Save of L
OPEN_RATIO_BAR = 2.0  # open (file -> document) against the raw sqlite3 floor


def write_reference_file(size: str, folder: Path) -> Path:
    """Generate the reference project and save it as a .cxstudio file."""
    document = generate(size)
    project = api.OpenProject(document, ProjectFile.create_unsaved(document))
    path = folder / f"reference-{size}.cxstudio"
    project.save_as(path)
    project.close()
    return path


def raw_floor(path: Path) -> int:
    """The floor: bare sqlite3 reading every row of every entity table of the same file."""
    connection = sqlite3.connect(path)
    try:
        return sum(len(connection.execute(f'SELECT * FROM "{t.KIND}"').fetchall()) for t in ENTITY_TYPES)
    finally:
        connection.close()


def open_and_close(path: Path) -> None:
    api.open_project(path).close()


def open_first_time(path: Path) -> None:
    """Open as if the file came from elsewhere: no record of having written or checked these bytes."""
    (Path(os.environ["CXSTUDIO_DATA_DIR"]) / verified.RECORD_NAME).unlink(missing_ok=True)
    api.open_project(path).close()


def measure_edit(path: Path, repeat: int) -> Sample:
    """A card move (the last card of a cell to the end of the next stage), durable in the working copy on return."""
    project = api.open_project(path)
    try:
        moves = single_moves(project.document, repeat + 5)

        def move(i: int) -> None:
            m = moves[i % len(moves)]
            project.run(move_cards, [m.card_id], m.stage_id, m.lane_id)

        return measure(move, repeat=repeat, warmup=5)
    finally:
        project.close()


def measure_save(path: Path, repeat: int) -> Sample:
    project = api.open_project(path)
    try:
        journey = project.document.journeys()[0]
        from cxstudio.editing.operations import rename

        def save(i: int) -> None:
            project.save()

        return measure(save, repeat=repeat, warmup=1, after=lambda i: project.run(rename, journey.id, f"Reise {i}"))
    finally:
        project.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40, help="edits measured per project size (default 40)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cxstudio-bench-") as folder:
        os.environ["CXSTUDIO_DATA_DIR"] = str(Path(folder) / "data")
        paths = {size: write_reference_file(size, Path(folder)) for size in ("S", "L")}
        large = paths["L"]
        size_mb = large.stat().st_size / 1e6
        rows = raw_floor(large)

        floor = measure(lambda _i: raw_floor(large), repeat=7, warmup=2)
        opened = measure(lambda _i: open_and_close(large), repeat=5, warmup=1)
        opened_first = measure(lambda _i: open_first_time(large), repeat=3, warmup=1)
        open_and_close(large)  # records the file as checked again
        inspected = measure(lambda _i: inspect_file(large, thorough=True), repeat=3, warmup=1)
        edit_l = measure_edit(large, args.repeat)
        edit_s = measure_edit(paths["S"], args.repeat)
        save_l = measure_save(large, 7)

    open_ratio, open_verdict = ratio_verdict(opened.median, floor.median, OPEN_RATIO_BAR)
    edit_ratio, edit_ratio_verdict = ratio_verdict(edit_l.median, edit_s.median, EDIT_RATIO_BAR)
    table = Table(f"Project file, reference project L ({rows:,} rows, {size_mb:.1f} MB)")
    table.add("floor: raw sqlite3 reads every row of L", fmt_seconds(floor.median))
    first_ratio = opened_first.median / floor.median
    table.add("open L saved here (file -> Document), median", fmt_seconds(opened.median))
    table.add("open L saved here / floor", f"{open_ratio:.1f}x", f"<= {OPEN_RATIO_BAR:.0f}x", open_verdict)
    table.add("open L from elsewhere (every check), median", fmt_seconds(opened_first.median))
    table.add("open L from elsewhere / floor", f"{first_ratio:.1f}x", f"<= {OPEN_RATIO_BAR:.0f}x",
              at_most(first_ratio, OPEN_RATIO_BAR))
    table.add("cxstudio check L (integrity_check + every rule)", fmt_seconds(inspected.median))
    table.add("one edit durable in the working copy, L, median", fmt_seconds(edit_l.median),
              f"<= {fmt_seconds(EDIT_BAR)}", at_most(edit_l.median, EDIT_BAR))
    table.add("one edit durable, L, 90th percentile", fmt_seconds(edit_l.quantile(0.9)))
    table.add("one edit durable in the working copy, S, median", fmt_seconds(edit_s.median))
    table.add("edit L / S", f"{edit_ratio:.2f}", f"<= {EDIT_RATIO_BAR}", edit_ratio_verdict)
    table.add("Save of L (VACUUM INTO, fsync, rename), median", fmt_seconds(save_l.median),
              f"<= {fmt_seconds(SAVE_BAR)}", at_most(save_l.median, SAVE_BAR))
    table.notes.append("The edit is a card move (one UPDATE) committed with synchronous=FULL: durable when it returns.")
    table.notes.append("Open = header check, copy into the working copy, SHA-256, load, Document, lock. A file whose "
                       "exact bytes this installation saved or checked skips the rest; one from elsewhere also gets "
                       "quick_check, the foreign-key check and every model rule (Document.check_invariants).")
    return print_tables([table])


if __name__ == "__main__":
    sys.exit(main())
