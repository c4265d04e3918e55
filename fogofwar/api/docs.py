"""Markdown of the API's descriptions (route docstrings, the app's description) as HTML for /api/docs.

markdown-it-py (pinned in requirements/lock.txt; rich already needs it) renders CommonMark with
raw HTML turned off, so a description can never inject markup or script: ``<`` comes out as
``&lt;``, and links with a ``javascript:`` or ``data:`` scheme are not made into links.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown_html(text: str | None) -> Markup:
    """``text`` (Markdown) as safe HTML; empty for None."""
    return Markup(_MARKDOWN.render(text or ""))  # raw HTML is off: the output is escaped


__all__ = ["markdown_html"]
