"""The divisions a report writes with a place (mixed into ``Gazetteer``): "Springfield, Ill.",
"Henry County, Indiana", "Port Sudan (Red Sea state)", "Mehrabpur city (Naushahro Firoz,
Sindh)". The written division decides between the namesakes of the place before it, or, where
the index knows the place only in another region, is all that is known of where it lies."""

from __future__ import annotations

import re
from dataclasses import replace

from fogofwar.extract.places.text import KIND_WORDS, Hit
from fogofwar.model import Place, PlacePrecision

# Between a name and the admin1 written after it: a comma ("Knightstown, Indiana"), after the
# name's kind word ("Qarabagh district, Kabul", "Dawlat Abad district center, Balkh").
_ADMIN1_SEPARATOR = re.compile(
    r"(?:[ \t]+(?:" + "|".join(sorted(KIND_WORDS)) + r")(?:[ \t]+cent(?:er|re))?)?,[ \t]*",
    re.IGNORECASE,
)
# The parenthesis of divisions after a place, a kind word or two between: "Mehrabpur city (Naushahro
# Firoz, Sindh)", "Mado Gashi market (Isiolo)", "(Bama, Houet)".
_DIVISIONS_AFTER = re.compile(r"(?:[ \t]+[a-z]+){0,2}[ \t]*\(([^()]*)\)")
# Between a town and its region: "Sinkat, Red Sea", "Port Sudan (Red Sea state)".
_REGION_AFTER_TOWN = re.compile(r",[ \t]*|[ \t]*\([ \t]*")


class WrittenDivisions:
    """A place's namesake chosen by the divisions written after it (mixed into ``Gazetteer``,
    whose rows and lookups it reads)."""

    _abbreviations: dict[str, tuple[str, str]]
    _abbreviation_after: re.Pattern[str] | None

    def _marked_admin1(
        self, text: str, hits: list[Hit], places: list[tuple[int, int, Place]]
    ) -> list[tuple[int, int, Place]]:
        """A town or division followed by its admin1 ("Springfield, Ill.", "Henry County,
        Indiana") is its namesake in that admin1 when it has one there."""
        by_start = {hit.start: hit for hit in hits}
        out = list(places)
        for k, (start, end, place) in enumerate(out):
            if start not in by_start or (
                place.precision > PlacePrecision.NEAR_TOWN and not by_start[start].bracketed
            ):
                continue  # a division in a parenthesis of divisions lies in the next one: "(Beni, Nord-Kivu)"
            marked = self._admin1_after(text, end, out[k + 1 :], place.country)
            if marked is None or (marked[0] == place.country and marked[1] == place.admin1):
                continue
            hit = by_start[start]
            row = self._best(hit.key, country=marked[0], hint=hit.hint, near=None, admin1=marked[1])
            if row is not None and self._country_of(row) == marked[0] and self._admin1_of(row) == marked[1]:
                out[k] = (start, end, self._place(row, precision=PlacePrecision(place.precision)))
            elif (
                place.country == marked[0]
                or (place.precision <= PlacePrecision.NEAR_TOWN and _DIVISIONS_AFTER.match(text, end))
            ) and (region := self.admin1(marked[1], country=marked[0])):
                # "Mykilske, Kharkiv", "Bama (Bama, Houet)": the text says which region holds the
                # village; the index knows only a namesake in another region or country, so the
                # region is all that is known.
                at_region = replace(
                    place,
                    admin1=region.name,
                    country=region.country,
                    lat=region.lat,
                    lon=region.lon,
                    geonames_id=None,
                    precision=int(PlacePrecision.REGION),
                )
                out[k] = (start, end, at_region)
        for k in range(1, len(out)):
            out[k] = self._town_region(text, out[k - 1], out[k])
        return out

    def _town_region(
        self, text: str, town: tuple[int, int, Place], division: tuple[int, int, Place]
    ) -> tuple[int, int, Place]:
        """An admin1 written right after a town ("Port Sudan (Red Sea state)", "Sinkat, Red
        Sea") is the town's own when its country has one of that name: a region's name is
        shared across borders (Red Sea: Sudan and Egypt), the town's is the surer."""
        _, town_end, place = town
        start, end, region = division
        if region.feature == "populated_place":
            return self._capital_as_region(text, town, division)
        if (
            region.feature != "admin1"
            or place.precision > PlacePrecision.NEAR_TOWN
            or not place.country
            or region.country == place.country
            or not _REGION_AFTER_TOWN.fullmatch(text, town_end, start)
        ):
            return division
        own = self.admin1(text[start:end], country=place.country)
        return division if own is None else (start, end, own)

    def _capital_as_region(
        self, text: str, town: tuple[int, int, Place], capital: tuple[int, int, Place]
    ) -> tuple[int, int, Place]:
        """A town written right after another town of its admin1 and named like that admin1
        ("Ciudad del Carmen, Campeche", "Nove, Kharkiv") is the region, not its capital."""
        _, town_end, place = town
        start, end, region = capital
        if (
            place.precision > PlacePrecision.NEAR_TOWN
            or not place.country
            or region.country != place.country
            or not _REGION_AFTER_TOWN.fullmatch(text, town_end, start)
        ):
            return capital
        own = self.admin1(text[start:end], country=place.country)
        return (start, end, own) if own is not None and own.name == place.admin1 else capital

    def _admin1_after(
        self, text: str, end: int, following: list[tuple[int, int, Place]], country: str | None
    ) -> tuple[str, str] | None:
        """(country, admin1) of an admin1 written right after a name (", Ill.", ", Indiana"), or
        from the parenthesis of divisions after it: the admin1 of the first second-level
        division the index knows ("Bama (Bama, Houet)"), else the last admin1 written
        ("Mehrabpur city (Naushahro Firoz, Sindh)")."""
        found = self._abbreviation_after.match(text, end) if self._abbreviation_after else None
        if found is not None:
            return self._abbreviations[found.group(1)]
        if not following:
            return None
        next_start, next_end, place = following[0]
        if place.country and _ADMIN1_SEPARATOR.fullmatch(text[end:next_start]):
            if place.feature == "admin1":
                return self._region_written(text[next_start:next_end], country) or (place.country, place.name)
            if place.feature == "populated_place" and (
                region := self._region_written(text[next_start:next_end], place.country)
            ):
                return region  # "Nove, Kharkiv": a region written by its short name, its capital's
        bracket = _DIVISIONS_AFTER.match(text, end)
        if bracket is None:
            return None
        # A second-level division the index knows gives its admin1 (the surer: "Goniri (Gujba
        # LGA, Borno)" misnames Gujba's state); else the last admin1 written
        named: tuple[str, str] | None = None
        for next_start, next_end, place in following:
            if next_end > bracket.end(1):
                break
            if next_start < bracket.start(1) or not place.country:
                continue
            written = text[next_start:next_end]
            if place.feature == "admin2" and place.admin1:
                return place.country, place.admin1
            if place.feature in ("admin1", "populated_place"):
                # "(Isiolo)": the county, by its town's name
                named = (
                    self._region_written(written, country)
                    or self._region_written(written, place.country)
                    or named
                )
        return named

    def _region_written(self, written: str, country: str | None) -> tuple[str, str] | None:
        """(country, admin1) of ``country``'s admin1 named ``written``, if it has one: "Punjab"
        after a Pakistani town is Pakistan's, "Red Sea" after a Sudanese one Sudan's."""
        region = self.admin1(written, country=country) if country else None
        return None if region is None else (region.country or country, region.name)


__all__ = ["WrittenDivisions"]
