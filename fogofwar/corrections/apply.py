"""Applying the corrections log to events: ``correct`` replays it oldest first and reports what
each correction did (``Corrected``; its ``events`` are the corrected events).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from fogofwar.corrections.edits import RANGE_PRECISION, merge_events, refresh_event, split_event, with_role
from fogofwar.corrections.record import Correction, correction_problem
from fogofwar.model import Article, Claim, DatePrecision, Event, Mention
from fogofwar.settings import DEFAULT_RECONCILE_RULE

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rejected:
    """A claim marked wrong: the claim as extracted, the correction, and the event it was taken from."""

    claim: Claim
    correction_id: int | None
    event_id: str


@dataclass
class Corrected:
    """What :func:`correct` made of the events and the log.

    ``notes`` has one line per correction of ``corrections``, in input order: "applied", "reverted by N" or
    "skipped: why". ``merged_into`` maps each merged-away event id to the event holding it now;
    ``rejected`` maps each rejected claim id to what was rejected (:class:`Rejected`).
    """

    events: list[Event]
    corrections: list[Correction] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    merged_into: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, Rejected] = field(default_factory=dict)
    split_from: dict[str, str] = field(default_factory=dict)

    def trail(self) -> list[tuple[Correction, str]]:
        """Each correction with its note, oldest first."""
        return list(zip(self.corrections, self.notes, strict=True))

    def event(self, id: str) -> Event | None:
        """The corrected event ``id`` (following merges), or None."""
        target = self.merged_into.get(id, id)
        return next((e for e in self.events if e.id == target), None)


def correct(
    events: Sequence[Event],
    corrections: Sequence[Correction],
    *,
    mentions: Mapping[str, Mention] | None = None,
    articles: Mapping[str, Article] | None = None,
    rule: str = DEFAULT_RECONCILE_RULE,
    renamed: Mapping[str, str] | None = None,
) -> Corrected:
    """Apply ``corrections`` (oldest first) to ``events``; report what each one did.

    ``mentions`` (by id) let merges and splits recompute dates, place and actors from the
    mentions each part holds; without them a split part keeps its source event's. ``articles``
    (by id) let them recount sources and first/last report dates, and mark syndicated copies
    (``duplicate_of``) so their claims count once. ``rule`` is the reconcile rule for the
    recomputed figures. Events keep their input order; a split's new event follows its source.
    ``renamed``: old event id -> the event's id now, where linking re-keyed an event after a
    correction named it (``Store.event_redirects``): the correction applies to it under its new
    id, and a split of it keeps the id it was first given.
    """
    work = _EventsBeingCorrected(
        order=[e.id for e in events],
        by_id={e.id: e for e in events},
        mentions=mentions or {},
        articles=articles or {},
        renamed=renamed or {},
    )
    withdrawn = _withdrawn(corrections)
    notes = []
    for correction in corrections:
        if correction.id is not None and correction.id in withdrawn:
            notes.append(f"reverted by {withdrawn[correction.id]}")
            continue
        problem = correction_problem(correction)
        if problem is None and correction.kind == "revert":
            if withdrawn.get(correction.reverts) != correction.id:  # type: ignore[arg-type]
                problem = f"correction {correction.reverts} is not in the log, or is itself a revert"
        elif problem is None:
            problem = _APPLY[correction.kind](work, correction)
        if problem:
            log.info("correction %s skipped: %s", correction.id, problem)
        notes.append(f"skipped: {problem}" if problem else "applied")
    for event_id in work.touched:
        if event_id in work.by_id:
            work.by_id[event_id] = refresh_event(work.by_id[event_id], work.articles, rule=rule)
    return Corrected(
        events=[work.by_id[i] for i in work.order],
        corrections=list(corrections),
        notes=notes,
        merged_into=work.merged_into,
        rejected=work.rejected,
        split_from=work.split_from,
    )


def _withdrawn(corrections: Iterable[Correction]) -> dict[int, int | None]:
    """Ids of the corrections withdrawn by a revert -> the revert's id. A revert cannot be reverted."""
    kinds = {c.id: c.kind for c in corrections if c.id is not None}
    return {
        c.reverts: c.id
        for c in corrections
        if c.kind == "revert" and c.reverts is not None and kinds.get(c.reverts) not in (None, "revert")
    }


@dataclass
class _EventsBeingCorrected:
    """The events while the log is replayed over them (internal to :func:`correct`): the live
    events in order, what each correction did so far, and the analysts' edits that later
    merges and splits must keep."""

    order: list[str]
    by_id: dict[str, Event]
    mentions: Mapping[str, Mention]
    articles: Mapping[str, Article]
    renamed: Mapping[str, str] = field(default_factory=dict)  # old linking id -> id now
    touched: dict[str, None] = field(default_factory=dict)  # ids whose figures need recomputing
    analyst_places: set[str] = field(default_factory=set)
    # Event fields set by set_type / set_dates, and actor roles by set_actor, by event id:
    # merges and splits keep them, as they keep an analyst's place.
    analyst_fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    analyst_roles: dict[str, dict[str, str]] = field(default_factory=dict)
    merged_into: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, Rejected] = field(default_factory=dict)
    split_from: dict[str, str] = field(default_factory=dict)

    def find(self, event_id: str | None) -> Event | None:
        """The live event ``event_id`` now is (after linking re-keyed it, then after merges), or None."""
        if event_id is None:
            return None
        linked = self.renamed.get(event_id, event_id)
        return self.by_id.get(self.merged_into.get(linked, linked))

    def source_id(self, event_id: str, event: Event) -> str:
        """The id a correction naming ``event_id`` names ``event`` (its ``find``) by: the id
        linking gave up when ``event_id`` is one that leads straight to it, else its own."""
        return event_id if self.renamed.get(event_id) == event.id else event.id

    def put(self, event: Event) -> None:
        self.by_id[event.id] = event
        self.touched[event.id] = None


def _reject_claim(work: _EventsBeingCorrected, c: Correction) -> str | None:
    found = False
    for event_id in work.order:
        event = work.by_id[event_id]
        wrong = [claim for claim in event.claims if claim.id == c.claim_id]
        if wrong:
            work.put(replace(event, claims=tuple(claim for claim in event.claims if claim.id != c.claim_id)))
            work.rejected.setdefault(wrong[0].id, Rejected(wrong[0], c.id, event.id))
            found = True
    return None if found else f"claim {c.claim_id} is in no event"


def _set_place(work: _EventsBeingCorrected, c: Correction) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    work.by_id[event.id] = replace(event, place=c.place)
    work.analyst_places.add(event.id)
    return None


def _merge(work: _EventsBeingCorrected, c: Correction) -> str | None:
    target = work.find(c.event_id)
    if target is None:
        return f"event {c.event_id} is not stored"
    others = []
    for event_id in c.event_ids:
        other = work.find(event_id)
        if other is None:
            return f"event {event_id} is not stored"
        if other.id != target.id and other not in others:
            others.append(other)
    if not others:
        return f"the events are already one ({target.id})"
    merged = merge_events(target, others, keep_place=target.id in work.analyst_places)
    if target.id not in work.analyst_places:
        analyst = [o for o in others if o.id in work.analyst_places]
        if analyst:
            merged = replace(merged, place=analyst[0].place)
            work.analyst_places.add(target.id)
    merged = _keep_analyst_edits(work, target.id, merged, others=[o.id for o in others])
    for other in others:
        del work.by_id[other.id]
        work.order.remove(other.id)
        work.merged_into[other.id] = target.id
        # Ids merged into the absorbed event now lead to the target too.
        for old, into in work.merged_into.items():
            if into == other.id:
                work.merged_into[old] = target.id
    work.put(merged)
    return None


def _split(work: _EventsBeingCorrected, c: Correction) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    unknown = sorted(
        {m for m in c.mention_ids if m not in event.mention_ids}
        | {a for a in c.article_ids if a not in event.article_ids}
    )
    if unknown:
        return f"not in event {event.id}: {', '.join(unknown)}"
    source = work.source_id(c.event_id or "", event)
    parts = split_event(event, c.mention_ids, c.article_ids, mentions=work.mentions, source_id=source)
    if parts is None:
        return f"the split would leave event {event.id} empty"
    kept, moved = parts
    if event.id in work.analyst_places:
        kept = replace(kept, place=event.place)
    kept = _keep_analyst_edits(work, event.id, kept)
    if moved.id in work.by_id:
        return f"this split was made before (event {moved.id})"
    work.put(kept)
    work.put(moved)
    work.order.insert(work.order.index(event.id) + 1, moved.id)
    work.split_from[moved.id] = event.id
    return None


def _keep_analyst_edits(
    work: _EventsBeingCorrected, event_id: str, event: Event, *, others: Sequence[str] = ()
) -> Event:
    """``event`` (a merge's or a split's result for ``event_id``) with the type, dates and actor
    roles analysts set on ``event_id``, or on the ``others`` merged into it where it had none."""
    fields: dict[str, Any] = {}
    roles: dict[str, str] = {}
    for source in [*reversed(others), event_id]:  # the target's own edits win
        fields.update(work.analyst_fields.get(source, {}))
        roles.update(work.analyst_roles.get(source, {}))
    if fields:
        work.analyst_fields[event_id] = fields
        event = replace(event, **fields)
    if roles:
        work.analyst_roles[event_id] = roles
        for name, role in roles.items():
            event = replace(event, actors=with_role(event.actors, name, role))
    return event


def _set_fields(work: _EventsBeingCorrected, c: Correction, fields: dict[str, Any]) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    work.by_id[event.id] = replace(event, **fields)
    work.analyst_fields.setdefault(event.id, {}).update(fields)
    return None


def _set_type(work: _EventsBeingCorrected, c: Correction) -> str | None:
    return _set_fields(work, c, {"event_type": c.event_type, "sub_event_type": c.sub_event_type})


def _set_dates(work: _EventsBeingCorrected, c: Correction) -> str | None:
    end = c.end if c.end is not None and c.end != c.start else None
    precision = c.date_precision or (DatePrecision.DAY if end is None else RANGE_PRECISION)
    return _set_fields(work, c, {"start": c.start, "end": end, "date_precision": precision})


def _set_actor(work: _EventsBeingCorrected, c: Correction) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    name, role = (c.actor or "").strip(), c.role or ""
    work.by_id[event.id] = replace(event, actors=with_role(event.actors, name, role))
    work.analyst_roles.setdefault(event.id, {})[name] = role
    return None


def _edit_claim(work: _EventsBeingCorrected, c: Correction, fields: dict[str, Any]) -> str | None:
    """Change ``fields`` of claim ``c.claim_id`` wherever it is; its events' figures are recomputed."""
    found = False
    for event_id in work.order:
        event = work.by_id[event_id]
        if any(claim.id == c.claim_id for claim in event.claims):
            claims = tuple(
                replace(claim, **fields) if claim.id == c.claim_id else claim for claim in event.claims
            )
            work.put(replace(event, claims=claims))
            found = True
    return None if found else f"claim {c.claim_id} is in no event"


def _set_victims(work: _EventsBeingCorrected, c: Correction) -> str | None:
    return _edit_claim(work, c, {"victims": (c.victims or "").strip()})


def _set_claimant(work: _EventsBeingCorrected, c: Correction) -> str | None:
    fields: dict[str, Any] = {"claimant": (c.claimant or "").strip()}
    if c.claimant_kind:
        fields["claimant_kind"] = c.claimant_kind
    return _edit_claim(work, c, fields)


_APPLY = {
    "reject_claim": _reject_claim,
    "set_place": _set_place,
    "merge": _merge,
    "split": _split,
    "set_actor": _set_actor,
    "set_type": _set_type,
    "set_dates": _set_dates,
    "set_victims": _set_victims,
    "set_claimant": _set_claimant,
}  # revert is handled in correct(): withdrawals are found before anything is applied


__all__ = ["Corrected", "Rejected", "correct"]
