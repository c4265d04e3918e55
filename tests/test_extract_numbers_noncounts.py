"""Numbers that are not counts of people: ages, years, measures, phone numbers, addresses, marks.

Each rule comes from misreads on gun-violence news (GVA dev set), where such numbers had become
killed/injured figures ("43 y/o man ... killed" read as 43 killed, "2017 Man dead" as 2017 dead).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.extract.numbers import find_quantities

_AGE_FORMS = [
    "{n} y/o",
    "{n} y.o.",
    "{n} yo",
    "{n} yr old",
    "{n}-yr-old",
    "{n} yrs old",
    "{n}-year",
    "{n} year",
]
_PERSON_NOUNS = ["people", "Americans", "civilians", "others", "men", "children", "victims", "AMERICANS"]


def _figures(text: str) -> list[int | None]:
    return [q.figure for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text",
    [
        # ages written with an unusual unit, or after "age"
        "43 y/o man were shot and killed",
        "a 43 y.o. man was shot",
        "8 yo girl killed",
        "a 14 yr old boy was shot",
        "a 9-yr-old boy was shot",
        "body of the 14-year boy",
        "wounded a 16-year girl",
        "15-year-girl was shot",
        "a 15-year veteran deputy was killed",
        "Brayam Davila, age 10, was shot",
        "a man aged 19 died",
        "under the age of 15",
        # measures and other units after the number
        "the 3300 block of Main",
        "shot 10 times",
        "fired 11 shots into the crowd",
        "548 rounds of ammunition",
        "charged with 4 counts of attempted murder",
        "a 6-foot fence",
        "a 12-gauge shotgun",
        "drove 150 miles west",
        "died 4 days after the shooting",
        "in 24 hours",
        "a two-story house",
        # years
        "2017 Man dead",
        "2001 Isla Vista killings",
        "1991 killings",
        "Man in court for 2013 double homicide",
        "Copyright 2014 WAFF. All rights reserved.",
        "Operational Update May 7, 2011\nISAF Joint Command",
        "between 2010 and 2014",
        # times
        "between 9 and 11 p.m.",
        # emergency and telephone numbers
        "called 911",
        "a 911 caller's father dead",
        "a 9-1-1 call",
        "call 1-800-222-TIPS",
        "call Crime Stoppers at 713-222-TIPS.",
        "at 305-471-TIPS.",
        "call (213) 485-1383.",
        "call 485-1383 today",
        "call 528-CASH now",
        # addresses and road numbers
        "at 6740 N. Clark St., where",
        "dispatched to 2530 South Main Street",
        "on Interstate 85",
        "Highway 61 was closed",
        "Route 66",
        # dates, fractions, heights, page and gallery numbers, TV stations, reference marks
        "on 3/17/2014",
        "Image 1 of / 5",
        "Image 12 of 12",
        "Page 1 of 1",
        "a black male, 5'10\" tall",
        "told Fox 2 News",
        "Investigators told News Channel 6",
        "the killings.[11] He",
        "shot on bicycle [40] [41]",
        # an age and a home town after a name
        "Jordan Faulkner, 18 of Boscobel, died",
    ],
)
def test_numbers_non_counts_in_news_are_left_out(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("two small boys, ages 4 and 6, wounded", [2]),
        ("three males, ages 17, 18 and 22, were shot", [3]),
        ("Two victims, 17 and 23 years old, were struck", [2]),
        ("Police said a 16 and 17-year-old were shot", []),
        ("in 2015 two men were killed", [2]),
        ("Buy Photo Two adults in a car were also wounded", [2]),
        ("a boy aged five was shot", []),
        ("Image 12 of 12 3 killed, 2 wounded", [3, 2]),
        ("AT LEAST [9] PERSONS DIED", [9]),
        ("About 10 of Santiago's family members stood", [10]),
        ("5 Americans were killed", [5]),
        ("THREE AMERICANS WERE KILLED", [3]),
        ("Shooting leaves 2 dead, 5 injured", [2, 5]),
        ("4 Shot, 1 Killed in Stockton", [4, 1]),
        ("3 Killed On Main Street", [3]),
        ("at least 2,000 people were killed", [2000]),
        ("2000 people were killed", [2000]),
        ("killed 1,991 people", [1991]),
        ("between 20 and 30 people", [20]),
        ("shot at 5 am", []),
        # a whole date before the count: "01 Oct." has its day, the 7 are people
        ("01 Oct. 7 people killed in the attack", [7]),
        ("Oct. 7 people were killed", []),  # no day before the month: "Oct. 7" is the date
        ("LIMA, 3 MAR 90 -- FIVE PEOPLE DIED", [5]),
    ],
)
def test_numbers_counts_next_to_non_counts_are_kept(text: str, figures: list[int]) -> None:
    assert _figures(text) == figures


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=99),
    st.sampled_from(_AGE_FORMS),
    st.sampled_from(["boy", "girl", "man"]),
)
def test_numbers_ages_in_any_spelling_are_not_counts(age: int, form: str, noun: str) -> None:
    text = f"Police said a {form.format(n=age)} {noun} was shot and killed."
    assert find_quantities(text) == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1900, max_value=2099).filter(lambda y: y % 50),
    st.sampled_from(
        ["{y} Man dead", "{y} killings", "the {y} shooting", "Copyright {y} KSLA", "May 7, {y}\nTwo"]
    ),
)
def test_numbers_bare_four_digit_years_are_not_counts(year: int, template: str) -> None:
    assert year not in _figures(template.format(y=year))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.sampled_from(_PERSON_NOUNS))
def test_numbers_counts_of_people_survive_the_non_count_rules(n: int, noun: str) -> None:
    assert _figures(f"Police said {n} {noun} were killed.") == [n]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=200, max_value=999),
    st.integers(min_value=200, max_value=999),
    st.integers(min_value=0, max_value=9999),
    st.sampled_from(["({a}) {b}-{c:04d}", "{a}-{b}-{c:04d}", "1-{a}-{b}-{c:04d}", "{a}.{b}.{c:04d}"]),
)
def test_numbers_telephone_numbers_are_not_counts(area: int, exchange: int, line: int, template: str) -> None:
    text = f"Anyone with information is asked to call {template.format(a=area, b=exchange, c=line)}."
    assert find_quantities(text) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99), min_size=2, max_size=4))
def test_numbers_every_age_in_a_list_after_ages_is_left_out(ages: list[int]) -> None:
    listed = ", ".join(str(a) for a in ages[:-1]) + f" and {ages[-1]}"
    assert _figures(f"Four victims, ages {listed}, were wounded.") == [4]


def test_numbers_emergency_number_before_people_is_a_count() -> None:
    assert _figures("Police said 911 people were killed.") == [911]
    assert _figures("Police said 911 men were killed.") == [911]  # a bare "men" too
    assert _figures("911 AMERICANS DIED.") == [911]
    assert _figures("Neighbours called 911 dispatchers at once.") == []


def test_numbers_ages_written_with_long_dashes() -> None:
    assert _figures("the life of a 20\u2013year\u2013old student") == []
    assert _figures("a 20\u2014year\u2014old man") == []
