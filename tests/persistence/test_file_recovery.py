"""Recovery of unsaved work after an editor dies, including a loop of SIGKILLs at random moments."""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from crash_edits import apply_edit
from persistence_samples import assert_same_documents

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.model.document import Document
from cxstudio.persistence.lock import lock_path_for


def run_in_child(work: Callable[[int], None]) -> int:
    """Fork; the child runs `work(write_fd)` and leaves with os._exit (never returning into pytest)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_fd)
        code = 0
        try:
            work(write_fd)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd  # type: ignore[return-value]


def copy_of(document: Document) -> Document:
    return Document.from_entities(document.entities())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_unsaved_new_project_is_offered_for_recovery_after_its_editor_died() -> None:
    expected: dict[str, Document] = {}

    def child(fd: int) -> None:
        project = api.create("journey-map", "de", name="Nie gespeichert")
        journey = project.document.journeys()[0]
        project.run(ops.add_card, project.document.stages(journey.id)[0].id, project.document.lanes(journey.id)[0].id,
                    "Ungespeicherte Karte")
        os.write(fd, b"edited\n")
        os._exit(0)  # dies without closing: like a crash

    pid, fd = run_in_child(child)
    os.waitpid(pid, 0)
    assert os.read(fd, 100) == b"edited\n"
    os.close(fd)
    del expected
    items = api.find_recoverable()
    assert len(items) == 1
    item = items[0]
    assert item.project_name == "Nie gespeichert" and item.original_path is None
    assert abs(item.last_edit.timestamp() - time.time()) < 60
    assert "never saved" in item.describe("en") and "noch nie gespeichert" in item.describe("de")
    project = api.recover(item)
    assert project.is_modified and project.path is None
    assert any(c.title == "Ungespeicherte Karte" for j in project.document.journeys()
               for c in project.document.cards(j.id))
    assert api.find_recoverable() == [], "the recovered copy now belongs to this process"
    project.close()
    assert api.find_recoverable() == []


def test_discarding_removes_the_unsaved_work(tmp_path: Path) -> None:
    path = tmp_path / "p.cxstudio"
    seed = api.create("journey-map", "en")
    seed.save_as(path)
    seed.close()

    def child(fd: int) -> None:
        project = api.open_project(path)
        project.run(ops.rename, project.document.journeys()[0].id, "Changed but not saved")
        os._exit(0)

    pid, fd = run_in_child(child)
    os.waitpid(pid, 0)
    os.close(fd)
    items = api.find_recoverable()
    assert [i.original_path for i in items] == [path]
    api.discard_recoverable(items[0])
    assert api.find_recoverable() == []
    project = api.open_project(path)  # the dead editor's stale lock is taken over
    assert not project.read_only and project.lock_note() is not None
    assert project.document.journeys()[0].name != "Changed but not saved"
    project.close()


def test_a_dead_editor_without_unsaved_work_offers_nothing(tmp_path: Path) -> None:
    path = tmp_path / "saved.cxstudio"
    seed = api.create("journey-map", "en")
    seed.save_as(path)
    seed.close()

    def child(fd: int) -> None:
        project = api.open_project(path)
        project.run(ops.rename, project.document.journeys()[0].id, "Saved")
        project.save()
        os._exit(0)

    pid, fd = run_in_child(child)
    os.waitpid(pid, 0)
    os.close(fd)
    assert api.find_recoverable() == []


def _wait_for_line(fd: int, expected: bytes, timeout: float = 20.0) -> None:
    received = b""
    deadline = time.monotonic() + timeout
    while not received.endswith(expected):
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"no {expected!r} from the child within {timeout} s"
        byte = os.read(fd, 1)
        assert byte, f"the child ended before writing {expected!r}"
        received += byte


def _read_all(fd: int) -> list[str]:
    chunks = b""
    while data := os.read(fd, 65536):
        chunks += data
    return chunks.decode().splitlines()


def _editing_child(path: Path, first_step: int) -> Callable[[int], None]:
    """A child that opens the project and edits it forever, reporting each committed edit and each save."""

    def work(fd: int) -> None:
        project = api.open_project(path)
        os.write(fd, b"open\n")
        k = first_step
        while True:
            project.run(apply_edit, k)
            os.write(fd, f"done {k}\n".encode())
            if k % 3 == 2:
                os.write(fd, f"saving {k}\n".encode())
                project.save()
                os.write(fd, f"saved {k} {sha256(path)}\n".encode())
            k += 1

    return work


def test_sigkill_at_random_moments_loses_no_committed_edit_and_never_damages_the_saved_file(tmp_path: Path) -> None:
    rng = random.Random(20261123)
    path = tmp_path / "absturz.cxstudio"
    seed = api.create("journey-map", "de")
    seed.save_as(path)
    model = copy_of(seed.document)  # the state at the start of each cycle, as saved in `path`
    seed.close()
    step = 0
    kills = saves_completed = saves_interrupted = 0
    for cycle in range(22):
        saved_digest = sha256(path)
        first_step = step
        pid, fd = run_in_child(_editing_child(path, first_step))
        _wait_for_line(fd, b"open\n")
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        lines = _read_all(fd)
        os.close(fd)
        done = [int(line.split()[1]) for line in lines if line.startswith("done ")]
        last_done = done[-1] if done else first_step - 1
        saves = [line.split() for line in lines if line.startswith(("saving ", "saved "))]

        # The user's file: byte-identical to its last completed save, or (killed mid-save) the complete new version.
        completed = [s for s in saves if s[0] == "saved"]
        digest_before = completed[-1][2] if completed else saved_digest
        if saves and saves[-1][0] == "saving" and sha256(path) != digest_before:
            saves_interrupted += 1
            check = api.check_file(path)
            assert check.document is not None
            assert check.document.same_content(_replay(model, first_step, int(saves[-1][1])))
        else:
            assert sha256(path) == digest_before
        saves_completed += len(completed)

        # The working copy: intact, and holding exactly the committed edits.
        candidates = [_replay(model, first_step, last_done), _replay(model, first_step, last_done + 1)]
        items = api.find_recoverable()
        if not items:  # nothing unsaved (killed before the first edit, or right after a save): the file has it all
            in_file = api.check_file(path).document
            assert in_file is not None and in_file.same_content(candidates[0])
            model, step = copy_of(in_file), last_done + 1
            continue
        assert len(items) == 1 and items[0].original_path == path
        connection = sqlite3.connect(items[0].folder / "project.cxstudio")
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
        project = api.recover(items[0])
        matches = [i for i, c in enumerate(candidates) if project.document.same_content(c)]
        assert matches, f"cycle {cycle}: the recovered state is not the state after edit {last_done} or {last_done + 1}"
        assert project.is_modified and not project.read_only and project.lock_note() is not None
        step = last_done + 1 + matches[0]
        model = copy_of(project.document)
        project.save()
        project.close()
        beside = sorted(p.name for p in tmp_path.iterdir())
        assert beside == [path.name], f"left beside the file: {beside}"
    assert kills >= 20 and saves_completed >= 3 and step > 40, (kills, saves_completed, step)


def _replay(start: Document, first_step: int, last_step: int) -> Document:
    document = copy_of(start)
    session = Session(document)
    for k in range(first_step, last_step + 1):
        apply_edit(session, k)
    session.detach()
    return document


def test_replaying_edits_is_deterministic() -> None:
    project = api.create("journey-map", "en", with_working_copy=False)
    a = _replay(project.document, 0, 30)
    b = _replay(project.document, 0, 30)
    assert_same_documents(a, b)
    assert not a.same_content(project.document)


def test_recovering_work_whose_file_was_deleted_meanwhile_saves_it_back(tmp_path: Path) -> None:
    path = tmp_path / "weg.cxstudio"
    seed = api.create("journey-map", "de")
    seed.save_as(path)
    seed.close()

    def child(fd: int) -> None:
        project = api.open_project(path)
        project.run(ops.rename, project.document.journeys()[0].id, "Gerettet")
        os._exit(0)

    pid, fd = run_in_child(child)
    os.waitpid(pid, 0)
    os.close(fd)
    path.unlink()
    lock_path_for(path).unlink()
    (item,) = api.find_recoverable()
    project = api.recover(item)
    assert not project.read_only and project.path == path
    project.save()
    project.close()
    saved = api.check_file(path).document
    assert saved is not None and saved.journeys()[0].name == "Gerettet"


def test_work_left_before_a_reboot_is_offered_even_if_its_pid_is_in_use_again() -> None:
    import json

    from cxstudio.persistence.lock import boot_id

    if not boot_id():
        return  # no boot id on this system: pids are the only evidence
    project = api.create("journey-map", "en", name="Vor dem Neustart")
    folder = project.working_copy
    assert folder is not None
    assert api.find_recoverable() == [], "our own running project is never offered"
    meta = json.loads((folder / "session.json").read_text())
    meta["boot"] = "00000000-0000-0000-0000-000000000000"  # as if written before the last reboot
    (folder / "session.json").write_text(json.dumps(meta))
    project._file.engine.dispose()  # type: ignore[union-attr]  # after a reboot nobody holds the database
    assert [item.project_name for item in api.find_recoverable()] == ["Vor dem Neustart"]
    project.close()


def test_an_item_another_editor_recovered_meanwhile_cannot_be_recovered_twice() -> None:
    def child(fd: int) -> None:
        project = api.create("journey-map", "en", name="Zweimal")
        project.run(ops.rename, project.document.journeys()[0].id, "x")
        os._exit(0)

    pid, fd = run_in_child(child)
    os.waitpid(pid, 0)
    os.close(fd)
    (item,) = api.find_recoverable()
    first = api.recover(item)
    try:
        api.recover(item)
    except api.ProjectFileError as error:
        assert error.code == "recovery_gone" and "Zweimal" in str(error)
    else:
        raise AssertionError("the same unsaved work was handed out twice")
    first.close()
