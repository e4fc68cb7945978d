"""What every PyInstaller spec of CX Studio shares: the resources, the Qt parts kept, and the modules left out.

The specs (``linux/cxstudio.spec``, ``macos/cxstudio-macos.spec``, and the folder Inno Setup packs on
Windows) import this file. Resources are found through ``cxstudio.resources`` - the one place that
knows where they are - and put at the same place relative to the package inside the bundle, so the
bundle works whether they live in ``resources/`` of the checkout or in ``cxstudio/resources/``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import cxstudio
from cxstudio.resources import RESOURCES_DIR

# The folder that holds the cxstudio package (the checkout, or site-packages of a normal install).
SOURCE_ROOT = str(Path(cxstudio.__file__).resolve().parent.parent)

# Python modules CX Studio never imports but that optional imports of its libraries would drag in.
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "lib2to3", "idlelib", "test",
    "numpy", "scipy", "pandas", "matplotlib", "IPython", "pytest", "hypothesis", "_pytest",
    "setuptools", "pip", "pkg_resources", "PyInstaller",
    # Qt modules outside PySide6-Essentials' part that CX Studio uses (widgets, SVG, printing)
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml", "PySide6.QtDBus",
    "PySide6.QtConcurrent", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtNetworkAuth",
    "PySide6.QtStateMachine", "PySide6.QtSvgWidgets", "PySide6.QtQuickControls2", "PySide6.QtQuick3D",
    "PySide6.QtConcurrent",
]

# Qt plugin folders CX Studio needs; every other plugin folder is dropped from the bundle.
KEPT_PLUGIN_FOLDERS = {
    "platforms", "platformthemes", "platforminputcontexts", "imageformats", "iconengines", "printsupport",
    "xcbglintegrations", "wayland-decoration-client", "wayland-graphics-integration-client",
    "wayland-shell-integration", "styles",
}
# ... and inside those, the plugins that are left out (kiosk platforms, formats the editor never reads).
DROPPED_PLUGINS = {
    "libqeglfs.so", "libqlinuxfb.so", "libqminimalegl.so", "libqvkkhrdisplay.so", "libqvnc.so",
    "libqpdf.so", "libqtiff.so", "libqwebp.so", "libqicns.so", "libqtga.so", "libqwbmp.so",
    # the GTK theme would load the system's GTK into a process with the bundle's own GLib; the desktop
    # portal theme gives native file dialogs without that
    "libqgtk3.so",
}
# Qt libraries of parts CX Studio does not use (they come with plugins that are dropped).
UNUSED_QT_LIBRARIES = ("libQt6Quick", "libQt6Qml", "libQt6Pdf", "libQt6VirtualKeyboard", "libQt6Designer",
                       "libQt6EglFs", "libQt6EglFS")
# Qt's own translations: only German (English is Qt's source language).
KEPT_QT_TRANSLATIONS = {"qtbase_de.qm", "qt_de.qm"}


def resource_datas() -> list[tuple[str, str]]:
    """(source folder, folder in the bundle) for the bundled resources, placed as they sit beside the package."""
    site = Path(SOURCE_ROOT)
    target = PurePosixPath(RESOURCES_DIR.resolve().relative_to(site).as_posix())
    datas = []
    for path in sorted(RESOURCES_DIR.rglob("*")):
        if path.is_file() and path.suffix not in (".ts", ".py", ".pyc") and "__pycache__" not in path.parts:
            datas.append((str(path), str(target / path.parent.relative_to(RESOURCES_DIR).as_posix())))
    return datas


def _qt_part(destination: str) -> tuple[str, ...]:
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    return parts[parts.index("Qt") + 1:] if "Qt" in parts else ()


def keep(entry: tuple[str, str, str]) -> bool:
    """Whether a collected binary or data file (destination, source, kind) belongs in the bundle."""
    destination = entry[0]
    qt = _qt_part(destination)
    name = PurePosixPath(destination.replace("\\", "/")).name
    if qt[:1] == ("plugins",) and len(qt) > 1:
        return qt[1] in KEPT_PLUGIN_FOLDERS and name not in DROPPED_PLUGINS
    if qt[:1] == ("translations",):
        return name in KEPT_QT_TRANSLATIONS
    unused = qt[:1] in (("qml",), ("resources",)) or name.startswith(UNUSED_QT_LIBRARIES)
    return not unused


SYSTEM_LIBRARY_FOLDERS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def without_system_libraries(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The binaries of a Linux analysis to bundle: all but the system's shared libraries.

    The .deb depends on the Debian packages that hold the system libraries (``build.sh`` asks
    ``ldd`` and ``dpkg -S``) instead of carrying copies: copies of GLib, libcups or OpenSSL next to the system's
    own would be loaded side by side with them by plugins, and they would miss security updates.
    Python and Qt (from the PySide6-Essentials wheel) stay in the bundle.
    """
    return [entry for entry in binaries
            if not (entry[1].startswith(SYSTEM_LIBRARY_FOLDERS) and ".so" in PurePosixPath(entry[1]).name)]
