"""Regular-expression building blocks shared by the stages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any


def alternation(words: Iterable[object], *, escape: bool = True, flexible_spaces: bool = False) -> str:
    r"""``words`` as one regex alternation, longest first, so that "a few dozen" wins over "a few".

    escape: match each word literally (``re.escape``); off for words that are patterns already.
    flexible_spaces: a space in a word matches any run of whitespace (``\s+``).
    """
    ordered = sorted((str(w) for w in words), key=len, reverse=True)
    parts = []
    for word in ordered:
        if flexible_spaces:
            pieces = word.split(" ")
            parts.append(r"\s+".join(re.escape(p) if escape else p for p in pieces))
        else:
            parts.append(re.escape(word) if escape else word)
    return "|".join(parts)


# A punctuation mark that ends a clause inside a sentence: a cue before it does not reach past it
# ("protesting the killing, police fired ...": the killing is the cause, the firing is not).
CLAUSE_BREAK = re.compile(r"[,;:]")

# Longest literal prefix (characters) kept per alternative by :func:`prefiltered`, and the most
# prefixes it keeps before it settles for shorter ones.
_PREFIX_CHARS = 8
_MAX_PREFIXES = 2000


def prefiltered(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""``re.compile(pattern, flags)`` with a cheap lookahead in front that gives the same matches.

    A long alternation of hand-written alternatives (the event triggers: hundreds, case-insensitive)
    is slow to search because at every word boundary each alternative is tried in turn. Every
    alternative starts with one of a few literal strings ("kill", "air st", "bomb"...), read here
    from the parsed pattern (:func:`literal_prefixes`); the compiled pattern is

        <leading \b of the pattern>(?=<those prefixes, as a character trie>)(?:<pattern>)

    Why the matches are the same (spans, groups, ``lastgroup``, order, on any text): a match of
    ``pattern`` at position p starts with one of the prefixes, each matched character by character
    by the very literal of ``pattern`` (same code point, same flags) that it was read from, so at
    a position where the lookahead fails ``pattern`` fails too; where it succeeds the lookahead
    consumes nothing and captures nothing, and ``pattern`` runs unchanged from p. The leading
    ``\b`` (only when ``pattern`` itself starts with one) is a zero-width test ``pattern`` makes
    first at p anyway; it only spares the lookahead the positions inside words. Positions are
    tried left to right as before, so ``search``, ``match`` and ``finditer`` give the same results.

    When some alternative has no literal prefix (it starts with ``\w``, a class, a group with
    its own flags...) or ``pattern`` sets global inline flags, the plain pattern is returned.
    """
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags != _parser.parse("", flags).state.flags:
        return re.compile(pattern, flags)  # global inline flags: cannot be wrapped
    prefixes = literal_prefixes(pattern, flags)
    if not prefixes:
        return re.compile(pattern, flags)
    lead = ""
    for op, av in parsed:
        if op is not _constants.AT or av is not _constants.AT_BOUNDARY:
            break
        lead = r"\b"
    return re.compile(f"{lead}(?={trie_alternation(prefixes)})(?:{pattern})", flags)


def literal_prefixes(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Literal strings one of which every match of ``pattern`` starts with (up to 8 characters
    each, none a prefix of another), read from ``re._parser``'s parse; None when some match may
    start with no literal at all (the set would have the empty string).

    Zero-width items (``\\b``, lookarounds) are stepped over, alternatives and optional items
    (``?``) give one prefix each way, an item repeated at least once is read once; a prefix
    ends at any other item (a class, ``\\w``, ``*``, a group with its own flags), which only
    makes it shorter. Each character is one of the pattern's own literals, under its flags.

    >>> sorted(literal_prefixes(r"\\b(?:suicide (?:car )?bombs?|air ?strikes?|(?<!stun )grenades?)\\b"))
    ['air stri', 'airstrik', 'grenade', 'suicide ']
    """
    items = list(_parser.parse(pattern, flags))
    for limit in range(_PREFIX_CHARS, 0, -1):
        found = _prefixes(items, limit)
        if "" in found:
            return None
        if len(found) <= _MAX_PREFIXES:
            return frozenset(p for p in found if not any(q != p and p.startswith(q) for q in found))
    return None  # pragma: no cover - one character per alternative is at most the alphabet


def _prefixes(items: list[Any], limit: int) -> set[str]:
    """The literal prefixes (at most ``limit`` characters) of the parsed sequence ``items``."""
    if not items or limit == 0:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op is _constants.LITERAL:
        return {chr(av) + p for p in _prefixes(rest, limit - 1)}
    if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
        return _prefixes(rest, limit)  # zero width: dropping a test only lets more through
    if op is _constants.BRANCH:
        return set().union(*(_prefixes(list(branch) + rest, limit) for branch in av[1]))
    if op is _constants.SUBPATTERN and not av[1] and not av[2]:  # a group, no flags of its own
        return _prefixes(list(av[3]) + rest, limit)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
        low, high, sub = av
        if low == 0 and high == 1:
            return _prefixes(rest, limit) | _prefixes(list(sub) + rest, limit)
        if low >= 1:
            return _prefixes(list(sub), limit)  # read once: its prefix starts the match
    return {""}


def trie_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a character trie: the same strings match as with
    ``a|b|c``, fast (no backtracking over words); a word that is another's prefix ends in an
    optional branch."""
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
