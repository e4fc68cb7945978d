"""The recovery prompt at start-up: work left by a killed editor is offered, recovered or discarded."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from ui_helpers import answer_next_modal

from cxstudio import api
from cxstudio.model.entities import Card

CRASHING_EDITOR = textwrap.dedent("""
    import os, sys
    from cxstudio import api
    from cxstudio.editing import operations
    project = api.open_project(sys.argv[1])
    journey = project.document.journeys()[0]
    stage = project.document.stages(journey.id)[0]
    lane = project.document.lanes(journey.id)[0]
    project.run(operations.add_card, stage.id, lane.id, "Nach dem Absturz gerettet")
    os._exit(9)  # dies without saving or closing, like a killed editor
""")


def _crash_while_editing(project_file: Path) -> None:
    result = subprocess.run([sys.executable, "-c", CRASHING_EDITOR, str(project_file)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 9, result.stderr


def test_recovering_unsaved_work_opens_it_marked_unsaved(main_window, project_file: Path) -> None:
    _crash_while_editing(project_file)
    seen = answer_next_modal(lambda dialog: dialog.recover_button.click())
    assert main_window.offer_recovery()
    assert seen == ["Recover unsaved work"]
    titles = {card.title for card in main_window.project.document.all(Card)}
    assert "Nach dem Absturz gerettet" in titles
    assert main_window.isWindowModified()
    assert main_window.opened.path == project_file


def test_the_prompt_lists_name_and_time_and_discarding_removes_the_work(main_window, project_file: Path) -> None:
    _crash_while_editing(project_file)
    rows: list[str] = []

    def discard(dialog) -> None:  # type: ignore[no-untyped-def]
        rows.extend(dialog.list.item(r).text() for r in range(dialog.list.count()))
        dialog.discard_button.click()

    answer_next_modal(discard)
    assert not main_window.offer_recovery()
    assert len(rows) == 1 and "Kundenreise" in rows[0] and str(project_file) in rows[0]
    assert api.find_recoverable() == []
    assert main_window.project is None


def test_no_prompt_when_nothing_is_left_to_recover(main_window) -> None:
    assert not main_window.offer_recovery()
