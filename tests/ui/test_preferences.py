"""The Preferences dialog stores author, paper, tile sheets, units and autosave; the editor follows them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from ui_helpers import answer_next_modal

from cxstudio.editing import operations
from cxstudio.ui.settings import EditorSettings, system_user_name


def _set(dialog, **choices) -> None:  # type: ignore[no-untyped-def]
    for name, value in choices.items():
        widget = getattr(dialog, name)
        if name == "author":
            widget.setText(value)
        elif name == "autosave":
            widget.setValue(value)
        else:
            widget.setCurrentIndex(widget.findData(value))
    dialog.accept()


def test_the_defaults_follow_the_os_user_and_leave_autosave_off() -> None:
    settings = EditorSettings()
    assert settings.author() == system_user_name() != ""
    assert (settings.default_paper(), settings.default_tile_sheet(), settings.units()) == ("A0", "A4", "mm")
    assert settings.autosave_minutes() == 0


def test_one_dialog_stores_every_preference(main_window) -> None:
    answer_next_modal(lambda dialog: _set(dialog, author="Erika Mustermann", paper="A1", tile_sheet="A3",
                                          units="in", autosave=5))
    main_window.preferences()
    settings = EditorSettings()
    assert settings.author() == "Erika Mustermann"
    assert (settings.default_paper(), settings.default_tile_sheet(), settings.units()) == ("A1", "A3", "in")
    assert settings.autosave_minutes() == 5
    assert main_window.autosave.minutes == 5 and main_window.autosave.timer.interval() == 5 * 60_000
    seen: list[str] = []

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.author.text())
        dialog.reject()

    answer_next_modal(look)
    main_window.preferences()
    assert seen == ["Erika Mustermann"]


def test_comments_are_signed_with_the_author_name() -> None:
    from cxstudio.ui.panels.comments import current_author

    EditorSettings().set_author("  Erika   Mustermann ")
    assert current_author() == "Erika Mustermann"
    EditorSettings().set_author("")
    assert current_author() == system_user_name()


def test_the_export_dialog_starts_with_the_preferred_paper_sheet_and_units(qtbot, project_file: Path) -> None:
    from cxstudio import api
    from cxstudio.ui.export.dialog import ExportDialog

    settings = EditorSettings()
    settings.set_default_paper("A2", "letter")
    settings.set_units("in")
    with api.open_project(project_file, read_only=True) as project:
        dialog = ExportDialog(project, None, "map", "en")
        qtbot.addWidget(dialog)
        assert dialog.paper.currentData() == "A2" and dialog.tile_sheet.currentData() == "letter"
        assert dialog.overlap.suffix() == " in" and dialog.custom_width.suffix() == " in"
        dialog.overlap.setValue(0.5)
        dialog.custom_width.setValue(40)
        options = dialog.options()
        assert options.overlap_mm == 12.7 and options.custom_width_mm == 1016.0
        dialog.close()


def test_autosave_saves_a_changed_project_with_a_file_and_nothing_else(main_window, project_file: Path) -> None:
    assert not main_window.files.autosave(), "no project"
    main_window.open_path(project_file)
    assert not main_window.files.autosave(), "nothing changed"
    project = main_window.project
    journey_id = main_window.current_journey_id()
    stage, lane = project.document.stages(journey_id)[0], project.document.lanes(journey_id)[0]
    before = project_file.read_bytes()
    main_window.files.run(operations.add_card, stage.id, lane.id, "Automatisch gesichert")
    assert main_window.isWindowModified()
    main_window.autosave.timer.timeout.emit()  # what the timer does every N minutes
    assert not main_window.isWindowModified() and project_file.read_bytes() != before
    from cxstudio import api

    with api.open_project(project_file, read_only=True) as again:
        assert any(card.title == "Automatisch gesichert" for card in again.document.cards(journey_id))


def test_autosave_leaves_a_new_unsaved_project_alone(main_window) -> None:
    main_window.new_from_template(("journey-map", "en"))
    project = main_window.project
    journey_id = main_window.current_journey_id()
    stage, lane = project.document.stages(journey_id)[0], project.document.lanes(journey_id)[0]
    main_window.files.run(operations.add_card, stage.id, lane.id, "Only in the working copy")
    assert not main_window.files.autosave() and main_window.isWindowModified()


def test_a_file_open_event_opens_the_project(main_window, qtbot, project_file: Path) -> None:
    from cxstudio.ui.file_open import FileOpenFilter

    app = QApplication.instance()
    opener = FileOpenFilter(main_window.open_path)
    app.installEventFilter(opener)
    try:
        event = QFileOpenEvent(QUrl.fromLocalFile(str(project_file)))
        assert event.type() == QEvent.Type.FileOpen
        QApplication.sendEvent(app, event)
        qtbot.waitUntil(lambda: main_window.opened is not None and main_window.opened.path == project_file)
    finally:
        app.removeEventFilter(opener)
