"""The editor's languages: choosing German or English, installing Qt translators, and updating the .ts/.qm files.

Run ``python -m cxstudio.ui.i18n update`` after changing UI strings: it collects every
``tr()``/``QCoreApplication.translate`` string of ``cxstudio/ui`` and ``cxstudio/app.py`` into
``cxstudio/resources/translations/cxstudio_de.ts`` (keeping existing translations) and compiles the ``.qm``.
"""

from __future__ import annotations

import ast
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from cxstudio.resources import RESOURCES_DIR

PACKAGE_DIR = Path(__file__).resolve().parents[1]
SOURCE_ROOT = PACKAGE_DIR.parent
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
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


def _translate_wrappers(tree: ast.Module) -> dict[str, str]:
    """Module-level helpers such as ``def _tr(text): return QCoreApplication.translate("Ctx", text)`` -> context."""
    wrappers: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1 or len(node.body) != 1:
            continue
        statement = node.body[0]
        call = statement.value if isinstance(statement, ast.Return) else None
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "translate"
                and len(call.args) == 2 and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[0].value, str) and isinstance(call.args[1], ast.Name)
                and call.args[1].id == node.args.args[0].arg):
            wrappers[node.name] = call.args[0].value
    return wrappers


def wrapped_strings(path: Path) -> list[tuple[str, str]]:
    """(context, text) of every literal passed to a translate wrapper in `path`, which lupdate cannot see."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrappers = _translate_wrappers(tree)
    found: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in wrappers
                and len(node.args) == 1 and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            found.append((wrappers[node.func.id], node.args[0].value))
    return found


def run_lupdate(ts_file: Path) -> None:
    """Collect the translatable strings into `ts_file` (existing translations kept, vanished ones dropped).

    Besides ``tr()`` and ``QCoreApplication.translate`` calls, literals passed to one-argument
    translate wrappers (``_tr("...")``) are collected through a generated file lupdate reads.
    """
    import subprocess  # the tools only: the editor's start does without it

    sources = [p for p in translatable_sources() if p.exists()]
    wrapped = sorted({item for path in sources for item in wrapped_strings(path)})
    with tempfile.TemporaryDirectory() as folder:
        extra = Path(folder) / "wrapped_strings.py"
        extra.write_text(
            "from PySide6.QtCore import QCoreApplication\n"
            + "".join(f"QCoreApplication.translate({context!r}, {text!r})\n" for context, text in wrapped),
            encoding="utf-8",
        )
        subprocess.run(
            [_tool("pyside6-lupdate"), *(str(p) for p in sources), str(extra), "-locations", "none",
             "-no-obsolete", "-source-language", "en", "-target-language", "de", "-ts", str(ts_file)],
            cwd=SOURCE_ROOT, check=True, capture_output=True, text=True,
        )


def run_lrelease(ts_file: Path, qm_file: Path) -> None:
    import subprocess

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
