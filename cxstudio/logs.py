"""The log file: a rotating `cxstudio.log` in the user's log folder (under CXSTUDIO_DATA_DIR when that is set)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

LOGGER_NAME = "cxstudio"
LOG_FILE_NAME = "cxstudio.log"
MAX_BYTES = 1_000_000  # per file; with BACKUP_COUNT older files at most 4 MB in all
BACKUP_COUNT = 3
DATA_DIR_VARIABLE = "CXSTUDIO_DATA_DIR"

_handler: logging.FileHandler | None = None
_rotating = False  # whether `_handler` rolls the file over (a logging.handlers.RotatingFileHandler)


def log_dir() -> Path:
    """The folder of the log: `$CXSTUDIO_DATA_DIR/logs` when set (tests, portable installs), else the platform's."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override) / "logs"
    import platformdirs

    return Path(platformdirs.user_log_dir("cxstudio", appauthor=False))


def log_file() -> Path:
    """The current log file (older ones beside it end in .1, .2, .3)."""
    return log_dir() / LOG_FILE_NAME


def logger(name: str = "") -> logging.Logger:
    """CX Studio's logger, or the child `name` of it (e.g. "ui.files")."""
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)


def setup_logging(rotating: bool = True) -> Path | None:
    """Write CX Studio's log records (INFO and above) to the rotating log file; returns its path.

    Called again after CXSTUDIO_DATA_DIR changed, it moves to the new file. A folder that cannot be
    created or written leaves the editor without a log (None) rather than stopping it. The editor's
    start passes `rotating=False`: the records go to the same file, and the rollover, whose module
    (logging.handlers: socket, pickle, queue) costs ~5 ms, is added by a second call after the first paint.
    """
    global _handler, _rotating
    target = log_file()
    if _handler is not None and Path(_handler.baseFilename) == target.absolute() and (_rotating or not rotating):
        return target
    root = logger()
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.FileHandler
        if rotating:
            from logging.handlers import RotatingFileHandler

            handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8",
                                          delay=False)
        else:
            handler = logging.FileHandler(target, encoding="utf-8", delay=False)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _handler = handler
    _rotating = rotating
    return target


def system_text() -> str:
    """The system for the log, as `platform.platform()` names it on Linux ("Linux-6.1.0-x86_64-with-glibc2.36").

    Read from uname and the C library's own answer: `platform.platform()` scans the Python binary for
    the C library's version (10 ms at every start of the editor), and importing platform costs 1.5 ms.
    """
    uname = getattr(os, "uname", None)  # POSIX: what platform.system(), release() and machine() report
    if uname is None:
        import platform

        text = f"{platform.system()}-{platform.release()}-{platform.machine()}"
    else:
        names = uname()
        text = f"{names.sysname}-{names.release}-{names.machine}"
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION") or ""  # "glibc 2.36"
    except (AttributeError, ValueError, OSError):  # no confstr (Windows), or no such name (macOS, musl)
        libc = ""
    return f"{text}-with-{libc.replace(' ', '')}" if libc else text


def log_start(what: str) -> None:
    """One line saying which CX Studio started how, on which Python and system."""
    from cxstudio import __version__

    logger().info("CX Studio %s %s (Python %s, %s, frozen=%s)", __version__, what, python_version(),
                  system_text(), bool(getattr(sys, "frozen", False)))


def python_version() -> str:
    """The Python version as platform.python_version() gives it ("3.11.7"), without importing platform."""
    return sys.version.split()[0]


def stop_logging() -> None:
    """Close the log file (tests; the end of the process closes it too)."""
    global _handler
    if _handler is not None:
        logger().removeHandler(_handler)
        _handler.close()
        _handler = None


def logging_to_file() -> bool:
    """Whether log records reach a log file now."""
    return _handler is not None
