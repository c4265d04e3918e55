"""What the exports can say of a place beyond its own fields: its administrative divisions.

``Place`` holds its name, admin1 and country. The gazetteer (``fogofwar.extract.places``)
knows second-order divisions only as places of their own (feature ``district``, e.g. the
Afghan districts of ``resources/places_supplement.json``): such a place *is* its admin2. It
knows no district of a town and no third-order division, so those stay empty.
"""

from __future__ import annotations

from typing import Any

from fogofwar.model import Place

DISTRICT = "district"


def admin2(place: Place | None) -> str | None:
    """The second-order division a place names: the place itself when it is a district; else None."""
    return place.name if place is not None and place.feature == DISTRICT else None


def admin3(place: Place | None) -> str | None:
    """The third-order division of a place: never known to the gazetteer, so always None."""
    return None


def place_fields(place: Place | None) -> dict[str, Any]:
    """The place columns the per-event exports (GeoJSON, Parquet) share: place, admin1, country and
    geo_precision, all None without a place."""
    if place is None:
        return {"place": None, "admin1": None, "country": None, "geo_precision": None}
    return {
        "place": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "geo_precision": place.precision,
    }
