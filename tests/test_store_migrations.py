"""Schema migrations: a fresh database gets the latest version, reopening applies nothing,
and a database from a newer (or different) fogofwar is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fogofwar.errors import ConfigError, SchemaError
from fogofwar.store import MIGRATIONS, SCHEMA_VERSION, Migration, Store
from fogofwar.store.migrations import applied_migrations, migrate


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_store_migrations_fresh_database_gets_latest_version(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    db = _connect(db_path)
    assert applied_migrations(db) == [(i + 1, m.name) for i, m in enumerate(MIGRATIONS)]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "mentions", "claims", "events", "event_articles", "event_mentions"} <= tables
    assert {"rejections", "articles_fts", "migrations"} <= tables
    assert {
        "corrected_events",
        "corrected_event_articles",
        "corrected_redirects",
        "corrected_state",
        "event_redirects",
    } <= tables


def test_store_migrations_reopening_applies_nothing(db_path: Path) -> None:
    Store.open(db_path).close()
    db = _connect(db_path)
    before = db.execute("SELECT version, name, applied_at FROM migrations").fetchall()
    assert migrate(db) == []
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    assert db.execute("SELECT version, name, applied_at FROM migrations").fetchall() == before


def test_store_migrations_applies_only_pending_ones(db_path: Path) -> None:
    added = Migration("9999_test_column", lambda db: db.execute("ALTER TABLE articles ADD COLUMN extra TEXT"))
    Store.open(db_path).close()
    db = _connect(db_path)
    assert migrate(db, migrations=(*MIGRATIONS, added)) == ["9999_test_column"]
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
    assert "extra" in columns
    assert applied_migrations(db)[-1] == (SCHEMA_VERSION + 1, "9999_test_column")


def test_store_migrations_failed_migration_leaves_previous_version(db_path: Path) -> None:
    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    Store.open(db_path).close()
    db = _connect(db_path)
    with pytest.raises(RuntimeError, match="boom"):
        migrate(db, migrations=(*MIGRATIONS, Migration("9999_broken", broken)))
    assert applied_migrations(db)[-1][0] == SCHEMA_VERSION
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone() is None


def test_store_migrations_newer_database_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    db = _connect(db_path)
    db.execute(
        "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
        (SCHEMA_VERSION + 1, "9999_from_the_future", "2099-01-01T00:00:00+00:00"),
    )
    db.close()
    with pytest.raises(SchemaError, match=r"\[E030\]") as info:
        Store.open(db_path)
    assert info.value.code == "E030"


def test_store_migrations_renamed_migration_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    db = _connect(db_path)
    db.execute("UPDATE migrations SET name = 'something_else' WHERE version = 1")
    db.close()
    with pytest.raises(SchemaError, match=r"\[E033\]"):
        Store.open(db_path)


def test_store_migrations_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite, just some notes that happen to end in .db\n" * 20)
    with pytest.raises(SchemaError, match=r"\[E031\]"):
        Store.open(path)


def test_store_migrations_unopenable_path_is_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[E032\]"):
        Store.open(tmp_path / "no" / "such" / "folder" / "ledger.db")


@pytest.mark.parametrize(
    "write",
    [
        "INSERT INTO corrections (kind, author, reason, at, data) VALUES ('revert', 'a', 'r', 'now', '{}')",
        "DELETE FROM articles",
        "UPDATE articles SET duplicate_of = NULL",
    ],
)
def test_store_migrations_corrected_events_go_stale_on_source_writes(db_path: Path, write: str) -> None:
    Store.open(db_path).close()
    db = _connect(db_path)
    db.execute("UPDATE corrected_state SET stale = 0")
    db.execute("UPDATE articles SET extracted_at = 'now'")  # not a source of corrected events
    assert db.execute("SELECT stale FROM corrected_state").fetchone()[0] == 0
    db.execute("INSERT INTO articles (id, text, language, inserted_at) VALUES ('a', 't', 'en', 'now')")
    db.execute("UPDATE corrected_state SET stale = 0")
    db.execute(write)
    assert db.execute("SELECT stale FROM corrected_state").fetchone()[0] == 1


def test_store_migrations_backfill_dateline_spans_of_older_articles(db_path: Path) -> None:
    # A database of version 5 holds articles without dateline offsets; 0006 finds them in the text.
    db = _connect(db_path)
    migrate(db, migrations=MIGRATIONS[:5])
    rows = [
        ("a", "Bamako, July 27 (Reuters) – Two soldiers died.", "2024-07-28"),
        ("b", "No dateline.", None),
    ]
    db.executemany(
        "INSERT INTO articles (id, text, published, language, inserted_at) VALUES (?, ?, ?, 'en', 'x')", rows
    )
    with Store.open(db_path) as store:
        spans = {a.id: (a.dateline_start, a.dateline_end, a.dateline) for a in store.articles()}
    assert spans == {"a": (0, 27, "Bamako, July 27 (Reuters) –"), "b": (None, None, None)}
