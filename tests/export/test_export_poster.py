"""Poster PDFs read back: page sizes, fitted roll length, embedded extractable text, card geometry = layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from export_samples import JOURNEY_NAME, PROJECT_NAME, Sample

from cxstudio.api import create
from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.export.errors import ExportError
from cxstudio.export.options import ExportOptions
from cxstudio.export.paper import MM, parse_paper
from cxstudio.export.poster import MAX_FIT_SCALE, export_poster, plan_poster
from cxstudio.export.tiles import plan_tiles
from cxstudio.layout.journey import ViewKind, layout_journey

PT_PER_TENTH_MM = 0.1 * MM


def _page_size_mm(path: Path) -> tuple[float, float]:
    page = pypdf.PdfReader(path).pages[0]
    return (float(page.mediabox.width) / MM, float(page.mediabox.height) / MM)


@pytest.mark.parametrize(
    ("paper", "orientation", "expected_mm"),
    [
        ("A0", "landscape", (1189.0, 841.0)),
        ("A0", "portrait", (841.0, 1189.0)),
        ("A1", "landscape", (841.0, 594.0)),
        ("A3", "portrait", (297.0, 420.0)),
        ("A4", "landscape", (297.0, 210.0)),
        ("letter", "portrait", (215.9, 279.4)),
        ("tabloid", "landscape", (431.8, 279.4)),
        ("1500x700mm", "auto", (1500.0, 700.0)),
        ("700x1500mm", "auto", (700.0, 1500.0)),
    ],
)
def test_page_size_is_exactly_the_requested_paper(sample: Sample, tmp_path: Path, paper: str, orientation: str,
                                                  expected_mm: tuple[float, float]) -> None:
    out = tmp_path / "poster.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper=paper, orientation=orientation)), out)
    width, height = _page_size_mm(out)
    assert width == pytest.approx(expected_mm[0], abs=0.1)
    assert height == pytest.approx(expected_mm[1], abs=0.1)


@pytest.mark.parametrize("roll", ["roll610", "roll914", "roll1067"])
def test_roll_width_is_fixed_and_length_fitted_to_the_map(sample: Sample, tmp_path: Path, roll: str) -> None:
    out = tmp_path / "roll.pdf"
    result = export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper=roll, orientation="landscape")), out)
    width, height = _page_size_mm(out)
    plan = result.plan
    assert height == pytest.approx(parse_paper(roll).width_mm, abs=0.1)  # the roll's width runs across the map
    # the length is the map at the fitted scale plus both margins: no blank paper at the end
    assert plan.page_width == pytest.approx(plan.map_rect.width + 2 * plan.margin, abs=0.01)
    assert width == pytest.approx(plan.page_width / MM, abs=0.1)
    assert plan.map_rect.bottom == pytest.approx(plan.page_height - plan.margin, abs=0.01)


def test_portrait_roll_fits_the_width_and_grows_in_length(sample: Sample) -> None:
    plan = plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="roll610", orientation="portrait"))
    assert plan.page_width == pytest.approx(610 * MM)
    assert plan.map_rect.width == pytest.approx(plan.page_width - 2 * plan.margin, abs=0.01)
    assert plan.page_height == pytest.approx(plan.map_rect.bottom + plan.margin, abs=0.01)


def test_fixed_scale_and_minimum_text_size(sample: Sample) -> None:
    full = plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A0", scale="1.0"))
    assert full.scale == 1.0
    assert full.map_rect.width == pytest.approx(full.region.width)
    readable = plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A0", min_text_pt=9))
    assert readable.smallest_text_pt == pytest.approx(9.0) and readable.body_text_pt > 9.0
    fitted = plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A0", scale="fit"))
    assert fitted.map_rect.width <= fitted.page_width - 2 * fitted.margin + 0.01
    assert fitted.map_rect.bottom <= fitted.page_height - fitted.margin + 0.01


def test_fixed_scale_that_does_not_fit_the_paper_is_refused(sample: Sample) -> None:
    with pytest.raises(ExportError) as caught:
        plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A4", scale=1.0))
    assert caught.value.code == "does_not_fit"
    assert "--tile" in caught.value.message("en") and "--tile" in caught.value.message("de")


def test_page_beyond_the_pdf_limit_is_refused_with_tiling_or_a_scale_that_fits(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "huge.pdf"
    with pytest.raises(ExportError) as caught:
        export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="auto", scale=12)), out)
    error = caught.value
    assert error.code == "page_too_large"
    assert "5,080 mm" in error.message("en") and "--tile" in error.message("en")
    assert "5.080 mm" in error.message("de")
    assert not out.exists()
    # the scale the message offers does produce a page within the limit
    suggested = error.params["max_scale"]
    result = export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="auto", scale=suggested)), out)
    assert 5000.0 < max(_page_size_mm(out)) <= 5080.0
    assert result.plan.scale == pytest.approx(suggested)


def test_roll_runs_lengthwise_up_to_the_limit_and_a_fixed_scale_beyond_it_is_refused(tmp_path: Path) -> None:
    project = create(language="en", name="Long journey")
    journey = project.run(ops.add_journey, "Sixty stages", [f"Stage {i}" for i in range(60)], [LaneSpec("Steps")])
    lane = project.document.lanes(journey.id)[0]
    for stage in project.document.stages(journey.id):
        project.run(ops.add_card, stage.id, lane.id, f"Step in {stage.name}")
    out = tmp_path / "roll.pdf"
    # 'fit' on a roll: the length stops at 5,080 mm and the plan says that the length decided the scale
    along = ExportOptions(journey_id=journey.id, paper="roll914", orientation="landscape")
    plan = plan_poster(project.document, along)
    assert plan.roll_fit == "length"
    export_poster(project.document, plan, out)
    width_mm, height_mm = _page_size_mm(out)
    assert width_mm == pytest.approx(5080.0, abs=0.1) and height_mm == pytest.approx(914.0, abs=0.1)
    # a fixed scale beyond the limit is refused, naming a scale that works when passed back
    out.unlink()
    with pytest.raises(ExportError) as caught:
        export_poster(project.document, plan_poster(project.document, along.replace(scale=2.0)), out)
    assert caught.value.code == "page_too_large"
    assert not out.exists()
    suggested = caught.value.params["max_scale"]
    assert f"--scale {suggested:g}" in caught.value.message("en")
    again = plan_poster(project.document, along.replace(scale=f"{suggested:g}"))
    assert again.page_width <= 14_400 and again.scale == pytest.approx(suggested)
    # tiling the poster at 200 % works: only the sheets are pages
    tiles = plan_tiles(project.document, along.replace(scale=2.0))
    assert tiles.poster.page_width > 14_400 and tiles.sheet_count > 1


def test_custom_paper_beyond_the_limit_is_refused(sample: Sample) -> None:
    with pytest.raises(ExportError) as caught:
        plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="6000x900mm"))
    assert caught.value.code == "paper_too_large"


def test_every_card_title_and_umlaut_title_is_extractable_text(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "poster.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A0", date=dt.date(2026, 11, 23))), out)
    reader = pypdf.PdfReader(out)
    text = reader.pages[0].extract_text()
    assert JOURNEY_NAME in text
    assert PROJECT_NAME in text  # title block: project name with umlauts
    assert "Persona: Jürgen Groß" in text and "Datum: 23.11.2026" in text and "Maßstab" in text
    assert "Legende" in text and "Moment of Truth" in text and "Kanäle: Callcenter" in text
    assert "GEHEIMNOTIZ" not in text and "INTERNER-KOMMENTAR" not in text  # posters go on walls clients see
    words = " ".join(text.split())
    for title in sample.card_titles:
        assert title in words
    fonts = reader.pages[0]["/Resources"]["/Font"]
    base_fonts = {str(fonts[name].get_object()["/BaseFont"]) for name in fonts}
    assert any("DejaVuSans" in name for name in base_fonts)  # the bundled font, embedded as a subset
    assert reader.metadata is not None and reader.metadata.title.startswith(JOURNEY_NAME)


def _card_rects_from_pdf(path: Path) -> list[tuple[float, float, float, float]]:
    """Rounded card outlines as (x0, top, x1, bottom) in page points, from the curves pdfplumber finds."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.curves]


@pytest.mark.parametrize("view", [ViewKind.MAP, ViewKind.BLUEPRINT, ViewKind.SWIMLANE_CHANNEL])
def test_card_rectangles_are_the_layout_engines(sample: Sample, tmp_path: Path, view: ViewKind) -> None:
    out = tmp_path / "poster.pdf"
    result = export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A1", view=view)), out)
    plan = result.plan
    layout = layout_journey(sample.doc, sample.journey_id, view)  # what the canvas draws
    assert {cid: box.rect for cid, box in layout.cards.items()} == {cid: box.rect for cid, box in plan.layout.cards.items()}
    found = _card_rects_from_pdf(out)
    tolerance = 0.05
    for box in layout.cards.values():
        x, y = plan.to_page(box.rect.x, box.rect.y)
        expected = (x, y, x + box.rect.width * plan.scale, y + box.rect.height * plan.scale)
        assert any(all(abs(a - b) <= tolerance for a, b in zip(expected, rect)) for rect in found), (
            f"card {box.id} not drawn at {expected}"
        )


def test_swimlane_and_blueprint_views_print_their_lanes(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "swim.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A2", view="swimlane")), out)
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Callcenter" in text and "Swimlanes nach Kanal" in text
    out = tmp_path / "blueprint.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A2", view="blueprint")), out)
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Sichtbarkeitslinie" in text and "Service Blueprint" in text


def test_progress_reports_and_cancel_leaves_nothing(sample: Sample, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []

    def record(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    out = tmp_path / "poster.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A3")), out, progress=record)
    assert calls and calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)

    existing = tmp_path / "existing.pdf"
    existing.write_bytes(b"old content")
    with pytest.raises(ExportError) as caught:
        export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A3")), existing, progress=lambda done, total: False)
    assert caught.value.code == "cancelled"
    assert existing.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.pdf", "poster.pdf"]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"paper": "A7"}, "unknown_paper"),
        ({"paper": "12x"}, "unknown_paper"),
        ({"scale": "big"}, "bad_scale"),
        ({"scale": -1}, "bad_scale"),
        ({"orientation": "sideways"}, "bad_orientation"),
        ({"view": "kanban"}, "unknown_view"),
        ({"min_text_pt": 0.2}, "bad_text_size"),
    ],
)
def test_bad_options_give_one_sentence_in_both_languages(sample: Sample, kwargs: dict[str, object], code: str) -> None:
    with pytest.raises(ExportError) as caught:
        plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, **kwargs))  # type: ignore[arg-type]
    assert caught.value.code == code
    for language in ("en", "de"):
        message = caught.value.message(language)
        assert message.endswith(".") and "\n" not in message


def test_unknown_journey_names_the_ones_there_are(sample: Sample) -> None:
    with pytest.raises(ExportError) as caught:
        plan_poster(sample.doc, ExportOptions(journey_id="Gibt es nicht"))
    assert caught.value.code == "unknown_journey"
    assert JOURNEY_NAME in caught.value.message("de")
    assert plan_poster(sample.doc, ExportOptions(journey_id=JOURNEY_NAME.upper())).journey_id == sample.journey_id


def test_unwritable_output_is_refused_before_drawing(sample: Sample, tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A4")), tmp_path / "missing" / "poster.pdf")
    assert caught.value.code == "unwritable_output"
    assert "does not exist" in caught.value.message("en")
    with pytest.raises(ExportError) as caught:
        export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A4")), tmp_path)
    assert "Ordner" in caught.value.message("de")


def test_fit_never_magnifies_a_tiny_map_beyond_the_limit(tmp_path: Path) -> None:
    project = create(language="en", name="Tiny")
    journey = project.run(ops.add_journey, "One step", ["Only stage"], [LaneSpec("Steps")])
    stage = project.document.stages(journey.id)[0]
    project.run(ops.add_card, stage.id, project.document.lanes(journey.id)[0].id, "Just one card")
    plan = plan_poster(project.document, ExportOptions(journey_id=journey.id, paper="A0"))
    assert plan.scale == pytest.approx(MAX_FIT_SCALE)
    assert plan.map_rect.width < plan.page_width - 2 * plan.margin  # centred, not stretched
    bare = project.run(ops.add_journey, "No stages yet")
    out = tmp_path / "bare.pdf"
    result = export_poster(project.document, plan_poster(project.document, ExportOptions(journey_id=bare.id, paper="A3")), out)
    assert result.plan.scale <= MAX_FIT_SCALE and "No stages yet" in pypdf.PdfReader(out).pages[0].extract_text()


def test_written_file_gets_normal_permissions(sample: Sample, tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "poster.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A4")), out)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask  # not the private mode of a temporary file
    out.chmod(0o640)
    export_poster(sample.doc, plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A3")), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # replacing a file keeps its permissions
