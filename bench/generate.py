"""Synthetic but realistic reference projects (S, L, XL of QUALITY.md) for the benchmarks, deterministic per seed."""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from common import peak_rss_mb

from cxstudio.model.defaults import default_channels
from cxstudio.model.document import Document
from cxstudio.model.entities import (
    ACYCLIC_RELATION_KINDS,
    Action,
    ActionStatus,
    BlueprintLine,
    Card,
    CardKind,
    Channel,
    Comment,
    Department,
    Entity,
    Insight,
    Journey,
    JourneyState,
    Lane,
    LaneKind,
    Metric,
    MetricKind,
    MetricScope,
    Persona,
    Project,
    Relation,
    RelationKind,
    Stage,
    Touchpoint,
)


@dataclass(frozen=True, slots=True)
class ProjectSpec:
    """How big a generated project is; stage counts cycle through `stages_per_journey`."""

    name: str
    journeys: int
    cards: int
    relations: int
    touchpoints: int
    personas: int
    actions: int
    stages_per_journey: tuple[int, ...] = (8,)

    @property
    def insights(self) -> int:
        return max(2, self.cards // 25)

    @property
    def comments(self) -> int:
        return max(2, self.cards // 50)


SIZES: dict[str, ProjectSpec] = {
    "S": ProjectSpec("S", journeys=1, cards=100, relations=200, touchpoints=30, personas=2, actions=10),
    "L": ProjectSpec(
        "L", journeys=10, cards=5_000, relations=10_000, touchpoints=300, personas=20, actions=500,
        stages_per_journey=(8, 6, 10, 7, 9),
    ),
    "XL": ProjectSpec(
        "XL", journeys=100, cards=50_000, relations=100_000, touchpoints=3_000, personas=200, actions=5_000,
        stages_per_journey=(8, 6, 10, 7, 9),
    ),
}

# ---------------------------------------------------------------------- German vocabulary
UMLAUTS = frozenset("äöüÄÖÜß")

STAGE_NAMES = (
    "Aufmerksamkeit", "Informationssuche", "Vergleich & Beratung", "Kauf / Abschluss", "Lieferung & Übergabe",
    "Nutzung", "Störung & Beschwerde", "Service & Rückfragen", "Verlängerung", "Loyalität & Weiterempfehlung",
)

# name, kind, blueprint line drawn below, weight (share of the journey's cards)
LANES: tuple[tuple[str, str, str | None, int], ...] = (
    ("Touchpoints", LaneKind.CARDS.value, None, 3),
    ("Gedanken & Gefühle", LaneKind.CARDS.value, None, 2),
    ("Kundenaktionen", LaneKind.CUSTOMER_ACTIONS.value, BlueprintLine.INTERACTION.value, 2),
    ("Frontstage-Aktionen", LaneKind.FRONTSTAGE.value, BlueprintLine.VISIBILITY.value, 2),
    ("Backstage-Aktionen", LaneKind.BACKSTAGE.value, BlueprintLine.INTERNAL_INTERACTION.value, 2),
    ("Unterstützungsprozesse", LaneKind.SUPPORT_PROCESSES.value, None, 1),
)
TOUCHPOINT_LANE, FEELING_LANE, CUSTOMER_LANE, FRONTSTAGE_LANE, BACKSTAGE_LANE, SUPPORT_LANE = range(6)
CUSTOMER_FACING_LANES = (TOUCHPOINT_LANE, FEELING_LANE, CUSTOMER_LANE, FRONTSTAGE_LANE)

JOURNEY_TOPICS = (
    "Beschwerde über Lieferverzögerung", "Schadensmeldung bei der Kfz-Versicherung für Unfälle", "Umzug und Tarifwechsel mit Zählerübergabe",
    "Kündigung und Rückgewinnung", "Eröffnung eines Girokontos", "Reklamation einer Waschmaschine mit Türdefekt",
    "Zählerwechsel beim Stromanbieter", "Möbelbestellung mit Aufbauservice", "Rückerstattung einer Flugbuchung",
    "Kreditantrag für die Baufinanzierung",
)

TOUCHPOINT_PHRASES = (
    "Rückruf anfordern", "Beschwerde über Lieferverzögerung", "Kündigungsbestätigung per E-Mail",
    "Öffnungszeiten der Filiale prüfen", "Rechnungsänderung im Kundenportal", "Störungsmeldung über die App",
    "Zählerstand übermitteln", "Gutschrift für Rücksendung", "Bestellübersicht aufrufen",
    "Lieferstatus über den Chatbot", "Beratungsgespräch in der Filiale", "Mahnung wegen Zahlungsrückstand",
    "Newsletter-Anmeldung bestätigen", "Tarifwechsel über die Hotline", "Vertragsunterlagen zur Übergabe",
    "Terminbestätigung für den Außendienst", "Zufriedenheitsumfrage nach dem Gespräch", "Werbebrief für Neukunden",
    "Produktbewertung im Onlineshop für Möbel", "Rückfrage über Social Media", "Auftragsbestätigung per Brief",
    "Schadenformular im Kundenportal ausfüllen", "Warteschleife der Servicehotline über 0800", "Übergabe an der Haustür",
)
FEELING_PHRASES = (
    "Ärger über lange Wartezeit", "Unsicherheit bei der Vertragsänderung", "Freude über schnelle Lösung",
    "Gefühl, nicht gehört zu werden", "Überraschung über Zusatzkosten", "Zufriedenheit mit der Rückerstattung",
    "Frust über ständige Weiterleitungen", "Erleichterung nach der Rückmeldung", "Zweifel an der Zuverlässigkeit",
    "Vorfreude auf die Lieferung des neuen Sofas für die Wohnung", "„Warum dauert das so lange?“ – genervte Rückfrage",
)
PAIN_PHRASES = (
    "Wartezeit über 20 Minuten", "Unklare Gebühren auf der Rechnung", "Formular lässt sich nicht absenden",
    "Mehrfache Rückfragen zum Schaden", "Keine Rückmeldung nach Beschwerde", "Falsche Lieferadresse übernommen",
    "Zuständigkeit bleibt unklar", "Passwort-Zurücksetzen schlägt fehl",
)
OPPORTUNITY_PHRASES = (
    "Proaktive Benachrichtigung über Verzögerung", "Rückruf-Terminbuchung online", "Selbstständige Änderung im Portal",
    "Persönlicher Ansprechpartner für Beschwerden", "Statusverfolgung in Echtzeit für Kundinnen",
)
STEP_PHRASES = (
    "Produkt auswählen und prüfen", "Antragsformular ausfüllen", "Lieferung an der Haustür entgegennehmen",
    "Rücksendung vorbereiten", "Zahlungsart wählen", "Kundenkonto eröffnen", "Angebote vergleichen und prüfen",
    "Erfahrungsberichte lesen und abwägen", "Unterlagen hochladen und bestätigen", "Hotline anrufen und Problem schildern (Störung)",
)
FRONTSTAGE_PHRASES = (
    "Begrüßung durch Servicemitarbeiter", "Rückfrage am Telefon", "Beratung zur Tarifänderung",
    "Bestätigung der Bestellung", "Übergabe der Ware", "Erklärung der Gebührenstruktur",
    "Entschuldigung und Lösungsvorschlag", "Schadensaufnahme vor Ort durch Gutachter (Außentermin)",
)
BACKSTAGE_PHRASES = (
    "Prüfung der Bonität", "Schadensregulierung durchführen", "Prüfung und Freigabe durch Teamleitung",
    "Rückstellung buchen", "Auftragsprüfung im ERP", "Tourenplanung für die Zustellung",
    "Beschwerdefall an Fachabteilung übergeben", "Gutschrift erstellen und prüfen",
)
SUPPORT_PHRASES = (
    "Stammdatenpflege im CRM prüfen", "Wartung des Ticketsystems für Störfälle", "Schulung für Servicekräfte",
    "Lagerverwaltung und Bestandsführung", "Abrechnungslauf über Nacht", "Datenabgleich über Schnittstelle",
    "Qualitätsprüfung der Gesprächsnotizen",
)
EVIDENCE_PHRASES = ("Bestätigungsschreiben mit Übersicht", "Quittung für Rücksendung", "Lieferschein mit Unterschrift für Empfänger")
NOTE_PHRASES = ("Offene Frage: Zuständigkeit klären", "Hinweis für Workshop: Daten prüfen")

CARD_TEXTS = (
    "Die Kundin möchte schnell wissen, wann ihre Bestellung ankommt, und erwartet eine verlässliche Auskunft.",
    "Der Kunde hat bereits zweimal angerufen und schildert sein Anliegen jedes Mal von vorn.",
    "Laut Umfrage ist dieser Schritt für 62 % der Befragten entscheidend für die Weiterempfehlung.",
    "Die Mitarbeitenden müssen dafür drei Systeme öffnen; Übertragungsfehler sind häufig.",
    "Im Interview: „Ich fühlte mich gut aufgehoben, die Lösung kam sofort.“",
    "",
)
EXPECTATIONS = (
    "Antwort innerhalb von 24 Stunden", "Ein Ansprechpartner für alles", "Transparente Kosten vorab",
    "Rückruf zum vereinbarten Termin", "Lieferung am zugesagten Tag", "",
)
TAGS = ("Digitalisierung", "Quick Win", "Kundenbindung", "Prozesskosten", "Beschwerde", "Rückgewinnung", "Datenqualität")
COLOURS = ("", "", "", "#ffd54f", "#81c784", "#e57373", "#64b5f6")

DEPARTMENTS = (
    ("Kundenservice", "Jürgen Weiß", "kundenservice"), ("Vertrieb", "Sabine Schäfer", "vertrieb"),
    ("Marketing", "Björn Köhler", "marketing"), ("Logistik", "Özlem Şahin", "logistik"),
    ("Buchhaltung", "Günter Lübke", "buchhaltung"), ("Qualitätsmanagement", "Käthe Brückner", "qualitaet"),
    ("Beschwerdemanagement", "Jörg Hübner", "beschwerden"), ("IT-Betrieb", "Mia Schröder", "it"),
    ("Außendienst", "Tobias Fuß", "aussendienst"), ("Produktentwicklung", "Lena Gößl", "produkt"),
    ("Schadenabteilung", "Ömer Yıldız", "schaden"), ("Rechtsabteilung", "Dr. Ursula Mähler", "recht"),
)
FIRST_NAMES = ("Jürgen", "Sabine", "Özlem", "Björn", "Anna", "Käthe", "Jörg", "Lea", "Mürvet", "Tim", "Sören", "Zoë")
LAST_NAMES = ("Müller", "Schäfer", "Köhler", "Bäcker", "Brückner", "Hübner", "Krüger", "Schröder", "Weiß", "Jäger")
ROLES = ("Preisbewusste Familienmutter", "Technikaffiner Student", "Vielbeschäftigte Führungskraft",
         "Rentner mit wenig Online-Erfahrung", "Selbstständige Handwerkerin", "Junges Paar beim ersten Umzug")
OCCUPATIONS = ("Bürokauffrau", "Student der Informatik", "Abteilungsleiter", "Rentner", "Tischlermeisterin", "Ärztin")
CITIES = ("München", "Köln", "Düsseldorf", "Lübeck", "Nürnberg", "Göttingen", "Würzburg", "Saarbrücken", "Osnabrück")
OWNERS = ("Jürgen Weiß", "Sabine Schäfer", "Käthe Brückner", "Jörg Hübner", "Mia Schröder", "Tobias Fuß")
INSIGHT_PHRASES = (
    "Beschwerden häufen sich nach verspäteter Zustellung", "Rückrufe werden nicht zuverlässig eingehalten",
    "Gebühren überraschen Kundinnen erst auf der Rechnung", "Übergaben zwischen Abteilungen kosten Zeit",
    "Digitale Selbstbedienung wird gut angenommen, wenn sie zuverlässig funktioniert",
)
ACTION_PHRASES = (
    "Rückrufgarantie einführen", "Gebührenübersicht vor Vertragsabschluss", "Ticketsystem für Beschwerden zusammenführen",
    "Schulung „Deeskalation am Telefon“ für alle Servicekräfte", "Proaktive SMS bei Lieferverzögerung",
    "Zuständigkeitsmatrix für Schadensfälle veröffentlichen",
)
COMMENT_PHRASES = (
    "Bitte mit den Zahlen aus der Kundenbefragung abgleichen.", "Im Workshop am Dienstag besprechen – wer übernimmt?",
    "Für die Kundenpräsentation bitte freundlicher formulieren.", "Erledigt, siehe Protokoll vom Mittwoch.",
)


def _check_vocabulary() -> None:
    """Every phrase a card, touchpoint, insight or action title starts with carries an umlaut or ß."""
    for phrases in (
        TOUCHPOINT_PHRASES, FEELING_PHRASES, PAIN_PHRASES, OPPORTUNITY_PHRASES, STEP_PHRASES, FRONTSTAGE_PHRASES,
        BACKSTAGE_PHRASES, SUPPORT_PHRASES, EVIDENCE_PHRASES, NOTE_PHRASES, JOURNEY_TOPICS, INSIGHT_PHRASES,
        ACTION_PHRASES,
    ):
        for phrase in phrases:
            if not UMLAUTS & set(phrase):
                raise AssertionError(f"The phrase {phrase!r} has no umlaut.")


_check_vocabulary()


# ---------------------------------------------------------------------- the generator
class _Builder:
    """Collects the entities of one generated project; every random choice comes from one seeded RNG."""

    def __init__(self, spec: ProjectSpec, seed: int) -> None:
        self.spec = spec
        self.rng = random.Random(f"cxstudio-bench-{spec.name}-{seed}")
        self.entities: list[Entity] = []
        self.channels: list[Channel] = []
        self.departments: list[Department] = []
        self.personas: list[Persona] = []
        self.touchpoints: list[Touchpoint] = []
        self.touchpoint_phrase: dict[str, str] = {}
        self.journeys: list[Journey] = []
        self.stages: dict[str, list[Stage]] = {}
        self.lanes: dict[str, list[Lane]] = {}
        # cards in generation order = (journey, stage, lane, order): the rank that keeps acyclic kinds acyclic
        self.cards: list[Card] = []
        self.card_position: dict[str, tuple[int, int, int]] = {}  # card id -> (journey, stage, lane) indexes
        self.metrics: list[Metric] = []
        self.insights: list[Insight] = []

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def date(self, year: int = 2026) -> str:
        return f"{year}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"

    def add(self, entity: Entity) -> None:
        self.entities.append(entity)

    # .................................................................. catalogue and people
    def build_catalogue(self) -> None:
        spec = self.spec
        self.add(Project(
            id=self.new_id(), name=f"Referenzprojekt {spec.name} – Max Mustermann Service AG",
            client="Max Mustermann Service AG", language="de", created="2026-01-15T09:30:00",
            description="Synthetisches Benchmark-Projekt mit Kundenreisen, Touchpoint-Katalog, Maßnahmen und Kennzahlen.",
        ))
        for channel in default_channels("de"):
            renamed = cast(Channel, channel.replace(id=self.new_id()))
            self.channels.append(renamed)
            self.add(renamed)
        for position, (name, contact, mailbox) in enumerate(DEPARTMENTS):
            department = Department(
                id=self.new_id(), name=name, contact_person=contact, email=f"{mailbox}@mustermann-service.de",
                order=position,
            )
            self.departments.append(department)
            self.add(department)
        for position in range(spec.personas):
            first = FIRST_NAMES[position % len(FIRST_NAMES)]
            last = LAST_NAMES[(position // len(FIRST_NAMES) + position) % len(LAST_NAMES)]
            persona = Persona(
                id=self.new_id(), name=f"{first} {last}", role=ROLES[position % len(ROLES)],
                quote="„Ich will nicht dreimal anrufen müssen, bis sich jemand zuständig fühlt.“",
                age=self.rng.randint(19, 78), occupation=self.rng.choice(OCCUPATIONS), location=self.rng.choice(CITIES),
                goals="Schnelle, verlässliche Lösung ohne Umwege.", needs="Klare Auskunft, feste Ansprechpartner.",
                frustrations="Warteschleifen, wechselnde Zuständigkeiten, überraschende Gebühren.",
                behaviour="Informiert sich online, ruft bei Problemen lieber an.", online_affinity=self.rng.randint(1, 5),
                preferred_channel_ids=tuple(c.id for c in self.rng.sample(self.channels, 3)), order=position,
            )
            self.personas.append(persona)
            self.add(persona)
        for position in range(spec.touchpoints):
            phrase = TOUCHPOINT_PHRASES[position % len(TOUCHPOINT_PHRASES)]
            channel = self.rng.choice(self.channels)
            touchpoint = Touchpoint(
                id=self.new_id(), name=f"{phrase} ({channel.name}) Nr. {position + 1}",
                description=f"Katalogeintrag: {phrase} über den Kanal {channel.name}.",
                channel_id=channel.id, department_id=self.rng.choice(self.departments).id, order=position,
            )
            self.touchpoints.append(touchpoint)
            self.touchpoint_phrase[touchpoint.id] = phrase
            self.add(touchpoint)

    # .................................................................. journeys and cards
    def build_journeys(self) -> None:
        spec = self.spec
        per_journey, remainder = divmod(spec.cards, spec.journeys)
        # a few popular catalogue touchpoints appear in many journeys (shared), the rest in a few
        touchpoint_weights = list(itertools.accumulate(1.0 / (1 + i % 50) for i in range(len(self.touchpoints))))
        for j in range(spec.journeys):
            topic = JOURNEY_TOPICS[j % len(JOURNEY_TOPICS)]
            round_ = j // len(JOURNEY_TOPICS)
            journey = Journey(
                id=self.new_id(), name=topic if round_ == 0 else f"{topic} ({round_ + 1})",
                persona_id=self.personas[j % len(self.personas)].id if self.personas else None,
                scenario=f"{topic}: vom ersten Kontakt bis zur Lösung, aus Sicht der Kundin.",
                expectations="Schnelle Rückmeldung, ein fester Ansprechpartner, keine Überraschungen.",
                state=JourneyState.AS_IS.value if j % 3 else JourneyState.TO_BE.value, order=j,
            )
            self.journeys.append(journey)
            self.add(journey)
            stage_count = spec.stages_per_journey[j % len(spec.stages_per_journey)]
            stages = [
                Stage(id=self.new_id(), journey_id=journey.id, name=STAGE_NAMES[s], order=s,
                      description=f"Phase {s + 1}: {STAGE_NAMES[s]}")
                for s in range(stage_count)
            ]
            lanes = [
                Lane(id=self.new_id(), journey_id=journey.id, name=name, kind=kind, line_below=line, order=position)
                for position, (name, kind, line, _weight) in enumerate(LANES)
            ]
            self.stages[journey.id] = stages
            self.lanes[journey.id] = lanes
            self.entities.extend(stages)
            self.entities.extend(lanes)
            self._fill_journey(j, journey, stages, lanes, per_journey + (1 if j < remainder else 0), touchpoint_weights)

    def _fill_journey(
        self, j: int, journey: Journey, stages: list[Stage], lanes: list[Lane], card_count: int,
        touchpoint_weights: list[float],
    ) -> None:
        rng = self.rng
        cells = [(s, ln) for s in range(len(stages)) for ln in range(len(lanes))]
        stage_weight = [rng.uniform(0.7, 1.3) for _ in stages]
        weights = [stage_weight[s] * LANES[ln][3] for s, ln in cells]
        counts: dict[tuple[int, int], int] = dict.fromkeys(cells, 0)
        for cell in rng.choices(cells, weights=weights, k=card_count):
            counts[cell] += 1
        # the emotion curve: a random walk over the stages, dipping where things go wrong
        curve: list[float] = []
        level = rng.uniform(5.5, 8.0)
        for _ in stages:
            curve.append(level)
            level = min(9.5, max(1.5, level + rng.uniform(-2.5, 2.0)))
        for s, ln in cells:
            for order in range(counts[(s, ln)]):
                self._add_card(j, journey, stages[s], lanes[ln], s, ln, order, curve[s], touchpoint_weights)

    def _add_card(
        self, j: int, journey: Journey, stage: Stage, lane: Lane, s: int, ln: int, order: int, curve_level: float,
        touchpoint_weights: list[float],
    ) -> None:
        rng = self.rng
        number = len(self.cards) + 1
        touchpoint: Touchpoint | None = None
        if ln == TOUCHPOINT_LANE or (ln == FRONTSTAGE_LANE and rng.random() < 0.5):
            kind = CardKind.TOUCHPOINT.value
            if self.touchpoints:
                touchpoint = rng.choices(self.touchpoints, cum_weights=touchpoint_weights)[0]
                phrase = self.touchpoint_phrase[touchpoint.id]
            else:
                phrase = rng.choice(TOUCHPOINT_PHRASES)
        elif ln == FEELING_LANE:
            kind = rng.choices(
                (CardKind.THOUGHT.value, CardKind.FEELING.value, CardKind.PAIN_POINT.value, CardKind.OPPORTUNITY.value),
                weights=(35, 35, 20, 10),
            )[0]
            phrase = rng.choice({
                CardKind.PAIN_POINT.value: PAIN_PHRASES, CardKind.OPPORTUNITY.value: OPPORTUNITY_PHRASES,
            }.get(kind, FEELING_PHRASES))
        elif ln == CUSTOMER_LANE:
            kind = CardKind.EVIDENCE.value if rng.random() < 0.1 else CardKind.STEP.value
            phrase = rng.choice(EVIDENCE_PHRASES if kind == CardKind.EVIDENCE.value else STEP_PHRASES)
        elif ln == FRONTSTAGE_LANE:
            kind = CardKind.STEP.value
            phrase = rng.choice(FRONTSTAGE_PHRASES)
        elif ln == BACKSTAGE_LANE:
            kind = CardKind.PROCESS.value
            phrase = rng.choice(BACKSTAGE_PHRASES)
        else:
            kind = rng.choices(
                (CardKind.PROCESS.value, CardKind.EVIDENCE.value, CardKind.NOTE.value), weights=(80, 10, 10)
            )[0]
            phrase = rng.choice({CardKind.EVIDENCE.value: EVIDENCE_PHRASES, CardKind.NOTE.value: NOTE_PHRASES}
                                .get(kind, SUPPORT_PHRASES))
        rating: int | None = None
        if ln in CUSTOMER_FACING_LANES and rng.random() < 0.8:
            rating = min(10, max(1, round(curve_level + rng.gauss(0, 1.2))))
        pain_point = kind == CardKind.PAIN_POINT.value or (rating is not None and rating <= 3)
        moment_of_truth = ln in (TOUCHPOINT_LANE, FRONTSTAGE_LANE) and rng.random() < 0.1
        if touchpoint is not None:
            channel_id, department_id = touchpoint.channel_id, touchpoint.department_id
        elif ln in (BACKSTAGE_LANE, SUPPORT_LANE, FRONTSTAGE_LANE):
            channel_id, department_id = None, rng.choice(self.departments).id
        else:
            channel_id, department_id = (rng.choice(self.channels).id if rng.random() < 0.5 else None), None
        card = Card(
            id=self.new_id(), journey_id=journey.id, stage_id=stage.id, lane_id=lane.id, order=order, kind=kind,
            title=f"{phrase} Nr. {number}", text=rng.choice(CARD_TEXTS),
            touchpoint_id=touchpoint.id if touchpoint else None, channel_id=channel_id, department_id=department_id,
            rating=rating, expectation=rng.choice(EXPECTATIONS) if ln in CUSTOMER_FACING_LANES else "",
            moment_of_truth=moment_of_truth, pain_point=pain_point,
            priority=rng.randint(2, 3) if pain_point or moment_of_truth else rng.randint(0, 1),
            colour=rng.choice(COLOURS), tags=tuple(sorted(set(rng.sample(TAGS, rng.randint(0, 2))))),
            internal_note="Nicht für den Kunden: Zahlen noch unbestätigt." if rng.random() < 0.05 else "",
        )
        self.card_position[card.id] = (j, s, ln)
        self.cards.append(card)
        self.add(card)

    # .................................................................. relations
    def build_relations(self) -> None:
        """Relations of every kind; acyclic kinds always point from a lower to a higher rank, so they form DAGs."""
        spec = self.spec
        rng = self.rng
        rank: dict[str, int] = {card.id: i for i, card in enumerate(self.cards)}
        for i, touchpoint in enumerate(self.touchpoints):
            rank[touchpoint.id] = len(self.cards) + i
        # card ids per (journey, stage, lane), for picking semantically plausible partners
        by_cell: dict[tuple[int, int, int], list[str]] = {}
        for card in self.cards:
            by_cell.setdefault(self.card_position[card.id], []).append(card.id)
        stage_counts = [len(self.stages[j.id]) for j in self.journeys]
        kinds = (
            RelationKind.LEADS_TO.value, RelationKind.SUPPORTED_BY.value, RelationKind.DEPENDS_ON.value,
            RelationKind.CAUSES.value, RelationKind.RELATES_TO.value,
        )
        kind_weights = (30, 20, 15, 10, 25)
        seen: set[tuple[str, str, str]] = set()
        made = 0
        attempts = 0
        while made < spec.relations:
            attempts += 1
            if attempts > spec.relations * 50:
                raise RuntimeError(f"Could not place {spec.relations} distinct relations in project {spec.name}.")
            kind = rng.choices(kinds, weights=kind_weights)[0]
            pair = self._pick_pair(kind, rng, by_cell, stage_counts)
            if pair is None:
                continue
            source, target = pair
            if source == target:
                continue
            if kind in ACYCLIC_RELATION_KINDS and rank[source] > rank[target]:
                source, target = target, source
            key = (kind, source, target)
            if key in seen:
                continue
            seen.add(key)
            label = {RelationKind.CAUSES.value: "verursacht", RelationKind.DEPENDS_ON.value: "hängt ab von"}.get(kind, "")
            self.add(Relation(id=self.new_id(), source_id=source, target_id=target, kind=kind, label=label))
            made += 1

    def _pick_pair(
        self, kind: str, rng: random.Random, by_cell: dict[tuple[int, int, int], list[str]], stage_counts: list[int]
    ) -> tuple[str, str] | None:
        j = rng.randrange(len(self.journeys))
        s = rng.randrange(stage_counts[j])

        def pick(stage: int, lanes: Sequence[int]) -> str | None:
            ids = by_cell.get((j, stage, rng.choice(lanes)))
            return rng.choice(ids) if ids else None

        if kind == RelationKind.LEADS_TO.value:  # a step of the customer leads to the next stage's step
            nxt = min(s + 1, stage_counts[j] - 1)
            return _both(pick(s, CUSTOMER_FACING_LANES), pick(nxt, CUSTOMER_FACING_LANES))
        if kind == RelationKind.SUPPORTED_BY.value:  # frontstage is supported by backstage in the same stage
            return _both(pick(s, (TOUCHPOINT_LANE, CUSTOMER_LANE, FRONTSTAGE_LANE)), pick(s, (BACKSTAGE_LANE, SUPPORT_LANE)))
        if kind == RelationKind.DEPENDS_ON.value:  # a process depends on a support process or a catalogue touchpoint
            source = pick(s, (BACKSTAGE_LANE, FRONTSTAGE_LANE))
            if rng.random() < 0.3 and self.touchpoints:
                return _both(source, rng.choice(self.touchpoints).id)
            return _both(source, pick(rng.randrange(s, stage_counts[j]), (SUPPORT_LANE,)))
        if kind == RelationKind.CAUSES.value:  # a backstage failure causes a later pain point
            later = rng.randrange(s, stage_counts[j])
            return _both(pick(s, (BACKSTAGE_LANE, SUPPORT_LANE)), pick(later, (FEELING_LANE, TOUCHPOINT_LANE)))
        # relates_to: anything to anything, across journeys and the catalogue too
        source = pick(s, range(len(LANES)))
        if rng.random() < 0.2 and self.touchpoints:
            return _both(source, rng.choice(self.touchpoints).id)
        other = rng.choice(self.cards).id
        return _both(source, other)

    # .................................................................. metrics, insights, actions, comments
    def build_metrics(self) -> None:
        rng = self.rng

        def metric(name: str, kind: str, unit: str, scope: str, scope_id: str | None, low: float, high: float) -> None:
            current = round(rng.uniform(low, high), 1)
            target = round(min(high, current + rng.uniform(0.5, (high - low) / 4)), 1)
            best = round(min(high, target + rng.uniform(0.0, (high - low) / 8)), 1)
            entity = Metric(
                id=self.new_id(), name=name, kind=kind, unit=unit, scope=scope, scope_id=scope_id, current=current,
                target=target, best_in_class=best, source="Kundenbefragung Q2 / Branchenstudie", date=self.date(),
            )
            self.metrics.append(entity)
            self.add(entity)

        metric("Net Promoter Score (gesamt)", MetricKind.NPS.value, "Punkte", MetricScope.PROJECT.value, None, -20, 60)
        for journey in self.journeys:
            metric(f"NPS – {journey.name}", MetricKind.NPS.value, "Punkte", MetricScope.JOURNEY.value, journey.id, -30, 70)
            metric(f"Kundenzufriedenheit – {journey.name}", MetricKind.CSAT.value, "%", MetricScope.JOURNEY.value,
                   journey.id, 40, 95)
            metric(f"Kundenaufwand – {journey.name}", MetricKind.CES.value, "1-7", MetricScope.JOURNEY.value,
                   journey.id, 1, 7)
            for stage in self.stages[journey.id]:
                metric(f"Zufriedenheit in Phase {stage.name}", MetricKind.CSAT.value, "%", MetricScope.STAGE.value,
                       stage.id, 40, 95)
        for touchpoint in self.touchpoints[::3]:
            metric(f"Bewertung – {touchpoint.name}", MetricKind.RATING.value, "1-10", MetricScope.TOUCHPOINT.value,
                   touchpoint.id, 1, 10)

    def build_insights_and_actions(self) -> None:
        rng = self.rng
        pain_by_journey: dict[str, list[str]] = {}
        cards_by_journey: dict[str, list[str]] = {}
        for card in self.cards:
            cards_by_journey.setdefault(card.journey_id, []).append(card.id)
            if card.pain_point:
                pain_by_journey.setdefault(card.journey_id, []).append(card.id)
        for i in range(self.spec.insights):
            journey = self.journeys[i % len(self.journeys)]
            pool = pain_by_journey.get(journey.id) or cards_by_journey[journey.id]
            linked = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
            insight = Insight(
                id=self.new_id(), title=f"{INSIGHT_PHRASES[i % len(INSIGHT_PHRASES)]} ({i + 1})",
                text="Mehrere Interviews und die Auswertung der Beschwerden zeigen dasselbe Muster.",
                evidence=f"{rng.randint(12, 480)} Beschwerden im Quartal, {rng.randint(5, 30)} Interviews",
                card_ids=tuple(linked),
            )
            self.insights.append(insight)
            self.add(insight)
        statuses = [s.value for s in ActionStatus]
        for i in range(self.spec.actions):
            journey = self.journeys[i % len(self.journeys)]
            # actions cover only part of the pain points, so "uncovered pain points" has an answer
            pool = (pain_by_journey.get(journey.id) or cards_by_journey[journey.id])
            pool = pool[: max(1, len(pool) * 2 // 3)]
            metric = rng.choice(self.metrics) if rng.random() < 0.4 else None
            action = Action(
                id=self.new_id(), title=f"{ACTION_PHRASES[i % len(ACTION_PHRASES)]} ({i + 1})",
                description="Ziel: Wiederholungsanrufe senken und die Zufriedenheit in dieser Phase heben.",
                owner=rng.choice(OWNERS), status=rng.choices(statuses, weights=(40, 30, 20, 10))[0],
                priority=rng.randint(0, 3), due=self.date(2027),
                insight_ids=tuple(x.id for x in rng.sample(self.insights, min(len(self.insights), rng.randint(0, 2)))),
                card_ids=tuple(rng.sample(pool, min(len(pool), rng.randint(1, 4)))),
                touchpoint_ids=tuple(t.id for t in rng.sample(self.touchpoints, min(len(self.touchpoints), rng.randint(0, 2)))),
                metric_id=metric.id if metric else None,
                target_value=metric.target if metric else None,
                external_ref=f"CX-{1000 + i}" if rng.random() < 0.5 else "",
            )
            self.add(action)
        targets = self.cards + self.insights
        for i in range(self.spec.comments):
            target = rng.choice(targets)
            self.add(Comment(
                id=self.new_id(), target_id=target.id, author=rng.choice(OWNERS), text=COMMENT_PHRASES[i % len(COMMENT_PHRASES)],
                created=f"{self.date()}T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00",
                resolved=rng.random() < 0.3, internal=rng.random() < 0.7,
            ))


def _both(source: str | None, target: str | None) -> tuple[str, str] | None:
    return (source, target) if source is not None and target is not None else None


def generate_entities(size: str | ProjectSpec, seed: int = 0) -> list[Entity]:
    """The entity values of a reference project, in an order `Document.from_entities` accepts."""
    spec = size if isinstance(size, ProjectSpec) else _spec(size)
    builder = _Builder(spec, seed)
    builder.build_catalogue()
    builder.build_journeys()
    builder.build_relations()
    builder.build_metrics()
    builder.build_insights_and_actions()
    return builder.entities


def generate(size: str | ProjectSpec, seed: int = 0, check: bool = True) -> Document:
    """A reference project (`S`, `L`, `XL` or a custom ProjectSpec) as a Document; same seed, same document."""
    return Document.from_entities(generate_entities(size, seed), check=check)


def _spec(size: str) -> ProjectSpec:
    try:
        return SIZES[size.upper()]
    except KeyError:
        raise ValueError(f"Unknown project size {size!r}; choose one of {', '.join(SIZES)}.") from None


def counts(document: Document) -> dict[str, int]:
    """How many entities of each kind a document holds (for reports and tests)."""
    result: dict[str, int] = {}
    for entity in document.entities():
        result[entity.KIND] = result.get(entity.KIND, 0) + 1
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a reference project and print its counts and build time.")
    parser.add_argument("--size", default="L", choices=sorted(SIZES), help="project size (default: L)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rss_before = peak_rss_mb()
    started = time.perf_counter()
    entities = generate_entities(args.size, args.seed)
    generated = time.perf_counter()
    document = Document.from_entities(entities, check=True)
    built = time.perf_counter()
    del entities
    print(f"Project {args.size} (seed {args.seed}):")
    for kind, number in sorted(counts(document).items()):
        print(f"  {kind:<12} {number:>8,}")
    print(f"  {'total':<12} {len(document):>8,}")
    print(f"  {'generate entity values':<34} {generated - started:8.3f} s")
    print(f"  {'Document.from_entities (checked)':<34} {built - generated:8.3f} s")
    print(f"  {'total build':<34} {built - started:8.3f} s")
    print(f"  {'peak RSS':<34} {peak_rss_mb():8.1f} MB (interpreter and imports alone: {rss_before:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
