"""What the JSON routes and the web pages share: finding records, checking and storing corrections.

Events are read from the store's materialised corrected events (:mod:`fogofwar.store.queries`),
never by replaying the log per request. Functions here raise ``HTTPException`` with a catalogue
message; the JSON routes let it through, the web pages show it on the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from fastapi import HTTPException, status

from fogofwar.corrections import (
    Correction,
    CorrectionInvalid,
    CorrectionLog,
    refresh_corrected_events,
    split_event,
)
from fogofwar.errors import NotFound, message
from fogofwar.model import Article, Claim, Event, Mention
from fogofwar.store import Store, queries

# The status of a correction stored after the materialised events were last rebuilt.
PENDING = "pending"


def find_event(store: Store, id: str) -> Event:
    """The corrected event ``id`` names: its id, an id merged into it, or a unique prefix of either.

    404 when none matches, 400 when a prefix matches several.
    """
    try:
        found = queries.resolve_event_id(store, id)
    except NotFound as e:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(e)) from e
    event = queries.corrected_event(store, found) if found else None
    if event is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=message("E021", id=id))
    return event


def find_article(store: Store, id: str) -> Article:
    """The article ``id`` (or unique prefix) names; 404 when none, 400 when a prefix matches several."""
    try:
        article = store.article(id)
    except NotFound as e:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(e)) from e
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=message("E025", id=id))
    return article


def event_mentions(store: Store, event: Event) -> list[Mention]:
    """The stored mentions of ``event``, in the event's order."""
    wanted = set(event.mention_ids)
    found = {m.id: m for a in event.article_ids for m in store.mentions(a) if m.id in wanted}
    return [found[i] for i in event.mention_ids if i in found]


def rejected(store: Store, event: Event) -> list[queries.RejectedClaim]:
    """The claims marked wrong that were taken from ``event`` (or from events merged into it)."""
    return queries.rejected_claims(store, event_ids=[event.id])


def rejected_claims(store: Store, event: Event) -> list[Claim]:
    """The claims of :func:`rejected`, as records."""
    return [r.claim for r in rejected(store, event)]


def trail(store: Store) -> list[tuple[Correction, str]]:
    """Every correction, oldest first, with what it does now (``pending`` until the next rebuild)."""
    notes = queries.correction_notes(store)
    return [(c, notes.get(c.id or 0, PENDING)) for c in CorrectionLog(store).all()]


def event_trail(store: Store, event: Event) -> list[tuple[Correction, str]]:
    """The corrections that name ``event`` (or an id it had before an earlier report re-keyed
    it), an event merged into it or split from it, or its claims."""
    names = {event.id, *queries.merged_from(store, event.id)}
    names |= {old for old, now in store.event_redirects().items() if now == event.id}
    source = queries.split_from(store, event.id)
    if source:
        names.add(source)
    claim_ids = {c.id for c in event.claims} | {c.id for c in rejected_claims(store, event)}
    everything = trail(store)
    concerning = {
        c.id
        for c, _ in everything
        if names & {c.event_id, *c.event_ids} or (c.claim_id and c.claim_id in claim_ids)
    }
    # A revert belongs wherever the correction it withdraws belongs.
    concerning |= {c.id for c, _ in everything if c.kind == "revert" and c.reverts in concerning}
    return [(c, note) for c, note in everything if c.id in concerning]


def correction_note(store: Store, correction_id: int) -> str:
    """What correction ``correction_id`` does now."""
    return queries.correction_notes(store).get(correction_id, PENDING)


def add_correction(store: Store, correction: Correction, *, rule: str) -> Correction:
    """Check ``correction``'s targets against the corrected events, resolve id prefixes, store it and
    rebuild the corrected events, all in one transaction.

    404 when a target does not exist, 422 when the correction cannot apply (nothing to split,
    merging an event with itself, withdrawing a withdrawal).
    """
    with store.writing():
        resolved = _resolve(store, correction)
        try:
            stored = CorrectionLog(store).add(resolved)
        except CorrectionInvalid as e:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(e)) from e
        refresh_corrected_events(store, rule=rule)
    return stored


def _invalid(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=message("E070", detail=detail))


def _resolve(store: Store, c: Correction) -> Correction:
    if c.kind in ("reject_claim", "set_victims", "set_claimant"):
        return _resolve_reject(store, c)
    if c.kind == "revert":
        return _resolve_revert(store, c)
    event = find_event(store, c.event_id or "")
    if c.kind in ("set_place", "set_actor", "set_type", "set_dates"):
        return replace(c, event_id=event.id)
    if c.kind == "merge":
        others = _unique_ids(find_event(store, i).id for i in c.event_ids)
        if event.id in others:
            others.remove(event.id)
        if not others:
            raise _invalid("merge needs events other than the one merged into")
        return replace(c, event_id=event.id, event_ids=tuple(others))
    mention_ids = _expand(c.mention_ids, event.mention_ids, "mention", event.id)
    article_ids = _expand(c.article_ids, event.article_ids, "article", event.id)
    if split_event(event, mention_ids, article_ids) is None:
        raise _invalid(f"the split must move part of event {event.id} and leave the rest")
    return replace(c, event_id=event.id, mention_ids=tuple(mention_ids), article_ids=tuple(article_ids))


def _resolve_reject(store: Store, c: Correction) -> Correction:
    claim_id = c.claim_id or ""
    live = any(
        claim.id == claim_id for event in queries.events_mentioning(store, claim_id) for claim in event.claims
    )
    if not live:
        already = any(r.claim.id == claim_id for r in queries.rejected_claims(store))
        detail = f"no claim {claim_id!r} in any event" + (" (it is already marked wrong)" if already else "")
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=detail)
    return c


def _resolve_revert(store: Store, c: Correction) -> Correction:
    log = CorrectionLog(store)
    target = log.get(c.reverts or 0)
    if target is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no correction {c.reverts}")
    if target.kind == "revert":
        raise _invalid("a revert cannot be withdrawn; make the correction again instead")
    if any(other.kind == "revert" and other.reverts == target.id for other in log.all()):
        raise _invalid(f"correction {target.id} is already withdrawn")
    return c


def _expand(given: Sequence[str], known: Sequence[str], what: str, event_id: str) -> list[str]:
    """Full ids for ``given`` ids or unique prefixes among ``known``; 422 for one not in the event."""
    full = []
    for prefix in given:
        matches = [k for k in known if k == prefix] or [k for k in known if k.startswith(prefix)]
        if len(matches) != 1:
            raise _invalid(f"{what} {prefix!r} is not one of event {event_id}'s {what}s")
        full.append(matches[0])
    return _unique_ids(full)


def _unique_ids(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))
