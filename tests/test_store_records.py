"""Every record type round-trips exactly through the store (to_dict() in, from_dict() out)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.model import Article, Event, Extraction, Rejection, article_id
from fogofwar.store import Store
from fogofwar.store.rows import ARTICLE_COLUMNS

RECORDS = Path(__file__).parent / "fixtures" / "cli" / "records.json"


def load_records() -> tuple[list[Article], list[Extraction], list[Event]]:
    """The invented articles, extractions and event of tests/fixtures/cli/records.json."""
    data = json.loads(RECORDS.read_text(encoding="utf-8"))
    return (
        [Article.from_dict(d) for d in data["articles"]],
        [Extraction.from_dict(d) for d in data["extractions"]],
        [Event.from_dict(d) for d in data["events"]],
    )


def test_store_records_article_columns_match_the_model() -> None:
    # A new Article field needs a migration adding its column; this test says so.
    assert set(ARTICLE_COLUMNS) == {f.name for f in dataclasses.fields(Article)}


_optional_text = st.none() | st.text(max_size=40)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(st.text(min_size=1, max_size=300))
    return Article(
        id=article_id(text),
        text=text,
        title=draw(_optional_text),
        source=draw(_optional_text),
        agency=draw(_optional_text),
        url=draw(_optional_text),
        published=draw(st.none() | st.dates()),
        dateline_place=draw(_optional_text),
        dateline_date=draw(st.none() | st.dates()),
        language=draw(st.sampled_from(["en", "fr", "ar"])),
        origin=draw(_optional_text),
        duplicate_of=draw(st.none() | st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)),
        dateline_start=draw(st.none() | st.integers(0, 300)),
        dateline_end=draw(st.none() | st.integers(0, 300)),
    )


@settings(max_examples=60, deadline=None)
@given(article=articles())
def test_store_records_article_round_trip(article: Article) -> None:
    with Store.open(":memory:") as store:
        assert store.add_articles([article]).added == [article]
        assert store.articles() == [article]
        assert store.article(article.id) == article


def test_store_records_extraction_round_trip(store: Store) -> None:
    stored_articles, extractions, _ = load_records()
    store.add_articles(stored_articles)
    store.save_extractions(extractions)
    assert store.extractions() == extractions
    assert store.extractions([extractions[1].article_id]) == [extractions[1]]
    for extraction in extractions:
        assert store.mentions(extraction.article_id) == list(extraction.mentions)
        assert store.claims(extraction.article_id) == list(extraction.claims)
    assert store.mentions() == [m for x in extractions for m in x.mentions]
    assert store.claims() == [c for x in extractions for c in x.claims]


def test_store_records_event_round_trip(store: Store) -> None:
    stored_articles, extractions, events = load_records()
    store.add_articles(stored_articles)
    store.save_extractions(extractions)
    store.replace_events(events)
    assert store.events() == events
    assert store.event(events[0].id) == events[0]
    assert store.event_ids_for_article(stored_articles[1].id) == [events[0].id]


def test_store_records_rejection_round_trip(store: Store) -> None:
    rejections = [
        Rejection(input="a.txt", reason="[E003] empty file: a.txt", code="E003"),
        Rejection(input="b.bin", reason="[E004] binary file, not text: b.bin", code="E004"),
    ]
    assert store.log_rejections(rejections) == 2
    assert store.rejections() == rejections


def test_store_records_fixture_evidence_slices_back_to_quote() -> None:
    stored_articles, extractions, _ = load_records()
    texts = {a.id: a.text for a in stored_articles}
    for claim in (c for x in extractions for c in x.claims):
        assert texts[claim.article_id][claim.evidence.start : claim.evidence.end] == claim.evidence.text
