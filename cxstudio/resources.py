"""Where the bundled resources are: fonts, icons, translations, templates and examples (`resources/` of the checkout)."""

from __future__ import annotations

from pathlib import Path

# The editable install used by `./dev` reads them from the checkout; see installer/README.md for packaging.
RESOURCES_DIR: Path = Path(__file__).resolve().parent.parent / "resources"
