"""Fixtures of the canvas tests: a small German project, a shown canvas on it, and a guard against leaked windows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.model.entities import BlueprintLine, Card, CardKind, Channel, LaneKind
from cxstudio.ui.bridge import SessionBridge
from cxstudio.ui.canvas import JourneyCanvas


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a top-level window (canvas, menu, dialog) behind."""
    before = set(map(id, QApplication.topLevelWidgets()))
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and w.isVisible()]
    names = [f"{type(w).__name__}({w.objectName()})" for w in leaked]
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not leaked, f"the test leaked top-level widgets: {names}"


@dataclass
class Sample:
    """The test project and the ids the tests refer to."""

    project: api.OpenProject
    journey_id: str
    other_journey_id: str
    stages: list[str]
    lanes: list[str]  # steps, touchpoints (line of interaction below), backstage (line of visibility), emotion curve
    cards: dict[str, str]  # short name -> card id
    channels: dict[str, str]  # icon -> channel id

    def card(self, name: str) -> Card:
        return self.project.document.get(self.cards[name], Card)


def build_sample() -> Sample:
    """A German journey with 3 stages, 4 lanes, 5 cards (ratings, markers, channels) and a second journey."""
    project = api.create(language="de", name="Testprojekt Kundenreise")
    doc = project.document
    journey = project.run(
        ops.add_journey, "Stromrechnung reklamieren", stages=["Suchen", "Kaufen", "Nutzen"],
        lanes=[
            LaneSpec("Schritte"),
            LaneSpec("Touchpoints", LaneKind.FRONTSTAGE.value, BlueprintLine.INTERACTION.value),
            LaneSpec("Backstage", LaneKind.BACKSTAGE.value, BlueprintLine.VISIBILITY.value),
            LaneSpec("Emotionen", LaneKind.EMOTION_CURVE.value),
        ],
    )
    other = project.run(ops.add_journey, "Umzug melden", stages=["Planen", "Melden"], lanes=[LaneSpec("Schritte")])
    stages = [s.id for s in doc.stages(journey.id)]
    lanes = [ln.id for ln in doc.lanes(journey.id)]
    channels = {c.icon: c.id for c in doc.all(Channel)}
    cards = {
        "open": project.run(ops.add_card, stages[0], lanes[0], "Öffnet die Rechnung", text="Nachzahlung 1.248,60 €").id,
        "read": project.run(ops.add_card, stages[0], lanes[0], "Liest den Zähler ab").id,
        "hotline": project.run(
            ops.add_card, stages[1], lanes[1], "Hotline-Warteschleife", CardKind.TOUCHPOINT.value,
            channel_id=channels["phone"], rating=3, pain_point=True,
        ).id,
        "store": project.run(
            ops.add_card, stages[2], lanes[1], "Gespräch in der Filiale", CardKind.TOUCHPOINT.value,
            channel_id=channels["store"], rating=8, moment_of_truth=True,
        ).id,
        "ticket": project.run(ops.add_card, stages[1], lanes[2], "Ticket anlegen", CardKind.PROCESS.value).id,
    }
    return Sample(project, journey.id, other.id, stages, lanes, cards, channels)


@pytest.fixture
def sample() -> Iterator[Sample]:
    built = build_sample()
    yield built
    built.project.close()


@pytest.fixture
def canvas(qtbot, sample: Sample) -> Iterator[JourneyCanvas]:  # type: ignore[no-untyped-def]
    bridge = SessionBridge(sample.project.session)
    view = JourneyCanvas(sample.project, bridge)
    view.resize(1300, 950)
    view.set_journey(sample.journey_id)
    view.show()
    qtbot.waitExposed(view)
    view.reset_zoom()
    view.horizontalScrollBar().setValue(0)
    view.verticalScrollBar().setValue(0)
    yield view
    view.close()
    view.deleteLater()
    bridge.disconnect_session()
    bridge.deleteLater()
