"""The report's detail pages (export/slices.py): tall lanes split between cards onto landscape pages, every glyph at
7 pt or more, every card whole on exactly one detail page, continued lanes named again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from export_samples import GermanReport

from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.export.draw import layout_for_print
from cxstudio.export.options import ExportOptions
from cxstudio.export.report import MIN_MAP_TEXT_PT, export_report
from cxstudio.export.report_overview import smallest_text
from cxstudio.export.slices import DetailPage, detail_pages
from cxstudio.layout.geometry import Rect
from cxstudio.model.document import Document

TALL = "Reklamation der Jahresabrechnung (Ist)"


@pytest.fixture
def german(german_report: GermanReport) -> GermanReport:
    """The German worked example's report (written once per session: tests/export/conftest.py)."""
    return german_report


def _detail_pages(report: GermanReport, journey_name: str) -> list[int]:
    return [i for i, text in enumerate(report.pages) if text.startswith(f"{journey_name}: Teil ")]


def test_a_tall_lane_is_split_between_cards_onto_landscape_pages(german: GermanReport) -> None:
    tall = next(j for j in german.doc.journeys() if j.name == TALL)
    layout = layout_for_print(german.doc, tall.id)
    # at 7 pt its tallest lane is taller than the room under the stage headers of a landscape A4 page
    assert max(row.height for row in layout.lane_rows.values()) * MIN_MAP_TEXT_PT / smallest_text(layout) > 420
    parts = german.result.map_parts[tall.id]
    assert 8 <= parts <= 20  # was 35 portrait pages of one stage each
    assert german.result.pages <= 50  # was 76
    with pdfplumber.open(german.path) as pdf:
        for journey in german.doc.journeys():
            pages = _detail_pages(german, journey.name)
            assert len(pages) == german.result.map_parts[journey.id]
            for index in pages:
                page = pdf.pages[index]
                assert page.width > page.height  # landscape
                sizes = [c["size"] for c in page.chars if c["text"].strip()]
                assert min(sizes) >= MIN_MAP_TEXT_PT - 0.05
    continued = [i for i in _detail_pages(german, TALL) if "(Fortsetzung)" in german.pages[i]]
    assert continued  # a lane split between pages is named again on the next
    stages = [s.name for s in german.doc.stages(tall.id)]
    for index in _detail_pages(german, TALL):  # every page repeats its stages' headers
        assert any(name in german.pages[index] for name in stages)


def _whole_lines(page: Any, text: str) -> list[dict[str, Any]]:
    """Where `text` stands on the page as a line of its own (no other glyph of the line within 5 pt of it)."""
    found = []
    for match in page.search(text, regex=False, return_chars=False):
        near = [c for c in page.chars if c["text"].strip() and abs(c["top"] - match["top"]) < 1.5
                and (match["x0"] - 5 < c["x1"] <= match["x0"] + 0.1 or match["x1"] - 0.1 <= c["x0"] < match["x1"] + 5)]
        if not near:
            found.append(match)
    return found


def _title_found(page: Any, lines: list[str]) -> bool:
    """Whether the card title's lines stand on the page one under the other, left-aligned (bold text only)."""
    firsts = _whole_lines(page, lines[0])
    for match in firsts:
        x0, top = match["x0"], match["top"]
        ok = True
        for line in lines[1:]:
            below = [m for m in _whole_lines(page, line)
                     if abs(m["x0"] - x0) < 1.0 and top < m["top"] < top + 3 * (match["bottom"] - match["top"])]
            if not below:
                ok = False
                break
            top = below[0]["top"]
        if ok:
            return True
    return False


def test_every_card_is_whole_on_exactly_one_detail_page(german: GermanReport) -> None:
    with pdfplumber.open(german.path) as pdf:
        for journey in german.doc.journeys():
            layout = layout_for_print(german.doc, journey.id)
            titles = [tuple(line.text for line in box.title_lines) for box in layout.cards.values()]
            lines = [line for t in titles for line in t]  # a first line that is no other title's line too
            unique = [t for t in titles if lines.count(t[0]) == 1 and (len(t) > 1 or len(t[0]) >= 12)]
            assert len(unique) >= 10
            pages = [pdf.pages[i].filter(lambda o: o.get("object_type") != "char" or "Bold" in o.get("fontname", ""))
                     for i in _detail_pages(german, journey.name)]
            for title in unique:
                found = [n for n, page in enumerate(pages) if _title_found(page, list(title))]
                assert len(found) == 1, (journey.name, title, found)


def _tall_project() -> tuple[Document, str]:
    from cxstudio.api import create

    project = create(None, "de", name="Hoch", with_working_copy=False)
    journey = project.run(ops.add_journey, "Hohe Reise", [f"Phase {i}" for i in range(5)],
                          [LaneSpec("Schritte"), LaneSpec("Gedanken")])
    stages = project.document.stages(journey.id)
    lanes = project.document.lanes(journey.id)
    for n in range(14):  # far more cards in each cell than a page holds
        for stage in stages[:3]:
            project.run(ops.add_card, stage.id, lanes[0].id, f"Karte {stage.order}-{n}",
                        text="Etwas Text zum Lesen, damit die Karte höher wird." * (1 + n % 3))
    project.run(ops.add_card, stages[4].id, lanes[1].id, "Ein Gedanke")
    return project.document, journey.id


def test_panels_hold_each_card_once_and_fit_their_pages() -> None:
    doc, journey_id = _tall_project()
    layout = layout_for_print(doc, journey_id)
    width, height = 751.0, 463.0  # a landscape A4 frame under the part heading
    body_pt = MIN_MAP_TEXT_PT * layout.settings.card_text_size / smallest_text(layout)
    pages: list[DetailPage] = detail_pages(layout, width, height, body_pt)
    assert len(pages) > 1
    for page in pages:
        assert page.scale * smallest_text(layout) >= MIN_MAP_TEXT_PT - 1e-6
        assert page.width <= width + 1e-6 and page.height <= height + 1e-6
    pieces: list[Rect] = [rect for page in pages for panel in page.panels for rect, _dy in panel.pieces]
    for box in layout.cards.values():
        holding = [p for p in pieces if p.contains_rect(box.rect)]
        touching = [p for p in pieces if p.intersects(box.rect)]
        assert len(holding) == 1 and len(touching) == 1, box.id
    # the tall lane is cut inside: some panel begins below its top and names it again
    row = layout.lane_rows[layout.lane_keys[0]]
    assert any(panel.continued and panel.top > row.y + 1 for page in pages for panel in page.panels)


def test_tall_project_report_names_continued_lanes(tmp_path: Path) -> None:
    doc, journey_id = _tall_project()
    out = tmp_path / "hoch.pdf"
    result = export_report(doc, out, ExportOptions(journey_ids=(journey_id,), language="en"))
    with pdfplumber.open(out) as pdf:
        texts = [" ".join((p.extract_text() or "").split()) for p in pdf.pages]
        details = [i for i, t in enumerate(texts) if t.startswith("Hohe Reise: part ")]
        assert len(details) == result.map_parts[journey_id] > 1
        assert any("(continued)" in texts[i] and "Schritte" in texts[i] for i in details[1:])
        for i in details:
            sizes = [c["size"] for c in pdf.pages[i].chars if c["text"].strip()]
            assert min(sizes) >= MIN_MAP_TEXT_PT - 0.05
        joined = " ".join(texts[i] for i in details)
        for n in range(14):
            assert re.search(rf"Karte 0-{n}\b", joined)
