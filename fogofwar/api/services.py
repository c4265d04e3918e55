"""What the JSON routes and the web pages share: finding records, checking and storing corrections.

Functions here raise ``HTTPException`` with a catalogue message; the JSON routes let it through,
the web pages show it on the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from fastapi import HTTPException, status

from fogofwar.corrections import Corrected, Correction, CorrectionInvalid, split_event
from fogofwar.errors import NotFound, message
from fogofwar.model import Article, Claim, Event, Mention
from fogofwar.store import Store
from fogofwar.store.corrections import CorrectionLog


def find_event(corrected: Corrected, id: str) -> Event:
    """The corrected event ``id`` names: its id, an id merged into it, or a unique prefix of either.

    404 when none matches, 400 when a prefix matches several.
    """
    found = corrected.event(id)
    if found is not None:
        return found
    live = {e.id for e in corrected.events}
    names = sorted(i for i in (live | set(corrected.merged_into)) if i.startswith(id))
    targets = sorted({corrected.merged_into.get(i, i) for i in names})
    if len(targets) > 1:
        detail = message("E023", id=id, count=len(targets), matches=", ".join(targets[:5]))
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=detail)
    if not targets:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=message("E021", id=id))
    return corrected.event(targets[0])  # type: ignore[return-value]


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


def merged_from(corrected: Corrected, event_id: str) -> list[str]:
    """Ids of the events merged into ``event_id``."""
    return sorted(old for old, into in corrected.merged_into.items() if into == event_id)


def rejected_claims(corrected: Corrected, event: Event) -> list[Claim]:
    """The claims marked wrong that were taken from ``event`` (or from events merged into it)."""
    own = {event.id, *merged_from(corrected, event.id)}
    return [
        r.claim
        for r in corrected.rejected.values()
        if corrected.merged_into.get(r.event_id, r.event_id) in own
    ]


def event_trail(corrected: Corrected, event: Event) -> list[tuple[Correction, str]]:
    """The corrections that name ``event``, an event merged into it or split from it, or its claims."""
    names = {event.id, *merged_from(corrected, event.id)}
    if event.id in corrected.split_from:
        names.add(corrected.split_from[event.id])
    claim_ids = {c.id for c in event.claims} | {c.id for c in rejected_claims(corrected, event)}
    concerning = {
        c.id
        for c, _ in corrected.trail()
        if names & {c.event_id, *c.event_ids} or (c.claim_id and c.claim_id in claim_ids)
    }
    # A revert belongs wherever the correction it withdraws belongs.
    concerning |= {c.id for c, _ in corrected.trail() if c.kind == "revert" and c.reverts in concerning}
    return [(c, note) for c, note in corrected.trail() if c.id in concerning]


def add_correction(store: Store, corrected: Corrected, correction: Correction) -> Correction:
    """Check ``correction``'s targets against the corrected events, resolve id prefixes, store it.

    404 when a target does not exist, 422 when the correction cannot apply (nothing to split,
    merging an event with itself, withdrawing a withdrawal).
    """
    resolved = _resolve(store, corrected, correction)
    try:
        return CorrectionLog(store).add(resolved)
    except CorrectionInvalid as e:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(e)) from e


def _invalid(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=message("E070", detail=detail))


def _resolve(store: Store, corrected: Corrected, c: Correction) -> Correction:
    if c.kind == "reject_claim":
        if not any(claim.id == c.claim_id for e in corrected.events for claim in e.claims):
            already = " (it is already marked wrong)" if c.claim_id in corrected.rejected else ""
            raise HTTPException(
                status.HTTP_404_NOT_FOUND, detail=f"no claim {c.claim_id!r} in any event{already}"
            )
        return c
    if c.kind == "revert":
        return _resolve_revert(store, corrected, c)
    event = find_event(corrected, c.event_id or "")
    if c.kind == "set_place":
        return replace(c, event_id=event.id)
    if c.kind == "merge":
        others = _unique_ids(find_event(corrected, i).id for i in c.event_ids)
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


def _resolve_revert(store: Store, corrected: Corrected, c: Correction) -> Correction:
    target = CorrectionLog(store).get(c.reverts or 0)
    if target is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no correction {c.reverts}")
    if target.kind == "revert":
        raise _invalid("a revert cannot be withdrawn; make the correction again instead")
    if any(other.kind == "revert" and other.reverts == target.id for other in corrected.corrections):
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
