"""How the process keeps memory: freed memory kept for reuse (no fresh pages faulted in), the collector paused.

glibc's malloc hands every freed block above its thresholds back to the system at once (large blocks
are their own `mmap`, and free space at the top of the heap is trimmed from 128 KiB on). Loading a
project allocates and frees the same large blocks each time (the file's bytes, SQLite's copy of them,
the rows' lists and the indexes' tables); getting them back from the system means a page fault for
every 4 KiB, which on L cost about 6 of the 50 ms an open takes (bench/bench_persistence.py).
`keep_freed_memory` raises both thresholds once per process: blocks up to 32 MiB come from the heap,
and up to 64 MiB of freed heap is kept for the next allocation. The price is that after a project is
closed up to that much stays counted in the process's resident size until it is used again.
The editor's launch `postpone`s the call until after the window's first paint (`resume`): it helps
only the opens after the first, and loading ctypes for it costs the first paint ~2 ms.

Other C libraries (macOS, Windows, musl) manage this themselves: there the call does nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD_BYTES = 32 << 20  # glibc's own ceiling for its adaptive threshold
TRIM_THRESHOLD_BYTES = 64 << 20

_taken: bool | None = None  # the answer of the first call
_postponed = False  # the editor's launch: nothing until `resume`


def postpone() -> None:
    """Make `keep_freed_memory` do nothing until `resume` (the editor's first open, before its first paint)."""
    global _postponed
    _postponed = True


def resume() -> bool:
    """End `postpone` and raise the thresholds now; whether the C library took the settings."""
    global _postponed
    _postponed = False
    return keep_freed_memory()


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds once per process; whether the C library took the settings."""
    global _taken
    if _postponed:
        return False
    if _taken is None:
        _taken = _set_thresholds()
    return _taken


def _set_thresholds() -> bool:
    import ctypes
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES))


@contextmanager
def paused_collection(freeze_on_success: bool = False) -> Iterator[None]:
    """No cyclic garbage collection inside the block: for bulk building that makes only live objects.

    Loading a project, laying a map out and building a report allocate objects that all stay alive, so
    the collections their allocations trigger walk them and find nothing (a third of a load, a fifth of
    a first paint); reference counting still frees what they drop. With `freeze_on_success` what exists
    when the block ends without an error moves to the collector's permanent generation (`gc.freeze`),
    out of every later collection's way until `gc.unfreeze`.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze_on_success:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
