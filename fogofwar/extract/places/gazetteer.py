"""Place lookup on the built index: names -> ranked :class:`~fogofwar.model.Place` candidates and
place names in text (an article's main country and admin1: its base class, ``context.ContextVotes``).

Lookups are dict hits on folded names; nothing scans the table. The tuning numbers (scores,
town sizes, votes) are ``resources/places_params.json``, read through :func:`load_params`.
"""

from __future__ import annotations

import functools
import json
import math
import re
from array import array
from dataclasses import replace
from pathlib import Path
from typing import Any

from fogofwar.cache import cached
from fogofwar.extract.places.context import ContextVotes
from fogofwar.extract.places.data import load_params, load_stopwords, load_supplement, supplement_features
from fogofwar.extract.places.index import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    DISTRICT,
    INDEX_VERSION,
    SUPPLEMENT,
    WARD,
    build_index,
    index_key,
)
from fogofwar.extract.places.text import (
    ADMIN1_WORDS,
    COMPASS_PARTS,
    DISTRICT_WORDS,
    KIND_WORDS,
    Hit,
    attach_admin1,
    find_hits,
    fold,
    is_all_caps,
    km,
    names_allegiance,
    names_portfolio,
    short_admin1,
    starts_division_name,
)
from fogofwar.extract.places.unlisted import STOP_WORDS
from fogofwar.extract.places.written import WrittenDivisions
from fogofwar.model import Place, PlacePrecision
from fogofwar.regex import alternation

_KIND_FEATURE = {
    CITY: "populated_place",
    ADMIN1: "admin1",
    COUNTRY: "country",
    DISTRICT: "district",
    ADMIN2: "admin2",
    WARD: "admin3",
}
# "in Trans Mara": a bare name after "in".
_IN_BEFORE = re.compile(r"(?<![\w'’-])(?i:in)\s+$")
_IN_REACH = 12  # characters before a name searched for its "in"
# A town named after a world city (Gazetteer.world_city_namesake): the city is its country's
# largest and has this many people or more; the town fewer than the other figure.
_WORLD_CITY_MIN_POPULATION = 1_000_000
_SMALL_TOWN_MAX_POPULATION = 20_000
# "Tandubas, " before a division written last: a capitalised name and a comma.
_NAME_AND_COMMA_BEFORE = re.compile(r"[A-ZÀ-Þ][\w'’-]*,[ \t]*$")
_CLAUSE_END_AFTER = re.compile(r"[ \t]*(?:[.;]|$)")
_LOWER_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
_KIND_PRECISION = {
    CITY: PlacePrecision.TOWN,
    ADMIN2: PlacePrecision.NEAR_TOWN,
    WARD: PlacePrecision.NEAR_TOWN,  # placed at its constituency's centre
    ADMIN1: PlacePrecision.REGION,
    COUNTRY: PlacePrecision.COUNTRY,
    DISTRICT: PlacePrecision.NEAR_TOWN,
}
# Curated places have a feature of their own (resources/places_supplement.json).
_FEATURE_PRECISION = {
    "populated_place": PlacePrecision.TOWN,
    "border": PlacePrecision.NEAR_TOWN,
    "district": PlacePrecision.NEAR_TOWN,
    "admin1": PlacePrecision.REGION,
    "region": PlacePrecision.REGION,
}
# The kind a name in a parenthesis of divisions takes: any division (see _places_of).
DIVISION_HINT = "division"
# The name before a parenthesis, up to the name in it: "Bama (" in "Bama (Bama, Houet)".
_NAME_BEFORE_PARENTHESIS = re.compile(r"([^\W\d_][\w'’ -]*?)\s*\(\s*$")


def _names_the_place_before(text: str, hit: Hit) -> bool:
    """Whether a name opening a parenthesis repeats the place before it ("Bama (Bama, Houet)":
    the commune named like its seat)."""
    before = _NAME_BEFORE_PARENTHESIS.search(text, max(0, hit.start - 60), hit.start)
    return before is not None and fold(before.group(1)).endswith(hit.key)


# A person's name told with an age ("Vernon Houston, 19,", "Gerald Levi, 17 of", "Sinor Jr, 16"):
# a town's name as the surname after a given name, or as the given name before a surname.
_GIVEN_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+$")
_AGE = r",\s*\d{1,3}(?=\s*(?:,|\)|of\b|from\b|was\b|is\b|who\b|died\b))"
_AGE_AFTER = re.compile(r"(?:\s+(?:Jr|Sr|II|III)\.?)?" + _AGE)
_SURNAME_AND_AGE_AFTER = re.compile(
    r"\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+(?:Jr|Sr|II|III)\.?)?,\s*\d{1,3}\b(?![\d,])"
)


def _in_person_name(text: str, hit: Hit) -> bool:
    """Whether a name hit is part of a person's name told with an age (``_AGE_AFTER``)."""
    if _SURNAME_AND_AGE_AFTER.match(text, hit.end):
        return True
    return (
        _AGE_AFTER.match(text, hit.end) is not None
        and _GIVEN_NAME_BEFORE.search(text, max(0, hit.start - 30), hit.start) is not None
    )


# In mixed-case text an all-caps word this short is an acronym unless it is a town's own name.
_ACRONYM_MAX = 4
# In ALL CAPS text a country alias this short is more often a word ("US", "CAR") than a name.
_CAPS_MIN_ALIAS = 4


@functools.cache
def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The shared, read-only :class:`Gazetteer` (built on first use, then read from the disk cache).

    cache_dir: where the built index is kept (``Settings.cache_dir``); None = the machine's default,
    :func:`fogofwar.settings.default_cache_dir`. See :mod:`fogofwar.cache`.
    """
    index = cached(
        "gazetteer",
        index_key(),
        build_index,
        cache_dir=cache_dir,
        is_valid=lambda value: value.get("version") == INDEX_VERSION,
    )
    return Gazetteer(index)


class Gazetteer(ContextVotes, WrittenDivisions):
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
        self._peoples = frozenset(fold(word) for word in supplement.get("peoples", []))
        self._demonyms = {
            fold(word): iso for iso, words in supplement.get("demonyms", {}).items() for word in words
        }
        self._regional = frozenset(fold(phrase) for phrase in supplement.get("regional_demonyms", []))
        self._titles = frozenset(fold(word) for word in supplement.get("person_titles", []))
        self._params = load_params()
        # "Springfield, Ill.": abbreviation -> (country, admin1), read only right after a name.
        self._abbreviations: dict[str, tuple[str, str]] = {
            short: (iso, name)
            for iso, names in supplement.get("admin1_abbreviations", {}).items()
            if iso != "about"
            for short, name in names.items()
        }
        self._abbreviation_after = (
            re.compile(rf",[ \t]*({alternation(self._abbreviations)})(?![^\W\d_])")
            if self._abbreviations
            else None
        )

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

    def _is_own_name(self, row: int, key: str) -> bool:
        """Whether ``key`` is the row's own name, not one of its alternate names."""
        return fold(self._names[row]) == key

    def _place(self, row: int, *, precision: PlacePrecision | None = None) -> Place:
        kind = self._kind[row]
        feature = _KIND_FEATURE.get(kind, "populated_place")
        if kind == SUPPLEMENT:
            feature = supplement_features().get(self._names[row], "populated_place")
        return Place(
            name=self._names[row],
            lat=round(self._lat[row], 5),
            lon=round(self._lon[row], 5),
            admin1=self._admin1_of(row) if kind != COUNTRY else None,
            country=self._country_of(row) or None,
            geonames_id=self._gid[row] or None,
            feature=feature,
            precision=int(
                precision or _KIND_PRECISION.get(kind) or _FEATURE_PRECISION.get(feature, PlacePrecision.TOWN)
            ),
        )

    def _score(
        self,
        row: int,
        *,
        country: str | None,
        hint: str | None,
        near: Place | None,
        key: str,
        admin1: str | None = None,
    ) -> float:
        points = self._params.score
        kind = self._kind[row]
        score = 0.0
        if country and self._country_of(row) == country:
            score += points.in_context_country
            if admin1 and kind not in (COUNTRY, ADMIN1) and self._admin1_of(row) == admin1:
                score += points.in_context_admin1
        if kind == COUNTRY:
            score += points.country
        elif kind == SUPPLEMENT:
            score += points.curated_place
        elif kind == ADMIN1:
            score += points.admin1 + (points.kind_word_matches if hint in ("admin1", DIVISION_HINT) else 0.0)
            if self._is_own_name(row, key):
                score += points.town_own_name  # "Adamawa": Nigeria's state, not Cameroon's Adamaoua
        elif kind == DISTRICT:
            score += points.district + (
                points.kind_word_matches if hint in ("district", DIVISION_HINT) else 0.0
            )
        elif kind == ADMIN2:
            score += points.admin2 + (points.kind_word_matches if hint is not None else 0.0)
        elif kind == WARD:
            score += points.ward + (points.town_own_name if self._is_own_name(row, key) else 0.0)
        else:
            score += points.town_per_log10_population * math.log10(self._pop[row] + 1)
            if hint == "district":
                score += points.town_after_district_word
            primary = self._is_own_name(row, key)
            # A town called by its own name beats one that merely lists the word among its
            # alternate names: "Santiago" is Chile's capital, not Santiago de los Caballeros.
            if primary:
                score += points.town_own_name
            # A sizeable town named like its admin1 is that admin1's capital: "Kidal" is the town,
            # but the hamlet "Uruzgan" is not the province.
            admin1 = self._admin1_of(row)
            if (
                primary
                and admin1
                and hint != "admin1"
                and self._pop[row] >= points.town_named_like_its_admin1_min_population
                and fold(admin1) == key
            ):
                score += points.town_named_like_its_admin1
        if near is not None and near.lat is not None and near.lon is not None:
            distance = km(near.lat, near.lon, self._lat[row], self._lon[row])
            score -= min(distance / points.near_km_per_point, points.near_max_penalty)
        return score

    def _best(
        self,
        key: str,
        *,
        country: str | None,
        hint: str | None,
        near: Place | None,
        admin1: str | None = None,
    ) -> int | None:
        rows = self._rows(key)
        if not rows:
            return None
        return max(
            rows,
            key=lambda r: (self._score(r, country=country, hint=hint, near=near, key=key, admin1=admin1), -r),
        )

    # ---- public API

    def resolve(self, name: str, *, country: str | None = None, near: Place | None = None) -> Place | None:
        """Resolve a place name to the most likely :class:`Place`, or None when unknown.

        ``country`` (ISO alpha-2) prefers places in that country; ``near`` prefers places
        close to it; otherwise curated entries, countries and admin1 divisions come first and
        towns are ranked by population. A trailing kind word picks the kind:
        ``resolve("Ghazni province")`` is the admin1 (precision REGION), ``resolve("Ghazni")`` the town.
        """
        words = fold(name).split()
        hint = None
        if len(words) > 1 and words[-1] in ADMIN1_WORDS:
            hint, words = "admin1", words[:-1]
        elif len(words) > 1 and words[-1] in DISTRICT_WORDS:
            hint, words = "district", words[:-1]
        key = " ".join(words)
        row = self._best(key, country=country, hint=hint, near=near)
        if row is None:
            return None
        in_district = hint == "district" and self._kind[row] == CITY
        return self._place(row, precision=PlacePrecision.NEAR_TOWN if in_district else None)

    def find_places(
        self, text: str, *, country: str | None = None, admin1: str | None = None
    ) -> list[tuple[int, int, Place]]:
        """Place names in ``text`` as ``(start, end, place)`` with character offsets, in order.

        Candidates are runs of capitalised words (every word in ALL CAPS text), matched longest
        first against the index; "X province" / "X district" pick the kind, "near X" gives
        precision NEAR_TOWN, and "X district, Y province" gives the district Y as its admin1. Small
        towns outside ``country`` and English words that happen to be village names are
        dropped unless a cue ("in", "town of") stands before them. ``admin1`` (of ``country``:
        the one the article is about) decides between namesakes within the country ("Henry
        County" in an Indiana report is Indiana's).
        """
        return self._places_of(text, find_hits(text, keys=self._keys, titles=self._titles), country, admin1)

    def _places_of(
        self, text: str, hits: list[Hit], country: str | None, admin1: str | None
    ) -> list[tuple[int, int, Place]]:
        """:meth:`find_places` from the name hits of ``text`` (found once by the caller)."""
        places: list[tuple[int, int, Place]] = []
        caps = is_all_caps(text)
        for hit in hits:
            if self.names_no_place(text, hit):
                continue
            if hit.bracketed and hit.hint is None and not _names_the_place_before(text, hit):
                # "Pobe Mengao (Pobe-Mengao, Soum)": a name in a parenthesis of divisions is a
                # division before it is a namesake town (not the commune named like the place)
                hit = replace(hit, hint=DIVISION_HINT)
            place = self._accept(hit, country=country, caps=caps, admin1=admin1)
            if place is None and not caps and self._closes_town_and_division(text, hit, country):
                # "in Barangay Taruk, Tandubas, Tawi-Tawi.": the division a report writes last,
                # after a place of it, though the index knows it only as a second-level division
                division = self._accept(replace(hit, hint=DIVISION_HINT), country=country, admin1=admin1)
                if division is not None and division.feature == "admin2" and division.country == country:
                    place = division
            if place is None and not caps and self._in_bare_division(text, hit):
                # "clashes took place in Trans Mara": a name the index knows only as a
                # second-level division, after "in", is that division
                division = self._accept(replace(hit, hint=DIVISION_HINT), country=country, admin1=admin1)
                if division is not None and division.feature == "admin2":
                    place = division
            if place is None or (not caps and self._is_acronym_alias(text, hit, place)):
                continue
            if not caps and place.feature != "country" and starts_division_name(text, hit.end):
                continue
            if place.feature == "country" and self._actor_noun_after(text, hit.end):
                continue  # "a US airstrike": whose, like a demonym, not where
            if not caps and _in_person_name(text, hit):
                continue  # "Vernon Houston, 19,", "Gerald Levi, 17": a person with an age
            places.append((hit.start, hit.end, place))
        return attach_admin1(self._marked_admin1(text, hits, places))

    def names_no_place(self, text: str, hit: Hit) -> bool:
        """Whether a name the index holds names no place here: a people ("mayors of Arab towns":
        :meth:`names_people`), an office ("the residence of Justice Minister Rene Bagoro") or an
        allegiance ("pro-Turkey rebel factions")."""
        if names_portfolio(text, hit.end) or names_allegiance(text, hit.start):
            return True
        return self.names_people(text, hit)

    def names_people(self, text: str, hit: Hit) -> bool:
        """Whether a people's or faith's name the index also holds as a town ("Arab", Alabama;
        "Roma", Rome) names the people: without a place cue before it, or before a lower-case
        word other than a function word ("mayors of Arab towns", "a Roma camp"); "a home in
        Arab on Tuesday" is the town."""
        if hit.key not in self._peoples:
            return False
        if not hit.cued:
            return True
        after = _LOWER_WORD_AFTER.match(text, hit.end)
        return after is not None and after.group(1) not in STOP_WORDS

    def _closes_town_and_division(self, text: str, hit: Hit, country: str | None) -> bool:
        """Whether a bare name ends a "Place, Division" pair at a clause's end (a full stop or
        semicolon after it; not a parenthesis, where "(Theodorakis, Andrew)" credits a
        photographer) in a text whose country is known."""
        if country is None or hit.hint is not None or hit.named:
            return False
        return bool(_NAME_AND_COMMA_BEFORE.search(text, 0, hit.start)) and bool(
            _CLAUSE_END_AFTER.match(text, hit.end)
        )

    def _in_bare_division(self, text: str, hit: Hit) -> bool:
        """Whether a bare name stands right after "in" (not "according to", which names
        people; not inside a longer capitalised name)."""
        if hit.hint is not None or hit.named or hit.bracketed or text.startswith(" (", hit.end):
            return False  # "in Tudun Wada (Kaduna North)": the parenthesis says what it is
        return bool(_IN_BEFORE.search(text, max(0, hit.start - _IN_REACH), hit.start))

    def _is_acronym_alias(self, text: str, hit: Hit, place: Place) -> bool:
        """Whether a short all-caps word of mixed-case text ("GNA", "LNA") found a town only
        among its alternate names: an organisation's acronym, not India's Guna."""
        written = text[hit.start : hit.end]
        return (
            place.feature == "populated_place"
            and len(written) <= _ACRONYM_MAX
            and written.isupper()
            and fold(place.name) != hit.key
        )

    def is_word(self, name: str) -> bool:
        """Whether ``name`` is known as a place, an English word that names villages, a
        demonym or a generic word: anything but a name the gazetteer has never heard of."""
        key = fold(name)
        return (
            bool(self._rows(key)) or key in self._stopwords or key in self._demonyms or key in self._generic
        )

    def person_names(self, text: str) -> frozenset[str]:
        """Folded names that ``text`` (ALL CAPS) gives a person's title before ("GOVERNMENT
        MINISTER CARLOS MORALES"): in such text every word looks like a name, so a name once
        shown to be a person's is that person's wherever the text repeats it without a place
        cue ("MORALES SAID ..."). Empty for mixed-case text, whose capitals tell names apart."""
        if not is_all_caps(text):
            return frozenset()
        named = [hit.key for hit in find_hits(text, keys=self._keys, titles=self._titles) if hit.named]
        # "CARLOS MORALES" as a whole is a place's name somewhere too: its surname, alone
        # later ("MORALES SAID"), is the same man
        surnames = {key.rsplit(" ", 1)[-1] for key in named if " " in key}
        return frozenset(named) | frozenset(s for s in surnames if s not in self._stopwords)

    def has_namesake_elsewhere(self, place: Place) -> bool:
        """Whether another place of ``place``'s name lies in its country but another admin1
        ("Henry County": Alabama's, Indiana's and eight more)."""
        if not place.country or place.precision > PlacePrecision.NEAR_TOWN:
            return False
        return any(
            self._country_of(row) == place.country and self._admin1_of(row) != place.admin1
            for row in self._rows(fold(place.name))
        )

    def admin1(self, name: str, *, country: str) -> Place | None:
        """The admin1 division ``name`` of ``country`` (ISO alpha-2) as a Place, or None."""
        key = short_admin1(name) or fold(name)
        rows = [r for r in self._rows(key) if self._kind[r] == ADMIN1 and self._country_of(r) == country]
        return self._place(rows[0]) if rows else None

    def country(self, iso: str) -> Place | None:
        """The country with ISO alpha-2 code ``iso`` as a Place (precision COUNTRY), or None."""
        row = self._country_rows.get(iso.upper())
        return None if row is None else self._place(row)

    @functools.cached_property
    def _country_rows(self) -> dict[str, int]:
        return {self._country_of(row): row for row, kind in enumerate(self._kind) if kind == COUNTRY}

    def is_filing_city(self, place: Place) -> bool:
        """Whether ``place`` is a city wire and press-office reports are filed from, whatever
        their news: its country's most populous town (Kabul, San Salvador, Nairobi) or a capital
        that is not (Washington, Ankara, Abuja: ``places_params.json`` "filing_capitals")."""
        if place.precision == PlacePrecision.TOWN and fold(place.name) in self._params.filing_capitals:
            return True
        largest = self._largest_towns.get(place.country or "")
        rows = self._rows(fold(place.name))
        return largest is not None and any(
            self._gid[r] == place.geonames_id and self._pop[r] >= largest for r in rows
        )

    def world_city_namesake(self, place: Place) -> Place | None:
        """The country or world city a small town is named after ("Denmark", South Carolina;
        "Brussels", Wisconsin): a country, or another country's largest city of
        ``_WORLD_CITY_MIN_POPULATION`` people or more, where ``place`` has fewer than
        ``_SMALL_TOWN_MAX_POPULATION``; None otherwise."""
        if place.feature != "populated_place" or not place.geonames_id:
            return None
        rows = self._rows(fold(place.name))
        own = next((r for r in rows if self._gid[r] == place.geonames_id), None)
        if own is None or self._pop[own] >= _SMALL_TOWN_MAX_POPULATION:
            return None
        for row in rows:
            country = self._country_of(row)
            if self._kind[row] == COUNTRY and country != place.country:
                return self._place(row)  # "Denmark", South Carolina: the country
            if (
                self._kind[row] == CITY
                and country != place.country
                and self._pop[row] >= _WORLD_CITY_MIN_POPULATION
                and self._pop[row] >= self._largest_towns.get(country, 0)
            ):
                return self._place(row)
        return None

    @functools.cached_property
    def _largest_towns(self) -> dict[str, int]:
        largest: dict[str, int] = {}
        for row, kind in enumerate(self._kind):
            if kind == CITY:
                country = self._country_of(row)
                largest[country] = max(largest.get(country, 0), self._pop[row])
        return largest

    # ---- internals of find_places

    def _is_big(self, place: Place) -> bool:
        least = self._params.country_votes.big_town_min_population
        rows = self._rows(fold(place.name))
        return any(self._gid[r] == place.geonames_id and self._pop[r] >= least for r in rows)

    def _accept(
        self, hit: Hit, *, country: str | None, caps: bool = False, admin1: str | None = None
    ) -> Place | None:
        single = " " not in hit.key
        if single and (hit.key in self._stopwords or hit.key in self._demonyms) and not hit.cued:
            return None
        if hit.key in self._generic and (hit.hint is None or hit.named):
            # "the capital", "Central", "Northern": words, not names; "Mundri East county": the
            # end of a county's name the gazetteer lacks
            return None
        row = self._best(hit.key, country=country, hint=hit.hint, near=None, admin1=admin1)
        if row is None:
            return None
        kind = self._kind[row]
        if kind == COUNTRY and hit.border:
            return None  # "along the border with Niger": the far side, not the event's country
        if caps and single and not self._caps_plausible(row, hit):
            return None
        if caps and hit.named and kind != COUNTRY:
            return None  # a name after a person's title, with no place cue: the person
        if kind == CITY and not self._city_plausible(row, hit, country, caps=caps):
            return None
        if kind in (ADMIN1, DISTRICT) and country and self._country_of(row) != country and hit.hint is None:
            return None  # a foreign province by bare name is more often a word or a person
        if kind == ADMIN2 and not self._admin2_plausible(row, hit, country):
            return None
        if kind == WARD and not self._ward_plausible(row, hit, country):
            return None
        if (
            kind == ADMIN1
            and hit.named
            and not hit.cued
            and hit.hint is None
            and not self._is_own_name(row, hit.key)
        ):
            return None  # "the Federal Supreme Court": a word of a longer name, not "Federal District"
        if kind == DISTRICT and hit.named and not hit.cued and hit.hint is None:
            return None  # "in Pie Nawa of Tarinkot district": a part of an unknown name
        precision = None
        if kind == CITY and (hit.near or hit.hint == "district"):
            precision = PlacePrecision.NEAR_TOWN
        return self._place(row, precision=precision)

    def _admin2_plausible(self, row: int, hit: Hit, country: str | None) -> bool:
        """A second-level division (47 k of them, many named like people, words or towns) stands
        for itself inside a parenthesis of divisions ("Kombori (Kombori, Kossi)"); in the
        article's country (or with none known) also with a kind word after it ("Kossi province").
        Never alone, even after a cue (counties are named after people: "according to Barnes"),
        as part of an office's name ("Cook County Sheriff", "Police Department") or as an English
        word."""
        if hit.named or hit.key in self._stopwords:
            return False
        if hit.bracketed:
            return True
        if country is not None and self._country_of(row) != country:
            return False
        # "Kossi province", or a division whose own name holds its kind ("Maungdaw District") or
        # a compass part ("Baringo South", "Lamu East": no town is named so)
        return hit.hint is not None or hit.key.rpartition(" ")[2] in KIND_WORDS | COMPASS_PARTS

    def _ward_plausible(self, row: int, hit: Hit, country: str | None) -> bool:
        """A Kenyan ward stands for the village it is named after: in a Kenyan report by its
        name alone ("Hulugho villagers"), with no country known only after a place cue ("in
        Mutha", "the village of Kiunga") or in a parenthesis of divisions, in a report about
        another country never; nor as part of a longer name ("Nzoia Sugar Company")."""
        if hit.named:
            return False
        if country == self._country_of(row):
            return True
        return country is None and (hit.cued or hit.bracketed)

    def _caps_plausible(self, row: int, hit: Hit) -> bool:
        """In ALL CAPS text every word looks like a name, so one word found only among a town's
        alternate names ("PART", "DAMAS") or a short country alias ("US", "CAR") is a word."""
        primary = self._is_own_name(row, hit.key)
        kind = self._kind[row]
        if kind == CITY:
            return primary
        if kind == COUNTRY:
            return primary or len(hit.key) >= _CAPS_MIN_ALIAS
        return True

    def _city_plausible(self, row: int, hit: Hit, country: str | None, *, caps: bool = False) -> bool:
        least = self._params.town_population
        pop = self._pop[row]
        if hit.named and not hit.cued:
            return False
        in_country = country is not None and self._country_of(row) == country
        if in_country:
            return hit.cued or pop >= least.at_home_uncued or " " in hit.key
        primary = self._is_own_name(row, hit.key)
        if caps:
            # ALL CAPS text hides names of people ("RODRIGUEZ", "ALFONSO DE LIMA"): abroad, only
            # world cities, or big towns by their own name when it has several words ("SAN
            # SALVADOR") or a cue stands before it ("IN WASHINGTON"); and once the article's
            # country is known, only after a cue ("IN LIMA").
            big = pop >= least.caps_world_city or (
                (" " in hit.key or hit.cued) and primary and pop >= least.caps_big_town
            )
            return big and (country is None or hit.cued)
        # Abroad, only well-known towns by their main name ("Moscow"), or by any name when huge.
        if country is not None:
            return pop >= least.abroad_known and (primary or pop >= least.abroad_by_any_name)
        if pop >= least.abroad_no_context and (primary or pop >= least.abroad_by_any_name):
            return True
        # With no country known, a cue vouches for a small town by its own name, or by another
        # spelling in a country of armed conflict, whose villages reports spell many ways
        # ("Tillabery", "Diwaniya"): "the mine in Inata" is not Japan's Inada.
        conflict = self._params.country_votes.conflict_countries
        spelled = primary or self._country_of(row) in conflict
        return hit.cued and pop >= least.abroad_no_context_cued and spelled
