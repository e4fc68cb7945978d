"""Each analysis on a small hand-made project: scores, metrics, hotspots, moments of truth, coverage, catalogue, backstage, flows."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_samples import Sample, build

from cxstudio.analysis import analyse
from cxstudio.analysis.backstage import backstage_impact
from cxstudio.analysis.catalogue import touchpoint_catalogue
from cxstudio.analysis.coverage import coverage
from cxstudio.analysis.flows import flows
from cxstudio.analysis.hotspots import NONE_KEY, pain_point_hotspots
from cxstudio.analysis.moments import ranked_moments_of_truth
from cxstudio.analysis.scores import journey_scores, metric_gaps
from cxstudio.analysis.targets import best_journey, targets_by_journey
from cxstudio.analysis.words import FINDINGS, GROUPS
from cxstudio.editing import operations as ops
from cxstudio.model.graph import RelationGraph


@pytest.fixture
def sample() -> Sample:
    return build()


def test_stage_and_journey_scores_with_targets_and_weakest_stages(sample: Sample) -> None:
    ids = sample.ids
    complaint, renewal = journey_scores(sample.document)
    assert (complaint.score.count, complaint.score.mean, complaint.score.minimum, complaint.score.spread) == (
        5, pytest.approx(5.2), 2, 6)
    stages = {s.stage_id: s for s in complaint.stages}
    assert [s.stage_id for s in complaint.stages] == [ids["notice"], ids["contact"], ids["resolve"]]
    assert (stages[ids["notice"]].score.mean, stages[ids["notice"]].score.spread) == (6.5, 1)
    assert (stages[ids["contact"]].score.mean, stages[ids["contact"]].score.minimum) == (2.5, 2)
    assert stages[ids["contact"]].benchmark.target == 6.0 and stages[ids["contact"]].benchmark.best_in_class == 8.0
    assert stages[ids["resolve"]].benchmark is None
    assert complaint.weakest_stage_ids == (ids["contact"], ids["notice"], ids["resolve"])
    assert renewal.weakest_stage_ids == (ids["x"],), "an unrated stage is not among the weakest"
    assert [j.journey_id for j in journey_scores(sample.document, journey_ids=[ids["B"]])] == [ids["B"]]


def test_metric_gaps_read_the_better_direction_from_best_in_class(sample: Sample) -> None:
    gaps = {g.metric_id: g for g in metric_gaps(sample.document)}
    ids = sample.ids
    assert gaps[ids["csat"]].gap_to_target == 20.0 and gaps[ids["csat"]].gap_to_best == 30.0
    assert gaps[ids["wait"]].lower_is_better and gaps[ids["wait"]].gap_to_target == 15.0
    assert not gaps[ids["fast"]].below_target and gaps[ids["fast"]].gap_to_best == 0.5
    assert gaps[ids["rating_contact"]].gap_to_target is None, "no current value, no gap"


def test_pain_point_hotspots_weigh_priority_and_fill_the_heatmap(sample: Sample) -> None:
    ids = sample.ids
    hot = pain_point_hotspots(sample.document)
    assert [(t.id, t.count, t.weight) for t in hot.by_stage] == [(ids["contact"], 1, 4), (ids["notice"], 1, 2)]
    assert [(t.id, t.weight) for t in hot.by_channel] == [(ids["phone"], 4), (ids["web"], 2)]
    assert [(t.id, t.weight) for t in hot.by_department] == [(ids["service"], 4), (NONE_KEY, 2)]
    heatmap = hot.stage_by_channel
    assert [r.id for r in heatmap.rows] == [ids["notice"], ids["contact"]], "rows in stage order"
    assert [c.id for c in heatmap.columns] == [ids["web"], ids["phone"]], "columns in channel order"
    assert heatmap.cells == ((2, 0), (0, 4)) and heatmap.maximum == 4
    assert [c.id for c in hot.stage_by_department.columns] == [ids["service"], NONE_KEY]


def test_moments_of_truth_rank_low_rating_high_priority_many_dependants_first(sample: Sample) -> None:
    ids = sample.ids
    first, second = ranked_moments_of_truth(sample.document)
    # (11 - 3) x (1 + 3) x (1 + 2 dependants: the process it depends on and its twin in journey B)
    assert (first.card_id, first.dependants, first.journeys, first.score) == (ids["t1"], 2, 2, 96)
    assert (second.card_id, second.score) == (ids["t3"], 2 * 2 * 2)
    sample.project.run(ops.edit_card, ids["t3"], rating=1, priority=3)
    assert [m.card_id for m in ranked_moments_of_truth(sample.document)] == [ids["t1"], ids["t3"]]
    sample.project.run(ops.edit_card, ids["t1"], rating=10)
    assert [m.card_id for m in ranked_moments_of_truth(sample.document)] == [ids["t3"], ids["t1"]]


def test_coverage_of_pain_points_and_actions(sample: Sample) -> None:
    ids = sample.ids
    graph = RelationGraph(sample.document)
    found = coverage(sample.document, graph, today=dt.date(2025, 1, 1))
    assert found.uncovered_pain_point_ids == (ids["t1"],) == tuple(graph.uncovered_pain_points())
    assert found.actions_without_target_ids == (ids["a2"],)
    assert found.overdue_action_ids == (ids["a1"],), "a done action is never overdue"
    assert found.actions_without_owner_ids == (ids["a2"],)
    assert coverage(sample.document, graph, today=dt.date(2019, 12, 31)).overdue_action_ids == ()
    sample.project.run(ops.edit_element, ids["a2"], card_ids=(ids["t1"],), owner="Max")
    found = coverage(sample.document, graph, today=dt.date(2025, 1, 1))
    assert found.uncovered_pain_point_ids == () and found.actions_without_target_ids == ()
    assert found.actions_without_owner_ids == ()
    assert coverage(sample.document, graph, [ids["B"]]).uncovered_pain_point_ids == ()


def test_catalogue_touchpoints_use_spread_and_what_they_lack(sample: Sample) -> None:
    ids = sample.ids
    uses = {u.touchpoint_id: u for u in touchpoint_catalogue(sample.document)}
    hotline = uses[ids["hotline"]]
    assert hotline.journey_ids == (ids["A"], ids["B"]) and set(hotline.card_ids) == {ids["t1"], ids["t3"]}
    assert (hotline.score.minimum, hotline.score.maximum, hotline.journey_spread) == (3, 9, 6.0)
    assert hotline.missing == ()
    assert uses[ids["portal"]].missing == ("department",)
    assert uses[ids["unused"]].missing == ("channel", "department", "rating") and uses[ids["unused"]].journey_ids == ()
    only_b = {u.touchpoint_id: u for u in touchpoint_catalogue(sample.document, journey_ids=[ids["B"]])}
    assert only_b[ids["hotline"]].journey_spread is None


def test_backstage_impact_of_processes_and_departments(sample: Sample) -> None:
    ids = sample.ids
    impact = backstage_impact(sample.document)
    process = next(p for p in impact.processes if p.id == ids["p1"])
    assert (process.impacted_ids, process.moments_of_truth, process.pain_points) == ((ids["t1"],), 1, 1)
    service = next(d for d in impact.departments if d.id == ids["service"])
    assert service.impacted_ids == (ids["t1"],)
    sample.project.run(ops.link, ids["s2"], ids["t1"], "depends_on")
    process = next(p for p in backstage_impact(sample.document).processes if p.id == ids["p1"])
    assert process.impacted_ids == tuple(sorted((ids["t1"], ids["s2"]))), "transitively: s2 depends on t1 on p1"


def test_flows_find_channel_switches_dead_ends_and_loops(sample: Sample) -> None:
    ids = sample.ids
    found = flows(sample.document)
    assert [(s.source_id, s.target_id, s.from_channel, s.to_channel) for s in found.channel_switches] == [
        (ids["s1"], ids["s2"], "Website", "Call centre")]
    assert found.dead_end_ids == (ids["s5"],), "s3 ends in the last stage, s5 before it"
    assert found.cycles == (tuple(sorted((ids["b1"], ids["b2"]))),)
    assert flows(sample.document, journey_ids=[ids["A"]]).cycles == ()


def test_analyse_groups_findings_in_both_languages_and_targets_find_the_journey(sample: Sample) -> None:
    ids = sample.ids
    analysis = analyse(sample.document, today=dt.date(2025, 1, 1))
    codes = {f.code for f in analysis.findings}
    assert {"weakest_stages", "stages_below_target", "metrics_below_target", "hotspot_stage", "moment_of_truth",
            "uncovered_pain_points", "overdue_actions", "touchpoints_rated_apart", "process_impact",
            "channel_switches", "dead_ends", "cycles"} <= codes
    assert [group for group, _found in analysis.groups()] == list(GROUPS)
    for finding in analysis.findings:
        english, german = finding.text("en"), finding.text("de")
        assert english and german and english != german
    uncovered = next(f for f in analysis.findings if f.code == "uncovered_pain_points")
    assert uncovered.element_ids == (ids["t1"],) and uncovered.text("de") == "Pain Points ohne Maßnahme: 1"
    assert targets_by_journey(sample.document, [ids["hotline"], ids["contact"]]) == {
        ids["A"]: [ids["t1"], ids["contact"]], ids["B"]: [ids["t3"]]}
    assert best_journey(sample.document, [ids["hotline"]], ids["B"]) == (ids["B"], [ids["t3"]])
    assert best_journey(sample.document, [ids["a1"]], ids["B"]) == (ids["A"], [ids["t2"]])
    assert best_journey(sample.document, [ids["unused"]], None) == (None, [])


def test_the_wording_tables_carry_the_same_parameters_in_both_languages() -> None:
    import string

    for table in (FINDINGS, GROUPS):
        for english, german in table.values():
            fields = [{name for _t, name, _f, _c in string.Formatter().parse(text) if name} for text in (english, german)]
            assert fields[0] == fields[1], english


def test_strongly_connected_groups_agree_with_networkx() -> None:
    import random

    import networkx as nx

    from cxstudio.analysis.flows import strongly_connected

    rng = random.Random(7)
    for _round in range(30):
        nodes = [f"n{i}" for i in range(rng.randint(1, 40))]
        successors: dict[str, list[str]] = {}
        graph = nx.DiGraph()
        graph.add_nodes_from(nodes)
        for _edge in range(rng.randint(0, 80)):
            a, b = rng.choice(nodes), rng.choice(nodes)
            if a != b:
                successors.setdefault(a, []).append(b)
                successors.setdefault(b, [])
                graph.add_edge(a, b)
        ours = {frozenset(g) for g in strongly_connected(successors)}
        theirs = {frozenset(g) for g in nx.strongly_connected_components(graph.subgraph(successors))}
        assert ours == theirs


def test_without_a_graph_the_answers_are_the_same(sample: Sample) -> None:
    from cxstudio.analysis.coverage import uncovered_pain_points

    graph = RelationGraph(sample.document)
    assert uncovered_pain_points(sample.document) == uncovered_pain_points(sample.document, graph)
    assert analyse(sample.document).findings == analyse(sample.document, graph).findings
