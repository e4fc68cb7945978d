"""File > Merge Returned File… with real files and clicks: conflicts decided per item, one undo step, refusals, no ancestor."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QRadioButton

from cxstudio import api
from cxstudio.editing import comments
from cxstudio.editing import operations as ops
from cxstudio.model.entities import Card, Comment, Relation
from cxstudio.ui.merge_dialog import MergeDialog


def click_menu_action(qtbot, window, action: QAction) -> None:  # type: ignore[no-untyped-def]
    menu = next(o for o in action.associatedObjects() if isinstance(o, QMenu))
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def _files(tmp_path: Path) -> tuple[Path, Path]:
    original, copy = tmp_path / "beispiel.cxstudio", tmp_path / "kunde.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(original)
    project.close()
    api.client_copy(original, copy)
    return original, copy


def _sorted_cards(path: Path) -> list[Card]:
    return sorted(api.read_project(path).document.all(Card), key=lambda c: c.id)


class DialogDriver:
    """Stands in for `exec`: shows each dialog, lets the test click in it, and records message boxes."""

    def __init__(self, qtbot, work: Callable[[MergeDialog], None]) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.work = qtbot, work
        self.messages: list[str] = []
        self.dialogs: list[MergeDialog] = []

    def __call__(self, dialog: QDialog) -> int:
        if isinstance(dialog, QMessageBox):
            self.messages.append(dialog.text())
            return QMessageBox.StandardButton.Ok
        assert isinstance(dialog, MergeDialog)
        self.dialogs.append(dialog)
        dialog.show()
        self.qtbot.waitExposed(dialog)
        self.work(dialog)
        if dialog.isVisible():
            dialog.reject()
        return dialog.result()


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    """A left click where a button reacts: a radio button's circle, a push button's middle."""
    point = QPoint(8, widget.height() // 2) if isinstance(widget, QRadioButton) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)


def test_merge_with_a_conflict_decided_by_click_is_one_named_undo_step(main_window, qtbot, tmp_path: Path) -> None:
    original, copy = _files(tmp_path)
    card, other = _sorted_cards(original)[:2]
    with api.open_project(copy, review=False) as client:
        client.run(ops.edit_card, card.id, title="Vom Kunden umbenannt")
        added = client.run(ops.add_card, card.stage_id, card.lane_id, "Neue Karte des Kunden")
        note = client.run(comments.add_comment, other.id, "Das passt nicht ganz.", author="Kundin")
        client.save()
    window = main_window
    assert window.open_path(original)
    project = window.project
    window.files.run(ops.edit_card, card.id, title="Beim Berater geändert")  # both sides changed the title
    window.files.run(ops.edit_card, other.id, title="Nur beim Berater")
    before = project.document.snapshot()
    steps = len(project.session.history)
    key = f"{card.id}.title"

    def decide(dialog: MergeDialog) -> None:
        assert [c.key for c in dialog.plan.conflicts] == [key]
        assert not dialog.merge_button.isEnabled()
        assert dialog.describe(dialog.conflicts[0]) == "Card “Beim Berater geändert”: Title was changed on both sides."
        mine, theirs = dialog.choices[key]
        assert mine.text() == "Keep mine: “Beim Berater geändert”" and theirs.text() == "Take theirs: “Vom Kunden umbenannt”"
        counts = {dialog.counts.topLevelItem(i).text(0): dialog.counts.topLevelItem(i).text(1)
                  for i in range(dialog.counts.topLevelItemCount())}
        assert counts["Card"].startswith("1 added, 1 changed") and counts["Comment"] == "1 added"
        click(qtbot, theirs)
        assert dialog.resolutions == {key: "theirs"} and dialog.plan.ok and dialog.merge_button.isEnabled()
        assert dialog.choices[key][1].isChecked()  # the list was rebuilt with the answer kept
        assert dialog.status.text().startswith("Merging adds 2, changes ")
        click(qtbot, dialog.merge_button)

    driver = DialogDriver(qtbot, decide)
    window.compare.run_dialog = driver
    window.compare.choose_file = lambda _title: copy
    click_menu_action(qtbot, window, window.compare.act_merge)
    assert driver.dialogs and driver.messages == []
    doc = project.document
    assert doc.get(card.id).title == "Vom Kunden umbenannt" and doc.get(other.id).title == "Nur beim Berater"
    assert added.id in doc and isinstance(doc.get(note.id), Comment)
    assert len(project.session.history) == steps + 1
    assert window.history.list.item(steps + 1).text() == "▶ Merge “kunde.cxstudio”"
    assert window.act_undo.text() == "&Undo Merge “kunde.cxstudio”"
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    QTest.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Edit > Undo
    assert project.document.snapshot() == before  # exactly the map before the merge
    project.session.mark_clean()


def test_an_answer_can_raise_a_new_conflict_and_decides_the_result(main_window, qtbot, tmp_path: Path) -> None:
    original, copy = _files(tmp_path)
    document = api.read_project(original).document
    journey = document.journeys()[0]
    stage = document.stages(journey.id)[-1]
    card = next(c for c in document.cards(journey.id) if c.stage_id == stage.id)
    with api.open_project(copy, review=False) as client:  # the client edits a card of the last stage ...
        client.run(ops.edit_card, card.id, title="Bitte behalten")
        client.save()
    window = main_window
    assert window.open_path(original)
    project = window.project
    window.files.run(ops.delete_elements, [stage.id])  # ... which the consultant deleted, with its cards
    seen: list[list[str]] = []

    missing_key = f"{card.id}.stage_id:missing"

    def decide(dialog: MergeDialog) -> None:
        # changed there, deleted here; and if the card stays, its stage is gone here
        seen.append([c.key for c in dialog.conflicts])
        click(qtbot, dialog.choices[card.id][0])  # keep mine: the card goes, so its stage is no question
        seen.append([c.key for c in dialog.conflicts])
        assert dialog.plan.ok and dialog.merge_button.isEnabled()
        click(qtbot, dialog.choices[card.id][1])  # take theirs after all: the card stays ...
        seen.append([c.key for c in dialog.conflicts])  # ... and its stage is asked about again
        assert [c.key for c in dialog.plan.conflicts] == [missing_key]
        assert not dialog.merge_button.isEnabled()
        theirs = dialog.choices[missing_key][1]
        assert theirs.text() == f"Take theirs: keep “{stage.name}”"
        click(qtbot, theirs)
        assert dialog.plan.ok
        click(qtbot, dialog.merge_button)

    window.compare.run_dialog = DialogDriver(qtbot, decide)
    assert window.compare.merge_returned(copy)
    assert seen == [[card.id, missing_key], [card.id], [card.id, missing_key]]
    doc = project.document
    assert stage.id in doc and doc.get(card.id).title == "Bitte behalten" and doc.get(card.id).stage_id == stage.id
    assert doc.check_invariants() == []
    project.undo()
    assert stage.id not in project.document
    project.session.mark_clean()


def test_a_merge_that_would_break_a_rule_is_refused_with_the_reason(main_window, qtbot, tmp_path: Path) -> None:
    original, copy = _files(tmp_path)
    first, second = _sorted_cards(original)[:2]
    with api.open_project(copy, review=False) as client:
        client.run(ops.link, first.id, second.id, "depends_on")
        client.save()
    window = main_window
    assert window.open_path(original)
    project = window.project
    window.files.run(ops.link, second.id, first.id, "depends_on")  # together: a cycle of "depends on"
    before, steps = project.document.snapshot(), len(project.session.history)
    still_open: list[bool] = []

    def merge(dialog: MergeDialog) -> None:
        assert dialog.conflicts == [] and dialog.merge_button.isEnabled()
        click(qtbot, dialog.merge_button)
        still_open.append(dialog.isVisible())

    driver = DialogDriver(qtbot, merge)
    window.compare.run_dialog = driver
    assert not window.compare.merge_returned(copy)
    assert still_open == [True]  # the answers stay for another try
    assert len(driver.messages) == 1 and driver.messages[0].startswith("The merge was refused: ")
    assert "cycle" in driver.messages[0]
    assert project.document.snapshot() == before and len(project.session.history) == steps
    assert len([r for r in project.document.all(Relation) if {r.source_id, r.target_id} == {first.id, second.id}]) == 1
    project.session.mark_clean()


def test_without_a_recorded_ancestor_the_base_file_is_asked_for(main_window, qtbot, tmp_path: Path) -> None:
    ours, theirs, base = tmp_path / "ours.cxstudio", tmp_path / "theirs.cxstudio", tmp_path / "base.cxstudio"
    project = api.create("journey-map", "de")
    project.save_as(ours)
    project.close()
    shutil.copy(ours, base)
    shutil.copy(ours, theirs)  # a plain file copy: no handed-out revision records its content
    card = api.read_project(ours).document.all(Card)
    with api.open_project(theirs) as other:
        journey = other.document.journeys()[0]
        added = other.run(ops.add_card, other.document.stages(journey.id)[0].id,
                          other.document.lanes(journey.id)[0].id, "Von drüben")
        other.save()
    window = main_window
    assert window.open_path(ours)
    asked: list[bool] = []

    def choose_base() -> Path:
        asked.append(True)
        return base

    window.compare.choose_base = choose_base
    driver = DialogDriver(qtbot, lambda dialog: click(qtbot, dialog.merge_button))
    window.compare.run_dialog = driver
    assert window.compare.merge_returned(theirs)
    assert asked == [True] and "share no recorded version" in driver.messages[0]
    assert added.id in window.project.document and len(window.project.document.all(Card)) == len(card) + 1
    window.project.session.mark_clean()


def test_merge_is_off_in_review_mode(main_window, tmp_path: Path) -> None:
    _original, copy = _files(tmp_path)
    assert main_window.open_path(copy)  # a client copy opens for review
    main_window.compare.update_actions()
    assert main_window.compare.act_compare.isEnabled() and not main_window.compare.act_merge.isEnabled()




def test_the_merge_dialog_and_the_undo_step_read_in_german(german_main_window, qtbot,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    original, copy = _files(tmp_path)
    card = _sorted_cards(original)[0]
    with api.open_project(copy, review=False) as client:
        client.run(ops.edit_card, card.id, rating=2)
        client.save()
    window = german_main_window
    assert window.open_path(original)
    window.files.run(ops.edit_card, card.id, rating=9)
    key = f"{card.id}.rating"

    def decide(dialog: MergeDialog) -> None:
        assert dialog.windowTitle() == "„kunde.cxstudio“ zusammenführen"
        assert dialog.describe(dialog.conflicts[0]).endswith(": Bewertung (1-10) wurde auf beiden Seiten geändert.")
        mine, theirs = dialog.choices[key]
        assert (mine.text(), theirs.text()) == ("Meine behalten: 9", "Ihre übernehmen: 2")
        click(qtbot, theirs)
        assert dialog.merge_button.text() == "Zusammenführen"
        click(qtbot, dialog.merge_button)

    window.compare.run_dialog = DialogDriver(qtbot, decide)
    assert window.compare.merge_returned(copy)
    assert window.project.document.get(card.id).rating == 2
    assert window.history.list.item(window.history.list.count() - 1).text() == "▶ „kunde.cxstudio“ zusammenführen"
    window.opened.project.session.mark_clean()
