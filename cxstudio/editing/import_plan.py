"""What an import would do, before it is done: the rows read, elements added, changed field by field and missing, and every problem.

A `RawTable` is what a spreadsheet reader hands over (a sheet's header and its non-empty rows with
their row numbers); an `ImportPlan` is what `cxstudio.editing.importing` makes of it; an
`ImportRowError` names the sheet, row, column and reason in English or German.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cxstudio.editing.tables import column_letter
from cxstudio.model.entities import Entity
from cxstudio.model.messages import UserMessageError
from cxstudio.safetext import bounded

# reason code -> (English, German); the sentence starts with where the problem is (see ImportRowError.message)
REASONS: dict[str, tuple[str, str]] = {
    "not_text": ("{value} is not text.", "{value} ist kein Text."),
    "too_long": ("the cell holds {length:,} characters, more than the {limit:,} allowed.",
                 "die Zelle enthält {length:,} Zeichen, mehr als die erlaubten {limit:,}."),
    "empty_enum": ("the cell is empty; choose one of {choices}.", "die Zelle ist leer; wählen Sie eins von {choices}."),
    "not_whole_number": ("{value} is not a whole number from {low} to {high}.",
                         "{value} ist keine ganze Zahl von {low} bis {high}."),
    "bad_rating": ("{value} is not a rating from 1 to 10 (10 = expectations clearly exceeded, 1 = clearly missed).",
                   "{value} ist keine Bewertung von 1 bis 10 (10 = Erwartungen klar übertroffen, 1 = klar verfehlt)."),
    "out_of_range": ("{value} is not between {low} and {high}.", "{value} liegt nicht zwischen {low} und {high}."),
    "not_number": ("{value} is not a number.", "{value} ist keine Zahl."),
    "date_as_number": ("{value} is a number, not a date; format the cell as text or a date (YYYY-MM-DD).",
                       "{value} ist eine Zahl, kein Datum; formatieren Sie die Zelle als Text oder Datum (JJJJ-MM-TT)."),
    "bad_date": ("{value} is not a date of the form YYYY-MM-DD.", "{value} ist kein Datum der Form JJJJ-MM-TT."),
    "bad_bool": ("{value} is neither yes nor no.", "{value} ist weder ja noch nein."),
    "bad_choice": ("{value} is not one of {choices}.", "{value} ist keiner der Werte {choices}."),
    "unknown_ref": ("there is no {kind} named '{value}'; known are: {known}.",
                    "kein Element der Art {kind} heißt „{value}“; vorhanden: {known}."),
    "ambiguous_ref": ("{count} elements of kind {kind} are named '{value}'; rename them or put the id in the cell.",
                      "{count} Elemente der Art {kind} heißen „{value}“; benennen Sie sie um oder tragen Sie die ID ein."),
    "required": ("the cell is empty, but every {kind} needs a value here.",
                 "die Zelle ist leer, aber jedes Element der Art {kind} braucht hier einen Wert."),
    "unknown_id": ("'{value}' is not the id of a {kind} in this project; empty the id cell to add the row as a new element.",
                   "„{value}“ ist nicht die ID eines Elements ({kind}) in diesem Projekt; leeren Sie die ID-Zelle, "
                   "um die Zeile als neues Element hinzuzufügen."),
    "duplicate_id": ("the id '{value}' is also in row {other}.", "die ID „{value}“ steht auch in Zeile {other}."),
    "other_journey": ("a card cannot move to another journey ('{value}') by import; copy it in the editor.",
                      "eine Karte kann nicht per Import in eine andere Customer Journey („{value}“) wandern; "
                      "kopieren Sie sie im Editor."),
    "refused": ("{reason}", "{reason}"),
    "no_name": ("the row has no touchpoint name.", "die Zeile hat keinen Touchpoint-Namen."),
    "no_name_column": ("no column is mapped to the touchpoint name; map one (e.g. --mapping \"Touchpoint=name\").",
                       "keine Spalte ist dem Touchpoint-Namen zugeordnet; ordnen Sie eine zu "
                       "(etwa --mapping \"Touchpoint=name\")."),
    "not_in_journey": ("the journey '{journey}' has no {kind} named '{value}'; known are: {known}.",
                       "in der Customer Journey „{journey}“ heißt keine {kind} „{value}“; vorhanden: {known}."),
}

# kinds as words inside sentences
KIND_WORDS: dict[str, tuple[str, str]] = {
    "channel": ("channel", "Kanal"), "department": ("department", "Abteilung"),
    "touchpoint": ("catalogue touchpoint", "Katalog-Touchpoint"), "journey": ("journey", "Customer Journey"),
    "stage": ("stage", "Phase"), "lane": ("lane", "Bahn"), "card": ("card", "Karte"), "persona": ("persona", "Persona"),
    "insight": ("insight", "Erkenntnis"), "action": ("action", "Maßnahme"), "metric": ("metric", "Kennzahl"),
}


class ImportRowError(UserMessageError):
    """An invalid cell or row: 'Sheet 'Cards', row 7, column 'Rating (1-10)': 11 is not a rating from 1 to 10.'"""

    MESSAGES = REASONS

    def __init__(self, code: str, sheet: str, row: int, column: str | None = None, **params: Any) -> None:
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(code, **params)

    def message(self, language: str = "en") -> str:
        german = language == "de"
        sheet = bounded(self.sheet, 60, language)
        if self.column is None:
            where = f"Blatt „{sheet}“, Zeile {self.row}: " if german else f"Sheet '{sheet}', row {self.row}: "
        else:
            column = bounded(self.column, 60, language)
            where = (f"Blatt „{sheet}“, Zeile {self.row}, Spalte „{column}“: " if german
                     else f"Sheet '{sheet}', row {self.row}, column '{column}': ")
        params = self.params
        kind = params.get("kind")
        if isinstance(kind, str) and kind in KIND_WORDS:
            self.params = {**params, "kind": KIND_WORDS[kind][1 if german else 0]}
        try:
            return where + super().message(language)
        finally:
            self.params = params


@dataclass(frozen=True, slots=True)
class RawTable:
    """A sheet or CSV file as read: its name, header cells, and non-empty rows as (row number, cells)."""

    sheet: str
    header: tuple[Any, ...]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    header_row: int = 1

    def column_letter(self, index: int) -> str:
        return column_letter(index)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One changed field of an element: the column's header, the value shown before and after."""

    column: str
    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class Change:
    """An element a row changes: where the row is, the element's id and name, and its field values."""

    sheet: str
    row: int
    entity_id: str
    kind: str
    name: str
    fields: tuple[FieldChange, ...]
    values: tuple[tuple[str, Any], ...]  # field -> new value, as the Document takes it


@dataclass(frozen=True, slots=True)
class Addition:
    """An element a row adds, complete with a new id."""

    sheet: str
    row: int
    entity: Entity


@dataclass
class ImportPlan:
    """Everything an import would do. `apply_import` refuses a plan with problems."""

    source: str
    added: list[Addition] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    missing: list[Entity] = field(default_factory=list)
    problems: list[ImportRowError] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (English, German) remarks: ignored columns ...
    rows: int = 0
    more_problems: int = 0  # problems beyond importing.MAX_PROBLEMS, only counted

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def is_empty(self) -> bool:
        return not self.added and not self.changed

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.more_problems

    def field_count(self) -> int:
        return sum(len(change.fields) for change in self.changed)

    def note(self, english: str, german: str) -> None:
        self.notes.append((english, german))

    def summary(self, language: str = "en") -> str:
        """One sentence: how many rows, additions, changed fields, missing elements and problems."""
        added, changed, fields, missing = len(self.added), len(self.changed), self.field_count(), len(self.missing)
        if language == "de":
            text = (f"{self.rows} Zeilen gelesen: {added} neu, {changed} geändert ({fields} Felder), "
                    f"{missing} fehlen in der Tabelle")
            return text + (f"; {self.problem_count} Problem(e)." if self.problems else ".")
        text = (f"{self.rows} rows read: {added} added, {changed} changed ({fields} fields), "
                f"{missing} missing from the sheet")
        return text + (f"; {self.problem_count} problem(s)." if self.problems else ".")

    def problem_lines(self, language: str = "en", limit: int | None = None) -> Sequence[str]:
        shown = self.problems if limit is None else self.problems[:limit]
        return [problem.message(language) for problem in shown]
