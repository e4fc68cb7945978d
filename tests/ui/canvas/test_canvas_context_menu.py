"""The canvas's right-click menu, used with real right-clicks on the viewport and clicks on the menu's entries."""

from __future__ import annotations

from canvas_gestures import centre, click, viewport_point
from conftest import Sample
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from cxstudio.model.entities import Card, RelationKind
from cxstudio.ui.canvas import JourneyCanvas
from cxstudio.ui.canvas.clipboard import CARD_CLIPBOARD
from cxstudio.ui.i18n import Translations


def _menu_entries(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _choose_when_open(path: list[str], seen: list[list[str]] | None, problems: list[str]) -> None:
    """Once a menu pops up, choose the entry at the end of `path` (submenu names first), then close it.

    The entry is chosen by triggering its action, as a click on it does. An empty path only closes the
    menu. `seen` receives the entries of every menu on the path; what goes wrong lands in `problems`.
    """

    attempts = [0]

    def choose() -> None:
        popup = QApplication.activePopupWidget()
        if not isinstance(popup, QMenu) or not popup.isVisible():
            attempts[0] += 1
            if attempts[0] < 60:  # give up after about a second: no menu opened
                QTimer.singleShot(15, choose)
            else:
                problems.append("no menu opened")
            return
        menu = popup
        try:  # the menu closes whatever happens, so a failed look-up fails the test instead of hanging it
            for depth, text in enumerate(path):
                if seen is not None:
                    seen.append(_menu_entries(menu))
                action = next((a for a in menu.actions() if a.text() == text), None)
                if action is None or not action.isEnabled():
                    problems.append(f"no enabled entry {text!r} in {_menu_entries(menu)}")
                    return
                if depth < len(path) - 1:
                    menu = action.menu()
                else:
                    action.trigger()
            if not path and seen is not None:
                seen.append(_menu_entries(menu))
        finally:
            popup.close()

    QTimer.singleShot(15, choose)


def right_click_and_choose(
    canvas: JourneyCanvas, x: float, y: float, path: list[str], seen: list[list[str]] | None = None
) -> None:
    """Right-click the scene point (a real mouse event through the window), then choose the entry at the end of `path`."""
    problems: list[str] = []
    _choose_when_open(path, seen, problems)
    # through the window, as the platform delivers it: Qt makes the context-menu event from the unaccepted press
    window = canvas.window()
    point = canvas.viewport().mapTo(window, viewport_point(canvas, x, y))
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
    QCoreApplication.processEvents()
    assert not problems, problems


def test_rating_and_markers_of_the_selected_cards_from_the_menu(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    open_card, read_card = sample.cards["open"], sample.cards["read"]
    click(canvas, *centre(layout.cards[open_card].rect))
    click(canvas, *centre(layout.cards[read_card].rect), Qt.KeyboardModifier.ControlModifier)
    steps = sample.project.session.index
    seen: list[list[str]] = []
    right_click_and_choose(canvas, *centre(layout.cards[read_card].rect), ["Rating", "7"], seen)
    document = sample.project.document
    assert document.get(open_card, Card).rating == 7 and document.get(read_card, Card).rating == 7
    assert sample.project.session.index == steps + 1, "both cards in one undo step"
    assert seen[0][:4] == ["Edit title", "Rating", "Moment of truth", "Pain point"]
    assert "Delete 2 cards" in seen[0]
    assert seen[1][0] == "No rating" and seen[1][1:] == [str(n) for n in range(10, 0, -1)]
    right_click_and_choose(canvas, *centre(layout.cards[open_card].rect), ["Moment of truth"])
    assert all(document.get(i, Card).moment_of_truth for i in (open_card, read_card))
    sample.project.undo()
    sample.project.undo()
    assert document.get(open_card, Card).rating is None and not document.get(read_card, Card).moment_of_truth


def test_right_clicking_an_unselected_card_selects_it_and_delete_removes_it(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[sample.cards["open"]].rect))
    hotline = sample.cards["hotline"]
    right_click_and_choose(canvas, *centre(layout.cards[hotline].rect), ["Delete card"])
    assert hotline not in sample.project.document
    assert sample.cards["open"] in sample.project.document


def test_copy_from_a_card_and_paste_into_the_right_clicked_cell(canvas: JourneyCanvas, sample: Sample) -> None:
    CARD_CLIPBOARD.set(None)
    layout = canvas.journey_scene.layout
    right_click_and_choose(canvas, *centre(layout.cards[sample.cards["ticket"]].rect), ["Copy"])
    target = layout.cells[(sample.stages[2], sample.lanes[0])]
    before = {c.id for c in sample.project.document.cards_in_cell(sample.stages[2], sample.lanes[0])}
    right_click_and_choose(canvas, target.x + 8, target.bottom - 8, ["Paste here"])
    pasted = [c for c in sample.project.document.cards_in_cell(sample.stages[2], sample.lanes[0]) if c.id not in before]
    assert [c.title for c in pasted] == ["Ticket anlegen"]
    assert canvas.selected_ids() == [pasted[0].id]
    CARD_CLIPBOARD.set(None)
    seen: list[list[str]] = []
    right_click_and_choose(canvas, target.x + 8, target.bottom - 8, [], seen)
    assert seen[0][:2] == ["New card here", "Paste here"]


def test_insert_a_stage_after_a_header_and_name_it_in_place(canvas: JourneyCanvas, sample: Sample) -> None:
    header = canvas.journey_scene.layout.stage_headers[0]
    right_click_and_choose(canvas, *centre(header.rect), ["Insert stage after"])
    stages = sample.project.document.stages(sample.journey_id)
    assert [s.name for s in stages] == ["Suchen", "Neue Phase", "Kaufen", "Nutzen"]  # the project's language
    editor = canvas.inline_editor()
    assert editor is not None, "the new stage's name is ready to be typed"
    editor.cancel()


def test_insert_a_lane_below_a_header_named_as_the_palette_names_it(canvas: JourneyCanvas, sample: Sample) -> None:
    header = canvas.journey_scene.layout.lane_headers[0]
    right_click_and_choose(canvas, *centre(header.rect), ["Insert lane below"])
    lanes = sample.project.document.lanes(sample.journey_id)
    assert lanes[1].name == canvas.journey_scene.default_lane_name("cards") == "Neue Bahn"
    assert sample.project.session.undo_name == "Add lane “Neue Bahn”"
    editor = canvas.inline_editor()
    assert editor is not None
    editor.cancel()


def test_change_an_arrows_kind_from_its_menu(canvas: JourneyCanvas, sample: Sample) -> None:
    from cxstudio.editing import operations as ops

    relation = sample.project.run(ops.link, sample.cards["hotline"], sample.cards["store"], RelationKind.LEADS_TO.value)
    QCoreApplication.processEvents()
    item = canvas.journey_scene.relation_items[relation.id]
    (x0, y0), (x1, y1) = item.route.points[0], item.route.points[1]
    right_click_and_choose(canvas, (x0 + x1) / 2, (y0 + y1) / 2, ["Kind of relation", "causes"])
    assert sample.project.document.get(relation.id).kind == RelationKind.CAUSES.value  # type: ignore[attr-defined]
    right_click_and_choose(canvas, (x0 + x1) / 2, (y0 + y1) / 2, ["Delete relation"])
    assert relation.id not in sample.project.document


def test_the_menu_speaks_german(canvas: JourneyCanvas, sample: Sample, qapp: QApplication) -> None:
    translations = Translations(qapp)
    assert translations.switch("de")
    try:
        seen: list[list[str]] = []
        layout = canvas.journey_scene.layout
        right_click_and_choose(canvas, *centre(layout.cards[sample.cards["hotline"]].rect), ["Bewertung", "4"], seen)
        assert seen[0][:4] == ["Titel bearbeiten", "Bewertung", "Moment of Truth", "Pain Point"]
        assert seen[0][-1] == "Karte löschen" and seen[1][0] == "Keine Bewertung"
        assert sample.card("hotline").rating == 4
        seen.clear()
        right_click_and_choose(canvas, *centre(layout.lane_headers[0].rect), [], seen)
        assert seen[0] == ["Umbenennen", "Bahn darüber einfügen", "Bahn darunter einfügen", "Bahn löschen"]
    finally:
        translations.switch("en")


def test_the_menu_key_opens_the_menu_of_the_selected_card(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[sample.cards["store"]].rect))
    problems: list[str] = []
    seen: list[list[str]] = []
    _choose_when_open(["Pain point"], seen, problems)
    QTest.keyClick(canvas, Qt.Key.Key_Menu)
    QCoreApplication.processEvents()
    assert not problems, problems
    assert seen and seen[0][0] == "Edit title", "the card's menu, not the cell's"
    assert sample.card("store").pain_point
    seen.clear()
    _choose_when_open([], seen, problems)
    QTest.keyClick(canvas, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # the other menu key
    assert not problems, problems
    assert seen and seen[0][0] == "Edit title"
