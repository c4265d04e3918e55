"""Tests for fogofwar.cache (built indexes kept on disk) and the cache directory of Settings."""

from __future__ import annotations

from pathlib import Path

from fogofwar.cache import cached
from fogofwar.settings import Settings, default_cache_dir


def test_cache_builds_once_then_reads(tmp_path: Path) -> None:
    builds: list[int] = []

    def build() -> dict[str, object]:
        builds.append(1)
        return {"version": 1, "names": "a\nb", "data": b"\x00\x01"}

    first = cached("thing", "k1", build, cache_dir=tmp_path)
    again = cached("thing", "k1", build, cache_dir=tmp_path)
    assert first == again == {"version": 1, "names": "a\nb", "data": b"\x00\x01"}
    assert len(builds) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["thing-k1.marshal"]


def test_cache_new_key_rebuilds_and_drops_the_old_file(tmp_path: Path) -> None:
    cached("thing", "k1", lambda: {"v": 1}, cache_dir=tmp_path)
    (tmp_path / "other-k1.marshal").write_bytes(b"")  # another kind of value: kept
    assert cached("thing", "k2", lambda: {"v": 2}, cache_dir=tmp_path) == {"v": 2}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-k1.marshal", "thing-k2.marshal"]


def test_cache_unreadable_or_invalid_file_is_rebuilt(tmp_path: Path) -> None:
    (tmp_path / "thing-k1.marshal").write_bytes(b"not marshal")
    assert cached("thing", "k1", lambda: {"version": 2}, cache_dir=tmp_path) == {"version": 2}
    value = cached(
        "thing", "k1", lambda: {"version": 3}, cache_dir=tmp_path, is_valid=lambda v: v["version"] == 3
    )
    assert value == {"version": 3}


def test_cache_unwritable_directory_still_returns_the_value(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cached("thing", "k1", lambda: {"v": 1}, cache_dir=blocker / "sub") == {"v": 1}


def test_cache_dir_default_and_settings() -> None:
    assert default_cache_dir({"XDG_CACHE_HOME": "/xdg"}) == Path("/xdg/fogofwar")
    assert default_cache_dir({"XDG_CACHE_HOME": "/xdg", "FOGOFWAR_CACHE_DIR": "/mine"}) == Path("/mine")
    assert default_cache_dir({}) == Path.home() / ".cache" / "fogofwar"
    assert Settings().cache_dir is None  # the default of the machine that runs the stage
    assert Settings.from_env({"FOGOFWAR_CACHE_DIR": "/mine"}).cache_dir == Path("/mine")
