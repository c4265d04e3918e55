"""Cross-article linking: mention groups -> events, incrementally and deterministically.

``link_events`` is three public steps, like dedupe's ``partition`` (pairs -> score -> cluster):

1. ``group_article`` (groups.py): one article's foreground mentions -> incidents (and its
   background mentions -> history groups, below).
2. ``score`` (below): a (group, event) pair -> a weighted similarity, or None when a hard
   constraint fails (params.LinkParams documents the features and weights; ``best_event``
   computes the same sum for all of a group's candidates with one sparse product).
3. A greedy single pass: groups are taken in a fixed order (dated articles first, by reference
   date, then by article id, then text order), each compared only with the events in its blocks
   (blocking.py), and joined to the best event scoring at least ``params.threshold``; otherwise
   it founds a new event, whose id is ``record_id(founding mention id)``. A pair whose reports
   disagree on whether anyone died (one tells only of wounded, the other of dead) scores
   ``params.toll_conflict`` less (``tolls_conflict``).

Rules kept while joining:

* A group never joins an event that already holds another group of the same article (grouping
  within an article is final: the article itself says these are different incidents).
* Mentions already in an event (by id) are skipped, so re-running the same articles changes
  nothing, and events that gain nothing are returned as given.
* An undated mention of a dated article (also the extractor's stand-in for "no date stated":
  the article's date at precision 2) is compared as "up to ``settings.background_days`` before
  the article's date" (month-precise), and an undated event as "up to that long before it was
  first reported"; these windows are for comparing only, never written to the event.
* Dates: the event range is the intersection of its precise (day/range/week) mentions' ranges,
  falling back to their hull when reports disagree; vague (month/year) mentions count only when
  no precise one exists (similarity.narrow); dates a mention inherited (its sentence has no date
  word) count only when no mention states one (groups.py). An undated article's mentions leave
  the event's dates as they are: the article takes its dates from the event (``reference_dates``).
* Place: while linking, the most precise place seen (town over district over region over
  country), the first seen on ties; a place named in a mention's sentence beats one the
  extractor inherited from the paragraph, dateline or country (groups.py). The event record's
  place is the one most of its reports give (groups.vote_place). Only stated places veto a
  pair, and only when the texts do not agree and name each other's place (``requirements``,
  ``names_cross``): the extractor misreads towns (a namesake in another state or country) far
  more often than two same-week reports with the same victims' names are different incidents.
  Blocks follow the same rule: a group asks for the grid cells near its stated place and for
  the names of the towns its article mentions (and its dateline), and an event is indexed under
  its cell and the town names of its reports (blocking.py, ``place_names``), so a misread
  namesake still meets its incident while a group is never compared with every event of its
  week (on GVA dev B3 F1 0.836 -> 0.851 with name keys, 0.859 comparing whole weeks at 2.5x
  the time and quadratic growth).
* Actors: each actor on the side most of its mentions give it, and the placeholder for unnamed
  attackers dropped from a side with a named actor (groups.side_actors).
* History: an article's background mentions (of a dated article) are grouped too, after its
  news; dated to a month or better (``recalls_one_event``), they may join an event already
  known ("the June 2013 shooting in which a girl was killed" joins that shooting, bringing
  the later report, an arrest or a trial, with it). They never found an event, so history of
  nothing known is dropped with its claims. A follow-up whose news tells no toll of its own
  (a sentencing, a charge) keeps the recalled toll on its news event instead: that is the
  violence it follows. On GVA dev (fixed extraction, 2,991 incidents, with
  extract.attach_claims giving a dated history sentence's claims to its background mention)
  killed_exact 0.8469 -> 0.8506, merge B3 F1 0.874 -> 0.881.
* Claims go to the event of their mention (``Claim.mention_id``); claims of background
  mentions go where their history group goes; a claim with no mention goes to its article's
  first group; a toll attached to an arrest, a surrender or a protest goes to the article's
  violent group (``_claims_by_group``).
  A copied article's claims are kept, and ``reconcile`` is told (``copies``) so they count once
  (a near-copy's claims count where its figures differ).
* first_reported / last_updated: min / max of the event's articles' reference dates.
  sources: distinct outlets (source, else agency, else URL host, else the article itself),
  copies counted as their original.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

import numpy as np

from fogofwar.link.blocking import BlockIndex, BlockKey, event_keys, query_keys
from fogofwar.link.dedup import find_copies
from fogofwar.link.groups import (
    MentionGroup,
    choose_place,
    group_article,
    merge_actors,
    side_actors,
    vote_place,
)
from fogofwar.link.params import (
    AFTERMATH_SUB_TYPES,
    DEFAULT_PARAMS,
    POLITICAL_VIOLENCE,
    VIOLENT_OUTCOMES,
    LinkParams,
    coarse_type,
)
from fogofwar.link.similarity import (
    DateRange,
    Dates,
    actor_names,
    actor_similarity,
    date_range,
    date_similarity,
    place_similarity,
    shift_days,
    type_similarity,
)
from fogofwar.link.text import ArticleVectors, event_similarities
from fogofwar.model import ActorRole, Article, Claim, Event, Extraction, Place, record_id
from fogofwar.settings import Settings

log = logging.getLogger(__name__)
_MONTH = 3  # model.DATE_PRECISIONS: 1 day, 2 range or week, 3 month, 4 year

# Words telling that someone died (tolls_told); not "murder", which also names attempts.
_DEATH_WORDS = re.compile(
    r"\b(?:killed|killing|dead|died|dies|death|deadly|fatal|fatally|slain|deceased|succumbed)\b",
    re.IGNORECASE,
)

# Place names finer than this precision (towns 1, districts 2) make name block keys; regions and
# countries would put every event of a state or country in one block.
NAME_PRECISION = 2


@dataclass
class EventState:
    """An event while linking: its description so far and what joined it in this call."""

    id: str
    event_type: str
    sub_event_type: str
    evidence: Dates = field(default_factory=Dates)
    place: Place | None = None
    place_stated: bool = False
    actors: list[ActorRole] = field(default_factory=list)  # union by (name, role), for matching
    # One entry per mention naming an actor (groups.side_actors picks each actor's side).
    roles: list[ActorRole] = field(default_factory=list)
    # One (place, stated) per mention group that joined (groups.vote_place picks the event's).
    places: list[tuple[Place, bool]] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # its articles' rows in ArticleVectors
    norm2: float = 0.0  # squared norm of the sum of those rows
    reported: tuple[date, date] | None = None  # min / max reference date of its articles
    base: Event | None = None
    changed: bool = False
    # Whether one of its reports tells of dead / tells of wounded and of no dead (``tolls_conflict``).
    dead: bool = False
    wounded_only: bool = False

    @classmethod
    def from_event(cls, event: Event, vectors: ArticleVectors) -> EventState:
        """The state of an event linked in an earlier run."""
        rows = [r for i in dict.fromkeys(event.article_ids) if (r := vectors.row(i)) is not None]
        return cls(
            id=event.id,
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            evidence=Dates(stated=date_range(event.start, event.end, event.date_precision)),
            place=event.place,
            # An Event record does not say whether its place was stated; a town or region is
            # taken as stated, a country as inherited (it never decides alone).
            place_stated=event.place is not None and event.place.precision <= 3,
            actors=list(event.actors),
            # An earlier run's mention counts are not kept: its sides count once each.
            roles=list(event.actors),
            places=[(event.place, event.place.precision <= 3)] if event.place is not None else [],
            mention_ids=list(event.mention_ids),
            article_ids=list(event.article_ids),
            claims=list(event.claims),
            rows=rows,
            norm2=vectors.norm2(rows),
            reported=_span_of(event.first_reported, event.last_updated),
            base=event,
            dead=tolls_told(event.claims)[0],
            wounded_only=any(
                tolls_told([c for c in event.claims if c.article_id == i])[1] for i in set(event.article_ids)
            ),
        )

    @property
    def group(self) -> str:
        return coarse_type(self.event_type)

    @property
    def dates(self) -> DateRange | None:
        """The event's range: its stated dates narrowed, else its inherited ones."""
        return self.evidence.best

    def match_dates(self, background_days: int) -> DateRange | None:
        """The dates the event is compared by: its own, else the time before it was reported."""
        if self.dates is not None or self.reported is None:
            return self.dates
        return report_window(self.reported[0], self.reported[1], background_days)


def _span_of(first: date | None, last: date | None) -> tuple[date, date] | None:
    if first is None and last is None:
        return None
    return (first or last, last or first)  # type: ignore[return-value]


def report_window(first: date, last: date, background_days: int) -> DateRange:
    """When an undated mention in a report of ``first``..``last`` may have happened: up to
    ``background_days`` before (older events are background), as a month-precise range."""
    return DateRange(shift_days(first, -background_days), last, 3)


def tolls_told(claims: Sequence[Claim], sentences: Sequence[str] = ()) -> tuple[bool, bool]:
    """Whether claims (one report's, of one incident) tell of dead, and whether they tell of
    wounded and of no dead (nor of undivided casualties); denials tell nothing. A report whose
    ``sentences`` (its mentions' of the incident) tell of a death (``_DEATH_WORDS``: "fatally
    shot", "left a 14-year-old dead") does not tell only of wounded, even when the extractor
    read no count of dead from it."""
    outcomes = {c.outcome for c in claims if c.stance != "denies"}
    wounded_only = "injured" in outcomes and not outcomes & {"killed", "casualties"}
    if wounded_only and any(_DEATH_WORDS.search(text) for text in sentences):
        wounded_only = False
    return "killed" in outcomes, wounded_only


def tolls_conflict(group: MentionGroup, event: EventState) -> bool:
    """Whether a report telling only of wounded meets an event whose reports tell of dead, or a
    report telling of dead meets an event whose reports tell only of wounded: the pair pays
    ``params.toll_conflict`` (LinkParams)."""
    if group.wounded_only:
        return event.dead
    return group.dead and event.wounded_only and not event.dead


def compatibility(
    group: MentionGroup, event: EventState, *, settings: Settings, params: LinkParams = DEFAULT_PARAMS
) -> float | None:
    """The score of a (group, event) pair without its text part, or None when a hard constraint fails.

    Two stated places that cannot be one place fail only when the texts are not near-copies of
    each other: see ``requirements``.
    """
    found = requirements(group, event, settings=settings, params=params)
    return None if found is None else found[0]


def requirements(
    group: MentionGroup, event: EventState, *, settings: Settings, params: LinkParams = DEFAULT_PARAMS
) -> tuple[float, float] | None:
    """The score of a (group, event) pair without its text part and the text similarity the pair
    needs at least, or None when a hard constraint fails.

    Stated places that cannot be one place (too far apart, other regions) do not veto a pair
    whose texts agree (``params.place_conflict_text``) and name each other's place
    (``names_cross``, checked by the callers): place names are the extractor's least reliable
    output (a town resolved to its namesake in another state), while two reports within the
    date window that share the victims' names, streets and ages are one incident. Such a pair
    scores 0 on place.
    """
    type_sim = type_similarity(
        group.event_type, group.sub_event_type, event.event_type, event.sub_event_type, params=params
    )
    if type_sim is None:
        return None
    date_sim = date_similarity(
        group.match_dates,
        event.match_dates(settings.background_days),
        window_days=settings.link_window_days,
        params=params,
    )
    if date_sim is None:
        return None
    place_sim = place_similarity(group.place, event.place, max_km=settings.link_max_km, params=params)
    text_floor = 0.0
    if place_sim is None:
        if group.place_stated and event.place_stated:
            place_sim, text_floor = 0.0, params.place_conflict_text
        else:
            place_sim = params.unknown_place  # an inherited place (dateline, country) never vetoes
    actor_sim = actor_similarity(actor_names(group.actors), actor_names(event.actors))
    base = (
        params.w_date * date_sim
        + params.w_place * place_sim
        + params.w_type * type_sim
        + params.w_actors * actor_sim
    )
    return base, text_floor


def names_cross(group: MentionGroup, event: EventState, vectors: ArticleVectors) -> bool:
    """Whether the group's article names the event's place, or one of the event's articles names
    the group's place: two reports placed in different towns are one incident only when each
    place was read from words the other report also has (a town resolved to its namesake in
    another state), never when they name different towns."""
    if group.place is None or event.place is None:
        return False
    if vectors.names(group.article_id, event.place.name):
        return True
    return any(vectors.names(article_id, group.place.name) for article_id in event.article_ids)


def score(
    group: MentionGroup,
    event: EventState,
    *,
    vectors: ArticleVectors,
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
) -> float | None:
    """Weighted similarity of a mention group and an event (params.LinkParams), or None when
    they cannot be one incident. The linker computes the same sum, batching the text part."""
    found = requirements(group, event, settings=settings, params=params)
    if found is None:
        return None
    base, text_floor = found
    (text_sim,) = event_similarities(vectors, vectors.row(group.article_id), [(event.rows, event.norm2)])
    if text_sim < text_floor or (text_floor and not names_cross(group, event, vectors)):
        return None
    return base + params.w_text * text_sim


def best_event(
    group: MentionGroup,
    candidates: Sequence[EventState],
    *,
    vectors: ArticleVectors,
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
) -> tuple[EventState, np.ndarray] | None:
    """The best-scoring candidate at or above the threshold (the first on ties), with the dot
    products of the group's article with that event's rows (to update its norm), or None.

    The text part is computed first, for all candidates in one product: a candidate whose text
    could not reach the threshold even with every other feature at 1 is dropped before the
    (costlier) other features are compared. The result is the same as scoring every candidate.
    """
    candidates = [e for e in candidates if group.article_id not in e.article_ids]
    # (an article that split its mentions into several groups said they are different incidents)
    row = vectors.row(group.article_id)
    if row is None or not candidates:
        return None
    texts = event_similarities(vectors, row, [(e.rows, e.norm2) for e in candidates])
    most = params.w_date + params.w_place + params.w_type + params.w_actors
    best: tuple[float, EventState] | None = None
    for event, text_sim in zip(candidates, texts, strict=True):
        if most + params.w_text * text_sim < params.threshold:
            continue
        found = requirements(group, event, settings=settings, params=params)
        if found is None:
            continue
        base, text_floor = found
        value = base + params.w_text * text_sim
        if tolls_conflict(group, event):
            value -= params.toll_conflict
        if (
            text_sim >= text_floor
            and value >= params.threshold
            and (best is None or value > best[0])
            and (not text_floor or names_cross(group, event, vectors))
        ):
            best = (value, event)
    if best is None:
        return None
    event = best[1]
    return event, vectors.dots(row, event.rows)


def _keys_of(
    event: EventState, settings: Settings, params: LinkParams, article_names: Mapping[str, set[str]]
) -> list:
    stated = event.place if event.place_stated else None
    names = {p.name for p, was_stated in event.places if was_stated}
    names.update(name for i in event.article_ids for name in article_names.get(i, ()))
    if stated is not None:
        names.add(stated.name)
    return event_keys(
        stated,
        event.match_dates(settings.background_days),
        event.group,
        max_km=settings.link_max_km,
        max_weeks=params.max_block_weeks,
        names=names,
    )


def _query_of(
    group: MentionGroup, settings: Settings, params: LinkParams, article_names: Mapping[str, set[str]]
) -> list:
    stated = group.place if group.place_stated else None
    names = set(article_names.get(group.article_id, ()))
    if stated is not None:
        names.add(stated.name)
    return query_keys(
        stated,
        group.match_dates,
        coarse_type(group.event_type),
        max_km=settings.link_max_km,
        window_days=settings.link_window_days,
        max_weeks=params.max_block_weeks,
        names=names,
    )


def place_names(extraction: Extraction, article: Article | None = None) -> set[str]:
    """The town- and district-level place names an article's mentions (and dateline) give: the
    names block keys under which a place conflict may still link (blocking.py, ``names_cross``)."""
    names = {
        m.place.name
        for m in extraction.mentions
        if m.place is not None and m.place.precision <= NAME_PRECISION
    }
    if article is not None and article.dateline_place:
        names.add(article.dateline_place)
    return names


def recalls_one_event(group: MentionGroup) -> bool:
    """Whether a history group is dated closely enough (a month or better: "in June 2013", "on
    May 10") to say which event it recalls; "in 2005" could be any of a year's events, and
    looking through a year of a place's events for it would cost more the larger the store."""
    dates = group.dates
    return dates is not None and dates.precision <= _MONTH


def _sort_key(group: MentionGroup, articles: Mapping[str, Article]) -> tuple:
    reference = articles[group.article_id].reference_date
    return (
        reference is None,
        reference or date.min,
        group.article_id,
        group.history,
        group.founder.sentence.start,
    )


def _claims_by_group(extraction: Extraction, groups: Sequence[MentionGroup]) -> list[list[Claim]]:
    """Each group's claims: those of its mentions; a claim with no mention goes to the first group.

    Casualties are the toll of violence, not of what followed it: a killed / injured claim that
    the extractor attached to an arrest or a peaceful protest (params.AFTERMATH_SUB_TYPES:
    "arrested for the killing of two men") goes to the article's violent group told nearest
    before it (else the first violent group), when the article has one. Other non-violent
    events (a helicopter crash) keep their own tolls.
    """
    where = {m.id: i for i, g in enumerate(groups) for m in g.mentions}
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
            before = [i for i in violent if groups[i].founder.sentence.start <= claim.evidence.start]
            target = before[-1] if before else violent[0]
        owned[target].append(claim)
    return owned


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
    work: list[tuple[MentionGroup, list[Claim]]] = []
    follow_ups: set[str] = set()  # articles whose news tells no toll of its own
    for extraction in extractions:
        if extraction.article_id not in by_id:
            log.warning("link_events: extraction for unknown article %s skipped", extraction.article_id)
            continue
        fresh = [m for m in extraction.mentions if m.id not in linked]
        groups, history = group_article(fresh, article=by_id[extraction.article_id], params=params)
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
            group.dead, group.wounded_only = tolls_told(claims, [m.sentence.text for m in group.mentions])
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
    by_id = {a.id: a for a in articles}
    article_names = {x.article_id: place_names(x, by_id.get(x.article_id)) for x in extractions}
    work, _ = batch_groups(by_id, extractions, settings=settings, params=params)
    keys: set[BlockKey] = set()
    for group, _claims in work:
        if not group.history or recalls_one_event(group):
            keys.update(_query_of(group, settings, params, article_names))
    return keys


def stored_event_keys(
    events: Sequence[Event], *, settings: Settings, params: LinkParams = DEFAULT_PARAMS
) -> dict[str, list[BlockKey]]:
    """Event id -> the block keys ``link_events`` indexes the event under when it is given (an
    earlier run's event, before anything of the batch joins it)."""
    vectors = ArticleVectors([])
    return {e.id: _keys_of(EventState.from_event(e, vectors), settings, params, {}) for e in events}


def link_events(
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    *,
    events: Sequence[Event] = (),
    known_articles: Sequence[Article] = (),
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
    copies: Mapping[str, str] | None = None,
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

    RETURNS: every event: the given ones in their order (unchanged ones as given, changed ones
    rebuilt), then the new ones in founding order. A changed or new event has no reconciled rows
    (``reconciled`` is empty): reconciling is the next stage's (``fogofwar.reconcile
    .reconcile_event``, ``Pipeline.reconcile``). Deterministic: the same inputs in any order give
    the same events and ids.
    """
    by_id: dict[str, Article] = {a.id: a for a in known_articles}
    by_id.update({a.id: a for a in articles})
    if copies is None:
        copies = find_copies(articles, known=known_articles)
    vectors = ArticleVectors(list(by_id.values()))
    states = [EventState.from_event(e, vectors) for e in events]
    article_names = {x.article_id: place_names(x, by_id.get(x.article_id)) for x in extractions}
    index = BlockIndex()
    for state in states:
        index.add(state.id, _keys_of(state, settings, params, article_names))
    state_of = {s.id: s for s in states}
    linked = {m for e in events for m in e.mention_ids}

    work, follow_ups = batch_groups(by_id, extractions, linked=linked, settings=settings, params=params)
    work.sort(key=lambda item: _sort_key(item[0], by_id))

    news: dict[str, EventState] = {}  # article id -> the event of its first news group
    for group, claims in work:
        if group.history and not recalls_one_event(group):
            found = None
        else:
            query = _query_of(group, settings, params, article_names)
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
        index.add(state.id, _keys_of(state, settings, params, article_names))

    return [
        _build(s, by_id, copies) if s.changed else s.base  # type: ignore[misc]
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
    state.place, state.place_stated = choose_place(
        state.place, state.place_stated, group.place, group.place_stated
    )
    if group.place is not None:
        state.places.append((group.place, group.place_stated))
    state.actors = merge_actors(state.actors, group.actors)
    known_mentions = set(state.mention_ids)
    state.roles.extend(r for m in group.mentions if m.id not in known_mentions for r in m.actors)
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
    known = {c.id for c in state.claims}
    state.claims.extend(c for c in claims if c.id not in known)
    state.dead = state.dead or group.dead
    state.wounded_only = state.wounded_only or group.wounded_only
    state.changed = True


def outlet(article: Article) -> str:
    """Who published an article: its source, else its agency, else its URL's host, else itself."""
    if article.source:
        return article.source.casefold()
    if article.agency:
        return article.agency.casefold()
    if article.url and (host := urlsplit(article.url).hostname):
        return host.removeprefix("www.")
    return article.id


def count_sources(
    article_ids: Sequence[str], articles: Mapping[str, Article], copies: Mapping[str, str]
) -> int:
    """Distinct outlets among the articles; a copy counts as its original; unknown ids count once each."""
    names = set()
    for article_id in article_ids:
        original = copies.get(article_id, article_id)
        article = articles.get(original) or articles.get(article_id)
        names.add(outlet(article) if article else original)
    return len(names)


def _sources(state: EventState, articles: Mapping[str, Article], copies: Mapping[str, str]) -> int:
    """Exact when all the event's articles are at hand; else the earlier count plus the new outlets."""
    base = state.base
    if base is None or all(i in articles for i in state.article_ids):
        return count_sources(state.article_ids, articles, copies)
    old = set(base.article_ids)
    old_outlets = {outlet(articles[i]) for i in old if i in articles}
    new_outlets = {
        outlet(articles[copies.get(i, i)] if copies.get(i, i) in articles else articles[i])
        for i in state.article_ids
        if i not in old and i in articles
    }
    return base.sources + len(new_outlets - old_outlets)


def _build(state: EventState, articles: Mapping[str, Article], copies: Mapping[str, str]) -> Event:
    """The Event record of a changed state, not reconciled (``reconciled`` empty)."""
    base = state.base
    references = [
        d for i in state.article_ids if i in articles and (d := articles[i].reference_date) is not None
    ]
    if base is not None:
        references += [d for d in (base.first_reported, base.last_updated) if d is not None]
    dates = state.dates
    return Event(
        id=state.id,
        event_type=state.event_type,
        sub_event_type=state.sub_event_type,
        start=dates.start if dates else None,
        end=dates.end if dates else None,
        date_precision=dates.precision if dates else 4,
        place=vote_place(state.places)[0] if state.places else state.place,
        actors=tuple(side_actors(state.roles)),
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
    left out. Use it to resolve the article's relative dates ("on Thursday") in a second pass.
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


__all__ = [
    "EventState",
    "batch_groups",
    "batch_query_keys",
    "best_event",
    "compatibility",
    "count_sources",
    "link_events",
    "outlet",
    "reference_dates",
    "report_window",
    "score",
    "stored_event_keys",
    "tolls_conflict",
    "tolls_told",
]
