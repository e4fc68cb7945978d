"""The Comments dock in the window: its controller follows the project, the canvas's comment markers and their clicks.

`install_comments` adds the dock (tabbed with the inspector) and a `CommentsController`, which
builds the dock's `CommentListPanel` (comment_list.py) on first use, after the first paint at
start-up; it shows the canvas's comment markers, opens a marker's thread, and shares the window's
one shared/internal switch with the inspector's comments section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea

from cxstudio.model.entities import Journey
from cxstudio.ui.canvas.items.comment_markers import MarkerClicks
from cxstudio.ui.panels.comments import COMMENTABLE_KINDS, SharingChoice

if TYPE_CHECKING:
    from cxstudio.api import ChangeSet
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.panels.comment_list import CommentListPanel


class CommentsController(QObject):
    """Keeps the comments panel, the canvas's comment markers and the shared/internal switch in step with the window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.sharing = SharingChoice(self)
        self._panel: CommentListPanel | None = None  # built by `panel`, after the window's first paint at start-up
        window.inspector.comments.bind_sharing(self.sharing)
        self.clicks = MarkerClicks(self)
        self.clicks.threadRequested.connect(self.open_thread)
        self.dock: QDockWidget | None = None
        window.files.changed.connect(self._on_changed)
        window.projectChanged.connect(self._project_changed)

    @property
    def panel(self) -> CommentListPanel:
        """The list of threads in the Comments dock, built on first use (`install_comments` asks after the first paint)."""
        if self._panel is None:
            from cxstudio.ui.panels.comment_list import CommentListPanel

            panel = self._panel = CommentListPanel(self.sharing, self.target_for_new)
            panel.message.connect(self.window.show_message)
            panel.elementChosen.connect(self.show_element)
            if self.dock is not None:
                scroll = QScrollArea()  # a small dock scrolls the panel instead of squeezing the panels beside it
                scroll.setObjectName("commentsScroll")
                scroll.setWidgetResizable(True)
                scroll.setFrameShape(QFrame.Shape.NoFrame)
                scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                scroll.setWidget(panel)
                self.dock.setWidget(scroll)
            panel.set_project(self.window.project)
        return self._panel

    def _project_changed(self) -> None:
        window = self.window
        canvas = window.canvas
        if canvas is not None:
            canvas.journey_scene.comment_markers.set_enabled(True)
        self.clicks.attach(canvas)
        if self._panel is not None:
            self._panel.set_project(window.project)

    def _on_changed(self, change_set: ChangeSet, _origin: str) -> None:
        if self._panel is not None:
            self._panel.on_changed(change_set)

    def target_for_new(self) -> str | None:
        """What a new comment from the panel is about: the last selected commentable element, else the journey."""
        project, selection = self.window.project, self.window.selection
        if project is None:
            return None
        for element_id in reversed(selection.ids):
            entity = project.document.find(element_id)
            if entity is not None and entity.KIND in COMMENTABLE_KINDS:
                return element_id
        return selection.journey_id

    def show_element(self, element_id: str) -> None:
        """Show a thread's element: select it on its journey's map (a journey: show it), and in the inspector."""
        window, project = self.window, self.window.project
        if project is None or element_id not in project.document:
            return
        from cxstudio.analysis.targets import best_journey

        document = project.document
        if isinstance(document.find(element_id), Journey):
            window.selection.select([], element_id)
        else:
            journey_id, ids = best_journey(document, (element_id,), window.selection.journey_id)
            if journey_id is not None and element_id in ids:
                window.selection.select([element_id], journey_id)
            elif journey_id is None:
                window.inspector_dock.show()
                window.inspector_dock.raise_()
        window.inspector.show_element(element_id)

    def open_thread(self, element_id: str) -> None:
        """A comment marker was clicked: select its element and show its threads in the raised comments panel."""
        self.show_element(element_id)
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
        self.panel.show_target(element_id)


def install_comments(window: MainWindow) -> QDockWidget:
    """The Comments dock (right, tabbed with the inspector) and its controller (`window.comment_list`)."""
    controller = CommentsController(window)
    window.comment_list = controller  # type: ignore[attr-defined]
    dock = QDockWidget(QCoreApplication.translate("CommentsController", "Comments"), window)
    dock.setObjectName("commentsDock")
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(window.inspector_dock, dock)  # the whole height; the inspector stays in front
    window.inspector_dock.raise_()
    controller.dock = dock
    window.setup.later(lambda: controller.panel)  # the list of threads: after the first paint (map_first), else now
    return dock
