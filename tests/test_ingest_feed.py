"""Feeds via feedparser: RSS and Atom entries, entries without text, broken feeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import InputRejected
from fogofwar.ingest.feed import read_feed

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_ingest_feed_rss_items() -> None:
    result = read_feed((EXAMPLES / "conflict_feed.xml").read_bytes(), origin="conflict_feed.xml")
    assert len(result.articles) == 3 and result.rejections == []
    first = result.articles[0]
    assert first.source == "Frontline Digest"
    assert first.url == "https://frontlinedigest.example/2025/04/14/sumy-claims"
    assert first.published == date(2025, 4, 14)
    assert first.title and first.title.startswith("Russia claims Sumy strike")
    assert first.origin == "conflict_feed.xml#1"
    assert "<p>" not in first.text and "more than 60 soldiers" in first.text


def test_ingest_feed_atom_html_content_and_empty_entry() -> None:
    result = read_feed((FIXTURES / "atom_feed.xml").read_bytes(), origin="atom_feed.xml")
    depot, school = result.articles
    assert depot.source == "Border Watch"
    assert depot.text.startswith("KHARKIV, Ukraine (BW)")
    assert "11 of 14 drones" in depot.text and "track()" not in depot.text
    assert depot.dateline_place == "Kharkiv"
    assert depot.published == date(2024, 11, 2)
    assert school.published == date(2024, 11, 1)
    assert [(r.input, r.code) for r in result.rejections] == [("atom_feed.xml#2", "E014")]


def test_ingest_feed_truncated_feed_keeps_complete_entries() -> None:
    data = (EXAMPLES / "conflict_feed.xml").read_bytes()
    cut = data[: data.index(b"<item>", data.index(b"</item>")) + 40]  # inside the second item
    result = read_feed(cut, origin="cut.xml")
    assert len(result.articles) >= 1
    assert result.articles[0].url == "https://frontlinedigest.example/2025/04/14/sumy-claims"


@pytest.mark.parametrize(
    "data",
    [
        b"This is a plain sentence, not a feed.",
        b"<html><body><p>A web page, not a feed.</p></body></html>",
        b"<rss><channel><title>x</title>",
    ],
)
def test_ingest_feed_broken_feed_rejected(data: bytes) -> None:
    with pytest.raises(InputRejected) as info:
        read_feed(data, origin="broken.xml")
    assert info.value.code == "E010"
    assert "broken.xml" in str(info.value)


def test_ingest_feed_empty_valid_feed_has_no_articles() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    result = read_feed(data, origin="quiet.xml")
    assert result.articles == [] and result.rejections == []


def test_ingest_feed_bytes_naming_a_file_are_not_opened(tmp_path: Path) -> None:
    target = tmp_path / "secret.xml"
    target.write_text(
        "<rss version='2.0'><channel><title>Secret</title><item><title>Hidden</title>"
        "<description>Text that must not be read through a path.</description></item></channel></rss>",
        encoding="utf-8",
    )
    with pytest.raises(InputRejected) as info:
        read_feed(str(target).encode(), origin="path.xml")
    assert info.value.code == "E010"


@pytest.mark.parametrize("stamp", ["Mon, 01 Jan 0001 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT"])
def test_ingest_feed_published_out_of_range_unknown(stamp: str) -> None:
    feed = (
        "<rss version='2.0'><channel><title>Wire</title><item><title>Clash</title>"
        f"<pubDate>{stamp}</pubDate><description>Two soldiers died in a clash, the army said.</description>"
        "</item></channel></rss>"
    ).encode()
    (article,) = read_feed(feed, origin="far.xml").articles
    assert article.published is None
