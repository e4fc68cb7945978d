"""Benchmark of the model and editing core on the reference projects: build, card moves, undo/redo, graph queries."""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass, field
from typing import cast

from common import (
    INFO,
    Probe,
    Sample,
    Table,
    at_most,
    fmt_seconds,
    measure,
    measure_interleaved,
    peak_rss_mb,
    print_tables,
    ratio_verdict,
    time_once,
)
from generate import SIZES, generate_entities

from cxstudio.editing.operations import add_card, delete_elements, duplicate_cards, edit_card, link, move_cards
from cxstudio.editing.session import ChangeSet, Session
from cxstudio.model.document import Document
from cxstudio.model.entities import ACYCLIC_RELATION_KINDS, Card, CardKind, Entity, RelationKind, Touchpoint
from cxstudio.model.errors import InvariantError
from cxstudio.model.graph import RelationGraph

MOVE_BAR = 0.005  # one edit durable in the working copy, QUALITY.md (the model's share is measured here)
RATIO_BAR = 1.5  # L/S ratio of the same operation
UNDO_BAR = 0.020  # undo / redo of a 100-card move
FRAME_BAR = 0.016  # derived: an interactive query must fit in one frame
ANALYTICS_BAR = 0.300  # derived: whole-project queries are part of "analytics over L (all reports)"
MEMORY_BAR_MB = 300.0  # memory with L open (whole application); the model's share is measured here

MOVE = "move 1 card"
MOVE_WITH_GRAPH = "move 1 card, live RelationGraph following"
WHOLE_PROJECT_QUERIES = {"graph.uncovered_pain_points()", "graph.cycles(depends_on)", "graph.cycles(all acyclic kinds)"}


# ---------------------------------------------------------------------- what to move
@dataclass(frozen=True, slots=True)
class Move:
    """One card and the cell it moves to (the end of the same lane in the next stage)."""

    card_id: str
    stage_id: str
    lane_id: str


def single_moves(document: Document, count: int) -> list[Move]:
    """Moves whose change is the same in every project: the last card of a cell to the end of another cell.

    Taking the last card means its old cell needs no renumbering, and appending means the target cell
    needs none either, so each move is exactly one card update (stage and order) whatever the project size.
    """
    moves: list[Move] = []
    for journey in document.journeys():
        stages = document.stages(journey.id)
        for index, stage in enumerate(stages):
            target_stage = stages[(index + 1) % len(stages)]
            for lane in document.lanes(journey.id):
                cell = document.cards_in_cell(stage.id, lane.id)
                if cell:
                    moves.append(Move(cell[-1].id, target_stage.id, lane.id))
                if len(moves) == count:
                    return moves
    return moves


def hundred_card_move(document: Document) -> tuple[list[str], str, str]:
    """Up to 100 cards of the first journey, spread over its cells, and the cell (first stage, first lane) they go to."""
    journey = document.journeys()[0]
    stage = document.stages(journey.id)[0]
    lane = document.lanes(journey.id)[0]
    candidates = sorted((c for c in document.cards(journey.id) if (c.stage_id, c.lane_id) != (stage.id, lane.id)),
                        key=lambda c: c.id)
    step = max(1, len(candidates) // 100)
    return [c.id for c in candidates[::step][:100]], stage.id, lane.id


# ---------------------------------------------------------------------- one project under test
@dataclass(frozen=True, slots=True)
class QueryFigure:
    """Timings of one query over many elements, and the median size of its answer."""

    sample: Sample
    result_size: float


@dataclass
class Project:
    """A reference project built and opened for editing, with what was measured on it."""

    size: str
    document: Document
    session: Session
    generate: float
    build_checked: float
    build_unchecked: float
    invariants: float
    graph: RelationGraph | None = None
    graph_build: float = 0.0
    peak_rss_mb: float = 0.0
    operations: dict[str, Sample] = field(default_factory=dict)
    big_move_cards: int = 0
    big_move_events: int = 0
    queries: dict[str, QueryFigure] = field(default_factory=dict)

    def undo(self, _i: int = 0) -> None:
        self.session.undo()

    def redo(self, _i: int = 0) -> None:
        self.session.redo()


def open_project(size: str) -> Project:
    """Generate and build a reference project, timing each step."""
    generate_seconds, generated = time_once(lambda: generate_entities(size))
    entities = cast(list[Entity], generated)
    build_repeats = 5 if len(entities) < 50_000 else 1
    checked = measure(lambda _i: Document.from_entities(entities, check=True), repeat=build_repeats, warmup=0)
    unchecked = measure(lambda _i: Document.from_entities(entities, check=False), repeat=build_repeats, warmup=0)
    document = Document.from_entities(entities, check=True)
    invariants = measure(lambda _i: document.check_invariants(), repeat=build_repeats, warmup=0)
    return Project(size, document, Session(document), generate_seconds, checked.median, unchecked.median,
                   invariants.median)


def operation_probes(project: Project) -> dict[str, Probe]:
    """Single-element operations whose change is the same size in every project, each undone after each run."""
    session, document = project.session, project.document
    moves = single_moves(document, 40)
    last_cards = [document.get(m.card_id, Card) for m in moves]
    linked = [c for c in last_cards if len(document.relations_of(c.id)) >= 2] or last_cards
    pairs: list[tuple[str, str]] = []
    for source, target in zip(last_cards, last_cards[1:] + last_cards[:1]):
        try:
            link(session, source.id, target.id, RelationKind.DEPENDS_ON.value)
        except InvariantError:
            continue  # it would close a cycle
        session.undo()
        pairs.append((source.id, target.id))

    def move(i: int) -> None:
        m = moves[i % len(moves)]
        move_cards(session, [m.card_id], m.stage_id, m.lane_id)

    def add(i: int) -> None:
        m = moves[i % len(moves)]
        add_card(session, m.stage_id, m.lane_id, f"Neue Karte für Rückfragen Nr. {i}")

    return {
        MOVE: Probe(move, after=project.undo),
        "edit a card title": Probe(
            lambda i: edit_card(session, last_cards[i % len(last_cards)].id, title=f"Geänderter Titel Nr. {i}"),
            after=project.undo),
        "add a card at the end of a cell": Probe(add, after=project.undo),
        "delete a card with its relations": Probe(
            lambda i: delete_elements(session, [linked[i % len(linked)].id]), after=project.undo),
        "duplicate a card": Probe(
            lambda i: duplicate_cards(session, [last_cards[i % len(last_cards)].id]), after=project.undo),
        "link two cards (depends_on, cycle check)": Probe(
            lambda i: link(session, *pairs[i % len(pairs)], RelationKind.DEPENDS_ON.value), after=project.undo),
    }


def big_move_probes(project: Project) -> dict[str, Probe]:
    """Do, undo and redo of a 100-card move; leaves the project with the move done once (for undo and redo)."""
    session = project.session
    card_ids, stage_id, lane_id = hundred_card_move(project.document)
    committed: list[ChangeSet] = []
    session.on_commit(lambda change_set, _origin: committed.append(change_set))
    move_cards(session, card_ids, stage_id, lane_id)
    project.big_move_cards = len(card_ids)
    project.big_move_events = len(committed[-1].events)
    session.undo()

    def do(_i: int) -> None:
        move_cards(session, card_ids, stage_id, lane_id)

    return {
        "do": Probe(do, after=project.undo),
        # undo needs the move done, redo needs it undone; both leave the project as they found it
        "undo": Probe(lambda _i: session.undo(), after=project.redo, before=lambda: do(0), finish=project.undo),
        "redo": Probe(lambda _i: session.redo(), after=project.undo, before=lambda: (do(0), project.undo())),
    }


def query_probes(project: Project) -> dict[str, tuple[Probe, Callable[[int], Sized], int]]:
    """Queries on the document and the relation graph: name -> (probe, query of the i-th input, inputs)."""
    document = project.document
    graph = cast(RelationGraph, project.graph)
    cards = sorted(document.all(Card), key=lambda c: c.id)
    step = max(1, len(cards) // 200)
    sample_cards = cards[::step][:200]
    front = [c for c in cards if c.kind == CardKind.TOUCHPOINT.value][:200]
    touchpoints = document.all(Touchpoint)
    journey = document.journeys()[0]
    stages = document.stages(journey.id)
    first = [c for c in document.cards(journey.id) if c.stage_id == stages[0].id]
    last = [c for c in document.cards(journey.id) if c.stage_id == stages[-1].id]
    pairs = [(first[i % len(first)].id, last[(i * 7) % len(last)].id) for i in range(50)]
    support = (RelationKind.SUPPORTED_BY.value, RelationKind.DEPENDS_ON.value)
    queries: dict[str, tuple[Callable[[int], Sized], int]] = {
        "Document.relations_of(card)": (lambda i: document.relations_of(sample_cards[i].id), len(sample_cards)),
        "Document.cards_in_cell": (
            lambda i: document.cards_in_cell(sample_cards[i].stage_id, sample_cards[i].lane_id), len(sample_cards)),
        "graph.neighbours(card)": (lambda i: graph.neighbours(sample_cards[i].id), len(sample_cards)),
        "graph.downstream(touchpoint card, supported_by+depends_on)": (
            lambda i: graph.downstream(front[i].id, support), len(front)),
        "graph.backstage_processes(touchpoint card)": (lambda i: graph.backstage_processes(front[i].id), len(front)),
        "graph.journeys_using(catalogue touchpoint)": (
            lambda i: graph.journeys_using(touchpoints[i].id), len(touchpoints)),
        "graph.path(first stage -> last stage, leads_to)": (
            lambda i: graph.path(*pairs[i], relation_kinds=(RelationKind.LEADS_TO.value,)), len(pairs)),
        "graph.uncovered_pain_points()": (lambda _i: graph.uncovered_pain_points(), 1),
        "graph.cycles(depends_on)": (lambda _i: graph.cycles((RelationKind.DEPENDS_ON.value,)), 1),
        "graph.cycles(all acyclic kinds)": (lambda _i: graph.cycles(ACYCLIC_RELATION_KINDS), 1),
    }
    return {
        name: (Probe(lambda i, q=query, n=inputs: q(i % n)), query, inputs)
        for name, (query, inputs) in queries.items()
    }


# ---------------------------------------------------------------------- the run
def run(sizes: Sequence[str], repeat: int) -> list[Project]:
    projects: list[Project] = []
    for size in sizes:
        project = open_project(size)
        project.graph_build, _ = time_once(lambda p=project: RelationGraph(p.document, follow=False))
        project.graph = RelationGraph(project.document, follow=False)
        project.peak_rss_mb = peak_rss_mb()  # this size and the smaller ones open, with their graphs
        projects.append(project)
    rounds = 6
    names = list(operation_probes(projects[0]))
    probes = {p.size: operation_probes(p) for p in projects}
    for name in names:
        samples = measure_interleaved({p.size: probes[p.size][name] for p in projects}, repeat, warmup=20,
                                      rounds=rounds)
        for p in projects:
            p.operations[name] = samples[p.size]
    big = {p.size: big_move_probes(p) for p in projects}
    for step in ("do", "undo", "redo"):
        samples = measure_interleaved({p.size: big[p.size][step] for p in projects}, max(30, repeat // 5),
                                      warmup=2, rounds=rounds)
        for p in projects:
            p.operations[f"100-card move, {step}"] = samples[p.size]
    # from here on a relation graph follows each document live, as in the editor
    for p in projects:
        p.graph = RelationGraph(p.document)
    moving = {p.size: operation_probes(p)[MOVE] for p in projects}
    samples = measure_interleaved(moving, repeat, warmup=20, rounds=rounds)
    for p in projects:
        p.operations[MOVE_WITH_GRAPH] = samples[p.size]
    queries = {p.size: query_probes(p) for p in projects}
    for name in queries[projects[0].size]:
        whole = name in WHOLE_PROJECT_QUERIES
        count = (3 if "XL" in sizes else 5) if whole else max(50, repeat // 2)
        samples = measure_interleaved({size: q[name][0] for size, q in queries.items()}, count,
                                      warmup=1 if whole else 3, rounds=min(rounds, count))
        for p in projects:
            _probe, query, inputs = queries[p.size][name]
            sizes_of_answers = [len(query(i)) for i in range(inputs)]
            p.queries[name] = QueryFigure(samples[p.size], statistics.median(sizes_of_answers))
    return projects


def tables(projects: Sequence[Project]) -> list[Table]:
    small = projects[0]
    larger = projects[1:]
    build = Table("Building a project (Document.from_entities)")
    for p in projects:
        spec = SIZES[p.size]
        build.add(f"{p.size}: generate values ({len(p.document):,} entities, {spec.cards:,} cards)",
                  fmt_seconds(p.generate))
        build.add(f"{p.size}: from_entities, every invariant checked", fmt_seconds(p.build_checked))
        build.add(f"{p.size}: from_entities, unchecked (indexes only)", fmt_seconds(p.build_unchecked))
        build.add(f"{p.size}: check_invariants()", fmt_seconds(p.invariants))
        build.add(f"{p.size}: RelationGraph built from scratch", fmt_seconds(p.graph_build))
    for p in projects:
        opened = " and ".join(q.size for q in projects[: projects.index(p) + 1])
        what = f"peak RSS with {opened} open, graphs included (model share)"
        if p.size == "L":
            build.add(what, f"{p.peak_rss_mb:.0f} MB", f"<= {MEMORY_BAR_MB:.0f} MB (whole app with L)",
                      at_most(p.peak_rss_mb, MEMORY_BAR_MB))
        else:
            build.add(what, f"{p.peak_rss_mb:.0f} MB")

    edit = Table("Editing operations (median; S, L and XL measured in alternating batches)")
    for name in small.operations:
        if name.startswith("100-card move"):
            continue
        for p in projects:
            sample = p.operations[name]
            if name in (MOVE, MOVE_WITH_GRAPH):
                edit.add(f"{p.size}: {name}", fmt_seconds(sample.median), "<= 5 ms (incl. write-through)",
                         at_most(sample.median, MOVE_BAR))
            else:
                edit.add(f"{p.size}: {name}", fmt_seconds(sample.median))
        for p in larger:
            ratio, verdict = ratio_verdict(p.operations[name].median, small.operations[name].median, RATIO_BAR)
            edit.add(f"{p.size}/S ratio, {name}", f"{ratio:.2f}x", f"<= {RATIO_BAR}x", verdict)

    big = Table("Undo / redo of a 100-card move (median, best in brackets)")
    for p in projects:
        what = f"{p.size}: {p.big_move_cards}-card move ({p.big_move_events} events)"
        done = p.operations["100-card move, do"]
        big.add(f"{what}, do", f"{fmt_seconds(done.median)} ({fmt_seconds(done.best)})")
        for step in ("undo", "redo"):
            sample = p.operations[f"100-card move, {step}"]
            big.add(f"{what}, {step}", f"{fmt_seconds(sample.median)} ({fmt_seconds(sample.best)})", "<= 20 ms",
                    at_most(sample.median, UNDO_BAR))
    for p in larger:
        for step in ("undo", "redo"):
            per_event = p.operations[f"100-card move, {step}"].median / p.big_move_events
            small_per_event = small.operations[f"100-card move, {step}"].median / small.big_move_events
            ratio, verdict = ratio_verdict(per_event, small_per_event, RATIO_BAR)
            big.add(f"{p.size}/S ratio, {step} cost per event", f"{ratio:.2f}x", f"<= {RATIO_BAR}x", verdict)
    big.notes.append(
        "The change grows with the cell density: moving cards out of a cell renumbers the cards behind them, "
        "so the same 100 cards make more events on L (about 10 cards per cell) than on S (about 2)."
    )

    graph = Table("Queries (median over elements, worst in brackets; answer = median number of results)")
    for name in small.queries:
        whole = name in WHOLE_PROJECT_QUERIES
        limit = ANALYTICS_BAR if whole else FRAME_BAR
        for p in projects:
            figure = p.queries[name]
            timing = f"{fmt_seconds(figure.sample.median)} ({fmt_seconds(figure.sample.worst)})"
            bar = f"<= {fmt_seconds(limit)} *" if p.size == "L" else "—"
            graph.add(f"{p.size}: {name}, answer {figure.result_size:g}", timing, bar,
                      at_most(figure.sample.median, limit) if p.size == "L" else INFO)
        if not whole:
            for p in larger:
                ratio = p.queries[name].sample.median / small.queries[name].sample.median
                graph.add(f"{p.size}/S ratio, {name}", f"{ratio:.2f}x")
    graph.notes.append(
        "* derived bars, not stated in QUALITY.md: a query on one element must fit in one frame (16 ms); "
        "whole-project queries are part of the 300 ms budget of 'analytics over L (all reports)'. "
        "A per-element query whose ratio grows while its answer does not does work proportional to the "
        "project (see docs/PERFORMANCE.md)."
    )
    return [build, edit, big, graph]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the model and editing core on the S and L projects.")
    parser.add_argument("--repeat", type=int, default=300, help="runs of each single-element operation (default 300)")
    parser.add_argument("--xl", action="store_true", help="also build and edit the XL project (50,000 cards)")
    args = parser.parse_args(argv)
    gc.collect()
    projects = run(["S", "L", "XL"] if args.xl else ["S", "L"], args.repeat)
    return print_tables(tables(projects))


if __name__ == "__main__":
    sys.exit(main())
