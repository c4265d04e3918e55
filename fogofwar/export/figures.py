"""The figures the exports write: per-group reconciled rows counted once, totals and per-side deaths.

The rule of the domain holds here as in ``reconcile.totals``: claims about the same victims
are never added; each victim group adds its reconciled low / best / high once, and a combined
group ("A + B") counts only when none of its members has a row of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fogofwar.export.sides import (
    CIVILIANS,
    OTHER,
    SIDE_A,
    SIDE_B,
    group_members,
    names_civilians,
    victim_side,
)
from fogofwar.model import Event, Reconciled
from fogofwar.reconcile import totals

KILLED = "killed"


def counted_rows(rows: Sequence[Reconciled], *, outcome: str = KILLED) -> list[Reconciled]:
    """The reconciled rows of ``outcome`` that event totals add (same rule as ``reconcile.totals``)."""
    selected = [r for r in rows if r.outcome == outcome]
    single = {r.victims for r in selected if len(group_members(r.victims)) == 1}
    return [
        r
        for r in selected
        if len(group_members(r.victims)) == 1 or not single.intersection(group_members(r.victims))
    ]


def killed_range(event: Event) -> tuple[int | None, int | None]:
    """(sum of the groups' lowest, sum of their highest) killed figures; None where no group has one."""
    return totals(event.reconciled, outcome=KILLED)


def _sum(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass(frozen=True)
class Deaths:
    """Killed figures of an event by victim side (each group's best once) and in all."""

    side_a: int | None
    side_b: int | None
    civilians: int | None
    unknown: int | None
    low: int | None
    best: int | None
    high: int | None


def deaths(event: Event) -> Deaths:
    """The event's killed figures: each counted group's best added to its side, and the sums of the
    groups' low / best / high. None where no group has that figure."""
    rows = counted_rows(event.reconciled)
    by_side: dict[str, list[int | None]] = {SIDE_A: [], SIDE_B: [], CIVILIANS: [], OTHER: []}
    for row in rows:
        by_side[victim_side(event, row.victims)].append(row.best)
    return Deaths(
        side_a=_sum(by_side[SIDE_A]),
        side_b=_sum(by_side[SIDE_B]),
        civilians=_sum(by_side[CIVILIANS]),
        unknown=_sum(by_side[OTHER]),
        low=_sum([r.low for r in rows]),
        best=_sum([r.best for r in rows]),
        high=_sum([r.high for r in rows]),
    )


def has_civilian_victims(event: Event) -> bool:
    """Whether any claim or reconciled group of the event is about civilians."""
    return any(names_civilians(r.victims) for r in event.reconciled) or any(
        names_civilians(c.victims) for c in event.claims
    )


def disputed_groups(event: Event, *, outcome: str = KILLED) -> list[str]:
    """Victim groups whose ``outcome`` figures contradict each other (``Reconciled.contradiction``)."""
    return [r.victims for r in event.reconciled if r.outcome == outcome and r.contradiction]
