"""Entry script of the bundled CX Studio (PyInstaller, every platform): the `cxstudio` command line."""

from __future__ import annotations

import sys

from cxstudio.cli import main

if __name__ == "__main__":
    sys.exit(main())
