"""A project file's lineage: the revisions its content went through, and the common ancestor of two files.

Every Save records a revision (a fresh UUID, its parent: the file's previous head). A client copy is a
revision of its own (`CLIENT_COPY`, parent: the consultant's head) and the consultant's file records the
same id as a `HANDOUT` revision whose content it keeps (a snapshot). A returned file therefore carries
its base revision, and the consultant's file holds that base's content: merge finds the common ancestor
without asking (`common_ancestor`). Pure data: reading and writing it is persistence's part.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class RevisionKind(StrEnum):
    """Why a revision was recorded."""

    SAVE = "save"  # Save, Save As or a saved copy
    CLIENT_COPY = "client_copy"  # in a client copy: the revision it was made as (its base)
    HANDOUT = "handout"  # in the consultant's file: a client copy handed out, with its content kept
    MERGE = "merge"  # a Save after a returned file was merged (`merged_id`: that file's head)


@dataclass(frozen=True, slots=True)
class Revision:
    """One revision of a file: its id, its parent's id, the merged file's head (merges), kind and time."""

    id: str
    parent_id: str | None
    kind: str
    created: str
    merged_id: str | None = None


@dataclass(frozen=True, slots=True)
class Lineage:
    """The revisions of one file in the order they were recorded, and which of them it keeps the content of."""

    revisions: tuple[Revision, ...] = ()
    snapshot_ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def head(self) -> Revision | None:
        """The revision the file's content is: the newest one that is not a handed-out copy."""
        for revision in reversed(self.revisions):
            if revision.kind != RevisionKind.HANDOUT:
                return revision
        return None

    @property
    def head_id(self) -> str | None:
        head = self.head
        return head.id if head is not None else None

    @property
    def base(self) -> Revision | None:
        """For a client copy (and a file returned from one): the revision it was made as, else None."""
        for revision in reversed(self.revisions):
            if revision.kind == RevisionKind.CLIENT_COPY:
                return revision
        return None

    @property
    def is_client_copy(self) -> bool:
        """Whether the file is a client copy (or a file returned from one): it opens in review mode."""
        return self.base is not None

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.revisions)

    def handouts(self) -> list[Revision]:
        """The client copies handed out from this file whose content it keeps, newest first."""
        return [r for r in reversed(self.revisions) if r.kind == RevisionKind.HANDOUT and r.id in self.snapshot_ids]

    def with_revision(self, revision: Revision, snapshot: bool = False) -> Lineage:
        snapshots = self.snapshot_ids | {revision.id} if snapshot else self.snapshot_ids
        return Lineage((*self.revisions, revision), snapshots)


@dataclass(frozen=True, slots=True)
class Ancestor:
    """Where the common ancestor of two files is kept: its revision id and which file holds its content."""

    revision_id: str
    holder: str  # "ours" or "theirs"


def common_ancestor(ours: Lineage, theirs: Lineage) -> Ancestor | None:
    """The newest revision both files went through whose content one of them keeps, else None.

    Typically `theirs` is a returned client copy (its base revision) and `ours` the consultant's file,
    which kept that revision's content when it handed the copy out; it works the other way round too.
    """
    shared = ours.ids & theirs.ids
    best: tuple[int, Ancestor] | None = None
    for holder, lineage in (("ours", ours), ("theirs", theirs)):
        for position, revision in enumerate(lineage.revisions):
            if revision.id in shared and revision.id in lineage.snapshot_ids and (best is None or position > best[0]):
                best = (position, Ancestor(revision.id, holder))
    return best[1] if best is not None else None


def lineage_of(revisions: Iterable[Revision], snapshot_ids: Iterable[str] = ()) -> Lineage:
    return Lineage(tuple(revisions), frozenset(snapshot_ids))
