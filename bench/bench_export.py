"""Benchmark of the PDF exports: A0 poster and tiled A4 print of a 1,000-card journey, the report of the L project."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from common import Probe, Table, at_most, fmt_seconds, measure_interleaved, print_tables, ratio_verdict, time_once
from generate import ProjectSpec, generate

from cxstudio.export import fonts
from cxstudio.export.options import ExportOptions
from cxstudio.export.poster import PosterPlan, export_poster, plan_poster
from cxstudio.export.report import export_report
from cxstudio.export.tiles import export_tiles, plan_tiles
from cxstudio.model.document import Document

POSTER_BAR = 1.0  # A0 poster of one 1,000-card journey (QUALITY.md)
POSTER_RATIO_BAR = 1.5  # against a bare ReportLab canvas drawing the same rectangles and lines of text
TILES_BAR = 2.0  # tiled A4 print of the same

# one journey of 1,000 cards with the L project's mix of lanes, relations and catalogue touchpoints
JOURNEY_1000 = ProjectSpec("J1000", journeys=1, cards=1_000, relations=2_000, touchpoints=60, personas=2,
                           actions=100, stages_per_journey=(10,))


def bare_reportlab_floor(plan: PosterPlan, out: Path) -> None:
    """The floor: a bare ReportLab canvas drawing the poster's rectangles and lines of text, nothing else.

    Same page, same embedded font, same card, header, cell, badge and chip rectangles, same strings at
    the same places (plain rect and drawString calls, coordinates precomputed), saved with the same
    compression.
    """
    from reportlab.pdfgen.canvas import Canvas

    layout, page_h = plan.layout, plan.page_height
    rects = [plan.rect_to_page(r) for r in (
        *(h.rect for h in layout.stage_headers), *(h.rect for h in layout.lane_headers), *layout.cells.values(),
        *(b.rect for b in layout.cards.values()), *(p.rect for b in layout.cards.values() for p in b.badges),
        *(chip.rect for chip in layout.chips))]
    lines = [*(ln for h in (*layout.stage_headers, *layout.lane_headers) for ln in h.lines),
             *(ln for b in layout.cards.values() for ln in b.all_lines()), *(chip.line for chip in layout.chips)]
    placed = [(fonts.face(ln.bold, ln.italic), ln.size * plan.scale, *plan.to_page(ln.x, ln.baseline), ln.text)
              for ln in lines if ln.text]
    canvas = Canvas(str(out), pagesize=(plan.page_width, plan.page_height), pageCompression=1)
    for r in rects:
        canvas.rect(r.x, page_h - r.bottom, r.width, r.height, stroke=1, fill=1)
    for face, size, x, y, text in placed:
        canvas.setFont(face, size)
        canvas.drawString(x, page_h - y, text)
    canvas.showPage()
    canvas.save()


def biggest_journey(document: Document) -> str:
    return max(document.journeys(), key=lambda j: len(document.cards(j.id))).id


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per figure (default 7)")
    args = parser.parse_args(argv)
    fonts.register_fonts()
    folder = Path(tempfile.mkdtemp(prefix="cxstudio-bench-export-"))

    document = generate(JOURNEY_1000)
    journey_id = biggest_journey(document)
    cards = len(document.cards(journey_id))
    poster_pdf, floor_pdf, tiles_pdf = folder / "poster.pdf", folder / "floor.pdf", folder / "tiles.pdf"

    a0 = ExportOptions(journey_id=journey_id, paper="A0")
    a4_tiles = a0.replace(sheet="A4", scale="fit")
    cold, result = time_once(lambda: export_poster(document, plan_poster(document, a0), poster_pdf))
    plan = result.plan  # type: ignore[attr-defined]
    tile_plan = plan_tiles(document, a4_tiles)
    samples = measure_interleaved({
        "floor": Probe(lambda i: bare_reportlab_floor(plan, floor_pdf)),
        "poster": Probe(lambda i: export_poster(document, plan_poster(document, a0), poster_pdf)),
        "poster_preplanned": Probe(lambda i: export_poster(document, plan, poster_pdf)),
        "plan": Probe(lambda i: plan_poster(document, a0)),
        "tiles": Probe(lambda i: export_tiles(document, plan_tiles(document, a4_tiles), tiles_pdf)),
    }, repeat=args.repeat, warmup=1, rounds=min(args.repeat, 3))

    poster_table = Table(f"A0 poster and tiled A4 print of one {cards:,}-card journey")
    poster = samples["poster"].median
    poster_table.add("A0 poster PDF, first export in the process (fonts loaded, layout cold)", fmt_seconds(cold))
    poster_table.add("A0 poster PDF (layout + drawing + writing), median", fmt_seconds(poster),
                     f"<= {fmt_seconds(POSTER_BAR)}", at_most(poster, POSTER_BAR))
    floor = samples["floor"].median
    poster_table.add("floor: bare ReportLab canvas, same rectangles and lines of text", fmt_seconds(floor))
    ratio, verdict = ratio_verdict(poster, floor, POSTER_RATIO_BAR)
    poster_table.add("A0 poster / floor", f"{ratio:.2f}x", f"<= {POSTER_RATIO_BAR}x", verdict)
    poster_table.add("plan_poster alone (layout + page planning: the dialog's live preview)",
                     fmt_seconds(samples["plan"].median))
    poster_table.add("A0 poster drawn from a ready plan", fmt_seconds(samples["poster_preplanned"].median))
    tiles = samples["tiles"].median
    poster_table.add(f"tiled A4 print ({tile_plan.rows} x {tile_plan.cols} sheets, {len(tile_plan.printed)} printed "
                     "+ assembly page), median", fmt_seconds(tiles), f"<= {fmt_seconds(TILES_BAR)}",
                     at_most(tiles, TILES_BAR))
    poster_table.notes.append(
        f"Poster: {plan.page_width_mm:.0f} x {plan.page_height_mm:.0f} mm, scale {plan.scale:.0%}, card text "
        f"{plan.body_text_pt:.1f} pt; {poster_pdf.stat().st_size / 1e6:.2f} MB. Tiles: "
        f"{tiles_pdf.stat().st_size / 1e6:.2f} MB. Medians of {args.repeat} runs, floor and exports interleaved."
    )
    poster_table.notes.append(
        "The floor draws plain rectangles and strings; the poster also draws rounded cards, markers, the "
        "emotion curve, relations with arrow heads, blueprint lines and the title block with its legend."
    )

    large = generate("L")
    report_pdf = folder / "report-L.pdf"
    report_seconds, report = time_once(lambda: export_report(large, report_pdf))
    report_table = Table("Client report of the L project (10 journeys, 5,000 cards, 500 actions)")
    report_table.add("report PDF, one run", fmt_seconds(report_seconds))
    report_table.notes.append(
        f"{report.pages} pages, {report_pdf.stat().st_size / 1e6:.2f} MB; map parts per journey: "  # type: ignore[attr-defined]
        f"{sorted(report.map_parts.values())}."  # type: ignore[attr-defined]
    )
    status = print_tables([poster_table, report_table])
    print(f"\nPDFs left in {folder} for a look.")
    return status


if __name__ == "__main__":
    sys.exit(main())
