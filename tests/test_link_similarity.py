"""Pairwise similarities: date ranges and windows, places and the admin hierarchy, types, actors."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.link.similarity import (
    DateRange,
    Dates,
    actor_names,
    actor_similarity,
    date_range,
    date_similarity,
    haversine_km,
    narrow,
    place_similarity,
    type_similarity,
)
from fogofwar.model import Actor, ActorRole, Place

TINZAOUATEN = Place("Tinzaouaten", lat=19.96, lon=2.97, admin1="Kidal", country="ML")
KIDAL = Place("Kidal", lat=18.44, lon=1.41, admin1="Kidal", country="ML")
KIDAL_REGION = Place("Kidal", admin1="Kidal", country="ML", feature="admin1", precision=3)
GAO_REGION = Place("Gao", admin1="Gao", country="ML", feature="admin1", precision=3)
MALI = Place("Mali", country="ML", feature="country", precision=4)
NIAMEY = Place("Niamey", lat=13.51, lon=2.11, country="NE")
NEAR_TINZAOUATEN = Place("Tin Essako", lat=20.2, lon=2.9, admin1="Kidal", country="ML")


def day(y: int, m: int, d: int) -> DateRange:
    return DateRange(date(y, m, d), date(y, m, d), 1)


def test_link_similarity_date_range_reads_unstated_day_as_week_up_to_it():
    assert date_range(date(2024, 7, 27), date(2024, 7, 27), 2) == DateRange(
        date(2024, 7, 21), date(2024, 7, 27), 2
    )
    assert date_range(date(2024, 7, 25), date(2024, 7, 26), 2) == DateRange(
        date(2024, 7, 25), date(2024, 7, 26), 2
    )
    assert date_range(None, None, 4) is None


def test_link_similarity_month_precision_widens_to_the_month():
    late_july = DateRange(date(2024, 7, 20), date(2024, 7, 31), 3)
    assert late_july.widened == DateRange(date(2024, 7, 1), date(2024, 7, 31), 3)
    assert date_similarity(late_july, day(2024, 7, 3), window_days=7) == 0.5  # vague but compatible
    assert date_similarity(late_july, day(2024, 9, 3), window_days=7) is None


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (day(2024, 7, 26), 1.0),
        (day(2024, 7, 27), 1 - 1 / 8),
        (day(2024, 8, 2), 1 - 7 / 8),
        (day(2024, 8, 3), None),  # 8 days apart: beyond the 7-day window
        (None, 0.5),
    ],
)
def test_link_similarity_date_window(other, expected):
    value = date_similarity(day(2024, 7, 26), other, window_days=7)
    if expected is None:
        assert value is None
    else:
        assert value == pytest.approx(expected)


def test_link_similarity_narrow_intersects_precise_ranges_and_falls_back_to_hull():
    battle = DateRange(date(2024, 7, 25), date(2024, 7, 26), 2)
    unstated = date_range(date(2024, 7, 27), None, 2)
    assert narrow(battle, unstated) == battle
    assert narrow(battle, day(2024, 7, 26)) == day(2024, 7, 26)
    assert narrow(day(2024, 7, 24), day(2024, 7, 26)) == DateRange(date(2024, 7, 24), date(2024, 7, 26), 2)
    month = DateRange(date(2024, 7, 1), date(2024, 7, 31), 3)
    assert narrow(battle, month) == battle and narrow(month, battle) == battle
    assert narrow(None, battle) == battle and narrow(battle, None) == battle


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (TINZAOUATEN, TINZAOUATEN, 1.0),
        (TINZAOUATEN, NEAR_TINZAOUATEN, "near"),
        (TINZAOUATEN, KIDAL, None),  # about 230 km
        (TINZAOUATEN, NIAMEY, None),  # another country
        (TINZAOUATEN, KIDAL_REGION, 0.6),  # the town is in the region
        (TINZAOUATEN, GAO_REGION, None),  # another region
        (TINZAOUATEN, MALI, 0.3),
        (TINZAOUATEN, None, 0.3),
    ],
)
def test_link_similarity_place(a, b, expected):
    value = place_similarity(a, b, max_km=60.0)
    if expected == "near":
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        assert km < 60 and value == pytest.approx(1 - 0.5 * km / 60)
    else:
        assert value == expected
    assert place_similarity(b, a, max_km=60.0) == value  # symmetric


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("Battles", "Armed clash"), ("Battles", "Armed clash"), 1.0),
        (("Battles", "Armed clash"), ("Battles", "Government regains territory"), 0.6),
        (("Battles", "Armed clash"), ("Violence against civilians", "Attack"), 0.3),
        (("Battles", "Armed clash"), ("Protests", "Peaceful protest"), None),
        (("Strategic developments", "Other"), ("Battles", "Armed clash"), None),
    ],
)
def test_link_similarity_types(a, b, expected):
    assert type_similarity(*a, *b) == expected


def test_link_similarity_actors_ignore_civilians_and_need_both_sides():
    wagner, csp = Actor("Wagner Group", kind="pmc"), Actor("CSP-PSD", kind="rebel_group")
    civilians = Actor("civilians", kind="civilians")
    a = actor_names([ActorRole(wagner), ActorRole(csp, "side_b"), ActorRole(civilians, "side_b")])
    assert a == {"wagner group", "csp-psd"}
    assert actor_similarity(a, actor_names([ActorRole(wagner, "side_b")])) == 1.0
    assert actor_similarity(a, frozenset()) == 0.0


def test_link_similarity_inherited_dates_count_only_without_stated_ones():
    battle = DateRange(date(2024, 7, 25), date(2024, 7, 26), 2)
    friday = day(2024, 7, 26)  # taken from the next sentence of the paragraph
    dates = Dates().add(battle, stated=True).add(friday, stated=False)
    assert dates.best == battle
    assert Dates().add(friday, stated=False).best == friday
    july = DateRange(date(2024, 7, 1), date(2024, 7, 31), 3)
    assert Dates().add(july, stated=True).add(friday, stated=False).best == friday  # precise beats vague
    assert Dates().merge(dates) == dates


def test_link_similarity_a_county_and_a_town_in_its_reach_agree() -> None:
    # a county's point is the middle of its towns; a town of the same admin1 inside its reach agrees
    county = Place(
        "Harris County", lat=29.86, lon=-95.39, admin1="Texas", country="US", feature="admin2", precision=2
    )
    town = Place(
        "Tomball", lat=30.10, lon=-95.62, admin1="Texas", country="US", feature="populated_place", precision=1
    )
    far = Place(
        "El Paso",
        lat=31.76,
        lon=-106.49,
        admin1="Texas",
        country="US",
        feature="populated_place",
        precision=1,
    )
    other = Place("Lake Charles", lat=30.23, lon=-93.22, admin1="Louisiana", country="US", precision=1)
    assert place_similarity(county, town, max_km=60.0) is not None
    assert place_similarity(town, county, max_km=60.0) == place_similarity(county, town, max_km=60.0)
    assert place_similarity(county, far, max_km=60.0) is None
    assert place_similarity(county, other, max_km=60.0) is None


def test_link_similarity_a_ward_is_a_division_not_a_second_town() -> None:
    # a Kenyan ward's point is its constituency's centre: a town of its county nearby agrees with
    # it as with a county, where two towns that far apart would be two places
    ward = Place("Kiunga", lat=-1.86, lon=41.06, admin1="Lamu", country="KE", feature="admin3", precision=2)
    town = Place("Lamu", lat=-2.27, lon=40.90, admin1="Lamu", country="KE", precision=1)
    village = Place("Kiunga", lat=-1.86, lon=41.06, admin1="Lamu", country="KE", precision=1)
    assert place_similarity(ward, town, max_km=30.0) is not None
    assert place_similarity(village, town, max_km=30.0) is None
