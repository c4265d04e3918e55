"""A correction record (``Correction``), its kinds, and the checks a correction passes before
it is stored (``validate_correction``) and again before it is applied (``correction_problem``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from fogofwar.errors import FogofwarError
from fogofwar.model import ACTOR_KINDS, DATE_PRECISIONS, PLACE_PRECISIONS, Place, Record
from fogofwar.resources import load_json

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
    raw = load_json("event_types.json")
    types: dict[str, set[str]] = {}
    for row in raw["types"]:
        types.setdefault(row["event_type"], set()).add(row["sub_event_type"])
    return {name: frozenset(subs) for name, subs in types.items()}


def validate_correction(correction: Correction) -> None:
    """Check that ``correction`` names what its kind needs; raise CorrectionInvalid (E070) if not."""
    problem = correction_problem(correction)
    if problem:
        raise CorrectionInvalid("E070", detail=problem)


def correction_problem(c: Correction) -> str | None:
    """Why ``c`` is malformed (one line), or None when it names what its kind needs."""
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
    if place.precision not in PLACE_PRECISIONS:
        return f"place precision {place.precision} is not 1, 2, 3 or 4"
    return None


__all__ = [
    "ACTOR_ROLES",
    "CORRECTION_KINDS",
    "Correction",
    "CorrectionInvalid",
    "correction_problem",
    "event_types",
    "validate_correction",
]
