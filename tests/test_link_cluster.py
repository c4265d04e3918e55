"""Mentions -> events: the seed case (hand-built, no spaCy), shootings, incremental runs, undated articles.

The two "seed" articles below are our own short retellings of the facts of the seed case
(../shared/seeds): a dated wire report of the battle at Tinzaouaten plus a helicopter crash in
Kidal, and an undated later rewrite. Mentions and claims are built by hand the way the
extractors should produce them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from fogofwar.export.acled import acled_row
from fogofwar.ingest.dateline import with_dateline_span
from fogofwar.link import find_copies, link_events, reference_dates
from fogofwar.link.groups import (
    group_mentions,
    inherits_calendar_day,
    is_stated,
    names_region,
    states_date,
    writes_calendar_day,
)
from fogofwar.link.localities import localities_named
from fogofwar.model import (
    Actor,
    ActorRole,
    Article,
    Claim,
    Event,
    Extraction,
    Mention,
    Place,
    PlacePrecision,
    Span,
    article_id,
    record_id,
)
from fogofwar.outlets import source_count
from fogofwar.reconcile import reconcile_event
from fogofwar.settings import Settings

SETTINGS = Settings()

TINZAOUATEN = Place("Tinzaouaten", lat=19.96, lon=2.97, admin1="Kidal", country="ML")
KIDAL = Place("Kidal", lat=18.44, lon=1.41, admin1="Kidal", country="ML")
BAMAKO = Place("Bamako", lat=12.65, lon=-8.0, admin1="Bamako", country="ML")
MALI = Place("Mali", lat=17.0, lon=-4.0, country="ML", feature="country", precision=4)
CSP = Actor("CSP-PSD", kind="rebel_group", country="ML")
FAMA = Actor("Malian Armed Forces", kind="state_forces", country="ML")
WAGNER = Actor("Wagner Group", kind="pmc")
JNIM = Actor("JNIM", kind="rebel_group")


def span(text: str, quote: str) -> Span:
    start = text.index(quote)
    return Span(start, start + len(quote), quote)


class Builder:
    """Builds one article with hand-made mentions and claims whose spans slice its text."""

    def __init__(self, text: str, **fields: object) -> None:
        # The dateline span as ingest sets it: the linker reads the span, never looks for one.
        self.article = with_dateline_span(Article(id=article_id(text), text=text, **fields))  # type: ignore[arg-type]
        self.mentions: list[Mention] = []
        self.claims: list[Claim] = []

    def mention(
        self,
        quote: str,
        trigger: str,
        kind: tuple[str, str] = ("Battles", "Armed clash"),
        *,
        dates: tuple[date | None, date | None, int] = (None, None, 4),
        place: Place | None = None,
        actors: tuple[ActorRole, ...] = (),
        background: bool = False,
    ) -> Mention:
        sentence = span(self.article.text, quote)
        mention = Mention(
            id=record_id(self.article.id, sentence.start, trigger),
            article_id=self.article.id,
            sentence=sentence,
            trigger=trigger,
            event_type=kind[0],
            sub_event_type=kind[1],
            date_start=dates[0],
            date_end=dates[1],
            date_precision=dates[2],
            place=place,
            actors=actors,
            background=background,
        )
        self.mentions.append(mention)
        return mention

    def claim(
        self,
        quote: str,
        mention: Mention | None,
        claimant: str,
        victims: str,
        outcome: str,
        figure: int | None,
    ) -> Claim:
        evidence = span(self.article.text, quote)
        claim = Claim(
            id=record_id(self.article.id, evidence.start, outcome),
            article_id=self.article.id,
            claimant=claimant,
            victims=victims,
            outcome=outcome,
            evidence=evidence,
            mention_id=mention.id if mention else None,
            figure=figure,
        )
        self.claims.append(claim)
        return claim

    def extraction(self) -> Extraction:
        return Extraction(self.article.id, tuple(self.mentions), tuple(self.claims))


def side(actor: Actor, role: str = "side_a") -> ActorRole:
    return ActorRole(actor, role)


WIRE_TEXT = (
    "Bamako, July 27 (Wire) - Tuareg rebels in northern Mali said they had inflicted heavy losses on "
    "the army and its Russian allies in two days of combat close to the Algerian frontier.\n\n"
    "The CSP-PSD rebel alliance said the fighting around the border town of Tinzaouaten lasted from "
    "Thursday to Friday and that it seized trucks and armoured vehicles.\n\n"
    "The army said two of its soldiers died and ten were wounded.\n\n"
    "Separately, an army helicopter came down in Kidal on Friday during a routine flight, and "
    "nobody was killed in the crash.\n\n"
    "Russian military bloggers wrote that at least 20 Wagner fighters were killed in an ambush.\n\n"
    "The rebels said seven of their own fighters were killed.\n\n"
    "The Tuareg first rose up against the government in 2012, when three towns fell."
)
REWRITE_TEXT = (
    "Tuareg rebels in Mali say they killed at least 84 Wagner fighters and 47 Malian soldiers in "
    "clashes in late July.\n\n"
    "The CSP rebel alliance had earlier spoken of dozens of casualties around the border town of "
    "Tinzaouaten, and a jihadist group said 50 Wagner fighters died in an ambush in the same area.\n\n"
    "Wagner admitted heavy losses in a statement on July 29.\n\n"
    "Russia's foreign minister phoned his Malian counterpart on Thursday to promise continued support."
)
CRASH_TYPES = [
    ("Strategic developments", "Other"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Battles", "Armed clash"),
]


def wire(crash_type: tuple[str, str] = CRASH_TYPES[0]) -> Builder:
    """The wire report, with mentions dated and placed the way the extractor does it: a
    sentence with no date takes the report's date at precision 2, one with no place inherits the
    dateline's (Bamako) or the paragraph's."""
    b = Builder(
        WIRE_TEXT,
        source="Wire",
        agency="Wire",
        published=date(2024, 7, 28),
        dateline_place="Bamako",
        dateline_date=date(2024, 7, 27),
    )
    unstated = (date(2024, 7, 27), date(2024, 7, 27), 2)
    reported_sunday = (date(2024, 7, 22), date(2024, 7, 28), 2)
    fighters = (side(CSP), side(FAMA, "side_b"), side(WAGNER, "side_b"))
    b.mention(WIRE_TEXT.split("\n")[0], "combat", dates=unstated, place=BAMAKO, actors=fighters)
    battle = b.mention(
        "the fighting around the border town of Tinzaouaten lasted from Thursday to Friday",
        "fighting",
        dates=(date(2024, 7, 25), date(2024, 7, 26), 2),
        place=TINZAOUATEN,
        actors=(side(CSP), side(FAMA, "side_b")),
    )
    army = b.mention(
        "The army said two of its soldiers died and ten were wounded.",
        "died",
        dates=unstated,
        place=KIDAL,  # inherited from the next paragraph
        actors=(side(FAMA, "side_b"),),
    )
    crash = b.mention(
        "an army helicopter came down in Kidal on Friday",
        "came down",
        crash_type,
        dates=(date(2024, 7, 26), date(2024, 7, 26), 1),
        place=KIDAL,
        actors=(side(FAMA),),
    )
    ambush = b.mention(
        "Russian military bloggers wrote that at least 20 Wagner fighters were killed in an ambush.",
        "ambush",
        dates=reported_sunday,
        place=BAMAKO,
        actors=(side(WAGNER, "side_b"),),
    )
    losses = b.mention(
        "The rebels said seven of their own fighters were killed.",
        "killed",
        dates=reported_sunday,
        place=BAMAKO,
    )
    old = b.mention(
        "rose up against the government in 2012",
        "rose up",
        dates=(date(2012, 1, 1), None, 4),
        place=MALI,
        background=True,
    )
    b.claim("two of its soldiers died", army, "Malian Armed Forces", "Malian Armed Forces", "killed", 2)
    b.claim("ten were wounded", army, "Malian Armed Forces", "Malian Armed Forces", "injured", 10)
    b.claim("nobody was killed in the crash", crash, "Malian Armed Forces", "crew", "killed", 0)
    b.claim("at least 20 Wagner fighters were killed", ambush, "bloggers", "Wagner Group", "killed", 20)
    b.claim("seven of their own fighters were killed", losses, "CSP-PSD", "CSP-PSD", "killed", 7)
    b.claim("three towns fell", old, "Wire", "unknown", "captured", 3)
    assert battle.place == TINZAOUATEN
    return b


def rewrite() -> Builder:
    b = Builder(
        REWRITE_TEXT, title="Rebels say dozens of Wagner fighters died in Mali clashes", source="Other"
    )
    # With no publication date, "late July" resolved against the wrong year: the linker must not trust it.
    clash = b.mention(
        "clashes in late July",
        "clashes",
        dates=(date(2026, 7, 20), date(2026, 7, 31), 3),
        actors=(side(CSP), side(WAGNER, "side_b"), side(FAMA, "side_b")),
    )
    b.mention(
        "casualties around the border town of Tinzaouaten",
        "casualties",
        place=TINZAOUATEN,
        actors=(side(CSP),),
    )
    ambush = b.mention(
        "died in an ambush in the same area", "ambush", actors=(side(JNIM), side(WAGNER, "side_b"))
    )
    b.claim("at least 84 Wagner fighters", clash, "CSP-PSD", "Wagner Group", "killed", 84)
    b.claim("47 Malian soldiers", clash, "CSP-PSD", "Malian Armed Forces", "killed", 47)
    b.claim("50 Wagner fighters died", ambush, "JNIM", "Wagner Group", "killed", 50)
    b.claim("Wagner admitted heavy losses", None, "Wagner Group", "Wagner Group", "casualties", None)
    return b


def battle_and_crash(events: list[Event]) -> tuple[Event, Event]:
    assert len(events) == 2, [(e.event_type, e.place) for e in events]
    battle = next(e for e in events if e.place and e.place.name == "Tinzaouaten")
    crash = next(e for e in events if e.place and e.place.name == "Kidal")
    return battle, crash


def claim_figures(event: Event) -> set[tuple[str, str, int | None]]:
    return {(c.claimant, c.outcome, c.figure) for c in event.claims}


def check_seed_events(events: list[Event], w: Builder, r: Builder) -> None:
    battle, crash = battle_and_crash(events)
    assert (battle.start, battle.end) == (date(2024, 7, 25), date(2024, 7, 26))
    assert battle.date_precision == 2
    assert set(battle.article_ids) == {w.article.id, r.article.id}
    assert battle.sources == 2
    assert {("CSP-PSD", "killed", 84), ("Malian Armed Forces", "killed", 2), ("JNIM", "killed", 50)} <= (
        claim_figures(battle)
    )
    assert crash.article_ids == (w.article.id,)
    assert claim_figures(crash) == {("Malian Armed Forces", "killed", 0)}
    assert (crash.start, crash.end) == (date(2024, 7, 26), date(2024, 7, 26))
    assert not any(c.outcome == "captured" for e in events for c in e.claims)  # background claim dropped
    assert battle.first_reported == date(2024, 7, 27) and battle.last_updated == date(2024, 7, 27)
    # link leaves reconciling to the next stage (Pipeline.reconcile)
    reconciled = reconcile_event(battle, copies=find_copies([w.article, r.article])).reconciled
    wagner = {r.victims: r for r in reconciled if r.outcome == "killed"}["Wagner Group"]
    assert (wagner.low, wagner.high) == (20, 84)


@pytest.mark.parametrize("crash_type", CRASH_TYPES)
def test_link_cluster_seed_case_gives_two_events(crash_type):
    w, r = wire(crash_type), rewrite()
    events = link_events([w.article, r.article], [w.extraction(), r.extraction()], settings=SETTINGS)
    check_seed_events(events, w, r)


def test_link_cluster_seed_case_does_not_depend_on_input_order():
    w, r = wire(), rewrite()
    forward = link_events([w.article, r.article], [w.extraction(), r.extraction()], settings=SETTINGS)
    backward = link_events([r.article, w.article], [r.extraction(), w.extraction()], settings=SETTINGS)
    assert forward == backward


@pytest.mark.parametrize("first_wire", [True, False])
def test_link_cluster_seed_case_in_two_runs(first_wire):
    w, r = wire(), rewrite()
    first, second = (w, r) if first_wire else (r, w)
    run1 = link_events([first.article], [first.extraction()], settings=SETTINGS)
    run2 = link_events(
        [second.article],
        [second.extraction()],
        events=run1,
        known_articles=[first.article],
        settings=SETTINGS,
    )
    check_seed_events(run2, w, r)
    # The ids are those of one call over both reports, whichever came first (cluster.stable_id).
    together = link_events([w.article, r.article], [w.extraction(), r.extraction()], settings=SETTINGS)
    assert sorted(e.id for e in run2) == sorted(e.id for e in together)


def test_link_cluster_second_run_joins_existing_event_with_same_id():
    w, r = wire(), rewrite()
    together = link_events([w.article, r.article], [w.extraction(), r.extraction()], settings=SETTINGS)
    run1 = link_events([w.article], [w.extraction()], settings=SETTINGS)
    run2 = link_events(
        [r.article], [r.extraction()], events=run1, known_articles=[w.article], settings=SETTINGS
    )
    assert [e.id for e in run2] == [e.id for e in run1]
    assert run2 == together


def test_link_cluster_rerunning_same_articles_changes_nothing():
    w, r = wire(), rewrite()
    run1 = link_events([w.article, r.article], [w.extraction(), r.extraction()], settings=SETTINGS)
    again = link_events(
        [w.article, r.article],
        [w.extraction(), r.extraction()],
        events=run1,
        known_articles=[w.article, r.article],
        settings=SETTINGS,
    )
    assert again == run1
    assert all(a is b for a, b in zip(again, run1, strict=True))  # unchanged events are returned as given


def test_link_cluster_event_id_is_record_id_of_founding_mention():
    w = wire()
    events = link_events([w.article], [w.extraction()], settings=SETTINGS)
    battle, crash = battle_and_crash(events)
    assert battle.id == record_id(w.mentions[0].id)  # "two days of combat", first in the text
    assert crash.id == record_id(w.mentions[3].id)


def test_link_cluster_undated_article_takes_event_dates():
    w, r = wire(), rewrite()
    events = link_events([r.article, w.article], [r.extraction(), w.extraction()], settings=SETTINGS)
    battle, _ = battle_and_crash(events)
    assert (battle.start, battle.end) == (date(2024, 7, 25), date(2024, 7, 26))  # not 2026
    assert reference_dates([w.article, r.article], events) == {r.article.id: date(2024, 7, 26)}


def test_link_cluster_undated_article_alone_founds_undated_event():
    r = rewrite()
    (event,) = link_events([r.article], [r.extraction()], settings=SETTINGS)
    assert event.start is None and event.place == TINZAOUATEN
    assert event.first_reported is None
    assert reference_dates([r.article], [event]) == {}


def test_link_cluster_copy_counts_once():
    w = wire()
    copy_text = WIRE_TEXT + "\n\nReporting by a staff writer; editing by the desk."
    copy = Builder(copy_text, source="Reprint", published=date(2024, 7, 28), dateline_place="Bamako")
    copy.mentions = [
        replace(m, id=m.id + "c", article_id=copy.article.id, sentence=span(copy_text, m.sentence.text))
        for m in w.mentions
    ]
    copy.claims = [
        replace(
            c,
            id=c.id + "c",
            article_id=copy.article.id,
            mention_id=c.mention_id + "c",
            evidence=span(copy_text, c.evidence.text),
        )
        for c in w.claims
    ]
    events = link_events([w.article, copy.article], [w.extraction(), copy.extraction()], settings=SETTINGS)
    battle, _ = battle_and_crash(events)
    assert set(battle.article_ids) == {w.article.id, copy.article.id}
    assert battle.sources == 1
    reconciled = reconcile_event(battle, copies=find_copies([w.article, copy.article])).reconciled
    fama = {r.victims: r for r in reconciled if r.outcome == "killed"}["Malian Armed Forces"]
    assert len(fama.claim_ids) == 1  # the copy's claim is kept in the event but not counted again
    assert sum(c.victims == "Malian Armed Forces" and c.outcome == "killed" for c in battle.claims) == 2


def test_link_cluster_within_article_groups():
    w = wire()
    groups = group_mentions(w.mentions, article=w.article)
    assert [len(g.mentions) for g in groups] == [5, 1]  # the battle (dateline place ignored); the crash
    assert groups[0].place == TINZAOUATEN and groups[0].place_stated
    assert groups[1].place == KIDAL
    assert (groups[0].dates.start, groups[0].dates.end) == (date(2024, 7, 25), date(2024, 7, 26))


def test_link_cluster_dateline_place_is_not_stated():
    w = wire()
    first = w.mentions[0]
    assert first.place == BAMAKO and "Bamako" in first.sentence.text
    assert w.article.dateline_start is not None  # the span ingest found
    assert is_stated(first, article=w.article) is False
    assert is_stated(first) is True  # without the article, the dateline is just text
    assert is_stated(w.mentions[1], article=w.article) is True


@pytest.mark.parametrize(
    ("name", "sentence", "expected"),
    [
        ("Saint Louis", "Two men were shot in St. Louis on Friday.", True),
        ("Kidal", "A helicopter crashed in Kidal.", True),
        ("Kidal", "Two soldiers were killed.", False),
        # A hospital's or coroner's name says where victims were taken, not where it happened.
        ("Mount Sinai", "He was taken to Mount Sinai Hospital, where he died.", False),
        ("Cook", "He was dead at the scene, the Cook County Medical Examiner said.", False),
        ("Mount Sinai", "He was shot in Mount Sinai and taken to Mount Sinai Hospital.", True),
        ("Chicago", "Chicago Police said two men were shot.", True),
        # A town's name read from a county's: the text names the county, not the town.
        ("Essex", "The Essex County prosecutor's office said three were wounded.", False),
        ("Essex", "Three were wounded in Essex, the Essex County prosecutor said.", True),
        # A name read from a department's ("the Reno Police Department"), or a common word.
        ("Police", "Officers from the Reno Police Department were dispatched.", False),
        ("Police", "He was shot twice, police said.", False),
        ("Police", "Two men were shot in Police, a town near Szczecin.", True),
        # accents aside: the gazetteer's spelling is the report's
        ("Várzea Grande", "A man was shot in Varzea Grande on Tuesday.", True),
        ("Ḩajjah", "An air strike hit a market in Hajjah.", True),
        ("Dar‘ā", "Rebels clashed with regime forces in Dar'a.", True),  # an ayn as an apostrophe
        ("Atatürk", "Gunmen attacked Ataturk Airport in June.", False),
        # spelled another way: transliterations differ in vowels and a doubled h
        ("Maīdān Shahr", "An IED hit a vehicle in Maidan Shar district, Wardak.", True),
        ("Maiwand", "A bomb hit a patrol in Maywand district.", True),
        ("Gao", "A bomb hit a patrol in Goa.", False),  # too few consonants to tell
        ("Kandahar", "A bomb hit a patrol in Kunduz.", False),
        # a Persian linking vowel dropped, a name's parts written apart
        ("Nad-e Ali", "Police clashed with militants in Nad Ali on Sunday.", True),
        ("Dowlatābād", "Militants ambushed a patrol in Dawlat Abad district.", True),
    ],
)
def test_link_cluster_place_named_in_sentence_is_stated(name, sentence, expected):
    b = Builder(sentence)
    mention = b.mention(sentence, "shot", place=Place(name, country="US"))
    assert is_stated(mention) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a region's own kind word: Colombia's departments, Peru's
        ("Gunmen attacked an oil field in Saravena, Arauca department.", True),
        ("Two soldiers were killed in the Arauca Department on Sunday.", True),
        # a state agency's name says who reported, not where
        ("The Arauca Department of Health said two men were hurt.", False),
    ],
)
def test_link_cluster_region_before_department_is_stated(sentence: str, expected: bool) -> None:
    b = Builder(sentence)
    region = Place("Arauca", admin1="Arauca", country="CO", precision=PlacePrecision.REGION)
    assert is_stated(b.mention(sentence, sentence.split()[1], place=region)) is expected


def test_link_cluster_county_name_reads_a_county_not_the_town():
    b = Builder("He was shot in Essex County.")
    county = Place("Essex County", country="US", precision=2)
    mention = b.mention("He was shot in Essex County.", "shot", place=county)
    assert is_stated(mention) is True  # the county itself, resolved as a county, is stated


# --- shootings ---------------------------------------------------------------------------------

DAYTON = Place("Dayton", lat=39.76, lon=-84.19, admin1="Ohio", country="US")
CHICAGO = Place("Chicago", lat=41.88, lon=-87.63, admin1="Illinois", country="US")
NASHVILLE = Place("Nashville", lat=36.16, lon=-86.78, admin1="Tennessee", country="US")
SHOOTING = ("Violence against civilians", "Attack")
PROTEST = ("Protests", "Peaceful protest")


def shooting(text: str, published: date, when: date, place: Place, source: str) -> Builder:
    b = Builder(text, published=published, source=source)
    first = text.split(".")[0]
    b.mention(first, "shot", SHOOTING, dates=(when, when, 1), place=place)
    return b


FIRST_REPORT = (
    "A man was shot dead on Elm Street in Dayton late on Friday. Police named him as Marcus Reed, 24, "
    "and said a neighbour heard several shots near the corner store."
)
SECOND_REPORT = (
    "Dayton police are still looking for whoever shot Marcus Reed on Elm Street. Reed, 24, died at the "
    "scene near the corner store, and detectives asked neighbours for camera footage."
)
OTHER_SHOOTING = (
    "A woman was wounded by gunfire outside a bar on Linden Avenue in Dayton early on Sunday. Officers "
    "said Tanya Brooks, 31, was taken to hospital and a suspect fled in a grey car."
)


@pytest.mark.parametrize(
    ("first", "second", "outlets"),
    [
        ("Dayton Daily", "TV 7", "Dayton Daily; TV 7"),
        # One outlet under two names is one source, in Event.sources as in the exports.
        ("WAL", "West Africa Ledger", "West Africa Ledger"),
        ("Agence France-Presse", "AFP", "AFP"),
    ],
)
def test_link_cluster_two_reports_of_one_shooting_a_day_apart_merge(first, second, outlets):
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, first)
    b = shooting(SECOND_REPORT, date(2016, 3, 6), date(2016, 3, 5), DAYTON, second)
    events = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    sources = outlets.count("; ") + 1
    assert len(events) == 1 and events[0].sources == sources
    by_id = {x.article.id: x.article for x in (a, b)}
    assert source_count(events[0], by_id) == sources
    assert acled_row(events[0], by_id)["source"] == outlets


THIRD_REPORT = (
    "Marcus Reed, 24, was shot dead near the corner store on Elm Street in Dayton on Friday night, police "
    "said. A neighbour told officers she heard several shots."
)


def test_link_cluster_new_report_under_another_name_of_an_outlet_at_hand_is_no_new_source():
    # Linking a batch without all of an event's reports: the earlier count plus the new outlets,
    # "WAL" being "West Africa Ledger" when that report is at hand (and a new outlet when not).
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "West Africa Ledger")
    c = shooting(THIRD_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "Dayton Daily")
    b = shooting(SECOND_REPORT, date(2016, 3, 6), date(2016, 3, 5), DAYTON, "WAL")
    run1 = link_events([a.article, c.article], [a.extraction(), c.extraction()], settings=SETTINGS)
    assert [e.sources for e in run1] == [2]
    for known, sources in (([a.article], 2), ([c.article], 3), ([a.article, c.article], 2)):
        run2 = link_events(
            [b.article], [b.extraction()], events=run1, known_articles=known, settings=SETTINGS
        )
        assert [(len(e.article_ids), e.sources) for e in run2] == [(3, sources)]


def test_link_cluster_shootings_in_same_city_a_month_apart_stay_apart():
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "Dayton Daily")
    b = shooting(SECOND_REPORT, date(2016, 4, 6), date(2016, 4, 5), DAYTON, "TV 7")
    events = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(events) == 2


def test_link_cluster_same_day_shootings_in_cities_500_km_apart_stay_apart():
    from fogofwar.link.similarity import haversine_km

    assert haversine_km(CHICAGO.lat, CHICAGO.lon, NASHVILLE.lat, NASHVILLE.lon) > 500
    # the same words but the city, so only the place can keep them apart
    in_chicago, in_nashville = (
        FIRST_REPORT.replace("Dayton", "Chicago"),
        FIRST_REPORT.replace("Dayton", "Nashville"),
    )
    a = shooting(in_chicago, date(2016, 3, 5), date(2016, 3, 4), CHICAGO, "Chicago Daily")
    b = shooting(in_nashville, date(2016, 3, 5), date(2016, 3, 4), NASHVILLE, "Nashville TV")
    events = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(events) == 2


def test_link_cluster_different_shootings_same_city_same_day_stay_apart():
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "Dayton Daily")
    b = shooting(OTHER_SHOOTING, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "TV 7")
    events = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(events) == 2


def test_link_cluster_article_without_mentions_gives_no_event():
    a = Builder("Nothing happened today.", published=date(2016, 3, 5))
    assert link_events([a.article], [a.extraction()], settings=SETTINGS) == []


def test_link_cluster_empty_input():
    assert link_events([], [], settings=SETTINGS) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The fighting lasted from Thursday to Friday.", True),
        ("Two men were shot on March 4.", True),
        ("A boy was wounded last night near the school.", True),
        ("The clashes began in 2012.", True),
        ("The army said two of its soldiers died.", False),
        ("Rebels may attack again, the army said.", False),
        # a running toll or a later step of the case dates the count or the step, not the incident
        ("The number of people killed in the raid rose to 59 on Sunday.", False),
        ("The death toll from Friday's blast has risen to 12.", False),
        ("The suspect was arraigned on Monday in the shooting.", False),
    ],
)
def test_link_cluster_date_word_in_sentence_is_stated(sentence, expected):
    b = Builder(sentence)
    assert states_date(b.mention(sentence, "x")) is expected


# --- place conflicts, aftermath claims ---------------------------------------------------------

# Dayton, Ohio as the extractor might misread it: its namesake in another state.
DAYTON_TN = Place("Dayton", lat=35.49, lon=-85.01, admin1="Tennessee", country="US")
ELSEWHERE = Place("Springfield", lat=39.80, lon=-89.64, admin1="Illinois", country="US")


def test_link_cluster_same_story_with_a_misread_town_merges():
    # Both reports say "Dayton"; the extractor put one of them in the wrong state.
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "Dayton Daily")
    b = shooting(SECOND_REPORT, date(2016, 3, 6), date(2016, 3, 5), DAYTON_TN, "TV 7")
    events = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(events) == 1
    assert events[0].place == DAYTON  # the first stated place is kept


def test_link_cluster_place_conflict_needs_the_other_place_named():
    # Close words, but neither text names the other's town: the places keep them apart.
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "Dayton Daily")
    elsewhere = SECOND_REPORT.replace("Dayton", "Springfield")
    b = shooting(elsewhere, date(2016, 3, 6), date(2016, 3, 5), ELSEWHERE, "TV 7")
    events = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(events) == 2


def test_link_cluster_a_town_named_like_the_other_towns_region_is_no_cross_naming():
    # "Volta Redonda, Rio de Janeiro" names the state; the city of Rio is 85 km away
    from fogofwar.link.groups import MentionGroup
    from fogofwar.link.scoring import names_cross
    from fogofwar.link.state import EventState
    from fogofwar.link.text import ArticleVectors

    rio = Place("Rio de Janeiro", lat=-22.91, lon=-43.18, admin1="Rio de Janeiro", country="BR")
    volta = Place("Volta Redonda", lat=-22.52, lon=-44.10, admin1="Rio de Janeiro", country="BR")
    in_rio = Builder("Police shot two suspects in the Central Zone of Rio de Janeiro on Thursday.")
    in_volta = Builder("Police shot two suspects in Volta Redonda, Rio de Janeiro, on Thursday.")
    vectors = ArticleVectors([in_rio.article, in_volta.article])
    event = EventState(id="e", event_type=SHOOTING[0], sub_event_type=SHOOTING[1], place=rio)
    event.article_ids.append(in_rio.article.id)
    group = MentionGroup(article_id=in_volta.article.id, place=volta)
    assert not names_cross(group, event, vectors)
    # where the region has another name, the name is the city's: the reports cross
    group.place = replace(volta, admin1="Rio State")
    assert names_cross(group, event, vectors)


ARREST_REPORT = (
    "Police arrested a 19-year-old on Monday in the killing of two men in Dayton. "
    "The men were shot outside a bar on Friday night. "
    "Officers said the suspect was held without bail."
)


def test_link_cluster_toll_attached_to_an_arrest_goes_to_the_shooting():
    b = Builder(ARREST_REPORT, published=date(2016, 3, 8), source="Dayton Daily")
    arrest = b.mention(
        "Police arrested a 19-year-old on Monday in the killing of two men in Dayton",
        "arrested",
        ("Strategic developments", "Arrests"),
        dates=(date(2016, 3, 7), date(2016, 3, 7), 1),
        place=DAYTON,
    )
    b.mention(
        "The men were shot outside a bar on Friday night",
        "shot",
        SHOOTING,
        dates=(date(2016, 3, 4), date(2016, 3, 4), 1),
        place=DAYTON,
    )
    toll = b.claim("killing of two men", arrest, "Dayton Daily", "unknown", "killed", 2)
    held = b.claim("the suspect was held", arrest, "Police", "unknown", "arrested", 1)
    events = link_events([b.article], [b.extraction()], settings=SETTINGS)
    by_type = {e.event_type: e for e in events}
    assert [c.id for c in by_type[SHOOTING[0]].claims] == [toll.id]
    assert [c.id for c in by_type["Strategic developments"].claims] == [held.id]


RIOT = ("Riots", "Violent demonstration")
MOB = ("Riots", "Mob violence")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")


@pytest.mark.parametrize(
    ("text", "quote", "counted"),
    [
        # what the riot answers: the killing before it, told in a clause of its sentence
        ("Residents rioted in Dayton after a guard shot and killed a driver.", "killed a driver", False),
        (
            "Crowds rioted in Dayton with the bodies of three men killed in an ambush.",
            "three men killed",
            False,
        ),
        (
            "Crowds rioted in Dayton over the killing of two traders by soldiers.",
            "killing of two traders",
            False,
        ),
        # the riot's own toll: the cue's clause ends before the figure
        ("Crowds rioted in Dayton after the funeral, leaving two people dead.", "two people dead", True),
        ("Crowds rioted in Dayton and police shot two of them dead.", "shot two of them dead", True),
    ],
)
def test_link_cluster_toll_a_riot_answers_is_not_the_riots(text: str, quote: str, counted: bool) -> None:
    b = Builder(text, published=date(2016, 3, 8), source="Dayton Daily")
    riot = b.mention(
        text.rstrip("."), "rioted", RIOT, dates=(date(2016, 3, 7), date(2016, 3, 7), 1), place=DAYTON
    )
    toll = b.claim(quote, riot, "Dayton Daily", "unknown", "killed", 2)
    (event,) = link_events([b.article], [b.extraction()], settings=SETTINGS)
    assert [c.id for c in event.claims] == ([toll.id] if counted else [])


@pytest.mark.parametrize(
    ("lead", "trigger", "kind", "quote"),
    [
        # a surrender after the killing
        (
            "A man surrendered on Monday after the killing of two men in Dayton",
            "surrendered",
            ("Strategic developments", "Change to group/activity"),
            "killing of two men",
        ),
        # a riot answering the killing, told beside it
        (
            "Residents rioted in Dayton on Monday after a guard shot and killed two men",
            "rioted",
            RIOT,
            "killed two men",
        ),
    ],
)
def test_link_cluster_toll_told_with_what_followed_goes_to_the_shooting(
    lead: str, trigger: str, kind: tuple[str, str], quote: str
) -> None:
    b = Builder(
        f"{lead}. The men were shot outside a bar on Friday night.",
        published=date(2016, 3, 8),
        source="Dayton Daily",
    )
    after = b.mention(lead, trigger, kind, dates=(date(2016, 3, 7), date(2016, 3, 7), 1), place=DAYTON)
    b.mention(
        "The men were shot outside a bar on Friday night",
        "shot",
        SHOOTING,
        dates=(date(2016, 3, 4), date(2016, 3, 4), 1),
        place=DAYTON,
    )
    toll = b.claim(quote, after, "Dayton Daily", "unknown", "killed", 2)
    events = link_events([b.article], [b.extraction()], settings=SETTINGS)
    by_type = {e.event_type: e for e in events}
    assert [c.id for c in by_type[SHOOTING[0]].claims] == [toll.id]
    assert by_type[kind[0]].claims == ()


def test_link_cluster_event_place_is_the_one_most_reports_give():
    from fogofwar.link.groups import vote_place

    assert vote_place([(DAYTON_TN, True), (DAYTON, True), (DAYTON, True)]) == (DAYTON, True)
    assert vote_place([(DAYTON_TN, True), (DAYTON, True)]) == (DAYTON_TN, True)  # a tie: first seen
    assert vote_place([(MALI, True), (DAYTON, False)]) == (MALI, True)  # stated beats inherited
    assert vote_place([(MALI, True), (KIDAL, True), (MALI, True)]) == (KIDAL, True)  # a town first
    assert vote_place([]) == (None, False)


def test_link_cluster_misread_town_outvoted():
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON_TN, "Dayton Daily")
    b = shooting(SECOND_REPORT, date(2016, 3, 6), date(2016, 3, 5), DAYTON, "TV 7")
    c = shooting(SECOND_REPORT + " More soon.", date(2016, 3, 6), date(2016, 3, 5), DAYTON, "Radio 9")
    articles = [a.article, b.article, c.article]
    events = link_events(articles, [a.extraction(), b.extraction(), c.extraction()], settings=SETTINGS)
    assert len(events) == 1 and events[0].place == DAYTON


# --- people read as places, later deaths, tolls that disagree -----------------------------------

ROANOKE = Place("Roanoke", lat=37.27, lon=-79.94, admin1="Virginia", country="US")
MARTIN = Place("Martin", lat=36.34, lon=-88.85, admin1="Tennessee", country="US")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A girl was shot in Roanoke. Martin says the woman is her sister.", {"martin"}),
        ("Markques Patterson, 29, was grazed by a bullet.", {"patterson"}),
        ("Police said Sgt. Greer was the first officer there.", {"greer"}),
        # a preposition of place, a comma before the verb, a town's police: still places
        ("Gary Rivera, 22, of Tampa, was charged. A man from Gary, said police, fled.", set()),
        ("The boy was shot in Martin, Tennessee, police said.", set()),
        ("Roanoke police said two people were shot.", set()),
    ],
)
def test_link_groups_person_names(text, expected):
    from fogofwar.link.groups import person_names

    names = ["Martin", "Patterson", "Greer", "Tampa", "Gary", "Roanoke"]
    assert person_names(text, names) == expected


def test_link_groups_a_surname_read_as_a_town_does_not_split_the_article():
    text = (
        "A two-year-old child was shot dead in Roanoke on Thursday. "
        "Martin says the woman who was shot is her sister."
    )
    b = Builder(text, published=date(2016, 4, 8))
    when = (date(2016, 4, 7), date(2016, 4, 7), 1)
    b.mention("A two-year-old child was shot dead in Roanoke on Thursday.", "shot", dates=when, place=ROANOKE)
    b.mention("Martin says the woman who was shot is her sister.", "shot", dates=when, place=MARTIN)
    assert len(group_mentions(b.mentions, article=b.article)) == 1
    # without the article the name cannot be told from a town: two towns, two incidents
    assert len(group_mentions(b.mentions)) == 2


def test_link_groups_a_burning_in_an_assault_is_part_of_it():
    text = "Fighters entered the camp on Friday and set fire to the market. Dozens of people were killed."
    b = Builder(text, published=date(2025, 4, 14))
    looting = ("Strategic developments", "Looting/property destruction")
    attack = ("Violence against civilians", "Attack")
    day = (date(2025, 4, 11), date(2025, 4, 11), 1)
    burning = "Fighters entered the camp on Friday and set fire to the market."
    b.mention(burning, "set fire to", looting, dates=day)
    b.mention("Dozens of people were killed.", "killed", attack, dates=day)
    (group,) = group_mentions(b.mentions, article=b.article)
    assert (group.event_type, group.sub_event_type) == attack  # typed by the violence


def test_link_groups_a_coders_label_types_the_group_whatever_follows():
    text = "Property destruction: On Friday, fighters set fire to the market. Two guards were killed."
    b = Builder(text, published=date(2025, 4, 14))
    looting = ("Strategic developments", "Looting/property destruction")
    day = (date(2025, 4, 11), date(2025, 4, 11), 1)
    b.mention(
        "Property destruction: On Friday, fighters set fire to the market.",
        "Property destruction:",
        looting,
        dates=day,
    )
    b.mention("Two guards were killed.", "killed", ("Battles", "Armed clash"), dates=day)
    (group,) = group_mentions(b.mentions, article=b.article)
    assert (group.event_type, group.sub_event_type) == looting  # the coder said what it was


def test_link_groups_a_strike_in_another_country_is_another_incident():
    ankara = Place("Ankara", lat=39.93, lon=32.86, admin1="Ankara", country="TR")
    iraq = Place("Iraq", lat=33.0, lon=44.0, country="IQ", feature="country", precision=4)
    attack = "Gunmen attacked a factory near Ankara on Wednesday, killing five people."
    strike = "Turkish jets struck rebel targets in Iraq hours later."
    b = Builder(f"{attack} {strike}", published=date(2024, 10, 24))
    day = (date(2024, 10, 23), date(2024, 10, 23), 1)
    b.mention(attack, "attacked", SHOOTING, dates=day, place=ankara)
    b.mention(strike, "struck", ("Explosions/Remote violence", "Air/drone strike"), dates=day, place=iraq)
    groups = group_mentions(b.mentions, article=b.article)
    assert [[m.trigger for m in g.mentions] for g in groups] == [["attacked"], ["struck"]]


def test_link_groups_a_death_days_later_joins_the_shooting():
    text = (
        "A man was shot outside a bar in Dayton on Saturday. "
        "He died Wednesday at Miami Valley Hospital. "
        "A suspect was arrested Thursday in Dayton."
    )
    b = Builder(text, published=date(2016, 3, 10))
    shot = b.mention(
        "A man was shot outside a bar in Dayton on Saturday.", "shot",
        dates=(date(2016, 3, 5), date(2016, 3, 5), 1), place=DAYTON,
    )  # fmt: skip
    died = b.mention(
        "He died Wednesday at Miami Valley Hospital.", "died", dates=(date(2016, 3, 9), date(2016, 3, 9), 1)
    )
    later = b.mention(
        "A suspect was arrested Thursday in Dayton.", "arrested",
        dates=(date(2016, 3, 10), date(2016, 3, 10), 1), place=DAYTON,
    )  # fmt: skip
    groups = group_mentions(b.mentions, article=b.article)
    assert [[m.id for m in g.mentions] for g in groups] == [[shot.id, died.id], [later.id]]
    assert (groups[0].dates.start, groups[0].dates.end) == (date(2016, 3, 5), date(2016, 3, 5))


def test_link_groups_a_death_long_after_is_another_group():
    text = "A man was shot outside a bar in Dayton on Saturday. He died in May."
    b = Builder(text, published=date(2016, 5, 30))
    b.mention(
        "A man was shot outside a bar in Dayton on Saturday.", "shot",
        dates=(date(2016, 3, 5), date(2016, 3, 5), 1), place=DAYTON,
    )  # fmt: skip
    b.mention("He died in May.", "died", dates=(date(2016, 5, 20), date(2016, 5, 20), 1))
    assert len(group_mentions(b.mentions, article=b.article)) == 2


def test_link_cluster_tolls_told():
    from fogofwar.link.cluster import tolls_told

    b = Builder(FIRST_REPORT)
    m = b.mention(FIRST_REPORT.split(".")[0], "shot", SHOOTING)
    wounded = b.claim("A man was shot", m, "unattributed", "unknown", "injured", 1)
    dead = b.claim("shot dead", m, "unattributed", "unknown", "killed", 1)
    assert tolls_told([wounded]) == (False, True)
    assert tolls_told([wounded, dead]) == (True, False)
    assert tolls_told([replace(dead, stance="denies"), wounded]) == (False, True)
    assert tolls_told([]) == (False, False)
    # a report whose sentences tell of a death is not wounded-only, though no count of dead was read
    assert tolls_told([wounded], ["The boy was fatally shot outside a restaurant."]) == (False, False)
    assert tolls_told([wounded], ["A man was shot in the leg."]) == (False, True)
    assert tolls_told([wounded], ["He was charged with attempted murder."]) == (False, True)
    # a toll of none ("No casualties reported") tells of no dead, not of dead
    none = replace(dead, figure=0, low=0, high=0)
    assert tolls_told([none]) == (False, True)
    assert tolls_told([none, dead]) == (True, False)
    assert tolls_told([replace(none, figure=0, low=0, high=3)]) == (True, False)  # "0 to 3 killed"


@pytest.mark.parametrize(("penalty", "n_events"), [(0.0, 1), (1.0, 2)])
def test_link_cluster_reports_disagreeing_on_deaths_pay_the_toll_conflict(penalty, n_events):
    from fogofwar.link.params import DEFAULT_PARAMS

    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "Dayton Daily")
    a.claim("shot dead", a.mentions[0], "unattributed", "unknown", "killed", 1)
    b = shooting(SECOND_REPORT, date(2016, 3, 6), date(2016, 3, 5), DAYTON, "TV 7")
    b.claim("shot Marcus Reed", b.mentions[0], "unattributed", "unknown", "injured", 1)
    params = replace(DEFAULT_PARAMS, toll_conflict=penalty)
    events = link_events(
        [a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS, params=params
    )
    assert len(events) == n_events
    # both reports telling of the dead: no conflict, whatever the penalty
    b.claims[0] = replace(b.claims[0], outcome="killed")
    events = link_events(
        [a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS, params=params
    )
    assert len(events) == 1


# --- history an article recalls ------------------------------------------------------------

FOLLOW_UP = (
    "Dayton police said on Tuesday they had no suspect yet. "
    "Marcus Reed, 24, was shot dead on Elm Street near the corner store in March. "
    "Detectives asked neighbours on Elm Street for camera footage of the corner store."
)
NEWS_WITH_HISTORY = (
    "A woman was shot dead outside a bar on Linden Avenue in Dayton on Sunday. "
    "In 2009, three men were killed in a robbery at a Dayton pawn shop."
)


def march_shooting() -> Builder:
    a = shooting(FIRST_REPORT, date(2016, 3, 5), date(2016, 3, 4), DAYTON, "Dayton Daily")
    a.claim("A man was shot dead", a.mentions[0], "Dayton Daily", "unknown", "killed", 1)
    return a


def recalled(b: Builder, quote: str, when: tuple[date, date, int], place: Place = DAYTON) -> Mention:
    return b.mention(quote, "shot", SHOOTING, dates=when, place=place, background=True)


def follow_up(published: date, recalled_dates: tuple[date, date, int]) -> tuple[Builder, Claim]:
    """A report with no toll of its own (police have no suspect) recalling Marcus Reed's death."""
    b = Builder(FOLLOW_UP, published=published, source="TV 7")
    b.mention(
        "Dayton police said on Tuesday they had no suspect yet",
        "suspect",
        ("Strategic developments", "Arrests"),
        dates=(published, published, 1),
        place=DAYTON,
    )
    old = recalled(b, "Marcus Reed, 24, was shot dead on Elm Street", recalled_dates)
    return b, b.claim("Marcus Reed, 24, was shot dead", old, "TV 7", "unknown", "killed", 1)


def test_link_cluster_history_joins_the_event_it_recalls():
    a = march_shooting()
    b, toll = follow_up(date(2016, 6, 7), (date(2016, 3, 1), date(2016, 3, 31), 3))
    for order in ([a, b], [b, a]):
        events = link_events([x.article for x in order], [x.extraction() for x in order], settings=SETTINGS)
        shootings = [e for e in events if e.event_type == SHOOTING[0]]
        assert len(shootings) == 1  # the history founds no event of its own
        assert set(shootings[0].article_ids) == {a.article.id, b.article.id}
        assert toll.id in {c.id for c in shootings[0].claims}
        assert shootings[0].start == date(2016, 3, 4)  # the recalled month does not widen the day


def test_link_cluster_history_of_no_known_event_is_dropped():
    b = Builder(NEWS_WITH_HISTORY, published=date(2016, 6, 7), source="TV 7")
    news = b.mention(
        "A woman was shot dead outside a bar on Linden Avenue in Dayton on Sunday",
        "shot",
        SHOOTING,
        dates=(date(2016, 6, 5), date(2016, 6, 5), 1),
        place=DAYTON,
    )
    old = recalled(b, "In 2009, three men were killed", (date(2009, 1, 1), date(2009, 12, 31), 4))
    b.claim("A woman was shot dead", news, "TV 7", "civilians", "killed", 1)
    b.claim("three men were killed", old, "TV 7", "unknown", "killed", 3)
    events = link_events([b.article], [b.extraction()], settings=SETTINGS)
    assert len(events) == 1
    assert [c.figure for c in events[0].claims] == [1]
    assert events[0].start == date(2016, 6, 5)


def test_link_cluster_follow_up_with_no_toll_of_its_own_keeps_the_recalled_toll():
    # A report of a sentencing whose shooting is not in the store: the toll it recalls is the
    # toll of the violence it follows, so it stays with its news rather than being lost.
    text = (
        "A Dayton man was sentenced on Monday to 40 years in prison for murder. "
        "Two men were shot dead outside a bar on Linden Avenue in 2013."
    )
    b = Builder(text, published=date(2015, 6, 9), source="Dayton Daily")
    news = b.mention(
        "A Dayton man was sentenced on Monday to 40 years in prison for murder",
        "murder",
        SHOOTING,
        dates=(date(2015, 6, 8), date(2015, 6, 8), 1),
        place=DAYTON,
    )
    old = recalled(
        b,
        "Two men were shot dead outside a bar on Linden Avenue in 2013",
        (date(2013, 1, 1), date(2013, 12, 31), 4),
    )
    toll = b.claim("Two men were shot dead", old, "Dayton Daily", "unknown", "killed", 2)
    events = link_events([b.article], [b.extraction()], settings=SETTINGS)
    assert [e.mention_ids for e in events] == [(news.id, old.id)]
    assert [c.id for c in events[0].claims] == [toll.id]


def test_link_cluster_history_dated_only_by_a_year_joins_nothing():
    # "in 2016" could be any of the year's shootings in Dayton: too vague to say which.
    a = march_shooting()
    b, toll = follow_up(date(2016, 11, 7), (date(2016, 1, 1), date(2016, 12, 31), 4))
    events = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    march = next(e for e in events if e.event_type == SHOOTING[0])
    assert march.article_ids == (a.article.id,)
    # a follow-up with no toll of its own keeps the recalled toll on its news
    news = next(e for e in events if e.event_type != SHOOTING[0])
    assert [c.id for c in news.claims] == [toll.id]


def test_link_cluster_follow_up_toll_stays_put_when_its_event_comes_later():
    # Run 1: a follow-up whose recalled shooting is unknown keeps the toll on its news. Run 2:
    # the shooting's own report arrives; the recalled toll is not given to a second event.
    a = march_shooting()
    b, toll = follow_up(date(2016, 6, 7), (date(2016, 3, 1), date(2016, 3, 31), 3))
    first = link_events([b.article], [b.extraction()], settings=SETTINGS)
    assert [c.id for e in first for c in e.claims] == [toll.id]
    second = link_events(
        [a.article, b.article], [a.extraction(), b.extraction()], events=first, settings=SETTINGS
    )
    holders = [e for e in second if toll.id in {c.id for c in e.claims}]
    assert [e.id for e in holders] == [first[0].id]


def test_link_cluster_a_county_and_a_town_in_it_are_one_incident_of_an_article():
    county = Place(
        "Henry County", lat=39.93, lon=-85.44, admin1="Indiana", country="US", feature="admin2", precision=2
    )
    town = Place("Knightstown", lat=39.80, lon=-85.53, admin1="Indiana", country="US")  # 16 km away
    other = Place("Muncie", lat=40.19, lon=-85.39, admin1="Indiana", country="US")  # another town, 29 km
    b = Builder(
        "Three people were found shot dead in Henry County on Thursday. "
        "The shooting happened in a home just east of Knightstown. "
        "A second shooting was reported in Muncie."
    )
    shot = ("Violence against civilians", "Attack")
    day = (date(2015, 8, 27), date(2015, 8, 27), 1)
    b.mention("Three people were found shot dead in Henry County", "shot", shot, dates=day, place=county)
    b.mention(
        "The shooting happened in a home just east of Knightstown", "shooting", shot, dates=day, place=town
    )
    b.mention("A second shooting was reported in Muncie", "shooting", shot, dates=day, place=other)
    groups = group_mentions(b.mentions, article=b.article)
    assert [[m.place.name for m in g.mentions] for g in groups] == [
        ["Henry County", "Knightstown"],
        ["Muncie"],
    ]


CLASH = (
    "Government forces clashed with Taliban fighters in Bala Murghab district of Badghis province "
    "on {day}, killing {n} fighters, officials said."
)
BADGHIS = Place("Bala Murghab", lat=35.58, lon=63.33, admin1="Badghis", country="AF", precision=2)


@pytest.mark.parametrize(
    ("first", "second", "second_day", "events"),
    [
        # weekdays resolved against each report's date may be a day off: two apart are two
        ("Wednesday", "Thursday", 5, 1),
        ("Wednesday", "Friday", 6, 2),
        # a calendar day written out is not: a day apart is another clash
        ("4 March", "March 4", 4, 1),
        ("4 March", "5 March", 5, 2),
        ("4 March", "9 March", 9, 2),
    ],
)
def test_link_cluster_reports_stating_other_days_are_two_incidents(first, second, second_day, events):
    a = Builder(CLASH.format(day=first, n=5), published=date(2020, 3, 5), source="Kabul Desk")
    a.mention(a.article.text, "clashed", dates=(date(2020, 3, 4), date(2020, 3, 4), 1), place=BADGHIS)
    day = date(2020, 3, second_day)
    b = Builder(CLASH.format(day=second, n=5), published=day, source="Herat Wire")
    b.mention(b.article.text, "clashed", dates=(day, day, 1), place=BADGHIS)
    linked = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(linked) == events


@pytest.mark.parametrize(("second_day", "events"), [(10, 1), (11, 2)])
def test_link_cluster_a_written_day_and_a_day_from_the_other_reports_lead_two_apart(second_day, events):
    # One note's lead dates its whole text by a weekday (a calendar day written there would count
    # as written: test_link_cluster_days_taken_from_written_calendar_days_a_day_apart_are_two_incidents);
    # the other's shelling sentence writes its own day.
    text = "On Sunday, troops destroyed a fuel depot near Pavlohrad. Casualties are unknown."
    a = Builder(text, published=date(2022, 10, 9), source="Desk 0")
    a.mention("Casualties are unknown.", "destroyed", SHOOTING, dates=(date(2022, 10, 9),) * 2 + (1,))
    other = f"On {second_day} October 2022, troops shelled a fuel depot near Pavlohrad, killing two."
    b = Builder(other, published=date(2022, 10, second_day), source="Desk 1")
    b.mention(other, "shelled", SHOOTING, dates=(date(2022, 10, second_day),) * 2 + (1,))
    linked = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(linked) == events


@pytest.mark.parametrize(("second_day", "events"), [(5, 1), (8, 2)])
def test_link_cluster_days_taken_from_the_reports_own_lead_four_apart_are_two_incidents(second_day, events):
    # The shooting's sentence names no day: each report's lead gives it, by its weekday.
    text = "On {}, police raided a compound near Bala Murghab. Two men were shot dead there."
    builders = []
    for n, day in enumerate((4, second_day)):
        weekday = date(2020, 3, day).strftime("%A")
        b = Builder(text.format(weekday), published=date(2020, 3, day), source=f"Desk {n}")
        b.mention("Two men were shot dead there.", "shot", SHOOTING, dates=(date(2020, 3, day),) * 2 + (1,))
        builders.append(b)
    assert _events_of(builders) == events


@pytest.mark.parametrize(
    ("sentence", "precision", "expected"),
    [
        ("On 4 March, gunmen attacked the post.", 1, True),
        ("Gunmen attacked the post on March 4th, 2020.", 1, True),
        ("Gunmen attacked the post on Wednesday.", 1, False),
        ("Gunmen attacked the post in March 2020.", 3, False),
        ("Gunmen attacked the post, and 3 may have died.", 1, False),
        ("On 4 March, gunmen attacked the post.", 2, False),  # the mention is not dated to the day
    ],
)
def test_link_groups_writes_calendar_day(sentence, precision, expected):
    b = Builder(sentence, published=date(2020, 3, 5))
    b.mention(sentence, "attacked", SHOOTING, dates=(date(2020, 3, 4), date(2020, 3, 4), precision))
    assert writes_calendar_day(b.mentions[0], article=b.article) is expected


@pytest.mark.parametrize(
    ("lead", "precision", "expected"),
    [
        ("On 1 May 2020, in Niteroi, police raided a house.", 1, True),
        ("Police raided a house in Niteroi on May 1.", 1, True),
        ("On Friday, police raided a house in Niteroi.", 1, False),  # a weekday, not a calendar day
        ("Police raided a house in Niteroi.", 1, False),  # the day is the report's
        # the last date its paragraph states before it is what it took
        ("On 1 May 2020 a raid was planned. It began on Saturday.", 1, False),
        ("On 1 May 2020, in Niteroi, police raided a house.", 2, False),  # not dated to a day
    ],
)
def test_link_groups_inherits_calendar_day(lead, precision, expected):
    text = f"{lead} Two suspects were shot and wounded."
    b = Builder(text, published=date(2020, 5, 2))
    b.mention(
        "Two suspects were shot and wounded.",
        "shot",
        SHOOTING,
        dates=(date(2020, 5, 1), date(2020, 5, 1), precision),
    )
    assert inherits_calendar_day(b.mentions[0], b.article) is expected


def test_link_cluster_days_taken_from_written_calendar_days_a_day_apart_are_two_incidents():
    # Each report's shooting takes its day from its lead, which writes it out: the 1st and
    # the 2nd of May in one town are two police raids, however alike their words.
    niteroi = Place("Niteroi", lat=-22.88, lon=-43.10, admin1="Rio de Janeiro", country="BR")
    builders = []
    for day in (1, 2):
        text = (
            f"On {day} May 2020, in Niteroi, military police raided a house in the Inga district. "
            "A shoot-out broke out and two suspects were shot and wounded."
        )
        b = Builder(text, published=date(2020, 5, day + 1), source="Rio Desk")
        b.mention(
            "A shoot-out broke out and two suspects were shot and wounded.",
            "shot",
            SHOOTING,
            dates=(date(2020, 5, day), date(2020, 5, day), 1),
            place=niteroi,
        )
        builders.append(b)
    linked = link_events([b.article for b in builders], [b.extraction() for b in builders], settings=SETTINGS)
    assert len(linked) == 2


@pytest.mark.parametrize(("second_town", "events"), [("Izmir", 1), ("Mersin", 2)])
def test_link_cluster_a_place_taken_from_the_reports_lead_tells_incidents_apart(second_town, events):
    # The second report's protest is told in a sentence without a place: it takes Mersin from its
    # lead, which names it. A town its report names vetoes as a stated one does; the same town
    # in both reports links.
    towns = {
        "Izmir": Place("Izmir", lat=38.42, lon=27.14, admin1="Izmir", country="TR"),
        "Mersin": Place("Mersin", lat=36.81, lon=34.64, admin1="Mersin", country="TR"),
    }
    first = (
        "On 1 May 2020, workers held a demonstration in Izmir to mark Labour Day and police dispersed them."
    )
    a = Builder(first, published=date(2020, 5, 2), source="Anka")
    a.mention(
        first, "demonstration", PROTEST, dates=(date(2020, 5, 1), date(2020, 5, 1), 1), place=towns["Izmir"]
    )
    second = (
        f"On 1 May 2020, cleaning workers of the {second_town} municipality formed a convoy of vehicles. "
        "The workers were stopped and dispersed by the police at a demonstration."
    )
    b = Builder(second, published=date(2020, 5, 2), source="Anka")
    b.mention(
        "The workers were stopped and dispersed by the police at a demonstration.",
        "demonstration",
        PROTEST,
        dates=(date(2020, 5, 1), date(2020, 5, 1), 1),
        place=towns[second_town],
    )
    linked = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(linked) == events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen entered the village of Kourou (Kourou, Yagha) and killed five.", {"kourou"}),
        ("Fighting was reported in the area of Gaik Goita and in Bansi village.", {"gaik goita", "bansi"}),
        ("Herders from Wad al-Nour were attacked.", set()),  # no kind word
        ("The village was attacked at dawn.", set()),  # no name
        # a place with the divisions that hold it; an acronym in brackets is no such list
        ("Fighters shelled a base in Goniri (Gujiba LGA, Borno) at night.", {"goniri"}),
        ("Islamic State West Africa Province (ISWAP) fighters attacked.", set()),
        # one division in the parenthesis; a wire agency's tag is none
        ("Shells killed two civilians in Zanatah (Tripoli) at night.", {"zanatah"}),
        ("Soldiers shot a man in Bamenda town (Mezam, Nord-Ouest).", {"bamenda"}),
        ("NAIROBI (Reuters) - Gunmen attacked a bus.", set()),
        # the coder's remark after the divisions ends the parenthesis
        ("Clashes took place in Ndoswa (Nakuru, approximate coordinates used).", {"ndoswa"}),
        ("Jets struck the Saca area (Kurdish name) in Zap (Amadiya) region.", {"saca", "zap"}),
        # a county written lower-case, as a division of the text's country; not a US "County"
        ("Clashes spread to other wards of Njoro county (Nakuru) overnight.", {"njoro"}),
        ("A man was shot in Harris County, Texas.", set()),
        ("NAIROBI (Reuters, by telephone) - Gunmen attacked a bus.", set()),
        # a district followed by its province; a district described, not named, is none
        ("Insurgents overran a checkpoint in Nad Ali district, Helmand.", {"nad ali"}),
        ("Militants attacked a post in Qadis district center, Badghis.", {"qadis"}),
        ("A gunman killed an official in PD1 of Lashkargah city, Helmand.", {"lashkargah"}),
        ("Clan violence erupted in Afdere zone (Somali region) at dawn.", {"afdere"}),
        ("A bomb went off in the crowded Shiite district of the capital.", set()),
        ("The predominantly Sunni district was quiet.", set()),
        # a kind word one country's divisions use, written before the name
        ("Soldiers clashed with rebels in Barangay Taruk, Tandubas, at dawn.", {"taruk"}),
        ("The barangay captain was shot.", set()),
        # a coder's placing names the locality
        ("Forty men were executed near Debel (coded as Koubo at geoprecision 2).", {"koubo"}),
        ("Fatalities coded as 9 (three reported).", set()),
        # a city or a town named bare; a description of one is no name
        ("Fifteen soldiers were killed in PD3 of Kunduz city.", {"kunduz"}),
        ("Residents protested in Beni town on Monday.", {"beni"}),
        ("Shells hit the Syrian town. The Black Sea city was calm.", set()),
        ("Crowds gathered in the French city of Nice.", set()),
        # a place written with its region ("Novoviazivske, Dnipropetrovsk region"); a day or a
        # preposition opening the sentence is no name
        ("Russian forces shelled Novoviazivske, Dnipropetrovsk region.", {"novoviazivske"}),
        ("In Bakhmut, Donetsk region, two men died.", {"bakhmut"}),
        ("On Monday, Donetsk region was shelled.", set()),
        # a locality or a front with the divisions that hold it
        ("Militiamen raped three women in Mongbwalu locality (Djugu, Ituri).", {"mongbwalu"}),
        ("Fighters attacked the Al Fajir front (Qaatabah, Ad Dali).", {"al fajir"}),
    ],
)
def test_link_groups_localities_named(text, expected):
    assert localities_named(text) == expected


def _events_of(builders: Sequence[Builder]) -> int:
    """How many events the linker makes of the builders' articles."""
    articles = [b.article for b in builders]
    return len(link_events(articles, [b.extraction() for b in builders], settings=SETTINGS))


@pytest.mark.parametrize(("second_village", "events"), [("Kourou", 1), ("Bansi", 2)])
def test_link_cluster_reports_naming_other_villages_are_two_incidents(second_village, events):
    # Two notes of one day in one province: the villages they name tell the incidents apart.
    region = Place("Yagha", lat=13.5, lon=0.6, admin1="Sahel", country="BF", feature="admin2", precision=2)
    builders = []
    texts = (
        "On Wednesday, gunmen attacked the village of {} in Yagha province, killing 5 civilians.",
        "Gunmen attacked the village of {}, Yagha province, on Wednesday and killed five residents.",
    )
    for n, village in enumerate(("Kourou", second_village)):
        text = texts[n].format(village)
        b = Builder(text, published=date(2020, 3, 5), source=f"Desk {n}")
        b.mention(text, "attacked", SHOOTING, dates=(date(2020, 3, 4), date(2020, 3, 4), 1), place=region)
        builders.append(b)
    assert _events_of(builders) == events


@pytest.mark.parametrize(("second_village", "events"), [("Mau Narok", 1), ("Narok", 2)])
def test_link_cluster_a_coders_placing_later_in_the_paragraph_is_the_mentions(second_village, events):
    # "location coded as X" closes a note whose event sentence names no place
    region = Place("Nakuru", lat=-0.3, lon=36.1, admin1="Nakuru", country="KE", feature="admin1", precision=3)
    builders = []
    day = (date(2019, 9, 2), date(2019, 9, 2), 1)
    for n, (village, settlers) in enumerate((("Mau Narok", "settlers"), (second_village, "families"))):
        text = f"On Monday, officials evicted {settlers} of the Mau Forest. Location coded as {village}."
        builders.append(Builder(text, published=date(2019, 9, 3), source=f"Desk {n}"))
        builders[-1].mention(text.split(". ")[0], "evicted", RIOT, dates=day, place=region)
    assert _events_of(builders) == events


@pytest.mark.parametrize(("second_village", "events"), [("Nessuit", 1), ("Ndoswa", 2)])
def test_link_cluster_a_mention_takes_the_localities_of_its_paragraph(second_village, events):
    # The first note's toll stands in a sentence naming no place: the village it happened in is
    # the one its paragraph named first.
    region = Place("Nakuru", lat=-0.3, lon=36.1, admin1="Nakuru", country="KE", feature="admin1", precision=3)
    first = Builder(
        "On Friday, a militia fired arrows at police in Nessuit (Njoro, Nakuru). "
        "Police then fired at the attackers, killing one.",
        published=date(2018, 9, 15),
        source="Desk 1",
    )
    first.mention(
        "Police then fired at the attackers, killing one.",
        "fired",
        dates=(date(2018, 9, 14), date(2018, 9, 14), 1),
        place=region,
    )
    text = f"On Friday, militiamen fired arrows at police in {second_village} (Njoro, Nakuru), killing one."
    second = Builder(text, published=date(2018, 9, 15), source="Desk 2")
    second.mention(text, "fired", dates=(date(2018, 9, 14), date(2018, 9, 14), 1), place=region)
    builders = (first, second)
    assert _events_of(builders) == events


@pytest.mark.parametrize(
    ("second", "events"),
    [
        # names the village the index lacks: another incident unless the texts agree
        ("Residents lynched two suspected cattle thieves near Kodada village on Saturday.", 2),
        # names no place: a follow-up of the only incident of its day and kind
        ("Residents lynched two suspected cattle thieves on Saturday.", 1),
    ],
)
def test_link_cluster_a_report_naming_an_unplaced_village_needs_agreeing_text(second, events):
    nyeri = Place("Nyeri", lat=-0.42, lon=36.95, admin1="Nyeri", country="KE")
    first = "Two suspected thieves were beaten to death by a mob of vigilantes in Nyeri on Saturday."
    assert _same_day_pair((first, "beaten", nyeri), (second, "lynched", None), MOB) == events


def _same_day_pair(first: tuple[str, str, Place | None], second: tuple[str, str, Place | None], kind) -> int:
    """How many events two reports of one day and ``kind`` (each text, trigger, place) link into."""
    builders = []
    for n, (text, trigger, place) in enumerate((first, second)):
        b = Builder(text, published=date(2020, 1, 18), source=f"Desk {n}")
        b.mention(text, trigger, kind, dates=(date(2020, 1, 17), date(2020, 1, 17), 1), place=place)
        builders.append(b)
    return len(
        link_events([b.article for b in builders], [b.extraction() for b in builders], settings=SETTINGS)
    )


@pytest.mark.parametrize(
    ("second", "events"),
    [
        # another incident of the day, a few words shared (enough without the text floor)
        ("An IED struck a minibus carrying traders on Friday, wounding three.", 2),
        # the same incident, told in the same words
        ("An IED struck an army vehicle on the road and wounded two soldiers on Friday.", 1),
    ],
)
def test_link_cluster_two_reports_without_places_link_on_their_words(second, events):
    first = "An IED struck an army vehicle on the road and wounded two soldiers on Friday, the army said."
    assert _same_day_pair((first, "struck", None), (second, "struck", None), IED) == events


HELMAND = Place("Helmand", lat=31.0, lon=64.0, admin1="Helmand", country="AF", feature="admin1", precision=3)
NAD_ALI = Place("Nad-e Ali", lat=31.6, lon=64.2, admin1="Helmand", country="AF", precision=2)
ARMED_CLASH = ("Battles", "Armed clash")


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Three militants were killed by artillery in Helmand province.", True),
        ("Fighting went on in the province of Helmand on Friday.", True),
        ("HELMAND PROVINCE", True),
        # a name only, or a kind word that begins an organisation's name: no region named as one
        ("Three militants were killed in Helmand.", False),
        ("A retired Helmand Province Police officer was shot.", False),
    ],
)
def test_link_groups_names_region_needs_the_regions_kind_word(text, named):
    assert names_region(HELMAND, text) is named
    assert not names_region(NAD_ALI, "in Nad-e Ali district")  # a district is no region


@pytest.mark.parametrize(
    ("second", "events"),
    [
        # another incident of the province that day, in other words (one event without the floor)
        (
            "Taliban militants killed two soldiers in an attack on a checkpoint in Helmand province "
            "on Friday.",
            2,
        ),
        # the same clash, told in its words
        (
            "Police repulsed a Taliban attack on a checkpoint on Friday, killing five militants, in "
            "Helmand province.",
            1,
        ),
    ],
)
def test_link_cluster_a_region_named_as_one_beside_a_district_needs_words_in_common(second, events):
    first = (
        "Police repulsed a Taliban attack on a checkpoint in the Camp Bazar area of Nad Ali district "
        "on Friday, killing five militants."
    )
    assert _same_day_pair((first, "attack", NAD_ALI), (second, "attack", HELMAND), ARMED_CLASH) == events


def test_link_cluster_a_running_toll_two_days_later_joins_its_attack():
    attack = (
        "Gunmen attacked the village of Yelwata late on Friday, killing at least 40 people, officials said."
    )
    toll = "The number of people killed in the attack on Yelwata rose to 59 on Sunday, officials said."
    yelwata = Place("Yelwata", lat=7.95, lon=8.78, admin1="Benue", country="NG")
    a = Builder(attack, published=date(2025, 6, 14), source="Lagos Desk")
    a.mention(attack, "attacked", SHOOTING, dates=(date(2025, 6, 13), date(2025, 6, 13), 1), place=yelwata)
    b = Builder(toll, published=date(2025, 6, 15), source="Abuja Wire")
    b.mention(toll, "killed", SHOOTING, dates=(date(2025, 6, 15), date(2025, 6, 15), 1), place=yelwata)
    linked = link_events([a.article, b.article], [a.extraction(), b.extraction()], settings=SETTINGS)
    assert len(linked) == 1


def test_link_cluster_a_day_two_days_outside_an_events_days_is_another_incident():
    # Reports of the 4th and the 5th make one event of the 4th-5th; a note of the 7th is two
    # days past it, however alike the words (the event's span does not open the door).
    builders = []
    for day in (4, 5, 7):
        weekday = date(2020, 3, day).strftime("%A")
        b = Builder(CLASH.format(day=weekday, n=5), published=date(2020, 3, day), source=f"Desk {day}")
        b.mention(b.article.text, "clashed", dates=(date(2020, 3, day), date(2020, 3, day), 1), place=BADGHIS)
        builders.append(b)
    linked = link_events([b.article for b in builders], [b.extraction() for b in builders], settings=SETTINGS)
    assert sorted(len(e.article_ids) for e in linked) == [1, 2]
