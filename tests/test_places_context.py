"""Tests for the place rules of issue 16: country context between namesakes, divisions in
parentheses, GeoNames second-level divisions, demonyms as weak hints only, ACLED's admin1 names.

Example sentences are our own (invented villages included); the divisions named are real.
"""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.export.places import acled_admin1, admin2
from fogofwar.extract.events import extract_mentions
from fogofwar.extract.events.context import filing_lead
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.places.text import find_hits
from fogofwar.extract.sentences import split_sentences
from fogofwar.model import Article, Place, article_id


def _found(
    gazetteer: Gazetteer, text: str, country: str | None
) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (text[s:e], p.feature, p.admin1, p.country)
        for s, e, p in gazetteer.find_places(text, country=country)
    ]


def _place(gazetteer: Gazetteer, text: str) -> Place | None:
    article = Article(id=article_id(text), text=text, published=date(2020, 5, 4))
    mentions = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    assert mentions, text
    return mentions[0].place


def test_places_parenthesis_of_divisions_is_a_cue(gazetteer: Gazetteer) -> None:
    text = "Gunmen attacked Zorbagou (Zorbagou, Kossi) at dawn."
    hits = {h.key: h for h in find_hits(text, keys={"zorbagou", "kossi"}, titles=())}
    assert hits["kossi"].bracketed and hits["kossi"].cued
    # A parenthesis that is not a list of names after a name says nothing.
    assert not find_hits("The army (Kossi) said so.", keys={"kossi"}, titles=())[0].bracketed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A second-level division in parentheses places an unknown village: country and admin1.
        (
            "Militants burned a school in Zorbagou (Zorbagou, Kossi).",
            ("Kossi", "admin2", "Boucle du Mouhoun", "BF"),
        ),
        ("Gunmen killed two herders in Wendou (Yagha).", ("Yagha", "admin2", "Sahel", "BF")),
        # A kind word does as much.
        ("Troops patrolled Oudalan province.", ("Oudalan", "admin2", "Sahel", "BF")),
    ],
)
def test_places_second_level_divisions_when_marked(
    gazetteer: Gazetteer, text: str, expected: tuple[str, str, str, str]
) -> None:
    assert expected in _found(gazetteer, text, None)


def test_places_second_level_division_never_alone(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "Troops patrolled Oudalan province.", "BF")
    assert ("Oudalan", "admin2", "Sahel", "BF") in found
    # Alone, or after a cue, a division's name is more often a person's or a town's.
    assert _found(gazetteer, "Officials met Oudalan on Monday.", "BF") == []
    assert _found(gazetteer, "The man was wounded, according to Barnes.", "US") == []


@pytest.mark.parametrize(
    "text",
    [
        "The Elgin Police Department said two men were arrested.",
        "A deputy of the Madison County Sheriff Office was hurt.",
    ],
)
def test_places_offices_named_after_divisions_are_no_places(gazetteer: Gazetteer, text: str) -> None:
    assert [f for f in _found(gazetteer, text, "US") if f[1] == "admin2"] == []
    assert gazetteer.country_context(text) != "PL"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # An admin1 named in the text outvotes the attackers' demonym.
        ("Russian forces shelled farms near a village of Dnipropetrovsk region. No casualties.", "UA"),
        # Divisions in parentheses name the country the note never names.
        ("Militants attacked the market of Zorbagou (Zorbagou, Kossi), killing three.", "BF"),
        # Countries named in the text still count most.
        ("Turkish jets struck positions in northern Iraq, the ministry said.", "IQ"),
        # A region written by its capital's name after "in" or "the countryside of" holds the
        # name before it, however small that town: not Jordan's Karak, not a Kelly in the US.
        ("Two armed families clashed in the town of Karak in Dar'a on Monday.", "SY"),
        ("Gunmen killed a girl in a camp near Kelly in the northern countryside of Idleb.", "SY"),
    ],
)
def test_places_country_context_from_places_before_demonyms(
    gazetteer: Gazetteer, text: str, iso: str
) -> None:
    assert gazetteer.country_context(text) == iso


def test_places_demonym_is_never_the_place(gazetteer: Gazetteer) -> None:
    # Whose drone it was is no place: with no place named, the event has none.
    place = _place(gazetteer, "On 3 May, a Turkish drone strike killed two militants.")
    assert place is None or place.country != "TR"
    # A village in a parenthesis of divisions places the event there.
    place = _place(
        gazetteer, "On 3 May, French airstrikes killed ten militants near Zorbagou (Zorbagou, Kossi)."
    )
    assert place is not None and (place.country, place.admin1) == ("BF", "Boucle du Mouhoun")


def test_places_kind_word_of_one_country_places_the_event_there(gazetteer: Gazetteer) -> None:
    # A village the index lacks, named with a kind word only the Philippines use: the event is
    # in the Philippines, at country precision, even though no place of the text is found.
    text = "On 4 May, soldiers and rebels exchanged fire in Barangay Ulalinga, Kalbantay, for ten minutes."
    evidence = gazetteer.country_evidence(text)
    assert (evidence.country, evidence.named_by_places) == ("PH", True)
    place = _place(gazetteer, text)
    assert place is not None and (place.country, place.feature) == ("PH", "country")
    # Demonyms never name the place, however many (the weak hint stays a hint).
    evidence = gazetteer.country_evidence("Malian soldiers and Malian police raided a camp.")
    assert (evidence.country, evidence.named_by_places) == ("ML", False)


def test_places_division_written_last_after_a_place_of_it(gazetteer: Gazetteer) -> None:
    # Provinces the index knows only as second-level divisions, named without their kind word
    # after a place of theirs at a clause's end.
    found = gazetteer.find_places(
        "Soldiers clashed with rebels in Barangay Taruk, Tandubas, Tawi-Tawi.", country="PH"
    )
    assert [(p.name, p.feature, p.country) for _s, _e, p in found] == [("Tawi-Tawi", "admin2", "PH")]
    # A photographer's credit in parentheses is no such pair.
    assert gazetteer.find_places("A man was shot in the leg. (Theodorakis, Andrew)", country="US") == []


def test_places_sub_county_is_a_district_word(gazetteer: Gazetteer) -> None:
    hits = find_hits("Bandits struck in Laisamis sub county.", keys={"laisamis"}, titles=())
    assert hits[0].hint == "district" and hits[0].cued


def test_places_admin1_alternate_names_from_geonames(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "Separatists clashed with troops in Sud-Ouest region.", "CM")
    assert ("Sud-Ouest", "admin1", "South-West", "CM") in found


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Place(name="Goma", admin1="North Kivu", country="CD"), "Nord-Kivu"),
        (Place(name="Cizre", admin1="Şırnak", country="TR"), "Şirnak"),
        (Place(name="Gao", admin1="Gao", country="ML"), "Gao"),
        (
            Place(name="Marawi", admin1="Bangsamoro", country="PH"),
            "Bangsamoro Autonomous Region in Muslim Mindanao",
        ),
        # the capital city is its own division in ACLED's names, the oblast around it another
        (Place(name="Kyiv", admin1="Kyiv", country="UA"), "Kiev City"),
        (Place(name="Bila Tserkva", admin1="Kyiv Oblast", country="UA"), "Kiev"),
        # ACLED writes these divisions without GeoNames' kind word
        (Place(name="Bogra", admin1="Rajshahi Division", country="BD"), "Rajshahi"),
        (Place(name="Tyre", admin1="South Governorate", country="LB"), "South"),
        (Place(name="Usme", admin1="Bogota D.C.", country="CO"), "Bogota, D.C."),
        (Place(name="Nasiriyah", admin1="Dhi Qar", country="IQ"), "Thi-Qar"),
        (Place(name="Beersheba", admin1="Southern District", country="IL"), "HaDarom"),
        (Place(name="Wad Madani", admin1="Al Jazirah", country="SD"), "El Gazira"),
        (None, None),
    ],
)
def test_places_acled_admin1_names(place: Place | None, expected: str | None) -> None:
    assert acled_admin1(place) == expected


def test_places_admin2_export_column() -> None:
    assert admin2(Place(name="Kossi", admin1="Boucle du Mouhoun", country="BF", feature="admin2")) == "Kossi"


def test_places_country_name_before_an_actor_noun_is_whose_not_where(gazetteer: Gazetteer) -> None:
    # "a US airstrike": the actor's home, like the demonym "American"; the district is the place
    text = "On 2 March, a US airstrike killed five militants in Nurgal district, Kunar."
    assert "United States" not in [name for name, *_ in _found(gazetteer, text, None)]
    assert gazetteer.country_context(text) == "AF"
    place = _place(gazetteer, text)
    assert place is not None and (place.country, place.admin1) == ("AF", "Kunar")


def test_places_country_name_as_a_place_still_counts(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "Troops crossed into Afghanistan overnight.", None)
    assert ("Afghanistan", "country", None, "AF") in found


def test_places_first_word_of_an_unknown_district_is_no_town(gazetteer: Gazetteer) -> None:
    # "Tala" alone is a town in Egypt; here it begins a district's name the gazetteer lacks
    text = "On 9 March, gunmen killed a teacher in Tala wa Bafrak district, Baghlan."
    found = _found(gazetteer, text, None)
    assert all(country != "EG" for *_, country in found)
    place = _place(gazetteer, text)
    assert place is not None and (place.country, place.admin1) == ("AF", "Baghlan")


def test_places_district_of_a_city_keeps_the_city(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "A grenade was thrown at a checkpoint in Mogadishu-Hodan district.", None)
    assert ("Mogadishu", "SO") in [(name, country) for name, _, _, country in found]


def test_places_region_after_a_town_is_the_towns_own(gazetteer: Gazetteer) -> None:
    # Red Sea is a state of Sudan and a governorate of Egypt: the town says which
    for text in (
        "Traders went on strike in Port Sudan (Red Sea state).",
        "Traders went on strike in Port Sudan, Red Sea.",
    ):
        found = _found(gazetteer, text, None)
        assert ("Red Sea", "admin1", "Red Sea", "SD") in found, text
        assert gazetteer.country_context(text) == "SD", text


def test_places_division_in_parentheses_outvotes_a_namesake_abroad(gazetteer: Gazetteer) -> None:
    # "Kain" is also a Belgian town; Yatenga, the province in the parenthesis, is Burkina Faso's
    text = "On 2 May, militants attacked the police post of Kain (Kain, Yatenga)."
    assert gazetteer.country_context(text) == "BF"
    place = _place(gazetteer, text)
    assert place is not None and place.country == "BF"


def test_places_division_named_with_its_kind(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "Soldiers searched houses in Maungdaw District.", "MM")
    assert ("Maungdaw District", "admin2", "Rakhine", "MM") in found


def test_places_kind_word_of_one_country_votes_for_it(gazetteer: Gazetteer) -> None:
    # Adamawa is a Nigerian state and (as Adamaoua) a Cameroonian region; LGAs are Nigeria's
    text = "Gunmen raided Toungo (Toungo LGA, Adamawa) at night."
    assert gazetteer.country_context(text) == "NG"
    assert ("Adamawa", "admin1", "Adamawa", "NG") in _found(gazetteer, text, None)


def test_places_compass_word_ending_an_unknown_county_is_no_region(gazetteer: Gazetteer) -> None:
    found = _found(
        gazetteer, "Raiders struck a cattle camp in Mundri East county (Western Equatoria state).", None
    )
    assert [country for *_, country in found] == ["SS"]


def test_places_name_in_a_parenthesis_of_divisions_is_a_division(gazetteer: Gazetteer) -> None:
    # Soum: a province of Burkina Faso and a village of Senegal
    found = _found(gazetteer, "Vigilantes routed militants in Pobe Mengao (Pobe-Mengao, Soum).", None)
    assert ("Soum", "admin2", "Sahel", "BF") in found


def test_places_division_lies_in_the_next_one_of_its_parenthesis(gazetteer: Gazetteer) -> None:
    # Beni: a department of Bolivia, and a town of North Kivu
    text = "Soldiers found a rebel camp near Mayangose (Beni, Nord-Kivu)."
    assert gazetteer.country_context(text) == "CD"
    assert ("Beni", "populated_place", "North Kivu", "CD") in _found(gazetteer, text, None)


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # districts named alike in several provinces: the province written after the kind word
        ("Taliban fighters ambushed a patrol in Dawlat Abad district center, Balkh.", "Balkh"),
        ("A blast hit a checkpoint in Qarabagh district, Kabul.", "Kabul"),
        # "Nawa" alone is a Helmand district; here it ends an area's name
        ("A landmine hit a patrol in Pie Nawa of Tarinkot district, Uruzgan.", "Uruzgan"),
    ],
)
def test_places_district_then_its_province(gazetteer: Gazetteer, text: str, admin1: str) -> None:
    first = _found(gazetteer, text, "AF")[0]
    assert first[2] == admin1


def test_places_neighbourhood_word_is_no_town(gazetteer: Gazetteer) -> None:
    # "Colonia" alone is a village of Hidalgo; "Colonia Camino Verde" is a district of Tijuana
    text = "In Tijuana, Baja California, gunmen shot a man in Colonia Camino Verde."
    assert [(name, admin1) for name, _, admin1, _ in _found(gazetteer, text, "MX")] == [
        ("Tijuana", "Baja California"),
        ("Baja California", "Baja California"),
    ]


def test_places_neighbourhood_named_with_its_kind_is_no_town(gazetteer: Gazetteer) -> None:
    # Candelária is also a town of Rio Grande do Sul
    text = "In Rio de Janeiro, a shoot-out took place in Candelaria neighborhood."
    assert [name for name, *_ in _found(gazetteer, text, "BR")] == ["Rio de Janeiro"]


def test_places_admin1_alternate_name_inside_a_longer_name_is_no_place(gazetteer: Gazetteer) -> None:
    text = "In Sao Paulo, protesters marched against the Federal Supreme Court."
    assert [name for name, *_ in _found(gazetteer, text, "BR")] == ["Sao Paulo"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Arab" is also a town of Alabama, "Roma" an alternate name of Rome: a people first
        (
            "Mayors of Arab towns held a sit-in outside the finance ministry in Jerusalem.",
            [("Jerusalem", "IL")],
        ),
        ("Men set fire to a Roma camp in Holosiivskyi district of Kyiv.", [("Kyiv", "UA")]),
        # after a place cue and before no common noun, the town of Alabama it is
        ("A boy shot himself in the hand at a home in Arab on Tuesday.", [("Arab", "US")]),
        # a minister's portfolio is no town ("Justice" is a village of Illinois)
        ("Guards on strike raided the residence of Justice Minister Paul Kabore.", []),
    ],
)
def test_places_peoples_and_portfolios_are_no_places(gazetteer: Gazetteer, text: str, expected) -> None:
    assert [(text[s:e], p.country) for s, e, p in gazetteer.find_places(text)] == expected
    assert gazetteer.country_context(text) in {iso for _, iso in expected} | {None}


def test_places_sudans_gezira_state_by_its_spellings(gazetteer: Gazetteer) -> None:
    # not Gżira, Malta
    text = "Supporters of the former ruling party demonstrated in El Gazira state on Sunday."
    assert _found(gazetteer, text, None) == [("El Gazira", "admin1", "Al Jazirah", "SD")]


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Dozens of demonstrators blocked roads in Thi Qar province on Monday.", "IQ", "Dhi Qar"),
        ("Gunmen attacked a checkpoint in Banadir region overnight.", "SO", "Banaadir"),
        ("Clashes broke out in Almargeb on Sunday.", "LY", "Al Marqab"),
    ],
)
def test_places_admin1_as_acled_spells_it(gazetteer: Gazetteer, text: str, country: str, admin1: str) -> None:
    assert [(p.country, p.admin1) for _, _, p in gazetteer.find_places(text, country=country)] == [
        (country, admin1)
    ]


def test_places_compass_word_after_a_place_names_a_division_of_it(gazetteer: Gazetteer) -> None:
    # "Baringo South" is a constituency of Baringo; the word after it ends the name
    text = "Gunmen wounded three police officers in an ambush in Ramacha, Baringo South."
    place = _place(gazetteer, text)
    assert place is not None and (place.admin1, place.country) == ("Baringo", "KE")
    # before a common noun or another name the compass word starts a longer name
    text = "A man was killed in the Walnut Park West neighborhood of St. Louis on Tuesday."
    assert "Walnut Park" not in [name for name, *_ in _found(gazetteer, text, "US")]


def test_places_name_joined_by_a_particle_is_no_place(gazetteer: Gazetteer) -> None:
    # "Lopez" is a town of Cauca; here it ends a hospital's name
    text = "In Valledupar, Cesar department, workers of the Hospital Rosario Pumarejo de Lopez protested."
    assert [p.name for _, _, p in gazetteer.find_places(text, country="CO")] == ["Valledupar", "Cesar"]


def test_places_demonyms_alone_yield_to_the_country_places_name(gazetteer: Gazetteer) -> None:
    # "Somalis" are a people of Kenya's north-east here; Garba Tula is the Kenyan town
    text = "On 14 June, in Quri area of Garba Tula, Borana and Somalis clashed. Five people were killed."
    assert gazetteer.country_context(text) == "KE"
    place = _place(gazetteer, text)
    assert place is not None and (place.name, place.country) == ("Garba Tula", "KE")
    # with no place voting elsewhere the demonym remains the context (a hint between namesakes)
    assert gazetteer.country_context("Burkinabe soldiers killed 17 herders in the village of Raogo.") == "BF"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a road named from its two ends runs from the near one; the far end is elsewhere
        ("On 10 May, traders blocked the Garissa-Nairobi road to protest over county taxes.", "Garissa"),
        ("On 7 May, gunmen ambushed a convoy on the Damboa - Maiduguri road.", "Damboa"),
        # a country at the far end is across a border, not the event's country
        (
            "On 15 July, three militants were killed in Lamu by police after a bomb hit a patrol on "
            "the Kiunga-Somalia road.",
            "Lamu",
        ),
        # a street named after a town is no place of that town
        ("A man was shot dead in the 13700 block of Montfort Drive in Dallas on Sunday.", "Dallas"),
    ],
)
def test_places_roads_and_streets_named_after_towns(gazetteer: Gazetteer, text: str, name: str) -> None:
    place = _place(gazetteer, text)
    assert place is not None and place.name == name


def test_places_where_someone_was_sent_is_not_where_it_happened(gazetteer: Gazetteer) -> None:
    # the riot is in Kenya, its village unknown to the index; Canada is where a man was sent
    text = (
        "Violent protests broke out in Awasi over the detention of an opposition activist. "
        "The riots grew on Wednesday when residents learnt he had been deported to Canada."
    )
    article = Article(id=article_id(text), text=text, published=date(2018, 2, 8))
    mentions = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    assert mentions and all(m.place is None for m in mentions)


def test_places_parenthesis_after_a_division_and_its_kind(gazetteer: Gazetteer) -> None:
    # "Shailkupa upazila (Jhenaidah)": the district that holds the subdistrict the index lacks
    text = "On 29 April, a student was killed by rivals in Sheikhpara area of Shailkupa upazila (Jhenaidah)."
    place = _place(gazetteer, text)
    assert place is not None and (place.name, place.admin1, place.country) == ("Jhenaidah", "Khulna", "BD")


def test_places_a_protest_is_placed_where_it_marched_not_at_its_cause(gazetteer: Gazetteer) -> None:
    # the killings the marchers denounce happened in Yagha, the march in Gaoua
    text = (
        "On 7 September, a movement staged a protest march in Gaoua, demanding justice for two "
        "of its members who were assassinated in the Yagha province."
    )
    place = _place(gazetteer, text)
    assert place is not None and (place.name, place.admin1) == ("Gaoua", "Sud-Ouest")


def test_places_the_articles_country_outranks_a_town_abroad(gazetteer: Gazetteer) -> None:
    # a dateline not set off by a dash or parenthesis reads as a sentence's town: the country
    # the sentence says it happened in is the place, not the German city it was filed from
    text = (
        "STUTTGART, Germany Islamic State militants killed an American soldier in northern Iraq on "
        "Tuesday. Iraqi officials said the attack on a Kurdish position near Mosul was repelled."
    )
    article = Article(id=article_id(text), text=text, published=date(2016, 5, 4))
    first = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)[0]
    assert first.place is not None and (first.place.country, first.place.feature) == ("IQ", "country")


def test_places_a_country_owning_a_division_is_not_where_it_happened(gazetteer: Gazetteer) -> None:
    text = "Rebels attacked a church in Komanda, in Congo's Ituri province, killing 21 people."
    article = Article(id=article_id(text), text=text, published=date(2025, 7, 27))
    (mention,) = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    assert mention.place is not None and (mention.place.country, mention.place.admin1) == ("CD", "Ituri")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline scraped of its agency and dash: the capital it was filed from
        ("BRUSSELS Explosions tore through the airport on Tuesday, killing at least 13 people.", "Brussels"),
        ("WASHINGTON Two more citizens have been confirmed killed in last week's bombings.", "Washington"),
        # capitals that name no filing city, or no place: an organisation, a word
        ("NATO Secretary General Jens Stoltenberg condemned the attack.", None),
        ("UPDATE Police said two men were arrested.", None),
        # an ALL CAPS text has no mixed-case prose after its first word
        ("BAGHDAD IRAQI FORCES SAID THEY KILLED TEN MILITANTS.", None),
    ],
)
def test_places_a_dateline_without_its_dash_is_where_it_was_filed(
    gazetteer: Gazetteer, text: str, expected: str | None
) -> None:
    article = Article(id=article_id(text), text=text, published=date(2016, 3, 23))
    found = filing_lead(article, gazetteer)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the country written after the town says where it was filed, whatever the town's size
        ('NICE, France A "terrorist" gunman drove a truck into a crowd on Thursday.', ("Nice", "FR")),
        ("STUTTGART, Germany Islamic State militants killed a soldier in Iraq.", ("Stuttgart", "DE")),
        # a name and a word that is no country: no dateline
        ("ACME, Inc. Workers said the plant was closed.", None),
    ],
)
def test_places_a_dateline_without_its_dash_names_its_country(
    gazetteer: Gazetteer, text: str, expected: tuple[str, str] | None
) -> None:
    article = Article(id=article_id(text), text=text, published=date(2016, 7, 15))
    assert filing_lead(article, gazetteer) == expected


def test_places_a_dateline_without_its_dash_votes_for_its_country(gazetteer: Gazetteer) -> None:
    # Paris named again and again further down: the report was filed in Brussels, and a sentence
    # without a place of its own is about Brussels, not Paris
    text = (
        "BRUSSELS Explosions tore through the departure hall of Brussels airport on Tuesday "
        "morning, and a third blast hit a metro station near the European Union institutions an "
        "hour later.\n\nThe agency said up to ten people were killed at the airport, citing hospital "
        "sources. Rescue teams were still searching the station and the streets around it late in "
        "the morning, and the government raised the threat level to its highest.\n\nA suspect in "
        "last year's Paris attacks was arrested last week, French investigators said. Paris "
        "prosecutors said he had planned new attacks, and that others from his cell were still at "
        "large in Paris."
    )
    article = Article(id=article_id(text), text=text, published=date(2016, 3, 22))
    mentions = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    killed = next(m for m in mentions if "ten people were killed" in m.sentence.text)
    assert killed.place is not None and killed.place.country == "BE"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a US report: Brussels is Belgium's capital, not the Wisconsin village of that name
        (
            "WASHINGTON Two more U.S. citizens have been confirmed killed in last week's suicide "
            "bombings at the Brussels airport, the State Department said on Friday.",
            "BE",
        ),
        # ... unless the report names the town's state
        ("A man was shot dead outside a bar in Paris, Texas, on Friday night, police said.", "US"),
    ],
)
def test_places_a_small_town_named_after_a_world_city(gazetteer: Gazetteer, text: str, country: str) -> None:
    article = Article(id=article_id(text), text=text, published=date(2016, 3, 30))
    (mention,) = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    assert mention.place is not None and mention.place.country == country
