"""Plain-text articles: one file (or string) is one article."""

from __future__ import annotations

import logging
from datetime import date

from fogofwar.errors import InputRejected
from fogofwar.ingest.dateline import parse_header
from fogofwar.ingest.decode import decode_bytes, replace_surrogates
from fogofwar.ingest.result import ReadResult
from fogofwar.model import Article, article_id
from fogofwar.settings import DEFAULT_MAX_TEXT_CHARS, Settings

logger = logging.getLogger(__name__)


def article_from_text(
    raw: str,
    *,
    origin: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    max_chars: int = DEFAULT_MAX_TEXT_CHARS,
) -> Article:
    """Build an Article from the raw text of one report.

    The header is read with :func:`fogofwar.ingest.dateline.parse_header`: a leading
    ``date YYYY-MM-DD`` marker and a title line are removed from the text, the dateline
    stays; publication date, dateline place/date, agency and the dateline's offsets into the
    text fill the record.

    raw: the report as read. origin: where it came from (path, URL, ``file:line``).
    published, source, url, title: metadata known from outside the text; ``published`` and
        ``title`` win over what the text says. A publication date outside 1900..2100 is
        unknown (None, logged).
    max_chars: a longer text is cut (at the last line break, else space, before the limit)
        with a logged warning, and the article kept: the head of a report carries its news.
    Lone surrogates (from JSON escapes or undecodable names) in any string become U+FFFD.
    RETURNS: the Article; its id is ``article_id(text)`` and its text is the header's body.
    RAISES: InputRejected E013 when nothing is left after the header.
    """
    origin = replace_surrogates(origin) if origin is not None else None
    raw = _cut(replace_surrogates(raw), max_chars=max_chars, origin=origin)
    header = parse_header(raw, published=published, title=_clean(title), origin=origin)
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
        dateline_start=header.dateline_span.start if header.dateline_span else None,
        dateline_end=header.dateline_span.end if header.dateline_span else None,
    )


def read_text(data: bytes, *, origin: str, settings: Settings | None = None) -> ReadResult:
    """Read one plain-text file as one article. A file names no outlet: ``source`` stays None
    (the dateline's agency may still name one), and ``origin`` keeps the path, which the exports
    show as ``file: NAME`` when nothing else names the outlet.

    settings: ``max_text_chars`` caps the article's text (a longer one is cut, logged).
    RAISES: InputRejected E003/E004/E006 (decoding), E013 (no text after the header).
    """
    max_chars = settings.max_text_chars if settings else DEFAULT_MAX_TEXT_CHARS
    text = decode_bytes(data, origin=origin)
    return ReadResult(articles=[article_from_text(text, origin=origin, max_chars=max_chars)])


def _cut(raw: str, *, max_chars: int, origin: str | None) -> str:
    """``raw`` cut to at most ``max_chars`` characters, at a line break or space when one is near."""
    if len(raw) <= max_chars:
        return raw
    head = raw[:max_chars]
    # A break in the last tenth of the head keeps whole lines; else cut mid-word.
    floor = max_chars - max_chars // 10
    end = max(head.rfind("\n", floor), head.rfind(" ", floor) if head.rfind("\n", floor) < 0 else -1)
    head = head[:end] if end > 0 else head
    logger.warning(
        "%s: article text of %d characters cut to %d (max_text_chars %d)",
        origin or "<text>", len(raw), len(head), max_chars,
    )  # fmt: skip
    return head


def _clean(value: str | None) -> str | None:
    """Metadata strings stripped (lone surrogates replaced); empty ones become None."""
    if value is None:
        return None
    value = " ".join(replace_surrogates(value).split())
    return value or None
