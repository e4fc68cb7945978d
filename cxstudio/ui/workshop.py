"""Workshop mode (F11): full screen, large type, panels hidden, quick capture of "Stage: title" lines, number-key ratings, a timer.

Every edit goes through the window's one edit path (`files.run` with cxstudio.editing.operations):
each captured line is one undo step "Add card", each rating one step for the selected cards.
Leaving the mode restores the window state, the panels and the zoom the facilitator had before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QElapsedTimer, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from cxstudio.editing import operations
from cxstudio.model.entities import Card, Lane, LaneKind, Stage
from cxstudio.ui.icons import icon

if TYPE_CHECKING:
    from cxstudio.model.document import Document
    from cxstudio.ui.main_window import MainWindow

WORKSHOP_ZOOM = 1.5  # at least this zoom on the canvas: type readable from the back of the room
CAPTURE_POINT_SIZE = 15.0
TIMER_POINT_SIZE = 20.0
_DERIVED_LANES = (LaneKind.EMOTION_CURVE.value, LaneKind.CHANNELS.value, LaneKind.DEPARTMENTS.value)


def find_stage(document: Document, journey_id: str, text: str) -> Stage | None:
    """The journey's stage `text` names: its name (case and spacing ignored), its number (1 = first), or a unique
    beginning of its name."""
    stages = document.stages(journey_id)
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    for stage in stages:
        if " ".join(stage.name.split()).casefold() == wanted:
            return stage
    if wanted.isdigit() and 1 <= int(wanted) <= len(stages):
        return stages[int(wanted) - 1]
    starting = [s for s in stages if " ".join(s.name.split()).casefold().startswith(wanted)]
    return starting[0] if len(starting) == 1 else None


def capture_lane(document: Document, journey_id: str, selected: list[Card]) -> Lane | None:
    """The lane captured cards go to: the selected card's lane, else the first lane of customer steps (a card lane
    or customer actions), else the first lane that holds cards (not the emotion curve, channels or departments)."""
    for card in reversed(selected):
        if card.journey_id == journey_id:
            return document.get(card.lane_id, Lane)
    lanes = document.lanes(journey_id)
    steps = (LaneKind.CARDS.value, LaneKind.CUSTOMER_ACTIONS.value)  # a map's customer steps, a blueprint's actions
    return next((ln for ln in lanes if ln.kind in steps),
                next((ln for ln in lanes if ln.kind not in _DERIVED_LANES), None))


class WorkshopBar(QToolBar):
    """The bar workshop mode shows at the top: quick capture, its message, the timer, and the way out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopBar")
        self.setWindowTitle(self.tr("Workshop"))
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(self.iconSize() * 1.3)
        self.capture = QLineEdit()
        self.capture.setObjectName("quickCapture")
        self.capture.setPlaceholderText(self.tr("Quick capture: type “Stage: card title” and press Enter"))
        self.capture.setAccessibleName(self.tr("Quick capture"))
        self.capture.setClearButtonEnabled(True)
        font = QFont(self.capture.font())
        font.setPointSizeF(CAPTURE_POINT_SIZE)
        self.capture.setFont(font)
        self.capture.setMinimumWidth(420)
        self.addWidget(self.capture)
        self.feedback = QLabel()
        self.feedback.setObjectName("captureFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setMaximumWidth(760)
        self.feedback.setContentsMargins(8, 0, 8, 0)
        self.addWidget(self.feedback)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.clock = QLabel("00:00")
        self.clock.setObjectName("workshopTimer")
        self.clock.setAccessibleName(self.tr("Timer"))
        clock_font = QFont(self.clock.font())
        clock_font.setPointSizeF(TIMER_POINT_SIZE)
        clock_font.setBold(True)
        clock_font.setStyleHint(QFont.StyleHint.Monospace)
        self.clock.setFont(clock_font)
        self.clock.setContentsMargins(10, 0, 10, 0)
        self.addWidget(self.clock)
        self.start_pause = self._button("timerStartPause", self.tr("Start"), "play")
        self.reset = self._button("timerReset", self.tr("Reset"), "reset")
        self.addSeparator()
        self.leave = self._button("leaveWorkshop", self.tr("Leave workshop (F11)"), "close")

    def _button(self, name: str, text: str, icon_name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.addWidget(button)
        return button

    def say(self, text: str, problem: bool = False) -> None:
        self.feedback.setStyleSheet("color: #a11;" if problem else "color: #225;")
        self.feedback.setText(text)


class WorkshopTimer(QObject):
    """A stopwatch shown as mm:ss (h:mm:ss from an hour on): start, pause, reset."""

    def __init__(self, bar: WorkshopBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self._elapsed = QElapsedTimer()
        self._banked_ms = 0
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self.show_time)
        bar.start_pause.clicked.connect(lambda _checked=False: self.toggle())
        bar.reset.clicked.connect(lambda _checked=False: self.reset())
        self.show_time()

    @property
    def running(self) -> bool:
        return self._elapsed.isValid()

    def milliseconds(self) -> int:
        return self._banked_ms + (self._elapsed.elapsed() if self.running else 0)

    def toggle(self) -> None:
        if self.running:
            self._banked_ms += self._elapsed.elapsed()
            self._elapsed.invalidate()
            self._tick.stop()
        else:
            self._elapsed.start()
            self._tick.start()
        self.bar.start_pause.setText(self.tr("Pause") if self.running else self.tr("Start"))
        self.bar.start_pause.setIcon(icon("pause" if self.running else "play"))
        self.show_time()

    def reset(self) -> None:
        self._banked_ms = 0
        if self.running:
            self._elapsed.start()
        self.show_time()

    def show_time(self) -> None:
        seconds = self.milliseconds() // 1000
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        self.bar.clock.setText(f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}")


class WorkshopMode(QObject):
    """F11 (View > Workshop Mode) turns the window into a workshop surface and back."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction(icon("workshop"), self.tr("&Workshop Mode"), window)
        self.action.setObjectName("actionWorkshop")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("F11"))
        self.action.setStatusTip(self.tr("Full screen, large type, panels hidden, quick capture and a timer"))
        self.action.toggled.connect(self.set_active)
        window.addAction(self.action)
        menu.addSeparator()
        menu.addAction(self.action)
        self.bar: WorkshopBar | None = None
        self.timer: WorkshopTimer | None = None
        self._shortcuts: list[QShortcut] = []
        self._hidden: list[QWidget] = []
        self._window_state = Qt.WindowState.WindowNoState
        self._layout = QByteArray()
        self._zoom: float | None = None
        window.projectChanged.connect(self._project_changed)
        self.action.setEnabled(window.project is not None)  # nothing to run a workshop on from the start page

    @property
    def active(self) -> bool:
        return self.action.isChecked()

    # ------------------------------------------------------------------ entering and leaving
    def _build(self) -> WorkshopBar:
        """The bar and the rating keys, made the first time the mode is entered (nothing of it at start-up)."""
        bar = WorkshopBar(self.window)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        bar.hide()
        bar.capture.returnPressed.connect(self.capture_line)
        bar.leave.clicked.connect(lambda _checked=False: self.action.setChecked(False))
        self.timer = WorkshopTimer(bar)
        for number in range(10):
            shortcut = QShortcut(QKeySequence(str(number)), self.window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(lambda rating=number or 10: self.rate_selected(rating))
            self._shortcuts.append(shortcut)
        self.bar = bar
        return bar

    def set_active(self, active: bool) -> None:
        window = self.window
        bar = self.bar or self._build()
        if active:
            self._window_state = window.windowState()
            self._layout = window.saveState()  # which panels show, and which tab of a tabbed group is in front
            self._hidden = [w for w in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar))
                            if w is not bar and w.parent() is window and w.isVisible()]
            for widget in self._hidden:
                widget.hide()
            bar.show()
            window.showFullScreen()
            self._enlarge()
            bar.capture.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            bar.hide()
            for widget in self._hidden:
                widget.show()
            self._hidden = []
            window.restoreState(self._layout)
            canvas = window.canvas
            if canvas is not None and self._zoom is not None:
                canvas.set_zoom(self._zoom)
            self._zoom = None
            window.setWindowState(self._window_state)
            window.show()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(active)

    def _enlarge(self) -> None:
        canvas = self.window.canvas
        if canvas is None:
            return
        if self._zoom is None:
            self._zoom = canvas.zoom_factor()
        canvas.set_zoom(max(WORKSHOP_ZOOM, canvas.zoom_factor()))

    def _project_changed(self) -> None:
        self.action.setEnabled(self.window.project is not None or self.active)
        if self.active:
            self._zoom = None
            self._enlarge()

    # ------------------------------------------------------------------ quick capture
    def capture_line(self) -> str | None:
        """Add the card the quick-capture line names ("Stage: title"), one undo step; returns its id.

        A line that names no stage of the current journey changes nothing and says why.
        """
        bar = self.bar
        assert bar is not None
        line = bar.capture.text().strip()
        if not line:
            return None
        window = self.window
        document, journey_id = window.selection.document, window.selection.journey_id
        if window.project is None or document is None or journey_id is None:
            return self._refuse(self.tr("Open a project with a journey first."))
        stage_text, colon, title = line.partition(":")
        title = title.strip()
        if not colon or not stage_text.strip() or not title:
            return self._refuse(self.tr("Type the stage, a colon and the card's title, e.g. “%1: Calls the hotline”.")
                                .replace("%1", next((s.name for s in document.stages(journey_id)), "1")))
        stage = find_stage(document, journey_id, stage_text)
        if stage is None:
            names = ", ".join(self.tr("“%1”").replace("%1", s.name) for s in document.stages(journey_id))
            return self._refuse(self.tr("This journey has no stage “%1”. Its stages: %2.")
                                .replace("%1", stage_text.strip()).replace("%2", names or "—"))
        lane = capture_lane(document, journey_id, window.selection.selected(Card))
        if lane is None:
            return self._refuse(self.tr("Add a lane for cards to the journey first."))
        card = window.files.run(operations.add_card, stage.id, lane.id, title)
        if card is None:
            return None  # refused: the status bar says why
        bar.capture.clear()
        bar.say(self.tr("Added to “%1”: %2").replace("%1", stage.name).replace("%2", title))
        if window.canvas is not None:
            window.canvas.select_ids([card.id], ensure_visible=True)
        return card.id

    def _refuse(self, text: str) -> None:
        assert self.bar is not None
        self.bar.say(text, problem=True)
        self.window.show_message(text)
        return None

    # ------------------------------------------------------------------ ratings
    def rate_selected(self, rating: int) -> None:
        """Rate the selected cards (1-10; the key 0 means 10) as one undo step."""
        window = self.window
        cards = window.selection.selected(Card)
        if window.project is None or not cards:
            window.show_message(self.tr("Select a card to rate it with the keys 1-9 and 0 (= 10)."))
            return
        if window.files.run(operations.edit_cards, [c.id for c in cards], rating=rating) is not None:
            window.show_message(self.tr("Rated %1").replace("%1", str(rating)))
