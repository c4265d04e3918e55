"""Outlets of an event (a syndicated copy counts as its original) and ACLED's source_scale."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.export.outlets import (
    article_scales,
    event_outlets,
    fold_abbreviations,
    outlet_names,
    source_count,
    source_scale,
)
from fogofwar.model import Article, Event, Place


def article(id: str, **fields: object) -> Article:
    return Article(id=id, text=f"text of {id}", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "country", "expected"),
    [
        ({"source": "Reuters"}, "ML", {"International"}),
        ({"source": "Sahel Wire", "url": "https://sahelwire.ml/a"}, "ML", {"National"}),
        (
            {"source": "Sahel Wire", "agency": "AFP", "url": "https://sahelwire.ml/a"},
            "ML",
            {"National", "International"},
        ),
        ({"source": "Sahel Wire", "url": "https://sahelwire.ml/a"}, "BF", set()),
        ({"source": "Daily Post", "url": "https://www.dailypost.co.uk/x"}, "GB", {"National"}),
        ({"url": "https://www.aljazeera.com/news/x"}, "SD", {"International"}),
        ({"source": "Wagner Telegram channel"}, "ML", {"New media"}),
        ({"url": "https://t.me/somechannel/12"}, "UA", {"New media"}),
        ({"source": "Some blog"}, "US", {"New media"}),
        ({"source": "Box", "url": "https://box.com/x"}, "US", set()),
        ({"source": "Unknown Gazette"}, "ML", set()),
    ],
)
def test_export_outlets_article_scales(fields: dict[str, object], country: str, expected: set[str]) -> None:
    assert article_scales(article("a", **fields), country) == expected


def test_export_outlets_copy_counts_as_original() -> None:
    original = article("a1", source="Northline", agency="Reuters", published=date(2024, 1, 2))
    copy = article("a2", source="Harbour Courier", published=date(2024, 1, 1), duplicate_of="a1")
    other = article("a3", source="Nile Observer", url="https://nile.sd/x", published=date(2024, 1, 3))
    event = Event(
        id="e",
        event_type="Battles",
        sub_event_type="Armed clash",
        place=Place("x", country="SD"),
        article_ids=("a2", "a1", "a3"),
    )
    by_id = {a.id: a for a in (original, copy, other)}
    assert event_outlets(event, by_id) == ["Reuters", "Northline", "Nile Observer"]
    assert source_scale(event, by_id) == "National-International"


def test_export_outlets_unclassified_is_other() -> None:
    event = Event(id="e", event_type="Battles", sub_event_type="Armed clash", article_ids=("a",))
    assert source_scale(event, {"a": article("a", source="Unknown Gazette")}) == "Other"
    assert source_scale(event, {}) == "Other"


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
def test_export_outlets_one_name_per_outlet(fields: dict[str, object], expected: list[str]) -> None:
    assert outlet_names(article("a", **fields)) == expected


def test_export_outlets_event_lists_and_counts_each_outlet_once() -> None:
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


def test_export_outlets_count_without_all_articles_is_the_linked_count() -> None:
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
def test_export_outlets_fold_abbreviations(names: list[str], expected: list[str]) -> None:
    assert fold_abbreviations(names) == expected
