"""ACLED-shaped CSV: exact columns, values for a seed-like battle, civilian targeting, missing places."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from fixtures.export.dated import dated_battle

from fogofwar.export import export
from fogofwar.export.acled import COLUMNS, disorder_type, event_day, interaction
from fogofwar.model import Actor, ActorRole, Article, Event, Place

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"
ACLED_COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
).split(",")


def load() -> tuple[list[Event], list[Article]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [Event.from_dict(e) for e in data["events"]], [Article.from_dict(a) for a in data["articles"]]


def rows(events: list[Event], articles: list[Article]) -> tuple[list[str], list[dict[str, str]]]:
    text = export("acled", events, articles).decode("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def by_location(location: str) -> dict[str, str]:
    events, articles = load()
    return next(r for r in rows(events, articles)[1] if r["location"] == location)


def test_export_acled_columns_in_order() -> None:
    events, articles = load()
    header, _ = rows(events, articles)
    assert header == ACLED_COLUMNS == list(COLUMNS)


def test_export_acled_seed_like_battle() -> None:
    row = by_location("Tinzaouaten")
    assert row["event_id_cnty"].startswith("MLI") and row["event_id_cnty"][3:].isdigit()
    assert row["event_date"] == "2024-07-25"
    assert row["year"] == "2024"
    assert row["time_precision"] == "2"
    assert row["disorder_type"] == "Political violence"
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == ("CSP-PSD", "", "2")
    assert (row["actor2"], row["assoc_actor_2"], row["inter2"]) == (
        "Malian Armed Forces",
        "Wagner Group",
        "1",
    )
    assert row["interaction"] == "12"
    assert row["civilian_targeting"] == ""
    assert (row["iso"], row["region"], row["country"]) == ("466", "Western Africa", "Mali")
    assert (row["admin1"], row["admin2"], row["admin3"]) == ("Kidal", "", "")
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == ("19.9579", "2.9189", "1")
    # The syndicated copy (Harbour Courier) counts as its original: not listed.
    assert row["source"] == "Frontline Digest; AFP; Sahel Wire"
    assert row["source_scale"] == "National-International"
    # ACLED's conservative figure: the sum of the groups' lowest claims (CSP-PSD 7, FAMa 2, Wagner 20).
    assert row["fatalities"] == "29"
    assert row["tags"] == "fatalities disputed"
    assert row["timestamp"] == "1722470400"  # last_updated 2024-08-01, 00:00 UTC


def test_export_acled_notes_list_each_claim_once() -> None:
    notes = by_location("Tinzaouaten")["notes"]
    assert notes.startswith(
        "Armed clash (CSP-PSD vs Malian Armed Forces and Wagner Group) at Tinzaouaten, Kidal"
    )
    for part in (
        "Russian military bloggers: 20 Wagner Group killed (at least)",
        "CSP-PSD: 84 Wagner Group killed",
        "JNIM: 50 Wagner Group killed",
        "Malian Armed Forces: 2 Malian Armed Forces killed",
        "CSP-PSD: 47 Malian Armed Forces killed (at least)",
        "Malian Armed Forces: 20 CSP-PSD killed (about)",
        "CSP-PSD: 7 CSP-PSD killed",
    ):
        assert notes.count(part) == 1, part
    assert "[fogofwar event b5814f7ada73bdd8]" in notes


def test_export_acled_civilian_targeting_event() -> None:
    row = by_location("Barsalogho")
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["actor1"], row["actor2"], row["interaction"]) == ("JNIM", "Civilians (Burkina Faso)", "27")
    assert row["fatalities"] == "200"
    assert row["tags"] == "contested; fatalities disputed"
    assert (row["iso"], row["region"]) == ("854", "Western Africa")
    assert row["source_scale"] == "International"


def test_export_acled_event_without_coordinates() -> None:
    row = by_location("North Kordofan")
    assert (row["latitude"], row["longitude"]) == ("", "")
    assert row["geo_precision"] == "3"
    assert row["event_id_cnty"].startswith("SDN")
    assert (row["region"], row["country"]) == ("Northern Africa", "Sudan")
    # Political violence whose victims are civilians is civilian targeting, whatever the event type.
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["source_scale"] == "Other"


def test_export_acled_bare_event_leaves_cells_empty() -> None:
    event = Event(id="bare", event_type="Protests", sub_event_type="Peaceful protest")
    _, (row,) = rows([event], [])
    assert row["event_id_cnty"].startswith("XXX")
    assert row["fatalities"] == "0"
    assert row["tags"] == "fatalities not reported"
    for column in ("event_date", "time_precision", "actor1", "iso", "country", "latitude", "timestamp"):
        assert row[column] == "", column
    assert row["disorder_type"] == "Demonstrations"


@pytest.mark.parametrize(
    ("start", "end", "precision", "day"),
    [
        (date(2020, 3, 4), date(2020, 3, 4), 1, date(2020, 3, 4)),
        # "Reported on 10 March": the week up to the day named is coded to that day
        (date(2020, 3, 4), date(2020, 3, 10), 2, date(2020, 3, 10)),
        # fighting from Thursday to Saturday: its first day
        (date(2024, 7, 25), date(2024, 7, 27), 2, date(2024, 7, 25)),
        # "in August": the middle of the month
        (date(2018, 8, 1), date(2018, 8, 31), 3, date(2018, 8, 16)),
        # "mid-April" (days 11 to 20): the 15th, as for a month
        (date(2019, 4, 11), date(2019, 4, 20), 2, date(2019, 4, 15)),
        (None, None, 4, None),
    ],
)
def test_export_acled_event_day(
    start: date | None, end: date | None, precision: int, day: date | None
) -> None:
    event = dated_battle(start, end, precision)
    assert event_day(event) == day
    _, (row,) = rows([event], [])
    assert row["event_date"] == (day.isoformat() if day else "")


def test_export_acled_id_is_stable() -> None:
    events, articles = load()
    first = [r["event_id_cnty"] for r in rows(events, articles)[1]]
    again = [r["event_id_cnty"] for r in rows(list(reversed(events)), articles)[1]]
    assert first == list(reversed(again))
    assert len(set(first)) == len(first)


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(2, 1, 12), (1, 2, 12), (2, 7, 27), (3, None, 30), (None, 1, 10), (None, None, None), (8, 8, 88)],
)
def test_export_acled_interaction(inter1: int | None, inter2: int | None, expected: int | None) -> None:
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Strategic developments", "Agreement", "Strategic developments"),
        ("Something else", "Other", ""),
    ],
)
def test_export_acled_disorder_type(event_type: str, sub_event_type: str, expected: str) -> None:
    event = Event(id="x", event_type=event_type, sub_event_type=sub_event_type)
    assert disorder_type(event) == expected


def test_export_acled_formula_cells_are_defused() -> None:
    actor = Actor('=HYPERLINK("http://x")', inter=2)
    event = Event(
        id="f",
        event_type="Battles",
        sub_event_type="Armed clash",
        start=date(2024, 1, 1),
        place=Place("Somewhere", lat=-1.5, lon=-2.25, country="ML"),
        actors=(ActorRole(actor, "side_a"),),
    )
    _, (row,) = rows([event], [])
    assert row["actor1"].startswith("'=")
    assert (row["latitude"], row["longitude"]) == ("-1.5", "-2.25")  # numbers are untouched


@pytest.mark.parametrize(
    ("place", "admin2"),
    [
        # A district is its own second-order division (the gazetteer's Afghan districts).
        (Place("Marjah", admin1="Helmand", country="AF", feature="district", precision=2), "Marjah"),
        # A town's district is not known: empty, never guessed.
        (Place("Lashkar Gah", admin1="Helmand", country="AF"), ""),
        (Place("Helmand", admin1="Helmand", country="AF", feature="admin1", precision=3), ""),
    ],
)
def test_export_acled_admin2_where_the_place_knows_it(place: Place, admin2: str) -> None:
    """Regression: admin2 and admin3 were always empty, even for a district."""
    event = Event(id="d", event_type="Battles", sub_event_type="Armed clash", place=place)
    (row,) = rows([event], [])[1]
    assert (row["admin1"], row["admin2"], row["admin3"], row["location"]) == (
        "Helmand",
        admin2,
        "",
        place.name,
    )


def test_export_acled_admin3_of_a_ward() -> None:
    """A Kenyan ward is its own third-order division; its constituency is not known, so admin2
    stays empty."""
    place = Place("Mutha", admin1="Kitui", country="KE", feature="admin3", precision=2)
    event = Event(id="w", event_type="Riots", sub_event_type="Mob violence", place=place)
    (row,) = rows([event], [])[1]
    assert (row["admin1"], row["admin2"], row["admin3"], row["location"]) == ("Kitui", "", "Mutha", "Mutha")


def test_export_acled_source_names_each_outlet_once() -> None:
    """Regression: "WAL; West Africa Ledger" (one outlet twice) and file names as sources."""
    articles = [
        Article(id="a1", text="x", agency="WAL", source="West Africa Ledger", published=date(2024, 8, 27)),
        Article(id="a2", text="y", origin="examples/barsalogho_rewrite.txt", published=date(2024, 8, 28)),
    ]
    event = Event(id="e", event_type="Battles", sub_event_type="Armed clash", article_ids=("a1", "a2"))
    (row,) = rows([event], articles)[1]
    assert row["source"] == "West Africa Ledger; file: barsalogho_rewrite.txt"


def test_export_acled_a_riots_crowd_and_victims_by_country() -> None:
    # ACLED names the generic actors by the event's country: "Rioters (Kenya)", "Civilians (Kenya)"
    kisumu = Place("Kisumu", lat=-0.10, lon=34.76, admin1="Kisumu", country="KE")
    rioters = Actor("rioters", kind="civilians", inter=5, country="KE")
    civilians = Actor("civilians", kind="civilians", inter=7)
    police = Actor("National Police Service (Kenya)", kind="state_forces", inter=1, country="KE")
    riot = Event(
        id="riot1",
        event_type="Riots",
        sub_event_type="Mob violence",
        start=date(2018, 8, 7),
        end=date(2018, 8, 7),
        place=kisumu,
        actors=(
            ActorRole(rioters, "side_a"),
            ActorRole(civilians, "side_b"),
            ActorRole(police, "side_b"),
        ),
    )
    _, (row,) = rows([riot], [])
    assert (row["actor1"], row["inter1"], row["actor2"], row["assoc_actor_2"], row["interaction"]) == (
        "Rioters (Kenya)",
        "5",
        "Civilians (Kenya)",
        "National Police Service (Kenya)",
        "57",
    )
