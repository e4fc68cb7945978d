"""Sample documents for the persistence tests: one using every field of every entity, and random edit histories."""

from __future__ import annotations

import os
import random
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from cxstudio.api import empty_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    ENTITY_TYPES,
    MISSING,
    Action,
    Card,
    CardKind,
    Channel,
    Comment,
    Department,
    Insight,
    Journey,
    Lane,
    LaneKind,
    Metric,
    Persona,
    Relation,
    RelationKind,
    Stage,
    Touchpoint,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def rich_document() -> Document:
    """A document in which every field of every entity kind holds a non-default value somewhere."""
    document = empty_document("Kundenreise Größe äöü €", "de")
    session = Session(document)
    doc = document
    with session.transaction("Fill"):
        doc.update(doc.project.id, client="Max Mustermann AG", description="Beschreibung\nmit Zeilen",
                   created="2026-01-02T03:04:05+01:00")
        channel = doc.add(Channel(name="Kiosk", kind="hybrid", icon="kiosk", order=11))
        department = doc.add(Department(name="Service", contact_person="Erika Muster", email="erika@example.com",
                                         order=1))
        persona = doc.add(Persona(
            name="Paula", role="Neukundin", quote="„Schnell bitte!“", age=34, occupation="Ärztin", location="Köln",
            goals="Ziele", needs="Bedürfnisse", frustrations="Warten", behaviour="vergleicht", online_affinity=4,
            preferred_channel_ids=(channel.id,), picture=PNG_BYTES, order=2,
        ))
        touchpoint = doc.add(Touchpoint(name="Hotline", description="Rückruf", channel_id=channel.id,
                                        department_id=department.id, order=3))
        journey = doc.add(Journey(name="Reklamation", persona_id=persona.id, scenario="Rechnung falsch",
                                  expectations="Antwort in 2 Tagen", state="to_be", order=4))
        stage = doc.add(Stage(journey_id=journey.id, name="Kontakt", description="Erster Kontakt", order=0))
        stage2 = doc.add(Stage(journey_id=journey.id, name="Lösung", order=1))
        lane = doc.add(Lane(journey_id=journey.id, name="Backstage", kind=LaneKind.BACKSTAGE.value, order=1,
                            line_below="visibility"))
        card = doc.add(Card(
            journey_id=journey.id, stage_id=stage.id, lane_id=lane.id, order=0, kind=CardKind.PAIN_POINT.value,
            title="Warteschleife 20 min", text="Text\tmit Tab", touchpoint_id=touchpoint.id, channel_id=channel.id,
            department_id=department.id, rating=2, expectation="< 5 min", moment_of_truth=True, pain_point=True,
            priority=3, colour="#ff8800", tags=("wartezeit", "hotline"), internal_note="nur intern",
        ))
        card2 = doc.add(Card(journey_id=journey.id, stage_id=stage2.id, lane_id=lane.id, title="Rückruf", order=1))
        relation = doc.add(Relation(source_id=card.id, target_id=card2.id, kind=RelationKind.CAUSES.value,
                                    label="führt zu"))
        metric = doc.add(Metric(name="NPS", kind="nps", unit="Punkte", scope="touchpoint", scope_id=touchpoint.id,
                                current=-12.5, target=20.0, best_in_class=45.25, source="Umfrage",
                                date="2026-03-01"))
        insight = doc.add(Insight(title="Hotline überlastet", text="Zu wenig Personal", evidence="Umfrage Q1",
                                  card_ids=(card.id,)))
        doc.add(Action(
            title="Rückrufservice", description="Einführen", owner="Erika", status="in_progress", priority=2,
            due="2026-06-30", insight_ids=(insight.id,), card_ids=(card.id, card2.id),
            touchpoint_ids=(touchpoint.id,), metric_id=metric.id, target_value=15.0, external_ref="JIRA-42",
        ))
        question = doc.add(Comment(target_id=relation.id, author="Max", text="Stimmt das?", created="2026-02-03T10:00",
                                   resolved=True, internal=False, resolved_by="Erika", resolved_at="2026-02-04T09:30"))
        doc.add(Comment(target_id=relation.id, reply_to=question.id, author="Erika", text="Ja, geprüft.",
                        created="2026-02-03T11:00", internal=False))
    session.detach()
    return document


def uncovered_fields(document: Document) -> list[str]:
    """Fields (kind.field) that hold their default value in every entity of the document."""
    missing = []
    for entity_type in ENTITY_TYPES:
        instances = [e for e in document.entities() if type(e) is entity_type]
        for f in entity_type.FIELDS:
            if f.name == "id":
                continue
            default = None if f.default is MISSING else f.default
            if not any(getattr(e, f.name) != default for e in instances):
                missing.append(f"{entity_type.KIND}.{f.name}")
    return missing


# ---------------------------------------------------------------------- random edit histories
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"), max_size=30)


def _seeded_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def apply_random_edits(session: Session, rng: random.Random, count: int, texts: list[str]) -> None:
    """`count` random editing operations (each may be refused by the model, which then changes nothing)."""
    doc = session.document
    for step in range(count):
        text = texts[step % len(texts)] if texts else f"Text {step}"
        choice = rng.randrange(12)
        journeys = doc.journeys()
        try:
            if choice == 0 or not journeys:
                ops.add_journey(session, text.strip() or "Reise", stages=["A", "B"],
                                lanes=[ops.LaneSpec("Schritte"), ops.LaneSpec("Kurve", LaneKind.EMOTION_CURVE.value)])
                continue
            journey = rng.choice(journeys)
            stages, lanes = doc.stages(journey.id), doc.lanes(journey.id)
            cards = [c for j in journeys for c in doc.cards(j.id)]
            cards.sort(key=lambda c: c.id)
            if choice == 1 or not stages:
                ops.add_stage(session, journey.id, text.strip() or "Phase", index=rng.randrange(3))
            elif choice == 2 or not lanes:
                ops.add_lane(session, journey.id, text.strip() or "Bahn", index=rng.randrange(3),
                             line_below=rng.choice([None, "interaction"]))
            elif choice in (3, 4) or not cards:
                fields_: dict[str, Any] = {"text": text, "rating": rng.choice([None, 1, 10]),
                                           "tags": tuple(dict.fromkeys(text.split()))[:3],
                                           "moment_of_truth": rng.random() < 0.5, "colour": "#00aa11"}
                ops.add_card(session, rng.choice(stages).id, rng.choice(lanes).id, title=text[:20], **fields_)
            elif choice == 5:
                card = rng.choice(cards)
                ops.move_cards(session, [card.id], rng.choice(doc.stages(card.journey_id)).id,
                               rng.choice(doc.lanes(card.journey_id)).id, rng.randrange(3))
            elif choice == 6:
                ops.edit_card(session, rng.choice(cards).id, title=text, internal_note=text[::-1],
                              priority=rng.randrange(4))
            elif choice == 7:
                source, target = rng.choice(cards), rng.choice(cards)
                ops.link(session, source.id, target.id, rng.choice([k.value for k in RelationKind]), label=text)
            elif choice == 8:
                victims = [rng.choice(cards).id] + ([rng.choice(stages).id] if rng.random() < 0.2 else [])
                ops.delete_elements(session, victims)
            elif choice == 9:
                ops.add_element(session, Persona(id=_seeded_id(rng), name=text.strip() or "P", age=rng.randrange(90),
                                                 picture=bytes(rng.getrandbits(8) for _ in range(rng.randrange(40)))))
            elif choice == 10:
                insight = ops.add_element(session, Insight(id=_seeded_id(rng), title=text.strip() or "I",
                                                           card_ids=(rng.choice(cards).id,)))
                ops.add_element(session, Action(id=_seeded_id(rng), title="Maßnahme", insight_ids=(insight.id,),
                                                due="2026-01-31"))
            else:
                ops.add_element(session, Metric(id=_seeded_id(rng), name="CSAT", scope="journey",
                                                scope_id=journey.id, current=rng.random() * 10))
        except Exception as exc:  # a refused edit (e.g. a relation cycle) leaves the document unchanged
            from cxstudio.model.errors import ModelError

            if not isinstance(exc, ModelError):
                raise


@st.composite
def edited_documents(draw: st.DrawFn) -> Document:
    """A template or an empty project, then a random history of editing operations with random texts."""
    from cxstudio.content.templates import build_document

    start = draw(st.sampled_from(["empty", "journey-map", "service-blueprint"]))
    language = draw(st.sampled_from(["de", "en"]))
    document = empty_document("Projekt", language) if start == "empty" else build_document(start, language)
    session = Session(document)
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    texts = draw(st.lists(TEXT, min_size=1, max_size=8))
    apply_random_edits(session, rng, draw(st.integers(0, 25)), texts)
    if draw(st.booleans()) and session.can_undo:
        session.undo()
    session.detach()
    return document


def assert_same_documents(left: Document, right: Document) -> None:
    """Equal for every entity and field, with a readable first difference when not."""
    a, b = left.snapshot(), right.snapshot()
    assert a.keys() == b.keys(), f"ids differ: {sorted(a.keys() ^ b.keys())[:5]}"
    for entity_id, entity in a.items():
        other = b[entity_id]
        for name in entity.field_names():
            x, y = getattr(entity, name), getattr(other, name)
            same_type = type(x) is type(y) or {type(x), type(y)} <= {int, float}
            assert x == y and same_type, f"{entity.KIND}.{name}: {x!r} != {y!r}"


def count_by_kind(document: Document) -> dict[str, int]:
    return {t.KIND: document.count(t) for t in ENTITY_TYPES}


@contextmanager
def mounted_tiny_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` (e.g. "384k") mounted on a new folder in `folder`; skips the test where mounting is not allowed."""
    mount_point = folder / "tiny"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)
