"""The lock file beside an open project: who holds it (user, host, pid, time) and stale-lock takeover."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

LOCK_SIZE_LIMIT = 64 * 1024  # a lock file is about 250 bytes; anything bigger is not one of ours
FIELD_LIMIT = 200  # characters kept of a lock's user, host and time (they end up in messages)
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))


def lock_path_for(project_path: Path) -> Path:
    """The lock file of a project: hidden, beside it (LibreOffice's naming, which sync tools know)."""
    return project_path.parent / f".~lock.{project_path.name}#"


def current_user() -> str:
    """The login name, found as getpass.getuser() finds it (without importing getpass, which loads termios)."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        user = os.environ.get(variable)
        if user:
            return user
    try:
        import pwd

        return pwd.getpwuid(os.getuid())[0]
    except (ImportError, KeyError, OSError, AttributeError):
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown user"


def host_name() -> str:
    """This machine's name, as socket.gethostname() gives it (on POSIX from uname, without importing socket)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return uname().nodename or "unknown host"
    import socket

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
    except (OSError, OverflowError):
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
        """The lock described by `text`, or None when it is not a lock file of ours (garbled, odd types, odd pid)."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                return None
            pid = data["pid"]
            if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid < 2**31:
                return None
            fields = [data["user"], data["host"], data["since"], data.get("token", ""), data.get("boot", "")]
            if not all(isinstance(value, str) for value in fields):
                return None
            user, host, since, token, boot = (_printable(value) for value in fields)
            return cls(user, host, pid, since, token, boot)
        except (ValueError, KeyError, TypeError, RecursionError):  # deep nesting makes json recurse
            return None


def _printable(text: str) -> str:
    """A field of a stranger's lock file as it may appear in a one-sentence message: no control characters, short."""
    return "".join(ch for ch in text[: FIELD_LIMIT * 4] if ch.isprintable())[:FIELD_LIMIT]


UNKNOWN_HOLDER = LockInfo("", "", 0, "")  # a lock file we cannot read: respected, never judged stale


class _NotALockFileError(Exception):
    """The lock file's name is taken by something we do not read: a link, a pipe, a device, a folder, a big file."""


def _small_regular(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_size <= LOCK_SIZE_LIMIT


def _read_lock_file(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The bytes of a lock file and its identity; None when there is none, _NotALockFileError when it is no small file.

    Nothing is followed or waited for: the name is looked at without following links, opened with
    O_NOFOLLOW and O_NONBLOCK (a FIFO or device swapped in meanwhile neither blocks nor is read), checked
    again on the open descriptor, and read with a cap.
    """
    try:
        if not _small_regular(os.lstat(path)):
            raise _NotALockFileError
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError:  # ELOOP (a link), EACCES, ENXIO, ...
        raise _NotALockFileError from None
    try:
        info = os.fstat(fd)
        if not _small_regular(info):
            raise _NotALockFileError
        chunks: list[bytes] = []
        size = 0
        while size <= LOCK_SIZE_LIMIT:
            chunk = os.read(fd, LOCK_SIZE_LIMIT + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError:
        raise _NotALockFileError from None
    finally:
        os.close(fd)
    if size > LOCK_SIZE_LIMIT:
        raise _NotALockFileError
    return b"".join(chunks), info


def _parse(data: bytes) -> LockInfo:
    try:
        info = LockInfo.from_json(data.decode("utf-8"))
    except UnicodeDecodeError:
        return UNKNOWN_HOLDER
    return UNKNOWN_HOLDER if info is None else info


def read_lock(project_path: Path) -> LockInfo | None:
    """The lock on a project, if any; a lock file that is garbled, unreadable, not a small regular file (a link, a
    pipe, a device, a folder) or too big counts as held by an unknown user, and is never followed or waited for."""
    try:
        found = _read_lock_file(lock_path_for(project_path))
    except _NotALockFileError:
        return UNKNOWN_HOLDER
    return None if found is None else _parse(found[0])


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
        """Remove the lock file if it is still ours: a small regular file with our token (never a link to one)."""
        try:
            found = _read_lock_file(self.path)
        except _NotALockFileError:
            return
        if found is None or _parse(found[0]).token != self.info.token:
            return
        try:
            now = os.lstat(self.path)
            if (now.st_dev, now.st_ino) == (found[1].st_dev, found[1].st_ino):  # still the file we just read
                self.path.unlink()
        except OSError:
            pass


def _write_exclusive(path: Path, info: LockInfo) -> None:
    """Create the lock file (never through a link: O_EXCL fails on any existing name); no half-written lock stays."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        data = info.to_json().encode("utf-8")
        while data:
            data = data[os.write(fd, data):]
    except BaseException:
        os.close(fd)
        try:
            path.unlink()
        except OSError:
            pass
        raise
    os.close(fd)


def acquire_lock(project_path: Path) -> LockOutcome:
    """Lock a project for this process, taking over a stale lock; otherwise report who holds it."""
    info = LockInfo(current_user(), host_name(), os.getpid(), now_iso(), os.urandom(16).hex(), boot_id())
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
