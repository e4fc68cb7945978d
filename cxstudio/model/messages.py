"""Errors that speak to the user: a stable code with parameters, rendered as one sentence in English or German."""

from __future__ import annotations

import errno
import functools
import os
import re
import string
from collections.abc import Mapping
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


# ---------------------------------------------------------------------- the model's refusals in German
# The model words a refused change in English (`InvariantError`, see checks.py, kinds.py, document.py).
# Each known sentence shape -> its German form; {kind} is the element kind, {field} a field name, {label}
# and the other quoted names keep their text; a sentence of no known shape stays English.
_Q = r"'(?P<label>.*)'"
MODEL_SENTENCES: tuple[tuple[str, str], ...] = (
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) (?P<value>.+) is not a date \((?P<shape>[A-Z:T-]+)\)\.",
     "{kind} {label}: {field} {value} ist kein Datum ({shape_de})."),
    (r"An? (?P<kind>\w+) needs a (?P<field>\w+); it cannot be empty\.",
     "{kind}: {field} darf nicht leer sein."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) is (?P<size>[\d,]+) characters long; the limit is (?P<limit>[\d,]+)\.",
     "{kind} {label}: {field} ist {size} Zeichen lang; erlaubt sind höchstens {limit}."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) is (?P<size>[\d,]+) bytes large; the limit is (?P<limit>[\d,]+)\.",
     "{kind} {label}: {field} ist {size} Bytes groß; erlaubt sind höchstens {limit}."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) contains control characters \(only tab and line breaks are allowed\)\.",
     "{kind} {label}: {field} enthält Steuerzeichen (erlaubt sind nur Tabulator und Zeilenumbruch)."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) must be a whole number, not (?P<value>.+)\.",
     "{kind} {label}: {field} muss eine ganze Zahl sein, nicht {value}."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) must be a finite number, not (?P<value>.+)\.",
     "{kind} {label}: {field} muss eine endliche Zahl sein, nicht {value}."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) must be one of (?P<allowed>.+), not (?P<value>.+)\.",
     "{kind} {label}: {field} muss einer dieser Werte sein: {allowed}; nicht {value}."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) must be text, not (?P<value>.+)\.",
     "{kind} {label}: {field} muss ein Text sein, nicht {value}."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) must be true or false\.", "{kind} {label}: {field} muss ja oder nein sein."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) must not be empty \(None\)\.", "{kind} {label}: {field} darf nicht leer sein."),
    (rf"(?P<kind>\w+) {_Q}: (?P<field>\w+) lists an entry twice\.", "{kind} {label}: {field} nennt einen Eintrag doppelt."),
    (rf"(?P<kind>\w+) {_Q}: order must not be negative\.", "{kind} {label}: die Reihenfolge darf nicht negativ sein."),
    (rf"Card {_Q}: rating (?P<value>.+) is outside 1-10 \(10 = expectations clearly exceeded, 1 = clearly missed\)\.",
     "Karte {label}: die Bewertung {value} liegt nicht zwischen 1 und 10 "
     "(10 = Erwartungen klar übertroffen, 1 = klar verfehlt)."),
    (rf"(?P<kind>Card|Action) {_Q}: priority must be 0-3, not (?P<value>.+)\.",
     "{kind} {label}: die Priorität muss 0 bis 3 sein, nicht {value}."),
    (rf"Card {_Q}: colour (?P<value>.+) is not of the form #rrggbb\.",
     "Karte {label}: die Farbe {value} hat nicht die Form #rrggbb."),
    (rf"Department {_Q}: (?P<value>.+) is not an e-mail address\.",
     "Abteilung {label}: {value} ist keine E-Mail-Adresse."),
    (rf"Persona {_Q}: age (?P<value>.+) is not between 0 and 130\.",
     "Persona {label}: das Alter {value} liegt nicht zwischen 0 und 130."),
    (rf"Persona {_Q}: online affinity must be between 1 and 5, not (?P<value>.+)\.",
     "Persona {label}: die Online-Affinität muss zwischen 1 und 5 liegen, nicht {value}."),
    (rf"Metric {_Q}: a project metric has no scope element; a journey, stage or touchpoint metric needs one\.",
     "Kennzahl {label}: eine Kennzahl des Projekts hat kein Bezugselement; eine Kennzahl einer Customer Journey, "
     "einer Phase oder eines Touchpoints braucht eines."),
    (r"A relation cannot connect an element with itself\.",
     "Eine Verknüpfung kann ein Element nicht mit sich selbst verbinden."),
    (r"'(?P<source>.*)' (?P<relation>[a-z ]+) '(?P<target>.*)' would close a cycle: '.*' already leads back to '.*' "
     r"through [a-z ]+ relations\.",
     "„{source}“ → „{target}“ ({relation}) würde einen Kreis schließen: „{target}“ führt über solche "
     "Verknüpfungen schon zu „{source}“ zurück."),
    (rf"Card {_Q} belongs to another journey; copy and paste it instead of moving it\.",
     "Karte {label} gehört zu einer anderen Customer Journey; kopieren und einfügen statt verschieben."),
    (rf"Card {_Q} cannot be placed in (?P<part>stage|lane) '(?P<name>.*)', which belongs to another journey\.",
     "Karte {label} kann nicht in {part_in} „{name}“ liegen, die zu einer anderen Customer Journey gehört."),
    (rf"Card {_Q}: the (?P<part>stage|lane) is not in the card's journey\.",
     "Karte {label}: {part} gehört nicht zur Customer Journey der Karte."),
    (r"A (?P<kind>\w+) cannot be moved to another journey\.",
     "{kind}: kann nicht in eine andere Customer Journey verschoben werden."),
    (r"The journey needs at least one stage and one lane before cards can be pasted\.",
     "Die Customer Journey braucht mindestens eine Phase und eine Bahn, bevor Karten eingefügt werden können."),
    (r"There is no element with id (?P<value>.+)\.", "Es gibt kein Element mit der Id {value}."),
    (rf"(?P<kind>\w+) {_Q} refers to (?P<field>\w+) (?P<value>\S+), which does not exist\.",
     "{kind} {label} verweist auf {field} {value}, das es nicht gibt."),
    (r"The project language must be 'de' or 'en', not (?P<value>.+)\.",
     "Die Projektsprache muss „de“ oder „en“ sein, nicht {value}."),
    (r"A comment cannot reply to itself\.", "Ein Kommentar kann nicht auf sich selbst antworten."),
    (r"Use (?:move_cards|the move operations) to move .*\.", "Verschieben Sie Elemente durch Ziehen auf der Karte."),
)


@functools.cache
def _model_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """MODEL_SENTENCES compiled, on the first German message (compiling them costs start-up ~3 ms)."""
    return tuple((re.compile(pattern, re.S), german) for pattern, german in MODEL_SENTENCES)


_KIND_DE = {
    "project": "Projekt", "channel": "Kanal", "department": "Abteilung", "persona": "Persona",
    "touchpoint": "Touchpoint", "journey": "Customer Journey", "stage": "Phase", "lane": "Bahn", "card": "Karte",
    "relation": "Verknüpfung", "metric": "Kennzahl", "insight": "Erkenntnis", "action": "Maßnahme",
    "comment": "Kommentar",
}


def model_sentence(sentence: str, language: str, field_names: Mapping[str, str] | None = None,
                   kind_names: Mapping[str, str] | None = None) -> str:
    """A sentence of the model's (a refused change) in `language`: German for every known shape, else as it is.

    `field_names` and `kind_names` name fields and kinds (the editor passes its translated labels);
    without them fields keep their names and kinds get the German nouns above.
    """
    if language != "de":
        return sentence
    for pattern, german in _model_patterns():
        match = pattern.fullmatch(sentence)
        if match is None:
            continue
        values = {name: value or "" for name, value in match.groupdict().items()}
        kind = values.get("kind", "").lower()
        if kind:
            values["kind"] = (kind_names or {}).get(kind) or _KIND_DE.get(kind, values["kind"])
        if "field" in values:
            values["field"] = (field_names or {}).get(values["field"]) or values["field"].replace("_", " ")
        if "label" in values:
            values["label"] = f"„{values['label']}“"
        if "part" in values:
            stage = values["part"] == "stage"
            values["part"], values["part_in"] = ("die Phase", "der Phase") if stage else ("die Bahn", "der Bahn")
        values["shape_de"] = "JJJJ-MM-TTTHH:MM" if "T" in values.get("shape", "") else "TT.MM.JJJJ"
        return german.format(**values)
    return sentence
