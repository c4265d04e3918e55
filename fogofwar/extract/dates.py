"""Date expressions in text -> date ranges with a precision, resolved against a reference date.

``resolve_dates(text, reference)`` finds expressions such as "yesterday", "last night",
"on Thursday", "Thursday and Friday", "July 27", "Jan. 25, 2013", "30 DECEMBER", "3 JAN 90",
"late July", "in August", "in 2012", "at the end of 2022", "two months ago", "last week",
and returns one :class:`DateMention` per expression with exact character offsets.

Precision follows ``model.DATE_PRECISIONS``: 1 day, 2 range or week (also early/mid/late
MONTH: days 1-10, 11-20, 21-end), 3 month (also a part of a year: "the end of 2022" is
September to December), 4 year.

Rules (documented choices):

* A weekday is the latest such day on or before the reference, never after it ("on Thursday"
  in a report of Saturday 27 July 2024 is 25 July); "last Thursday" is strictly before it.
* A month without a year is the most recent such month on or before the reference
  ("in August" in July 2024 is August 2023).
* A day without a year takes the reference's year unless that puts it more than
  ``future_tolerance_days`` (30) after the reference, then the year before (announcements of
  near-future dates stay in the reference's year).
* Two-digit years take the century that puts them nearest the reference, not after it by more
  than a year ("90" in 1990 reports); without a reference 00-30 are 20xx, the rest 19xx.
* Without a reference, absolute dates (with a year) still resolve; relative ones are skipped.
* "overnight" is the night before the reference ("detained overnight" = yesterday, as "last
  night"); before a noun ("an overnight raid", "overnight security operations", nouns in the
  lexicon's ``overnight_nouns``) it says what kind of operation, not which night, and is no
  date: the sentence is dated by another expression or, as an undated report, by its reference.
* A weekday followed by the date it names ("on Monday, 4 August") is one expression, dated by
  the explicit day; a day and month followed by a noun of a name ("the 19 April Movement",
  ``name_heads`` in the lexicon) is no date.

Every expression is found by compiled regular expressions built once from
``resources/dates_lexicon.json``; no per-call parser is loaded. (dateparser was tried: its
``PREFER_DATES_FROM='past'`` puts "July 29" in a report of July 28 a year back, it needs
~1 ms a call, and every form above is covered by the rules; so it is not used.)
"""

from __future__ import annotations

import calendar
import functools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from fogofwar.regex import alternation
from fogofwar.resources import load_json

log = logging.getLogger(__name__)

# Lexicon phrases as one alternation, longest first; a space matches any run of whitespace.
_phrases = functools.partial(alternation, flexible_spaces=True)

_Resolved = tuple[date, date, int, bool]  # start, end, precision, relative
_Handler = Callable[[re.Match[str], "date | None", "DateLexicon"], "_Resolved | None"]


@dataclass(frozen=True)
class DateMention:
    """A date expression: ``text == source[start:end]``, resolved to a date range.

    ``relative`` is True when the expression needed the reference date ("yesterday",
    "on Thursday", "July 27" without a year).
    """

    start: int
    end: int
    date_start: date
    date_end: date
    precision: int
    text: str
    relative: bool = False


@dataclass(frozen=True)
class DateLexicon:
    """The date vocabulary of ``resources/dates_lexicon.json`` (see :func:`date_lexicon`)."""

    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    future_tolerance: timedelta
    name_head: re.Pattern[str]  # matches right after a date that is part of a name


@functools.cache
def date_lexicon() -> DateLexicon:
    """The date lexicon, read once per process."""
    raw: dict[str, Any] = load_json("dates_lexicon.json")
    return DateLexicon(
        months=raw["months"],
        weekdays=raw["weekdays"],
        numbers=raw["numbers"],
        month_parts={k: (v[0], v[1]) for k, v in raw["month_parts"].items()},
        year_parts={k: (v[0], v[1]) for k, v in raw["year_parts"].items()},
        future_tolerance=timedelta(days=raw["future_tolerance_days"]),
        name_head=re.compile(rf"[ \t]+(?:{_phrases(raw['name_heads'])})\b", re.IGNORECASE),
    )


@functools.cache
def _rules() -> tuple[tuple[str, re.Pattern[str], _Handler], ...]:
    """(name, compiled pattern, handler) in priority order; built once from the lexicon."""
    raw: dict[str, Any] = load_json("dates_lexicon.json")
    lex = date_lexicon()
    # Only abbreviations take a full stop ("Jan."); "in August." keeps its sentence's.
    full = {max((k for k, v in lex.months.items() if v == n), key=len) for n in set(lex.months.values())}
    month = rf"(?:{_phrases(k for k in lex.months if k not in full)})\.?|(?:{_phrases(full)})"
    month = rf"(?:{month})"
    weekday = rf"(?:{_phrases(lex.weekdays)})"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year4 = r"(?:19|20)\d{2}"
    # A two-digit year only where nothing word-like follows ("3 JAN 90 (ACAN)", not "3 Jan 90 people").
    year2 = r"'?\d{2}(?=\s*(?:[^\w\s]|$))"
    dash = r"\s*(?:-|–|—|to|and|through|until|till)\s*"
    # What several rules share: a year after the day or month ("May 3, 2021"), a month after the
    # day ("3 of May"), and a part of a month or year before it ("the end of", "early", "mid-").
    then_year = rf"(?:,?\s+(?P<y>{year4})\b)?"
    of_month = rf"(?:of\s+)?(?P<m>{month})(?!\w)"
    part_m, part_y = (
        rf"\b(?:the\s+)?(?P<part>{_phrases(parts)})(?:\s+of)?[\s-]+"
        for parts in (lex.month_parts, lex.year_parts)
    )
    number = rf"(?:\d{{1,3}}|{_phrases(lex.numbers)})"
    month_cue = _phrases(raw["month_cues"])
    year_cue = _phrases([*raw["year_cues"], "least"])
    event_noun = _phrases(raw["year_event_nouns"])
    time_of_day = r"(?:\s+(?:morning|afternoon|evening|night))?"
    # "an overnight raid", "overnight security operations": an adjective saying what kind of
    # operation, not which night; "detained overnight in Khost" dates the detention.
    modifier = rf"(?!(?:{_phrases(raw['function_words'])})\b)[a-z][\w-]*"
    overnight = rf"overnight(?!\s+(?:{modifier}\s+){{0,2}}(?:{_phrases(raw['overnight_nouns'])})\b)"
    flags = re.IGNORECASE
    specs: list[tuple[str, str, _Handler]] = [
        ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b", _iso),
        ("md_range", rf"\b(?P<m>{month})\s+(?P<d1>{day}){dash}(?P<d2>{day})\b{then_year}", _day_range),
        ("dm_range", rf"\b(?P<d1>{day}){dash}(?P<d2>{day})\s+{of_month}{then_year}", _day_range),
        ("mdy", rf"\b(?P<m>{month})\s+(?P<d>{day})\b{then_year}", _day),
        ("dmy", rf"\b(?P<d>{day})\s+{of_month}(?:,?\s+(?P<y>{year4}\b|{year2}))?", _day),
        ("part_month", rf"{part_m}(?P<m>{month})(?!\w){then_year}", _part_month),
        ("part_year", rf"{part_y}(?P<y>{year4})\b", _part_year),
        ("month_year", rf"\b(?P<m>{month})\s*,?\s+(?:of\s+)?(?P<y>{year4})\b", _month),
        ("month", rf"\b(?:{month_cue})\s+(?P<x>(?P<m>{month}))(?!\w)", _month),
        (
            "weekday_range",
            rf"\b(?P<w1>{weekday}){time_of_day}{dash}(?P<w2>{weekday})\b{time_of_day}",
            _weekday_range,
        ),
        ("weekday", rf"\b(?:(?P<mod>last|this|past|next|on)\s+)?(?P<w>{weekday})\b{time_of_day}", _weekday),
        (
            "relative_day",
            r"\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night|"
            rf"this\s+(?:morning|afternoon|evening)|{overnight}|earlier\s+today)\b",
            _relative_day,
        ),
        ("ago", rf"\b(?P<n>{number})\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", _ago),
        (
            "relative_period",
            r"\b(?P<mod>last|this|next|past|earlier\s+this|later\s+this|over\s+the|at\s+the|the\s+past)\s+"
            r"(?P<unit>weekend|week|month|year)\b",
            _relative_period,
        ),
        ("year", rf"\b(?:{year_cue})\s+(?P<x>(?P<y>{year4}))\b", _year),
        # a year naming an event ("the 2004 attack", "A 2004 al-Qaida-linked militant attack")
        (
            "year_of_event",
            rf"\b(?:the|a|an|one|its|their)\s+(?P<x>(?P<y>{year4}))(?=\s+(?:[\w-]+\s+){{0,3}}?(?:{event_noun})\b)",
            _year,
        ),
    ]
    return tuple((name, re.compile(pattern, flags), handler) for name, pattern, handler in specs)


@functools.cache
def _prefilter() -> re.Pattern[str]:
    lex = date_lexicon()
    words = [
        *lex.months,
        *lex.weekdays,
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "night",
        "morning",
        "afternoon",
        "evening",
        "ago",
        "week",
        "weekend",
        "month",
        "year",
        "overnight",
    ]
    return re.compile(rf"\b(?:{_phrases(words)})\b|\b(?:19|20)\d\d\b", re.IGNORECASE)


# A capitalised "Today" right after this is the newspaper's name, not a date.
_NEWSPAPER_BEFORE = re.compile(r"\bUSA\s+$")


def resolve_dates(text: str, reference: date | None) -> list[DateMention]:
    """Find date expressions in ``text`` and resolve them against ``reference``.

    Returns non-overlapping :class:`DateMention` records in text order (the longest expression
    wins where two overlap). Relative expressions need ``reference``; without it they are
    skipped.

    >>> [(m.text, str(m.date_start), str(m.date_end), m.precision)
    ...  for m in resolve_dates("on Thursday and Friday", date(2024, 7, 27))]
    [('Thursday and Friday', '2024-07-25', '2024-07-26', 2)]
    """
    if not _prefilter().search(text):
        return []
    lex = date_lexicon()
    caps = _is_all_caps(text)
    found: list[tuple[int, int, int, _Resolved]] = []
    for priority, (_name, pattern, handler) in enumerate(_rules()):
        for match in pattern.finditer(text):
            if not caps and not _capitalised(match):
                continue
            if lex.name_head.match(text, match.end()):
                continue  # "the 19 April Movement", "July 26 Avenue": a name, not a date
            if _NEWSPAPER_BEFORE.search(text, 0, match.start()) and text[match.start()] == "T":
                continue  # "USA Today" is a newspaper
            resolved = _resolved_in_range(handler, match, reference, lex)
            if resolved is not None:
                # Group "x", where a rule has one, is the date itself without its cue word.
                start, end = match.span("x") if "x" in pattern.groupindex else match.span()
                found.append((start, end, priority, resolved))
    return _with_weekdays_merged(text, list(_without_overlaps(text, found)))


def _resolved_in_range(
    handler: _Handler, match: re.Match[str], reference: date | None, lex: DateLexicon
) -> _Resolved | None:
    """``handler``'s dates, or None when they fall outside the calendar (years 1-9999): "on
    Sunday" in a report dated 0001-01-01, "next year" in one dated 9999. The handlers do plain
    date arithmetic; out-of-range results are data, not a programming error, so they resolve
    to no date."""
    try:
        return handler(match, reference, lex)
    except (OverflowError, ValueError):
        log.debug("date %r out of range against %s", match.group(), reference)
        return None


# Between a weekday and the date that names the same day: "Monday, 4 August", "Wednesday [4 October]".
_WEEKDAY_DATE_GAP = re.compile(r"[ \t]*,?[ \t]*[\[(]?[ \t]*")


def _with_weekdays_merged(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """A weekday followed by a full day ("on Monday, 4 August") is one expression: the
    explicit day wins (the weekday only repeats it, or disagrees by a slip of the writer)."""
    lex = date_lexicon()
    merged: list[DateMention] = []
    for mention in mentions:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and mention.precision == 1
            and previous.precision == 1
            and previous.relative
            and _is_weekday(previous.text, lex)
            and _WEEKDAY_DATE_GAP.fullmatch(text, previous.end, mention.start)
        ):
            merged[-1] = replace(mention, start=previous.start, text=text[previous.start : mention.end])
            continue
        merged.append(mention)
    return merged


def _is_weekday(expression: str, lex: DateLexicon) -> bool:
    words = expression.lower().split()
    return any(word in lex.weekdays for word in words) and len(words) <= 3


def _without_overlaps(text: str, found: list[tuple[int, int, int, _Resolved]]) -> Iterator[DateMention]:
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int]] = []
    kept: list[tuple[int, int, _Resolved]] = []
    for start, end, _priority, resolved in found:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        kept.append((start, end, resolved))
    for start, end, (first, last, precision, relative) in sorted(kept, key=lambda k: k[0]):
        yield DateMention(start, end, first, last, precision, text[start:end], relative)


def _is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8


def _capitalised(match: re.Match[str]) -> bool:
    """Month and weekday names are capitalised in English; "may 5" is no date, "May 5" is."""
    for group in ("m", "w", "w1", "w2"):
        value = match.groupdict().get(group)
        if value and value[0].isalpha() and not value[0].isupper():
            return False
    return True


# --------------------------------------------------------------------------------------------
# Calendar helpers


def _month_of(token: str, lex: DateLexicon) -> int:
    return lex.months[token.rstrip(".").lower()]


def _day_of(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _expand_year(token: str, reference: date | None) -> int:
    digits = token.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    yy = int(digits)
    if reference is None:
        return 2000 + yy if yy <= 30 else 1900 + yy
    candidates = [century + yy for century in (1900, 2000, 2100)]
    allowed = [y for y in candidates if y <= reference.year + 1] or candidates
    return min(allowed, key=lambda y: abs(y - reference.year))


def _infer_year(month: int, day: int, reference: date, lex: DateLexicon) -> date | None:
    candidate = _safe_date(reference.year, month, day)
    if candidate is not None and candidate - reference > lex.future_tolerance:
        candidate = _safe_date(reference.year - 1, month, day)
    return candidate


def _recent_month(month: int, reference: date) -> int:
    """The year of the most recent ``month`` on or before ``reference``."""
    return reference.year if month <= reference.month else reference.year - 1


def _weekday_on_or_before(weekday: int, reference: date, *, strictly: bool = False) -> date:
    back = (reference.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return reference - timedelta(days=back)


# --------------------------------------------------------------------------------------------
# Handlers: match -> (start, end, precision, relative) or None


def _iso(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    day = _safe_date(int(match["y"]), int(match["m"]), int(match["d"]))
    return (day, day, 1, False) if day else None


def _day(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    month, day_number = _month_of(match["m"], lex), _day_of(match["d"])
    if match["y"]:
        day = _safe_date(_expand_year(match["y"], reference), month, day_number)
        return (day, day, 1, False) if day else None
    if reference is None:
        return None
    day = _infer_year(month, day_number, reference, lex)
    return (day, day, 1, True) if day else None


def _day_range(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    month, first, last = _month_of(match["m"], lex), _day_of(match["d1"]), _day_of(match["d2"])
    if last < first:
        return None
    if match["y"]:
        year, relative = int(match["y"]), False
    elif reference is not None:
        inferred = _infer_year(month, first, reference, lex)
        if inferred is None:
            return None
        year, relative = inferred.year, True
    else:
        return None
    start, end = _safe_date(year, month, first), _safe_date(year, month, last)
    if start is None or end is None:
        return None
    return start, end, 1 if start == end else 2, relative


def _part_month(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    month = _month_of(match["m"], lex)
    first, last = lex.month_parts[" ".join(match["part"].lower().split())]
    if match["y"]:
        year, relative = int(match["y"]), False
    elif reference is not None:
        year, relative = _recent_month(month, reference), True
    else:
        return None
    last = min(last, _last_day(year, month))
    return date(year, month, first), date(year, month, last), 2, relative


def _part_year(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved:
    year = int(match["y"])
    first, last = lex.year_parts[" ".join(match["part"].lower().split())]
    return date(year, first, 1), date(year, last, _last_day(year, last)), 3, False


def _month(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    month = _month_of(match["m"], lex)
    if match.groupdict().get("y"):
        year, relative = int(match["y"]), False
    elif reference is not None:
        year, relative = _recent_month(month, reference), True
    else:
        return None
    return date(year, month, 1), date(year, month, _last_day(year, month)), 3, relative


def _weekday(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    if reference is None:
        return None
    weekday = lex.weekdays[match["w"].lower()]
    modifier = (match["mod"] or "").lower()
    if modifier == "next":
        day = reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    else:
        day = _weekday_on_or_before(weekday, reference, strictly=modifier in ("last", "past"))
    return day, day, 1, True


def _weekday_range(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    if reference is None:
        return None
    end = _weekday_on_or_before(lex.weekdays[match["w2"].lower()], reference)
    start = _weekday_on_or_before(lex.weekdays[match["w1"].lower()], end)
    return start, end, 2, True


_RELATIVE_DAYS = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "tomorrow": 1,
    "last night": -1,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "overnight": -1,
    "earlier today": 0,
    "the day before yesterday": -2,
}


def _relative_day(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    if reference is None:
        return None
    day = reference + timedelta(days=_RELATIVE_DAYS[" ".join(match["rel"].lower().split())])
    return day, day, 1, True


def _shift_months(reference: date, months: int) -> tuple[int, int]:
    index = reference.year * 12 + reference.month - 1 - months
    return index // 12, index % 12 + 1


def _ago(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    if reference is None:
        return None
    token = " ".join(match["n"].lower().split())
    count = int(token) if token.isdigit() else lex.numbers[token]
    unit = match["unit"].lower()
    if unit == "day":
        day = reference - timedelta(days=count)
        return day, day, 1, True
    if unit == "week":
        middle = reference - timedelta(weeks=count)
        return middle - timedelta(days=3), middle + timedelta(days=3), 2, True
    if unit == "month":
        year, month = _shift_months(reference, count)
        return date(year, month, 1), date(year, month, _last_day(year, month)), 3, True
    year = reference.year - count * (10 if unit == "decade" else 1)
    return date(year, 1, 1), date(year, 12, 31), 4, True


def _relative_period(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved | None:
    if reference is None:
        return None
    modifier = " ".join(match["mod"].lower().split())
    unit = match["unit"].lower()
    offset = {"last": -1, "next": 1}.get(modifier, 0)
    if modifier == "the past":
        span = {"weekend": 3, "week": 7, "month": 30, "year": 365}[unit]
        return reference - timedelta(days=span), reference, 2 if unit in ("week", "weekend") else 3, True
    if unit == "weekend":
        saturday = _weekday_on_or_before(5, reference) + timedelta(weeks=max(offset, 0))
        if offset < 0 and reference.weekday() in (5, 6):
            saturday -= timedelta(weeks=1)
        return saturday, saturday + timedelta(days=1), 2, True
    if unit == "week":
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=offset)
        end = min(monday + timedelta(days=6), reference) if offset == 0 else monday + timedelta(days=6)
        return monday, end, 2, True
    if unit == "month":
        year, month = _shift_months(reference, -offset)
        end = date(year, month, _last_day(year, month))
        return date(year, month, 1), min(end, reference) if offset == 0 else end, 3, True
    year = reference.year + offset
    return (
        date(year, 1, 1),
        min(date(year, 12, 31), reference) if offset == 0 else date(year, 12, 31),
        4,
        True,
    )


def _year(match: re.Match[str], reference: date | None, lex: DateLexicon) -> _Resolved:
    year = int(match["y"])
    return date(year, 1, 1), date(year, 12, 31), 4, False


__all__ = ["DateLexicon", "DateMention", "date_lexicon", "resolve_dates"]
