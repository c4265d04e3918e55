"""Blocking: which events a mention group is compared with, so linking cost grows near-linearly.

A block key is ``(place key, week, coarse type)``. Events are indexed under their keys; a
mention group asks for the keys that could hold an event passing the hard constraints
(similarity.py): same coarse type group, dates within the link window, place compatible.

Place keys. A town-level event with coordinates is indexed under its grid cell (cells are
``link_max_km`` high and at least that wide), and a town-level group asks for the cells of its
``link_max_km`` bounding box, so events further away are never compared. An event with a
coarser place (region, country) or no coordinates is indexed under ``X:country``, asked for by
every placed group of that country; every event with a country is also under ``C:country``,
asked for by groups that only know the region or country. An event with no place (or no
country) is under ``P:NONE``, asked for by every placed group; every event is under ``ANY``,
asked for by groups with no place.

A second-level division (a county: "in northwest Harris County") is indexed under, and asks
for, every cell within ``similarity.ADMIN2_REACH`` times the link distance of its point: a town
in it may lie that far from the middle of its towns, and scoring lets the two agree.

Name keys. A stated place is also indexed under its name (``N:name``, case-folded), and a
group with a stated place asks for its name: two reports whose places cannot be one place may
still be one incident when each report's place was read from the same words (a town resolved to
its namesake in another state; cluster.requirements), and the name key brings exactly those
pairs together without comparing a group with every event of its week.

Dates work the same way: an event is indexed under each ISO week its range touches, an undated
one under ``NONE``, and one wider than ``max_block_weeks`` under ``WIDE``; a group asks for the
weeks of its range padded by the window, plus ``WIDE`` and ``NONE``, however wide the range (a
news mention "in 2017" asks for the 53 weeks of 2017, not for every event; an event further
away fails the date window, so no candidate is lost), or ``ANY`` (every event is also under
``ANY``) when it is undated or spans more than ``MAX_QUERY_WEEKS``.

The keys of a linking state (``state_keys``) and of a mention group (``group_keys``) are built
from these, with the town names of their articles (``place_names``).

``block_pairs`` is the dedupe-style self-join of ``(block_key, id)`` records, for callers that
want all candidate pairs at once; ``BlockIndex`` serves the incremental linker, which adds
events while it goes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from fogofwar.link.params import LinkParams, coarse_type
from fogofwar.link.similarity import ADMIN2_REACH, DateRange, is_division, weeks
from fogofwar.model import Article, Extraction, Place, PlacePrecision
from fogofwar.settings import Settings

if TYPE_CHECKING:
    from fogofwar.link.groups import MentionGroup
    from fogofwar.link.state import EventState

NONE = "NONE"
ANY = "ANY"
WIDE = "WIDE"
NO_PLACE = "P:NONE"
# A dated group whose padded range touches more weeks than this (about 20 years) asks for ``ANY``
# date instead of listing them.
MAX_QUERY_WEEKS = 1_000
KM_PER_DEGREE = 111.2  # along a meridian; a degree of longitude is this times cos(latitude)
MIN_COS = 0.05  # caps cell width near the poles (about 87 degrees)

BlockKey = tuple[str, object, str]


def _cell_height(max_km: float) -> float:
    return max(max_km, 1.0) / KM_PER_DEGREE


def _band_width(band: int, height: float) -> float:
    """Longitude width of the cells in a latitude band: at least ``height`` km-equivalent wide."""
    edge = max(abs(band * height), abs((band + 1) * height))
    return height / max(math.cos(math.radians(min(edge, 90.0))), MIN_COS)


def grid_cell(lat: float, lon: float, *, max_km: float) -> str:
    """The grid cell of a point (``G:band:column``)."""
    height = _cell_height(max_km)
    band = math.floor(lat / height)
    return f"G:{band}:{math.floor(lon / _band_width(band, height))}"


def grid_cells_near(lat: float, lon: float, *, max_km: float, reach_km: float | None = None) -> list[str]:
    """The cells (of the ``max_km`` grid) of every point within ``reach_km`` (default ``max_km``)
    of (lat, lon): its bounding box's cells.

    Longitudes are not wrapped at +-180 degrees (places across the date line are not blocked together).
    """
    height = _cell_height(max_km)
    reach_lat = (height if reach_km is None else _cell_height(reach_km)) * 1.01
    far = min(abs(lat) + reach_lat, 90.0)
    reach_lon = reach_lat / max(math.cos(math.radians(far)), MIN_COS)
    cells = []
    for band in range(math.floor((lat - reach_lat) / height), math.floor((lat + reach_lat) / height) + 1):
        width = _band_width(band, height)
        first, last = math.floor((lon - reach_lon) / width), math.floor((lon + reach_lon) / width)
        cells.extend(f"G:{band}:{column}" for column in range(first, last + 1))
    return cells


def _has_point(place: Place) -> bool:
    return place.precision <= 2 and place.lat is not None and place.lon is not None


def _reach_cells(place: Place, max_km: float) -> list[str]:
    """The cells a second-level division (a county) reaches: every point within
    ``ADMIN2_REACH`` times the link distance of its point, as far as a town in it may lie
    (similarity.place_similarity), so that "Henry County" and "Knightstown" are compared."""
    return grid_cells_near(place.lat, place.lon, max_km=max_km, reach_km=ADMIN2_REACH * max_km)  # type: ignore[arg-type]


def _event_places(place: Place | None, max_km: float) -> list[str]:
    if place is None or not place.country:
        values = [NO_PLACE, ANY]
    else:
        values = [f"C:{place.country}", ANY]
        if not _has_point(place):
            values.append(f"X:{place.country}")
    if place is not None and _has_point(place):
        if is_division(place):
            values.extend(_reach_cells(place, max_km))
        else:
            values.append(grid_cell(place.lat, place.lon, max_km=max_km))  # type: ignore[arg-type]
    return values


def _query_places(place: Place | None, max_km: float) -> list[str]:
    if place is None:
        return [ANY]
    if _has_point(place):
        if is_division(place):
            cells = _reach_cells(place, max_km)
        else:
            cells = grid_cells_near(place.lat, place.lon, max_km=max_km)  # type: ignore[arg-type]
        return [*cells, *([f"X:{place.country}"] if place.country else []), NO_PLACE]
    if place.country:
        return [f"C:{place.country}", NO_PLACE]
    return [ANY]


def _date_values(span: DateRange | None, *, max_weeks: int) -> list[object]:
    if span is None:
        return [NONE, ANY]
    touched = weeks(span)
    return [WIDE, ANY] if len(touched) > max_weeks else [*touched, ANY]


def name_key(name: str) -> str:
    """The block key of a place name (``N:`` + the name, case-folded, spaces normalised)."""
    return "N:" + " ".join(name.casefold().split())


def event_keys(
    place: Place | None,
    span: DateRange | None,
    group: str,
    *,
    max_km: float,
    max_weeks: int,
    names: Iterable[str] = (),
) -> list[BlockKey]:
    """The keys an event is indexed under (module docstring); ``names``: its stated place names."""
    dates = _date_values(span, max_weeks=max_weeks)
    places = [*_event_places(place, max_km), *sorted({name_key(n) for n in names if n.strip()})]
    return [(p, d, group) for p in places for d in dates]


def query_keys(
    place: Place | None,
    span: DateRange | None,
    group: str,
    *,
    max_km: float,
    window_days: int,
    max_weeks: int,
    names: Iterable[str] = (),
) -> list[BlockKey]:
    """The keys a mention group looks up (module docstring); ``names``: its stated place names."""
    if span is None:
        dates: list[object] = [ANY]
    else:
        touched = weeks(span, pad_days=window_days)
        dates = [ANY] if len(touched) > MAX_QUERY_WEEKS else [*touched, WIDE, NONE]
    places = [*_query_places(place, max_km), *sorted({name_key(n) for n in names if n.strip()})]
    return [(p, d, group) for p in places for d in dates]


def block_pairs(records: Iterable[tuple[Hashable, str]]) -> Iterator[tuple[str, str]]:
    """Pairs of ids that share at least one block key, each pair once as ``(a, b)`` with ``a < b``.

    ``records`` are ``(block_key, id)``; like dedupe's ``pairs()``, this is a self-join on the
    key with ``a.id < b.id``. Pairs come out sorted.
    """
    blocks: dict[Hashable, set[str]] = defaultdict(set)
    for key, item in records:
        blocks[key].add(item)
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs.add((a, b))
    yield from sorted(pairs)


class BlockIndex:
    """Event ids by block key, filled as events are created or widened."""

    def __init__(self) -> None:
        self._ids: dict[BlockKey, list[str]] = defaultdict(list)
        self._keys: dict[str, set[BlockKey]] = defaultdict(set)
        self._order: dict[str, int] = {}

    def add(self, event_id: str, keys: Iterable[BlockKey]) -> None:
        """Index ``event_id`` under ``keys`` (keys it already has are skipped)."""
        self._order.setdefault(event_id, len(self._order))
        known = self._keys[event_id]
        for key in keys:
            if key not in known:
                known.add(key)
                self._ids[key].append(event_id)

    def candidates(self, keys: Iterable[BlockKey]) -> list[str]:
        """Distinct event ids under any of ``keys``, in the order they were first indexed."""
        found = {event_id for key in keys for event_id in self._ids.get(key, ())}
        return sorted(found, key=self._order.__getitem__)


# -- the keys of a linking state and of a mention group ----------------------------------------

# Place names finer than this precision (towns 1, districts 2) make name block keys; regions and
# countries would put every event of a state or country in one block.
NAME_PRECISION = PlacePrecision.NEAR_TOWN


def state_keys(
    event: EventState, settings: Settings, params: LinkParams, article_names: Mapping[str, set[str]]
) -> list[BlockKey]:
    """The keys an event is indexed under: its stated place's cells, the names of its stated places
    and of the towns its articles mention, its dates and type group."""
    stated = event.place if event.place_stated else None
    names = {p.name for p, was_stated in event.places if was_stated}
    names.update(name for i in event.article_ids for name in article_names.get(i, ()))
    if stated is not None:
        names.add(stated.name)
    return event_keys(
        stated,
        event.match_dates(settings.background_days),
        event.group,
        max_km=settings.link_max_km,
        max_weeks=params.max_block_weeks,
        names=names,
    )


def group_keys(
    group: MentionGroup, settings: Settings, params: LinkParams, article_names: Mapping[str, set[str]]
) -> list[BlockKey]:
    """The keys a mention group looks up: the cells near its stated place, its article's town
    names, its dates (within the link window) and type group."""
    stated = group.place if group.place_stated else None
    names = set(article_names.get(group.article_id, ()))
    if stated is not None:
        names.add(stated.name)
    return query_keys(
        stated,
        group.match_dates,
        coarse_type(group.event_type),
        max_km=settings.link_max_km,
        window_days=settings.link_window_days,
        max_weeks=params.max_block_weeks,
        names=names,
    )


def place_names(extraction: Extraction, article: Article | None = None) -> set[str]:
    """The town- and district-level place names an article's mentions (and dateline) give: the
    names block keys under which a place conflict may still link (blocking.py, ``names_cross``)."""
    names = {
        m.place.name
        for m in extraction.mentions
        if m.place is not None and m.place.precision <= NAME_PRECISION
    }
    if article is not None and article.dateline_place:
        names.add(article.dateline_place)
    return names


__all__ = [
    "ANY",
    "NAME_PRECISION",
    "NONE",
    "NO_PLACE",
    "WIDE",
    "BlockIndex",
    "BlockKey",
    "block_pairs",
    "event_keys",
    "grid_cell",
    "grid_cells_near",
    "group_keys",
    "name_key",
    "place_names",
    "query_keys",
    "state_keys",
]
