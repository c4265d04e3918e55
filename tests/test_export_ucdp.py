"""UCDP GED-shaped CSV: exact columns, deaths by side (each group's best once), precision scales."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.export import export
from fogofwar.export.figures import deaths, killed_range
from fogofwar.export.ucdp import COLUMNS, date_prec, type_of_violence, where_prec
from fogofwar.model import Actor, ActorRole, Article, Event, Place, Reconciled
from fogofwar.reconcile import totals

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"
UCDP_COLUMNS = (
    "id,type_of_violence,side_a,side_b,source_article,source_headline,source_date,number_of_sources,"
    "where_prec,where_coordinates,adm_1,latitude,longitude,country,date_prec,date_start,date_end,deaths_a,"
    "deaths_b,deaths_civilians,deaths_unknown,best,high,low"
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
    assert (row["side_a"], row["side_b"]) == ("CSP-PSD", "Malian Armed Forces; Wagner Group")
    # Side b = FAMa's best (2) + Wagner's best (20); never the sum of the claims about Wagner.
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (
        "7",
        "22",
        "0",
        "0",
    )
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
    event = Event(
        id="d",
        event_type="Battles",
        sub_event_type="Armed clash",
        start=start,
        end=end,
        date_precision=precision,
    )
    assert date_prec(event) == expected


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
