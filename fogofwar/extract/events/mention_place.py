"""The place of an event mention: from its sentence (a list of places gives the region that
holds them), its paragraph, the article's lead, the dateline, or the article's country."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fogofwar.extract.events.context import MentionContext, dateline_country, in_background, measured_from
from fogofwar.extract.events.triggers import EventLexicon, Hit
from fogofwar.extract.places.text import follows_coding_cue
from fogofwar.extract.sentences import Sentence
from fogofwar.model import Place, PlacePrecision

# "neighbouring Narok": a place beside the one the report is about (not "the neighbouring
# village of X", which names where something happened).
_NEIGHBOURING_BEFORE = re.compile(r"\bneighbou?ring\s+$", re.IGNORECASE)
_NEIGHBOURING_WINDOW = 80  # characters searched before a name
# A preposition that puts what happened inside a place: "struck targets in Iraq".
_IN_BEFORE = re.compile(r"\b(?:in|into|inside|across)\s+(?:(?:north|south|east|west)ern\s+)?$", re.I)
# A later act in response to the one the article tells: "hours later", "in retaliation".
_RESPONSE = re.compile(
    r"\b(?:(?:hours|days|shortly|soon|minutes)\s+later|later\s+(?:that|on)|in\s+(?:retaliation|response|reprisal))\b",
    re.IGNORECASE,
)
# Between the members of a list of places: "Khost, Kandahar and Nangarhar provinces".
_LIST_GAP = re.compile(r"\s*(?:,|and|or|&|,\s*and|,\s*or)\s*", re.IGNORECASE)


def mention_place(
    context: MentionContext, sentence: Sentence, best: Hit, lexicon: EventLexicon
) -> Place | None:
    own = [
        item
        for item in context.places(sentence)
        if not _dateline_namesake(context, sentence.text, *item) and not _neighbouring(sentence.text, item[0])
    ]
    located = [(s, e, p) for s, e, p in own if p.feature != "country"]
    # "in Puerto Rey, 460 km northwest of Bogota": the town measured from is not where it happened
    located = [item for item in located if not measured_from(sentence.text, item[0])] or located
    # A coder's note of where an event is placed ("(coded to Lozova, Kharkiv)", "coordinates
    # for Kapedo used") says so outright: it beats the name nearest the trigger.
    coded = [item for item in located if follows_coding_cue(sentence.text, item[0])]
    if coded:
        return coded[0][2]
    # A report about one country names foreign capitals too ("talks in Havana"): the sentence's
    # places in the article's country come first.
    home = [item for item in located if context.at_home(item[2])]
    if located and not home and all(p.feature == "populated_place" for _s, _e, p in located):
        # "STUTTGART, Germany Islamic State militants killed a U.S. Navy SEAL in northern Iraq":
        # the article's own country, where it happened, outranks towns abroad (where it was
        # filed); not a country owning a division ("in Congo's Ituri province")
        inside = [
            p for s, e, p in own if p.feature == "country" and _happened_in(context, sentence.text, s, e, p)
        ]
        if inside:
            return inside[0]
    home = home or located
    if home:
        nearest = min(home, key=lambda item: (best.distance(item[0], item[1]), item[2].precision))
        return _enclosing(context, sentence.text, located, _town_inside(nearest, located))

    # "Turkish warplanes struck PKK targets in Iraq and Syria hours later": a response that the
    # sentence puts in another country happened there, not in the town the article is about.
    abroad = [
        p
        for s, _e, p in own
        if p.feature == "country" and not context.at_home(p) and _written_inside(sentence.text, s)
    ]
    if abroad and _RESPONSE.search(sentence.text):
        return abroad[0]

    # Borrowed from the paragraph (nearest sentence first), else from the rest of the article's
    # foreground text (its first place, the lead's by the inverted pyramid); places in the
    # article's country first, foreign ones only when it names none.
    def donors() -> Iterator[Sentence]:  # lazy: the first donor with a place usually ends the search
        yield from context.paragraph(sentence)
        if local:
            return  # a local report's news is where it was filed, unless its paragraph says otherwise
        for other in context.sentences:
            if other.paragraph != sentence.paragraph and not in_background(context, other, lexicon):
                yield other

    dateline = _dateline_place(context)
    # Filed from a town that is not its country's main city or capital ("KOKOMO, Ind.", "SALEM,
    # Ore."): a local report, whose other paragraphs name people and streets more than other
    # towns. Wire and press-office reports filed from a capital ("KABUL, Afghanistan",
    # "WASHINGTON") tell news elsewhere.
    local = (
        dateline is not None
        and dateline.precision == PlacePrecision.TOWN
        and not context.gazetteer.is_filing_city(dateline)
    )
    for home_only in (True, False):
        if not home_only and (dateline is not None or (context.country and context.names_its_country)):
            # a report filed in its country's town, or naming its country, and naming no other
            # place there is about it (the dateline's town, else the country below), not about
            # the foreign capital where talks are held or the city its visitors came from
            break
        for other in donors():
            borrowed = [
                p
                for s, e, p in context.places(other)
                if p.feature != "country"
                and (context.at_home(p) or not home_only)
                and not _dateline_namesake(context, other.text, s, e, p)
                and not measured_from(other.text, s)
                and not _neighbouring(other.text, s)
            ]
            if borrowed:
                return borrowed[0]
    if dateline is not None:
        return dateline
    countries = [p for s, _e, p in own if p.feature == "country" and not measured_from(sentence.text, s)]
    if countries:
        return countries[0]
    # The article's country, when a place or the country itself is named there: a country
    # voted by demonyms alone ("Turkish drone", "French forces") is whose forces, not where.
    if context.country and context.names_its_country:
        return context.gazetteer.country(context.country)
    return None


def _happened_in(context: MentionContext, text: str, start: int, end: int, place: Place) -> bool:
    """Whether the article's own country is named as where something happened ("in northern
    Iraq"), not as the owner of a division ("in Congo's Ituri province")."""
    return context.at_home(place) and _written_inside(text, start) and not _POSSESSIVE_AFTER.match(text, end)


def _written_inside(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a preposition that puts what happened inside it
    ("struck targets in Iraq", "in northern Iraq")."""
    return _IN_BEFORE.search(text, max(0, start - _IN_REACH), start) is not None


_IN_REACH = 30  # characters before a name searched for "in (northern)"
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")


def _enclosing(
    context: MentionContext,
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


def _town_inside(
    nearest: tuple[int, int, Place], located: list[tuple[int, int, Place]]
) -> tuple[int, int, Place]:
    """The town the sentence places inside the nearest region, when the nearest is a region.

    "the mayor of Achi, in the northern department of Bolivar, was kidnapped": the department
    only says where the town lies, so the event is at the town (the first town of the sentence
    whose admin1 is that region); a region with no town of its own in the sentence stays.
    """
    region = nearest[2]
    if region.feature not in ("admin1", "admin2") or region.country is None:
        return nearest
    inside = [
        item
        for item in located
        if item[2].feature == "populated_place"
        and item[2].country == region.country
        and item[2].admin1 is not None
        and item[2].admin1 in (region.name, region.admin1)
    ]
    return inside[0] if inside else nearest


def _neighbouring(text: str, start: int) -> bool:
    """Whether the place name at ``start`` is written as the neighbour of where the report is
    ("spillover from violence in neighbouring Narok", "fled to neighbouring Chad"): another
    place, never the incident's."""
    return _NEIGHBOURING_BEFORE.search(text, max(0, start - _NEIGHBOURING_WINDOW), start) is not None


def _same_kind(a: Place, b: Place) -> bool:
    """Two places of one rank and neither inside the other: members of one list."""
    return a.precision == b.precision and a.name != b.name and b.name != a.admin1 and a.name != b.admin1


def _dateline_namesake(context: MentionContext, text: str, start: int, end: int, place: Place) -> bool:
    """Whether a place named like the dateline's town lies outside the dateline's country: in
    "TAWILA, Sudan ..." the Tawila of the text is the Sudanese one, never Yemen's Aţ Ţawīlah,
    even when the gazetteer knows only that one."""
    name = context.article.dateline_place
    if not name or text[start:end].casefold() != name.casefold():
        return False
    filed = dateline_country(context.article, context.gazetteer)
    return filed is not None and place.country != filed


def _dateline_place(context: MentionContext) -> Place | None:
    if not context.country:
        return None
    place = context.filed_at
    return place if place is not None and place.country == context.country else None
