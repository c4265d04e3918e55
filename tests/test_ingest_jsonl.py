"""JSON lines: key aliases, dates, per-line rejections, whole JSON documents."""

from __future__ import annotations

import json
from datetime import date

import pytest

from fogofwar.errors import InputRejected
from fogofwar.ingest.jsonl import read_jsonl

GOOD = {
    "text": "The army said it killed 12 militants; the group said it lost three fighters.",
    "title": "Clash",
}


def lines(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode("utf-8")


@pytest.mark.parametrize(
    ("record", "published"),
    [
        ({"text": "Report one.", "published": "2024-07-28"}, date(2024, 7, 28)),
        ({"content": "Report one.", "date": "2024-07-28T22:15:00+02:00"}, date(2024, 7, 28)),
        ({"body": "Report one.", "dct": "2024-07-28T23:59:59Z"}, date(2024, 7, 28)),
        ({"text": "Report one.", "published": "Sun, 28 Jul 2024 09:30:00 GMT"}, date(2024, 7, 28)),
        ({"text": "Report one.", "published": "last Tuesday"}, None),  # unreadable: kept, no date
        ({"text": "Report one.", "published": 1722124800}, None),
    ],
)
def test_ingest_jsonl_text_and_date_keys(record: dict[str, object], published: date | None) -> None:
    (article,) = read_jsonl(lines(record), origin="b.jsonl").articles
    assert article.text == "Report one."
    assert article.published == published
    assert article.origin == "b.jsonl:1"


def test_ingest_jsonl_metadata_fields() -> None:
    record = {**GOOD, "url": "https://example.org/x", "source": "Example Post", "published": "2024-07-28"}
    (article,) = read_jsonl(lines(record), origin="b.jsonl").articles
    assert (article.title, article.url, article.source) == ("Clash", "https://example.org/x", "Example Post")


def test_ingest_jsonl_broken_line_rejected_alone() -> None:
    data = lines(GOOD, '{"text": "unterminated', "", {"text": "Third report, the police said."})
    result = read_jsonl(data, origin="batch.jsonl")
    assert [a.origin for a in result.articles] == ["batch.jsonl:1", "batch.jsonl:4"]
    (rejection,) = result.rejections
    assert (rejection.input, rejection.code) == ("batch.jsonl:2", "E007")
    assert "line 2" in rejection.reason and "batch.jsonl" in rejection.reason


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ({"title": "No text here"}, "E008"),
        ({"text": "   "}, "E008"),
        ({"text": 42}, "E008"),
        ('["a", "list"]', "E007"),
        ("42", "E007"),
        ({"text": "date 2024-07-28\n"}, "E013"),
    ],
)
def test_ingest_jsonl_bad_line_codes(bad: object, code: str) -> None:
    result = read_jsonl(lines(GOOD, bad), origin="b.jsonl")
    assert len(result.articles) == 1
    assert [(r.input, r.code) for r in result.rejections] == [("b.jsonl:2", code)]


def test_ingest_jsonl_whole_document_list() -> None:
    data = json.dumps([GOOD, {"text": "Second report."}, "junk"], indent=2).encode("utf-8")
    result = read_jsonl(data, origin="dump.json")
    assert [a.origin for a in result.articles] == ["dump.json[1]", "dump.json[2]"]
    assert [(r.input, r.code) for r in result.rejections] == [("dump.json[3]", "E017")]


def test_ingest_jsonl_whole_document_without_articles_rejected() -> None:
    data = json.dumps({"about": "not articles", "articles": {"a": 1}}, indent=2).encode("utf-8")
    with pytest.raises(InputRejected) as info:
        read_jsonl(data, origin="expected.json")
    assert info.value.code == "E016"


def test_ingest_jsonl_unicode_line_separator_inside_text_is_not_a_line_break() -> None:
    record = {"text": "First part.\u2028Second part, the army said."}
    (article,) = read_jsonl(lines(record, GOOD), origin="b.jsonl").articles[:1]
    assert "\u2028" in article.text
