"""Casualty claims and event mentions read from an article's headline, where the body has none.

Short news items often put the toll only in the headline ("Teen shot to death in Pacoima",
"2 killed, 3 wounded in Eastside shooting") while the body names the victim or tells the
investigation. A headline claim is kept only for an outcome family the body makes no claim
about, so the body's fuller statement always wins and nothing is counted twice; one person
shot is not counted as wounded when the body or the headline tells a death (the person shot is
the one who died: "Girl accidentally shot, killed"). It is the
outlet's claim (headlines quote no one), its evidence indexes ``Article.title``
(``Claim.part == "title"``), and it reports on the article's first foreground mention.

Likewise a headline's event mention (type, place, date) is kept only when the body has no
foreground mention at all (a short item whose body is a caption or a name), so that the
article still joins its event; its ``sentence`` indexes the title (``Mention.part == "title"``).

Headlines are often written in Title Case, which the tagger reads as a string of proper
nouns; such a headline is parsed in sentence case (same length, so offsets still hold) and
the evidence quotes the headline as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.claims import extract_claims, is_claim_candidate
from fogofwar.extract.events import extract_mentions
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import Sentence
from fogofwar.extract.tallies import family
from fogofwar.model import Article, Claim, Mention, Span, record_id

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Small words a Title Case headline may leave in lower case ("Shot to Death in Pacoima").
_MINOR = frozenset("a an and as at but by for from in into of on or over the to up via with".split())
_TITLE_CASE_SHARE = 0.8
_MIN_WORDS = 3


def parse_form(title: str) -> str:
    """The headline as it is best parsed: Title Case turned to sentence case, else unchanged.

    >>> parse_form("Teen Shot To Death In Pacoima")
    'Teen shot to death in pacoima'
    >>> parse_form("Two killed in Kidal crash")
    'Two killed in Kidal crash'
    """
    words = [w for w in _WORD.findall(title) if w.lower() not in _MINOR]
    if len(words) < _MIN_WORDS:
        return title
    capitalised = sum(1 for w in words if w[0].isupper())
    if capitalised / len(words) < _TITLE_CASE_SHARE:
        return title
    lowered = title.lower()
    if len(lowered) != len(title):  # a character whose lower case is longer: keep offsets
        return title
    first = next((i for i, c in enumerate(lowered) if c.isalpha()), None)
    if first is None:
        return title
    return lowered[:first] + lowered[first].upper() + lowered[first + 1 :]


def headline_sentence(title: str | None) -> Sentence | None:
    """The headline as a Sentence to parse (in its parse form), or None when it can carry no
    casualty figure."""
    if not title or not title.strip():
        return None
    text = parse_form(title)
    if not is_claim_candidate(text):
        return None
    return Sentence(0, len(text), text, 0, 0)


def headline_mentions(
    article: Article,
    body_mentions: Sequence[Mention],
    *,
    gazetteer: Gazetteer,
    registry: ActorRegistry,
    background_days: int = 60,
) -> list[Mention]:
    """The headline's event mentions, when the body has no foreground mention (else none)."""
    title = article.title
    if not title or not title.strip() or any(not m.background for m in body_mentions):
        return []
    as_text = replace(article, text=title, dateline_start=None, dateline_end=None)  # the span is the body's
    sentence = Sentence(0, len(title), title, 0, 0)
    found = extract_mentions(
        as_text, [sentence], gazetteer=gazetteer, registry=registry, background_days=background_days
    )
    return [
        replace(m, id=record_id(article.id, "title", m.sentence.start, m.trigger), part="title")
        for m in found
        if not m.background
    ]


def headline_claims(
    article: Article,
    headline: Sentence,
    body_claims: Sequence[Claim],
    mentions: Sequence[Mention],
    *,
    registry: ActorRegistry,
) -> list[Claim]:
    """The headline's claims about outcome families the body's claims leave out.

    article: the article (its ``title`` is the headline).
    headline: ``headline_sentence(article.title)`` with its parsed ``doc``.
    body_claims: the claims read from the body.
    mentions: the body's event mentions (the claims report on the first foreground one).
    """
    if headline.doc is None or not article.title:
        return []
    claimed = {family(c.outcome) for c in body_claims}
    as_text = replace(article, text=headline.text, dateline_start=None, dateline_end=None)
    found = extract_claims(as_text, [headline], registry=registry, headline=True)
    if any(c.outcome == "killed" for c in (*body_claims, *found)):
        # "Girl accidentally shot, killed", "Child shot when handgun discharges" over a body
        # that tells her death: the one person shot is the one who died
        found = [c for c in found if not (c.outcome == "injured" and c.figure == 1)]
    foreground = sorted((m for m in mentions if not m.background), key=lambda m: m.sentence.start)
    target = foreground[0].id if foreground else None
    kept = []
    for claim in found:
        if family(claim.outcome) in claimed:
            continue
        start, end = claim.evidence.start, claim.evidence.end
        kept.append(
            replace(
                claim,
                id=record_id(article.id, "title", start, end, claim.victims, claim.outcome),
                evidence=Span(start, end, article.title[start:end]),
                part="title",
                mention_id=target,
            )
        )
    return kept


__all__ = ["headline_claims", "headline_mentions", "headline_sentence", "parse_form"]
