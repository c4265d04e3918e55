"""The dates of an event mention: from its sentence, its paragraph or the article around it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fogofwar.extract.dates import DateMention
from fogofwar.extract.events.context import MentionContext, in_background
from fogofwar.extract.events.kinds import BATTLES, EXPLOSIONS, VAC
from fogofwar.extract.events.triggers import EventLexicon, Hit, clause_end
from fogofwar.extract.sentences import Sentence
from fogofwar.model import DatePrecision

# "in", "during", "at" before a date make it the time of what follows, not of a saying.
_AT_THE_TIME = re.compile(r"\b(?:in|during|at)\s*$", re.IGNORECASE)
# "died Friday after being shot Thursday": the clause after "after" names the cause, days before.
_CAUSE_LINK = re.compile(r"\b(?:after|following)\b", re.IGNORECASE)
_CAUSE_DAYS = 7
_VIOLENT = frozenset({BATTLES, EXPLOSIONS, VAC})
# "since Oct. 1" starts a period ("the 60th leader captured since Oct. 1").
_PERIOD_START = re.compile(r"\bsince\s*$", re.IGNORECASE)
# A span this long ("over the past year", "this year") is the time of a trend, not of one event.
_PERIOD_DAYS = 62
# "not reported": no saying at all.
_NEGATED = re.compile(r"\b(?:not|never)\s*$", re.IGNORECASE)
# A date that opens a reported clause ("said that last night ...") dates the event, not the saying.
_CLAUSE_OPENER = re.compile(r"\bthat\b[\s,]*(?:(?:early|late)\s+)?$", re.IGNORECASE)


def mention_dates(
    context: MentionContext, sentence: Sentence, best: Hit, lexicon: EventLexicon
) -> tuple[date | None, date | None, int]:
    # a date in a relative clause after the trigger is its subject's story ("a protest march
    # ... for a dog, which was beaten to death in April"), not the event's
    cut = clause_end(sentence.text, best.start)
    own = [d for d in context.dates(sentence) if d.start < cut]
    events = [d for d in own if not _is_report_date(sentence.text, d, best.start, lexicon)]
    if events:
        chosen = min(events, key=lambda d: best.distance(d.start, d.end))
        # a death after its shooting is one incident; a protest after a shutdown is not
        cause = _earlier_cause(sentence.text, chosen, events) if best.kind.event_type in _VIOLENT else None
        if cause is not None:
            return cause.date_start, max(cause.date_end, chosen.date_end), DatePrecision.WEEK
        return chosen.date_start, chosen.date_end, chosen.precision
    reports = [d for d in own if d not in events]
    if not own and (told := context.narrative_date(sentence)) is not None:
        return told
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
        if found and not in_background(context, other, lexicon):
            chosen = found[-1] if last else found[0]
            return chosen.date_start, chosen.date_end, chosen.precision
    if bound is not None:
        # The report's day at precision 2 reads as the days up to it, as an undated report's
        # date does (link.similarity.date_range).
        return bound, bound, DatePrecision.WEEK
    if context.reference is not None:
        return context.article.reference_date, context.article.reference_date, DatePrecision.WEEK
    return None, None, DatePrecision.YEAR


def _is_report_date(
    text: str, mention: DateMention, trigger_start: int | None, lexicon: EventLexicon
) -> bool:
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
        match = lexicon.report.search(text, mention.end, _word_end(text, mention.end + 25))
        if match is None:
            return False
        gap = text[mention.end : match.start()].split()
        if any(not word.isalpha() for word in gap) or text[mention.end : match.start()].startswith(","):
            return False
        return not gap if match.group().casefold() == "that" else len(gap) <= 2
    after = text[mention.end : _word_end(text, min(trigger_start, mention.end + 25))]
    match = lexicon.report.search(after)
    if match is None or _NEGATED.search(after, 0, match.start()):
        return False  # "In May 2019 (exact date not reported), ...": no saying
    between = after[: match.start()]
    if match.group().casefold().startswith("according") and between.strip() in (",", ""):
        return False  # "On 4 March, according to VoJ, 2 soldiers were killed": the killing's day
    opened = between.rfind("(")
    if opened > 0 and ")" not in between[opened:] and between[:opened].strip(" ,"):
        return False  # "On 13 March, JNIM militants (claimed responsibility) attacked": an aside
    # "that" says so only right after the date ("on Saturday that they had ..."), not as a
    # relative pronoun further on ("On 2 May, on the road that connects X to Y, ...")
    return match.group().casefold() != "that" or not between.strip(" ,")


def _word_end(text: str, end: int) -> int:
    """``end``, moved on to the end of the word it falls in: a window cut inside "reportedly"
    must not read "reported"."""
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return end


def _earlier_cause(text: str, chosen: DateMention, dates: list[DateMention]) -> DateMention | None:
    """The date of what led to the chosen one's event ("died Friday after being shot Thursday",
    "was arraigned Monday after his son shot himself Sunday night"): a day or week named after
    "after"/"following" that follows the chosen date, a few days before it. The event then
    runs from the cause to the consequence."""
    for other in dates:
        if other.start <= chosen.end or other.precision > DatePrecision.WEEK:
            continue
        if not timedelta(0) < chosen.date_start - other.date_start <= timedelta(days=_CAUSE_DAYS):
            continue
        if _CAUSE_LINK.search(text, chosen.end, other.start):
            return other
    return None


def _is_long_period(context: MentionContext, sentence: Sentence, mention: DateMention) -> bool:
    """Whether a date starts a long period ("the 60th leader captured since Oct. 1", two months
    before the report): the start of a total, not the day of a neighbouring sentence's event.
    A recent one ("held since 16 December") may well be the day the event began. A span of
    more than two months told from the report's date ("rocked by attacks over the past year",
    "this year") is a trend's: an undated lead is not dated by it ("in 2024" may be)."""
    if mention.relative and (mention.date_end - mention.date_start).days > _PERIOD_DAYS:
        return not context.is_old(mention.date_end)
    since = _PERIOD_START.search(sentence.text, 0, mention.start)
    return since is not None and context.is_old(mention.date_end)
