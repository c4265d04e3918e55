"""The outlets behind an event: its articles (a syndicated copy counts as its original), their
names as ACLED's ``source`` column lists them, and ACLED's ``source_scale``.

The classification rule is data (``resources/export_outlets.json``, see its ``about``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from urllib.parse import urlsplit

from fogofwar.export.vocab import OutletVocab, outlet_vocab
from fogofwar.model import Article, Event

_WORD = re.compile(r"[\w.]+")


def event_articles(event: Event, articles: Mapping[str, Article]) -> list[Article]:
    """The event's articles that are at hand, a copy replaced by its original, each once, earliest first.

    Order: by reference date (undated last), then as listed on the event.
    """
    found: dict[str, Article] = {}
    for article_id in event.article_ids:
        article = articles.get(article_id)
        if article is None:
            continue
        if article.duplicate_of and article.duplicate_of in articles:
            article = articles[article.duplicate_of]
        found.setdefault(article.id, article)
    position = {article_id: k for k, article_id in enumerate(found)}
    return sorted(
        found.values(),
        key=lambda a: (a.reference_date is None, a.reference_date or date.min, position[a.id]),
    )


def host(article: Article) -> str | None:
    """The article URL's host without ``www.``, lower-cased; None without a URL."""
    if not article.url:
        return None
    name = urlsplit(article.url).hostname
    return name.removeprefix("www.") if name else None


def outlet_names(article: Article) -> list[str]:
    """Who published an article, as written: its agency and its outlet (each once), else its URL's host."""
    names: list[str] = []
    for name in (article.agency, article.source):
        if name and name.strip() and name.strip().casefold() not in {n.casefold() for n in names}:
            names.append(name.strip())
    if not names and (name := host(article)):
        names.append(name)
    return names


def event_outlets(event: Event, articles: Mapping[str, Article]) -> list[str]:
    """Distinct outlet names of the event's articles (case-insensitive), earliest article first."""
    seen: set[str] = set()
    names = []
    for article in event_articles(event, articles):
        for name in outlet_names(article):
            if name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


def _under(name: str | None, hosts: tuple[str, ...]) -> bool:
    return bool(name) and any(name == h or name.endswith("." + h) for h in hosts)  # type: ignore[union-attr]


def article_scales(article: Article, country: str | None, *, vocab: OutletVocab | None = None) -> set[str]:
    """ACLED scales of one article: any of New media, International, National; empty when unknown.

    A national outlet carrying an international agency's wire is both National and International.
    """
    vocab = vocab or outlet_vocab()
    names = [n.casefold() for n in (article.agency, article.source) if n]
    where = host(article)
    scales = set()
    words = {w for n in names for w in _WORD.findall(n)}
    if words & vocab.new_media or _under(where, vocab.new_media_hosts):
        scales.add("New media")
    if any(n in vocab.international for n in names) or _under(where, vocab.international_hosts):
        scales.add("International")
    if where and country:
        tld = where.rsplit(".", 1)[-1]
        if vocab.tld_countries.get(tld, tld.upper()) == country.upper():
            scales.add("National")
    return scales


def copies_of(event: Event, articles: Mapping[str, Article]) -> dict[str, str]:
    """Syndicated copies among the event's articles: copy id -> original id (``reconcile`` ``copies``)."""
    found = {}
    for article_id in event.article_ids:
        article = articles.get(article_id)
        if article is not None and article.duplicate_of:
            found[article_id] = article.duplicate_of
    return found


def source_scale(event: Event, articles: Mapping[str, Article]) -> str:
    """ACLED ``source_scale`` of an event: its articles' scales joined with "-" in the vocabulary's order,
    or the vocabulary's unclassified value ("Other") when none could be classified."""
    vocab = outlet_vocab()
    country = event.place.country if event.place else None
    scales = set().union(*(article_scales(a, country, vocab=vocab) for a in event_articles(event, articles)))
    ordered = [scale for scale in vocab.order if scale in scales]
    return "-".join(ordered) if ordered else vocab.unclassified
