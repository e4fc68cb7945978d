"""All analyses at once (`analyse`) and the findings they yield: grouped, counted, worded in German and English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cxstudio.analysis.backstage import BackstageImpact, backstage_impact
from cxstudio.analysis.catalogue import SPREAD_WORTH_A_LOOK, TouchpointUse, touchpoint_catalogue
from cxstudio.analysis.common import journeys_in_scope, name_of
from cxstudio.analysis.coverage import Coverage, coverage
from cxstudio.analysis.flows import Flows, flows
from cxstudio.analysis.hotspots import Hotspots, pain_point_hotspots
from cxstudio.analysis.moments import RankedMoment, ranked_moments_of_truth
from cxstudio.analysis.scores import JourneyScore, MetricGap, journey_scores, metric_gaps
from cxstudio.analysis.words import UNRATED, finding_text, number
from cxstudio.model.document import Document

if TYPE_CHECKING:
    from cxstudio.model.graph import RelationGraph

TOP_HOTSPOTS = 3  # stages, channels and departments named as hotspots
TOP_MOMENTS = 5
TOP_PROCESSES = 3
GROUP_ORDER = ("scores", "hotspots", "moments", "coverage", "catalogue", "backstage", "flows")


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing worth a look: its group, a stable code, the elements it is about and the words for it."""

    group: str
    code: str
    element_ids: tuple[str, ...]
    journey_id: str | None = None  # the journey to show for it, when it belongs to one
    params: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def count(self) -> int:
        return len(self.element_ids)

    def text(self, language: str) -> str:
        return finding_text(self.code, {"n": self.count, **self.params}, language)


@dataclass(frozen=True, slots=True)
class Analysis:
    """Every analysis of the journeys in scope, and the findings drawn from them in `GROUP_ORDER`."""

    journey_ids: tuple[str, ...]
    scores: tuple[JourneyScore, ...]
    metrics: tuple[MetricGap, ...]
    hotspots: Hotspots
    moments: tuple[RankedMoment, ...]
    coverage: Coverage
    touchpoints: tuple[TouchpointUse, ...]
    backstage: BackstageImpact
    flows: Flows
    findings: tuple[Finding, ...]

    def groups(self) -> list[tuple[str, list[Finding]]]:
        """The findings by group, in GROUP_ORDER, leaving out groups without findings."""
        grouped = [(group, [f for f in self.findings if f.group == group]) for group in GROUP_ORDER]
        return [(group, found) for group, found in grouped if found]


def analyse(document: Document, graph: RelationGraph | None = None, journey_ids: Iterable[str] | None = None,
            today: dt.date | None = None, language: str | None = None) -> Analysis:
    """Run every analysis on the journeys in scope (all when None). The editor passes its RelationGraph; without one
    the analyses read the document's indexes alone (same answers, no networkx graph to build)."""
    journeys = tuple(j.id for j in journeys_in_scope(document, journey_ids))
    language = language or document.project.language
    scores = tuple(journey_scores(document, graph, journeys))
    metrics = tuple(metric_gaps(document, graph, journeys if journey_ids is not None else None))
    hotspots = pain_point_hotspots(document, graph, journeys)
    moments = tuple(ranked_moments_of_truth(document, graph, journeys))
    covered = coverage(document, graph, journeys if journey_ids is not None else None, today)
    touchpoints = tuple(touchpoint_catalogue(document, graph, journeys))
    backstage = backstage_impact(document, graph, journeys)
    flow = flows(document, graph, journeys)
    findings = _findings(document, language, scores, metrics, hotspots, moments, covered, touchpoints, backstage, flow,
                         whole_project=journey_ids is None)
    return Analysis(journeys, scores, metrics, hotspots, moments, covered, touchpoints, backstage, flow,
                    tuple(findings))


def _findings(document: Document, language: str, scores: tuple[JourneyScore, ...], metrics: tuple[MetricGap, ...],
              hotspots: Hotspots, moments: tuple[RankedMoment, ...], covered: Coverage,
              touchpoints: tuple[TouchpointUse, ...], backstage: BackstageImpact, flow: Flows,
              whole_project: bool) -> list[Finding]:
    found: list[Finding] = []
    add = found.append
    for journey in scores:
        stages = {s.stage_id: s for s in journey.stages}
        if journey.weakest_stage_ids:
            names = ", ".join(f"{stages[i].name} ({number(stages[i].score.mean, language)})"
                              for i in journey.weakest_stage_ids)
            add(Finding("scores", "weakest_stages", journey.weakest_stage_ids, journey.journey_id,
                        {"journey": journey.name, "stages": names}))
        below = tuple(s.stage_id for s in journey.stages if s.benchmark is not None and s.benchmark.target is not None
                      and s.score.mean is not None and s.score.mean < s.benchmark.target)
        if below:
            add(Finding("scores", "stages_below_target", below, journey.journey_id, {"journey": journey.name}))
        mark = journey.benchmark
        if mark is not None and mark.target is not None and journey.score.mean is not None \
                and journey.score.mean < mark.target:
            add(Finding("scores", "journey_below_target", (journey.journey_id,), journey.journey_id,
                        {"journey": journey.name, "mean": journey.score.mean, "target": mark.target,
                         "best": mark.best_in_class}))
    short = tuple(m.metric_id for m in metrics if m.below_target)
    if short:
        add(Finding("scores", "metrics_below_target", short))
    for tally in hotspots.by_stage[:TOP_HOTSPOTS]:
        add(Finding("hotspots", "hotspot_stage", tally.card_ids, tally.journey_id,
                    {"name": tally.name, "journey": name_of(document, tally.journey_id), "count": tally.count,
                     "weight": tally.weight}))
    for code, tallies in (("hotspot_channel", hotspots.by_channel), ("hotspot_department", hotspots.by_department)):
        for tally in [t for t in tallies if t.id][:TOP_HOTSPOTS]:
            add(Finding("hotspots", code, tally.card_ids, None,
                        {"name": tally.name, "count": tally.count, "weight": tally.weight}))
    for moment in moments[:TOP_MOMENTS]:
        add(Finding("moments", "moment_of_truth", (moment.card_id,), moment.journey_id,
                    {"title": moment.title, "rating": moment.rating if moment.rating is not None
                     else UNRATED[language == "de"], "priority": moment.priority, "dependants": moment.dependants,
                     "score": moment.score}))
    for code, ids in (("uncovered_pain_points", covered.uncovered_pain_point_ids),
                      ("actions_without_target", covered.actions_without_target_ids),
                      ("overdue_actions", covered.overdue_action_ids),
                      ("actions_without_owner", covered.actions_without_owner_ids)):
        if ids:
            add(Finding("coverage", code, ids))
    apart = tuple(t.touchpoint_id for t in touchpoints
                  if t.journey_spread is not None and t.journey_spread >= SPREAD_WORTH_A_LOOK)
    if apart:
        add(Finding("catalogue", "touchpoints_rated_apart", apart))
    if whole_project:
        unused = tuple(t.touchpoint_id for t in touchpoints if not t.card_ids)
        if unused:
            add(Finding("catalogue", "touchpoints_unused", unused))
    for what in ("channel", "department", "rating"):
        lacking = tuple(t.touchpoint_id for t in touchpoints if what in t.missing and (what != "rating" or t.card_ids))
        if lacking:
            add(Finding("catalogue", f"touchpoints_without_{what}", lacking))
    for impact in [i for i in backstage.processes if i.impacted_ids][:TOP_PROCESSES]:
        add(Finding("backstage", "process_impact", (impact.id, *impact.impacted_ids), impact.journey_id,
                    {"name": impact.name, "count": len(impact.impacted_ids), "moments": impact.moments_of_truth}))
    for impact in [i for i in backstage.departments if i.impacted_ids][:TOP_PROCESSES]:
        add(Finding("backstage", "department_impact", impact.impacted_ids, None,
                    {"name": impact.name, "count": len(impact.impacted_ids), "moments": impact.moments_of_truth}))
    if flow.channel_switches:
        add(Finding("flows", "channel_switches",
                    tuple(dict.fromkeys(i for s in flow.channel_switches for i in (s.source_id, s.target_id))),
                    params={"switches": len(flow.channel_switches)}))
    if flow.dead_end_ids:
        add(Finding("flows", "dead_ends", flow.dead_end_ids))
    if flow.cycles:
        add(Finding("flows", "cycles", tuple(i for cycle in flow.cycles for i in cycle),
                    params={"loops": len(flow.cycles)}))
    return found
