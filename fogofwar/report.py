"""Situation reports: per country-week and per event, written from the stored records only.

A report is filled templates (``resources/export_report.json``), never generated prose: it
says what happened, where, when and between whom, and gives every figure with its claimant
and a footnote to the report (outlet, title, date, URL) and the sentence it comes from. No
figure is invented or added across claims about the same victims; the only sums are over
different victim groups, and the text says so.

The report is built first as records (:class:`Report`, compute), then rendered as Markdown
or HTML (write; the page from the Jinja template ``resources/templates/report.html``), so both
formats say exactly the same things. Words shared with the CLI and the web pages (outlet names,
safe links) come from :mod:`fogofwar.present`.

Example::

    from fogofwar.report import write_report
    text = write_report(events, articles, country="Mali", since=date(2024, 7, 1), fmt="md")
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

import jinja2
from markupsafe import Markup

from fogofwar.errors import FogofwarError
from fogofwar.export.countries import country_info, resolve_country
from fogofwar.export.figures import killed_range
from fogofwar.export.outlets import copies_of
from fogofwar.export.sides import CIVILIANS, SIDE_A, SIDE_B, group_members, side_actors, victim_side
from fogofwar.export.vocab import ReportVocab, report_vocab
from fogofwar.model import OUTCOMES, Article, Claim, DatePrecision, Event, Place, PlacePrecision
from fogofwar.outlets import event_articles, event_outlets
from fogofwar.present import outlet_label, safe_url
from fogofwar.reconcile import claim_high, claim_low, counted_rows, event_totals, timeline
from fogofwar.resources import read_text

REPORT_FORMATS = ("md", "html")
# Victim groups are told in this order: civilians first, then the target, the initiator, others.
_SIDE_ORDER = {CIVILIANS: 0, SIDE_B: 1, SIDE_A: 2}
# Characters that Markdown would read as markup when they come from a record (names, titles, quotes).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!])")


# -- the report as records ----------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A footnote marker inside a paragraph."""

    number: int


Segment = str | Ref


@dataclass(frozen=True)
class Footnote:
    """Where a figure comes from: the article (None when not at hand) and the evidence quote."""

    number: int
    article_id: str
    article: Article | None
    quote: str


@dataclass(frozen=True)
class EventReport:
    """One event's paragraph and its footnotes."""

    event_id: str
    heading: str
    kind: str
    paragraph: tuple[Segment, ...]
    footnotes: tuple[Footnote, ...]


@dataclass(frozen=True)
class WeekReport:
    """The events of one country in one ISO week (Monday to Sunday)."""

    heading: str
    summary: str
    events: tuple[EventReport, ...]


@dataclass(frozen=True)
class Report:
    """A whole situation report."""

    title: str
    intro: str
    weeks: tuple[WeekReport, ...]


@dataclass
class _Notes:
    """Footnotes of one event, numbered in order of first reference; one per (article, quote)."""

    articles: Mapping[str, Article]
    numbers: dict[tuple[str, int, int], int] = field(default_factory=dict)
    footnotes: list[Footnote] = field(default_factory=list)

    def ref(self, claim: Claim) -> Ref:
        key = (claim.article_id, claim.evidence.start, claim.evidence.end)
        if key not in self.numbers:
            self.numbers[key] = len(self.footnotes) + 1
            article = self.articles.get(claim.article_id)
            self.footnotes.append(Footnote(self.numbers[key], claim.article_id, article, claim.evidence.text))
        return Ref(self.numbers[key])


@dataclass(frozen=True)
class IdenticalClaims:
    """Claims saying the same thing (same claimant, victims, outcome, figures, stance), from one or
    more articles: one statement in the report, told once, with a footnote for each claim."""

    claims: tuple[Claim, ...]

    @property
    def first(self) -> Claim:
        return self.claims[0]

    @property
    def low(self) -> int | None:
        return claim_low(self.first)

    @property
    def high(self) -> int | None:
        return claim_high(self.first)

    @property
    def has_figure(self) -> bool:
        return self.low is not None or self.high is not None


# -- words --------------------------------------------------------------------------------


def format_day(day: date, vocab: ReportVocab, *, year: bool = True) -> str:
    """``25 July 2024`` (``25 July`` without ``year``), in English whatever the locale."""
    text = f"{day.day} {vocab.months[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def date_phrase(event: Event, vocab: ReportVocab) -> str:
    """``on 25 July 2024``, ``on 25–26 July 2024``, ``between 31 July and 2 August 2024``,
    ``in July 2024`` (month precision), ``in 2024`` (year precision), or ``""`` when undated."""
    start, end = event.start, event.end or event.start
    if start is None or end is None:
        return ""
    if event.date_precision == DatePrecision.MONTH and start.month == end.month and start.year == end.year:
        return f"in {vocab.months[start.month - 1]} {start.year}"
    if event.date_precision >= DatePrecision.YEAR and start.year == end.year:
        return f"in {start.year}"
    if end == start:
        return f"on {format_day(start, vocab)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"on {start.day}–{format_day(end, vocab)}"
    return f"between {format_day(start, vocab, year=start.year != end.year)} and {format_day(end, vocab)}"


def place_phrase(place: Place | None) -> str:
    """``at Tinzaouaten (Kidal, Mali)``; ``near`` for a town-level place of precision NEAR_TOWN; ``in`` for
    regions and countries; ``""`` without a place."""
    if place is None or not place.name:
        return ""
    country = country_info(place.country)
    country_name = country.name if country else place.country
    within = [p for p in (place.admin1, country_name) if p and p != place.name]
    suffix = f" ({', '.join(within)})" if within else ""
    if place.feature == "populated_place" and place.precision <= PlacePrecision.NEAR_TOWN:
        return f"{'at' if place.precision == PlacePrecision.TOWN else 'near'} {place.name}{suffix}"
    return f"in {place.name}{suffix}"


def actor_phrase(name: str, vocab: ReportVocab) -> str:
    """An actor's name as it reads in a sentence: "the Malian Armed Forces", "CSP-PSD"."""
    words = name.split()
    if len(words) > 1 and words[-1] in vocab.definite_heads and words[0].casefold() != "the":
        return f"the {name}"
    return name


def join_words(words: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def group_phrase(victims: str, outcome: str, vocab: ReportVocab) -> str:
    """How a victim group and outcome read: "Wagner Group dead", "civilian injured"."""
    members = [vocab.victim_labels.get(m.casefold(), m) for m in group_members(victims)]
    noun = vocab.outcome_nouns.get(outcome, outcome)
    return f"{join_words(members)} {noun}"


def victims_phrase(victims: str, outcome: str, vocab: ReportVocab) -> str:
    """How one claim's victims read after its figure: "civilians killed", "killed among the Wagner Group"."""
    members = group_members(victims)
    if len(members) == 1 and members[0].casefold() in vocab.victim_phrases:
        template = vocab.victim_phrases[members[0].casefold()]
    else:
        template = vocab.victim_phrases["default"]
    names = join_words([actor_phrase(m, vocab) for m in members])
    return template.format(outcome=outcome, victims=names)


def amount_text(claim: Claim, vocab: ReportVocab) -> str:
    """A claim's figure as said: "84", "at least 47", "about 20", "10–20"."""
    if claim.figure is not None:
        return f"{vocab.qualifiers.get(claim.qualifier, '')}{claim.figure}"
    low, high = claim_low(claim), claim_high(claim)
    if low is not None and high is not None and low != high:
        return f"{low}–{high}"
    if low is not None:
        return f"{vocab.qualifiers.get(claim.qualifier, '')}{low}"
    return str(high) if high is not None else ""


def range_text(low: int | None, high: int | None) -> str:
    """``29–156``, ``29``, ``at least 29``; ``""`` when neither is known."""
    if low is None and high is None:
        return ""
    if low is None or high is None:
        return f"at least {low}" if high is None else f"at most {high}"
    return str(low) if low == high else f"{low}–{high}"


def _capitalised(segments: list[Segment]) -> list[Segment]:
    if segments and isinstance(segments[0], str) and segments[0]:
        segments[0] = segments[0][0].upper() + segments[0][1:]
    return segments


# -- event paragraphs ---------------------------------------------------------------------


def _sides_text(event: Event, vocab: ReportVocab) -> tuple[str, dict[str, str]]:
    a = [actor_phrase(x.name, vocab) for x in side_actors(event, SIDE_A)]
    b = [actor_phrase(x.name, vocab) for x in side_actors(event, SIDE_B)]
    variant = "two" if a and b else "a" if a else "b" if b else "none"
    names = {"a": " and ".join(a), "b": " and ".join(b)}
    if len(a) > 1 and len(b) > 1:
        names = {"a": f"{names['a']} on one side", "b": f"{names['b']} on the other"}
    return variant, names


def lead_sentence(event: Event, vocab: ReportVocab) -> str:
    """What happened, between whom, where and when: one sentence from the record's fields."""
    variant, names = _sides_text(event, vocab)
    templates = vocab.leads.get(event.sub_event_type, {})
    template = templates.get(variant) or vocab.default[variant]
    lead = template.format(type=event.sub_event_type or event.event_type, **names)
    parts = [lead, place_phrase(event.place), date_phrase(event, vocab)]
    text = " ".join(p for p in parts if p)
    return text[0].upper() + text[1:] + "."


def statements(event: Event, articles: Mapping[str, Article]) -> list[IdenticalClaims]:
    """The event's claims gathered into statements; a syndicated copy's claims are left out when
    its original is at hand."""
    copies = copies_of(event, articles)
    grouped: dict[tuple[object, ...], list[Claim]] = {}
    for claim in timeline(event.claims):
        if claim.article_id in copies and copies[claim.article_id] in articles:
            continue
        key = (claim.claimant, claim.victims, claim.outcome)
        key += (claim.figure, claim.low, claim.high, claim.stance)
        grouped.setdefault(key, []).append(claim)
    return [IdenticalClaims(tuple(claims)) for claims in grouped.values()]


def _attribution(
    statement: IdenticalClaims, notes: _Notes, event: Event, vocab: ReportVocab
) -> list[Segment]:
    """``at least 20 (Russian military bloggers, 28 July)[1]``."""
    claim = statement.first
    template = vocab.attributions.get(claim.stance) or vocab.attributions["default"]
    who = template.format(who=actor_phrase(claim.claimant, vocab))
    when = claim.claim_date
    event_year = event.start.year if event.start else None
    inside = who if when is None else f"{who}, {format_day(when, vocab, year=when.year != event_year)}"
    return [f"{amount_text(claim, vocab)} ({inside})", *[notes.ref(c) for c in statement.claims]]


def _when(statement: IdenticalClaims, event: Event, vocab: ReportVocab) -> str:
    when = statement.first.claim_date
    if when is None:
        return ""
    return f" ({format_day(when, vocab, year=event.start is None or when.year != event.start.year)})"


def group_sentences(
    event: Event, group: list[IdenticalClaims], notes: _Notes, vocab: ReportVocab
) -> list[list[Segment]]:
    """The sentences about one (victims, outcome): the range of figures (every figure with its
    claimant and footnote), then vague claims, then denials."""
    first = group[0].first
    words = vocab.sentences
    phrase = group_phrase(first.victims, first.outcome, vocab)
    figures = [s for s in group if s.has_figure and s.first.stance != "denies"]
    figures.sort(key=lambda s: (s.low if s.low is not None else s.high or 0, s.high or 0))
    sentences: list[list[Segment]] = []
    if len(figures) == 1:
        statement = figures[0]
        claim = statement.first
        fields = {
            "claimant": actor_phrase(claim.claimant, vocab),
            "verb": vocab.stance_verbs.get(claim.stance, "said"),
            "amount": amount_text(claim, vocab),
            "victims": victims_phrase(claim.victims, claim.outcome, vocab),
            "outcome": claim.outcome,
        }
        own = claim.stance == "admits" or claim.claimant.casefold() == claim.victims.casefold()
        text = words["own" if own else "single"].format(**fields) + _when(statement, event, vocab)
        sentences.append(_capitalised([text, *[notes.ref(c) for c in statement.claims], "."]))
    elif len({(s.low, s.high, s.first.qualifier) for s in figures}) == 1:
        # Several claimants, one figure: list them rather than a range "from 84 to 84".
        segments = [words["agree"].format(group=phrase)]
        for k, statement in enumerate(figures):
            if k:
                segments.append(", " if k < len(figures) - 1 else " and ")
            segments += _attribution(statement, notes, event, vocab)
        sentences.append(_capitalised([*segments, "."]))
    elif figures:
        # The lowest figure first; the highest among the others last (so two claims always make a range).
        highest = max(figures[1:], key=lambda s: s.high if s.high is not None else s.low or 0)
        middle = [s for s in figures[1:] if s is not highest]
        head, tail = words["range"].split("{lowest}")
        mid, end = tail.split("{highest}")
        segments: list[Segment] = [head.format(group=phrase)]
        segments += _attribution(figures[0], notes, event, vocab)
        segments.append(mid)
        segments += _attribution(highest, notes, event, vocab)
        segments.append(end)
        if middle:
            before, after = words["between"].split("{middle}")
            segments.append(before)
            for k, statement in enumerate(middle):
                if k:
                    segments.append(", " if k < len(middle) - 1 else " and ")
                segments += _attribution(statement, notes, event, vocab)
            segments.append(after)
        segments.append(".")
        sentences.append(_capitalised(segments))
    for statement in group:
        claim = statement.first
        refs = [notes.ref(c) for c in statement.claims]
        claimant = actor_phrase(claim.claimant, vocab)
        if claim.stance == "denies":
            what = (
                f"{amount_text(claim, vocab)} {victims_phrase(claim.victims, claim.outcome, vocab)}"
                if statement.has_figure
                else words["denied_what"]
            )
            text = words["denial"].format(claimant=claimant, what=what)
        elif not statement.has_figure:
            verb = vocab.stance_verbs.get(claim.stance, "said")
            text = words["vague"].format(claimant=claimant, verb=verb, group=phrase)
        else:
            continue
        sentences.append(_capitalised([text + _when(statement, event, vocab), *refs, "."]))
    return sentences


def _group_order(event: Event, statement: IdenticalClaims) -> tuple[int, int, str]:
    claim = statement.first
    outcome = OUTCOMES.index(claim.outcome) if claim.outcome in OUTCOMES else len(OUTCOMES)
    side = _SIDE_ORDER.get(victim_side(event, claim.victims), len(_SIDE_ORDER))
    return (outcome, side, claim.victims)


def total_sentence(event: Event, outcome: str, vocab: ReportVocab) -> str:
    """The event's total for ``outcome`` (:func:`fogofwar.reconcile.event_totals`), when more than
    one victim group has a figure; rival accounts of the same dead are named, never added."""
    rows = [
        r for r in counted_rows(event.reconciled, outcome=outcome) if r.low is not None or r.high is not None
    ]
    if len(rows) < 2:
        return ""
    total = event_totals(event, outcome)
    noun = vocab.outcome_nouns.get(outcome, outcome)
    text = vocab.sentences["total"].format(noun=noun, range=range_text(total.low, total.high))
    if total.best is not None and total.best not in (total.low, total.high):
        text += " " + vocab.sentences["total_best"].format(best=total.best)
    if total.contested:
        text += " " + vocab.sentences["total_contested"].format(groups=join_words(list(total.contested)))
    return text


def event_report(
    event: Event, articles: Mapping[str, Article], *, vocab: ReportVocab | None = None
) -> EventReport:
    """One event's paragraph: lead sentence, the figures by outcome and victim group, totals,
    contested marks and sources; with its footnotes."""
    vocab = vocab or report_vocab()
    notes = _Notes(articles)
    sentences: list[list[Segment]] = [[lead_sentence(event, vocab)]]
    by_outcome: dict[str, dict[str, list[IdenticalClaims]]] = defaultdict(lambda: defaultdict(list))
    for statement in sorted(statements(event, articles), key=lambda s: _group_order(event, s)):
        by_outcome[statement.first.outcome][statement.first.victims].append(statement)
    for outcome, groups in by_outcome.items():
        for group in groups.values():
            sentences += group_sentences(event, group, notes, vocab)
        if total := total_sentence(event, outcome, vocab):
            sentences.append([total])
    if event.contested:
        sentences.append([vocab.sentences["contested"].format(items=", ".join(event.contested))])
    outlets = event_outlets(event, articles)
    if outlets:
        sentences.append([vocab.sentences["sources"].format(names=join_words(outlets))])
    paragraph: list[Segment] = []
    for k, sentence in enumerate(sentences):
        if k:
            paragraph.append(" ")
        paragraph += sentence
    return EventReport(
        event_id=event.id,
        heading=_event_heading(event, vocab),
        kind=f"{event.event_type} / {event.sub_event_type}",
        paragraph=tuple(_merged(paragraph)),
        footnotes=tuple(notes.footnotes),
    )


def _event_heading(event: Event, vocab: ReportVocab) -> str:
    where = event.place.name if event.place and event.place.name else ""
    when = date_phrase(event, vocab).removeprefix("on ").removeprefix("in ")
    title = event.sub_event_type or event.event_type
    return ", ".join(p for p in (f"{title} at {where}" if where else title, when) if p)


def _merged(segments: Iterable[Segment]) -> list[Segment]:
    """Adjacent strings joined, so renderers see text runs and markers."""
    merged: list[Segment] = []
    for segment in segments:
        if isinstance(segment, str) and merged and isinstance(merged[-1], str):
            merged[-1] += segment
        elif segment != "":
            merged.append(segment)
    return merged


# -- selection and weeks ------------------------------------------------------------------


def event_day(event: Event) -> date | None:
    """The day an event counts from for ``since``: its end, else its start, else its first report."""
    return event.end or event.start or event.first_reported


def select_events(
    events: Sequence[Event], *, country: str | None = None, since: date | None = None
) -> list[Event]:
    """Events in ``country`` (ISO2) ending on or after ``since``; undated events only without ``since``."""
    kept = []
    for event in events:
        if country and (event.place is None or (event.place.country or "").upper() != country):
            continue
        if since and ((day := event_day(event)) is None or day < since):
            continue
        kept.append(event)
    return kept


def _week_key(event: Event) -> tuple[str, date | None]:
    code = (event.place.country or "").upper() if event.place else ""
    monday = event.start - timedelta(days=event.start.weekday()) if event.start else None
    return code, monday


def _country_name(code: str) -> str:
    info = country_info(code)
    return info.name if info else (code or "Country unknown")


def week_report(
    code: str,
    monday: date | None,
    events: Sequence[Event],
    articles: Mapping[str, Article],
    vocab: ReportVocab,
) -> WeekReport:
    """The summary and event paragraphs of one country-week."""
    when = f"week of {format_day(monday, vocab)}" if monday else "date unknown"
    counts = Counter(e.event_type for e in events)
    types = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
    noun = "event" if len(events) == 1 else "events"
    summary = vocab.sentences["week"].format(count=len(events), noun=noun, types=types)
    ranges = [killed_range(e) for e in events]  # distinct events: their totals add
    lows = [low for low, _ in ranges if low is not None]
    highs = [high for _, high in ranges if high is not None]
    if lows or highs:
        killed = range_text(sum(lows) if lows else None, sum(highs) if highs else None)
        summary += " " + vocab.sentences["week_killed"].format(range=killed)
    return WeekReport(
        heading=f"{_country_name(code)}, {when}",
        summary=summary,
        events=tuple(event_report(e, articles, vocab=vocab) for e in events),
    )


def build_report(
    events: Sequence[Event],
    articles: Sequence[Article],
    *,
    country: str | None = None,
    since: date | None = None,
) -> Report:
    """The report over the events already selected; ``country`` (ISO2) and ``since`` name its scope."""
    vocab = report_vocab()
    by_id = {a.id: a for a in articles}
    weeks: dict[tuple[str, date | None], list[Event]] = defaultdict(list)
    for event in events:
        weeks[_week_key(event)].append(event)
    ordered = sorted(weeks.items(), key=lambda kv: (_country_name(kv[0][0]), kv[0][1] or date.max))
    week_reports = tuple(
        week_report(code, monday, sorted(group, key=lambda e: (e.start or date.max, e.id)), by_id, vocab)
        for (code, monday), group in ordered
    )
    scope = [_country_name(country)] if country else []
    if since:
        scope.append(f"since {format_day(since, vocab)}")
    title = vocab.sentences["title"] + (f": {', '.join(scope)}" if scope else "")
    if not events:
        return Report(title, vocab.sentences["empty"], ())
    cited = {a.id for e in events for a in event_articles(e, by_id)}
    intro = vocab.sentences["intro"].format(
        events=_count(len(events), "event"),
        articles=_count(len(cited), "stored report"),
    )
    return Report(title, intro, week_reports)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# -- rendering ----------------------------------------------------------------------------


def _footnote_parts(note: Footnote, vocab: ReportVocab) -> tuple[str, str | None, str | None, str | None]:
    """(outlet, title, date, url) of a footnote's article; the outlet says when it is not at hand."""
    article = note.article
    if article is None:
        return (f"report {note.article_id} (not at hand)", None, None, None)
    outlet = outlet_label(article) or f"report {article.id}"
    day = format_day(article.reference_date, vocab) if article.reference_date else None
    return outlet, article.title, day, article.url


def md_escape(text: str) -> str:
    """``text`` with Markdown's markup characters backslash-escaped and ``& < >`` written as HTML
    entities, so record text never becomes markup: not in a Markdown renderer (which shows the
    entities as the characters) and not where the Markdown is pasted into HTML as it is."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def render_markdown(report: Report) -> str:
    """The report as Markdown; footnote markers are ``[n]``, footnotes a list under each event."""
    vocab = report_vocab()
    lines = [f"# {md_escape(report.title)}", "", md_escape(report.intro), ""]
    for week in report.weeks:
        lines += [f"## {md_escape(week.heading)}", "", md_escape(week.summary), ""]
        for event in week.events:
            lines += [f"### {md_escape(event.heading)}", ""]
            lines += [f"*{md_escape(event.kind)} · fogofwar event `{event.event_id}`*", ""]
            text = "".join(md_escape(s) if isinstance(s, str) else f"[{s.number}]" for s in event.paragraph)
            lines += [text, ""]
            for note in event.footnotes:
                outlet, title, day, url = _footnote_parts(note, vocab)
                safe = safe_url(url)
                parts = [md_escape(outlet)]
                parts += [f"\u201c{md_escape(title)}\u201d"] if title else []
                parts += [day] if day else []
                if safe and not re.search(r"[\s<>]", safe):
                    parts.append(f"<{safe}>")
                elif url:
                    parts.append(md_escape(url))
                lines.append(f"- [{note.number}] {', '.join(parts)}: \u201c{md_escape(note.quote)}\u201d")
            if event.footnotes:
                lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


class Source(NamedTuple):
    """A footnote's source as printed: outlet, title, day, the URL as stored, and that URL when it
    may be a link (http(s) only)."""

    outlet: str
    title: str | None
    day: str | None
    url: str | None
    link: str | None


def _source(note: Footnote, vocab: ReportVocab) -> Source:
    outlet, title, day, url = _footnote_parts(note, vocab)
    return Source(outlet, title, day, url, safe_url(url))


def _html_text(value: object) -> object:
    """Every value a template prints, HTML-escaped (quotes too) unless it is already Markup."""
    return value if isinstance(value, Markup) else html.escape(str(value), quote=True)


@functools.cache
def _templates() -> jinja2.Environment:
    """The report templates (``resources/templates/``): nothing printed unescaped (see _html_text)."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: read_text(f"templates/{name}")),
        autoescape=False,  # finalize escapes instead, as html.escape does (&quot;, &#x27;)
        finalize=_html_text,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(report: Report) -> str:
    """The report as a standalone HTML page (``resources/templates/report.html``); every record
    value is escaped, links are http(s) only."""
    vocab = report_vocab()
    template = _templates().get_template("report.html")
    return template.render(report=report, source=lambda note: _source(note, vocab))


# -- entry point --------------------------------------------------------------------------


def write_report(
    events: Sequence[Event],
    articles: Sequence[Article],
    *,
    country: str | None = None,
    since: date | None = None,
    fmt: str = "md",
) -> str:
    """A situation report over ``events`` (with the ``articles`` they cite) as Markdown or HTML.

    ``country``: an ISO 3166 alpha-2/alpha-3 code or a name ("ML", "Mali"); ``since``: keep
    events ending on or after that day. Raises FogofwarError E027 for an unknown country and
    E028 for a format other than ``REPORT_FORMATS``.
    """
    if fmt not in REPORT_FORMATS:
        raise FogofwarError("E028", format=fmt, choices=", ".join(REPORT_FORMATS))
    code = None
    if country is not None:
        code = resolve_country(country)
        if code is None:
            raise FogofwarError("E027", country=country)
    selected = select_events(events, country=code, since=since)
    report = build_report(selected, articles, country=code, since=since)
    return render_markdown(report) if fmt == "md" else render_html(report)


__all__ = [
    "REPORT_FORMATS",
    "EventReport",
    "Footnote",
    "Ref",
    "Report",
    "WeekReport",
    "build_report",
    "event_report",
    "render_html",
    "render_markdown",
    "select_events",
    "write_report",
]
