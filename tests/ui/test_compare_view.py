"""File > Compare With… with real files, menu clicks and keys: the list of changes, the map's colours, F8 stepping, End."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.model.entities import Card


@dataclass
class Returned:
    """The consultant's file, the client's returned copy and what the client did in it."""

    original: Path
    copy: Path
    renamed: str
    added: str
    deleted: str
    moved: str
    relation: str
    first_journey: str
    second_journey: str


@pytest.fixture
def returned(tmp_path: Path) -> Returned:
    original, copy = tmp_path / "beispiel.cxstudio", tmp_path / "kunde.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(original)
    project.close()
    api.client_copy(original, copy)
    with api.open_project(copy, review=False) as client:  # the client's edits, made with the API
        doc = client.document
        first, second = (j.id for j in doc.journeys()[:2])
        cards = sorted(doc.cards(first), key=lambda c: c.id)
        renamed, deleted, moved = cards[0], cards[1], cards[2]
        client.run(ops.edit_card, renamed.id, title="Vom Kunden umbenannt", rating=2)
        client.run(ops.delete_elements, [deleted.id])
        target_stage = next(s for s in doc.stages(first) if s.id != moved.stage_id)
        client.run(ops.move_cards, [moved.id], target_stage.id, moved.lane_id, 0)
        other = doc.cards(second)[0]
        added = client.run(ops.add_card, other.stage_id, other.lane_id, "Neue Karte des Kunden")
        relation = client.run(ops.link, cards[3].id, cards[4].id, "leads_to")
        client.save()
    return Returned(original, copy, renamed.id, added.id, deleted.id, moved.id, relation.id, first, second)


def click_menu_action(qtbot, window, action: QAction) -> None:  # type: ignore[no-untyped-def]
    """Open the menu holding `action` and click the action with the mouse."""
    menu = next(o for o in action.associatedObjects() if isinstance(o, QMenu))
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def _compare(qtbot, window, other: Path) -> None:  # type: ignore[no-untyped-def]
    window.compare.choose_file = lambda _title: other
    click_menu_action(qtbot, window, window.compare.act_compare)
    qtbot.waitUntil(lambda: window.compare.view.active)


def test_compare_lists_field_changes_colours_the_map_and_steps_with_f8(main_window, qtbot, returned: Returned) -> None:
    window = main_window
    assert window.open_path(returned.copy)  # the returned copy (opens for review), compared with the original
    _compare(qtbot, window, returned.original)
    view, scene = window.compare.view, window.canvas.journey_scene
    assert window.compare.dock.isVisible()
    assert view.heading.text() == "Changes from “beispiel.cxstudio” to this project"
    rows = view.row_texts()
    assert "Card “Vom Kunden umbenannt” — changed" in rows
    assert any(r.strip().startswith("Title: “") and r.endswith("→ “Vom Kunden umbenannt”") for r in rows)
    assert any(r.strip().startswith("Rating (1-10): ") and r.endswith("→ 2") for r in rows)
    assert any(r.strip().startswith("Moved: “") for r in rows)
    assert "Card “Neue Karte des Kunden” — added" in rows
    assert any(r.startswith("Relation “") and r.endswith("— added") for r in rows)
    assert any(r.startswith("Card “") and r.endswith("— removed") for r in rows)
    # the first journey's map: the renamed card amber, the added arrow green, the deleted card a red ghost
    assert window.current_journey_id() == returned.first_journey
    layer = scene.compare_layer
    assert layer.isVisible()
    assert layer.change_at(returned.renamed) == "changed" and not layer.is_ghost(returned.renamed)
    assert layer.change_at(returned.relation) == "added"
    assert layer.change_at(returned.deleted) == "removed" and layer.is_ghost(returned.deleted)
    deleted = api.read_project(returned.original).document.get(returned.deleted)
    cell = scene.layout.cells[(deleted.stage_id, deleted.lane_id)]
    ghost = layer.rect_of(returned.deleted)
    assert cell.x <= ghost.x() and ghost.right() <= cell.right  # in the cell the card was in
    assert returned.added not in layer.shown_ids  # it is on the second journey's map

    # F8 steps through the list; the added card is on the second journey, which is shown when it comes up
    position = [c.id for c in view.changes].index(returned.added)
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.waitUntil(window.canvas.hasFocus)
    for _ in range(position + 1):
        QTest.keyClick(window.canvas, Qt.Key.Key_F8)
    assert view.index == position
    assert window.current_journey_id() == returned.second_journey
    assert window.selection.ids == [returned.added]
    assert layer.change_at(returned.added) == "added"
    visible = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert visible.intersects(layer.rect_of(returned.added))
    QTest.keyClick(window.canvas, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.index == position - 1

    # a click on a row of the list goes to its element (the ghost of the deleted card: its journey comes back)
    row = view.tree.topLevelItem([c.id for c in view.changes].index(returned.deleted))
    view.tree.scrollToItem(row)
    QTest.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=view.tree.visualItemRect(row).center())
    assert view.changes[view.index].id == returned.deleted
    assert window.current_journey_id() == returned.first_journey and layer.is_ghost(returned.deleted)

    # End compare clears the colours and closes the dock
    qtbot.mouseClick(view.end_button, Qt.MouseButton.LeftButton)
    assert not layer.isVisible() and layer.shown_ids == frozenset()
    assert not window.compare.dock.isVisible() and not view.active
    assert not view.act_next.isEnabled()


def test_swap_and_edits_keep_the_comparison_true(main_window, qtbot, returned: Returned) -> None:
    window = main_window
    assert window.open_path(returned.original)  # the consultant's own file: editable
    _compare(qtbot, window, returned.copy)
    view = window.compare.view
    before = {c.id: c.change for c in view.changes}  # the original against its returned copy: the client's changes
    assert before[returned.added] == "added" and before[returned.deleted] == "removed"
    qtbot.mouseClick(view.swap_button, Qt.MouseButton.LeftButton)
    assert view.heading.text() == "Changes from “kunde.cxstudio” to this project"
    swapped = {c.id: c.change for c in view.changes}
    assert swapped[returned.added] == "removed" and swapped[returned.deleted] == "added"
    assert window.canvas.journey_scene.compare_layer.change_at(returned.deleted) == "added"  # on this map
    qtbot.mouseClick(view.swap_button, Qt.MouseButton.LeftButton)
    assert view.heading.text() == "Changes from this project to “kunde.cxstudio”"
    # an edit of the map is compared again after a short pause
    card = window.project.document.get(returned.deleted, Card)
    window.files.run(ops.edit_card, card.id, title="Beim Berater geändert")
    qtbot.waitUntil(lambda: any("Beim Berater geändert" in row for row in view.row_texts()))
    assert {c.id: c.change for c in view.changes}[returned.deleted] == "removed"
    window.compare.end_compare()




def test_the_compare_view_names_kinds_fields_and_changes_in_german(german_main_window, qtbot,  # type: ignore[no-untyped-def]
                                                                     returned: Returned) -> None:
    window = german_main_window
    assert window.compare.act_compare.text() == "&Vergleichen mit…"
    assert window.open_path(returned.copy)
    _compare(qtbot, window, returned.original)
    view = window.compare.view
    assert view.heading.text() == "Änderungen von „beispiel.cxstudio“ zu diesem Projekt"
    rows = view.row_texts()
    assert "Karte „Vom Kunden umbenannt“ — geändert" in rows
    assert any(r.strip().startswith("Titel: „") and r.endswith("→ „Vom Kunden umbenannt“") for r in rows)
    assert any(r.strip().startswith("Bewertung (1-10): ") for r in rows)
    assert any(r.strip().startswith("Verschoben: „") for r in rows)
    assert not any("Interne Notiz" in r for r in rows)  # a client copy leaves them out: no news
    hide = view.hide_internal
    assert hide.isChecked() and hide.text() == "Interne Notizen und Kommentare ausblenden"
    qtbot.mouseClick(hide, Qt.MouseButton.LeftButton, pos=QPoint(8, hide.height() // 2))
    rows = view.row_texts()
    assert any(r.strip().startswith("Interne Notiz: „INTERN") and r.endswith("→ (leer)") for r in rows)
    assert "Karte „Neue Karte des Kunden“ — hinzugefügt" in rows
    assert view.end_button.text() == "Vergleich beenden"
    window.compare.end_compare()
    window.opened.project.session.mark_clean()


def test_the_original_compared_with_its_returned_copy_shows_what_the_client_changed(main_window, qtbot,
                                                                                       returned: Returned) -> None:
    """Open the original, compare with the client's copy: the client's new card is added, their deleted one removed."""
    window = main_window
    assert window.open_path(returned.original)
    _compare(qtbot, window, returned.copy)
    view, layer = window.compare.view, window.canvas.journey_scene.compare_layer
    assert view.heading.text() == "Changes from this project to “kunde.cxstudio”"
    rows = view.row_texts()
    assert "Card “Neue Karte des Kunden” — added" in rows
    assert "Card “Vom Kunden umbenannt” — changed" in rows
    assert layer.change_at(returned.deleted) == "removed" and not layer.is_ghost(returned.deleted)  # still on this map
    qtbot.mouseClick(view.swap_button, Qt.MouseButton.LeftButton)
    assert view.heading.text() == "Changes from “kunde.cxstudio” to this project"
    assert layer.change_at(returned.deleted) == "added"
    window.compare.end_compare()
