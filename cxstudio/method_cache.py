"""The compiled methods of dataclasses and model records, kept between editor runs so start-up need not compile them again.

`dataclasses` writes the source of each class's `__init__`, `__repr__`, `__eq__`, `__hash__` (and
`__setattr__`/`__delattr__` when frozen) and compiles it with `exec` when the class is made: some
0.1 ms a method, and the ~50 dataclasses the editor makes before its map is painted cost it ~25 ms
(bench/bench_startup.py). The code compiled from the same source by the same Python is the same, so
`install` gives the `dataclasses` module an `exec` that takes the code object from a cache when it
has compiled that exact source before, and compiles it (as `exec` would) otherwise; `save` writes
what was compiled anew for the next start, as Python does with bytecode (the editor keeps it in the user's
cache folder: cxstudio.app).
The model's records generate their constructors the same way and run them through `run_generated`.

The cache is keyed by the whole source text, and its file by Python's bytecode magic number: another
Python, or a file that is damaged, unreadable, too large or not what `save` wrote, is ignored (the
methods are then compiled as always). It holds only code that `dataclasses` and the model generated;
nothing is cached for `dataclasses` when it stops calling `exec` by that name.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from types import CodeType
from typing import Any

FILE_NAME = "dataclass-methods.marshal"
MAX_ENTRIES = 4096  # far beyond the few hundred methods the editor makes
MAX_FILE_BYTES = 8 << 20
SOURCE_NAME = "<string>"  # what `exec` names code compiled from a string

_known: dict[str, CodeType] = {}
_compiled_count = 0  # sources compiled in this process since the last save
_used: set[str] = set()  # the sources this process ran (from the cache or compiled)
_installed = False


def _magic() -> bytes:
    from importlib.util import MAGIC_NUMBER

    return MAGIC_NUMBER


def _load(path: Path) -> dict[str, CodeType]:
    """The cache in `path`; empty when it is missing, unreadable, from another Python or not a cache at all."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return {}
    magic = _magic()
    if len(data) > MAX_FILE_BYTES or not data.startswith(magic):
        return {}
    try:
        loaded = marshal.loads(data[len(magic):])
    except (ValueError, EOFError, TypeError):
        return {}
    if not isinstance(loaded, dict) or len(loaded) > MAX_ENTRIES:
        return {}
    return {source: code for source, code in loaded.items()
            if isinstance(source, str) and isinstance(code, CodeType) and code.co_filename == SOURCE_NAME}


def _cached_exec(source: Any, globals: dict[str, Any] | None = None,
                 locals: dict[str, Any] | None = None) -> None:
    """`exec` for the `dataclasses` module: a string's code object from the cache, compiled when new."""
    global _compiled_count
    if isinstance(source, str):
        code = _known.get(source)
        if code is None:
            # exactly what exec(str) does inside dataclasses.py, which inherits no __future__ flags
            code = compile(source, SOURCE_NAME, "exec", dont_inherit=True)
            _known[source] = code
            _compiled_count += 1
        _used.add(source)
        source = code
    exec(source, globals, locals)  # the code dataclasses generated, run as it would run it


def run_generated(source: str, namespace: dict[str, Any]) -> None:
    """Run generated source (a model record's constructor) in `namespace`: from the cache once `install`ed."""
    if _installed:
        _cached_exec(source, namespace)
    else:
        exec(source, namespace)  # the code the caller generated from its own class's field names


def install(path: Path) -> None:
    """Load the cache kept in `path` and let `dataclasses` use it from now on (once per process; idempotent)."""
    global _installed
    if _installed:
        return
    import dataclasses

    if not hasattr(dataclasses, "_create_fn") and not hasattr(dataclasses, "_FuncBuilder"):
        return  # a Python whose dataclasses compile differently: nothing to cache
    _known.update(_load(path))
    dataclasses.exec = _cached_exec  # type: ignore[attr-defined]  # shadows the builtin for that module only
    _installed = True


def uninstall() -> None:
    """Give `dataclasses` the builtin `exec` back and forget the cache (tests)."""
    global _installed, _compiled_count
    import dataclasses

    if getattr(dataclasses, "exec", None) is _cached_exec:
        del dataclasses.exec  # type: ignore[attr-defined]
    _known.clear()
    _compiled_count = 0
    _used.clear()
    _installed = False


def compiled_now() -> int:
    """How many methods were compiled in this process (since the last save) because the cache did not have them."""
    return _compiled_count


def save(path: Path) -> bool:
    """Write the cache to `path` when methods were compiled anew; whether it was written. Never raises for a file problem."""
    global _compiled_count
    if not _compiled_count:
        return False
    target = path
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # what earlier runs compiled stays (other parts of the editor) until the file would grow past the
        # bound (methods of classes changed or gone since): then only what this process ran is kept
        kept = dict(_known) if len(_known) <= MAX_ENTRIES else {s: _known[s] for s in _used if s in _known}
        with temporary.open("wb") as handle:
            handle.write(_magic())
            marshal.dump(kept, handle)
        os.replace(temporary, target)
    except (OSError, ValueError):
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return False
    _compiled_count = 0
    return True

