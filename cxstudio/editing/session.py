"""Editing sessions: nested transactions, change sets recorded from model events, and undo/redo history."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

from cxstudio.model.document import Document
from cxstudio.model.events import Event, event_entity_id


class Origin(StrEnum):
    """Why a change set reached the listeners."""

    DO = "do"
    UNDO = "undo"
    REDO = "redo"


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """The events of one committed user operation, in the order they happened."""

    name: str
    events: tuple[Event, ...]
    merge_key: Hashable | None = None

    def inverse(self) -> ChangeSet:
        return ChangeSet(self.name, tuple(e.inverse() for e in reversed(self.events)), self.merge_key)

    def touched_ids(self) -> set[str]:
        return {event_entity_id(e) for e in self.events}

    def __bool__(self) -> bool:
        return bool(self.events)


CommitListener = Callable[[ChangeSet, Origin], None]


class Session:
    """One Document with its transactions and undo history; every edit of the document goes through here.

    `with session.transaction("Move card"):` opens a (possibly nested) transaction. Events the
    document emits are collected; when the outermost transaction ends without an exception they
    become one ChangeSet on the undo stack, and commit listeners (persistence write-through,
    views) receive it. An exception rolls the transaction's own events back and re-raises.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self._levels: list[list[Event]] = []
        self._undo: list[ChangeSet] = []
        self._redo: list[ChangeSet] = []
        self._clean_index: int | None = 0
        self._recording = True
        self._listeners: list[CommitListener] = []
        self._last_commit_mergeable = False
        document.subscribe(self._record)

    def detach(self) -> None:
        """Stop recording the document's events (the session is no longer used); detaching twice is harmless."""
        if self.document.is_subscribed(self._record):
            self.document.unsubscribe(self._record)

    # ------------------------------------------------------------------ listeners
    def on_commit(self, listener: CommitListener) -> None:
        self._listeners.append(listener)

    def remove_commit_listener(self, listener: CommitListener) -> None:
        self._listeners.remove(listener)

    def _notify(self, change_set: ChangeSet, origin: Origin) -> None:
        for listener in list(self._listeners):
            listener(change_set, origin)

    def _record(self, event: Event) -> None:
        if self._recording and self._levels:
            self._levels[-1].append(event)

    # ------------------------------------------------------------------ transactions
    @property
    def in_transaction(self) -> bool:
        return bool(self._levels)

    @contextmanager
    def transaction(self, name: str, merge_key: Hashable | None = None) -> Iterator[None]:
        """Group changes into one undo step; nested transactions join the outermost one."""
        self.document._enter_transaction()
        self._levels.append([])
        try:
            yield
        except BaseException:
            events = self._levels.pop()
            try:
                self._replay(tuple(e.inverse() for e in reversed(events)))
            finally:
                self.document._exit_transaction()
            raise
        events = self._levels.pop()
        self.document._exit_transaction()
        if self._levels:
            self._levels[-1].extend(events)
        elif events:
            self._commit(ChangeSet(name, tuple(events), merge_key))

    def _replay(self, events: tuple[Event, ...]) -> None:
        """Apply events without recording them; if one fails, the ones applied are reverted first."""
        was_recording = self._recording
        self._recording = False
        applied: list[Event] = []
        try:
            for event in events:
                self.document.apply(event)
                applied.append(event)
        except BaseException:
            for event in reversed(applied):
                self.document.apply(event.inverse())
            raise
        finally:
            self._recording = was_recording

    def _commit(self, change_set: ChangeSet) -> None:
        if self._clean_index is not None and self._clean_index > len(self._undo):
            self._clean_index = None  # the saved state was in the redo branch this commit discards
        top = self._undo[-1] if self._undo else None
        mergeable = (
            top is not None
            and change_set.merge_key is not None
            and top.merge_key == change_set.merge_key
            and self._last_commit_mergeable
            and self._clean_index != len(self._undo)
        )
        if mergeable and top is not None:
            # the newer name: typing a title letter by letter is named by the title it ends with
            self._undo[-1] = ChangeSet(change_set.name, top.events + change_set.events, top.merge_key)
        else:
            self._undo.append(change_set)
        self._redo.clear()
        self._last_commit_mergeable = change_set.merge_key is not None
        self._notify(change_set, Origin.DO)

    # ------------------------------------------------------------------ undo / redo
    @property
    def can_undo(self) -> bool:
        return bool(self._undo) and not self._levels

    @property
    def can_redo(self) -> bool:
        return bool(self._redo) and not self._levels

    @property
    def undo_name(self) -> str | None:
        return self._undo[-1].name if self._undo else None

    @property
    def redo_name(self) -> str | None:
        return self._redo[-1].name if self._redo else None

    @property
    def history(self) -> list[str]:
        """Names of all steps, done ones first; `index` of them are done."""
        return [c.name for c in self._undo] + [c.name for c in reversed(self._redo)]

    @property
    def index(self) -> int:
        return len(self._undo)

    def _step(self, origin: Origin) -> ChangeSet | None:
        if self._levels:
            raise RuntimeError("Undo and redo are not possible while a transaction is open.")
        source, target = (self._undo, self._redo) if origin is Origin.UNDO else (self._redo, self._undo)
        if not source:
            return None
        change_set = source[-1]
        applied = change_set.inverse() if origin is Origin.UNDO else change_set
        self.document._enter_transaction()
        try:
            self._replay(applied.events)
        finally:
            self.document._exit_transaction()
        source.pop()
        target.append(change_set)
        self._last_commit_mergeable = False
        self._notify(applied, origin)
        return applied

    def undo(self) -> ChangeSet | None:
        """Undo the last step; returns the change set that was applied (the inverse), or None."""
        return self._step(Origin.UNDO)

    def redo(self) -> ChangeSet | None:
        return self._step(Origin.REDO)

    def undo_all(self) -> None:
        while self._undo:
            self.undo()

    def redo_all(self) -> None:
        while self._redo:
            self.redo()

    def go_to(self, index: int) -> None:
        """Undo or redo until exactly `index` steps are done (for a history view)."""
        index = max(0, min(index, len(self._undo) + len(self._redo)))
        while len(self._undo) > index:
            self.undo()
        while len(self._undo) < index:
            self.redo()

    def clear_history(self) -> None:
        self._undo.clear()
        self._redo.clear()
        self._clean_index = 0
        self._last_commit_mergeable = False

    # ------------------------------------------------------------------ clean state (saved or not)
    @property
    def is_clean(self) -> bool:
        return self._clean_index == len(self._undo)

    def mark_clean(self) -> None:
        self._clean_index = len(self._undo)
        self._last_commit_mergeable = False

    def mark_dirty(self) -> None:
        """Forget the saved state (e.g. after recovering unsaved work)."""
        self._clean_index = None


def field_merge_key(entity_id: str, field_name: str) -> tuple[str, str]:
    """The merge key for consecutive edits of one text field."""
    return ("edit-text", entity_id + "." + field_name)

