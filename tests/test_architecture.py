"""The layering rules of ARCHITECTURE.md, enforced by import-linter's contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # every contract of pyproject.toml was checked and kept (none skipped, e.g. by a typo in its type)
    declared = (ROOT / "pyproject.toml").read_text(encoding="utf-8").count("[[tool.importlinter.contracts]]")
    assert declared >= 5 and f"Contracts: {declared} kept, 0 broken." in result.stdout, result.stdout


def test_contracts_name_every_package() -> None:
    """A new top-level package must be placed in the layers contract, or it escapes the rules."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    packages = {p.name for p in (ROOT / "cxstudio").iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in (ROOT / "cxstudio").glob("*.py") if p.stem not in ("__init__", "__main__")}
    for name in packages | modules:
        assert f'"cxstudio.{name}' in text or f"cxstudio.{name} " in text or f"| cxstudio.{name}" in text, name


def test_every_module_opens_with_a_one_line_docstring() -> None:
    import ast

    for path in sorted((ROOT / "cxstudio").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstring = ast.get_docstring(tree, clean=False)
        assert docstring, f"{path.relative_to(ROOT)} has no module docstring"
        lines = docstring.strip().splitlines()
        assert lines[0].strip(), f"{path.relative_to(ROOT)}: the docstring does not start with its summary line"
        assert len(lines) == 1 or not lines[1].strip(), (
            f"{path.relative_to(ROOT)}: the docstring's first line must be a one-line summary followed by a blank line"
        )


def test_version_path_imports_no_heavy_library() -> None:
    code = (
        "import sys; from cxstudio.cli import main; rc = main(['--version']);"
        "heavy = [m for m in ('PySide6', 'sqlalchemy', 'reportlab', 'networkx', 'openpyxl') if m in sys.modules];"
        "print(heavy); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert result.stdout.startswith("cxstudio ")
