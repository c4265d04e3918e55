"""The sources page ``/sources``: each outlet with its articles and first and last report, each
claimant with its claims."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from fogofwar.api.deps import EventsDep
from fogofwar.api.views import render
from fogofwar.store import sources

router = APIRouter(include_in_schema=False)

# This many outlets and claimants, each with this many articles or claims.
SOURCES_SHOWN, SOURCES_PER = 200, 50


@router.get("/sources", response_class=HTMLResponse)
async def sources_page(request: Request, store: EventsDep) -> HTMLResponse:
    """Each outlet with its articles and first and last report; each claimant with its claims."""
    return render(
        request,
        "sources.html",
        {
            "outlets": sources.outlets(store, limit=SOURCES_SHOWN, per=SOURCES_PER),
            "claimants": sources.claimants(store, limit=SOURCES_SHOWN, per=SOURCES_PER),
            "per": SOURCES_PER,
            "shown": SOURCES_SHOWN,
        },
    )
