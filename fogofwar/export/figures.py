"""The figures the exports write, all read through :func:`fogofwar.reconcile.event_totals`.

Victim groups overlap (the reconcile module's docstring gives the model): the event's low /
best / high come from ``event_totals``, never from a sum of groups made here. The per-side
deaths UCDP writes split that best: each credible group's best goes to its side (rival
accounts, ``Total.contested``, to none), and whatever of the best no named group accounts for
(the dead reported only as "people") is ``unknown``, so the sides always add up to the best.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fogofwar.export.sides import (
    CIVILIANS,
    OTHER,
    SIDE_A,
    SIDE_B,
    names_civilians,
    victim_side,
)
from fogofwar.model import Event
from fogofwar.reconcile import counted_rows, event_totals, rival_accounts

KILLED = "killed"


def killed_range(event: Event) -> tuple[int | None, int | None]:
    """(low, high) killed of the event (:func:`fogofwar.reconcile.event_totals`)."""
    total = event_totals(event, KILLED)
    return total.low, total.high


def _sum(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass(frozen=True)
class Deaths:
    """Killed figures of an event by victim side (adding up to ``best``) and in all."""

    side_a: int | None
    side_b: int | None
    civilians: int | None
    unknown: int | None
    low: int | None
    best: int | None
    high: int | None


def deaths(event: Event) -> Deaths:
    """The event's killed totals (``event_totals``) and its best split by side (module docstring).
    None where there is no figure."""
    total = event_totals(event, KILLED)
    rows = [r for r in counted_rows(event.reconciled, outcome=KILLED) if r.best is not None]
    rivals = rival_accounts(rows)
    by_side: dict[str, list[int | None]] = {SIDE_A: [], SIDE_B: [], CIVILIANS: [], OTHER: []}
    for row in rows:
        if row.victims not in rivals and row.victims != "unknown":
            by_side[victim_side(event, row.victims)].append(row.best)
    named = _sum([v for side in (SIDE_A, SIDE_B, CIVILIANS, OTHER) for v in by_side[side]]) or 0
    rest = (total.best - named) if total.best is not None else None
    unknown = _sum([*by_side[OTHER], rest if rest is not None and rest >= 0 else None])
    return Deaths(
        side_a=_sum(by_side[SIDE_A]),
        side_b=_sum(by_side[SIDE_B]),
        civilians=_sum(by_side[CIVILIANS]),
        unknown=unknown,
        low=total.low,
        best=total.best,
        high=total.high,
    )


def has_civilian_victims(event: Event) -> bool:
    """Whether any claim or reconciled group of the event is about civilians."""
    return any(names_civilians(r.victims) for r in event.reconciled) or any(
        names_civilians(c.victims) for c in event.claims
    )


def disputed_groups(event: Event, *, outcome: str = KILLED) -> list[str]:
    """Victim groups whose ``outcome`` figures contradict each other (``Reconciled.contradiction``)."""
    return [r.victims for r in event.reconciled if r.outcome == outcome and r.contradiction]
