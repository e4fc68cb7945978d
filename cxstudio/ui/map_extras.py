"""The catalogue dock, catalogue drops, the persona band and actions lane switches and persona pictures, in the window.

`install_map_extras(window)` is the one call from the main window. The switches are window state
(not history): they decide what `JourneyScene.layout_settings` asks of the layout, remembered in the
editor's settings; the Export / Print dialogs start from them (ui/export/options.py `shown_switches`).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu

from cxstudio.editing.operations import edit_element
from cxstudio.model.entities import Journey, Persona
from cxstudio.ui.canvas.catalogue_drop import CatalogueDrops
from cxstudio.ui.panels.catalogue import CataloguePanel
from cxstudio.ui.settings import settings_file

if TYPE_CHECKING:
    from cxstudio.api import ChangeSet
    from cxstudio.layout.settings import LayoutSettings
    from cxstudio.ui.canvas import JourneyCanvas
    from cxstudio.ui.main_window import MainWindow

PICTURE_FILTER = "*.png *.jpg *.jpeg *.gif *.bmp *.webp"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MapExtras", text)


def _store() -> QSettings:
    path = settings_file()
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "CX Studio", "cxstudio")


def _menu_with(window: MainWindow, action: QAction) -> QMenu | None:
    """The menu bar's menu that holds `action` (the window builds its menus without keeping them)."""
    for entry in window.menuBar().actions():
        menu = entry.menu()
        if menu is not None and action in menu.actions():
            return menu
    return None


class MapExtras(QObject):
    """The catalogue dock and drops, the persona band and actions lane switches, the persona picture."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = CataloguePanel()
        self.panel.cardChosen.connect(self.show_card)
        self.dock = QDockWidget(_tr("Catalogue"), window)
        self.dock.setObjectName("catalogueDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.outline_dock, self.dock)
        window.outline_dock.raise_()
        store = _store()
        self.act_persona_band = self._switch("actionPersonaBand", _tr("&Persona Band"),
                                             store.value("map/persona_band", True, type=bool))
        self.act_actions_lane = self._switch("actionActionsLane", _tr("&Actions Lane"),
                                             store.value("map/actions_lane", False, type=bool))
        self.act_picture = QAction(_tr("Persona &Picture…"), window)
        self.act_picture.setObjectName("actionPersonaPicture")
        self.act_picture.triggered.connect(lambda: self.import_picture())
        self.act_remove_picture = QAction(_tr("Remove Persona Picture"), window)
        self.act_remove_picture.setObjectName("actionRemovePersonaPicture")
        self.act_remove_picture.triggered.connect(self.remove_picture)
        view_menu = _menu_with(window, window.act_zoom_in)
        if view_menu is not None:
            view_menu.insertActions(window.act_focus_map, [self.act_persona_band, self.act_actions_lane])
            view_menu.insertSeparator(window.act_focus_map)
            panels = next((a.menu() for a in view_menu.actions() if a.menu() is not None), None)
            if panels is not None:
                panels.addAction(self.dock.toggleViewAction())
        journey_menu = _menu_with(window, window.act_journey_properties)
        if journey_menu is not None:
            journey_menu.addActions([self.act_picture, self.act_remove_picture])
        self._canvas: JourneyCanvas | None = None
        self._drops: CatalogueDrops | None = None
        window.files.changed.connect(self._on_changed)
        window.projectChanged.connect(self._project_changed)
        self._project_changed()

    def _switch(self, name: str, text: str, checked: bool) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setChecked(checked)
        action.toggled.connect(lambda _on: self.apply_switches(remember=True))
        return action

    # ------------------------------------------------------------------ the project
    def _project_changed(self) -> None:
        window = self.window
        project = window.project
        locked = project is not None and project.refusal() is not None
        window.setup.later(self._fill_catalogue)  # a tab behind the outline: after the first paint at start-up
        for action in (self.act_picture, self.act_remove_picture):
            action.setEnabled(project is not None and not locked)
        self._canvas = window.canvas
        if self._canvas is not None:
            self._drops = CatalogueDrops(self._canvas)
            self._canvas.viewport().installEventFilter(self)
            self.apply_switches()

    def _fill_catalogue(self) -> None:
        project = self.window.project
        self.panel.set_project(project, project is not None and project.refusal() is not None)

    def _on_changed(self, change_set: ChangeSet, _origin: str) -> None:
        self.panel.apply_change_set(change_set)

    def switched(self, settings: LayoutSettings) -> LayoutSettings:
        """`settings` with the View menu's persona band and actions lane (a new map is laid out with them once)."""
        return dataclasses.replace(settings, persona_band=self.act_persona_band.isChecked(),
                                   actions_lane=self.act_actions_lane.isChecked())

    def apply_switches(self, remember: bool = False) -> None:
        """Show or hide the persona band and the actions lane on the map (and remember the choice)."""
        if remember:
            store = _store()
            store.setValue("map/persona_band", self.act_persona_band.isChecked())
            store.setValue("map/actions_lane", self.act_actions_lane.isChecked())
        canvas = self.window.canvas
        if canvas is None:
            return
        scene = canvas.journey_scene
        settings = self.switched(scene.layout_settings)
        if settings != scene.layout_settings:
            scene.layout_settings = settings
            scene.relayout()

    # ------------------------------------------------------------------ catalogue
    def show_card(self, journey_id: str, card_id: str) -> None:
        """Show the journey of a card from the "used in" list and select the card on its map."""
        window = self.window
        if window.project is None or card_id not in window.project.document:
            return
        window.selection.select([card_id], journey_id)
        canvas = window.canvas
        if canvas is not None:
            canvas.select_ids([card_id])

    # ------------------------------------------------------------------ persona
    def current_persona(self) -> Persona | None:
        project, journey_id = self.window.project, self.window.current_journey_id()
        if project is None or journey_id is None:
            return None
        journey = project.document.find(journey_id)
        persona = project.document.find(journey.persona_id) if isinstance(journey, Journey) and journey.persona_id else None
        return persona if isinstance(persona, Persona) else None

    def import_picture(self, path: str | None = None) -> bool:
        """Import a picture for the current journey's persona (a file dialog unless `path` is given); one undo step."""
        persona = self.current_persona()
        if persona is None:
            self.window.show_message(_tr("This journey has no persona; choose one in the journey's properties."))
            return False
        if path is None:
            path, _chosen = QFileDialog.getOpenFileName(
                self.window, _tr("Picture of %1").replace("%1", persona.name), "",
                _tr("Pictures (%1)").replace("%1", PICTURE_FILTER))
            if not path:
                return False
        from cxstudio.ui.persona_picture import PictureError, picture_from_file

        try:
            data = picture_from_file(path)
        except PictureError as error:
            self.window.show_message(str(error))
            return False
        return self.window.files.run(edit_element, persona.id, picture=data) is not None

    def remove_picture(self) -> None:
        persona = self.current_persona()
        if persona is not None and persona.picture is not None:
            self.window.files.run(edit_element, persona.id, picture=None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A double-click on the persona band edits the persona (on its picture: imports another); on an action in
        the actions lane it shows the action in the inspector."""
        if event.type() != QEvent.Type.MouseButtonDblClick or not isinstance(event, QMouseEvent):
            return False
        canvas = self.window.canvas
        layout = canvas.journey_scene.layout if canvas is not None else None
        if canvas is None or layout is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        pos: QPointF = canvas.mapToScene(event.position().toPoint())
        x, y = pos.x(), pos.y()
        band = layout.persona_band
        if band is not None and band.rect.contains(x, y):
            if band.picture_rect.contains(x, y) and self.window.project is not None \
                    and self.window.project.refusal() is None:
                self.import_picture()
            else:
                self._inspect(band.persona_id)
            return True
        lane = layout.actions_lane
        action_id = lane.note_at(x, y) if lane is not None else None
        if action_id is not None:
            self._inspect(action_id)
            return True
        return False

    def _inspect(self, element_id: str) -> None:
        window = self.window
        window.inspector.show_element(element_id)
        window.inspector_dock.show()
        window.inspector_dock.raise_()


def install_map_extras(window: MainWindow) -> MapExtras:
    """The catalogue dock (left, tabbed with the outline), catalogue drops on the map, the View menu's Persona Band
    and Actions Lane, and the Journey menu's persona picture commands."""
    extras = MapExtras(window)
    window.map_extras = extras  # type: ignore[attr-defined]
    return extras
