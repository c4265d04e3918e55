"""Building blocks of merges and splits (public: the API's checks use them too): what one event
becomes when others join it (``merge_events``) or part of it leaves (``split_event``), and its
figures, sources and report dates recomputed (``refresh_figures``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from fogofwar.link.build import count_sources
from fogofwar.link.groups import more_precise
from fogofwar.model import Actor, ActorRole, Article, Claim, DatePrecision, Event, Mention, record_id
from fogofwar.reconcile import reconcile_event
from fogofwar.settings import DEFAULT_RECONCILE_RULE

# ACLED time precision of a date range that spans more than one day.
RANGE_PRECISION = DatePrecision.WEEK


# -- building blocks (public: the API's checks use them too) ------------------------------------


def merge_events(target: Event, others: Sequence[Event], *, keep_place: bool = False) -> Event:
    """``target`` with ``others`` joined into it: claims, mentions, articles and actors united (first
    seen first), dates widened, first/last report dates widened, the most precise place (ties and
    ``keep_place`` keep the target's). Reconciled figures are left for :func:`refresh_figures`."""
    events = [target, *others]
    place = target.place
    if not keep_place:
        for other in others:
            place = more_precise(place, other.place)
    start, end, precision = _widen([(e.start, e.end or e.start, e.date_precision) for e in events])
    return replace(
        target,
        start=start,
        end=end,
        date_precision=precision,
        place=place,
        actors=merge_actors(e.actors for e in events),
        mention_ids=_union(e.mention_ids for e in events),
        article_ids=_union(e.article_ids for e in events),
        claims=_unique_claims(e.claims for e in events),
        first_reported=min((d for e in events if (d := e.first_reported)), default=None),
        last_updated=max((d for e in events if (d := e.last_updated)), default=None),
        sources=max(e.sources for e in events),
        contested=_union(e.contested for e in events),
    )


def split_event(
    event: Event,
    mention_ids: Sequence[str],
    article_ids: Sequence[str],
    *,
    mentions: Mapping[str, Mention] | None = None,
    source_id: str | None = None,
) -> tuple[Event, Event] | None:
    """(what stays, what moves) when ``mention_ids`` and ``article_ids`` leave ``event``; None when
    nothing would stay or nothing would move.

    What moves gets an id derived from what moves and from ``source_id`` (default
    ``event.id``): the id the split names its event by, so that the part keeps its id when
    linking later re-keys the event (fogofwar.link.cluster.stable_id).

    Moving an article moves its mentions and claims; moving a mention moves its claims, and its
    article too once none of that article's mentions stays. A part whose mentions are all in
    ``mentions`` takes its dates, place, actors and type from them; otherwise it keeps the event's.
    """
    mentions = mentions or {}
    article_of = {m: mentions[m].article_id for m in event.mention_ids if m in mentions}
    article_of.update({c.mention_id: c.article_id for c in event.claims if c.mention_id})
    moved_articles = set(article_ids)
    moved_mentions = set(mention_ids) | {m for m in event.mention_ids if article_of.get(m) in moved_articles}
    kept_mentions = [m for m in event.mention_ids if m not in moved_mentions]
    for m in moved_mentions:
        article = article_of.get(m)
        if article and all(article_of.get(k) != article for k in kept_mentions):
            moved_articles.add(article)
    moved_claims = [
        c for c in event.claims if c.mention_id in moved_mentions or c.article_id in moved_articles
    ]
    kept_claims = [c for c in event.claims if c not in moved_claims]
    kept_articles = [a for a in event.article_ids if a not in moved_articles]
    if not moved_mentions and not moved_claims and not moved_articles.intersection(event.article_ids):
        return None
    if not kept_mentions and not kept_articles:
        return None
    moved_mention_list = [m for m in event.mention_ids if m in moved_mentions]
    source = source_id or event.id
    new_id = record_id("split", source, *sorted(moved_mentions), *sorted(moved_articles))
    moved = replace(
        _described_by(event, moved_mention_list, mentions),
        id=new_id,
        mention_ids=tuple(moved_mention_list),
        article_ids=tuple(a for a in event.article_ids if a in moved_articles),
        claims=tuple(moved_claims),
    )
    kept = replace(
        _described_by(event, kept_mentions, mentions),
        mention_ids=tuple(kept_mentions),
        article_ids=tuple(kept_articles),
        claims=tuple(kept_claims),
    )
    return kept, moved


def refresh_figures(
    event: Event, *, articles: Mapping[str, Article] | None = None, rule: str = DEFAULT_RECONCILE_RULE
) -> Event:
    """``event`` with reconciled figures recomputed from its claims; with all its ``articles`` at
    hand, sources and first/last report dates are recounted too (syndicated copies count once)."""
    return refresh_event(event, articles or {}, rule=rule)


def refresh_event(event: Event, articles: Mapping[str, Article], *, rule: str) -> Event:
    """:func:`refresh_figures` with the articles at hand (by id) and the rule given."""
    own = [articles[i] for i in event.article_ids if i in articles]
    copies = {a.id: a.duplicate_of for a in own if a.duplicate_of}
    updated = reconcile_event(event, rule=rule, copies=copies)
    if own and len(own) == len(event.article_ids):
        dates = [d for a in own if (d := a.reference_date) is not None]
        updated = replace(
            updated,
            sources=count_sources(event.article_ids, articles, copies),
            first_reported=min(dates, default=updated.first_reported),
            last_updated=max(dates, default=updated.last_updated),
        )
    return updated


def _described_by(event: Event, mention_ids: Sequence[str], mentions: Mapping[str, Mention]) -> Event:
    """``event`` with type, dates, place and actors taken from ``mention_ids``, when all are known."""
    known = [mentions[m] for m in mention_ids if m in mentions]
    if not known or len(known) < len(mention_ids):
        return event
    dated = [(m.date_start, m.date_end or m.date_start, m.date_precision) for m in known if m.date_start]
    start, end, precision = _widen(dated)
    place = None
    for mention in known:
        place = more_precise(place, mention.place)
    return replace(
        event,
        event_type=known[0].event_type,
        sub_event_type=known[0].sub_event_type,
        start=start,
        end=end,
        date_precision=precision,
        place=place,
        actors=merge_actors(m.actors for m in known),
    )


def _widen(ranges: Sequence[tuple[date | None, date | None, int]]) -> tuple[date | None, date | None, int]:
    """The date range covering ``ranges`` (start, end, precision) and its precision: the finest of
    theirs, but never finer than RANGE_PRECISION once it spans more than one day."""
    dated = [(s, e or s, p) for s, e, p in ranges if s is not None]
    if not dated:
        return None, None, DatePrecision.YEAR
    start = min(s for s, _, _ in dated)
    end = max(e for _, e, _ in dated if e is not None)
    precision = min(p for _, _, p in dated)
    if end != start:
        precision = max(precision, RANGE_PRECISION)
    return start, end, precision


def with_role(actors: Sequence[ActorRole], name: str, role: str) -> tuple[ActorRole, ...]:
    """``actors`` with every entry of actor ``name`` (its name or an alias, ignoring case) in
    ``role``, duplicates dropped; the actor is added in ``role`` when none is there."""
    wanted = name.casefold()
    found = [
        a
        for a in actors
        if wanted in (a.actor.name.casefold(), *(alias.casefold() for alias in a.actor.aliases))
    ]
    if not found:
        return (*actors, ActorRole(Actor(name.strip()), role))
    changed = [replace(a, role=role) if a in found else a for a in actors]
    return merge_actors([changed])


def merge_actors(groups: Iterable[Sequence[ActorRole]]) -> tuple[ActorRole, ...]:
    """Union of actor roles by (name, role), first seen first."""
    seen: dict[tuple[str, str], ActorRole] = {}
    for roles in groups:
        for role in roles:
            seen.setdefault((role.actor.name, role.role), role)
    return tuple(seen.values())


def _union(groups: Iterable[Sequence[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for group in groups for i in group))


def _unique_claims(groups: Iterable[Sequence[Claim]]) -> tuple[Claim, ...]:
    seen: dict[str, Claim] = {}
    for claims in groups:
        for claim in claims:
            seen.setdefault(claim.id, claim)
    return tuple(seen.values())


__all__ = [
    "RANGE_PRECISION",
    "merge_actors",
    "merge_events",
    "refresh_event",
    "refresh_figures",
    "split_event",
    "with_role",
]
