"""Reading an evaluation set: its required files and JSONL rows, and its items as distinct Articles.

Every set turns its items into Articles through the ingest stage's ``article_from_text``, as
any other text; items with the same text are one Article, so a set keeps item id -> article id.
A set whose items are news texts with their outlet metadata (ACLED notes, conflict reports, GVA
documents) reads each as a :class:`SetText`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Self

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


def jsonl_rows(file: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file, one per non-blank line, in file order."""
    with file.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def iso_date(value: str | None) -> date | None:
    """The date an ISO ``YYYY-MM-DD`` text names, or the day of an ISO time ("2016-01-14T04:48:31+00:00");
    None for no text or text that is no such date."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class SetText:
    """One news text of a set: its id in the set, the text, and what the set says of its title,
    publication date, outlet and address (None where it says nothing)."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None

    @classmethod
    def read(
        cls, row: Mapping[str, Any], *, id_key: str = "id", published_key: str = "published", **fields: Any
    ) -> Self:
        """The text of one JSONL row: its id under ``id_key``, its ISO publication date under
        ``published_key``, ``text``, ``title``, ``source`` and ``url`` (empty values as None);
        ``fields`` are a subclass's own."""
        return cls(
            id=str(row[id_key]),
            text=row.get("text") or "",
            title=row.get("title") or None,
            published=iso_date(row.get(published_key)),
            source=row.get("source") or None,
            url=row.get("url") or None,
            **fields,
        )

    def article(self) -> Article | None:
        """The Article ingest reads from the text, ``origin`` being its id in the set (None when
        ingest rejects the text: the text is logged and not scored)."""
        try:
            return article_from_text(
                self.text,
                origin=self.id,
                published=self.published,
                source=self.source,
                url=self.url,
                title=self.title,
            )
        except InputRejected as e:
            log.info("evaluation item %s skipped: %s", self.id, e)
            return None


def text_articles(texts: Iterable[SetText]) -> tuple[list[Article], dict[str, str]]:
    """The distinct Articles of a set's texts (:meth:`SetText.article`), in first-seen order,
    and text id -> article id for the texts ingest kept."""
    articles: dict[str, Article] = {}
    article_of = {}
    for text in texts:
        article = text.article()
        if article is not None:
            articles.setdefault(article.id, article)
            article_of[text.id] = article.id
    return list(articles.values()), article_of


def texts_by_article(text_article: Mapping[str, str]) -> dict[str, list[str]]:
    """Article id -> the ids of the texts it was read from (the inverse of text id -> article id)."""
    texts_of: dict[str, list[str]] = {}
    for text_id, article_id in text_article.items():
        texts_of.setdefault(article_id, []).append(text_id)
    return texts_of


__all__ = [
    "SetText",
    "iso_date",
    "jsonl_rows",
    "require_file",
    "text_articles",
    "texts_by_article",
]
