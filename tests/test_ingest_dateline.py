"""Header parsing: date marker, title line, datelines (parametrized forms and properties)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.ingest.dateline import find_dateline, parse_header, resolve_date

# (raw text, published given, expected place, expected dateline date, expected agency)
DATELINES = [
    ("Bamako, July 27 (Reuters) – Rebels said they shot down a drone.", date(2024, 7, 28),
     "Bamako", date(2024, 7, 27), "Reuters"),
    ("Bamako, July 27 (Reuters) — Rebels said they shot down a drone.", date(2024, 7, 28),
     "Bamako", date(2024, 7, 27), "Reuters"),
    ("Bamako, July 27 (Reuters) - Rebels said they shot down a drone.", date(2024, 7, 28),
     "Bamako", date(2024, 7, 27), "Reuters"),
    ("Bamako, July 27 (Reuters) -- Rebels said they shot down a drone.", date(2024, 7, 28),
     "Bamako", date(2024, 7, 27), "Reuters"),
    ("KABUL, Afghanistan (Jan. 25, 2013)\nDuring an operation, a force detained two men.", None,
     "Kabul", date(2013, 1, 25), None),
    ("KABUL, Afghanistan (June 14) — A security force detained a facilitator.", date(2012, 6, 20),
     "Kabul", date(2012, 6, 14), None),
    ("SAN SALVADOR, 3 JAN 90 (RADIO CADENA) -- [TEXT] THE ARMY REPORTED CLASHES.", None,
     "San Salvador", date(1990, 1, 3), "RADIO CADENA"),
    ("SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE, COPREFA] [TEXT] THE UNIT SAID.", None,
     "San Salvador", date(1990, 1, 3), "ARMED FORCES PRESS COMMITTEE, COPREFA"),
    ("   SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE,\nCOPREFA] [TEXT] THE UNIT.", None,
     "San Salvador", date(1990, 1, 3), "ARMED FORCES PRESS COMMITTEE, COPREFA"),
    ("KYIV, Ukraine (AP) — Russia launched a wave of drones overnight.", None, "Kyiv", None, "AP"),
    ("GAZA CITY (AFP) - Strikes hit a school used as a shelter.", None, "Gaza City", None, "AFP"),
    ("DEIR AL-BALAH, Gaza Strip (AP) — A strike hit a tent camp.", None, "Deir al-Balah", None, "AP"),
    ("Deir al-Balah, Gaza Strip, March 3 (Reuters) - A strike hit a tent camp.", date(2024, 3, 4),
     "Deir al-Balah", date(2024, 3, 3), "Reuters"),
    ("SUMY, Ukraine, April 13 (Northline) – Two missiles hit the city.", date(2025, 4, 13),
     "Sumy", date(2025, 4, 13), "Northline"),
    ("ROME (ITALY), 11 JAN 90 -- [INTERVIEW] [EXCERPT] THE MINISTER SAID.", None,
     "Rome", date(1990, 1, 11), None),
    ("NO CITY (EL SALVADOR), 5 FEB 89 (FBIS) -- [EDITORIAL REPORT] [TEXT] A RADIO SAID.", None,
     "El Salvador", date(1989, 2, 5), "FBIS"),
    ("CLANDESTINE, 8 JAN 90 (RADIO VENCEREMOS)-- [TEXT] A WAR BULLETIN SAYS.", None,
     "Clandestine", date(1990, 1, 8), "RADIO VENCEREMOS"),
    ("SAN SALVADOR, 17 NOV 89 (INTERPRESS AGENCY [IPS]) -- [TEXT] PARTIES SAID.", None,
     "San Salvador", date(1989, 11, 17), "INTERPRESS AGENCY [IPS]"),
    ("TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT] A BOMB DAMAGED AN OFFICE.", date(1989, 2, 8),
     "Tegucigalpa", date(1989, 2, 7), "REUTER"),
    ("N'DJAMENA, Chad (AFP) — The army said it repelled an attack.", None, "N'Djamena", None, "AFP"),
    ("PORT-AU-PRINCE (AP) — Gangs attacked a police station.", None, "Port-au-Prince", None, "AP"),
    ("Kyiv, 14 March 2024 (Northline) – Air defences were active.", None,
     "Kyiv", date(2024, 3, 14), "Northline"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "published", "place", "when", "agency"), DATELINES)
def test_ingest_dateline_forms(
    raw: str, published: date | None, place: str, when: date | None, agency: str | None
) -> None:
    header = parse_header(raw, published=published)
    assert (header.dateline_place, header.dateline_date, header.agency) == (place, when, agency)
    assert header.body == raw.strip()  # the dateline stays in the body
    assert header.dateline_span is not None
    assert header.body[header.dateline_span.start : header.dateline_span.end] == header.dateline_span.text


@pytest.mark.parametrize(
    "raw",
    [
        "2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nDuring an operation a force detained two men.",
        "ISAF Joint Command - Afghanistan 2011-02-S-154 For Immediate Release   KABUL, Afghanistan "
        "(Jan. 25, 2013) Afghan and coalition forces detained two men.",
        "Operational update\u2028ISAF Joint Command - Afghanistan\u20282011-02-S-154\u2028"
        "For Immediate Release\u2028\u2028KABUL, Afghanistan (Jan. 25, 2013)\u2028Afghan forces held two.",
        "For Immediate Release KABUL, Afghanistan (Jan. 25, 2013) Afghan and coalition forces detained two.",
    ],
)
def test_ingest_dateline_after_press_release_header_lines(raw: str) -> None:
    header = parse_header(raw)
    assert (header.dateline_place, header.dateline_date) == ("Kabul", date(2013, 1, 25))
    assert "KABUL, Afghanistan" in header.body


@pytest.mark.parametrize(
    "raw",
    [
        "NATO-led forces said on Monday that two soldiers were wounded.",
        "In Bamako, July 27 was a quiet day, residents said.",
        "Jane Doe, Aug. 10, 2016 (Sheriff's Office)\n\nA man was arrested after the shooting.",
        "Copyright 2016 KMOV (Meredith Corporation). All rights reserved.",
        "Kabul (see below) was quiet on Friday.",
        "The army said 12 militants were killed; the group said it lost three fighters.",
        "A Kyiv resident – who asked not to be named – said the blast shook the building.",
    ],
)
def test_ingest_dateline_not_found_in_prose(raw: str) -> None:
    header = parse_header(raw, published=date(2024, 7, 28))
    assert header.dateline_place is None and header.agency is None and header.dateline_date is None


def test_ingest_dateline_only_searched_near_the_start() -> None:
    filler = "Nothing happened here today, officials said. " * 12  # > 400 characters
    assert find_dateline(filler + "\nKABUL, Afghanistan (Jan. 25, 2013)\nText.") is None
    assert find_dateline("Short note.\nKABUL, Afghanistan (Jan. 25, 2013)\nText.") is not None


@pytest.mark.parametrize(
    ("day", "month", "year", "published", "expected"),
    [
        (27, 7, None, date(2024, 7, 28), date(2024, 7, 27)),
        (31, 12, None, date(2025, 1, 2), date(2024, 12, 31)),  # previous year
        (28, 7, None, date(2024, 7, 27), date(2024, 7, 28)),  # one day ahead: time zones
        (20, 7, None, date(2024, 7, 10), date(2023, 7, 20)),  # well after publication
        (27, 7, None, None, None),  # no year, no publication date
        (3, 1, 90, None, date(1990, 1, 3)),
        (3, 1, 5, None, date(2005, 1, 3)),
        (3, 1, 99, date(2001, 5, 1), date(1999, 1, 3)),
        (25, 1, 2013, None, date(2013, 1, 25)),
        (30, 2, 2013, None, None),  # no such day
        (29, 2, None, date(2025, 3, 1), None),  # 2025-02-29 does not exist
    ],
)
def test_ingest_dateline_resolve_date(
    day: int, month: int, year: int | None, published: date | None, expected: date | None
) -> None:
    assert resolve_date(day, month, year, published=published) == expected


# --- marker and title --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "published", "body_start"),
    [
        ("date 2024-07-28\nBamako, July 27 (Reuters) – Text.", date(2024, 7, 28), "Bamako, July 27"),
        (" date 2024-07-28 Bamako, July 27 (Reuters) – Text on the same line.", date(2024, 7, 28), "Bamako"),
        ("date: 2024-07-28\n\nText after a blank line.", date(2024, 7, 28), "Text after"),
        ("date 2024-13-45\nNot a real date.", None, "date 2024-13-45"),
        ("dated reports say 2024-07-28 was calm.", None, "dated reports"),
    ],
)
def test_ingest_dateline_date_marker(raw: str, published: date | None, body_start: str) -> None:
    header = parse_header(raw)
    assert header.published == published
    assert header.body.startswith(body_start)


def test_ingest_dateline_given_published_wins_over_marker() -> None:
    header = parse_header("date 2024-07-28\nText of the report.", published=date(2024, 7, 30))
    assert header.published == date(2024, 7, 30)
    assert header.body == "Text of the report."


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Rebels Claim Heavy Losses in Desert Clashes\nRebels in the north said on Thursday.",
         "Rebels Claim Heavy Losses in Desert Clashes"),
        ("Who controls the border town?\nFighting went on for a third day.", "Who controls the border town?"),
        ("date 2024-07-28\nArmy says 20 militants killed\nThe army said on Saturday.",
         "Army says 20 militants killed"),
        ("The army said 12 militants were killed.\nThe group denied it.", None),  # a sentence
        ("Rebels Claim Heavy Losses\n", None),  # nothing follows
        ("2013-01-S-025\n\nKABUL, Afghanistan (Jan. 25, 2013)\nText.", None),  # an id, not words
        ("KYIV, Ukraine (AP) — Russia launched drones\nMore text follows here.", None),  # a dateline
        ("THE ARMY SAID THAT GUERRILLAS ATTACKED THE\nbase at dawn and fled.", None),  # hard-wrapped prose
        (" ".join(["word"] * 25) + "\nNext line.", None),  # too long
    ],
)  # fmt: skip
def test_ingest_dateline_title_line(raw: str, title: str | None) -> None:
    header = parse_header(raw)
    assert header.title == title
    if title is not None:
        assert title not in header.body
        assert header.body and not header.body.startswith(title)


@pytest.mark.parametrize(
    ("known", "removed"),
    [
        ("Strike hits city centre", True),
        ("Strike hits city centre - Example Post", True),  # site suffix
        ("A different headline entirely", False),
    ],
)
def test_ingest_dateline_known_title_removes_only_a_repeat(known: str, removed: bool) -> None:
    header = parse_header(
        "Strike hits city centre\nTwo missiles hit the centre, officials said.", title=known
    )
    assert header.title == known
    assert header.body.startswith("Two missiles") is removed


# --- properties ----------------------------------------------------------------------------

PLACES = ["Bamako", "KABUL", "Gaza City", "SAN SALVADOR", "Deir al-Balah", "Kyiv"]
AGENCIES = ["Reuters", "AP", "AFP", "Northline"]
MONTH_NAMES = [
    "January",
    "Feb.",
    "March",
    "Apr",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct",
    "Nov.",
    "Dec.",
]


@settings(max_examples=300, deadline=None)
@given(raw=st.text(max_size=600), published=st.none() | st.dates())
def test_ingest_dateline_never_crashes_and_body_is_a_suffix(raw: str, published: date | None) -> None:
    header = parse_header(raw, published=published)
    assert raw.rstrip().endswith(header.body)
    assert header.body == header.body.strip()
    if header.dateline_span is not None:
        span = header.dateline_span
        assert header.body[span.start : span.end] == span.text
    if header.title is not None:
        assert header.title in raw and "\n" not in header.title


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80), min_size=1, max_size=6
    ),
    published=st.none() | st.dates(),
)
def test_ingest_dateline_multiline_text_keeps_body_suffix(lines: list[str], published: date | None) -> None:
    raw = "\n".join(lines)
    header = parse_header(raw, published=published)
    assert raw.rstrip().endswith(header.body)
    in_range = published is not None and date(1900, 1, 1) <= published <= date(2100, 12, 31)
    assert header.published == (published if in_range else None)  # out of range: unknown


@settings(max_examples=200, deadline=None)
@given(
    marked=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    # A rest that itself starts with "date" would legitimately stay in the body.
    rest=st.text(min_size=1, max_size=200).filter(
        lambda t: t.strip() and not t[0].isspace() and not t.lower().startswith("date")
    ),
    inline=st.booleans(),
)
def test_ingest_dateline_marker_round_trip(marked: date, rest: str, inline: bool) -> None:
    raw = f"date {marked.isoformat()}{' ' if inline else chr(10)}{rest}"
    header = parse_header(raw)
    assert header.published == marked
    assert not header.body.startswith("date ")
    assert rest.rstrip().endswith(header.body)


@settings(max_examples=200, deadline=None)
@given(
    place=st.sampled_from(PLACES),
    agency=st.sampled_from(AGENCIES),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    published=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    dash=st.sampled_from(["-", "--", "–", "—"]),
)
def test_ingest_dateline_yearless_date_is_never_far_after_publication(
    place: str, agency: str, month: int, day: int, published: date, dash: str
) -> None:
    raw = f"{place}, {MONTH_NAMES[month - 1]} {day} ({agency}) {dash} The army said two soldiers died."
    header = parse_header(raw, published=published)
    assert header.agency == agency
    assert header.dateline_place is not None and header.dateline_place.casefold() == place.casefold()
    assert header.dateline_date is not None
    assert (header.dateline_date.month, header.dateline_date.day) == (month, day)
    assert published - timedelta(days=366) <= header.dateline_date <= published + timedelta(days=2)


# --- header dates: the report's own date when there is no dateline date ---------------------

# (raw text, published given, expected dateline date)
HEADER_DATES = [
    ("Apr. 9: Joint patrols in the east\nNEWS RELEASE\nIn Khost, a patrol detained a man.",
     date(2010, 4, 30), date(2010, 4, 9)),
    ("Dec. 6: Joint patrols in the east\nIn Khost, a patrol detained a man last night.",
     date(2010, 3, 31), date(2009, 12, 6)),  # a December before a March release: last year
    ("Apr. 9: Joint patrols in the east\nIn Khost, a patrol detained a man.", None, None),  # no year
    ("Joint Command Evening Operational Update, Feb. 3, 2011\nFor Immediate Release\n"
     "A patrol detained two men in Khost today.", None, date(2011, 2, 3)),
    ("Joint Command Morning Update March 4, 2011\nA patrol detained two men in Khost today.",
     None, date(2011, 3, 4)),
    # The dateline's own date wins over a header line.
    ("Joint Command Morning Update, Feb. 3, 2011\nKABUL, Afghanistan (Feb. 4, 2011) A patrol held two.",
     None, date(2011, 2, 4)),
    # A chronicle's entry: the date of what its sentence tells, not the report's.
    ("14 June: A police officer was shot dead at his home. His wife survived.", date(2019, 6, 15), None),
    ("Mar. 27: Operations in the South\nA patrol detained two men.", date(2011, 3, 28), date(2011, 3, 27)),
    # A prose line that happens to end with a date is no header.
    ("Officials said the patrol would return to the district on Feb. 3, 2011 and then leave it "
     "again for the winter months of that year.\nIt did.", None, None),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "published", "when"), HEADER_DATES)
def test_ingest_dateline_header_date(raw: str, published: date | None, when: date | None) -> None:
    header = parse_header(raw, published=published)
    assert header.dateline_date == when
    assert header.published == published  # the header date does not replace the publication date


def test_ingest_dateline_header_date_has_no_place() -> None:
    header = parse_header("Joint Command Morning Update, Feb. 3, 2011\nA patrol detained two men in Khost.")
    assert (header.dateline_place, header.dateline_span, header.dateline_date) == (
        None,
        None,
        date(2011, 2, 3),
    )


@pytest.mark.parametrize(
    "raw",
    [
        "date 0001-01-01\nSHELLING HITS MARKET\n\nKYIV, Jan. 3 (AP) - Shells hit a market, killing two.",
        "date 9999-12-31\nSHELLING HITS MARKET\n\nKYIV, Dec. 31 (AP) - Shells hit a market, killing two.",
        "KYIV, Dec. 31, 9999 (AP) - Shells hit a market, killing two.",
        "KYIV, Jan. 1, 1066 (AP) - Shells hit a market, killing two.",
    ],
)
def test_ingest_dateline_out_of_range_dates_unknown(raw: str, caplog: pytest.LogCaptureFixture) -> None:
    header = parse_header(raw, origin="far.txt")
    assert header.published is None and header.dateline_date is None
    assert header.body.endswith("killing two.")
    if raw.startswith("date"):
        assert "far.txt: publication date" in caplog.text


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31)])
def test_ingest_dateline_resolve_date_out_of_range_published(published: date) -> None:
    assert resolve_date(31, 12, None, published=published) is None
