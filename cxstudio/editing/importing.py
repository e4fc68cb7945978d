"""Importing spreadsheets: plan a re-import by id or a foreign touchpoint inventory, then apply it as one undo step.

`plan_import(document, tables, source)` reads CX Studio's own sheets (see `tables.TABLES`): a row
with a known id changes its element, a row without an id adds one, elements of a sheet that are not
in it are `missing`. `plan_inventory(document, table, mapping, ...)` reads any touchpoint list whose
columns `guess_mapping` recognised (German and English headers) or a script named. Both only plan:
nothing changes until `apply_import(session, plan)` runs, all or nothing, as one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cxstudio.editing.import_plan import Addition, Change, FieldChange, ImportPlan, ImportRowError, RawTable
from cxstudio.editing.operations import _renumber, delete_elements
from cxstudio.editing.session import Session
from cxstudio.editing.steps import StepName, short_name
from cxstudio.editing.tables import (
    TABLE_BY_KEY,
    TABLES,
    CellError,
    Column,
    Table,
    cell_text,
    find_column,
    find_table,
    fold,
    is_empty,
    name_key,
    parse_cell,
    word_of,
)
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, CardKind, Entity, Lane, LaneKind, Touchpoint, new_id
from cxstudio.model.errors import InvariantError, ModelError

MAX_PROBLEMS = 10_000  # problems kept per plan; beyond that they are only counted
KNOWN_SHOWN = 6  # names listed in an "unknown name" sentence


class _Names:
    """Looks elements up by name (case and spacing ignored) or id; stages and lanes within their journey."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._global: dict[str, dict[str, list[str]]] = {}
        self._in_journey: dict[tuple[str, str], dict[str, list[str]]] = {}
        self.new_names: dict[str, dict[str, list[str]]] = defaultdict(dict)  # kind -> name -> ids of added elements

    def _index(self, entities: Iterable[Entity]) -> dict[str, list[str]]:
        index: dict[str, list[str]] = defaultdict(list)
        for entity in entities:
            index[name_key(getattr(entity, "name", "") or "")].append(entity.id)
        return index

    def table(self, kind: str, journey_id: str | None = None) -> dict[str, list[str]]:
        if kind in ("stage", "lane"):
            key = (kind, journey_id or "")
            if key not in self._in_journey:
                found = self.document.stages(journey_id) if kind == "stage" else self.document.lanes(journey_id)
                self._in_journey[key] = self._index(found) if journey_id in self.document else {}
            return self._in_journey[key]
        if kind not in self._global:
            from cxstudio.model.entities import ENTITY_BY_KIND

            self._global[kind] = self._index(self.document.all(ENTITY_BY_KIND[kind]))
        return self._global[kind]

    def known(self, kind: str, journey_id: str | None = None) -> str:
        names = [self.document.get(ids[0]).name for ids in self.table(kind, journey_id).values() if ids]  # type: ignore[attr-defined]
        shown = ", ".join(f"'{short_name(n)}'" for n in names[:KNOWN_SHOWN])
        return (shown + (", …" if len(names) > KNOWN_SHOWN else "")) or "—"

    def resolve(self, kind: str, text: str, journey_id: str | None = None) -> str | CellError:
        """The id of the element of `kind` named `text` (or with that id), or why there is none."""
        entity = self.document.find(text)
        if entity is not None and kind == entity.KIND and (journey_id is None or getattr(entity, "journey_id", None)
                                                            in (None, journey_id)):
            return entity.id
        key = name_key(text)
        ids = list(self.table(kind, journey_id).get(key, ())) + list(self.new_names[kind].get(key, ()))
        if len(ids) == 1:
            return ids[0]
        if ids:
            return CellError("ambiguous_ref", (("kind", kind), ("value", text), ("count", len(ids))))
        if kind in ("stage", "lane") and journey_id is not None:
            journey = self.document.find(journey_id)
            return CellError("not_in_journey", (("kind", kind), ("value", text), ("known", self.known(kind, journey_id)),
                                                ("journey", getattr(journey, "name", ""))))
        return CellError("unknown_ref", (("kind", kind), ("value", text), ("known", self.known(kind))))


def _problem(plan: ImportPlan, code: str, sheet: str, row: int, column: str | None = None, **params: Any) -> None:
    if len(plan.problems) < MAX_PROBLEMS:
        plan.problems.append(ImportRowError(code, sheet, row, column, **params))
    else:
        plan.more_problems += 1


def _cell_problem(plan: ImportPlan, error: CellError, raw: RawTable, row: int, header: str) -> None:
    _problem(plan, error.code, raw.sheet, row, header, **dict(error.params))


# ---------------------------------------------------------------------- which tables are CX Studio's own
def own_tables(tables: Sequence[RawTable], table_key: str | None = None) -> list[tuple[RawTable, Table]]:
    """The sheets that are CX Studio's tables (by sheet name, or for one sheet by its columns), in import order."""
    found: list[tuple[RawTable, Table]] = []
    for raw in tables:
        table = TABLE_BY_KEY.get(table_key) if table_key else find_table(raw.sheet)
        if table is None and len(tables) == 1:
            table = _table_by_columns(raw)
        if table is not None and raw.header and fold(cell_text(raw.header[0] or "")) == "id":
            found.append((raw, table))
    order = {table.key: position for position, table in enumerate(TABLES)}
    return sorted(found, key=lambda pair: order[pair[1].key])


def _table_by_columns(raw: RawTable) -> Table | None:
    """The table whose columns the header names most of (at least three besides the id), else None."""
    best, best_count = None, 2
    for table in TABLES:
        count = sum(1 for cell in raw.header[1:] if cell is not None and find_column(table, cell_text(cell)))
        if count > best_count:
            best, best_count = table, count
    return best


# ---------------------------------------------------------------------- re-import by id
def plan_import(document: Document, tables: Sequence[RawTable], source: str, table_key: str | None = None,
                language: str = "en") -> ImportPlan:
    """What importing CX Studio's own sheets would change; `language` words enumerations in the summary."""
    plan = ImportPlan(source)
    names = _Names(document)
    matched = own_tables(tables, table_key)
    known = {id(raw) for raw, _table in matched}
    for raw in tables:
        if id(raw) not in known:
            plan.note(f"The sheet '{raw.sheet}' is not a table CX Studio knows; it was ignored.",
                      f"Das Blatt „{raw.sheet}“ ist keine Tabelle, die CX Studio kennt; es wurde übergangen.")
    for raw, table in matched:
        _plan_table(document, raw, table, plan, names, language)
    return plan


def _columns_of(raw: RawTable, table: Table, plan: ImportPlan) -> dict[int, tuple[Column, str]]:
    columns: dict[int, tuple[Column, str]] = {}
    taken: set[str] = set()
    for index, cell in enumerate(raw.header):
        header = cell_text(cell).strip() if cell is not None else ""
        column = find_column(table, header) if header else None
        if column is None or column.key in taken:
            if header:
                plan.note(f"The column '{header}' of sheet '{raw.sheet}' is not one CX Studio knows; it was ignored.",
                          f"Die Spalte „{header}“ des Blatts „{raw.sheet}“ kennt CX Studio nicht; sie wurde übergangen.")
            continue
        taken.add(column.key)
        columns[index] = (column, header)
    return columns


def _plan_table(document: Document, raw: RawTable, table: Table, plan: ImportPlan, names: _Names,
                language: str) -> None:
    columns = _columns_of(raw, table, plan)
    id_index = next((i for i, (column, _h) in columns.items() if column.kind == "id"), None)
    seen: dict[str, int] = {}
    kind = table.kind.KIND
    for row_number, cells in raw.rows:
        plan.rows += 1
        current: Entity | None = None
        if id_index is not None and id_index < len(cells) and not is_empty(cells[id_index]):
            entity_id = cell_text(cells[id_index]).strip()
            current = document.find(entity_id)
            if current is None or kind != current.KIND:
                _problem(plan, "unknown_id", raw.sheet, row_number, columns[id_index][1], value=entity_id, kind=kind)
                continue
            if entity_id in seen:
                _problem(plan, "duplicate_id", raw.sheet, row_number, columns[id_index][1], value=entity_id,
                         other=seen[entity_id])
                continue
            seen[entity_id] = row_number
        values = _row_values(document, raw, row_number, cells, columns, current, plan, names, table)
        if values is None:
            continue
        _plan_row(document, raw, row_number, table, columns, current, values, plan, names, language)
    if id_index is not None:
        plan.missing.extend(e for e in _listed(document, table) if e.id not in seen)


def _listed(document: Document, table: Table) -> list[Entity]:
    from cxstudio.editing.tables import rows_of

    return rows_of(document, table)


def _row_values(document: Document, raw: RawTable, row_number: int, cells: Sequence[Any],
                columns: Mapping[int, tuple[Column, str]], current: Entity | None, plan: ImportPlan, names: _Names,
                table: Table) -> dict[str, Any] | None:
    """The field values of one row (references resolved), or None when a cell is invalid (problems recorded)."""
    values: dict[str, Any] = {}
    ok = True
    refs: list[tuple[Column, str, str]] = []
    for index, (column, header) in columns.items():
        if column.kind == "id":
            continue
        value = parse_cell(column, cells[index] if index < len(cells) else None)
        if isinstance(value, CellError):
            _cell_problem(plan, value, raw, row_number, header)
            ok = False
        elif column.kind == "ref":
            refs.append((column, header, value))
        else:
            values[column.field or column.key] = value
    journey_id = getattr(current, "journey_id", None)
    for column, header, text in sorted(refs, key=lambda r: r[0].key != "journey"):  # the journey first
        field_name = column.field or ""
        target_kind = column.choices or ""
        if not text:
            if column.key in ("journey", "stage", "lane"):
                _problem(plan, "required", raw.sheet, row_number, header, kind=table.kind.KIND)
                ok = False
            else:
                values[field_name] = None
            continue
        previous = getattr(current, field_name, None) if current is not None else None
        if previous is not None and previous in document and name_key(getattr(document.get(previous), "name", "")) \
                == name_key(text):
            values[field_name] = previous  # unchanged (also when another element has the same name)
            continue
        scope = journey_id if target_kind in ("stage", "lane") else None
        if target_kind in ("stage", "lane") and scope is None:
            ok = False  # the journey cell is already reported
            continue
        found = names.resolve(target_kind, text, scope)
        if isinstance(found, CellError):
            _cell_problem(plan, found, raw, row_number, header)
            ok = False
            continue
        if column.key == "journey":
            if current is not None and found != current.journey_id:  # type: ignore[attr-defined]
                _problem(plan, "other_journey", raw.sheet, row_number, header, value=text)
                ok = False
                continue
            journey_id = found
        values[field_name] = found
    return values if ok else None


def _display(document: Document, column: Column, value: Any, language: str) -> Any:
    if value is None or value == "":
        return ""
    if column.kind == "ref":
        target = document.find(value)
        return getattr(target, "name", value) if target is not None else value
    return word_of(column, value, language)


def _plan_row(document: Document, raw: RawTable, row_number: int, table: Table,
              columns: Mapping[int, tuple[Column, str]], current: Entity | None, values: dict[str, Any],
              plan: ImportPlan, names: _Names, language: str) -> None:
    by_field = {column.field or column.key: (column, header) for column, header in columns.values()}
    if current is None:
        missing = [by_field.get(f, (None, f))[1] for f in ("journey_id", "stage_id", "lane_id")
                   if table.kind is Card and f not in values]
        if missing:
            for header in missing:
                _problem(plan, "required", raw.sheet, row_number, header, kind="card")
            return
        try:
            entity = table.kind(id=new_id(), **values)
            entity.validate()
            if isinstance(entity, Card):
                _check_cell(document, entity)
        except (ModelError, TypeError, ValueError) as error:
            _problem(plan, "refused", raw.sheet, row_number, reason=str(error))
            return
        plan.added.append(Addition(raw.sheet, row_number, entity))
        name = getattr(entity, "name", None)
        if isinstance(name, str):
            names.new_names[entity.KIND].setdefault(name_key(name), []).append(entity.id)
        return
    changed = {f: v for f, v in values.items() if getattr(current, f) != v}
    if not changed:
        return
    try:
        updated = current.replace(**changed)
        updated.validate(only=changed)
        if isinstance(updated, Card):
            _check_cell(document, updated)
    except (ModelError, TypeError, ValueError) as error:
        _problem(plan, "refused", raw.sheet, row_number, reason=str(error))
        return
    fields = tuple(
        FieldChange(by_field[f][1], f, _display(document, by_field[f][0], getattr(current, f), language),
                    _display(document, by_field[f][0], v, language))
        for f, v in changed.items()
    )
    label = getattr(current, "title", None) or getattr(current, "name", "") or current.id
    plan.changed.append(Change(raw.sheet, row_number, current.id, current.KIND, short_name(label), fields,
                               tuple(changed.items())))


def _check_cell(document: Document, card: Card) -> None:
    """A card's stage and lane must belong to its journey."""
    for field_name in ("stage_id", "lane_id"):
        target = document.find(getattr(card, field_name))
        if target is None or getattr(target, "journey_id", None) != card.journey_id:
            raise InvariantError(f"Card '{short_name(card.title)}': the {field_name[:-3]} is not in the card's journey.")


# ---------------------------------------------------------------------- foreign touchpoint inventories
INVENTORY_TARGETS: dict[str, tuple[str, str]] = {
    "ignore": ("(ignore)", "(nicht importieren)"),
    "name": ("Touchpoint name", "Touchpoint-Name"),
    "description": ("Description", "Beschreibung"),
    "channel": ("Channel", "Kanal"),
    "department": ("Department", "Abteilung"),
    "stage": ("Stage", "Phase"),
    "lane": ("Lane", "Bahn"),
    "rating": ("Rating (1-10)", "Bewertung (1-10)"),
}
# folded header words that name a target, most specific first
SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("touchpoint", "touchpoints", "touchpointname", "kontaktpunkt", "beruehrungspunkt", "name", "bezeichnung",
             "titel", "title"),
    "description": ("beschreibung", "description", "details", "erlaeuterung", "notes", "bemerkung", "bemerkungen"),
    "channel": ("kanal", "channel", "kanaele", "channels", "medium", "vertriebsweg"),
    "department": ("abteilung", "verantwortlich", "verantwortlichkeit", "zustaendig", "zustaendigkeit", "department",
                   "owner", "responsible", "bereich", "team"),
    "stage": ("phase", "stage", "journeyphase", "schritt"),
    "lane": ("bahn", "lane", "swimlane", "ebene"),
    "rating": ("bewertung", "rating", "score", "zufriedenheit", "satisfaction"),
}
_INVENTORY_COLUMNS = {
    "name": Column("name", "Touchpoint", "Touchpoint", "name", "name"),
    "description": Column("description", "Description", "Beschreibung", "text", "description"),
    "rating": Column("rating", "Rating", "Bewertung", "int", "rating", low=1, high=10),
}


def target_of(word: str) -> str | None:
    """The inventory target a mapping word names: a target key or its English or German name."""
    wanted = fold(word)
    for target, (english, german) in INVENTORY_TARGETS.items():
        if wanted in (fold(target), fold(english), fold(german)):
            return target
    for target, words in SYNONYMS.items():
        if wanted in words:
            return target
    return None


def guess_mapping(header: Sequence[Any]) -> dict[int, str]:
    """Column index -> target for the headers recognised (exact words first, then words within a header)."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    folded = [fold(cell_text(cell)) if cell is not None else "" for cell in header]
    for exact in (True, False):
        for index, text in enumerate(folded):
            if index in mapping or not text:
                continue
            for target, words in SYNONYMS.items():
                if target in taken:
                    continue
                if any(text == w for w in words) if exact else any(w in text for w in words if len(w) > 3):
                    mapping[index] = target
                    taken.add(target)
                    break
    return mapping


def parse_mapping(text: str, header: Sequence[Any]) -> dict[int, str]:
    """'Touchpoint=name,Kanal=channel' as column index -> target; ValueError (a sentence) for a bad entry."""
    folded = [fold(cell_text(cell)) if cell is not None else "" for cell in header]
    mapping: dict[int, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        source, separator, word = part.rpartition("=")
        target = target_of(word)
        if not separator or target is None:
            raise ValueError(f"'{part.strip()}' is not of the form COLUMN=FIELD with FIELD one of "
                             f"{', '.join(t for t in INVENTORY_TARGETS if t != 'ignore')}")
        if fold(source) not in folded:
            raise ValueError(f"the file has no column '{source.strip()}'")
        if target != "ignore":
            mapping[folded.index(fold(source))] = target
    return mapping


def default_lane(document: Document, journey_id: str) -> Lane | None:
    """The lane inventory touchpoints go into: the frontstage lane, one named like touchpoints, the first card lane."""
    lanes = document.lanes(journey_id)
    for test in (lambda lane: lane.kind == LaneKind.FRONTSTAGE.value,
                 lambda lane: "touchpoint" in lane.name.casefold() and lane.kind == LaneKind.CARDS.value,
                 lambda lane: lane.kind == LaneKind.CARDS.value):
        found = next((lane for lane in lanes if test(lane)), None)
        if found is not None:
            return found
    return None


def plan_inventory(document: Document, raw: RawTable, mapping: Mapping[int, str], source: str,
                   journey_id: str | None = None, language: str = "en") -> ImportPlan:
    """What importing a touchpoint list would change: catalogue touchpoints matched by name, added or changed;
    with a stage column also a touchpoint card per row in that stage of the journey (default: the first)."""
    plan = ImportPlan(source)
    names = _Names(document)
    headers = {index: cell_text(raw.header[index]) if index < len(raw.header) else target
               for index, target in mapping.items()}
    columns = {target: index for index, target in mapping.items()}
    if "name" not in columns:
        _problem(plan, "no_name_column", raw.sheet, raw.header_row)
        return plan
    journeys = document.journeys()
    journey = document.find(journey_id) if journey_id else (journeys[0] if journeys else None)
    catalogue: dict[str, str] = {}
    for touchpoint in document.all(Touchpoint):
        catalogue.setdefault(name_key(touchpoint.name), touchpoint.id)
    planned: dict[str, Touchpoint] = {}
    cards_at: dict[tuple[str, str], Card] = {}
    if journey is not None:
        for card in document.cards(journey.id):
            if card.touchpoint_id:
                cards_at.setdefault((card.stage_id, card.touchpoint_id), card)
    if "rating" in columns and "stage" not in columns:
        plan.note("Ratings belong to cards in a stage: map a stage (Phase) column to import them; they were ignored.",
                  "Bewertungen gehören zu Karten in einer Phase: ordnen Sie eine Phasen-Spalte zu, um sie zu "
                  "importieren; sie wurden übergangen.")
    for row_number, cells in raw.rows:
        plan.rows += 1
        row = _inventory_row(document, raw, row_number, cells, columns, headers, plan, names, journey)
        if row is None:
            continue
        fields, card_fields = row
        key = name_key(fields["name"])
        touchpoint_id = catalogue.get(key)
        if touchpoint_id is None and key in planned:
            touchpoint_id = planned[key].id
        elif touchpoint_id is None:
            touchpoint = Touchpoint(id=new_id(), **fields)
            planned[key] = touchpoint
            plan.added.append(Addition(raw.sheet, row_number, touchpoint))
            touchpoint_id = touchpoint.id
        else:
            current = document.get(touchpoint_id)
            changed = {f: v for f, v in fields.items() if v not in ("", None) and getattr(current, f) != v}
            if changed and not any(c.entity_id == touchpoint_id for c in plan.changed):
                plan.changed.append(_inventory_change(document, raw, row_number, current, changed, headers, columns,
                                                      language))
        if card_fields is not None and journey is not None:
            _inventory_card(document, raw, row_number, journey.id, touchpoint_id, fields, card_fields, cards_at, plan,
                            headers, columns, language)
    return plan


def _inventory_row(document: Document, raw: RawTable, row_number: int, cells: Sequence[Any], columns: Mapping[str, int],
                   headers: Mapping[int, str], plan: ImportPlan, names: _Names,
                   journey: Entity | None) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
    def cell(target: str) -> Any:
        index = columns.get(target)
        return cells[index] if index is not None and index < len(cells) else None

    ok = True
    fields: dict[str, Any] = {}
    for target in ("name", "description"):
        if target in columns:
            value = parse_cell(_INVENTORY_COLUMNS[target], cell(target))
            if isinstance(value, CellError):
                _cell_problem(plan, value, raw, row_number, headers[columns[target]])
                ok = False
            else:
                fields[target] = value.strip()
    if ok and not fields.get("name"):
        _problem(plan, "no_name", raw.sheet, row_number, headers[columns["name"]])
        return None
    for target in ("channel", "department"):
        if target in columns and not is_empty(cell(target)):
            found = names.resolve(target, " ".join(cell_text(cell(target)).split()))
            if isinstance(found, CellError):
                _cell_problem(plan, found, raw, row_number, headers[columns[target]])
                ok = False
            else:
                fields[f"{target}_id"] = found
    card_fields: dict[str, Any] | None = None
    if "stage" in columns and not is_empty(cell("stage")):
        card_fields = {}
        if journey is None:
            _problem(plan, "unknown_ref", raw.sheet, row_number, headers[columns["stage"]], kind="journey",
                     value=cell_text(cell("stage")), known="—")
            return None
        for target in ("stage", "lane"):
            if target in columns and not is_empty(cell(target)):
                found = names.resolve(target, " ".join(cell_text(cell(target)).split()), journey.id)
                if isinstance(found, CellError):
                    _cell_problem(plan, found, raw, row_number, headers[columns[target]])
                    ok = False
                else:
                    card_fields[f"{target}_id"] = found
        if "rating" in columns:
            value = parse_cell(_INVENTORY_COLUMNS["rating"], cell("rating"))
            if isinstance(value, CellError):
                _cell_problem(plan, value, raw, row_number, headers[columns["rating"]])
                ok = False
            elif value is not None:
                card_fields["rating"] = value
    return (fields, card_fields) if ok else None


def _inventory_change(document: Document, raw: RawTable, row_number: int, current: Entity, changed: dict[str, Any],
                      headers: Mapping[int, str], columns: Mapping[str, int], language: str) -> Change:
    fields = []
    for field_name, value in changed.items():
        target = field_name.removesuffix("_id")
        column = Column(target, target, target, "ref" if field_name.endswith("_id") else "text", field_name)
        fields.append(FieldChange(headers.get(columns.get(target, -1), target), field_name,
                                  _display(document, column, getattr(current, field_name), language),
                                  _display(document, column, value, language)))
    return Change(raw.sheet, row_number, current.id, current.KIND, short_name(getattr(current, "name", "")),
                  tuple(fields), tuple(changed.items()))


def _inventory_card(document: Document, raw: RawTable, row_number: int, journey_id: str, touchpoint_id: str,
                    fields: Mapping[str, Any], card_fields: dict[str, Any], cards_at: dict[tuple[str, str], Card],
                    plan: ImportPlan, headers: Mapping[int, str], columns: Mapping[str, int], language: str) -> None:
    stage_id = card_fields["stage_id"]
    existing = cards_at.get((stage_id, touchpoint_id))
    if existing is not None:
        changed = {f: v for f, v in card_fields.items() if f != "stage_id" and getattr(existing, f) != v}
        if changed and not any(c.entity_id == existing.id for c in plan.changed):
            plan.changed.append(_inventory_change(document, raw, row_number, existing, changed, headers, columns,
                                                  language))
        return
    lane_id = card_fields.get("lane_id")
    if lane_id is None:
        lane = default_lane(document, journey_id)
        if lane is None:
            _problem(plan, "unknown_ref", raw.sheet, row_number, kind="lane", value="Touchpoints", known="—")
            return
        lane_id = lane.id
    card = Card(id=new_id(), journey_id=journey_id, stage_id=stage_id, lane_id=lane_id, kind=CardKind.TOUCHPOINT.value,
                title=fields["name"], touchpoint_id=touchpoint_id, channel_id=fields.get("channel_id"),
                department_id=fields.get("department_id"), rating=card_fields.get("rating"))
    cards_at[(stage_id, touchpoint_id)] = card
    plan.added.append(Addition(raw.sheet, row_number, card))


# ---------------------------------------------------------------------- applying a plan
def apply_import(session: Session, plan: ImportPlan, delete_missing: bool = False) -> int:
    """Apply a plan without problems as one undo step; returns how many elements were added, changed or deleted.

    Added cards go to the end of their cell; a card whose stage or lane changed moves to the end of its new
    cell. With `delete_missing` the elements missing from the sheets are deleted too. A plan with problems
    is refused with an InvariantError and nothing changes.
    """
    if plan.problems:
        raise InvariantError(f"The import has {len(plan.problems)} problem(s) and was not applied: "
                             f"{plan.problems[0].message('en')}")
    doc = session.document
    count = 0
    next_order: dict[tuple[str, str], int] = {}  # cell -> the order of the next card put at its end

    def end_of(cell: tuple[str, str]) -> int:
        order = next_order[cell] if cell in next_order else len(doc.cards_in_cell(*cell))
        next_order[cell] = order + 1
        return order

    with session.transaction(StepName("import", name=short_name(plan.source))):
        for addition in plan.added:
            entity = addition.entity
            if isinstance(entity, Card):
                entity = entity.replace(order=end_of((entity.stage_id, entity.lane_id)))
            elif "order" in entity.field_names():
                entity = entity.replace(order=doc.count(type(entity)))
            doc.add(entity)
            count += 1
        left: set[tuple[str, str]] = set()
        for change in plan.changed:
            values = dict(change.values)
            current = doc.get(change.entity_id)
            if isinstance(current, Card):
                cell = (values.get("stage_id", current.stage_id), values.get("lane_id", current.lane_id))
                if cell != (current.stage_id, current.lane_id):
                    left.add((current.stage_id, current.lane_id))
                    values["order"] = end_of(cell)
            doc.update(change.entity_id, **values)
            count += 1
        for stage_id, lane_id in left:  # the cells cards left (cards only arrive at the ends of cells)
            _renumber(doc, doc.cards_in_cell(stage_id, lane_id))
        if delete_missing and plan.missing:
            count += delete_elements(session, [entity.id for entity in plan.missing])
    return count
