"""The corrections log: analysts' corrections, kept as an append-only audit trail (who, when, what, why).

Extracted records are never rewritten: corrections live in their own table (migration
``0002_corrections``, whose triggers refuse UPDATE and DELETE) and are applied when events are
read for display or export (:func:`read_events`), so re-running the pipeline keeps them.

Example::

    with Store.open("fogofwar.db") as store:
        CorrectionLog(store).add(Correction("reject_claim", "ana", "misread figure", claim_id="8218..."))
        events = read_events(store).events
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence

from fogofwar.corrections import Corrected, Correction, correct, validate_correction
from fogofwar.model import Article, Event, Mention
from fogofwar.settings import DEFAULT_RECONCILE_RULE
from fogofwar.store.migrations import now_iso
from fogofwar.store.sqlite import Store

log = logging.getLogger(__name__)

# SQLite's INTEGER range: a larger Python int cannot be bound (OverflowError), and names no row.
_SQLITE_MIN, _SQLITE_MAX = -(2**63), 2**63 - 1
_INSERT = (
    "INSERT INTO corrections (kind, event_id, claim_id, author, reason, at, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


class CorrectionLog:
    """The corrections table of an open :class:`Store`.

    Shares the store's connection and its one-transaction-per-write rule (it lives in this
    package, so it may use the store's connection; nothing outside ``store/`` does).
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    def add(self, correction: Correction) -> Correction:
        """Validate and append ``correction`` in one transaction; returns it with its ``id`` and ``at``.

        Raises CorrectionInvalid (E070) when it is malformed. Its targets are not checked here:
        they may come and go as the pipeline re-runs (see :func:`fogofwar.corrections.correct`).
        """
        validate_correction(correction)
        at = now_iso()
        # id and at live in their columns only; data holds the rest of the record.
        data = {k: v for k, v in correction.to_dict().items() if k not in ("id", "at")}
        values = (
            correction.kind,
            correction.event_id,
            correction.claim_id,
            correction.author,
            correction.reason,
            at,
            json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        )
        with self._store._transaction() as db:
            cursor = db.execute(_INSERT, values)
        stored = Correction.from_dict({**data, "id": cursor.lastrowid, "at": at})
        log.info("correction %s stored: %s by %s", stored.id, stored.kind, stored.author)
        return stored

    def all(self) -> list[Correction]:
        """Every correction, oldest first."""
        cursor = self._store._db.execute("SELECT id, at, data FROM corrections ORDER BY id")
        return [_from_row(row) for row in cursor]

    def get(self, id: int) -> Correction | None:
        """The correction ``id``, or None (also for an id no SQLite integer can hold)."""
        if not _SQLITE_MIN <= id <= _SQLITE_MAX:
            return None
        row = self._store._db.execute("SELECT id, at, data FROM corrections WHERE id = ?", (id,)).fetchone()
        return None if row is None else _from_row(row)


def read_events(store: Store, *, rule: str = DEFAULT_RECONCILE_RULE) -> Corrected:
    """The stored events as people see them: every correction applied, oldest first.

    Replays the whole log over every event: what the materialised table
    (:func:`fogofwar.corrections.refresh_corrected_events`) is built from. Readers that want a
    page of events query that table instead (:mod:`fogofwar.store.queries`). Only the articles and
    mentions of the events that corrections touch are loaded (merges and splits recompute dates,
    places and sources from them).
    """
    events = store.events()
    corrections = CorrectionLog(store).all()
    if not corrections:
        return Corrected(events=events)
    articles, mentions = _context(store, events, corrections)
    return correct(events, corrections, mentions=mentions, articles=articles, rule=rule)


def _context(
    store: Store, events: Sequence[Event], corrections: Sequence[Correction]
) -> tuple[dict[str, Article], dict[str, Mention]]:
    """The articles and mentions of the events that ``corrections`` name or hold a claim of."""
    named = {i for c in corrections for i in (c.event_id, *c.event_ids) if i}
    claim_ids = {c.claim_id for c in corrections if c.claim_id}
    article_ids: dict[str, None] = {}
    for event in events:
        if event.id in named or any(claim.id in claim_ids for claim in event.claims):
            article_ids.update(dict.fromkeys(event.article_ids))
    articles = {a.id: a for a in store.articles(list(article_ids))}
    mentions = {m.id: m for article_id in articles for m in store.mentions(article_id)}
    return articles, mentions


def _from_row(row: sqlite3.Row) -> Correction:
    data = json.loads(row["data"])
    return Correction.from_dict({**data, "id": row["id"], "at": row["at"]})
