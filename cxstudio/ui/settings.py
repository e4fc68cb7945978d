"""The editor's remembered preferences: window state, recent files and language, kept with QSettings."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_FILES = 10
DATA_DIR_VARIABLE = "CXSTUDIO_DATA_DIR"
UNITS = ("mm", "in")
TILE_SHEETS = ("A4", "A3", "letter")
MAX_AUTOSAVE_MINUTES = 120


def system_user_name() -> str:
    """The OS user's full name (the GECOS field on Unix), else the login name, else ""."""
    try:
        import pwd

        full = pwd.getpwuid(os.getuid()).pw_gecos.split(",")[0].strip()
        if full:
            return full
    except (ImportError, KeyError, OSError, AttributeError):
        pass
    try:
        import getpass

        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return ""


def settings_file() -> Path | None:
    """The INI file the settings live in when CXSTUDIO_DATA_DIR is set (tests, portable installs)."""
    data_dir = os.environ.get(DATA_DIR_VARIABLE)
    return Path(data_dir) / "settings.ini" if data_dir else None


class EditorSettings:
    """Typed access to the editor's QSettings: under CXSTUDIO_DATA_DIR when set, else the platform's place."""

    def __init__(self) -> None:
        path = settings_file()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "CX Studio", "cxstudio")

    def sync(self) -> None:
        self._qsettings.sync()

    # ------------------------------------------------------------------ language
    def language(self) -> str:
        """'de', 'en' or '' (follow the system locale)."""
        value = str(self._qsettings.value("ui/language", "") or "")
        return value if value in ("de", "en") else ""

    def set_language(self, language: str) -> None:
        self._qsettings.setValue("ui/language", language if language in ("de", "en") else "")
        self.sync()

    # ------------------------------------------------------------------ preferences
    def author(self) -> str:
        """The name new comments are signed with: the preference, else the OS user's full name or login."""
        value = str(self._qsettings.value("user/author", "") or "").strip()
        return value[:200] if value else system_user_name()

    def set_author(self, name: str) -> None:
        """Store the author name; an empty name (or the default) goes back to following the OS user."""
        name = " ".join(name.split())[:200]
        self._qsettings.setValue("user/author", "" if name == system_user_name() else name)
        self.sync()

    def default_paper(self) -> str:
        """The paper the Export / Print dialog starts with (a poster paper name such as A0, A1, letter)."""
        from cxstudio.ui.export.options import POSTER_PAPERS

        value = str(self._qsettings.value("preferences/paper", "A0") or "A0")
        return value if value in POSTER_PAPERS else "A0"

    def default_tile_sheet(self) -> str:
        """The sheet size tiled prints start with: A4, A3 or letter."""
        value = str(self._qsettings.value("preferences/tile_sheet", "A4") or "A4")
        return value if value in TILE_SHEETS else "A4"

    def set_default_paper(self, paper: str, tile_sheet: str) -> None:
        """Store the default paper and sheet; the export dialog's remembered choices give way to them."""
        old = (self.default_paper(), self.default_tile_sheet())
        self._qsettings.setValue("preferences/paper", paper)
        self._qsettings.setValue("preferences/tile_sheet", tile_sheet if tile_sheet in TILE_SHEETS else "A4")
        if old != (self.default_paper(), self.default_tile_sheet()):
            self._qsettings.remove("export/paper")
            self._qsettings.remove("export/tile_sheet")
        self.sync()

    def units(self) -> str:
        """'mm' or 'in': the unit of lengths the user types (custom paper sizes, overlap)."""
        value = str(self._qsettings.value("preferences/units", "mm") or "mm")
        return value if value in UNITS else "mm"

    def set_units(self, units: str) -> None:
        self._qsettings.setValue("preferences/units", units if units in UNITS else "mm")
        self.sync()

    def autosave_minutes(self) -> int:
        """Minutes between automatic saves of the project's file; 0 = off (the default)."""
        try:
            value = int(str(self._qsettings.value("preferences/autosave_minutes", 0) or 0))
        except ValueError:
            return 0
        return value if 0 < value <= MAX_AUTOSAVE_MINUTES else 0

    def set_autosave_minutes(self, minutes: int) -> None:
        self._qsettings.setValue("preferences/autosave_minutes", minutes if 0 < minutes <= MAX_AUTOSAVE_MINUTES else 0)
        self.sync()

    # ------------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        value = self._qsettings.value("files/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or []) if str(v)]

    def add_recent_file(self, path: str | Path) -> list[str]:
        text = str(Path(path).resolve())
        files = [text] + [f for f in self.recent_files() if f != text]
        self._qsettings.setValue("files/recent", files[:MAX_RECENT_FILES])
        self.sync()
        return files[:MAX_RECENT_FILES]

    def remove_recent_file(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        self._qsettings.setValue("files/recent", [f for f in self.recent_files() if f != text])
        self.sync()

    def clear_recent_files(self) -> None:
        self._qsettings.setValue("files/recent", [])
        self.sync()

    # ------------------------------------------------------------------ window
    def window_geometry(self) -> QByteArray | None:
        value = self._qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._qsettings.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qsettings.setValue("window/geometry", geometry)
        self._qsettings.setValue("window/state", state)
        self.sync()
