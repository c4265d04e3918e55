"""Property tests: extraction never raises on random or hostile text, its evidence offsets index
the text they quote, and its ids are unique (texts generated here)."""

from __future__ import annotations

import os
from collections import Counter
from datetime import date

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fogofwar.extract import Extractor  # noqa: E402
from fogofwar.model import Article, Extraction, article_id  # noqa: E402
from fogofwar.settings import Settings  # noqa: E402

pytestmark = pytest.mark.slow

# FOGOFWAR_FUZZ_EXAMPLES=500 for a longer hunt; the default keeps the file under a minute.
FUZZ = settings(
    max_examples=int(os.environ.get("FOGOFWAR_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    pytest.importorskip("spacy")
    return Extractor(Settings(max_parsed_sentences=50))


NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**40).map(str),
    st.integers(min_value=0, max_value=999).map(lambda n: f"{n:,}"),
    st.sampled_from(
        [
            "10^100",
            "2^3",
            "9" * 400,
            "1." + "9" * 300 + " million",
            "nine quintillion",
            "a trillion",
            "forty-seven",
            "a dozen",
            "dozens",
            "at least 12",
            "between 5 and 3",
            "20-30",
            "more than 0",
            "1,000,000,000,000",
            "0",
        ]
    ),
)
PHRASES = st.sampled_from(
    [
        "people were killed",
        "soldiers died",
        "were wounded",
        "civilians were injured",
        "were abducted",
        "dead",
        "killed",
        "gunmen attacked the village of Gao",
        "police said",
        "the army said on Monday",
        "rebels claimed",
        "on Sunday",
        "yesterday",
        "next year",
        "last week",
        "three weeks ago",
        "on 31 December 9999",
        "in 0001",
        "9999-12-31",
        "May 5-7",
        "-",
        ".",
        "\n\n",
        ",",
        "'",
        '"',
        "(AP) —",
        "KABUL, Afghanistan —",
    ]
)
ODD = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0x300, max_codepoint=0x36F), max_size=10),  # combining marks
    st.sampled_from(["\u200b", "\ufeff", "\u202e", "\U0001f4a5", "ǅ", "ß", "İ", "\x00", "\r\n", "\t"]),
    st.integers(min_value=1, max_value=3000).map(lambda n: "x" * n),  # a very long token
)
TEXTS = st.lists(st.one_of(NUMBERS, PHRASES, ODD), max_size=40).map(" ".join)
DATES = st.one_of(
    st.none(),
    st.sampled_from([date.min, date.max, date(1, 1, 7), date(9999, 12, 25), date(2000, 2, 29)]),
    st.dates(),
)
ARTICLES = st.builds(
    lambda text, title, published, dateline: Article(
        id=article_id(text), text=text, title=title, published=published, dateline_date=dateline
    ),
    TEXTS,
    st.one_of(st.none(), TEXTS.map(lambda t: t[:200])),
    DATES,
    DATES,
)


def check(article: Article, extraction: Extraction) -> None:
    assert extraction.article_id == article.id
    assert extraction.failure is None, extraction.failure  # nothing raised inside, either
    for claim in extraction.claims:
        part = article.title if claim.part == "title" else article.text
        assert part is not None
        span = claim.evidence
        assert 0 <= span.start < span.end <= len(part)
        assert part[span.start : span.end] == span.text
    for mention in extraction.mentions:
        part = article.title if mention.part == "title" else article.text
        assert part is not None and 0 <= mention.sentence.start <= mention.sentence.end <= len(part)
    ids = Counter(c.id for c in extraction.claims) + Counter(m.id for m in extraction.mentions)
    assert all(n == 1 for n in ids.values())


@FUZZ
@given(article=ARTICLES)
def test_fuzz_extract_one_article(extractor: Extractor, article: Article) -> None:
    (extraction,) = list(extractor.extract([article]))
    check(article, extraction)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(articles=st.lists(ARTICLES, min_size=2, max_size=6, unique_by=lambda a: a.id))
def test_fuzz_extract_batch_keeps_order(extractor: Extractor, articles: list[Article]) -> None:
    extractions = list(extractor.extract(articles))
    assert [e.article_id for e in extractions] == [a.id for a in articles]
    for article, extraction in zip(articles, extractions, strict=True):
        check(article, extraction)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "99999999999999999999999999999 people were killed.",
        "On Monday 5 people were killed. " + "9" * 5000 + " soldiers died.",
        "x" * 200_000,
        "Killed " * 2000,
    ],
)
@pytest.mark.parametrize("published", [None, date.min, date.max])
def test_fuzz_extract_hostile_examples(extractor: Extractor, text: str, published: date | None) -> None:
    article = Article(id=article_id(text), text=text, title=text[:100] or None, published=published)
    (extraction,) = list(extractor.extract([article]))
    check(article, extraction)
