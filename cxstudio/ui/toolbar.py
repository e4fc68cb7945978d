"""The main toolbar: icons with short fixed labels under them; the full command (Undo's step name) only in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from cxstudio.ui.icons import action_icon


def _tr(text: str) -> str:
    return QCoreApplication.translate("Toolbar", text)


def short_labels() -> dict[str, str]:
    """The toolbar's fixed labels by action object name (never the changing menu text, so the width stays)."""
    return {
        "actionNew": _tr("New"), "actionOpen": _tr("Open"), "actionSave": _tr("Save"),
        "actionUndo": _tr("Undo"), "actionRedo": _tr("Redo"),
        "actionInsertCard": _tr("Card"), "actionInsertStage": _tr("Stage"), "actionDelete": _tr("Delete"),
        "actionZoomOut": _tr("Zoom out"), "actionZoomIn": _tr("Zoom in"), "actionZoomFit": _tr("Fit"),
        "actionWorkshop": _tr("Workshop"),
    }


def plain_text(text: str) -> str:
    """A menu text without its mnemonic markers and ellipsis ("&Undo Add card" -> "Undo Add card", "&&" -> "&")."""
    return text.replace("&&", "\x00").replace("&", "").replace("\x00", "&").removesuffix("…").strip()


def _follow_text(action: QAction) -> None:
    """The tooltip says the whole command (e.g. "Undo Add card") and its shortcut."""
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    tip = plain_text(action.text()) + (f" ({shortcut})" if shortcut else "")
    if action.toolTip() != tip:
        action.setToolTip(tip)


def build_main_toolbar(window: QMainWindow, groups: list[list[QAction]]) -> QToolBar:
    """The window's main toolbar with `groups` of actions (separated); each gets its icon and short fixed label."""
    toolbar = window.addToolBar(_tr("Main toolbar"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(22, 22))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    labels = short_labels()
    for number, group in enumerate(groups):
        if number:
            toolbar.addSeparator()
        for action in group:
            found = action_icon(action.objectName())
            if found is not None and action.icon().isNull():
                action.setIcon(found)
            action.setIconText(labels.get(action.objectName(), plain_text(action.text())))
            _follow_text(action)
            action.changed.connect(lambda a=action: _follow_text(a))
            toolbar.addAction(action)
    return toolbar
