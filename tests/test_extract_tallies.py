"""Tests for fogofwar.extract.tallies: joining the phrases of one sentence, and dropping repeats.

Claims are built by hand over short texts of our own; no spaCy.
"""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.attribution import claim_lexicon
from fogofwar.extract.tallies import (
    GROUP_JOINER,
    UNKNOWN,
    add_up,
    counts_others,
    drop_repeats,
    family,
    is_uninformative,
    join,
    joined_victims,
)
from fogofwar.model import Article, Claim, Span, article_id

TEXT = "Troops detained a commander and three other suspects, the army said. Rebels killed two more soldiers."
ARTICLE = Article(id=article_id(TEXT), text=TEXT)
ARMY = "Malian Armed Forces"
REBELS = "CSP-PSD"  # a rebel group of the registry
UNNAMED = "Unidentified Armed Group"


def claim(
    phrase: str,
    *,
    victims: str = UNKNOWN,
    outcome: str = "captured",
    figure: int | None = 1,
    claimant: str = ARMY,
    **fields: object,
) -> Claim:
    """A claim whose evidence is ``phrase`` where it stands in TEXT."""
    start = TEXT.index(phrase)
    end = start + len(phrase)
    return Claim(
        id=f"{phrase}|{victims}|{outcome}|{figure}|{claimant}|{sorted(fields.items())}",
        article_id=ARTICLE.id,
        claimant=claimant,
        victims=victims,
        outcome=outcome,
        evidence=Span(start, end, phrase),
        figure=figure,
        **fields,  # type: ignore[arg-type]
    )


def test_tallies_the_lexicon_names_the_groups_these_tests_use(registry: ActorRegistry) -> None:
    lex = claim_lexicon()
    assert lex.unnamed_armed_group == UNNAMED
    rebels, army = registry.get(REBELS), registry.get(ARMY)
    assert rebels is not None and rebels.kind in lex.joinable_kinds
    assert army is not None and army.kind not in lex.joinable_kinds


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [("arrested", "captured"), ("captured", "captured"), ("killed", "killed"), ("injured", "injured")],
)
def test_tallies_family(outcome: str, expected: str) -> None:
    assert family(outcome) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (REBELS, REBELS, REBELS),
        (REBELS, UNKNOWN, REBELS),
        (UNKNOWN, REBELS, REBELS),
        (UNKNOWN, UNKNOWN, UNKNOWN),
        # unnamed gunmen beside a named non-state armed group: one group, both names kept
        (REBELS, UNNAMED, GROUP_JOINER.join(sorted([REBELS, UNNAMED]))),
        (UNNAMED, REBELS, GROUP_JOINER.join(sorted([REBELS, UNNAMED]))),
        # two named groups, or unnamed gunmen beside an army: two groups
        (REBELS, ARMY, None),
        (ARMY, UNNAMED, None),
        ("civilians", REBELS, None),
    ],
)
def test_tallies_joined_victims(
    first: str, second: str, expected: str | None, registry: ActorRegistry
) -> None:
    assert joined_victims(first, second, registry) == expected


def test_tallies_join_adds_figures_and_spans_both_phrases(registry: ActorRegistry) -> None:
    first = claim("a commander", figure=1, low=1, high=1)
    second = claim("three other suspects", figure=3, low=3, high=3, claim_date=date(2024, 7, 27))
    joined = join(ARTICLE, first, second, registry)
    assert joined is not None
    assert (joined.figure, joined.low, joined.high, joined.victims) == (4, 4, 4, UNKNOWN)
    assert joined.evidence.text == "a commander and three other suspects"
    assert joined.evidence.text == TEXT[joined.evidence.start : joined.evidence.end]
    assert joined.claim_date is None  # the first phrase's fields, figures aside
    assert joined.id not in (first.id, second.id)


def test_tallies_join_takes_the_outcome_family_and_the_weaker_confidence(registry: ActorRegistry) -> None:
    first = claim("a commander", outcome="arrested", confidence=0.9)
    second = claim("three other suspects", outcome="captured", figure=3, confidence=0.6)
    joined = join(ARTICLE, first, second, registry)
    assert joined is not None and (joined.outcome, joined.figure, joined.confidence) == ("captured", 4, 0.6)
    same = join(ARTICLE, first, claim("three other suspects", outcome="arrested", figure=3), registry)
    assert same is not None and same.outcome == "arrested"


@pytest.mark.parametrize(
    "second",
    [
        claim("three other suspects", figure=None),  # a vague amount has no figure to add
        claim("three other suspects", figure=3, claimant=REBELS),  # two claimants
        claim("three other suspects", figure=3, outcome="killed"),  # two outcome families
        claim("three other suspects", figure=3, victims=ARMY),  # with first's REBELS: two groups
    ],
)
def test_tallies_join_refuses(second: Claim, registry: ActorRegistry) -> None:
    assert join(ARTICLE, claim("a commander", victims=REBELS), second, registry) is None


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("exact", "exact", "exact"),
        ("exact", "at_least", "at_least"),
        ("at_least", "exact", "at_least"),
        ("vague", "at_least", "vague"),
        ("at_least", "at_most", "about"),
    ],
)
def test_tallies_add_up_qualifier(first: str, second: str, expected: str) -> None:
    one = claim("a commander", figure=1, low=1, high=1, qualifier=first)
    other = claim("three other suspects", figure=3, low=3, high=3, qualifier=second)
    added = add_up(ARTICLE, one, other, UNKNOWN)
    assert added.qualifier == expected
    # "about" bounds nothing: a sum of an "at least" and an "at most" has no low or high
    assert (added.low, added.high) == ((None, None) if expected == "about" else (4, 4))


def test_tallies_is_uninformative() -> None:
    assert is_uninformative(
        claim("three other suspects", outcome="casualties", qualifier="vague", figure=None)
    )
    assert not is_uninformative(claim("three other suspects", outcome="casualties", figure=3))
    assert not is_uninformative(
        claim("three other suspects", outcome="casualties", qualifier="vague", victims=REBELS)
    )


def test_tallies_counts_others() -> None:
    lex = claim_lexicon()
    assert counts_others(claim("three other suspects", figure=3), lex)
    assert counts_others(claim("two more soldiers", outcome="killed", figure=2), lex)
    assert not counts_others(claim("a commander"), lex)
    # a vague amount told twice is one statement told twice
    assert not counts_others(claim("three other suspects", figure=None, qualifier="vague"), lex)
    # the additive word must lead the phrase: deep in a list it counts nothing
    assert not counts_others(claim("Troops detained a commander and three other"), lex)


def test_tallies_drop_repeats_keeps_one_copy_the_best_stated() -> None:
    plain = claim("a commander", victims=REBELS)
    dated = claim("a commander", victims=REBELS, claim_date=date(2024, 7, 27))
    confirmed = claim("a commander", victims=REBELS, stance="confirms")
    assert drop_repeats([plain, dated]) == [dated]
    assert drop_repeats([dated, confirmed]) == [confirmed]  # stance before date
    kept = drop_repeats([plain, claim("a commander", victims=REBELS)])
    assert len(kept) == 1 and kept[0] is plain  # the first of equal copies
    other_figure = claim("a commander", victims=REBELS, figure=2)
    assert drop_repeats([plain, other_figure]) == [plain, other_figure]


def test_tallies_drop_repeats_never_drops_a_count_of_others() -> None:
    more, again = (claim("two more soldiers", outcome="killed", figure=2) for _ in range(2))
    assert len(drop_repeats([more, again])) == 2


def test_tallies_drop_repeats_unknown_copy_of_a_named_count() -> None:
    named = claim("a commander", outcome="killed", figure=2, victims=ARMY)
    headline = claim("Rebels killed two", outcome="killed", figure=2)  # unknown victims, same figure
    other_claimant = claim("Rebels killed two", outcome="killed", figure=2, claimant=REBELS)
    assert drop_repeats([headline, named]) == [named]
    assert drop_repeats([other_claimant, named]) == [other_claimant, named]
