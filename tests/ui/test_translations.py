"""The German translation is complete and current, and a German UI shows German strings (also Qt's own)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMessageBox

from cxstudio.ui.i18n import QM_FILE, TS_FILE, Translations, run_lrelease, run_lupdate


def _messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_entry_of_the_german_translation_is_finished() -> None:
    messages = _messages(TS_FILE)
    assert len(messages) > 100
    unfinished = []
    for key, message in messages.items():
        translation = message.find("translation")
        forms = [form.text or "" for form in translation.iter("numerusform")]
        texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
        finished = translation.get("type") not in ("unfinished", "vanished", "obsolete") and all(
            t.strip() for t in texts)
        if not finished:
            unfinished.append(key)
    assert unfinished == []


def test_every_translatable_string_in_the_sources_is_in_the_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_FILE, fresh)
    run_lupdate(fresh)  # what `python -m cxstudio.ui.i18n update` would produce now
    current, committed = set(_messages(fresh)), set(_messages(TS_FILE))
    assert current - committed == set(), (
        "run `python -m cxstudio.ui.i18n update` and translate the new strings")
    assert committed - current == set(), "the .ts keeps strings the sources no longer use"


def _translated(qm_file: Path, messages: dict[tuple[str, str], ET.Element]) -> dict[tuple[str, str, int], str]:
    """What a translator loaded from `qm_file` makes of every message of the .ts (plural forms for 1 and 5)."""
    translator = QTranslator()
    assert translator.load(str(qm_file)), qm_file
    found = {}
    for (context, source), message in messages.items():
        for count in ((1, 5) if message.get("numerus") == "yes" else (-1,)):
            found[(context, source, count)] = translator.translate(context, source, None, count)
    return found


def test_the_shipped_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    """The .qm the editor loads says exactly what the .ts says: run `python -m cxstudio.ui.i18n update` after editing."""
    fresh = tmp_path / "fresh.qm"
    run_lrelease(TS_FILE, fresh)  # pyside6-lrelease, as `python -m cxstudio.ui.i18n release` runs it
    messages = _messages(TS_FILE)
    compiled, shipped = _translated(fresh, messages), _translated(QM_FILE, messages)
    assert sum(1 for text in compiled.values() if text) > 100
    stale = {key: (shipped[key], text) for key, text in compiled.items() if shipped[key] != text}
    assert stale == {}, "cxstudio/resources/translations/cxstudio_de.qm is older than the .ts"



def test_the_german_ui_shows_german_menus_panels_and_qt_dialogs(german: Translations, qtbot) -> None:
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    window = MainWindow(EditorSettings(), "de")
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Datei", "&Bearbeiten", "&Ansicht", "&Einfügen", "&Journey", "&Hilfe"]
    assert window.inspector_dock.windowTitle() == "Eigenschaften"
    assert window.act_save_as.text() == "Speichern &unter…"
    assert "Schritt" in [item.text(0) for item in window.palette.entries()]
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, window)
    assert box.button(QMessageBox.StandardButton.Save).text() == "Speichern"
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Abbrechen"


def test_the_german_inspector_labels_card_fields_in_german(german: Translations, qtbot, project_file: Path) -> None:
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    window = MainWindow(EditorSettings(), "de")
    qtbot.addWidget(window)
    window.open_path(project_file)
    card = window.project.document.cards(window.current_journey_id())[0]
    window.canvas.select_ids([card.id])
    form = window.inspector._form
    label_texts = {form.itemAt(row, form.ItemRole.LabelRole).widget().text() for row in range(form.rowCount())}
    assert {"Titel", "Bewertung (1-10)", "Moment of Truth", "Interne Notiz", "Katalog-Touchpoint"} <= label_texts
    assert window.selection_label.text() == f"Karte: {card.title}"  # the status bar names what the inspector shows
    window.opened.project.session.mark_clean()


def test_literals_passed_to_translate_wrappers_are_collected(tmp_path: Path) -> None:
    from cxstudio.ui.i18n import wrapped_strings

    module = tmp_path / "module.py"
    module.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate('Ctx', text)\n"
        "def f(n):\n"
        "    return _tr('One card') if n == 1 else _tr('Many ' 'cards'), _tr(str(n))\n",
        encoding="utf-8",
    )
    assert wrapped_strings(module) == [("Ctx", "One card"), ("Ctx", "Many cards")]


def test_the_canvas_strings_are_german_too(german: Translations, qtbot, project_file: Path) -> None:
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    window = MainWindow(EditorSettings(), "de")
    qtbot.addWidget(window)
    window.open_path(project_file)
    assert window.canvas.derived_lane_message().startswith("Die Bahnen einer Swimlane-Ansicht")


def test_undo_steps_read_in_german(german: Translations) -> None:
    from cxstudio.editing.steps import StepName
    from cxstudio.ui.labels import undo_step

    assert undo_step(StepName("rename_named", kind="card", name="Rückruf über Hotline")) == (
        "Karte „Rückruf über Hotline“ umbenennen")
    assert undo_step(StepName("add_named", kind="journey", name="Beschwerde")) == "Journey „Beschwerde“ hinzufügen"
    assert undo_step(StepName("edit_named", kind="card", name="Anruf", fields=("moment_of_truth", "pain_point"))) == (
        "Karte „Anruf“ bearbeiten: Moment of Truth, Pain Point")
    assert undo_step(StepName("move_many", count=3)) == "3 Karten verschieben"
    assert undo_step(StepName("move_named", kind="stage", name="Kauf")) == "Phase „Kauf“ verschieben"
    assert undo_step(StepName("delete_many", count=2)) == "2 Elemente löschen"
    assert undo_step(StepName("link", relation="depends_on")) == "Verknüpfen (hängt ab von)"
    assert undo_step(StepName("add_named", kind="card", name="%2 bleibt")) == "Karte „%2 bleibt“ hinzufügen"
    assert undo_step("Something new") == "Something new", "a name a script chose is shown as it is"


def test_a_bad_file_is_explained_in_german(german: Translations, qtbot, tmp_path: Path) -> None:
    from ui_helpers import answer_next_modal

    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    window = MainWindow(EditorSettings(), "de")
    qtbot.addWidget(window)
    empty = tmp_path / "leer.cxstudio"
    empty.write_bytes(b"")
    seen = answer_next_modal(lambda box: box.accept())
    assert not window.open_path(empty)
    assert seen == [f"Die Datei {empty} ist leer (0 Byte) und enthält daher kein Projekt."]


def test_choosing_another_language_rebuilds_the_window_with_the_work_kept(qapp, qtbot, project_file: Path) -> None:
    from ui_helpers import answer_next_modal

    from cxstudio.editing import operations
    from cxstudio.model.entities import Card
    from cxstudio.ui.main_window import MainWindow, reopen_in_language
    from cxstudio.ui.settings import EditorSettings

    translations = Translations(qapp)
    translations.switch("en")
    window = MainWindow(EditorSettings(), "en")
    qtbot.addWidget(window)
    window.show()
    window.open_path(project_file)
    project = window.project
    journey_id = window.current_journey_id()
    stage, lane = project.document.stages(journey_id)[0], project.document.lanes(journey_id)[0]
    operations.add_card(project.session, stage.id, lane.id, "Noch nicht gespeichert")
    chosen: list[str] = []
    window.languageChosen.connect(chosen.append)

    def pick_german(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.accept()

    answer_next_modal(pick_german)
    window.preferences()
    qtbot.waitUntil(lambda: chosen == ["de"])
    try:
        german = reopen_in_language(window, translations, chosen[0])
        qtbot.addWidget(german, before_close_func=lambda w: w.opened.project.session.mark_clean())
        assert german.menuBar().actions()[0].text() == "&Datei"
        assert german.project is project and german.isWindowModified()
        assert german.current_journey_id() == journey_id
        assert any(c.title == "Noch nicht gespeichert" for c in project.document.all(Card))
        german.act_undo.trigger()
        assert not any(c.title == "Noch nicht gespeichert" for c in project.document.all(Card))
        assert window.opened is None and not window.isVisible()
    finally:
        translations.switch("en")
