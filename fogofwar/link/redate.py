"""Dates for the claims of an undated article, once it has joined a dated event.

An article with no publication date and no dateline date cannot resolve its own relative
dates ("announced on Thursday") or year-less ones ("on July 29"): the extractor leaves those
claims undated. DESIGN.md: such an article takes its dates from the event it links to. The
pipeline then re-reads it in a second pass (``Pipeline.run``):

1. ``reference_dates`` (cluster.py) gives the earliest date the article can have been
   written: the end of the dated event holding most of its claims (a report does not predate
   what it reports).
2. The article is extracted again with a stand-in publication date, ``resolution_base``: that
   earliest date plus ``LOOKAHEAD_DAYS``. The extractor reads a weekday as the last such day on
   or before the publication date, so each weekday lands on its first occurrence on or after
   the earliest date: a report of a battle that ended on Friday 26 July, saying the rebels
   "announced on Thursday" their toll, means Thursday 1 August, not Thursday 25 July, which
   was before the fighting ended. Year-less dates take the event's year.
3. It is extracted a second time with the stand-in one day later (``claim_dates``): a claim
   whose date moves by exactly that day had no date of its own (the extractor fell back to the
   publication date), and it takes the earliest date instead of the invented stand-in. Dates
   the text states do not move (a weekday moves by a week or not at all).
4. ``redate_claims`` writes those dates into the events' claims (claims keep their ids). The
   pipeline reconciles the events after this step (claim dates order the timeline and decide
   revisions), so a redated event is reconciled once, with its final claims.

The article record itself stays undated: its date is inferred, not reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from fogofwar.link.similarity import shift_days
from fogofwar.model import Claim, Event, Extraction

# A weekday of an undated report resolves to its first occurrence within this many days after
# the earliest date the report can have: the extractor looks back at most 6 days.
LOOKAHEAD_DAYS = 6


def resolution_base(earliest: date, *, shift: int = 0) -> date:
    """The stand-in publication date an undated article is re-extracted with (module docstring)."""
    return shift_days(earliest, LOOKAHEAD_DAYS + shift)


def claim_dates(
    first: Sequence[Extraction], second: Sequence[Extraction], earliest: Mapping[str, date]
) -> dict[str, date]:
    """Claim id -> date, from two extractions of the same undated articles.

    ``first`` used ``resolution_base(earliest)``, ``second`` the same one day later. A claim
    whose date moved by exactly one day had none of its own and takes its article's earliest
    date; otherwise it keeps the date of ``first``. Claims without a date in ``first`` and
    articles missing from ``earliest`` are left out.
    """
    later = {c.id: c.claim_date for x in second for c in x.claims}
    found: dict[str, date] = {}
    for extraction in first:
        if extraction.article_id not in earliest:
            continue
        for claim in extraction.claims:
            if claim.claim_date is None:
                continue
            moved = later.get(claim.id)
            if moved is not None and moved - claim.claim_date == timedelta(days=1):
                found[claim.id] = earliest[extraction.article_id]
            else:
                found[claim.id] = claim.claim_date
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
