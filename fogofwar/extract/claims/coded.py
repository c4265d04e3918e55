"""A dataset coder's notes on the count recorded (ACLED's event notes), read as claims. Pure.

* A recorded figure set against a source's: "Fatalities coded as 0 (VoJ reported 2)". The note
  tells whose the report's own figure is: the source in brackets gave it, and the coder
  declined it. The report's unattributed claims of that figure become the source's claims, so
  that reconciliation weighs the two accounts (``fogofwar.reconcile``) instead of reading the
  coder's figure and the source's as one voice (``sourced_by_coder_note``).
* A toll split over several events: "48 fighters were reported killed across the two attacks.
  Fatalities split between 2 events", "Fatalities are split across 3 events (5)". This event's
  dead are its share: the figure in brackets, else the report's largest toll divided evenly,
  rounded half up (``split_share``). The share is the outlet's recorded count, which
  reconciliation takes for the event's dead (``fogofwar.reconcile.is_recorded``).
* The count recorded, however the note words it: "Unknown number of fatalities coded as 10",
  "Several fatalities coded as 3", "Dozens of fatalities and injuries coded as 6", "Unknown
  fatalities assessed as low and coded as 3", "coded at low estimate of 3"
  (``recorded_counts``): the parse reads some of these as vague amounts or not at all."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from fogofwar.claim_words import SPLIT_NOTE
from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.numbers import NumberLexicon
from fogofwar.extract.tallies import UNKNOWN
from fogofwar.model import Article, Claim, Span, record_id

# "Unknown number of fatalities coded as 10", "Several fatalities coded as 3", "fatalities
# assessed as low and coded as 3", "unknown fatalities coded at low estimate of 3"
_RECORDED = re.compile(
    r"\b(?:fatalities|deaths|dead)\b[^.;()\[\]]{0,40}?\bcoded\s+(?:as|at|to)\s+"
    r"(?:(?:a\s+)?low\s+estimate\s+of\s+)?(?P<figure>\d+)\b(?!\s*(?:-|to)\s*\d)",
    re.IGNORECASE,
)
# The words before the count noun that belong to the note ("Unknown number of", "Several"),
# back to the last break of a clause.
_NOTE_START = re.compile(r"(?:^|[.,;(\[]\s*)([^.,;()\[\]]{0,40})$")


def recorded_counts(claims: Sequence[Claim], article: Article, *, outlet: str) -> list[Claim]:
    """``claims`` with each coder's note of a count of dead read as the outlet's claim of that
    figure (victims unknown): the claims the parse read inside the note's words (a vague
    "Several fatalities") give way to it; one already reading it stays as it is."""
    text = article.text
    out = list(claims)
    for note in _RECORDED.finditer(text):
        lead = _NOTE_START.search(text, max(0, note.start() - 60), note.start())
        start = note.start() - (len(lead.group(1).lstrip()) if lead else 0)
        end, figure = note.end(), int(note["figure"])
        inside = [c for c in out if c.part == "text" and start <= c.evidence.start and c.evidence.end <= end]
        if any(
            c.figure == figure and c.outcome == "killed" and _RECORDED.search(c.evidence.text) for c in inside
        ):
            continue  # the parse read the note already ("Fatalities coded as 0")
        out = [c for c in out if c not in inside]
        out.append(_recorded_claim(article, start, end, figure, outlet))
    return sorted(out, key=lambda c: (c.part != "title", c.evidence.start))


def _recorded_claim(article: Article, start: int, end: int, figure: int, outlet: str) -> Claim:
    """The outlet's claim of ``figure`` dead (victims unknown) whose evidence is the coder's
    note at ``start:end`` of the article's text."""
    return Claim(
        id=record_id(article.id, start, end, UNKNOWN, "killed"),
        article_id=article.id,
        claimant=outlet,
        victims=UNKNOWN,
        outcome="killed",
        evidence=Span(start, end, article.text[start:end]),
        stance="reports",
        claim_date=article.reference_date,
        figure=figure,
        low=figure,
        high=figure,
        claimant_kind="outlet",
    )


# "coded as 0 (VoJ reported 2)", "coded as 1 (VoJ also reported 1-3 fatalities)", "coded as 8
# (Al Shabaab claimed 15)"
_CODED_AGAINST = re.compile(
    r"\bcoded\s+(?:as|at|to)\s+\d+\s*\(\s*(?P<source>[A-Z][\w' .-]{0,40}?)\s+(?:also\s+)?"
    r"(?:reported|claimed|said|stated)\s+"
    r"(?P<low>\d+)(?:\s*-\s*(?P<high>\d+))?"
)


def sourced_by_coder_note(
    claims: Sequence[Claim], text: str, *, outlet: str, registry: ActorRegistry, country: str | None
) -> list[Claim]:
    """``claims`` with the outlet's own claims of a figure that a coder's note gives to a source
    ("coded as 0 (VoJ reported 2)") attributed to that source (a registry actor when it names
    one). The coder's own claim ("Fatalities coded as 0") stays the outlet's."""
    notes = list(_CODED_AGAINST.finditer(text))
    if not notes:
        return list(claims)
    out = list(claims)
    for note in notes:
        low = int(note["low"])
        high = int(note["high"]) if note["high"] else low
        words = note["source"].strip()
        actor = registry.lookup(words, country=country)
        for k, claim in enumerate(out):
            if (
                claim.claimant != outlet
                or claim.figure is None
                or not low <= claim.figure <= high
                or claim.evidence.start <= note.start() < claim.evidence.end
            ):
                continue
            out[k] = replace(
                claim,
                claimant=actor.name if actor else words,
                claimant_kind=actor.kind if actor else "unknown",
                claimant_words=words,
                stance="claims",
            )
    return out


# "Fatalities are split across 3 events (5)", "fatalities split between (3) events", "6 deaths
# (coded across 6 events)", "coded as 10 and spread between 3 locations", "Two fatalities
# distributed across two days", "Total fatalities divided equally across three events"
_SPLIT = re.compile(SPLIT_NOTE + r"(?:\s*\((?P<share>\d+)\))?", re.IGNORECASE)


def split_share(
    claims: Sequence[Claim], article: Article, *, outlet: str, numbers: NumberLexicon
) -> list[Claim]:
    """``claims`` and, where the report says its toll is split over several events ("Fatalities
    split between 2 events", "split across 3 events (5)"), the outlet's claim of this event's
    share: the figure in brackets, else the largest killed figure of ``claims`` divided by the
    number of events, rounded half up. Its evidence is the note."""
    text = article.text
    note = _SPLIT.search(text)
    if note is None:
        return list(claims)
    parts = _count(note["parts"], numbers)
    if note["share"] is not None:
        share = int(note["share"])
    else:
        tolls = [
            f for c in claims if c.outcome == "killed" and c.stance != "denies" and (f := c.point) is not None
        ]
        if not parts or not tolls:
            return list(claims)
        share = (2 * max(tolls) + parts) // (2 * parts)  # rounded half up
    return [*claims, _recorded_claim(article, note.start(), note.end(), share, outlet)]


def _count(word: str, numbers: NumberLexicon) -> int | None:
    if word.isdigit():
        return int(word) or None
    return numbers.units.get(word.casefold())


__all__ = ["recorded_counts", "sourced_by_coder_note", "split_share"]
