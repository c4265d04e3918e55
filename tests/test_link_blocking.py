"""Blocking: candidate pairs only within blocks, each once; wildcards for unknown country or date."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.link.blocking import BlockIndex, block_pairs, event_keys, query_keys
from fogofwar.link.similarity import DateRange


def test_link_blocking_pairs_only_within_blocks_each_once():
    records = [
        ("ML|w1|violence", "a"),
        ("ML|w1|violence", "b"),
        ("ML|w1|violence", "c"),
        ("ML|w2|violence", "b"),  # b and c share two blocks: still one pair
        ("ML|w2|violence", "c"),
        ("US|w1|violence", "d"),
        ("US|w1|violence", "e"),
    ]
    pairs = list(block_pairs(records))
    assert pairs == [("a", "b"), ("a", "c"), ("b", "c"), ("d", "e")]


def test_link_blocking_pairs_empty_and_singletons():
    assert list(block_pairs([])) == []
    assert list(block_pairs([("k1", "a"), ("k2", "b")])) == []


def day(d: date) -> DateRange:
    return DateRange(d, d, 1)


def index_with(*events: tuple[str, str | None, DateRange | None, str]) -> BlockIndex:
    index = BlockIndex()
    for event_id, country, span, group in events:
        index.add(event_id, event_keys(country, span, group, max_weeks=12))
    return index


def ask(index: BlockIndex, country: str | None, span: DateRange | None, group: str = "violence") -> list[str]:
    return index.candidates(query_keys(country, span, group, window_days=7, max_weeks=12))


JULY_25 = day(date(2024, 7, 25))


@pytest.mark.parametrize(
    ("country", "span", "expected"),
    [
        ("ML", day(date(2024, 7, 26)), ["e1"]),  # same week
        ("ML", day(date(2024, 8, 1)), ["e1"]),  # next week, within the window
        ("ML", day(date(2024, 9, 1)), []),  # weeks away
        ("NE", day(date(2024, 7, 26)), []),  # another country
        (None, day(date(2024, 7, 26)), ["e1"]),  # no place: any country
        ("ML", None, ["e1"]),  # undated: any date
        ("ML", DateRange(date(2024, 7, 1), date(2024, 7, 31), 3), ["e1"]),  # July 2024
    ],
)
def test_link_blocking_query_finds_events_in_its_blocks(country, span, expected):
    index = index_with(("e1", "ML", JULY_25, "violence"))
    assert ask(index, country, span) == expected


def test_link_blocking_other_type_group_is_another_block():
    index = index_with(("e1", "ML", JULY_25, "violence"))
    assert ask(index, "ML", JULY_25, "demonstrations") == []


def test_link_blocking_events_without_country_or_date_are_found_by_everyone():
    index = index_with(("nowhere", None, JULY_25, "violence"), ("undated", "ML", None, "violence"))
    assert ask(index, "ML", day(date(2024, 7, 26))) == ["nowhere", "undated"]
    assert ask(index, "NE", day(date(2024, 7, 26))) == ["nowhere"]


def test_link_blocking_wide_event_is_found_by_dated_queries():
    year = DateRange(date(2024, 1, 1), date(2024, 12, 31), 4)
    index = index_with(("long", "ML", year, "violence"))
    assert ask(index, "ML", day(date(2024, 7, 26))) == ["long"]


def test_link_blocking_candidates_are_distinct_in_index_order():
    index = index_with(("e2", "ML", JULY_25, "violence"), ("e1", "ML", day(date(2024, 7, 27)), "violence"))
    index.add("e2", event_keys("ML", day(date(2024, 7, 26)), "violence", max_weeks=12))
    assert ask(index, "ML", JULY_25) == ["e2", "e1"]
