"""The JSON API under /api: events, articles, search, export and corrections.

Reads are open; the one write (POST /api/corrections) needs ``Authorization: Bearer <token>``
with the FOGOFWAR_TOKEN the server started with, and is refused (403) when none was set.
"""

from __future__ import annotations

import importlib
import logging
import mimetypes
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status

from fogofwar.api import schemas
from fogofwar.api.deps import CorrectedDep, SettingsDep, StoreDep, require_token
from fogofwar.api.highlight import snippet
from fogofwar.api.queries import EventFilters, filter_events
from fogofwar.api.services import (
    add_correction,
    event_mentions,
    event_trail,
    find_article,
    find_event,
    merged_from,
    rejected_claims,
)
from fogofwar.corrections import Correction
from fogofwar.errors import message
from fogofwar.model import Article
from fogofwar.output import article_dict
from fogofwar.store.corrections import read_events

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", responses={400: {"model": schemas.Problem}})

Limit = Annotated[int, Query(ge=1, le=1000, description="at most this many")]
Offset = Annotated[int, Query(ge=0, description="skip this many first")]


def correction_out(correction: Correction, note: str) -> schemas.CorrectionOut:
    """The audit-trail entry of a stored correction."""
    return schemas.CorrectionOut.model_validate({**correction.to_dict(), "status": note})


def article_out(article: Article, *, with_text: bool = False) -> schemas.ArticleOut:
    return schemas.ArticleOut.model_validate(article_dict(article, with_text=with_text))


@router.get("/events", response_model=schemas.EventList, summary="List events (corrections applied)")
async def list_events(
    corrected: CorrectedDep,
    filters: Annotated[EventFilters, Query()],
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Events by start date, filtered; each with its claims and reconciled figures.

    Example: `GET /api/events?country=ML&since=2024-07-01&min_killed=50`
    """
    events = filter_events(corrected.events, filters)
    page = events[offset : offset + limit]
    return {"total": len(events), "limit": limit, "offset": offset, "events": [e.to_dict() for e in page]}


@router.get(
    "/events/{event_id}",
    response_model=schemas.EventDetail,
    summary="One event with its claims, evidence, articles and corrections",
    responses={404: {"model": schemas.Problem}},
)
async def get_event(event_id: str, corrected: CorrectedDep, store: StoreDep) -> Any:
    """The event `event_id` (or a unique prefix; an id merged into another event gives that event).

    Each claim's `evidence` holds character offsets into its article's `text`.
    """
    event = find_event(corrected, event_id)
    articles = store.articles(list(event.article_ids))
    split_from = corrected.split_from.get(event.id)
    return {
        "event": event.to_dict(),
        "articles": [article_dict(a, with_text=True) for a in articles],
        "mentions": [m.to_dict() for m in event_mentions(store, event)],
        "rejected_claims": [c.to_dict() for c in rejected_claims(corrected, event)],
        "corrections": [correction_out(c, note) for c, note in event_trail(corrected, event)],
        "merged_from": merged_from(corrected, event.id),
        "split_from": split_from,
    }


@router.get("/articles", response_model=schemas.ArticleList, summary="List articles")
async def list_articles(
    store: StoreDep,
    source: Annotated[str | None, Query(max_length=200, description="outlet, exact (ignoring case)")] = None,
    with_text: Annotated[bool, Query(description="include each article's text")] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Stored articles, in the order they were stored."""
    articles = store.articles()
    if source:
        articles = [a for a in articles if (a.source or "").casefold() == source.casefold()]
    page = articles[offset : offset + limit]
    return {
        "total": len(articles),
        "limit": limit,
        "offset": offset,
        "articles": [article_out(a, with_text=with_text) for a in page],
    }


@router.get(
    "/articles/{article_id}",
    response_model=schemas.ArticleDetail,
    summary="One article with its text, mentions, claims and events",
    responses={404: {"model": schemas.Problem}},
)
async def get_article(article_id: str, store: StoreDep, corrected: CorrectedDep) -> Any:
    article = find_article(store, article_id)
    events = [e.id for e in corrected.events if article.id in e.article_ids]
    claims = store.claims(article.id)
    return {
        "article": article_out(article, with_text=True),
        "mentions": [m.to_dict() for m in store.mentions(article.id)],
        "claims": [c.to_dict() for c in claims],
        "rejected_claim_ids": [c.id for c in claims if c.id in corrected.rejected],
        "event_ids": events,
    }


@router.get("/search", response_model=schemas.SearchResults, summary="Full-text search of articles")
async def search(
    store: StoreDep,
    corrected: CorrectedDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words that must all appear")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> Any:
    """Articles whose title or text hold every word of `q` (SQLite FTS5), best match first.

    Example: `GET /api/search?q=wagner+tinzaouaten`
    """
    hits = []
    for article in store.search(q, limit=limit):
        text, _ = snippet(article.text, q)
        events = [e.id for e in corrected.events if article.id in e.article_ids]
        hits.append({"article": article_out(article), "snippet": text, "event_ids": events})
    return {"query": q, "hits": hits}


@router.get(
    "/export",
    summary="Export events (corrections applied) as ACLED, UCDP, GeoJSON, Parquet or JSON Lines",
    response_class=Response,
    responses={
        200: {"content": {"application/octet-stream": {}}, "description": "the export file"},
        501: {"model": schemas.Problem, "description": "exporters not in this build"},
    },
)
async def export(
    store: StoreDep,
    corrected: CorrectedDep,
    filters: Annotated[EventFilters, Query()],
    fmt: Annotated[str, Query(alias="format", max_length=40, description="export format")] = "jsonl",
) -> Response:
    """The filtered events in one export format (the same function as `fogofwar export`)."""
    module = _export_module()
    formats = module.FORMATS
    if fmt not in formats:
        detail = message("E020", format=fmt, choices=", ".join(formats))
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=detail)
    events = filter_events(corrected.events, filters)
    article_ids = list(dict.fromkeys(a for e in events for a in e.article_ids))
    body = module.export(fmt, events, store.articles(article_ids))
    media_type = _media_type(module, fmt)
    extension = getattr(formats[fmt], "extension", None) or mimetypes.guess_extension(
        media_type.split(";")[0]
    )
    filename = f"fogofwar-events{extension or '.' + fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(content=body, media_type=media_type, headers=headers)


def _export_module() -> Any:
    """fogofwar.export, imported when first asked for; 501 while it has no `export`/`FORMATS`."""
    try:
        module = importlib.import_module("fogofwar.export")
    except ImportError as e:
        raise HTTPException(
            status.HTTP_501_NOT_IMPLEMENTED, detail=message("E073", feature="export", detail=str(e))
        ) from e
    if not callable(getattr(module, "export", None)) or getattr(module, "FORMATS", None) is None:
        detail = message("E073", feature="export", detail="fogofwar.export has no export() and FORMATS yet")
        raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail=detail)
    return module


def _media_type(module: Any, fmt: str) -> str:
    """The media type the export module gives for `fmt`: FORMATS values (a string, or an object with
    `media_type`), else a MEDIA_TYPES table, else a generic one."""
    formats = module.FORMATS
    entry = formats.get(fmt) if isinstance(formats, Mapping) else None
    if isinstance(entry, str) and "/" in entry:
        return entry
    if isinstance(getattr(entry, "media_type", None), str):
        return entry.media_type
    table = getattr(module, "MEDIA_TYPES", None)
    if isinstance(table, Mapping) and isinstance(table.get(fmt), str):
        return table[fmt]
    return "application/octet-stream"


@router.get("/corrections", response_model=list[schemas.CorrectionOut], summary="The corrections audit trail")
async def list_corrections(
    corrected: CorrectedDep,
    event_id: Annotated[
        str | None, Query(max_length=64, description="only those concerning this event")
    ] = None,
) -> Any:
    """Every correction, oldest first, with what it does now: applied, reverted, or skipped and why."""
    trail = corrected.trail() if event_id is None else event_trail(corrected, find_event(corrected, event_id))
    return [correction_out(c, note) for c, note in trail]


@router.post(
    "/corrections",
    response_model=schemas.CorrectionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Correct an event: mark a claim wrong, move an event, merge or split events, or revert",
    dependencies=[Depends(require_token)],
    responses={
        401: {"model": schemas.Problem, "description": "missing or wrong token"},
        403: {"model": schemas.Problem, "description": "writes are disabled (no FOGOFWAR_TOKEN)"},
        404: {"model": schemas.Problem, "description": "a target does not exist"},
    },
)
async def post_correction(
    body: schemas.CorrectionIn, store: StoreDep, corrected: CorrectedDep, settings: SettingsDep
) -> Any:
    """Append a correction to the audit trail. Extracted records are never changed: the correction
    overrides them wherever events are shown or exported, and survives re-running the pipeline.

    Needs `Authorization: Bearer <token>`. Example body:
    `{"kind": "reject_claim", "claim_id": "8218cc7353349f36", "author": "ana", "reason": "misread"}`
    """
    stored = add_correction(store, corrected, schemas.correction_record(body))
    after = read_events(store, rule=settings.reconcile_rule)
    note = next((n for c, n in after.trail() if c.id == stored.id), "applied")
    return correction_out(stored, note)
