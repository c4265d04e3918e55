"""The keys a batch looks stored records up by (fogofwar.link.incremental), as ``Store`` methods.

Events are stored under their blocking keys, articles under their LSH band keys and with their
term counts, each kind with the scheme it was made under (``link_index``), so an incremental
batch reads only what it can touch. ``LinkKeyStore`` is a part of :class:`fogofwar.store.Store`
(its connection and transactions), kept apart because it is one job of its own.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

# Selects the rows whose own id is given as one JSON-array parameter (see json_list).
ID_IN = "id IN (SELECT value FROM json_each(?))"


class LinkKeyStore:
    """The stored link keys: their schemes, rebuilds and lookups (a part of ``Store``)."""

    _db: sqlite3.Connection

    if TYPE_CHECKING:

        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

    def link_index_scheme(self, name: str) -> str | None:
        """The scheme the stored keys of kind ``name`` were made with; None when never built."""
        row = self._db.execute("SELECT scheme FROM link_index WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row["scheme"])

    def rebuild_event_keys(self, keys: Mapping[str, Sequence[int]], *, scheme: str) -> None:
        """Replace every stored event key with ``keys`` (event id -> keys), made under ``scheme``."""
        with self._transaction() as db:
            db.execute("DELETE FROM event_keys")
            db.executemany(
                "INSERT OR IGNORE INTO event_keys (key, event_id) VALUES (?, ?)",
                [(key, event_id) for event_id, values in keys.items() for key in values],
            )
            self._set_scheme(db, "event_keys", scheme)

    def save_article_index(self, terms: Mapping[str, bytes], bands: Mapping[str, Sequence[int]]) -> None:
        """Store new articles' term counts (article id -> fogofwar.link.text.TermCounts bytes)
        and LSH band keys (article id -> keys; kept with the counts and indexed by key)."""
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO article_terms (article_rowid, data, bands) SELECT rowid, ?, ? FROM articles "
                "WHERE id = ? ON CONFLICT (article_rowid) DO UPDATE SET data = excluded.data, "
                "bands = excluded.bands",
                [(data, int_blob(bands.get(i, ())), i) for i, data in terms.items()],
            )
            db.executemany(
                "INSERT OR IGNORE INTO article_bands (key, article_id) VALUES (?, ?)",
                [(key, article_id) for article_id, values in bands.items() for key in values],
            )

    def rebuild_article_terms(self, terms: Mapping[str, bytes], *, scheme: str) -> None:
        """Replace the stored term counts of every article with ``terms``, made under ``scheme``;
        the band keys kept beside them go too (rebuild them next: ``rebuild_article_bands``)."""
        with self._transaction() as db:
            db.execute("DELETE FROM article_terms")
            db.execute("DELETE FROM link_index WHERE name = 'article_bands'")
            db.executemany(
                "INSERT INTO article_terms (article_rowid, data) SELECT rowid, ? FROM articles WHERE id = ?",
                [(data, i) for i, data in terms.items()],
            )
            self._set_scheme(db, "article_terms", scheme)

    def rebuild_article_bands(self, bands: Mapping[str, Sequence[int]], *, scheme: str) -> None:
        """Replace the stored band keys of every article with ``bands``, made under ``scheme``
        (an article needs its term counts stored first: its keys are kept beside them)."""
        with self._transaction() as db:
            db.execute("DELETE FROM article_bands")
            db.execute("UPDATE article_terms SET bands = NULL")
            db.executemany(
                "UPDATE article_terms SET bands = ?"
                " WHERE article_rowid = (SELECT rowid FROM articles WHERE id = ?)",
                [(int_blob(values), article_id) for article_id, values in bands.items()],
            )
            db.executemany(
                "INSERT OR IGNORE INTO article_bands (key, article_id) VALUES (?, ?)",
                [(key, article_id) for article_id, values in bands.items() for key in values],
            )
            self._set_scheme(db, "article_bands", scheme)

    def forget_link_index(self, names: Iterable[str]) -> None:
        """Mark the stored keys of kinds ``names`` out of date (the next incremental ingest
        rebuilds them): for a writer that stores articles or events without them."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM link_index WHERE name IN (SELECT value FROM json_each(?))", (json_list(names),)
            )

    def article_terms(self, article_ids: Iterable[str]) -> dict[str, bytes]:
        """The stored term counts of ``article_ids`` (those that have them), by id."""
        cursor = self._db.execute(
            "SELECT articles.id, article_terms.data FROM articles JOIN article_terms"
            f" ON article_terms.article_rowid = articles.rowid WHERE articles.{ID_IN}",
            (json_list(article_ids),),
        )
        return {str(row[0]): bytes(row[1]) for row in cursor}

    def _set_scheme(self, db: sqlite3.Connection, name: str, scheme: str) -> None:
        db.execute(
            "INSERT INTO link_index (name, scheme) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET scheme = excluded.scheme",
            (name, scheme),
        )

    def event_ids_with_keys(self, keys: Iterable[int]) -> set[str]:
        """Ids of the events stored under any of ``keys``."""
        cursor = self._db.execute(
            "SELECT DISTINCT event_id FROM event_keys WHERE key IN (SELECT value FROM json_each(?))",
            (json_list(keys),),
        )
        return {str(row[0]) for row in cursor}

    def article_ids_with_bands(self, keys: Iterable[int]) -> set[str]:
        """Ids of the articles stored under any of the LSH band ``keys``."""
        cursor = self._db.execute(
            "SELECT DISTINCT article_id FROM article_bands WHERE key IN (SELECT value FROM json_each(?))",
            (json_list(keys),),
        )
        return {str(row[0]) for row in cursor}

    def event_ids_keyed(self, keys: Iterable[int]) -> dict[int, set[str]]:
        """Key -> the ids of the events stored under it, for each of ``keys`` that has any."""
        found: dict[int, set[str]] = defaultdict(set)
        cursor = self._db.execute(
            "SELECT key, event_id FROM event_keys WHERE key IN (SELECT value FROM json_each(?))",
            (json_list(keys),),
        )
        for key, event_id in cursor:
            found[int(key)].add(str(event_id))
        return dict(found)

    def event_articles(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        """Event id -> the ids of its articles, for each of ``event_ids`` that is stored."""
        found: dict[str, list[str]] = defaultdict(list)
        cursor = self._db.execute(
            "SELECT event_id, article_id FROM event_articles"
            " WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY event_id, rowid",
            (json_list(event_ids),),
        )
        for event_id, article_id in cursor:
            found[str(event_id)].append(str(article_id))
        return dict(found)

    def articles_sharing_bands(self, article_ids: Iterable[str]) -> set[str]:
        """Those of ``article_ids`` that share an LSH band key with another of them."""
        ids = set(article_ids)
        cursor = self._db.execute(
            "SELECT article_terms.bands FROM articles JOIN article_terms"
            f" ON article_terms.article_rowid = articles.rowid WHERE articles.{ID_IN}"
            " AND article_terms.bands IS NOT NULL",
            (json_list(ids),),
        )
        keys = {key for row in cursor for key in blob_ints(row[0])}
        holders: dict[int, set[str]] = defaultdict(set)
        cursor = self._db.execute(
            "SELECT key, article_id FROM article_bands WHERE key IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(keys)),),
        )
        for key, article_id in cursor:
            if article_id in ids:
                holders[int(key)].add(str(article_id))
        return {i for members in holders.values() if len(members) > 1 for i in members}


def int_blob(values: Iterable[int]) -> bytes:
    """Signed 64-bit integers as bytes (little-endian)."""
    return b"".join(value.to_bytes(8, "little", signed=True) for value in values)


def blob_ints(data: bytes) -> list[int]:
    """The integers of an ``int_blob``."""
    return [int.from_bytes(data[i : i + 8], "little", signed=True) for i in range(0, len(data), 8)]


def json_list(values: Iterable[str]) -> str:
    """A JSON array of ``values``: one parameter for ``IN (SELECT value FROM json_each(?))``."""
    return json.dumps(list(values))


__all__ = ["ID_IN", "LinkKeyStore", "blob_ints", "int_blob", "json_list"]
