"""Insight from the map: pure analyses of a Document and its RelationGraph, findings in German and English, card filters.

Every analysis is a function of the document, the relation graph and an optional set of journeys;
none imports a GUI, database or PDF library. `analyse()` runs them all (see `findings.py`),
`CardFilter` decides which cards a filter matches (the canvas dims the rest, exports too).
"""

from typing import TYPE_CHECKING

from cxstudio.analysis.filters import FILTER_NAMES, CardFilter, matching_card_ids, parse_highlight

if TYPE_CHECKING:
    from cxstudio.analysis.findings import Analysis, Finding, analyse

_FINDINGS = frozenset({"Analysis", "Finding", "analyse"})


def __getattr__(name: str) -> object:
    """`Analysis`, `Finding` and `analyse` load every analysis when first asked for (the editor's filters need none)."""
    if name in _FINDINGS:
        from cxstudio.analysis import findings

        return getattr(findings, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["FILTER_NAMES", "Analysis", "CardFilter", "Finding", "analyse", "matching_card_ids", "parse_highlight"]
