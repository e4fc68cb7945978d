"""The main window: opening projects, journey tabs, inspector, outline, history, title marker and files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget
from ui_helpers import answer_next_modal, type_text

from cxstudio import api
from cxstudio.editing import operations
from cxstudio.model.entities import Card, Persona
from cxstudio.ui import dialogs


def _first_cell(window):  # type: ignore[no-untyped-def]
    document = window.project.document
    journey_id = window.current_journey_id()
    return document.stages(journey_id)[0].id, document.lanes(journey_id)[0].id


def test_opens_a_project_with_its_journeys_in_tabs(main_window, project_file: Path) -> None:
    assert main_window.open_path(project_file)
    document = main_window.project.document
    assert main_window.journey_tabs.count() == len(document.journeys()) == 1
    assert main_window.journey_tabs.tabText(0) == document.journeys()[0].name
    assert main_window.canvas.journey_id() == document.journeys()[0].id
    assert main_window.windowTitle().startswith("Kundenreise.cxstudio")
    assert not main_window.isWindowModified()
    assert main_window.outline.item_for(document.journeys()[0].id) is not None
    assert str(project_file.resolve()) in main_window.settings.recent_files()


def test_journey_tabs_follow_added_renamed_moved_and_deleted_journeys(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    first = main_window.current_journey_id()
    second = main_window.new_journey()
    assert main_window.journey_tabs.count() == 2
    assert main_window.current_journey_id() == second
    assert main_window.canvas.journey_id() == second
    operations.rename(main_window.project.session, second, "Beschwerde")
    assert main_window.journey_tabs.tabText(1) == "Beschwerde"
    main_window.move_journey(-1)
    assert [j.id for j in main_window.project.document.journeys()] == [second, first]
    assert main_window.journey_tabs.tabText(0) == "Beschwerde"
    main_window.journey_tabs.setCurrentIndex(1)
    assert main_window.canvas.journey_id() == first
    main_window.project.session.undo()  # the move
    main_window.project.session.undo()  # the rename
    main_window.project.session.undo()  # the new journey
    assert main_window.journey_tabs.count() == 1


def test_inspector_typing_is_one_undo_step_and_undo_restores(main_window, project_file: Path, qtbot) -> None:
    main_window.open_path(project_file)
    session = main_window.project.session
    card = main_window.project.document.cards(main_window.current_journey_id())[0]
    main_window.canvas.select_ids([card.id])
    assert main_window.inspector.entity_id() == card.id
    title = main_window.inspector.editor("title")
    assert isinstance(title, QLineEdit) and title.text() == "Anzeige gesehen"
    steps_before = len(session.history)
    title.setFocus()
    title.end(False)
    type_text(title, " – Größe ä ö ü ß €")
    assert main_window.project.document.get(card.id, Card).title == "Anzeige gesehen – Größe ä ö ü ß €"
    assert len(session.history) == steps_before + 1
    assert main_window.isWindowModified()
    main_window.act_undo.trigger()
    assert main_window.project.document.get(card.id, Card).title == "Anzeige gesehen"
    assert title.text() == "Anzeige gesehen"
    assert not main_window.isWindowModified()


def test_inspector_edits_rating_flags_and_channel(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    document = main_window.project.document
    card = document.cards(main_window.current_journey_id())[0]
    main_window.canvas.select_ids([card.id])
    inspector = main_window.inspector
    inspector.editor("rating").setValue(8)
    inspector.editor("moment_of_truth").setChecked(True)
    channel_box = inspector.editor("channel_id")
    channel_box.activated.emit(2)
    updated = document.get(card.id, Card)
    assert updated.rating == 8 and updated.moment_of_truth
    assert updated.channel_id == channel_box.itemData(2) is not None
    inspector.editor("rating").setValue(0)  # the "not set" value
    assert document.get(card.id, Card).rating is None


def test_outline_and_canvas_selections_follow_each_other(main_window, project_file: Path, qtbot) -> None:
    main_window.open_path(project_file)
    journey_id = main_window.current_journey_id()
    stage_id, lane_id = _first_cell(main_window)
    second = operations.add_card(main_window.project.session, stage_id, lane_id, "Zweite Karte")
    first = main_window.project.document.cards_in_cell(stage_id, lane_id)[0]
    assert main_window.project.document.journey_of(first.id) == journey_id
    tree = main_window.outline.tree
    item = main_window.outline.item_for(second.id)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main_window.canvas.selected_ids() == [second.id]
    assert main_window.inspector.entity_id() == second.id
    main_window.canvas.select_ids([first.id])
    assert main_window.outline.selected_ids() == [first.id]
    assert main_window.selection_label.text() == f"Card: {first.title}"  # what the inspector shows
    tree.setFocus()
    tree.setCurrentItem(main_window.outline.item_for(first.id))
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert main_window.canvas.selected_ids() == [second.id]


def test_history_panel_marks_the_current_step_and_goes_back(main_window, project_file: Path, qtbot) -> None:
    main_window.open_path(project_file)
    session = main_window.project.session
    stage_id, lane_id = _first_cell(main_window)
    for title in ("Eins", "Zwei", "Drei"):
        operations.add_card(session, stage_id, lane_id, title)
    history = main_window.history.list
    assert history.count() == 4
    assert history.item(3).font().bold() and history.currentRow() == 3
    rect = history.visualItemRect(history.item(1))
    qtbot.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert session.index == 1
    titles = {c.title for c in main_window.project.document.cards(main_window.current_journey_id())}
    assert "Eins" in titles and "Zwei" not in titles
    assert main_window.history.list.item(1).font().bold()


def test_title_marker_follows_edits_save_undo_and_redo(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    session = main_window.project.session
    stage_id, lane_id = _first_cell(main_window)
    assert not main_window.isWindowModified()
    operations.add_card(session, stage_id, lane_id, "Neu")
    assert main_window.isWindowModified()
    assert main_window.save()
    assert not main_window.isWindowModified()
    main_window.act_undo.trigger()
    assert main_window.isWindowModified()
    main_window.act_redo.trigger()
    assert not main_window.isWindowModified()


def test_new_project_from_the_template_chooser(main_window, qtbot) -> None:
    def choose_blueprint(dialog) -> None:  # type: ignore[no-untyped-def]
        listing = dialog.list
        row = next(r for r in range(listing.count())
                   if (listing.item(r).data(Qt.ItemDataRole.UserRole) or ("",))[0] == "service-blueprint")
        listing.setCurrentRow(row)
        dialog.accept()

    answer_next_modal(choose_blueprint)
    assert main_window.new_project()
    document = main_window.project.document
    assert document.journeys() and main_window.journey_tabs.count() == len(document.journeys())
    assert any(lane.kind == "backstage" for lane in document.lanes(document.journeys()[0].id))
    assert main_window.opened.path is None
    assert main_window.windowTitle().startswith(document.project.name)


def test_save_as_and_reopen_shows_the_same_map(main_window, project_file: Path, tmp_path: Path, qtbot) -> None:
    main_window.open_path(project_file)
    stage_id, lane_id = _first_cell(main_window)
    operations.add_card(main_window.project.session, stage_id, lane_id, "Gespeichert mit Ümlaut")
    target = tmp_path / "Kopie.cxstudio"
    assert main_window.save_as(target)
    assert main_window.windowTitle().startswith("Kopie.cxstudio")
    snapshot = main_window.project.document.snapshot()
    journey_id = main_window.current_journey_id()
    items_before = sorted((type(i).__name__, round(i.pos().x()), round(i.pos().y()))
                          for i in main_window.canvas.scene().items())
    assert main_window.close_project()
    assert main_window.project is None
    assert main_window.open_path(target)
    assert main_window.project.document.snapshot() == snapshot
    assert main_window.canvas.journey_id() == journey_id
    items_after = sorted((type(i).__name__, round(i.pos().x()), round(i.pos().y()))
                         for i in main_window.canvas.scene().items())
    assert items_after == items_before


def test_closing_with_unsaved_changes_asks_and_respects_the_answer(main_window, project_file: Path,
                                                                   monkeypatch) -> None:
    main_window.open_path(project_file)
    stage_id, lane_id = _first_cell(main_window)
    operations.add_card(main_window.project.session, stage_id, lane_id, "Ungespeichert")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda parent, name: asked.append(name) or "cancel")
    assert not main_window.close()
    assert main_window.isVisible() and asked == ["Kundenreise.cxstudio"]
    monkeypatch.setattr(dialogs, "ask_unsaved_changes", lambda parent, name: "save")
    assert main_window.close()
    reopened = api.open_project(project_file)
    try:
        assert any(c.title == "Ungespeichert" for c in reopened.document.all(Card))
    finally:
        reopened.close()


def test_unsaved_changes_question_is_a_real_dialog_with_three_answers(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    stage_id, lane_id = _first_cell(main_window)
    operations.add_card(main_window.project.session, stage_id, lane_id, "Verwerfen")
    before = hashlib.sha256(project_file.read_bytes()).hexdigest()
    seen = answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    assert main_window.close_project()
    assert seen and "Kundenreise.cxstudio" in seen[0]
    assert main_window.project is None
    assert hashlib.sha256(project_file.read_bytes()).hexdigest() == before


def test_bad_files_show_one_sentence_and_change_nothing(main_window, tmp_path: Path) -> None:
    cases = {
        "leer.cxstudio": b"",
        "text.cxstudio": b"Das ist keine Datenbank.\n",
        "zufall.cxstudio": bytes(range(256)) * 16,
    }
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        seen = answer_next_modal(lambda box: box.accept())
        assert not main_window.open_path(path)
        assert len(seen) == 1 and str(path) in seen[0] and "Traceback" not in seen[0]
        assert path.read_bytes() == content
    seen = answer_next_modal(lambda box: box.accept())
    assert not main_window.open_path(tmp_path / "fehlt.cxstudio")
    assert seen and "does not exist" in seen[0]
    assert main_window.project is None


def test_a_locked_file_opens_read_only_with_a_banner_naming_the_holder(main_window, project_file: Path,
                                                                       monkeypatch) -> None:
    holder = api.open_project(project_file)
    try:
        assert main_window.open_path(project_file)
        assert main_window.opened.read_only_reason
        assert main_window.banner.isVisible()
        info = main_window.project.lock_holder
        assert info is not None and info.user in main_window.banner_label.text()
        assert "read-only" in main_window.windowTitle()
        before = project_file.read_bytes()
        asked: list[str] = []
        monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                            lambda *args, **kwargs: (asked.append("save as") or "", ""))
        assert not main_window.save()  # Save of a read-only project asks where to Save As
        assert asked == ["save as"] and project_file.read_bytes() == before
    finally:
        main_window.close_project()
        holder.close()


def test_dropping_a_project_file_on_the_window_opens_it(main_window, project_file: Path, qtbot) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(project_file))])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main_window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(main_window, drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: main_window.project is not None)
    assert main_window.opened.path == project_file


def test_palette_entries_carry_the_canvas_payload_and_insert_with_enter(main_window, project_file: Path,
                                                                        qtbot) -> None:
    main_window.open_path(project_file)
    palette = main_window.palette
    entries = {tuple(sorted(palette.payload(item).items())): item for item in palette.entries()}
    assert (("kind", "pain_point"), ("what", "card")) in entries
    assert (("what", "stage"),) in entries
    mime = palette.tree.mimeData([entries[(("kind", "pain_point"), ("what", "card"))]])
    assert bytes(mime.data("application/x-cxstudio-palette").data()) == b'{"what": "card", "kind": "pain_point"}'
    from cxstudio.ui.canvas import PaletteItem, parse_palette_mime

    assert parse_palette_mime(mime) == PaletteItem("card", "pain_point")  # what the canvas accepts on a drop
    lane_entry = next(item for item in palette.entries() if palette.payload(item).get("kind") == "backstage")
    assert parse_palette_mime(palette.tree.mimeData([lane_entry])) == PaletteItem("lane", "backstage")
    stages_before = len(main_window.project.document.stages(main_window.current_journey_id()))
    palette.tree.setFocus()
    palette.tree.setCurrentItem(entries[(("what", "stage"),)])
    qtbot.keyClick(palette.tree, Qt.Key.Key_Return)
    assert len(main_window.project.document.stages(main_window.current_journey_id())) == stages_before + 1


def test_project_data_window_adds_a_persona_and_the_inspector_edits_it(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    main_window.workspace.act_project_data.trigger()
    panel = main_window.workspace.data
    panel.findChild(QPushButton, "add_persona").click()
    personas = main_window.project.document.all(Persona)
    assert len(personas) == 1
    assert main_window.inspector.entity_id() == personas[0].id
    name = main_window.inspector.editor("name")
    name.selectAll()
    type_text(name, "Jörg, 54")
    assert main_window.project.document.get(personas[0].id, Persona).name == "Jörg, 54"
    assert panel.tables["persona"].model.index(0, 0).data() == "Jörg, 54"


def test_recent_files_and_window_geometry_are_remembered(qtbot, project_file: Path) -> None:
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    first = MainWindow(EditorSettings(), "en")
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)  # the offscreen screen is 800 x 600
    first.open_path(project_file)
    size = first.size()
    assert size.width() < 800
    first.close()
    second = MainWindow(EditorSettings(), "en")
    qtbot.addWidget(second)
    assert second.size() == size
    actions = [a for a in second.recent_menu.actions() if a.statusTip()]
    assert actions and actions[0].statusTip() == str(project_file.resolve())
    actions[0].trigger()
    assert second.opened is not None and second.opened.path == project_file


def test_keyboard_shortcuts_are_the_standard_ones(main_window) -> None:
    def keys(action) -> set[str]:  # type: ignore[no-untyped-def]
        return {s.toString() for s in action.shortcuts()}

    assert "Ctrl+Z" in keys(main_window.act_undo)
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= keys(main_window.act_redo)
    assert "Ctrl+S" in keys(main_window.act_save) and "Ctrl+Shift+S" in keys(main_window.act_save_as)
    assert "Ctrl+W" in keys(main_window.act_close) and "Ctrl+Q" in keys(main_window.act_quit)
    assert "Del" in keys(main_window.act_delete) and "F2" in keys(main_window.act_edit_title)
    assert "Ctrl+0" in keys(main_window.act_zoom_fit) and "Ctrl+D" in keys(main_window.act_duplicate)


def test_a_full_disk_while_editing_is_reported_once_in_a_dialog(main_window, qtbot) -> None:
    main_window.new_from_template(("journey-map", "en"))
    project = main_window.project
    file = project._file  # the real working copy: make SQLite answer SQLITE_FULL, as on a full disk
    with file.engine.connect() as connection:
        used = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
        connection.rollback()
    file.engine.raw_connection().driver_connection.execute(f"PRAGMA max_page_count = {used}")
    stage_id, lane_id = _first_cell(main_window)
    seen = answer_next_modal(lambda box: box.accept())
    operations.add_card(project.session, stage_id, lane_id, "Groß", text="ä" * 150_000)
    qtbot.waitUntil(lambda: bool(seen))
    assert "disk is full" in seen[0]
    operations.add_card(project.session, stage_id, lane_id, "Noch eine")
    qtbot.wait(50)
    assert len(seen) == 1
    assert any(c.title == "Groß" for c in project.document.all(Card))


def test_preferences_remember_the_language(main_window) -> None:
    def choose_german(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.accept()

    answer_next_modal(choose_german)
    main_window.preferences()
    from cxstudio.ui.settings import EditorSettings

    assert EditorSettings().language() == "de"


def test_outline_refills_only_the_journey_a_change_touched(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    first_journey = main_window.current_journey_id()
    other_journey = main_window.new_journey()
    document = main_window.project.document
    other_stage = document.stages(other_journey)[0]
    other_item = main_window.outline.item_for(other_stage.id)
    card = document.cards(first_journey)[0]
    target_stage = document.stages(first_journey)[2]
    operations.move_cards(main_window.project.session, [card.id], target_stage.id, card.lane_id)
    moved = main_window.outline.item_for(card.id)
    assert moved.parent().data(0, Qt.ItemDataRole.UserRole) == target_stage.id
    assert main_window.outline.item_for(other_stage.id) is other_item
    operations.edit_card(main_window.project.session, card.id, title="Umbenannt in der Gliederung")
    assert main_window.outline.item_for(card.id) is moved
    assert moved.text(0) == "Umbenannt in der Gliederung"
    main_window.project.session.undo()
    main_window.project.session.undo()
    assert main_window.outline.item_for(card.id).parent().data(0, Qt.ItemDataRole.UserRole) == card.stage_id


def test_the_view_switcher_changes_the_canvas_view(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    main_window.view_actions["blueprint"].trigger()
    assert str(main_window.canvas.view()) == "blueprint"
    assert main_window.view_choice.currentData() == "blueprint"
    main_window.view_choice.activated.emit(main_window.view_choice.findData("swimlane_channel"))
    assert str(main_window.canvas.view()) == "swimlane_channel"
    assert main_window.view_actions["swimlane_channel"].isChecked()


def test_the_outline_renames_with_f2_and_deletes_with_delete(main_window, project_file: Path, qtbot) -> None:
    main_window.open_path(project_file)
    document = main_window.project.document
    stage = document.stages(main_window.current_journey_id())[1]
    tree = main_window.outline.tree
    main_window.activateWindow()
    tree.setFocus()
    tree.setCurrentItem(main_window.outline.item_for(stage.id))
    qtbot.waitUntil(tree.hasFocus)
    main_window.act_edit_title.trigger()
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, "Prüfung")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits through a queued call
    qtbot.waitUntil(lambda: document.get(stage.id).name == "Prüfung")
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    main_window.outline.item_for(stage.id).setSelected(True)
    main_window.act_delete.trigger()
    assert stage.id not in document
    main_window.act_undo.trigger()
    assert document.get(stage.id).name == "Prüfung"


def test_ctrl_z_in_an_inspector_field_undoes_through_the_session(main_window, project_file: Path, qtbot) -> None:
    main_window.open_path(project_file)
    card = main_window.project.document.cards(main_window.current_journey_id())[0]
    main_window.canvas.select_ids([card.id])
    main_window.activateWindow()
    title = main_window.inspector.editor("title")
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    title.end(False)
    type_text(title, " neu")
    assert main_window.project.document.get(card.id, Card).title == "Anzeige gesehen neu"
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert main_window.project.document.get(card.id, Card).title == "Anzeige gesehen"
    assert main_window.project.session.can_redo  # the session undid the step, not the line edit
    qtbot.keyClick(title, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert main_window.project.document.get(card.id, Card).title == "Anzeige gesehen neu"
    assert title.text() == "Anzeige gesehen neu"


def test_save_as_onto_a_folder_shows_the_problem_and_keeps_the_project(main_window, project_file: Path,
                                                                      tmp_path: Path) -> None:
    main_window.open_path(project_file)
    folder = tmp_path / "Ordner.cxstudio"
    folder.mkdir()
    seen = answer_next_modal(lambda box: box.accept())
    assert not main_window.save_as(folder)
    assert seen and "folder" in seen[0]
    assert main_window.opened.path == project_file
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_deleting_a_journey_asks_first_and_can_be_undone(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    journey_id = main_window.current_journey_id()
    answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
    main_window.delete_journey()
    assert journey_id in main_window.project.document
    answer_next_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    main_window.delete_journey()
    assert journey_id not in main_window.project.document
    assert main_window.journey_tabs.count() == 0 and main_window.canvas.journey_id() is None
    main_window.act_undo.trigger()
    assert main_window.journey_tabs.count() == 1 and main_window.canvas.journey_id() == journey_id


def test_a_recent_file_that_is_gone_leaves_the_list(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    main_window.close_project()
    project_file.unlink()
    answer_next_modal(lambda box: box.accept())
    assert not main_window.open_path(project_file)
    assert str(project_file.resolve()) not in main_window.settings.recent_files()



def test_insert_menu_adds_a_card_after_the_selected_one_and_a_lane_of_a_kind(main_window, project_file: Path,
                                                                             qtbot) -> None:
    main_window.open_path(project_file)
    document = main_window.project.document
    journey_id = main_window.current_journey_id()
    card = document.cards(journey_id)[0]
    main_window.canvas.select_ids([card.id])
    main_window.findChild(QAction, "actionInsertCard_pain_point").trigger()
    cell = document.cards_in_cell(card.stage_id, card.lane_id)
    assert [c.id for c in cell][0] == card.id and cell[1].kind == "pain_point"
    assert main_window.canvas.selected_ids() == [cell[1].id]
    editor = main_window.canvas.inline_editor()
    if editor is not None:  # the canvas opened its title editor for the new card: leave it without typing
        qtbot.keyClick(main_window.canvas.viewport(), Qt.Key.Key_Escape)
    lanes_before = len(document.lanes(journey_id))
    main_window.findChild(QAction, "actionInsertLane_backstage").trigger()
    lanes = document.lanes(journey_id)
    assert len(lanes) == lanes_before + 1 and any(lane.kind == "backstage" for lane in lanes)
    assert main_window.project.session.history[-1].startswith("Add lane")


def test_the_outline_fills_other_journeys_when_opened_or_selected(main_window, qtbot) -> None:
    main_window.new_from_template(("complaint-example", "de"))
    document = main_window.project.document
    journeys = document.journeys()
    assert len(journeys) >= 2
    outline = main_window.outline
    second = journeys[1]
    second_stage = document.stages(second.id)[0]
    assert second_stage.id not in outline._items  # filled lazily: a 5,000-card project opens fast
    tree = outline.tree
    tree.setFocus()
    tree.setCurrentItem(outline._items[second.id])
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # expand with the keyboard
    assert outline._items[second.id].isExpanded() and second_stage.id in outline._items
    third = journeys[-1]
    card = document.cards(third.id)[0]
    main_window.select_journey(third.id)
    main_window.canvas.select_ids([card.id])
    assert outline.selected_ids() == [card.id]


def test_ctrl_page_down_and_up_step_through_the_journeys(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    first = main_window.current_journey_id()
    second = main_window.new_journey()
    main_window.act_next_journey.trigger()
    assert main_window.current_journey_id() == first == main_window.canvas.journey_id()
    main_window.act_previous_journey.trigger()
    assert main_window.current_journey_id() == second
    assert {s.toString() for s in main_window.act_next_journey.shortcuts()} == {"Ctrl+PgDown"}


def test_dragging_a_journey_tab_reorders_the_journeys(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    first = main_window.current_journey_id()
    second = main_window.new_journey()
    main_window.journey_tabs.moveTab(1, 0)  # what a tab drag ends with
    assert [j.id for j in main_window.project.document.journeys()] == [second, first]
    assert main_window.project.session.history[-1].startswith("Move journey")
    assert [main_window.journey_tabs.tabText(i) for i in range(2)] == \
        [main_window.project.document.get(second).name, main_window.project.document.get(first).name]


def test_history_rows_follow_undo_redo_and_a_new_branch(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    session = main_window.project.session
    stage_id, lane_id = _first_cell(main_window)
    for title in ("A", "B", "C"):
        operations.add_card(session, stage_id, lane_id, title)
    history = main_window.history.list
    session.undo()
    session.undo()
    assert history.count() == 4 and history.currentRow() == 1
    assert history.item(1).font().bold() and not history.item(3).font().bold()
    assert history.item(3).data(Qt.ItemDataRole.UserRole + 1)  # shown as undone
    operations.add_card(session, stage_id, lane_id, "D")  # a new step drops the undone ones
    assert history.count() == 3 and history.currentRow() == 2
    assert not history.item(2).data(Qt.ItemDataRole.UserRole + 1)
    assert [history.item(r).text() for r in range(3)] == ["Opened", "Add card “A”", "▶ Add card “D”"]


def test_the_inspector_links_an_action_to_insights_and_sets_a_metric_value(main_window) -> None:
    from cxstudio.model.entities import Action, Metric

    main_window.new_from_template(("complaint-example", "en"))
    document = main_window.project.document
    action = document.all(Action)[0]
    main_window.inspector.show_element(action.id)
    insights = main_window.inspector.editor("insight_ids")
    unchecked = next(insights.item(r) for r in range(insights.count())
                     if insights.item(r).checkState() == Qt.CheckState.Unchecked)
    unchecked.setCheckState(Qt.CheckState.Checked)
    linked = unchecked.data(Qt.ItemDataRole.UserRole)
    assert linked in document.get(action.id, Action).insight_ids
    main_window.act_undo.trigger()
    assert linked not in document.get(action.id, Action).insight_ids
    assert unchecked.checkState() == Qt.CheckState.Unchecked
    metric = document.all(Metric)[0]
    main_window.inspector.show_element(metric.id)
    target = main_window.inspector.editor("target")
    target.setText("12,5")
    target.editingFinished.emit()
    assert document.get(metric.id, Metric).target == 12.5
    target.setText("zwölf")
    target.editingFinished.emit()
    assert document.get(metric.id, Metric).target == 12.5
    assert "is not a number" in main_window.statusBar().currentMessage()


def test_keyboard_users_can_jump_between_the_map_and_the_panels(main_window, project_file: Path, qtbot) -> None:
    main_window.open_path(project_file)
    main_window.activateWindow()
    main_window.outline_dock.close()
    main_window.act_focus_outline.trigger()
    assert main_window.outline_dock.isVisible()
    qtbot.waitUntil(main_window.outline.tree.hasFocus)
    main_window.act_focus_map.trigger()
    qtbot.waitUntil(main_window.canvas.hasFocus)
    card = main_window.project.document.cards(main_window.current_journey_id())[0]
    main_window.canvas.select_ids([card.id])
    main_window.act_focus_inspector.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().objectName().startswith("field_"))


def test_retyping_a_required_name_keeps_the_field_usable(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    journey_id = main_window.current_journey_id()
    main_window.inspector.show_element(journey_id)
    name = main_window.inspector.editor("name")
    steps = len(main_window.project.session.history)
    name.selectAll()
    QApplication.sendEvent(name, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier))
    assert name.text() == ""  # not reset while the user retypes
    type_text(name, "Neue Reise")
    assert main_window.project.document.get(journey_id).name == "Neue Reise"
    assert len(main_window.project.session.history) == steps + 1
    name.selectAll()
    QApplication.sendEvent(name, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier))
    name.editingFinished.emit()  # leaving the field empty brings the name back
    assert name.text() == "Neue Reise"


def test_comments_on_a_card_are_added_edited_resolved_and_undone(main_window, project_file: Path, qtbot) -> None:
    from cxstudio.model.entities import Comment

    main_window.open_path(project_file)
    document = main_window.project.document
    card = document.cards(main_window.current_journey_id())[0]
    main_window.canvas.select_ids([card.id])
    comments = main_window.inspector.comments
    assert comments.isVisibleTo(main_window.inspector) and comments.list.count() == 0
    comment_id = comments.add_comment()
    assert comment_id is not None and comments.list.count() == 1
    editor = comments.list.findChild(QLineEdit)
    assert editor is not None  # the new comment is open for typing
    editor.selectAll()
    type_text(editor, "Prüfen: Zählerstand")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.get(comment_id, Comment).text == "Prüfen: Zählerstand")
    assert document.get(comment_id, Comment).target_id == card.id and document.get(comment_id, Comment).created
    comments.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert document.get(comment_id, Comment).resolved
    main_window.act_undo.trigger()
    assert not document.get(comment_id, Comment).resolved
    assert comments.list.item(0).checkState() == Qt.CheckState.Unchecked
    comments.list.setCurrentRow(0)
    comments.delete_button.click()
    assert comment_id not in document and comments.list.count() == 0


def test_a_long_inspector_form_scrolls_instead_of_squeezing_its_rows(main_window, qtbot) -> None:
    from cxstudio.model.entities import Action

    main_window.new_from_template(("complaint-example", "en"))
    main_window.resize(1000, 560)
    main_window.inspector.show_element(main_window.project.document.all(Action)[0].id)
    inspector = main_window.inspector
    host = inspector._form_host
    qtbot.waitUntil(lambda: host.height() >= host.layout().minimumSize().height() > inspector._scroll.viewport().height())
    editors = sorted((w for w in inspector._editors.values() if w.isVisible()), key=lambda w: w.y())
    assert len(editors) >= 10
    for upper, lower in zip(editors, editors[1:]):
        assert upper.geometry().bottom() < lower.geometry().top(), (upper.objectName(), lower.objectName())
    assert inspector._scroll.verticalScrollBar().maximum() > 0
    assert inspector.comments.geometry().top() > editors[-1].geometry().bottom()


def test_a_project_from_a_newer_version_is_refused_with_both_versions_named(main_window, project_file: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(project_file)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    before = project_file.read_bytes()
    seen = answer_next_modal(lambda box: box.accept())
    assert not main_window.open_path(project_file)
    assert seen and "newer CX Studio" in seen[0] and "99" in seen[0]
    assert project_file.read_bytes() == before and main_window.project is None


def test_on_a_slow_project_typing_is_held_back_until_a_pause_or_a_command(main_window, project_file: Path,
                                                                          qtbot) -> None:
    main_window.open_path(project_file)
    document, session = main_window.project.document, main_window.project.session
    card = document.cards(main_window.current_journey_id())[0]
    main_window.canvas.select_ids([card.id])
    inspector = main_window.inspector
    inspector.slow_commit_seconds = 0.0  # every commit counts as slow, as on a 5,000-card map
    title = inspector.editor("title")
    title.end(False)
    type_text(title, "!")  # the first keystroke is committed and found slow
    steps = len(session.history)
    type_text(title, " Größe")
    assert document.get(card.id, Card).title == "Anzeige gesehen!"  # held back while typing
    assert title.text() == "Anzeige gesehen! Größe" and inspector.has_pending_typing()
    qtbot.waitUntil(lambda: document.get(card.id, Card).title == "Anzeige gesehen! Größe")  # after a pause
    assert len(session.history) == steps  # merged into the same undo step
    type_text(title, " ü")
    main_window.act_undo.trigger()  # a command commits the held-back typing first, then undoes the step
    assert document.get(card.id, Card).title == "Anzeige gesehen"
    assert title.text() == "Anzeige gesehen" and not inspector.has_pending_typing()


def test_the_outline_filter_finds_cards_in_every_journey(main_window, qtbot) -> None:
    main_window.new_from_template(("complaint-example", "de"))
    outline = main_window.outline
    document = main_window.project.document
    last_journey = document.journeys()[-1]
    others = [e.label for e in document.entities() if e.KIND != "card"]
    # a card whose title's start names no journey, stage or lane (Enter must land on a card)
    card = next(c for c in sorted(document.cards(last_journey.id), key=lambda c: c.id)
                if not any(c.title[:12] in label for label in others))
    outline.filter.setText(card.title[:12])
    assert outline.apply_filter() >= 1
    item = outline.item_for(card.id)
    assert not item.isHidden() and item.parent().isExpanded()
    hidden = [i for i in outline._items.values() if i.isHidden()]
    assert hidden, "elements that do not match are hidden"
    outline.filter.setFocus()
    qtbot.keyClick(outline.filter, Qt.Key.Key_Return)  # Enter jumps to the first match and selects it
    assert outline.selected_ids() and main_window.canvas.selected_ids() == outline.selected_ids()
    outline.filter.clear()
    outline.apply_filter()
    assert not any(i.isHidden() for i in outline._items.values())


# ---------------------------------------------------------------------- one selection, one current journey
def _click_on_canvas(window, entity_id: str) -> None:  # type: ignore[no-untyped-def]
    """A real left click on the middle of an element's item on the canvas (scrolled into view first)."""
    from PySide6.QtTest import QTest

    canvas = window.canvas
    item = canvas.journey_scene.items_by_id[entity_id]
    canvas.ensureVisible(item.sceneBoundingRect(), 10, 10)
    point = canvas.mapFromScene(item.sceneBoundingRect().center())
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_tabs_canvas_outline_inspector_and_status_bar_follow_one_selection_model(main_window, qtbot) -> None:
    main_window.new_from_template(("complaint-example", "de"))
    document, selection = main_window.project.document, main_window.selection
    first, second = (j.id for j in document.journeys()[:2])
    tabs = main_window.journey_tabs
    assert selection.journey_id == first == main_window.canvas.journey_id() and tabs.currentIndex() == 0
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(1).center())
    assert selection.journey_id == second == main_window.canvas.journey_id() == main_window.current_journey_id()
    assert main_window.inspector.entity_id() == second  # nothing selected: the journey shown is inspected
    card = document.cards(second)[0]
    _click_on_canvas(main_window, card.id)
    assert selection.ids == [card.id] == main_window.outline.selected_ids() == main_window.canvas.selected_ids()
    assert main_window.inspector.entity_id() == card.id and main_window.selection_label.text() == f"Card: {card.title}"
    # a card of the first journey chosen in the outline: its tab and its map come to the front, selected
    other = document.cards(first)[-1]
    tree = main_window.outline.tree
    item = main_window.outline.item_for(other.id)
    tree.setFocus()
    tree.setCurrentItem(item)  # what a click or the arrow keys do in the tree
    assert selection.journey_id == first and tabs.currentIndex() == 0 and main_window.canvas.journey_id() == first
    assert selection.ids == [other.id] == main_window.canvas.selected_ids()
    assert tree.currentItem() is item  # the outline was not re-selected behind the user's back
    # the journey itself chosen in the outline is selected (and inspected), though the canvas has no item for it
    tree.setCurrentItem(main_window.outline.item_for(first))
    assert selection.ids == [first] and main_window.canvas.selected_ids() == []
    assert main_window.inspector.entity_id() == first


def test_deleting_the_selected_card_empties_the_selection_everywhere(main_window, project_file: Path, qtbot) -> None:
    main_window.open_path(project_file)
    journey_id = main_window.current_journey_id()
    card = main_window.project.document.cards(journey_id)[0]
    _click_on_canvas(main_window, card.id)
    assert main_window.selection.ids == [card.id]
    main_window.canvas.setFocus()
    qtbot.keyClick(main_window.canvas.viewport(), Qt.Key.Key_Delete)
    assert card.id not in main_window.project.document
    assert main_window.selection.ids == [] == main_window.outline.selected_ids()
    assert main_window.inspector.entity_id() == journey_id
    assert main_window.selection_label.text().startswith("Journey: ")  # what the inspector shows
    main_window.act_undo.trigger()
    assert card.id in main_window.project.document and main_window.selection.ids == []


def test_a_refused_edit_of_the_window_is_told_and_changes_nothing(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    journey_id = main_window.current_journey_id()
    name = main_window.project.document.get(journey_id).name
    steps = len(main_window.project.session.history)
    assert main_window.files.run(operations.rename, journey_id, "Klingel\x07") is None
    assert main_window.statusBar().currentMessage()
    assert main_window.project.document.get(journey_id).name == name
    assert len(main_window.project.session.history) == steps


def test_the_window_s_modules_edit_only_through_the_project(main_window) -> None:
    """No transaction and no operation called on the session in the window's modules: edits go through run."""
    import re

    import cxstudio.ui as ui_package

    folder = Path(ui_package.__file__).parent
    modules = ["main_window.py", "project_controller.py", "journey_tabs.py", "selection.py", "edit_commands.py",
               "files.py", "dialogs.py", "bridge.py"]
    for name in modules:
        text = (folder / name).read_text(encoding="utf-8")
        assert ".transaction(" not in text, name
        assert not re.search(r"operations\.\w+\(\s*[\w.]*session", text), name
        assert len(text.splitlines()) <= 700, name


def test_an_ampersand_in_a_step_name_is_shown_not_taken_as_a_shortcut(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    stage_id, lane_id = _first_cell(main_window)
    main_window.project.run(operations.add_card, stage_id, lane_id, "Fish & Chips")
    main_window.project.undo()
    assert "Fish && Chips" in main_window.act_redo.text()
    assert main_window.act_redo.text().count("&") == 3  # the mnemonic of "&Redo" and the doubled one


def test_a_file_with_foreign_parts_says_so_in_the_banner_until_dismissed_or_saved(
    main_window, project_file: Path, tmp_path: Path
) -> None:
    import shutil
    import sqlite3

    paths = [tmp_path / "fremd.cxstudio", tmp_path / "fremd-2.cxstudio"]
    for path in paths:
        shutil.copyfile(project_file, path)
        connection = sqlite3.connect(path)
        connection.execute("CREATE TRIGGER spy AFTER UPDATE ON card BEGIN SELECT 1; END")
        connection.commit()
        connection.close()
    main_window.open_path(paths[0])
    banner = main_window.findChild(QWidget, "readOnlyBanner")
    text = main_window.findChild(QLabel, "readOnlyBannerText").text()
    assert banner.isVisible() and "Foreign parts of the file (a trigger)" in text
    QTest.mouseClick(main_window.findChild(QPushButton, "readOnlyBannerDismiss"), Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert main_window.save()
    assert not banner.isVisible(), "a dismissed note stays away"
    main_window.open_path(paths[1])
    assert banner.isVisible()
    assert main_window.save()
    assert not banner.isVisible(), "the saved file holds no foreign parts any more"
