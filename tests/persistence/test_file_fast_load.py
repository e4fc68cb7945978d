"""The fast paths of opening: generated entity builders and validators, bulk indexes, loading from the file's bytes."""

from __future__ import annotations

import gc
import random
import sqlite3
import weakref
from pathlib import Path

import pytest
from persistence_samples import apply_random_edits, assert_same_documents, rich_document

from cxstudio import api
from cxstudio.editing import operations as ops
from cxstudio.editing.session import Session
from cxstudio.memory import paused_collection
from cxstudio.model.document import Document
from cxstudio.model.entities import ENTITY_TYPES, Entity, entity_builder
from cxstudio.model.errors import InvariantError
from cxstudio.persistence import verified
from cxstudio.persistence.errors import ProjectFileError
from cxstudio.persistence.project_file import ProjectFile
from cxstudio.persistence.schema import CODECS
from cxstudio.persistence.store import read_entities_from, read_entities_from_bytes
from cxstudio.persistence.working_copy import DATABASE_NAME, working_copies_dir

UUID = "0f8fad5b-d9cb-469f-a165-70867728950e"


class Text(str):
    """A str subclass: the general checks accept it, the generated quick tests must hand it on to them."""


class Number(int):
    """An int subclass (not bool)."""


def one_of_each_kind() -> dict[str, Entity]:
    document = rich_document()
    samples: dict[str, Entity] = {}
    for entity in document.entities():
        samples.setdefault(entity.KIND, entity)
    assert sorted(samples) == sorted(t.KIND for t in ENTITY_TYPES)
    return samples


def outcome(check) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    try:
        check()
    except Exception as exc:  # every kind of failure must be the same, not only InvariantError
        return type(exc).__name__, str(exc)
    return None


TRICKY_VALUES: list[object] = [
    None, "", " ", "x", "Größe äöü", "a\tb\nc\r", "a\x01b", "\x7f", "x" * 2_000, "x" * 2_001, "y" * 200_001,
    Text("text subclass"), Text(""), UUID, UUID.upper(), UUID.replace("-", ""), "not-a-uuid", Text(UUID),
    0, 1, -1, 3, 4, 11, 131, Number(2), True, False, 1.5, 0.0, float("nan"), float("inf"), 10**400,
    b"", b"\x89PNG", bytearray(b"x"), (), ("a",), ("a", "b"), ("a", "a"), ("a\x00",), ("x" * 200_001,),
    (Text("a"),), (UUID,), ("a", 1), ["a"], "#a1b2c3", "#zzzzzz", "2026-01-02", "2026-01-02T03:04", "02.01.2026",
    "online", "as_is", "cards", "interaction", "step", "leads_to", "nps", "journey", "in_progress", "nope",
    "erika@example.com", "not an address", "de", "fr",
]


def test_the_generated_check_of_every_field_gives_the_same_verdict_and_sentence_as_the_general_checks() -> None:
    compared = 0
    for kind, entity in one_of_each_kind().items():
        names = entity.field_names()
        assert outcome(entity.validate) is None, kind
        for name in names:
            for value in TRICKY_VALUES:
                changed = entity.replace(**{name: value})
                generated = outcome(changed.validate)
                general = outcome(lambda changed=changed, names=names: changed.validate(names))  # type: ignore[misc]
                assert generated == general, (kind, name, value)
                compared += 1
    assert compared > 5_000


def test_the_generated_checks_still_catch_what_they_must() -> None:
    samples = one_of_each_kind()
    card = samples["card"]
    for changes, sentence in (
        ({"title": "a\x01b"}, "contains control characters"),
        ({"tags": ("a", "a")}, "lists an entry twice"),
        ({"rating": 11}, "outside 1-10"),
        ({"kind": "nope"}, "kind must be one of"),
        ({"stage_id": "not-a-uuid"}, "is not a valid UUID"),
        ({"moment_of_truth": 1}, "must be true or false"),
    ):
        with pytest.raises(InvariantError, match=sentence):
            card.replace(**changes).validate()
    with pytest.raises(InvariantError, match="needs a name"):
        samples["journey"].replace(name="   ").validate()
    with pytest.raises(InvariantError, match="finite number"):
        samples["metric"].replace(current=float("nan")).validate()


def stored_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    connection = sqlite3.connect(path)
    try:
        return {t.KIND: connection.execute(f'SELECT * FROM "{t.KIND}"').fetchall() for t in ENTITY_TYPES}
    finally:
        connection.close()


def saved(document: Document, path: Path) -> Path:
    project = api.OpenProject(document, ProjectFile.create_unsaved(document))
    project.save_as(path)
    project.close()
    return path


def test_an_entity_built_from_a_stored_row_equals_one_built_by_its_constructor_for_every_kind_and_field(
    tmp_path: Path,
) -> None:
    document = rich_document()
    rows = stored_rows(saved(document, tmp_path / "rich.cxstudio"))
    for entity_type in ENTITY_TYPES:
        codec = CODECS[entity_type.KIND]
        assert rows[entity_type.KIND], entity_type.KIND
        for row in rows[entity_type.KIND]:
            values = dict(zip(codec.names, row))
            for name, decode in codec.decoders.items():
                values[name] = decode(values[name])
            expected = entity_type(**values)  # the keyword constructor, as before
            built = codec.build(row)
            assert type(built) is entity_type and built == expected and hash(built) == hash(expected)
            for field in entity_type.FIELDS:
                assert getattr(built, field.name) == getattr(expected, field.name), (entity_type.KIND, field.name)
                assert type(getattr(built, field.name)) is type(getattr(expected, field.name))
            assert built == document.get(built.id)
            with pytest.raises(AttributeError):
                built.id = UUID  # type: ignore[misc]


def test_rows_decoded_column_by_column_equal_rows_decoded_one_by_one(tmp_path: Path) -> None:
    """The bulk path (whole columns, repeated tag lists decoded once) gives what the row path gives, odd values included."""
    rows = stored_rows(saved(rich_document(), tmp_path / "rich.cxstudio"))
    for entity_type in ENTITY_TYPES:
        codec = CODECS[entity_type.KIND]
        assert codec.from_rows(rows[entity_type.KIND]) == [codec.from_row(row) for row in rows[entity_type.KIND]]
    card_codec = CODECS["card"]
    template = list(rows["card"][0])
    tags, truth = card_codec.names.index("tags"), card_codec.names.index("moment_of_truth")
    odd_tags = ['["a","b"]', '["a","b"]', "[]", '["ä \\"x\\""]', '[1]', "not json", '["a", "b"]', None, 7, '["x"', "[]"]
    odd_truths = [0, 1, 1.0, 0.0, 2, "1", None, b"1", -1, 1, 0]
    odd_rows = []
    for tag_value, truth_value in zip(odd_tags, odd_truths, strict=True):
        row = list(template)
        row[tags], row[truth] = tag_value, truth_value
        odd_rows.append(tuple(row))
    bulk, single = card_codec.from_rows(odd_rows), [card_codec.from_row(row) for row in odd_rows]
    assert bulk == single
    assert [card.tags for card in bulk][:4] == [("a", "b"), ("a", "b"), (), ('ä "x"',)]
    assert [card.tags for card in bulk][4:8] == ["[1]", "not json", ("a", "b"), None]
    assert [card.moment_of_truth for card in bulk][:6] == [False, True, True, False, 2, "1"]
    for card, row in zip(bulk, odd_rows, strict=True):  # what cannot be decoded is left for validation to refuse
        assert type(card.moment_of_truth) is bool or card.moment_of_truth == row[truth]
    with pytest.raises(ValueError, match="must have"):
        card_codec.from_rows([*odd_rows, odd_rows[0][:-1]])


def test_an_entity_builder_applies_converters_and_refuses_wrong_rows() -> None:
    for entity_type in ENTITY_TYPES:
        names = entity_type.field_names()
        original = entity_type(**{"id": UUID, **_required_refs(entity_type)})
        values = [getattr(original, name) for name in names]
        assert entity_builder(entity_type)(values) == original
        with pytest.raises(ValueError, match=f"has {len(names)} fields"):
            entity_builder(entity_type)(values[:-1])
    build = entity_builder(ENTITY_TYPES[0], {"name": str.upper})
    project = build([UUID, "projekt", "", "", "de", ""])
    assert project.name == "PROJEKT" and project.id == UUID
    with pytest.raises(TypeError, match="no field colour"):
        entity_builder(ENTITY_TYPES[0], {"colour": str})


def _required_refs(entity_type: type[Entity]) -> dict[str, str]:
    return {f.name: UUID for f in entity_type.FIELDS if f.required}


def assert_same_indexes_and_queries(bulk: Document, one_by_one: Document) -> None:
    assert bulk.same_content(one_by_one)
    assert [e.id for e in bulk.entities()] == [e.id for e in one_by_one.entities()]
    for entity_type in ENTITY_TYPES:
        assert [e.id for e in bulk.all(entity_type)] == [e.id for e in one_by_one.all(entity_type)]
    assert bulk.project == one_by_one.project
    for journey in one_by_one.journeys():
        assert bulk.stages(journey.id) == one_by_one.stages(journey.id)
        assert bulk.lanes(journey.id) == one_by_one.lanes(journey.id)
        assert sorted(c.id for c in bulk.cards(journey.id)) == sorted(c.id for c in one_by_one.cards(journey.id))
        for stage in one_by_one.stages(journey.id):
            for lane in one_by_one.lanes(journey.id):
                assert bulk.cards_in_cell(stage.id, lane.id) == one_by_one.cards_in_cell(stage.id, lane.id)
    for entity in one_by_one.entities():
        assert bulk.relations_of(entity.id) == one_by_one.relations_of(entity.id)
        for kind_type in ENTITY_TYPES:
            for field_name in kind_type.REFS:
                assert bulk.referrer_ids(entity.id, kind_type.KIND, field_name) == \
                    one_by_one.referrer_ids(entity.id, kind_type.KIND, field_name)
    assert sorted(bulk.relation_edges()) == sorted(one_by_one.relation_edges())
    # the indexes built one entity at a time (by the edits) equal a bulk rebuild of the same content
    assert one_by_one.check_invariants() == []
    assert bulk.check_invariants() == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_document_built_in_bulk_has_the_indexes_and_answers_of_one_built_edit_by_edit(seed: int) -> None:
    document = rich_document()
    apply_random_edits(Session(document), random.Random(seed), 60, ["Größe", "x y", "line\nbreak"])
    entities = list(document.entities())
    assert_same_indexes_and_queries(Document.from_entities(entities), document)
    by_kind = sorted(entities, key=lambda e: [t.KIND for t in ENTITY_TYPES].index(e.KIND))  # as a file is read
    assert_same_indexes_and_queries(Document.from_entities(by_kind, check=False),
                                    Document.from_entities(by_kind, check=True))


def test_bulk_building_finds_the_first_id_used_twice_and_keeps_the_given_order() -> None:
    document = rich_document()
    entities = list(document.entities())
    card = next(e for e in entities if e.KIND == "card")
    relation = next(e for e in entities if e.KIND == "relation")
    twin = relation.replace(id=card.id)
    with pytest.raises(InvariantError, match=f"The id {card.id} is used twice."):
        Document.from_entities([*entities, twin], check=False)
    shuffled = entities[:]
    random.Random(5).shuffle(shuffled)  # kinds interleaved: the order of every listing follows the input
    rebuilt = Document.from_entities(shuffled)
    assert [e.id for e in rebuilt.entities()] == [e.id for e in shuffled]
    assert rebuilt.same_content(document) and rebuilt.check_invariants() == []


def test_loading_from_the_files_bytes_gives_what_reading_the_file_gives(tmp_path: Path) -> None:
    path = saved(rich_document(), tmp_path / "rich.cxstudio")
    from_bytes = read_entities_from_bytes(path.read_bytes())
    connection = sqlite3.connect(path)
    try:
        from_file = read_entities_from(connection)
    finally:
        connection.close()
    assert from_bytes is not None and from_bytes == from_file
    with pytest.raises(sqlite3.DatabaseError):  # unreadable bytes: the opening checks word it for the user
        read_entities_from_bytes(b"SQLite format 3\x00" + bytes(4_000))
    with pytest.raises(sqlite3.DatabaseError):
        read_entities_from_bytes(path.read_bytes()[:4096])


def wal_mode_file(tmp_path: Path) -> Path:
    """A sound project file whose header says write-ahead log (SQLite refuses such bytes in memory as they are)."""
    path = saved(rich_document(), tmp_path / "wal.cxstudio")
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    connection.close()
    assert path.read_bytes()[18:20] == b"\x02\x02"
    return path


def test_a_file_in_write_ahead_log_mode_without_a_log_beside_it_is_read_in_memory(tmp_path: Path) -> None:
    path = wal_mode_file(tmp_path)
    connection = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.DatabaseError):
        connection.deserialize(path.read_bytes())
        connection.execute("SELECT count(*) FROM card").fetchall()
    connection.close()
    assert read_entities_from_bytes(path.read_bytes()) is not None  # the header is read as a rollback journal's
    first = api.open_project(path)  # every check
    assert_same_documents(rich_document_like(first.document), first.document)
    first.close()
    second = api.open_project(path)  # now remembered as checked: the fast path
    assert second.document.same_content(first.document) and second.document.check_invariants() == []
    second.close()
    assert api.check_file(path, thorough=False).verified_before


def rich_document_like(document: Document) -> Document:
    """The rich sample has fresh ids each time: compare with the loaded document's own content instead."""
    return Document.from_entities(document.entities())


def test_an_opened_file_is_equal_the_working_copy_holds_it_and_edits_go_through(tmp_path: Path) -> None:
    original = rich_document()
    path = saved(original, tmp_path / "edit.cxstudio")
    digest = verified.file_digest(path)
    project = api.open_project(path)
    try:
        assert project.document.same_content(original) and project.document.check_invariants() == []
        assert project.working_copy is not None
        database = project.working_copy / DATABASE_NAME
        assert stored_rows(database) == stored_rows(path)
        journey = project.document.journeys()[0]
        project.run(ops.rename, journey.id, "Neu")
        assert project.write_error is None
        project.save_copy(tmp_path / "copy.cxstudio")  # a snapshot of the working copy (it is locked exclusively)
        copied = {row[0]: row for row in stored_rows(tmp_path / "copy.cxstudio")["journey"]}
        assert copied[journey.id][1] == "Neu"
    finally:
        project.close()
    assert verified.file_digest(path) == digest


def test_garbage_collection_is_paused_only_while_loading() -> None:
    assert gc.isenabled()
    with paused_collection():
        assert not gc.isenabled()
        with paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()  # a caller that had switched it off keeps it off
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), paused_collection():
        raise RuntimeError("fails while loading")
    assert gc.isenabled()


def test_a_failed_check_in_the_second_thread_reaches_the_caller_as_its_sentence(tmp_path: Path) -> None:
    path = tmp_path / "fremd.cxstudio"  # another application's database that claims our schema version
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE kunden (id INTEGER PRIMARY KEY, name TEXT)")
    connection.execute("INSERT INTO kunden VALUES (1, 'Müller')")
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    digest = verified.file_digest(path)
    for attempt in range(2):
        with pytest.raises(ProjectFileError) as caught:
            api.open_project(path)
        assert caught.value.code == "foreign_database", attempt
        assert "Traceback" not in str(caught.value)
    with pytest.raises(ProjectFileError) as caught:
        api.check_file(path)
    assert caught.value.code == "foreign_database"
    assert verified.file_digest(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fremd.cxstudio"]
    assert not working_copies_dir().exists() or list(working_copies_dir().iterdir()) == []


def test_an_open_project_is_kept_out_of_garbage_collection_until_closed(tmp_path: Path) -> None:
    """Its records are frozen (no collection walks them while editing); closing frees them without a collection."""
    path = saved(rich_document(), tmp_path / "gehalten.cxstudio")
    frozen_before = gc.get_freeze_count()  # other tests of this process may have left projects open
    project = api.open_project(path)
    assert gc.get_freeze_count() >= frozen_before + len(project.document)
    assert gc.isenabled()
    document = weakref.ref(project.document)
    project.close()
    assert gc.get_freeze_count() == 0
    gc.disable()  # what follows must not depend on the cyclic collector
    try:
        del project
        assert document() is None, "a closed project's document is freed by reference counting alone"
    finally:
        gc.enable()
    with pytest.raises(ProjectFileError):  # a failed open leaves nothing frozen
        api.open_project(tmp_path / "fehlt.cxstudio")
    assert gc.get_freeze_count() == 0
