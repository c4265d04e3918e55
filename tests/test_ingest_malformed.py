"""The malformed-input corpus (tests/fixtures/malformed): each bad thing is one Rejection, the rest is read.

The corpus is written by ``make_malformed.py`` beside it. A file whose name is not valid UTF-8
cannot live in git, so that one is made in tmp_path.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from fogofwar.ingest import read_inputs
from fogofwar.model import Article, Rejection
from fogofwar.settings import Settings

CORPUS = Path(__file__).parent / "fixtures" / "malformed"

# file name -> (articles read, rejection codes with the input they name, after the file's path)
EXPECTED: dict[str, tuple[int, list[tuple[str, str]]]] = {
    "good_report.txt": (1, []),
    "cp1252_report.txt": (1, []),
    "utf16_without_bom.txt": (1, []),
    "one_bad_byte.txt": (1, []),
    "far_future_date.txt": (1, []),
    "empty.txt": (0, [("E003", "")]),
    "binary_junk.dat": (0, [("E004", "")]),
    "truncated_gzip.txt.gz": (0, [("E004", "")]),
    "no_text.html": (0, [("E009", "")]),
    "broken_line.jsonl": (2, [("E007", ":2")]),
    "deep_nesting.jsonl": (2, [("E007", ":2")]),
    "lone_surrogate.jsonl": (2, []),
    "zero_year.jsonl": (1, []),
    "broken_entry.xml": (2, [("E014", "#2")]),
    "truncated.warc.gz": (1, [("E011", "#453")]),
    "bomb.warc.gz": (1, [("E018", "#0")]),
}


def load_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_malformed", CORPUS / "make_malformed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_folder(folder: Path) -> list[Article | Rejection]:
    return list(read_inputs([str(folder)], settings=Settings(), on_error="raise"))


def by_file(items: list[Article | Rejection], folder: Path) -> dict[str, tuple[int, list[tuple[str, str]]]]:
    found: dict[str, tuple[int, list[tuple[str, str]]]] = {}
    for item in items:
        where = str(item.origin if isinstance(item, Article) else item.input)
        assert where.startswith(str(folder) + os.sep)
        name = where[len(str(folder)) + 1 :]
        stem = next(n for n in sorted(EXPECTED, key=len, reverse=True) if name.startswith(n))
        articles, rejections = found.get(stem, (0, []))
        if isinstance(item, Article):
            found[stem] = (articles + 1, rejections)
        else:
            found[stem] = (articles, [*rejections, (item.code, name[len(stem) :])])
    return found


def test_ingest_malformed_corpus_is_reproducible() -> None:
    built = load_maker().build()
    assert sorted(built) == sorted(EXPECTED)
    for name, content in built.items():
        assert (CORPUS / name).read_bytes() == content, name


def test_ingest_malformed_each_bad_thing_one_rejection() -> None:
    items = read_folder(CORPUS)
    found = by_file(items, CORPUS)
    assert {name: (n, codes) for name, (n, codes) in EXPECTED.items() if n or codes} == found
    for item in items:
        if isinstance(item, Rejection):
            assert "\n" not in item.reason and item.input in item.reason
        else:
            assert item.text.strip()
            assert item.published is None or item.published.year == 2024


def test_ingest_malformed_repairs_keep_the_text() -> None:
    articles = {str(a.origin): a for a in read_folder(CORPUS) if isinstance(a, Article)}
    text_of = {Path(origin).name: article.text for origin, article in articles.items()}
    assert "attaqué Ségou à l’aube" in text_of["cp1252_report.txt"]
    assert text_of["utf16_without_bom.txt"].startswith("Militia fighters raided")
    assert text_of["one_bad_byte.txt"].count("\ufffd") == 1 and "Ségou’s" in text_of["one_bad_byte.txt"]
    assert "Shelling \ufffd hit the port" in text_of["lone_surrogate.jsonl:2"]


@pytest.mark.skipif(os.name != "posix", reason="byte file names are a POSIX thing")
def test_ingest_malformed_non_utf8_name_in_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    try:
        (folder / os.fsdecode(b"name\xff.txt")).write_bytes(
            b"Gunmen killed two guards at the depot, police said.\n"
        )
        (folder / os.fsdecode(b"empty\xfe.txt")).write_bytes(b"")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    items = read_folder(folder)
    named = [i for i in items if "\\x" in str(i.origin if isinstance(i, Article) else i.input)]
    assert [type(i).__name__ for i in named] == ["Rejection", "Article"]
    rejection, article = named
    assert isinstance(rejection, Rejection) and rejection.code == "E003"
    assert rejection.input.endswith("empty\\xfe.txt") and rejection.input in rejection.reason
    assert isinstance(article, Article) and str(article.origin).endswith("name\\xff.txt")
    assert len([i for i in items if isinstance(i, Article)]) == 1 + sum(n for n, _ in EXPECTED.values())
