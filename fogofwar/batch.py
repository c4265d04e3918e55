"""Load one batch of inputs into the ledger: store the articles, extract and link what is new.

Shared by the CLI (``fogofwar ingest``, ``fogofwar demo``) and any other front end; it speaks
to the store and the pipeline only through their public methods.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from fogofwar.model import Article, Event, Extraction, Rejection
from fogofwar.pipeline import RunResult
from fogofwar.store import Store

log = logging.getLogger(__name__)


class Runner(Protocol):
    """What ingest needs of a pipeline: :meth:`fogofwar.pipeline.Pipeline.run`."""

    def run(
        self,
        articles: Sequence[Article],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
    ) -> RunResult: ...


@dataclass
class IngestReport:
    """What one ingest did."""

    added: list[Article] = field(default_factory=list)
    already: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    extractions: list[Extraction] = field(default_factory=list)
    extracted: bool = False


def ingest_items(
    store: Store,
    items: Iterable[Article | Rejection],
    *,
    pipeline: Runner | None,
    on_rejection: Callable[[Rejection], None] | None = None,
) -> IngestReport:
    """Store the articles of ``items``, log the rejections, and extract what was never extracted.

    The pipeline runs (when given) on the articles not stored before, plus stored ones never
    extracted, with the stored events, before anything is written: if it fails, nothing of
    this batch is stored and a re-run starts afresh. Its ``RunResult.events`` must be the
    whole event set (stored events updated, plus new ones): events missing from it are deleted.
    """
    report = IngestReport()
    articles: list[Article] = []
    for item in items:
        if isinstance(item, Rejection):
            report.rejections.append(item)
            if on_rejection is not None:
                on_rejection(item)
        else:
            articles.append(item)
    run = None
    if pipeline is not None:
        first_of_each: dict[str, Article] = {}
        for article in articles:
            first_of_each.setdefault(article.id, article)
        extracted = store.stored_ids(first_of_each, extracted=True)
        pending = [a for a in first_of_each.values() if a.id not in extracted]
        if pending:
            log.info("extracting %d articles", len(pending))
            events = store.events()
            known = store.articles(sorted({i for e in events for i in e.article_ids}))
            run = pipeline.run(pending, events=events, known_articles=known)
            # The pipeline may fill fields (duplicate_of): store its copies of the articles.
            updated = {a.id: a for a in run.articles}
            articles = [updated.get(a.id, a) for a in articles]
    store.log_rejections(report.rejections)
    result = store.add_articles(articles)
    report.added, report.already = result.added, result.already
    if run is not None:
        store.save_extractions(run.extractions)
        store.replace_events(run.events)
        report.extractions, report.extracted = run.extractions, True
    return report
