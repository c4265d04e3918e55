"""Counts in text: number words and digits, qualifiers, ranges, vague amounts, non-counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.extract.numbers import find_quantities, parse_number

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split()
)
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _below_thousand(n: int, *, british: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(f"{_UNITS[hundreds]} hundred")
    if rest:
        if hundreds and british:
            words.append("and")
        if rest < 20:
            words.append(_UNITS[rest])
        else:
            tens, unit = divmod(rest, 10)
            words.append(_TENS[tens] + (f"-{_UNITS[unit]}" if unit else ""))
    return " ".join(words)


def to_words(n: int, *, british: bool = False) -> str:
    """English words for 0 <= n < 1,000,000 ("forty-seven", "one hundred and five")."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(_below_thousand(thousands, british=british) + " thousand")
    if rest:
        if thousands and british and rest < 100:
            parts.append("and")
        parts.append(_below_thousand(rest, british=british))
    return " ".join(parts)


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=999_999), st.booleans())
def test_numbers_words_round_trip(n: int, british: bool) -> None:
    assert parse_number(to_words(n, british=british)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=999_999))
def test_numbers_digits_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_numbers_found_in_a_sentence_with_offsets(n: int) -> None:
    text = f"Officials said {to_words(n)} soldiers were killed."
    (quantity,) = find_quantities(text)
    assert quantity.figure == n
    assert text[quantity.start : quantity.end] == quantity.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("forty-seven", 47),
        ("Forty Seven", 47),
        ("FORTY-SEVEN", 47),
        ("1,200", 1200),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("1.2 million", 1_200_000),
        ("3 thousand", 3000),
        ("two three", None),
        ("hundred", None),
        ("soldiers", None),
        ("2.5", None),
        ("", None),
    ],
)
def test_numbers_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 20 were killed", ("at least 20", 20, 20, None, "at_least")),
        ("about 20 rebels", ("about 20", 20, None, None, "about")),
        ("around 20 rebels", ("around 20", 20, None, None, "about")),
        ("some 20 rebels", ("some 20", 20, None, None, "about")),
        ("nearly 20 rebels", ("nearly 20", 20, None, None, "about")),
        ("approximately 20 rebels", ("approximately 20", 20, None, None, "about")),
        ("more than 100 were killed", ("more than 100", 101, 101, None, "at_least")),
        ("well over eight fighters fled", ("well over eight", 9, 9, None, "at_least")),
        ("more than a dozen homes", ("more than a dozen", 13, 13, None, "at_least")),
        ("up to 30 people", ("up to 30", 30, None, 30, "at_most")),
        ("20 to 30 people", ("20 to 30", 20, 20, 30, "at_least")),
        ("20-30 people", ("20-30", 20, 20, 30, "at_least")),
        ("between 20 and 30 people", ("between 20 and 30", 20, 20, 30, "at_least")),
        ("two or three people", ("two or three", 2, 2, 3, "at_least")),
        ("5 or more people", ("5 or more", 5, 5, None, "at_least")),
        ("twelve others", ("twelve", 12, 12, 12, "exact")),
        ("a dozen people", ("a dozen", 12, None, None, "about")),
        ("dozens were killed", ("dozens", 12, 12, None, "vague")),
        ("several insurgents", ("several", 3, 3, None, "vague")),
        ("a few militants", ("a few", 3, 2, None, "vague")),
        ("numerous suspects", ("numerous", 4, 4, None, "vague")),
        ("multiple suspects", ("multiple", 3, 3, None, "vague")),
        ("scores of people", ("scores", 20, 20, None, "vague")),
        ("tens of people", ("tens", 10, 10, None, "vague")),
        ("hundreds of people", ("hundreds", 100, 100, None, "vague")),
        ("tens of thousands of people", ("tens of thousands", 10000, 10000, None, "vague")),
        ("the few survivors", ("the few", None, None, None, "vague")),
        ("THREE SUBVERSIVES", ("THREE", 3, 3, 3, "exact")),
    ],
)
def test_numbers_find_quantities_qualifiers(text: str, expected: tuple) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.figure, quantity.low, quantity.high, quantity.qualifier) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a 23-year-old man",
        "a man aged 23 years old",
        "at 10:30 in the morning",
        "on July 29",
        "on 30 DECEMBER",
        "in 2012",
        "fighting since 2012.",
        "the AK-47 rifles",
        "an 82mm mortar",
        "press release 2013-01-S-025",
        "Military Detachment No. 4",
        "$5 million in aid",
        "a 15% rise",
        "no one was hurt",
    ],
)
def test_numbers_non_counts_are_left_out(text: str) -> None:
    assert find_quantities(text) == []


def test_numbers_two_counts_joined_by_and_stay_apart() -> None:
    found = find_quantities("three were killed and seven others were wounded")
    assert [q.figure for q in found] == [3, 7]


def test_numbers_number_offsets_point_at_the_number() -> None:
    text = "killing at least 84 mercenaries"
    (quantity,) = find_quantities(text)
    assert text[quantity.number_start : quantity.number_end] == "84"


@pytest.mark.parametrize(
    "text",
    [
        "the gunman shot his 9- and 13-year-old nephews",
        "a 20-month old girl was hurt",
        "shots were heard at 3 o'clock",
    ],
)
def test_numbers_ages_and_clock_times_are_not_counts(text: str) -> None:
    assert find_quantities(text) == []
