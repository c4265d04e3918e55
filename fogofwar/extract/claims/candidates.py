"""Which sentences may carry a casualty claim: one compiled regex of the lexicon's outcome words.

It runs before spaCy, so that only candidate sentences are parsed.
"""

from __future__ import annotations

import functools
import re

from fogofwar.extract.attribution import claim_lexicon
from fogofwar.extract.claims.fatal_events import FATAL_ADJECTIVES, FATAL_EVENT_NOUNS
from fogofwar.regex import alternation, trie_alternation


@functools.cache
def _candidate_pattern() -> re.Pattern[str]:
    """Any outcome word of the lexicon, a phrasal trigger's noun, a particle verb ("passed away")
    or a fatal event by name."""
    lex = claim_lexicon()
    nouns = {noun for entries in lex.phrasal_triggers.values() for entry in entries for noun in entry[2]}
    words = sorted({w for w in lex.triggers if " " not in w} | nouns | lex.tolls.nouns)
    particles = "|".join(
        rf"{re.escape(verb)}\s+{re.escape(particle)}"
        for verb, (particle, _, _) in sorted(lex.particle_triggers.items())
    )
    # "a fatal shooting", "a deadly police shooting", "a murder-suicide": see fatal_events
    adjectives, events = alternation(sorted(FATAL_ADJECTIVES)), alternation(sorted(FATAL_EVENT_NOUNS))
    fatal = rf"\b(?:{adjectives})\s+(?:\w+\s+)?(?:{events})\b"
    pattern = r"\b" + trie_alternation(words) + r"\b|" + fatal + r"|\bsuicide\b"
    if particles:
        pattern += rf"|\b(?:{particles})\b"
    return re.compile(pattern, re.IGNORECASE)


def is_claim_candidate(text: str) -> bool:
    """Whether a sentence may carry a casualty figure or statement (one compiled regex, no spaCy).

    >>> is_claim_candidate("Two soldiers were killed."), is_claim_candidate("Talks resumed.")
    (True, False)
    """
    return _candidate_pattern().search(text) is not None
