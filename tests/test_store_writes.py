"""Store writes: duplicates, one transaction per batch, replacement semantics, lookups, WAL."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator

import pytest
from test_store_records import load_records

from fogofwar.errors import NotFound
from fogofwar.model import Article, Extraction, article_id
from fogofwar.store import Store


def make_article(text: str, **fields: object) -> Article:
    return Article(id=article_id(text), text=text, **fields)  # type: ignore[arg-type]


def test_store_writes_wal_mode_on_for_files(store: Store) -> None:
    assert store.journal_mode() == "wal"


def test_store_writes_memory_database_works() -> None:
    with Store.open(":memory:") as store:
        assert store.add_articles([make_article("one report")]).added
        assert len(store.articles()) == 1


def test_store_writes_foreign_keys_on(store: Store) -> None:
    orphan = Extraction(article_id="0000000000000000")
    with pytest.raises(NotFound, match=r"\[E025\]"):
        store.save_extractions([orphan])


def test_store_writes_duplicates_within_batch_stored_once(store: Store) -> None:
    first, second = make_article("Shelling hit the port."), make_article("Rockets hit the airport.")
    # Same normalised text -> same id: a syndicated copy differing only in case and spacing.
    copy = make_article("shelling  hit the PORT.", source="another outlet")
    assert copy.id == first.id
    result = store.add_articles([first, second, copy])
    assert result.added == [first, second]
    assert result.already == [copy]
    assert store.articles() == [first, second]


def test_store_writes_duplicates_across_runs_stored_once(store: Store) -> None:
    first, second = make_article("Report one."), make_article("Report two.")
    store.add_articles([first])
    result = store.add_articles([first, second])
    assert result.added == [second]
    assert result.already == [first]
    assert store.counts()["articles"] == 2


def test_store_writes_failed_article_batch_leaves_nothing(store: Store) -> None:
    def articles_then_failure() -> Iterator[Article]:
        yield make_article("First of the batch.")
        yield make_article("Second of the batch.")
        raise RuntimeError("reader broke mid-batch")

    with pytest.raises(RuntimeError):
        store.add_articles(articles_then_failure())
    assert store.articles() == []
    assert store.search("batch") == []


def test_store_writes_failed_extraction_batch_leaves_nothing(store: Store) -> None:
    stored_articles, extractions, _ = load_records()
    store.add_articles(stored_articles)
    orphan = Extraction(article_id="ffffffffffffffff")
    with pytest.raises(NotFound):
        store.save_extractions([extractions[0], orphan])
    assert store.mentions() == []
    assert store.claims() == []
    assert store.extractions() == []


def test_store_writes_failed_event_batch_leaves_previous_events(store: Store) -> None:
    stored_articles, _, events = load_records()
    store.add_articles(stored_articles)
    store.replace_events(events)
    bad = dataclasses.replace(events[0], id="badevent", article_ids=("not-a-stored-article",))
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_events([bad])
    assert store.events() == events


def test_store_writes_save_extractions_replaces_previous(store: Store) -> None:
    stored_articles, extractions, _ = load_records()
    store.add_articles(stored_articles)
    store.save_extractions(extractions)
    emptied = Extraction(article_id=extractions[0].article_id)
    store.save_extractions([emptied])
    assert store.mentions(extractions[0].article_id) == []
    assert store.claims(extractions[0].article_id) == []
    assert store.extractions() == [emptied, extractions[1]]
    assert store.claims(extractions[1].article_id) == list(extractions[1].claims)


def test_store_writes_unextracted_articles_have_no_extraction(store: Store) -> None:
    stored_articles, extractions, _ = load_records()
    store.add_articles(stored_articles)
    store.save_extractions(extractions[:1])
    ids = [a.id for a in stored_articles]
    assert store.stored_ids([*ids, "unknown"]) == set(ids)
    assert store.stored_ids(ids, extracted=True) == {ids[0]}
    assert store.stored_ids(ids, extracted=False) == {ids[1]}
    assert store.extractions([ids[1]]) == []


def test_store_writes_replace_events_upserts_and_deletes(store: Store) -> None:
    stored_articles, _, events = load_records()
    store.add_articles(stored_articles)
    event = events[0]
    other = dataclasses.replace(event, id="otherevent", article_ids=(stored_articles[0].id,), mention_ids=())
    store.replace_events([event, other])
    assert {e.id for e in store.events()} == {event.id, "otherevent"}
    changed = dataclasses.replace(event, sources=5, article_ids=(stored_articles[1].id,))
    store.replace_events([changed])
    assert store.events() == [changed]
    assert store.event("otherevent") is None
    assert store.event_ids_for_article(stored_articles[0].id) == []
    assert store.event_ids_for_article(stored_articles[1].id) == [event.id]
    store.replace_events([])
    assert store.events() == []


def test_store_writes_events_ordered_by_start_undated_last(store: Store) -> None:
    stored_articles, _, events = load_records()
    store.add_articles(stored_articles)
    undated = dataclasses.replace(events[0], id="aaaa", start=None, end=None)
    later = dataclasses.replace(events[0], id="bbbb", start=events[0].start.replace(year=2025))
    store.replace_events([undated, later, events[0]])
    assert [e.id for e in store.events()] == [events[0].id, "bbbb", "aaaa"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("exact", "9469d32ea486f7b0"), ("prefix", "9469d3"), ("unknown", "123456"), ("empty", "")],
)
def test_store_writes_article_lookup_by_id_or_prefix(store: Store, query: str, expected: str) -> None:
    stored_articles, _, _ = load_records()
    store.add_articles(stored_articles)
    found = store.article(expected)
    if query in ("exact", "prefix"):
        assert found == stored_articles[0]
    else:
        assert found is None


def test_store_writes_ambiguous_prefix_raises(store: Store) -> None:
    texts = [f"report number {n}" for n in range(40)]
    store.add_articles([make_article(t) for t in texts])
    shared = {}
    for a in store.articles():
        shared.setdefault(a.id[0], []).append(a.id)
    prefix = next(k for k, v in shared.items() if len(v) > 1)
    with pytest.raises(NotFound, match=r"\[E023\]"):
        store.article(prefix)


def test_store_writes_prefix_is_literal_not_a_pattern(store: Store) -> None:
    store.add_articles([make_article("a report")])
    assert store.article("%") is None
    assert store.article("_") is None


def test_store_writes_search_finds_title_and_text(store: Store) -> None:
    stored_articles, _, _ = load_records()
    store.add_articles(stored_articles)
    assert store.search("market shells") == [stored_articles[1]]
    assert store.search("Clashes") == [stored_articles[0]]
    # FTS5 operators and quotes in the query are plain words, never syntax errors.
    assert len(store.search("army AND Omdurman")) == 2
    assert store.search('NEAR( "unbalanced') == []
    assert store.search("   ") == []


def test_store_writes_counts(store: Store) -> None:
    stored_articles, extractions, events = load_records()
    store.add_articles(stored_articles)
    store.save_extractions(extractions)
    store.replace_events(events)
    assert store.counts() == {"articles": 2, "mentions": 2, "claims": 3, "events": 1, "rejections": 0}
