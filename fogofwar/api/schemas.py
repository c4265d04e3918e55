"""The HTTP contract: input and output models, kept apart from the stored records.

Output models are made from the records (:func:`record_model`: their fields, types and defaults,
read from the record classes), so the JSON the API returns is the JSON the CLI prints and the
exports read; tests/test_api_events.py checks that they mirror the records. Input models
are stricter than the records: bounded strings, ids of a known shape, and one model per kind of
correction, told apart by ``kind``.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType, UnionType
from typing import Annotated, Any, Literal, get_args, get_origin, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

from fogofwar.corrections import ACTOR_ROLES, Correction
from fogofwar.model import (
    ACTOR_KINDS,
    DATE_PRECISIONS,
    Actor,
    ActorRole,
    Article,
    Claim,
    Event,
    Mention,
    Place,
    Reconciled,
    Record,
    Span,
    Total,
)
from fogofwar.reconcile import TOTAL_OUTCOMES

# Record ids are 16 hex digits; a shorter unique prefix is accepted and resolved.
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_-]+$")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
MAX_IDS = 100
# The largest id a stored correction can have (SQLite's INTEGER); past it, 422 rather than a lookup.
SQLITE_MAX_INT = 2**63 - 1


# -- output: records -----------------------------------------------------------------------

# Each record class -> its output model, as they are made (for the records nested in others).
_OUT_MODELS: dict[Any, type[BaseModel]] = {}


def _out_type(annotation: Any) -> Any:
    """A record field's type as the API writes it: a tuple as a list, a record as its output model."""
    if get_origin(annotation) is tuple:
        return list[_out_type(get_args(annotation)[0])]  # type: ignore[misc]
    if isinstance(annotation, UnionType):
        return functools.reduce(operator.or_, map(_out_type, get_args(annotation)))
    return _OUT_MODELS.get(annotation, annotation)


def record_model(
    record: type[Record],
    doc: str | None = None,
    *,
    required: Iterable[str] = (),
    described: Mapping[str, str] = MappingProxyType({}),
    fields: Mapping[str, tuple[Any, Any]] = MappingProxyType({}),
    first: Sequence[str] = (),
    last: Sequence[str] = (),
) -> type[BaseModel]:
    """The output model of ``record`` (named after it, ``Out`` added): the record's fields, read
    from it and never redefined here, in its order, with its types and defaults (tuples as lists,
    nested records as their output models), so the JSON the API returns is the record's
    ``to_dict()``.

    doc: the model's description. required: fields every response carries, though the record
    has a default for them. described: field -> its description. fields: field -> (type,
    default or FieldInfo) where the API says otherwise, and the fields the API adds (after the
    record's). first, last: fields put before or after the others, in that order.
    """
    hints = get_type_hints(record)
    specs: dict[str, tuple[Any, Any]] = {}
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        default = ... if f.default is dataclasses.MISSING or f.name in required else f.default
        specs[f.name] = (_out_type(hints[f.name]), [] if default == () else default)
    for name, description in described.items():
        annotation, default = specs[name]
        specs[name] = (annotation, Field(default, description=description))
    specs.update(fields)
    order = [*first, *(n for n in specs if n not in first and n not in last), *last]
    model = create_model(f"{record.__name__}Out", __doc__=doc, **{n: specs[n] for n in order})  # type: ignore[call-overload]
    _OUT_MODELS[record] = model
    return model


SpanOut = record_model(Span, "Character offsets into the article text, and the text they cover.")
PlaceOut = record_model(
    Place,
    described={
        "country": "ISO 3166-1 alpha-2",
        "precision": "1 town, 2 district or near a town, 3 region, 4 country",
    },
)
ActorOut = record_model(Actor)
ActorRoleOut = record_model(ActorRole, required=("role",))
ClaimOut = record_model(
    Claim,
    "One party's figure about one victim group and outcome, with its evidence in the article.",
    required=("stance", "qualifier", "claimant_kind", "confidence"),
    last=("part", "claimant_words"),
)
ReconciledOut = record_model(Reconciled, required=("rule", "contradiction"))
# ``contested``: victim groups whose identity is contested (rival accounts of the same dead, not added).
TotalOut = record_model(Total, "An event's total for one outcome (``fogofwar.reconcile.event_totals``).")
EventOut = record_model(
    Event,
    "An event as displayed and exported: the extracted event with every correction applied.",
    required=("date_precision", "sources"),
    fields={outcome: (TotalOut | None, None) for outcome in TOTAL_OUTCOMES},
)
MentionOut = record_model(Mention, required=("date_precision", "background"))
ArticleOut = record_model(
    Article,
    "An article; ``text`` is present where the endpoint says so.",
    required=("language",),
    described={
        "dateline_start": "where the dateline starts in text",
        "dateline_end": "where the dateline ends in text",
    },
    fields={"text": (str | None, None)},
    last=("text",),
)
CorrectionOut = record_model(
    Correction,
    "One entry of the audit trail, with what it does now (applied, reverted, or skipped and why).",
    fields={
        "id": (int, ...),
        "at": (str, Field(description="when it was made, ISO 8601 UTC")),
        "status": (str, Field(description='"applied", "reverted by N" or "skipped: why"')),
    },
    first=("id", "at"),
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
