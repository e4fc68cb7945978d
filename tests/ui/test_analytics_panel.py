"""The analytics panel and the map's filter: a finding chosen highlights its cards, a filter dims the rest, undo keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from cxstudio import api
from cxstudio.editing import operations
from cxstudio.model.entities import Action, Card
from cxstudio.model.graph import RelationGraph


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "Beispiel.cxstudio"
    project = api.create("complaint-example", "de")
    project.save_as(path)
    project.close()
    return path


def _click_item(qtbot, tree, item) -> None:  # type: ignore[no-untyped-def]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x() + 20, rect.center().y()))


def test_a_finding_highlights_its_cards_a_filter_dims_the_rest_and_undo_keeps_it(main_window, example_file: Path,
                                                                                qtbot) -> None:
    window = main_window
    assert window.open_path(example_file)
    window.analytics_dock.show()
    window.analytics_dock.raise_()
    document = window.project.document
    uncovered = RelationGraph(document, follow=False).uncovered_pain_points()
    assert len(uncovered) == 1
    card = document.get(uncovered[0], Card)
    other_journey = next(j.id for j in document.journeys() if j.id != card.journey_id)
    window.selection.set_journey(other_journey)
    panel = window.analytics.panel
    item = next(i for i in panel.finding_items() if panel.finding_of(i).code == "uncovered_pain_points")
    assert item.text(1) == "1" and item.text(0) == "Pain points no action addresses: 1"

    _click_item(qtbot, panel.tree, item)
    assert window.selection.journey_id == card.journey_id, "the finding's journey is shown"
    assert window.selection.ids == [card.id]
    scene = window.canvas.journey_scene
    assert scene.selected_ids() == [card.id]
    others = {c.id for c in document.cards(card.journey_id)} - {card.id}
    assert scene.dim_layer.dimmed_ids == others and scene.dim_layer.isVisible()
    assert window.analytics.filter_bar.state.isVisible()

    bar = window.analytics.filter_bar
    qtbot.mouseClick(bar.pain_point, Qt.MouseButton.LeftButton)
    assert bar.pain_point.isChecked() and bar.state.text() == "Filter active"
    journey_cards = document.cards(card.journey_id)
    pains = {c.id for c in journey_cards if c.pain_point or c.kind == "pain_point"}
    assert scene.dim_layer.dimmed_ids == {c.id for c in journey_cards} - pains
    assert scene.card_items[card.id].isVisible(), "dimmed cards stay on the map"

    calm = next(c for c in journey_cards if c.id not in pains)
    window.files.run(operations.edit_card, calm.id, pain_point=True)
    assert calm.id not in scene.dim_layer.dimmed_ids, "a card that becomes a pain point lights up"
    window.act_undo.trigger()
    assert calm.id in scene.dim_layer.dimmed_ids and bar.pain_point.isChecked()
    window.act_redo.trigger()
    assert calm.id not in scene.dim_layer.dimmed_ids and bar.current_filter().pain_point
    window.act_undo.trigger()
    assert scene.dim_layer.dimmed_ids == {c.id for c in journey_cards} - pains, "undo/redo keep the filter"

    window.files.run(operations.add_element, Action(title="Rückruf zusagen", card_ids=(card.id,)))
    qtbot.waitUntil(lambda: not any(panel.finding_of(i).code == "uncovered_pain_points"
                                    for i in panel.finding_items()), timeout=3000)

    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert not bar.current_filter().active and not bar.state.isVisible()
    assert scene.dim_layer.dimmed_ids == frozenset() and not scene.dim_layer.isVisible()
