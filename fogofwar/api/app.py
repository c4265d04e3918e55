"""The FastAPI application: JSON API, web pages and static files, all from one process.

Security defaults: read-only unless FOGOFWAR_TOKEN is set (and then writes need it as a Bearer
token); no CORS headers (browsers keep other sites' scripts out); every page carries a Content
Security Policy that allows no script at all, so even a mistake in escaping could not run one;
templates autoescape everything and article text is only ever printed as text.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import TypeAdapter
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import fogofwar
from fogofwar.api import articles, corrections, docs, events, exports, schemas, search, sources
from fogofwar.api.docs import markdown_html
from fogofwar.api.limits import MAX_BODY_BYTES, BodyLimit
from fogofwar.api.views import render
from fogofwar.corrections import CorrectionInvalid
from fogofwar.errors import ConfigError, FogofwarError, NotFound, SchemaError
from fogofwar.present import (
    date_precision_text,
    figure_sign,
    format_dates,
    format_place,
    place_precision_text,
    safe_url,
)
from fogofwar.settings import Settings
from fogofwar.store import Store

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
TOKEN_ENV = "FOGOFWAR_TOKEN"
# The API's description (Markdown; /api/docs renders it, openapi.json carries it as it is).
DESCRIPTION = """\
Events from news reports about armed conflict, each figure kept with **who claimed it** and the
evidence in the article. Every event is served with the analysts' corrections applied.

- `GET /api/events`: filter (`country`, `admin1`, `since`, `until`, `event_type`, `actor`,
  `min_killed`), sort (`start`, `killed`, `sources`, `updated`; `-` reverses) and page
  (`limit`, `offset`).
- `GET /api/events/{id}`: one event with its claims, evidence, articles and corrections.
- `POST /api/corrections`: correct an event or a claim (needs `Authorization: Bearer <token>`).

Reads are open; without `FOGOFWAR_TOKEN` set on the server, it is read-only.
"""
# No script anywhere; styles and images only from this server (inline SVG needs none of them).
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


# The formatters the page templates call as filters ("{{ event | dates }}").
PAGE_FILTERS: dict[str, Callable[..., Any]] = {
    "place": format_place,
    "dates": format_dates,
    "figure": figure_sign,
    "safe_url": safe_url,
    "markdown": markdown_html,
    "date_precision": date_precision_text,
    "place_precision": place_precision_text,
}


def template_environment() -> jinja2.Environment:
    """The Jinja2 environment of the pages: autoescape on for every template, undefined names fail."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(PAGE_FILTERS)
    return env


def create_app(settings: Settings, *, environ: Mapping[str, str] | None = None) -> FastAPI:
    """The fogofwar web app over the database of ``settings``.

    The write token is FOGOFWAR_TOKEN from ``environ`` (default: the process environment), read
    once here; unset or empty, the app is read-only. Opens the database once to check (and
    migrate) it, so a bad path fails now rather than on the first request.

    Example::

        app = create_app(Settings.from_env().with_(db_path=Path("war.db")))
    """
    env = os.environ if environ is None else environ
    token = env.get(TOKEN_ENV) or None
    with Store.open(settings.db_path):
        pass
    app = FastAPI(
        title="fogofwar",
        version=fogofwar.__version__,
        summary="Conflict events from news reports; every figure traced to who claimed it.",
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /api/docs is served locally instead
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.token = token
    app.state.templates = Jinja2Templates(env=template_environment())
    app.state.borders = None  # the map's country borders, read on the first map drawn
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # By resource, each serving its JSON and its pages; in this order the OpenAPI paths are listed.
    for resource in (events, articles, search, exports, corrections, sources, docs):
        app.include_router(resource.router)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(FogofwarError, _library_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    if token:
        log.info("writes enabled: POST /api/corrections needs the FOGOFWAR_TOKEN bearer token")
    else:
        log.info("read-only: set FOGOFWAR_TOKEN to allow corrections")
    return app


class SecurityHeaders:
    """ASGI middleware: the CSP and SECURITY_HEADERS on every response that does not set its own.

    Plain ASGI rather than ``@app.middleware("http")``, whose wrapper costs about a millisecond
    per request (a task and a stream per call)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        defaults = {"Content-Security-Policy": CSP, **SECURITY_HEADERS}
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in defaults.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's OpenAPI description, plus the schema of the correction body (read by the route
    itself, after the token check, so FastAPI does not see it)."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
    )
    body = TypeAdapter(schemas.CorrectionIn).json_schema(ref_template="#/components/schemas/{model}")
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    components.update(body.pop("$defs", {}))
    components["CorrectionIn"] = body
    app.openapi_schema = spec
    return spec


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") and request.url.path != "/api/docs"


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    headers = getattr(exc, "headers", None)
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
    context = {"status": exc.status_code, "detail": exc.detail}
    return render(request, "error.html", context, status_code=exc.status_code)


async def _library_error(request: Request, exc: FogofwarError) -> Response:
    """The library's typed errors: unknown ids 404, bad corrections 422, a database or configuration
    problem 500 (logged), anything else a bad request (an unknown country, format ...) 400."""
    if isinstance(exc, NotFound):
        code = 404
    elif isinstance(exc, CorrectionInvalid):
        code = 422
    elif isinstance(exc, (SchemaError, ConfigError)):
        code = 500
        log.error("request %s failed: %s", request.url.path, exc)
    else:
        code = 400
    return await _http_error(request, StarletteHTTPException(code, detail=str(exc)))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": jsonable_errors(exc)}, status_code=422)
    return await _http_error(request, StarletteHTTPException(422, detail=_summary(exc)))


def jsonable_errors(exc: RequestValidationError) -> list[dict[str, object]]:
    """FastAPI's list of validation errors, without the offending input echoed back."""
    return [{k: v for k, v in err.items() if k in ("loc", "msg", "type")} for err in exc.errors()]


def _summary(exc: RequestValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in exc.errors())
