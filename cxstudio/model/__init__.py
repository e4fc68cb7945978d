"""The pure-Python domain model: entities, the Document with its one mutation API, events, the relation graph."""

from cxstudio.model.document import Document
from cxstudio.model.entities import (
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
    Entity,
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
    new_id,
)
from cxstudio.model.errors import InvariantError, ModelError, NotFoundError, OutsideTransactionError
from cxstudio.model.events import Added, Changed, Event, Removed

__all__ = [
    "ENTITY_BY_KIND", "ENTITY_TYPES", "Action", "ActionStatus", "Added", "BlueprintLine", "Card", "CardKind",
    "Changed", "Channel", "ChannelKind", "Comment", "Department", "Document", "Entity", "Event", "Insight",
    "InvariantError", "Journey", "JourneyState", "Lane", "LaneKind", "Metric", "MetricKind", "MetricScope",
    "ModelError", "NotFoundError", "OutsideTransactionError", "Persona", "Project", "Relation", "RelationKind",
    "Removed", "Stage", "Touchpoint", "new_id",
]
