"""Regular-expression building blocks shared by the stages."""

from __future__ import annotations

import re
from collections.abc import Iterable


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
