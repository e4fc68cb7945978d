"""The bridge from the editing Session to Qt: committed change sets, undo and redo arrive as one signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cxstudio.api import ChangeSet, Origin, Session


class SessionBridge(QObject):
    """Re-emits every committed change set of a Session (do, undo, redo) as the Qt signal `changed`.

    Views connect to `changed(change_set, origin)` and refresh only what the change set touched;
    `cleanChanged(bool)` follows the session's saved state for the window's modified marker.
    """

    changed = Signal(object, str)
    cleanChanged = Signal(bool)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._clean = session.is_clean
        session.on_commit(self._on_commit)

    def _on_commit(self, change_set: ChangeSet, origin: Origin) -> None:
        self.changed.emit(change_set, origin.value)
        self.refresh_clean()

    def refresh_clean(self) -> None:
        """Emit cleanChanged if the session's saved state changed (call after saving, too)."""
        clean = self.session.is_clean
        if clean != self._clean:
            self._clean = clean
            self.cleanChanged.emit(clean)

    def disconnect_session(self) -> None:
        self.session.remove_commit_listener(self._on_commit)
