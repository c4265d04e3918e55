"""What ``fogofwar watch`` has already seen of each source, kept in the ledger (migration 0004).

One :class:`WatchState` per source (a feed URL or a folder path, as given): the validators to
send on the next conditional GET, and the keys already taken with their signatures (a feed
entry's key with the id of its article, a file's path with its size and modification time).
Stored in the same SQLite file as the articles, so a watch stopped and started again, or run
from cron with ``--once``, goes on where it stopped.

Example::

    with Store.open("fogofwar.db") as store:
        states = load_watch_states(store, ["https://example.org/feed.xml"])
        save_watch_states(store, [replace(states["https://example.org/feed.xml"], etag='"v2"')])
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from fogofwar.store.migrations import now_iso
from fogofwar.store.sqlite import Store

log = logging.getLogger(__name__)

_UPSERT_SOURCE = (
    "INSERT INTO watch_sources (source, etag, last_modified, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (source) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
    "updated_at = excluded.updated_at"
)
# seen_at stays that of the first sighting unless the signature changed.
_UPSERT_SEEN = (
    "INSERT INTO watch_seen (source, key, signature, seen_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (source, key) DO UPDATE SET signature = excluded.signature, seen_at = excluded.seen_at "
    "WHERE signature != excluded.signature"
)
_DELETE_GONE = "DELETE FROM watch_seen WHERE source = ? AND key NOT IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True)
class WatchState:
    """One watched source as last polled.

    source: the URL or path as the user gave it (the state's key).
    etag, last_modified: the validators of the source's last answer (feeds only).
    seen: key -> signature of everything already taken; a key whose signature changed is new.
    """

    source: str
    etag: str | None = None
    last_modified: str | None = None
    seen: Mapping[str, str] = field(default_factory=dict)


def load_watch_states(store: Store, sources: Iterable[str]) -> dict[str, WatchState]:
    """The stored state of each of ``sources``; a source never polled gets an empty state."""
    states: dict[str, WatchState] = {}
    db = store._db
    for source in dict.fromkeys(sources):
        row = db.execute(
            "SELECT etag, last_modified FROM watch_sources WHERE source = ?", (source,)
        ).fetchone()
        seen = {
            str(r["key"]): str(r["signature"])
            for r in db.execute("SELECT key, signature FROM watch_seen WHERE source = ?", (source,))
        }
        states[source] = WatchState(
            source=source,
            etag=row["etag"] if row else None,
            last_modified=row["last_modified"] if row else None,
            seen=seen,
        )
    return states


def save_watch_states(store: Store, states: Sequence[WatchState]) -> None:
    """Store ``states`` in one transaction, each replacing what was stored for its source.

    A key stored before and absent from ``state.seen`` is forgotten (a file deleted from a
    watched folder); unchanged keys keep the time they were first seen.
    """
    at = now_iso()
    with store._transaction() as db:
        for state in states:
            db.execute(_UPSERT_SOURCE, (state.source, state.etag, state.last_modified, at))
            db.execute(_DELETE_GONE, (state.source, json.dumps(list(state.seen))))
            db.executemany(
                _UPSERT_SEEN, ((state.source, key, signature, at) for key, signature in state.seen.items())
            )
    log.debug("saved the watch state of %d source(s)", len(states))


__all__ = ["WatchState", "load_watch_states", "save_watch_states"]
