"""Words the layout writes onto a map (kind names, line names, derived lane names) in German and English."""

from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        # card kinds
        "card.step": "Step",
        "card.touchpoint": "Touchpoint",
        "card.thought": "Thought",
        "card.feeling": "Feeling",
        "card.pain_point": "Pain point",
        "card.opportunity": "Opportunity",
        "card.process": "Process",
        "card.evidence": "Evidence",
        "card.note": "Note",
        # lane kinds (cards lanes carry no kind label)
        "lane.emotion_curve": "Emotion curve",
        "lane.channels": "Channels",
        "lane.departments": "Departments",
        "lane.physical_evidence": "Physical evidence",
        "lane.customer_actions": "Customer actions",
        "lane.frontstage": "Frontstage",
        "lane.backstage": "Backstage",
        "lane.support_processes": "Support processes",
        "lane.channel": "Channel",
        "lane.department": "Department",
        # blueprint lines
        "line.interaction": "Line of interaction",
        "line.visibility": "Line of visibility",
        "line.internal_interaction": "Line of internal interaction",
        # derived lanes
        "none.channel": "No channel",
        "none.department": "No department",
        # views and states
        "view.map": "Customer journey map",
        "view.blueprint": "Service blueprint",
        "view.swimlane_channel": "Swimlanes by channel",
        "view.swimlane_department": "Swimlanes by department",
        "state.as_is": "As-is",
        "state.to_be": "To-be",
        "persona": "Persona",
        "priority.1": "low priority",
        "priority.2": "medium priority",
        "priority.3": "high priority",
    },
    "de": {
        "card.step": "Schritt",
        "card.touchpoint": "Touchpoint",
        "card.thought": "Gedanke",
        "card.feeling": "Gefühl",
        "card.pain_point": "Pain Point",
        "card.opportunity": "Chance",
        "card.process": "Prozess",
        "card.evidence": "Beleg",
        "card.note": "Notiz",
        "lane.emotion_curve": "Emotionskurve",
        "lane.channels": "Kanäle",
        "lane.departments": "Abteilungen",
        "lane.physical_evidence": "Physische Belege",
        "lane.customer_actions": "Kundenaktionen",
        "lane.frontstage": "Frontstage",
        "lane.backstage": "Backstage",
        "lane.support_processes": "Unterstützungsprozesse",
        "lane.channel": "Kanal",
        "lane.department": "Abteilung",
        "line.interaction": "Interaktionslinie",
        "line.visibility": "Sichtbarkeitslinie",
        "line.internal_interaction": "Linie der internen Interaktion",
        "none.channel": "Ohne Kanal",
        "none.department": "Ohne Abteilung",
        "view.map": "Customer Journey Map",
        "view.blueprint": "Service Blueprint",
        "view.swimlane_channel": "Swimlanes nach Kanal",
        "view.swimlane_department": "Swimlanes nach Abteilung",
        "state.as_is": "Ist-Zustand",
        "state.to_be": "Soll-Zustand",
        "persona": "Persona",
        "priority.1": "Priorität niedrig",
        "priority.2": "Priorität mittel",
        "priority.3": "Priorität hoch",
    },
}

LANGUAGES = tuple(_LABELS)


def label(key: str, language: str) -> str:
    """The word for `key` in `language` ('de' or 'en'; anything else falls back to English)."""
    table = _LABELS.get(language, _LABELS["en"])
    return table.get(key, _LABELS["en"].get(key, key))
