"""Save, Save As, client copies, read-only projects and the lock file, with real files and real processes."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from permission_helpers import as_unprivileged_user, shared_data_dir, shared_folder
from persistence_samples import assert_same_documents

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.model.entities import Card
from cxstudio.persistence.errors import ProjectFileError
from cxstudio.persistence.lock import lock_path_for


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_project_file(path: Path, template: str = "journey-map", language: str = "en") -> Path:
    project = api.create(template, language)
    project.save_as(path)
    project.close()
    return path


def test_save_replaces_the_file_atomically_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "map.cxstudio")
    project = api.open_project(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".~lock.map.cxstudio#", "map.cxstudio"]
    inode_before = path.stat().st_ino
    journey = project.document.journeys()[0]
    project.run(ops.rename, journey.id, "Umbenannt")
    assert project.is_modified
    project.save()
    assert not project.is_modified
    assert path.stat().st_ino != inode_before, "a new file was moved into place"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".~lock.map.cxstudio#", "map.cxstudio"]
    project.close()
    assert [p.name for p in tmp_path.iterdir()] == ["map.cxstudio"]
    reopened = api.open_project(path, read_only=True)
    assert reopened.document.get(journey.id).name == "Umbenannt"  # type: ignore[attr-defined]
    reopened.close()


def test_text_deleted_before_save_as_is_absent_from_the_client_copy(tmp_path: Path) -> None:
    project = api.create("journey-map", "de")
    journey = project.document.journeys()[0]
    stage, lane = project.document.stages(journey.id)[0], project.document.lanes(journey.id)[0]
    secret = "Vertraulich: Marge 37 % – Kündigungsrisiko Müller"
    card = project.run(ops.add_card, stage.id, lane.id, "Interne Notiz", text=secret * 20, internal_note=secret)
    project.save_as(tmp_path / "intern.cxstudio")
    assert secret.encode("utf-8") in (tmp_path / "intern.cxstudio").read_bytes()
    project.run(ops.delete_elements, [card.id])
    project.save_as(tmp_path / "kunde.cxstudio")
    project.save_copy(tmp_path / "kopie.cxstudio")
    for name in ("kunde.cxstudio", "kopie.cxstudio"):
        data = (tmp_path / name).read_bytes()
        assert secret.encode("utf-8") not in data and "Kündigungsrisiko".encode() not in data
        assert "Kündigungsrisiko".encode("utf-16-le") not in data
    project.close()


def test_save_copy_keeps_working_on_the_current_file(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "a.cxstudio")
    project = api.open_project(path)
    project.run(ops.rename, project.document.journeys()[0].id, "Kopie")
    project.save_copy(tmp_path / "b.cxstudio")
    assert project.path == path and project.is_modified
    copy = api.open_project(tmp_path / "b.cxstudio", read_only=True)
    assert_same_documents(project.document, copy.document)
    copy.close()
    project.close()


def test_save_as_moves_the_lock_and_the_project_to_the_new_file(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "alt.cxstudio")
    project = api.open_project(path)
    project.save_as(tmp_path / "neu.cxstudio")
    assert project.path == tmp_path / "neu.cxstudio"
    assert not lock_path_for(path).exists() and lock_path_for(tmp_path / "neu.cxstudio").exists()
    project.close()


def test_a_new_project_cannot_save_without_a_name_but_can_save_as(tmp_path: Path) -> None:
    project = api.create(language="de")
    with pytest.raises(ProjectFileError) as caught:
        project.save()
    assert caught.value.code == "no_path" and "Speichern unter" in caught.value.message("de")
    project.save_as(tmp_path / "x.cxstudio")
    assert project.path == tmp_path / "x.cxstudio" and not project.is_modified
    project.close()


def test_saving_into_a_folder_instead_of_a_file_is_refused(tmp_path: Path) -> None:
    project = api.create(language="en")
    with pytest.raises(ProjectFileError) as caught:
        project.save_as(tmp_path)
    assert caught.value.code == "target_is_directory"
    project.close()


def test_a_read_only_open_refuses_save_and_leaves_the_file_unchanged(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "ro.cxstudio")
    digest = sha256(path)
    project = api.open_project(path, read_only=True)
    assert project.read_only and project.read_only_reason == "opened read-only on request"
    assert not lock_path_for(path).exists()
    name = project.document.journeys()[0].name
    with pytest.raises(ProjectFileError) as refused:
        project.run(ops.rename, project.document.journeys()[0].id, "geändert")
    assert refused.value.code == "edit_read_only" and "schreibgeschützt" in refused.value.message("de")
    assert project.document.journeys()[0].name == name and not project.is_modified
    with pytest.raises(ProjectFileError) as caught:
        project.save()
    assert caught.value.code == "read_only" and "Save As" in str(caught.value)
    assert "schreibgeschützt" in caught.value.message("de")
    assert sha256(path) == digest
    project.save_as(tmp_path / "rw.cxstudio")
    assert not project.read_only
    project.close()


def test_a_write_protected_file_opens_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    with shared_folder() as folder:
        monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(shared_data_dir(folder)))
        path = new_project_file(folder / "geschützt.cxstudio")
        path.chmod(0o444)
        with as_unprivileged_user():
            project = api.open_project(path)
            assert project.read_only and project.read_only_reason == "the file is write-protected"
            with pytest.raises(ProjectFileError):
                project.save()
            project.close()


def test_a_file_in_a_read_only_folder_opens_read_only_and_save_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    with shared_folder() as folder:
        monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(shared_data_dir(folder)))
        locked_folder = folder / "nur-lesen"
        locked_folder.mkdir()
        path = new_project_file(locked_folder / "p.cxstudio")
        path.chmod(0o666)
        locked_folder.chmod(0o555)
        digest = sha256(path)
        with as_unprivileged_user():
            project = api.open_project(path)
            assert project.read_only and project.read_only_reason_in("de") == "Sie dürfen in ihrem Ordner nicht schreiben"
            with pytest.raises(ProjectFileError) as caught:
                project.save_copy(locked_folder / "kopie.cxstudio")
            assert caught.value.code == "save_folder_read_only"
            project.close()
        assert sha256(path) == digest and sorted(p.name for p in locked_folder.iterdir()) == ["p.cxstudio"]


HOLDER_SCRIPT = textwrap.dedent(
    """
    import sys
    from cxstudio import api
    project = api.open_project(sys.argv[1])
    print("ready" if not project.read_only else "read-only", flush=True)
    sys.stdin.readline()
    project.close()
    """
)


def start_holder(path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", HOLDER_SCRIPT, str(path)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def test_a_second_process_is_told_who_holds_the_file_and_gets_read_only(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "geteilt.cxstudio")
    holder = start_holder(path)
    try:
        second = api.open_project(path)
        assert second.read_only
        info = second.lock_holder
        assert info is not None and info.pid == holder.pid
        reason = second.read_only_reason or ""
        assert f"(process {holder.pid})" in reason and info.user in reason and info.host in reason
        assert f"(Prozess {holder.pid}) hat es seit" in (second.read_only_reason_in("de") or "")
        with pytest.raises(ProjectFileError) as caught:
            second.save()
        assert caught.value.code == "read_only"
        second.close()
        with pytest.raises(ProjectFileError) as caught:  # nor may anyone overwrite it by Save As
            other = api.create(language="en")
            try:
                other.save_as(path)
            finally:
                other.close()
        assert caught.value.code == "locked_target" and str(holder.pid) in str(caught.value)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert not lock_path_for(path).exists()
    third = api.open_project(path)
    assert not third.read_only
    third.close()


def test_a_stale_lock_of_a_killed_process_is_taken_over_with_a_note(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "verwaist.cxstudio")
    holder = start_holder(path)
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert json.loads(lock_path_for(path).read_text())["pid"] == holder.pid
    project = api.open_project(path)
    assert not project.read_only
    note = project.lock_note() or ""
    assert "stale lock" in note and f"process {holder.pid}" in note
    assert "verwaiste Sperre" in (project.lock_note("de") or "")
    assert json.loads(lock_path_for(path).read_text())["pid"] == os.getpid()
    project.close()


def test_a_lock_from_another_host_or_an_unreadable_lock_is_respected(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "netz.cxstudio")
    lock = lock_path_for(path)
    lock.write_text(json.dumps({"user": "erika", "host": "laptop-erika", "pid": 1, "since": "2026-01-01T09:00:00+01:00"}))
    project = api.open_project(path)
    assert project.read_only and "erika on laptop-erika" in (project.read_only_reason or "")
    project.close()
    lock.write_text("garbled \x00 lock")
    project = api.open_project(path)
    assert project.read_only
    assert project.read_only_reason == f"its lock file {lock.name} cannot be read, so another program may have it open"
    assert "nicht lesbar" in (project.read_only_reason_in("de") or "")
    project.close()
    assert lock.read_text() == "garbled \x00 lock", "someone else's lock file is never removed"


def test_two_projects_in_one_process_share_nothing(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "zweimal.cxstudio")
    first = api.open_project(path)
    second = api.open_project(path)
    assert not first.read_only and second.read_only
    assert first.working_copy != second.working_copy
    second.close()
    assert lock_path_for(path).exists(), "closing the read-only one keeps the writer's lock"
    first.close()
    assert Card.KIND == "card"


def test_a_lock_from_an_earlier_boot_of_this_host_is_stale_even_if_its_pid_runs_now(tmp_path: Path) -> None:
    from cxstudio.persistence.lock import boot_id, host_name

    if not boot_id():
        pytest.skip("this system reports no boot id")
    path = new_project_file(tmp_path / "neustart.cxstudio")
    lock_path_for(path).write_text(json.dumps({
        "user": "erika", "host": host_name(), "pid": os.getppid(), "since": "2026-01-01T09:00:00+01:00",
        "token": "old", "boot": "00000000-0000-0000-0000-000000000000",
    }))
    project = api.open_project(path)
    assert not project.read_only and "erika" in (project.lock_note() or "")
    project.close()


def test_a_target_that_may_not_be_replaced_is_reported_and_left_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a sticky folder (like /tmp) nobody may replace another user's file, though the folder is writable."""
    with shared_folder() as folder:
        monkeypatch.setenv("CXSTUDIO_DATA_DIR", str(shared_data_dir(folder)))
        sticky = folder / "gemeinsam"
        sticky.mkdir()
        sticky.chmod(0o1777)
        theirs = new_project_file(sticky / "fremd.cxstudio")  # owned by root
        digest = sha256(theirs)
        if os.geteuid() != 0:
            pytest.skip("needs a second user (run as root) to own the target")
        with as_unprivileged_user():
            project = api.create(language="de")
            with pytest.raises(ProjectFileError) as caught:
                project.save_copy(theirs)
            project.close()
        assert caught.value.code == "save_target_in_use"
        assert "schreibgeschützt" in caught.value.message("de")
        assert sha256(theirs) == digest and sorted(p.name for p in sticky.iterdir()) == ["fremd.cxstudio"]


def test_save_does_not_overwrite_a_version_another_program_put_there(tmp_path: Path) -> None:
    path = new_project_file(tmp_path / "sync.cxstudio")
    project = api.open_project(path)
    project.run(ops.rename, project.document.journeys()[0].id, "Meine Fassung")
    project.save()
    project.save()  # our own saves never count as a change by someone else
    colleague = api.create("service-blueprint", "de")
    colleague.save_copy(tmp_path / "incoming.cxstudio")  # a sync client brings a colleague's version
    colleague.close()
    os.replace(tmp_path / "incoming.cxstudio", path)
    theirs = sha256(path)
    project.run(ops.rename, project.document.journeys()[0].id, "Noch meine Fassung")
    with pytest.raises(ProjectFileError) as caught:
        project.save()
    assert caught.value.code == "changed_on_disk" and "Save As" in str(caught.value)
    assert "beide Fassungen" in caught.value.message("de")
    assert sha256(path) == theirs and project.is_modified
    project.save(overwrite=True)
    assert sha256(path) != theirs and not project.is_modified
    project.close()


def test_the_lock_names_the_user_as_getpass_would_without_loading_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    from cxstudio.persistence.lock import current_user

    assert current_user() == getpass.getuser()
    monkeypatch.setenv("LOGNAME", "Jürgen")
    assert current_user() == getpass.getuser() == "Jürgen"
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(variable, raising=False)
    assert current_user() == getpass.getuser()  # the password database's name for the uid
