"""Entry point for `python -m cxstudio`."""

import sys

from cxstudio.cli import main

sys.exit(main())
