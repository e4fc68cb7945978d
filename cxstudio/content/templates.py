"""The bundled templates and worked examples: lists them and builds a Document from their data files."""

from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from cxstudio.model.defaults import DEFAULT_CHANNELS, default_channels
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    Action,
    BlueprintLine,
    Card,
    CardKind,
    Comment,
    Department,
    Entity,
    Insight,
    Journey,
    Lane,
    LaneKind,
    Metric,
    MetricKind,
    MetricScope,
    Persona,
    Project,
    Relation,
    Stage,
    Touchpoint,
)
from cxstudio.model.errors import InvariantError, ModelError
from cxstudio.resources import RESOURCES_DIR

# The data files are package data of cxstudio.resources (see cxstudio/resources/__init__.py).
_KIND_DIRECTORIES = (("template", "templates"), ("example", "examples"))

# Every id of a bundled document is derived from this namespace, the template name and the
# element's key in the data file, so a template builds the same ids every time, in every language.
_ID_NAMESPACE = uuid.UUID("6f1d3c52-8a4e-4b7e-9a51-2c0e5d7b9f13")

# The card kind a lane holds unless the data file says otherwise.
_CARD_KIND_OF_LANE: dict[str, str] = {
    LaneKind.PHYSICAL_EVIDENCE.value: CardKind.EVIDENCE.value,
    LaneKind.CUSTOMER_ACTIONS.value: CardKind.STEP.value,
    LaneKind.FRONTSTAGE.value: CardKind.TOUCHPOINT.value,
    LaneKind.BACKSTAGE.value: CardKind.PROCESS.value,
    LaneKind.SUPPORT_PROCESSES.value: CardKind.PROCESS.value,
}


class UnknownTemplateError(ModelError, ValueError):
    """A template or example name (or language) that is not bundled."""


class TemplateDataError(ModelError, ValueError):
    """A bundled data file is missing or malformed (a defect of the installation, not of the user's input)."""


@dataclass(frozen=True)
class TemplateInfo:
    """One line of `cxstudio templates`: a bundled template or example in one language."""

    name: str  # what `cxstudio new --template NAME` takes, e.g. "journey-map"
    language: str  # "de" or "en"
    description: str  # one line, in that language
    kind: str  # "template" or "example"


@dataclass(frozen=True)
class _Source:
    name: str
    kind: str
    path: Path
    data: dict[str, Any]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.data["template"]["languages"])


# ---------------------------------------------------------------------- finding the data files
@lru_cache(maxsize=1)
def _sources() -> tuple[_Source, ...]:
    found: list[_Source] = []
    for kind, directory in _KIND_DIRECTORIES:
        folder = RESOURCES_DIR / directory
        for path in sorted(folder.glob("*.toml")):
            twin = next((s for s in found if s.name == path.stem), None)
            if twin is not None:
                raise TemplateDataError(
                    f"The bundled files {twin.path.parent.name}/{twin.path.name} and {directory}/{path.name} "
                    "share one name; template and example names must be unique."
                )
            found.append(_Source(path.stem, kind, path, _read(path)))
    if not found:
        raise TemplateDataError(f"The bundled templates are missing: {RESOURCES_DIR} holds no template files.")
    kind_rank = {kind: rank for rank, (kind, _dir) in enumerate(_KIND_DIRECTORIES)}
    found.sort(key=lambda s: (kind_rank[s.kind], s.data["template"].get("order", 0), s.name))
    return tuple(found)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            data = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TemplateDataError(f"The bundled file {path.name} cannot be read: {exc}.") from None
    header = data.get("template")
    if not isinstance(header, dict):
        raise TemplateDataError(f"The bundled file {path.name} has no [template] table.")
    languages = header.get("languages")
    if not isinstance(languages, list) or not languages or any(lang not in ("de", "en") for lang in languages):
        raise TemplateDataError(f"The bundled file {path.name} must list its languages (de, en) in [template].")
    return data


def _source(name: str) -> _Source:
    for source in _sources():
        if source.name == name:
            return source
    available = ", ".join(dict.fromkeys(s.name for s in _sources()))
    raise UnknownTemplateError(f"There is no template or example called '{name}'; available are: {available}.")


# ---------------------------------------------------------------------- public interface
def list_templates() -> list[TemplateInfo]:
    """Every bundled template and example, once per language; templates first, then examples."""
    infos: list[TemplateInfo] = []
    for source in _sources():
        for language in source.languages:
            description = _text(source.data["template"].get("description"), language, f"{source.name}: description")
            infos.append(TemplateInfo(source.name, language, " ".join(description.split()), source.kind))
    return infos


def build_document(name: str, language: str | None = None) -> Document:
    """A new Document built from the bundled template or example `name` in `language` (None: its first language)."""
    source = _source(name)
    if language is None:
        language = source.languages[0]
    if language not in source.languages:
        raise UnknownTemplateError(
            f"The {source.kind} '{name}' exists in {' and '.join(source.languages)}, not in '{language}'."
        )
    builder = _Builder(source, language)
    try:
        return Document.from_entities(builder.build())
    except InvariantError as exc:
        raise TemplateDataError(f"The bundled {source.kind} '{name}' ({language}) is inconsistent: {exc}") from None


# ---------------------------------------------------------------------- building
def _number(value: Any) -> float | None:
    """A number of the data file as the float the model stores (TOML reads 10 as an int)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return value  # type: ignore[no-any-return]  # anything else is refused by the model's field check


def _text(value: Any, language: str, where: str) -> str:
    """A text of the data file in `language`: a plain string is the same in every language."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if language not in value:
            raise TemplateDataError(f"{where} has no '{language}' text.")
        value = value[language]
    if not isinstance(value, str):
        raise TemplateDataError(f"{where} must be text, not {value!r}.")
    return value.strip()


class _Builder:
    """Turns one data file into entities in one language, resolving human-readable keys into UUIDs."""

    def __init__(self, source: _Source, language: str) -> None:
        self.source = source
        self.language = language
        self.entities: list[Entity] = []
        self.ids: dict[str, tuple[str, str]] = {}  # key -> (id, entity kind)
        self.touchpoints: dict[str, Touchpoint] = {}

    # -------------------------------------------------------------- helpers
    def where(self, table: str, item: dict[str, Any]) -> str:
        return f"{self.source.path.name}: {table} '{item.get('key', '?')}'"

    def text(self, item: dict[str, Any], field_name: str, table: str) -> str:
        return _text(item.get(field_name), self.language, f"{self.where(table, item)} {field_name}")

    def allow(self, item: dict[str, Any], table: str, allowed: set[str]) -> None:
        unknown = set(item) - allowed
        if unknown:
            raise TemplateDataError(f"{self.where(table, item)} has unknown fields: {', '.join(sorted(unknown))}.")

    def register(self, key: str, kind: str) -> str:
        if not isinstance(key, str) or not key:
            raise TemplateDataError(f"{self.source.path.name}: every {kind} needs a key.")
        if key in self.ids:
            raise TemplateDataError(f"{self.source.path.name}: the key '{key}' is used twice.")
        entity_id = str(uuid.uuid5(_ID_NAMESPACE, f"{self.source.name}/{key}"))
        self.ids[key] = (entity_id, kind)
        return entity_id

    def ref(self, key: str | None, kinds: tuple[str, ...], where: str) -> str | None:
        if key is None:
            return None
        found = self.ids.get(key)
        if found is None or found[1] not in kinds:
            raise TemplateDataError(f"{where} refers to '{key}', which is no {' or '.join(kinds)} of this file.")
        return found[0]

    def refs(self, keys: list[str] | None, kinds: tuple[str, ...], where: str) -> tuple[str, ...]:
        return tuple(self.ref(key, kinds, where) or "" for key in keys or ())

    def add(self, entity: Entity) -> None:
        self.entities.append(entity)

    # -------------------------------------------------------------- the whole file
    def build(self) -> list[Entity]:
        data = self.source.data
        known = {"template", "project", "departments", "personas", "touchpoints", "journeys",
                 "relations", "metrics", "insights", "actions", "comments"}
        unknown = set(data) - known
        if unknown:
            raise TemplateDataError(f"{self.source.path.name} has unknown tables: {', '.join(sorted(unknown))}.")
        self.build_project(data.get("project", {}))
        self.build_channels()
        for order, item in enumerate(data.get("departments", [])):
            self.build_department(item, order)
        for order, item in enumerate(data.get("personas", [])):
            self.build_persona(item, order)
        for order, item in enumerate(data.get("touchpoints", [])):
            self.build_touchpoint(item, order)
        journeys = data.get("journeys", [])
        if not journeys:
            raise TemplateDataError(f"{self.source.path.name} defines no journey.")
        for order, item in enumerate(journeys):
            self.build_journey(item, order, journeys)
        for item in data.get("relations", []):
            self.build_relation(item)
        for item in data.get("metrics", []):
            self.build_metric(item)
        for item in data.get("insights", []):
            self.build_insight(item)
        for item in data.get("actions", []):
            self.build_action(item)
        for number, item in enumerate(data.get("comments", [])):
            self.build_comment(item, number)
        return self.entities

    def build_project(self, item: dict[str, Any]) -> None:
        self.allow(item, "project", {"name", "client", "description"})
        created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.add(Project(
            id=self.register("project", "project"),
            name=self.text(item, "name", "project") or self.source.name,
            client=self.text(item, "client", "project"),
            description=self.text(item, "description", "project"),
            language=self.language,
            created=created,
        ))

    def build_channels(self) -> None:
        """The default channels of cxstudio.model.defaults in this language, keyed by their English keys."""
        for (key, *_rest), channel in zip(DEFAULT_CHANNELS, default_channels(self.language), strict=True):
            self.add(channel.replace(id=self.register(key, "channel")))

    def build_department(self, item: dict[str, Any], order: int) -> None:
        table = "department"
        self.allow(item, table, {"key", "name", "contact_person", "email"})
        self.add(Department(
            id=self.register(item.get("key", ""), "department"),
            name=self.text(item, "name", table),
            contact_person=self.text(item, "contact_person", table),
            email=self.text(item, "email", table),
            order=order,
        ))

    def build_persona(self, item: dict[str, Any], order: int) -> None:
        table = "persona"
        texts = ("name", "role", "quote", "occupation", "location", "goals", "needs", "frustrations", "behaviour")
        self.allow(item, table, {"key", "age", "online_affinity", "preferred_channels", *texts})
        entity_id = self.register(item.get("key", ""), "persona")
        self.add(Persona(
            id=entity_id,
            age=item.get("age"),
            online_affinity=item.get("online_affinity"),
            preferred_channel_ids=self.refs(item.get("preferred_channels"), ("channel",), self.where(table, item)),
            order=order,
            **{name: self.text(item, name, table) for name in texts},
        ))

    def build_touchpoint(self, item: dict[str, Any], order: int) -> None:
        table = "touchpoint"
        self.allow(item, table, {"key", "name", "description", "channel", "department"})
        where = self.where(table, item)
        touchpoint = Touchpoint(
            id=self.register(item.get("key", ""), "touchpoint"),
            name=self.text(item, "name", table),
            description=self.text(item, "description", table),
            channel_id=self.ref(item.get("channel"), ("channel",), where),
            department_id=self.ref(item.get("department"), ("department",), where),
            order=order,
        )
        self.touchpoints[item["key"]] = touchpoint
        self.add(touchpoint)

    def build_journey(self, item: dict[str, Any], order: int, journeys: list[dict[str, Any]]) -> None:
        table = "journey"
        self.allow(item, table, {"key", "name", "persona", "scenario", "expectations", "state",
                                 "stages", "lanes", "lanes_from", "cards"})
        key = item.get("key", "")
        journey_id = self.register(key, "journey")
        where = self.where(table, item)
        self.add(Journey(
            id=journey_id,
            name=self.text(item, "name", table),
            persona_id=self.ref(item.get("persona"), ("persona",), where),
            scenario=self.text(item, "scenario", table),
            expectations=self.text(item, "expectations", table),
            state=item.get("state", "as_is"),
            order=order,
        ))
        stages: dict[str, str] = {}
        for position, stage in enumerate(item.get("stages", [])):
            self.allow(stage, "stage", {"key", "name", "description"})
            stage_id = self.register(f"{key}/{stage.get('key', '')}", "stage")
            stages[stage["key"]] = stage_id
            self.add(Stage(
                id=stage_id, journey_id=journey_id, order=position,
                name=self.text(stage, "name", "stage"), description=self.text(stage, "description", "stage"),
            ))
        lanes: dict[str, tuple[str, str | None]] = {}  # lane key -> (id, default card kind)
        for position, lane in enumerate(self.borrowed_lanes(item, journeys)):
            self.allow(lane, "lane", {"key", "name", "kind", "line_below", "card_kind"})
            lane_id = self.register(f"{key}/{lane.get('key', '')}", "lane")
            kind = lane.get("kind", LaneKind.CARDS.value)
            line = lane.get("line_below")
            default_kind = lane.get("card_kind") or _CARD_KIND_OF_LANE.get(kind)
            if line is not None and line not in BlueprintLine._value2member_map_:
                raise TemplateDataError(f"{self.where('lane', lane)}: {line!r} is no blueprint line.")
            lanes[lane["key"]] = (lane_id, default_kind)
            self.add(Lane(
                id=lane_id, journey_id=journey_id, order=position, kind=kind, line_below=line,
                name=self.text(lane, "name", "lane"),
            ))
        cell_sizes: dict[tuple[str, str], int] = {}
        for card in item.get("cards", []):
            self.build_card(card, journey_id, stages, lanes, cell_sizes)

    def borrowed_lanes(self, item: dict[str, Any], journeys: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A journey's lane definitions: its own, or (with lanes_from) a copy of another journey's."""
        table = "lanes"
        own: list[dict[str, Any]] = item.get(table, [])
        lender_key = item.get(f"{table}_from")
        if lender_key is None:
            return own
        where = self.where("journey", item)
        if own:
            raise TemplateDataError(f"{where} has both {table} and {table}_from.")
        lender = next((j for j in journeys if j.get("key") == lender_key), None)
        if lender is None or lender is item:
            raise TemplateDataError(f"{where} takes its {table} from '{lender_key}', which is no other journey.")
        if f"{table}_from" in lender:
            raise TemplateDataError(f"{where} takes its {table} from '{lender_key}', which borrows them itself.")
        return list(lender.get(table, []))

    def build_card(
        self,
        item: dict[str, Any],
        journey_id: str,
        stages: dict[str, str],
        lanes: dict[str, tuple[str, str | None]],
        cell_sizes: dict[tuple[str, str], int],
    ) -> None:
        table = "card"
        texts = ("title", "text", "expectation", "internal_note")
        self.allow(item, table, {"key", "stage", "lane", "kind", "touchpoint", "channel", "department", "rating",
                                 "moment_of_truth", "pain_point", "priority", "colour", "tags", *texts})
        where = self.where(table, item)
        if item.get("stage") not in stages:
            raise TemplateDataError(f"{where} sits in stage '{item.get('stage')}', which its journey does not have.")
        if item.get("lane") not in lanes:
            raise TemplateDataError(f"{where} sits in lane '{item.get('lane')}', which its journey does not have.")
        stage_id = stages[item["stage"]]
        lane_id, default_kind = lanes[item["lane"]]
        kind = item.get("kind") or default_kind
        if kind is None:
            raise TemplateDataError(f"{where} needs a kind: its lane has no default card kind.")
        touchpoint_key = item.get("touchpoint")
        touchpoint_id = self.ref(touchpoint_key, ("touchpoint",), where)
        catalogue = self.touchpoints.get(touchpoint_key) if touchpoint_key else None
        # A card placed from the catalogue shows the touchpoint's channel and owner unless the file says otherwise.
        channel_id = self.ref(item.get("channel"), ("channel",), where) or (catalogue.channel_id if catalogue else None)
        department_id = self.ref(item.get("department"), ("department",), where) or (
            catalogue.department_id if catalogue else None
        )
        cell = (stage_id, lane_id)
        order = cell_sizes.get(cell, 0)
        cell_sizes[cell] = order + 1
        self.add(Card(
            id=self.register(item.get("key", ""), "card"),
            journey_id=journey_id, stage_id=stage_id, lane_id=lane_id, order=order, kind=kind,
            touchpoint_id=touchpoint_id, channel_id=channel_id, department_id=department_id,
            rating=item.get("rating"),
            moment_of_truth=item.get("moment_of_truth", False),
            pain_point=item.get("pain_point", False),
            priority=item.get("priority", 0),
            colour=item.get("colour", ""),
            tags=tuple(_text(tag, self.language, f"{where} tags") for tag in item.get("tags", [])),
            **{name: self.text(item, name, table) for name in texts},
        ))

    def build_relation(self, item: dict[str, Any]) -> None:
        table = "relation"
        self.allow(item, table, {"from", "to", "kind", "label"})
        where = f"{self.source.path.name}: relation {item.get('from')} -> {item.get('to')}"
        kind = item.get("kind", "leads_to")
        source_id = self.ref(item.get("from"), ("card", "touchpoint"), where)
        target_id = self.ref(item.get("to"), ("card", "touchpoint"), where)
        key = f"relation/{item.get('from')}/{kind}/{item.get('to')}"
        self.add(Relation(
            id=self.register(key, "relation"), source_id=source_id or "", target_id=target_id or "", kind=kind,
            label=_text(item.get("label"), self.language, f"{where} label"),
        ))

    def build_metric(self, item: dict[str, Any]) -> None:
        table = "metric"
        self.allow(item, table, {"key", "name", "kind", "unit", "applies_to", "current", "target", "best_in_class",
                                 "source", "date"})
        where = self.where(table, item)
        scope_id = self.ref(item.get("applies_to"), ("journey", "stage", "touchpoint"), where)
        scope = self.ids[item["applies_to"]][1] if scope_id else MetricScope.PROJECT.value
        self.add(Metric(
            id=self.register(item.get("key", ""), "metric"),
            name=self.text(item, "name", table),
            kind=item.get("kind", MetricKind.CUSTOM.value),
            unit=self.text(item, "unit", table),
            scope=scope,
            scope_id=scope_id,
            current=_number(item.get("current")),
            target=_number(item.get("target")),
            best_in_class=_number(item.get("best_in_class")),
            source=self.text(item, "source", table),
            date=item.get("date", ""),
        ))

    def build_insight(self, item: dict[str, Any]) -> None:
        table = "insight"
        self.allow(item, table, {"key", "title", "text", "evidence", "cards"})
        self.add(Insight(
            id=self.register(item.get("key", ""), "insight"),
            title=self.text(item, "title", table),
            text=self.text(item, "text", table),
            evidence=self.text(item, "evidence", table),
            card_ids=self.refs(item.get("cards"), ("card",), self.where(table, item)),
        ))

    def build_action(self, item: dict[str, Any]) -> None:
        table = "action"
        self.allow(item, table, {"key", "title", "description", "owner", "status", "priority", "due", "insights",
                                 "cards", "touchpoints", "metric", "target_value", "external_ref"})
        where = self.where(table, item)
        self.add(Action(
            id=self.register(item.get("key", ""), "action"),
            title=self.text(item, "title", table),
            description=self.text(item, "description", table),
            owner=self.text(item, "owner", table),
            status=item.get("status", "open"),
            priority=item.get("priority", 0),
            due=item.get("due", ""),
            insight_ids=self.refs(item.get("insights"), ("insight",), where),
            card_ids=self.refs(item.get("cards"), ("card",), where),
            touchpoint_ids=self.refs(item.get("touchpoints"), ("touchpoint",), where),
            metric_id=self.ref(item.get("metric"), ("metric",), where),
            target_value=_number(item.get("target_value")),
            external_ref=self.text(item, "external_ref", table),
        ))

    def build_comment(self, item: dict[str, Any], number: int) -> None:
        table = "comment"
        self.allow(item, table, {"on", "author", "text", "created", "resolved", "internal"})
        where = f"{self.source.path.name}: comment {number + 1}"
        kinds = ("persona", "channel", "department", "touchpoint", "journey", "stage", "lane", "card",
                 "metric", "insight", "action")
        self.add(Comment(
            id=self.register(f"comment/{number + 1}", "comment"),
            target_id=self.ref(item.get("on"), kinds, where) or "",
            author=_text(item.get("author"), self.language, f"{where} author"),
            text=_text(item.get("text"), self.language, f"{where} text"),
            created=item.get("created", ""),
            resolved=item.get("resolved", False),
            internal=item.get("internal", True),
        ))
