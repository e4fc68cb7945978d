"""The action tracker: filters by owner, status and due date chosen with the keyboard, overdue rows in red, a jump to the addressed cards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cxstudio.editing.operations import add_card, add_element, edit_element
from cxstudio.model.entities import Action, Card, Insight
from cxstudio.ui.workspace.table_model import OVERDUE_COLOUR, OVERDUE_ROLE
from cxstudio.ui.workspace.tracker import ActionTracker
from tests.ui.test_workspace import click_cell, open_table, rows

TODAY = dt.date.today()
PAST = (TODAY - dt.timedelta(days=30)).isoformat()
SOON = (TODAY + dt.timedelta(days=3)).isoformat()


def _tracker(main_window) -> ActionTracker:  # type: ignore[no-untyped-def]
    table = open_table(main_window, "action")
    assert isinstance(table, ActionTracker)
    return table


def _actions(main_window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    project = main_window.project
    made = [
        Action(title="Rückruf binnen 24 h", owner="Kundenservice", due=PAST),  # overdue
        Action(title="Rechnung erklären", owner="Abrechnung", status="done", due=PAST),  # done: not overdue
        Action(title="Hotline-Menü kürzen", owner="Kundenservice", status="in_progress", due=SOON),
        Action(title="Formular prüfen", owner="", due=""),
    ]
    return {a.title: project.run(add_element, a).id for a in made}


def _choose(combo, steps: int) -> None:  # type: ignore[no-untyped-def]
    """Pick an entry of a filter with the keyboard (Down moves and chooses)."""
    combo.setFocus()
    for _ in range(steps):
        QTest.keyClick(combo, Qt.Key.Key_Down)
    QApplication.processEvents()


def test_filters_by_owner_status_and_due_date(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    _actions(main_window)
    tracker = _tracker(main_window)
    assert len(rows(tracker, "title")) == 4
    owners = [tracker.owner_choice.itemText(i) for i in range(tracker.owner_choice.count())]
    assert owners[2:] == ["Abrechnung", "Kundenservice"]
    _choose(tracker.owner_choice, 3)  # all, (no owner), Abrechnung, Kundenservice
    assert sorted(rows(tracker, "title")) == ["Hotline-Menü kürzen", "Rückruf binnen 24 h"]
    _choose(tracker.status_choice, 1)  # not finished
    assert len(rows(tracker, "title")) == 2
    _choose(tracker.due_choice, 1)  # overdue
    assert rows(tracker, "title") == ["Rückruf binnen 24 h"]
    _choose(tracker.due_choice, 1)  # due within 7 days
    assert rows(tracker, "title") == ["Hotline-Menü kürzen"]
    tracker.set_filter()
    _choose(tracker.owner_choice, 1)  # (no owner)
    assert rows(tracker, "title") == ["Formular prüfen"]
    tracker.set_filter(due="none")
    assert rows(tracker, "title") == ["Formular prüfen"]


def test_overdue_actions_are_red_and_finishing_one_clears_it(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    ids = _actions(main_window)
    tracker = _tracker(main_window)
    red = {tracker.proxy.index(r, 0).data() for r in range(tracker.proxy.rowCount())
           if tracker.proxy.index(r, 0).data(OVERDUE_ROLE)}
    assert red == {"Rückruf binnen 24 h"}
    row = rows(tracker, "title").index("Rückruf binnen 24 h")
    brush = tracker.proxy.index(row, 4).data(Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == OVERDUE_COLOUR
    assert "1" in tracker.overdue_label.text()
    main_window.project.run(edit_element, ids["Rückruf binnen 24 h"], status="done")
    assert not tracker.proxy.index(row, 0).data(OVERDUE_ROLE)
    assert tracker.overdue_label.text() == ""


def test_show_on_map_selects_the_cards_an_action_addresses(main_window, project_file: Path) -> None:
    main_window.open_path(project_file)
    project = main_window.project
    document = project.document
    journey = document.journeys()[0]
    stage, lane = document.stages(journey.id)[0], document.lanes(journey.id)[0]
    pain = project.run(add_card, stage.id, lane.id, "Warteschleife", kind="pain_point")
    project.run(edit_element, pain.id, pain_point=True)
    other = project.run(add_card, stage.id, lane.id, "Brief kommt spät")
    insight = project.run(add_element, Insight(title="Zu lange Wartezeit", card_ids=(other.id,)))
    project.run(add_element, Action(title="Rückrufservice", card_ids=(pain.id,), insight_ids=(insight.id,)))
    tracker = _tracker(main_window)
    assert "1" in rows(tracker, "addresses")[0]
    click_cell(tracker, 0, "title")
    QTest.mouseClick(tracker.show_button, Qt.MouseButton.LeftButton)
    assert set(main_window.selection.ids) == {pain.id, other.id}
    assert main_window.selection.journey_id == journey.id
    assert main_window.canvas is not None and set(main_window.canvas.selected_ids()) == {pain.id, other.id}
    assert all(isinstance(document.find(i), Card) for i in main_window.selection.ids)
