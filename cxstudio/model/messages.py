"""Errors that speak to the user: a stable code with parameters, rendered as one sentence in English or German."""

from __future__ import annotations

import errno
import os
import string
from typing import Any, ClassVar

from cxstudio.safetext import bounded

# Every parameter shown in a sentence is escaped and cut to at most PARAMETER_LIMIT characters (an id
# or a name from a hostile file may be megabytes long), and shorter still if the sentence would be
# longer than SENTENCE_LIMIT; paths and quoted sentences are shortened in the middle, where they
# say the least (a path's end is the file name, a problem sentence ends with what is wrong).
PARAMETER_LIMIT = 150
SENTENCE_LIMIT = 400
_MIN_PARAMETER_LIMIT = 48
PATH_PARAMETERS = frozenset({"path", "folder", "lock", "source", "target", "output"})
SENTENCE_PARAMETERS = frozenset({"first"})

# Details that fill a message's `{detail}`: key -> (English, German). Operating-system errors are keyed
# by their errno name, SQLite's standard error texts by themselves; anything else is shown as it is.
DETAILS: dict[str, tuple[str, str]] = {
    "ENOSPC": ("no space left on the disk", "kein Speicherplatz mehr auf dem Datenträger"),
    "EDQUOT": ("your disk quota is used up", "Ihr Speicherkontingent ist aufgebraucht"),
    "EACCES": ("permission denied", "Zugriff verweigert"),
    "EPERM": ("the operation is not permitted", "der Vorgang ist nicht erlaubt"),
    "EROFS": ("the disk is read-only", "der Datenträger ist schreibgeschützt"),
    "ENOENT": ("no such file or folder", "Datei oder Ordner nicht gefunden"),
    "EISDIR": ("it is a folder", "es ist ein Ordner"),
    "ENOTDIR": ("part of the path is not a folder", "ein Teil des Pfads ist kein Ordner"),
    "EEXIST": ("the file already exists", "die Datei existiert bereits"),
    "EIO": ("input/output error: the disk or network drive did not respond properly",
            "Ein-/Ausgabefehler: der Datenträger oder das Netzlaufwerk hat nicht richtig geantwortet"),
    "ENAMETOOLONG": ("the file name is too long", "der Dateiname ist zu lang"),
    "EBUSY": ("the file or device is busy", "die Datei oder das Gerät ist belegt"),
    "EMFILE": ("too many files are open", "zu viele Dateien sind geöffnet"),
    "ETIMEDOUT": ("the network drive did not answer in time", "das Netzlaufwerk hat nicht rechtzeitig geantwortet"),
    "EXDEV": ("the target is on another disk", "das Ziel liegt auf einem anderen Datenträger"),
    "database disk image is malformed": ("its database structure is damaged", "ihre Datenbankstruktur ist beschädigt"),
    "file is not a database": ("it is not a database", "sie ist keine Datenbank"),
    "database or disk is full": ("the disk is full", "der Datenträger ist voll"),
    "disk I/O error": ("input/output error while reading or writing the disk",
                       "Ein-/Ausgabefehler beim Lesen oder Schreiben des Datenträgers"),
    "unable to open database file": ("the database file cannot be opened", "die Datenbankdatei lässt sich nicht öffnen"),
    "attempt to write a readonly database": ("the database is read-only", "die Datenbank ist schreibgeschützt"),
    "database is locked": ("another program is writing to it", "ein anderes Programm schreibt gerade darin"),
}


def detail_text(detail: str, language: str = "en") -> str:
    """A detail in `language`: the translation of a `DETAILS` key, else the text as it is."""
    pair = DETAILS.get(detail)
    return detail if pair is None else pair[1 if language == "de" else 0]


def error_detail(error: BaseException) -> str:
    """What went wrong, as a `DETAILS` key where there is one (translated when shown), else the error's own text."""
    if isinstance(error, OSError) and error.errno is not None:
        name = errno.errorcode.get(error.errno, "")
        if name in DETAILS:
            return name
        if error.strerror:
            return error.strerror.lower()
    text = " ".join(str(error).split())
    if text in DETAILS:
        return text
    return text[:120] or type(error).__name__


class UserMessageError(Exception):
    """Base of errors shown to users; subclasses give their own `MESSAGES` (and `REASONS`) tables.

    `MESSAGES[code]` is an (English, German) pair of format strings; a parameter named `reason`
    whose value is a key of `REASONS`, or one named `detail` whose value is a key of `DETAILS`
    (see `error_detail`), is translated too. `str(error)` is the English sentence.
    """

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {}
    REASONS: ClassVar[dict[str, tuple[str, str]]] = {}
    DETAILS: ClassVar[dict[str, tuple[str, str]]] = DETAILS

    def __init__(self, code: str, **params: Any) -> None:
        if code not in self.MESSAGES:
            raise ValueError(f"Unknown {type(self).__name__} code {code!r}.")
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "en") -> str:
        """The sentence for the user in `language` ('de' for German, anything else English).

        Text parameters are shown escaped and bounded (see `PARAMETER_LIMIT`), so the sentence is one
        line of fewer than `SENTENCE_LIMIT` characters whatever a file or path holds.
        """
        column = 1 if language == "de" else 0
        params = dict(self.params)
        reason = params.get("reason")
        if isinstance(reason, str) and reason in self.REASONS:
            params["reason"] = self.REASONS[reason][column]
        detail = params.get("detail")
        if isinstance(detail, str) and detail in self.DETAILS:
            params["detail"] = self.DETAILS[detail][column]
        template = self.MESSAGES[self.code][column]
        limit = PARAMETER_LIMIT
        while True:
            sentence = template.format(**_bounded_params(template, params, limit, language))
            if len(sentence) < SENTENCE_LIMIT or limit <= _MIN_PARAMETER_LIMIT:
                return sentence
            limit = max(_MIN_PARAMETER_LIMIT, limit * 2 // 3)

    def __str__(self) -> str:
        return self.message("en")


def _bounded_params(template: str, params: dict[str, Any], limit: int, language: str) -> dict[str, Any]:
    """The parameters a sentence shows, text ones escaped and cut to `limit` characters (numbers stay numbers)."""
    shown = dict(params)
    for _literal, name, _spec, _conversion in string.Formatter().parse(template):
        if not name or name not in params:
            continue
        value = params[name]
        if value is None or isinstance(value, (int, float)):
            continue  # numbers keep their format specs ({count:,}, {scale:.0%})
        text = os.fspath(value) if isinstance(value, os.PathLike) else value
        text = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        middle = name in PATH_PARAMETERS or name in SENTENCE_PARAMETERS or isinstance(value, os.PathLike)
        shown[name] = bounded(text, limit, language, keep="middle" if middle else "start")
    return shown


def language_from_environment(explicit: str | None = None) -> str:
    """'de' or 'en': an explicit choice wins, else LANGUAGE, LC_ALL, LC_MESSAGES, LANG (de* means German)."""
    if explicit in ("de", "en"):
        return explicit
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        first = value.split(":")[0].strip()
        if first and first not in ("C", "POSIX"):
            return "de" if first.lower().startswith("de") else "en"
    return "en"
