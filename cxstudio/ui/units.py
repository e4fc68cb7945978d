"""Lengths the user types, in millimetres or inches as preferred; the exporters always get millimetres."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox

MM_PER_INCH = 25.4


def from_mm(value_mm: float, units: str) -> float:
    return value_mm / MM_PER_INCH if units == "in" else value_mm


def to_mm(value: float, units: str) -> float:
    """Millimetres of a typed value; inches are rounded to 0.1 mm so that mm values survive a round trip."""
    return round(value * MM_PER_INCH, 1) if units == "in" else value


def show_in(spin: QDoubleSpinBox, units: str) -> None:
    """Make a spin box built for millimetres show and take `units` (range, decimals, suffix)."""
    if units != "in":
        return
    low, high = spin.minimum(), spin.maximum()
    spin.setDecimals(2)
    spin.setRange(low / MM_PER_INCH, high / MM_PER_INCH)
    spin.setSingleStep(0.1)
    spin.setSuffix(" in")
