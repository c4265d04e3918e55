"""read_inputs: files, folders, stdin, feed URLs; each bad input rejected alone, the rest read."""

from __future__ import annotations

import io
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

import fogofwar.ingest
from fogofwar.ingest import read_inputs
from fogofwar.model import Article, Rejection
from fogofwar.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SETTINGS = Settings(max_bytes=4096)

GOOD_A = "Fighters attacked a checkpoint at dawn; the army said four attackers were killed.\n"
GOOD_B = "date 2024-05-02\nGAO, May 1 (Northline) – A convoy hit a mine, the army said; two soldiers died.\n"


def read_all(
    paths: list[str], *, settings: Settings = SETTINGS, **kwargs: object
) -> list[Article | Rejection]:
    return list(read_inputs(paths, settings=settings, on_error="raise", **kwargs))  # type: ignore[arg-type]


def split(items: list[Article | Rejection]) -> tuple[list[Article], list[Rejection]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejection)]


# --- one bad input in a batch of good ones ------------------------------------------------


def make_binary(folder: Path) -> Path:
    path = folder / "photo.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    return path


def make_empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"  \n")
    return path


def make_undecodable(folder: Path) -> Path:
    path = folder / "noise.txt"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(0x20, 0x100) for _ in range(1000)))
    return path


def make_broken_html(folder: Path) -> Path:
    path = folder / "broken.html"
    path.write_bytes((FIXTURES / "empty_page.html").read_bytes())
    return path


def make_broken_feed(folder: Path) -> Path:
    path = folder / "feed.xml"
    path.write_bytes(b"<rss><channel><title>Cut off")
    return path


def make_broken_warc(folder: Path) -> Path:
    path = folder / "crawl.warc.gz"
    path.write_bytes(b"not an archive at all")
    return path


def make_oversize(folder: Path) -> Path:
    path = folder / "huge.txt"
    path.write_text("The siege went on for weeks, residents said. " * 200, encoding="utf-8")
    return path


def make_broken_symlink(folder: Path) -> Path:
    path = folder / "dangling.txt"
    path.symlink_to(folder / "gone.txt")
    return path


def make_fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def make_missing(folder: Path) -> Path:
    return folder / "absent.txt"


BAD_INPUTS: list[tuple[Callable[[Path], Path], str, str]] = [
    (make_binary, "E004", "binary"),
    (make_empty, "E003", "empty"),
    (make_undecodable, "E006", "undecodable"),
    (make_broken_html, "E009", "HTML"),
    (make_broken_feed, "E010", "feed"),
    (make_broken_warc, "E011", "WARC"),
    (make_oversize, "E005", "too large"),
    (make_broken_symlink, "E002", "broken symbolic link"),
    (make_fifo, "E002", "not a regular file"),
    (make_missing, "E001", "not found"),
]


@pytest.mark.parametrize(
    ("make", "code", "words"), BAD_INPUTS, ids=[m.__name__[5:] for m, _, _ in BAD_INPUTS]
)
def test_ingest_inputs_bad_input_rejected_alone(
    tmp_path: Path, make: Callable[[Path], Path], code: str, words: str
) -> None:
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD_B, encoding="utf-8")
    bad = make(tmp_path)
    articles, rejections = split(read_all([str(tmp_path / "a.txt"), str(bad), str(tmp_path / "b.txt")]))
    assert [a.origin for a in articles] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    (rejection,) = rejections
    assert (rejection.input, rejection.code) == (str(bad), code)
    assert rejection.reason.startswith(f"[{code}]") and words in rejection.reason
    assert str(bad) in rejection.reason and "\n" not in rejection.reason


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode"
)
def test_ingest_inputs_unreadable_file_rejected(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD_B, encoding="utf-8")
    locked.chmod(0)
    try:
        articles, rejections = split(read_all([str(tmp_path)]))
    finally:
        locked.chmod(0o644)
    assert len(articles) == 1
    assert [(r.input, r.code) for r in rejections] == [(str(locked), "E002")]


def test_ingest_inputs_permission_error_rejected_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD_B, encoding="utf-8")
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded_open)
    articles, rejections = split(read_all([str(tmp_path)]))
    assert len(articles) == 1
    assert [(r.input, r.code) for r in rejections] == [(str(locked), "E002")]
    assert "Permission denied" in rejections[0].reason


def test_ingest_inputs_broken_json_line_rejected_with_line_number(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": GOOD_A}), '{"text": "cut off', json.dumps({"text": GOOD_B})]
    batch.write_text("\n".join(lines), encoding="utf-8")
    articles, rejections = split(read_all([str(batch)]))
    assert len(articles) == 2
    (rejection,) = rejections
    assert (rejection.input, rejection.code) == (f"{batch}:2", "E007")
    assert "line 2" in rejection.reason and str(batch) in rejection.reason


def test_ingest_inputs_whole_folder_with_every_bad_kind(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(GOOD_B, encoding="utf-8")
    made = {make(tmp_path): code for make, code, _ in BAD_INPUTS if make is not make_missing}
    articles, rejections = split(read_all([str(tmp_path)]))
    assert sorted(a.origin or "" for a in articles) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "sub" / "b.txt"),
    ]
    assert {r.input: r.code for r in rejections} == {str(path): code for path, code in made.items()}


def test_ingest_inputs_latin1_file_decoded(tmp_path: Path) -> None:
    (article,) = read_all([str(FIXTURES / "latin1_report.txt")])
    assert isinstance(article, Article)
    assert "près de Ségou" in article.text


# --- folders, stdin, URLs -----------------------------------------------------------------


def test_ingest_inputs_folder_sorted_recursive_skips_hidden_and_non_reports(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c/d.txt", "c/.hidden.txt", ".git/x.txt", "README.md", "tool.py"):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"Report from {name}: shelling resumed, officials said.", encoding="utf-8")
    origins = [a.origin for a in read_all([str(tmp_path)]) if isinstance(a, Article)]
    assert origins == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c" / "d.txt")]


def test_ingest_inputs_named_file_is_read_even_if_a_walk_would_skip_it(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(GOOD_A, encoding="utf-8")
    assert [type(i).__name__ for i in read_all([str(path)])] == ["Article"]


def test_ingest_inputs_symlink_loop_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert len(read_all([str(tmp_path)])) == 1


@pytest.mark.parametrize(
    ("data", "title"),
    [
        (GOOD_B.encode("utf-8"), None),
        ((FIXTURES / "atom_feed.xml").read_bytes(), "Drone strike hits fuel depot near the border"),
        (json.dumps({"text": GOOD_A, "title": "Checkpoint attack"}).encode("utf-8"), "Checkpoint attack"),
    ],
    ids=["text", "feed", "jsonl"],
)
def test_ingest_inputs_stdin_sniffed(data: bytes, title: str | None) -> None:
    items = read_all(["-"], stdin=io.BytesIO(data))
    assert isinstance(items[0], Article)
    assert items[0].title == title
    assert items[0].origin and items[0].origin.startswith("<stdin>")


def test_ingest_inputs_stdin_over_limit_rejected() -> None:
    (rejection,) = read_all(["-"], stdin=io.BytesIO(b"x " * 5000))
    assert isinstance(rejection, Rejection) and rejection.code == "E005"


def test_ingest_inputs_feed_url(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []

    def fake_fetch(url: str, *, max_bytes: int) -> bytes:
        fetched.append(url)
        return (EXAMPLES / "conflict_feed.xml").read_bytes()

    monkeypatch.setattr(fogofwar.ingest, "fetch_url", fake_fetch)
    items = read_all(["https://frontlinedigest.example/rss"])
    assert fetched == ["https://frontlinedigest.example/rss"]
    assert [a.origin for a in items if isinstance(a, Article)] == [
        f"https://frontlinedigest.example/rss#{n}" for n in (1, 2, 3)
    ]


def test_ingest_inputs_unexpected_error_recorded_or_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")

    def crash(data: bytes, *, origin: str, settings: object = None) -> None:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(fogofwar.ingest, "READERS", {**fogofwar.ingest.READERS, "text": crash})
    (rejection,) = read_inputs([str(tmp_path / "a.txt")], settings=SETTINGS)
    assert isinstance(rejection, Rejection) and rejection.code == "E015" and "reader bug" in rejection.reason
    with pytest.raises(RuntimeError, match="reader bug"):
        read_all([str(tmp_path / "a.txt")])


def test_ingest_inputs_on_error_checked() -> None:
    with pytest.raises(ValueError, match="on_error"):
        read_inputs([], settings=SETTINGS, on_error="ignore")  # type: ignore[arg-type]


# --- the bundled examples ---------------------------------------------------------------------


def test_ingest_inputs_examples_folder() -> None:
    articles, rejections = split(read_all([str(EXAMPLES)], settings=Settings()))
    assert rejections == []
    assert len(articles) == 12
    assert len({a.id for a in articles}) == 12
    by_name = {Path((a.origin or "").split("#")[0].split(":")[0]).name: a for a in articles}
    assert set(by_name) == {
        "sumy_strike_wire.txt",
        "barsalogho_rewrite.txt",
        "sumy_strike_followup.html",
        "batch.jsonl",
        "conflict_feed.xml",
        "reports.warc.gz",
    }
    wire = by_name["sumy_strike_wire.txt"]
    assert (wire.published, wire.dateline_place, wire.agency) == (
        wire.dateline_date,
        "Sumy",
        "Northline",
    )
    assert by_name["barsalogho_rewrite.txt"].title and by_name["barsalogho_rewrite.txt"].published is None


def test_ingest_inputs_examples_hold_a_syndicated_near_copy() -> None:
    articles = [a for a in read_all([str(EXAMPLES)], settings=Settings()) if isinstance(a, Article)]
    sumy = [a for a in articles if a.dateline_place == "Sumy"]
    assert len(sumy) == 2 and len({a.source for a in sumy}) == 2
    wire, copy = sorted(sumy, key=lambda a: len(a.text), reverse=True)
    shared = set(copy.text.split()) & set(wire.text.split())
    assert len(shared) / len(set(copy.text.split())) > 0.9  # near-identical, not identical
    assert wire.id != copy.id


# --- names that are not UTF-8 -------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="byte file names are a POSIX thing")
def test_ingest_inputs_non_utf8_file_name_read_and_named_safely(tmp_path: Path) -> None:
    try:
        (tmp_path / os.fsdecode(b"bad\xff.txt")).write_text(GOOD_A, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (tmp_path / "good.txt").write_text(GOOD_B, encoding="utf-8")
    articles, rejections = split(read_all([str(tmp_path)]))
    assert rejections == []
    origins = sorted(str(a.origin) for a in articles)
    assert origins == [str(tmp_path / "bad\\xff.txt"), str(tmp_path / "good.txt")]
    for article in articles:
        json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # no lone surrogates left
        assert article.source is None or "\udcff" not in article.source


@pytest.mark.skipif(os.name != "posix", reason="byte file names are a POSIX thing")
def test_ingest_inputs_non_utf8_file_name_rejection_is_printable(tmp_path: Path) -> None:
    try:
        (tmp_path / os.fsdecode(b"empty\xfe.txt")).write_bytes(b"")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    (tmp_path / "good.txt").write_text(GOOD_A, encoding="utf-8")
    articles, rejections = split(read_all([str(tmp_path)]))
    assert len(articles) == 1
    ((name, code, reason),) = [(r.input, r.code, r.reason) for r in rejections]
    assert code == "E003" and name.endswith("empty\\xfe.txt") and name in reason
    reason.encode("utf-8")
