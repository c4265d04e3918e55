"""fogofwar.batch.ingest_items: one batch into the ledger, all or nothing when the pipeline fails."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from fogofwar.batch import ingest_items
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Article, Event, Extraction, Rejection
from fogofwar.pipeline import RunResult
from fogofwar.store import Store

# Invented reports, written for these tests.
TEXTS = (
    "Gunmen attacked a market in the east on Monday, police said. Three traders were wounded.\n",
    "A roadside bomb damaged a supply truck near the border on Tuesday, officials said.\n",
)


class RecordingPipeline:
    """Returns empty extractions and records what it was asked to run on (no link_index: the
    batches are run with ``incremental=False``)."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.calls: list[list[str]] = []

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        self.calls.append([a.id for a in articles])
        if self.fail:
            raise RuntimeError("extractor crashed")
        return [Extraction(article_id=a.id, mentions=(), claims=()) for a in articles]

    def run(
        self,
        articles: Sequence[Article],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
        extractions: Sequence[Extraction] | None = None,
    ) -> RunResult:
        given = {e.article_id: e for e in extractions or ()}
        missing = [a for a in articles if a.id not in given]
        if missing:
            given.update((e.article_id, e) for e in self.extract(missing))
        failed = [given[a.id] for a in articles if given[a.id].failure]
        kept = [a for a in articles if not given[a.id].failure]
        return RunResult(
            articles=kept, extractions=[given[a.id] for a in kept], events=list(events), failed=failed
        )


def articles() -> list[Article]:
    return [article_from_text(text, origin=f"report-{i}.txt") for i, text in enumerate(TEXTS)]


def test_batch_ingest_stores_articles_and_rejections_reported(store: Store) -> None:
    rejection = Rejection(input="empty.txt", reason="empty.txt: the file is empty", code="E003")
    seen: list[Rejection] = []
    report = ingest_items(
        store,
        [*articles(), rejection],
        pipeline=RecordingPipeline(),
        incremental=False,
        on_rejection=seen.append,
    )
    assert len(report.added) == 2 and report.already == [] and report.extracted
    assert report.rejections == [rejection] == seen
    assert store.counts()["articles"] == 2


def test_batch_ingest_runs_the_pipeline_only_on_new_articles(store: Store) -> None:
    pipeline = RecordingPipeline()
    ingest_items(store, articles()[:1], pipeline=pipeline, incremental=False)
    report = ingest_items(store, articles(), pipeline=pipeline, incremental=False)
    assert pipeline.calls == [[articles()[0].id], [articles()[1].id]]
    assert [a.id for a in report.already] == [articles()[0].id]


def test_batch_ingest_failing_pipeline_stores_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError):
        ingest_items(store, articles(), pipeline=RecordingPipeline(fail=True), incremental=False)
    assert store.counts()["articles"] == 0
    # A re-run starts afresh and extracts both.
    pipeline = RecordingPipeline()
    ingest_items(store, articles(), pipeline=pipeline, incremental=False)
    assert pipeline.calls == [[a.id for a in articles()]]


def test_batch_ingest_without_pipeline_stores_unextracted(store: Store) -> None:
    report = ingest_items(store, articles(), pipeline=None)
    assert len(report.added) == 2 and not report.extracted
    pipeline = RecordingPipeline()
    # Stored but never extracted: extracted now.
    ingest_items(store, articles(), pipeline=pipeline, incremental=False)
    assert pipeline.calls == [[a.id for a in articles()]]
