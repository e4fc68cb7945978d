"""Analytics on L: every analysis together (bar 300 ms), each one alone, and `cxstudio analyze` against `cxstudio info`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from common import Sample, Table, at_most, fmt_seconds, measure, print_tables, time_once
from generate import generate

from cxstudio import api
from cxstudio.analysis import analyse
from cxstudio.analysis.backstage import backstage_impact
from cxstudio.analysis.catalogue import touchpoint_catalogue
from cxstudio.analysis.coverage import coverage
from cxstudio.analysis.filters import CardFilter, dimmed_card_ids
from cxstudio.analysis.flows import flows
from cxstudio.analysis.hotspots import pain_point_hotspots
from cxstudio.analysis.moments import ranked_moments_of_truth
from cxstudio.analysis.scores import journey_scores, metric_gaps
from cxstudio.model.graph import RelationGraph
from cxstudio.persistence.project_file import ProjectFile

ALL_BAR = 0.300  # QUALITY.md: all analyses on L
COMMAND_MARGIN = 0.5  # `analyze` on L at most `info` + 0.5 s


def _command(*args: str) -> float:
    """Wall time of one `cxstudio` run (a fresh process, as a user starts it)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "cxstudio", *args], capture_output=True, text=True,
                            env={**os.environ, "LANG": "C.UTF-8"})
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"cxstudio {' '.join(args)} failed: {result.stderr.strip()}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per figure (default 7)")
    args = parser.parse_args(argv)
    build_seconds, document = time_once(lambda: generate("L"))
    graph_seconds, graph = time_once(lambda: RelationGraph(document))
    table = Table("Analytics on L (5,000 cards, 10,000 relations, 300 touchpoints, 500 actions)")
    every = measure(lambda _i: analyse(document, graph), repeat=args.repeat)
    table.add("all analyses and their findings (graph kept by the editor)", fmt_seconds(every.median),
              f"≤ {fmt_seconds(ALL_BAR)}", at_most(every.median, ALL_BAR))
    fresh = measure(lambda _i: analyse(document), repeat=max(3, args.repeat // 2), warmup=1)
    table.add("all analyses without a relation graph (the command's case)", fmt_seconds(fresh.median))
    table.add("relation graph built once", fmt_seconds(graph_seconds))
    parts = {
        "stage and journey scores": lambda: journey_scores(document, graph),
        "metric gaps": lambda: metric_gaps(document, graph),
        "pain-point hotspots (3 tallies, 2 heatmaps)": lambda: pain_point_hotspots(document, graph),
        "moments of truth ranked": lambda: ranked_moments_of_truth(document, graph),
        "coverage (uncovered, untargeted, overdue, ownerless)": lambda: coverage(document, graph),
        "touchpoint catalogue": lambda: touchpoint_catalogue(document, graph),
        "backstage impact": lambda: backstage_impact(document, graph),
        "flows (switches, dead ends, loops)": lambda: flows(document, graph),
    }
    for name, work in parts.items():
        sample: Sample = measure(lambda _i, w=work: w(), repeat=args.repeat)
        table.add(f"  {name}", fmt_seconds(sample.median))
    journey = document.journeys()[0].id
    dimming = measure(lambda _i: dimmed_card_ids(document, CardFilter(pain_point=True, rating_max=4), journey),
                      repeat=args.repeat)
    table.add("filter: dimmed cards of one journey (pain points rated ≤ 4)", fmt_seconds(dimming.median))
    table.notes.append(f"Generating L took {build_seconds:.1f} s (not timed above); medians of {args.repeat} runs.")

    commands = Table("`cxstudio analyze` on L as a command, against `cxstudio info` on the same file")
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("CXSTUDIO_DATA_DIR", str(Path(folder) / "data"))
        path = Path(folder) / "L.cxstudio"
        project = api.OpenProject(document, ProjectFile.create_unsaved(document))
        project.save_as(path)
        project.close()
        runs = max(3, args.repeat // 2)
        info, text, json_ = [], [], []
        for _round in range(runs):  # interleaved, so load from other processes hits all three alike
            info.append(_command("info", str(path)))
            text.append(_command("analyze", str(path)))
            json_.append(_command("analyze", str(path), "--json"))
    info_s, text_s, json_s = Sample(tuple(info)), Sample(tuple(text)), Sample(tuple(json_))
    commands.add("cxstudio info L", fmt_seconds(info_s.median))
    bar = info_s.median + COMMAND_MARGIN
    commands.add("cxstudio analyze L", fmt_seconds(text_s.median), f"≤ info + 0.5 s = {fmt_seconds(bar)}",
                 at_most(text_s.median, bar))
    commands.add("cxstudio analyze L --json", fmt_seconds(json_s.median), f"≤ {fmt_seconds(bar)}",
                 at_most(json_s.median, bar))
    commands.notes.append(f"Medians of {runs} runs of each command, interleaved.")
    return print_tables([table, commands])


if __name__ == "__main__":
    sys.exit(main())
