"""Editing: transactions, change sets, undo/redo history and the named user operations."""

from cxstudio.editing.session import ChangeSet, Origin, Session

__all__ = ["ChangeSet", "Origin", "Session"]
