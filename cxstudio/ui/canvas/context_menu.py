"""The canvas's right-click menu: the commands that fit the card, header, arrow or cell under the mouse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QPointF
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from cxstudio.editing import operations as ops
from cxstudio.model.entities import Card, Lane, LaneKind, Relation, Stage
from cxstudio.ui import labels
from cxstudio.ui.canvas.clipboard import CARD_CLIPBOARD
from cxstudio.ui.canvas.items import CardItem, HeaderItem, RelationItem
from cxstudio.ui.canvas.scene import JourneyScene

if TYPE_CHECKING:
    from cxstudio.api import OpenProject

R = TypeVar("R")
VIEW_ONLY = "view-only"  # the data of a menu entry that changes nothing (kept on in read-only and review mode)


class MenuCommands(Protocol):
    """What the right-click menu needs of the canvas: its scene, the selection and the edit commands."""

    journey_scene: JourneyScene

    @property
    def project(self) -> OpenProject: ...
    def run(self, operation: Callable[..., R], *args: Any, **kwargs: Any) -> R | None: ...
    def selected_ids(self) -> list[str]: ...
    def select_ids(self, ids: list[str], ensure_visible: bool = True) -> None: ...
    def edit_card_title(self, card_id: str) -> None: ...
    def edit_header_name(self, element_id: str) -> None: ...
    def create_card_at(self, scene_pos: QPointF, kind: str = ..., edit_title: bool = True) -> None: ...
    def paste_into(self, cell: tuple[str, str] | None) -> None: ...
    def cut_selection(self) -> None: ...
    def copy_selection(self) -> None: ...
    def duplicate_selection(self) -> None: ...
    def delete_selection(self) -> None: ...
    def zoom_to_fit(self) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("CanvasMenu", text)


def relation_kind_labels() -> list[tuple[str, str]]:
    """The relation kinds in menu order with their translated names."""
    return list(labels.relation_kinds().items())


def build_context_menu(view: MenuCommands, parent: QWidget, scene_pos: QPointF) -> QMenu:
    """The menu for what lies at `scene_pos`; right-clicking an unselected element selects it first."""
    menu = QMenu(parent)
    menu.setObjectName("canvasContextMenu")
    item = view.journey_scene.element_at(scene_pos)
    if isinstance(item, CardItem):
        _card_menu(view, menu, item.element_id)
    elif isinstance(item, HeaderItem) and item.selectable:
        _header_menu(view, menu, item.element_id)
    elif isinstance(item, RelationItem):
        _relation_menu(view, menu, item.element_id)
    else:
        _cell_menu(view, menu, scene_pos)
    if view.project.refusal() is not None:  # read-only or review: only the entries that change nothing stay on
        for action in menu.actions():
            action.setEnabled(action.data() == VIEW_ONLY)
    return menu


def _select_for_menu(view: MenuCommands, element_id: str) -> list[str]:
    selected = view.selected_ids()
    if element_id not in selected:
        view.select_ids([element_id], ensure_visible=False)
        selected = [element_id]
    return selected


def _card_menu(view: MenuCommands, menu: QMenu, card_id: str) -> None:
    document = view.project.document
    selected = _select_for_menu(view, card_id)
    cards = [c for c in (document.find(i) for i in selected) if isinstance(c, Card)]
    ids = [c.id for c in cards]
    edit = menu.addAction(_tr("Edit title"), lambda: view.edit_card_title(card_id))
    edit.setShortcut(QKeySequence("F2"))
    ratings = menu.addMenu(_tr("Rating"))
    ratings.setObjectName("ratingMenu")
    current = {c.rating for c in cards}
    none = ratings.addAction(_tr("No rating"), lambda: view.run(ops.edit_cards, ids, rating=None))
    none.setCheckable(True)
    none.setChecked(current == {None})
    ratings.addSeparator()
    for value in range(10, 0, -1):
        action = ratings.addAction(str(value), lambda value=value: view.run(ops.edit_cards, ids, rating=value))
        action.setCheckable(True)
        action.setChecked(current == {value})
    for field, label in (("moment_of_truth", _tr("Moment of truth")), ("pain_point", _tr("Pain point"))):
        marked = all(getattr(c, field) for c in cards)
        action = menu.addAction(label, lambda field=field, marked=marked: view.run(ops.edit_cards, ids, **{field: not marked}))
        action.setCheckable(True)
        action.setChecked(marked)
    menu.addSeparator()
    for text, keys, command in (
        (_tr("Cut"), QKeySequence.StandardKey.Cut, view.cut_selection),
        (_tr("Copy"), QKeySequence.StandardKey.Copy, view.copy_selection),
        (_tr("Duplicate"), QKeySequence("Ctrl+D"), view.duplicate_selection),
    ):
        action = menu.addAction(text, command)
        action.setShortcut(QKeySequence(keys))
        if command == view.copy_selection:
            action.setData(VIEW_ONLY)
    menu.addSeparator()
    delete = menu.addAction(
        _tr("Delete card") if len(ids) == 1 else _tr("Delete %n cards").replace("%n", str(len(ids))), view.delete_selection
    )
    delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))


def _header_menu(view: MenuCommands, menu: QMenu, element_id: str) -> None:
    document = view.project.document
    _select_for_menu(view, element_id)
    element = document.find(element_id)
    rename = menu.addAction(_tr("Rename"), lambda: view.edit_header_name(element_id))
    rename.setShortcut(QKeySequence("F2"))
    if isinstance(element, Stage):
        siblings, insert = document.stages(element.journey_id), _insert_stage
        before, after, delete = _tr("Insert stage before"), _tr("Insert stage after"), _tr("Delete stage")
    elif isinstance(element, Lane):
        siblings, insert = document.lanes(element.journey_id), _insert_lane
        before, after, delete = _tr("Insert lane above"), _tr("Insert lane below"), _tr("Delete lane")
    else:
        return
    journey_id = element.journey_id
    position = [sibling.id for sibling in siblings].index(element_id)
    menu.addAction(before, lambda: insert(view, journey_id, position))
    menu.addAction(after, lambda: insert(view, journey_id, position + 1))
    menu.addSeparator()
    menu.addAction(delete, view.delete_selection)


def _insert_stage(view: MenuCommands, journey_id: str, index: int) -> None:
    stage = view.run(ops.add_stage, journey_id, view.journey_scene.default_stage_name(), index)
    if stage is not None:
        view.select_ids([stage.id])
        view.edit_header_name(stage.id)


def _insert_lane(view: MenuCommands, journey_id: str, index: int) -> None:
    kind = LaneKind.CARDS.value
    lane = view.run(ops.add_lane, journey_id, view.journey_scene.default_lane_name(kind), kind, index)
    if lane is not None:
        view.select_ids([lane.id])
        view.edit_header_name(lane.id)


def _relation_menu(view: MenuCommands, menu: QMenu, relation_id: str) -> None:
    _select_for_menu(view, relation_id)
    relation = view.project.document.find(relation_id)
    kinds = menu.addMenu(_tr("Kind of relation"))
    kinds.setObjectName("relationKindSubmenu")
    for kind, label in relation_kind_labels():
        action = kinds.addAction(label, lambda kind=kind: view.run(ops.edit_element, relation_id, kind=kind))
        action.setCheckable(True)
        action.setChecked(isinstance(relation, Relation) and relation.kind == kind)
    menu.addSeparator()
    delete = menu.addAction(_tr("Delete relation"), view.delete_selection)
    delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))


def _cell_menu(view: MenuCommands, menu: QMenu, scene_pos: QPointF) -> None:
    cell = view.journey_scene.real_cell_at(scene_pos)
    new_card = menu.addAction(_tr("New card here"), lambda: view.create_card_at(scene_pos))
    new_card.setEnabled(cell is not None)
    paste = menu.addAction(_tr("Paste here"), lambda: view.paste_into(cell))
    paste.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
    paste.setEnabled(cell is not None and bool(CARD_CLIPBOARD))
    menu.addSeparator()
    zoom = menu.addAction(_tr("Zoom to fit"), view.zoom_to_fit)
    zoom.setShortcut(QKeySequence("Ctrl+0"))
    zoom.setData(VIEW_ONLY)
