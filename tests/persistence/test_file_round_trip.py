"""Save -> open returns an equal document: every entity and field, and random edit histories (property-based)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from persistence_samples import assert_same_documents, edited_documents, rich_document, uncovered_fields

from cxstudio import api
from cxstudio.api import OpenProject
from cxstudio.model.document import Document
from cxstudio.persistence.project_file import ProjectFile


def save_and_reopen(document: Document, path: Path) -> Document:
    project = OpenProject(document, ProjectFile.create_unsaved(document))
    project.save_as(path)
    project.close()
    reopened = api.open_project(path)
    try:
        return reopened.document
    finally:
        reopened.close()


def test_the_rich_sample_uses_every_field_of_every_entity() -> None:
    assert uncovered_fields(rich_document()) == []


def test_every_entity_and_field_survives_save_and_open(tmp_path: Path) -> None:
    original = rich_document()
    reopened = save_and_reopen(original, tmp_path / "rich.cxstudio")
    assert_same_documents(original, reopened)
    assert reopened.same_content(original)
    assert reopened.check_invariants() == []


@settings(max_examples=25)
@given(document=edited_documents())
def test_documents_built_by_random_edits_survive_save_and_open(tmp_path_factory, document: Document) -> None:
    path = tmp_path_factory.mktemp("roundtrip") / "random.cxstudio"
    assert_same_documents(document, save_and_reopen(document, path))


def test_the_working_copy_alone_reproduces_the_document_after_edits_undo_and_redo(tmp_path: Path) -> None:
    import random

    from persistence_samples import apply_random_edits

    project = api.create("journey-map", "en")
    apply_random_edits(project.session, random.Random(7), 40, ["Größe", "x y z", "line\nbreak"])
    project.undo()
    project.undo()
    project.redo()
    assert project.write_error is None
    project.save_as(tmp_path / "edited.cxstudio")  # a Save copies the working copy; nothing is re-written
    reopened = api.open_project(tmp_path / "edited.cxstudio", read_only=True)
    assert_same_documents(project.document, reopened.document)
    reopened.close()
    project.close()
