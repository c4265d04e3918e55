"""Who reported and who claimed: outlets with their articles, claimants with their claims.

Outlets are read from the stored articles and named as everywhere else (``fogofwar.outlets``);
claimants with SQL from the materialised corrected events (so a claim an analyst rejected is not
listed, and a corrected claimant is listed under its new name). Each list is bounded: ``limit``
outlets or claimants, ``per`` articles or claims each.

Example::

    with Store.open("fogofwar.db") as store:
        for outlet in outlets(store, limit=50, per=20):
            print(outlet.name, outlet.articles, outlet.first, outlet.last)
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fogofwar.model import Article, Claim
from fogofwar.outlets import article_outlets, earliest_first
from fogofwar.store import rows
from fogofwar.store.sqlite import Store

# What an article without an outlet is listed under.
NO_OUTLET = "(no outlet)"


@dataclass(frozen=True)
class OutletArticle:
    id: str
    title: str | None
    day: date | None  # dateline date, else publication date


@dataclass(frozen=True)
class Outlet:
    """An outlet: how many articles, the first and last day it reported, and some of the articles."""

    name: str
    articles: int
    first: date | None
    last: date | None
    shown: list[OutletArticle] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimantClaim:
    claim: Claim
    event_id: str


@dataclass(frozen=True)
class Claimant:
    """A claimant: how many claims (in the corrected events), first and last claim date, some claims."""

    name: str
    kind: str
    claims: int
    first: date | None
    last: date | None
    shown: list[ClaimantClaim] = field(default_factory=list)


def outlets(store: Store, *, limit: int = 200, per: int = 50) -> list[Outlet]:
    """Outlets by number of articles (most first), each with its ``per`` latest articles.

    One outlet under one name, as the exports and ``Event.sources`` count them
    (:func:`fogofwar.outlets.article_outlets`: "AFP" and "Agence France-Presse" are one outlet, a
    file's name is marked ``file: NAME``); an article that names no outlet at all is listed under
    :data:`NO_OUTLET`. Reads the articles' metadata (not their text) once.
    """
    found = [
        Article(
            id=row["id"],
            text="",
            title=row["title"],
            source=row["source"],
            agency=row["agency"],
            url=row["url"],
            published=_day(row["published"]),
            dateline_date=_day(row["dateline_date"]),
            origin=row["origin"],
        )
        for row in store._db.execute(
            "SELECT id, title, source, agency, url, published, dateline_date, origin FROM articles"
        )
    ]
    names = article_outlets(earliest_first(found))
    grouped: dict[str, list[Article]] = defaultdict(list)
    for article in found:
        name = names[article.id]
        grouped[NO_OUTLET if name == article.id else name].append(article)
    ranked = sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))[:limit]
    result = []
    for name, articles in ranked:
        days = [d for a in articles if (d := a.reference_date) is not None]
        latest = sorted(articles, key=_latest_first)[:per]
        shown = [OutletArticle(a.id, a.title, a.reference_date) for a in latest]
        result.append(Outlet(name, len(articles), min(days, default=None), max(days, default=None), shown))
    return result


def _latest_first(article: Article) -> tuple[bool, int, str]:
    day = article.reference_date
    return (day is None, -(day.toordinal() if day else 0), article.id)


def claimants(store: Store, *, limit: int = 200, per: int = 50) -> list[Claimant]:
    """Claimants of the corrected events' claims by number of claims (most first), each with its
    ``per`` latest claims and the event each is in."""
    claims = "corrected_events e, json_each(e.data, '$.claims') c"
    name = "json_extract(c.value, '$.claimant')"
    day = "json_extract(c.value, '$.claim_date')"
    ranked = _ranked(
        store,
        f"SELECT {name} AS name, max(json_extract(c.value, '$.claimant_kind')) AS kind, count(*) AS n, "
        f"min({day}) AS first, max({day}) AS last FROM {claims} GROUP BY {name} "
        "ORDER BY n DESC, name LIMIT ?",
        (limit,),
        f"SELECT c.value AS data, e.id AS event_id FROM {claims} WHERE {name} = ? "
        f"ORDER BY {day} IS NULL, {day} DESC, e.position LIMIT ?",
        (),
        per,
    )
    return [
        Claimant(
            row["name"],
            row["kind"] or "unknown",
            int(row["n"]),
            _day(row["first"]),
            _day(row["last"]),
            [ClaimantClaim(rows.claim_from_data(c["data"]), c["event_id"]) for c in shown],
        )
        for row, shown in ranked
    ]


def _ranked(
    store: Store, ranking: str, params: tuple[Any, ...], latest: str, latest_params: tuple[Any, ...], per: int
) -> list[tuple[dict[str, Any], list[sqlite3.Row]]]:
    """Each row of ``ranking`` (its ``name`` first among its columns) with the ``per`` rows ``latest``
    selects for that name; ``latest`` takes ``latest_params``, the name and ``per``."""
    found = [dict(row) for row in store._db.execute(ranking, params)]
    return [(row, store._db.execute(latest, (*latest_params, row["name"], per)).fetchall()) for row in found]


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


__all__ = ["NO_OUTLET", "Claimant", "ClaimantClaim", "Outlet", "OutletArticle", "claimants", "outlets"]
