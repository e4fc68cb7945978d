"""Look-ups from ids to the names the client report prints: channels, owners, stages, journeys, personas."""

from __future__ import annotations

from cxstudio.model.document import Document
from cxstudio.model.entities import Card, Channel, Department, Journey, Persona, Stage, Touchpoint


class Names:
    """Look-ups from ids to display names, built once per report."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.channels = {c.id: c.name for c in doc.all(Channel)}
        self.departments = {d.id: d for d in doc.all(Department)}
        self.touchpoints = {t.id: t for t in doc.all(Touchpoint)}
        self.stages = {s.id: s for s in doc.all(Stage)}
        self.journeys = {j.id: j for j in doc.all(Journey)}
        self.personas = {p.id: p for p in doc.all(Persona)}

    def channel_of(self, card: Card) -> str:
        channel_id = card.channel_id
        if channel_id is None and card.touchpoint_id in self.touchpoints:
            channel_id = self.touchpoints[card.touchpoint_id].channel_id
        return self.channels.get(channel_id or "", "")

    def owner_of(self, card: Card) -> str:
        department_id = card.department_id
        if department_id is None and card.touchpoint_id in self.touchpoints:
            department_id = self.touchpoints[card.touchpoint_id].department_id
        department = self.departments.get(department_id or "")
        if department is None:
            return ""
        return f"{department.name} ({department.contact_person})" if department.contact_person else department.name

    def label_of(self, entity_id: str) -> str:
        entity = self.doc.find(entity_id)
        return entity.label if entity is not None else ""
