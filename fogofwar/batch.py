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
- **One bad article, one rejection.** An article whose extraction failed is rejected alone
  (E045, naming its input and id) and not stored; the rest of the batch goes in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from fogofwar.errors import message
from fogofwar.model import Article, Claim, Event, Extraction, Rejection
from fogofwar.pipeline import RunResult
from fogofwar.store import Store

log = logging.getLogger(__name__)

# Names of the points a batch passes, in order, for ``checkpoint`` (crash tests kill the
# process at each): extraction done, write lock held, then after each write, then committed.
CHECKPOINTS = ("extracted", "locked", "rejections", "articles", "extractions", "events", "committed")


class Runner(Protocol):
    """What ingest needs of a pipeline: :class:`fogofwar.pipeline.Pipeline`."""

    def extract(self, articles: Sequence[Article]) -> list[Extraction]: ...

    def run(
        self,
        articles: Sequence[Article],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
        extractions: Sequence[Extraction] | None = None,
    ) -> RunResult: ...


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
    unlinked_claims: list[Claim] = field(default_factory=list)  # this batch's claims in no event


def ingest_items(
    store: Store,
    items: Iterable[Article | Rejection],
    *,
    pipeline: Runner | None,
    on_rejection: Callable[[Rejection], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    checkpoint: Callable[[str], None] | None = None,
) -> IngestReport:
    """Store the articles of ``items``, log the rejections, and extract and link what is new.

    The pipeline runs (when given) on the articles never extracted: extraction first, without
    the lock, then under the write lock linking with the stored events and every write, in one
    transaction. Its ``RunResult.events`` must be the whole event set (stored events updated,
    plus new ones): events missing from it are deleted.
    on_rejection: told of each rejection as it is found (read errors, then failed extractions).
    on_wait: told once when another writer holds the database and this batch waits for it.
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
            extractions = pipeline.extract(todo)
    reached("extracted")
    with store.writing(on_wait=on_wait):
        reached("locked")
        run = None
        if pipeline is not None:
            # Read again under the lock: another writer may have stored some of them meanwhile.
            done = store.stored_ids(first_of_each, extracted=True)
            pending = [a for a in first_of_each.values() if a.id not in done]
            if pending:
                before = {e.id: e for e in store.events()}
                known_articles = store.articles(sorted({i for e in before.values() for i in e.article_ids}))
                ready = [e for e in extractions if e.article_id not in done]
                run = pipeline.run(
                    pending, events=list(before.values()), known_articles=known_articles, extractions=ready
                )
                for failed in run.failed:
                    reject(_failure(first_of_each[failed.article_id], failed))
                dropped = {e.article_id for e in run.failed}
                updated = {a.id: a for a in run.articles}
                # The pipeline may fill fields (duplicate_of): store its copies of the articles.
                articles = [updated.get(a.id, a) for a in articles if a.id not in dropped]
                _compare_events(report, before, run.events)
        store.log_rejections(report.rejections)
        reached("rejections")
        result = store.add_articles(articles)
        report.added, report.already = result.added, result.already
        reached("articles")
        if run is not None:
            store.save_extractions(run.extractions)
            reached("extractions")
            store.replace_events(run.events)
            reached("events")
            report.extractions, report.extracted = run.extractions, True
            report.unlinked_claims = _unlinked(run.extractions, run.events)
    reached("committed")
    return report


def _failure(article: Article, extraction: Extraction) -> Rejection:
    """The rejection of an article whose extraction failed."""
    name = article.origin or article.id
    reason = message("E045", input=name, id=article.id, detail=extraction.failure)
    log.warning("%s", reason)
    return Rejection(input=name, reason=" ".join(reason.split()), code="E045")


def _compare_events(report: IngestReport, before: dict[str, Event], after: Sequence[Event]) -> None:
    """Fill the report's new and updated event ids from the event set before and after linking."""
    for event in after:
        old = before.get(event.id)
        if old is None:
            report.new_events.append(event.id)
        elif old != event:
            report.updated_events.append(event.id)


def _unlinked(extractions: Sequence[Extraction], events: Sequence[Event]) -> list[Claim]:
    """The claims of ``extractions`` that no event holds (background, or a mention that linked nowhere)."""
    linked = {c.id for e in events for c in e.claims}
    return [c for x in extractions for c in x.claims if c.id not in linked]
