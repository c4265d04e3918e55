"""Records <-> table rows. Pure functions: no connection, no SQL beyond column names.

Articles are stored one column per field. Mentions, claims and events keep their whole
``to_dict()`` as JSON in ``data`` and copy the fields that queries filter on into columns;
reading uses ``data`` only, so a record comes back exactly as it went in.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import date
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


# How the query columns above are filled: place_name .. lon from the record's place, start_date and
# end_date from an event's start and end, ``data`` and ``updated_at`` by the row functions, and every
# other column from the record's field of the same name.
_PLACE_FIELDS = {"place_name": "name", "admin1": "admin1", "country": "country", "lat": "lat", "lon": "lon"}
_EVENT_FIELDS = {"start_date": "start", "end_date": "end"}
_NOT_COPIED = ("data", "updated_at")


def _column_value(value: Any) -> Any:
    """A field's value as SQLite stores it: dates as ISO strings, booleans as 0/1."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _copied_columns(record: Record, columns: tuple[str, ...], renamed: Mapping[str, str]) -> dict[str, Any]:
    """The query columns of ``record``: each field named by ``columns`` (through ``renamed``)."""
    place: Place | None = getattr(record, "place", None)
    row = {}
    for column in columns:
        if column in _NOT_COPIED:
            continue
        if column in _PLACE_FIELDS:
            value = getattr(place, _PLACE_FIELDS[column]) if place is not None else None
        else:
            value = getattr(record, renamed.get(column, column))
        row[column] = _column_value(value)
    return row


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
    return {**_copied_columns(mention, MENTION_COLUMNS, {}), "data": to_json(mention)}


def claim_row(claim: Claim) -> dict[str, Any]:
    """Column values for ``claim``."""
    return {**_copied_columns(claim, CLAIM_COLUMNS, {}), "data": to_json(claim)}


def event_row(event: Event, *, updated_at: str) -> dict[str, Any]:
    """Column values for ``event``."""
    return {
        **_copied_columns(event, EVENT_COLUMNS, _EVENT_FIELDS),
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
