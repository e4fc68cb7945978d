"""Change events emitted by the Document: values and ids only, never live object references."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cxstudio.model.entities import Entity


@dataclass(frozen=True, slots=True)
class Added:
    """An entity was added; `entity` is its (immutable) value."""

    entity: Entity

    def inverse(self) -> Removed:
        return Removed(self.entity)


@dataclass(frozen=True, slots=True)
class Removed:
    """An entity was removed; `entity` is its last value, enough to bring it back."""

    entity: Entity

    def inverse(self) -> Added:
        return Added(self.entity)


@dataclass(frozen=True, slots=True)
class Changed:
    """One field of an entity changed from `old` to `new`."""

    kind: str
    id: str
    field: str
    old: Any
    new: Any

    def inverse(self) -> Changed:
        return Changed(self.kind, self.id, self.field, self.new, self.old)


Event = Added | Removed | Changed


def event_entity_id(event: Event) -> str:
    return event.id if isinstance(event, Changed) else event.entity.id


def event_kind(event: Event) -> str:
    return event.kind if isinstance(event, Changed) else event.entity.KIND
