"""The drag-and-drop journey canvas: scene, view, items, mouse modes and clipboard glue."""

from cxstudio.ui.canvas.palette_mime import PALETTE_MIME_TYPE, PaletteItem, palette_mime_data, parse_palette_mime
from cxstudio.ui.canvas.view import JourneyCanvas

__all__ = ["PALETTE_MIME_TYPE", "JourneyCanvas", "PaletteItem", "palette_mime_data", "parse_palette_mime"]
