"""Working copies in the user's data directory: their metadata, and finding unsaved work left by a crash."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cxstudio.persistence.lock import boot_id, host_name, process_gone

DATA_DIR_VARIABLE = "CXSTUDIO_DATA_DIR"
DATABASE_NAME = "project.cxstudio"
META_NAME = "session.json"


def data_dir() -> Path:
    """The user's CX Studio data directory ($CXSTUDIO_DATA_DIR overrides the platform's default)."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("cxstudio", appauthor=False))


def working_copies_dir() -> Path:
    return data_dir() / "working-copies"


def sync_file(fd: int) -> None:
    """Wait until a file's data is on the disk itself (macOS needs F_FULLFSYNC for that, fsync is not enough)."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)  # type: ignore[attr-defined]
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_directory(path: Path) -> None:
    """Make a rename or a new file in `path` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(slots=True)
class WorkingCopyMeta:
    """What a working copy's session.json records: whose it is and whether it holds unsaved work."""

    original_path: str | None
    pid: int
    host: str
    opened: str
    unsaved: bool  # True while the copy holds edits the original file lacks
    boot: str = ""

    def to_json(self) -> str:
        return json.dumps({"format": 1, "original_path": self.original_path, "pid": self.pid, "host": self.host,
                           "boot": self.boot, "opened": self.opened, "unsaved": self.unsaved},
                          ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> WorkingCopyMeta | None:
        try:
            data: dict[str, Any] = json.loads(text)
            original = data.get("original_path")
            return cls(None if original is None else str(original), int(data["pid"]), str(data["host"]),
                       str(data.get("opened", "")), bool(data["unsaved"]), str(data.get("boot", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


class WorkingCopy:
    """One working-copy folder: the database that edits are written through to, and its metadata."""

    def __init__(self, folder: Path, meta: WorkingCopyMeta) -> None:
        self.folder = folder
        self.meta = meta

    @property
    def database_path(self) -> Path:
        return self.folder / DATABASE_NAME

    @classmethod
    def new(cls, original_path: Path | None, unsaved: bool) -> WorkingCopy:
        folder = working_copies_dir() / uuid.uuid4().hex
        folder.mkdir(parents=True)
        meta = WorkingCopyMeta(None if original_path is None else str(original_path), os.getpid(), host_name(),
                               dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), unsaved, boot_id())
        copy = cls(folder, meta)
        copy.write_meta(durable=unsaved)  # a copy without unsaved work has nothing to lose in a crash
        return copy

    def write_meta(self, durable: bool = True) -> None:
        """Replace session.json atomically; `durable` also waits until it is on disk."""
        temporary = self.folder / (META_NAME + ".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(self.meta.to_json())
            if durable:
                handle.flush()
                sync_file(handle.fileno())
        os.replace(temporary, self.folder / META_NAME)
        if durable:
            fsync_directory(self.folder)

    def set_unsaved(self, unsaved: bool) -> None:
        """Record whether the copy holds unsaved work: durably when it starts to (losing that flag would hide
        work from recovery), lazily when it stops (losing that only costs a needless recovery offer)."""
        if self.meta.unsaved != unsaved:
            self.meta.unsaved = unsaved
            self.write_meta(durable=unsaved)

    def set_original(self, path: Path | None) -> None:
        self.meta.original_path = None if path is None else str(path)
        self.write_meta()

    def take_over(self) -> None:
        """Make this process the copy's owner (recovery)."""
        self.meta.pid = os.getpid()
        self.meta.host = host_name()
        self.meta.boot = boot_id()
        self.write_meta()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True, slots=True)
class RecoverableProject:
    """Unsaved work left in a working copy by an editor that crashed or was killed."""

    folder: Path
    project_name: str
    original_path: Path | None  # None: the project had never been saved
    last_edit: dt.datetime  # local time of the last write to the working copy

    def describe(self, language: str = "en") -> str:
        when = self.last_edit.strftime("%Y-%m-%d %H:%M")
        if language == "de":
            where = str(self.original_path) if self.original_path else "noch nie gespeichert"
            return f"„{self.project_name}“ ({where}), zuletzt bearbeitet {when}"
        where = str(self.original_path) if self.original_path else "never saved"
        return f"'{self.project_name}' ({where}), last edited {when}"


def _read_meta(folder: Path) -> WorkingCopyMeta | None:
    try:
        return WorkingCopyMeta.from_json((folder / META_NAME).read_text(encoding="utf-8"))
    except OSError:
        return None


def _project_name(database: Path) -> str | None:
    """The project's name from a dead editor's working copy (read-write: a hot journal gets rolled back)."""
    try:
        connection = sqlite3.connect(database)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT name FROM project LIMIT 1").fetchone()
        return str(row[0]) if row else None
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    finally:
        connection.close()


def owner_gone(meta: WorkingCopyMeta) -> bool:
    """Whether the editor owning a working copy has certainly ended (a copy from another host is never judged)."""
    return process_gone(meta.host, meta.boot, meta.pid)


def find_recoverable() -> list[RecoverableProject]:
    """Working copies whose editor is gone and that hold unsaved work, newest first.

    Copies of dead editors without unsaved work are removed on the way (there is nothing to recover).
    Copies whose owner still runs (another open editor) are left alone.
    """
    root = working_copies_dir()
    if not root.is_dir():
        return []
    found: list[RecoverableProject] = []
    for folder in sorted(root.iterdir()):
        if not folder.is_dir():
            continue
        meta = _read_meta(folder)
        database = folder / DATABASE_NAME
        if meta is None:
            if not database.exists():
                shutil.rmtree(folder, ignore_errors=True)  # a folder whose creation was interrupted
            continue
        if not owner_gone(meta):
            continue
        if not meta.unsaved or not database.exists():
            shutil.rmtree(folder, ignore_errors=True)
            continue
        name = _project_name(database)
        if name is None:
            continue  # unreadable: leave it for a human rather than deleting work
        last_edit = dt.datetime.fromtimestamp(database.stat().st_mtime)
        original = Path(meta.original_path) if meta.original_path else None
        found.append(RecoverableProject(folder, name, original, last_edit))
    found.sort(key=lambda item: item.last_edit, reverse=True)
    return found


def load_working_copy(folder: Path) -> WorkingCopy | None:
    meta = _read_meta(folder)
    if meta is None or not (folder / DATABASE_NAME).exists():
        return None
    return WorkingCopy(folder, meta)
