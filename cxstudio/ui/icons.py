"""The editor's icons: bundled Phosphor SVGs (MIT) by name, for actions, card kinds, lane kinds and views.

The SVG files live in cxstudio/resources/icons (see its README.md and LICENSE-Phosphor.txt). A
QIcon of an SVG renders only when first drawn, so building the icons costs next to nothing at
start-up (QtAwesome's font loading cost ~0.15 s there; see docs/ARCHITECTURE.md, "Dependencies").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon

from cxstudio.resources import RESOURCES_DIR

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

ICONS_DIR = RESOURCES_DIR / "icons"

# the main window's actions (by object name) -> icon file names
ACTION_ICONS: dict[str, str] = {
    "actionNew": "new", "actionOpen": "open", "actionSave": "save", "actionSaveAs": "save-as",
    "actionClose": "close", "actionExport": "export", "actionPrint": "print", "actionExportImage": "image",
    "actionPreferences": "preferences", "actionQuit": "quit", "actionUndo": "undo", "actionRedo": "redo",
    "actionCut": "cut", "actionCopy": "copy", "actionPaste": "paste", "actionDuplicate": "duplicate",
    "actionDelete": "delete", "actionEditTitle": "edit-title", "actionZoomIn": "zoom-in",
    "actionZoomOut": "zoom-out", "actionZoomFit": "zoom-fit", "actionZoomReset": "zoom-reset",
    "actionInsertCard": "insert-card", "actionInsertStage": "insert-stage", "actionNewJourney": "journey",
    "actionJourneyLeft": "journey-left", "actionJourneyRight": "journey-right",
    "actionJourneyProperties": "properties", "actionProjectProperties": "properties", "actionAbout": "about",
    "actionWorkshop": "workshop", "actionStartPage": "template",
    "actionView_map": "view-map", "actionView_blueprint": "view-blueprint",
    "actionView_swimlane_channel": "view-swimlane-channel",
    "actionView_swimlane_department": "view-swimlane-department",
}


@cache
def icon(name: str) -> QIcon:
    """The bundled icon `name` (a file stem in resources/icons); an empty icon for an unknown name."""
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def card_kind_icon(kind: str) -> QIcon:
    """The icon of a card kind ("pain_point" -> card-pain-point.svg)."""
    return icon("card-" + kind.replace("_", "-"))


def lane_kind_icon(kind: str) -> QIcon:
    """The icon of a lane kind ("emotion_curve" -> lane-emotion-curve.svg)."""
    return icon("lane-" + kind.replace("_", "-"))


def action_icon(object_name: str) -> QIcon | None:
    """The icon of an action by its object name (the Insert menu's kinds included), None when it has none."""
    name = ACTION_ICONS.get(object_name)
    if name is not None:
        return icon(name)
    for prefix, of_kind in (("actionInsertCard_", card_kind_icon), ("actionInsertLane_", lane_kind_icon)):
        if object_name.startswith(prefix):
            return of_kind(object_name.removeprefix(prefix))
    return None


def window_actions(window: QMainWindow) -> list[QAction]:
    """The window's own actions and those of its menu bar's menus and submenus, each once.

    The same actions with icons as `window.findChildren(QAction)` at start-up, for a twentieth of the cost
    (that walks every object of the window and makes a Python wrapper of each, ~3 ms before the first paint).
    """
    found: list[QAction] = []
    seen: set[int] = set()
    waiting = [*window.actions(), *window.menuBar().actions()]
    while waiting:
        action = waiting.pop(0)
        if id(action) in seen:
            continue
        seen.add(id(action))
        found.append(action)
        menu = action.menu()
        if menu is not None:
            waiting.extend(menu.actions())
    return found


def set_action_icons(actions: Iterable[QAction]) -> None:
    """Give each action with a known object name its icon (menus show it beside the text)."""
    for action in actions:
        found = action_icon(action.objectName())
        if found is not None:
            action.setIcon(found)
