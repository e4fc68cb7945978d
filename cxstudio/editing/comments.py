"""Comment operations: comment on an element, reply in its thread, resolve and reopen a thread (one undo step each).

A thread is its first comment (`reply_to` None) and the replies pointing at it; a reply to a reply joins
the same thread. The author is a parameter (the editor passes the name from its preferences); comments
are shared with clients unless `internal` is set. These four are the operations review mode allows
(`cxstudio.editing.sharing.REVIEW_OPERATIONS`).
"""

from __future__ import annotations

from datetime import datetime

from cxstudio.editing import steps
from cxstudio.editing.session import Session
from cxstudio.model.document import Document
from cxstudio.model.entities import Comment
from cxstudio.model.errors import InvariantError


def now_text() -> str:
    """The current local time as the model stores it (YYYY-MM-DDTHH:MM:SS)."""
    return datetime.now().replace(microsecond=0).isoformat()


def add_comment(
    session: Session, target_id: str, text: str, author: str = "", internal: bool = False,
    created: str | None = None,
) -> Comment:
    """A new comment (a thread of its own) on any element; shared with clients unless `internal`."""
    if target_id not in session.document:
        raise InvariantError(f"There is no element with id {target_id} to comment on.")
    comment = Comment(target_id=target_id, text=text, author=author, internal=internal,
                      created=now_text() if created is None else created)
    with session.transaction(steps.add(comment)):
        return session.document.add(comment)


def thread_root(document: Document, comment_id: str) -> Comment:
    """The first comment of the thread `comment_id` belongs to."""
    comment = document.get(comment_id, Comment)
    seen = {comment.id}
    while comment.reply_to is not None:
        comment = document.get(comment.reply_to, Comment)
        if comment.id in seen:
            break
        seen.add(comment.id)
    return comment


def thread(document: Document, comment_id: str) -> list[Comment]:
    """The whole thread of a comment, its first comment first, then the replies by time."""
    root = thread_root(document, comment_id)
    replies = [document.get(i, Comment) for i in document.referrer_ids(root.id, "comment", "reply_to")]
    return [root, *sorted(replies, key=lambda c: (c.created, c.id))]


def threads(document: Document, target_id: str | None = None) -> list[list[Comment]]:
    """Every thread (of one element, or of the project), oldest first: for a comments panel and its filters."""
    roots = [c for c in document.all(Comment) if c.reply_to is None and (target_id is None or c.target_id == target_id)]
    return [thread(document, root.id) for root in sorted(roots, key=lambda c: (c.created, c.id))]


def reply_to_comment(
    session: Session, comment_id: str, text: str, author: str = "", internal: bool | None = None,
    created: str | None = None,
) -> Comment:
    """A reply in the thread of `comment_id` (on the same element); internal when the thread is, unless given."""
    root = thread_root(session.document, comment_id)
    reply = Comment(target_id=root.target_id, reply_to=root.id, text=text, author=author,
                    internal=root.internal if internal is None else internal,
                    created=now_text() if created is None else created)
    with session.transaction(steps.add(reply)):
        return session.document.add(reply)


def resolve_comment(session: Session, comment_id: str, author: str = "", when: str | None = None) -> Comment:
    """Mark the thread of `comment_id` resolved, by `author` at `when` (default now)."""
    root = thread_root(session.document, comment_id)
    changes = {"resolved": True, "resolved_by": author, "resolved_at": now_text() if when is None else when}
    with session.transaction(steps.edit(root, {"resolved": True})):
        return session.document.update(root.id, **changes)  # type: ignore[return-value]


def reopen_comment(session: Session, comment_id: str) -> Comment:
    """Open a resolved thread again."""
    root = thread_root(session.document, comment_id)
    with session.transaction(steps.edit(root, {"resolved": False})):
        return session.document.update(root.id, resolved=False, resolved_by="", resolved_at="")  # type: ignore[return-value]
