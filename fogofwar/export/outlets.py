"""The outlets behind an event: its articles (a syndicated copy counts as its original), their
names as ACLED's ``source`` column lists them, how many there are, and ACLED's ``source_scale``.

One outlet has one name. An article's names come from what it says of itself (``Article.agency``
from the dateline, ``Article.source``: the page's site name, the feed's title, the JSON
``source``), each folded through the outlet table (``resources/export_outlets.json`` "outlets":
"Agence France-Presse" and "AFP" are "AFP"); an abbreviation that is the initials of another name
of the same article or event ("WAL" beside "West Africa Ledger") is that name. Without a name,
the URL's host names it (the table's outlet for that domain, else the host itself); without a
URL, the file it was read from, marked as such: ``file: NAME``. The classification rule of
``source_scale`` is data too (the resource's ``about``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import PurePath
from urllib.parse import urlsplit

from fogofwar.export.vocab import OutletVocab, outlet_vocab
from fogofwar.model import Article, Event

_WORD = re.compile(r"[\w.]+")
# An abbreviation: one word of 2 to 6 capital letters ("WAL", "AFP"); its initials: the first
# letter of each capitalised word of a longer name ("West Africa Ledger", "Agence France-Presse").
_ABBREVIATION = re.compile(r"[A-Z]{2,6}")
_NAME_WORDS = re.compile(r"[^\s\-–]+")
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
# Marks a name taken from the file an article was read from, not from the article.
FILE_PREFIX = "file: "


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


def canonical_outlet(name: str, *, vocab: OutletVocab | None = None) -> str:
    """The one name of an outlet: the outlet table's name for ``name`` or an alias of it
    (case-insensitive), or for a name that is a web domain ("www.reuters.com"); else ``name``
    with its spaces collapsed."""
    vocab = vocab or outlet_vocab()
    name = " ".join(name.split())
    if name.casefold() in vocab.names:
        return vocab.names[name.casefold()]
    if _DOMAIN.fullmatch(name):
        return host_outlet(name.casefold().removeprefix("www."), vocab=vocab) or name
    return name


def host_outlet(name: str | None, *, vocab: OutletVocab | None = None) -> str | None:
    """The outlet table's name for a web host (the host or a domain above it), else None."""
    vocab = vocab or outlet_vocab()
    while name:
        if name in vocab.hosts:
            return vocab.hosts[name]
        name = name.partition(".")[2] if "." in name.partition(".")[2] else None
    return None


def file_label(article: Article) -> str | None:
    """``file: NAME`` for an article read from a local file (NAME the file's name with the line or
    entry, as in ``Article.origin``); None for a URL, standard input or no origin."""
    origin = article.origin
    if not origin or origin.startswith("<") or "://" in origin:
        return None
    return FILE_PREFIX + PurePath(origin).name


def initials(name: str) -> str:
    """The first letters of a name's capitalised words: "West Africa Ledger" -> "WAL"."""
    return "".join(word[0] for word in _NAME_WORDS.findall(name) if word[0].isupper())


def abbreviations(names: Iterable[str]) -> dict[str, str]:
    """Abbreviation -> the longer name among ``names`` whose initials it is ("WAL" -> "West Africa
    Ledger"); for a name of several words only, the first such name winning."""
    names = list(names)
    full = {initials(n): n for n in reversed(names) if len(_NAME_WORDS.findall(n)) > 1}
    return {n: full[n] for n in names if _ABBREVIATION.fullmatch(n) and n in full}


def fold_abbreviations(names: Iterable[str]) -> list[str]:
    """``names`` each once (case-insensitive, first place kept), an abbreviation replaced by the
    longer name among them whose initials it is (:func:`abbreviations`)."""
    names = list(names)
    short = abbreviations(names)
    folded: dict[str, str] = {}
    for name in names:
        name = short.get(name, name)
        folded.setdefault(name.casefold(), name)
    return list(folded.values())


def _given_names(article: Article, vocab: OutletVocab) -> list[str]:
    """Agency and outlet as the article gives them (folded through the table); without an outlet
    name, the table's outlet for the URL's host."""
    names = [canonical_outlet(n, vocab=vocab) for n in (article.agency, article.source) if n and n.strip()]
    if not (article.source and article.source.strip()) and (known := host_outlet(host(article), vocab=vocab)):
        names.append(known)
    return names


def outlet_names(article: Article, *, vocab: OutletVocab | None = None) -> list[str]:
    """Who published an article, one name per outlet: its agency and its outlet (see the module
    docstring), else its URL's host, else ``file: NAME``; empty when nothing is known."""
    vocab = vocab or outlet_vocab()
    names = _given_names(article, vocab)
    if not names:
        fallback = host(article) or file_label(article)
        names = [fallback] if fallback else []
    return fold_abbreviations(names)


def primary_outlet(article: Article, *, vocab: OutletVocab | None = None) -> str:
    """The one outlet an article counts for: its outlet name, else the table's outlet for its host,
    else its agency, else its host, else its file, else its id (as ``link.cluster.outlet``)."""
    vocab = vocab or outlet_vocab()
    if article.source and article.source.strip():
        return canonical_outlet(article.source, vocab=vocab)
    for name in (host_outlet(host(article), vocab=vocab), article.agency and article.agency.strip()):
        if name:
            return canonical_outlet(name, vocab=vocab)
    return host(article) or file_label(article) or article.id


def event_outlets(event: Event, articles: Mapping[str, Article]) -> list[str]:
    """Distinct outlet names of the event's articles, one name per outlet, earliest article first."""
    vocab = outlet_vocab()
    names = (name for a in event_articles(event, articles) for name in outlet_names(a, vocab=vocab))
    return fold_abbreviations(names)


def source_count(event: Event, articles: Mapping[str, Article]) -> int:
    """How many outlets report the event: the distinct :func:`primary_outlet` of its articles (a
    copy counts as its original; an abbreviation as the name it abbreviates) when all its articles
    are at hand, else ``Event.sources`` as linking counted it."""
    if not event.article_ids or any(i not in articles for i in event.article_ids):
        return event.sources
    vocab = outlet_vocab()
    primaries = [primary_outlet(a, vocab=vocab) for a in event_articles(event, articles)]
    short = abbreviations([*primaries, *event_outlets(event, articles)])
    return len({short.get(name, name).casefold() for name in primaries})


def _under(name: str | None, hosts: tuple[str, ...]) -> bool:
    return bool(name) and any(name == h or name.endswith("." + h) for h in hosts)  # type: ignore[union-attr]


def article_scales(article: Article, country: str | None, *, vocab: OutletVocab | None = None) -> set[str]:
    """ACLED scales of one article: any of New media, International, National; empty when unknown.

    A national outlet carrying an international agency's wire is both National and International.
    """
    vocab = vocab or outlet_vocab()
    given = [n for n in (article.agency, article.source) if n]
    names = [n.casefold() for n in (*given, *(canonical_outlet(n, vocab=vocab) for n in given))]
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
