"""Posters draw the chips of Channels and Departments lanes where the layout puts them, with their names as text."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from cxstudio.api import create
from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.export.options import ExportOptions
from cxstudio.export.poster import export_poster, plan_poster
from cxstudio.model.entities import Channel, Department


def test_poster_prints_the_chips_of_channels_and_departments_lanes(tmp_path: Path) -> None:
    project = create(language="de", name="Chips")
    try:
        doc = project.document
        channels = {c.name: c.id for c in doc.all(Channel)}
        logistics = project.run(ops.add_element, Department(name="Logistikzentrum Süd"))
        journey = project.run(
            ops.add_journey, "Lieferung verfolgen", ("Bestellen", "Warten"),
            (LaneSpec("Schritte"), LaneSpec("Kanäle", "channels"), LaneSpec("Zuständig", "departments")),
        )
        stages = doc.stages(journey.id)
        steps = doc.lanes(journey.id)[0]
        project.run(ops.add_card, stages[0].id, steps.id, "Bestellt online", kind="touchpoint",
                    channel_id=channels["Website"])
        project.run(ops.add_card, stages[1].id, steps.id, "Ruft an", kind="touchpoint",
                    channel_id=channels["Callcenter"], department_id=logistics.id)
        out = tmp_path / "poster.pdf"
        plan = export_poster(doc, plan_poster(doc, ExportOptions(journey_id=journey.id, paper="A3")), out).plan
        chips = plan.layout.chips
        assert sorted(c.line.text for c in chips) == ["Callcenter", "Logistikzentrum Süd", "Website"]
        with pdfplumber.open(out) as pdf:
            page = pdf.pages[0]
            words = page.extract_words(keep_blank_chars=True)
            curves = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.curves]
        for chip in chips:
            x, y = plan.to_page(chip.rect.x, chip.rect.y)
            right, bottom = x + chip.rect.width * plan.scale, y + chip.rect.height * plan.scale
            assert any(word["text"] == chip.line.text and x <= word["x0"] and word["x1"] <= right
                       and y <= word["top"] and word["bottom"] <= bottom for word in words), chip.line.text
            # the outline is inset by half its 1 pt pen, as on the canvas
            inset = 0.5 * plan.scale
            expected = (x + inset, y + inset, right - inset, bottom - inset)
            assert any(all(abs(a - b) <= 0.05 for a, b in zip(expected, curve)) for curve in curves), chip.line.text
    finally:
        project.close()
