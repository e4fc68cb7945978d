"""`cxstudio export` on a real project file: posters, tiles, reports, and one sentence plus exit 1 for bad input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pypdf
import pytest

from cxstudio import api
from cxstudio.cli import main
from cxstudio.export.paper import MM


@pytest.fixture(scope="module")
def project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The German worked example saved as a real .cxstudio file."""
    path = tmp_path_factory.mktemp("cli") / "beispiel.cxstudio"
    project = api.create("complaint-example", language="de")
    try:
        project.save_as(path)
    finally:
        project.close()
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_poster_tiles_and_report_from_the_command_line(project_file: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(project_file)
    poster = tmp_path / "poster.pdf"
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(poster), "--paper", "A1",
                          "--orientation", "landscape", "--lang", "en")
    assert (code, err) == (0, "")
    assert "poster A1 (841 x 594 mm) written" in out
    page = pypdf.PdfReader(poster).pages[0]
    assert float(page.mediabox.width) / MM == pytest.approx(841, abs=0.1)
    assert "Reklamation der Jahresabrechnung (Ist)" in page.extract_text()

    tiles = tmp_path / "tiles.pdf"
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(tiles), "--tile", "A3", "--overlap", "15",
                          "--journey", "Reklamation über App und Social Media (Ist)", "--lang", "de")
    assert (code, err) == (0, "")
    assert "Montageplan geschrieben" in out
    labels = pypdf.PdfReader(tiles).page_labels
    assert labels[0] == "Montageplan" and labels[1] == "R1C1"

    report = tmp_path / "report.pdf"
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(report), "--report")
    assert (code, err) == (0, "")
    assert len(pypdf.PdfReader(report).pages) > 5

    roll = tmp_path / "roll.pdf"
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(roll), "--paper", "roll914",
                          "--view", "blueprint", "--orientation", "landscape")
    assert code == 0
    assert float(pypdf.PdfReader(roll).pages[0].mediabox.height) / MM == pytest.approx(914, abs=0.1)
    small = tmp_path / "small.pdf"
    code, out, err = _run(capsys, "export", str(project_file), "-o", str(small), "--paper", "A4", "--lang", "en")
    assert code == 0 and "hard to read" in out and "--tile A4 --min-text 9" in out
    assert "hard to read" not in _run(capsys, "export", str(project_file), "-o", str(small), "--paper", "A0")[1]
    assert _digest(project_file) == before


@pytest.mark.parametrize(
    ("arguments", "english", "german", "exit_code"),
    [
        # the project or the map does not fit the options: 1
        (["--journey", "Gibt es nicht"], "has no journey named 'Gibt es nicht'", "keine Customer Journey namens", 1),
        (["--paper", "auto", "--scale", "40"], "beyond the PDF limit of 5,080 mm", "über der PDF-Grenze von 5.080 mm",
         1),
        (["--paper", "A4", "--scale", "1"], "use --scale fit, larger paper, or tile it", "nutzen Sie --scale fit", 1),
        # the command line is wrong: 2
        (["--paper", "B7"], "'B7' is not a paper size", "'B7' ist kein Papierformat", 2),
        (["--tile", "A0"], "cannot be used for tiles", "ist für Kacheln nicht möglich", 2),
        (["--scale", "groß"], "is not a scale", "ist kein Maßstab", 2),
        (["--view", "kanban"], "'kanban' is not a view", "'kanban' ist keine Ansicht", 2),
        (["--tile", "A4", "--overlap", "-3"], "The overlap must be between 0", "Die Überlappung muss", 2),
        (["--min-text", "0.5"], "minimum text size must be between 1 and 200", "Mindestschriftgröße", 2),
        (["--orientation", "schief"], "is not an orientation", "ist keine Ausrichtung", 2),
        (["--paper", "6000x800mm"], "beyond the PDF limit", "über der PDF-Grenze", 2),
        (["--report", "--paper", "A0"], "A4 or letter", "A4- oder Letter", 2),
    ],
)
def test_bad_options_give_one_sentence_and_the_documented_exit_code(
        project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str],
        english: str, german: str, exit_code: int) -> None:
    before = _digest(project_file)
    out_file = tmp_path / "out.pdf"
    for language, expected in (("en", english), ("de", german)):
        code, out, err = _run(capsys, "export", str(project_file), "-o", str(out_file), *arguments, "--lang", language)
        assert code == exit_code, err
        assert out == ""
        assert expected in err
        assert err.startswith("cxstudio: ") and err.count("\n") == 1 and "Traceback" not in err
    assert not out_file.exists()
    assert _digest(project_file) == before


def test_unwritable_and_unusable_outputs(project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(project_file)
    cases = [
        (tmp_path / "no" / "such" / "folder" / "x.pdf", "the folder does not exist"),
        (tmp_path, "it is a folder"),
    ]
    for target, expected in cases:
        code, _out, err = _run(capsys, "export", str(project_file), "-o", str(target), "--lang", "en")
        assert code == 1 and expected in err and err.count("\n") == 1
    # an output name CX Studio cannot write is a wrong command line
    code, _out, err = _run(capsys, "export", str(project_file), "-o", str(tmp_path / "bild.docx"), "--lang", "en")
    assert code == 2 and "'.docx' is not a format CX Studio exports" in err and err.count("\n") == 1
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    # root may write into any folder, so as root take one the kernel refuses (sysfs)
    target = Path("/sys/cxstudio-export.pdf") if os.geteuid() == 0 else locked / "x.pdf"
    try:
        code, _out, err = _run(capsys, "export", str(project_file), "-o", str(target), "--lang", "de")
        assert code == 1 and "kann nicht geschrieben werden: keine Berechtigung" in err
    finally:
        locked.chmod(0o700)
    assert _digest(project_file) == before


def test_bad_project_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.cxstudio"
    junk.write_bytes(b"this is not a database" * 10)
    before = _digest(junk)
    code, _out, err = _run(capsys, "export", str(junk), "-o", str(tmp_path / "x.pdf"), "--lang", "en")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert _digest(junk) == before
    code, _out, err = _run(capsys, "export", str(tmp_path / "missing.cxstudio"), "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "does not exist" in err or "existiert nicht" in err
    code, _out, err = _run(capsys, "export", str(junk))
    assert code == 2 and "-o/--output" in err


def test_export_help_documents_the_page_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "export", "--help")
    assert code == 0
    assert "5,080 mm" in out and "--tile" in out and "--report" in out
