"""The canvas clipboard: copied cards as an editing Clipboard, shared by every canvas, mirrored to the system clipboard as text."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from cxstudio.editing.operations import Clipboard


class CardClipboard:
    """Holds the last copied cards (values, so they paste into any journey) and their text on the system clipboard.

    If another application replaced the system clipboard's text since the copy, the cards
    are still pasted: the canvas clipboard is the editor's own, the text mirror only helps
    users paste titles into e-mails and documents.
    """

    def __init__(self) -> None:
        self._content = Clipboard()

    @property
    def content(self) -> Clipboard:
        return self._content

    def set(self, content: Clipboard) -> None:
        self._content = content
        if content:
            lines = []
            for item in content.cards:
                card = item.card
                lines.append(card.title if not card.text else f"{card.title}\t{card.text.replace(chr(10), ' ')}")
            QGuiApplication.clipboard().setText("\n".join(lines))

    def __bool__(self) -> bool:
        return bool(self._content)


CARD_CLIPBOARD = CardClipboard()
