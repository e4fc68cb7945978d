"""`cxstudio export` and `render` refuse contradictory or ignored options (exit 2, one sentence), share one set of
view names (old spellings as aliases), and say what an image export wrote."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cxstudio.cli import main


@pytest.fixture
def project_file(german_example_file: Path) -> Path:
    """The German worked example as a project file (tests/conftest.py; these tests only read it)."""
    return german_example_file


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("output", "arguments", "english", "german"),
    [
        ("x.pdf", ["--overlap", "5"], "--overlap only applies to tiled prints", "--overlap gilt nur"),
        ("x.pdf", ["--report", "--tile", "A4"], "--tile does not apply to the report", "--tile gilt nicht für den Bericht"),
        ("x.pdf", ["--report", "--scale", "0.5"], "--scale does not apply to the report", "--scale gilt nicht"),
        ("x.pdf", ["--report", "--highlight", "pain-points"], "--highlight does not apply to the report",
         "--highlight gilt nicht"),
        ("x.pdf", ["--scale", "0.5", "--min-text", "9"], "give either --scale or --min-text",
         "entweder --scale oder --min-text"),
        ("x.pdf", ["--dpi", "300"], "--dpi is only for images", "--dpi ist nur für Bilder"),
        ("x.pdf", ["--table", "cards"], "--table is only for .csv", "--table gilt nur für .csv"),
        ("x.png", ["--paper", "A0"], "--paper is for PDFs", "--paper gilt nur für PDFs"),
        ("x.png", ["--tile", "A4"], "--tile is for PDFs", "--tile gilt nur für PDFs"),
        ("x.svg", ["--scale", "2"], "--scale is for PDFs", "--scale gilt nur für PDFs"),
        ("x.svg", ["--report"], "--report is for PDFs", "--report gilt nur für PDFs"),
        ("x.svg", ["--dpi", "300"], "--dpi is only for .png", "--dpi gilt nur für .png"),
        ("x.xlsx", ["--journey", "Irgendeine"], "--journey does not apply to .xlsx", "--journey gilt nicht"),
        ("x.xlsx", ["--paper", "A4"], "--paper does not apply to .xlsx", "--paper gilt nicht"),
        ("x.csv", ["--table", "nichts"], "'nichts' is not a table", "'nichts' ist keine Tabelle"),
        ("x.docx", [], "'.docx' is not a format CX Studio exports", "'.docx' ist kein Format"),
        ("x.pdf", ["--min-text", "abc"], "invalid float value", "invalid float value"),
        ("x.pdf", ["--scale", "abc"], "is not a scale", "ist kein Maßstab"),
        ("x.pdf", ["--paper", "B7"], "is not a paper size", "ist kein Papierformat"),
        ("x.pdf", ["--orientation", "quer"], "is not an orientation", "ist keine Ausrichtung"),
    ],
)
def test_a_wrong_command_line_exits_2_with_one_sentence(project_file: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str], output: str,
                                                        arguments: list[str], english: str, german: str) -> None:
    before = hashlib.sha256(project_file.read_bytes()).hexdigest()
    for language, expected in (("en", english), ("de", german)):
        code, out, err = _run(capsys, "export", str(project_file), "-o", str(tmp_path / output), *arguments,
                              "--lang", language)
        assert code == 2, err
        assert out == "" and expected in err, err
        assert err.startswith("cxstudio: ") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
    assert hashlib.sha256(project_file.read_bytes()).hexdigest() == before


def test_a_wrong_command_line_is_reported_before_the_file_is_read(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "fehlt.cxstudio"
    code, _out, err = _run(capsys, "export", str(missing), "-o", str(tmp_path / "x.pdf"), "--overlap", "5")
    assert code == 2 and "--overlap" in err
    code, _out, err = _run(capsys, "export", str(missing), "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "fehlt.cxstudio" in err  # an unusable input: 1


@pytest.mark.parametrize("view", ["swimlane", "swimlane-department", "swimlane_channel", "swimlane_department",
                                  "Blueprint", "journey"])
def test_render_and_export_take_the_same_view_names(project_file: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str], view: str) -> None:
    code, out, err = _run(capsys, "render", str(project_file), "-o", str(tmp_path / "r.png"), "--view", view,
                          "--scale", "0.3")
    assert (code, err) == (0, ""), err
    assert "r.png: PNG image (" in out
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(tmp_path / "e.pdf"), "--view", view,
                          "--paper", "A3", "--lang", "en")
    assert (code, err) == (0, ""), err


def test_an_unknown_view_is_the_same_sentence_and_exit_2_for_render_and_export(
        project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentences = []
    for command in ("render", "export"):
        code, out, err = _run(capsys, command, str(project_file), "-o", str(tmp_path / "x.png"), "--view", "foo")
        assert code == 2 and out == "" and err.count("\n") == 1
        sentences.append(err.split("'foo'")[1].split(";")[0])
    assert sentences[0] == sentences[1]
    assert list(tmp_path.iterdir()) == []


def test_image_exports_say_what_they_wrote(project_file: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    png, svg = tmp_path / "karte.png", tmp_path / "karte.svg"
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(png), "--dpi", "40", "--lang", "de")
    assert (code, err) == (0, "")
    assert out.startswith(f"{png}: PNG-Bild (Customer Journey Map, ") and "bei 40 dpi) geschrieben." in out
    width, height = (int(n) for n in out.split(", ")[1].split(" px")[0].split(" x "))
    from cxstudio.cli_export import png_size

    assert png_size(png) == (width, height)
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(svg), "--view", "blueprint", "--lang", "en")
    assert (code, err) == (0, "")
    assert out == f"{svg}: SVG image (Service blueprint, text kept as text) written.\n"
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_a_poster_on_a_roll_says_how_it_was_fitted(project_file: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(tmp_path / "rolle.pdf"), "--paper", "roll610",
                          "--lang", "de")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'rolle.pdf'}: Poster roll610 (610 x ")
    assert lines[1].startswith("Die Karte füllt die Rollenbreite von 610 mm und läuft ")
