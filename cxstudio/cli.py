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


class UsageError(Exception):
    """A bad command line; its message is one sentence for stderr."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports mistakes as one sentence instead of usage dumps."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message[:1].upper() + message[1:].rstrip(".") + f". See '{self.prog} --help'.")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cxstudio",
        description="CX Studio: an editor for customer journey maps and service blueprints.",
        epilog="Run 'cxstudio' alone or 'cxstudio FILE' to open the editor.",
    )
    parser.add_argument("--version", action="version", version=f"cxstudio {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    edit = commands.add_parser("edit", help="open the editor (the default command)")
    edit.add_argument("file", nargs="?", help="a .cxstudio project to open")

    templates = commands.add_parser("templates", help="list the templates and examples 'new --template' takes")
    templates.add_argument("--lang", choices=("de", "en"), help="only templates in this language")
    return parser


def _cmd_templates(args: argparse.Namespace) -> int:
    from cxstudio.content.templates import list_templates

    for info in list_templates():
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


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "templates": _cmd_templates,
    "edit": _cmd_edit,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _build_parser()
    known = set(_HANDLERS) | {"-h", "--help", "--version"}
    if not arguments or (arguments[0] not in known and not arguments[0].startswith("-")):
        arguments.insert(0, "edit")
    try:
        args = parser.parse_args(arguments)
    except UsageError as exc:
        print(f"cxstudio: {exc}", file=sys.stderr)
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


if __name__ == "__main__":
    sys.exit(main())
