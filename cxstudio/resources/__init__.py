"""Where the bundled resources are: fonts, icons, translations, templates and examples, package data beside this file."""

from __future__ import annotations

from pathlib import Path

# Package data of cxstudio.resources (pyproject.toml), so a wheel, an editable install and the bundle all find them.
RESOURCES_DIR: Path = Path(__file__).resolve().parent
