"""Tests for fogofwar.link.text: the text an article is compared by, TF-IDF rows, and the cosine
of an article with events given as sets of article rows. Texts are our own."""

from __future__ import annotations

import math

import numpy as np
import pytest

from fogofwar.link.text import ArticleVectors, TermCounts, article_text, event_similarities, term_counts
from fogofwar.model import Article, article_id


def article(text: str, title: str | None = None) -> Article:
    return Article(id=article_id(text), text=text, title=title)


GAO = article("Gunmen attacked the Gao market on Friday, killing Moussa Traore and Awa Keita.", "Gao attack")
GAO_AGAIN = article("Moussa Traore and Awa Keita died when gunmen stormed the Gao market.")
FLOOD = article("Floods swept through Niamey after heavy rains, destroying hundreds of homes.")
STOP_WORDS_ONLY = article("It was there and then it was not.")


def test_link_text_article_text_is_title_and_distinct_paragraphs() -> None:
    teaser = "Gunmen attacked the market."
    repeated = article(f"{teaser}\n\n{teaser}\n  {teaser}  \nTwo people died.", "Market attack")
    assert article_text(repeated) == "Market attack\nGunmen attacked the market.\nTwo people died."
    assert article_text(article("One line.")) == "One line."


def test_link_text_rows_are_by_id_and_do_not_depend_on_input_order() -> None:
    one = ArticleVectors([GAO, GAO_AGAIN, FLOOD])
    other = ArticleVectors([FLOOD, GAO_AGAIN, GAO, GAO])  # a repeated article is one row
    for a in (GAO, GAO_AGAIN, FLOOD):
        assert one.row(a.id) == other.row(a.id)
    assert sorted(one.row(a.id) for a in (GAO, GAO_AGAIN, FLOOD)) == [0, 1, 2]  # type: ignore[type-var]
    assert one.row("not-fitted") is None
    assert one.dots(one.row(GAO.id), [one.row(FLOOD.id)]) == pytest.approx(  # type: ignore[arg-type]
        other.dots(other.row(GAO.id), [other.row(FLOOD.id)])  # type: ignore[arg-type]
    )


def test_link_text_dots_are_cosines() -> None:
    vectors = ArticleVectors([GAO, GAO_AGAIN, FLOOD])
    gao, again, flood = (vectors.row(a.id) for a in (GAO, GAO_AGAIN, FLOOD))
    assert gao is not None and again is not None and flood is not None
    assert vectors.self_dot(gao) == pytest.approx(1.0)
    same, unrelated = vectors.dots(gao, [again, flood])
    assert 0.2 < same < 1.0  # shared names and place
    assert unrelated == pytest.approx(0.0)  # no word in common
    assert vectors.dots(gao, []).shape == (0,)


def test_link_text_stop_words_only_has_an_empty_row() -> None:
    vectors = ArticleVectors([GAO, STOP_WORDS_ONLY])
    empty = vectors.row(STOP_WORDS_ONLY.id)
    assert empty is not None and vectors.self_dot(empty) == 0.0
    assert vectors.dots(empty, [vectors.row(GAO.id)]).tolist() == [0.0]  # type: ignore[list-item]


def test_link_text_no_vocabulary_at_all() -> None:
    vectors = ArticleVectors([STOP_WORDS_ONLY])
    row = vectors.row(STOP_WORDS_ONLY.id)
    assert row == 0 and vectors.self_dot(row) == 0.0 and vectors.norm2([row]) == 0.0
    assert ArticleVectors([]).row(GAO.id) is None


def test_link_text_norm2_is_the_squared_norm_of_the_sum() -> None:
    texts = [
        article(f"Report {i}: clashes near town{i % 3} left {i} fighters dead in Kidal.") for i in range(12)
    ]
    vectors = ArticleVectors(texts)
    rows = [vectors.row(a.id) for a in texts]
    assert all(r is not None for r in rows)
    # |sum of rows|^2 is the sum of all their dot products (the small-set path computes it so;
    # more than eight rows take a dense sum: both must agree)
    for chosen in (rows[:1], rows[:3], rows):
        pairwise = sum(float(vectors.dots(r, chosen).sum()) for r in chosen)  # type: ignore[arg-type]
        assert vectors.norm2(chosen) == pytest.approx(pairwise, rel=1e-5)  # type: ignore[arg-type]
    assert vectors.norm2(rows[:1]) == pytest.approx(1.0)  # type: ignore[arg-type]
    assert vectors.norm2([]) == 0.0


def test_link_text_names_matches_whole_words_ignoring_case() -> None:
    vectors = ArticleVectors([GAO])
    assert vectors.names(GAO.id, "moussa traore")
    assert vectors.names(GAO.id, "Gao attack")  # the title counts
    assert not vectors.names(GAO.id, "Traor")  # part of a word
    assert not vectors.names(GAO.id, "  ")
    assert not vectors.names("not-fitted", "Gao")


def test_link_text_event_similarities() -> None:
    vectors = ArticleVectors([GAO, GAO_AGAIN, FLOOD, STOP_WORDS_ONLY])
    gao, again, flood = (vectors.row(a.id) for a in (GAO, GAO_AGAIN, FLOOD))
    assert gao is not None and again is not None and flood is not None
    market = ([gao], vectors.norm2([gao]))
    both = ([gao, flood], vectors.norm2([gao, flood]))
    empty: tuple[list[int], float] = ([], 0.0)
    cosines = event_similarities(vectors, again, [market, both, empty])
    direct = float(vectors.dots(again, [gao])[0])
    assert cosines[0] == pytest.approx(direct)
    # the event's text is the sum of its articles: an unrelated member dilutes the cosine
    assert cosines[1] == pytest.approx(direct / math.sqrt(both[1]))
    assert cosines[1] < cosines[0] and cosines[2] == 0.0
    assert event_similarities(vectors, None, [market]) == [0.0]
    assert event_similarities(vectors, again, []) == []
    assert isinstance(cosines[0], float) and not isinstance(cosines[0], np.floating)


def test_link_text_rows_are_those_of_sklearns_vectoriser() -> None:
    # The rows are computed from term counts (so stored articles need not be tokenised again),
    # with TfidfVectorizer's formulas: the same cosines.
    from sklearn.feature_extraction.text import TfidfVectorizer

    articles = sorted([GAO, GAO_AGAIN, FLOOD, STOP_WORDS_ONLY], key=lambda a: a.id)
    ours = ArticleVectors(articles).matrix
    theirs = TfidfVectorizer(
        sublinear_tf=True,
        stop_words="english",
        token_pattern=r"(?u)\b\w[\w'-]+\b",
        max_df=20,
        dtype=np.float32,
    ).fit_transform([article_text(a) for a in articles])
    assert np.allclose((ours @ ours.T).toarray(), (theirs @ theirs.T).toarray(), atol=1e-6)


def test_link_text_vectors_from_stored_counts_equal_those_from_texts() -> None:
    stored = {a.id: TermCounts.from_bytes(term_counts(a).to_bytes()) for a in (GAO, FLOOD)}
    from_counts = ArticleVectors([GAO_AGAIN], counts=stored)
    from_texts = ArticleVectors([GAO, GAO_AGAIN, FLOOD])
    assert np.allclose(from_counts.matrix.toarray(), from_texts.matrix.toarray())
    assert not from_counts.names(GAO.id, "Gao")  # a stored article's text is not at hand
    from_counts.add_texts([GAO])
    assert from_counts.names(GAO.id, "Gao")
