"""The journey canvas view: zoom, pan, keyboard, palette drops, inline editing and the edit commands on the selection."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPixmapCache,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QMenu, QWidget

from cxstudio.api import ChangeSet
from cxstudio.editing import card_moves
from cxstudio.editing import operations as ops
from cxstudio.layout import ViewKind
from cxstudio.layout.rows import preferred_view
from cxstudio.model.entities import Card, CardKind, Lane, Stage
from cxstudio.ui.canvas.cell_marker import CellMarker
from cxstudio.ui.canvas.clipboard import CARD_CLIPBOARD
from cxstudio.ui.canvas.items import CardItem, HeaderItem
from cxstudio.ui.canvas.modes import IdleMode, MouseMode
from cxstudio.ui.canvas.palette_drops import PaletteDrops
from cxstudio.ui.canvas.scene import JourneyScene
from cxstudio.ui.canvas.text import register_bundled_fonts
from cxstudio.ui.commands import run_operation

if TYPE_CHECKING:
    from cxstudio.api import OpenProject
    from cxstudio.layout.settings import LayoutSettings
    from cxstudio.ui.bridge import SessionBridge
    from cxstudio.ui.canvas.editor import InlineTitleEditor
    from cxstudio.ui.selection import SelectionModel

R = TypeVar("R")

MIN_ZOOM = 0.02
MAX_ZOOM = 6.0
ZOOM_STEP = 1.25
PIXMAP_CACHE_KB = 24 * 1024


def _tr(text: str) -> str:
    return QCoreApplication.translate("JourneyCanvas", text)


class JourneyCanvas(PaletteDrops, QGraphicsView):
    """Shows one journey of a project in one view kind and turns every gesture into one editing operation.

    The scene only displays the layout of the document; items move freely while dragged and
    the release runs one operation of `cxstudio.editing.operations` (one undo step). The
    scene re-lays out once per committed change set it receives through the SessionBridge.
    """

    selectionChanged = Signal(list)
    zoomChanged = Signal(float)
    message = Signal(str)

    def __init__(self, project: OpenProject, bridge: SessionBridge, parent: QWidget | None = None,
                 selection: SelectionModel | None = None, layout_settings: LayoutSettings | None = None) -> None:
        super().__init__(parent)
        register_bundled_fonts()
        # the items' device-coordinate caches (cards, headers, the arrow layer) need about a viewport's worth
        # of pixmaps each; Qt's default of 10 MB would make them evict each other on every repaint
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
        self._project = project
        self._bridge = bridge
        self.journey_scene = JourneyScene(project, self, selection, layout_settings)  # settings: the map's switches
        self.selection = self.journey_scene.selection  # the shown journey and the selection (the window's, if given)
        self.setScene(self.journey_scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        # a viewport that shrinks or grows (window resized, a scroll bar coming with a zoom) keeps its top-left
        # corner on the map, so the point under the mouse stays where it was
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.setObjectName("journeyCanvas")
        self._mode: MouseMode = IdleMode(self)
        self.cell_marker = CellMarker(self.journey_scene)  # the empty cell last clicked: where Insert > Card goes
        self._view_chosen = False  # until a view is chosen, the first journey shown opens in its preferred view
        self._zoom_slack = False  # the scroll area reaches beyond the map, so that a zoom keeps its anchor point
        self._last_anchor: tuple[QPoint, QPointF, int, int] | None = None  # the last zoom's anchor and scroll
        self.journey_scene.sceneRectChanged.connect(self._follow_scene_rect)
        self._editor: InlineTitleEditor | None = None
        self.space_held = False
        # language of messages that come with their own translations (project-file errors); the window may set it
        self.language = "de" if QLocale().name().startswith("de") else "en"
        self.journey_scene.selectionChanged.connect(self._emit_selection)
        self.selection.journeyChanged.connect(self._show_current_journey)
        self.selection.selectionChanged.connect(self._follow_selection)
        if self.selection.journey_id is not None:
            self._show_current_journey()
        bridge.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ what is shown
    @property
    def project(self) -> OpenProject:
        return self._project

    def set_journey(self, journey_id: str | None) -> None:
        self.selection.set_journey(journey_id)

    def _show_current_journey(self) -> None:
        self._close_editor(commit=True)
        self.cell_marker.forget()
        self._drop_zoom_slack()
        journey_id, view = self.selection.journey_id, self.journey_scene.view_kind
        if not self._view_chosen and journey_id is not None and journey_id in self._project.document:
            view = preferred_view(self._project.document, journey_id)  # a service blueprint opens as one
            self._view_chosen = True
        self.journey_scene.show_journey(journey_id, view)
        self._follow_selection()

    def set_view(self, view: ViewKind) -> None:
        self._close_editor(commit=True)
        self.cell_marker.forget()
        self._drop_zoom_slack()
        self._view_chosen = True
        self.journey_scene.show_journey(self.journey_scene.journey_id, ViewKind(view))
        self._emit_selection()

    def journey_id(self) -> str | None:
        return self.journey_scene.journey_id

    def view(self) -> ViewKind:
        return self.journey_scene.view_kind

    def _on_changed(self, change_set: ChangeSet, origin: str) -> None:
        self.journey_scene.apply_change_set(change_set)
        self.cell_marker.follow()
        if self._editor is not None and not self._editor.finished:
            self._editor.reposition()
        self._emit_selection()

    # ------------------------------------------------------------------ selection
    def selected_ids(self) -> list[str]:
        return self.journey_scene.selected_ids()

    def select_ids(self, ids: list[str], ensure_visible: bool = True) -> None:
        scene = self.journey_scene
        scene.set_selection([i for i in ids if i in scene.items_by_id])
        if ensure_visible:
            rect = scene.bounding_rect_of(self.selected_ids())
            if rect is not None:
                self.ensureVisible(rect, 40, 40)

    def _emit_selection(self) -> None:
        """The user changed the selection on the canvas: it becomes the selection model's (and `selectionChanged`)."""
        ids = self.selected_ids()
        if ids:
            self.cell_marker.forget()  # a selected card or header decides where inserted elements go
        if set(ids) != self.selection.ids_among(self.journey_scene.items_by_id):
            self.selection.select(ids)
            self.selectionChanged.emit(ids)

    def _follow_selection(self) -> None:
        """Show the selection model's selection (made elsewhere, e.g. in the outline) on the canvas."""
        wanted = self.selection.ids_among(self.journey_scene.items_by_id)
        if set(self.selected_ids()) != wanted:
            self.select_ids([i for i in self.selection.ids if i in wanted], ensure_visible=True)

    # ------------------------------------------------------------------ zoom
    def zoom_factor(self) -> float:
        return float(self.transform().m11())

    def set_zoom(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom to `factor`, keeping the scene point under viewport point `anchor` (default: the middle) in place."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom_factor()
        if abs(factor - current) < 1e-9:
            return
        if anchor is None:
            anchor = self.viewport().rect().center()
        # the view's own anchor needs mouse moves the mouse modes keep to themselves; this one is explicit
        point = QPointF(anchor)
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        last = self._last_anchor
        if last is not None and last[0] == anchor and last[2:] == (horizontal.value(), vertical.value()):
            fixed = last[1]  # wheel steps in a row: the exact point, not one rounded to whole pixels at each step
        else:
            fixed = self.viewportTransform().inverted()[0].map(point)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        try:
            self.setTransform(QTransform.fromScale(factor, factor))
            # a map smaller than the window would stick to its top-left corner: the scroll area grows instead
            viewport = self.viewport().rect()
            wanted = QRectF(fixed.x() - point.x() / factor, fixed.y() - point.y() / factor,
                            viewport.width() / factor, viewport.height() / factor)
            wanted.adjust(-2 / factor, -2 / factor, 2 / factor, 2 / factor)  # scroll values are whole pixels
            area = self.sceneRect() if self._zoom_slack else self.journey_scene.sceneRect()
            if not area.contains(wanted):
                self._zoom_slack = True
                self.setSceneRect(area.united(wanted))
            moved = self.viewportTransform().map(fixed) - point
            horizontal.setValue(horizontal.value() + round(moved.x()))
            vertical.setValue(vertical.value() + round(moved.y()))
            self._last_anchor = (QPoint(anchor), fixed, horizontal.value(), vertical.value())
        finally:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.journey_scene.set_detail(factor)
        if self._editor is not None and not self._editor.finished:
            self._editor.reposition()
        self.zoomChanged.emit(self.zoom_factor())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_factor() / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def _drop_zoom_slack(self) -> None:
        """The scroll area is the map again (after "fit", or for another journey or view)."""
        if self._zoom_slack:
            self._zoom_slack = False
            self.setSceneRect(QRectF())

    def _follow_scene_rect(self, rect: QRectF) -> None:
        """The map grew or shrank while the scroll area had room around it: keep that room around the new map."""
        if self._zoom_slack:
            visible = self.mapToScene(self.viewport().rect()).boundingRect()
            self.setSceneRect(rect.united(visible))

    def zoom_to_fit(self) -> None:
        self._drop_zoom_slack()
        rect = self.journey_scene.sceneRect()
        viewport = self.viewport().rect()
        if rect.isEmpty() or viewport.isEmpty():
            return
        factor = min((viewport.width() - 8) / rect.width(), (viewport.height() - 8) / rect.height())
        self.set_zoom(factor)
        self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self.zoom_factor() * (ZOOM_STEP ** steps), event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------------ operations
    def run(self, operation: Callable[..., R], *args: Any, **kwargs: Any) -> R | None:
        """Run one editing operation (`commands.run_operation`); a refusal becomes the `message` signal."""
        return run_operation(self._project, self.message.emit, self.language, operation, *args, **kwargs)

    def edit_refused(self) -> bool:
        """Whether the project refuses map edits (read-only, review); the refusal becomes the `message` signal."""
        error = self._project.refusal()
        if error is not None:
            self.message.emit(error.message(self.language))
        return error is not None

    def _document_journey(self) -> str | None:
        journey_id = self.journey_id()
        return journey_id if journey_id is not None and journey_id in self._project.document else None

    def derived_lane_message(self) -> str:
        return _tr(
            "The lanes of a swimlane view follow each card's channel or department; "
            "change those in the inspector, or switch to the journey map to arrange lanes."
        )

    def move_cards_to(self, card_ids: list[str], stage_id: str, lane_key: str, index: int | None,
                      grabbed_id: str | None = None) -> None:
        """Drop dragged cards: the grabbed one into a cell, the others as a block, each keeping its offset to it
        (so cards of different lanes keep their lanes); in swimlane views only the stage changes (lanes are derived)."""
        doc = self._project.document
        card_ids = [i for i in card_ids if isinstance(doc.find(i), Card)]
        if not card_ids:
            return
        grabbed = grabbed_id if grabbed_id in card_ids else card_ids[0]
        if not self.journey_scene.editable_placement:
            if self.journey_scene.lane_key_of(grabbed) != lane_key:
                self.message.emit(self.derived_lane_message())
            self.run(card_moves.move_cards_as_block, card_ids, grabbed, stage_id, None, None)
            return
        lane = doc.find(lane_key)
        if not isinstance(lane, Lane):
            return
        self.run(card_moves.move_cards_as_block, card_ids, grabbed, stage_id, lane_key, index)

    def move_header_to(self, element_id: str, is_stage: bool, boundary: int) -> None:
        """Reorder a stage or lane so that it sits at column/row boundary `boundary` (0 = before the first)."""
        doc = self._project.document
        entity = doc.find(element_id)
        if not isinstance(entity, (Stage, Lane)):
            return
        siblings = doc.stages(entity.journey_id) if isinstance(entity, Stage) else doc.lanes(entity.journey_id)
        current = next(i for i, s in enumerate(siblings) if s.id == element_id)
        index = boundary - 1 if boundary > current else boundary
        if index == current:
            return
        self.run(ops.move_stage if is_stage else ops.move_lane, element_id, index)

    def link_cards(self, source_id: str, target_id: str, global_pos: QPoint) -> None:
        kind = self.choose_relation_kind(global_pos)
        if kind is None:
            return
        relation = self.run(ops.link, source_id, target_id, kind)
        if relation is not None:
            self.select_ids([relation.id], ensure_visible=False)

    def choose_relation_kind(self, global_pos: QPoint) -> str | None:
        """Ask with a small menu which kind of relation to draw; None if the user dismisses it."""
        menu = QMenu(self)
        menu.setObjectName("relationKindMenu")
        from cxstudio.ui.canvas.context_menu import relation_kind_labels

        for kind, label in relation_kind_labels():
            action = menu.addAction(label)
            action.setData(kind)
        chosen = menu.exec(global_pos)
        menu.deleteLater()
        return str(chosen.data()) if chosen is not None else None

    # ------------------------------------------------------------------ edit commands
    def _selected_card_ids(self) -> list[str]:
        return self.journey_scene.selected_card_ids()

    def _copy_selected_cards(self, none_selected: str) -> list[str]:
        """Put the selected cards on the card clipboard and return their ids; none: say `none_selected`, return []."""
        ids = self._selected_card_ids()
        if not ids:
            self.message.emit(none_selected)
            return []
        CARD_CLIPBOARD.set(ops.copy_cards(self._project.document, ids))
        return ids

    def copy_selection(self) -> None:
        self._copy_selected_cards(_tr("Select one or more cards to copy."))

    def cut_selection(self) -> None:
        if self.edit_refused():
            return
        ids = self._copy_selected_cards(_tr("Select one or more cards to cut."))
        if ids:
            self.run(ops.cut_cards, ids)

    def paste(self) -> None:
        journey_id = self._document_journey()
        if journey_id is None:
            return
        if not CARD_CLIPBOARD:
            self.message.emit(_tr("The clipboard holds no cards."))
            return
        stage_id, lane_id = self._paste_target()
        new_ids = self.run(ops.paste_cards, CARD_CLIPBOARD.content, journey_id, stage_id, lane_id)
        if new_ids:
            self.select_ids(new_ids)

    def paste_into(self, cell: tuple[str, str] | None) -> None:
        """Paste the copied cards into a given cell (stage id, lane id), e.g. the one right-clicked."""
        journey_id = self._document_journey()
        if journey_id is None or cell is None:
            return
        if not CARD_CLIPBOARD:
            self.message.emit(_tr("The clipboard holds no cards."))
            return
        new_ids = self.run(ops.paste_cards, CARD_CLIPBOARD.content, journey_id, *cell)
        if new_ids:
            self.select_ids(new_ids)

    def _paste_target(self) -> tuple[str | None, str | None]:
        """The cell under the mouse if it is over the canvas, else the cell of the last selected card."""
        scene = self.journey_scene
        cursor = self.viewport().mapFromGlobal(self.cursor().pos())
        if self.viewport().rect().contains(cursor):
            cell = scene.real_cell_at(self.mapToScene(cursor))
            if cell is not None:
                return cell
        selected = self._selected_card_ids()
        if selected:
            card = self._project.document.get(selected[-1], Card)
            return card.stage_id, card.lane_id
        return None, scene.first_card_lane_id()

    def duplicate_selection(self) -> None:
        ids = self._selected_card_ids()
        if not ids:
            self.message.emit(_tr("Select one or more cards to duplicate."))
            return
        new_ids = self.run(ops.duplicate_cards, ids)
        if new_ids:
            self.select_ids(new_ids)

    def delete_selection(self) -> None:
        from cxstudio.ui.delete_question import confirm_delete

        doc = self._project.document
        ids = [i for i in self.selected_ids() if i in doc]
        if not ids or (self._project.refusal() is None and not confirm_delete(self, doc, ids)):
            return
        self.run(ops.delete_elements, ids)

    # ------------------------------------------------------------------ inline editing
    def edit_selected_title(self) -> None:
        cards = self._selected_card_ids()
        if cards:
            self.edit_card_title(cards[-1])
            return
        headers = [i for i in self.selected_ids() if isinstance(self._project.document.find(i), (Stage, Lane))]
        if headers:
            self.edit_header_name(headers[-1])

    def edit_card_title(self, card_id: str) -> None:
        item = self.journey_scene.items_by_id.get(card_id)
        if not isinstance(item, CardItem) or self.edit_refused():
            return
        card = self._project.document.get(card_id, Card)
        self.ensureVisible(item.sceneBoundingRect(), 20, 20)

        def commit(text: str) -> None:
            if card_id in self._project.document and text != self._project.document.get(card_id, Card).title:
                self.run(ops.edit_card, card_id, title=text)

        self._open_editor(item.sceneBoundingRect(), card.title, commit, item.title_size())

    def edit_header_name(self, element_id: str) -> None:
        item = self.journey_scene.items_by_id.get(element_id)
        entity = self._project.document.find(element_id)
        if not isinstance(item, HeaderItem) or not isinstance(entity, (Stage, Lane)) or self.edit_refused():
            return

        def commit(text: str) -> None:
            if element_id in self._project.document and text.strip() and text != entity.name:
                self.run(ops.rename, element_id, text)

        self._open_editor(item.sceneBoundingRect(), entity.name, commit, item.title_size())

    def create_card_at(self, scene_pos: QPointF, kind: str = CardKind.STEP.value,
                       edit_title: bool = True) -> str | None:
        """Create a card in the cell under `scene_pos`; with `edit_title` the title editor opens first.

        The card is created when the title is committed (Enter or clicking elsewhere), so
        creating and naming it is one undo step and Esc leaves the journey as it was. Without
        `edit_title` the card is made at once and its id returned.
        """
        scene = self.journey_scene
        if self.edit_refused():
            return None
        target = scene.new_card_target(scene_pos, kind)
        if target is None:
            self.message.emit(self._no_cell_message(scene_pos))
            return None
        place, rect = target

        def create(title: str) -> str | None:
            card = self.run(ops.add_card, place.stage_id, place.lane_id, title, place.kind, place.index, **place.fields)
            if card is None:
                return None
            self.select_ids([card.id], ensure_visible=False)
            return card.id

        if edit_title:
            self._open_editor(rect, "", create, scene.title_size())
            return None
        return create("")

    def _no_cell_message(self, scene_pos: QPointF) -> str:
        if self.journey_scene.layout is None:
            return _tr("Open a journey first.")
        if self.journey_scene.is_curve_lane_at(scene_pos):
            return _tr("The emotion curve is drawn from the ratings of the cards; rate a card to add a point.")
        return _tr("Drop cards into a cell of the map (below a stage, beside a lane).")

    def _open_editor(self, rect: QRectF, text: str, commit: Callable[[str], object], size: float) -> None:
        self._close_editor(commit=True)

        def committed(value: str) -> None:
            self._editor = None
            self.setFocus(Qt.FocusReason.OtherFocusReason)
            commit(value)

        def cancelled() -> None:
            self._editor = None
            self.setFocus(Qt.FocusReason.OtherFocusReason)

        from cxstudio.ui.canvas.editor import InlineTitleEditor  # with the first F2 or drop

        self._editor = InlineTitleEditor(self, rect, text, committed, cancelled, size)

    def _close_editor(self, commit: bool) -> None:
        editor = self._editor
        if editor is not None and not editor.finished:
            editor.commit() if commit else editor.cancel()
        self._editor = None

    def inline_editor(self) -> InlineTitleEditor | None:
        """The open inline title editor, if any."""
        return self._editor

    # ------------------------------------------------------------------ mouse
    def set_mode(self, mode: MouseMode) -> None:
        self._mode = mode
        self.viewport().setCursor(mode.cursor if not self.space_held or mode.cursor != Qt.CursorShape.ArrowCursor
                                  else Qt.CursorShape.OpenHandCursor)
        mode.enter()

    def mode(self) -> MouseMode:
        return self._mode

    def scroll_to(self, scene_rect: QRectF) -> None:
        """Scroll so that `scene_rect` is visible with a small margin (a drag near the edge)."""
        self.ensureVisible(scene_rect, 20, 20)

    def pan_by(self, dx: int, dy: int) -> None:
        """Move the visible part of the map with the mouse: the content follows by (dx, dy) pixels."""
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setValue(horizontal.value() - dx)
        vertical.setValue(vertical.value() - dy)

    def tell_derived_lanes(self) -> None:
        self.message.emit(self.derived_lane_message())

    def remember_cell(self, scene_pos: QPointF | None) -> None:
        """Make the card cell at `scene_pos` the insertion point (highlighted); None or no cell there forgets it."""
        if scene_pos is None:
            self.cell_marker.forget()
        else:
            self.cell_marker.remember_at(scene_pos)

    def current_cell(self) -> tuple[str, str] | None:
        """The remembered insertion point (stage id, lane key of the view), if any."""
        return self.cell_marker.cell

    def insert_card_in_current_cell(self, kind: str) -> str | None:
        """Insert > Card into the remembered cell: a new card at the cell's end, its title open for typing."""
        layout, cell = self.journey_scene.layout, self.cell_marker.cell
        rect = layout.cells.get(cell) if layout is not None and cell is not None else None
        if rect is None:
            return None
        card_id = self.create_card_at(QPointF(rect.center[0], rect.bottom - 1), kind, edit_title=False)
        if card_id is not None:
            self.edit_card_title(card_id)
        return card_id

    def scene_pos(self, event: QMouseEvent) -> QPointF:
        return self.mapToScene(event.position().toPoint())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._close_editor(commit=True)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if event.button() == Qt.MouseButton.RightButton and isinstance(self._mode, IdleMode):
            event.ignore()  # Qt turns an unaccepted right press (release on Windows) into the context menu event
            return
        self._mode.press(event)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._mode.move(event)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.RightButton and isinstance(self._mode, IdleMode):
            event.ignore()
            return
        self._mode.release(event)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if not isinstance(self._mode, IdleMode):
            self._mode.cancel()
        pos = self.scene_pos(event)
        item = self.journey_scene.element_at(pos)
        if isinstance(item, CardItem):
            self.journey_scene.set_selection([item.element_id])
            self.edit_card_title(item.element_id)
        elif isinstance(item, HeaderItem):
            if item.selectable:
                self.edit_header_name(item.element_id)
            else:
                self.message.emit(self.derived_lane_message())
        elif item is None:
            self.create_card_at(pos)
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The right-click menu for the card, header, arrow or cell under the mouse.

        From the keyboard (the menu key, Shift+F10) it opens on the last selected element, if visible.
        """
        if not isinstance(self._mode, IdleMode):
            self._mode.cancel()
        self._close_editor(commit=True)
        view_pos, global_pos = event.pos(), event.globalPos()
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            item = next((self.journey_scene.items_by_id.get(i) for i in reversed(self.selected_ids())
                         if i in self.journey_scene.items_by_id), None)
            if item is not None:
                centre = self.mapFromScene(item.sceneBoundingRect().center())
                if self.viewport().rect().contains(centre):
                    view_pos, global_pos = centre, self.viewport().mapToGlobal(centre)
        from cxstudio.ui.canvas.context_menu import build_context_menu  # with the first right-click

        menu = build_context_menu(self, self, self.mapToScene(view_pos))
        menu.exec(global_pos)
        menu.deleteLater()
        event.accept()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.space_held = False
        super().focusOutEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._editor is not None and not self._editor.finished:
            self._editor.reposition()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if self._editor is not None and not self._editor.finished:
            self._editor.reposition()

    # ------------------------------------------------------------------ keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Space and not control:
            if not event.isAutoRepeat():
                self.space_held = True
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if key == Qt.Key.Key_Escape:
            if not isinstance(self._mode, IdleMode):
                self._mode.cancel()
            else:
                self.journey_scene.set_selection([])
                self.cell_marker.forget()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif control and key == Qt.Key.Key_D:
            self.duplicate_selection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not control:
            self.delete_selection()
        elif key == Qt.Key.Key_F2 or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not control):
            self.edit_selected_title()
        elif control and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif control and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif control and key == Qt.Key.Key_0:
            self.zoom_to_fit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._select_neighbour(key, extend=bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        elif control and key == Qt.Key.Key_A:
            self.journey_scene.set_selection(self.journey_scene.all_card_ids())
        elif key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            centre = self.viewport().rect().center()
            self.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, centre,
                                                    self.viewport().mapToGlobal(centre)))
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = False
            self.viewport().setCursor(self._mode.cursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _select_neighbour(self, key: int, extend: bool) -> None:
        scene = self.journey_scene
        selected = scene.selected_card_ids()
        if not selected:
            first = scene.first_card_id()
            if first is not None:
                self.select_ids([first])
            return
        direction = {
            Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1),
        }[Qt.Key(key)]
        neighbour = scene.neighbour_card(selected[-1], direction)
        if neighbour is None:
            return
        ids = [i for i in selected if i != neighbour] + [neighbour] if extend else [neighbour]
        self.select_ids(ids)
