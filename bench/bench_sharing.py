"""Benchmark of compare and merge: diff of two L projects (bar 300 ms), three-way merge with 500 changes per side (bar 1 s).

Run: `.venv/bin/python bench/bench_sharing.py [--size L]`. The base is a generated project; each side is
a copy with 500 random edits (titles, ratings, new cards, moves, deletions) by the editing operations.
`compare` and `plan_merge` + the checked result are timed on loaded documents (the bars); reading two
files and writing the merged file through the API are shown for information.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from common import Table, at_most, fmt_seconds, measure, print_tables, time_once
from generate import SIZES, generate_entities

from cxstudio.editing import operations as ops
from cxstudio.editing.compare import compare
from cxstudio.editing.merge import merge_into, plan_merge
from cxstudio.editing.session import Session
from cxstudio.model.document import Document
from cxstudio.model.entities import Card
from cxstudio.model.errors import InvariantError

DIFF_BAR = 0.300
MERGE_BAR = 1.0
CHANGES = 500


def changed_side(base: Document, seed: int, changes: int = CHANGES) -> Document:
    """A copy of `base` with `changes` edits: 300 title/rating edits, 100 new cards, 50 moves, 50 deletions."""
    document = Document.from_entities(base.entities(), check=False)
    session = Session(document)
    rng = random.Random(seed)
    cards = sorted(document.all(Card), key=lambda c: c.id)
    plan = ["edit"] * (changes * 3 // 5) + ["add"] * (changes // 5) + ["move"] * (changes // 10) + ["delete"] * (
        changes - changes * 3 // 5 - changes // 5 - changes // 10)
    rng.shuffle(plan)
    for step, what in enumerate(plan):
        card = rng.choice(cards)
        if card.id not in document:
            continue
        try:
            if what == "edit":
                ops.edit_card(session, card.id, title=f"{card.title} ({seed}.{step})", rating=rng.randint(1, 10))
            elif what == "add":
                ops.add_card(session, card.stage_id, card.lane_id, f"Neu {seed}.{step}")
            elif what == "move":
                stage = rng.choice(document.stages(card.journey_id))
                ops.move_cards(session, [card.id], stage.id, card.lane_id, 0)
            else:
                ops.delete_elements(session, [card.id])
        except InvariantError:
            pass
    session.detach()
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="L", choices=sorted(SIZES), help="project size (default: L)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (default 5)")
    args = parser.parse_args(argv)

    base = Document.from_entities(generate_entities(args.size), check=True)
    ours, theirs = changed_side(base, 1), changed_side(base, 2)
    table = Table(f"Compare and merge ({args.size}: {len(base):,} elements; {CHANGES} changes per side)")

    diff = measure(lambda _i: compare(base, ours), repeat=args.repeat, warmup=1)
    comparison = compare(base, ours)
    table.add(f"compare(base, ours): {len(comparison.changes)} elements differ", fmt_seconds(diff.median),
              f"≤ {fmt_seconds(DIFF_BAR)}", at_most(diff.median, DIFF_BAR))
    json_time = measure(lambda _i: comparison.as_json(), repeat=args.repeat, warmup=1)
    table.add("  its JSON (as `diff --json` prints it, before json.dumps)", fmt_seconds(json_time.median))

    def merged(_i: int) -> Document:
        plan = plan_merge(base, ours, theirs, prefer="ours")
        return plan.document()

    merge = measure(merged, repeat=args.repeat, warmup=1)
    plan = plan_merge(base, ours, theirs, prefer="ours")
    table.add(f"plan_merge + checked result: {len(plan.decided)} conflicts decided, {plan.from_theirs} from theirs",
              fmt_seconds(merge.median), f"≤ {fmt_seconds(MERGE_BAR)}", at_most(merge.median, MERGE_BAR))
    planning = measure(lambda _i: plan_merge(base, ours, theirs, prefer="ours"), repeat=args.repeat, warmup=1)
    table.add("  of which plan_merge alone", fmt_seconds(planning.median))

    target = Document.from_entities(ours.entities(), check=False)
    session = Session(target)
    applied, _ = time_once(lambda: merge_into(session, plan, "theirs.cxstudio"))
    table.add("merge_into an open document (one undo step, once)", fmt_seconds(applied))
    undone, _ = time_once(session.undo)
    table.add("  its undo (once)", fmt_seconds(undone))
    session.detach()

    from cxstudio import api

    with tempfile.TemporaryDirectory(prefix="cxstudio-bench-sharing-") as folder:
        paths = []
        for name, document in (("base", base), ("ours", ours)):
            project = api.OpenProject(document)
            path = Path(folder) / f"{name}.cxstudio"
            project.save_as(path)
            project.close()
            paths.append(path)
        files, _ = time_once(lambda: api.diff_files(paths[0], paths[1]))
        table.add("api.diff_files of two L files (reading both included, once)", fmt_seconds(files))
    table.notes.append("Bars from issue 11; medians of the timed runs after a warm-up run.")
    return print_tables([table])


if __name__ == "__main__":
    sys.exit(main())
