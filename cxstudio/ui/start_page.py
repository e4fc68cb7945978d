"""The start page shown when no project is open: new from a template, the worked examples, recent files, open a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cxstudio.ui import files
from cxstudio.ui.icons import icon

if TYPE_CHECKING:
    from cxstudio.ui.project_controller import ProjectController

PATH_ROLE = Qt.ItemDataRole.UserRole


class StartPage(QScrollArea):
    """What the window shows without a project. Every choice is a button or a list row the Tab key reaches.

    Templates and examples come from cxstudio.content.templates (in the UI language, the other
    language's when none exists), recent files from the settings the File menu uses; every choice
    goes through the window's ProjectController (`files`), which asks about unsaved changes and
    shows problems as one sentence.
    """

    def __init__(self, controller: ProjectController, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.controller = controller
        self.language = language
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._built = False  # the contents are made when the page is first shown: opening a file never needs them

    def _ensure_built(self) -> None:
        if self._built:
            return
        self._built = True
        body = QWidget()
        body.setObjectName("startPageBody")
        self.setWidget(body)
        outer = QHBoxLayout(body)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(10)
        outer.addLayout(column, 6)
        outer.addStretch(1)

        title = QLabel(self.tr("Welcome to CX Studio"))
        title.setObjectName("startTitle")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        column.addSpacing(24)
        column.addWidget(title)
        intro = QLabel(self.tr("Map how your customers experience your service: start from a template, "
                               "explore a worked example, or open a project file."))
        intro.setWordWrap(True)
        column.addWidget(intro)

        column.addWidget(self._heading(self.tr("New project")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        self.template_buttons: list[QToolButton] = []
        shown = self._in_language([t for t in files.templates() if t.kind == "template"])
        empty = self._choice_button(self.tr("Empty project"),
                                    self.tr("Only the project and the standard channels; add journeys yourself."),
                                    "new", "startEmpty", None)
        for number, button in enumerate([empty, *(self._template_button(info) for info in shown)]):
            grid.addWidget(button, number // 3, number % 3)
            self.template_buttons.append(button)
        column.addLayout(grid)

        column.addWidget(self._heading(self.tr("Worked examples")))
        examples = QHBoxLayout()
        self.example_buttons = [self._template_button(info) for info in
                                self._in_language([t for t in files.templates() if t.kind == "example"])]
        for button in self.example_buttons:
            examples.addWidget(button)
        examples.addStretch(1)
        column.addLayout(examples)

        column.addWidget(self._heading(self.tr("Recent projects")))
        self.recent = QListWidget()
        self.recent.setObjectName("startRecent")
        self.recent.setAccessibleName(self.tr("Recent projects"))
        self.recent.setIconSize(QSize(20, 20))
        self.recent.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.recent.itemActivated.connect(self._open_recent)
        column.addWidget(self.recent)
        self.no_recent = QLabel(self.tr("No recent projects yet."))
        self.no_recent.setObjectName("startNoRecent")
        column.addWidget(self.no_recent)

        row = QHBoxLayout()
        self.open_button = QPushButton(icon("open"), self.tr("Open a file…"))
        self.open_button.setObjectName("startOpen")
        self.open_button.clicked.connect(lambda _checked=False: self.controller.open_dialog())
        row.addWidget(self.open_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addStretch(1)

    # ------------------------------------------------------------------ building
    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 14, 0, 0)
        return label

    def _in_language(self, infos: list[files.TemplateInfo]) -> list[files.TemplateInfo]:
        return [t for t in infos if t.language == self.language] or infos

    def _choice_button(self, title: str, description: str, icon_name: str, name: str,
                       choice: tuple[str, str] | None) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setIcon(icon(icon_name))
        button.setIconSize(QSize(28, 28))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setText(title)
        button.setToolTip(description)
        button.setAccessibleDescription(description)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAutoRaise(False)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(48)
        button.clicked.connect(lambda _checked=False: self.controller.new_from_template(choice))
        return button

    def _template_button(self, info: files.TemplateInfo) -> QToolButton:
        """A template's button says its title ("Blank service blueprint"); an example's says what it shows and
        what it holds ("Complaint about the annual bill…" over "2 personas, 2 journeys…")."""
        head, _colon, rest = info.description.partition(":")
        if info.kind == "example" and rest.strip():
            subject, _dash, contents = rest.strip().partition(" – ")
            text = subject[:1].upper() + subject[1:] + (f"\n{contents}" if contents else "")
        else:
            text = head.strip() or info.name
        kind = "example" if info.kind == "example" else "template"
        return self._choice_button(text, info.description, kind, f"start_{info.name}_{info.language}",
                                   (info.name, info.language))

    # ------------------------------------------------------------------ recent files
    def refresh(self) -> None:
        """Show the recent files as the settings hold them now (a file gone since is marked so)."""
        self._ensure_built()
        self.recent.clear()
        paths = self.controller.settings.recent_files()
        for path in paths:
            exists = Path(path).exists()
            text = Path(path).name if exists else self.tr("%1 (not found)").replace("%1", Path(path).name)
            item = QListWidgetItem(icon("recent"), text)
            item.setData(PATH_ROLE, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)
        if paths:
            self.recent.setCurrentRow(0)
            rows = min(len(paths), 8)
            self.recent.setFixedHeight(self.recent.sizeHintForRow(0) * rows + 2 * self.recent.frameWidth() + 4)

    def _open_recent(self, item: QListWidgetItem) -> None:
        self.controller.open_path(str(item.data(PATH_ROLE)))
        self.refresh()  # a file that was gone has left the list

    def showEvent(self, event: QShowEvent) -> None:
        first = not self._built
        self.refresh()
        super().showEvent(event)
        if first:
            self.focus_first()

    def focus_first(self) -> None:
        """Put the keyboard focus on the first choice (the window does this when the page appears)."""
        if not self._built:
            return  # the first showEvent builds the page and focuses it
        if self.template_buttons:
            self.template_buttons[0].setFocus(Qt.FocusReason.OtherFocusReason)
