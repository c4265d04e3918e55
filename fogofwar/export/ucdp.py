"""UCDP GED-shaped CSV: one row per event of organised violence, UCDP GED 24.1's columns in
``COLUMNS`` order.

UCDP GED records only organised violence with at least one death: an event that is not (a
protest, a riot, a strategic development, a crash with no dead, a killing by an unknown hand)
is left out of the file, and the number left out is logged. ``type_of_violence`` follows
UCDP's rules (1 state-based, 2 non-state, 3 one-sided) and, as in UCDP, side a of state-based
violence is the state. Deaths are read through ``fogofwar.export.figures`` (the event totals of
``reconcile``). Columns that name UCDP's own conflicts, dyads and actors (their ids,
Gleditsch-Ward numbers) stay empty: nothing is guessed. The scales and rules are data
(``resources/export_ucdp.json``); docs/EXPORTS.md documents every column.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

from fogofwar.export.countries import country_info
from fogofwar.export.figures import Deaths, deaths
from fogofwar.export.outlets import copies_of
from fogofwar.export.places import admin2
from fogofwar.export.sides import SIDE_A, SIDE_B, side_actors
from fogofwar.export.tabular import csv_bytes, stable_number
from fogofwar.export.vocab import UcdpVocab, ucdp_vocab
from fogofwar.model import Actor, Article, Event, Place
from fogofwar.outlets import event_articles, event_outlets, outlet_names, source_count
from fogofwar.reconcile import counted_claims

logger = logging.getLogger(__name__)

COLUMNS = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
HIGH_CLARITY, LOW_CLARITY = 1, 2
# UCDP GED ids are integers; ours are derived from the event id (see tabular.stable_number).
ID_DIGITS = 9


def is_state(actor: Actor, *, vocab: UcdpVocab | None = None) -> bool:
    """Whether an actor is a state's forces (by kind or ACLED inter code)."""
    vocab = vocab or ucdp_vocab()
    return actor.kind in vocab.state_kinds or actor.inter in vocab.state_inter


def type_of_violence(event: Event, *, vocab: UcdpVocab | None = None) -> int | None:
    """UCDP's type of violence, None when the event is not organised violence.

    3 one-sided: violence against civilians, or a state's excessive force against protesters,
    by a known perpetrator (a side a actor). 1 state-based: battles and explosions/remote
    violence with a state on side a or b; 2 non-state: the same with known actors, none a state.
    Protests, riots, strategic developments, and violence with no known actor are None.
    """
    vocab = vocab or ucdp_vocab()
    side_a, side_b = side_actors(event, SIDE_A), side_actors(event, SIDE_B)
    if (
        event.event_type in vocab.one_sided_event_types
        or event.sub_event_type in vocab.one_sided_sub_event_types
    ):
        return ONE_SIDED if side_a else None
    if event.event_type not in vocab.organised_event_types or not (side_a or side_b):
        return None
    return STATE_BASED if _has_state(side_a + side_b, vocab) else NON_STATE


def is_organised_violence(event: Event, *, vocab: UcdpVocab | None = None) -> bool:
    """Whether UCDP GED would record the event: organised violence (:func:`type_of_violence`) with
    a best death count of at least ``min_deaths`` (1)."""
    vocab = vocab or ucdp_vocab()
    best = deaths(event).best
    return type_of_violence(event, vocab=vocab) is not None and (best or 0) >= vocab.min_deaths


def where_prec(place: Place | None, *, vocab: UcdpVocab | None = None) -> int | None:
    """UCDP where_prec of a place (by feature, else by our precision); None without a place."""
    vocab = vocab or ucdp_vocab()
    if place is None:
        return None
    if place.feature in vocab.where_prec_by_feature:
        return vocab.where_prec_by_feature[place.feature]
    return vocab.where_prec.get(place.precision)


def date_prec(event: Event, *, vocab: UcdpVocab | None = None) -> int | None:
    """UCDP date_prec: from the days start..end covers when both are known, else from our precision."""
    vocab = vocab or ucdp_vocab()
    if event.start is None:
        return None
    if event.end is not None and event.end != event.start:
        days = (event.end - event.start).days + 1
        for max_days, prec in vocab.date_prec_by_span:
            if days <= max_days:
                return prec
        return vocab.date_prec_longer
    return vocab.date_prec.get(event.date_precision, vocab.date_prec_longer)


def event_clarity(event: Event, *, vocab: UcdpVocab | None = None) -> int:
    """2 (low clarity: a summary over a period) when the event covers more days than the
    vocabulary's ``max_days`` or is dated only to a month or year; else 1 (high)."""
    vocab = vocab or ucdp_vocab()
    days = (event.end - event.start).days + 1 if event.start and event.end else 1
    if days > vocab.clarity_max_days:
        return LOW_CLARITY
    if event.date_precision > vocab.clarity_max_date_precision:
        return LOW_CLARITY
    return HIGH_CLARITY


def priogrid_gid(lat: float | None, lon: float | None, *, vocab: UcdpVocab | None = None) -> int | None:
    """The PRIO-GRID cell of a point (0.5 degree cells numbered from 1 at the south-west corner,
    row by row); None without valid coordinates."""
    vocab = vocab or ucdp_vocab()
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    columns, rows = round(360 / vocab.priogrid_degrees), round(180 / vocab.priogrid_degrees)
    row = min(math.floor((lat + 90) / vocab.priogrid_degrees), rows - 1)
    column = min(math.floor((lon + 180) / vocab.priogrid_degrees), columns - 1)
    return row * columns + column + 1


def ucdp_region(
    alpha_2: str | None, acled_region: str | None, *, vocab: UcdpVocab | None = None
) -> str | None:
    """UCDP's region (Africa, Americas, Asia, Europe, Middle East) of a country; None when unknown."""
    vocab = vocab or ucdp_vocab()
    if alpha_2 and alpha_2.upper() in vocab.region_by_country:
        return vocab.region_by_country[alpha_2.upper()]
    return vocab.region_by_acled_region.get(acled_region or "")


def ucdp_sides(
    event: Event, violence: int | None, *, vocab: UcdpVocab | None = None
) -> tuple[list[Actor], list[Actor], bool]:
    """(side a, side b, swapped) as UCDP writes them: in state-based violence side a is the state,
    so the sides are swapped (``swapped`` True) when only side b holds one."""
    vocab = vocab or ucdp_vocab()
    side_a, side_b = side_actors(event, SIDE_A), side_actors(event, SIDE_B)
    if violence == STATE_BASED and not _has_state(side_a, vocab) and _has_state(side_b, vocab):
        return side_b, side_a, True
    return side_a, side_b, False


def _has_state(actors: Sequence[Actor], vocab: UcdpVocab) -> bool:
    return any(is_state(a, vocab=vocab) for a in actors)


def _names(actors: Sequence[Actor], separator: str) -> str:
    return separator.join(a.name for a in actors)


def _deaths_by_side(figures: Deaths, swapped: bool) -> tuple[int, int]:
    a, b = figures.side_a or 0, figures.side_b or 0
    return (b, a) if swapped else (a, b)


def ucdp_row(event: Event, articles: Mapping[str, Article]) -> dict[str, Any]:
    """One event as a UCDP GED row (keys: ``COLUMNS``); None values are written as empty cells.

    The row is written whatever the event; :func:`ucdp_csv` keeps only organised violence.
    """
    vocab = ucdp_vocab()
    sep = vocab.list_separator
    place = event.place
    country = country_info(place.country if place else None)
    violence = type_of_violence(event, vocab=vocab)
    side_a, side_b, swapped = ucdp_sides(event, violence, vocab=vocab)
    side_b_name = _names(side_b, sep)
    if violence == ONE_SIDED and not side_b_name:
        side_b_name = vocab.civilians_side
    side_a_name = _names(side_a, sep)
    sources = event_articles(event, articles)
    figures = deaths(event)
    deaths_a, deaths_b = _deaths_by_side(figures, swapped)
    lat = place.lat if place else None
    lon = place.lon if place else None
    claimants = counted_claims(event.claims, copies=copies_of(event, articles))
    return {
        "id": stable_number(event.id, digits=ID_DIGITS),
        "relid": event.id,
        "year": event.start.year if event.start else None,
        "active_year": None,
        "code_status": None,
        "type_of_violence": violence,
        "conflict_dset_id": None,
        "conflict_new_id": None,
        "conflict_name": None,
        "dyad_dset_id": None,
        "dyad_new_id": None,
        "dyad_name": f"{side_a_name}{vocab.dyad_separator}{side_b_name}"
        if side_a_name and side_b_name
        else None,
        "side_a_dset_id": None,
        "side_a_new_id": None,
        "side_a": side_a_name,
        "side_b_dset_id": None,
        "side_b_new_id": None,
        "side_b": side_b_name,
        "number_of_sources": source_count(event, articles),
        "source_article": sep.join(_citation(a) for a in sources),
        "source_office": sep.join(event_outlets(event, articles)),
        "source_date": sep.join(d.isoformat() if (d := a.reference_date) else "" for a in sources),
        "source_headline": sep.join(a.title or "" for a in sources),
        "source_original": sep.join(dict.fromkeys(c.claimant for c in claimants if c.claimant)),
        "where_prec": where_prec(place, vocab=vocab),
        "where_coordinates": place.name if place else None,
        "where_description": None,
        "adm_1": place.admin1 if place else None,
        "adm_2": admin2(place),
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid_gid(lat, lon, vocab=vocab),
        "country": country.name if country else (place.country if place else None),
        "country_id": None,
        "region": ucdp_region(
            country.alpha_2 if country else None, country.region if country else None, vocab=vocab
        ),
        "event_clarity": event_clarity(event, vocab=vocab),
        "date_prec": date_prec(event, vocab=vocab),
        "date_start": event.start.isoformat() if event.start else None,
        "date_end": (event.end or event.start).isoformat() if event.start else None,
        "deaths_a": deaths_a,
        "deaths_b": deaths_b,
        "deaths_civilians": figures.civilians or 0,
        "deaths_unknown": figures.unknown or 0,
        "best": figures.best or 0,
        "high": figures.high or 0,
        "low": figures.low or 0,
        "gwnoa": None,
        "gwnob": None,
    }


def _citation(article: Article) -> str:
    """``Outlet, YYYY-MM-DD, "Title", URL`` with the parts that are known."""
    when = article.reference_date.isoformat() if article.reference_date else None
    title = f'"{article.title}"' if article.title else None
    parts = [" / ".join(outlet_names(article)) or None, when, title, article.url]
    return ", ".join(p for p in parts if p)


def ucdp_csv(events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """The events of organised violence with at least one death (:func:`is_organised_violence`) as
    UCDP GED-shaped CSV bytes (UTF-8, header ``COLUMNS``), one row per event, in order. The others
    are left out, as UCDP GED leaves them out, and counted in one log line."""
    vocab = ucdp_vocab()
    by_id = {a.id: a for a in articles}
    kept = [e for e in events if is_organised_violence(e, vocab=vocab)]
    if len(kept) < len(events):
        logger.info(
            "UCDP export: %d of %d events left out (not organised violence, or no death)",
            len(events) - len(kept), len(events),
        )  # fmt: skip
    return csv_bytes([ucdp_row(e, by_id) for e in kept], COLUMNS)
