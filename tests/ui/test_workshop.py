"""Workshop mode: F11 in and out (panels and zoom restored), quick capture, number-key ratings, the timer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QToolBar

from cxstudio.model.entities import Card
from tests.ui.ui_helpers import type_text


def _open_template(window, qtbot):  # type: ignore[no-untyped-def]
    assert window.new_from_template(("journey-map", "en"))
    qtbot.waitUntil(lambda: window.canvas is not None)
    return window.project.document, window.current_journey_id()


def _visible_panels(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {w.objectName() for w in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar))
            if w.parent() is window and w.isVisible()}


def _panels_in_front(window) -> set[str]:  # type: ignore[no-untyped-def]
    """The docks whose contents can be seen (of tabbed docks, only the tab in front)."""
    return {d.objectName() for d in window.findChildren(QDockWidget) if d.widget() and d.widget().isVisible()}


def test_f11_enters_full_screen_with_large_type_and_leaves_everything_as_it_was(main_window, qtbot) -> None:
    _open_template(main_window, qtbot)
    main_window.canvas.zoom_to_fit()
    zoom_before = main_window.canvas.zoom_factor()
    panels_before = _visible_panels(main_window)
    in_front = _panels_in_front(main_window)
    assert {"paletteDock", "mainToolbar"} <= panels_before

    QTest.keyClick(main_window, Qt.Key.Key_F11)
    assert main_window.workshop.active and main_window.isFullScreen()
    assert _visible_panels(main_window) == {"workshopBar"}
    assert main_window.canvas.zoom_factor() >= 1.5 > zoom_before
    assert main_window.workshop.bar.capture.hasFocus()

    QTest.keyClick(main_window.workshop.bar.capture, Qt.Key.Key_F11)
    assert not main_window.workshop.active and not main_window.isFullScreen()
    assert _visible_panels(main_window) == panels_before
    assert _panels_in_front(main_window) == in_front  # the same tab of each tabbed group in front
    assert abs(main_window.canvas.zoom_factor() - zoom_before) < 1e-9


def test_quick_capture_adds_one_card_per_line_to_the_named_stage(main_window, qtbot) -> None:
    document, journey_id = _open_template(main_window, qtbot)
    QTest.keyClick(main_window, Qt.Key.Key_F11)
    capture = main_window.workshop.bar.capture
    steps_before = len(main_window.project.session.history)
    for line in ("Consideration: Compares prices", "purchase : Pays at the till", "4: Unpacks the parcel"):
        type_text(capture, line)
        QTest.keyClick(capture, Qt.Key.Key_Return)
        assert capture.text() == ""
    stages = {s.id: s.name for s in document.stages(journey_id)}
    placed = {(stages[c.stage_id], c.title) for c in document.cards(journey_id)}
    assert placed == {("Consideration", "Compares prices"), ("Purchase", "Pays at the till"),
                      ("Use", "Unpacks the parcel")}
    assert {document.get(c.lane_id).name for c in document.cards(journey_id)} == {"Customer steps"}
    assert len(main_window.project.session.history) == steps_before + 3  # one undo step per line
    main_window.act_undo.trigger()
    assert len(document.cards(journey_id)) == 2
    QTest.keyClick(main_window, Qt.Key.Key_F11)


def test_quick_capture_refuses_an_unknown_stage_in_one_sentence_and_changes_nothing(main_window, qtbot) -> None:
    document, journey_id = _open_template(main_window, qtbot)
    QTest.keyClick(main_window, Qt.Key.Key_F11)
    capture = main_window.workshop.bar.capture
    for line, expected in (("Nowhere: A card", "no stage “Nowhere”. Its stages: “Awareness”"),
                           ("Just a title", "a colon")):
        capture.clear()
        type_text(capture, line)
        QTest.keyClick(capture, Qt.Key.Key_Return)
        feedback = main_window.workshop.bar.feedback.text()
        assert expected in feedback and feedback.count(".") >= 1 and "Traceback" not in feedback
        assert capture.text() == line  # kept for correcting
    assert document.cards(journey_id) == []
    assert main_window.project.session.is_clean
    QTest.keyClick(main_window, Qt.Key.Key_F11)


def test_number_keys_rate_the_selected_card_and_zero_means_ten(main_window, qtbot) -> None:
    document, journey_id = _open_template(main_window, qtbot)
    QTest.keyClick(main_window, Qt.Key.Key_F11)
    capture = main_window.workshop.bar.capture
    type_text(capture, "Awareness: Sees an advert 3")  # digits typed into the capture line rate nothing
    QTest.keyClick(capture, Qt.Key.Key_Return)
    card = document.cards(journey_id)[0]
    assert card.title == "Sees an advert 3" and card.rating is None
    assert main_window.selection.selected(Card)[0].id == card.id  # the captured card is selected

    canvas = main_window.canvas
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    steps = len(main_window.project.session.history)
    QTest.keyClick(canvas, Qt.Key.Key_7)
    assert document.get(card.id).rating == 7
    QTest.keyClick(canvas, Qt.Key.Key_0)
    assert document.get(card.id).rating == 10
    assert len(main_window.project.session.history) == steps + 2
    main_window.act_undo.trigger()
    assert document.get(card.id).rating == 7

    QTest.keyClick(main_window, Qt.Key.Key_F11)  # outside workshop mode the digits rate nothing
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_3)
    assert document.get(card.id).rating == 7


def test_the_timer_starts_pauses_and_resets(main_window, qtbot) -> None:
    _open_template(main_window, qtbot)
    QTest.keyClick(main_window, Qt.Key.Key_F11)
    bar = main_window.workshop.bar
    assert bar.clock.isVisible() and bar.clock.text() == "00:00"
    QTest.mouseClick(bar.start_pause, Qt.MouseButton.LeftButton)
    assert bar.start_pause.text() == "Pause"
    qtbot.waitUntil(lambda: bar.clock.text() != "00:00", timeout=5000)
    QTest.mouseClick(bar.start_pause, Qt.MouseButton.LeftButton)
    assert bar.start_pause.text() == "Start"
    paused = bar.clock.text()
    qtbot.wait(1100)
    assert bar.clock.text() == paused  # paused: the time stands
    QTest.mouseClick(bar.reset, Qt.MouseButton.LeftButton)
    assert bar.clock.text() == "00:00"
    QTest.mouseClick(bar.leave, Qt.MouseButton.LeftButton)
    assert not main_window.workshop.active


def test_quick_capture_in_a_blueprint_lands_in_the_customer_actions(main_window, qtbot) -> None:
    assert main_window.new_from_template(("complaint-example", "de"))
    document, journey_id = main_window.project.document, main_window.current_journey_id()
    QTest.keyClick(main_window, Qt.Key.Key_F11)
    stage = document.stages(journey_id)[1]
    capture = main_window.workshop.bar.capture
    type_text(capture, f"{stage.name.upper()}: Fragt die Nachbarin")  # case does not matter; umlauts typed
    QTest.keyClick(capture, Qt.Key.Key_Return)
    card = next(c for c in document.cards(journey_id) if c.title == "Fragt die Nachbarin")
    assert card.stage_id == stage.id and document.get(card.lane_id).kind == "customer_actions"
    type_text(capture, "Nirgendwo: X")
    QTest.keyClick(capture, Qt.Key.Key_Return)
    assert "keine Phase „Nirgendwo“" not in main_window.workshop.bar.feedback.text()  # English UI here
    assert "no stage “Nirgendwo”" in main_window.workshop.bar.feedback.text()
    QTest.keyClick(main_window, Qt.Key.Key_F11)


def test_workshop_mode_waits_for_a_project(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """From the start page there is no map to run a workshop on: the command is off until a project opens."""
    from cxstudio import api
    from cxstudio.ui.main_window import MainWindow
    from cxstudio.ui.settings import EditorSettings

    window = MainWindow(EditorSettings(), "en")
    qtbot.addWidget(window)
    window.show()
    assert not window.workshop.action.isEnabled()
    path = tmp_path / "workshop.cxstudio"
    project = api.create("complaint-example", "en")
    project.save_as(path)
    project.close()
    assert window.open_path(path)
    assert window.workshop.action.isEnabled()
    window.close_project()
    assert not window.workshop.action.isEnabled()
