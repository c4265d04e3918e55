"""HTML pages via trafilatura, and HTML fragments (feed summaries) to text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import InputRejected
from fogofwar.ingest.html import declared_charset, fragment_to_text, read_html
from fogofwar.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Drones hit power station - Border Post</title>
<meta property="og:site_name" content="Border Post">
<meta property="article:published_time" content="2024-11-03T08:00:00+02:00">
</head><body><nav><a href="/">Home</a> | <a href="/war">War</a></nav>
<article><h1>Drones hit power station</h1>
<p>KHARKIV, Ukraine (BP) — Drones struck a power station on the city's edge overnight,
the regional governor said.</p>
<p>The governor said one worker was killed and four were injured. Russia's defence ministry
said it hit "energy facilities used by the Ukrainian army".</p></article>
<footer>Contact us</footer></body></html>"""


def test_ingest_html_page_metadata_and_dateline() -> None:
    (article,) = read_html(PAGE.encode("utf-8"), origin="page.html").articles
    assert article.title == "Drones hit power station"
    assert article.source == "Border Post"
    assert article.published == date(2024, 11, 3)
    assert (article.dateline_place, article.agency) == ("Kharkiv", "BP")
    assert article.text.startswith("KHARKIV, Ukraine (BP)")
    assert "Contact us" not in article.text and "Home" not in article.text


def test_ingest_html_broken_markup_with_text_is_read() -> None:
    (article,) = read_html((FIXTURES / "messy_page.html").read_bytes(), origin="messy_page.html").articles
    assert "seven attackers were killed" in article.text
    assert "lost two men" in article.text


def test_ingest_html_without_text_rejected() -> None:
    with pytest.raises(InputRejected) as info:
        read_html((FIXTURES / "empty_page.html").read_bytes(), origin="empty_page.html")
    assert info.value.code == "E009"
    assert "empty_page.html" in str(info.value)


def test_ingest_html_declared_latin1_page() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("overnight", "près de Ségou")
    (article,) = read_html(page.encode("cp1252"), origin="page.html").articles  # browsers read latin-1 so
    assert "près de Ségou" in article.text


@pytest.mark.parametrize(
    ("data", "charset"),
    [
        (b'<meta charset="windows-1251">', "windows-1251"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "ISO-8859-1"),
        (b"<p>no declaration</p>", None),
    ],
)
def test_ingest_html_declared_charset(data: bytes, charset: str | None) -> None:
    assert declared_charset(data) == charset


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\nTwo & three."),
        ("Plain summary, no markup.", "Plain summary, no markup."),
        ("<div>Line<br>break</div><script>x()</script>", "Line\nbreak"),
        ("<p>  spaced\n   out  </p>", "spaced out"),
        ("", ""),
        ("<!-- only a comment -->", ""),
    ],
)
def test_ingest_html_fragment_to_text(fragment: str, text: str) -> None:
    assert fragment_to_text(fragment) == text


def test_ingest_html_page_over_size_limit_rejected() -> None:
    page = b"<html><body><p>" + b"Troops shelled the town, officials said. " * 2000 + b"</p></body></html>"
    with pytest.raises(InputRejected) as info:
        read_html(page, origin="huge.html", settings=Settings(max_html_bytes=10_000))
    assert info.value.code == "E019" and "huge.html" in str(info.value)
    assert read_html(page, origin="huge.html").articles  # within the default limit


@pytest.mark.parametrize(
    ("head", "url", "source"),
    [
        ('<meta property="og:site_name" content="Border Post">', None, "Border Post"),
        # trafilatura's fallback from the URL is a host, not a name: the URL names the outlet.
        (
            '<link rel="canonical" href="https://www.borderpost.example/a">',
            "https://www.borderpost.example/a",
            None,
        ),
        ("", None, None),
    ],
)
def test_ingest_html_source_is_the_site_name(head: str, url: str | None, source: str | None) -> None:
    page = PAGE.replace('<meta property="og:site_name" content="Border Post">', head).replace(
        "<title>Drones hit power station - Border Post</title>", "<title>Drones hit power station</title>"
    )
    (article,) = read_html(page.encode("utf-8"), origin="page.html").articles
    assert (article.source, article.url) == (source, url)
