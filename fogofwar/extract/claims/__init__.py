"""Attributed casualty claims: who says how many of whom were killed, injured, captured ...

The extractor reads the parsed sentences of one article (``Sentence.doc``, a spaCy Doc of the
sentence). For each outcome word ("killed", "wounded", "casualties", "the death of") it finds
the noun phrases naming the victims through the dependency parse (object of an active verb,
subject of a passive or intransitive one, the of-phrase of a noun, a participle modifying a
noun), reads each phrase's count (``numbers.find_quantities``), resolves the victims to an
actor of the registry, and asks ``attribution`` who said it. It never parses again and never
sums figures: each (claimant, victims, outcome, figure) is one claim; an exact repeat within
one article is kept once.

Conventions (see also the ``about`` fields of ``resources/lexicon_claims.json`` and
``resources/lexicon_numbers.json``):

- victims: a canonical actor name, "civilians", or "unknown"; several groups named together
  as one victim phrase ("seven Malian soldiers and Wagner operatives") are joined with " + "
  in sorted order ("Malian Armed Forces + Wagner Group").
- "lost two soldiers" / "two of its soldiers" / an admission of "heavy losses" are the own
  side of the loser / possessor / admitting party (a government's own side is its forces).
- "others", "survivors", a bare number ("and ten were injured") take the victims of the
  statement before them in the sentence; "survivors" with none before are the other
  parties named earlier in the sentence.
- A single person ("a soldier", "the Taliban leader") counts 1. A definite single person
  under a noun ("the death of its leader") refers to a death the reader already knows, not a
  new count, and is skipped, as are pronouns ("his death").
- A vague "casualties"/"losses" claim whose victims cannot be told ("dozens of casualties")
  is dropped: it cannot be reconciled with any group and would be counted twice in totals.
- Lists: phrases coordinated under one verb ("a leader and three associates", "the leader
  along with three of his associates") and objects of coordinated verbs of one outcome family
  ("arrested a leader and detained three suspects") are one claim with the summed figure when
  they name one group (see :mod:`fogofwar.extract.tallies`); "N shot, M fatally" is M killed
  and N - M injured; "also" on the outcome verb stays in the evidence (an addition).
- Not claims: tallies over a period ("killed since January"), negated outcomes ("were not
  injured").
- Repeats (:func:`fogofwar.extract.tallies.drop_repeats`): the kept copy is the one with a
  stated qualifier ("at least 84" over a lede's
  "84"), then the stronger stance (confirms over reports), then a stated date, then the first.
  A copy about unknown victims is dropped when the same claimant gives the same figure and
  outcome for a named group ("Seventeen Killed" headline, "killed seventeen insurgents").
- Re-counts: once an article has claimed an outcome, "the commander" (a definite single person
  the registry cannot place) and "four of the insurgents" (part of a group) refer back to people
  already counted and are skipped.
- Planned, threatened, attempted or prevented outcomes are not claims ("planned the
  assassination of a general", "would kill").
- Confidence: 1.0 for a claimant named in the sentence or the outlet's own statement; 0.9
  when carried by a pronoun; 0.8 when carried from the paragraph; times 0.8 for unknown
  victims; times 0.8 when count and outcome were joined by word order, not by the parse
  (``linear_statements``, a fallback for ALL CAPS wires that spaCy parses poorly).
"""

from __future__ import annotations

from fogofwar.extract.claims.build import drop_implausible, extract_claims
from fogofwar.extract.claims.candidates import is_claim_candidate
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.statements import find_statements
from fogofwar.extract.claims.syntax import singular_forms
from fogofwar.extract.claims.victims import resolve_victims
from fogofwar.extract.tallies import GROUP_JOINER, UNKNOWN, drop_repeats

__all__ = [
    "GROUP_JOINER",
    "UNKNOWN",
    "CasualtyStatement",
    "drop_implausible",
    "drop_repeats",
    "extract_claims",
    "find_statements",
    "is_claim_candidate",
    "resolve_victims",
    "singular_forms",
]
