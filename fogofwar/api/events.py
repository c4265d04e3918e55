"""Events: ``GET /api/events`` and ``/api/events/{id}`` (JSON); the event list page ``/`` (filters,
sortable columns, pages, map and timeline) and the event page ``/events/{id}``."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from fogofwar.api import schemas
from fogofwar.api.borders import Country, load_borders
from fogofwar.api.charts import event_map, event_timeline
from fogofwar.api.corrections import correction_out
from fogofwar.api.deps import EventsDep
from fogofwar.api.queries import EventFilters, NoControl, Sort
from fogofwar.api.services import correction_note, event_mentions, event_trail, find_event, rejected_claims
from fogofwar.api.views import Limit, Offset, event_page, event_row, json_response, render
from fogofwar.export import FORMATS
from fogofwar.model import Event
from fogofwar.present import article_dict
from fogofwar.reconcile import totals_by_outcome
from fogofwar.store import Store, queries

router = APIRouter(responses={400: {"model": schemas.Problem}})

# The event list shows this many rows a page (the map and the timeline show every matching event).
PAGE_ROWS = 50
# The columns the table sorts on (store.queries.SORTS), by column heading.
SORT_COLUMNS = {"dates": "start", "killed": "killed", "sources": "sources", "updated": "updated"}


# -- JSON ---------------------------------------------------------------------------------


@router.get("/api/events", response_model=schemas.EventList, summary="List events (corrections applied)")
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
    "/api/events/{event_id}",
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


# -- pages --------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def index(request: Request, store: EventsDep) -> HTMLResponse:
    filters, error = page_filters(request.query_params)
    sort, offset, paging_error = page_order(request.query_params)
    query_ = filters.to_query(sort=sort)
    # The same SQL as GET /api/events: the table reads one page, the map and timeline summaries.
    rows = queries.select_events(store, query_, limit=PAGE_ROWS, offset=offset)
    summaries, killed = summaries_with_killed(store, query_)
    query = urlencode(filter_params(filters))
    return render(
        request,
        "index.html",
        {
            "filters": filters,
            "error": "; ".join(e for e in (error, paging_error) if e) or None,
            "total": len(summaries),
            "rows": [event_row(e) for e in rows],
            "map": event_map(summaries, borders=borders(request), killed=killed),
            "timeline": event_timeline(summaries, killed=killed),
            "choices": queries.filter_choices(store),
            "export_formats": list(FORMATS),
            "query": query,
            "stored": queries.count_events(store),
            "sort": sort,
            "offset": offset,
            "headings": sort_links(filters, sort),
            "pages": page_links(filters, sort, offset, len(summaries)),
        },
    )


@router.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
async def show_event(request: Request, event_id: str, store: EventsDep) -> Response:
    event = find_event(store, event_id)
    if event.id != event_id:  # a prefix, or an event merged into another: go to the event's own page
        return RedirectResponse(f"/events/{quote(event.id)}", status_code=status.HTTP_303_SEE_OTHER)
    done = request.query_params.get("done")
    note = None
    if done and done.isdigit():
        number = int(done[:18])  # at most 18 digits: always inside SQLite's integer range
        note = f"Correction #{number}: {correction_note(store, number)}" if number else None
    return render(
        request,
        "event.html",
        {**event_page(store, event), "done": note, "form": {}, "error": None},
    )


def page_filters(params: Mapping[str, str]) -> tuple[EventFilters, str | None]:
    """Filters from a form's query string (empty fields ignored), and an error to show when invalid."""
    given = {k: v.strip() for k, v in params.items() if v.strip()}
    try:
        return EventFilters.model_validate(given), None
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
        return EventFilters(), f"filters ignored: {problems}"


def summaries_with_killed(
    store: Store, query: queries.EventQuery
) -> tuple[list[Event], dict[str, tuple[int | None, int | None]]]:
    """Every matching event without its claims and figures (what the map and timeline draw), and
    each one's people killed (low, high) from the totals stored beside it."""
    events, killed = [], {}
    for data in queries.events_json(store, query, column="summary"):
        record = json.loads(data)
        event = Event.from_dict(record)
        events.append(event)
        total = record.get("killed") or {}
        killed[event.id] = (total.get("low"), total.get("high"))
    return events, killed


def page_order(params: Mapping[str, str]) -> tuple[str, int, str | None]:
    """(sort, offset, error) from the page's query string: a sort not in SORTS or an offset that
    is not a whole number falls back to the default, with a note to show."""
    sort = (params.get("sort") or queries.DEFAULT_SORT).strip()
    problems = []
    if sort not in queries.SORTS:
        problems.append(f"sort {sort[:40]!r} is not one of {', '.join(queries.SORTS)}")
        sort = queries.DEFAULT_SORT
    raw = (params.get("offset") or "0").strip()
    offset = 0
    if raw.isdigit() and len(raw) <= 12:
        offset = int(raw)
    else:
        problems.append(f"offset {raw[:20]!r} is not a whole number")
    return sort, offset, "; ".join(problems) or None


def filter_params(filters: EventFilters) -> dict[str, str]:
    """The filters that are set, as query-string values (what the filter form would send)."""
    return {k: str(v) for k, v in filters.model_dump().items() if v is not None}


def page_url(filters: EventFilters, *, sort: str, offset: int = 0) -> str:
    """The event list with ``filters`` kept, in ``sort`` order, from ``offset``."""
    params = filter_params(filters)
    if sort != queries.DEFAULT_SORT:
        params["sort"] = sort
    if offset:
        params["offset"] = str(offset)
    return "/?" + urlencode(params) + "#events" if params else "/#events"


def sort_links(filters: EventFilters, sort: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the link that sorts by it (a second click reverses) and the
    arrow shown when the table is sorted by it."""
    links = {}
    for column, name in SORT_COLUMNS.items():
        current = sort.lstrip("-") == name
        reverse = current and not sort.startswith("-")
        arrow = ("▼" if sort.startswith("-") else "▲") if current else ""
        links[column] = {
            "url": page_url(filters, sort=f"-{name}" if reverse else name),
            "arrow": arrow,
            "aria": ("descending" if sort.startswith("-") else "ascending") if current else "none",
        }
    return links


def page_links(filters: EventFilters, sort: str, offset: int, total: int) -> dict[str, Any]:
    """Where this page starts and ends, and the links to the previous, next, first and last pages."""
    last_offset = max(0, (total - 1) // PAGE_ROWS * PAGE_ROWS)
    more = offset + PAGE_ROWS < total
    shown_to = min(offset + PAGE_ROWS, total)
    return {
        "first_row": offset + 1 if total and offset < total else 0,
        "last_row": shown_to,
        "page": offset // PAGE_ROWS + 1,
        "pages": max(1, math.ceil(total / PAGE_ROWS)),
        "previous": page_url(filters, sort=sort, offset=max(0, offset - PAGE_ROWS)) if offset else None,
        "next": page_url(filters, sort=sort, offset=offset + PAGE_ROWS) if more else None,
        "first": page_url(filters, sort=sort) if offset else None,
        "last": page_url(filters, sort=sort, offset=last_offset) if offset < last_offset else None,
    }


def borders(request: Request) -> list[Country]:
    """The country borders, read once per app on the first map drawn (about half a second)."""
    if request.app.state.borders is None:
        request.app.state.borders = load_borders()
    return request.app.state.borders
