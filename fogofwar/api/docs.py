"""The offline API docs ``/api/docs``: the OpenAPI description as a plain page, its Markdown
(route docstrings, the app's description) rendered as HTML.

markdown-it-py (pinned in requirements/lock.txt; rich already needs it) renders CommonMark with
raw HTML turned off, so a description can never inject markup or script: ``<`` comes out as
``&lt;``, and links with a ``javascript:`` or ``data:`` scheme are not made into links.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markdown_it import MarkdownIt
from markupsafe import Markup

from fogofwar.api.views import render

router = APIRouter(include_in_schema=False)

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown_html(text: str | None) -> Markup:
    """``text`` (Markdown) as safe HTML; empty for None."""
    return Markup(_MARKDOWN.render(text or ""))  # raw HTML is off: the output is escaped


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


__all__ = ["markdown_html", "router"]
