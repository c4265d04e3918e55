"""The events as files: ``GET /api/export?format=`` (ACLED, UCDP, GeoJSON, Parquet, JSON Lines; the
same function as ``fogofwar export``) and the written situation report ``/report``."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from fogofwar.api import schemas
from fogofwar.api.deps import EventsDep
from fogofwar.api.queries import EventFilters
from fogofwar.errors import message
from fogofwar.export import FORMATS, export
from fogofwar.model import Article, Event
from fogofwar.report import write_report
from fogofwar.store import Store, queries

router = APIRouter(responses={400: {"model": schemas.Problem}})

# The report is a standalone page with its own inline styles; its CSP lets those through.
REPORT_CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
)


def cited_articles(store: Store, events: list[Event]) -> list[Article]:
    """The stored articles ``events`` cite, each once."""
    return store.articles(list(dict.fromkeys(a for e in events for a in e.article_ids)))


@router.get(
    "/api/export",
    summary="Export events (corrections applied) as ACLED, UCDP, GeoJSON, Parquet or JSON Lines",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}, "description": "the export file"}},
)
async def export_events(
    store: EventsDep,
    filters: Annotated[EventFilters, Query()],
    fmt: Annotated[str, Query(alias="format", max_length=40, description="export format")] = "jsonl",
) -> Response:
    """The filtered events in one export format (the same function as `fogofwar export`)."""
    if fmt not in FORMATS:
        detail = message("E020", format=fmt, choices=", ".join(FORMATS))
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=detail)
    events = queries.select_events(store, filters.to_query())
    body = export(fmt, events, cited_articles(store, events))
    headers = {"Content-Disposition": f'attachment; filename="fogofwar-events{FORMATS[fmt].extension}"'}
    return Response(content=body, media_type=FORMATS[fmt].media_type, headers=headers)


@router.get("/report", response_class=HTMLResponse, include_in_schema=False)
async def report(request: Request, store: EventsDep) -> Response:
    """The written report of :mod:`fogofwar.report`: HTML, or Markdown with ``fmt=md``."""
    country = (request.query_params.get("country") or "").strip() or None
    fmt = "md" if request.query_params.get("fmt") == "md" else "html"
    try:
        since = (
            date.fromisoformat(request.query_params["since"]) if request.query_params.get("since") else None
        )
    except ValueError as e:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail="since must be a date: YYYY-MM-DD") from e
    events = queries.select_events(store, queries.EventQuery())
    text = write_report(events, cited_articles(store, events), country=country, since=since, fmt=fmt)
    if fmt == "md":
        return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
    return HTMLResponse(text, headers={"Content-Security-Policy": REPORT_CSP})
