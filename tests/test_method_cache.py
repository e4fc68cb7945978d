"""Tests of the cache of dataclass methods (cxstudio/method_cache.py): same classes, nothing compiled twice."""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxstudio import method_cache


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "cache" / method_cache.FILE_NAME
    method_cache.uninstall()
    yield path
    method_cache.uninstall()


def make_classes() -> tuple[type, type]:
    """A frozen slotted record and a mutable one with a default factory, as the editor's modules make them."""

    @dataclasses.dataclass(frozen=True, slots=True)
    class Box:
        x: float
        label: str = "Karte „Rückruf“"

    @dataclasses.dataclass
    class Bag:
        items: list[int] = dataclasses.field(default_factory=list)
        size: int = 0

    return Box, Bag


def check_behaviour(box_type: type, bag_type: type) -> None:
    box = box_type(1.5)
    assert box == box_type(1.5, "Karte „Rückruf“") and box != box_type(2.0)
    assert hash(box) == hash(box_type(1.5))
    assert repr(box).endswith("Box(x=1.5, label='Karte „Rückruf“')")
    with pytest.raises(dataclasses.FrozenInstanceError):
        box.x = 3  # type: ignore[misc]
    first, second = bag_type(), bag_type()
    first.items.append(1)
    assert second.items == [] and first != second
    assert box_type.__init__.__qualname__.endswith("Box.__init__")


def test_classes_made_with_the_cache_behave_as_without_it_and_a_second_process_compiles_nothing(cache: Path) -> None:
    method_cache.install(cache)
    check_behaviour(*make_classes())
    assert method_cache.compiled_now() >= 8  # init, repr, eq, hash, setattr, delattr; init, repr, eq
    assert method_cache.save(cache) and cache.is_file()
    assert not method_cache.save(cache)  # nothing new since

    method_cache.uninstall()  # as a new process: nothing known, then the file loaded
    method_cache.install(cache)
    check_behaviour(*make_classes())
    assert method_cache.compiled_now() == 0


def test_without_the_cache_dataclasses_use_the_builtin_exec_again(cache: Path) -> None:
    method_cache.install(cache)
    assert dataclasses.exec is method_cache._cached_exec  # type: ignore[attr-defined]
    method_cache.uninstall()
    assert "exec" not in vars(dataclasses)
    check_behaviour(*make_classes())


@pytest.mark.parametrize("content", [
    b"",
    b"not a cache at all",
    b"\x00\x00\r\n" + marshal.dumps({"x": 1}),  # another Python's magic number
    None,  # this Python's magic number, then a list instead of the dict of code objects
    "truncated",
], ids=["empty", "text", "other-python", "not-a-dict", "truncated"])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_replaced(cache: Path, content: bytes | str | None) -> None:
    from importlib.util import MAGIC_NUMBER

    method_cache.install(cache)
    make_classes()
    assert method_cache.save(cache)
    good = cache.read_bytes()
    method_cache.uninstall()
    if content is None:
        cache.write_bytes(MAGIC_NUMBER + marshal.dumps([compile("x = 1", "<string>", "exec")]))
    elif content == "truncated":
        cache.write_bytes(good[: len(good) // 2])
    else:
        assert isinstance(content, bytes)
        cache.write_bytes(content)

    method_cache.install(cache)
    check_behaviour(*make_classes())
    assert method_cache.compiled_now() >= 8  # nothing taken from the bad file
    assert method_cache.save(cache)
    method_cache.uninstall()
    method_cache.install(cache)
    make_classes()
    assert method_cache.compiled_now() == 0  # the file was replaced by a sound one


def test_code_in_the_cache_that_exec_would_not_have_compiled_from_a_string_is_not_taken(cache: Path) -> None:
    from importlib.util import MAGIC_NUMBER

    method_cache.install(cache)
    make_classes()
    sources = list(method_cache._known)
    method_cache.uninstall()
    foreign = {source: compile("raise SystemExit('not from dataclasses')", "elsewhere.py", "exec") for source in sources}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(MAGIC_NUMBER + marshal.dumps(foreign))
    method_cache.install(cache)
    check_behaviour(*make_classes())


def test_saving_where_no_file_can_be_written_says_so_without_raising(cache: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way of the cache folder", encoding="utf-8")
    method_cache.install(cache)
    make_classes()
    assert method_cache.save(blocker / "cache" / method_cache.FILE_NAME) is False
    assert not list(tmp_path.glob("**/*.tmp"))
    assert method_cache.save(cache)  # what was compiled is still there to be saved


def test_the_cache_lives_in_the_users_cache_folder_which_the_tests_redirect(tmp_path: Path) -> None:
    import os

    from cxstudio.app import method_cache_file

    cache_home = os.environ["XDG_CACHE_HOME"]  # set by tests/conftest.py to a temporary folder
    assert method_cache_file().is_relative_to(cache_home)


def test_a_model_records_generated_constructor_is_compiled_once_across_runs(cache: Path) -> None:
    from cxstudio.model.entities import Card
    from cxstudio.model.record import _generated_new

    method_cache.install(cache)
    new = _generated_new(Card, Card.FIELDS)
    assert method_cache.compiled_now() == 1
    card = new(Card, journey_id="j", stage_id="s", lane_id="l", title="Rückruf")
    assert card == Card(id=card.id, journey_id="j", stage_id="s", lane_id="l", title="Rückruf")
    assert method_cache.save(cache)
    method_cache.uninstall()
    method_cache.install(cache)
    again = _generated_new(Card, Card.FIELDS)
    assert method_cache.compiled_now() == 0
    assert again(Card, id=card.id, journey_id="j", stage_id="s", lane_id="l", title="Rückruf") == card
    method_cache.uninstall()
    assert _generated_new(Card, Card.FIELDS)(Card, id=card.id, journey_id="j", stage_id="s", lane_id="l",
                                             title="Rückruf") == card  # without the cache: plain exec


def test_methods_of_classes_gone_since_are_dropped_once_the_cache_would_outgrow_its_bound(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.util import MAGIC_NUMBER

    monkeypatch.setattr(method_cache, "MAX_ENTRIES", 20)
    stale = {f"x_{n} = {n}\n": compile(f"x_{n} = {n}\n", "<string>", "exec") for n in range(20)}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(MAGIC_NUMBER + marshal.dumps(stale))
    method_cache.install(cache)
    assert len(method_cache._known) == 20  # a full cache is still used
    check_behaviour(*make_classes())
    assert method_cache.save(cache)
    method_cache.uninstall()
    method_cache.install(cache)
    assert not set(stale) & set(method_cache._known)  # the stale ones went, what this run used stayed
    make_classes()
    assert method_cache.compiled_now() == 0
