"""Start-up (issue 14): the analytics, comments and compare docks are filled after the map's first paint; one layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from cxstudio.ui.main_window import MainWindow
from cxstudio.ui.settings import EditorSettings


def _forget_changes(window: QWidget) -> None:
    opened = getattr(window, "opened", None)
    if opened is not None:
        opened.project.session.mark_clean()


def _window(qtbot, project_file: Path, map_first: bool) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(EditorSettings(), "de", map_first=map_first)
    qtbot.addWidget(window, before_close_func=_forget_changes)
    assert window.open_path(project_file)
    return window


def test_the_docks_contents_come_after_the_first_paint_and_work_as_before(qtbot, project_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, project_file, map_first=True)
    docks = (window.analytics_dock, window.sharing.comments_dock, window.compare.dock)
    assert all(dock.widget() is None for dock in docks)  # the docks exist (restoreState places them), still empty
    assert window.findChild(QWidget, "compareView") is None
    assert window.map_extras.panel._project is None  # the catalogue, a tab behind the outline: not yet filled
    assert window.palette.tree.topLevelItemCount() == 0 and window.outline.tree.topLevelItemCount() == 0
    assert not window.act_new.icon().isNull() and not window.act_zoom_fit.icon().isNull()  # the toolbar's now
    assert window.act_about.icon().isNull()  # a menu's own icon: when the menus can first be opened
    assert not window.setup._watching  # building the window sent none of its events through a Python filter
    window.show()
    assert window.setup._watching or window.setup.done  # watching for the first paint once shown
    qtbot.waitUntil(lambda: window.setup.done, timeout=5000)
    assert not window.act_about.icon().isNull() and not window.act_export.icon().isNull()
    assert window.map_extras.panel._project is window.project
    assert window.palette.tree.topLevelItemCount() == 3  # cards, structure, lanes: right after the first paint
    journeys = window.project.document.journeys()
    assert window.outline.tree.topLevelItemCount() == len(journeys)
    assert window.outline.tree.topLevelItem(0).isExpanded()  # the first journey open, as when built at once
    assert window.analytics_dock.widget() is window.analytics.panel
    assert window.sharing.comments_dock.widget().objectName() == "commentsScroll"
    assert window.compare.dock.widget() is window.compare.view
    # the comments panel learnt the project opened before it existed, the analytics refresh once shown
    assert window.comment_list.panel._project is window.project
    assert window.analytics.analysis is None  # as before: the findings wait for the dock's tab to be chosen
    window.inspector_dock.raise_()
    window.analytics_dock.raise_()
    qtbot.waitUntil(lambda: window.analytics.analysis is not None, timeout=5000)


def test_a_window_built_at_once_has_the_docks_contents_from_the_start(qtbot, project_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, project_file, map_first=False)
    assert window.analytics_dock.widget() is window.analytics.panel
    assert window.compare.dock.widget() is window.compare.view
    assert window.sharing.comments_dock.widget() is not None


def test_the_map_is_laid_out_once_with_the_view_menus_switches(qtbot, project_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, project_file, map_first=True)
    assert window.canvas is not None
    scene = window.canvas.journey_scene
    extras = window.map_extras
    assert scene.layout_settings.persona_band == extras.act_persona_band.isChecked()
    assert scene.layout_settings.actions_lane == extras.act_actions_lane.isChecked()
    assert scene.relayout_count == 1  # not a default layout first and the switched one after it
    extras.act_actions_lane.toggle()  # the switch still relays the map out
    assert scene.layout_settings.actions_lane == extras.act_actions_lane.isChecked()
    assert scene.relayout_count == 2
    extras.act_actions_lane.toggle()


def test_the_compare_dock_made_after_the_first_paint_goes_where_the_saved_window_state_put_it(
        qtbot, project_file: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    settings = EditorSettings()
    first = _window(qtbot, project_file, map_first=False)
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.compare.dock)
    first.compare.dock.show()
    first.save_window_state()
    assert first.dockWidgetArea(first.compare.dock) == Qt.DockWidgetArea.RightDockWidgetArea

    later = MainWindow(settings, "de", map_first=True)
    qtbot.addWidget(later, before_close_func=_forget_changes)
    assert later.compare._dock is None  # not made before the first paint
    later.show()
    qtbot.waitUntil(lambda: later.setup.done, timeout=5000)
    assert later.dockWidgetArea(later.compare.dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert later.compare.dock.isVisible()


def test_the_banner_and_the_filter_state_get_their_colours_when_first_shown(qtbot, project_file: Path) -> None:  # type: ignore[no-untyped-def]
    from cxstudio.analysis.filters import CardFilter
    from cxstudio.ui.panels.filter_bar import ACTIVE_STYLE
    from cxstudio.ui.project_controller import BANNER_STYLE

    window = _window(qtbot, project_file, map_first=True)
    banner, state = window.banner, window.analytics.filter_bar.state
    assert banner.styleSheet() == "" and state.styleSheet() == ""  # no style sheet before the first paint
    window.show()
    banner.show_reason("another editor has it open")
    assert banner.isVisible() and banner.styleSheet() == BANNER_STYLE
    window.analytics.filter_bar.set_highlight(CardFilter(ids=frozenset({"x"})), "Schmerzpunkte")
    assert state.isVisible() and state.styleSheet() == ACTIVE_STYLE
