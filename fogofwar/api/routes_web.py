"""The web pages: event list with filters, sortable columns and pages, map and timeline; event and
article pages; sources (outlets and claimants); search; the report; the offline API docs; and the
correction forms (plain HTML forms, no script needed).
"""

from __future__ import annotations

import importlib
import json
import logging
import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from fogofwar.api import schemas
from fogofwar.api.borders import Country, load_borders
from fogofwar.api.charts import event_map, event_timeline
from fogofwar.api.deps import EventsDep, SettingsDep, check_token
from fogofwar.api.highlight import segments, snippet
from fogofwar.api.limits import read_body
from fogofwar.api.queries import EventFilters
from fogofwar.api.services import add_correction, correction_note, find_article, find_event
from fogofwar.api.views import article_block, event_page, event_row, safe_url
from fogofwar.errors import message
from fogofwar.model import Event
from fogofwar.store import Store, queries, sources

log = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)

# The event list shows this many rows a page (the map and the timeline show every matching event).
PAGE_ROWS = 50
# The columns the table sorts on (store.queries.SORTS), by column heading.
SORT_COLUMNS = {"dates": "start", "killed": "killed", "sources": "sources", "updated": "updated"}
# The sources page: this many outlets and claimants, each with this many articles or claims.
SOURCES_SHOWN, SOURCES_PER = 200, 50
# A correction form is a few fields; anything bigger is not one of ours.
MAX_FORM_BYTES = 64 * 1024
_CORRECTION = TypeAdapter(schemas.CorrectionIn)
_SEPARATORS = re.compile(r"[\s,;]+")
# The report module builds its own HTML (with its own styles); this page's CSP lets those through.
REPORT_CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
)


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    """Render template ``name`` (autoescaped) with ``context``."""
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status_code)


def page_filters(params: Mapping[str, str]) -> tuple[EventFilters, str | None]:
    """Filters from a form's query string (empty fields ignored), and an error to show when invalid."""
    given = {k: v.strip() for k, v in params.items() if v.strip()}
    try:
        return EventFilters.model_validate(given), None
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
        return EventFilters(), f"filters ignored: {problems}"


@router.get("/", response_class=HTMLResponse)
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
            "export_formats": _export_formats(),
            "query": query,
            "stored": queries.count_events(store),
            "sort": sort,
            "offset": offset,
            "headings": sort_links(filters, sort),
            "pages": page_links(filters, sort, offset, len(summaries)),
        },
    )


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


@router.get("/events/{event_id}", response_class=HTMLResponse)
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


@router.post("/events/{event_id}/corrections", response_class=HTMLResponse)
async def correct_event(request: Request, event_id: str, store: EventsDep, settings: SettingsDep) -> Response:
    """The correction forms of the event page: same checks as POST /api/corrections, token in a field."""
    event = find_event(store, event_id)
    form = await _read_form(request)
    try:
        check_token(request.app.state.token, _first(form, "token"))
        body = _CORRECTION.validate_python(_correction_fields(form, event))
        stored = add_correction(store, schemas.correction_record(body), rule=settings.reconcile_rule)
    except HTTPException as e:
        return _form_error(request, store, event, form, str(e.detail), e.status_code)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(map(str, err['loc'][1:])) or 'form'}: {err['msg']}" for err in e.errors()
        )
        return _form_error(request, store, event, form, problems, status.HTTP_422_UNPROCESSABLE_CONTENT)
    # After a merge, the page to show is the merged event's; it keeps this event's id.
    return RedirectResponse(
        f"/events/{quote(event.id)}?done={stored.id}#corrections", status_code=status.HTTP_303_SEE_OTHER
    )


def _form_error(
    request: Request,
    store: Store,
    event: Event,
    form: dict[str, list[str]],
    error: str,
    code: int,
) -> HTMLResponse:
    kept = {k: v for k, v in form.items() if k != "token"}  # never echo the token back
    context = {**event_page(store, event), "error": error, "form": kept, "done": None}
    return render(request, "event.html", context, status_code=code)


async def _read_form(request: Request) -> dict[str, list[str]]:
    """The urlencoded body of a form post (no multipart: our forms have no files)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, detail="send the form urlencoded")
    body = await read_body(request, limit=MAX_FORM_BYTES)
    return parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=False, max_num_fields=500)


def _first(form: Mapping[str, list[str]], name: str) -> str | None:
    values = form.get(name) or [None]
    return values[0].strip() if values[0] is not None else None


def _ids(form: Mapping[str, list[str]], *names: str) -> list[str]:
    return [i for name in names for value in form.get(name, []) for i in _SEPARATORS.split(value) if i]


def _correction_fields(form: Mapping[str, list[str]], event: Event) -> dict[str, Any]:
    """The JSON body a correction form stands for (validated by schemas.CorrectionIn afterwards)."""
    kind = _first(form, "kind")
    fields: dict[str, Any] = {
        "kind": kind,
        "author": _first(form, "author"),
        "reason": _first(form, "reason"),
    }
    if kind == "reject_claim":
        fields["claim_id"] = _first(form, "claim_id")
    elif kind == "set_place":
        place = {
            "name": _first(form, "place_name"),
            "lat": _first(form, "place_lat"),
            "lon": _first(form, "place_lon"),
            "admin1": _first(form, "place_admin1"),
            "country": _first(form, "place_country"),
            "precision": _first(form, "place_precision") or 1,
        }
        fields.update(event_id=event.id, place={k: v for k, v in place.items() if v not in (None, "")})
    elif kind == "merge":
        fields.update(event_id=event.id, event_ids=_ids(form, "event_ids", "more_event_ids"))
    elif kind == "split":
        fields.update(
            event_id=event.id, mention_ids=_ids(form, "mention_ids"), article_ids=_ids(form, "article_ids")
        )
    elif kind == "revert":
        fields["reverts"] = _first(form, "reverts")
    elif kind == "set_actor":
        fields.update(event_id=event.id, actor=_first(form, "actor"), role=_first(form, "role"))
    elif kind == "set_type":
        # One select holds both: "Battles|Armed clash".
        event_type, _, sub_type = (_first(form, "type") or "").partition("|")
        fields.update(event_id=event.id, event_type=event_type, sub_event_type=sub_type)
    elif kind == "set_dates":
        fields.update(
            event_id=event.id,
            start=_first(form, "start"),
            end=_first(form, "end"),
            date_precision=_first(form, "date_precision"),
        )
    elif kind in ("set_victims", "set_claimant"):
        fields["claim_id"] = _first(form, "claim_id")
        names = ("victims",) if kind == "set_victims" else ("claimant", "claimant_kind")
        fields.update({name: _first(form, name) for name in names})
    return {k: v for k, v in fields.items() if v not in (None, "")}


@router.get("/articles/{article_id}", response_class=HTMLResponse)
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


@router.get("/search", response_class=HTMLResponse)
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


@router.get("/report", response_class=HTMLResponse)
async def report(request: Request, store: EventsDep) -> Response:
    """The written report of fogofwar.report (501 while that module is not in this build)."""
    try:
        write_report = importlib.import_module("fogofwar.report").write_report
    except (ImportError, AttributeError) as e:
        detail = message("E073", feature="the report", detail=f"fogofwar.report.write_report: {e}")
        raise HTTPException(status.HTTP_501_NOT_IMPLEMENTED, detail=detail) from e
    country = (request.query_params.get("country") or "").strip() or None
    fmt = "md" if request.query_params.get("fmt") == "md" else "html"
    try:
        since = (
            date.fromisoformat(request.query_params["since"]) if request.query_params.get("since") else None
        )
    except ValueError as e:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail="since must be a date: YYYY-MM-DD") from e
    events = queries.select_events(store, queries.EventQuery())
    article_ids = list(dict.fromkeys(a for e in events for a in e.article_ids))
    text = write_report(events, store.articles(article_ids), country=country, since=since, fmt=fmt)
    if fmt == "md":
        return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")
    return HTMLResponse(text, headers={"Content-Security-Policy": REPORT_CSP})


@router.get("/api/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI description as a plain page (Swagger UI would load scripts from a CDN)."""
    spec = request.app.openapi()
    operations = [
        {"path": path, "method": method.upper(), **operation}
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]
    return render(request, "docs.html", {"spec": spec, "operations": operations})


def _export_formats() -> list[str]:
    """The export formats of this build ([] while fogofwar.export has none)."""
    try:
        formats = getattr(importlib.import_module("fogofwar.export"), "FORMATS", None)
    except ImportError:
        return []
    return list(formats) if formats else []


__all__ = ["page_filters", "render", "router", "safe_url"]
