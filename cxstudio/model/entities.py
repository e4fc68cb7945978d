"""The entities of a journey-mapping project: immutable value records with UUIDs and their field rules."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from itertools import chain
from operator import eq, is_not, itemgetter
from typing import Any, ClassVar, NamedTuple, NoReturn, cast, dataclass_transform

try:  # namedtuple's C-level field accessor
    from collections import _tuplegetter  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _tuplegetter = None

from cxstudio.model.errors import InvariantError

MAX_NAME_LENGTH = 2_000
MAX_TEXT_LENGTH = 200_000
MAX_PICTURE_BYTES = 16 * 1024 * 1024  # a picture (a persona's photo) of at most 16 MiB
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def new_id() -> str:
    """A fresh random UUID in its canonical text form."""
    return str(uuid.uuid4())


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


class OnDelete(StrEnum):
    """What happens to a referring entity when the entity it refers to is deleted."""

    CASCADE = "cascade"  # the referrer is deleted too
    NULLIFY = "nullify"  # the reference becomes None
    DETACH = "detach"  # the id is removed from a tuple of ids


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference field: which entity kinds it may point at and what a delete does to it."""

    targets: tuple[str, ...]
    on_delete: OnDelete
    many: bool = False


PRIORITY_RANGE = range(0, 4)  # 0 none, 1 low, 2 medium, 3 high
RATING_RANGE = range(1, 11)
_PRIORITIES = frozenset(PRIORITY_RANGE)
_RATINGS = frozenset(RATING_RANGE)


class FieldSpec(NamedTuple):
    """One field of an entity class: its name, its annotation as text, and its default (MISSING: required)."""

    name: str
    type: str
    default: Any
    default_factory: Callable[[], Any] | None = None

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.default_factory is None


class _Missing:
    """The marker of a field without a default."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def field(*, default: Any = MISSING, default_factory: Callable[[], Any] | None = None) -> Any:
    """A field's default given as a factory (for values made fresh per record, like ids)."""
    return FieldSpec("", "", default, default_factory)


def _field_getter(index: int, doc: str) -> Any:
    """A read-only attribute for one position of the record (C-level, as namedtuple's)."""
    if _tuplegetter is not None:
        return _tuplegetter(index, doc)
    return property(itemgetter(index), doc=doc)


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Entity(tuple):  # type: ignore[type-arg]
    """Base of every record: a stable UUID; subclasses declare their kind, fields and references.

    A record is an immutable tuple of its field values in declaration order (`id` first), made
    with keyword arguments like a frozen dataclass (`Card(journey_id=..., title="...")`). Its
    fields are read-only attributes; two records are equal when they are of the same class with
    equal values. Being a tuple lets a stored row become a record in one C-level step when a
    project is loaded (`entity_builder`).
    """

    __slots__ = ()

    KIND: ClassVar[str] = ""
    REFS: ClassVar[dict[str, Ref]] = {}
    ENUMS: ClassVar[dict[str, type[StrEnum]]] = {}
    NAME_FIELDS: ClassVar[tuple[str, ...]] = ()
    FIELDS: ClassVar[tuple[FieldSpec, ...]] = ()
    FIELD_NAMES: ClassVar[tuple[str, ...]] = ()
    FIELD_INDEX: ClassVar[dict[str, int]] = {}

    id: str = field(default_factory=new_id)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must declare __slots__ = () (records are tuples).")
        specs = _declared_fields(cls)
        cls.FIELDS = specs
        cls.FIELD_NAMES = tuple(spec.name for spec in specs)
        cls.FIELD_INDEX = {spec.name: index for index, spec in enumerate(specs)}
        for index, spec in enumerate(specs):
            setattr(cls, spec.name, _field_getter(index, f"{cls.__name__}.{spec.name} ({spec.type})"))
        cls.__new__ = _generated_new(cls, specs)  # type: ignore[method-assign]

    # ------------------------------------------------------------------ value semantics
    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and tuple.__eq__(self, other)  # type: ignore[arg-type]

    def __ne__(self, other: object) -> bool:
        return not (type(self) is type(other) and tuple.__eq__(self, other))  # type: ignore[arg-type]

    def __hash__(self) -> int:
        return hash((self.KIND, tuple.__hash__(self)))

    def __lt__(self, other: object) -> bool:
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__  # records have no order; sort them by a key

    def __add__(self, other: object) -> Any:
        return NotImplemented

    __mul__ = __rmul__ = __add__

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={_brief_repr(value)}" for name, value in zip(self.FIELD_NAMES, self))
        return f"{type(self).__name__}({values})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), tuple(self)))

    def __copy__(self) -> Entity:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Entity:
        return self

    # ------------------------------------------------------------------ fields
    def replace(self, **changes: Any) -> Entity:
        """A copy with some fields changed (like dataclasses.replace, without checks: the Document checks)."""
        cls = type(self)
        index = cls.FIELD_INDEX
        values = list(self)
        for name, value in changes.items():
            position = index.get(name)
            if position is None:
                raise TypeError(f"A {cls.KIND} has no field {', '.join(sorted(changes.keys() - index.keys()))}.")
            values[position] = value
        return _tuple_new(cls, values)

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return cls.FIELD_NAMES

    def values(self) -> dict[str, Any]:
        return dict(zip(self.FIELD_NAMES, self))

    @property
    def label(self) -> str:
        for name in ("title", "name"):
            value = getattr(self, name, None)
            if value:
                return _CONTROL_CHARS.sub("\ufffd", str(value))
        return self.id

    def validate(self, only: Iterable[str] | None = None) -> None:
        """Raise InvariantError if a field value breaks its rule (references are checked by the Document).

        `only` limits the field checks to the named fields (a change of a few fields of a record
        that was valid before); the entity's cross-field rules are always checked.
        """
        if only is None:  # every field: the class's generated checks (same rules and messages, faster)
            validator = _ALL_FIELD_VALIDATORS.get(type(self))
            if validator is None:
                validator = _ALL_FIELD_VALIDATORS[type(self)] = _all_field_validator(type(self))
            validator(self)
            return
        types = _field_types(type(self))
        for name in only:
            value = getattr(self, name)
            if name == "id":
                _check_uuid(self, "id", value)
                continue
            _check_value(self, name, value, types[name])
            enum_type = self.ENUMS.get(name)
            if enum_type is not None and value is not None and value not in enum_type._value2member_map_:
                _enum_error(self, name, value, enum_type)
            if name in self.NAME_FIELDS and not str(value).strip():
                _empty_name_error(self, name)
        self._validate_more()

    def _validate_more(self) -> None:
        """Entity-specific checks beyond field types."""

    @classmethod
    def _columns_more_sound(cls, columns: Sequence[Sequence[Any]]) -> bool | None:
        """`_validate_more` of every record at once, from the field columns (already type-checked).

        None: the class has no column form; its records are checked one by one. A class that
        overrides `_validate_more` for many records gives this form too (tests compare the two).
        """
        return None


_tuple_new = tuple.__new__


def _rebuild(cls: type[Entity], values: tuple[Any, ...]) -> Entity:
    """A record from its class and values (unpickling)."""
    return _tuple_new(cls, values)


def _declared_fields(cls: type) -> tuple[FieldSpec, ...]:
    """The fields of a record class: its bases' first, then its own annotations (ClassVars excluded)."""
    specs: dict[str, FieldSpec] = {}
    for klass in reversed(cls.__mro__):
        if klass is tuple or klass is object or not issubclass(klass, tuple):
            continue
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():
            text = str(annotation)
            if text.startswith(("ClassVar", "typing.ClassVar")):
                continue
            declared = klass.__dict__.get(name, MISSING)
            if isinstance(declared, FieldSpec):  # field(...) or a field of an already set-up base
                if declared.name:
                    spec = declared
                else:
                    spec = FieldSpec(name, text, declared.default, declared.default_factory)
            elif klass is not cls and name in specs:
                spec = specs[name]
            else:
                spec = FieldSpec(name, text, declared)
            specs[name] = spec
    for name, spec in list(specs.items()):
        specs[name] = spec._replace(name=name)
    return tuple(specs.values())


def _generated_new(cls: type[Entity], specs: tuple[FieldSpec, ...]) -> Callable[..., Entity]:
    """`cls(**fields)`: keyword-only, defaults applied, one C-level tuple construction."""
    namespace: dict[str, Any] = {"_tuple_new": _tuple_new, "MISSING": MISSING}
    parameters: list[str] = []
    values: list[str] = []
    for spec in specs:
        if spec.default_factory is not None:
            namespace[f"_factory_{spec.name}"] = spec.default_factory
            parameters.append(f"{spec.name}=MISSING")
            values.append(f"_factory_{spec.name}() if {spec.name} is MISSING else {spec.name}")
        elif spec.default is MISSING:
            parameters.append(spec.name)
            values.append(spec.name)
        else:
            namespace[f"_default_{spec.name}"] = spec.default
            parameters.append(f"{spec.name}=_default_{spec.name}")
            values.append(spec.name)
    source = (
        f"def __new__(cls, *, {', '.join(parameters)}):\n"
        f"    return _tuple_new(cls, ({', '.join(f'({v})' for v in values)},))"
    )
    exec(source, namespace)  # generated from the class's own field names only
    new = namespace["__new__"]
    new.__qualname__ = f"{cls.__name__}.__new__"
    new.__doc__ = f"A {cls.KIND or cls.__name__} from its field values (keyword arguments)."
    return cast(Callable[..., Entity], new)


_FIELD_TYPES: dict[type, dict[str, str]] = {}


def _field_types(cls: type[Entity]) -> dict[str, str]:
    """Field name -> annotation text, per entity class, computed once."""
    types = _FIELD_TYPES.get(cls)
    if types is None:
        types = {spec.name: spec.type for spec in cls.FIELDS}
        _FIELD_TYPES[cls] = types
    return types


def _enum_error(entity: Entity, name: str, value: object, enum_type: type[StrEnum]) -> NoReturn:
    allowed = ", ".join(m.value for m in enum_type)
    raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be one of {allowed}, not {_brief_repr(value)}.")


def _empty_name_error(entity: Entity, name: str) -> NoReturn:
    raise InvariantError(f"A {entity.KIND} needs a {name}; it cannot be empty.")


_UUID_TEXT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _check_uuid(entity: Entity, name: str, value: object) -> None:
    if isinstance(value, str) and _UUID_TEXT.match(value):
        return
    if not isinstance(value, str):
        raise InvariantError(f"{entity.KIND}: {name} must be a UUID string, not {_brief_repr(value)}.")
    try:
        uuid.UUID(value)
    except ValueError:
        raise InvariantError(f"{entity.KIND}: {name} {_brief_repr(value)} is not a valid UUID.") from None
    raise InvariantError(f"{entity.KIND}: {name} {_brief_repr(value)} is not a canonical lower-case UUID.")


SHOWN_IN_MESSAGES = 60  # characters of a name or value quoted in an error sentence


def _brief(text: str) -> str:
    """`text` cut for quoting in an error sentence (a value from a file may be megabytes long)."""
    return text if len(text) <= SHOWN_IN_MESSAGES else text[: SHOWN_IN_MESSAGES - 1] + "…"


def _brief_repr(value: object) -> str:
    """repr(value), cut for quoting in an error sentence; huge values are not rendered in full first."""
    if isinstance(value, (str, bytes, bytearray, tuple, list)) and len(value) > SHOWN_IN_MESSAGES:
        value = value[:SHOWN_IN_MESSAGES]
        return repr(value)[:SHOWN_IN_MESSAGES] + "…"
    return _brief(repr(value))


def _check_text(entity: Entity, name: str, value: str) -> None:
    limit = _text_limit(name)
    if len(value) > limit:
        raise InvariantError(
            f"{entity.KIND} '{entity.label[:40]}': {name} is {len(value):,} characters long; "
            f"the limit is {limit:,}."
        )
    if _CONTROL_CHARS.search(value):
        raise InvariantError(
            f"{entity.KIND} '{entity.label[:40]}': {name} contains control characters "
            "(only tab and line breaks are allowed)."
        )


def _check_value(entity: Entity, name: str, value: object, kind: str) -> None:
    optional = "None" in kind
    if value is None:
        if not optional:
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must not be empty (None).")
        return
    if kind.startswith("tuple"):
        if not isinstance(value, tuple) or isinstance(value, Entity) or not all(isinstance(v, str) for v in value):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be a tuple of strings.")
        for item in value:
            _check_text(entity, name, item)
        if len(set(value)) != len(value):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} lists an entry twice.")
        return
    if kind.startswith("bool"):
        if not isinstance(value, bool):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be true or false.")
        return
    if kind.startswith("int"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be a whole number, not {_brief_repr(value)}.")
        return
    if kind.startswith("float"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be a finite number, not {_brief_repr(value)}.")
        return
    if kind.startswith("bytes"):
        if not isinstance(value, bytes):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be bytes.")
        if len(value) > MAX_PICTURE_BYTES:
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} is {len(value):,} bytes large; "
                                 f"the limit is {MAX_PICTURE_BYTES:,}.")
        return
    if kind.startswith("str"):
        if not isinstance(value, str):
            raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} must be text, not {_brief_repr(value)}.")
        if name in entity.REFS:
            _check_uuid(entity, name, value)
        else:
            _check_text(entity, name, value)
        return


def _check_date(entity: Entity, name: str, value: str | None, with_time: bool = False) -> None:
    if value is None or value == "":
        return
    pattern = _ISO_DATETIME if with_time else _ISO_DATE
    if not pattern.match(value):
        shape = "YYYY-MM-DDTHH:MM" if with_time else "YYYY-MM-DD"
        raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': {name} {_brief_repr(value)} is not a date ({shape}).")


def _check_order(entity: Entity, order: int) -> None:
    if order < 0:
        raise InvariantError(f"{entity.KIND} '{_brief(entity.label)}': order must not be negative.")


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

    def _validate_more(self) -> None:
        _check_order(self, self.order)
        if self.rating is not None and self.rating not in RATING_RANGE:
            raise InvariantError(
                f"Card '{self.title[:40]}': rating {self.rating} is outside 1-10 "
                "(10 = expectations clearly exceeded, 1 = clearly missed)."
            )
        if self.priority not in PRIORITY_RANGE:
            raise InvariantError(f"Card '{self.title[:40]}': priority must be 0-3, not {self.priority}.")
        if self.colour and not _COLOUR.match(self.colour):
            raise InvariantError(f"Card '{self.title[:40]}': colour {self.colour!r} is not of the form #rrggbb.")

    @classmethod
    def _columns_more_sound(cls, columns: Sequence[Sequence[Any]]) -> bool | None:
        index = cls.FIELD_INDEX
        colours = set(columns[index["colour"]]) - {""}
        return (
            min(columns[index["order"]]) >= 0
            and set(columns[index["rating"]]) - {None} <= _RATINGS
            and set(columns[index["priority"]]) <= _PRIORITIES
            and all(map(_COLOUR.match, colours))
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
    """A remark on any element; internal comments never reach a client."""

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
    }

    target_id: str
    author: str = ""
    text: str = ""
    created: str = ""
    resolved: bool = False
    internal: bool = True

    def _validate_more(self) -> None:
        _check_date(self, "created", self.created, with_time=True)


ENTITY_TYPES: tuple[type[Entity], ...] = (
    Project, Channel, Department, Persona, Touchpoint, Journey, Stage, Lane, Card,
    Relation, Metric, Insight, Action, Comment,
)
ENTITY_BY_KIND: dict[str, type[Entity]] = {t.KIND: t for t in ENTITY_TYPES}


# ---------------------------------------------------------------------- fast construction for loading
EntityBuilder = Callable[[Sequence[Any]], Entity]


def entity_builder(
    entity_type: type[Entity], converters: Mapping[str, Callable[[Any], Any]] | None = None
) -> EntityBuilder:
    """A function that makes an entity from its field values in field order, without validation.

    For loading stored values that are checked as a whole afterwards (or were checked when saved):
    it makes exactly what `entity_type(**dict(zip(field_names, values)))` makes, with each named
    converter applied to its field's value first, in one C-level tuple construction. A value
    sequence of the wrong length raises ValueError.
    """
    names = entity_type.field_names()
    converters = dict(converters or {})
    unknown = converters.keys() - set(names)
    if unknown:
        raise TypeError(f"A {entity_type.KIND} has no field {', '.join(sorted(unknown))}.")
    namespace: dict[str, Any] = {"_new": _tuple_new, "_cls": entity_type, "_count": len(names), "_len": len}
    lines = [
        "def build(values):",
        "    if _len(values) != _count:",
        f"        raise ValueError(f'A {entity_type.KIND} has {{_count}} fields, not {{_len(values)}}.')",
    ]
    if converters:
        parts = []
        for position, name in enumerate(names):
            if name in converters:
                namespace[f"_convert_{name}"] = converters[name]
                parts.append(f"_convert_{name}(values[{position}])")
            else:
                parts.append(f"values[{position}]")
        lines.append(f"    return _new(_cls, ({', '.join(parts)},))")
    else:
        lines.append("    return _new(_cls, values)")
    exec("\n".join(lines), namespace)  # generated from the class's own field names only
    build: EntityBuilder = namespace["build"]
    build.__qualname__ = build.__name__ = f"build_{entity_type.KIND}"
    build.__doc__ = f"A {entity_type.KIND} from its field values in field order, without validation."
    return build


def entities_from_rows(
    entity_type: type[Entity], rows: Sequence[Sequence[Any]], build: EntityBuilder | None = None
) -> list[Entity]:
    """Entities of one class from many value rows in field order (loading): `build` of each row.

    Without converters (`build` None) each row becomes its record in one C-level step. Rows of
    the wrong length raise ValueError, as `entity_builder`'s functions do.
    """
    if not rows:
        return []
    count = len(entity_type.FIELD_NAMES)
    if set(map(len, rows)) != {count}:
        raise ValueError(f"A {entity_type.KIND} has {count} fields; some rows have another number of values.")
    if build is None:
        return list(map(partial(_tuple_new, entity_type), rows))
    return list(map(build, rows))


# ---------------------------------------------------------------------- fast validation of every field
_ALL_FIELD_VALIDATORS: dict[type, Callable[[Entity], None]] = {}


def _text_limit(name: str) -> int:
    return MAX_NAME_LENGTH if name in ("name", "title", "label") else MAX_TEXT_LENGTH


def _all_field_validator(entity_type: type[Entity]) -> Callable[[Entity], None]:
    """`validate()` of every field of one class as one generated function, with the same rules and messages.

    Each field gets a quick test that only ever accepts values the general checks accept (exact types,
    e.g. `type(v) is str`); anything else goes to those general checks (`_check_uuid`, `_check_value`),
    which raise the usual sentence or accept the value. Enum, name and cross-field rules follow as in
    `Entity.validate`.
    """
    namespace: dict[str, Any] = {
        "_check_uuid": _check_uuid, "_check_value": _check_value, "_enum_error": _enum_error,
        "_empty_name_error": _empty_name_error, "_uuid": _UUID_TEXT.match, "_control": _CONTROL_CHARS.search,
        "_isfinite": math.isfinite, "_only_text": frozenset({str}).issuperset, "_join": "".join,
        "_len": len, "_max": max, "_set": set, "_map": map, "_type": type, "_str": str,
        "_tuple_t": tuple, "_str_t": str, "_int_t": int, "_float_t": float, "_bool_t": bool, "_bytes_t": bytes,
    }
    lines = ["def validate_all(self):"]
    for position, (name, kind) in enumerate(_field_types(entity_type).items()):
        lines.append(f"    v = self[{position}]")
        if name == "id":
            lines.append("    if not (_type(v) is _str_t and _uuid(v)):")
            lines.append("        _check_uuid(self, 'id', v)")
            continue
        quick = _quick_test(entity_type, name, kind)
        if quick is None:
            lines.append(f"    _check_value(self, {name!r}, v, {kind!r})")
        else:
            if "None" in kind:
                quick = f"v is None or ({quick})"
            lines.append(f"    if not ({quick}):")
            lines.append(f"        _check_value(self, {name!r}, v, {kind!r})")
        enum_type = entity_type.ENUMS.get(name)
        if enum_type is not None:
            namespace[f"_enum_{name}"] = enum_type
            namespace[f"_members_{name}"] = enum_type._value2member_map_
            lines.append(f"    if v is not None and v not in _members_{name}:")
            lines.append(f"        _enum_error(self, {name!r}, v, _enum_{name})")
        if name in entity_type.NAME_FIELDS:
            lines.append("    if not _str(v).strip():")
            lines.append(f"        _empty_name_error(self, {name!r})")
    lines.append("    self._validate_more()")
    exec("\n".join(lines), namespace)  # generated from the dataclass's own field names and annotations only
    validate_all: Callable[[Entity], None] = namespace["validate_all"]
    validate_all.__qualname__ = validate_all.__name__ = f"validate_all_{entity_type.KIND}"
    return validate_all


def _quick_test(entity_type: type[Entity], name: str, kind: str) -> str | None:
    """A Python condition on `v` that holds only for values `_check_value` accepts (None: always ask it)."""
    if kind.startswith("tuple"):
        limit = _text_limit(name)
        return (f"_type(v) is _tuple_t and (not v or (_only_text(_map(_type, v)) and _max(_map(_len, v)) <= {limit}"
                " and not _control(_join(v)) and _len(_set(v)) == _len(v)))")
    if kind.startswith("bool"):
        return "_type(v) is _bool_t"
    if kind.startswith("int"):
        return "_type(v) is _int_t"
    if kind.startswith("float"):
        return "_type(v) is _float_t and _isfinite(v)"
    if kind.startswith("bytes"):
        return f"_type(v) is _bytes_t and _len(v) <= {MAX_PICTURE_BYTES}"
    if kind.startswith("str"):
        if name in entity_type.REFS:
            return "_type(v) is _str_t and _uuid(v)"
        return f"_type(v) is _str_t and _len(v) <= {_text_limit(name)} and not _control(v)"
    return None


# ---------------------------------------------------------------------- whole columns at once (checking a loaded file)
_is_not_none = partial(is_not, None)
_HEX_AND_DASH = b"0123456789abcdef-"


def all_canonical_uuids(values: Collection[str]) -> bool:
    """Whether every value (all of type str) is a canonical lower-case UUID, checked in a few C-level passes."""
    count = len(values)
    if not count:
        return True
    if set(map(len, values)) != {36}:
        return False
    joined = "".join(values)
    for dash in (8, 13, 18, 23):  # each 36-character block has its dashes here, and nowhere else
        if joined[dash::36].count("-") != count:
            return False
    if joined.count("-") != 4 * count:
        return False
    try:
        return not joined.encode("ascii").translate(None, _HEX_AND_DASH)
    except UnicodeEncodeError:
        return False


def _texts_sound(name: str, values: Sequence[str]) -> bool:
    """`_check_text` of many values (all of type str): none too long, no control characters."""
    return not values or (
        max(map(len, values)) <= _text_limit(name) and _CONTROL_CHARS.search("\n".join(values)) is None
    )


def _column_sound(entity_type: type[Entity], name: str, kind: str, column: Sequence[Any]) -> bool:
    """True only when `validate()` finds nothing wrong with this field in any of the records."""
    values: Sequence[Any] = list(filter(_is_not_none, column)) if "None" in kind else column
    types = set(map(type, values))
    if kind.startswith("tuple"):
        if not types <= {tuple}:
            return False
        items = list(chain.from_iterable(values))
        if not set(map(type, items)) <= {str}:
            return False
        if sum(map(len, values)) != sum(map(len, map(set, values))):  # an entry listed twice somewhere
            return False
        return all_canonical_uuids(set(items)) if name in entity_type.REFS else _texts_sound(name, items)
    if kind.startswith("bool"):
        return types <= {bool}
    if kind.startswith("int"):
        return types <= {int}
    if kind.startswith("float"):
        return types <= {float} and all(map(math.isfinite, values))
    if kind.startswith("bytes"):
        return types <= {bytes} and (not values or max(map(len, values)) <= MAX_PICTURE_BYTES)
    if not kind.startswith("str") or not types <= {str}:
        return False
    if name == "id" or name in entity_type.REFS:
        return all_canonical_uuids(values if name == "id" else set(values))
    if not _texts_sound(name, values):
        return False
    enum_type = entity_type.ENUMS.get(name)
    if enum_type is not None and not set(values) <= enum_type._value2member_map_.keys():
        return False
    return name not in entity_type.NAME_FIELDS or all(map(str.strip, values))


def records_sound(entity_type: type[Entity], records: Sequence[Entity]) -> bool:
    """Whether `validate()` passes for every record of one class, decided column by column.

    For checking a whole loaded document fast: True means every record is valid; False means at
    least one may not be, and the caller validates record by record for the sentences.
    """
    if not records:
        return True
    columns = list(zip(*records))
    for spec, column in zip(entity_type.FIELDS, columns):
        if not _column_sound(entity_type, spec.name, spec.type, column):
            return False
    more = entity_type._columns_more_sound(columns)
    if more is not None:
        return more
    try:
        for record in records:
            record._validate_more()
    except InvariantError:
        return False
    return True
