"""The editor's composition root: the Qt application, translations, the main window, and headless rendering."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from cxstudio.api import OpenProject
    from cxstudio.layout.settings import LayoutSettings

def display_available() -> bool:
    """Whether Qt can show windows: a platform plugin was chosen explicitly, or an X11/Wayland display exists."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _message_language() -> str:
    from cxstudio.model.messages import language_from_environment

    return language_from_environment()


def _quicker_pyside_import_check() -> None:
    """Give PySide6's import hook the same answer for less: whether a module's source file names PySide6.

    Once PySide6 is imported, it asks of every module imported after it whether the module uses
    PySide (for its opt-in `from __feature__ import ...`), by reading the module's source through
    `inspect.getsource` (linecache, tokenize): some 0.1 ms for each of the editor's 250 modules.
    Reading the file's bytes answers the same question; anything else (no .py file, an unreadable
    one) still goes the original way. Nothing changes when PySide6 has no such hook.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "cxstudio_quick", False):
        return

    def uses_pyside(module: object) -> bool:
        source = getattr(module, "__file__", None)
        if isinstance(source, str) and source.endswith(".py"):
            try:
                with open(source, "rb") as handle:
                    return b"PySide6" in handle.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.cxstudio_quick = True  # type: ignore[attr-defined]
    uses_pyside.original = original  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def _collect_from_now_on() -> None:
    """After the first paint: what start-up made is kept out of the collector's way (it lives on), which runs again."""
    import gc

    gc.freeze()
    gc.enable()


def method_cache_file() -> Path:
    """Where the editor keeps the compiled methods of its dataclasses: the user's cache folder (XDG_CACHE_HOME)."""
    import platformdirs

    from cxstudio.method_cache import FILE_NAME

    return Path(platformdirs.user_cache_dir("cxstudio", appauthor=False)) / FILE_NAME


def _save_compiled_methods(moment: str) -> None:
    """Keep the dataclass methods compiled in this run for the next start (cxstudio.method_cache), and log it."""
    from cxstudio import logs, method_cache

    count = method_cache.compiled_now()
    if method_cache.save(method_cache_file()):
        logs.logger().info("%d dataclass methods compiled %s, cached for the next start", count, moment)


def run_editor(path: str | None) -> int:
    """Run the editor (optionally on `path`) until its window closes; returns the process exit code."""
    if not display_available():
        if _message_language() == "de":
            print("cxstudio: Es ist kein Bildschirm verfügbar (weder DISPLAY noch WAYLAND_DISPLAY ist gesetzt); "
                  "starten Sie den Editor in einer Desktop-Sitzung oder erzeugen Sie mit "
                  "'cxstudio render DATEI -o bild.png' ein Bild der Karte.", file=sys.stderr)
        else:
            print("cxstudio: No display is available (neither DISPLAY nor WAYLAND_DISPLAY is set); start the "
                  "editor in a desktop session, or render a map to an image with "
                  "'cxstudio render FILE -o map.png'.", file=sys.stderr)
        return 1
    import gc

    gc.disable()  # start-up makes modules, classes and widgets that live on: no cycles to collect until painted
    from cxstudio import method_cache

    method_cache.install(method_cache_file())  # the dataclasses' methods compiled at the last start (saved after the first paint)
    from cxstudio import api, logs

    logs.setup_logging(rotating=False)  # the rollover after the first paint (below)
    logs.log_start("editor started" + (f" on {path}" if path else ""))
    from PySide6.QtWidgets import QApplication

    _quicker_pyside_import_check()
    from cxstudio.ui.crash import CrashHandler
    from cxstudio.ui.i18n import Translations, choose_language
    from cxstudio.ui.main_window import MainWindow, app_icon, reopen_in_language
    from cxstudio.ui.settings import EditorSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CX Studio")
    app.setOrganizationName("CX Studio")
    app.setDesktopFileName("cxstudio")  # the .desktop entry installed by the Linux package (Wayland app id)
    app.setWindowIcon(app_icon())
    settings = EditorSettings()
    translations = Translations(app)
    language = choose_language(settings.language())
    translations.switch(language)
    window = MainWindow(settings, language, map_first=True)  # the map's first paint, then the hidden parts
    windows = [window]  # the window in use; a language switch replaces it

    def switch_language(preference: str) -> None:
        old = windows[0]
        replacement = reopen_in_language(old, translations, preference)
        replacement.languageChosen.connect(switch_language)
        windows[0] = replacement

    window.languageChosen.connect(switch_language)
    crashes = CrashHandler(lambda: windows[0])  # uncaught exceptions: logged, then a dialog in the UI language
    crashes.install()
    if sys.platform == "darwin":  # only macOS sends QFileOpenEvent (a double-clicked project); elsewhere no
        from cxstudio.ui.file_open import FileOpenFilter  # application filter needs to see every event

        file_opener = FileOpenFilter(lambda opened: windows[0].open_path(opened), app)
        app.installEventFilter(file_opener)
    from cxstudio import memory

    memory.postpone()  # malloc's thresholds help the opens after the first: set after the first paint (below)
    recovered = window.offer_recovery()  # a dialog only when a crashed editor left unsaved work
    if path is not None and not recovered:
        window.open_path(path)  # before the window shows: its first paint is the map (no start page first)
    # after the first paint (it deletes only what holds no work, so the recovery offer above is unaffected):
    # the temporary files of saves killed midway, and working copies of ended editors without unsaved work
    window.setup.later(api.clean_up_leftovers)
    window.setup.later(logs.setup_logging)  # the same log file, from now on rolled over when full
    window.setup.later(api.prepare_writing)  # SQLAlchemy for the first edit, which need not wait for it then
    window.setup.later(memory.resume)
    window.setup.later(lambda: _save_compiled_methods("at start-up"))
    window.setup.later(_collect_from_now_on)
    if os.environ.get("CXSTUDIO_EXIT_AT_FIRST_PAINT"):  # bench/bench_startup.py: report the first paint, quit
        from cxstudio.ui import first_paint

        first_paint.install(app, window.canvas.viewport() if window.canvas is not None else None)
    # without a file the start page offers templates, the worked examples and the recent files
    if settings.window_geometry() is None:  # the first start: a projector or a laptop screen, use all of it
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
    else:
        window.show()
    try:
        return int(app.exec())
    finally:
        _save_compiled_methods("while the editor ran")  # also those of the parts used later
        crashes.uninstall()
        logs.logger().info("editor closed")


class _RenderRefusedError(Exception):
    """Headless rendering cannot start; the sentence is already printed."""


def _say_error(language: str, english: str, german: str) -> None:
    print(f"cxstudio: {german if language == 'de' else english}", file=sys.stderr)


def _headless_app() -> QCoreApplication:
    if not display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _open_for_render(path: str | os.PathLike[str], language: str) -> OpenProject:
    """The project at `path`, opened read-only; _RenderRefusedError (one sentence printed) when it cannot be opened."""
    from cxstudio import api
    from cxstudio.persistence.errors import ProjectFileError

    try:
        return api.open_project(path, read_only=True)
    except ProjectFileError as error:
        print(f"cxstudio: {error.message(language)}", file=sys.stderr)
    except Exception as error:  # a bad file never ends in a traceback
        detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
        _say_error(language, f"The file {path} could not be opened ({detail}).",
                   f"Die Datei {path} konnte nicht geöffnet werden ({detail}).")
    raise _RenderRefusedError


def _chosen_journey(project: OpenProject, path: str | os.PathLike[str], journey: str | None, language: str) -> str:
    """The id of the journey named (or with the id) `journey`, the first one when None; else _RenderRefusedError."""
    journeys = project.document.journeys()
    if journey is None:
        chosen = journeys[0] if journeys else None
    else:
        chosen = next((j for j in journeys if journey in (j.id, j.name)), None)
        if chosen is None:
            folded = [j for j in journeys if j.name.strip().casefold() == journey.strip().casefold()]
            chosen = folded[0] if len(folded) == 1 else None
    if chosen is None:
        if journey:
            _say_error(language, f"The project {path} has no journey named '{journey}'.",
                       f"Das Projekt {path} hat keine Journey namens '{journey}'.")
        else:
            _say_error(language, f"The project {path} contains no journey.",
                       f"Das Projekt {path} enthält keine Journey.")
        raise _RenderRefusedError
    return str(chosen.id)


@contextmanager
def _journey_for_render(path: str | os.PathLike[str], journey: str | None,
                        language: str) -> Iterator[tuple[OpenProject, str]]:
    """The project at `path` opened read-only and the id of the journey chosen in it, closed afterwards.

    Raises _RenderRefusedError (one sentence printed) when the file cannot be opened or has no such journey.
    """
    project = _open_for_render(path, language)
    try:
        yield project, _chosen_journey(project, path, journey, language)
    finally:
        project.close()


def render_headless(path: str | os.PathLike[str], out_png: str | os.PathLike[str], journey: str | None = None,
                    scale: float = 2.0, view: str | None = None, settings: LayoutSettings | None = None) -> int:
    """Render one journey of a project (by name or id; default the first) to a PNG without a display.

    `settings` carries the map's switches (persona band, actions lane); None: the canvas's defaults.

    `view` is one of map, blueprint, swimlane_channel, swimlane_department (default: map).
    Returns 0 on success; 1 with one sentence on stderr when the file cannot be opened, has no
    journey of that name, the view is unknown, or the image cannot be written. The project file
    is only read.
    """
    from cxstudio.layout.journey import ViewKind

    language = _message_language()
    if view is not None and view not in ViewKind._value2member_map_:
        names = ", ".join(kind.value for kind in ViewKind)
        _say_error(language, f"There is no view '{view}'; choose one of {names}.",
                   f"Die Ansicht '{view}' gibt es nicht; möglich sind {names}.")
        return 1
    app = _headless_app()
    from cxstudio.ui.export.images import journey_scene, map_rect, scene_image

    try:
        with _journey_for_render(path, journey, language) as (project, journey_id):
            with journey_scene(project, journey_id, ViewKind(view or ViewKind.MAP.value), settings=settings) as scene:
                source = map_rect(scene)
                factor = min(scale, 16000 / max(source.width(), 1.0), 16000 / max(source.height(), 1.0))
                image = scene_image(scene, source, factor)
            target = Path(out_png)
            if not image.save(str(target), "PNG"):
                _say_error(language, f"The image could not be written to {target}.",
                           f"Das Bild konnte nicht nach {target} geschrieben werden.")
                return 1
            app.processEvents()
            return 0
    except _RenderRefusedError:
        return 1


# the command line's view names (as for PDF exports) -> the canvas's
_IMAGE_VIEWS = {
    "map": "map", "journey": "map", "blueprint": "blueprint",
    "swimlane": "swimlane_channel", "swimlane-channel": "swimlane_channel", "swimlane_channel": "swimlane_channel",
    "swimlane-department": "swimlane_department", "swimlane_department": "swimlane_department",
}


def render_image(path: str | os.PathLike[str], out: str | os.PathLike[str], journey: str | None = None,
                 view: str = "map", dpi: int = 150, language: str | None = None,
                 highlight: Sequence[str] = (), settings: LayoutSettings | None = None) -> int:
    """Draw one journey in one view as the canvas shows it into a PNG (at `dpi`) or an SVG, by `out`'s suffix.

    `settings` carries the map's switches (persona band, actions lane); None: the canvas's defaults.

    The whole map is drawn, not a window of it. Returns 0 when written; 1 with one sentence on
    stderr for an unreadable project, an unknown journey or view, a bad resolution, an image too
    large to create, or an output that cannot be written (then no file is left behind). The
    project file is only read.
    """
    from cxstudio.export.errors import ExportError

    language = language or _message_language()
    view_value = _IMAGE_VIEWS.get(view.strip().lower())
    if view_value is None:
        print(f"cxstudio: {ExportError('unknown_view', view=view).message(language)}", file=sys.stderr)
        return 1
    app = _headless_app()
    from cxstudio.ui.export.images import ImageExportError, check_dpi, write_image

    suffix = Path(out).suffix.lower()
    try:
        if suffix == ".png":
            check_dpi(dpi)
    except ImageExportError as error:
        print(f"cxstudio: {error.message(language)}", file=sys.stderr)
        return 1
    try:
        with _journey_for_render(path, journey, language) as (project, journey_id):
            name = project.document.get(journey_id).name
            dimmed: frozenset[str] = frozenset()
            if highlight:  # --highlight: the cards the filter leaves out are veiled (cxstudio.analysis.filters)
                from cxstudio.analysis.filters import HighlightError, dimmed_card_ids, parse_highlight

                try:
                    card_filter = parse_highlight(project.document, highlight)
                except HighlightError as error:
                    print(f"cxstudio: {error.message(language)}", file=sys.stderr)
                    return 1
                dimmed = dimmed_card_ids(project.document, card_filter, journey_id)
            write_image(project, journey_id, view_value, out, dpi=dpi, title=name, dimmed=dimmed, settings=settings)
            app.processEvents()
            return 0
    except _RenderRefusedError:
        return 1
    except ImageExportError as error:
        print(f"cxstudio: {error.message(language)}", file=sys.stderr)
        return 1
