"""The filter fields' clear buttons appear with the first typed text (set up then, not at start-up) and clear the field."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QToolButton


def _fields(window) -> dict[str, QLineEdit]:  # type: ignore[no-untyped-def]
    return {"outline": window.outline.filter, "catalogue": window.map_extras.panel.filter,
            "map filter": window.analytics.filter_bar.text}


def test_each_filter_fields_clear_button_comes_with_the_first_typed_text_and_clears_it(
        main_window, project_file: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert main_window.open_path(project_file)
    main_window.show()
    qtbot.waitExposed(main_window)
    for name, field in _fields(main_window).items():
        assert not field.isClearButtonEnabled(), name
        field.setFocus()
        qtbot.keyClicks(field, "Hotline")
        assert field.isClearButtonEnabled() and field.text() == "Hotline", name
        button = next(b for b in field.findChildren(QToolButton) if b.defaultAction() is not None
                      and b.defaultAction().objectName() == "_q_qlineeditclearaction")
        qtbot.waitUntil(button.isVisible)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert field.text() == "", name
        qtbot.keyClick(field, Qt.Key.Key_A)
        assert field.isClearButtonEnabled() and field.text() == "a", name  # stays set up
        field.clear()
