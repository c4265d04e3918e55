"""Publication dates from metadata: ISO dates and datetimes, RFC 2822, struct_time.

A publication date outside ``PUBLISHED_RANGE`` (1900-01-01..2100-12-31) is treated as
unknown (None) with a logged warning and the article is kept: ``0001-01-01`` or
``9999-12-31`` is a placeholder, not a date, and later stages add and subtract days.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from fogofwar.ingest import vocab

logger = logging.getLogger(__name__)

_ISO_DATE = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:$|[T ]\d)")


def parse_published(value: object) -> date | None:
    """The calendar date of a metadata value, or None when it is missing or unreadable.

    value: ``date``, ``datetime`` (its own local date, not converted to UTC), ``time.struct_time``
        (as feedparser gives), or a string: ``2024-07-28``, ``2024-07-28T09:30:00Z``,
        ``Sun, 28 Jul 2024 09:30:00 GMT``.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _safe(value.tm_year, value.tm_mon, value.tm_mday)
    if isinstance(value, str):
        return _parse_string(value)
    logger.debug("publication date of unexpected type %s ignored", type(value).__name__)
    return None


def _parse_string(value: str) -> date | None:
    match = _ISO_DATE.match(value)
    if match is not None:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        logger.debug("unreadable publication date %r ignored", value)
        return None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def usable_date(value: date | None, *, origin: str | None = None) -> date | None:
    """``value`` when it lies in ``vocab.PUBLISHED_RANGE``, else None (logged as a warning)."""
    if value is None:
        return None
    low, high = vocab.PUBLISHED_RANGE
    if low <= value <= high:
        return value
    logger.warning(
        "%s: publication date %s outside %s..%s treated as unknown", origin or "<text>", value, low, high
    )
    return None


def in_range(value: date | None) -> date | None:
    """``value`` when it lies in ``vocab.PUBLISHED_RANGE``, else None (silently: a dateline date)."""
    low, high = vocab.PUBLISHED_RANGE
    return value if value is not None and low <= value <= high else None
