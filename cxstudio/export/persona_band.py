"""Draws a layout's persona band, actions lane and action badges onto a ReportLab canvas, as the canvas shows them.

Called by `LayoutPainter.draw` in layout coordinates (y down). The persona's picture is decoded with
ReportLab's image reader; a picture that cannot be read is drawn as the persona's initials, like a band
without picture, so a damaged or hostile picture never stops an export.
"""

from __future__ import annotations

import io
from typing import Any

from cxstudio.export.pdf_ops import PathOps, TextBatch
from cxstudio.export.spatial import BoxIndex
from cxstudio.layout import GRID_LINE, INK, LANE_HEADER_FILL, MUTED_INK, JourneyLayout, Rect
from cxstudio.layout import style as palette
from cxstudio.layout.actions import (
    BADGE_FILL,
    BADGE_INK,
    LANE_FILL,
    NOTE_BORDER,
    NOTE_FILL,
    NOTE_RADIUS,
    NOTE_STRIPE,
    STATUS_COLOURS,
    ActionBadge,
)
from cxstudio.layout.persona import (
    BAND_BORDER,
    BAND_FILL,
    MAX_PICTURE_PIXELS,
    PICTURE_FILL,
    PICTURE_INK,
    PersonaBand,
)
from cxstudio.layout.style import rgb
from cxstudio.model.document import Document
from cxstudio.model.entities import Persona


def _visible(rect: Rect, region: Rect | None) -> bool:
    return region is None or rect.intersects(region) or region.contains_rect(rect)


# The badges of the layout drawn last, on a grid: a report draws one journey's map in hundreds of parts,
# and testing every badge of the journey for each part made a part's cost grow with the journey.
_badge_grid: tuple[dict[str, ActionBadge], list[ActionBadge], BoxIndex] | None = None


def _badges_meeting(layout: JourneyLayout, region: Rect | None) -> list[ActionBadge]:
    global _badge_grid
    badges = layout.action_badges
    if region is None or len(badges) < 64:
        return [b for b in badges.values() if _visible(b.rect, region)]
    if _badge_grid is None or _badge_grid[0] is not badges:
        listed = list(badges.values())
        _badge_grid = (badges, listed, BoxIndex([b.rect for b in listed]))
    _, listed, grid = _badge_grid
    near = (listed[i] for i in grid.query(region.x, region.y, region.right, region.bottom))
    return [b for b in near if _visible(b.rect, region)]


def picture_reader(picture: bytes | None) -> Any | None:
    """A ReportLab ImageReader for a persona's picture, or None when there is none or it cannot be read."""
    if not picture:
        return None
    try:
        from reportlab.lib.utils import ImageReader

        reader = ImageReader(io.BytesIO(picture))
        width, height = reader.getSize()  # from the header: nothing is decoded yet
        if width <= 0 or height <= 0 or width * height > MAX_PICTURE_PIXELS:
            return None
        return reader
    except Exception:  # any undecodable bytes: the initials are drawn instead
        return None


def fitted(box: Rect, width: float, height: float) -> Rect:
    """The largest rectangle of the picture's aspect inside `box`, centred (the canvas does the same)."""
    scale = min(box.width / width, box.height / height)
    w, h = width * scale, height * scale
    return Rect(box.x + (box.width - w) / 2, box.y + (box.height - h) / 2, w, h)


def draw_persona_band(c: Any, doc: Document, band: PersonaBand, text: TextBatch) -> None:
    r = band.rect
    c.setLineWidth(palette.GRID_LINE_WIDTH)
    c.setStrokeColorRGB(*rgb(BAND_BORDER))
    c.setFillColorRGB(*rgb(BAND_FILL))
    path = PathOps()
    path.rounded_rect(r.x, r.y, r.width, r.height, 6.0)
    path.emit(c, stroke=True, fill=True)
    persona = doc.find(band.persona_id)
    reader = picture_reader(persona.picture) if isinstance(persona, Persona) else None
    p = band.picture_rect
    if reader is not None:
        w, h = reader.getSize()
        box = fitted(p, float(w), float(h))
        c.saveState()
        c.translate(box.x, box.bottom)
        c.scale(1, -1)  # the painter's y runs down; images are drawn upright
        c.drawImage(reader, 0, 0, box.width, box.height, mask="auto")
        c.restoreState()
    else:
        c.setFillColorRGB(*rgb(PICTURE_FILL))
        square = PathOps()
        square.rounded_rect(p.x, p.y, p.width, p.height, 6.0)
        square.emit(c, stroke=False, fill=True)
        text.add(band.initials, PICTURE_INK)
    text.add_all(band.name_lines[:1], INK)
    text.add_all(band.name_lines[1:], MUTED_INK)
    text.add_all(band.quote_lines, INK)
    text.add_all(band.heading_lines, MUTED_INK)
    text.add_all(band.body_lines, INK)


def draw_map_extras(c: Any, doc: Document, layout: JourneyLayout, region: Rect | None, text: TextBatch) -> None:
    """The persona band, the actions lane and the action badges of `layout` that meet `region` (None: all)."""
    band = layout.persona_band
    if band is not None and _visible(band.rect, region):
        draw_persona_band(c, doc, band, text)
    lane = layout.actions_lane
    if lane is not None and _visible(lane.rect, region):
        r = lane.rect
        c.setFillColorRGB(*rgb(LANE_FILL))
        c.rect(r.x, r.y, r.width, r.height, stroke=0, fill=1)
        c.setLineWidth(palette.GRID_LINE_WIDTH)
        c.setStrokeColorRGB(*rgb(GRID_LINE))
        h = lane.header.rect
        c.setFillColorRGB(*rgb(LANE_HEADER_FILL))
        c.rect(h.x, h.y, h.width, h.height, stroke=1, fill=1)
        for _stage_id, cell in lane.cells:
            c.line(cell.right, cell.y, cell.right, cell.bottom)
        c.line(r.x, r.bottom, r.right, r.bottom)
        text.add_all(lane.header.lines, INK)
        notes = [note for note in lane.notes if _visible(note.rect, region)]
        c.setStrokeColorRGB(*rgb(NOTE_BORDER))
        c.setFillColorRGB(*rgb(NOTE_FILL))
        outlines = PathOps()
        for note in notes:
            n = note.rect
            outlines.rounded_rect(n.x, n.y, n.width, n.height, NOTE_RADIUS)
        if outlines:
            outlines.emit(c, stroke=True, fill=True)
        for note in notes:
            n = note.rect
            c.setFillColorRGB(*rgb(STATUS_COLOURS.get(note.status, MUTED_INK)))
            c.rect(n.x + 0.5, n.y + 0.5, NOTE_STRIPE, n.height - 1, stroke=0, fill=1)
            text.add_all(note.title_lines, INK)
            text.add_all(note.meta_lines, MUTED_INK)
    badges = _badges_meeting(layout, region)
    if badges:
        pills = PathOps()
        for badge in badges:
            b = badge.rect
            pills.rounded_rect(b.x, b.y, b.width, b.height, b.height / 2)
            text.add(badge.label, BADGE_INK)
        c.setLineWidth(palette.MARKER_OUTLINE_WIDTH)
        c.setStrokeColorRGB(1, 1, 1)
        c.setFillColorRGB(*rgb(BADGE_FILL))
        pills.emit(c, stroke=True, fill=True)
