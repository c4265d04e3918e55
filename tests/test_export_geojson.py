"""GeoJSON: a valid FeatureCollection of Points in [lon, lat] order; events without coordinates skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.export import export
from fogofwar.model import Article, Event, Place

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"


def load() -> tuple[list[Event], list[Article]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [Event.from_dict(e) for e in data["events"]], [Article.from_dict(a) for a in data["articles"]]


def collection(events: list[Event], articles: list[Article]) -> dict:
    return json.loads(export("geojson", events, articles).decode("utf-8"))


def test_export_geojson_is_a_feature_collection() -> None:
    data = collection(*load())
    assert data["type"] == "FeatureCollection"
    assert data["skipped"] == 1  # North Kordofan has no coordinates
    assert len(data["features"]) == 2
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["id"] == feature["properties"]["id"]


def test_export_geojson_coordinates_are_lon_lat() -> None:
    feature = next(f for f in collection(*load())["features"] if f["properties"]["place"] == "Barsalogho")
    assert feature["geometry"]["coordinates"] == [-1.0667, 13.4167]


def test_export_geojson_properties() -> None:
    props = next(f for f in collection(*load())["features"] if f["properties"]["place"] == "Tinzaouaten")[
        "properties"
    ]
    assert props["type"] == "Battles" and props["sub_type"] == "Armed clash"
    assert (props["start"], props["end"]) == ("2024-07-25", "2024-07-26")
    assert (props["admin1"], props["country"]) == ("Kidal", "ML")
    assert {"name": "Wagner Group", "role": "side_b"} in props["actors"]
    assert (props["killed_low"], props["killed_high"]) == (29, 156)
    assert props["claims"] == 8
    assert props["sources"] == 2
    assert props["outlets"] == ["Frontline Digest", "AFP", "Sahel Wire"]


@pytest.mark.parametrize(
    "place",
    [
        None,
        Place("nowhere"),
        Place("x", lat=95.0, lon=10.0),
        Place("y", lat=10.0, lon=200.0),
        Place("z", lat=float("nan"), lon=1.0),
    ],
)
def test_export_geojson_skips_missing_or_invalid_coordinates(place: Place | None) -> None:
    event = Event(id="e", event_type="Battles", sub_event_type="Armed clash", place=place)
    data = collection([event], [])
    assert data == {"type": "FeatureCollection", "layout": data["layout"], "skipped": 1, "features": []}
