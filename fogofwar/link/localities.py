"""Localities a report names: the villages, districts and towns, by their kind or as a coder
placed them, that tell two incidents of one region and day apart (``LOCALITY`` in
``link.params``; ``scoring.requirements`` vetoes two reports naming localities, none shared).
"""

from __future__ import annotations

import functools
import re

from fogofwar.folding import unaccented
from fogofwar.link.params import LOCALITY
from fogofwar.model import Article, Mention

# The named groups of LOCALITY that hold the locality's name.
_LOCALITY_GROUPS = ("of", "kind", "held", "district", "before", "town", "in_region", "coded")


# Before "X city" or "X town", an article or another name makes X a description ("the Syrian
# town", "an American city", "the Black Sea city"), not the town's name.
_DESCRIBED_BEFORE = re.compile(r"(?:\b(?:[Tt]he|[Aa]n?)|[A-ZÀ-Þ][\w’-]*)\s+$")


@functools.cache
def _locality() -> re.Pattern[str]:
    return re.compile(LOCALITY)


def localities_named(text: str) -> frozenset[str]:
    """Localities ``text`` names by their kind ("the village of Kain", "Boundoussi hamlet",
    "Barangay Taruk"), folded (``LOCALITY``)."""
    return frozenset(
        unaccented(name).casefold()
        for match in _locality().finditer(text)
        if (name := next(filter(None, match.group(*_LOCALITY_GROUPS)), None))
        and not (match.group("town") and _DESCRIBED_BEFORE.search(text, 0, match.start()))
    )


def mention_localities(
    mention: Mention, article: Article | None, *, text: str, stated: bool
) -> frozenset[str]:
    """The localities of a mention: those its sentence ``text`` names; for a mention whose
    sentence states no place (it took its place from its paragraph: "... in Nessuit (Njoro,
    Nakuru). Police then fired at the attackers, killing one."), those its paragraph names
    before it, else after it ("Location coded as Narok with GP2.")."""
    localities = localities_named(text)
    if localities or stated:
        return localities
    return localities_named(paragraph_before(mention, article)) or localities_named(
        paragraph_after(mention, article)
    )


def paragraph_before(mention: Mention, article: Article | None) -> str:
    """The text of the mention's paragraph before its sentence (less the dateline); empty for
    a title's mention or without the article."""
    if article is None or mention.part != "text":
        return ""
    start = mention.sentence.start
    paragraph = article.text.rfind("\n\n", 0, start)
    lead = max(paragraph + 2 if paragraph >= 0 else 0, article.dateline_end or 0)
    return article.text[lead:start]


def paragraph_after(mention: Mention, article: Article | None) -> str:
    """The text of the mention's paragraph after its sentence; empty for a title's mention or
    without the article."""
    if article is None or mention.part != "text":
        return ""
    end = mention.sentence.end
    paragraph = article.text.find("\n\n", end)
    return article.text[end : paragraph if paragraph >= 0 else len(article.text)]


__all__ = ["localities_named", "mention_localities", "paragraph_after", "paragraph_before"]
