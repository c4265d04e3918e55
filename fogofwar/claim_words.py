"""What a claim's own words tell the reconciler (``fogofwar.reconcile``): a count told as more
beside the others ("the two attackers were also killed"), a dataset coder's recorded count
("Fatalities coded as 0 (VoJ reported 15)"), people hit whose dead may be among them ("four
people were shot"). Each reads the claim's evidence text. Pure."""

from __future__ import annotations

import re

from fogofwar.model import Claim

# Adverbs that tell a count as more beside what was told before ("the two attackers were also
# killed", "the force also detained two suspects"); the claims lexicon's additive_adverbs, kept
# in a claim's evidence by the extractor.
ADDITIVE_ADVERBS = ("also", "additionally")
_ADDITIVE = re.compile(r"\b(?:" + "|".join(ADDITIVE_ADVERBS) + r")\b", re.IGNORECASE)
# A dataset coder's note of the count it recorded (ACLED's notes: "Fatalities coded as 0 (VoJ
# reported 15)", "Unknown fatalities coded at low estimate of 3", "Fatalities split between 2
# events"): matched in a claim's evidence, as the additive adverbs are.
# A toll split over several events, with the number of them ("Fatalities split between 2
# events", "distributed across six events"): ``parts``.
SPLIT_NOTE = (
    r"\b(?:split|spread|coded|distributed|divided)\s+(?:up\s+|equally\s+|evenly\s+)?"
    r"(?:across|between|among|over)\s+\(?(?P<parts>\d+|[a-z]+)\)?\s+(?:separate\s+|different\s+)?"
    r"(?:events|locations|incidents|attacks|days|fronts)\b"
)
RECORDED = r"\bcoded\s+(?:as|at|to)\b|" + SPLIT_NOTE
_RECORDED = re.compile(RECORDED, re.IGNORECASE)


def is_recorded(claim: Claim) -> bool:
    """Whether a claim is a dataset coder's note of the count recorded ("Fatalities coded as 0
    (VoJ reported 15)", "Total fatalities coded as 14", "Fatalities are split across 3 events
    (5)"): the figure the coder settled on after weighing the report's own (``RECORDED``)."""
    return _RECORDED.search(claim.evidence.text) is not None


_HIT = re.compile(r"\bshot\b", re.IGNORECASE)
_NOT_ONLY_HIT = re.compile(
    r"\b(?:wound\w*|injur\w*|hurt|hospitali[sz]ed|others?|another|additional|also|more)\b", re.IGNORECASE
)


def is_hit(claim: Claim) -> bool:
    """Whether an injured claim counts people hit, the dead among them: "four people were shot"
    (not "shot and wounded", not "two others were shot")."""
    text = claim.evidence.text
    return claim.outcome == "injured" and _HIT.search(text) is not None and not _NOT_ONLY_HIT.search(text)


def told_as_more(claim: Claim) -> bool:
    """Whether a claim's evidence tells its count as more beside what was told before ("the
    two attackers were also killed"): ``ADDITIVE_ADVERBS``."""
    return _ADDITIVE.search(claim.evidence.text) is not None


__all__ = ["ADDITIVE_ADVERBS", "RECORDED", "SPLIT_NOTE", "is_hit", "is_recorded", "told_as_more"]
