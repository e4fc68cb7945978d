"""The toolbar and menus carry bundled icons; the toolbar keeps its width while Undo's step name changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton

from cxstudio.model.kinds import CardKind, LaneKind
from cxstudio.ui.icons import ACTION_ICONS, ICONS_DIR, card_kind_icon, icon, lane_kind_icon


def _toolbar(window) -> QToolBar:  # type: ignore[no-untyped-def]
    return window.findChild(QToolBar, "mainToolbar")


def _buttons(toolbar: QToolBar) -> dict[str, QToolButton]:
    found = {}
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if isinstance(widget, QToolButton):
            found[action.objectName()] = widget
    return found


def _drawn(qicon) -> bool:  # type: ignore[no-untyped-def]
    """The icon paints visible pixels at 22 px (an empty or broken SVG paints nothing)."""
    image = qicon.pixmap(22, 22).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return any(image.pixelColor(x, y).alpha() > 0 for x in range(22) for y in range(22))


def test_every_toolbar_action_has_an_icon_that_paints(main_window) -> None:
    actions = [a for a in _toolbar(main_window).actions() if not a.isSeparator()]
    assert len(actions) >= 11
    missing = [a.objectName() for a in actions if a.icon().isNull() or not _drawn(a.icon())]
    assert missing == []


def test_menus_palette_card_and_lane_kinds_have_icons(main_window) -> None:
    in_menus = {a for menu in main_window.menuBar().findChildren(QMenu) for a in menu.actions()
                if a.objectName() in ACTION_ICONS}
    assert len(in_menus) >= 20 and all(_drawn(a.icon()) for a in in_menus)
    for kind in CardKind:
        assert _drawn(card_kind_icon(kind.value)), kind
        assert _drawn(main_window.findChild(QAction, f"actionInsertCard_{kind.value}").icon()), kind
    for kind in LaneKind:
        assert _drawn(lane_kind_icon(kind.value)), kind
    entries = main_window.palette.entries()
    assert entries and all(_drawn(item.icon(0)) for item in entries)
    assert icon("no-such-icon").isNull()


def test_every_bundled_icon_is_named_in_the_licence_readme() -> None:
    readme = (ICONS_DIR / "README.md").read_text(encoding="utf-8")
    assert (ICONS_DIR / "LICENSE-Phosphor.txt").read_text(encoding="utf-8").count("Copyright (c) 2020 Phosphor Icons") == 1
    for path in ICONS_DIR.glob("*.svg"):
        assert path.name == "cxstudio.svg" or f"`{path.name}`" in readme, path.name


def test_the_toolbar_keeps_its_width_when_undo_gets_a_step_name(main_window, project_file: Path, qtbot) -> None:
    assert main_window.open_path(project_file)
    toolbar = _toolbar(main_window)
    qtbot.waitUntil(lambda: main_window.act_insert_card.isEnabled())
    before = toolbar.sizeHint().width()
    widths = {name: button.width() for name, button in _buttons(toolbar).items()}
    undo_button = _buttons(toolbar)["actionUndo"]
    assert not undo_button.isEnabled()

    card_button = _buttons(toolbar)["actionInsertCard"]
    QTest.mouseClick(card_button, Qt.MouseButton.LeftButton)  # a real click inserts a card: one undo step
    qtbot.waitUntil(lambda: undo_button.isEnabled())
    main_window.canvas.setFocus()  # leave the title editor the new card opened

    assert main_window.act_undo.text() != "&Undo"  # the menu names the step...
    assert undo_button.text() == "Undo"  # ...the toolbar button keeps its short label...
    step = main_window.act_undo.text().replace("&Undo", "").strip()
    assert step and step in undo_button.toolTip()  # ...and the tooltip names the step
    toolbar.updateGeometry()
    assert toolbar.sizeHint().width() == before
    assert {name: button.width() for name, button in _buttons(toolbar).items()} == widths
