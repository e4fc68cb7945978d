"""The content of a file as Save compares it: size and SHA-256, read without blocking on anything but a regular file."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

_OPEN_FOR_HASHING = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
_HASH_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileVersion:
    """One version of a file by its content: the hex SHA-256 of its bytes and their number (None: not known)."""

    size: int | None
    digest: str


def version_of(fd: int) -> FileVersion:
    """The content of the open file `fd` from its start: size and SHA-256, read in chunks."""
    hasher = hashlib.sha256()
    size = 0
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, _HASH_CHUNK):
        hasher.update(chunk)
        size += len(chunk)
    return FileVersion(size, hasher.hexdigest())


def file_version(path: Path) -> FileVersion | None:
    """The content of the regular file at `path` (a link is followed), None when there is no readable regular file.

    Opened without blocking: a pipe or device put there is not read.
    """
    try:
        fd = os.open(path, _OPEN_FOR_HASHING)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return version_of(fd)
    except OSError:
        return None
    finally:
        os.close(fd)


def changed_since(path: Path, known: FileVersion | None) -> bool:
    """Whether the file at `path` no longer holds the content `known` (compared by SHA-256, never by date).

    A file that is gone is no change (Save writes it anew); anything there that is not a readable regular file
    (a pipe, a device, a link to nothing) is. Sizes are compared first, so only a same-size file is hashed.
    """
    if known is None or not os.path.lexists(path):
        return False
    try:
        fd = os.open(path, _OPEN_FOR_HASHING)
    except OSError:
        return True
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (known.size is not None and info.st_size != known.size):
            return True
        return version_of(fd).digest != known.digest
    except OSError:
        return True
    finally:
        os.close(fd)


def same_file(a: Path, b: Path) -> bool:
    """Whether two names are one file (through links and hard links); by name when either cannot be looked at."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.abspath(a) == os.path.abspath(b)
