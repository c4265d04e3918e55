"""The corrected events, materialised: written whole when a source changes, read with SQL.

Layout: migration ``0003_corrected_events`` (see :mod:`fogofwar.store.migrations`). What the
rows hold is decided by :func:`fogofwar.corrections.refresh_corrected_events` (the domain
applies corrections; this module only stores and queries the result). Filters are WHERE
fragments with parameters, pages are LIMIT/OFFSET, sorts come from :data:`SORTS`; nothing here
loads every event to show fifty.

Staleness: triggers set ``corrected_state.stale`` whenever events, corrections, articles or
mentions change. :func:`is_fresh` says whether the rows may be read for a reconcile rule;
readers that find them stale rebuild first (see ``fogofwar.api.deps``).

Example::

    with Store.open("fogofwar.db") as store:
        total, events = select_events(store, EventQuery(country="ML"), limit=50)
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fogofwar.errors import NotFound
from fogofwar.model import Claim, Event
from fogofwar.store import rows
from fogofwar.store.migrations import now_iso
from fogofwar.store.sqlite import Store

log = logging.getLogger(__name__)

# The layout of the rows below; a rebuild records it, and a different one reads as stale.
LAYOUT = 2  # 2: each event's JSON carries its totals (killed, injured, captured)
# Sort names -> ORDER BY (undated or figure-less events last; id breaks ties so pages never overlap).
SORTS: dict[str, str] = {
    "start": "start_date IS NULL, start_date, id",
    "-start": "start_date IS NULL, start_date DESC, id",
    "killed": "killed_high IS NULL, killed_high, id",
    "-killed": "killed_high IS NULL, killed_high DESC, id",
    "sources": "sources, id",
    "-sources": "sources DESC, id",
    "updated": "last_updated IS NULL, last_updated, id",
    "-updated": "last_updated IS NULL, last_updated DESC, id",
}
DEFAULT_SORT = "start"
# How many matching ids an ambiguous-prefix error lists.
_SHOWN_MATCHES = 5
# Above every character an id can hold: ``id >= p AND id < p || _TOP`` is a prefix range on the index.
_TOP = "\U0010ffff"
_ARTICLE_LIST_COLUMNS = tuple(c for c in rows.ARTICLE_COLUMNS if c != "text")
# Characters no filter value or search may hold (NUL and the other C0/C1 controls).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class EventQuery:
    """Which corrected events to select; every filter given must hold. Text filters are compared
    casefolded (exact for country, admin1 and type; part of a name or alias for actor)."""

    country: str | None = None
    admin1: str | None = None
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    actor: str | None = None
    min_killed: int | None = None
    sort: str = DEFAULT_SORT

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (``"1"`` when no filter is set) and its parameters."""
        # Each filter's clause and its value (None or "" when not set); text compared casefolded.
        filters: list[tuple[str, Any]] = [
            ("country_key = ?", self.country and self.country.casefold()),
            ("admin1_key = ?", self.admin1 and self.admin1.casefold()),
            ("last_day >= ?", self.since and self.since.isoformat()),
            ("start_date <= ?", self.until and self.until.isoformat()),
            ("(type_key = ? OR sub_type_key = ?)", self.event_type and self.event_type.casefold()),
            ("instr(actors_key, ?) > 0", self.actor and self.actor.casefold()),
            ("killed_high >= ?", self.min_killed),
        ]
        given = [(clause, value) for clause, value in filters if value is not None and value != ""]
        params = [value for clause, value in given for _ in range(clause.count("?"))]
        return (" AND ".join(clause for clause, _ in given) or "1"), params

    def order_by(self) -> str:
        """The ORDER BY of ``sort``; ValueError for a name not in SORTS (the edges check first)."""
        if self.sort not in SORTS:
            raise ValueError(f"sort {self.sort!r} is not one of {', '.join(SORTS)}")
        return SORTS[self.sort]


@dataclass(frozen=True)
class CorrectedRow:
    """One event as corrected, with the figures the domain computed for filtering and sorting."""

    event: Event
    killed_low: int | None = None
    killed_high: int | None = None
    split_from: str | None = None
    # The event's totals by outcome (``fogofwar.reconcile.totals_by_outcome``), written into its
    # JSON beside the record's fields (``killed``, ``injured``, ``captured``: low / best / high).
    totals: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RejectedClaim:
    """A claim marked wrong, the correction that did it, and the event (as corrected) it left."""

    claim: Claim
    correction_id: int | None
    event_id: str


# -- writing ---------------------------------------------------------------------------------


def save_corrected(
    store: Store,
    corrected: Sequence[CorrectedRow],
    *,
    redirects: Mapping[str, str],
    rejected: Iterable[RejectedClaim],
    notes: Mapping[int, str],
    rule: str,
) -> None:
    """Replace the materialised corrected events with ``corrected`` and mark them fresh for ``rule``.

    Runs in one transaction, joining the caller's when there is one (a batch's, or the
    rebuild's that read the sources: then nothing can change between the read and this write).
    """
    event_sql = rows.insert_sql("corrected_events", _EVENT_COLUMNS)
    with store._transaction() as db:
        for table in ("corrected_event_articles", "corrected_events", "corrected_redirects"):
            db.execute(f"DELETE FROM {table}")  # constants, never input
        db.execute("DELETE FROM corrected_rejected")
        db.execute("DELETE FROM corrected_notes")
        db.executemany(event_sql, [_event_row(r, position) for position, r in enumerate(corrected)])
        db.executemany(
            "INSERT OR IGNORE INTO corrected_event_articles (event_id, article_id) VALUES (?, ?)",
            [(r.event.id, a) for r in corrected for a in r.event.article_ids],
        )
        db.executemany(
            "INSERT INTO corrected_redirects (old_id, event_id) VALUES (?, ?)", sorted(redirects.items())
        )
        db.executemany(
            "INSERT OR IGNORE INTO corrected_rejected (claim_id, correction_id, event_id, article_id, data) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (r.claim.id, r.correction_id, r.event_id, r.claim.article_id, rows.to_json(r.claim))
                for r in rejected
            ],
        )
        db.executemany(
            "INSERT INTO corrected_notes (correction_id, note) VALUES (?, ?)", sorted(notes.items())
        )
        db.execute(
            "UPDATE corrected_state SET stale = 0, rule = ?, layout = ?, built_at = ? WHERE id = 1",
            (rule, LAYOUT, now_iso()),
        )
    log.debug("materialised %d corrected events (rule %s)", len(corrected), rule)


_EVENT_COLUMNS = (
    "id",
    "position",
    "event_type",
    "sub_event_type",
    "type_key",
    "sub_type_key",
    "start_date",
    "end_date",
    "last_day",
    "place_name",
    "admin1",
    "country",
    "admin1_key",
    "country_key",
    "lat",
    "lon",
    "actors_key",
    "killed_low",
    "killed_high",
    "claims",
    "sources",
    "first_reported",
    "last_updated",
    "split_from",
    "summary",
    "data",
)


def _event_row(row: CorrectedRow, position: int) -> dict[str, Any]:
    event = row.event
    data = {**event.to_dict(), **row.totals}
    place = event.place
    names = (name for role in event.actors for name in (role.actor.name, *role.actor.aliases))
    summary = {**data, "mention_ids": [], "article_ids": [], "claims": [], "reconciled": []}
    return {
        "id": event.id,
        "position": position,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "type_key": event.event_type.casefold(),
        "sub_type_key": event.sub_event_type.casefold(),
        "start_date": _iso(event.start),
        "end_date": _iso(event.end),
        "last_day": _iso(event.end or event.start),
        "place_name": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "country": place.country if place else None,
        "admin1_key": place.admin1.casefold() if place and place.admin1 else None,
        "country_key": place.country.casefold() if place and place.country else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        # One name a line: a filter value never holds a newline (CONTROL), so it cannot span two.
        "actors_key": "\n".join(name.casefold() for name in names),
        "killed_low": row.killed_low,
        "killed_high": row.killed_high,
        "claims": len(event.claims),
        "sources": event.sources,
        "first_reported": _iso(event.first_reported),
        "last_updated": _iso(event.last_updated),
        "split_from": row.split_from,
        "summary": _dumps(summary),
        "data": _dumps(data),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# -- state -----------------------------------------------------------------------------------


def is_fresh(store: Store, *, rule: str) -> bool:
    """Whether the materialised events reflect every source and were built with ``rule`` and LAYOUT."""
    row = store._db.execute("SELECT stale, rule, layout FROM corrected_state WHERE id = 1").fetchone()
    return row is not None and not row["stale"] and row["rule"] == rule and row["layout"] == LAYOUT


# -- reading events --------------------------------------------------------------------------


def count_events(store: Store, query: EventQuery | None = None) -> int:
    """How many corrected events match ``query`` (all of them without one)."""
    where, params = (query or EventQuery()).where()
    return int(
        store._db.execute(f"SELECT count(*) FROM corrected_events WHERE {where}", params).fetchone()[0]
    )


def events_json(
    store: Store, query: EventQuery, *, limit: int | None = None, offset: int = 0, column: str = "data"
) -> list[str]:
    """The matching events' stored ``to_dict()`` JSON (``column="summary"``: without claims, figures
    and id lists), in ``query.sort`` order, ``limit`` of them after ``offset`` (all without a limit)."""
    if column not in ("data", "summary"):
        raise ValueError(f"column {column!r} is not data or summary")
    where, params = query.where()
    sql = f"SELECT {column} FROM corrected_events WHERE {where} ORDER BY {query.order_by()} LIMIT ? OFFSET ?"
    cursor = store._db.execute(sql, [*params, -1 if limit is None else limit, offset])
    return [row[0] for row in cursor]


def select_events(
    store: Store, query: EventQuery, *, limit: int | None = None, offset: int = 0
) -> list[Event]:
    """The matching corrected events as records (see :func:`events_json`)."""
    return [rows.event_from_data(data) for data in events_json(store, query, limit=limit, offset=offset)]


def select_summaries(store: Store, query: EventQuery) -> list[Event]:
    """Every matching event without its claims, figures, mention and article ids: what maps and
    timelines draw (dates, place, type, actors), cheap to read for thousands of events."""
    return [rows.event_from_data(data) for data in events_json(store, query, column="summary")]


# The corrected event an id now is: an old linking id leads to the live event (event_redirects,
# fogofwar.batch), and an id merged away by a correction to the event it joined.
_LINKED_ID = "coalesce((SELECT event_id FROM event_redirects WHERE old_id = :id), :id)"
_CURRENT_ID = (
    f"coalesce((SELECT event_id FROM corrected_redirects WHERE old_id = {_LINKED_ID}), {_LINKED_ID})"
)


def corrected_event(store: Store, id: str) -> Event | None:
    """The corrected event ``id``, or the one it is now: the event an old id of linking
    redirects to (re-keyed by an earlier report), or the event it was merged into; None when
    none exists."""
    row = store._db.execute(
        f"SELECT data FROM corrected_events WHERE id = {_CURRENT_ID}", {"id": id}
    ).fetchone()
    return None if row is None else rows.event_from_data(row["data"])


def resolve_event_id(store: Store, id: str) -> str | None:
    """The corrected event ``id`` names: its id, an old id of it (linking re-keyed it, or a
    correction merged that event into it), or a unique prefix of either.

    Returns None when nothing matches; raises NotFound E023 when a prefix names several events.
    """
    if not id:
        return None
    sql = f"SELECT id FROM corrected_events WHERE id = {_CURRENT_ID}"
    exact = store._db.execute(sql, {"id": id}).fetchone()
    if exact is not None:
        return str(exact["id"])
    cursor = store._db.execute(
        "SELECT id FROM corrected_events WHERE id >= :p AND id < :top "
        "UNION SELECT event_id FROM corrected_redirects WHERE old_id >= :p AND old_id < :top "
        "UNION SELECT coalesce(c.event_id, r.event_id) FROM event_redirects r "
        "LEFT JOIN corrected_redirects c ON c.old_id = r.event_id WHERE r.old_id >= :p AND r.old_id < :top "
        "ORDER BY 1 LIMIT :n",
        {"p": id, "top": id + _TOP, "n": _SHOWN_MATCHES + 1},
    )
    matches = [str(row[0]) for row in cursor]
    if len(matches) > 1:
        count = str(len(matches)) if len(matches) <= _SHOWN_MATCHES else f"more than {_SHOWN_MATCHES}"
        raise NotFound("E023", id=id, count=count, matches=", ".join(matches[:_SHOWN_MATCHES]))
    return matches[0] if matches else None


def events_mentioning(store: Store, id: str) -> list[Event]:
    """The corrected events whose JSON holds the string ``id`` anywhere (a claim's, a mention's id):
    candidates for the caller to check, found by scanning the stored text, not parsing it."""
    needle = json.dumps(id, ensure_ascii=False)
    cursor = store._db.execute(
        "SELECT data FROM corrected_events WHERE instr(data, ?) > 0 ORDER BY position", (needle,)
    )
    return [rows.event_from_data(row[0]) for row in cursor]


def event_ids_by_article(store: Store, article_ids: Sequence[str]) -> dict[str, list[str]]:
    """The corrected events each of ``article_ids`` is in (ids in event order); [] for none."""
    found: dict[str, list[str]] = defaultdict(list)
    cursor = store._db.execute(
        "SELECT ea.article_id, ea.event_id FROM corrected_event_articles ea "
        "JOIN corrected_events e ON e.id = ea.event_id "
        "WHERE ea.article_id IN (SELECT value FROM json_each(?)) ORDER BY e.position",
        (json.dumps(list(article_ids)),),
    )
    for row in cursor:
        found[row["article_id"]].append(row["event_id"])
    return {article_id: found.get(article_id, []) for article_id in article_ids}


def merged_from(store: Store, event_id: str) -> list[str]:
    """Ids of the events merged into ``event_id``."""
    cursor = store._db.execute(
        "SELECT old_id FROM corrected_redirects WHERE event_id = ? ORDER BY old_id", (event_id,)
    )
    return [row[0] for row in cursor]


def split_from(store: Store, event_id: str) -> str | None:
    """The event ``event_id`` was split off, or None."""
    row = store._db.execute("SELECT split_from FROM corrected_events WHERE id = ?", (event_id,)).fetchone()
    return None if row is None else row[0]


def split_off(store: Store, event_id: str) -> list[str]:
    """Ids of the events split off ``event_id``."""
    cursor = store._db.execute(
        "SELECT id FROM corrected_events WHERE split_from = ? ORDER BY id", (event_id,)
    )
    return [row[0] for row in cursor]


def rejected_claims(
    store: Store, *, event_ids: Sequence[str] | None = None, article_id: str | None = None
) -> list[RejectedClaim]:
    """Claims marked wrong: those taken from ``event_ids`` (as corrected), or from ``article_id``, or all."""
    where, params = "1", []
    if event_ids is not None:
        where, params = "event_id IN (SELECT value FROM json_each(?))", [json.dumps(list(event_ids))]
    elif article_id is not None:
        where, params = "article_id = ?", [article_id]
    cursor = store._db.execute(
        f"SELECT correction_id, event_id, data FROM corrected_rejected WHERE {where} ORDER BY rowid", params
    )
    return [
        RejectedClaim(rows.claim_from_data(row["data"]), row["correction_id"], row["event_id"])
        for row in cursor
    ]


def correction_notes(store: Store) -> dict[int, str]:
    """What each correction does now, by correction id."""
    cursor = store._db.execute("SELECT correction_id, note FROM corrected_notes ORDER BY correction_id")
    return {int(row[0]): str(row[1]) for row in cursor}


def filter_choices(store: Store) -> dict[str, list[str]]:
    """Known values for the filter form: countries, regions and event types present."""

    def distinct(column: str) -> list[str]:
        sql = f"SELECT DISTINCT {column} FROM corrected_events WHERE {column} IS NOT NULL ORDER BY 1"
        return [row[0] for row in store._db.execute(sql)]  # column names are the constants below

    return {
        "country": distinct("country"),
        "admin1": distinct("admin1"),
        "event_type": distinct("event_type"),
    }


def nearest_events(store: Store, event: Event, *, limit: int) -> list[Event]:
    """The other corrected events nearest in time to ``event`` (undated ones last)."""
    anchor = event.start.isoformat() if event.start else None
    cursor = store._db.execute(
        "SELECT data FROM corrected_events WHERE id != :id ORDER BY "
        "CASE WHEN :anchor IS NULL OR start_date IS NULL THEN 1e9 "
        "ELSE abs(julianday(start_date) - julianday(:anchor)) END, position LIMIT :n",
        {"id": event.id, "anchor": anchor, "n": limit},
    )
    return [rows.event_from_data(row[0]) for row in cursor]


# -- articles --------------------------------------------------------------------------------


def list_articles(
    store: Store, *, source: str | None = None, limit: int = 100, offset: int = 0, with_text: bool = False
) -> tuple[int, list[dict[str, Any]]]:
    """(how many match, one page of them) of the stored articles in the order they were stored.

    Each is ``article_dict(article)``'s shape: ``to_dict()`` without ``text`` unless ``with_text``,
    read from the columns (the text is not read unless asked for). ``source`` matches the outlet
    exactly, ignoring case (casefolded, as Python does).
    """
    where, params = "1", []
    if source:
        wanted = source.casefold()
        names = [
            row[0]
            for row in store._db.execute("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL")
            if row[0].casefold() == wanted
        ]
        where, params = "source IN (SELECT value FROM json_each(?))", [json.dumps(names)]
    total = store._db.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()[0]
    columns = rows.ARTICLE_COLUMNS if with_text else _ARTICLE_LIST_COLUMNS
    cursor = store._db.execute(
        f"SELECT {', '.join(columns)} FROM articles WHERE {where} ORDER BY rowid LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return int(total), [{column: row[column] for column in columns} for row in cursor]


def has_control(text: str) -> bool:
    """Whether ``text`` holds NUL or another control character (never in a filter or a search)."""
    return CONTROL.search(text) is not None


__all__ = [
    "DEFAULT_SORT",
    "LAYOUT",
    "SORTS",
    "CorrectedRow",
    "EventQuery",
    "RejectedClaim",
    "corrected_event",
    "correction_notes",
    "count_events",
    "event_ids_by_article",
    "events_json",
    "events_mentioning",
    "filter_choices",
    "has_control",
    "is_fresh",
    "list_articles",
    "merged_from",
    "nearest_events",
    "rejected_claims",
    "resolve_event_id",
    "save_corrected",
    "select_events",
    "select_summaries",
    "split_from",
    "split_off",
]
