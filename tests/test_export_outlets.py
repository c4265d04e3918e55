"""ACLED's source_scale of an event (a syndicated copy counts as its original). One outlet under one
name, and the count, are tests/test_outlets.py."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.export.outlets import article_scales, source_scale
from fogofwar.model import Article, Event, Place
from fogofwar.outlets import event_outlets


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
