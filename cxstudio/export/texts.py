"""Words printed on posters, tiles and reports, in English and German (the project's language decides)."""

from __future__ import annotations

import datetime as _dt

_WORDS: dict[str, tuple[str, str]] = {
    # title block and legend
    "project": ("Project", "Projekt"),
    "journey": ("Journey", "Journey"),
    "persona": ("Persona", "Persona"),
    "date": ("Date", "Datum"),
    "view": ("View", "Ansicht"),
    "scale": ("Scale", "Maßstab"),
    "legend": ("Legend", "Legende"),
    "moment_of_truth": ("Moment of truth", "Moment of Truth"),
    "pain_point": ("Pain point", "Pain Point"),
    "rating": ("Rating 1-10", "Bewertung 1-10"),
    "channels": ("Channels", "Kanäle"),
    "no_persona": ("no persona", "keine Persona"),
    "view_map": ("Customer journey map", "Customer Journey Map"),
    "view_blueprint": ("Service blueprint", "Service Blueprint"),
    "view_swimlane_channel": ("Swimlanes by channel", "Swimlanes nach Kanal"),
    "view_swimlane_department": ("Swimlanes by department", "Swimlanes nach Abteilung"),
    "as_is": ("as-is", "Ist"),
    "to_be": ("to-be", "Soll"),
    # tiles
    "row_col": ("Row {row} / Col {col}", "Zeile {row} / Spalte {col}"),
    "sheet_of": ("sheet {index} of {count}", "Blatt {index} von {count}"),
    "assembly": ("Assembly plan", "Montageplan"),
    "assembly_hint": (
        "{count} sheets ({rows} rows x {cols} columns, {overlap:g} mm overlap). Trim each sheet along the crop marks "
        "on its left and top edge and lay it over its neighbour so the alignment marks meet. Crossed-out cells are "
        "empty and were not printed.",
        "{count} Blätter ({rows} Zeilen x {cols} Spalten, {overlap:g} mm Überlappung). Jedes Blatt an den "
        "Schnittmarken links und oben beschneiden und so auf das Nachbarblatt legen, dass die Passermarken "
        "übereinanderliegen. Durchgestrichene Felder sind leer und wurden nicht gedruckt.",
    ),
    "empty_sheet": ("empty", "leer"),
    # report
    "report": ("Customer experience report", "Customer-Experience-Bericht"),
    "client": ("Client", "Kunde"),
    "contents": ("Contents", "Inhalt"),
    "personas": ("Personas", "Personas"),
    "journeys": ("Journeys", "Customer Journeys"),
    "touchpoint_inventory": ("Touchpoint inventory", "Touchpoint-Inventar"),
    "pain_points_mot": ("Pain points and moments of truth", "Pain Points und Moments of Truth"),
    "pain_points": ("Pain points (ranked)", "Pain Points (nach Rang)"),
    "moments_of_truth": ("Moments of truth (ranked)", "Moments of Truth (nach Rang)"),
    "insights": ("Insights", "Erkenntnisse (Insights)"),
    "action_plan": ("Action plan", "Maßnahmenplan"),
    "metrics": ("Metrics", "Kennzahlen"),
    "comments": ("Comments", "Kommentare"),
    "role": ("Role / segment", "Rolle / Segment"),
    "age": ("Age", "Alter"),
    "occupation": ("Occupation", "Beruf"),
    "location": ("Location", "Wohnort"),
    "goals": ("Goals", "Ziele"),
    "needs": ("Needs and expectations", "Bedürfnisse und Erwartungen"),
    "frustrations": ("Frustrations", "Frustrationen"),
    "behaviour": ("Behaviour", "Verhalten"),
    "online_affinity": ("Online affinity (1-5)", "Online-Affinität (1-5)"),
    "preferred_channels": ("Preferred channels", "Bevorzugte Kanäle"),
    "scenario": ("Scenario", "Szenario"),
    "expectations": ("Customer expectations", "Kundenerwartungen"),
    "state": ("State", "Stand"),
    "stage": ("Stage", "Phase"),
    "touchpoint": ("Touchpoint", "Touchpoint"),
    "channel": ("Channel", "Kanal"),
    "owner": ("Owner", "Verantwortlich"),
    "mot_short": ("MoT", "MoT"),
    "pain_short": ("Pain", "Pain"),
    "rating_short": ("Rating", "Bewertung"),
    "priority": ("Priority", "Priorität"),
    "title": ("Title", "Titel"),
    "expectation": ("Expectation", "Erwartung"),
    "evidence": ("Evidence", "Belege"),
    "linked_cards": ("Linked cards", "Verknüpfte Karten"),
    "status": ("Status", "Status"),
    "due": ("Due", "Fällig"),
    "target": ("Target", "Ziel"),
    "best_in_class": ("Best in class", "Best-in-Class"),
    "current": ("Current", "Aktuell"),
    "metric": ("Metric", "Kennzahl"),
    "scope": ("Scope", "Bezug"),
    "source": ("Source", "Quelle"),
    "reference": ("Reference", "Referenz"),
    "action": ("Action", "Maßnahme"),
    "author": ("Author", "Autor"),
    "on": ("On", "Zu"),
    "text": ("Text", "Text"),
    "none_yet": ("None recorded.", "Keine erfasst."),
    "map_part": ("{journey}: part {index} of {count}", "{journey}: Teil {index} von {count}"),
    "page": ("Page {page}", "Seite {page}"),
    "yes": ("yes", "ja"),
    "status_open": ("open", "offen"),
    "status_in_progress": ("in progress", "in Arbeit"),
    "status_done": ("done", "erledigt"),
    "status_cancelled": ("cancelled", "abgebrochen"),
    "priority_0": ("-", "-"),
    "priority_1": ("low", "niedrig"),
    "priority_2": ("medium", "mittel"),
    "priority_3": ("high", "hoch"),
    "scope_project": ("project", "Projekt"),
    "scope_journey": ("journey", "Journey"),
    "scope_stage": ("stage", "Phase"),
    "scope_touchpoint": ("touchpoint", "Touchpoint"),
}


def word(key: str, language: str, **params: object) -> str:
    """The text for `key` in `language` ('de' or anything else for English), with `params` filled in."""
    english, german = _WORDS[key]
    text = german if language == "de" else english
    return text.format(**params) if params else text


def format_date(value: _dt.date | str | None, language: str) -> str:
    """A date as the reader expects it: 23.11.2026 in German, 2026-11-23 in English."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = _dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value.strftime("%d.%m.%Y") if language == "de" else value.isoformat()


def format_number(value: float | None, language: str) -> str:
    """A number with at most two decimals, a decimal comma in German."""
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "de" else text
