"""Reading foreign bytes: the schema inspection, the hardened connection, the clean working copy, migrations in memory."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.persistence import migrations, schema, untrusted
from cxstudio.persistence.errors import ProjectFileError
from cxstudio.persistence.store import connect_bytes, read_entities_from_bytes
from cxstudio.persistence.untrusted import ForeignObject, expected_objects, foreign_note, inspect_schema
from cxstudio.persistence.working_copy import DATABASE_NAME


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The German worked example saved once (the data folder of the module's first test holds its lock briefly)."""
    path = tmp_path_factory.mktemp("example") / "beispiel.cxstudio"
    project = api.create(template="complaint-example", language="de", with_working_copy=False)
    project.save_as(path)
    project.close()
    return path


def variant(example: Path, folder: Path, sql: str, name: str = "fremd.cxstudio") -> Path:
    path = folder / name
    shutil.copyfile(example, path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.executescript(sql)
    connection.commit()
    connection.close()
    return path


def master(path: Path) -> set[tuple[str, str, str]]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {(str(t), str(n), str(tb)) for t, n, tb in connection.execute("SELECT type, name, tbl_name FROM sqlite_master")}
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def report_of(path: Path) -> untrusted.SchemaReport:
    connection, _ = connect_bytes(path.read_bytes(), 5.0)
    try:
        return inspect_schema(connection)
    finally:
        connection.close()


def test_a_file_written_here_holds_exactly_the_expected_objects(example: Path) -> None:
    assert master(example) == expected_objects()
    report = report_of(example)
    assert report.readable and report.foreign == [] and report.damaged == [] and report.missing == []


def test_foreign_objects_are_named_and_entity_tables_that_are_no_tables_make_the_file_unreadable(
    example: Path, tmp_path: Path
) -> None:
    path = variant(example, tmp_path, """
        CREATE TRIGGER spy AFTER UPDATE ON card BEGIN INSERT INTO log VALUES (new.title); END;
        CREATE TABLE log (text TEXT);
        CREATE VIEW summary AS SELECT count(*) FROM card;
        CREATE INDEX ix_card_secret ON card(title);
        ALTER TABLE card ADD COLUMN secret TEXT DEFAULT 'geheim';
    """)
    report = report_of(path)
    assert report.readable
    assert sorted((o.kind, o.name, o.table) for o in report.foreign) == [
        ("column", "secret", "card"), ("index", "ix_card_secret", "card"), ("table", "log", "log"),
        ("trigger", "spy", "card"), ("view", "summary", "summary")]
    assert report.columns["card"][-1] == "secret"

    as_view = variant(example, tmp_path, "DROP TABLE stage; CREATE VIEW stage AS SELECT * FROM journey;", "v.cxstudio")
    assert report_of(as_view).damaged == ["The table stage is a view instead of a table of stored rows."]
    columns = [f'"{c.name}"' for c in schema.TABLES["channel"].c if c.name != "name"]
    computed = variant(example, tmp_path, f"""
        DROP TABLE channel;
        CREATE TABLE channel ({", ".join(columns)}, name TEXT GENERATED ALWAYS AS (id || id) VIRTUAL);
    """, "g.cxstudio")
    report = report_of(computed)
    assert not report.readable and report.damaged == [
        "The column(s) name of the table channel are computed by the file instead of stored."]
    lacking = variant(example, tmp_path, "ALTER TABLE card DROP COLUMN internal_note;", "l.cxstudio")
    assert report_of(lacking).missing == ["The table card lacks the column(s) internal_note."]


def test_the_hardened_connection_stops_endless_work_and_refuses_huge_values(tmp_path: Path) -> None:
    source = sqlite3.connect(":memory:")
    source.execute("CREATE TABLE t (b BLOB)")
    source.execute("INSERT INTO t VALUES (zeroblob(?))", (untrusted.MAX_VALUE_BYTES + 1,))
    source.commit()
    connection, work_ran_out = connect_bytes(source.serialize(), 0.5)
    try:
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            connection.execute("WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
                               "SELECT count(*) FROM r").fetchall()
        assert work_ran_out() and time.monotonic() - started < 5  # bounded, not a timing claim about speed
    finally:
        connection.close()
    connection, _ = connect_bytes(source.serialize(), 5.0)
    try:
        with pytest.raises(sqlite3.DataError):
            connection.execute("SELECT b FROM t").fetchall()
        assert connection.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    finally:
        connection.close()


def test_an_opened_file_with_triggers_edits_saves_and_copies_without_any_of_them(example: Path, tmp_path: Path) -> None:
    path = variant(example, tmp_path, """
        CREATE TABLE log (text TEXT);
        CREATE TRIGGER tamper AFTER UPDATE ON card BEGIN UPDATE card SET title = 'TAMPERED' WHERE id <> new.id; END;
        CREATE TRIGGER spy BEFORE INSERT ON card BEGIN INSERT INTO log VALUES (new.title); END;
        ALTER TABLE card ADD COLUMN secret TEXT DEFAULT 'geheim';
    """)
    before = digest(path)
    project = api.open_project(path)
    try:
        assert master(project.working_copy / DATABASE_NAME) == expected_objects()
        note = project.opening_note("en")
        assert note == "Foreign parts of the file (a table, 2 triggers, a column) were not run and will not be saved."
        journey = project.document.journeys()[0]
        card = project.document.cards(journey.id)[0]
        project.run(ops.edit_card, card.id, title="Neu")
        project.run(ops.add_card, card.stage_id, card.lane_id, "Hinzugefügt")
        assert digest(path) == before, "opening and editing never write the file"
        project.save_copy(tmp_path / "kopie.cxstudio")
        project.save()
    finally:
        project.close()
    for saved in (path, tmp_path / "kopie.cxstudio"):
        assert master(saved) == expected_objects(), saved
        connection = sqlite3.connect(saved)
        titles = [row[0] for row in connection.execute("SELECT title FROM card")]
        connection.close()
        assert "TAMPERED" not in titles and "Neu" in titles and "Hinzugefügt" in titles
        assert "geheim" not in saved.read_bytes().decode("latin-1")
    reopened = api.check_file(path)
    assert reopened.sound and reopened.foreign == []


def test_check_reports_foreign_objects_and_never_remembers_such_a_file_as_sound(example: Path, tmp_path: Path) -> None:
    path = variant(example, tmp_path, "CREATE TRIGGER t AFTER DELETE ON card BEGIN SELECT 1; END;")
    for _attempt in range(2):
        inspection = api.check_file(path, thorough=False)
        assert not inspection.verified_before and not inspection.sound and inspection.document is not None
        assert inspection.foreign == ["The file holds a trigger 't' on the table card that is not part of a CX Studio "
                                      "project; CX Studio neither runs nor copies it."]
        assert "einen Trigger „t“" in inspection.foreign_in("de")[0]


def test_a_view_in_place_of_an_entity_table_is_refused_without_being_run(example: Path, tmp_path: Path) -> None:
    path = variant(example, tmp_path, """
        DROP TABLE card;
        CREATE VIEW card AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x AS id FROM r;
    """)
    before = digest(path)
    with pytest.raises(ProjectFileError) as caught:
        api.open_project(path)
    assert caught.value.code == "invalid_content" and "card is a view" in str(caught.value)
    inspection = api.check_file(path)
    assert inspection.problems_before_loading and inspection.document is None
    assert read_entities_from_bytes(path.read_bytes()) is None
    assert digest(path) == before


def test_an_empty_log_beside_the_file_is_harmless_and_a_write_ahead_log_header_reads_in_memory(
    example: Path, tmp_path: Path
) -> None:
    path = variant(example, tmp_path, "PRAGMA journal_mode = WAL;")
    Path(f"{path}-wal").unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)
    Path(f"{path}-wal").write_bytes(b"")
    assert path.read_bytes()[18:20] == b"\x02\x02"
    assert api.check_file(path).sound
    Path(f"{path}-wal").write_bytes(b"x" * 32)
    with pytest.raises(ProjectFileError) as caught:
        api.check_file(path)
    assert caught.value.code == "companion_file" and "fremd.cxstudio-wal" in caught.value.message("de")


def test_an_older_format_is_migrated_in_memory_without_setting_off_the_files_triggers(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = variant(example, tmp_path, """
        CREATE TABLE log (text TEXT);
        CREATE TRIGGER spy AFTER UPDATE ON card BEGIN INSERT INTO log VALUES ('ran'); UPDATE card SET title = 'TAMPERED'; END;
    """)
    before = digest(path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 2, lambda c: c.execute("UPDATE card SET tags = tags"))
    project = api.open_project(path)
    try:
        titles = {card.title for card in project.document.entities() if card.KIND == "card"}
        assert "TAMPERED" not in titles
        project.save_as(tmp_path / "neu.cxstudio")
    finally:
        project.close()
    assert digest(path) == before
    connection = sqlite3.connect(tmp_path / "neu.cxstudio")
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
    assert connection.execute("SELECT count(*) FROM card WHERE title = 'TAMPERED'").fetchone()[0] == 0
    connection.close()
    assert ("table", "log", "log") not in master(tmp_path / "neu.cxstudio")


def test_the_opening_note_counts_what_was_left_out_in_both_languages() -> None:
    objects = [ForeignObject("trigger", "a", "card"), ForeignObject("trigger", "b", "card"), ForeignObject("table", "x")]
    assert "(2 triggers, a table)" in (foreign_note(objects, "en") or "")
    assert "(2 Trigger, eine Tabelle)" in (foreign_note(objects, "de") or "")
    assert foreign_note([], "en") is None


def test_a_row_the_schema_refuses_is_reported_by_the_model_not_as_damage(example: Path, tmp_path: Path) -> None:
    columns = ", ".join(f'"{c.name}"' for c in schema.TABLES["channel"].c)
    path = variant(example, tmp_path, f"""
        CREATE TABLE channel_copy AS SELECT * FROM channel; DROP TABLE channel;
        CREATE TABLE channel ({columns});
        INSERT INTO channel SELECT * FROM channel_copy; INSERT INTO channel SELECT * FROM channel_copy LIMIT 1;
        DROP TABLE channel_copy;
    """)  # no primary key any more, so one id is stored twice
    with pytest.raises(ProjectFileError) as caught:
        api.open_project(path)
    assert caught.value.code == "invalid_content" and "twice" in str(caught.value)


def test_only_a_schema_identical_to_the_letter_is_copied_as_it_is(example: Path, tmp_path: Path) -> None:
    """An object of the right name with other SQL (an index over more columns) is rebuilt, never carried."""
    path = variant(example, tmp_path, "DROP INDEX ix_card_stage_id; CREATE INDEX ix_card_stage_id ON card (stage_id, title);")
    assert report_of(example).exact and not report_of(path).exact and report_of(path).foreign == []
    project = api.open_project(path)
    try:
        project.save_as(tmp_path / "neu.cxstudio")
    finally:
        project.close()
    connection = sqlite3.connect(tmp_path / "neu.cxstudio")
    index_sql = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'ix_card_stage_id'").fetchone()[0]
    connection.close()
    assert "title" not in index_sql
    assert untrusted.expected_definitions()[("index", "ix_card_stage_id", "card")] == " ".join(index_sql.split())


def without_constraints(kind: str, then: str) -> str:
    """SQL that rebuilds a table with the same columns but no constraints (so NULLs fit), then runs `then`."""
    columns = ", ".join(f'"{c.name}"' for c in schema.TABLES[kind].c)
    return (f"CREATE TABLE old_{kind} AS SELECT * FROM {kind}; DROP TABLE {kind}; CREATE TABLE {kind} ({columns}); "
            f"INSERT INTO {kind} SELECT * FROM old_{kind}; DROP TABLE old_{kind}; {then}")


@pytest.mark.parametrize(("sql", "words"), [
    (without_constraints("relation", "UPDATE relation SET label = NULL WHERE rowid = (SELECT min(rowid) FROM relation);"),
     "relation"),
    ("UPDATE action SET card_ids = 5 WHERE rowid = (SELECT min(rowid) FROM action);", "card_ids"),
    (without_constraints("persona", "UPDATE persona SET preferred_channel_ids = NULL "
                                    "WHERE rowid = (SELECT min(rowid) FROM persona);"), "preferred_channel_ids"),
], ids=["relation label NULL", "id list as a number", "id list NULL"])
def test_values_of_the_wrong_type_are_sentences_not_crashes(example: Path, tmp_path: Path, sql: str, words: str) -> None:
    path = variant(example, tmp_path, sql)
    with pytest.raises(ProjectFileError) as caught:
        api.open_project(path)
    assert caught.value.code == "invalid_content" and words in str(caught.value)
    inspection = api.check_file(path)
    assert inspection.document is None and inspection.problems
