"""The per-article context of event mentions: reference date, the dates and places of each
sentence (less the dateline's and page stamps), neighbouring sentences, and which sentences
tell history (background) rather than news."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date, timedelta

from fogofwar.extract.dates import DateMention, resolve_dates
from fogofwar.extract.events.triggers import EventLexicon
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.places.text import fold, is_all_caps, road_far_end
from fogofwar.extract.places.unlisted import marked_place_names
from fogofwar.extract.sentences import Sentence
from fogofwar.model import Article, DatePrecision, Place, PlacePrecision

# A place cue right before a name: "IN MORALES" is the town even where a Morales speaks.
_PLACE_CUE_BEFORE = re.compile(r"\b(?:in|at|near|outside|from|to|of|town|village|city)\s+$", re.IGNORECASE)
# Words after a place's name that make it the name of something else: a criminal group ("the
# Medellin cartel"), a street or square of another town ("Tarapaca Street", "Bolivar Square"),
# a military unit ("the Conchagua Battalion"), an armed group named for its land ("the Donbass
# People's Militia"), a street of a town ("Montfort Drive"). Roads and highways are left: they run
# through the place named.
_NAMES_OTHER_AFTER = re.compile(
    r"[ \t]*\n?[ \t]*(?:drug\s+)?(?:cartels?|mafias?|street|avenue|boulevard|promenade|square|"
    r"drive|lane|parkway|"
    r"battalion|brigade|people['’]?s\s+(?:militia|republic|army))\b",
    re.IGNORECASE,
)
# A distance before a place name: "120 km north of", "40 miles from the town of".
_DISTANCE_BEFORE = re.compile(
    r"\b(?:km|kms|kilometers?|kilometres?|miles?)\s+(?:\w+\s+){0,3}?(?:of|from)\s+"
    r"(?:the\s+(?:\w+\s+){0,3}?of\s+)?$",
    re.IGNORECASE,
)
_DISTANCE_WINDOW = 80  # characters searched before a name
# Where someone was going or was sent: "an attack on a bus bound for Mandera between Kotulo and
# Waragud", "riots when residents learnt he had been deported to Canada".
_DESTINATION_BEFORE = re.compile(
    r"\b(?:bound\s+for|heading\s+(?:to|for|towards)|en\s+route\s+to|on\s+(?:its|their|his|her)\s+way\s+to"
    r"|travell?ing\s+to|destined\s+for|(?:deported|extradited|expelled|repatriated|fled|evacuated)\s+to)"
    r"\s+(?:the\s+(?:\w+\s+){0,2}?of\s+)?$",
    re.IGNORECASE,
)


def measured_from(text: str, start: int) -> bool:
    """Whether the place name at ``start`` is the point a distance is measured from ("12 km
    north of X", "40 miles from the town of X") or where someone was going ("a bus bound for
    X", "en route to X", "deported to X"): the event lies away from it."""
    window = max(0, start - _DISTANCE_WINDOW)
    return (
        _DISTANCE_BEFORE.search(text, window, start) is not None
        or _DESTINATION_BEFORE.search(text, window, start) is not None
    )


# "Six days later", "A month earlier", "The next day": a time told from the sentence before (a
# recap's chain of past attacks), not from the report's date.
_NARRATIVE_TIME = re.compile(
    r"^\W*(?:(?P<count>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
    r"(?P<unit>day|week|month)s?\s+(?P<way>later|earlier|before|after)|the\s+(?P<near>next|following|"
    r"previous)\s+(?P<near_unit>day|week|month))\b",
    re.IGNORECASE,
)
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_COUNT_WORDS |= {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_UNIT_PRECISION = {"day": DatePrecision.DAY, "week": DatePrecision.WEEK, "month": DatePrecision.MONTH}
# Publication this many days after the dateline still counts as the same news day(s).
_SAME_NEWS_DAYS = 3
# Dates this close to the start may belong to the dateline or a header line.
_HEADER_CHARS = 400
# "Posted: Monday, March 31, 2014 3:13 PM" stamps the web page, as a dateline does the report.
_PAGE_STAMP = re.compile(
    r"\b(?:posted|updated|published|last\s+(?:updated|modified))(?:\s+(?:on|at))?\s*:?\s*$", re.IGNORECASE
)


def tells_narrative_time(text: str) -> bool:
    """Whether a sentence opens with a time told from the sentence before ("Six days later")."""
    return _NARRATIVE_TIME.match(text) is not None


class MentionContext:
    """What every mention of one article needs (its sentences' dates and places, reference
    date, country, history verdicts); computed lazily, once per sentence. Not attribution's
    ``ArticleContext``, which carries claimants from sentence to sentence."""

    def __init__(
        self,
        article: Article,
        sentences: Sequence[Sentence],
        gazetteer: Gazetteer,
        country: str | None,
        reference: date | None,
        background_days: int,
        *,
        country_named: bool = False,
    ) -> None:
        self.article = article
        self._country_named = country_named
        self.sentences = sentences
        self.gazetteer = gazetteer
        self.country = country
        self.reference = reference
        self.background_days = background_days
        self._dates: dict[int, list[DateMention]] = {}
        self._places: dict[int, list[tuple[int, int, Place]]] = {}
        self._first: dict[int, list[tuple[int, int, Place]]] = {}  # before the admin1 decides
        self._placed_names: dict[str, Place | None] = {}  # a town's name -> its place (_as_placed)
        self.background: dict[int, bool] = {}  # in_background per sentence index
        self.paragraph_history: dict[int, bool] = {}  # _background_paragraph's verdict per paragraph
        self._paragraphs: dict[int, list[Sentence]] = {}  # the sentences of each paragraph, in order
        self._by_index = {sentence.index: sentence for sentence in sentences}
        for sentence in sentences:
            self._paragraphs.setdefault(sentence.paragraph, []).append(sentence)

    def dates(self, sentence: Sentence) -> list[DateMention]:
        if sentence.index not in self._dates:
            found = resolve_dates(sentence.text, self.reference)
            self._dates[sentence.index] = [
                d
                for d in found
                if not self._is_dateline(sentence, d) and not _PAGE_STAMP.search(sentence.text, 0, d.start)
            ]
        return self._dates[sentence.index]

    def narrative_date(self, sentence: Sentence) -> tuple[date, date, int] | None:
        """The time of a sentence that opens with a time told from the sentence before ("Six
        days later an ISIS suicide bomber ...", "A month earlier, 28 had been killed"): the
        previous sentence's date (its own, else its own narrative date) moved by that much, at
        the vaguer of the two precisions; None without such an opening or such a date."""
        match = _NARRATIVE_TIME.match(sentence.text)
        if match is None or sentence.index == 0:
            return None
        previous = self._by_index.get(sentence.index - 1)
        if previous is None:
            return None
        dated = self.dates(previous)
        if dated:
            start, end, precision = dated[0].date_start, dated[0].date_end, dated[0].precision
        elif (told := self.narrative_date(previous)) is not None:
            start, end, precision = told
        else:
            return None
        if match.group("near"):
            unit, count, later = match.group("near_unit").casefold(), 1, match.group("near") != "previous"
        else:
            unit = match.group("unit").casefold()
            word = match.group("count").casefold()
            count = int(word) if word.isdigit() else _COUNT_WORDS[word]
            later = match.group("way").casefold() in ("later", "after")
        shift = timedelta(days=count * _UNIT_DAYS[unit] * (1 if later else -1))
        return start + shift, end + shift, max(precision, _UNIT_PRECISION[unit])

    def places(self, sentence: Sentence) -> list[tuple[int, int, Place]]:
        """Places named in the sentence, less those inside the dateline (where it was filed); a
        name that places of the article's country in several admin1s share is the one in the
        admin1 the article is about (``admin1``)."""
        if sentence.index not in self._places:
            found = self._named(sentence)
            if any(self._strays(p) for _s, _e, p in found):
                again = self.gazetteer.find_places(sentence.text, country=self.country, admin1=self.admin1)
                found = self._outside_dateline(sentence, again)
            found = [self._world_city(self._as_placed(sentence, item)) for item in found]
            kept = [
                item
                for item in found
                if not self._names_person(sentence.text, *item)
                and not self._names_other(sentence.text, item[1], item[2])
                and not road_far_end(sentence.text, item[0], item[1])
            ]
            self._places[sentence.index] = sorted(kept + self._unlisted(sentence, kept), key=lambda i: i[0])
        return self._places[sentence.index]

    def _as_placed(self, sentence: Sentence, item: tuple[int, int, Place]) -> tuple[int, int, Place]:
        """A town the article places elsewhere by the region written with it ("near Kamyanka,
        Donetsk" ... "near Kamyanka") is that town wherever the article repeats its name."""
        start, end, place = item
        if place.feature != "populated_place" or place.precision > PlacePrecision.NEAR_TOWN:
            return item
        written = sentence.text[start:end]
        if written not in self._placed_names:
            self._placed_names[written] = self._placed_name(written)
        placed = self._placed_names[written]
        return item if placed is None else (start, end, placed)

    def _world_city(self, item: tuple[int, int, Place]) -> tuple[int, int, Place]:
        """A small town of the article's country named after a world city ("Brussels",
        Wisconsin) is that city ("the Brussels bombings" in a report from Washington) unless the
        article names the town's admin1 or was filed from it."""
        start, end, place = item
        if place.country != self.country or place.precision > PlacePrecision.NEAR_TOWN:
            return item
        city = self.gazetteer.world_city_namesake(place)
        if city is None or (place.admin1 and f" {fold(place.admin1)} " in self._folded_text):
            return item
        filed = self.article.dateline_place
        if filed and fold(filed) == fold(place.name):
            return item
        return (start, end, city)

    @functools.cached_property
    def _folded_text(self) -> str:
        return f" {fold(self.article.text)} "

    def _placed_name(self, written: str) -> Place | None:
        """The place the region written with a town's name gave it where the article names it
        more than once and the readings differ (the region decided between namesakes): the
        reading that is not the name's bare one."""
        if self.article.text.count(written) < 2:
            return None  # named once: nothing to carry over (the usual case, and cheap)
        places = [
            place
            for other in self.sentences
            if written in other.text
            for start, end, place in self._named(other)
            if other.text[start:end] == written and place.feature == "populated_place"
        ]
        if len({(p.country, p.admin1) for p in places}) < 2:
            return None
        bare = self.gazetteer.resolve(written, country=self.country)
        if bare is None:
            return None
        return next((p for p in places if (p.country, p.admin1) != (bare.country, bare.admin1)), None)

    def _unlisted(
        self, sentence: Sentence, known: list[tuple[int, int, Place]]
    ) -> list[tuple[int, int, Place]]:
        """Settlements the sentence marks by a kind word ("the village of X", "X canton") that the
        gazetteer does not list, as unlocated towns of the article's country, in the admin1 of
        a place of that country the sentence names (else the article's admin1).

        Only in ALL CAPS wire copy (old reports of rural attacks name hamlets GeoNames lacks): in
        current reports a village one report alone names kept its reports from the others of
        the event, which name the region (conflict set B³ 0.960 -> 0.955)."""
        if self.country is None or not self.caps:
            return []
        taken = [(s, e) for s, e, _p in known]
        anchor = next((p for _s, _e, p in known if p.country == self.country and p.admin1), None)
        found = []
        for start, end in marked_place_names(sentence.text):
            name = sentence.text[start:end]
            if any(s < end and start < e for s, e in taken) or self.article.in_dateline(
                sentence.start + start
            ):
                continue
            if self.gazetteer.is_word(name):
                continue
            place = Place(
                name=" ".join(name.split()).title() if is_all_caps(name) else " ".join(name.split()),
                admin1=anchor.admin1 if anchor is not None else self.admin1,
                country=self.country,
                feature="populated_place",
                precision=PlacePrecision.TOWN,
            )
            found.append((start, end, place))
        return found

    @functools.cached_property
    def caps(self) -> bool:
        """Whether the article is written in capitals (old wire copy)."""
        return is_all_caps(self.article.text)

    @functools.cached_property
    def person_names(self) -> frozenset[str]:
        """Folded names the article (ALL CAPS) shows to be people's (``Gazetteer.person_names``)."""
        return self.gazetteer.person_names(self.article.text)

    def _names_other(self, text: str, end: int, place: Place) -> bool:
        """Whether a place's name in ``text`` names a group, a street or a unit after it (the
        Medellin cartel acts far from Medellin; O'Higgins Avenue is no region)."""
        return place.feature != "country" and _NAMES_OTHER_AFTER.match(text, end) is not None

    def _names_person(self, text: str, start: int, end: int, place: Place) -> bool:
        """Whether a town's name in ``text`` is a person's the article names elsewhere after a
        title, with no place cue ("in", "near") before it here ("MORALES SAID", "KILLING
        BARILLAS" after "MINISTER CARLOS MORALES", "AMBASSADOR DANILO BARILLAS")."""
        if place.feature != "populated_place" or fold(text[start:end]) not in self.person_names:
            return False
        return not _PLACE_CUE_BEFORE.search(text, 0, start)

    def _named(self, sentence: Sentence) -> list[tuple[int, int, Place]]:
        """The sentence's places as the country alone decides them."""
        if sentence.index not in self._first:
            found = self.gazetteer.find_places(sentence.text, country=self.country)
            self._first[sentence.index] = self._outside_dateline(sentence, found)
        return self._first[sentence.index]

    def _outside_dateline(
        self, sentence: Sentence, found: list[tuple[int, int, Place]]
    ) -> list[tuple[int, int, Place]]:
        return [(s, e, p) for s, e, p in found if not self.article.in_dateline(sentence.start + s)]

    def _strays(self, place: Place) -> bool:
        """Whether a place may be a namesake of one in the article's admin1."""
        return (
            place.country == self.country
            and self.gazetteer.has_namesake_elsewhere(place)
            and self.admin1 is not None
            and place.admin1 != self.admin1
        )

    @functools.cached_property
    def admin1(self) -> str | None:
        """The admin1 of its country the article is about: voted by the places of the country
        it names and its dateline town (Gazetteer.admin1_context); None when none wins."""
        if self.country is None:
            return None
        named = [p for s in self.sentences for _s, _e, p in self._named(s)]
        return self.gazetteer.admin1_context(named, country=self.country, dateline=self.filed_at)

    @functools.cached_property
    def filed_at(self) -> Place | None:
        """The dateline's town as the dateline itself places it ("HENRY COUNTY, Ind." is
        Indiana's), else by its name in the article's country; None without a dateline."""
        name = self.article.dateline_place
        if not name:
            return None
        written = self.article.dateline
        if written:
            for _s, _e, place in self.gazetteer.find_places(written, country=self.country):
                if place.name.casefold() == name.casefold() or place.precision <= PlacePrecision.NEAR_TOWN:
                    return place
        return self.gazetteer.resolve(name, country=self.country)

    @functools.cached_property
    def names_its_country(self) -> bool:
        """Whether the article names a place in its country (or the country): the dateline's
        place, one in its text, or a division of it the index may not list, named with a kind
        word only that country uses (``country_named``: "Barangay Magdawat"). A country
        voted by demonyms alone ("Turkish drone", "French forces") tells whose forces they
        were, not where they struck."""
        if self.country is None:
            return False
        if self._country_named:
            return True
        name = self.article.dateline_place
        if name:
            filed = self.gazetteer.resolve(name, country=self.country)
            if filed is not None and filed.country == self.country:
                return True
        # not as where someone went or was sent ("deported to Canada")
        return any(
            p.country == self.country and not measured_from(s.text, start)
            for s in self.sentences
            for start, _e, p in self.places(s)
        )

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
        if self.article.in_dateline(start):
            return not mention.relative or mention.date_start in report_days
        following = self.article.text[sentence.start + mention.end :].lstrip(" \t")
        # A header date has a day number; "TODAY" at the end of a wrapped line is no header.
        return (
            mention.date_start in report_days
            and any(ch.isdigit() for ch in mention.text)
            and following[:1] in ("", ")", "(", ":", "\n", "\u2028")
        )


def dateline_country(article: Article, gazetteer: Gazetteer) -> str | None:
    """The country a dateline names after its town ("TAWILA, Sudan, April 15 ..."): the report
    says where it was filed, and that decides between namesakes (Tawila in Darfur, not Yemen's
    Aţ Ţawīlah). None when the dateline names no country."""
    start, end = article.dateline_start, article.dateline_end
    if start is None or end is None:
        return None
    countries = {
        p.country for _s, _e, p in gazetteer.find_places(article.text[start:end]) if p.feature == "country"
    }
    return countries.pop() if len(countries) == 1 else None


# A wire dateline stripped of its agency and dash, as scraped copy keeps it: "BRUSSELS Explosions
# tore through ...", "NICE, France A gunman ..." (capitals, maybe a country, then prose in mixed
# case).
_CAPS_LEAD = re.compile(
    r"\s*(?P<town>[A-Z][A-Z'’.-]{2,}(?: [A-Z][A-Z'’.-]+){0,2})"
    r"(?:,[ \t]*(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?))?(?=[ \t]+[A-Z\"“])"
)


def filing_lead(article: Article, gazetteer: Gazetteer) -> tuple[str, str | None] | None:
    """The town a report opens with in capitals, as a dateline without its dash, and the country
    written after it: ("Brussels", None) for "BRUSSELS Explosions tore through ...", ("Nice",
    "FR") for "NICE, France A gunman ...". A town with no country after it counts only when it
    is a city reports are filed from (its country's largest or a capital:
    ``Gazetteer.is_filing_city``, so that "NATO", "UNICEF" or "UPDATE" never do). None when
    the article has a dateline of its own or opens otherwise; mixed-case text only."""
    if article.dateline_place:
        return None
    lead = _CAPS_LEAD.match(article.text)
    if lead is None or is_all_caps(article.text[: lead.end() + 200]):
        return None
    name = lead.group("town").title()
    region = lead.group("region")
    if region:
        # "Germany Islamic State militants ...": the country is the first word or both
        for words in (region, region.split()[0]):
            country = gazetteer.resolve(words)
            if country is not None and country.feature == "country":
                return name, country.country
        return None
    place = gazetteer.resolve(name)
    if place is None or place.feature != "populated_place" or not gazetteer.is_filing_city(place):
        return None
    return name, None


def reference_date(article: Article) -> date | None:
    """The date relative expressions resolve against: the publication date when it is up to
    ``_SAME_NEWS_DAYS`` after the dateline date, else ``article.reference_date``."""
    dateline, published = article.dateline_date, article.published
    if dateline and published and timedelta(0) <= published - dateline <= timedelta(days=_SAME_NEWS_DAYS):
        return published
    return article.reference_date


def in_background(context: MentionContext, sentence: Sentence, lexicon: EventLexicon) -> bool:
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


def _background_paragraph(context: MentionContext, sentence: Sentence, lexicon: EventLexicon) -> bool:
    if lexicon.background.search(sentence.text):
        return not any(
            not context.is_old(d.date_end) and d.precision <= DatePrecision.WEEK
            for d in context.dates(sentence)
        )
    # once per paragraph, not per sentence (quadratic in a long paragraph)
    known = context.paragraph_history.get(sentence.paragraph)
    if known is None:
        paragraph = [sentence, *context.paragraph(sentence)]
        # A paragraph with a recent day, week or month is news; a bare year ("in 2021") is not.
        recent = any(
            not context.is_old(d.date_end) and d.precision <= DatePrecision.MONTH
            for s in paragraph
            for d in context.dates(s)
        )
        cued = sum(1 for s in paragraph if lexicon.background.search(s.text))
        known = context.paragraph_history[sentence.paragraph] = not recent and cued * 2 >= len(paragraph)
    return known


# --------------------------------------------------------------------------------------------
