"""The project as spreadsheet tables: sheets, columns, headers in both languages, cell values out and back in.

One `Table` per sheet of the workbook export (touchpoint catalogue, cards, personas, insights, actions,
metrics), each a tuple of `Column`s with the stable id first. `table_rows` turns a document into cell
values (references as names, enumerations as words in the project's language); `parse_cell` turns a
cell back into a field value or a `CellError` (a reason code with parameters, worded by
`cxstudio.editing.import_plan.ImportProblem`). Pure: no spreadsheet library, no Qt.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from cxstudio.model.checks import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, PRIORITY_RANGE, RATING_RANGE
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    Action,
    Card,
    Entity,
    Insight,
    Metric,
    Persona,
    Touchpoint,
)

# Words for enumeration values: (field key, value) -> (English, German).
ENUM_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "card_kind": {
        "step": ("Step", "Schritt"), "touchpoint": ("Touchpoint", "Touchpoint"), "thought": ("Thought", "Gedanke"),
        "feeling": ("Feeling", "Gefühl"), "pain_point": ("Pain point", "Pain Point"),
        "opportunity": ("Opportunity", "Chance"), "process": ("Process", "Prozess"),
        "evidence": ("Evidence", "Beleg"), "note": ("Note", "Notiz"),
    },
    "action_status": {
        "open": ("Open", "Offen"), "in_progress": ("In progress", "In Arbeit"), "done": ("Done", "Erledigt"),
        "cancelled": ("Cancelled", "Abgebrochen"),
    },
    "metric_kind": {
        "nps": ("NPS", "NPS"), "csat": ("CSAT", "CSAT"), "ces": ("CES", "CES"), "rating": ("Rating", "Bewertung"),
        "custom": ("Custom", "Eigene"),
    },
    "priority": {"0": ("none", "keine"), "1": ("low", "niedrig"), "2": ("medium", "mittel"), "3": ("high", "hoch")},
    "bool": {"1": ("yes", "ja"), "0": ("no", "nein")},
}
_TRUE_WORDS = frozenset({"1", "yes", "y", "ja", "j", "x", "true", "wahr", "✓", "✔"})
_FALSE_WORDS = frozenset({"0", "no", "n", "nein", "false", "falsch", "-", "–"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet: its stable key, the record field it shows, how its cells are read, its headers."""

    key: str
    en: str
    de: str
    kind: str  # id, text, name, int, float, date, bool, enum, priority, ref
    field: str | None = None  # the record field (None for the id); ref columns name the id field
    choices: str | None = None  # enum: a key of ENUM_WORDS; ref: the kind referred to
    low: int | None = None  # int columns: the allowed range
    high: int | None = None
    width: int = 16

    def header(self, language: str) -> str:
        return self.de if language == "de" else self.en


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: the kind of element per row, the sheet's name in both languages and its columns."""

    key: str
    kind: type[Entity]
    en: str
    de: str
    columns: tuple[Column, ...]

    def title(self, language: str) -> str:
        return self.de if language == "de" else self.en

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def _id() -> Column:
    return Column("id", "ID", "ID", "id", width=38)


def _text(key: str, en: str, de: str, width: int = 30) -> Column:
    return Column(key, en, de, "text", key, width=width)


def _name(key: str, en: str, de: str) -> Column:
    return Column(key, en, de, "name", key, width=36)


def _ref(key: str, en: str, de: str, target: str, width: int = 24) -> Column:
    return Column(key, en, de, "ref", f"{key}_id", target, width=width)


TABLES: tuple[Table, ...] = (
    Table("touchpoints", Touchpoint, "Touchpoints", "Touchpoint-Katalog", (
        _id(), _name("name", "Touchpoint", "Touchpoint"), _text("description", "Description", "Beschreibung", 40),
        _ref("channel", "Channel", "Kanal", "channel"), _ref("department", "Department", "Abteilung", "department"),
    )),
    Table("cards", Card, "Cards", "Karten", (
        _id(), _ref("journey", "Journey", "Customer Journey", "journey", 30), _ref("stage", "Stage", "Phase", "stage"),
        _ref("lane", "Lane", "Bahn", "lane"), Column("kind", "Kind", "Art", "enum", "kind", "card_kind", width=14),
        _name("title", "Title", "Titel"), _text("text", "Text", "Text", 40),
        Column("rating", "Rating (1-10)", "Bewertung (1-10)", "int", "rating", low=1, high=10, width=12),
        Column("moment_of_truth", "Moment of truth", "Moment of Truth", "bool", "moment_of_truth", "bool", width=12),
        Column("pain_point", "Pain point", "Pain Point", "bool", "pain_point", "bool", width=12),
        Column("priority", "Priority", "Priorität", "priority", "priority", "priority", width=12),
        _ref("channel", "Channel", "Kanal", "channel"), _ref("department", "Department", "Abteilung", "department"),
        _ref("touchpoint", "Catalogue touchpoint", "Katalog-Touchpoint", "touchpoint", 30),
    )),
    Table("personas", Persona, "Personas", "Personas", (
        _id(), _name("name", "Name", "Name"), _text("role", "Role / segment", "Rolle / Segment", 24),
        _text("quote", "Quote", "Zitat", 40),
        Column("age", "Age", "Alter", "int", "age", low=0, high=130, width=8),
        _text("occupation", "Occupation", "Beruf", 20), _text("location", "Location", "Wohnort", 20),
        _text("goals", "Goals", "Ziele", 40), _text("needs", "Needs and expectations", "Bedürfnisse und Erwartungen", 40),
        _text("frustrations", "Frustrations", "Frustrationen", 40), _text("behaviour", "Behaviour", "Verhalten", 40),
        Column("online_affinity", "Online affinity (1-5)", "Online-Affinität (1-5)", "int", "online_affinity",
               low=1, high=5, width=12),
    )),
    Table("insights", Insight, "Insights", "Erkenntnisse", (
        _id(), _name("title", "Title", "Titel"), _text("text", "Text", "Text", 50),
        _text("evidence", "Evidence", "Belege", 40),
    )),
    Table("actions", Action, "Actions", "Maßnahmen", (
        _id(), _name("title", "Title", "Titel"), _text("description", "Description", "Beschreibung", 40),
        _text("owner", "Owner", "Verantwortlich", 20),
        Column("status", "Status", "Status", "enum", "status", "action_status", width=14),
        Column("priority", "Priority", "Priorität", "priority", "priority", "priority", width=12),
        Column("due", "Due (YYYY-MM-DD)", "Fällig (JJJJ-MM-TT)", "date", "due", width=14),
        _text("external_ref", "External reference", "Externe Referenz", 20),
    )),
    Table("metrics", Metric, "Metrics", "Kennzahlen", (
        _id(), _name("name", "Name", "Name"),
        Column("kind", "Kind", "Art", "enum", "kind", "metric_kind", width=12), _text("unit", "Unit", "Einheit", 10),
        Column("current", "Current", "Aktuell", "float", "current", width=10),
        Column("target", "Target", "Ziel", "float", "target", width=10),
        Column("best_in_class", "Best in class", "Best-in-Class", "float", "best_in_class", width=12),
        _text("source", "Source", "Quelle", 20), Column("date", "Date (YYYY-MM-DD)", "Datum (JJJJ-MM-TT)", "date", "date", width=14),
    )),
)
TABLE_BY_KEY: dict[str, Table] = {table.key: table for table in TABLES}


def fold(text: str) -> str:
    """A header or name for matching: case-folded, umlauts spelt out, accents and punctuation dropped."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum())


def name_key(text: str) -> str:
    """A name for looking elements up: case-folded and with runs of white space as one space."""
    return " ".join(text.split()).casefold()


def find_table(name: str) -> Table | None:
    """The table a sheet name (in either language, or the table's key) stands for."""
    wanted = fold(name)
    for table in TABLES:
        if wanted in (fold(table.en), fold(table.de), fold(table.key)):
            return table
    return None


def find_column(table: Table, header: str) -> Column | None:
    """The column a header (in either language, or the column's key) stands for."""
    wanted = fold(header)
    if not wanted:
        return None
    for column in table.columns:
        if wanted in (fold(column.en), fold(column.de), fold(column.key)):
            return column
    return None


def enum_word(choices: str, value: str, language: str) -> str:
    pair = ENUM_WORDS[choices].get(value)
    return value if pair is None else pair[1 if language == "de" else 0]


def enum_words(choices: str, language: str) -> list[str]:
    """The words of an enumeration in `language`, in order (for the workbook's drop-down lists)."""
    return [pair[1 if language == "de" else 0] for pair in ENUM_WORDS[choices].values()]


# ---------------------------------------------------------------------- out: the document as rows
def rows_of(document: Document, table: Table) -> list[Entity]:
    """The elements a table lists, in the order the editor shows them (cards journey by journey, stage, lane)."""
    if table.kind is Card:
        cards: list[Entity] = []
        for journey in document.journeys():
            stage_order = {stage.id: stage.order for stage in document.stages(journey.id)}
            lane_order = {lane.id: lane.order for lane in document.lanes(journey.id)}
            cards.extend(sorted(document.cards(journey.id),
                                key=lambda c: (stage_order.get(c.stage_id, 0), lane_order.get(c.lane_id, 0), c.order)))
        return cards
    return list(document.all(table.kind))


def column_letter(index: int) -> str:
    """A spreadsheet column's letters from its index (0 -> A, 25 -> Z, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def word_of(column: Column, value: Any, language: str) -> Any:
    """The word an enum, priority or yes/no cell shows for `value`; other kinds: the value itself."""
    if column.kind == "enum":
        return enum_word(column.choices or "", value, language)
    if column.kind == "priority":
        return enum_word("priority", str(value), language)
    if column.kind == "bool":
        return enum_word("bool", "1" if value else "0", language)
    return value


def cell_value(document: Document, column: Column, entity: Entity, language: str) -> Any:
    """What a cell of `column` shows for `entity`: text, a number, a word or a referenced element's name."""
    if column.kind == "id":
        return entity.id
    value = getattr(entity, column.field or column.key)
    if column.kind == "ref":
        if value is None:
            return None
        target = document.find(value)
        return None if target is None else getattr(target, "name", None) or getattr(target, "title", None)
    if column.kind in ("text", "name", "date"):
        return value or None
    return word_of(column, value, language)


def table_rows(document: Document, table: Table, language: str) -> Iterator[list[Any]]:
    """The header row in `language`, then one row of cell values per element."""
    yield [column.header(language) for column in table.columns]
    names: dict[str, Any] = {}
    refs = [column for column in table.columns if column.kind == "ref"]
    for entity in rows_of(document, table):
        row = []
        for column in table.columns:
            if column in refs:
                target = getattr(entity, column.field or "")
                if target is None:
                    row.append(None)
                    continue
                if target not in names:
                    names[target] = cell_value(document, column, entity, language)
                row.append(names[target])
            else:
                row.append(cell_value(document, column, entity, language))
        yield row


# ---------------------------------------------------------------------- in: a cell back to a field value
@dataclass(frozen=True, slots=True)
class CellError:
    """Why a cell cannot be read: a reason code of `import_plan.REASONS` with its parameters."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    """A cell as text: numbers without a trailing .0, dates as YYYY-MM-DD."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return value.isoformat() if not isinstance(value, _dt.timedelta) else str(value)
    return str(value)


def _shown(value: Any) -> str:
    text = cell_text(value)
    return text if len(text) <= 40 else text[:39] + "…"


def parse_cell(column: Column, value: Any) -> Any:
    """The field value a cell stands for, or a CellError. References and ids are returned as stripped text."""
    kind = column.kind
    if kind in ("text", "name"):
        if value is None:
            return ""
        if isinstance(value, float) and not math.isfinite(value):
            return CellError("not_text", (("value", _shown(value)),))
        text = cell_text(value) if not isinstance(value, str) else value
        limit = MAX_NAME_LENGTH if kind == "name" else MAX_TEXT_LENGTH
        if len(text) > limit:
            return CellError("too_long", (("length", len(text)), ("limit", limit)))
        return text
    if kind in ("id", "ref"):
        return "" if is_empty(value) else " ".join(cell_text(value).split())
    if is_empty(value):
        if kind == "bool":
            return False
        if kind == "priority":
            return 0
        if kind == "enum":
            return CellError("empty_enum", (("choices", ", ".join(enum_words(column.choices or "", "en"))),))
        return "" if kind == "date" else None
    if kind == "int":
        number = _number(value)
        if number is None or not float(number).is_integer():
            return CellError("not_whole_number", (("value", _shown(value)), ("low", column.low), ("high", column.high)))
        if column.low is not None and column.high is not None and not column.low <= number <= column.high:
            code = "bad_rating" if column.key == "rating" else "out_of_range"
            return CellError(code, (("value", _shown(value)), ("low", column.low), ("high", column.high)))
        return int(number)
    if kind == "float":
        number = _number(value)
        if number is None or not math.isfinite(number):
            return CellError("not_number", (("value", _shown(value)),))
        return float(number)
    if kind == "date":
        if isinstance(value, (_dt.datetime, _dt.date)):
            return (value.date() if isinstance(value, _dt.datetime) else value).isoformat()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return CellError("date_as_number", (("value", _shown(value)),))
        text = cell_text(value).strip()
        if _ISO_DATE.match(text):
            try:
                _dt.date.fromisoformat(text)
                return text
            except ValueError:
                pass
        german = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", text)
        if german:
            try:
                return _dt.date(int(german[3]), int(german[2]), int(german[1])).isoformat()
            except ValueError:
                pass
        return CellError("bad_date", (("value", _shown(value)),))
    if kind == "bool":
        if isinstance(value, bool):
            return value
        word = cell_text(value).strip().casefold()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        return CellError("bad_bool", (("value", _shown(value)),))
    if kind == "priority":
        number = _number(value)
        if number is not None and float(number).is_integer() and int(number) in PRIORITY_RANGE:
            return int(number)
        found = _match_word("priority", value)
        if found is None:
            return CellError("bad_choice", (("value", _shown(value)),
                                            ("choices", ", ".join(enum_words("priority", "en")))))
        return int(found)
    if kind == "enum":
        found = _match_word(column.choices or "", value)
        if found is None:
            return CellError("bad_choice", (("value", _shown(value)),
                                            ("choices", ", ".join(enum_words(column.choices or "", "en")))))
        return found
    raise ValueError(f"unknown column kind {kind!r}")  # pragma: no cover - a programming error


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = cell_text(value).strip()
    if re.match(r"^-?\d+,\d+$", text):  # a German decimal comma
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def _match_word(choices: str, value: Any) -> str | None:
    """The enumeration value a word stands for, in either language or as the value itself."""
    wanted = fold(cell_text(value))
    for raw, (english, german) in ENUM_WORDS[choices].items():
        if wanted in (fold(raw), fold(english), fold(german)):
            return raw
    return None


def check_values_fit(values: Sequence[str]) -> bool:
    """Whether an in-cell drop-down list can hold these words (Excel allows 255 characters in a list formula)."""
    return sum(len(v) + 1 for v in values) < 255 and not any("," in v or '"' in v for v in values)


__all__ = [
    "ENUM_WORDS", "TABLES", "TABLE_BY_KEY", "CellError", "Column", "Table", "cell_text", "cell_value",
    "enum_word", "enum_words", "find_column", "find_table", "fold", "is_empty", "name_key", "parse_cell",
    "rows_of", "table_rows", "RATING_RANGE",
]
