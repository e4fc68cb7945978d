"""The editor's one selection and current journey: a small model the canvas, tabs, outline, inspector and status bar watch."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from cxstudio.model.entities import Entity, Journey

if TYPE_CHECKING:
    from cxstudio.model.document import Document
    from cxstudio.ui.panels.inspector import InspectorPanel
    from cxstudio.ui.panels.outline import OutlinePanel
    from cxstudio.ui.window_setup import WindowSetup

EntityT = TypeVar("EntityT", bound=Entity)
_KEEP = object()


class SelectionModel(QObject):
    """Which journey is shown and which elements are selected: the one copy of both in the editor.

    Views follow the signals and report the user's gestures with `select` and `set_journey`;
    a view that already shows what the model holds does nothing, so no echo needs a guard.
    `journeyChanged(journey_id)` is emitted before `selectionChanged(ids)` when both change,
    and a view that listens to both finds the model's final state in either.
    """

    journeyChanged = Signal(object)  # the current journey's id, or None
    selectionChanged = Signal(list)  # the selected element ids, the most recently selected last

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: Document | None = None
        self._journey_id: str | None = None
        self._ids: list[str] = []

    # ------------------------------------------------------------------ reading
    @property
    def document(self) -> Document | None:
        """The document whose elements are selected (None without a project)."""
        return self._document

    @property
    def journey_id(self) -> str | None:
        return self._journey_id

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def ids_among(self, shown: Iterable[str] | dict[str, object]) -> set[str]:
        """The selected ids a view can show (those in `shown`): what that view should have selected."""
        available = shown if isinstance(shown, (set, dict, frozenset)) else set(shown)
        return {i for i in self._ids if i in available}

    def selected(self, kind: type[EntityT]) -> list[EntityT]:
        """The selected elements of `kind` in the order they were selected (the most recent last)."""
        document = self._document
        if document is None:
            return []
        found = (document.find(entity_id) for entity_id in self._ids)
        return [entity for entity in found if isinstance(entity, kind)]

    # ------------------------------------------------------------------ changing
    def reset(self, document: Document | None) -> None:
        """Another project (or none): nothing selected, its first journey current."""
        self._document = document
        journeys = document.journeys() if document is not None else []
        self._update(journeys[0].id if journeys else None, [])

    def set_journey(self, journey_id: str | None) -> None:
        """Show another journey; the selection, which belongs to the journey shown, is cleared."""
        if journey_id != self._journey_id:
            self._update(journey_id, [])

    def select(self, ids: Iterable[str], journey_id: str | None | object = _KEEP) -> None:
        """Select exactly `ids` (and show `journey_id` with them, when given)."""
        journey = self._journey_id if journey_id is _KEEP else journey_id
        self._update(journey if journey is None else str(journey), list(dict.fromkeys(ids)))

    def select_in_journey(self, ids: Iterable[str]) -> None:
        """Select `ids` chosen from the whole project (the outline): their journey is shown when they share one."""
        ids = list(ids)
        document = self._document
        if document is None:
            self.select(ids)
            return
        journeys = {i if isinstance(document.find(i), Journey) else document.journey_of(i) for i in ids}
        journeys.discard(None)
        if len(journeys) == 1:
            self.select(ids, next(iter(journeys)))
        else:
            self.select(ids)

    def follow_document(self) -> None:
        """After a committed change: forget deleted elements; a deleted journey gives way to the first one."""
        document = self._document
        if document is None:
            return
        journey_id = self._journey_id
        if journey_id is None or not isinstance(document.find(journey_id), Journey):
            journeys = document.journeys()
            journey_id = journeys[0].id if journeys else None
        self._update(journey_id, [i for i in self._ids if i in document])

    def _update(self, journey_id: str | None, ids: list[str]) -> None:
        journey_changed = journey_id != self._journey_id
        ids_changed = ids != self._ids
        self._journey_id, self._ids = journey_id, ids
        if journey_changed:
            self.journeyChanged.emit(journey_id)
        if ids_changed:
            self.selectionChanged.emit(list(ids))


def bind_outline(selection: SelectionModel, outline: OutlinePanel) -> None:
    """The outline mirrors the selection; a selection made in the outline becomes the model's (and its journey)."""

    def show(ids: list[str]) -> None:
        visible = [i for i in ids if outline.item_for(i) is not None]
        if set(outline.selected_ids()) != set(visible):
            outline.select_ids(visible)

    def chosen(ids: list[str]) -> None:
        if set(ids) != {i for i in selection.ids if outline.item_for(i) is not None}:
            selection.select_in_journey(ids)

    selection.selectionChanged.connect(show)
    outline.selectionChanged.connect(chosen)


def bind_inspector(selection: SelectionModel, inspector: InspectorPanel, setup: WindowSetup | None = None) -> None:
    """The inspector shows the one selected element, the common fields of several cards (a count for other
    several), and the current journey for none.

    With a deferred `setup` (the editor's launch) the form is built right after the window's first paint
    (or when `setup.finish` is called), for the selection of that moment: the map is painted first.
    """
    queued = False

    def show_queued() -> None:
        nonlocal queued
        queued = False
        show_now()

    def show(_value: object = None) -> None:
        nonlocal queued
        if setup is not None and not setup.done:
            if not queued:
                queued = True
                setup.later(show_queued)
            return
        show_now()

    def show_now() -> None:
        ids = selection.ids
        if len(ids) == 1:
            inspector.show_element(ids[0])
        elif ids:
            inspector.show_many(ids)
        else:
            inspector.show_element(selection.journey_id, 0)

    selection.selectionChanged.connect(show)
    selection.journeyChanged.connect(show)
