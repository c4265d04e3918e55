"""What the page templates show, computed from records: table rows, article segments, form choices;
and how a page or a ready JSON body becomes a response.

Everything returned is plain data (strings, numbers, lists, records); templates escape it all.
The words and numbers themselves (dates, places, figures, outlets) are :mod:`fogofwar.present`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response

from fogofwar.api.charts import claim_charts, event_class
from fogofwar.api.highlight import Segment, segments
from fogofwar.api.services import event_mentions, event_trail, rejected
from fogofwar.corrections import ACTOR_ROLES, Correction, event_types
from fogofwar.model import ACTOR_KINDS, Article, Claim, Event
from fogofwar.present import (
    date_precision_text,
    figure_sign,
    format_actors,
    format_dates,
    format_killed,
    format_place,
    outlet_label,
    place_precision_text,
    safe_url,
)
from fogofwar.reconcile import timeline
from fogofwar.store import Store, queries

# How many other events the merge form offers (the nearest in time).
MERGE_CHOICES = 40
# An actor's part in an event, in words (fogofwar.corrections.ACTOR_ROLES).
ROLE_TEXT = {"side_a": "side A (initiator)", "side_b": "side B (target)", "claimant": "a claimant"}

# Paging of the JSON lists.
Limit = Annotated[int, Query(ge=1, le=1000, description="at most this many")]
Offset = Annotated[int, Query(ge=0, le=2**62, description="skip this many first")]


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    """Render template ``name`` (autoescaped) with ``context``."""
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def json_response(body: str, *, status_code: int = 200) -> Response:
    """A JSON body already serialised (stored records are kept as their to_dict() JSON)."""
    return Response(body, status_code=status_code, media_type="application/json")


def event_row(event: Event) -> dict[str, Any]:
    """One line of the event table."""
    return {
        "id": event.id,
        "type": event.event_type,
        "sub_type": event.sub_event_type,
        "css": event_class(event.event_type),
        "dates": format_dates(event),
        "date_precision": event.date_precision,
        "date_precision_text": date_precision_text(event.date_precision) if event.start else "",
        "place": format_place(event.place),
        "place_precision": event.place.precision if event.place else None,
        "place_precision_text": place_precision_text(event.place.precision) if event.place else "",
        "updated": event.last_updated,
        "actors": format_actors(event),
        "killed": format_killed(event),
        "claims": len(event.claims),
        "sources": event.sources,
    }


@dataclass(frozen=True)
class ArticleBlock:
    """An article shown with its evidence marked."""

    article: Article
    url: str | None
    segments: list[Segment]


def article_block(article: Article, claims: Sequence[Claim]) -> ArticleBlock:
    """``article`` cut into segments at the evidence spans of ``claims`` taken from it."""
    spans = [
        (c.id, c.evidence.start, c.evidence.end)
        for c in claims
        if c.article_id == article.id and c.part == "text"
    ]
    return ArticleBlock(article, safe_url(article.url), segments(article.text, spans))


def describe_correction(c: Correction) -> str:
    """What a correction does, in a few words."""
    if c.kind == "reject_claim":
        return f"claim {c.claim_id} marked wrong"
    if c.kind == "set_place" and c.place is not None:
        where = format_place(c.place)
        if c.place.lat is not None and c.place.lon is not None:
            where += f" ({c.place.lat:.3f}, {c.place.lon:.3f})"
        return f"event {c.event_id} placed at {where}"
    if c.kind == "merge":
        return f"{', '.join(c.event_ids)} merged into {c.event_id}"
    if c.kind == "split":
        moved = [*(f"mention {m}" for m in c.mention_ids), *(f"article {a}" for a in c.article_ids)]
        return f"{', '.join(moved)} split off {c.event_id}"
    if c.kind == "revert":
        return f"correction #{c.reverts} withdrawn"
    if c.kind == "set_actor":
        return f"{c.actor} is {ROLE_TEXT.get(c.role or '', c.role)} in event {c.event_id}"
    if c.kind == "set_type":
        return f"event {c.event_id} is {c.event_type} · {c.sub_event_type}"
    if c.kind == "set_dates":
        span = f"{c.start} to {c.end}" if c.end and c.end != c.start else f"{c.start}"
        return f"event {c.event_id} dated {span}"
    if c.kind == "set_victims":
        return f"claim {c.claim_id} is about {c.victims}"
    if c.kind == "set_claimant":
        kind = f" ({c.claimant_kind})" if c.claimant_kind else ""
        return f"claim {c.claim_id} was made by {c.claimant}{kind}"
    return c.kind


def event_page(store: Store, event: Event) -> dict[str, Any]:
    """Everything the event page shows."""
    marked = rejected(store, event)
    rejected_by = {r.claim.id: r.correction_id for r in marked}
    claims = timeline([*event.claims, *(r.claim for r in marked)])
    articles = {a.id: a for a in store.articles(list(event.article_ids))}
    trail = event_trail(store, event)
    return {
        "event": event,
        "row": event_row(event),
        "place": event.place,
        "reconciled": event.reconciled,
        "charts": claim_charts(event.claims),
        "claims": [_claim_row(c, articles.get(c.article_id), rejected_by) for c in claims],
        "live_claims": timeline(event.claims),
        "rejected_ids": set(rejected_by),
        "articles": [article_block(articles[i], claims) for i in event.article_ids if i in articles],
        "mentions": [(m, articles.get(m.article_id)) for m in event_mentions(store, event)],
        "trail": [(c, note, describe_correction(c)) for c, note in trail],
        "revertible": [c for c, note in trail if note == "applied" and c.kind != "revert"],
        "merge_choices": [event_row(e) for e in queries.nearest_events(store, event, limit=MERGE_CHOICES)],
        "event_types": {t: sorted(subs) for t, subs in sorted(event_types().items())},
        "roles": [(r, ROLE_TEXT.get(r, r)) for r in ACTOR_ROLES],
        "actor_kinds": ACTOR_KINDS,
        "merged_from": queries.merged_from(store, event.id),
        "split_from": queries.split_from(store, event.id),
        "split_off": queries.split_off(store, event.id),
    }


def _claim_row(claim: Claim, article: Article | None, rejected_by: dict[str, int | None]) -> dict[str, Any]:
    return {
        "claim": claim,
        "figure": figure_sign(claim),
        "source": (outlet_label(article) if article else "") or claim.article_id,
        "rejected_by": rejected_by.get(claim.id, 0) if claim.id in rejected_by else None,
    }
