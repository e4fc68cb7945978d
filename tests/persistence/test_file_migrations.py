"""Schema versions: every released format under tests/fixtures/ opens and upgrades; the migration machinery."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from persistence_samples import PNG_BYTES, uncovered_fields

from cxstudio import api
from cxstudio.model.entities import Card, Persona
from cxstudio.persistence import migrations, schema
from cxstudio.persistence.migrations import MissingMigrationError, migrate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RELEASED = sorted(FIXTURES.glob("schema-v*.cxstudio"))
# Fields a format did not have yet (they arrive with their defaults), by the version that added them.
ADDED_IN: dict[int, set[str]] = {2: {"comment.reply_to", "comment.resolved_by", "comment.resolved_at"}}


def added_after(version: int) -> set[str]:
    return {name for added, names in ADDED_IN.items() if added > version for name in names}


def version_of(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def test_there_is_a_fixture_for_every_released_schema_version() -> None:
    assert [version_of(p) for p in RELEASED] == list(range(1, schema.SCHEMA_VERSION + 1))
    assert [p.name for p in RELEASED] == [f"schema-v{v}.cxstudio" for v in range(1, schema.SCHEMA_VERSION + 1)]


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.name)
def test_every_released_format_opens_with_all_its_content(tmp_path: Path, fixture: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    project = api.open_project(path)
    document = project.document
    assert document.check_invariants() == []
    assert set(uncovered_fields(document)) == added_after(version_of(path)), "every field of the old format arrives"
    assert document.project.name == "Kundenreise Größe äöü €"
    assert document.all(Persona)[0].picture == PNG_BYTES
    assert {c.title: c.tags for c in document.all(Card)}["Warteschleife 20 min"] == ("wartezeit", "hotline")
    project.close()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, "opening never writes the original"


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.name)
def test_cxstudio_upgrade_writes_the_current_format(tmp_path: Path, fixture: Path) -> None:
    from cxstudio import cli

    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    assert cli.main(["upgrade", str(path), "-o", str(tmp_path / "neu.cxstudio")]) == 0
    assert version_of(tmp_path / "neu.cxstudio") == schema.SCHEMA_VERSION
    assert cli.main(["check", str(tmp_path / "neu.cxstudio")]) == 0
    assert path.read_bytes() == fixture.read_bytes()


def _add_sticker_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE card ADD COLUMN sticker TEXT NOT NULL DEFAULT ''")


def test_migration_steps_run_in_order_each_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "v1.cxstudio"
    shutil.copyfile(RELEASED[0], path)
    connection = sqlite3.connect(path, isolation_level=None)
    calls: list[int] = []

    def step_3(c: sqlite3.Connection) -> None:
        calls.append(3)
        c.execute("CREATE INDEX ix_card_sticker ON card(sticker)")

    def step_2(c: sqlite3.Connection) -> None:
        calls.append(2)
        _add_sticker_column(c)

    assert migrate(connection, 1, steps={3: step_3, 2: step_2}, target_version=3) == [2, 3]
    assert calls == [2, 3]
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 3
    assert connection.execute("SELECT count(*) FROM card WHERE sticker = ''").fetchone()[0] == 2
    connection.close()


def test_a_failing_step_rolls_back_to_the_last_completed_version(tmp_path: Path) -> None:
    path = tmp_path / "v1.cxstudio"
    shutil.copyfile(RELEASED[0], path)
    connection = sqlite3.connect(path, isolation_level=None)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("DELETE FROM comment")
        raise RuntimeError("step 3 is broken")

    with pytest.raises(RuntimeError):
        migrate(connection, 1, steps={2: _add_sticker_column, 3: broken}, target_version=3)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
    assert connection.execute("SELECT count(*) FROM comment").fetchone()[0] == 1
    with pytest.raises(MissingMigrationError):
        migrate(connection, 2, steps={}, target_version=3)
    connection.close()


def test_an_older_file_is_migrated_on_the_working_copy_and_written_only_by_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a (test-only) next schema version, an older file opens, stays untouched, and Save writes the new version."""
    following = schema.SCHEMA_VERSION + 1
    monkeypatch.setattr(schema, "SCHEMA_VERSION", following)
    monkeypatch.setitem(migrations.MIGRATIONS, following,
                        lambda c: c.execute("CREATE INDEX ix_card_title ON card(title)"))
    path = tmp_path / "alt.cxstudio"
    shutil.copyfile(RELEASED[0], path)
    project = api.open_project(path)
    assert path.read_bytes() == RELEASED[0].read_bytes()
    assert version_of(path) == 1
    project.save()
    assert version_of(path) == following
    project.close()
    reopened = api.check_file(path)
    assert reopened.version == following and reopened.sound
