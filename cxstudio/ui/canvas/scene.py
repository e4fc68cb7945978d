"""The journey scene: one item per box of `layout_journey`, kept in step with the document once per committed change set."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsRectItem, QGraphicsScene

from cxstudio.api import ChangeSet
from cxstudio.content.new_elements import new_lane_name, new_stage_name
from cxstudio.editing import placement
from cxstudio.editing.placement import NewCardPlace
from cxstudio.layout import JourneyLayout, Rect, RelationRoute, ViewKind, is_touchpoint_card, layout_journey
from cxstudio.layout.fonts import TextMeasurer, default_measurer
from cxstudio.layout.settings import DEFAULT_SETTINGS, LayoutSettings
from cxstudio.memory import paused_collection
from cxstudio.model.entities import Card, Channel, Department, Journey, Relation, Touchpoint
from cxstudio.model.events import Changed
from cxstudio.ui.canvas.compare_overlay import CompareOverlayItem
from cxstudio.ui.canvas.dimming import DimLayerItem
from cxstudio.ui.canvas.items import (
    HANDLE_RADIUS,
    SELECTION_COLOUR,
    SIMPLE_DETAIL,
    Z_DRAGGED,
    Z_OVERLAY,
    BlueprintLineItem,
    CardItem,
    CardOverviewItem,
    ChipItem,
    ElementItem,
    EmotionCurveItem,
    GridItem,
    HeaderItem,
    RelationItem,
    RelationLayerItem,
    qrect,
)
from cxstudio.ui.canvas.items.action_badges import sync_map_extras
from cxstudio.ui.canvas.items.comment_markers import CommentMarkers
from cxstudio.ui.selection import SelectionModel

if TYPE_CHECKING:
    from cxstudio.api import OpenProject

ItemT = TypeVar("ItemT", bound=QGraphicsItem)
BoxT = TypeVar("BoxT")

NEW_CARD_EDITOR_HEIGHT = 40.0  # the title editor over a card being created, before it exists
# kinds of entities whose change can alter a journey's picture even though they belong to no journey
_SHARED_KINDS = frozenset({Channel.KIND, Department.KIND, Touchpoint.KIND, "persona", "project", "action", "insight"})


class JourneyScene(QGraphicsScene):
    """Displays one journey of the document in one view; never changes the document itself.

    `relayout()` computes the layout once and updates the items by id: boxes that did not
    change leave their item untouched, new boxes get items, vanished ones lose theirs.
    """

    def __init__(self, project: OpenProject, parent: QObject | None = None,
                 selection: SelectionModel | None = None, layout_settings: LayoutSettings | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.document = project.document
        self.measurer: TextMeasurer = default_measurer()
        self.selection = selection if selection is not None else SelectionModel(self)  # holds the shown journey
        self.view_kind: ViewKind = ViewKind.MAP
        # the map's switches (persona band, actions lane); given, the first layout already has them
        self.layout_settings: LayoutSettings = layout_settings or DEFAULT_SETTINGS
        self.layout: JourneyLayout | None = None
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.items_by_id: dict[str, ElementItem | RelationItem] = {}
        self.card_items: dict[str, CardItem] = {}
        self.stage_items: dict[str, HeaderItem] = {}
        self.lane_items: dict[str, HeaderItem] = {}
        self.relation_items: dict[str, RelationItem] = {}
        self.curve_items: dict[str, EmotionCurveItem] = {}
        self.line_items: dict[str, BlueprintLineItem] = {}
        self.chip_items: dict[str, ChipItem] = {}  # "<lane key>:<stage id>:<channel or department id>"
        self.grid = GridItem()
        self.addItem(self.grid)
        self.relation_layer = RelationLayerItem()
        self.addItem(self.relation_layer)
        self.overview = CardOverviewItem()
        self.overview.hide()
        self.addItem(self.overview)
        self.dim_layer = DimLayerItem()  # veils over the cards a filter leaves out (set by the analytics filter)
        self.addItem(self.dim_layer)
        self.compare_layer = CompareOverlayItem()  # File > Compare With…: added/changed/removed colours
        self.addItem(self.compare_layer)
        self.comment_markers = CommentMarkers(self)  # speech bubbles on commented elements
        self._overview_active = False
        self.selectionChanged.connect(self._refresh_overview)
        self._hovered: str | None = None
        self._indexed_routes: dict[str, RelationRoute] = {}
        self._drag_origins: dict[str, QPointF] = {}
        self._drag_hid_relations = False
        self._following: list[tuple[RelationItem, CardItem, CardItem]] = []
        self.relayout_count = 0
        self._drop_line = self._overlay_line(QPen(SELECTION_COLOUR, 3.0))
        self._link_line = self._overlay_line(QPen(SELECTION_COLOUR, 1.6, Qt.PenStyle.DashLine))
        self._rubber_band = QGraphicsRectItem()
        self._rubber_band.setPen(QPen(SELECTION_COLOUR, 1.0, Qt.PenStyle.DashLine))
        self._rubber_band.setBrush(QColor(37, 99, 235, 40))
        self._rubber_band.setZValue(Z_OVERLAY)
        self._rubber_band.hide()
        self.addItem(self._rubber_band)
        self.setSceneRect(QRectF(0, 0, 1, 1))

    def _overlay_line(self, pen: QPen) -> QGraphicsLineItem:
        item = QGraphicsLineItem()
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        item.setPen(pen)
        item.setZValue(Z_OVERLAY)
        item.hide()
        self.addItem(item)
        return item

    @property
    def journey_id(self) -> str | None:
        """The journey shown: the selection model's current journey."""
        return self.selection.journey_id

    # ------------------------------------------------------------------ building
    def show_journey(self, journey_id: str | None, view: ViewKind) -> None:
        """Show another journey or view: every element item is rebuilt."""
        self._remove_all_element_items()
        self.selection.set_journey(journey_id)
        self.view_kind = ViewKind(view)
        self.relayout()

    def _remove_all_element_items(self) -> None:
        self.blockSignals(True)
        try:
            for collection in (self.card_items, self.stage_items, self.lane_items, self.relation_items,
                               self.curve_items, self.line_items, self.chip_items):
                for item in collection.values():
                    self.removeItem(item)
                collection.clear()
            self.items_by_id.clear()
            sync_map_extras(self, None)
            self.relation_layer.set_routes([], QRectF())
            self._indexed_routes = {}
        finally:
            self.blockSignals(False)

    def apply_change_set(self, change_set: ChangeSet) -> None:
        """Re-lay out once if the committed change set touches what this scene shows."""
        if self.journey_id is None:
            return
        if self.journey_id not in self.document or self._touches_journey(change_set):
            self.relayout()
        else:
            self.comment_markers.on_changed(change_set)

    def _touches_journey(self, change_set: ChangeSet) -> bool:
        journey_id = self.journey_id
        shown = self.card_items
        for event in change_set.events:
            if isinstance(event, Changed):
                if event.kind in _SHARED_KINDS or event.id == journey_id or event.id in self.items_by_id:
                    return True
                if event.kind == Card.KIND and event.field == "journey_id" and journey_id in (event.old, event.new):
                    return True
                entity = self.document.find(event.id)
                if getattr(entity, "journey_id", None) == journey_id:
                    return True
                continue
            entity = event.entity
            if entity.KIND in _SHARED_KINDS or entity.id == journey_id:
                return True
            if getattr(entity, "journey_id", None) == journey_id:
                return True
            if isinstance(entity, Relation) and (entity.source_id in shown or entity.target_id in shown):
                return True
        return False

    def relayout(self) -> None:
        """Compute the layout of the shown journey and bring the items in line with it."""
        with paused_collection():  # a relayout's boxes and items all stay alive
            self._relayout()
        self.dim_layer.follow(self.layout)
        self.compare_layer.follow(self.layout)
        self.comment_markers.follow()

    def _relayout(self) -> None:
        self.relayout_count += 1
        journey_id = self.journey_id
        if journey_id is None or not isinstance(self.document.find(journey_id), Journey):
            # a deleted journey stays the shown one: undoing the deletion brings its map back
            self.layout = None
            self._remove_all_element_items()
            self.grid.set_geometry(QRectF(), [], [], (), set())
            self.setSceneRect(QRectF(0, 0, 1, 1))
            self.selectionChanged.emit()
            return
        layout = layout_journey(self.document, journey_id, self.view_kind, self.layout_settings, measurer=self.measurer)
        self.layout = layout
        selected_before = self.selected_ids()
        self.blockSignals(True)
        try:
            self.setSceneRect(QRectF(0, 0, layout.width, layout.height))
            rows = [qrect(r) for r in layout.lane_rows.values()]
            columns = [qrect(r) for r in layout.stage_columns.values()]
            curve_keys = {c.lane_key for c in layout.curves}
            curve_rows = {i for i, key in enumerate(layout.lane_rows) if key in curve_keys}
            bounds = QRectF(0, 0, layout.width, layout.height)
            self.grid.set_geometry(bounds, rows, columns, layout.title_lines, curve_rows)
            self._sync(self.card_items, layout.cards, CardItem, lambda item, box: item.set_box(box), True)
            self._sync(self.stage_items, {h.id: h for h in layout.stage_headers},
                       lambda box: HeaderItem(box, True, True), lambda item, box: item.set_box(box), True)
            derived = not layout.editable_placement
            self._sync(self.lane_items, {h.id: h for h in layout.lane_headers},
                       lambda box: HeaderItem(box, False, not (derived and box.kind in ("channel", "department"))),
                       lambda item, box: item.set_box(box), True)
            routes = {r.id: r for r in layout.relations}
            self._sync(self.relation_items, routes, RelationItem, lambda item, route: item.set_route(route), True)
            if self._drag_hid_relations or routes != self._indexed_routes:
                self._indexed_routes = routes
                self.relation_layer.set_routes(layout.relations, bounds)
                self._drag_hid_relations = False
            self._sync(self.curve_items, {c.lane_key: c for c in layout.curves}, EmotionCurveItem,
                       lambda item, curve: item.set_curve(curve), False)
            self._sync(self.line_items, {f"{g.lane_key}:{g.kind}": g for g in layout.lines}, BlueprintLineItem,
                       lambda item, geom: item.set_geom(geom), False)
            self._sync(self.chip_items, {chip_key(c.lane_key, c.stage_id, c.entity_id): c for c in layout.chips},
                       ChipItem, lambda item, chip: item.set_chip(chip), False)
            sync_map_extras(self, layout)  # persona band, actions lane, action badges (items/action_badges.py)
        finally:
            self.blockSignals(False)
        if self._hovered is not None and self._hovered not in self.card_items:
            self._hovered = None
        if self._overview_active:
            for item in self.card_items.values():
                item.set_painted(item.element_id in self._drag_origins)
            self._refresh_overview()
        if self.selected_ids() != selected_before:
            self.selectionChanged.emit()

    def _sync(
        self,
        items: dict[str, ItemT],
        boxes: dict[str, BoxT],
        create: Callable[[BoxT], ItemT],
        update: Callable[[ItemT, BoxT], None],
        element: bool,
    ) -> None:
        if not items:  # a new journey or view: every box gets a new item
            add = self.addItem
            for key, box in boxes.items():
                item = items[key] = create(box)
                add(item)
            if element:
                self.items_by_id.update(
                    (key, item) for key, item in items.items() if not isinstance(item, HeaderItem) or item.selectable)
            return
        for key in [k for k in items if k not in boxes]:
            item = items.pop(key)
            self.removeItem(item)
            if element:
                self.items_by_id.pop(key, None)
        for key, box in boxes.items():
            item = items.get(key)
            if item is None:
                item = create(box)
                items[key] = item
                self.addItem(item)
                if element and (not isinstance(item, HeaderItem) or item.selectable):
                    self.items_by_id[key] = item
            else:
                update(item, box)

    # ------------------------------------------------------------------ level of detail
    def set_detail(self, zoom: float) -> None:
        """Below the simplified level of detail, cards are drawn by the overview layer in a few batched calls."""
        active = zoom < SIMPLE_DETAIL
        if active == self._overview_active:
            return
        self._overview_active = active
        for item in self.card_items.values():
            item.set_painted(not active or item.element_id in self._drag_origins)
        self.overview.setVisible(active)
        self._refresh_overview()

    @property
    def overview_active(self) -> bool:
        return self._overview_active

    def _refresh_overview(self) -> None:
        if not self._overview_active or self.layout is None:
            return
        selected = set(self.selected_card_ids())
        moving = self._drag_origins
        self.overview.set_cards((box for key, box in self.layout.cards.items() if key not in moving), selected,
                                self.sceneRect())

    # ------------------------------------------------------------------ selection
    def _qt_selected(self) -> dict[str, QGraphicsItem]:
        """The items Qt has selected (cards and headers), by element id: one call instead of one per item."""
        return {item.element_id: item for item in self.selectedItems() if isinstance(item, ElementItem)}

    def selected_ids(self) -> list[str]:
        """Selected element ids: cards in view order, then stages, lanes and relations."""
        ids = []
        chosen = self._qt_selected()
        if chosen:
            for collection in (self.card_items, self.stage_items, self.lane_items):
                ids.extend(key for key, item in collection.items() if chosen.get(key) is item)
        ids.extend(key for key, item in self.relation_items.items() if item.selected)
        return ids

    def selected_card_ids(self) -> list[str]:
        chosen = self._qt_selected()
        return [key for key, item in self.card_items.items() if chosen.get(key) is item] if chosen else []

    def set_selection(self, ids: Iterable[str], add: bool = False) -> None:
        """Select exactly `ids` (or add them); emits selectionChanged once."""
        wanted = [i for i in ids if i in self.items_by_id]
        before = self.selected_ids()
        self.blockSignals(True)
        try:
            if not add:
                for item in self.selectedItems():
                    if getattr(item, "element_id", None) not in wanted:
                        item.setSelected(False)
                for item in self.relation_items.values():
                    if item.selected and item.element_id not in wanted:
                        item.set_selected(False)
            for element_id in wanted:
                item = self.items_by_id[element_id]
                if isinstance(item, RelationItem):
                    item.set_selected(True)
                else:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        if self.selected_ids() != before:
            self.selectionChanged.emit()

    def toggle_selection(self, element_id: str) -> None:
        item = self.items_by_id.get(element_id)
        if isinstance(item, RelationItem):
            item.set_selected(not item.selected)
            self.selectionChanged.emit()
        elif item is not None:
            item.setSelected(not item.isSelected())

    def all_card_ids(self) -> list[str]:
        return list(self.card_items)

    def first_card_id(self) -> str | None:
        return next(iter(self.card_items), None)

    def bounding_rect_of(self, ids: Iterable[str]) -> QRectF | None:
        rect: QRectF | None = None
        for element_id in ids:
            item = self.items_by_id.get(element_id)
            if item is None:
                continue
            bounds = item.sceneBoundingRect()
            rect = bounds if rect is None else rect.united(bounds)
        return rect

    # ------------------------------------------------------------------ hit testing
    def card_item_at(self, pos: QPointF) -> CardItem | None:
        if self.layout is None:
            return None
        card_id = self.layout.card_at(pos.x(), pos.y())
        return self.card_items.get(card_id) if card_id is not None else None

    def card_at(self, x: float, y: float) -> str | None:
        """The id of the card under a scene point (the layout's own hit test)."""
        return self.layout.card_at(x, y) if self.layout is not None else None

    def element_at(self, pos: QPointF) -> ElementItem | RelationItem | None:
        """The card, relation or header under a scene point (cards win over the arrows that touch them)."""
        card = self.card_item_at(pos)
        if card is not None:
            return card
        card_id = self.curve_point_at(pos.x(), pos.y())
        if card_id is not None:
            return self.card_items.get(card_id)
        relation_id = self.relation_at(pos.x(), pos.y())
        if relation_id is not None:
            return self.relation_items[relation_id]
        header = self.layout.header_at(pos.x(), pos.y()) if self.layout is not None else None
        if header is not None:
            return (self.stage_items if header.kind == "stage" else self.lane_items).get(header.id)
        return None

    def curve_point_at(self, x: float, y: float) -> str | None:
        """The card whose point on an emotion curve is under (x, y): clicking a point selects its card."""
        return self.layout.curve_point_at(x, y) if self.layout is not None else None

    def relation_at(self, x: float, y: float) -> str | None:
        """The relation whose arrow passes within a few points of (x, y), or None (the layout's index)."""
        return self.layout.relation_at(x, y) if self.layout is not None else None

    def handle_at(self, pos: QPointF) -> str | None:
        """The card whose relation handle (shown on selected and hovered cards) is under a scene point."""
        candidates = self.selected_card_ids()
        if self._hovered is not None:
            candidates.append(self._hovered)
        for card_id in candidates:
            item = self.card_items.get(card_id)
            if item is None:
                continue
            delta = item.handle_center() - pos
            if delta.x() * delta.x() + delta.y() * delta.y() <= (HANDLE_RADIUS + 3) ** 2:
                return card_id
        return None

    def set_hovered(self, card_id: str | None) -> None:
        if card_id == self._hovered:
            return
        previous = self.card_items.get(self._hovered) if self._hovered else None
        if previous is not None:
            previous.set_hovered(False)
        self._hovered = card_id
        current = self.card_items.get(card_id) if card_id else None
        if current is not None:
            current.set_hovered(True)

    def card_ids_in(self, rect: QRectF) -> list[str]:
        if self.layout is None:
            return []
        return self.layout.cards_in_rect(Rect(rect.x(), rect.y(), rect.width(), rect.height()))

    def lane_key_of(self, card_id: str) -> str | None:
        box = self.layout.cards.get(card_id) if self.layout is not None else None
        return box.lane_key if box is not None else None

    def is_curve_lane_at(self, pos: QPointF) -> bool:
        cell = self.layout.cell_at(pos.x(), pos.y()) if self.layout is not None else None
        return cell is not None and self.layout is not None and self.layout.is_curve_lane(cell[1])

    def neighbour_card(self, card_id: str, direction: tuple[int, int]) -> str | None:
        """The nearest card from `card_id` in a direction (-1/0/1 on x and y), judged by the card centres."""
        if self.layout is None or card_id not in self.layout.cards:
            return None
        cx, cy = self.layout.cards[card_id].rect.center
        dx, dy = direction
        best: tuple[float, str] | None = None
        for other_id, box in self.layout.cards.items():
            if other_id == card_id:
                continue
            ox, oy = box.rect.center
            along = (ox - cx) * dx + (oy - cy) * dy
            if along <= 1.0:
                continue
            across = abs((ox - cx) * dy) + abs((oy - cy) * dx)
            score = along + 3 * across
            if best is None or score < best[0]:
                best = (score, other_id)
        return best[1] if best is not None else None

    # ------------------------------------------------------------------ card drag preview
    def begin_card_drag(self, card_ids: list[str]) -> None:
        self._drag_origins = {}
        for card_id in card_ids:
            item = self.card_items.get(card_id)
            if item is not None:
                self._drag_origins[card_id] = item.home_pos()
                item.setZValue(Z_DRAGGED)
                item.setOpacity(0.85)
                item.set_painted(True)
        self._refresh_overview()
        if self.layout is not None:
            following = frozenset(r.id for r in self.layout.relations
                                  if r.source_id in self._drag_origins or r.target_id in self._drag_origins)
            if following:
                self.relation_layer.set_routes(self.layout.relations, self.sceneRect(), following)
                self._drag_hid_relations = True
            self._following = [
                (item, source, target)
                for item in (self.relation_items[i] for i in following if i in self.relation_items)
                if (source := self.card_items.get(item.route.source_id)) is not None
                and (target := self.card_items.get(item.route.target_id)) is not None
            ]

    def drag_cards_by(self, card_ids: list[str], dx: float, dy: float) -> None:
        for card_id, origin in self._drag_origins.items():
            self.card_items[card_id].setPos(origin.x() + dx, origin.y() + dy)
        for item, source, target in self._following:
            item.follow(source.sceneBoundingRect().center(), _border_point(target, source))

    def end_card_drag(self, restore_relations: bool = True) -> None:
        """Put the dragged cards back; `restore_relations=False` leaves the arrows that followed them hidden
        from the arrow layer for a drop's relayout to redraw (call `restore_relations()` after the drop)."""
        for card_id in self._drag_origins:
            item = self.card_items.get(card_id)
            if item is not None:
                item.setPos(item.home_pos())
                item.setZValue(item.base_z)
                item.setOpacity(1.0)
                item.set_painted(not self._overview_active)
        for item in self.relation_items.values():
            item.reset()
        if restore_relations:
            self.restore_relations()
        self._drag_origins = {}
        self._following = []
        self._refresh_overview()
        self.show_drop_line(None)

    def restore_relations(self) -> None:
        """Draw the arrows a card drag hid again, unless a relayout already did."""
        if self._drag_hid_relations and self.layout is not None:
            self.relation_layer.set_routes(self.layout.relations, self.sceneRect())
        self._drag_hid_relations = False

    def card_drop_target(self, pos: QPointF) -> tuple[str, str, int] | None:
        """(stage id, lane key, index) where cards dropped at `pos` would go, or None outside the cells."""
        return self.layout.drop_target(pos.x(), pos.y()) if self.layout is not None else None

    def card_drop_line(self, target: tuple[str, str, int]) -> QLineF | None:
        if self.layout is None:
            return None
        (x0, y0), (x1, y1) = self.layout.drop_target_indicator(*target)
        return QLineF(x0, y0, x1, y1)

    # ------------------------------------------------------------------ stage and lane boundaries
    def stage_boundary_at(self, x: float) -> int:
        """Column boundary nearest to `x`: 0 = before the first stage, n = after the last."""
        if self.layout is None:
            return 0
        return sum(1 for header in self.layout.stage_headers if header.rect.center[0] < x)

    def stage_boundary_line(self, boundary: int) -> QLineF | None:
        layout = self.layout
        if layout is None or not layout.stage_headers:
            return None
        headers = layout.stage_headers
        x = headers[boundary].rect.x if boundary < len(headers) else headers[-1].rect.right
        return QLineF(x, layout.grid_rect.y, x, layout.grid_rect.bottom)

    def _shown_lane_rows(self) -> list[tuple[str, Rect]]:
        if self.layout is None:
            return []
        return [(h.id, h.rect) for h in self.layout.lane_headers]

    def lane_boundary_at(self, y: float) -> int:
        """Row boundary nearest to `y`, as an index among all the journey's lanes (hidden ones included)."""
        if self.layout is None or self.journey_id is None:
            return 0
        shown = self._shown_lane_rows()
        position = sum(1 for _key, rect in shown if rect.center[1] < y)
        lanes = self.document.lanes(self.journey_id)
        order = {lane.id: index for index, lane in enumerate(lanes)}
        if position < len(shown):
            return order.get(shown[position][0], len(lanes))
        if shown and shown[-1][0] in order:
            return order[shown[-1][0]] + 1
        return len(lanes)

    def lane_boundary_line(self, boundary: int) -> QLineF | None:
        layout = self.layout
        if layout is None or self.journey_id is None:
            return None
        lanes = self.document.lanes(self.journey_id)
        shown = dict(self._shown_lane_rows())
        rect = None
        for lane in lanes[boundary:]:
            if lane.id in shown:
                rect = shown[lane.id]
                y = rect.y
                break
        else:
            rows = list(shown.values())
            if not rows:
                return None
            y = rows[-1].bottom
        return QLineF(layout.grid_rect.x, y, layout.grid_rect.right, y)

    def palette_drop_line(self, what: object, pos: QPointF) -> QLineF | None:
        kind = getattr(what, "what", None)
        if kind == "stage":
            return self.stage_boundary_line(self.stage_boundary_at(pos.x()))
        if kind == "lane":
            return self.lane_boundary_line(self.lane_boundary_at(pos.y()))
        target = self.card_drop_target(pos)
        return self.card_drop_line(target) if target is not None else None

    # ------------------------------------------------------------------ where new cards go
    @property
    def editable_placement(self) -> bool:
        """False in the swimlane views, whose lanes are derived from each card's channel or department."""
        return self.layout is None or self.layout.editable_placement

    def first_card_lane_id(self) -> str | None:
        return placement.first_card_lane_id(self.document, self.journey_id) if self.journey_id is not None else None

    def new_card_target(self, pos: QPointF, kind: str) -> tuple[NewCardPlace, QRectF] | None:
        """Where a card created at `pos` goes (see `editing.placement`) and the rectangle for its title editor."""
        layout = self.layout
        if layout is None or self.journey_id is None:
            return None
        cell = layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return None
        stage_id, lane_key = cell
        if layout.is_curve_lane(lane_key):
            return None
        index = layout.insertion_index(stage_id, lane_key, pos.y()) if layout.editable_placement else None
        place = placement.new_card_place(self.document, self.journey_id, stage_id, lane_key, kind, index,
                                         layout.editable_placement, is_touchpoint_card)
        if place is None:
            return None
        shown = layout.cards_in_cell(stage_id, lane_key)
        position = len(shown) if index is None else index
        cell_rect = layout.cells[cell]
        settings = layout.settings
        card_width = layout.cards[shown[0]].rect.width if shown else cell_rect.width - 2 * settings.cell_padding
        padding = (cell_rect.width - card_width) / 2
        if shown and position < len(shown):
            top = layout.cards[shown[position]].rect.y
        elif shown:
            top = layout.cards[shown[-1]].rect.bottom + settings.card_gap
        else:
            top = cell_rect.y + padding
        return place, QRectF(cell_rect.x + padding, top, card_width, NEW_CARD_EDITOR_HEIGHT)

    def real_cell_at(self, pos: QPointF) -> tuple[str, str] | None:
        """The (stage id, real lane id) for pasting at `pos`, or None outside the cells."""
        if self.layout is None or self.journey_id is None:
            return None
        cell = self.layout.cell_at(pos.x(), pos.y())
        if cell is None:
            return None
        return placement.paste_cell(self.document, self.journey_id, *cell, self.layout.editable_placement,
                                    is_touchpoint_card)

    def _language(self) -> str:
        return self.layout.language if self.layout is not None else self.document.project.language

    def default_stage_name(self) -> str:
        """The name of a new stage, in the project's language (it is content, not UI)."""
        return new_stage_name(self._language())

    def default_lane_name(self, kind: str) -> str:
        """The name of a new lane of `kind`, in the project's language, as the bundled templates name it."""
        return new_lane_name(kind, self._language())

    def title_size(self) -> float:
        return 11.0

    # ------------------------------------------------------------------ overlays
    def show_drop_line(self, line: QLineF | None) -> None:
        _show_overlay(self._drop_line, line, self._drop_line.setLine)

    def show_link_line(self, line: QLineF | None) -> None:
        _show_overlay(self._link_line, line, self._link_line.setLine)

    def show_rubber_band(self, rect: QRectF | None) -> None:
        _show_overlay(self._rubber_band, rect, self._rubber_band.setRect)


def _show_overlay(item: QGraphicsItem, shape: Any, set_shape: Callable[[Any], None]) -> None:
    """Show an overlay item with a new line or rectangle, or hide it (None)."""
    if shape is None:
        item.hide()
    else:
        set_shape(shape)
        item.show()


def chip_key(lane_key: str, stage_id: str, entity_id: str) -> str:
    """The key of a chip's item in `JourneyScene.chip_items`."""
    return f"{lane_key}:{stage_id}:{entity_id}"


def _border_point(target: CardItem, source: CardItem) -> QPointF:
    """Where the straight line from `source`'s centre to `target`'s centre enters `target`'s rectangle."""
    rect = target.sceneBoundingRect().adjusted(4, 4, -HANDLE_RADIUS - 6, -4)
    start = source.sceneBoundingRect().center()
    end = rect.center()
    line = QLineF(start, end)
    for edge in (QLineF(rect.topLeft(), rect.topRight()), QLineF(rect.topRight(), rect.bottomRight()),
                 QLineF(rect.bottomRight(), rect.bottomLeft()), QLineF(rect.bottomLeft(), rect.topLeft())):
        kind, point = line.intersects(edge)
        if kind == QLineF.IntersectionType.BoundedIntersection:
            return point
    return end
