"""User-facing sentences stay short and on one line whatever their parameters hold (issue 9: files are untrusted)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from cxstudio.export.errors import ExportError
from cxstudio.model.messages import PARAMETER_LIMIT, SENTENCE_LIMIT, UserMessageError
from cxstudio.persistence.errors import ProjectFileError
from cxstudio.safetext import is_unsafe

TEN_MB = 10_000_000
HOSTILE = "\x1b[2J\u202e\r\n\x9b" + "x" * TEN_MB + "\u2066tail"


def hostile_params(template: str) -> dict[str, object]:
    """Every parameter of a sentence filled with ten megabytes of hostile text (numbers where a format needs one)."""
    params: dict[str, object] = {}
    for _literal, name, spec, _conversion in string.Formatter().parse(template):
        if name:
            params[name] = 1.5 if spec else HOSTILE
    return params


@pytest.mark.parametrize("error_type", [ProjectFileError, ExportError])
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_sentence_stays_short_and_on_one_line_with_ten_megabyte_parameters(
    error_type: type[UserMessageError], language: str
) -> None:
    for code, pair in error_type.MESSAGES.items():
        template = pair[1 if language == "de" else 0]
        params = {**hostile_params(pair[0]), **hostile_params(pair[1])}
        sentence = error_type(code, **params).message(language)
        assert len(sentence) < SENTENCE_LIMIT, (code, len(sentence))
        assert not any(is_unsafe(char) for char in sentence), code
        if any(f"{{{name}" in template for name, value in params.items() if value is HOSTILE):
            assert ("more character" in sentence or "left out" in sentence) if language == "en" else (
                "weitere Zeichen" in sentence or "ausgelassen" in sentence), code


def test_a_ten_megabyte_name_keeps_its_beginning_and_says_how_much_was_left_out() -> None:
    error = ProjectFileError("recovery_gone", name="Kundenreise " + "x" * (TEN_MB - 12))
    english, german = error.message("en"), error.message("de")
    assert len(english) < SENTENCE_LIMIT and len(german) < SENTENCE_LIMIT
    mark = "… (10,000,000 more characters)"  # the longest the mark can be: room is left for it
    shown = PARAMETER_LIMIT - len(mark)
    assert f"Kundenreise {'x' * (shown - 12)}… ({TEN_MB - shown:,} more characters) can no longer" in english
    assert f"… ({TEN_MB - shown:,} weitere Zeichen) kann nicht mehr".replace(",", ".") in german
    assert "9.999.880 weitere Zeichen" in german and "9,999,880 more characters" in english
    assert str(error) == english


def test_a_quoted_model_sentence_keeps_its_end_where_it_says_what_is_wrong() -> None:
    first = "card 'Anruf" + "y" * TEN_MB + "': rating 11 is outside 1-10 (1 = worst, 10 = best)."
    error = ProjectFileError("invalid_content", path="/daten/karte.cxstudio", count=3, first=first)
    for language in ("en", "de"):
        sentence = error.message(language)
        assert len(sentence) < SENTENCE_LIMIT
        assert "card 'Anruf" in sentence and "10 = best)." in sentence and "/daten/karte.cxstudio" in sentence
    assert "characters left out" in str(error) and "Zeichen ausgelassen" in error.message("de")


def test_a_long_path_is_shortened_in_the_middle_and_keeps_its_file_name() -> None:
    path = Path("/home/anna/" + "tief/" * 400 + "beschwerde.cxstudio")
    for language, left_out in (("en", "characters left out"), ("de", "Zeichen ausgelassen")):
        sentence = ProjectFileError("missing", path=path).message(language)
        assert sentence.startswith(("The file /home/anna/tief/", "Die Datei /home/anna/tief/"))
        assert "/beschwerde.cxstudio " in sentence and left_out in sentence and len(sentence) < 300


def test_parameters_are_shown_with_visible_escapes_and_numbers_keep_their_format() -> None:
    error = ProjectFileError("missing", path="/tmp/\x1b[2J\u202eevil\r.cxstudio")
    assert str(error) == "The file /tmp/\\x1b[2J\\u202eevil\\r.cxstudio does not exist."
    large = ExportError("page_too_large", width_mm=6000.4, height_mm=841.0, max_scale=0.84)
    assert "6000 x 841 mm" in str(large) and "84%" in str(large) and "--scale 0.84" in str(large)
    short = ProjectFileError("newer_schema", path="/a.cxstudio", found=7, supported=1)
    assert str(short).startswith("The project /a.cxstudio was saved by a newer CX Studio (file format 7)")
