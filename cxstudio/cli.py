"""The `cxstudio` command line: argument parsing and dispatch only; heavy imports happen inside commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from cxstudio import __version__

EXIT_OK = 0
EXIT_PROBLEM = 1  # the command ran and found a problem (bad file, failed check, ...)
EXIT_USAGE = 2  # the command line itself was wrong

# What a project file holds is untrusted (issue 9): names, ids and paths are shown escaped (see
# cxstudio.safetext) and bounded. A value in a line of text output is at most VALUE_LIMIT
# characters, a problem sentence of `check` at most LINE_LIMIT, any failure sentence at most
# SENTENCE_LIMIT; `check` prints at most CHECK_LINES lines of problems unless given --all.
VALUE_LIMIT = 200
LINE_LIMIT = 300
SENTENCE_LIMIT = 500
CHECK_LINES = 20


class UsageError(Exception):
    """A bad command line; its message is one sentence for stderr."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports mistakes as one sentence instead of usage dumps."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message[:1].upper() + message[1:].rstrip(".") + f". See '{self.prog} --help'.")


_FILE_COMMANDS = frozenset({"new", "info", "check", "upgrade"})
_SHARING_COMMANDS = frozenset({"client-copy", "diff", "merge"})


def _build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or (`only`, a command's name) the top level with just that command: the same parse of
    a command line naming it, without building (and importing) the other commands' parsers."""

    def wanted(*names: str) -> bool:
        return only is None or only in names

    parser = _Parser(
        prog="cxstudio",
        description="CX Studio: an editor for customer journey maps and service blueprints.",
        epilog="Run 'cxstudio' alone or 'cxstudio FILE' to open the editor.",
    )
    parser.add_argument("--version", action="version", version=f"cxstudio {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    if wanted("edit"):
        edit = commands.add_parser("edit", help="open the editor (the default command)")
        edit.add_argument("file", nargs="?", help="a .cxstudio project to open")

    if wanted("render"):
        render = commands.add_parser(
            "render", help="draw one journey of a project to a PNG as the editor shows it (no display needed)"
        )
        render.add_argument("file", help="a .cxstudio project")
        render.add_argument("-o", "--output", required=True, metavar="OUT.png", help="the PNG to write")
        render.add_argument("--journey", metavar="NAME", help="the journey (name or id); default: the first")
        render.add_argument("--view", metavar="VIEW",
                            help="map (default), blueprint, swimlane (by channel) or swimlane-department")
        render.add_argument("--scale", type=float, default=2.0, help="pixels per point (default 2.0)")
        from cxstudio.cli_export import add_map_switches  # argparse only

        add_map_switches(render)

    if wanted("templates"):
        templates = commands.add_parser("templates", help="list the templates and examples 'new --template' takes")
        templates.add_argument("--lang", choices=("de", "en"), help="only templates in this language")

    if wanted(*_FILE_COMMANDS):
        _add_file_commands(commands)
    if wanted("export"):
        from cxstudio.cli_export import add_export_command  # argparse only; the export itself imports on demand

        add_export_command(commands)
    if wanted(*_SHARING_COMMANDS):
        from cxstudio.cli_sharing import add_sharing_commands  # client-copy, diff, merge (standard library only)

        add_sharing_commands(commands)
    if wanted("analyze"):
        from cxstudio.cli_analyze import add_analyze_command  # light: argparse only

        add_analyze_command(commands)
    if wanted("import"):
        from cxstudio.cli_office import add_import_command  # standard library only

        add_import_command(commands)
    return parser


# ---------------------------------------------------------------------- file commands: new, info, check, upgrade
def _add_file_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Sub-commands for project files: new, info, check, upgrade.

    Exit codes of the file commands:

    | code | meaning |
    |---|---|
    | 0 | success; for `check`: every check passed and the file is a sound project |
    | 1 | the file is not a usable project (missing, a folder, unreadable, empty, not SQLite, damaged or truncated, another application's database, a newer format, invalid content), `check` found a problem, the target of `new` exists and `--force` was not given, or writing failed (disk full, folder not writable, file open in another editor) |
    | 2 | the command line is wrong (unknown command or option, unknown template) |
    | 130 | interrupted (Ctrl+C) |

    Every failure prints one sentence to stderr, in German when `--lang de` is given or LANGUAGE, LC_ALL,
    LC_MESSAGES or LANG (the first one set) starts with `de`, and never a traceback.
    """
    lang_help = "language of messages (and of the new project's content); default: from LANGUAGE/LC_ALL/LANG"
    new = commands.add_parser("new", help="write a new project file, empty or from a template or example")
    new.add_argument("file", help="the .cxstudio file to write")
    new.add_argument("--template", metavar="NAME", help="a template or example (see 'cxstudio templates')")
    new.add_argument("--lang", choices=("de", "en"), help=lang_help)
    new.add_argument("--name", help="the project's name")
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    info = commands.add_parser("info", help="show a project file's format version, element counts and journeys")
    info.add_argument("file", help="a .cxstudio file")
    info.add_argument("--json", action="store_true", help="print JSON instead of text")
    info.add_argument("--lang", choices=("de", "en"), help=lang_help)

    check = commands.add_parser("check", help="run every check on a project file; exit 0 only when it is sound")
    check.add_argument("file", help="a .cxstudio file")
    check.add_argument("--all", action="store_true",
                       help=f"list every problem, one per line (default: grouped by cause, at most {CHECK_LINES} lines)")
    check.add_argument("--lang", choices=("de", "en"), help=lang_help)

    upgrade = commands.add_parser("upgrade", help="rewrite a project file in the current file format")
    upgrade.add_argument("file", help="a .cxstudio file")
    upgrade.add_argument("-o", "--output", metavar="OUT", help="write the upgraded project here instead of in place")
    upgrade.add_argument("--lang", choices=("de", "en"), help=lang_help)


def _say(text: str) -> None:
    """Print a line of output; terminal-unsafe characters in it are shown as escapes, so it stays one line."""
    from cxstudio.safetext import escape

    print(escape(text))


def _fail(text: str, language: str = "en") -> int:
    """Print one failure sentence to stderr, escaped and bounded whatever it quotes; returns exit code 1."""
    _complain(text, language)
    return EXIT_PROBLEM


def _complain(text: str, language: str = "en") -> None:
    """Print `text` as one line to stderr after 'cxstudio: ', escaped and at most SENTENCE_LIMIT characters."""
    from cxstudio.safetext import bounded

    print(f"cxstudio: {bounded(text, SENTENCE_LIMIT, language, keep='middle')}", file=sys.stderr)


def _shown(value: object, language: str, path: bool = False) -> str:
    """A name, title or path from a file for a line of text output: escaped and at most VALUE_LIMIT characters."""
    from cxstudio.safetext import bounded

    return bounded(str(value), VALUE_LIMIT, language, keep="middle" if path else "start")


def _foreign(inspection: object, language: str) -> list[str]:
    """One sentence per object of the file's schema that is not CX Studio's (ignored), in `language` where offered."""
    in_language = getattr(inspection, "foreign_in", None)
    found = in_language(language) if callable(in_language) else getattr(inspection, "foreign", None)
    return [str(sentence) for sentence in found or ()]


def _objects_ignored(count: int, language: str) -> str:
    """'2 objects that are not part of a CX Studio project' in `language`."""
    if language == "de":
        number = f"{count:,}".replace(",", ".")
        return ("1 Objekt, das nicht zu einem CX-Studio-Projekt gehört" if count == 1
                else f"{number} Objekte, die nicht zu einem CX-Studio-Projekt gehören")
    return ("1 object that is not part of a CX Studio project" if count == 1
            else f"{count:,} objects that are not part of a CX Studio project")


def _cmd_new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from cxstudio import api
    from cxstudio.model.errors import ModelError
    from cxstudio.model.messages import language_from_environment
    from cxstudio.persistence.errors import ProjectFileError

    language = language_from_environment(args.lang)
    target = Path(args.file)
    if target.is_dir():
        return _fail(ProjectFileError("target_is_directory", path=target).message(language))
    if target.exists() and not args.force:
        return _fail(ProjectFileError("target_exists", path=target).message(language))
    if args.template is not None:
        from cxstudio.content.templates import UnknownTemplateError

        try:
            project = api.create(args.template, language=args.lang or _template_language(args.template, language),
                                 name=args.name)
        except UnknownTemplateError as exc:
            _complain(str(exc), language)
            return EXIT_USAGE
        except ModelError as exc:  # a damaged template file or a refused --name
            return _fail(str(exc))
    else:
        try:
            project = api.create(language=language, name=args.name)
        except ModelError as exc:  # a refused --name (control characters, too long)
            return _fail(str(exc))
    try:
        project.save_as(target)
    except ProjectFileError as exc:
        return _fail(exc.message(language))
    finally:
        project.close()
    if language == "de":
        _say(f"{target} geschrieben: „{project.document.project.name}“.")
    else:
        _say(f"Wrote {target}: '{project.document.project.name}'.")
    return EXIT_OK


def _template_language(name: str, preferred: str) -> str | None:
    """The preferred language if the template exists in it, else None (its first language)."""
    from cxstudio.content.templates import list_templates

    languages = [info.language for info in list_templates() if info.name == name]
    return preferred if preferred in languages else None


def _cmd_info(args: argparse.Namespace) -> int:
    import json

    from cxstudio import api
    from cxstudio.model.entities import ENTITY_TYPES
    from cxstudio.model.messages import language_from_environment
    from cxstudio.persistence.errors import ProjectFileError
    from cxstudio.persistence.schema import SCHEMA_VERSION

    language = language_from_environment(args.lang)
    try:
        inspection = api.check_file(args.file, thorough=False)
    except ProjectFileError as exc:
        return _fail(exc.message(language))
    document = inspection.document
    if document is None:
        return _fail(_invalid_sentence(inspection, language))
    counts = {t.KIND: document.count(t) for t in ENTITY_TYPES}
    journeys = [
        {"id": j.id, "name": j.name, "stages": len(document.stages(j.id)), "lanes": len(document.lanes(j.id)),
         "cards": len(document.cards(j.id))}
        for j in document.journeys()
    ]
    foreign: list[str] = _foreign(inspection, language)
    if args.json:
        from cxstudio.safetext import escape_json

        # Every name comes out exactly (JSON escapes decode to the same text); escape_json also writes
        # C1, bidi and other format characters as \u escapes, which json.dumps leaves raw, so the JSON
        # cannot repaint or reorder a terminal it is printed on. ensure_ascii would do that too but
        # would also turn every umlaut into an escape.
        print(escape_json(json.dumps({
            "path": str(inspection.path), "format_version": inspection.version,
            "current_format_version": SCHEMA_VERSION, "project": document.project.name,
            "language": document.project.language, "counts": counts, "journeys": journeys,
            "foreign": foreign,
        }, ensure_ascii=False, indent=2)))
        return EXIT_OK
    german = language == "de"
    _say(f"{'Datei' if german else 'File'}: {_shown(inspection.path, language, path=True)}")
    _say(f"{'Dateiformat' if german else 'File format'}: {inspection.version}"
         + (f" ({'aktuell' if german else 'current'}: {SCHEMA_VERSION})" if inspection.version != SCHEMA_VERSION else ""))
    _say(f"{'Projekt' if german else 'Project'}: {_shown(document.project.name, language)}")
    _say(("Elemente" if german else "Elements") + ": " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    _say(("Customer Journeys" if german else "Journeys") + f": {len(journeys)}")
    for journey in journeys:
        name = _shown(journey["name"], language)
        if german:
            _say(f"  {name}: {journey['stages']} Phasen, {journey['lanes']} Bahnen, {journey['cards']} Karten")
        else:
            _say(f"  {name}: {journey['stages']} stages, {journey['lanes']} lanes, {journey['cards']} cards")
    if foreign:
        _say(f"Ignoriert: {_objects_ignored(len(foreign), language)} (siehe cxstudio check)" if german
             else f"Ignored: {_objects_ignored(len(foreign), language)} (see cxstudio check)")
    return EXIT_OK


def _invalid_sentence(inspection: object, language: str) -> str:
    from cxstudio.persistence.errors import ProjectFileError

    problems: list[str] = getattr(inspection, "problems", [])
    return ProjectFileError("invalid_content", path=getattr(inspection, "path", ""), count=len(problems),
                            first=problems[0] if problems else "?").message(language)


def _cmd_check(args: argparse.Namespace) -> int:
    from cxstudio import api
    from cxstudio.model.messages import language_from_environment
    from cxstudio.persistence.errors import ProjectFileError

    language = language_from_environment(args.lang)
    german = language == "de"
    try:
        inspection = api.check_file(args.file, thorough=True)
    except ProjectFileError as exc:
        return _fail(exc.message(language), language)
    problems = list(inspection.problems)
    foreign: list[str] = _foreign(inspection, language)
    if not problems and inspection.document is not None and not foreign:
        elements = len(inspection.document)
        if german:
            _say(f"{_shown(inspection.path, language, path=True)}: in Ordnung (Dateiformat {inspection.version}, "
                 f"{elements} Elemente).")
        else:
            _say(f"{_shown(inspection.path, language, path=True)}: sound (file format {inspection.version}, "
                 f"{elements} elements).")
        return EXIT_OK
    path = _shown(inspection.path, language, path=True)
    sections: list[tuple[str, list[str]]] = []
    if problems or inspection.document is None:
        count = len(problems)
        sections.append((f"cxstudio: {path}: " + (f"{count} Problem(e) gefunden:" if german
                                                  else f"{count} problem(s) found:"), problems))
    if foreign:
        objects = _objects_ignored(len(foreign), language)
        if sections:
            heading = f"außerdem ignoriert CX Studio {objects}:" if german else f"CX Studio also ignores {objects}:"
        else:
            heading = (f"das Projekt selbst ist in Ordnung, aber CX Studio ignoriert {objects}:" if german
                       else f"the project itself is sound, but CX Studio ignores {objects}:")
        sections.append((f"cxstudio: {path}: {heading}", foreign))
    for line in check_report(sections, language, every=args.all, file=args.file):
        print(line, file=sys.stderr)
    return EXIT_PROBLEM


def check_report(sections: list[tuple[str, list[str]]], language: str, every: bool = False,
                 file: str = "FILE", max_lines: int = CHECK_LINES) -> list[str]:
    """The lines `check` prints: per section its heading, then its problems grouped by cause, or `every` one.

    Grouped, at most `max_lines` lines of problems are printed (a group whose examples do not fit
    shows its summary alone), then one line saying how many problems are not shown and that
    `--all` lists them. With `every`, each sentence is one line. Every line is escaped and at most
    LINE_LIMIT characters (plus its indent), whatever the file holds.
    """
    from cxstudio.model.problems import group_problems
    from cxstudio.safetext import bounded

    def line(text: str) -> str:
        return bounded(text, LINE_LIMIT, language, keep="middle")

    lines: list[str] = []
    if every:
        for heading, sentences in sections:
            lines.append(heading)
            lines.extend(f"  - {line(sentence)}" for sentence in sentences)
        return lines
    used = hidden = 0
    for heading, sentences in sections:
        shown: list[str] = []
        for group in group_problems(sentences, language):
            block = [f"  - {line(group.summary)}", *(f"      {line(example)}" for example in group.examples)]
            if used + len(block) > max_lines:
                block = block[:1]
            if used + len(block) > max_lines:
                hidden += group.count
                continue
            shown.extend(block)
            used += len(block)
        if shown or not sentences:  # a section none of whose groups fit is only counted in `hidden`
            lines.append(heading)
            lines.extend(shown)
    if hidden:
        import shlex

        command = bounded(f"cxstudio check {shlex.quote(file)} --all", LINE_LIMIT, language, keep="middle")
        number = f"{hidden:,}".replace(",", ".") if language == "de" else f"{hidden:,}"
        if language == "de":
            what = "weiteres Problem" if hidden == 1 else "weitere Probleme"
            lines.append(f"  … {number} {what} nicht gezeigt; '{command}' zeigt jedes Problem.")
        else:
            what = "more problem" if hidden == 1 else "more problems"
            lines.append(f"  … {number} {what} not shown; '{command}' lists every problem.")
    return lines


def _cmd_upgrade(args: argparse.Namespace) -> int:
    from cxstudio import api
    from cxstudio.model.messages import language_from_environment
    from cxstudio.persistence.errors import ProjectFileError
    from cxstudio.persistence.schema import SCHEMA_VERSION

    language = language_from_environment(args.lang)
    german = language == "de"
    try:
        inspection = api.check_file(args.file, thorough=False)
        if inspection.document is None:
            return _fail(_invalid_sentence(inspection, language))
        if inspection.version == SCHEMA_VERSION and args.output is None:
            _say(f"{inspection.path}: " + (f"bereits im aktuellen Dateiformat {SCHEMA_VERSION}; nichts zu tun."
                                           if german else f"already in the current file format {SCHEMA_VERSION}; "
                                           "nothing to do."))
            return EXIT_OK
        project = api.open_project(args.file, read_only=args.output is not None)
        try:
            if args.output is not None:
                project.save_copy(args.output)
            else:
                project.save()
        finally:
            project.close()
    except ProjectFileError as exc:
        return _fail(exc.message(language))
    written = args.output or args.file
    if inspection.version == SCHEMA_VERSION:
        _say(f"{written}: " + (f"im aktuellen Dateiformat {SCHEMA_VERSION} geschrieben." if german
                               else f"written in the current file format {SCHEMA_VERSION}."))
    elif german:
        _say(f"{written}: von Dateiformat {inspection.version} auf {SCHEMA_VERSION} gebracht.")
    else:
        _say(f"{written}: upgraded from file format {inspection.version} to {SCHEMA_VERSION}.")
    return EXIT_OK


# ---------------------------------------------------------------------- export: see cxstudio.cli_export
def _cmd_export(args: argparse.Namespace) -> int:
    from cxstudio.cli_export import cmd_export

    return cmd_export(args)


def _cmd_templates(args: argparse.Namespace) -> int:
    from cxstudio.content.templates import list_templates
    from cxstudio.model.errors import ModelError

    try:
        templates = list_templates()
    except ModelError as exc:  # a damaged template file in the installation
        return _fail(str(exc))
    for info in templates:
        if args.lang and info.language != args.lang:
            continue
        print(f"{info.name}\t{info.language}\t{info.description}")
    return EXIT_OK


def _cmd_edit(args: argparse.Namespace) -> int:
    try:
        from cxstudio.app import run_editor
    except ImportError:
        print("The editor is not available in this version yet; use the command-line tools or the Python API.",
              file=sys.stderr)
        return EXIT_PROBLEM
    return run_editor(args.file)


def _cmd_render(args: argparse.Namespace) -> int:
    if not 0.1 <= args.scale <= 8:
        print("cxstudio: --scale must be between 0.1 and 8 pixels per point.", file=sys.stderr)
        return EXIT_USAGE
    from cxstudio.layout.settings import ViewKind, view_from_name

    view = view_from_name(args.view) if args.view is not None else ViewKind.MAP
    if view is None:
        from cxstudio.export.errors import ExportError
        from cxstudio.model.messages import language_from_environment

        language = language_from_environment()
        _complain(ExportError("unknown_view", view=args.view).message(language), language)
        return EXIT_USAGE
    from pathlib import Path

    from cxstudio.app import render_headless
    from cxstudio.cli_export import map_settings

    code = render_headless(args.file, args.output, journey=args.journey, scale=args.scale, view=view.value,
                           settings=map_settings(args))
    if code == EXIT_OK:
        from cxstudio.cli_export import image_written
        from cxstudio.export.texts import word
        from cxstudio.model.messages import language_from_environment

        language = language_from_environment()
        _say(image_written(Path(args.output), word(f"view_{view.value}", language), round(72 * args.scale),
                           language))
    return code


def _cmd_analyze(args: argparse.Namespace) -> int:
    from cxstudio.cli_analyze import run_analyze

    return run_analyze(args)


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "render": _cmd_render,
    "templates": _cmd_templates,
    "edit": _cmd_edit,
    "new": _cmd_new,
    "info": _cmd_info,
    "check": _cmd_check,
    "upgrade": _cmd_upgrade,
    "export": _cmd_export,
    "analyze": _cmd_analyze,
    "import": lambda args: _cmd_import(args),
    "client-copy": lambda args: _sharing("client-copy", args),
    "diff": lambda args: _sharing("diff", args),
    "merge": lambda args: _sharing("merge", args),
}


def _sharing(command: str, args: argparse.Namespace) -> int:
    """Run a sharing command of `cxstudio.cli_sharing` (client-copy, diff, merge)."""
    from cxstudio.cli_sharing import HANDLERS

    return HANDLERS[command](args)


def _cmd_import(args: argparse.Namespace) -> int:
    from cxstudio.cli_office import cmd_import

    return cmd_import(args)


def _looks_like_command(word: str) -> bool:
    """A bare word that is no existing path and has no file suffix: a mistyped command, not a file."""
    import os

    return not os.path.exists(word) and os.sep not in word and "." not in word


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    known = set(_HANDLERS) | {"-h", "--help", "--version"}
    if not arguments or (arguments[0] not in known and not arguments[0].startswith("-")):
        if arguments and _looks_like_command(arguments[0]):
            _complain(f"'{arguments[0]}' is neither a command nor a project file. See 'cxstudio --help'.")
            return EXIT_USAGE
        arguments.insert(0, "edit")
    if arguments[0] == "edit" and len(arguments) <= 2 and not any(a.startswith("-") for a in arguments[1:]):
        # the editor's start, `cxstudio [FILE]`: what its parser would return, without building one (~2 ms)
        args = argparse.Namespace(command="edit", file=arguments[1] if len(arguments) == 2 else None)
    else:
        # a command line starting with a command parses with that command's parser only
        parser = _build_parser(arguments[0] if arguments[0] in _HANDLERS else None)
        try:
            args = parser.parse_args(arguments)
        except UsageError as exc:
            _complain(str(exc))
            return EXIT_USAGE
        except SystemExit as exc:  # --help and --version exit through argparse
            return int(exc.code or 0)
    handler = _HANDLERS[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("cxstudio: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: still one sentence, never a traceback (CXSTUDIO_DEBUG=1 shows it)
        import os

        if os.environ.get("CXSTUDIO_DEBUG"):
            raise
        _complain(f"internal error ({type(exc).__name__}: {exc}); please report it "
                  "(run with CXSTUDIO_DEBUG=1 for details).")
        return EXIT_PROBLEM


if __name__ == "__main__":
    sys.exit(main())
