"""HTML pages (trafilatura) and HTML fragments (lxml) to article text."""

from __future__ import annotations

import logging
import re
from datetime import date

import lxml.etree
import lxml.html
import trafilatura

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.decode import decode_bytes
from fogofwar.ingest.result import ReadResult
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Article
from fogofwar.settings import DEFAULT_MAX_HTML_BYTES, DEFAULT_MAX_TEXT_CHARS, Settings

logger = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
# A host name, not a site's name ("www.example.org", "example.org").
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
# Page dates are read from markup and metadata only: searching the text would take the
# first date the article mentions (often the event, not the publication).
_DATE_PARAMS = {"original_date": True, "extensive_search": False}


def read_html(data: bytes, *, origin: str, settings: Settings | None = None) -> ReadResult:
    """Read one HTML page as one article (body, title, date and site name via trafilatura).

    settings: ``max_html_bytes`` (a larger page is rejected, E019) and ``max_text_chars``.
    RAISES: InputRejected E003/E004/E006 (decoding), E009 (no article text), E019 (too large).
    """
    check_html_size(data, origin=origin, settings=settings)
    html = decode_bytes(data, origin=origin, declared=declared_charset(data))
    max_chars = settings.max_text_chars if settings else DEFAULT_MAX_TEXT_CHARS
    return ReadResult(articles=[article_from_html(html, origin=origin, max_chars=max_chars)])


def check_html_size(data: bytes, *, origin: str, settings: Settings | None) -> None:
    """Raise E019 when a page is larger than ``max_html_bytes``: trafilatura's time and memory
    grow with the page, and no news article needs megabytes of markup."""
    limit = settings.max_html_bytes if settings else DEFAULT_MAX_HTML_BYTES
    if len(data) > limit:
        remedy = "raise Settings.max_html_bytes to read it"
        raise InputRejected(
            "E019", input=origin, what="HTML page", size=len(data), limit=limit, remedy=remedy
        )


def article_from_html(
    html: str,
    *,
    origin: str,
    url: str | None = None,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> Article:
    """Extract the article of one HTML page.

    url: where the page was fetched (wins over the page's canonical link).
    published: a fallback publication date (e.g. a WARC-Date) when the page states none.
    max_chars: the article text's cap (see ``article_from_text``).
    RAISES: InputRejected E009 when the page has no extractable text, E013 via the header.
    """
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    text = getattr(document, "text", None) or _baseline_text(html)
    if len(text.split()) < vocab.HTML_MIN_WORDS:
        raise InputRejected("E009", input=origin)
    url = url or getattr(document, "url", None)
    return article_from_text(
        text,
        origin=origin,
        published=parse_published(getattr(document, "date", None)) or published,
        source=site_name(document, url=url),
        url=url,
        title=getattr(document, "title", None),
        max_chars=max_chars,
    )


def site_name(document: object, *, url: str | None) -> str | None:
    """The site's name as the page gives it (``og:site_name``, else trafilatura's reading of the
    title or meta tags). None when all trafilatura has is a domain and the page has a ``url``:
    the URL's host then names the outlet (``fogofwar.outlets``), a host is not a name."""
    name = getattr(document, "sitename", None)
    if not isinstance(name, str) or not name.strip():
        return None
    if url and _DOMAIN.fullmatch(name.strip()):
        return None
    return name


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start, if any."""
    match = _META_CHARSET.search(data[: vocab.SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): block elements become line breaks."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in list(root.iter()):  # a copy: drop_tree() changes the tree
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        if element.tag in ("script", "style"):
            element.drop_tree()
            continue
        # Source line breaks are plain spaces in HTML; only block elements break lines.
        element.text = _WHITESPACE.sub(" ", element.text) if element.text else element.text
        element.tail = _WHITESPACE.sub(" ", element.tail) if element.tail else element.tail
        if element.tag in vocab.BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _baseline_text(html: str) -> str:
    """trafilatura's simple fallback for pages its main extractor gives up on (very short)."""
    _, text, _ = trafilatura.baseline(html)
    return text
