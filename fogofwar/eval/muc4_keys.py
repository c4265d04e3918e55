"""Reading MUC-4 answer-key templates into the gold values fogofwar is scored against.

The filler syntax (TASKDOC template-doc-part1.v7, sections 4 and 7): ``-`` empty, ``*`` not
applicable, a leading ``?`` marks an optional filler (null is also correct), ``/`` separates
alternatives (any one is correct), each line of a slot is one filler, ``X: "Y"`` is filler X
cross-referenced to the string Y of another slot, and ``(OPTIONAL)`` after the template
number marks a template whose generation is optional. Lines starting with ``;`` are the
annotators' comments. A document whose only template is ``MESSAGE: TEMPLATE *`` is irrelevant.

Casualties. A human target's count is its ``HUM TGT: NUMBER`` filler ("6: \\"JESUITS\\""), its
outcome an ``HUM TGT: EFFECT OF INCIDENT`` filler with the same cross-reference ("DEATH:
\\"JESUITS\\""); the two are joined when their cross-reference alternatives share a string.
Numbers: ``6`` -> 6; ``~100`` (about) -> 100; ``6-`` / ``6 -`` (at least) and ``-15`` (at most)
-> the stated number; ``6-8`` -> any of 6..8; ``5/6`` -> 5 or 6; ``PLURAL`` or ``-`` -> unknown.
A document's gold deaths are the **set of acceptable totals**: the sum over its templates'
targets whose effect is DEATH, where an alternative adds each of its values, and an optional
target (``?`` filler, an effect that is only one alternative, an OPTIONAL template) may be
added or left out. The key describes the same people more than once ("6: JESUITS", "5/6:
PRIESTS", "1: IGNACIO ELLACURIA"), so two readings of the key avoid adding them: a
template's ``HUM TGT: TOTAL NUMBER``, when given and every target in it has the outcome, is
its count; and a named person is optional when the template also counts an unnamed group
with the same outcome (the person may be one of the group). When a death target's number is
unknown, the document's deaths are unknown (None) and it is not scored for deaths; injuries
likewise.

Location paths ("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)") are read into levels of
named places with their types; alternatives "(A) / (B)" and "HONDURAS / EL SALVADOR" are
separate paths; "CHAVIN (TOWN) - HUARI (TOWN)" (between two places) is one level of two places.
Dates: ``21 JAN 89`` is that day, ``15 JAN 89 - 21 JAN 89`` a range, ``- 21 JAN 89`` "on or
before" (read as the :data:`~fogofwar.eval.scoring_vocab.MUC_OPEN_RANGE_DAYS` days up to it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fogofwar.eval.scoring_vocab import MUC_MONTHS, MUC_OPEN_RANGE_DAYS

log = logging.getLogger(__name__)

SLOT_DATE = "INCIDENT: DATE"
SLOT_LOCATION = "INCIDENT: LOCATION"
SLOT_ORGANIZATION = "PERP: ORGANIZATION ID"
SLOT_NUMBER = "HUM TGT: NUMBER"
SLOT_EFFECT = "HUM TGT: EFFECT OF INCIDENT"
SLOT_NAME = "HUM TGT: NAME"
SLOT_TOTAL = "HUM TGT: TOTAL NUMBER"
DEATH = "DEATH"
INJURY = "INJURY"
# Largest range of a numeric filler ("6-8") expanded into acceptable values.
_MAX_RANGE = 1000

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,})\s+(\d{2,4})")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,})\s+(\d{2,4})$")


@dataclass(frozen=True)
class Filler:
    """One filler line: its alternatives ("heads") and the strings it cross-references.

    For a string slot (``"FMLN" / "FARABUNDO MARTI ..."``) the heads are the strings and
    ``refs`` is empty; for a cross-referenced slot (``DEATH: "PRIESTS" / "JESUITS"``) the heads
    are the set fills or numbers before the colon and ``refs`` the quoted strings after it.
    """

    heads: tuple[str, ...]
    refs: frozenset[str] = frozenset()
    optional: bool = False


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days an incident date may fall in."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        """Whether ``day`` lies in the range (ends included)."""
        return self.start <= day <= self.end


@dataclass(frozen=True)
class GoldPlace:
    """One named place of a location path, with its types ("CITY", "DEPARTMENT"; none for a country)."""

    name: str
    types: frozenset[str] = frozenset()


# A location path: levels from country to most specific; a level holds one place, or two
# for "between A and B".
LocationPath = tuple[tuple[GoldPlace, ...], ...]


@dataclass(frozen=True)
class Target:
    """A human target with an outcome: its acceptable counts (None = unknown) and whether it is optional."""

    values: frozenset[int] | None
    optional: bool


@dataclass(frozen=True)
class Template:
    """The scored parts of one answer-key template."""

    doc_id: str
    number: str
    optional: bool
    dates: tuple[DateRange, ...]
    locations: tuple[LocationPath, ...]
    organizations: tuple[Filler, ...]
    deaths: tuple[Target, ...]
    injuries: tuple[Target, ...]


# --- filler syntax -----------------------------------------------------------------------------


def filler_lines(lines: Iterable[str]) -> list[str]:
    """The filler lines of a slot: comments (``;``), empty (``-``) and n/a (``*``) dropped."""
    kept = []
    for line in lines:
        text = line.strip()
        if not text or text.startswith(";") or text in ("-", "*"):
            continue
        kept.append(text)
    return kept


def _strip_optional(text: str) -> tuple[bool, str]:
    if text.startswith("?"):
        return True, text[1:].strip()
    return False, text


def _unquote(text: str) -> str:
    return text.replace('\\"', '"')


def split_top_level(text: str, separator: str) -> list[str]:
    """Split ``text`` at ``separator`` where it is outside parentheses."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i + len(separator)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _wrapped(text: str) -> bool:
    """Whether the first "(" of ``text`` is closed by its last character ("(A) / (B)" is not)."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return i == len(text) - 1
    return False


def _strip_parens(text: str) -> str:
    text = text.strip()
    while _wrapped(text):
        text = text[1:-1].strip()
    return text


def parse_filler(line: str) -> Filler | None:
    """Parse one filler line (string or cross-referenced); None for empty, n/a or comments."""
    if not filler_lines([line]):
        return None
    optional, text = _strip_optional(line.strip())
    if text.startswith('"'):
        return Filler(heads=tuple(_unquote(s) for s in _QUOTED.findall(text)), optional=optional)
    head, colon, rest = text.partition(":")
    refs = frozenset(_unquote(s) for s in _QUOTED.findall(rest)) if colon else frozenset()
    if colon and not refs and rest.strip() == "-":
        refs = frozenset({"-"})
    heads = tuple(h.strip() for h in _strip_parens(head).split("/") if h.strip())
    return Filler(heads=heads, refs=refs, optional=optional)


def number_values(head: str) -> frozenset[int] | None:
    """The counts a HUM TGT: NUMBER alternative allows ("~10" -> {10}, "6-8" -> {6, 7, 8});
    None for PLURAL, "-" or anything unreadable."""
    text = _strip_optional(head.strip())[1].lstrip("~").strip()
    if re.fullmatch(r"\d+", text):
        return frozenset({int(text)})
    match = re.fullmatch(r"(\d+)\s*-\s*(\d+)", text)
    if match:
        low, high = int(match.group(1)), int(match.group(2))
        if low <= high <= low + _MAX_RANGE:
            return frozenset(range(low, high + 1))
        return None
    match = re.fullmatch(r"(\d+)\s*-|-\s*(\d+)", text)  # at least N / at most N
    if match:
        return frozenset({int(match.group(1) or match.group(2))})
    return None


def filler_values(filler: Filler) -> frozenset[int] | None:
    """Union of the counts its alternatives allow; None when no alternative is numeric."""
    values: set[int] = set()
    for head in filler.heads:
        values |= number_values(head) or set()
    return frozenset(values) if values else None


def _day(day: str, month: str, year: str) -> date | None:
    number = MUC_MONTHS.get(month[:3].upper())
    if number is None:
        return None
    full_year = int(year) if len(year) == 4 else 1900 + int(year) if int(year) >= 50 else 2000 + int(year)
    try:
        return date(full_year, number, int(day))
    except ValueError:
        return None


def _month_range(month: str, year: str) -> DateRange | None:
    first = _day("1", month, year)
    if first is None:
        return None
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return DateRange(first, following - timedelta(days=1))


def parse_date(line: str) -> tuple[DateRange, ...]:
    """The date ranges an INCIDENT: DATE filler allows (one per alternative it can read)."""
    _, text = _strip_optional(line.strip())
    ranges = []
    for alternative in split_top_level(text, "/"):
        alt = _strip_parens(alternative)
        days = [d for d in (_day(*m) for m in _DATE.findall(alt)) if d]
        month = _MONTH_YEAR.match(alt)
        if len(days) >= 2:
            ranges.append(DateRange(min(days[0], days[1]), max(days[0], days[1])))
        elif len(days) == 1 and alt.startswith("-"):
            ranges.append(DateRange(days[0] - timedelta(days=MUC_OPEN_RANGE_DAYS), days[0]))
        elif len(days) == 1:
            ranges.append(DateRange(days[0], days[0]))
        elif month and (span := _month_range(month.group(1), month.group(2))):
            ranges.append(span)
        elif alt != "-":
            log.debug("unreadable MUC date filler %r", alternative)
    return tuple(ranges)


def _gold_place(text: str) -> GoldPlace:
    match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", text.strip())
    if not match:
        return GoldPlace(name=text.strip())
    types = frozenset(t.strip() for t in match.group(2).split("/") if t.strip())
    return GoldPlace(name=match.group(1).strip(), types=types)


def parse_location(line: str) -> tuple[LocationPath, ...]:
    """The location paths an INCIDENT: LOCATION filler allows (one per alternative)."""
    _, text = _strip_optional(line.strip())
    paths = []
    for alternative in split_top_level(text, " / "):
        levels = split_top_level(_strip_parens(alternative), ":")
        path = tuple(tuple(_gold_place(p) for p in split_top_level(level, " - ")) for level in levels)
        if path and all(path):
            paths.append(path)
    return tuple(paths)


# --- targets -----------------------------------------------------------------------------------


def _joined(effect_filler: Filler, numbers: Sequence[Filler]) -> list[Filler]:
    return [n for n in numbers if n.refs & effect_filler.refs]


def _total_target(
    effect: str, numbers: Sequence[Filler], effects: Sequence[Filler], total_lines: Sequence[str]
) -> Target | None:
    """The template's TOTAL NUMBER as one target, when every human target has outcome ``effect``."""
    totals = [f for f in (parse_filler(x) for x in total_lines) if f and not f.optional]
    if len(totals) != 1 or not effects or not numbers:
        return None
    if any(e.heads != (effect,) or e.optional for e in effects):
        return None
    if any(not any(n.refs & e.refs for e in effects) for n in numbers):
        return None
    values = filler_values(totals[0])
    return Target(values=values, optional=False) if values else None


def targets_with(
    effect: str,
    slots: Mapping[str, Sequence[str]],
    *,
    template_optional: bool = False,
) -> tuple[Target, ...]:
    """The human targets of one template whose EFFECT OF INCIDENT includes ``effect``.

    When the template gives a TOTAL NUMBER and every human target has this outcome, the total
    is the one target (the key's own answer to descriptions that overlap: "6 JESUITS", "5/6
    PRIESTS", "1 IGNACIO ELLACURIA"). Otherwise one target per EFFECT filler, joined to the
    NUMBER fillers that share a cross-reference (several such fillers: any of their values).
    A target is optional when its effect filler is optional or names ``effect`` only as one
    alternative, when its NUMBER fillers are all optional, when the template is optional, or
    when it is a named person (a HUM TGT: NAME) and the template also has an unnamed target
    with this outcome that can count more than one: the person may be one of that group.
    Values are None when no joined NUMBER filler gives a number.
    """
    numbers = [f for f in (parse_filler(x) for x in slots.get(SLOT_NUMBER, ())) if f]
    effects = [f for f in (parse_filler(x) for x in slots.get(SLOT_EFFECT, ())) if f]
    total = _total_target(effect, numbers, effects, slots.get(SLOT_TOTAL, ()))
    if total is not None:
        return (Target(values=total.values, optional=template_optional),)
    names = frozenset(h for f in (parse_filler(x) for x in slots.get(SLOT_NAME, ())) if f for h in f.heads)
    with_effect = [e for e in effects if effect in e.heads]
    unnamed_groups = any(
        not (e.refs & names) and max(filler_values(n) or {2}) > 1
        for e in with_effect
        for n in _joined(e, numbers) or [Filler(heads=("PLURAL",))]
    )
    targets = []
    for effect_filler in with_effect:
        matches = _joined(effect_filler, numbers)
        values: set[int] = set()
        for match in matches:
            values |= filler_values(match) or set()
        named = bool(effect_filler.refs & names)
        optional = (
            template_optional
            or effect_filler.optional
            or len(effect_filler.heads) > 1
            or (bool(matches) and all(m.optional for m in matches))
            or (named and unnamed_groups)
        )
        targets.append(Target(values=frozenset(values) if values else None, optional=optional))
    return tuple(targets)


def acceptable_totals(targets: Iterable[Target]) -> frozenset[int] | None:
    """Every total the targets allow (optional ones added or not); None if any count is unknown."""
    totals = {0}
    for target in targets:
        if target.values is None:
            return None
        added = {t + v for t in totals for v in target.values}
        totals = totals | added if target.optional else added
    return frozenset(totals)


def template_from_slots(doc_id: str, number: str, slots: Mapping[str, Sequence[str]]) -> Template:
    """Read one relevant template's scored slots (see the module docstring)."""
    optional = "OPTIONAL" in number.upper()
    dates = tuple(r for line in filler_lines(slots.get(SLOT_DATE, ())) for r in parse_date(line))
    locations = tuple(p for line in filler_lines(slots.get(SLOT_LOCATION, ())) for p in parse_location(line))
    organizations = tuple(
        Filler(heads=f.heads, refs=f.refs, optional=f.optional or optional)
        for f in (parse_filler(x) for x in slots.get(SLOT_ORGANIZATION, ()))
        if f and f.heads
    )
    return Template(
        doc_id=doc_id,
        number=number,
        optional=optional,
        dates=dates,
        locations=locations,
        organizations=organizations,
        deaths=targets_with(DEATH, slots, template_optional=optional),
        injuries=targets_with(INJURY, slots, template_optional=optional),
    )


def is_relevant(record: Mapping[str, object]) -> bool:
    """Whether a key-template record describes an incident (its template number is not ``*``)."""
    return str(record.get("template_no", "*")).strip() != "*"


__all__ = [
    "DEATH",
    "INJURY",
    "DateRange",
    "Filler",
    "GoldPlace",
    "LocationPath",
    "Target",
    "Template",
    "acceptable_totals",
    "filler_lines",
    "filler_values",
    "is_relevant",
    "number_values",
    "parse_date",
    "parse_filler",
    "parse_location",
    "split_top_level",
    "targets_with",
    "template_from_slots",
]
