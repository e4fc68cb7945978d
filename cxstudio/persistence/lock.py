"""The lock file beside an open project: who holds it (user, host, pid, time) and stale-lock takeover."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path


def lock_path_for(project_path: Path) -> Path:
    """The lock file of a project: hidden, beside it (LibreOffice's naming, which sync tools know)."""
    return project_path.parent / f".~lock.{project_path.name}#"


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown user"


def host_name() -> str:
    return socket.gethostname() or "unknown host"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


def boot_id() -> str:
    """An id of the running system boot ('' where unknown): a pid from an earlier boot names a dead process."""
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip()
    except OSError:
        return ""


def process_gone(host: str, boot: str, pid: int) -> bool:
    """Whether the process (host, boot, pid) has certainly ended; processes on other hosts are never judged."""
    if host != host_name():
        return False
    if boot and boot_id() and boot != boot_id():
        return True
    return not pid_alive(pid)


def _windows_pid_alive(pid: int) -> bool:
    """Process liveness on Windows, where os.kill(pid, 0) would terminate the process."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # ERROR_ACCESS_DENIED: it exists, it is someone else's
    try:
        exit_code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(exit_code)):
            return True
        return exit_code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this host."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, belongs to someone else
        return True
    except OSError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class LockInfo:
    """Who holds a project's lock file."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601 with offset
    token: str = ""
    boot: str = ""

    @property
    def holder(self) -> str:
        return self.holder_in("en")

    def holder_in(self, language: str) -> str:
        """Who holds the lock, as words of `language` ('de' or 'en')."""
        german = language == "de"
        if self.pid <= 0:  # an unreadable or garbled lock file
            return "ein unbekannter Benutzer" if german else "an unknown user"
        if german:
            return f"{self.user} auf {self.host} (Prozess {self.pid})"
        return f"{self.user} on {self.host} (process {self.pid})"

    @property
    def since_text(self) -> str:
        try:
            return dt.datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.since

    def is_stale(self) -> bool:
        """A lock left by a dead process on this host; a lock from another host is never judged stale."""
        return process_gone(self.host, self.boot, self.pid)

    def to_json(self) -> str:
        return json.dumps({"user": self.user, "host": self.host, "pid": self.pid, "since": self.since,
                           "token": self.token, "boot": self.boot}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LockInfo | None:
        try:
            data = json.loads(text)
            return cls(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]),
                       str(data.get("token", "")), str(data.get("boot", "")))
        except (ValueError, KeyError, TypeError):
            return None


UNKNOWN_HOLDER = LockInfo("", "", 0, "")  # a lock file we cannot read: respected, never judged stale


def read_lock(project_path: Path) -> LockInfo | None:
    """The lock on a project, if any (an unreadable or garbled lock file counts as held by an unknown user)."""
    path = lock_path_for(project_path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return UNKNOWN_HOLDER
    info = LockInfo.from_json(text)
    return UNKNOWN_HOLDER if info is None else info


@dataclass(slots=True)
class LockOutcome:
    """The result of trying to lock a project."""

    lock: ProjectLock | None  # ours when we got it
    holder: LockInfo | None  # who has it when we did not
    taken_over: LockInfo | None  # the stale lock we replaced, if any
    folder_read_only: bool = False

    def note(self, language: str = "en") -> str | None:
        """One sentence about a stale lock that was taken over, else None."""
        return None if self.taken_over is None else takeover_note(self.taken_over, language)


def takeover_note(old: LockInfo, language: str = "en") -> str:
    """The sentence telling the user that a dead editor's lock was taken over."""
    if language == "de":
        return (f"Eine verwaiste Sperre von {old.holder_in('de')} vom {old.since_text} wurde übernommen "
                "(dieser Prozess läuft nicht mehr).")
    return f"A stale lock of {old.holder} from {old.since_text} was taken over (that process no longer runs)."


class ProjectLock:
    """Our lock on one project file; `release()` removes the lock file only if it is still ours."""

    def __init__(self, project_path: Path, info: LockInfo) -> None:
        self.project_path = project_path
        self.info = info

    @property
    def path(self) -> Path:
        return lock_path_for(self.project_path)

    def release(self) -> None:
        current = read_lock(self.project_path)
        if current is not None and current.token == self.info.token:
            try:
                self.path.unlink()
            except OSError:
                pass


def _write_exclusive(path: Path, info: LockInfo) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, info.to_json().encode("utf-8"))
    finally:
        os.close(fd)


def acquire_lock(project_path: Path) -> LockOutcome:
    """Lock a project for this process, taking over a stale lock; otherwise report who holds it."""
    info = LockInfo(current_user(), host_name(), os.getpid(), now_iso(), uuid.uuid4().hex, boot_id())
    path = lock_path_for(project_path)
    taken_over = None
    for _attempt in range(3):
        try:
            _write_exclusive(path, info)
            return LockOutcome(ProjectLock(project_path, info), None, taken_over)
        except FileExistsError:
            holder = read_lock(project_path)
            if holder is None:
                continue  # released in between: try again
            if not holder.is_stale():
                return LockOutcome(None, holder, None)
            taken_over = holder
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                return LockOutcome(None, holder, None, folder_read_only=True)
        except (PermissionError, OSError):
            return LockOutcome(None, None, None, folder_read_only=True)
    holder = read_lock(project_path)
    return LockOutcome(None, holder, None)
