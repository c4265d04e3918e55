"""Records <-> table rows. Pure functions: no connection, no SQL beyond column names.

Articles are stored one column per field. Mentions, claims and events keep their whole
``to_dict()`` as JSON in ``data`` and copy the fields that queries filter on into columns;
reading uses ``data`` only, so a record comes back exactly as it went in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from fogofwar.model import Article, Claim, Event, Mention, Place, Record

# Every Article field, in the order of the articles table. tests/test_store_rows.py checks this
# against the dataclass, so a new Article field fails a test until a migration adds its column.
ARTICLE_COLUMNS = (
    "id",
    "text",
    "title",
    "source",
    "agency",
    "url",
    "published",
    "dateline_place",
    "dateline_date",
    "language",
    "origin",
    "duplicate_of",
    "dateline_start",
    "dateline_end",
)

MENTION_COLUMNS = (
    "id",
    "article_id",
    "event_type",
    "sub_event_type",
    "date_start",
    "date_end",
    "place_name",
    "admin1",
    "country",
    "lat",
    "lon",
    "background",
    "data",
)

CLAIM_COLUMNS = (
    "id",
    "article_id",
    "mention_id",
    "claimant",
    "victims",
    "outcome",
    "stance",
    "claim_date",
    "figure",
    "low",
    "high",
    "qualifier",
    "data",
)

EVENT_COLUMNS = (
    "id",
    "event_type",
    "sub_event_type",
    "start_date",
    "end_date",
    "place_name",
    "admin1",
    "country",
    "lat",
    "lon",
    "first_reported",
    "last_updated",
    "sources",
    "data",
    "updated_at",
)


def to_json(record: Record) -> str:
    """The record's ``to_dict()`` as compact JSON (non-ASCII kept as is)."""
    return json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _place_columns(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"place_name": None, "admin1": None, "country": None, "lat": None, "lon": None}
    return {
        "place_name": place.name,
        "admin1": place.admin1,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
    }


def article_row(article: Article, *, inserted_at: str) -> dict[str, Any]:
    """Column values for ``article`` (dates as ISO strings)."""
    data = article.to_dict()
    row = {column: data[column] for column in ARTICLE_COLUMNS}
    row["inserted_at"] = inserted_at
    return row


def article_from_row(row: Mapping[str, Any] | sqlite3.Row) -> Article:
    """Rebuild an Article from an ``articles`` row."""
    return Article.from_dict({column: row[column] for column in ARTICLE_COLUMNS})


def mention_row(mention: Mention) -> dict[str, Any]:
    """Column values for ``mention``."""
    return {
        "id": mention.id,
        "article_id": mention.article_id,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "date_start": mention.date_start.isoformat() if mention.date_start else None,
        "date_end": mention.date_end.isoformat() if mention.date_end else None,
        **_place_columns(mention.place),
        "background": int(mention.background),
        "data": to_json(mention),
    }


def claim_row(claim: Claim) -> dict[str, Any]:
    """Column values for ``claim``."""
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "mention_id": claim.mention_id,
        "claimant": claim.claimant,
        "victims": claim.victims,
        "outcome": claim.outcome,
        "stance": claim.stance,
        "claim_date": claim.claim_date.isoformat() if claim.claim_date else None,
        "figure": claim.figure,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "data": to_json(claim),
    }


def event_row(event: Event, *, updated_at: str) -> dict[str, Any]:
    """Column values for ``event``."""
    return {
        "id": event.id,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "start_date": event.start.isoformat() if event.start else None,
        "end_date": event.end.isoformat() if event.end else None,
        **_place_columns(event.place),
        "first_reported": event.first_reported.isoformat() if event.first_reported else None,
        "last_updated": event.last_updated.isoformat() if event.last_updated else None,
        "sources": event.sources,
        "data": to_json(event),
        "updated_at": updated_at,
    }


def mention_from_data(data: str) -> Mention:
    """Rebuild a Mention from its ``data`` column."""
    return Mention.from_dict(json.loads(data))


def claim_from_data(data: str) -> Claim:
    """Rebuild a Claim from its ``data`` column."""
    return Claim.from_dict(json.loads(data))


def event_from_data(data: str) -> Event:
    """Rebuild an Event from its ``data`` column."""
    return Event.from_dict(json.loads(data))


def insert_sql(table: str, columns: tuple[str, ...], *, on_conflict: str = "") -> str:
    """``INSERT INTO table (columns) VALUES (:columns) [on_conflict]`` with named parameters.

    ``table`` and ``columns`` come from this module's constants, never from input.
    """
    names = ", ".join(columns)
    params = ", ".join(f":{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({params}) {on_conflict}".rstrip()
