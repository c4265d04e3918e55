"""The store's schema, changed only through named migrations.

Each migration is a function over an open connection, applied inside one transaction together
with the row that records it in ``migrations`` (the sqlite-utils ``migrations.py`` habit), so a
crash mid-migration leaves the database at the previous version. Migrations are numbered by
their position in :data:`MIGRATIONS`; the schema version of a database is the highest number
recorded. Never edit an applied migration: append a new one.

Layout of version 1 (``0001_initial``):

- ``articles``: one column per Article field, plus ``inserted_at`` and ``extracted_at`` (set
  when an extraction was saved, so an article with nothing found still counts as extracted).
- ``mentions``, ``claims``, ``events``: the record's ``to_dict()`` as JSON in ``data`` (the
  source of truth, read back with ``from_dict()``), plus copies of the fields that queries
  filter or join on. Those copies are written from the record on every write.
- ``event_articles``, ``event_mentions``: links from an event to its articles and mentions.
  ``event_mentions.mention_id`` has no foreign key on purpose: extractions are replaced
  independently of events, and the link stage recomputes events right after.
- ``rejections``: the log of inputs that could not be read.
- ``articles_fts``: FTS5 index over article title and text, kept in step by triggers.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fogofwar.errors import SchemaError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    """A named schema change; ``apply`` runs inside the caller's transaction."""

    name: str
    apply: Callable[[sqlite3.Connection], None]


def _execute_all(db: sqlite3.Connection, statements: tuple[str, ...]) -> None:
    # One statement at a time: executescript() would COMMIT the open transaction first.
    for statement in statements:
        db.execute(statement)


def _run_sql(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], None]:
    """A migration that only runs these SQL statements, in order."""
    return functools.partial(_execute_all, statements=statements)


_INITIAL = (
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        title TEXT,
        source TEXT,
        agency TEXT,
        url TEXT,
        published TEXT,
        dateline_place TEXT,
        dateline_date TEXT,
        language TEXT NOT NULL,
        origin TEXT,
        duplicate_of TEXT,
        inserted_at TEXT NOT NULL,
        extracted_at TEXT
    )
    """,
    "CREATE INDEX articles_published ON articles (published)",
    """
    CREATE TABLE mentions (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        place_name TEXT,
        admin1 TEXT,
        country TEXT,
        lat REAL,
        lon REAL,
        background INTEGER NOT NULL,
        data TEXT NOT NULL
    )
    """,
    "CREATE INDEX mentions_article_id ON mentions (article_id)",
    """
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        mention_id TEXT,
        claimant TEXT NOT NULL,
        victims TEXT NOT NULL,
        outcome TEXT NOT NULL,
        stance TEXT NOT NULL,
        claim_date TEXT,
        figure INTEGER,
        low INTEGER,
        high INTEGER,
        qualifier TEXT NOT NULL,
        data TEXT NOT NULL
    )
    """,
    "CREATE INDEX claims_article_id ON claims (article_id)",
    "CREATE INDEX claims_mention_id ON claims (mention_id)",
    """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        place_name TEXT,
        admin1 TEXT,
        country TEXT,
        lat REAL,
        lon REAL,
        first_reported TEXT,
        last_updated TEXT,
        sources INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX events_start_date ON events (start_date)",
    "CREATE INDEX events_country ON events (country, admin1)",
    """
    CREATE TABLE event_articles (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, article_id)
    )
    """,
    "CREATE INDEX event_articles_article_id ON event_articles (article_id)",
    """
    CREATE TABLE event_mentions (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        mention_id TEXT NOT NULL,
        PRIMARY KEY (event_id, mention_id)
    )
    """,
    "CREATE INDEX event_mentions_mention_id ON event_mentions (mention_id)",
    """
    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        input TEXT NOT NULL,
        reason TEXT NOT NULL,
        code TEXT NOT NULL,
        at TEXT NOT NULL
    )
    """,
    # External-content FTS5 table: the text lives once, in articles; rowid is articles' rowid.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text, content='articles', content_rowid='rowid'
    )
    """,
    """
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END
    """,
    # Only title and text are indexed, so only their changes touch the index.
    """
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END
    """,
)


# Version 2: analysts' corrections, an append-only audit trail (see fogofwar.corrections).
# ``data`` holds the Correction's to_dict() (the source of truth); kind, event_id, claim_id,
# author and at are copies for queries. No foreign key to events: the link stage replaces
# events on every run, and a correction must outlive that (it is skipped while its target is gone).
# Triggers refuse UPDATE and DELETE, so the trail can only grow; a mistake is withdrawn by a
# later "revert" correction.
_CORRECTIONS = (
    """
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        event_id TEXT,
        claim_id TEXT,
        author TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        data TEXT NOT NULL
    )
    """,
    "CREATE INDEX corrections_event_id ON corrections (event_id)",
    """
    CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections BEGIN
        SELECT RAISE(ABORT, 'corrections are an append-only audit trail');
    END
    """,
    """
    CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections BEGIN
        SELECT RAISE(ABORT, 'corrections are an append-only audit trail');
    END
    """,
)


# Version 3: the events as people see them, corrections applied, materialised for queries (see
# fogofwar.store.queries). Written whole by fogofwar.corrections.refresh_corrected_events; never
# the source of truth (events + corrections are), so it can always be rebuilt.
#
# - ``corrected_events``: one row per corrected event: ``data`` is its to_dict() JSON,
#   ``summary`` the same without claims, reconciled figures and id lists (for maps and
#   timelines), and copies of what filters and sorts use. ``*_key`` columns hold casefolded text
#   (Python's casefold, which SQLite's NOCASE does not match beyond ASCII); ``last_day`` is the
#   end date, else the start; ``actors_key`` every actor name and alias, casefolded, one a line.
# - ``corrected_event_articles``: which corrected events each article is in.
# - ``corrected_redirects``: an event id merged away -> the event holding it now.
# - ``corrected_rejected``: the claims analysts marked wrong, with the event they left.
# - ``corrected_notes``: what each correction does now ("applied", "reverted by N", "skipped: ...").
# - ``corrected_state``: one row. ``stale`` is set by triggers whenever a source of the
#   corrected events changes (events, corrections, articles, mentions), whoever writes it;
#   a rebuild clears it and records the reconcile rule and layout it was built with. Readers
#   rebuild when it is stale, so a database migrated from version 2 (table empty, stale = 1)
#   or written by an older fogofwar is rebuilt on first read.
_CORRECTED = (
    """
    CREATE TABLE corrected_events (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        type_key TEXT NOT NULL,
        sub_type_key TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        last_day TEXT,
        place_name TEXT,
        admin1 TEXT,
        country TEXT,
        admin1_key TEXT,
        country_key TEXT,
        lat REAL,
        lon REAL,
        actors_key TEXT NOT NULL,
        killed_low INTEGER,
        killed_high INTEGER,
        claims INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        first_reported TEXT,
        last_updated TEXT,
        split_from TEXT,
        summary TEXT NOT NULL,
        data TEXT NOT NULL
    )
    """,
    "CREATE INDEX corrected_events_start ON corrected_events (start_date, id)",
    "CREATE INDEX corrected_events_last_day ON corrected_events (last_day)",
    "CREATE INDEX corrected_events_place ON corrected_events (country_key, admin1_key)",
    "CREATE INDEX corrected_events_admin1 ON corrected_events (admin1_key)",
    "CREATE INDEX corrected_events_type ON corrected_events (type_key)",
    "CREATE INDEX corrected_events_sub_type ON corrected_events (sub_type_key)",
    "CREATE INDEX corrected_events_killed ON corrected_events (killed_high)",
    "CREATE INDEX corrected_events_sources ON corrected_events (sources)",
    "CREATE INDEX corrected_events_updated ON corrected_events (last_updated)",
    "CREATE INDEX corrected_events_split_from ON corrected_events (split_from)",
    """
    CREATE TABLE corrected_event_articles (
        event_id TEXT NOT NULL REFERENCES corrected_events (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        PRIMARY KEY (event_id, article_id)
    )
    """,
    "CREATE INDEX corrected_event_articles_article ON corrected_event_articles (article_id)",
    """
    CREATE TABLE corrected_redirects (
        old_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL
    )
    """,
    "CREATE INDEX corrected_redirects_event ON corrected_redirects (event_id)",
    """
    CREATE TABLE corrected_rejected (
        claim_id TEXT PRIMARY KEY,
        correction_id INTEGER,
        event_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        data TEXT NOT NULL
    )
    """,
    "CREATE INDEX corrected_rejected_event ON corrected_rejected (event_id)",
    "CREATE INDEX corrected_rejected_article ON corrected_rejected (article_id)",
    """
    CREATE TABLE corrected_notes (
        correction_id INTEGER PRIMARY KEY,
        note TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE corrected_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        stale INTEGER NOT NULL,
        rule TEXT,
        layout INTEGER,
        built_at TEXT
    )
    """,
    "INSERT INTO corrected_state (id, stale) VALUES (1, 1)",
    # A source changed: the materialised events are stale until the next rebuild.
    *(
        f"""
        CREATE TRIGGER corrected_stale_{table}_{verb.lower()} AFTER {verb} ON {table} BEGIN
            UPDATE corrected_state SET stale = 1 WHERE stale = 0;
        END
        """
        for table in ("events", "corrections", "mentions")
        for verb in ("INSERT", "UPDATE", "DELETE")
        if not (table == "corrections" and verb != "INSERT")  # the trail only grows
    ),
    # Articles: only the fields corrections read (sources, report dates, copies); not extracted_at.
    *(
        f"""
        CREATE TRIGGER corrected_stale_articles_{verb.split()[0].lower()} AFTER {verb} ON articles BEGIN
            UPDATE corrected_state SET stale = 1 WHERE stale = 0;
        END
        """
        for verb in (
            "INSERT",
            "DELETE",
            "UPDATE OF source, agency, url, published, dateline_date, duplicate_of",
        )
    ),
    "CREATE INDEX articles_source ON articles (source)",
)


# Version 4: what `fogofwar watch` has already seen of each source (see fogofwar.watch and
# fogofwar.store.watch_state), so a later poll, in this run or the next, takes only what is new.
#
# - ``watch_sources``: one row per watched source (a feed URL or a folder path, as given):
#   the validators of its last answer (``etag``, ``last_modified``) sent back on the next
#   conditional GET, and when the row last changed.
# - ``watch_seen``: per source, each thing already taken: a feed entry's id (its guid or Atom
#   id, else its link) with the id of the article read from it, or a file's path with its
#   size and modification time. A key whose signature changed is taken again.
_WATCH_STATE = (
    """
    CREATE TABLE watch_sources (
        source TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE watch_seen (
        source TEXT NOT NULL REFERENCES watch_sources (source) ON DELETE CASCADE,
        key TEXT NOT NULL,
        signature TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source, key)
    )
    """,
)


# Version 5: the keys a batch looks records up by, so an ingest reads only the stored events and
# articles it can touch (see fogofwar.link.incremental and fogofwar.batch).
#
# - ``event_keys``: each event's block keys (place cell or name x week x coarse type, as text),
#   rewritten whenever the event is written through the incremental path.
# - ``article_bands``: each extracted article's MinHash LSH band keys (dedup candidates).
# - ``link_index``: per kind of key ("event_keys", "article_bands"), the scheme its rows were
#   made with (settings and versions). A kind with no row, or another scheme, is rebuilt from
#   the events or articles on the next ingest; writing events without their keys
#   (Store.replace_events) deletes the "event_keys" row.
_LINK_INDEX = (
    """
    CREATE TABLE event_keys (
        key TEXT NOT NULL,
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        PRIMARY KEY (key, event_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX event_keys_event_id ON event_keys (event_id)",
    """
    CREATE TABLE article_bands (
        key TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_bands_article_id ON article_bands (article_id)",
    """
    CREATE TABLE link_index (
        name TEXT PRIMARY KEY,
        scheme TEXT NOT NULL
    )
    """,
)


# Version 6: the dateline's offsets into the article text (``Article.dateline_start`` and
# ``dateline_end``; NULL: no dateline), found once by ingest and read by every later stage.
# Rows stored before get theirs from their text, as ingest finds it today.
_DATELINE_SPAN = (
    "ALTER TABLE articles ADD COLUMN dateline_start INTEGER",
    "ALTER TABLE articles ADD COLUMN dateline_end INTEGER",
)


def _m0006_dateline_span(db: sqlite3.Connection) -> None:
    # Imported here: the store needs the dateline reader only to backfill rows of older versions.
    from fogofwar.ingest.dateline import find_dateline

    _execute_all(db, _DATELINE_SPAN)
    found = []
    for article_id, text, published in db.execute("SELECT id, text, published FROM articles").fetchall():
        dateline = find_dateline(text, published=date.fromisoformat(published) if published else None)
        if dateline is not None:
            found.append((dateline.start, dateline.end, article_id))
    # Only these two columns change: the articles_fts trigger fires on title and text alone.
    db.executemany("UPDATE articles SET dateline_start = ?, dateline_end = ? WHERE id = ?", found)
    log.info("dateline spans backfilled: %d articles with a dateline", len(found))


# Version 7: each extracted article's term counts (``article_terms``: fogofwar.link.text
# .TermCounts as bytes), so an incremental batch fits its text vectors on the stored articles it
# can touch without reading their texts. Filled by the next incremental ingest (its scheme, in
# ``link_index``, is missing until then).
_ARTICLE_TERMS = (
    """
    CREATE TABLE article_terms (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        data BLOB NOT NULL
    ) WITHOUT ROWID
    """,
)


# Version 8: integer link keys (fogofwar.link.incremental.key_code), so that a batch's writes
# land together instead of on every page of the tables:
# - ``event_keys`` (key, event_id), keyed by a code whose high bits are the key's week; no index
#   by event: an ingest deletes the keys it knows an event had (Store.upsert_events), and
#   replace_events clears the table;
# - ``article_bands`` (key, article_id), no index by article (articles are never deleted); an
#   article's own band keys are kept beside its term counts (``article_terms.bands``);
# - ``article_terms`` keyed by the article's rowid, so that a batch's rows are appended.
# The old rows are dropped and their schemes forgotten: the next incremental ingest rebuilds them.
_INTEGER_LINK_KEYS = (
    "DROP TABLE event_keys",
    "DROP TABLE article_bands",
    """
    CREATE TABLE event_keys (
        key INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (key, event_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE article_bands (
        key INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID
    """,
    "DROP TABLE article_terms",
    """
    CREATE TABLE article_terms (
        article_rowid INTEGER PRIMARY KEY,
        data BLOB NOT NULL,
        bands BLOB
    )
    """,
    "DELETE FROM link_index WHERE name IN ('event_keys', 'article_bands', 'article_terms')",
)


# Version 9: where an event id the linker gave up went (``event_redirects``: old id -> the live
# event holding its mentions now). Event ids are those of the earliest report
# (fogofwar.link.cluster.stable_id), so a batch bringing an earlier report of a stored event
# re-keys it, and the batch (fogofwar.batch) records the old id here so that links to it and
# corrections made with it still find the event. Chains are collapsed when a row is added (one
# lookup resolves), a live event's id is never an ``old_id`` (writing an event deletes that
# row), and a row goes with the event it names (ON DELETE CASCADE).
_EVENT_REDIRECTS = (
    """
    CREATE TABLE event_redirects (
        old_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE
    ) WITHOUT ROWID
    """,
    "CREATE INDEX event_redirects_event ON event_redirects (event_id)",
)


# Order is the version number: MIGRATIONS[0] is version 1. Append only.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _run_sql(_INITIAL)),
    Migration("0002_corrections", _run_sql(_CORRECTIONS)),
    Migration("0003_corrected_events", _run_sql(_CORRECTED)),
    Migration("0004_watch_state", _run_sql(_WATCH_STATE)),
    Migration("0005_link_index", _run_sql(_LINK_INDEX)),
    Migration("0006_dateline_span", _m0006_dateline_span),
    Migration("0007_article_terms", _run_sql(_ARTICLE_TERMS)),
    Migration("0008_integer_link_keys", _run_sql(_INTEGER_LINK_KEYS)),
    Migration("0009_event_redirects", _run_sql(_EVENT_REDIRECTS)),
)

SCHEMA_VERSION = len(MIGRATIONS)

_CREATE_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    applied_at TEXT NOT NULL
)
"""


def now_iso() -> str:
    """The current UTC time as an ISO 8601 string (seconds precision)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def applied_migrations(db: sqlite3.Connection) -> list[tuple[int, str]]:
    """(version, name) of every migration recorded in ``db``, lowest first; [] on a fresh file."""
    exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    if exists is None:
        return []
    return [(row[0], row[1]) for row in db.execute("SELECT version, name FROM migrations ORDER BY version")]


def schema_version(db: sqlite3.Connection) -> int:
    """The highest migration version recorded in ``db`` (0 for a fresh file)."""
    applied = applied_migrations(db)
    return applied[-1][0] if applied else 0


def check_version(db: sqlite3.Connection, *, migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
    """Raise SchemaError when ``db`` holds migrations this code does not know (E030, E033)."""
    known = {i + 1: m.name for i, m in enumerate(migrations)}
    for version, name in applied_migrations(db):
        if version not in known:
            raise SchemaError("E030", found=version, known=len(migrations))
        if known[version] != name:
            raise SchemaError("E033", version=version, found=name, expected=known[version])


def migrate(db: sqlite3.Connection, *, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply the migrations ``db`` lacks, each in its own transaction; returns the names applied.

    ``db`` must be in autocommit mode (``isolation_level=None``): transactions are explicit here.
    Raises SchemaError E030 when the database is newer than ``migrations`` and E033 when it
    records a migration under another name.
    """
    check_version(db, migrations=migrations)
    applied: list[str] = []
    if schema_version(db) == len(migrations):
        return applied  # up to date: don't take the write lock
    for version, migration in enumerate(migrations, start=1):
        # IMMEDIATE takes the write lock before reading, so two processes opening a fresh file
        # at once cannot both apply the same migration.
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute(_CREATE_MIGRATIONS)
            done = db.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone()
            if done is None:
                migration.apply(db)
                db.execute(
                    "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, migration.name, now_iso()),
                )
                applied.append(migration.name)
                log.info("applied migration %s (schema version %d)", migration.name, version)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    return applied
