"""Corrections as readers see them: the stored log replayed over the stored events
(``read_events``) and written to the store's materialised table (``refresh_corrected_events``),
so readers query it instead of replaying the log on every request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fogofwar.corrections.apply import Corrected, correct
from fogofwar.corrections.log import CorrectionLog
from fogofwar.corrections.record import Correction
from fogofwar.model import Article, Event, Mention
from fogofwar.reconcile import event_totals, totals_by_outcome
from fogofwar.settings import DEFAULT_RECONCILE_RULE
from fogofwar.store import Store
from fogofwar.store.queries import CorrectedRow, RejectedClaim, save_corrected

# -- materialising (what readers query) ---------------------------------------------------------


def refresh_corrected_events(store: Store, *, rule: str, timeout: float | None = None) -> None:
    """Recompute the store's corrected events (every correction applied, figures by ``rule``) and
    write them to its materialised table, marked fresh for ``rule``.

    Reads the stored events and the whole log and writes the result in one transaction, so
    nothing can change in between; inside an open transaction (a batch in ``Store.writing()``)
    it joins it and commits with it. Call it after events or corrections are written: the
    ingest batch after replacing events, the API after storing a correction. ``timeout``: how
    long to wait for another writer's lock (default: Store.writing()'s); ConfigError E034 past it.
    """
    options = {} if timeout is None else {"timeout": timeout}
    with store.writing(**options):
        corrected = read_events(store, rule=rule)
        save_corrected(
            store,
            corrected_rows(corrected),
            redirects=corrected.merged_into,
            rejected=[
                RejectedClaim(r.claim, r.correction_id, corrected.merged_into.get(r.event_id, r.event_id))
                for r in corrected.rejected.values()
            ],
            notes={c.id: note for c, note in corrected.trail() if c.id is not None},
            rule=rule,
        )


def corrected_rows(corrected: Corrected) -> list[CorrectedRow]:
    """Each corrected event with its totals (:func:`fogofwar.reconcile.event_totals`, by outcome;
    the killed low and high also as columns to filter and sort on) and the event it was split off."""
    rows = []
    for event in corrected.events:
        killed = event_totals(event, "killed")
        rows.append(
            CorrectedRow(
                event,
                killed.low,
                killed.high,
                corrected.split_from.get(event.id),
                totals=totals_by_outcome(event),
            )
        )
    return rows


def read_events(store: Store, *, rule: str = DEFAULT_RECONCILE_RULE) -> Corrected:
    """The stored events as people see them: every correction applied, oldest first.

    Replays the whole log over every event: what the materialised table
    (:func:`refresh_corrected_events`) is built from. Readers that want a page of events query
    that table instead (:mod:`fogofwar.store.queries`). Only the articles and mentions of the
    events that corrections touch are loaded (merges and splits recompute dates, places and
    sources from them).
    """
    events = store.events()
    corrections = CorrectionLog(store).all()
    if not corrections:
        return Corrected(events=events)
    # A correction names an event by the id it had then; linking may have re-keyed it since.
    renamed = store.event_redirects()
    articles, mentions = _context(store, events, corrections, renamed)
    return correct(events, corrections, mentions=mentions, articles=articles, rule=rule, renamed=renamed)


def _context(
    store: Store, events: Sequence[Event], corrections: Sequence[Correction], renamed: Mapping[str, str]
) -> tuple[dict[str, Article], dict[str, Mention]]:
    """The articles and mentions of the events that ``corrections`` name (by an id they have or
    had, ``renamed``) or hold a claim of."""
    named = {i for c in corrections for i in (c.event_id, *c.event_ids) if i}
    named |= {renamed[i] for i in named if i in renamed}
    claim_ids = {c.claim_id for c in corrections if c.claim_id}
    article_ids: dict[str, None] = {}
    for event in events:
        if event.id in named or any(claim.id in claim_ids for claim in event.claims):
            article_ids.update(dict.fromkeys(event.article_ids))
    articles = {a.id: a for a in store.articles(list(article_ids))}
    mentions = {m.id: m for article_id in articles for m in store.mentions(article_id)}
    return articles, mentions


__all__ = ["corrected_rows", "read_events", "refresh_corrected_events"]
