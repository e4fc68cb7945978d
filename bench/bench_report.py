"""Benchmark of the client report's cost against the project's size: 5,000, 20,000 and 50,000 cards, and XL.

Each report is written in a fresh child process, which reports its wall time, pages and its own peak RSS
(VmHWM from /proc). The 5,000 / 20,000 / 50,000-card projects are 1, 4 and 10 copies of the L project
(seeds 0, 1, ...; one shared channel and department catalogue), so every kind of content grows in
proportion and the growth of the time is the report's own. XL is the generated 50,000-card project.

    python bench/bench_report.py            # the series and XL (about 3 minutes)
    python bench/bench_report.py --no-xl    # the series only
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from common import Table, at_most, fmt_seconds, print_tables

XL_SECONDS_BAR = 60.0  # issue 15: the report of a generated 50,000-card project
XL_RSS_BAR_MB = 1024.0
GROWTH_BAR = 4.0  # 20,000 cards at most 4x the time of 5,000 (linear cost)
SERIES = (5_000, 20_000, 50_000)


def copies_of_l(copies: int) -> object:
    """`copies` L projects side by side in one document (distinct seeds), sharing the first one's channels and
    departments (matched by name); journeys numbered on."""
    from generate import generate_entities

    from cxstudio.model.document import Document

    entities = list(generate_entities("L", 0))
    shared = {e.KIND + ":" + e.name: e.id for e in entities if e.KIND in ("channel", "department")}  # type: ignore[attr-defined]
    journeys = sum(1 for e in entities if e.KIND == "journey")
    for seed in range(1, copies):
        batch = generate_entities("L", seed)
        mapping = {e.id: shared[e.KIND + ":" + e.name] for e in batch  # type: ignore[attr-defined]
                   if e.KIND in ("channel", "department")}
        for entity in batch:
            if entity.KIND in ("project", "channel", "department"):
                continue
            changes: dict[str, object] = {}
            for name in ("channel_id", "department_id"):
                value = getattr(entity, name, None)
                if value in mapping:
                    changes[name] = mapping[value]
            if entity.KIND == "persona":
                changes["preferred_channel_ids"] = tuple(mapping.get(c, c) for c in entity.preferred_channel_ids)  # type: ignore[attr-defined]
            if entity.KIND == "journey":
                changes["order"] = journeys
                journeys += 1
            entities.append(entity.replace(**changes) if changes else entity)
    return Document.from_entities(entities, check=True)


def child(size: str, out: str) -> None:
    """Build the project, write its report, print the figures as JSON (run in a fresh process)."""
    from generate import generate

    from cxstudio.export.report import export_report

    started = time.perf_counter()
    document = generate("XL") if size == "XL" else copies_of_l(int(size) // 5_000)
    built = time.perf_counter()
    cards = sum(len(document.cards(j.id)) for j in document.journeys())
    result = export_report(document, out)
    done = time.perf_counter()
    status = Path("/proc/self/status").read_text()
    hwm_kb = int(status.split("VmHWM:")[1].split()[0])
    print(json.dumps({"cards": cards, "build": built - started, "seconds": done - built, "pages": result.pages,
                      "rss_mb": hwm_kb / 1024, "bytes": Path(out).stat().st_size}))


def run_child(size: str, folder: Path) -> dict[str, float]:
    out = folder / f"report-{size}.pdf"
    process = subprocess.run([sys.executable, __file__, "--child", size, "--out", str(out)],
                             capture_output=True, text=True, check=True)
    return json.loads(process.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--no-xl", action="store_true", help="skip the generated XL project")
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.out)
        return 0
    folder = Path(tempfile.mkdtemp(prefix="cxstudio-bench-report-"))
    figures = {size: run_child(str(size), folder) for size in SERIES}
    table = Table("Client report against the project's size (copies of L; each in a fresh process)")
    base = figures[SERIES[0]]
    for size in SERIES:
        f = figures[size]
        growth = f["seconds"] / base["seconds"]
        table.add(f"{f['cards']:,.0f} cards: report ({f['pages']:,.0f} pages, {f['bytes'] / 1e6:.1f} MB)",
                  f"{fmt_seconds(f['seconds'])}, {growth:.2f}x of 5,000; {f['seconds'] / f['pages'] * 1000:.1f} ms "
                  f"per page; peak RSS {f['rss_mb']:,.0f} MB")
    twenty = figures[20_000]["seconds"] / base["seconds"]
    table.add("time of 20,000 cards / time of 5,000 cards", f"{twenty:.2f}x", f"<= {GROWTH_BAR:g}x",
              at_most(twenty, GROWTH_BAR))
    fifty = figures[50_000]
    table.add("50,000 cards (10 x L): time", fmt_seconds(fifty["seconds"]), f"<= {XL_SECONDS_BAR:g} s",
              at_most(fifty["seconds"], XL_SECONDS_BAR))
    table.add("50,000 cards (10 x L): peak RSS of the child", f"{fifty['rss_mb']:,.0f} MB",
              f"<= {XL_RSS_BAR_MB:,.0f} MB", at_most(fifty["rss_mb"], XL_RSS_BAR_MB))
    tables = [table]
    if not args.no_xl:
        xl = run_child("XL", folder)
        xl_table = Table("Client report of the generated XL project (100 journeys, 50,000 cards, 5,000 actions)")
        xl_table.add(f"report ({xl['pages']:,.0f} pages, {xl['bytes'] / 1e6:.1f} MB)", fmt_seconds(xl["seconds"]),
                     f"<= {XL_SECONDS_BAR:g} s", at_most(xl["seconds"], XL_SECONDS_BAR))
        xl_table.add("peak RSS of the child (VmHWM, project included)", f"{xl['rss_mb']:,.0f} MB",
                     f"<= {XL_RSS_BAR_MB:,.0f} MB", at_most(xl["rss_mb"], XL_RSS_BAR_MB))
        xl_table.notes.append(f"Building the project in the child took {xl['build']:.1f} s (not counted).")
        tables.append(xl_table)
    table.notes.append("Times are the report alone (export_report), the project built before; RSS includes the "
                       "project. Per-page time stays flat when the cost is linear.")
    status = print_tables(tables)
    print(f"\nPDFs left in {folder} for a look.")
    return status


if __name__ == "__main__":
    sys.exit(main())
