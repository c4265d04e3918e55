"""Reconcile an event's claims per (victim group, outcome) into low / best / high.

Rules of the domain (DESIGN.md): every claim is kept; claims about the same victims are never
added together; a syndicated copy's claims are not counted again; the same claimant repeating
the same figure counts once.

Per group:
  * low  = the smallest credible figure: each claim's ``low`` (or ``figure``);
  * high = the largest: each claim's ``high``, else its ``figure``/``low`` (an "at least 84"
    claim says nothing above 84, so it contributes 84, not infinity);
  * best = chosen by a named rule (``RULES``):
      - ``conservative.v1``: ACLED's rule, the lowest credible figure (best == low);
      - ``weighted.v1``: the weighted median of the claims' figures, where a party's admission
        of its own losses weighs 3, neutral reporters (outlets, agencies, external observers,
        health ministries) 2, and a party's claim about its enemy's losses 1; ties go to the lower.
Vague claims ("significant casualties", figure None and no low/high) are kept but carry no
number; so are denials, which also mark the group as contradicted. Event totals add the
groups' lows and the groups' highs (``totals``); a combined group ("A + B") counts in the
totals only when none of its members has a group of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from fogofwar.model import Claim, Reconciled

GROUP_SEPARATOR = " + "
# A group's claims contradict each other when the highest is at least this many times the
# lowest and differs by at least MIN_SPREAD victims (2 vs 3 is noise, 2 vs 47 is a dispute).
CONTRADICTION_RATIO = 2.0
MIN_SPREAD = 3
ADMISSION_WEIGHT, NEUTRAL_WEIGHT, ADVERSARY_WEIGHT = 3.0, 2.0, 1.0
NEUTRAL_KINDS = frozenset({"outlet", "external", "unknown", "civilians"})


def claim_low(claim: Claim) -> int | None:
    """The smallest figure a claim admits."""
    return claim.low if claim.low is not None else claim.figure


def claim_high(claim: Claim) -> int | None:
    """The largest figure a claim states (an open "at least N" contributes N)."""
    if claim.high is not None:
        return claim.high
    return claim.figure if claim.figure is not None else claim.low


def claim_weight(claim: Claim) -> float:
    """How much ``weighted.v1`` trusts a claim: admissions > neutral reports > adversary claims."""
    if claim.stance == "admits" or claim.claimant == claim.victims:
        return ADMISSION_WEIGHT
    if claim.claimant_kind in NEUTRAL_KINDS or claim.stance == "reports":
        return NEUTRAL_WEIGHT
    return ADVERSARY_WEIGHT


def best_conservative(claims: Sequence[Claim]) -> int | None:
    """ACLED's rule: the lowest credible figure."""
    lows = [v for v in map(claim_low, claims) if v is not None]
    return min(lows) if lows else None


def best_weighted(claims: Sequence[Claim]) -> int | None:
    """Weighted median of the claims' figures (weights from :func:`claim_weight`)."""
    points = sorted(
        (figure, claim_weight(c))
        for c in claims
        if (figure := c.figure if c.figure is not None else claim_low(c)) is not None
    )
    if not points:
        return None
    half = sum(w for _, w in points) / 2
    running = 0.0
    for figure, weight in points:
        running += weight
        if running >= half:
            return figure
    return points[-1][0]


RULES: dict[str, Callable[[Sequence[Claim]], int | None]] = {
    "conservative.v1": best_conservative,
    "weighted.v1": best_weighted,
}


def counted_claims(claims: Sequence[Claim], *, copies: Mapping[str, str] | None = None) -> list[Claim]:
    """The claims that count: not from a copied article, and each (claimant, victims, outcome,
    figure, low, high) once."""
    copies = copies or {}
    seen: set[tuple[object, ...]] = set()
    kept = []
    for claim in timeline(claims):
        if claim.article_id in copies:
            continue
        key = (claim.claimant, claim.victims, claim.outcome, claim.figure, claim.low, claim.high)
        if key in seen:
            continue
        seen.add(key)
        kept.append(claim)
    return kept


def reconcile(
    claims: Sequence[Claim],
    *,
    rule: str = "conservative.v1",
    copies: Mapping[str, str] | None = None,
) -> list[Reconciled]:
    """Low / best / high per (victims, outcome) over ``claims``; sorted by outcome then victims.

    ``copies`` maps a duplicate article's id to the id it copies; its claims do not count.
    Raises KeyError naming the valid rules when ``rule`` is unknown.
    """
    if rule not in RULES:
        raise KeyError(f"unknown reconcile rule {rule!r}; choose one of {sorted(RULES)}")
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in counted_claims(claims, copies=copies):
        groups[(claim.victims, claim.outcome)].append(claim)
    rows = []
    for (victims, outcome), group in sorted(groups.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        # A denial ("denied that 30 died") is kept and flags a dispute, but its figure is not credible.
        asserted = [c for c in group if c.stance != "denies"]
        lows = [v for v in map(claim_low, asserted) if v is not None]
        highs = [v for v in map(claim_high, asserted) if v is not None]
        low = min(lows) if lows else None
        high = max(highs) if highs else None
        best = RULES[rule](asserted)
        rows.append(
            Reconciled(
                victims=victims,
                outcome=outcome,
                low=low,
                best=best,
                high=high,
                claim_ids=tuple(c.id for c in group),
                rule=rule,
                contradiction=is_contradiction(low, high) or any(c.stance == "denies" for c in group),
            )
        )
    return rows


def is_contradiction(low: int | None, high: int | None) -> bool:
    """Whether a group's figures differ widely (see CONTRADICTION_RATIO and MIN_SPREAD)."""
    if low is None or high is None:
        return False
    return high - low >= MIN_SPREAD and high >= CONTRADICTION_RATIO * max(low, 1)


def totals(rows: Sequence[Reconciled], *, outcome: str = "killed") -> tuple[int | None, int | None]:
    """Event total for ``outcome``: the sum of the groups' lows and the sum of their highs.

    A combined group ("A + B") is skipped when any of its members has its own row, so the same
    victims are never counted twice. Returns (None, None) when no group has a figure.
    """
    selected = [r for r in rows if r.outcome == outcome]
    single = {r.victims for r in selected if GROUP_SEPARATOR not in r.victims}
    counted = [
        r
        for r in selected
        if GROUP_SEPARATOR not in r.victims or not single & set(r.victims.split(GROUP_SEPARATOR))
    ]
    lows = [r.low for r in counted if r.low is not None]
    highs = [r.high for r in counted if r.high is not None]
    return (sum(lows) if lows else None, sum(highs) if highs else None)


def timeline(claims: Sequence[Claim]) -> list[Claim]:
    """Claims in claim-date order (undated last), then by article and position in it."""
    return sorted(
        claims,
        key=lambda c: (c.claim_date or date.max, c.article_id, c.evidence.start),
    )
