"""The opening checks of a project file, in order, each failing with one ProjectFileError and never writing."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from cxstudio.model.messages import error_detail
from cxstudio.persistence import schema
from cxstudio.persistence.errors import FILE_KINDS, ProjectFileError, size_text
from cxstudio.persistence.schema import APPLICATION_ID
from cxstudio.persistence.untrusted import MAX_FILE_SIZE

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True, slots=True)
class FileHeader:
    """What the first 100 bytes of an SQLite file say about it."""

    page_size: int
    page_count: int | None  # None when the header's page count is not trustworthy
    user_version: int
    application_id: int


def _looks_like(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"%PDF"):
        return "pdf"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "binary"
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return "text" if text and printable >= 0.95 * len(text) else "binary"


def _not_sqlite(path: Path, data: bytes) -> ProjectFileError:
    kind = _looks_like(data)
    english, german = FILE_KINDS[kind]
    return ProjectFileError("not_sqlite", path=path, looks_like=english, looks_like_de=german)


def check_path(path: Path) -> FileHeader:
    """Checks 1-5: the file exists, is a file, is readable, is not empty and starts like an SQLite database."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ProjectFileError("missing", path=path) from None
    except PermissionError:
        raise ProjectFileError("unreadable", path=path) from None
    except OSError as exc:  # e.g. a name that is too long or a broken network share
        raise ProjectFileError("missing", path=path) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ProjectFileError("is_directory", path=path)
    if not stat.S_ISREG(info.st_mode):  # reading a pipe could block forever
        english, german = FILE_KINDS["special"]
        raise ProjectFileError("not_sqlite", path=path, looks_like=english, looks_like_de=german)
    if info.st_size > MAX_FILE_SIZE:  # refused before a byte is read
        raise ProjectFileError("file_too_large", path=path, size=size_text(info.st_size),
                               size_de=size_text(info.st_size, "de"), limit=size_text(MAX_FILE_SIZE),
                               limit_de=size_text(MAX_FILE_SIZE, "de"))
    try:
        with path.open("rb") as handle:
            data = handle.read(HEADER_SIZE)
    except PermissionError:
        raise ProjectFileError("unreadable", path=path) from None
    except IsADirectoryError:
        raise ProjectFileError("is_directory", path=path) from None
    if not data:
        raise ProjectFileError("empty", path=path)
    if not data.startswith(SQLITE_MAGIC):
        raise _not_sqlite(path, data)
    if len(data) < HEADER_SIZE:
        raise ProjectFileError("corrupt", path=path, detail="header_truncated")
    header = parse_header(data)
    if header is None:
        raise ProjectFileError("corrupt", path=path, detail="header_invalid")
    size = info.st_size
    if size % header.page_size:
        raise ProjectFileError("corrupt", path=path, detail="partial_page")
    if header.page_count is not None and size < header.page_count * header.page_size:
        raise ProjectFileError("corrupt", path=path, detail="shorter_than_header")
    check_companions(path)
    return header


COMPANION_SUFFIXES = ("-wal", "-journal")


def check_companions(path: Path) -> None:
    """Refuse a file that has a non-empty write-ahead log or rollback journal beside it.

    Such a companion holds changes another program has not finished: reading the file without it would
    show a state that never existed, and SQLite would later replay it over a file CX Studio wrote. An
    empty companion is what a cleanly closed database may leave; anything else (also a pipe or a folder
    under that name) is refused with a sentence naming it.
    """
    for suffix in COMPANION_SUFFIXES:
        companion = path.with_name(path.name + suffix)
        try:
            info = companion.lstat()
        except FileNotFoundError:
            continue
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode) or info.st_size > 0:
            raise ProjectFileError("companion_file", path=path, companion=companion.name)


def parse_header(data: bytes) -> FileHeader | None:
    """The header fields we rely on, or None when they are out of SQLite's ranges."""
    raw_page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if raw_page_size == 1 else raw_page_size
    if page_size < 512 or page_size & (page_size - 1):
        return None
    change_counter = data[24:28]
    valid_for = data[92:96]
    page_count = int.from_bytes(data[28:32], "big") if change_counter == valid_for else None
    if page_count == 0:
        page_count = None
    return FileHeader(
        page_size=page_size,
        page_count=page_count,
        user_version=int.from_bytes(data[60:64], "big", signed=True),
        application_id=int.from_bytes(data[68:72], "big", signed=True),
    )


def _scalar(connection: sqlite3.Connection, sql: str) -> object:
    row = connection.execute(sql).fetchone()
    return row[0] if row else None


def check_database(connection: sqlite3.Connection, path: Path, thorough: bool = False, schema_name: str = "main") -> int:
    """Checks 6-8 on an open copy: ours, not newer, intact (quick_check or integrity_check); returns its version.

    The header fields come first: checking the integrity of another application's database is work
    for nothing (and its schema may ask for a lot of it).
    """
    try:
        application_id = _scalar(connection, f"PRAGMA {schema_name}.application_id")
        version = _scalar(connection, f"PRAGMA {schema_name}.user_version")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise ProjectFileError("corrupt", path=path, detail=_sqlite_detail(exc)) from None
    if application_id != signed_application_id():
        raise ProjectFileError("foreign_database", path=path)
    if not isinstance(version, int) or version < 1:
        raise ProjectFileError("unknown_schema", path=path, found=version)
    if version > schema.SCHEMA_VERSION:
        raise ProjectFileError("newer_schema", path=path, found=version, supported=schema.SCHEMA_VERSION)
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = connection.execute(f"PRAGMA {schema_name}.{pragma}(1)").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise ProjectFileError("corrupt", path=path, detail=_sqlite_detail(exc)) from None
    if not rows or rows[0][0] != "ok":
        detail = _shorten(str(rows[0][0])) if rows else "check_empty"
        raise ProjectFileError("corrupt", path=path, detail=detail)
    return version


def signed_application_id() -> int:
    """APPLICATION_ID as SQLite reports it (a signed 32-bit integer)."""
    return APPLICATION_ID - (1 << 32) if APPLICATION_ID >= 1 << 31 else APPLICATION_ID


def _sqlite_detail(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not_utf8"
    return error_detail(exc)


def _shorten(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def may_write(path: Path) -> bool:
    """Whether this process (its effective user) may write `path`."""
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)


def folder_writable(path: Path) -> bool:
    """Whether this process may create files in the folder of `path` (needed for an atomic replace)."""
    folder = path.parent
    if os.access in os.supports_effective_ids:
        return os.access(folder, os.W_OK | os.X_OK, effective_ids=True)
    return os.access(folder, os.W_OK | os.X_OK)
