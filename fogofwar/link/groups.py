"""Within one article: which of its event mentions are the same incident.

An article often tells one incident in several sentences ("fighting near the border", "the
battles in Tinzaouaten on Thursday and Friday", "the skirmishes"), and sometimes two
("a helicopter crashed in Kidal"). Mentions of one article are grouped before linking, in text
order, by these rules:

* never across coarse type groups (params.COARSE_TYPES), never with dates more than a day apart,
  except a sentence telling a death ("died Wednesday") dated up to ``DEATH_LATER_DAYS`` after
  the group: a victim who died of the incident's wounds (its date, the death's, does not narrow
  the group's; GVA dev killed_exact 0.805 -> 0.807);
* two different stated town-level places (further apart than ``same_place_km``) are two
  incidents, whatever their types;
* the same stated place (or a town within a stated region of the group): one incident when the
  types agree (same event type or same sub-type), or when the places are the same town;
* a mention with no stated place joins the best group of its coarse type group (it continues
  the story: "the fighting", "the ambush"), preferring one of the same event type.

Dates work the same way: a mention whose sentence has no date word (params.DATE_WORDS) got its
date from its paragraph or its report's date, and such inherited dates count only while no
mention of the group states one.

A place is *stated* when the mention's sentence names it (outside the dateline) and it is finer
than a country; a name read only from a hospital's or coroner's name ("taken to Mount Sinai
Hospital") is not stated: victims are treated elsewhere than they are shot (GVA dev: B3 F1
0.8515 -> 0.8528, city accuracy 0.466 -> 0.470). Nor is a town's name read from a county's
("the Essex County prosecutor's office" resolved to Essex, Maryland), from a department's
("Reno Police Department" read as Police, Poland), or written only in lower case (a common word)
(GVA dev, fixed extractions: B3 F1 0.8714 -> 0.8732, city accuracy 0.485 -> 0.492).
The extractor also gives mentions places it inherits (from the paragraph, the dateline, the
article's country): those are kept as the group's place only when the group has no stated
place, and they never split an article's mentions into different incidents. Nor is a name
the report also uses for a person ("Martin says", "Markques Patterson, 29,", "Sgt. Greer";
``person_names``): the extractor reads surnames as towns (GVA dev: B3 F1 0.864 -> 0.868,
killed_exact 0.802 -> 0.805, city accuracy unchanged).

Among several groups a mention could join, it picks the one with the closest place (same
town over same region over none), then the same type and sub-type, then the most shared
actors, then the latest.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from fogofwar.extract.events.triggers import is_coder_label
from fogofwar.extract.places.text import ADMIN1_WORDS
from fogofwar.folding import unaccented
from fogofwar.link.localities import mention_localities, paragraph_before
from fogofwar.link.params import (
    CALENDAR_DATE,
    DATE_WORDS,
    DEFAULT_PARAMS,
    LATER_STEP,
    POLITICAL_VIOLENCE,
    TOLL_UPDATE,
    LinkParams,
    coarse_type,
)
from fogofwar.link.sides import merge_actors
from fogofwar.link.similarity import (
    ADMIN2_REACH,
    DateRange,
    Dates,
    actor_names,
    date_range,
    gap_days,
    is_division,
    place_similarity,
    same_place,
)
from fogofwar.model import ActorRole, Article, Mention, Place, PlacePrecision
from fogofwar.regex import alternation

# How far apart two dates of one article may be and still describe one incident ("clashes on
# Thursday ... the fighting went on into Friday").
SAME_ARTICLE_GAP_DAYS = 1
# A victim who dies days after being shot ("died Wednesday of his wounds") is the same incident:
# a sentence telling a death dated up to this many days after the group's dates joins it, and its
# date (the death's, not the incident's) does not narrow the group's.
DEATH_LATER_DAYS = 7
_DEATH = re.compile(
    r"\b(?:died|dies|succumbed|passed\s+away|pronounced\s+dead|later\s+dead"
    r"|death\s+(?:was|has\s+been)\s+ruled)\b",
    re.IGNORECASE,
)
# Words of a place name this long count as naming it ("Saint Louis" is named by "St. Louis").
_NAME_WORD = re.compile(r"[^\W\d_]{4,}")
# A place named only as part of a medical facility or office ("taken to Mount Sinai Hospital",
# "the Cook County Medical Examiner") is where victims were treated or examined, not where the
# incident happened: such a name does not state the mention's place. An airport's name
# ("Ataturk Airport") names the airport, often resolved to a namesake town elsewhere.
_FACILITY_AFTER = re.compile(
    r"(?:\s+county)?\s+(?:hospital|medical|memorial|health|clinic|trauma|coroner|children'?s?\b|"
    r"general\s+hospital|regional\s+medical|department\b|"
    r"(?:international\s+)?airport\b|airfield\b|air\s+base\b)",
    re.IGNORECASE,
)
# "Arauca department", "Loreto Department": a region's own kind word, not a facility's name
_DEPARTMENT_AFTER = re.compile(r"\s+department\b(?!\s+of\b)", re.IGNORECASE)


def _facility_after(place: Place, text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is part of a facility's ("Mount Sinai Hospital"); a
    region's own kind word after it ("Arauca department") is not one."""
    if not _FACILITY_AFTER.match(text, end):
        return False
    return place.precision != PlacePrecision.REGION or _DEPARTMENT_AFTER.match(text, end) is None


# A town's name read from a county's ("the Essex County prosecutor's office", "Bartow County"):
# the text names the county, and the extractor resolved a namesake town (often in another state).
_COUNTY_AFTER = re.compile(r"\s+(?:county|parish)\b", re.IGNORECASE)
_REGION_KINDS = alternation(sorted(ADMIN1_WORDS))


@dataclass
class MentionGroup:
    """The mentions of one article that describe one incident, with their combined description."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    evidence: Dates = field(default_factory=Dates)
    place: Place | None = None
    place_stated: bool = False  # whether ``place`` is named in one of the group's sentences
    # Whether ``place`` is stated, or named anywhere in its report's body (the paragraph or
    # lead it was taken from; never the dateline alone, never a country): scoring.requirements.
    place_named: bool = False
    actors: list[ActorRole] = field(default_factory=list)
    # Compared in place of ``dates`` when the group has none (set by the linker from the
    # article's date); never written to an event.
    window: DateRange | None = None
    # Whether the group's claims tell of dead / of no dead (set by the linker from
    # the article's claims, cluster.tolls_told); never written to an event.
    dead: bool = False
    no_dead: bool = False
    # Background mentions (history the article recalls): they may join an event already
    # known, never found one (cluster.link_events).
    history: bool = False
    # Localities its sentences name by their kind ("the village of Kain"), folded
    # (localities.mention_localities).
    localities: set[str] = field(default_factory=set)
    # Whether ``place`` is a region its sentences name as one ("in Helmand province"):
    # scoring.requirements.
    region_named: bool = False

    @property
    def dates(self) -> DateRange | None:
        """The group's date range: its stated dates narrowed, else its inherited ones."""
        return self.evidence.best

    @property
    def match_dates(self) -> DateRange | None:
        """The dates the group is compared by: its own, else its window."""
        return self.dates or self.window

    @property
    def founder(self) -> Mention:
        """The first mention of the group in text order."""
        return self.mentions[0]

    @property
    def typing(self) -> Mention:
        """The mention that types the group: its first, unless that is a looting or burning
        the group's violence took in (``_part_of_violence``): then its first violent one. A
        coder's label ("Property destruction: ...") types the group whatever follows it."""
        founder = self.founder
        if founder.sub_event_type.casefold() == LOOTING_SUB_TYPE and not is_coder_label(founder.trigger):
            for mention in self.mentions:
                if coarse_type(mention.event_type) == POLITICAL_VIOLENCE:
                    return mention
        return founder

    @property
    def event_type(self) -> str:
        return self.typing.event_type

    @property
    def sub_event_type(self) -> str:
        return self.typing.sub_event_type

    def add(
        self,
        mention: Mention,
        *,
        stated: bool,
        dated: bool = True,
        dates: DateRange | None = None,
        written: bool = False,
        localities: frozenset[str] = frozenset(),
    ) -> None:
        """Add a mention: ``dates`` (default: the mention's) narrow the group's (similarity.narrow;
        inherited ones only count while none is stated, ``dated`` says whether the mention's
        sentence states its date, ``written`` that it also writes out a calendar day), the most
        precise stated place wins (an inherited place only while none is stated), actors unite."""
        self.mentions.append(mention)
        self.evidence = self.evidence.add(dates or mention_dates(mention), stated=dated, written=written)
        self.localities |= localities
        self.place, self.place_stated = choose_place(self.place, self.place_stated, mention.place, stated)
        self.actors = merge_actors(self.actors, mention.actors)


def mention_dates(mention: Mention, *, reference: date | None = None) -> DateRange | None:
    """A mention's date range, or None when undated.

    With the article's ``reference`` date, the extractor's stand-in for "no date stated" (the
    reference date itself at precision 2) also reads as undated: the linker then compares the
    mention with the weeks before the report (cluster.report_window) instead of one week.
    """
    if (
        reference is not None
        and mention.date_precision == 2
        and mention.date_start == reference
        and mention.date_end in (None, reference)
    ):
        return None
    return date_range(mention.date_start, mention.date_end, mention.date_precision)


def more_precise(current: Place | None, new: Place | None) -> Place | None:
    """The more precise of two places (town over district over region over country); ties keep ``current``."""
    if new is None:
        return current
    if current is None or new.precision < current.precision:
        return new
    return current


def choose_place(
    current: Place | None, current_stated: bool, new: Place | None, new_stated: bool
) -> tuple[Place | None, bool]:
    """The place of a description after one more mention: stated places beat inherited ones,
    then the more precise wins (ties keep ``current``). Returns (place, stated)."""
    if new is None or (current_stated and not new_stated):
        return current, current_stated
    if new_stated and not current_stated:
        return new, True
    return more_precise(current, new), current_stated


def _place_key(place: Place) -> tuple[str, str | None, str | None]:
    return place.name.casefold(), (place.admin1 or "").casefold() or None, place.country


def vote_place(places: Sequence[tuple[Place, bool]]) -> tuple[Place | None, bool]:
    """An event's place from its reports' places, ``(place, stated)`` one per mention group.

    Stated places beat inherited ones and towns beat coarser places, as in ``choose_place``;
    among those, the place most reports give wins (the same name in the same region and
    country counts as one place), ties going to the first seen. One report's misread town (a
    namesake in another state) is outvoted by the reports that read it right (GVA dev:
    city_accuracy 0.458 -> 0.465; counting every mention instead of every report gave 0.462).
    """
    if not places:
        return None, False
    stated = [p for p, is_stated in places if is_stated]
    pool = stated or [p for p, _ in places]
    finest = min(p.precision for p in pool)
    # towns (1) and districts (2) compete as one level; coarser places only when there is no town
    level = (
        [p for p in pool if p.precision <= max(finest, 2)]
        if finest <= 2
        else [p for p in pool if p.precision == finest]
    )
    counts = Counter(_place_key(p) for p in level)
    best = max(counts.values())
    chosen = next(p for p in level if counts[_place_key(p)] == best)
    return chosen, bool(stated)


@functools.cache
def _later_step() -> re.Pattern[str]:
    return re.compile(f"{TOLL_UPDATE}|{LATER_STEP}", re.IGNORECASE)


@functools.cache
def _date_words() -> re.Pattern[str]:
    return re.compile(DATE_WORDS, re.IGNORECASE)


def sentence_text(mention: Mention, article: Article | None = None) -> str:
    """The mention's sentence as the linker reads it: the article's dateline (where and when the
    report was filed, ``Article.blank_dateline``) blanked, offsets kept."""
    sentence = mention.sentence
    if article is None or article.dateline_start is None:
        return sentence.text
    if len(article.text) < sentence.end or article.text[sentence.start : sentence.end] != sentence.text:
        return sentence.text  # a headline's or another text's sentence: no dateline in it
    return article.blank_dateline(sentence.start, sentence.end)


def states_date(mention: Mention, *, article: Article | None = None, text: str | None = None) -> bool:
    """Whether the mention's sentence (less the ``article``'s dateline) has a date word, and is
    no running toll or later step of the case: "the number of people killed in the attack rose to
    59 on Sunday", "he was arraigned on Monday" date the count or the step, not the incident, so
    such a date is taken as the report's, as if inherited (``TOLL_UPDATE``, ``LATER_STEP``).
    ``text``: the sentence as ``sentence_text`` gives it, when the caller has it."""
    text = sentence_text(mention, article) if text is None else text
    return _date_words().search(text) is not None and _later_step().search(text) is None


def writes_calendar_day(mention: Mention, *, article: Article | None = None, text: str | None = None) -> bool:
    """Whether the mention is dated to a day and its sentence (less the dateline; ``text``, when
    the caller has it) writes out a calendar day ("On 4 March", "March 5th"), not only a
    weekday or "yesterday"."""
    if mention.date_precision != 1:
        return False
    return _calendar_date().search(sentence_text(mention, article) if text is None else text) is not None


# A year right after a calendar day is part of it: "On 1 May 2020", "May 1, 2020".
_YEAR_AFTER = re.compile(r",?\s*(?:1[89]|20)\d\d\b")


def inherits_calendar_day(mention: Mention, article: Article | None) -> bool:
    """Whether the mention, dated to a day its sentence does not state, took that day from an
    earlier sentence of its paragraph that writes out a calendar day ("On 1 May 2020, police
    raided a house in Niteroi. Two suspects were shot."): the last date its paragraph states
    before it is a written calendar day, as good as one the mention's own sentence writes."""
    if mention.date_precision != 1:
        return False
    before = paragraph_before(mention, article)
    said = [m.start() for m in _date_words().finditer(before)]
    if not said:
        return False
    last = said[-1]
    for found in _calendar_date().finditer(before):
        year = _YEAR_AFTER.match(before, found.end())
        if found.start() <= last < (year.end() if year else found.end()):
            return True
    return False


@functools.cache
def _calendar_date() -> re.Pattern[str]:
    return re.compile(CALENDAR_DATE, re.IGNORECASE)


# A name read as a place that the report also uses for a person ("Martin says", "Markques
# Patterson, 29,", "Sgt. Greer") is that person's name, not a place (person_names).
_PERSON_AFTER = re.compile(
    r"\s+(?:said|says|told|added|explained|testified|wrote|pleaded)\b|,\s*\d{1,3}\s*,",
)
_PERSON_BEFORE = re.compile(
    r"(?:(?i:\b(?:mr|mrs|ms|dr|sgt|lt|capt|det|cpl))\.?|(?i:\b(?:officer|deputy|detective|sheriff|chief|"
    r"trooper|sergeant|lieutenant|captain|corporal|agent|judge|spokesman|spokeswoman)))\s+"
    r"(?:[A-Z][\w'-]*\s+)?$"
)
# ... unless the name follows a preposition of place ("a man, 25, of Tampa, said").
_PLACE_BEFORE = re.compile(r"(?i:\b(?:of|in|from|at|near|outside|downtown)\s+)$")


@functools.lru_cache(maxsize=4096)
def _whole_word(name: str) -> re.Pattern[str]:
    # Compiled once per name: town names recur across a corpus, and re's own cache (512
    # patterns) turns over on a large batch.
    return re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)


def person_names(text: str, names: Iterable[str]) -> frozenset[str]:
    """The ``names`` (place names read from an article), case-folded, that the article's ``text``
    also uses for a person: somewhere followed by a verb of saying ("Martin says", not "Martin,
    said") or an age ("Patterson, 29,"), or after a title ("Sgt. Greer"), and not after a
    preposition of place ("of Tampa, 25,")."""
    found = set()
    for name in set(names):
        for match in _whole_word(name).finditer(text):
            before = text[max(0, match.start() - 40) : match.start()]
            if _PLACE_BEFORE.search(before):
                continue
            if _PERSON_AFTER.match(text, match.end()) or _PERSON_BEFORE.search(before):
                found.add(name.casefold())
                break
    return frozenset(found)


LOOTING_SUB_TYPE = "looting/property destruction"

# Letters transliterations vary in ("Maiwand" / "Maywand"; "Shahr" / "Shar" once "hh" is one h),
# and the least number of other letters a word needs to be compared by the rest.
# GeoNames writes an ayn or hamza with a turned comma or a modifier letter ("Dar‘ā"), reports
# with an apostrophe ("Dar'a"): one character for one, so offsets stay aligned
_APOSTROPHES = str.maketrans("‘’ʿʾ`´", "''''''")
_NOT_CONSONANT = re.compile(r"[aeiouy'’\-]")
# A Persian linking vowel inside a name: "Nad-e Ali", "Sar-i Pul", "Rabat-e Sangi".
_EZAFE = re.compile(r"-(?:e|i|ye|yi)\b")
_MIN_SKELETON = 3


def is_stated(
    mention: Mention,
    *,
    article: Article | None = None,
    persons: frozenset[str] = frozenset(),
    text: str | None = None,
) -> bool:
    """Whether the mention's sentence names its place (less the ``article``'s dateline) and
    the place is finer than a country; a name read only from a hospital's or coroner's name
    ("Mount Sinai Hospital") does not count (``_FACILITY_AFTER``), nor a town's name read from
    a county's ("Essex County", ``_COUNTY_AFTER``), nor a name the sentence only writes in lower
    case (a common word: "police" read as Police, Poland), nor a name in ``persons``
    (case-folded names the report uses for people, ``person_names``). Accents do not count.
    ``text``: the sentence as ``sentence_text`` gives it, when the caller has it."""
    if mention.place is None:
        return False
    return names_place(mention.place, sentence_text(mention, article) if text is None else text, persons)


def names_place(place: Place, original: str, persons: frozenset[str] = frozenset()) -> bool:
    """Whether ``original`` (a sentence, or a report's body) names ``place``, finer than a
    country, as ``is_stated`` reads a sentence."""
    if place.precision >= 4 or place.name.casefold() in persons:
        return False
    # accents aside: the gazetteer's "Várzea Grande" is the report's "Varzea Grande"
    folded = unaccented(original).translate(_APOSTROPHES).casefold()
    name = unaccented(place.name).translate(_APOSTROPHES).casefold()
    if name in folded:
        aligned = len(folded) == len(original)
        return any(
            not _facility_after(place, folded, found.end())
            and not (place.precision == 1 and _COUNTY_AFTER.match(folded, found.end()))
            and not (aligned and original[found.start()].islower())
            for found in re.finditer(re.escape(name), folded)
        )
    words = _NAME_WORD.findall(name)
    if words and all(re.search(rf"\b{re.escape(w)}\b", folded) for w in words if w != "saint"):
        return True
    # Spelled another way: "Maidan Shar" for the gazetteer's "Maīdān Shahr", "Maywand" for
    # "Maiwand" (transliterations differ in vowels and h); words whose consonants say little
    # ("Gao") must match as written.
    skeletons = [_skeleton(w) for w in words if w != "saint"]
    if skeletons and all(len(k) >= _MIN_SKELETON for k in skeletons):
        written = {_skeleton(w) for w in _NAME_WORD.findall(folded)}
        if all(k in written for k in skeletons):
            return True
    # "Nad Ali" for "Nad-e Ali", "Dawlat Abad" for "Dowlatābād": the name's letters run together,
    # Persian linking vowels dropped, against the text's words run together two by two
    bare = _EZAFE.sub("", name)
    if bare != name and re.search(rf"\b{re.escape(bare)}\b", folded):
        return True
    whole = _skeleton(bare.replace(" ", ""))
    if len(whole) < 2 * _MIN_SKELETON:
        return False
    tokens = re.findall(r"[^\W\d_]+", _EZAFE.sub("", folded))
    runs = [*tokens, *(a + b for a, b in itertools.pairwise(tokens))]
    return any(_skeleton(run) == whole for run in runs)


def _skeleton(word: str) -> str:
    """A word's consonants, doubled letters once ("shahr", "shar" -> "shr")."""
    consonants = _NOT_CONSONANT.sub("", word)
    return re.sub(r"(.)\1+", r"\1", consonants)


def _place_rank(group: MentionGroup, mention: Mention, stated: bool, params: LinkParams) -> int | None:
    """2 same town, 1 same region or country, 0 when either side has no stated place, None when
    the stated places differ."""
    a, b = group.place, mention.place
    if a is None or b is None or not (group.place_stated and stated):
        return 0
    if same_place(a, b, within_km=params.same_place_km):
        return 2
    county = is_division(a) != is_division(b)
    if a.precision <= 2 and b.precision <= 2 and not county:
        return None  # two different towns: two incidents
    # A county and a town in it are one place; place_similarity reaches ADMIN2_REACH times max_km.
    reach = params.county_town_km / ADMIN2_REACH if county else params.same_place_km
    return 1 if place_similarity(a, b, max_km=reach, params=params) is not None else None


def later_death(group_dates: DateRange, mention: Mention, dates: DateRange) -> bool:
    """Whether the mention tells a death (``_DEATH``) dated after ``group_dates``, within
    ``DEATH_LATER_DAYS``: a victim who died of the group's incident's wounds."""
    if not (group_dates.precise and dates.precise) or dates.start <= group_dates.end:
        return False
    if (dates.start - group_dates.end).days > DEATH_LATER_DAYS:
        return False
    return _DEATH.search(mention.sentence.text) is not None


def _fits(
    group: MentionGroup,
    mention: Mention,
    stated: bool,
    dates: DateRange | None,
    params: LinkParams,
    text: str,
) -> tuple[int, int, int, int] | None:
    """How well ``mention`` fits ``group`` as a sort key (higher is better), or None if it does not.
    ``text``: the mention's sentence as ``sentence_text`` gives it."""
    if coarse_type(group.event_type) != coarse_type(mention.event_type) and not _part_of_violence(
        group, mention
    ):
        return None
    if (
        group.dates is not None
        and dates is not None
        and gap_days(group.dates, dates) > SAME_ARTICLE_GAP_DAYS
        and not later_death(group.dates, mention, dates)
    ):
        return None
    rank = _place_rank(group, mention, stated, params)
    if rank is None or _abroad(group, mention, text):
        return None
    same_type = group.event_type.casefold() == mention.event_type.casefold()
    same_sub = group.sub_event_type.casefold() == mention.sub_event_type.casefold()
    if not (same_type or same_sub or rank != 1):
        return None  # a different type in the same region: another incident
    shared_actors = len(actor_names(group.actors) & actor_names(mention.actors))
    return (rank, int(same_type) + int(same_sub), shared_actors, group.mentions[-1].sentence.start)


def _abroad(group: MentionGroup, mention: Mention, text: str) -> bool:
    """Whether the mention's sentence (``text``) names a country other than the group's stated
    place's as where it happened: "Turkish warplanes struck PKK targets in Iraq and Syria hours
    later", after an attack in Ankara, is another incident."""
    place = mention.place
    if place is None or place.feature != "country" or group.place is None or not group.place_stated:
        return False
    if group.place.country is None or place.country == group.place.country:
        return False
    folded = unaccented(text).casefold()
    return (
        re.search(rf"\b(?:in|into|on|across|over)\s+{re.escape(unaccented(place.name).casefold())}\b", folded)
        is not None
    )


def _part_of_violence(group: MentionGroup, mention: Mention) -> bool:
    """Whether a looting or burning may be part of the violence one report tells ("RSF fighters
    entered the camp, set fire to the market and went from shelter to shelter"): ACLED codes
    such destruction with the attack, not apart. Either may come first in the report; place and
    dates must agree as for any two mentions (``_fits``)."""
    kinds = {coarse_type(group.event_type), coarse_type(mention.event_type)}
    looting = {group.sub_event_type.casefold(), mention.sub_event_type.casefold()}
    return POLITICAL_VIOLENCE in kinds and LOOTING_SUB_TYPE in looting


def group_mentions(
    mentions: Sequence[Mention], *, article: Article | None = None, params: LinkParams = DEFAULT_PARAMS
) -> list[MentionGroup]:
    """Group one article's foreground mentions into incidents (module docstring); text order.

    ``article`` (optional) locates the dateline, whose place does not count as stated.
    Background mentions are skipped. Groups come out in the order of their first mention.
    """
    return group_article(mentions, article=article, params=params)[0]


def group_article(
    mentions: Sequence[Mention], *, article: Article | None = None, params: LinkParams = DEFAULT_PARAMS
) -> tuple[list[MentionGroup], list[MentionGroup]]:
    """One article's foreground mentions grouped into incidents (as ``group_mentions``), and its
    background mentions grouped the same way into history groups (``MentionGroup.history``)."""
    reference = article.reference_date if article is not None else None
    persons = (
        person_names(article.text, (m.place.name for m in mentions if m.place is not None))
        if article is not None
        else frozenset()
    )
    ordered = sorted(mentions, key=lambda m: (m.sentence.start, m.id))
    news, history = (
        _group([m for m in ordered if m.background == past], article, reference, persons, params, past)
        for past in (False, True)
    )
    return news, history


def _group(
    mentions: Sequence[Mention],
    article: Article | None,
    reference: date | None,
    persons: frozenset[str],
    params: LinkParams,
    history: bool,
) -> list[MentionGroup]:
    groups: list[MentionGroup] = []
    texts: dict[str, str] = {}  # mention id -> its sentence, read once (region_named below too)
    for mention in mentions:
        text = texts[mention.id] = sentence_text(mention, article)
        stated = is_stated(mention, article=article, persons=persons, text=text)
        dated = states_date(mention, article=article, text=text)
        written = (
            writes_calendar_day(mention, article=article, text=text)
            if dated
            else inherits_calendar_day(mention, article)
        )
        localities = mention_localities(mention, article, text=text, stated=stated)
        dates = mention_dates(mention, reference=reference)
        fits = [
            (fit, i) for i, g in enumerate(groups) if (fit := _fits(g, mention, stated, dates, params, text))
        ]
        if fits:
            target = groups[max(fits)[1]]
            if target.dates is not None and dates is not None and later_death(target.dates, mention, dates):
                dates = target.dates  # the death's date is not the incident's
        else:
            target = MentionGroup(article_id=mention.article_id, history=history)
            groups.append(target)
        target.add(mention, stated=stated, dated=dated, dates=dates, written=written, localities=localities)
    body = article.text[article.dateline_end or 0 :] if article is not None else None
    for group in groups:
        group.place_named = group.place_stated or (
            body is not None and group.place is not None and names_place(group.place, body, persons)
        )
        group.region_named = (
            group.place is not None
            and group.place_stated
            and any(names_region(group.place, texts[m.id]) for m in group.mentions)
        )
    return groups


def names_region(place: Place, text: str) -> bool:
    """Whether ``text`` names the region ``place`` together with its kind ("Helmand province",
    "Rakhine State", "the province of Herat"): the report places the incident in the region,
    not merely calls something after it ("a Missouri baby", "an Oklahoma homeowner")."""
    if place.precision != PlacePrecision.REGION:
        return False
    return _region_named(unaccented(place.name)).search(unaccented(text)) is not None


@functools.lru_cache(maxsize=1024)
def _region_named(name: str) -> re.Pattern[str]:
    """The pattern of a region's name with its kind, before or after it (``names_region``); a
    capitalised word after the kind makes it an organisation's name ("Michigan State Police")."""
    escaped = re.escape(name)
    return re.compile(
        rf"(?i:\b{escaped}\s+(?:{_REGION_KINDS})\b)(?!\s+[A-Z])|(?i:\b(?:{_REGION_KINDS})\s+of\s+{escaped}\b)"
    )


__all__ = [
    "MentionGroup",
    "choose_place",
    "group_article",
    "group_mentions",
    "inherits_calendar_day",
    "is_stated",
    "later_death",
    "mention_dates",
    "more_precise",
    "names_place",
    "names_region",
    "person_names",
    "states_date",
    "vote_place",
]
