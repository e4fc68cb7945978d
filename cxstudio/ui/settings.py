"""The editor's remembered preferences: window state, recent files and language, kept with QSettings."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT_FILES = 10
DATA_DIR_VARIABLE = "CXSTUDIO_DATA_DIR"


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
