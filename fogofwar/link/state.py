"""An event while linking (``EventState``): its description so far, what joined it, and the
dates it is compared by.

``EventState.from_event`` reads back an event of an earlier run; cluster.py widens a state as
mention groups join it, and build.py turns a changed state into its Event record.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from fogofwar.link.params import coarse_type
from fogofwar.link.sides import side_pairs
from fogofwar.link.similarity import DateRange, Dates, date_range, shift_days
from fogofwar.model import ActorRole, Claim, DatePrecision, Event, Place, PlacePrecision

if TYPE_CHECKING:
    from fogofwar.link.text import ArticleVectors  # (numpy, scikit-learn: not needed to build events)

# Words telling that someone died (tolls_told); not "murder", which also names attempts.
_DEATH_WORDS = re.compile(
    r"\b(?:killed|killing|dead|died|dies|death|deadly|fatal|fatally|slain|deceased|succumbed)\b",
    re.IGNORECASE,
)


@dataclass
class EventState:
    """An event while linking: its description so far and what joined it in this call."""

    id: str
    event_type: str
    sub_event_type: str
    evidence: Dates = field(default_factory=Dates)
    place: Place | None = None
    place_stated: bool = False
    place_named: bool = False  # as MentionGroup.place_named, for ``place``
    region_named: bool = False  # as MentionGroup.region_named; an earlier run's is not kept
    actors: list[ActorRole] = field(default_factory=list)  # union by (name, role), for matching
    # One entry per mention naming an actor (sides.side_actors picks each actor's side).
    roles: list[ActorRole] = field(default_factory=list)
    # Who its mentions put on opposite sides, two by two (sides.side_pairs, summed).
    pairs: Counter[frozenset[str]] = field(default_factory=Counter)
    # One (place, stated) per mention group that joined (groups.vote_place picks the event's).
    places: list[tuple[Place, bool]] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # its articles' rows in ArticleVectors
    norm2: float = 0.0  # squared norm of the sum of those rows
    reported: tuple[date, date] | None = None  # min / max reference date of its articles
    base: Event | None = None
    changed: bool = False
    # This call's articles -> the founder mention id of the first of their groups to join, in
    # linking order (news before history, then text order): what the event's id is made from
    # when one of them is its earliest report (cluster.stable_id).
    firsts: dict[str, str] = field(default_factory=dict)
    # Whether one of its reports tells of dead / tells of no dead (``tolls_conflict``).
    dead: bool = False
    no_dead: bool = False
    # Localities its reports name (localities.mention_localities); an earlier run's are not kept.
    localities: set[str] = field(default_factory=set)

    @classmethod
    def from_event(cls, event: Event, vectors: ArticleVectors) -> EventState:
        """The state of an event linked in an earlier run."""
        rows = [r for i in dict.fromkeys(event.article_ids) if (r := vectors.row(i)) is not None]
        # An Event record does not say whether its place was stated; a town or region is taken as
        # stated (and named), a country as inherited (it never decides alone).
        stated = event.place is not None and event.place.precision <= PlacePrecision.REGION
        return cls(
            id=event.id,
            event_type=event.event_type,
            sub_event_type=event.sub_event_type,
            evidence=Dates(stated=date_range(event.start, event.end, event.date_precision)),
            place=event.place,
            place_stated=stated,
            place_named=stated,
            actors=list(event.actors),
            # An earlier run's mention counts are not kept: its sides count once each.
            roles=list(event.actors),
            pairs=side_pairs(event.actors),
            places=[(event.place, stated)] if event.place is not None else [],
            mention_ids=list(event.mention_ids),
            article_ids=list(event.article_ids),
            claims=list(event.claims),
            rows=rows,
            norm2=vectors.norm2(rows),
            reported=_span_of(event.first_reported, event.last_updated),
            base=event,
            dead=tolls_told(event.claims)[0],
            no_dead=any(
                tolls_told([c for c in event.claims if c.article_id == i])[1] for i in set(event.article_ids)
            ),
        )

    @property
    def group(self) -> str:
        return coarse_type(self.event_type)

    @property
    def dates(self) -> DateRange | None:
        """The event's range: its stated dates narrowed, else its inherited ones."""
        return self.evidence.best

    def match_dates(self, background_days: int) -> DateRange | None:
        """The dates the event is compared by: its own, else the time before it was reported."""
        if self.dates is not None or self.reported is None:
            return self.dates
        return report_window(self.reported[0], self.reported[1], background_days)


def _span_of(first: date | None, last: date | None) -> tuple[date, date] | None:
    if first is None and last is None:
        return None
    return (first or last, last or first)  # type: ignore[return-value]


def report_window(first: date, last: date, background_days: int) -> DateRange:
    """When an undated mention in a report of ``first``..``last`` may have happened: up to
    ``background_days`` before (older events are background), as a month-precise range."""
    return DateRange(shift_days(first, -background_days), last, DatePrecision.MONTH)


def tolls_told(claims: Sequence[Claim], sentences: Sequence[str] = ()) -> tuple[bool, bool]:
    """Whether claims (one report's, of one incident) tell of dead, and whether they tell of no
    dead: of wounded and of no dead (nor of undivided casualties), or outright of none ("No
    casualties reported": a toll of 0). Denials tell nothing. A report whose ``sentences`` (its
    mentions' of the incident) tell of a death (``_DEATH_WORDS``: "fatally shot", "left a
    14-year-old dead") does not tell of no dead, even when the extractor read no count of dead
    from it."""
    told = [c for c in claims if c.stance != "denies"]
    harmed = {c.outcome for c in told if not _none(c)}
    dead = "killed" in harmed
    no_dead = not harmed & {"killed", "casualties"} and (
        "injured" in harmed or any(_none(c) and c.outcome in ("killed", "casualties") for c in told)
    )
    if no_dead and any(_DEATH_WORDS.search(text) for text in sentences):
        no_dead = False
    return dead, no_dead


def _none(claim: Claim) -> bool:
    """Whether a claim counts nobody ("No casualties reported", "killing none")."""
    return claim.figure == 0 and not claim.high


__all__ = ["EventState", "report_window", "tolls_told"]
