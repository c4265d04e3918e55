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


@pytest.mark.parametrize(
    ("bad", "detail"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"text": "x", "n": ' + b"7" * 5000 + b"}", "digits"),
        (b'{"text": "caf\xff\xfe\xfd\xfc"', "line 2"),
    ],
    ids=["deep-nesting", "huge-integer", "broken-and-bad-bytes"],
)
def test_ingest_jsonl_hostile_line_rejected_alone(bad: bytes, detail: str) -> None:
    data = lines(GOOD) + b"\n" + bad + b"\n" + lines({"text": "Third report, the police said."})
    result = read_jsonl(data, origin="hostile.jsonl")
    assert [a.origin for a in result.articles] == ["hostile.jsonl:1", "hostile.jsonl:3"]
    (rejection,) = result.rejections
    assert (rejection.input, rejection.code) == ("hostile.jsonl:2", "E007")
    assert "hostile.jsonl" in rejection.reason and detail in rejection.reason
    assert "\n" not in rejection.reason


def test_ingest_jsonl_invalid_byte_decodes_that_line_only() -> None:
    first = json.dumps({"text": "Ségou: the army said two died."}, ensure_ascii=False).encode("utf-8")
    second = b'{"text": "Mopti: one stray \xff byte, the mayor said."}'
    third = json.dumps({"text": "Gao’s market reopened."}, ensure_ascii=False).encode("utf-8")
    result = read_jsonl(b"\n".join([first, second, third]), origin="mixed.jsonl")
    texts = [a.text for a in result.articles]
    assert texts[0].startswith("Ségou") and texts[2].startswith("Gao’s")  # not cp1252 mojibake
    assert "\ufffd" not in texts[0] + texts[2]
    assert result.rejections == []


def test_ingest_jsonl_cp1252_line_read_as_cp1252() -> None:
    data = lines(GOOD) + b'\n{"text": "Caf\xe9 bombed in S\xe9gou, police said."}'
    result = read_jsonl(data, origin="legacy.jsonl")
    assert result.articles[1].text == "Café bombed in Ségou, police said."


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d"])
def test_ingest_jsonl_lone_surrogate_replaced(escape: str) -> None:
    line = '{"text": "Shelling ' + escape + ' hit the port, officials said.", "title": "T' + escape + '"}'
    (article,) = read_jsonl(line.encode("ascii"), origin="s.jsonl").articles
    assert article.text == "Shelling \ufffd hit the port, officials said."
    assert article.title == "T\ufffd"
    article.text.encode("utf-8")  # later stages (ids, SQLite) encode it


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "9999-12-31T23:59:59Z", "1899-12-31"])
def test_ingest_jsonl_published_out_of_range_unknown(
    published: str, caplog: pytest.LogCaptureFixture
) -> None:
    (article,) = read_jsonl(lines({**GOOD, "published": published}), origin="d.jsonl").articles
    assert article.published is None
    assert "d.jsonl:1: publication date" in caplog.text


def test_ingest_jsonl_pretty_document_with_deep_nesting_is_not_fatal() -> None:
    data = b'{\n"text": "Report one, the army said.",\n"x": ' + b"[" * 50_000 + b"]" * 50_000 + b"\n}"
    result = read_jsonl(data, origin="deep.json")
    assert all(r.input.startswith("deep.json:") for r in result.rejections)
    assert result.rejections


@pytest.mark.parametrize(
    ("fields", "source"),
    [
        ({"source": "Example Post"}, "Example Post"),
        ({"site": "Sahel Wire"}, "Sahel Wire"),
        ({"outlet": "Nile Observer"}, "Nile Observer"),
        ({"publisher": "Border Watch"}, "Border Watch"),
        ({"publisher": {"@type": "Organization", "name": "Kivu Times"}}, "Kivu Times"),
        ({"source": "", "site": "Sahel Wire"}, "Sahel Wire"),
        ({"publisher": {"url": "https://x.example"}}, None),
        ({}, None),
    ],
)
def test_ingest_jsonl_source_keys(fields: dict[str, object], source: str | None) -> None:
    (article,) = read_jsonl(lines({**GOOD, **fields}), origin="b.jsonl").articles
    assert article.source == source
