"""The JSON API under /api: events, articles, search, export and corrections.

Reads are open; the one write (POST /api/corrections) needs ``Authorization: Bearer <token>``
with the FOGOFWAR_TOKEN the server started with, and is refused (403) when none was set.
"""

from __future__ import annotations

import importlib
import json
import logging
import mimetypes
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from pydantic import TypeAdapter

from fogofwar.api import schemas
from fogofwar.api.deps import EventsDep, SettingsDep, require_token
from fogofwar.api.highlight import snippet
from fogofwar.api.limits import read_json
from fogofwar.api.queries import EventFilters, NoControl, Sort
from fogofwar.api.services import (
    add_correction,
    correction_note,
    event_mentions,
    event_trail,
    find_article,
    find_event,
    rejected_claims,
    trail,
)
from fogofwar.corrections import Correction
from fogofwar.errors import message
from fogofwar.model import Article
from fogofwar.present import article_dict
from fogofwar.reconcile import totals_by_outcome
from fogofwar.store import queries

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", responses={400: {"model": schemas.Problem}})

Limit = Annotated[int, Query(ge=1, le=1000, description="at most this many")]
Offset = Annotated[int, Query(ge=0, le=2**62, description="skip this many first")]
# A correction is a few hundred bytes; a body past this is refused before it is read further.
MAX_CORRECTION_BYTES = 64 * 1024
_CORRECTION = TypeAdapter(schemas.CorrectionIn)


def correction_out(correction: Correction, note: str) -> schemas.CorrectionOut:
    """The audit-trail entry of a stored correction."""
    return schemas.CorrectionOut.model_validate({**correction.to_dict(), "status": note})


def article_out(article: Article, *, with_text: bool = False) -> schemas.ArticleOut:
    return schemas.ArticleOut.model_validate(article_dict(article, with_text=with_text))


def json_response(body: str, *, status_code: int = 200) -> Response:
    """A JSON body already serialised (stored records are kept as their to_dict() JSON)."""
    return Response(body, status_code=status_code, media_type="application/json")


@router.get("/events", response_model=schemas.EventList, summary="List events (corrections applied)")
async def list_events(
    store: EventsDep,
    filters: Annotated[EventFilters, Query()],
    sort: Sort = "start",
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Events, filtered, sorted and paged in SQL; each with its claims and reconciled figures.

    `sort`: `start` (default: by start date, undated last), `killed` (highest claimed total),
    `sources` or `updated` (last report); a leading `-` reverses it.

    Example: `GET /api/events?country=ML&since=2024-07-01&min_killed=50&sort=-killed&limit=50`
    """
    query = filters.to_query(sort=sort)
    total = queries.count_events(store, query)
    page = queries.events_json(store, query, limit=limit, offset=offset)
    # The stored JSON is each record's to_dict(): sent as it is, not parsed and dumped again.
    head = json.dumps({"total": total, "limit": limit, "offset": offset})[:-1]
    return json_response(f'{head}, "events": [{",".join(page)}]}}')


@router.get(
    "/events/{event_id}",
    response_model=schemas.EventDetail,
    summary="One event with its claims, evidence, articles and corrections",
    responses={404: {"model": schemas.Problem}},
)
async def get_event(event_id: Annotated[str, NoControl], store: EventsDep) -> Any:
    """The event `event_id` (or a unique prefix; an id merged into another event gives that event).

    Each claim's `evidence` holds character offsets into its article's `text`.
    """
    event = find_event(store, event_id)
    articles = store.articles(list(event.article_ids))
    return {
        "event": {**event.to_dict(), **totals_by_outcome(event)},
        "articles": [article_dict(a, with_text=True) for a in articles],
        "mentions": [m.to_dict() for m in event_mentions(store, event)],
        "rejected_claims": [c.to_dict() for c in rejected_claims(store, event)],
        "corrections": [correction_out(c, note) for c, note in event_trail(store, event)],
        "merged_from": queries.merged_from(store, event.id),
        "split_from": queries.split_from(store, event.id),
    }


@router.get("/articles", response_model=schemas.ArticleList, summary="List articles (without their text)")
async def list_articles(
    store: EventsDep,
    source: Annotated[
        str | None,
        Query(max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$", description="outlet, exact (ignoring case)"),
    ] = None,
    with_text: Annotated[
        bool, Query(description="include each article's text (else only on /api/articles/{id})")
    ] = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Stored articles, in the order they were stored, paged in SQL; the text is not read unless asked for."""
    total, page = queries.list_articles(store, source=source, limit=limit, offset=offset, with_text=with_text)
    return {"total": total, "limit": limit, "offset": offset, "articles": page}


@router.get(
    "/articles/{article_id}",
    response_model=schemas.ArticleDetail,
    summary="One article with its text, mentions, claims and events",
    responses={404: {"model": schemas.Problem}},
)
async def get_article(article_id: Annotated[str, NoControl], store: EventsDep) -> Any:
    article = find_article(store, article_id)
    claims = store.claims(article.id)
    rejected = {r.claim.id for r in queries.rejected_claims(store, article_id=article.id)}
    return {
        "article": article_out(article, with_text=True),
        "mentions": [m.to_dict() for m in store.mentions(article.id)],
        "claims": [c.to_dict() for c in claims],
        "rejected_claim_ids": [c.id for c in claims if c.id in rejected],
        "event_ids": queries.event_ids_by_article(store, [article.id])[article.id],
    }


@router.get("/search", response_model=schemas.SearchResults, summary="Full-text search of articles")
async def search(
    store: EventsDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
            description="words that must all appear (no control characters)",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> Any:
    """Articles whose title or text hold every word of `q` (SQLite FTS5), best match first.

    Example: `GET /api/search?q=wagner+tinzaouaten`
    """
    found = store.search(q, limit=limit)
    events = queries.event_ids_by_article(store, [a.id for a in found])
    hits = []
    for article in found:
        text, _ = snippet(article.text, q)
        hits.append({"article": article_out(article), "snippet": text, "event_ids": events[article.id]})
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
    store: EventsDep,
    filters: Annotated[EventFilters, Query()],
    fmt: Annotated[str, Query(alias="format", max_length=40, description="export format")] = "jsonl",
) -> Response:
    """The filtered events in one export format (the same function as `fogofwar export`)."""
    module = _export_module()
    formats = module.FORMATS
    if fmt not in formats:
        detail = message("E020", format=fmt, choices=", ".join(formats))
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=detail)
    events = queries.select_events(store, filters.to_query())
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
    store: EventsDep,
    event_id: Annotated[
        str | None,
        Query(max_length=64, pattern=r"^[^\x00-\x1f\x7f]*$", description="only those concerning this event"),
    ] = None,
) -> Any:
    """Every correction, oldest first, with what it does now: applied, reverted, or skipped and why."""
    entries = trail(store) if event_id is None else event_trail(store, find_event(store, event_id))
    return [correction_out(c, note) for c, note in entries]


@router.post(
    "/corrections",
    response_model=schemas.CorrectionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Correct an event: mark a claim wrong, move an event, merge or split events, or revert",
    dependencies=[Depends(require_token)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CorrectionIn"}}},
        }
    },
    responses={
        401: {"model": schemas.Problem, "description": "missing or wrong token"},
        403: {"model": schemas.Problem, "description": "writes are disabled (no FOGOFWAR_TOKEN)"},
        404: {"model": schemas.Problem, "description": "a target does not exist"},
        413: {"model": schemas.Problem, "description": "body over 64 KiB"},
    },
)
async def post_correction(request: Request, store: EventsDep, settings: SettingsDep) -> Any:
    """Append a correction to the audit trail. Extracted records are never changed: the correction
    overrides them wherever events are shown or exported, and survives re-running the pipeline.

    Needs `Authorization: Bearer <token>`, checked before the body is read; a body over 64 KiB is
    refused (413) without reading the rest. Example body:
    `{"kind": "reject_claim", "claim_id": "8218cc7353349f36", "author": "ana", "reason": "misread"}`
    """
    body = await read_json(request, _CORRECTION, limit=MAX_CORRECTION_BYTES)
    stored = add_correction(store, schemas.correction_record(body), rule=settings.reconcile_rule)
    return correction_out(stored, correction_note(store, stored.id or 0))
