"""Benchmark of the office formats: export L to xlsx (and csv, pptx), import a 5,000-row touchpoint inventory."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from common import Probe, Table, at_most, fmt_seconds, measure, measure_interleaved, print_tables, ratio_verdict
from generate import generate

from cxstudio.editing.import_plan import ImportPlan
from cxstudio.editing.importing import apply_import, guess_mapping, plan_inventory
from cxstudio.editing.session import Session
from cxstudio.export.office.reading import read_spreadsheet
from cxstudio.export.office.slides import export_slides
from cxstudio.export.office.workbook import export_csv, export_workbook
from cxstudio.model.document import Document
from cxstudio.model.entities import Channel, Department

EXPORT_BAR = 2.0  # export L to xlsx (QUALITY.md)
IMPORT_BAR = 2.0  # import of a 5,000-row inventory
IMPORT_RATIO_BAR = 1.5  # against openpyxl's bare read of the same file
INVENTORY_ROWS = 5_000


def write_inventory(document: Document, path: Path, rows: int = INVENTORY_ROWS) -> None:
    """A foreign German touchpoint inventory: half the rows name catalogue touchpoints anew, half place cards."""
    from openpyxl import Workbook

    channels = [c.name for c in document.all(Channel)]
    departments = [d.name for d in document.all(Department)]
    journey = document.journeys()[0]
    stages = [s.name for s in document.stages(journey.id)]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Inventar")
    sheet.append(["Touchpoint", "Kanal", "Verantwortlich", "Beschreibung", "Phase", "Bewertung"])
    for number in range(rows):
        sheet.append([f"Kontaktpunkt Nr. {number} – Rückfrage zur Abschlagsänderung", channels[number % len(channels)],
                      departments[number % len(departments)], f"Beschreibung {number}: Kunde fragt nach, Grüße",
                      stages[number % len(stages)] if number % 2 else None, number % 10 + 1])
    workbook.save(path)


def openpyxl_bare_read(path: Path) -> int:
    """The floor: openpyxl's read-only mode reading every value of every sheet."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for sheet in workbook.worksheets for _row in sheet.iter_rows(values_only=True))
    workbook.close()
    return count


def calamine_bare_read(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return sum(len(workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median reported)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="cxstudio-bench-office-"))
    large = generate("L")

    export_table = Table("Export of the L project (10 journeys, 5,000 cards, 300 touchpoints, 500 actions)")
    xlsx = folder / "L.xlsx"
    sample = measure(lambda i: export_workbook(large, xlsx), repeat=args.repeat, warmup=1)
    export_table.add("xlsx: 6 sheets with validation, widths, frozen header (openpyxl write-only), median",
                     fmt_seconds(sample.median), f"<= {fmt_seconds(EXPORT_BAR)}", at_most(sample.median, EXPORT_BAR))
    csv_sample = measure(lambda i: export_csv(large, folder / "cards.csv"), repeat=args.repeat, warmup=1)
    export_table.add("csv of the cards table, median", fmt_seconds(csv_sample.median))
    slides = measure(lambda i: export_slides(large, folder / "L.pptx"), repeat=max(1, args.repeat // 2), warmup=0)
    export_table.add("pptx: title, personas, maps as shapes, pain points, action plan, median",
                     fmt_seconds(slides.median))
    export_table.notes.append(f"xlsx {xlsx.stat().st_size / 1e6:.2f} MB, pptx {(folder / 'L.pptx').stat().st_size / 1e6:.2f} MB.")

    inventory = folder / "inventar.xlsx"
    write_inventory(large, inventory)
    session = Session(large)
    plans: list[ImportPlan] = []

    def import_inventory(_i: int) -> None:
        (table,) = read_spreadsheet(inventory)
        plan = plan_inventory(large, table, guess_mapping(table.header), inventory.name)
        assert plan.ok, plan.problem_lines()[:3]
        apply_import(session, plan)
        plans.append(plan)

    def undo(_i: int) -> None:
        session.undo()

    samples = measure_interleaved({
        "floor": Probe(lambda i: openpyxl_bare_read(inventory)),
        "import": Probe(import_inventory, after=undo),
        "calamine": Probe(lambda i: calamine_bare_read(inventory)),
    }, repeat=args.repeat, warmup=1, rounds=min(args.repeat, 5))
    import_table = Table(f"Import of a {INVENTORY_ROWS:,}-row touchpoint inventory (.xlsx) into L")
    median = samples["import"].median
    import_table.add("import: zip check, sheet scan, read (python-calamine), plan, apply as one step, median",
                     fmt_seconds(median), f"<= {fmt_seconds(IMPORT_BAR)}", at_most(median, IMPORT_BAR))
    import_table.add("floor: openpyxl read-only, every value of the file", fmt_seconds(samples["floor"].median))
    ratio, verdict = ratio_verdict(median, samples["floor"].median, IMPORT_RATIO_BAR)
    import_table.add("import / floor", f"{ratio:.2f}x", f"<= {IMPORT_RATIO_BAR}x", verdict)
    import_table.add("python-calamine's bare read of the same file", fmt_seconds(samples["calamine"].median))
    plan = plans[-1]
    import_table.notes.append(f"each import: {len(plan.added):,} elements added, {len(plan.changed):,} changed; "
                              "undone between runs.")
    return print_tables([export_table, import_table])


if __name__ == "__main__":
    sys.exit(main())
