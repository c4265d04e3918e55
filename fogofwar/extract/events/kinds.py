"""The ACLED type of a mention from who did what to whom, not from the trigger word alone.

The lexicon's strongest trigger gives a first type (triggers.py); these rules, after ACLED's
codebook, then read the sentence around it. Word lists are in ``resources/event_types.json``.

* **Violence against civilians or battle.** A generic act of violence ("attacked", "killed",
  "shot", "opened fire", "raided") is a battle only when both sides are armed: ACLED's battles
  are fights between organised armed groups. The act's victims decide: the words after an
  active trigger ("shot dead a driver", "killing two soldiers"), before a passive one ("two
  farmers were killed", "a policeman killed by gunmen"), or the body of a person found. Armed
  victims (soldiers, police, militants, a military post or patrol) make a battle; unarmed ones
  (a man, villagers, a trader, a village, a market) with no armed victim make an attack on
  civilians. A sentence that tells a fight between two sides ("clashes", "exchanged fire") stays
  a battle whoever died in it.
* **Riots.** Violence done by a crowd of unarmed people (a mob, residents, a group of youths,
  party supporters; "beaten up by locals") or a fight of two unarmed groups with sticks, stones
  or machetes is mob violence, or a violent demonstration when the sentence tells a protest; a
  protest whose sentence, or one of the next two of its paragraph, tells roads barricaded,
  tyres burnt, stones thrown or property wrecked is a violent demonstration (``harmonize``).
* **Explosives found or defused** ("defused an IED", "a bomb disposal team") are a disrupted
  weapons use, not an explosion.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from fogofwar.extract.events.triggers import EventLexicon, Hit, TriggerType
from fogofwar.resources import load_json

VAC = "Violence against civilians"
BATTLES = "Battles"
RIOTS = "Riots"
PROTESTS = "Protests"
EXPLOSIONS = "Explosions/Remote violence"
ATTACK = TriggerType(VAC, "Attack", 0)
ARMED_CLASH = "Armed clash"
MOB = "Mob violence"
VIOLENT_DEMONSTRATION = "Violent demonstration"
PEACEFUL = "Peaceful protest"
REMOTE = "Remote explosive/landmine/IED"
SHELLING = "Shelling/artillery/missile attack"
DISRUPTED = TriggerType("Strategic developments", "Disrupted weapons use", 0)

# Where a trigger's object or subject phrase ends: clause punctuation or a preposition or
# conjunction that starts an adjunct ("killed two men in Gao", "shot a driver who ...").
_PHRASE_END = re.compile(
    r"[,;:.()\[\]]|\b(?:in|at|near|on|during|while|after|when|before|as|because|over|for|from|who|which|"
    r"that|whom|and then|but|until|inside|outside|along|between|around|within|amid|following|since|"
    r"with|to|into)\b",
    re.IGNORECASE,
)
_TARGET_PREP = re.compile(r"^\s*(?:on|at|upon|against|towards|targeting)\b", re.IGNORECASE)
# A count's qualifier right after a trigger opens its object, not an adjunct: "executed between
# 20 and 32 people", "killed around 40 civilians".
_COUNT_QUALIFIER = re.compile(
    r"^\s*(?:between|around|about|over|nearly|almost|up\s+to)\s+(?=\d|(?:one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+dozen|dozens|scores|tens|hundreds)\b)",
    re.IGNORECASE,
)
# A trigger used as a noun ("a militia attack", "the raid"): the words before it name the doer.
_NOUN_BEFORE = re.compile(
    r"\b(?:a|an|the|another|this|that|their|its|his|her|two|three|several|\w+'s)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NOUN_TRIGGER = re.compile(
    r"(?:attacks?|raids?|ambush(?:es)?|assaults?|killings?|shootings?|offensive|bombings?|strikes?)\b",
    re.IGNORECASE,
)
_PASSIVE_WORD = re.compile(r"\b(?:was|were|been|being)\b", re.IGNORECASE)
_RIOT_WORD = re.compile(r"\briot", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|got|is|are)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_BY_AFTER = re.compile(
    r"^\s*(?:(?:dead|and\s+killed|and\s+injured|and\s+wounded|\w+ly)\s+)?by\b", re.IGNORECASE
)
# A clause break; a reporting verb too: who tells of the violence is not its doer ("Residents
# said the shooting lasted four hours")
_CLAUSE_START = re.compile(
    r"[,;:.()]|\b(?:when|after|while|as|but|because|where|which|who|said|says|told|added|stated)\b",
    re.IGNORECASE,
)
_BODY = re.compile(
    r"\b(?:bod(?:y|ies)|corpses?|remains) (?:of|were|was|found)\b|\bfound dead\b", re.IGNORECASE
)
# "members of", "a group of": a container noun whose head follows.
_CONTAINER = re.compile(
    r"\b(?:members?|group|groups|number|dozens|hundreds|scores|some|several|one|two|three)\s+of\b", re.I
)
_WINDOW = 80


@dataclass(frozen=True)
class KindWords:
    """The word lists of the type rules, compiled."""

    armed: re.Pattern[str]
    unarmed: re.Pattern[str]
    places: re.Pattern[str]
    crowd: re.Pattern[str]
    fight_crowd: re.Pattern[str]
    crude: re.Pattern[str]
    mutual: re.Pattern[str]
    violent_protest: re.Pattern[str]
    protest: re.Pattern[str]
    disrupted: re.Pattern[str]


@functools.cache
def kind_words() -> KindWords:
    raw: dict[str, Any] = load_json("event_types.json")

    def words(items: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(items) + r")\b", re.IGNORECASE)

    protest = next(t for t in raw["types"] if t["sub_event_type"] == PEACEFUL)["triggers"]
    return KindWords(
        armed=words(raw["armed_words"]),
        unarmed=words(raw["unarmed_targets"]),
        places=re.compile("|".join(raw["civilian_places"]), re.IGNORECASE),
        crowd=words(raw["crowd_words"]),
        fight_crowd=words(raw["fight_crowd_words"]),
        crude=words(raw["crude_weapons"]),
        mutual=words(raw["mutual_words"]),
        violent_protest=re.compile(r"\b(?:" + "|".join(raw["violent_protest_cues"]) + r")", re.IGNORECASE),
        protest=words(protest),
        disrupted=words(raw["disrupted_cues"]),
    )


def _violent(kind: TriggerType) -> bool:
    """A generic act of violence whose victims decide between a battle and an attack."""
    return (kind.event_type == BATTLES and kind.sub_event_type == ARMED_CLASH) or (
        kind.event_type == VAC and kind.sub_event_type == "Attack"
    )


def _phrase_after(text: str, end: int) -> str:
    """The object phrase after a trigger, up to the first adjunct or clause break ("opened fire
    on a bus", "an attack against villagers": the target after its preposition)."""
    window = text[end : end + _WINDOW]
    window = _TARGET_PREP.sub("", window, count=1)
    window = _COUNT_QUALIFIER.sub("", window, count=1)
    stop = _PHRASE_END.search(window)
    return window[: stop.start()] if stop else window


def _phrase_before(text: str, start: int) -> str:
    """The clause before a trigger (its subject), back to the last clause break."""
    window = text[max(0, start - _WINDOW) : start]
    breaks = list(_CLAUSE_START.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def _by_phrase(text: str, end: int) -> str:
    """The agent of a passive trigger: "killed by unknown gunmen" -> "unknown gunmen"."""
    match = _BY_AFTER.match(text[end:])
    return _phrase_after(text, end + match.end()) if match else ""


def _only_places(phrase: str, words: KindWords) -> bool:
    """Whether the unarmed target a phrase names first is a place or vehicle, not people."""
    body = _CONTAINER.sub(" ", phrase)
    first = words.unarmed.search(body)
    return first is not None and words.places.fullmatch(first.group(0)) is not None


def victim_kind(phrase: str, words: KindWords) -> str | None:
    """ "armed", "unarmed" or None: the first kind of person or place the phrase names (past a
    container: "members of the Fulani community"); armed wins a tie ("armed men")."""
    body = _CONTAINER.sub(" ", phrase)
    armed = words.armed.search(body)
    unarmed = words.unarmed.search(body)
    if armed and (not unarmed or armed.start() <= unarmed.start()):
        return "armed"
    return "unarmed" if unarmed else None


@dataclass(frozen=True)
class Sides:
    """What a sentence says of the doers and the victims of its violent triggers."""

    armed_victims: bool = False
    unarmed_victims: bool = False  # people
    civilian_places: bool = False  # a village, a market, a bus: no person named
    crowd_doers: bool = False
    armed_doers: bool = False


def read_sides(text: str, hits: Sequence[Hit], words: KindWords) -> Sides:
    """The doers and victims of the sentence's violent triggers (module docstring)."""
    sides = Sides()
    for hit in hits:
        if not _violent(hit.kind):
            continue
        after = _phrase_after(text, hit.end)
        passive = bool(_PASSIVE_BEFORE.search(text[max(0, hit.start - 30) : hit.start])) or bool(
            _BY_AFTER.match(text[hit.end :])
        )
        before = _phrase_before(text, hit.start)
        noun = (
            _NOUN_TRIGGER.match(text, hit.start) is not None
            and _NOUN_BEFORE.search(text[max(0, hit.start - 40) : hit.start]) is not None
        )
        inside = text[hit.start : hit.end].split(maxsplit=1)
        if noun and not passive:
            # "a militia attack on the village", "killed in an armed attack by ...": the
            # modifiers and the by-phrase name the doer; the target follows "on"/"against".
            victims = after if _TARGET_PREP.match(text[hit.end :]) else ""
            doers = _phrase_before(text, hit.start)[-40:] + " " + _by_phrase(text, hit.end)
        elif len(inside) > 1 and _BY_AFTER.match(" " + inside[1]):
            victims, doers = before, inside[1]  # "killed by unidentified gunmen"
        elif len(inside) > 1 and victim_kind(inside[1], words) is not None:
            victims, doers = inside[1], before  # "killed nine civilians": the trigger holds them
        elif passive or not after.strip():
            victims, doers = before, _by_phrase(text, hit.end)
        else:
            victims, doers = after, before
        kind = victim_kind(victims, words)
        doer = victim_kind(doers, words)
        place = kind == "unarmed" and _only_places(victims, words)
        sides = Sides(
            armed_victims=sides.armed_victims or kind == "armed",
            unarmed_victims=sides.unarmed_victims or (kind == "unarmed" and not place),
            civilian_places=sides.civilian_places or place,
            crowd_doers=sides.crowd_doers
            or (
                doer != "armed" and not _PASSIVE_WORD.search(doers) and words.crowd.search(doers) is not None
            ),
            armed_doers=sides.armed_doers or doer == "armed",
        )
    if _BODY.search(text):
        sides = replace(sides, unarmed_victims=True)
    return sides


@dataclass(frozen=True)
class Typed:
    """A mention's type and what it rests on (read by ``harmonize``)."""

    kind: TriggerType
    generic: bool = False  # a generic act of violence ("killed", "attacked"), typed by its victims
    sides: Sides = Sides()
    # The hit that gave the type when it is not the strongest ("protested against the killing
    # of a driver": the protest); the mention is placed from it.
    hit: Hit | None = None


def classify(best: Hit, hits: Sequence[Hit], text: str, lexicon: EventLexicon) -> TriggerType:
    """The mention's type: the strongest trigger's, as the rules of the module docstring read it."""
    return typed(best, hits, text, lexicon).kind


def typed(best: Hit, hits: Sequence[Hit], text: str, lexicon: EventLexicon) -> Typed:
    """``classify`` with what the type rests on."""
    words = kind_words()
    kind = best.kind
    strength = kind.strength
    if kind.event_type == EXPLOSIONS and _found_or_defused(text, best, words):
        return Typed(replace(DISRUPTED, strength=strength))
    if kind.event_type == EXPLOSIONS and kind.sub_event_type == REMOTE:
        if _COMPLEX_ATTACK.search(text):
            # "a complex ambush initiated by IED detonation ensued by gunfire": ACLED codes the
            # ambush, a battle, the explosive its opening shot
            return Typed(TriggerType(BATTLES, ARMED_CLASH, strength))
        return Typed(kind)
    shelling = (kind.event_type, kind.sub_event_type) == (EXPLOSIONS, SHELLING)
    if shelling and (_both_sides_fire(text, best, hits) or _SMALL_ARMS.search(text)):
        # both sides fire, or mortars fired with small arms: a battle, as ACLED codes it
        return Typed(TriggerType(BATTLES, ARMED_CLASH, strength))
    protest = next((h for h in hits if h.kind.event_type == PROTESTS and h.start < best.start), None)
    # "protested against the killing of a driver", "protesting a kidnapping": the violence is the
    # cause, the protest the event
    hit = None
    harm = kind.event_type in (BATTLES, VAC)
    if protest is not None and harm and _CAUSE.search(text, protest.end, best.start):
        hit, kind = protest, protest.kind
    if kind.event_type == PROTESTS and kind.sub_event_type == PEACEFUL:
        if words.violent_protest.search(text):
            return Typed(TriggerType(RIOTS, VIOLENT_DEMONSTRATION, strength), hit=hit)
        return Typed(kind, hit=hit)
    if not _violent(kind):
        return Typed(kind)
    sides = read_sides(text, hits, words)
    generic = strength <= _GENERIC_STRENGTH
    riot = next((h.kind for h in hits if h.kind.event_type == RIOTS), None)
    mutual = _told_fight(text, words, lexicon)
    armed_named = words.armed.search(text) is not None
    unarmed_fight = (
        mutual and not armed_named and (words.crude.search(text) or words.fight_crowd.search(text))
    )
    crowd = sides.crowd_doers and not sides.armed_doers and not sides.armed_victims
    if riot is not None or crowd or unarmed_fight or (mutual and _forces_and_unarmed(text, words)):
        demonstration = words.protest.search(text) or _RIOT_WORD.search(text)
        sub = VIOLENT_DEMONSTRATION if demonstration else MOB
        return Typed(TriggerType(RIOTS, sub, strength), generic, sides)
    if mutual or sides.armed_victims:
        return Typed(TriggerType(BATTLES, ARMED_CLASH, strength), generic, sides)
    if sides.unarmed_victims or sides.civilian_places or _civilians_named(text, lexicon):
        return Typed(replace(ATTACK, strength=strength), generic, sides)
    return Typed(kind, generic, sides)


# Fire both sides give: "exchanged artillery fire", "an exchange of mortar fire"; a battle named.
_EXCHANGE = re.compile(r"\bexchang(?:ed|ing|es?\s+of)\b", re.IGNORECASE)
_BATTLE_WORD = re.compile(r"clash|fight|battl|skirmish", re.IGNORECASE)


def _both_sides_fire(text: str, best: Hit, hits: Sequence[Hit]) -> bool:
    """Whether artillery is the arm of a battle, not one side's bombardment: both sides fire
    ("Houthi and pro-Hadi forces exchanged artillery fire"), or a clash told before it names the
    artillery as its arm ("an armed clash between GNA and LNA forces, involving heavy artillery
    fire"). ACLED codes these as armed clashes."""
    if _EXCHANGE.search(text):
        return True
    battles = [h for h in hits if h.kind.sub_event_type == ARMED_CLASH and h.start < best.start]
    return any(_BATTLE_WORD.search(text, h.start, h.end) for h in battles)


# The two parties of a fight: "between police and shopkeepers", "between the army and the rebels".
_PARTY = r"(?:the\s+)?([\w'’-]+(?:\s+[\w'’-]+)?)"
_BETWEEN = re.compile(rf"\bbetween\s+{_PARTY}\s+and\s+{_PARTY}")
# A fight told from one party with the other after "with": "clashed with police", "a street-fight
# with police officers"; the first party is the clause before it (its last words).
_FIGHT_WITH = re.compile(
    rf"\b(?:clash(?:ed|es|ing)?|fought|street-?fights?|scuffl(?:e|es|ed)|confrontations?|brawl(?:s|ed)?)"
    rf"\s+with\s+{_PARTY}",
    re.IGNORECASE,
)
_SUBJECT_REACH = 60  # characters of the clause before a fight word read for its first party


def _forces_and_unarmed(text: str, words: KindWords) -> bool:
    """Whether a fight is between an armed force and people who bear no arms ("a clash between
    police and shopkeepers", "youths demonstrated and clashed with police", "workers were
    injured in a clash with police"): a riot, as ACLED codes it, not a battle of two armed
    sides."""
    found = _BETWEEN.search(text)
    if found is not None:
        parties = found.group(1), found.group(2)
    elif (fight := _FIGHT_WITH.search(text)) is not None:
        parties = _phrase_before(text, fight.start())[-_SUBJECT_REACH:], fight.group(1)
    else:
        return False
    armed = [bool(words.armed.search(p)) for p in parties]
    unarmed = [
        bool(words.unarmed.search(p) or words.crowd.search(p)) and not a
        for p, a in zip(parties, armed, strict=True)
    ]
    return any(armed) and any(unarmed)


# Triggers up to this strength are generic words of violence (attacked, raided, beaten, killed).
_GENERIC_STRENGTH = 60
# Between a protest and a violent trigger: the violence is what the protest is about.
_CAUSE = re.compile(
    r"\b(?:against|over|for|demand\w*|denounc\w*|condemn\w*|justice|follow\w*|after|because of|"
    r"in protest|to protest|protesting)\b",
    re.IGNORECASE,
)


# How far before a word a negation denies it: "There was no armed clash" (a fight's words, close
# by), "no civilians were harmed" (civilians, a few words further).
_FIGHT_NEGATION_REACH = 16
_CIVILIANS_NEGATION_REACH = 30


def _undenied(pattern: re.Pattern[str], text: str, lexicon: EventLexicon, reach: int) -> bool:
    """Whether ``pattern`` matches ``text`` somewhere no negation stands within ``reach``
    characters before it."""
    return any(
        not lexicon.negation.search(text[max(0, match.start() - reach) : match.start()])
        for match in pattern.finditer(text)
    )


def _told_fight(text: str, words: KindWords, lexicon: EventLexicon) -> bool:
    """Whether the sentence tells of a fight of two sides (``mutual_words``) it does not deny:
    "troops fired on the village ... There was no armed clash" is no battle."""
    return _undenied(words.mutual, text, lexicon, _FIGHT_NEGATION_REACH)


def _civilians_named(text: str, lexicon: EventLexicon) -> bool:
    """Whether the sentence names civilians outside a negation ("no civilians were harmed")."""
    return _undenied(lexicon.civilians, text, lexicon, _CIVILIANS_NEGATION_REACH)


# An attack an explosive opens or that gunfire follows: "a complex ambush", "the attack was
# initiated by the detonation of an IED", "an IED blast followed by gunfire".
_COMPLEX_ATTACK = re.compile(
    r"\bcomplex\s+(?:ambush|attack)|\b(?:initiated|started|began|opened)\s+(?:by|with)\b[^.;]{0,60}?"
    r"\b(?:IEDs?|explosives?|explosions?|detonations?|(?:land)?mines?)\b|"
    r"\b(?:IEDs?|explosions?|detonations?|blasts?)\b[^.;]{0,80}?\b(?:followed|ensued|accompanied)\s+by\b",
    re.IGNORECASE,
)
# Direct fire beside the mortars: "fired 82mm mortars, heavy machine guns and small arms at".
_SMALL_ARMS = re.compile(r"\bsmall[- ]arms\b|\bgunfire\b|\bdirect\s+fire\b", re.IGNORECASE)
# Weapons listed as found: "recovered arms and ammunition including ... two mortar shells".
_CACHE_BEFORE = re.compile(
    r"\b(?:recover(?:ed|y)|seiz(?:ed|ure)|found|discover(?:ed|y)|confiscat(?:ed|ion))\s+(?:\w+\s+){0,3}?"
    r"(?:arms|weapons|ammunition|munitions|explosives)\b[^.;]*\bincluding\b[^.;]*$",
    re.IGNORECASE,
)


def _found_or_defused(text: str, best: Hit, words: KindWords) -> bool:
    """An explosive found, defused or seized ("defused an IED", "the bomb was found"), or one of
    a list of weapons found ("recovered arms and ammunition including ... two mortar shells")."""
    before = text[max(0, best.start - 50) : best.start]
    after = text[best.end : best.end + 40]
    return (
        words.disrupted.search(before) is not None
        or _CACHE_BEFORE.search(text, 0, best.start) is not None
        or re.match(
            r"\s*(?:\w+\s+){0,3}(?:was|were|had been|have been)\s+(?:\w+\s+)?" + words.disrupted.pattern,
            after,
            re.IGNORECASE,
        )
        is not None
    )


def harmonize(typed_: Sequence[Typed], sentences: Sequence[Any], indexes: Sequence[int]) -> list[TriggerType]:
    """Article-level corrections, within a paragraph (the mentions' types in text order;
    ``indexes``: the position in ``sentences`` of each mention's sentence):

    * a peaceful protest followed within its paragraph (the next two sentences) by violent
      protest cues is a violent demonstration;
    * an act of violence against a place (a village, a bus) whose next sentences name armed
      victims and no unarmed ones is a battle ("attacked the village. Three soldiers were killed");
    * a generic act of violence right after another violent mention of its paragraph tells the
      same incident's outcome ("One man was killed.") and takes that mention's type.
    """
    words = kind_words()
    out = [t.kind for t in typed_]
    for k, (item, index) in enumerate(zip(typed_, indexes, strict=True)):
        kind = item.kind
        paragraph = sentences[index].paragraph
        if kind.event_type == PROTESTS and kind.sub_event_type == PEACEFUL:
            following = [s for s in sentences[index + 1 : index + 3] if s.paragraph == paragraph]
            if any(words.violent_protest.search(s.text) for s in following):
                out[k] = TriggerType(RIOTS, VIOLENT_DEMONSTRATION, kind.strength)
            continue
        if kind.event_type == VAC and item.sides.civilian_places and not item.sides.unarmed_victims:
            later = [
                typed_[m].sides
                for m in range(k + 1, len(typed_))
                if sentences[indexes[m]].paragraph == paragraph and indexes[m] <= index + 2
            ]
            if any(s.armed_victims for s in later) and not any(s.unarmed_victims for s in later):
                out[k] = TriggerType(BATTLES, ARMED_CLASH, kind.strength)
    for k in range(1, len(typed_)):
        item, previous = typed_[k], k - 1
        same_paragraph = sentences[indexes[k]].paragraph == sentences[indexes[previous]].paragraph
        if (
            item.generic
            and same_paragraph
            and indexes[k] <= indexes[previous] + 2
            and _violent_type(out[previous])
            and not (item.sides.armed_victims and out[previous].event_type == VAC)
        ):
            out[k] = TriggerType(out[previous].event_type, out[previous].sub_event_type, item.kind.strength)
    return out


def _violent_type(kind: TriggerType) -> bool:
    return kind.event_type in (BATTLES, VAC, EXPLOSIONS, RIOTS)


__all__ = [
    "KindWords",
    "Sides",
    "Typed",
    "classify",
    "harmonize",
    "kind_words",
    "read_sides",
    "typed",
    "victim_kind",
]
