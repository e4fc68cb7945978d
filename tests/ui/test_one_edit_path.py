"""The editor changes a project only through `OpenProject.run` (or a helper over it): no operation called on a session."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from cxstudio.editing import operations

UI_DIR = Path(__file__).resolve().parents[2] / "cxstudio" / "ui"
SESSION_MACHINERY = {"transaction", "undo", "redo", "go_to", "undo_all", "redo_all", "clear_history"}


def _session_operations() -> set[str]:
    """The operations that take the session first (the edits); helpers like copy_cards or LaneSpec do not."""
    found = set()
    for name, value in vars(operations).items():
        if inspect.isfunction(value) and value.__module__ == operations.__name__:
            parameters = list(inspect.signature(value).parameters)
            if parameters and parameters[0] == "session":
                found.add(name)
    return found


def direct_edits(source: str) -> list[str]:
    """Calls in `source` that bypass `OpenProject.run`: an operation called, or the session's own undo or transaction."""
    tree = ast.parse(source)
    edits = _session_operations()
    module_aliases: set[str] = set()
    function_aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "cxstudio.editing":
            module_aliases |= {a.asname or a.name for a in node.names if a.name == "operations"}
        elif isinstance(node, ast.ImportFrom) and node.module == "cxstudio.editing.operations":
            function_aliases |= {a.asname or a.name: a.name for a in node.names if a.name in edits}
        elif isinstance(node, ast.Import):
            module_aliases |= {a.asname for a in node.names if a.name == "cxstudio.editing.operations" and a.asname}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in function_aliases:
            found.append(f"line {node.lineno}: {func.id}(...)")
        elif isinstance(func, ast.Attribute):
            owner = func.value
            if isinstance(owner, ast.Name) and owner.id in module_aliases and func.attr in edits:
                found.append(f"line {node.lineno}: {owner.id}.{func.attr}(...)")
            elif func.attr in SESSION_MACHINERY and (
                (isinstance(owner, ast.Attribute) and owner.attr == "session")
                or (isinstance(owner, ast.Name) and owner.id == "session")
            ):
                found.append(f"line {node.lineno}: session.{func.attr}(...)")
    return sorted(found, key=lambda text: int(text.split(":")[0].split()[1]))


def test_no_module_of_the_editor_edits_past_open_project_run() -> None:
    offenders = {
        str(path.relative_to(UI_DIR)): edits
        for path in sorted(UI_DIR.rglob("*.py"))
        if (edits := direct_edits(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_check_finds_each_way_around_run() -> None:
    source = (
        "from cxstudio.editing import operations as ops\n"
        "from cxstudio.editing.operations import edit_element, copy_cards\n"
        "def f(project, ids):\n"
        "    ops.move_cards(project.session, ids, 's', 'l')\n"
        "    edit_element(project.session, ids[0], title='x')\n"
        "    with project.session.transaction('grouped'):\n"
        "        pass\n"
        "    project.session.undo()\n"
        "    copy_cards(project.document, ids)\n"  # reads, changes nothing
        "    project.run(ops.move_cards, ids, 's', 'l')\n"  # the one edit path
        "    project.undo()\n"
    )
    assert direct_edits(source) == [
        "line 4: ops.move_cards(...)", "line 5: edit_element(...)", "line 6: session.transaction(...)",
        "line 8: session.undo(...)",
    ]
