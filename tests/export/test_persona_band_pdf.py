"""The poster prints the persona band (picture, quote, goals, frustrations), the actions lane and action badges
where the layout puts them, when the export options ask for them; screen and print use the same layout."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
from PIL import Image

from cxstudio.api import create
from cxstudio.editing import operations as ops
from cxstudio.export.options import ExportOptions
from cxstudio.export.poster import PosterPlan, export_poster, plan_poster
from cxstudio.layout import Rect
from cxstudio.model.entities import Action, Journey, Persona


def _page_rect(plan: PosterPlan, rect: Rect) -> tuple[float, float, float, float]:
    x, y = plan.to_page(rect.x, rect.y)
    return x, y, x + rect.width * plan.scale, y + rect.height * plan.scale


def _words_in(page: pdfplumber.page.Page, box: tuple[float, float, float, float]) -> str:
    return " ".join(w["text"] for w in page.crop(box).extract_words())


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 120, 80)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_poster_prints_the_persona_band_actions_lane_and_badges_only_when_asked(tmp_path: Path) -> None:
    project = create("complaint-example", "de")
    try:
        doc = project.document
        journey = doc.journeys()[0]
        persona = doc.get(journey.persona_id, Persona)
        project.run(ops.edit_element, persona.id, picture=_photo())
        options = ExportOptions(journey_id=journey.id, paper="A1", persona_band=True, actions_lane=True)
        plan = plan_poster(doc, options)
        layout = plan.layout
        band, lane = layout.persona_band, layout.actions_lane
        assert band is not None and lane is not None and layout.action_badges
        path = tmp_path / "poster.pdf"
        export_poster(doc, plan, path)

        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            band_words = _words_in(page, _page_rect(plan, band.rect))
            assert "Sabine" in band_words and "Schnäppchen." in band_words
            assert "ZIELE" in band_words and "FRUSTRATIONEN" in band_words
            images = page.images
            assert len(images) == 1  # the picture, inside the picture square (scaled to fit, centred)
            px0, ptop, px1, pbottom = _page_rect(plan, band.picture_rect)
            image = images[0]
            assert px0 - 0.1 <= image["x0"] and image["x1"] <= px1 + 0.1
            assert ptop - 0.1 <= image["top"] and image["bottom"] <= pbottom + 0.1
            lane_words = _words_in(page, _page_rect(plan, lane.rect))
            assert "Maßnahmen" in lane_words
            for note in lane.notes[:3]:
                first_word = note.title_lines[0].text.split()[0]
                assert first_word in _words_in(page, _page_rect(plan, note.rect))
            badge = max(layout.action_badges.values(), key=lambda b: len(b.action_ids))
            assert _words_in(page, _page_rect(plan, badge.rect)) == str(len(badge.action_ids))

        plain = plan_poster(doc, ExportOptions(journey_id=journey.id, paper="A1"))
        assert plain.layout.persona_band is None and plain.layout.actions_lane is None
        plain_path = tmp_path / "plain.pdf"
        export_poster(doc, plain, plain_path)
        with pdfplumber.open(plain_path) as pdf:
            text = pdf.pages[0].extract_text()
            assert "Schnäppchen" not in text and "FRUSTRATIONEN" not in text and not pdf.pages[0].images
    finally:
        project.close()


def test_a_picture_that_cannot_be_read_prints_the_initials_and_the_export_goes_on(tmp_path: Path) -> None:
    project = create("complaint-example", "en")
    try:
        doc = project.document
        journey = doc.journeys()[0]
        persona = doc.get(journey.persona_id, Persona)
        project.run(ops.edit_element, persona.id, picture=b"\x89PNG\r\n\x1a\n not really a picture")
        project.run(ops.add_element, Action(title="Nobody's card"))  # addresses nothing: no badge, no note
        plan = plan_poster(doc, ExportOptions(journey_id=journey.id, persona_band=True, actions_lane=True))
        path = tmp_path / "poster.pdf"
        export_poster(doc, plan, path)
        band = plan.layout.persona_band
        assert band is not None and band.initials.text == "".join(w[0] for w in persona.name.split()[:2]).upper()
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[0]
            assert not page.images
            assert band.initials.text in _words_in(page, _page_rect(plan, band.picture_rect))
            assert "GOALS" in page.extract_text() and "Nobody" not in page.extract_text()
        assert doc.get(journey.id, Journey).persona_id == persona.id
    finally:
        project.close()
