"""Tests for fogofwar.api.queries: the event filters the API, the web page and the export share,
and an event's killed range. No app and no database: the models and functions alone."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from fogofwar.api.queries import EventFilters, SortName, killed_range
from fogofwar.model import Event, Reconciled
from fogofwar.store.queries import DEFAULT_SORT, SORTS, EventQuery


@pytest.mark.parametrize(
    ("given", "code"), [("ML", "ML"), ("mli", "ML"), ("Mali", "ML"), ("Afghanistan", "AF")]
)
def test_api_queries_country_by_code_or_name(given: str, code: str) -> None:
    assert EventFilters(country=given).country == code


@pytest.mark.parametrize("blank", ["", "   "])
def test_api_queries_blank_country_is_no_filter(blank: str) -> None:
    filters = EventFilters(country=blank)
    assert filters.country is None and filters.is_empty()


def test_api_queries_unknown_country_is_refused_with_the_catalogue_message() -> None:
    with pytest.raises(ValidationError, match=r"E027.*Atlantis"):
        EventFilters(country="Atlantis")


@pytest.mark.parametrize(
    "fields",
    [
        {"actor": "Wagner\x00"},  # NUL and the other control characters
        {"admin1": "Kidal\nDROP"},
        {"event_type": "x" * 201},  # longer than a filter may be
        {"min_killed": -1},
        {"min_killed": 2**62 + 1},
        {"since": "yesterday"},
    ],
)
def test_api_queries_bad_filters_are_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        EventFilters(**fields)  # type: ignore[arg-type]


def test_api_queries_unknown_fields_are_ignored_and_nothing_is_empty() -> None:
    filters = EventFilters(page=3, limit=50)  # type: ignore[call-arg]  # paging is not a filter
    assert filters.is_empty()
    assert not EventFilters(min_killed=0).is_empty()  # 0 is a filter (events with a killed figure)


def test_api_queries_to_query_carries_every_filter_and_the_sort() -> None:
    filters = EventFilters(
        country="Mali",
        admin1="Kidal",
        since=date(2024, 7, 1),
        until="2024-07-31",  # type: ignore[arg-type]  # as a query string gives it
        event_type="Battles",
        actor="Wagner",
        min_killed=10,
    )
    assert filters.to_query(sort="-killed") == EventQuery(
        country="ML",
        admin1="Kidal",
        since=date(2024, 7, 1),
        until=date(2024, 7, 31),
        event_type="Battles",
        actor="Wagner",
        min_killed=10,
        sort="-killed",
    )
    assert EventFilters().to_query() == EventQuery(sort=DEFAULT_SORT)


def test_api_queries_sort_names_are_the_stores() -> None:
    assert set(SortName.__args__) == set(SORTS)  # type: ignore[attr-defined]


def _row(victims: str, outcome: str, low: int | None, best: int | None, high: int | None) -> Reconciled:
    return Reconciled(victims=victims, outcome=outcome, low=low, best=best, high=high)


def test_api_queries_killed_range() -> None:
    one_group = Event(
        id="e1",
        event_type="Battles",
        sub_event_type="Armed clash",
        reconciled=(
            _row("Malian Armed Forces", "killed", 10, 12, 15),
            _row("Malian Armed Forces", "injured", 30, 30, 40),
        ),
    )
    assert killed_range(one_group) == (10, 15)
    two_groups = Event(
        id="e2",
        event_type="Battles",
        sub_event_type="Armed clash",
        reconciled=(
            _row("Malian Armed Forces", "killed", 10, 12, 15),
            _row("civilians", "killed", 2, 3, 4),
        ),
    )
    assert killed_range(two_groups) == (12, 19)  # distinct groups add up
    no_deaths = Event(
        id="e3",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        reconciled=(_row("civilians", "injured", 1, 1, 1),),
    )
    assert killed_range(no_deaths) == (None, None)
