"""Who published an article: one outlet under one name, for every stage that names or counts outlets.

Linking counts an event's outlets with it (``Event.sources``, through ``link.build``), and the
exports, the CLI, the web pages and the report name and count them with it, so an event reads the
same number of sources everywhere. It sits below the stages (it reads only ``fogofwar.model``
and the resources) so that each of them may use it.

An article's names come from what it says of itself (``Article.agency`` from the dateline,
``Article.source``: the page's site name, the feed's title, the JSON ``source``), each folded
through the outlet table (``resources/export_outlets.json`` "outlets": "Agence France-Presse" and
"AFP" are "AFP"); an abbreviation that is the initials of another name of the same article or
event ("WAL" beside "West Africa Ledger") is that name. Without a name, the URL's host names it
(the table's outlet for that domain, else the host itself); without a URL, the file it was read
from, marked as such: ``file: NAME``.

An article counts for one outlet (:func:`primary_outlet`); a set of articles (each an original:
a syndicated copy is replaced by its original before) counts its distinct primary outlets, an
abbreviation counted as the name it abbreviates (:func:`outlet_keys`, :func:`count_outlets`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from types import MappingProxyType
from urllib.parse import urlsplit

from fogofwar.model import Article, Event
from fogofwar.resources import load_json

# An abbreviation: one word of 2 to 6 capital letters ("WAL", "AFP"); its initials: the first
# letter of each capitalised word of a longer name ("West Africa Ledger", "Agence France-Presse").
_ABBREVIATION = re.compile(r"[A-Z]{2,6}")
_NAME_WORDS = re.compile(r"[^\s\-–]+")
_DOMAIN = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
# Marks a name taken from the file an article was read from, not from the article.
FILE_PREFIX = "file: "


@dataclass(frozen=True)
class OutletTable:
    """One outlet under one name ("outlets" of ``resources/export_outlets.json``): a case-folded
    name or alias -> the name written, and a case-folded web domain -> that name."""

    names: MappingProxyType[str, str]
    hosts: MappingProxyType[str, str]


@functools.cache
def outlet_table() -> OutletTable:
    """The "outlets" of ``resources/export_outlets.json``, loaded once."""
    entries = load_json("export_outlets.json").get("outlets", [])
    names = {
        alias.casefold(): entry["name"]
        for entry in entries
        for alias in (entry["name"], *entry.get("aliases", []))
    }
    hosts = {host.casefold(): entry["name"] for entry in entries for host in entry.get("hosts", [])}
    return OutletTable(MappingProxyType(names), MappingProxyType(hosts))


def host(article: Article) -> str | None:
    """The article URL's host without ``www.``, lower-cased; None without a URL."""
    if not article.url:
        return None
    name = urlsplit(article.url).hostname
    return name.removeprefix("www.") if name else None


def canonical_outlet(name: str) -> str:
    """The one name of an outlet: the outlet table's name for ``name`` or an alias of it
    (case-insensitive), or for a name that is a web domain ("www.reuters.com"); else ``name``
    with its spaces collapsed."""
    name = " ".join(name.split())
    table = outlet_table()
    if name.casefold() in table.names:
        return table.names[name.casefold()]
    if _DOMAIN.fullmatch(name):
        return host_outlet(name.casefold().removeprefix("www.")) or name
    return name


def host_outlet(name: str | None) -> str | None:
    """The outlet table's name for a web host (the host or a domain above it), else None."""
    hosts = outlet_table().hosts
    while name:
        if name in hosts:
            return hosts[name]
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


def _given_names(article: Article) -> list[str]:
    """Agency and outlet as the article gives them (folded through the table); without an outlet
    name, the table's outlet for the URL's host."""
    names = [canonical_outlet(n) for n in (article.agency, article.source) if n and n.strip()]
    if not (article.source and article.source.strip()) and (known := host_outlet(host(article))):
        names.append(known)
    return names


def outlet_names(article: Article) -> list[str]:
    """Who published an article, one name per outlet: its agency and its outlet (see the module
    docstring), else its URL's host, else ``file: NAME``; empty when nothing is known."""
    names = _given_names(article)
    if not names:
        fallback = host(article) or file_label(article)
        names = [fallback] if fallback else []
    return fold_abbreviations(names)


def primary_outlet(article: Article) -> str:
    """The one outlet an article counts for: its outlet name, else the table's outlet for its host,
    else its agency, else its host, else its file, else its id."""
    if article.source and article.source.strip():
        return canonical_outlet(article.source)
    for name in (host_outlet(host(article)), article.agency and article.agency.strip()):
        if name:
            return canonical_outlet(name)
    return host(article) or file_label(article) or article.id


def earliest_first(articles: Iterable[Article]) -> list[Article]:
    """``articles`` by reference date (undated last), then in the order given."""
    return sorted(articles, key=lambda a: (a.reference_date is None, a.reference_date or date.min))


def outlet_keys(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> the outlet it counts for, case-folded: its :func:`primary_outlet`, an
    abbreviation replaced by the name it abbreviates among all the articles' names ("WAL" beside
    "West Africa Ledger" is "west africa ledger").

    Give originals (a syndicated copy replaced by its original), earliest first
    (:func:`earliest_first`): the order decides between two names with the same initials.
    """
    return {article_id: name.casefold() for article_id, name in article_outlets(articles).items()}


def article_outlets(articles: Iterable[Article]) -> dict[str, str]:
    """Article id -> the name of the outlet it counts for, as :func:`outlet_keys` decides it but
    written as the article gives it, not case-folded (the first spelling met naming the outlet)."""
    articles = list(articles)
    primaries = {a.id: primary_outlet(a) for a in articles}
    named = fold_abbreviations(name for a in articles for name in outlet_names(a))
    short = abbreviations([*primaries.values(), *named])
    spelling: dict[str, str] = {}
    for name in primaries.values():
        name = short.get(name, name)
        spelling.setdefault(name.casefold(), name)
    return {i: spelling[short.get(name, name).casefold()] for i, name in primaries.items()}


def count_outlets(articles: Iterable[Article]) -> int:
    """How many outlets published ``articles``: their distinct :func:`outlet_keys`."""
    return len(set(outlet_keys(articles).values()))


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
    return earliest_first(found.values())


def event_outlets(event: Event, articles: Mapping[str, Article]) -> list[str]:
    """Distinct outlet names of the event's articles, one name per outlet, earliest article first."""
    return fold_abbreviations(name for a in event_articles(event, articles) for name in outlet_names(a))


def source_count(event: Event, articles: Mapping[str, Article]) -> int:
    """How many outlets report the event: :func:`count_outlets` of its articles (a copy counts as
    its original) when all its articles are at hand, else ``Event.sources`` as linking counted it
    (the same count, or the earlier count plus the new outlets when linking lacked some)."""
    if not event.article_ids or any(i not in articles for i in event.article_ids):
        return event.sources
    return count_outlets(event_articles(event, articles))


__all__ = [
    "FILE_PREFIX",
    "OutletTable",
    "abbreviations",
    "canonical_outlet",
    "count_outlets",
    "earliest_first",
    "event_articles",
    "event_outlets",
    "file_label",
    "fold_abbreviations",
    "host",
    "host_outlet",
    "initials",
    "outlet_keys",
    "outlet_names",
    "outlet_table",
    "primary_outlet",
    "source_count",
]
