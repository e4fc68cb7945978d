"""The client report of the German example as a deliverable: executive summary, one-page journey overviews, detail
pages at 7 pt, hyphenated tables, signed metric bars, units on every value, actions' titles apart, no duplicates."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from export_samples import GermanReport

from cxstudio.export import report_analysis, report_overview, report_summary, texts
from cxstudio.export.report import MIN_MAP_TEXT_PT, OVERVIEW_MIN_TEXT_PT
from cxstudio.export.report_metrics import BEST, CURRENT, TARGET
from cxstudio.export.report_summary import pain_rank
from cxstudio.model.document import Document
from cxstudio.model.entities import Action, Card, Metric

PUNCTUATION = ".,;:!?()[]{}\u201e\u201c\u201d\"'\u00bb\u00ab\u201a\u2018\u2019*\u00b7"


@pytest.fixture
def german(german_report: GermanReport) -> GermanReport:
    """The German worked example's report (written once per session: tests/export/conftest.py)."""
    return german_report


def _vocabulary(doc: Document) -> set[str]:
    """Every word the report can print: the project's texts and the report's own words."""
    strings: list[str] = []
    for entity in doc.entities():
        for value in vars_of(entity):
            if isinstance(value, str):
                strings.append(value)
            elif isinstance(value, tuple):
                strings += [v for v in value if isinstance(v, str)]
    for table in (texts._WORDS, report_summary._WORDS, report_analysis._WORDS, report_overview._WORDS):
        for pair in table.values():
            strings += list(pair)
    words = {w.strip(PUNCTUATION) for text in strings for w in text.split()}
    return {w for w in words if w}


def vars_of(entity: object) -> list[object]:
    return [getattr(entity, name) for name in type(entity).FIELD_INDEX]  # type: ignore[attr-defined]


def _table_pages(report: GermanReport) -> list[int]:
    """The summary's pages and every page from the touchpoint inventory on: the report's tables."""
    summary = next(i for i, p in enumerate(report.pages) if i > 1 and "Zusammenfassung für das Management" in p)
    personas = next(i for i, p in enumerate(report.pages) if i > summary and p.startswith("Personas"))
    inventory = next(i for i, p in enumerate(report.pages) if i > 1 and p.startswith("Touchpoint-Inventar"))
    return [*range(summary, personas), *range(inventory, len(report.pages))]


def test_no_table_word_is_broken_without_a_hyphen(german: GermanReport) -> None:
    vocabulary = _vocabulary(german.doc)
    pieces = {w[i:j] for w in vocabulary for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    broken: list[str] = []
    hyphenated = 0
    with pdfplumber.open(german.path) as pdf:
        for index in _table_pages(german):
            words = [w["text"].strip(PUNCTUATION) for w in pdf.pages[index].extract_words()]
            heads = {w[:-1] for w in words if w.endswith("-")}
            for word in words:
                if word.endswith("\u2026"):  # a text shortened to its cell's lines ends in an ellipsis
                    word = word[:-1].strip(PUNCTUATION)
                if not word or re.search(r"\d", word) or word in vocabulary:
                    continue
                if word.endswith("-") and word[:-1] in pieces:
                    hyphenated += 1
                    continue  # a hyphenated word's head (or middle) at a line's end
                tails = [v[: len(v) - len(word)] for v in vocabulary if v.endswith(word) and len(v) > len(word)]
                if any(before.endswith("-") or any(before.endswith(h) for h in heads) for before in tails):
                    continue  # the tail of a word hyphenated at the end of the line before
                broken.append(f"page {index + 1}: {word!r}")
    assert broken == [], "\n".join(broken)
    assert hyphenated > 5  # narrow columns do hyphenate German compounds (Forderungs-management)


def _bars_in_band(page: pdfplumber.page.Page, top: float, height: float) -> dict[str, list[dict]]:
    colours = {"current": CURRENT, "target": TARGET, "best": BEST}
    found: dict[str, list[dict]] = {k: [] for k in colours}
    for rect in page.rects:
        if not top - 2 <= rect["top"] <= top + height:
            continue
        fill = rect.get("non_stroking_color")
        if not isinstance(fill, (tuple, list)) or len(fill) != 3:
            continue
        for key, colour in colours.items():
            if all(abs(a - b) < 0.01 for a, b in zip(fill, (colour.red, colour.green, colour.blue))):
                found[key].append(rect)
    return found


def test_the_nps_bars_point_the_way_of_their_sign(german: GermanReport) -> None:
    nps = next(m for m in german.doc.all(Metric) if m.kind == "nps")
    assert nps.current is not None and nps.current < 0 < (nps.target or 0)
    checked = 0
    with pdfplumber.open(german.path) as pdf:
        for page in pdf.pages:
            for word in page.extract_words():
                if word["text"] != "(NPS)":
                    continue
                bars = _bars_in_band(page, word["top"] - 12, 42)  # the name may wrap onto a second line
                if not (bars["current"] and bars["target"] and bars["best"]):
                    continue  # the name in another table (the action plan's targets)
                current, target, best = bars["current"][0], bars["target"][0], bars["best"][0]
                # the negative current value ends at the zero line where the positive ones begin
                assert current["x1"] == pytest.approx(target["x0"], abs=0.3)
                assert best["x0"] == pytest.approx(target["x0"], abs=0.3)
                assert current["x0"] < current["x1"] <= target["x0"] + 0.3
                # one scale: -18 is 1.8 times as long as +10, +32 3.2 times
                assert current["width"] / target["width"] == pytest.approx(abs(nps.current) / nps.target, rel=0.02)
                assert best["width"] / target["width"] == pytest.approx(nps.best_in_class / nps.target, rel=0.02)
                text = page.extract_text()
                assert "\u221218 Punkte" in text and "+10 Punkte" in text and "+32 Punkte" in text
                checked += 1
    assert checked >= 2  # the executive summary and the metrics chapter


def test_every_journey_has_a_one_page_overview_then_detail_pages(german: GermanReport) -> None:
    with pdfplumber.open(german.path) as pdf:
        for journey in german.doc.journeys():
            heading = f"Journey: {journey.name}"
            found = [i for i, p in enumerate(german.pages) if i > 1 and p.startswith(heading)]
            assert len(found) == 1, journey.name
            page = pdf.pages[found[0]]
            text = german.pages[found[0]]
            for stage in german.doc.stages(journey.id):  # the whole journey on the one page
                assert stage.name.split()[0].rstrip("-") in text
            assert "Emotionskurve" in text
            sizes = [c["size"] for c in page.chars if c["text"].strip()]
            assert min(sizes) >= OVERVIEW_MIN_TEXT_PT - 0.05
            parts = german.result.map_parts[journey.id]
            assert parts >= 1
            for number in range(1, parts + 1):  # then the detail pages, every glyph at 7 pt or more
                detail = found[0] + number
                assert german.pages[detail].startswith(f"{journey.name}: Teil {number} von {parts}")
                sizes = [c["size"] for c in pdf.pages[detail].chars if c["text"].strip()]
                assert min(sizes) >= MIN_MAP_TEXT_PT - 0.05


def test_executive_summary_with_scores_and_top_pain_points_and_actions(german: GermanReport) -> None:
    doc = german.doc
    assert "Zusammenfassung für das Management" in german.pages[1]  # in the contents
    index = next(i for i, p in enumerate(german.pages) if i > 1 and p.startswith("Zusammenfassung für das Management"))
    summary = " ".join(german.pages[index:index + 2])
    for journey in doc.journeys():
        assert journey.name[:20] in summary.replace("- ", "").replace("-", "")or journey.name[:12] in summary
    assert "Ø Bewertung" in summary and "Ziel" in summary and "Best-in-Class" in summary
    assert "Die 5 wichtigsten Pain Points" in summary and "Die 5 wichtigsten Maßnahmen" in summary
    order = {c.id: (0, 0, 0, i) for i, c in enumerate(c for j in doc.journeys() for c in doc.cards(j.id))}
    pains = sorted((c for j in doc.journeys() for c in doc.cards(j.id)
                    if isinstance(c, Card) and (c.pain_point or c.kind == "pain_point")), key=pain_rank(order))
    top = pains[0].title.split()[0]
    assert top in summary


def test_action_titles_stand_apart_from_their_descriptions(german: GermanReport) -> None:
    action = next(a for a in german.doc.all(Action) if a.description and len(a.title.split()) > 1)
    first_title, first_text = action.title[:5], action.description[:4]
    with pdfplumber.open(german.path) as pdf:
        plan = next(i for i, p in enumerate(german.pages) if i > 2 and "Maßnahmenplan" in p)
        below: list[dict] = []
        for page in pdf.pages[plan:]:
            words = page.extract_words(extra_attrs=["fontname", "size"])
            for title in (w for w in words if w["text"].startswith(first_title) and "Bold" in w["fontname"]
                          and abs(w["size"] - 8) < 0.1):  # the title in the table, not an insight's heading
                below += [w for w in words if w["text"].startswith(first_text) and w["top"] > title["top"] + 5
                          and abs(w["x0"] - title["x0"]) < 1 and "Bold" not in w["fontname"] and w["size"] < 8]
            if below:
                break
        assert below, action.description  # the description starts on its own line, in the regular face


def test_every_metric_value_carries_its_unit_and_nothing_is_listed_twice(german: GermanReport) -> None:
    text = " ".join(german.pages)
    compact = text.replace(" ", "").replace("-", "")  # lines hyphenated in narrow columns joined up
    for metric in german.doc.all(Metric):
        if not metric.unit or len(metric.unit) > 12:
            continue
        for value in (metric.current, metric.target, metric.best_in_class):
            if value is not None:
                number = texts.format_number(abs(value), "de")
                assert re.search(re.escape(number) + r"\s?" + re.escape(metric.unit.replace(" ", "").replace("-", "")), compact), (
                    metric.name, value)
    assert "Chatbot „Max“; Chatbot „Max“" not in text
