"""A German sample journey for the layout tests, built through the editing operations on a Session."""

from __future__ import annotations

from dataclasses import dataclass, field

from cxstudio.api import empty_document
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    BlueprintLine,
    CardKind,
    Channel,
    Department,
    LaneKind,
    Persona,
    Touchpoint,
)


@dataclass
class Sample:
    """A German journey with every lane kind, catalogue entries and cards that use them."""

    doc: Document
    session: Session
    journey_id: str
    stages: dict[str, str] = field(default_factory=dict)  # name -> id
    lanes: dict[str, str] = field(default_factory=dict)
    cards: dict[str, str] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    touchpoints: dict[str, str] = field(default_factory=dict)


def build_sample() -> Sample:
    doc = empty_document("Bank Müller", "de")
    session = Session(doc)
    channels = {c.name: c.id for c in doc.all(Channel)}
    persona = ops.add_element(session, Persona(name="Jana Schäfer"))
    vertrieb = ops.add_element(session, Department(name="Vertrieb"))
    service = ops.add_element(session, Department(name="Kundenservice"))
    filiale = ops.add_element(
        session, Touchpoint(name="Beratung in der Filiale", channel_id=channels["Filiale"], department_id=vertrieb.id)
    )
    hotline = ops.add_element(
        session, Touchpoint(name="Hotline", channel_id=channels["Callcenter"], department_id=service.id)
    )
    journey = ops.add_journey(
        session,
        "Girokonto eröffnen",
        ["Aufmerksamkeit", "Überlegung", "Kauf", "Nutzung"],
        [
            ops.LaneSpec("Schritte"),
            ops.LaneSpec("Touchpoints"),
            ops.LaneSpec("Emotionskurve", LaneKind.EMOTION_CURVE.value),
            ops.LaneSpec("Kundenaktionen", LaneKind.CUSTOMER_ACTIONS.value, BlueprintLine.INTERACTION.value),
            ops.LaneSpec("Frontstage", LaneKind.FRONTSTAGE.value, BlueprintLine.VISIBILITY.value),
            ops.LaneSpec("Backstage", LaneKind.BACKSTAGE.value, BlueprintLine.INTERNAL_INTERACTION.value),
            ops.LaneSpec("Unterstützungsprozesse", LaneKind.SUPPORT_PROCESSES.value),
        ],
        persona_id=persona.id,
    )
    sample = Sample(doc, session, journey.id)
    sample.stages = {s.name: s.id for s in doc.stages(journey.id)}
    sample.lanes = {ln.name: ln.id for ln in doc.lanes(journey.id)}
    sample.channels = channels
    sample.departments = {"Vertrieb": vertrieb.id, "Kundenservice": service.id}
    sample.touchpoints = {"Filiale": filiale.id, "Hotline": hotline.id}
    st, ln = sample.stages, sample.lanes

    def card(name: str, stage: str, lane: str, **fields: object) -> None:
        sample.cards[name] = ops.add_card(session, st[stage], ln[lane], **fields).id  # type: ignore[arg-type]

    card("werbung", "Aufmerksamkeit", "Touchpoints", title="Plakat an der Haltestelle", kind=CardKind.TOUCHPOINT.value,
         channel_id=channels["Werbung"], rating=6)
    card("suche", "Aufmerksamkeit", "Schritte", title="Sucht online nach Gebühren für ein Girokonto", rating=5,
         text="Vergleicht drei Banken; die Gebührenübersicht ist schwer zu finden.")
    card("vergleich", "Überlegung", "Schritte", title="Vergleichsportal", rating=4, pain_point=True)
    card("termin", "Überlegung", "Touchpoints", title="", touchpoint_id=filiale.id, kind=CardKind.TOUCHPOINT.value,
         rating=8, moment_of_truth=True)
    card("anruf", "Überlegung", "Touchpoints", title="Ruft die Hotline an", touchpoint_id=hotline.id, rating=3,
         pain_point=True, text="Wartet 25 Minuten in der Warteschleife. Ärgerlich!")
    card("app", "Kauf", "Touchpoints", title="Eröffnet das Konto in der App", channel_id=channels["Mobile App"],
         department_id=vertrieb.id, rating=9)
    card("ident", "Kauf", "Kundenaktionen", title="Video-Ident", kind=CardKind.STEP.value, rating=2, pain_point=True)
    card("berater", "Kauf", "Frontstage", title="Berater erklärt die Konditionen", kind=CardKind.PROCESS.value)
    card("pruefung", "Kauf", "Backstage", title="Bonitätsprüfung (SCHUFA)", kind=CardKind.PROCESS.value)
    card("kernbank", "Kauf", "Unterstützungsprozesse", title="Kernbanksystem legt Konto an", kind=CardKind.PROCESS.value)
    card("karte", "Nutzung", "Touchpoints", title="Karte kommt per Post", kind=CardKind.TOUCHPOINT.value,
         channel_id=channels["Brief"], rating=7)
    card("gedanke", "Nutzung", "Schritte", title="„Endlich geschafft“", kind=CardKind.THOUGHT.value, rating=9,
         colour="#1e3a8a")
    card("kurve", "Nutzung", "Emotionskurve", title="Notiz in der Kurvenbahn", kind=CardKind.NOTE.value)
    cd = sample.cards
    ops.link(session, cd["suche"], cd["vergleich"], "leads_to", "führt zu")
    ops.link(session, cd["anruf"], cd["pruefung"], "depends_on")
    ops.link(session, cd["app"], cd["ident"], "leads_to")
    ops.link(session, cd["ident"], cd["kernbank"], "depends_on")  # same stage, lanes apart: routed via gutter
    ops.link(session, cd["karte"], cd["werbung"], "relates_to")  # backwards
    ops.link(session, cd["termin"], cd["anruf"], "relates_to")  # same cell, adjacent
    ops.link(session, cd["termin"], filiale.id, "relates_to")  # to a catalogue touchpoint: never drawn
    return sample
