"""Test documents for the exporters: a German complaint journey with every kind of content, built through operations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cxstudio.api import OpenProject, create
from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.export.report import ReportResult
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    Action,
    Channel,
    Comment,
    Department,
    Insight,
    Metric,
    Persona,
    Touchpoint,
)

INTERNAL_NOTE = "GEHEIMNOTIZ-4711 nur intern"
INTERNAL_COMMENT = "INTERNER-KOMMENTAR-0815 bitte nicht zeigen"
SHARED_COMMENT = "Geteilter Kommentar für den Kunden"
JOURNEY_NAME = "Reklamation einer verspäteten Lieferung"
PROJECT_NAME = "Kundenerlebnis Müller Küchen GmbH"

STAGES = ("Aufmerksamkeit", "Bestellung", "Lieferung", "Beschwerde", "Lösung")


@dataclass
class Sample:
    project: OpenProject
    journey_id: str
    card_titles: list[str]

    @property
    def doc(self) -> Document:
        return self.project.document


def build_sample(card_repeat: int = 1) -> Sample:
    """The German sample: 5 stages, step/touchpoint/pain/backstage lanes, an emotion curve, relations and all the rest."""
    project = create(language="de", name=PROJECT_NAME)
    doc = project.document
    channels = {c.name: c.id for c in doc.all(Channel)}
    service = project.run(ops.add_element, Department(name="Kundenservice", contact_person="Jörg Weiß"))
    logistics = project.run(ops.add_element, Department(name="Logistik", contact_person="Änne Bäcker"))
    persona = project.run(
        ops.add_element,
        Persona(
            name="Jürgen Groß", role="Stammkunde", quote="Ich möchte einfach wissen, wann meine Küche kommt.",
            age=47, occupation="Schreinermeister", location="Köln", goals="Küche pünktlich aufbauen",
            needs="Verlässliche Termine", frustrations="Warteschleifen", behaviour="Bestellt online, ruft bei Problemen an",
            online_affinity=3, preferred_channel_ids=(channels["Website"], channels["Callcenter"]),
        ),
    )
    journey = project.run(
        ops.add_journey, JOURNEY_NAME, STAGES,
        (
            LaneSpec("Schritte", "customer_actions", "interaction"),
            LaneSpec("Touchpoints", "frontstage", "visibility"),
            LaneSpec("Emotionen", "emotion_curve"),
            LaneSpec("Pain Points"),
            LaneSpec("Backstage-Prozesse", "backstage", "internal_interaction"),
            LaneSpec("Unterstützung", "support_processes"),
        ),
        persona_id=persona.id, scenario="Die Küche kommt drei Wochen zu spät.", expectations="Lieferung zum Termin",
    )
    stages = doc.stages(journey.id)
    lanes = doc.lanes(journey.id)
    catalogue = project.run(
        ops.add_element,
        Touchpoint(name="Bestellbestätigung per E-Mail", channel_id=channels["E-Mail"], department_id=service.id),
    )
    titles: list[str] = []
    ratings = (8, 7, 4, 2, 6)
    created: list[str] = []
    for repeat in range(card_repeat):
        suffix = f" #{repeat + 1}" if card_repeat > 1 else ""
        for index, stage in enumerate(stages):
            step = project.run(
                ops.add_card, stage.id, lanes[0].id, f"Kunde prüft Übersicht {index + 1}{suffix}",
                text="Schaut nach dem Liefertermin und ärgert sich über fehlende Auskünfte zur Verzögerung.",
                rating=ratings[index], internal_note=INTERNAL_NOTE,
            )
            touch = project.run(
                ops.add_card, stage.id, lanes[1].id, f"Anruf im Callcenter Größe {index + 1}{suffix}",
                kind="touchpoint", channel_id=channels["Callcenter"], department_id=service.id,
                rating=ratings[index], moment_of_truth=index == 3, pain_point=index == 2, priority=3 if index == 3 else 1,
                touchpoint_id=catalogue.id if index == 0 else None, colour="#ffe08a" if index == 1 else "",
            )
            pain = project.run(
                ops.add_card, stage.id, lanes[3].id, f"Ärger über Wartezeit {index + 1}{suffix}",
                kind="pain_point", pain_point=True, priority=2, rating=max(1, ratings[index] - 2),
            )
            back = project.run(
                ops.add_card, stage.id, lanes[4].id, f"Spedition übermittelt Status {index + 1}{suffix}",
                kind="process", department_id=logistics.id,
            )
            support = project.run(
                ops.add_card, stage.id, lanes[5].id, f"ERP-Schnittstelle {index + 1}{suffix}", kind="process",
            )
            titles += [step.title, touch.title, pain.title, back.title, support.title]
            created += [step.id, touch.id, pain.id, back.id, support.id]
            project.run(ops.link, touch.id, back.id, "depends_on", "hängt ab von")
    project.run(ops.link, created[0], created[5], "leads_to", "führt zu")
    insight = project.run(
        ops.add_element,
        Insight(title="Statusmeldungen fehlen", text="Kunden erfahren Verzögerungen zu spät.",
                evidence="12 Beschwerden im März", card_ids=(created[1],)),
    )
    metric = project.run(
        ops.add_element,
        Metric(name="NPS Lieferung", kind="nps", scope="journey", scope_id=journey.id, current=12, target=35,
               best_in_class=52, source="Umfrage", date="2026-10-01"),
    )
    project.run(
        ops.add_element,
        Metric(name="Zufriedenheit (CSAT)", kind="csat", current=3.4, target=4.2, best_in_class=4.6, unit="Punkte"),
    )
    project.run(
        ops.add_element,
        Action(title="Proaktive Lieferstatus-SMS", owner="Änne Bäcker", status="in_progress", priority=3,
               due="2027-03-31", insight_ids=(insight.id,), metric_id=metric.id, target_value=35,
               external_ref="PRJ-42"),
    )
    project.run(ops.add_element, Comment(target_id=created[1], author="Lea", text=INTERNAL_COMMENT, internal=True))
    project.run(ops.add_element, Comment(target_id=created[1], author="Lea", text=SHARED_COMMENT, internal=False))
    return Sample(project, journey.id, titles)


@dataclass
class GermanReport:
    """The German worked example's client report, written once per test session (several test files read it)."""

    doc: Document
    path: Path
    result: ReportResult
    pages: list[str]  # each page's text, lines joined with spaces


def build_german_report(folder: Path) -> GermanReport:
    import pdfplumber

    from cxstudio.content.templates import build_document
    from cxstudio.export.options import ExportOptions
    from cxstudio.export.report import export_report

    doc = build_document("complaint-example", "de")
    out = folder / "bericht.pdf"
    result = export_report(doc, out, ExportOptions(date=dt.date(2026, 11, 23)))
    with pdfplumber.open(out) as pdf:
        pages = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    return GermanReport(doc, out, result, pages)
