"""Analysts' corrections, applied to events on the way out (display and export).

A correction never rewrites what was extracted. The store keeps the events as the pipeline
wrote them, plus an append-only log of corrections (who, when, what, why); readers apply the
log, oldest first, with :func:`apply_corrections`. So re-running the pipeline keeps every
correction, and a correction whose target has gone (an event no longer linked, a claim no
longer extracted) is skipped and reported (:func:`correct`), never guessed at.

Kinds (``CORRECTION_KINDS``):

- ``reject_claim``: claim ``claim_id`` is wrong. It leaves its event; the event's reconciled
  figures are recomputed without it.
- ``set_place``: event ``event_id`` happened at ``place``. Later merges and splits keep it.
- ``merge``: events ``event_ids`` are the same incident as ``event_id`` and join it: claims,
  articles, mentions and actors united, dates widened, reconciled figures recomputed with
  :func:`fogofwar.reconcile.reconcile`. Corrections naming a merged-away id follow it.
- ``split``: mentions ``mention_ids`` and articles ``article_ids`` of ``event_id`` (with the
  claims they carry) are another incident: they move to a new event, whose id is derived from
  the split's content, so it is the same on every read.
- ``set_actor``: on event ``event_id``, actor ``actor`` (its name or an alias, any case) plays
  ``role`` (``ACTOR_ROLES``: side_a, side_b, claimant); an actor the event does not name yet is
  added with that role. Later merges and splits keep it.
- ``set_type``: event ``event_id`` is of ``event_type`` / ``sub_event_type`` (a pair listed in
  ``resources/event_types.json``). Later merges and splits keep it.
- ``set_dates``: event ``event_id`` ran from ``start`` to ``end`` (``end`` absent: one day), with
  ``date_precision`` (absent: 1 for a day, 2 for a range). Later merges and splits keep them.
- ``set_victims``: claim ``claim_id`` is about victim group ``victims``; figures recomputed.
- ``set_claimant``: claim ``claim_id`` was made by ``claimant`` (and, when given, of
  ``claimant_kind``, one of ``fogofwar.model.ACTOR_KINDS``); figures recomputed.
- ``revert``: correction ``reverts`` is withdrawn; it is skipped as if never made.

Everything here is pure (records in, new records out; the inputs are never changed) except
:func:`refresh_corrected_events`, which writes the result to the store's materialised table so
readers query it instead of replaying the log on every request.
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from typing import Any, ClassVar

from fogofwar.errors import FogofwarError
from fogofwar.model import (
    ACTOR_KINDS,
    DATE_PRECISIONS,
    Actor,
    ActorRole,
    Article,
    Claim,
    Event,
    Mention,
    Place,
    Record,
    record_id,
)
from fogofwar.reconcile import event_totals, reconcile_event, totals_by_outcome
from fogofwar.settings import DEFAULT_RECONCILE_RULE
from fogofwar.store import Store
from fogofwar.store.queries import CorrectedRow, RejectedClaim, save_corrected

log = logging.getLogger(__name__)

# Part of the stored record's contract, like the vocabularies of fogofwar.model.
CORRECTION_KINDS = (
    "reject_claim",
    "set_place",
    "merge",
    "split",
    "revert",
    "set_actor",
    "set_type",
    "set_dates",
    "set_victims",
    "set_claimant",
)
# The parts an actor can play in an event (fogofwar.model.ActorRole.role).
ACTOR_ROLES = ("side_a", "side_b", "claimant")
# Longest name an analyst may give an actor, a victim group or a claimant.
MAX_NAME = 200
# ACLED time precision of a date range that spans more than one day.
RANGE_PRECISION = 2


class CorrectionInvalid(FogofwarError):
    """A correction is malformed (missing target, bad place): E070."""


@dataclass(frozen=True)
class Correction(Record):
    """One analyst's correction: what (``kind`` and its targets), who, why; ``id`` and ``at`` (when,
    ISO 8601 UTC) are set by the store. Which fields a kind uses: see the module docstring."""

    kind: str
    author: str
    reason: str
    event_id: str | None = None
    claim_id: str | None = None
    place: Place | None = None
    event_ids: tuple[str, ...] = ()
    mention_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    reverts: int | None = None
    actor: str | None = None
    role: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    start: date | None = None
    end: date | None = None
    date_precision: int | None = None
    victims: str | None = None
    claimant: str | None = None
    claimant_kind: str | None = None
    id: int | None = None
    at: str | None = None

    _nested: ClassVar[dict[str, type[Record]]] = {"place": Place}
    _dates: ClassVar[tuple[str, ...]] = ("start", "end")


@functools.cache
def event_types() -> dict[str, frozenset[str]]:
    """ACLED event type -> its sub-event types, as listed in ``resources/event_types.json``."""
    raw = json.loads(
        resources.files("fogofwar.resources").joinpath("event_types.json").read_text(encoding="utf-8")
    )
    types: dict[str, set[str]] = {}
    for row in raw["types"]:
        types.setdefault(row["event_type"], set()).add(row["sub_event_type"])
    return {name: frozenset(subs) for name, subs in types.items()}


def validate_correction(correction: Correction) -> None:
    """Check that ``correction`` names what its kind needs; raise CorrectionInvalid (E070) if not."""
    problem = _problem(correction)
    if problem:
        raise CorrectionInvalid("E070", detail=problem)


def _problem(c: Correction) -> str | None:
    if c.kind not in CORRECTION_KINDS:
        return f"kind {c.kind!r} is not one of {', '.join(CORRECTION_KINDS)}"
    if not c.author.strip() or not c.reason.strip():
        return "a correction needs an author (who) and a reason (why)"
    if c.kind in ("reject_claim", "set_victims", "set_claimant") and not c.claim_id:
        return f"{c.kind} needs claim_id"
    if c.kind in ("set_place", "merge", "split", "set_actor", "set_type", "set_dates") and not c.event_id:
        return f"{c.kind} needs event_id"
    if c.kind in _NEW_KIND_PROBLEMS:
        return _NEW_KIND_PROBLEMS[c.kind](c)
    if c.kind == "set_place":
        return _place_problem(c.place)
    if c.kind == "merge" and not [i for i in c.event_ids if i != c.event_id]:
        return "merge needs event_ids other than event_id"
    if c.kind == "split" and not (c.mention_ids or c.article_ids):
        return "split needs mention_ids or article_ids to move"
    if c.kind == "revert" and c.reverts is None:
        return "revert needs reverts (the id of the correction withdrawn)"
    return None


def _name_problem(what: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return f"a {what} is needed"
    if len(value) > MAX_NAME or any(ord(ch) < 32 for ch in value):
        return f"{what} must be one line of at most {MAX_NAME} characters"
    return None


def _actor_problem(c: Correction) -> str | None:
    if c.role not in ACTOR_ROLES:
        return f"role {c.role!r} is not one of {', '.join(ACTOR_ROLES)}"
    return _name_problem("actor name", c.actor)


def _type_problem(c: Correction) -> str | None:
    known = event_types()
    if c.event_type not in known:
        return f"event type {c.event_type!r} is not one of {', '.join(sorted(known))}"
    if c.sub_event_type not in known[c.event_type]:
        subs = ", ".join(sorted(known[c.event_type]))
        return f"sub-event type {c.sub_event_type!r} is not one of {c.event_type}'s: {subs}"
    return None


def _dates_problem(c: Correction) -> str | None:
    if c.start is None:
        return "set_dates needs start (and end for a range)"
    if c.end is not None and c.end < c.start:
        return f"end {c.end} is before start {c.start}"
    if c.date_precision is not None and c.date_precision not in DATE_PRECISIONS:
        return f"date precision {c.date_precision} is not 1, 2, 3 or 4"
    return None


def _claimant_problem(c: Correction) -> str | None:
    if c.claimant_kind is not None and c.claimant_kind not in ACTOR_KINDS:
        return f"claimant kind {c.claimant_kind!r} is not one of {', '.join(ACTOR_KINDS)}"
    return _name_problem("claimant", c.claimant)


_NEW_KIND_PROBLEMS = {
    "set_actor": _actor_problem,
    "set_type": _type_problem,
    "set_dates": _dates_problem,
    "set_victims": lambda c: _name_problem("victim group", c.victims),
    "set_claimant": _claimant_problem,
}


def _place_problem(place: Place | None) -> str | None:
    if place is None or not place.name.strip():
        return "set_place needs a place with a name"
    if (place.lat is None) != (place.lon is None):
        return "give both lat and lon, or neither"
    if place.lat is not None and not -90 <= place.lat <= 90:
        return f"lat {place.lat} is outside -90..90"
    if place.lon is not None and not -180 <= place.lon <= 180:
        return f"lon {place.lon} is outside -180..180"
    if place.precision not in (1, 2, 3, 4):
        return f"place precision {place.precision} is not 1, 2, 3 or 4"
    return None


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


def apply_corrections(
    events: Sequence[Event],
    corrections: Sequence[Correction],
    *,
    mentions: Mapping[str, Mention] | None = None,
    articles: Mapping[str, Article] | None = None,
    rule: str = DEFAULT_RECONCILE_RULE,
) -> list[Event]:
    """``events`` with ``corrections`` applied in order (see :func:`correct` for the options)."""
    return correct(events, corrections, mentions=mentions, articles=articles, rule=rule).events


def correct(
    events: Sequence[Event],
    corrections: Sequence[Correction],
    *,
    mentions: Mapping[str, Mention] | None = None,
    articles: Mapping[str, Article] | None = None,
    rule: str = DEFAULT_RECONCILE_RULE,
) -> Corrected:
    """Apply ``corrections`` (oldest first) to ``events``; report what each one did.

    ``mentions`` (by id) let merges and splits recompute dates, place and actors from the
    mentions each part holds; without them a split part keeps its source event's. ``articles``
    (by id) let them recount sources and first/last report dates, and mark syndicated copies
    (``duplicate_of``) so their claims count once. ``rule`` is the reconcile rule for the
    recomputed figures. Events keep their input order; a split's new event follows its source.
    """
    work = _Work(
        order=[e.id for e in events],
        by_id={e.id: e for e in events},
        mentions=mentions or {},
        articles=articles or {},
    )
    withdrawn = _withdrawn(corrections)
    notes = []
    for correction in corrections:
        if correction.id is not None and correction.id in withdrawn:
            notes.append(f"reverted by {withdrawn[correction.id]}")
            continue
        problem = _problem(correction)
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
            work.by_id[event_id] = _refresh(work.by_id[event_id], work.articles, rule=rule)
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
class _Work:
    """The events while corrections are applied (internal to :func:`correct`)."""

    order: list[str]
    by_id: dict[str, Event]
    mentions: Mapping[str, Mention]
    articles: Mapping[str, Article]
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
        """The live event ``event_id`` now is (after merges), or None."""
        if event_id is None:
            return None
        return self.by_id.get(self.merged_into.get(event_id, event_id))

    def put(self, event: Event) -> None:
        self.by_id[event.id] = event
        self.touched[event.id] = None


def _reject_claim(work: _Work, c: Correction) -> str | None:
    found = False
    for event_id in work.order:
        event = work.by_id[event_id]
        wrong = [claim for claim in event.claims if claim.id == c.claim_id]
        if wrong:
            work.put(replace(event, claims=tuple(claim for claim in event.claims if claim.id != c.claim_id)))
            work.rejected.setdefault(wrong[0].id, Rejected(wrong[0], c.id, event.id))
            found = True
    return None if found else f"claim {c.claim_id} is in no event"


def _set_place(work: _Work, c: Correction) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    work.by_id[event.id] = replace(event, place=c.place)
    work.analyst_places.add(event.id)
    return None


def _merge(work: _Work, c: Correction) -> str | None:
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


def _split(work: _Work, c: Correction) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    unknown = sorted(
        {m for m in c.mention_ids if m not in event.mention_ids}
        | {a for a in c.article_ids if a not in event.article_ids}
    )
    if unknown:
        return f"not in event {event.id}: {', '.join(unknown)}"
    parts = split_event(event, c.mention_ids, c.article_ids, mentions=work.mentions)
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


def _keep_analyst_edits(work: _Work, event_id: str, event: Event, *, others: Sequence[str] = ()) -> Event:
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


def with_role(actors: Sequence[ActorRole], name: str, role: str) -> tuple[ActorRole, ...]:
    """``actors`` with every entry of actor ``name`` (its name or an alias, ignoring case) in
    ``role``, duplicates dropped; the actor is added in ``role`` when none is there."""
    wanted = name.casefold()
    found = [
        a
        for a in actors
        if wanted in (a.actor.name.casefold(), *(alias.casefold() for alias in a.actor.aliases))
    ]
    if not found:
        return (*actors, ActorRole(Actor(name.strip()), role))
    changed = [replace(a, role=role) if a in found else a for a in actors]
    return merge_actors([changed])


def _set_fields(work: _Work, c: Correction, fields: dict[str, Any]) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    work.by_id[event.id] = replace(event, **fields)
    work.analyst_fields.setdefault(event.id, {}).update(fields)
    return None


def _set_type(work: _Work, c: Correction) -> str | None:
    return _set_fields(work, c, {"event_type": c.event_type, "sub_event_type": c.sub_event_type})


def _set_dates(work: _Work, c: Correction) -> str | None:
    end = c.end if c.end is not None and c.end != c.start else None
    precision = c.date_precision or (1 if end is None else RANGE_PRECISION)
    return _set_fields(work, c, {"start": c.start, "end": end, "date_precision": precision})


def _set_actor(work: _Work, c: Correction) -> str | None:
    event = work.find(c.event_id)
    if event is None:
        return f"event {c.event_id} is not stored"
    name, role = (c.actor or "").strip(), c.role or ""
    work.by_id[event.id] = replace(event, actors=with_role(event.actors, name, role))
    work.analyst_roles.setdefault(event.id, {})[name] = role
    return None


def _edit_claim(work: _Work, c: Correction, fields: dict[str, Any]) -> str | None:
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


def _set_victims(work: _Work, c: Correction) -> str | None:
    return _edit_claim(work, c, {"victims": (c.victims or "").strip()})


def _set_claimant(work: _Work, c: Correction) -> str | None:
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
    from fogofwar.store.corrections import read_events  # here: that module imports this one

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


# -- building blocks (public: the API's checks use them too) ------------------------------------


def merge_events(target: Event, others: Sequence[Event], *, keep_place: bool = False) -> Event:
    """``target`` with ``others`` joined into it: claims, mentions, articles and actors united (first
    seen first), dates widened, first/last report dates widened, the most precise place (ties and
    ``keep_place`` keep the target's). Reconciled figures are left for :func:`refresh_figures`."""
    events = [target, *others]
    place = target.place
    if not keep_place:
        for other in others:
            place = more_precise(place, other.place)
    start, end, precision = _widen([(e.start, e.end or e.start, e.date_precision) for e in events])
    return replace(
        target,
        start=start,
        end=end,
        date_precision=precision,
        place=place,
        actors=merge_actors(e.actors for e in events),
        mention_ids=_union(e.mention_ids for e in events),
        article_ids=_union(e.article_ids for e in events),
        claims=_unique_claims(e.claims for e in events),
        first_reported=min((d for e in events if (d := e.first_reported)), default=None),
        last_updated=max((d for e in events if (d := e.last_updated)), default=None),
        sources=max(e.sources for e in events),
        contested=_union(e.contested for e in events),
    )


def split_event(
    event: Event,
    mention_ids: Sequence[str],
    article_ids: Sequence[str],
    *,
    mentions: Mapping[str, Mention] | None = None,
) -> tuple[Event, Event] | None:
    """(what stays, what moves) when ``mention_ids`` and ``article_ids`` leave ``event``; None when
    nothing would stay or nothing would move.

    Moving an article moves its mentions and claims; moving a mention moves its claims, and its
    article too once none of that article's mentions stays. A part whose mentions are all in
    ``mentions`` takes its dates, place, actors and type from them; otherwise it keeps the event's.
    """
    mentions = mentions or {}
    article_of = {m: mentions[m].article_id for m in event.mention_ids if m in mentions}
    article_of.update({c.mention_id: c.article_id for c in event.claims if c.mention_id})
    moved_articles = set(article_ids)
    moved_mentions = set(mention_ids) | {m for m in event.mention_ids if article_of.get(m) in moved_articles}
    kept_mentions = [m for m in event.mention_ids if m not in moved_mentions]
    for m in moved_mentions:
        article = article_of.get(m)
        if article and all(article_of.get(k) != article for k in kept_mentions):
            moved_articles.add(article)
    moved_claims = [
        c for c in event.claims if c.mention_id in moved_mentions or c.article_id in moved_articles
    ]
    kept_claims = [c for c in event.claims if c not in moved_claims]
    kept_articles = [a for a in event.article_ids if a not in moved_articles]
    if not moved_mentions and not moved_claims and not moved_articles.intersection(event.article_ids):
        return None
    if not kept_mentions and not kept_articles:
        return None
    moved_mention_list = [m for m in event.mention_ids if m in moved_mentions]
    new_id = record_id("split", event.id, *sorted(moved_mentions), *sorted(moved_articles))
    moved = replace(
        _described_by(event, moved_mention_list, mentions),
        id=new_id,
        mention_ids=tuple(moved_mention_list),
        article_ids=tuple(a for a in event.article_ids if a in moved_articles),
        claims=tuple(moved_claims),
    )
    kept = replace(
        _described_by(event, kept_mentions, mentions),
        mention_ids=tuple(kept_mentions),
        article_ids=tuple(kept_articles),
        claims=tuple(kept_claims),
    )
    return kept, moved


def refresh_figures(
    event: Event, *, articles: Mapping[str, Article] | None = None, rule: str = DEFAULT_RECONCILE_RULE
) -> Event:
    """``event`` with reconciled figures recomputed from its claims; with all its ``articles`` at
    hand, sources and first/last report dates are recounted too (syndicated copies count once)."""
    return _refresh(event, articles or {}, rule=rule)


def _refresh(event: Event, articles: Mapping[str, Article], *, rule: str) -> Event:
    own = [articles[i] for i in event.article_ids if i in articles]
    copies = {a.id: a.duplicate_of for a in own if a.duplicate_of}
    updated = reconcile_event(event, rule=rule, copies=copies)
    if own and len(own) == len(event.article_ids):
        from fogofwar.link.build import count_sources  # imported here: link pulls in scikit-learn

        dates = [d for a in own if (d := a.reference_date) is not None]
        updated = replace(
            updated,
            sources=count_sources(event.article_ids, articles, copies),
            first_reported=min(dates, default=updated.first_reported),
            last_updated=max(dates, default=updated.last_updated),
        )
    return updated


def _described_by(event: Event, mention_ids: Sequence[str], mentions: Mapping[str, Mention]) -> Event:
    """``event`` with type, dates, place and actors taken from ``mention_ids``, when all are known."""
    known = [mentions[m] for m in mention_ids if m in mentions]
    if not known or len(known) < len(mention_ids):
        return event
    dated = [(m.date_start, m.date_end or m.date_start, m.date_precision) for m in known if m.date_start]
    start, end, precision = _widen(dated)
    place = None
    for mention in known:
        place = more_precise(place, mention.place)
    return replace(
        event,
        event_type=known[0].event_type,
        sub_event_type=known[0].sub_event_type,
        start=start,
        end=end,
        date_precision=precision,
        place=place,
        actors=merge_actors(m.actors for m in known),
    )


def _widen(ranges: Sequence[tuple[date | None, date | None, int]]) -> tuple[date | None, date | None, int]:
    """The date range covering ``ranges`` (start, end, precision) and its precision: the finest of
    theirs, but never finer than RANGE_PRECISION once it spans more than one day."""
    dated = [(s, e or s, p) for s, e, p in ranges if s is not None]
    if not dated:
        return None, None, 4
    start = min(s for s, _, _ in dated)
    end = max(e for _, e, _ in dated if e is not None)
    precision = min(p for _, _, p in dated)
    if end != start:
        precision = max(precision, RANGE_PRECISION)
    return start, end, precision


def more_precise(current: Place | None, new: Place | None) -> Place | None:
    """The more precise of two places (town over district over region over country); ties keep ``current``."""
    if new is None:
        return current
    if current is None or new.precision < current.precision:
        return new
    return current


def merge_actors(groups: Iterable[Sequence[ActorRole]]) -> tuple[ActorRole, ...]:
    """Union of actor roles by (name, role), first seen first."""
    seen: dict[tuple[str, str], ActorRole] = {}
    for roles in groups:
        for role in roles:
            seen.setdefault((role.actor.name, role.role), role)
    return tuple(seen.values())


def _union(groups: Iterable[Sequence[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for group in groups for i in group))


def _unique_claims(groups: Iterable[Sequence[Claim]]) -> tuple[Claim, ...]:
    seen: dict[str, Claim] = {}
    for claims in groups:
        for claim in claims:
            seen.setdefault(claim.id, claim)
    return tuple(seen.values())


__all__ = [
    "ACTOR_ROLES",
    "CORRECTION_KINDS",
    "Corrected",
    "Correction",
    "CorrectionInvalid",
    "Rejected",
    "apply_corrections",
    "correct",
    "corrected_rows",
    "event_types",
    "merge_actors",
    "merge_events",
    "more_precise",
    "refresh_corrected_events",
    "refresh_figures",
    "split_event",
    "validate_correction",
    "with_role",
]
