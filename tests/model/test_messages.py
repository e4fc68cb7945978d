"""User-facing errors: every code of every table has an English and a German sentence with the same parameters."""

from __future__ import annotations

import string

import pytest

from cxstudio.export.errors import ExportError
from cxstudio.model.messages import UserMessageError
from cxstudio.persistence.errors import ProjectFileError


def fields(text: str) -> set[str]:
    """Parameter names of a sentence; a language-specific variant (`hint_de`) counts as `hint`."""
    return {name.removesuffix("_de").removesuffix("_en") for _literal, name, _spec, _conv in
            string.Formatter().parse(text) if name}


@pytest.mark.parametrize("error_type", [ProjectFileError, ExportError])
def test_every_message_has_both_languages_with_the_same_parameters(error_type: type[UserMessageError]) -> None:
    for code, (english, german) in error_type.MESSAGES.items():
        assert english.strip() and german.strip(), code
        assert fields(english) == fields(german), code
        assert english != german, f"{code} is not translated"


def test_reasons_are_translated_and_unknown_codes_refused() -> None:
    error = ExportError("unwritable_output", path="/tmp/x.pdf", reason="no_folder")
    assert "folder does not exist" in error.message("en")
    assert "Ordner existiert nicht" in error.message("de")
    assert str(error) == error.message("en")
    with pytest.raises(ValueError, match="Unknown"):
        ProjectFileError("no-such-code")
