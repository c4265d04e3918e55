"""Pairwise compatibility and similarity of event descriptions: dates, places, types, actors.

Each function compares two descriptions (a mention group and an event, or two mentions) and
returns ``None`` when they cannot be the same incident (a hard constraint), else a similarity
in [0, 1]. They are pure and know nothing of articles or the linking order.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from fogofwar.link.params import DEFAULT_PARAMS, GENERIC_ACTOR_KINDS, LinkParams, coarse_type
from fogofwar.model import UNSTATED_DAY_SPAN, ActorRole, Place

EARTH_RADIUS_KM = 6371.0088


def shift_days(day: date, days: int) -> date:
    """``day`` moved by ``days``, held at the calendar's ends (``date.min``, ``date.max``): a
    window or blocking key around a date of year 1 or 9999 stops at the edge instead of
    overflowing."""
    ordinal = min(max(day.toordinal() + days, date.min.toordinal()), date.max.toordinal())
    return date.fromordinal(ordinal)


@dataclass(frozen=True)
class DateRange:
    """A date range with its precision (model.DATE_PRECISIONS: 1 day, 2 range/week, 3 month, 4 year)."""

    start: date
    end: date
    precision: int

    @property
    def precise(self) -> bool:
        """Day, range or week precision: the dates themselves can be compared."""
        return self.precision <= 2

    @cached_property  # a frozen dataclass has a __dict__, which cached_property writes to directly
    def widened(self) -> DateRange:
        """The range as compared: a month-precise date covers its whole month, a year-precise
        one its whole year (``2024-07-01`` at precision 3 is all of July 2024)."""
        if self.precise:
            return self
        if self.precision == 3:
            last = calendar.monthrange(self.end.year, self.end.month)[1]
            return DateRange(self.start.replace(day=1), self.end.replace(day=last), 3)
        return DateRange(date(self.start.year, 1, 1), date(self.end.year, 12, 31), self.precision)


def date_range(start: date | None, end: date | None, precision: int) -> DateRange | None:
    """A description's date range (end defaults to start); None when undated.

    A single day at precision 2 ("range or week") reads as the week up to that day: that is
    how the extractor dates a mention whose sentence states no date (the report's date, exact
    day not stated), and it lets a precisely dated mention of the same event narrow it.
    """
    if start is None:
        return None
    end = end or start
    if end < start:
        start, end = end, start
    if precision == 2 and start == end:
        start = shift_days(end, -UNSTATED_DAY_SPAN)
    return DateRange(start, end, precision)


@dataclass(frozen=True)
class Dates:
    """An incident's dates from its mentions: the narrowed stated ranges, and the narrowed
    inherited ones (dates a mention took from its paragraph or report), used only when no
    mention states a date."""

    stated: DateRange | None = None
    inherited: DateRange | None = None
    # The ranges of mentions whose sentence writes out a calendar day ("On 4 March"), or that
    # took their day from the sentence of their paragraph that does (groups.inherits_calendar_day)
    written: DateRange | None = None

    @property
    def best(self) -> DateRange | None:
        """The stated range when precise; else the stated and inherited ranges combined (a
        precise inherited range beats a vague stated one, as in ``narrow``)."""
        if self.stated is not None and self.stated.precise:
            return self.stated
        return narrow(self.stated, self.inherited)

    def add(self, new: DateRange | None, *, stated: bool, written: bool = False) -> Dates:
        """These dates and one more mention's range (see ``narrow``); ``written``: its sentence,
        or the sentence its day was taken from, writes out a calendar day."""
        on_calendar = narrow(self.written, new) if written else self.written
        if stated:
            return Dates(narrow(self.stated, new), self.inherited, on_calendar)
        return Dates(self.stated, narrow(self.inherited, new), on_calendar)

    def merge(self, other: Dates) -> Dates:
        """These dates and another description's."""
        return Dates(
            narrow(self.stated, other.stated),
            narrow(self.inherited, other.inherited),
            narrow(self.written, other.written),
        )


def gap_days(a: DateRange, b: DateRange) -> int:
    """Days between two ranges as compared (widened); 0 when they overlap."""
    a, b = a.widened, b.widened
    return max(0, (max(a.start, b.start) - min(a.end, b.end)).days)


def date_similarity(
    a: DateRange | None, b: DateRange | None, *, window_days: int, params: LinkParams = DEFAULT_PARAMS
) -> float | None:
    """1 for overlapping precise ranges, falling to 0 at ``window_days`` apart; None beyond.

    An undated side is compatible with anything, a month/year-precise one with anything in its
    month/year (give or take the window); both say little, so they score ``params.vague_date``.
    """
    if a is None or b is None:
        return params.vague_date
    gap = gap_days(a, b)
    if gap > window_days:
        return None
    if not (a.precise and b.precise):
        return params.vague_date
    return 1.0 - gap / (window_days + 1)


def _precise_precision(start: date, end: date) -> int:
    return 1 if start == end else 2


def intersect(a: DateRange, b: DateRange) -> DateRange | None:
    """The overlap of two ranges of the same kind (precise or vague), or None when disjoint."""
    start, end = max(a.start, b.start), min(a.end, b.end)
    if start > end:
        return None
    precision = _precise_precision(start, end) if a.precise else min(a.precision, b.precision)
    return DateRange(start, end, precision)


def hull(a: DateRange, b: DateRange) -> DateRange:
    """The smallest range covering two ranges of the same kind."""
    start, end = min(a.start, b.start), max(a.end, b.end)
    precision = _precise_precision(start, end) if a.precise else min(a.precision, b.precision)
    return DateRange(start, end, precision)


def narrow(current: DateRange | None, new: DateRange | None) -> DateRange | None:
    """Combine an event's range with one more mention's: the intersection of the precise
    ranges, or their hull when the reports disagree (disjoint ranges).

    A precise range always wins over a vague one: a month-precise mention neither widens nor
    narrows a day-precise event, and a day-precise mention replaces a month-precise event's range.
    """
    if new is None:
        return current
    if current is None:
        return new
    if current.precise != new.precise:
        return current if current.precise else new
    return intersect(current, new) or hull(current, new)


def weeks(span: DateRange, *, pad_days: int = 0) -> range:
    """Week numbers (Monday-based, counted continuously: ISO weeks without the year wrap) that
    ``span`` (widened to its month/year when vague) touches, padded by ``pad_days`` each side."""
    span = span.widened
    first = shift_days(span.start, -pad_days).toordinal() - 1
    last = shift_days(span.end, pad_days).toordinal() - 1
    return range(first // 7, last // 7 + 1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _key(text: str | None) -> str | None:
    return " ".join(text.casefold().split()) if text else None


def _regions(place: Place) -> set[str]:
    """Names that identify a place's first-level region (its admin1, or itself when a region)."""
    names = {_key(place.admin1)} if place.admin1 else set()
    if place.precision == 3 or place.feature == "admin1":
        names.add(_key(place.name))
    return {n for n in names if n}


# A second-level division (a county, a province of Burkina Faso) or a third (a Kenyan ward, placed
# at its constituency's centre) as a mention's place, and how many times the link distance a town
# in it may lie from its point (the middle of its towns).
DIVISION_FEATURES = frozenset({"admin2", "admin3"})
ADMIN2_REACH = 3.0


def is_division(place: Place) -> bool:
    """Whether a place is a division below admin1 whose point only roughly places its towns."""
    return place.feature in DIVISION_FEATURES


def same_place(a: Place, b: Place, *, within_km: float) -> bool:
    """Whether two places are the same: same GeoNames id, same name and country, or within ``within_km``."""
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if _key(a.name) == _key(b.name) and (a.country is None or b.country is None or a.country == b.country):
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon) and a.precision <= 2 and b.precision <= 2:
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= within_km  # type: ignore[arg-type]
    return False


def place_similarity(
    a: Place | None, b: Place | None, *, max_km: float, params: LinkParams = DEFAULT_PARAMS
) -> float | None:
    """How well two places agree; None when they cannot be the same incident's place.

    Different countries never match. Two town-level places match within ``max_km`` (1 when the
    same, 0.5 at ``max_km``). A region matches the towns in it, a country the places in it.
    A missing place is compatible with anything.
    """
    if a is None or b is None:
        return params.unknown_place
    if a.country and b.country and a.country != b.country:
        return None
    if same_place(a, b, within_km=0.0):
        return 1.0
    if is_division(a) != is_division(b) and a.precision <= 2 and b.precision <= 2:
        # A county and a town: the town may lie anywhere in it ("in northwest Harris County" and
        # "in Houston"), and its point is only the middle of its towns. They agree when they
        # share an admin1 and the town is not far beyond the division's reach.
        if None not in (a.lat, a.lon, b.lat, b.lon):
            km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
            if km > ADMIN2_REACH * max_km:
                return None
        return _region_similarity(a, b, params.same_admin1, params)
    if a.precision <= 2 and b.precision <= 2:
        if None not in (a.lat, a.lon, b.lat, b.lon):
            km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
            return None if km > max_km else 1.0 - 0.5 * km / max_km
        return _region_similarity(a, b, params.same_admin1_no_coords, params)
    if a.precision == 4 or b.precision == 4:
        return params.same_country
    return _region_similarity(a, b, params.same_admin1, params)


def _region_similarity(a: Place, b: Place, shared: float, params: LinkParams) -> float | None:
    ra, rb = _regions(a), _regions(b)
    if ra and rb:
        return shared if ra & rb else None
    return params.same_country


def type_similarity(
    type_a: str, sub_a: str, type_b: str, sub_b: str, *, params: LinkParams = DEFAULT_PARAMS
) -> float | None:
    """1 same sub-type, ``same_type`` same type, ``same_group`` same coarse group, else None."""
    if coarse_type(type_a) != coarse_type(type_b):
        return None
    if type_a.casefold() != type_b.casefold():
        return params.same_group
    return 1.0 if sub_a.casefold() == sub_b.casefold() else params.same_type


def actor_names(actors: Iterable[ActorRole]) -> frozenset[str]:
    """The case-folded names of the actors that identify an incident (not civilians, not outlets)."""
    return frozenset(
        r.actor.name.casefold() for r in actors if r.actor.kind not in GENERIC_ACTOR_KINDS and r.actor.name
    )


def actor_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap coefficient of two actor-name sets; 0 when either is empty (no evidence)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


__all__ = [
    "DateRange",
    "Dates",
    "actor_names",
    "actor_similarity",
    "date_range",
    "date_similarity",
    "gap_days",
    "haversine_km",
    "hull",
    "intersect",
    "narrow",
    "place_similarity",
    "same_place",
    "shift_days",
    "type_similarity",
    "weeks",
]
