"""Incremental ingest (fogofwar.batch with Pipeline.link_index): a batch reads only the stored
events it can touch, writes only those it changed, and two batches give the events of one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from fogofwar.batch import ingest_items
from fogofwar.model import Article, Claim, Event, Extraction, Mention, Place, Span, record_id
from fogofwar.pipeline import Pipeline
from fogofwar.settings import Settings
from fogofwar.store import Store

# Invented towns and reports, written for these tests.
NORTHVILLE = Place(name="Northville", lat=34.0, lon=40.0, country="XQ", precision=1)
SOUTHPORT = Place(name="Southport", lat=31.0, lon=44.0, country="XQ", precision=1)


class CannedPipeline(Pipeline):
    """The real link stage over extractions made beforehand (no spaCy)."""

    def __init__(self, extractions: dict[str, Extraction]) -> None:
        super().__init__(Settings())
        self.canned = extractions

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        return [self.canned.get(a.id) or Extraction(article_id=a.id) for a in articles]


def report(n: int, victim: str, place: Place, day: date, killed: int) -> tuple[Article, Extraction]:
    """An invented article telling one killing, with its extraction (one mention, one claim)."""
    lead = f"{victim} and {killed - 1} others were killed in {place.name} on {day:%A}."
    text = f"{lead} Police said {victim} had left the market. Witness number {n} saw the car.\n"
    article = Article(id=record_id("report", n), text=text, title=f"Killing in {place.name}", published=day)
    sentence = Span(start=0, end=len(lead), text=lead)
    mention = Mention(
        id=record_id(article.id, "m"),
        article_id=article.id,
        sentence=sentence,
        trigger="killed",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        date_start=day,
        date_end=day,
        date_precision=1,
        place=place,
    )
    claim = Claim(
        id=record_id(article.id, "c"),
        article_id=article.id,
        claimant="police",
        victims="civilians",
        outcome="killed",
        evidence=sentence,
        mention_id=mention.id,
        claim_date=day,
        figure=killed,
        low=killed,
        high=killed,
    )
    return article, Extraction(article_id=article.id, mentions=(mention,), claims=(claim,))


REPORTS = [
    report(1, "Amal Dorren", NORTHVILLE, date(2020, 3, 2), 3),
    report(2, "Amal Dorren", NORTHVILLE, date(2020, 3, 3), 4),
    report(3, "Basim Kelto", SOUTHPORT, date(2020, 9, 14), 2),
    report(4, "Corin Vashti", NORTHVILLE, date(2020, 6, 1), 1),
    report(5, "Amal Dorren", NORTHVILLE, date(2020, 3, 4), 4),
    report(6, "Basim Kelto", SOUTHPORT, date(2020, 9, 15), 2),
    report(7, "Dalia Fenwick", SOUTHPORT, date(2020, 3, 3), 5),
]


def ingest(db: Path, batch: Sequence[tuple[Article, Extraction]]) -> None:
    pipeline = CannedPipeline({x.article_id: x for _, x in REPORTS})
    with Store.open(db) as store:
        ingest_items(store, [a for a, _ in batch], pipeline=pipeline)


def stored_events(db: Path) -> list[dict[str, Any]]:
    with Store.open(db) as store:
        return sorted((e.to_dict() for e in store.events()), key=lambda e: e["id"])


@pytest.mark.parametrize("split", [1, 3, 5])
def test_batch_incremental_two_batches_give_the_events_of_one(tmp_path: Path, split: int) -> None:
    ingest(tmp_path / "one.db", REPORTS)
    ingest(tmp_path / "two.db", REPORTS[:split])
    ingest(tmp_path / "two.db", REPORTS[split:])
    one = stored_events(tmp_path / "one.db")
    assert len(one) == 4  # Dorren (3 reports), Kelto (2), Vashti, Fenwick
    assert stored_events(tmp_path / "two.db") == one


def test_batch_incremental_reads_only_candidate_events(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "ledger.db"
    ingest(db, REPORTS[:4])  # Dorren (2 reports), Kelto, Vashti
    with Store.open(db) as store:
        by_article = {a: store.event_ids_for_article(a)[0] for a in (REPORTS[0][0].id, REPORTS[2][0].id)}
    read: list[str] = []
    written: list[str] = []
    original_events, original_upsert = Store.events, Store.upsert_events

    def spy_events(self: Store, ids: Any = None) -> Any:
        found = original_events(self, ids)
        read.extend(e.id for e in found)
        return found

    def spy_upsert(self: Store, events: Any, **kwargs: Any) -> None:
        events = list(events)
        written.extend(e.id for e in events)
        original_upsert(self, events, **kwargs)

    monkeypatch.setattr(Store, "events", spy_events)
    monkeypatch.setattr(Store, "upsert_events", spy_upsert)
    ingest(db, REPORTS[4:5])  # a third report of Dorren, Northville, early March
    # Kelto (Southport, September) and Vashti (Northville, June) share no block key with it.
    assert read == [by_article[REPORTS[0][0].id]]
    assert written == [by_article[REPORTS[0][0].id]]
    assert by_article[REPORTS[2][0].id] not in read


def test_batch_incremental_rebuilds_keys_written_without_them(tmp_path: Path) -> None:
    ingest(tmp_path / "one.db", REPORTS)
    db = tmp_path / "two.db"
    ingest(db, REPORTS[:3])
    with Store.open(db) as store:
        store.replace_events(store.events())  # events written by a path that keeps no keys
        assert store.link_index_scheme("event_keys") is None
    ingest(db, REPORTS[3:])
    assert stored_events(db) == stored_events(tmp_path / "one.db")


def spy_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the events the store reads from now on."""
    read: list[str] = []
    original = Store.events

    def spy(self: Store, ids: Any = None) -> Any:
        found = original(self, ids)
        read.extend(e.id for e in found)
        return found

    monkeypatch.setattr(Store, "events", spy)
    return read


def with_text(pair: tuple[Article, Extraction], text: str) -> tuple[Article, Extraction]:
    """The report with another text (same id, mention and claim)."""
    article, extraction = pair
    return Article(id=article.id, text=text, title=None, published=article.published), extraction


def test_batch_incremental_does_not_read_events_no_group_could_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dorren's event (Northville, early March) is under the keys of a Northville report of the
    # same week, but their texts share no word: no score can reach the threshold, so the batch
    # neither reads it nor joins it, and founds its own event as the full-load path does.
    unrelated = with_text(
        report(8, "Evren Sallow", NORTHVILLE, date(2020, 3, 3), 2), "Gunmen opened fire at dawn."
    )
    pipeline = CannedPipeline({x.article_id: x for _, x in [*REPORTS, unrelated]})
    full, db = tmp_path / "full.db", tmp_path / "incremental.db"
    for path, incremental in ((full, False), (db, True)):
        with Store.open(path) as store:
            ingest_items(store, [a for a, _ in REPORTS[:2]], pipeline=pipeline, incremental=incremental)
    read = spy_reads(monkeypatch)
    with Store.open(db) as store:
        ingest_items(store, [unrelated[0]], pipeline=pipeline)
    assert read == []
    monkeypatch.undo()
    with Store.open(full) as store:
        ingest_items(store, [unrelated[0]], pipeline=pipeline, incremental=False)
    assert stored_events(db) == stored_events(full)
    assert len(stored_events(db)) == 2


def test_batch_incremental_a_copy_of_a_stored_article_is_found(tmp_path: Path) -> None:
    # Dedup compares the batch with the stored articles sharing an LSH band with it, whether or
    # not their events are read.
    original = REPORTS[2][0]
    copy = Article(id=record_id("copy", 1), text=original.text, published=date(2020, 9, 16))
    pipeline = CannedPipeline(
        {x.article_id: x for _, x in REPORTS} | {copy.id: Extraction(article_id=copy.id)}
    )
    db = tmp_path / "ledger.db"
    with Store.open(db) as store:
        ingest_items(store, [a for a, _ in REPORTS[:3]], pipeline=pipeline)
        ingest_items(store, [copy], pipeline=pipeline)
        stored = store.articles([copy.id])
    assert stored[0].duplicate_of == original.id


def test_batch_incremental_keys_an_event_loses_are_deleted(tmp_path: Path) -> None:
    with Store.open(tmp_path / "ledger.db") as store:
        store.add_articles([REPORTS[0][0]])
        event = Event(
            id="e1", event_type="Battles", sub_event_type="Armed clash", article_ids=(REPORTS[0][0].id,)
        )
        store.upsert_events([event], keys={"e1": [1, 2]})
        store.upsert_events([event], keys={"e1": [3]}, dropped={"e1": [1]})
        assert store.event_ids_keyed([1, 2, 3]) == {2: {"e1"}, 3: {"e1"}}
        store.upsert_events([], keys={}, dropped={"e1": [2, 3]}, deleted=["e1"])
        assert store.event_ids_keyed([1, 2, 3]) == {}
        assert store.events() == []


def test_batch_incremental_stores_terms_and_bands_of_new_articles(tmp_path: Path) -> None:
    from fogofwar.link.text import TermCounts, term_counts

    with Store.open(tmp_path / "ledger.db") as store:
        ingest_items(
            store, [a for a, _ in REPORTS[:3]], pipeline=CannedPipeline({x.article_id: x for _, x in REPORTS})
        )
        ids = [a.id for a, _ in REPORTS[:3]]
        stored = store.article_terms(ids)
        assert set(stored) == set(ids)
        for article, _ in REPORTS[:3]:
            counts = TermCounts.from_bytes(stored[article.id])
            expected = term_counts(article)
            assert np.array_equal(counts.hashes, expected.hashes)
            assert np.array_equal(counts.counts, expected.counts)
