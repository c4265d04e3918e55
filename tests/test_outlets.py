"""One outlet under one name (fogofwar.outlets): an article's names, its one outlet, and how many
outlets a set of articles counts, the same for linking (link.build.count_sources, Event.sources)
and the exports (source_count)."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.link.build import count_sources
from fogofwar.model import Article, Event
from fogofwar.outlets import (
    count_outlets,
    event_outlets,
    fold_abbreviations,
    outlet_keys,
    outlet_names,
    primary_outlet,
    source_count,
)


def article(id: str, **fields: object) -> Article:
    return Article(id=id, text=f"text of {id}", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # One outlet, one name: the dateline's abbreviation is the initials of the site's name.
        ({"agency": "WAL", "source": "West Africa Ledger"}, ["West Africa Ledger"]),
        # The table folds aliases and abbreviations.
        ({"agency": "Agence France-Presse", "source": "AFP"}, ["AFP"]),
        ({"source": "The Associated Press"}, ["Associated Press"]),
        ({"agency": "Reuters", "source": "Sahel Wire"}, ["Reuters", "Sahel Wire"]),
        # No name given: the host, mapped to the outlet the table knows, else the host itself.
        ({"url": "https://www.reuters.com/world/x"}, ["Reuters"]),
        ({"url": "https://news.un.org/en/story/1"}, ["UN News"]),
        ({"source": "www.aljazeera.com", "url": "https://www.aljazeera.com/x"}, ["Al Jazeera"]),
        ({"url": "https://sahelwire.ml/a"}, ["sahelwire.ml"]),
        ({"agency": "Northline", "url": "https://www.bbc.co.uk/news/x"}, ["Northline", "BBC News"]),
        # No name, no URL: the file, marked as one (never as an outlet's name).
        ({"origin": "seeds/000_02c820628ea3d6ec.txt"}, ["file: 000_02c820628ea3d6ec.txt"]),
        ({"origin": "batch.jsonl:3"}, ["file: batch.jsonl:3"]),
        ({"origin": "<stdin>"}, []),
        ({"origin": "https://feeds.example/rss#2"}, []),
    ],
)
def test_outlets_one_name_per_outlet(fields: dict[str, object], expected: list[str]) -> None:
    assert outlet_names(article("a", **fields)) == expected


def test_outlets_event_lists_and_counts_each_outlet_once() -> None:
    articles = {
        "a1": article("a1", agency="WAL", origin="barsalogho_rewrite.txt", published=date(2024, 8, 26)),
        "a2": article("a2", source="West Africa Ledger", agency="WAL", published=date(2024, 8, 27)),
        "a3": article("a3", source="Agence France-Presse", published=date(2024, 8, 28)),
        "a4": article("a4", agency="AFP", origin="afp_wire.txt", published=date(2024, 8, 29)),
    }
    event = Event(
        id="e", event_type="Battles", sub_event_type="Armed clash", article_ids=tuple(articles), sources=4
    )
    assert event_outlets(event, articles) == ["West Africa Ledger", "AFP"]
    assert source_count(event, articles) == 2


def test_outlets_count_without_all_articles_is_the_linked_count() -> None:
    event = Event(
        id="e", event_type="Battles", sub_event_type="Armed clash", article_ids=("a", "b"), sources=2
    )
    assert source_count(event, {"a": article("a", source="Reuters")}) == 2


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["WAL", "West Africa Ledger"], ["West Africa Ledger"]),
        (["West Africa Ledger", "wal"], ["West Africa Ledger", "wal"]),  # only capitals abbreviate
        (["AP", "Associated Press", "associated press"], ["Associated Press"]),
        (["BBC", "Sahel Wire"], ["BBC", "Sahel Wire"]),
    ],
)
def test_outlets_fold_abbreviations(names: list[str], expected: list[str]) -> None:
    assert fold_abbreviations(names) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"source": "Agence France-Presse", "agency": "Reuters"}, "AFP"),
        ({"agency": "AFP", "url": "https://www.reuters.com/x"}, "Reuters"),
        ({"agency": "Agence France-Presse"}, "AFP"),
        ({"url": "https://sahelwire.ml/a", "origin": "a.txt"}, "sahelwire.ml"),
        ({"origin": "seeds/a.txt"}, "file: a.txt"),
        ({}, "a"),
    ],
)
def test_outlets_primary_outlet(fields: dict[str, object], expected: str) -> None:
    assert primary_outlet(article("a", **fields)) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # An abbreviation counts as the name it abbreviates, given by another article.
        ([{"source": "WAL"}, {"source": "West Africa Ledger"}], 1),
        ([{"agency": "WAL", "origin": "x.txt"}, {"source": "West Africa Ledger", "agency": "WAL"}], 1),
        # ... or by the same article (its agency beside its outlet's name).
        ([{"source": "WAL", "agency": "West Africa Ledger"}, {"source": "West Africa Ledger"}], 1),
        # The outlet table folds aliases.
        ([{"source": "Agence France-Presse"}, {"agency": "AFP"}, {"url": "https://www.afp.com/x"}], 1),
        ([{"source": "AFP"}, {"source": "Reuters"}, {"source": "West Africa Ledger"}], 3),
        # Without a name, each article is its own.
        ([{}, {}], 2),
    ],
)
def test_outlets_count_folds_one_outlet(names: list[dict[str, object]], expected: int) -> None:
    articles = [article(f"a{k}", **fields) for k, fields in enumerate(names)]
    by_id = {a.id: a for a in articles}
    event = Event(id="e", event_type="Battles", sub_event_type="Armed clash", article_ids=tuple(by_id))
    assert count_outlets(articles) == expected
    assert count_sources(event.article_ids, by_id, {}) == expected  # linking: Event.sources
    assert source_count(event, by_id) == expected  # the exports


def test_outlets_copy_counts_as_its_original_in_linking_and_exports() -> None:
    original = article("a1", source="West Africa Ledger", published=date(2024, 8, 27))
    copy = article("a2", source="Harbour Courier", duplicate_of="a1", published=date(2024, 8, 28))
    short = article("a3", source="WAL", published=date(2024, 8, 29))
    by_id = {a.id: a for a in (original, copy, short)}
    event = Event(id="e", event_type="Battles", sub_event_type="Armed clash", article_ids=("a2", "a1", "a3"))
    assert count_sources(event.article_ids, by_id, {"a2": "a1"}) == 1
    assert source_count(event, by_id) == 1
    # An id not at hand counts once: linking cannot name its outlet.
    assert count_sources(("a1", "a3", "gone"), by_id, {}) == 2


def test_outlets_keys_fold_abbreviations_across_articles() -> None:
    articles = [
        article("a", source="WAL"),
        article("b", source="West Africa Ledger"),
        article("c", source="SWD"),
    ]
    assert outlet_keys(articles) == {"a": "west africa ledger", "b": "west africa ledger", "c": "swd"}


def test_outlets_sources_page_lists_one_outlet_under_one_name(tmp_path) -> None:
    from fogofwar.store import Store
    from fogofwar.store.sources import NO_OUTLET, outlets

    stored = [
        article("a1", source="Agence France-Presse", published=date(2024, 7, 27)),
        article("a2", source="AFP", published=date(2024, 7, 29)),
        article("a3", agency="WAL", published=date(2024, 7, 28)),
        article("a4", source="West Africa Ledger", published=date(2024, 7, 30)),
        article("a5", origin="/data/inbox/tinza.txt"),
        article("a6"),
    ]
    with Store.open(tmp_path / "s.db") as store:
        store.add_articles(stored)
        listed = {o.name: o for o in outlets(store, per=1)}
    assert set(listed) == {"AFP", "West Africa Ledger", "file: tinza.txt", NO_OUTLET}
    assert (listed["AFP"].articles, listed["AFP"].first, listed["AFP"].last) == (
        2,
        date(2024, 7, 27),
        date(2024, 7, 29),
    )
    assert [a.id for a in listed["AFP"].shown] == ["a2"]  # the latest first, ``per`` of them
    assert listed["West Africa Ledger"].articles == 2
