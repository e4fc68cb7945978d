"""The sharing commands of `cxstudio`: client-copy, diff and merge (parsing and output; the work is in `api`).

Imported by `cxstudio.cli` when the parser is built; it imports nothing but the standard library at
module level, so `cxstudio --version` stays light. Exit codes as for the other file commands: 0 done,
1 a file is not a usable project, the merge has undecided conflicts (nothing written) or is refused,
or writing failed; 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

EXIT_OK = 0
EXIT_PROBLEM = 1
SENTENCE_LIMIT = 500
LINE_LIMIT = 400
LANG_HELP = "language of messages and text output; default: from LANGUAGE/LC_ALL/LANG"


def add_sharing_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Sub-commands client-copy, diff and merge."""
    copy = commands.add_parser(
        "client-copy", help="write a copy for a client: no internal notes or comments, opens for review",
        description="Writes a client copy of FILE to OUT: internal card notes, internal comments (all comments "
                    "unless --keep-comments), undo history, lock traces and deleted content are left out. "
                    "FILE is saved with the copy's content kept, so 'merge' finds the common ancestor later.")
    copy.add_argument("file", help="the consultant's .cxstudio project (saved: it keeps the copy's content)")
    copy.add_argument("-o", "--output", required=True, metavar="OUT", help="the client copy to write")
    copy.add_argument("--keep-comments", action="store_true", help="keep the shared comments")
    copy.add_argument("--lang", choices=("de", "en"), help=LANG_HELP)

    diff = commands.add_parser("diff", help="list what changed from project file A to project file B")
    diff.add_argument("a", help="the first .cxstudio file (old)")
    diff.add_argument("b", help="the second .cxstudio file (new)")
    diff.add_argument("--json", action="store_true", help="print JSON (stable keys and ids) instead of text")
    diff.add_argument("--lang", choices=("de", "en"), help=LANG_HELP)

    merge = commands.add_parser(
        "merge", help="three-way merge of a returned file (THEIRS) into OURS, written to OUT",
        description="Merges THEIRS into OURS against their common ancestor (found from the files' revisions, or "
                    "--base). Changes made on one side are taken; conflicts are listed and, without --prefer, "
                    "nothing is written (exit 1). OURS and THEIRS are only read.")
    merge.add_argument("ours", help="our .cxstudio file")
    merge.add_argument("theirs", help="their .cxstudio file (e.g. a returned client copy)")
    merge.add_argument("-o", "--output", required=True, metavar="OUT", help="the merged project to write")
    merge.add_argument("--base", metavar="BASE", help="the file both started from (default: found from the lineage)")
    merge.add_argument("--prefer", choices=("ours", "theirs"), help="decide every conflict for this side")
    merge.add_argument("--lang", choices=("de", "en"), help=LANG_HELP)


def _language(args: argparse.Namespace) -> str:
    from cxstudio.model.messages import language_from_environment

    return language_from_environment(args.lang)


def _say(text: str) -> None:
    from cxstudio.safetext import escape

    print(escape(text))


def _fail(text: str, language: str) -> int:
    from cxstudio.safetext import bounded

    print(f"cxstudio: {bounded(text, SENTENCE_LIMIT, language, keep='middle')}", file=sys.stderr)
    return EXIT_PROBLEM


def _cmd_client_copy(args: argparse.Namespace) -> int:
    from cxstudio import api

    language = _language(args)
    try:
        api.client_copy(args.file, args.output, keep_comments=args.keep_comments)
    except api.ProjectFileError as exc:
        return _fail(exc.message(language), language)
    _say(f"{args.output}: Kundenkopie geschrieben; {args.file} bewahrt ihren Inhalt für das Zusammenführen auf."
         if language == "de" else
         f"{args.output}: client copy written; {args.file} keeps its content for merging it back.")
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    import json

    from cxstudio import api
    from cxstudio.safetext import bounded, escape_json

    language = _language(args)
    try:
        comparison = api.diff_files(args.a, args.b)
    except api.ProjectFileError as exc:
        return _fail(exc.message(language), language)
    if args.json:
        print(escape_json(json.dumps(comparison.as_json(), ensure_ascii=False, indent=2, sort_keys=True)))
        return EXIT_OK
    for line in comparison.lines(language):
        print(bounded(line, LINE_LIMIT, language))
    return EXIT_OK


def _cmd_merge(args: argparse.Namespace) -> int:
    from cxstudio import api
    from cxstudio.safetext import bounded

    language = _language(args)
    german = language == "de"
    try:
        plan = api.merge_files(args.ours, args.theirs, args.output, base=args.base, prefer=args.prefer)
    except api.ProjectFileError as exc:
        return _fail(exc.message(language), language)
    if not plan.ok:
        for conflict in plan.conflicts:
            print(bounded(f"{'Konflikt' if german else 'conflict'} {conflict.key}: {conflict.describe(language)}",
                          LINE_LIMIT, language), file=sys.stderr)
        count = len(plan.conflicts)
        return _fail(f"{count} Konflikte, nichts geschrieben; wählen Sie mit --prefer ours oder --prefer theirs."
                     if german else
                     f"{count} conflicts, nothing written; decide them with --prefer ours or --prefer theirs.",
                     language)
    decided = len(plan.decided)
    _say(f"{args.output}: zusammengeführt ({plan.from_theirs} Elemente von ihrer Seite, {decided} Konflikte "
         "entschieden)." if german else
         f"{args.output}: merged ({plan.from_theirs} elements from theirs, {decided} conflicts decided).")
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "client-copy": _cmd_client_copy,
    "diff": _cmd_diff,
    "merge": _cmd_merge,
}
