"""The README is true: its Python example runs as written, its commands and options exist, ./dev does what it says."""

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


def _command_lines(readme: str) -> list[str]:
    """The README's command-line synopsis: one string per `cxstudio ...` line, continuation lines joined."""
    section = readme.split("## Command line", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S)
    assert block, "the README's Command line section has no sh block"
    lines: list[str] = []
    for line in block.group(1).splitlines():
        text = line.split("#", 1)[0].rstrip()
        if text.startswith("cxstudio"):
            lines.append(text)
        elif text.strip() and lines:
            lines[-1] += " " + text.strip()
    return lines


def _help(*arguments: str) -> str:
    cxstudio = Path(sys.executable).with_name("cxstudio")
    result = subprocess.run([str(cxstudio), *arguments, "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, (arguments, result.stderr)
    return result.stdout


def test_every_command_and_option_of_the_readme_exists() -> None:
    """Each `cxstudio COMMAND` the README shows is a command, and each of its options is in that command's help."""
    lines = _command_lines((ROOT / "README.md").read_text(encoding="utf-8"))
    commands = {}
    for line in lines:
        words = line.split()[1:]
        command = words[0] if words and re.fullmatch(r"[a-z][a-z-]*", words[0]) else ""
        commands.setdefault(command, set()).update(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", line))
    assert {"templates", "new", "info", "check", "upgrade", "export", "render"} <= set(commands)
    missing = {}
    for command, options in commands.items():
        text = _help(command) if command else _help()
        if command:
            assert re.search(rf"^\s+{command}\b", _help(), flags=re.M), f"`cxstudio {command}` is not a command"
        absent = sorted(option for option in options if not re.search(rf"(?<![\w-]){re.escape(option)}\b", text))
        if absent:
            missing[command or "(no command)"] = absent
    assert missing == {}, "options the README documents that the command line does not have"


def test_the_readme_s_two_commands_are_what_dev_and_ci_run() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./dev run" in readme and "./dev test" in readme
    dev = (ROOT / "dev").read_text(encoding="utf-8")
    branches = set(re.findall(r"^\s+([a-z]+)\)$", dev, flags=re.M))
    assert branches == {"run", "test"}, "./dev handles other commands than the README names"
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert any(line.startswith("./dev test") for line in ci if not line.startswith("#"))
