"""`cxstudio export` and `render` take the map's switches (--persona-band/--no-persona-band, --actions-lane/
--no-actions-lane; band on and lane off by default, as in the editor) and refuse them where they would be ignored."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pdfplumber
import pytest

from cxstudio import api
from cxstudio.cli import main
from cxstudio.cli_export import png_size
from cxstudio.layout import DEFAULT_SETTINGS, ViewKind, layout_journey
from cxstudio.model.entities import Action

QUOTE_WORD = "Schnäppchen"  # from the quote of the example's persona, printed only in the persona band


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The German worked example as a file, and the first line of an action's title in its first journey's actions
    lane (the lane's notes are narrow: titles wrap)."""
    path = tmp_path_factory.mktemp("switches") / "beispiel.cxstudio"
    project = api.create("complaint-example", language="de")
    try:
        project.save_as(path)
        doc = project.document
        journey = doc.journeys()[0]
        layout = layout_journey(doc, journey.id, ViewKind.MAP, dataclasses.replace(DEFAULT_SETTINGS, actions_lane=True))
        assert layout.actions_lane is not None and layout.actions_lane.notes
        note = layout.actions_lane.notes[0]
        title = note.title_lines[0].text
        assert doc.get(note.action_id, Action).title.startswith(title)
    finally:
        project.close()
    return path, title


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _text(pdf_path: Path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return " ".join(pdf.pages[0].extract_text().split())


@pytest.mark.parametrize(
    ("output", "arguments", "english", "german"),
    [
        ("x.pdf", ["--report", "--persona-band"], "--persona-band does not apply to the report",
         "--persona-band gilt nicht für den Bericht"),
        ("x.pdf", ["--report", "--no-actions-lane"], "--no-actions-lane does not apply to the report",
         "--no-actions-lane gilt nicht für den Bericht"),
        ("x.xlsx", ["--actions-lane"], "--actions-lane does not apply to .xlsx", "--actions-lane gilt nicht"),
    ],
)
def test_a_switch_that_would_be_ignored_exits_2_with_one_sentence(
        example: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str,
        arguments: list[str], english: str, german: str) -> None:
    project_file, _title = example
    before = hashlib.sha256(project_file.read_bytes()).hexdigest()
    for language, expected in (("en", english), ("de", german)):
        code, out, err = _run(capsys, "export", str(project_file), "-o", str(tmp_path / output), *arguments,
                              "--lang", language)
        assert code == 2, err
        assert out == "" and expected in err, err
        assert err.startswith("cxstudio: ") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
    assert hashlib.sha256(project_file.read_bytes()).hexdigest() == before


def test_the_poster_prints_the_band_by_default_and_the_lane_when_asked(
        example: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project_file, title = example
    plain, switched, report = tmp_path / "plain.pdf", tmp_path / "switched.pdf", tmp_path / "report.pdf"
    assert _run(capsys, "export", str(project_file), "-o", str(plain), "--paper", "A1")[0] == 0
    code, _out, err = _run(capsys, "export", str(project_file), "-o", str(switched), "--paper", "A1",
                           "--no-persona-band", "--actions-lane")
    assert code == 0, err
    default_text, switched_text = _text(plain), _text(switched)
    assert QUOTE_WORD in default_text and title not in default_text and "Maßnahmen" not in default_text
    assert QUOTE_WORD not in switched_text and title in switched_text and "Maßnahmen" in switched_text
    tiled = tmp_path / "tiled.pdf"
    code, _out, err = _run(capsys, "export", str(project_file), "-o", str(tiled), "--tile", "A3", "--scale", "0.5",
                           "--actions-lane")
    assert code == 0, err
    with pdfplumber.open(tiled) as pdf:  # the assembly plan, then the sheets: the lane is on one of them
        sheets = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages[1:])
    assert title in sheets and QUOTE_WORD in sheets
    assert _run(capsys, "export", str(project_file), "-o", str(report), "--report")[0] == 0  # without the switches


def test_images_and_render_follow_the_switches(example: tuple[Path, str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project_file, _title = example
    sizes = {}
    for name, arguments in (("default", []), ("no_band", ["--no-persona-band"]), ("lane", ["--actions-lane"])):
        out = tmp_path / f"{name}.png"
        code, _out, err = _run(capsys, "export", str(project_file), "-o", str(out), "--dpi", "36", *arguments)
        assert code == 0, err
        sizes[name] = png_size(out)
        rendered = tmp_path / f"render-{name}.png"
        code, _out, err = _run(capsys, "render", str(project_file), "-o", str(rendered), "--scale", "0.5", *arguments)
        assert code == 0, err
        assert png_size(rendered) == sizes[name]  # 36 dpi is half a pixel a point, as --scale 0.5
    default, no_band, lane = sizes["default"], sizes["no_band"], sizes["lane"]
    assert default is not None and no_band is not None and lane is not None
    assert no_band[1] < default[1] < lane[1]  # the band above the map, the lane below it
    code, _out, err = _run(capsys, "render", str(project_file), "-o", str(tmp_path / "x.png"), "--persona-bands")
    assert code == 2 and "--persona-band" in err
