"""The editor's composition root: the Qt application, translations, the main window, and headless rendering."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DEFAULT_TEMPLATE = "journey-map"


def display_available() -> bool:
    """Whether Qt can show windows: a platform plugin was chosen explicitly, or an X11/Wayland display exists."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _message_language() -> str:
    from cxstudio.persistence.errors import language_from_environment

    return language_from_environment()


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
    from PySide6.QtWidgets import QApplication

    from cxstudio.ui.i18n import Translations, choose_language
    from cxstudio.ui.main_window import MainWindow, app_icon, reopen_in_language
    from cxstudio.ui.settings import EditorSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CX Studio")
    app.setOrganizationName("CX Studio")
    app.setWindowIcon(app_icon())
    settings = EditorSettings()
    translations = Translations(app)
    language = choose_language(settings.language())
    translations.switch(language)
    window = MainWindow(settings, language)
    windows = [window]  # the window in use; a language switch replaces it

    def switch_language(preference: str) -> None:
        old = windows[0]
        replacement = reopen_in_language(old, translations, preference)
        replacement.languageChosen.connect(switch_language)
        windows[0] = replacement

    window.languageChosen.connect(switch_language)
    if settings.window_geometry() is None:  # the first start: a projector or a laptop screen, use all of it
        screen = app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.availableGeometry())
        window.showMaximized()
    else:
        window.show()
    recovered = window.offer_recovery()
    if path is not None and not recovered:
        window.open_path(path)
    elif path is None and not recovered:
        window.new_from_template((DEFAULT_TEMPLATE, language))
    return int(app.exec())


def render_headless(path: str | os.PathLike[str], out_png: str | os.PathLike[str], journey: str | None = None,
                    scale: float = 2.0, view: str | None = None) -> int:
    """Render one journey of a project (by name or id; default the first) to a PNG without a display.

    `view` is one of map, blueprint, swimlane_channel, swimlane_department (default: map).
    Returns 0 on success; 1 with one sentence on stderr when the file cannot be opened, has no
    journey of that name, the view is unknown, or the image cannot be written. The project file
    is only read.
    """
    from cxstudio.layout.journey import ViewKind

    language = _message_language()
    if view is not None and view not in ViewKind._value2member_map_:
        names = ", ".join(kind.value for kind in ViewKind)
        if language == "de":
            print(f"cxstudio: Die Ansicht '{view}' gibt es nicht; möglich sind {names}.", file=sys.stderr)
        else:
            print(f"cxstudio: There is no view '{view}'; choose one of {names}.", file=sys.stderr)
        return 1
    if not display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication

    from cxstudio import api
    from cxstudio.persistence.errors import ProjectFileError
    from cxstudio.ui.bridge import SessionBridge
    from cxstudio.ui.canvas import JourneyCanvas

    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        project = api.open_project(path, read_only=True)
    except ProjectFileError as error:
        print(f"cxstudio: {error.message(language)}", file=sys.stderr)
        return 1
    except Exception as error:  # a bad file never ends in a traceback
        detail = getattr(error, "strerror", None) or str(error) or type(error).__name__
        if language == "de":
            print(f"cxstudio: Die Datei {path} konnte nicht geöffnet werden ({detail}).", file=sys.stderr)
        else:
            print(f"cxstudio: The file {path} could not be opened ({detail}).", file=sys.stderr)
        return 1
    try:
        journeys = project.document.journeys()
        chosen = journeys[0] if journeys and journey is None else next(
            (j for j in journeys if journey in (j.id, j.name)), None)
        if chosen is None:
            if language == "de":
                print(f"cxstudio: Das Projekt {path} hat keine Journey namens '{journey}'."
                      if journey else f"cxstudio: Das Projekt {path} enthält keine Journey.", file=sys.stderr)
            else:
                print(f"cxstudio: The project {path} has no journey named '{journey}'."
                      if journey else f"cxstudio: The project {path} contains no journey.", file=sys.stderr)
            return 1
        bridge = SessionBridge(project.session)
        canvas = JourneyCanvas(project, bridge)
        canvas.set_journey(chosen.id)
        if view is not None:
            canvas.set_view(ViewKind(view))
        scene = canvas.scene()
        scene.clearSelection()
        source = scene.itemsBoundingRect().adjusted(-16, -16, 16, 16)
        factor = min(scale, 16000 / max(source.width(), 1.0), 16000 / max(source.height(), 1.0))
        image = QImage(max(1, round(source.width() * factor)), max(1, round(source.height() * factor)),
                       QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        scene.render(painter, QRectF(image.rect()), source)
        painter.end()
        canvas.deleteLater()
        bridge.disconnect_session()
        target = Path(out_png)
        if not image.save(str(target), "PNG"):
            if language == "de":
                print(f"cxstudio: Das Bild konnte nicht nach {target} geschrieben werden.", file=sys.stderr)
            else:
                print(f"cxstudio: The image could not be written to {target}.", file=sys.stderr)
            return 1
        app.processEvents()
        return 0
    finally:
        project.close()
