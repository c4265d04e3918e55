"""UCDP GED-shaped CSV: exact columns, deaths by side (each group's best once), precision scales."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from fixtures.export.dated import dated_battle
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.export import export
from fogofwar.export.figures import deaths, killed_range
from fogofwar.export.places import admin2
from fogofwar.export.ucdp import (
    COLUMNS,
    date_prec,
    event_clarity,
    priogrid_gid,
    type_of_violence,
    ucdp_region,
    where_prec,
)
from fogofwar.model import Actor, ActorRole, Article, Event, Place, Reconciled
from fogofwar.reconcile import totals

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"
# UCDP GED 24.1, in its order.
UCDP_COLUMNS = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,"
    "side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,"
    "where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,"
    "country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,"
    "deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob"
).split(",")


def load() -> tuple[list[Event], list[Article]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [Event.from_dict(e) for e in data["events"]], [Article.from_dict(a) for a in data["articles"]]


def ucdp_rows() -> tuple[list[str], dict[str, dict[str, str]]]:
    events, articles = load()
    reader = csv.DictReader(io.StringIO(export("ucdp", events, articles).decode("utf-8")))
    return list(reader.fieldnames or []), {r["where_coordinates"]: r for r in reader}


def test_export_ucdp_columns_in_order() -> None:
    header, _ = ucdp_rows()
    assert header == UCDP_COLUMNS == list(COLUMNS)


def test_export_ucdp_seed_like_battle() -> None:
    row = ucdp_rows()[1]["Tinzaouaten"]
    assert row["id"].isdigit()
    assert row["type_of_violence"] == "1"  # the Malian Armed Forces are a state
    # State-based: side a is the state (UCDP's rule), so the initiator CSP-PSD is side b.
    assert (row["side_a"], row["side_b"]) == ("Malian Armed Forces; Wagner Group", "CSP-PSD")
    assert row["dyad_name"] == "Malian Armed Forces; Wagner Group - CSP-PSD"
    # Side a = FAMa's best (2) + Wagner's best (20); never the sum of the claims about Wagner.
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (
        "22",
        "7",
        "0",
        "0",
    )
    assert (row["year"], row["event_clarity"], row["relid"]) == ("2024", "1", load()[0][0].id)
    assert (row["region"], row["adm_2"]) == ("Africa", "")
    assert (row["low"], row["best"], row["high"]) == ("29", "29", "156")
    assert (row["where_prec"], row["adm_1"], row["country"]) == ("1", "Kidal", "Mali")
    assert (row["date_prec"], row["date_start"], row["date_end"]) == ("2", "2024-07-25", "2024-07-26")
    assert row["number_of_sources"] == "2"
    assert (
        row["source_headline"]
        == "Two days of fighting at Tinzaouaten; Rebels claim heavy toll on Wagner in northern Mali"
    )
    assert row["source_date"] == "2024-07-28; 2024-07-31"
    assert "https://frontline-digest.example/tinzaouaten-fighting" in row["source_article"]
    assert "harbour-courier" not in row["source_article"]  # the syndicated copy is its original


def test_export_ucdp_one_sided_violence() -> None:
    row = ucdp_rows()[1]["Barsalogho"]
    assert row["type_of_violence"] == "3"
    assert row["deaths_civilians"] == "200"
    assert (row["low"], row["best"], row["high"]) == ("200", "200", "450")


def test_export_ucdp_event_without_coordinates() -> None:
    row = ucdp_rows()[1]["North Kordofan"]
    assert (row["latitude"], row["longitude"]) == ("", "")
    assert row["where_prec"] == "4"  # first-order administrative division
    assert (row["date_prec"], row["date_end"]) == ("1", "2025-03-03")
    assert row["deaths_civilians"] == "12"


def test_export_ucdp_totals_agree_with_reconcile() -> None:
    events, _ = load()
    for event in events:
        figures = deaths(event)
        assert (figures.low, figures.high) == killed_range(event)


def test_export_ucdp_combined_group_not_added_twice() -> None:
    a, b = Actor("Alpha", kind="rebel_group", inter=2), Actor("Beta", kind="militia", inter=3)
    event = Event(
        id="c",
        event_type="Battles",
        sub_event_type="Armed clash",
        actors=(ActorRole(a, "side_a"), ActorRole(b, "side_b")),
        reconciled=(
            Reconciled("Beta", "killed", 3, 3, 5),
            Reconciled("Alpha + Beta", "killed", 10, 10, 10),  # Beta has its own row: not counted
            Reconciled("unknown", "killed", 4, 4, 4),
            Reconciled("Beta", "injured", 9, 9, 9),  # not killed
        ),
    )
    figures = deaths(event)
    # "unknown" (people) contains the named groups: max(4, 3) = 4, of which Beta's 3; high max(4, 5).
    assert (figures.side_a, figures.side_b, figures.unknown) == (None, 3, 1)
    assert (figures.low, figures.best, figures.high) == (4, 4, 5)
    assert figures.side_b + figures.unknown == figures.best
    assert type_of_violence(event) == 2


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (date(2024, 7, 25), None, 1, 1),
        (date(2024, 7, 25), date(2024, 7, 25), 1, 1),
        (date(2024, 7, 25), date(2024, 7, 26), 2, 2),
        (date(2024, 7, 22), date(2024, 7, 28), 2, 3),
        (date(2024, 7, 1), date(2024, 7, 31), 3, 4),
        (date(2024, 1, 1), date(2024, 12, 31), 4, 5),
        (date(2024, 7, 1), None, 3, 4),
        (date(2024, 1, 1), None, 4, 5),
        (None, None, 4, None),
    ],
)
def test_export_ucdp_date_prec(
    start: date | None, end: date | None, precision: int, expected: int | None
) -> None:
    assert date_prec(dated_battle(start, end, precision)) == expected


@pytest.mark.parametrize(
    ("precision", "feature", "expected"),
    [
        (1, "populated_place", 1),
        (2, "populated_place", 2),
        (3, "admin1", 4),
        (4, "country", 6),
        (2, "border", 5),
    ],
)
def test_export_ucdp_where_prec(precision: int, feature: str, expected: int) -> None:
    assert where_prec(Place("x", feature=feature, precision=precision)) == expected


VICTIMS = st.sampled_from(["Alpha", "Beta", "civilians", "unknown", "Alpha + Beta", "Beta + civilians"])
FIGURE = st.one_of(st.none(), st.integers(min_value=0, max_value=500))


@given(
    st.lists(
        st.tuples(VICTIMS, st.sampled_from(["killed", "injured"]), FIGURE, FIGURE),
        unique_by=lambda row: (row[0], row[1]),
        max_size=6,
    )
)
def test_export_ucdp_sums_match_reconcile_totals(rows: list[tuple[str, str, int | None, int | None]]) -> None:
    reconciled = tuple(
        Reconciled(victims, outcome, low, low, None if low is None or extra is None else low + extra)
        for victims, outcome, low, extra in rows
    )
    event = Event(
        id="p",
        event_type="Battles",
        sub_event_type="Armed clash",
        actors=(ActorRole(Actor("Alpha"), "side_a"), ActorRole(Actor("Beta"), "side_b")),
        reconciled=reconciled,
    )
    figures = deaths(event)
    assert (figures.low, figures.high) == totals(reconciled, outcome="killed")
    parts = [figures.side_a, figures.side_b, figures.civilians, figures.unknown]
    known = [p for p in parts if p is not None]
    assert (sum(known) if known else None) == figures.best


ARMY = Actor("Army", kind="state_forces", inter=1)
REBELS = Actor("Rebels", kind="rebel_group", inter=2)
MILITIA = Actor("Militia", kind="militia", inter=4)


def organised(event_type: str, sub: str, *roles: tuple[Actor, str], dead: int | None = 3) -> Event:
    reconciled = () if dead is None else (Reconciled("unknown", "killed", dead, dead, dead),)
    return Event(
        id=f"{event_type}-{sub}-{len(roles)}-{dead}",
        event_type=event_type,
        sub_event_type=sub,
        actors=tuple(ActorRole(actor, role) for actor, role in roles),
        reconciled=reconciled,
        start=date(2024, 5, 1),
        date_precision=1,
        place=Place("Kidal", lat=18.44, lon=1.41, admin1="Kidal", country="ML"),
    )


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (organised("Battles", "Armed clash", (REBELS, "side_a"), (ARMY, "side_b")), 1),
        (organised("Battles", "Armed clash", (REBELS, "side_a"), (MILITIA, "side_b")), 2),
        (organised("Explosions/Remote violence", "Air/drone strike", (ARMY, "side_a")), 1),
        (organised("Violence against civilians", "Attack", (MILITIA, "side_a")), 3),
        (organised("Protests", "Excessive force against protesters", (ARMY, "side_a")), 3),
        # Not organised violence in UCDP's rules:
        (organised("Violence against civilians", "Attack"), None),  # no known perpetrator
        (organised("Battles", "Armed clash"), None),  # no known actor
        (organised("Protests", "Peaceful protest", (MILITIA, "side_a")), None),
        (organised("Riots", "Mob violence", (MILITIA, "side_a")), None),
        (organised("Strategic developments", "Other", (ARMY, "side_a")), None),
    ],
)
def test_export_ucdp_type_of_violence(event: Event, expected: int | None) -> None:
    assert type_of_violence(event) == expected


def test_export_ucdp_not_organised_violence_left_out() -> None:
    """Regression: a helicopter crash with 0 dead was written with type_of_violence 2."""
    kept = organised("Battles", "Armed clash", (REBELS, "side_a"), (ARMY, "side_b"))
    left_out = [
        organised("Strategic developments", "Other", (ARMY, "side_a"), dead=0),  # helicopter crash
        organised("Explosions/Remote violence", "Air/drone strike", (ARMY, "side_a"), dead=0),
        organised("Battles", "Armed clash", (REBELS, "side_a"), (ARMY, "side_b"), dead=None),
        organised("Protests", "Peaceful protest", (MILITIA, "side_a"), dead=None),
    ]
    rows = list(csv.DictReader(io.StringIO(export("ucdp", [*left_out, kept], []).decode("utf-8"))))
    assert [r["relid"] for r in rows] == [kept.id]
    assert (rows[0]["type_of_violence"], rows[0]["side_a"], rows[0]["side_b"]) == ("1", "Army", "Rebels")
    assert (rows[0]["year"], rows[0]["event_clarity"], rows[0]["region"]) == ("2024", "1", "Africa")
    assert rows[0]["geom_wkt"] == "POINT (1.41 18.44)"
    assert rows[0]["priogrid_gid"] == str(priogrid_gid(18.44, 1.41))


def test_export_ucdp_district_is_adm_2() -> None:
    district = Place(
        "Marjah", lat=31.5, lon=64.1, admin1="Helmand", country="AF", feature="district", precision=2
    )
    assert (admin2(district), where_prec(district)) == ("Marjah", 3)
    assert admin2(Place("Lashkar Gah", admin1="Helmand", country="AF")) is None
    assert admin2(None) is None


@pytest.mark.parametrize(
    ("lat", "lon", "gid"),
    [
        (-89.9, -179.9, 1),  # the south-west corner cell
        (10.51, 2.29, 145085),  # row 201, column 364 from 0
        (89.9, 179.9, 259200),  # the north-east corner cell
        (90.0, 180.0, 259200),
        (None, 1.0, None),
        (91.0, 0.0, None),
    ],
)
def test_export_ucdp_priogrid_gid(lat: float | None, lon: float | None, gid: int | None) -> None:
    assert priogrid_gid(lat, lon) == gid


@pytest.mark.parametrize(
    ("code", "acled_region", "expected"),
    [
        ("ML", "Western Africa", "Africa"),
        ("SD", "Northern Africa", "Africa"),
        ("EG", "Northern Africa", "Middle East"),
        ("SY", "Middle East", "Middle East"),
        ("UA", "Europe", "Europe"),
        ("GE", "Caucasus and Central Asia", "Europe"),
        ("TJ", "Caucasus and Central Asia", "Asia"),
        ("AF", "South Asia", "Asia"),
        ("PG", "Oceania", "Asia"),
        ("CO", "South America", "Americas"),
        (None, None, None),
    ],
)
def test_export_ucdp_region(code: str | None, acled_region: str | None, expected: str | None) -> None:
    assert ucdp_region(code, acled_region) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "clarity"),
    [
        (date(2024, 7, 25), None, 1, 1),
        (date(2024, 7, 25), date(2024, 7, 26), 2, 1),
        (date(2024, 7, 22), date(2024, 7, 28), 2, 1),
        (date(2024, 7, 1), date(2024, 7, 31), 3, 2),  # a month's toll: a summary
        (date(2024, 7, 1), None, 3, 2),
        (None, None, 4, 2),
    ],
)
def test_export_ucdp_event_clarity(
    start: date | None, end: date | None, precision: int, clarity: int
) -> None:
    event = Event(
        id="c",
        event_type="Battles",
        sub_event_type="Armed clash",
        start=start,
        end=end,
        date_precision=precision,
    )
    assert event_clarity(event) == clarity
