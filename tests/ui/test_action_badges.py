"""Actions on the map (issue 14): a badge on each card that actions address (count, tooltip), the actions lane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.layout.actions import BADGE_FILL
from cxstudio.model.entities import Action, Card, Insight


def _example(tmp_path: Path) -> Path:
    path = tmp_path / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    return path


def test_cards_that_actions_address_carry_a_badge_with_the_count_and_the_actions_in_the_tooltip(
    main_window, tmp_path: Path
) -> None:
    main_window.open_path(_example(tmp_path))
    scene = main_window.canvas.journey_scene
    doc = main_window.project.document
    extras = scene.map_extras
    assert extras.badges and set(extras.badges) == set(scene.layout.action_badges)
    card_id, item = max(extras.badges.items(), key=lambda kv: len(kv[1].badge.action_ids))
    titles = [doc.get(i, Action).title for i in item.badge.action_ids]
    assert item.badge.label.text == str(len(titles))
    assert all(title in item.toolTip() for title in titles)
    box = scene.layout.cards[card_id].rect
    assert item.sceneBoundingRect().contains(QPointF(box.x, box.y))  # on the card's top-left corner
    # the badge is painted: its colour shows at the corner of the card on the canvas
    image = QImage(40, 40, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter, image.rect().toRectF(), item.sceneBoundingRect().adjusted(-2, -2, 2, 2))
    painter.end()
    assert image.pixelColor(9, 20).name() == BADGE_FILL  # left of the digit, inside the circle

    # a card no action addresses gets its badge when an action (through an insight) addresses it
    plain = next(c for c in doc.cards(main_window.current_journey_id()) if c.id not in extras.badges)
    insight = main_window.files.run(ops.add_element, Insight(title="Warum?", card_ids=(plain.id,)))
    main_window.files.run(ops.add_element, Action(title="Ursache beheben", owner="Katrin Vogel",
                                                  insight_ids=(insight.id,)))
    assert plain.id in extras.badges and extras.badges[plain.id].badge.label.text == "1"
    assert "Ursache beheben" in extras.badges[plain.id].toolTip()
    main_window.undo()
    assert plain.id not in extras.badges


def test_the_actions_lane_lists_each_stages_actions_below_the_map_and_is_switchable(main_window,
                                                                                   tmp_path: Path) -> None:
    main_window.open_path(_example(tmp_path))
    scene = main_window.canvas.journey_scene
    doc = main_window.project.document
    extras = main_window.map_extras
    assert scene.layout.actions_lane is None
    bottom_without = scene.layout.grid_rect.bottom

    extras.act_actions_lane.trigger()

    lane = scene.layout.actions_lane
    assert lane is not None and lane.rect.y >= bottom_without - 0.01
    assert scene.layout.grid_rect.bottom == lane.rect.bottom  # the print's map region takes it in
    assert len(scene.map_extras.notes) == len(lane.notes) > 0
    # an action is listed in the stage of every card it addresses directly
    action = next(a for a in doc.all(Action) if a.card_ids)
    cards = [doc.get(i, Card) for i in action.card_ids if doc.get(i, Card).journey_id == main_window.current_journey_id()]
    assert {c.stage_id for c in cards} <= {n.stage_id for n in lane.notes if n.action_id == action.id}
    # double-clicking an action shows it in the inspector
    note = lane.notes[0]
    canvas = main_window.canvas
    canvas.ensureVisible(note.rect.x, note.rect.y, note.rect.width, note.rect.height)
    point: QPoint = canvas.mapFromScene(QPointF(*note.rect.center))
    QTest.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert main_window.inspector._entity_id == note.action_id

    extras.act_actions_lane.trigger()
    assert scene.layout.actions_lane is None and scene.map_extras.lane is None and not scene.map_extras.notes
