"""Articles: ``GET /api/articles`` and ``/api/articles/{id}`` (JSON); the article page ``/articles/{id}``
with its evidence marked."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from fogofwar.api import schemas
from fogofwar.api.deps import EventsDep
from fogofwar.api.queries import NoControl, printable_query
from fogofwar.api.services import find_article
from fogofwar.api.views import Limit, Offset, article_block, event_row, render
from fogofwar.model import Article
from fogofwar.present import article_dict
from fogofwar.store import queries

router = APIRouter(responses={400: {"model": schemas.Problem}})


def article_out(article: Article, *, with_text: bool = False) -> schemas.ArticleOut:
    """An article as the API returns it (without its text unless ``with_text``)."""
    return schemas.ArticleOut.model_validate(article_dict(article, with_text=with_text))


@router.get("/api/articles", response_model=schemas.ArticleList, summary="List articles (without their text)")
async def list_articles(
    store: EventsDep,
    source: Annotated[str | None, printable_query("outlet, exact (ignoring case)")] = None,
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
    "/api/articles/{article_id}",
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


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
async def show_article(request: Request, article_id: str, store: EventsDep) -> Response:
    article = find_article(store, article_id)
    if article.id != article_id:
        return RedirectResponse(f"/articles/{quote(article.id)}", status_code=status.HTTP_303_SEE_OTHER)
    claims = store.claims(article.id)
    event_ids = queries.event_ids_by_article(store, [article.id])[article.id]
    events = [event_row(e) for i in event_ids if (e := queries.corrected_event(store, i)) is not None]
    return render(
        request,
        "article.html",
        {
            "block": article_block(article, claims),
            "claims": claims,
            "rejected_ids": {r.claim.id for r in queries.rejected_claims(store, article_id=article.id)},
            "events": events,
        },
    )
