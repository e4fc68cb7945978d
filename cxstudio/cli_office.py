"""The command line's office commands: `export` to .xlsx, .csv and .pptx, and `import` of spreadsheets (only the standard library at import time)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cxstudio.editing.import_plan import ImportPlan, RawTable
    from cxstudio.model.document import Document

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
OFFICE_SUFFIXES = (".xlsx", ".csv", ".pptx")
CHANGES_SHOWN = 50  # changed elements listed one per line before "… and N more"
MISSING_SHOWN = 10

IMPORT_HELP = """\
Imports a spreadsheet into a project file and saves it (one undo step in the editor's terms).

  An edited export of CX Studio (cxstudio export FILE -o OUT.xlsx, or a CSV of one table): rows with a
  known id update their element, rows without an id are added, elements missing from the sheets are
  listed and kept (--delete-missing deletes them).
  Any other table is a touchpoint inventory: its columns are recognised by their German or English
  headers (Touchpoint, Kanal/Channel, Abteilung/Verantwortlich, Beschreibung, Phase, Bahn, Bewertung) or
  named with --mapping "Touchpoint=name,Kanal=channel,Abteilung=department,Phase=stage,Bewertung=rating".
  Catalogue touchpoints are matched by name; with a stage column each row also becomes a touchpoint card
  in that stage of --journey (default: the first journey).

CSV files may be UTF-8 (with or without BOM), UTF-16 or Windows-1252, with comma, semicolon or tab
between cells. Every invalid cell is reported with sheet, row, column and reason, and then nothing is
imported (exit 1). --dry-run shows what would change without saving.
"""


def add_import_command(commands: Any) -> None:
    """The `import` sub-command."""
    command = commands.add_parser("import", help="import an edited export or a touchpoint inventory (.xlsx, .csv)",
                                  description=IMPORT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("file", help="the .cxstudio project to import into (it is saved afterwards)")
    command.add_argument("spreadsheet", help="the .xlsx or .csv file to import")
    command.add_argument("--mapping", metavar="COLUMN=FIELD,...",
                         help="import as a touchpoint inventory with these columns (fields: name, description, "
                              "channel, department, stage, lane, rating, ignore)")
    command.add_argument("--journey", metavar="NAME", help="the journey inventory cards go into (default: the first)")
    command.add_argument("--sheet", metavar="NAME", help="the sheet of an inventory workbook (default: the first)")
    command.add_argument("--table", metavar="TABLE",
                         help="the table a CSV export holds: touchpoints, cards, personas, insights, actions, metrics")
    command.add_argument("--delete-missing", action="store_true",
                         help="delete the elements missing from the imported sheets")
    command.add_argument("--dry-run", action="store_true", help="only show what would change")
    command.add_argument("--lang", choices=("de", "en"), help="language of messages; default: from LANGUAGE/LC_ALL/LANG")


def _say(text: str) -> None:
    from cxstudio.safetext import escape

    print(escape(text))


def _fail(text: str, language: str) -> int:
    from cxstudio.safetext import bounded

    print(f"cxstudio: {bounded(text, 500, language, keep='middle')}", file=sys.stderr)
    return EXIT_PROBLEM


def _shown(value: object, language: str, limit: int = 80) -> str:
    from cxstudio.safetext import bounded

    return bounded(str(value), limit, language)


# ---------------------------------------------------------------------- export
def export_office(args: argparse.Namespace, output: Path, language: str) -> int:
    """`cxstudio export FILE -o OUT.xlsx|OUT.csv|OUT.pptx`: the project's tables or slides (the file is only read)."""
    from cxstudio import api
    from cxstudio.export.errors import ExportError
    from cxstudio.persistence.errors import ProjectFileError

    suffix = output.suffix.lower()
    german = language == "de"
    if getattr(args, "table", None) and suffix != ".csv":
        return _fail("--table gilt nur für .csv-Ausgaben." if german else "--table is only for .csv output.", language)
    try:
        project = api.open_project(args.file, read_only=True)
    except ProjectFileError as exc:
        return _fail(exc.message(language), language)
    try:
        document = project.document
        if suffix == ".xlsx":
            from cxstudio.export.office.workbook import export_workbook

            rows = export_workbook(document, output)
            _say(f"{output}: " + (f"Arbeitsmappe mit {rows} Zeilen auf 6 Blättern geschrieben." if german
                                  else f"workbook of {rows} rows on 6 sheets written."))
        elif suffix == ".csv":
            from cxstudio.export.office.workbook import export_csv

            rows = export_csv(document, output, args.table or "cards")
            _say(f"{output}: " + (f"Tabelle {args.table or 'cards'} mit {rows} Zeilen geschrieben." if german
                                  else f"table {args.table or 'cards'} of {rows} rows written."))
        else:
            from cxstudio.export.office.slides import export_slides

            slides = export_slides(document, output)
            _say(f"{output}: " + (f"Präsentation mit {slides} Folien geschrieben." if german
                                  else f"presentation of {slides} slides written."))
    except ExportError as exc:
        return _fail(exc.message(language), language)
    finally:
        project.close()
    return EXIT_OK


# ---------------------------------------------------------------------- import
def plan_for(document: Document, tables: list[RawTable], source: str, *, mapping: str | None = None,
             journey: str | None = None, sheet: str | None = None, table: str | None = None,
             language: str = "en") -> ImportPlan:
    """The plan for importing `tables`: CX Studio's own sheets by id, else (or with a mapping) an inventory.

    Raises ValueError with a sentence for a bad mapping, sheet, journey or table name.
    """
    from cxstudio.editing.importing import guess_mapping, own_tables, parse_mapping, plan_import, plan_inventory
    from cxstudio.editing.tables import TABLE_BY_KEY

    if table is not None and table not in TABLE_BY_KEY:
        raise ValueError(f"'{table}' is not a table; use one of {', '.join(TABLE_BY_KEY)}")
    if mapping is None and own_tables(tables, table):
        return plan_import(document, tables, source, table, language)
    chosen = tables[0]
    if sheet is not None:
        found = [t for t in tables if t.sheet == sheet]
        if not found:
            raise ValueError(f"the workbook has no sheet named '{sheet}'")
        chosen = found[0]
    journey_id = None
    if journey is not None:
        matches = [j for j in document.journeys() if journey in (j.id, j.name)]
        if not matches:
            raise ValueError(f"the project has no journey named '{journey}'")
        journey_id = matches[0].id
    columns = parse_mapping(mapping, chosen.header) if mapping is not None else guess_mapping(chosen.header)
    return plan_inventory(document, chosen, columns, source, journey_id, language)


def change_lines(plan: ImportPlan, language: str, limit: int | None = CHANGES_SHOWN) -> list[str]:
    """One line per added and changed element (field by field), at most `limit` lines plus a count of the rest."""
    german = language == "de"
    lines: list[str] = []
    for addition in plan.added:
        name = getattr(addition.entity, "title", None) or getattr(addition.entity, "name", "")
        lines.append(f"+ {addition.sheet} {'Zeile' if german else 'row'} {addition.row}: "
                     f"{_kind_word(addition.entity.KIND, language)} „{_shown(name, language)}“" if german else
                     f"+ {addition.sheet} row {addition.row}: {_kind_word(addition.entity.KIND, language)} "
                     f"'{_shown(name, language)}'")
    for change in plan.changed:
        fields = "; ".join(f"{_shown(f.column, language, 40)}: {_shown(f.old, language, 60)!s} → {_shown(f.new, language, 60)!s}"
                           for f in change.fields)
        lines.append(f"~ {change.sheet} {'Zeile' if german else 'row'} {change.row}: "
                     f"{_kind_word(change.kind, language)} „{_shown(change.name, language)}“: {fields}" if german else
                     f"~ {change.sheet} row {change.row}: {_kind_word(change.kind, language)} "
                     f"'{_shown(change.name, language)}': {fields}")
    if limit is not None and len(lines) > limit:
        rest = len(lines) - limit
        lines = lines[:limit] + [f"  … {rest} weitere" if german else f"  … {rest} more"]
    return lines


def _kind_word(kind: str, language: str) -> str:
    from cxstudio.editing.import_plan import KIND_WORDS

    pair = KIND_WORDS.get(kind, (kind, kind))
    return pair[1 if language == "de" else 0]


def cmd_import(args: argparse.Namespace) -> int:
    """`cxstudio import FILE IN.xlsx|IN.csv`: plan, report, and apply all or nothing, then save."""
    from cxstudio import api
    from cxstudio.editing.importing import apply_import
    from cxstudio.export.office.errors import SpreadsheetError
    from cxstudio.export.office.reading import read_spreadsheet
    from cxstudio.model.errors import ModelError
    from cxstudio.model.messages import language_from_environment
    from cxstudio.persistence.errors import ProjectFileError

    language = language_from_environment(args.lang)
    german = language == "de"
    try:
        tables = read_spreadsheet(args.spreadsheet)
    except SpreadsheetError as exc:
        return _fail(exc.message(language) + (" Es wurde nichts importiert." if german else " Nothing was imported."),
                     language)
    try:
        project = api.open_project(args.file)
    except ProjectFileError as exc:
        return _fail(exc.message(language), language)
    try:
        if project.read_only:
            reason = project.read_only_reason_in(language) or ""
            return _fail((f"{args.file} ist schreibgeschützt ({reason}); es wurde nichts importiert." if german
                          else f"{args.file} is read-only ({reason}); nothing was imported."), language)
        try:
            plan = plan_for(project.document, tables, Path(args.spreadsheet).name, mapping=args.mapping,
                            journey=args.journey, sheet=args.sheet, table=args.table, language=language)
        except ValueError as exc:
            print(f"cxstudio: {_shown(str(exc), language, 400)}.", file=sys.stderr)
            return EXIT_USAGE
        for english, deutsch in plan.notes:
            _say(deutsch if german else english)
        if plan.problems:
            for line in plan.problem_lines(language):
                print(f"cxstudio: {_shown(line, language, 500)}", file=sys.stderr)
            if plan.more_problems:
                print(f"cxstudio: … {plan.more_problems} " + ("weitere Probleme." if german else "more problems."),
                      file=sys.stderr)
            return _fail(plan.summary(language) + (" Es wurde nichts importiert." if german else " Nothing was imported."),
                         language)
        for line in change_lines(plan, language):
            _say(line)
        if plan.missing:
            names = ", ".join(_shown(getattr(e, "title", None) or getattr(e, "name", "") or e.id, language, 40)
                              for e in plan.missing[:MISSING_SHOWN])
            more = f", … (+{len(plan.missing) - MISSING_SHOWN})" if len(plan.missing) > MISSING_SHOWN else ""
            if args.delete_missing:
                _say(f"Gelöscht, weil sie in der Tabelle fehlen: {names}{more}" if german
                      else f"Deleted because they are missing from the sheet: {names}{more}")
            else:
                _say(f"Fehlen in der Tabelle und bleiben erhalten (--delete-missing löscht sie): {names}{more}" if german
                      else f"Missing from the sheet and kept (--delete-missing deletes them): {names}{more}")
        _say(plan.summary(language))
        if args.dry_run:
            _say("Probelauf: nichts gespeichert." if german else "Dry run: nothing saved.")
            return EXIT_OK
        if plan.is_empty and not (args.delete_missing and plan.missing):
            _say("Nichts zu ändern." if german else "Nothing to change.")
            return EXIT_OK
        try:
            project.run(apply_import, plan, args.delete_missing)
            project.save()
        except ModelError as exc:
            return _fail(str(exc), language)
        except ProjectFileError as exc:
            return _fail(exc.message(language), language)
        _say(f"{args.file} " + ("gespeichert." if german else "saved."))
        return EXIT_OK
    finally:
        project.close()
