"""Working copies in the user's data directory: their metadata, and finding unsaved work left by a crash."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import stat
import struct
import sys
import threading
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
        folder = working_copies_dir() / os.urandom(16).hex()
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

    def sync_in_background(self) -> threading.Thread:
        """Start syncing the database file and its folder to the disk; join the thread to wait for it.

        Opening writes the copy without syncing it (the original file holds the same until the first
        edit), so the sync costs opening nothing; a failure is left to the first edit's own writes.
        """

        def sync() -> None:
            try:
                with self.database_path.open("rb") as handle:
                    sync_file(handle.fileno())
            except OSError:
                return
            fsync_directory(self.folder)

        thread = threading.Thread(target=sync, name="cxstudio-sync-copy", daemon=True)
        thread.start()
        return thread

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
    """The project's name in a dead editor's working copy, read without writing a byte into the data folder.

    SQLite cannot read a WAL database read-only without creating its -shm file (and a read-write
    connection checkpoints the log into the database on closing, which after a crash on a full disk
    eats the space recovery needs), so the database and its log are read into memory here, the log's
    committed frames applied as SQLite would, and the image opened in memory.
    """
    image = database_image(database)
    if image is None:
        return None
    try:
        connection = sqlite3.connect(":memory:")
    except sqlite3.Error:
        return None
    try:
        connection.deserialize(image)
        row = connection.execute("SELECT name FROM project LIMIT 1").fetchone()
        return str(row[0]) if row else None
    except (sqlite3.Error, UnicodeDecodeError, ValueError, OverflowError):
        return None
    finally:
        connection.close()


WAL_MAGIC = (0x377F0682, 0x377F0683)  # checksums in little- or big-endian words
WAL_HEADER_SIZE = 32
WAL_FRAME_HEADER_SIZE = 24


def _wal_checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    """SQLite's WAL checksum of `data` (a multiple of 8 bytes), continuing from (s0, s1)."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def _apply_wal(image: bytearray, wal: bytes) -> bytearray:
    """`image` with the committed transactions of the write-ahead log `wal` applied (an invalid log applies nothing)."""
    if len(wal) < WAL_HEADER_SIZE:
        return image
    magic, _version, page_size, _sequence, salt1, salt2, check0, check1 = struct.unpack(">8I", wal[:32])
    if magic not in WAL_MAGIC or page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return image
    big_endian = magic & 1 == 1
    if _wal_checksum(wal[:24], big_endian, 0, 0) != (check0, check1):
        return image
    s0, s1 = check0, check1
    pending: list[tuple[int, int]] = []  # (page number, offset of its data) since the last commit
    committed: dict[int, int] = {}
    size_in_pages: int | None = None
    offset = WAL_HEADER_SIZE
    frame_size = WAL_FRAME_HEADER_SIZE + page_size
    while offset + frame_size <= len(wal):
        page, commit_size, frame_salt1, frame_salt2, frame0, frame1 = struct.unpack(
            ">6I", wal[offset:offset + WAL_FRAME_HEADER_SIZE])
        if (frame_salt1, frame_salt2) != (salt1, salt2) or page == 0:
            break  # a frame of an earlier generation of the log: the valid log ends here
        s0, s1 = _wal_checksum(wal[offset:offset + 8], big_endian, s0, s1)
        data_start = offset + WAL_FRAME_HEADER_SIZE
        s0, s1 = _wal_checksum(wal[data_start:data_start + page_size], big_endian, s0, s1)
        if (s0, s1) != (frame0, frame1):
            break  # torn or garbage: nothing from here on was committed
        pending.append((page, data_start))
        if commit_size:
            committed.update(pending)
            pending.clear()
            size_in_pages = commit_size
        offset += frame_size
    if size_in_pages is None:
        return image
    if len(image) < size_in_pages * page_size:
        image.extend(bytes(size_in_pages * page_size - len(image)))
    del image[size_in_pages * page_size:]
    for page, data_start in committed.items():
        if page <= size_in_pages:
            image[(page - 1) * page_size:page * page_size] = wal[data_start:data_start + page_size]
    return image


def database_image(database: Path) -> bytes | None:
    """The content of an SQLite database with its write-ahead log applied, as a rollback-journal image; read only."""
    try:
        image = bytearray(database.read_bytes())
    except OSError:
        return None
    try:
        wal = Path(f"{database}-wal").read_bytes()
    except FileNotFoundError:
        wal = b""
    except OSError:
        return None
    image = _apply_wal(image, wal)
    if len(image) < 100:
        return None
    image[18:20] = b"\x01\x01"  # the read and write versions say WAL (2); an image in memory has no log
    return bytes(image)


def last_edit_of(database: Path) -> dt.datetime:
    """When the working copy was last written: its log takes the edits between checkpoints."""
    times = []
    for path in (database, Path(f"{database}-wal")):
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            pass
    return dt.datetime.fromtimestamp(max(times, default=0.0))


def owner_gone(meta: WorkingCopyMeta) -> bool:
    """Whether the editor owning a working copy has certainly ended (a copy from another host is never judged)."""
    return process_gone(meta.host, meta.boot, meta.pid)


def find_recoverable() -> list[RecoverableProject]:
    """Working copies whose editor is gone and that hold unsaved work, newest first.

    Only reads: nothing in the data folder is written, checkpointed or removed (see
    `remove_abandoned_copies` for the clean-up at start-up). Copies whose owner still runs (another
    open editor) are left out.
    """
    root = working_copies_dir()
    if not root.is_dir():
        return []
    found: list[RecoverableProject] = []
    for folder in sorted(root.iterdir()):
        if folder.is_symlink() or not folder.is_dir():
            continue
        meta = _read_meta(folder)
        database = folder / DATABASE_NAME
        if meta is None or not owner_gone(meta) or not meta.unsaved or not database.is_file():
            continue
        name = _project_name(database)
        if name is None:
            continue  # unreadable: leave it for a human rather than deleting work
        original = Path(meta.original_path) if meta.original_path else None
        found.append(RecoverableProject(folder, name, original, last_edit_of(database)))
    found.sort(key=lambda item: item.last_edit, reverse=True)
    return found


INCOMPLETE_FOLDER_AGE = 3600.0  # seconds: a folder without metadata this old is no editor starting up


def remove_abandoned_copies() -> None:
    """Delete working copies nothing can be recovered from: their editor is gone and they hold no unsaved work, or
    their creation was interrupted (no metadata, no database, an hour old); for the start of the editor."""
    root = working_copies_dir()
    try:
        folders = sorted(root.iterdir())
    except OSError:
        return
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir():
            continue
        meta = _read_meta(folder)
        database = folder / DATABASE_NAME
        if meta is None:
            try:
                old = dt.datetime.now().timestamp() - folder.stat().st_mtime > INCOMPLETE_FOLDER_AGE
            except OSError:
                continue
            if old and not database.exists():
                shutil.rmtree(folder, ignore_errors=True)
            continue
        if owner_gone(meta) and (not meta.unsaved or not database.exists()):
            shutil.rmtree(folder, ignore_errors=True)


def load_working_copy(folder: Path) -> WorkingCopy | None:
    meta = _read_meta(folder)
    if meta is None or not (folder / DATABASE_NAME).exists():
        return None
    return WorkingCopy(folder, meta)


# ---------------------------------------------------------------------- saves in progress
SAVES_DIR_NAME = "saves-in-progress"
SAVING_PATTERN = re.compile(r"\.(.+)\.[0-9a-f]{8}\.saving")  # .NAME.<hex>.saving, beside the file being saved
RECORD_SIZE_LIMIT = 64 * 1024


def saves_dir() -> Path:
    """Where each save in progress is noted (pid, host, boot, temporary path) until it ends."""
    return data_dir() / SAVES_DIR_NAME


def record_save(temporary: Path) -> Path | None:
    """Note durably, before writing it, that this process writes the temporary file `temporary`; returns the note.

    A save killed midway leaves a temporary file as big as the project beside the user's file; the note lets
    the next start remove exactly that file. None when the note cannot be written (the save goes on regardless).
    """
    folder = saves_dir()
    name = os.urandom(16).hex()
    record = folder / f"{name}.json"
    staging = folder / f"{name}.tmp"
    text = json.dumps({"format": 1, "pid": os.getpid(), "host": host_name(), "boot": boot_id(),
                       "temporary": str(temporary)}, ensure_ascii=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with staging.open("x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            sync_file(handle.fileno())
        os.replace(staging, record)
        fsync_directory(folder)
    except OSError:
        try:
            staging.unlink()
        except OSError:
            pass
        return None
    return record


def forget_save(record: Path | None) -> None:
    """Remove the note of a save that has ended (its temporary file is renamed into place or deleted)."""
    if record is not None:
        try:
            record.unlink()
        except OSError:
            pass


def _read_record(record: Path) -> dict[str, Any] | None:
    try:
        if record.is_symlink() or not record.is_file() or record.stat().st_size > RECORD_SIZE_LIMIT:
            return None
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    pid, host, boot, temporary = data.get("pid"), data.get("host"), data.get("boot", ""), data.get("temporary")
    if not isinstance(pid, int) or not all(isinstance(value, str) for value in (host, boot, temporary)):
        return None
    return data


def _remove_file(path: Path) -> bool:
    """Delete `path` if it is a regular file (never a folder; a link is not followed); True when it is gone."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        path.unlink()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def remove_interrupted_saves() -> None:
    """Delete the temporary files of saves whose process has ended (killed midway), then their notes.

    Only the exact recorded path is deleted, and only while its name still has the form `.NAME.<hex>.saving`
    (plus SQLite's `-journal` of it); saves of running processes and of other hosts are left alone.
    """
    folder = saves_dir()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    now = dt.datetime.now().timestamp()
    for entry in entries:
        if entry.suffix == ".tmp":  # a note whose writing was interrupted: nothing was saved yet
            try:
                if now - entry.lstat().st_mtime > INCOMPLETE_FOLDER_AGE:
                    entry.unlink()
            except OSError:
                pass
            continue
        if entry.suffix != ".json":
            continue
        data = _read_record(entry)
        if data is None:  # garbled: it cannot name a file, so it guards nothing
            forget_save(entry)
            continue
        if not process_gone(data["host"], data["boot"], data["pid"]):
            continue
        temporary = Path(data["temporary"])
        gone = True
        if temporary.is_absolute() and SAVING_PATTERN.fullmatch(temporary.name):
            gone = _remove_file(temporary) and _remove_file(Path(f"{temporary}-journal"))
        if gone:
            forget_save(entry)
