"""Counts in news text: digits and English number words, with their qualifiers and vague amounts.

``parse_number`` reads one number written in digits or words ("1,200", "forty-seven",
"a dozen", "one hundred and five", "1.2 million"). ``find_quantities`` finds every count in a
text with its character offsets, its qualifier ("at least 20", "around 20", "up to 30"),
ranges ("20 to 30", "between 20 and 30") and vague amounts ("dozens", "several"), and leaves
out numbers that are not counts (ages in any spelling, times, dates, years, money, percentages,
measures, telephone and emergency numbers, addresses, road numbers, page and reference marks).

All words, qualifiers and the vague-amount table live in ``resources/lexicon_numbers.json``;
its ``about`` field documents how each qualifier maps to figure / low / high.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from fogofwar.regex import alternation
from fogofwar.resources import load_json

_RESOURCE = "lexicon_numbers.json"

# Digits: "1,200" or "12" (a decimal only counts with a scale word: "1.2 million").
# A power of ten or another base ("10^100") reads as its value (which no count of people reaches).
_DIGITS = r"(?<![\w.,:/$€£^#-])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\^\d+)?(?![\w^]|[.,]\d|:\d)"
_WORD_SPLIT = re.compile(r"[a-z]+")
_PREV_WORD = re.compile(r"([A-Za-z]+)\.?\s*$")
_NEXT_WORD = re.compile(r"^\s*([A-Za-z]+)")
# Read right after a number, each makes it no count: the first of ages sharing one unit ("his
# 12- and 10-year-old sons", "two victims, 17 and 23 years old", "aged 4, 6 and 9 years old"), a
# date or fraction ("3/17/2014", "1 / 12"), a height ("5'10").
_NOT_COUNT_AFTER = (
    re.compile(
        r"\s*-?\s*(?:,\s*\d+\s*-?\s*)*,?\s*(?:and|or|to|&)\s+\d+\s*-?\s*(?:years?|months?|weeks?)\s*-?\s*old",
        re.IGNORECASE,
    ),
    re.compile(r"\s*/\s*\d"),
    re.compile(r"['’]\s*\d"),
)
# Read right before it: a photo gallery or pagination ("Image 12 of 12", "Page 1 of 1", "Image 1
# of / 5"), a date or fraction, a height.
_NOT_COUNT_BEFORE = (
    re.compile(r"\b(?:images?|photos?|pages?|slides?|pictures?)\s+\d+\s+of\s*/?\s*$", re.IGNORECASE),
    re.compile(r"\d\s*/\s*$"),
    re.compile(r"\d\s*['’]\s*$"),
)
# A count of people right after the number: "911 people", "911 Americans".
_PEOPLE_AFTER = re.compile(
    r"\s+(?!call|dispatch|operat|respond)(?:people|persons|[a-z]*(?:men|ans|ers|ees|ists|ren|ims))\b",
    re.IGNORECASE,
)
# A day and a month right before a number: the date is whole, the number is no day of it.
_DAY_MONTH_BEFORE = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3,9}\.?\s+$")
_DASHES_AS_HYPHENS = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})
# A name, then an age and a home town: "Jordan Faulkner, 18 of Boscobel".
_NAME_BEFORE = re.compile(r"[A-Z][\w.'’-]*,[ \t]+$")
_OF_PLACE = re.compile(r"[ \t]+of[ \t]+[A-Z][a-z]")
_REFERENCE_AFTER = re.compile(r"\][ \t]*(?:\[|:\d|\n|$)")
_TV_STATION = re.compile(r"\s+News\b")  # "Region 8 News", "Fox 2 News" (case-sensitive)
# Telephone numbers: "(213) 485-1383", "713-222-TIPS", "1-800-222-8477", "262-TIPS", "9-1-1".
_PHONE = re.compile(
    r"\(\d{3}\)\s*-?\s*\d{3}\s*[-.]\s*\d{4}(?!\d)"
    r"|(?<![\w-])(?:1\s*-\s*)?\d{3}\s*[-.]\s*\d{3}\s*[-.]\s*(?:\d{4}(?!\d)|[A-Z]{4}\b)"
    r"|(?<![\w-])[2-9]\d{2}-(?!\d\d00\b)\d{4}(?![\d-])"
    r"|(?<![\w-])\d{3}-[A-Z]{4}\b"
    r"|(?<![\w-])9-1-1(?![\w-])"
)


@dataclass(frozen=True)
class Quantity:
    """A count found in a text. Offsets index the searched text.

    ``number_start``/``number_end`` span the number itself without its qualifier (the word a
    noun attaches to: "84" in "at least 84", "dozens" in "dozens of"); for ranges, the second
    number. ``figure`` is None for amounts that give no count ("many", "the few").
    """

    start: int
    end: int
    text: str
    figure: int | None
    low: int | None
    high: int | None
    qualifier: str
    number_start: int
    number_end: int


@dataclass(frozen=True)
class VagueAmount:
    """One row of the vague-amount table."""

    figure: int | None
    low: int | None
    high: int | None


@dataclass(frozen=True)
class NumberLexicon:
    """The number vocabulary, loaded once from resources, with its compiled patterns."""

    units: dict[str, int]
    tens: dict[str, int]
    plausible_ceiling: int  # the largest figure a claim may give (see the resource's "about")
    max_digits: int  # longer numbers read as 10 ** max_digits
    scales: dict[str, int]
    multipliers: dict[str, int]
    qualifiers: dict[str, str]
    exclusive_qualifiers: frozenset[str]
    post_qualifiers: dict[str, str]
    vague: dict[str, VagueAmount]
    months: frozenset[str]
    year_prepositions: frozenset[str]
    non_count_after: tuple[str, ...]
    non_count_before: tuple[str, ...]
    emergency_numbers: frozenset[str]
    unit_pattern: re.Pattern[str]
    prev_word_pattern: re.Pattern[str]
    age_word_pattern: re.Pattern[str]
    address_pattern: re.Pattern[str]
    age_list_pattern: re.Pattern[str]
    quantity_pattern: re.Pattern[str]
    number_pattern: re.Pattern[str]


def _any_of(phrases: list[str]) -> str:
    """The phrases as one group, longest first ("a few dozen" wins over "a few"); a space in a
    phrase matches any whitespace."""
    return f"(?:{alternation(phrases, flexible_spaces=True)})"


def _spaced(phrase: str) -> str:
    """A phrase of the resource as a key: its words joined by single spaces."""
    return " ".join(phrase.split())


def _build_patterns(data: dict[str, Any]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The pattern of a count in running text (with its qualifier, a range or a vague amount) and
    the pattern of one whole number."""
    word = _any_of([*data["units"], *data["tens"], *data["scales"], *data["multipliers"]])
    scale_word = _any_of([*data["scales"], *data["multipliers"]])
    # "a"/"an" only before a scale ("a hundred", "a dozen"); words joined by hyphens, "and" or spaces
    word_seq = rf"\b(?:(?:a|an)\s+(?={scale_word}\b))?{word}(?:(?:\s*-\s*|\s+and\s+|\s+){word})*\b"
    # The second number of a range may follow a hyphen ("20-30").
    core, core2 = (
        rf"(?:{digits}(?:\s+{scale_word}\b)?|{word_seq})"
        for digits in (_DIGITS, _DIGITS.replace("#-]", "#]", 1))
    )
    quantity = (
        rf"(?P<vague>\b{_any_of(list(data['vague_amounts']))}\b)"
        rf"|(?:\bbetween\s+(?P<b1>{core})\s+and\s+(?P<b2>{core}))"
        rf"|(?P<q>\b{_any_of(list(data['qualifiers']))}(?!\w)\s*)?(?P<n1>{core})"
        rf"(?:(?:\s*[-–—]\s*|\s+(?:to|or)\s+)(?P<n2>{core2}))?"
        rf"(?P<post>\s+{_any_of(list(data['post_qualifiers']))}\b)?"
    )
    flags = re.IGNORECASE
    return re.compile(quantity, flags), re.compile(rf"^\s*{core}\s*$", flags)


def _age_list_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    """ "ages 4 and 6", "ages 17, 18 and 19": every number in a list introduced by "ages" is an age."""
    word = _any_of([*data["units"], *data["tens"]])
    number = rf"(?:\d+|{word}(?:-{word})?)"
    return re.compile(
        rf"\bages\s+(?:of\s+)?(?:{number}\s*,\s*)*{number}\s*(?:,|,?\s*(?:and|or|&))\s+$", re.IGNORECASE
    )


@functools.cache
def number_lexicon() -> NumberLexicon:
    """Load ``resources/lexicon_numbers.json`` once and compile its patterns."""
    data = load_json(_RESOURCE)
    quantity_pattern, number_pattern = _build_patterns(data)
    tables = {key: dict(data[key]) for key in ("units", "tens", "scales", "multipliers")}
    word_sets = {key: frozenset(data[key]) for key in ("months", "year_prepositions", "emergency_numbers")}
    return NumberLexicon(
        **tables,
        **word_sets,
        plausible_ceiling=int(data["plausible_ceiling"]),
        max_digits=int(data["max_digits"]),
        qualifiers={_spaced(k): v for k, v in data["qualifiers"].items()},
        exclusive_qualifiers=frozenset(_spaced(k) for k in data["exclusive_qualifiers"]),
        post_qualifiers={_spaced(k): v for k, v in data["post_qualifiers"].items()},
        vague={
            _spaced(k): VagueAmount(v["figure"], v["low"], v["high"])
            for k, v in data["vague_amounts"].items()
        },
        non_count_after=tuple(data["non_count_after"]),
        non_count_before=tuple(data["non_count_before"]),
        # "43 y/o", "a 14-year boy", "15-year veteran", "3300 block", "shot 10 times"
        unit_pattern=re.compile(rf"\s*(?:-\s*)?{_any_of(data['non_count_units'])}(?![a-z])", re.IGNORECASE),
        # "Highway 61", "Copyright 2014", "per 100,000": only spaces between word and number
        prev_word_pattern=re.compile(
            rf"(?:^|(?<=[^\w])){_any_of(data['non_count_prev_words'])}\s+$", re.IGNORECASE
        ),
        # "age 19", "aged five"
        age_word_pattern=re.compile(rf"(?:^|(?<=[^\w])){_any_of(data['age_words'])}\s+$", re.IGNORECASE),
        # "6740 N. Clark St.", "1200 Main Street": a house number
        address_pattern=re.compile(
            rf"\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w'’]*\.?\s+){{1,3}}"
            rf"{_any_of([w.capitalize() for w in data['street_suffixes']])}\b"
        ),
        age_list_pattern=_age_list_pattern(data),
        quantity_pattern=quantity_pattern,
        number_pattern=number_pattern,
    )


def _words_value(words: list[str], lex: NumberLexicon) -> tuple[int | None, int]:
    """Value of the longest valid prefix of ``words`` and how many words it used.

    Grammar: chunks below 1000 ("one hundred and five", "forty seven") joined by scale words
    ("thousand", "million"); "a"/"an" only before a scale or "dozen"; "and" only after a scale.
    """
    total = 0
    current = 0
    last = ""  # class of the previous word: unit, teen, tens, hundred, scale, dozen, and, a
    last_scale = 0
    valid_used = 0
    valid_value: int | None = None
    for i, w in enumerate(words):
        if w in ("a", "an"):
            if i != 0:
                break
            current, last = 1, "a"
        elif w == "and":
            if last not in ("hundred", "scale"):
                break
            last = "and"
        elif w in lex.units:
            value = lex.units[w]
            if last in ("unit", "teen", "a", "dozen") or (last == "tens" and value >= 10):
                break
            current += value
            last = "teen" if value >= 10 else "unit"
        elif w in lex.tens:
            if last in ("unit", "teen", "tens", "a", "dozen"):
                break
            current += lex.tens[w]
            last = "tens"
        elif w == "hundred":
            if last in ("", "hundred", "and", "dozen", "scale") or current >= 100:
                break
            current = (current or 1) * 100
            last = "hundred"
        elif w in lex.scales:
            scale = lex.scales[w]
            if last in ("", "scale", "and", "dozen") or (last_scale and scale >= last_scale):
                break
            total += (current or 1) * scale
            current, last, last_scale = 0, "scale", scale
        elif w in lex.multipliers:
            if last in ("", "dozen", "and", "scale"):
                break
            current = (current or 1) * lex.multipliers[w]
            last = "dozen"
        else:
            break
        if last not in ("and", "a"):
            valid_used, valid_value = i + 1, total + current
    return valid_value, valid_used


def _digits_value(text: str, lex: NumberLexicon) -> int | None:
    match = re.match(r"\s*([\d,]+(?:\.\d+)?)(?:\^(\d+))?\s*([A-Za-z]+)?\s*$", text)
    if not match:
        return None
    number, power, scale = match.group(1).replace(",", ""), match.group(2), (match.group(3) or "").lower()
    factor = lex.scales.get(scale) or lex.multipliers.get(scale) or 1
    if scale and factor == 1:
        return None
    whole = number.partition(".")[0].lstrip("0")
    if len(whole) > lex.max_digits:
        return 10**lex.max_digits  # far past any ceiling; int() of thousands of digits fails
    if power is not None:
        return None if "." in number else _power(int(number), power, lex) * factor
    if "." in number:
        if factor == 1:
            return None  # "2.5" is a measure, not a count of people
        return round(float(number) * factor)
    return int(number) * factor


def _power(base: int, exponent: str, lex: NumberLexicon) -> int:
    """``base`` ** ``exponent``, held at 10 ** max_digits (so "10^99999999" costs nothing)."""
    if base < 2:
        return base if exponent.strip("0") else 1
    if len(exponent) > 6 or int(exponent) * math.log10(base) > lex.max_digits:
        return 10**lex.max_digits
    return int(base ** int(exponent))


def is_plausible(value: int | None) -> bool:
    """Whether a figure is a count of people a report can give: None (no figure) or at most
    the ceiling of ``resources/lexicon_numbers.json`` (its ``about_plausible_ceiling``)."""
    return value is None or value <= number_lexicon().plausible_ceiling


def parse_number(text: str) -> int | None:
    """Parse one number written in digits or English words; None when ``text`` is not one.

    >>> parse_number("forty-seven"), parse_number("1,200"), parse_number("a dozen")
    (47, 1200, 12)
    """
    lex = number_lexicon()
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if cleaned[0].isdigit():
        return _digits_value(cleaned, lex)
    words = _WORD_SPLIT.findall(cleaned)
    value, used = _words_value(words, lex)
    return value if used == len(words) and words else None


def _core_value(text: str, lex: NumberLexicon) -> tuple[int | None, int]:
    """Value of a matched number core and how many characters of it were valid."""
    if text[0].isdigit():
        return _digits_value(text, lex), len(text)
    spans = [(m.start(), m.end()) for m in _WORD_SPLIT.finditer(text.lower())]
    words = [text[s:e].lower() for s, e in spans]
    value, used = _words_value(words, lex)
    if not used:
        return None, 0
    return value, spans[used - 1][1]


def _starts_with_marker(after: str, marker: str) -> bool:
    # A marker that ends in a letter must end a word: "5 am" is a time, "5 Americans" a count.
    if not after.startswith(marker):
        return False
    return not marker[-1:].isalpha() or not after[len(marker) : len(marker) + 1].isalpha()


def _is_reference(text: str, start: int, end: int) -> bool:
    """A reference mark as on Wikipedia ("society.[105][106]"), not a bracketed insertion in
    running text ("AT LEAST [9] PERSONS DIED")."""
    if text[start - 1 : start] != "[" or text[end : end + 1] != "]":
        return False
    attached = start >= 2 and not text[start - 2].isspace()
    return attached or bool(_REFERENCE_AFTER.match(text, end))


def _is_year(core: str, text: str, end: int, prev: str | None, lex: NumberLexicon) -> bool:
    """A four-digit number from 1900 to 2099 read as a year (or a 24-hour clock time)."""
    if not (core.isdigit() and len(core) == 4 and 1900 <= int(core) <= 2100):
        return False
    if int(core) % 50:
        return True  # counts this large are written "2,017"; a bare "2017" is a year
    follows = text[end : end + 1].translate(_DASHES_AS_HYPHENS)
    return (
        (prev is not None and prev in lex.year_prepositions) or end >= len(text) or follows in ",.;:)'\"’”-"
    )


def _is_non_count(text: str, start: int, end: int, core: str, lex: NumberLexicon) -> bool:
    """Ages, times, dates, years, money, percentages, measures and serial numbers are not counts."""

    def window(first: int, last: int) -> str:
        # Long dashes stand for hyphens ("20–year–old"); only the few characters read around the
        # number are translated, not the whole text once per number.
        return text[max(0, first) : last].translate(_DASHES_AS_HYPHENS)

    before = window(start - 12, start).lower()
    after = window(end, end + 14).lower()
    if any(before.rstrip().endswith(marker) for marker in lex.non_count_before):
        return True
    if any(_starts_with_marker(after.lstrip(" "), marker) for marker in lex.non_count_after):
        return True
    if re.match(r"\s*(?:-|\s)?years?[-\s]old", after):
        return True
    window_after = window(end, end + 40)
    window_before = window(start - 40, start)
    if any(pattern.match(window_after) for pattern in (lex.unit_pattern, *_NOT_COUNT_AFTER)):
        return True  # "43 y/o", "the 3300 block", "shot 10 times", "his 12- and 10-year-old sons", "5'10"
    before_patterns = (lex.age_word_pattern, lex.age_list_pattern, *_NOT_COUNT_BEFORE)
    if any(pattern.search(window_before) for pattern in before_patterns):
        return True  # "age 19", "aged five", "ages 4 and 6", "Image 12 of 12", "3/17"
    if core in lex.emergency_numbers and not _PEOPLE_AFTER.match(window_after):
        return True  # "called 911", "a 911 call" ("911 people" is a count)
    if _is_reference(text, start, end):
        return True  # a reference mark: "the killings.[11]"
    if core[:1].isdigit():
        if lex.prev_word_pattern.search(window_before):
            return True  # "Highway 61", "Copyright 2014", "Image 3" (but "Photo Two adults were shot")
        if _TV_STATION.match(window_after):
            return True
        if _NAME_BEFORE.search(window_before) and _OF_PLACE.match(window_after):
            return True  # "Jordan Faulkner, 18 of Boscobel": an age
        if len(core) >= 3 and lex.address_pattern.match(window_after):
            return True  # "6740 N. Clark St."
    prev_word = _PREV_WORD.search(window(start - 20, start))
    next_word = _NEXT_WORD.match(window(end, end + 20))
    prev = prev_word.group(1).lower() if prev_word else None
    if prev in lex.months and core[:1].isdigit():
        # "Oct. 7"; but in "01 Oct. 7 people killed" the date has its day, and people follow
        whole_date = _DAY_MONTH_BEFORE.search(window(start - 20, start)) is not None
        if not (whole_date and _PEOPLE_AFTER.match(window_after)):
            return True
    if next_word and next_word.group(1).lower() in lex.months and core[:1].isdigit():
        return True
    if _is_year(core, text, end, prev, lex):
        return True
    return before.endswith("no ") and core.lower() == "one"


def _make(
    text: str,
    start: int,
    end: int,
    values: tuple[int | None, int | None, int | None, str],
    number: tuple[int, int],
) -> Quantity:
    figure, low, high, qualifier = values
    return Quantity(start, end, text[start:end], figure, low, high, qualifier, number[0], number[1])


def _from_match(text: str, match: re.Match[str], lex: NumberLexicon) -> tuple[Quantity | None, int]:
    """Turn one regex match into a Quantity (or None) and the position to continue from."""
    if match.group("vague"):
        amount = lex.vague[" ".join(match.group("vague").lower().split())]
        values = (amount.figure, amount.low, amount.high, "vague")
        return _make(text, match.start(), match.end(), values, (match.start(), match.end())), match.end()
    if match.group("b1"):
        low, _ = _core_value(match.group("b1"), lex)
        high, _ = _core_value(match.group("b2"), lex)
        if low is None or high is None or high <= low:
            return None, match.end()
        b1_start, b1_end = match.span("b1")
        if _is_non_count(text, b1_start, b1_end, match.group("b1").strip(), lex) or _is_non_count(
            text, match.start("b2"), match.end(), match.group("b2").strip(), lex
        ):
            return None, match.end()  # "between 2010 and 2014", "between 9 and 11 p.m."
        b2 = match.span("b2")
        return _make(text, match.start(), match.end(), (low, low, high, "at_least"), b2), match.end()
    n1_start, n1_end = match.span("n1")
    value, valid = _core_value(match.group("n1"), lex)
    if value is None:
        return None, max(match.end("n1"), match.start() + 1)
    if valid < n1_end - n1_start:
        # "three and seven": only "three" is a number; continue scanning after it.
        n1_end = n1_start + valid
        return _single(text, match, lex, value, n1_start, n1_end), n1_end
    if _is_non_count(text, n1_start, match.end(), match.group("n1").strip(), lex):
        return None, match.end()
    if match.group("n2"):
        second, valid2 = _core_value(match.group("n2"), lex)
        if second is not None and second > value and valid2 == len(match.group("n2")):
            span = match.span("n2")
            end = match.end()
            return _make(text, match.start(), end, (value, value, second, "at_least"), span), end
        return _single(text, match, lex, value, n1_start, n1_end), n1_end
    quantity = _single(text, match, lex, value, n1_start, n1_end)
    if match.group("post") and quantity is not None:
        qualifier = lex.post_qualifiers[" ".join(match.group("post").lower().split())]
        values = (
            (value, value, None, qualifier) if qualifier == "at_least" else (value, None, None, qualifier)
        )
        return _make(text, quantity.start, match.end(), values, (n1_start, n1_end)), match.end()
    return quantity, n1_end


def _single(
    text: str, match: re.Match[str], lex: NumberLexicon, value: int, n_start: int, n_end: int
) -> Quantity | None:
    if _is_non_count(text, n_start, n_end, text[n_start:n_end].strip(), lex):
        return None
    start = match.start()
    qualifier = "exact"
    if match.group("q"):
        stated = " ".join(match.group("q").lower().split())
        qualifier = lex.qualifiers[stated]
        if stated in lex.exclusive_qualifiers:
            value += 1  # "more than five" excludes five: at least six
    elif re.fullmatch(r"(?i)(?:a|an)\s+dozen", text[n_start:n_end].strip()):
        qualifier = "about"  # "a dozen" is a round figure, not a count
    values: tuple[int | None, int | None, int | None, str] = {
        "exact": (value, value, value, "exact"),
        "at_least": (value, value, None, "at_least"),
        "at_most": (value, None, value, "at_most"),
        "about": (value, None, None, "about"),
    }[qualifier]
    return _make(text, start, n_end, values, (n_start, n_end))


def find_quantities(text: str) -> list[Quantity]:
    """Every count in ``text``, left to right, with offsets, qualifier and bounds.

    >>> [(q.text, q.figure, q.qualifier) for q in find_quantities("at least 84 and dozens more")]
    [('at least 84', 84, 'at_least'), ('dozens', 12, 'vague')]
    """
    lex = number_lexicon()
    found: list[Quantity] = []
    phones = [m.span() for m in _PHONE.finditer(text)]
    pos = 0
    while pos < len(text):
        match = lex.quantity_pattern.search(text, pos)
        if not match:
            break
        quantity, pos = _from_match(text, match, lex)
        pos = max(pos, match.start() + 1)
        if quantity is not None and not any(s <= quantity.number_start < e for s, e in phones):
            found.append(quantity)
    return found


__all__ = [
    "NumberLexicon",
    "Quantity",
    "VagueAmount",
    "find_quantities",
    "is_plausible",
    "number_lexicon",
    "parse_number",
]
