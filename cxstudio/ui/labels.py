"""Display names of the model's kinds, enum values and fields, and undo-step names, in the UI language."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication

from cxstudio.editing.steps import STEP_PARAMS, StepName


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
        "language": QCoreApplication.translate("Labels", "Map language"),
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


def map_language_hint() -> str:
    """What the project's language decides (Project Properties): the map's own words, not the editor's."""
    return QCoreApplication.translate(
        "Labels",
        "The language of the words the map writes itself (card kinds, lane kinds, blueprint lines, the view's name), "
        "on screen and in every PDF; names of new stages and lanes follow it too. Menus, palette and inspector "
        "follow the editor's language (Preferences).")


def view_kinds() -> dict[str, str]:
    return {
        "map": QCoreApplication.translate("Labels", "Journey map"),
        "blueprint": QCoreApplication.translate("Labels", "Service blueprint"),
        "swimlane_channel": QCoreApplication.translate("Labels", "Swimlanes by channel"),
        "swimlane_department": QCoreApplication.translate("Labels", "Swimlanes by department"),
    }


def step_kinds() -> dict[str, str]:
    """Kinds of elements as an undo step's sentence names them (lower case in English)."""
    return {
        "project": QCoreApplication.translate("UndoSteps", "project"),
        "channel": QCoreApplication.translate("UndoSteps", "channel"),
        "department": QCoreApplication.translate("UndoSteps", "department"),
        "persona": QCoreApplication.translate("UndoSteps", "persona"),
        "touchpoint": QCoreApplication.translate("UndoSteps", "touchpoint"),
        "journey": QCoreApplication.translate("UndoSteps", "journey"),
        "stage": QCoreApplication.translate("UndoSteps", "stage"),
        "lane": QCoreApplication.translate("UndoSteps", "lane"),
        "card": QCoreApplication.translate("UndoSteps", "card"),
        "relation": QCoreApplication.translate("UndoSteps", "relation"),
        "metric": QCoreApplication.translate("UndoSteps", "metric"),
        "insight": QCoreApplication.translate("UndoSteps", "insight"),
        "action": QCoreApplication.translate("UndoSteps", "action"),
        "comment": QCoreApplication.translate("UndoSteps", "comment"),
    }


def step_texts() -> dict[str, str]:
    """Every undo step's sentence by its key (`cxstudio.editing.steps.STEP_TEXTS`), numbered as STEP_PARAMS orders them."""
    return {
        "add": QCoreApplication.translate("UndoSteps", "Add %1"),
        "add_named": QCoreApplication.translate("UndoSteps", "Add %1 “%2”"),
        "edit": QCoreApplication.translate("UndoSteps", "Edit %1: %2"),
        "edit_named": QCoreApplication.translate("UndoSteps", "Edit %1 “%2”: %3"),
        "edit_many": QCoreApplication.translate("UndoSteps", "Edit %1 cards: %2"),
        "edit_many_elements": QCoreApplication.translate("UndoSteps", "Edit %1 elements: %2"),
        "rename": QCoreApplication.translate("UndoSteps", "Rename %1"),
        "rename_named": QCoreApplication.translate("UndoSteps", "Rename %1 “%2”"),
        "delete": QCoreApplication.translate("UndoSteps", "Delete %1"),
        "delete_named": QCoreApplication.translate("UndoSteps", "Delete %1 “%2”"),
        "delete_many": QCoreApplication.translate("UndoSteps", "Delete %1 elements"),
        "move": QCoreApplication.translate("UndoSteps", "Move %1"),
        "move_named": QCoreApplication.translate("UndoSteps", "Move %1 “%2”"),
        "move_many": QCoreApplication.translate("UndoSteps", "Move %1 cards"),
        "duplicate": QCoreApplication.translate("UndoSteps", "Duplicate card"),
        "duplicate_named": QCoreApplication.translate("UndoSteps", "Duplicate card “%1”"),
        "duplicate_many": QCoreApplication.translate("UndoSteps", "Duplicate %1 cards"),
        "paste": QCoreApplication.translate("UndoSteps", "Paste card"),
        "paste_named": QCoreApplication.translate("UndoSteps", "Paste card “%1”"),
        "paste_many": QCoreApplication.translate("UndoSteps", "Paste %1 cards"),
        "cut": QCoreApplication.translate("UndoSteps", "Cut card"),
        "cut_named": QCoreApplication.translate("UndoSteps", "Cut card “%1”"),
        "cut_many": QCoreApplication.translate("UndoSteps", "Cut %1 cards"),
        "link": QCoreApplication.translate("UndoSteps", "Link (%1)"),
        "link_named": QCoreApplication.translate("UndoSteps", "Link “%1” (%2)"),
        "unlink": QCoreApplication.translate("UndoSteps", "Remove relation"),
        "new_project": QCoreApplication.translate("UndoSteps", "New project"),
        "name_project": QCoreApplication.translate("UndoSteps", "Name project"),
        "import": QCoreApplication.translate("UndoSteps", "Import “%1”"),
        "merge": QCoreApplication.translate("UndoSteps", "Merge “%1”"),
    }


def _step_value(param: str, value: Any) -> str:
    if param == "kind":
        return step_kinds().get(value, str(value))
    if param == "fields":
        names = field_labels()
        return ", ".join(names.get(name, name.replace("_", " ")) for name in value)
    if param == "relation":
        return relation_kinds().get(value, str(value).replace("_", " "))
    return str(value)


def undo_step(name: str) -> str:
    """An undo step's name in the UI language: its message key looked up, its parameters filled in.

    A name that is no `StepName` (one a script chose) is shown as it is.
    """
    if not isinstance(name, StepName):
        return name
    template = step_texts().get(name.key)
    if template is None:
        return str(name)
    values = [_step_value(param, name.params[param]) for param in STEP_PARAMS[name.key]]
    # one pass, so that a name containing "%2" is not filled in again
    return re.sub(r"%(\d)", lambda match: values[int(match.group(1)) - 1], template)
