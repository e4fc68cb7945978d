"""The editor's languages: choosing German or English, installing Qt translators, and updating the .ts/.qm files.

Run ``python -m cxstudio.ui.i18n update`` after changing UI strings: it collects every
``tr()``/``QCoreApplication.translate`` string of ``cxstudio/ui`` and ``cxstudio/app.py`` into
``resources/translations/cxstudio_de.ts`` (keeping existing translations) and compiles the ``.qm``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

PACKAGE_DIR = Path(__file__).resolve().parents[1]
SOURCE_ROOT = PACKAGE_DIR.parent
TRANSLATIONS_DIR = SOURCE_ROOT / "resources" / "translations"
TS_FILE = TRANSLATIONS_DIR / "cxstudio_de.ts"
QM_FILE = TRANSLATIONS_DIR / "cxstudio_de.qm"
SUPPORTED_LANGUAGES = ("en", "de")


def system_language() -> str:
    """'de' when the system locale is German, otherwise 'en'."""
    return "de" if QLocale.system().name().lower().startswith("de") else "en"


def choose_language(preference: str) -> str:
    """The UI language: the preference if it names a supported language, else the system's."""
    return preference if preference in SUPPORTED_LANGUAGES else system_language()


class Translations:
    """The translators installed on the application for one language; `switch` replaces them."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def switch(self, language: str) -> bool:
        """Install the translators for `language`; returns False if our translation could not be loaded."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language if language in SUPPORTED_LANGUAGES else "en"
        QLocale.setDefault(QLocale(QLocale.Language.German if self.language == "de" else QLocale.Language.English))
        if self.language == "en":
            return True
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_translator = QTranslator(self._app)
        if qt_translator.load(f"qtbase_{self.language}", qt_dir):
            self._app.installTranslator(qt_translator)
            self._installed.append(qt_translator)
        ours = QTranslator(self._app)
        loaded = ours.load(str(TRANSLATIONS_DIR / f"cxstudio_{self.language}.qm"))
        if loaded:
            self._app.installTranslator(ours)
            self._installed.append(ours)
        return loaded


def translatable_sources() -> list[Path]:
    """Every source file whose strings belong in the translation: the UI package and the app's composition root."""
    files = sorted((PACKAGE_DIR / "ui").rglob("*.py"))
    return [*files, PACKAGE_DIR / "app.py"]


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} was not found; install PySide6 into this environment.")
    return found


def run_lupdate(ts_file: Path) -> None:
    """Collect the translatable strings into `ts_file` (existing translations kept, vanished ones dropped)."""
    sources = [str(p.relative_to(SOURCE_ROOT)) for p in translatable_sources() if p.exists()]
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources, "-locations", "none", "-no-obsolete",
         "-source-language", "en", "-target-language", "de", "-ts", str(ts_file)],
        cwd=SOURCE_ROOT, check=True, capture_output=True, text=True,
    )


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
                   check=True, capture_output=True, text=True)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments not in (["update"], ["release"]):
        print("Usage: python -m cxstudio.ui.i18n update|release", file=sys.stderr)
        return 2
    TRANSLATIONS_DIR.mkdir(parents=True, exist_ok=True)
    if arguments == ["update"]:
        run_lupdate(TS_FILE)
    run_lrelease(TS_FILE, QM_FILE)
    print(f"Updated {TS_FILE.relative_to(SOURCE_ROOT)} and {QM_FILE.relative_to(SOURCE_ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
