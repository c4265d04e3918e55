"""ACLED's ``source_scale`` of an event, and the syndicated copies among its articles.

Who published an article, under which one name, and how many outlets an event has are
:mod:`fogofwar.outlets` (linking counts ``Event.sources`` with it too). The classification rule of
``source_scale`` is data (``resources/export_outlets.json``, its ``about``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from fogofwar.export.vocab import OutletVocab, outlet_vocab
from fogofwar.model import Article, Event
from fogofwar.outlets import canonical_outlet, event_articles, host

_WORD = re.compile(r"[\w.]+")


def _under(name: str | None, hosts: tuple[str, ...]) -> bool:
    return bool(name) and any(name == h or name.endswith("." + h) for h in hosts)  # type: ignore[union-attr]


def article_scales(article: Article, country: str | None, *, vocab: OutletVocab | None = None) -> set[str]:
    """ACLED scales of one article: any of New media, International, National; empty when unknown.

    A national outlet carrying an international agency's wire is both National and International.
    """
    vocab = vocab or outlet_vocab()
    given = [n for n in (article.agency, article.source) if n]
    names = [n.casefold() for n in (*given, *(canonical_outlet(n) for n in given))]
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
