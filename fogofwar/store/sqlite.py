"""The SQLite ledger: articles, their extractions, the events and the rejection log.

Only this package talks SQL. Every statement is parameterised; table and column names come
from constants in :mod:`fogofwar.store.rows`. Each write method runs its whole batch in one
transaction: either every record of the batch is stored or none is.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from fogofwar.errors import ConfigError, NotFound, SchemaError
from fogofwar.model import Article, Claim, Event, Extraction, Mention, Rejection
from fogofwar.settings import DEFAULT_DB
from fogofwar.store import rows
from fogofwar.store.corrections import CorrectionRow
from fogofwar.store.link_keys import ID_IN, LinkKeyStore, json_list
from fogofwar.store.migrations import migrate, now_iso, schema_version

log = logging.getLogger(__name__)

# Tables counted by Store.counts(), in display order.
_COUNTED = ("articles", "mentions", "claims", "events", "rejections")
# Tables whose records can be looked up by id or id prefix (and the column holding it).
_LOOKUP = {"articles": "id", "events": "id", "event_redirects": "old_id"}
# How many matching ids an ambiguous-prefix error lists.
_SHOWN_MATCHES = 5
# Lock waits (milliseconds): a first try that returns at once when another writer holds the
# lock (so the wait can be announced), and the wait of single statements outside writing().
_FIRST_TRY_MS = 50
_BUSY_MS = 5_000
# How long writing() waits for another writer by default: a large batch links for minutes.
WRITE_WAIT_SECONDS = 3_600.0
# Selects rows of the articles given as one JSON-array parameter (see link_keys.json_list).
_IN_IDS = "article_id IN (SELECT value FROM json_each(?))"
# The corrections log's columns besides id, at and data (migration 0002_corrections).
_CORRECTION_COLUMNS = ("kind", "event_id", "claim_id", "author", "reason")
_CORRECTION_INSERT = rows.insert_sql("corrections", (*_CORRECTION_COLUMNS, "at", "data"))
# SQLite's INTEGER range: a larger Python int cannot be bound (OverflowError), and names no row.
_SQLITE_MIN, _SQLITE_MAX = -(2**63), 2**63 - 1
_EVENT_UPSERT = rows.insert_sql(
    "events",
    rows.EVENT_COLUMNS,
    on_conflict="ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in rows.EVENT_COLUMNS if c != "id"),
)


@dataclass
class AddResult:
    """What ``add_articles`` did: articles newly stored, and those stored before (or twice in the batch)."""

    added: list[Article] = field(default_factory=list)
    already: list[Article] = field(default_factory=list)


class Store(LinkKeyStore):
    """fogofwar's records in one SQLite file. Open with :meth:`open`; use as a context manager.

    Example::

        with Store.open("fogofwar.db") as store:
            result = store.add_articles(articles)
            store.save_extractions(extractions)
            store.replace_events(events)
    """

    def __init__(self, db: sqlite3.Connection, *, path: str) -> None:
        # Use Store.open(): it sets the pragmas and migrates the schema.
        self._db = db
        self.path = path
        # How many _transaction blocks are open: the outermost one begins and commits.
        self._depth = 0

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, *, migrate_schema: bool = True) -> Store:
        """Open (creating if needed) the database at ``path`` (``":memory:"`` for a throwaway one).

        Turns on foreign keys and WAL journaling, then applies pending migrations.
        Raises ConfigError E032 when the file cannot be opened, SchemaError E031 when it is
        not a SQLite database, and SchemaError E030 when its schema is newer than this code.
        """
        name = str(path)
        try:
            # isolation_level=None: autocommit; transactions are explicit (see _transaction).
            db = sqlite3.connect(name, isolation_level=None)
        except sqlite3.Error as e:
            raise ConfigError("E032", path=name, detail=str(e)) from e
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA page_size = 16384")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA cache_size = -65536")
            # Pages read through a memory map: a batch's scattered key and term lookups cost no
            # read() each.
            db.execute("PRAGMA mmap_size = 1073741824")
            if migrate_schema:
                migrate(db)
        except sqlite3.OperationalError as e:
            db.close()
            raise ConfigError("E032", path=name, detail=str(e)) from e
        except sqlite3.DatabaseError as e:
            db.close()
            raise SchemaError("E031", path=name, detail=str(e)) from e
        except BaseException:
            db.close()
            raise
        return cls(db, path=name)

    def close(self) -> None:
        """Close the connection (WAL files are folded back into the database by SQLite)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE: take the write lock at the start, so a batch never fails half way
        # because another writer got in between its reads and its writes. A nested block joins
        # the outer transaction, so a batch (see writing()) commits all its writes at once.
        if self._depth:
            self._depth += 1
            try:
                yield self._db
            finally:
                self._depth -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        with self._committing():
            yield self._db

    @contextmanager
    def _committing(self) -> Iterator[None]:
        """After BEGIN: the block's writes commit at its end, or are rolled back when it raises."""
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._db.execute("ROLLBACK")
            raise
        self._depth = 0
        self._db.execute("COMMIT")

    @contextmanager
    def writing(
        self, *, on_wait: Callable[[str], None] | None = None, timeout: float = WRITE_WAIT_SECONDS
    ) -> Iterator[Store]:
        """Hold the database's write lock for a block: every write inside commits at its end, or none does.

        Only one writer holds the lock at a time. When another process holds it, ``on_wait`` is
        told once (a line naming the database) and the call waits up to ``timeout`` seconds;
        reads inside the block see the database as the previous writer left it, so a batch
        computed under the lock never overwrites what another batch stored meanwhile.
        Raises ConfigError E034 when the lock is not free within ``timeout``.
        """
        if self._depth:
            with self._transaction():
                yield self
            return
        self._db.execute(f"PRAGMA busy_timeout = {_FIRST_TRY_MS}")
        try:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                if not _is_busy(e):
                    raise
                if on_wait is not None:
                    on_wait(f"waiting for another writer to finish with {self.path}")
                self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                try:
                    self._db.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as e2:
                    if _is_busy(e2):
                        raise ConfigError("E034", path=self.path, seconds=int(timeout)) from e2
                    raise
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        with self._committing():
            yield self

    def schema_version(self) -> int:
        """The schema version of the open database (the number of migrations applied)."""
        return schema_version(self._db)

    def journal_mode(self) -> str:
        """SQLite's journal mode for this connection: "wal" for files, "memory" for ":memory:"."""
        return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    # -- articles -------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store ``articles`` in one transaction; an id stored before (or earlier in the batch) is skipped.

        RETURNS (AddResult): ``added`` in input order, and ``already`` for the skipped ones.
        """
        result = AddResult()
        sql = rows.insert_sql(
            "articles", (*rows.ARTICLE_COLUMNS, "inserted_at"), on_conflict="ON CONFLICT (id) DO NOTHING"
        )
        inserted_at = now_iso()
        with self._transaction() as db:
            for article in articles:
                cursor = db.execute(sql, rows.article_row(article, inserted_at=inserted_at))
                (result.added if cursor.rowcount == 1 else result.already).append(article)
        log.debug("stored %d articles, %d already stored", len(result.added), len(result.already))
        return result

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Every stored article (or those with ``ids``), in the order they were stored."""
        columns = ", ".join(rows.ARTICLE_COLUMNS)
        cursor = self._select(f"SELECT {columns} FROM articles", ids, "ORDER BY rowid")
        return [rows.article_from_row(row) for row in cursor]

    def _select(self, select: str, ids: Iterable[str] | None, order: str) -> sqlite3.Cursor:
        """``select`` (``SELECT ... FROM table``) then ``order``: every row, or with ``ids`` only theirs."""
        if ids is None:
            return self._db.execute(f"{select} {order}")
        return self._db.execute(f"{select} WHERE {ID_IN} {order}", (json_list(ids),))

    def stored_ids(self, ids: Iterable[str], *, extracted: bool | None = None) -> set[str]:
        """Which of ``ids`` are stored; with ``extracted``, only those (not) extracted yet."""
        where = ID_IN
        if extracted is not None:
            where += " AND extracted_at IS NOT NULL" if extracted else " AND extracted_at IS NULL"
        cursor = self._db.execute(f"SELECT id FROM articles WHERE {where}", (json_list(ids),))
        return {str(row["id"]) for row in cursor}

    def article(self, id: str) -> Article | None:
        """The article with ``id``, or with a unique id prefix; None when there is none.

        Raises NotFound E023 when the prefix matches more than one article.
        """
        found = self._lookup("articles", id)
        return None if found is None else self.articles([found])[0]

    def search(self, query: str, *, limit: int = 20) -> list[Article]:
        """Articles whose title or text contain every word of ``query`` (FTS5, best match first).

        The words are quoted, so FTS5 operators in ``query`` are matched as plain words.
        """
        terms = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
        if not terms:
            return []
        columns = ", ".join(f"articles.{c}" for c in rows.ARTICLE_COLUMNS)
        cursor = self._db.execute(
            f"SELECT {columns} FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?",
            (terms, limit),
        )
        return [rows.article_from_row(row) for row in cursor]

    # -- extractions ----------------------------------------------------------------------

    def save_extractions(self, extractions: Iterable[Extraction]) -> None:
        """Store ``extractions`` in one transaction, replacing the mentions and claims of their articles.

        Each article is marked as extracted even when nothing was found in it.
        Raises NotFound E025 when an extraction's article is not stored.
        """
        mention_sql = rows.insert_sql("mentions", rows.MENTION_COLUMNS)
        claim_sql = rows.insert_sql("claims", rows.CLAIM_COLUMNS)
        extracted_at = now_iso()
        with self._transaction() as db:
            for extraction in extractions:
                cursor = db.execute(
                    "UPDATE articles SET extracted_at = ? WHERE id = ?", (extracted_at, extraction.article_id)
                )
                if cursor.rowcount == 0:
                    raise NotFound("E025", id=extraction.article_id)
                db.execute("DELETE FROM claims WHERE article_id = ?", (extraction.article_id,))
                db.execute("DELETE FROM mentions WHERE article_id = ?", (extraction.article_id,))
                db.executemany(mention_sql, [rows.mention_row(m) for m in extraction.mentions])
                db.executemany(claim_sql, [rows.claim_row(c) for c in extraction.claims])

    def mentions(self, article_id: str | None = None) -> list[Mention]:
        """Stored mentions (of one article when ``article_id`` is given), in extraction order."""
        return [rows.mention_from_data(data) for data in self._extracted("mentions", article_id)]

    def claims(self, article_id: str | None = None) -> list[Claim]:
        """Stored claims (of one article when ``article_id`` is given), in extraction order."""
        return [rows.claim_from_data(data) for data in self._extracted("claims", article_id)]

    def _extracted(self, table: str, article_id: str | None) -> list[str]:
        """The ``data`` of ``table``'s rows (mentions or claims; of one article when given), in order."""
        if article_id is None:
            cursor = self._db.execute(f"SELECT data FROM {table} ORDER BY rowid")
        else:
            cursor = self._db.execute(
                f"SELECT data FROM {table} WHERE article_id = ? ORDER BY rowid", (article_id,)
            )
        return [row["data"] for row in cursor]

    def extractions(self, article_ids: Sequence[str] | None = None) -> list[Extraction]:
        """The saved Extraction of every extracted article (or of those in ``article_ids``).

        Articles never extracted (stored with extraction skipped) have no Extraction; an
        article extracted with nothing found has an empty one. Ordered as the articles were stored.
        """
        where = "WHERE extracted_at IS NOT NULL"
        params: tuple[str, ...] = ()
        if article_ids is not None:
            where += " AND id IN (SELECT value FROM json_each(?))"
            params = (json_list(article_ids),)
        cursor = self._db.execute(f"SELECT id FROM articles {where} ORDER BY rowid", params)
        ids = [str(row["id"]) for row in cursor]
        if not ids:
            return []
        selected = (json_list(ids),)
        mentions: dict[str, list[Mention]] = defaultdict(list)
        claims: dict[str, list[Claim]] = defaultdict(list)
        for row in self._db.execute(f"SELECT data FROM mentions WHERE {_IN_IDS} ORDER BY rowid", selected):
            mention = rows.mention_from_data(row["data"])
            mentions[mention.article_id].append(mention)
        for row in self._db.execute(f"SELECT data FROM claims WHERE {_IN_IDS} ORDER BY rowid", selected):
            claim = rows.claim_from_data(row["data"])
            claims[claim.article_id].append(claim)
        return [Extraction(article_id=i, mentions=tuple(mentions[i]), claims=tuple(claims[i])) for i in ids]

    # -- events ---------------------------------------------------------------------------

    def replace_events(self, events: Iterable[Event], *, redirects: Mapping[str, str] | None = None) -> None:
        """Make ``events`` the stored set, in one transaction: upsert each by id, delete the rest.

        For a caller that recomputes the whole set: an event missing from ``events`` is gone.
        The events' block keys are not written, so the stored keys are marked out of date (the
        next incremental ingest rebuilds them; see :meth:`upsert_events`).
        Every article an event names must be stored (foreign key).
        redirects: gone id -> the event of ``events`` holding it now (:meth:`event_redirects`).
        """
        kept: list[str] = []
        with self._transaction() as db:
            updated_at = now_iso()
            for event in events:
                self._write_event(db, event, updated_at=updated_at)
                kept.append(event.id)
            self._redirect(db, redirects or {})
            cursor = db.execute(
                "DELETE FROM events WHERE id NOT IN (SELECT value FROM json_each(?))", (json_list(kept),)
            )
            db.execute("DELETE FROM event_keys")
            db.execute("DELETE FROM link_index WHERE name = 'event_keys'")
        log.debug("stored %d events, deleted %d", len(kept), cursor.rowcount)

    def upsert_events(
        self,
        events: Iterable[Event],
        *,
        keys: Mapping[str, Sequence[int]],
        dropped: Mapping[str, Sequence[int]] | None = None,
        deleted: Iterable[str] = (),
        redirects: Mapping[str, str] | None = None,
    ) -> None:
        """Write ``events`` (new or changed) with their block keys, and delete the ``deleted`` ids,
        in one transaction; every other stored event is left as it is.

        keys: event id -> block keys to add (fogofwar.link.incremental; those stored stay).
        dropped: event id -> block keys to remove (keys an event had and has no more, and every
            key of a deleted event): the keys are looked up by key, not by event.
        redirects: deleted id -> the event holding it now (:meth:`event_redirects`); a deleted
            event without one takes the redirects to it along.
        """
        key_sql = "INSERT OR IGNORE INTO event_keys (key, event_id) VALUES (?, ?)"
        dropped = dropped or {}
        written = 0
        with self._transaction() as db:
            updated_at = now_iso()
            db.executemany(
                "DELETE FROM event_keys WHERE key = ? AND event_id = ?",
                [(key, event_id) for event_id, values in dropped.items() for key in values],
            )
            for event in events:
                self._write_event(db, event, updated_at=updated_at)
                db.executemany(key_sql, [(key, event.id) for key in keys.get(event.id, ())])
                written += 1
            self._redirect(db, redirects or {})
            cursor = db.execute(
                "DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))", (json_list(deleted),)
            )
        log.debug("wrote %d events, deleted %d", written, cursor.rowcount)

    def _write_event(self, db: sqlite3.Connection, event: Event, *, updated_at: str) -> None:
        """Upsert one event and its article and mention links (inside a transaction); a live id
        redirects nowhere."""
        db.execute(_EVENT_UPSERT, rows.event_row(event, updated_at=updated_at))
        db.execute("DELETE FROM event_redirects WHERE old_id = ?", (event.id,))
        db.execute("DELETE FROM event_articles WHERE event_id = ?", (event.id,))
        db.execute("DELETE FROM event_mentions WHERE event_id = ?", (event.id,))
        db.executemany(
            "INSERT OR IGNORE INTO event_articles (event_id, article_id) VALUES (?, ?)",
            [(event.id, article_id) for article_id in event.article_ids],
        )
        db.executemany(
            "INSERT OR IGNORE INTO event_mentions (event_id, mention_id) VALUES (?, ?)",
            [(event.id, mention_id) for mention_id in event.mention_ids],
        )

    def _redirect(self, db: sqlite3.Connection, redirects: Mapping[str, str]) -> None:
        """Record ``redirects`` (old id -> live event id; inside a transaction, after the live
        events are written and before the old ones are deleted), collapsing chains: the rows
        leading to an old id lead on to its new one, so one lookup resolves."""
        for old, new in sorted(redirects.items()):
            db.execute("UPDATE event_redirects SET event_id = ? WHERE event_id = ?", (new, old))
            db.execute(
                "INSERT INTO event_redirects (old_id, event_id) VALUES (?, ?) "
                "ON CONFLICT (old_id) DO UPDATE SET event_id = excluded.event_id",
                (old, new),
            )

    def event_redirects(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """Old event id -> the live event it now is, for every id an event was stored under and
        gave up (fogofwar.batch: re-keyed when a batch brought it an earlier report,
        fogofwar.link.cluster.stable_id), or for those of ``ids`` that have one."""
        if ids is None:
            cursor = self._db.execute("SELECT old_id, event_id FROM event_redirects ORDER BY old_id")
        else:
            cursor = self._db.execute(
                "SELECT old_id, event_id FROM event_redirects WHERE old_id IN"
                " (SELECT value FROM json_each(?)) ORDER BY old_id",
                (json_list(ids),),
            )
        return {str(row[0]): str(row[1]) for row in cursor}

    def event_ids_for_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Ids of the events holding any of ``article_ids``."""
        cursor = self._db.execute(
            f"SELECT DISTINCT event_id FROM event_articles WHERE {_IN_IDS}", (json_list(article_ids),)
        )
        return {str(row[0]) for row in cursor}

    def events(self, ids: Iterable[str] | None = None) -> list[Event]:
        """Every stored event (or those with ``ids``), by start date (undated last), then id."""
        cursor = self._select("SELECT data FROM events", ids, "ORDER BY start_date IS NULL, start_date, id")
        return [rows.event_from_data(row["data"]) for row in cursor]

    def event(self, id: str) -> Event | None:
        """The event with ``id``, or with a unique id prefix, or the one an old id (or a unique
        prefix of one, when no live id has it) now is (:meth:`event_redirects`); None when there
        is none.

        Raises NotFound E023 when the prefix matches more than one event.
        """
        found = self._lookup("events", id) or self._lookup("event_redirects", id)
        if found is None:
            return None
        found = self.event_redirects([found]).get(found, found)
        row = self._db.execute("SELECT data FROM events WHERE id = ?", (found,)).fetchone()
        return rows.event_from_data(row["data"])

    def event_ids_for_article(self, article_id: str) -> list[str]:
        """Ids of the events that ``article_id`` contributes to."""
        cursor = self._db.execute(
            "SELECT event_id FROM event_articles WHERE article_id = ? ORDER BY event_id", (article_id,)
        )
        return [row["event_id"] for row in cursor]

    # -- rejections and counts ------------------------------------------------------------

    def log_rejections(self, rejections: Iterable[Rejection]) -> int:
        """Append ``rejections`` to the log in one transaction; returns how many were logged."""
        at = now_iso()
        values = [(r.input, r.reason, r.code, at) for r in rejections]
        with self._transaction() as db:
            db.executemany("INSERT INTO rejections (input, reason, code, at) VALUES (?, ?, ?, ?)", values)
        return len(values)

    # -- corrections (stored, never applied here: fogofwar.corrections applies them) -------

    def add_correction(self, data: Mapping[str, Any]) -> CorrectionRow:
        """Append one correction in one transaction; returns its row with the ``id`` and ``at``
        (ISO 8601 UTC) it was given. ``data`` is the record less ``id`` and ``at``; its ``kind``,
        ``event_id``, ``claim_id``, ``author`` and ``reason`` also fill their columns."""
        at = now_iso()
        values = {column: data.get(column) for column in _CORRECTION_COLUMNS}
        values.update(at=at, data=json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        with self._transaction() as db:
            cursor = db.execute(_CORRECTION_INSERT, values)
        return CorrectionRow(id=int(cursor.lastrowid or 0), at=at, data=dict(data))

    def corrections(self, id: int | None = None) -> list[CorrectionRow]:
        """Every stored correction, oldest first; with ``id``, that one only (none for an id
        no SQLite integer can hold: it names no row)."""
        if id is None:
            cursor = self._db.execute("SELECT id, at, data FROM corrections ORDER BY id")
        elif not _SQLITE_MIN <= id <= _SQLITE_MAX:
            return []
        else:
            cursor = self._db.execute("SELECT id, at, data FROM corrections WHERE id = ?", (id,))
        return [CorrectionRow(id=row["id"], at=row["at"], data=json.loads(row["data"])) for row in cursor]

    # -- rejections -----------------------------------------------------------------------

    def rejections(self) -> list[Rejection]:
        """Every logged rejection, oldest first."""
        cursor = self._db.execute("SELECT input, reason, code FROM rejections ORDER BY id")
        return [Rejection(input=row["input"], reason=row["reason"], code=row["code"]) for row in cursor]

    def counts(self) -> dict[str, int]:
        """Number of stored articles, mentions, claims, events and rejections."""
        # Table names are constants of this module, never input.
        return {table: self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in _COUNTED}

    def _lookup(self, table: str, id: str) -> str | None:
        """The full id in ``table`` equal to ``id`` or starting with it (unique), else None."""
        if table not in _LOOKUP:
            raise ValueError(f"no id lookup for table {table!r}")
        if not id:
            return None
        column = _LOOKUP[table]  # table and column names are the constants above, never input
        exact = self._db.execute(f"SELECT {column} FROM {table} WHERE {column} = ?", (id,)).fetchone()
        if exact is not None:
            return str(exact[0])
        # substr() rather than LIKE: ids are matched literally, '%' and '_' are not wildcards.
        cursor = self._db.execute(
            f"SELECT {column} FROM {table} WHERE substr({column}, 1, ?) = ? ORDER BY {column} LIMIT ?",
            (len(id), id, _SHOWN_MATCHES + 1),
        )
        matches = [str(row[0]) for row in cursor]
        if len(matches) > 1:
            count = str(len(matches)) if len(matches) <= _SHOWN_MATCHES else f"more than {_SHOWN_MATCHES}"
            raise NotFound("E023", id=id, count=count, matches=", ".join(matches[:_SHOWN_MATCHES]))
        return matches[0] if matches else None


def _is_busy(error: sqlite3.OperationalError) -> bool:
    """Whether ``error`` says another connection holds the lock."""
    return "locked" in str(error) or "busy" in str(error)
