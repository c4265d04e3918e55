"""Tests for fogofwar.extract.dates: date expressions resolved against a reference date."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.extract.dates import DateMention, resolve_dates

SATURDAY = date(2024, 7, 27)  # a Saturday


def _one(text: str, reference: date | None = SATURDAY) -> DateMention:
    found = resolve_dates(text, reference)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expression", "start", "end", "precision"),
    [
        ("It happened yesterday.", "yesterday", "2024-07-26", "2024-07-26", 1),
        ("The town was calm today.", "today", "2024-07-27", "2024-07-27", 1),
        ("Shots rang out last night.", "last night", "2024-07-26", "2024-07-26", 1),
        ("Rebels attacked on Thursday.", "on Thursday", "2024-07-25", "2024-07-25", 1),
        ("Rebels attacked on Saturday.", "on Saturday", "2024-07-27", "2024-07-27", 1),
        ("Rebels attacked last Saturday.", "last Saturday", "2024-07-20", "2024-07-20", 1),
        ("They fought on Thursday and Friday.", "Thursday and Friday", "2024-07-25", "2024-07-26", 2),
        ("Talks are set for July 29.", "July 29", "2024-07-29", "2024-07-29", 1),
        ("It began on July 27.", "July 27", "2024-07-27", "2024-07-27", 1),
        ("Fighting in late July was heavy.", "late July", "2024-07-21", "2024-07-31", 2),
        ("Fighting in early July was heavy.", "early July", "2024-07-01", "2024-07-10", 2),
        ("By mid-July the town had fallen.", "mid-July", "2024-07-11", "2024-07-20", 2),
        ("He died in a crash in August.", "August", "2023-08-01", "2023-08-31", 3),
        ("The group was formed in 2012.", "2012", "2012-01-01", "2012-12-31", 4),
        ("He arrived on 30 December.", "30 December", "2023-12-30", "2023-12-30", 1),
        ("It ended two months ago.", "two months ago", "2024-05-01", "2024-05-31", 3),
        ("It ended 3 days ago.", "3 days ago", "2024-07-24", "2024-07-24", 1),
        ("A decade ago, a campaign began.", "A decade ago", "2014-01-01", "2014-12-31", 4),
        # a year naming an event
        ("One 2004 attack hit the consulate.", "2004", "2004-01-01", "2004-12-31", 4),
        ("A 2004 al-Qaida-linked militant attack hit it.", "2004", "2004-01-01", "2004-12-31", 4),
        ("Attacks rose last week.", "last week", "2024-07-15", "2024-07-21", 2),
        ("Attacks rose last month.", "last month", "2024-06-01", "2024-06-30", 3),
        ("They left the talks at the end of 2022.", "the end of 2022", "2022-09-01", "2022-12-31", 3),
        ("KABUL, Afghanistan (Jan. 25, 2013)", "Jan. 25, 2013", "2013-01-25", "2013-01-25", 1),
        ("Fighting on July 25-26, 2024 was heavy.", "July 25-26, 2024", "2024-07-25", "2024-07-26", 2),
        ("The report of 2024-07-28 says so.", "2024-07-28", "2024-07-28", "2024-07-28", 1),
        ("A truce held through May 2023.", "May 2023", "2023-05-01", "2023-05-31", 3),
        ("It was signed on the 25th of January 2013.", "25th of January 2013", "2013-01-25", "2013-01-25", 1),
    ],
)
def test_dates_resolve(text: str, expression: str, start: str, end: str, precision: int) -> None:
    found = _one(text)
    assert (found.text, found.date_start.isoformat(), found.date_end.isoformat(), found.precision) == (
        expression,
        start,
        end,
        precision,
    )
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "expressions"),
    [
        ("SAN SALVADOR, 3 JAN 90 (ACAN-EFE) -- TROOPS CLASHED YESTERDAY.", ["3 JAN 90", "YESTERDAY"]),
        ("GUERRILLAS ATTACKED ON THURSDAY AND FRIDAY IN AUGUST.", ["THURSDAY AND FRIDAY", "AUGUST"]),
        ("THE BOMBING OF 30 DECEMBER KILLED TWO.", ["30 DECEMBER"]),
    ],
)
def test_dates_all_caps(text: str, expressions: list[str]) -> None:
    found = resolve_dates(text, date(1990, 1, 5))
    assert [m.text for m in found] == expressions
    by_text = {m.text: m for m in found}
    if "3 JAN 90" in by_text:
        assert by_text["3 JAN 90"].date_start == date(1990, 1, 3)
    if "YESTERDAY" in by_text:
        assert by_text["YESTERDAY"].date_start == date(1990, 1, 4)
    if "30 DECEMBER" in by_text:
        assert by_text["30 DECEMBER"].date_start == date(1989, 12, 30)


def test_dates_several_years_in_one_sentence() -> None:
    found = resolve_dates("The junta came to power through coups in 2020 and 2021.", SATURDAY)
    assert [(m.text, m.precision) for m in found] == [("2020", 4), ("2021", 4)]


def test_dates_since_at_least() -> None:
    assert _one("They have been there since at least 2021.").date_start == date(2021, 1, 1)


def test_dates_without_reference_keep_absolute_only() -> None:
    text = "On Thursday, July 27, rebels recalled the attack of Jan. 25, 2013 and the coup in 2012."
    found = resolve_dates(text, None)
    assert [m.text for m in found] == ["Jan. 25, 2013", "2012"]
    assert all(not m.relative for m in found)


@pytest.mark.parametrize(
    "text",
    [
        "Troops may 5 times have crossed.",  # "may" is no month in lower case
        "Some 2000 soldiers were deployed.",  # a number, not a year
        "He ran in the 2017 General Election.",  # a year naming no violence dates no event
        "Nothing is dated here.",
        "He said it would march on.",
    ],
)
def test_dates_not_dates(text: str) -> None:
    assert resolve_dates(text, SATURDAY) == []


def test_dates_weekday_is_never_after_the_reference() -> None:
    for weekday in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        found = _one(f"It happened on {weekday}.")
        assert found.date_start <= SATURDAY and (SATURDAY - found.date_start).days < 7
        assert found.date_start.strftime("%A") == weekday


def test_dates_relative_flag() -> None:
    assert _one("It happened yesterday.").relative
    assert not _one("It happened in 2012.").relative


def test_dates_long_text_is_each_paragraph_again() -> None:
    # Speed is measured by bench/lookups.py (no wall clock here); this pins what a long text gives.
    paragraph = (
        "Rebels said on Saturday they had fought soldiers on Thursday and Friday near the border. "
        "A helicopter crashed on Friday. In August, a plane crashed; coups took place in 2020 and 2021. "
    )
    one = resolve_dates(paragraph, SATURDAY)
    many = resolve_dates(paragraph * 12, SATURDAY)
    assert len(one) >= 5 and len(many) == 12 * len(one)
    for i, found in enumerate(many):
        first, shift = one[i % len(one)], (i // len(one)) * len(paragraph)
        assert (found.start - shift, found.end - shift, found.date_start, found.date_end) == (
            first.start,
            first.end,
            first.date_start,
            first.date_end,
        )


@pytest.mark.parametrize(
    ("text", "expression", "day"),
    [
        ("Gunmen opened fire early this morning.", "this morning", SATURDAY),
        ("The mayor spoke this evening.", "this evening", SATURDAY),
        ("POLICE SAID THAT EARLY THIS\nMORNING A BOMB WENT OFF.", "THIS\nMORNING", SATURDAY),
    ],
)
def test_dates_time_of_day_today(text: str, expression: str, day: date) -> None:
    found = _one(text)
    assert (found.text, found.date_start, found.precision) == (expression, day, 1)


@pytest.mark.parametrize(
    ("text", "expression", "day"),
    [
        # The explicit day wins, even when the weekday does not match it (a writer's slip).
        ("The judge was shot on Monday, 4 March, outside her house.", "on Monday, 4 March", date(2024, 3, 4)),
        ("A CONVOY WAS AMBUSHED WEDNESDAY [3 JULY] NEAR THE BORDER.", "WEDNESDAY [3 JULY", date(2024, 7, 3)),
        ("Rebels attacked on Thursday, July 25, near Gao.", "on Thursday, July 25", date(2024, 7, 25)),
        ("Shelling resumed Friday (July 19) in the north.", "Friday (July 19", date(2024, 7, 19)),
    ],
)
def test_dates_weekday_followed_by_its_date_is_one_expression(text: str, expression: str, day: date) -> None:
    found = _one(text)
    assert (found.text, found.date_start, found.precision) == (expression, day, 1)
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "text",
    [
        "A leader of the 19 April Movement spoke to reporters.",
        "THE 19 APRIL MOVEMENT (M-19) LAID DOWN ITS WEAPONS.",
        "The march ended on July 26 Avenue.",
        "Fighters of the 23 March Brigade withdrew.",
    ],
)
def test_dates_day_and_month_in_a_name_is_no_date(text: str) -> None:
    assert resolve_dates(text, SATURDAY) == []


@pytest.mark.parametrize(
    ("reference", "first_day"),
    [
        (date(2011, 7, 30), date(2011, 7, 1)),  # the same month: this year's, not last year's
        (date(2011, 8, 2), date(2011, 7, 1)),
        (date(2011, 6, 30), date(2010, 7, 1)),  # a month still to come: last year's
    ],
)
def test_dates_month_alone_is_the_latest_on_or_before_the_reference(reference: date, first_day: date) -> None:
    found = _one("The district governor was shot in July.", reference)
    assert (found.date_start, found.precision) == (first_day, 3)


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("Two shops were looted overnight.", "overnight"),
        ("A bridge was hit overnight in the east.", "overnight"),
        ("Shelling went on OVERNIGHT, officials said.", "OVERNIGHT"),
    ],
)
def test_dates_overnight_as_adverb_is_last_night(text: str, expression: str) -> None:
    found = _one(text)
    assert (found.text, found.date_start, found.precision) == (expression, date(2024, 7, 26), 1)


@pytest.mark.parametrize(
    "text",
    [
        "Police made arrests during an overnight raid.",
        "Soldiers held a suspect after overnight security operations.",
        "An overnight air strike hit a depot.",
        "THE ARMY LAUNCHED OVERNIGHT PATROLS.",
    ],
)
def test_dates_overnight_before_a_noun_names_no_day(text: str) -> None:
    # "an overnight raid" says what kind of raid, not which night it was.
    assert resolve_dates(text, SATURDAY) == []


def test_dates_overnight_raid_dated_by_its_weekday() -> None:
    found = resolve_dates("A leader was seized in an overnight raid in the valley Monday.", SATURDAY)
    assert [(m.text, m.date_start) for m in found] == [("Monday", date(2024, 7, 22))]


def test_dates_usa_today_is_a_newspaper_not_a_date():
    found = resolve_dates(
        "A study by USA Today found 141 minors died in shootings in 2015.", date(2017, 1, 18)
    )
    assert [m.text for m in found] == ["2015"]
