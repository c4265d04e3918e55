"""Shared rules that turn one article's Extraction into the numbers an evaluation set compares.

Each evaluation set (ISAF, MUC-4) has its own ``predict_*`` function; they share these rules:

* **Foreground only.** Mentions flagged ``background`` (events long before the report) and the
  claims attached to them (``Claim.mention_id``) are ignored. Claims with stance ``denies`` are
  ignored (a denial does not assert its figure). Claims with no mention are kept.
* **Main mention = lead first.** News and press releases put the main event first (inverted
  pyramid), so the main place is the place of the earliest foreground mention that has one, and
  the main date the ``date_start`` of the earliest foreground mention that has one. The two may
  come from different mentions when the lead names only one of them.
* **A claim's value** is its ``figure``, or ``low`` when the figure is None (vague amounts and
  ranges: "several" -> low 3); claims with neither ("significant casualties") count nothing.
* **Never add two claims about the same victims** (DESIGN.md). Claims are grouped by a
  caller-chosen victim group; within a group the count is the largest value, except that a
  claim phrased as additive is added to what the group had so far ("three more", "four
  additional", "another two": the number in the phrase equals the claim's value; "multiple
  additional" for a vague claim; "also detained two", "two were also killed": an adverb of
  addition on the outcome verb, which the extractor keeps in the evidence). An additive
  claim whose victims are unknown ("and three more") belongs to the group counted just
  before it. Groups are added to each other, except the ``unknown`` group: unknown victims
  cannot be shown to differ from the named ones, so the total is ``max(sum of named groups,
  unknown)``; and a combined group "A + B" (one victim phrase naming two actors) may include
  A's and B's own counts, so it counts ``max(combined, A + B)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache

from fogofwar.claim_words import told_as_more
from fogofwar.eval.scoring_vocab import (
    ADDITIVE_WORDS,
    COMBINED_GROUP_SEPARATOR,
    NON_ASSERTING_STANCES,
    NUMBER_WORDS,
    UNKNOWN_VICTIMS,
    VAGUE_WORDS,
)
from fogofwar.folding import unaccented
from fogofwar.model import Claim, Extraction, Mention, Place


def foreground_mentions(extraction: Extraction) -> list[Mention]:
    """The extraction's non-background mentions, in text order."""
    return sorted(
        (m for m in extraction.mentions if not m.background), key=lambda m: (m.sentence.start, m.id)
    )


def foreground_claims(extraction: Extraction) -> list[Claim]:
    """Claims that assert a figure about a foreground event, in text order.

    Drops claims attached to a background mention and denials; keeps claims with no mention.
    """
    background = {m.id for m in extraction.mentions if m.background}
    kept = [
        c
        for c in extraction.claims
        if c.mention_id not in background and c.stance not in NON_ASSERTING_STANCES
    ]
    return sorted(kept, key=lambda c: (c.evidence.start, c.id))


def main_place(mentions: Sequence[Mention]) -> Place | None:
    """The place of the first mention (in the given order) that has one."""
    return next((m.place for m in mentions if m.place is not None), None)


def main_date(mentions: Sequence[Mention]) -> date | None:
    """The ``date_start`` of the first mention (in the given order) that has one."""
    return next((m.date_start for m in mentions if m.date_start is not None), None)


@cache
def _additive_pattern() -> re.Pattern[str]:
    numbers = r"\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    vague = "|".join(sorted(VAGUE_WORDS, key=len, reverse=True))
    words = "|".join(ADDITIVE_WORDS)
    return re.compile(
        rf"\b(?:(?P<n1>{numbers})\s+(?:{words})|another\s+(?P<n2>{numbers})|(?P<vague>{vague})\s+(?:{words}))\b",
        re.IGNORECASE,
    )


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.casefold())


def is_additive(claim: Claim) -> bool:
    """Whether the claim's evidence phrases its own figure as an addition ("three more").

    The number in the phrase must equal the claim's value, so that "killed two insurgents and
    detained four additional suspects" makes only the detention claim additive; a vague word
    ("multiple additional suspects") matches only a vague claim.
    """
    value = claim.point
    if value is None:
        return False
    if told_as_more(claim):  # "the force also detained two suspects" after "arrested a leader"
        return True
    for match in _additive_pattern().finditer(claim.evidence.text):
        if match.group("vague"):
            if claim.qualifier == "vague":
                return True
        elif _number(match.group("n1") or match.group("n2")) == value:
            return True
    return False


def count_victims(
    claims: Iterable[Claim],
    outcomes: frozenset[str],
    *,
    group_of: Callable[[Claim], str | None],
) -> int:
    """Total people with one of ``outcomes``, never adding two claims about the same victims.

    ``claims`` must be in text order. ``group_of`` names a claim's victim group, or returns None
    to leave the claim out. See the module docstring for the rule; 0 when no claim counts.
    """
    totals: dict[str, int] = {}
    last_group: str | None = None
    for claim in claims:
        if claim.outcome not in outcomes:
            continue
        value = claim.point
        group = group_of(claim)
        if value is None or group is None:
            continue
        additive = is_additive(claim)
        if additive and group == UNKNOWN_VICTIMS and last_group is not None:
            group = last_group  # "... and three more": more of the group just counted
        so_far = totals.get(group, 0)
        totals[group] = so_far + value if so_far and additive else max(so_far, value)
        last_group = group
    unknown = totals.pop(UNKNOWN_VICTIMS, 0)
    return max(sum(_merge_combined(totals).values()), unknown)


def _merge_combined(totals: dict[str, int]) -> dict[str, int]:
    """Fold each combined group "A + B" with its members that have counts of their own:
    the combined figure may include them, so the pair counts ``max(combined, sum of members)``."""
    merged = dict(totals)
    for group in [g for g in totals if COMBINED_GROUP_SEPARATOR in g]:
        members = [m for m in group.split(COMBINED_GROUP_SEPARATOR) if m in merged and m != group]
        if group in merged and members:
            merged[group] = max(merged[group], sum(merged.pop(m) for m in members))
    return merged


def bare(text: str) -> str:
    """``text`` without diacritics, case-folded ("Ménaka" -> "menaka"): how names are compared."""
    return unaccented(text).casefold()


def normalise_name(text: str) -> str:
    """A name as compared across vocabularies: no diacritics, case-folded, punctuation as spaces,
    a leading "the" dropped ("The Extraditables" == "EXTRADITABLES")."""
    words = re.sub(r"[^0-9a-z]+", " ", bare(text)).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


__all__ = [
    "bare",
    "count_victims",
    "foreground_claims",
    "foreground_mentions",
    "is_additive",
    "main_date",
    "main_place",
    "normalise_name",
]
