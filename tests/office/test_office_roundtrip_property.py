"""Round trip: export -> random cell edits through openpyxl -> import -> the document equals the expected edit."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cxstudio import api
from cxstudio.editing.importing import apply_import, plan_import
from cxstudio.editing.tables import ENUM_WORDS
from cxstudio.export.office.reading import read_spreadsheet
from cxstudio.model.entities import Action, Card

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp"), exclude_characters="\x00"),
               min_size=1, max_size=40).filter(lambda t: t.strip() == t and not t.startswith("="))
# card columns (letter, field, values) and action columns
CARD_EDITS = st.one_of(
    st.tuples(st.just("F"), st.just("title"), TEXT.map(lambda t: (t, t))),
    st.tuples(st.just("G"), st.just("text"), TEXT.map(lambda t: (t, t))),
    st.tuples(st.just("H"), st.just("rating"), st.integers(1, 10).map(lambda n: (n, n))),
    st.tuples(st.just("K"), st.just("priority"),
              st.sampled_from(sorted(ENUM_WORDS["priority"].items())).map(lambda kv: (kv[1][1], int(kv[0])))),
    st.tuples(st.just("I"), st.just("moment_of_truth"), st.sampled_from([("ja", True), ("nein", False)])),
)
ACTION_EDITS = st.one_of(
    st.tuples(st.just("E"), st.just("status"),
              st.sampled_from(sorted(ENUM_WORDS["action_status"].items())).map(lambda kv: (kv[1][1], kv[0]))),
    st.tuples(st.just("D"), st.just("owner"), TEXT.map(lambda t: (t, t))),
    st.tuples(st.just("G"), st.just("due"), st.dates().map(lambda d: (d.isoformat(), d.isoformat()))),
)

_PROJECT = api.create("complaint-example", "de", with_working_copy=False)
_FOLDER = Path(tempfile.mkdtemp(prefix="cxstudio-roundtrip-"))
_EXPORT = _FOLDER / "export.xlsx"
from cxstudio.export.office.workbook import export_workbook  # noqa: E402

export_workbook(_PROJECT.document, _EXPORT)
_CARD_ROWS = _PROJECT.document.count(Card)
_ACTION_ROWS = _PROJECT.document.count(Action)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card_edits=st.lists(st.tuples(st.integers(2, _CARD_ROWS + 1), CARD_EDITS), max_size=6),
       action_edits=st.lists(st.tuples(st.integers(2, _ACTION_ROWS + 1), ACTION_EDITS), max_size=4))
def test_export_edit_import_gives_exactly_the_edit(card_edits, action_edits) -> None:  # type: ignore[no-untyped-def]
    document = _PROJECT.document
    before = document.snapshot()
    path = _FOLDER / "edited.xlsx"
    shutil.copy(_EXPORT, path)
    workbook = load_workbook(path)
    expected = dict(before)
    for sheet, edits in (("Karten", card_edits), ("Maßnahmen", action_edits)):
        for row, (letter, field, (cell, value)) in edits:
            workbook[sheet][f"{letter}{row}"] = cell
            entity_id = workbook[sheet][f"A{row}"].value
            expected[entity_id] = expected[entity_id].replace(**{field: value})
    workbook.save(path)
    plan = plan_import(document, read_spreadsheet(path), path.name)
    assert plan.ok, plan.problem_lines()
    assert not plan.added and not plan.missing
    if not plan.is_empty:
        _PROJECT.run(apply_import, plan)
    assert document.snapshot() == expected
    if not plan.is_empty:
        _PROJECT.undo()
    assert document.snapshot() == before
