"""The columns of the project workspace's tables: which field, how it is shown, sorted and edited, per kind of element."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from cxstudio.analysis.coverage import FINISHED
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    Action,
    Card,
    Channel,
    Department,
    Entity,
    Insight,
    Metric,
    Persona,
    Touchpoint,
)
from cxstudio.ui import labels
from cxstudio.ui.workspace.dates import show_date


def _tr(text: str) -> str:
    return QCoreApplication.translate("Workspace", text)


@dataclass(frozen=True)
class Column:
    """One column: a field (or a derived value when `derive` is given) and the editor it gets.

    `editor` is one of text, multiline, enum, ref, int, float, date, priority, or "" (read-only).
    """

    field: str
    editor: str = "text"
    ref_kind: type[Entity] | None = None
    lowest: int = 0
    highest: int = 0
    derive: Callable[[Document, Entity], tuple[str, Any]] | None = None  # -> (shown text, sort key)
    header: str = ""

    @property
    def editable(self) -> bool:
        return bool(self.editor) and self.derive is None


def _used_on_cards(document: Document, entity: Entity) -> tuple[str, Any]:
    count = len(document.referrer_ids(entity.id, "card", "touchpoint_id"))
    return (str(count), count)


def _preferred_channels(document: Document, entity: Entity) -> tuple[str, Any]:
    names = [c.name for c in map(document.find, getattr(entity, "preferred_channel_ids", ())) if c is not None]
    text = ", ".join(names)
    return (text, text.casefold())


def _linked_cards(document: Document, entity: Entity) -> tuple[str, Any]:
    count = len(getattr(entity, "card_ids", ()))
    return (str(count), count)


def addressed_card_ids(document: Document, action: Action) -> list[str]:
    """The cards an action addresses: its own cards and those of its insights, in that order, each once."""
    ids = list(action.card_ids)
    for insight in map(document.find, action.insight_ids):
        if isinstance(insight, Insight):
            ids += insight.card_ids
    return [i for i in dict.fromkeys(ids) if isinstance(document.find(i), Card)]


def _addresses(document: Document, entity: Entity) -> tuple[str, Any]:
    assert isinstance(entity, Action)
    cards = [document.get(i, Card) for i in addressed_card_ids(document, entity)]
    pain = sum(1 for card in cards if card.pain_point)
    parts = []
    if cards:
        parts.append(_tr("Cards: %1").replace("%1", str(len(cards))))
    if pain:
        parts.append(_tr("pain points: %1").replace("%1", str(pain)))
    if entity.insight_ids:
        parts.append(_tr("insights: %1").replace("%1", str(len(entity.insight_ids))))
    return (", ".join(parts), len(cards))


def _metric_scope(document: Document, entity: Entity) -> tuple[str, Any]:
    assert isinstance(entity, Metric)
    scopes = labels.metric_scopes()
    text = scopes.get(entity.scope, entity.scope)
    target = document.find(entity.scope_id)
    if target is not None:
        text += f": {target.label}"
    return (text, text.casefold())


def columns_for(kind: type[Entity]) -> list[Column]:
    """The columns of `kind`'s table, the naming field first."""
    table: dict[type[Entity], list[Column]] = {
        Persona: [
            Column("name"), Column("role"), Column("age", "int", lowest=0, highest=130),
            Column("occupation"), Column("location"), Column("online_affinity", "int", lowest=1, highest=5),
            Column("quote", "multiline"), Column("goals", "multiline"), Column("frustrations", "multiline"),
            Column("preferred_channel_ids", "", derive=_preferred_channels),
        ],
        Touchpoint: [
            Column("name"), Column("channel_id", "ref", Channel), Column("department_id", "ref", Department),
            Column("description", "multiline"),
            Column("used", "", derive=_used_on_cards, header=_tr("Cards on the maps")),
        ],
        Channel: [Column("name"), Column("kind", "enum"), Column("icon")],
        Department: [Column("name"), Column("contact_person"), Column("email")],
        Metric: [
            Column("name"), Column("kind", "enum"), Column("unit"),
            Column("scope", "", derive=_metric_scope),
            Column("current", "float"), Column("target", "float"), Column("best_in_class", "float"),
            Column("source"), Column("date", "date"),
        ],
        Insight: [
            Column("title"), Column("text", "multiline"), Column("evidence", "multiline"),
            Column("card_ids", "", derive=_linked_cards),
        ],
        Action: [
            Column("title"), Column("owner"), Column("status", "enum"), Column("priority", "priority"),
            Column("due", "date"), Column("addresses", "", derive=_addresses, header=_tr("Addresses")),
            Column("metric_id", "ref", Metric), Column("target_value", "float"), Column("external_ref"),
            Column("description", "multiline"),
        ],
    }
    return table[kind]


def header(kind: type[Entity], column: Column) -> str:
    return column.header or labels.field_labels().get(column.field, column.field.replace("_", " "))


def choices(document: Document, kind: type[Entity], column: Column) -> list[tuple[Any, str]]:
    """The values an enum, reference or priority cell may take, with their labels."""
    if column.editor == "enum":
        names = labels.enum_labels(column.field, kind.KIND)
        return [(member.value, names.get(member.value, member.value)) for member in kind.ENUMS[column.field]]
    if column.editor == "priority":
        return list(labels.priorities().items())
    if column.editor == "ref" and column.ref_kind is not None:
        entities = sorted(document.all(column.ref_kind), key=lambda e: (getattr(e, "order", 0), e.label))
        return [(None, QCoreApplication.translate("Workspace", "(none)")), *((e.id, e.label) for e in entities)]
    return []


def shown(document: Document, kind: type[Entity], entity: Entity, column: Column) -> tuple[str, Any]:
    """What a cell shows and how it sorts."""
    if column.derive is not None:
        return column.derive(document, entity)
    value = getattr(entity, column.field)
    if column.editor in ("enum", "priority"):
        names = dict(choices(document, kind, column))
        return (names.get(value, str(value)), value)
    if column.editor == "ref":
        target = document.find(value)
        text = target.label if target is not None else ""
        return (text, text.casefold())
    if column.editor == "date":
        return (show_date(value), value or "9999")  # undated last when sorting up
    if column.editor == "int":
        return ("" if value is None else str(value), -1 if value is None else value)
    if column.editor == "float":
        text = "" if value is None else QLocale().toString(float(value), "g", 12)
        return (text, float("-inf") if value is None else value)
    text = " ".join(str(value).split())  # one line in a cell
    return (text, text.casefold())


def is_overdue(action: Action, today: dt.date | None = None) -> bool:
    """An unfinished action whose due date has passed (the analytics' rule)."""
    today_text = (today or dt.date.today()).isoformat()
    return bool(action.due) and action.status not in FINISHED and action.due[:10] < today_text
