"""`cxstudio analyze` on the German example (the issue's bars) and `export --highlight` dimming cards in PDF and PNG."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from cxstudio import api
from cxstudio.model.graph import RelationGraph


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cxstudio", *args], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analyze") / "beispiel.cxstudio"
    result = run_cli("new", str(path), "--template", "complaint-example", "--lang", "de")
    assert result.returncode == 0, result.stderr
    return path


def test_json_lists_exactly_the_graphs_uncovered_pain_points_and_the_files_mean_ratings(example: Path) -> None:
    result = run_cli("analyze", str(example), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    project = api.open_project(example, read_only=True)
    try:
        expected = RelationGraph(project.document, follow=False).uncovered_pain_points()
    finally:
        project.close()
    assert expected and sorted(p["id"] for p in data["coverage"]["uncovered_pain_points"]) == expected
    with sqlite3.connect(f"file:{example}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT stage_id, rating FROM card WHERE rating IS NOT NULL").fetchall()
    ratings: dict[str, list[int]] = defaultdict(list)
    for stage_id, rating in rows:
        ratings[stage_id].append(rating)
    stages = [stage for journey in data["scores"] for stage in journey["stages"]]
    assert stages and {s["stage_id"] for s in stages if s["count"]} == set(ratings)
    for stage in stages:
        values = ratings.get(stage["stage_id"], [])
        assert stage["count"] == len(values)
        assert stage["mean"] == (pytest.approx(sum(values) / len(values)) if values else None)
    assert {"format", "scores", "metrics", "hotspots", "moments_of_truth", "coverage", "touchpoints", "backstage",
            "flows", "findings"} <= set(data)
    assert all({"group", "code", "count", "element_ids", "text"} <= set(f) for f in data["findings"])


def test_text_summary_in_german_and_one_journey(example: Path) -> None:
    result = run_cli("analyze", str(example), "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert "Pain Points ohne Maßnahme: 1" in result.stdout and "Schwächste Phasen" in result.stdout
    english = run_cli("analyze", str(example), "--lang", "en", "--journey", "Reklamation der Jahresabrechnung (Soll)")
    assert english.returncode == 0 and "Weakest stages of 'Reklamation der Jahresabrechnung (Soll)'" in english.stdout
    assert "(Ist)" not in english.stdout.split("Scores")[1].split("\n\n")[0]
    data = json.loads(run_cli("analyze", str(example), "--json", "--journey", "Reklamation der Jahresabrechnung (Soll)")
                      .stdout)
    assert len(data["journey_ids"]) == 1 and len(data["scores"]) == 1


def test_mistakes_are_one_sentence(example: Path, tmp_path: Path) -> None:
    missing = run_cli("analyze", str(tmp_path / "nope.cxstudio"), "--lang", "de")
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    journey = run_cli("analyze", str(example), "--journey", "Mars")
    assert journey.returncode == 1 and "Mars" in journey.stderr and journey.stderr.count("\n") == 1


def test_export_highlight_dims_the_other_cards_in_pdf_and_png(example: Path, tmp_path: Path) -> None:
    plain, dimmed = tmp_path / "plain.pdf", tmp_path / "dimmed.pdf"
    assert run_cli("export", str(example), "-o", str(plain), "--paper", "A3").returncode == 0
    result = run_cli("export", str(example), "-o", str(dimmed), "--paper", "A3", "--highlight", "pain-points")
    assert result.returncode == 0, result.stderr
    from pypdf import PdfReader

    def alphas(path: Path) -> int:
        resources = PdfReader(str(path)).pages[0]["/Resources"]
        states = resources.get("/ExtGState", {})
        return sum(1 for state in states.values() if float(state.get_object().get("/ca", 1)) < 1)

    assert alphas(plain) == 0 and alphas(dimmed) >= 1
    png, png_dimmed = tmp_path / "plain.png", tmp_path / "dimmed.png"
    assert run_cli("export", str(example), "-o", str(png), "--dpi", "30").returncode == 0
    result = run_cli("export", str(example), "-o", str(png_dimmed), "--dpi", "30", "--highlight", "low-ratings")
    assert result.returncode == 0, result.stderr
    assert png.read_bytes() != png_dimmed.read_bytes()
    bad = run_cli("export", str(example), "-o", str(tmp_path / "x.pdf"), "--highlight", "sparkles", "--lang", "de")
    assert bad.returncode == 1 and "sparkles" in bad.stderr and bad.stderr.count("\n") == 1
