"""Request bodies are read with a cap: past it the request is refused (413) at once, and the rest of
the body is never read (uvicorn stops reading the socket while nobody asks for more).

:class:`BodyLimit` caps every request of the app; :func:`read_body` caps one route's body lower.
Routes that need a token check it in a dependency and read the body in the route, so a request
without the token is refused before a byte of its body is read.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import TypeAdapter, ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The most any request body may hold (the app has no uploads).
MAX_BODY_BYTES = 1024 * 1024


def too_large(limit: int) -> HTTPException:
    """The 413 of a body over ``limit`` bytes."""
    # No catalogue code yet (fogofwar/errors.py is not this module's to change): plain words.
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE, detail=f"request body over {limit} bytes: refused unread"
    )


def declared_length(headers: Any) -> int | None:
    """The Content-Length a request declares, or None (absent, chunked, or not a number)."""
    value = headers.get("content-length")
    return int(value) if value and value.isdigit() else None


class BodyLimit:
    """ASGI middleware: a request whose body passes ``limit`` bytes gets 413, from the first chunk
    past it (or before reading when Content-Length says so); reading stops there."""

    def __init__(self, app: ASGIApp, *, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        declared = declared_length(headers)
        received = 0

        async def capped() -> Message:
            nonlocal received
            if declared is not None and declared > self.limit:
                raise too_large(self.limit)
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.limit:
                    raise too_large(self.limit)
            return msg

        await self.app(scope, capped, send)


async def read_body(request: Request, *, limit: int) -> bytes:
    """The body of ``request``, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = declared_length(request.headers)
    if declared is not None and declared > limit:
        raise too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_large(limit)
    return bytes(body)


async def read_json(request: Request, adapter: TypeAdapter[Any], *, limit: int) -> Any:
    """The JSON body of ``request`` (at most ``limit`` bytes) validated by ``adapter``; 415 for
    another media type, 422 (as FastAPI words it) for bad JSON or a body that does not fit."""
    kind = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if kind != "application/json" and not kind.endswith("+json"):
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, detail="send the body as application/json"
        )
    raw = await read_body(request, limit=limit)
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        error = {"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error", "input": {}}
        raise RequestValidationError([error]) from e
    try:
        return adapter.validate_python(data)
    except ValidationError as e:
        raise RequestValidationError(
            [{**err, "loc": ("body", *err["loc"])} for err in e.errors(include_url=False)]
        ) from e
