"""Which sentences may carry a casualty claim: one compiled regex of the lexicon's outcome words.

It runs before spaCy, so that only candidate sentences are parsed.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from fogofwar.extract.attribution import claim_lexicon
from fogofwar.extract.claims.fatal_events import FATAL_ADJECTIVES, FATAL_EVENT_NOUNS
from fogofwar.regex import alternation


def _trie_regex(words: list[str]) -> str:
    """A regex alternation of ``words`` as a character trie (fast: no backtracking over words)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        return body + "?" if optional else body

    return emit(trie)


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
    pattern = r"\b" + _trie_regex(words) + r"\b|" + fatal + r"|\bsuicide\b"
    if particles:
        pattern += rf"|\b(?:{particles})\b"
    return re.compile(pattern, re.IGNORECASE)


def is_claim_candidate(text: str) -> bool:
    """Whether a sentence may carry a casualty figure or statement (one compiled regex, no spaCy).

    >>> is_claim_candidate("Two soldiers were killed."), is_claim_candidate("Talks resumed.")
    (True, False)
    """
    return _candidate_pattern().search(text) is not None
