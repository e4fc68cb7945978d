"""The process keeps freed memory for reuse on glibc (cxstudio/memory.py): taken once, harmless elsewhere."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from cxstudio import memory


def test_glibc_takes_the_thresholds_once_and_other_libraries_are_left_alone() -> None:
    on_glibc = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
    assert memory.keep_freed_memory() is on_glibc
    assert memory.keep_freed_memory() is on_glibc  # the first answer, without calling mallopt again


def test_a_project_loaded_twice_reuses_the_pages_of_the_first(tmp_path) -> None:
    """Minor page faults of the second load of the same bytes: far fewer once freed memory is kept."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("the thresholds are glibc's; other C libraries are left alone")
    script = (
        "import resource, sys\n"
        "from cxstudio.memory import keep_freed_memory\n"
        "if sys.argv[1] == 'keep': keep_freed_memory()\n"
        "def load():\n"
        "    data = b'x' * (8 << 20)\n"
        "    copy = bytearray(data)\n"
        "    rows = [list(range(50)) for _ in range(20000)]\n"
        "    del data, copy, rows\n"
        "load()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
        "load()\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)\n"
    )
    faults = {mode: int(subprocess.run([sys.executable, "-c", script, mode], capture_output=True, text=True,
                                       check=True, cwd=tmp_path).stdout) for mode in ("default", "keep")}
    assert faults["keep"] * 2 < faults["default"], faults  # about 2,000 against 6,000 here


def test_postponed_until_resumed_in_a_fresh_process(tmp_path) -> None:
    """The editor's launch postpones the thresholds (and loading ctypes) until after its first paint."""
    on_glibc = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
    script = (
        "import sys\n"
        "from cxstudio import memory\n"
        "memory.postpone()\n"
        "print(memory.keep_freed_memory(), 'ctypes' in sys.modules)\n"
        "print(memory.resume(), memory.keep_freed_memory())\n"
    )
    lines = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           cwd=tmp_path).stdout.splitlines()
    assert lines[0] == "False False"
    assert lines[1] == f"{on_glibc} {on_glibc}"
