"""The README's Python API example runs as written and prints what it promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_api_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "the README has no Python example"
    result = subprocess.run(
        [sys.executable, "-c", blocks[0]], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Calls the hotline [")
    assert lines[-1] == "1 card"
    assert (tmp_path / "my-map.cxstudio").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-map.cxstudio"], "a save left files beside the project"


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./dev run" in readme and "./dev test" in readme
    assert "./dev test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
