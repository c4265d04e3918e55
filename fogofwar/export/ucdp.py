"""UCDP GED-shaped CSV: one row per event with UCDP's columns in ``COLUMNS`` order.

Deaths follow the rule of the domain: each victim group's reconciled best is added once to
its side (side_a / side_b actors, civilians, others), and best / low / high are the sums of
the groups' figures. Precision scales are mapped through ``resources/export_ucdp.json``.
docs/EXPORTS.md documents every column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fogofwar.export.countries import country_info
from fogofwar.export.figures import deaths
from fogofwar.export.outlets import event_articles, outlet_names
from fogofwar.export.sides import SIDE_A, SIDE_B, side_actors
from fogofwar.export.tabular import csv_bytes, stable_number
from fogofwar.export.vocab import UcdpVocab, ucdp_vocab
from fogofwar.model import Actor, Article, Event, Place

COLUMNS = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_article",
    "source_headline",
    "source_date",
    "number_of_sources",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "latitude",
    "longitude",
    "country",
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
)
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3
# UCDP GED ids are integers; ours are derived from the event id (see tabular.stable_number).
ID_DIGITS = 9


def is_state(actor: Actor, *, vocab: UcdpVocab | None = None) -> bool:
    """Whether an actor is a state's forces (by kind or ACLED inter code)."""
    vocab = vocab or ucdp_vocab()
    return actor.kind in vocab.state_kinds or actor.inter in vocab.state_inter


def type_of_violence(event: Event, *, vocab: UcdpVocab | None = None) -> int:
    """3 one-sided (violence against civilians), 1 state-based (a state on side a or b), else 2 non-state."""
    vocab = vocab or ucdp_vocab()
    if event.event_type in vocab.one_sided_event_types:
        return ONE_SIDED
    sides = side_actors(event, SIDE_A) + side_actors(event, SIDE_B)
    return STATE_BASED if any(is_state(a, vocab=vocab) for a in sides) else NON_STATE


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


def _side(event: Event, role: str, separator: str) -> str:
    return separator.join(a.name for a in side_actors(event, role))


def ucdp_row(event: Event, articles: Mapping[str, Article]) -> dict[str, Any]:
    """One event as a UCDP GED row (keys: ``COLUMNS``); None values are written as empty cells."""
    vocab = ucdp_vocab()
    sep = vocab.list_separator
    place = event.place
    country = country_info(place.country if place else None)
    violence = type_of_violence(event, vocab=vocab)
    side_b = _side(event, SIDE_B, sep)
    if violence == ONE_SIDED and not side_b:
        side_b = vocab.civilians_side
    sources = event_articles(event, articles)
    figures = deaths(event)
    return {
        "id": stable_number(event.id, digits=ID_DIGITS),
        "type_of_violence": violence,
        "side_a": _side(event, SIDE_A, sep),
        "side_b": side_b,
        "source_article": sep.join(_citation(a) for a in sources),
        "source_headline": sep.join(a.title or "" for a in sources),
        "source_date": sep.join(d.isoformat() if (d := a.reference_date) else "" for a in sources),
        "number_of_sources": event.sources or len({n.casefold() for a in sources for n in outlet_names(a)}),
        "where_prec": where_prec(place, vocab=vocab),
        "where_coordinates": place.name if place else None,
        "adm_1": place.admin1 if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "country": country.name if country else (place.country if place else None),
        "date_prec": date_prec(event, vocab=vocab),
        "date_start": event.start.isoformat() if event.start else None,
        "date_end": (event.end or event.start).isoformat() if event.start else None,
        "deaths_a": figures.side_a or 0,
        "deaths_b": figures.side_b or 0,
        "deaths_civilians": figures.civilians or 0,
        "deaths_unknown": figures.unknown or 0,
        "best": figures.best or 0,
        "high": figures.high or 0,
        "low": figures.low or 0,
    }


def _citation(article: Article) -> str:
    """``Outlet, YYYY-MM-DD, "Title", URL`` with the parts that are known."""
    when = article.reference_date.isoformat() if article.reference_date else None
    title = f'"{article.title}"' if article.title else None
    parts = [" / ".join(outlet_names(article)) or None, when, title, article.url]
    return ", ".join(p for p in parts if p)


def ucdp_csv(events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """Events as UCDP GED-shaped CSV bytes (UTF-8, header ``COLUMNS``), one row per event, in order."""
    by_id = {a.id: a for a in articles}
    return csv_bytes([ucdp_row(e, by_id) for e in events], COLUMNS)
