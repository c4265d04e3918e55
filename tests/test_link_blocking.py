"""Blocking: pairs only within blocks, each once; grid cells; wildcards for unknown place or date."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.link.blocking import (
    BlockIndex,
    block_pairs,
    event_keys,
    grid_cell,
    grid_cells_near,
    name_key,
    query_keys,
)
from fogofwar.link.similarity import DateRange, haversine_km
from fogofwar.model import Place


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


TINZAOUATEN = Place("Tinzaouaten", lat=19.96, lon=2.97, admin1="Kidal", country="ML")
KIDAL = Place("Kidal", lat=18.44, lon=1.41, admin1="Kidal", country="ML")
KIDAL_REGION = Place("Kidal", lat=19.5, lon=1.5, admin1="Kidal", country="ML", feature="admin1", precision=3)
MALI = Place("Mali", country="ML", feature="country", precision=4)
NIAMEY = Place("Niamey", lat=13.51, lon=2.11, country="NE")
UNLOCATED = Place("Tessalit", admin1="Kidal", country="ML")  # a town the gazetteer has no point for


def index_with(*events: tuple[str, Place | None, DateRange | None, str]) -> BlockIndex:
    index = BlockIndex()
    for event_id, place, span, group in events:
        index.add(event_id, event_keys(place, span, group, max_km=60.0, max_weeks=12))
    return index


def ask(index: BlockIndex, place: Place | None, span: DateRange | None, group: str = "violence") -> list[str]:
    return index.candidates(query_keys(place, span, group, max_km=60.0, window_days=7, max_weeks=12))


JULY_25 = day(date(2024, 7, 25))
JULY_26 = day(date(2024, 7, 26))


@pytest.mark.parametrize(
    ("place", "span", "expected"),
    [
        (TINZAOUATEN, JULY_26, ["e1"]),  # same place, same week
        (TINZAOUATEN, day(date(2024, 8, 1)), ["e1"]),  # next week, within the window
        (TINZAOUATEN, day(date(2024, 9, 1)), []),  # weeks away
        (KIDAL, JULY_26, []),  # 230 km away
        (NIAMEY, JULY_26, []),  # another country
        (KIDAL_REGION, JULY_26, ["e1"]),  # the region it lies in
        (MALI, JULY_26, ["e1"]),  # the country
        (UNLOCATED, JULY_26, ["e1"]),  # a town with no point could be anywhere in its country
        (None, JULY_26, ["e1"]),  # no place: anywhere
        (TINZAOUATEN, None, ["e1"]),  # undated: any date
        (TINZAOUATEN, DateRange(date(2024, 7, 1), date(2024, 7, 31), 3), ["e1"]),  # July 2024
    ],
)
def test_link_blocking_query_finds_events_in_its_blocks(place, span, expected):
    index = index_with(("e1", TINZAOUATEN, JULY_25, "violence"))
    assert ask(index, place, span) == expected


@pytest.mark.parametrize("event_place", [KIDAL_REGION, MALI, UNLOCATED, None])
def test_link_blocking_coarse_or_unlocated_events_are_found_by_towns_of_their_country(event_place):
    index = index_with(("coarse", event_place, JULY_25, "violence"))
    assert ask(index, TINZAOUATEN, JULY_26) == ["coarse"]
    expected = [] if event_place is not None else ["coarse"]
    assert ask(index, NIAMEY, JULY_26) == expected


def test_link_blocking_other_type_group_is_another_block():
    index = index_with(("e1", TINZAOUATEN, JULY_25, "violence"))
    assert ask(index, TINZAOUATEN, JULY_25, "demonstrations") == []


def test_link_blocking_undated_event_is_found_by_dated_queries():
    index = index_with(("undated", TINZAOUATEN, None, "violence"))
    assert ask(index, TINZAOUATEN, JULY_26) == ["undated"]


def test_link_blocking_wide_event_is_found_by_dated_queries():
    year = DateRange(date(2024, 1, 1), date(2024, 12, 31), 4)
    index = index_with(("long", TINZAOUATEN, year, "violence"))
    assert ask(index, TINZAOUATEN, JULY_26) == ["long"]


def test_link_blocking_candidates_are_distinct_in_index_order():
    index = index_with(("e2", TINZAOUATEN, JULY_25, "violence"), ("e1", TINZAOUATEN, JULY_26, "violence"))
    index.add("e2", event_keys(TINZAOUATEN, JULY_26, "violence", max_km=60.0, max_weeks=12))
    assert ask(index, TINZAOUATEN, JULY_25) == ["e2", "e1"]


@settings(max_examples=300, deadline=None)
@given(
    lat=st.floats(-80, 80),
    lon=st.floats(-170, 170),
    bearing=st.floats(0, 360),
    km=st.floats(0, 59.9),
    max_km=st.sampled_from([10.0, 60.0, 200.0]),
)
def test_link_blocking_grid_finds_every_point_within_max_km(lat, lon, bearing, km, max_km):
    km = km * max_km / 60.0
    # destination point at ``km`` along ``bearing`` (spherical earth)
    d = km / 6371.0088
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    other = (math.degrees(p2), math.degrees(l2))
    assert haversine_km(lat, lon, *other) <= max_km
    assert grid_cell(*other, max_km=max_km) in grid_cells_near(lat, lon, max_km=max_km)


def test_link_blocking_name_keys_meet_a_namesake_far_away() -> None:
    # The same town name read as two places 1,000 km apart: the cells never meet, the name does.
    springfield_il = Place("Springfield", lat=39.80, lon=-89.64, admin1="Illinois", country="US")
    springfield_mo = Place("Springfield", lat=37.21, lon=-93.29, admin1="Missouri", country="US")
    index = BlockIndex()
    index.add(
        "e1",
        event_keys(springfield_il, JULY_25, "violence", max_km=60.0, max_weeks=12, names=["Springfield"]),
    )
    query = query_keys(springfield_mo, JULY_26, "violence", max_km=60.0, window_days=7, max_weeks=12)
    assert index.candidates(query) == []
    named = query_keys(
        springfield_mo, JULY_26, "violence", max_km=60.0, window_days=7, max_weeks=12, names=["SPRINGFIELD "]
    )
    assert index.candidates(named) == ["e1"]
    assert name_key("  Saint  Louis ") == "N:saint louis"


def test_link_blocking_name_keys_keep_weeks_and_types() -> None:
    index = BlockIndex()
    index.add("e1", event_keys(KIDAL, JULY_25, "violence", max_km=60.0, max_weeks=12, names=["Kidal"]))
    far_in_time = query_keys(
        NIAMEY, day(date(2024, 9, 1)), "violence", max_km=60.0, window_days=7, max_weeks=12, names=["Kidal"]
    )
    other_type = query_keys(
        NIAMEY, JULY_26, "demonstrations", max_km=60.0, window_days=7, max_weeks=12, names=["Kidal"]
    )
    assert index.candidates(far_in_time) == [] and index.candidates(other_type) == []


def test_link_blocking_a_wide_dated_query_asks_for_its_weeks_not_for_every_event():
    # A mention dated to a year ("in 2017") is compared with the events within the link window
    # of that year only: its query lists the year's weeks (plus the wide and undated events).
    year = DateRange(date(2017, 1, 1), date(2017, 12, 31), 4)
    index = index_with(
        ("before", KIDAL, day(date(2016, 6, 1)), "violence"),
        ("within", KIDAL, day(date(2017, 6, 1)), "violence"),
        ("edge", KIDAL, day(date(2016, 12, 27)), "violence"),  # within the 7-day window
        ("undated", KIDAL, None, "violence"),
        ("wide", KIDAL, DateRange(date(2010, 1, 1), date(2020, 12, 31), 4), "violence"),
    )
    query = query_keys(KIDAL, year, "violence", max_km=60.0, window_days=7, max_weeks=12)
    assert all(key[1] != "ANY" for key in query)
    assert sorted(index.candidates(query)) == ["edge", "undated", "wide", "within"]


# A county whose point (the middle of its towns) lies 130 km from a town in it: beyond the link
# distance (60 km), within the reach of a second-level division (3 x 60 km).
COUNTY = Place(
    "Kidal Cercle", lat=18.44, lon=2.6, admin1="Kidal", country="ML", feature="admin2", precision=2
)


def test_link_blocking_a_county_and_a_town_within_its_reach_share_a_block():
    assert 100 < haversine_km(COUNTY.lat, COUNTY.lon, KIDAL.lat, KIDAL.lon) < 180  # type: ignore[arg-type]
    town = Place("Kidal", lat=KIDAL.lat, lon=KIDAL.lon - 1.2, admin1="Kidal", country="ML")  # 250 km
    assert ask(index_with(("county", COUNTY, JULY_25, "violence")), KIDAL, JULY_26) == ["county"]
    assert ask(index_with(("town", KIDAL, JULY_25, "violence")), COUNTY, JULY_26) == ["town"]
    assert ask(index_with(("far", town, JULY_25, "violence")), COUNTY, JULY_26) == []
    # Two towns as far apart are never compared.
    other = Place("Anefis", lat=COUNTY.lat, lon=COUNTY.lon, admin1="Kidal", country="ML")
    assert ask(index_with(("town", KIDAL, JULY_25, "violence")), other, JULY_26) == []
