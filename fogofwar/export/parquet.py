"""Parquet (pyarrow): one table, one row per event, typed columns (``SCHEMA``).

Dates are date32, coordinates float64, figures nullable int64, actor and outlet names
list<string>; each event's claims and reconciled figures are list<struct> columns, so one file
carries every figure with its claimant and evidence. The schema's metadata names the layout
(``fogofwar.layout`` = ``LAYOUT``); a new layout gets a new name. Bytes are not deterministic
across pyarrow versions (the writer stamps itself into the footer); the values are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from fogofwar.export.figures import killed_range
from fogofwar.export.places import place_fields
from fogofwar.export.sides import SIDE_A, SIDE_B, side_actors
from fogofwar.model import Article, Claim, Event, Reconciled
from fogofwar.outlets import event_outlets, source_count

LAYOUT = "fogofwar.parquet.v1"

CLAIM_TYPE = pa.struct(
    [
        ("id", pa.string()),
        ("article_id", pa.string()),
        ("claimant", pa.string()),
        ("claimant_kind", pa.string()),
        ("claimant_words", pa.string()),
        ("stance", pa.string()),
        ("victims", pa.string()),
        ("outcome", pa.string()),
        ("figure", pa.int64()),
        ("low", pa.int64()),
        ("high", pa.int64()),
        ("qualifier", pa.string()),
        ("claim_date", pa.date32()),
        ("evidence", pa.string()),
        ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()),
        ("evidence_part", pa.string()),
        ("confidence", pa.float64()),
    ]
)
RECONCILED_TYPE = pa.struct(
    [
        ("victims", pa.string()),
        ("outcome", pa.string()),
        ("low", pa.int64()),
        ("best", pa.int64()),
        ("high", pa.int64()),
        ("rule", pa.string()),
        ("contradiction", pa.bool_()),
    ]
)
SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("start", pa.date32()),
        ("end", pa.date32()),
        ("date_precision", pa.int8()),
        ("place", pa.string()),
        ("admin1", pa.string()),
        ("country", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geo_precision", pa.int8()),
        ("actors", pa.list_(pa.string())),
        ("side_a", pa.list_(pa.string())),
        ("side_b", pa.list_(pa.string())),
        ("killed_low", pa.int64()),
        ("killed_high", pa.int64()),
        ("article_ids", pa.list_(pa.string())),
        ("outlets", pa.list_(pa.string())),
        ("sources", pa.int32()),
        ("first_reported", pa.date32()),
        ("last_updated", pa.date32()),
        ("contested", pa.list_(pa.string())),
        ("claims", pa.list_(CLAIM_TYPE)),
        ("reconciled", pa.list_(RECONCILED_TYPE)),
    ],
    metadata={"fogofwar.layout": LAYOUT},
)


# The claim columns that are not the Claim field of their name; every other column of CLAIM_TYPE
# and RECONCILED_TYPE holds the field of its own name, so a column is declared once, in its type.
_CLAIM_COMPUTED: Mapping[str, Callable[[Any], Any]] = MappingProxyType(
    {
        "evidence": lambda claim: claim.evidence.text,
        "evidence_start": lambda claim: claim.evidence.start,
        "evidence_end": lambda claim: claim.evidence.end,
        "evidence_part": lambda claim: claim.part,
    }
)


def _struct_value(
    record: Claim | Reconciled, struct: pa.StructType, computed: Mapping[str, Callable]
) -> dict:
    """``record`` as a value of ``struct``: each column from ``computed``, else the field of its name."""
    return {
        name: computed[name](record) if name in computed else getattr(record, name) for name in struct.names
    }


def parquet_row(event: Event, articles: Mapping[str, Article]) -> dict[str, Any]:
    """One event as a dict of ``SCHEMA``'s columns (Python values pyarrow converts)."""
    place = event.place
    low, high = killed_range(event)
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "start": event.start,
        "end": event.end,
        "date_precision": event.date_precision,
        **place_fields(place),
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "actors": list(dict.fromkeys(r.actor.name for r in event.actors)),
        "side_a": [a.name for a in side_actors(event, SIDE_A)],
        "side_b": [a.name for a in side_actors(event, SIDE_B)],
        "killed_low": low,
        "killed_high": high,
        "article_ids": list(event.article_ids),
        "outlets": event_outlets(event, articles),
        "sources": source_count(event, articles),
        "first_reported": event.first_reported,
        "last_updated": event.last_updated,
        "contested": list(event.contested),
        "claims": [_struct_value(c, CLAIM_TYPE, _CLAIM_COMPUTED) for c in event.claims],
        "reconciled": [_struct_value(r, RECONCILED_TYPE, {}) for r in event.reconciled],
    }


def events_table(events: Sequence[Event], articles: Sequence[Article]) -> pa.Table:
    """The events as a pyarrow Table of ``SCHEMA`` (an empty table when there are none)."""
    by_id = {a.id: a for a in articles}
    return pa.Table.from_pylist([parquet_row(e, by_id) for e in events], schema=SCHEMA)


def parquet_bytes(events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """The events as the bytes of one Parquet file (zstd-compressed)."""
    sink = pa.BufferOutputStream()
    pq.write_table(events_table(events, articles), sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())
