"""Undo steps made on the canvas read the same in the history panel and the Undo/Redo menu, in German and English."""

from __future__ import annotations

from pathlib import Path

from canvas_gestures import centre, double_click, press_key, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cxstudio.editing.steps import STEP_PARAMS, STEP_TEXTS, StepName
from cxstudio.ui.i18n import Translations
from cxstudio.ui.labels import step_kinds, undo_step


def _sample(key: str) -> StepName:
    values = {"kind": "card", "name": "Rückruf", "count": 3, "fields": ("title", "rating"), "relation": "causes"}
    return StepName(key, **{param: values[param] for param in STEP_PARAMS[key]})


def test_without_a_translation_every_step_reads_as_its_english_sentence(qapp: QApplication) -> None:
    for key in STEP_TEXTS:
        step = _sample(key)
        if "fields" in STEP_PARAMS[key]:  # fields are named as the inspector labels them
            assert undo_step(step) == str(step).replace("title, rating", "Title, Rating (1-10)"), key
        else:
            assert undo_step(step) == str(step), key
    assert set(step_kinds()) >= {"card", "stage", "lane", "journey", "relation", "comment", "touchpoint"}


def test_every_step_reads_in_german(german: Translations) -> None:
    for key in STEP_TEXTS:
        text = undo_step(_sample(key))
        assert text != str(_sample(key)) or key == "new_project", key
        assert "%" not in text, key


def _rename_first_card(window, qtbot, title: str) -> None:  # type: ignore[no-untyped-def]
    canvas = window.canvas
    card_id = window.project.document.cards(window.current_journey_id())[0].id
    double_click(canvas, *centre(canvas.journey_scene.layout.cards[card_id].rect))
    editor = canvas.inline_editor()
    assert editor is not None
    editor.selectAll()
    type_text(editor, title)
    press_key(editor, Qt.Key.Key_Return)
    assert window.project.document.get(card_id).title == title


def test_a_rename_on_the_canvas_reads_the_same_in_history_and_menus_in_german(
    german: Translations, qtbot, project_file: Path
) -> None:
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    window = MainWindow(EditorSettings(), "de")
    qtbot.addWidget(window, before_close_func=lambda w: w.opened and w.opened.project.session.mark_clean())
    window.show()
    qtbot.waitExposed(window)
    window.open_path(project_file)
    _rename_first_card(window, qtbot, "Rückruf über Hotline")
    step = "Karte „Rückruf über Hotline“ umbenennen"
    history = window.history.list
    assert [history.item(row).text() for row in range(history.count())] == ["Geöffnet", "▶ " + step]
    assert window.act_undo.text() == "&Rückgängig: " + step
    assert window.isWindowModified()
    window.act_undo.trigger()
    assert window.act_redo.text() == "&Wiederherstellen: " + step
    assert history.item(1).text() == step and history.currentRow() == 0
    assert not window.isWindowModified(), "back at the saved state"
    window.act_redo.trigger()
    assert window.act_undo.text() == "&Rückgängig: " + step and window.isWindowModified()


def test_a_rename_reads_in_english_too(main_window, qtbot, project_file: Path) -> None:  # type: ignore[no-untyped-def]
    main_window.open_path(project_file)
    _rename_first_card(main_window, qtbot, "Callback")
    assert main_window.history.list.item(1).text() == "▶ Rename card “Callback”"
    assert main_window.act_undo.text() == "&Undo Rename card “Callback”"
