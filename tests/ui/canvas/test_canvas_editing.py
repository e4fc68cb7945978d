"""Creating and editing on the canvas: palette drops, inline titles in German, links, clipboard, keys, zoom."""

from __future__ import annotations

import json

from canvas_gestures import centre, click, double_click, drag, drop_mime, press_key, type_text
from conftest import Sample
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from cxstudio.editing import operations as ops
from cxstudio.editing.operations import link as ops_link
from cxstudio.model.entities import Card, CardKind, Lane, LaneKind, Relation, RelationKind, Stage
from cxstudio.ui.canvas import PALETTE_MIME_TYPE, JourneyCanvas, PaletteItem, palette_mime_data

GERMAN_TITLE = "Größere Abschläge für Übergänge: ä ö ü ß €"


def _cards_in(sample: Sample, stage_id: str, lane_id: str) -> list[Card]:
    return sample.project.document.cards_in_cell(stage_id, lane_id)


# ---------------------------------------------------------------------- palette drops
def test_palette_card_drop_creates_a_card_of_that_kind_in_the_cell(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    cell = layout.cells[(sample.stages[2], sample.lanes[0])]
    steps = sample.project.session.index
    entered, dropped = drop_mime(canvas, palette_mime_data(PaletteItem("card", CardKind.OPPORTUNITY.value)), *centre(cell))
    assert entered and dropped
    created = _cards_in(sample, sample.stages[2], sample.lanes[0])
    assert [c.kind for c in created] == [CardKind.OPPORTUNITY.value]
    assert sample.project.session.index == steps + 1
    assert created[0].id in canvas.journey_scene.card_items
    assert canvas.selected_ids() == [created[0].id]


def test_palette_card_drop_goes_to_the_position_under_the_mouse(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    first = layout.cards[sample.cards["open"]].rect
    drop_mime(canvas, palette_mime_data(PaletteItem("card", CardKind.NOTE.value)), first.center[0], first.y + 2)
    titles = [c.kind for c in _cards_in(sample, sample.stages[0], sample.lanes[0])]
    assert titles == [CardKind.NOTE.value, CardKind.STEP.value, CardKind.STEP.value]


def test_palette_stage_and_lane_drops_insert_at_the_boundary(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    between = layout.stage_headers[1].rect  # right half of the 2nd column: boundary after it
    drop_mime(canvas, palette_mime_data(PaletteItem("stage")), between.right - 5, between.center[1])
    stages = sample.project.document.stages(sample.journey_id)
    assert [s.id for s in stages][:2] == sample.stages[:2] and stages[2].id not in sample.stages
    assert stages[2].name == "Neue Phase"  # content in the project's language

    layout = canvas.journey_scene.layout
    rows = {h.id: h.rect for h in layout.lane_headers}
    drop_mime(canvas, palette_mime_data(PaletteItem("lane", LaneKind.SUPPORT_PROCESSES.value)),
              rows[sample.lanes[0]].center[0], rows[sample.lanes[0]].y + 3)
    lanes = sample.project.document.lanes(sample.journey_id)
    assert lanes[0].kind == LaneKind.SUPPORT_PROCESSES.value and lanes[0].id not in sample.lanes
    assert lanes[0].name == "Unterstützungsprozesse"


def test_other_mime_types_are_left_to_the_window(canvas: JourneyCanvas, sample: Sample) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile("/tmp/projekt.cxstudio")])
    steps = sample.project.session.index
    entered, _ = drop_mime(canvas, mime, 300, 300)
    assert not entered
    broken = QMimeData()
    broken.setData(PALETTE_MIME_TYPE, b"\xff not json")
    assert drop_mime(canvas, broken, 300, 300) == (False, False)
    odd = QMimeData()
    odd.setData(PALETTE_MIME_TYPE, json.dumps({"what": "rocket"}).encode())
    assert drop_mime(canvas, odd, 300, 300) == (False, False)
    assert sample.project.session.index == steps


# ---------------------------------------------------------------------- inline title editing
def test_double_click_card_edits_title_inline_with_german_text(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    double_click(canvas, *centre(layout.cards[sample.cards["open"]].rect))
    editor = canvas.inline_editor()
    assert editor is not None and editor.isVisible() and editor.text() == "Öffnet die Rechnung"
    steps = sample.project.session.index
    press_key(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, GERMAN_TITLE)
    press_key(editor, Qt.Key.Key_Return)
    assert canvas.inline_editor() is None
    assert sample.card("open").title == GERMAN_TITLE
    assert sample.project.session.index == steps + 1
    box = canvas.journey_scene.layout.cards[sample.cards["open"]]
    assert "".join(line.text for line in box.title_lines).replace(" ", "") == GERMAN_TITLE.replace(" ", "")
    assert canvas.journey_scene.card_items[sample.cards["open"]].box == box


def test_escape_cancels_the_inline_edit(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    double_click(canvas, *centre(layout.cards[sample.cards["read"]].rect))
    editor = canvas.inline_editor()
    assert editor is not None
    steps = sample.project.session.index
    type_text(editor, "Müll")
    press_key(editor, Qt.Key.Key_Escape)
    assert canvas.inline_editor() is None
    assert sample.card("read").title == "Liest den Zähler ab"
    assert sample.project.session.index == steps


def test_f2_edits_the_selected_cards_title(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.select_ids([sample.cards["ticket"]])
    press_key(canvas, Qt.Key.Key_F2)
    editor = canvas.inline_editor()
    assert editor is not None and editor.text() == "Ticket anlegen"
    type_text(editor, "Straße")
    press_key(editor, Qt.Key.Key_Enter)
    assert sample.card("ticket").title == "Straße"


def test_double_click_empty_cell_creates_a_card_and_types_its_title(canvas: JourneyCanvas, sample: Sample) -> None:
    layout = canvas.journey_scene.layout
    cell = layout.cells[(sample.stages[1], sample.lanes[0])]
    steps = sample.project.session.index
    double_click(canvas, *centre(cell))
    editor = canvas.inline_editor()
    assert editor is not None and editor.hasFocus()
    type_text(editor, "Zählerstand prüfen: 1.234 € – süß")
    press_key(editor, Qt.Key.Key_Return)
    created = _cards_in(sample, sample.stages[1], sample.lanes[0])
    assert [c.title for c in created] == ["Zählerstand prüfen: 1.234 € – süß"]
    assert sample.project.session.index == steps + 1  # creating and naming is one undo step
    assert canvas.selected_ids() == [created[0].id]
    sample.project.undo()
    assert _cards_in(sample, sample.stages[1], sample.lanes[0]) == []


def test_double_click_empty_cell_then_escape_creates_nothing(canvas: JourneyCanvas, sample: Sample) -> None:
    cell = canvas.journey_scene.layout.cells[(sample.stages[1], sample.lanes[0])]
    double_click(canvas, *centre(cell))
    editor = canvas.inline_editor()
    assert editor is not None
    press_key(editor, Qt.Key.Key_Escape)
    assert _cards_in(sample, sample.stages[1], sample.lanes[0]) == []


def test_double_click_on_the_emotion_curve_explains_instead_of_creating(canvas: JourneyCanvas, sample: Sample) -> None:
    messages: list[str] = []
    canvas.message.connect(messages.append)
    cell = canvas.journey_scene.layout.cells[(sample.stages[0], sample.lanes[3])]
    double_click(canvas, *centre(cell))
    assert canvas.inline_editor() is None
    assert messages and "rating" in messages[-1]


# ---------------------------------------------------------------------- relations
def _choose_menu_entry(position: int) -> None:
    """Once the relation menu pops up, pick its entry at `position` with the keyboard."""

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, choose)
            return
        for _ in range(position + 1):
            QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(20, choose)


def _link_by_handle(canvas: JourneyCanvas, source_id: str, target_id: str, menu_position: int) -> None:
    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[source_id].rect))
    handle = canvas.journey_scene.card_items[source_id].handle_center()
    _choose_menu_entry(menu_position)
    drag(canvas, (handle.x(), handle.y()), centre(layout.cards[target_id].rect))


def test_dragging_from_the_handle_links_two_cards_with_the_chosen_kind(canvas: JourneyCanvas, sample: Sample) -> None:
    steps = sample.project.session.index
    _link_by_handle(canvas, sample.cards["hotline"], sample.cards["store"], 0)
    relations = sample.project.document.relations_of(sample.cards["hotline"])
    assert [(r.source_id, r.target_id, r.kind) for r in relations] == [
        (sample.cards["hotline"], sample.cards["store"], RelationKind.LEADS_TO.value)
    ]
    assert sample.project.session.index == steps + 1
    relation_item = canvas.journey_scene.relation_items[relations[0].id]
    assert canvas.selected_ids() == [relations[0].id]
    # the arrow is selectable and deletable
    click(canvas, *centre(canvas.journey_scene.layout.cards[sample.cards["open"]].rect))
    point = relation_item.route.points[0]
    second = relation_item.route.points[1]
    click(canvas, (point[0] + second[0]) / 2, (point[1] + second[1]) / 2)
    assert canvas.selected_ids() == [relations[0].id]
    press_key(canvas, Qt.Key.Key_Delete)
    assert sample.project.document.relations_of(sample.cards["hotline"]) == []


def test_arrows_follow_moved_cards(canvas: JourneyCanvas, sample: Sample) -> None:
    _link_by_handle(canvas, sample.cards["hotline"], sample.cards["store"], 2)
    relation = sample.project.document.relations_of(sample.cards["hotline"])[0]
    assert relation.kind == RelationKind.DEPENDS_ON.value
    before = canvas.journey_scene.relation_items[relation.id].route.points
    layout = canvas.journey_scene.layout
    drag(canvas, centre(layout.cards[sample.cards["store"]].rect), centre(layout.cells[(sample.stages[2], sample.lanes[0])]))
    after = canvas.journey_scene.relation_items[relation.id].route
    assert after.points != before
    assert after == next(r for r in canvas.journey_scene.layout.relations if r.id == relation.id)


def test_a_refused_link_says_why_and_changes_nothing(canvas: JourneyCanvas, sample: Sample) -> None:
    messages: list[str] = []
    canvas.message.connect(messages.append)
    _link_by_handle(canvas, sample.cards["hotline"], sample.cards["store"], 3)  # causes
    steps = sample.project.session.index
    _link_by_handle(canvas, sample.cards["store"], sample.cards["hotline"], 3)  # would close a cycle
    assert sample.project.session.index == steps
    assert len(sample.project.document.all(Relation)) == 1
    assert messages and "cycle" in messages[-1]


def test_dismissing_the_relation_menu_links_nothing(canvas: JourneyCanvas, sample: Sample) -> None:
    def dismiss() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, dismiss)
            return
        QTest.keyClick(menu, Qt.Key.Key_Escape)

    layout = canvas.journey_scene.layout
    click(canvas, *centre(layout.cards[sample.cards["open"]].rect))
    handle = canvas.journey_scene.card_items[sample.cards["open"]].handle_center()
    QTimer.singleShot(20, dismiss)
    drag(canvas, (handle.x(), handle.y()), centre(layout.cards[sample.cards["read"]].rect))
    assert sample.project.document.all(Relation) == []


# ---------------------------------------------------------------------- clipboard and keys
def test_copy_and_paste_into_another_journey(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.select_ids([sample.cards["hotline"], sample.cards["store"]])
    _link_by_handle(canvas, sample.cards["hotline"], sample.cards["store"], 0)
    canvas.select_ids([sample.cards["hotline"], sample.cards["store"]])
    press_key(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert "Hotline-Warteschleife" in QApplication.clipboard().text()

    canvas.set_journey(sample.other_journey_id)
    QTest.mouseMove(canvas.viewport(), QPoint(-50, -50))
    steps = sample.project.session.index
    press_key(canvas, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    doc = sample.project.document
    pasted = doc.cards(sample.other_journey_id)
    assert sorted(c.title for c in pasted) == ["Gespräch in der Filiale", "Hotline-Warteschleife"]
    assert sample.project.session.index == steps + 1
    assert set(canvas.selected_ids()) == {c.id for c in pasted}
    assert len(canvas.journey_scene.layout.relations) == 1  # the link among the copied cards came along
    assert doc.cards(sample.journey_id) and len(doc.cards(sample.journey_id)) == 5


def test_paste_goes_into_the_cell_under_the_mouse(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.select_ids([sample.cards["ticket"]])
    canvas.copy_selection()
    cell = canvas.journey_scene.layout.cells[(sample.stages[2], sample.lanes[2])]
    point = canvas.mapFromScene(QPointF(*centre(cell)))
    QTest.mouseMove(canvas.viewport(), point)
    canvas.cursor().setPos(canvas.viewport().mapToGlobal(point))
    canvas.paste()
    titles = [c.title for c in _cards_in(sample, sample.stages[2], sample.lanes[2])]
    assert titles == ["Ticket anlegen"]


def test_cut_removes_and_paste_brings_back(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.select_ids([sample.cards["read"]])
    press_key(canvas, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert sample.cards["read"] not in sample.project.document
    assert sample.project.session.undo_name == "Cut card “Liest den Zähler ab”"
    canvas.paste()
    titles = [c.title for c in sample.project.document.cards(sample.journey_id)]
    assert "Liest den Zähler ab" in titles


def test_delete_duplicate_and_undo(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.select_ids([sample.cards["open"]])
    press_key(canvas, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    cell = _cards_in(sample, sample.stages[0], sample.lanes[0])
    assert [c.title for c in cell] == ["Öffnet die Rechnung", "Öffnet die Rechnung", "Liest den Zähler ab"]
    assert canvas.selected_ids() == [cell[1].id]
    press_key(canvas, Qt.Key.Key_Delete)
    assert len(_cards_in(sample, sample.stages[0], sample.lanes[0])) == 2
    assert cell[1].id not in canvas.journey_scene.card_items
    canvas.select_ids([sample.stages[1]])
    from ui_helpers import answer_next_modal  # a stage with cards: the canvas asks first (issue 14)

    answer_next_modal(lambda box: box.accept() if not hasattr(box, "defaultButton") else box.defaultButton().click())
    press_key(canvas, Qt.Key.Key_Delete)
    assert sample.stages[1] not in sample.project.document
    assert sample.cards["hotline"] not in canvas.journey_scene.card_items
    sample.project.undo()
    assert isinstance(sample.project.document.find(sample.stages[1]), Stage)
    assert sample.cards["hotline"] in canvas.journey_scene.card_items


def test_arrow_keys_move_the_selection_between_cards(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.select_ids([sample.cards["open"]])
    press_key(canvas, Qt.Key.Key_Down)
    assert canvas.selected_ids() == [sample.cards["read"]]
    press_key(canvas, Qt.Key.Key_Up)
    assert canvas.selected_ids() == [sample.cards["open"]]
    press_key(canvas, Qt.Key.Key_Right)
    assert canvas.selected_ids() in ([sample.cards["hotline"]], [sample.cards["ticket"]])
    press_key(canvas, Qt.Key.Key_Right)
    assert canvas.selected_ids() == [sample.cards["store"]]


def test_zoom_by_keys_and_ctrl_wheel(canvas: JourneyCanvas, sample: Sample) -> None:
    zooms: list[float] = []
    canvas.zoomChanged.connect(zooms.append)
    press_key(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom_factor() > 1.0
    press_key(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    press_key(canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom_factor() < 1.0
    centre_point = QPointF(canvas.viewport().rect().center())
    wheel = QWheelEvent(centre_point, QPointF(canvas.viewport().mapToGlobal(centre_point.toPoint())), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    before = canvas.zoom_factor()
    QApplication.sendEvent(canvas.viewport(), wheel)
    assert abs(canvas.zoom_factor() - before * 1.25 ** 2) < 1e-6
    press_key(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    scene_rect = canvas.mapFromScene(canvas.journey_scene.sceneRect()).boundingRect()
    assert canvas.viewport().rect().adjusted(-2, -2, 2, 2).contains(scene_rect)
    assert zooms[-1] == canvas.zoom_factor()
    canvas.reset_zoom()
    assert canvas.zoom_factor() == 1.0


def test_lane_names_are_renamed_inline(canvas: JourneyCanvas, sample: Sample) -> None:
    rows = {h.id: h.rect for h in canvas.journey_scene.layout.lane_headers}
    double_click(canvas, *centre(rows[sample.lanes[1]]))
    editor = canvas.inline_editor()
    assert editor is not None and editor.text() == "Touchpoints"
    press_key(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "Kontaktpunkte (Öffentlich)")
    press_key(editor, Qt.Key.Key_Return)
    assert sample.project.document.get(sample.lanes[1], Lane).name == "Kontaktpunkte (Öffentlich)"


def test_clicking_a_point_of_the_emotion_curve_selects_its_card(canvas: JourneyCanvas, sample: Sample) -> None:
    curve = canvas.journey_scene.layout.curves[0]
    point = next(p for p in curve.points if p.card_id == sample.cards["store"])
    steps = sample.project.session.index
    drag(canvas, (point.x, point.y), (point.x + 40, point.y + 30))
    assert canvas.selected_ids() == [sample.cards["store"]]
    assert sample.project.session.index == steps  # the point is not a handle to drag the card by
    double_click(canvas, point.x, point.y)
    editor = canvas.inline_editor()
    assert editor is not None and editor.text() == "Gespräch in der Filiale"
    press_key(editor, Qt.Key.Key_Escape)


def test_without_a_journey_the_commands_do_nothing(canvas: JourneyCanvas, sample: Sample) -> None:
    canvas.select_ids([sample.cards["open"]])
    canvas.copy_selection()
    canvas.set_journey(None)
    assert canvas.journey_id() is None and canvas.selected_ids() == []
    assert canvas.journey_scene.card_items == {}
    steps = sample.project.session.index
    for key in (Qt.Key.Key_V, Qt.Key.Key_D, Qt.Key.Key_X, Qt.Key.Key_0):
        press_key(canvas, key, Qt.KeyboardModifier.ControlModifier)
    press_key(canvas, Qt.Key.Key_Delete)
    press_key(canvas, Qt.Key.Key_Down)
    double_click(canvas, 200, 200)
    assert canvas.inline_editor() is None
    assert drop_mime(canvas, palette_mime_data(PaletteItem("stage")), 200, 200) == (False, False)
    assert sample.project.session.index == steps


def test_arrows_follow_cards_while_they_are_dragged(canvas: JourneyCanvas, sample: Sample) -> None:
    from canvas_gestures import viewport_point

    sample.project.run(ops_link, sample.cards["hotline"], sample.cards["store"])
    relation = sample.project.document.relations_of(sample.cards["hotline"])[0]
    scene = canvas.journey_scene
    item = scene.relation_items[relation.id]
    assert not item.isVisible() and scene.relation_layer.route_count() == 1
    layout = scene.layout
    start = viewport_point(canvas, *centre(layout.cards[sample.cards["store"]].rect))
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(canvas.viewport(), start + QPoint(10, 60))
    QTest.mouseMove(canvas.viewport(), start + QPoint(20, 120))
    assert item.isVisible() and scene.relation_layer.route_count() == 0  # the layer leaves it to the moving arrow
    end = item.path().elementAt(item.path().elementCount() - 1)
    dragged = scene.card_items[sample.cards["store"]].sceneBoundingRect()
    assert dragged.adjusted(-2, -2, 2, 2).contains(QPointF(end.x, end.y))
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    assert not item.isVisible() and scene.relation_layer.route_count() == 1


def test_a_drop_draws_the_followed_arrows_again_at_their_new_routes(canvas: JourneyCanvas, sample: Sample) -> None:
    sample.project.run(ops_link, sample.cards["hotline"], sample.cards["store"])
    scene = canvas.journey_scene
    relation_id = scene.layout.relations[0].id
    before = scene.layout.relations[0].points
    drag(canvas, centre(scene.layout.cards[sample.cards["store"]].rect),
         centre(scene.layout.cells[(sample.stages[2], sample.lanes[0])]))
    assert sample.card("store").lane_id == sample.lanes[0]
    route = scene.layout.relations[0]
    assert route.id == relation_id and route.points != before
    assert scene.relation_layer.route_count() == 1 and not scene.relation_items[relation_id].isVisible()
    # the arrow is hit where its new route runs, and no longer where the old one did
    (x0, y0), (x1, y1) = route.points[-2], route.points[-1]
    assert scene.relation_at((x0 + x1) / 2, (y0 + y1) / 2) == relation_id
    # a drop the model refuses (none here: a drop outside the cells) still draws the arrows again
    start = centre(scene.layout.cards[sample.cards["store"]].rect)
    drag(canvas, start, (start[0], scene.layout.height + 400))
    assert scene.relation_layer.route_count() == 1 and not scene.relation_items[relation_id].isVisible()


def test_a_card_that_only_moved_keeps_its_drawing_and_a_changed_one_is_redrawn(canvas: JourneyCanvas,
                                                                               sample: Sample) -> None:
    from cxstudio.ui.canvas.items import _moved_only

    scene = canvas.journey_scene
    read = sample.cards["read"]
    old = scene.card_items[read].box
    sample.project.run(ops.move_cards, [read], sample.stages[1], sample.lanes[0])
    moved = scene.layout.cards[read]
    assert (moved.rect.x, moved.rect.y) != (old.rect.x, old.rect.y) and _moved_only(old, moved)
    assert scene.card_items[read].box is moved and scene.card_items[read].pos().toTuple() == (moved.rect.x, moved.rect.y)
    sample.project.run(ops.edit_card, read, title="Liest den Zähler ab und ärgert sich")
    renamed = scene.layout.cards[read]
    assert not _moved_only(moved, renamed) and scene.card_items[read].box is renamed
    sample.project.run(ops.edit_card, read, rating=2)  # a marker appears
    assert not _moved_only(renamed, scene.layout.cards[read])
