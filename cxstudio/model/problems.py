"""The problem sentences of a damaged file grouped by cause, in English or German, for `cxstudio check`.

`Document.check_invariants()` words every problem record by record, so one cause (the stage rows
were deleted) can give hundreds of sentences that differ only in their ids. `group_problems`
turns them into one line per cause: "136 cards refer to 17 stages that do not exist (stage_id)".
Sentences of the Document's known shapes get a sentence naming the cause; any other sentences of
the same shape (the same words with different quoted names, ids or numbers) become one group with
a count and up to three examples. Pure functions; the model's own sentences stay English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from cxstudio.model.entities import ENTITY_BY_KIND
from cxstudio.safetext import bounded

EXAMPLES = 3  # examples shown for a group of sentences of the same shape
_ID_LIMIT = 40  # an id quoted in a summary is cut to this many characters (a hostile file may hold huge ids)

# kind -> ((English singular, plural), (German singular, plural))
KIND_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "project": (("project", "projects"), ("Projekt", "Projekte")),
    "channel": (("channel", "channels"), ("Kanal", "Kanäle")),
    "department": (("department", "departments"), ("Abteilung", "Abteilungen")),
    "persona": (("persona", "personas"), ("Persona", "Personas")),
    "touchpoint": (("touchpoint", "touchpoints"), ("Touchpoint", "Touchpoints")),
    "journey": (("journey", "journeys"), ("Customer Journey", "Customer Journeys")),
    "stage": (("stage", "stages"), ("Phase", "Phasen")),
    "lane": (("lane", "lanes"), ("Bahn", "Bahnen")),
    "card": (("card", "cards"), ("Karte", "Karten")),
    "relation": (("relation", "relations"), ("Verknüpfung", "Verknüpfungen")),
    "metric": (("metric", "metrics"), ("Kennzahl", "Kennzahlen")),
    "insight": (("insight", "insights"), ("Erkenntnis", "Erkenntnisse")),
    "action": (("action", "actions"), ("Maßnahme", "Maßnahmen")),
    "comment": (("comment", "comments"), ("Kommentar", "Kommentare")),
}
_ELEMENT_WORDS = (("element", "elements"), ("Element", "Elemente"))

# The Document's sentences about references and card cells (document.py, `_record_problems`).
_MISSING = re.compile(r"(?P<kind>[a-z]{1,20}) (?P<id>.+): (?P<field>\w+) points to missing (?P<target>.*)\.", re.S)
_WRONG_KIND = re.compile(r"(?P<kind>[a-z]{1,20}) (?P<id>.+): (?P<field>\w+) points to a (?P<target>[a-z]{1,20})\.", re.S)
_OTHER_JOURNEY = re.compile(r"Card (?P<id>.+) sits in a (?P<part>[a-z]{1,20}) of another journey\.", re.S)

# What varies between sentences of one shape: quoted text, ids, numbers.
_VARYING = re.compile(
    r"'[^']*'|\"[^\"]*\"|„[^“]*“|‘[^’]*’|“[^”]*”|\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"
    r"|\b\d[\d,.]*\b"
)


@dataclass(frozen=True)
class ProblemGroup:
    """Problems of one cause: how many sentences, one summary line and up to `EXAMPLES` of the sentences."""

    count: int
    summary: str
    examples: tuple[str, ...] = ()
    sentences: tuple[str, ...] = field(default=(), repr=False)


def words(kind: str, count: int, language: str) -> str:
    """A kind of element as a noun for `count` of them: 'card' / 'cards', 'Karte' / 'Karten'."""
    pair = KIND_WORDS.get(kind, _ELEMENT_WORDS)[1 if language == "de" else 0]
    return pair[0] if count == 1 else pair[1]


def _target_kind(kind: str, field_name: str) -> str:
    """The kind a reference field points to, or '' when it may point to several kinds."""
    entity_type = ENTITY_BY_KIND.get(kind)
    ref = entity_type.REFS.get(field_name) if entity_type is not None else None
    return ref.targets[0] if ref is not None and len(ref.targets) == 1 else ""


def _ids(values: Iterable[str], language: str) -> str:
    """Up to three ids, each cut short, and how many more: 'a, b, c and 14 more' / 'a, b, c und 14 weitere'."""
    unique = list(dict.fromkeys(values))
    shown = ", ".join(bounded(value, _ID_LIMIT, language) for value in unique[:EXAMPLES])
    rest = len(unique) - EXAMPLES
    if rest <= 0:
        return shown
    return f"{shown} und {_count(rest, language)} weitere" if language == "de" else f"{shown} and {_count(rest, language)} more"


# verb -> its (singular, plural) forms in English and in German
_VERBS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "refer": (("refers", "refer"), ("verweist", "verweisen")),
    "sit": (("sits", "sit"), ("liegt", "liegen")),
}


def _subject(kind: str, count: int, verb: str, language: str) -> str:
    """A count of elements and their verb, agreeing: '3 cards refer' / '1 Karte verweist'."""
    forms = _VERBS[verb][1 if language == "de" else 0]
    return f"{_count(count, language)} {words(kind, count, language)} {forms[0] if count == 1 else forms[1]}"


def _missing_summary(kind: str, field_name: str, referrers: list[str], targets: list[str], language: str) -> str:
    n, m = len(set(referrers)), len(set(targets))
    target = _target_kind(kind, field_name)
    subject = _subject(kind, n, "refer", language)
    if language == "de":
        return (f"{subject} auf {_count(m, language)} {words(target, m, 'de')}, die es nicht gibt "
                f"({field_name}: {_ids(targets, 'de')}).")
    exist = "does" if m == 1 else "do"
    return (f"{subject} to {_count(m, language)} {words(target, m, 'en')} that {exist} not exist "
            f"({field_name}: {_ids(targets, 'en')}).")


def _wrong_kind_summary(kind: str, field_name: str, target: str, count: int, language: str) -> str:
    subject = _subject(kind, count, "refer", language)
    if language == "de":
        return f"{subject} in {field_name} auf ein Element der falschen Art ({words(target, 1, 'de')})."
    return f"{subject} in {field_name} to the wrong kind of element (a {words(target, 1, 'en')})."


def _other_journey_summary(part: str, count: int, ids: list[str], language: str) -> str:
    subject = _subject("card", count, "sit", language)
    if language == "de":
        return f"{subject} in einer {words(part, 1, 'de')} einer anderen Customer Journey ({_ids(ids, 'de')})."
    return f"{subject} in a {words(part, 1, 'en')} of another journey ({_ids(ids, 'en')})."


def _count(count: int, language: str) -> str:
    text = f"{count:,}"
    return text.replace(",", ".") if language == "de" else text


def shape(sentence: str) -> str:
    """A sentence with what varies (quoted text, ids, numbers) replaced by '…': equal for sentences of one kind."""
    return _VARYING.sub("…", sentence)


def group_problems(sentences: Iterable[str], language: str = "en") -> list[ProblemGroup]:
    """The sentences grouped by cause, groups in the order of their first sentence; every sentence in one group.

    A group of one sentence has that sentence as its summary and no examples; a group of the
    Document's reference or card-cell sentences has a summary naming the cause, the counts and a
    few of the missing ids; any other group of more than `EXAMPLES` sentences of one `shape` says
    how many there are and shows `EXAMPLES` of them (fewer are left as they are, one group each).
    """
    groups: dict[tuple[str, ...], list[tuple[str, re.Match[str] | None]]] = {}
    for sentence in sentences:
        key: tuple[str, ...]
        if (match := _MISSING.fullmatch(sentence)) and match["kind"] in KIND_WORDS:
            key = ("missing", match["kind"], match["field"])
        elif (match := _WRONG_KIND.fullmatch(sentence)) and match["kind"] in KIND_WORDS:
            key = ("wrong_kind", match["kind"], match["field"], match["target"])
        elif match := _OTHER_JOURNEY.fullmatch(sentence):
            key = ("other_journey", match["part"])
        else:
            match = None
            key = ("shape", shape(sentence))
        groups.setdefault(key, []).append((sentence, match))
    result: list[ProblemGroup] = []
    for key, members in groups.items():
        if key[0] == "shape" and len(members) <= EXAMPLES:  # a header line would say no more than the sentences
            result.extend(ProblemGroup(1, sentence, (), (sentence,)) for sentence, _match in members)
        else:
            result.append(_summarise(key, members, language))
    return result


def _summarise(key: tuple[str, ...], members: list[tuple[str, re.Match[str] | None]],
               language: str) -> ProblemGroup:
    sentences = tuple(sentence for sentence, _match in members)
    matches = [match for _sentence, match in members if match is not None]
    count = len(sentences)
    if count == 1:
        return ProblemGroup(1, sentences[0], (), sentences)
    if key[0] == "missing":
        summary = _missing_summary(key[1], key[2], [m["id"] for m in matches], [m["target"] for m in matches],
                                   language)
    elif key[0] == "wrong_kind":
        summary = _wrong_kind_summary(key[1], key[2], key[3], len({m["id"] for m in matches}), language)
    elif key[0] == "other_journey":
        ids = [m["id"] for m in matches]
        summary = _other_journey_summary(key[1], len(set(ids)), ids, language)
    else:
        summary = (f"{_count(count, language)} gleichartige Probleme, zum Beispiel:" if language == "de"
                   else f"{_count(count, language)} problems of the same kind, for example:")
        return ProblemGroup(count, summary, sentences[:EXAMPLES], sentences)
    return ProblemGroup(count, summary, (), sentences)
