"""The PowerPoint export read back with python-pptx: a slide per journey (split when large), native shapes whose
text is the cards' titles, everything on the slide, umlauts intact."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from cxstudio import api
from cxstudio.editing import operations
from cxstudio.export.office.slides import MIN_FONT_PT, export_slides
from cxstudio.model.entities import Card, Persona


def _texts(slide) -> list[str]:  # type: ignore[no-untyped-def]
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def test_bar_the_example_as_slides(example, tmp_path: Path) -> None:
    path = tmp_path / "beispiel.pptx"
    count = export_slides(example.document, path)
    presentation = Presentation(str(path))
    slides = list(presentation.slides)
    assert len(slides) == count
    titles = [_texts(slide)[0] for slide in slides]
    assert titles[0] == example.document.project.name
    assert [t for t in titles if t.startswith("Persona: ")] == [f"Persona: {p.name}" for p in example.document.all(Persona)]
    for journey in example.document.journeys():
        assert any(t.startswith(journey.name) for t in titles), journey.name
    assert any(t.startswith("Pain Points (nach Rang)") for t in titles)
    assert any(t.startswith("Maßnahmenplan") for t in titles)
    all_text = "\n".join(text for slide in slides for text in _texts(slide))
    for card in example.document.all(Card):
        if card.title:
            assert card.title in all_text, card.title
    assert "Zählerablesung" in all_text and "„" in all_text  # umlauts and German quotes intact
    width, height = presentation.slide_width, presentation.slide_height
    shapes = [shape for slide in slides for shape in slide.shapes]
    assert not [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    for shape in shapes:
        assert shape.left >= 0 and shape.top >= 0, shape.name
        assert shape.left + shape.width <= width and shape.top + shape.height <= height, shape.name
    cards = [s for s in shapes if s.name.startswith("Card ")]
    assert len(cards) >= example.document.count(Card) - 5  # the emotion-curve cards are the curve
    assert all(s.auto_shape_type == 5 for s in cards)  # MSO_SHAPE.ROUNDED_RECTANGLE: editable shapes, not pictures
    assert all(run.font.size.pt >= MIN_FONT_PT for s in cards for p in s.text_frame.paragraphs for run in p.runs)
    curves = [s for s in shapes if s.name == "Emotionskurve"]
    assert len(curves) == len(example.document.journeys())


def test_a_large_journey_is_split_over_several_slides(tmp_path: Path) -> None:
    project = api.create("journey-map", "en", with_working_copy=False)
    journey = project.document.journeys()[0]
    for number in range(12):
        project.run(operations.add_stage, journey.id, f"Stage {number}")
    stages = project.document.stages(journey.id)
    lane = project.document.lanes(journey.id)[0]
    for number in range(30):
        project.run(operations.add_card, stages[number % 3].id, lane.id, f"Card {number} with a longer title")
    path = tmp_path / "large.pptx"
    export_slides(project.document, path)
    titles = [_texts(slide)[0] for slide in Presentation(str(path)).slides]
    parts = [t for t in titles if t.startswith(journey.name)]
    assert len(parts) >= 4 and parts[0].endswith(f"(part 1 of {len(parts)})")
    text = "\n".join(t for slide in Presentation(str(path)).slides for t in _texts(slide))
    for number in range(30):
        assert f"Card {number} with a longer title" in text
    project.close()
