"""Puts analytics into the window: the analytics dock, the map's filter bar, the dimming of cards, Esc to clear."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDockWidget

from cxstudio.analysis.filters import EMPTY_FILTER, CardFilter, dimmed_card_ids
from cxstudio.ui.panels.filter_bar import FilterBar

if TYPE_CHECKING:
    from cxstudio.analysis import Analysis, Finding
    from cxstudio.api import ChangeSet
    from cxstudio.ui.canvas import JourneyCanvas
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.panels.analytics import AnalyticsPanel

REFRESH_DELAY_MS = 120  # findings follow edits after this pause (typing does not recompute on every key)
HIGHLIGHT_TEXT = 70  # characters of a finding shown in the filter bar


class AnalyticsController(QObject):
    """Keeps the analytics panel, the filter bar and the canvas's dimming in step with the project.

    The filter belongs to the window, not to the project's history: undo, redo and switching journeys
    keep it; after every committed change set the dimmed cards and (shortly after) the findings are
    recomputed. Choosing a finding selects its elements through the window's one selection model,
    showing their journey, and highlights them (the other cards are dimmed). The panel (and with it
    every analysis module) is built when first needed: after the window's first paint, or when shown.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dock: QDockWidget | None = None
        self._panel: AnalyticsPanel | None = None
        self.filter_bar = FilterBar()
        self.filter: CardFilter = EMPTY_FILTER
        self.analysis: Analysis | None = None
        self.last_seconds = 0.0
        self._stale = False  # the findings wait for the panel to be shown
        self._canvas: JourneyCanvas | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.filter_bar.filterChanged.connect(self.set_filter)
        window.selection.journeyChanged.connect(lambda _journey: self.apply_filter())
        window.files.changed.connect(self._on_changed)
        window.projectChanged.connect(self._project_changed)

    @property
    def panel(self) -> AnalyticsPanel:
        """The findings panel in the analytics dock, built on first use."""
        if self._panel is None:
            from cxstudio.ui.panels.analytics import AnalyticsPanel

            self._panel = AnalyticsPanel(self.window.language)
            self._panel.findingChosen.connect(self.choose_finding)
            self._panel.elementChosen.connect(self.choose_element)
            if self.dock is not None:
                self.dock.setWidget(self._panel)
        return self._panel

    def _dock_shown(self, visible: bool) -> None:
        """The dock's tab came to the front: the findings now (the panel, if built just now, shows on the next turn)."""
        if visible and self._stale:
            if self._panel is None:
                self.panel  # noqa: B018 (built now)
                QTimer.singleShot(0, self, self._refresh_if_shown)
            else:
                self.refresh()

    def _refresh_if_shown(self) -> None:
        if self._stale and self.panel.isVisible():
            self.refresh()

    # ------------------------------------------------------------------ the project
    def _project_changed(self) -> None:
        window = self.window
        if self._canvas is not None:
            try:
                self._canvas.removeEventFilter(self)
            except RuntimeError:
                pass
        self._canvas = window.canvas
        if self._canvas is not None:
            self._canvas.installEventFilter(self)
        project = window.project
        self.filter_bar.set_document(project.document if project is not None else None)
        self.filter_bar.setVisible(project is not None)
        self.filter_bar.clear()
        self.refresh()

    def _on_changed(self, change_set: ChangeSet, _origin: str) -> None:
        project = self.window.project
        self.filter_bar.set_document(project.document if project is not None else None)
        self.apply_filter()
        self._timer.start()

    def refresh(self) -> None:
        """Run every analysis now and show the findings; while the panel is hidden, when it is next shown
        (opening a project does not wait for the relation graph: networkx loads with the first analysis)."""
        self._timer.stop()
        project = self.window.project
        if project is None:
            self.analysis = None
            self._stale = False
            if self._panel is not None:
                self._panel.show_analysis(None, None)
            return
        self._stale = self._panel is None or not self._panel.isVisible()
        if self._stale:
            return
        from cxstudio.analysis import analyse

        started = time.perf_counter()
        self.analysis = analyse(project.document, project.graph, language=self.window.language)
        self.last_seconds = time.perf_counter() - started
        self.panel.show_analysis(self.analysis, project.document)

    # ------------------------------------------------------------------ the filter
    def set_filter(self, card_filter: CardFilter) -> None:
        self.filter = card_filter
        self.apply_filter()

    def clear_filter(self) -> None:
        self.filter_bar.clear()

    def apply_filter(self) -> None:
        """Dim the shown journey's cards the filter leaves out (none without a filter)."""
        canvas = self.window.canvas
        project = self.window.project
        if canvas is None or project is None:
            return
        scene = canvas.journey_scene
        scene.dim_layer.set_dimmed(dimmed_card_ids(project.document, self.filter, scene.journey_id), scene.layout)

    # ------------------------------------------------------------------ choosing findings
    def choose_finding(self, finding: Finding) -> None:
        """Select the finding's elements (in its journey, or the first journey that has some) and highlight them."""
        from cxstudio.analysis.targets import best_journey

        project = self.window.project
        if project is None:
            return
        selection = self.window.selection
        journey_id, ids = best_journey(project.document, finding.element_ids,
                                       finding.journey_id or selection.journey_id)
        if journey_id is None:
            self.window.show_message(self.tr("This finding has no elements on a map."))
            return
        text = finding.text(self.window.language)
        if len(text) > HIGHLIGHT_TEXT:
            text = text[:HIGHLIGHT_TEXT - 1] + "…"
        cards = frozenset(i for i in ids if project.document.get(i).KIND == "card")
        if cards:
            self.filter_bar.set_highlight(CardFilter(ids=cards), text)
        selection.select(ids, journey_id)
        self.apply_filter()

    def choose_element(self, element_id: str) -> None:
        from cxstudio.analysis.targets import best_journey

        project = self.window.project
        if project is None:
            return
        journey_id, ids = best_journey(project.document, (element_id,), self.window.selection.journey_id)
        if journey_id is not None:
            self.window.selection.select(ids, journey_id)

    # ------------------------------------------------------------------ Esc on the map
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape and self.filter.active):
            canvas = self.window.canvas
            idle = canvas is not None and type(canvas.mode()).__name__ == "IdleMode" and canvas.inline_editor() is None
            if idle:
                self.clear_filter()  # the canvas then clears the selection as always
        return False


def install_analytics(window: MainWindow) -> QDockWidget:
    """The analytics dock (right, tabbed with the project data) and the filter bar above the map."""
    controller = AnalyticsController(window)
    window.analytics = controller
    window.canvas_host.layout().insertWidget(0, controller.filter_bar)
    dock = QDockWidget(QCoreApplication.translate("AnalyticsController", "Analytics"), window)
    dock.setObjectName("analyticsDock")
    controller.dock = dock
    dock.visibilityChanged.connect(controller._dock_shown)
    window.setup.later(lambda: controller.panel)  # after the first paint (map_first), else now
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(window.inspector_dock, dock)  # the whole height; the inspector stays in front
    window.inspector_dock.raise_()
    return dock
