"""The records that flow between fogofwar's stages.

This module imports nothing else from fogofwar but the name of the default reconcile rule from
``fogofwar.settings`` (itself a leaf); every other module may import it.
Each record round-trips exactly through ``to_dict()`` / ``from_dict()``; the store,
the API and the exports all use that dict (dates as ISO strings, nested records as dicts).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any, ClassVar, TypeVar

from fogofwar.settings import DEFAULT_RECONCILE_RULE

R = TypeVar("R", bound="Record")

# Vocabularies shared by every stage. Kept here (not in resources/) because they are part of
# the record contract: a value outside them is a programming error, not bad data.
OUTCOMES = (
    "killed",
    "injured",
    "captured",
    "missing",
    "abducted",
    "arrested",
    "displaced",
    "casualties",
)
STANCES = ("claims", "confirms", "denies", "admits", "reports")
# The claimant of a statement whose report names no source and has no outlet or agency.
UNATTRIBUTED = "unattributed"
# The registry actor (resources/actors.json) for armed men a report does not name: "gunmen",
# "the attackers", "militants". The claims lexicon's ``unnamed_armed_group`` is the same name.
UNNAMED_ARMED_GROUP = "Unidentified Armed Group"
QUALIFIERS = ("exact", "at_least", "at_most", "about", "vague")
ACTOR_KINDS = (
    "state_forces",
    "rebel_group",
    "pmc",
    "militia",
    "political_group",
    "civilians",
    "external",
    # A UN agency, the ICRC, MSF: they report and count the dead, and are no party to the fighting.
    "international",
    "outlet",
    "unknown",
)
# Kinds that report events and count the dead but are no party to them: claimants, never sides
# or perpetrators.
REPORTER_KINDS = frozenset({"outlet", "international"})
# Actor.allegiance of a militia that fights on its country's state forces' side.
GOVERNMENT_ALLEGIANCE = "government"


class DatePrecision(IntEnum):
    """How exactly a date is known (ACLED time_precision). Stored as its integer."""

    DAY = 1
    WEEK = 2  # a range of days or a week
    MONTH = 3
    YEAR = 4  # a year or vaguer


# A single day at WEEK precision is a day on or before which the incident happened (a report's
# own date, "Reported on 4 March"): it stands for the week up to that day, this many days back
# (link.similarity.date_range; export.acled.event_day).
UNSTATED_DAY_SPAN = 6


class PlacePrecision(IntEnum):
    """How exactly a place is known (ACLED geo_precision, extended). Stored as its integer."""

    TOWN = 1
    NEAR_TOWN = 2  # a district, or near a town
    REGION = 3  # admin1
    COUNTRY = 4


DATE_PRECISIONS = tuple(int(p) for p in DatePrecision)
PLACE_PRECISIONS = tuple(int(p) for p in PlacePrecision)


def _to_jsonable(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _to_jsonable(v) for k, v in value.items()}
    return value


class Record:
    """Mixin giving dataclass records an exact dict round trip.

    Field types are declared on each subclass in ``_nested`` (field name -> record class,
    for nested records or tuples of them) and ``_dates`` (fields holding ``date`` values).
    """

    _nested: ClassVar[dict[str, type[Record]]] = {}
    _dates: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of this record (ISO dates, nested dicts, lists for tuples)."""
        return {f.name: _to_jsonable(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        """Build a record from ``to_dict()`` output; unknown keys are ignored."""
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name not in data:
                continue
            value = data[f.name]
            if value is not None and f.name in cls._dates:
                value = date.fromisoformat(value)
            elif value is not None and f.name in cls._nested:
                sub = cls._nested[f.name]
                if isinstance(value, list):
                    value = tuple(sub.from_dict(v) if isinstance(v, dict) else v for v in value)
                else:
                    value = sub.from_dict(value)
            elif isinstance(value, list):
                value = tuple(value)
            kwargs[f.name] = value
        return cls(**kwargs)


@dataclass(frozen=True)
class Span(Record):
    """A character span into ``Article.text``: ``text == article.text[start:end]`` (a claim read
    from the headline says so with ``Claim.part == "title"``: then into ``Article.title``)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place(Record):
    """A located place. ``country`` is ISO 3166-1 alpha-2; ``precision`` as PLACE_PRECISIONS."""

    name: str
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = None
    geonames_id: int | None = None
    feature: str = "populated_place"  # populated_place, admin1, country, border, region
    precision: int = 1


@dataclass(frozen=True)
class Actor(Record):
    """An armed or political actor from the registry (or from NER when unknown)."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "unknown"
    inter: int | None = None  # ACLED inter code: 1 state forces ... 8 external forces
    country: str | None = None  # ISO alpha-2 where the actor operates or belongs
    # "government": a militia on its country's state forces' side (the VDP); None otherwise
    allegiance: str | None = None


@dataclass(frozen=True)
class ActorRole(Record):
    """An actor's part in an event mention: side_a (initiator), side_b (target), claimant."""

    actor: Actor
    role: str = "side_a"

    _nested: ClassVar[dict[str, type[Record]]] = {"actor": Actor}


@dataclass(frozen=True)
class Article(Record):
    """One news report. ``id`` is the hash of its normalised text; ``text`` never changes."""

    id: str
    text: str
    title: str | None = None
    # The outlet as the input names it: the page's site name, the feed's title, the JSON "source"
    # (or site / outlet / publisher); None when nothing names it (a text file's name is no outlet:
    # the exports show "file: NAME" from ``origin``; docs/EXPORTS.md, "Outlets of an article").
    source: str | None = None
    agency: str | None = None  # wire agency from the dateline (Reuters, AP, AFP ...)
    url: str | None = None
    published: date | None = None
    dateline_place: str | None = None
    dateline_date: date | None = None
    language: str = "en"
    origin: str | None = None  # where it was read from (path, URL, WARC record)
    duplicate_of: str | None = None
    # The wire dateline ("Bamako, July 27 (Reuters) –") as offsets into ``text``, found once by
    # ingest (``fogofwar.ingest.with_dateline``); both None when the text has none. Later stages
    # read this span and never look for a dateline themselves.
    dateline_start: int | None = None
    dateline_end: int | None = None

    _dates: ClassVar[tuple[str, ...]] = ("published", "dateline_date")

    @property
    def dateline(self) -> str | None:
        """The dateline as written (``text[dateline_start:dateline_end]``), or None."""
        if self.dateline_start is None or self.dateline_end is None:
            return None
        return self.text[self.dateline_start : self.dateline_end]

    def in_dateline(self, offset: int) -> bool:
        """Whether text offset ``offset`` lies inside the dateline span."""
        start, end = self.dateline_start, self.dateline_end
        return start is not None and end is not None and start <= offset < end

    def blank_dateline(self, start: int, end: int) -> str:
        """``text[start:end]`` with the dateline's characters in it turned to spaces: offsets
        stay, and the words that say where and when the report was filed say nothing of the
        events (the title or captions before a dateline still do)."""
        part = self.text[start:end]
        low, high = self.dateline_start, self.dateline_end
        if low is None or high is None or high <= start or low >= end:
            return part
        a, b = max(low, start) - start, min(high, end) - start
        return part[:a] + " " * (b - a) + part[b:]

    @property
    def reference_date(self) -> date | None:
        """The date relative expressions resolve against: dateline date, else publication."""
        return self.dateline_date or self.published


@dataclass(frozen=True)
class Mention(Record):
    """An event as one article tells it."""

    id: str
    article_id: str
    sentence: Span
    trigger: str
    event_type: str  # ACLED event type, e.g. "Battles"
    sub_event_type: str  # ACLED sub-event type, e.g. "Armed clash"
    date_start: date | None = None
    date_end: date | None = None
    date_precision: int = 4
    place: Place | None = None
    actors: tuple[ActorRole, ...] = ()
    background: bool = False
    part: str = "text"  # what ``sentence`` indexes: "text" (Article.text) or "title" (Article.title)

    _nested: ClassVar[dict[str, type[Record]]] = {
        "sentence": Span,
        "place": Place,
        "actors": ActorRole,
    }
    _dates: ClassVar[tuple[str, ...]] = ("date_start", "date_end")


@dataclass(frozen=True)
class Claim(Record):
    """One party's statement of a figure about one victim group and one outcome."""

    id: str
    article_id: str
    claimant: str  # canonical actor name, or the outlet/agency when unattributed
    victims: str  # canonical group: an actor name, "civilians", or "unknown"
    outcome: str  # one of OUTCOMES
    evidence: Span
    mention_id: str | None = None
    stance: str = "claims"  # one of STANCES
    claim_date: date | None = None
    figure: int | None = None  # None for vague amounts ("significant casualties")
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"  # one of QUALIFIERS
    claimant_kind: str = "unknown"  # one of ACTOR_KINDS
    confidence: float = 1.0
    # The claimant as the article names it ("Niger's defence ministry"), beside the normalised
    # ``claimant``; None when no one is named (the outlet's own statement) or not recorded.
    claimant_words: str | None = None
    part: str = "text"  # what ``evidence`` indexes: "text" (Article.text) or "title" (Article.title)
    # An undated article's statement date as written ("on Thursday"), which it cannot resolve
    # alone: the date-the-undated stage resolves it once the article joins a dated event.
    date_words: str | None = None

    _nested: ClassVar[dict[str, type[Record]]] = {"evidence": Span}
    _dates: ClassVar[tuple[str, ...]] = ("claim_date",)

    @property
    def point(self) -> int | None:
        """The claim's point figure: its figure, else the low end of its range ("between 20 and
        32"); None for a vague amount ("significant casualties")."""
        return self.figure if self.figure is not None else self.low


@dataclass(frozen=True)
class Reconciled(Record):
    """Low / best / high for one (event, victim group, outcome)."""

    victims: str
    outcome: str
    low: int | None
    best: int | None
    high: int | None
    claim_ids: tuple[str, ...] = ()
    rule: str = DEFAULT_RECONCILE_RULE
    contradiction: bool = False
    # Who gives the figures (distinct claimants, sorted) and whether every figure is an armed
    # party's claim about its enemy's losses: what event totals need to tell rival accounts of
    # one set of dead from distinct groups (``fogofwar.reconcile.event_totals``).
    claimants: tuple[str, ...] = ()
    adversary: bool = False
    # The claimants that, in one report, count these dead and also dead they call civilians or
    # leave unspecified: their own account tells the two groups apart (the army's 33 attackers
    # and 26 hostages), so the groups add up rather than being rival accounts of one set of dead.
    apart: tuple[str, ...] = ()
    # Whether a report tells these dead as more beside the others ("the two attackers were also
    # killed"): they are not among the report's unspecified dead ("five people").
    beside: bool = False
    # Whether a dataset coder's note records these dead ("Fatalities coded as 0", "split across
    # 3 events (5)": ``fogofwar.reconcile.is_recorded``): the count the coder settled on, which
    # stands for the event's dead (``fogofwar.reconcile.event_totals``).
    recorded: bool = False
    # Whether these wounded were told only as people hit ("four people were shot"): the dead
    # of the same report may be among them (``fogofwar.reconcile.is_hit``).
    hit: bool = False


@dataclass(frozen=True)
class Total(Record):
    """An event's total for one outcome (``fogofwar.reconcile.event_totals``): low / best / high,
    and the victim groups whose identity is contested (an adversary's count of dead that others
    describe as other victims: an alternative account, never added)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    contested: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event(Record):
    """One real-world incident, gathered from the mentions of one or more articles."""

    id: str
    event_type: str
    sub_event_type: str
    start: date | None = None
    end: date | None = None
    date_precision: int = 4
    place: Place | None = None
    actors: tuple[ActorRole, ...] = ()
    mention_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    reconciled: tuple[Reconciled, ...] = ()
    first_reported: date | None = None
    last_updated: date | None = None
    sources: int = 0
    contested: tuple[str, ...] = ()

    _nested: ClassVar[dict[str, type[Record]]] = {
        "place": Place,
        "actors": ActorRole,
        "claims": Claim,
        "reconciled": Reconciled,
    }
    _dates: ClassVar[tuple[str, ...]] = ("start", "end", "first_reported", "last_updated")


@dataclass(frozen=True)
class Extraction(Record):
    """Everything the extract stage found in one article.

    ``failure`` is set (``"<ExceptionType>: <message>"``, one line) when extracting the article
    raised: it then has no mentions and no claims, and the article is to be rejected.
    """

    article_id: str
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    # Why extraction failed on this article (one line), or None: a failed article is rejected
    # alone and never stored, so one bad report cannot stop a batch.
    failure: str | None = None

    _nested: ClassVar[dict[str, type[Record]]] = {"mentions": Mention, "claims": Claim}


@dataclass(frozen=True)
class Rejection(Record):
    """An input that could not be read, and why. ``input`` names it (path, URL, line)."""

    input: str
    reason: str
    code: str = "E000"


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id(text: str) -> str:
    """The stable id of an article: first 16 hex digits of sha256 of its normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def record_id(*parts: object) -> str:
    """A stable id for a derived record (mention, claim, event) from its defining parts."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


__all__ = [
    "ACTOR_KINDS",
    "DATE_PRECISIONS",
    "OUTCOMES",
    "PLACE_PRECISIONS",
    "QUALIFIERS",
    "STANCES",
    "UNATTRIBUTED",
    "Actor",
    "ActorRole",
    "Article",
    "Claim",
    "Event",
    "Extraction",
    "Mention",
    "Place",
    "Reconciled",
    "Record",
    "Rejection",
    "Span",
    "Total",
    "article_id",
    "normalise_text",
    "record_id",
]
