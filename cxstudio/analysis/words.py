"""The wording of every finding and analysis heading in English and German (one table, the same parameters in both)."""

from __future__ import annotations

# code -> (English, German); {n} is a count, other names are parameters of the finding
FINDINGS: dict[str, tuple[str, str]] = {
    "weakest_stages": ("Weakest stages of '{journey}': {stages}", "Schwächste Phasen von „{journey}“: {stages}"),
    "stages_below_target": ("Stages below their rating target in '{journey}': {n}",
                            "Phasen unter ihrem Bewertungsziel in „{journey}“: {n}"),
    "journey_below_target": ("'{journey}' is rated {mean}, its target is {target} (best in class {best})",
                             "„{journey}“ ist mit {mean} bewertet, Ziel {target} (Best in Class {best})"),
    "metrics_below_target": ("Metrics below target: {n}", "Kennzahlen unter Zielwert: {n}"),
    "hotspot_stage": ("Pain-point hotspot: stage '{name}' ({journey}), {count} pain points, weight {weight}",
                      "Pain-Point-Schwerpunkt: Phase „{name}“ ({journey}), {count} Pain Points, Gewicht {weight}"),
    "hotspot_channel": ("Pain points in channel '{name}': {count}, weight {weight}",
                        "Pain Points im Kanal „{name}“: {count}, Gewicht {weight}"),
    "hotspot_department": ("Pain points owned by '{name}': {count}, weight {weight}",
                           "Pain Points bei „{name}“: {count}, Gewicht {weight}"),
    "moment_of_truth": ("'{title}': rating {rating}, priority {priority}, {dependants} dependants (score {score})",
                        "„{title}“: Bewertung {rating}, Priorität {priority}, {dependants} Abhängige (Wert {score})"),
    "uncovered_pain_points": ("Pain points no action addresses: {n}", "Pain Points ohne Maßnahme: {n}"),
    "actions_without_target": ("Actions that address no pain point or insight: {n}",
                               "Maßnahmen ohne Pain Point oder Erkenntnis: {n}"),
    "overdue_actions": ("Overdue actions: {n}", "Überfällige Maßnahmen: {n}"),
    "actions_without_owner": ("Open actions without an owner: {n}", "Offene Maßnahmen ohne Verantwortliche(n): {n}"),
    "touchpoints_rated_apart": ("Touchpoints rated differently across journeys: {n}",
                                "Touchpoints, die je Customer Journey verschieden bewertet sind: {n}"),
    "touchpoints_unused": ("Catalogue touchpoints used in no journey: {n}",
                           "Katalog-Touchpoints, die in keiner Customer Journey vorkommen: {n}"),
    "touchpoints_without_channel": ("Touchpoints without a channel: {n}", "Touchpoints ohne Kanal: {n}"),
    "touchpoints_without_department": ("Touchpoints without a department: {n}", "Touchpoints ohne Abteilung: {n}"),
    "touchpoints_without_rating": ("Touchpoints without a rating: {n}", "Touchpoints ohne Bewertung: {n}"),
    "process_impact": ("'{name}' affects {count} customer-facing cards, {moments} moments of truth",
                       "„{name}“ wirkt auf {count} Karten mit Kundenkontakt, {moments} Moments of Truth"),
    "department_impact": ("Department '{name}': {count} customer-facing cards depend on it, {moments} moments of truth",
                          "Abteilung „{name}“: {count} Karten mit Kundenkontakt hängen von ihr ab, "
                          "{moments} Moments of Truth"),
    "channel_switches": ("Channel switches along 'leads to' flows: {switches}",
                         "Kanalwechsel entlang „führt zu“-Abläufen: {switches}"),
    "dead_ends": ("Flows that end before the last stage: {n}", "Abläufe, die vor der letzten Phase enden: {n}"),
    "cycles": ("Loops of 'leads to' relations: {loops} ({n} cards)",
               "Schleifen aus „führt zu“-Beziehungen: {loops} ({n} Karten)"),
}

GROUPS: dict[str, tuple[str, str]] = {
    "scores": ("Scores and targets", "Bewertungen und Ziele"),
    "hotspots": ("Pain-point hotspots", "Pain-Point-Schwerpunkte"),
    "moments": ("Moments of truth, most urgent first", "Moments of Truth, dringlichste zuerst"),
    "coverage": ("Pain points and actions", "Pain Points und Maßnahmen"),
    "catalogue": ("Touchpoint catalogue", "Touchpoint-Katalog"),
    "backstage": ("Backstage impact", "Wirkung der Backstage-Prozesse"),
    "flows": ("Flows and channel switches", "Abläufe und Kanalwechsel"),
}

NO_VALUE = ("none", "keine")
UNRATED = ("unrated", "unbewertet")


def number(value: float | int | None, language: str) -> str:
    """A number as people write it: 3.5 / 3,5; whole numbers without decimals; None as '-'."""
    if value is None:
        return "-"
    text = f"{round(value, 2):g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if language == "de" else text


def finding_text(code: str, params: dict[str, object], language: str) -> str:
    german = language == "de"
    shown = {key: number(value, language) if isinstance(value, (int, float)) and not isinstance(value, bool)
             else value for key, value in params.items()}
    return FINDINGS[code][german].format(**shown)


def group_title(group: str, language: str) -> str:
    return GROUPS[group][language == "de"]
