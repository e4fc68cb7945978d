"""A wheel built from the checkout works installed anywhere: resources travel inside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{argv} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of a copy of the checkout (the checkout itself gets no build/ or egg-info)."""
    source = tmp_path_factory.mktemp("source") / "cxstudio"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache"))
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w",
         str(out), str(source)], cwd=source)
    (built,) = out.glob("cxstudio-*.whl")
    return built


def test_the_wheel_carries_every_resource_as_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in (ROOT / "cxstudio" / "resources").rglob("*"):
        relative = resource.relative_to(ROOT).as_posix()
        if resource.is_file() and resource.suffix not in (".ts", ".pyc") and "__pycache__" not in relative:
            assert relative in names, f"{relative} is missing from the wheel"


def test_an_installed_wheel_writes_prints_and_renders_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    """A fresh virtual environment with the wheel, no editable install and no checkout on the path.

    The wheel's dependencies (PySide6, ReportLab, ...) are taken from the test environment's site-packages
    through a path file, which puts that folder after the new environment's own and runs none of its path
    files (so the editable install of the checkout stays inactive).
    """
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                    cwd=tmp_path).stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(site), str(wheel)],
        cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    where = run([str(python), "-c", "import cxstudio.resources as r; print(r.RESOURCES_DIR)"], cwd=elsewhere, env=env)
    assert Path(where.stdout.strip()).is_relative_to(site), "the installed package, not the checkout, is used"
    cli = [str(python), "-m", "cxstudio"]
    run([*cli, "new", "beispiel.cxstudio", "--template", "complaint-example", "--lang", "de"], cwd=elsewhere, env=env)
    run([*cli, "export", "beispiel.cxstudio", "-o", "wand.pdf", "--paper", "A0"], cwd=elsewhere, env=env)
    run([*cli, "render", "beispiel.cxstudio", "-o", "karte.png"], cwd=elsewhere, env=env)
    assert (elsewhere / "wand.pdf").read_bytes().startswith(b"%PDF")
    assert (elsewhere / "wand.pdf").stat().st_size > 20_000
    assert (elsewhere / "karte.png").read_bytes().startswith(b"\x89PNG")
