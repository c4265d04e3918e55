"""Who is on which side of an event: its actors' roles from all its mentions' votes.

Reports differ on who attacked whom; an event shows each actor once, on the side most of its
mentions give it, with the state forces of the event's country and a rebel group never on one
side (see :func:`side_actors`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from fogofwar.link.params import GENERIC_ACTOR_KINDS, SIDES, UNNAMED_ACTORS
from fogofwar.model import GOVERNMENT_ALLEGIANCE, Actor, ActorRole

# The actor kind that is never a side that acts (side_actors).
CIVILIAN_KIND = "civilians"
STATE_KIND = "state_forces"
REBEL_KIND = "rebel_group"


def merge_actors(current: Sequence[ActorRole], new: Sequence[ActorRole]) -> list[ActorRole]:
    """Union of actor roles, by (name, role), in first-seen order."""
    seen = {(r.actor.name, r.role) for r in current}
    merged = list(current)
    for role in new:
        if (role.actor.name, role.role) not in seen:
            seen.add((role.actor.name, role.role))
            merged.append(role)
    return merged


def side_pairs(roles: Sequence[ActorRole]) -> Counter[frozenset[str]]:
    """What one mention (or one stored event) says of its armed actors two by two: +1 for each
    pair it puts on opposite sides (the attacker and its target), -1 for each pair it puts on
    one side. Civilians and reporters are left out: they are acted on, whoever acts. Summed over
    an event's mentions, a positive count says two actors fought each other."""
    sides = {
        r.actor.name: r.role for r in roles if r.role in SIDES and r.actor.kind not in GENERIC_ACTOR_KINDS
    }
    names = sorted(sides)
    pairs: Counter[frozenset[str]] = Counter()
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            pairs[frozenset((a, b))] += 1 if sides[a] != sides[b] else -1
    return pairs


def side_actors(
    roles: Sequence[ActorRole],
    *,
    placeholders: frozenset[str] = UNNAMED_ACTORS,
    country: str | None = None,
    pairs: Mapping[frozenset[str], int] | None = None,
) -> list[ActorRole]:
    """An event's actors from all its mentions' actor roles (``roles`` holds one entry per
    mention naming the actor, repeats included): one side per actor, in first-seen order.

    * Each actor takes the side (side_a / side_b) most of its mentions give it; ties go to the
      side seen first. Reports differ on who attacked whom, and an actor on both sides of one
      incident is a contradiction a reader cannot use.
    * A placeholder for an actor the text does not name (``placeholders``: "Unidentified
      Armed Group" for "gunmen", "assailants") is dropped from a side that has a named actor:
      it is most likely the same party, told less precisely.
    * Civilians never act: they are side_b, the side acted on, whatever their mentions' votes
      ("civilians and soldiers were killed when militants attacked" is no civilians' attack).
    * The state forces of the event's ``country`` (and the militias on their side, such as the
      VDP) and a rebel group are foes, never one side:
      when votes put them together ("residents ordered by the army to dig trenches were
      killed by JNIM" gives the army side_a by its by-phrase), the one fewer mentions put on
      that side (on a tie, the state) moves to the other side, unless a foe of its own is
      there; then the other moves, and when neither can, both stay.
    * Two armed actors the event's mentions put on opposite sides more often than on one side
      (``pairs``, summed ``side_pairs``) end on opposite sides: "the army said it killed
      dozens of rebels and Rwandan soldiers" keeps Rwanda's soldiers off the army's side when
      the army's other mentions move it. The one fewer mentions put on the shared side moves,
      unless an opponent or a camp foe of its own is on the other side.
    * Other roles (a claimant) are kept once each.
    """
    votes: dict[str, Counter[str]] = {}
    actor_of: dict[str, ActorRole] = {}
    others: dict[tuple[str, str], ActorRole] = {}
    for role in roles:
        name = role.actor.name
        if role.role not in SIDES:
            others.setdefault((name, role.role), role)
            continue
        votes.setdefault(name, Counter())[role.role] += 1
        actor_of.setdefault(name, role)
    chosen = [
        ActorRole(actor=actor_of[name].actor, role=counts.most_common(1)[0][0])
        for name, counts in votes.items()
    ]
    chosen = _foes_apart(_civilians_as_victims(chosen), votes, country)
    if pairs:
        chosen = _opponents_apart(chosen, votes, pairs, country)
    named_sides = {
        r.role for r in chosen if r.actor.name not in placeholders and r.actor.kind not in GENERIC_ACTOR_KINDS
    }
    kept = [r for r in chosen if not (r.actor.name in placeholders and r.role in named_sides)]
    return kept + list(others.values())


# ACLED's actors for the crowd of a demonstration, named by the event's country in its exports:
# "Protesters (Kenya)" (inter 6) in every protest, "Rioters (Kenya)" (inter 5) in every riot.
PROTESTERS, RIOTERS = "protesters", "rioters"
PROTESTER_INTER, RIOTER_INTER = 6, 5
_CROWD_OF = {"protests": (PROTESTERS, PROTESTER_INTER), "riots": (RIOTERS, RIOTER_INTER)}
_FORCE_ON_PROTESTERS = "excessive force against protesters"
_MOB = "mob violence"


def crowd_actor(event_type: str, country: str | None) -> Actor | None:
    """The crowd a demonstration event has by its type, whoever the reports name: protesters for
    a protest, rioters for a riot (None for other types)."""
    crowd = _CROWD_OF.get(event_type.casefold())
    if crowd is None:
        return None
    name, inter = crowd
    return Actor(name=name, kind=CIVILIAN_KIND, inter=inter, country=country)


def with_crowd(
    roles: Sequence[ActorRole], event_type: str, sub_event_type: str, country: str | None
) -> list[ActorRole]:
    """An event's actors with the crowd of a protest or riot (``crowd_actor``) first on its
    side: the side that acts, but the side acted on when force is used against protesters.
    The reports' words for that crowd ("students", "residents": civilians) give way to it; a
    mob's victims stay civilians, and named groups (a union, a militia) stay beside the crowd."""
    crowd = crowd_actor(event_type, country)
    if crowd is None:
        return list(roles)
    side = "side_b" if sub_event_type.casefold() == _FORCE_ON_PROTESTERS else "side_a"
    # a mob's victims: the side its rioters act on
    victims = "side_b" if sub_event_type.casefold() == _MOB else None
    kept = [
        r
        for r in roles
        if r.actor.name != crowd.name
        and not (r.actor.kind == CIVILIAN_KIND and r.role in SIDES and r.role != victims)
    ]
    # first on its side: the exports take a side's first actor as actor1 / actor2
    at = next((k for k, r in enumerate(kept) if r.role == side), 0 if side == "side_a" else len(kept))
    return [*kept[:at], ActorRole(actor=crowd, role=side), *kept[at:]]


def _foes_apart(
    chosen: list[ActorRole], votes: dict[str, Counter[str]], country: str | None
) -> list[ActorRole]:
    """The local state's forces and rebel groups on opposite sides (``side_actors``)."""
    if country is None:
        return chosen
    kinds = {r.actor.name: _camp(r.actor, country) for r in chosen}
    return _set_apart(
        chosen,
        votes,
        clash=lambda a, b: kinds[a] == STATE_KIND and kinds[b] == REBEL_KIND,
        blocks=lambda a, b: _foes(kinds[a], kinds[b]),
        # on a tie of votes, the state moves first
        tie=lambda name: kinds[name] != STATE_KIND,
    )


def _opponents_apart(
    chosen: list[ActorRole],
    votes: dict[str, Counter[str]],
    pairs: Mapping[frozenset[str], int],
    country: str | None,
) -> list[ActorRole]:
    """Armed actors the mentions oppose on opposite sides (``side_actors``)."""
    kinds = {r.actor.name: (_camp(r.actor, country) if country else None) for r in chosen}

    def opposed(a: str, b: str) -> bool:
        return pairs.get(frozenset((a, b)), 0) > 0

    return _set_apart(
        chosen,
        votes,
        clash=lambda a, b: a < b and opposed(a, b),
        blocks=lambda a, b: opposed(a, b) or _foes(kinds[a], kinds[b]),
        # on a tie of votes, an actor of neither camp moves first
        tie=lambda name: kinds[name] is not None,
    )


def _set_apart(
    chosen: list[ActorRole],
    votes: dict[str, Counter[str]],
    *,
    clash: Callable[[str, str], bool],
    blocks: Callable[[str, str], bool],
    tie: Callable[[str], bool],
) -> list[ActorRole]:
    """Move actors until no two that ``clash`` share a side: of the first clashing pair found,
    the one fewer mentions put on that side (then by ``tie``) moves to the other side, unless
    an actor there ``blocks`` it; then the other moves, and when neither can, both stay."""
    sides = {r.actor.name: r.role for r in chosen}
    for _ in range(len(chosen)):
        pair = next(
            (
                (a, b)
                for a, side in sides.items()
                if side in SIDES
                for b, other in sides.items()
                if other == side and clash(a, b)
            ),
            None,
        )
        if pair is None:
            break
        side = sides[pair[0]]
        away = next(s for s in SIDES if s != side)
        order = sorted(pair, key=lambda name: (votes[name][side], tie(name)))
        movable = [name for name in order if not any(sides[n] == away and blocks(name, n) for n in sides)]
        if not movable:
            break
        sides[movable[0]] = away
    return [ActorRole(actor=r.actor, role=sides[r.actor.name]) for r in chosen]


def _camp(actor: Actor, country: str) -> str | None:
    """STATE_KIND for the state forces of ``country`` and the militias on their side
    (``Actor.allegiance``), REBEL_KIND for a rebel group, else None."""
    if actor.country == country and (actor.kind == STATE_KIND or actor.allegiance == GOVERNMENT_ALLEGIANCE):
        return STATE_KIND
    return REBEL_KIND if actor.kind == REBEL_KIND else None


def _foes(a: str | None, b: str | None) -> bool:
    return {a, b} == {STATE_KIND, REBEL_KIND}


def _civilians_as_victims(chosen: list[ActorRole]) -> list[ActorRole]:
    """Civilians on side_b whatever their mentions' votes (``side_actors``)."""
    return [ActorRole(actor=r.actor, role="side_b") if r.actor.kind == CIVILIAN_KIND else r for r in chosen]


__all__ = ["merge_actors", "side_actors", "side_pairs"]
