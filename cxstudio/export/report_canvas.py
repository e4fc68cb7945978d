"""The canvases of the client report's layout passes and the memory and garbage-collector care of a long build.

ReportLab keeps the text of every finished page until the document is saved and compresses it only
then: for a report of 10,000 pages that is gigabytes of page text. The final pass's canvas compresses
each page's content stream as soon as the page is finished (the same Flate compression the saved file
uses), and the draft pass's canvas, whose pages are never saved, keeps no page content at all.
"""

from __future__ import annotations

import gc
import zlib
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas

COMPRESSION = 6  # zlib level of page streams: what ReportLab uses when saving


class ReportCanvas(Canvas):
    """The final pass's canvas: each page's content stream is compressed when the page is finished."""

    def showPage(self) -> None:
        super().showPage()
        compress_page(self._doc.Pages.pages[-1])


class DraftCanvas(Canvas):
    """A canvas for the page-counting pass: layout runs as usual, text and shapes are not written, and a
    finished page keeps none of its content (the pass is never saved)."""

    draft = True  # the report's own flowables skip their drawing on it

    def drawString(self, *args: Any, **kwargs: Any) -> None:
        pass

    def drawRightString(self, *args: Any, **kwargs: Any) -> None:
        pass

    def drawCentredString(self, *args: Any, **kwargs: Any) -> None:
        pass

    def drawText(self, *args: Any, **kwargs: Any) -> None:
        pass

    def showPage(self) -> None:
        self._code = []
        super().showPage()


def compress_page(page: Any) -> None:
    """Replace a finished page's content text by its Flate-compressed stream (as saving would write it)."""
    stream = page.stream
    if not page.compression or not stream or page.Contents:
        return
    data = stream.encode("utf-8") if isinstance(stream, str) else stream
    contents = PDFStream(PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])}), zlib.compress(data, COMPRESSION))
    contents.__Comment__ = "page stream"
    page.Contents = contents
    page.stream = None


def collect_young_garbage() -> None:
    """Collect the cyclic garbage made since the collector was paused (a finished layout pass) without walking
    the project: while the collector is paused, every new object stays in its youngest generation."""
    gc.collect(0)
