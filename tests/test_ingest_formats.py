"""Choosing a reader: file name endings, content sniffing, files a folder walk passes over."""

from __future__ import annotations

import gzip

import pytest

from fogofwar.ingest.formats import detect_format, is_archive, sniff_format
from fogofwar.ingest.sources import is_skipped_in_folder, is_url


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", "text"),
        ("a.TEXT", "text"),
        ("notes.md", "text"),
        ("batch.jsonl", "jsonl"),
        ("batch.ndjson", "jsonl"),
        ("dump.json", "jsonl"),
        ("page.html", "html"),
        ("page.HTM", "html"),
        ("feed.xml", "feed"),
        ("feed.rss", "feed"),
        ("feed.atom", "feed"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("old.arc.gz", "warc"),
    ],
)
def test_ingest_formats_by_extension(name: str, expected: str) -> None:
    assert detect_format(name, b"whatever the content") == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', "feed"),
        (b"\xef\xbb\xbf  <!DOCTYPE html><html><body>", "html"),
        (b"<p>Fragment of a page</p>", "html"),
        (b'{"text": "one"}\n{"text": "two"}', "jsonl"),
        (b"WARC/1.0\r\nWARC-Type: response\r\n", "warc"),
        (gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo\r\n"), "warc"),
        (gzip.compress(b"just gzipped text"), None),
        (b"Plain report text, the army said.", None),
    ],
)
def test_ingest_formats_sniffed(head: bytes, expected: str | None) -> None:
    assert sniff_format(head) == expected
    assert detect_format("unknown.dat", head) == (expected or "text")
    assert detect_format(None, head) == (expected or "text")


def test_ingest_formats_is_archive_needs_a_header() -> None:
    assert is_archive(b"filedesc://crawl.arc 0.0.0.0 20240101000000 text/plain 76")
    assert not is_archive(b"hello world, not an archive")


@pytest.mark.parametrize(
    ("name", "skipped"),
    [
        ("make_warc.py", True),
        ("README.md", True),
        ("LICENSE", True),
        ("photo.JPG", True),
        ("report.txt", False),
        ("readme_of_the_war.txt", False),
        ("page.html", False),
        ("unknown.dat", False),
    ],
)
def test_ingest_formats_folder_walk_skips_non_reports(name: str, skipped: bool) -> None:
    assert is_skipped_in_folder(name) is skipped


@pytest.mark.parametrize(
    ("path", "url"),
    [("https://x.example/feed.xml", True), ("HTTP://x.example/rss", True), ("ftp://x/y", False)],
)
def test_ingest_formats_urls(path: str, url: bool) -> None:
    assert is_url(path) is url
