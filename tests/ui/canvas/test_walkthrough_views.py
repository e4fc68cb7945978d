"""Issue 14 walkthrough: swimlanes show every card, templates open in their view, the map speaks the project's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from conftest import Sample
from PySide6.QtWidgets import QApplication, QComboBox

from cxstudio.editing import operations as ops
from cxstudio.layout import ViewKind
from cxstudio.ui.canvas import JourneyCanvas
from cxstudio.ui.export.options import POSTER, ExportOptions
from cxstudio.ui.i18n import Translations


def _pdf_text(project, journey_id: str, view: str, path: Path) -> str:  # type: ignore[no-untyped-def]
    """Export a poster as the Export dialog does and read its text back."""
    ExportOptions(kind=POSTER, journey_id=journey_id, view=view, paper="A2").export(project.document, path, None)
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.mark.parametrize(("view", "none_lane", "none_label"), [
    (ViewKind.SWIMLANE_CHANNEL, "channel:none", "Ohne Kanal"),
    (ViewKind.SWIMLANE_DEPARTMENT, "department:none", "Ohne Abteilung"),
])
def test_swimlane_views_show_every_card_on_screen_and_in_print(canvas: JourneyCanvas, sample: Sample, tmp_path: Path,
                                                               view: ViewKind, none_lane: str, none_label: str) -> None:
    canvas.set_view(view)
    scene = canvas.journey_scene
    assert set(scene.card_items) == set(sample.cards.values())  # the steps and the process too
    assert scene.layout.cards[sample.cards["open"]].lane_key == none_lane
    header = next(h for h in scene.layout.lane_headers if h.id == none_lane)
    assert header.lines[0].text == none_label
    assert none_lane in scene.lane_items
    text = _pdf_text(sample.project, sample.journey_id, str(view), tmp_path / "swimlanes.pdf")
    for title in ("Öffnet die Rechnung", "Liest den Zähler ab", "Ticket anlegen", "Hotline-Warteschleife"):
        assert title in text
    assert none_label in text


def test_the_service_blueprint_template_opens_in_the_blueprint_view(main_window) -> None:  # type: ignore[no-untyped-def]
    assert main_window.new_from_template(("service-blueprint", "de"))
    assert main_window.canvas.view() is ViewKind.BLUEPRINT
    assert main_window.view_choice.currentData() == "blueprint"
    assert main_window.view_actions["blueprint"].isChecked()
    assert main_window.canvas.journey_scene.layout.lines  # the three blueprint lines are drawn
    # a new journey is named like the journey-map template (one source: the bundled templates)
    journey_id = main_window.new_journey()
    document = main_window.project.document
    assert [s.name for s in document.stages(journey_id)][:2] == ["Aufmerksamkeit", "Erwägung"]
    assert document.lanes(journey_id)[0].name == "Kundenschritte"
    main_window.project.session.mark_clean()  # no question about unsaved changes
    assert main_window.new_from_template(("journey-map", "de"))
    assert main_window.canvas.view() is ViewKind.MAP
    assert main_window.view_choice.currentData() == "map"


@pytest.fixture
def german_ui(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    assert translations.switch("de")
    yield translations
    translations.switch("en")


def _kind_lines(canvas: JourneyCanvas, sample: Sample) -> dict[str, str]:
    items = canvas.journey_scene.card_items
    return {name: items[card_id].box.kind_line.text for name, card_id in sample.cards.items()}


def test_english_editor_german_project_the_map_speaks_german_on_screen_and_in_print(
        canvas: JourneyCanvas, sample: Sample, tmp_path: Path) -> None:
    assert QApplication.translate("Labels", "Step") == "Step"  # the editor is English
    kinds = _kind_lines(canvas, sample)
    assert kinds["open"] == "Schritt" and kinds["ticket"] == "Prozess"
    text = _pdf_text(sample.project, sample.journey_id, "map", tmp_path / "map.pdf")
    assert "Schritt" in text and "Prozess" in text and "Interaktionslinie" in text
    assert "Step" not in text.split() and "Process" not in text.split() and "Line of interaction" not in text


def test_german_editor_english_project_the_map_speaks_english_and_properties_say_so(
        german_ui: Translations, canvas: JourneyCanvas, sample: Sample, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QApplication.translate("Labels", "Step") == "Schritt"  # the editor is German
    sample.project.run(ops.edit_element, sample.project.document.project.id, language="en")
    kinds = _kind_lines(canvas, sample)  # the map follows at once
    assert kinds["open"] == "Step" and kinds["ticket"] == "Process"
    text = _pdf_text(sample.project, sample.journey_id, "map", tmp_path / "map.pdf")
    assert "Step" in text and "Process" in text and "Line of interaction" in text
    assert "Schritt" not in text.split() and "Prozess" not in text.split() and "Interaktionslinie" not in text

    # Project Properties state what the project's language decides
    from cxstudio.ui.panels.inspector import InspectorPanel

    inspector = InspectorPanel()
    qtbot.addWidget(inspector)
    inspector.set_project(sample.project, False)
    inspector.show_element(sample.project.document.project.id)
    combo = inspector.findChild(QComboBox, "field_language")
    assert combo is not None and combo.currentData() == "en"
    assert "Karte" in combo.toolTip() and "PDF" in combo.toolTip()
    assert any(text.startswith("Sprache der Karte") for text in _form_labels(inspector))


def _form_labels(widget) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel)]
