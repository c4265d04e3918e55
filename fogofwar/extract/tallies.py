"""How the claims of one article are joined and deduplicated, once extracted.

Two rules, both about the people of one sentence or one article:

- **Joining.** Phrases coordinated under one outcome verb name different people ("captured a
  facilitator and one additional suspect", "detained the leader along with three of his
  associates"), and so do the objects of two coordinated verbs of one outcome family sharing
  a subject ("arrested a Taliban leader and detained three suspected insurgents"). They are
  one claim whose figure is the sum, when the phrases name one group: the same group, a phrase
  naming no group ("unknown"), or the registry's placeholder for unnamed armed men beside a
  named non-state armed group (the group name joined with " + "). Two named groups ("84
  mercenaries and 47 soldiers") stay two claims.
- **Repeats.** An exact repeat (claimant, victims, outcome, figure) within one article is kept
  once, except a phrase that says it counts other people ("one additional suspect",
  "another two"). See :func:`drop_repeats`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.attribution import ClaimLexicon, claim_lexicon
from fogofwar.model import Article, Claim, Span, record_id

UNKNOWN = "unknown"
GROUP_JOINER = " + "
# How a sum of two qualified counts is qualified (an unlisted pair is "about").
# An addition is told at the head of the victim phrase ("one additional suspect was detained",
# "also detained another two"), not deep in a list ("killed Jan and one additional insurgent").
_LEAD_WORDS = 4


def family(outcome: str) -> str:
    """Arrests and captures are one family of outcomes (a detention)."""
    return "captured" if outcome == "arrested" else outcome


def _members(victims: str) -> list[str]:
    return victims.split(GROUP_JOINER)


def _is_non_state_armed(name: str, registry: ActorRegistry, lex: ClaimLexicon) -> bool:
    actor = registry.get(name)
    return actor is not None and actor.kind in lex.joinable_kinds


def joined_victims(first: str, second: str, registry: ActorRegistry) -> str | None:
    """The one victim group of two coordinated phrases, or None when they name two groups.

    >>> joined_victims("Taliban", "unknown", ActorRegistry.load())
    'Taliban'
    """
    lex = claim_lexicon()
    if second in (first, UNKNOWN):
        return first
    if first == UNKNOWN:
        return second
    placeholder = lex.unnamed_armed_group
    pair = [first, second]
    if placeholder in pair:
        other = second if first == placeholder else first
        if all(_is_non_state_armed(m, registry, lex) for m in _members(other)):
            return GROUP_JOINER.join(sorted({*_members(other), placeholder}))
    return None


def _sum(first: int | None, second: int | None) -> int | None:
    return None if first is None or second is None else first + second


def _qualifier(first: str, second: str) -> str:
    if first == second or second == "exact":
        return first
    if first == "exact":
        return second
    if "vague" in (first, second):
        return "vague"
    return "about"


def add_up(article: Article, first: Claim, second: Claim, victims: str) -> Claim:
    """One claim counting both phrases (figures, lows and highs added), its evidence spanning both."""
    start, end = first.evidence.start, max(first.evidence.end, second.evidence.end)
    qualifier = _qualifier(first.qualifier, second.qualifier)
    figure = _sum(first.figure, second.figure)
    low, high = _sum(first.low, second.low), _sum(first.high, second.high)
    if qualifier == "about":
        low = high = None
    outcome = first.outcome if first.outcome == second.outcome else family(first.outcome)
    return dataclasses.replace(
        first,
        id=record_id(article.id, start, end, victims, outcome),
        victims=victims,
        outcome=outcome,
        evidence=Span(start, end, article.text[start:end]),
        figure=figure,
        low=low,
        high=high,
        qualifier=qualifier,
        confidence=min(first.confidence, second.confidence),
    )


def join(article: Article, first: Claim, second: Claim, registry: ActorRegistry) -> Claim | None:
    """``first`` and ``second`` (phrases of one sentence naming different people) as one claim,
    or None when they cannot be one (two named groups, two claimants, two outcome families)."""
    if first.figure is None or second.figure is None:
        return None
    if first.claimant != second.claimant or family(first.outcome) != family(second.outcome):
        return None
    victims = joined_victims(first.victims, second.victims, registry)
    return add_up(article, first, second, victims) if victims is not None else None


def is_uninformative(claim: Claim) -> bool:
    """A vague casualty count about no identifiable group ("dozens of casualties")."""
    return claim.outcome == "casualties" and claim.victims == UNKNOWN and claim.qualifier == "vague"


def _preference(claim: Claim, order: int, lex: ClaimLexicon) -> tuple[int, int, int, int]:
    return (
        0 if claim.qualifier != "exact" else 1,
        lex.stance_rank.get(claim.stance, 3),
        0 if claim.claim_date else 1,
        order,
    )


def counts_others(claim: Claim, lex: ClaimLexicon) -> bool:
    """Whether the evidence says, in its first words, that it counts people besides those
    counted before ("one additional suspect", "another two", "three more"); vague amounts never
    do (a restated "numerous additional suspects" is one statement)."""
    if claim.qualifier == "vague":
        return False  # "numerous additional suspects" told twice is one statement told twice
    words = re.findall(r"[a-z]+", claim.evidence.text.lower())[:_LEAD_WORDS]
    return any(w in lex.additive_words for w in words)


def drop_repeats(claims: Sequence[Claim]) -> list[Claim]:
    """Keep one claim per (claimant, victims, outcome, figure).

    The kept copy is the one with a stated qualifier, then the stronger stance, then a stated
    date, then the first. A claim that says it counts other people ("one additional suspect")
    is never a repeat. A copy about unknown victims is dropped when the same claimant gives the
    same figure and outcome for a named group ("Seventeen Killed" headline beside "killed
    seventeen insurgents").
    """
    lex = claim_lexicon()
    best: dict[tuple[str, str, str, int | None], tuple[tuple[int, int, int, int], Claim]] = {}
    others = {id(c) for c in claims if counts_others(c, lex)}
    for order, claim in enumerate(claims):
        if id(claim) in others:
            continue
        key = (claim.claimant, claim.victims, claim.outcome, claim.figure)
        rank = _preference(claim, order, lex)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, claim)
    kept = {id(c) for _, c in best.values()}
    named = {(c.claimant, c.outcome, c.figure) for c in claims if c.victims != UNKNOWN}
    return [
        c
        for c in claims
        if id(c) in others
        or (
            id(c) in kept
            and not (c.victims == UNKNOWN and c.figure and (c.claimant, c.outcome, c.figure) in named)
        )
    ]


__all__ = ["add_up", "counts_others", "drop_repeats", "family", "is_uninformative", "join", "joined_victims"]
