"""The report's analysis charts of a large project continue over pages instead of failing (platypus LayoutError)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from cxstudio.analysis.common import Benchmark, Score
from cxstudio.analysis.hotspots import Heatmap, Tally
from cxstudio.export import fonts
from cxstudio.export.report_analysis import HeatmapChart, ScoreChart

ROWS = 150  # more than two A4 pages of chart rows


def test_a_score_chart_and_a_heatmap_of_many_rows_split_over_pages(tmp_path: Path) -> None:
    fonts.register_fonts()
    score = Score(count=3, mean=5.5, minimum=2, maximum=9, spread=7)
    mark = Benchmark("m", "NPS", 5.0, 8.0, 9.0)
    chart = ScoreChart([(f"Touchpoint {n}", score, mark) for n in range(ROWS)], 480, "de", total_last=False)
    stages = tuple(Tally(f"s{n}", f"Phase {n}", "j", 1, n % 7, ()) for n in range(ROWS))
    channels = tuple(Tally(f"c{n}", f"Kanal {n}", None, 1, 1, ()) for n in range(5))
    heatmap = HeatmapChart(Heatmap(stages, channels, tuple((n % 7, 0, 1, 2, n % 3) for n in range(ROWS))), 480, "de")
    head, tail = chart.split(480, 700)
    assert head.wrap(480, 700)[1] <= 700 and len(head.rows) + len(tail.rows) == ROWS
    parts = heatmap.split(480, 700)
    assert len(parts) == 2 and parts[0].hottest == parts[1].hottest == 6  # one colour scale on every page
    out = tmp_path / "charts.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build([chart, heatmap])  # raised LayoutError before
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        assert len(pdf.pages) >= 4
    assert f"Touchpoint {ROWS - 1}" in text and f"Phase {ROWS - 1}" in text
