"""Tests for fogofwar.extract.events.kinds: the ACLED type from who did what to whom.

Every sentence here is written for these tests (none is taken from a data set). They run
without spaCy: the rules read the sentence text.
"""

from __future__ import annotations

import pytest

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.events import extract_mentions
from fogofwar.extract.events.kinds import classify, kind_words, victim_kind
from fogofwar.extract.events.triggers import answers_earlier, event_lexicon, is_coder_label, live_hits
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import split_sentences
from fogofwar.model import Article, article_id


def _type(text: str) -> tuple[str, str]:
    lexicon = event_lexicon()
    hits = live_hits(text, lexicon)
    assert hits, text
    best = max(hits, key=lambda h: (h.kind.strength, -h.start))
    kind = classify(best, hits, text, lexicon)
    return kind.event_type, kind.sub_event_type


ATTACK = ("Violence against civilians", "Attack")
CLASH = ("Battles", "Armed clash")
MOB = ("Riots", "Mob violence")
VIOLENT_DEMO = ("Riots", "Violent demonstration")
PEACEFUL = ("Protests", "Peaceful protest")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")
LOOTING = ("Strategic developments", "Looting/property destruction")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one armed side, unarmed victims: an attack on civilians
        ("On Tuesday a soldier shot and killed a motorcycle taxi driver at a roadblock.", ATTACK),
        ("Two shepherds were killed by unidentified gunmen near the well.", ATTACK),
        ("Masked men opened fire on a minibus on the northern road.", ATTACK),
        ("Armed bandits attacked a cattle camp and drove off the herd.", ATTACK),
        ("Police beat a street vendor to death during the curfew.", ATTACK),
        # a count's qualifier opens the object, it is no adjunct
        ("Soldiers executed between 20 and 32 people in the village.", ATTACK),
        ("Soldiers killed around 40 civilians near the market.", ATTACK),
        ("The body of a schoolteacher was found dumped beside the river.", ATTACK),
        ("Rebels killed eleven members of the Hema community in the hills.", ATTACK),
        ("Militiamen killed twelve civilians in the village of Oya.", ATTACK),
        # armed victims or a fight of two sides: a battle
        ("Insurgents killed four soldiers at a checkpoint outside the town.", CLASH),
        ("Two policemen were wounded when gunmen attacked their patrol.", CLASH),
        ("Militants attacked a military post near the border overnight.", CLASH),
        ("Troops exchanged fire with rebels and two farmers died in the crossfire.", CLASH),
        # an explosive that opens an ambush, mortars fired with small arms: a battle as ACLED codes it
        ("Militants carried out a complex ambush initiated by an IED blast on the convoy.", CLASH),
        ("Rebels fired 82mm mortars and small arms at army positions near the village.", CLASH),
        # weapons listed as found are no attack
        ("Police recovered arms and ammunition including two rifles and three mortar shells.", DISRUPTED),
        ("Army and rebel units clashed for hours near the airstrip.", CLASH),
        # a crowd's violence: riots
        ("A mob of traders lynched a suspected pickpocket at the bus park.", MOB),
        ("A suspected cattle thief was beaten to death by villagers.", MOB),
        ("Rival groups of youths fought one another with sticks and machetes at the market.", MOB),
        ("Residents demonstrated against the power cuts and burned tyres on the main road.", VIOLENT_DEMO),
        ("Students marched to the ministry and threw stones at the police.", VIOLENT_DEMO),
        ("Teachers held a protest over unpaid wages outside the education office.", PEACEFUL),
        ("Hundreds protested against the killing of a taxi driver by a soldier.", PEACEFUL),
        # explosives
        ("A bomb planted by the militants killed two soldiers on the highway.", IED),
        ("A homemade device blew up under a police truck near the bridge.", IED),
        ("The rebels pounded an army base in the valley overnight.", SHELLING),
        ("Army engineers defused an IED found under a culvert.", DISRUPTED),
        # property
        ("Gunmen burned down the village school and the clinic.", LOOTING),
    ],
)
def test_type_from_who_did_what_to_whom(text: str, expected: tuple[str, str]) -> None:
    assert _type(text) == expected


def test_victim_kind_reads_the_first_person_named() -> None:
    words = kind_words()
    assert victim_kind(" a taxi driver", words) == "unarmed"
    assert victim_kind(" three members of the security forces", words) == "armed"
    assert victim_kind(" armed men on motorcycles", words) == "armed"
    assert victim_kind(" the town", words) is None


@pytest.mark.parametrize(
    "text",
    [
        "The wounded were treated in the district hospital.",
        "Western governments condemned the attack.",
    ],
)
def test_no_event_where_the_trigger_points_elsewhere(text: str) -> None:
    assert live_hits(text, event_lexicon()) == []


def test_the_killing_an_arrest_is_connected_with_is_told_elsewhere() -> None:
    hits = live_hits("Police arrested two men in connection with the killing.", event_lexicon())
    assert [h.kind.sub_event_type for h in hits] == ["Arrests"]


def _mentions_of(gazetteer: Gazetteer, text: str) -> list[tuple[str, str]]:
    article = Article(id=article_id(text), text=text)
    mentions = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    return [(m.event_type, m.sub_event_type) for m in mentions]


def test_protest_turns_violent_in_the_next_sentence(gazetteer: Gazetteer) -> None:
    text = (
        "Hundreds of residents protested in the town centre against the fuel price rise. "
        "They barricaded the main streets with burning tyres."
    )
    assert _mentions_of(gazetteer, text)[0] == VIOLENT_DEMO


def test_attack_on_a_village_with_armed_victims_is_a_battle(gazetteer: Gazetteer) -> None:
    text = "Rebels attacked the village of Kora on Monday. Four soldiers were killed."
    assert _mentions_of(gazetteer, text) == [CLASH, CLASH]


def test_a_casualty_sentence_takes_the_incident_type(gazetteer: Gazetteer) -> None:
    text = "A mob attacked two men accused of theft at the market. One of them died."
    assert _mentions_of(gazetteer, text) == [MOB, MOB]


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        # the main clause answers older violence, told whole with its own toll
        ("The decree was signed following a suicide attack which killed 64 people in the capital.", True),
        ("Markets stayed shut in the wake of the bombing that killed 20 traders.", True),
        # the sentence's own violence, or a step of the news
        ("Following an attack on a village, soldiers killed five militants.", False),
        ("The victim was taken to hospital after the shooting.", False),
        ("Security was tightened after the attack, which killed 12 people.", False),
        ("Soldiers killed five militants following an attack on a village.", False),
    ],
)
def test_violence_a_main_clause_answers(text: str, answered: bool) -> None:
    assert answers_earlier(text, event_lexicon()) is answered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a coder's label types the sentence whatever its words of violence say
        ("Property destruction: On 30 April, militants carried out an arson attack on a mall.", LOOTING),
        (
            "Arrests: On 1 May, intelligence agents raided a hospital and detained 20 men.",
            ("Strategic developments", "Arrests"),
        ),
        (
            "Movement of forces: In July, militants moved into the county from the border.",
            ("Strategic developments", "Change to group/activity"),
        ),
        ("Defusal: On patrol, soldiers found two IEDs and dismantled them.", DISRUPTED),
        ("Other: On 7 May, lawmakers approved a new government.", ("Strategic developments", "Other")),
    ],
)
def test_kinds_a_coders_label_types_its_sentence(text: str, expected: tuple[str, str]) -> None:
    assert _type(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "They said the other: a reporter was arrested too.",  # not at the sentence's start
        "arrests: police detained two men.",  # not as the coders write it
        "Arrests of protesters continued on Monday.",  # no colon: a word of the news
    ],
)
def test_kinds_a_label_is_only_a_label_opening_a_sentence(text: str) -> None:
    assert not any(is_coder_label(text[h.start : h.end]) for h in live_hits(text, event_lexicon()))


def test_kinds_a_label_is_the_trigger_of_its_mention(gazetteer: Gazetteer) -> None:
    text = "Looting: On 3 May, gunmen looted shops in the market. Looting of homes followed."
    article = Article(id=article_id(text), text=text)
    first, second = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    assert is_coder_label(first.trigger) and not is_coder_label(second.trigger)


def test_kinds_a_doer_named_in_the_next_sentence_acts(gazetteer: Gazetteer, registry: ActorRegistry) -> None:
    # The blast's sentence names no doer; the next one, which tells no event, says who did it.
    text = (
        "On 10 May, two children on a cart were killed when an IED exploded near Kain. "
        "The device was likely planted by JNIM militants. Relatives buried them the next day."
    )
    article = Article(id=article_id(text), text=text)
    (mention,) = extract_mentions(article, split_sentences(text), gazetteer=gazetteer, registry=registry)
    assert ("JNIM", "side_a") in {(r.actor.name, r.role) for r in mention.actors}


def test_kinds_a_later_sentence_without_an_agent_cue_names_no_doer(
    gazetteer: Gazetteer, registry: ActorRegistry
) -> None:
    # JNIM is only suspected of other things here: no "by", no "claimed responsibility"
    text = (
        "On 10 May, two children on a cart were killed when an IED exploded near Kain. "
        "JNIM is suspected to operate in the area."
    )
    article = Article(id=article_id(text), text=text)
    (mention,) = extract_mentions(article, split_sentences(text), gazetteer=gazetteer, registry=registry)
    assert "JNIM" not in {r.actor.name for r in mention.actors}
