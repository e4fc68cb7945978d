"""An Analysis as plain data for JSON (`cxstudio analyze --json`): stable keys, element ids, names beside the ids."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from cxstudio.analysis.common import Benchmark, Score
from cxstudio.analysis.findings import Analysis
from cxstudio.analysis.hotspots import Heatmap, Tally
from cxstudio.analysis.words import group_title
from cxstudio.model.document import Document
from cxstudio.model.entities import Card

FORMAT = 1  # the JSON's own version: keys are only ever added


def _score(score: Score) -> dict[str, Any]:
    return {"count": score.count, "mean": score.mean, "min": score.minimum, "max": score.maximum,
            "spread": score.spread}


def _benchmark(mark: Benchmark | None) -> dict[str, Any] | None:
    return None if mark is None else {"metric_id": mark.metric_id, "name": mark.name, "current": mark.current,
                                      "target": mark.target, "best_in_class": mark.best_in_class}


def _tally(tally: Tally) -> dict[str, Any]:
    return {"id": tally.id or None, "name": tally.name, "journey_id": tally.journey_id, "count": tally.count,
            "weight": tally.weight, "card_ids": list(tally.card_ids)}


def _heatmap(heatmap: Heatmap) -> dict[str, Any]:
    return {"rows": [{"stage_id": r.id, "name": r.name, "journey_id": r.journey_id} for r in heatmap.rows],
            "columns": [{"id": c.id or None, "name": c.name} for c in heatmap.columns],
            "cells": [list(row) for row in heatmap.cells]}


def _card(document: Document, card_id: str) -> dict[str, Any]:
    card = document.find(card_id)
    if not isinstance(card, Card):
        return {"id": card_id}
    return {"id": card.id, "title": card.title, "journey_id": card.journey_id, "stage_id": card.stage_id,
            "rating": card.rating, "priority": card.priority}


def _named(document: Document, ids: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{"id": i, "name": (e.label if (e := document.find(i)) is not None else "")} for i in ids]


def analysis_json(analysis: Analysis, document: Document, language: str) -> dict[str, Any]:
    """Everything `analyse` found, as JSON-ready data (see docs/ARCHITECTURE.md for the keys)."""
    return {
        "format": FORMAT,
        "project": document.project.name,
        "language": language,
        "journey_ids": list(analysis.journey_ids),
        "scores": [
            {"journey_id": j.journey_id, "name": j.name, **_score(j.score), "benchmark": _benchmark(j.benchmark),
             "weakest_stage_ids": list(j.weakest_stage_ids),
             "stages": [{"stage_id": s.stage_id, "name": s.name, **_score(s.score),
                         "benchmark": _benchmark(s.benchmark)} for s in j.stages]}
            for j in analysis.scores
        ],
        "metrics": [asdict(m) | {"below_target": m.below_target} for m in analysis.metrics],
        "hotspots": {
            "by_stage": [_tally(t) for t in analysis.hotspots.by_stage],
            "by_channel": [_tally(t) for t in analysis.hotspots.by_channel],
            "by_department": [_tally(t) for t in analysis.hotspots.by_department],
            "stage_by_channel": _heatmap(analysis.hotspots.stage_by_channel),
            "stage_by_department": _heatmap(analysis.hotspots.stage_by_department),
        },
        "moments_of_truth": [asdict(m) for m in analysis.moments],
        "coverage": {
            "uncovered_pain_points": [_card(document, i) for i in analysis.coverage.uncovered_pain_point_ids],
            "actions_without_target": _named(document, analysis.coverage.actions_without_target_ids),
            "overdue_actions": _named(document, analysis.coverage.overdue_action_ids),
            "actions_without_owner": _named(document, analysis.coverage.actions_without_owner_ids),
        },
        "touchpoints": [
            {"touchpoint_id": t.touchpoint_id, "name": t.name, "journey_ids": list(t.journey_ids),
             "card_ids": list(t.card_ids), **_score(t.score),
             "journey_means": [{"journey_id": j, "mean": m} for j, m in t.journey_means],
             "journey_spread": t.journey_spread, "benchmark": _benchmark(t.benchmark), "missing": list(t.missing)}
            for t in analysis.touchpoints
        ],
        "backstage": {
            "processes": [asdict(i) for i in analysis.backstage.processes],
            "departments": [asdict(i) for i in analysis.backstage.departments],
        },
        "flows": {
            "channel_switches": [asdict(s) for s in analysis.flows.channel_switches],
            "dead_end_ids": list(analysis.flows.dead_end_ids),
            "cycles": [list(c) for c in analysis.flows.cycles],
        },
        "findings": [
            {"group": f.group, "group_title": group_title(f.group, language), "code": f.code, "count": f.count,
             "journey_id": f.journey_id, "element_ids": list(f.element_ids), "text": f.text(language)}
            for f in analysis.findings
        ],
    }
