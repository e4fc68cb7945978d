"""Display names of the model's kinds, enum values and fields in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def card_kinds() -> dict[str, str]:
    return {
        "step": QCoreApplication.translate("Labels", "Step"),
        "touchpoint": QCoreApplication.translate("Labels", "Touchpoint"),
        "thought": QCoreApplication.translate("Labels", "Thought"),
        "feeling": QCoreApplication.translate("Labels", "Feeling"),
        "pain_point": QCoreApplication.translate("Labels", "Pain point"),
        "opportunity": QCoreApplication.translate("Labels", "Opportunity"),
        "process": QCoreApplication.translate("Labels", "Process"),
        "evidence": QCoreApplication.translate("Labels", "Evidence"),
        "note": QCoreApplication.translate("Labels", "Note"),
    }


def lane_kinds() -> dict[str, str]:
    return {
        "cards": QCoreApplication.translate("Labels", "Cards"),
        "emotion_curve": QCoreApplication.translate("Labels", "Emotion curve"),
        "channels": QCoreApplication.translate("Labels", "Channels"),
        "departments": QCoreApplication.translate("Labels", "Departments"),
        "physical_evidence": QCoreApplication.translate("Labels", "Physical evidence"),
        "customer_actions": QCoreApplication.translate("Labels", "Customer actions"),
        "frontstage": QCoreApplication.translate("Labels", "Frontstage actions"),
        "backstage": QCoreApplication.translate("Labels", "Backstage actions"),
        "support_processes": QCoreApplication.translate("Labels", "Support processes"),
    }


def blueprint_lines() -> dict[str, str]:
    return {
        "interaction": QCoreApplication.translate("Labels", "Line of interaction"),
        "visibility": QCoreApplication.translate("Labels", "Line of visibility"),
        "internal_interaction": QCoreApplication.translate("Labels", "Line of internal interaction"),
    }


def journey_states() -> dict[str, str]:
    return {"as_is": QCoreApplication.translate("Labels", "As-is"), "to_be": QCoreApplication.translate("Labels", "To-be")}


def channel_kinds() -> dict[str, str]:
    return {"online": QCoreApplication.translate("Labels", "Online"), "offline": QCoreApplication.translate("Labels", "Offline"), "hybrid": QCoreApplication.translate("Labels", "Hybrid")}


def relation_kinds() -> dict[str, str]:
    return {
        "leads_to": QCoreApplication.translate("Labels", "leads to"),
        "supported_by": QCoreApplication.translate("Labels", "supported by"),
        "depends_on": QCoreApplication.translate("Labels", "depends on"),
        "causes": QCoreApplication.translate("Labels", "causes"),
        "relates_to": QCoreApplication.translate("Labels", "relates to"),
    }


def metric_kinds() -> dict[str, str]:
    return {"nps": QCoreApplication.translate("Labels", "NPS"), "csat": QCoreApplication.translate("Labels", "CSAT"), "ces": QCoreApplication.translate("Labels", "CES"), "rating": QCoreApplication.translate("Labels", "Rating"), "custom": QCoreApplication.translate("Labels", "Custom")}


def metric_scopes() -> dict[str, str]:
    return {"project": QCoreApplication.translate("Labels", "Project"), "journey": QCoreApplication.translate("Labels", "Journey"), "stage": QCoreApplication.translate("Labels", "Stage"), "touchpoint": QCoreApplication.translate("Labels", "Touchpoint")}


def action_statuses() -> dict[str, str]:
    return {"open": QCoreApplication.translate("Labels", "Open"), "in_progress": QCoreApplication.translate("Labels", "In progress"), "done": QCoreApplication.translate("Labels", "Done"), "cancelled": QCoreApplication.translate("Labels", "Cancelled")}


def priorities() -> dict[int, str]:
    return {0: QCoreApplication.translate("Labels", "None"), 1: QCoreApplication.translate("Labels", "Low"), 2: QCoreApplication.translate("Labels", "Medium"), 3: QCoreApplication.translate("Labels", "High")}


def languages() -> dict[str, str]:
    return {"de": QCoreApplication.translate("Labels", "German"), "en": QCoreApplication.translate("Labels", "English")}


def enum_labels(field_name: str, entity_kind: str) -> dict[str, str]:
    """The display names for the values of an enum field of an entity kind."""
    tables = {
        ("card", "kind"): card_kinds,
        ("lane", "kind"): lane_kinds,
        ("lane", "line_below"): blueprint_lines,
        ("journey", "state"): journey_states,
        ("channel", "kind"): channel_kinds,
        ("relation", "kind"): relation_kinds,
        ("metric", "kind"): metric_kinds,
        ("metric", "scope"): metric_scopes,
        ("action", "status"): action_statuses,
    }
    table = tables.get((entity_kind, field_name))
    return table() if table else {}


def entity_kinds() -> dict[str, str]:
    return {
        "project": QCoreApplication.translate("Labels", "Project"),
        "channel": QCoreApplication.translate("Labels", "Channel"),
        "department": QCoreApplication.translate("Labels", "Department"),
        "persona": QCoreApplication.translate("Labels", "Persona"),
        "touchpoint": QCoreApplication.translate("Labels", "Catalogue touchpoint"),
        "journey": QCoreApplication.translate("Labels", "Journey"),
        "stage": QCoreApplication.translate("Labels", "Stage"),
        "lane": QCoreApplication.translate("Labels", "Lane"),
        "card": QCoreApplication.translate("Labels", "Card"),
        "relation": QCoreApplication.translate("Labels", "Relation"),
        "metric": QCoreApplication.translate("Labels", "Metric"),
        "insight": QCoreApplication.translate("Labels", "Insight"),
        "action": QCoreApplication.translate("Labels", "Action"),
        "comment": QCoreApplication.translate("Labels", "Comment"),
    }


def field_labels() -> dict[str, str]:
    return {
        "name": QCoreApplication.translate("Labels", "Name"),
        "title": QCoreApplication.translate("Labels", "Title"),
        "text": QCoreApplication.translate("Labels", "Text"),
        "description": QCoreApplication.translate("Labels", "Description"),
        "kind": QCoreApplication.translate("Labels", "Kind"),
        "rating": QCoreApplication.translate("Labels", "Rating (1-10)"),
        "expectation": QCoreApplication.translate("Labels", "Expectation"),
        "moment_of_truth": QCoreApplication.translate("Labels", "Moment of truth"),
        "pain_point": QCoreApplication.translate("Labels", "Pain point"),
        "priority": QCoreApplication.translate("Labels", "Priority"),
        "channel_id": QCoreApplication.translate("Labels", "Channel"),
        "department_id": QCoreApplication.translate("Labels", "Department"),
        "touchpoint_id": QCoreApplication.translate("Labels", "Catalogue touchpoint"),
        "colour": QCoreApplication.translate("Labels", "Colour"),
        "tags": QCoreApplication.translate("Labels", "Tags"),
        "internal_note": QCoreApplication.translate("Labels", "Internal note"),
        "persona_id": QCoreApplication.translate("Labels", "Persona"),
        "scenario": QCoreApplication.translate("Labels", "Scenario"),
        "expectations": QCoreApplication.translate("Labels", "Customer expectations"),
        "state": QCoreApplication.translate("Labels", "State"),
        "line_below": QCoreApplication.translate("Labels", "Blueprint line below"),
        "client": QCoreApplication.translate("Labels", "Client"),
        "language": QCoreApplication.translate("Labels", "Language"),
        "created": QCoreApplication.translate("Labels", "Created"),
        "icon": QCoreApplication.translate("Labels", "Icon"),
        "contact_person": QCoreApplication.translate("Labels", "Contact person"),
        "email": QCoreApplication.translate("Labels", "E-mail"),
        "role": QCoreApplication.translate("Labels", "Role / segment"),
        "quote": QCoreApplication.translate("Labels", "Quote"),
        "age": QCoreApplication.translate("Labels", "Age"),
        "occupation": QCoreApplication.translate("Labels", "Occupation"),
        "location": QCoreApplication.translate("Labels", "Location"),
        "goals": QCoreApplication.translate("Labels", "Goals"),
        "needs": QCoreApplication.translate("Labels", "Needs and expectations"),
        "frustrations": QCoreApplication.translate("Labels", "Frustrations"),
        "behaviour": QCoreApplication.translate("Labels", "Buying behaviour"),
        "online_affinity": QCoreApplication.translate("Labels", "Online affinity (1-5)"),
        "preferred_channel_ids": QCoreApplication.translate("Labels", "Preferred channels"),
        "source_id": QCoreApplication.translate("Labels", "From"),
        "target_id": QCoreApplication.translate("Labels", "To"),
        "label": QCoreApplication.translate("Labels", "Label"),
        "unit": QCoreApplication.translate("Labels", "Unit"),
        "scope": QCoreApplication.translate("Labels", "Scope"),
        "scope_id": QCoreApplication.translate("Labels", "Scope element"),
        "current": QCoreApplication.translate("Labels", "Current value"),
        "target": QCoreApplication.translate("Labels", "Target value"),
        "best_in_class": QCoreApplication.translate("Labels", "Best-in-class value"),
        "source": QCoreApplication.translate("Labels", "Source"),
        "date": QCoreApplication.translate("Labels", "Date"),
        "evidence": QCoreApplication.translate("Labels", "Evidence"),
        "card_ids": QCoreApplication.translate("Labels", "Linked cards"),
        "owner": QCoreApplication.translate("Labels", "Owner"),
        "status": QCoreApplication.translate("Labels", "Status"),
        "due": QCoreApplication.translate("Labels", "Due date"),
        "insight_ids": QCoreApplication.translate("Labels", "Insights"),
        "touchpoint_ids": QCoreApplication.translate("Labels", "Catalogue touchpoints"),
        "metric_id": QCoreApplication.translate("Labels", "Target metric"),
        "target_value": QCoreApplication.translate("Labels", "Target value"),
        "external_ref": QCoreApplication.translate("Labels", "External reference"),
        "author": QCoreApplication.translate("Labels", "Author"),
        "resolved": QCoreApplication.translate("Labels", "Resolved"),
        "internal": QCoreApplication.translate("Labels", "Internal"),
    }


def view_kinds() -> dict[str, str]:
    return {
        "map": QCoreApplication.translate("Labels", "Journey map"),
        "blueprint": QCoreApplication.translate("Labels", "Service blueprint"),
        "swimlane_channel": QCoreApplication.translate("Labels", "Swimlanes by channel"),
        "swimlane_department": QCoreApplication.translate("Labels", "Swimlanes by department"),
    }


def _fields_text(fields: str) -> str:
    names = field_labels()
    return ", ".join(names.get(part.strip().replace(" ", "_"), part.strip()) for part in fields.split(","))


def undo_step(name: str) -> str:
    """An undo step's name (recorded in English by the editing core) in the UI language."""
    kinds = entity_kinds()
    words = name.split(" ", 2)
    count = words[1] if len(words) > 1 and words[1].isdigit() else None
    if name.startswith("Edit ") and len(words) == 3 and words[1] in kinds:
        return QCoreApplication.translate("Labels", "Edit %1: %2").replace("%1", kinds[words[1]]).replace("%2", _fields_text(words[2]))
    simple = {
        "Add card": QCoreApplication.translate("Labels", "Add card"),
        "Move card": QCoreApplication.translate("Labels", "Move card"),
        "Duplicate card": QCoreApplication.translate("Labels", "Duplicate card"),
        "Paste card": QCoreApplication.translate("Labels", "Paste card"),
        "Remove relation": QCoreApplication.translate("Labels", "Remove relation"),
        "New project": QCoreApplication.translate("Labels", "New project"),
        "Name project": QCoreApplication.translate("Labels", "Name project"),
    }
    if name in simple:
        return simple[name]
    if count is not None and len(words) == 3:
        counted = {
            "Move": QCoreApplication.translate("Labels", "Move %1 cards"),
            "Duplicate": QCoreApplication.translate("Labels", "Duplicate %1 cards"),
            "Paste": QCoreApplication.translate("Labels", "Paste %1 cards"),
            "Delete": QCoreApplication.translate("Labels", "Delete %1 elements"),
        }
        if words[0] in counted:
            return counted[words[0]].replace("%1", count)
    if len(words) >= 2 and words[0] in ("Add", "Delete", "Move") and words[1] in kinds:
        kind = kinds[words[1]]
        if len(words) == 3:
            named = {
                "Add": QCoreApplication.translate("Labels", "Add %1 “%2”"),
                "Delete": QCoreApplication.translate("Labels", "Delete %1 “%2”"),
                "Move": QCoreApplication.translate("Labels", "Move %1 “%2”"),
            }
            return named[words[0]].replace("%1", kind).replace("%2", words[2])
        plain = {
            "Add": QCoreApplication.translate("Labels", "Add %1"),
            "Delete": QCoreApplication.translate("Labels", "Delete %1"),
            "Move": QCoreApplication.translate("Labels", "Move %1"),
        }
        return plain[words[0]].replace("%1", kind)
    if name.startswith("Link (") and name.endswith(")"):
        kind = name[len("Link ("):-1].replace(" ", "_")
        return QCoreApplication.translate("Labels", "Link (%1)").replace("%1", relation_kinds().get(kind, kind))
    return name
