"""The entities of a journey-mapping project in one import: only re-exports of the modules that define them.

Nothing is defined here. `from cxstudio.model.entities import Card` keeps working for every
caller; new code may import from the owning module instead:

- `fields.py`: how a record declares its fields (`FieldSpec`, `field`, `MISSING`, `FieldKind`,
  `field_kind`, `Ref`, `OnDelete`);
- `record.py`: the record framework (`Entity`, `new_id`);
- `checks.py`: field checks and their sentences, text limits (`MAX_*_LENGTH`, `MAX_PICTURE_BYTES`,
  `SHOWN_IN_MESSAGES`), `validate()` and the generated per-class validators;
- `kinds.py`: the 14 entity classes and their enums, `ENTITY_TYPES`, `ENTITY_BY_KIND`,
  `ACYCLIC_RELATION_KINDS`;
- `loading.py`: bulk loading (`entities_from_rows`, `entity_builder`) and column checks (`records_sound`).
"""

from __future__ import annotations

from cxstudio.model.checks import (
    MAX_NAME_LENGTH,
    MAX_PICTURE_BYTES,
    MAX_TEXT_LENGTH,
    PRIORITY_RANGE,
    RATING_RANGE,
    SHOWN_IN_MESSAGES,
)
from cxstudio.model.fields import MISSING, FieldKind, FieldSpec, OnDelete, Ref, field, field_kind
from cxstudio.model.kinds import (
    ACYCLIC_RELATION_KINDS,
    ENTITY_BY_KIND,
    ENTITY_TYPES,
    Action,
    ActionStatus,
    BlueprintLine,
    Card,
    CardKind,
    Channel,
    ChannelKind,
    Comment,
    Department,
    Insight,
    Journey,
    JourneyState,
    Lane,
    LaneKind,
    Metric,
    MetricKind,
    MetricScope,
    Persona,
    Project,
    Relation,
    RelationKind,
    Stage,
    Touchpoint,
)
from cxstudio.model.loading import EntityBuilder, all_canonical_uuids, entities_from_rows, entity_builder, records_sound
from cxstudio.model.record import Entity, new_id

__all__ = [
    "ACYCLIC_RELATION_KINDS", "ENTITY_BY_KIND", "ENTITY_TYPES", "MAX_NAME_LENGTH", "MAX_PICTURE_BYTES",
    "MAX_TEXT_LENGTH", "MISSING", "PRIORITY_RANGE", "RATING_RANGE", "SHOWN_IN_MESSAGES",
    "Action", "ActionStatus", "BlueprintLine", "Card", "CardKind", "Channel", "ChannelKind", "Comment",
    "Department", "Entity", "EntityBuilder", "FieldKind", "FieldSpec", "Insight", "Journey", "JourneyState",
    "Lane", "LaneKind", "Metric", "MetricKind", "MetricScope", "OnDelete", "Persona", "Project", "Ref",
    "Relation", "RelationKind", "Stage", "Touchpoint",
    "all_canonical_uuids", "entities_from_rows", "entity_builder", "field", "field_kind", "new_id", "records_sound",
]
