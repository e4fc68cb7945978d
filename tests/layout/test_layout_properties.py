"""Property test: random journeys in every view never overlap, never clip, and hit-test back to themselves."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from test_layout_journey import assert_sound

from cxstudio.api import empty_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.layout import LayoutSettings, ViewKind, default_measurer, layout_journey
from cxstudio.model.entities import BlueprintLine, CardKind, Channel, Department, LaneKind, Touchpoint

WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ€WM", min_size=1, max_size=40)
TEXT = st.lists(WORDS, max_size=30).map(" ".join) | st.text(alphabet="aäW \n€", max_size=120)

card_strategy = st.fixed_dictionaries(
    {
        "stage": st.integers(0, 5),
        "lane": st.integers(0, 5),
        "title": TEXT,
        "text": TEXT,
        "kind": st.sampled_from([k.value for k in CardKind]),
        "rating": st.none() | st.integers(1, 10),
        "moment_of_truth": st.booleans(),
        "pain_point": st.booleans(),
        "priority": st.integers(0, 3),
        "channel": st.none() | st.integers(0, 9),
        "department": st.none() | st.integers(0, 2),
        "touchpoint": st.none() | st.integers(0, 2),
    }
)


@given(
    stage_names=st.lists(TEXT, min_size=0, max_size=5),
    lane_kinds=st.lists(st.sampled_from([k.value for k in LaneKind]), min_size=0, max_size=6),
    lines=st.lists(st.none() | st.sampled_from([b.value for b in BlueprintLine]), min_size=6, max_size=6),
    cards=st.lists(card_strategy, max_size=25),
    relations=st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24), st.text(alphabet="ab ü", max_size=30)),
                       max_size=8),
    cell_columns=st.integers(1, 3),
)
def test_random_journeys_lay_out_soundly(
    stage_names: list[str], lane_kinds: list[str], lines: list[str | None], cards: list[dict], relations: list,
    cell_columns: int,
) -> None:
    doc = empty_document("Zufall", "de")
    session = Session(doc)
    channels = [c.id for c in doc.all(Channel)]
    departments = [ops.add_element(session, Department(name=f"Abteilung {i}")).id for i in range(3)]
    touchpoints = [
        ops.add_element(session, Touchpoint(name=f"Katalog {i}", channel_id=channels[i], department_id=departments[i])).id
        for i in range(3)
    ]
    journey = ops.add_journey(
        session, "Reise", [name or "Phase" for name in stage_names],
        [ops.LaneSpec(f"Bahn {kind}", kind, lines[i]) for i, kind in enumerate(lane_kinds)],
    )
    stages, lanes = doc.stages(journey.id), doc.lanes(journey.id)
    made = []
    if stages and lanes:
        for spec in cards:
            made.append(ops.add_card(
                session, stages[spec["stage"] % len(stages)].id, lanes[spec["lane"] % len(lanes)].id,
                spec["title"], spec["kind"], text=spec["text"], rating=spec["rating"],
                moment_of_truth=spec["moment_of_truth"], pain_point=spec["pain_point"], priority=spec["priority"],
                channel_id=None if spec["channel"] is None else channels[spec["channel"]],
                department_id=None if spec["department"] is None else departments[spec["department"]],
                touchpoint_id=None if spec["touchpoint"] is None else touchpoints[spec["touchpoint"]],
            ).id)
        for source, target, label in relations:
            if made and made[source % len(made)] != made[target % len(made)]:
                ops.link(session, made[source % len(made)], made[target % len(made)], "relates_to", label)
    for view in ViewKind:
        layout = layout_journey(doc, journey.id, view, LayoutSettings(cell_columns=cell_columns))
        assert_sound(layout)
        for card_id, box in layout.cards.items():
            assert layout.card_at(*box.rect.center) == card_id
            for line in box.title_lines + box.text_lines + tuple(ln for b in box.badges for ln in b.lines):
                assert line.width <= box.rect.width - 2 * layout.settings.card_padding + 1e-6
                assert line.width == default_measurer().width(line.text, line.size, line.bold)
        for route in layout.relations:
            assert layout.cards[route.source_id].rect.on_border(*route.points[0])
            assert layout.cards[route.target_id].rect.on_border(*route.points[-1])
        for curve in layout.curves:
            assert all(curve.rect.contains(p.x, p.y) for p in curve.points)
        shown = {c for c in made if view is ViewKind.MAP}
        assert shown <= set(layout.cards)
