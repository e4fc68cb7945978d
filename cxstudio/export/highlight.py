"""Highlighting in print: a white veil over each card a filter leaves out, as the canvas dims them (print = screen)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cxstudio.layout import CardBox
from cxstudio.layout import style as palette

VEIL_ALPHA = 175 / 255  # the canvas's veil (cxstudio.ui.canvas.dimming.VEIL)


def draw_veils(canvas: Any, boxes: Iterable[CardBox], dimmed: frozenset[str]) -> None:
    """Cover the cards of `boxes` whose id is in `dimmed` with translucent white, in layout coordinates."""
    veiled = [box.rect for box in boxes if box.id in dimmed]
    if not veiled:
        return
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFillAlpha(VEIL_ALPHA)
    radius = palette.CARD_RADIUS
    for rect in veiled:
        canvas.roundRect(rect.x - 1, rect.y - 1, rect.width + 2, rect.height + 2, radius, stroke=0, fill=1)
    canvas.restoreState()
