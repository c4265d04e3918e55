"""The extract stage as the ledger relies on it: unique ids, no crash on one article (texts
written for these tests)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest

from fogofwar.extract import Extractor
from fogofwar.model import Article, Extraction, article_id
from fogofwar.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    pytest.importorskip("spacy")
    return Extractor(Settings())


def _article(text: str, *, published: date | None = date(2019, 5, 4), title: str | None = None) -> Article:
    return Article(id=article_id(text), text=text, title=title, source="testwire", published=published)


def _extract(extractor: Extractor, *texts: str, **kwargs: Any) -> list[Extraction]:
    return list(extractor.extract([_article(t, **kwargs) for t in texts]))


def test_extract_dash_glued_count_is_one_claim(extractor: Extractor) -> None:
    # A list item whose dash is glued to its count ("-Three"): the count starts inside the token,
    # and the linear pass used to read it a second time (the same id twice, UNIQUE failed).
    (extraction,) = _extract(
        extractor, "Police listed the toll.\n-Three additional officers were injured in the struggle.\n"
    )
    claims = [(c.evidence.text, c.outcome, c.figure) for c in extraction.claims]
    assert claims == [("Three additional officers were injured", "injured", 3)]


VARIED = [
    "Police listed the toll.\n-Three additional officers were injured in the struggle.\n-Two more were shot.",
    "Mali's army said on Monday that three of its troops were killed and nine were wounded near Gao.",
    "A gunman shot two people dead on Tuesday in Dayton, police said. A third victim died later. "
    "Police said two people were killed and two people were killed.",
    "FOUR PEOPLE KILLED, FIVE INJURED IN BOMBING OF BUS IN LIMA, POLICE SAID.",
    "At least 12 civilians were killed and 30 wounded when shells hit a market, the ministry said. "
    "Rebels said 40 soldiers had died. The army denied that and said it lost 4 soldiers.",
    "A man shot his son before killing himself, police said. The shooting was the third this year.",
    "",
    "Nothing happened here today.",
    "- - - 3 - 3 3 killed killed - killed 3 3 dead dead",
]


def test_extract_ids_are_unique(extractor: Extractor) -> None:
    extractions = _extract(extractor, *VARIED, title="Three killed, two hurt in shooting")
    claim_ids = Counter(c.id for e in extractions for c in e.claims)
    mention_ids = Counter(m.id for e in extractions for m in e.mentions)
    assert sum(claim_ids.values()) > 5 and sum(mention_ids.values()) > 3
    assert [i for i, n in claim_ids.items() if n > 1] == []
    assert [i for i, n in mention_ids.items() if n > 1] == []
