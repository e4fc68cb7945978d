"""The Linux desktop files pass their validators, the MIME type knows a project by glob and magic, the icons fit."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest

LINUX = Path(__file__).resolve().parents[2] / "installer" / "linux"
INSTALLER = LINUX.parent


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (apt-get install {package}); .ci/run installs it")
    return found


def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    tool = _tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(LINUX / "cxstudio.desktop")], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr
    text = (LINUX / "cxstudio.desktop").read_text(encoding="utf-8")
    assert "MimeType=application/x-cxstudio;" in text and "Exec=cxstudio %f" in text and "Icon=cxstudio" in text


def test_the_mime_type_passes_xmllint_against_the_schema() -> None:
    tool = _tool("xmllint", "libxml2-utils")
    result = subprocess.run([tool, "--noout", "--relaxng", str(LINUX / "shared-mime-info.rng"),
                             str(LINUX / "cxstudio-mime.xml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_mime_magic_is_sqlite_with_cx_studios_application_id() -> None:
    from cxstudio.persistence.schema import APPLICATION_ID

    text = (LINUX / "cxstudio-mime.xml").read_text(encoding="utf-8")
    assert f'value="0x{APPLICATION_ID:08X}" offset="68"' in text
    assert 'value="SQLite format 3\\000" offset="0"' in text and '<glob pattern="*.cxstudio"/>' in text


def test_a_project_without_its_suffix_is_recognised_by_its_magic(tmp_path: Path) -> None:
    """update-mime-database builds a database from the XML; GLib's gio reads the type of files from it."""
    update = _tool("update-mime-database", "shared-mime-info")
    gio = _tool("gio", "libglib2.0-bin")
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    system = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if system.exists():
        shutil.copy(system, packages)
    shutil.copy(LINUX / "cxstudio-mime.xml", packages / "cxstudio.xml")
    subprocess.run([update, str(tmp_path / "mime")], check=True, capture_output=True)
    project, other = tmp_path / "no-suffix", tmp_path / "other-database"
    for path, application_id in ((project, 0x43585354), (other, 0)):
        with sqlite3.connect(path) as connection:
            connection.execute(f"PRAGMA application_id = {application_id}")
            connection.execute("CREATE TABLE t (x)")
        connection.close()
    assert struct.unpack(">I", project.read_bytes()[68:72])[0] == 0x43585354
    environment = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "XDG_DATA_DIRS": str(tmp_path)}

    def content_type(path: Path) -> str:
        result = subprocess.run([gio, "info", "-a", "standard::content-type", str(path)], env=environment,
                                capture_output=True, text=True, check=True)
        return result.stdout.rsplit("standard::content-type:", 1)[1].strip()

    assert content_type(project) == "application/x-cxstudio"
    assert content_type(other) != "application/x-cxstudio"
    assert "application/x-cxstudio:*.cxstudio" in (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")


def test_the_hicolor_icons_are_square_pngs_of_their_sizes() -> None:
    from PySide6.QtGui import QImage

    sizes = sorted(int(path.stem.split("-")[1]) for path in (LINUX / "icons").glob("cxstudio-*.png"))
    assert sizes == [16, 22, 24, 32, 48, 64, 128, 256, 512]
    for size in sizes:
        image = QImage(str(LINUX / "icons" / f"cxstudio-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0, "the rounded corners stay clear"


def test_the_bundle_keeps_only_the_qt_parts_the_editor_needs() -> None:
    sys.path.insert(0, str(INSTALLER))
    try:
        import bundle
    finally:
        sys.path.remove(str(INSTALLER))
    qt = "PySide6/Qt"
    assert bundle.keep((f"{qt}/plugins/platforms/libqxcb.so", "", "BINARY"))
    assert bundle.keep((f"{qt}/plugins/platforms/libqoffscreen.so", "", "BINARY"))
    assert not bundle.keep((f"{qt}/plugins/platforms/libqvnc.so", "", "BINARY"))
    assert not bundle.keep((f"{qt}/plugins/sqldrivers/libqsqlite.so", "", "BINARY"))
    assert bundle.keep((f"{qt}/translations/qtbase_de.qm", "", "DATA"))
    assert not bundle.keep((f"{qt}/translations/qtbase_fr.qm", "", "DATA"))
    assert bundle.without_system_libraries([("libcups.so.2", "/usr/lib/x86_64-linux-gnu/libcups.so.2", "BINARY"),
                                            ("libpython3.11.so.1.0", "/opt/python/lib/libpython3.11.so.1.0",
                                             "BINARY")]) == [
        ("libpython3.11.so.1.0", "/opt/python/lib/libpython3.11.so.1.0", "BINARY")]
    datas = dict((Path(source).name, target) for source, target in bundle.resource_datas())
    assert {"cxstudio_de.qm", "DejaVuSans.ttf", "cxstudio.svg", "journey-map.toml"} <= set(datas)
    assert "cxstudio_de.ts" not in datas
