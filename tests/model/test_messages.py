"""User-facing errors: every code of every table has an English and a German sentence with the same parameters."""

from __future__ import annotations

import errno
import sqlite3
import string

import pytest

from cxstudio.export.errors import ExportError
from cxstudio.model.messages import DETAILS, UserMessageError, detail_text, error_detail
from cxstudio.persistence.errors import FILE_DETAILS, ProjectFileError


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


def test_details_are_translated_for_system_and_database_errors() -> None:
    for key, (english, german) in {**DETAILS, **FILE_DETAILS}.items():
        assert english.strip() and german.strip() and english != german, key
    full = OSError(errno.ENOSPC, "No space left on device")
    assert error_detail(full) == "ENOSPC"
    error = ProjectFileError("working_copy_failed", folder="/daten", detail=error_detail(full))
    assert "no space left on the disk" in str(error)
    assert "kein Speicherplatz mehr auf dem Datenträger" in error.message("de")
    assert "No space" not in error.message("de")
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    corrupt = ProjectFileError("corrupt", path="/a.cxstudio", detail=error_detail(malformed))
    assert "Datenbankstruktur ist beschädigt" in corrupt.message("de")
    header = ProjectFileError("corrupt", path="/a.cxstudio", detail="header_truncated")
    assert "mitten im Datenbankkopf" in header.message("de") and "database header" in header.message("en")
    odd = OSError(errno.ENOLINK, "Link has been severed")
    assert error_detail(odd) == "link has been severed"  # no translation: the system's own words
    assert detail_text(error_detail(odd), "de") == "link has been severed"
    assert detail_text("EACCES", "de") == "Zugriff verweigert"
    assert error_detail(ValueError("  something\n odd  ")) == "something odd"
    assert error_detail(ValueError()) == "ValueError"
