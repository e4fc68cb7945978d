"""`cxstudio analyze FILE [--json] [--journey NAME]`: the findings of a project as text or JSON (imports nothing heavy until run)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cxstudio.analysis import Analysis
    from cxstudio.model.document import Document

ANALYZE_HELP = """\
Runs every analysis on a project and prints what stands out: stage and journey scores against their
targets, pain-point hotspots by stage, channel and department, moments of truth ranked, pain points no
action addresses and actions that need attention, the touchpoint catalogue, backstage impact, and channel
switches, dead ends and loops along "leads to" flows. --json prints everything as JSON with stable keys
and element ids. Exit codes: 0 done; 1 the file is not a usable project or the journey does not exist;
2 the command line is wrong. The project file is only read.
"""
VALUE_LIMIT = 200
LIST_LIMIT = 10  # rows of a ranked list in the text summary


def add_analyze_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = commands.add_parser("analyze", help="show the findings of a project: scores, hotspots, moments of "
                                  "truth, coverage, catalogue, backstage, flows", description=ANALYZE_HELP,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    analyze.add_argument("file", help="a .cxstudio project")
    analyze.add_argument("--json", action="store_true", help="print JSON (stable keys, element ids) instead of text")
    analyze.add_argument("--journey", metavar="NAME", help="analyse only this journey (name or id)")
    analyze.add_argument("--lang", choices=("de", "en"),
                         help="language of the text and messages; default: from LANGUAGE/LC_ALL/LANG")


def run_analyze(args: argparse.Namespace) -> int:
    import sys

    from cxstudio import api
    from cxstudio.analysis import analyse
    from cxstudio.export.errors import ExportError
    from cxstudio.model.messages import language_from_environment
    from cxstudio.persistence.errors import ProjectFileError
    from cxstudio.safetext import bounded

    language = language_from_environment(args.lang)

    def fail(text: str) -> int:
        print(f"cxstudio: {bounded(text, 500, language, keep='middle')}", file=sys.stderr)
        return 1

    try:
        document = api.read_document(args.file)
    except ProjectFileError as exc:
        return fail(exc.message(language))
    journey_ids = None
    if args.journey is not None:
        from cxstudio.export.poster import find_journey

        try:
            journey_ids = (find_journey(document, args.journey).id,)
        except ExportError as exc:
            return fail(exc.message(language))
    analysis = analyse(document, journey_ids=journey_ids, language=language)
    if args.json:
        import json

        from cxstudio.analysis.serialise import analysis_json
        from cxstudio.safetext import escape_json

        data = analysis_json(analysis, document, language)
        print(escape_json(json.dumps(data, ensure_ascii=False, indent=1)))
        return 0
    for line in summary_lines(analysis, document, language):
        print(line)
    return 0


def summary_lines(analysis: Analysis, document: Document, language: str) -> list[str]:
    """The text summary: scores per journey and stage, then every finding group with its findings."""
    from cxstudio.analysis.words import group_title, number
    from cxstudio.safetext import bounded

    german = language == "de"

    def shown(value: Any) -> str:
        return bounded(str(value), VALUE_LIMIT, language)

    lines = [("Analyse" if german else "Analysis") + f": {shown(document.project.name)}"]
    lines.append("")
    lines.append("Bewertungen (Mittel, Minimum, Spanne)" if german else "Scores (mean, minimum, spread)")
    for journey in analysis.scores:
        score = journey.score
        lines.append(f"  {shown(journey.name)}: {number(score.mean, language)}, {number(score.minimum, language)}, "
                     f"{number(score.spread, language)} ({score.count} {'Bewertungen' if german else 'ratings'})")
        for stage in journey.stages:
            s = stage.score
            mark = stage.benchmark
            goal = "" if mark is None else (f"; Ziel {number(mark.target, language)}, Best in Class "
                                            f"{number(mark.best_in_class, language)}" if german else
                                            f"; target {number(mark.target, language)}, best in class "
                                            f"{number(mark.best_in_class, language)}")
            lines.append(f"    {shown(stage.name)}: {number(s.mean, language)}, {number(s.minimum, language)}, "
                         f"{number(s.spread, language)}{goal}")
    for group, findings in analysis.groups():
        lines.append("")
        lines.append(group_title(group, language))
        for finding in findings[:LIST_LIMIT]:
            lines.append(f"  - {bounded(finding.text(language), 300, language)}")
        if len(findings) > LIST_LIMIT:
            more = len(findings) - LIST_LIMIT
            lines.append(f"  … {more} {'weitere' if german else 'more'}")
    if not analysis.findings:
        lines.append("")
        lines.append("Nichts fällt auf." if german else "Nothing stands out.")
    return lines
