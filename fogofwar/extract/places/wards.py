"""Kenya's wards and constituencies for the gazetteer index: the 1,450 wards of the IEBC 2012
delimitation, most of them named like their main village ("Kiunga", "Hulugho", "Mutha"), which
GeoNames' towns of 500 people and more lack, and the 290 constituencies and 301 sub-counties
above them ("Lamu East", "Kanduyi", "Tiaty"), which reports name as the place of rural events.

Read from the SQLite file of the kenya-data package (MIT; hash-pinned in
``requirements/model.txt``) when the index is built; the package is never imported. Each is
filed under its county (Kenya's admin1) and placed at its constituency's centre (a sub-county
named like no constituency at its county's), the finest point the package gives. Without the
package the index simply lacks them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from fogofwar.extract.places.data import package_folder, package_version

_PACKAGE = "kenya_data"
# Ward names that are English words or names, not villages: a report's "Airport" or "Karen" is
# not the Mombasa or Nairobi ward (general vocabulary, not a list of cases).
_NOT_VILLAGES = frozenset(
    {
        "airbase",
        "airport",
        "central ward",
        "della",
        "flamingo",
        "hells gate",
        "karen",
        "lake zone",
        "lakeview",
        "lower savannah",
        "lucky summer",
        "market milimani",
        "mountain view",
        "municipality",
        "parklands",
        "pipeline",
        "racecourse",
        "railways",
        "rhoda",
        "township",
        "tudor",
        "upper savannah",
        "woodley",
        "zimmerman",
    }
)
# The part of a ward's name that says which part of a place it is: "Kayole North", "Nyalenda 'a'",
# "Dandora Area Iv" are parts of Kayole, Nyalenda, Dandora.
_PART = re.compile(r"\s+(?:(?:north|south|east|west|central)|area\s+[iv]+|[iv]+|'?[ab]'?)$", re.IGNORECASE)
_QUERY = """
SELECT w.name, county.name, point.latitude, point.longitude
FROM wards AS w
JOIN constituencies AS c ON c.id = w.constituency_id
JOIN counties AS county ON county.id = c.county_id
JOIN coordinates AS point ON point.entity_type = 'constituency' AND point.entity_id = c.id
ORDER BY w.id
"""


_DIVISIONS_QUERY = """
SELECT division.name, county.name,
    COALESCE(own.latitude, home.latitude), COALESCE(own.longitude, home.longitude)
FROM (
    SELECT c.name AS name, c.county_id AS county_id, c.id AS constituency_id FROM constituencies AS c
    UNION ALL
    SELECT s.name, s.county_id,
        (SELECT c.id FROM constituencies AS c WHERE c.name = s.name AND c.county_id = s.county_id)
    FROM sub_counties AS s
) AS division
JOIN counties AS county ON county.id = division.county_id
LEFT JOIN coordinates AS own ON own.entity_type = 'constituency' AND own.entity_id = division.constituency_id
JOIN coordinates AS home ON home.entity_type = 'county' AND home.entity_id = county.id
"""


@dataclass(frozen=True)
class Division:
    """A constituency or sub-county: its name, its county as the package spells it, a point."""

    name: str
    county: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Ward:
    """One ward: its names (a ward of two villages is written "Shimanzi/Ganjoni"), the places it
    is a part of ("Kayole" for "Kayole North"), its county as the package spells it, and its
    constituency's centre."""

    names: tuple[str, ...]
    part_of: tuple[str, ...]
    county: str
    lat: float
    lon: float


def kenya_data_version() -> str | None:
    """The installed kenya-data version (part of the index's cache key), or None."""
    return package_version("kenya-data")


def _database() -> Path | None:
    package = package_folder(_PACKAGE)
    path = package / "kenya.db" if package is not None else None
    return path if path is not None and path.is_file() else None


def _rows(query: str) -> list[tuple[str, str, float, float]]:
    path = _database()
    if path is None:
        return []
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def kenya_divisions() -> list[Division]:
    """Every constituency and sub-county, once per name and county; empty without the package."""
    seen: set[tuple[str, str]] = set()
    divisions = []
    for name, county, lat, lon in _rows(_DIVISIONS_QUERY):
        if (name, county) not in seen:
            seen.add((name, county))
            divisions.append(Division(name=name.strip(), county=county, lat=float(lat), lon=float(lon)))
    return divisions


def kenya_wards() -> list[Ward]:
    """Every ward with a located constituency, in the package's order; empty without it."""
    rows = _rows(_QUERY)
    wards = [_ward(name, county, float(lat), float(lon)) for name, county, lat, lon in rows]
    return [ward for ward in wards if ward.names or ward.part_of]


def _ward(written: str, county: str, lat: float, lon: float) -> Ward:
    """A ward's names, each of "Shimanzi/Ganjoni", and the places that a part's name is named
    after ("Kayole" for "Kayole North"), less English words."""
    names: list[str] = []
    part_of: list[str] = []
    for part in re.split(r"[/\\]", written):
        name = part.strip()
        stem = _PART.sub("", name)
        if name and name.lower() not in _NOT_VILLAGES:
            names.append(name)
        if stem != name and stem.lower() not in _NOT_VILLAGES:
            part_of.append(stem)
    return Ward(names=tuple(names), part_of=tuple(part_of), county=county, lat=lat, lon=lon)
