"""Files beside a project are a stranger's too: lock files, links, logs and leftovers never hang, mislead or destroy."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from persistence_samples import mounted_tiny_disk

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.persistence.errors import ProjectFileError
from cxstudio.persistence.lock import boot_id, host_name, lock_path_for
from cxstudio.persistence.working_copy import saves_dir, working_copies_dir


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_project_file(path: Path, language: str = "en") -> Path:
    project = api.create("journey-map", language)
    project.save_as(path)
    project.close()
    return path


def dead_pid() -> int:
    """The id of a process that has ended (and was waited for)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=60)
    return process.pid


# ---------------------------------------------------------------------------------------------- lock files
OPEN_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from cxstudio import api
    project = api.open_project(sys.argv[1])
    print(json.dumps({"read_only": project.read_only, "reason": project.read_only_reason}), flush=True)
    project.close()
    """
)


def open_in_child(path: Path) -> dict[str, object]:
    """Open `path` in a separate process with 2 GiB of address space; fails the test if it hangs or crashes."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    try:
        result = subprocess.run([sys.executable, "-c", OPEN_SCRIPT, str(path)], capture_output=True, text=True,
                                timeout=60, preexec_fn=limit_memory, env=os.environ.copy())
    except subprocess.TimeoutExpired:
        pytest.fail("opening the project blocked on its lock file")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def unknown_holder_reason(path: Path) -> str:
    return f"its lock file {lock_path_for(path).name} cannot be read, so another program may have it open"


def test_a_fifo_as_lock_file_is_respected_without_waiting_for_a_writer(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "pipe.cxstudio")
    os.mkfifo(lock_path_for(path))
    outcome = open_in_child(path)
    assert outcome == {"read_only": True, "reason": unknown_holder_reason(path)}
    assert stat.S_ISFIFO(os.lstat(lock_path_for(path)).st_mode), "someone else's lock is never removed"


def test_a_lock_file_linked_to_dev_zero_is_not_followed(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "null.cxstudio")
    lock_path_for(path).symlink_to("/dev/zero")
    outcome = open_in_child(path)
    assert outcome == {"read_only": True, "reason": unknown_holder_reason(path)}
    assert os.readlink(lock_path_for(path)) == "/dev/zero"


def test_a_device_as_lock_file_is_not_read(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "device.cxstudio")
    try:
        os.mknod(lock_path_for(path), stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("creating a device node needs root")
    outcome = open_in_child(path)
    assert outcome == {"read_only": True, "reason": unknown_holder_reason(path)}
    assert stat.S_ISCHR(os.lstat(lock_path_for(path)).st_mode)


def test_an_oversized_lock_file_is_respected_and_left_alone(tmp_path: Path) -> None:
    """A well-formed lock of a dead process on this host would be taken over; padded beyond 64 KiB it is no lock."""
    path = new_project_file(tmp_path / "gross.cxstudio")
    lock = lock_path_for(path)
    stale = {"user": "erika", "host": host_name(), "pid": dead_pid(), "since": "2026-01-01T09:00:00+01:00",
             "token": "t", "boot": boot_id()}
    lock.write_text(json.dumps(stale) + " " * (100 * 1024))
    before = sha256(lock)
    outcome = open_in_child(path)
    assert outcome == {"read_only": True, "reason": unknown_holder_reason(path)}
    assert sha256(lock) == before
    lock.write_text(json.dumps(stale))  # the same lock, small: a dead editor's, taken over
    project = api.open_project(path)
    assert not project.read_only and "erika" in (project.lock_note() or "")
    project.close()


def test_a_folder_as_lock_file_is_respected(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "ordner.cxstudio")
    lock_path_for(path).mkdir()
    project = api.open_project(path)
    assert project.read_only and project.read_only_reason == unknown_holder_reason(path)
    project.close()
    assert lock_path_for(path).is_dir()


@pytest.mark.parametrize("pid", [-1, 0, 2**63, True, "12"])
def test_a_lock_with_an_impossible_pid_is_respected_not_taken_over(tmp_path: Path, pid: object) -> None:
    path = new_project_file(tmp_path / "pid.cxstudio")
    lock = lock_path_for(path)
    lock.write_text(json.dumps({"user": "x", "host": host_name(), "pid": pid, "since": "now", "token": "t"}))
    before = sha256(lock)
    project = api.open_project(path)
    assert project.read_only and project.read_only_reason == unknown_holder_reason(path)
    project.close()
    assert sha256(lock) == before


def test_a_deeply_nested_lock_file_is_respected(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "tief.cxstudio")
    lock_path_for(path).write_text("[" * 60_000)
    project = api.open_project(path)
    assert project.read_only and project.read_only_reason == unknown_holder_reason(path)
    project.close()


def test_the_holder_of_a_lock_is_shown_without_control_characters(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "zeilen.cxstudio")
    lock_path_for(path).write_text(json.dumps({"user": "erika\nrm -rf\x1b[2J", "host": "far-away\r\n", "pid": 4242,
                                               "since": "2026-01-01T09:00:00+01:00"}))
    project = api.open_project(path)
    reason = project.read_only_reason or ""
    assert project.read_only and "erikarm -rf[2J on far-away (process 4242)" in reason
    assert all(ch.isprintable() for ch in reason)
    project.close()


def test_release_never_removes_a_link_put_in_place_of_our_lock(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "link.cxstudio")
    project = api.open_project(path)
    lock = lock_path_for(path)
    moved = tmp_path / "elsewhere"
    os.replace(lock, moved)  # our own lock's bytes, token included, now behind a link
    lock.symlink_to(moved)
    project.close()
    assert lock.is_symlink() and moved.is_file()


# ---------------------------------------------------------------------------------------------- save_copy
def test_a_read_only_second_opener_cannot_overwrite_the_first_editors_file(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "geteilt.cxstudio")
    other = new_project_file(tmp_path / "anderes.cxstudio")
    (tmp_path / "link.cxstudio").symlink_to(path)
    (tmp_path / "link-other.cxstudio").symlink_to(other)
    os.link(path, tmp_path / "hardlink.cxstudio")
    first = api.open_project(path)
    first_other = api.open_project(other)
    second = api.open_project(path)
    assert not first.read_only and second.read_only
    with pytest.raises(ProjectFileError) as refused:  # read-only: nothing is edited, not even in memory
        second.run(ops.rename, second.document.journeys()[0].id, "Die Fassung des Zweiten")
    assert refused.value.code == "edit_read_only" and "has had it open since" in str(refused.value)
    assert second.session.history == []
    digests = sha256(path), sha256(other)
    for target in (path, tmp_path / "link.cxstudio", tmp_path / "hardlink.cxstudio"):
        with pytest.raises(ProjectFileError) as caught:
            second.save_copy(target)
        assert caught.value.code == "read_only", target
        assert "has had it open since" in str(caught.value)
        with pytest.raises(ProjectFileError) as caught:
            second.save_as(target)
        assert caught.value.code in ("locked_target", "read_only"), target
    for target in (other, tmp_path / "link-other.cxstudio"):
        with pytest.raises(ProjectFileError) as caught:
            second.save_copy(target)
        assert caught.value.code == "locked_target" and f"process {os.getpid()}" in str(caught.value)
    assert (sha256(path), sha256(other)) == digests
    assert (tmp_path / "link.cxstudio").is_symlink()
    second.save_copy(tmp_path / "frei.cxstudio")  # a file nobody has open is fine
    assert api.check_file(tmp_path / "frei.cxstudio").document.journeys()[0].name == first.document.journeys()[0].name
    second.close()
    first_other.close()
    first.close()


def test_save_copy_onto_the_projects_own_file_is_a_save_and_checks_for_changes(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "selbst.cxstudio")
    project = api.open_project(path)
    project.run(ops.rename, project.document.journeys()[0].id, "Kopie auf sich selbst")
    project.save_copy(path)
    assert not project.is_modified
    assert api.check_file(path).document.journeys()[0].name == "Kopie auf sich selbst"
    new_project_file(tmp_path / "fremd.cxstudio", "de")
    os.replace(tmp_path / "fremd.cxstudio", path)
    theirs = sha256(path)
    project.run(ops.rename, project.document.journeys()[0].id, "Noch einmal")
    with pytest.raises(ProjectFileError) as caught:
        project.save_copy(path)
    assert caught.value.code == "changed_on_disk" and sha256(path) == theirs
    project.close()


# ---------------------------------------------------------------------------------------------- changed on disk
def test_an_in_place_rewrite_with_the_same_size_and_date_is_noticed(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "inplace.cxstudio")
    project = api.open_project(path)
    project.run(ops.rename, project.document.journeys()[0].id, "Umbenannt")
    project.save()
    data = path.read_bytes()
    info = path.stat()
    position = data.index(b"Umbenannt")
    with path.open("r+b") as handle:  # another program changes one letter in place
        handle.seek(position)
        handle.write(b"Umbenennt")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = path.stat()
    assert (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns) == \
        (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns), "nothing but the content tells"
    theirs = sha256(path)
    project.run(ops.rename, project.document.journeys()[0].id, "Meine Fassung")
    with pytest.raises(ProjectFileError) as caught:
        project.save()
    assert caught.value.code == "changed_on_disk"
    assert sha256(path) == theirs and project.is_modified
    project.close()


def test_an_in_place_rewrite_right_after_opening_is_noticed(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "offen.cxstudio")
    project = api.open_project(path)
    info = path.stat()
    with path.open("r+b") as handle:
        handle.seek(info.st_size - 1)
        last = handle.read(1)
        handle.seek(info.st_size - 1)
        handle.write(bytes([last[0] ^ 1]))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(ProjectFileError) as caught:
        project.save()
    assert caught.value.code == "changed_on_disk"
    project.close()


def test_touching_the_file_without_changing_it_is_no_change(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "touch.cxstudio")
    project = api.open_project(path)
    os.utime(path, (1_000_000_000, 1_000_000_000))
    project.run(ops.rename, project.document.journeys()[0].id, "Gespeichert")
    project.save()
    assert not project.is_modified
    project.close()


def test_a_project_file_replaced_by_a_pipe_is_a_change_and_never_overwritten(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "rohr.cxstudio")
    project = api.open_project(path)
    path.unlink()
    os.mkfifo(path)
    with pytest.raises(ProjectFileError) as caught:
        project.save()
    assert caught.value.code == "changed_on_disk"
    with pytest.raises(ProjectFileError) as caught:
        project.save(overwrite=True)
    assert caught.value.code == "target_not_a_file" and "eine Pipe" in caught.value.message("de")
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    project.close()


# ---------------------------------------------------------------------------------------------- symbolic links
def test_save_through_a_symlink_replaces_the_linked_file_and_keeps_the_link(tmp_path: Path) -> None:
    real_folder, link_folder = tmp_path / "ablage", tmp_path / "arbeit"
    real_folder.mkdir()
    link_folder.mkdir()
    real = new_project_file(real_folder / "echt.cxstudio")
    link = link_folder / "verknüpft.cxstudio"
    link.symlink_to(Path("..") / "ablage" / "echt.cxstudio")
    inode = real.stat().st_ino
    project = api.open_project(link)
    project.run(ops.rename, project.document.journeys()[0].id, "Durch die Verknüpfung")
    project.save()
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "ablage" / "echt.cxstudio")
    assert real.stat().st_ino != inode, "the linked file was replaced atomically by a new one"
    assert api.check_file(real).document.journeys()[0].name == "Durch die Verknüpfung"
    assert sorted(p.name for p in real_folder.iterdir()) == ["echt.cxstudio"]
    assert sorted(p.name for p in link_folder.iterdir()) == [lock_path_for(link).name, "verknüpft.cxstudio"]
    project.run(ops.rename, project.document.journeys()[0].id, "Zweimal")
    project.save()  # our own save through the link is no change by someone else
    project.close()
    assert sorted(p.name for p in link_folder.iterdir()) == ["verknüpft.cxstudio"]


def test_save_as_onto_a_link_writes_the_linked_file(tmp_path: Path) -> None:
    real = new_project_file(tmp_path / "ziel.cxstudio")
    link = tmp_path / "zeiger.cxstudio"
    link.symlink_to(real)
    project = api.create("journey-map", "de", name="Neu über den Zeiger")
    project.save_as(link)
    assert link.is_symlink() and project.path == link
    assert api.check_file(real).document.project.name == "Neu über den Zeiger"
    project.close()


def test_a_link_to_nothing_or_to_a_pipe_is_not_saved_through(tmp_path: Path) -> None:
    project = api.create("journey-map", "en")
    dangling = tmp_path / "nirgends.cxstudio"
    dangling.symlink_to(tmp_path / "gibt-es-nicht" / "x.cxstudio")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    to_pipe = tmp_path / "zur-pipe.cxstudio"
    to_pipe.symlink_to(pipe)
    for target in (dangling, to_pipe, pipe):
        with pytest.raises(ProjectFileError) as caught:
            project.save_copy(target)
        assert caught.value.code == "target_not_a_file", target
    assert not (tmp_path / "gibt-es-nicht").exists() and stat.S_ISFIFO(os.lstat(pipe).st_mode)
    project.close()


# ---------------------------------------------------------------------------------------------- killed saves
def write_record(name: str, pid: int, temporary: Path, host: str | None = None) -> Path:
    folder = saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / f"{name}.json"
    record.write_text(json.dumps({"format": 1, "pid": pid, "host": host or host_name(), "boot": boot_id(),
                                  "temporary": str(temporary)}))
    return record


def test_the_temporary_file_of_a_killed_save_is_removed_at_the_next_start(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "gross.cxstudio")
    killed = tmp_path / ".gross.cxstudio.0123abcd.saving"
    with killed.open("wb") as handle:  # as big as a project
        handle.write(os.urandom(1 << 20) * 8)
    (tmp_path / ".gross.cxstudio.0123abcd.saving-journal").write_bytes(b"j")
    running = tmp_path / ".gross.cxstudio.4567cdef.saving"  # a save still running in this process
    running.write_bytes(b"in progress")
    remote = tmp_path / ".gross.cxstudio.89abcdef.saving"  # another host's: never judged
    remote.write_bytes(b"remote")
    precious = tmp_path / "wichtig.txt"  # a record never deletes a file of another name
    precious.write_text("keep")
    unrelated = tmp_path / ".other.cxstudio.deadbeef.saving"  # never recorded: not ours to delete
    unrelated.write_bytes(b"x")
    records = {
        "killed": write_record("killed", dead_pid(), killed),
        "running": write_record("running", os.getpid(), running),
        "remote": write_record("remote", dead_pid(), remote, host="another-host.example"),
        "precious": write_record("precious", dead_pid(), precious),
    }
    (saves_dir() / "garbled.json").write_text("{not json")
    api.clean_up_leftovers()
    assert not killed.exists() and not (tmp_path / ".gross.cxstudio.0123abcd.saving-journal").exists()
    assert running.exists() and remote.exists() and precious.read_text() == "keep" and unrelated.exists()
    assert sorted(p.name for p in saves_dir().iterdir()) == ["remote.json", "running.json"]
    assert not records["killed"].exists() and not records["precious"].exists()
    assert sha256(path) == sha256(path)  # the project itself is untouched and still opens
    api.open_project(path).close()


def test_opening_a_project_also_removes_its_killed_saves_leftovers(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "karte.cxstudio")
    killed = tmp_path / ".karte.cxstudio.0badc0de.saving"
    killed.write_bytes(b"\0" * 4096)
    write_record("killed", dead_pid(), killed)
    project = api.open_project(path)
    assert not killed.exists() and not any(saves_dir().iterdir())
    project.close()


def test_saves_note_themselves_only_while_they_run(tmp_path: Path) -> None:
    project = api.create("journey-map", "en")
    project.save_as(tmp_path / "a.cxstudio")
    project.save()
    project.save_copy(tmp_path / "b.cxstudio")
    (tmp_path / "c.cxstudio-journal").write_bytes(b"")
    with pytest.raises(ProjectFileError):
        project.save_copy(tmp_path / "c.cxstudio")
    assert not saves_dir().exists() or not any(saves_dir().iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".~lock.a.cxstudio#", "a.cxstudio", "b.cxstudio", "c.cxstudio-journal"]
    project.close()


# ---------------------------------------------------------------------------------------------- -wal / -journal
@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
@pytest.mark.parametrize("how", ["save", "save_as", "save_copy"])
def test_a_target_with_a_database_log_beside_it_is_refused_naming_the_log(tmp_path: Path, suffix: str,
                                                                           how: str) -> None:
    path = new_project_file(tmp_path / "ziel.cxstudio")
    project = api.open_project(path) if how == "save" else api.create("journey-map", "de")
    log = tmp_path / f"ziel.cxstudio{suffix}"
    log.write_bytes(b"not ours")
    digest = sha256(path)
    with pytest.raises(ProjectFileError) as caught:
        if how == "save":
            project.save()
        else:
            getattr(project, how)(path)
    assert caught.value.code == "save_beside_journal"
    assert log.name in str(caught.value) and log.name in caught.value.message("de")
    assert str(caught.value).count(". ") == 0 and "unvollendete" in caught.value.message("de")
    assert sha256(path) == digest and log.read_bytes() == b"not ours"
    project.close()


# ---------------------------------------------------------------------------------------------- recovery
def run_child(code: str, *args: str) -> None:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                            timeout=120, env=os.environ.copy())
    assert result.returncode == 0, result.stderr


CRASH_AFTER_RENAME = """
    import os, sys
    from cxstudio import api
    from cxstudio.editing import operations as ops
    project = api.create("journey-map", "de", name="Erster Name")
    raw = project._file.engine.raw_connection()
    raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the first name is in the database file
    raw.close()
    project.run(ops.rename, project.document.project.id, sys.argv[1])
    os._exit(0)  # killed: the working copy's log is never checkpointed
"""


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, sha256(p) if p.is_file() else "")
            for p in sorted(folder.rglob("*"))}


def test_listing_unsaved_work_reads_the_name_from_the_log_and_writes_nothing(isolated_data_dir: Path) -> None:
    run_child(CRASH_AFTER_RENAME, "Späterer Name")
    (folder,) = working_copies_dir().iterdir()
    database = folder / "project.cxstudio"
    assert Path(f"{database}-wal").stat().st_size > 0
    immutable = sqlite3.connect(f"{database.as_uri()}?immutable=1", uri=True)
    assert immutable.execute("SELECT name FROM project").fetchone()[0] == "Erster Name", "the new name is in the log"
    immutable.close()
    before = snapshot(isolated_data_dir)
    (item,) = api.find_recoverable()
    assert item.project_name == "Späterer Name"
    assert snapshot(isolated_data_dir) == before, "listing wrote into the data folder"
    project = api.recover(item)
    assert project.document.project.name == "Späterer Name"
    project.close()


def test_listing_deletes_nothing_and_the_start_up_clean_up_removes_copies_without_work() -> None:
    run_child("""
        import os
        from cxstudio import api
        project = api.create("journey-map", "en", name="Ohne Änderungen")
        project._file.working.set_unsaved(False)  # as after a save
        os._exit(0)
    """)
    run_child(CRASH_AFTER_RENAME, "Mit Änderungen")
    assert len(list(working_copies_dir().iterdir())) == 2
    assert [item.project_name for item in api.find_recoverable()] == ["Mit Änderungen"]
    assert len(list(working_copies_dir().iterdir())) == 2, "listing removed a folder"
    api.clean_up_leftovers()
    assert [item.project_name for item in api.find_recoverable()] == ["Mit Änderungen"]
    assert len(list(working_copies_dir().iterdir())) == 1


def test_a_torn_log_gives_the_last_committed_name(isolated_data_dir: Path) -> None:
    run_child(CRASH_AFTER_RENAME, "Zuletzt bestätigt")
    (folder,) = working_copies_dir().iterdir()
    wal = folder / "project.cxstudio-wal"
    with wal.open("ab") as handle:  # half a frame of a transaction that never committed
        handle.write(os.urandom(1000))
    (item,) = api.find_recoverable()
    assert item.project_name == "Zuletzt bestätigt"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB file system; skipped where mounting is not allowed."""
    with mounted_tiny_disk(tmp_path, "512k") as mount_point:
        yield mount_point


def test_recovery_works_once_space_is_back_after_a_crash_on_a_full_disk(
    tiny_disk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tiny_disk / "data"
    monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(data))
    filler = tiny_disk / "andere-dateien"  # what the user deletes after the crash
    filler.write_bytes(b"\0" * (160 * 1024))
    run_child("""
        import os
        from cxstudio import api
        from cxstudio.editing import operations as ops
        project = api.create("journey-map", "de", name="Volle Platte")
        journey = project.document.journeys()[0]
        stage, lane = project.document.stages(journey.id)[0], project.document.lanes(journey.id)[0]
        committed = 0
        while True:
            try:
                project.run(ops.add_card, stage.id, lane.id, f"Karte {committed}", text="Größe " * 5_000)
            except api.ProjectFileError as error:
                assert error.code == "disk_full", error
                break
            committed += 1
        assert committed > 0
        os._exit(0)
    """)
    (folder,) = working_copies_dir().iterdir()
    assert (folder / "project.cxstudio-wal").stat().st_size > 0
    filler.unlink()  # space is back
    before = snapshot(data)
    (item,) = api.find_recoverable()
    assert item.project_name == "Volle Platte"
    assert snapshot(data) == before, "listing wrote into the data folder"
    project = api.recover(item)
    cards = [c for j in project.document.journeys() for c in project.document.cards(j.id)]
    assert any(c.title.startswith("Karte ") for c in cards)
    project.close()
