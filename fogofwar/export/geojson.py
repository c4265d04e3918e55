"""GeoJSON (RFC 7946) FeatureCollection: one Point feature per event that has coordinates.

Coordinates are ``[longitude, latitude]`` (RFC 7946 order). Events without coordinates, or
with coordinates outside the valid range, are left out, logged once per export, and counted
in the collection's top-level ``skipped`` member (a foreign member, which RFC 7946 allows).
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

from fogofwar.export.figures import killed_range
from fogofwar.export.places import place_fields
from fogofwar.model import Article, Event
from fogofwar.outlets import event_outlets, source_count

log = logging.getLogger(__name__)

# Written into the collection so a reader can tell which layout it holds.
LAYOUT = "fogofwar.geojson.v1"


def coordinates(event: Event) -> tuple[float, float] | None:
    """(lon, lat) of an event's place, or None when missing or out of range."""
    place = event.place
    if place is None or place.lat is None or place.lon is None:
        return None
    lat, lon = float(place.lat), float(place.lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


def properties(event: Event, articles: Mapping[str, Article]) -> dict[str, Any]:
    """The feature properties of an event (flat values, lists of strings, actor objects)."""
    low, high = killed_range(event)
    return {
        "id": event.id,
        "type": event.event_type,
        "sub_type": event.sub_event_type,
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
        "date_precision": event.date_precision,
        **place_fields(event.place),
        "actors": [{"name": r.actor.name, "role": r.role} for r in event.actors],
        "killed_low": low,
        "killed_high": high,
        "claims": len(event.claims),
        "sources": source_count(event, articles),
        "outlets": event_outlets(event, articles),
    }


def feature_collection(events: Sequence[Event], articles: Sequence[Article]) -> dict[str, Any]:
    """The FeatureCollection as a dict: features in the order given, ``skipped`` = events left out."""
    by_id = {a.id: a for a in articles}
    features = []
    skipped = []
    for event in events:
        point = coordinates(event)
        if point is None:
            skipped.append(event.id)
            continue
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": list(point)},
                "properties": properties(event, by_id),
            }
        )
    if skipped:
        log.info("geojson: %d events without valid coordinates left out (first %s)", len(skipped), skipped[0])
    return {"type": "FeatureCollection", "layout": LAYOUT, "skipped": len(skipped), "features": features}


def geojson_bytes(events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """Events as GeoJSON bytes (UTF-8, one line plus a newline)."""
    text = json.dumps(feature_collection(events, articles), ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")
