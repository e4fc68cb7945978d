"""The SQL text opening uses without SQLAlchemy (sql_text.py) is SQLAlchemy's compilation of the schema, and opening loads no SQLAlchemy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cxstudio.model.entities import ENTITY_TYPES
from cxstudio.persistence import sql_text, tables
from cxstudio.persistence.schema import CODECS

ROOT = Path(__file__).resolve().parents[2]


def test_the_sql_text_module_is_what_sqlalchemy_compiles_today() -> None:
    assert tables.compiled_selects() == sql_text.SELECT_SQL
    assert tables.compiled_schema() == sql_text.SCHEMA_STATEMENTS
    assert tables.stored_columns() == sql_text.STORED_COLUMNS
    # the file itself, to the letter (regenerate with `python -m cxstudio.persistence.tables`)
    assert Path(sql_text.__file__).read_text(encoding="utf-8") == tables.sql_text_module()


def test_every_select_reads_its_codecs_columns_in_order() -> None:
    for entity_type in ENTITY_TYPES:
        assert sql_text.STORED_COLUMNS[entity_type.KIND] == CODECS[entity_type.KIND].names
        assert sql_text.SELECT_SQL[entity_type.KIND].startswith("SELECT ")
    assert set(sql_text.STORED_COLUMNS) == set(tables.STORED_TABLES)


def test_the_schema_statements_create_every_stored_table_with_its_columns() -> None:
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        for statement in sql_text.SCHEMA_STATEMENTS:
            connection.execute(statement)
        for name, columns in sql_text.STORED_COLUMNS.items():
            found = tuple(str(row[1]) for row in connection.execute(f'PRAGMA table_info("{name}")'))
            assert found == columns, name
    finally:
        connection.close()


def test_opening_a_project_loads_no_sqlalchemy_until_writing_and_the_first_edit_writes_through(tmp_path: Path) -> None:
    from cxstudio import api

    path = tmp_path / "Projekt.cxstudio"
    project = api.create(name="Erstes")
    project.save_as(path)
    project.close()
    script = f"""
import sqlite3, sys
from cxstudio import api
from cxstudio.editing import operations
opened = api.open_project({str(path)!r})
print("opened-with-sqlalchemy", any(m.startswith("sqlalchemy") for m in sys.modules))
api.prepare_writing()  # as the editor does right after its first paint
print("prepared-with-sqlalchemy", any(m.startswith("sqlalchemy") for m in sys.modules))
opened.run(operations.rename, opened.document.project.id, "Zweites")
folder = opened.working_copy
opened._file.engine.dispose()  # release the exclusive lock to look from outside
connection = sqlite3.connect(folder / "project.cxstudio")
print("working-copy-name", connection.execute("SELECT name FROM project").fetchone()[0])
connection.close()
opened.close()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT,
                            env={**os.environ, "CXSTUDIO_DATA_DIR": str(tmp_path / "data")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["opened-with-sqlalchemy", "False", "prepared-with-sqlalchemy", "True",
                                     "working-copy-name", "Zweites"]
