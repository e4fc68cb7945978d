"""Print fit rules read back from real PDFs: rolls run lengthwise, offered scales work, --min-text holds for every
glyph, sheets keep 6 mm clear, the assembly page keeps its labels legible, every font is embedded, the legend."""

from __future__ import annotations

import sys
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from export_samples import Sample

from cxstudio.api import OpenProject
from cxstudio.cli import main
from cxstudio.export.options import ExportOptions
from cxstudio.export.paper import MM
from cxstudio.export.poster import export_poster, plan_poster, suggested_scale
from cxstudio.export.report import export_report
from cxstudio.export.tiles import ASSEMBLY_LABEL_PT, EDGE_CLEARANCE, export_tiles, plan_tiles
from cxstudio.persistence.project_file import ProjectFile

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One 1,000-card journey (the poster benchmark's) saved as a real project file."""
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))
    from generate import ProjectSpec, generate  # type: ignore[import-not-found]

    document = generate(ProjectSpec("J1000", journeys=1, cards=1_000, relations=2_000, touchpoints=60, personas=2,
                                    actions=100, stages_per_journey=(10,)))
    path = tmp_path_factory.mktemp("big") / "j1000.cxstudio"
    project = OpenProject(document, ProjectFile.create_unsaved(document))
    try:
        project.save_as(path)
    finally:
        project.close()
    return path


@pytest.fixture
def example_file(german_example_file: Path) -> Path:
    """The German worked example as a project file (tests/conftest.py; these tests only read it)."""
    return german_example_file


def _cli(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _smallest_char(path: Path, pages: slice = slice(None)) -> float:
    with pdfplumber.open(path) as pdf:
        return min(char["size"] for page in pdf.pages[pages] for char in page.chars if char["text"].strip())


def _fonts(path: Path) -> list[tuple[str, bool]]:
    """Every font a page of the PDF refers to (also through forms): its name and whether its file is embedded."""
    found: dict[str, bool] = {}

    def visit(resources: object) -> None:
        resources = resources.get_object() if hasattr(resources, "get_object") else resources
        if not isinstance(resources, dict):
            return
        fonts = resources.get("/Font")
        for font in (fonts.get_object() if fonts is not None else {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            for descendant in font.get("/DescendantFonts") or ():
                descriptor = descriptor or descendant.get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font.get("/BaseFont"))] = embedded
        xobjects = resources.get("/XObject")
        for xobject in (xobjects.get_object() if xobjects is not None else {}).values():
            xobject = xobject.get_object()
            if "/Resources" in xobject:
                visit(xobject["/Resources"])

    for page in pypdf.PdfReader(path).pages:
        visit(page.get("/Resources"))
    return sorted(found.items())


# ---------------------------------------------------------------------- rolls
def test_a_1000_card_journey_on_a_roll_runs_lengthwise_at_75_percent_or_more(
        big_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for paper, width_mm in (("roll914", 914.0), ("roll1067", 1067.0)):
        out = tmp_path / f"{paper}.pdf"
        code, said, err = _cli(capsys, "export", str(big_file), "-o", str(out), "--paper", paper, "--lang", "en")
        assert (code, err) == (0, "")
        page = pypdf.PdfReader(out).pages[0]
        width, height = float(page.mediabox.width) / MM, float(page.mediabox.height) / MM
        assert width == pytest.approx(width_mm, abs=0.1) and 4500 < height <= 5080.0 + 1e-6
        scale = int(said.split("scale ")[1].split(" %")[0])
        assert scale >= 75
        assert "its length stops at 5,080 mm (the PDF limit" in said  # it says what it did


def test_the_scale_a_message_offers_works_when_passed_back(big_file: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "roll.pdf"
    code, said, err = _cli(capsys, "export", str(big_file), "-o", str(out), "--paper", "roll914", "--scale", "1",
                           "--lang", "en")
    assert code == 1 and "beyond the PDF limit" in err and not out.exists()
    offered = err.split("--scale ")[1].split(")")[0]
    assert float(offered) < 1
    code, said, err = _cli(capsys, "export", str(big_file), "-o", str(out), "--paper", "roll914", "--scale", offered,
                           "--lang", "en")
    assert (code, err) == (0, "")
    assert float(pypdf.PdfReader(out).pages[0].mediabox.height) / MM <= 5080.0 + 1e-6


@pytest.mark.parametrize(("limit", "offered"), [(0.8085, 0.8), (0.81, 0.81), (0.0567, 0.056), (2.999, 2.99),
                                                (12.779, 12.77), (0.00123, 0.0012)])
def test_offered_scales_are_rounded_down(limit: float, offered: float) -> None:
    assert suggested_scale(limit) == pytest.approx(offered) and suggested_scale(limit) <= limit


# ---------------------------------------------------------------------- --min-text
def test_min_text_holds_for_every_glyph_of_the_poster_and_the_sheets(sample: Sample, tmp_path: Path) -> None:
    options = ExportOptions(journey_id=sample.journey_id, paper="auto", min_text_pt=9)
    poster = tmp_path / "poster.pdf"
    result = export_poster(sample.doc, plan_poster(sample.doc, options), poster)
    assert _smallest_char(poster) >= 9.0 - 0.01
    assert result.plan.smallest_text_pt == pytest.approx(9.0, abs=0.01)
    # without it the kind labels and badges print smaller than the body text: the test can fail
    plain = tmp_path / "plain.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, options.replace(min_text_pt=None, scale=9 / 9.5)), plain)
    assert _smallest_char(plain) < 8.5
    tiles = tmp_path / "tiles.pdf"
    plan = plan_tiles(sample.doc, options.replace(sheet="A4"))
    export_tiles(sample.doc, plan, tiles)
    assert _smallest_char(tiles, slice(1, None)) >= 9.0 - 0.01  # every sheet; the assembly page shows a thumbnail


def test_min_text_of_posters_and_tiles_from_the_command_line(example_file: Path, big_file: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "readable.pdf"
    code, said, err = _cli(capsys, "export", str(example_file), "-o", str(out), "--paper", "auto", "--min-text", "9",
                           "--lang", "en")
    assert (code, err) == (0, ""), err
    assert "smallest text 9.0 pt" in said
    assert _smallest_char(out) >= 9.0 - 0.01
    code, said, err = _cli(capsys, "export", str(example_file), "-o", str(out), "--tile", "A4", "--min-text", "9",
                           "--lang", "en")
    assert (code, err) == (0, ""), err
    assert _smallest_char(out, slice(1, None)) >= 9.0 - 0.01
    # too large for one page: refused with the scale that would fit
    code, said, err = _cli(capsys, "export", str(big_file), "-o", str(out), "--paper", "auto", "--min-text", "9",
                           "--lang", "en")
    assert code == 1 and "beyond the PDF limit" in err


# ---------------------------------------------------------------------- tiles
def test_marks_and_labels_keep_6_mm_from_every_sheet_edge(sample: Sample, tmp_path: Path) -> None:
    import pypdfium2

    out = tmp_path / "tiles.pdf"
    plan = plan_tiles(sample.doc, ExportOptions(journey_id=sample.journey_id, sheet="A4", scale=1.0))
    export_tiles(sample.doc, plan, out)
    dpi = 150
    band = int(EDGE_CLEARANCE / 72 * dpi) - 1  # pixels wholly within 6 mm of the edge
    document = pypdfium2.PdfDocument(str(out))
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil().convert("L")
            width, height = image.size
            for box in ((0, 0, width, band), (0, height - band, width, height), (0, 0, band, height),
                        (width - band, 0, width, height)):
                darkest = image.crop(box).getextrema()[0]
                assert darkest >= 250, f"page {index + 1}: ink within 6 mm of the edge in {box}"
            if index == 0:  # the assembly page keeps the whole margin blank
                continue
            # the sheets' marks and labels are there, just inside that band
            darkest = image.crop((band, band, width - band, band + int(4 * MM / 72 * dpi))).getextrema()[0]
            assert darkest < 128, f"page {index + 1}: no label near the top edge"
    finally:
        document.close()


def test_the_assembly_page_of_a_long_narrow_grid_keeps_labels_at_8_pt(big_file: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tiles.pdf"
    code, said, _err = _cli(capsys, "export", str(big_file), "-o", str(out), "--tile", "A4", "--lang", "en")
    assert code == 0 and "(36 x 3" in said or "(23 x 5" in said or "sheets (" in said
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(extra_attrs=["size"])
        keys = [w for w in words if w["text"].startswith("R") and "C" in w["text"] and w["text"][1].isdigit()]
        rows_cols = {w["text"] for w in keys}
    plan_rows = int(said.split("(")[1].split(" x ")[0])
    plan_cols = int(said.split(" x ")[1].split(",")[0])
    assert len(rows_cols) == plan_rows * plan_cols  # every sheet's key is on the page
    assert min(w["size"] for w in keys) >= ASSEMBLY_LABEL_PT - 0.01
    # the grid fills the page: the cells' labels spread over most of its width and height
    xs = [w["x0"] for w in keys]
    tops = [w["top"] for w in keys]
    assert max(xs) - min(xs) > float(page.width) * 0.5 and max(tops) - min(tops) > float(page.height) * 0.5


def test_tiles_of_small_text_warn_like_the_poster(big_file: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tiles.pdf"
    code, said, _err = _cli(capsys, "export", str(big_file), "-o", str(out), "--tile", "A4", "--paper", "A0",
                            "--lang", "en")
    assert code == 0 and "hard to read" in said and "--min-text 9" in said
    code, said, _err = _cli(capsys, "export", str(big_file), "-o", str(out), "--tile", "A4", "--lang", "en")
    assert code == 0 and "hard to read" not in said


# ---------------------------------------------------------------------- fonts
def test_posters_tiles_and_reports_refer_only_to_embedded_fonts(sample: Sample, tmp_path: Path) -> None:
    options = ExportOptions(journey_id=sample.journey_id)
    poster, tiles, report = tmp_path / "poster.pdf", tmp_path / "tiles.pdf", tmp_path / "report.pdf"
    export_poster(sample.doc, plan_poster(sample.doc, options), poster)
    export_tiles(sample.doc, plan_tiles(sample.doc, options.replace(sheet="A3")), tiles)
    export_report(sample.doc, report)
    for path in (poster, tiles, report):
        fonts = _fonts(path)
        assert fonts and all(embedded for _name, embedded in fonts), (path.name, fonts)
        assert not any("Helvetica" in name for name, _embedded in fonts)


# ---------------------------------------------------------------------- legend
def test_the_legend_names_each_marker_once_and_explains_the_arrows(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "poster.pdf"
    plan = plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A1"))
    export_poster(sample.doc, plan, out)
    legend = [line.text for line, _colour in plan.title.lines]
    assert legend.count("Pain Point") == 1 and legend.count("Moment of Truth") == 1
    assert any(kind in plan.layout.cards[c].kind for c in plan.layout.cards for kind in ("pain_point",))
    relation_kinds = {route.kind for route in plan.layout.relations}
    assert relation_kinds and plan.title.arrows
    assert any(arrow.dashed for arrow in plan.title.arrows) == ("relates_to" in relation_kinds)
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert text.count("Pain Point") >= 1 and "bezieht sich auf" in text or "führt zu" in text


def test_the_emotion_curve_axis_has_ticks_1_to_10_on_screen_and_in_print(sample: Sample, tmp_path: Path) -> None:
    plan = plan_poster(sample.doc, ExportOptions(journey_id=sample.journey_id, paper="A1"))
    (curve,) = plan.layout.curves  # the canvas draws these very lines (ui/canvas/items/background.py)
    ticks = curve.tick_lines
    assert [t.text for t in ticks] == [str(n) for n in range(10, 0, -1)]
    assert all(a.baseline < b.baseline for a, b in zip(ticks, ticks[1:]))  # 10 at the top, evenly down to 1
    steps = {round(b.baseline - a.baseline, 6) for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    out = tmp_path / "poster.pdf"
    export_poster(sample.doc, plan, out)
    left = plan.map_rect.x + (curve.rect.x - plan.region.x) * plan.scale
    with pdfplumber.open(out) as pdf:
        axis = [w["text"] for w in pdf.pages[0].extract_words() if left - 30 < w["x1"] <= left + 0.5]
    assert [str(n) for n in range(10, 0, -1)] == [t for t in axis if t.isdigit()][:10]


def test_every_page_of_tiles_keeps_min_text_the_assembly_page_shows_a_schematic(
        example_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tiles.pdf"
    code, _said, err = _cli(capsys, "export", str(example_file), "-o", str(out), "--tile", "A4", "--min-text", "9",
                            "--lang", "en")
    assert (code, err) == (0, ""), err
    assert _smallest_char(out) >= 9.0 - 0.01  # the assembly page included
    with pdfplumber.open(out) as pdf:
        assembly = " ".join((pdf.pages[0].extract_text() or "").split())
        first_sheet = " ".join((pdf.pages[1].extract_text() or "").split())
    assert "R1C1" in assembly and "Physische Belege" in first_sheet
    assert "Physische Belege" not in assembly  # the poster on the assembly page is boxes, not text


def test_the_printed_assembly_page_keeps_min_text_and_draws_no_map_text(example_file: Path, tmp_path: Path,
                                                                        qapp: object) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    from cxstudio import api
    from cxstudio.ui.export.pages import PageTexts, paint_assembly

    project = api.open_project(example_file, read_only=True)
    try:
        plan = plan_tiles(project.document, ExportOptions(sheet="A4", min_text_pt=9))
    finally:
        project.close()
    out = tmp_path / "printed.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QSizeF(plan.sheet_width, plan.sheet_height), QPageSize.Unit.Point))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(72)
    painter = QPainter(writer)
    drawn: list[object] = []
    paint_assembly(painter, plan, lambda *args: drawn.append(args), PageTexts("Reise", "Projekt", "3.12.2026",
                                                                              "Montageplan", "leer"), "Hinweis")
    painter.end()
    assert drawn == []  # the map itself is never drawn on the assembly page
    assert _smallest_char(out) >= 9.0 - 0.01
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text() or ""
    assert "R1C1" in text and "Physische Belege" not in text
