"""Duplicate reports: exact copies, syndicated copies with a new intro, unrelated stories."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from fogofwar.link.dedup import candidate_pairs, find_copies, is_copy, minhashes, shingles
from fogofwar.model import Article, article_id

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "link"
STORY = (FIXTURES / "wire_story.txt").read_text(encoding="utf-8")
NEW_INTRO = (
    "Four lorry drivers died and a nurse was hurt when armed men on motorcycles ambushed an aid "
    "convoy in the eastern hills on Tuesday, officials said."
)
UNRELATED = (
    "The city council voted on Monday to build a new library beside the river, after a debate that "
    "lasted most of the evening. Supporters said the old building was too small for the number of "
    "children who use it after school, while opponents worried about the cost and about parking. "
    "Work is expected to start next spring and to take two years, the mayor said, adding that the "
    "old library would become a community centre with rooms for clubs, classes and local groups."
)


def make_article(text: str, *, published: date | None = None, source: str | None = None) -> Article:
    return Article(id=article_id(text), text=text, published=published, source=source)


def with_new_intro(text: str) -> str:
    return "\n\n".join([NEW_INTRO, *text.split("\n\n")[1:]])


def test_link_dedup_exact_duplicate_is_one_article():
    first = make_article(STORY, published=date(2024, 3, 5))
    again = make_article(" ".join(STORY.split()).upper(), published=date(2024, 3, 6))  # same normalised text
    assert first.id == again.id
    assert find_copies([first, again]) == {}


def test_link_dedup_syndicated_copy_with_new_intro():
    original = make_article(STORY, published=date(2024, 3, 5), source="Wire")
    copy = make_article(with_new_intro(STORY), published=date(2024, 3, 6), source="Daily Paper")
    assert original.id != copy.id
    assert find_copies([copy, original]) == {copy.id: original.id}


def test_link_dedup_unrelated_articles_are_not_copies():
    story = make_article(STORY, published=date(2024, 3, 5))
    other = make_article(UNRELATED, published=date(2024, 3, 5))
    assert find_copies([story, other]) == {}


def test_link_dedup_original_is_earliest_published_then_first_stored():
    early = make_article(with_new_intro(STORY), published=date(2024, 3, 4))
    late = make_article(STORY, published=date(2024, 3, 5))
    undated = make_article(STORY.replace("Tuesday morning", "Tuesday"))
    assert find_copies([late, undated], known=[early]) == {late.id: early.id, undated.id: early.id}
    # undated articles: the first stored is the original
    assert find_copies([undated], known=[make_article(STORY)]) == {undated.id: article_id(STORY)}


def test_link_dedup_known_articles_are_originals_of_new_copies():
    stored = make_article(STORY, published=date(2024, 3, 5))
    new_copy = make_article(with_new_intro(STORY), published=date(2024, 3, 5))
    assert find_copies([new_copy], known=[stored]) == {new_copy.id: stored.id}


def test_link_dedup_duplicate_of_set_upstream_is_kept():
    article = Article(id="a" * 16, text="A short note.", duplicate_of="b" * 16)
    assert find_copies([article]) == {"a" * 16: "b" * 16}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 0), ("one two three", 1), ("one two three four five six", 2)],
)
def test_link_dedup_shingles_count(text, expected):
    assert len(shingles(text, size=5)) == expected


def test_link_dedup_shingles_ignore_case_and_spacing():
    messy = shingles("The  Convoy was\nattacked on Tuesday")
    assert np.array_equal(messy, shingles("the convoy WAS attacked on tuesday"))


def test_link_dedup_short_texts_only_match_exactly():
    a, b = shingles("gunmen attacked a convoy on tuesday"), shingles("gunmen attacked a convoy on monday")
    assert not is_copy(a, b)
    assert is_copy(a, a)


def test_link_dedup_minhash_matches_datasketch_update():
    sets = [shingles(STORY)]
    plain = MinHash(num_perm=128, seed=1, hashfunc=int)
    plain.update_batch(sets[0].tolist())
    assert np.array_equal(minhashes(sets, num_perm=128)[0].hashvalues, plain.hashvalues)


def test_link_dedup_candidate_pairs_once_and_ordered():
    sets = [shingles(STORY), shingles(UNRELATED), shingles(with_new_intro(STORY)), shingles(STORY)]
    pairs = list(candidate_pairs(sets))
    assert len(pairs) == len(set(pairs))
    assert all(i < j for i, j in pairs)
    assert (0, 2) in pairs and (0, 3) in pairs
    assert not any(1 in pair for pair in pairs)
