"""Full-text search of the articles: ``GET /api/search`` (JSON) and the search page ``/search``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from fogofwar.api import schemas
from fogofwar.api.articles import article_out
from fogofwar.api.deps import EventsDep
from fogofwar.api.highlight import segments, snippet
from fogofwar.api.views import render
from fogofwar.store import queries

router = APIRouter(responses={400: {"model": schemas.Problem}})


@router.get("/api/search", response_model=schemas.SearchResults, summary="Full-text search of articles")
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


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
async def search_page(request: Request, store: EventsDep) -> HTMLResponse:
    # Control characters (NUL ...) are never words: they are dropped, not sent to FTS5.
    q = queries.CONTROL.sub(" ", request.query_params.get("q") or "").strip()[:500]
    found = store.search(q, limit=50) if q else []
    events = queries.event_ids_by_article(store, [a.id for a in found])
    hits = []
    for article in found:
        text, spans = snippet(article.text, q)
        hits.append({"article": article, "segments": segments(text, spans), "events": events[article.id]})
    return render(request, "search.html", {"q": q, "hits": hits})
