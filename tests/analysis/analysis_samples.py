"""A small hand-made project for the analysis tests: two journeys, a touchpoint catalogue, metrics, actions, flows."""

from __future__ import annotations

from dataclasses import dataclass, field

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.model.entities import (
    Action,
    ActionStatus,
    Card,
    Channel,
    Department,
    Insight,
    Metric,
    Persona,
    Stage,
    Touchpoint,
)


@dataclass
class Sample:
    project: api.OpenProject
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def document(self):
        return self.project.document

    def card(self, key: str) -> Card:
        return self.document.get(self.ids[key], Card)


def build() -> Sample:
    """Journey A (stages Notice, Contact, Resolve; lanes Steps, Touchpoints, Backstage) and journey B (X, Y).

    Ratings in A: Notice 6 (s1), 7 (t2); Contact 2 (s2), 3 (t1); Resolve 8 (s3). t1 is the Hotline,
    a pain point of priority 3 and a moment of truth that depends on the process p1; t2 (Portal) a pain
    point of priority 1 that action a1 addresses. B holds t3, the Hotline again, rated 9.
    """
    project = api.create(language="en", with_working_copy=False)
    sample = Sample(project)
    ids = sample.ids
    run = project.run
    doc = project.document
    channels = {c.name: c.id for c in doc.all(Channel)}
    ids["web"], ids["phone"] = channels["Website"], channels["Call centre"]
    ids["service"] = run(ops.add_element, Department(name="Service")).id
    ids["billing"] = run(ops.add_element, Department(name="Billing")).id
    ids["persona"] = run(ops.add_element, Persona(name="Petra")).id
    ids["hotline"] = run(ops.add_element, Touchpoint(name="Hotline", channel_id=ids["phone"],
                                                     department_id=ids["service"])).id
    ids["portal"] = run(ops.add_element, Touchpoint(name="Portal", channel_id=ids["web"])).id
    ids["unused"] = run(ops.add_element, Touchpoint(name="Fax")).id
    lanes = [LaneSpec("Steps", "customer_actions"), LaneSpec("Touchpoints", "frontstage"),
             LaneSpec("Backstage", "backstage")]
    a = run(ops.add_journey, "Complaint", ("Notice", "Contact", "Resolve"), lanes, persona_id=ids["persona"])
    b = run(ops.add_journey, "Renewal", ("X", "Y"), lanes)
    ids["A"], ids["B"] = a.id, b.id
    stages = {s.name: s.id for s in doc.all(Stage)}
    ids.update(notice=stages["Notice"], contact=stages["Contact"], resolve=stages["Resolve"], x=stages["X"],
               y=stages["Y"])
    lane_a = {lane.name: lane.id for lane in doc.lanes(a.id)}
    lane_b = {lane.name: lane.id for lane in doc.lanes(b.id)}

    def card(key: str, stage: str, lane: str, title: str, kind: str = "step", journey: str = "A", **fields: object) -> None:
        lane_id = (lane_a if journey == "A" else lane_b)[lane]
        ids[key] = run(ops.add_card, ids[stage], lane_id, title, kind, **fields).id

    card("s1", "notice", "Steps", "Reads the bill", rating=6, channel_id=ids["web"])
    card("s2", "contact", "Steps", "Calls the service", rating=2, channel_id=ids["phone"], tags=("urgent",))
    card("s3", "resolve", "Steps", "Gets an answer", rating=8, channel_id=ids["phone"])
    card("s5", "contact", "Steps", "Gives up")
    card("t1", "contact", "Touchpoints", "Hotline queue", "touchpoint", touchpoint_id=ids["hotline"], rating=3,
         pain_point=True, priority=3, moment_of_truth=True)
    card("t2", "notice", "Touchpoints", "Portal login", "touchpoint", touchpoint_id=ids["portal"], rating=7,
         pain_point=True, priority=1)
    card("p1", "contact", "Backstage", "Ticket system", "process", department_id=ids["service"])
    card("t3", "x", "Touchpoints", "Hotline again", "touchpoint", journey="B", touchpoint_id=ids["hotline"], rating=9,
         moment_of_truth=True, priority=1)
    card("b1", "x", "Steps", "Asks", journey="B")
    card("b2", "y", "Steps", "Asks again", journey="B")
    for source, target, kind in (("s1", "s2", "leads_to"), ("s2", "s3", "leads_to"), ("s2", "s5", "leads_to"),
                                 ("t1", "p1", "depends_on"), ("b1", "b2", "leads_to"), ("b2", "b1", "leads_to")):
        ids[f"{source}>{target}"] = run(ops.link, ids[source], ids[target], kind).id
    ids["rating_contact"] = run(ops.add_element, Metric(name="Rating contact", kind="rating", scope="stage",
                                                        scope_id=ids["contact"], target=6.0, best_in_class=8.0)).id
    ids["csat"] = run(ops.add_element, Metric(name="CSAT", kind="csat", scope="journey", scope_id=a.id, current=50.0,
                                              target=70.0, best_in_class=80.0)).id
    ids["wait"] = run(ops.add_element, Metric(name="Waiting", kind="custom", current=20.0, target=5.0,
                                              best_in_class=2.0)).id
    ids["fast"] = run(ops.add_element, Metric(name="First answer", kind="custom", current=9.0, target=8.0,
                                              best_in_class=9.5)).id
    ids["i1"] = run(ops.add_element, Insight(title="Queue too long", card_ids=(ids["t1"],))).id
    ids["a1"] = run(ops.add_element, Action(title="Fix portal", owner="Eva", due="2020-01-01",
                                            card_ids=(ids["t2"],))).id
    ids["a2"] = run(ops.add_element, Action(title="Something", due="2999-01-01")).id
    ids["a3"] = run(ops.add_element, Action(title="Shorter queue", owner="Jo", status=ActionStatus.DONE.value,
                                            due="2020-01-01", insight_ids=(ids["i1"],))).id
    return sample
