"""Event mentions: sentences that report violence or a strategic development -> Mention records.

A sentence is an event candidate when a trigger of ``resources/event_types.json`` (ACLED event
types and sub-event types with trigger lexicons) occurs in it. Each candidate sentence yields
at most one :class:`~fogofwar.model.Mention`: when several triggers fire, the strongest type
wins ("captured vehicles during the battles" is a battle, not an arrest). Triggers that are
negated ("no civilians were harmed") or that describe what someone is known or suspected for
("responsible for conducting IED attacks") are ignored, unless the cue names one event that
happened ("responsible for the killing of six priests").

Each mention gets:

* dates: the date expression nearest the trigger in the sentence (when a later clause after
  "after"/"following" names the cause a few days earlier, "died Friday after being shot
  Thursday", the range runs from the cause's day); else one in the paragraph; a date that only
  says when something was *reported* ("announced on Saturday that ...") bounds the event: a
  day named further down, up to that report, dates it ("confirmed today they detained two
  men. [...] One was arrested Oct. 4."), else the report's day at precision 2 (the days up
  to it, as the linker reads it). Page stamps ("Posted: Monday, March 31, 2014") are the
  page's date, not an event's, and the start of a long period ("the 40th leader captured
  since Aug. 1") is not lent to neighbouring sentences. Else the last recent date of an
  earlier paragraph (the story goes on about the last event it dated), or for a lead with no
  date the first recent date further down ("claimed heavy losses [...] the battles on
  Thursday and Friday"); with no date at all the mention takes the article's reference date
  with precision 2 (the report is about recent events, and precision 2 says the exact day is
  not stated). A borrowed date is never after the reference (a plan or schedule: "elections
  on 19 March"); one from another paragraph is never history (``background_days`` or more
  before the reference), and neither is one from the paragraph when the sentence has a
  report date of its own ("was confirmed killed today [...]. The governor was shot in July");
* place: the place nearest the trigger in the sentence (towns, districts, admin1; those in
  the article's country first; a list of them, "in Zabul and Khost provinces", gives the
  region that holds them all); else one in the paragraph (nearest sentence first); else the
  first one in the article's foreground text (a report locates its event in the lead and its
  later sentences tell more of it), borrowing places of the article's country first; else
  the dateline place when it lies in the article's country; else the country named in the
  sentence or the article's country. Names inside the dateline itself ("KABUL, Afghanistan
  (Jan. 25, 2013)") never count as a sentence's place: the dateline says where the report was
  *filed*, not where the event happened;
* actors: registry matches in the sentence, with side_a = the trigger's agent/subject and
  side_b = its object (from the dependency parse when the sentence has one, else by position);
  an actor a doer phrase names ("by the FMLN", "attributed the attack to the MRTA", "the ELN
  claimed responsibility": the registry's ``agent_cues``) is side_a whatever the parse says,
  and the subject of an attributing verb ("the police blamed ...") is a claimant, not a side;
* ``background``: dated ``background_days`` or more before the reference date, or in a
  sentence or paragraph of history ("initiated an insurgency in 2012", "since 2021") or of
  totals over a long period ("killed since the beginning of the year", "over the past decade").
  An article with no reference date has no "before": there a date more than a year before the
  newest year the article names explicitly is history.

Relative dates resolve against the dateline date, or against the publication date when that
is up to three days after the dateline (wire copy updated the next day says "on Sunday" of
the publication day).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import TYPE_CHECKING, Any

from fogofwar.extract.dates import DateMention, resolve_dates
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import Sentence
from fogofwar.model import Actor, ActorRole, Article, Mention, Place, Span, record_id

if TYPE_CHECKING:
    from fogofwar.extract.actors import ActorRegistry

log = logging.getLogger(__name__)

# How far (characters) a negation or a "suspected of"-style cue may stand before a trigger.
_NEGATION_WINDOW = 30
_NON_EVENT_WINDOW = 90
# Publication this many days after the dateline still counts as the same news day(s).
_SAME_NEWS_DAYS = 3
# What may stand before a dateline's date: a place name and a comma or parenthesis, at the start.
_DATELINE_PREFIX = re.compile(r"\s*[^\n.!?]{0,60}[,(]\s*")
# Dates this close to the start may belong to the dateline or a header line.
_HEADER_CHARS = 400
# Date precisions (model.DATE_PRECISIONS): up to 2 names a day or a week, 3 a month.
_DAY_OR_WEEK = 2
_MONTH = 3
# "in", "during", "at" before a date make it the time of what follows, not of a saying.
_AT_THE_TIME = re.compile(r"\b(?:in|during|at)\s*$", re.IGNORECASE)
# "Posted: Monday, March 31, 2014 3:13 PM" stamps the web page, as a dateline does the report.
_PAGE_STAMP = re.compile(
    r"\b(?:posted|updated|published|last\s+(?:updated|modified))(?:\s+(?:on|at))?\s*:?\s*$", re.IGNORECASE
)
# "died Friday after being shot Thursday": the clause after "after" names the cause, days before.
_CAUSE_LINK = re.compile(r"\b(?:after|following)\b", re.IGNORECASE)
_CAUSE_DAYS = 7
# "since Oct. 1" starts a period ("the 60th leader captured since Oct. 1").
_PERIOD_START = re.compile(r"\bsince\s*$", re.IGNORECASE)
# A date that opens a reported clause ("said that last night ...") dates the event, not the saying.
_CLAUSE_OPENER = re.compile(r"\bthat\b[\s,]*(?:(?:early|late)\s+)?$", re.IGNORECASE)
# The definite article between a "suspected of"-style cue and a trigger names one event that
# happened ("responsible for the killing of six priests"), not what someone habitually does.
_SPECIFIC_EVENT = re.compile(r"\s*(?:the|this|that|last\s+\w+'s)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
# Between the members of a list of places: "Khost, Kandahar and Nangarhar provinces".
_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", re.IGNORECASE)
# After the dateline's place: a region, a date or source in parentheses, a dash, FBIS brackets
# ("KABUL, Afghanistan (Jan. 25, 2013) –", "SAN SALVADOR, 3 JAN 90 (RADIO CADENA) -- [TEXT]").
_DATELINE_TAIL = re.compile(
    r"(?:[ \t]*\([^()\n]{1,40}\))?(?:,[ \t]*[^()\n,–—]{1,40}?(?=[ \t]*[(,–—-]))?"
    r"(?:,?[ \t]*\([^()\n]{1,80}\))?(?:\s*(?:--|–|—|-(?=\s)))?(?:\s*\[[^\[\]]{1,200}\])*"
)


@dataclass(frozen=True)
class _TriggerType:
    event_type: str
    sub_event_type: str
    strength: int


@dataclass(frozen=True)
class _Lexicon:
    trigger: re.Pattern[str]  # one alternation; group name g<k> says which type fired
    types: tuple[_TriggerType, ...]
    civilians: re.Pattern[str]
    negation: re.Pattern[str]
    non_event: re.Pattern[str]
    report: re.Pattern[str]
    background: re.Pattern[str]


@dataclass(frozen=True)
class _Hit:
    start: int  # offsets into the sentence text
    end: int
    kind: _TriggerType


@functools.cache
def _lexicon() -> _Lexicon:
    raw: dict[str, Any] = json.loads(
        resources.files("fogofwar.resources").joinpath("event_types.json").read_text(encoding="utf-8")
    )
    types = tuple(_TriggerType(t["event_type"], t["sub_event_type"], t["strength"]) for t in raw["types"])
    groups = [
        f"(?P<g{k}>{'|'.join(sorted(t['triggers'], key=len, reverse=True))})"
        for k, t in enumerate(raw["types"])
    ]

    def words(items: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(items) + r")\b", re.IGNORECASE)

    return _Lexicon(
        trigger=re.compile(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE),
        types=types,
        civilians=words(raw["civilian_words"]),
        negation=re.compile(r"\b(?:" + "|".join(raw["negations"]) + r")\b[^,;.]*$", re.IGNORECASE),
        non_event=words(raw["non_event_cues"]),
        report=words(raw["report_cues"]),
        background=words(raw["background_cues"]),
    )


def is_event_candidate(text: str) -> bool:
    """Whether ``text`` (a sentence) contains an event trigger: one compiled regex search."""
    return _lexicon().trigger.search(text) is not None


def extract_mentions(
    article: Article,
    sentences: Sequence[Sentence],
    *,
    gazetteer: Gazetteer,
    registry: ActorRegistry | None = None,
    background_days: int = 60,
    deadline: float | None = None,
) -> list[Mention]:
    """Event mentions of one article, one per sentence that carries a live trigger.

    article: the article (its id, text, dateline and dates).
    sentences: ``split_sentences(article.text)``; a sentence's ``doc`` (spaCy Doc), where set,
        is used to find the trigger's agent and object.
    gazetteer: place lookup. registry: actor lookup (optional; no actors without it).
    background_days: mentions dated this many days or more before the reference are background.
    deadline: a ``time.monotonic()`` past which no further sentence is read (logged).
    RETURNS: the mentions in text order.
    """
    lexicon = _lexicon()
    reference = _reference(article)
    # The dateline counts once, as the filing place; its text ("HAVANA (CUBA), ...") is no lead.
    body = article.text[_dateline_end(article) :]
    country = gazetteer.country_context(
        ((article.title or "") + "\n" + body).strip(), dateline=article.dateline_place
    )
    context = _ArticleContext(article, sentences, gazetteer, country, reference, background_days)
    mentions: list[Mention] = []
    for sentence in sentences:
        if deadline is not None and time.monotonic() > deadline:
            log.warning(
                "article %s: time budget spent, mentions after sentence %d not read",
                article.id,
                sentence.index,
            )
            break
        hits = _live_hits(sentence.text, lexicon)
        if not hits:
            continue
        best = max(hits, key=lambda h: (h.kind.strength, -h.start))
        mentions.append(_mention(context, sentence, best, hits, registry, lexicon))
    return mentions


# --------------------------------------------------------------------------------------------
# Triggers


def _live_hits(text: str, lexicon: _Lexicon) -> list[_Hit]:
    """Trigger hits in a sentence, less the negated and the merely descriptive ones."""
    hits: list[_Hit] = []
    for match in lexicon.trigger.finditer(text):
        group = match.lastgroup
        if group is None:
            continue
        start = match.start()
        if lexicon.negation.search(text[max(0, start - _NEGATION_WINDOW) : start]):
            continue
        window = text[max(0, start - _NON_EVENT_WINDOW) : start]
        cues = list(lexicon.non_event.finditer(window))
        if cues and not _SPECIFIC_EVENT.fullmatch(window, cues[-1].end()):
            continue
        hits.append(_Hit(start, match.end(), lexicon.types[int(group[1:])]))
    return hits


def _with_civilians(best: _Hit, text: str, lexicon: _Lexicon) -> _TriggerType:
    """A killing or attack that names civilians as its victims is violence against civilians."""
    if (
        best.kind.event_type != "Battles"
        or best.kind.sub_event_type != "Armed clash"
        or best.kind.strength > 55
    ):
        return best.kind
    for match in lexicon.civilians.finditer(text):
        if not lexicon.negation.search(text[max(0, match.start() - _NEGATION_WINDOW) : match.start()]):
            return _TriggerType("Violence against civilians", "Attack", best.kind.strength)
    return best.kind


# --------------------------------------------------------------------------------------------
# Per-article context: reference date, dates and places of each sentence


class _ArticleContext:
    """What every mention of one article needs; computed lazily, once per sentence."""

    def __init__(
        self,
        article: Article,
        sentences: Sequence[Sentence],
        gazetteer: Gazetteer,
        country: str | None,
        reference: date | None,
        background_days: int,
    ) -> None:
        self.article = article
        self.sentences = sentences
        self.gazetteer = gazetteer
        self.country = country
        self.reference = reference
        self.background_days = background_days
        self._dates: dict[int, list[DateMention]] = {}
        self._places: dict[int, list[tuple[int, int, Place]]] = {}
        self.background: dict[int, bool] = {}  # _in_background per sentence index
        self.paragraph_history: dict[int, bool] = {}  # _background_paragraph's verdict per paragraph
        self._paragraphs: dict[int, list[Sentence]] = {}  # the sentences of each paragraph, in order
        for sentence in sentences:
            self._paragraphs.setdefault(sentence.paragraph, []).append(sentence)
        self.dateline_end = _dateline_end(article)

    def dates(self, sentence: Sentence) -> list[DateMention]:
        if sentence.index not in self._dates:
            found = resolve_dates(sentence.text, self.reference)
            self._dates[sentence.index] = [
                d
                for d in found
                if not self._is_dateline(sentence, d) and not _PAGE_STAMP.search(sentence.text, 0, d.start)
            ]
        return self._dates[sentence.index]

    def places(self, sentence: Sentence) -> list[tuple[int, int, Place]]:
        """Places named in the sentence, less those inside the dateline (where it was filed)."""
        if sentence.index not in self._places:
            found = self.gazetteer.find_places(sentence.text, country=self.country)
            self._places[sentence.index] = [
                (s, e, p) for s, e, p in found if sentence.start + s >= self.dateline_end
            ]
        return self._places[sentence.index]

    def earlier(self, sentence: Sentence) -> list[Sentence]:
        """The article's sentences before ``sentence``'s paragraph, nearest first."""
        return [s for s in self.sentences if s.index < sentence.index and s.paragraph != sentence.paragraph][
            ::-1
        ]

    def paragraph(self, sentence: Sentence) -> list[Sentence]:
        """The other sentences of ``sentence``'s paragraph, nearest first (earlier before later)."""
        # from the paragraph index: a scan of the whole article per call was quadratic in long ones
        others = [s for s in self._paragraphs.get(sentence.paragraph, ()) if s.index != sentence.index]
        return sorted(others, key=lambda s: (abs(s.index - sentence.index), s.index > sentence.index))

    def at_home(self, place: Place) -> bool:
        """Whether ``place`` lies in the article's country (True when that is unknown)."""
        return self.country is None or place.country == self.country

    def is_future(self, day: date | None) -> bool:
        """After the reference date: a plan or a schedule ("elections on 19 March"), so no
        date for an event a neighbouring sentence reports as done."""
        return day is not None and self.reference is not None and day > self.reference

    def is_old(self, day: date | None) -> bool:
        """Long before the report: ``background_days`` or more before the reference date. An
        article without one (no dateline, no publication date) has only its own explicit years
        to go by: a year more than one year before the newest year it names is history."""
        if day is None:
            return False
        if self.reference is not None:
            return (self.reference - day).days >= self.background_days
        newest = self.newest_year
        return newest is not None and day.year < newest - 1

    @functools.cached_property
    def newest_year(self) -> int | None:
        """The latest year the article names explicitly ("in 2021", "July 29, 2024"), or None."""
        years = [d.date_end.year for s in self.sentences for d in self.dates(s) if not d.relative]
        return max(years, default=None)

    def _is_dateline(self, sentence: Sentence, mention: DateMention) -> bool:
        """Whether a date is the report's own (dateline or header), not an event's.

        "Bamako, July 27 (Reuters) –", "KABUL, Afghanistan (Jan. 25, 2013)", or a header line
        "Morning Operational Update, Feb. 21, 2011" or "Mar. 27: ..." carrying the report's date.
        """
        start = sentence.start + mention.start
        if start > _HEADER_CHARS:
            return False
        report_days = {d for d in (self.article.dateline_date, self.article.published) if d is not None}
        if _DATELINE_PREFIX.fullmatch(self.article.text[:start]):
            return not mention.relative or mention.date_start in report_days
        following = self.article.text[sentence.start + mention.end :].lstrip(" \t")
        # A header date has a day number; "TODAY" at the end of a wrapped line is no header.
        return (
            mention.date_start in report_days
            and any(ch.isdigit() for ch in mention.text)
            and following[:1] in ("", ")", "(", ":", "\n", "\u2028")
        )


def _dateline_end(article: Article) -> int:
    """Offset just past the dateline ("KABUL, Afghanistan (Jan. 25, 2013) –"); 0 without one.

    The dateline starts at the first occurrence of the article's dateline place near the top.
    """
    name = article.dateline_place
    if not name:
        return 0
    match = re.search(re.escape(name).replace(r"\ ", r"\s+"), article.text[: _HEADER_CHARS + len(name)], re.I)
    if match is None:
        return 0
    tail = _DATELINE_TAIL.match(article.text, match.end())
    return tail.end() if tail else match.end()


def _reference(article: Article) -> date | None:
    dateline, published = article.dateline_date, article.published
    if dateline and published and timedelta(0) <= published - dateline <= timedelta(days=_SAME_NEWS_DAYS):
        return published
    return article.reference_date


# --------------------------------------------------------------------------------------------
# Building one mention


def _mention(
    context: _ArticleContext,
    sentence: Sentence,
    best: _Hit,
    hits: list[_Hit],
    registry: ActorRegistry | None,
    lexicon: _Lexicon,
) -> Mention:
    kind = _with_civilians(best, sentence.text, lexicon)
    trigger = sentence.text[best.start : best.end]
    start, end, precision = _mention_dates(context, sentence, best, lexicon)
    place = _mention_place(context, sentence, best, lexicon)
    actors = _actors(context, sentence, best, hits, registry)
    background = context.is_old(end) or _in_background(context, sentence, lexicon)
    return Mention(
        id=record_id(context.article.id, sentence.start, trigger),
        article_id=context.article.id,
        sentence=Span(sentence.start, sentence.end, sentence.text),
        trigger=trigger,
        event_type=kind.event_type,
        sub_event_type=kind.sub_event_type,
        date_start=start,
        date_end=end,
        date_precision=precision,
        place=place,
        actors=actors,
        background=background,
    )


def _mention_dates(
    context: _ArticleContext, sentence: Sentence, best: _Hit, lexicon: _Lexicon
) -> tuple[date | None, date | None, int]:
    own = context.dates(sentence)
    events = [d for d in own if not _is_report_date(sentence.text, d, best.start, lexicon)]
    if events:
        chosen = min(events, key=lambda d: _distance(d.start, d.end, best))
        cause = _earlier_cause(sentence.text, chosen, events)
        if cause is not None:
            return cause.date_start, max(cause.date_end, chosen.date_end), _DAY_OR_WEEK
        return chosen.date_start, chosen.date_end, chosen.precision
    reports = [d for d in own if d not in events]
    for other in context.paragraph(sentence):
        found = [
            d
            for d in context.dates(other)
            if not context.is_future(d.date_start) and not _is_long_period(context, other, d)
        ]
        events = [
            d
            for d in found
            if not _is_report_date(other.text, d, None, lexicon)
            # a sentence dated by its own report ("confirmed killed today") is recent news,
            # not the history its neighbours tell
            and not (reports and context.is_old(d.date_end))
        ]
        if events:
            chosen = events[0]
            return chosen.date_start, chosen.date_end, chosen.precision
        reports = reports or found
    # Reported on that day: the event happened in the days up to it.
    bound = reports[0].date_end if reports else None
    # The story goes on about the last event it dated ("... in Baghlan province, Wednesday.
    # The security force detained one suspect."), unless that date is history; a lead without
    # a date is dated further down ("Rebels claimed heavy losses on the army. [...] the battles
    # on Thursday and Friday"), and so is a sentence that only says when it was reported, by a
    # later day up to that report ("Forces today confirmed they detained two men. [...] One was
    # arrested Oct. 4.").
    earlier = context.earlier(sentence)
    later = [s for s in context.sentences if s.index > sentence.index and s.paragraph != sentence.paragraph]
    if bound is not None:
        earlier = []  # a report of a new day is not about the event an earlier paragraph dated
    for other, last in [*((s, True) for s in earlier), *((s, False) for s in later)]:
        found = [
            d
            for d in context.dates(other)
            if not _is_report_date(other.text, d, None, lexicon)
            and not context.is_old(d.date_end)
            and not context.is_future(d.date_start)
            and not _is_long_period(context, other, d)
            and (bound is None or d.date_end <= bound)
        ]
        if found and not _in_background(context, other, lexicon):
            chosen = found[-1] if last else found[0]
            return chosen.date_start, chosen.date_end, chosen.precision
    if bound is not None:
        # The report's day at precision 2 reads as the days up to it, as an undated report's
        # date does (link.similarity.date_range).
        return bound, bound, 2
    if context.reference is not None:
        return context.article.reference_date, context.article.reference_date, 2
    return None, None, 4


def _is_report_date(text: str, mention: DateMention, trigger_start: int | None, lexicon: _Lexicon) -> bool:
    """Whether a date says when something was said ("announced on Saturday that ...")."""
    before = text[max(0, mention.start - 30) : mention.start]
    if (
        lexicon.report.search(before)
        and not _AT_THE_TIME.search(before)
        and not _CLAUSE_OPENER.search(before)
    ):
        return True
    if trigger_start is not None and trigger_start < mention.start:
        return False
    # "on Sunday indicated that ...", "on Saturday that they had ...": said then, done before.
    if trigger_start is None:
        # In a sentence read for its date only, the saying follows the date closely ("last
        # night we reported", "on Saturday that"); in "an early Sunday shooting at a bar that
        # claimed a life" the "that" is the shooting's, and in "killed Saturday, police said"
        # the date is the killing's.
        match = lexicon.report.search(text, mention.end, mention.end + 25)
        if match is None:
            return False
        gap = text[mention.end : match.start()].split()
        if any(not word.isalpha() for word in gap) or text[mention.end : match.start()].startswith(","):
            return False
        return not gap if match.group().casefold() == "that" else len(gap) <= 2
    after = text[mention.end : min(trigger_start, mention.end + 25)]
    return lexicon.report.search(after) is not None


def _earlier_cause(text: str, chosen: DateMention, dates: list[DateMention]) -> DateMention | None:
    """The date of what led to the chosen one's event ("died Friday after being shot Thursday",
    "was arraigned Monday after his son shot himself Sunday night"): a day or week named after
    "after"/"following" that follows the chosen date, a few days before it. The event then
    runs from the cause to the consequence."""
    for other in dates:
        if other.start <= chosen.end or other.precision > _DAY_OR_WEEK:
            continue
        if not timedelta(0) < chosen.date_start - other.date_start <= timedelta(days=_CAUSE_DAYS):
            continue
        if _CAUSE_LINK.search(text, chosen.end, other.start):
            return other
    return None


def _is_long_period(context: _ArticleContext, sentence: Sentence, mention: DateMention) -> bool:
    """Whether a date starts a long period ("the 60th leader captured since Oct. 1", two months
    before the report): the start of a total, not the day of a neighbouring sentence's event.
    A recent one ("held since 16 December") may well be the day the event began."""
    since = _PERIOD_START.search(sentence.text, 0, mention.start)
    return since is not None and context.is_old(mention.date_end)


def _distance(start: int, end: int, hit: _Hit) -> int:
    if end <= hit.start:
        return hit.start - end
    if start >= hit.end:
        return start - hit.end
    return 0


def _mention_place(
    context: _ArticleContext, sentence: Sentence, best: _Hit, lexicon: _Lexicon
) -> Place | None:
    own = context.places(sentence)
    located = [(s, e, p) for s, e, p in own if p.feature != "country"]
    # A report about one country names foreign capitals too ("talks in Havana"): the sentence's
    # places in the article's country come first.
    home = [item for item in located if context.at_home(item[2])] or located
    if home:
        nearest = min(home, key=lambda item: (_distance(item[0], item[1], best), item[2].precision))
        return _enclosing(context, sentence.text, located, nearest)

    # Borrowed from the paragraph (nearest sentence first), else from the rest of the article's
    # foreground text (its first place, the lead's by the inverted pyramid); places in the
    # article's country first, foreign ones only when it names none.
    def donors() -> Iterator[Sentence]:  # lazy: the first donor with a place usually ends the search
        yield from context.paragraph(sentence)
        for other in context.sentences:
            if other.paragraph != sentence.paragraph and not _in_background(context, other, lexicon):
                yield other

    for home_only in (True, False):
        for other in donors():
            borrowed = [
                p
                for _s, _e, p in context.places(other)
                if p.feature != "country" and (context.at_home(p) or not home_only)
            ]
            if borrowed:
                return borrowed[0]
    dateline = _dateline_place(context)
    if dateline is not None:
        return dateline
    countries = [p for _s, _e, p in own if p.feature == "country"]
    if countries:
        return countries[0]
    return context.gazetteer.country(context.country) if context.country else None


def _enclosing(
    context: _ArticleContext,
    text: str,
    located: list[tuple[int, int, Place]],
    nearest: tuple[int, int, Place],
) -> Place:
    """The nearest place, or the region enclosing the list it stands in.

    "in Zabul and Khost provinces" reports operations in both: the sentence locates none of
    them alone, so the mention takes their common admin1 ("in Andar and Giro districts" of one
    province) or their common country. A district followed by its province ("Andar district,
    Ghazni province") is one place, not a list.
    """
    members = [nearest]
    k = located.index(nearest)
    for step in (-1, 1):
        j = k
        while 0 <= j + step < len(located):
            a, b = sorted((located[j], located[j + step]), key=lambda item: item[0])
            if not (_LIST_GAP.fullmatch(text, a[1], b[0]) and _same_kind(a[2], b[2])):
                break
            j += step
            members.append(located[j])
    if len(members) < 2:
        return nearest[2]
    places = [m[2] for m in members]
    countries = {p.country for p in places}
    if len(countries) != 1 or None in countries:
        return nearest[2]
    iso = next(iter(countries))
    admin1s = {p.admin1 for p in places}
    if len(admin1s) == 1 and None not in admin1s and all(p.feature != "admin1" for p in places):
        region = context.gazetteer.admin1(next(iter(admin1s)), country=iso)  # type: ignore[arg-type]
        if region is not None:
            return region
    return context.gazetteer.country(iso) or nearest[2]  # type: ignore[arg-type]


def _same_kind(a: Place, b: Place) -> bool:
    """Two places of one rank and neither inside the other: members of one list."""
    return a.precision == b.precision and a.name != b.name and b.name != a.admin1 and a.name != b.admin1


def _dateline_place(context: _ArticleContext) -> Place | None:
    name = context.article.dateline_place
    if not name or not context.country:
        return None
    place = context.gazetteer.resolve(name, country=context.country)
    return place if place is not None and place.country == context.country else None


def _in_background(context: _ArticleContext, sentence: Sentence, lexicon: _Lexicon) -> bool:
    """History: a background cue in the sentence or its paragraph, and no recent date there.

    Cues include totals over a long period ("one of more than 50 killed since the beginning of
    the year", "70,000 killed in the war", "over the past ten years"). In a cued sentence only a
    recent day or week ("yesterday", "on Monday") says it also reports a new event; "this year"
    in "so far this year" is the period of the total, not a new event's date.
    """
    known = context.background.get(sentence.index)
    if known is None:
        known = context.background[sentence.index] = _background_paragraph(context, sentence, lexicon)
    return known


def _background_paragraph(context: _ArticleContext, sentence: Sentence, lexicon: _Lexicon) -> bool:
    if lexicon.background.search(sentence.text):
        return not any(
            not context.is_old(d.date_end) and d.precision <= _DAY_OR_WEEK for d in context.dates(sentence)
        )
    # once per paragraph, not per sentence (quadratic in a long paragraph)
    known = context.paragraph_history.get(sentence.paragraph)
    if known is None:
        paragraph = [sentence, *context.paragraph(sentence)]
        # A paragraph with a recent day, week or month is news; a bare year ("in 2021") is not.
        recent = any(
            not context.is_old(d.date_end) and d.precision <= _MONTH
            for s in paragraph
            for d in context.dates(s)
        )
        cued = sum(1 for s in paragraph if lexicon.background.search(s.text))
        known = context.paragraph_history[sentence.paragraph] = not recent and cued * 2 >= len(paragraph)
    return known


# --------------------------------------------------------------------------------------------
# Actors and their roles


def _actors(
    context: _ArticleContext, sentence: Sentence, best: _Hit, hits: list[_Hit], registry: ActorRegistry | None
) -> tuple[ActorRole, ...]:
    if registry is None:
        return ()
    # Outlets (bloggers, channels) report events; they are claimants, not sides.
    found = [f for f in registry.find_all(sentence.text, country=context.country) if f[2].kind != "outlet"]
    if not found:
        return ()
    roles = _roles_from_parse(sentence.doc, found, best, hits) if sentence.doc is not None else None
    if roles is None:
        roles = _roles_by_position(found, best)
    # A phrase naming the doer ("attacks by the FMLN", "attributed it to the MRTA", "the ELN
    # claimed responsibility") outranks the parse, which often misreads ALL CAPS wire text.
    named = {actor.name for start, end, actor in found if _named_doer(registry, sentence.text, start, end)}
    roles = [(actor, "side_a" if actor.name in named else role) for actor, role in roles]
    roles += [(actor, "side_a") for _s, _e, actor in found if actor.name in named]
    sides: dict[str, tuple[Actor, str]] = {}
    for actor, role in roles:
        # An actor named as both ("the Malian army reported losing two soldiers") acts: side_a.
        if actor.name not in sides or role == "side_a":
            sides[actor.name] = (actor, role)
    return tuple(ActorRole(actor=actor, role=role) for actor, role in sides.values())


def _named_doer(registry: ActorRegistry, text: str, start: int, end: int) -> bool:
    """Whether the text around an actor's name says it did the act (registry ``agent_cues``;
    a stand-in registry without cue lookups names no doer)."""
    lead_cue = getattr(registry, "lead_cue", None)
    follow_cue = getattr(registry, "has_follow_cue", None)
    if lead_cue is None or follow_cue is None:
        return False
    return lead_cue(text, start) is not None or bool(follow_cue(text, end))


def _roles_by_position(found: list[tuple[int, int, Actor]], best: _Hit) -> list[tuple[Actor, str]]:
    """Without a parse: actors before the trigger act (side_a), actors after it are acted on."""
    return [(actor, "side_a" if end <= best.start else "side_b") for _start, end, actor in found]


_SUBJECT = {"nsubj", "csubj"}
_PASSIVE_SUBJECT = {"nsubjpass", "csubjpass"}
_OBJECT = {"dobj", "obj", "oprd"}
_AGAINST = {"on", "against", "with", "upon"}
# Climbing from the trigger to the word whose subject is the trigger's agent: a noun trigger
# ("launched an attack", "killed in an ambush") or a controlled verb ("claimed to have
# inflicted", "attacked and killed"). Not through "said that ..." (ccomp): that subject is the
# claimant.
# Reporting verbs in every form, matched on the lower-cased word (the pipeline runs without
# its lemmatizer).
_REPORTING = frozenset(
    """
    say says said saying claim claims claimed claiming announce announces announced announcing
    confirm confirms confirmed confirming report reports reported reporting state states stated
    stating assert asserts asserted asserting admit admits admitted admitting indicate indicates
    indicated indicating tell tells told telling deny denies denied denying add adds added adding
    acknowledge acknowledges acknowledged acknowledging
    attribute attributes attributed attributing blame blames blamed blaming accuse accuses accused
    accusing condemn condemns condemned condemning denounce denounces denounced denouncing
    """.split()
)
_CLIMB = {"pobj", "prep", "dobj", "xcomp", "conj", "compound", "nmod", "npadvmod", "appos"}


def _roles_from_parse(
    doc: Any, found: list[tuple[int, int, Actor]], best: _Hit, hits: list[_Hit]
) -> list[tuple[Actor, str]] | None:
    """side_a / side_b from the dependency parse of the sentence; None when nothing is found."""
    agents: list[tuple[int, int]] = []
    patients: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: h is not best):
        trigger = next((t for t in doc if t.idx <= hit.start < t.idx + len(t.text)), None)
        if trigger is not None:
            hit_agents, hit_patients = _arguments(trigger)
            agents.extend(hit_agents)
            patients.extend(hit_patients)
    if not agents and not patients:
        return None
    claimants = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        for t in doc
        if t.lower_ in _REPORTING
        for c in t.children
        if c.dep_ in _SUBJECT
    ]
    roles: list[tuple[Actor, str]] = []
    for start, end, actor in found:
        if any(start < e and s < end for s, e in agents):
            roles.append((actor, "side_a"))
        elif any(start < e and s < end for s, e in patients):
            roles.append((actor, "side_b"))
        elif any(start < e and s < end for s, e in claimants):
            continue  # "The Malian army confirmed that ...": who says it, not who fought
        else:
            roles.append((actor, "side_a" if end <= best.start else "side_b"))
    return roles


def _arguments(trigger: Any) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the trigger's agents (subject, by-phrase) and patients (object, on-phrase)."""
    agents: list[tuple[int, int]] = []
    patients: list[tuple[int, int]] = []
    head = trigger
    for _ in range(4):
        passive = False
        for child in head.children:
            span = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
            if child.dep_ in _SUBJECT:
                agents.append(span)
            elif child.dep_ in _PASSIVE_SUBJECT:
                patients.append(span)
                passive = True
            elif child.dep_ in _OBJECT and child is not trigger:
                patients.append(span)
            elif child.dep_ == "agent":
                agents.append(span)
            elif child.dep_ == "prep" and child.lower_ in _AGAINST:
                patients.append(span)
            elif child.dep_ == "prep" and child.lower_ == "between":
                pieces = [c for c in child.subtree if c.dep_ in ("pobj", "conj")]
                for k, piece in enumerate(pieces):
                    (agents if k == 0 else patients).append((piece.idx, piece.idx + len(piece.text)))
        # A passive without a by-phrase names no agent; the main clause's subject is not it.
        if agents or passive or head.dep_ not in _CLIMB:
            break
        trigger, head = head, head.head
    return agents, patients


__all__ = ["extract_mentions", "is_event_candidate"]
