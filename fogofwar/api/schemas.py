"""The HTTP contract: input and output models, kept apart from the stored records.

Output models mirror the records' ``to_dict()`` field for field (tests/test_api_schemas.py checks
that), so the JSON the API returns is the JSON the CLI prints and the exports read. Input models
are stricter than the records: bounded strings, ids of a known shape, and one model per kind of
correction, told apart by ``kind``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fogofwar.corrections import Correction
from fogofwar.model import Place

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
    text: str | None = None


class CorrectionOut(BaseModel):
    """One entry of the audit trail, with what it does now (applied, reverted, or skipped and why)."""

    id: int
    at: str = Field(description="when it was made, ISO 8601 UTC")
    kind: str
    author: str
    reason: str
    event_id: str | None = None
    claim_id: str | None = None
    place: PlaceOut | None = None
    event_ids: list[str] = []
    mention_ids: list[str] = []
    article_ids: list[str] = []
    reverts: int | None = None
    status: str = Field(description='"applied", "reverted by N" or "skipped: why"')


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


CorrectionIn = Annotated[
    RejectClaimIn | SetPlaceIn | MergeIn | SplitIn | RevertIn, Field(discriminator="kind")
]


def correction_record(body: RejectClaimIn | SetPlaceIn | MergeIn | SplitIn | RevertIn) -> Correction:
    """The Correction record a validated request asks for (ids as given; the route resolves them)."""
    fields = body.model_dump(exclude={"place"})
    if isinstance(body, SetPlaceIn):
        fields["place"] = body.place.to_place()
    for name in ("event_ids", "mention_ids", "article_ids"):
        if name in fields:
            fields[name] = tuple(fields[name])
    return Correction(**fields)
