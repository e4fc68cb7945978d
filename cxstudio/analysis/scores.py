"""Stage and journey scores (mean, minimum, spread of ratings) against rating targets and best-in-class; metric gaps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cxstudio.analysis.common import Benchmark, Score, cards_in_scope, journeys_in_scope, rating_benchmarks, score_of
from cxstudio.model.document import Document
from cxstudio.model.entities import Metric, MetricScope, Stage

WEAKEST_STAGES = 3  # how many stages of a journey count as its weakest


@dataclass(frozen=True, slots=True)
class StageScore:
    """The ratings of one stage's cards, with the stage's rating target and best-in-class where a metric sets them."""

    stage_id: str
    journey_id: str
    name: str
    score: Score
    benchmark: Benchmark | None


@dataclass(frozen=True, slots=True)
class JourneyScore:
    """The ratings of a journey's cards, its stages in order and its weakest stages (lowest mean first)."""

    journey_id: str
    name: str
    score: Score
    benchmark: Benchmark | None
    stages: tuple[StageScore, ...]
    weakest_stage_ids: tuple[str, ...]


def journey_scores(document: Document, graph: object = None,
                   journey_ids: Iterable[str] | None = None) -> list[JourneyScore]:
    """For every journey in scope: its score, each stage's score in order and its weakest rated stages.

    A stage's weakest rank needs at least one rated card; ties go to the earlier stage. `benchmark`
    is the journey's or stage's metric of kind rating (target and best-in-class on the 1-10 scale).
    """
    benchmarks = rating_benchmarks(document)
    result = []
    for journey in journeys_in_scope(document, journey_ids):
        by_stage: dict[str, list[int]] = defaultdict(list)
        ratings: list[int] = []
        for card in cards_in_scope(document, [journey]):
            if card.rating is not None:
                by_stage[card.stage_id].append(card.rating)
                ratings.append(card.rating)
        stages = tuple(
            StageScore(stage.id, journey.id, stage.name, score_of(by_stage.get(stage.id, ())), benchmarks.get(stage.id))
            for stage in document.stages(journey.id)
        )
        rated = [(s.score.mean, index, s.stage_id) for index, s in enumerate(stages) if s.score.mean is not None]
        weakest = tuple(stage_id for _mean, _index, stage_id in sorted(rated)[:WEAKEST_STAGES])
        result.append(JourneyScore(journey.id, journey.name, score_of(ratings), benchmarks.get(journey.id), stages,
                                   weakest))
    return result


@dataclass(frozen=True, slots=True)
class MetricGap:
    """A metric's distance to its target and to best-in-class, in the direction in which it gets better.

    `gap_to_target` and `gap_to_best` are positive while the metric falls short. The better direction
    is read from best-in-class: below the target (or, without a target, below the current value)
    means lower is better, as for waiting times; otherwise higher is better.
    """

    metric_id: str
    name: str
    kind: str
    scope: str
    scope_id: str | None
    unit: str
    current: float | None
    target: float | None
    best_in_class: float | None
    lower_is_better: bool
    gap_to_target: float | None
    gap_to_best: float | None

    @property
    def below_target(self) -> bool:
        return self.gap_to_target is not None and self.gap_to_target > 0


def _lower_is_better(metric: Metric) -> bool:
    best, target, current = metric.best_in_class, metric.target, metric.current
    if best is not None and target is not None and best != target:
        return best < target
    if best is not None and current is not None and best != current:
        return best < current
    return False


def _scope_journey(document: Document, metric: Metric) -> str | None:
    if metric.scope == MetricScope.JOURNEY.value:
        return metric.scope_id
    if metric.scope == MetricScope.STAGE.value and metric.scope_id is not None:
        stage = document.find(metric.scope_id)
        return stage.journey_id if isinstance(stage, Stage) else None
    return None


def metric_gaps(document: Document, graph: object = None, journey_ids: Iterable[str] | None = None) -> list[MetricGap]:
    """Every metric (of the project, of the journeys in scope and their stages, of touchpoints) with its gaps."""
    wanted = None if journey_ids is None else {j.id for j in journeys_in_scope(document, journey_ids)}
    gaps = []
    for metric in sorted(document.all(Metric), key=lambda m: (m.name, m.id)):
        journey_id = _scope_journey(document, metric)
        if wanted is not None and journey_id is not None and journey_id not in wanted:
            continue
        lower = _lower_is_better(metric)
        sign = -1.0 if lower else 1.0

        def gap(goal: float | None, metric: Metric = metric, sign: float = sign) -> float | None:
            if goal is None or metric.current is None:
                return None
            return round(sign * (goal - metric.current), 4)

        gaps.append(MetricGap(metric.id, metric.name, metric.kind, metric.scope, metric.scope_id, metric.unit,
                              metric.current, metric.target, metric.best_in_class, lower, gap(metric.target),
                              gap(metric.best_in_class)))
    return gaps


def journey_of_metric(document: Document, metric_id: str) -> str | None:
    """The journey a journey or stage metric belongs to (None for project and touchpoint metrics)."""
    metric = document.find(metric_id)
    return _scope_journey(document, metric) if isinstance(metric, Metric) else None


