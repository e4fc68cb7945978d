"""Images of a journey drawn by the canvas's scene: PNG at a chosen DPI and SVG (text kept as text), written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem

from cxstudio.layout import LayoutSettings, ViewKind
from cxstudio.model.messages import UserMessageError
from cxstudio.ui.canvas.scene import JourneyScene
from cxstudio.ui.canvas.text import register_bundled_fonts

if TYPE_CHECKING:
    from cxstudio.api import OpenProject

POINTS_PER_INCH = 72.0  # scene units are layout points
MARGIN = 16.0  # points of white around the map
MIN_DPI = 10
MAX_DPI = 1200
DEFAULT_DPI = 150
MAX_SIDE_PX = 32_000  # QImage and most viewers stop near 32,767 pixels a side
MAX_PIXELS = 250_000_000  # 1 GB of ARGB32
IMAGE_SUFFIXES = (".png", ".svg")

# code -> (English, German); fields are filled from ImageExportError.params
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_dpi": (
        "The resolution must be between {low} and {high} dpi, not {dpi}.",
        "Die Auflösung muss zwischen {low} und {high} dpi liegen, nicht bei {dpi}.",
    ),
    "too_large": (
        "At {dpi} dpi the image would be {width} x {height} pixels, too large to create; choose at most {max_dpi} dpi "
        "or export an SVG.",
        "Bei {dpi} dpi wäre das Bild {width} x {height} Pixel groß und damit zu groß; wählen Sie höchstens "
        "{max_dpi} dpi oder exportieren Sie ein SVG.",
    ),
    "unwritable": (
        "The image could not be written to '{path}' ({reason}).",
        "Das Bild konnte nicht nach '{path}' geschrieben werden ({reason}).",
    ),
    "bad_suffix": (
        "'{suffix}' is not an image format CX Studio writes; name the file .png or .svg.",
        "'{suffix}' ist kein Bildformat, das CX Studio schreibt; geben Sie der Datei die Endung .png oder .svg.",
    ),
    "no_journey": (
        "There is no journey to draw.",
        "Es gibt keine Customer Journey, die gezeichnet werden könnte.",
    ),
}

REASONS: dict[str, tuple[str, str]] = {
    "no_folder": ("the folder does not exist", "der Ordner existiert nicht"),
    "is_folder": ("it is a folder", "es ist ein Ordner"),
    "permission": ("permission denied", "keine Berechtigung"),
    "write_failed": ("writing failed", "das Schreiben ist fehlgeschlagen"),
}


class ImageExportError(UserMessageError):
    """An image that cannot be written; `message(language)` is one sentence for the user."""

    MESSAGES = MESSAGES
    REASONS = REASONS


@contextmanager
def journey_scene(project: OpenProject, journey_id: str, view: ViewKind | str,
                  dimmed: frozenset[str] = frozenset(),
                  settings: LayoutSettings | None = None) -> Iterator[JourneyScene]:
    """A scene of the canvas's kind showing `journey_id` in `view`, the cards in `dimmed` veiled, deleted afterwards;
    `settings` carries the map's switches (persona band, actions lane; None: the scene's defaults)."""
    register_bundled_fonts()
    scene = JourneyScene(project)
    if settings is not None:
        scene.layout_settings = settings
    try:
        scene.show_journey(journey_id, ViewKind(view))
        scene.clearSelection()
        scene.dim_layer.set_dimmed(dimmed, scene.layout)  # as the canvas dims the cards a filter leaves out
        for item in scene.items():  # cached items would be pasted as bitmaps into SVGs and printouts
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        yield scene
    finally:
        scene.clear()
        scene.deleteLater()


def map_rect(scene: JourneyScene) -> QRectF:
    """The whole map (every item, not only the visible part) with a little white around it, in points."""
    return scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def scaled_size(source: QRectF, factor: float) -> QSize:
    """The pixel size of `source` drawn `factor` pixels a point, at least one pixel a side."""
    return QSize(max(1, round(source.width() * factor)), max(1, round(source.height() * factor)))


def png_size(source: QRectF, dpi: int) -> QSize:
    return scaled_size(source, dpi / POINTS_PER_INCH)


def scene_image(scene: JourneyScene, source: QRectF, factor: float) -> QImage:
    """The part `source` of `scene` drawn onto white, `factor` pixels a point (previews and headless renders)."""
    image = QImage(scaled_size(source, factor), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), source)
    painter.end()
    return image


def max_dpi_for(source: QRectF) -> int:
    """The highest resolution whose image stays within the side and pixel limits."""
    longest = max(source.width(), source.height(), 1.0)
    area = max(source.width() * source.height(), 1.0)
    by_side = MAX_SIDE_PX / longest * POINTS_PER_INCH
    by_area = (MAX_PIXELS / area) ** 0.5 * POINTS_PER_INCH
    return max(1, int(min(by_side, by_area, MAX_DPI)))


def check_dpi(dpi: int) -> None:
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ImageExportError("bad_dpi", low=MIN_DPI, high=MAX_DPI, dpi=dpi)


def _check_target(out: Path) -> None:
    if out.is_dir():
        raise ImageExportError("unwritable", path=out, reason="is_folder")
    if not out.parent.is_dir():
        raise ImageExportError("unwritable", path=out, reason="no_folder")
    if not os.access(out.parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ImageExportError("unwritable", path=out, reason="permission")


@contextmanager
def _atomic(out: Path) -> Iterator[Path]:
    """A temporary file beside `out` that replaces it only when everything was written."""
    _check_target(out)
    handle, name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=out.suffix, dir=out.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        mode = out.stat().st_mode & 0o777 if out.exists() else 0o666 & ~_umask()
        os.chmod(temp, mode)
        os.replace(temp, out)
    finally:
        if temp.exists():
            temp.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _paint(scene: JourneyScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)


def write_png(scene: JourneyScene, out: str | os.PathLike[str], dpi: int = DEFAULT_DPI) -> QSize:
    """Draw the whole map of `scene` at `dpi` (72 dpi = 100 %) into a PNG that records its resolution."""
    check_dpi(dpi)
    source = map_rect(scene)
    size = png_size(source, dpi)
    if size.width() > MAX_SIDE_PX or size.height() > MAX_SIDE_PX or size.width() * size.height() > MAX_PIXELS:
        raise ImageExportError("too_large", dpi=dpi, width=size.width(), height=size.height(),
                               max_dpi=max_dpi_for(source))
    target = Path(out)
    with _atomic(target) as temp:
        image = QImage(size, QImage.Format.Format_ARGB32)
        if image.isNull():
            raise ImageExportError("too_large", dpi=dpi, width=size.width(), height=size.height(),
                                   max_dpi=max_dpi_for(source))
        image.fill(Qt.GlobalColor.white)
        dots_per_metre = round(dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        painter = QPainter(image)
        _paint(scene, painter, QRectF(image.rect()), source)
        painter.end()
        if not image.save(str(temp), "PNG"):
            raise ImageExportError("unwritable", path=target, reason="write_failed")
    return size


def write_svg(scene: JourneyScene, out: str | os.PathLike[str], title: str = "") -> QSize:
    """Draw the whole map of `scene` into an SVG in points (text stays text, as Qt's SVG engine writes it)."""
    source = map_rect(scene)
    size = QSize(max(1, round(source.width())), max(1, round(source.height())))
    target = Path(out)
    with _atomic(target) as temp:
        generator = QSvgGenerator()
        generator.setFileName(str(temp))
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setResolution(round(POINTS_PER_INCH))
        generator.setTitle(title)
        generator.setDescription("CX Studio")
        painter = QPainter()
        if not painter.begin(generator):
            raise ImageExportError("unwritable", path=target, reason="write_failed")
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), Qt.GlobalColor.white)
        _paint(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
        painter.end()
        if temp.stat().st_size == 0:
            raise ImageExportError("unwritable", path=target, reason="write_failed")
    return size


def write_image(project: OpenProject, journey_id: str, view: ViewKind | str, out: str | os.PathLike[str],
                dpi: int = DEFAULT_DPI, title: str = "", dimmed: frozenset[str] = frozenset(),
                settings: LayoutSettings | None = None) -> QSize:
    """PNG or SVG by the file's suffix, of `journey_id` in `view`, drawn by a fresh scene of the canvas's kind;
    the cards in `dimmed` are veiled as the canvas dims cards a filter leaves out."""
    suffix = Path(out).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise ImageExportError("bad_suffix", suffix=Path(out).suffix or Path(out).name)
    if suffix == ".png":
        check_dpi(dpi)
    with journey_scene(project, journey_id, view, dimmed, settings) as scene:
        if suffix == ".svg":
            return write_svg(scene, out, title)
        return write_png(scene, out, dpi)
