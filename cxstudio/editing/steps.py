"""Names of undo steps: a message key with parameters that reads as an English sentence and is translated by its key.

A `StepName` is a `str` (the English sentence, e.g. ``Rename card “Callback via hotline”``), so scripts
and the history print readable names, and it carries `key` and `params`, so the editor translates it by
looking the key up (`cxstudio.ui.labels.undo_step`) instead of parsing English. Parameters are typed by
their name: `kind` an entity kind, `name` an element's name (cut to `NAME_LIMIT` characters), `count` a
number, `fields` field names, `relation` a relation kind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from cxstudio.model.entities import Entity

NAME_LIMIT = 40  # characters of an element's name quoted in a step name

# key -> the English sentence; {kind} {name} {count} {fields} {relation} are the parameters.
STEP_TEXTS: Mapping[str, str] = MappingProxyType({
    "add": "Add {kind}",
    "add_named": "Add {kind} “{name}”",
    "edit": "Edit {kind}: {fields}",
    "edit_named": "Edit {kind} “{name}”: {fields}",
    "edit_many": "Edit {count} cards: {fields}",
    "edit_many_elements": "Edit {count} elements: {fields}",
    "rename": "Rename {kind}",
    "rename_named": "Rename {kind} “{name}”",
    "delete": "Delete {kind}",
    "delete_named": "Delete {kind} “{name}”",
    "delete_many": "Delete {count} elements",
    "move": "Move {kind}",
    "move_named": "Move {kind} “{name}”",
    "move_many": "Move {count} cards",
    "duplicate": "Duplicate card",
    "duplicate_named": "Duplicate card “{name}”",
    "duplicate_many": "Duplicate {count} cards",
    "paste": "Paste card",
    "paste_named": "Paste card “{name}”",
    "paste_many": "Paste {count} cards",
    "cut": "Cut card",
    "cut_named": "Cut card “{name}”",
    "cut_many": "Cut {count} cards",
    "link": "Link ({relation})",
    "link_named": "Link “{name}” ({relation})",
    "unlink": "Remove relation",
    "new_project": "New project",
    "name_project": "Name project",
    "import": "Import “{name}”",
    "merge": "Merge “{name}”",
})

# Which parameters each key takes, in the order translations number them (%1, %2, ...).
STEP_PARAMS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    key: tuple(part.split("}", 1)[0] for part in text.split("{")[1:]) for key, text in STEP_TEXTS.items()
})


def _english(param: str, value: Any) -> str:
    if param == "fields":
        return ", ".join(str(name).replace("_", " ") for name in value)
    if param == "relation":
        return str(value).replace("_", " ")
    return str(value)


def short_name(text: str) -> str:
    """An element's name as a step quotes it: one line, at most NAME_LIMIT characters."""
    single = " ".join(text.split())
    return single if len(single) <= NAME_LIMIT else single[: NAME_LIMIT - 1].rstrip() + "…"


class StepName(str):
    """An undo step's name: the English sentence as the string, with its message `key` and `params`."""

    key: str
    params: Mapping[str, Any]

    def __new__(cls, key: str, **params: Any) -> StepName:
        text = STEP_TEXTS[key]
        expected = set(STEP_PARAMS[key])
        if set(params) != expected:
            raise ValueError(f"The step {key!r} takes {sorted(expected)}, not {sorted(params)}.")
        if "fields" in params:
            params["fields"] = tuple(params["fields"])
        self = super().__new__(cls, text.format(**{name: _english(name, value) for name, value in params.items()}))
        self.key = key
        self.params = MappingProxyType(dict(params))
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_make_step, (self.key, dict(self.params)))


def _make_step(key: str, params: dict[str, Any]) -> StepName:
    return StepName(key, **params)


# ---------------------------------------------------------------------- names of elements
def name_of(entity: Entity | None) -> str:
    """The element's name or title as a step quotes it; "" when it has none."""
    if entity is None:
        return ""
    for field_name in ("title", "name"):
        value = getattr(entity, field_name, None)
        if isinstance(value, str) and value.strip():
            return short_name(value)
    return ""


def name_field(entity: Entity) -> str | None:
    """The field that names an element ("title" of cards, insights and actions, "name" of the others)."""
    names = entity.field_names()
    return "title" if "title" in names else "name" if "name" in names else None


def _named(verb: str, kind: str, name: str) -> StepName:
    return StepName(f"{verb}_named", kind=kind, name=name) if name else StepName(verb, kind=kind)


# ---------------------------------------------------------------------- the steps the operations record
def add(entity: Entity) -> StepName:
    return _named("add", entity.KIND, name_of(entity))


def edit(before: Entity, fields: Mapping[str, Any]) -> StepName:
    """Renaming an element names it by its new name (its old one if the new one is empty); other edits by its name."""
    changed = tuple(sorted(fields))
    if changed == (name_field(before),):
        new_name = fields[changed[0]]
        shown = short_name(new_name) if isinstance(new_name, str) else ""
        return _named("rename", before.KIND, shown or name_of(before))
    name = name_of(before)
    if name:
        return StepName("edit_named", kind=before.KIND, name=name, fields=changed)
    return StepName("edit", kind=before.KIND, fields=changed)


def edit_many(cards: Sequence[Entity], fields: Mapping[str, Any]) -> StepName:
    if len(cards) == 1:
        return edit(cards[0], fields)
    if any(entity.KIND != "card" for entity in cards):
        return StepName("edit_many_elements", count=len(cards), fields=tuple(sorted(fields)))
    return StepName("edit_many", count=len(cards), fields=tuple(sorted(fields)))


def delete(entities: Sequence[Entity]) -> StepName:
    if len(entities) == 1:
        return _named("delete", entities[0].KIND, name_of(entities[0]))
    return StepName("delete_many", count=len(entities))


def move(entity: Entity) -> StepName:
    return _named("move", entity.KIND, name_of(entity))


def _cards(verb: str, cards: Sequence[Entity]) -> StepName:
    if len(cards) == 1:
        name = name_of(cards[0])
        return StepName(f"{verb}_named", name=name) if name else StepName(verb)
    return StepName(f"{verb}_many", count=len(cards))


def move_cards(cards: Sequence[Entity]) -> StepName:
    if len(cards) == 1:
        return move(cards[0])
    return StepName("move_many", count=len(cards))


def duplicate(cards: Sequence[Entity]) -> StepName:
    return _cards("duplicate", cards)


def paste(cards: Sequence[Entity]) -> StepName:
    return _cards("paste", cards)


def cut(cards: Sequence[Entity]) -> StepName:
    return _cards("cut", cards)


def link(source: Entity | None, relation_kind: str) -> StepName:
    name = name_of(source)
    return StepName("link_named", name=name, relation=relation_kind) if name else StepName("link", relation=relation_kind)


def unlink() -> StepName:
    return StepName("unlink")
