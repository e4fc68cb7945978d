"""The client report's executive summary: journeys and scores, key metrics as signed bars, top pain points and actions.

It sits on the page after the contents; scores are shown against target and best-in-class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from cxstudio.analysis import Analysis
from cxstudio.export.report_metrics import SignedBars, metric_value
from cxstudio.export.report_tables import make_table, title_and_text
from cxstudio.export.texts import format_date, format_number, word
from cxstudio.model.entities import Action, Card, Metric

MM = 72.0 / 25.4
TOP = 5
MAX_JOURNEYS = 10
MAX_METRICS = 4

_WORDS = {
    "summary": ("Executive summary", "Zusammenfassung für das Management"),
    "intro": ("{journeys} journeys with {cards} cards: {pains} pain points, {moments} moments of truth, {actions} "
              "actions ({open} of them open).",
              "{journeys} Customer Journeys mit {cards} Karten: {pains} Pain Points, {moments} Moments of Truth, "
              "{actions} Maßnahmen (davon {open} offen)."),
    "journeys": ("Journeys and their scores", "Customer Journeys und ihre Bewertung"),
    "weakest": ("The {count} lowest-rated of {total} journeys.", "Die {count} am schlechtesten bewerteten von {total} "
                                                                 "Customer Journeys."),
    "cards": ("Cards", "Karten"),
    "pains": ("Pain points", "Pain Points"),
    "score": ("Mean rating", "Ø Bewertung"),
    "of_ten": ("{value} / 10", "{value} / 10"),
    "key_metrics": ("Key metrics", "Wichtigste Kennzahlen"),
    "more_metrics": ("All {count} metrics are in the chapter \u201cMetrics\u201d.",
                     "Alle {count} Kennzahlen stehen im Kapitel \u201eKennzahlen\u201c."),
    "top_pains": ("Top {n} pain points", "Die {n} wichtigsten Pain Points"),
    "top_actions": ("Top {n} actions", "Die {n} wichtigsten Maßnahmen"),
    "where": ("Journey / stage", "Customer Journey / Phase"),
    "no_rating": ("not rated", "nicht bewertet"),
}


def _w(key: str, language: str, **params: object) -> str:
    text = _WORDS[key][language == "de"]
    return text.format(**params) if params else text


def is_pain(card: Card) -> bool:
    return card.pain_point or card.kind == "pain_point"


def pain_rank(order: dict[str, tuple[int, int, int, int]]) -> Callable[[Card], tuple[Any, ...]]:
    """The pain points' ranking: highest priority first, then the lowest rating, then map order."""
    return lambda c: (-c.priority, c.rating if c.rating is not None else 11, order.get(c.id, (0, 0, 0, 0)))


def action_rank(action: Action) -> tuple[Any, ...]:
    """The actions' ranking: still to do first, then the highest priority, the earliest due date, the title."""
    return (action.status in ("done", "cancelled"), -action.priority, action.due or "9999", action.title)


def summary_section(report: Any, analysis: Analysis, heading: Callable[[str, Any, int], Paragraph]) -> list[Flowable]:
    """The summary's flowables; `report` is the report's builder (document, names, language, styles, wrapper,
    page width, card order)."""
    doc, language, styles, width = report.doc, report.language, report.styles, report.portrait_width
    wrapper = report.wrapper

    def w(key: str, **params: object) -> str:
        return word(key, language, **params)

    cards = [c for j in report.journey_ids for c in doc.cards(j)]
    pains = sorted((c for c in cards if is_pain(c)), key=pain_rank(report.order))
    actions = sorted(doc.all(Action), key=action_rank)
    flow: list[Flowable] = [heading(_w("summary", language), styles["h1"], 0)]
    flow.append(Paragraph(escape(_w(
        "intro", language, journeys=len(report.journey_ids), cards=format_number(len(cards), language),
        pains=len(pains), moments=sum(1 for c in cards if c.moment_of_truth), actions=len(actions),
        open=sum(1 for a in actions if a.status not in ("done", "cancelled")))), styles["body"]))
    # journeys and scores
    flow += [Spacer(1, 4), Paragraph(escape(_w("journeys", language)), styles["h3"])]
    scores = {s.journey_id: s for s in analysis.scores}
    counts: dict[str, tuple[int, int]] = {}
    for card in cards:
        total, pain = counts.get(card.journey_id, (0, 0))
        counts[card.journey_id] = (total + 1, pain + is_pain(card))
    journeys = [j for j in doc.journeys() if j.id in set(report.journey_ids)]
    if len(journeys) > MAX_JOURNEYS:
        def mean_of(journey_id: str) -> float:
            score = scores.get(journey_id)
            return score.score.mean if score is not None and score.score.mean is not None else 11.0
        journeys = sorted(journeys, key=lambda j: mean_of(j.id))[:MAX_JOURNEYS]
        flow.append(Paragraph(escape(_w("weakest", language, count=MAX_JOURNEYS, total=len(report.journey_ids))),
                              styles["muted"]))

    def of_ten(value: float | None) -> str:
        return "\u2013" if value is None else _w("of_ten", language, value=format_number(round(value, 1), language))

    rows: list[list[Any]] = [[w("journey"), w("persona"), _w("cards", language), _w("pains", language),
                              _w("score", language), w("target"), w("best_in_class")]]
    for journey in journeys:
        score = scores.get(journey.id)
        mark = score.benchmark if score is not None else None
        persona = report.names.personas.get(journey.persona_id or "")
        total, pain = counts.get(journey.id, (0, 0))
        mean = score.score.mean if score is not None else None
        rows.append([journey.name, persona.name if persona else "", str(total), str(pain),
                     of_ten(mean) if mean is not None else _w("no_rating", language),
                     of_ten(mark.target if mark else None), of_ten(mark.best_in_class if mark else None)])
    fixed = [15 * MM, 17 * MM, 22 * MM, 18 * MM, 22 * MM]
    rest = width - sum(fixed)
    flow.append(make_table(rows, [rest * 0.62, rest * 0.38, *fixed], wrapper, numeric_columns=(2, 3, 4, 5, 6)))
    # key metrics
    metrics = sorted((m for m in doc.all(Metric) if m.scope in ("project", "journey")),
                     key=lambda m: (m.kind == "custom", m.scope != "project", m.name))  # NPS, CSAT, CES first
    if metrics:
        flow += [Spacer(1, 3), Paragraph(escape(_w("key_metrics", language)), styles["h3"])]
        labels = [w("current"), w("target"), w("best_in_class")]
        bars_width = 56 * MM
        rows = [[w("metric"), w("current"), w("target"), w("best_in_class"), ""]]
        for metric in metrics[:MAX_METRICS]:
            rows.append([metric.name, metric_value(metric, metric.current, language),
                         metric_value(metric, metric.target, language),
                         metric_value(metric, metric.best_in_class, language),
                         SignedBars(metric, bars_width, labels, language)])
        fixed = [23 * MM, 23 * MM, 23 * MM, bars_width + 6]
        flow.append(make_table(rows, [width - sum(fixed), *fixed], wrapper, numeric_columns=(1, 2, 3)))
        total_metrics = sum(1 for _ in doc.all(Metric))
        if total_metrics > min(len(metrics), MAX_METRICS):
            flow.append(Paragraph(escape(_w("more_metrics", language, count=total_metrics)), styles["muted"]))
    # top pain points
    flow += [CondPageBreak(40 * MM), Spacer(1, 3), Paragraph(escape(_w("top_pains", language, n=TOP)), styles["h3"])]
    if pains:
        rows = [["#", w("pain_point"), _w("where", language), w("rating_short"), w("priority")]]
        for rank, card in enumerate(pains[:TOP], start=1):
            where = f"{report.names.journeys[card.journey_id].name} / {report.names.stages[card.stage_id].name}"
            rows.append([str(rank), card.title, where, "" if card.rating is None else f"{card.rating} / 10",
                         w(f"priority_{card.priority}")])
        fixed = [8 * MM, 20 * MM, 19 * MM]
        rest = width - sum(fixed)
        flow.append(make_table(rows, [fixed[0], rest * 0.44, rest * 0.56, fixed[1], fixed[2]], wrapper,
                               numeric_columns=(0, 3)))
    else:
        flow.append(Paragraph(escape(w("none_yet")), styles["muted"]))
    # top actions
    flow += [CondPageBreak(40 * MM), Spacer(1, 3),
             Paragraph(escape(_w("top_actions", language, n=TOP)), styles["h3"])]
    if actions:
        rows = [["#", w("action"), w("owner"), w("due"), w("status")]]
        fixed = [8 * MM, 21 * MM, 21 * MM]
        rest = width - sum(fixed)
        for rank, action in enumerate(actions[:TOP], start=1):
            rows.append([str(rank), title_and_text(action.title, action.description, rest * 0.68, wrapper, max_lines=1),
                         action.owner, format_date(action.due, language), w(f"status_{action.status}")])
        flow.append(make_table(rows, [fixed[0], rest * 0.68, rest * 0.32, fixed[1], fixed[2]], wrapper,
                               numeric_columns=(0,)))
    else:
        flow.append(Paragraph(escape(w("none_yet")), styles["muted"]))
    flow.append(PageBreak())
    return flow
