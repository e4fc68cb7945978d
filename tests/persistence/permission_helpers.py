"""Helpers for permission tests that must also hold when the suite runs as root (which ignores file modes)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534


@contextmanager
def as_unprivileged_user() -> Iterator[None]:
    """Run the block with the effective ids of 'nobody' when we are root, so that file modes apply."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A world-accessible folder outside pytest's private tmp tree (which 'nobody' cannot enter)."""
    folder = Path(tempfile.mkdtemp(prefix="cxstudio-perm-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            try:
                path.chmod(0o777)
            except OSError:
                pass
        shutil.rmtree(folder, ignore_errors=True)


def shared_data_dir(folder: Path) -> Path:
    """A CX Studio data directory inside `folder` that both root and 'nobody' can write."""
    data = folder / "data"
    (data / "working-copies").mkdir(parents=True)
    data.chmod(0o777)
    (data / "working-copies").chmod(0o777)
    return data
