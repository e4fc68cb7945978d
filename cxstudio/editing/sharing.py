"""What a client may see: a project without what the model marks internal (client copies, review mode).

The rule is the model's data, not a list here: a record whose `INTERNAL_FLAG` field is true (an internal
comment) is left out with everything that depends on it (its replies), and every field named in a
kind's `INTERNAL_FIELDS` (a card's internal note) is reset to its default. Review mode allows only the
comment operations in `REVIEW_OPERATIONS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cxstudio.editing import comments
from cxstudio.model.document import Document
from cxstudio.model.entities import ENTITY_TYPES, MISSING, Comment, Entity
from cxstudio.model.fields import OnDelete

# The operations a reader may run on a project opened for review: comment, reply, resolve, reopen.
REVIEW_OPERATIONS: frozenset[Callable[..., Any]] = frozenset({
    comments.add_comment, comments.reply_to_comment, comments.resolve_comment, comments.reopen_comment,
})


def _default(entity_type: type[Entity], name: str) -> Any:
    spec = entity_type.FIELDS[entity_type.FIELD_INDEX[name]]
    if spec.default_factory is not None:
        return spec.default_factory()
    return None if spec.default is MISSING else spec.default


def shareable(entity: Entity, keep_comments: bool = True) -> bool:
    """Whether a record may reach a client at all (not internal; comments only with `keep_comments`)."""
    if isinstance(entity, Comment) and not keep_comments:
        return False
    return not entity.is_internal


def client_document(document: Document, keep_comments: bool = False) -> Document:
    """A checked copy of `document` holding nothing internal: what a client copy contains.

    Internal records go with their cascade (a reply to an internal comment goes too); internal fields
    hold their default. Without `keep_comments` no comment is kept at all; with it, the shared ones.
    """
    kept: dict[str, Entity] = {e.id: e for e in document.entities() if shareable(e, keep_comments)}
    changed = True
    while changed:  # drop records whose cascade reference now points at a dropped record
        changed = False
        for entity_id, entity in list(kept.items()):
            for name, ref in entity.REFS.items():
                value = getattr(entity, name)
                if ref.many or value is None or ref.on_delete is not OnDelete.CASCADE:
                    continue
                if value not in kept:
                    del kept[entity_id]
                    changed = True
                    break
    cleaned: list[Entity] = []
    for entity_type in ENTITY_TYPES:
        for entity in kept.values():
            if type(entity) is not entity_type:
                continue
            changes = {name: _default(entity_type, name) for name in entity_type.INTERNAL_FIELDS}
            for name, ref in entity_type.REFS.items():
                value = getattr(entity, name)
                if ref.many:
                    if any(v not in kept for v in value):
                        changes[name] = tuple(v for v in value if v in kept)
                elif value is not None and value not in kept:
                    changes[name] = None  # a nullified reference (cascades were dropped above)
            cleaned.append(entity.replace(**changes) if changes else entity)
    return Document.from_entities(cleaned)


_WORDS = ("text", "title", "name", "description")


def internal_texts(document: Document) -> list[str]:
    """Every non-empty text the model marks internal (internal fields, internal records' texts), for tests and checks."""
    texts: list[str] = []
    for entity in document.entities():
        if entity.is_internal:  # its own words (who wrote it and when may also be shared elsewhere)
            texts.extend(v for v in (getattr(entity, name, "") for name in _WORDS) if isinstance(v, str) and v)
        texts.extend(v for v in (getattr(entity, name) for name in entity.INTERNAL_FIELDS) if isinstance(v, str) and v)
    return texts
