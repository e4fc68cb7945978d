"""Writing an export file safely: check the target first, write beside it, replace atomically, clean up on failure."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from cxstudio.export.errors import ExportCancelledError, ExportError

Progress = Callable[[int, int], bool]  # (done, total) -> False to cancel


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission"
    if exc.errno == errno.EROFS:
        return "read_only"
    if exc.errno == errno.ENOSPC:
        return "disk_full"
    if exc.errno == errno.ENOENT:
        return "no_folder"
    if exc.errno == errno.EISDIR:
        return "is_folder"
    return "os_error"


def check_writable(out_path: str | os.PathLike[str]) -> Path:
    """The resolved output path, or ExportError('unwritable_output') saying in one sentence why it cannot be written."""
    path = Path(out_path).expanduser()
    if path.is_dir():
        raise ExportError("unwritable_output", path=str(path), reason="is_folder")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("unwritable_output", path=str(path), reason="no_folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise ExportError("unwritable_output", path=str(path), reason="read_only")
    if not os.access(folder, os.W_OK):
        raise ExportError("unwritable_output", path=str(path), reason="permission")
    return path


@contextlib.contextmanager
def atomic_output(out_path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside `out_path`; on success it replaces `out_path`, on any failure it is removed.

    A cancelled or failed export therefore never leaves a half-written file, and an existing file at
    `out_path` stays as it was.
    """
    path = check_writable(out_path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent or ".")
    except OSError as exc:
        raise ExportError("unwritable_output", path=str(path), reason=_reason(exc)) from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except OSError as exc:
        raise ExportError("unwritable_output", path=str(path), reason=_reason(exc)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: those of the file it replaces, else what the umask allows.

    (The temporary file is created private; an export is meant to be shared like any new file.)
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


class ProgressReporter:
    """Calls the user's progress callback at most about `steps` times and raises ExportCancelledError on False."""

    def __init__(self, progress: Progress | None, total: int, steps: int = 100) -> None:
        self.progress = progress
        self.total = max(1, total)
        self.done = 0
        self._steps = steps
        self._every = max(1, self.total // steps)
        self._next = 0

    def grow(self, more: int) -> None:
        """More work became known (for example the pages of a report once its story is built)."""
        self.total += max(0, more)
        self._every = max(1, self.total // self._steps)

    def advance(self, amount: int = 1) -> None:
        self.done = min(self.total, self.done + amount)
        if self.progress is not None and (self.done >= self._next or self.done == self.total):
            self._next = self.done + self._every
            if self.progress(self.done, self.total) is False:
                raise ExportCancelledError()

    def finish(self) -> None:
        if self.progress is not None and self.progress(self.total, self.total) is False:
            raise ExportCancelledError()
