"""The Python API shared by the editor, the command line and users' scripts: projects, operations, undo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from cxstudio.editing.session import ChangeSet, Session
from cxstudio.model.defaults import default_channels
from cxstudio.model.document import Document
from cxstudio.model.entities import Project

P = ParamSpec("P")
R = TypeVar("R")


class OpenProject:
    """A project in memory: its Document, the editing Session (undo/redo) and, lazily, its relation graph.

    Run any operation of `cxstudio.editing.operations` with `project.run(op, ...)`; each run is
    one undo step.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.session = Session(document)
        self._graph: Any = None

    def run(self, operation: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run one editing operation on this project (one undo step) and return its result."""
        return operation(self.session, *args, **kwargs)

    def undo(self) -> ChangeSet | None:
        return self.session.undo()

    def redo(self) -> ChangeSet | None:
        return self.session.redo()

    @property
    def graph(self) -> Any:
        """The project's RelationGraph (networkx), built on first use and kept up to date."""
        if self._graph is None:
            from cxstudio.model.graph import RelationGraph

            self._graph = RelationGraph(self.document)
        return self._graph

    @property
    def is_modified(self) -> bool:
        return not self.session.is_clean


def empty_document(name: str = "Untitled project", language: str = "en") -> Document:
    """A document with only the project record and the default channels in `language`."""
    document = Document(Project(name=name, language=language))
    session = Session(document)
    with session.transaction("New project"):
        for channel in default_channels(language):
            document.add(channel)
    session.detach()
    return document


def create(template: str | None = None, language: str = "en", name: str | None = None) -> OpenProject:
    """A new project in memory: empty (with default channels) or built from a bundled template or example."""
    if template is None:
        document = empty_document(name or ("Neues Projekt" if language == "de" else "Untitled project"), language)
    else:
        from cxstudio.content.templates import build_document

        document = build_document(template, language)
        if name:
            session = Session(document)
            with session.transaction("Name project"):
                document.update(document.project.id, name=name)
            session.detach()
    return OpenProject(document)
