"""Plain-text articles: one file (or string) is one article."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from fogofwar.errors import InputRejected
from fogofwar.ingest.dateline import parse_header
from fogofwar.ingest.decode import decode_bytes
from fogofwar.ingest.result import ReadResult
from fogofwar.model import Article, article_id


def article_from_text(
    raw: str,
    *,
    origin: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article:
    """Build an Article from the raw text of one report.

    The header is read with :func:`fogofwar.ingest.dateline.parse_header`: a leading
    ``date YYYY-MM-DD`` marker and a title line are removed from the text, the dateline
    stays; publication date, dateline place/date and agency fill the record.

    raw: the report as read. origin: where it came from (path, URL, ``file:line``).
    published, source, url, title: metadata known from outside the text; ``published`` and
        ``title`` win over what the text says.
    RETURNS: the Article; its id is ``article_id(text)`` and its text is the header's body.
    RAISES: InputRejected E013 when nothing is left after the header.
    """
    header = parse_header(raw, published=published, title=_clean(title))
    if not header.body:
        raise InputRejected("E013", input=origin or "<text>")
    return Article(
        id=article_id(header.body),
        text=header.body,
        title=header.title,
        source=_clean(source),
        agency=header.agency,
        url=_clean(url),
        published=header.published,
        dateline_place=header.dateline_place,
        dateline_date=header.dateline_date,
        origin=origin,
    )


def read_text(data: bytes, *, origin: str) -> ReadResult:
    """Read one plain-text file as one article; its source is the file's stem.

    RAISES: InputRejected E003/E004/E006 (decoding), E013 (no text after the header).
    """
    text = decode_bytes(data, origin=origin)
    source = None if origin.startswith("<") else PurePath(origin).stem  # "<stdin>" names no file
    return ReadResult(articles=[article_from_text(text, origin=origin, source=source)])


def _clean(value: str | None) -> str | None:
    """Metadata strings stripped; empty ones become None."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
