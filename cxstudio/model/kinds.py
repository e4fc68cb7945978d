"""The 14 entity kinds of a project (`Project`, `Channel`, … `Comment`) with their enums, references and cross-field rules.

Each class is a record (`record.Entity`): annotated fields with defaults, `REFS` (what its
reference fields may point at and what a delete does), `ENUMS`, `NAME_FIELDS`, and its
`_validate_more` rules (with a column form, `_columns_more_sound`, where a kind has many records).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from operator import eq
from typing import Any, ClassVar

from cxstudio.model.checks import (
    _COLOUR,
    _PRIORITIES,
    _RATINGS,
    PRIORITY_RANGE,
    RATING_RANGE,
    _check_date,
    _check_order,
)
from cxstudio.model.errors import InvariantError
from cxstudio.model.fields import OnDelete, Ref
from cxstudio.model.record import Entity

_is_colour = _COLOUR.match  # a global bound method: a method call on an imported name is a slower attribute load


class ChannelKind(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    HYBRID = "hybrid"


class JourneyState(StrEnum):
    AS_IS = "as_is"
    TO_BE = "to_be"


class LaneKind(StrEnum):
    CARDS = "cards"
    EMOTION_CURVE = "emotion_curve"
    CHANNELS = "channels"
    DEPARTMENTS = "departments"
    PHYSICAL_EVIDENCE = "physical_evidence"
    CUSTOMER_ACTIONS = "customer_actions"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT_PROCESSES = "support_processes"


class BlueprintLine(StrEnum):
    INTERACTION = "interaction"
    VISIBILITY = "visibility"
    INTERNAL_INTERACTION = "internal_interaction"


class CardKind(StrEnum):
    STEP = "step"
    TOUCHPOINT = "touchpoint"
    THOUGHT = "thought"
    FEELING = "feeling"
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"
    PROCESS = "process"
    EVIDENCE = "evidence"
    NOTE = "note"


class RelationKind(StrEnum):
    LEADS_TO = "leads_to"
    SUPPORTED_BY = "supported_by"
    DEPENDS_ON = "depends_on"
    CAUSES = "causes"
    RELATES_TO = "relates_to"


# Relation kinds whose edges must form a directed acyclic graph: a process cannot
# (transitively) depend on itself, a cause cannot be its own effect.
ACYCLIC_RELATION_KINDS = frozenset(
    {RelationKind.SUPPORTED_BY, RelationKind.DEPENDS_ON, RelationKind.CAUSES}
)


class MetricKind(StrEnum):
    NPS = "nps"
    CSAT = "csat"
    CES = "ces"
    RATING = "rating"
    CUSTOM = "custom"


class MetricScope(StrEnum):
    PROJECT = "project"
    JOURNEY = "journey"
    STAGE = "stage"
    TOUCHPOINT = "touchpoint"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class Project(Entity):
    """The project itself; exactly one per document."""

    __slots__ = ()

    KIND: ClassVar[str] = "project"
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: str = "Untitled project"
    client: str = ""
    description: str = ""
    language: str = "en"
    created: str = ""

    def _validate_more(self) -> None:
        if self.language not in ("de", "en"):
            raise InvariantError(f"The project language must be 'de' or 'en', not {self.language!r}.")
        _check_date(self, "created", self.created, with_time=True)


class Channel(Entity):
    """A channel through which a customer meets the organisation (web, e-mail, branch, ...)."""

    __slots__ = ()

    KIND: ClassVar[str] = "channel"
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"kind": ChannelKind}
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: str = ""
    kind: str = ChannelKind.ONLINE.value
    icon: str = ""
    order: int = 0

    def _validate_more(self) -> None:
        _check_order(self, self.order)


class Department(Entity):
    """An organisational unit responsible for touchpoints, with a contact person."""

    __slots__ = ()

    KIND: ClassVar[str] = "department"
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: str = ""
    contact_person: str = ""
    email: str = ""
    order: int = 0

    def _validate_more(self) -> None:
        _check_order(self, self.order)
        if self.email and ("@" not in self.email or " " in self.email.strip()):
            raise InvariantError(f"Department '{self.name}': {self.email!r} is not an e-mail address.")


class Persona(Entity):
    """A named customer type for whom journeys are mapped."""

    __slots__ = ()

    KIND: ClassVar[str] = "persona"
    REFS: ClassVar[dict[str, Ref]] = {
        "preferred_channel_ids": Ref(("channel",), OnDelete.DETACH, many=True),
    }
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: str = ""
    role: str = ""
    quote: str = ""
    age: int | None = None
    occupation: str = ""
    location: str = ""
    goals: str = ""
    needs: str = ""
    frustrations: str = ""
    behaviour: str = ""
    online_affinity: int | None = None  # 1 (offline only) .. 5 (digital native)
    preferred_channel_ids: tuple[str, ...] = ()
    picture: bytes | None = None
    order: int = 0

    def _validate_more(self) -> None:
        _check_order(self, self.order)
        if self.age is not None and not 0 <= self.age <= 130:
            raise InvariantError(f"Persona '{self.name}': age {self.age} is not between 0 and 130.")
        if self.online_affinity is not None and not 1 <= self.online_affinity <= 5:
            raise InvariantError(
                f"Persona '{self.name}': online affinity must be between 1 and 5, not {self.online_affinity}."
            )


class Touchpoint(Entity):
    """An entry of the project-wide touchpoint catalogue; it can appear in many journeys."""

    __slots__ = ()

    KIND: ClassVar[str] = "touchpoint"
    REFS: ClassVar[dict[str, Ref]] = {
        "channel_id": Ref(("channel",), OnDelete.NULLIFY),
        "department_id": Ref(("department",), OnDelete.NULLIFY),
    }
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: str = ""
    description: str = ""
    channel_id: str | None = None
    department_id: str | None = None
    order: int = 0

    def _validate_more(self) -> None:
        _check_order(self, self.order)


class Journey(Entity):
    """A customer journey for one persona: ordered stages and lanes holding cards."""

    __slots__ = ()

    KIND: ClassVar[str] = "journey"
    REFS: ClassVar[dict[str, Ref]] = {"persona_id": Ref(("persona",), OnDelete.NULLIFY)}
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"state": JourneyState}
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: str = ""
    persona_id: str | None = None
    scenario: str = ""
    expectations: str = ""
    state: str = JourneyState.AS_IS.value
    order: int = 0

    def _validate_more(self) -> None:
        _check_order(self, self.order)


class Stage(Entity):
    """A column of a journey (a phase such as awareness or purchase)."""

    __slots__ = ()

    KIND: ClassVar[str] = "stage"
    REFS: ClassVar[dict[str, Ref]] = {"journey_id": Ref(("journey",), OnDelete.CASCADE)}

    journey_id: str
    name: str = ""
    description: str = ""
    order: int = 0

    def _validate_more(self) -> None:
        _check_order(self, self.order)


class Lane(Entity):
    """A row of a journey; its kind decides what it shows, line_below names a blueprint line under it."""

    __slots__ = ()

    KIND: ClassVar[str] = "lane"
    REFS: ClassVar[dict[str, Ref]] = {"journey_id": Ref(("journey",), OnDelete.CASCADE)}
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"kind": LaneKind, "line_below": BlueprintLine}

    journey_id: str
    name: str = ""
    kind: str = LaneKind.CARDS.value
    order: int = 0
    line_below: str | None = None

    def _validate_more(self) -> None:
        _check_order(self, self.order)


class Card(Entity):
    """An element placed in a cell (journey, stage, lane) at a position within the cell."""

    __slots__ = ()

    KIND: ClassVar[str] = "card"
    REFS: ClassVar[dict[str, Ref]] = {
        "journey_id": Ref(("journey",), OnDelete.CASCADE),
        "stage_id": Ref(("stage",), OnDelete.CASCADE),
        "lane_id": Ref(("lane",), OnDelete.CASCADE),
        "touchpoint_id": Ref(("touchpoint",), OnDelete.NULLIFY),
        "channel_id": Ref(("channel",), OnDelete.NULLIFY),
        "department_id": Ref(("department",), OnDelete.NULLIFY),
    }
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"kind": CardKind}

    journey_id: str
    stage_id: str
    lane_id: str
    order: int = 0
    kind: str = CardKind.STEP.value
    title: str = ""
    text: str = ""
    touchpoint_id: str | None = None
    channel_id: str | None = None
    department_id: str | None = None
    rating: int | None = None
    expectation: str = ""
    moment_of_truth: bool = False
    pain_point: bool = False
    priority: int = 0
    colour: str = ""
    tags: tuple[str, ...] = ()
    internal_note: str = ""

    INTERNAL_FIELDS: ClassVar[frozenset[str]] = frozenset({"internal_note"})  # never shown to clients

    def _validate_more(self) -> None:
        _check_order(self, self.order)
        if self.rating is not None and self.rating not in RATING_RANGE:
            raise InvariantError(
                f"Card '{self.title[:40]}': rating {self.rating} is outside 1-10 "
                "(10 = expectations clearly exceeded, 1 = clearly missed)."
            )
        if self.priority not in PRIORITY_RANGE:
            raise InvariantError(f"Card '{self.title[:40]}': priority must be 0-3, not {self.priority}.")
        if self.colour and not _is_colour(self.colour):
            raise InvariantError(f"Card '{self.title[:40]}': colour {self.colour!r} is not of the form #rrggbb.")

    @classmethod
    def _columns_more_sound(cls, columns: Sequence[Sequence[Any]]) -> bool | None:
        index = cls.FIELD_INDEX
        colours = set(columns[index["colour"]]) - {""}
        return (
            min(columns[index["order"]]) >= 0
            and set(columns[index["rating"]]) - {None} <= _RATINGS
            and set(columns[index["priority"]]) <= _PRIORITIES
            and all(map(_is_colour, colours))
        )


class Relation(Entity):
    """A directed relation between two cards or catalogue touchpoints, drawn as an arrow."""

    __slots__ = ()

    KIND: ClassVar[str] = "relation"
    REFS: ClassVar[dict[str, Ref]] = {
        "source_id": Ref(("card", "touchpoint"), OnDelete.CASCADE),
        "target_id": Ref(("card", "touchpoint"), OnDelete.CASCADE),
    }
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"kind": RelationKind}

    source_id: str
    target_id: str
    kind: str = RelationKind.LEADS_TO.value
    label: str = ""

    def _validate_more(self) -> None:
        if self.source_id == self.target_id:
            raise InvariantError("A relation cannot connect an element with itself.")

    @classmethod
    def _columns_more_sound(cls, columns: Sequence[Sequence[Any]]) -> bool | None:
        index = cls.FIELD_INDEX
        return not any(map(eq, columns[index["source_id"]], columns[index["target_id"]]))


class Metric(Entity):
    """A measured value (NPS, CSAT, CES, a rating, ...) with its target and best-in-class value."""

    __slots__ = ()

    KIND: ClassVar[str] = "metric"
    REFS: ClassVar[dict[str, Ref]] = {
        "scope_id": Ref(("journey", "stage", "touchpoint"), OnDelete.CASCADE),
    }
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"kind": MetricKind, "scope": MetricScope}
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("name",)

    name: str = ""
    kind: str = MetricKind.CUSTOM.value
    unit: str = ""
    scope: str = MetricScope.PROJECT.value
    scope_id: str | None = None
    current: float | None = None
    target: float | None = None
    best_in_class: float | None = None
    source: str = ""
    date: str = ""

    def _validate_more(self) -> None:
        _check_date(self, "date", self.date)
        if (self.scope == MetricScope.PROJECT) != (self.scope_id is None):
            raise InvariantError(
                f"Metric '{self.name}': a project metric has no scope element; "
                "a journey, stage or touchpoint metric needs one."
            )


class Insight(Entity):
    """A finding from the map, backed by evidence and linked to cards."""

    __slots__ = ()

    KIND: ClassVar[str] = "insight"
    REFS: ClassVar[dict[str, Ref]] = {"card_ids": Ref(("card",), OnDelete.DETACH, many=True)}
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("title",)

    title: str = ""
    text: str = ""
    evidence: str = ""
    card_ids: tuple[str, ...] = ()


class Action(Entity):
    """An improvement measure with owner, status and due date, aimed at insights, cards or touchpoints."""

    __slots__ = ()

    KIND: ClassVar[str] = "action"
    REFS: ClassVar[dict[str, Ref]] = {
        "insight_ids": Ref(("insight",), OnDelete.DETACH, many=True),
        "card_ids": Ref(("card",), OnDelete.DETACH, many=True),
        "touchpoint_ids": Ref(("touchpoint",), OnDelete.DETACH, many=True),
        "metric_id": Ref(("metric",), OnDelete.NULLIFY),
    }
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {"status": ActionStatus}
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ("title",)

    title: str = ""
    description: str = ""
    owner: str = ""
    status: str = ActionStatus.OPEN.value
    priority: int = 0
    due: str = ""
    insight_ids: tuple[str, ...] = ()
    card_ids: tuple[str, ...] = ()
    touchpoint_ids: tuple[str, ...] = ()
    metric_id: str | None = None
    target_value: float | None = None
    external_ref: str = ""

    def _validate_more(self) -> None:
        _check_date(self, "due", self.due)
        if self.priority not in PRIORITY_RANGE:
            raise InvariantError(f"Action '{self.title}': priority must be 0-3, not {self.priority}.")


class Comment(Entity):
    """A remark on any element, or a reply in its thread (`reply_to` the thread's first comment).

    Internal comments (`internal`, the record's `INTERNAL_FLAG`) never reach a client; shared ones do.
    A thread is resolved and reopened as a whole through its first comment (`resolved`, `resolved_by`,
    `resolved_at`); deleting the first comment deletes its replies.
    """

    __slots__ = ()

    KIND: ClassVar[str] = "comment"
    REFS: ClassVar[dict[str, Ref]] = {
        "target_id": Ref(
            (
                "persona", "channel", "department", "touchpoint", "journey", "stage", "lane",
                "card", "relation", "metric", "insight", "action",
            ),
            OnDelete.CASCADE,
        ),
        "reply_to": Ref(("comment",), OnDelete.CASCADE),
    }
    INTERNAL_FLAG: ClassVar[str | None] = "internal"

    target_id: str
    author: str = ""
    text: str = ""
    created: str = ""
    resolved: bool = False
    internal: bool = True
    reply_to: str | None = None
    resolved_by: str = ""
    resolved_at: str = ""

    def _validate_more(self) -> None:
        _check_date(self, "created", self.created, with_time=True)
        _check_date(self, "resolved_at", self.resolved_at, with_time=True)
        if self.reply_to == self.id:
            raise InvariantError("A comment cannot reply to itself.")


ENTITY_TYPES: tuple[type[Entity], ...] = (
    Project, Channel, Department, Persona, Touchpoint, Journey, Stage, Lane, Card,
    Relation, Metric, Insight, Action, Comment,
)
ENTITY_BY_KIND: dict[str, type[Entity]] = {t.KIND: t for t in ENTITY_TYPES}
