"""The palette panel: card kinds, lanes and a stage to drag onto the canvas (or insert with Enter)."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from cxstudio.model.entities import CardKind, LaneKind
from cxstudio.ui import labels
from cxstudio.ui.icons import card_kind_icon, icon, lane_kind_icon

PALETTE_MIME_TYPE = "application/x-cxstudio-palette"
PAYLOAD_ROLE = Qt.ItemDataRole.UserRole


def palette_payload_mime(payload: dict[str, str]) -> QMimeData:
    """The drag data the canvas accepts: UTF-8 JSON under the palette MIME type."""
    mime = QMimeData()
    mime.setData(PALETTE_MIME_TYPE, json.dumps(payload).encode("utf-8"))
    return mime


class PaletteTree(QTreeWidget):
    """A tree whose leaves start palette drags."""

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:
        payload = items[0].data(0, PAYLOAD_ROLE) if items else None
        return palette_payload_mime(json.loads(payload)) if payload else QMimeData()

    def mimeTypes(self) -> list[str]:
        return [PALETTE_MIME_TYPE]

    def startDrag(self, supported_actions: Qt.DropAction) -> None:
        items = self.selectedItems()
        if not items or not items[0].data(0, PAYLOAD_ROLE):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData(items))
        drag.exec(Qt.DropAction.CopyAction)


class PalettePanel(QWidget):
    """Emits `insertRequested(payload)` when an entry is activated with the keyboard or a double-click."""

    insertRequested = Signal(dict)

    def __init__(self, parent: QWidget | None = None, fill_now: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.tree = PaletteTree()
        self.tree.setObjectName("paletteTree")
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        if fill_now:
            self.fill()

    def _group(self, text: str) -> QTreeWidgetItem:
        group = QTreeWidgetItem(self.tree, [text])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setExpanded(True)
        return group

    def _entry(self, group: QTreeWidgetItem, text: str, payload: dict[str, str]) -> QTreeWidgetItem:
        item = QTreeWidgetItem(group, [text])
        item.setData(0, PAYLOAD_ROLE, json.dumps(payload))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
        item.setToolTip(0, self.tr("Drag onto the map, or press Enter to insert"))
        return item

    def fill(self) -> None:
        """Add the entries (once): at construction, or after the window's first paint at start-up."""
        if self.tree.topLevelItemCount():
            return
        cards = self._group(self.tr("Cards"))
        for kind, text in labels.card_kinds().items():
            self._entry(cards, text, {"what": "card", "kind": CardKind(kind).value}).setIcon(0, card_kind_icon(kind))
        structure = self._group(self.tr("Structure"))
        self._entry(structure, self.tr("Stage"), {"what": "stage"}).setIcon(0, icon("insert-stage"))
        lanes = self._group(self.tr("Lanes"))
        for kind, text in labels.lane_kinds().items():
            self._entry(lanes, text, {"what": "lane", "kind": LaneKind(kind).value}).setIcon(0, lane_kind_icon(kind))

    def payload(self, item: QTreeWidgetItem) -> dict[str, str] | None:
        data = item.data(0, PAYLOAD_ROLE)
        return json.loads(data) if data else None

    def entries(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            found.extend(group.child(row) for row in range(group.childCount()))
        return found

    def _activated(self, item: QTreeWidgetItem) -> None:
        payload = self.payload(item)
        if payload is not None:
            self.insertRequested.emit(payload)
