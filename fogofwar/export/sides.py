"""Which actors stand on which side of an event, and which side a victim group belongs to.

``Event.actors`` holds ActorRoles: ``side_a`` (the initiator), ``side_b`` (the target) and other
roles (claimants, observers) that are no side. Claims name their victims by canonical actor
name, ``"civilians"``, ``"unknown"``, or several groups joined with ``" + "``.
"""

from __future__ import annotations

from fogofwar.model import Actor, Event
from fogofwar.reconcile import GROUP_SEPARATOR

SIDE_A, SIDE_B = "side_a", "side_b"
CIVILIANS, UNKNOWN = "civilians", "unknown"
OTHER = "other"


def side_actors(event: Event, role: str) -> list[Actor]:
    """The actors with ``role`` on ``event``, first appearance first, each name once."""
    seen: set[str] = set()
    actors = []
    for actor_role in event.actors:
        if actor_role.role == role and actor_role.actor.name not in seen:
            seen.add(actor_role.actor.name)
            actors.append(actor_role.actor)
    return actors


def group_members(victims: str) -> list[str]:
    """The groups of a victims name: ``"A + B"`` -> ``["A", "B"]``."""
    return [part.strip() for part in victims.split(GROUP_SEPARATOR) if part.strip()]


def victim_side(event: Event, victims: str) -> str:
    """``side_a``, ``side_b``, ``civilians`` or ``other`` for a victims name on ``event``.

    A combined group belongs to a side only when all its members do; a group that is on both
    sides (a recording error) counts as side_a, the initiator. ``unknown`` victims and actors
    that are on no side are ``other``.
    """
    sides_of: dict[str, str] = {}
    for role in (SIDE_B, SIDE_A):  # side_a last, so it wins when an actor is on both
        for actor in side_actors(event, role):
            sides_of[actor.name.casefold()] = role
    sides = set()
    for member in group_members(victims):
        folded = member.casefold()
        sides.add(CIVILIANS if folded == CIVILIANS else sides_of.get(folded, OTHER))
    return sides.pop() if len(sides) == 1 else OTHER


def names_civilians(victims: str) -> bool:
    """Whether a victims name is, or includes, civilians."""
    return any(member.casefold() == CIVILIANS for member in group_members(victims))
