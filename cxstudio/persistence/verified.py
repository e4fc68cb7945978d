"""Files this installation wrote or fully checked, remembered by the SHA-256 of their bytes to skip re-checking."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from cxstudio import __version__
from cxstudio.persistence import schema
from cxstudio.persistence.working_copy import data_dir

RECORD_NAME = "verified-files.json"
MAX_ENTRIES = 200


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# Raised whenever the checks grow: a digest remembered by weaker checks is not trusted by stronger ones.
# 2: the file's schema holds exactly CX Studio's objects (no triggers, views, extra tables or columns).
CHECKS_VERSION = 2


def _program() -> str:
    """Verification results hold for one program version, schema version and set of checks only."""
    return f"cxstudio {__version__} schema {schema.SCHEMA_VERSION} checks {CHECKS_VERSION}"


def _record_path() -> Path:
    return data_dir() / RECORD_NAME


def _load() -> list[str]:
    try:
        data = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("program") != _program() or not isinstance(data.get("digests"), list):
        return []
    return [d for d in data["digests"] if isinstance(d, str)]


def is_verified(digest: str) -> bool:
    """Whether a file with exactly these bytes was written by this program or passed every check before."""
    return digest in _load()


def remember_verified(digest: str) -> None:
    """Record a sound file's digest (best effort: a lost record only costs a full check next time)."""
    digests = [d for d in _load() if d != digest] + [digest]
    record = {"program": _program(), "digests": digests[-MAX_ENTRIES:]}
    path = _record_path()
    temporary = path.with_name(f"{RECORD_NAME}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(record), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
