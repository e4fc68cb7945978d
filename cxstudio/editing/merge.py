"""Three-way merge of two documents against their common ancestor, element by element and field by field.

`plan_merge(base, ours, theirs, resolutions, prefer)` pairs elements by id. A change made on one side
only is taken; the same change on both sides is taken once; a field changed differently on both sides,
an element edited on one side and deleted on the other, and an element left referring to one the other
side deleted (a card moved into a deleted stage) are `Conflict`s, each with a stable `key`. A conflict
is decided by `resolutions[key]` ("ours" or "theirs") or by `prefer`; undecided ones are listed and no
result is built. Deciding may reveal new conflicts (keeping a card whose stage the other side deleted
asks about that stage): plan again with the answers so far. Id lists (tags, linked cards) merge as sets
of additions and removals; the `order` of siblings never conflicts (duplicate positions are renumbered).
The result is checked against every rule of the model: a merge that would break one is refused
(`MergeRefusedError`, the model's sentence). `merge_into(session, ...)` applies a plan to an open project as
one undo step.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from cxstudio.editing.session import Session
from cxstudio.editing.steps import StepName, short_name
from cxstudio.model.document import Document
from cxstudio.model.entities import ENTITY_TYPES, Card, Comment, Entity, Lane, Relation, Stage
from cxstudio.model.errors import InvariantError
from cxstudio.model.fields import FieldKind, OnDelete

Side = Literal["ours", "theirs"]
SIDES: tuple[Side, ...] = ("ours", "theirs")

_ABSENT: Any = object()
_tuple_new = tuple.__new__

_TEXTS = {
    "field": ("{kind} “{name}”: {field} was changed on both sides (ours {ours}, theirs {theirs})",
              "{kind} „{name}“: {field} wurde auf beiden Seiten geändert (unsere {ours}, ihre {theirs})"),
    "edit_delete": ("{kind} “{name}” was changed on one side and deleted on the other ({deleted} deleted it)",
                    "{kind} „{name}“ wurde auf einer Seite geändert und auf der anderen gelöscht "
                    "({deleted_de} gelöscht)"),
    "missing_target": ("{kind} “{name}”: its {field} {target} was deleted by {deleted}",
                       "{kind} „{name}“: {field} {target} wurde von {deleted_de} gelöscht"),
}
_SIDE_WORDS = {"ours": ("ours", "unserer Seite"), "theirs": ("theirs", "ihrer Seite")}


class MergeRefusedError(InvariantError):
    """The merged content would break a rule of the model; the message is the model's sentence."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One decision the merge cannot make alone.

    `kind` is "field" (both sides changed `field` differently), "edit_delete" (one side changed the
    element, the other deleted it) or "missing_target" (the element refers through `field` to `target`,
    which one side deleted). `key` is stable ("<id>.<field>", "<id>", "<id>.<field>:missing") and is
    what `resolutions` maps to "ours" or "theirs". `deleted_by` names the side that deleted.
    """

    key: str
    kind: str
    entity_kind: str
    entity_id: str
    label: str
    field: str | None = None
    base: Any = None
    ours: Any = None
    theirs: Any = None
    deleted_by: Side | None = None
    target: str | None = None

    def describe(self, language: str = "en") -> str:
        """One sentence naming the element and the field, in 'de' or 'en'."""
        column = 1 if language == "de" else 0
        from cxstudio.editing.compare import field_word, kind_word
        from cxstudio.safetext import bounded

        deleted = _SIDE_WORDS.get(self.deleted_by or "ours", _SIDE_WORDS["ours"])
        return _TEXTS[self.kind][column].format(
            kind=kind_word(self.entity_kind, language), name=bounded(self.label, 60, language),
            field=field_word(self.field, language) if self.field else "",
            ours=value_words(self.ours, language), theirs=value_words(self.theirs, language),
            deleted=deleted[0], deleted_de=deleted[1], target=bounded(str(self.target), 60, language),
        )


def value_words(value: Any, language: str = "en", limit: int = 60) -> str:
    """A conflicting field's value in a sentence: quoted text, yes/no, (empty), bounded."""
    from cxstudio.safetext import bounded

    german = language == "de"
    if value is None or value == "" or value == ():
        return "(leer)" if german else "(empty)"
    if isinstance(value, bool):
        return ("ja" if value else "nein") if german else ("yes" if value else "no")
    if isinstance(value, str):
        return ("„{}“" if german else "“{}”").format(bounded(value, limit, language))
    if isinstance(value, bytes):
        return f"<{len(value)} Byte>" if german else f"<{len(value)} bytes>"
    if isinstance(value, tuple):
        return bounded(", ".join(str(v) for v in value), limit, language)
    return bounded(str(value), limit, language)


@dataclass(slots=True)
class MergePlan:
    """The outcome of planning a merge: the merged elements (when every conflict is decided) and the conflicts."""

    conflicts: list[Conflict]  # undecided: nothing can be merged until each has an answer
    decided: list[Conflict]  # decided by `resolutions` or `prefer`
    entities: dict[str, Entity] | None  # id -> merged element; None while conflicts are undecided
    from_ours: int = 0  # elements taken as the other side changed them
    from_theirs: int = 0

    @property
    def ok(self) -> bool:
        return self.entities is not None

    def document(self) -> Document:
        """The merged content as a checked Document (MergeRefusedError when it breaks a rule)."""
        if self.entities is None:
            raise ValueError("The merge has undecided conflicts.")
        return build_checked(self.entities)


def build_checked(entities: Mapping[str, Entity]) -> Document:
    """A Document of `entities` after checking every rule; MergeRefusedError with the model's sentence if one breaks."""
    by_kind: dict[type[Entity], list[Entity]] = defaultdict(list)
    for entity in entities.values():
        by_kind[type(entity)].append(entity)
    ordered = [e for t in ENTITY_TYPES for e in by_kind.get(t, ())]
    try:
        return Document.from_entities(ordered)
    except InvariantError as exc:
        raise MergeRefusedError(str(exc)) from None


def _is_list(entity_type: type[Entity], name: str) -> bool:
    return entity_type.FIELDS[entity_type.FIELD_INDEX[name]].kind is FieldKind.TUPLE


def _merge_lists(base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
    """Id lists and tags merged as sets: ours' order, theirs' additions after; removals on either side hold."""
    base_set = set(base)
    removed = (base_set - set(ours)) | (base_set - set(theirs))
    result = [v for v in ours if v not in removed]
    result += [v for v in theirs if v not in removed and v not in set(result)]
    return tuple(dict.fromkeys(result))


def _group_key(entity: Entity) -> tuple[Any, ...] | None:
    """The siblings an element is ordered among (None: the kind has no order)."""
    if isinstance(entity, Card):
        return ("card", entity.stage_id, entity.lane_id)
    if isinstance(entity, (Stage, Lane)):
        return (entity.KIND, entity.journey_id)
    return (entity.KIND,) if "order" in entity.FIELD_INDEX else None


def plan_merge(
    base: Document, ours: Document, theirs: Document,
    resolutions: Mapping[str, Side] | None = None, prefer: Side | None = None,
) -> MergePlan:
    """Merge `theirs` into `ours` against `base` (see the module's description); nothing is changed."""
    base_map, ours_map, theirs_map = base.snapshot(), ours.snapshot(), theirs.snapshot()
    answers = dict(resolutions or {})
    conflicts: list[Conflict] = []
    decided: list[Conflict] = []

    def decide(conflict: Conflict) -> Side | None:
        side = answers.get(conflict.key, prefer)
        (decided if side is not None else conflicts).append(conflict)
        return side

    merged: dict[str, Entity] = {}
    suspects: set[str] = set()  # elements that differ between the sides: only they can be left dangling
    from_ours = from_theirs = 0
    for entity_id in ours_map.keys() | theirs_map.keys() | base_map.keys():
        o, t = ours_map.get(entity_id), theirs_map.get(entity_id)
        if o is t or o == t:
            if o is not None:
                merged[entity_id] = o
            continue
        suspects.add(entity_id)
        b = base_map.get(entity_id)
        result: Entity | None
        if o == b:
            result, from_theirs = t, from_theirs + 1
        elif t == b:
            result, from_ours = o, from_ours + 1
        elif o is None or t is None or type(o) is not type(t):
            present = o if o is not None else t
            assert present is not None
            conflict = Conflict(entity_id, "edit_delete", present.KIND, entity_id, present.label, base=b, ours=o,
                                theirs=t, deleted_by="ours" if o is None else "theirs")
            side = decide(conflict)
            result = (o if side == "ours" else t) if side is not None else present
        else:
            result = _merge_fields(entity_id, b, o, t, decide)
        if result is not None:
            merged[entity_id] = result

    _repair_references(merged, suspects, base_map, ours_map, theirs_map, decide)
    if conflicts:
        conflicts.sort(key=lambda c: c.key)
        return MergePlan(conflicts, decided, None, from_ours, from_theirs)
    _renumber_duplicates(merged, suspects, ours_map, theirs_map)
    return MergePlan([], decided, merged, from_ours, from_theirs)


def _merge_fields(entity_id: str, b: Entity | None, o: Entity, t: Entity, decide: Any) -> Entity:
    entity_type = type(o)
    values = list(o)
    for index, name in enumerate(entity_type.FIELD_NAMES):
        ov, tv = o[index], t[index]
        if ov == tv and type(ov) is type(tv):
            continue
        bv = b[index] if b is not None else _ABSENT
        if ov == bv and type(ov) is type(bv):
            values[index] = tv
        elif tv == bv and type(tv) is type(bv):
            continue
        elif name == "order":
            continue  # positions never conflict; duplicates are renumbered afterwards
        elif _is_list(entity_type, name):
            values[index] = _merge_lists(bv if bv is not _ABSENT else (), ov, tv)
        else:
            conflict = Conflict(f"{entity_id}.{name}", "field", o.KIND, entity_id, o.label, name,
                                None if bv is _ABSENT else bv, ov, tv)
            side = decide(conflict)
            values[index] = tv if side == "theirs" else ov
    return _tuple_new(entity_type, values)  # type: ignore[no-any-return]


def _repair_references(merged: dict[str, Entity], suspects: set[str], base_map: dict[str, Entity], ours_map: dict[str, Entity],
                       theirs_map: dict[str, Entity], decide: Any) -> None:
    """Make references point at merged elements: nullify and detach as a delete would; ask where a cascade would drop."""
    pending = set(suspects)
    asked: set[str] = set()
    while pending:
        widen = False
        for entity_id in sorted(pending):
            entity = merged.get(entity_id)
            if entity is None:
                continue
            for name, ref in entity.REFS.items():
                value = getattr(entity, name)
                if ref.many:
                    if any(v not in merged for v in value):
                        entity = entity.replace(**{name: tuple(v for v in value if v in merged)})
                        merged[entity_id] = entity
                    continue
                if value is None or value in merged:
                    continue
                if ref.on_delete is not OnDelete.CASCADE:
                    entity = entity.replace(**{name: None})
                    merged[entity_id] = entity
                    continue
                deleted_by: Side = "ours" if value not in ours_map else "theirs"
                keeper = theirs_map if deleted_by == "ours" else ours_map
                if value not in keeper:  # gone on both sides: the referrer goes too
                    del merged[entity_id]
                    widen = True
                    break
                key = f"{entity_id}.{name}:missing"
                if key in asked:
                    side = None
                else:
                    asked.add(key)
                    side = decide(Conflict(key, "missing_target", entity.KIND, entity_id, entity.label, name,
                                           ours=ours_map.get(value) is not None, theirs=theirs_map.get(value) is not None,
                                           deleted_by=deleted_by, target=value))
                if side is None:
                    continue  # undecided: kept for now, so nothing that depends on it is asked about too
                if side == deleted_by:
                    del merged[entity_id]
                    widen = True
                else:
                    merged[value] = keeper[value]
                    pending.add(value)
                    widen = True
                break
        pending = set(merged) if widen else set()


def _renumber_duplicates(merged: dict[str, Entity], suspects: set[str], ours_map: dict[str, Entity],
                         theirs_map: dict[str, Entity]) -> None:
    """Give siblings that now share a position (both sides inserted there) consecutive positions."""
    keys = {key for i in suspects for e in (merged.get(i), ours_map.get(i), theirs_map.get(i)) if e is not None
            for key in (_group_key(e),) if key is not None}
    if not keys:
        return
    groups: dict[tuple[Any, ...], list[Entity]] = defaultdict(list)
    for entity in merged.values():
        key = _group_key(entity)
        if key in keys:
            groups[key].append(entity)
    for members in groups.values():
        orders = [m.order for m in members]  # type: ignore[attr-defined]
        if len(set(orders)) == len(orders):
            continue
        ordered = sorted(members, key=lambda m: (m.order, m.id not in ours_map, m.id))  # type: ignore[attr-defined]
        for position, member in enumerate(ordered):
            if member.order != position:  # type: ignore[attr-defined]
                merged[member.id] = member.replace(order=position)


def _comment_depth(comment: Comment, entities: Mapping[str, Entity]) -> int:
    depth, seen = 0, {comment.id}
    while comment.reply_to is not None and comment.reply_to in entities and comment.reply_to not in seen:
        seen.add(comment.reply_to)
        comment = entities[comment.reply_to]  # type: ignore[assignment]
        depth += 1
    return depth


def merge_into(session: Session, plan: MergePlan, source_name: str = "") -> int:
    """Make the session's document the plan's merged content as one undo step; returns how many elements changed.

    The merged content is checked first (MergeRefusedError, nothing changed). Then, in one transaction:
    relations that go or change their ends are removed, new elements added (in reference order),
    changed ones updated, and the rest removed.
    """
    if plan.entities is None:
        raise ValueError("The merge has undecided conflicts.")
    build_checked(plan.entities)
    merged = plan.entities
    doc = session.document
    before = doc.snapshot()
    touched = sum(1 for i, e in merged.items() if before.get(i) != e) + sum(1 for i in before if i not in merged)
    if not touched:
        return 0
    with session.transaction(StepName("merge", name=short_name(source_name or "merge"))):
        for relation in doc.all(Relation):
            new = merged.get(relation.id)
            ends = None if new is None else (new.kind, new.source_id, new.target_id)  # type: ignore[attr-defined]
            if ends != (relation.kind, relation.source_id, relation.target_id) and relation.id in doc:
                doc.remove(relation.id)
        for entity_type in ENTITY_TYPES:
            adding = [e for e in merged.values() if type(e) is entity_type and e.id not in doc]
            if entity_type is Comment:
                adding.sort(key=lambda c: _comment_depth(c, merged))  # type: ignore[arg-type]
            for entity in adding:
                doc.add(entity)
        for entity_id, entity in merged.items():
            current = doc.get(entity_id)
            if current != entity:
                changes = {name: new for name, old, new in zip(entity.FIELD_NAMES, current, entity)
                           if old != new or type(old) is not type(new)}
                doc.update(entity_id, **changes)
        for entity_type in reversed(ENTITY_TYPES):
            for entity in doc.all(entity_type):
                if entity.id not in merged and entity.id in doc:
                    doc.remove(entity.id)
    return touched

