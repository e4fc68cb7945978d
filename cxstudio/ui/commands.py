"""The editor's one way to change a project (an operation through `OpenProject.run`, a refusal told) and its window actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from cxstudio.api import OpenProject, ProjectFileError, Session
from cxstudio.model.errors import ModelError
from cxstudio.ui.model_messages import refusal_text

P = ParamSpec("P")
R = TypeVar("R")


def ui_language() -> str:
    """The language of the editor's messages ('de' or 'en'): the default locale the translations set."""
    return "de" if QLocale().name().startswith("de") else "en"


def window_action(window: QWidget, name: str, text: str, slot: Callable[[], object], shortcut: str = "",
                  tip: str = "") -> QAction:
    """An action of `window` (named `name` for tests and icons) that calls `slot`; its shortcut works window-wide."""
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def run_operation(
    project: OpenProject,
    tell: Callable[[str], None],
    language: str | None,
    operation: Callable[Concatenate[Session, P], R],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> R | None:
    """Run one operation of `cxstudio.editing.operations` on `project` (one undo step) and return its result.

    A change the model refuses changes nothing: `tell(reason)` gets the reason (in `language`, None: the UI's)
    and the result is None.
    A change that was applied but could not be written to the recovery copy (e.g. the disk is full) is
    told in `language` (None: the UI's), and the result is None too.
    """
    try:
        return project.run(operation, *args, **kwargs)
    except ModelError as error:
        tell(refusal_text(error, language or ui_language()))
    except ProjectFileError as error:
        tell(error.message(language or ui_language()))
    return None
