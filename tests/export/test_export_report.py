"""The client report read back: sections and contents, nothing internal, long tables with repeated headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
from export_samples import (
    INTERNAL_COMMENT,
    INTERNAL_NOTE,
    JOURNEY_NAME,
    PROJECT_NAME,
    SHARED_COMMENT,
    Sample,
    build_sample,
)

from cxstudio.export.errors import ExportError
from cxstudio.export.options import ExportOptions
from cxstudio.export.report import MIN_MAP_TEXT_PT, export_report


def _pages_text(path: Path) -> list[str]:
    """Each page's text in drawing order (pypdf), whitespace collapsed: a wrapped table cell reads as one string."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def _pages_layout_text(path: Path, indices: range | None = None) -> list[str]:
    """Pages' text line by line as it looks (pdfplumber): a table's header row reads as one line."""
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages if indices is None else [pdf.pages[i] for i in indices]
        return [" ".join((page.extract_text() or "").split()) for page in pages]


@pytest.fixture(scope="module")
def report(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("report") / "bericht.pdf"
    export_report(sample.doc, out, ExportOptions(date=dt.date(2026, 11, 23)))
    return out, _pages_text(out)


def test_report_has_every_section_in_the_contents_and_outline(report: tuple[Path, list[str]]) -> None:
    out, pages = report
    assert PROJECT_NAME in pages[0] and "Customer-Experience-Bericht" in pages[0] and "23.11.2026" in pages[0]
    contents = pages[1]
    for heading in ("Personas", "Jürgen Groß", f"Journey: {JOURNEY_NAME}", "Touchpoint-Inventar",
                    "Pain Points und Moments of Truth", "Erkenntnisse", "Maßnahmenplan", "Kennzahlen", "Kommentare"):
        assert heading in contents
    outline = [item.title for item in pypdf.PdfReader(out).outline if not isinstance(item, list)]
    assert "Maßnahmenplan" in outline and "Personas" in outline


def test_report_content(sample: Sample, report: tuple[Path, list[str]]) -> None:
    _out, pages = report
    text = " ".join(pages)
    assert "Ich möchte einfach wissen, wann meine Küche kommt." in text  # persona quote
    assert "Statusmeldungen fehlen" in text and "12 Beschwerden im März" in text  # insight
    assert "Proaktive Lieferstatus-SMS" in text and "Änne Bäcker" in text and "31.03.2027" in text  # action
    assert "NPS Lieferung" in text and "Zufriedenheit (CSAT)" in text  # metrics
    for title in sample.card_titles:  # the map and the tables carry every card
        assert title in text
    assert SHARED_COMMENT in text


def test_internal_notes_and_comments_never_reach_the_report(report: tuple[Path, list[str]]) -> None:
    out, pages = report
    text = " ".join(pages)
    assert INTERNAL_NOTE not in text and "GEHEIMNOTIZ" not in text
    assert INTERNAL_COMMENT not in text and "INTERNER-KOMMENTAR" not in text
    raw = " ".join(_pages_layout_text(out))
    assert "GEHEIMNOTIZ" not in raw and "INTERNER-KOMMENTAR" not in raw


@pytest.fixture(scope="module")
def big_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Sample, Path, Any]:
    """12 copies of every card: 60 touchpoints, 60+ pain points, 12 cards stacked in every cell."""
    big = build_sample(card_repeat=12)
    out = tmp_path_factory.mktemp("big") / "long.pdf"
    return big, out, export_report(big.doc, out)


def test_long_tables_break_across_pages_with_repeated_headers(big_report: tuple[Sample, Path, Any]) -> None:
    _big, out, result = big_report
    pages = _pages_text(out)
    first = next(i for i, p in enumerate(pages) if "Touchpoint-Inventar" in p and "Verantwortlich" in p)
    end = next(i for i, p in enumerate(pages) if i > first and "Pain Points (nach Rang)" in p)
    inventory_pages = _pages_layout_text(out, range(first, end))
    assert len(inventory_pages) >= 2
    for page in inventory_pages:
        assert "Touchpoint Phase Kanal Verantwortlich Bewertung" in page  # the header row on every page
    assert result.pages == len(pages)


def test_wide_journey_map_is_split_into_readable_parts(tmp_path: Path) -> None:
    from cxstudio.editing import operations as ops
    from cxstudio.editing.operations import LaneSpec

    sample = build_sample()
    project = sample.project
    journey = project.run(ops.add_journey, "Lange Reise", [f"Phase {i}" for i in range(30)],
                          [LaneSpec("Schritte"), LaneSpec("Gefühle")])
    lanes = project.document.lanes(journey.id)
    for stage in project.document.stages(journey.id):
        project.run(ops.add_card, stage.id, lanes[0].id, f"Schritt in {stage.name}", text="Etwas Text zum Lesen.")
    out = tmp_path / "wide.pdf"
    result = export_report(project.document, out)
    parts = result.map_parts[journey.id]
    assert parts > 1
    pages = _pages_text(out)
    assert sum(1 for p in pages if "Lange Reise: Teil" in p) == parts  # each detail page has its part heading
    for number in range(30):
        assert any(f"Schritt in Phase {number}" in p for p in pages)
    # every part prints the body text at least at the minimum size
    from cxstudio.export.draw import layout_for_print
    from cxstudio.export.report import _ReportBuilder

    layout = layout_for_print(project.document, journey.id)
    builder = _ReportBuilder(project.document, "de", (595.2756, 841.8898), dt.date.today(), layout.view, [journey.id])
    _orientation, parts = builder.map_parts_of(layout)
    for part in parts:
        assert part.scale * layout.settings.card_text_size >= MIN_MAP_TEXT_PT - 1e-6


def test_tall_journey_map_is_split_by_lanes_too(big_report: tuple[Sample, Path, Any]) -> None:
    big, out, result = big_report  # 12 cards stacked in every cell: a map much taller than a page
    assert result.map_parts[big.journey_id] > 1
    text = " ".join(_pages_text(out))
    for title in big.card_titles:
        assert title in text


def test_report_options_are_checked(sample: Sample, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_report(sample.doc, tmp_path / "r.pdf", ExportOptions(paper="A3"))
    assert caught.value.code == "unknown_report_paper" and "A4 or letter" in caught.value.message("en")
    with pytest.raises(ExportError) as caught:
        export_report(sample.doc, tmp_path / "nowhere" / "r.pdf")
    assert caught.value.code == "unwritable_output"
    with pytest.raises(ExportError) as caught:
        export_report(sample.doc, tmp_path / "r.pdf", progress=lambda done, total: False)
    assert caught.value.code == "cancelled" and list(tmp_path.iterdir()) == []


def test_english_report_and_letter_paper(tmp_path: Path) -> None:
    from cxstudio.api import create
    from cxstudio.editing import operations as ops
    from cxstudio.editing.operations import LaneSpec

    project = create(language="en", name="Acme onboarding")
    journey = project.run(ops.add_journey, "Sign-up", ["Discover", "Sign up"], [LaneSpec("Steps")])
    stage = project.document.stages(journey.id)[0]
    project.run(ops.add_card, stage.id, project.document.lanes(journey.id)[0].id, "Reads the pricing page",
                kind="touchpoint", rating=3, pain_point=True)
    out = tmp_path / "report.pdf"
    export_report(project.document, out, ExportOptions(paper="letter"))
    reader = pypdf.PdfReader(out)
    assert float(reader.pages[0].mediabox.width) == pytest.approx(612.0, abs=0.3)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Customer experience report" in text and "Touchpoint inventory" in text and "Reads the pricing page" in text


def test_report_progress_runs_through_the_layout_and_can_cancel_it(sample: Sample, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        seen.append((done, total))
        return True

    export_report(sample.doc, tmp_path / "r.pdf", progress=record)
    assert len(seen) > 10 and seen[-1][0] == seen[-1][1]
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    story_steps = len(sample.doc.journeys()) + 4

    def cancel_while_laying_out(done: int, total: int) -> bool:
        return done <= story_steps + 5  # past the story: cancel inside ReportLab's page layout

    with pytest.raises(ExportError) as caught:
        export_report(sample.doc, tmp_path / "cancelled.pdf", progress=cancel_while_laying_out)
    assert caught.value.code == "cancelled"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.pdf"]
