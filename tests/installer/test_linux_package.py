"""The .deb builds, installs on this Debian machine, and the installed `cxstudio` runs and exports headless.

Slow (about two minutes): it runs only when CXSTUDIO_PACKAGE_TEST=1, which `.ci/run` sets; run it with
`CXSTUDIO_PACKAGE_TEST=1 ./dev test tests/installer`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "installer" / "linux" / "build.sh"
INSTALLED_SIZE_BAR_MIB = 150

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("CXSTUDIO_PACKAGE_TEST") != "1",
                       reason="builds and installs the .deb (about 2 minutes): set CXSTUDIO_PACKAGE_TEST=1 (CI does)"),
    pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("dpkg-deb") is None,
                       reason="the Linux package is built with dpkg-deb on Debian or Ubuntu"),
]


def _ensure_pyinstaller() -> None:
    """PyInstaller in this environment, installed from the package index when missing; skip only if that fails."""
    try:
        import PyInstaller  # noqa: F401
        return
    except ImportError:
        pass
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q",
                             "pyinstaller>=6.10"], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"PyInstaller is not installable here: {result.stderr.strip().splitlines()[-1:]}")


@pytest.fixture(scope="module")
def deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _ensure_pyinstaller()
    out = tmp_path_factory.mktemp("deb")
    result = subprocess.run(["bash", str(BUILD), str(out)], capture_output=True, text=True,
                            env={**os.environ, "PYTHON": sys.executable}, timeout=1200)
    assert result.returncode == 0, result.stderr[-4000:]
    return Path(result.stdout.strip().splitlines()[-1])


def _installed(package: str) -> bool:
    result = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return "install ok installed" in result.stdout


@pytest.fixture(scope="module")
def installed(deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The `cxstudio` command of the installed package: dpkg -i as root (removed afterwards), else the unpacked tree."""
    if os.geteuid() == 0 and not _installed("cxstudio"):
        result = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True)
        try:
            assert result.returncode == 0, result.stdout + result.stderr
            yield Path("/usr/bin/cxstudio")
        finally:
            subprocess.run(["dpkg", "-r", "cxstudio"], capture_output=True, text=True)
        assert not Path("/usr/bin/cxstudio").exists() and not Path("/usr/lib/cxstudio").exists()
    else:
        root = tmp_path_factory.mktemp("unpacked")
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
        yield root / "usr" / "bin" / "cxstudio"


def _run(command: list[str], cwd: Path, data: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH", "VIRTUAL_ENV")}
    environment.update(CXSTUDIO_DATA_DIR=str(data), PATH="/usr/bin:/bin", LANG="C.UTF-8")
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120)
    return result, time.perf_counter() - start


def test_the_package_holds_the_desktop_integration_and_fits_the_size_bar(deb: Path) -> None:
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in ("./usr/bin/cxstudio", "./usr/share/applications/cxstudio.desktop",
                 "./usr/share/mime/packages/cxstudio.xml", "./usr/share/icons/hicolor/48x48/apps/cxstudio.png",
                 "./usr/share/icons/hicolor/256x256/mimetypes/application-x-cxstudio.png",
                 "./usr/share/icons/hicolor/scalable/apps/cxstudio.svg", "/translations/cxstudio_de.qm",
                 "/translations/qtbase_de.qm", "/fonts/DejaVuSans.ttf", "/templates/journey-map.toml"):
        assert path in listing, path
    for unwanted in ("libqvnc.so", "libqgtk3.so", "qtbase_fr.qm", "QtNetwork.abi3.so", "libglib-2.0.so"):
        assert unwanted not in listing, unwanted
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Installed-Size", "Depends"], capture_output=True,
                            text=True, check=True).stdout
    installed_kib = int(fields.split("Installed-Size:")[1].split()[0])
    assert installed_kib / 1024 <= INSTALLED_SIZE_BAR_MIB, f"{installed_kib / 1024:.0f} MiB installed"
    assert "libcups2" in fields and "libxcb-cursor0" in fields


def test_the_installed_cxstudio_reports_its_version_and_exports_headless(installed: Path, tmp_path: Path) -> None:
    from cxstudio import __version__

    work, data = tmp_path / "elsewhere", tmp_path / "data"
    work.mkdir()
    result, _seconds = _run([str(installed), "--version"], work, data)
    assert (result.returncode, result.stdout.strip()) == (0, f"cxstudio {__version__}"), result.stderr
    result, _seconds = _run([str(installed), "new", "beispiel.cxstudio", "--template", "complaint-example",
                             "--lang", "de"], work, data)
    assert result.returncode == 0, result.stderr
    result, _seconds = _run([str(installed), "export", "beispiel.cxstudio", "-o", "wand.pdf", "--paper", "A0"],
                            work, data)
    assert result.returncode == 0, result.stderr
    assert (work / "wand.pdf").read_bytes().startswith(b"%PDF")
    # the client report hyphenates German words with pyphen's dictionaries, which the package must carry
    result, _seconds = _run([str(installed), "export", "beispiel.cxstudio", "-o", "bericht.pdf", "--report"],
                            work, data)
    assert result.returncode == 0, result.stderr
    assert (work / "bericht.pdf").read_bytes().startswith(b"%PDF")
    result, _seconds = _run([str(installed), "render", "beispiel.cxstudio", "-o", "karte.png"], work, data)
    assert result.returncode == 0, result.stderr
    assert (work / "karte.png").read_bytes().startswith(b"\x89PNG")
    result, _seconds = _run([str(installed), "export", "beispiel.cxstudio", "-o", "karte.svg"], work, data)
    assert result.returncode == 0 and b"<svg" in (work / "karte.svg").read_bytes()[:2000], result.stderr
    result, _seconds = _run([str(installed), "info", "kaputt.cxstudio", "--lang", "de"], work, data)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr
