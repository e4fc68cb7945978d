"""Card filters: which cards of a journey match (by kind, pain point, moment of truth, rating, channel, ...); the rest are dimmed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from cxstudio.analysis.common import effective_channel, effective_department
from cxstudio.model.document import Document
from cxstudio.model.entities import Card, CardKind, Channel, Department, Journey, Persona

LOW_RATING = 4  # "low ratings" are 1-4


@dataclass(frozen=True, slots=True)
class CardFilter:
    """What a card must be to stay undimmed; every criterion that is set must hold (an empty filter matches all).

    `kinds`: card kinds; `pain_point`: marked as a pain point or of kind pain point; `rating_min` and
    `rating_max`: a rating in this range (an unrated card does not match); `channel_ids` and
    `department_ids`: the card's own or its catalogue touchpoint's; `persona_id`: the journey's persona;
    `tags`: any of them; `text`: every word in the title, text, expectation or tags (any case);
    `ids`: exactly these cards (a finding chosen in the analytics panel).
    """

    kinds: frozenset[str] = frozenset()
    pain_point: bool = False
    moment_of_truth: bool = False
    rating_min: int | None = None
    rating_max: int | None = None
    channel_ids: frozenset[str] = frozenset()
    department_ids: frozenset[str] = frozenset()
    persona_id: str | None = None
    tags: frozenset[str] = frozenset()
    text: str = ""
    ids: frozenset[str] = field(default=frozenset())

    @property
    def active(self) -> bool:
        return self != EMPTY_FILTER

    def replace(self, **changes: object) -> CardFilter:
        return replace(self, **changes)  # type: ignore[arg-type]

    def matches(self, document: Document, card: Card) -> bool:
        if self.ids and card.id not in self.ids:
            return False
        if self.kinds and card.kind not in self.kinds:
            return False
        if self.pain_point and not (card.pain_point or card.kind == CardKind.PAIN_POINT.value):
            return False
        if self.moment_of_truth and not card.moment_of_truth:
            return False
        if self.rating_min is not None or self.rating_max is not None:
            if card.rating is None:
                return False
            if self.rating_min is not None and card.rating < self.rating_min:
                return False
            if self.rating_max is not None and card.rating > self.rating_max:
                return False
        if self.channel_ids and effective_channel(document, card) not in self.channel_ids:
            return False
        if self.department_ids and effective_department(document, card) not in self.department_ids:
            return False
        if self.persona_id is not None:
            journey = document.find(card.journey_id)
            if not isinstance(journey, Journey) or journey.persona_id != self.persona_id:
                return False
        if self.tags and not self.tags.intersection(card.tags):
            return False
        if self.text:
            haystack = " ".join((card.title, card.text, card.expectation, *card.tags)).casefold()
            if not all(word in haystack for word in self.text.casefold().split()):
                return False
        return True


EMPTY_FILTER = CardFilter()


def matching_card_ids(document: Document, card_filter: CardFilter, journey_id: str) -> set[str]:
    """The ids of the journey's cards the filter matches."""
    return {card.id for card in document.cards(journey_id) if card_filter.matches(document, card)}


def dimmed_card_ids(document: Document, card_filter: CardFilter, journey_id: str | None) -> frozenset[str]:
    """The journey's cards the filter does not match (none while the filter is empty)."""
    if journey_id is None or not card_filter.active or journey_id not in document:
        return frozenset()
    return frozenset(card.id for card in document.cards(journey_id) if not card_filter.matches(document, card))


# ---------------------------------------------------------------------- --highlight NAME for exports
FILTER_NAMES = (
    "pain-points", "moments-of-truth", "low-ratings", "rating:MIN-MAX", "kind:KIND", "channel:NAME",
    "department:NAME", "persona:NAME", "tag:TAG", "text:WORDS",
)

_MESSAGES = {
    "unknown": ("'{spec}' is not a highlight; use one of: {names}.",
                "„{spec}“ ist keine Hervorhebung; möglich sind: {names}."),
    "rating": ("'{spec}': a rating range is two numbers 1-10 such as rating:1-4.",
               "„{spec}“: ein Bewertungsbereich sind zwei Zahlen von 1 bis 10, etwa rating:1-4."),
    "kind": ("'{spec}': no card kind of that name; the kinds are {names}.",
             "„{spec}“: diese Kartenart gibt es nicht; die Arten sind {names}."),
    "missing": ("'{spec}': the project has no {what} of that name.",
                "„{spec}“: das Projekt hat kein(e) {what} dieses Namens."),
}
_WHAT = {"channel": ("channel", "Kanal"), "department": ("department", "Abteilung"), "persona": ("persona", "Persona")}


class HighlightError(ValueError):
    """A --highlight value that names no filter or nothing in the project; `message(language)` says which."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code, self.params = code, params

    def message(self, language: str) -> str:
        german = language == "de"
        params = dict(self.params)
        if "what" in params:
            params["what"] = _WHAT[params["what"]][german]
        return _MESSAGES[self.code][german].format(**params)


def _named(document: Document, kind: type[Channel] | type[Department] | type[Persona], name: str, spec: str,
           what: str) -> str:
    wanted = name.strip().casefold()
    for entity in document.all(kind):
        if entity.id == name or entity.name.casefold() == wanted:
            return entity.id
    raise HighlightError("missing", spec=spec, what=what)


def parse_highlight(document: Document, specs: Iterable[str]) -> CardFilter:
    """A filter from command-line names (see FILTER_NAMES); several names must all hold."""
    result = EMPTY_FILTER
    for spec in specs:
        name, _sep, value = spec.partition(":")
        name = name.strip().lower().replace("_", "-")
        if name in ("pain-points", "pain-point") and not value:
            result = result.replace(pain_point=True)
        elif name in ("moments-of-truth", "moment-of-truth") and not value:
            result = result.replace(moment_of_truth=True)
        elif name == "low-ratings" and not value:
            result = result.replace(rating_min=1, rating_max=LOW_RATING)
        elif name == "rating" and value:
            low, _dash, high = value.partition("-")
            try:
                bounds = int(low), int(high or low)
            except ValueError:
                raise HighlightError("rating", spec=spec) from None
            if not 1 <= bounds[0] <= bounds[1] <= 10:
                raise HighlightError("rating", spec=spec)
            result = result.replace(rating_min=bounds[0], rating_max=bounds[1])
        elif name == "kind" and value:
            kind = value.strip().lower().replace("-", "_")
            if kind not in {k.value for k in CardKind}:
                raise HighlightError("kind", spec=spec, names=", ".join(k.value.replace("_", "-") for k in CardKind))
            result = result.replace(kinds=result.kinds | {kind})
        elif name == "channel" and value:
            result = result.replace(channel_ids=result.channel_ids | {_named(document, Channel, value, spec, name)})
        elif name == "department" and value:
            result = result.replace(
                department_ids=result.department_ids | {_named(document, Department, value, spec, name)})
        elif name == "persona" and value:
            result = result.replace(persona_id=_named(document, Persona, value, spec, name))
        elif name == "tag" and value:
            result = result.replace(tags=result.tags | {value.strip()})
        elif name == "text" and value:
            result = result.replace(text=" ".join((result.text, value)).strip())
        else:
            raise HighlightError("unknown", spec=spec, names=", ".join(FILTER_NAMES))
    return result
