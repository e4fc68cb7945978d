"""The Comments dock and the comment markers on the map, used with real clicks and keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QInputDialog, QPushButton, QTreeWidget, QTreeWidgetItem, QWidget
from ui_helpers import answer_next_modal, type_text

from cxstudio import api
from cxstudio.editing import comments as comment_ops
from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.model.entities import Comment
from cxstudio.ui.canvas.items.comment_markers import DONE_FILL, OPEN_FILL, CommentMarkerItem
from cxstudio.ui.settings import EditorSettings


@dataclass
class Commented:
    path: Path
    journey: str
    other_journey: str
    stage: str
    card: str
    card_thread: str  # shared, by Erika, with Max's reply
    stage_thread: str  # internal, by Max
    journey_thread: str  # shared, by Erika
    resolved_thread: str  # on the other journey, resolved


@pytest.fixture
def commented(tmp_path: Path) -> Commented:
    """A saved project with threads on a card, a stage, two journeys (one resolved) and a reply."""
    path = tmp_path / "Kommentare.cxstudio"
    project = api.create("journey-map", "de")
    document = project.document
    journey = document.journeys()[0]
    stage = document.stages(journey.id)[0]
    lane = document.lanes(journey.id)[0]
    card = project.run(ops.add_card, stage.id, lane.id, "Anzeige gesehen")
    other = project.run(ops.add_journey, "Umzug melden", stages=["Planen"], lanes=[LaneSpec("Schritte")])
    on_card = project.run(comment_ops.add_comment, card.id, "Stimmt die Reihenfolge?", author="Erika",
                          created="2025-01-02T10:00:00")
    project.run(comment_ops.reply_to_comment, on_card.id, "Ja, so war es.", author="Max", created="2025-01-02T11:00:00")
    on_stage = project.run(comment_ops.add_comment, stage.id, "Phase umbenennen?", author="Max", internal=True,
                           created="2025-01-03T10:00:00")
    on_journey = project.run(comment_ops.add_comment, journey.id, "Gesamteindruck gut.", author="Erika",
                             created="2025-01-04T10:00:00")
    resolved = project.run(comment_ops.add_comment, other.id, "Noch leer?", author="Max", created="2025-01-05T10:00:00")
    project.run(comment_ops.resolve_comment, resolved.id, "Erika", "2025-01-06T10:00:00")
    project.save_as(path)
    project.close()
    return Commented(path, journey.id, other.id, stage.id, card.id, on_card.id, on_stage.id, on_journey.id,
                     resolved.id)


def panel_of(window):  # type: ignore[no-untyped-def]
    return window.comment_list.panel


def tree_of(window) -> QTreeWidget:  # type: ignore[no-untyped-def]
    tree = window.findChild(QTreeWidget, "commentThreads")
    assert tree is not None
    return tree


def row_of(tree: QTreeWidget, comment_id: str) -> QTreeWidgetItem:
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for item in (top, *(top.child(j) for j in range(top.childCount()))):
            if item.data(0, Qt.ItemDataRole.UserRole) == comment_id:
                return item
    raise AssertionError(f"no row for {comment_id}")


def click_row(tree: QTreeWidget, item: QTreeWidgetItem, double: bool = False) -> None:
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    if double:
        QTest.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def click(widget: QWidget) -> None:
    """A left click on a button, or on a check box's box (a stretched check box is empty in its middle)."""
    assert widget.isEnabled() and widget.isVisible(), widget.objectName()
    point = QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox) else widget.rect().center()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def answer_text(text: str) -> list[str]:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        editor = dialog.findChild(QWidget, None)
        assert editor is not None
        dialog.setTextValue(text)
        dialog.accept()

    return answer_next_modal(answer)


def fill_of(marker: CommentMarkerItem) -> str:
    """The colour the scene paints inside a marker's bubble, left of its number."""
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    marker.scene().render(painter, QRectF(0, 0, 40, 40), QRectF(marker.pos() + QPointF(2, 3), QPointF(
        marker.pos() + QPointF(6, 7))))
    painter.end()
    return image.pixelColor(20, 20).name()


def open_dock(window) -> None:  # type: ignore[no-untyped-def]
    window.comment_list.dock.show()
    window.comment_list.dock.raise_()


def test_the_panel_lists_every_thread_with_its_replies_and_filters_them(main_window, commented: Commented) -> None:
    assert main_window.open_path(commented.path)
    open_dock(main_window)
    panel, tree = panel_of(main_window), tree_of(main_window)
    assert panel.visible_threads() == [commented.card_thread, commented.stage_thread, commented.journey_thread,
                                       commented.resolved_thread]
    card_row = row_of(tree, commented.card_thread)
    assert card_row.childCount() == 1 and card_row.child(0).text(0) == "Ja, so war es.\nMax"
    assert card_row.text(0) == "Stimmt die Reihenfolge?\nErika · Card: Anzeige gesehen"
    assert row_of(tree, commented.stage_thread).text(0).startswith("[internal]")
    assert row_of(tree, commented.resolved_thread).text(0).startswith("✓")

    status = main_window.findChild(QComboBox, "commentStatusFilter")
    status.setFocus()
    QTest.keyClick(status, Qt.Key.Key_Down)  # Open
    assert panel.visible_threads() == [commented.card_thread, commented.stage_thread, commented.journey_thread]
    QTest.keyClick(status, Qt.Key.Key_Down)  # Resolved
    assert panel.visible_threads() == [commented.resolved_thread]
    QTest.keyClick(status, Qt.Key.Key_Up)
    QTest.keyClick(status, Qt.Key.Key_Up)  # all threads again

    author = main_window.findChild(QComboBox, "commentAuthorFilter")
    assert [author.itemText(i) for i in range(author.count())] == ["Every author", "Erika", "Max"]
    author.setFocus()
    QTest.keyClick(author, Qt.Key.Key_End)  # Max: his own threads and the one he replied to
    assert panel.visible_threads() == [commented.card_thread, commented.stage_thread, commented.resolved_thread]
    QTest.keyClick(author, Qt.Key.Key_Home)

    journey = main_window.findChild(QComboBox, "commentJourneyFilter")
    journey.setFocus()
    QTest.keyClick(journey, Qt.Key.Key_Down)  # the first journey
    assert panel.visible_threads() == [commented.card_thread, commented.stage_thread, commented.journey_thread]
    QTest.keyClick(journey, Qt.Key.Key_Down)  # "Umzug melden"
    assert panel.visible_threads() == [commented.resolved_thread]
    QTest.keyClick(journey, Qt.Key.Key_Down)  # outside the journeys: nothing
    assert panel.visible_threads() == []
    assert main_window.findChild(QWidget, "commentListEmpty").isVisible()


def test_double_click_and_enter_show_the_element_on_its_map(main_window, commented: Commented) -> None:
    assert main_window.open_path(commented.path)
    open_dock(main_window)
    tree = tree_of(main_window)
    main_window.select_journey(commented.other_journey)
    click_row(tree, row_of(tree, commented.card_thread), double=True)
    assert main_window.current_journey_id() == commented.journey
    assert main_window.selection.ids == [commented.card]
    assert main_window.canvas.selected_ids() == [commented.card]
    click_row(tree, row_of(tree, commented.stage_thread))
    QTest.keyClick(tree, Qt.Key.Key_Return)
    assert main_window.selection.ids == [commented.stage]
    assert main_window.inspector.comments.list.count() == 1  # the stage's comment under its fields
    click_row(tree, row_of(tree, commented.resolved_thread))
    QTest.keyClick(tree, Qt.Key.Key_Enter)
    assert main_window.current_journey_id() == commented.other_journey


def test_reply_resolve_and_reopen_from_the_panel_are_one_step_each_signed_by_the_author(
        main_window, commented: Commented) -> None:
    EditorSettings().set_author("Erika Mustermann")
    assert main_window.open_path(commented.path)
    open_dock(main_window)
    panel, tree = panel_of(main_window), tree_of(main_window)
    project = main_window.project
    steps = len(project.session.history)
    click_row(tree, row_of(tree, commented.stage_thread))
    answer_text("Ja, bitte „Prüfen“ nennen.")
    click(main_window.findChild(QPushButton, "commentReply"))
    replies = [c for c in project.document.all(Comment) if c.reply_to == commented.stage_thread]
    assert [(c.text, c.author, c.internal) for c in replies] == [("Ja, bitte „Prüfen“ nennen.", "Erika Mustermann", True)]
    assert row_of(tree, commented.stage_thread).childCount() == 1  # the list followed the change
    assert panel.current_comment_id() == replies[0].id

    resolve = main_window.findChild(QPushButton, "commentResolve")
    reopen = main_window.findChild(QPushButton, "commentReopen")
    assert not reopen.isEnabled()
    click(resolve)
    root = project.document.get(commented.stage_thread, Comment)
    assert root.resolved and root.resolved_by == "Erika Mustermann"
    assert row_of(tree, commented.stage_thread).text(0).startswith("✓")
    assert not resolve.isEnabled()
    click(reopen)
    assert not project.document.get(commented.stage_thread, Comment).resolved
    assert len(project.session.history) == steps + 3
    project.undo()
    assert project.document.get(commented.stage_thread, Comment).resolved  # the list follows undo too
    assert row_of(tree, commented.stage_thread).text(0).startswith("✓")


def test_the_shared_switch_is_one_for_panel_and_inspector_and_new_comments_follow_it(
        main_window, commented: Commented) -> None:
    EditorSettings().set_author("Max Muster")
    assert main_window.open_path(commented.path)
    open_dock(main_window)
    project = main_window.project
    panel_box = main_window.findChild(QCheckBox, "commentListShared")
    main_window.canvas.select_ids([commented.card])
    inspector_box = main_window.inspector.comments.shared_box
    assert inspector_box.isVisibleTo(main_window.inspector) and inspector_box.isEnabled()
    assert not panel_box.isChecked() and not inspector_box.isChecked()  # outside review mode: internal
    click(inspector_box)
    assert panel_box.isChecked()
    answer_text("Bitte mit dem Kunden klären.")
    click(main_window.findChild(QPushButton, "commentNew"))
    new = [c for c in project.document.all(Comment) if c.text == "Bitte mit dem Kunden klären."]
    assert [(c.target_id, c.author, c.internal) for c in new] == [(commented.card, "Max Muster", False)]
    click(panel_box)
    assert not inspector_box.isChecked()
    main_window.inspector.comments.add_comment("Nur intern.")
    internal = [c for c in project.document.all(Comment) if c.text == "Nur intern."]
    assert len(internal) == 1 and internal[0].internal
    assert len(panel_of(main_window).visible_threads()) == 6


def test_comment_markers_count_open_threads_and_a_click_opens_the_thread(main_window, commented: Commented) -> None:
    assert main_window.open_path(commented.path)
    main_window.comment_list.dock.hide()
    canvas = main_window.canvas
    scene = canvas.journey_scene
    markers = scene.comment_markers
    assert set(markers.items) == {commented.card, commented.stage, commented.journey}
    card_marker = markers.items[commented.card]
    assert isinstance(card_marker, CommentMarkerItem) and card_marker.count.comments == 2 and card_marker.is_open
    card_box = scene.layout.cards[commented.card].rect
    assert card_marker.sceneBoundingRect().intersects(scene.card_items[commented.card].sceneBoundingRect())
    assert abs(card_marker.pos().x() + 16 - card_box.right) < 1  # astride the card's top right corner
    steps = len(main_window.project.session.history)

    centre = card_marker.pos() + QPointF(8, 7)
    canvas.centerOn(centre)
    point = canvas.mapFromScene(centre)
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseMove(canvas.viewport(), point + QPoint(60, 40))  # a drag from a marker moves nothing
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       point + QPoint(60, 40))
    assert main_window.selection.ids == [commented.card]
    assert main_window.comment_list.dock.isVisible()
    panel = panel_of(main_window)
    assert panel.visible_threads() == [commented.card_thread]
    assert main_window.findChild(QWidget, "commentTargetFilter").text() == "Comments on Card: Anzeige gesehen"
    assert len(main_window.project.session.history) == steps

    # the journey's marker sits right of its title; clicking it shows the journey's thread
    journey_marker = markers.items[commented.journey]
    title = scene.layout.title_rect
    assert title.y <= journey_marker.pos().y() <= title.bottom
    centre = journey_marker.pos() + QPointF(8, 7)
    canvas.centerOn(centre)
    QTest.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     canvas.mapFromScene(centre))
    assert panel.visible_threads() == [commented.journey_thread]
    click(main_window.findChild(QPushButton, "commentShowAll"))
    assert len(panel.visible_threads()) == 4


def test_markers_follow_comment_changes_without_a_relayout_and_never_per_paint(main_window, commented: Commented) -> None:
    assert main_window.open_path(commented.path)
    scene = main_window.canvas.journey_scene
    markers = scene.comment_markers
    relayouts, follows = scene.relayout_count, markers.follow_count
    main_window.canvas.viewport().repaint()
    main_window.canvas.viewport().repaint()
    assert markers.follow_count == follows  # painting computes nothing
    project = main_window.project
    project.run(comment_ops.resolve_comment, commented.card_thread, "Erika")
    assert not markers.items[commented.card].is_open
    assert markers.follow_count == follows + 1 and scene.relayout_count == relayouts
    project.run(comment_ops.resolve_comment, commented.stage_thread, "Erika")
    stage_marker = markers.items[commented.stage]
    assert not stage_marker.is_open and fill_of(stage_marker) == DONE_FILL.name()
    assert fill_of(markers.items[commented.journey]) == OPEN_FILL.name()
    project.undo()
    project.undo()
    assert markers.items[commented.card].is_open and markers.items[commented.card].count.comments == 2
    project.run(comment_ops.add_comment, commented.card, "Noch eine Frage", author="Erika")
    assert markers.items[commented.card].count.comments == 3
    card = project.document.cards(commented.journey)[0]
    project.run(ops.delete_elements, [card.id])
    assert commented.card not in markers.items


def test_images_and_prints_of_a_map_carry_no_comment_markers(main_window, commented: Commented) -> None:
    from cxstudio.ui.export.images import journey_scene

    assert main_window.open_path(commented.path)
    assert main_window.canvas.journey_scene.comment_markers.items
    with journey_scene(main_window.project, commented.journey, "map") as scene:
        assert scene.comment_markers.items == {}
        assert not [i for i in scene.items() if isinstance(i, CommentMarkerItem)]


def test_typing_a_new_comment_with_umlauts_in_the_reply_dialog(main_window, commented: Commented) -> None:
    assert main_window.open_path(commented.path)
    open_dock(main_window)
    tree = tree_of(main_window)
    click_row(tree, row_of(tree, commented.journey_thread))

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        editor = next(w for w in dialog.findChildren(QWidget) if w.metaObject().className() == "QPlainTextEdit")
        editor.setFocus()
        type_text(editor, "Größe prüfen")
        dialog.accept()

    answer_next_modal(answer)
    click(main_window.findChild(QPushButton, "commentReply"))
    assert any(c.text == "Größe prüfen" and c.reply_to == commented.journey_thread
               for c in main_window.project.document.all(Comment))
