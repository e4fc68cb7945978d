"""File > Open for Review… and File > Save Client Copy… in the editor, used with real clicks, keys and dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)
from ui_helpers import answer_next_modal, type_text

from cxstudio import api
from cxstudio.editing.sharing import internal_texts
from cxstudio.model.entities import Card, Comment
from cxstudio.model.kinds import ENTITY_TYPES
from cxstudio.ui.panels.palette import palette_payload_mime
from cxstudio.ui.settings import EditorSettings
from cxstudio.ui.sharing import ClientCopyDialog


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The German worked example saved as a file (6 internal notes, 2 internal comments)."""
    path = tmp_path / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    return path


def file_action(window, name: str):  # type: ignore[no-untyped-def]
    """The File menu's entry `name` (checked to be in the menu, where a click triggers it)."""
    menu = window.menuBar().actions()[0].menu()
    action = next((a for a in menu.actions() if a.objectName() == name), None)
    assert action is not None, name
    return action


def choose_from_file_menu(window, name: str) -> None:  # type: ignore[no-untyped-def]
    """Open the File menu with the keyboard and trigger the entry `name` in it, as a click does."""
    action = file_action(window, name)
    assert action.isEnabled(), name
    menu = window.menuBar().actions()[0].menu()

    def choose() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            popup.setActiveAction(action)
            QTest.keyClick(popup, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(10, choose)

    QTimer.singleShot(0, choose)
    menu.exec(window.mapToGlobal(QPoint(10, 10)))
    QCoreApplication.processEvents()


def fill_client_copy_dialog(target: Path, keep: bool, seen: list[ClientCopyDialog] | None = None) -> list[str]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ClientCopyDialog)
        if seen is not None:
            seen.append(dialog)
        path = dialog.findChild(QLineEdit, "clientCopyPath")
        path.selectAll()
        QTest.keyClick(path, Qt.Key.Key_Delete)
        type_text(path, str(target))
        box = dialog.findChild(QCheckBox, "clientCopyKeepComments")
        assert box.isChecked()  # shared comments go along unless unticked
        if not keep:
            QTest.mouseClick(box, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(8, box.height() // 2))
        assert box.isChecked() == keep
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    return answer_next_modal(answer)


def answer_message(button: QMessageBox.StandardButton) -> list[str]:
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        QTest.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    return answer_next_modal(answer)


def answer_file_dialog(path: Path) -> list[str]:
    def answer(dialog: QWidget, tries: int = 100) -> None:
        assert isinstance(dialog, QFileDialog)
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # type the path and press Enter, as a user does
        name.setFocus()
        name.clear()
        type_text(name, str(path))
        QTest.keyClick(name, Qt.Key.Key_Return)
        if dialog.isVisible() and tries:  # the dialog was still reading its folder and cleared the name: again
            QTimer.singleShot(50, lambda: answer(dialog, tries - 1))

    return answer_next_modal(answer)


def snapshot(project: api.OpenProject) -> tuple[int, tuple[str, ...]]:
    return len(project.session.history), tuple(repr(e) for t in ENTITY_TYPES for e in project.document.all(t))


def test_the_file_menu_has_both_commands_enabled_as_the_project_allows(main_window, example: Path,
                                                                       tmp_path: Path) -> None:
    names = [a.objectName() for a in main_window.menuBar().actions()[0].menu().actions()]
    assert names.index("actionOpenForReview") == names.index("actionOpen") + 2  # after Open and Open Recent
    assert names.index("actionSaveClientCopy") == names.index("actionSaveAs") + 1
    assert file_action(main_window, "actionOpenForReview").isEnabled()
    assert not file_action(main_window, "actionSaveClientCopy").isEnabled()
    copy = tmp_path / "kopie.cxstudio"
    api.client_copy(example, copy)
    assert main_window.open_path(example)
    assert file_action(main_window, "actionSaveClientCopy").isEnabled()
    assert main_window.open_path(copy)
    assert main_window.project.review
    assert not file_action(main_window, "actionSaveClientCopy").isEnabled()  # no copy of a copy under review


@pytest.mark.parametrize("keep", [True, False])
def test_a_client_copy_from_the_menu_holds_none_of_the_internal_texts(main_window, example: Path, tmp_path: Path,
                                                                     keep: bool) -> None:
    source = api.read_project(example).document
    secrets = internal_texts(source)
    assert len(secrets) >= 8
    shared = [c for c in source.all(Comment) if not c.internal]
    assert main_window.open_path(example)
    project = main_window.project
    out = tmp_path / "Für den Kunden.cxstudio"
    seen: list[ClientCopyDialog] = []
    fill_client_copy_dialog(out, keep, seen)
    choose_from_file_menu(main_window, "actionSaveClientCopy")
    assert seen, "the dialog opened"
    data = out.read_bytes()
    for text in secrets:
        assert text.encode() not in data, text
    copy = api.read_project(out)
    assert copy.lineage.is_client_copy
    kept = copy.document.all(Comment)
    assert all(not c.internal for c in kept)
    assert sorted(c.id for c in kept) == (sorted(c.id for c in shared) if keep else [])
    assert api.check_file(out).document is not None
    assert "Client copy saved as Für den Kunden.cxstudio" in main_window.statusBar().currentMessage()
    assert main_window.isWindowModified()  # the handout is recorded: save to keep the copy's base
    assert len(project.document.all(Comment)) == len(source.all(Comment))  # the project itself keeps everything


def test_a_client_copy_onto_the_project_itself_is_refused_in_one_sentence(main_window, example: Path) -> None:
    assert main_window.open_path(example)
    before = example.read_bytes()
    fill_client_copy_dialog(example, True)
    problem = answer_message(QMessageBox.StandardButton.Ok)  # no "replace?" first: it cannot be done
    choose_from_file_menu(main_window, "actionSaveClientCopy")
    QTest.qWait(50)
    assert len(problem) == 1 and problem[0].startswith("A client copy cannot replace the project itself (")
    assert problem[0].endswith("); choose another file name.")
    assert example.read_bytes() == before
    # given directly, a path naming the same file differently is refused by the API, in the same sentence
    refused = answer_message(QMessageBox.StandardButton.Ok)
    assert not main_window.sharing.save_client_copy(example.parent / "." / example.name, keep_comments=True)
    QTest.qWait(20)
    assert refused == problem and example.read_bytes() == before


def test_an_existing_file_is_only_replaced_when_the_user_says_so(main_window, example: Path, tmp_path: Path) -> None:
    assert main_window.open_path(example)
    out = tmp_path / "schon-da.cxstudio"
    out.write_bytes(b"keep me")
    fill_client_copy_dialog(out, True)
    answer_message(QMessageBox.StandardButton.No)
    choose_from_file_menu(main_window, "actionSaveClientCopy")
    QTest.qWait(50)
    assert out.read_bytes() == b"keep me"


def test_open_for_review_from_the_menu_opens_the_file_so_it_can_only_be_commented(
        main_window, example: Path) -> None:
    EditorSettings().set_author("Erika Mustermann")
    answer_file_dialog(example)
    choose_from_file_menu(main_window, "actionOpenForReview")
    project = main_window.project
    assert project is not None and project.review and not project.read_only
    assert main_window.banner_label.text() == "Review copy: you can comment; the map cannot be changed."
    assert main_window.windowTitle().endswith("(review copy) — CX Studio")
    assert all(not action.isEnabled() for action in main_window.edit_actions)
    assert main_window.findChild(QCheckBox, "commentListShared").isChecked()  # shared by default in review mode


def test_open_for_review_of_the_file_open_for_editing_reopens_it(main_window, example: Path) -> None:
    assert main_window.open_path(example)
    assert not main_window.project.review
    assert main_window.sharing.open_review(example)
    assert main_window.project.review and not main_window.project.read_only


def test_open_for_review_of_a_file_that_is_no_project_says_so_and_keeps_the_open_one(
        main_window, example: Path, tmp_path: Path) -> None:
    assert main_window.open_path(example)
    bad = tmp_path / "kaputt.cxstudio"
    bad.write_bytes(b"this is not a database")
    said = answer_message(QMessageBox.StandardButton.Ok)
    assert not main_window.sharing.open_review(bad)
    QTest.qWait(20)
    assert said and "Traceback" not in said[0] and said[0].rstrip().endswith(".")
    assert main_window.project is not None and main_window.project.path == example
    assert bad.read_bytes() == b"this is not a database"


# ---------------------------------------------------------------------- every edit gesture in review mode
def _drop(canvas, mime: QMimeData, point: QPointF) -> bool:  # type: ignore[no-untyped-def]
    viewport = canvas.viewport()
    at = canvas.mapFromScene(point)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(at, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    QApplication.sendEvent(viewport, QDragMoveEvent(at, actions, mime, Qt.MouseButton.LeftButton,
                                                    Qt.KeyboardModifier.NoModifier))
    drop = QDropEvent(QPointF(at), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    return enter.isAccepted() and drop.isAccepted()


def _right_click_and_trigger_everything(canvas, point: QPointF) -> list[str]:  # type: ignore[no-untyped-def]
    """Right-click a scene point; in the menu that opens, trigger every entry (submenus included)."""
    enabled: list[str] = []

    def run() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu):
            QTimer.singleShot(10, run)
            return
        try:
            pending = list(popup.actions())
            while pending:
                action = pending.pop(0)
                if action.menu() is not None:
                    pending.extend(action.menu().actions())
                elif not action.isSeparator():
                    if action.isEnabled():
                        enabled.append(action.text())
                    action.trigger()
        finally:
            popup.close()

    QTimer.singleShot(0, run)
    window = canvas.window()
    at = canvas.viewport().mapTo(window, canvas.mapFromScene(point))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at)
    QCoreApplication.processEvents()
    return enabled


def test_in_review_mode_every_edit_gesture_is_refused_while_commenting_works(main_window, example: Path) -> None:
    EditorSettings().set_author("Kundin Schmidt")
    assert main_window.sharing.open_review(example)
    window, canvas = main_window, main_window.canvas
    project = window.project
    before = snapshot(project)
    document = project.document
    layout = canvas.journey_scene.layout
    card = document.cards(canvas.journey_id())[0]
    start = QPointF(*layout.cards[card.id].rect.center)
    other = next(key for key in layout.cells if key != (card.stage_id, card.lane_id))
    target = QPointF(*layout.cells[other].center)

    canvas.centerOn(start)
    viewport = canvas.viewport()
    p0, p1 = canvas.mapFromScene(start), canvas.mapFromScene(target)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p0)  # drag a card
    for step in range(1, 7):
        QTest.mouseMove(viewport, p0 + (p1 - p0) * (step / 6))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p1)
    canvas.select_ids([card.id])
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Delete)  # delete key
    QTest.keyClick(canvas, Qt.Key.Key_F2)  # rename inline, then type
    assert canvas.inline_editor() is None
    type_text(canvas, "Neuer Titel")
    title = window.inspector.findChild(QWidget, "field_title")
    assert title is not None and not title.isEnabled()
    title.setFocus()
    type_text(title, "Geändert")
    mime = palette_payload_mime({"what": "card", "kind": "step"})
    assert not _drop(canvas, mime, target)  # a palette drop
    enabled = _right_click_and_trigger_everything(canvas, start)  # every entry of the context menu
    assert "Delete card" not in enabled and "Edit title" not in enabled
    assert snapshot(project) == before
    assert project.session.is_clean

    # commenting still works, from the panel, shared by default, signed with the reader's name
    window.comment_list.dock.show()
    window.comment_list.dock.raise_()
    canvas.select_ids([card.id])

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Hier fehlt der Rückruf.")
        dialog.accept()

    answer_next_modal(answer)
    QTest.mouseClick(window.findChild(QPushButton, "commentNew"), Qt.MouseButton.LeftButton)
    added = [c for c in project.document.all(Comment) if c.text == "Hier fehlt der Rückruf."]
    assert [(c.target_id, c.author, c.internal) for c in added] == [(card.id, "Kundin Schmidt", False)]
    assert project.document.get(card.id, Card) == card
    marker = canvas.journey_scene.comment_markers.items[card.id]
    assert marker.is_open
