"""Reading place names in text: folding, word tokens, and the cue words around a name.

Pure functions of strings; the index lookups that use them are in
:mod:`fogofwar.extract.places.gazetteer`.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Container
from dataclasses import dataclass, replace

from fogofwar.folding import unaccented
from fogofwar.model import Place, PlacePrecision
from fogofwar.regex import alternation

# Words after a name that say which kind of place it is ("Ghazni province", "Andar district").
ADMIN1_WORDS = frozenset(
    "province provinces region regions governorate governorates state states department "
    "departments oblast oblasts prefecture prefectures wilaya wilayah county counties".split()
)
DISTRICT_WORDS = frozenset(
    "district districts municipality municipalities subcounty subcounties lga lgas commune communes "
    "payam tehsil woreda upazila raion rayon".split()
) | {"sub county", "sub counties"}
KIND_WORDS = ADMIN1_WORDS | DISTRICT_WORDS
# Words before a name that make it a place ("in Tinzaouaten", "the town of Kidal").
_PLACE_CUES = frozenset("in at near outside from to around of into toward towards across".split())
# A coder's note of where an event is placed: "(coded as Taveta)", "(coded to Lozova, Kharkiv)",
# "(coordinates for Kapedo used)".
_CODING_CUES = frozenset({("coded", "as"), ("coded", "to"), ("coordinates", "for"), ("coordinates", "of")})
# The same cues as a pattern (the linker reads the name after one as a locality).
CODING_CUE = r"\b(?i:" + "|".join(rf"{a}\s+{b}" for a, b in sorted(_CODING_CUES)) + r")\b"
_CODING_CUE_BEFORE = re.compile(CODING_CUE + r"\s+$")
_CODING_CUE_WINDOW = 40  # characters searched before a name
# Lower-case words that follow a name and end it: prepositions and conjunctions.
_LINKING_WORDS = frozenset(
    "in on at of and or near where after before during when while with from by".split()
)
# A settlement's kind, capitalised after its name as part of it ("Hebron City").
_SETTLEMENT_WORDS = frozenset("city town township village republic camp".split())
# Arabic articles written apart and lower-case before a place's name ("in el Hermel").
_ARTICLES_BEFORE_NAMES = frozenset("el al ad ar as ash az ez".split())
# Particles inside Romance names of people and institutions ("Pumarejo de Lopez").
_INNER_PARTICLES = frozenset("de del da do dos das du des di".split())
# A compass word after a place's name makes a division of it ("Baringo South", "Kisumu East").
COMPASS_PARTS = frozenset("north south east west central northeast northwest southeast southwest".split())
_NEAR_CUES = ("near", "outside", "close to", "north of", "south of", "east of", "west of", "km from")
# Lower-case words that may sit inside a multi-word place name ("Dar es Salaam", "Sar-e Pul").
_CONNECTORS = frozenset("de del la las los el al ad an as ash ar az ez es e i y da do dos das of the".split())
# A name followed by more name words and a division's kind word is a fragment of that division's
# name ("Tala wa Bafrak district", "Khabb wa ash Shaaf district"): the division is unknown, and
# its first word alone is some namesake town. Mixed-case text only (in ALL CAPS "AND" looks
# like a name word).
_NAME_LINKS = alternation(["wa", "va", *(_CONNECTORS - {"of", "the"})])
_KIND_WORDS = alternation(w for w in KIND_WORDS if " " not in w)
_DIVISION_NAME_REST = re.compile(
    rf"(?=[ ])(?:[ \-]+(?:(?:{_NAME_LINKS})[ \-]+)*[A-Z][\w'’\-]*)+[ ]+(?i:{_KIND_WORDS})\b"
)


# A ministry's or minister's portfolio ("Justice Minister Rene Bagoro", "the Interior Ministry"):
# the word before is the office, not a town of that name.
_ALLEGIANCE_BEFORE = re.compile(r"\b(?i:pro|anti)[-–]$")
_PORTFOLIO_AFTER = re.compile(r"[ \t]+Minist(?:er|ry|ers|ries)\b")


def names_allegiance(text: str, start: int) -> bool:
    """Whether the name at ``start`` says whose side someone is on ("pro-Turkey factions",
    "anti-Houthi forces"), not where."""
    return _ALLEGIANCE_BEFORE.search(text, max(0, start - 5), start) is not None


def names_portfolio(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is a minister's or ministry's portfolio."""
    return _PORTFOLIO_AFTER.match(text, end) is not None


def follows_coding_cue(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a coder's note of where the event is placed
    ("coded to Lozova", "coordinates for Kapedo")."""
    return _CODING_CUE_BEFORE.search(text, max(0, start - _CODING_CUE_WINDOW), start) is not None


def starts_division_name(text: str, end: int) -> bool:
    """Whether the name ending at ``end`` is the first part of a longer division name."""
    return _DIVISION_NAME_REST.match(text, end) is not None


# Suffixes dropped from admin1 names to give the short form news uses ("Kunduz Province").
_ADMIN1_SUFFIX = re.compile(
    r"\b(province|region|governorate|state|department|district|oblast|oblysy|krai|kray|"
    r"prefecture|county|municipality|wilayah?|muhafazat|division|republic)\b"
)

# A hyphen joins a word to a lower-case one ("Kabul-based", "Rwanda-backed": no place) and parts
# names that are capitalised on both sides ("Mogadishu-Hodan district", "Ar-Raqqa"): each is read,
# and a hyphenated name the gazetteer knows whole ("Tin-Zaouaten") is still matched across it.
_TOKEN = re.compile(r"\w+(?:(?:['’]|-(?![A-ZÀ-Þ]))\w+)*", re.UNICODE)
_APOSTROPHES = "'’"  # those _TOKEN keeps inside a word
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Between the words of one name: a space, a hyphen, or a line break of hard-wrapped text
# ("SAN\nSALVADOR" in wire copy wrapped at 70 columns).
_NAME_GAP = re.compile(r" |-|[ \t]*\n[ \t]*")
_LIST_GAP = re.compile(r"\s*(?:,|and|&|,\s*and)\s*", re.I)
_PLURAL_KIND = re.compile(
    r"\s+(?:provinces|districts|regions|departments|states|governorates|oblasts)\b", re.I
)
# Arabic name particles (and the Somali "Ceel", a well): alone before a capitalised word they
# start a longer name the index lacks ("Al Zayaynya", "Abu Salim", "Ceel Salini"), never the
# town spelled like the particle (Norway's Ål, India's Ābu, Somalia's Eyl).
_NAME_PARTICLES = frozenset("al el as ad ar ash at az an abu umm ibn bin ain ayn ceel".split())
# Words that begin a neighbourhood's name ("in Tijuana, ... in Colonia Camino Verde", "Barangay
# Poblacion", "Morro do Palacio"): the neighbourhood of the town named before, never the namesake
# town "Colonia" or "Morro" elsewhere.
_NEIGHBOURHOOD_WORDS = frozenset("colonia barrio bairro morro favela barangay".split())
_NAME_STARTERS = _NAME_PARTICLES | _NEIGHBOURHOOD_WORDS
_NEIGHBOURHOOD_AFTER = re.compile(r"[ \t]+neighbou?rhoods?\b", re.IGNORECASE)
# A country named as the far side of a border ("along the border with Niger", "the Somalia
# border town of Elwak"): the event is on this side, in the country the article is about
# (Gazetteer._accept).
_BORDER_BEFORE = re.compile(
    r"\bborders?\s+(?:with|of)\s+(?:[A-ZÀ-Þ][\w'’-]*\s*(?:,|and|or)\s*)*$", re.IGNORECASE
)
_BORDER_AFTER = re.compile(r"[\s-]*border\b", re.IGNORECASE)
# A road named from its two ends ("the Garissa-Nairobi road", "the Damboa - Maiduguri road"): the
# far end is no place of the event.
_ROAD_NEAR_END_BEFORE = re.compile(r"[^\W\d_][ \t]*[-–][ \t]*$")
_ROAD_AFTER = re.compile(r"[ \t]+(?:road|highway)\b", re.IGNORECASE)


def road_far_end(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start``..``end`` is the far end of a road named from its two ends
    ("the Garissa-Nairobi road", "the Kiunga-Somalia road": a border road)."""
    return bool(_ROAD_AFTER.match(text, end) and _ROAD_NEAR_END_BEFORE.search(text, max(0, start - 4), start))


# A country's name in its currency's ("the US dollar exchange rate"): no place.
_CURRENCY_AFTER = re.compile(r"\s+dollars?\b", re.IGNORECASE)
# Text is ALL CAPS (old wire copy) when more than this share of the letters of its start are capitals.
_CAPS_SHARE = 0.8
_CAPS_SAMPLE_CHARS = 2000
# "X district, Y province": at most this many characters between the district and its province.
_ATTACH_GAP_CHARS = 20
_EARTH_RADIUS_KM = 6371.0
# Words of one name, at most (connectors inside a name count).
_MAX_NGRAM = 5
# Characters before a name searched for a place cue ("the border town of").
_CUE_WINDOW_CHARS = 24
# A spot or settlement named before its parenthesis of divisions ("the Fererio area (Deou,
# Oudalan)", "Mado Gashi market (Isiolo)").
_SPOT_WORDS = "area|areas|village|town|city|camp|market|site|mine|locality|hamlet|forest|axis"
# "Kompienbiga (Pama, Kompienga)", "Barga (Yatenga)": a parenthesis of names right after a name
# gives the divisions that hold it; the name stands at its start or after a comma inside it, and a
# capitalised word, or one and its kind ("Shailkupa upazila (Jhenaidah)") or a spot's ("Fererio
# area (Deou, Oudalan)"), stands before the parenthesis ("the army (Kossi)" is no such list).
_BRACKET_BEFORE = re.compile(
    rf"\b[A-ZÀ-Þ][\w'’-]*(?:[ \t]+(?i:{_KIND_WORDS}|{_SPOT_WORDS}))?"
    rf"\s*\((?:[^()\n,;:.]{{1,40}},\s*){{0,2}}$"
)
_BRACKET_AFTER = re.compile(r"\s*(?:,\s*[^()\n,;:.]{1,40}){0,2}\)")
# Between two words of one phrase: a space, or a line break of hard-wrapped text.
_WORD_GAP = re.compile(r" |[ \t]*\n[ \t]*")
# A person's title this many words before a name, at most, makes it a person's in ALL CAPS text.
_TITLE_WORDS_BEFORE = 3

Token = tuple[int, int, str]
"""A word of the text: (start, end, folded key)."""


@dataclass(frozen=True)
class Hit:
    """A candidate place name found in text (token span) with the cues around it."""

    start: int
    end: int
    key: str
    hint: str | None  # "admin1", "district" or None
    cued: bool  # preceded by a place cue ("in", "near", "town of") or followed by a kind word
    near: bool  # "near X", "outside X": precision NEAR_TOWN
    named: bool  # part of a longer run of capitalised words ("Baza Telegram", "Semyon Pegov"), or
    # in ALL CAPS a few words after a person's title ("COLONEL MAURICIO VARGAS")
    bracketed: bool = False  # in a parenthesis of names after a place: "Kombori (Kombori, Kossi)"
    # named as the far side of a border ("the border with Niger", "the Somalia border town") or
    # the far end of a road ("the Kiunga-Somalia road"): a country so named is not where the
    # event is
    border: bool = False


@functools.lru_cache(maxsize=65_536)  # the same words recur in every article; folding is pure
def fold(name: str) -> str:
    """Normalise a place name for lookup: accents stripped, case-folded, punctuation -> space.

    >>> fold("Ménaka"), fold("Tin-Zaouaten"), fold("Musa Qal'ah")
    ('menaka', 'tin zaouaten', 'musa qalah')
    """
    stripped = unaccented(name)
    # Apostrophes join (Qal'ah -> qalah); other punctuation separates words.
    stripped = stripped.replace("'", "").replace("’", "").replace("ʼ", "").replace("‘", "")
    return _NON_WORD.sub(" ", stripped.casefold()).replace("_", " ").strip()


def short_admin1(name: str) -> str:
    """The folded admin1 name without its kind word ("Kunduz Province" -> "kunduz"); may be empty."""
    return _ADMIN1_SUFFIX.sub("", fold(name)).strip()


def tokens(text: str) -> list[Token]:
    """Word tokens as (start, end, folded key); a possessive 's is left out of the span."""
    found = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        # a possessive: 's or ’s, any case (tested by hand: this runs on every word of every text)
        if len(word) > 3 and word[-1] in "sS" and word[-2] in _APOSTROPHES:
            end -= 2
            word = word[:-2]
        found.append((start, end, fold(word)))
    return found


@functools.lru_cache(maxsize=1024)  # asked again of each sentence and article by several stages
def is_all_caps(text: str) -> bool:
    """Whether ``text`` is written in capitals (then every word looks like a name)."""
    letters = [ch for ch in text[:_CAPS_SAMPLE_CHARS] if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > _CAPS_SHARE


def _starts_name(text: str, token: Token, caps: bool) -> bool:
    """Whether ``token`` may start a name: capitalised, and a letter or longer than one character."""
    first = text[token[0]]
    return first.isupper() and (caps or len(token[2]) > 1 or first.isalpha())


def _name_runs_on(text: str, words: list[Token], j: int) -> bool:
    """Whether a capitalised word follows the match ending at token ``j`` (one name with it),
    other than a kind word or a compass word ending a division's name ("Baringo South")."""
    if j + 1 >= len(words):
        return False
    nxt = words[j + 1]
    return (
        text[words[j][1] : nxt[0]] == " "
        and text[nxt[0]].isupper()
        and nxt[2] not in KIND_WORDS
        and not (nxt[2] in COMPASS_PARTS and _ends_division_name(text, words, j + 1))
    )


def _hyphened_to_unknown(text: str, words: list[Token], i: int, j: int, keys: Container[str]) -> bool:
    """Whether a capitalised word the index does not know is hyphened to the match, making one
    unknown name of them ("near Pobe-Mengao" is no Pobè); not a road's ends ("the
    Halba-Qoubaiyat road") nor a word of lower case ("Kabul-based")."""
    parts = []
    if i > 0 and text[words[i - 1][1] : words[i][0]] == "-":
        parts.append(words[i - 1])
    if j + 1 < len(words) and text[words[j][1] : words[j + 1][0]] == "-":
        parts.append(words[j + 1])
    unknown = [w for w in parts if text[w[0]].isupper() and w[2] not in keys]
    if not unknown:
        return False
    end = max(words[j][1], *(w[1] for w in parts))
    return not _ROAD_AFTER.match(text, end)


def _longer_name(text: str, words: list[Token], i: int, j: int, keys: Container[str]) -> bool:
    """Whether the match at tokens ``i``..``j`` is part of a longer, unknown name, whose cue a
    cue before it is: a name running on in capitals ("in Bar Elias", "of Byblos Bank"), less a
    settlement's kind word written as part of it ("Hebron City", "Maungdaw Township", "Niger
    Republic"), or one hyphened to an unknown word ("near Pobe-Mengao")."""
    runs_on = _name_runs_on(text, words, j) and words[j + 1][2] not in _SETTLEMENT_WORDS
    return runs_on or _hyphened_to_unknown(text, words, i, j, keys)


def _in_name(text: str, words: list[Token], i: int, j: int) -> bool:
    """Whether capitalised words touch the match on either side (a person or organisation name).
    A compass word after it ending the name ("Baringo South", "Tonj East") names a division of
    the place, not a person."""
    if _name_runs_on(text, words, j):
        return True
    if i > 0:
        prev = words[i - 1]
        gap = text[prev[1] : words[i][0]]
        # A capitalised word before, inside the sentence: "Semyon Pegov", "Wagner Kidal".
        if gap == " " and text[prev[0]].isupper() and not _sentence_start(text, prev[0]):
            return prev[2] not in _PLACE_CUES
        # ... or a particle joining it to one: "Hospital Rosario Pumarejo de Lopez"
        if gap == " " and prev[2] in _INNER_PARTICLES and text[prev[0]].islower() and i > 1:
            first = words[i - 2]
            return (
                text[first[1] : prev[0]] == " "
                and text[first[0]].isupper()
                and not _sentence_start(text, first[0])
                and first[2] not in _PLACE_CUES
                and first[2] not in KIND_WORDS  # "Province de Kossi", "Région de Mopti"
            )
    return False


def _ends_division_name(text: str, words: list[Token], j: int) -> bool:
    """Whether token ``j`` ends a division's name: punctuation or a kind word follows it
    ("Baringo South.", "Tonj South county"), not a noun ("the Far South sides", "Walnut Park
    West neighborhood") nor a name ("Nairobi West Hospital")."""
    if j + 1 >= len(words):
        return True
    nxt = words[j + 1]
    return (
        text[words[j][1] : nxt[0]].strip() != ""
        or nxt[2] in KIND_WORDS
        or nxt[2] == "sub"
        or (nxt[2] in _LINKING_WORDS and text[nxt[0]].islower())  # "in Narok South in the area"
    )


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in '.!?\n"“(:'


def _kind_after(words: list[Token], j: int) -> tuple[str | None, bool]:
    """The kind word after token ``j`` ("province" -> "admin1"), and whether there is one (a cue)."""
    if j + 1 >= len(words):
        return None, False
    word = words[j + 1][2]
    if word == "sub" and j + 2 < len(words):  # "Laisamis sub county"
        word = f"sub {words[j + 2][2]}"
    if word in ADMIN1_WORDS:
        return "admin1", True
    if word in DISTRICT_WORDS:
        return "district", True
    return None, False


def _capitalised_after_kind(text: str, words: list[Token], j: int) -> bool:
    """Whether a capitalised word follows the kind word after token ``j``, one space apart
    ("Cook County Sheriff"): the name of an office."""
    k = j + 2
    if k < len(words) and words[j + 1][2] == "sub":  # "Laisamis sub county"
        k += 1
    if k >= len(words) or text[words[k - 1][1] : words[k][0]] != " ":
        return False
    return text[words[k][0]].isupper()


def _cued_before(before: str, *, caps: bool = False) -> bool:
    """Whether the lower-cased text ``before`` a name ends in a place cue ("in", "the town of");
    in mixed-case text also "between" and the "and" after it ("between Gorgadji and Aribinda":
    ALL CAPS text names the parties to talks and clashes so, "BETWEEN THE FMLN AND ...")."""
    words = before.split()
    if not words:
        return False
    last = words[-1]
    if last in _PLACE_CUES:
        return True
    if len(words) >= 2 and last in _ARTICLES_BEFORE_NAMES and words[-2] in _PLACE_CUES:
        return True  # "in el Hermel", "the village of al Khadir"
    if not caps and (last == "between" or (last == "and" and "between" in words[-4:-2])):
        return True
    # "the town of Kidal", "the border town of Tinzaouaten", "the village Gao"; a coder's note of
    # where an event is placed: "(coded as Taveta)", "(coordinates for Kapedo used)"
    if len(words) < 2:
        return False
    before_last = words[-2].lstrip("([")
    if before_last in {"town", "village", "city"} and last == "of":
        return True
    return (before_last, last) in _CODING_CUES


def find_hits(text: str, *, keys: Container[str], titles: Container[str]) -> list[Hit]:
    """Candidate place names in ``text``, in order: runs of capitalised words (every word in ALL
    CAPS text) matched longest first against ``keys`` (folded names), with the cues around them.

    titles: folded person titles ("colonel"); in ALL CAPS a name a few words after one is a person's.
    """
    words = tokens(text)
    caps = is_all_caps(text)
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        if not _starts_name(text, words[i], caps):
            i += 1
            continue
        match = _longest_match(text, words, i, caps, keys)
        if match is None:
            i += 1
            continue
        j, key = match
        start, end = words[i][0], words[j][1]
        if _not_a_place(text, words, i, j, key, caps):
            i = j + 1
            continue
        hint, cued_after = _kind_after(words, j)
        institution = hint is not None and not caps and _capitalised_after_kind(text, words, j)
        if institution:  # "Cook County Sheriff", "Elgin Police Department": an office, not a place
            cued_after = False
        before = text[max(0, start - _CUE_WINDOW_CHARS) : start].lower()
        # (in ALL CAPS wire copy a parenthesis names the outlet: "(RADIO CADENA)")
        bracketed = not caps and bool(
            _BRACKET_BEFORE.search(text, max(0, start - 90), start) and _BRACKET_AFTER.match(text, end)
        )
        # in ALL CAPS every word runs on, so there a cue always stands
        cued = (
            cued_after
            or bracketed
            or (_cued_before(before, caps=caps) and (caps or not _longer_name(text, words, i, j, keys)))
        )
        near = any(before.rstrip().endswith(cue) for cue in _NEAR_CUES)
        if hint is None and key.rsplit(" ", 1)[-1] in ADMIN1_WORDS:
            hint = "admin1"  # "Donetsk Oblast" matched whole
        # In ALL CAPS a capitalised neighbour says nothing, but a title a few words before
        # does: "COLONEL MAURICIO VARGAS" is a man, not Venezuela's Vargas state.
        named = institution or (
            _in_name(text, words, i, j) if not caps else not cued and _after_title(text, words, i, titles)
        )
        border = bool(
            _BORDER_AFTER.match(text, end)
            or _BORDER_BEFORE.search(text, max(0, start - 60), start)
            or road_far_end(text, start, end)
        )
        hits.append(Hit(start, end, key, hint, cued, near, named, bracketed, border))
        i = j + 1
    return _share_plural_kind(text, hits)


def _not_a_place(text: str, words: list[Token], i: int, j: int, key: str, caps: bool) -> bool:
    """Whether a known name at tokens ``i``..``j`` is no place of the text: a name particle or a
    neighbourhood's kind word starting a longer unknown name, a month ("in August") or a
    currency ("US dollar")."""
    if i == j and key in _NAME_STARTERS and j + 1 < len(words):
        after = words[j + 1]
        if _NAME_GAP.fullmatch(text, words[j][1], after[0]) and _starts_name(text, after, caps):
            return True
    if i == j and key in _months():
        return True
    if _NEIGHBOURHOOD_AFTER.match(text, words[j][1]):
        return True  # "a shoot-out in Candelaria neighborhood": a part of the town named before
    return _CURRENCY_AFTER.match(text, words[j][1]) is not None


@functools.lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    """Month names, folded: never a place's name in a text ("in August")."""
    from fogofwar.extract.dates import date_lexicon

    return frozenset(k for k in date_lexicon().months if len(k) > 3)


def _after_title(text: str, words: list[Token], i: int, titles: Container[str]) -> bool:
    """Whether a person's title (``person_titles``) stands up to three words before token
    ``i``, joined to it by single spaces and no place cue ("GEN FILMO LOPEZ")."""
    for k in range(i - 1, max(-1, i - 1 - _TITLE_WORDS_BEFORE), -1):
        # one space, or a line break of hard-wrapped wire copy ("MINISTER\nCARLOS MORALES")
        if not _WORD_GAP.fullmatch(text, words[k][1], words[k + 1][0]):
            return False
        word = words[k][2]
        if word in titles:
            return True
        if word in _PLACE_CUES or word in _CONNECTORS:
            return False
    return False


def _longest_match(
    text: str, words: list[Token], i: int, caps: bool, keys: Container[str]
) -> tuple[int, str] | None:
    """The last token and the folded key of the longest known name starting at token ``i``."""
    best: tuple[int, str] | None = None
    parts: list[str] = []
    for j in range(i, min(i + _MAX_NGRAM + 2, len(words))):
        start, _end, key = words[j]
        if j > i:
            gap = text[words[j - 1][1] : start]
            joins = _starts_name(text, words[j], caps) or key in _CONNECTORS
            if not _NAME_GAP.fullmatch(gap) or not joins:
                break
        parts.append(key)
        if len(parts) > _MAX_NGRAM:
            break
        if key in _CONNECTORS and j > i:
            continue
        joined = " ".join(parts)
        if joined in keys:
            best = (j, joined)
    return best


def _share_plural_kind(text: str, hits: list[Hit]) -> list[Hit]:
    """ "Usulutan and Morazan departments": the plural kind word applies to every name listed."""
    for k in range(len(hits) - 1, 0, -1):
        current, previous = hits[k], hits[k - 1]
        if (
            current.hint
            and previous.hint is None
            and _PLURAL_KIND.match(text, current.end)
            and _LIST_GAP.fullmatch(text, previous.end, current.start)
        ):
            hits[k - 1] = replace(previous, hint=current.hint, cued=True)
    return hits


def attach_admin1(places: list[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    """Give "X district, Y province" the admin1 Y (and its country) when X has none of its own."""
    out = list(places)
    for k in range(len(out) - 1):
        start, end, place = out[k]
        _next_start, _next_end, following = out[k + 1]
        if (
            place.precision == PlacePrecision.NEAR_TOWN
            and following.feature == "admin1"
            and (place.admin1 is None or place.country != following.country or place.admin1 != following.name)
            and _next_start - end <= _ATTACH_GAP_CHARS
        ):
            fixed = replace(place, admin1=following.name, country=following.country)
            if place.country != following.country:
                fixed = replace(fixed, lat=following.lat, lon=following.lon, geonames_id=None)
            out[k] = (start, end, fixed)
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return _EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(a))
