"""What the exports can say of a place beyond its own fields: its administrative divisions.

``Place`` holds its name, admin1 and country. The gazetteer (``fogofwar.extract.places``)
knows second-order divisions only as places of their own (feature ``district``, the Afghan
districts of ``resources/places_supplement.json``, or ``admin2``, GeoNames' second-level
divisions): such a place *is* its admin2. Likewise a Kenyan ward (feature ``admin3``) is its
admin3. It knows no district of a town and no other third-order division, so those stay empty.
The ACLED export writes admin1 as ACLED spells it (:func:`acled_admin1`).
"""

from __future__ import annotations

import functools
from typing import Any

from fogofwar.model import Place
from fogofwar.resources import load_json

DISTRICT = "district"
ADMIN2 = "admin2"
ADMIN3 = "admin3"
# Letters accent stripping leaves alone but ACLED writes in ASCII ("Şırnak" -> "Sirnak").
_ASCII = str.maketrans({"ı": "i", "İ": "I"})


@functools.cache
def _acled_names() -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = load_json("places_acled_admin1.json")["names"]
    return names


def acled_admin1(place: Place | None) -> str | None:
    """A place's admin1 as ACLED names it (``resources/places_acled_admin1.json``: "Nord-Kivu"
    for GeoNames' "North Kivu"); else the GeoNames name, dotless i written as i."""
    if place is None or place.admin1 is None:
        return None
    name = _acled_names().get(place.country or "", {}).get(place.admin1, place.admin1)
    return name.translate(_ASCII)


def admin2(place: Place | None) -> str | None:
    """The second-order division a place names: the place itself when it is a district or an
    admin2 (GeoNames' second-level division); else None."""
    return place.name if place is not None and place.feature in (DISTRICT, ADMIN2) else None


def admin3(place: Place | None) -> str | None:
    """The third-order division a place names: the place itself when it is one (a Kenyan ward);
    else None (the gazetteer knows no town's third-order division)."""
    return place.name if place is not None and place.feature == ADMIN3 else None


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
