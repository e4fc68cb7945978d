"""Errors that speak to the user: a stable code with parameters, rendered as one sentence in English or German."""

from __future__ import annotations

import os
from typing import Any, ClassVar


class UserMessageError(Exception):
    """Base of errors shown to users; subclasses give their own `MESSAGES` (and `REASONS`) tables.

    `MESSAGES[code]` is an (English, German) pair of format strings; a parameter named `reason`
    whose value is a key of `REASONS` is translated too. `str(error)` is the English sentence.
    """

    MESSAGES: ClassVar[dict[str, tuple[str, str]]] = {}
    REASONS: ClassVar[dict[str, tuple[str, str]]] = {}

    def __init__(self, code: str, **params: Any) -> None:
        if code not in self.MESSAGES:
            raise ValueError(f"Unknown {type(self).__name__} code {code!r}.")
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str = "en") -> str:
        """The sentence for the user in `language` ('de' for German, anything else English)."""
        column = 1 if language == "de" else 0
        params = dict(self.params)
        reason = params.get("reason")
        if isinstance(reason, str) and reason in self.REASONS:
            params["reason"] = self.REASONS[reason][column]
        return self.MESSAGES[self.code][column].format(**params)

    def __str__(self) -> str:
        return self.message("en")


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
