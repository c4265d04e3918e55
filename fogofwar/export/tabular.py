"""Cells and files shared by the CSV exporters: stable numeric ids, Unix times, CSV bytes."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any


def stable_number(record_id: str, *, digits: int) -> int:
    """A number of at most ``digits`` digits derived from an id: the same id always gives the same number.

    sha256 of the id, read as an integer, modulo 10**digits. Two ids can collide (about one
    chance in 10**digits per pair); the event id is always in the notes column to tell them apart.
    """
    digest = hashlib.sha256(record_id.encode("utf-8")).hexdigest()
    return int(digest[:16], 16) % 10**digits


def unix_time(day: date | None) -> int | None:
    """Seconds since 1970-01-01 UTC at the start of ``day``; None for None."""
    if day is None:
        return None
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())


# A text cell starting with one of these is run as a formula by spreadsheets (CSV injection);
# such cells get a leading apostrophe, as OWASP recommends. Numbers are never touched.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell: None becomes the empty string; text that a spreadsheet would run as a formula
    gets a leading apostrophe; everything else is written as is."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """``rows`` as UTF-8 CSV with a header of ``columns`` (exactly those, in that order), "\\n" line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: cell(row.get(c)) for c in columns})
    return buffer.getvalue().encode("utf-8")
