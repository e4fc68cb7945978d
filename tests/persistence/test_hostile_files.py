"""Hostile project files (issue 9): foreign objects never act or travel, anything else is refused in one short sentence."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_files import (
    BY_NAME,
    FOREIGN,
    REFUSED,
    TAMPERED,
    TOKEN,
    VARIANTS,
    Variant,
    copy_variant,
    make_variant,
    save_worked_example,
)
from persistence_samples import assert_same_documents

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.model.entities import Card, Stage
from cxstudio.persistence import working_copy as working_copies
from cxstudio.persistence.errors import ProjectFileError

TIMEOUT = 30  # seconds before a child is killed; the bar is 10 s, this only turns a hang into a clear failure
MAX_RSS_KIB = 500 * 1024
KILL_RSS_BYTES = 2 * 1024**3  # a child above this resident size is killed at once, before it fills the machine
MAX_LINE = 400
MAX_CHECK_LINES = 25

FOREIGN_VARIANTS = [v.name for v in VARIANTS if v.expected == FOREIGN]
REFUSED_VARIANTS = [v.name for v in VARIANTS if v.expected == REFUSED]
EXPORTED = {
    "trigger tampering titles", "extra card column with hidden text", "extra fts5 virtual table",
    "card table as a view", "card table as an endless recursive view", "card table as a view of 100 MB strings",
    "tags nested 200,000 deep", "card id of 10 MB", "persona picture of 40 MB", "padded to 2 GB",
    "a -wal file beside it",
}
CLI_CASES = [(v.name, command) for v in VARIANTS for command in ("check", "info", "export")
             if command != "export" or v.name in EXPORTED]
assert set(BY_NAME) >= EXPORTED


# ---------------------------------------------------------------------- the corpus, once per module
class Corpus:
    """The worked example saved once; cheap variants are built per test, expensive ones once and copied."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.base = save_worked_example(folder / "base" / "Beschwerde-Beispiel.cxstudio")
        self._built: dict[str, Path] = {}

    def make(self, variant: Variant, folder: Path) -> Path:
        if not variant.expensive:
            return make_variant(variant, self.base, folder)
        if variant.name not in self._built:
            self._built[variant.name] = make_variant(variant, self.base, self.folder / f"built-{len(self._built)}")
        return copy_variant(variant, self._built[variant.name], folder)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    with pytest.MonkeyPatch.context() as patch:  # the example's working copy goes to a folder of its own
        patch.setenv("CXSTUDIO_DATA_DIR", str(tmp_path_factory.mktemp("hostile-corpus-data")))
        return Corpus(tmp_path_factory.mktemp("hostile-corpus"))


# ---------------------------------------------------------------------- looking at files without touching them
def fingerprint(path: Path) -> str:
    """SHA-256 of a file's bytes, reading only its data extents (the holes of a 2 GB sparse file are zeros)."""
    if not path.is_file():
        return "-"
    if not hasattr(os, "SEEK_DATA"):
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    digest = hashlib.sha256(str(path.stat().st_size).encode())
    fd = os.open(path, os.O_RDONLY)
    try:
        offset = 0
        while True:
            try:
                start = os.lseek(fd, offset, os.SEEK_DATA)
            except OSError as exc:
                if exc.errno == errno.ENXIO:  # no data after offset
                    break
                raise
            end = os.lseek(fd, start, os.SEEK_HOLE)
            digest.update(f"@{start}".encode())
            os.lseek(fd, start, os.SEEK_SET)
            remaining = end - start
            while remaining:
                chunk = os.read(fd, min(remaining, 1 << 20))
                if not chunk:
                    break
                digest.update(chunk)
                remaining -= len(chunk)
            offset = end
    finally:
        os.close(fd)
    return digest.hexdigest()


def inputs_state(variant: Variant, path: Path) -> dict[str, str]:
    """The bytes of the project file and its companions, and the names of everything in its folder."""
    state = {p.name: fingerprint(p) for p in [path, *variant.companions(path)]}
    state["folder listing"] = " ".join(sorted(p.name for p in path.parent.iterdir()))
    return state


@dataclass
class Schema:
    objects: set[tuple[str, str]]  # (type, name) of sqlite_master
    columns: dict[str, list[tuple[object, ...]]]  # table -> PRAGMA table_xinfo rows


def read_schema(path: Path) -> Schema:
    """The schema of a database, read from a copy (with its -wal), so the file itself is never opened."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "copy.sqlite"
        shutil.copyfile(path, copy)
        if path.with_name(path.name + "-wal").exists():
            shutil.copyfile(path.with_name(path.name + "-wal"), Path(scratch) / "copy.sqlite-wal")
        connection = sqlite3.connect(copy)
        try:
            objects = {(str(t), str(n)) for t, n in connection.execute("SELECT type, name FROM sqlite_master")}
            columns = {n: [tuple(r) for r in connection.execute(f'PRAGMA table_xinfo("{n}")')]
                       for t, n in sorted(objects) if t == "table"}
        finally:
            connection.close()
    return Schema(objects, columns)


def schema_differences(found: Schema, reference: Schema) -> list[str]:
    problems = []
    if found.objects - reference.objects:
        problems.append(f"foreign objects {sorted(found.objects - reference.objects)}")
    if reference.objects - found.objects:
        problems.append(f"missing objects {sorted(reference.objects - found.objects)}")
    for table, columns in reference.columns.items():
        other = found.columns.get(table)
        if other is not None and other != columns:
            extra = sorted({c[1] for c in other} - {c[1] for c in columns})
            problems.append(f"table {table} has other columns than a fresh project's (extra: {extra})")
    return problems


def query(path: Path, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    """Rows of a query on a copy of the database (with its -wal)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "copy.sqlite"
        shutil.copyfile(path, copy)
        if path.with_name(path.name + "-wal").exists():
            shutil.copyfile(path.with_name(path.name + "-wal"), Path(scratch) / "copy.sqlite-wal")
        connection = sqlite3.connect(copy)
        try:
            return connection.execute(sql, parameters).fetchall()
        finally:
            connection.close()


def working_databases(project: api.OpenProject) -> list[Path]:
    """The SQLite databases of the project's working copy folder."""
    folder = project.working_copy
    assert folder is not None and folder.is_dir(), f"the project has no working copy folder ({folder})"
    found = []
    for candidate in sorted(folder.iterdir()):
        if candidate.is_file():
            with candidate.open("rb") as handle:
                if handle.read(16) == b"SQLite format 3\x00":
                    found.append(candidate)
    assert found, f"no SQLite database in the working copy folder {folder}"
    return found


# ---------------------------------------------------------------------- foreign objects beside intact tables
@dataclass
class Edits:
    edited_card: str
    added_card: str
    deleted_card: str
    renamed_stage: str
    removed_stage: str


EDITED_TITLE = "Neu"
RENAMED_STAGE = "Umbenannte Phase"
PROJECT_NAME = "Projekt nach der Bearbeitung"


def run_edits(project: api.OpenProject) -> Edits:
    """Edits through the public API that update, insert and delete cards and stages and update the project."""
    doc = project.document
    journey = doc.journeys()[0]
    stages = doc.stages(journey.id)
    cards = doc.cards(journey.id)

    def first_card_in(stage: Stage) -> Card:
        return min((c for c in cards if c.stage_id == stage.id), key=lambda c: (c.lane_id, c.order, c.id))

    edited, deleted, target = first_card_in(stages[1]), first_card_in(stages[2]), first_card_in(stages[3])
    try:
        project.run(ops.edit_card, edited.id, title=EDITED_TITLE)
        added = project.run(ops.add_card, target.stage_id, target.lane_id, "Neue Karte")
        project.run(ops.delete_elements, [deleted.id])
        project.run(ops.rename, stages[0].id, RENAMED_STAGE)
        extra = project.run(ops.add_stage, journey.id, "Nur kurz da")
        project.run(ops.delete_elements, [extra.id])
        project.run(ops.edit_element, doc.project.id, name=PROJECT_NAME)
    except ProjectFileError as error:
        pytest.fail(f"an edit could not be written to the working copy (did the file's own SQL act?): {error}")
    return Edits(edited.id, added.id, deleted.id, stages[0].id, extra.id)


def side_effects(database: Path, project: api.OpenProject) -> list[str]:
    """What a trigger of the file did to a database that should hold exactly the project's document."""
    problems = []
    tampered = query(database, "SELECT count(*) FROM card WHERE title = ?", TAMPERED)[0][0]
    if tampered:
        problems.append(f"{tampered} card titles read {TAMPERED}")
    doc = project.document
    expected_cards = sum(len(doc.cards(j.id)) for j in doc.journeys())
    cards = query(database, "SELECT count(*) FROM card")[0][0]
    if cards != expected_cards:
        problems.append(f"{cards} cards instead of the document's {expected_cards}")
    return problems


@pytest.mark.parametrize("name", FOREIGN_VARIANTS)
def test_foreign_objects_open_but_never_act_and_never_reach_a_saved_file(
    corpus: Corpus, tmp_path: Path, name: str
) -> None:
    variant = BY_NAME[name]
    path = corpus.make(variant, tmp_path / "in")
    reference = read_schema(corpus.base)
    before = inputs_state(variant, path)

    project = api.open_project(path)
    try:
        assert not project.read_only, project.read_only_reason
        assert fingerprint(path) == before[path.name], "opening changed the file"
        edits = run_edits(project)
        assert fingerprint(path) == before[path.name], "editing changed the original file before Save"
        for database in working_databases(project):
            effects = side_effects(database, project)
            assert not effects, f"a trigger of the file acted on the working copy: {effects}"
            differences = schema_differences(read_schema(database), reference)
            assert not differences, f"the working copy {database.name} keeps the file's schema: {differences}"

        project.save()
        other = tmp_path / "out" / "Kopie für den Kunden.cxstudio"
        other.parent.mkdir()
        project.save_as(other)
        for saved in (path, other):
            assert_saved_file_is_clean(saved, reference, corpus.base.stat().st_size, project, edits)
    finally:
        project.close()


def assert_saved_file_is_clean(saved: Path, reference: Schema, fresh_size: int, project: api.OpenProject,
                               edits: Edits) -> None:
    label = f"the saved file {saved.name}"
    differences = schema_differences(read_schema(saved), reference)
    assert not differences, f"{label} differs from a freshly saved project: {differences}"
    data = saved.read_bytes()
    assert TOKEN.encode() not in data.lower(), f"{label} still holds hidden text or objects of the original"
    assert TAMPERED.encode() not in data, f"{label} holds a trigger's '{TAMPERED}'"
    assert len(data) <= fresh_size + 256 * 1024, f"{label} grew to {len(data):,} bytes (fresh: {fresh_size:,})"
    effects = side_effects(saved, project)
    assert not effects, f"a trigger of the file acted on {label}: {effects}"
    titles = dict(query(saved, "SELECT id, title FROM card WHERE id IN (?, ?, ?)",
                        edits.edited_card, edits.added_card, edits.deleted_card))
    assert titles.get(edits.edited_card) == EDITED_TITLE, f"the edited title is not in {label}: {titles}"
    assert edits.added_card in titles and edits.deleted_card not in titles, f"{label}: {titles}"
    stages = dict(query(saved, "SELECT id, name FROM stage WHERE id IN (?, ?)", edits.renamed_stage,
                        edits.removed_stage))
    assert stages == {edits.renamed_stage: RENAMED_STAGE}, f"{label}: stages {stages}"
    assert query(saved, "SELECT name FROM project") == [(PROJECT_NAME,)], label
    inspection = api.check_file(saved)
    assert inspection.sound, f"{label} is not sound: {inspection.problems[:3]}"
    assert inspection.document is not None
    assert_same_documents(project.document, inspection.document)


# ---------------------------------------------------------------------- children: killed on a hang or a memory blow-up
API_CHILD = """
import json, sys
from cxstudio import api
from cxstudio.persistence.errors import ProjectFileError
try:
    project = api.open_project(sys.argv[1])
except ProjectFileError as error:
    result = {"outcome": "refused", "code": error.code, "en": error.message("en"), "de": error.message("de")}
except BaseException as error:
    result = {"outcome": "crashed", "type": type(error).__name__, "text": str(error)[:300]}
else:
    result = {"outcome": "opened", "read_only": project.read_only}
    project.close()
print(json.dumps(result))
"""


@dataclass
class Finished:
    argv: list[str]
    killed: str | None  # why the child was killed: "timeout", "memory" or None
    returncode: int
    stdout: str
    stderr: str
    peak_rss_kib: int
    seconds: float

    def describe(self) -> str:
        tail = self.stderr.strip().splitlines()[-3:]
        shown = "api.open_project in a child" if API_CHILD in self.argv else " ".join(self.argv[2:4])
        return (f"`{shown}`: exit {self.returncode}, {self.seconds:.1f} s, "
                f"peak RSS {self.peak_rss_kib // 1024} MB, stderr ends {[line[:200] for line in tail]}")


def child_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    return env


def resident_bytes(pid: int) -> int:
    """The current resident size of a process (0 where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def high_water_kib(pid: int) -> int:
    """A process's own peak resident size so far (VmHWM, KiB; 0 where /proc cannot tell).

    Not wait4's ru_maxrss: on Linux a child inherits the peak of the (large) test process it was forked
    from, so that figure says nothing about the child.
    """
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run_child(argv: list[str], cwd: Path) -> Finished:
    """Run `argv`; kill its process group after TIMEOUT or above KILL_RSS_BYTES; peak RSS from its own VmHWM."""
    cwd.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                   env=child_environment(), start_new_session=True)
        killed = None
        peak_kib = 0
        while True:
            peak_kib = max(peak_kib, high_water_kib(process.pid))  # before it may be reaped below
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > TIMEOUT:
                killed = "timeout"
            elif resident_bytes(process.pid) > KILL_RSS_BYTES:
                killed = "memory"
            if killed:
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Finished(argv, killed, process.returncode, out.read().decode(errors="replace"),
                        err.read().decode(errors="replace"), peak_kib, seconds)


def assert_finished_politely(result: Finished) -> None:
    assert result.killed != "timeout", (
        f"did not finish within {TIMEOUT} s and was killed (the bar is 10 s): {result.describe()}")
    assert result.killed != "memory", (
        f"killed when its RSS passed {KILL_RSS_BYTES // 1024**2} MB (the bar is 500 MB): {result.describe()}")
    assert result.peak_rss_kib < MAX_RSS_KIB, f"peak RSS over 500 MB: {result.describe()}"
    assert "Traceback" not in result.stderr, f"a traceback: {result.describe()}"


def assert_one_short_sentence(text: str, what: str) -> None:
    assert len(text) < MAX_LINE, f"{what} is {len(text):,} characters long (the bar is {MAX_LINE}): {text[:200]}…"
    assert "\n" not in text.strip() and text.strip().endswith((".", ")")), f"{what} is not one sentence: {text!r}"


# ---------------------------------------------------------------------- refused files
@pytest.mark.parametrize("name", REFUSED_VARIANTS)
def test_refused_files_get_one_short_sentence_and_stay_untouched(corpus: Corpus, tmp_path: Path, name: str) -> None:
    """api.open_project (run in a child, so a hang or a memory blow-up cannot take the test run down)."""
    variant = BY_NAME[name]
    path = corpus.make(variant, tmp_path / "in")
    before = inputs_state(variant, path)
    result = run_child([sys.executable, "-c", API_CHILD, str(path)], tmp_path / "cwd")
    assert_finished_politely(result)
    assert result.returncode == 0 and result.stdout.strip(), f"the child failed: {result.describe()}"
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["outcome"] != "opened", "api.open_project opened the file instead of refusing it"
    assert outcome["outcome"] == "refused", (
        f"api.open_project raised {outcome['type']} instead of a ProjectFileError: {outcome['text']}")
    for language in ("en", "de"):
        message = outcome[language]
        assert_one_short_sentence(message, f"the {language} message ({outcome['code']})")
        for companion in variant.companions(path):
            assert companion.name in message, f"the {language} message does not name {companion.name}: {message}"
    assert outcome["en"] != outcome["de"]
    assert inputs_state(variant, path) == before, "opening changed the file, its companion or its folder"
    leftovers = list(working_copies.working_copies_dir().glob("*")) if working_copies.working_copies_dir().exists() else []
    assert leftovers == [], f"a refused file left a working copy behind: {leftovers}"


# ---------------------------------------------------------------------- the command line, every variant
@pytest.mark.parametrize(("name", "command"), CLI_CASES)
def test_the_command_line_ends_quickly_small_and_politely(
    corpus: Corpus, tmp_path: Path, name: str, command: str
) -> None:
    variant = BY_NAME[name]
    path = corpus.make(variant, tmp_path / "in")
    before = inputs_state(variant, path)
    argv = [sys.executable, "-m", "cxstudio", command, str(path)]
    if command == "export":
        (tmp_path / "out").mkdir()
        argv += ["-o", str(tmp_path / "out" / "wand.pdf")]
    result = run_child(argv, tmp_path / "cwd")

    assert_finished_politely(result)
    for number, line in enumerate(result.stderr.splitlines(), 1):
        assert len(line) < MAX_LINE, (
            f"stderr line {number} is {len(line):,} characters long (the bar is {MAX_LINE}): {line[:200]}…")
    if command == "check":
        lines = (result.stdout + result.stderr).strip().splitlines()
        assert len(lines) <= MAX_CHECK_LINES, f"check printed {len(lines)} lines: {lines[:3]}…"
    if variant.expected == REFUSED:
        assert result.returncode == 1, f"a refused file must exit 1: {result.describe()}"
        for companion in variant.companions(path):
            assert companion.name in result.stderr, f"the sentence does not name {companion.name}: {result.stderr}"
    elif command == "check":
        assert result.returncode == 1, f"check must find the foreign objects: {result.describe()}"
        output = result.stdout + result.stderr
        assert any(n in output for n in variant.foreign_names), (
            f"check does not name any of {list(variant.foreign_names)[:4]}: {output[:600]}")
    elif command == "export":
        assert result.returncode == 0, f"the data are valid, so the map prints: {result.describe()}"
        assert (tmp_path / "out" / "wand.pdf").stat().st_size > 0
    else:
        assert result.returncode in (0, 1), result.describe()
    assert inputs_state(variant, path) == before, f"`cxstudio {command}` changed the file, its companion or its folder"
