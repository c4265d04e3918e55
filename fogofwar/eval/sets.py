"""Reading an evaluation set: its required files, and its items as distinct Articles.

Every set turns its items into Articles through the ingest stage's ``article_from_text``, as
any other text; items with the same text are one Article, so a set keeps item id -> article id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from fogofwar.errors import ConfigError, InputRejected
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Article

log = logging.getLogger(__name__)


def require_file(path: Path, name: str) -> Path:
    """The file ``name`` in the set's directory ``path``; raises ConfigError E050 when it is missing."""
    file = path / name
    if not file.exists():
        raise ConfigError("E050", path=path, expected=name)
    return file


def item_article(
    text: str,
    *,
    origin: str,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Article | None:
    """The Article for one item's text, ``origin`` being its id in the set (None when ingest
    rejects the text: the item is logged and not scored)."""
    try:
        return article_from_text(
            text, origin=origin, published=published, source=source, url=url, title=title
        )
    except InputRejected as e:
        log.info("evaluation item %s skipped: %s", origin, e)
        return None


def distinct_articles(items: Iterable[tuple[str, Article | None]]) -> tuple[list[Article], dict[str, str]]:
    """The distinct Articles of ``(item id, article or None)`` pairs, in first-seen order, and
    item id -> article id for the items that have one."""
    articles: dict[str, Article] = {}
    article_of = {}
    for item_id, article in items:
        if article is not None:
            articles.setdefault(article.id, article)
            article_of[item_id] = article.id
    return list(articles.values()), article_of


__all__ = ["distinct_articles", "item_article", "require_file"]
