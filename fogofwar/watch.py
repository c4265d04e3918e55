"""Watch feeds and folders: poll them now and then and ingest only what is new.

A source is an http(s) feed URL, a folder, or a single file. What counts as new:

- **feed URL**: nothing when the server answers a conditional GET (``If-None-Match`` with the
  last ``ETag``, ``If-Modified-Since`` with the last ``Last-Modified``) with 304 Not Modified;
  otherwise the entries whose key (guid / Atom id, else link, else title: see
  :func:`fogofwar.ingest.feed.entry_key`) was never taken, or was taken with another text
  (a toll revised in place comes in as a new report). Within one feed the first entry of a
  key wins.
- **folder or file**: the files never seen and those whose size or modification time changed
  (:func:`fogofwar.ingest.sources.file_signature`); a folder is walked as ``ingest`` walks it
  (hidden entries skipped, so a writer that writes ``.name.tmp`` and renames it is never
  read half-written). A file deleted from the folder is forgotten.

Each poll is one batch through :func:`fogofwar.batch.ingest_items` (one transaction). The
sources' new state is saved right after that batch commits, in its own transaction: a crash
in between leaves the old state, so the next poll takes the same items again and the ledger
finds them already stored (at least once, never lost). A source that cannot be polled
(unreachable URL, missing folder, not a feed) gives one warning and keeps its state; the
other sources still go in.

The deciding steps are pure (:func:`take_feed`, :func:`take_files`): a state and what was
fetched or listed in, the new items (or paths) and the next state out. :func:`poll` does the
fetching and reading through :mod:`fogofwar.ingest`; :func:`watch_once` adds the batch and
the state's storage; :func:`repeat` runs a poll every so often.

Example::

    with Store.open("fogofwar.db") as store:
        sources = ["https://example.org/feed.xml", "inbox/"]
        report = watch_once(store, sources, settings=settings, pipeline=None)
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fogofwar.batch import IngestReport, ingest_items
from fogofwar.errors import InputRejected
from fogofwar.ingest import read_inputs
from fogofwar.ingest.feed import FeedEntry, read_feed_entries
from fogofwar.ingest.sources import (
    Fetched,
    FileSignature,
    display_path,
    fetch_if_changed,
    file_signatures,
    is_url,
)
from fogofwar.model import Article, Rejection
from fogofwar.pipeline import Pipeline
from fogofwar.settings import Settings
from fogofwar.store import Store
from fogofwar.store.watch_state import WatchState, load_watch_states, save_watch_states

log = logging.getLogger(__name__)

# --every: a number of seconds, with an optional unit.
_INTERVAL = re.compile(r"\s*(?P<number>\d+(?:\.\d*)?|\.\d+)\s*(?P<unit>[smh]?)\s*", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600}
# Longest one-line reason carried in a warning for an unexpected error.
_DETAIL_CHARS = 300


def parse_interval(text: str) -> float:
    """Seconds between polls from ``30s``, ``15m``, ``1h`` or plain seconds (``90``, ``2.5``).

    RAISES: ValueError naming the accepted forms, for anything else or for zero.
    """
    match = _INTERVAL.fullmatch(text)
    seconds = float(match["number"]) * _UNIT_SECONDS[match["unit"].lower()] if match else math.nan
    if not (seconds > 0 and math.isfinite(seconds)):
        raise ValueError(
            f"not an interval: {text!r}; give seconds (90), or a number with s, m or h (30s, 15m, 1h)"
        )
    return seconds


# -- the pure part: what is new, and the state after taking it ------------------------------


def entry_signature(record: Article | Rejection) -> str:
    """What a feed entry was taken as: its article's id (a hash of its text), or the code that rejected it."""
    return record.id if isinstance(record, Article) else f"rejected:{record.code}"


def take_feed(
    state: WatchState, fetched: Fetched, entries: Sequence[FeedEntry]
) -> tuple[list[Article | Rejection], WatchState]:
    """The entries of a fetched feed not taken before, and the source's next state.

    state: the source's state before this poll; fetched: the (conditional) GET's answer;
    entries: what was read from ``fetched.data`` (empty after a 304).
    RETURNS: (new records in feed order, the state with the new validators and keys).
    """
    seen = dict(state.seen)
    keys_now: set[str] = set()
    new: list[Article | Rejection] = []
    for entry in entries:
        if entry.key in keys_now:
            log.debug("%s: entry key %s repeated in the feed, later one skipped", state.source, entry.key)
            continue
        keys_now.add(entry.key)
        signature = entry_signature(entry.record)
        if seen.get(entry.key) != signature:
            seen[entry.key] = signature
            new.append(entry.record)
    return new, replace(state, etag=fetched.etag, last_modified=fetched.last_modified, seen=seen)


def take_files(state: WatchState, files: Sequence[FileSignature]) -> tuple[list[Path], WatchState]:
    """The files of a folder listing never seen or changed since, and the source's next state.

    files: every file the folder holds now, each with its signature.
    RETURNS: (paths to read, in listing order; the state holding exactly ``files``).
    """
    seen = {display_path(f.path): f.signature for f in files}
    changed = [f.path for f in files if state.seen.get(display_path(f.path)) != f.signature]
    return changed, replace(state, seen=seen)


# -- polling: fetch, list and read through fogofwar.ingest ---------------------------------


@dataclass
class Poll:
    """What one poll of every source found.

    items: the new articles and rejections of all sources, source by source.
    states: the sources' next states, only those that changed (to save once items are stored).
    warnings: one line per source (or part of a folder) that could not be polled.
    """

    items: list[Article | Rejection] = field(default_factory=list)
    states: list[WatchState] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def poll(sources: Sequence[str], states: Mapping[str, WatchState], *, settings: Settings) -> Poll:
    """Poll each of ``sources`` once from its state in ``states`` (empty when absent).

    settings: ``max_bytes`` caps each download and file, and the readers' limits apply.
    A source that fails is a warning (its state kept); an unexpected error in one source is
    logged with its traceback and is a warning too, so the others still go in.
    """
    result = Poll()
    for source in sources:
        state = states.get(source) or WatchState(source=source)
        try:
            if is_url(source):
                items, after = _poll_feed(state, settings=settings)
            else:
                items, after, walk_warnings = _poll_path(state, settings=settings)
                result.warnings.extend(walk_warnings)
        except InputRejected as e:
            result.warnings.append(" ".join(str(e).split()))
            continue
        except Exception as e:  # the batch edge: one source's crash must not stop the others
            log.exception("unexpected error while polling %s", source)
            detail = " ".join(f"{type(e).__name__}: {e}".split())[:_DETAIL_CHARS]
            result.warnings.append(f"{source}: unexpected error ({detail})")
            continue
        result.items.extend(items)
        if after != state:
            result.states.append(after)
    return result


def _poll_feed(state: WatchState, *, settings: Settings) -> tuple[list[Article | Rejection], WatchState]:
    fetched = fetch_if_changed(
        state.source, max_bytes=settings.max_bytes, etag=state.etag, last_modified=state.last_modified
    )
    if fetched.data is None:
        log.info("%s: not modified", state.source)
        entries: list[FeedEntry] = []
    else:
        entries = read_feed_entries(fetched.data, origin=state.source, settings=settings)
    items, after = take_feed(state, fetched, entries)
    log.info("%s: %d new of %d entries", state.source, len(items), len(entries))
    return items, after


def _poll_path(
    state: WatchState, *, settings: Settings
) -> tuple[list[Article | Rejection], WatchState, list[str]]:
    files: list[FileSignature] = []
    warnings: list[str] = []
    for entry in file_signatures(Path(state.source)):
        if isinstance(entry, Rejection):
            warnings.append(entry.reason)
        else:
            files.append(entry)
    changed, after = take_files(state, files)
    log.info("%s: %d new or changed of %d files", state.source, len(changed), len(files))
    items = list(read_inputs([str(path) for path in changed], settings=settings)) if changed else []
    return items, after, warnings


# -- one poll into the ledger, and polling again and again ---------------------------------


@dataclass
class WatchReport:
    """What :func:`watch_once` did: the poll, and the batch it ingested (None when nothing was new)."""

    poll: Poll
    ingest: IngestReport | None = None

    @property
    def found(self) -> bool:
        """True when some source had something new (articles or rejections)."""
        return bool(self.poll.items)


def watch_once(
    store: Store,
    sources: Sequence[str],
    *,
    settings: Settings,
    pipeline: Pipeline | None,
    on_wait: Callable[[str], None] | None = None,
    **options: Any,
) -> WatchReport:
    """Poll ``sources`` from their stored state, ingest what is new as one batch, save the new state.

    pipeline, on_wait and ``options`` (incremental, on_rejection, track_extraction, while_linking):
    passed to :func:`fogofwar.batch.ingest_items`; on_wait is told of a wait for the state's write too.
    RETURNS: WatchReport. The state is saved only after the batch committed (see the module).
    """
    keys = source_keys(sources)
    polled = poll(keys, load_watch_states(store, keys), settings=settings)
    report = WatchReport(poll=polled)
    if polled.items:
        report.ingest = ingest_items(store, polled.items, pipeline=pipeline, on_wait=on_wait, **options)
    if polled.states:
        # writing(): wait for another writer (a long ingest) like the batch does, not fail.
        with store.writing(on_wait=on_wait):
            save_watch_states(store, polled.states)
    return report


def source_keys(sources: Sequence[str]) -> list[str]:
    """``sources`` as state keys, each once: URLs as given, paths normalised (``inbox/`` is ``inbox``)."""
    return list(dict.fromkeys(s if is_url(s) else os.path.normpath(s) for s in sources))


def repeat(
    poll_once: Callable[[], object],
    *,
    every_s: float,
    times: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Call ``poll_once`` now, then every ``every_s`` seconds, ``times`` times (None: until interrupted).

    Polls start ``every_s`` apart (at once after a poll that took longer than that). A
    KeyboardInterrupt while waiting between polls ends the loop and returns; one during a poll
    propagates (the poll's batch is rolled back whole).
    """
    done = 0
    while times is None or done < times:
        started = clock()
        poll_once()
        done += 1
        if times is not None and done >= times:
            return
        try:
            sleep(max(0.0, started + every_s - clock()))
        except KeyboardInterrupt:
            log.info("interrupted between polls: stopping")
            return


__all__ = [
    "Poll",
    "WatchReport",
    "entry_signature",
    "parse_interval",
    "poll",
    "repeat",
    "source_keys",
    "take_feed",
    "take_files",
    "watch_once",
]
