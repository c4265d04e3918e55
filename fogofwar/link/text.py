"""Text similarity of articles: TF-IDF vectors and cosine of an article with an event's articles.

The vectoriser is fitted on the articles of one linking call (new and known ones, in id order,
so the result does not depend on input order). Idf makes shared rare words (victims' names,
street names, small towns) count and shared common words ("police", "shot") count little. A
paragraph repeated verbatim inside one article (crawled pages often repeat their teasers) is
counted once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from fogofwar.model import Article


def article_text(article: Article) -> str:
    """The text an article is compared by: its title and its distinct paragraphs."""
    seen: set[str] = set()
    parts = [article.title] if article.title else []
    for paragraph in article.text.split("\n"):
        key = paragraph.strip()
        if key and key not in seen:
            seen.add(key)
            parts.append(key)
    return "\n".join(parts)


class ArticleVectors:
    """L2-normalised TF-IDF rows of articles, by article id."""

    def __init__(self, articles: Sequence[Article]) -> None:
        distinct = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
        self._row = {a.id: i for i, a in enumerate(distinct)}
        if not distinct:
            self._matrix = sparse.csr_matrix((0, 0))
            return
        vectoriser = TfidfVectorizer(
            sublinear_tf=True,
            stop_words="english",
            token_pattern=r"(?u)\b[^\W\d_][\w'-]+\b",  # words of 2+ chars starting with a letter
            dtype=np.float32,
        )
        try:
            self._matrix = vectoriser.fit_transform([article_text(a) for a in distinct]).tocsr()
        except ValueError:  # every text is empty or stop words only: no vocabulary
            self._matrix = sparse.csr_matrix((len(distinct), 1), dtype=np.float32)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._row

    def vector(self, article_id: str) -> sparse.csr_matrix | None:
        """The article's row (1 x vocabulary), or None for an article not given at fit time."""
        row = self._row.get(article_id)
        return None if row is None else self._matrix[row]

    def centroid(self, article_ids: Sequence[str]) -> sparse.csr_matrix | None:
        """The sum of the given articles' rows (unknown ids skipped); None when none is known."""
        rows = [self._row[i] for i in dict.fromkeys(article_ids) if i in self._row]
        if not rows:
            return None
        return sparse.csr_matrix(self._matrix[rows].sum(axis=0))


def cosine(vector: sparse.csr_matrix | None, centroid: sparse.csr_matrix | None) -> float:
    """Cosine of an article row with an (unnormalised) centroid; 0 when either is missing."""
    if vector is None or centroid is None:
        return 0.0
    norm = float(np.sqrt(centroid.data @ centroid.data))
    if norm == 0:
        return 0.0
    return float(vector.multiply(centroid).sum() / norm)


__all__ = ["ArticleVectors", "article_text", "cosine"]
