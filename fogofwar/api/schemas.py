"""The HTTP contract: input and output models, kept apart from the stored records.

Output models mirror the records' ``to_dict()`` field for field (tests/test_api_schemas.py checks
that), so the JSON the API returns is the JSON the CLI prints and the exports read. Input models
are stricter than the records: bounded strings, ids of a known shape, and one model per kind of
correction, told apart by ``kind``.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from fogofwar.corrections import ACTOR_ROLES, Correction
from fogofwar.model import ACTOR_KINDS, DATE_PRECISIONS, Place

# Record ids are 16 hex digits; a shorter unique prefix is accepted and resolved.
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_-]+$")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
MAX_IDS = 100
# The largest id a stored correction can have (SQLite's INTEGER); past it, 422 rather than a lookup.
SQLITE_MAX_INT = 2**63 - 1


# -- output: records -----------------------------------------------------------------------


class SpanOut(BaseModel):
    """Character offsets into the article text, and the text they cover."""

    start: int
    end: int
    text: str


class PlaceOut(BaseModel):
    name: str
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    geonames_id: int | None = None
    feature: str = "populated_place"
    precision: int = Field(1, description="1 town, 2 district or near a town, 3 region, 4 country")


class ActorOut(BaseModel):
    name: str
    aliases: list[str] = []
    kind: str = "unknown"
    inter: int | None = None
    country: str | None = None


class ActorRoleOut(BaseModel):
    actor: ActorOut
    role: str


class ClaimOut(BaseModel):
    """One party's figure about one victim group and outcome, with its evidence in the article."""

    id: str
    article_id: str
    claimant: str
    victims: str
    outcome: str
    evidence: SpanOut
    mention_id: str | None = None
    stance: str
    claim_date: date | None = None
    figure: int | None = None
    low: int | None = None
    high: int | None = None
    qualifier: str
    claimant_kind: str
    confidence: float
    part: str = "text"
    claimant_words: str | None = None


class ReconciledOut(BaseModel):
    victims: str
    outcome: str
    low: int | None
    best: int | None
    high: int | None
    claim_ids: list[str] = []
    rule: str
    contradiction: bool
    claimants: list[str] = []
    adversary: bool = False
    apart: list[str] = []
    beside: bool = False


class TotalOut(BaseModel):
    """An event's total for one outcome (``fogofwar.reconcile.event_totals``)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    # Victim groups whose identity is contested (rival accounts of the same dead, not added).
    contested: list[str] = []


class EventOut(BaseModel):
    """An event as displayed and exported: the extracted event with every correction applied."""

    id: str
    event_type: str
    sub_event_type: str
    start: date | None = None
    end: date | None = None
    date_precision: int
    place: PlaceOut | None = None
    actors: list[ActorRoleOut] = []
    mention_ids: list[str] = []
    article_ids: list[str] = []
    claims: list[ClaimOut] = []
    reconciled: list[ReconciledOut] = []
    first_reported: date | None = None
    last_updated: date | None = None
    sources: int
    contested: list[str] = []
    killed: TotalOut | None = None
    injured: TotalOut | None = None
    captured: TotalOut | None = None


class MentionOut(BaseModel):
    id: str
    article_id: str
    sentence: SpanOut
    trigger: str
    event_type: str
    sub_event_type: str
    date_start: date | None = None
    date_end: date | None = None
    date_precision: int
    place: PlaceOut | None = None
    actors: list[ActorRoleOut] = []
    background: bool
    part: str = "text"


class ArticleOut(BaseModel):
    """An article; ``text`` is present where the endpoint says so."""

    id: str
    title: str | None = None
    source: str | None = None
    agency: str | None = None
    url: str | None = None
    published: date | None = None
    dateline_place: str | None = None
    dateline_date: date | None = None
    language: str
    origin: str | None = None
    duplicate_of: str | None = None
    dateline_start: int | None = Field(default=None, description="where the dateline starts in text")
    dateline_end: int | None = Field(default=None, description="where the dateline ends in text")
    text: str | None = None


def _correction_out_fields() -> dict[str, Any]:
    """CorrectionOut's fields: the stored record's (:class:`fogofwar.corrections.Correction`, read,
    never redefined here) in its order, ``id`` and ``at`` first, tuples as lists, the place as
    PlaceOut; then ``status``."""
    hints = get_type_hints(Correction)
    fields: dict[str, Any] = {
        "id": (int, ...),
        "at": (str, Field(description="when it was made, ISO 8601 UTC")),
    }
    for f in dataclasses.fields(Correction):
        if f.name in fields:
            continue
        annotation, default = hints[f.name], f.default
        if f.name == "place":
            annotation = PlaceOut | None
        elif get_origin(annotation) is tuple:
            annotation, default = list[get_args(annotation)[0]], []
        fields[f.name] = (annotation, ... if default is dataclasses.MISSING else default)
    fields["status"] = (str, Field(description='"applied", "reverted by N" or "skipped: why"'))
    return fields


CorrectionOut = create_model(
    "CorrectionOut",
    __doc__="One entry of the audit trail, with what it does now (applied, reverted, or skipped and why).",
    **_correction_out_fields(),
)


# -- output: responses ---------------------------------------------------------------------


class EventList(BaseModel):
    total: int = Field(description="events matching the filters, before limit and offset")
    limit: int
    offset: int
    events: list[EventOut]


class EventDetail(BaseModel):
    """One event with its claims (each with its evidence span), mentions, articles and corrections."""

    event: EventOut
    articles: list[ArticleOut] = Field(description="the event's articles, with text")
    mentions: list[MentionOut]
    rejected_claims: list[ClaimOut] = Field(description="claims an analyst marked wrong (kept, not counted)")
    corrections: list[CorrectionOut]
    merged_from: list[str] = Field(description="ids of events merged into this one")
    split_from: str | None = Field(None, description="the event this one was split off, if any")


class ArticleList(BaseModel):
    total: int
    limit: int
    offset: int
    articles: list[ArticleOut]


class ArticleDetail(BaseModel):
    article: ArticleOut
    mentions: list[MentionOut]
    claims: list[ClaimOut]
    rejected_claim_ids: list[str]
    event_ids: list[str]


class SearchHit(BaseModel):
    article: ArticleOut
    snippet: str = Field(description="text around the first matching word")
    event_ids: list[str]


class SearchResults(BaseModel):
    query: str
    hits: list[SearchHit]


class Problem(BaseModel):
    """An error: ``detail`` says what went wrong and, where it can, what to do."""

    detail: str


# -- input: corrections --------------------------------------------------------------------


class _CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    author: ShortText = Field(description="who makes the correction")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)] = Field(
        description="why"
    )


class PlaceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: ShortText
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    admin1: ShortText | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")] | None = Field(
        None, description="ISO 3166-1 alpha-2"
    )
    precision: int = Field(
        1, ge=1, le=4, description="1 town, 2 district or near a town, 3 region, 4 country"
    )

    def to_place(self) -> Place:
        return Place(
            name=self.name,
            lat=self.lat,
            lon=self.lon,
            admin1=self.admin1,
            country=self.country.upper() if self.country else None,
            precision=self.precision,
        )


class RejectClaimIn(_CorrectionIn):
    """Mark a claim wrong: it stops counting in its event's figures (it stays stored)."""

    kind: Literal["reject_claim"]
    claim_id: Id


class SetPlaceIn(_CorrectionIn):
    """Say where an event happened."""

    kind: Literal["set_place"]
    event_id: Id
    place: PlaceIn


class MergeIn(_CorrectionIn):
    """Join other events into ``event_id``: one incident reported as several."""

    kind: Literal["merge"]
    event_id: Id
    event_ids: list[Id] = Field(min_length=1, max_length=MAX_IDS)


class SplitIn(_CorrectionIn):
    """Move mentions and/or articles (with their claims) of ``event_id`` out to a new event."""

    kind: Literal["split"]
    event_id: Id
    mention_ids: list[Id] = Field([], max_length=MAX_IDS)
    article_ids: list[Id] = Field([], max_length=MAX_IDS)


class RevertIn(_CorrectionIn):
    """Withdraw an earlier correction (the trail keeps both)."""

    kind: Literal["revert"]
    reverts: int = Field(ge=1, le=SQLITE_MAX_INT, description="id of the correction withdrawn")


# A name typed by an analyst: one line (no control characters), at most 200 characters.
Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$"),
]


class SetActorIn(_CorrectionIn):
    """Say which side an actor was on in an event (an actor the event lacks is added)."""

    kind: Literal["set_actor"]
    event_id: Id
    actor: Name = Field(description="the actor's name or an alias, as the event lists it (any case)")
    role: Literal[ACTOR_ROLES] = Field(  # type: ignore[valid-type]
        description="side_a (initiator), side_b (target) or claimant"
    )


class SetTypeIn(_CorrectionIn):
    """Say what kind of event it was: an ACLED event type and one of its sub-event types."""

    kind: Literal["set_type"]
    event_id: Id
    event_type: Name = Field(description="e.g. Battles (resources/event_types.json lists them)")
    sub_event_type: Name = Field(description="e.g. Armed clash: one of the event type's")


class SetDatesIn(_CorrectionIn):
    """Say when an event happened: one day (``start``) or a range (``start`` to ``end``)."""

    kind: Literal["set_dates"]
    event_id: Id
    start: date
    end: date | None = None
    date_precision: Literal[DATE_PRECISIONS] | None = Field(  # type: ignore[valid-type]
        None, description="1 day, 2 range or week, 3 month, 4 year; default 1 for a day, 2 for a range"
    )


class SetVictimsIn(_CorrectionIn):
    """Say whom a claim's figure is about (its victim group); the event's figures are recomputed."""

    kind: Literal["set_victims"]
    claim_id: Id
    victims: Name = Field(description="a victim group: civilians, an actor's name, unknown ...")


class SetClaimantIn(_CorrectionIn):
    """Say who made a claim; the event's figures are recomputed."""

    kind: Literal["set_claimant"]
    claim_id: Id
    claimant: Name
    claimant_kind: Literal[ACTOR_KINDS] | None = None  # type: ignore[valid-type]


AnyCorrectionIn = (
    RejectClaimIn
    | SetPlaceIn
    | MergeIn
    | SplitIn
    | RevertIn
    | SetActorIn
    | SetTypeIn
    | SetDatesIn
    | SetVictimsIn
    | SetClaimantIn
)
CorrectionIn = Annotated[AnyCorrectionIn, Field(discriminator="kind")]


def correction_record(body: AnyCorrectionIn) -> Correction:
    """The Correction record a validated request asks for (ids as given; the route resolves them)."""
    fields = body.model_dump(exclude={"place"})
    if isinstance(body, SetPlaceIn):
        fields["place"] = body.place.to_place()
    for name in ("event_ids", "mention_ids", "article_ids"):
        if name in fields:
            fields[name] = tuple(fields[name])
    return Correction(**fields)
