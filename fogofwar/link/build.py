"""From linking to records: the Event of a changed state, its outlets, and the dates an undated
article takes from its event.

* first_reported / last_updated: min / max of the event's articles' reference dates.
* sources: distinct outlets as ``fogofwar.outlets`` names them (each article its outlet, else its
  host's outlet, else its agency, else its host, else its file, else itself; "WAL" beside "West
  Africa Ledger" and "AFP" beside "Agence France-Presse" one outlet), copies counted as their
  original (``count_sources``): the count the exports give.
* The record's place is the one most of its reports give (groups.vote_place); each actor is on
  the side most of its mentions give it (sides.side_actors); a protest or riot has its crowd,
  protesters or rioters, whoever the reports name (sides.with_crowd).

Reconciling the claims is not done here: ``build_event`` leaves ``reconciled`` empty for the
reconcile stage (fogofwar.reconcile.reconcile_event).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from fogofwar.link.groups import vote_place
from fogofwar.link.sides import side_actors, with_crowd
from fogofwar.link.state import EventState
from fogofwar.model import Article, DatePrecision, Event
from fogofwar.outlets import count_outlets, earliest_first, outlet_keys


def _original(article_id: str, articles: Mapping[str, Article], copies: Mapping[str, str]) -> Article | None:
    """The article an id counts as: its original when at hand, else itself; None when neither is."""
    return articles.get(copies.get(article_id, article_id)) or articles.get(article_id)


def count_sources(
    article_ids: Sequence[str], articles: Mapping[str, Article], copies: Mapping[str, str]
) -> int:
    """Distinct outlets among the articles (``outlets.count_outlets``, the exports' count); a copy
    counts as its original; unknown ids count once each."""
    found: dict[str, Article] = {}
    unknown = set()
    for article_id in article_ids:
        article = _original(article_id, articles, copies)
        if article is None:
            unknown.add(copies.get(article_id, article_id))
        else:
            found.setdefault(article.id, article)
    return count_outlets(earliest_first(found.values())) + len(unknown)


def _sources(state: EventState, articles: Mapping[str, Article], copies: Mapping[str, str]) -> int:
    """Exact when all the event's articles are at hand; else the earlier count plus the outlets of
    the new articles that none of the earlier ones at hand has (an abbreviation folded into the
    name it abbreviates among the articles at hand)."""
    base = state.base
    if base is None or all(i in articles for i in state.article_ids):
        return count_sources(state.article_ids, articles, copies)
    at_hand = {i: a for i in state.article_ids if (a := _original(i, articles, copies)) is not None}
    keys = outlet_keys(earliest_first({a.id: a for a in at_hand.values()}.values()))
    old = set(base.article_ids)
    old_outlets = {keys[a.id] for i, a in at_hand.items() if i in old}
    new_outlets = {keys[a.id] for i, a in at_hand.items() if i not in old}
    return base.sources + len(new_outlets - old_outlets)


def build_event(state: EventState, articles: Mapping[str, Article], copies: Mapping[str, str]) -> Event:
    """The Event record of a changed state, not reconciled (``reconciled`` empty)."""
    base = state.base
    references = [
        d for i in state.article_ids if i in articles and (d := articles[i].reference_date) is not None
    ]
    if base is not None:
        references += [d for d in (base.first_reported, base.last_updated) if d is not None]
    dates = state.dates
    place = vote_place(state.places)[0] if state.places else state.place
    country = place.country if place else None
    return Event(
        id=state.id,
        event_type=state.event_type,
        sub_event_type=state.sub_event_type,
        start=dates.start if dates else None,
        end=dates.end if dates else None,
        date_precision=dates.precision if dates else DatePrecision.YEAR,
        place=place,
        actors=tuple(
            with_crowd(
                side_actors(state.roles, country=country, pairs=state.pairs),
                state.event_type,
                state.sub_event_type,
                country,
            )
        ),
        mention_ids=tuple(state.mention_ids),
        article_ids=tuple(state.article_ids),
        claims=tuple(state.claims),
        first_reported=min(references, default=None),
        last_updated=max(references, default=None),
        sources=_sources(state, articles, copies),
        contested=base.contested if base is not None else (),
    )


def reference_dates(articles: Sequence[Article], events: Sequence[Event]) -> dict[str, date]:
    """Dates for the articles that have none (no publication date, no dateline date).

    Such an article takes its dates from the event it was linked to: the event's end (a report
    does not predate what it reports), from the dated event holding most of the article's claims
    (the first such event on ties). Articles with a reference date, or in no dated event, are
    left out. The date-the-undated stage resolves the article's relative dates ("on Thursday")
    against it (fogofwar.link.redate).
    """
    undated = {a.id for a in articles if a.reference_date is None}
    found: dict[str, tuple[int, int, date]] = {}
    for position, event in enumerate(events):
        when = event.end or event.start
        if when is None:
            continue
        for article_id in undated.intersection(event.article_ids):
            rank = (sum(c.article_id == article_id for c in event.claims), -position, when)
            if article_id not in found or rank > found[article_id]:
                found[article_id] = rank
    return {article_id: rank[2] for article_id, rank in found.items()}


__all__ = ["build_event", "count_sources", "reference_dates"]
