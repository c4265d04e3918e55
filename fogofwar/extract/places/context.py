"""What a whole text says of where it is: the country and the admin1 an article is about, voted
by the names in it (``places_params.json`` "country_votes" and "admin1_votes").

:class:`ContextVotes` holds these methods of :class:`fogofwar.extract.places.Gazetteer` (its
base class), apart from the lookup itself: they read the gazetteer's index and name rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fogofwar.extract.places.index import ADMIN2, CITY, COUNTRY, WARD
from fogofwar.extract.places.text import ADMIN1_WORDS, Hit, find_hits, is_all_caps, tokens
from fogofwar.model import Place, PlacePrecision

if TYPE_CHECKING:
    from fogofwar.extract.places.data import PlaceParams

# A kind word right after a division's name ("Donetsk region", "Kossi province").
_KIND_WORD_AFTER = re.compile(r"\s+(?:" + "|".join(sorted(ADMIN1_WORDS)) + r")\b", re.IGNORECASE)
# The word right after a name ("US forces"; not "Mali's army", which reports mostly write of
# a country's own army at home).
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")
# Before a region written by its capital's name: another name and a comma or "in" ("Nadiia,
# Donetsk", "the town of Karak in Dar'a"), or the land around it ("the northern countryside of
# Idleb", "the province of Kunduz").
_REGION_OF_TOWN_BEFORE = re.compile(
    r"(?:[A-ZÀ-Þ][\w'’-]*(?:,[ \t]*|[ \t]+in[ \t]+)|\b(?:countryside|province|governorate)[ \t]+of[ \t]+)$"
)
# Votes below this are rounding, not evidence.
_EPSILON = 1e-9


@dataclass(frozen=True)
class CountryEvidence:
    """An article's main country, and whether it names divisions of that country that only its
    kind words name (``ContextVotes.country_evidence``)."""

    country: str | None
    named_by_places: bool


class ContextVotes:
    """The gazetteer's votes on a text's country and admin1 (mixed into ``Gazetteer``)."""

    _params: PlaceParams
    _demonyms: dict[str, str]
    _regional: frozenset[str]
    _stopwords: frozenset[str]
    _generic: frozenset[str]
    _keys: dict[str, int]
    _titles: frozenset[str]

    def country_context(
        self, text: str, *, dateline: str | None = None, dateline_country: str | None = None
    ) -> str | None:
        """The article's main country (ISO alpha-2), or None when nothing points to one
        (:meth:`country_evidence`)."""
        return self.country_evidence(text, dateline=dateline, dateline_country=dateline_country).country

    def country_evidence(
        self, text: str, *, dateline: str | None = None, dateline_country: str | None = None
    ) -> CountryEvidence:
        """The article's main country (ISO alpha-2, None when nothing points to one), and whether
        divisions named with a kind word only that country uses voted it (``named_by_places``).

        Votes (``places_params.json`` "country_votes"): country names and demonyms ("Malian",
        "Afghan") count 1, admin1 names and curated places 0.5, towns of >= 100 k people 0.25; the
        first 400 characters (title, dateline, lead) count double. The ``dateline`` place, when
        given and known, adds 2 for its country: a report is usually filed in the country it is
        about, and the dateline names its town even when the town is too small to vote from the
        text alone. A ``dateline_country`` the dateline names outright ("TAWILA, Sudan") takes
        those votes instead of its town's namesake. An admin1 or admin2 named with its kind word
        ("Donetsk region") or in a parenthesis of divisions ("Kain (Kain, Yatenga)") counts 1.5, as
        does a kind word only one country's divisions use ("Toungo LGA": Nigeria). A country's
        name before an actor noun ("a US airstrike") votes as its demonym would.
        Names no context placed (villages, divisions in a parenthesis: "Kombori (Kossi)") vote
        for each country holding a place of that name, shared among them, countries of armed
        conflict counting more (:meth:`_namesake_votes`). A demonym is whose forces acted: on a
        tie the country the places name wins, and the event is never placed at a country only
        demonyms named (``MentionContext.names_its_country``). ``named_by_places`` says whether
        divisions named with a kind word only that country uses ("Barangay Magdawat") voted at
        least ``min_score`` for it: the text names places there the index may not list.
        """
        params = self._params.country_votes

        def lead(position: int) -> float:  # title, dateline and lead count more
            return params.lead_factor if position < params.lead_chars else 1.0

        votes: Counter[str] = Counter()
        by_demonym: Counter[str] = Counter()
        by_kind_word: Counter[str] = Counter()
        by_dateline: Counter[str] = Counter()
        if dateline_country:
            # "TAWILA, Sudan": the dateline names its country; its town may be a namesake abroad
            by_dateline[dateline_country] += params.dateline
        elif dateline:
            filed = self.resolve(dateline)
            if filed is not None and filed.country:
                by_dateline[filed.country] += params.dateline
        votes.update(by_dateline)
        words = tokens(text)
        for k, (token_start, _token_end, key) in enumerate(words):
            iso = self._demonyms.get(key)
            previous = words[k - 1][2] if k else ""
            if iso and f"{previous} {key}" not in self._regional:  # not "Central American"
                following = words[k + 1][2] if k + 1 < len(words) else ""
                weight = params.demonym * lead(token_start)
                if following in params.actor_nouns:
                    weight *= params.actor_demonym_factor  # "Russian forces": whose, not where
                votes[iso] += weight
                by_demonym[iso] += weight
            kind_country = params.kind_word_countries.get(key)
            # "Toungo LGA", "Barangay Magdawat": a kind word only one country's divisions use
            if kind_country and (
                (k and text[words[k - 1][0]].isupper())
                or (k + 1 < len(words) and text[words[k + 1][0]].isupper())
            ):
                weight = params.named_division * lead(token_start)
                votes[kind_country] += weight
                by_kind_word[kind_country] += weight
        town_weight = params.precision_weight[PlacePrecision.TOWN]
        voted: set[tuple[int, int]] = set()
        # The name hits are found once: the places vote, and the names no place took vote as namesakes.
        hits = find_hits(text, keys=self._keys, titles=self._titles)
        bracketed = {(hit.start, hit.end) for hit in hits if hit.bracketed}
        for start, end, place in self._places_of(text, hits, None, None):
            if not place.country:
                continue
            weight = params.precision_weight.get(PlacePrecision(place.precision), town_weight)
            region_named = self._names_region_after_town(text, start, end, place)
            if (
                place.feature == "populated_place"
                and place.geonames_id
                and not self._is_big(place)
                and not region_named
            ):
                continue
            if place.feature in ("admin1", "admin2") and (
                _KIND_WORD_AFTER.match(text, end) or (start, end) in bracketed
            ):
                # "Dnipropetrovsk region", "Kossi province", "Kain (Kain, Yatenga)": a place
                # stated as a division outvotes the demonym of whoever acted there ("Russian
                # forces shelled ...") and a village's namesake abroad.
                weight = params.named_division
            elif region_named:
                weight = params.named_division  # "Nadiia, Donetsk": the village's region
            votes[place.country] += weight * lead(start)
            voted.add((start, end))
        for hit in hits:
            home = self._actor_home(text, hit) if (hit.start, hit.end) not in voted else None
            if home is not None:  # "a US airstrike": counted as the demonym "American" would be
                weight = params.demonym * params.actor_demonym_factor * lead(hit.start)
                votes[home] += weight
                by_demonym[home] += weight
                voted.add((hit.start, hit.end))
        if not is_all_caps(text):
            for hit in hits:
                if (hit.start, hit.end) not in voted and not self.names_no_place(text, hit):
                    for iso, weight in self._namesake_votes(hit).items():
                        votes[iso] += weight * lead(hit.start)
        if not votes:
            return CountryEvidence(None, False)
        # On a tie the country named by places wins over the one named by demonyms (who acted):
        # "Turkish jets struck positions in northern Iraq".
        iso = max(votes, key=lambda c: (votes[c], votes[c] - by_demonym[c]))
        if not is_all_caps(text) and votes[iso] - by_demonym[iso] < _EPSILON:
            # only demonyms voted it ("Borana and Somalis clashed in Quri area of Garba Tula"):
            # a people or a force named, not where; the country the text's places name wins
            # (not the filing place's: "HAVANA - Salvadoran troops fought rebels")
            def named(c: str) -> float:
                return votes[c] - by_demonym[c] - by_dateline[c]

            placed = max(votes, key=named)
            if named(placed) >= params.min_score:
                iso = placed
        if votes[iso] < params.min_score:
            return CountryEvidence(None, False)
        return CountryEvidence(iso, by_kind_word[iso] >= params.min_score)

    def _names_region_after_town(self, text: str, start: int, end: int, place: Place) -> bool:
        """Whether a town's name written after another name and a comma or "in", or after "the
        countryside of", is its region's short name ("Nadiia, Donetsk", "Karak in Dar'a", "the
        countryside of Idleb": the region named like its capital)."""
        if place.feature != "populated_place" or not place.country:
            return False
        if not _REGION_OF_TOWN_BEFORE.search(text, max(0, start - 60), start):
            return False
        return self.admin1(text[start:end], country=place.country) is not None

    def _namesake_votes(self, hit: Hit) -> dict[str, float]:
        """Votes of a name no country context placed (a village, a second-level division, a
        foreign province): each country holding a place of that name gets the weight of its best
        such place ("namesakes" in country_votes), the weights shared among the countries, a
        country of armed conflict counting ``conflict_prior`` times (the news this tool reads is
        about them: "Silly" is the village in Burkina Faso rather than the Belgian one)."""
        params = self._params.country_votes
        weights = params.namesakes
        if hit.named and not hit.cued:
            return {}
        if " " not in hit.key and (hit.key in self._stopwords or hit.key in self._demonyms) and not hit.cued:
            return {}
        if hit.key in self._generic and hit.hint is None:
            return {}
        best: dict[str, float] = {}
        for row in self._rows(hit.key):
            kind = self._kind[row]
            if kind == COUNTRY:
                continue
            if kind in (CITY, WARD):  # a ward is named like its village
                weight = weights["town_cued"] if hit.cued else weights["town"]
                if not self._is_own_name(row, hit.key):
                    weight *= weights["alternate_name_factor"]
            elif kind == ADMIN2:
                weight = weights["admin2_marked"] if hit.hint or hit.bracketed else weights["admin2"]
            else:
                weight = weights["region"]
            iso = self._country_of(row)
            best[iso] = max(best.get(iso, 0.0), weight)
        if not best:
            return {}
        share = 1.0 / len(best)
        conflict = params.conflict_countries
        return {
            iso: weight * share * (params.conflict_prior if iso in conflict else 1.0)
            for iso, weight in best.items()
        }

    def admin1_context(
        self, places: Iterable[Place], *, country: str, dateline: Place | None = None
    ) -> str | None:
        """The admin1 of ``country`` an article is about, voted by the ``places`` it names and
        its ``dateline`` town (``places_params.json`` "admin1_votes"), or None when no admin1
        wins clearly."""
        rule = self._params.admin1_votes
        votes: Counter[str] = Counter()
        if (
            dateline is not None
            and dateline.country == country
            and dateline.admin1
            and dateline.precision <= PlacePrecision.NEAR_TOWN
        ):
            votes[dateline.admin1] += rule.dateline
        for place in places:
            if place.country != country or not place.admin1 or place.precision > PlacePrecision.REGION:
                continue
            votes[place.admin1] += rule.namesake if self.has_namesake_elsewhere(place) else 1.0
        if not votes:
            return None
        (best, score), *_ = votes.most_common(1)
        if score < rule.min_votes or score <= rule.min_share * sum(votes.values()):
            return None
        return best

    def _actor_home(self, text: str, hit: Hit) -> str | None:
        """The country a name followed by an actor noun names as the actor's ("US forces")."""
        if hit.border or not self._actor_noun_after(text, hit.end):
            return None
        rows = [row for row in self._rows(hit.key) if self._kind[row] == COUNTRY]
        return self._country_of(rows[0]) if rows else None

    def _actor_noun_after(self, text: str, end: int) -> bool:
        """Whether the word after a name names an armed actor or its weapons ("forces",
        "airstrike"): the name says whose they are."""
        following = _NEXT_WORD.match(text, end)
        nouns = self._params.country_votes.actor_nouns
        return following is not None and following.group(1).casefold() in nouns


__all__ = ["ContextVotes"]
