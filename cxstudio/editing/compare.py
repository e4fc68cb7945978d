"""Comparing two documents: every element added, removed or changed, field by field, card moves between cells.

`compare(a, b)` pairs elements by their stable ids. A changed element lists each field with its old and
new value; a card whose stage or lane changed also carries a `CellMove`; relations are elements too
(an arrow added, removed or re-pointed). `Comparison.as_json()` has stable keys and ids (sorted by
kind, then id); `Comparison.lines(language)` is the text in English or German, values from the files
escaped and bounded (they are untrusted).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from cxstudio.model.document import Document
from cxstudio.model.entities import ENTITY_TYPES, Card, Entity
from cxstudio.safetext import bounded

KIND_ORDER = {t.KIND: position for position, t in enumerate(ENTITY_TYPES)}
VALUE_LIMIT = 80  # characters of a value quoted in a line of text

# kind -> (English, German) for the text
KIND_WORDS: dict[str, tuple[str, str]] = {
    "project": ("project", "Projekt"), "channel": ("channel", "Kanal"), "department": ("department", "Abteilung"),
    "persona": ("persona", "Persona"), "touchpoint": ("touchpoint", "Touchpoint"), "journey": ("journey", "Journey"),
    "stage": ("stage", "Phase"), "lane": ("lane", "Bahn"), "card": ("card", "Karte"),
    "relation": ("relation", "Beziehung"), "metric": ("metric", "Kennzahl"), "insight": ("insight", "Erkenntnis"),
    "action": ("action", "Maßnahme"), "comment": ("comment", "Kommentar"),
}
_WORDS = {
    "added": ("{kind} {name} added", "{kind} {name} hinzugefügt"),
    "removed": ("{kind} {name} removed", "{kind} {name} entfernt"),
    "changed": ("{kind} {name} changed: {fields}", "{kind} {name} geändert: {fields}"),
    "moved": ("{kind} {name} moved from {old} to {new}", "{kind} {name} verschoben von {old} nach {new}"),
    "none": ("No differences.", "Keine Unterschiede."),
    "summary": ("{added} added, {removed} removed, {changed} changed.",
                "{added} hinzugefügt, {removed} entfernt, {changed} geändert."),
}
_QUOTES = (("“", "”"), ("„", "“"))

# field -> (English, German): how the text names a field (German as the inspector labels it)
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "name": ("name", "Name"), "title": ("title", "Titel"), "text": ("text", "Text"),
    "description": ("description", "Beschreibung"), "kind": ("kind", "Art"), "order": ("position", "Position"),
    "client": ("client", "Kunde"), "language": ("language", "Sprache"), "created": ("created", "Angelegt"),
    "icon": ("icon", "Symbol"), "contact_person": ("contact person", "Ansprechpartner(in)"),
    "email": ("e-mail", "E-Mail"), "role": ("role / segment", "Rolle / Segment"), "quote": ("quote", "Zitat"),
    "age": ("age", "Alter"), "occupation": ("occupation", "Beruf"), "location": ("location", "Wohnort"),
    "goals": ("goals", "Ziele"), "needs": ("needs and expectations", "Bedürfnisse und Erwartungen"),
    "frustrations": ("frustrations", "Frustrationen"), "behaviour": ("buying behaviour", "Kaufverhalten"),
    "online_affinity": ("online affinity", "Online-Affinität"),
    "preferred_channel_ids": ("preferred channels", "Bevorzugte Kanäle"), "picture": ("picture", "Bild"),
    "channel_id": ("channel", "Kanal"), "department_id": ("department", "Abteilung"),
    "persona_id": ("persona", "Persona"), "scenario": ("scenario", "Szenario"),
    "expectations": ("customer expectations", "Kundenerwartungen"), "state": ("state", "Zustand"),
    "journey_id": ("journey", "Journey"), "stage_id": ("stage", "Phase"), "lane_id": ("lane", "Bahn"),
    "line_below": ("blueprint line below", "Blueprint-Linie darunter"),
    "touchpoint_id": ("catalogue touchpoint", "Katalog-Touchpoint"), "rating": ("rating", "Bewertung"),
    "expectation": ("expectation", "Erwartung"), "moment_of_truth": ("moment of truth", "Moment of Truth"),
    "pain_point": ("pain point", "Pain Point"), "priority": ("priority", "Priorität"), "colour": ("colour", "Farbe"),
    "tags": ("tags", "Schlagwörter"), "internal_note": ("internal note", "Interne Notiz"),
    "source_id": ("from", "Von"), "target_id": ("to", "Nach"), "label": ("label", "Beschriftung"),
    "unit": ("unit", "Einheit"), "scope": ("scope", "Bezug"), "scope_id": ("scope element", "Bezugselement"),
    "current": ("current value", "Aktueller Wert"), "target": ("target value", "Zielwert"),
    "best_in_class": ("best-in-class value", "Best-in-Class-Wert"), "source": ("source", "Quelle"),
    "date": ("date", "Datum"), "evidence": ("evidence", "Belege"), "card_ids": ("linked cards", "Verknüpfte Karten"),
    "owner": ("owner", "Verantwortlich"), "status": ("status", "Status"), "due": ("due date", "Fällig am"),
    "insight_ids": ("insights", "Erkenntnisse"), "touchpoint_ids": ("catalogue touchpoints", "Katalog-Touchpoints"),
    "metric_id": ("target metric", "Zielkennzahl"), "target_value": ("target value", "Zielwert"),
    "external_ref": ("external reference", "Externe Referenz"), "author": ("author", "Autor(in)"),
    "resolved": ("resolved", "Erledigt"), "internal": ("internal", "Intern"), "reply_to": ("reply to", "Antwort auf"),
    "resolved_by": ("resolved by", "Erledigt von"), "resolved_at": ("resolved at", "Erledigt am"),
}
_YES_NO = (("yes", "no"), ("ja", "nein"))
_EMPTY = ("(empty)", "(leer)")


def field_word(name: str, language: str = "en") -> str:
    """How the text names a field of an element in 'de' or 'en' (a field it does not know: its name, readable)."""
    pair = FIELD_WORDS.get(name)
    if pair is None:
        return name.replace("_", " ")
    return pair[1 if language == "de" else 0]


def kind_word(kind: str, language: str = "en", capital: bool = True) -> str:
    """An element kind in 'de' or 'en' ("Card", "Karte")."""
    word = KIND_WORDS.get(kind, (kind, kind))[1 if language == "de" else 0]
    return word[:1].upper() + word[1:] if capital else word


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an element: its value in the first document and in the second."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class CellMove:
    """A card that moved between cells: stage and lane ids before and after (a lane move keeps the stage)."""

    old_stage: str
    old_lane: str
    new_stage: str
    new_lane: str


@dataclass(frozen=True, slots=True)
class EntityChange:
    """One element that differs: `change` is "added", "removed" or "changed" (then `fields` and maybe `move`)."""

    kind: str
    id: str
    change: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    move: CellMove | None = None
    values: dict[str, Any] = field(default_factory=dict)  # an added or removed element's fields


def json_value(value: Any) -> Any:
    """A field value as JSON: tuples as lists, pictures as their size and SHA-256."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, bytes):
        return {"bytes": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    return value


def _values(entity: Entity) -> dict[str, Any]:
    return {name: json_value(value) for name, value in zip(entity.FIELD_NAMES, entity) if name != "id"}


@dataclass(slots=True)
class Comparison:
    """Every difference between two documents, sorted by kind, then id."""

    changes: list[EntityChange]
    names: dict[str, str]  # id -> label, of both documents (for cells and relation ends)

    def __bool__(self) -> bool:
        return bool(self.changes)

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)

    def of_kind(self, kind: str) -> list[EntityChange]:
        return [c for c in self.changes if c.kind == kind]

    def by_id(self) -> dict[str, EntityChange]:
        """Each changed element by id (the editor's compare view colours cards by `change`)."""
        return {c.id: c for c in self.changes}

    def as_json(self) -> dict[str, Any]:
        """Stable keys and ids: {"summary": {...}, "changes": [{"kind", "id", "change", "label", ...}]}."""
        items: list[dict[str, Any]] = []
        for c in self.changes:
            item: dict[str, Any] = {"kind": c.kind, "id": c.id, "change": c.change, "label": c.label}
            if c.change == "changed":
                item["fields"] = [{"field": f.field, "old": json_value(f.old), "new": json_value(f.new)} for f in c.fields]
                if c.move is not None:
                    item["moved"] = {"from": {"stage": c.move.old_stage, "lane": c.move.old_lane},
                                     "to": {"stage": c.move.new_stage, "lane": c.move.new_lane}}
            else:
                item["values"] = c.values
            items.append(item)
        summary = {"added": self.count("added"), "removed": self.count("removed"), "changed": self.count("changed")}
        return {"summary": summary, "changes": items}

    def value_text(self, field_name: str, value: Any, language: str = "en") -> str:
        """A field's value as the text shows it: quoted text, element names for references, yes/no, bounded."""
        column = 1 if language == "de" else 0
        opening, closing = _QUOTES[column]
        if value is None or value == "" or value == ():
            return _EMPTY[column]
        if isinstance(value, bool):
            return _YES_NO[column][0 if value else 1]
        if field_name.endswith("_id") and isinstance(value, str) and value in self.names:
            return opening + bounded(self.names[value], VALUE_LIMIT, language) + closing
        if isinstance(value, str):
            return opening + bounded(value, VALUE_LIMIT, language) + closing
        if isinstance(value, bytes):
            return f"<{len(value)} bytes>" if column == 0 else f"<{len(value)} Byte>"
        if isinstance(value, tuple):
            shown = [bounded(self.names.get(v, v) if isinstance(v, str) and field_name.endswith("_ids") else str(v),
                             VALUE_LIMIT, language) for v in value[:10]]
            return "[" + ", ".join(shown) + (", …]" if len(value) > 10 else "]")
        return bounded(str(value), VALUE_LIMIT, language)

    def cell_text(self, move: CellMove, before: bool, language: str = "en") -> str:
        """The cell (stage / lane) a moved card left (`before`) or went to, quoted."""
        opening, closing = _QUOTES[1 if language == "de" else 0]
        stage, lane = (move.old_stage, move.old_lane) if before else (move.new_stage, move.new_lane)
        text = f"{self.names.get(stage, stage)} / {self.names.get(lane, lane)}"
        return opening + bounded(text, VALUE_LIMIT, language) + closing

    def shown_fields(self, change: EntityChange) -> tuple[FieldChange, ...]:
        """The field changes a text lists (a move's stage, lane and position are said by the move)."""
        if change.move is None:
            return change.fields
        return tuple(f for f in change.fields if f.field not in ("stage_id", "lane_id", "order"))

    def lines(self, language: str = "en") -> list[str]:
        """One line per difference and a summary line, in 'de' or 'en' (field names in that language)."""
        column = 1 if language == "de" else 0
        if not self.changes:
            return [_WORDS["none"][column]]
        opening, closing = _QUOTES[column]
        out: list[str] = []
        for c in self.changes:
            kind = kind_word(c.kind, language)
            name = opening + bounded(c.label, VALUE_LIMIT, language) + closing
            if c.change != "changed":
                out.append(_WORDS[c.change][column].format(kind=kind, name=name))
                continue
            if c.move is not None:
                out.append(_WORDS["moved"][column].format(
                    kind=kind, name=name, old=self.cell_text(c.move, True, language),
                    new=self.cell_text(c.move, False, language)))
            shown = self.shown_fields(c)
            if shown:
                fields = "; ".join(f"{field_word(f.field, language)} {self.value_text(f.field, f.old, language)} → "
                                   f"{self.value_text(f.field, f.new, language)}" for f in shown)
                out.append(_WORDS["changed"][column].format(kind=kind, name=name, fields=fields))
        out.append(_WORDS["summary"][column].format(added=self.count("added"), removed=self.count("removed"),
                                                    changed=self.count("changed")))
        return out


def _label(entity: Entity, a: dict[str, Entity], b: dict[str, Entity]) -> str:
    label = entity.label
    if label and label != entity.id:
        return label
    ends = [getattr(entity, name, None) for name in ("source_id", "target_id")]
    if all(isinstance(end, str) for end in ends):  # a relation: its ends and kind
        names = [(b.get(end) or a.get(end)).label if (b.get(end) or a.get(end)) else end for end in ends]  # type: ignore[union-attr]
        return f"{names[0]} → {names[1]} ({getattr(entity, 'kind', '')})"
    text = getattr(entity, "text", "")
    return text if isinstance(text, str) and text else entity.id


def field_changes(old: Entity, new: Entity) -> tuple[FieldChange, ...]:
    """The fields whose values differ between two versions of one element, in declaration order."""
    return tuple(FieldChange(name, o, n) for name, o, n in zip(old.FIELD_NAMES, old, new)
                 if o != n or type(o) is not type(n))


def compare(a: Document, b: Document) -> Comparison:
    """What changed from document `a` to document `b`, element by element (paired by id)."""
    first, second = a.snapshot(), b.snapshot()
    changes: list[EntityChange] = []
    for entity_id, old in first.items():
        new = second.get(entity_id)
        if new is None:
            changes.append(EntityChange(old.KIND, entity_id, "removed", _label(old, first, second), values=_values(old)))
        elif new is not old and (new != old):
            if type(new) is not type(old):
                changes.append(EntityChange(old.KIND, entity_id, "removed", _label(old, first, second),
                                            values=_values(old)))
                changes.append(EntityChange(new.KIND, entity_id, "added", _label(new, first, second),
                                            values=_values(new)))
                continue
            fields = field_changes(old, new)
            if not fields:
                continue
            move = None
            if isinstance(old, Card) and isinstance(new, Card) and (old.stage_id, old.lane_id) != (new.stage_id, new.lane_id):
                move = CellMove(old.stage_id, old.lane_id, new.stage_id, new.lane_id)
            changes.append(EntityChange(new.KIND, entity_id, "changed", _label(new, first, second), fields, move))
    for entity_id in second.keys() - first.keys():
        new = second[entity_id]
        changes.append(EntityChange(new.KIND, entity_id, "added", _label(new, first, second), values=_values(new)))
    changes.sort(key=lambda c: (KIND_ORDER.get(c.kind, 99), c.id, c.change))
    touched = {c.id for c in changes}
    for c in changes:
        if c.move is not None:
            touched.update((c.move.old_stage, c.move.old_lane, c.move.new_stage, c.move.new_lane))
        for f in c.fields:  # references are shown by the names of what they refer to
            if f.field.endswith("_id"):
                touched.update(v for v in (f.old, f.new) if isinstance(v, str))
            elif f.field.endswith("_ids"):
                touched.update(v for v in (*(f.old or ()), *(f.new or ())) if isinstance(v, str))
    names = {i: (second.get(i) or first[i]).label for i in touched if i in second or i in first}
    return Comparison(changes, names)
