"""The bundled font, the TrueType metrics reader and the text measurer's widths and word wrap."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cxstudio.layout import (
    ELLIPSIS,
    FONT_FILES,
    FONT_LICENSE,
    FontFileError,
    FontMetrics,
    TextMeasurer,
    default_measurer,
    missing_glyphs,
)
from cxstudio.layout.fonts import _Format4, _Format12

GERMAN = "äöüÄÖÜß€„“"


@pytest.fixture(scope="module")
def measurer() -> TextMeasurer:
    return default_measurer()


def test_bundled_font_files_and_licence_are_present() -> None:
    for path in FONT_FILES.values():
        assert path.is_file() and path.stat().st_size > 100_000
    assert "Bitstream Vera" in FONT_LICENSE.read_text(encoding="utf-8")


def test_header_tables_hold_dejavu_sans_values(measurer: TextMeasurer) -> None:
    regular = measurer.regular
    # values as stored in DejaVu Sans 2.37's head and hhea tables
    assert regular.units_per_em == 2048
    assert (regular.hhea_ascender, regular.hhea_descender, regular.hhea_line_gap) == (1901, -483, 0)
    assert measurer.line_height(10) == pytest.approx((1901 + 483) / 2048 * 10)
    assert measurer.ascent(10) == pytest.approx(1901 / 2048 * 10)
    assert measurer.descent(10) == pytest.approx(483 / 2048 * 10)


def test_all_faces_share_the_vertical_metrics_the_layout_uses(measurer: TextMeasurer) -> None:
    # line_height/ascent/descent come from the regular face; bold and oblique lines use them too
    faces = (measurer.regular, measurer.bold, measurer.italic, measurer.bold_italic)
    assert {(f.units_per_em, f.hhea_ascender, f.hhea_descender, f.hhea_line_gap) for f in faces} == {(2048, 1901, -483, 0)}
    assert (measurer.regular.typo_ascender, measurer.regular.typo_descender) == (1556, -492)  # OS/2
    assert (measurer.regular.win_ascent, measurer.regular.win_descent) == (1901, 483)


def test_known_advances_from_the_hmtx_table(measurer: TextMeasurer) -> None:
    # DejaVu Sans: 'M' advances 1767 units, in the bold face 2038; the ellipsis 2048
    assert measurer.regular.advance_units("M") == 1767
    assert measurer.bold.advance_units("M") == 2038
    assert measurer.width("M", 10) == pytest.approx(1767 * 10 / 2048)
    assert measurer.width("M", 10, bold=True) == pytest.approx(2038 * 10 / 2048)
    assert measurer.regular.advance_units(ELLIPSIS) == 2048


def test_widths_add_up_and_scale_with_size(measurer: TextMeasurer) -> None:
    assert measurer.width("ab", 11) == pytest.approx(measurer.width("a", 11) + measurer.width("b", 11))
    assert measurer.width("Straße", 22) == pytest.approx(2 * measurer.width("Straße", 11))
    assert measurer.width("", 11) == 0
    assert measurer.width("ä", 11) > 0


def test_german_characters_have_real_glyphs(measurer: TextMeasurer) -> None:
    for face in (measurer.regular, measurer.bold, measurer.italic):
        for char in GERMAN:
            assert face.glyph_id(char) != 0, char
        assert missing_glyphs(GERMAN, [face]) == set()
        # umlauts share the advance of their base letter
        assert face.advance_units("ä") == face.advance_units("a")
        assert face.advance_units("Ü") == face.advance_units("U")
    # the euro sign's own advances (hmtx), not the .notdef box's 1229 units
    assert measurer.regular.glyph_advances[0] == 1229
    assert measurer.regular.advance_units("€") == 1303
    assert measurer.bold.advance_units("€") == 1425
    assert measurer.width("€", 10) == pytest.approx(1303 * 10 / 2048)


def test_missing_characters_measure_as_notdef(measurer: TextMeasurer) -> None:
    font = measurer.regular
    cjk = "\u4e00"  # DejaVu Sans has no CJK ideographs
    assert font.glyph_id(cjk) == 0
    assert font.advance_units(cjk) == font.glyph_advances[0]
    assert missing_glyphs("a" + cjk) == {cjk}


def test_cmap_formats_4_and_12_agree(measurer: TextMeasurer) -> None:
    font = measurer.regular
    data = font.path.read_bytes()
    subtables = font.cmap_subtables
    assert (3, 1, 4) in subtables and (3, 10, 12) in subtables
    bmp = _Format4(data, subtables[(3, 1, 4)]).mapping()
    full = _Format12(data, subtables[(3, 10, 12)]).mapping()
    assert bmp == {code: glyph for code, glyph in full.items() if code < 0x10000}
    assert bmp[ord("ä")] == full[ord("ä")]


def test_glyphs_looked_up_one_by_one_are_those_of_the_whole_cmap_in_both_formats(measurer: TextMeasurer) -> None:
    for font in (measurer.regular, measurer.bold, measurer.italic, measurer.bold_italic):
        data = font.path.read_bytes()
        full = _Format12(data, font.cmap_subtables[(3, 10, 12)])
        by_group = full.mapping()  # built from the groups, not by looking up
        bmp = _Format4(data, font.cmap_subtables[(3, 1, 4)])
        assert [full.glyph(code) for code in range(0x20000)] == [by_group.get(code, 0) for code in range(0x20000)]
        assert [bmp.glyph(code) for code in range(0x10000)] == [by_group.get(code, 0) for code in range(0x10000)]
        assert font.cmap == by_group
        assert font.glyph_id("ä") == font.cmap[ord("ä")] and font.has_glyph("€") and not font.has_glyph("\u4e00")


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "not a usable TrueType font"), (b"\x00\x01\x00\x00" + b"\x00" * 8, "has no 'head' table"),
     (b"OTTO" + b"\x00" * 20, "not a TrueType font")],
)
def test_bad_font_files_get_one_sentence(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.ttf"
    path.write_bytes(content)
    with pytest.raises(FontFileError, match=message):
        FontMetrics(path)
    with pytest.raises(FontFileError, match="cannot be read"):
        FontMetrics(tmp_path / "missing.ttf")


def test_truncated_font_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "half.ttf"
    path.write_bytes(FONT_FILES["regular"].read_bytes()[:200_000])
    with pytest.raises(FontFileError, match="truncated"):
        FontMetrics(path)


# ---------------------------------------------------------------------- wrapping
TEXT = (
    "Die Kundin ruft bei der Hotline an und wartet über zwanzig Minuten in der Warteschleife, "
    "bis endlich jemand abhebt. Danach muss sie ihre Kundennummer dreimal nennen."
)


@pytest.mark.parametrize("width", [40, 80, 120, 154, 300])
def test_wrapped_lines_fit_and_keep_every_word(measurer: TextMeasurer, width: float) -> None:
    lines = measurer.wrap(TEXT, width, 10)
    assert len(lines) > 1
    for line in lines:
        assert measurer.width(line, 10) <= width + 1e-9
        assert line == line.strip()
    assert "".join(lines).replace(" ", "") == TEXT.replace(" ", "")
    if width >= 120:  # every word fits: lines break at spaces only
        assert " ".join(lines) == TEXT


def test_lines_are_filled_greedily(measurer: TextMeasurer) -> None:
    lines = measurer.wrap(TEXT, 154, 10)
    for line, following in zip(lines, lines[1:]):
        next_word = following.split()[0]
        assert measurer.width(f"{line} {next_word}", 10) > 154


def test_over_long_word_is_broken_between_characters(measurer: TextMeasurer) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmütze"
    lines = measurer.wrap(f"Die {word} liegt", 60, 10)
    assert all(measurer.width(line, 10) <= 60 for line in lines)
    assert "".join(lines).replace(" ", "") == f"Die{word}liegt"
    assert lines[0] == "Die"
    assert len(lines) >= 4


def test_hard_line_breaks_start_new_lines(measurer: TextMeasurer) -> None:
    assert measurer.wrap("Erste Zeile\nZweite\r\n\nVierte  mit   Leerzeichen\n\n", 500, 10) == [
        "Erste Zeile", "Zweite", "", "Vierte mit Leerzeichen",
    ]
    assert measurer.wrap("", 100, 10) == []
    assert measurer.wrap("   \n  ", 100, 10) == []


def test_max_lines_cuts_with_an_ellipsis_that_fits(measurer: TextMeasurer) -> None:
    full = measurer.wrap(TEXT, 120, 10)
    cut = measurer.wrap(TEXT, 120, 10, max_lines=3)
    assert len(cut) == 3
    assert cut[:2] == full[:2]
    assert cut[2].endswith(ELLIPSIS) and not full[2].endswith(ELLIPSIS)
    assert measurer.width(cut[2], 10) <= 120
    exact = measurer.wrap(TEXT, 120, 10, max_lines=len(full))
    assert exact == full  # no ellipsis when everything fits
    assert measurer.wrap(TEXT, 120, 10, max_lines=0) == []


def test_bold_wraps_with_bold_widths(measurer: TextMeasurer) -> None:
    lines = measurer.wrap(TEXT, 150, 11, bold=True)
    assert all(measurer.width(line, 11, bold=True) <= 150 for line in lines)
    assert any(measurer.width(line, 11, bold=True) > measurer.width(line, 11) for line in lines)
    assert len(lines) >= len(measurer.wrap(TEXT, 150, 11))


def test_megabyte_text_is_cut_quickly_to_max_lines(measurer: TextMeasurer) -> None:
    huge = "Wort " * 200_000
    lines = measurer.wrap(huge, 150, 10, max_lines=4)
    assert len(lines) == 4 and lines[-1].endswith(ELLIPSIS)


@given(
    text=st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ€W .,-\n", max_size=300),
    width=st.floats(min_value=20, max_value=400),
    size=st.sampled_from([8.0, 9.5, 11.0, 13.0]),
    bold=st.booleans(),
    max_lines=st.one_of(st.none(), st.integers(min_value=1, max_value=6)),
)
def test_wrap_never_exceeds_the_width_nor_loses_text(
    text: str, width: float, size: float, bold: bool, max_lines: int | None
) -> None:
    measurer = default_measurer()
    lines = measurer.wrap(text, width, size, bold=bold, max_lines=max_lines)
    for line in lines:
        assert measurer.width(line, size, bold=bold) <= width + 1e-9
    if max_lines is not None:
        assert len(lines) <= max_lines
    squeezed = "".join(text.split())
    if max_lines is None or not any(line.endswith(ELLIPSIS) for line in lines):
        assert "".join("".join(lines).split()) == squeezed


def test_huge_text_without_spaces_is_broken_and_cut(measurer: TextMeasurer) -> None:
    huge = "Ä" * 200_000
    lines = measurer.wrap(huge, 150, 10, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith(ELLIPSIS)
    assert all(measurer.width(line, 10) <= 150 for line in lines)
    assert set("".join(lines[:2])) == {"Ä"}
    exact = measurer.wrap("Ä" * 40, 150, 10, max_lines=3)  # fits in three lines: nothing cut
    assert "".join(exact) == "Ä" * 40 and not exact[-1].endswith(ELLIPSIS)


def test_over_long_word_after_the_last_allowed_line_is_cut(measurer: TextMeasurer) -> None:
    # found by the property test: a long word arriving when the allowed lines are already full
    text = "M MMMMMMMMMMMMMMMMMMMMMMMMMMM M M MMMMMMMMMMMMMMM"
    for width, max_lines in ((184, 3), (60, 1), (60, 2), (60, 3)):
        lines = measurer.wrap(text, width, 12.5, bold=True, max_lines=max_lines)
        assert len(lines) == max_lines and lines[-1].endswith(ELLIPSIS)
        assert all(measurer.width(line, 12.5, bold=True) <= width for line in lines)


def test_over_long_compound_breaks_after_its_hyphens(measurer: TextMeasurer) -> None:
    word = "Kundenservice-Hotline-Rückrufanforderung"
    lines = measurer.wrap(word, 110, 10)
    assert lines == ["Kundenservice-", "Hotline-", "Rückrufanforderung"]
    width = measurer.width("Kampagnenauswertung", 10) + 1  # wider than "E-Mail/Brief-", narrower than the whole
    assert measurer.wrap("E-Mail/Brief-Kampagnenauswertung", width, 10) == ["E-Mail/Brief-", "Kampagnenauswertung"]
    # a part longer than the line still breaks between characters, and no hyphen is added
    lines = measurer.wrap("Rückrufanforderungsbearbeitung-Team", 80, 10)
    assert "".join(lines) == "Rückrufanforderungsbearbeitung-Team"
    assert all(measurer.width(line, 10) <= 80 for line in lines)
