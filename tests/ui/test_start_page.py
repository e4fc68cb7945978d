"""The start page: templates, the worked example, recent files and "Open a file…", all reachable with the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton

from tests.ui.ui_helpers import answer_next_modal


def _page(window):  # type: ignore[no-untyped-def]
    return window.start_page


def test_without_a_project_the_start_page_offers_templates_examples_and_open(main_window) -> None:
    page = _page(main_window)
    assert main_window.stack.currentWidget() is page and page.isVisible()
    names = {b.objectName() for b in page.findChildren(QToolButton)}
    assert {"startEmpty", "start_journey-map_en", "start_service-blueprint_en", "start_complaint-example_en"} <= names
    assert not any(name.endswith("_de") for name in names)  # the UI's language only
    assert page.findChild(QPushButton, "startOpen").text() == "Open a file…"
    assert page.no_recent.isVisible() and not page.recent.isVisible()


def test_the_keyboard_reaches_and_starts_a_template(main_window, qtbot) -> None:
    page = _page(main_window)
    main_window.activateWindow()
    page.focus_first()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.template_buttons[0])
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # Empty project -> Blank customer journey map
    focused = QApplication.focusWidget()
    assert focused.objectName() == "start_journey-map_en"
    QTest.keyClick(focused, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: main_window.project is not None)
    document = main_window.project.document
    assert [j.name for j in document.journeys()] and document.project.language == "en"
    assert main_window.canvas is not None and main_window.stack.currentWidget() is main_window.canvas_host
    assert main_window.opened.path is None


def test_the_worked_example_opens_with_a_click(main_window, qtbot) -> None:
    button = _page(main_window).findChild(QToolButton, "start_complaint-example_en")
    assert "2 personas" in button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_window.project is not None)
    assert len(main_window.project.document.journeys()) >= 2


def test_recent_files_open_from_the_list_and_a_missing_one_is_marked_and_leaves(main_window, project_file: Path,
                                                                                tmp_path: Path, qtbot) -> None:
    gone = tmp_path / "Weg.cxstudio"
    gone.write_bytes(project_file.read_bytes())
    assert main_window.open_path(gone) and main_window.close_project()
    assert main_window.open_path(project_file)
    gone.unlink()
    assert main_window.close_project()  # the start page shows the list as it is now
    page = _page(main_window)
    assert main_window.stack.currentWidget() is page
    rows = [page.recent.item(r).text() for r in range(page.recent.count())]
    assert rows == ["Kundenreise.cxstudio", "Weg.cxstudio (not found)"]

    page.recent.setFocus()
    page.recent.setCurrentRow(1)
    seen = answer_next_modal(lambda box: box.accept())
    QTest.keyClick(page.recent, Qt.Key.Key_Return)  # the file is gone: one sentence, and it leaves the list
    qtbot.waitUntil(lambda: bool(seen))
    assert main_window.project is None
    assert [page.recent.item(r).text() for r in range(page.recent.count())] == ["Kundenreise.cxstudio"]

    page.recent.setCurrentRow(0)
    QTest.keyClick(page.recent, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main_window.project is not None)
    assert main_window.opened.path == project_file.absolute()


def test_open_a_file_asks_for_the_file_and_opens_it(main_window, project_file: Path, qtbot) -> None:
    def choose(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.selectFile(str(project_file))
        dialog.accept()

    seen = answer_next_modal(choose)
    QTest.mouseClick(_page(main_window).open_button, Qt.MouseButton.LeftButton)
    assert seen
    assert main_window.project is not None and main_window.opened.path == project_file.absolute()
