"""Review mode and read-only in the editor: the banner, every edit gesture refused, comments still added."""

from __future__ import annotations

from pathlib import Path

import pytest
from canvas_gestures import centre, double_click, drag, drop_mime, press_key
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QToolButton, QWidget
from ui_helpers import answer_next_modal, type_text

from cxstudio import api
from cxstudio.model.entities import Card, Comment, LaneKind
from cxstudio.model.kinds import ENTITY_TYPES
from cxstudio.ui.canvas import JourneyCanvas
from cxstudio.ui.panels.palette import palette_payload_mime
from cxstudio.ui.settings import EditorSettings


@pytest.fixture
def client_copy_file(tmp_path: Path) -> Path:
    """A client copy of the saved German worked example."""
    source = tmp_path / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(source)
    project.close()
    output = tmp_path / "Beispiel-Kunde.cxstudio"
    api.client_copy(source, output)
    return output


def snapshot(project: api.OpenProject) -> tuple[int, tuple[str, ...]]:
    """The undo history's length and every element as text: equal snapshots mean nothing changed."""
    return len(project.session.history), tuple(repr(e) for t in ENTITY_TYPES for e in project.document.all(t))


def empty_card_cell(canvas: JourneyCanvas) -> tuple[float, float]:
    """The centre of a cell of a card lane that holds no card."""
    document, journey_id = canvas.project.document, canvas.journey_id()
    filled = {(c.stage_id, c.lane_id) for c in document.cards(journey_id)}
    lanes = {lane.id for lane in document.lanes(journey_id) if lane.kind == LaneKind.CARDS.value}
    layout = canvas.journey_scene.layout
    cell = next(key for key in layout.cells if key[1] in lanes and key not in filled)
    return centre(layout.cells[cell])


def show(canvas: JourneyCanvas, x: float, y: float) -> None:
    canvas.centerOn(x, y)


def try_every_edit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every edit gesture on the map and in the panels; the caller checks that none changed anything."""
    canvas = window.canvas
    document = window.project.document
    journey_id = canvas.journey_id()
    card = document.cards(journey_id)[0]
    layout = canvas.journey_scene.layout
    start = centre(layout.cards[card.id].rect)
    other = next(key for key in layout.cells if key != (card.stage_id, card.lane_id))
    target = centre(layout.cells[other])
    show(canvas, *start)
    canvas.setFocus()
    drag(canvas, start, target)  # drag a card to another cell
    canvas.select_ids([card.id])
    canvas.setFocus()
    press_key(canvas, Qt.Key.Key_F2)  # rename inline
    assert canvas.inline_editor() is None
    assert "review" in window.statusBar().currentMessage() or "read-only" in window.statusBar().currentMessage()
    press_key(canvas, Qt.Key.Key_Delete)
    press_key(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # copying changes nothing and is allowed
    press_key(canvas, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # paste
    press_key(canvas, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # duplicate
    empty = empty_card_cell(canvas)
    show(canvas, *empty)
    double_click(canvas, *empty)  # create a card in an empty cell
    assert canvas.inline_editor() is None
    mime = palette_payload_mime({"what": "card", "kind": "step"})
    assert drop_mime(canvas, mime, *empty) == (False, False)  # the canvas takes no palette drop
    assert not window.palette.isEnabled()
    window.inspector.show_element(card.id)
    title = window.inspector.findChild(QWidget, "field_title")
    assert title is not None and not title.isEnabled()  # the inspector's fields cannot be edited
    title.setFocus()
    type_text(title, "Geändert")


def test_a_client_copy_opens_for_review_and_refuses_every_edit_but_comments(
        main_window, client_copy_file: Path, qtbot) -> None:
    EditorSettings().set_author("Erika Mustermann")
    assert main_window.open_path(client_copy_file)
    project = main_window.project
    assert project.review and not project.read_only
    assert main_window.banner.isVisible()
    assert main_window.banner_label.text() == "Review copy: you can comment; the map cannot be changed."
    assert all(not action.isEnabled() for action in main_window.edit_actions)
    before = snapshot(project)
    try_every_edit(main_window, qtbot)
    assert snapshot(project) == before
    assert project.session.is_clean

    card = project.document.cards(main_window.canvas.journey_id())[0]
    main_window.canvas.select_ids([card.id])
    comments = main_window.inspector.comments
    assert comments.add_button.isEnabled() and not comments.delete_button.isEnabled()

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Stimmt die Reihenfolge?")
        dialog.accept()

    answer_next_modal(answer)
    comments.add_button.click()
    added = [c for c in project.document.all(Comment) if c.target_id == card.id]
    assert [(c.text, c.author, c.internal) for c in added] == [("Stimmt die Reihenfolge?", "Erika Mustermann", False)]
    assert comments.list.count() == 1
    assert project.document.get(card.id, Card) == card


def test_a_file_another_editor_holds_opens_read_only_with_every_edit_disabled(
        main_window, project_file: Path, qtbot) -> None:
    holder = api.open_project(project_file)
    try:
        assert main_window.open_path(project_file)
        project = main_window.project
        assert project.read_only and main_window.banner.isVisible()
        assert all(not action.isEnabled() for action in main_window.edit_actions)
        before = snapshot(project)
        try_every_edit(main_window, qtbot)
        assert snapshot(project) == before
        card = project.document.cards(main_window.canvas.journey_id())[0]
        main_window.canvas.select_ids([card.id])
        assert not main_window.inspector.comments.add_button.isEnabled()
    finally:
        main_window.close_project()
        holder.close()


def test_edits_come_back_when_a_normal_project_follows_a_review_copy(main_window, project_file: Path,
                                                                     tmp_path: Path) -> None:
    copy = tmp_path / "kunde.cxstudio"
    api.client_copy(project_file, copy)
    main_window.open_path(copy)
    button = main_window.findChild(QToolButton, "addJourneyButton")
    assert not button.isEnabled() and not main_window.edit_actions[-1].isEnabled()
    main_window.open_path(project_file)
    assert button.isEnabled()
    assert all(action.isEnabled() for action in main_window.edit_actions[-2:])  # the Insert kind submenus
