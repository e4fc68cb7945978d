"""Tiled prints read back: sheet count, sheet sizes, labels on the sheets, PDF page labels, skipped empty sheets."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from export_samples import JOURNEY_NAME, PROJECT_NAME, Sample

from cxstudio.export.errors import ExportError
from cxstudio.export.options import ExportOptions
from cxstudio.export.paper import MM
from cxstudio.export.tiles import export_tiles, plan_tiles


def test_sheets_cover_the_poster_with_the_requested_overlap(sample: Sample) -> None:
    plan = plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="A4", overlap_mm=10))
    poster = plan.poster
    assert plan.overlap == pytest.approx(10 * MM)
    assert plan.rows * plan.cols == len(plan.sheets)
    # neighbours share exactly the overlap, and together the sheets cover the whole poster page
    for sheet in plan.sheets:
        if sheet.col < plan.cols:
            right = next(s for s in plan.sheets if (s.row, s.col) == (sheet.row, sheet.col + 1))
            assert sheet.source.right - right.source.x == pytest.approx(10 * MM)
    assert min(s.source.x for s in plan.sheets) <= 0 and max(s.source.right for s in plan.sheets) >= poster.page_width
    assert min(s.source.y for s in plan.sheets) <= 0 and max(s.source.bottom for s in plan.sheets) >= poster.page_height


def test_tiled_pdf_has_assembly_page_labelled_sheets_and_page_labels(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "tiles.pdf"
    result = export_tiles(sample.doc, plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="A4", paper="A1", scale="fit")), out)
    plan = result.plan
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == plan.sheet_count == 1 + len(plan.printed)
    assert plan.rows * plan.cols > 1
    expected_labels = ["Montageplan"] + [f"R{s.row}C{s.col}" for s in plan.printed]
    assert list(reader.page_labels) == expected_labels
    for page in reader.pages:
        width, height = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
        assert sorted((width, height)) == pytest.approx([210.0, 297.0], abs=0.1)
    assembly = reader.pages[0].extract_text()
    assert "Montageplan" in assembly and PROJECT_NAME in assembly
    for number, (sheet, page) in enumerate(zip(plan.printed, reader.pages[1:]), start=1):
        text = " ".join(page.extract_text().split())
        assert f"Zeile {sheet.row} / Spalte {sheet.col}" in text
        assert f"Blatt {number} von {len(plan.printed)}" in text
        assert PROJECT_NAME in text and JOURNEY_NAME in text


def test_empty_sheets_are_skipped_and_marked_on_the_assembly_page(sample: Sample, tmp_path: Path) -> None:
    # a portrait A0 poster of a wide map leaves blank paper above and below the map: those sheets are empty
    plan = plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="A4", sheet_orientation="portrait", paper="A0", orientation="portrait", scale="fit"))
    assert plan.empty_sheets, "the blank parts of the poster should give empty sheets"
    areas = plan.poster.drawn_areas()
    for sheet in plan.empty_sheets:
        assert not any(sheet.source.intersects(area) for area in areas)
    for sheet in plan.printed:
        assert any(sheet.source.intersects(area) for area in areas)
    out = tmp_path / "tiles.pdf"
    export_tiles(sample.doc, plan, out)
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 1 + len(plan.printed)
    assembly = " ".join(reader.pages[0].extract_text().split())
    for sheet in plan.empty_sheets:
        assert sheet.key in assembly
    hint = "Durchgestrichene Felder sind leer"
    assert hint in assembly and assembly.count("leer") == len(plan.empty_sheets) + 1  # each empty cell says so
    printed_labels = set(reader.page_labels[1:])
    assert not printed_labels & {s.key for s in plan.empty_sheets}


def test_sheet_orientation_auto_needs_no_more_sheets_than_either(sample: Sample) -> None:
    auto = plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="A3"))
    portrait = plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="A3", sheet_orientation="portrait"))
    landscape = plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="A3", sheet_orientation="landscape"))
    assert len(auto.printed) == min(len(portrait.printed), len(landscape.printed))


@pytest.mark.parametrize("overlap_mm", [0, 10, 60])
def test_the_grid_is_the_smallest_that_covers_the_poster(sample: Sample, overlap_mm: float) -> None:
    plan = plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="letter", overlap_mm=overlap_mm, paper="A1", scale="fit", sheet_orientation="landscape"))
    assert plan.sheet_width == pytest.approx(279.4 * MM)
    poster = plan.poster
    assert plan.cols * plan.step_x + plan.overlap >= poster.page_width - 1e-6
    assert (plan.cols - 1) * plan.step_x + plan.overlap < poster.page_width
    assert plan.rows * plan.step_y + plan.overlap >= poster.page_height - 1e-6
    assert (plan.rows - 1) * plan.step_y + plan.overlap < poster.page_height


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"sheet": "A0"}, "unknown_tile_paper"),
    ({"overlap_mm": -1}, "bad_overlap"),
    ({"overlap_mm": 500}, "bad_overlap"),
])
def test_bad_tile_options(sample: Sample, kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(ExportError) as caught:
        plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, **kwargs))  # type: ignore[arg-type]
    assert caught.value.code == code
    assert caught.value.message("de").endswith(".")


def test_cancel_leaves_no_file(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "tiles.pdf"
    seen: list[int] = []

    def cancel_after_a_while(done: int, total: int) -> bool:
        seen.append(done)
        return done < total // 2

    with pytest.raises(ExportError) as caught:
        export_tiles(sample.doc, plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id)), out, progress=cancel_after_a_while)
    assert caught.value.code == "cancelled"
    assert not out.exists() and list(tmp_path.iterdir()) == []
    assert seen
