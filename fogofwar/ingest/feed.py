"""RSS / Atom / RDF feeds (feedparser): one article per entry, and each entry's key for pollers."""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import feedparser

from fogofwar.errors import InputRejected
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.decode import check_text_like
from fogofwar.ingest.html import fragment_to_text
from fogofwar.ingest.result import ReadResult
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Article, Rejection
from fogofwar.settings import DEFAULT_MAX_TEXT_CHARS, Settings

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed as read: its :func:`entry_key` and its article, or why it has none."""

    key: str
    record: Article | Rejection


def read_feed(data: bytes, *, origin: str, settings: Settings | None = None) -> ReadResult:
    """Read a feed's entries as articles (title, link, published, content or summary text).

    The feed's title is each article's source. An entry without text is rejected alone
    (E014); a feed that cannot be parsed at all raises.
    settings: ``max_text_chars`` caps each entry's text (a longer one is cut, logged).
    RAISES: InputRejected E003/E004 (empty, binary), E010 (not a readable feed).
    """
    result = ReadResult()
    for entry in read_feed_entries(data, origin=origin, settings=settings):
        if isinstance(entry.record, Rejection):
            result.rejections.append(entry.record)
        else:
            result.articles.append(entry.record)
    return result


def read_feed_entries(data: bytes, *, origin: str, settings: Settings | None = None) -> list[FeedEntry]:
    """:func:`read_feed`, entry by entry in feed order, each with its :func:`entry_key`.

    For pollers (``fogofwar watch``): the key tells an entry seen before from a new one
    whatever its position, while the article's ``origin`` stays ``ORIGIN#N``.
    RAISES: as :func:`read_feed`.
    """
    max_chars = settings.max_text_chars if settings else DEFAULT_MAX_TEXT_CHARS
    check_text_like(data, origin=origin)
    # feedparser decodes by itself: it honours the XML declaration's encoding. A stream, not
    # bytes: feedparser would open bytes that happen to name a file (or fetch a URL) instead.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        raise InputRejected("E010", input=origin, detail=_bozo_detail(parsed))
    if parsed.get("bozo"):
        logger.info("%s: feed has errors, read anyway: %s", origin, _bozo_detail(parsed))
    source = _text_or_none(parsed.get("feed", {}).get("title"))
    read: list[FeedEntry] = []
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#{number}"
        record: Article | Rejection
        try:
            record = _article_from_entry(entry, origin=entry_origin, source=source, max_chars=max_chars)
        except InputRejected as e:
            logger.info("%s", e)
            record = Rejection(input=entry_origin, reason=" ".join(str(e).split()), code=e.code)
        read.append(FeedEntry(key=entry_key(entry, record), record=record))
    return read


def entry_key(entry: Mapping[str, Any], record: Article | Rejection) -> str:
    """What names a feed entry across polls: its id (RSS ``guid``, Atom ``id``), else its link,
    else its title, else the id of the article read from it (its text)."""
    for field_name in ("id", "link", "title"):
        value = _text_or_none(entry.get(field_name))
        if value:
            return f"{field_name}:{value}"
    return f"text:{record.id}" if isinstance(record, Article) else f"position:{record.input}"


def _article_from_entry(
    entry: Mapping[str, Any], *, origin: str, source: str | None, max_chars: int
) -> Article:
    text = _entry_text(entry)
    if not text:
        raise InputRejected("E014", input=origin)
    return article_from_text(
        text,
        origin=origin,
        published=parse_published(entry.get("published_parsed") or entry.get("updated_parsed")),
        source=source,
        url=_text_or_none(entry.get("link")),
        title=_text_or_none(fragment_to_text(entry.get("title") or "")),
        max_chars=max_chars,
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The longest of an entry's content blocks and summary, as plain text."""
    candidates = [*entry.get("content", []), entry.get("summary_detail") or {}]
    texts = [_detail_text(detail) for detail in candidates if detail.get("value")]
    return max(texts, key=len, default="")


def _detail_text(detail: Mapping[str, Any]) -> str:
    value = str(detail.get("value", ""))
    if detail.get("type") in _HTML_TYPES or "<" in value:
        return fragment_to_text(value)
    return value.strip()


def _bozo_detail(parsed: Mapping[str, Any]) -> str:
    error = parsed.get("bozo_exception")
    detail = str(error) if error else "no feed element (rss, feed or rdf) found"
    return " ".join(detail.split())


def _text_or_none(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
