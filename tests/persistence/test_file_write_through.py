"""Write-through: each committed change set reaches the working copy in one transaction touching only its rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from persistence_samples import assert_same_documents, rich_document

from cxstudio import api
from cxstudio.api import OpenProject
from cxstudio.editing import operations as ops
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Stage
from cxstudio.persistence.errors import ProjectFileError
from cxstudio.persistence.project_file import ProjectFile
from cxstudio.persistence.store import build_document, read_entities


def working_copy_document(project: OpenProject) -> Document:
    """The document as stored in the project's working copy, read over the working copy's own connection."""
    file = project._file
    assert file is not None
    with file.engine.connect() as connection:
        document, problems = build_document(read_entities(connection))
        connection.rollback()
    assert problems == [] and document is not None
    return document


def traced_statements(project: OpenProject) -> list[str]:
    """Collects every SQL statement the working-copy connection executes from now on."""
    file = project._file
    assert file is not None
    raw = file.engine.raw_connection().driver_connection
    statements: list[str] = []
    raw.set_trace_callback(statements.append)  # type: ignore[union-attr]
    return statements


def test_a_new_project_has_a_working_copy_holding_it(tmp_path: Path) -> None:
    project = api.create(language="de")
    assert project.working_copy is not None and (project.working_copy / "project.cxstudio").exists()
    assert project.path is None and not project.read_only
    assert_same_documents(project.document, working_copy_document(project))
    project.close()
    assert not project.working_copy.exists()


def test_each_commit_writes_only_the_rows_it_changed_in_one_transaction() -> None:
    document = rich_document()
    project = OpenProject(document, ProjectFile.create_unsaved(document))
    card = next(c for c in project.document.all(Card) if c.title == "Rückruf")
    other_stage = next(s for s in project.document.all(Stage) if s.id != card.stage_id)
    statements = traced_statements(project)
    project.run(ops.edit_card, card.id, title="Rückruf in 1 Stunde")
    writes = [s for s in statements if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert statements[0].startswith("BEGIN") and statements[-1] == "COMMIT"
    assert len(writes) == 1 and writes[0].startswith('UPDATE card SET title=') and "WHERE card.id = " in writes[0]
    statements.clear()
    project.run(ops.move_cards, [card.id], other_stage.id, card.lane_id)
    writes = [s for s in statements if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert [s.split()[0] for s in statements].count("BEGIN") == 1 and all("card" in w for w in writes)
    assert len(writes) == len(project.session._undo[-1].events)
    assert_same_documents(project.document, working_copy_document(project))
    project.close()


def test_undo_and_redo_are_written_through_too() -> None:
    project = api.create("journey-map", "en")
    journey = project.document.journeys()[0]
    stage, lane = project.document.stages(journey.id)[0], project.document.lanes(journey.id)[0]
    card = project.run(ops.add_card, stage.id, lane.id, "Hello")
    project.run(ops.delete_elements, [stage.id])
    assert card.id not in working_copy_document(project)
    project.undo()
    assert_same_documents(project.document, working_copy_document(project))
    project.undo()
    assert card.id not in working_copy_document(project)
    project.redo()
    project.redo()
    assert_same_documents(project.document, working_copy_document(project))
    project.close()


def _limit_pages(project: OpenProject, pages: int) -> None:
    file = project._file
    assert file is not None
    raw = file.engine.raw_connection().driver_connection
    raw.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[union-attr]


def test_a_full_disk_is_reported_at_once_keeps_the_edit_and_catches_up_later(tmp_path: Path) -> None:
    project = api.create("journey-map", "de")
    journey = project.document.journeys()[0]
    stage, lane = project.document.stages(journey.id)[0], project.document.lanes(journey.id)[0]
    file = project._file
    assert file is not None
    with file.engine.connect() as connection:
        used = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.rollback()
    _limit_pages(project, int(used))  # SQLite now answers SQLITE_FULL, as on a full disk
    big = "ä" * 150_000
    with pytest.raises(ProjectFileError) as caught:
        project.run(ops.add_card, stage.id, lane.id, "Große Karte", text=big)
    assert caught.value.code == "disk_full"
    assert "disk is full" in str(caught.value) and "Datenträger voll" in caught.value.message("de")
    added = [c for c in project.document.all(Card) if c.title == "Große Karte"]
    assert len(added) == 1, "the edit stays in memory"
    assert project.write_error is not None and added[0].id not in working_copy_document(project)
    # Save As to another place still works: it writes the document from memory.
    project.save_as(tmp_path / "gerettet.cxstudio")
    rescued = api.open_project(tmp_path / "gerettet.cxstudio", read_only=True)
    assert_same_documents(project.document, rescued.document)
    rescued.close()
    # Space comes back: the next commit writes everything that was pending.
    _limit_pages(project, 1_000_000)
    project.run(ops.rename, journey.id, "Nach dem Aufräumen")
    assert project.write_error is None
    assert_same_documents(project.document, working_copy_document(project))
    project.close()


def test_only_the_first_failed_commit_raises_the_later_ones_keep_the_error_visible() -> None:
    project = api.create("journey-map", "en")
    journey = project.document.journeys()[0]
    file = project._file
    assert file is not None
    with file.engine.connect() as connection:
        used = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
        connection.rollback()
    _limit_pages(project, used)
    stage, lane = project.document.stages(journey.id)[0], project.document.lanes(journey.id)[0]
    with pytest.raises(ProjectFileError):
        project.run(ops.add_card, stage.id, lane.id, "big", text="x" * 100_000)
    project.run(ops.rename, journey.id, "short")  # still failing: no second message, but the state says so
    assert project.write_error is not None and project.write_error.code == "disk_full"
    assert len(project._file.pending) == 2  # type: ignore[union-attr]
    _limit_pages(project, 1_000_000)
    project.run(ops.rename, journey.id, "again")  # catches up
    assert project.write_error is None
    _limit_pages(project, used)
    with pytest.raises(ProjectFileError):  # a new failure after recovering is reported again
        project.run(ops.add_card, stage.id, lane.id, "big 2", text="y" * 200_000)
    project.close()


def test_editing_through_the_session_directly_also_writes_through() -> None:
    project = api.create(language="en")
    ops.add_journey(project.session, "Direct", stages=["S"], lanes=[ops.LaneSpec("L")])
    assert_same_documents(project.document, working_copy_document(project))
    project.close()


def test_a_closed_project_refuses_to_save(tmp_path: Path) -> None:
    project = api.create(language="en")
    project.close()
    with pytest.raises(ProjectFileError) as caught:
        project.save_as(tmp_path / "x.cxstudio")
    assert caught.value.code == "closed"
    assert not (tmp_path / "x.cxstudio").exists()


def test_the_working_copy_passes_sqlites_integrity_check() -> None:
    project = api.create("service-blueprint", "de")
    folder = project.working_copy
    assert folder is not None
    project._file.engine.dispose()  # type: ignore[union-attr]  # release the exclusive lock to look from outside
    connection = sqlite3.connect(folder / "project.cxstudio")
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()


def test_a_write_error_listener_hears_of_the_first_failure_even_for_edits_made_through_the_session() -> None:
    project = api.create("journey-map", "en")
    heard: list[ProjectFileError] = []
    project.on_write_error(heard.append)
    journey = project.document.journeys()[0]
    stage, lane = project.document.stages(journey.id)[0], project.document.lanes(journey.id)[0]
    file = project._file
    assert file is not None
    with file.engine.connect() as connection:
        used = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
        connection.rollback()
    _limit_pages(project, used)
    ops.add_card(project.session, stage.id, lane.id, "big", text="z" * 150_000)  # no raise on this path
    ops.add_card(project.session, stage.id, lane.id, "big 2", text="w" * 150_000)
    assert [e.code for e in heard] == ["disk_full"]
    assert project.write_error is not None and project.write_error.code == "disk_full"
    project.close()
