"""Cross-article linking: mention groups -> events, incrementally and deterministically.

``link_events`` is three public steps, like dedupe's ``partition`` (pairs -> score -> cluster):

1. ``group_article`` (groups.py): one article's foreground mentions -> incidents, and its
   background mentions -> history groups.
2. ``score`` / ``best_event`` (scoring.py): a (group, event) pair -> a weighted similarity, or
   None when a hard constraint fails.
3. A greedy single pass (here): groups in a fixed order (dated articles first, by reference
   date, then article id, then text order), each compared only with the events of its blocks
   (blocking.py) and joined to the best one scoring at least ``params.threshold``; otherwise it
   founds an event. build.py makes the records.

Ids (``stable_id``): an event's id is ``record_id`` of the founder mention of its earliest
report's first group (earliest: dated before undated, then by reference date, then article id;
first group: news before history, then text order). That is the group that founds the event
when all its reports are linked in one call, so the same reports linked in any order or in
several batches give the same ids (and the same ACLED / UCDP export ids, derived from them).
When a later batch brings an earlier report of a stored event, the event takes that report's id;
the batch (fogofwar.batch) keeps a redirect from the old one.

Rules kept while joining:

* A group never joins an event holding another group of its article (grouping within an article
  is final). Mentions already in an event are skipped, so re-running the same articles changes
  nothing, and events that gain nothing are returned as given.
* An undated mention of a dated article is compared as "up to ``settings.background_days``
  before the article's date" (month-precise), an undated event as "up to that long before it
  was first reported"; these windows are for comparing only, never written to the event.
* Dates: the intersection of the precise mentions' ranges, their hull when reports disagree;
  vague (month/year) and inherited dates count only when nothing better exists
  (similarity.narrow, groups.py). An undated article's mentions leave the event's dates as they
  are: the article takes its dates from the event (build.reference_dates).
* Place: while linking, the most precise place seen, a stated one over an inherited one
  (groups.choose_place). Only stated places veto a pair, and only when the texts do not agree
  and name each other's place (scoring.requirements, names_cross); blocks follow the same rule
  through name keys (blocking.py, ``place_names``).
* History: background mentions of a dated article dated to a month or better
  (``recalls_one_event``) may join a known event; they never found one. A follow-up whose news
  tells no toll of its own keeps the recalled toll on its news event.
* Claims go to the event of their mention; a claim with no mention to its article's first
  group; a toll attached to an arrest, a surrender or a protest to the article's violent group
  (``_claims_by_group``). A copied article's claims are kept; the reconcile stage counts them
  once (``copies``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np

from fogofwar.link.blocking import BlockIndex, BlockKey, group_keys, place_names, state_keys
from fogofwar.link.build import build_event, count_sources, reference_dates
from fogofwar.link.dedup import find_copies
from fogofwar.link.groups import MentionGroup, choose_place, group_article
from fogofwar.link.params import (
    AFTERMATH_SUB_TYPES,
    DEFAULT_PARAMS,
    POLITICAL_VIOLENCE,
    PROTEST_CAUSE,
    PROTEST_TYPES,
    VIOLENT_OUTCOMES,
    LinkParams,
    coarse_type,
)
from fogofwar.link.scoring import best_event, compatibility, score, tolls_conflict
from fogofwar.link.sides import merge_actors, side_pairs
from fogofwar.link.similarity import Dates
from fogofwar.link.state import EventState, report_window, tolls_told
from fogofwar.link.text import ArticleVectors
from fogofwar.model import Article, Claim, DatePrecision, Event, Extraction, Mention, record_id
from fogofwar.regex import CLAUSE_BREAK
from fogofwar.settings import Settings

log = logging.getLogger(__name__)


_MemoKey = tuple[int, int, int, tuple[str, ...]]
_MemoEntry = tuple[Extraction, Article, LinkParams, list[MentionGroup], list[MentionGroup]]


class _GroupMemo:
    """The mention groups ``group_article`` made of each extraction in the last two calls of
    ``batch_groups``: a batch asks twice, for its lookup keys (fogofwar.batch, under the
    write lock) and then to link, and grouping is a quarter of linking's time. Entries are
    kept with the very extraction and article objects they were made from (an identity check,
    so a later batch's records never match a stale entry); ``batch_groups`` only sets fields
    on groups to values that depend on nothing but the group, so a group made once serves both."""

    def __init__(self) -> None:
        self._current: dict[_MemoKey, _MemoEntry] = {}
        self._previous: dict[_MemoKey, _MemoEntry] = {}

    def next_call(self) -> None:
        self._previous, self._current = self._current, {}

    def groups(
        self, extraction: Extraction, article: Article, fresh: Sequence[Mention], params: LinkParams
    ) -> tuple[list[MentionGroup], list[MentionGroup]]:
        """``group_article(fresh, article=article, params=params)``, made once per batch."""
        key = (id(extraction), id(article), id(params), tuple(m.id for m in fresh))
        hit = self._current.get(key) or self._previous.get(key)
        if hit is None or hit[0] is not extraction or hit[1] is not article or hit[2] is not params:
            news, history = group_article(fresh, article=article, params=params)
            hit = (extraction, article, params, news, history)
        self._current[key] = hit
        return list(hit[3]), list(hit[4])


_GROUPED = _GroupMemo()


def recalls_one_event(group: MentionGroup) -> bool:
    """Whether a history group is dated closely enough (a month or better: "in June 2013", "on
    May 10") to say which event it recalls; "in 2005" could be any of a year's events, and
    looking through a year of a place's events for it would cost more the larger the store."""
    dates = group.dates
    return dates is not None and dates.precision <= DatePrecision.MONTH


def article_order(article: Article) -> tuple[bool, date, str]:
    """Reports in linking order: dated ones first, by reference date, then by id (a total order,
    the same whatever batch an article came in)."""
    reference = article.reference_date
    return (reference is None, reference or date.min, article.id)


def _sort_key(group: MentionGroup, articles: Mapping[str, Article]) -> tuple:
    return (*article_order(articles[group.article_id]), group.history, group.founder.sentence.start)


def stable_id(state: EventState, articles: Mapping[str, Article]) -> str:
    """The id of an event after a call: ``record_id`` of the founder of its earliest known
    report's first group when that report came in this call (``EventState.firsts``), else the
    id it has.

    Groups are linked in ``_sort_key`` order, so the group founding an event in one call is
    that one: a new event keeps the id it was founded with, and a stored event whose earliest
    report came in an earlier batch keeps its id. Only a stored event that a call gives an
    earlier report changes id, to the one it would have had had that report come first.
    Articles missing from ``articles`` are not compared (their dates are not known).
    """
    if not state.firsts:
        return state.id
    known = [i for i in state.article_ids if i in articles]
    if not known:
        return state.id
    earliest = min(known, key=lambda i: article_order(articles[i]))
    first = state.firsts.get(earliest)
    return state.id if first is None else record_id(first)


def _claims_by_group(extraction: Extraction, groups: Sequence[MentionGroup]) -> list[list[Claim]]:
    """Each group's claims: those of its mentions; a claim with no mention goes to the first group.

    Casualties are the toll of violence, not of what followed it: a killed / injured claim that
    the extractor attached to an arrest or a peaceful protest (params.AFTERMATH_SUB_TYPES:
    "arrested for the killing of two men") goes to the article's violent group told nearest
    before it (else the first violent group), when the article has one. Other non-violent
    events (a helicopter crash) keep their own tolls. A toll a protest's or riot's sentence
    tells as what it answers ("demonstrated after a gendarme shot and killed a driver":
    ``tells_cause``) goes to a violent group of the article the same way, and else to no event.
    """
    where = {m.id: i for i, g in enumerate(groups) for m in g.mentions}
    mention_of = {m.id: m for g in groups for m in g.mentions}
    violent = [i for i, g in enumerate(groups) if coarse_type(g.event_type) == POLITICAL_VIOLENCE]
    owned: list[list[Claim]] = [[] for _ in groups]
    for claim in extraction.claims:
        if claim.mention_id is None and groups:
            target = 0
        elif claim.mention_id in where:
            target = where[claim.mention_id]
        else:
            continue  # background of an undated article (no history groups), or unknown: no event.
        if (
            claim.outcome in VIOLENT_OUTCOMES
            and violent
            and groups[target].sub_event_type.casefold() in AFTERMATH_SUB_TYPES
        ):
            target = _violent_before(violent, groups, claim)
        elif claim.outcome in VIOLENT_OUTCOMES and tells_cause(mention_of.get(claim.mention_id or ""), claim):
            others = [i for i in violent if i != target]
            if not others:
                continue  # the protest's cause, told in passing: no event of this report
            target = _violent_before(others, groups, claim)
        owned[target].append(claim)
    return owned


def _violent_before(violent: Sequence[int], groups: Sequence[MentionGroup], claim: Claim) -> int:
    """Of the violent groups ``violent`` (indices, in text order), the last one told at or
    before the claim, else the first."""
    before = [i for i in violent if groups[i].founder.sentence.start <= claim.evidence.start]
    return before[-1] if before else violent[0]


_CAUSE = re.compile(PROTEST_CAUSE, re.IGNORECASE)


def tells_cause(mention: Mention | None, claim: Claim) -> bool:
    """Whether ``claim`` lies in a clause of a protest's or riot's sentence (``mention``) that
    tells what the protest answers ("residents demonstrated after a gendarme shot and killed a
    driver", params.PROTEST_CAUSE): a cue before the figure's evidence, and no comma, colon or
    semicolon between them."""
    if mention is None or mention.event_type.casefold() not in PROTEST_TYPES or mention.part != claim.part:
        return False
    sentence = mention.sentence
    if not sentence.start <= claim.evidence.start < sentence.end:
        return False
    text, at = sentence.text, claim.evidence.start - sentence.start
    return any(
        cue.start() <= at and not CLAUSE_BREAK.search(text, cue.end(), at) for cue in _CAUSE.finditer(text)
    )


def batch_groups(
    articles: Mapping[str, Article],
    extractions: Sequence[Extraction],
    *,
    linked: set[str] | frozenset[str] = frozenset(),
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
) -> tuple[list[tuple[MentionGroup, list[Claim]]], set[str]]:
    """The mention groups of a batch's extractions with their claims, dated for comparing, and
    the ids of the articles whose news tells no toll of its own (follow-ups), as ``link_events``
    takes them (unsorted). ``articles``: by id, the batch's (others' extractions are skipped);
    ``linked``: mention ids already in an event (skipped)."""
    by_id = articles
    _GROUPED.next_call()
    work: list[tuple[MentionGroup, list[Claim]]] = []
    follow_ups: set[str] = set()  # articles whose news tells no toll of its own
    for extraction in extractions:
        if extraction.article_id not in by_id:
            log.warning("link_events: extraction for unknown article %s skipped", extraction.article_id)
            continue
        fresh = [m for m in extraction.mentions if m.id not in linked]
        groups, history = _GROUPED.groups(extraction, by_id[extraction.article_id], fresh, params)
        reference = by_id[extraction.article_id].reference_date
        if reference is not None:
            # History an article recalls ("the June 2013 shooting in which a girl was killed")
            # joins the event it tells of when that is known; an undated article has no
            # "before" to tell its history from its news.
            groups += history
        for group in groups:
            if reference is None:
                # An undated article's own dates cannot be trusted (a relative date had nothing
                # to resolve against, a month no year): it is compared as undated and takes
                # its dates from the event it joins.
                group.evidence = Dates()
            elif group.dates is None:
                # News reports recent events: an undated mention happened before the report,
                # and not long before (else the extractor calls it background).
                group.window = report_window(reference, reference, settings.background_days)
        owned = _claims_by_group(extraction, groups)
        for group, claims in zip(groups, owned, strict=True):
            group.dead, group.no_dead = tolls_told(claims, [m.sentence.text for m in group.mentions])
        if not any(
            c.outcome in VIOLENT_OUTCOMES
            for g, cs in zip(groups, owned, strict=True)
            if not g.history
            for c in cs
        ):
            follow_ups.add(extraction.article_id)
        work.extend(zip(groups, owned, strict=True))
    return work, follow_ups


def batch_query_keys(
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    *,
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
) -> set[BlockKey]:
    """Every block key that ``link_events`` looks up for the mention groups of a batch of new
    articles. A given event indexed under none of them is never compared with the batch, nor
    with an event the batch founds or widens (those are compared only through the batch's
    groups), so linking the batch with only the events under these keys (``stored_event_keys``)
    gives the same events as linking it with all of them (text weights aside: the vectors are
    fitted on the articles at hand)."""
    keys: set[BlockKey] = set()
    for _article_id, found in batch_group_keys(articles, extractions, settings=settings, params=params):
        keys.update(found)
    return keys


def batch_group_keys(
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    *,
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
) -> list[tuple[str, list[BlockKey]]]:
    """For each mention group of a batch that ``link_events`` compares with events: its
    article's id and the block keys it looks up (``batch_query_keys`` is their union)."""
    by_id = {a.id: a for a in articles}
    article_names = {x.article_id: place_names(x, by_id.get(x.article_id)) for x in extractions}
    work, _ = batch_groups(by_id, extractions, settings=settings, params=params)
    return [
        (group.article_id, group_keys(group, settings, params, article_names))
        for group, _claims in work
        if not group.history or recalls_one_event(group)
    ]


def stored_event_keys(
    events: Sequence[Event], *, settings: Settings, params: LinkParams = DEFAULT_PARAMS
) -> dict[str, list[BlockKey]]:
    """Event id -> the block keys ``link_events`` indexes the event under when it is given (an
    earlier run's event, before anything of the batch joins it)."""
    vectors = ArticleVectors([])
    return {e.id: state_keys(EventState.from_event(e, vectors), settings, params, {}) for e in events}


def link_events(
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    *,
    events: Sequence[Event] = (),
    known_articles: Sequence[Article] = (),
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
    copies: Mapping[str, str] | None = None,
    vectors: ArticleVectors | None = None,
) -> list[Event]:
    """Link new articles' foreground mentions to events, joining ``events`` already known.

    Args:
        articles: the new articles (their ids key ``extractions``).
        extractions: one Extraction per new article (any order; unknown article ids are skipped).
        events: events from earlier runs; new mentions may join them.
        known_articles: the articles of ``events`` (for text similarity, copies and sources);
            events whose articles are missing here can still be joined, on dates, place,
            types and actors only.
        settings: ``link_window_days``, ``link_max_km``, ``background_days``.
        params: weights and thresholds (params.LinkParams).
        copies: ``find_copies(articles, known=known_articles)``, when the caller has it already
            (a copy counts as its original's outlet); computed here when not given.
        vectors: text vectors with a row for every article given, fitted beforehand (an
            incremental batch fits them on the stored articles it can touch, text.ArticleVectors);
            fitted here on ``articles`` and ``known_articles`` when not given.

    RETURNS: every event: the given ones in their order (unchanged ones as given, changed ones
    rebuilt), then the new ones in founding order. A changed or new event has no reconciled rows
    (``reconciled`` is empty): reconciling is the next stage's (``fogofwar.reconcile
    .reconcile_event``, ``Pipeline.reconcile``). Deterministic: the same inputs in any order give
    the same events and ids. A given event that this call gives an earlier report than any it
    had comes back under that report's id (``stable_id``): its old id is not returned.
    """
    by_id: dict[str, Article] = {a.id: a for a in known_articles}
    by_id.update({a.id: a for a in articles})
    if copies is None:
        copies = find_copies(articles, known=known_articles)
    if vectors is None:
        vectors = ArticleVectors(list(by_id.values()))
    states = [EventState.from_event(e, vectors) for e in events]
    article_names = {x.article_id: place_names(x, by_id.get(x.article_id)) for x in extractions}
    index = BlockIndex()
    for state in states:
        index.add(state.id, state_keys(state, settings, params, article_names))
    state_of = {s.id: s for s in states}
    linked = {m for e in events for m in e.mention_ids}

    work, follow_ups = batch_groups(by_id, extractions, linked=linked, settings=settings, params=params)
    work.sort(key=lambda item: _sort_key(item[0], by_id))

    news: dict[str, EventState] = {}  # article id -> the event of its first news group
    for group, claims in work:
        if group.history and not recalls_one_event(group):
            found = None
        else:
            query = group_keys(group, settings, params, article_names)
            candidates = [state_of[i] for i in index.candidates(query)]
            found = best_event(group, candidates, vectors=vectors, settings=settings, params=params)
        if found is None and group.history:
            # History of no known event is not news and founds no event. A follow-up (news of
            # arrests, charges, a trial, with no toll of its own) restates the toll of the
            # violence it follows: that toll stays with its news, as its readers take it. Its
            # mentions go along, so that a later run does not give the same claims to a second
            # event.
            if group.article_id in follow_ups and group.article_id in news:
                _add_group(news[group.article_id], group, claims)
            continue
        if found is None:
            state = EventState(
                id=record_id(group.founder.id),
                event_type=group.event_type,
                sub_event_type=group.sub_event_type,
            )
            states.append(state)
            state_of[state.id] = state
            dots = np.zeros(0)
        else:
            state, dots = found
        _join(state, group, claims, by_id[group.article_id], vectors, dots)
        if not group.history:
            news.setdefault(group.article_id, state)
        index.add(state.id, state_keys(state, settings, params, article_names))

    for state in states:
        if state.changed:
            state.id = stable_id(state, by_id)
    return [
        build_event(s, by_id, copies) if s.changed else s.base  # type: ignore[misc]
        for s in states
    ]


def _join(
    state: EventState,
    group: MentionGroup,
    claims: Sequence[Claim],
    article: Article,
    vectors: ArticleVectors,
    dots: np.ndarray,
) -> None:
    """Add a mention group (and its article's claims for it) to an event.

    ``dots`` are the dot products of the article's row with the event's rows, so that the
    event's squared norm grows as ``|S + x|^2 = |S|^2 + 2 S.x + |x|^2``.
    """
    state.evidence = state.evidence.merge(group.evidence)
    if article.reference_date is not None:
        low, high = state.reported or (article.reference_date, article.reference_date)
        state.reported = (min(low, article.reference_date), max(high, article.reference_date))
    place, state.place_stated = choose_place(state.place, state.place_stated, group.place, group.place_stated)
    if place is not state.place:
        state.place, state.place_named, state.region_named = place, group.place_named, group.region_named
    if group.place is not None:
        state.places.append((group.place, group.place_stated))
    state.localities |= group.localities
    state.actors = merge_actors(state.actors, group.actors)
    known_mentions = set(state.mention_ids)
    for mention in group.mentions:
        if mention.id not in known_mentions:
            state.roles.extend(mention.actors)
            state.pairs.update(side_pairs(mention.actors))
    if article.id not in state.article_ids:
        state.article_ids.append(article.id)
        row = vectors.row(article.id)
        if row is not None:
            state.norm2 += 2 * float(dots.sum()) + vectors.self_dot(row)
            state.rows.append(row)
    _add_group(state, group, claims)


def _add_group(state: EventState, group: MentionGroup, claims: Sequence[Claim]) -> None:
    """Give an event a group's mentions and claims (those it does not hold yet) and what they tell."""
    state.mention_ids.extend(m.id for m in group.mentions if m.id not in state.mention_ids)
    state.firsts.setdefault(group.article_id, group.founder.id)
    known = {c.id for c in state.claims}
    state.claims.extend(c for c in claims if c.id not in known)
    state.dead = state.dead or group.dead
    state.no_dead = state.no_dead or group.no_dead
    state.changed = True


__all__ = [
    "EventState",
    "article_order",
    "batch_group_keys",
    "batch_groups",
    "batch_query_keys",
    "best_event",
    "compatibility",
    "count_sources",
    "link_events",
    "recalls_one_event",
    "reference_dates",
    "report_window",
    "score",
    "stable_id",
    "stored_event_keys",
    "tolls_conflict",
    "tolls_told",
]
