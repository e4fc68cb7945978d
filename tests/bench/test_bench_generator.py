"""Tests of the benchmark project generator (bench/generate.py) and the table helpers (bench/common.py)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from cxstudio.model.entities import (
    ACYCLIC_RELATION_KINDS,
    Action,
    Card,
    Insight,
    Journey,
    Lane,
    Persona,
    Relation,
    RelationKind,
    Stage,
    Touchpoint,
)

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import common  # noqa: E402
import generate  # noqa: E402

UMLAUTS = set("äöüÄÖÜß")


@pytest.fixture(scope="module")
def project_s() -> generate.Document:
    return generate.generate("S", check=False)


@pytest.fixture(scope="module")
def project_l() -> generate.Document:
    return generate.generate("L", check=False)


def test_s_passes_every_invariant_and_has_the_quality_md_counts(project_s: generate.Document) -> None:
    assert project_s.check_invariants() == []
    assert project_s.count(Journey) == 1
    assert project_s.count(Stage) == 8
    assert project_s.count(Lane) == 6
    assert project_s.count(Card) == 100
    assert project_s.count(Relation) == generate.SIZES["S"].relations
    assert project_s.count(Touchpoint) == generate.SIZES["S"].touchpoints
    assert project_s.count(Persona) == generate.SIZES["S"].personas
    assert project_s.count(Action) == generate.SIZES["S"].actions


def test_l_passes_every_invariant_and_has_the_quality_md_counts(project_l: generate.Document) -> None:
    assert project_l.check_invariants() == []
    assert project_l.count(Journey) == 10
    assert project_l.count(Card) == 5_000
    assert project_l.count(Relation) == 10_000
    assert project_l.count(Touchpoint) == 300
    assert project_l.count(Persona) == 20
    assert project_l.count(Action) == 500


def test_every_title_carries_german_umlauts(project_s: generate.Document) -> None:
    for kind in (Card, Touchpoint, Insight, Action, Journey):
        for entity in project_s.all(kind):
            title = entity.label
            assert UMLAUTS & set(title), f"{entity.KIND} title without umlaut: {title!r}"


def test_cards_carry_ratings_flags_channels_and_departments(project_l: generate.Document) -> None:
    cards = project_l.all(Card)
    ratings = {c.rating for c in cards if c.rating is not None}
    assert ratings <= set(range(1, 11)) and len(ratings) >= 8
    assert any(c.moment_of_truth for c in cards)
    assert any(c.pain_point for c in cards)
    assert any(c.channel_id for c in cards) and any(c.department_id for c in cards)
    assert len({c.kind for c in cards}) >= 7
    # every cell order is 0..n-1
    for stage in project_l.stages(project_l.journeys()[0].id):
        for lane in project_l.lanes(stage.journey_id):
            assert [c.order for c in project_l.cards_in_cell(stage.id, lane.id)] == list(
                range(len(project_l.cards_in_cell(stage.id, lane.id)))
            )


def test_catalogue_touchpoints_are_shared_across_journeys(project_l: generate.Document) -> None:
    journeys_per_touchpoint: dict[str, set[str]] = {}
    for card in project_l.all(Card):
        if card.touchpoint_id:
            journeys_per_touchpoint.setdefault(card.touchpoint_id, set()).add(card.journey_id)
    assert max(len(j) for j in journeys_per_touchpoint.values()) == 10
    assert sum(1 for j in journeys_per_touchpoint.values() if len(j) >= 2) > 100


def test_relations_mix_every_kind_and_acyclic_kinds_have_no_cycle(project_l: generate.Document) -> None:
    kinds = Counter(r.kind for r in project_l.all(Relation))
    assert set(kinds) == {k.value for k in RelationKind}
    assert all(count > 500 for count in kinds.values())
    assert not [p for p in project_l.check_invariants() if "cycle" in p]
    assert project_l._cycles() == {}
    assert set(ACYCLIC_RELATION_KINDS) <= set(kinds)
    assert any(isinstance(project_l.get(r.target_id), Touchpoint) for r in project_l.all(Relation))


def test_same_seed_same_project_other_seed_other_project(project_s: generate.Document) -> None:
    again = generate.generate("S", seed=0, check=False)
    assert again.same_content(project_s)
    other = generate.generate("S", seed=1, check=False)
    assert not other.same_content(project_s)
    assert other.check_invariants() == []


def test_unknown_size_is_refused_with_one_sentence() -> None:
    with pytest.raises(ValueError, match="Unknown project size 'M'; choose one of S, L, XL."):
        generate.generate("M")


def test_custom_spec_builds_one_big_journey() -> None:
    spec = generate.ProjectSpec("poster", journeys=1, cards=1_000, relations=1_500, touchpoints=40, personas=1,
                                actions=20, stages_per_journey=(10,))
    document = generate.generate(spec)
    assert document.count(Card) == 1_000 and document.count(Stage) == 10


def test_cli_prints_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert generate.main(["--size", "S"]) == 0
    out = capsys.readouterr().out
    assert "card" in out and "100" in out and "peak RSS" in out


def test_measure_runs_warmup_and_repeats_with_after_untimed() -> None:
    calls: list[tuple[str, int]] = []
    sample = common.measure(lambda i: calls.append(("work", i)), repeat=4, warmup=2,
                            after=lambda i: calls.append(("after", i)))
    assert len(sample.seconds) == 4
    assert calls == [(name, i) for i in range(6) for name in ("work", "after")]
    assert sample.best <= sample.median <= sample.worst


def test_table_marks_failures_and_aligns_columns(capsys: pytest.CaptureFixture[str]) -> None:
    table = common.Table("Modell")
    table.add("Karte verschieben", common.fmt_seconds(0.0021), "<= 5 ms", common.at_most(0.0021, 0.005))
    table.add("Rückgängig", common.fmt_seconds(0.030), "<= 20 ms", common.at_most(0.030, 0.020))
    assert [row.verdict for row in table.rows] == [common.PASS, common.FAIL]
    assert common.print_tables([table]) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("|")]
    assert len({len(line) for line in lines}) == 1
    assert "2.10 ms" in lines[2] and "30.00 ms" in lines[3]


@pytest.mark.parametrize("size", ["S", "L"])
def test_single_card_move_of_the_benchmark_is_the_same_change_in_every_project(
    size: str, project_s: generate.Document, project_l: generate.Document
) -> None:
    """The L/S ratio compares like with like only if each measured move is one card update in both projects."""
    import bench_model

    from cxstudio.editing.operations import move_cards
    from cxstudio.editing.session import ChangeSet, Origin, Session

    document = project_s if size == "S" else project_l
    before = document.snapshot()
    session = Session(document)
    committed: list[ChangeSet] = []
    session.on_commit(lambda change_set, origin: committed.append(change_set) if origin is Origin.DO else None)
    moves = bench_model.single_moves(document, 40)
    assert len(moves) == 40
    for move in moves:
        move_cards(session, [move.card_id], move.stage_id, move.lane_id)
        assert {event.id for event in committed[-1].events} == {move.card_id}
        assert {event.field for event in committed[-1].events} <= {"stage_id", "order"}
        session.undo()
    card_ids, stage_id, lane_id = bench_model.hundred_card_move(document)
    assert len(card_ids) >= 95 and len(set(card_ids)) == len(card_ids)
    move_cards(session, card_ids, stage_id, lane_id)
    assert {c.id for c in document.cards_in_cell(stage_id, lane_id)} >= set(card_ids)
    session.undo()
    session.detach()
    assert document.snapshot() == before
