"""Sentence splitting and the wire dateline kept out of the first sentence's parse."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from fogofwar.extract import body_start
from fogofwar.extract.sentences import split_sentences
from fogofwar.ingest import with_dateline_span
from fogofwar.model import Article, article_id


def _article(text: str) -> Article:
    return with_dateline_span(
        Article(id=article_id(text), text=text, source="testwire", published=date(2016, 3, 7))
    )


def test_sentences_dateline_is_a_sentence_of_its_own() -> None:
    text = "DAYTON, Ohio (WXYZ) — A man was killed on Sunday. Police said so.\n\nMore later."
    start = body_start(_article(text))
    assert text[:start] == "DAYTON, Ohio (WXYZ) —"
    assert [s.text for s in split_sentences(text, body_start=start)] == [
        "DAYTON, Ohio (WXYZ) —",
        "A man was killed on Sunday.",
        "Police said so.",
        "More later.",
    ]


def test_sentences_dateline_with_a_dash_glued_to_the_state() -> None:
    text = "FORT PIERCE, Fla.- A 20-year-old man was killed and two were hurt."
    assert text[body_start(_article(text)) :].lstrip().startswith("A 20-year-old man")


def test_sentences_no_dateline_no_split() -> None:
    for text in ("Maria Lopez, 19, was killed on Friday.", "Police said two men were shot.", ""):
        assert body_start(_article(text)) == 0
        assert [s.text for s in split_sentences(text, body_start=0)] == [
            s.text for s in split_sentences(text)
        ]


@given(st.text(alphabet='ab .!?\n"ABC', max_size=120), st.integers(min_value=0, max_value=130))
def test_sentences_offsets_are_exact_and_ordered(text: str, start: int) -> None:
    sentences = split_sentences(text, body_start=start)
    for index, sentence in enumerate(sentences):
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.text.strip() == sentence.text and sentence.text
        assert sentence.index == index
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
