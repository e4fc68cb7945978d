"""Posters draw cards' channel and department badges where the layout puts them: pill, icon strokes, name as text."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from cxstudio.api import create
from cxstudio.editing import operations as ops
from cxstudio.editing.operations import LaneSpec
from cxstudio.export.options import ExportOptions
from cxstudio.export.poster import PosterPlan, export_poster, plan_poster
from cxstudio.layout import BADGE_BORDER_WIDTH, CardBadge, Rect
from cxstudio.model.entities import Channel, Department

TOLERANCE = 0.05  # page points


def _page_rect(plan: PosterPlan, rect: Rect) -> tuple[float, float, float, float]:
    x, y = plan.to_page(rect.x, rect.y)
    return x, y, x + rect.width * plan.scale, y + rect.height * plan.scale


def _inside(bbox: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    return (outer[0] - TOLERANCE <= x0 and x1 <= outer[2] + TOLERANCE
            and outer[1] - TOLERANCE <= top and bottom <= outer[3] + TOLERANCE)


def test_poster_prints_card_badges_with_names_inside_and_icons_only_where_known(tmp_path: Path) -> None:
    project = create(language="de", name="Abzeichen")
    try:
        doc = project.document
        channels = {c.icon: c.id for c in doc.all(Channel)}
        logistics = project.run(ops.add_element, Department(name="Logistikzentrum Süd"))
        homemade = project.run(ops.add_element, Channel(name="Brieftaube", icon="pigeon"))
        journey = project.run(ops.add_journey, "Lieferung verfolgen", ("Bestellen", "Warten"), (LaneSpec("Schritte"),))
        stage_ids = [s.id for s in doc.stages(journey.id)]
        lane_id = doc.lanes(journey.id)[0].id
        project.run(ops.add_card, stage_ids[0], lane_id, "Bestellt online", kind="touchpoint",
                    channel_id=channels["globe"])
        project.run(ops.add_card, stage_ids[1], lane_id, "Ruft an", kind="touchpoint",
                    channel_id=channels["phone"], department_id=logistics.id)
        project.run(ops.add_card, stage_ids[1], lane_id, "Schickt eine Taube", kind="touchpoint",
                    channel_id=homemade.id)
        out = tmp_path / "poster.pdf"
        plan = export_poster(doc, plan_poster(doc, ExportOptions(journey_id=journey.id, paper="A3")), out).plan
        badges: list[CardBadge] = [b for box in plan.layout.cards.values() for b in box.badges]
        assert sorted((b.kind, b.icon, b.lines[0].text) for b in badges) == [
            ("channel", "", "Brieftaube"), ("channel", "globe", "Website"), ("channel", "phone", "Callcenter"),
            ("department", "building", "Logistikzentrum Süd")]
        with pdfplumber.open(out) as pdf:
            page = pdf.pages[0]
            words = page.extract_words(keep_blank_chars=True)
            shapes = [(s["x0"], s["top"], s["x1"], s["bottom"]) for s in page.curves + page.lines + page.rects]
        for badge in badges:
            pill = _page_rect(plan, badge.rect)
            name = " ".join(line.text for line in badge.lines)
            assert any(word["text"] == name and _inside((word["x0"], word["top"], word["x1"], word["bottom"]), pill)
                       for word in words), name
            # the outline is inset by half its pen, as on the canvas
            inset = BADGE_BORDER_WIDTH / 2 * plan.scale
            outline = (pill[0] + inset, pill[1] + inset, pill[2] - inset, pill[3] - inset)
            assert any(all(abs(a - b) <= TOLERANCE for a, b in zip(outline, shape)) for shape in shapes), name
            strokes = [shape for shape in shapes if _inside(shape, pill) and shape != outline
                       and not all(abs(a - b) <= TOLERANCE for a, b in zip(outline, shape))]
            if badge.icon_rect is None:
                assert strokes == [], name  # an unknown icon key: the pill and its name, nothing else
            else:
                icon_box = _page_rect(plan, badge.icon_rect)
                assert strokes and all(_inside(shape, icon_box) for shape in strokes), name
    finally:
        project.close()
