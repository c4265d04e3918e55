"""ACLED-shaped CSV: one row per event, ACLED's columns in ACLED's order (``COLUMNS``).

How each column is filled is documented in docs/EXPORTS.md; the tables behind it are in
``resources/export_acled.json``, ``export_regions.json`` and ``export_outlets.json``. Cells
that the records cannot fill honestly (admin2 of a town, admin3) stay empty; nothing is guessed.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from fogofwar.export.countries import country_info
from fogofwar.export.figures import disputed_groups, has_civilian_victims, killed_range
from fogofwar.export.outlets import copies_of, source_scale
from fogofwar.export.places import acled_admin1, admin2, admin3
from fogofwar.export.sides import CIVILIANS, SIDE_A, SIDE_B, side_actors
from fogofwar.export.tabular import csv_bytes, stable_number, unix_time
from fogofwar.export.vocab import AcledVocab, acled_vocab
from fogofwar.link.sides import PROTESTERS, RIOTERS
from fogofwar.model import UNSTATED_DAY_SPAN, Actor, Article, Claim, DatePrecision, Event
from fogofwar.outlets import event_outlets
from fogofwar.reconcile import counted_claims
from fogofwar.resources import load_json

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# ISO3 placeholder of events whose country is unknown (ACLED itself always has a country).
UNKNOWN_ISO3 = "XXX"
CIVILIAN_TARGETING = "Civilian targeting"
# Coordinates are written with ACLED's four decimals (about 11 m).
COORDINATE_DECIMALS = 4


def disorder_type(event: Event, *, vocab: AcledVocab | None = None) -> str:
    """ACLED disorder type of an event from its sub-event type, else its event type ("" if unknown)."""
    vocab = vocab or acled_vocab()
    if event.sub_event_type in vocab.by_sub_event_type:
        return vocab.by_sub_event_type[event.sub_event_type]
    return vocab.disorder_types.get(event.event_type, "")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: the two inter digits, smaller first (12); a lone actor's code then 0 (20)."""
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def civilian_targeting(event: Event, *, vocab: AcledVocab | None = None) -> str:
    """ "Civilian targeting" for violence against civilians, or political violence with civilian victims."""
    vocab = vocab or acled_vocab()
    if event.event_type in vocab.civilian_event_types:
        return CIVILIAN_TARGETING
    if disorder_type(event, vocab=vocab) in vocab.civilian_disorders and has_civilian_victims(event):
        return CIVILIAN_TARGETING
    return ""


def claim_note(claim: Claim) -> str:
    """One claim as ``claimant: N victims outcome (qualifier)``; a denial says so."""
    if claim.figure is not None:
        amount = str(claim.figure)
    elif claim.low is not None and claim.high is not None and claim.low != claim.high:
        amount = f"{claim.low}-{claim.high}"
    elif claim.low is not None or claim.high is not None:
        amount = str(claim.low if claim.low is not None else claim.high)
    else:
        amount = "unspecified number of"
    qualifier = "" if claim.qualifier == "exact" else f" ({claim.qualifier.replace('_', ' ')})"
    stance = " (denies)" if claim.stance == "denies" else ""
    return f"{claim.claimant}{stance}: {amount} {claim.victims} {claim.outcome}{qualifier}"


@functools.cache
def _mid_month() -> tuple[int, int]:
    """The days the date reader gives the middle of a month ("mid-April": the lexicon's "mid")."""
    first, last = load_json("dates_lexicon.json")["month_parts"]["mid"]
    return first, last


def event_day(event: Event) -> date | None:
    """The one day ACLED codes for an event its reports date to a range (ACLED's event_date).

    The week up to a day a report names (``UNSTATED_DAY_SPAN``: "Reported on 4 March", "On 2
    May, JNIM claimed ...", or the report's own date when the text names no other) is coded to
    that day, its end, as ACLED codes "reported on" events; a month or a vaguer period ("in
    August") and the middle of a month ("mid-April", days 11 to 20) to its middle; a span of
    days ("fighting from Thursday to Saturday") to its first.
    """
    if event.start is None:
        return None
    end = event.end or event.start
    span = (end - event.start).days
    if span <= 0 or event.date_precision <= DatePrecision.DAY:
        return event.start
    if event.date_precision == DatePrecision.WEEK:
        if span == UNSTATED_DAY_SPAN:
            return end
        if (event.start.day, end.day) == _mid_month() and event.start.month == end.month:
            return event.start + timedelta(days=span // 2)  # "mid-April", "the middle of May": the 15th
        return event.start
    return event.start + timedelta(days=span // 2)


def summary(event: Event) -> str:
    """One sentence: type, the two sides, place and dates, from the record's fields only."""
    sides = [" and ".join(a.name for a in side_actors(event, role)) for role in (SIDE_A, SIDE_B)]
    between = " vs ".join(side for side in sides if side)
    place = event.place
    where = ", ".join(dict.fromkeys(p for p in (place.name, place.admin1) if p)) if place else ""
    when = event.start.isoformat() if event.start else ""
    if event.end and event.start and event.end != event.start:
        when += f" to {event.end.isoformat()}"
    parts = [f"{event.sub_event_type or event.event_type}"]
    if between:
        parts.append(f"({between})")
    if where:
        parts.append(f"at {where}")
    if when:
        parts.append(f"on {when}")
    return " ".join(parts) + "."


def notes(event: Event, *, copies: Mapping[str, str] | None = None) -> str:
    """The summary, then each counted claim in claim-date order (see :func:`claim_note`; a claim
    repeated by the same claimant or in a syndicated copy, ``copies``, is written once), then the
    fogofwar event id."""
    text = summary(event)
    claims = counted_claims(event.claims, copies=copies)
    if claims:
        text += " Claims: " + "; ".join(claim_note(c) for c in claims) + "."
    return f"{text} [fogofwar event {event.id}]"


def tags(event: Event, *, vocab: AcledVocab | None = None) -> str:
    """ "contested" when the event is marked contested, "fatalities disputed" when a killed group's
    claims contradict each other, "fatalities not reported" when no killed figure was claimed."""
    vocab = vocab or acled_vocab()
    found = []
    if event.contested:
        found.append(vocab.tags["contested"])
    if disputed_groups(event):
        found.append(vocab.tags["disputed"])
    if killed_range(event) == (None, None):
        found.append(vocab.tags["no_figure"])
    return vocab.list_separator.join(found)


# The generic actors ACLED names by the event's country: "Civilians (Kenya)", "Protesters
# (Kenya)", "Rioters (Kenya)" (link.sides.with_crowd gives every protest and riot its crowd).
_BY_COUNTRY = frozenset({CIVILIANS, PROTESTERS, RIOTERS})


def acled_actor_name(actor: Actor, country: str | None) -> str:
    """An actor's name as ACLED writes it: a crowd or civilians with the event's country
    (``country``: an ACLED country name), every other actor by its registry name."""
    if actor.kind != "civilians" or actor.name not in _BY_COUNTRY:
        return actor.name
    name = actor.name.capitalize()
    return f"{name} ({country})" if country else name


def _names(actors: Sequence[Actor], separator: str, country: str | None) -> str:
    return separator.join(acled_actor_name(a, country) for a in actors)


def acled_row(event: Event, articles: Mapping[str, Article]) -> dict[str, Any]:
    """One event as an ACLED row (keys: ``COLUMNS``); None values are written as empty cells."""
    vocab = acled_vocab()
    place = event.place
    country = country_info(place.country if place else None)
    named = country.name if country else None
    side_a, side_b = side_actors(event, SIDE_A), side_actors(event, SIDE_B)
    inter1 = side_a[0].inter if side_a else None
    inter2 = side_b[0].inter if side_b else None
    low, _ = killed_range(event)
    day = event_day(event)
    sep = vocab.list_separator
    lat = place.lat if place else None
    lon = place.lon if place else None
    return {
        "event_id_cnty": f"{country.alpha_3 if country else UNKNOWN_ISO3}"
        f"{stable_number(event.id, digits=vocab.id_digits)}",
        "event_date": day.strftime(vocab.date_format) if day else None,
        "year": day.year if day else None,
        "time_precision": min(event.date_precision, vocab.max_time_precision) if event.start else None,
        "disorder_type": disorder_type(event, vocab=vocab),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": acled_actor_name(side_a[0], named) if side_a else None,
        "assoc_actor_1": _names(side_a[1:], sep, named),
        "inter1": inter1,
        "actor2": acled_actor_name(side_b[0], named) if side_b else None,
        "assoc_actor_2": _names(side_b[1:], sep, named),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(event, vocab=vocab),
        "iso": country.numeric if country else None,
        "region": country.region if country else None,
        "country": country.name if country else (place.country if place else None),
        "admin1": acled_admin1(place),
        "admin2": admin2(place),
        "admin3": admin3(place),
        "location": place.name if place else None,
        "latitude": None if lat is None else round(lat, COORDINATE_DECIMALS),
        "longitude": None if lon is None else round(lon, COORDINATE_DECIMALS),
        "geo_precision": min(place.precision, vocab.max_geo_precision) if place else None,
        "source": sep.join(event_outlets(event, articles)),
        "source_scale": source_scale(event, articles),
        "notes": notes(event, copies=copies_of(event, articles)),
        "fatalities": low or 0,
        "tags": tags(event, vocab=vocab),
        "timestamp": unix_time(event.last_updated or event.first_reported or event.start),
    }


def acled_csv(events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """Events as ACLED-shaped CSV bytes (UTF-8, header ``COLUMNS``), one row per event in the order given."""
    by_id = {a.id: a for a in articles}
    return csv_bytes([acled_row(e, by_id) for e in events], COLUMNS)
