"""Card filters: every criterion, their combination, and the names `--highlight` takes."""

from __future__ import annotations

import pytest
from analysis_samples import Sample, build

from cxstudio.analysis.filters import (
    EMPTY_FILTER,
    CardFilter,
    HighlightError,
    dimmed_card_ids,
    matching_card_ids,
    parse_highlight,
)


@pytest.fixture
def sample() -> Sample:
    return build()


def _matching(sample: Sample, card_filter: CardFilter, journey: str = "A") -> set[str]:
    keys = {value: key for key, value in sample.ids.items()}
    return {keys[i] for i in matching_card_ids(sample.document, card_filter, sample.ids[journey])}


def test_each_criterion(sample: Sample) -> None:
    ids = sample.ids
    assert _matching(sample, EMPTY_FILTER) == {"s1", "s2", "s3", "s5", "t1", "t2", "p1"}
    assert _matching(sample, CardFilter(kinds=frozenset({"touchpoint"}))) == {"t1", "t2"}
    assert _matching(sample, CardFilter(pain_point=True)) == {"t1", "t2"}
    assert _matching(sample, CardFilter(moment_of_truth=True)) == {"t1"}
    assert _matching(sample, CardFilter(rating_min=1, rating_max=4)) == {"s2", "t1"}
    assert _matching(sample, CardFilter(rating_min=7)) == {"s3", "t2"}
    assert _matching(sample, CardFilter(channel_ids=frozenset({ids["phone"]}))) == {"s2", "s3", "t1"}, (
        "t1 has the Hotline's channel")
    assert _matching(sample, CardFilter(department_ids=frozenset({ids["service"]}))) == {"t1", "p1"}
    assert _matching(sample, CardFilter(persona_id=ids["persona"])) == _matching(sample, EMPTY_FILTER)
    assert _matching(sample, CardFilter(persona_id=ids["persona"]), "B") == set()
    assert _matching(sample, CardFilter(tags=frozenset({"urgent"}))) == {"s2"}
    assert _matching(sample, CardFilter(text="HOTLINE queue")) == {"t1"}
    assert _matching(sample, CardFilter(ids=frozenset({ids["s1"], ids["t3"]}))) == {"s1"}


def test_criteria_combine_and_dimmed_is_the_rest(sample: Sample) -> None:
    both = CardFilter(pain_point=True, rating_max=4)
    assert _matching(sample, both) == {"t1"}
    dimmed = dimmed_card_ids(sample.document, both, sample.ids["A"])
    assert sample.ids["t1"] not in dimmed and len(dimmed) == 6
    assert dimmed_card_ids(sample.document, EMPTY_FILTER, sample.ids["A"]) == frozenset()
    assert not EMPTY_FILTER.active and both.active


def test_highlight_names(sample: Sample) -> None:
    document = sample.document
    assert parse_highlight(document, ["pain-points"]) == CardFilter(pain_point=True)
    assert parse_highlight(document, ["moments-of-truth", "low-ratings"]) == CardFilter(
        moment_of_truth=True, rating_min=1, rating_max=4)
    assert parse_highlight(document, ["rating:3-5"]).rating_max == 5
    assert parse_highlight(document, ["kind:pain-point"]).kinds == {"pain_point"}
    assert parse_highlight(document, ["channel:call centre"]).channel_ids == {sample.ids["phone"]}
    assert parse_highlight(document, ["department:Service"]).department_ids == {sample.ids["service"]}
    assert parse_highlight(document, ["persona:Petra", "tag:urgent", "text:calls"]).text == "calls"
    for bad, code in (("pains", "unknown"), ("rating:0-4", "rating"), ("rating:x", "rating"), ("kind:dragon", "kind"),
                      ("channel:Pigeon", "missing")):
        with pytest.raises(HighlightError) as caught:
            parse_highlight(document, [bad])
        assert caught.value.code == code
        assert caught.value.message("de") != caught.value.message("en")
