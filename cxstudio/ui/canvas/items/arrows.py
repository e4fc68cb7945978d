"""Arrow items: the layer that draws every arrow in one batch, and one selectable item per relation."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from cxstudio.layout import DEFAULT_SETTINGS, Point, RelationRoute, SegmentIndex, TextLine, arrow_head, merged_segments
from cxstudio.layout.routing import Segment
from cxstudio.ui.canvas.items.common import (
    RELATION_COLOUR,
    RELATION_WIDTH,
    SELECTION_COLOUR,
    SIMPLE_DETAIL,
    WHITE,
    Z_RELATION,
    draw_lines,
    level_of_detail,
    visible_part,
)


def _relation_pen(kind: str, selected: bool) -> QPen:
    """Arrow pens: cosmetic with Qt's default caps for the layer (round caps cost a third of a frame on L)."""
    pen = QPen(SELECTION_COLOUR if selected else RELATION_COLOUR, 2.4 if selected else RELATION_WIDTH)
    pen.setCosmetic(not selected)
    if selected:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if kind == "relates_to":
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen



class _ArrowHead:
    """One arrow head of the layer: its bounds, its three points and its polygon, made when first drawn."""

    __slots__ = ("left", "top", "right", "bottom", "points", "polygon")

    def __init__(self, points: tuple[Point, Point, Point]) -> None:
        (ax, ay), (bx, by), (cx, cy) = points
        self.left, self.top = min(ax, bx, cx), min(ay, by, cy)
        self.right, self.bottom = max(ax, bx, cx), max(ay, by, cy)
        self.points = points
        self.polygon: QPolygonF | None = None

    def drawn(self) -> QPolygonF:
        polygon = self.polygon
        if polygon is None:
            polygon = self.polygon = QPolygonF([QPointF(x, y) for x, y in self.points])
        return polygon



class _Lines:
    """Segments in the layout's SegmentIndex; each becomes a QLineF when first drawn."""

    def __init__(self, segments: list[Segment]) -> None:
        self.index = SegmentIndex(segments)
        self.lines: list[QLineF | None] = [None] * len(segments)

    def lines_in(self, left: float, top: float, right: float, bottom: float) -> list[QLineF]:
        lines, segments = self.lines, self.index.segments
        drawn = []
        for index in self.index.in_rect(left, top, right, bottom):
            line = lines[index]
            if line is None:
                line = lines[index] = QLineF(*segments[index])
            drawn.append(line)
        return drawn


class RelationLayerItem(QGraphicsItem):
    """Draws every arrow of the journey in one batch: lines, arrow heads and labels.

    A journey of L has hundreds of long arrows crossing any viewport; drawn as one item each,
    they cost most of a frame. Each relation still has its own RelationItem for selection,
    which shows only while the relation is selected or follows dragged cards.

    Solid arrows are drawn as their merged segments (see `merged_segments`), without
    antialiasing: the routes are orthogonal, so the lines stay crisp and cost a fraction.
    The layer keeps no pixmap cache: a viewport-sized cache costs more to fill, scroll and
    blend than drawing the merged lines again, and a first view of an area would pay for both.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(Z_RELATION)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)
        self._bounds = QRectF()
        self._solid = _Lines([])
        self._dashed = _Lines([])
        # per arrow head: its bounds and its polygon, made when the head is first drawn (shared by equal heads)
        self._heads: list[_ArrowHead] = []
        self._head_cache: dict[tuple[Point, ...], _ArrowHead] = {}
        self._labels: list[TextLine] = []
        self._count = 0
        self._solid_pen = _relation_pen("leads_to", False)
        self._dashed_pen = _relation_pen("relates_to", False)

    def set_routes(self, routes: list[RelationRoute], bounds: QRectF, hidden: frozenset[str] = frozenset()) -> None:
        """Draw these routes (except `hidden` ones)."""
        self.prepareGeometryChange()
        self._bounds = QRectF(bounds)
        shown = [route for route in routes if route.id not in hidden] if hidden else routes
        solid = [route for route in shown if route.kind != "relates_to"]
        dashed: list[Segment] = []
        for route in shown:
            if route.kind == "relates_to":
                points = route.points
                dashed.extend((x0, y0, x1, y1) for (x0, y0), (x1, y1) in zip(points, points[1:]))
        self._solid = _Lines(merged_segments(solid))
        self._dashed = _Lines(dashed)
        heads: list[_ArrowHead] = []
        head_cache: dict[tuple[Point, ...], _ArrowHead] = {}
        previous = self._head_cache
        for route in shown:
            arrow = route.arrow
            head = previous.get(arrow) or head_cache.get(arrow)
            if head is None:
                head = _ArrowHead(arrow)
            head_cache[arrow] = head
            heads.append(head)
        self._heads, self._head_cache = heads, head_cache
        self._labels = [route.label_line for route in shown if route.label_line is not None]
        self._count = len(shown)
        self.update()

    def route_count(self) -> int:
        """How many arrows the layer draws."""
        return self._count

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        exposed = visible_part(painter, option.exposedRect)
        left, top, right, bottom = exposed.left(), exposed.top(), exposed.right(), exposed.bottom()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        solid = self._solid.lines_in(left, top, right, bottom)
        if solid:
            painter.setPen(self._solid_pen)
            painter.drawLines(solid)
        dashed = self._dashed.lines_in(left, top, right, bottom)
        if dashed:
            painter.setPen(self._dashed_pen)
            painter.drawLines(dashed)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(RELATION_COLOUR)
        for head in self._heads:  # one path of all heads would be filled scanline by scanline
            if head.right >= left and head.left <= right and head.bottom >= top and head.top <= bottom:
                painter.drawPolygon(head.drawn())
        if self._labels and level_of_detail(option, painter) >= SIMPLE_DETAIL:
            for line in self._labels:
                box = QRectF(line.x - 2, line.baseline - line.size, line.width + 4, line.size * 1.3)
                if exposed.intersects(box):
                    painter.fillRect(box, WHITE)  # opaque, as printed (PDF forms lose transparency)
                    draw_lines(painter, (line,), RELATION_COLOUR)


class RelationItem(QGraphicsPathItem):
    """One relation as a selectable element: its route with a highlighted pen, shown while selected or dragged.

    The arrow itself is drawn by the RelationLayerItem; this item is visible only when the
    relation is selected (thick blue) or follows cards being dragged (a straight arrow). Its
    path is built only when it shows, so a relayout of hundreds of arrows stays cheap.
    """

    def __init__(self, route: RelationRoute) -> None:
        super().__init__()
        self.element_id = route.id
        self.route = route
        self.selected = False
        self._following = False
        self._built = False
        self.arrow: QGraphicsPolygonItem | None = None
        self.setZValue(Z_RELATION + 0.5)
        self.setVisible(False)

    def _build(self) -> None:
        route = self.route
        path = QPainterPath()
        path.moveTo(*route.points[0])
        for x, y in route.points[1:]:
            path.lineTo(x, y)
        self.setPath(path)
        if self.arrow is None:
            self.arrow = QGraphicsPolygonItem(self)
            self.arrow.setPen(QPen(Qt.PenStyle.NoPen))
        self.arrow.setPolygon(QPolygonF([QPointF(x, y) for x, y in route.arrow]))
        pen = _relation_pen(route.kind, self.selected)
        self.setPen(pen)
        self.arrow.setBrush(pen.color())
        self._built = True

    def _refresh(self) -> None:
        shown = self.selected or self._following
        if shown and not self._following or shown and self.arrow is None:
            self._build()
        self.setVisible(shown)

    def set_route(self, route: RelationRoute) -> None:
        if route == self.route and not self._following:
            return
        self.route = route
        self._following = False
        self._built = False
        if self.selected:
            self._refresh()
        else:
            self.setVisible(False)

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self._refresh()

    def follow(self, start: QPointF, end: QPointF) -> None:
        """While cards are dragged, draw a straight arrow between the moving cards."""
        if not self._following:
            self._following = True
            self._refresh()
        assert self.arrow is not None
        path = QPainterPath(start)
        path.lineTo(end)
        self.setPath(path)
        if end != start:
            head = arrow_head((start.x(), start.y()), (end.x(), end.y()), DEFAULT_SETTINGS.arrow_length,
                              DEFAULT_SETTINGS.arrow_width)
            self.arrow.setPolygon(QPolygonF([QPointF(x, y) for x, y in head]))

    def reset(self) -> None:
        if self._following:
            self._following = False
            self._refresh()
