"""The editor's main window: the chrome (menus, toolbar, docks, status bar) that puts the canvas, panels and commands together."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cxstudio.api import ChangeSet, OpenProject
from cxstudio.layout import ViewKind
from cxstudio.model.entities import CardKind
from cxstudio.model.events import event_kind
from cxstudio.resources import RESOURCES_DIR
from cxstudio.ui import files, labels
from cxstudio.ui.analytics_view import install_analytics
from cxstudio.ui.autosave import Autosave
from cxstudio.ui.compare_commands import CompareCommands
from cxstudio.ui.edit_commands import EditCommands, add_kinds_menu
from cxstudio.ui.i18n import Translations, choose_language
from cxstudio.ui.icons import set_action_icons, window_actions
from cxstudio.ui.journey_tabs import JourneyTabs
from cxstudio.ui.map_extras import install_map_extras
from cxstudio.ui.panels.history import HistoryPanel
from cxstudio.ui.panels.inspector import InspectorPanel
from cxstudio.ui.panels.outline import OutlinePanel
from cxstudio.ui.panels.palette import PalettePanel
from cxstudio.ui.project_controller import PROJECT_SUFFIX, ProjectController
from cxstudio.ui.selection import SelectionModel, bind_inspector, bind_outline
from cxstudio.ui.settings import EditorSettings
from cxstudio.ui.sharing import SharingCommands
from cxstudio.ui.toolbar import build_main_toolbar
from cxstudio.ui.window_setup import WindowSetup
from cxstudio.ui.workshop import WorkshopMode

if TYPE_CHECKING:  # the events' types only annotate: importing one makes PySide6 create it (~0.5 ms)
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QShowEvent

    from cxstudio.ui.bridge import SessionBridge
    from cxstudio.ui.canvas import JourneyCanvas
    from cxstudio.ui.workspace import WorkspaceController

ICONS_DIR = RESOURCES_DIR / "icons"
__all__ = ["PROJECT_SUFFIX", "MainWindow", "app_icon", "reopen_in_language"]


def app_icon() -> QIcon:
    return QIcon(str(ICONS_DIR / "cxstudio.svg"))


class MainWindow(QMainWindow):
    """One project per window: the journey map canvas in the centre, panels around it, files in the menus.

    The project and its file belong to `files` (a ProjectController); the current journey and the
    selection to `selection` (a SelectionModel), which the canvas, journey tabs, outline, inspector
    and status bar watch. Every edit the window makes goes through `files.run`.
    """

    projectChanged = Signal()
    languageChosen = Signal(str)  # the user picked another UI language in the preferences ("" = the system's)

    def __init__(self, settings: EditorSettings | None = None, language: str = "en",
                 parent: QWidget | None = None, map_first: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.settings = settings or EditorSettings()
        self.language = language
        self.selection = SelectionModel(self)
        self.selection.selectionChanged.connect(lambda _ids: self._update_status())
        self.selection.journeyChanged.connect(lambda _journey_id: self._update_status())
        self.setup = WindowSetup(self, deferred=map_first)  # map_first: hidden parts after the first paint
        self.files = ProjectController(self, self.settings, language, self._flush_typing)
        self.files.message.connect(self.show_message)
        self.files.saved.connect(self._after_save)
        self.files.projectChanged.connect(self._show_project)
        self.autosave = Autosave(self.files.autosave, self)  # off unless the preferences turn it on
        self.autosave.configure(self.settings.autosave_minutes())
        self.canvas: JourneyCanvas | None = None
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._build_central()
        self._build_panels()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.setup.later(self._install_workspace)  # see `workspace`
        install_map_extras(self)  # catalogue dock and drops, persona band, actions lane, persona picture
        self._restore_window()
        self._show_project()

    # ================================================================== building
    def _build_central(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = self.files.banner
        self.banner_label = self.banner.label
        column.addWidget(self.banner)

        tab_row = QHBoxLayout()
        tab_row.setContentsMargins(4, 2, 4, 0)
        self.journey_tabs = JourneyTabs(self.selection, self.files)
        add_journey = self.add_journey_button = QToolButton()
        add_journey.setObjectName("addJourneyButton")
        add_journey.setText("+")
        add_journey.setToolTip(self.tr("New journey"))
        add_journey.clicked.connect(self.new_journey)
        self.view_choice = QComboBox()
        self.view_choice.setObjectName("viewChoice")
        for value, text in labels.view_kinds().items():
            self.view_choice.addItem(text, value)
        self.view_choice.activated.connect(lambda index: self.set_view(self.view_choice.itemData(index)))
        tab_row.addWidget(self.journey_tabs, 1)
        tab_row.addWidget(add_journey)
        tab_row.addSpacing(12)
        tab_row.addWidget(QLabel(self.tr("View:")))
        tab_row.addWidget(self.view_choice)
        self.tab_row = QWidget()
        self.tab_row.setLayout(tab_row)
        column.addWidget(self.tab_row)

        self.stack = QStackedWidget()
        self.start_page = self._build_start_page()
        self.stack.addWidget(self.start_page)
        self.canvas_host = QWidget()
        host_layout = QVBoxLayout(self.canvas_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.canvas_host)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_start_page(self) -> QWidget:
        """Templates, the worked examples, recent files and "Open a file…" (cxstudio.ui.start_page)."""
        from cxstudio.ui.start_page import StartPage

        return StartPage(self.files, self.language)

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        self.palette = PalettePanel(fill_now=False)
        self.setup.later(self.palette.fill)  # the map is painted first (map_first), the panels' entries right after
        self.outline = OutlinePanel()
        self.edits = EditCommands(self.selection, self.files, self.outline, lambda: self.canvas, self)
        self.edits.message.connect(self.show_message)
        self.palette.insertRequested.connect(self.edits.insert_from_palette)
        self.outline.message.connect(self.show_message)
        self.inspector = InspectorPanel()
        self.inspector.message.connect(self.show_message)
        self.inspector.shownChanged.connect(self._update_status)  # the status bar names what the inspector shows
        self.history = HistoryPanel()
        bind_outline(self.selection, self.outline)
        bind_inspector(self.selection, self.inspector, self.setup)  # map_first: its form after the first paint
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.palette_dock = self._dock("paletteDock", self.tr("Palette"), self.palette, left)
        self.outline_dock = self._dock("outlineDock", self.tr("Outline"), self.outline, left)
        self.inspector_dock = self._dock("inspectorDock", self.tr("Inspector"), self.inspector, right)
        self.history_dock = self._dock("historyDock", self.tr("History"), self.history, right)
        self.history_dock.raise_()
        self.resizeDocks([self.palette_dock, self.inspector_dock], [220, 340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.inspector_dock, self.history_dock], [560, 200], Qt.Orientation.Vertical)
        self.analytics_dock = install_analytics(self)  # findings, the map's filter bar, dimming (self.analytics)

    def _action(self, name: str, text: str, slot: Callable[[], object],
                shortcuts: QKeySequence.StandardKey | Sequence[str] | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcuts is not None:
            if isinstance(shortcuts, QKeySequence.StandardKey):
                action.setShortcuts(shortcuts)
            else:
                action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: self._run_command(slot))
        self.addAction(action)
        return action

    def _flush_typing(self) -> None:
        self.inspector.flush()

    def _run_command(self, slot: Callable[[], object]) -> None:
        """Every command first commits typing the inspector held back, so it acts on what the user sees."""
        self.inspector.flush()
        slot()

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        a = self._action
        self.act_new = a("actionNew", self.tr("&New…"), self.new_project, key.New)
        self.act_open = a("actionOpen", self.tr("&Open…"), self.open_dialog, key.Open)
        self.act_save = a("actionSave", self.tr("&Save"), self.save, key.Save)
        self.act_save_as = a("actionSaveAs", self.tr("Save &As…"), self.save_as, ["Ctrl+Shift+S"])
        self.act_close = a("actionClose", self.tr("&Close"), self.close_project, ["Ctrl+W"])
        self.act_export = a("actionExport", self.tr("&Export / Print…"), lambda: self._open_export("export"),
                            ["Ctrl+E"])
        self.act_print = a("actionPrint", self.tr("Prin&t…"), lambda: self._open_export("print"), ["Ctrl+P"])
        self.act_export_image = a("actionExportImage", self.tr("Export &Image…"), lambda: self._open_export("image"),
                                  ["Ctrl+Shift+E"])
        self.act_preferences = a("actionPreferences", self.tr("&Preferences…"), self.preferences, ["Ctrl+,"])
        self.act_quit = a("actionQuit", self.tr("&Quit"), self.close, ["Ctrl+Q"])
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_undo = a("actionUndo", self.tr("&Undo"), self.edits.undo, ["Ctrl+Z"])
        self.act_redo = a("actionRedo", self.tr("&Redo"), self.edits.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.act_cut = a("actionCut", self.tr("Cu&t"), self.edits.on_canvas(lambda c: c.cut_selection()), ["Ctrl+X"])
        self.act_copy = a("actionCopy", self.tr("&Copy"), self.edits.on_canvas(lambda c: c.copy_selection()), ["Ctrl+C"])
        self.act_paste = a("actionPaste", self.tr("&Paste"), self.edits.on_canvas(lambda c: c.paste()), ["Ctrl+V"])
        self.act_duplicate = a("actionDuplicate", self.tr("D&uplicate"),
                               self.edits.on_canvas(lambda c: c.duplicate_selection()), ["Ctrl+D"])
        self.act_delete = a("actionDelete", self.tr("&Delete"), self.edits.delete_selection, ["Del"])
        self.act_edit_title = a("actionEditTitle", self.tr("Edit &Title"), self.edits.edit_title, ["F2"])
        self.act_zoom_in = a("actionZoomIn", self.tr("Zoom &In"), self.edits.on_canvas(lambda c: c.zoom_in()),
                             ["Ctrl++", "Ctrl+="])
        self.act_zoom_out = a("actionZoomOut", self.tr("Zoom &Out"), self.edits.on_canvas(lambda c: c.zoom_out()),
                              ["Ctrl+-"])
        self.act_zoom_fit = a("actionZoomFit", self.tr("&Fit to Window"), self.edits.on_canvas(lambda c: c.zoom_to_fit()),
                              ["Ctrl+0"])
        self.act_zoom_reset = a("actionZoomReset", self.tr("&Actual Size"), self.edits.on_canvas(lambda c: c.reset_zoom()),
                                ["Ctrl+1"])
        self.view_group = QActionGroup(self)
        self.view_actions: dict[str, QAction] = {}
        for position, (value, text) in enumerate(labels.view_kinds().items(), start=1):
            action = a(f"actionView_{value}", text, lambda v=value: self.set_view(v), [f"Ctrl+Alt+{position}"])
            action.setCheckable(True)
            self.view_group.addAction(action)
            self.view_actions[value] = action
        self.act_focus_map = a("actionFocusMap", self.tr("Go to &Map"), lambda: self.focus_panel("map"),
                               ["Ctrl+Shift+M"])
        self.act_focus_outline = a("actionFocusOutline", self.tr("Go to O&utline"),
                                   lambda: self.focus_panel("outline"), ["Ctrl+Shift+O"])
        self.act_focus_inspector = a("actionFocusInspector", self.tr("Go to I&nspector"),
                                     lambda: self.focus_panel("inspector"), ["Ctrl+Shift+I"])
        self.act_focus_palette = a("actionFocusPalette", self.tr("Go to Pa&lette"),
                                   lambda: self.focus_panel("palette"), ["Ctrl+Shift+P"])
        self.act_insert_card = a("actionInsertCard", self.tr("&Card"), lambda: self.edits.insert_card(CardKind.STEP.value),
                                 ["Ctrl+Return"])
        self.act_insert_stage = a("actionInsertStage", self.tr("&Stage"), self.edits.insert_stage, ["Ctrl+Shift+Return"])
        self.act_new_journey = a("actionNewJourney", self.tr("&New Journey"), self.new_journey, ["Ctrl+T"])
        self.act_rename_journey = a("actionRenameJourney", self.tr("&Rename Journey…"),
                                    self.journey_tabs.rename_journey)
        self.act_delete_journey = a("actionDeleteJourney", self.tr("&Delete Journey"), self.delete_journey)
        self.act_journey_left = a("actionJourneyLeft", self.tr("Move Journey &Left"), lambda: self.move_journey(-1))
        self.act_journey_right = a("actionJourneyRight", self.tr("Move Journey Ri&ght"), lambda: self.move_journey(1))
        self.act_next_journey = a("actionNextJourney", self.tr("&Next Journey"), lambda: self.journey_tabs.step_journey(1),
                                  ["Ctrl+PgDown"])
        self.act_previous_journey = a("actionPreviousJourney", self.tr("Pre&vious Journey"),
                                      lambda: self.journey_tabs.step_journey(-1), ["Ctrl+PgUp"])
        self.act_journey_properties = a("actionJourneyProperties", self.tr("Journey &Properties"),
                                        self.show_journey_properties)
        self.act_project_properties = a("actionProjectProperties", self.tr("Pro&ject Properties"),
                                        self.show_project_properties)
        self.act_about = a("actionAbout", self.tr("&About CX Studio"), self.about)
        self.act_about_qt = a("actionAboutQt", self.tr("About &Qt"), QApplication.aboutQt)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.files.recent_menu = self.recent_menu
        self.recent_menu.aboutToShow.connect(self.files.fill_recent_menu)
        self.files.fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export, self.act_export_image, self.act_print])
        from cxstudio.ui.office import OfficeCommands  # Excel, CSV and PowerPoint: export and import

        self.office = OfficeCommands(self, file_menu)
        self.sharing = SharingCommands(self, file_menu)  # Open for Review, Save Client Copy, the Comments dock
        self.compare = CompareCommands(self, file_menu)  # Compare With…, Merge Returned File…, the Compare dock
        file_menu.addSeparator()
        file_menu.addActions([self.act_project_properties, self.act_preferences])
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])

        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.act_undo, self.act_redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate, self.act_delete])
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_edit_title)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_fit, self.act_zoom_reset])
        view_menu.addSeparator()
        view_menu.addActions(list(self.view_actions.values()))
        view_menu.addSeparator()
        view_menu.addActions([self.act_focus_map, self.act_focus_outline, self.act_focus_inspector,
                              self.act_focus_palette])
        view_menu.addSeparator()
        panels = view_menu.addMenu(self.tr("&Panels"))
        for dock in (self.palette_dock, self.outline_dock, self.inspector_dock, self.history_dock,
                     self.analytics_dock, self.sharing.comments_dock):
            panels.addAction(dock.toggleViewAction())
        self.workshop = WorkshopMode(self, view_menu)  # F11: full screen, quick capture, rating keys, timer

        insert_menu = bar.addMenu(self.tr("&Insert"))
        insert_menu.addAction(self.act_insert_card)
        card_kinds = add_kinds_menu(insert_menu, self.tr("Card of &Kind"), labels.card_kinds(), "actionInsertCard",
                                    lambda kind: self.edits.insert_card(kind))
        insert_menu.addAction(self.act_insert_stage)
        lane_kinds = add_kinds_menu(insert_menu, self.tr("&Lane"), labels.lane_kinds(), "actionInsertLane",
                                    lambda kind: self.edits.insert_lane(kind))
        self.edit_actions = [  # the actions that change the map: disabled while read-only or open for review
            self.act_cut, self.act_paste, self.act_duplicate, self.act_delete, self.act_edit_title, self.act_insert_card,
            self.act_insert_stage, self.act_new_journey, self.act_rename_journey, self.act_delete_journey,
            self.act_journey_left, self.act_journey_right, card_kinds.menuAction(), lane_kinds.menuAction()]

        journey_menu = bar.addMenu(self.tr("&Journey"))
        journey_menu.addActions([self.act_new_journey, self.act_rename_journey, self.act_delete_journey])
        journey_menu.addSeparator()
        journey_menu.addActions([self.act_next_journey, self.act_previous_journey])
        journey_menu.addSeparator()
        journey_menu.addActions([self.act_journey_left, self.act_journey_right])
        journey_menu.addSeparator()
        journey_menu.addAction(self.act_journey_properties)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.act_about, self.act_about_qt])
        self.journey_tabs.menu_actions = (self.act_new_journey, self.act_rename_journey, self.act_delete_journey,
                                          self.act_journey_properties)

    def _build_toolbar(self) -> None:  # icons, short fixed labels, the full command in the tooltip (ui.toolbar)
        groups = [[self.act_new, self.act_open, self.act_save], [self.act_undo, self.act_redo],
                  [self.act_insert_card, self.act_insert_stage, self.act_delete],
                  [self.act_zoom_out, self.act_zoom_in, self.act_zoom_fit], [self.workshop.action]]
        set_action_icons(action for group in groups for action in group)  # seen at the first paint
        # the menus' own (the Insert menu's kinds included) are first seen when a menu opens
        self.setup.later(lambda: set_action_icons(window_actions(self)))
        self.toolbar = build_main_toolbar(self, groups)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.selection_label = QLabel()
        self.selection_label.setObjectName("selectionStatus")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomStatus")
        bar.addPermanentWidget(self.selection_label)
        bar.addPermanentWidget(self.zoom_label)

    def _install_workspace(self) -> None:  # the project data window: after the first paint
        from cxstudio.ui.workspace import install_workspace
        self._workspace = install_workspace(self)

    @property
    def workspace(self) -> WorkspaceController:
        """View > Project Data… / Action Tracker… (`.data`); built after the first paint, or now if asked earlier."""
        self.setup.finish()
        return self._workspace

    # ================================================================== window state
    def _restore_window(self) -> None:
        geometry = self.settings.window_geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)

    def save_window_state(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())

    # ================================================================== the project in the window
    @property
    def project(self) -> OpenProject | None:
        return self.files.project

    @property
    def opened(self) -> files.OpenedFile | None:
        return self.files.opened

    def _show_project(self) -> None:
        """Put the open project (or none) into every part of the window."""
        project = self.files.project
        if self.canvas is not None:
            self.selection.disconnect(self.canvas)
            self.canvas.setParent(None)
            self.canvas.deleteLater()
            self.canvas = None
        bridge = self.files.bridge
        if project is not None and bridge is not None:
            bridge.changed.connect(self._on_changed)
        locked = project is not None and project.refusal() is not None  # read-only or review: no map edits
        self.inspector.set_project(project, locked)
        self.setup.later(self._fill_outline)  # after the first paint at start-up, else now
        self.history.set_session(
            project.session if project is not None else None, project is not None and project.read_only,
            go_to=(lambda index: files.go_to_step(project, index)) if project is not None else None,
        )
        self.palette.setEnabled(not locked)
        self.selection.reset(project.document if project is not None else None)
        if project is not None and bridge is not None:
            self.canvas = self._make_canvas(project, bridge)
            self.canvas_host.layout().addWidget(self.canvas)
            self.stack.setCurrentWidget(self.canvas_host)
        else:
            self.stack.setCurrentWidget(self.start_page)
            self.start_page.focus_first()
        self.tab_row.setVisible(project is not None)
        self.journey_tabs.rebuild()
        self._update_actions()
        self._update_status()
        if self.canvas is not None:
            self.view_choice.setCurrentIndex(max(self.view_choice.findData(str(self.canvas.view())), 0))
            self._check_view_action()
        self.projectChanged.emit()

    def _fill_outline(self) -> None:
        """The outline of the current project, with the current selection selected in it."""
        project = self.project
        self.outline.set_project(project, project is not None and project.refusal() is not None)
        self.outline.select_ids([i for i in self.selection.ids if self.outline.item_for(i) is not None])

    def _make_canvas(self, project: OpenProject, bridge: SessionBridge) -> JourneyCanvas:
        from cxstudio.layout.settings import DEFAULT_SETTINGS
        from cxstudio.ui.canvas import JourneyCanvas

        extras = getattr(self, "map_extras", None)  # its switches (persona band, actions lane) from the first layout
        canvas = JourneyCanvas(project, bridge, selection=self.selection,
                               layout_settings=extras.switched(DEFAULT_SETTINGS) if extras is not None else None)
        canvas.setObjectName("journeyCanvas")
        canvas.language = self.language  # its project-file messages in the UI's language, not the locale's
        canvas.zoomChanged.connect(lambda _factor: self._update_status())
        canvas.message.connect(self.show_message)
        return canvas

    def _update_actions(self) -> None:
        project = self.project
        has_project = project is not None
        for action in (self.act_save, self.act_save_as, self.act_close, self.act_cut, self.act_copy,
                       self.act_paste, self.act_duplicate, self.act_delete, self.act_edit_title, self.act_zoom_in,
                       self.act_zoom_out, self.act_zoom_fit, self.act_zoom_reset, self.act_insert_card,
                       self.act_insert_stage, self.act_new_journey, self.act_project_properties,
                       *self.view_actions.values()):
            action.setEnabled(has_project)
        has_journey = project is not None and bool(project.document.journeys())
        for action in (self.act_rename_journey, self.act_delete_journey, self.act_journey_properties,
                       self.act_next_journey, self.act_previous_journey,
                       self.act_journey_left, self.act_journey_right, self.act_insert_card, self.act_insert_stage,
                       self.act_export, self.act_print, self.act_export_image):
            action.setEnabled(has_journey)
        locked = project is not None and project.refusal() is not None
        for action in self.edit_actions[-2:]:  # the Insert submenus of card and lane kinds
            action.setEnabled(has_journey and not locked)
        for action in self.edit_actions if locked else []:
            action.setEnabled(False)  # read-only or review: the edits are off
        self.add_journey_button.setEnabled(has_project and not locked)
        session = project.session if project is not None else None
        self.act_undo.setEnabled(bool(session and session.can_undo))
        self.act_redo.setEnabled(bool(session and session.can_redo))
        # a step name is the user's text: an "&" in a card title must not become a mnemonic
        self.act_undo.setText(self.tr("&Undo %1").replace("%1", labels.undo_step(session.undo_name).replace("&", "&&"))
                              if session and session.undo_name else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo %1").replace("%1", labels.undo_step(session.redo_name).replace("&", "&&"))
                              if session and session.redo_name else self.tr("&Redo"))

    def _open_export(self, what: str) -> None:
        """File > Export / Print, Print or Export Image for the current journey and view (cxstudio.ui.export)."""
        from cxstudio.ui.export.opening import open_export

        open_export(self, what)

    def _update_status(self) -> None:
        if self.canvas is None:
            self.zoom_label.setText("")
            self.selection_label.setText("")
            return
        self.zoom_label.setText(self.tr("Zoom %1 %").replace("%1", str(round(self.canvas.zoom_factor() * 100))))
        self.selection_label.setText(self.inspector.status_text())

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _after_save(self) -> None:
        self.history.refresh()

    # ================================================================== model changes
    def _on_changed(self, change_set: ChangeSet, _origin: str) -> None:
        self.outline.on_changed(change_set)
        self.inspector.on_changed(change_set)
        self.history.refresh()
        self.selection.follow_document()
        if any(event_kind(e) in ("journey", "project") for e in change_set.events):
            self.journey_tabs.rebuild()
        self._update_actions()
        self._update_status()

    # ================================================================== files (see ProjectController)
    def new_project(self) -> bool:
        return self.files.new_project()

    def new_from_template(self, choice: tuple[str, str] | None) -> bool:
        return self.files.new_from_template(choice)

    def open_dialog(self) -> bool:
        return self.files.open_dialog()

    def open_path(self, path: str | Path) -> bool:
        return self.files.open_path(path)

    def save(self) -> bool:
        return self.files.save()

    def save_as(self, path: str | Path | None = None) -> bool:
        return self.files.save_as(path)

    def close_project(self) -> bool:
        return self.files.close_project()

    def offer_recovery(self) -> bool:
        return self.files.offer_recovery()

    def hand_over_project(self) -> files.OpenedFile | None:
        """Give up the open project without closing it (for a window in another language)."""
        return self.files.hand_over()

    def take_over_project(self, opened: files.OpenedFile | None) -> None:
        """Show a project another window handed over, as it was (unsaved changes and undo history included)."""
        self.files.take_over(opened)

    # ================================================================== journeys (see JourneyTabs)
    def current_journey_id(self) -> str | None:
        return self.selection.journey_id

    def select_journey(self, journey_id: str) -> None:
        self.journey_tabs.select_journey(journey_id)

    def new_journey(self) -> str | None:
        return self.journey_tabs.new_journey()

    def delete_journey(self) -> None:
        self.journey_tabs.delete_journey()

    def move_journey(self, step: int) -> None:
        self.journey_tabs.move_journey(step)

    def show_journey_properties(self) -> None:
        journey_id = self.current_journey_id()
        if journey_id is not None:
            self.inspector.show_element(journey_id)
            self.inspector_dock.show()
            self.inspector_dock.raise_()

    def show_project_properties(self) -> None:
        project = self.project
        if project is not None:
            self.inspector.show_element(project.document.project.id)
            self.inspector_dock.show()
            self.inspector_dock.raise_()

    def focus_panel(self, which: str) -> None:
        """Move the keyboard focus to the map or a panel (showing the panel if it was closed)."""
        if which == "map":
            if self.canvas is not None:
                self.canvas.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        dock, target = {
            "outline": (self.outline_dock, self.outline.tree),
            "inspector": (self.inspector_dock, self.inspector),
            "palette": (self.palette_dock, self.palette.tree),
        }[which]
        dock.show()
        dock.raise_()
        if which == "inspector":
            target = next((w for w in self.inspector.findChildren(QWidget) if w.objectName().startswith("field_")
                           and w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus), self.inspector)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # ================================================================== views
    def set_view(self, value: str) -> None:
        if self.canvas is None:
            return
        self.canvas.set_view(ViewKind(value))
        self.view_choice.setCurrentIndex(max(self.view_choice.findData(value), 0))
        self._check_view_action()

    def _check_view_action(self) -> None:
        if self.canvas is not None:
            action = self.view_actions.get(str(self.canvas.view()))
            if action is not None:
                action.setChecked(True)

    # ================================================================== editing (see EditCommands)
    def undo(self) -> None:
        self.edits.undo()

    def redo(self) -> None:
        self.edits.redo()

    def preferences(self) -> None:
        from cxstudio.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        try:
            if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
                dialog.store()
                self.autosave.configure(self.settings.autosave_minutes())
                chosen = dialog.chosen_language()
                changed = chosen != self.settings.language()
                self.settings.set_language(chosen)
                if changed:
                    QTimer.singleShot(0, lambda: self.languageChosen.emit(chosen))
        finally:
            dialog.deleteLater()

    def about(self) -> None:
        from cxstudio import __version__

        QMessageBox.about(self, self.tr("About CX Studio"),
                          self.tr("CX Studio %1 — an editor for customer journey maps and service blueprints.")
                          .replace("%1", __version__))

    def showEvent(self, event: QShowEvent) -> None:
        self.setup.window_shown()  # map_first: the parts waiting for the first paint watch for it from now on
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self.files.release()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_project(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_project(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_project(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.open_path(path))

    @staticmethod
    def _dropped_project(event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> str | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(PROJECT_SUFFIX):
                return url.toLocalFile()
        return None



def reopen_in_language(window: MainWindow, translations: Translations, preference: str) -> MainWindow:
    """Rebuild `window` in the language `preference` names ("" = the system's), keeping its project open.

    The translators are switched, a new window takes the project (unsaved changes and undo
    history included), the old window's size and panel layout, and the old window closes.
    """
    language = choose_language(preference)
    translations.switch(language)
    geometry, state = window.saveGeometry(), window.saveState()
    opened = window.hand_over_project()
    replacement = MainWindow(window.settings, language)
    replacement.restoreGeometry(geometry)
    replacement.restoreState(state)
    replacement.take_over_project(opened)
    replacement.show()
    window.close()
    window.deleteLater()
    return replacement
