"""The palette's drag payload (MIME type and JSON) as the canvas understands it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

from cxstudio.model.entities import CardKind, LaneKind

PALETTE_MIME_TYPE = "application/x-cxstudio-palette"


@dataclass(frozen=True, slots=True)
class PaletteItem:
    """What the user dragged from the palette: a card of a kind, a stage, or a lane of a kind."""

    what: str  # "card", "stage" or "lane"
    kind: str | None = None


def palette_mime_data(item: PaletteItem) -> QMimeData:
    """Mime data carrying `item`, as the palette produces it (used by tests and by the palette itself)."""
    payload: dict[str, str] = {"what": item.what}
    if item.kind is not None:
        payload["kind"] = item.kind
    mime = QMimeData()
    mime.setData(PALETTE_MIME_TYPE, json.dumps(payload).encode("utf-8"))
    return mime


def parse_palette_mime(mime: QMimeData | None) -> PaletteItem | None:
    """The palette item in `mime`, or None for any other or malformed payload."""
    if mime is None or not mime.hasFormat(PALETTE_MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(mime.data(PALETTE_MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    what = payload.get("what")
    kind = payload.get("kind")
    if what == "stage":
        return PaletteItem("stage")
    if what == "card":
        kind = kind if kind in CardKind._value2member_map_ else CardKind.STEP.value
        return PaletteItem("card", kind)
    if what == "lane":
        kind = kind if kind in LaneKind._value2member_map_ else LaneKind.CARDS.value
        return PaletteItem("lane", kind)
    return None
