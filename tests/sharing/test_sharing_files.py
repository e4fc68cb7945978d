"""The issue's bars on files: client copy byte scan, review mode, comments, lineage, diff --json, merge via CLI and API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxstudio import api, cli
from cxstudio.editing import comments
from cxstudio.editing import operations as ops
from cxstudio.editing.lineage import RevisionKind
from cxstudio.editing.sharing import client_document, internal_texts
from cxstudio.model.entities import Card, Comment


@pytest.fixture
def example(tmp_path: Path) -> Path:
    path = tmp_path / "beispiel.cxstudio"
    assert cli.main(["new", str(path), "--template", "complaint-example", "--lang", "de"]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_client_copy_holds_none_of_the_internal_texts_and_passes_check(example: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    source = api.check_file(example).document
    assert source is not None
    secrets = internal_texts(source)
    assert len([c for c in source.all(Card) if c.internal_note]) == 6
    assert len([c for c in source.all(Comment) if c.internal]) == 2 and len(secrets) >= 8
    # something deleted before the copy is made must not travel either
    with api.open_project(example) as project:
        doomed = project.document.all(Card)[0]
        project.run(ops.delete_elements, [doomed.id])
        project.save()
    secrets.append(doomed.title)
    for keep in (False, True):
        out = tmp_path / f"kunde-{keep}.cxstudio"
        args = ["client-copy", str(example), "-o", str(out)] + (["--keep-comments"] if keep else [])
        code, said, err = run(capsys, *args)
        assert code == 0 and err == "" and "client copy" in said
        data = out.read_bytes()
        for text in secrets:
            assert text.encode() not in data, text
        assert b"INTERN" not in data
        assert run(capsys, "check", str(out))[0] == 0
        copy = api.read_project(out)
        shared = [c for c in copy.document.all(Comment)]
        assert all(not c.internal for c in shared) and (bool(shared) == keep)
        assert copy.lineage.is_client_copy and copy.lineage.base is not None
    kept = api.read_project(example).lineage
    assert [r.kind for r in kept.handouts()] == [RevisionKind.HANDOUT] * 2
    assert kept.head is not None and kept.head.kind == RevisionKind.SAVE
    assert not list(tmp_path.glob("*.saving")) and not list(tmp_path.glob(".~lock.kunde*"))


def test_internal_fields_are_data_of_the_model() -> None:
    assert frozenset({"internal_note"}) == Card.INTERNAL_FIELDS and Comment.INTERNAL_FLAG == "internal"
    project = api.create(template="complaint-example", language="en", with_working_copy=False)
    clean = client_document(project.document, keep_comments=True)
    assert internal_texts(clean) == [] and clean.check_invariants() == []
    assert all(not c.internal for c in clean.all(Comment))


def test_review_mode_allows_only_comments_and_read_only_refuses_everything(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "kunde.cxstudio"
    api.client_copy(example, out)
    with api.open_project(out) as copy:  # a client copy opens for review
        assert copy.review and not copy.read_only
        card = copy.document.all(Card)[0]
        before = copy.document.snapshot()
        for operation, args in ((ops.edit_card, (card.id,)), (ops.delete_elements, ([card.id],)),
                                (ops.move_cards, ([card.id], card.stage_id, card.lane_id, 0))):
            with pytest.raises(api.ProjectFileError) as refused:
                copy.run(operation, *args, **({"rating": 5} if operation is ops.edit_card else {}))
            assert refused.value.code == "edit_in_review" and "Kommentare" in refused.value.message("de")
        assert copy.document.snapshot() == before and copy.session.history == []
        assert copy.refusal(ops.add_card) is not None and copy.refusal(comments.add_comment) is None
        note = copy.run(comments.add_comment, card.id, "Stimmt das so?", author="Kundin")
        assert not note.internal and note.author == "Kundin"  # shared by default
        reply = copy.run(comments.reply_to_comment, note.id, "Ja.", author="Berater")
        copy.run(comments.resolve_comment, reply.id, author="Kundin", when="2026-05-01T10:00")
        assert copy.document.get(note.id, Comment).resolved and copy.document.get(note.id).resolved_by == "Kundin"
        assert [c.id for c in comments.thread(copy.document, reply.id)] == [note.id, reply.id]
        copy.run(comments.reopen_comment, note.id)
        assert not copy.document.get(note.id, Comment).resolved
        copy.undo()
        assert copy.document.get(note.id, Comment).resolved
        copy.save()
    with api.open_project(out, review=False) as editable:
        assert not editable.review
        editable.run(ops.edit_card, editable.document.all(Card)[0].id, rating=7)
    with api.open_project(example) as first, api.open_project(example) as second:
        assert second.read_only and not first.read_only
        with pytest.raises(api.ProjectFileError) as refused:
            second.run(comments.add_comment, second.document.all(Card)[0].id, "x")
        assert refused.value.code == "edit_read_only"


def _edit_copy(copy_path: Path) -> tuple[str, str, str]:
    """The API script of the bar: one card title, a new card and a shared comment in the client copy."""
    with api.open_project(copy_path, review=False) as copy:
        cards = sorted(copy.document.all(Card), key=lambda c: c.id)
        copy.run(ops.edit_card, cards[0].id, title="Vom Kunden umbenannt")
        added = copy.run(ops.add_card, cards[0].stage_id, cards[0].lane_id, "Neue Karte des Kunden")
        note = copy.run(comments.add_comment, cards[2].id, "Das passt nicht ganz.", author="Kundin")
        copy.save()
        return cards[0].id, added.id, note.id


def test_round_trip_client_copy_edit_merge_diff(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kunde.cxstudio"
    api.client_copy(example, out)
    renamed, added, note = _edit_copy(out)
    with api.open_project(example) as original:  # meanwhile the consultant changes another card
        other = sorted(original.document.all(Card), key=lambda c: c.id)[1]
        original.run(ops.edit_card, other.id, title="Beim Berater geändert")
        original.save()
    code, said, err = run(capsys, "diff", str(example), str(out), "--json")
    assert code == 0, err
    data = json.loads(said)
    changes = {(c["kind"], c["id"], c["change"]) for c in data["changes"] if not (
        c["kind"] == "card" and c["change"] == "changed" and {f["field"] for f in c["fields"]} == {"internal_note"})
        and not (c["kind"] == "comment" and c["change"] == "removed") and c["id"] != other.id}
    assert changes == {("card", renamed, "changed"), ("card", added, "added"), ("comment", note, "added")}
    assert run(capsys, "diff", str(example), str(out), "--lang", "de")[1].count("hinzugefügt") >= 2
    merged = tmp_path / "zusammen.cxstudio"
    code, said, err = run(capsys, "merge", str(example), str(out), "-o", str(merged))
    assert code == 0, err
    result = api.check_file(merged)
    assert result.sound and result.document is not None
    doc = result.document
    assert doc.get(renamed).title == "Vom Kunden umbenannt" and doc.get(other.id).title == "Beim Berater geändert"
    assert added in doc and note in doc
    assert [c for c in doc.all(Card) if c.internal_note], "the consultant's internal notes stay"
    assert api.read_project(merged).lineage.head.kind == RevisionKind.MERGE
    # the editor's way: one operation, one undo step
    with api.open_project(example) as project:
        steps = len(project.session.history)
        project.merge(api.read_project(out))
        assert len(project.session.history) == steps + 1 and added in project.document
        project.undo()
        assert added not in project.document


def test_the_same_field_changed_on_both_sides_is_a_conflict_named_without_writing(
        example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kunde.cxstudio"
    api.client_copy(example, out)
    card_id = sorted(api.check_file(example).document.all(Card), key=lambda c: c.id)[0].id
    with api.open_project(out, review=False) as copy:
        copy.run(ops.edit_card, card_id, title="Kunde")
        copy.save()
    with api.open_project(example) as original:
        original.run(ops.edit_card, card_id, title="Berater")
        original.save()
    merged = tmp_path / "zusammen.cxstudio"
    code, _, err = run(capsys, "merge", str(example), str(out), "-o", str(merged))
    assert code == 1 and not merged.exists()
    assert f"{card_id}.title" in err and "title" in err and "nothing written" in err
    with api.open_project(example) as project:
        plan = project.plan_merge(api.read_project(out))
        assert [c.key for c in plan.conflicts] == [f"{card_id}.title"]
        with pytest.raises(api.ProjectFileError) as refused:
            project.merge(api.read_project(out))
        assert refused.value.code == "merge_conflicts" and project.document.get(card_id).title == "Berater"
        project.merge(api.read_project(out), resolutions={f"{card_id}.title": "theirs"})
        assert project.document.get(card_id).title == "Kunde"
    for side, title in (("ours", "Berater"), ("theirs", "Kunde")):
        assert run(capsys, "merge", str(example), str(out), "-o", str(merged), "--prefer", side)[0] == 0
        assert api.check_file(merged).document.get(card_id).title == title


def test_a_card_moved_into_a_stage_the_other_side_deleted_is_a_conflict(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "kunde.cxstudio"
    api.client_copy(example, out)
    document = api.check_file(example).document
    journey = document.journeys()[0]
    first, last = document.stages(journey.id)[0], document.stages(journey.id)[-1]
    card = next(c for c in document.cards(journey.id) if c.stage_id == first.id)
    with api.open_project(out, review=False) as copy:
        copy.run(ops.move_cards, [card.id], last.id, card.lane_id, 0)
        copy.save()
    with api.open_project(example) as original:
        original.run(ops.delete_elements, [last.id])
        plan = original.plan_merge(api.read_project(out))
        missing = [c for c in plan.conflicts if c.kind == "missing_target"]  # (the cards theirs renumbered in
        assert (card.id, "stage_id", last.id) in [(c.entity_id, c.field, c.target) for c in missing]  # the
        assert "Phase" in missing[0].describe("de") and not plan.ok  # deleted stage are edit/delete conflicts)
        kept = original.plan_merge(api.read_project(out), prefer="theirs")
        assert kept.ok and last.id in kept.document().snapshot()


def test_without_a_common_ancestor_merge_asks_for_a_base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.cxstudio", tmp_path / "b.cxstudio"
    for path in (a, b):
        assert cli.main(["new", str(path), "--template", "journey-map", "--lang", "en"]) == 0
    code, _, err = run(capsys, "merge", str(a), str(b), "-o", str(tmp_path / "c.cxstudio"))
    assert code == 1 and "base" in err and err.count("\n") == 1
    code, _, err = run(capsys, "merge", str(a), str(b), "-o", str(tmp_path / "c.cxstudio"), "--base", str(a))
    assert code in (0, 1)  # two unrelated projects: refused (two project records) or merged, never a traceback
    assert "Traceback" not in err


def test_a_kept_snapshot_that_unpacks_beyond_its_limit_is_not_read() -> None:
    import zlib

    from cxstudio.persistence.lineage import read_snapshot, snapshot_limit

    bomb = zlib.compress(bytes(snapshot_limit(0) + 1), 9)  # 64 MiB + 1 of zeros packs to about 65 KB
    assert read_snapshot(lambda _sql, _params: [(bomb,)], "r") is None
    fine = zlib.compress(b"x" * 1000)
    assert read_snapshot(lambda _sql, _params: [(fine,)], "r") == b"x" * 1000
