"""Web archives: HTML responses become articles, other records are skipped, damage is reported."""

from __future__ import annotations

import gzip
import importlib.util
import io
import zlib
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from fogofwar.errors import InputRejected
from fogofwar.ingest.warc import read_warc
from fogofwar.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def load_make_warc() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_warc", EXAMPLES / "make_warc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def archive(*pages: tuple[str, str, bytes], gzip_records: bool = True) -> bytes:
    """A WARC of response records (uri, content type, payload), written in the test."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    for uri, content_type, payload in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-05-06T07:08:09Z"},
        )  # fmt: skip
        writer.write_record(record)
    return buffer.getvalue()


PAGE = (
    b"<html><head><title>Ambush on convoy</title></head><body><article><h1>Ambush on convoy</h1>"
    b"<p>Gunmen ambushed a supply convoy on the northern road, the army said, adding that four soldiers"
    b" were killed. The insurgents said they killed ten.</p></article></body></html>"
)


def test_ingest_warc_example_archive() -> None:
    result = read_warc((EXAMPLES / "reports.warc.gz").read_bytes(), origin="reports.warc.gz")
    assert result.rejections == []
    zamzam, shabelle = result.articles
    assert zamzam.url == "https://nileobserver.example/sudan/2025/04/15/zamzam-survivors"
    assert (zamzam.source, zamzam.published, zamzam.dateline_place) == (
        "Nile Observer",
        date(2025, 4, 15),
        "Tawila",
    )
    assert shabelle.published == date(2025, 3, 5)  # no date on the page: the WARC-Date
    assert shabelle.origin and shabelle.origin.startswith("reports.warc.gz#")


def test_ingest_warc_example_is_reproducible() -> None:
    assert load_make_warc().build() == (EXAMPLES / "reports.warc.gz").read_bytes()


@pytest.mark.parametrize("gzip_records", [True, False])
def test_ingest_warc_page_url_and_fallback_date(gzip_records: bool) -> None:
    data = archive(
        ("https://x.example/ambush", "text/html; charset=utf-8", PAGE),
        ("https://x.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        gzip_records=gzip_records,
    )
    (article,) = read_warc(data, origin="c.warc").articles
    assert article.url == "https://x.example/ambush"
    assert article.published == date(2024, 5, 6)
    assert article.title == "Ambush on convoy"
    assert "four soldiers were killed" in article.text


def test_ingest_warc_page_without_text_rejected_alone() -> None:
    data = archive(
        ("https://x.example/empty", "text/html", b"<html><head><script>x()</script></head></html>"),
        ("https://x.example/ambush", "text/html", PAGE),
    )
    result = read_warc(data, origin="c.warc.gz")
    assert [a.url for a in result.articles] == ["https://x.example/ambush"]
    assert [r.code for r in result.rejections] == ["E009"]
    assert result.rejections[0].input == "c.warc.gz#0"


@pytest.mark.parametrize("cut", [-100, 2000, 1500, 500])
def test_ingest_warc_truncated_archive_keeps_what_was_read(cut: int) -> None:
    data = (EXAMPLES / "reports.warc.gz").read_bytes()
    result = read_warc(data[:cut], origin="cut.warc.gz")
    assert [r.code for r in result.rejections] == ["E011"]
    assert all(a.url and a.url.startswith("https://") for a in result.articles)


def test_ingest_warc_uncompressed_example_reads_the_same() -> None:
    data = gzip.decompress((EXAMPLES / "reports.warc.gz").read_bytes())
    assert len(read_warc(data, origin="plain.warc").articles) == 2


@pytest.mark.parametrize("data", [b"hello world, not a web archive", gzip.compress(b"gzipped, not a WARC")])
def test_ingest_warc_not_an_archive_rejected(data: bytes) -> None:
    with pytest.raises(InputRejected) as info:
        read_warc(data, origin="fake.warc.gz")
    assert info.value.code == "E011"


# --- inflated-size limits -----------------------------------------------------------------------


def bomb_member(payload_bytes: int, *, uri: str = "https://x.example/bomb") -> bytes:
    """One gzip member holding a response record whose HTML page is ``payload_bytes`` of spaces
    (a few KB on disk per MB inflated), compressed chunk by chunk so the test never holds it."""
    head = b"<html><body><p>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % payload_bytes
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri.encode() + b"\r\n"
        b"WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Record-ID: <urn:uuid:0b0b>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
    ) % (len(http) + payload_bytes)
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts, left, chunk = (
        [compressor.compress(warc + http + head)],
        payload_bytes - len(head),
        b" " * (1 << 20),
    )
    while left > 0:
        parts.append(compressor.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    parts += [compressor.compress(b"\r\n\r\n"), compressor.flush()]
    return b"".join(parts)


LIMITS = Settings(max_record_bytes=1 << 20, max_inflated_bytes=16 << 20)


def test_ingest_warc_gzip_bomb_rejected_alone() -> None:
    first = archive(("https://x.example/ambush", "text/html", PAGE))
    bomb = bomb_member(64 << 20)
    last = archive(("https://y.example/ambush", "text/html", PAGE.replace(b"four", b"five")))
    assert len(bomb) < 200_000  # small on disk
    result = read_warc(first + bomb + last, origin="bomb.warc.gz", settings=LIMITS)
    assert [a.url for a in result.articles] == ["https://x.example/ambush", "https://y.example/ambush"]
    (rejection,) = result.rejections
    assert (rejection.code, rejection.input) == ("E018", f"bomb.warc.gz#{len(first)}")
    assert "bomb.warc.gz#" in rejection.reason and "\n" not in rejection.reason


def test_ingest_warc_gzip_bomb_with_default_limits_rejected() -> None:
    data = bomb_member(24 << 20) + archive(("https://y.example/ambush", "text/html", PAGE))
    result = read_warc(data, origin="bomb.warc.gz")
    assert [a.url for a in result.articles] == ["https://y.example/ambush"]
    assert [r.code for r in result.rejections] == ["E018"]


def test_ingest_warc_many_bombs_stop_at_the_inflated_total() -> None:
    bombs = b"".join(bomb_member(900_000, uri=f"https://x.example/{n}") for n in range(40))
    result = read_warc(bombs, origin="many.warc.gz", settings=LIMITS)
    assert result.articles == []
    assert [r.code for r in result.rejections][-1] == "E018"
    assert "the archive" in result.rejections[-1].reason
    assert len(result.rejections) < 40  # stopped before the end


def test_ingest_warc_payload_over_record_limit_rejected_alone() -> None:
    big = b"<html><body><p>" + b"Shelling went on all night. " * 50_000 + b"</p></body></html>"
    data = archive(
        ("https://x.example/big", "text/html", big), ("https://x.example/ambush", "text/html", PAGE)
    )
    settings = Settings(max_record_bytes=1 << 20)
    for gzipped in (data, gzip.decompress(data)):
        result = read_warc(gzipped, origin="big.warc", settings=settings)
        assert [a.url for a in result.articles] == ["https://x.example/ambush"]
        assert [(r.code, r.input) for r in result.rejections] == [
            ("E018" if gzipped is data else "E019", "big.warc#0")
        ]


def test_ingest_warc_page_over_html_limit_rejected_alone() -> None:
    big = b"<html><body><p>" + b"Shelling went on all night. " * 5_000 + b"</p></body></html>"
    data = archive(
        ("https://x.example/big", "text/html", big), ("https://x.example/ambush", "text/html", PAGE)
    )
    result = read_warc(data, origin="big.warc.gz", settings=Settings(max_html_bytes=50_000))
    assert [a.url for a in result.articles] == ["https://x.example/ambush"]
    ((code, reason),) = [(r.code, r.reason) for r in result.rejections]
    assert code == "E019" and "HTML page" in reason and "big.warc.gz#0" in reason


def test_ingest_warc_nested_gzip_member_is_not_inflated() -> None:
    nested = gzip.compress(gzip.compress(b"WARC/1.0\r\n" + b" " * 100_000))
    data = archive(("https://x.example/ambush", "text/html", PAGE))
    result = read_warc(data + nested + data, origin="n.warc.gz")
    assert len(result.articles) == 2
    assert [(r.code, r.input) for r in result.rejections] == [("E011", f"n.warc.gz#{len(data)}")]


def test_ingest_warc_junk_between_members_skipped_to_the_next() -> None:
    data = archive(("https://x.example/ambush", "text/html", PAGE))
    result = read_warc(data + b"\x1f\x8b\x08junk that is not deflate" + data, origin="j.warc.gz")
    assert len(result.articles) == 2
    assert [r.code for r in result.rejections] == ["E011"]
