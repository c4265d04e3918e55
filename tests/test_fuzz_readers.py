"""Property tests: every ingest reader on random and hostile bytes.

Whatever the bytes, a reader returns articles and per-item rejections or raises
InputRejected; nothing else escapes. Every Article has non-blank text, the id of that text,
strings that encode to UTF-8 (no lone surrogates), and dates inside 1900..2100. Every
Rejection reason is one line that names its input.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fogofwar.errors import InputRejected
from fogofwar.ingest import READERS
from fogofwar.ingest.dateline import parse_header
from fogofwar.ingest.decode import decode_bytes
from fogofwar.ingest.result import ReadResult
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Article, article_id
from fogofwar.settings import Settings

LOW, HIGH = date(1900, 1, 1), date(2100, 12, 31)
SMALL = Settings(
    max_record_bytes=64_000, max_inflated_bytes=256_000, max_html_bytes=32_000, max_text_chars=2_000
)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that break naive readers, glued together with random bytes.
HOSTILE = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x00\x00", b"\n", b"\r\n", b"\r", b" ",
    b"\xe9", b"\xff", b"\x81", b"\xed\xa0\x80", b"\xc3\xa9", b"\xe2\x80\x99", b"\x1b", b"\x07",
    b'{"text": "', b'"}', b'", "published": "0001-01-01"}', b'"published": "9999-12-31T23:59:59Z", ',
    b"\\ud800", b"\\udfff", b"[" * 2000, b"{" * 500, b"9" * 5000, b"\\u0000",
    b"date 0001-01-01\n", b"date 9999-12-31\n", b"date 2024-02-30\n", b"date 2024-05-06\n",
    b"KYIV, Dec. 31 (AP) - ", b"GAO, 3 JAN 90 -- ", b"Jan. 25, 9999", b"(Reuters) \xe2\x80\x93 ",
    b"<html><body><p>", b"</p></body></html>", b"<meta charset='utf-16'>", b"<meta charset=bogus>",
    b"<rss version='2.0'><channel><item><description>", b"</description><pubDate>",
    b"Fri, 31 Dec 9999 23:59:59 GMT", b"</pubDate></item></channel></rss>", b"<!ENTITY a 'aaaa'>",
    b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"\r\n\r\n", b"\x1f\x8b\x08\x00",
    b"Troops shelled the town at dawn, killing 12 people, officials said. ",
]  # fmt: skip
hostile_bytes = st.one_of(
    st.binary(max_size=600),
    st.lists(st.sampled_from(HOSTILE) | st.binary(max_size=24), max_size=24).map(b"".join),
)


def check_article(article: Article) -> None:
    assert article.text.strip()
    assert re.fullmatch(r"[0-9a-f]{16}", article.id) and article.id == article_id(article.text)
    for value in (article.text, article.title, article.source, article.url, article.origin, article.agency):
        if value is not None:
            value.encode("utf-8")  # strict: a lone surrogate would raise here
    for day in (article.published, article.dateline_date):
        assert day is None or LOW <= day <= HIGH


def check_result(result: ReadResult, origin: str) -> None:
    for article in result.articles:
        check_article(article)
    for rejection in result.rejections:
        assert "\n" not in rejection.reason and origin in rejection.reason
        assert rejection.input.startswith(origin)
        rejection.reason.encode("utf-8")


def read_or_reject(fmt: str, data: bytes, *, origin: str) -> None:
    try:
        result = READERS[fmt](data, origin=origin, settings=SMALL)
    except InputRejected as e:
        assert "\n" not in str(e) and origin in str(e)
        return
    check_result(result, origin)


@pytest.mark.parametrize("fmt", ["text", "jsonl", "feed"])
@FAST
@given(data=hostile_bytes)
def test_fuzz_readers_fast_formats(fmt: str, data: bytes) -> None:
    read_or_reject(fmt, data, origin=f"in.{fmt}")


@SLOW
@given(data=hostile_bytes)
def test_fuzz_readers_html(data: bytes) -> None:
    read_or_reject("html", data, origin="in.html")


@SLOW
@given(data=hostile_bytes)
def test_fuzz_readers_warc_random_bytes(data: bytes) -> None:
    read_or_reject("warc", data, origin="in.warc")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
# Text with lone surrogates: json.dumps writes them as \ud800 escapes.
any_text = st.text(st.characters(codec=None), max_size=120)


@FAST
@given(
    records=st.lists(
        st.fixed_dictionaries(
            {"text": any_text | json_values},
            optional={"title": any_text | json_values, "published": any_text | json_values, "url": any_text},
        )
        | json_values,
        max_size=6,
    ),
    junk=st.lists(st.sampled_from(HOSTILE), max_size=3),
)
def test_fuzz_readers_jsonl_records(records: list[object], junk: list[bytes]) -> None:
    lines = [json.dumps(record).encode("ascii") for record in records] + junk
    read_or_reject("jsonl", b"\n".join(lines), origin="in.jsonl")


def warc_of(pages: list[tuple[bytes, bool]]) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number, (payload, html) in enumerate(pages):
        content_type = "text/html; charset=utf-8" if html else "application/octet-stream"
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"https://x.example/{number}", "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": "9999-12-31T23:59:59Z" if number % 2 else "2024-05-06T07:08:09Z"},
        )  # fmt: skip
        writer.write_record(record)
    return buffer.getvalue()


@SLOW
@given(
    pages=st.lists(st.tuples(hostile_bytes, st.booleans()), min_size=1, max_size=3),
    cut=st.integers(min_value=0, max_value=4000),
    flip=st.integers(min_value=0, max_value=4000),
)
def test_fuzz_readers_warc_damaged_archives(pages: list[tuple[bytes, bool]], cut: int, flip: int) -> None:
    data = bytearray(warc_of(pages))
    if flip < len(data):
        data[flip] ^= 0x5A
    read_or_reject("warc", bytes(data[: len(data) - cut] if cut < len(data) else data), origin="in.warc.gz")


@FAST
@given(data=hostile_bytes)
def test_fuzz_readers_decode(data: bytes) -> None:
    try:
        text = decode_bytes(data, origin="in.txt")
    except InputRejected as e:
        assert e.code in {"E003", "E004", "E006"}
        return
    assert text.strip() and "\r" not in text


@FAST
@given(
    raw=any_text | hostile_bytes.map(lambda data: data.decode("utf-8", "surrogateescape")),
    published=st.none() | st.dates(),
    title=st.none() | any_text,
)
def test_fuzz_readers_header_and_article_from_text(
    raw: str, published: date | None, title: str | None
) -> None:
    header = parse_header(raw, published=published, title=title)
    assert raw.strip().endswith(header.body) or not header.body
    for day in (header.published, header.dateline_date):
        assert day is None or LOW <= day <= HIGH
    try:
        article = article_from_text(raw, origin="in.txt", published=published, title=title, max_chars=500)
    except InputRejected as e:
        assert e.code == "E013"
        return
    check_article(article)
