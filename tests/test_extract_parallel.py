"""Extraction in worker processes gives exactly what one process gives, in input order."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogofwar.extract import Extractor, _chunks, extract_chunk
from fogofwar.ingest import read_inputs
from fogofwar.model import Article
from fogofwar.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def example_articles() -> list[Article]:
    paths = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in {".txt", ".jsonl", ".xml", ".html"}]
    return [item for item in read_inputs(paths, settings=Settings()) if isinstance(item, Article)]


def test_extract_parallel_chunks_keep_order_and_size() -> None:
    chunks = list(_chunks(iter(range(7)), 3))  # type: ignore[arg-type]
    assert chunks == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(_chunks(iter([]), 3)) == []


@pytest.mark.slow
def test_extract_parallel_matches_one_process() -> None:
    articles = example_articles()
    assert len(articles) >= 5
    one = list(Extractor(Settings()).extract(articles))
    two = list(Extractor(Settings(n_process=2, batch_size=2, pool_min_articles=0)).extract(articles))
    assert [e.article_id for e in two] == [a.id for a in articles]
    assert [e.to_dict() for e in two] == [e.to_dict() for e in one]
    assert [e.to_dict() for e in extract_chunk(Settings(), articles[:2])] == [e.to_dict() for e in one[:2]]
