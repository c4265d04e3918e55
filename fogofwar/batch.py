"""Load one batch of inputs into the ledger: store the articles, extract and link what is new.

Shared by the CLI (``fogofwar ingest``, ``fogofwar demo``) and any other front end; it speaks
to the store and the pipeline only through their public methods.

What a batch guarantees:

- **All or nothing.** Rejections, articles, extractions and events are written in one
  transaction (:meth:`Store.writing`): a crash or a kill at any point leaves the ledger as it
  was before the batch or with the whole batch, never an article marked extracted without its
  events. A re-run after a crash therefore finds the batch's articles new and does it again.
- **One writer at a time.** The costly part (extraction) runs before the write lock is taken;
  linking then runs under the lock over the events *as stored at that moment*, so two ingests
  on one database end with the same events as the same two run one after the other. A waiting
  ingest says so (``on_wait``).
- **Views stay honest.** The corrected events the API serves are derived from the events and
  the corrections; writing events marks them stale (a trigger), and the next read rebuilds them
  (:func:`fogofwar.corrections.refresh_corrected_events`), so a batch never pays for a rebuild
  nobody reads.
- **Ids that last.** An event's id is its earliest report's (fogofwar.link.cluster.stable_id),
  so the same reports give the same ids in any order or batches. A batch that brings an earlier
  report of a stored event re-keys it; the old id is kept as a redirect to the new one
  (``Store.event_redirects``), and lookups, the API and corrections made with it follow it.
- **One bad article, one rejection.** An article whose extraction failed is rejected alone
  (E045, naming its input and id) and not stored; the rest of the batch goes in.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fogofwar.errors import message
from fogofwar.model import Article, Claim, Event, Extraction, Rejection
from fogofwar.pipeline import Pipeline, RunResult
from fogofwar.store import Store

if TYPE_CHECKING:
    from fogofwar.link.incremental import LinkIndex
    from fogofwar.link.text import ArticleVectors, TermCounts

log = logging.getLogger(__name__)

# Names of the points a batch passes, in order, for ``checkpoint`` (crash tests kill the
# process at each): extraction done, write lock held, then after each write, then committed.
CHECKPOINTS = ("extracted", "locked", "rejections", "articles", "extractions", "events", "committed")


# A front end's display of the two slow steps: the extractions as they stream in (with their
# number), and a context held while that many articles are linked.
TrackExtraction = Callable[[Iterator[Extraction], int], Iterable[Extraction]]
WhileLinking = Callable[[int], AbstractContextManager[object]]


@dataclass
class IngestReport:
    """What one ingest did."""

    added: list[Article] = field(default_factory=list)
    already: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    extracted: bool = False
    new_events: list[str] = field(default_factory=list)  # ids of events this batch founded
    updated_events: list[str] = field(default_factory=list)  # ids of stored events it changed
    # Stored event ids this batch gave up -> the event holding them now (re-keyed by an earlier
    # report): kept as redirects.
    redirects: dict[str, str] = field(default_factory=dict)
    unlinked_claims: list[Claim] = field(default_factory=list)  # this batch's claims in no event


def ingest_items(
    store: Store,
    items: Iterable[Article | Rejection],
    *,
    pipeline: Pipeline | None,
    incremental: bool = True,
    on_rejection: Callable[[Rejection], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    track_extraction: TrackExtraction | None = None,
    while_linking: WhileLinking | None = None,
    checkpoint: Callable[[str], None] | None = None,
) -> IngestReport:
    """Store the articles of ``items``, log the rejections, and extract and link what is new.

    The pipeline runs (when given) on the articles never extracted: extraction first, without
    the lock, then under the write lock linking with the stored events and every write, in one
    transaction.
    incremental: True, the pipeline's ``link_index`` (fogofwar.link.incremental) picks the
        stored events the batch can touch (``_candidates``) and their articles, and the run is
        given only those; its ``RunResult.events`` are those events, updated, plus the new ones:
        only the new and changed ones are written, a given event missing from them is deleted,
        and the others are not read. False, the run is given every stored event and their
        articles, and its ``RunResult.events`` must be the whole event set (events missing from
        it are deleted); a pipeline without a ``link_index`` needs False.
    on_rejection: told of each rejection as it is found (read errors, then failed extractions).
    on_wait: told once when another writer holds the database and this batch waits for it.
    track_extraction: given the stream of extractions (``Pipeline.iter_extract``) and their
        number, yields them back (a progress bar); without it ``Pipeline.extract`` runs.
    while_linking: given the number of articles to link, a context held while they are linked
        (a spinner).
    checkpoint: called with each name of :data:`CHECKPOINTS` as the batch passes it (tests).
    """
    report = IngestReport()
    reached = checkpoint or (lambda name: None)

    def reject(rejection: Rejection) -> None:
        report.rejections.append(rejection)
        if on_rejection is not None:
            on_rejection(rejection)

    articles: list[Article] = []
    for item in items:
        if isinstance(item, Rejection):
            reject(item)
        else:
            articles.append(item)
    first_of_each: dict[str, Article] = {}
    for article in articles:
        first_of_each.setdefault(article.id, article)
    extractions: list[Extraction] = []
    if pipeline is not None:
        # Outside the lock, so a second ingest extracts while the first one writes.
        known = store.stored_ids(first_of_each, extracted=True)
        todo = [a for a in first_of_each.values() if a.id not in known]
        if todo:
            log.info("extracting %d articles", len(todo))
            extractions = _extract(pipeline, todo, track_extraction)
    reached("extracted")
    with store.writing(on_wait=on_wait):
        reached("locked")
        run = None
        index = None
        bands: dict[str, list[int]] = {}
        terms: dict[str, TermCounts] = {}
        before: dict[str, Event] = {}
        changed: list[Event] = []
        if pipeline is not None:
            # Read again under the lock: another writer may have stored some of them meanwhile.
            done = store.stored_ids(first_of_each, extracted=True)
            pending = [a for a in first_of_each.values() if a.id not in done]
            if pending:
                ready = [e for e in extractions if e.article_id not in done]
                extra: dict[str, object] = {}
                # A pipeline without a link index (a test double) leaves the articles' keys unmade.
                keeper = pipeline.link_index if incremental else getattr(pipeline, "link_index", None)
                if keeper is not None:
                    bands, terms = keeper.band_keys(pending), keeper.term_counts(pending)
                if incremental:
                    index = pipeline.link_index
                    reading = _candidates(store, index, pending, ready, bands, terms)
                    before, known_articles = reading.events, reading.articles
                    extra = {"copy_candidates": reading.copy_candidates, "vectors": reading.vectors}
                else:
                    before = {e.id: e for e in store.events()}
                    held = {i for e in before.values() for i in e.article_ids}
                    known_articles = store.articles(sorted(held))
                given = list(before.values())
                with (while_linking or _nothing)(len(pending)):
                    run = pipeline.run(
                        pending, events=given, known_articles=known_articles, extractions=ready, **extra
                    )
                for failed in run.failed:
                    reject(_failure(first_of_each[failed.article_id], failed))
                dropped = {e.article_id for e in run.failed}
                updated = {a.id: a for a in run.articles}
                # The pipeline may fill fields (duplicate_of): store its copies of the articles.
                articles = [updated.get(a.id, a) for a in articles if a.id not in dropped]
                report.redirects = redirects_of(before, run.events)
                for old_id, new_id in report.redirects.items():
                    log.info("event %s is now %s (it has an earlier report)", old_id, new_id)
                changed = _compare_events(report, before, run.events)
        store.log_rejections(report.rejections)
        reached("rejections")
        result = store.add_articles(articles)
        report.added, report.already = result.added, result.already
        reached("articles")
        if run is not None:
            store.save_extractions(run.extractions)
            reached("extractions")
            _write_events(
                store, index, before, run, bands, terms, changed=changed, redirects=report.redirects
            )
            reached("events")
            report.extractions, report.extracted = run.extractions, True
            report.unlinked_claims = _unlinked(run.extractions, run.events)
    reached("committed")
    return report


def _extract(
    pipeline: Pipeline, articles: Sequence[Article], track: TrackExtraction | None
) -> list[Extraction]:
    """The extractions of ``articles``, streamed through ``track`` when given."""
    if track is None:
        return pipeline.extract(articles)
    return list(track(pipeline.iter_extract(articles), len(articles)))


def _nothing(count: int) -> AbstractContextManager[object]:
    return nullcontext()


def _write_events(
    store: Store,
    index: LinkIndex | None,
    before: Mapping[str, Event],
    run: RunResult,
    bands: Mapping[str, Sequence[int]],
    terms: Mapping[str, TermCounts],
    *,
    changed: Sequence[Event],
    redirects: Mapping[str, str],
) -> None:
    """Store the events of a run: only those it founded or ``changed`` (``_compare_events``, with
    the keys they gain and lose), deleting the events it was given and did not return (re-keyed
    or merged away: ``redirects`` says where each went); the events it never read stay as they
    are. Without a link index the run's events are the whole set (Store.replace_events). The
    new articles' term counts and band keys are stored when they were made (``bands``,
    ``terms``); else the stored ones are marked out of date."""
    kept = {a.id for a in run.articles}
    if terms:
        store.save_article_index(
            {i: c.to_bytes() for i, c in terms.items() if i in kept},
            {i: k for i, k in bands.items() if i in kept},
        )
    elif kept:
        store.forget_link_index(["article_terms", "article_bands"])
    if index is None:
        store.replace_events(run.events, redirects=redirects)
        return
    gone = set(before).difference(e.id for e in run.events)
    new = index.event_keys(changed)
    old = index.event_keys([before[e.id] for e in changed if e.id in before] + [before[i] for i in gone])
    store.upsert_events(
        changed,
        keys={i: sorted(set(k).difference(old.get(i, ()))) for i, k in new.items()},
        dropped={i: sorted(set(k).difference(new.get(i, ()))) for i, k in old.items()},
        deleted=sorted(gone),
        redirects=redirects,
    )


def redirects_of(before: Mapping[str, Event], after: Sequence[Event]) -> dict[str, str]:
    """Where the events of ``before`` that ``after`` lacks went: each old id -> the event of
    ``after`` holding most of its mentions (the smallest id on a tie). Linking only adds to
    events, so such an event was re-keyed (fogofwar.link.cluster.stable_id) and all its mentions
    are in one event; an event whose mentions went nowhere gets no redirect."""
    kept = {e.id for e in after}
    gone = [i for i in before if i not in kept]
    if not gone:
        return {}
    holder = {m: e.id for e in after for m in e.mention_ids}
    found: dict[str, str] = {}
    for old in sorted(gone):
        votes = Counter(holder[m] for m in before[old].mention_ids if m in holder)
        if votes:
            found[old] = min(votes, key=lambda i: (-votes[i], i))
    return found


@dataclass
class _Reading:
    """What an incremental batch reads (``_candidates``)."""

    events: dict[str, Event]  # the stored events it can touch, by id
    articles: list[Article]  # their articles, those it may copy and their originals
    copy_candidates: list[Article]  # the stored articles dedup compares it with
    vectors: ArticleVectors  # text vectors fitted on the batch and its candidates' articles


def _candidates(
    store: Store,
    index: LinkIndex,
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    bands: Mapping[str, Sequence[int]],
    terms: Mapping[str, TermCounts],
) -> _Reading:
    """The stored events a batch can touch and the articles it needs, read by key
    (fogofwar.link.incremental) rather than the whole ledger:

    - the events under a block key one of the batch's mention groups looks up (no other event
      can be a candidate of the batch, nor of an event it founds or widens), less those whose
      text no group under their keys comes near enough to join (``LinkIndex.reachable``: their
      stored term counts are read, not the events or their articles);
    - the stored articles sharing an LSH band with a batch article (the only ones dedup could
      call its originals), and the events holding them;
    - for the undated-article redating (Pipeline.redate): every event holding an article with
      an undated claim in those events (an article takes its date from the event holding most
      of its claims).

    The text vectors are fitted on the batch and the articles of every event under its keys
    (from their stored term counts), as if all those events were read. Dedup compares the batch
    with the articles sharing a band with it and with the read articles that share a band with
    each other (the pairs its LSH would verify), plus the read copies and their originals.
    """
    _build_keys(store, index)
    queries = index.group_keys(articles, extractions)
    keyed = store.event_ids_keyed({k for _, keys in queries for k in keys})
    blocked = set().union(*keyed.values()) if keyed else set()
    copied = store.article_ids_with_bands(k for keys in bands.values() for k in keys)
    copied -= {a.id for a in articles}
    copied_events = store.event_ids_for_articles(copied)
    held = store.event_articles(blocked | copied_events)
    fitted = {i for ids in held.values() for i in ids} | copied
    vectors = _vectors(store, index, fitted, terms)
    ids = index.reachable(queries, keyed, held, vectors) | copied_events
    events = store.events(sorted(ids))
    waiting = {c.article_id for e in events for c in e.claims if c.claim_date is None}
    more = store.event_ids_for_articles(waiting) - ids if waiting else set()
    if more:
        events = store.events(sorted(ids | more))
        added = {i for e in events for i in e.article_ids} - fitted
        if added:
            fitted |= added
            vectors = _vectors(store, index, fitted, terms)
    needed = {i for e in events for i in e.article_ids} | copied
    known = store.articles(sorted(needed))
    # A copy's original (duplicate_of) decides which article a new copy counts as.
    originals = {a.duplicate_of for a in known if a.duplicate_of and a.duplicate_of not in needed}
    if originals:
        known = store.articles(sorted(needed | originals))
    vectors.add_texts([*known, *articles])
    # Dedup: the band candidates, the read articles that may copy each other, and the copies.
    paired = store.articles_sharing_bands(needed) | copied
    paired |= {a.id for a in known if a.duplicate_of} | {a.duplicate_of for a in known if a.duplicate_of}
    log.debug(
        "batch of %d: %d events under its keys, reads %d, %d articles (%d for dedup)",
        len(articles),
        len(blocked),
        len(events),
        len(known),
        len(paired),
    )
    return _Reading(
        events={e.id: e for e in events},
        articles=known,
        copy_candidates=[a for a in known if a.id in paired],
        vectors=vectors,
    )


def _vectors(
    store: Store, index: LinkIndex, stored: set[str], batch: Mapping[str, TermCounts]
) -> ArticleVectors:
    """Text vectors of the batch (its term counts) and of ``stored`` articles (their stored
    counts; an article stored without them is read and counted)."""
    from fogofwar.link.text import ArticleVectors, TermCounts

    counts = {i: TermCounts.from_bytes(data) for i, data in store.article_terms(stored).items()}
    missing = sorted(stored - counts.keys())
    if missing:
        counts.update(index.term_counts(store.articles(missing)))
    counts.update(batch)
    return ArticleVectors([], counts=counts)


def _build_keys(store: Store, index: LinkIndex) -> None:
    """Make the stored keys once (a ledger from before them, or keys of other settings)."""
    if store.link_index_scheme("event_keys") != index.keys_scheme:
        log.info("building the event keys of the stored events")
        store.rebuild_event_keys(index.event_keys(store.events()), scheme=index.keys_scheme)
    stale_terms = store.link_index_scheme("article_terms") != index.terms_scheme
    if stale_terms or store.link_index_scheme("article_bands") != index.bands_scheme:
        stored = store.articles()
        extracted = store.stored_ids([a.id for a in stored], extracted=True)
        stored = [a for a in stored if a.id in extracted]
        if stale_terms:
            log.info("counting the terms of the stored articles")
            terms = {i: c.to_bytes() for i, c in index.term_counts(stored).items()}
            store.rebuild_article_terms(terms, scheme=index.terms_scheme)
        log.info("building the dedup keys of the stored articles")
        store.rebuild_article_bands(index.band_keys(stored), scheme=index.bands_scheme)


def _failure(article: Article, extraction: Extraction) -> Rejection:
    """The rejection of an article whose extraction failed."""
    name = article.origin or article.id
    reason = message("E045", input=name, id=article.id, detail=extraction.failure)
    log.warning("%s", reason)
    return Rejection(input=name, reason=" ".join(reason.split()), code="E045")


def _compare_events(report: IngestReport, before: dict[str, Event], after: Sequence[Event]) -> list[Event]:
    """Fill the report's new and updated event ids from the event set before and after linking
    (an event under a new id that an old one redirects to, ``report.redirects``, is an updated
    one); returns those events (new and changed), in ``after``'s order: the ones to write."""
    renamed = set(report.redirects.values())
    changed = []
    for event in after:
        old = before.get(event.id)
        if old is None and event.id not in renamed:
            report.new_events.append(event.id)
        elif old != event:
            report.updated_events.append(event.id)
        else:
            continue
        changed.append(event)
    return changed


def _unlinked(extractions: Sequence[Extraction], events: Sequence[Event]) -> list[Claim]:
    """The claims of ``extractions`` that no event holds (background, or a mention that linked nowhere)."""
    linked = {c.id for e in events for c in e.claims}
    return [c for x in extractions for c in x.claims if c.id not in linked]
