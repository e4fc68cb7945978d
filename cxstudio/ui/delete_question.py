"""Asking before stages or lanes that hold cards are deleted: one question naming the element and how many cards go."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from cxstudio.model.document import Document
from cxstudio.model.entities import Lane, Stage


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeleteQuestion", text)


def cards_going_with(document: Document, ids: Iterable[str]) -> tuple[list[Stage | Lane], int]:
    """The stages and lanes among `ids` that hold cards, and how many cards (not themselves in `ids`) go with them."""
    chosen = set(ids)
    headers: list[Stage | Lane] = []
    going: set[str] = set()
    for element_id in chosen:
        entity = document.find(element_id)
        if not isinstance(entity, (Stage, Lane)):
            continue
        field = "stage_id" if isinstance(entity, Stage) else "lane_id"
        cards = {card.id for card in document.cards(entity.journey_id)
                 if getattr(card, field) == entity.id and card.id not in chosen}
        if cards:
            headers.append(entity)
            going |= cards
    headers.sort(key=lambda e: (isinstance(e, Lane), e.order))
    return headers, len(going)


def question_text(headers: list[Stage | Lane], count: int) -> str:
    """“Delete the stage “Kauf” with 10 cards?”, or for several stages and lanes their number."""
    if len(headers) == 1:
        stage = isinstance(headers[0], Stage)
        if count == 1:
            text = _tr("Delete the stage “%1” with one card?") if stage else _tr("Delete the lane “%1” with one card?")
        else:
            text = _tr("Delete the stage “%1” with %2 cards?") if stage else _tr("Delete the lane “%1” with %2 cards?")
        return text.replace("%1", headers[0].name).replace("%2", str(count))
    text = _tr("Delete %1 stages and lanes with one card?") if count == 1 \
        else _tr("Delete %1 stages and lanes with %2 cards?")
    return text.replace("%1", str(len(headers))).replace("%2", str(count))


def confirm_delete(parent: QWidget | None, document: Document, ids: Iterable[str]) -> bool:
    """True if deleting `ids` may go ahead: at once when no stage or lane with cards is among them, else if the user
    says so (the deletion can be undone, and the question says that too)."""
    headers, count = cards_going_with(document, list(ids))
    if not headers:
        return True
    box = QMessageBox(QMessageBox.Icon.Question, _tr("Delete"), question_text(headers, count),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("deleteQuestion")
    box.setInformativeText(_tr("You can undo this with Edit > Undo."))
    box.button(QMessageBox.StandardButton.Yes).setText(_tr("Delete"))
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    try:
        return box.exec() == QMessageBox.StandardButton.Yes
    finally:
        box.deleteLater()

