"""The layout of the reference project L's biggest journey equals a stored fingerprint, field by field.

Speed work on the layout (routing, label placement, card boxes) must not change a single
coordinate: the PDF export and the canvas both draw these numbers. The fingerprint is a
SHA-256 of the exact `repr` (floats round-trip) of every field of `JourneyLayout`, per view,
so a failure names the view and the field that changed.

When the layout rules, the bundled font or the bench generator change on purpose, rewrite the
stored fingerprints with `python tests/layout/test_layout_snapshot.py --update` and say why in
the commit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path

import pytest

from cxstudio.layout import DEFAULT_SETTINGS, JourneyLayout, LayoutSettings, ViewKind, layout_journey
from cxstudio.model.document import Document

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import generate  # noqa: E402

SNAPSHOT = Path(__file__).resolve().parent / "snapshots" / "l_biggest_journey.json"

# (name, view, settings): every view, plus cards in three columns per cell (same-column detours, wider gutters)
CASES: list[tuple[str, ViewKind, LayoutSettings]] = [
    ("map", ViewKind.MAP, DEFAULT_SETTINGS),
    ("blueprint", ViewKind.BLUEPRINT, DEFAULT_SETTINGS),
    ("swimlane_channel", ViewKind.SWIMLANE_CHANNEL, DEFAULT_SETTINGS),
    ("swimlane_department", ViewKind.SWIMLANE_DEPARTMENT, DEFAULT_SETTINGS),
    ("map_three_columns", ViewKind.MAP, dataclasses.replace(DEFAULT_SETTINGS, cell_columns=3)),
]


def fingerprint(layout: JourneyLayout) -> dict[str, str]:
    """Field name -> SHA-256 of the field's exact repr (every coordinate, line of text, badge and route point)."""
    return {
        item.name: hashlib.sha256(repr(getattr(layout, item.name)).encode("utf-8")).hexdigest()
        for item in dataclasses.fields(layout)
    }


def biggest_journey(document: Document) -> str:
    return max(document.journeys(), key=lambda j: (len(document.cards(j.id)), j.id)).id


def current_fingerprints(document: Document) -> dict[str, dict[str, str]]:
    journey_id = biggest_journey(document)
    return {name: fingerprint(layout_journey(document, journey_id, view, settings)) for name, view, settings in CASES}


@pytest.fixture(scope="module")
def project_l() -> Document:
    return generate.generate("L", check=False)


def test_the_biggest_journey_of_l_is_laid_out_exactly_as_recorded(project_l: Document) -> None:
    recorded = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    journey_id = biggest_journey(project_l)
    assert len(project_l.cards(journey_id)) == 500  # the journey the canvas bench shows
    current = current_fingerprints(project_l)
    changed = [f"{case}.{name}" for case, fields in recorded.items() for name, digest in fields.items()
               if current.get(case, {}).get(name) != digest]
    assert set(current) == set(recorded)
    assert changed == []


def test_the_fingerprint_sees_a_moved_route_point(project_l: Document) -> None:
    layout = layout_journey(project_l, biggest_journey(project_l))
    before = fingerprint(layout)
    route = layout.relations[0]
    (x, y), *rest = route.points
    nudged = dataclasses.replace(route, points=((x + 1e-9, y), *rest))
    layout.relations[0] = nudged
    after = fingerprint(layout)
    assert [name for name in before if before[name] != after[name]] == ["relations"]


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        raise SystemExit("usage: python tests/layout/test_layout_snapshot.py --update")
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text(json.dumps(current_fingerprints(generate.generate("L", check=False)), indent=1) + "\n",
                        encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
