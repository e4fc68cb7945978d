"""Real mouse and keyboard gestures on a canvas's viewport, addressed in scene coordinates."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QKeyEvent, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from cxstudio.layout import Rect
from cxstudio.ui.canvas import JourneyCanvas

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def viewport_point(canvas: JourneyCanvas, x: float, y: float) -> QPoint:
    return canvas.mapFromScene(QPointF(x, y))


def centre(rect: Rect) -> tuple[float, float]:
    return rect.center


def click(canvas: JourneyCanvas, x: float, y: float, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    point = viewport_point(canvas, x, y)
    QTest.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, modifiers, point)
    QTest.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, modifiers, point)


def double_click(canvas: JourneyCanvas, x: float, y: float) -> None:
    point = viewport_point(canvas, x, y)
    QTest.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, point)


def drag(
    canvas: JourneyCanvas, start: tuple[float, float], end: tuple[float, float],
    button: Qt.MouseButton = Qt.MouseButton.LeftButton, modifiers: Qt.KeyboardModifier = NO_MODIFIER, steps: int = 6,
) -> None:
    """Press at `start`, move in steps to `end`, release there (scene coordinates)."""
    viewport = canvas.viewport()
    p0 = viewport_point(canvas, *start)
    p1 = viewport_point(canvas, *end)
    QTest.mousePress(viewport, button, modifiers, p0)
    for step in range(1, steps + 1):
        point = p0 + (p1 - p0) * (step / steps)
        QTest.mouseMove(viewport, point)
    QTest.mouseRelease(viewport, button, modifiers, p1)


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` as key events carrying the characters (qtbot.keyClicks aborts on umlauts)."""
    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, NO_MODIFIER, char))


def press_key(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    QTest.keyClick(widget, key, modifiers)


def drop_mime(canvas: JourneyCanvas, mime: QMimeData, x: float, y: float) -> tuple[bool, bool]:
    """Drag enter, move and drop `mime` at a scene point; returns whether the enter and the drop were accepted."""
    viewport = canvas.viewport()
    point = QPointF(viewport_point(canvas, x, y))
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False, False
    move = QDragMoveEvent(point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(point, actions, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)
    QApplication.sendEvent(viewport, drop)
    return True, drop.isAccepted()


def render_area(canvas: JourneyCanvas, area: QRectF, scale: float = 4.0) -> QImage:
    """The scene's `area` rendered at `scale` pixels per point, on white."""
    image = QImage(int(area.width() * scale), int(area.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    canvas.journey_scene.render(painter, QRectF(image.rect()), area)
    painter.end()
    return image
