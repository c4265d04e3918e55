"""Names a text marks as places that the gazetteer does not list: "the village of Chaupimarca",
"Quebrada Honda canton". Pure functions of strings; the caller decides what the names become.

Small villages, hamlets and neighbourhoods are the usual scene of a rural attack and are missing
from GeoNames' towns of >= 500 people; the kind word next to the name says it is a place.
"""

from __future__ import annotations

import re

# Kind words of settlements smaller than a district: "the village of X", "X canton".
# ("settlement of" is as often an agreement's or a people's: "settlement of forces")
_KINDS = r"village|hamlet|town|township|canton|neighbou?rhood|jurisdiction|municipality"
# A word of a name: capitalised (in ALL CAPS text every word is) and not a function word.
_WORD = r"[A-ZÀ-Þ][\w'’-]*"
# Lower-case (or ALL CAPS) words inside a name: "San Jose de la Montana".
_CONNECTOR = r"(?:de|del|la|las|los|el)"
# Words that end a name in ALL CAPS text, where capitals say nothing ("the town of X in Y").
STOP_WORDS = frozenset(
    "in on at near and or where which who that the a an of to from by with for was were is are "
    "has have had but after before during today yesterday last this about some km".split()
)
_OF_FORM = re.compile(
    rf"\b(?:{_KINDS})\s+of\s+(?P<name>{_WORD}(?:\s+(?:{_CONNECTOR}\s+)*{_WORD}){{0,3}})",
    re.IGNORECASE,
)
# "X canton", but not "the small town of Y" (its "of" names the place) nor "border town" or
# "middle-class neighbourhood" (words before "town", "village" or "neighbourhood" are as often
# adjectives as names).
_AFTER_KINDS = r"canton|jurisdiction|municipality"
_AFTER_FORM = re.compile(
    rf"\b(?P<name>(?:{_CONNECTOR}\s+)?{_WORD})\s+(?:{_AFTER_KINDS})\b(?!\s+of\b)", re.IGNORECASE
)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name's leading words up to the first function word; None when the name
    starts with one or is not capitalised."""
    words = list(re.finditer(r"[\w'’-]+", text[start:end]))
    kept = []
    for word in words:
        lower = word.group().lower()
        if lower in STOP_WORDS or not (word.group()[0].isupper() or re.fullmatch(_CONNECTOR, lower)):
            break
        kept.append(word)
    while kept and re.fullmatch(_CONNECTOR, kept[-1].group().lower()):
        kept.pop()  # "the village of San Jose de" ends before its connector
    if not kept or not kept[0].group()[0].isupper():
        return None
    return start + kept[0].start(), start + kept[-1].end()


def marked_place_names(text: str) -> list[tuple[int, int]]:
    """Spans of names ``text`` marks as settlements by a kind word ("the village of X", "X
    canton"), in order; a span may be a place the gazetteer knows (the caller checks).

    >>> text = "Rebels burned the village of Pampa Alta and Quebrada canton."
    >>> [text[s:e] for s, e in marked_place_names(text)]
    ['Pampa Alta', 'Quebrada']
    """
    spans: set[tuple[int, int]] = set()
    for match in _OF_FORM.finditer(text):
        span = _trimmed(text, match.start("name"), match.end("name"))
        if span:
            spans.add(span)
    for match in _AFTER_FORM.finditer(text):
        word = match.group("name").split()[-1]  # "La Tiendita canton": the article is part of it
        if word.lower() not in STOP_WORDS and word[0].isupper() and not re.fullmatch(_KINDS, word, re.I):
            spans.add((match.start("name"), match.end("name")))
    return sorted(spans)


__all__ = ["STOP_WORDS", "marked_place_names"]
