"""Comment markers on the canvas: a speech bubble with the comment count on commented cards, headers and the journey title.

Only the editor's canvas shows them (`set_enabled`): scenes made for images and prints stay without.
The counts come from the document once per relayout and once per change set touching comments
(`CommentMarkers.follow`), never while painting. A bubble is amber while a thread on its element is
open and grey when all are resolved. `MarkerClicks` (an event filter on the canvas's viewport) turns
a left click on a bubble into `threadRequested(element id)` before the canvas's mouse modes see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QStyleOptionGraphicsItem, QWidget

from cxstudio.layout import JourneyLayout
from cxstudio.model.document import Document
from cxstudio.model.entities import Comment
from cxstudio.model.events import event_kind
from cxstudio.ui.canvas.items.common import Z_RELATION

if TYPE_CHECKING:
    from cxstudio.api import ChangeSet

MARKER_WIDTH = 22.0  # points: the bubble without its tail
MARKER_HEIGHT = 14.0
TAIL = 4.0  # the tail below the bubble's left part
Z_MARKER = Z_RELATION + 0.5  # above cards and arrows, below dragged cards and overlays
OPEN_FILL, OPEN_EDGE, OPEN_INK = QColor("#f59e0b"), QColor("#b45309"), QColor("#1f1300")
DONE_FILL, DONE_EDGE, DONE_INK = QColor("#e5e7eb"), QColor("#9ca3af"), QColor("#4b5563")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CommentMarkers", text)


@dataclass(frozen=True)
class CommentCount:
    """The comments on one element: how many (replies included) and how many of its threads are open."""

    comments: int
    open_threads: int


def comment_counts(document: Document) -> dict[str, CommentCount]:
    """Every commented element's count, in one pass over the comments."""
    comments = document.all(Comment)
    resolved = {c.id: c.resolved for c in comments if c.reply_to is None}
    totals: dict[str, list[int]] = {}
    for comment in comments:
        entry = totals.setdefault(comment.target_id, [0, 0])
        entry[0] += 1
        if comment.reply_to is None and not resolved[comment.id]:
            entry[1] += 1
    return {target: CommentCount(total, open_threads) for target, (total, open_threads) in totals.items()}


def marker_anchors(layout: JourneyLayout, targets: set[str] | dict[str, CommentCount]) -> dict[str, QPointF]:
    """Where each commented element's bubble goes (its top-left corner, scene points): astride a card's top
    right corner, inside a header's right end, right of the journey's title."""
    anchors: dict[str, QPointF] = {}
    if layout.journey_id in targets and layout.title_lines:
        first = min(layout.title_lines, key=lambda line: line.baseline)  # the journey's name
        title = layout.title_rect
        x = min(first.x + first.width + 8.0, title.right - MARKER_WIDTH - 4.0)
        anchors[layout.journey_id] = QPointF(max(x, title.x), first.baseline - first.size * 0.8)
    for header in (*layout.stage_headers, *layout.lane_headers):
        if header.id in targets:
            rect = header.rect
            anchors[header.id] = QPointF(rect.right - MARKER_WIDTH - 4.0, rect.y + 4.0)
    for card_id, box in layout.cards.items():
        if card_id in targets:
            rect = box.rect
            anchors[card_id] = QPointF(rect.right - MARKER_WIDTH + 6.0, rect.y - MARKER_HEIGHT / 2)
    return anchors


class MarkerScene(Protocol):
    """What the markers need of the journey scene (which owns them; the items family does not import the scene)."""

    layout: JourneyLayout | None
    document: Document

    def addItem(self, item: QGraphicsItem) -> None: ...

    def removeItem(self, item: QGraphicsItem) -> None: ...


class CommentMarkerItem(QGraphicsItem):
    """One bubble: the number of comments on `target_id`, amber while a thread is open."""

    def __init__(self, target_id: str, count: CommentCount) -> None:
        super().__init__()
        self.target_id = target_id
        self.count = count
        self.setZValue(Z_MARKER)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._update_tip()

    def set_count(self, count: CommentCount) -> None:
        if count != self.count:
            self.count = count
            self._update_tip()
            self.update()

    @property
    def is_open(self) -> bool:
        return self.count.open_threads > 0

    def _update_tip(self) -> None:
        comments, open_threads = self.count.comments, self.count.open_threads
        text = QCoreApplication.translate("CommentMarkers", "%n comment(s)", "", comments)
        if open_threads:
            text += " · " + QCoreApplication.translate("CommentMarkers", "%n open thread(s)", "", open_threads)
        else:
            text += " · " + _tr("all resolved")
        self.setToolTip(text + "\n" + _tr("Click to open the thread."))

    def boundingRect(self) -> QRectF:
        return QRectF(-1.0, -1.0, MARKER_WIDTH + 2.0, MARKER_HEIGHT + TAIL + 2.0)

    def hit_rect(self) -> QRectF:
        """The clickable area in scene coordinates (a little larger than the bubble)."""
        return QRectF(self.pos().x() - 2.0, self.pos().y() - 2.0, MARKER_WIDTH + 4.0, MARKER_HEIGHT + TAIL + 4.0)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        fill, edge, ink = (OPEN_FILL, OPEN_EDGE, OPEN_INK) if self.is_open else (DONE_FILL, DONE_EDGE, DONE_INK)
        path = QPainterPath()
        path.addRoundedRect(QRectF(0.5, 0.5, MARKER_WIDTH - 1.0, MARKER_HEIGHT - 1.0), 4.0, 4.0)
        tail = QPainterPath()
        tail.moveTo(5.0, MARKER_HEIGHT - 1.5)
        tail.lineTo(5.0, MARKER_HEIGHT + TAIL - 0.5)
        tail.lineTo(11.0, MARKER_HEIGHT - 1.5)
        tail.closeSubpath()
        painter.setPen(QPen(edge, 1.0))
        painter.setBrush(fill)
        painter.drawPath(path.united(tail))
        font = QFont(painter.font())
        font.setPixelSize(10)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(ink)
        number = str(self.count.comments) if self.count.comments < 100 else "99+"
        painter.drawText(QRectF(0.0, 0.0, MARKER_WIDTH, MARKER_HEIGHT), Qt.AlignmentFlag.AlignCenter, number)


class CommentMarkers:
    """The bubbles of one journey scene, kept in step with the document (see the module's docstring)."""

    def __init__(self, scene: MarkerScene) -> None:
        self.scene = scene
        self.items: dict[str, CommentMarkerItem] = {}
        self.counts: dict[str, CommentCount] = {}
        self.follow_count = 0  # how often the markers were recomputed (tests: none per paint)
        self.enabled = False

    def set_enabled(self, enabled: bool) -> None:
        """Show the bubbles (the editor's canvas) or none (images, prints)."""
        self.enabled = enabled
        self.follow()

    def follow(self) -> None:
        """Recompute the counts and place, add, update or remove the bubbles for the shown layout."""
        scene = self.scene
        layout = scene.layout if self.enabled else None
        if layout is None and not self.items:
            return
        self.follow_count += 1
        self.counts = comment_counts(scene.document) if layout is not None else {}
        anchors = marker_anchors(layout, self.counts) if layout is not None else {}
        for target_id in [t for t in self.items if t not in anchors]:
            scene.removeItem(self.items.pop(target_id))
        for target_id, point in anchors.items():
            item = self.items.get(target_id)
            if item is None:
                item = self.items[target_id] = CommentMarkerItem(target_id, self.counts[target_id])
                scene.addItem(item)
            else:
                item.set_count(self.counts[target_id])
            if item.pos() != point:
                item.setPos(point)

    def on_changed(self, change_set: ChangeSet) -> None:
        """A change set the scene did not re-lay out for: follow it if it touches comments."""
        if self.enabled and any(event_kind(event) == Comment.KIND for event in change_set.events):
            self.follow()

    def marker_at(self, pos: QPointF) -> str | None:
        """The element whose bubble is under a scene point, or None."""
        for target_id, item in self.items.items():
            if item.isVisible() and item.hit_rect().contains(pos):
                return target_id
        return None


class MarkerClicks(QObject):
    """Turns a left click on a comment bubble of the canvas into `threadRequested(element id)`."""

    threadRequested = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._canvas: QGraphicsView | None = None
        self._swallow_release = False

    def attach(self, canvas: QGraphicsView | None) -> None:
        """Watch `canvas`'s viewport (and stop watching the previous canvas's)."""
        if self._canvas is not None:
            try:
                self._canvas.viewport().removeEventFilter(self)
            except RuntimeError:  # the old canvas is gone already
                pass
        self._canvas = canvas
        self._swallow_release = False
        if canvas is not None:
            canvas.viewport().installEventFilter(self)

    def _target_at(self, event: QMouseEvent) -> str | None:
        canvas = self._canvas
        if canvas is None or event.button() != Qt.MouseButton.LeftButton:
            return None
        markers: CommentMarkers | None = getattr(canvas.scene(), "comment_markers", None)
        return markers.marker_at(canvas.mapToScene(event.position().toPoint())) if markers is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonRelease and self._swallow_release:
            self._swallow_release = False
            return True
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick) and isinstance(event, QMouseEvent):
            target = self._target_at(event)
            if target is not None:
                self._swallow_release = True
                if kind == QEvent.Type.MouseButtonPress:
                    self.threadRequested.emit(target)
                return True
        return False
