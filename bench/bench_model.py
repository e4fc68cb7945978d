"""Benchmark of the model and editing core on the reference projects: build, card moves, undo/redo, graph queries."""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
from collections.abc import Callable, Sequence, Sized
from dataclasses import dataclass
from typing import cast

from common import (
    INFO,
    Sample,
    Table,
    at_most,
    fmt_seconds,
    measure,
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


@dataclass
class Figures:
    """What was measured on one project size."""

    size: str
    entities: int
    generate: float
    build_checked: float
    build_unchecked: float
    invariants: float
    operations: dict[str, Sample]
    big_move_cards: int
    big_move_events: int
    big_move: Sample
    undo: Sample
    redo: Sample
    graph_build: float
    queries: dict[str, QueryFigure]
    peak_rss_mb: float


MOVE = "move 1 card"
MOVE_WITH_GRAPH = "move 1 card, live RelationGraph following"


def measure_size(size: str, repeat: int) -> Figures:
    generate_seconds, generated = time_once(lambda: generate_entities(size))
    entities = cast(list[Entity], generated)
    build_repeats = 5 if len(entities) < 50_000 else 1
    checked = measure(lambda _i: Document.from_entities(entities, check=True), repeat=build_repeats, warmup=0)
    unchecked = measure(lambda _i: Document.from_entities(entities, check=False), repeat=build_repeats, warmup=0)
    document = Document.from_entities(entities, check=True)
    invariants = measure(lambda _i: document.check_invariants(), repeat=build_repeats, warmup=0)
    entities = []  # let the value list go; the document holds what it needs
    session = Session(document)

    def undo(_i: int) -> None:
        session.undo()

    # every operation is undone (untimed) after each run, so every repetition starts from the same document
    operations = measure_operations(session, repeat)

    # undo and redo of a 100-card move
    card_ids, stage_id, lane_id = hundred_card_move(document)
    big_move = measure(lambda _i: move_cards(session, card_ids, stage_id, lane_id), repeat=max(10, repeat // 20),
                       warmup=2, after=undo)
    committed: list[ChangeSet] = []
    session.on_commit(lambda change_set, _origin: committed.append(change_set))
    move_cards(session, card_ids, stage_id, lane_id)
    events = len(committed[-1].events)
    undo_sample = measure(lambda _i: session.undo(), repeat=max(20, repeat // 10), warmup=3,
                          after=lambda _i: session.redo())
    session.undo()
    redo_sample = measure(lambda _i: session.redo(), repeat=max(20, repeat // 10), warmup=3,
                          after=lambda _i: session.undo())

    # the relation graph, built from scratch and then followed live
    graph_build, _ = time_once(lambda: RelationGraph(document, follow=False))
    graph = RelationGraph(document)
    moves = single_moves(document, 40)
    operations[MOVE_WITH_GRAPH] = measure(
        lambda i: move_cards(session, [moves[i % len(moves)].card_id], moves[i % len(moves)].stage_id,
                             moves[i % len(moves)].lane_id),
        repeat=repeat, warmup=20, after=undo)
    queries = measure_queries(document, graph, repeat, whole_repeat=5 if len(document) < 50_000 else 1)
    figures = Figures(
        size=size, entities=len(document), generate=generate_seconds, build_checked=checked.median,
        build_unchecked=unchecked.median, invariants=invariants.median, operations=operations,
        big_move_cards=len(card_ids), big_move_events=events, big_move=big_move,
        undo=undo_sample, redo=redo_sample, graph_build=graph_build, queries=queries, peak_rss_mb=peak_rss_mb(),
    )
    graph.close()
    session.detach()
    return figures


def measure_operations(session: Session, repeat: int) -> dict[str, Sample]:
    """Single-element operations whose change is the same size in every project, each undone after each run."""
    document = session.document
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

    def undo(_i: int) -> None:
        session.undo()

    def move(i: int) -> None:
        m = moves[i % len(moves)]
        move_cards(session, [m.card_id], m.stage_id, m.lane_id)

    return {
        MOVE: measure(move, repeat=repeat, warmup=20, after=undo),
        "edit a card title": measure(
            lambda i: edit_card(session, last_cards[i % len(last_cards)].id, title=f"Geänderter Titel Nr. {i}"),
            repeat=repeat, warmup=20, after=undo),
        "add a card at the end of a cell": measure(
            lambda i: add_card(session, moves[i % len(moves)].stage_id, moves[i % len(moves)].lane_id,
                               f"Neue Karte für Rückfragen Nr. {i}"),
            repeat=repeat, warmup=20, after=undo),
        "delete a card with its relations": measure(
            lambda i: delete_elements(session, [linked[i % len(linked)].id]), repeat=repeat, warmup=20, after=undo),
        "duplicate a card": measure(
            lambda i: duplicate_cards(session, [last_cards[i % len(last_cards)].id]),
            repeat=repeat, warmup=20, after=undo),
        "link two cards (depends_on, cycle check)": measure(
            lambda i: link(session, *pairs[i % len(pairs)], RelationKind.DEPENDS_ON.value),
            repeat=repeat, warmup=20, after=undo),
    }


@dataclass(frozen=True, slots=True)
class QueryFigure:
    """Timings of one query over many elements, and the median size of its answer."""

    sample: Sample
    result_size: float


def measure_queries(document: Document, graph: RelationGraph, repeat: int, whole_repeat: int) -> dict[str, QueryFigure]:
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
    per_element = max(50, repeat // 2)
    whole_warmup = 1 if whole_repeat > 1 else 0
    # name -> (query of the i-th input, number of distinct inputs, repetitions, warm-up runs)
    queries: dict[str, tuple[Callable[[int], Sized], int, int, int]] = {
        "Document.relations_of(card)": (
            lambda i: document.relations_of(sample_cards[i].id), len(sample_cards), per_element, 3),
        "Document.cards_in_cell": (
            lambda i: document.cards_in_cell(sample_cards[i].stage_id, sample_cards[i].lane_id),
            len(sample_cards), per_element, 3),
        "graph.neighbours(card)": (lambda i: graph.neighbours(sample_cards[i].id), len(sample_cards), per_element, 3),
        "graph.downstream(touchpoint card, supported_by+depends_on)": (
            lambda i: graph.downstream(front[i].id, support), len(front), per_element, 3),
        "graph.backstage_processes(touchpoint card)": (
            lambda i: graph.backstage_processes(front[i].id), len(front), per_element, 3),
        "graph.journeys_using(catalogue touchpoint)": (
            lambda i: graph.journeys_using(touchpoints[i].id), len(touchpoints), per_element, 3),
        "graph.path(first stage -> last stage, leads_to)": (
            lambda i: graph.path(*pairs[i], relation_kinds=(RelationKind.LEADS_TO.value,)), len(pairs),
            min(per_element, 50), 1),
        "graph.uncovered_pain_points()": (lambda _i: graph.uncovered_pain_points(), 1, whole_repeat, whole_warmup),
        "graph.cycles(depends_on)": (
            lambda _i: graph.cycles((RelationKind.DEPENDS_ON.value,)), 1, whole_repeat, whole_warmup),
        "graph.cycles(all acyclic kinds)": (
            lambda _i: graph.cycles(ACYCLIC_RELATION_KINDS), 1, whole_repeat, whole_warmup),
    }
    figures: dict[str, QueryFigure] = {}
    for name, (query, inputs, repetitions, warmup) in queries.items():
        sample = measure(lambda i, q=query, n=inputs: q(i % n), repeat=repetitions, warmup=warmup)  # type: ignore[misc]
        sizes = [len(query(i)) for i in range(inputs)] if inputs > 1 else [len(query(0))]
        figures[name] = QueryFigure(sample, statistics.median(sizes))
    return figures


WHOLE_PROJECT_QUERIES = {"graph.uncovered_pain_points()", "graph.cycles(depends_on)", "graph.cycles(all acyclic kinds)"}


def tables(small: Figures, large: Figures, extra: Figures | None) -> list[Table]:
    sizes = [small, large] + ([extra] if extra else [])
    build = Table("Building a project (Document.from_entities)")
    for f in sizes:
        spec = SIZES[f.size]
        build.add(f"{f.size}: generate values ({f.entities:,} entities, {spec.cards:,} cards)", fmt_seconds(f.generate))
        build.add(f"{f.size}: from_entities, every invariant checked", fmt_seconds(f.build_checked))
        build.add(f"{f.size}: from_entities, unchecked (indexes only)", fmt_seconds(f.build_unchecked))
        build.add(f"{f.size}: check_invariants()", fmt_seconds(f.invariants))
        build.add(f"{f.size}: RelationGraph built from scratch", fmt_seconds(f.graph_build))
        mb_bar = f"<= {MEMORY_BAR_MB:.0f} MB (whole app with L)" if f.size == "L" else "—"
        build.add(f"{f.size}: peak RSS after build + graph (model share)", f"{f.peak_rss_mb:.0f} MB", mb_bar,
                  at_most(f.peak_rss_mb, MEMORY_BAR_MB) if f.size == "L" else INFO)

    edit = Table("Editing operations (median, each undone untimed after each run)")
    for name in small.operations:
        for f in sizes:
            sample = f.operations[name]
            if name in (MOVE, MOVE_WITH_GRAPH):
                edit.add(f"{f.size}: {name}", fmt_seconds(sample.median), "<= 5 ms (incl. write-through)",
                         at_most(sample.median, MOVE_BAR))
            else:
                edit.add(f"{f.size}: {name}", fmt_seconds(sample.median))
        for f in sizes[1:]:
            ratio, verdict = ratio_verdict(f.operations[name].median, small.operations[name].median, RATIO_BAR)
            edit.add(f"{f.size}/S ratio, {name}", f"{ratio:.2f}x", f"<= {RATIO_BAR}x", verdict)

    big = Table("Undo / redo of a 100-card move (median)")
    for f in sizes:
        what = f"{f.size}: {f.big_move_cards}-card move ({f.big_move_events} events)"
        big.add(f"{what}, do", fmt_seconds(f.big_move.median))
        big.add(f"{what}, undo", fmt_seconds(f.undo.median), "<= 20 ms", at_most(f.undo.median, UNDO_BAR))
        big.add(f"{what}, redo", fmt_seconds(f.redo.median), "<= 20 ms", at_most(f.redo.median, UNDO_BAR))
    for f in sizes[1:]:
        per_event = f.undo.median / f.big_move_events
        small_per_event = small.undo.median / small.big_move_events
        ratio, verdict = ratio_verdict(per_event, small_per_event, RATIO_BAR)
        big.add(f"{f.size}/S ratio, undo cost per event", f"{ratio:.2f}x", f"<= {RATIO_BAR}x", verdict)
    big.notes.append(
        "The change grows with the cell density: moving cards out of a cell renumbers the cards behind them, "
        "so the same 100 cards make more events on L (about 10 cards per cell) than on S (about 2)."
    )

    graph = Table("Queries (median over elements, worst in brackets; answer size = median number of results)")
    for name in large.queries:
        whole = name in WHOLE_PROJECT_QUERIES
        limit = ANALYTICS_BAR if whole else FRAME_BAR
        for f in sizes:
            figure = f.queries[name]
            timing = f"{fmt_seconds(figure.sample.median)} ({fmt_seconds(figure.sample.worst)})"
            bar = f"<= {fmt_seconds(limit)} *" if f.size == "L" else "—"
            graph.add(f"{f.size}: {name}, answer size {figure.result_size:g}", timing, bar,
                      at_most(figure.sample.median, limit) if f.size == "L" else INFO)
        if not whole:
            for f in sizes[1:]:
                ratio = f.queries[name].sample.median / small.queries[name].sample.median
                graph.add(f"{f.size}/S ratio, {name}", f"{ratio:.2f}x")
    graph.notes.append(
        "* derived bars, not stated in QUALITY.md: a query on one element must fit in one frame (16 ms); "
        "whole-project queries are part of the 300 ms budget of 'analytics over L (all reports)'. "
        "A per-element query whose ratio grows while its answer size does not is doing work proportional "
        "to the project (see docs/PERFORMANCE.md)."
    )
    return [build, edit, big, graph]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure the model and editing core on the S and L projects.")
    parser.add_argument("--repeat", type=int, default=300, help="repetitions of a single-card move (default 300)")
    parser.add_argument("--xl", action="store_true", help="also build and edit the XL project (50,000 cards)")
    args = parser.parse_args(argv)
    small = measure_size("S", args.repeat)
    large = measure_size("L", args.repeat)
    extra = None
    if args.xl:
        gc.collect()
        extra = measure_size("XL", max(50, args.repeat // 3))
    return print_tables(tables(small, large, extra))


if __name__ == "__main__":
    sys.exit(main())
