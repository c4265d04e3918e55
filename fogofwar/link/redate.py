"""Dates for the claims of an undated article, once it has joined a dated event.

An article with no publication date and no dateline date cannot resolve its own relative
dates ("announced on Thursday") or year-less ones ("on July 29"): the extractor leaves those
claims undated and keeps their date expression as written (``Claim.date_words``). DESIGN.md:
such an article takes its dates from the event it links to. The pipeline's date-the-undated
stage (``Pipeline.redate``, after linking, before reconciling) resolves them without reading
the text again:

1. ``reference_dates`` (link/build.py) gives the earliest date the article can have been
   written: the end of the dated event holding most of its claims (a report does not predate
   what it reports).
2. ``claim_dates`` resolves each undated claim's expression against a stand-in publication
   date, ``resolution_base``: that earliest date plus ``LOOKAHEAD_DAYS``. A weekday is read as
   the last such day on or before the publication date, so each weekday lands on its first
   occurrence on or after the earliest date: a report of a battle that ended on Friday 26 July,
   saying the rebels "announced on Thursday" their toll, means Thursday 1 August, not Thursday
   25 July, which was before the fighting ended. Year-less dates take the event's year.
3. A claim with no expression, or one relative to the unknown publication day ("yesterday"),
   takes the earliest date itself, not the invented stand-in.
4. ``redate_claims`` writes those dates into the events' claims (claims keep their ids). The
   pipeline reconciles the events after this step (claim dates order the timeline and decide
   revisions), so a redated event is reconciled once, with its final claims.

The article record itself stays undated: its date is inferred, not reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from fogofwar.extract.attribution import date_of_words
from fogofwar.link.similarity import shift_days
from fogofwar.model import Claim, Event, Extraction

# A weekday of an undated report resolves to its first occurrence within this many days after
# the earliest date the report can have: the extractor looks back at most 6 days.
LOOKAHEAD_DAYS = 6


def resolution_base(earliest: date) -> date:
    """The stand-in publication date an undated article's expressions resolve against."""
    return shift_days(earliest, LOOKAHEAD_DAYS)


def claim_dates(events: Sequence[Event], earliest: Mapping[str, date]) -> dict[str, date]:
    """Claim id -> date for the undated claims of ``events`` whose article has an earliest
    date (module docstring, steps 2 and 3); other claims are left out."""
    found: dict[str, date] = {}
    for event in events:
        for claim in event.claims:
            first = earliest.get(claim.article_id)
            if claim.claim_date is not None or first is None or claim.id in found:
                continue
            found[claim.id] = date_of_words(claim.date_words, resolution_base(first)) or first
    return found


def redate_extractions(extractions: Sequence[Extraction], dates: Mapping[str, date]) -> list[Extraction]:
    """The extractions with the undated claims named in ``dates`` given those dates."""
    return [
        replace(x, claims=tuple(_redated(c, dates) for c in x.claims))
        if any(c.id in dates and c.claim_date is None for c in x.claims)
        else x
        for x in extractions
    ]


def _redated(claim: Claim, dates: Mapping[str, date]) -> Claim:
    if claim.claim_date is None and claim.id in dates:
        return replace(claim, claim_date=dates[claim.id])
    return claim


def redate_claims(events: Sequence[Event], dates: Mapping[str, date]) -> list[Event]:
    """Events with their undated claims named in ``dates`` given those dates (not reconciled:
    the pipeline's next stage does that).

    Claims that already have a date keep it; events without such a claim are returned as given.
    """
    return [
        replace(event, claims=tuple(_redated(c, dates) for c in event.claims))
        if any(c.claim_date is None and c.id in dates for c in event.claims)
        else event
        for event in events
    ]


__all__ = ["LOOKAHEAD_DAYS", "claim_dates", "redate_claims", "redate_extractions", "resolution_base"]
