"""Article headers: the ``date YYYY-MM-DD`` marker, the title line and the dateline.

``parse_header`` takes the raw text of one article and returns a :class:`Header`: the body
(the text with the marker and the title line removed, the dateline kept, since it is part of
the report) plus what the header says: title, publication date, dateline place, dateline
date and wire agency. It never raises on odd text; what it cannot read stays ``None``.

Dateline forms read (searched in the first ``DATELINE_WINDOW`` characters, after any
press-release id or header lines)::

    Bamako, July 27 (Reuters) – ...          place, month-day (year from publication), agency
    KYIV, Ukraine (AP) — ...                 ALL CAPS place (title-cased), region, agency
    GAZA CITY (AFP) - ...
    KABUL, Afghanistan (Jan. 25, 2013) ...   date in parentheses, no agency
    SAN SALVADOR, 3 JAN 90 (RADIO CADENA) -- MUC/FBIS: day-month, two-digit year
    SAN SALVADOR, 3 JAN 90 -- [REPORT] [ARMED FORCES PRESS COMMITTEE, COPREFA] [TEXT] ...
    ROME (ITALY), 11 JAN 90 -- ...           region in parentheses

When the text has no dateline date, a date in its header lines stands in for it (the report's
own date, with no place): a title that starts with the day, as news digests write it
("Mar. 27: Operations in the South"), or a short header line that ends with a full date
("Joint Command Morning Operational Update, Feb. 21, 2011").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from fogofwar.ingest import vocab
from fogofwar.ingest.dates import in_range, usable_date
from fogofwar.model import Article, Span


@dataclass(frozen=True)
class Header:
    """What the head of an article says, and the article body without marker and title.

    ``body`` is a suffix of the raw text (surrounding whitespace stripped); the dateline stays
    in it. ``dateline_span`` gives the dateline's offsets into ``body`` when one was found.
    """

    body: str
    title: str | None = None
    published: date | None = None
    dateline_place: str | None = None
    dateline_date: date | None = None
    agency: str | None = None
    dateline_span: Span | None = None


@dataclass(frozen=True)
class Dateline:
    """A dateline found in a body: where it is and what it says."""

    start: int
    end: int
    place: str | None
    date: date | None
    agency: str | None


# --- patterns, built once from the vocabulary ----------------------------------------------

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_SP = r"[ \t\u00a0]"  # horizontal space only: a dateline does not run across lines
_LINE_BREAKS = "\n\r\u2028\u2029\x0b\x0c\x85"
_NOT_LETTER_AHEAD = r"(?![^\W\d_])"

_MONTH_NAMES = "|".join(sorted(vocab.MONTHS, key=len, reverse=True))
_MONTH = rf"(?i:{_MONTH_NAMES})\.?{_NOT_LETTER_AHEAD}"
_DAY = r"\d{1,2}(?!\d)"
_YEAR = r"(?:\d{4}|\d{2})(?!\d)"
_DATE = (
    rf"(?:(?P<m1>{_MONTH}){_SP}*(?P<d1>{_DAY})(?:,?{_SP}*(?P<y1>{_YEAR}))?"
    rf"|(?P<d2>{_DAY}){_SP}+(?P<m2>{_MONTH})(?:,?{_SP}*(?P<y2>{_YEAR}))?"
    rf"|NO{_SP}+DATE)"
)
_PARTICLE = "|".join(vocab.PLACE_PARTICLES)
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'’.\-]*(?![{_LOWER}])"
_TITLE_WORD = rf"[{_UPPER}][{_LOWER}'’\-]*(?:['’\-][{_UPPER}][{_LOWER}]*)*\.?{_NOT_LETTER_AHEAD}"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,4}}"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:[ ](?:(?:{_PARTICLE})[ \-])?{_TITLE_WORD}){{0,3}}"
_PLACE = rf"(?:{_CAPS_PLACE}|{_TITLE_PLACE})"
_NOT_A_DATE_AHEAD = rf"(?!{_MONTH}{_SP}*\d|\d|NO{_SP}+DATE)"
# A hyphen ends a dateline only before a space ("NATO-led" is no dateline); long dashes always.
_DASH = "|".join(re.escape(d) + (r"(?=\s|$)" if set(d) == {"-"} else "") for d in vocab.DATELINE_DASHES)

_DATELINE = re.compile(
    rf"""
    (?P<place>{_PLACE})
    (?:
        ,{_SP}*{_NOT_A_DATE_AHEAD}(?P<region>{_PLACE})
      | {_SP}*\((?P<region_p>{_PLACE})\)(?={_SP}*,)
    )?
    (?:,{_SP}*(?P<date>{_DATE}))?
    (?:{_SP}*(?:\((?P<paren>[^(){_LINE_BREAKS}]{{1,80}})\)|\[(?P<paren_b>[^()\[\]{_LINE_BREAKS}]{{1,80}})[)\]]))?
    (?:{_SP}*(?P<dash>{_DASH}))?
    (?P<brackets>(?:\s*\[[^\[\]]{{1,200}}\])+)?
    """,
    re.VERBOSE,
)
_PAREN_DATE = re.compile(_DATE + rf"{_SP}*$")
_AGENCY = re.compile(r"[A-Z0-9][\w .&'’,/\[\]\-]{0,79}|[a-z]{2,5}")
_BRACKET = re.compile(r"\[([^\[\]]+)\]")
_MARKER = re.compile(r"\s*(?i:date)[ \t]*:?[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|$)")
_LINE_SPLIT = re.compile(f"[{_LINE_BREAKS}]")
_SPACES = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"([ \-])")
_CANDIDATE = re.compile(rf"(?:^|(?<=\s))(?=[{_UPPER}])")
# Header dates: "Mar. 27: ..." opening a line; "... Update, Feb. 21, 2011" closing a short line.
_LEADING_DATE = re.compile(rf"{_SP}*(?P<date>{_DATE}){_SP}*:")
# A full stop that ends a sentence (not an abbreviation's: "Gen.", "Mar."), with more after it
# or at the end of the line.
_SENTENCE_END = re.compile(r"[a-z\d]{2,}\.(?:\s|$)")
_TRAILING_DATE = re.compile(
    rf"(?:^|[ ,]){_SP}*(?P<date>(?P<m1>{_MONTH}){_SP}*(?P<d1>{_DAY}),?{_SP}*(?P<y1>\d{{4}})){_SP}*$"
)


# --- public --------------------------------------------------------------------------------


def parse_header(
    raw: str, *, published: date | None = None, title: str | None = None, origin: str | None = None
) -> Header:
    """Split ``raw`` into header facts and body.

    raw: the article text as read (may start with ``date YYYY-MM-DD`` and a title line).
    published: the publication date when known from elsewhere (metadata); it wins over the
        ``date`` marker and anchors year-less dateline dates.
    title: the title when known from elsewhere; the first line is then removed only when it
        repeats this title (otherwise it may be a sub-heading and stays in the body).
    origin: names the input in the warning for a publication date outside
        ``vocab.PUBLISHED_RANGE`` (such a date is unknown: None).
    RETURNS: the Header. Never raises on text content.
    """
    marker_date, pos = _read_marker(raw)
    published = usable_date(published or marker_date, origin=origin)
    found_title, pos = _read_title(raw, pos, known=title)
    start = _skip_space(raw, pos)
    body = raw[start:].strip()
    dateline = find_dateline(body, published=published)
    head = "\n".join(t for t in (title or found_title, body[: dateline.start if dateline else None]) if t)
    if dateline is None:
        return Header(
            body=body,
            title=title or found_title,
            published=published,
            dateline_date=find_header_date(head, published=published),
        )
    return Header(
        body=body,
        title=title or found_title,
        published=published,
        dateline_place=dateline.place,
        dateline_date=dateline.date or find_header_date(head, published=published),
        agency=dateline.agency,
        dateline_span=Span(dateline.start, dateline.end, body[dateline.start : dateline.end]),
    )


def find_dateline(body: str, *, published: date | None = None) -> Dateline | None:
    """The first dateline starting in the first ``DATELINE_WINDOW`` characters of ``body``."""
    window = body[: vocab.DATELINE_WINDOW + vocab.DATELINE_MAX_LENGTH]
    for candidate in _CANDIDATE.finditer(window, 0, vocab.DATELINE_WINDOW):
        pos = candidate.start()
        strong = _is_strong_boundary(window, pos)
        dateline = _dateline_at(window, pos, strong=strong, published=published)
        if dateline is not None:
            return dateline
    return None


def with_dateline_span(article: Article) -> Article:
    """``article`` with ``dateline_start``/``dateline_end`` set from its text (both None when
    it has no dateline); the other fields are kept as they are.

    For Articles built in code rather than read by :func:`fogofwar.ingest.text.article_from_text`
    (which sets the span itself): later stages read the span and never look for a dateline.
    """
    dateline = find_dateline(article.text, published=article.published)
    if dateline is None:
        return replace(article, dateline_start=None, dateline_end=None)
    return replace(article, dateline_start=dateline.start, dateline_end=dateline.end)


def find_header_date(head: str, *, published: date | None = None) -> date | None:
    """The report's own date written in its header lines, or None.

    head: the title and the text before the dateline (only the first ``DATELINE_WINDOW``
        characters are read).
    Reads a line that opens with a date and a colon ("Mar. 27: Operations in the South"; a
    missing year comes from ``published``) or a short line that closes with a full date
    ("Morning Operational Update, Feb. 21, 2011").
    """
    for line in _LINE_SPLIT.split(head[: vocab.DATELINE_WINDOW]):
        match = _LEADING_DATE.match(line)
        if match is not None and _SENTENCE_END.search(line, match.end()):
            # "14 June: A police officer was shot dead at his home.": a chronicle's entry, dated
            # by the day of what it tells, not a header line giving the report's date
            match = None
        if match is None and len(line.split()) <= vocab.TITLE_MAX_WORDS:
            match = _TRAILING_DATE.search(line)
        if match is not None:
            found = _DateParts.from_match(match).resolve(published=published)
            if found is not None:
                return found
    return None


def resolve_date(day: int, month: int, year: int | None, *, published: date | None) -> date | None:
    """A calendar date from dateline parts; a missing year comes from ``published``.

    Two-digit years take the century nearest ``published`` (or the strptime pivot without
    it). Without a year the publication year is used, and the year before when that would
    put the dateline after publication (beyond a time-zone tolerance). None when impossible
    or outside ``vocab.PUBLISHED_RANGE``.
    """
    published = in_range(published)
    if year is None:
        if published is None:
            return None
        candidate = _safe_date(published.year, month, day)
        tolerance = timedelta(days=vocab.DATELINE_FUTURE_TOLERANCE_DAYS)
        if candidate is not None and candidate > published + tolerance:
            candidate = _safe_date(published.year - 1, month, day)
        return candidate
    if year < 100:
        year = _expand_two_digit_year(year, published=published)
    return _safe_date(year, month, day)


# --- marker and title ----------------------------------------------------------------------


def _read_marker(raw: str) -> tuple[date | None, int]:
    """The date of a leading ``date YYYY-MM-DD`` marker and the offset just after it."""
    match = _MARKER.match(raw)
    if match is None:
        return None, 0
    try:
        marked = date.fromisoformat(match.group(1))
    except ValueError:
        return None, 0  # "date 2024-13-45" is not a marker; leave it in the text
    return marked, match.end()


def _read_title(raw: str, pos: int, *, known: str | None) -> tuple[str | None, int]:
    """The title on the first line after ``pos`` (or None) and where the rest begins."""
    start = _skip_space(raw, pos)
    line_end = _line_end(raw, start)
    line = raw[start:line_end].strip()
    rest = raw[line_end:]
    if not _looks_like_title(line, rest):
        return None, pos
    if known is not None and not _same_title(line, known):
        return None, pos
    return line, line_end


def _looks_like_title(line: str, rest: str) -> bool:
    """A short headline: few words, no closing full stop, not a dateline, text follows."""
    words = line.split()
    if not vocab.TITLE_MIN_WORDS <= len(words) <= vocab.TITLE_MAX_WORDS:
        return False
    if len(line) > vocab.TITLE_MAX_CHARS or line.endswith(vocab.TITLE_BAD_ENDINGS):
        return False
    if sum(any(c.isalpha() for c in word) for word in words) < vocab.TITLE_MIN_WORDS:
        return False
    next_line = rest.strip()
    if not next_line or next_line[0].islower():
        return False  # nothing follows, or the line is hard-wrapped prose
    return _dateline_at(line, 0, strong=True, published=None) is None


def _same_title(line: str, known: str) -> bool:
    """True when a text's first line repeats a known title (or one is a prefix of the other)."""
    a, b = _fold(line), _fold(known)
    return bool(a) and bool(b) and (a == b or a.startswith(b) or b.startswith(a))


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _skip_space(raw: str, pos: int) -> int:
    while pos < len(raw) and raw[pos].isspace():
        pos += 1
    return pos


def _line_end(raw: str, start: int) -> int:
    match = _LINE_SPLIT.search(raw, start)
    return len(raw) if match is None else match.start()


# --- dateline ------------------------------------------------------------------------------


def _is_strong_boundary(window: str, pos: int) -> bool:
    """A dateline may start here whatever its case: text start, new line, or a wide gap."""
    if pos == 0:
        return True
    before = window[max(0, pos - 2) : pos]
    return any(c in _LINE_BREAKS for c in before) or (len(before) == 2 and before.isspace())


def _dateline_at(text: str, pos: int, *, strong: bool, published: date | None) -> Dateline | None:
    """The dateline starting exactly at ``pos``, or None."""
    match = _DATELINE.match(text, pos)
    return None if match is None else _read_dateline(match, strong=strong, published=published)


def _read_dateline(match: re.Match[str], *, strong: bool, published: date | None) -> Dateline | None:
    """Interpret a pattern match, or None when it is too weak to be a dateline."""
    place_text = match.group("place")
    caps = place_text.isupper() and sum(c.isalpha() for c in place_text) >= 2
    parts = _DateParts.from_match(match)
    agency, paren_date = None, False
    paren = match.group("paren") or match.group("paren_b")
    if paren is not None:
        paren = _SPACES.sub(" ", paren).strip()
        in_paren = _PAREN_DATE.match(paren)
        if in_paren is not None:
            paren_date = True
            parts = _DateParts.from_match(in_paren) if parts.empty else parts
        elif _AGENCY.fullmatch(paren) and len(paren.split()) <= vocab.AGENCY_MAX_WORDS:
            agency = paren
        else:
            return None  # "Kabul (see below)": parentheses that are neither date nor source
    has_date = not parts.empty
    dash = match.group("dash") is not None
    # Title-case text is mostly prose, so it needs a dash or a date in parentheses; a
    # caption like "Jane Doe, Aug. 10, 2016 (Sheriff's Office)" has neither.
    if caps:
        if not (agency or paren_date or dash):
            return None
    elif not (paren_date or (dash and (agency or has_date))):
        return None
    # Mid-line ("... For Immediate Release KABUL, Afghanistan (Feb. 21, 2011)") only the
    # full capitals-and-date or capitals-agency-dash forms count: a single space is no boundary.
    if not strong and not (caps and (paren_date or (has_date and dash) or (agency and dash))):
        return None
    if agency is None and match.group("brackets"):
        agency = _bracketed_source(match.group("brackets"))
    return Dateline(
        start=match.start(),
        end=match.end(),
        place=_place_name(place_text, match.group("region") or match.group("region_p")),
        date=parts.resolve(published=published),
        agency=agency,
    )


@dataclass(frozen=True)
class _DateParts:
    """Day, month and year as written in a dateline (any may be missing)."""

    day: int | None = None
    month: int | None = None
    year: int | None = None

    @property
    def empty(self) -> bool:
        return self.day is None or self.month is None

    @classmethod
    def from_match(cls, match: re.Match[str]) -> _DateParts:
        groups = match.groupdict()
        month_name = groups.get("m1") or groups.get("m2")
        day = groups.get("d1") or groups.get("d2")
        year = groups.get("y1") or groups.get("y2")
        if month_name is None or day is None:
            return cls()
        month = vocab.MONTHS.get(month_name.rstrip(".").casefold())
        return cls(int(day), month, int(year) if year else None)

    def resolve(self, *, published: date | None) -> date | None:
        if self.day is None or self.month is None:
            return None
        return resolve_date(self.day, self.month, self.year, published=published)


def _bracketed_source(brackets: str) -> str | None:
    """The issuer in FBIS/MUC ``[KIND] [SOURCE] [TEXT]`` brackets, if named."""
    groups = [_SPACES.sub(" ", g).strip() for g in _BRACKET.findall(brackets)]
    for kind, source in itertools.pairwise(groups):
        if kind.casefold() in vocab.MUC_KIND_LABELS and source.casefold() not in vocab.MUC_BODY_LABELS:
            return source
    return None


def _place_name(place: str, region: str | None) -> str | None:
    """The dateline place, title-cased when written in capitals; a region if no city."""
    if _fold(place) in vocab.NO_PLACE:
        return _title_case(region) if region else None
    return _title_case(place)


def _title_case(name: str) -> str:
    """``SAN SALVADOR`` -> ``San Salvador``, ``DEIR AL-BALAH`` -> ``Deir al-Balah``; others as is."""
    if not name.isupper():
        return name
    pieces = _WORD_SPLIT.split(name.lower())
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if piece in (" ", "-") or (i > 0 and piece in vocab.PLACE_PARTICLES):
            out.append(piece)
        else:
            out.append(_capitalise(piece))
    return "".join(out)


def _capitalise(word: str) -> str:
    """Upper-case the first letter, and the letter after an apostrophe unless it ends a
    possessive (``n'djamena`` -> ``N'Djamena``, ``john's`` -> ``John's``)."""
    if not word:
        return word
    chars = list(word)
    chars[0] = chars[0].upper()
    for i in range(1, len(chars) - 2):
        if chars[i] in "'’" and chars[i + 1].isalpha():
            chars[i + 1] = chars[i + 1].upper()
    return "".join(chars)


def _expand_two_digit_year(year: int, *, published: date | None) -> int:
    if published is None:
        return (1900 if year >= vocab.TWO_DIGIT_YEAR_PIVOT else 2000) + year
    century = published.year - published.year % 100
    candidate = century + year
    return candidate - 100 if candidate > published.year + 1 else candidate


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return in_range(date(year, month, day))
    except ValueError:
        return None
