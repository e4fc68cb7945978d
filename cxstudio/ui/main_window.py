"""The editor's main window: menus, toolbar, journey tabs, the canvas, dockable panels, files and status bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cxstudio.editing import operations
from cxstudio.editing.session import ChangeSet
from cxstudio.model.entities import Card, CardKind, Journey, Lane, LaneKind, Stage
from cxstudio.model.errors import ModelError
from cxstudio.model.events import event_kind
from cxstudio.resources import RESOURCES_DIR
from cxstudio.ui import dialogs, files, labels
from cxstudio.ui.bridge import SessionBridge
from cxstudio.ui.panels.history import HistoryPanel
from cxstudio.ui.panels.inspector import InspectorPanel
from cxstudio.ui.panels.outline import OutlinePanel
from cxstudio.ui.panels.palette import PalettePanel
from cxstudio.ui.panels.project_data import ProjectDataPanel
from cxstudio.ui.settings import EditorSettings

PROJECT_SUFFIX = ".cxstudio"
ICONS_DIR = RESOURCES_DIR / "icons"


def app_icon() -> QIcon:
    return QIcon(str(ICONS_DIR / "cxstudio.svg"))


class MainWindow(QMainWindow):
    """One project per window: the journey map canvas in the centre, panels around it, files in the menus."""

    projectChanged = Signal()
    languageChosen = Signal(str)  # the user picked another UI language in the preferences ("" = the system's)

    def __init__(self, settings: EditorSettings | None = None, language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.settings = settings or EditorSettings()
        self.language = language
        self.opened: files.OpenedFile | None = None
        self.bridge: SessionBridge | None = None
        self.canvas: Any = None
        self._journey_ids: list[str] = []
        self._syncing_selection = False
        self._selection: list[str] = []
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._build_central()
        self._build_panels()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._restore_window()
        self._show_project()

    # ================================================================== building
    def _build_central(self) -> None:
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = QFrame()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setStyleSheet("#readOnlyBanner { background: #fff3cd; border-bottom: 1px solid #e0c36a; }"
                                  "#readOnlyBanner QLabel { color: #5c4400; }")
        banner_row = QHBoxLayout(self.banner)
        banner_row.setContentsMargins(10, 6, 10, 6)
        self.banner_label = QLabel()
        self.banner_label.setObjectName("readOnlyBannerText")
        self.banner_label.setWordWrap(True)
        banner_save_as = QPushButton(self.tr("Save As…"))
        banner_save_as.clicked.connect(self.save_as)
        banner_row.addWidget(self.banner_label, 1)
        banner_row.addWidget(banner_save_as)
        self.banner.hide()
        column.addWidget(self.banner)

        tab_row = QHBoxLayout()
        tab_row.setContentsMargins(4, 2, 4, 0)
        self.journey_tabs = QTabBar()
        self.journey_tabs.setObjectName("journeyTabs")
        self.journey_tabs.setMovable(True)
        self.journey_tabs.setExpanding(False)
        self.journey_tabs.setDocumentMode(True)
        self.journey_tabs.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.journey_tabs.currentChanged.connect(self._journey_tab_changed)
        self.journey_tabs.tabMoved.connect(self._journey_tab_moved)
        self.journey_tabs.tabBarDoubleClicked.connect(lambda index: self.rename_journey())
        self.journey_tabs.customContextMenuRequested.connect(self._journey_tab_menu)
        add_journey = QToolButton()
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
        page = QWidget()
        page.setObjectName("startPage")
        column = QVBoxLayout(page)
        column.addStretch(1)
        title = QLabel(self.tr("No project is open."))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        column.addWidget(title)
        row = QHBoxLayout()
        row.addStretch(1)
        for text, slot in ((self.tr("New project…"), self.new_project), (self.tr("Open…"), self.open_dialog)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(2)
        return page

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_panels(self) -> None:
        self.palette = PalettePanel()
        self.palette.insertRequested.connect(self.insert_from_palette)
        self.outline = OutlinePanel()
        self.outline.selectionChanged.connect(self._outline_selection)
        self.outline.message.connect(self.show_message)
        self.inspector = InspectorPanel()
        self.inspector.message.connect(self.show_message)
        self.history = HistoryPanel()
        self.project_data = ProjectDataPanel()
        self.project_data.elementChosen.connect(lambda entity_id: self.inspector.show_element(entity_id))
        self.project_data.message.connect(self.show_message)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        self.palette_dock = self._dock("paletteDock", self.tr("Palette"), self.palette, left)
        self.outline_dock = self._dock("outlineDock", self.tr("Outline"), self.outline, left)
        self.inspector_dock = self._dock("inspectorDock", self.tr("Inspector"), self.inspector, right)
        self.history_dock = self._dock("historyDock", self.tr("History"), self.history, right)
        self.project_data_dock = self._dock("projectDataDock", self.tr("Project data"), self.project_data, right)
        self.tabifyDockWidget(self.history_dock, self.project_data_dock)
        self.history_dock.raise_()
        self.resizeDocks([self.palette_dock, self.inspector_dock], [220, 340], Qt.Orientation.Horizontal)
        self.resizeDocks([self.inspector_dock, self.history_dock], [560, 200], Qt.Orientation.Vertical)

    def _action(self, name: str, text: str, slot: Any, shortcuts: Any = None, tip: str = "") -> QAction:
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

    def _run_command(self, slot: Any) -> None:
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
        self.act_undo = a("actionUndo", self.tr("&Undo"), self.undo, ["Ctrl+Z"])
        self.act_redo = a("actionRedo", self.tr("&Redo"), self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.act_cut = a("actionCut", self.tr("Cu&t"), lambda: self._canvas_call("cut_selection"), ["Ctrl+X"])
        self.act_copy = a("actionCopy", self.tr("&Copy"), lambda: self._canvas_call("copy_selection"), ["Ctrl+C"])
        self.act_paste = a("actionPaste", self.tr("&Paste"), lambda: self._canvas_call("paste"), ["Ctrl+V"])
        self.act_duplicate = a("actionDuplicate", self.tr("D&uplicate"),
                               lambda: self._canvas_call("duplicate_selection"), ["Ctrl+D"])
        self.act_delete = a("actionDelete", self.tr("&Delete"), self.delete_selection, ["Del"])
        self.act_edit_title = a("actionEditTitle", self.tr("Edit &Title"), self.edit_title, ["F2"])
        self.act_zoom_in = a("actionZoomIn", self.tr("Zoom &In"), lambda: self._canvas_call("zoom_in"),
                             ["Ctrl++", "Ctrl+="])
        self.act_zoom_out = a("actionZoomOut", self.tr("Zoom &Out"), lambda: self._canvas_call("zoom_out"),
                              ["Ctrl+-"])
        self.act_zoom_fit = a("actionZoomFit", self.tr("&Fit to Window"), lambda: self._canvas_call("zoom_to_fit"),
                              ["Ctrl+0"])
        self.act_zoom_reset = a("actionZoomReset", self.tr("&Actual Size"), lambda: self._canvas_call("reset_zoom"),
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
        self.act_insert_card = a("actionInsertCard", self.tr("&Card"), lambda: self.insert_card(CardKind.STEP.value),
                                 ["Ctrl+Return"])
        self.act_insert_stage = a("actionInsertStage", self.tr("&Stage"), self.insert_stage, ["Ctrl+Shift+Return"])
        self.act_new_journey = a("actionNewJourney", self.tr("&New Journey"), self.new_journey, ["Ctrl+T"])
        self.act_rename_journey = a("actionRenameJourney", self.tr("&Rename Journey…"), self.rename_journey)
        self.act_delete_journey = a("actionDeleteJourney", self.tr("&Delete Journey"), self.delete_journey)
        self.act_journey_left = a("actionJourneyLeft", self.tr("Move Journey &Left"), lambda: self.move_journey(-1))
        self.act_journey_right = a("actionJourneyRight", self.tr("Move Journey Ri&ght"), lambda: self.move_journey(1))
        self.act_next_journey = a("actionNextJourney", self.tr("&Next Journey"), lambda: self.step_journey(1),
                                  ["Ctrl+PgDown"])
        self.act_previous_journey = a("actionPreviousJourney", self.tr("Pre&vious Journey"),
                                      lambda: self.step_journey(-1), ["Ctrl+PgUp"])
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
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addSeparator()
        file_menu.addActions([self.act_save, self.act_save_as])
        file_menu.addSeparator()
        file_menu.addActions([self.act_export, self.act_export_image, self.act_print])
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
                     self.project_data_dock):
            panels.addAction(dock.toggleViewAction())

        insert_menu = bar.addMenu(self.tr("&Insert"))
        insert_menu.addAction(self.act_insert_card)
        kinds_menu = insert_menu.addMenu(self.tr("Card of &Kind"))
        for kind, text in labels.card_kinds().items():
            action = kinds_menu.addAction(text)
            action.setObjectName(f"actionInsertCard_{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.insert_card(k))
        insert_menu.addAction(self.act_insert_stage)
        lanes_menu = insert_menu.addMenu(self.tr("&Lane"))
        for kind, text in labels.lane_kinds().items():
            action = lanes_menu.addAction(text)
            action.setObjectName(f"actionInsertLane_{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.insert_lane(k))

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
        self._journey_menu = journey_menu

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.act_new, self.act_open, self.act_save])
        toolbar.addSeparator()
        toolbar.addActions([self.act_undo, self.act_redo])
        toolbar.addSeparator()
        toolbar.addActions([self.act_insert_card, self.act_insert_stage, self.act_delete])
        toolbar.addSeparator()
        toolbar.addActions([self.act_zoom_out, self.act_zoom_in, self.act_zoom_fit])

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.selection_label = QLabel()
        self.selection_label.setObjectName("selectionStatus")
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomStatus")
        bar.addPermanentWidget(self.selection_label)
        bar.addPermanentWidget(self.zoom_label)

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

    # ================================================================== project in the window
    @property
    def project(self) -> Any:
        return self.opened.project if self.opened is not None else None

    def _show_project(self) -> None:
        """Put the opened project (or none) into every part of the window."""
        opened = self.opened
        if self.canvas is not None:
            self.canvas.setParent(None)
            self.canvas.deleteLater()
            self.canvas = None
        if self.bridge is not None:
            self.bridge.disconnect_session()
            self.bridge.deleteLater()
            self.bridge = None
        self._selection = []
        project = opened.project if opened is not None else None
        if project is not None:
            self.bridge = SessionBridge(project.session, self)
            self.bridge.changed.connect(self._on_changed)
            self.bridge.cleanChanged.connect(lambda _clean: self._update_title())
            project.on_write_error(self._on_write_error)
            self.canvas = self._make_canvas(project, self.bridge)
            self.canvas_host.layout().addWidget(self.canvas)
            self.stack.setCurrentWidget(self.canvas_host)
        else:
            self.stack.setCurrentWidget(self.start_page)
        self.tab_row.setVisible(project is not None)
        self.inspector.set_project(project)
        self.outline.set_project(project)
        self.history.set_session(
            project.session if project is not None else None,
            go_to=(lambda index: files.go_to_step(project, index)) if project is not None else None,
        )
        self.project_data.set_project(project)
        self._rebuild_journey_tabs()
        self.inspector.show_element(self.current_journey_id())
        self._update_banner()
        self._update_title()
        self._update_actions()
        self._update_status()
        if self.canvas is not None:
            self.view_choice.setCurrentIndex(max(self.view_choice.findData(str(self.canvas.view())), 0))
            self._check_view_action()
        self.projectChanged.emit()

    def _make_canvas(self, project: Any, bridge: SessionBridge) -> Any:
        from cxstudio.ui.canvas import JourneyCanvas

        canvas = JourneyCanvas(project, bridge)
        canvas.setObjectName("journeyCanvas")
        canvas.language = self.language  # its project-file messages in the UI's language, not the locale's
        canvas.selectionChanged.connect(self._canvas_selection)
        canvas.zoomChanged.connect(lambda _factor: self._update_status())
        message = getattr(canvas, "message", None)
        if message is not None:
            message.connect(self.show_message)
        return canvas

    def _update_title(self) -> None:
        opened = self.opened
        if opened is None:
            self.setWindowTitle("CX Studio")
            self.setWindowModified(False)
            return
        name = opened.path.name if opened.path is not None else opened.project.document.project.name
        suffix = self.tr(" (read-only)") if opened.read_only_reason else ""
        self.setWindowTitle(f"{name}[*]{suffix} — CX Studio")
        self.setWindowModified(not opened.project.session.is_clean)

    def _update_banner(self) -> None:
        reason = self.opened.read_only_reason if self.opened is not None else None
        if reason:
            self.banner_label.setText(self.tr("Read-only: %1. Your changes can be saved with Save As.")
                                      .replace("%1", reason))
        self.banner.setVisible(bool(reason))

    def _update_actions(self) -> None:
        project = self.project
        has_project = project is not None
        for action in (self.act_save, self.act_save_as, self.act_close, self.act_cut, self.act_copy,
                       self.act_paste, self.act_duplicate, self.act_delete, self.act_edit_title, self.act_zoom_in,
                       self.act_zoom_out, self.act_zoom_fit, self.act_zoom_reset, self.act_insert_card,
                       self.act_insert_stage, self.act_new_journey, self.act_project_properties,
                       *self.view_actions.values()):
            action.setEnabled(has_project)
        has_journey = has_project and bool(self._journey_ids)
        for action in (self.act_rename_journey, self.act_delete_journey, self.act_journey_properties,
                       self.act_next_journey, self.act_previous_journey,
                       self.act_journey_left, self.act_journey_right, self.act_insert_card, self.act_insert_stage,
                       self.act_export, self.act_print, self.act_export_image):
            action.setEnabled(has_journey)
        session = project.session if has_project else None
        self.act_undo.setEnabled(bool(session and session.can_undo))
        self.act_redo.setEnabled(bool(session and session.can_redo))
        self.act_undo.setText(self.tr("&Undo %1").replace("%1", labels.undo_step(session.undo_name))
                              if session and session.undo_name else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo %1").replace("%1", labels.undo_step(session.redo_name))
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
        count = len(self._selection)
        self.selection_label.setText(self.tr("%n selected", "", count) if count else self.tr("Nothing selected"))

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ================================================================== model changes
    def _on_changed(self, change_set: ChangeSet, _origin: str) -> None:
        self.outline.on_changed(change_set)
        self.inspector.on_changed(change_set)
        self.project_data.on_changed(change_set)
        self.history.refresh()
        if any(event_kind(e) in ("journey", "project") for e in change_set.events):
            self._rebuild_journey_tabs()
        self._selection = [i for i in self._selection if self.project is not None and i in self.project.document]
        self._update_actions()
        self._update_status()

    def _on_write_error(self, error: Any) -> None:
        """Tell the user once when edits stop reaching the recovery copy (e.g. the disk is full)."""
        if self.opened is None:
            return  # the project moved to another window (a language switch)
        text = error.message(self.language)
        QTimer.singleShot(0, lambda: dialogs.show_problem(self, self.tr("Changes not secured"), text))

    # ================================================================== journeys
    def current_journey_id(self) -> str | None:
        index = self.journey_tabs.currentIndex()
        return self._journey_ids[index] if 0 <= index < len(self._journey_ids) else None

    def _rebuild_journey_tabs(self) -> None:
        project = self.project
        current = self.current_journey_id()
        journeys = project.document.journeys() if project is not None else []
        self.journey_tabs.blockSignals(True)
        try:
            while self.journey_tabs.count():
                self.journey_tabs.removeTab(0)
            self._journey_ids = [j.id for j in journeys]
            for journey in journeys:
                index = self.journey_tabs.addTab(journey.name)
                self.journey_tabs.setTabToolTip(index, journey.scenario or journey.name)
            if current in self._journey_ids:
                self.journey_tabs.setCurrentIndex(self._journey_ids.index(current))
            elif self._journey_ids:
                self.journey_tabs.setCurrentIndex(0)
        finally:
            self.journey_tabs.blockSignals(False)
        self._show_journey(self.current_journey_id())
        self._update_actions()

    def _show_journey(self, journey_id: str | None) -> None:
        if self.canvas is None:
            return
        if journey_id is not None and self.canvas.journey_id() != journey_id:
            self.canvas.set_journey(journey_id)
        elif journey_id is None and self.canvas.journey_id() is not None:
            self.canvas.set_journey(None)

    def select_journey(self, journey_id: str) -> None:
        if journey_id in self._journey_ids:
            self.journey_tabs.setCurrentIndex(self._journey_ids.index(journey_id))

    def _journey_tab_changed(self, index: int) -> None:
        self._show_journey(self.current_journey_id())
        self._update_status()

    def _journey_tab_moved(self, source: int, target: int) -> None:
        project = self.project
        journey_id = self._journey_ids[source] if 0 <= source < len(self._journey_ids) else None
        if project is None or journey_id is None:
            return
        self._journey_ids.insert(target, self._journey_ids.pop(source))
        try:
            operations.move_journey(project.session, journey_id, target)
        except ModelError as error:
            self.show_message(str(error))
            self._rebuild_journey_tabs()

    def _journey_tab_menu(self, position: Any) -> None:
        index = self.journey_tabs.tabAt(position)
        if index >= 0:
            self.journey_tabs.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addActions([self.act_new_journey, self.act_rename_journey, self.act_delete_journey,
                         self.act_journey_properties])
        menu.exec(self.journey_tabs.mapToGlobal(position))

    def new_journey(self) -> str | None:
        project = self.project
        if project is None:
            return None
        stages = [self.tr("Awareness"), self.tr("Consideration"), self.tr("Purchase"), self.tr("Use"),
                  self.tr("Loyalty")]
        lanes = [
            operations.LaneSpec(self.tr("Steps"), LaneKind.CARDS.value),
            operations.LaneSpec(self.tr("Touchpoints"), LaneKind.CARDS.value),
            operations.LaneSpec(self.tr("Thoughts and feelings"), LaneKind.CARDS.value),
            operations.LaneSpec(self.tr("Emotion curve"), LaneKind.EMOTION_CURVE.value),
            operations.LaneSpec(self.tr("Pain points"), LaneKind.CARDS.value),
            operations.LaneSpec(self.tr("Opportunities"), LaneKind.CARDS.value),
        ]
        name = self.tr("Journey %1").replace("%1", str(len(self._journey_ids) + 1))
        journey = operations.add_journey(project.session, name, stages, lanes)
        self.select_journey(journey.id)
        return journey.id

    def rename_journey(self) -> None:
        project, journey_id = self.project, self.current_journey_id()
        if project is None or journey_id is None:
            return
        journey = project.document.get(journey_id, Journey)
        name, ok = QInputDialog.getText(self, self.tr("Rename journey"), self.tr("Name:"), text=journey.name)
        if ok and name.strip() and name.strip() != journey.name:
            try:
                operations.rename(project.session, journey_id, name.strip())
            except ModelError as error:
                self.show_message(str(error))

    def delete_journey(self) -> None:
        project, journey_id = self.project, self.current_journey_id()
        if project is None or journey_id is None:
            return
        journey = project.document.get(journey_id, Journey)
        answer = QMessageBox.question(
            self, self.tr("Delete journey"),
            self.tr("Delete the journey “%1” with all its stages, lanes and cards? You can undo this.")
            .replace("%1", journey.name))
        if answer == QMessageBox.StandardButton.Yes:
            operations.delete_elements(project.session, [journey_id])

    def step_journey(self, step: int) -> None:
        """Show the next (1) or previous (-1) journey, wrapping around."""
        count = self.journey_tabs.count()
        if count:
            self.journey_tabs.setCurrentIndex((self.journey_tabs.currentIndex() + step) % count)

    def move_journey(self, step: int) -> None:
        project, journey_id = self.project, self.current_journey_id()
        if project is None or journey_id is None:
            return
        index = self._journey_ids.index(journey_id) + step
        if 0 <= index < len(self._journey_ids):
            operations.move_journey(project.session, journey_id, index)
            self.select_journey(journey_id)

    def show_journey_properties(self) -> None:
        journey_id = self.current_journey_id()
        if journey_id is not None:
            self.inspector.show_element(journey_id)
            self.inspector_dock.show()
            self.inspector_dock.raise_()

    def show_project_properties(self) -> None:
        if self.project is not None:
            self.inspector.show_element(self.project.document.project.id)
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
        from cxstudio.layout.journey import ViewKind

        self.canvas.set_view(ViewKind(value))
        self.view_choice.setCurrentIndex(max(self.view_choice.findData(value), 0))
        self._check_view_action()

    def _check_view_action(self) -> None:
        if self.canvas is not None:
            action = self.view_actions.get(str(self.canvas.view()))
            if action is not None:
                action.setChecked(True)

    # ================================================================== selection
    def _canvas_selection(self, ids: list[str]) -> None:
        self._selection = list(ids)
        if not self._syncing_selection:
            self._syncing_selection = True
            try:
                self.outline.select_ids(ids)
            finally:
                self._syncing_selection = False
        self._show_selection_in_inspector()
        self._update_status()

    def _outline_selection(self, ids: list[str]) -> None:
        project = self.project
        if project is None or self._syncing_selection:
            return
        document = project.document
        journeys = {document.journey_of(i) if not isinstance(document.find(i), Journey) else i for i in ids}
        journeys.discard(None)
        if len(journeys) == 1:
            self.select_journey(next(iter(journeys)))  # type: ignore[arg-type]
        on_canvas = [i for i in ids if not isinstance(document.find(i), Journey)]
        self._syncing_selection = True
        try:
            if self.canvas is not None:
                self.canvas.select_ids(on_canvas, ensure_visible=True)
        finally:
            self._syncing_selection = False
        self._selection = list(ids)
        self._show_selection_in_inspector()
        self._update_status()

    def _show_selection_in_inspector(self) -> None:
        if len(self._selection) == 1:
            self.inspector.show_element(self._selection[0])
        elif self._selection:
            self.inspector.show_element(None, len(self._selection))
        else:
            self.inspector.show_element(self.current_journey_id())

    def selected_ids(self) -> list[str]:
        return list(self._selection)

    # ================================================================== editing
    def _canvas_call(self, method: str) -> None:
        if self.canvas is not None:
            getattr(self.canvas, method)()

    def undo(self) -> None:
        if self.project is not None and self.project.session.can_undo:
            files.step_history(self.project, forward=False)

    def redo(self) -> None:
        if self.project is not None and self.project.session.can_redo:
            files.step_history(self.project, forward=True)

    def delete_selection(self) -> None:
        project = self.project
        if project is None:
            return
        if self.outline.tree.hasFocus():
            ids = self.outline.selected_ids()
            if ids:
                operations.delete_elements(project.session, ids)
            return
        self._canvas_call("delete_selection")

    def edit_title(self) -> None:
        if self.outline.tree.hasFocus():
            item = self.outline.tree.currentItem()
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                self.outline.tree.editItem(item, 0)
            return
        self._canvas_call("edit_selected_title")

    def _target_cell(self) -> tuple[str, str] | None:
        """Where an inserted card goes: the selected card's cell, else the first card lane's first stage."""
        project, journey_id = self.project, self.current_journey_id()
        if project is None or journey_id is None:
            return None
        document = project.document
        for entity_id in reversed(self._selection):
            entity = document.find(entity_id)
            if isinstance(entity, Card) and entity.journey_id == journey_id:
                return entity.stage_id, entity.lane_id
        stages = document.stages(journey_id)
        lanes = document.lanes(journey_id)
        if not stages or not lanes:
            return None
        stage = next((document.get(i, Stage) for i in self._selection if isinstance(document.find(i), Stage)),
                     stages[0])
        lane = next((document.get(i, Lane) for i in self._selection if isinstance(document.find(i), Lane)),
                    next((ln for ln in lanes if ln.kind == LaneKind.CARDS.value), lanes[0]))
        return stage.id, lane.id

    def insert_card(self, kind: str) -> str | None:
        project = self.project
        cell = self._target_cell()
        if project is None or cell is None:
            self.show_message(self.tr("Add a stage and a lane to the journey first."))
            return None
        selected_card = next((project.document.find(i) for i in reversed(self._selection)
                              if isinstance(project.document.find(i), Card)), None)
        index = selected_card.order + 1 if isinstance(selected_card, Card) else None
        card = operations.add_card(project.session, cell[0], cell[1], "", kind, index=index)
        if self.canvas is not None:
            self.canvas.select_ids([card.id], ensure_visible=True)
            self.canvas.edit_selected_title()
        return card.id

    def insert_stage(self) -> str | None:
        project, journey_id = self.project, self.current_journey_id()
        if project is None or journey_id is None:
            return None
        selected = next((project.document.find(i) for i in self._selection
                         if isinstance(project.document.find(i), Stage)), None)
        index = selected.order + 1 if isinstance(selected, Stage) else None
        stage = operations.add_stage(project.session, journey_id, self.tr("New stage"), index=index)
        return stage.id

    def insert_lane(self, kind: str) -> str | None:
        project, journey_id = self.project, self.current_journey_id()
        if project is None or journey_id is None:
            return None
        selected = next((project.document.find(i) for i in self._selection
                         if isinstance(project.document.find(i), Lane)), None)
        index = selected.order + 1 if isinstance(selected, Lane) else None
        lane = operations.add_lane(project.session, journey_id, labels.lane_kinds().get(kind, kind), kind, index=index)
        return lane.id

    def insert_from_palette(self, payload: dict[str, str]) -> None:
        what = payload.get("what")
        if what == "card":
            self.insert_card(payload.get("kind", CardKind.STEP.value))
        elif what == "stage":
            self.insert_stage()
        elif what == "lane":
            self.insert_lane(payload.get("kind", LaneKind.CARDS.value))

    # ================================================================== files
    def _set_opened(self, opened: files.OpenedFile | None) -> None:
        self.opened = opened
        if opened is not None and opened.path is not None:
            self.settings.add_recent_file(opened.path)
            self._fill_recent_menu()
        self._show_project()
        if opened is not None and opened.notice:
            self.show_message(opened.notice)

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True if the window may go on (saved, discarded or nothing to save)."""
        self.inspector.flush()
        opened = self.opened
        if opened is None or opened.project.session.is_clean:
            return True
        answer = dialogs.ask_unsaved_changes(self, self._project_display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _project_display_name(self) -> str:
        opened = self.opened
        if opened is None:
            return ""
        return opened.path.name if opened.path is not None else opened.project.document.project.name

    def _release_current(self) -> None:
        if self.opened is not None:
            files.close(self.opened)
            self.opened = None

    def close_project(self) -> bool:
        if not self.maybe_save():
            return False
        self._release_current()
        self._set_opened(None)
        return True

    def new_project(self) -> bool:
        chooser = dialogs.TemplateChooser(files.templates(), self.language, self)
        try:
            if chooser.exec() != dialogs.TemplateChooser.DialogCode.Accepted:
                return False
            choice = chooser.choice()
        finally:
            chooser.deleteLater()
        return self.new_from_template(choice)

    def new_from_template(self, choice: tuple[str, str] | None) -> bool:
        if not self.maybe_save():
            return False
        try:
            opened = files.new_project(choice, self.language)
        except files.FileError as problem:
            dialogs.show_problem(self, self.tr("New project"), problem.text)
            return False
        self._release_current()
        self._set_opened(opened)
        return True

    def open_dialog(self) -> bool:
        start = str(self.opened.path.parent) if self.opened is not None and self.opened.path is not None else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), start, self.tr("CX Studio projects (*.cxstudio);;All files (*)"))
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path) -> bool:
        """Open a project file; any problem with it becomes one message in a dialog."""
        target = Path(path)
        if self.opened is not None and self.opened.path is not None and target.exists() \
                and self.opened.path.resolve() == target.resolve():
            self.raise_()
            return True
        if not self.maybe_save():
            return False
        try:
            opened = files.open_file(target, self.language)
        except files.FileError as problem:
            if not target.exists():
                self.settings.remove_recent_file(target.resolve())
                self._fill_recent_menu()
            dialogs.show_problem(self, self.tr("Cannot open project"), problem.text)
            return False
        self._release_current()
        self._set_opened(opened)
        return True

    def save(self) -> bool:
        self.inspector.flush()
        opened = self.opened
        if opened is None:
            return False
        if opened.path is None or opened.read_only_reason:
            return self.save_as()
        try:
            files.save(opened, self.language)
        except files.FileError as problem:
            if problem.code == "changed_on_disk":
                return self._save_over_changed_file(opened, problem.text)
            dialogs.show_problem(self, self.tr("Cannot save project"), problem.text)
            return False
        self._after_save()
        return True

    def _save_over_changed_file(self, opened: files.OpenedFile, text: str) -> bool:
        """Another program replaced the file since it was opened or saved here: overwrite it, Save As, or cancel."""
        box = QMessageBox(self)
        box.setObjectName("changedOnDiskQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("File changed by another program"))
        box.setText(text)
        overwrite = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        overwrite.setObjectName("overwriteButton")
        save_as = box.addButton(self.tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        save_as.setObjectName("saveAsButton")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save_as:
            return self.save_as()
        if clicked is not overwrite:
            return False
        try:
            files.save(opened, self.language, overwrite=True)
        except files.FileError as problem:
            dialogs.show_problem(self, self.tr("Cannot save project"), problem.text)
            return False
        self._after_save()
        return True

    def save_as(self, path: str | Path | None = None) -> bool:
        self.inspector.flush()
        opened = self.opened
        if opened is None:
            return False
        if path is None:
            suggestion = str(opened.path) if opened.path is not None else \
                opened.project.document.project.name + PROJECT_SUFFIX
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Save project as"), suggestion, self.tr("CX Studio projects (*.cxstudio)"))
            if not chosen:
                return False
            path = chosen if chosen.endswith(PROJECT_SUFFIX) else chosen + PROJECT_SUFFIX
        try:
            files.save_as(opened, Path(path), self.language)
        except files.FileError as problem:
            dialogs.show_problem(self, self.tr("Cannot save project"), problem.text)
            return False
        self.settings.add_recent_file(Path(path))
        self._fill_recent_menu()
        self._after_save()
        return True

    def _after_save(self) -> None:
        if self.bridge is not None:
            self.bridge.refresh_clean()
        self._update_banner()
        self._update_title()
        self.history.refresh()
        self.show_message(self.tr("Saved %1").replace("%1", self._project_display_name()))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear List"))
            clear.triggered.connect(self._clear_recent)
        else:
            empty = self.recent_menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._fill_recent_menu()

    def offer_recovery(self) -> bool:
        """At start-up: offer unsaved work left by a crashed editor; True if a project was recovered."""
        try:
            entries = files.recoverable(self.language)
        except files.FileError as problem:
            self.show_message(problem.text)
            return False
        if not entries:
            return False
        recovered = [False]

        def recover(entry: dialogs.RecoveryEntry) -> bool:
            if not self.maybe_save():
                return False
            try:
                opened = files.recover(entry, self.language)
            except files.FileError as problem:
                dialogs.show_problem(self, self.tr("Cannot recover project"), problem.text)
                return False
            self._release_current()
            self._set_opened(opened)
            recovered[0] = True
            return True

        def discard(entry: dialogs.RecoveryEntry) -> None:
            try:
                files.discard(entry)
            except files.FileError as problem:
                self.show_message(problem.text)

        dialog = dialogs.RecoveryDialog(entries, recover, discard, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        return recovered[0]

    # ================================================================== language switch
    def hand_over_project(self) -> files.OpenedFile | None:
        """Give up the open project without closing it (for a window in another language); the window is empty then."""
        self.inspector.flush()
        opened, self.opened = self.opened, None
        self._show_project()
        return opened

    def take_over_project(self, opened: files.OpenedFile | None) -> None:
        """Show a project another window handed over, as it was (unsaved changes and undo history included)."""
        self.opened = opened
        if opened is not None:
            opened.language = self.language
        self._show_project()

    # ================================================================== misc
    def preferences(self) -> None:
        dialog = dialogs.PreferencesDialog(self.settings.language(), self)
        try:
            if dialog.exec() == dialogs.PreferencesDialog.DialogCode.Accepted:
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self._release_current()
        self.opened = None
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_project(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
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
    def _dropped_project(event: Any) -> str | None:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(PROJECT_SUFFIX):
                return url.toLocalFile()
        return None


def reopen_in_language(window: MainWindow, translations: Any, preference: str) -> MainWindow:
    """Rebuild `window` in the language `preference` names ("" = the system's), keeping its project open.

    The translators are switched, a new window takes the project (unsaved changes and undo
    history included), the old window's size and panel layout, and the old window closes.
    """
    from cxstudio.ui.i18n import choose_language

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
